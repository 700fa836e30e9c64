//! Unions: member choice, tags, errors, recursion.

use super::*;

// ---------------------------------------------------------------- unions

#[test]
fn every_union_member_round_trips() {
    // The old form: `dimension: T = ...` under empty and bare-name headings.
    assert_eq!(
        same::<Dimension>(json!("M8")),
        Dimension::String("M8".into())
    );
    assert_eq!(same::<Dimension>(json!(12)), Dimension::Integer(12.into()));
    assert_eq!(same::<Dimension>(json!(12.5)), Dimension::Float(12.5));
    assert_eq!(
        same::<Dimension>(json!({"width": 1.5, "height": 2.5})),
        Dimension::Extent(Extent::new(1.5, 2.5))
    );
    assert_eq!(
        same::<Dimension>(json!([1, "a", null])),
        Dimension::AnyList(vec![json!(1), json!("a"), Value::Null])
    );
    // The new form: ``### `T` `` and `value: T = ...`.
    assert_eq!(same::<Count>(json!(0.5)), Count::Float(0.5));
    assert_eq!(same::<Count>(json!(2)), Count::Integer(2.into()));
    assert_eq!(
        same::<Coating>(json!("two coats of wax")),
        Coating::String("two coats of wax".into())
    );
    assert_eq!(
        same::<Footprint>(json!({"width": 1.5, "height": 2.5})),
        Footprint::Extent(Extent::new(1.5, 2.5))
    );
    assert_eq!(
        same::<Footprint>(json!({"width": 1.5, "height": 2.5, "depth": 0.5})),
        Footprint::Block(Block::new(1.5, 2.5).with_depth(0.5))
    );
    assert_eq!(
        same::<Quantity>(json!({"width": 1.5, "height": 2.5, "depth": 0.5})),
        Quantity::Block(Block::new(1.5, 2.5).with_depth(0.5))
    );
    assert_eq!(
        same::<Quantity>(json!([{"width": 1.5, "height": 2.5}])),
        Quantity::ExtentList(vec![Extent::new(1.5, 2.5)])
    );
    assert_eq!(
        same::<Quantity>(json!("M8")),
        Quantity::Dimension(Dimension::String("M8".into()))
    );
    let Quantity::AnyMap(map) = same::<Quantity>(json!({"note": "offcuts", "a": 1})) else {
        panic!("a map expected")
    };
    assert_eq!(map.keys().collect::<Vec<_>>(), ["note", "a"]);
    // `*Union[str, int]*` in a cell: a union lifted into a model of its own.
    assert_eq!(same::<ToolCode>(json!("A1")), ToolCode::String("A1".into()));
    assert_eq!(same::<ToolCode>(json!(42)), ToolCode::Integer(42.into()));
    let t: Tool = same(json!({"toolId": "T", "serial": null, "code": 7}));
    assert_eq!(t.code, Some(ToolCode::Integer(7.into())));
}

#[test]
fn whole_numbers_are_integers_and_fractions_floats_whatever_the_order() {
    // `Count` lists `float` before `int`: the better fit wins, not the first.
    assert_eq!(read::<Count>(&json!(3)).unwrap(), Count::Integer(3.into()));
    assert_eq!(read::<Count>(&json!(3.5)).unwrap(), Count::Float(3.5));
    assert_eq!(read::<Count>(&json!(3.0)).unwrap(), Count::Float(3.0));
    // A decimal string is an integer too (loosely), written back as a number.
    let c: Count = round_trip(json!("3"), json!(3));
    assert_eq!(c, Count::Integer(3.into()));
    // Beside a `str` member, a string is the string.
    assert_eq!(
        read::<Dimension>(&json!("3")).unwrap(),
        Dimension::String("3".into())
    );
    assert_eq!(
        read::<ToolCode>(&json!("3")).unwrap(),
        ToolCode::String("3".into())
    );
    // `Dimension` lists `int` before `float`: the same answers.
    assert_eq!(
        read::<Dimension>(&json!(3)).unwrap(),
        Dimension::Integer(3.into())
    );
    assert_eq!(
        read::<Dimension>(&json!(3.5)).unwrap(),
        Dimension::Float(3.5)
    );
    // Integers beyond 64 bits stay integers.
    let text = "123456789012345678901234567890";
    assert_eq!(text_round_trip::<Count>(text), text);
    assert_eq!(text_round_trip::<Dimension>(text), text);
}

