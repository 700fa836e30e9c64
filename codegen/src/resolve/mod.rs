//! Stage 2: parsed docs → [`Ir`]. Gives each doc its model key, follows
//! links, settles JSON keys and oneof members, lifts inline unions into
//! models of their own, finds union tags and boxes cycles. Knows neither
//! markdown nor Rust; it knows the docs tree's layout through
//! [`crate::layout`].

mod cycles;
mod keys;
mod object;
mod types;
mod unions;

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Diagnostic, Error, Result};
use crate::ir::{Enum, EnumValue, Ir, Kind, Model, Source};
use crate::layout::{Place, Root, Section};
use crate::overlay::Overlay;
use crate::parse::{Body, Doc, Literal, Openness};

pub use keys::{field_name, rule_key, KeyEvidence};

/// The IR and the warnings met while building it.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The models.
    pub ir: Ir,
    /// Things the docs could not tell, decided by a default.
    pub warnings: Vec<Diagnostic>,
    /// How field names became JSON keys, and why.
    pub key_style: KeyEvidence,
}

/// The docs to resolve, and what is known of the tree they come from.
pub struct Input<'a> {
    /// The docs that parsed.
    pub docs: &'a [Doc],
    /// The spec directory, to follow links.
    pub root: &'a Root,
    /// Facts the docs lack.
    pub overlay: &'a Overlay,
    /// Paths of docs that failed to read or parse: links to them are taken
    /// as resolved, so that the errors left are the other docs' own.
    pub broken: &'a BTreeSet<String>,
    /// Paths of docs that are not models (the SDK's own settings): a link to
    /// one is kept as JSON.
    pub skipped: &'a BTreeSet<String>,
}

/// One doc with what resolution knows of it.
pub(crate) struct Entry<'a> {
    pub doc: &'a Doc,
    pub key: String,
    pub module: Option<String>,
    pub section: Section,
}

/// What every pass may look up.
pub(crate) struct Index<'a> {
    /// The SDK language of the docs, where a doc's own notation does not
    /// show it: the one most docs show.
    pub dialect: Option<crate::parse::Dialect>,
    pub entries: Vec<Entry<'a>>,
    pub by_path: BTreeMap<&'a str, usize>,
    pub by_key: BTreeMap<String, usize>,
    pub input: &'a Input<'a>,
}

impl Index<'_> {
    /// The SDK language of a doc: its own notation's, or the spec's.
    pub(crate) fn dialect_of(&self, doc: &Doc) -> Option<crate::parse::Dialect> {
        doc.dialect.or(self.dialect)
    }

    pub(crate) fn entry_by_key(&self, key: &str) -> Option<&Entry<'_>> {
        self.by_key.get(key).map(|&i| &self.entries[i])
    }
}

/// Builds the IR of a set of docs.
pub fn resolve(input: &Input<'_>) -> Result<Resolved> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let index = index(input, &mut errors, &mut warnings);
    if input.broken.is_empty() {
        check_overlay(&index, &mut errors);
    }
    let evidence = keys::key_style(input.docs, input.overlay);

    let mut models = Vec::new();
    let mut lifted = Vec::new();
    for entry in &index.entries {
        let doc = entry.doc;
        let kind = match &doc.body {
            Body::Values(values) => Kind::Enum(enumeration(entry, values, &index, &mut errors)),
            Body::Fields(rows) => {
                let mut ctx = object::Ctx {
                    entry,
                    index: &index,
                    style: evidence.style,
                    errors: &mut errors,
                    warnings: &mut warnings,
                    lifted: &mut lifted,
                };
                Kind::Object(ctx.object(rows))
            }
            Body::Union(members) => {
                let mut ctx = types::TypeCtx {
                    entry,
                    index: &index,
                    warnings: &mut warnings,
                    lifted: &mut lifted,
                    owner: doc.title.clone(),
                };
                match unions::members(&mut ctx, members) {
                    Ok(union) => Kind::Union(union),
                    Err(e) => {
                        errors.push(e);
                        continue;
                    }
                }
            }
        };
        models.push(Model {
            key: entry.key.clone(),
            name: doc.title.clone(),
            module: entry.module.clone(),
            source: Source {
                file: doc.path.clone(),
                line: doc.line,
            },
            doc: doc.description.clone(),
            deprecated: doc.deprecated.clone(),
            kind,
        });
    }
    models.extend(unions::lifted_models(lifted));
    if !errors.is_empty() {
        return Err(Error::Spec(sorted(errors)));
    }
    models.sort_by(|a, b| a.key.cmp(&b.key));
    if let Err(e) = unions::tag(&mut models, input.overlay) {
        return Err(Error::Spec(sorted(e)));
    }
    let loops = cycles::union_loops(&models);
    if !loops.is_empty() {
        return Err(Error::Spec(sorted(loops)));
    }
    cycles::box_cycles(&mut models);
    Ok(Resolved {
        ir: Ir { models },
        warnings: sorted(warnings),
        key_style: evidence,
    })
}

