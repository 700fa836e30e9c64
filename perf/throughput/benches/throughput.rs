//! Deserialize and serialize ~1 MB JSON arrays of one model, three ways on
//! the same bytes: the generated types (oneof checks, open enums, lenient
//! ints and timestamps all on), `serde_json::Value`, and the naive derive
//! crate of `../shared/tools/perf` (the yardstick).
//!
//! The arrays repeat the fixtures' `full` cases of the model, keeping those
//! that both model crates read. The naive crate reads an int64 only as a
//! number, where the API sends a decimal string: a case it rejects is tried
//! again with such strings written as numbers (which the generated types read
//! too). The counts kept and converted are printed.
//!
//! The naive crate has no overlay, so it does not know every key and skips
//! those values: on `Task` it keeps about a third of the data. The
//! `*_naive_part` benches run the same cases cut down to what the naive
//! crate reads (what it writes back), where both crates do the same work.
//!
//! Run with `cargo bench -p e2e --bench throughput`, which generates both
//! model crates first and sets `THROUGHPUT_FIXTURES`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use serde::de::DeserializeOwned;

/// The size each array grows to.
const TARGET_BYTES: usize = 1 << 20;

fn main() {
    for (name, data) in arrays() {
        eprintln!(
            "throughput: {name}: {} bytes, {} objects from {} of {} `full` fixtures \
             ({} with int64 strings written as numbers)",
            data.bytes.len(),
            data.objects,
            data.cases_kept,
            data.cases_total,
            data.cases_converted
        );
    }
    divan::main();
}

struct Array {
    bytes: Vec<u8>,
    objects: usize,
    cases_kept: usize,
    cases_converted: usize,
    cases_total: usize,
}

/// `value` with every string that is a decimal integer written as a number.
fn ints_as_numbers(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => match s.parse::<i64>() {
            Ok(n) if n.to_string() == *s => Value::from(n),
            _ => value.clone(),
        },
        Value::Array(items) => items.iter().map(ints_as_numbers).collect(),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), ints_as_numbers(v)))
                .collect(),
        ),
        _ => value.clone(),
    }
}

/// Whether both model crates read `json` as one `model`: then what the naive
/// crate writes back (the part of `json` it knows), else the first error.
fn both_read(model: &str, json: &str) -> Result<String, String> {
    fn reads<G: DeserializeOwned, N: DeserializeOwned + serde::Serialize>(
        json: &str,
    ) -> Result<String, String> {
        let generated = serde_json::from_str::<G>(json).map_err(|e| format!("generated: {e}"));
        let naive = serde_json::from_str::<N>(json).map_err(|e| format!("naive: {e}"));
        generated?;
        Ok(serde_json::to_string(&naive?).unwrap())
    }
    match model {
        "User" => reads::<corpus_models::User, c1models::shared::User>(json),
        "Task" => reads::<corpus_models::Task, c1models::shared::Task>(json),
        "Policy" => reads::<corpus_models::Policy, c1models::shared::Policy>(json),
        _ => unreachable!("no bench for {model}"),
    }
}

/// A JSON array of `cases` repeated until it holds [`TARGET_BYTES`]; and
/// how many objects it holds.
fn array_of(cases: &[String]) -> (Vec<u8>, usize) {
    let mut bytes = b"[".to_vec();
    let mut objects = 0;
    for json in cases.iter().cycle() {
        if bytes.len() >= TARGET_BYTES {
            break;
        }
        if objects > 0 {
            bytes.push(b',');
        }
        bytes.extend_from_slice(json.as_bytes());
        objects += 1;
    }
    bytes.push(b']');
    (bytes, objects)
}

