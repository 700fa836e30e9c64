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
//!
//! Overlays stack: a spec's `overlay.toml` (derived, rewritten by
//! `codegen overlay`) is read first and its `overlay.hand.toml` (facts a
//! maintainer states, which no derivation touches) over it; a fact in a
//! later layer replaces the same fact in an earlier one.

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
    /// When layered: the last file that named each model (`Model`) and
    /// field (`Model.field`), where it is not `path`.
    #[serde(skip)]
    origins: BTreeMap<String, PathBuf>,
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

impl ModelOverlay {
    /// Whether it states a fact of the model's own, not only of its fields.
    pub fn states_own(&self) -> bool {
        self.discriminator.is_some() || self.mapping.is_some() || self.numeric.is_some()
    }
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

    /// `top` over `self`: each fact `top` states replaces the one here.
    pub fn layered(mut self, top: Overlay) -> Overlay {
        if top.key_style.is_some() {
            self.key_style = top.key_style;
        }
        for (name, facts) in top.models {
            let mine = self.models.entry(name.clone()).or_default();
            // The model's own facts come from `top` only if it states one,
            // or names the model and nothing else where no file did before
            // (a file that names only fields leaves them where they were).
            if facts.states_own() || (facts.fields.is_empty() && !self.origins.contains_key(&name))
            {
                self.origins.insert(name.clone(), top.path.clone());
            }
            if facts.discriminator.is_some() {
                mine.discriminator = facts.discriminator;
            }
            if facts.mapping.is_some() {
                mine.mapping = facts.mapping;
            }
            if facts.numeric.is_some() {
                mine.numeric = facts.numeric;
            }
            for (field, fact) in facts.fields {
                self.origins
                    .insert(format!("{name}.{field}"), top.path.clone());
                let mine = mine.fields.entry(field).or_default();
                let FieldOverlay {
                    wire,
                    int64,
                    format,
                    nullable,
                    constant,
                } = fact;
                mine.wire = wire.or(mine.wire.take());
                mine.int64 = int64.or(mine.int64.take());
                mine.format = format.or(mine.format.take());
                mine.nullable = nullable.or(mine.nullable.take());
                mine.constant = constant.or(mine.constant.take());
            }
        }
        self
    }

    /// The file that stated the facts about `model` (or `model.field`).
    pub fn origin(&self, model: &str, field: Option<&str>) -> &Path {
        let key = match field {
            Some(f) => format!("{model}.{f}"),
            None => model.to_string(),
        };
        self.origins.get(&key).unwrap_or(&self.path)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(path: &str, text: &str) -> Overlay {
        Overlay::parse(Path::new(path), text).unwrap()
    }

    #[test]
    fn a_layer_replaces_only_the_facts_it_states() {
        let derived = parse(
            "derived.toml",
            "key_style = \"lowerCamel\"\n\
             [models.A.fields.x]\nwire = \"X\"\nint64 = true\n\
             [models.A.fields.y]\nwire = \"Y\"\n\
             [models.U]\ndiscriminator = \"kind\"\n",
        );
        let hand = parse(
            "hand.toml",
            "key_style = \"as-named\"\n\
             [models.A.fields.x]\nint64 = false\nformat = \"int32\"\n\
             [models.B.fields.z]\nnullable = true\n\
             [models.U.fields.kind]\nwire = \"type\"\n\
             [models.T]\n",
        );
        let both = derived.layered(hand);
        assert_eq!(both.key_style, Some(KeyStyle::AsNamed));
        let x = both.field("A", "x").unwrap();
        assert_eq!(x.wire.as_deref(), Some("X"));
        assert_eq!(x.int64, Some(false));
        assert_eq!(x.format.as_deref(), Some("int32"));
        assert_eq!(both.field("A", "y").unwrap().wire.as_deref(), Some("Y"));
        assert_eq!(both.field("B", "z").unwrap().nullable, Some(true));
        assert_eq!(
            both.model("U").unwrap().discriminator.as_deref(),
            Some("kind")
        );
        // Messages name the file that stated a fact last.
        assert_eq!(both.origin("A", Some("x")), Path::new("hand.toml"));
        assert_eq!(both.origin("A", Some("y")), Path::new("derived.toml"));
        assert_eq!(both.origin("B", Some("z")), Path::new("hand.toml"));
        // A file that names only a model's fields states none of its own.
        assert_eq!(both.origin("U", None), Path::new("derived.toml"));
        assert_eq!(both.origin("U", Some("kind")), Path::new("hand.toml"));
        // A model named and nothing more: that file named it.
        assert_eq!(both.origin("T", None), Path::new("hand.toml"));
    }
}