pub(crate) fn sorted(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    diags
}

/// Gives each doc its key: its title, in the module of its section.
fn index<'a>(
    input: &'a Input<'a>,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Index<'a> {
    let mut entries: Vec<Entry<'a>> = Vec::new();
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_title: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for doc in input.docs {
        let section = match input.root.place(&doc.path) {
            Place::Models(section) => section,
            Place::Outside => Section::Schemas,
        };
        let module = section.folder().map(str::to_string);
        let key = match &module {
            Some(m) => format!("{m}.{}", doc.title),
            None => doc.title.clone(),
        };
        let title_line = format!("# {}", doc.title);
        if !is_model_name(&doc.title) {
            errors.push(Diagnostic::new(
                &doc.path,
                doc.line,
                "a model name must be letters and digits, starting with a letter",
                &title_line,
            ));
        }
        if let Some(&first) = by_key.get(&key) {
            errors.push(Diagnostic::new(
                &doc.path,
                doc.line,
                format!(
                    "model `{}` is also defined in {}",
                    doc.title, entries[first].doc.path
                ),
                &title_line,
            ));
            continue;
        }
        let i = entries.len();
        by_key.insert(key.clone(), i);
        by_title.entry(&doc.title).or_default().push(i);
        entries.push(Entry {
            doc,
            key,
            module,
            section,
        });
    }
    for same in by_title.values().filter(|v| v.len() > 1) {
        let keys: Vec<String> = same
            .iter()
            .map(|&i| format!("`{}` ({})", entries[i].key, entries[i].doc.path))
            .collect();
        // Said at the docs outside the API's schemas, which are the ones
        // to tell apart by their module.
        let mut apart: Vec<usize> = same
            .iter()
            .copied()
            .filter(|&i| entries[i].section != Section::Schemas)
            .collect();
        if apart.len() == same.len() {
            apart.remove(0);
        }
        for i in apart {
            let doc = entries[i].doc;
            warnings.push(Diagnostic::new(
                &doc.path,
                doc.line,
                format!(
                    "model `{}` is defined in several sections; they are distinct types: {}",
                    doc.title,
                    keys.join(", ")
                ),
                format!("# {}", doc.title),
            ));
        }
    }
    let by_path = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.doc.path.as_str(), i))
        .collect();
    let shown =
        |d: crate::parse::Dialect| entries.iter().filter(|e| e.doc.dialect == Some(d)).count();
    let (python, typescript) = (
        shown(crate::parse::Dialect::Python),
        shown(crate::parse::Dialect::TypeScript),
    );
    let dialect = match python.cmp(&typescript) {
        std::cmp::Ordering::Greater => Some(crate::parse::Dialect::Python),
        std::cmp::Ordering::Less => Some(crate::parse::Dialect::TypeScript),
        std::cmp::Ordering::Equal => None,
    };
    Index {
        dialect,
        entries,
        by_path,
        by_key,
        input,
    }
}

