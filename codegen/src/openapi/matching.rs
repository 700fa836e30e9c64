//! Which schema each model is, and which property each field.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde_json::Value;

use super::schemas::{last_segment, ref_key, Schemas};
use crate::ir::{Field, Ir, Kind, Model, Role, Type, Union, WireSource};

/// Each model matched to its schema: by name, then through the fields and
/// members of the models matched already.
pub(super) fn match_models<'a>(ir: &Ir, schemas: &Schemas<'a>) -> BTreeMap<String, &'a Value> {
    // Name → schema key, by the names a schema goes by, strongest first: the
    // name the SDK is told to use, its key as written, its key in
    // UpperCamel, its title (`amazon-ads` may be titled "Source Amazon
    // Ads", which `source-amazon-ads` is called).
    type Namer = fn(&str, &Value) -> Option<String>;
    let namers: [Namer; 4] = [
        |_, schema| {
            schema
                .get("x-speakeasy-name-override")
                .and_then(Value::as_str)
                .map(str::to_upper_camel_case)
        },
        |key, _| Some(last_segment(key).to_string()),
        |key, _| Some(key.to_upper_camel_case()),
        |_, schema| {
            schema
                .get("title")
                .and_then(Value::as_str)
                .map(str::to_upper_camel_case)
        },
    ];
    let mut by_name: BTreeMap<String, &str> = BTreeMap::new();
    for namer in namers {
        for (key, schema) in schemas.all {
            if let Some(name) = namer(key, schema) {
                by_name.entry(name).or_insert(key);
            }
        }
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
                        let keys: BTreeSet<&str> =
                            o.fields.iter().map(|f| f.wire.as_str()).collect();
                        let Some((_, mut property)) =
                            property_of(field, &properties, &keys, schemas, &matched, ir)
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
                    let mut alternatives: Vec<&'a Value> = schemas
                        .alternatives(schemas.non_null(schema))
                        .into_iter()
                        .map(|a| schemas.non_null(a))
                        .collect();
                    // A `oneOf` of one alternative reads as that alternative.
                    if alternatives.is_empty() {
                        alternatives.push(schemas.non_null(schema));
                    }
                    found.extend(assign_members(
                        ir,
                        model,
                        u,
                        &alternatives,
                        schemas,
                        &matched,
                    ));
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

/// Pairs the members of a union not matched yet with the alternatives of
/// its schema, one to one, best fit first. The docs may list the members in
/// another order than the schema, so order counts for nothing.
fn assign_members<'a>(
    ir: &Ir,
    model: &Model,
    union: &Union,
    alternatives: &[&'a Value],
    schemas: &Schemas<'a>,
    matched: &BTreeMap<String, &'a Value>,
) -> Vec<(String, &'a Value)> {
    let mut taken: Vec<bool> = alternatives
        .iter()
        .map(|a| {
            matched
                .iter()
                .any(|(k, s)| *k != model.key && std::ptr::eq(*s, *a))
        })
        .collect();
    let mut scored = Vec::new();
    for (m, member) in union.members.iter().enumerate() {
        let Some(target) = member.ty.model() else {
            continue;
        };
        if matched.contains_key(target) {
            continue;
        }
        let Some(model) = ir.model(target) else {
            continue;
        };
        for (a, alternative) in alternatives.iter().enumerate() {
            if let Some(score) = fit(ir, model, alternative, schemas) {
                scored.push((score, m, a, target));
            }
        }
    }
    // Best score first; among equals, the docs' order, then the schema's.
    scored.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for (_, m, a, target) in scored {
        if taken[a] || done.contains(&m) {
            continue;
        }
        taken[a] = true;
        done.insert(m);
        out.push((target.to_string(), alternatives[a]));
    }
    out
}

/// How well a member model fits an alternative schema, best first: the tags
/// they agree on (fields the docs and the schema each let hold one value,
/// the same one), the length of the schema's title the model's name ends
/// with, the share of properties and fields that have the same names.
/// `None` where a tag disagrees or nothing fits.
fn fit(ir: &Ir, member: &Model, alternative: &Value, schemas: &Schemas<'_>) -> Option<Fit> {
    let Kind::Object(o) = &member.kind else {
        return None;
    };
    let props: BTreeMap<String, &Value> = schemas
        .properties(alternative)
        .into_iter()
        .map(|(name, prop)| (name.to_snake_case(), prop))
        .collect();
    if props.is_empty() {
        return None;
    }
    let mut tags = 0;
    let mut shared = 0;
    for field in &o.fields {
        let Some(prop) = props.get(&field.wire.to_snake_case()) else {
            continue;
        };
        shared += 1;
        if let (Some(mine), Some(theirs)) = (
            field.ty.pinned_string(|k| ir.model(k)),
            schema_tag(schemas.non_null(prop)),
        ) {
            if mine != theirs {
                return None;
            }
            tags += 1;
        }
    }
    let title = alternative
        .get("title")
        .and_then(Value::as_str)
        .map(str::to_upper_camel_case)
        .filter(|t| !t.is_empty() && member.name.to_upper_camel_case().ends_with(t.as_str()))
        .map_or(0, |t| t.len());
    let union = props.len() + o.fields.len() - shared;
    if tags == 0 && title == 0 && shared * 2 < props.len().max(o.fields.len()) {
        return None;
    }
    Some((tags, title, shared * 1000 / union.max(1)))
}

/// A member's fit to an alternative: tags agreed, title length, shared
/// names per thousand.
type Fit = (usize, usize, usize);

/// The one string a schema admits (`const`, or an `enum` of one).
fn schema_tag(schema: &Value) -> Option<&str> {
    if let Some(c) = schema.get("const") {
        return c.as_str();
    }
    match schema
        .get("enum")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
    {
        Some([one]) => one.as_str(),
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
            let inner = if matches!(ty, Type::List(_)) {
                p.get("items")
            } else {
                p.get("additionalProperties").filter(|a| a.is_object())
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
        Type::String
        | Type::Int(_)
        | Type::Float
        | Type::Number
        | Type::Decimal
        | Type::Bool
        | Type::Any
        | Type::DateTime
        | Type::Date
        | Type::Temporal
        | Type::Bytes
        | Type::Const(_)
        | Type::Opaque(_) => false,
    }
}

/// Fields in doubt (their keys guessed) that hold the same type, several
/// of them (`dynamicString` and `dynamicString1`, both `DynamicString`),
/// paired in order with as many properties that refer to it and are not
/// `claimed` (`label`, `title`): the k-th field in the rows with the k-th
/// property by name. Only for docs that list rows sorted by key
/// (`rows_sorted`, as TypeScript docs do): rows in a schema's own order
/// need not follow its properties' names. The properties paired join
/// `claimed`; a field alone is [`property_of`]'s. Keyed by field index.
pub(super) fn alike_fields<'a: 'c, 'c>(
    fields: &'c [Field],
    properties: &BTreeMap<&'a str, &'a Value>,
    claimed: &mut BTreeSet<&'c str>,
    schemas: &Schemas<'a>,
    matched: &BTreeMap<String, &'a Value>,
    ir: &Ir,
) -> BTreeMap<usize, (&'a str, &'a Value)> {
    let doubtful = |f: &Field| {
        f.wire_source == WireSource::Inferred
            && !f.ty.refs().is_empty()
            && !properties.contains_key(f.wire.as_str())
    };
    let mut out = BTreeMap::new();
    let mut seen: Vec<&Type> = Vec::new();
    for field in fields.iter().filter(|f| doubtful(f)) {
        if seen.contains(&&field.ty) {
            continue;
        }
        seen.push(&field.ty);
        let group: Vec<usize> = (0..fields.len())
            .filter(|&i| doubtful(&fields[i]) && fields[i].ty == field.ty)
            .collect();
        let hits: Vec<(&'a str, &'a Value)> = properties
            .iter()
            .filter(|(name, prop)| {
                !claimed.contains(**name) && refers_to(prop, &field.ty, schemas, matched, ir)
            })
            .map(|(name, prop)| (*name, *prop))
            .collect();
        if group.len() > 1 && hits.len() == group.len() {
            claimed.extend(hits.iter().map(|(name, _)| *name));
            out.extend(group.into_iter().zip(hits));
        }
    }
    out
}

/// Whether the docs list every object's rows sorted by key: the keys they
/// give (not guessed) are in order in every model but operation wrappers.
pub(super) fn rows_sorted(ir: &Ir) -> bool {
    ir.models.iter().all(|m| match &m.kind {
        Kind::Object(o) if o.role != Role::Operation => {
            let known: Vec<&str> = o
                .fields
                .iter()
                .filter(|f| f.wire_source != WireSource::Inferred)
                .map(|f| f.wire.as_str())
                .collect();
            known.windows(2).all(|w| w[0] < w[1])
        }
        Kind::Object(_) | Kind::Enum(_) | Kind::Union(_) => true,
    })
}

/// The property that carries `field`, with its name: by the field's key,
/// by the schema its type refers to, or by name; past its own key, only
/// among properties not `claimed` (by other fields' keys, or paired).
pub(super) fn property_of<'a>(
    field: &Field,
    properties: &BTreeMap<&'a str, &'a Value>,
    claimed: &BTreeSet<&str>,
    schemas: &Schemas<'a>,
    matched: &BTreeMap<String, &'a Value>,
    ir: &Ir,
) -> Option<(&'a str, &'a Value)> {
    if let Some((name, prop)) = properties.get_key_value(field.wire.as_str()) {
        return Some((name, prop));
    }
    let mut free = properties
        .iter()
        .filter(|(name, _)| !claimed.contains(**name));
    // A field whose key is in doubt (guessed, or named after its type) is
    // the one property that holds its model; a field whose key the docs
    // give but the schema lacks is one the schema does not have (yet).
    let doubtful = field.wire_source == WireSource::Inferred;
    if doubtful && !field.ty.refs().is_empty() {
        let mut hits = free
            .clone()
            .filter(|(_, prop)| refers_to(prop, &field.ty, schemas, matched, ir));
        if let (Some((name, prop)), None) = (hits.next(), hits.next()) {
            return Some((name, prop));
        }
    }
    let snake = field.doc_name.to_snake_case();
    free.find(|(name, _)| name.to_snake_case() == snake)
        .map(|(name, prop)| (*name, *prop))
}
