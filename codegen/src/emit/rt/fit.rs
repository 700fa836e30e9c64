/// How well a JSON value fits a union member, the way pydantic's "smart"
/// unions judge it: a value that fits without conversion beats one that
/// needs it, then more documented keys set, then an exact type match.
/// Compared as a tuple: the best wins, the first member on ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fit {
    strict: bool,
    fields: usize,
    exact: bool,
}

const EXACT: Fit = Fit {
    strict: true,
    fields: 0,
    exact: true,
};

const STRICT: Fit = Fit {
    strict: true,
    fields: 0,
    exact: false,
};

const LAX: Fit = Fit {
    strict: false,
    fields: 0,
    exact: false,
};

/// An object's fit: the more keys the value sets, its own and its nested
/// models', the better.
pub(crate) fn fields(n: usize) -> Fit {
    Fit { fields: n, ..EXACT }
}

/// How many of `keys` an object sets (to something other than null, which
/// a round trip may drop).
pub(crate) fn keys_set(map: &serde_json::Map<String, serde_json::Value>, keys: &[&str]) -> usize {
    keys.iter().filter(|k| set(map, k).is_some()).count()
}

/// The value under `key`, unless absent or null.
pub(crate) fn set<'v>(
    map: &'v serde_json::Map<String, serde_json::Value>,
    key: &str,
) -> Option<&'v serde_json::Value> {
    map.get(key).filter(|v| !v.is_null())
}

/// How many levels of nested models an object's fit counts the keys of.
/// Deep enough to tell members apart by what their nested models hold,
/// bounded so that ranking a recursive union's members (a member holding
/// the union again) looks at most `FIT_DEPTH` levels into the value at each
/// node it reads, not down to the value's own depth.
pub(crate) const FIT_DEPTH: u8 = 3;

/// The keys a nested model's value sets, as its holder counts them.
pub(crate) fn nested(fit: Option<Fit>) -> usize {
    fit.map_or(0, |f| f.fields)
}

/// The keys the items of a list (or the values of a map) set.
pub(crate) fn items(
    value: &serde_json::Value,
    count: impl Fn(&serde_json::Value) -> usize,
) -> usize {
    match value {
        serde_json::Value::Array(items) => items.iter().map(&count).sum(),
        serde_json::Value::Object(map) => map.values().map(&count).sum(),
        _ => 0,
    }
}

pub(crate) fn string(value: &serde_json::Value) -> Option<Fit> {
    value.is_string().then_some(EXACT)
}

pub(crate) fn temporal(value: &serde_json::Value) -> Option<Fit> {
    value.is_string().then_some(STRICT)
}

pub(crate) fn boolean(value: &serde_json::Value) -> Option<Fit> {
    value.is_boolean().then_some(EXACT)
}

pub(crate) fn integer(value: &serde_json::Value) -> Option<Fit> {
    match value {
        serde_json::Value::Number(n) if !n.is_f64() => Some(EXACT),
        serde_json::Value::String(s) if is_integer(s) => Some(LAX),
        _ => None,
    }
}

pub(crate) fn float(value: &serde_json::Value) -> Option<Fit> {
    match value {
        serde_json::Value::Number(n) if n.is_f64() => Some(EXACT),
        serde_json::Value::Number(_) => Some(STRICT),
        _ => None,
    }
}

pub(crate) fn number(value: &serde_json::Value) -> Option<Fit> {
    match value {
        serde_json::Value::Number(_) => Some(EXACT),
        serde_json::Value::String(s) if s.parse::<serde_json::Number>().is_ok() => Some(LAX),
        _ => None,
    }
}

pub(crate) fn any(_: &serde_json::Value) -> Option<Fit> {
    Some(LAX)
}

pub(crate) fn list(value: &serde_json::Value) -> Option<Fit> {
    value.is_array().then_some(EXACT)
}

pub(crate) fn map(value: &serde_json::Value) -> Option<Fit> {
    value.is_object().then_some(EXACT)
}

pub(crate) fn constant(value: &serde_json::Value, json: &str) -> Option<Fit> {
    let expected: serde_json::Value = serde_json::from_str(json).ok()?;
    (*value == expected).then_some(EXACT)
}

/// A string of an (open) enum: a documented value fits without
/// conversion, any other string only loosely.
pub(crate) fn enumeration(value: &serde_json::Value, known: fn(&str) -> bool) -> Option<Fit> {
    match value {
        serde_json::Value::String(s) if known(s) => Some(STRICT),
        serde_json::Value::String(_) => Some(LAX),
        _ => None,
    }
}

/// A number of an (open) numeric enum.
pub(crate) fn numeric_enumeration(
    value: &serde_json::Value,
    known: fn(&str) -> bool,
) -> Option<Fit> {
    match value {
        serde_json::Value::Number(n) if known(&n.to_string()) => Some(STRICT),
        serde_json::Value::Number(_) => Some(LAX),
        _ => None,
    }
}

