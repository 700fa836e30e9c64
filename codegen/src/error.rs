//! Errors and diagnostics shared by every stage.

use std::fmt;
use std::path::PathBuf;

/// A problem found in a spec document, located by file and line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Path of the document, relative to the spec root (`/`-separated).
    pub file: String,
    /// 1-based line number; 0 when the problem is not on one line.
    pub line: usize,
    /// 1-based column; 0 when the whole line is meant.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// The offending text, as written in the document.
    pub text: String,
}

impl Diagnostic {
    /// Creates a diagnostic.
    pub fn new(
        file: impl Into<String>,
        line: usize,
        message: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            line,
            column: 0,
            message: message.into(),
            text: text.into(),
        }
    }

    /// The same, pointing at a column of the line.
    pub fn at_column(mut self, column: usize) -> Self {
        self.column = column;
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}: {}", self.file, self.message)?,
            (line, 0) => write!(f, "{}:{line}: {}", self.file, self.message)?,
            (line, column) => write!(f, "{}:{line}:{column}: {}", self.file, self.message)?,
        }
        if !self.text.is_empty() {
            write!(f, "\n    | {}", self.text.trim())?;
        }
        Ok(())
    }
}

/// Everything that can stop a generator run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more problems in the spec documents.
    #[error("{}", join(.0))]
    Spec(Vec<Diagnostic>),
    /// A file or directory could not be read or written.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The overlay file is not valid.
    #[error("{}: {message}", .path.display())]
    Overlay {
        /// The overlay file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The package name is not one cargo accepts.
    #[error(
        "invalid crate name `{0}`: use letters, digits, `-` and `_`, starting with a letter, \
         and not the name of a dependency"
    )]
    CrateName(String),
    /// Emitted code did not parse as Rust: a bug in the emitter.
    #[error("internal error: emitted code for {file} does not parse: {message}")]
    Emit {
        /// The output file being produced.
        file: String,
        /// The parser's message.
        message: String,
    },
}

fn join(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for (i, d) in diags.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&d.to_string());
    }
    out
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
