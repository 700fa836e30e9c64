//! A named pass (prost-build's `message_graph`): which references must be
//! held behind a pointer so that no type contains itself.

use std::collections::BTreeMap;

use crate::ir::{Kind, Model, Type};

/// Marks the fields and union members that must be boxed: a direct (not
/// list or map) reference from one model to another that leads back to the
/// first.
pub(crate) fn box_cycles(models: &mut [Model]) {
    let index: BTreeMap<String, usize> = models
        .iter()
        .enumerate()
        .map(|(i, m)| (m.key.clone(), i))
        .collect();
    let direct = |ty: &Type| match ty {
        Type::Ref(r) => index.get(r).copied(),
        _ => None,
    };
    let edges: Vec<Vec<usize>> = models
        .iter()
        .map(|m| match &m.kind {
            Kind::Object(o) => o.fields.iter().filter_map(|f| direct(&f.ty)).collect(),
            Kind::Union(u) => u.members.iter().filter_map(|m| direct(&m.ty)).collect(),
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
    let closes = |ty: &Type, i: usize| direct(ty).is_some_and(|t| reaches(t, i));
    let mut boxed = Vec::new();
    for (i, model) in models.iter().enumerate() {
        match &model.kind {
            Kind::Object(o) => {
                for (j, f) in o.fields.iter().enumerate() {
                    if closes(&f.ty, i) {
                        boxed.push((i, j));
                    }
                }
            }
            Kind::Union(u) => {
                for (j, m) in u.members.iter().enumerate() {
                    if closes(&m.ty, i) {
                        boxed.push((i, j));
                    }
                }
            }
            Kind::Enum(_) => {}
        }
    }
    for (i, j) in boxed {
        match &mut models[i].kind {
            Kind::Object(o) => o.fields[j].boxed = true,
            Kind::Union(u) => u.members[j].boxed = true,
            Kind::Enum(_) => {}
        }
    }
}
