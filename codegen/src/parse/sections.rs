//! The tables and lists that carry a model: `## Fields`, `## Values` and
//! `## Supported Types`.

use super::*;

impl<'a> DocParser<'a> {
    pub(super) fn fields_section(&mut self, g: &mut Gathered, block: &Block<'a>) {
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
    pub(super) fn header(&mut self, rows: &[Row<'a>]) -> Option<Vec<String>> {
        let head = rows.first()?;
        Some(head.cells.iter().map(plain_text).collect())
    }

    /// The cells of a row as written, or `None` after an error if there are
    /// not as many as the header has.
    pub(super) fn raw_row(
        &mut self,
        rows: &[Row<'a>],
        row: &Row<'a>,
    ) -> Option<Vec<(usize, String)>> {
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

    pub(super) fn unknown_columns(&mut self, rows: &[Row<'a>], columns: &Columns) {
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

    pub(super) fn field_rows(&mut self, rows: &[Row<'a>]) -> (Vec<FieldRow>, Option<Dialect>) {
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

    pub(super) fn values_section(&mut self, g: &mut Gathered, block: &Block<'a>) {
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

    pub(super) fn value_rows(&mut self, rows: &[Row<'a>]) -> Vec<ValueRow> {
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

    pub(super) fn union_section(&mut self, g: &mut Gathered, block: &Block<'a>) {
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
