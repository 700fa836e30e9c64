//! The type notation of a Type cell or a union member, in every dialect of
//! the family, read into one dialect-free [`DocType`].
//!
//! Python docs write `*Optional[str]*`, `List[[shared.X](x.md)]`,
//! `Dict[str, *Any*]`, `Literal["x"]`, `Union[A, B]`; older ones `list[...]`;
//! TypeScript docs write `*string*`, `[shared.X](x.md)[]`,
//! `Record<string, *any*>`, `[Date](...)`. The cell arrives as markdown
//! events: emphasis is dropped, a link is kept around the names it covers.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{DocType, Literal, Scalar};

/// How deeply type notation may nest (`List[List[...]]`).
const MAX_DEPTH: usize = 16;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Str(String),
    Open,
    Close,
    Angle,
    AngleClose,
    Comma,
    Bar,
    /// `[]` after a type: a TypeScript array.
    Array,
    LinkOpen(String),
    LinkClose,
}

/// The notation as written, before words are given a meaning.
#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Name { name: String, link: Option<String> },
    Generic { name: String, args: Vec<Expr> },
    Str(String),
    Array(Box<Expr>),
    Alternatives(Vec<Expr>),
}

/// Reads a type from the events of a cell.
pub(crate) fn type_of_events(events: &[Event<'_>]) -> Result<DocType, String> {
    let mut tokens = Vec::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => tokenize(t, &mut tokens)?,
            Event::Start(Tag::Link { dest_url, .. }) => {
                tokens.push(Token::LinkOpen(dest_url.to_string()))
            }
            Event::End(TagEnd::Link) => tokens.push(Token::LinkClose),
            Event::Start(Tag::Emphasis | Tag::Strong)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong) => {}
            Event::SoftBreak | Event::HardBreak => {}
            other => return Err(format!("unexpected markup {}", describe(other))),
        }
    }
    // Markdown hands `[]` over as two texts when it follows a link.
    let mut merged: Vec<Token> = Vec::with_capacity(tokens.len());
    for token in tokens {
        if token == Token::Close && merged.last() == Some(&Token::Open) {
            merged.pop();
            merged.push(Token::Array);
        } else {
            merged.push(token);
        }
    }
    type_of_tokens(&merged)
}

/// Which dialect's words a cell uses: Python (`str`, `Optional[...]`,
/// `List[...]`) or TypeScript (`string`, `Record<...>`, `X[]`); `None` for
/// a cell that is only a link.
pub(crate) fn dialect_of(events: &[Event<'_>]) -> Option<super::Dialect> {
    let mut tokens = Vec::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) = event {
            if tokenize(t, &mut tokens).is_err() {
                return None;
            }
        }
    }
    let (mut python, mut typescript) = (0, 0);
    for token in &tokens {
        match token {
            Token::Word(w) => match w.as_str() {
                "str" | "int" | "float" | "bool" | "Any" | "Optional" | "OptionalNullable"
                | "Nullable" | "List" | "Dict" | "list" | "dict" | "Union" | "Literal"
                | "Decimal" => python += 1,
                "string" | "number" | "boolean" | "any" | "Record" => typescript += 1,
                _ => {}
            },
            Token::Array | Token::Angle => typescript += 1,
            _ => {}
        }
    }
    match python.cmp(&typescript) {
        std::cmp::Ordering::Greater => Some(super::Dialect::Python),
        std::cmp::Ordering::Less => Some(super::Dialect::TypeScript),
        std::cmp::Ordering::Equal => None,
    }
}

/// Reads a type from plain text (a union member's heading or code line).
pub(crate) fn type_of_text(text: &str) -> Result<DocType, String> {
    let mut tokens = Vec::new();
    tokenize(text, &mut tokens)?;
    type_of_tokens(&tokens)
}

fn describe(event: &Event<'_>) -> String {
    match event {
        Event::Start(tag) => format!("{tag:?}")
            .split(['(', ' ', '{'])
            .next()
            .unwrap_or("")
            .to_string(),
        Event::Html(_) | Event::InlineHtml(_) => "HTML".into(),
        other => format!("{other:?}")
            .split('(')
            .next()
            .unwrap_or("")
            .to_string(),
    }
}

fn type_of_tokens(tokens: &[Token]) -> Result<DocType, String> {
    let mut pos = 0;
    let expr = alternatives(tokens, &mut pos, None, 0)?;
    if pos != tokens.len() {
        return Err("unexpected text after the type".into());
    }
    meaning(&expr, 0)
}

