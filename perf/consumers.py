#!/usr/bin/env python3
"""Writes the two consumer crates of the compile-cost comparison.

Each is a binary that deserializes every model of its model crate from a
JSON string (the model's name in argv[1], the JSON on stdin) and prints it
with Debug: the generic serde code lands in the consumer, as it would in an
application that reads every API response type.

usage: consumers.py PERF_DIR   (PERF_DIR holds generated/ and naive/)
"""
import os
import re
import sys

perf = sys.argv[1]


def generated_models():
    lib = open(os.path.join(perf, "generated", "src", "lib.rs")).read()
    # Each `pub use` names the model first, then its oneof enums (which are
    # parts of the model, not documents of their own).
    names = []
    for group in re.findall(r"pub use \w+::(\{[^}]*\}|\w+);", lib):
        names.append(re.findall(r"\w+", group)[0])
    return [("corpus_models::" + n, n) for n in names]


def naive_models():
    out = []
    for module in ("shared", "operations"):
        src = os.path.join(perf, "naive", "src", module)
        for f in sorted(os.listdir(src)):
            if f == "mod.rs":
                continue
            text = open(os.path.join(src, f)).read()
            for kind, n in re.findall(r"pub (struct|enum) (\w+)", text):
                out.append((f"c1models::{module}::{n}", n))
    return out


def consumer(name, dep_name, dep_path, models):
    root = os.path.join(perf, name)
    os.makedirs(os.path.join(root, "src"), exist_ok=True)
    with open(os.path.join(root, "Cargo.toml"), "w") as f:
        f.write(f"""[package]
name = "{name}"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
{dep_name} = {{ path = "{dep_path}" }}
serde_json = "=1.0.154"
""")
    # The generated crate's own entry points where it has them; the naive
    # crate offers only serde's generic functions.
    call = (lambda p: f"{p}::from_json_str(&json)") if dep_name != "c1models" else (
        lambda p: f"serde_json::from_str::<{p}>(&json)")
    arms = "\n".join(
        f'        "{n}" => println!("{{:?}}", {call(path)}.map_err(|e| e.to_string())),'
        for path, n in models
    )
    with open(os.path.join(root, "src", "main.rs"), "w") as f:
        f.write(f"""//! Deserializes any model of its crate (compile-cost probe).
use std::io::Read;

fn main() {{
    let model = std::env::args().nth(1).unwrap_or_default();
    let mut json = String::new();
    std::io::stdin().read_to_string(&mut json).unwrap();
    match model.as_str() {{
{arms}
        _ => eprintln!("unknown model"),
    }}
}}
""")


consumer("consumer-generated", "corpus-models", "../generated", generated_models())
consumer("consumer-naive", "c1models", "../naive", naive_models())
print("consumers:", len(generated_models()), "generated models,", len(naive_models()), "naive models")