#[test]
fn a_string_beats_an_enum_member_even_for_a_listed_value() {
    // `Coating` lists the enum first; a string fits `str` exactly, an
    // enum only after a conversion, so `str` wins whatever the order.
    assert_eq!(
        read::<Coating>(&json!("matte")).unwrap(),
        Coating::String("matte".into())
    );
    assert_eq!(
        read::<Coating>(&json!("satin")).unwrap(),
        Coating::String("satin".into())
    );
    // What the enum member holds is written as its value.
    assert_eq!(write(&Coating::Finish(Finish::Gloss)), json!("gloss"));
    assert_eq!(
        write(&Coating::Finish(Finish::Unknown("satin".into()))),
        json!("satin")
    );
}

#[test]
fn objects_with_overlapping_fields_go_to_the_best_fit_then_the_first() {
    // Both read {width, height}: a tie, so the first member (`Extent`).
    assert_eq!(
        read::<Footprint>(&json!({"width": 1.5, "height": 2.5})).unwrap(),
        Footprint::Extent(Extent::new(1.5, 2.5))
    );
    // Keys neither lists do not count.
    assert_eq!(
        read::<Footprint>(&json!({"width": 1.5, "height": 2.5, "zz": 1})).unwrap(),
        Footprint::Extent(Extent::new(1.5, 2.5))
    );
    // `depth`, which only `Block` lists, makes it the better fit.
    assert_eq!(
        read::<Footprint>(&json!({"depth": 3.5, "width": 1.5, "height": 2.5})).unwrap(),
        Footprint::Block(Block::new(1.5, 2.5).with_depth(3.5))
    );
    // In `Quantity`, `Block` comes first: it takes the tie with the nested
    // `Dimension`'s `Extent`.
    assert_eq!(
        read::<Quantity>(&json!({"width": 1.5, "height": 2.5})).unwrap(),
        Quantity::Block(Block::new(1.5, 2.5))
    );
    // A member that fits best but cannot read the value gives way to the
    // next; in `Footprint` there is none.
    assert_eq!(
        error::<Footprint>(&json!({"width": 1.5, "depth": 3.5})),
        "no member of `Footprint` fits: `Block`: missing field `height`; `Extent`: missing \
         field `height`"
    );
    assert_eq!(
        read::<Quantity>(&json!({"width": 1.5, "depth": 3.5})).unwrap(),
        Quantity::AnyMap(
            [
                ("width".to_string(), json!(1.5)),
                ("depth".to_string(), json!(3.5))
            ]
            .into_iter()
            .collect()
        )
    );
}

#[test]
fn a_union_nested_in_a_union() {
    // Only `Dimension` (inside `Quantity`) takes a string or a number.
    assert_eq!(
        same::<Quantity>(json!(2.5)),
        Quantity::Dimension(Dimension::Float(2.5))
    );
    // A list that is not a list of extents falls through to `Dimension`'s
    // list of anything.
    assert_eq!(
        same::<Quantity>(json!([1, "x"])),
        Quantity::Dimension(Dimension::AnyList(vec![json!(1), json!("x")]))
    );
    let k: Kit = same(json!({"label": "K", "stock": 4}));
    assert_eq!(
        k.stock,
        Some(Quantity::Dimension(Dimension::Integer(4.into())))
    );
}

