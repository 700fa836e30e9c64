//! Stage 2: parsed docs → [`Ir`]. Resolves links to models, wire names,
//! oneof membership and recursion. Knows neither markdown nor Rust.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToLowerCamelCase, ToSnakeCase};

use crate::error::{Diagnostic, Error, Result};
use crate::ir::{
    Enum, EnumValue, Field, Ir, Kind, Member, Model, Object, Oneof, Presence, Source, Type,
    WireSource,
};
use crate::overlay::Overlay;
use crate::parse::{Body, Doc, FieldRow, TypeExpr, ValueRow};

/// The name of the row that stands for additional properties.
const EXTRA_ROW: &str = "__pydantic_extra__";

/// The IR and the warnings met while building it.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The models.
    pub ir: Ir,
    /// Things the docs could not tell, decided by a default.
    pub warnings: Vec<Diagnostic>,
}

/// Builds the IR of a set of docs.
pub fn resolve(docs: &[Doc], overlay: &Overlay) -> Result<Resolved> {
    resolve_around(docs, overlay, &BTreeSet::new())
}

/// Builds the IR of the docs that parsed, when the docs at `broken` paths
/// did not: links to those are taken as resolved, so that the errors left
/// are the other docs' own, reported in the same run.
pub fn resolve_around(
    docs: &[Doc],
    overlay: &Overlay,
    broken: &BTreeSet<String>,
) -> Result<Resolved> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();

    let mut by_path: BTreeMap<&str, &Doc> = BTreeMap::new();
    let mut by_name: BTreeMap<&str, &Doc> = BTreeMap::new();
    for doc in docs {
        by_path.insert(&doc.path, doc);
        if let Some(first) = by_name.insert(&doc.name, doc) {
            errors.push(Diagnostic::new(
                &doc.path,
                doc.line,
                format!("model `{}` is also defined in {}", doc.name, first.path),
                format!("# {}", doc.name),
            ));
        }
        if !is_model_name(&doc.name) {
            errors.push(Diagnostic::new(
                &doc.path,
                doc.line,
                "a model name must be letters and digits, starting with a letter",
                format!("# {}", doc.name),
            ));
        }
    }
    if broken.is_empty() {
        check_overlay(overlay, &by_name, &mut errors);
    }

    let mut models = Vec::new();
    for doc in docs {
        let kind = match &doc.body {
            Body::Values(rows) => {
                check_enum_rows(doc, rows, &mut errors);
                Kind::Enum(Enum {
                    values: rows
                        .iter()
                        .map(|r| EnumValue {
                            name: r.name.clone(),
                            value: r.value.clone(),
                        })
                        .collect(),
                })
            }
            Body::Fields(rows) => {
                let ctx = Ctx {
                    doc,
                    by_path: &by_path,
                    by_name: &by_name,
                    broken,
                    overlay,
                };
                Kind::Object(ctx.object(rows, &mut errors, &mut warnings))
            }
        };
        models.push(Model {
            name: doc.name.clone(),
            source: Source {
                file: doc.path.clone(),
                line: doc.line,
            },
            doc: doc.description.clone(),
            kind,
        });
    }
    if !errors.is_empty() {
        errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        return Err(Error::Spec(errors));
    }
    models.sort_by(|a, b| a.name.cmp(&b.name));
    box_cycles(&mut models);
    warnings.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    Ok(Resolved {
        ir: Ir { models },
        warnings,
    })
}

/// Enum value names and values must be unique.
fn check_enum_rows(doc: &Doc, rows: &[ValueRow], errors: &mut Vec<Diagnostic>) {
    let mut names = BTreeSet::new();
    let mut values = BTreeSet::new();
    for row in rows {
        let text = format!("`{}` | {}", row.name, row.value);
        if !names.insert(&row.name) {
            errors.push(Diagnostic::new(
                &doc.path,
                row.line,
                format!("enum value name `{}` is listed twice", row.name),
                &text,
            ));
        }
        if !values.insert(&row.value) {
            errors.push(Diagnostic::new(
                &doc.path,
                row.line,
                format!("enum value `{}` is listed twice", row.value),
                &text,
            ));
        }
    }
}

