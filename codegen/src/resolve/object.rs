//! One object doc → [`Object`]: its fields' types and presence, the
//! overlay's facts, then its JSON keys in named passes (the docs' rule, the
//! overlay, the oneof lists, the guess for fields named after their type).

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

use super::keys::{self, rule_key};
use super::types::{At, Lifted, TypeCtx};
use super::{Entry, Index};
use crate::error::Diagnostic;
use crate::ir::{
    Field, Int, Literal, Member, Object, Oneof, Presence, Role, Source, Type, WireSource,
};
use crate::layout::Section;
use crate::overlay::{toml_json, unescaped, FieldOverlay, KeyStyle};
use crate::parse::{Body, Dialect, DocType, FieldRow, Scalar};

/// The names of the row that stands for keys not listed, by dialect.
const EXTRA_ROWS: &[&str] = &[
    "__pydantic_extra__",
    "additional_properties",
    "additionalProperties",
];

pub(crate) struct Ctx<'a, 'b> {
    pub entry: &'a Entry<'a>,
    pub index: &'a Index<'a>,
    pub style: KeyStyle,
    pub errors: &'b mut Vec<Diagnostic>,
    pub warnings: &'b mut Vec<Diagnostic>,
    pub lifted: &'b mut Vec<Lifted>,
}

