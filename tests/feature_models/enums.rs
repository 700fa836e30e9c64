//! Enums: open, closed and numeric.

use super::*;

// ---------------------------------------------------------------- enums

#[test]
fn enums_keep_values_they_do_not_list() {
    // A Name|Value table with a value with a space, an empty value, and a
    // value (`UNKNOWN`) that would be the catch-all's name.
    for (value, variant) in [
        ("READY", ToolState::Ready),
        ("in repair", ToolState::InRepair),
        ("", ToolState::Empty),
        ("UNKNOWN", ToolState::UnknownValue),
        ("LOST", ToolState::Unknown("LOST".into())),
    ] {
        let t: Tool = same(json!({"toolId": "T", "serial": null, "state": value}));
        assert_eq!(t.state, Some(variant.clone()));
        assert_eq!(variant.as_str(), value);
    }
    assert_eq!(ToolState::from("in repair"), ToolState::InRepair);
    assert_eq!(ToolState::InRepair.to_string(), "in repair");
    assert_eq!(
        error::<Tool>(&json!({"toolId": "T", "serial": null, "state": 5})),
        "state: invalid type: integer `5`, expected a string at line 1 column 37"
    );
    // The bullet lists: open (by its note) and closed; both keep unknowns.
    assert_eq!(
        same::<Finish>(json!("satin")),
        Finish::Unknown("satin".into())
    );
    assert_eq!(same::<Finish>(json!("gloss")), Finish::Gloss);
    assert_eq!(same::<Material>(json!("brass")), Material::Brass);
    assert_eq!(
        same::<Material>(json!("jade")),
        Material::Unknown("jade".into())
    );
    // The TypeScript union of literals.
    let s: Sensor = same(json!({"grip": "TWO_HANDED", "sensorId": "S"}));
    assert_eq!(s.grip, Some(GripStyle::TwoHanded));
    let s: Sensor = same(json!({"grip": "FINGERTIP", "sensorId": "S"}));
    assert_eq!(s.grip, Some(GripStyle::Unknown("FINGERTIP".into())));
    // One-value enums are enums too.
    assert_eq!(same::<ClampKind>(json!("clamp")), ClampKind::Clamp);
    assert_eq!(
        same::<DrillBitKind>(json!("auger")),
        DrillBitKind::Unknown("auger".into())
    );
}

#[test]
fn numeric_enums_are_numbers() {
    let s: Sensor = same(json!({"sensorId": "S", "fitTorque": 10}));
    assert_eq!(s.fit_torque, Some(Torque::V10));
    let s: Sensor = same(json!({"sensorId": "S", "fitTorque": 7}));
    assert_eq!(s.fit_torque, Some(Torque::Unknown("7".into())));
    let s: Sensor = same(json!({"sensorId": "S", "fitTorque": 10.5}));
    assert_eq!(s.fit_torque, Some(Torque::Unknown("10.5".into())));
    assert_eq!(write(&Torque::V25), json!(25));
    assert_eq!(Torque::V5.as_str(), "5");
    assert_eq!(
        error::<Sensor>(&json!({"sensorId": "S", "fitTorque": "10"})),
        "fitTorque: invalid type: string \"10\", expected a JSON number at line 1 column 32"
    );
}
