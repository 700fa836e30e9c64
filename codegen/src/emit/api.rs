//! The public API of the generated crate as data: every type with its Rust
//! path, every field with its Rust name, Rust type and JSON key, every
//! variant. [`crate::diff`] compares two of them; the crate keeps its own
//! in `api.json`, so that a regeneration can say what it changed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::names::Names;
use crate::ir::{Int, Ir, Kind, Literal, Model, Presence, Role, Tagging, Type};

/// The public API of a generated crate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Api {
    /// Every model, by key.
    pub models: Vec<ApiModel>,
}

impl Api {
    /// The model with a key.
    pub fn model(&self, key: &str) -> Option<&ApiModel> {
        self.models.iter().find(|m| m.key == key)
    }
}

/// One model's public API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiModel {
    /// The model's key (`Title`, `operations.Title`).
    pub key: String,
    /// Its Rust path in the crate (`Title`, `operations::Title`).
    pub path: String,
    /// Its doc, relative to the spec.
    pub file: String,
    /// Whether it is deprecated.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// Whether its keys are the SDK's own names (operation wrappers, the
    /// security schemes), not the API's JSON.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sdk: bool,
    /// The cargo feature that compiles it, in a crate cut into features.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
    /// What it is.
    pub kind: ApiKind,
}

/// What a model is, as the Rust API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiKind {
    /// A struct.
    Object {
        /// Its fields, in order.
        fields: Vec<ApiField>,
        /// Its oneofs.
        oneofs: Vec<ApiOneof>,
        /// The Rust type of the values of keys it keeps (`additional_properties`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        extra: Option<String>,
    },
    /// An enum of values.
    Enum {
        /// The values and their variants.
        values: Vec<ApiValue>,
        /// Whether the values are numbers.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        numeric: bool,
    },
    /// A union.
    Union {
        /// Its members.
        members: Vec<ApiMember>,
        /// The JSON key of its tag, if it has one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tag: Option<String>,
    },
}

/// One field of a struct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiField {
    /// Its Rust name.
    pub name: String,
    /// The JSON key it reads and writes.
    pub wire: String,
    /// Its Rust type, presence included.
    pub rust: String,
    /// Its JSON form (`str`, `int64-string`, `list<ref:X>`...).
    pub json: String,
    /// Whether the docs say if it may be null (where they do not, it is
    /// `Option<T>` and null reads as absent).
    #[serde(default = "yes", skip_serializing_if = "Clone::clone")]
    pub nullable_stated: bool,
    /// Whether `new` takes it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// Whether it is deprecated.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
}

/// One oneof of a struct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiOneof {
    /// Its field in the struct.
    pub field: String,
    /// Its enum's Rust name.
    pub ty: String,
    /// Its members.
    pub members: Vec<ApiMember>,
}

/// One member of a oneof or a union: a variant holding a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiMember {
    /// Its variant.
    pub variant: String,
    /// The JSON key it is written as (oneof members).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wire: Option<String>,
    /// The Rust type it holds (empty for a unit variant).
    pub rust: String,
    /// Its JSON form.
    pub json: String,
}

/// One value of an enum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiValue {
    /// The value as JSON carries it.
    pub value: String,
    /// Its variant.
    pub variant: String,
}

fn yes() -> bool {
    true
}

/// The public API of the crate an IR gives.
pub fn api(ir: &Ir) -> Api {
    api_over(ir, &BTreeMap::new())
}

/// [`api`], over a crate whose models had the features `previous` (by
/// Rust path, as [`Api::features`] gives them).
pub fn api_over(ir: &Ir, previous: &BTreeMap<String, String>) -> Api {
    api_of(ir, &super::groups::plan(ir, previous))
}

/// The API of the crate cut into `groups`.
pub(super) fn api_of(ir: &Ir, groups: &super::groups::Groups) -> Api {
    let names = Names::new(ir);
    Api {
        models: ir
            .models
            .iter()
            .map(|m| model(ir, &names, groups, m))
            .collect(),
    }
}

impl Api {
    /// The feature of each model, by Rust path (the name two docs dialects
    /// agree on), none in an uncut crate.
    pub fn features(&self) -> BTreeMap<String, String> {
        self.models
            .iter()
            .filter_map(|m| Some((m.path.clone(), m.feature.clone()?)))
            .collect()
    }
}

