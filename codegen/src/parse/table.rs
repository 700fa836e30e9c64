//! Tables read by their header: which column holds what, and the cells of a
//! row as they are written (for columns in messages).

/// The columns a header names, by what they hold.
#[derive(Debug, Default)]
pub(crate) struct Columns {
    /// Column index of each known heading, by heading.
    found: Vec<(&'static str, usize)>,
    /// Headings no column meaning is known for: (index, text).
    pub unknown: Vec<(usize, String)>,
}

impl Columns {
    /// Maps a header's cells to the known headings (`aliases` lists, for
    /// each heading, the texts that name it).
    pub(crate) fn of(header: &[String], aliases: &[(&'static str, &[&str])]) -> Columns {
        let mut columns = Columns::default();
        for (i, text) in header.iter().enumerate() {
            match aliases
                .iter()
                .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(text)))
            {
                Some((key, _)) if columns.index(key).is_none() => columns.found.push((key, i)),
                _ => columns.unknown.push((i, text.clone())),
            }
        }
        columns
    }

    /// The index of the column holding `key`.
    pub(crate) fn index(&self, key: &str) -> Option<usize> {
        self.found.iter().find(|(k, _)| *k == key).map(|(_, i)| *i)
    }
}

/// The cells of a table row as written: (1-based column, trimmed text).
/// Like GFM, every `|` not escaped as `\|` separates cells; a pipe that
/// opens or closes the row does not make an empty cell.
pub(crate) fn raw_cells(line: &str) -> Vec<(usize, String)> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn columns_by_header() {
        let header: Vec<String> = ["Type", "Field", "Notes", "Required"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let c = Columns::of(
            &header,
            &[
                ("name", &["Field", "Name"]),
                ("type", &["Type"]),
                ("required", &["Required"]),
            ],
        );
        assert_eq!(c.index("name"), Some(1));
        assert_eq!(c.index("type"), Some(0));
        assert_eq!(c.index("required"), Some(3));
        assert_eq!(c.unknown, vec![(2, "Notes".to_string())]);
    }
}
