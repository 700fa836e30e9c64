//! Stage 1: one markdown document → [`Doc`], a syntax tree of the dialect.
//!
//! This stage knows markdown (through pulldown-cmark events) and the
//! notation of the docs, and nothing of Rust or of other documents: links stay
//! unresolved strings.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::error::Diagnostic;

/// One parsed model document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Doc {
    /// Path relative to the spec root, `/`-separated.
    pub path: String,
    /// The H1 title: the model name.
    pub name: String,
    /// Line of the H1.
    pub line: usize,
    /// Description paragraphs (inline markdown), oneof paragraphs excluded.
    pub description: Vec<String>,
    /// The model's own oneof declarations, in document order.
    pub oneofs: Vec<OneofDecl>,
    /// The `## Fields` or `## Values` table.
    pub body: Body,
}

/// "This message contains a oneof named X ..." with its member list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OneofDecl {
    /// The oneof's name.
    pub name: String,
    /// Member wire names, in document order.
    pub members: Vec<String>,
    /// Line of the paragraph.
    pub line: usize,
}

/// The table of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Body {
    /// `## Fields`.
    Fields(Vec<FieldRow>),
    /// `## Values` (an enum).
    Values(Vec<ValueRow>),
}

/// One row of a `## Fields` table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldRow {
    /// The (Python) field name.
    pub name: String,
    /// The type notation, parsed.
    pub ty: TypeExpr,
    /// The type cell as written (for messages).
    pub ty_text: String,
    /// `:heavy_check_mark:`.
    pub required: bool,
    /// Description cell (inline markdown, `<br/>` turned into newlines).
    pub description: String,
    /// Line of the row.
    pub line: usize,
}

/// One row of a `## Values` table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueRow {
    /// The Python member name.
    pub name: String,
    /// The wire value.
    pub value: String,
    /// Line of the row.
    pub line: usize,
}

/// The type notation of the docs: `Optional[List[[shared.X](x.md)]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum TypeExpr {
    /// A plain or qualified name, with the target of the link around it if any.
    Name {
        /// `str`, `shared.X`, `date`...
        name: String,
        /// The link destination, as written.
        link: Option<String>,
    },
    /// `Name[args]`.
    Generic {
        /// `Optional`, `List`, `Dict`...
        name: String,
        /// The bracketed arguments.
        args: Vec<TypeExpr>,
    },
}

const ONEOF_PREFIX: &str = "This message contains a oneof named ";
const ONEOF_SUFFIX: &str = ". Only a single field of the following list may be set at a time:";

/// Parses one document. `path` is only used to name the document in errors.
pub fn parse_doc(path: &str, src: &str) -> Result<Doc, Vec<Diagnostic>> {
    DocParser::new(path, src).run()
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Section {
    Preamble,
    Fields,
    Values,
}

/// A captured inline run: events with their source ranges.
type Inline<'a> = Vec<(Event<'a>, Range<usize>)>;

