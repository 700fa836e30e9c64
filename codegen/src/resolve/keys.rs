//! JSON keys: how the docs' field names become keys (one rule per dialect,
//! and the style the docs' own evidence shows), which field carries each
//! oneof member, and the guess for fields named after their type.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToLowerCamelCase, ToSnakeCase};
use serde::Serialize;

use crate::ir::{Field, Type};
use crate::overlay::{unescaped, KeyStyle, Overlay};
use crate::parse::{Body, Doc};

/// The key style in force and what decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyEvidence {
    /// The style.
    pub style: KeyStyle,
    /// Multi-word keys the docs show in lowerCamel (oneof lists, "The
    /// `userIds` field." descriptions).
    pub camel: usize,
    /// Multi-word keys the docs show as named.
    pub as_named: usize,
    /// Whether the overlay stated the style.
    pub stated: bool,
}

impl KeyEvidence {
    /// A line for the run's summary.
    pub fn describe(&self) -> String {
        let style = match self.style {
            KeyStyle::LowerCamel => "lowerCamel",
            KeyStyle::AsNamed => "as named",
        };
        if self.stated {
            format!("{style} (the overlay says so)")
        } else {
            format!(
                "{style} (the docs show {} lowerCamel keys and {} as named)",
                self.camel, self.as_named
            )
        }
    }
}

/// The style the docs show: where they print a multi-word key (a oneof
/// member list, a "The x field." description), is it the field's name in
/// lowerCamel or as named? With no evidence either way, lowerCamel: the
/// Python SDKs name fields in snake_case whatever the key, and most JSON
/// APIs the docs family covers key in lowerCamel (an overlay derived from
/// an OpenAPI document states the style of the API at hand).
pub(crate) fn key_style(docs: &[Doc], overlay: &Overlay) -> KeyEvidence {
    let (mut camel, mut as_named) = (0, 0);
    for doc in docs {
        let Body::Fields(rows) = &doc.body else {
            continue;
        };
        let multi: Vec<&str> = rows
            .iter()
            .map(|r| unescaped(&r.name))
            .filter(|n| n.contains('_') && !n.starts_with('_'))
            .collect();
        let mut shown: Vec<&str> = doc
            .oneofs
            .iter()
            .flat_map(|o| o.members.iter().map(String::as_str))
            .collect();
        for row in rows {
            if let Some(key) = row
                .description
                .strip_prefix("The ")
                .and_then(|d| d.strip_suffix(" field."))
            {
                shown.push(key.trim_matches('`'));
            }
        }
        for key in shown {
            if multi.iter().any(|n| n.to_lower_camel_case() == key) {
                camel += 1;
            } else if multi.contains(&key) {
                as_named += 1;
            }
        }
    }
    match overlay.key_style {
        Some(style) => KeyEvidence {
            style,
            camel,
            as_named,
            stated: true,
        },
        None => KeyEvidence {
            style: if as_named > camel {
                KeyStyle::AsNamed
            } else {
                KeyStyle::LowerCamel
            },
            camel,
            as_named,
            stated: false,
        },
    }
}

/// The JSON key a field name stands for under the docs' naming rules:
/// the Python escape dropped (`from_`), the SDKs' renames undone (`dot_x`
/// is `.x`; `at_type`, TypeScript's `atType`, is protobuf's `@type`), then
/// the style. Other `at_` names are words (`at_effective_date` is
/// `atEffectiveDate`).
pub fn rule_key(name: &str, style: KeyStyle) -> String {
    let name = unescaped(name);
    if name == "atType" || name == "at_type" {
        return "@type".into();
    }
    if let Some(rest) = name.strip_prefix("dot_") {
        return format!(".{}", styled(rest, style));
    }
    styled(name, style)
}

fn styled(name: &str, style: KeyStyle) -> String {
    match style {
        KeyStyle::LowerCamel if name.contains('_') => name.to_lower_camel_case(),
        KeyStyle::LowerCamel | KeyStyle::AsNamed => name.to_string(),
    }
}

/// A field's name from its JSON key: snake_case, with `@`, `.` and `$`
/// spelt out so that `@type` and `type` stay apart.
pub fn field_name(wire: &str) -> String {
    let mut prefix = String::new();
    let mut rest = wire;
    while let Some(c) = rest.chars().next() {
        let word = match c {
            '@' => "at_",
            '.' => "dot_",
            '$' => "dollar_",
            _ => break,
        };
        prefix.push_str(word);
        rest = &rest[1..];
    }
    let snake = rest.to_snake_case();
    let name = format!("{prefix}{snake}");
    if name.is_empty() || name.trim_matches('_').is_empty() {
        "field".into()
    } else {
        name
    }
}

/// A member of one of a model's oneofs: (oneof index, member index).
type MemberKey = (usize, usize);

