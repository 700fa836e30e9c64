//! The generator: SDK model docs in markdown → a crate of Rust model types.
//!
//! The stages, each ignorant of the others' formats: [`layout`] (where the
//! model docs are in a docs tree), [`parse`] (markdown → [`parse::Doc`]),
//! [`resolve`] (docs → [`ir::Ir`]), [`emit`] (IR → Rust files) and
//! [`output`] (write or check). [`generate`] runs them all; [`load`] and
//! [`load_sources`] stop at the IR.

pub mod diff;
pub mod emit;
pub mod error;
pub mod ir;
pub mod layout;
pub mod openapi;
pub mod output;
pub mod overlay;
pub mod parse;
pub mod resolve;

mod par;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub use error::{Diagnostic, Error, Result};
use layout::{Place, Root, Section};
use overlay::Overlay;
pub(crate) use par::par_map;

/// The derived overlay looked for in the spec directory when none is named.
pub const DEFAULT_OVERLAY: &str = "overlay.toml";
/// The hand-written overlay read over it, when none is named.
pub const HAND_OVERLAY: &str = "overlay.hand.toml";

/// A spec document in memory: path relative to the spec root, and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// `/`-separated path relative to the spec root.
    pub path: String,
    /// The markdown.
    pub text: String,
}

/// The model docs of a spec directory, and what was left out.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Where the docs are, to follow their links.
    pub root: Root,
    /// The model docs, sorted by path.
    pub sources: Vec<Source>,
    /// Docs left out, each with the reason (SDK settings, docs outside
    /// `models/`).
    pub notes: Vec<Diagnostic>,
    /// Docs that could not be read as text.
    pub unreadable: Vec<Diagnostic>,
    /// Paths of the docs left out.
    pub skipped: BTreeSet<String>,
    /// The spec directory as named, for messages.
    pub root_name: String,
}

impl Spec {
    /// Docs held in memory, laid out under a root of their own.
    pub fn in_memory(sources: Vec<Source>) -> Spec {
        Spec {
            root: Root::in_memory(),
            sources,
            notes: Vec::new(),
            unreadable: Vec::new(),
            skipped: BTreeSet::new(),
            root_name: "(in memory)".into(),
        }
    }
}

/// Decodes a doc's bytes; invalid UTF-8 is an error naming the line and
/// column of the first bad byte.
pub fn decode(path: &str, bytes: &[u8]) -> std::result::Result<Source, Diagnostic> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Source {
            path: path.to_string(),
            text: text.to_string(),
        }),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = e.valid_up_to() - line_start + 1;
            let shown = String::from_utf8_lossy(&bytes[line_start..])
                .lines()
                .next()
                .unwrap_or_default()
                .to_string();
            Err(Diagnostic::new(
                path,
                line,
                format!("invalid UTF-8 at column {column}: a doc must be UTF-8 text"),
                shown,
            ))
        }
    }
}

/// Reads the model docs of a spec directory: the SDK's `docs` tree, its
/// `models` folder, or a folder of one's own. Where the tree has a `models`
/// folder, only the docs under it are models; the SDK's own settings
/// (`models/utils/`) are left out with a note.
pub fn read_spec(dir: &Path) -> Result<Spec> {
    let root = Root::of(dir).map_err(|e| Error::io(dir, e))?;
    let files = layout::markdown_files(dir).map_err(|e| Error::io(dir, e))?;
    let places: Vec<Place> = files.iter().map(|(rel, _)| root.place(rel)).collect();
    let has_models = places.iter().any(|p| matches!(p, Place::Models(_)));
    let mut notes = Vec::new();
    let mut skipped = BTreeSet::new();
    let mut outside = Vec::new();
    let mut wanted = Vec::new();
    for ((rel, path), place) in files.into_iter().zip(places) {
        match place {
            Place::Models(Section::Utils) => {
                notes.push(Diagnostic::new(
                    &rel,
                    0,
                    "skipped: the SDK's own client settings, not an API model",
                    "",
                ));
                skipped.insert(rel);
            }
            Place::Outside if has_models || rel == "README.md" => {
                outside.push(rel.clone());
                skipped.insert(rel);
            }
            Place::Models(_) | Place::Outside => wanted.push((rel, path)),
        }
    }
    if !outside.is_empty() {
        let shown: Vec<&str> = outside.iter().take(3).map(String::as_str).collect();
        let more = if outside.len() > 3 { ", ..." } else { "" };
        notes.push(Diagnostic::new(
            dir.display().to_string(),
            0,
            format!(
                "skipped {} doc(s) outside the `models` folder ({}{more})",
                outside.len(),
                shown.join(", ")
            ),
            "",
        ));
    }
    let read = par_map(&wanted, |(rel, path)| -> Result<_> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Ok(decode(rel, &bytes))
    });
    let mut sources = Vec::new();
    let mut unreadable = Vec::new();
    for doc in read {
        match doc? {
            Ok(source) => sources.push(source),
            Err(d) => unreadable.push(d),
        }
    }
    Ok(Spec {
        root,
        sources,
        notes,
        unreadable,
        skipped,
        root_name: dir.display().to_string(),
    })
}

