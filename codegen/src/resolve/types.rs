//! The docs' types → IR types: scalars, links and names followed to their
//! models, presence, and inline unions lifted into models of their own.

use heck::ToUpperCamelCase;

use super::{Entry, Index};
use crate::error::Diagnostic;
use crate::ir::{Int, Literal, Presence, Source, Type};
use crate::layout::Section;
use crate::parse::{DocType, Scalar};

/// A union or a set of literals written inline in a type, made a model of
/// its own.
pub(crate) struct Lifted {
    pub key: String,
    pub name: String,
    pub module: Option<String>,
    pub source: Source,
    pub what: LiftedKind,
}

pub(crate) enum LiftedKind {
    /// `Union[A, B]`: its members.
    Union(Vec<Type>),
    /// `Literal["a", "b"]`: its values.
    Enum(Vec<String>),
}

/// What resolving a type needs: the doc it is in, every other doc, and
/// where to put warnings and lifted unions.
pub(crate) struct TypeCtx<'a, 'b> {
    pub entry: &'a Entry<'a>,
    pub index: &'a Index<'a>,
    pub warnings: &'b mut Vec<Diagnostic>,
    pub lifted: &'b mut Vec<Lifted>,
    /// The name lifted unions are named after (the model's title, then the
    /// field's).
    pub owner: String,
}

/// Where a type is written, for messages.
pub(crate) struct At<'s> {
    pub line: usize,
    pub text: &'s str,
}

impl TypeCtx<'_, '_> {
    fn warn(&mut self, at: &At<'_>, message: String) {
        self.warnings.push(Diagnostic::new(
            &self.entry.doc.path,
            at.line,
            message,
            at.text,
        ));
    }

    /// A field's presence and type, from its type and Required column.
    pub(crate) fn presence_and_type(
        &mut self,
        ty: &DocType,
        required: bool,
        at: &At<'_>,
    ) -> Result<(Presence, Type), String> {
        let (presence, inner) = match ty {
            DocType::Optional(_) if required => return Err("`Optional` on a required field".into()),
            DocType::OptionalNullable(_) if required => {
                return Err("`OptionalNullable` on a required field".into())
            }
            DocType::Optional(inner) => (Presence::Optional, &**inner),
            DocType::OptionalNullable(inner) => (Presence::Nullable, &**inner),
            DocType::Nullable(inner) if required => (Presence::RequiredNullable, &**inner),
            DocType::Nullable(inner) => (Presence::Nullable, &**inner),
            other if required => (Presence::Required, other),
            other => (Presence::Optional, other),
        };
        Ok((presence, self.value_type(inner, at)?))
    }

    /// A type below any presence wrapper.
    pub(crate) fn value_type(&mut self, ty: &DocType, at: &At<'_>) -> Result<Type, String> {
        Ok(match ty {
            DocType::Scalar(s) => scalar(*s),
            DocType::List(item) => Type::List(Box::new(self.value_type(item, at)?)),
            DocType::Map(value) => Type::Map(Box::new(self.value_type(value, at)?)),
            DocType::Literal(l) => Type::Const(l.clone()),
            DocType::Union(members) => self.lift(members, at)?,
            DocType::Optional(_) | DocType::OptionalNullable(_) | DocType::Nullable(_) => {
                return Err(
                    "`Optional`, `OptionalNullable` and `Nullable` go around the whole type".into(),
                )
            }
            DocType::Model {
                name,
                qualifier,
                link,
            } => self.model_ref(name, qualifier.as_deref(), link.as_deref(), at)?,
            DocType::Sdk(name) => Type::Opaque(name.clone()),
        })
    }

