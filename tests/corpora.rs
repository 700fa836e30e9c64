//! The docs of today's generator, as the next regeneration of any SDK's
//! docs will read: airbyte (3,067 docs, flat layout; its OpenAPI document
//! ships with them) and formance (1,115 docs; none does). Each generated
//! crate builds and documents without a warning, and its runner passes the
//! SDK's fixtures: airbyte with the overlay derived from its OpenAPI
//! document, formance with the facts its docs lack stated by hand
//! (`tests/corpora/formance.overlay.toml`) and, from the docs alone, every
//! case but those that need one of those facts.
//!
//! The crates are generated under `target/` and built with the workspace's
//! target directory, each once per run.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use codegen::overlay::Overlay;

const COMMAND: &str = "cargo test -p e2e --test corpora";

fn docs(shared: &Path, corpus: &str) -> PathBuf {
    shared.join("corpus").join(corpus).join("docs")
}

fn fixtures(shared: &Path, corpus: &str) -> PathBuf {
    shared.join("fixtures").join(corpus)
}

/// Generates the crate `name` of a corpus under `target/` with an overlay;
/// returns its directory and the generator's warnings.
fn generate(
    docs: &Path,
    overlay: &Overlay,
    name: &str,
) -> (PathBuf, codegen::Loaded, Vec<codegen::Diagnostic>) {
    let dir = e2e::repo_root().join("target").join(name);
    let (loaded, warnings) = e2e::generate_with(docs, overlay, &dir, name, COMMAND);
    (dir, loaded, warnings)
}

/// The JSON key of a field, by model key and the docs' field name.
fn wire_of(ir: &codegen::ir::Ir, model: &str, field: &str) -> String {
    match &ir.model(model).map(|m| &m.kind) {
        Some(codegen::ir::Kind::Object(o)) => o
            .fields
            .iter()
            .find(|f| f.doc_name == field)
            .map(|f| f.wire.clone())
            .unwrap_or_else(|| panic!("no field {model}.{field}")),
        _ => panic!("no object {model}"),
    }
}

#[test]
fn airbyte_with_its_openapi_overlay_passes_every_fixture() {
    let Some(shared) = e2e::shared_dir("airbyte_with_its_openapi_overlay") else {
        return;
    };
    let corpus = "airbyte-python-1.0.2";
    let docs = docs(&shared, corpus);
    let overlay = e2e::derived_overlay(
        &docs,
        &shared.join("corpus").join(corpus).join("openapi.yaml"),
    );
    let name = "airbyte-models";
    let (dir, loaded, warnings) = generate(&docs, &overlay, name);
    assert_eq!(loaded.ir.models.len(), 3066);
    assert!(warnings.is_empty(), "{warnings:?}");
    e2e::build_runner(&dir, name);
    let c = e2e::conformance(&shared, &fixtures(&shared, corpus), name);
    assert_eq!(c.last, "13157 passed, 0 failed", "{}", c.stdout);
    e2e::cargo(&dir, &["doc", "--quiet", "--no-deps"], Some("-D warnings"));
    // A consumer of a few models turns on their features alone: they
    // compile, with no warning, on what those features turn on.
    let api: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("api.json")).unwrap()).unwrap();
    let wanted = [
        "SourceAirtable",
        "DestinationPostgres",
        "ConnectionResponse",
    ];
    let found: Vec<(&str, &str)> = api["models"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| Some((m["key"].as_str()?, m["feature"].as_str()?)))
        .filter(|(key, _)| wanted.contains(key))
        .collect();
    assert_eq!(found.len(), wanted.len(), "{found:?}");
    let features: BTreeSet<&str> = found.iter().map(|(_, f)| *f).collect();
    let features = features.into_iter().collect::<Vec<_>>().join(",");
    e2e::cargo(
        &dir,
        &[
            "build",
            "--quiet",
            "--lib",
            "--no-default-features",
            "--features",
            &features,
        ],
        None,
    );
}

#[test]
fn formance_passes_every_fixture_the_docs_hold_the_facts_of() {
    let Some(shared) = e2e::shared_dir("formance_passes_every_fixture") else {
        return;
    };
    let corpus = "formance-python-7.0.0";
    let docs = docs(&shared, corpus);
    let hand = e2e::repo_root().join("tests/corpora/formance.overlay.toml");
    let overlay = Overlay::read(&hand).unwrap_or_else(|e| panic!("{e}"));

    // With the facts stated by hand: every case.
    let name = "formance-models";
    let (dir, loaded, _) = generate(&docs, &overlay, name);
    assert_eq!(loaded.ir.models.len(), 1114);
    e2e::build_runner(&dir, name);
    let c = e2e::conformance(&shared, &fixtures(&shared, corpus), name);
    assert_eq!(c.last, "4138 passed, 0 failed", "{}", c.stdout);
    e2e::cargo(&dir, &["doc", "--quiet", "--no-deps"], Some("-D warnings"));

    // From the docs alone: every case that fails holds a key the overlay
    // states (a JSON key, a list or map that may be null, a union's tag)
    // or is a case of a union whose tag it states.
    let name = "formance-docs-only";
    let (dir, _, _) = generate(&docs, &Overlay::default(), name);
    e2e::build_runner(&dir, name);
    let c = e2e::conformance(&shared, &fixtures(&shared, corpus), name);
    assert_eq!(c.last, "2930 passed, 1208 failed", "{}", c.stdout);
    let mut keys = BTreeSet::new();
    let mut unions = BTreeSet::new();
    for (model, facts) in &overlay.models {
        if let Some(d) = &facts.discriminator {
            keys.insert(d.clone());
            unions.insert(model.clone());
        }
        for (field, fact) in &facts.fields {
            keys.extend(fact.wire.clone());
            if fact.nullable.is_some() {
                keys.insert(wire_of(&loaded.ir, model, field));
            }
        }
    }
    for failure in &c.failures {
        let id = failure["id"].as_str().unwrap();
        let case = &c.cases[id];
        let mut case_keys = BTreeSet::new();
        e2e::json_keys(&case["json"], &mut case_keys);
        // A case that leaves a key out names it in what the error must say.
        for mention in case["mentions"].as_array().into_iter().flatten() {
            case_keys.extend(mention.as_str().map(str::to_string));
        }
        let model = case["model"].as_str().unwrap();
        assert!(
            unions.contains(model) || case_keys.iter().any(|k| keys.contains(k)),
            "{id} fails for a reason the overlay does not state: {failure}"
        );
    }
}