struct DocParser<'a> {
    path: &'a str,
    src: &'a str,
    line_starts: Vec<usize>,
    errors: Vec<Diagnostic>,
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

    /// An error at a column of the line `offset` is on.
    fn error_at(&mut self, offset: usize, column: usize, message: impl Into<String>) {
        let d = Diagnostic::new(
            self.path,
            self.line(offset),
            message,
            self.source_line(offset),
        )
        .at_column(column);
        self.errors.push(d);
    }

    fn error(&mut self, offset: usize, message: impl Into<String>) {
        let d = Diagnostic::new(
            self.path,
            self.line(offset),
            message,
            self.source_line(offset),
        );
        self.errors.push(d);
    }

    fn run(mut self) -> Result<Doc, Vec<Diagnostic>> {
        let mut events = Parser::new_ext(self.src, Options::ENABLE_TABLES)
            .into_offset_iter()
            .peekable();
        let mut name: Option<(String, usize)> = None;
        let mut description = Vec::new();
        let mut oneofs: Vec<OneofDecl> = Vec::new();
        let mut section = Section::Preamble;
        let mut body: Option<Body> = None;

        while let Some((event, range)) = events.next() {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    let inline = capture(&mut events, TagEnd::Heading(level));
                    let text = plain_text(&inline);
                    match level {
                        HeadingLevel::H1 if name.is_none() => {
                            if text.is_empty() {
                                self.error(range.start, "empty model name");
                            }
                            name = Some((text, self.line(range.start)));
                        }
                        HeadingLevel::H2 if name.is_some() && body.is_none() => {
                            section = match text.as_str() {
                                "Fields" => Section::Fields,
                                "Values" => Section::Values,
                                _ => {
                                    self.error(
                                        range.start,
                                        "unknown section: expected `## Fields` or `## Values`",
                                    );
                                    Section::Preamble
                                }
                            };
                        }
                        _ => self.error(range.start, "unexpected heading"),
                    }
                }
                Event::Start(Tag::Paragraph) if section == Section::Preamble => {
                    let inline = capture(&mut events, TagEnd::Paragraph);
                    let text = markdown_text(&inline);
                    if name.is_none() {
                        self.error(range.start, "text before the `# Name` heading");
                    } else if let Some(rest) = text.strip_prefix(ONEOF_PREFIX) {
                        let line = self.line(range.start);
                        match rest.strip_suffix(ONEOF_SUFFIX) {
                            Some(oneof) if is_identifier(oneof) => oneofs.push(OneofDecl {
                                name: oneof.to_string(),
                                members: Vec::new(),
                                line,
                            }),
                            _ => self.error(range.start, "malformed oneof declaration"),
                        }
                        match events.peek() {
                            Some((Event::Start(Tag::List(None)), _)) => {}
                            _ => self.error(range.start, "oneof declaration without a member list"),
                        }
                    } else if !text.is_empty() {
                        description.push(text);
                    }
                }
                Event::Start(Tag::List(None)) if section == Section::Preamble => {
                    let items = self.list_items(&mut events);
                    match oneofs.last_mut() {
                        Some(o) if o.members.is_empty() => {
                            for (item, offset) in items {
                                if !is_identifier(&item) {
                                    self.error(offset, "oneof member is not a name");
                                }
                                o.members.push(item);
                            }
                        }
                        _ => self.error(range.start, "a list outside a oneof declaration"),
                    }
                }
                Event::Start(Tag::Table(_)) if section != Section::Preamble => {
                    if body.is_some() {
                        self.error(range.start, "a second table");
                    }
                    let rows = self.table(&mut events);
                    body = Some(if section == Section::Fields {
                        Body::Fields(self.field_rows(rows))
                    } else {
                        Body::Values(self.value_rows(rows))
                    });
                }
                Event::Start(tag) => {
                    let end = tag.to_end();
                    capture(&mut events, end);
                    self.error(range.start, "unexpected block in a model document");
                }
                Event::Text(_) | Event::Html(_) | Event::Rule => {
                    self.error(range.start, "unexpected content in a model document");
                }
                _ => {}
            }
        }

        let Some((name, line)) = name else {
            self.error(0, "no `# Name` heading");
            return Err(self.errors);
        };
        if body.is_none() {
            self.error(
                self.src.len().saturating_sub(1),
                "no `## Fields` or `## Values` table",
            );
        }
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        Ok(Doc {
            path: self.path.to_string(),
            name,
            line,
            description,
            oneofs,
            body: body.expect("checked above"),
        })
    }

    /// Items of a list (already past its start) as plain text with offsets.
    fn list_items(
        &mut self,
        events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    ) -> Vec<(String, usize)> {
        let mut items = Vec::new();
        for (event, range) in events.by_ref() {
            match event {
                Event::Start(Tag::Item) => items.push((String::new(), range.start)),
                Event::Text(t) | Event::Code(t) => {
                    if let Some((s, _)) = items.last_mut() {
                        s.push_str(&t);
                    }
                }
                Event::End(TagEnd::List(_)) => break,
                _ => {}
            }
        }
        items
            .into_iter()
            .map(|(s, o)| (s.trim().to_string(), o))
            .collect()
    }

    /// Rows of a table (already past its start): each row's offset and cells.
    fn table(
        &mut self,
        events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    ) -> Vec<(usize, Vec<Inline<'a>>)> {
        let mut rows: Vec<(usize, Vec<Inline<'a>>)> = Vec::new();
        while let Some((event, range)) = events.next() {
            match event {
                Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                    rows.push((range.start, Vec::new()));
                }
                Event::Start(Tag::TableCell) => {
                    let cell = capture(events, TagEnd::TableCell);
                    if let Some((_, cells)) = rows.last_mut() {
                        cells.push(cell);
                    }
                }
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        rows
    }

    fn check_header(&mut self, rows: &[(usize, Vec<Inline<'a>>)], expected: &[&str]) -> bool {
        let Some((offset, head)) = rows.first() else {
            return false;
        };
        let names: Vec<String> = head.iter().map(plain_text).collect();
        let found = raw_cells(self.source_line(*offset)).len();
        if names != expected || found != expected.len() {
            self.error(
                *offset,
                format!("table header must be `| {} |`", expected.join(" | ")),
            );
            return false;
        }
        true
    }

    /// The cells of a row as written (pulldown-cmark pads or cuts rows to
    /// the header's width), or `None` after an error if there are not
    /// `expected.len()` of them.
    fn raw_row(&mut self, offset: usize, expected: &[&str]) -> Option<Vec<(usize, String)>> {
        let cells = raw_cells(self.source_line(offset));
        if cells.len() != expected.len() {
            self.error(
                offset,
                format!(
                    "a row needs {} cells (`{}`), found {}",
                    expected.len(),
                    expected.join(" | "),
                    cells.len()
                ),
            );
            return None;
        }
        Some(cells)
    }

    fn field_rows(&mut self, rows: Vec<(usize, Vec<Inline<'a>>)>) -> Vec<FieldRow> {
        const HEADER: [&str; 4] = ["Field", "Type", "Required", "Description"];
        if !self.check_header(&rows, &HEADER) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (offset, cells) in rows.into_iter().skip(1) {
            let line = self.line(offset);
            let Some(raw) = self.raw_row(offset, &HEADER) else {
                continue;
            };
            let [field, ty, required, description] = &cells[..] else {
                self.error(offset, "a field row needs four cells");
                continue;
            };
            let Some(name) = code_only(field) else {
                self.error_at(
                    offset,
                    raw[0].0,
                    format!(
                        "the Field cell must be one `name` in backticks, found `{}`",
                        raw[0].1
                    ),
                );
                continue;
            };
            let required = match plain_text(required).as_str() {
                ":heavy_check_mark:" => true,
                ":heavy_minus_sign:" => false,
                other => {
                    self.error_at(
                        offset,
                        raw[2].0,
                        format!(
                            "field `{name}`: unknown Required marker `{other}`: expected \
                             `:heavy_check_mark:` or `:heavy_minus_sign:`"
                        ),
                    );
                    continue;
                }
            };
            let ty_text = cell_source(self.src, ty);
            let ty = match parse_type(ty) {
                Ok(ty) => ty,
                Err(why) => {
                    self.error_at(
                        offset,
                        raw[1].0,
                        format!("field `{name}`: bad type `{ty_text}`: {why}"),
                    );
                    continue;
                }
            };
            out.push(FieldRow {
                name,
                ty,
                ty_text,
                required,
                description: markdown_text(description),
                line,
            });
        }
        out
    }

    fn value_rows(&mut self, rows: Vec<(usize, Vec<Inline<'a>>)>) -> Vec<ValueRow> {
        const HEADER: [&str; 2] = ["Name", "Value"];
        if !self.check_header(&rows, &HEADER) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (offset, cells) in rows.into_iter().skip(1) {
            let Some(raw) = self.raw_row(offset, &HEADER) else {
                continue;
            };
            let [name, value] = &cells[..] else {
                self.error(offset, "a value row needs two cells");
                continue;
            };
            let (Some(name), value) = (code_only(name), plain_text(value)) else {
                self.error_at(
                    offset,
                    raw[0].0,
                    format!(
                        "the Name cell must be one `NAME` in backticks, found `{}`",
                        raw[0].1
                    ),
                );
                continue;
            };
            out.push(ValueRow {
                name,
                value,
                line: self.line(offset),
            });
        }
        out
    }
}

/// The cells of a table row as written: (1-based column, trimmed text).
/// Like GFM, every `|` not escaped as `\|` separates cells; a pipe that
/// opens or closes the row does not make an empty cell.
fn raw_cells(line: &str) -> Vec<(usize, String)> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        if c == '|' && !escaped {
            pieces.push((start, &line[start..i]));
            start = i + 1;
        }
        escaped = c == '\\' && !escaped;
    }
    let closed = start > 0 && line[start..].trim().is_empty();
    pieces.push((start, &line[start..]));
    if line.trim_start().starts_with('|') {
        pieces.remove(0);
    }
    if closed && !pieces.is_empty() {
        pieces.pop();
    }
    pieces
        .into_iter()
        .map(|(at, text)| {
            let lead = text.len() - text.trim_start().len();
            let column = line[..at + lead].chars().count() + 1;
            (column, text.trim().to_string())
        })
        .collect()
}

/// Collects events up to (excluding) the matching end tag.
fn capture<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    end: TagEnd,
) -> Inline<'a> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    for (event, range) in events.by_ref() {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(e) if depth == 0 && *e == end => break,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        out.push((event, range));
    }
    out
}