    /// The model a link or a name leads to; a doc that is not in the spec
    /// is a warning, and the value is kept as JSON.
    fn model_ref(
        &mut self,
        name: &str,
        qualifier: Option<&str>,
        link: Option<&str>,
        at: &At<'_>,
    ) -> Result<Type, String> {
        let input = self.index.input;
        let written = match qualifier {
            Some(q) => format!("{q}.{name}"),
            None => name.to_string(),
        };
        let Some(link) = link else {
            return Ok(match self.by_name(name, qualifier) {
                Some(key) => Type::Ref(key),
                None => {
                    self.warn(
                        at,
                        format!(
                            "`{written}` names no model of the spec: its value is kept as JSON \
                             (`serde_json::Value`)"
                        ),
                    );
                    Type::Any
                }
            });
        };
        let file = link.split(['#', '?']).next().unwrap_or_default();
        if !file.ends_with(".md") {
            return Err(format!(
                "`{written}` links to `{link}`, which is not a model doc (a `.md` file)"
            ));
        }
        let Some(target) = input.root.follow(&self.entry.doc.path, link) else {
            self.warn(
                at,
                format!(
                    "`{written}` links to `{link}`, outside the spec directory: its value is \
                     kept as JSON (`serde_json::Value`)"
                ),
            );
            return Ok(Type::Any);
        };
        if let Some(&i) = self.index.by_path.get(target.as_str()) {
            return Ok(Type::Ref(self.index.entries[i].key.clone()));
        }
        if input.broken.contains(&target) {
            // Its own errors are reported; this link is not one.
            return Ok(Type::Any);
        }
        let why = if input.skipped.contains(&target) {
            "which is not an API model"
        } else {
            "which is not in the spec"
        };
        self.warn(
            at,
            format!(
                "`{written}` links to `{target}`, {why}: its value is kept as JSON \
                 (`serde_json::Value`)"
            ),
        );
        Ok(Type::Any)
    }

    /// The key of the model a name (`models.X`, `shared.X`, `X`) names:
    /// in the section its qualifier names, else this doc's section, else the
    /// API's schemas.
    fn by_name(&self, name: &str, qualifier: Option<&str>) -> Option<String> {
        let candidates: Vec<&Entry<'_>> = self
            .index
            .entries
            .iter()
            .filter(|e| e.doc.title == name)
            .collect();
        let in_section = |section: &Section| candidates.iter().find(|e| &e.section == section);
        let found = match qualifier {
            Some(q) => in_section(&Section::of_qualifier(q)),
            None => in_section(&self.entry.section).or_else(|| in_section(&Section::Schemas)),
        };
        found.map(|e| e.key.clone())
    }

    /// An inline union made a model named after its owner: an enum when
    /// its members are all strings, else a union.
    fn lift(&mut self, members: &[DocType], at: &At<'_>) -> Result<Type, String> {
        let strings: Option<Vec<String>> = members
            .iter()
            .map(|m| match m {
                DocType::Literal(Literal::String(s)) => Some(s.clone()),
                _ => None,
            })
            .collect();
        let what = match strings {
            Some(values) => LiftedKind::Enum(values),
            None => {
                let mut types = Vec::new();
                for m in members {
                    types.push(self.value_type(m, at)?);
                }
                LiftedKind::Union(types)
            }
        };
        let base = self.owner.to_upper_camel_case();
        let module = self.entry.module.clone();
        let key_of = |name: &str| match &module {
            Some(m) => format!("{m}.{name}"),
            None => name.to_string(),
        };
        let taken = |name: &str, lifted: &[Lifted]| {
            let key = key_of(name);
            self.index.by_key.contains_key(&key) || lifted.iter().any(|l| l.key == key)
        };
        let name = std::iter::once(base.clone())
            .chain(std::iter::once(format!("{base}Union")))
            .chain((2..).map(|n| format!("{base}Union{n}")))
            .find(|n| !taken(n, self.lifted))
            .expect("an unbounded sequence has a free name");
        let key = key_of(&name);
        self.lifted.push(Lifted {
            key: key.clone(),
            name,
            module,
            source: Source {
                file: self.entry.doc.path.clone(),
                line: at.line,
            },
            what,
        });
        Ok(Type::Ref(key))
    }
}

/// The IR type of a scalar of the docs.
fn scalar(s: Scalar) -> Type {
    match s {
        Scalar::String => Type::String,
        Scalar::Integer => Type::Int(Int::Big),
        Scalar::Float => Type::Float,
        Scalar::Number => Type::Number,
        Scalar::Decimal => Type::Decimal,
        Scalar::Bool => Type::Bool,
        Scalar::Any => Type::Any,
        Scalar::Temporal => Type::Temporal,
        Scalar::DateTime => Type::DateTime,
        Scalar::Date => Type::Date,
        Scalar::Bytes => Type::Bytes,
    }
}