#[test]
fn no_member_fits_names_every_member_tried() {
    assert_eq!(
        error::<Dimension>(&json!(true)),
        "no member of `Dimension` fits: `String`: not that kind of value; `Integer`: not that \
         kind of value; `Float`: not that kind of value; `Extent`: not that kind of value; \
         `AnyList`: not that kind of value"
    );
    assert_eq!(
        error::<Count>(&json!("3.5")),
        "no member of `Count` fits: `Float`: not that kind of value; `Integer`: not that kind of \
         value"
    );
    assert_eq!(
        error::<Quantity>(&json!(true)),
        "no member of `Quantity` fits: `Block`: not that kind of value; `ExtentList`: not that \
         kind of value; `Dimension`: not that kind of value; `AnyMap`: not that kind of value"
    );
    assert_eq!(
        error::<Coating>(&json!(5)),
        "no member of `Coating` fits: `Finish`: not that kind of value; `String`: not that kind \
         of value"
    );
    // Members that fit but fail to read say why, best fit first; the path
    // is the field's.
    assert_eq!(
        error::<Kit>(&json!({"label": "K", "size": {"width": 1.5}})),
        "size: no member of `Dimension` fits: `Extent`: missing field `height`; `String`: not \
         that kind of value; `Integer`: not that kind of value; `Float`: not that kind of \
         value; `AnyList`: not that kind of value at line 1 column 34"
    );
    assert_eq!(
        error::<Kit>(&json!({"label": "K", "pieceCount": "x"})),
        "pieceCount: no member of `Count` fits: `Float`: not that kind of value; `Integer`: not \
         that kind of value at line 1 column 30"
    );
}

#[test]
fn tagged_unions_read_their_tag() {
    // Tags found in the docs: each member's `kind` links to a one-value enum.
    let a: Attachment = same(json!({"kind": "clamp", "jawMm": 80}));
    assert_eq!(
        a,
        Attachment::Clamp(Clamp::new(ClampKind::Clamp).with_jaw_mm(80))
    );
    let a: Attachment = same(json!({"kind": "drill_bit", "diameterMm": 6.5}));
    assert_eq!(
        a,
        Attachment::DrillBit(DrillBit::new(DrillBitKind::DrillBit, 6.5))
    );
    // The tag may come after the other keys.
    let a: Attachment = same(json!({"diameterMm": 6.5, "kind": "drill_bit"}));
    assert!(matches!(a, Attachment::DrillBit(_)));
    assert_eq!(
        error::<Attachment>(&json!({"kind": "saw", "teeth": 24})),
        "unknown tag `saw` of `kind`: expected one of `clamp`, `drill_bit`"
    );
    assert_eq!(
        error::<Attachment>(&json!({"diameterMm": 6.5})),
        "missing tag `kind`"
    );
    assert_eq!(
        error::<Attachment>(&json!({"kind": 3})),
        "tag `kind` must be a string, found 3"
    );
    assert_eq!(
        error::<Attachment>(&json!("clamp")),
        "expected an object with a tag `kind`, found \"clamp\""
    );
    // The tag picks the member even when the rest would fit another.
    assert_eq!(
        error::<Attachment>(&json!({"kind": "clamp", "diameterMm": 6.5, "jawMm": "x"})),
        "jawMm: invalid value: string \"x\", expected an integer or a decimal string"
    );
    // Tags stated in the overlay, on plain `str` fields.
    let f: Fastener = same(json!({"style": "rivet", "head": "dome"}));
    assert_eq!(f, Fastener::Rivet(Rivet::new("rivet").with_head("dome")));
    let f: Fastener = round_trip(
        json!({"lengthMm": 12.5, "style": "screw"}),
        json!({"style": "screw", "lengthMm": 12.5}),
    );
    assert_eq!(f, Fastener::Screw(Screw::new("screw", 12.5)));
    assert_eq!(
        error::<Fastener>(&json!({"style": "nail"})),
        "unknown tag `nail` of `style`: expected one of `rivet`, `screw`"
    );
    // In a collection, the error names the element.
    assert_eq!(
        error::<Kit>(&json!({
            "label": "K",
            "attachments": [{"kind": "clamp"}, {"kind": "sander"}],
            "fasteners": {"left": {"style": "screw", "lengthMm": 3.5}}
        })),
        "attachments[1]: unknown tag `sander` of `kind`: expected one of `clamp`, `drill_bit` \
         at line 1 column 63"
    );
    assert_eq!(
        error::<Kit>(&json!({"label": "K", "fasteners": {"left": {}}})),
        "fasteners.left: missing tag `style` at line 1 column 36"
    );
    let k: Kit = same(json!({
        "label": "K",
        "attachments": [{"kind": "clamp"}, {"kind": "drill_bit", "diameterMm": 2.5}],
        "fasteners": {"left": {"style": "screw", "lengthMm": 3.5}, "right": {"style": "rivet"}}
    }));
    assert_eq!(k.attachments.unwrap().len(), 2);
    let fasteners = k.fasteners.unwrap();
    assert_eq!(fasteners["right"], Fastener::Rivet(Rivet::new("rivet")));
}