impl<'a> Ctx<'a, '_> {
    fn diag(&self, line: usize, message: impl Into<String>, text: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.entry.doc.path, line, message, text)
    }

    fn role(&self) -> Role {
        match self.entry.section {
            Section::Operations => Role::Operation,
            Section::Errors => Role::Error,
            _ if self.entry.doc.title == "Security" => Role::Security,
            Section::Schemas | Section::Utils | Section::Other(_) => Role::Schema,
        }
    }

    /// Models keyed by the SDK's own field names rather than JSON keys:
    /// operation wrappers, and `Security`, the model the SDK always
    /// generates to hold the API's security schemes.
    fn sdk_named(&self) -> bool {
        matches!(self.role(), Role::Operation | Role::Security)
    }

    pub(crate) fn object(&mut self, rows: &[FieldRow]) -> Object {
        let role = self.role();
        let mut fields = Vec::new();
        let mut extra = None;
        let mut seen = BTreeSet::new();
        for row in rows {
            let text = format!("`{}` | {}", row.name, row.ty_text);
            let at = At {
                line: row.line,
                text: &text,
            };
            if EXTRA_ROWS.contains(&row.name.as_str()) {
                if let DocType::Map(_) | DocType::Optional(_) = &row.ty {
                    match self
                        .type_ctx(&row.name)
                        .presence_and_type(&row.ty, row.required, &at)
                    {
                        Ok((Presence::Optional, Type::Map(value))) => {
                            extra = Some(*value);
                            continue;
                        }
                        Ok(_) => {}
                        Err(e) => {
                            let d =
                                self.diag(row.line, format!("field `{}`: {e}", row.name), &text);
                            self.errors.push(d);
                            continue;
                        }
                    }
                }
            }
            if !is_field_name(&row.name) {
                let d = self.diag(
                    row.line,
                    "a field name must be letters, digits and `_`, not starting with a digit",
                    &text,
                );
                self.errors.push(d);
                continue;
            }
            let doc_name = unescaped(&row.name).to_string();
            if !seen.insert(doc_name.clone()) {
                let d = self.diag(
                    row.line,
                    format!("field `{doc_name}` is listed twice"),
                    &text,
                );
                self.errors.push(d);
                continue;
            }
            let typed = self
                .type_ctx(&doc_name)
                .presence_and_type(&row.ty, row.required, &at);
            let (mut presence, mut ty) = match typed {
                Ok(pt) => pt,
                Err(e) => {
                    let d = self.diag(row.line, format!("field `{doc_name}`: {e}"), &text);
                    self.errors.push(d);
                    continue;
                }
            };
            if matches!(ty, Type::Opaque(_)) && role != Role::Operation {
                let d = self.diag(
                    row.line,
                    format!(
                        "field `{doc_name}`: only operation docs may hold an SDK type with no \
                         JSON form"
                    ),
                    &text,
                );
                self.errors.push(d);
                continue;
            }
            let facts = self.index.input.overlay.field(&self.entry.key, &doc_name);
            if let Some(facts) = facts {
                if let Err(e) = apply_facts(facts, &mut presence, &mut ty) {
                    let d = self.diag(row.line, format!("overlay, field `{doc_name}`: {e}"), &text);
                    self.errors.push(d);
                }
            }
            let required_stated =
                matches!(presence, Presence::Required | Presence::RequiredNullable);
            // A const may be left out whatever the docs say: the SDKs fill
            // it in (and a round trip leaves it out again).
            if let Type::Const(_) = ty {
                presence = match presence {
                    Presence::Required | Presence::Optional => Presence::Optional,
                    Presence::RequiredNullable | Presence::Nullable => Presence::Nullable,
                };
            }
            let (wire, wire_source) = match facts.and_then(|f| f.wire.clone()) {
                Some(w) => (w, WireSource::Overlay),
                // An operation's fields are the SDK's own parameters, no JSON
                // of the API: named in the Python form whatever the dialect
                // (`appId` is `app_id`). The security schemes keep theirs.
                None if self.role() == Role::Operation => {
                    (doc_name.to_snake_case(), WireSource::Rule)
                }
                None if self.sdk_named() => (doc_name.clone(), WireSource::Rule),
                None => (rule_key(&doc_name, self.style), WireSource::Rule),
            };
            fields.push(Field {
                name: String::new(),
                doc_name,
                wire,
                wire_source,
                ty,
                presence,
                nullable_stated: self.nullable_stated(row)
                    || facts.is_some_and(|f| f.nullable.is_some()),
                required_stated,
                doc: description(&row.description),
                example: row.example.clone(),
                deprecated: row.deprecated.clone(),
                oneof: None,
                boxed: false,
                source: Source {
                    file: self.entry.doc.path.clone(),
                    line: row.line,
                },
            });
        }
        let oneofs = self.oneofs(&mut fields);
        if !self.sdk_named() {
            if self.index.dialect_of(self.entry.doc) == Some(Dialect::TypeScript) {
                self.unconfirmed_keys(&mut fields);
            } else {
                self.infer_keys(&mut fields);
            }
        }
        let mut by_wire: BTreeMap<String, String> = BTreeMap::new();
        for field in &mut fields {
            field.name = keys::field_name(&field.wire);
            if let Some(other) = by_wire.insert(field.wire.clone(), field.doc_name.clone()) {
                let d = self.diag(
                    field.source.line,
                    format!(
                        "fields `{other}` and `{}` have the same JSON key `{}`",
                        field.doc_name, field.wire
                    ),
                    field.doc_name.clone(),
                );
                self.errors.push(d);
            }
        }
        Object {
            fields,
            oneofs,
            extra,
            role,
        }
    }

    fn type_ctx<'s>(&'s mut self, field: &str) -> TypeCtx<'s, 's> {
        TypeCtx {
            entry: self.entry,
            index: self.index,
            warnings: self.warnings,
            lifted: self.lifted,
            owner: format!("{}{}", self.entry.doc.title, field.to_upper_camel_case()),
        }
    }

    /// The oneofs: each member's field found, its key set to the member's.
    fn oneofs(&mut self, fields: &mut [Field]) -> Vec<Oneof> {
        let doc = self.entry.doc;
        let mut names = BTreeSet::new();
        for decl in &doc.oneofs {
            if !names.insert(&decl.name) {
                let d = self.diag(
                    decl.line,
                    format!("oneof `{}` is declared twice", decl.name),
                    format!("oneof {}", decl.name),
                );
                self.errors.push(d);
            }
        }
        let declared: Vec<Vec<String>> = doc.oneofs.iter().map(|d| d.members.clone()).collect();
        let pinned: BTreeSet<usize> = fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.wire_source == WireSource::Overlay)
            .map(|(i, _)| i)
            .collect();
        let named_after_type = |i: usize| self.named_after(&fields[i]).is_some();
        let typescript = self.index.dialect_of(doc) == Some(Dialect::TypeScript);
        let sorted: Option<&dyn Fn(usize) -> bool> = typescript.then_some(&named_after_type);
        let assigned = keys::assign_members(&declared, fields, &pinned, sorted);
        let mut oneofs = Vec::new();
        for (decl, result) in doc.oneofs.iter().zip(assigned) {
            let text = format!("oneof {}: {}", decl.name, decl.members.join(", "));
            let pairs = match result {
                Ok(pairs) => pairs,
                Err(message) => {
                    let d = self.diag(decl.line, message, text);
                    self.errors.push(d);
                    continue;
                }
            };
            let mut members = Vec::new();
            for (wire, index) in pairs {
                let field = &mut fields[index];
                if matches!(field.ty, Type::Opaque(_)) {
                    let d = Diagnostic::new(
                        &doc.path,
                        field.source.line,
                        format!(
                            "oneof `{}` member `{}`: an SDK type with no JSON form cannot be a \
                             member",
                            decl.name, field.doc_name
                        ),
                        field.doc_name.clone(),
                    );
                    self.errors.push(d);
                }
                if field.wire_source != WireSource::Overlay {
                    field.wire_source = WireSource::Oneof;
                }
                field.wire = wire.clone();
                field.oneof = Some(decl.name.clone());
                members.push(Member {
                    wire: wire.clone(),
                    field: keys::field_name(&wire),
                });
            }
            oneofs.push(Oneof {
                name: decl.name.clone(),
                members,
                source: Source {
                    file: doc.path.clone(),
                    line: decl.line,
                },
            });
        }
        oneofs
    }

    /// Whether the docs say if a field may be null: Python docs do with a
    /// wrapper, or by its absence but for collections and dates, which
    /// they print bare; TypeScript docs never do.
    fn nullable_stated(&self, row: &FieldRow) -> bool {
        let python = self.index.dialect_of(self.entry.doc) == Some(Dialect::Python);
        match &row.ty {
            DocType::Optional(_) | DocType::OptionalNullable(_) | DocType::Nullable(_) => true,
            DocType::List(_)
            | DocType::Map(_)
            | DocType::Scalar(Scalar::Temporal | Scalar::DateTime | Scalar::Date) => false,
            DocType::Scalar(_)
            | DocType::Union(_)
            | DocType::Literal(_)
            | DocType::Model { .. }
            | DocType::Sdk(_) => python,
        }
    }

    /// The title of the object a field holds when the field is named after
    /// it (TypeScript's `serverEvent: ServerEvent`, perhaps with a digit or
    /// without `Input`), so that its name may not be its key.
    ///
    /// TypeScript docs name a field after the message it holds, whatever its
    /// key, where (as these docs show) its row carries the message's own
    /// description; a row with none, for a message that has one, is named
    /// by its key like any other. In the 2026 ConductorOne docs, 117 of the
    /// 119 such rows have their name as key (the 2 others differ in case
    /// only, `AppEntitlementAutomation`), and the 2025 OpenAPI document has
    /// 106 of them, each a wrapped reference with no description.
    fn named_after(&self, field: &Field) -> Option<&'a str> {
        let entry = self.index.entry_by_key(field.ty.model()?)?;
        if !matches!(entry.doc.body, Body::Fields(_)) {
            return None;
        }
        if field.doc.is_none() && !entry.doc.description.is_empty() {
            return None;
        }
        // Compared without case or underscores: `a2UIAction` is named
        // after `A2UIAction`, though the two split into words apart.
        let plain = |s: &str| s.replace('_', "").to_lowercase();
        let title = plain(&entry.doc.title);
        let whole = plain(&field.doc_name);
        let numbered = plain(
            field
                .doc_name
                .trim_end_matches(|c: char| c.is_ascii_digit()),
        );
        let named = [whole, numbered].iter().any(|name| {
            !name.is_empty()
                && (title == *name || title.strip_suffix("input") == Some(name.as_str()))
        });
        named.then_some(entry.doc.title.as_str())
    }

    /// The keys of fields named after the object they hold (see
    /// [`Self::named_after`]) in TypeScript docs: unless a oneof list or
    /// the overlay gives one, the docs cannot confirm it. The rows are
    /// sorted by key, so the neighbours bound it: a name that fits (and is
    /// no other field's key) is kept; one that breaks the order is not the
    /// key, and the first shortening of the type's name that fits is taken
    /// instead (`accessReviewColumnConfig` between `closedAt` and
    /// `completionDate` is `columnConfig`; see [`keys::shortened_keys`]).
    /// Either way the key is a guess, and said so.
    fn unconfirmed_keys(&mut self, fields: &mut [Field]) {
        let doc = self.entry.doc;
        let suspects: Vec<Option<&str>> = fields
            .iter()
            .map(|f| {
                (f.wire_source == WireSource::Rule)
                    .then(|| self.named_after(f))
                    .flatten()
            })
            .collect();
        for i in 0..fields.len() {
            let Some(title) = suspects[i] else {
                continue;
            };
            let bound = |f: &Field, s: &Option<&str>| s.is_none().then(|| f.wire.clone());
            let before = fields[..i]
                .iter()
                .zip(&suspects)
                .rev()
                .find_map(|(f, s)| bound(f, s));
            let after = fields[i + 1..]
                .iter()
                .zip(&suspects[i + 1..])
                .find_map(|(f, s)| bound(f, s));
            let between = |key: &str| {
                before.as_deref().is_none_or(|b| b < key)
                    && after.as_deref().is_none_or(|a| key < a)
            };
            let taken = |key: &str| {
                fields
                    .iter()
                    .enumerate()
                    .any(|(j, f)| j != i && f.wire == key)
            };
            let name = fields[i].wire.clone();
            let why_not = if taken(&name) {
                "it is another field's key"
            } else {
                "it breaks the key order of the doc's rows"
            };
            let guess = if between(&name) && !taken(&name) {
                Some(name.clone())
            } else {
                keys::shortened_keys(title, &doc.title, self.style)
                    .into_iter()
                    .find(|k| between(k) && !taken(k))
            };
            let field = &mut fields[i];
            field.wire_source = WireSource::Inferred;
            let message = match &guess {
                Some(key) if *key == name => format!(
                    "field `{}.{}` is named after its type: the docs do not give its JSON \
                     key; taken as its name `{key}`, unverified",
                    doc.title, field.doc_name
                ),
                Some(key) => format!(
                    "field `{}.{}` is named after its type, and its JSON key is not its name \
                     `{name}` ({why_not}); taken as `{key}`, a shortening of the type's name \
                     that fits the order, unverified",
                    doc.title, field.doc_name
                ),
                None => format!(
                    "field `{}.{}` is named after its type, and its JSON key is not its name \
                     `{name}` ({why_not}); the docs do not say what it is",
                    doc.title, field.doc_name
                ),
            };
            if let Some(key) = guess {
                field.wire = key;
            }
            let d = self.diag(
                field.source.line,
                format!(
                    "{message} (state it in the overlay: [models.{}.fields.{}] wire = \"...\")",
                    self.entry.key, field.doc_name
                ),
                format!("`{}`", field.doc_name),
            );
            self.warnings.push(d);
        }
    }

    /// Fields named after their type: the docs cannot tell the key.
    fn infer_keys(&mut self, fields: &mut [Field]) {
        let doc = self.entry.doc;
        for field in fields.iter_mut() {
            if field.wire_source != WireSource::Rule {
                continue;
            }
            let Type::Ref(target) = &field.ty else {
                continue;
            };
            let Some(entry) = self.index.entry_by_key(target) else {
                continue;
            };
            let is_object = matches!(entry.doc.body, Body::Fields(_));
            let Some(guess) =
                keys::inferred_key(&doc.title, field, &entry.doc.title, is_object, self.style)
            else {
                continue;
            };
            field.wire = guess;
            field.wire_source = WireSource::Inferred;
            let d = self.diag(
                field.source.line,
                format!(
                    "field `{}.{}` is named after its type: JSON key inferred as `{}`, unverified \
                     (state it in the overlay: [models.{}.fields.{}] wire = \"...\")",
                    doc.title, field.doc_name, field.wire, self.entry.key, field.doc_name
                ),
                format!("`{}`", field.doc_name),
            );
            self.warnings.push(d);
        }
    }
}