fn check_overlay(overlay: &Overlay, by_name: &BTreeMap<&str, &Doc>, errors: &mut Vec<Diagnostic>) {
    let file = overlay.path.display().to_string();
    for (model, facts) in &overlay.models {
        let Some(doc) = by_name.get(model.as_str()) else {
            errors.push(Diagnostic::new(
                &file,
                0,
                format!("overlay names model `{model}`, which no doc defines"),
                "",
            ));
            continue;
        };
        for field in facts.fields.keys() {
            let known = match &doc.body {
                Body::Fields(rows) => rows.iter().any(|r| {
                    r.name != EXTRA_ROW && r.name.strip_suffix('_').unwrap_or(&r.name) == field
                }),
                Body::Values(_) => false,
            };
            if !known {
                errors.push(Diagnostic::new(
                    &file,
                    0,
                    format!(
                        "overlay names field `{model}.{field}`, which {} lacks",
                        doc.path
                    ),
                    "",
                ));
            }
        }
    }
}

struct Ctx<'a> {
    doc: &'a Doc,
    by_path: &'a BTreeMap<&'a str, &'a Doc>,
    by_name: &'a BTreeMap<&'a str, &'a Doc>,
    broken: &'a BTreeSet<String>,
    overlay: &'a Overlay,
}