/// A spec's IR, and everything the run has to say about the docs.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The models.
    pub ir: ir::Ir,
    /// Things the docs could not tell, decided by a default, and things
    /// left out.
    pub warnings: Vec<Diagnostic>,
    /// Docs left out, with the reason.
    pub notes: Vec<Diagnostic>,
    /// How field names became JSON keys.
    pub key_style: resolve::KeyEvidence,
}

/// A spec's docs after parsing: the docs that parsed, and what went wrong.
#[derive(Debug, Clone)]
pub struct ParsedSpec {
    /// The docs that parsed.
    pub docs: Vec<parse::Doc>,
    /// Warnings of the parse (unknown table columns).
    pub warnings: Vec<Diagnostic>,
    /// Every problem of the docs that did not parse or read.
    pub errors: Vec<Diagnostic>,
    /// Their paths.
    pub broken: BTreeSet<String>,
}

/// Parses every doc of a spec, on every core.
pub fn parse_spec(spec: &Spec) -> ParsedSpec {
    let parsed = par_map(&spec.sources, |s| parse::parse_doc(&s.path, &s.text));
    let mut out = ParsedSpec {
        docs: Vec::new(),
        warnings: Vec::new(),
        errors: spec.unreadable.clone(),
        broken: spec.unreadable.iter().map(|d| d.file.clone()).collect(),
    };
    for (s, result) in spec.sources.iter().zip(parsed) {
        match result {
            Ok(p) => {
                out.warnings.extend(p.warnings);
                out.docs.push(p.doc);
            }
            Err(e) => {
                out.broken.insert(s.path.clone());
                out.errors.extend(e);
            }
        }
    }
    out
}

/// Resolves a parsed spec, reporting every problem of every doc together.
pub fn resolve_spec(spec: &Spec, parsed: &ParsedSpec, overlay: &Overlay) -> Result<Loaded> {
    let input = resolve::Input {
        docs: &parsed.docs,
        root: &spec.root,
        overlay,
        broken: &parsed.broken,
        skipped: &spec.skipped,
    };
    let mut errors = parsed.errors.clone();
    match resolve::resolve(&input) {
        Ok(resolved) if errors.is_empty() => {
            let mut warnings = parsed.warnings.clone();
            warnings.extend(resolved.warnings);
            Ok(Loaded {
                ir: resolved.ir,
                warnings: resolve_sorted(warnings),
                notes: spec.notes.clone(),
                key_style: resolved.key_style,
            })
        }
        Ok(_) => Err(Error::Spec(resolve_sorted(errors))),
        Err(Error::Spec(more)) => {
            errors.extend(more);
            Err(Error::Spec(resolve_sorted(errors)))
        }
        Err(other) => Err(other),
    }
}

/// Parses and resolves a spec, reporting every problem of every doc
/// together.
pub fn load_spec(spec: &Spec, overlay: &Overlay) -> Result<Loaded> {
    resolve_spec(spec, &parse_spec(spec), overlay)
}

fn resolve_sorted(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    diags
}

/// Parses and resolves docs held in memory.
pub fn load_sources(sources: Vec<Source>, overlay: &Overlay) -> Result<Loaded> {
    load_spec(&Spec::in_memory(sources), overlay)
}

/// Reads, parses and resolves the spec in `dir` with the overlays at
/// `overlays` (or the spec's own; see [`read_overlay`]).
pub fn load(dir: &Path, overlays: &[PathBuf]) -> Result<Loaded> {
    let overlay = read_overlay(dir, overlays)?;
    load_spec(&read_spec(dir)?, &overlay)
}

/// Reads the overlays at `paths`, each over the ones before it; with none
/// named, `DEFAULT_OVERLAY` and then `HAND_OVERLAY` in `spec`, those that
/// exist.
pub fn read_overlay(spec: &Path, paths: &[PathBuf]) -> Result<Overlay> {
    let own: Vec<PathBuf>;
    let paths = if paths.is_empty() {
        own = [DEFAULT_OVERLAY, HAND_OVERLAY]
            .iter()
            .map(|name| spec.join(name))
            .filter(|p| p.exists())
            .collect();
        &own
    } else {
        paths
    };
    let mut layers = paths.iter().map(|p| Overlay::read(p));
    let Some(first) = layers.next() else {
        return Ok(Overlay::default());
    };
    layers.try_fold(first?, |below, top| Ok(below.layered(top?)))
}

