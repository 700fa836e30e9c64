//! `codegen overlay` and the overlay files: derived from an OpenAPI
//! document, stated by hand, read over each other, and their mistakes.

mod command;

use std::fs;
use std::path::Path;
use std::process::Output;

use command::{codegen, text, tiny_spec, ts_doc};

/// `codegen overlay` from an OpenAPI document, over a spec if given.
fn derive_overlay(openapi: &Path, spec: Option<&Path>, out: &Path) -> Output {
    let mut args = vec!["overlay", "--openapi", openapi.to_str().unwrap()];
    if let Some(spec) = spec {
        args.extend(["--spec", spec.to_str().unwrap()]);
    }
    args.extend(["--out", out.to_str().unwrap()]);
    codegen(&args)
}

#[test]
fn unresolvable_names_are_warned_and_the_overlay_settles_them() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty.toml");
    fs::write(&empty, "").unwrap();
    let o = codegen(&["ir", "--overlay", empty.to_str().unwrap()]);
    assert!(o.status.success());
    let stderr = text(&o.stderr);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 5, "{stderr}");
    assert!(warnings[3].starts_with(
        "warning: models/shared/provision.md:10: field `Provision.provision_policy` is named after its type"
    ));
    assert!(warnings[4].contains("provision.md:11: field `Provision.provision_target`"));

    let stale = tmp.path().join("stale.toml");
    fs::write(&stale, "[models.Provision.fields.gone]\nwire = \"x\"\n").unwrap();
    let o = codegen(&["ir", "--overlay", stale.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("overlay names field `Provision.gone`"));
}

