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

    /// A heading: the title, or the start of a section.
    fn heading(
        &mut self,
        g: &mut Gathered,
        section: Section,
        level: HeadingLevel,
        inline: &Inline<'a>,
        start: usize,
    ) -> Section {
        let (struck, text) = text::struck(inline);
        match level {
            HeadingLevel::H1 if g.title.is_none() => {
                if text.is_empty() {
                    self.error(start, "empty model name");
                }
                if struck {
                    g.deprecated.get_or_insert_with(String::new);
                }
                g.title = Some((text, self.line(start)));
                section
            }
            HeadingLevel::H1 => {
                self.error(start, "a second `# Name` heading");
                section
            }
            _ if g.title.is_none() => {
                self.error(start, "a heading before the `# Name` heading");
                section
            }
            HeadingLevel::H2 => {
                let next = match text.as_str() {
                    "Fields" => Section::Fields,
                    "Values" => Section::Values,
                    "Supported Types" => Section::Union,
                    "Example Usage" => return Section::Skipped,
                    _ => {
                        g.description.push(format!("**{}**", markdown_text(inline)));
                        return Section::Prose;
                    }
                };
                if g.fields.is_some() || g.values.is_some() || g.members.is_some() {
                    self.error(
                        start,
                        "a second `## Fields`, `## Values` or `## Supported Types` section",
                    );
                    return Section::Skipped;
                }
                match next {
                    Section::Union => g.members = Some(Vec::new()),
                    Section::Values => {
                        g.values = Some(Values {
                            rows: Vec::new(),
                            open: Openness::Unstated,
                        })
                    }
                    _ => {}
                }
                next
            }
            _ if section == Section::Union => {
                if let Some((_, line)) = g.member_heading.take() {
                    let offset = self.line_starts[line - 1];
                    self.error(offset, "union member heading without its code block");
                }
                g.member_heading = Some((text, self.line(start)));
                section
            }
            _ if matches!(
                section,
                Section::Preamble | Section::Prose | Section::Skipped
            ) =>
            {
                if section != Section::Skipped {
                    g.description.push(format!("**{}**", markdown_text(inline)));
                }
                section
            }
            _ => {
                self.error(
                    start,
                    "unexpected heading inside a `## Fields` or `## Values` section",
                );
                section
            }
        }
    }

    /// A block between the title and the first section: the description,
    /// oneof declarations and a deprecation notice.
    fn preamble(&mut self, g: &mut Gathered, block: &Block<'a>) {
        match block {
            Block::Paragraph { inline, start } => {
                let plain = plain_text(inline);
                if let Some(rest) = plain.strip_prefix(ONEOF_PREFIX) {
                    let line = self.line(*start);
                    match rest.strip_suffix(ONEOF_SUFFIX) {
                        Some(name) if is_identifier(name) => g.oneofs.push(OneofDecl {
                            name: name.to_string(),
                            members: Vec::new(),
                            line,
                        }),
                        _ => self.error(*start, "malformed oneof declaration"),
                    }
                    g.awaiting_members = true;
                } else if let Some(text) = self.prose(block) {
                    g.description.push(text);
                }
            }
            Block::List { items, .. } if g.awaiting_members => {
                g.awaiting_members = false;
                let members = self.oneof_members(items);
                if let Some(decl) = g.oneofs.last_mut() {
                    decl.members = members;
                }
            }
            Block::Quote { inline, .. } => match deprecation(&markdown_text(inline)) {
                Some((note, rest)) => {
                    g.deprecated = Some(note);
                    if !rest.is_empty() {
                        g.description.push(rest);
                    }
                }
                None => {
                    if let Some(text) = self.prose(block) {
                        g.description.push(text);
                    }
                }
            },
            _ => {
                if let Some(text) = self.prose(block) {
                    g.description.push(text);
                }
            }
        }
    }

    fn oneof_members(&mut self, items: &[Item<'a>]) -> Vec<String> {
        let mut members = Vec::new();
        for item in items {
            let name = plain_text(&item.inline);
            if item.depth != 1 || !is_member_name(&name) {
                self.error(item.start, "oneof member is not a name");
                continue;
            }
            members.push(name);
        }
        members
    }

    /// A block of prose as markdown text, or `None` for nothing to keep.
    fn prose(&self, block: &Block<'a>) -> Option<String> {
        let text = match block {
            Block::Paragraph { inline, .. } => markdown_text(inline),
            Block::Heading { inline, .. } => format!("**{}**", markdown_text(inline)),
            Block::List { items, .. } => items
                .iter()
                .map(|item| {
                    format!(
                        "{}- {}",
                        "  ".repeat(item.depth.saturating_sub(1)),
                        markdown_text(&item.inline).replace('\n', " ")
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Code { lang, text, .. } => {
                format!("```{lang}\n{}\n```", text.trim_end_matches('\n'))
            }
            Block::Table { rows, .. } => {
                let mut lines: Vec<String> = rows
                    .iter()
                    .map(|row| self.source_line(row.start).trim().to_string())
                    .collect();
                // The delimiter row is no row of its own to markdown.
                if let Some(head) = rows.first() {
                    let width = raw_cells(self.source_line(head.start)).len();
                    lines.insert(1, format!("|{}", " --- |".repeat(width)));
                }
                lines.join("\n")
            }
            Block::Quote { inline, .. } => format!("> {}", markdown_text(inline)),
            Block::Html { text, .. } => text::html_text(text),
            Block::Rule { .. } => String::new(),
        };
        let text = text.trim().to_string();
        (!text.is_empty()).then_some(text)
    }

    fn fields_section(&mut self, g: &mut Gathered, block: &Block<'a>) {
        match block {
            Block::Table { rows, start } => {
                if g.fields.is_some() {
                    self.error(*start, "a second table");
                    return;
                }
                let (rows, dialect) = self.field_rows(rows);
                g.fields = Some(rows);
                g.dialect = dialect;
            }
            other => {
                if let Some(text) = self.prose(other) {
                    g.description.push(text);
                }
            }
        }
    }

    /// The header of a table as text, checked against the row as written.
    fn header(&mut self, rows: &[Row<'a>]) -> Option<Vec<String>> {
        let head = rows.first()?;
        Some(head.cells.iter().map(plain_text).collect())
    }

    /// The cells of a row as written, or `None` after an error if there are
    /// not as many as the header has.
    fn raw_row(&mut self, rows: &[Row<'a>], row: &Row<'a>) -> Option<Vec<(usize, String)>> {
        let header = raw_cells(self.source_line(rows[0].start));
        let cells = raw_cells(self.source_line(row.start));
        if cells.len() != header.len() {
            let names: Vec<&str> = header.iter().map(|(_, h)| h.as_str()).collect();
            self.error(
                row.start,
                format!(
                    "a row needs {} cells (`{}`), found {}",
                    header.len(),
                    names.join(" | "),
                    cells.len()
                ),
            );
            return None;
        }
        Some(cells)
    }

    fn unknown_columns(&mut self, rows: &[Row<'a>], columns: &Columns) {
        for (i, name) in &columns.unknown {
            let offset = rows[0].start;
            let column = raw_cells(self.source_line(offset))
                .get(*i)
                .map_or(0, |c| c.0);
            let d = self
                .diag(offset, format!("unknown table column `{name}`: ignored"))
                .at_column(column);
            self.warnings.push(d);
        }
    }

    fn field_rows(&mut self, rows: &[Row<'a>]) -> (Vec<FieldRow>, Option<Dialect>) {
        const COLUMNS: &[(&str, &[&str])] = &[
            ("name", &["Field", "Name"]),
            ("type", &["Type"]),
            ("required", &["Required"]),
            ("description", &["Description"]),
            ("example", &["Example", "Examples"]),
        ];
        let Some(header) = self.header(rows) else {
            return (Vec::new(), None);
        };
        let columns = Columns::of(&header, COLUMNS);
        let mut missing = Vec::new();
        for key in ["name", "type", "required"] {
            if columns.index(key).is_none() {
                missing.push(match key {
                    "name" => "`Field`",
                    "type" => "`Type`",
                    _ => "`Required`",
                });
            }
        }
        if !missing.is_empty() {
            self.error(
                rows[0].start,
                format!("the fields table has no {} column", missing.join(" or ")),
            );
            return (Vec::new(), None);
        }
        self.unknown_columns(rows, &columns);
        let [name_at, type_at, required_at] =
            ["name", "type", "required"].map(|k| columns.index(k).expect("checked above"));
        let mut out = Vec::new();
        let (mut python, mut typescript) = (0, 0);
        for row in &rows[1..] {
            let Some(raw) = self.raw_row(rows, row) else {
                continue;
            };
            let cell = |i: usize| &row.cells[i];
            match notation::dialect_of(&events(cell(type_at))) {
                Some(Dialect::Python) => python += 1,
                Some(Dialect::TypeScript) => typescript += 1,
                None => {}
            }
            let Some((name, struck)) = code_only(cell(name_at)) else {
                self.error_at(
                    row.start,
                    raw[name_at].0,
                    format!(
                        "the Field cell must be one `name` in backticks, found `{}`",
                        raw[name_at].1
                    ),
                );
                continue;
            };
            let required = match plain_text(cell(required_at)).as_str() {
                ":heavy_check_mark:" | "✔️" | "✅" => true,
                ":heavy_minus_sign:" | "➖" | "" => false,
                other => {
                    self.error_at(
                        row.start,
                        raw[required_at].0,
                        format!(
                            "field `{name}`: unknown Required marker `{other}`: expected \
                             `:heavy_check_mark:` or `:heavy_minus_sign:`"
                        ),
                    );
                    continue;
                }
            };
            let ty_text = text::source_of(self.src, cell(type_at));
            let ty = match notation::type_of_events(&events(cell(type_at))) {
                Ok(ty) => ty,
                Err(why) => {
                    self.error_at(
                        row.start,
                        raw[type_at].0,
                        format!("field `{name}`: bad type `{ty_text}`: {why}"),
                    );
                    continue;
                }
            };
            let mut description = columns
                .index("description")
                .map(|i| markdown_text(cell(i)))
                .unwrap_or_default();
            let mut deprecated = struck.then(String::new);
            if let Some((note, rest)) = deprecation(&description) {
                deprecated = Some(note);
                description = rest;
            }
            let example = columns
                .index("example")
                .map(|i| markdown_text(cell(i)))
                .filter(|e| !e.is_empty());
            out.push(FieldRow {
                name,
                ty,
                ty_text,
                required,
                deprecated,
                description,
                example,
                line: self.line(row.start),
                ty_column: raw[type_at].0,
            });
        }
        let dialect = match python.cmp(&typescript) {
            std::cmp::Ordering::Greater => Some(Dialect::Python),
            std::cmp::Ordering::Less => Some(Dialect::TypeScript),
            std::cmp::Ordering::Equal => None,
        };
        (out, dialect)
    }

    fn values_section(&mut self, g: &mut Gathered, block: &Block<'a>) {
        let values = g.values.as_mut().expect("the section set it");
        let form_taken = !values.rows.is_empty();
        match block {
            Block::Table { rows, start } => {
                if form_taken {
                    self.error(*start, "a second list of values");
                    return;
                }
                let rows = self.value_rows(rows);
                g.values.as_mut().expect("set").rows = rows;
            }
            Block::List { items, start } => {
                if form_taken {
                    self.error(*start, "a second list of values");
                    return;
                }
                let mut rows = Vec::new();
                for item in items {
                    if item.depth != 1 {
                        continue;
                    }
                    let code = item.inline.iter().find_map(|(e, _)| match e {
                        Event::Code(c) => Some(c.to_string()),
                        _ => None,
                    });
                    let value = match code {
                        Some(c) => literal_of(&c),
                        None => Literal::String(plain_text(&item.inline)),
                    };
                    rows.push(ValueRow {
                        name: None,
                        value,
                        line: self.line(item.start),
                    });
                }
                let values = g.values.as_mut().expect("set");
                values.rows = rows;
                if values.open == Openness::Unstated {
                    values.open = Openness::Closed;
                }
            }
            Block::Code { text, start, .. } => {
                if form_taken {
                    self.error(*start, "a second list of values");
                    return;
                }
                let line = self.line(*start) + 1;
                let mut rows = Vec::new();
                let mut open = false;
                for alternative in split_alternatives(text) {
                    let alternative = alternative.trim();
                    if alternative.starts_with("Unrecognized<") {
                        open = true;
                    } else if !alternative.is_empty() {
                        rows.push(ValueRow {
                            name: None,
                            value: literal_of(alternative),
                            line,
                        });
                    }
                }
                let values = g.values.as_mut().expect("set");
                values.rows = rows;
                values.open = if open || values.open == Openness::Open {
                    Openness::Open
                } else {
                    Openness::Closed
                };
            }
            Block::Paragraph { inline, .. } if is_open_enum_note(&plain_text(inline)) => {
                g.values.as_mut().expect("set").open = Openness::Open;
            }
            other => {
                if let Some(text) = self.prose(other) {
                    g.description.push(text);
                }
            }
        }
    }

    fn value_rows(&mut self, rows: &[Row<'a>]) -> Vec<ValueRow> {
        const COLUMNS: &[(&str, &[&str])] = &[
            ("name", &["Name"]),
            ("value", &["Value"]),
            ("description", &["Description"]),
        ];
        let Some(header) = self.header(rows) else {
            return Vec::new();
        };
        let columns = Columns::of(&header, COLUMNS);
        let Some(value_at) = columns.index("value") else {
            self.error(rows[0].start, "the values table has no `Value` column");
            return Vec::new();
        };
        self.unknown_columns(rows, &columns);
        let mut out = Vec::new();
        for row in &rows[1..] {
            let Some(raw) = self.raw_row(rows, row) else {
                continue;
            };
            let name = match columns.index("name") {
                None => None,
                Some(i) => match code_only(&row.cells[i]) {
                    Some((name, _)) => Some(name),
                    None => {
                        self.error_at(
                            row.start,
                            raw[i].0,
                            format!(
                                "the Name cell must be one `NAME` in backticks, found `{}`",
                                raw[i].1
                            ),
                        );
                        continue;
                    }
                },
            };
            out.push(ValueRow {
                name,
                value: Literal::String(plain_text(&row.cells[value_at])),
                line: self.line(row.start),
            });
        }
        out
    }

    fn union_section(&mut self, g: &mut Gathered, block: &Block<'a>) {
        match block {
            Block::Code { text, start, .. } => {
                let Some((heading, line)) = g.member_heading.take() else {
                    self.error(*start, "a code block outside a union member");
                    return;
                };
                // The code declares the member (`value: models.X = ...`);
                // newer docs also name it in the heading.
                let declared = declared_type(text);
                let written = if heading.is_empty() {
                    declared.unwrap_or_default()
                } else {
                    heading
                };
                let offset = self.line_starts[line - 1];
                if written.is_empty() {
                    self.error(offset, "union member without a type");
                    return;
                }
                match notation::type_of_text(&written) {
                    Ok(ty) => g.members.as_mut().expect("section set it").push(MemberRow {
                        ty,
                        ty_text: written,
                        line,
                    }),
                    Err(why) => self.error(offset, format!("bad union member `{written}`: {why}")),
                }
            }
            other => {
                if let Some(text) = self.prose(other) {
                    g.description.push(text);
                }
            }
        }
    }
}

/// "This is an open enum..." above a list of values.
fn is_open_enum_note(text: &str) -> bool {
    text.starts_with("This is an open enum")
}

/// Splits `"a" | "b" | Unrecognized<string>` at the bars outside quotes.
fn split_alternatives(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        match quote {
            Some(q) => {
                if c == q && !escaped {
                    quote = None;
                }
                escaped = c == '\\' && !escaped;
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '|' => {
                out.push(String::new());
                continue;
            }
            None => {}
        }
        out.last_mut().expect("never empty").push(c);
    }
    out
}

/// A value as the docs write it: a JSON literal (`"x"`, `1`, `true`), or
/// else the text itself.
fn literal_of(text: &str) -> Literal {
    let text = text.trim().trim_end_matches(';');
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::String(s)) => Literal::String(s),
        Ok(serde_json::Value::Number(n)) => Literal::Number(n.to_string()),
        Ok(serde_json::Value::Bool(b)) => Literal::Bool(b),
        Ok(serde_json::Value::Null) => Literal::Null,
        _ if text.len() >= 2 && text.starts_with('\'') && text.ends_with('\'') => {
            Literal::String(text[1..text.len() - 1].to_string())
        }
        _ => Literal::String(text.to_string()),
    }
}

/// The type a union member's code declares: `value: models.X = ...` or
/// `const value: X = ...`.
fn declared_type(code: &str) -> Option<String> {
    let line = code.lines().find(|l| l.contains(':'))?;
    let (_, rest) = line.split_once(':')?;
    let ty = rest
        .split(" = ")
        .next()?
        .trim()
        .trim_end_matches('=')
        .trim();
    (!ty.is_empty()).then(|| ty.to_string())
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

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A oneof member: a JSON key, which may hold `@`, `.`, `-` and `$`.
fn is_member_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '.' | '-' | '$'))
}

#[cfg(test)]
mod tests;
