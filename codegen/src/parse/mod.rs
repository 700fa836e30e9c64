//! Stage 1: one markdown document → [`Doc`], in words free of any dialect.
//!
//! This stage knows markdown (through pulldown-cmark) and the dialects of the
//! docs family: Python and TypeScript type notation, tables read by their
//! header, enum values as tables, bullet lists or TypeScript unions, union
//! docs in their old and new forms, deprecation marks. It knows nothing of
//! Rust or of other documents: links stay unresolved strings.
//!
//! Only the structures that carry meaning are strict (the title, oneof
//! declarations, the fields or values, `## Supported Types`); any other
//! markdown is prose, kept for rustdoc.

mod notation;
mod outline;
mod preamble;
mod sections;
mod table;
mod text;

use pulldown_cmark::{Event, HeadingLevel};
use serde::Serialize;

use crate::error::Diagnostic;
use outline::{Block, Item, Row};
use table::{raw_cells, Columns};
use text::{code_only, events, markdown_text, plain_text, Inline};

/// One parsed model document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Doc {
    /// Path relative to the spec root, `/`-separated.
    pub path: String,
    /// The title: the model's name.
    pub title: String,
    /// Line of the title.
    pub line: usize,
    /// Set when the model is deprecated (a struck-through title or a
    /// deprecation notice): the notice, possibly empty.
    pub deprecated: Option<String>,
    /// The prose, as markdown blocks: the description, and the text of any
    /// extra sections.
    pub description: Vec<String>,
    /// The model's own oneof declarations, in document order.
    pub oneofs: Vec<OneofDecl>,
    /// What the model is.
    pub body: Body,
    /// The SDK language whose notation the fields table uses, if it shows.
    pub dialect: Option<Dialect>,
}

/// The language of an SDK whose docs these are, as their type notation
/// shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    /// `*Optional[str]*`: every field says whether it may be null, but for
    /// collections and dates, which the docs print bare.
    Python,
    /// `*string*`: no field says whether it may be null.
    TypeScript,
}

/// "This message contains a oneof named X ..." with its member list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OneofDecl {
    /// The oneof's name.
    pub name: String,
    /// Member names (JSON keys), in document order.
    pub members: Vec<String>,
    /// Line of the paragraph.
    pub line: usize,
}

/// The structure of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    /// `## Fields`: an object.
    Fields(Vec<FieldRow>),
    /// `## Values`: an enum.
    Values(Values),
    /// `## Supported Types`: a union.
    Union(Vec<MemberRow>),
}

/// One row of a fields table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldRow {
    /// The field name as the docs give it (a Python or TypeScript name).
    pub name: String,
    /// The type.
    pub ty: DocType,
    /// The type cell as written (for messages).
    pub ty_text: String,
    /// The Required column.
    pub required: bool,
    /// Set when the field is deprecated: the notice, possibly empty.
    pub deprecated: Option<String>,
    /// The description (inline markdown, `<br/>` turned into newlines).
    pub description: String,
    /// The Example column, if any.
    pub example: Option<String>,
    /// Line of the row.
    pub line: usize,
    /// Column of the Type cell.
    pub ty_column: usize,
}

/// The values of an enum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Values {
    /// The values in document order.
    pub rows: Vec<ValueRow>,
    /// What the docs say of values not listed.
    pub open: Openness,
}

/// Whether an enum's docs admit values they do not list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Openness {
    /// The docs say it is open.
    Open,
    /// The docs use a form that marks open enums, and do not mark this one.
    Closed,
    /// The docs' form says nothing either way.
    Unstated,
}

/// One enum value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueRow {
    /// The name the SDK gives it, where the docs show one.
    pub name: Option<String>,
    /// The value.
    pub value: Literal,
    /// Line of the row or item.
    pub line: usize,
}

/// One member of a union.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberRow {
    /// Its type.
    pub ty: DocType,
    /// The type as written.
    pub ty_text: String,
    /// Line of its heading.
    pub line: usize,
}