#[test]
fn the_hand_overlay_is_read_over_the_derived_one() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tiny_spec(
        tmp.path(),
        "M",
        "A model.",
        "| `a` | *Optional[int]* | :heavy_minus_sign: | x |\n| `b` | *Optional[str]* | :heavy_minus_sign: | x |\n",
    );
    fs::write(
        spec.join("overlay.toml"),
        "[models.M.fields.a]\nwire = \"theA\"\nformat = \"int32\"\n",
    )
    .unwrap();
    fs::write(
        spec.join("overlay.hand.toml"),
        "[models.M.fields.a]\nint64 = true\n[models.M.fields.b]\nwire = \"theB\"\n",
    )
    .unwrap();
    let o = codegen(&["ir", "--spec", spec.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let ir: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let fields = &ir["models"][0]["kind"]["object"]["fields"];
    assert_eq!(fields[0]["wire"], "theA");
    assert_eq!(fields[0]["ty"]["int"], "i64_string", "{}", fields[0]);
    assert_eq!(fields[1]["wire"], "theB");

    // Named on the command line, the files stack in the order given, and a
    // stale fact is reported against the file that states it.
    let stale = tmp.path().join("stale.toml");
    fs::write(&stale, "[models.M.fields.gone]\nwire = \"x\"\n").unwrap();
    let derived = spec.join("overlay.toml");
    let o = codegen(&[
        "ir",
        "--spec",
        spec.to_str().unwrap(),
        "--overlay",
        derived.to_str().unwrap(),
        "--overlay",
        stale.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = text(&o.stderr);
    assert!(
        stderr.contains(&format!(
            "{}: overlay names field `M.gone`",
            stale.display()
        )),
        "{stderr}"
    );
}

#[test]
fn an_overlaid_key_is_not_reassigned_by_member_matching() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tiny_spec(
        tmp.path(),
        "M",
        "This message contains a oneof named until. Only a single field of the following list may be set at a time:\n  - condition",
        "| `wait_condition` | *OptionalNullable[str]* | :heavy_minus_sign: | x |\n",
    );
    let o = codegen(&["ir", "--spec", spec.to_str().unwrap()]);
    let ir: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        ir["models"][0]["kind"]["object"]["fields"][0]["wire"],
        "condition"
    );
    fs::write(
        spec.join("overlay.toml"),
        "[models.M.fields.wait_condition]\nwire = \"waitCondition\"\n",
    )
    .unwrap();
    let o = codegen(&["ir", "--spec", spec.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains(
            "models/shared/m.md:3: cannot tell which field carries oneof member(s) `condition`"
        ),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn overlay_is_derived_from_an_openapi_document() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tiny_spec(
        tmp.path(),
        "Thing",
        "A thing.",
        "| `thing_state` | [Optional[shared.ThingState]](./thingstate.md) | :heavy_minus_sign: | x |\n\
         | `size` | *Optional[int]* | :heavy_minus_sign: | x |\n\
         | `name` | *Optional[str]* | :heavy_minus_sign: | x |\n",
    );
    fs::write(
        spec.join("models/shared/thingstate.md"),
        "# ThingState\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `ok` | *Optional[bool]* | :heavy_minus_sign: | x |\n",
    )
    .unwrap();
    let openapi = tmp.path().join("api.yaml");
    fs::write(
        &openapi,
        "openapi: 3.1.0\ncomponents:\n  schemas:\n    v1.Thing:\n      type: object\n      properties:\n        \
         current:\n          $ref: '#/components/schemas/v1.ThingState'\n        size:\n          type: string\n          \
         format: int64\n        name:\n          type: string\n    v1.ThingState:\n      type: object\n      properties:\n        \
         ok:\n          type: boolean\n",
    )
    .unwrap();
    let out = tmp.path().join("overlay.toml");
    let o = derive_overlay(&openapi, Some(&spec), &out);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        "# Facts the docs lack, derived from api.yaml by `codegen overlay`.\n\n\
         key_style = \"lowerCamel\"\n\n\
         [models.Thing.fields.size]\nint64 = true\nformat = \"int64\"\n\n\
         [models.Thing.fields.thing_state]\nwire = \"current\"\n"
    );
    // With it, the field named after its type is settled, not inferred.
    let o = codegen(&[
        "ir",
        "--spec",
        spec.to_str().unwrap(),
        "--overlay",
        out.to_str().unwrap(),
    ]);
    assert_eq!(text(&o.stderr), "");
    let ir: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let thing = &ir["models"][0]["kind"]["object"]["fields"];
    assert_eq!(thing[0]["wire"], "current");
    assert_eq!(thing[0]["wire_source"], "overlay");
    assert_eq!(thing[1]["ty"], serde_json::json!({"int": "i64_string"}));
}

#[test]
fn overlay_mistakes_are_errors_not_crashes() {
    let tmp = tempfile::tempdir().unwrap();
    let overlay = tmp.path().join("o.toml");
    fs::write(&overlay, "[models.Rule.fields.condition]\nwire = \"a\"\n[models.Rule.fields.condition_]\nwire = \"b\"\n").unwrap();
    let o = codegen(&["ir", "--overlay", overlay.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("`Rule.condition` is given twice"),
        "{}",
        text(&o.stderr)
    );
    // A schema whose allOf refers to itself.
    let openapi = tmp.path().join("api.yaml");
    fs::write(
        &openapi,
        "components:\n  schemas:\n    v1.Rule:\n      allOf:\n        - $ref: '#/components/schemas/v1.Rule'\n",
    )
    .unwrap();
    let out = tmp.path().join("derived.toml");
    let o = derive_overlay(&openapi, None, &out);
    assert!(o.status.success(), "{}", text(&o.stderr));
}

/// A discriminator's mapping is carried when every tag maps to a member;
/// one naming a schema the document lacks leaves the union untagged.
#[test]
fn a_discriminator_mapping_to_a_missing_schema_maps_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tmp.path().join("spec");
    let shared = spec.join("models/shared");
    fs::create_dir_all(&shared).unwrap();
    for (name, fields) in [
        ("Cat", "`purrs` | *Optional[bool]*"),
        ("Dog", "`barks` | *Optional[bool]*"),
    ] {
        fs::write(
            shared.join(format!("{}.md", name.to_lowercase())),
            format!(
                "# {name}\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n\
                 | `kind` | *str* | :heavy_check_mark: | x |\n| {fields} | :heavy_minus_sign: | x |\n"
            ),
        )
        .unwrap();
    }
    fs::write(
        shared.join("pet.md"),
        "# Pet\n\n## Supported Types\n\n### `shared.Cat`\n\n```python\nvalue: shared.Cat = /* values here */\n```\n\n\
         ### `shared.Dog`\n\n```python\nvalue: shared.Dog = /* values here */\n```\n",
    )
    .unwrap();
    let derive = |dog: &str| {
        let openapi = tmp.path().join("api.yaml");
        fs::write(
            &openapi,
            format!(
                "components:\n  schemas:\n    Pet:\n      oneOf:\n        - $ref: '#/components/schemas/Cat'\n        \
                 - $ref: '#/components/schemas/Dog'\n      discriminator:\n        propertyName: kind\n        mapping:\n          \
                 cat: '#/components/schemas/Cat'\n          dog: '#/components/schemas/{dog}'\n    Cat:\n      type: object\n      \
                 properties:\n        kind:\n          type: string\n        purrs:\n          type: boolean\n    Dog:\n      \
                 type: object\n      properties:\n        kind:\n          type: string\n        barks:\n          type: boolean\n"
            ),
        )
        .unwrap();
        let out = tmp.path().join("overlay.toml");
        let o = derive_overlay(&openapi, Some(&spec), &out);
        assert!(o.status.success(), "{}", text(&o.stderr));
        fs::read_to_string(&out).unwrap()
    };
    let tagged = derive("Dog");
    assert!(
        tagged.contains("[models.Pet]\ndiscriminator = \"kind\"\n"),
        "{tagged}"
    );
    assert!(tagged.contains("dog = \"Dog\""), "{tagged}");
    let dangling = derive("Nope");
    assert!(!dangling.contains("discriminator"), "{dangling}");
}

/// A TypeScript-flavoured spec of `Card` with `rows` (name, type: a scalar
/// notation, or `Text`, a model), and the `Text` model.
fn card_spec(tmp: &Path, rows: &[(&str, &str)]) -> std::path::PathBuf {
    let spec = tmp.join("spec");
    let rows: Vec<(&str, &str, &str)> = rows.iter().map(|(n, t)| (*n, *t, "x")).collect();
    ts_doc(&spec, "Card", "", &rows);
    ts_doc(&spec, "Text", "", &[("literal", "*string*", "x")]);
    spec
}

/// `Card`'s fields as `codegen ir` gives them, over `overlay` if given:
/// (key, source) pairs, and what it printed on stderr.
fn card_keys(spec: &Path, overlay: Option<&Path>) -> (Vec<(String, String)>, String) {
    let mut args = vec!["ir", "--spec", spec.to_str().unwrap()];
    if let Some(o) = overlay {
        args.extend(["--overlay", o.to_str().unwrap()]);
    }
    let o = codegen(&args);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let ir: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let keys = ir["models"][0]["kind"]["object"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_string();
            (s("wire"), s("wire_source"))
        })
        .collect();
    (keys, text(&o.stderr))
}

/// Derives the overlay of `spec` from an OpenAPI document whose `Card` has
/// `properties` (name, `string` or `Text`), and reads the spec over it: the
/// overlay command's stderr, and [`card_keys`] with the overlay.
fn card_keys_over(
    tmp: &Path,
    spec: &Path,
    properties: &[(&str, &str)],
) -> (String, Vec<(String, String)>, String) {
    let mut yaml = String::new();
    for (name, ty) in properties {
        let schema = match *ty {
            "Text" => "$ref: '#/components/schemas/v1.Text'".to_string(),
            scalar => format!("type: {scalar}"),
        };
        yaml += &format!("        {name}:\n          {schema}\n");
    }
    let openapi = tmp.join("api.yaml");
    fs::write(
        &openapi,
        format!(
            "openapi: 3.1.0\ncomponents:\n  schemas:\n    v1.Card:\n      type: object\n      \
             properties:\n{yaml}    v1.Text:\n      type: object\n      properties:\n        \
             literal:\n          type: string\n"
        ),
    )
    .unwrap();
    let out = tmp.join("overlay.toml");
    let o = derive_overlay(&openapi, Some(spec), &out);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let (keys, stderr) = card_keys(spec, Some(&out));
    (text(&o.stderr), keys, stderr)
}

fn pairs(keys: &[(&str, &str)]) -> Vec<(String, String)> {
    keys.iter()
        .map(|(k, s)| (k.to_string(), s.to_string()))
        .collect()
}

/// TypeScript docs name fields after the object they hold: two fields of one
/// type are told apart by the order of the schema's properties, which the
/// rows follow.
#[test]
fn fields_named_after_one_type_take_its_properties_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let rows = [("id", "*string*"), ("text", "Text"), ("text1", "Text")];
    let spec = card_spec(tmp.path(), &rows);
    // From the docs alone both keys are guesses, and say so.
    let (keys, stderr) = card_keys(&spec, None);
    assert_eq!(
        keys,
        pairs(&[("id", "rule"), ("text", "inferred"), ("text1", "inferred")])
    );
    assert_eq!(
        stderr.matches("is named after its type").count(),
        2,
        "{stderr}"
    );
    let properties = [("id", "string"), ("label", "Text"), ("title", "Text")];
    let (derived, keys, stderr) = card_keys_over(tmp.path(), &spec, &properties);
    assert!(!derived.contains("do not settle"), "{derived}");
    assert_eq!(stderr, "");
    assert_eq!(
        keys,
        pairs(&[("id", "rule"), ("label", "overlay"), ("title", "overlay")])
    );
}

