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

/// `f` over `items` on every core; the results in the order of `items`.
///
/// Scoped threads that each take the next item from a shared counter, so big
/// and small items even out. For runs this short (tens of milliseconds)
/// plain scoped threads beat rayon, whose pool start-up and idle spinning
/// showed: a whole `codegen generate` of the corpus took 79 ms with rayon
/// against 71 ms with scoped threads, measured back to back with
/// `perf stat -r 20` (this helper then measured the same as those threads).
pub(crate) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let (f, next) = (&f, &next);
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            break done;
                        };
                        done.push((i, f(item)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a worker thread panicked"))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// A spec document in memory: path relative to the spec root, and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// `/`-separated path relative to the spec root.
    pub path: String,
    /// The markdown.
    pub text: String,
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

/// Every `*.md` document under `dir` (a top-level `README.md` aside),
/// sorted by path so that directory order never matters, with the
/// documents that are not UTF-8 reported apart.
fn read_sources(dir: &Path) -> Result<(Vec<Source>, Vec<Diagnostic>)> {
    let mut found = Vec::new();
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
            found.push((rel, path));
        }
    }
    found.sort();
    let read = par_map(&found, |(rel, path)| -> Result<_> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Ok(decode(rel, &bytes))
    });
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for doc in read {
        match doc? {
            Ok(source) => sources.push(source),
            Err(d) => errors.push(d),
        }
    }
    errors.sort_by(|a, b| a.file.cmp(&b.file));
    Ok((sources, errors))
}

/// Reads every `*.md` document under `dir` (a top-level `README.md` aside),
/// sorted by path so that directory order never matters.
pub fn read_spec(dir: &Path) -> Result<Vec<Source>> {
    let (sources, errors) = read_sources(dir)?;
    if errors.is_empty() {
        Ok(sources)
    } else {
        Err(Error::Spec(errors))
    }
}

/// Parses every source, reporting all errors at once.
pub fn parse_all(sources: &[Source]) -> Result<Vec<parse::Doc>> {
    let (docs, errors, _) = parse_each(sources);
    if errors.is_empty() {
        Ok(docs)
    } else {
        Err(Error::Spec(errors))
    }
}

/// Parses every source: the docs that parsed, every problem, and the paths
/// of the docs that did not.
fn parse_each(
    sources: &[Source],
) -> (
    Vec<parse::Doc>,
    Vec<Diagnostic>,
    std::collections::BTreeSet<String>,
) {
    // Docs parse independently: spread over the cores, kept in order.
    let parsed = par_map(sources, |s| parse::parse_doc(&s.path, &s.text));
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    let mut failed = std::collections::BTreeSet::new();
    for (s, result) in sources.iter().zip(parsed) {
        match result {
            Ok(doc) => docs.push(doc),
            Err(e) => {
                failed.insert(s.path.clone());
                errors.extend(e);
            }
        }
    }
    (docs, errors, failed)
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

fn sorted(mut errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    errors.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    errors
}

/// Reads, parses and resolves the spec in `dir`, reporting every problem of
/// every doc together.
pub fn load(dir: &Path, overlay: Option<&Path>) -> Result<Resolved> {
    let overlay = read_overlay(dir, overlay)?;
    let (sources, mut errors) = read_sources(dir)?;
    let (docs, parse_errors, mut broken) = parse_each(&sources);
    broken.extend(errors.iter().map(|d| d.file.clone()));
    errors.extend(parse_errors);
    match resolve::resolve_around(&docs, &overlay, &broken) {
        Ok(resolved) if errors.is_empty() => Ok(resolved),
        Ok(_) => Err(Error::Spec(sorted(errors))),
        Err(Error::Spec(more)) => {
            errors.extend(more);
            Err(Error::Spec(sorted(errors)))
        }
        Err(other) => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::par_map;

    #[test]
    fn par_map_keeps_the_order_of_its_items() {
        let items: Vec<u64> = (0..1000).collect();
        // Uneven work, so that the threads finish out of order.
        let out = par_map(&items, |&i| {
            let spin: u64 = (0..(i % 7) * 1000).map(std::hint::black_box).sum();
            (i, spin)
        });
        let out: Vec<u64> = out.into_iter().map(|(i, _)| i).collect();
        assert_eq!(out, items);
        assert!(par_map(&[] as &[u8], |&b| b).is_empty());
        assert_eq!(par_map(&[5u8], |&b| b + 1), vec![6]);
    }
}
