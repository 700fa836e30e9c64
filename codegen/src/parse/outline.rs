//! A document as a sequence of top-level blocks (headings, paragraphs,
//! lists, code blocks, tables, quotes, HTML), each with its place in the
//! source: the shape the doc grammar in [`super`] walks.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::text::Inline;

/// One top-level block.
pub(crate) enum Block<'a> {
    Heading {
        level: HeadingLevel,
        inline: Inline<'a>,
        start: usize,
    },
    Paragraph {
        inline: Inline<'a>,
        start: usize,
    },
    List {
        items: Vec<Item<'a>>,
        start: usize,
    },
    Code {
        lang: String,
        text: String,
        start: usize,
    },
    /// A table; the first row is its header.
    Table {
        rows: Vec<Row<'a>>,
        start: usize,
    },
    Quote {
        inline: Inline<'a>,
        start: usize,
    },
    Html {
        text: String,
        start: usize,
    },
    Rule {
        start: usize,
    },
}

impl Block<'_> {
    /// Where the block starts in the source.
    pub(crate) fn start(&self) -> usize {
        match self {
            Block::Heading { start, .. }
            | Block::Paragraph { start, .. }
            | Block::List { start, .. }
            | Block::Code { start, .. }
            | Block::Table { start, .. }
            | Block::Quote { start, .. }
            | Block::Html { start, .. }
            | Block::Rule { start } => *start,
        }
    }
}

/// A list item: its inline content (nested lists are items of their own,
/// one level deeper).
pub(crate) struct Item<'a> {
    pub inline: Inline<'a>,
    pub start: usize,
    pub depth: usize,
}

/// A table row: where it starts, and its cells.
pub(crate) struct Row<'a> {
    pub start: usize,
    pub cells: Vec<Inline<'a>>,
}

/// The blocks of a document.
pub(crate) fn blocks(src: &str) -> Vec<Block<'_>> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut events = Parser::new_ext(src, options).into_offset_iter();
    let mut out = Vec::new();
    while let Some((event, range)) = events.next() {
        let start = range.start;
        let block = match event {
            Event::Start(Tag::Heading { level, .. }) => Block::Heading {
                level,
                inline: capture(&mut events, TagEnd::Heading(level)),
                start,
            },
            Event::Start(Tag::Paragraph) => Block::Paragraph {
                inline: capture(&mut events, TagEnd::Paragraph),
                start,
            },
            Event::Start(Tag::List(kind)) => Block::List {
                items: list_items(&mut events, TagEnd::List(kind.is_some())),
                start,
            },
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let mut text = String::new();
                for (e, _) in capture(&mut events, TagEnd::CodeBlock) {
                    if let Event::Text(t) = e {
                        text.push_str(&t);
                    }
                }
                Block::Code { lang, text, start }
            }
            Event::Start(Tag::Table(_)) => Block::Table {
                rows: table_rows(&mut events),
                start,
            },
            Event::Start(Tag::BlockQuote(kind)) => Block::Quote {
                inline: capture(&mut events, TagEnd::BlockQuote(kind))
                    .into_iter()
                    .filter(|(e, _)| {
                        !matches!(
                            e,
                            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                        )
                    })
                    .collect(),
                start,
            },
            Event::Start(Tag::HtmlBlock) => {
                let mut text = String::new();
                for (e, _) in capture(&mut events, TagEnd::HtmlBlock) {
                    if let Event::Html(h) | Event::Text(h) = e {
                        text.push_str(&h);
                    }
                }
                Block::Html { text, start }
            }
            Event::Start(tag) => {
                // Any other container (footnotes, definition lists...): kept
                // as a paragraph of its text.
                let end = tag.to_end();
                Block::Paragraph {
                    inline: capture(&mut events, end),
                    start,
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => Block::Html {
                text: h.to_string(),
                start,
            },
            Event::Text(t) => Block::Paragraph {
                inline: vec![(Event::Text(t), range)],
                start,
            },
            Event::Rule => Block::Rule { start },
            _ => continue,
        };
        out.push(block);
    }
    out
}

/// Collects events up to (excluding) the matching end tag.
fn capture<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
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

/// The items of a list (already past its start), nested items flattened
/// with their depth.
fn list_items<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
    end: TagEnd,
) -> Vec<Item<'a>> {
    let mut items: Vec<Item<'a>> = Vec::new();
    // The open items, innermost last: indexes into `items`.
    let mut open: Vec<usize> = Vec::new();
    let mut lists = 0usize;
    for (event, range) in events.by_ref() {
        match event {
            Event::End(e) if lists == 0 && e == end => break,
            Event::Start(Tag::List(_)) => lists += 1,
            Event::End(TagEnd::List(_)) => lists -= 1,
            Event::Start(Tag::Item) => {
                items.push(Item {
                    inline: Vec::new(),
                    start: range.start,
                    depth: lists + 1,
                });
                open.push(items.len() - 1);
            }
            Event::End(TagEnd::Item) => {
                open.pop();
            }
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            other => {
                if let Some(&i) = open.last() {
                    items[i].inline.push((other, range));
                }
            }
        }
    }
    items
}

/// The rows of a table (already past its start).
fn table_rows<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
) -> Vec<Row<'a>> {
    let mut rows: Vec<Row<'a>> = Vec::new();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => rows.push(Row {
                start: range.start,
                cells: Vec::new(),
            }),
            Event::Start(Tag::TableCell) => {
                let cell = capture(events, TagEnd::TableCell);
                if let Some(row) = rows.last_mut() {
                    row.cells.push(cell);
                }
            }
            Event::End(TagEnd::Table) => break,
            _ => {}
        }
    }
    rows
}