impl Ctx<'_> {
    fn diag(&self, line: usize, message: impl Into<String>, text: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.doc.path, line, message, text)
    }

    fn object(
        &self,
        rows: &[FieldRow],
        errors: &mut Vec<Diagnostic>,
        warnings: &mut Vec<Diagnostic>,
    ) -> Object {
        let operation = self.is_operation();
        let mut fields = Vec::new();
        let mut field_rows = Vec::new();
        let mut additional_properties = false;
        let mut seen = BTreeSet::new();
        for row in rows {
            let text = format!("`{}` | {}", row.name, row.ty_text);
            if row.name == EXTRA_ROW {
                match self.presence_and_type(row) {
                    Ok((Presence::Optional, Type::Map(v))) if *v == Type::Any => {
                        additional_properties = true
                    }
                    Ok(_) => errors.push(self.diag(
                        row.line,
                        format!("`{EXTRA_ROW}` must be `Dict[str, *Any*]` and not required"),
                        text,
                    )),
                    Err(e) => errors.push(e),
                }
                continue;
            }
            let name = row.name.strip_suffix('_').unwrap_or(&row.name).to_string();
            if !is_field_name(&name) {
                errors.push(self.diag(row.line, "a field name must be snake_case", text));
                continue;
            }
            if !seen.insert(name.clone()) {
                errors.push(self.diag(row.line, format!("field `{name}` is listed twice"), text));
                continue;
            }
            let (presence, mut ty) = match self.presence_and_type(row) {
                Ok(pt) => pt,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            if matches!(ty, Type::Opaque(_)) && !operation {
                errors.push(self.diag(
                    row.line,
                    format!("field `{name}`: only operation docs may hold an SDK type with no JSON form"),
                    text,
                ));
                continue;
            }
            if self.overlay.int64(&self.doc.name, &name) && !make_int64(&mut ty) {
                errors.push(self.diag(
                    row.line,
                    format!("the overlay marks `{name}` int64, but it holds no `int`"),
                    text,
                ));
            }
            let (wire, wire_source) = match self.overlay.wire(&self.doc.name, &name) {
                Some(w) => (w.to_string(), WireSource::Overlay),
                // An operation wrapper's fields are the SDK's own parameters,
                // and so are the security schemes of the SDK's `Security`.
                None if self.sdk_named() => (name.clone(), WireSource::Rule),
                None => (default_wire(&name), WireSource::Rule),
            };
            field_rows.push(row);
            fields.push(Field {
                name,
                wire,
                wire_source,
                ty,
                presence,
                doc: description(&row.description),
                oneof: None,
                boxed: false,
                source: Source {
                    file: self.doc.path.clone(),
                    line: row.line,
                },
            });
        }

        let mut oneofs = Vec::new();
        let mut names = BTreeSet::new();
        for decl in &self.doc.oneofs {
            if !names.insert(&decl.name) {
                errors.push(self.diag(
                    decl.line,
                    format!("oneof `{}` is declared twice", decl.name),
                    format!("oneof {}", decl.name),
                ));
            }
        }
        let declared: Vec<Vec<String>> =
            self.doc.oneofs.iter().map(|d| d.members.clone()).collect();
        // A field whose key the overlay states takes part only by that key.
        let pinned: BTreeSet<usize> = fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.wire_source == WireSource::Overlay)
            .map(|(i, _)| i)
            .collect();
        let assigned = assign_members(&declared, &fields, &pinned);
        for (decl, result) in self.doc.oneofs.iter().zip(assigned) {
            let text = format!("oneof {}: {}", decl.name, decl.members.join(", "));
            match result {
                Ok(pairs) => {
                    let mut members = Vec::new();
                    for (wire, index) in pairs {
                        let field = &mut fields[index];
                        if matches!(field.ty, Type::Opaque(_)) {
                            errors.push(self.diag(
                                field.source.line,
                                format!(
                                    "oneof `{}` member `{}`: an SDK type with no JSON form cannot be a member",
                                    decl.name, field.name
                                ),
                                field.name.clone(),
                            ));
                        }
                        if field.wire_source != WireSource::Overlay {
                            field.wire_source = WireSource::Oneof;
                        }
                        field.wire = wire.clone();
                        field.oneof = Some(decl.name.clone());
                        members.push(Member {
                            wire,
                            field: field.name.clone(),
                        });
                    }
                    oneofs.push(Oneof {
                        name: decl.name.clone(),
                        members,
                        source: Source {
                            file: self.doc.path.clone(),
                            line: decl.line,
                        },
                    });
                }
                Err(message) => errors.push(self.diag(decl.line, message, text)),
            }
        }

        for field in &fields {
            if field.presence == Presence::Nullable && field.oneof.is_none() && field.ty.holds_int()
            {
                errors.push(self.diag(
                    field.source.line,
                    format!(
                        "field `{}`: `OptionalNullable` integers outside a oneof are not \
                         supported yet (null, absent and a number cannot all be kept)",
                        field.name
                    ),
                    field.name.clone(),
                ));
            }
        }

        // Fields named after their type: the docs cannot tell the key.
        for (field, row) in fields.iter_mut().zip(&field_rows) {
            if field.wire_source != WireSource::Rule || self.sdk_named() {
                continue;
            }
            let Some(guess) = self.infer_wire(field) else {
                continue;
            };
            field.wire = guess;
            field.wire_source = WireSource::Inferred;
            warnings.push(self.diag(
                field.source.line,
                format!(
                    "field `{}.{}` is named after its type: JSON key inferred as `{}`, unverified \
                     (state it in the overlay: [models.{}.fields.{}] wire = \"...\")",
                    self.doc.name, row.name, field.wire, self.doc.name, row.name
                ),
                format!("`{}` | {}", row.name, row.ty_text),
            ));
        }

        let mut wires = BTreeMap::new();
        for field in &fields {
            if let Some(other) = wires.insert(field.wire.clone(), field.name.clone()) {
                errors.push(self.diag(
                    field.source.line,
                    format!(
                        "fields `{other}` and `{}` have the same JSON key `{}`",
                        field.name, field.wire
                    ),
                    field.name.clone(),
                ));
            }
        }
        Object {
            fields,
            oneofs,
            additional_properties,
            operation,
        }
    }

    /// Docs under an `operations/` directory (the SDK's layout) describe an
    /// operation's request or response wrapper.
    fn is_operation(&self) -> bool {
        self.doc.path.split('/').any(|part| part == "operations")
    }

    /// Models keyed by the SDK's own (Python) field names rather than JSON
    /// keys: operation wrappers, and `Security`, the model the SDK always
    /// generates to hold the API's security schemes.
    fn sdk_named(&self) -> bool {
        self.is_operation() || self.doc.name == "Security"
    }

    /// The likely JSON key of a field named after the model it holds, or
    /// `None` when the field is not named after its type.
    ///
    /// Such a field usually holds a message nested in this one: the type's
    /// name is this model's name followed by the nested name (`AppUser` →
    /// `AppUserStatus`), and the key is the nested name (`status`). Otherwise
    /// (an enum, or a type named apart from this model) the key is assumed
    /// to be the field's lowerCamel name.
    fn infer_wire(&self, field: &Field) -> Option<String> {
        let Type::Ref(target) = &field.ty else {
            return None;
        };
        let target_snake = target.to_snake_case();
        let named_after = target_snake == field.name
            || target_snake.strip_suffix("_input") == Some(field.name.as_str());
        if !named_after {
            return None;
        }
        let is_object = self
            .by_name
            .get(target.as_str())
            .is_some_and(|d| matches!(d.body, Body::Fields(_)));
        let model = self.doc.name.to_snake_case();
        let model = model.strip_suffix("_input").unwrap_or(&model);
        let rest = field
            .name
            .strip_prefix(model)
            .and_then(|r| r.strip_prefix('_'));
        match rest {
            Some(rest) if is_object && !rest.is_empty() => Some(default_wire(rest)),
            _ => Some(default_wire(&field.name)),
        }
    }

    fn presence_and_type(&self, row: &FieldRow) -> Result<(Presence, Type), Diagnostic> {
        let text = format!("`{}` | {}", row.name, row.ty_text);
        let fail = |why: String| self.diag(row.line, format!("field `{}`: {why}", row.name), &text);
        let (presence, inner) = match &row.ty {
            TypeExpr::Generic { name, args }
                if name == "Optional" || name == "OptionalNullable" =>
            {
                let [inner] = &args[..] else {
                    return Err(fail(format!("`{name}` takes one type")));
                };
                if row.required {
                    return Err(fail(format!("`{name}` on a required field")));
                }
                let presence = if name == "Optional" {
                    Presence::Optional
                } else {
                    Presence::Nullable
                };
                (presence, inner)
            }
            ty if row.required => (Presence::Required, ty),
            ty => (Presence::Optional, ty),
        };
        let ty = self.value_type(inner).map_err(fail)?;
        Ok((presence, ty))
    }

    fn value_type(&self, expr: &TypeExpr) -> Result<Type, String> {
        match expr {
            TypeExpr::Name {
                name,
                link: Some(link),
            } if is_relative_doc(link) => {
                let target = join_path(&self.doc.path, link)
                    .ok_or_else(|| format!("link `{link}` leaves the spec directory"))?;
                match self.by_path.get(target.as_str()) {
                    Some(doc) => Ok(Type::Ref(doc.name.clone())),
                    // Its own errors are reported; this link is not one.
                    None if self.broken.contains(&target) => Ok(Type::Any),
                    None => Err(format!(
                        "`{name}` links to `{target}`, which is not in the spec"
                    )),
                }
            }
            TypeExpr::Name { name, link } => match (name.as_str(), link) {
                ("date" | "datetime", _) => Ok(Type::DateTime),
                // A type of the SDK's language, documented elsewhere.
                (qualified, Some(link)) if qualified.contains('.') && link.contains("://") => {
                    Ok(Type::Opaque(qualified.to_string()))
                }
                ("str", None) => Ok(Type::String),
                ("int", None) => Ok(Type::Int),
                ("float", None) => Ok(Type::Float),
                ("bool", None) => Ok(Type::Bool),
                ("Any", None) => Ok(Type::Any),
                (_, Some(link)) if !link.contains("://") => Err(format!(
                    "`{name}` links to `{link}`, which is not a model doc (a `.md` file)"
                )),
                (other, _) => Err(format!(
                    "unknown type `{other}`: expected `str`, `int`, `float`, `bool`, `Any`, \
                     `date` or a link to a model doc"
                )),
            },
            TypeExpr::Generic { name, args } => match (name.as_str(), &args[..]) {
                ("List", [item]) => Ok(Type::List(Box::new(self.value_type(item)?))),
                ("Dict", [TypeExpr::Name { name: key, .. }, value]) if key == "str" => {
                    Ok(Type::Map(Box::new(self.value_type(value)?)))
                }
                ("Dict", _) => Err("`Dict` must be `Dict[str, T]`".into()),
                ("Optional" | "OptionalNullable", _) => {
                    Err(format!("`{name}` is only allowed around the whole type"))
                }
                (other, _) => Err(format!(
                    "unknown type `{other}[...]`: expected `Optional`, `OptionalNullable`, \
                     `List` or `Dict`"
                )),
            },
        }
    }
}

