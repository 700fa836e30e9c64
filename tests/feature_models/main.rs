//! Behaviour of the constructs the real spec does not use, on the crate
//! generated from `tests/features/spec` (`tests/features/crate`): a made-up
//! workshop inventory written in every dialect and era of the docs family.
//! Constructs the generator mis-handles live in `tests/features/pending`,
//! each with an ignored test here that builds it.

mod enums;
mod fields;
mod scalars;
mod surface;
mod unions;

use std::path::Path;

use features_models::errors::{ErrorDetail, ToolError};
use features_models::operations;
use features_models::types::DateOrDateTime;
use features_models::{
    Attachment, Badge, Bin, Block, Clamp, ClampKind, Coating, Completion, Condition, Count,
    Dimension, DrillBit, DrillBitKind, EveryCheck, Extent, Fastener, Finish, Footprint, Gauge,
    GripStyle, Inspection, Job, JobEnding, JobGate, Kit, Material, Quantity, Reading,
    RestockRequest, Rivet, Screw, Sensor, Spacer, Tool, ToolCode, ToolState, Torque,
};
use serde_json::{json, Value};

/// Reads `T` from JSON text; an error names its path.
fn read_text<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| e.to_string())
}

fn read<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, String> {
    read_text(&value.to_string())
}

/// The error reading `value` as `T` gives.
fn error<T: serde::de::DeserializeOwned + std::fmt::Debug>(value: &Value) -> String {
    read::<T>(value).expect_err("the value is refused")
}

fn write<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// Reads `input` as `T` and writes it back: the result must be `output`.
fn round_trip<T>(input: Value, output: Value) -> T
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let value: T = read(&input).unwrap_or_else(|e| panic!("{e}: {input}"));
    assert_eq!(write(&value), output, "from {input}");
    value
}

/// Like [`round_trip`], with the output the same as the input.
fn same<T>(input: Value) -> T
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    round_trip(input.clone(), input)
}

/// Reads JSON text and writes it back as text (no `Value` in between, so
/// that numbers keep the form they are written in).
fn text_round_trip<T>(text: &str) -> String
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let value: T = read_text(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    serde_json::to_string(&value).unwrap()
}

/// A `Reading` with its required fields.
fn reading() -> Value {
    json!({
        "partNumber": "P-100", "counted": 12, "unitPrice": 0.25, "weight": 1.5,
        "scaleOk": true, "countedOn": "2024-02-29"
    })
}

/// `base` with the keys of `extra` set (added at the end, or replaced in place).
fn with(mut base: Value, extra: Value) -> Value {
    for (k, v) in extra.as_object().unwrap() {
        base[k] = v.clone();
    }
    base
}

/// A file of the generated crate.
fn generated(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("features/crate/src")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
