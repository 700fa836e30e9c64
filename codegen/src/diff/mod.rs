//! The change report: two generated crates' public APIs
//! ([`crate::emit::api::Api`]) compared, each change classified as breaking or
//! not for code that uses the crate, and the semver bump they call for.
//!
//! What the generated API makes non-breaking (its structs and enums are
//! `#[non_exhaustive]`, built with `new` and `with_` setters): a new model,
//! a new optional field, a new oneof or union member, a new enum value, a
//! deprecation. Everything that changes a name, a type, what `new` takes or
//! the JSON a field reads is breaking, the last even where it compiles.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::emit::api::{Api, ApiModel};
use models::{model, Kind};

mod models;

/// A kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum What {
    /// A model appeared.
    ModelAdded,
    /// A model went away (or its doc's title changed).
    ModelRemoved,
    /// A model became another kind of model (object, enum, union).
    KindChanged,
    /// A model's Rust name changed (a collision's suffix).
    Renamed,
    /// A model moved to another cargo feature (or into or out of one).
    FeatureChanged,
    /// A struct gained a field.
    FieldAdded,
    /// A struct lost a field.
    FieldRemoved,
    /// A field holds another type.
    FieldType,
    /// A field became required, optional or nullable.
    FieldPresence,
    /// A field reads and writes another JSON key.
    FieldKey,
    /// A field's JSON form changed but not its Rust type (an int64 sent as
    /// a string or as a number).
    FieldJson,
    /// A struct started or stopped keeping keys it does not list.
    Extras,
    /// A oneof appeared.
    OneofAdded,
    /// A oneof went away.
    OneofRemoved,
    /// A oneof or union gained a member.
    MemberAdded,
    /// A oneof or union lost a member.
    MemberRemoved,
    /// A member holds another type, or was renamed.
    MemberChanged,
    /// A union's tag changed.
    TagChanged,
    /// An enum gained a value.
    ValueAdded,
    /// An enum lost a value.
    ValueRemoved,
    /// An enum's values changed kind, or a value's variant was renamed.
    ValueChanged,
    /// Something was deprecated.
    Deprecated,
    /// A deprecation was lifted.
    Undeprecated,
}

impl What {
    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            What::ModelAdded => "model added",
            What::ModelRemoved => "model removed",
            What::KindChanged => "model kind changed",
            What::Renamed => "model renamed in Rust",
            What::FeatureChanged => "model moved to another feature",
            What::FieldAdded => "field added",
            What::FieldRemoved => "field removed",
            What::FieldType => "field type changed",
            What::FieldPresence => "field presence changed",
            What::FieldKey => "field JSON key changed",
            What::FieldJson => "field JSON form changed",
            What::Extras => "extra keys kept or dropped",
            What::OneofAdded => "oneof added",
            What::OneofRemoved => "oneof removed",
            What::MemberAdded => "oneof or union member added",
            What::MemberRemoved => "oneof or union member removed",
            What::MemberChanged => "oneof or union member changed",
            What::TagChanged => "union tag changed",
            What::ValueAdded => "enum value added",
            What::ValueRemoved => "enum value removed",
            What::ValueChanged => "enum value changed",
            What::Deprecated => "deprecated",
            What::Undeprecated => "no longer deprecated",
        }
    }
}

/// One change to the crate's public API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The model's key.
    pub model: String,
    /// Its Rust path.
    pub path: String,
    /// Its doc.
    pub file: String,
    /// What changed.
    pub what: What,
    /// In words.
    pub detail: String,
    /// Whether code that uses the crate may stop compiling, or read or
    /// write other JSON.
    pub breaking: bool,
    /// Whether only the docs' notation changed, not the JSON of the API:
    /// the two docs say the same thing differently (an integer's size one
    /// states and the other does not, a date the other calls a date-time,
    /// nullability one does not state), and the Rust type follows.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub notation: bool,
}

/// The semver bump a report calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// Nothing public changed.
    None,
    /// Only additions (a minor release; for a 0.x crate, a patch).
    Minor,
    /// Something breaks (a major release; for a 0.x crate, a minor).
    Major,
}

/// The report: every change, and the bump.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// What the old API was (a spec directory, a file).
    pub old: String,
    /// What the new API is.
    pub new: String,
    /// The bump the changes call for.
    pub bump: Bump,
    /// Every change, breaking first, then by model.
    pub changes: Vec<Change>,
}

impl Report {
    /// Changes by kind: (breaking, non-breaking).
    pub fn counts(&self) -> BTreeMap<What, (usize, usize)> {
        let mut out: BTreeMap<What, (usize, usize)> = BTreeMap::new();
        for c in &self.changes {
            let n = out.entry(c.what).or_default();
            if c.breaking {
                n.0 += 1;
            } else {
                n.1 += 1;
            }
        }
        out
    }

