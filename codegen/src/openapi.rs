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

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::ir::{Field, Int, Ir, Kind, Model, Presence, Role, Type, WireSource};
use crate::overlay::{FieldOverlay, KeyStyle, ModelOverlay, Overlay};

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

/// The schemas of a document, and how to look through references.
struct Schemas<'a> {
    all: &'a serde_json::Map<String, Value>,
}

impl<'a> Schemas<'a> {
    /// The schema a `$ref` (or an `allOf` of one reference) stands for.
    fn resolve(&self, mut v: &'a Value) -> &'a Value {
        for _ in 0..16 {
            if let Some(target) = ref_key(v).and_then(|k| self.all.get(k)) {
                v = target;
                continue;
            }
            match v.get("allOf").and_then(Value::as_array).map(Vec::as_slice) {
                Some([one]) => v = one,
                _ => break,
            }
        }
        v
    }

    /// The schema below a nullable wrapper (`anyOf: [X, {type: null}]`).
    fn non_null(&self, v: &'a Value) -> &'a Value {
        let v = self.resolve(v);
        let alternatives = self.alternatives(v);
        match alternatives.as_slice() {
            [one] if v.get("properties").is_none() => self.resolve(one),
            _ => v,
        }
    }

    /// The alternatives of a `oneOf`/`anyOf`, null aside.
    fn alternatives(&self, v: &'a Value) -> Vec<&'a Value> {
        ["oneOf", "anyOf"]
            .iter()
            .filter_map(|k| v.get(*k).and_then(Value::as_array))
            .flatten()
            .filter(|a| !is_null_type(self.resolve(a)))
            .collect()
    }

    /// Whether a schema admits null.
    fn nullable(&self, v: &'a Value) -> bool {
        let v = self.resolve(v);
        v.get("nullable") == Some(&Value::Bool(true))
            || matches!(v.get("type"), Some(Value::Array(ts)) if ts.iter().any(|t| t == "null"))
            || ["oneOf", "anyOf"].iter().any(|k| {
                v.get(*k)
                    .and_then(Value::as_array)
                    .is_some_and(|alts| alts.iter().any(|a| is_null_type(self.resolve(a))))
            })
    }

    /// The properties of a schema, `allOf` parts merged in.
    fn properties(&self, schema: &'a Value) -> BTreeMap<&'a str, &'a Value> {
        let mut out = BTreeMap::new();
        let mut seen = BTreeSet::new();
        let mut todo = vec![schema];
        while let Some(schema) = todo.pop() {
            if let Some(key) = ref_key(schema) {
                if seen.insert(key) {
                    todo.extend(self.all.get(key));
                }
                continue;
            }
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
                todo.push(part);
            }
        }
        out
    }

    /// The schema of the items or values of an array or map.
    fn inner(&self, v: &'a Value) -> Option<&'a Value> {
        let v = self.non_null(v);
        v.get("items")
            .or_else(|| v.get("additionalProperties").filter(|a| a.is_object()))
    }
}

fn is_null_type(v: &Value) -> bool {
    v.get("type") == Some(&Value::String("null".into()))
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
                for field in &o.fields {
                    let Some((wire, property)) =
                        property_of(field, &properties, &schemas, &matched, ir)
                    else {
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
                            let target = target
                                .as_str()
                                .and_then(|t| t.strip_prefix("#/components/schemas/"));
                            let member = u.members.iter().find_map(|m| match (&m.ty, target) {
                                (Type::Ref(k), Some(t)) => matched
                                    .get(k.as_str())
                                    .filter(|s| std::ptr::eq(**s, &all[t]))
                                    .map(|_| k.clone()),
                                _ => None,
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
    } else if model.name == "Security" {
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
        _ => {}
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
    let constant = schemas.non_null(property).get("const");
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

/// Each model matched to its schema: by name, then through the fields and
/// members of the models matched already.
fn match_models<'a>(ir: &Ir, schemas: &Schemas<'a>) -> BTreeMap<String, &'a Value> {
    // Name → schema key; an exact last segment wins over the rest.
    let mut by_name: BTreeMap<String, &str> = BTreeMap::new();
    for (key, schema) in schemas.all {
        for name in [
            schema
                .get("x-speakeasy-name-override")
                .and_then(Value::as_str)
                .map(str::to_upper_camel_case),
            schema
                .get("title")
                .and_then(Value::as_str)
                .map(|t| t.to_upper_camel_case()),
            Some(key.to_upper_camel_case()),
        ]
        .into_iter()
        .flatten()
        {
            by_name.entry(name).or_insert(key);
        }
    }
    for key in schemas.all.keys() {
        by_name.insert(last_segment(key).to_string(), key);
    }
    let mut matched: BTreeMap<String, &'a Value> = BTreeMap::new();
    let keys: BTreeMap<&str, &'a str> = ir
        .models
        .iter()
        .filter_map(|m| {
            let name = m.name.as_str();
            let base = name.trim_end_matches(|c: char| c.is_ascii_digit());
            let key = by_name
                .get(name)
                .or_else(|| by_name.get(&name.to_upper_camel_case()))
                .or_else(|| by_name.get(base))
                .or_else(|| name.strip_suffix("Input").and_then(|b| by_name.get(b)))?;
            Some((m.key.as_str(), *key))
        })
        .collect();
    for model in &ir.models {
        if let Kind::Object(o) = &model.kind {
            if o.role == Role::Operation {
                continue;
            }
        }
        if let Some(key) = keys.get(model.key.as_str()) {
            matched.insert(model.key.clone(), &schemas.all[*key]);
        }
    }
    // Through the fields and members of what is matched, until nothing new.
    loop {
        let mut found: Vec<(String, &'a Value)> = Vec::new();
        for model in &ir.models {
            let Some(schema) = matched.get(model.key.as_str()).copied() else {
                continue;
            };
            match &model.kind {
                Kind::Object(o) => {
                    let properties = schemas.properties(schema);
                    for field in &o.fields {
                        let Some(target) = field.ty.refs().first().copied() else {
                            continue;
                        };
                        if matched.contains_key(target) {
                            continue;
                        }
                        let Some((_, mut property)) =
                            property_of(field, &properties, schemas, &matched, ir)
                        else {
                            continue;
                        };
                        let mut ty = &field.ty;
                        while let Type::List(t) | Type::Map(t) = ty {
                            match schemas.inner(property) {
                                Some(inner) => property = inner,
                                None => break,
                            }
                            ty = t;
                        }
                        found.push((target.to_string(), schemas.non_null(property)));
                    }
                }
                Kind::Union(u) => {
                    let alternatives = schemas.alternatives(schemas.non_null(schema));
                    for member in &u.members {
                        let Type::Ref(target) = &member.ty else {
                            continue;
                        };
                        if matched.contains_key(target.as_str()) {
                            continue;
                        }
                        let Some(member_model) = ir.model(target) else {
                            continue;
                        };
                        if let Some(best) = best_alternative(member_model, &alternatives, schemas) {
                            found.push((target.clone(), best));
                        }
                    }
                }
                Kind::Enum(_) => {}
            }
        }
        let before = matched.len();
        for (key, schema) in found {
            matched.entry(key).or_insert(schema);
        }
        if matched.len() == before {
            break;
        }
    }
    matched
}

/// The alternative of a union's schema that best fits a member model: the
/// one whose properties its fields' names cover most.
fn best_alternative<'a>(
    member: &Model,
    alternatives: &[&'a Value],
    schemas: &Schemas<'a>,
) -> Option<&'a Value> {
    let names: BTreeSet<String> = match &member.kind {
        Kind::Object(o) => o.fields.iter().map(|f| f.wire.to_snake_case()).collect(),
        Kind::Enum(_) | Kind::Union(_) => return None,
    };
    let mut best: Option<(usize, &'a Value)> = None;
    for alternative in alternatives {
        let schema = schemas.non_null(alternative);
        let props = schemas.properties(schema);
        if props.is_empty() {
            continue;
        }
        let shared = props
            .keys()
            .filter(|p| names.contains(&p.to_snake_case()))
            .count();
        let total = props.len().max(names.len());
        if shared * 2 < total {
            continue;
        }
        if best.is_none_or(|(s, _)| shared > s) {
            best = Some((shared, schema));
        }
    }
    best.map(|(_, s)| s)
}

/// The model a field's type names, containers looked through.
fn field_model(ty: &Type) -> Option<&str> {
    match ty {
        Type::Ref(name) => Some(name),
        Type::List(t) | Type::Map(t) => field_model(t),
        _ => None,
    }
}

/// Whether a property's schema holds the model a type names, at the same
/// depth of arrays and maps: by the schema matched to the model, or by the
/// class name of a `$ref` (directly, or in an `allOf`/`oneOf`/`anyOf`).
fn refers_to(
    property: &Value,
    ty: &Type,
    schemas: &Schemas<'_>,
    matched: &BTreeMap<String, &Value>,
    ir: &Ir,
) -> bool {
    match ty {
        Type::List(t) | Type::Map(t) => {
            let p = schemas.non_null(property);
            let inner = match ty {
                Type::List(_) => p.get("items"),
                _ => p.get("additionalProperties").filter(|a| a.is_object()),
            };
            inner.is_some_and(|i| refers_to(i, t, schemas, matched, ir))
        }
        Type::Ref(model) => {
            let class = ir.model(model).map_or(model.as_str(), |m| m.name.as_str());
            let base = class.strip_suffix("Input").unwrap_or(class);
            let mut parts = vec![property];
            for nested in ["allOf", "oneOf", "anyOf"] {
                parts.extend(
                    property
                        .get(nested)
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten(),
                );
            }
            parts.iter().any(|part| {
                let by_name = ref_key(part).is_some_and(|k| {
                    let name = last_segment(k);
                    name == class || name == base
                });
                by_name
                    || matched
                        .get(model)
                        .is_some_and(|s| std::ptr::eq(*s, schemas.resolve(part)))
            })
        }
        _ => false,
    }
}

/// The property that carries `field`, with its name: by the field's key,
/// by the schema its type refers to, or by name.
fn property_of<'a>(
    field: &Field,
    properties: &BTreeMap<&'a str, &'a Value>,
    schemas: &Schemas<'a>,
    matched: &BTreeMap<String, &'a Value>,
    ir: &Ir,
) -> Option<(&'a str, &'a Value)> {
    if let Some((name, prop)) = properties.get_key_value(field.wire.as_str()) {
        return Some((name, prop));
    }
    // A field whose key is in doubt (guessed, or named after its type) is
    // the one property that holds its model; a field whose key the docs
    // give but the schema lacks is one the schema does not have (yet).
    let doubtful = field.wire_source == WireSource::Inferred;
    if doubtful && field_model(&field.ty).is_some() {
        let mut hits = properties
            .iter()
            .filter(|(_, prop)| refers_to(prop, &field.ty, schemas, matched, ir));
        if let (Some((name, prop)), None) = (hits.next(), hits.next()) {
            return Some((name, prop));
        }
    }
    let snake = field.doc_name.to_snake_case();
    properties
        .iter()
        .find(|(name, _)| name.to_snake_case() == snake)
        .map(|(name, prop)| (*name, *prop))
}
