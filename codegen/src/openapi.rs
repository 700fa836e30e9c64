//! Derives an [`Overlay`] from an OpenAPI document: the facts the docs
//! cannot state, read from the API's own schemas.
//!
//! Each object model is matched to the schema of the same name (the last
//! segment of its `components.schemas` key, or its `x-speakeasy-name-override`;
//! a docs model `XInput` is the request-side form of schema `X`). Each field is
//! then matched to a property: by its current JSON key, else by the schema its
//! type refers to, else by name. The overlay records:
//! - `wire` where the property's name differs from the key the docs give, or
//!   where that key was only inferred;
//! - `int64 = true` where the property is `type: string, format: int64`.

use std::collections::BTreeMap;
use std::path::Path;

use heck::ToSnakeCase;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::ir::{Field, Ir, Kind, Role, Type, WireSource};
use crate::overlay::{FieldOverlay, ModelOverlay, Overlay};

/// What the derivation found, for the command's summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Object models matched to a schema.
    pub matched_models: usize,
    /// Object models (operations aside) with no schema of their name.
    pub unmatched_models: Vec<String>,
    /// Keys the overlay states.
    pub wires: usize,
    /// Integer fields found to travel as strings.
    pub int64: usize,
    /// Inferred keys the schema could not settle: `model.field`.
    pub unsettled: Vec<String>,
}

/// Derives the overlay for `ir` from the OpenAPI document `text` (YAML or JSON).
pub fn derive_overlay(ir: &Ir, path: &Path, text: &str) -> Result<(Overlay, Report)> {
    let doc: Value = serde_yaml_ng::from_str(text).map_err(|e| Error::Overlay {
        path: path.to_path_buf(),
        message: format!("not an OpenAPI document: {e}"),
    })?;
    let schemas = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .ok_or_else(|| Error::Overlay {
            path: path.to_path_buf(),
            message: "no components.schemas".into(),
        })?;

    // Class name → schema key; an exact last segment wins over an override.
    let mut by_class: BTreeMap<String, &str> = BTreeMap::new();
    for (key, schema) in schemas {
        if let Some(name) = schema
            .get("x-speakeasy-name-override")
            .and_then(Value::as_str)
        {
            by_class.entry(name.to_string()).or_insert(key);
        }
    }
    for key in schemas.keys() {
        by_class.insert(last_segment(key).to_string(), key);
    }
    let class_of = |key: &str| -> String {
        schemas
            .get(key)
            .and_then(|s| s.get("x-speakeasy-name-override"))
            .and_then(Value::as_str)
            .unwrap_or_else(|| last_segment(key))
            .to_string()
    };

    let mut overlay = Overlay::default();
    let mut report = Report::default();
    for model in &ir.models {
        let Kind::Object(object) = &model.kind else {
            continue;
        };
        if object.role == Role::Operation {
            continue;
        }
        let mut facts = ModelOverlay::default();
        // `XInput` is the request-side form of `X`; `X1` the SDK's second
        // class of that name.
        let base = model.name.trim_end_matches(|c: char| c.is_ascii_digit());
        let key = by_class
            .get(&model.name)
            .or_else(|| by_class.get(base))
            .or_else(|| {
                model
                    .name
                    .strip_suffix("Input")
                    .and_then(|b| by_class.get(b))
            });
        let Some(key) = key else {
            report.unmatched_models.push(model.name.clone());
            for f in &object.fields {
                if f.wire_source == WireSource::Inferred {
                    report
                        .unsettled
                        .push(format!("{}.{}", model.key, f.doc_name));
                }
            }
            continue;
        };
        report.matched_models += 1;
        let properties = properties(schemas, &schemas[*key]);
        for field in &object.fields {
            let found = property_of(field, &properties, &class_of);
            let Some((wire, property)) = found else {
                if field.wire_source == WireSource::Inferred {
                    report
                        .unsettled
                        .push(format!("{}.{}", model.key, field.doc_name));
                }
                continue;
            };
            let mut fact = FieldOverlay::default();
            if wire != field.wire || field.wire_source == WireSource::Inferred {
                fact.wire = Some(wire.to_string());
            }
            if matches!(field.ty.leaf(), Type::Int(_)) && is_int64(property) {
                fact.int64 = Some(true);
            }
            if fact != FieldOverlay::default() {
                facts.fields.insert(field.doc_name.clone(), fact);
            }
        }
        if !facts.fields.is_empty() {
            report.wires += facts.fields.values().filter(|f| f.wire.is_some()).count();
            report.int64 += facts.fields.values().filter(|f| f.int64.is_some()).count();
            overlay.models.insert(model.key.clone(), facts);
        }
    }
    Ok((overlay, report))
}

