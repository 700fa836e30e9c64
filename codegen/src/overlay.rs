//! The overlay: a TOML file of facts the docs do not state.
//!
//! ```toml
//! # A field whose JSON key the docs cannot tell.
//! [models.Provision.fields.provision_policy]
//! wire = "provisionPolicy"
//! ```
//!
//! Every entry must name a model and field of the spec, so a stale overlay is
//! an error rather than a silent no-op.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// Parsed overlay.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
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
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelOverlay {
    /// Per-field facts, by field name as the docs write it.
    #[serde(default)]
    pub fields: BTreeMap<String, FieldOverlay>,
}

/// Facts about one field.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldOverlay {
    /// The JSON key.
    pub wire: Option<String>,
}

impl Overlay {
    /// Parses overlay text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Self> {
        let mut overlay: Overlay = toml::from_str(text).map_err(|e| Error::Overlay {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        overlay.path = path.to_path_buf();
        Ok(overlay)
    }

    /// Reads an overlay file.
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse(path, &text)
    }

    /// The overlaid wire name of `model.field`, if any.
    pub fn wire(&self, model: &str, field: &str) -> Option<&str> {
        self.models.get(model)?.fields.get(field)?.wire.as_deref()
    }
}