/// The default JSON key of a field: lowerCamel of its name, `at_x` → `@x`.
pub fn default_wire(name: &str) -> String {
    match name.strip_prefix("at_") {
        Some(rest) => format!("@{}", rest.to_lower_camel_case()),
        None => name.to_lower_camel_case(),
    }
}

fn description(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty() && text != "N/A").then(|| text.to_string())
}

/// Turns every `int` inside `ty` into `int64`; false if there is none.
fn make_int64(ty: &mut Type) -> bool {
    match ty {
        Type::Int | Type::Int64 => {
            *ty = Type::Int64;
            true
        }
        Type::List(t) | Type::Map(t) => make_int64(t),
        _ => false,
    }
}

/// Pairs each member of each oneof (a wire name) with the field that
/// carries it; one result per oneof, member pairs in declaration order.
///
/// A field whose JSON key equals a member takes it. The other members are
/// matched against the remaining nullable fields by shared words (`appOwners`
/// ~ `app_owner_approval`, `restarted` ~ `restart_action`), across all the
/// model's oneofs at once: each member claims the one field it matches best,
/// a field claimed twice goes to the strictly better match, and claiming
/// repeats until nothing changes.
/// A member of one of a model's oneofs: (oneof index, member index).
type MemberKey = (usize, usize);

