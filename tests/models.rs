//! Behaviour of the generated types: the JSON they read and write.

use conductorone_models::{
    ConnectorProvision, ManualProvision, MultiStep, Policy, PolicyPolicyType, PolicyPostActions,
    PolicyPostActionsAction, ProvisionPolicy, ProvisionPolicyTyp,
};
use serde_json::{json, Value};

fn read<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, String> {
    serde_json::from_value(value).map_err(|e| e.to_string())
}

fn write<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

#[test]
fn oneof_member_is_a_sibling_key() {
    let policy =
        ProvisionPolicy::new().with_typ(ProvisionPolicyTyp::Connector(ConnectorProvision::new()));
    assert_eq!(write(&policy), json!({"connector": {}}));
    assert_eq!(write(&ProvisionPolicy::default()), json!({}));
    let back: ProvisionPolicy = read(json!({"manual": {"instructions": "ask"}})).unwrap();
    assert_eq!(
        back.typ,
        Some(ProvisionPolicyTyp::Manual(
            ManualProvision::new().with_instructions("ask")
        ))
    );
    assert_eq!(back.typ.unwrap().wire_name(), "manual");
}

#[test]
fn two_members_are_rejected_naming_oneof_and_both() {
    let err = read::<ProvisionPolicy>(json!({"connector": {}, "manual": {}})).unwrap_err();
    assert!(err.contains("`typ`"), "{err}");
    assert!(
        err.contains("`connector`") && err.contains("`manual`"),
        "{err}"
    );
}

#[test]
fn a_null_member_counts_as_absent() {
    let p: ProvisionPolicy = read(json!({"connector": null, "manual": {}})).unwrap();
    assert!(matches!(p.typ, Some(ProvisionPolicyTyp::Manual(_))));
    let p: ProvisionPolicy = read(json!({"connector": null})).unwrap();
    assert_eq!(p.typ, None);
    // A scalar member: `false` is set, null is not.
    let a: PolicyPostActions = read(json!({"certifyRemediateImmediately": false})).unwrap();
    assert_eq!(
        a.action,
        Some(PolicyPostActionsAction::CertifyRemediateImmediately(false))
    );
    let a: PolicyPostActions = read(json!({"certifyRemediateImmediately": null})).unwrap();
    assert_eq!(a.action, None);
}

#[test]
fn recursion_round_trips() {
    let inner = ProvisionPolicy::new().with_typ(ProvisionPolicyTyp::MultiStep(
        MultiStep::new().with_provision_steps(vec![ProvisionPolicy::new()
            .with_typ(ProvisionPolicyTyp::Connector(ConnectorProvision::new()))]),
    ));
    let outer = ProvisionPolicy::new().with_typ(ProvisionPolicyTyp::MultiStep(
        MultiStep::new().with_provision_steps(vec![inner.clone(), inner]),
    ));
    let json = write(&outer);
    assert_eq!(
        json["multiStep"]["provisionSteps"][1]["multiStep"]["provisionSteps"][0],
        json!({"connector": {}})
    );
    assert_eq!(read::<ProvisionPolicy>(json).unwrap(), outer);
}

#[test]
fn open_enums_keep_unknown_values() {
    let p: Policy = read(json!({"policyType": "POLICY_TYPE_SOMEDAY"})).unwrap();
    assert_eq!(
        p.policy_type,
        Some(PolicyPolicyType::Unknown("POLICY_TYPE_SOMEDAY".into()))
    );
    assert_eq!(write(&p), json!({"policyType": "POLICY_TYPE_SOMEDAY"}));
    let p: Policy = read(json!({"policyType": "POLICY_TYPE_GRANT"})).unwrap();
    assert_eq!(p.policy_type, Some(PolicyPolicyType::PolicyTypeGrant));
    assert_eq!(
        PolicyPolicyType::PolicyTypeAccessRequest.as_str(),
        "POLICY_TYPE_ACCESS_REQUEST"
    );
}

