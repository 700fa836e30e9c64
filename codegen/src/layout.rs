//! Where the model docs are in a docs tree, and where a link leads.
//!
//! The SDKs lay their docs out as `docs/models/<section>/<name>.md`
//! (`shared`, `operations`, `errors`, `utils`...), as `docs/sdk/models/...`,
//! or flat as `docs/models/<name>.md`. A spec directory may be any of those
//! folders, or one of its own that holds a `models/` folder. This module knows
//! those layouts and paths; it knows nothing of markdown.

use std::path::{Component, Path, PathBuf};

/// The absolute, normalised path of a spec directory, as components, so that
/// links can be followed the way the filesystem follows them even when they
/// climb above the spec directory and come back down into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    components: Vec<String>,
}

impl Root {
    /// The root of a directory on disk.
    pub fn of(dir: &Path) -> std::io::Result<Root> {
        let abs = std::path::absolute(dir)?;
        let canonical = abs.canonicalize().unwrap_or(abs);
        Ok(Root {
            components: normalise(canonical.components().filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                Component::ParentDir => Some("..".to_string()),
                _ => None,
            }))
            .unwrap_or_default(),
        })
    }

    /// A root for docs held in memory: their paths are all there is.
    pub fn in_memory() -> Root {
        Root {
            components: Vec::new(),
        }
    }

    /// A root with the given components (e.g. `["docs", "models"]`), for docs
    /// held in memory that stand for a tree on disk.
    pub fn named(components: &[&str]) -> Root {
        Root {
            components: components.iter().map(|c| c.to_string()).collect(),
        }
    }

    /// Where a relative link in the doc at `from` (a path relative to the
    /// root) leads, as a path relative to the root; `None` if it leads
    /// outside the root.
    pub fn follow(&self, from: &str, link: &str) -> Option<String> {
        let target = link.split(['#', '?']).next().unwrap_or_default();
        let mut parts: Vec<String> = self.components.clone();
        parts.extend(from.split('/').map(str::to_string));
        parts.pop();
        parts.extend(target.split('/').map(str::to_string));
        let parts = normalise(parts.into_iter())?;
        let rest = parts.strip_prefix(self.components.as_slice())?;
        Some(rest.join("/"))
    }

    /// Where the doc at `rel` stands in the SDK's layout.
    pub fn place(&self, rel: &str) -> Place {
        let all: Vec<&str> = self
            .components
            .iter()
            .map(String::as_str)
            .chain(rel.split('/'))
            .collect();
        // The folders after the last `models` folder, the file aside.
        let folders = &all[..all.len().saturating_sub(1)];
        match folders.iter().rposition(|c| *c == "models") {
            None => Place::Outside,
            Some(at) => match folders.get(at + 1) {
                None => Place::Models(Section::Schemas),
                Some(name) => Place::Models(Section::named(name)),
            },
        }
    }
}

/// Resolves `.` and `..`; `None` if a `..` climbs above the start.
fn normalise(parts: impl Iterator<Item = String>) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for part in parts {
        match part.as_str() {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            _ => out.push(part),
        }
    }
    Some(out)
}

/// Where a doc stands in the layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Under a `models` folder, in a section.
    Models(Section),
    /// Not under any `models` folder.
    Outside,
}

/// The section of the model docs a doc is in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// The API's schemas: `shared/`, `components/`, or a flat layout.
    Schemas,
    /// The request and response wrappers of the API's operations.
    Operations,
    /// Error bodies.
    Errors,
    /// The SDK's own client settings (retries, backoff): not API models.
    Utils,
    /// Any other folder, by name.
    Other(String),
}

impl Section {
    /// The section a folder of the layout stands for.
    pub fn named(folder: &str) -> Section {
        match folder {
            "shared" | "components" | "models" => Section::Schemas,
            "operations" => Section::Operations,
            "errors" => Section::Errors,
            "utils" => Section::Utils,
            other => Section::Other(other.to_string()),
        }
    }

    /// The section a type's qualifier names (`shared.X`, `models.X`,
    /// `operations.X`...).
    pub fn of_qualifier(qualifier: &str) -> Section {
        Section::named(qualifier)
    }

    /// The folder name that stands for it (`None` for the schemas, which have
    /// several).
    pub fn folder(&self) -> Option<&str> {
        match self {
            Section::Schemas => None,
            Section::Operations => Some("operations"),
            Section::Errors => Some("errors"),
            Section::Utils => Some("utils"),
            Section::Other(name) => Some(name),
        }
    }
}

/// Every `*.md` file under `dir`: (path relative to `dir`, `/`-separated;
/// full path), sorted by relative path so that directory order never matters.
pub fn markdown_files(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
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
            found.push((rel, path));
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_followed_from_the_doc_as_the_filesystem_would() {
        let docs = Root::named(&["sdk", "docs"]);
        assert_eq!(
            docs.follow("models/shared/a.md", "../../models/shared/b.md")
                .as_deref(),
            Some("models/shared/b.md")
        );
        // Rooted at docs/models, the same link climbs above the root and
        // comes back into it.
        let models = Root::named(&["sdk", "docs", "models"]);
        assert_eq!(
            models
                .follow("shared/a.md", "../../models/shared/b.md")
                .as_deref(),
            Some("shared/b.md")
        );
        assert_eq!(
            models.follow("shared/a.md", "../../other/b.md"),
            None,
            "outside the root"
        );
        assert_eq!(
            models.follow("a.md", "b.md#anchor").as_deref(),
            Some("b.md")
        );
        assert_eq!(Root::in_memory().follow("a.md", "../b.md"), None);
    }

    #[test]
    fn places_in_the_layouts() {
        let docs = Root::named(&["x", "docs"]);
        assert_eq!(
            docs.place("models/shared/a.md"),
            Place::Models(Section::Schemas)
        );
        assert_eq!(
            docs.place("models/operations/a.md"),
            Place::Models(Section::Operations)
        );
        assert_eq!(docs.place("models/a.md"), Place::Models(Section::Schemas));
        assert_eq!(
            docs.place("models/utils/r.md"),
            Place::Models(Section::Utils)
        );
        assert_eq!(docs.place("sdks/x/README.md"), Place::Outside);
        assert_eq!(
            docs.place("sdk/models/errors/e.md"),
            Place::Models(Section::Errors)
        );
        let models = Root::named(&["x", "docs", "models"]);
        assert_eq!(models.place("shared/a.md"), Place::Models(Section::Schemas));
        assert_eq!(models.place("a.md"), Place::Models(Section::Schemas));
        assert_eq!(
            Root::in_memory().place("widget.md"),
            Place::Outside,
            "in memory, a doc outside models/ is outside"
        );
    }
}
