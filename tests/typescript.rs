//! The API as of 2026, from its TypeScript SDK's docs (ConductorOne
//! 1.2.2): generated from `docs` or `docs/sdk/models`, the crate with the
//! overlay derived from the SDK's (older) OpenAPI document against the
//! fixtures, and the change report from the Python docs of 2024.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use codegen::ir::{Kind, Role, WireSource};
use serde_json::Value;

const CORPUS: &str = "corpus/conductorone-typescript-1.2.2";

fn docs(shared: &Path) -> PathBuf {
    shared.join(CORPUS).join("docs")
}

fn openapi(shared: &Path) -> PathBuf {
    shared.join(CORPUS).join("openapi.yaml")
}

#[test]
fn the_typescript_docs_give_every_model_from_either_folder() {
    let Some(shared) = e2e::shared_dir("the_typescript_docs_give_every_model") else {
        return;
    };
    let loaded = codegen::load(&docs(&shared), &[]).unwrap_or_else(|e| panic!("{e}"));
    let deeper =
        codegen::load(&docs(&shared).join("sdk/models"), &[]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.ir.models.len(), deeper.ir.models.len());
    let (mut objects, mut enums, mut operations) = (0, 0, 0);
    for m in &loaded.ir.models {
        match &m.kind {
            Kind::Object(o) if o.role == Role::Operation => operations += 1,
            Kind::Object(_) => objects += 1,
            Kind::Enum(e) => {
                enums += 1;
                assert_eq!(e.documented_open, Some(true), "{}", m.key);
            }
            Kind::Union(_) => panic!("no union in these docs: {}", m.key),
        }
    }
    assert_eq!((objects, enums, operations), (1443, 235, 680));
    // The fields named after the object they hold, with its description
    // (the message's own schema): the docs cannot confirm their keys, and
    // each is a warning. Every other key is right but two.
    let tally = key_tally(&truth(&shared), &loaded.ir);
    assert_eq!(
        tally,
        (
            4744,
            283,
            125,
            vec![
                // Keys in UpperCamel, which a TypeScript name cannot show.
                "AppEntitlementServiceGetAutomationResponse.appEntitlementAutomation".to_string(),
                "AppEntitlementServiceUpdateAutomationResponse.appEntitlementAutomation"
                    .to_string(),
            ]
        ),
        "{tally:?}"
    );
    assert_eq!(loaded.warnings.len(), 283, "{:#?}", loaded.warnings);
    assert!(loaded
        .warnings
        .iter()
        .all(|w| w.message.contains("is named after its type")));
    // The OpenAPI document is older than the docs: it lacks 692 of their
    // objects, and settles none of those keys (the 2 it states are the
    // UpperCamel ones).
    let path = openapi(&shared);
    let text = std::fs::read_to_string(&path).unwrap();
    let (_, report) = codegen::openapi::derive_overlay(&loaded.ir, &path, &text).unwrap();
    assert_eq!(
        (
            report.unmatched_models.len(),
            report.wires,
            report.unsettled.len()
        ),
        (692, 2, 283)
    );
}

fn truth(shared: &Path) -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(shared.join("fixtures/conductorone-typescript-1.2.2/models.json"))
            .unwrap(),
    )
    .unwrap()
}

/// The fields compared with the ground truth, the keys inferred, how many
/// of them it agrees with, and the keys not inferred that it disagrees with
/// (`model.field`).
fn key_tally(truth: &Value, ir: &codegen::ir::Ir) -> (usize, usize, usize, Vec<String>) {
    let (mut compared, mut inferred, mut right, mut wrong) = (0, 0, 0, Vec::new());
    for m in &ir.models {
        let Kind::Object(o) = &m.kind else { continue };
        if o.role == Role::Operation {
            continue;
        }
        let Some(fields) = truth[&m.name]["fields"].as_array() else {
            continue;
        };
        for f in &o.fields {
            let Some(t) = fields.iter().find(|t| t["name"] == f.doc_name.as_str()) else {
                continue;
            };
            compared += 1;
            let agrees = t["wire"] == f.wire.as_str();
            if f.wire_source == WireSource::Inferred {
                inferred += 1;
                right += usize::from(agrees);
            } else if !agrees {
                wrong.push(format!("{}.{}", m.name, f.doc_name));
            }
        }
    }
    (compared, inferred, right, wrong)
}

