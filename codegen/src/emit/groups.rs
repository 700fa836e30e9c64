//! Cargo features for big crates: the models cut into groups, one feature
//! each, so that a consumer that needs a few models compiles those and what
//! they refer to, not the whole crate.
//!
//! A crate of more than [`SPLIT_ABOVE`] models is cut; a smaller one has no
//! features. The cut:
//! - a model that one other model alone refers to (by any number of
//!   fields), and no union, goes with that holder (its nested types); the
//!   rest (models nothing or several models use, union members) each start
//!   a group;
//! - those groups are packed, in order of their first model's key (so
//!   related names sit together), into features of about the same size,
//!   at most [`MAX_FEATURES`] (crates.io allows 300); a group that reaches
//!   more models than a feature holds (a list of every source, say) has a
//!   feature of its own, so that it drags no neighbour's models along;
//! - a feature is named after its first model, and enables the features of
//!   the models its own refer to;
//! - `full`, the default, enables every feature.
//!
//! A crate regenerated over one that recorded its features (`api.json`)
//! keeps every model in the feature it had, and a new model joins the
//! feature of the group before it in key order (or starts one; once the
//! recorded features are as many as allowed, it joins the nearest one that
//! is no hub's), so that new docs never take a model out of the feature a
//! consumer enabled.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToKebabCase;

use super::names::Names;
use crate::ir::{Ir, Kind, Model};

/// A crate with more models than this is cut into features.
pub const SPLIT_ABOVE: usize = 500;
/// At most this many features (crates.io's limit is 300).
pub const MAX_FEATURES: usize = 250;
/// The models a feature holds, on average, when cut afresh.
const MODELS_PER_FEATURE: usize = 12;

/// Feature names cargo gives a meaning of their own.
const RESERVED: &[&str] = &["default", "full"];

/// The crate's features: empty for a crate that is not cut.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups {
    /// The feature of each model, by model key.
    pub feature_of: BTreeMap<String, String>,
    /// Each feature: the features it enables.
    pub needs: BTreeMap<String, BTreeSet<String>>,
}

impl Groups {
    /// The feature that compiles a model, if the crate is cut.
    pub fn feature(&self, key: &str) -> Option<&str> {
        self.feature_of.get(key).map(String::as_str)
    }

    /// The models of each feature, by feature.
    pub fn members(&self) -> BTreeMap<&str, Vec<&str>> {
        let mut out: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (model, feature) in &self.feature_of {
            out.entry(feature).or_default().push(model);
        }
        out
    }
}

/// Cuts the models of `ir` into features, keeping the features `previous`
/// (model's Rust path → feature) recorded.
pub fn plan(ir: &Ir, previous: &BTreeMap<String, String>) -> Groups {
    plan_named(ir, &Names::new(ir), previous)
}

/// [`plan`], with the crate's names already settled.
pub(super) fn plan_named(ir: &Ir, names: &Names, previous: &BTreeMap<String, String>) -> Groups {
    if ir.models.len() <= SPLIT_ABOVE && previous.is_empty() {
        return Groups::default();
    }
    let previous: BTreeMap<String, String> = ir
        .models
        .iter()
        .filter_map(|m| {
            let feature = previous.get(&super::api::rust_path(names, m))?;
            Some((m.key.clone(), feature.clone()))
        })
        .collect();
    let previous = &previous;
    let refs: BTreeMap<&str, BTreeSet<&str>> = ir
        .models
        .iter()
        .map(|m| (m.key.as_str(), refs_of(ir, m)))
        .collect();
    let units = units(ir, &refs);
    let total = ir.models.len();
    let target = MAX_FEATURES.min(total.div_ceil(MODELS_PER_FEATURE)).max(1);
    // Pack with a cap per feature; widen it until the count fits. At the
    // widest, new models start no feature (the recorded ones may be all
    // crates.io allows); only what `api.json` records can then be over.
    let hub_at = total.div_ceil(target);
    let mut cap = hub_at;
    let reach: Vec<usize> = units.iter().map(|(head, _)| reach(head, &refs)).collect();
    let feature_of = loop {
        let (feature_of, count) = pack(&units, &reach, previous, cap, hub_at);
        if count <= MAX_FEATURES || cap >= total {
            break feature_of;
        }
        cap = (cap + cap.div_ceil(4)).min(total);
    };
    let mut needs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (model, targets) in &refs {
        let own = &feature_of[*model];
        let entry = needs.entry(own.clone()).or_default();
        for target in targets {
            let theirs = &feature_of[*target];
            if theirs != own {
                entry.insert(theirs.clone());
            }
        }
    }
    Groups { feature_of, needs }
}

