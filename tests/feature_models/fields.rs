//! Fields: presence and null, consts, keys, recursion and oneofs.

use super::*;

// ---------------------------------------------------------------- presence

#[test]
fn optional_nullable_and_required_nullable_differ() {
    // `serial` is `Nullable[str]`: required, but may be null.
    assert_eq!(
        error::<Tool>(&json!({"toolId": "T-1"})),
        "missing field `serial` at line 1 column 16"
    );
    let t: Tool = same(json!({"toolId": "T-1", "serial": null}));
    assert_eq!(t.serial, None);
    let t: Tool = same(json!({"toolId": "T-1", "serial": "SN9"}));
    assert_eq!(t.serial.as_deref(), Some("SN9"));
    // `substitute` is `OptionalNullable`: absent, null and set differ.
    let t: Tool = same(json!({"toolId": "T-1", "serial": null}));
    assert_eq!(t.substitute, None);
    let t: Tool = same(json!({"toolId": "T-1", "serial": null, "substitute": null}));
    assert_eq!(t.substitute, Some(None));
    // `name` is `Optional`: null is taken as absent.
    let t: Tool = round_trip(
        json!({"toolId": "T-1", "serial": null, "name": null}),
        json!({"toolId": "T-1", "serial": null}),
    );
    assert_eq!(t.name, None);
    // `comment` is `Optional` in the docs and nullable by the overlay.
    let r: Reading = same(reading());
    assert_eq!(r.comment, None);
    let r: Reading = same(with(reading(), json!({"comment": null})));
    assert_eq!(r.comment, Some(None));
    let r: Reading = same(with(reading(), json!({"comment": "ok"})));
    assert_eq!(r.comment, Some(Some("ok".into())));
    // A required field may not be null.
    assert_eq!(
        error::<Tool>(&json!({"toolId": null, "serial": null})),
        "toolId: invalid type: null, expected a string at line 1 column 14"
    );
    // Every required field is named when missing.
    assert_eq!(
        error::<Reading>(&json!({"partNumber": "P", "counted": 1})),
        "missing field `unitPrice` at line 1 column 30"
    );
}

#[test]
fn any_fields_hold_any_json() {
    let t: Tool = same(json!({
        "toolId": "T-1", "serial": null,
        "manual": {"pages": 12},
        "raw": [1, {"a": null}], "notes": "loose", "history": [null, 2, "x", {"b": []}]
    }));
    assert_eq!(t.raw, Some(json!([1, {"a": null}])));
    assert_eq!(t.history.as_ref().unwrap()[0], Value::Null);
    // The link to a missing doc holds whatever was sent.
    assert_eq!(t.manual, Some(json!({"pages": 12})));
    // Null is a value of `Any`: an optional `Any` field keeps it (as the
    // SDKs do), and absent stays absent.
    let t: Tool = same(json!({"toolId": "T-1", "serial": null, "raw": null, "notes": null}));
    assert_eq!((t.raw, t.notes), (Some(Value::Null), Some(Value::Null)));
    let t: Tool = same(json!({"toolId": "T-1", "serial": null}));
    assert_eq!((t.raw, t.notes), (None, None));
}

// ---------------------------------------------------------------- consts