fn last_segment(key: &str) -> &str {
    key.rsplit('.').next().unwrap_or(key)
}

/// The schema key a `$ref` points at.
fn ref_key(value: &Value) -> Option<&str> {
    value
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
}

/// The properties of a schema, `allOf` parts merged in (each referenced
/// schema once, so that a cycle of `allOf` references ends).
fn properties<'a>(
    schemas: &'a serde_json::Map<String, Value>,
    schema: &'a Value,
) -> BTreeMap<&'a str, &'a Value> {
    let mut out = BTreeMap::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut todo = vec![schema];
    while let Some(schema) = todo.pop() {
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (name, prop) in props {
                out.entry(name.as_str()).or_insert(prop);
            }
        }
        for part in schema
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            match ref_key(part) {
                Some(key) if !seen.insert(key) => {}
                Some(key) => todo.extend(schemas.get(key)),
                None => todo.push(part),
            }
        }
    }
    out
}

/// The schema keys a property refers to: directly (or through `allOf`,
/// `oneOf`, `anyOf`) when `container` is false, else as the items or values
/// of an array or map.
fn referenced(property: &Value, container: bool) -> Vec<&str> {
    let mut out = Vec::new();
    if container {
        for inner in ["items", "additionalProperties"] {
            if let Some(v) = property.get(inner) {
                out.extend(referenced(v, false));
            }
        }
        return out;
    }
    out.extend(ref_key(property));
    for nested in ["allOf", "oneOf", "anyOf"] {
        for part in property
            .get(nested)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            out.extend(referenced(part, false));
        }
    }
    out
}

/// The model a field's type names, containers looked through.
fn field_model(ty: &Type) -> Option<&str> {
    match ty {
        Type::Ref(name) => Some(name),
        Type::List(t) | Type::Map(t) => field_model(t),
        _ => None,
    }
}

/// `type: string, format: int64` (or uint64), on the property or on the
/// items or values it holds.
fn is_int64(property: &Value) -> bool {
    let format = property.get("format").and_then(Value::as_str);
    let stringy = match property.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
        _ => false,
    };
    if stringy && matches!(format, Some("int64" | "uint64")) {
        return true;
    }
    ["items", "additionalProperties"]
        .iter()
        .any(|k| property.get(*k).is_some_and(is_int64))
}

/// The property that carries `field`, with its name.
fn property_of<'a>(
    field: &Field,
    properties: &BTreeMap<&'a str, &'a Value>,
    class_of: &dyn Fn(&str) -> String,
) -> Option<(&'a str, &'a Value)> {
    if let Some((name, prop)) = properties.get_key_value(field.wire.as_str()) {
        return Some((name, prop));
    }
    if let Some(model) = field_model(&field.ty) {
        let base = model.strip_suffix("Input").unwrap_or(model);
        let container = !matches!(field.ty, Type::Ref(_));
        let mut hits = properties.iter().filter(|(_, prop)| {
            referenced(prop, container).iter().any(|key| {
                let class = class_of(key);
                class == model || class == base
            })
        });
        if let (Some((name, prop)), None) = (hits.next(), hits.next()) {
            return Some((name, prop));
        }
    }
    properties
        .iter()
        .find(|(name, _)| name.to_snake_case() == field.doc_name.to_snake_case())
        .map(|(name, prop)| (*name, *prop))
}