fn tokenize(text: &str, out: &mut Vec<Token>) -> Result<(), String> {
    let mut chars = text.chars().peekable();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Token>| {
        if !word.is_empty() {
            out.push(Token::Word(std::mem::take(word)));
        }
    };
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' || c == '.' || (c == '-' && word.is_empty()) {
            word.push(c);
            continue;
        }
        flush(&mut word, out);
        match c {
            '[' if chars.peek() == Some(&']') => {
                chars.next();
                out.push(Token::Array);
            }
            '[' => out.push(Token::Open),
            ']' => out.push(Token::Close),
            '<' => out.push(Token::Angle),
            '>' => out.push(Token::AngleClose),
            ',' => out.push(Token::Comma),
            '|' => out.push(Token::Bar),
            '*' => {}
            '"' | '\'' => {
                let mut s = String::new();
                let mut closed = false;
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => {
                            if let Some(e) = chars.next() {
                                s.push(e);
                            }
                        }
                        d if d == c => {
                            closed = true;
                            break;
                        }
                        d => s.push(d),
                    }
                }
                if !closed {
                    return Err("unterminated string literal".into());
                }
                out.push(Token::Str(s));
            }
            c if c.is_whitespace() => {}
            c => return Err(format!("unexpected character `{c}`")),
        }
    }
    flush(&mut word, out);
    Ok(())
}

/// `A | B | ...` (TypeScript), or a single type.
fn alternatives(
    tokens: &[Token],
    pos: &mut usize,
    link: Option<&str>,
    depth: usize,
) -> Result<Expr, String> {
    let first = postfix(tokens, pos, link, depth)?;
    if tokens.get(*pos) != Some(&Token::Bar) {
        return Ok(first);
    }
    let mut all = vec![first];
    while tokens.get(*pos) == Some(&Token::Bar) {
        *pos += 1;
        all.push(postfix(tokens, pos, link, depth)?);
    }
    Ok(Expr::Alternatives(all))
}

/// A primary type followed by any number of `[]`.
fn postfix(
    tokens: &[Token],
    pos: &mut usize,
    link: Option<&str>,
    depth: usize,
) -> Result<Expr, String> {
    let mut expr = primary(tokens, pos, link, depth)?;
    while tokens.get(*pos) == Some(&Token::Array) {
        *pos += 1;
        expr = Expr::Array(Box::new(expr));
    }
    Ok(expr)
}

fn primary(
    tokens: &[Token],
    pos: &mut usize,
    link: Option<&str>,
    depth: usize,
) -> Result<Expr, String> {
    if depth > MAX_DEPTH {
        return Err(format!("types nest more than {MAX_DEPTH} deep"));
    }
    match tokens.get(*pos) {
        Some(Token::LinkOpen(url)) => {
            *pos += 1;
            let expr = alternatives(tokens, pos, Some(url), depth + 1)?;
            match tokens.get(*pos) {
                Some(Token::LinkClose) => {
                    *pos += 1;
                    // A union written as a link's text (`[Union[str, X]](x.md)`)
                    // is the model the link leads to.
                    match expr {
                        Expr::Alternatives(_) => Ok(Expr::Name {
                            name: "Union".into(),
                            link: Some(url.clone()),
                        }),
                        Expr::Generic { name, .. } if name == "Union" => Ok(Expr::Name {
                            name,
                            link: Some(url.clone()),
                        }),
                        expr => Ok(expr),
                    }
                }
                _ => Err("unterminated link".into()),
            }
        }
        Some(Token::Str(s)) => {
            *pos += 1;
            Ok(Expr::Str(s.clone()))
        }
        Some(Token::Word(name)) => {
            *pos += 1;
            let (close, opened) = match tokens.get(*pos) {
                Some(Token::Open) => (Token::Close, '['),
                Some(Token::Angle) => (Token::AngleClose, '<'),
                _ => {
                    return Ok(Expr::Name {
                        name: name.clone(),
                        link: link.map(str::to_string),
                    })
                }
            };
            *pos += 1;
            let mut args = vec![alternatives(tokens, pos, link, depth + 1)?];
            loop {
                match tokens.get(*pos) {
                    Some(Token::Comma) => {
                        *pos += 1;
                        args.push(alternatives(tokens, pos, link, depth + 1)?);
                    }
                    Some(t) if *t == close => {
                        *pos += 1;
                        break;
                    }
                    _ => return Err(format!("`{name}{opened}` is not closed")),
                }
            }
            Ok(Expr::Generic {
                name: name.clone(),
                args,
            })
        }
        Some(Token::LinkClose) | None => Err("missing type".into()),
        Some(other) => Err(format!("expected a type, found `{}`", token_text(other))),
    }
}

