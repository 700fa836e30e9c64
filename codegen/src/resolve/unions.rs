//! Unions: their members, the models lifted from inline unions, and their
//! tags (a property every member fixes to a value of its own).

use std::collections::BTreeMap;

use super::types::{At, Lifted, LiftedKind, TypeCtx};
use crate::error::Diagnostic;
use crate::ir::{
    Enum, EnumValue, Int, Kind, Literal, Model, Presence, TagSource, Tagging, Type, Union,
    UnionMember,
};
use crate::overlay::Overlay;
use crate::parse::MemberRow;

/// A union doc's members.
pub(crate) fn members(ctx: &mut TypeCtx<'_, '_>, rows: &[MemberRow]) -> Result<Union, Diagnostic> {
    let mut members = Vec::new();
    for row in rows {
        let at = At {
            line: row.line,
            text: &row.ty_text,
        };
        let ty = ctx.value_type(&row.ty, &at).map_err(|e| {
            Diagnostic::new(
                &ctx.entry.doc.path,
                row.line,
                format!("union member `{}`: {e}", row.ty_text),
                &row.ty_text,
            )
        })?;
        members.push(UnionMember {
            name: member_name(&ty),
            ty,
            boxed: false,
        });
    }
    Ok(Union {
        members,
        tag: Tagging::Untagged,
    })
}

/// A name for a member, from its type: the model's title, or the type's
/// own name (`String`, `BasicList`).
pub(crate) fn member_name(ty: &Type) -> String {
    match ty {
        Type::Ref(key) => key.rsplit('.').next().unwrap_or(key).to_string(),
        Type::String => "String".into(),
        Type::Int(Int::Big | Int::I64 | Int::I64String) => "Integer".into(),
        Type::Float => "Float".into(),
        Type::Number => "Number".into(),
        Type::Decimal => "Decimal".into(),
        Type::Bool => "Boolean".into(),
        Type::Any => "Any".into(),
        Type::DateTime => "DateTime".into(),
        Type::Date => "Date".into(),
        Type::Temporal => "Temporal".into(),
        Type::Bytes => "Bytes".into(),
        Type::List(t) => format!("{}List", member_name(t)),
        Type::Map(t) => format!("{}Map", member_name(t)),
        Type::Const(Literal::String(s)) => heck::ToUpperCamelCase::to_upper_camel_case(s.as_str()),
        Type::Const(Literal::Number(n)) => format!("N{}", n.replace(['.', '-', '+'], "_")),
        Type::Const(Literal::Bool(b)) => if *b { "True" } else { "False" }.into(),
        Type::Const(Literal::Null) => "Null".into(),
        Type::Opaque(name) => heck::ToUpperCamelCase::to_upper_camel_case(name.as_str()),
    }
}

/// The models lifted from inline unions.
pub(crate) fn lifted_models(lifted: Vec<Lifted>) -> Vec<Model> {
    lifted
        .into_iter()
        .map(|l| {
            let kind = match l.what {
                LiftedKind::Union(types) => Kind::Union(Union {
                    members: types
                        .into_iter()
                        .map(|ty| UnionMember {
                            name: member_name(&ty),
                            ty,
                            boxed: false,
                        })
                        .collect(),
                    tag: Tagging::Untagged,
                }),
                LiftedKind::Enum(values) => Kind::Enum(Enum {
                    values: values
                        .into_iter()
                        .map(|value| EnumValue {
                            sdk_name: None,
                            value,
                        })
                        .collect(),
                    numeric: false,
                    documented_open: Some(false),
                }),
            };
            Model {
                key: l.key,
                name: l.name,
                module: l.module,
                source: l.source,
                doc: Vec::new(),
                deprecated: None,
                kind,
            }
        })
        .collect()
}

/// Finds each union's tag: from the overlay, else from the docs (every
/// member an object with a required field, under one key, that holds one
/// value of its own).
pub(crate) fn tag(models: &mut [Model], overlay: &Overlay) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut tags: Vec<(usize, Tagging)> = Vec::new();
    for (i, model) in models.iter().enumerate() {
        let Kind::Union(union) = &model.kind else {
            continue;
        };
        let stated = overlay.model(&model.key).and_then(|m| {
            m.discriminator
                .as_ref()
                .map(|d| (d.clone(), m.mapping.clone()))
        });
        let found = match stated {
            Some((property, mapping)) => {
                match stated_tag(models, union, &property, mapping.as_ref()) {
                    Ok(t) => Some(t),
                    Err(e) => {
                        errors.push(Diagnostic::new(
                            overlay.origin(&model.key, None).display().to_string(),
                            0,
                            format!("overlay, union `{}`: {e}", model.key),
                            "",
                        ));
                        None
                    }
                }
            }
            None => docs_tag(models, union),
        };
        if let Some(t) = found {
            tags.push((i, t));
        }
    }
    for (i, t) in tags {
        if let Kind::Union(u) = &mut models[i].kind {
            u.tag = t;
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn find<'m>(models: &'m [Model], key: &str) -> Option<&'m Model> {
    models
        .binary_search_by(|m| m.key.as_str().cmp(key))
        .ok()
        .map(|i| &models[i])
}

/// The one value a member's field under `property` holds, and whether the
/// docs require it.
fn fixed_value(models: &[Model], member: &Type, property: &str) -> Option<(String, bool)> {
    let Kind::Object(object) = &find(models, member.model()?)?.kind else {
        return None;
    };
    let field = object.fields.iter().find(|f| f.wire == property)?;
    let required =
        field.required_stated && matches!(field.presence, Presence::Required | Presence::Optional);
    let value = field.ty.pinned_string(|key| find(models, key))?;
    Some((value, required))
}

fn docs_tag(models: &[Model], union: &Union) -> Option<Tagging> {
    if union.members.len() < 2 {
        return None;
    }
    let Type::Ref(first) = &union.members[0].ty else {
        return None;
    };
    let Kind::Object(first) = &find(models, first)?.kind else {
        return None;
    };
    'candidates: for field in &first.fields {
        let mut mapping = Vec::new();
        for (i, member) in union.members.iter().enumerate() {
            match fixed_value(models, &member.ty, &field.wire) {
                Some((value, true)) if !mapping.iter().any(|(v, _)| v == &value) => {
                    mapping.push((value, i))
                }
                _ => continue 'candidates,
            }
        }
        return Some(Tagging::Internal {
            property: field.wire.clone(),
            mapping,
            source: TagSource::Docs,
        });
    }
    None
}

fn stated_tag(
    models: &[Model],
    union: &Union,
    property: &str,
    mapping: Option<&BTreeMap<String, String>>,
) -> Result<Tagging, String> {
    let mut out = Vec::new();
    match mapping {
        Some(mapping) => {
            for (tag, member) in mapping {
                let index = union
                    .members
                    .iter()
                    .position(|m| matches!(&m.ty, Type::Ref(k) if k == member))
                    .ok_or_else(|| format!("tag `{tag}` maps to `{member}`, not a member"))?;
                out.push((tag.clone(), index));
            }
        }
        None => {
            for (i, member) in union.members.iter().enumerate() {
                let (value, _) = fixed_value(models, &member.ty, property).ok_or_else(|| {
                    format!(
                        "member `{}` fixes no value of `{property}`; give the `mapping`",
                        member.name
                    )
                })?;
                out.push((value, i));
            }
        }
    }
    Ok(Tagging::Internal {
        property: property.to_string(),
        mapping: out,
        source: TagSource::Overlay,
    })
}
