//! The schemas of an OpenAPI document, looked through references,
//! nullable wrappers and `allOf` parts.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// The schemas of a document, and how to look through references.
pub(super) struct Schemas<'a> {
    pub(super) all: &'a serde_json::Map<String, Value>,
}

impl<'a> Schemas<'a> {
    /// The schema a `$ref` (or an `allOf` of one reference) stands for.
    pub(super) fn resolve(&self, mut v: &'a Value) -> &'a Value {
        for _ in 0..16 {
            if let Some(target) = ref_key(v).and_then(|k| self.all.get(k)) {
                v = target;
                continue;
            }
            match v.get("allOf").and_then(Value::as_array).map(Vec::as_slice) {
                Some([one]) => v = one,
                _ => break,
            }
        }
        v
    }

    /// The schema below a nullable wrapper (`anyOf: [X, {type: null}]`).
    pub(super) fn non_null(&self, v: &'a Value) -> &'a Value {
        let v = self.resolve(v);
        let alternatives = self.alternatives(v);
        match alternatives.as_slice() {
            [one] if v.get("properties").is_none() => self.resolve(one),
            _ => v,
        }
    }

    /// The alternatives of a `oneOf`/`anyOf`, null aside.
    pub(super) fn alternatives(&self, v: &'a Value) -> Vec<&'a Value> {
        ["oneOf", "anyOf"]
            .iter()
            .filter_map(|k| v.get(*k).and_then(Value::as_array))
            .flatten()
            .filter(|a| !is_null_type(self.resolve(a)))
            .collect()
    }

    /// Whether a schema admits null.
    pub(super) fn nullable(&self, v: &'a Value) -> bool {
        let v = self.resolve(v);
        v.get("nullable") == Some(&Value::Bool(true))
            || matches!(v.get("type"), Some(Value::Array(ts)) if ts.iter().any(|t| t == "null"))
            || ["oneOf", "anyOf"].iter().any(|k| {
                v.get(*k)
                    .and_then(Value::as_array)
                    .is_some_and(|alts| alts.iter().any(|a| is_null_type(self.resolve(a))))
            })
    }

    /// The properties of a schema, `allOf` parts merged in.
    pub(super) fn properties(&self, schema: &'a Value) -> BTreeMap<&'a str, &'a Value> {
        let mut out = BTreeMap::new();
        let mut seen = BTreeSet::new();
        let mut todo = vec![schema];
        while let Some(schema) = todo.pop() {
            if let Some(key) = ref_key(schema) {
                if seen.insert(key) {
                    todo.extend(self.all.get(key));
                }
                continue;
            }
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (name, prop) in props {
                    out.entry(name.as_str()).or_insert(prop);
                }
            }
            for part in schema
                .get("allOf")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                todo.push(part);
            }
        }
        out
    }

    /// The schema of the items or values of an array or map.
    pub(super) fn inner(&self, v: &'a Value) -> Option<&'a Value> {
        let v = self.non_null(v);
        v.get("items")
            .or_else(|| v.get("additionalProperties").filter(|a| a.is_object()))
    }
}

pub(super) fn is_null_type(v: &Value) -> bool {
    v.get("type") == Some(&Value::String("null".into()))
}

pub(super) fn last_segment(key: &str) -> &str {
    key.rsplit('.').next().unwrap_or(key)
}

/// The schema key a `$ref` points at.
pub(super) fn ref_key(value: &Value) -> Option<&str> {
    value
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
}