/// A type as the docs write it, whatever the dialect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocType {
    /// A scalar.
    Scalar(Scalar),
    /// An array.
    List(Box<DocType>),
    /// An object with string keys and values of one type.
    Map(Box<DocType>),
    /// One of several types.
    Union(Vec<DocType>),
    /// Exactly one value.
    Literal(Literal),
    /// May be absent (Python `Optional`).
    Optional(Box<DocType>),
    /// May be absent or null (`OptionalNullable`).
    OptionalNullable(Box<DocType>),
    /// Present, and may be null (`Nullable`).
    Nullable(Box<DocType>),
    /// Another model: by the link to its doc, or by name.
    Model {
        /// Its name.
        name: String,
        /// The module the notation names it in (`shared`, `models`...).
        qualifier: Option<String>,
        /// The link to its doc, as written.
        link: Option<String>,
    },
    /// A type of the SDK's language with no JSON form (`httpx.Response`).
    Sdk(String),
}

/// A scalar type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scalar {
    /// Text.
    String,
    /// An integer (Python's `int`: any size).
    Integer,
    /// A binary floating-point number.
    Float,
    /// A number that may be an integer or not (TypeScript's `number`).
    Number,
    /// A decimal number, kept exactly.
    Decimal,
    /// A boolean.
    Bool,
    /// Any JSON.
    Any,
    /// A date or a date-time: the docs' label does not tell reliably.
    Temporal,
    /// A date-time.
    DateTime,
    /// A calendar date.
    Date,
    /// Binary content.
    Bytes,
}

/// A JSON value written in the docs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Literal {
    /// A string.
    String(String),
    /// A number, as written.
    Number(String),
    /// A boolean.
    Bool(bool),
    /// `null`.
    Null,
}

impl Literal {
    /// The value as JSON text.
    pub fn json(&self) -> String {
        match self {
            Literal::String(s) => serde_json::to_string(s).expect("strings serialize"),
            Literal::Number(n) => n.clone(),
            Literal::Bool(b) => b.to_string(),
            Literal::Null => "null".into(),
        }
    }
}

/// A parsed doc and the warnings met reading it.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The doc.
    pub doc: Doc,
    /// Things that are not wrong but were left out (unknown table columns).
    pub warnings: Vec<Diagnostic>,
}

const ONEOF_PREFIX: &str = "This message contains a oneof named ";
const ONEOF_SUFFIX: &str = ". Only a single field of the following list may be set at a time:";

/// Parses one document. `path` names it in messages.
pub fn parse_doc(path: &str, src: &str) -> Result<Parsed, Vec<Diagnostic>> {
    DocParser::new(path, src).run()
}

/// What the section being read holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Section {
    Preamble,
    Fields,
    Values,
    Union,
    /// The SDK's usage snippets: code in the SDK's language, not API prose.
    Skipped,
    Prose,
}

struct DocParser<'a> {
    path: &'a str,
    src: &'a str,
    line_starts: Vec<usize>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

/// What the walk over the blocks has gathered.
#[derive(Default)]
struct Gathered {
    title: Option<(String, usize)>,
    deprecated: Option<String>,
    description: Vec<String>,
    oneofs: Vec<OneofDecl>,
    /// A oneof declaration still waiting for its member list.
    awaiting_members: bool,
    fields: Option<Vec<FieldRow>>,
    dialect: Option<Dialect>,
    values: Option<Values>,
    members: Option<Vec<MemberRow>>,
    /// The union member whose heading was read, awaiting its code block:
    /// (heading text, line).
    member_heading: Option<(String, usize)>,
}

impl<'a> DocParser<'a> {
    fn new(path: &'a str, src: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        Self {
            path,
            src,
            line_starts,
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }

    fn source_line(&self, offset: usize) -> &'a str {
        let line = self.line(offset);
        let start = self.line_starts[line - 1];
        let end = self.line_starts.get(line).map_or(self.src.len(), |e| e - 1);
        &self.src[start..end]
    }

    fn diag(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(
            self.path,
            self.line(offset),
            message,
            self.source_line(offset),
        )
    }

    fn error(&mut self, offset: usize, message: impl Into<String>) {
        let d = self.diag(offset, message);
        self.errors.push(d);
    }

    fn error_at(&mut self, offset: usize, column: usize, message: impl Into<String>) {
        let d = self.diag(offset, message).at_column(column);
        self.errors.push(d);
    }

    fn run(mut self) -> Result<Parsed, Vec<Diagnostic>> {
        let blocks = outline::blocks(self.src);
        let mut g = Gathered::default();
        let mut section = Section::Preamble;
        for block in &blocks {
            if g.awaiting_members && !matches!(block, Block::List { .. }) {
                let line = g.oneofs.last().map_or(0, |o| o.line);
                let offset = self.line_starts[line.saturating_sub(1)];
                self.error(offset, "oneof declaration without a member list");
                g.awaiting_members = false;
            }
            if let Block::Heading {
                level,
                inline,
                start,
            } = block
            {
                section = self.heading(&mut g, section, *level, inline, *start);
                continue;
            }
            if g.title.is_none() {
                self.error(block.start(), "text before the `# Name` heading");
                continue;
            }
            match section {
                Section::Preamble => self.preamble(&mut g, block),
                Section::Fields => self.fields_section(&mut g, block),
                Section::Values => self.values_section(&mut g, block),
                Section::Union => self.union_section(&mut g, block),
                Section::Skipped => {}
                Section::Prose => {
                    if let Some(text) = self.prose(block) {
                        g.description.push(text);
                    }
                }
            }
        }
        if g.awaiting_members {
            self.error(
                self.src.len().saturating_sub(1),
                "oneof declaration without a member list",
            );
        }
        if let Some((_, line)) = g.member_heading.take() {
            let offset = self.line_starts[line - 1];
            self.error(offset, "union member heading without its code block");
        }
        let Some((title, line)) = g.title else {
            self.error(0, "no `# Name` heading");
            return Err(self.errors);
        };
        let body = match (g.fields, g.values, g.members) {
            (Some(rows), None, None) => Some(Body::Fields(rows)),
            (None, Some(values), None) => Some(Body::Values(values)),
            (None, None, Some(members)) if !members.is_empty() => Some(Body::Union(members)),
            (None, None, Some(_)) => {
                self.error(
                    self.src.len().saturating_sub(1),
                    "`## Supported Types` lists no member",
                );
                None
            }
            (None, None, None) => {
                self.error(
                    self.src.len().saturating_sub(1),
                    "no `## Fields`, `## Values` or `## Supported Types` section",
                );
                None
            }
            _ => None, // reported where the second section began
        };
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        Ok(Parsed {
            doc: Doc {
                path: self.path.to_string(),
                title,
                line,
                deprecated: g.deprecated,
                description: g.description,
                oneofs: g.oneofs,
                body: body.expect("no errors means a body"),
                dialect: g.dialect,
            },
            warnings: self.warnings,
        })
    }
}

/// A deprecation notice at the start of a description (`: warning: **
/// DEPRECATED **: note<br/><br/>rest`, `:warning: **DEPRECATED**: note`):
/// (note, the rest of the description).
fn deprecation(text: &str) -> Option<(String, String)> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .collect();
    if !(compact.starts_with(":warning:DEPRECATED") || compact.starts_with("DEPRECATED:")) {
        return None;
    }
    let after = text.split_once("DEPRECATED")?.1;
    let after = after
        .trim_start_matches(['*', ' '])
        .trim_start_matches(':')
        .trim();
    let (note, rest) = match after.split_once("\n\n") {
        Some((n, r)) => (n, r),
        None => after.split_once('\n').unwrap_or((after, "")),
    };
    Some((note.trim().to_string(), rest.trim().to_string()))
}

#[cfg(test)]
mod tests;
