//! The change report: two generated crates' public APIs
//! ([`crate::emit::Api`]) compared, each change classified as breaking or
//! not for code that uses the crate, and the semver bump they call for.
//!
//! What the generated API makes non-breaking (its structs and enums are
//! `#[non_exhaustive]`, built with `new` and `with_` setters): a new model,
//! a new optional field, a new oneof or union member, a new enum value, a
//! deprecation. Everything that changes a name, a type, what `new` takes or
//! the JSON a field reads is breaking, the last even where it compiles.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use heck::ToSnakeCase;
use serde::Serialize;

use crate::emit::api::{Api, ApiKind, ApiMember, ApiModel, ApiOneof};

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

type Push<'p> = dyn FnMut(&ApiModel, What, String, Kind) + 'p;

/// How a change weighs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// It breaks code that uses the crate, or the JSON it exchanges.
    Breaking,
    /// It breaks nothing.
    Additive,
    /// It breaks code that uses the crate, but the API's JSON is the same:
    /// only the docs' notation changed.
    Notation,
}

fn model(o: &ApiModel, n: &ApiModel, push: &mut Push<'_>) {
    if o.path != n.path {
        push(
            n,
            What::Renamed,
            format!("renamed in Rust: `{}` → `{}`", o.path, n.path),
            Kind::Breaking,
        );
    }
    // Code that turned on only the features it needs stops compiling when
    // a model it uses leaves them. A crate that gains features keeps every
    // model on by default: nothing to report.
    match (&o.feature, &n.feature) {
        (Some(a), Some(b)) if a != b => push(
            n,
            What::FeatureChanged,
            format!("model `{}` moved from feature `{a}` to `{b}`", n.path),
            Kind::Breaking,
        ),
        (Some(a), None) => push(
            n,
            What::FeatureChanged,
            format!(
                "model `{}` no longer behind feature `{a}` (a consumer that names it fails)",
                n.path
            ),
            Kind::Breaking,
        ),
        _ => {}
    }
    match (o.deprecated, n.deprecated) {
        (false, true) => push(
            n,
            What::Deprecated,
            format!("model `{}` deprecated", n.path),
            Kind::Additive,
        ),
        (true, false) => push(
            n,
            What::Undeprecated,
            format!("model `{}` no longer deprecated", n.path),
            Kind::Additive,
        ),
        _ => {}
    }
    match (&o.kind, &n.kind) {
        (
            ApiKind::Object {
                fields: of,
                oneofs: oo,
                extra: oe,
            },
            ApiKind::Object {
                fields: nf,
                oneofs: no,
                extra: ne,
            },
        ) => {
            fields(n, of, nf, push);
            oneofs(n, oo, no, push);
            match (oe, ne) {
                (None, Some(t)) => push(
                    n,
                    What::Extras,
                    format!("keeps keys it does not list, as `{t}`"),
                    Kind::Additive,
                ),
                (Some(_), None) => push(
                    n,
                    What::Extras,
                    "no longer keeps keys it does not list".into(),
                    Kind::Breaking,
                ),
                (Some(a), Some(b)) if a != b => push(
                    n,
                    What::Extras,
                    format!("keeps unlisted keys as `{b}`, not `{a}`"),
                    Kind::Breaking,
                ),
                _ => {}
            }
        }
        (
            ApiKind::Enum {
                values: ov,
                numeric: on,
            },
            ApiKind::Enum {
                values: nv,
                numeric: nn,
            },
        ) => {
            if on != nn {
                let kind = |numeric: bool| if numeric { "numbers" } else { "strings" };
                push(
                    n,
                    What::ValueChanged,
                    format!("values are {}, not {}", kind(*nn), kind(*on)),
                    Kind::Breaking,
                );
            }
            for v in ov {
                match nv.iter().find(|x| x.value == v.value) {
                    None => push(
                        n,
                        What::ValueRemoved,
                        format!("value `{}` (`{}`) removed", v.value, v.variant),
                        Kind::Breaking,
                    ),
                    Some(x) if x.variant != v.variant => push(
                        n,
                        What::ValueChanged,
                        format!(
                            "value `{}` is variant `{}`, not `{}`",
                            v.value, x.variant, v.variant
                        ),
                        Kind::Breaking,
                    ),
                    Some(_) => {}
                }
            }
            for v in nv {
                if !ov.iter().any(|x| x.value == v.value) {
                    push(
                        n,
                        What::ValueAdded,
                        format!("value `{}` added (`{}`)", v.value, v.variant),
                        Kind::Additive,
                    );
                }
            }
        }
        (
            ApiKind::Union {
                members: om,
                tag: ot,
            },
            ApiKind::Union {
                members: nm,
                tag: nt,
            },
        ) => {
            members(n, "union", om, nm, push);
            if ot != nt {
                let tag = |t: &Option<String>| match t {
                    Some(t) => format!("the `{t}` key"),
                    None => "none".to_string(),
                };
                push(
                    n,
                    What::TagChanged,
                    format!("tag is {}, not {}", tag(nt), tag(ot)),
                    Kind::Breaking,
                );
            }
        }
        (a, b) => {
            let kind = |k: &ApiKind| match k {
                ApiKind::Object { .. } => "a struct",
                ApiKind::Enum { .. } => "an enum",
                ApiKind::Union { .. } => "a union",
            };
            push(
                n,
                What::KindChanged,
                format!("`{}` is {}, not {}", n.path, kind(b), kind(a)),
                Kind::Breaking,
            );
        }
    }
}