/// The `[features]` table of a cut crate: `full` (the default) enables
/// every feature; each feature enables those its models refer to, and says
/// which models it holds.
pub(super) fn features_toml(groups: &Groups) -> String {
    let members = groups.members();
    if members.is_empty() {
        return String::new();
    }
    let quoted = |names: &mut dyn Iterator<Item = &str>| -> String {
        names
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = String::from("\n[features]\ndefault = [\"full\"]\n");
    out.push_str(&format!(
        "full = [{}]\n",
        quoted(&mut members.keys().copied())
    ));
    for (feature, models) in &members {
        // The models it holds, in comment lines of about 100 characters.
        let mut line = String::from("#");
        for model in models {
            if line.len() + model.len() > 100 {
                out.push_str(&line);
                out.push('\n');
                line = String::from("#");
            }
            line.push(' ');
            line.push_str(model);
        }
        out.push_str(&line);
        out.push('\n');
        let needs = groups.needs.get(*feature);
        out.push_str(&format!(
            "{feature} = [{}]\n",
            quoted(&mut needs.into_iter().flatten().map(String::as_str))
        ));
    }
    out
}

/// The models a model's fields, oneofs and members refer to.
fn refs_of<'a>(ir: &'a Ir, model: &'a Model) -> BTreeSet<&'a str> {
    crate::ir::types_of(model)
        .into_iter()
        .flat_map(|ty| ty.refs())
        .filter(|k| *k != model.key && ir.model(k).is_some())
        .collect()
}

/// The units a feature holds whole, in key order: each model that nothing,
/// several models or a union refers to (the unit's head), with the models
/// only it holds.
type Unit<'a> = (&'a str, Vec<&'a str>);

fn units<'a>(ir: &'a Ir, refs: &BTreeMap<&'a str, BTreeSet<&'a str>>) -> Vec<Unit<'a>> {
    let mut holders: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut in_union: BTreeSet<&str> = BTreeSet::new();
    for model in &ir.models {
        for target in &refs[model.key.as_str()] {
            holders.entry(target).or_default().insert(&model.key);
            if matches!(model.kind, Kind::Union(_)) {
                in_union.insert(target);
            }
        }
    }
    let holder = |key: &str| -> Option<&str> {
        match holders.get(key).map(|h| h.iter().collect::<Vec<_>>()) {
            Some(h) if h.len() == 1 && !in_union.contains(key) => Some(h[0]),
            _ => None,
        }
    };
    let mut units: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for model in &ir.models {
        // Up the chain of sole holders, to a model that starts a unit (a
        // cycle of sole holders starts at its least key, wherever the chain
        // entered it).
        let mut path = vec![model.key.as_str()];
        let mut at = model.key.as_str();
        while let Some(h) = holder(at) {
            if let Some(start) = path.iter().position(|p| *p == h) {
                at = path[start..].iter().min().copied().unwrap_or(h);
                break;
            }
            path.push(h);
            at = h;
        }
        units.entry(at).or_default().push(&model.key);
    }
    units.into_iter().collect()
}

/// How many models a model reaches through its fields and members.
fn reach(head: &str, refs: &BTreeMap<&str, BTreeSet<&str>>) -> usize {
    let mut seen = BTreeSet::from([head]);
    let mut todo = vec![head];
    while let Some(at) = todo.pop() {
        for next in &refs[at] {
            if seen.insert(next) {
                todo.push(next);
            }
        }
    }
    seen.len()
}

/// Packs units into features of at most about `cap` models, in order; a
/// unit that reaches more than `cap` models has a feature of its own; a
/// model `previous` places keeps its feature, and its unit follows it.
/// At the widest cap (every model), a unit nothing places starts no
/// feature: it joins that of the nearest unit before it that reaches no
/// more than `hub_at` models (the first such placed unit's, if none comes
/// before), since a hub's feature turns on much of the crate. Returns
/// model → feature and the number of features.
fn pack(
    units: &[Unit<'_>],
    reach: &[usize],
    previous: &BTreeMap<String, String>,
    cap: usize,
    hub_at: usize,
) -> (BTreeMap<String, String>, usize) {
    let no_new = cap >= units.iter().map(|(_, unit)| unit.len()).sum();
    let mut feature_of: BTreeMap<String, String> = BTreeMap::new();
    let mut sizes: BTreeMap<String, usize> = BTreeMap::new();
    let mut taken: BTreeSet<String> = previous.values().cloned().collect();
    taken.extend(RESERVED.iter().map(|r| r.to_string()));
    let recorded_of = |unit: &[&str]| unit.iter().find_map(|m| previous.get(*m)).cloned();
    let placed = |small: bool| {
        units
            .iter()
            .zip(reach)
            .filter(|(_, &r)| !small || r <= hub_at)
            .find_map(|((_, unit), _)| recorded_of(unit))
    };
    let mut last: Option<String> = placed(true).or_else(|| placed(false));
    let mut current: Option<String> = None;
    for ((head, unit), &reach) in units.iter().zip(reach) {
        // At the widest cap nothing is over it: hubs are judged by `hub_at`.
        let hub = reach > if no_new { hub_at } else { cap };
        let feature = match (recorded_of(unit), &current, &last) {
            (Some(f), _, _) => f,
            (None, Some(c), _) if !hub && (sizes[c] + unit.len() <= cap || sizes[c] == 0) => {
                c.clone()
            }
            (None, _, Some(l)) if no_new => l.clone(),
            (None, _, _) => fresh_name(head, &mut taken),
        };
        for model in unit {
            let f = previous.get(*model).unwrap_or(&feature).clone();
            *sizes.entry(f.clone()).or_default() += 1;
            feature_of.insert(model.to_string(), f);
        }
        sizes.entry(feature.clone()).or_default();
        if reach <= hub_at {
            last = Some(feature.clone());
        }
        current = (!hub).then_some(feature);
    }
    (feature_of, sizes.len())
}

/// A feature name from a model key, unused so far.
fn fresh_name(key: &str, taken: &mut BTreeSet<String>) -> String {
    let base = key.replace('.', "-").to_kebab_case();
    let base = if base.is_empty() {
        "models".into()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}