/// Applies the overlay's facts about a field to its presence and type.
fn apply_facts(facts: &FieldOverlay, presence: &mut Presence, ty: &mut Type) -> Result<(), String> {
    if let Some(value) = &facts.constant {
        let json = toml_json(value).ok_or("a `const` must be a string, number or boolean")?;
        let literal = match serde_json::from_str::<serde_json::Value>(&json) {
            Ok(serde_json::Value::String(s)) => Literal::String(s),
            Ok(serde_json::Value::Bool(b)) => Literal::Bool(b),
            _ => Literal::Number(json),
        };
        *ty = Type::Const(literal);
    }
    if let Some(format) = &facts.format {
        apply_format(format, ty)?;
    }
    if facts.int64 == Some(true) && !set_int(ty, Int::I64String) {
        return Err("marked `int64`, but it holds no integer".into());
    }
    match facts.nullable {
        Some(true) => {
            *presence = match *presence {
                Presence::Required | Presence::RequiredNullable => Presence::RequiredNullable,
                Presence::Optional | Presence::Nullable => Presence::Nullable,
            }
        }
        Some(false) => {
            *presence = match *presence {
                Presence::Required | Presence::RequiredNullable => Presence::Required,
                Presence::Optional | Presence::Nullable => Presence::Optional,
            }
        }
        None => {}
    }
    Ok(())
}