fn token_text(token: &Token) -> String {
    match token {
        Token::Word(w) => w.clone(),
        Token::Str(s) => format!("{s:?}"),
        Token::Open => "[".into(),
        Token::Close => "]".into(),
        Token::Angle => "<".into(),
        Token::AngleClose => ">".into(),
        Token::Comma => ",".into(),
        Token::Bar => "|".into(),
        Token::Array => "[]".into(),
        Token::LinkOpen(_) => "[".into(),
        Token::LinkClose => "](...)".into(),
    }
}

/// The meaning of the notation: the dialects' vocabularies in one table.
fn meaning(expr: &Expr, depth: usize) -> Result<DocType, String> {
    let inner = |e: &Expr| meaning(e, depth + 1).map(Box::new);
    match expr {
        Expr::Str(s) => Ok(DocType::Literal(Literal::String(s.clone()))),
        Expr::Array(item) => Ok(DocType::List(inner(item)?)),
        Expr::Alternatives(all) => union(all, depth),
        Expr::Name { name, link } => name_meaning(name, link.as_deref()),
        Expr::Generic { name, args } => match (name.as_str(), &args[..]) {
            ("Optional", [t]) => Ok(DocType::Optional(inner(t)?)),
            ("OptionalNullable", [t]) => Ok(DocType::OptionalNullable(inner(t)?)),
            ("Nullable", [t]) => Ok(DocType::Nullable(inner(t)?)),
            ("Optional" | "OptionalNullable" | "Nullable", _) => {
                Err(format!("`{name}` takes one type"))
            }
            ("List" | "list" | "Sequence" | "Array", [t]) => Ok(DocType::List(inner(t)?)),
            ("List" | "list" | "Sequence" | "Array", _) => Err(format!("`{name}` takes one type")),
            ("Dict" | "dict" | "Mapping" | "Record", [key, value]) => {
                match key {
                    Expr::Name { name, .. } if name == "str" || name == "string" => {}
                    _ => return Err(format!("`{name}` keys must be strings")),
                }
                Ok(DocType::Map(inner(value)?))
            }
            ("Dict" | "dict" | "Mapping" | "Record", _) => {
                Err(format!("`{name}` takes a key and a value type"))
            }
            ("Union", args) if !args.is_empty() => union(args, depth),
            ("Literal", args) if !args.is_empty() => {
                let literals = args.iter().map(literal).collect::<Result<Vec<_>, _>>()?;
                match &literals[..] {
                    [one] => Ok(DocType::Literal(one.clone())),
                    _ => Ok(DocType::Union(
                        literals.into_iter().map(DocType::Literal).collect(),
                    )),
                }
            }
            ("IO", [_]) => Ok(DocType::Scalar(Scalar::Bytes)),
            (other, _) => Err(format!(
                "unknown type `{other}[...]`: expected `Optional`, `OptionalNullable`, \
                 `Nullable`, `List`, `Dict`, `Union` or `Literal`"
            )),
        },
    }
}

/// A union of types: members that mean the same type count once, and a
/// union of one type is that type.
fn union(args: &[Expr], depth: usize) -> Result<DocType, String> {
    let mut members: Vec<DocType> = Vec::new();
    for arg in args {
        let ty = meaning(arg, depth + 1)?;
        if !members.contains(&ty) {
            members.push(ty);
        }
    }
    if members.len() == 1 {
        return Ok(members.pop().expect("one member"));
    }
    Ok(DocType::Union(members))
}

fn literal(expr: &Expr) -> Result<Literal, String> {
    match expr {
        Expr::Str(s) => Ok(Literal::String(s.clone())),
        Expr::Name { name, link: None } => match name.as_str() {
            "None" | "null" => Ok(Literal::Null),
            "True" | "true" => Ok(Literal::Bool(true)),
            "False" | "false" => Ok(Literal::Bool(false)),
            n if is_number(n) => Ok(Literal::Number(n.to_string())),
            other => Err(format!("`{other}` is not a literal value")),
        },
        _ => Err("a `Literal` holds values, not types".into()),
    }
}

/// A JSON number as the docs write it.
fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty()
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        && serde_json::from_str::<serde_json::Number>(s).is_ok()
}