/// The JSON keys the generator does not give as the ground truth does, by
/// model key: facts neither the docs nor the (older) OpenAPI document hold.
fn unsettled_keys(truth: &Value, ir: &codegen::ir::Ir) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for m in &ir.models {
        let Kind::Object(o) = &m.kind else { continue };
        if o.role == Role::Operation {
            continue;
        }
        let Some(fields) = truth[&m.name]["fields"].as_array() else {
            continue;
        };
        for f in fields {
            let wire = f["wire"].as_str().unwrap();
            if !o.fields.iter().any(|g| g.wire == wire) {
                out.entry(m.key.clone())
                    .or_default()
                    .insert(wire.to_string());
            }
        }
    }
    out
}

/// The keys of the models a value of the model named `name` may hold,
/// itself included.
fn reachable(ir: &codegen::ir::Ir, name: &str) -> BTreeSet<String> {
    let by_key: BTreeMap<&str, &codegen::ir::Model> =
        ir.models.iter().map(|m| (m.key.as_str(), m)).collect();
    let mut stack: Vec<&str> = ir
        .models
        .iter()
        .filter(|m| m.name == name)
        .map(|m| m.key.as_str())
        .collect();
    let mut seen = BTreeSet::new();
    while let Some(key) = stack.pop() {
        if !seen.insert(key.to_string()) {
            continue;
        }
        let Some(model) = by_key.get(key) else {
            continue;
        };
        match &model.kind {
            Kind::Object(o) => stack.extend(o.fields.iter().flat_map(|f| f.ty.refs())),
            Kind::Union(u) => stack.extend(u.members.iter().flat_map(|m| m.ty.refs())),
            Kind::Enum(_) => {}
        }
    }
    seen
}

#[test]
fn the_2026_crate_passes_every_fixture_but_those_of_keys_no_document_gives() {
    let Some(shared) = e2e::shared_dir("the_2026_crate_passes_every_fixture") else {
        return;
    };
    let name = "typescript-models";
    let dir = e2e::repo_root().join("target").join(name);
    let (loaded, _) = e2e::generate_crate(
        &docs(&shared),
        Some(&openapi(&shared)),
        &dir,
        name,
        "cargo test -p e2e --test typescript",
    );
    e2e::build_runner(&dir, name);
    e2e::cargo(&dir, &["doc", "--quiet", "--no-deps"], Some("-D warnings"));
    let fixtures = shared.join("fixtures/conductorone-typescript-1.2.2");
    let c = e2e::conformance(&shared, &fixtures, name);
    assert_eq!(c.last, "9102 passed, 476 failed", "{}", c.stdout);
    // The overlay settles none of the keys the docs leave unconfirmed; the
    // generator's guesses are right for 125 of them.
    let truth = truth(&shared);
    let tally = key_tally(&truth, &loaded.ir);
    assert_eq!(tally, (4744, 283, 125, vec![]), "{tally:?}");
    assert_eq!(loaded.warnings.len(), 283);
    // Every failure is a case holding a key that neither the docs nor the
    // OpenAPI document give (a field named after its type, not in a oneof
    // list, in a model the 2025 document lacks), and that was guessed wrong.
    let unsettled = unsettled_keys(&truth, &loaded.ir);
    let fields: usize = unsettled.values().map(BTreeSet::len).sum();
    let keys: BTreeSet<&String> = unsettled.values().flatten().collect();
    assert_eq!((fields, keys.len()), (158, 75), "{unsettled:?}");
    assert_eq!(c.failures.len(), 476);
    for failure in &c.failures {
        let id = failure["id"].as_str().unwrap();
        let case = &c.cases[id];
        let mut case_keys = BTreeSet::new();
        e2e::json_keys(&case["json"], &mut case_keys);
        let holds_one = reachable(&loaded.ir, case["model"].as_str().unwrap())
            .iter()
            .filter_map(|m| unsettled.get(m))
            .flatten()
            .any(|k| case_keys.contains(k));
        assert!(holds_one, "{id} fails for another reason: {failure}");
    }
}