    /// The number of breaking and of non-breaking changes.
    pub fn totals(&self) -> (usize, usize) {
        let breaking = self.changes.iter().filter(|c| c.breaking).count();
        (breaking, self.changes.len() - breaking)
    }

    /// The report as markdown, for a pull request's description.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let (breaking, additive) = self.totals();
        let bump = match self.bump {
            Bump::None => "no release: the public API did not change".to_string(),
            Bump::Minor => "a **minor** release (for a 0.x crate, a patch)".to_string(),
            Bump::Major => "a **major** release (for a 0.x crate, a minor)".to_string(),
        };
        let _ = writeln!(out, "# Changes to the generated crate\n");
        let _ = writeln!(
            out,
            "From `{}` to `{}`: {breaking} breaking and {additive} non-breaking changes; \
             this calls for {bump}.\n",
            self.old, self.new
        );
        if self.changes.is_empty() {
            return out;
        }
        let _ = writeln!(out, "| change | breaking | non-breaking |");
        let _ = writeln!(out, "| --- | ---: | ---: |");
        for (what, (b, n)) in self.counts() {
            let _ = writeln!(out, "| {} | {b} | {n} |", what.label());
        }
        let notation = self.changes.iter().filter(|c| c.notation).count();
        if notation > 0 {
            let _ = writeln!(
                out,
                "\nOf the breaking changes, {notation} change the Rust API only: the two docs say \
                 the same JSON differently (they are listed apart)."
            );
        }
        let sections: [Section; 3] = [
            ("Breaking changes", |c| c.breaking && !c.notation),
            (
                "Breaking changes of the Rust API only (the docs' notation)",
                |c| c.notation,
            ),
            ("Non-breaking changes", |c| !c.breaking),
        ];
        for (title, wanted) in sections {
            let changes: Vec<&Change> = self.changes.iter().filter(|c| wanted(c)).collect();
            if changes.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n## {title}\n");
            let mut last = "";
            for c in changes {
                if c.model != last {
                    let _ = writeln!(out, "\n### `{}` ({})\n", c.path, c.file);
                    last = &c.model;
                }
                let _ = writeln!(out, "- {}", c.detail);
            }
        }
        out
    }
}

/// A section of the markdown report: its title, and the changes it lists.
type Section = (&'static str, fn(&Change) -> bool);

/// Compares two APIs.
pub fn diff(old: &Api, new: &Api, old_name: &str, new_name: &str) -> Report {
    let mut changes = Vec::new();
    // Models are the same model when their Rust path is: docs that name a
    // model differently in a way Rust does not show (`C1APIApp` and
    // `C1ApiApp`) describe the same API.
    let old_by: BTreeMap<&str, &ApiModel> =
        old.models.iter().map(|m| (m.path.as_str(), m)).collect();
    let new_by: BTreeMap<&str, &ApiModel> =
        new.models.iter().map(|m| (m.path.as_str(), m)).collect();
    for (key, o) in &old_by {
        let mut push = |model: &ApiModel, what: What, detail: String, kind: Kind| {
            changes.push(Change {
                model: model.key.clone(),
                path: model.path.clone(),
                file: model.file.clone(),
                what,
                detail,
                breaking: kind != Kind::Additive,
                notation: kind == Kind::Notation,
            })
        };
        match new_by.get(key) {
            None => {
                let renamed = new
                    .models
                    .iter()
                    .find(|m| m.file == o.file && !old_by.contains_key(m.path.as_str()));
                let detail = match renamed {
                    Some(n) => format!(
                        "model `{}` removed: its doc now defines `{}`",
                        o.path, n.path
                    ),
                    None => format!("model `{}` removed", o.path),
                };
                push(o, What::ModelRemoved, detail, Kind::Breaking);
            }
            Some(n) => model(o, n, &mut push),
        }
    }
    for (key, n) in &new_by {
        if !old_by.contains_key(key) {
            let renamed = old
                .models
                .iter()
                .find(|m| m.file == n.file && !new_by.contains_key(m.path.as_str()));
            let detail = match renamed {
                Some(o) => format!(
                    "model `{}` added, in the doc that defined `{}`",
                    n.path, o.path
                ),
                None => format!("model `{}` added", n.path),
            };
            changes.push(Change {
                model: n.key.clone(),
                path: n.path.clone(),
                file: n.file.clone(),
                what: What::ModelAdded,
                detail,
                breaking: false,
                notation: false,
            });
        }
    }
    changes.sort_by(|a, b| {
        (!a.breaking, &a.model, a.what, &a.detail).cmp(&(!b.breaking, &b.model, b.what, &b.detail))
    });
    let bump = if changes.iter().any(|c| c.breaking) {
        Bump::Major
    } else if changes.is_empty() {
        Bump::None
    } else {
        Bump::Minor
    };
    Report {
        old: old_name.to_string(),
        new: new_name.to_string(),
        bump,
        changes,
    }
}
