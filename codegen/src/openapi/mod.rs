//! Derives an [`Overlay`] from an OpenAPI document: the facts the docs
//! cannot state, read from the API's own schemas.
//!
//! Models are matched to schemas by name first (the last segment of a
//! `components.schemas` key, its `x-speakeasy-name-override`, its key or
//! `title` in UpperCamel; a docs model `XInput` is the request-side form of
//! `X`), then by walking both together: a field's model is the schema of its
//! property (inline or referenced), a union's members are the alternatives
//! of its `oneOf` they fit best. Each field is matched to a property by its
//! key, by the schema its type refers to, or by name. The overlay records:
//! - `key_style`: how the schemas name multi-word properties;
//! - `wire` where the property's name is not the key the docs' rule gives,
//!   or where that key was only inferred;
//! - `int64 = true` where an integer travels as a string (`format: int64`),
//!   `format` where the schema gives an integer's size, a number's kind or a
//!   date's (`date`, `date-time`);
//! - `nullable = true` where the schema allows null and the docs do not say;
//! - `const` where the schema admits one value;
//! - a union's `discriminator` and `mapping`, an enum's `numeric`.

mod matching;
mod schemas;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use heck::ToSnakeCase;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::ir::{Field, Int, Ir, Kind, Model, Presence, Role, Type, WireSource};
use crate::overlay::{FieldOverlay, KeyStyle, ModelOverlay, Overlay};
use matching::{alike_fields, match_models, property_of, rows_sorted};
use schemas::Schemas;

/// What the derivation found, for the command's summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Models matched to a schema.
    pub matched_models: usize,
    /// Object models (operations aside) with no schema.
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
    let all = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .ok_or_else(|| Error::Overlay {
            path: path.to_path_buf(),
            message: "no components.schemas".into(),
        })?;
    let schemas = Schemas { all };
    let matched = match_models(ir, &schemas);
    let style = key_style(ir, &schemas, &matched);
    let sorted = rows_sorted(ir);

    let mut overlay = Overlay::default();
    overlay.key_style = Some(style);
    let mut report = Report {
        matched_models: matched.len(),
        ..Report::default()
    };
    for model in &ir.models {
        let schema = matched.get(model.key.as_str()).copied();
        let mut facts = ModelOverlay::default();
        match (&model.kind, schema) {
            (Kind::Object(o), None) => {
                if o.role != Role::Operation {
                    report.unmatched_models.push(model.key.clone());
                }
                for f in &o.fields {
                    if f.wire_source == WireSource::Inferred {
                        report
                            .unsettled
                            .push(format!("{}.{}", model.key, f.doc_name));
                    }
                }
            }
            (Kind::Object(o), Some(schema)) => {
                let properties = schemas.properties(schema);
                // A property another field's key names, or paired with
                // another field, is not this one's.
                let mut claimed: BTreeSet<&str> =
                    o.fields.iter().map(|f| f.wire.as_str()).collect();
                let alike = if sorted {
                    alike_fields(&o.fields, &properties, &mut claimed, &schemas, &matched, ir)
                } else {
                    BTreeMap::new()
                };
                for (i, field) in o.fields.iter().enumerate() {
                    let found = alike.get(&i).copied().or_else(|| {
                        property_of(field, &properties, &claimed, &schemas, &matched, ir)
                    });
                    if let Some((name, _)) = found {
                        claimed.insert(name);
                    }
                    let Some((wire, property)) = found else {
                        if field.wire_source == WireSource::Inferred {
                            report
                                .unsettled
                                .push(format!("{}.{}", model.key, field.doc_name));
                        }
                        continue;
                    };
                    let fact = field_facts(model, field, wire, property, style, &schemas);
                    if fact != FieldOverlay::default() {
                        facts.fields.insert(field.doc_name.clone(), fact);
                    }
                }
            }
            (Kind::Enum(e), Some(schema)) => {
                let schema = schemas.non_null(schema);
                let integer = matches!(
                    schema.get("type").and_then(Value::as_str),
                    Some("integer" | "number")
                );
                if integer && !e.numeric {
                    facts.numeric = Some(true);
                }
            }
            (Kind::Union(u), Some(schema)) => {
                let schema = schemas.non_null(schema);
                if let Some(d) = schema.get("discriminator") {
                    let property = d.get("propertyName").and_then(Value::as_str);
                    let mapping = d.get("mapping").and_then(Value::as_object);
                    if let (Some(property), Some(mapping)) = (property, mapping) {
                        let mut tags = BTreeMap::new();
                        for (tag, target) in mapping {
                            // A mapping to a schema the document lacks
                            // maps no member, and the union keeps no tags.
                            let target = target
                                .as_str()
                                .and_then(|t| t.strip_prefix("#/components/schemas/"))
                                .and_then(|t| all.get(t));
                            let member = target.and_then(|t| {
                                u.members.iter().find_map(|m| {
                                    let k = m.ty.model()?;
                                    matched
                                        .get(k)
                                        .filter(|s| std::ptr::eq(**s, t))
                                        .map(|_| k.to_string())
                                })
                            });
                            if let Some(member) = member {
                                tags.insert(tag.clone(), member);
                            }
                        }
                        if tags.len() == mapping.len() {
                            facts.discriminator = Some(property.to_string());
                            facts.mapping = Some(tags);
                        }
                    }
                }
            }
            (Kind::Enum(_) | Kind::Union(_), None) => {}
        }
        if facts != ModelOverlay::default() {
            report.wires += facts.fields.values().filter(|f| f.wire.is_some()).count();
            report.int64 += facts.fields.values().filter(|f| f.int64.is_some()).count();
            overlay.models.insert(model.key.clone(), facts);
        }
    }
    Ok((overlay, report))
}

