//! Writing the emitted files, or comparing them with what is on disk.
//!
//! A write never leaves a half-written directory: the crate is written to a
//! temporary directory beside the target, which then takes the target's place.

use std::fs;
use std::path::{Path, PathBuf};

use crate::emit::Files;
use crate::error::{Error, Result};

/// How a file on disk differs from what the spec produces.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Drift {
    /// On disk, with other contents.
    Changed(String),
    /// Produced, but not on disk.
    Missing(String),
    /// On disk, but no longer produced.
    Extra(String),
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Drift::Changed(p) => write!(f, "changed: {p}"),
            Drift::Missing(p) => write!(f, "missing: {p}"),
            Drift::Extra(p) => write!(f, "extra:   {p}"),
        }
    }
}

/// Directories inside the output that belong to cargo, not to the generator.
const IGNORED_DIRS: &[&str] = &["target"];

/// Every file under `dir`, as `/`-separated relative paths, sorted.
fn list_files(dir: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let abs = dir.join(&rel);
        let entries = fs::read_dir(&abs).map_err(|e| Error::io(&abs, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&abs, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = rel.join(&name);
            let kind = entry.file_type().map_err(|e| Error::io(entry.path(), e))?;
            if kind.is_dir() {
                if !(rel.parent() == Some(Path::new("")) && IGNORED_DIRS.contains(&name.as_str())) {
                    stack.push(rel);
                }
            } else {
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Compares `files` with the contents of `dir`; empty when they agree.
pub fn check(dir: &Path, files: &Files) -> Result<Vec<Drift>> {
    let on_disk = if dir.exists() {
        list_files(dir)?
    } else {
        Vec::new()
    };
    let mut drift = Vec::new();
    for (path, contents) in files {
        let abs = dir.join(path);
        match fs::read(&abs) {
            Ok(bytes) if bytes == contents.as_bytes() => {}
            Ok(_) => drift.push(Drift::Changed(path.clone())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                drift.push(Drift::Missing(path.clone()))
            }
            Err(e) => return Err(Error::io(abs, e)),
        }
    }
    for path in on_disk {
        if !files.contains_key(&path) {
            drift.push(Drift::Extra(path));
        }
    }
    drift.sort();
    Ok(drift)
}

/// Replaces `dir` with exactly `files`.
///
/// When `dir` already holds exactly `files`, nothing is touched; otherwise
/// unchanged files keep their mtime (they are hard-linked into the new output).
/// The files are written to a staging directory beside `dir`; then `dir` is
/// moved aside, the staging directory takes its name, and the old output is
/// deleted. Any failure before the swap leaves `dir` untouched; a failed swap
/// puts the old output back (or, if even that fails, says where it is).
pub fn write(dir: &Path, files: &Files) -> Result<()> {
    // Nothing to do leaves every file (and its mtime, so cargo rebuilds
    // nothing) as it is.
    if dir.exists() && check(dir, files)?.is_empty() {
        return Ok(());
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let staging = tempfile::Builder::new()
        .prefix(".codegen-new-")
        .tempdir_in(&parent)
        .map_err(|e| Error::io(&parent, e))?;
    for (path, contents) in files {
        let abs = staging.path().join(path);
        if let Some(p) = abs.parent() {
            fs::create_dir_all(p).map_err(|e| Error::io(p, e))?;
        }
        // A file that does not change is linked, not rewritten: it keeps its
        // mtime, so cargo recompiles only what changed.
        let current = dir.join(path);
        let unchanged = fs::read(&current).is_ok_and(|bytes| bytes == contents.as_bytes());
        if !(unchanged && fs::hard_link(&current, &abs).is_ok()) {
            fs::write(&abs, contents).map_err(|e| Error::io(&abs, e))?;
        }
    }
    let old = tempfile::Builder::new()
        .prefix(".codegen-old-")
        .tempdir_in(&parent)
        .map_err(|e| Error::io(&parent, e))?;
    let old_path = old.path().join("previous");
    let had_output = dir.exists();
    if had_output {
        fs::rename(dir, &old_path).map_err(|e| Error::io(dir, e))?;
    }
    if let Err(e) = fs::rename(staging.path(), dir) {
        if had_output {
            if let Err(restore) = fs::rename(&old_path, dir) {
                // Keep the only copy of the previous output, and say where.
                let kept = old.keep();
                return Err(Error::io(
                    dir,
                    std::io::Error::other(format!(
                        "{e}; and restoring the previous output failed ({restore}): it is in {}",
                        kept.join("previous").display()
                    )),
                ));
            }
        }
        return Err(Error::io(dir, e));
    }
    // The staging directory is now the output: nothing left to clean up there.
    let _ = staging.keep();
    // Carry over what cargo put inside the output (a standalone build's target/).
    for name in IGNORED_DIRS {
        let kept = old_path.join(name);
        if kept.is_dir() {
            let to = dir.join(name);
            fs::rename(&kept, &to).map_err(|e| Error::io(&kept, e))?;
        }
    }
    drop(old);
    Ok(())
}