fn model(ir: &Ir, names: &Names, groups: &super::groups::Groups, model: &Model) -> ApiModel {
    let parts = names.parts(&model.key);
    let kind = match &model.kind {
        Kind::Object(o) => {
            let mut fields = Vec::new();
            for (f, name) in o.fields.iter().zip(&parts.fields) {
                if f.oneof.is_some() || matches!(f.ty, Type::Opaque(_)) {
                    continue;
                }
                let value = boxed(rust(ir, names, &f.ty), f.boxed);
                let rust = match (&f.ty, f.presence) {
                    (Type::Const(Literal::Null), _) => "Option<()>".to_string(),
                    (Type::Const(_), Presence::Nullable) => format!("Option<Option<{value}>>"),
                    (Type::Const(_), _) => format!("Option<{value}>"),
                    (_, Presence::Required) => value,
                    (_, Presence::Optional | Presence::RequiredNullable) => {
                        format!("Option<{value}>")
                    }
                    (_, Presence::Nullable) => format!("Option<Option<{value}>>"),
                };
                fields.push(ApiField {
                    name: name.trim_start_matches("r#").to_string(),
                    wire: f.wire.clone(),
                    rust,
                    json: json(ir, &f.ty),
                    nullable_stated: f.nullable_stated,
                    required: !f.presence.optional() && !matches!(f.ty, Type::Const(_)),
                    deprecated: f.deprecated.is_some(),
                });
            }
            let oneofs = o
                .oneofs
                .iter()
                .zip(&parts.oneofs)
                .map(|(decl, on)| ApiOneof {
                    field: on.field.trim_start_matches("r#").to_string(),
                    ty: on.ty.clone(),
                    members: decl
                        .members
                        .iter()
                        .zip(&on.variants)
                        .map(|(m, v)| {
                            let field = o
                                .fields
                                .iter()
                                .find(|f| {
                                    f.wire == m.wire && f.oneof.as_deref() == Some(&decl.name)
                                })
                                .expect("the resolver links members to fields");
                            ApiMember {
                                variant: v.clone(),
                                wire: Some(m.wire.clone()),
                                rust: boxed(rust(ir, names, &field.ty), field.boxed),
                                json: json(ir, &field.ty),
                            }
                        })
                        .collect(),
                })
                .collect();
            ApiKind::Object {
                fields,
                oneofs,
                extra: o
                    .extra
                    .as_ref()
                    .map(|t| format!("IndexMap<String, {}>", rust(ir, names, t))),
            }
        }
        Kind::Enum(e) => ApiKind::Enum {
            values: e
                .values
                .iter()
                .zip(&parts.variants)
                .map(|(v, variant)| ApiValue {
                    value: v.value.clone(),
                    variant: variant.clone(),
                })
                .collect(),
            numeric: e.numeric,
        },
        Kind::Union(u) => ApiKind::Union {
            members: u
                .members
                .iter()
                .zip(&parts.variants)
                .map(|(m, v)| ApiMember {
                    variant: v.clone(),
                    wire: None,
                    rust: match &m.ty {
                        Type::Const(_) => String::new(),
                        ty => boxed(rust(ir, names, ty), m.boxed),
                    },
                    json: json(ir, &m.ty),
                })
                .collect(),
            tag: match &u.tag {
                Tagging::Untagged => None,
                Tagging::Internal { property, .. } => Some(property.clone()),
            },
        },
    };
    let sdk = match &model.kind {
        Kind::Object(o) => match o.role {
            Role::Operation | Role::Security => true,
            Role::Schema | Role::Error => false,
        },
        Kind::Enum(_) | Kind::Union(_) => false,
    };
    ApiModel {
        key: model.key.clone(),
        path: rust_path(names, model),
        file: model.source.file.clone(),
        deprecated: model.deprecated.is_some(),
        sdk,
        feature: groups.feature(&model.key).map(str::to_string),
        kind,
    }
}

pub(super) fn rust_path(names: &Names, model: &Model) -> String {
    match &model.module {
        None => names.ty_text(&model.key).to_string(),
        Some(section) => format!("{}::{}", names.sections[section], names.ty_text(&model.key)),
    }
}

fn boxed(rust: String, boxed: bool) -> String {
    if boxed {
        format!("Box<{rust}>")
    } else {
        rust
    }
}

/// A Rust type as text, models by their path in the crate.
fn rust(ir: &Ir, names: &Names, ty: &Type) -> String {
    match ty {
        Type::String => "String".into(),
        Type::Int(Int::Big) => "BigInt".into(),
        Type::Int(Int::I64 | Int::I64String) => "i64".into(),
        Type::Float => "f64".into(),
        Type::Number => "serde_json::Number".into(),
        Type::Decimal => "BigDecimal".into(),
        Type::Bool => "bool".into(),
        Type::Any => "serde_json::Value".into(),
        Type::DateTime => "DateTime<FixedOffset>".into(),
        Type::Date => "NaiveDate".into(),
        Type::Temporal => "DateOrDateTime".into(),
        Type::Bytes => "Vec<u8>".into(),
        Type::List(t) => format!("Vec<{}>", rust(ir, names, t)),
        Type::Map(t) => format!("IndexMap<String, {}>", rust(ir, names, t)),
        Type::Ref(key) => match ir.model(key) {
            Some(m) => rust_path(names, m),
            None => key.clone(),
        },
        Type::Const(Literal::String(_)) => "String".into(),
        Type::Const(Literal::Number(_)) => "serde_json::Number".into(),
        Type::Const(Literal::Bool(_)) => "bool".into(),
        Type::Const(Literal::Null) => "()".into(),
        Type::Opaque(name) => name.clone(),
    }
}

/// A type's JSON form, in the vocabulary of the docs' ground truth.
fn json(ir: &Ir, ty: &Type) -> String {
    match ty {
        Type::String => "str".into(),
        Type::Int(Int::Big) => "bigint".into(),
        Type::Int(Int::I64) => "int".into(),
        Type::Int(Int::I64String) => "int64-string".into(),
        Type::Float => "float".into(),
        Type::Number => "number".into(),
        Type::Decimal => "decimal".into(),
        Type::Bool => "bool".into(),
        Type::Any => "any".into(),
        Type::DateTime => "datetime".into(),
        Type::Date => "date".into(),
        Type::Temporal => "date|datetime".into(),
        Type::Bytes => "bytes".into(),
        Type::List(t) => format!("list<{}>", json(ir, t)),
        Type::Map(t) => format!("map<{}>", json(ir, t)),
        Type::Ref(key) => match ir.model(key).map(|m| &m.kind) {
            Some(Kind::Enum(_)) => format!("enum:{key}"),
            Some(Kind::Union(_)) => format!("union:{key}"),
            Some(Kind::Object(_)) | None => format!("ref:{key}"),
        },
        Type::Const(l) => format!("const:{}", l.json()),
        Type::Opaque(name) => format!("opaque:{name}"),
    }
}
