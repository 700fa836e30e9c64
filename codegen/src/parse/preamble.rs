//! The title and the prose around the tables: the description, oneof
//! declarations and their member lists, deprecation marks.

use super::*;

impl<'a> DocParser<'a> {
    /// A heading: the title, or the start of a section.
    pub(super) fn heading(
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
    pub(super) fn preamble(&mut self, g: &mut Gathered, block: &Block<'a>) {
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

    pub(super) fn oneof_members(&mut self, items: &[Item<'a>]) -> Vec<String> {
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
    pub(super) fn prose(&self, block: &Block<'a>) -> Option<String> {
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