#[test]
fn timestamps_keep_nanoseconds_and_offset() {
    let p: Policy = read(json!({
        "createdAt": "2024-05-01T12:34:56.123456789Z",
        "deletedAt": "2024-05-01T14:34:56+02:00"
    }))
    .unwrap();
    let created = p.created_at.unwrap();
    assert_eq!(chrono::Timelike::nanosecond(&created), 123_456_789);
    let json = write(&p);
    assert_eq!(json["deletedAt"], "2024-05-01T14:34:56+02:00");
    assert!(json["createdAt"]
        .as_str()
        .unwrap()
        .starts_with("2024-05-01T12:34:56.123456789"));
    let err = read::<Policy>(json!({"createdAt": "yesterday"})).unwrap_err();
    assert!(err.contains("input contains invalid characters"), "{err}");
    // The overlay says these are date-times (the docs' `[date]` does not
    // say): a date alone is refused.
    let err = read::<Policy>(json!({"createdAt": "2024-05-01"})).unwrap_err();
    assert!(err.contains("premature end of input"), "{err}");
}

#[test]
fn maps_keep_key_order_and_unknown_keys_are_ignored() {
    let p: Policy = read(json!({
        "policySteps": {"zeta": {"steps": []}, "alpha": {}},
        "somethingNew": [1, 2, 3]
    }))
    .unwrap();
    let keys: Vec<&String> = p.policy_steps.as_ref().unwrap().keys().collect();
    assert_eq!(keys, ["zeta", "alpha"]);
    let text = serde_json::to_string(&p).unwrap();
    assert_eq!(text, r#"{"policySteps":{"zeta":{"steps":[]},"alpha":{}}}"#);
}

#[test]
fn wrong_types_are_errors() {
    let err = read::<Policy>(json!({"description": {"not": "a string"}})).unwrap_err();
    assert!(err.contains("expected a string"), "{err}");
    let err = read::<ProvisionPolicy>(json!({"connector": "not-an-object"})).unwrap_err();
    assert!(err.contains("ConnectorProvision"), "{err}");
}

#[test]
fn json_entry_points_compiled_in_the_crate() {
    let p = Policy::from_json_str(r#"{"policyType":"POLICY_TYPE_GRANT","id":"p"}"#).unwrap();
    assert_eq!(p.policy_type, Some(PolicyPolicyType::PolicyTypeGrant));
    assert_eq!(
        p.to_json_string().unwrap(),
        r#"{"id":"p","policyType":"POLICY_TYPE_GRANT"}"#
    );
    let e = PolicyPolicyType::from_json_slice(br#""POLICY_TYPE_REVOKE""#).unwrap();
    assert_eq!(e, PolicyPolicyType::PolicyTypeRevoke);
    let err = ProvisionPolicy::from_json_str(r#"{"connector":{},"manual":{}}"#).unwrap_err();
    assert!(err.to_string().contains("oneof `typ`"), "{err}");
    // Bytes are read as text: invalid UTF-8 is an error that says where.
    let err = Policy::from_json_slice(b"{\"id\":\"\xff\"}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid utf-8 sequence of 1 bytes from index 7"
    );
    let p = Policy::from_json_slice(br#"{"id":"p"}"#).unwrap();
    assert_eq!(p.id.as_deref(), Some("p"));
}

#[test]
fn enums_read_known_values_from_escaped_and_plain_text() {
    // An escape makes serde_json hand over an owned string, plain text a
    // borrowed one: both reach the same variants, and unknowns are kept.
    let e = PolicyPolicyType::from_json_str(r#""POLICY_TYPE_\u0047RANT""#).unwrap();
    assert_eq!(e, PolicyPolicyType::PolicyTypeGrant);
    let e = PolicyPolicyType::from_json_str(r#""POLICY_TYPE_NEW\u0021""#).unwrap();
    assert_eq!(e, PolicyPolicyType::Unknown("POLICY_TYPE_NEW!".into()));
    assert_eq!(e.to_json_string().unwrap(), r#""POLICY_TYPE_NEW!""#);
    let err = PolicyPolicyType::from_json_str("7").unwrap_err();
    assert!(err.to_string().contains("expected a string"), "{err}");
}
