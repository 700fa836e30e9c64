//! The overlay: a TOML file of facts the docs do not state.
//!
//! ```toml
//! # How the docs' field names become JSON keys where nothing else says.
//! key_style = "lowerCamel"
//!
//! # A field whose JSON key the docs cannot tell.
//! [models.Provision.fields.provision_policy]
//! wire = "provisionPolicy"
//!
//! # An integer of 64 bits sent as a decimal string.
//! [models.App.fields.user_count]
//! int64 = true
//!
//! # A union whose members say which they are by a property.
//! [models.Subject]
//! discriminator = "type"
//! mapping = { ACCOUNT = "LedgerAccountSubject", WALLET = "WalletSubject" }
//! ```
//!
//! Models are named by key (`Title`, or `operations.Title`), fields by the
//! name the docs give them (a trailing `_` escape may be left out). Every
//! entry must name a model and field of the spec, so a stale overlay is an
//! error rather than a silent no-op. `codegen overlay` derives the file from
//! an OpenAPI document.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Parsed overlay.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// How field names become JSON keys where nothing else says; by default
    /// the docs' own evidence decides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_style: Option<KeyStyle>,
    /// Per-model facts, by model key.
    #[serde(default)]
    pub models: BTreeMap<String, ModelOverlay>,
    /// Where it was read from, for messages.
    #[serde(skip)]
    pub path: PathBuf,
}

/// How the docs' field names become JSON keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum KeyStyle {
    /// `created_at` is `createdAt` (protobuf JSON).
    #[serde(rename = "lowerCamel")]
    LowerCamel,
    /// A field's key is its name (`created_at`).
    #[serde(rename = "as-named")]
    AsNamed,
}

/// Facts about one model.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModelOverlay {
    /// A union's discriminating property (its JSON key).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discriminator: Option<String>,
    /// A union's tags: tag value → member model key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mapping: Option<BTreeMap<String, String>>,
    /// An enum whose values are numbers, not strings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numeric: Option<bool>,
    /// Per-field facts, by field name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, FieldOverlay>,
}

/// Facts about one field.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FieldOverlay {
    /// The JSON key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wire: Option<String>,
    /// The integer travels as a decimal string (`type: string, format: int64`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub int64: Option<bool>,
    /// The schema's format: `int32`, `int64`, `uint32`, `uint64`, `integer`
    /// (an integer of no format), `bigint`, `double`, `float`, `number`,
    /// `decimal`, `date`, `date-time`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Whether null is a value of its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nullable: Option<bool>,
    /// The one value the field may hold.
    #[serde(rename = "const", skip_serializing_if = "Option::is_none")]
    pub constant: Option<toml::Value>,
}

impl Overlay {
    /// Parses overlay text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Self> {
        let mut overlay: Overlay = toml::from_str(text).map_err(|e| Error::Overlay {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        overlay.path = path.to_path_buf();
        // Fields are named as the docs name them, a Python escape dropped.
        for (model, facts) in overlay.models.iter_mut() {
            let mut fields = BTreeMap::new();
            for (key, fact) in std::mem::take(&mut facts.fields) {
                let name = unescaped(&key).to_string();
                if let Some(format) = &fact.format {
                    if !FORMATS.contains(&format.as_str()) {
                        return Err(Error::Overlay {
                            path: path.to_path_buf(),
                            message: format!(
                                "`{model}.{key}`: unknown format `{format}`: expected one of {}",
                                FORMATS.join(", ")
                            ),
                        });
                    }
                }
                if fields.insert(name.clone(), fact).is_some() {
                    return Err(Error::Overlay {
                        path: path.to_path_buf(),
                        message: format!("`{model}.{name}` is given twice (as `{key}` too)"),
                    });
                }
            }
            facts.fields = fields;
        }
        Ok(overlay)
    }

    /// Reads an overlay file.
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse(path, &text)
    }

    /// The facts about `model.field` (the docs' field name), if any.
    pub fn field(&self, model: &str, field: &str) -> Option<&FieldOverlay> {
        self.models.get(model)?.fields.get(unescaped(field))
    }

    /// The facts about a model, if any.
    pub fn model(&self, model: &str) -> Option<&ModelOverlay> {
        self.models.get(model)
    }

    /// The overlay as TOML, models and fields sorted.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("an overlay is plain tables of strings and booleans")
    }
}

/// The formats an overlay may state.
pub const FORMATS: &[&str] = &[
    "int32",
    "int64",
    "uint32",
    "uint64",
    "integer",
    "bigint",
    "double",
    "float",
    "number",
    "decimal",
    "date",
    "date-time",
];

/// A docs field name without its Python escape (`from_` → `from`).
pub fn unescaped(name: &str) -> &str {
    match name.strip_suffix('_') {
        Some(rest) if !rest.is_empty() && !rest.ends_with('_') => rest,
        _ => name,
    }
}

/// A TOML value as JSON text, for a `const`.
pub fn toml_json(value: &toml::Value) -> Option<String> {
    match value {
        toml::Value::String(s) => Some(serde_json::to_string(s).expect("strings serialize")),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}