/// The arrays by name: each model's, and the same cut down to the part the
/// naive crate reads (`"<Model>, naive's part"`).
fn arrays() -> &'static BTreeMap<String, Array> {
    static ARRAYS: OnceLock<BTreeMap<String, Array>> = OnceLock::new();
    ARRAYS.get_or_init(|| {
        let path = std::env::var("THROUGHPUT_FIXTURES").expect(
            "THROUGHPUT_FIXTURES names fixtures.jsonl: run `cargo bench -p e2e --bench throughput`",
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut out = BTreeMap::new();
        for model in ["User", "Task", "Policy"] {
            let mut total = 0;
            let mut cases = Vec::new();
            let mut known = Vec::new();
            let mut first_error = None;
            let mut converted = 0;
            for line in text.lines() {
                let case: serde_json::Value = serde_json::from_str(line).unwrap();
                let id = case["id"].as_str().unwrap_or_default();
                if case["model"] != model || !id.starts_with(&format!("{model}/full/")) {
                    continue;
                }
                total += 1;
                let json = serde_json::to_string(&case["json"]).unwrap();
                let numbers = serde_json::to_string(&ints_as_numbers(&case["json"])).unwrap();
                match both_read(model, &json) {
                    Ok(naive) => {
                        cases.push(json);
                        known.push(naive);
                    }
                    Err(e) => match both_read(model, &numbers) {
                        Ok(naive) => {
                            converted += 1;
                            cases.push(numbers);
                            known.push(naive);
                        }
                        Err(_) => {
                            first_error.get_or_insert(format!("{id}: {e}"));
                        }
                    },
                }
            }
            assert!(
                !cases.is_empty(),
                "no `full` fixture of {model} is read by both crates; {}",
                first_error.unwrap_or_default()
            );
            let (bytes, objects) = array_of(&cases);
            let array = Array {
                bytes,
                objects,
                cases_kept: cases.len(),
                cases_converted: converted,
                cases_total: total,
            };
            out.insert(model.to_string(), array);
            // The same cases cut down to what the naive crate reads (its own
            // output; a subset of the same keys): there both do the same work.
            let (bytes, objects) = array_of(&known);
            let array = Array {
                bytes,
                objects,
                cases_kept: known.len(),
                cases_converted: converted,
                cases_total: total,
            };
            out.insert(format!("{model}, naive's part"), array);
        }
        out
    })
}

fn bytes(model: &str) -> &'static [u8] {
    &arrays()[model].bytes
}

fn deserialize<T: DeserializeOwned>(bencher: Bencher, model: &str) {
    let bytes = bytes(model);
    bencher
        .counter(BytesCount::of_slice(bytes))
        .bench(|| serde_json::from_slice::<Vec<T>>(black_box(bytes)).unwrap());
}

fn serialize<T: DeserializeOwned + serde::Serialize + Sync>(bencher: Bencher, model: &str) {
    let bytes = bytes(model);
    let values: Vec<T> = serde_json::from_slice(bytes).unwrap();
    let written = serde_json::to_vec(&values).unwrap().len();
    bencher
        .counter(BytesCount::new(written))
        .bench(|| serde_json::to_vec(black_box(&values)).unwrap());
}

macro_rules! model_benches {
    ($module:ident, $model:expr, $generated:ty, $naive:ty) => {
        mod $module {
            use super::*;

            #[divan::bench]
            fn de_generated(bencher: Bencher) {
                deserialize::<$generated>(bencher, $model);
            }

            #[divan::bench]
            fn de_value(bencher: Bencher) {
                deserialize::<serde_json::Value>(bencher, $model);
            }

            #[divan::bench]
            fn de_naive(bencher: Bencher) {
                deserialize::<$naive>(bencher, $model);
            }

            #[divan::bench]
            fn ser_generated(bencher: Bencher) {
                serialize::<$generated>(bencher, $model);
            }

            #[divan::bench]
            fn ser_value(bencher: Bencher) {
                serialize::<serde_json::Value>(bencher, $model);
            }

            #[divan::bench]
            fn ser_naive(bencher: Bencher) {
                serialize::<$naive>(bencher, $model);
            }
        }
    };
}

model_benches!(user, "User", corpus_models::User, c1models::shared::User);
model_benches!(task, "Task", corpus_models::Task, c1models::shared::Task);
model_benches!(
    policy,
    "Policy",
    corpus_models::Policy,
    c1models::shared::Policy
);

// The same data cut down to what the naive crate reads.
model_benches!(
    user_naive_part,
    "User, naive's part",
    corpus_models::User,
    c1models::shared::User
);
model_benches!(
    task_naive_part,
    "Task, naive's part",
    corpus_models::Task,
    c1models::shared::Task
);
model_benches!(
    policy_naive_part,
    "Policy, naive's part",
    corpus_models::Policy,
    c1models::shared::Policy
);
