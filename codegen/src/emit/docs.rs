//! Rustdoc from the docs' prose: made safe for rustdoc (no stray intra-doc
//! links, HTML or code blocks that would become doctests).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Model;

/// `#[doc]` attributes for a description from the docs, made safe for
/// rustdoc: no stray intra-doc links, HTML or code blocks that would become
/// doctests.
pub(super) fn doc_attrs(text: &str) -> TokenStream {
    let lines: Vec<String> = rustdoc_text(text);
    quote! { #( #[doc = #lines] )* }
}

/// `#[doc]` attributes for text the emitter writes itself (already rustdoc).
pub(super) fn own_doc_attrs(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| format!(" {l}"));
    quote! { #( #[doc = #lines] )* }
}

pub(super) fn rustdoc_text(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // The fence that opened the code block we are in: "```" or "~~~".
    let mut fence: Option<&str> = None;
    // The content column of the list item the last line belongs to: its
    // lazy continuation lines are indented to stay in the item.
    let mut item: Option<usize> = None;
    let text = text.trim().replace('\t', "    ");
    for raw in text.lines() {
        let body = raw.trim_start();
        // Four columns of indentation would open an indented code block,
        // i.e. a doctest: drop the indentation then.
        let indent = raw.len() - body.len();
        let line = if indent >= 4 { body } else { raw };
        let marker = ["```", "~~~"].into_iter().find(|m| body.starts_with(m));
        let line = match (marker, fence) {
            // A fence without a language is Rust to rustdoc: always say text.
            (Some(m), None) => {
                fence = Some(m);
                format!("{m}text")
            }
            (Some(m), Some(open)) if m == open => {
                fence = None;
                m.to_string()
            }
            (_, Some(_)) => line.to_string(),
            (_, None) => escape_markdown(line),
        };
        let line = match (fence, list_marker(body), item) {
            (None, Some(width), _) => {
                item = Some(indent.min(3) + width);
                line
            }
            (None, None, Some(column)) if !body.is_empty() => {
                format!("{}{}", " ".repeat(column), line.trim_start())
            }
            _ => {
                if body.is_empty() || fence.is_some() {
                    item = None;
                }
                line
            }
        };
        out.push(format!(" {line}").trim_end().to_string());
    }
    if let Some(open) = fence {
        out.push(format!(" {open}"));
    }
    out
}

/// The width of a list item's marker (`- `, `* `, `+ `, `1. `), if the
/// line is one.
fn list_marker(line: &str) -> Option<usize> {
    if ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m)) {
        return Some(2);
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &line[digits..];
    (digits > 0 && (rest.starts_with(". ") || rest.starts_with(") "))).then_some(digits + 2)
}

/// Escapes brackets and angle brackets outside code spans, keeping
/// `[text](scheme://...)` links and turning bare URLs into autolinks.
fn escape_markdown(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            if let Some(end) = rest[1..].find('`') {
                out.push_str(&rest[..end + 2]);
                rest = &rest[end + 2..];
                continue;
            }
        }
        if c == '[' {
            if let Some(len) = absolute_link_len(rest) {
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                continue;
            }
        }
        if rest.starts_with("https://") || rest.starts_with("http://") {
            let url = bare_url(rest);
            out.push_str(&format!("<{url}>"));
            rest = &rest[url.len()..];
            continue;
        }
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The bare URL at the start of `s`: up to white space or `<>`, a closing
/// parenthesis it did not open, or trailing punctuation.
fn bare_url(s: &str) -> &str {
    let mut depth = 0usize;
    let mut end = s.len();
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = i;
                break;
            }
            ')' => depth -= 1,
            c if c.is_whitespace() || c == '<' || c == '>' || c == '`' => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    s[..end].trim_end_matches(['.', ',', ';', ':', '!', '?'])
}

/// Length of a `[text](http...)` link at the start of `s`, if there is one.
fn absolute_link_len(s: &str) -> Option<usize> {
    let close = s.find("](")?;
    if s[1..close].contains(['[', ']']) {
        return None;
    }
    let target = &s[close + 2..];
    if !(target.starts_with("https://") || target.starts_with("http://")) {
        return None;
    }
    let end = target.find(')')?;
    // A destination with white space in it is no link (CommonMark).
    if target[..end].contains(char::is_whitespace) {
        return None;
    }
    Some(close + 2 + end + 1)
}

/// A model's description, or a plain sentence naming it.
pub(super) fn model_doc(model: &Model) -> String {
    if model.doc.is_empty() {
        format!("The `{}` model.", model.name)
    } else {
        model.doc.join("\n\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustdoc_escapes() {
        assert_eq!(
            escape_markdown("a [b] <c> `x[0]` see https://e.x/y."),
            "a \\[b\\] &lt;c&gt; `x[0]` see <https://e.x/y>."
        );
        assert_eq!(
            escape_markdown("[docs](https://e.x) and [rel]"),
            "[docs](https://e.x) and \\[rel\\]"
        );
        assert_eq!(
            escape_markdown("API [docs](https://e.x/a-b c#d)."),
            "API \\[docs\\](<https://e.x/a-b> c#d)."
        );
        assert_eq!(rustdoc_text("a\n      - b"), vec![" a", " - b"]);
        assert_eq!(rustdoc_text("```\nx\n```"), vec![" ```text", " x", " ```"]);
        assert_eq!(
            rustdoc_text("~~~\nx [y]\n~~~"),
            vec![" ~~~text", " x [y]", " ~~~"]
        );
        assert_eq!(rustdoc_text("a\n\tlet x = 1;"), vec![" a", " let x = 1;"]);
        assert_eq!(
            rustdoc_text("- one\nmore\n\nafter"),
            vec![" - one", "   more", "", " after"]
        );
        assert_eq!(
            rustdoc_text("a\n  - two\n    [\nx\n1. three\nfour"),
            vec![
                " a",
                "   - two",
                "     \\[",
                "     x",
                " 1. three",
                "    four"
            ]
        );
        assert_eq!(
            rustdoc_text("```rust\nopen"),
            vec![" ```text", " open", " ```"]
        );
        assert_eq!(
            escape_markdown("see http://e.com/a_(b) (or https://e.com/c)."),
            "see <http://e.com/a_(b)> (or <https://e.com/c>)."
        );
    }
}
