//! One model's changes: its name, kind, fields, oneofs, members and enum
//! values compared between two APIs, each weighed for a consumer.

use heck::ToSnakeCase;

use super::What;
use crate::emit::api::{ApiKind, ApiMember, ApiModel, ApiOneof};

/// Reports one change of a model.
pub(super) type Push<'p> = dyn FnMut(&ApiModel, What, String, Kind) + 'p;

/// How a change weighs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// It breaks code that uses the crate, or the JSON it exchanges.
    Breaking,
    /// It breaks nothing.
    Additive,
    /// It breaks code that uses the crate, but the API's JSON is the same:
    /// only the docs' notation changed.
    Notation,
}

/// Compares a model of the old API with the one of the new at its path.
pub(super) fn model(o: &ApiModel, n: &ApiModel, push: &mut Push<'_>) {
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
