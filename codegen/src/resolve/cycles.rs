//! A named pass (prost-build's `message_graph`): which references must be
//! held behind a pointer so that no type contains itself.

use std::collections::{BTreeMap, VecDeque};

use crate::error::Diagnostic;
use crate::ir::{Kind, Model, Type};

/// Unions that hold themselves through unions alone (`U` has a member `V`,
/// a union with a member `U`): reading a value could go round the loop for
/// ever (each member's fit asks the other's). An error on each.
pub(crate) fn union_loops(models: &[Model]) -> Vec<Diagnostic> {
    let unions: BTreeMap<&str, Vec<&str>> = models
        .iter()
        .filter_map(|m| match &m.kind {
            Kind::Union(u) => Some((
                m.key.as_str(),
                u.members.iter().filter_map(|m| m.ty.model()).collect(),
            )),
            Kind::Object(_) | Kind::Enum(_) => None,
        })
        .collect();
    let mut errors = Vec::new();
    for model in models {
        if !unions.contains_key(model.key.as_str()) {
            continue;
        }
        // Breadth first through unions from this one, each queued once,
        // with the union it was reached from, until a member is this one.
        let mut way: BTreeMap<&str, &str> = BTreeMap::new();
        let mut todo = VecDeque::from([model.key.as_str()]);
        'search: while let Some(at) = todo.pop_front() {
            for &next in &unions[at] {
                if next == model.key {
                    let mut path = vec![next];
                    let mut back = at;
                    while back != model.key {
                        path.push(back);
                        back = way[back];
                    }
                    path.push(back);
                    path.reverse();
                    errors.push(Diagnostic::new(
                        &model.source.file,
                        model.source.line,
                        format!(
                            "union `{}` holds itself through unions alone ({}): reading a value \
                             could go round that loop for ever; let an object, a list or a map \
                             stand in it",
                            model.key,
                            path.iter()
                                .map(|p| format!("`{p}`"))
                                .collect::<Vec<_>>()
                                .join(" → ")
                        ),
                        format!("# {}", model.name),
                    ));
                    break 'search;
                }
                if unions.contains_key(next) && !way.contains_key(next) {
                    way.insert(next, at);
                    todo.push_back(next);
                }
            }
        }
    }
    errors
}

/// Marks the fields and union members that must be boxed: a direct (not
/// list or map) reference from one model to another that leads back to the
/// first.
pub(crate) fn box_cycles(models: &mut [Model]) {
    let index: BTreeMap<String, usize> = models
        .iter()
        .enumerate()
        .map(|(i, m)| (m.key.clone(), i))
        .collect();
    let direct = |ty: &Type| ty.model().and_then(|r| index.get(r).copied());
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