#[test]
fn consts_hold_one_value() {
    // `Optional[Literal["firm"]]`.
    let t: Tool = same(json!({"toolId": "T", "serial": null, "grip": "firm"}));
    assert_eq!(t.grip.as_deref(), Some("firm"));
    assert_eq!(
        error::<Tool>(&json!({"toolId": "T", "serial": null, "grip": "loose"})),
        "grip: invalid value: string \"loose\", expected \"firm\" at line 1 column 43"
    );
    // Absent stays absent on a round trip (null too); `new` fills the const.
    let t: Tool = same(json!({"toolId": "T", "serial": null}));
    assert_eq!((t.grip, t.retired), (None, None));
    let t: Tool = round_trip(
        json!({"toolId": "T", "serial": null, "grip": null}),
        json!({"toolId": "T", "serial": null}),
    );
    assert_eq!(t.grip, None);
    let t = Tool::new("T", None);
    assert_eq!(t.grip.as_deref(), Some("firm"));
    assert_eq!(t.retired, Some(()));
    assert_eq!(
        write(&t),
        json!({"toolId": "T", "serial": null, "grip": "firm", "retired": null})
    );
    // `OptionalNullable[Literal[None]]`: null, or absent.
    let t: Tool = same(json!({"toolId": "T", "serial": null, "retired": null}));
    assert_eq!(t.retired, Some(()));
    assert_eq!(
        error::<Tool>(&json!({"toolId": "T", "serial": null, "retired": false})),
        "retired: invalid value: false, expected null at line 1 column 44"
    );
    // A const stated by the overlay (`const = 2`).
    let r: Reading = same(with(reading(), json!({"schemaVersion": 2})));
    assert_eq!(r.schema_version, Some(2.into()));
    assert_eq!(
        error::<Reading>(&with(reading(), json!({"schemaVersion": 3}))),
        "schemaVersion: invalid value: 3, expected 2 at line 1 column 123"
    );
    assert_eq!(
        error::<Reading>(&with(reading(), json!({"schemaVersion": 2.0}))),
        "schemaVersion: invalid value: 2.0, expected 2 at line 1 column 125"
    );
    assert_eq!(
        error::<Reading>(&with(reading(), json!({"schemaVersion": "2"}))),
        "schemaVersion: invalid type: string \"2\", expected a JSON number at line 1 column 124"
    );
    let r: Reading = same(reading());
    assert_eq!(r.schema_version, None);
    let r = Reading::new(
        "P",
        1,
        3,
        0.5,
        true,
        chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
    );
    assert_eq!(
        write(&r),
        json!({
            "partNumber": "P", "counted": 1, "unitPrice": 3, "weight": 0.5, "scaleOk": true,
            "countedOn": "2024-01-01", "schemaVersion": 2
        })
    );
}

/// Every other bad value is an error whose path names its key; a const
/// that holds another value is not (`invalid value: string "loose",
/// expected "firm"` with no `grip: `), because the value is checked after
/// it is read, outside the key's span.
#[test]
fn a_const_error_names_its_key() {
    let err = error::<Tool>(&json!({"toolId": "T", "serial": null, "grip": "loose"}));
    assert!(err.starts_with("grip: "), "{err}");
    let err = error::<Tool>(&json!({"toolId": "T", "serial": null, "retired": false}));
    assert!(err.starts_with("retired: "), "{err}");
    let err = error::<Reading>(&with(reading(), json!({"schemaVersion": 3})));
    assert!(err.starts_with("schemaVersion: "), "{err}");
}

// ---------------------------------------------------------------- keys