fn fields(
    n: &ApiModel,
    old: &[crate::emit::api::ApiField],
    new: &[crate::emit::api::ApiField],
    push: &mut Push<'_>,
) {
    for f in old {
        let Some(g) = new.iter().find(|g| g.name == f.name) else {
            push(
                n,
                What::FieldRemoved,
                format!("field `{}` (`{}`) removed", f.name, f.wire),
                Kind::Breaking,
            );
            continue;
        };
        if f.wire != g.wire {
            // The SDK's own names (an operation's parameters, the security
            // schemes) spelt by another SDK: no JSON of the API changed.
            let kind = if n.sdk && f.wire.to_snake_case() == g.wire.to_snake_case() {
                Kind::Notation
            } else {
                Kind::Breaking
            };
            push(
                n,
                What::FieldKey,
                format!(
                    "field `{}` reads the key `{}`, not `{}`",
                    f.name, g.wire, f.wire
                ),
                kind,
            );
        }
        if f.rust != g.rust {
            let presence_only = unwrap_options(&f.rust) == unwrap_options(&g.rust);
            let what = if presence_only {
                What::FieldPresence
            } else {
                What::FieldType
            };
            // The same JSON, said another way: nullability one docs do not
            // state, an integer's size or a date's kind one does not give.
            let same_json = if presence_only {
                !f.nullable_stated || !g.nullable_stated
            } else {
                compatible(&f.json, &g.json)
                    && (options(&f.rust) == options(&g.rust)
                        || !f.nullable_stated
                        || !g.nullable_stated)
            };
            let kind = if same_json {
                Kind::Notation
            } else {
                Kind::Breaking
            };
            push(
                n,
                what,
                format!("field `{}`: `{}` → `{}`", f.name, f.rust, g.rust),
                kind,
            );
        } else if f.json != g.json {
            let kind = if compatible(&f.json, &g.json) {
                Kind::Notation
            } else {
                Kind::Breaking
            };
            push(
                n,
                What::FieldJson,
                format!(
                    "field `{}` is sent as `{}`, not `{}`",
                    f.name, g.json, f.json
                ),
                kind,
            );
        }
        if f.required != g.required && f.rust == g.rust {
            let what = if g.required {
                "now required by `new`"
            } else {
                "no longer taken by `new`"
            };
            push(
                n,
                What::FieldPresence,
                format!("field `{}` {what}", f.name),
                Kind::Breaking,
            );
        }
        match (f.deprecated, g.deprecated) {
            (false, true) => push(
                n,
                What::Deprecated,
                format!("field `{}` deprecated", f.name),
                Kind::Additive,
            ),
            (true, false) => push(
                n,
                What::Undeprecated,
                format!("field `{}` no longer deprecated", f.name),
                Kind::Additive,
            ),
            _ => {}
        }
    }
    for g in new {
        if !old.iter().any(|f| f.name == g.name) {
            // A required field changes what `new` takes.
            let detail = if g.required {
                format!(
                    "required field `{}` (`{}`: `{}`) added: `new` takes it",
                    g.name, g.wire, g.rust
                )
            } else {
                format!("field `{}` (`{}`: `{}`) added", g.name, g.wire, g.rust)
            };
            let kind = if g.required {
                Kind::Breaking
            } else {
                Kind::Additive
            };
            push(n, What::FieldAdded, detail, kind);
        }
    }
}

