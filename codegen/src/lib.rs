//! The generator: SDK model docs in markdown → a crate of Rust model types.
//!
//! Three stages, each ignorant of the others' concerns:
//! [`parse`] (markdown → [`parse::Doc`]), [`resolve`] (docs → [`ir::Ir`]) and
//! [`emit`] (IR → Rust files). [`output`] writes or checks the result.

pub mod emit;
pub mod error;
pub mod ir;
pub mod openapi;
pub mod output;
pub mod overlay;
pub mod parse;
pub mod resolve;

use std::path::Path;

pub use error::{Diagnostic, Error, Result};
use overlay::Overlay;
use resolve::Resolved;

/// The overlay file looked for in the spec directory when none is named.
pub const DEFAULT_OVERLAY: &str = "overlay.toml";

/// A spec document in memory: path relative to the spec root, and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// `/`-separated path relative to the spec root.
    pub path: String,
    /// The markdown.
    pub text: String,
}

/// Reads every `*.md` document under `dir` (a top-level `README.md` aside),
/// sorted by path so that directory order never matters.
pub fn read_spec(dir: &Path) -> Result<Vec<Source>> {
    let mut sources = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| Error::io(&d, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&d, e))?;
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let rel = path
                .strip_prefix(dir)
                .expect("walked from dir")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            if rel == "README.md" {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            sources.push(Source { path: rel, text });
        }
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(sources)
}

/// Parses every source, reporting all errors at once.
pub fn parse_all(sources: &[Source]) -> Result<Vec<parse::Doc>> {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for s in sources {
        match parse::parse_doc(&s.path, &s.text) {
            Ok(doc) => docs.push(doc),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(docs)
    } else {
        Err(Error::Spec(errors))
    }
}

/// Parses and resolves in-memory sources.
pub fn build(sources: &[Source], overlay: &Overlay) -> Result<Resolved> {
    resolve::resolve(&parse_all(sources)?, overlay)
}

/// Reads the overlay at `path`, or `DEFAULT_OVERLAY` in `spec` if it exists.
pub fn read_overlay(spec: &Path, path: Option<&Path>) -> Result<Overlay> {
    match path {
        Some(p) => Overlay::read(p),
        None => {
            let p = spec.join(DEFAULT_OVERLAY);
            if p.exists() {
                Overlay::read(&p)
            } else {
                Ok(Overlay::default())
            }
        }
    }
}

/// Counts for the one-screen summary of a run; `more_warnings` are those of
/// later stages (renames by the emitter).
pub fn summary(resolved: &Resolved, more_warnings: usize) -> String {
    use std::collections::BTreeMap;
    let (mut objects, mut enums, mut operations) = (0, 0, 0);
    let mut sources: BTreeMap<ir::WireSource, usize> = BTreeMap::new();
    for model in &resolved.ir.models {
        match &model.kind {
            ir::Kind::Enum(_) => enums += 1,
            ir::Kind::Object(o) => {
                if o.operation {
                    operations += 1;
                } else {
                    objects += 1;
                }
                for f in &o.fields {
                    *sources.entry(f.wire_source).or_default() += 1;
                }
            }
        }
    }
    let fields: Vec<String> = sources
        .iter()
        .map(|(source, n)| format!("{n} {}", source.label()))
        .collect();
    format!(
        "models: {} ({objects} objects, {enums} enums, {operations} operations)\n\
         fields by JSON key: {}\n\
         warnings: {}",
        resolved.ir.models.len(),
        fields.join(", "),
        resolved.warnings.len() + more_warnings
    )
}

/// Reads, parses and resolves the spec in `dir`.
pub fn load(dir: &Path, overlay: Option<&Path>) -> Result<Resolved> {
    let overlay = read_overlay(dir, overlay)?;
    build(&read_spec(dir)?, &overlay)
}
