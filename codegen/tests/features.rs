//! How a big crate is cut into cargo features (`emit::groups`).

use std::collections::{BTreeMap, BTreeSet};

use codegen::emit::groups::{plan, Groups, MAX_FEATURES, SPLIT_ABOVE};
use codegen::ir::Ir;
use codegen::overlay::Overlay;
use codegen::Source;

fn object(name: &str, rows: &[(&str, &str)]) -> Source {
    let mut text = format!(
        "# {name}\n\nA model.\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
    );
    for (field, ty) in rows {
        text.push_str(&format!("| `{field}` | {ty} | :heavy_minus_sign: | x |\n"));
    }
    Source {
        path: format!("models/shared/{}.md", name.to_lowercase()),
        text,
    }
}

fn link(name: &str) -> String {
    format!(
        "[Optional[shared.{name}]](../../models/shared/{}.md)",
        name.to_lowercase()
    )
}

/// `items` items, each holding a part of its own, all members of one union,
/// plus `extra` more items.
fn spec(items: usize, extra: &[&str]) -> Ir {
    let mut sources = Vec::new();
    let mut names: Vec<String> = (0..items).map(|i| format!("Item{i:03}")).collect();
    names.extend(extra.iter().map(|s| s.to_string()));
    let mut union = String::from("# AnyItem\n\nOne item.\n\n## Supported Types\n\n");
    for name in &names {
        let part = format!("{name}Part");
        sources.push(object(
            name,
            &[("part", &link(&part)), ("label", "*Optional[str]*")],
        ));
        sources.push(object(&part, &[("size", "*Optional[int]*")]));
        union.push_str(&format!(
            "### `shared.{name}`\n\n```python\nvalue: shared.{name} = /* values here */\n```\n\n"
        ));
    }
    sources.push(Source {
        path: "models/shared/anyitem.md".into(),
        text: union,
    });
    codegen::load_sources(sources, &Overlay::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .ir
}

fn needs_of(groups: &Groups, feature: &str) -> BTreeSet<String> {
    groups.needs.get(feature).cloned().unwrap_or_default()
}

#[test]
fn a_small_crate_has_no_features() {
    let ir = spec(10, &[]);
    assert!(ir.models.len() <= SPLIT_ABOVE);
    assert_eq!(plan(&ir, &BTreeMap::new()), Groups::default());
}

#[test]
fn a_big_crate_is_cut_by_holder_with_hubs_apart() {
    let ir = spec(300, &[]);
    assert!(ir.models.len() > SPLIT_ABOVE);
    let groups = plan(&ir, &BTreeMap::new());
    let members = groups.members();
    assert!(
        members.len() <= MAX_FEATURES && members.len() > 1,
        "{}",
        members.len()
    );
    // A model's parts go with it.
    for i in [0, 150, 299] {
        let item = format!("Item{i:03}");
        assert_eq!(
            groups.feature(&item),
            groups.feature(&format!("{item}Part"))
        );
    }
    // The union reaches every item: it has a feature of its own, which
    // enables every other, and no item's feature enables it.
    let hub = groups.feature("AnyItem").unwrap();
    assert_eq!(hub, "any-item");
    assert_eq!(members[hub], vec!["AnyItem"]);
    let others: BTreeSet<String> = members
        .keys()
        .filter(|f| **f != hub)
        .map(|f| f.to_string())
        .collect();
    assert_eq!(needs_of(&groups, hub), others);
    for feature in &others {
        assert_eq!(needs_of(&groups, feature), BTreeSet::new(), "{feature}");
    }
    // Features are named after their first model and about the same size.
    assert_eq!(groups.feature("Item000"), Some("item000"));
    let sizes: Vec<usize> = others.iter().map(|f| members[f.as_str()].len()).collect();
    let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
    assert!(max - min <= 2, "{sizes:?}");
}

#[test]
fn regenerating_keeps_every_model_in_its_feature() {
    let before = plan(&spec(300, &[]), &BTreeMap::new());
    // A new item sorts between Item100 and Item101; a new name sorts last.
    let after = plan(&spec(300, &["Item100b", "Zebra"]), &before.feature_of);
    for (model, feature) in &before.feature_of {
        assert_eq!(after.feature(model), Some(feature.as_str()), "{model}");
    }
    // A new model joins the feature of the model before it, or starts one
    // where that feature is full (Item294 to Item299 fill theirs).
    assert_eq!(after.feature("Item100b"), after.feature("Item100"));
    assert_eq!(after.feature("Item100bPart"), after.feature("Item100"));
    assert_eq!(after.members()["item294"].len(), 12);
    assert_eq!(after.feature("Zebra"), Some("zebra"));
    assert_eq!(after.members()["zebra"], vec!["Zebra", "ZebraPart"]);
}

#[test]
fn a_new_model_starts_no_feature_past_the_limit() {
    let ir = spec(300, &["Aardvark", "Apple"]);
    // Recorded: as many features as allowed, the union's among them.
    let mut previous: BTreeMap<String, String> = BTreeMap::new();
    for i in 0..300 {
        let feature = format!("f{}", i % (MAX_FEATURES - 1));
        previous.insert(format!("Item{i:03}"), feature.clone());
        previous.insert(format!("Item{i:03}Part"), feature);
    }
    previous.insert("AnyItem".into(), "any-item".into());
    let groups = plan(&ir, &previous);
    let members = groups.members();
    assert_eq!(members.len(), MAX_FEATURES);
    for (model, feature) in &previous {
        assert_eq!(groups.feature(model), Some(feature.as_str()), "{model}");
    }
    // `Aardvark` sorts first: it joins the first recorded feature in key
    // order that is no hub's (not the union's, which turns on every
    // other), its part with it.
    assert_eq!(groups.feature("Aardvark"), Some("f0"));
    assert_eq!(groups.feature("AardvarkPart"), Some("f0"));
    // `Apple` sorts right after the union: it joins the nearest feature
    // before it that is no hub's, `Aardvark`'s.
    assert_eq!(groups.feature("Apple"), Some("f0"));
    // Past the limit already: the record is kept as it is.
    previous.insert("Item299".into(), "one-too-many".into());
    previous.insert("Item299Part".into(), "one-too-many".into());
    let groups = plan(&ir, &previous);
    assert_eq!(groups.members().len(), MAX_FEATURES + 1);
    assert_eq!(groups.feature("Item299"), Some("one-too-many"));
}

#[test]
fn a_cycle_of_sole_holders_is_one_group() {
    // `Theta` and `Iota` hold each other alone; `Alpha` is held by `Iota`
    // alone, so the walk from `Alpha` enters the cycle at `Iota`: `Alpha`
    // goes with the cycle, though its key sorts before the cycle's.
    let mut sources = vec![
        object("Alpha", &[("size", "*Optional[int]*")]),
        object("Theta", &[("iota", &link("Iota"))]),
        object(
            "Iota",
            &[("theta", &link("Theta")), ("alpha", &link("Alpha"))],
        ),
    ];
    // Enough models to be cut, each a group of its own, sorting between
    // `Alpha` and the cycle.
    for i in 0..SPLIT_ABOVE {
        sources.push(object(
            &format!("Filler{i:03}"),
            &[("size", "*Optional[int]*")],
        ));
    }
    let ir = codegen::load_sources(sources, &Overlay::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .ir;
    let groups = plan(&ir, &BTreeMap::new());
    assert_eq!(groups.feature("Theta"), groups.feature("Iota"));
    assert_eq!(groups.feature("Alpha"), groups.feature("Iota"));
}
