//! The overlay: a TOML file of facts the docs do not state.
//!
//! ```toml
//! # A field whose JSON key the docs cannot tell.
//! [models.Provision.fields.provision_policy]
//! wire = "provisionPolicy"
//! ```
//!
//! Every entry must name a model and field of the spec, so a stale overlay is
//! an error rather than a silent no-op. `int64 = true` marks an integer field
//! that travels as a decimal string. `codegen overlay` derives the file from
//! an OpenAPI document.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Parsed overlay.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// Per-model facts, by model name (the H1 of its doc).
    #[serde(default)]
    pub models: BTreeMap<String, ModelOverlay>,
    /// Where it was read from, for messages.
    #[serde(skip)]
    pub path: PathBuf,
}

/// Facts about one model.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModelOverlay {
    /// Per-field facts, by field name (a trailing `_` escape may be left out).
    #[serde(default)]
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
}

impl Overlay {
    /// Parses overlay text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Self> {
        let mut overlay: Overlay = toml::from_str(text).map_err(|e| Error::Overlay {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        overlay.path = path.to_path_buf();
        // Fields are named as in the IR: a Python escape (`from_`) dropped.
        for (model, facts) in overlay.models.iter_mut() {
            let mut fields = BTreeMap::new();
            for (key, fact) in std::mem::take(&mut facts.fields) {
                let name = key
                    .strip_suffix('_')
                    .map(str::to_string)
                    .unwrap_or(key.clone());
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

    /// The facts about `model.field`, if any.
    pub fn field(&self, model: &str, field: &str) -> Option<&FieldOverlay> {
        self.models.get(model)?.fields.get(field)
    }

    /// The overlaid wire name of `model.field`, if any.
    pub fn wire(&self, model: &str, field: &str) -> Option<&str> {
        self.field(model, field)?.wire.as_deref()
    }

    /// Whether the overlay says `model.field` is an int64 sent as a string.
    pub fn int64(&self, model: &str, field: &str) -> bool {
        self.field(model, field).and_then(|f| f.int64) == Some(true)
    }

    /// The overlay as TOML, models and fields sorted.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("an overlay is plain tables of strings and booleans")
    }
}