/// How many `Option`s wrap a Rust type.
fn options(rust: &str) -> usize {
    let mut t = rust;
    let mut n = 0;
    while let Some(inner) = t.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) {
        t = inner;
        n += 1;
    }
    n
}

/// Whether two JSON forms may be the same JSON said by two docs: one gives
/// what the other leaves open (an integer's size, whether a number is an
/// integer, whether a date has a time).
fn compatible(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    for wrapper in ["list<", "map<"] {
        if let (Some(x), Some(y)) = (a.strip_prefix(wrapper), b.strip_prefix(wrapper)) {
            return compatible(x.trim_end_matches('>'), y.trim_end_matches('>'));
        }
    }
    // `bigint` (Python's `int`) and `number` (TypeScript's) leave open
    // what an overlay may say: the size, and the form on the wire.
    let integer = |t: &str| matches!(t, "bigint" | "int" | "int64-string");
    let open = |t: &str| matches!(t, "number" | "bigint");
    let temporal = |t: &str| matches!(t, "date" | "datetime" | "date|datetime");
    (open(a) && (integer(b) || b == "float" || b == "number"))
        || (open(b) && (integer(a) || a == "float" || a == "number"))
        || (temporal(a) && temporal(b) && (a == "date|datetime" || b == "date|datetime"))
}

/// A Rust type with any `Option` around it removed.
fn unwrap_options(rust: &str) -> &str {
    let mut t = rust;
    while let Some(inner) = t.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) {
        t = inner;
    }
    t
}

fn oneofs(n: &ApiModel, old: &[ApiOneof], new: &[ApiOneof], push: &mut Push<'_>) {
    for o in old {
        let Some(p) = new.iter().find(|p| p.field == o.field) else {
            push(
                n,
                What::OneofRemoved,
                format!("oneof `{}` removed", o.field),
                Kind::Breaking,
            );
            continue;
        };
        if o.ty != p.ty {
            push(
                n,
                What::MemberChanged,
                format!("oneof `{}` is `{}`, not `{}`", o.field, p.ty, o.ty),
                Kind::Breaking,
            );
        }
        members(
            n,
            &format!("oneof `{}`", o.field),
            &o.members,
            &p.members,
            push,
        );
    }
    for p in new {
        if !old.iter().any(|o| o.field == p.field) {
            push(
                n,
                What::OneofAdded,
                format!("oneof `{}` (`{}`) added", p.field, p.ty),
                Kind::Additive,
            );
        }
    }
}

fn members(n: &ApiModel, owner: &str, old: &[ApiMember], new: &[ApiMember], push: &mut Push<'_>) {
    let same = |a: &ApiMember, b: &ApiMember| match (&a.wire, &b.wire) {
        (Some(x), Some(y)) => x == y,
        _ => a.variant == b.variant,
    };
    for m in old {
        let Some(k) = new.iter().find(|k| same(m, k)) else {
            push(
                n,
                What::MemberRemoved,
                format!("{owner}: member `{}` removed", m.variant),
                Kind::Breaking,
            );
            continue;
        };
        if k.variant != m.variant || k.rust != m.rust || k.json != m.json {
            push(
                n,
                What::MemberChanged,
                format!(
                    "{owner}: member `{}({})` is now `{}({})`",
                    m.variant, m.rust, k.variant, k.rust
                ),
                Kind::Breaking,
            );
        }
    }
    for k in new {
        if !old.iter().any(|m| same(m, k)) {
            push(
                n,
                What::MemberAdded,
                format!("{owner}: member `{}({})` added", k.variant, k.rust),
                Kind::Additive,
            );
        }
    }
}