/// The change report from the Python docs of 2024-08 (0.14.8) to the
/// TypeScript docs of 2026-05, each with the overlay of its OpenAPI
/// document: the API's changes, and apart from them the Rust changes of
/// the two docs saying the same thing differently.
#[test]
fn the_report_from_2024_to_2026_speaks_of_the_api() {
    let Some(shared) = e2e::shared_dir("the_report_from_2024_to_2026") else {
        return;
    };
    let py_docs = shared.join("corpus/conductorone-python-0.14.8/docs");
    let py = codegen::load_spec(
        &codegen::read_spec(&py_docs).unwrap(),
        &e2e::derived_overlay(&py_docs, &e2e::openapi(&shared)),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let ts = codegen::load_spec(
        &codegen::read_spec(&docs(&shared)).unwrap(),
        &e2e::derived_overlay(&docs(&shared), &openapi(&shared)),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let old_api = codegen::emit::api::api(&py.ir);
    let new_api = codegen::emit::api::api_over(&ts.ir, &old_api.features());
    let r = codegen::diff::diff(&old_api, &new_api, "0.14.8", "1.2.2");
    let counts: Vec<String> = r
        .counts()
        .into_iter()
        .map(|(what, (b, n))| format!("{}: {b}/{n}", what.label()))
        .collect();
    let notation = r.changes.iter().filter(|c| c.notation).count();
    assert_eq!(
        (counts, notation),
        (
            vec![
                "model added: 0/1742".to_string(),
                "model removed: 6/0".into(),
                "model kind changed: 1/0".into(),
                "field added: 0/234".into(),
                "field removed: 13/0".into(),
                "field type changed: 162/0".into(),
                "field presence changed: 530/0".into(),
                "field JSON key changed: 1/0".into(),
                "oneof added: 0/5".into(),
                "oneof or union member added: 0/21".into(),
                "enum value added: 0/31".into(),
                "enum value removed: 22/0".into(),
                "deprecated: 0/3".into(),
            ],
            165
        )
    );
    // The security schemes' names, the SDK's own, spelt by each SDK.
    assert!(r.changes.iter().any(|c| c.path == "Security"
        && c.detail == "field `bearer_auth` reads the key `bearerAuth`, not `bearer_auth`"
        && c.notation));
    let has = |path: &str, detail: &str| {
        r.changes
            .iter()
            .any(|c| c.path == path && c.detail == detail)
    };
    // Checked by hand against the two docs trees.
    assert!(has(
        "ProvisionPolicy",
        "oneof `typ`: member `Unconfigured(UnconfiguredProvision)` added"
    ));
    assert!(has(
        "ProvisionPolicy",
        "oneof `typ`: member `Action(ActionProvision)` added"
    ));
    assert!(has("Marker", "model `Marker` removed"));
    assert!(has("Status", "`Status` is a struct, not an enum"));
    // Said differently, not changed: the Python docs' `OptionalNullable`
    // where the TypeScript docs and their document say nothing.
    assert!(r.changes.iter().any(|c| c.path == "App"
        && c.detail == "field `field_mask`: `Option<Option<String>>` → `Option<String>`"
        && c.notation));
    // The same JSON key in both dialects (`at_type`, `atType`): no change.
    assert!(!r.changes.iter().any(|c| c.detail.contains("`at_type`")));
    // The operations' names differ in case only (`C1APIAppV1`, `C1ApiAppV1`):
    // the same Rust names, so nothing is removed or renamed.
    assert!(!r
        .changes
        .iter()
        .any(|c| c.what == codegen::diff::What::ModelRemoved
            && c.path.starts_with("operations::")
            && c.path != "operations::C1ApiAppV1ConnectorServiceRotateCredentialRequest"));
}