/// What `generate` is asked to do.
#[derive(Debug, Clone)]
pub struct Generate {
    /// The spec directory.
    pub spec: PathBuf,
    /// The overlays, lowest first, if not the spec's own.
    pub overlays: Vec<PathBuf>,
    /// The crate directory.
    pub out: PathBuf,
    /// Options of the emitted crate.
    pub emit: emit::EmitOptions,
    /// Compare instead of writing.
    pub check: bool,
}

/// What a `generate` run did.
#[derive(Debug)]
pub struct Generated {
    /// The spec's IR and warnings.
    pub loaded: Loaded,
    /// Renames the emitter had to make.
    pub renames: Vec<Diagnostic>,
    /// The files of the crate.
    pub files: usize,
    /// With `check`: how the output differs from what the spec produces.
    pub drift: Vec<output::Drift>,
    /// What the run changed in the crate's public API, against the API the
    /// crate in `out` recorded (none if it recorded none).
    pub report: diff::Report,
}

/// The whole pipeline: read, parse, resolve, emit, then write or check.
pub fn generate(job: &Generate) -> Result<Generated> {
    if inside(&job.spec, &job.out) {
        return Err(Error::io(
            &job.out,
            std::io::Error::other(format!(
                "the spec ({}) is inside the output directory, which generate replaces",
                job.spec.display()
            )),
        ));
    }
    let overlay = read_overlay(&job.spec, &job.overlays)?;
    generate_spec(
        &read_spec(&job.spec)?,
        &overlay,
        &job.out,
        &job.emit,
        job.check,
    )
}

/// The pipeline from docs already read: parse, resolve, emit, then write
/// `out` (or, with `check`, compare it).
pub fn generate_spec(
    spec: &Spec,
    overlay: &Overlay,
    out: &Path,
    options: &emit::EmitOptions,
    check: bool,
) -> Result<Generated> {
    let loaded = load_spec(spec, overlay)?;
    // The crate in `out` recorded its API: the report compares with it, and
    // its models keep their features.
    let recorded = out.join(emit::API_FILE);
    let old: emit::api::Api = std::fs::read_to_string(&recorded)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let previous = old.features();
    let emitted = emit::emit_over(&loaded.ir, options, &previous)?;
    let files = emitted.files.len();
    let report = diff::diff(
        &old,
        &emit::api::api_over(&loaded.ir, &previous),
        &recorded.display().to_string(),
        &spec.root_name,
    );
    let drift = if check {
        output::check(out, &emitted.files)?
    } else {
        output::write(out, &emitted.files)?;
        Vec::new()
    };
    Ok(Generated {
        loaded,
        renames: emitted.warnings,
        files,
        drift,
        report,
    })
}

/// Whether `path` is `dir` or lies inside it.
fn inside(path: &Path, dir: &Path) -> bool {
    match (path.canonicalize(), dir.canonicalize()) {
        (Ok(p), Ok(d)) => p.starts_with(d),
        _ => false,
    }
}

/// Counts for the one-screen summary of a run; `more_warnings` are those of
/// later stages (renames by the emitter).
pub fn summary(loaded: &Loaded, more_warnings: usize) -> String {
    use std::collections::BTreeMap;
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut sources: BTreeMap<ir::WireSource, usize> = BTreeMap::new();
    for model in &loaded.ir.models {
        let kind = match &model.kind {
            ir::Kind::Enum(_) => "enums",
            ir::Kind::Union(_) => "unions",
            ir::Kind::Object(o) => {
                for f in &o.fields {
                    *sources.entry(f.wire_source).or_default() += 1;
                }
                match o.role {
                    ir::Role::Schema | ir::Role::Security => "objects",
                    ir::Role::Operation => "operations",
                    ir::Role::Error => "errors",
                }
            }
        };
        *kinds.entry(kind).or_default() += 1;
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let fields: Vec<String> = sources
        .iter()
        .map(|(source, n)| format!("{n} {}", source.label()))
        .collect();
    format!(
        "models: {} ({})\n\
         JSON keys: {}\n\
         fields by JSON key: {}\n\
         warnings: {}",
        loaded.ir.models.len(),
        kinds.join(", "),
        loaded.key_style.describe(),
        fields.join(", "),
        loaded.warnings.len() + more_warnings
    )
}