/// Pairs each member of each oneof (a JSON key) with the field that
/// carries it; one result per oneof, member pairs in declaration order.
///
/// A field whose JSON key equals a member takes it. The other members are
/// matched against the remaining optional fields by shared words
/// (`appOwners` ~ `app_owner_approval`, `restarted` ~ `restart_action`),
/// across all the model's oneofs at once: each member claims the one field
/// it matches best, a field claimed twice goes to the strictly better
/// match, and claiming repeats until nothing changes. Fields whose key the
/// overlay states (`pinned`) take part only by that key.
pub(crate) fn assign_members(
    oneofs: &[Vec<String>],
    fields: &[Field],
    pinned: &BTreeSet<usize>,
    sorted: Option<&dyn Fn(usize) -> bool>,
) -> Vec<Result<Vec<(String, usize)>, String>> {
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
            .filter(|i| !taken.contains(i) && !pinned.contains(i) && fields[*i].presence.optional())
            .collect();
        let score = |(o, m): MemberKey, i: usize| shared_words(&oneofs[o][m], &fields[i].doc_name);
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
    if let Some(named_after_type) = sorted {
        by_order(oneofs, fields, pinned, named_after_type, &mut pairs);
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

/// The members left unmatched, given to fields named after their type so
/// that every key the doc settles stays in the byte order its rows are in
/// (TypeScript docs list fields sorted by key): of the assignments that
/// keep the order, the one where most members are part of their field's
/// name, if it is the only one.
fn by_order(
    oneofs: &[Vec<String>],
    fields: &[Field],
    pinned: &BTreeSet<usize>,
    named_after_type: &dyn Fn(usize) -> bool,
    pairs: &mut BTreeMap<MemberKey, usize>,
) {
    let open: Vec<MemberKey> = oneofs
        .iter()
        .enumerate()
        .flat_map(|(o, ms)| (0..ms.len()).map(move |m| (o, m)))
        .filter(|k| !pairs.contains_key(k))
        .collect();
    if open.is_empty() || open.len() > 6 {
        return;
    }
    let taken: BTreeSet<usize> = pairs.values().copied().collect();
    let candidates: Vec<usize> = (0..fields.len())
        .filter(|i| {
            !taken.contains(i)
                && !pinned.contains(i)
                && fields[*i].presence.optional()
                && named_after_type(*i)
        })
        .collect();
    if candidates.len() < open.len() || candidates.len() > 16 {
        return;
    }
    // The keys the doc settles without the candidates: the others' own.
    let mut keys: Vec<Option<String>> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| (!candidates.contains(&i) || taken.contains(&i)).then(|| f.wire.clone()))
        .collect();
    for (&(o, m), &i) in pairs.iter() {
        keys[i] = Some(oneofs[o][m].clone());
    }
    let mut best: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut choice = Vec::new();
    search(
        &open,
        &candidates,
        oneofs,
        fields,
        &mut keys,
        &mut choice,
        &mut best,
    );
    let top = best.iter().map(|(score, _)| *score).max();
    let winners: Vec<&Vec<usize>> = best
        .iter()
        .filter(|(score, _)| Some(*score) == top)
        .map(|(_, c)| c)
        .collect();
    if let [winner] = winners.as_slice() {
        for (key, &i) in open.iter().zip(winner.iter()) {
            pairs.insert(*key, i);
        }
    }
}

/// Every assignment of `open` members to distinct candidates that keeps the
/// settled keys sorted, with its score.
fn search(
    open: &[MemberKey],
    candidates: &[usize],
    oneofs: &[Vec<String>],
    fields: &[Field],
    keys: &mut Vec<Option<String>>,
    choice: &mut Vec<usize>,
    out: &mut Vec<(usize, Vec<usize>)>,
) {
    let Some(&(o, m)) = open.get(choice.len()) else {
        let settled: Vec<&String> = keys.iter().flatten().collect();
        if settled.windows(2).all(|w| w[0] < w[1]) {
            let score = open
                .iter()
                .zip(choice.iter())
                .filter(|((o, m), i)| {
                    fields[**i]
                        .doc_name
                        .to_lowercase()
                        .contains(&oneofs[*o][*m].to_lowercase())
                })
                .count();
            out.push((score, choice.clone()));
        }
        return;
    };
    for &i in candidates {
        if choice.contains(&i) {
            continue;
        }
        keys[i] = Some(oneofs[o][m].clone());
        choice.push(i);
        search(open, candidates, oneofs, fields, keys, choice, out);
        choice.pop();
        keys[i] = None;
    }
}

/// How many words of a member (a JSON key) and a field name agree, a
/// plural or past-tense ending aside.
fn shared_words(member: &str, field: &str) -> usize {
    let member_words: Vec<String> = member
        .to_snake_case()
        .split('_')
        .map(str::to_string)
        .collect();
    let field = field.to_snake_case();
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

/// The likely JSON key of a field named after the model it holds, or
/// `None` when the field is not named after its type.
///
/// Such a field usually holds a message nested in this one: the type's
/// name is this model's name followed by the nested name (`AppUser` →
/// `AppUserStatus`), and the key is the nested name (`status`). Otherwise
/// (an enum, or a type named apart from this model) the key is kept.
pub(crate) fn inferred_key(
    model: &str,
    field: &Field,
    target: &str,
    target_is_object: bool,
    style: KeyStyle,
) -> Option<String> {
    let Type::Ref(_) = &field.ty else {
        return None;
    };
    let name = unescaped(&field.doc_name).to_snake_case();
    let target_snake = target.to_snake_case();
    let named_after =
        target_snake == name || target_snake.strip_suffix("_input") == Some(name.as_str());
    if !named_after {
        return None;
    }
    let model = model.to_snake_case();
    let model = model.strip_suffix("_input").unwrap_or(&model);
    let rest = name.strip_prefix(model).and_then(|r| r.strip_prefix('_'));
    match rest {
        Some(rest) if target_is_object && !rest.is_empty() => Some(styled(rest, style)),
        _ => Some(field.wire.clone()),
    }
}

/// The keys a field named after its type may have in place of its name,
/// most likely first: the type's name less the leading words it shares
/// with the model's (`AccessReviewScopeV2` in `AccessReviewSetScopeRequest`
/// gives `scopeV2`, as a nested message's key is in Python docs), then
/// less ever more leading words (`AccessReviewColumnConfig` gives
/// `reviewColumnConfig`, `columnConfig`, `config`). An `Input` ending is
/// dropped.
pub(crate) fn shortened_keys(target: &str, model: &str, style: KeyStyle) -> Vec<String> {
    let snake = target.to_snake_case();
    let snake = snake.strip_suffix("_input").unwrap_or(&snake);
    let words: Vec<&str> = snake.split('_').collect();
    let model = model.to_snake_case();
    let shared = words
        .iter()
        .zip(model.split('_'))
        .take_while(|(a, b)| *a == b)
        .count();
    let mut out: Vec<String> = Vec::new();
    let starts = std::iter::once(shared).chain(1..words.len());
    for from in starts.filter(|&f| 0 < f && f < words.len()) {
        let key = styled(&words[from..].join("_"), style);
        if !out.contains(&key) {
            out.push(key);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_keys() {
        let camel = KeyStyle::LowerCamel;
        assert_eq!(rule_key("created_at", camel), "createdAt");
        assert_eq!(rule_key("created_at", KeyStyle::AsNamed), "created_at");
        assert_eq!(rule_key("at_type", camel), "@type");
        assert_eq!(rule_key("atType", camel), "@type");
        assert_eq!(rule_key("atLeastOne", camel), "atLeastOne");
        assert_eq!(rule_key("at_effective_date", camel), "atEffectiveDate");
        assert_eq!(rule_key("dot_metadata", KeyStyle::AsNamed), ".metadata");
        assert_eq!(rule_key("from_", camel), "from");
        assert_eq!(
            rule_key("o_auth2_authorized_as", camel),
            "oAuth2AuthorizedAs"
        );
        assert_eq!(rule_key("userIds", camel), "userIds");
    }

    #[test]
    fn field_names_from_keys() {
        assert_eq!(field_name("createdAt"), "created_at");
        assert_eq!(field_name("@type"), "at_type");
        assert_eq!(field_name(".metadata"), "dot_metadata");
        assert_eq!(field_name("connectorID"), "connector_id");
        assert_eq!(field_name("x-api-key"), "x_api_key");
        assert_eq!(field_name("ContentType"), "content_type");
        assert_eq!(field_name("oAuth2AuthorizedAs"), "o_auth2_authorized_as");
        assert_eq!(field_name("@"), "at_");
        assert_eq!(field_name("--"), "field");
    }

    #[test]
    fn shortened() {
        let camel = KeyStyle::LowerCamel;
        assert_eq!(
            shortened_keys("AccessReviewColumnConfig", "AccessReview", camel),
            ["columnConfig", "reviewColumnConfig", "config"]
        );
        assert_eq!(
            shortened_keys("AccessReviewColumnConfig", "Campaign", camel),
            ["reviewColumnConfig", "columnConfig", "config"]
        );
        assert_eq!(
            shortened_keys("AccessReviewScopeV2", "AccessReviewSetScopeRequest", camel),
            ["scopeV2", "reviewScopeV2", "v2"]
        );
        assert_eq!(shortened_keys("HookFilterInput", "Hook", camel), ["filter"]);
        assert_eq!(shortened_keys("Hook", "Hook", camel), Vec::<String>::new());
        assert_eq!(
            shortened_keys("SSFReceiverStreamStats", "Other", KeyStyle::AsNamed),
            ["receiver_stream_stats", "stream_stats", "stats"]
        );
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