/// A property another field's key names is not a field in doubt's, even as
/// the one property that refers to its type: the document may be older than
/// the docs and lack the field's own.
#[test]
fn a_property_named_by_one_field_is_not_another_fields() {
    let tmp = tempfile::tempdir().unwrap();
    let rows = [
        ("createdAt", "*string*"),
        ("owner", "Text"),
        ("text", "Text"),
        ("zeta", "*string*"),
    ];
    let spec = card_spec(tmp.path(), &rows);
    let properties = [
        ("createdAt", "string"),
        ("owner", "Text"),
        ("zeta", "string"),
    ];
    let (derived, keys, _) = card_keys_over(tmp.path(), &spec, &properties);
    assert!(derived.contains("(1): Card.text"), "{derived}");
    assert_eq!(
        keys,
        pairs(&[
            ("createdAt", "rule"),
            ("owner", "rule"),
            ("text", "inferred"),
            ("zeta", "rule"),
        ])
    );
}

/// Fields of one type are paired with properties in order only when the
/// docs list rows sorted by key: here they do not (`zeta` before `id`).
#[test]
fn rows_out_of_key_order_are_not_paired_with_properties() {
    let tmp = tempfile::tempdir().unwrap();
    let rows = [
        ("zeta", "*string*"),
        ("id", "*string*"),
        ("text", "Text"),
        ("text1", "Text"),
    ];
    let spec = card_spec(tmp.path(), &rows);
    let properties = [
        ("id", "string"),
        ("label", "Text"),
        ("title", "Text"),
        ("zeta", "string"),
    ];
    let (derived, keys, _) = card_keys_over(tmp.path(), &spec, &properties);
    assert!(derived.contains("(2): Card.text, Card.text1"), "{derived}");
    assert_eq!(
        keys,
        pairs(&[
            ("zeta", "rule"),
            ("id", "rule"),
            ("text", "inferred"),
            ("text1", "inferred"),
        ])
    );
}