/// The text of an inline run, without any markup.
fn plain_text(inline: &Inline<'_>) -> String {
    let mut s = String::new();
    for (event, _) in inline {
        match event {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

/// The single code span of a cell, if that is all it holds.
fn code_only(inline: &Inline<'_>) -> Option<String> {
    match &inline[..] {
        [(Event::Code(c), _)] if !c.trim().is_empty() => Some(c.trim().to_string()),
        _ => None,
    }
}

/// The source text a cell covers.
fn cell_source(src: &str, inline: &Inline<'_>) -> String {
    match (inline.first(), inline.last()) {
        (Some((_, a)), Some((_, b))) => src[a.start..b.end].trim().to_string(),
        _ => String::new(),
    }
}

/// Inline markdown re-rendered as text: code spans, emphasis and absolute links
/// are kept as markdown; relative links keep only their text; `<br/>` becomes
/// a newline.
fn markdown_text(inline: &Inline<'_>) -> String {
    let mut s = String::new();
    let mut links: Vec<Option<String>> = Vec::new();
    for (event, _) in inline {
        match event {
            Event::Text(t) => s.push_str(t),
            Event::Code(c) => {
                s.push('`');
                s.push_str(c);
                s.push('`');
            }
            Event::SoftBreak => s.push(' '),
            Event::HardBreak => s.push('\n'),
            Event::InlineHtml(h) | Event::Html(h) => {
                let tag = h.trim().to_ascii_lowercase();
                if matches!(tag.as_str(), "<br/>" | "<br>" | "<br />") {
                    s.push('\n');
                } else {
                    s.push_str(h);
                }
            }
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => s.push('*'),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => s.push_str("**"),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let absolute = dest_url.contains("://");
                if absolute {
                    s.push('[');
                }
                links.push(absolute.then(|| dest_url.to_string()));
            }
            Event::End(TagEnd::Link) => {
                if let Some(Some(url)) = links.pop() {
                    s.push_str("](");
                    s.push_str(&url);
                    s.push(')');
                }
            }
            _ => {}
        }
    }
    s.trim().to_string()
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Open,
    Close,
    Comma,
    LinkOpen(String),
    LinkClose,
}

/// Parses a Type cell: its text, emphasis dropped, links kept as brackets
/// around the names they annotate.
fn parse_type(inline: &Inline<'_>) -> Result<TypeExpr, String> {
    let mut tokens = Vec::new();
    for (event, _) in inline {
        match event {
            Event::Text(t) | Event::Code(t) => tokenize(t, &mut tokens)?,
            Event::Start(Tag::Link { dest_url, .. }) => {
                tokens.push(Token::LinkOpen(dest_url.to_string()))
            }
            Event::End(TagEnd::Link) => tokens.push(Token::LinkClose),
            Event::Start(Tag::Emphasis | Tag::Strong)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong) => {}
            other => return Err(format!("unexpected markup {other:?}")),
        }
    }
    let mut pos = 0;
    let ty = type_expr(&tokens, &mut pos, None)?;
    if pos != tokens.len() {
        return Err("unexpected text after the type".into());
    }
    Ok(ty)
}

fn tokenize(text: &str, out: &mut Vec<Token>) -> Result<(), String> {
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' || c == '.' {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(Token::Word(std::mem::take(&mut word)));
        }
        match c {
            '[' => out.push(Token::Open),
            ']' => out.push(Token::Close),
            ',' => out.push(Token::Comma),
            c if c.is_whitespace() => {}
            c => return Err(format!("unexpected character `{c}`")),
        }
    }
    if !word.is_empty() {
        out.push(Token::Word(word));
    }
    Ok(())
}