/// A key sent as null counts toward a member's fit, but a null optional
/// field is not written back: `{"width":1.5,"height":2.5,"depth":null}`
/// reads as `Block` (three keys), is written `{"width":1.5,"height":2.5}`,
/// and that reads back as `Extent` (a tie, so the first member). The fuzz
/// target `roundtrip` asserts exactly this stability.
#[test]
fn a_union_round_trip_is_stable() {
    let f: Footprint = read(&json!({"width": 1.5, "height": 2.5, "depth": null})).unwrap();
    let again: Footprint = read(&write(&f)).unwrap();
    assert_eq!(f, again);
}

/// A union whose members hold the union again ranks its members by a
/// bounded look into the value, and bounds the members it tries after one
/// fails: a deep value, valid or not, takes time polynomial in its depth,
/// not exponential.
#[test]
fn a_recursive_union_reads_deep_values() {
    assert_eq!(
        same::<Inspection>(json!({"gauge": "bore", "limit": 0.5})),
        Inspection::Gauge(Gauge::new("bore").with_limit(0.5))
    );
    // `EveryCheck` and `AnyCheck` both list `checks`: a tie, so the first.
    assert_eq!(
        same::<Inspection>(json!({"checks": [{"gauge": "bore"}]})),
        Inspection::EveryCheck(EveryCheck::new(vec![Inspection::Gauge(Gauge::new("bore"))]))
    );
    let any: Inspection = same(json!({"checks": [], "quorum": 1}));
    assert!(matches!(any, Inspection::AnyCheck(_)), "{any:?}");
    // 60 groups deep, each holding the next (within JSON text's recursion
    // limit): unbounded, 2^60 nested fits (two members recurse).
    let mut value = json!({"gauge": "bore"});
    for _ in 0..60 {
        value = json!({"checks": [value]});
    }
    let mut deep: &Inspection = &same(value);
    let mut depth = 0;
    while let Inspection::EveryCheck(group) = deep {
        deep = &group.checks[0];
        depth += 1;
    }
    assert_eq!(depth, 60);
    assert_eq!(deep, &Inspection::Gauge(Gauge::new("bore")));
    // The same with a gauge no member reads at the bottom: each group fails
    // in `EveryCheck`, then in `AnyCheck`, 2^60 union reads unbounded. The
    // union reads are bounded; the error says so and where the first failed.
    let mut value = json!({"gauge": 5});
    for _ in 0..60 {
        value = json!({"checks": [value]});
    }
    let err = error::<Inspection>(&value);
    assert!(
        err.starts_with(
            "no member of `Inspection` fits (gave up: too many union reads for one value): \
             `EveryCheck`: checks[0]: "
        ),
        "{err}"
    );
    assert!(
        err.contains("gauge: invalid type: number, expected a string"),
        "{err}"
    );
    // Cut at 16 KiB (unbounded, 2^60 members' errors).
    assert!(
        err.len() < 17 * 1024 && err.ends_with(" …(cut)"),
        "{}",
        err.len()
    );
}

/// A union reads its member from a `serde_json::Value`: an error inside a
/// member names the path inside it after the union's own.
#[test]
fn a_union_member_error_names_its_key() {
    let err =
        error::<Kit>(&json!({"label": "K", "attachments": [{"kind": "clamp", "jawMm": "x"}]}));
    assert!(err.starts_with("attachments[0]: jawMm: "), "{err}");
    let err = error::<Dimension>(&json!({"width": 1.5, "height": "tall"}));
    assert!(err.contains("height"), "{err}");
}