#[test]
fn special_names_map_to_their_keys_and_extra_keys_keep_their_order() {
    let input = json!({
        "zeta": 1, "toolId": "T", "type": "oak", "self": true, "in": "shed",
        "@type": "type.example/tool", "alpha": {"x": [1, null]}, "serial": null, "mid": "m"
    });
    let t: Tool = read(&input).unwrap();
    assert_eq!(t.r#type, Some(Material::Oak));
    assert_eq!(t.self_, Some(true));
    assert_eq!(t.r#in.as_deref(), Some("shed"));
    assert_eq!(t.at_type.as_deref(), Some("type.example/tool"));
    let extra: Vec<&str> = t.additional_properties.keys().map(String::as_str).collect();
    assert_eq!(extra, ["zeta", "alpha", "mid"]);
    // Known keys in field order, then the extra keys in the order sent.
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        r#"{"toolId":"T","serial":null,"type":"oak","self":true,"in":"shed","@type":"type.example/tool","zeta":1,"alpha":{"x":[1,null]},"mid":"m"}"#
    );
    // The old `additional_properties` row, the TypeScript
    // `additionalProperties` row and a `__pydantic_extra__` first row keep
    // extra keys too.
    let b: Bin = same(json!({"label": "A", "colour": "red", "size": [1, 2]}));
    assert_eq!(b.additional_properties["colour"], "red");
    let s: Sensor = same(json!({"@type": "t", "sensorId": "S", "firmware": "1.2"}));
    assert_eq!(s.at_type.as_deref(), Some("t"));
    assert_eq!(s.additional_properties["firmware"], "1.2");
    let d: ErrorDetail = round_trip(
        json!({"hint": "use mm", "field": "width", "reason": "negative"}),
        json!({"field": "width", "reason": "negative", "hint": "use mm"}),
    );
    assert_eq!(d.additional_properties["hint"], "use mm");
    // Keys by the overlay (`wire = "label"`) and the TypeScript names.
    let k: Kit = same(json!({"label": "K"}));
    assert_eq!(k.label, "K");
    assert_eq!(
        error::<Kit>(&json!({"labelText": "K"})),
        "missing field `label` at line 1 column 17"
    );
}

#[test]
fn closed_objects_drop_unknown_keys() {
    let k: Kit = round_trip(
        json!({"label": "K", "zz": 1, "spacer": {"anything": true}}),
        json!({"label": "K", "spacer": {}}),
    );
    assert_eq!(k.spacer, Some(Spacer::new()));
    let _: Extent = round_trip(
        json!({"width": 1.5, "height": 2.5, "depth": 9}),
        json!({"width": 1.5, "height": 2.5}),
    );
    let _: Reading = round_trip(with(reading(), json!({"extra": [1]})), reading());
    // A key sent twice is an error.
    assert_eq!(
        read_text::<Kit>(r#"{"label":"a","label":"b"}"#).unwrap_err(),
        "duplicate field `label` at line 1 column 25"
    );
}

#[test]
fn collections_of_every_era() {
    let t: Tool = same(json!({
        "toolId": "T", "serial": null,
        "tags": ["b", "a"],
        "attributes": {"z": 1, "a": [true]},
        "location": {"label": "L1"},
        "spareBins": [{"label": "S1"}, {"label": "S2", "slot": 2}],
        "binsBySite": {"north": {"top": {"label": "N1"}, "low": {"label": "N2"}}, "east": {}}
    }));
    assert_eq!(t.tags, Some(vec!["b".to_string(), "a".to_string()]));
    let attributes: Vec<&str> = t
        .attributes
        .as_ref()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(attributes, ["z", "a"]);
    assert_eq!(t.location.as_ref().unwrap().label, "L1");
    let sites = t.bins_by_site.as_ref().unwrap();
    let north: Vec<&str> = sites["north"].keys().map(String::as_str).collect();
    assert_eq!(north, ["top", "low"]);
    assert_eq!(sites["north"]["low"].label, "N2");
    assert_eq!(
        error::<Tool>(&json!({
            "toolId": "T", "serial": null, "binsBySite": {"north": {"top": {"slot": 1}}}
        })),
        "binsBySite.north.top: missing field `label` at line 1 column 67"
    );
    assert_eq!(
        error::<Tool>(&json!({"toolId": "T", "serial": null, "tags": "a"})),
        "tags: invalid type: string \"a\", expected a sequence at line 1 column 38"
    );
    // TypeScript collections.
    let s: Sensor = same(json!({
        "active": false, "channels": ["x", "y"], "mounts": [{"label": "M"}],
        "sensorId": "S", "settings": {"gain": 2, "mode": null}
    }));
    assert_eq!(s.mounts.unwrap()[0].label, "M");
    assert_eq!(s.settings.unwrap()["mode"], Value::Null);
}

// ---------------------------------------------------------------- recursion

#[test]
fn recursive_models_are_boxed_and_round_trip() {
    let b: Bin = same(json!({
        "label": "drawer",
        "parent": {"label": "cabinet", "parent": {"label": "room"}},
        "children": [{"label": "tray", "children": []}]
    }));
    let parent: &Bin = b.parent.as_ref().unwrap();
    assert_eq!(parent.parent.as_ref().unwrap().label, "room");
    let t: Tool = same(json!({
        "toolId": "T1", "serial": null,
        "substitute": {"toolId": "T2", "serial": "x", "substitute": null}
    }));
    let sub: &Tool = t.substitute.as_ref().unwrap().as_ref().unwrap();
    assert_eq!(sub.substitute, Some(None));
    // Job → Condition → Job, through a oneof member.
    let j: Job = same(json!({
        "jobId": "J1",
        "condition": {"expression": "glue dry", "after": {"jobId": "J0", "timedOut": true}}
    }));
    let Some(JobGate::Condition(c)) = &j.gate else {
        panic!("condition expected: {j:?}")
    };
    let after: &Job = c.after.as_ref().unwrap();
    assert_eq!(after.ending, Some(JobEnding::TimedOut(true)));
    // Deep nesting is an error, not a stack overflow.
    let mut text = String::from(r#"{"label":"x"}"#);
    for _ in 0..200 {
        text = format!(r#"{{"label":"x","parent":{text}}}"#);
    }
    let err = read_text::<Bin>(&text).unwrap_err();
    assert!(err.contains("recursion limit exceeded"), "{err}");
}

// ---------------------------------------------------------------- oneofs

#[test]
fn two_oneofs_in_one_model() {
    let j: Job = same(json!({"jobId": "J", "deadlineSeconds": 30, "finished": {"by": "AB"}}));
    assert_eq!(j.gate, Some(JobGate::DeadlineSeconds(30.into())));
    assert_eq!(j.ending, Some(JobEnding::Finished(Completion::new("AB"))));
    // The member `condition` is the field `wait_condition` (named after its
    // type): its key comes from the oneof list.
    let j: Job = same(json!({"jobId": "J", "condition": {"expression": "e"}}));
    assert_eq!(j.gate.as_ref().unwrap().wire_name(), "condition");
    // An integer member reads strings too, and is written as a number.
    let j: Job = round_trip(
        json!({"jobId": "J", "deadlineSeconds": "45"}),
        json!({"jobId": "J", "deadlineSeconds": 45}),
    );
    assert_eq!(j.gate, Some(JobGate::DeadlineSeconds(45.into())));
    // Null counts as absent for `Optional` and `OptionalNullable` members.
    let j: Job = round_trip(
        json!({"jobId": "J", "condition": null, "timedOut": null, "deadlineSeconds": 1}),
        json!({"jobId": "J", "deadlineSeconds": 1}),
    );
    assert_eq!(j.ending, None);
    // Two members of one oneof: an error naming the oneof and both members.
    assert_eq!(
        error::<Job>(
            &json!({"jobId": "J", "condition": {"expression": "e"}, "deadlineSeconds": 1})
        ),
        "oneof `gate` takes one member, but both `condition` and `deadlineSeconds` are set at \
         line 1 column 64"
    );
    assert_eq!(
        error::<Job>(&json!({"jobId": "J", "timedOut": false, "finished": {"by": "x"}})),
        "oneof `ending` takes one member, but both `timedOut` and `finished` are set at line 1 \
         column 52"
    );
    // One member of each oneof is fine.
    let j: Job = same(json!({"jobId": "J", "timedOut": false, "condition": {"expression": "e"}}));
    assert_eq!(j.ending, Some(JobEnding::TimedOut(false)));
    // A member's own error names its path.
    assert_eq!(
        error::<Job>(&json!({"jobId": "J", "finished": {}})),
        "finished: missing field `by` at line 1 column 26"
    );
    // Built by hand.
    let j = Job::new("J").with_ending(JobEnding::TimedOut(false));
    assert_eq!(write(&j), json!({"jobId": "J", "timedOut": false}));
}
