//! The crate generated from `tests/hard/spec`: names that fight Rust (keywords,
//! std type names, colliding names), recursion, odd enum values, hostile
//! descriptions and nested containers. Every case round-trips; bad JSON is
//! an error naming its path, never a panic or a stack overflow.

use hard_models::{
    AbTest, AbTest2, Hostile, HostileNone, Keywords, Nested, Node, Odd, Ping, Shadows, Shape,
    ShapeKind, ShapeType, ShapeTypeOneof, D,
};
use serde_json::{json, Value};

fn read<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, String> {
    let text = value.to_string();
    let mut de = serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| e.to_string())
}

/// Reads `input` as `T` and writes it back: the result must be `output`.
fn round_trip<T>(input: Value, output: Value) -> T
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let value: T = read(&input).unwrap_or_else(|e| panic!("{e}: {input}"));
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        output,
        "from {input}"
    );
    value
}

#[test]
fn keyword_fields_keep_their_keys() {
    let json = json!({
        "type": "t", "match": "m", "ref": "r", "self": "s", "crate": "c", "super": "u",
        "box": "b", "gen": "g", "try": "y", "async": "a", "fn": 5
    });
    let k: Keywords = round_trip(json.clone(), json);
    assert_eq!(k.r#type.as_deref(), Some("t"));
    assert_eq!(k.self_.as_deref(), Some("s"));
    assert_eq!(k.r#try.as_deref(), Some("y"));
    assert_eq!(k.r#fn, Some(5.into()));
}

#[test]
fn models_named_like_std_types_live_beside_std_types() {
    let json = json!({
        "option": {"label": "o"}, "result": {}, "string": {"label": "s"},
        "boxes": [{}, {"label": "b"}], "vecs": {"k": {"label": "v"}},
        "value": null, "text": "x", "any": {"a": [1, null]}
    });
    let s: Shadows = round_trip(json.clone(), json);
    assert_eq!(s.string.label.as_deref(), Some("s"));
    assert_eq!(s.value, Some(None));
    let err = read::<Shadows>(&json!({"text": "x"})).unwrap_err();
    assert!(err.contains("missing field `string`"), "{err}");
}

#[test]
fn oneofs_named_like_keywords_and_fields_work() {
    let s: Shape = round_trip(
        json!({"circle": {"radius": 1.5}, "filled": true, "kind": "k"}),
        json!({"circle": {"radius": 1.5}, "filled": true, "kind": "k"}),
    );
    assert_eq!(
        s.r#type,
        Some(ShapeTypeOneof::Circle(ShapeType::new().with_radius(1.5)))
    );
    assert_eq!(s.kind_oneof, Some(ShapeKind::Filled(true)));
    assert_eq!(s.kind.as_deref(), Some("k"));
    round_trip::<Shape>(json!({"square": "3"}), json!({"square": 3}));
    let err = read::<Shape>(&json!({"circle": {}, "square": 1})).unwrap_err();
    assert!(
        err.contains("oneof `type`") && err.contains("`circle` and `square`"),
        "{err}"
    );
}

#[test]
fn names_that_collide_after_case_conversion_stay_apart() {
    let a: AbTest = round_trip(json!({"arm": "left"}), json!({"arm": "left"}));
    let b: AbTest2 = round_trip(json!({"arm": "7"}), json!({"arm": 7}));
    assert_eq!((a.arm.as_deref(), b.arm), (Some("left"), Some(7.into())));
}

#[test]
fn recursion_direct_and_mutual() {
    let json = json!({
        "name": "a",
        "next": {"name": "b", "next": {"name": "c"}},
        "children": [{"name": "d", "children": []}]
    });
    let n: Node = round_trip(json.clone(), json);
    assert_eq!(n.next.unwrap().next.unwrap().name, "c");
    let json = json!({"pong": {"count": 1, "ping": {"pong": {"count": 2}}}});
    round_trip::<Ping>(json.clone(), json);
    let err = read::<Ping>(&json!({"pong": {"ping": {"pong": {}}}})).unwrap_err();
    assert!(
        err.starts_with("pong.ping.pong: missing field `count`"),
        "{err}"
    );
}

#[test]
fn enum_values_that_are_not_identifiers() {
    for (text, value) in [
        ("1_ONE", Odd::V1One),
        ("two-words", Odd::TwoWords),
        ("", Odd::Empty),
        ("one", Odd::One),
        ("ONE", Odd::One2),
        ("UNKNOWN", Odd::UnknownValue),
        ("three", Odd::Unknown("three".into())),
    ] {
        let odd: Odd = round_trip(json!(text), json!(text));
        assert_eq!(odd, value);
    }
}

#[test]
fn nested_containers() {
    round_trip::<Nested>(
        json!({
            "deep": {"a": [{"x": 1}, {}], "b": []},
            "grid": [[1, "2"], []],
            "bigGrid": [["3", 4]],
            "when": ["2024-01-01T00:00:00Z"]
        }),
        json!({
            "deep": {"a": [{"x": 1}, {}], "b": []},
            "grid": [[1, 2], []],
            "bigGrid": [["3", "4"]],
            "when": ["2024-01-01T00:00:00Z"]
        }),
    );
    let err = read::<Nested>(&json!({"grid": [[1], [2, "x"]]})).unwrap_err();
    assert!(err.starts_with("grid[1][1]: "), "{err}");
    let err = read::<Nested>(&json!({"when": ["2024-13-01T00:00:00Z"]})).unwrap_err();
    assert!(err.starts_with("when[0]: "), "{err}");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // 100,000 levels of `next`: serde_json's recursion limit stops it.
    let depth = 100_000;
    let text = format!(
        "{}{{\"name\":\"x\"}}{}",
        "{\"name\":\"x\",\"next\":".repeat(depth),
        "}".repeat(depth)
    );
    let err = serde_json::from_str::<Node>(&text).unwrap_err();
    assert!(
        err.to_string().contains("recursion limit exceeded"),
        "{err}"
    );
    // Through mutual recursion, and through lists.
    let text = format!(
        "{}{{\"count\":1}}{}",
        "{\"count\":1,\"ping\":{\"pong\":".repeat(depth),
        "}}".repeat(depth)
    );
    let err = serde_json::from_str::<Ping>(&format!("{{\"pong\":{text}}}")).unwrap_err();
    assert!(
        err.to_string().contains("recursion limit exceeded"),
        "{err}"
    );
    let text = format!(
        "{}{{\"name\":\"x\"}}{}",
        "{\"name\":\"x\",\"children\":[".repeat(depth),
        "]}".repeat(depth)
    );
    let err = serde_json::from_str::<Node>(&text).unwrap_err();
    assert!(
        err.to_string().contains("recursion limit exceeded"),
        "{err}"
    );
}

#[test]
fn names_that_fight_the_generated_code() {
    let json = json!({
        "additionalProperties": {"x": 1},
        "d": {"x": "2"},
        "krate": {"y": true},
        "zz": [1]
    });
    let h: Hostile = round_trip(
        json,
        json!({"additionalProperties": {"x": 1}, "d": {"x": 2}, "krate": {"y": true}, "zz": [1]}),
    );
    assert_eq!(
        h.none,
        Some(HostileNone::AdditionalProperties(D::new().with_x(1)))
    );
    assert_eq!(h.additional_properties["zz"], json!([1]));
    let err = read::<Hostile>(&json!({"additionalProperties": {}, "other": "o"})).unwrap_err();
    assert!(err.contains("oneof `None`"), "{err}");
}