fn name_meaning(name: &str, link: Option<&str>) -> Result<DocType, String> {
    let absolute = link.is_some_and(|l| l.contains("://"));
    let scalar = |s| Ok(DocType::Scalar(s));
    match name {
        // Python's `date` and `datetime` links are swapped in some SDKs'
        // docs: either may be a calendar date or a timestamp.
        "date" | "datetime" => scalar(Scalar::Temporal),
        // TypeScript's `Date` is a timestamp; `RFCDate` a calendar date.
        "Date" => scalar(Scalar::DateTime),
        "RFCDate" => scalar(Scalar::Date),
        _ if absolute => Ok(DocType::Sdk(name.to_string())),
        _ if link.is_some() => Ok(model(name, link)),
        "str" | "string" => scalar(Scalar::String),
        "int" | "bigint" => scalar(Scalar::Integer),
        "float" => scalar(Scalar::Float),
        "number" => scalar(Scalar::Number),
        "Decimal" | "decimal" => scalar(Scalar::Decimal),
        "bool" | "boolean" => scalar(Scalar::Bool),
        "Any" | "any" => scalar(Scalar::Any),
        "bytes" | "io.BufferedReader" | "Blob" => scalar(Scalar::Bytes),
        "None" | "null" => Ok(DocType::Literal(Literal::Null)),
        n if is_number(n) => Ok(DocType::Literal(Literal::Number(n.to_string()))),
        "true" | "True" => Ok(DocType::Literal(Literal::Bool(true))),
        "false" | "False" => Ok(DocType::Literal(Literal::Bool(false))),
        other if starts_upper(last_segment(other)) => Ok(model(other, None)),
        other => Err(format!(
            "unknown type `{other}`: expected `str`, `int`, `float`, `bool`, `Any`, a date, \
             `Decimal` or a model"
        )),
    }
}

fn last_segment(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

fn starts_upper(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase())
}

/// A model named by the notation: `shared.X`, `models.X` or `X`.
fn model(name: &str, link: Option<&str>) -> DocType {
    let (qualifier, bare) = match name.rsplit_once('.') {
        Some((q, n)) => (Some(q.to_string()), n.to_string()),
        None => (None, name.to_string()),
    };
    DocType::Model {
        name: bare,
        qualifier,
        link: link.map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(name: &str, q: Option<&str>, link: Option<&str>) -> DocType {
        DocType::Model {
            name: name.into(),
            qualifier: q.map(Into::into),
            link: link.map(Into::into),
        }
    }
    fn s(scalar: Scalar) -> DocType {
        DocType::Scalar(scalar)
    }

    #[test]
    fn python_and_typescript_notation() {
        let t = |text: &str| type_of_text(text).unwrap();
        assert_eq!(
            t("Optional[str]"),
            DocType::Optional(Box::new(s(Scalar::String)))
        );
        assert_eq!(t("list[str]"), DocType::List(Box::new(s(Scalar::String))));
        assert_eq!(t("string[]"), DocType::List(Box::new(s(Scalar::String))));
        assert_eq!(
            t("Record<string, any>"),
            DocType::Map(Box::new(s(Scalar::Any)))
        );
        assert_eq!(
            t("Dict[str, Dict[str, List[int]]]"),
            DocType::Map(Box::new(DocType::Map(Box::new(DocType::List(Box::new(
                s(Scalar::Integer)
            ))))))
        );
        assert_eq!(t("models.Basic"), m("Basic", Some("models"), None));
        assert_eq!(
            t("Union[str, int]"),
            DocType::Union(vec![s(Scalar::String), s(Scalar::Integer)])
        );
        assert_eq!(
            t("Literal[\"x\"]"),
            DocType::Literal(Literal::String("x".into()))
        );
        assert_eq!(
            t("OptionalNullable[Literal[None]]"),
            DocType::OptionalNullable(Box::new(DocType::Literal(Literal::Null)))
        );
        assert_eq!(
            t("Literal[3]"),
            DocType::Literal(Literal::Number("3".into()))
        );
        assert_eq!(
            t("Union[bytes, IO[bytes], io.BufferedReader]"),
            s(Scalar::Bytes)
        );
        assert_eq!(
            t("\"a\" | \"b\""),
            DocType::Union(vec![
                DocType::Literal(Literal::String("a".into())),
                DocType::Literal(Literal::String("b".into()))
            ])
        );
    }

    #[test]
    fn bad_notation_is_an_error() {
        assert_eq!(
            type_of_text("Optional[str").unwrap_err(),
            "`Optional[` is not closed"
        );
        assert!(type_of_text("Frob[str]")
            .unwrap_err()
            .contains("unknown type `Frob[...]`"));
        assert!(type_of_text("strr")
            .unwrap_err()
            .contains("unknown type `strr`"));
        assert!(type_of_text("Dict[int, str]").unwrap_err().contains("keys"));
        assert!(type_of_text("Literal[str]")
            .unwrap_err()
            .contains("not a literal"));
        assert!(type_of_text("").unwrap_err().contains("missing type"));
        let deep = format!("{}str{}", "List[".repeat(40), "]".repeat(40));
        assert!(type_of_text(&deep).unwrap_err().contains("nest more than"));
    }
}