/// How deeply type notation may nest (`List[List[...]]`).
const MAX_TYPE_DEPTH: usize = 16;

fn type_expr(tokens: &[Token], pos: &mut usize, link: Option<&str>) -> Result<TypeExpr, String> {
    nested_type(tokens, pos, link, 0)
}

fn nested_type(
    tokens: &[Token],
    pos: &mut usize,
    link: Option<&str>,
    depth: usize,
) -> Result<TypeExpr, String> {
    if depth > MAX_TYPE_DEPTH {
        return Err(format!("types nest more than {MAX_TYPE_DEPTH} deep"));
    }
    match tokens.get(*pos) {
        Some(Token::LinkOpen(url)) => {
            *pos += 1;
            let ty = nested_type(tokens, pos, Some(url), depth + 1)?;
            match tokens.get(*pos) {
                Some(Token::LinkClose) => {
                    *pos += 1;
                    Ok(ty)
                }
                _ => Err("unterminated link".into()),
            }
        }
        Some(Token::Word(name)) => {
            *pos += 1;
            if tokens.get(*pos) != Some(&Token::Open) {
                return Ok(TypeExpr::Name {
                    name: name.clone(),
                    link: link.map(str::to_string),
                });
            }
            *pos += 1;
            let mut args = vec![nested_type(tokens, pos, link, depth + 1)?];
            loop {
                match tokens.get(*pos) {
                    Some(Token::Comma) => {
                        *pos += 1;
                        args.push(nested_type(tokens, pos, link, depth + 1)?);
                    }
                    Some(Token::Close) => {
                        *pos += 1;
                        break;
                    }
                    _ => return Err(format!("`{name}[` is not closed")),
                }
            }
            Ok(TypeExpr::Generic {
                name: name.clone(),
                args,
            })
        }
        Some(other) => Err(format!("expected a type name, found {other:?}")),
        None => Err("missing type".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(n: &str, link: Option<&str>) -> TypeExpr {
        TypeExpr::Name {
            name: n.into(),
            link: link.map(Into::into),
        }
    }

    fn generic(n: &str, args: Vec<TypeExpr>) -> TypeExpr {
        TypeExpr::Generic {
            name: n.into(),
            args,
        }
    }

    fn one_type(cell: &str) -> Result<TypeExpr, Vec<Diagnostic>> {
        let src = format!(
            "# M\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `f` | {cell} | :heavy_minus_sign: | d |\n"
        );
        let doc = parse_doc("m.md", &src)?;
        match doc.body {
            Body::Fields(rows) => Ok(rows[0].ty.clone()),
            Body::Values(_) => unreachable!(),
        }
    }

    #[test]
    fn type_notation() {
        assert_eq!(
            one_type("*Optional[str]*").unwrap(),
            generic("Optional", vec![name("str", None)])
        );
        assert_eq!(
            one_type("[OptionalNullable[shared.X]](../../models/shared/x.md)").unwrap(),
            generic(
                "OptionalNullable",
                vec![name("shared.X", Some("../../models/shared/x.md"))]
            )
        );
        assert_eq!(
            one_type("List[[shared.X](../../models/shared/x.md)]").unwrap(),
            generic(
                "List",
                vec![name("shared.X", Some("../../models/shared/x.md"))]
            )
        );
        assert_eq!(
            one_type("Dict[str, *Any*]").unwrap(),
            generic("Dict", vec![name("str", None), name("Any", None)])
        );
        assert_eq!(
            one_type("List[Dict[str, *Any*]]").unwrap(),
            generic(
                "List",
                vec![generic("Dict", vec![name("str", None), name("Any", None)])]
            )
        );
        assert_eq!(
            one_type("[date](https://docs.python.org/3/library/datetime.html#date-objects)")
                .unwrap(),
            name(
                "date",
                Some("https://docs.python.org/3/library/datetime.html#date-objects")
            )
        );
    }

    #[test]
    fn bad_type_names_line_and_text() {
        let err = one_type("*Optional[str*").unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].line, 7);
        assert!(err[0].message.contains("field `f`"), "{}", err[0]);
        assert!(err[0].text.contains("*Optional[str*"), "{}", err[0]);
    }

    #[test]
    fn oneofs_in_cells_are_not_the_models() {
        let src = "# M\n\nAbout M.\n\nThis message contains a oneof named typ. Only a single field of the following list may be set at a time:\n  - a\n  - bee\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `x` | *str* | :heavy_check_mark: | Inner.<br/><br/>This message contains a oneof named other. Only a single field of the following list may be set at a time:<br/>  - q<br/> |\n";
        let doc = parse_doc("m.md", src).unwrap();
        assert_eq!(doc.description, vec!["About M.".to_string()]);
        assert_eq!(
            doc.oneofs,
            vec![OneofDecl {
                name: "typ".into(),
                members: vec!["a".into(), "bee".into()],
                line: 5
            }]
        );
        let Body::Fields(rows) = doc.body else {
            panic!()
        };
        assert!(rows[0].required);
        assert!(rows[0].description.starts_with("Inner.\n\nThis message"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}*str*{}", "List[".repeat(500), "]".repeat(500));
        let err = one_type(&deep).unwrap_err();
        assert!(
            err[0].message.contains("nest more than 16 deep"),
            "{}",
            err[0]
        );
    }

    #[test]
    fn raw_cells_split_like_gfm() {
        let cells = |l: &str| raw_cells(l).into_iter().map(|c| c.1).collect::<Vec<_>>();
        assert_eq!(cells("| `a` | *str* | x |"), ["`a`", "*str*", "x"]);
        assert_eq!(cells("a | b"), ["a", "b"]);
        assert_eq!(cells("| a \\| b | c |"), ["a \\| b", "c"]);
        assert_eq!(cells("| a | | c |"), ["a", "", "c"]);
        assert_eq!(raw_cells("| `a` | *str* |")[1].0, 9);
        assert_eq!(cells("\u{3000}| a | b |"), ["a", "b"]);
        assert_eq!(raw_cells("| é | b |")[1].0, 7);
    }

    #[test]
    fn missing_table_is_an_error() {
        let err = parse_doc("m.md", "# M\n\nJust text.\n").unwrap_err();
        assert!(err[0].message.contains("no `## Fields`"), "{:?}", err);
    }
}