/// An enum model; value names and values must be unique.
fn enumeration(
    entry: &Entry<'_>,
    values: &crate::parse::Values,
    index: &Index<'_>,
    errors: &mut Vec<Diagnostic>,
) -> Enum {
    let doc = entry.doc;
    let mut names = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for row in &values.rows {
        let text = match &row.name {
            Some(n) => format!("`{n}` | {}", row.value.json()),
            None => row.value.json(),
        };
        if let Some(name) = &row.name {
            if !names.insert(name) {
                errors.push(Diagnostic::new(
                    &doc.path,
                    row.line,
                    format!("enum value name `{name}` is listed twice"),
                    &text,
                ));
            }
        }
        if !seen.insert(&row.value) {
            errors.push(Diagnostic::new(
                &doc.path,
                row.line,
                format!("enum value {} is listed twice", row.value.json()),
                &text,
            ));
        }
    }
    let stated_numeric = index
        .input
        .overlay
        .model(&entry.key)
        .and_then(|m| m.numeric);
    let all_numbers = !values.rows.is_empty()
        && values
            .rows
            .iter()
            .all(|r| matches!(r.value, Literal::Number(_)));
    let numeric = stated_numeric.unwrap_or(all_numbers);
    let values_out = values
        .rows
        .iter()
        .filter_map(|r| {
            let value = match &r.value {
                Literal::String(s) | Literal::Number(s) => s.clone(),
                Literal::Bool(b) => b.to_string(),
                Literal::Null => return None,
            };
            Some(EnumValue {
                sdk_name: r.name.clone(),
                value,
            })
        })
        .collect::<Vec<_>>();
    if numeric {
        for v in &values_out {
            if serde_json::from_str::<serde_json::Number>(&v.value).is_err() {
                errors.push(Diagnostic::new(
                    &doc.path,
                    doc.line,
                    format!(
                        "enum value `{}` is not a number, but the enum's are",
                        v.value
                    ),
                    format!("# {}", doc.title),
                ));
            }
        }
    }
    Enum {
        values: values_out,
        numeric,
        documented_open: match values.open {
            Openness::Open => Some(true),
            Openness::Closed => Some(false),
            Openness::Unstated => None,
        },
    }
}

fn check_overlay(index: &Index<'_>, errors: &mut Vec<Diagnostic>) {
    let overlay = index.input.overlay;
    let problem = |model: &str, field: Option<&str>, message: String| {
        let file = overlay.origin(model, field).display().to_string();
        Diagnostic::new(file, 0, message, "")
    };
    for (model, facts) in &overlay.models {
        let Some(entry) = index.entry_by_key(model) else {
            // The file to blame: the one that stated the model's own facts
            // (or named it alone), or, naming only fields, the one that
            // named its first field.
            let field = facts.fields.keys().next().filter(|_| !facts.states_own());
            errors.push(problem(
                model,
                field.map(String::as_str),
                format!("overlay names model `{model}`, which no doc defines"),
            ));
            continue;
        };
        let doc = entry.doc;
        for field in facts.fields.keys() {
            let known = match &doc.body {
                Body::Fields(rows) => rows
                    .iter()
                    .any(|r| crate::overlay::unescaped(&r.name) == field),
                Body::Values(_) | Body::Union(_) => false,
            };
            if !known {
                errors.push(problem(
                    model,
                    Some(field),
                    format!(
                        "overlay names field `{model}.{field}`, which {} lacks",
                        doc.path
                    ),
                ));
            }
        }
        let is_union = matches!(doc.body, Body::Union(_));
        if (facts.discriminator.is_some() || facts.mapping.is_some()) && !is_union {
            errors.push(problem(
                model,
                None,
                format!(
                    "overlay gives `{model}` a discriminator, but {} is not a union",
                    doc.path
                ),
            ));
        }
        if facts.numeric.is_some() && !matches!(doc.body, Body::Values(_)) {
            errors.push(problem(
                model,
                None,
                format!(
                    "overlay calls `{model}` numeric, but {} is not an enum",
                    doc.path
                ),
            ));
        }
    }
}

fn is_model_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric())
}
