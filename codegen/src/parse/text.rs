//! Inline markdown as text: plain, or re-rendered as the small markdown
//! that descriptions keep (code spans, emphasis, absolute links).

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

/// A captured run of events with their source ranges.
pub(crate) type Inline<'a> = Vec<(Event<'a>, Range<usize>)>;

/// The events of a run, without their ranges.
pub(crate) fn events<'a>(inline: &Inline<'a>) -> Vec<Event<'a>> {
    inline.iter().map(|(e, _)| e.clone()).collect()
}

/// The text of an inline run, without any markup.
pub(crate) fn plain_text(inline: &Inline<'_>) -> String {
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

/// The single code span of a run (`` `name` ``), if that is all it holds,
/// and whether it is struck through (`` ~~`name`~~ ``).
pub(crate) fn code_only(inline: &Inline<'_>) -> Option<(String, bool)> {
    let events: Vec<&Event<'_>> = inline
        .iter()
        .map(|(e, _)| e)
        .filter(|e| !matches!(e, Event::Text(t) if t.trim().is_empty()))
        .collect();
    match &events[..] {
        [Event::Code(c)] if !c.trim().is_empty() => Some((c.trim().to_string(), false)),
        [Event::Start(Tag::Strikethrough), Event::Code(c), Event::End(TagEnd::Strikethrough)]
            if !c.trim().is_empty() =>
        {
            Some((c.trim().to_string(), true))
        }
        _ => None,
    }
}

/// Whether a run is struck through as a whole (`~~Name~~`), and its text.
pub(crate) fn struck(inline: &Inline<'_>) -> (bool, String) {
    let events: Vec<&Event<'_>> = inline.iter().map(|(e, _)| e).collect();
    let whole = matches!(
        (events.first(), events.last()),
        (
            Some(Event::Start(Tag::Strikethrough)),
            Some(Event::End(TagEnd::Strikethrough))
        )
    );
    (whole, plain_text(inline))
}

/// The source text a run covers.
pub(crate) fn source_of(src: &str, inline: &Inline<'_>) -> String {
    match (inline.first(), inline.last()) {
        (Some((_, a)), Some((_, b))) => src[a.start..b.end].trim().to_string(),
        _ => String::new(),
    }
}

/// Inline markdown re-rendered as text: code spans, emphasis and absolute
/// links are kept as markdown; a relative link keeps only its text; HTML
/// line breaks become newlines, and simple HTML tags their markdown.
pub(crate) fn markdown_text(inline: &Inline<'_>) -> String {
    let mut s = String::new();
    let mut links: Vec<Option<String>> = Vec::new();
    let mut html = HtmlState::default();
    for (event, _) in inline {
        match event {
            Event::Text(t) => s.push_str(t),
            Event::Code(c) => {
                let fence = if c.contains('`') { "``" } else { "`" };
                s.push_str(fence);
                s.push_str(c);
                s.push_str(fence);
            }
            Event::SoftBreak => s.push(' '),
            Event::HardBreak => s.push('\n'),
            Event::InlineHtml(h) | Event::Html(h) => s.push_str(&html.convert(h)),
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => s.push('*'),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => s.push_str("**"),
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => {
                s.push_str("~~")
            }
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

/// HTML text (a block, or the tags of a run) as markdown.
pub(crate) fn html_text(html: &str) -> String {
    HtmlState::default().convert(html).trim().to_string()
}

/// Converts HTML tags to markdown one at a time; remembers the targets of
/// open `<a href>` tags.
#[derive(Default)]
struct HtmlState {
    links: Vec<Option<String>>,
}

impl HtmlState {
    fn convert(&mut self, html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(open) = rest.find('<') {
            out.push_str(&rest[..open]);
            let after = &rest[open..];
            let Some(close) = after.find('>') else {
                out.push_str(after);
                return out;
            };
            let tag = &after[1..close];
            out.push_str(&self.tag(tag, &after[..=close]));
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }

    fn tag(&mut self, tag: &str, raw: &str) -> String {
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/').trim_end_matches('/').trim();
        let name = body
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("br", _) => "\n".into(),
            ("b" | "strong", _) => "**".into(),
            ("i" | "em", _) => "*".into(),
            ("code", _) => "`".into(),
            ("p" | "ul" | "ol" | "div", _) => "\n".into(),
            ("li", false) => "\n- ".into(),
            ("li", true) => String::new(),
            ("a", false) => {
                let href = attribute(body, "href").filter(|h| h.contains("://"));
                let text = if href.is_some() { "[" } else { "" };
                self.links.push(href);
                text.into()
            }
            ("a", true) => match self.links.pop() {
                Some(Some(href)) => format!("]({href})"),
                _ => String::new(),
            },
            // Not a tag this module knows (or not HTML at all, like
            // `<your-domain>`): kept as text, for rustdoc to escape.
            _ => raw.to_string(),
        }
    }
}

fn attribute(body: &str, name: &str) -> Option<String> {
    let at = body.find(&format!("{name}="))?;
    let rest = &body[at + name.len() + 1..];
    let quote = rest.chars().next()?;
    if quote == '"' || quote == '\'' {
        let end = rest[1..].find(quote)?;
        Some(rest[1..1 + end].to_string())
    } else {
        Some(
            rest.split(|c: char| c.is_whitespace())
                .next()
                .unwrap_or_default()
                .to_string(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_markdown() {
        assert_eq!(
            html_text("<i>(recommended)</i> See <a href=\"https://e.x/a\">docs</a>.<br>Next"),
            "*(recommended)* See [docs](https://e.x/a).\nNext"
        );
        assert_eq!(
            html_text("use <your-domain> here"),
            "use <your-domain> here"
        );
        assert_eq!(html_text("<a href=\"rel.md\">rel</a>"), "rel");
        assert_eq!(
            html_text("a <b>bold</b> <strong>x</strong>"),
            "a **bold** **x**"
        );
    }
}