fn assign_members(
    oneofs: &[Vec<String>],
    fields: &[Field],
    pinned: &BTreeSet<usize>,
) -> Vec<Result<Vec<(String, usize)>, String>> {
    // member → index of the field that carries it
    let mut pairs: BTreeMap<MemberKey, usize> = BTreeMap::new();
    let mut taken: BTreeSet<usize> = BTreeSet::new();
    for (o, members) in oneofs.iter().enumerate() {
        for (m, member) in members.iter().enumerate() {
            if let Some(i) = fields.iter().position(|f| &f.wire == member) {
                if taken.insert(i) {
                    pairs.insert((o, m), i);
                }
            }
        }
    }
    let best = |scores: &mut dyn Iterator<Item = (usize, usize)>| -> Option<usize> {
        let scores: Vec<(usize, usize)> = scores.collect();
        let max = scores.iter().map(|s| s.1).max().filter(|&m| m > 0)?;
        let mut top = scores.iter().filter(|s| s.1 == max);
        let first = top.next()?.0;
        top.next().is_none().then_some(first)
    };
    loop {
        let open: Vec<MemberKey> = oneofs
            .iter()
            .enumerate()
            .flat_map(|(o, ms)| (0..ms.len()).map(move |m| (o, m)))
            .filter(|k| !pairs.contains_key(k))
            .collect();
        let free: Vec<usize> = (0..fields.len())
            .filter(|i| {
                !taken.contains(i)
                    && !pinned.contains(i)
                    && fields[*i].presence == Presence::Nullable
            })
            .collect();
        let score = |(o, m): MemberKey, i: usize| shared_words(&oneofs[o][m], &fields[i].name);
        // Each open member claims its single best field; a field claimed by
        // several members goes to the one that matches it strictly best.
        let mut claims: BTreeMap<usize, Vec<(usize, MemberKey)>> = BTreeMap::new();
        for &key in &open {
            if let Some(i) = best(&mut free.iter().map(|&i| (i, score(key, i)))) {
                claims.entry(i).or_default().push((score(key, i), key));
            }
        }
        let mut progress = false;
        for (i, claimants) in claims {
            if let Some(k) = best(&mut claimants.iter().enumerate().map(|(k, c)| (k, c.0))) {
                taken.insert(i);
                pairs.insert(claimants[k].1, i);
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    oneofs
        .iter()
        .enumerate()
        .map(|(o, members)| {
            let missing: Vec<String> = (0..members.len())
                .filter(|&m| !pairs.contains_key(&(o, m)))
                .map(|m| format!("`{}`", members[m]))
                .collect();
            if !missing.is_empty() {
                return Err(format!(
                    "cannot tell which field carries oneof member(s) {}; \
                     give that field's `wire` in the overlay",
                    missing.join(", ")
                ));
            }
            Ok((0..members.len())
                .map(|m| (members[m].clone(), pairs[&(o, m)]))
                .collect())
        })
        .collect()
}

/// How many words of a lowerCamel member and a snake_case field agree, a
/// plural or past-tense ending aside.
fn shared_words(member: &str, field: &str) -> usize {
    let member_words: Vec<String> = member
        .to_snake_case()
        .split('_')
        .map(str::to_string)
        .collect();
    let field_words: Vec<&str> = field.split('_').collect();
    member_words
        .iter()
        .filter(|m| field_words.iter().any(|f| same_stem(m, f)))
        .count()
}

fn same_stem(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match long.strip_prefix(short) {
        Some(rest) => matches!(rest, "" | "s" | "es" | "ed" | "d"),
        None => false,
    }
}

/// Marks the fields that must be boxed: a direct (not list or map) reference
/// from one model to another that leads back to the first.
fn box_cycles(models: &mut [Model]) {
    let index: BTreeMap<String, usize> = models
        .iter()
        .enumerate()
        .map(|(i, m)| (m.name.clone(), i))
        .collect();
    let edges: Vec<Vec<usize>> = models
        .iter()
        .map(|m| match &m.kind {
            Kind::Object(o) => o
                .fields
                .iter()
                .filter_map(|f| match &f.ty {
                    Type::Ref(r) => index.get(r).copied(),
                    _ => None,
                })
                .collect(),
            Kind::Enum(_) => Vec::new(),
        })
        .collect();
    let reaches = |from: usize, to: usize| {
        let mut seen = vec![false; edges.len()];
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if !std::mem::replace(&mut seen[n], true) {
                stack.extend(&edges[n]);
            }
        }
        false
    };
    let mut boxed = Vec::new();
    for (i, model) in models.iter().enumerate() {
        if let Kind::Object(o) = &model.kind {
            for (j, field) in o.fields.iter().enumerate() {
                if let Type::Ref(r) = &field.ty {
                    if index.get(r).is_some_and(|&t| reaches(t, i)) {
                        boxed.push((i, j));
                    }
                }
            }
        }
    }
    for (i, j) in boxed {
        if let Kind::Object(o) = &mut models[i].kind {
            o.fields[j].boxed = true;
        }
    }
}

fn is_relative_doc(link: &str) -> bool {
    !link.contains("://") && link.ends_with(".md")
}

/// `link` relative to the directory of `from`, normalised; `None` if it
/// climbs above the root.
fn join_path(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

fn is_model_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric())
}

fn is_field_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names() {
        assert_eq!(default_wire("created_at"), "createdAt");
        assert_eq!(default_wire("at_type"), "@type");
        assert_eq!(default_wire("o_auth2_authorized_as"), "oAuth2AuthorizedAs");
    }

    #[test]
    fn paths() {
        assert_eq!(
            join_path("models/shared/a.md", "../../models/shared/b.md").as_deref(),
            Some("models/shared/b.md")
        );
        assert_eq!(join_path("a.md", "../b.md"), None);
    }

    #[test]
    fn stems() {
        assert!(same_stem("users", "user"));
        assert!(same_stem("restarted", "restart"));
        assert!(!same_stem("app", "approval"));
        assert_eq!(shared_words("appOwners", "app_owner_approval"), 2);
        assert_eq!(shared_words("timedOut", "condition_timed_out"), 2);
    }
}