/// The schema's format decides what the docs' notation leaves open.
fn apply_format(format: &str, ty: &mut Type) -> Result<(), String> {
    let leaf = leaf_mut(ty);
    let numeric = matches!(
        leaf,
        Type::Int(_) | Type::Number | Type::Float | Type::Decimal
    );
    let temporal = matches!(leaf, Type::Temporal | Type::Date | Type::DateTime);
    let new = match format {
        // An integer already read as a string stays one; any other number
        // becomes a 64-bit integer.
        "int32" | "int64" | "uint32" | "uint64" | "integer" if numeric => {
            if *leaf == Type::Int(Int::I64String) {
                Type::Int(Int::I64String)
            } else {
                Type::Int(Int::I64)
            }
        }
        "bigint" if numeric => Type::Int(Int::Big),
        "double" | "float" | "number" if numeric => Type::Float,
        "decimal" if numeric => Type::Decimal,
        "date" if temporal => Type::Date,
        "date-time" if temporal => Type::DateTime,
        other => return Err(format!("format `{other}` does not fit its type")),
    };
    *leaf = new;
    Ok(())
}

fn leaf_mut(ty: &mut Type) -> &mut Type {
    match ty {
        Type::List(t) | Type::Map(t) => leaf_mut(t),
        other => other,
    }
}

/// Sets every integer inside `ty` to `int`; false if there is none.
fn set_int(ty: &mut Type, int: Int) -> bool {
    match leaf_mut(ty) {
        leaf @ (Type::Int(_) | Type::Number) => {
            *leaf = Type::Int(int);
            true
        }
        Type::String
        | Type::Float
        | Type::Decimal
        | Type::Bool
        | Type::Any
        | Type::DateTime
        | Type::Date
        | Type::Temporal
        | Type::Bytes
        | Type::List(_)
        | Type::Map(_)
        | Type::Ref(_)
        | Type::Const(_)
        | Type::Opaque(_) => false,
    }
}

fn description(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty() && text != "N/A").then(|| text.to_string())
}

/// A field name of either dialect: letters, digits and `_`.
fn is_field_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s.chars().any(|c| c.is_ascii_alphanumeric())
}
