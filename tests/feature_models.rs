//! Behaviour of the constructs the real spec does not use, on the crate
//! generated from `tests/features/spec` (`tests/features/crate`).

use features_models::{Gadget, Widget, WidgetKind, WidgetMeasure, WidgetShape};
use serde_json::{json, Value};

fn read(value: Value) -> Result<Widget, String> {
    let text = value.to_string();
    let mut de = serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| e.to_string())
}

fn write(w: &Widget) -> Value {
    serde_json::to_value(w).unwrap()
}

#[test]
fn integers_read_numbers_or_strings_and_int64_writes_strings() {
    let w = read(json!({"id": "w", "count": 42, "sizes": [1, "-2"]})).unwrap();
    assert_eq!(w.count, Some(42));
    assert_eq!(w.sizes, Some(vec![1, -2]));
    let out = write(&w);
    // `count` is int64 by the overlay: a string; `sizes` are plain numbers.
    assert_eq!(out["count"], "42");
    assert_eq!(out["sizes"], json!([1, -2]));
    let big = read(json!({"id": "w", "count": 9_007_199_254_740_993_i64})).unwrap();
    assert_eq!(write(&big)["count"], "9007199254740993");
    let err = read(json!({"id": "w", "count": 1.5})).unwrap_err();
    assert_eq!(
        err,
        "count: invalid type: floating point `1.5`, expected an integer or a decimal string \
         at line 1 column 21"
    );
    let err = read(json!({"id": "w", "sizes": [1, "x"]})).unwrap_err();
    assert_eq!(
        err,
        "sizes[1]: invalid value: string \"x\", expected an integer or a decimal string \
         at line 1 column 24"
    );
    // Out of i64's range, as a number or as a string.
    let err = read(json!({"id": "w", "count": u64::MAX})).unwrap_err();
    assert!(
        err.starts_with("count: invalid value: integer `18446744073709551615`"),
        "{err}"
    );
    let err = read(json!({"id": "w", "count": "9223372036854775808"})).unwrap_err();
    assert!(err.starts_with("count: invalid value: string"), "{err}");
    let w = read(json!({"id": "w", "count": "-9223372036854775808"})).unwrap();
    assert_eq!(w.count, Some(i64::MIN));
}

#[test]
fn an_integer_oneof_member_reads_strings_too() {
    let w = read(json!({"id": "w", "sides": "5"})).unwrap();
    assert_eq!(w.measure, Some(WidgetMeasure::Sides(5)));
    assert_eq!(write(&w)["sides"], 5);
    let w = read(json!({"id": "w", "sides": null})).unwrap();
    assert_eq!(w.measure, None);
}

#[test]
fn nullable_fields_keep_absent_null_and_value_apart() {
    let absent = read(json!({"id": "w"})).unwrap();
    assert_eq!(absent.nickname, None);
    assert_eq!(write(&absent), json!({"id": "w"}));
    let null = read(json!({"id": "w", "nickname": null})).unwrap();
    assert_eq!(null.nickname, Some(None));
    assert_eq!(write(&null), json!({"id": "w", "nickname": null}));
    let set = read(json!({"id": "w", "nickname": "n"})).unwrap();
    assert_eq!(set.nickname, Some(Some("n".into())));
}

#[test]
fn extra_keys_round_trip_and_special_names_map_to_their_keys() {
    let input = json!({
        "id": "w", "type": "KIND_FLAT", "self": true, "@type": "t",
        "zz": {"a": [1, null]}, "labels": {"b": "1", "a": "2"}
    });
    let w = read(input.clone()).unwrap();
    assert_eq!(w.r#type, Some(WidgetKind::Flat));
    assert_eq!(w.self_, Some(true));
    assert_eq!(w.at_type.as_deref(), Some("t"));
    assert_eq!(w.additional_properties["zz"], json!({"a": [1, null]}));
    assert_eq!(write(&w), input);
}

#[test]
fn cycles_are_boxed_and_round_trip() {
    let input = json!({
        "id": "outer",
        "round": {"madeAt": "2024-01-01T00:00:00.5+01:00", "parent": {"id": "inner", "boxy": "b"}}
    });
    let w = read(input.clone()).unwrap();
    let Some(WidgetShape::Round(gadget)) = &w.shape else {
        panic!("round expected: {w:?}")
    };
    let Gadget { parent, .. } = gadget.as_ref();
    assert_eq!(
        parent.as_ref().unwrap().shape,
        Some(WidgetShape::Boxy("b".into()))
    );
    let round = json!({"madeAt": "2024-01-01T00:00:00Z"});
    let err = read(json!({"id": "w", "round": round, "boxy": "b"})).unwrap_err();
    assert!(
        err.contains("oneof `shape`") && err.contains("`round` and `boxy`"),
        "{err}"
    );
    let err = read(json!({"id": "w", "round": {}})).unwrap_err();
    assert!(err.starts_with("round: missing field `madeAt`"), "{err}");
}

#[test]
fn a_documented_unknown_value_moves_the_catch_all_aside() {
    assert_eq!(WidgetKind::from("KIND_UNKNOWN"), WidgetKind::Unknown);
    assert_eq!(
        WidgetKind::from("KIND_LATER"),
        WidgetKind::UnknownValue("KIND_LATER".into())
    );
    let err = read(json!({"type": "KIND_FLAT"})).unwrap_err();
    assert!(err.contains("missing field `id`"), "{err}");
}