/// One member of an untagged union: its name, how well the value fits it,
/// and how to read it.
pub(crate) type Candidate<T> = (
    &'static str,
    Option<Fit>,
    fn(&serde_json::Value) -> Result<T, String>,
);

/// Reads a value of a member, the error naming the path inside it.
pub(crate) fn read<'v, T: serde::Deserialize<'v>>(
    value: &'v serde_json::Value,
) -> Result<T, String> {
    serde_path_to_error::deserialize(value).map_err(|e| e.to_string())
}

/// The member that fits best and reads the value, or an error naming every
/// member tried and why it did not fit.
pub(crate) fn pick<T>(
    union: &str,
    value: &serde_json::Value,
    candidates: &[Candidate<T>],
) -> Result<T, String> {
    let Some(picking) = Picking::enter(value) else {
        return Err(format!("no member of `{union}` fits{GAVE_UP}"));
    };
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| candidates[b].1.cmp(&candidates[a].1));
    let mut why = Vec::new();
    for i in order {
        let (name, fit, read) = &candidates[i];
        if fit.is_none() {
            why.push(format!("`{name}`: not that kind of value"));
            continue;
        }
        match read(value) {
            Ok(value) => return Ok(value),
            Err(e) => why.push(format!("`{name}`: {e}")),
        }
    }
    let gave_up = if picking.refused() { GAVE_UP } else { "" };
    let mut error = format!("no member of `{union}` fits{gave_up}: {}", why.join("; "));
    if error.len() > MAX_ERROR {
        let mut end = MAX_ERROR;
        while !error.is_char_boundary(end) {
            end -= 1;
        }
        error.truncate(end);
        error.push_str(" …(cut)");
    }
    Err(error)
}

const GAVE_UP: &str = " (gave up: too many union reads for one value)";

/// The longest error a union read gives, in bytes (its members' errors
/// hold those of the unions nested in them).
const MAX_ERROR: usize = 16 * 1024;

/// Union reads one outermost union read allows, itself and those nested in
/// its members: 256, and 16 more per node of its value. A member that fails
/// is followed by the next, and a member that holds the union again reads
/// its nested unions before it fails: without a bound, a value nested in a
/// union that holds itself takes time (and error text) exponential in its
/// depth. A value read without so many union reads is not affected; one
/// that needs more is refused, though some member might have read it.
const READS_PER_NODE: usize = 16;
const READS_AT_LEAST: usize = 256;

std::thread_local! {
    /// Union reads under way on this thread; the reads the outermost one
    /// has left; whether one was refused.
    static PICKING: std::cell::Cell<(usize, usize, bool)> =
        const { std::cell::Cell::new((0, 0, false)) };
}

/// One union read under way (left when dropped).
struct Picking;

impl Picking {
    /// Starts a union read, unless the outermost one has none left.
    fn enter(value: &serde_json::Value) -> Option<Self> {
        PICKING.with(|p| {
            let (depth, left, refused) = p.get();
            let (left, refused) = if depth == 0 {
                let allowed = READS_PER_NODE.saturating_mul(nodes(value));
                (READS_AT_LEAST.saturating_add(allowed), false)
            } else {
                (left, refused)
            };
            if left == 0 {
                p.set((depth, 0, true));
                return None;
            }
            p.set((depth + 1, left - 1, refused));
            Some(Picking)
        })
    }

    /// Whether a union read was refused since the outermost began.
    fn refused(&self) -> bool {
        PICKING.with(|p| p.get().2)
    }
}

impl Drop for Picking {
    fn drop(&mut self) {
        PICKING.with(|p| {
            let (depth, left, refused) = p.get();
            p.set((depth.saturating_sub(1), left, refused));
        });
    }
}

/// The nodes of a JSON value (itself, its items and values, at any depth).
fn nodes(value: &serde_json::Value) -> usize {
    let mut count = 0;
    let mut todo = vec![value];
    while let Some(v) = todo.pop() {
        count += 1;
        match v {
            serde_json::Value::Array(items) => todo.extend(items),
            serde_json::Value::Object(map) => todo.extend(map.values()),
            _ => {}
        }
    }
    count
}

/// The best fit of any member, for a union nested in another.
pub(crate) fn best(fits: &[Option<Fit>]) -> Option<Fit> {
    fits.iter().flatten().max().copied()
}

/// A tagged union's tag: the string under `property`.
pub(crate) fn tag<'v>(value: &'v serde_json::Value, property: &str) -> Result<&'v str, String> {
    match value.get(property) {
        Some(serde_json::Value::String(s)) => Ok(s),
        Some(other) => Err(format!("tag `{property}` must be a string, found {other}")),
        None if value.is_object() => Err(format!("missing tag `{property}`")),
        None => Err(format!(
            "expected an object with a tag `{property}`, found {value}"
        )),
    }
}