/// The facts about one field its property states.
fn field_facts(
    model: &Model,
    field: &Field,
    wire: &str,
    property: &Value,
    style: KeyStyle,
    schemas: &Schemas<'_>,
) -> FieldOverlay {
    let mut fact = FieldOverlay::default();
    let operation = matches!(&model.kind, Kind::Object(o) if o.role == Role::Operation);
    let rule = if operation {
        field.doc_name.to_snake_case()
    } else if matches!(&model.kind, Kind::Object(o) if o.role == Role::Security) {
        field.doc_name.clone()
    } else {
        crate::resolve::rule_key(&field.doc_name, style)
    };
    // Stated where the docs' own way would give another key: their rule, or
    // the oneof list that names the field.
    let docs_key = match field.wire_source {
        WireSource::Oneof => field.wire.as_str(),
        WireSource::Inferred => "",
        WireSource::Rule | WireSource::Overlay => rule.as_str(),
    };
    if wire != docs_key {
        fact.wire = Some(wire.to_string());
    }
    // The schema of the leaf value, through arrays and maps.
    let mut leaf = schemas.non_null(property);
    let mut ty = &field.ty;
    while let Type::List(t) | Type::Map(t) = ty {
        match schemas.inner(leaf) {
            Some(inner) => leaf = schemas.non_null(inner),
            None => break,
        }
        ty = t;
    }
    let kind = leaf.get("type").and_then(Value::as_str);
    let format = leaf.get("format").and_then(Value::as_str);
    match ty {
        Type::Int(_) | Type::Number | Type::Float => match (kind, format) {
            (Some("string"), Some("int64" | "uint64")) => {
                fact.int64 = Some(true);
                fact.format = Some("int64".into());
            }
            (Some("integer"), Some(f @ ("int32" | "int64" | "uint32" | "uint64"))) => {
                fact.format = Some(f.into())
            }
            (Some("integer"), _) => fact.format = Some("integer".into()),
            (Some("number"), Some(f @ ("double" | "float" | "decimal"))) => {
                fact.format = Some(f.into())
            }
            (Some("number"), _) => fact.format = Some("number".into()),
            _ => {}
        },
        Type::Temporal | Type::DateTime | Type::Date => {
            if let Some(f @ ("date" | "date-time")) = format {
                fact.format = Some(f.into());
            }
        }
        Type::String
        | Type::Decimal
        | Type::Bool
        | Type::Any
        | Type::Bytes
        | Type::List(_)
        | Type::Map(_)
        | Type::Ref(_)
        | Type::Const(_)
        | Type::Opaque(_) => {}
    }
    // Only what the docs leave open: a Python `int` already reads any size.
    if fact.format.as_deref() == Some("integer") && matches!(ty, Type::Int(Int::Big)) {
        fact.format = None;
    }
    // Where the docs do not say, a scalar or a model the schema lets be null
    // is null, absent or a value (a list or a map that is null is empty).
    if !field.nullable_stated
        && !matches!(
            field.presence,
            Presence::Nullable | Presence::RequiredNullable
        )
        && !matches!(field.ty, Type::List(_) | Type::Map(_))
        && schemas.nullable(property)
        && field.oneof.is_none()
    {
        fact.nullable = Some(true);
    }
    // A const the docs state is theirs to state (a schema may contradict
    // itself: `const: 50` with `enum: [null]`).
    let constant = schemas
        .non_null(property)
        .get("const")
        .filter(|_| !matches!(field.ty, Type::Const(_)));
    if let Some(c) = constant {
        fact.constant = match c {
            Value::String(s) => Some(toml::Value::String(s.clone())),
            Value::Bool(b) => Some(toml::Value::Boolean(*b)),
            Value::Number(n) => n.as_i64().map(toml::Value::Integer),
            _ => None,
        };
    }
    fact
}

/// How the schemas name multi-word properties: lowerCamel or as named
/// (snake_case).
fn key_style(ir: &Ir, schemas: &Schemas<'_>, matched: &BTreeMap<String, &Value>) -> KeyStyle {
    let (mut camel, mut snake) = (0usize, 0usize);
    for model in &ir.models {
        let (Kind::Object(o), Some(schema)) = (&model.kind, matched.get(model.key.as_str())) else {
            continue;
        };
        if o.role == Role::Operation {
            continue;
        }
        for name in schemas.properties(schema).keys() {
            if name.contains('_') && name.chars().all(|c| !c.is_ascii_uppercase()) {
                snake += 1;
            } else if name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && name.chars().any(|c| c.is_ascii_uppercase())
            {
                camel += 1;
            }
        }
    }
    if snake > camel {
        KeyStyle::AsNamed
    } else {
        KeyStyle::LowerCamel
    }
}
