//! The generator against the real SDK docs in `../shared`: the seed doc's IR,
//! and every version of the ConductorOne docs (2023-09 to 2024-08) read
//! from the SDK's `docs` and `docs/models` folders and compared, model by
//! model and field by field, with the ground truth of its `models.json`.

use std::collections::BTreeMap;
use std::path::Path;

use codegen::ir::{Int, Kind, Literal, Presence, Role, Type, WireSource};
use codegen::overlay::Overlay;
use codegen::Source;
use serde_json::Value;

fn corpus_sources(shared: &Path) -> Vec<Source> {
    codegen::read_spec(&e2e::corpus_docs(shared))
        .expect("corpus readable")
        .sources
}

#[test]
fn seed_ir() {
    let Some(shared) = e2e::shared_dir("seed_ir") else {
        return;
    };
    let seed = std::fs::read_to_string(shared.join("seeds/provisionpolicy.md")).unwrap();
    // The seed in the place of its doc, among the shared docs it links to.
    let mut sources: Vec<Source> = corpus_sources(&shared)
        .into_iter()
        .filter(|s| s.path.starts_with("models/shared/"))
        .collect();
    let slot = sources
        .iter_mut()
        .find(|s| s.path == "models/shared/provisionpolicy.md")
        .expect("the corpus has the seed's doc");
    slot.text = seed;
    let resolved =
        codegen::load_sources(sources, &Overlay::default()).unwrap_or_else(|e| panic!("{e}"));
    let model = resolved.ir.model("ProvisionPolicy").expect("seed model");
    let Kind::Object(object) = &model.kind else {
        panic!("ProvisionPolicy is an object")
    };
    assert_eq!(object.oneofs.len(), 1);
    let typ = &object.oneofs[0];
    assert_eq!(typ.name, "typ");
    let members: Vec<(&str, &str)> = typ
        .members
        .iter()
        .map(|m| (m.wire.as_str(), m.field.as_str()))
        .collect();
    assert_eq!(
        members,
        [
            ("connector", "connector"),
            ("manual", "manual"),
            ("delegated", "delegated"),
            ("webhook", "webhook"),
            ("multiStep", "multi_step"),
            ("externalTicket", "external_ticket"),
        ]
    );
    let fields: Vec<(&str, &str, &Type, Presence, Option<&str>)> = object
        .fields
        .iter()
        .map(|f| {
            (
                f.doc_name.as_str(),
                f.wire.as_str(),
                &f.ty,
                f.presence,
                f.oneof.as_deref(),
            )
        })
        .collect();
    let r = |n: &str| Type::Ref(n.to_string());
    let nullable = Presence::Nullable;
    assert_eq!(
        fields,
        [
            (
                "connector_provision",
                "connector",
                &r("ConnectorProvision"),
                nullable,
                Some("typ")
            ),
            (
                "delegated_provision",
                "delegated",
                &r("DelegatedProvision"),
                nullable,
                Some("typ")
            ),
            (
                "external_ticket_provision",
                "externalTicket",
                &r("ExternalTicketProvision"),
                nullable,
                Some("typ")
            ),
            (
                "manual_provision",
                "manual",
                &r("ManualProvision"),
                nullable,
                Some("typ")
            ),
            (
                "multi_step",
                "multiStep",
                &r("MultiStep"),
                nullable,
                Some("typ")
            ),
            (
                "webhook_provision",
                "webhook",
                &r("WebhookProvision"),
                nullable,
                Some("typ")
            ),
        ]
    );
    assert_eq!(model.source.file, "models/shared/provisionpolicy.md");
    assert!(object.extra.is_none());
}

/// A version of the ConductorOne docs in `../shared`.
const VERSIONS: &[&str] = &["0.1.2", "0.5.2", "0.13.7", "0.14.8"];

fn version_dir(shared: &Path, version: &str) -> std::path::PathBuf {
    shared.join(format!("corpus/conductorone-python-{version}/docs"))
}

fn truth(shared: &Path, version: &str) -> Value {
    let path = shared.join(format!(
        "fixtures/conductorone-python-{version}/models.json"
    ));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The ground truth's notation for an IR type: every notation it may
/// have, since the docs cannot tell some apart (an integer's size, a date
/// from a date-time).
fn truth_types(ty: &Type, ir: &codegen::ir::Ir) -> Vec<String> {
    let one = |s: &str| vec![s.to_string()];
    match ty {
        Type::String => one("str"),
        // Python's `int` is any size; the docs cannot say whether the API
        // sends it as a string.
        Type::Int(Int::Big | Int::I64) => {
            vec!["int".into(), "int64-string".into(), "bigint".into()]
        }
        Type::Int(Int::I64String) => one("int64-string"),
        Type::Float => one("float"),
        Type::Number => vec!["int".into(), "float".into(), "int64-string".into()],
        Type::Decimal => one("decimal"),
        Type::Bool => one("bool"),
        Type::Any => one("any"),
        Type::DateTime => one("datetime"),
        Type::Date => one("date"),
        Type::Temporal => vec!["datetime".into(), "date".into()],
        Type::Bytes => one("bytes"),
        Type::List(t) => truth_types(t, ir)
            .iter()
            .map(|t| format!("list<{t}>"))
            .collect(),
        Type::Map(t) => truth_types(t, ir)
            .iter()
            .map(|t| format!("map<{t}>"))
            .collect(),
        Type::Ref(key) => {
            let model = ir.model(key).expect("refs resolve");
            match &model.kind {
                Kind::Enum(_) => one(&format!("enum:{}", model.name)),
                Kind::Object(_) => one(&format!("ref:{}", model.name)),
                // A union the SDK has no class for is written out inline.
                Kind::Union(u) => {
                    let inline: Vec<String> = u
                        .members
                        .iter()
                        .map(|m| truth_types(&m.ty, ir).swap_remove(0))
                        .collect();
                    vec![
                        format!("ref:{}", model.name),
                        format!("union<{}>", inline.join("|")),
                    ]
                }
            }
        }
        Type::Const(l) => one(&format!("const:{}", Literal::json(l))),
        Type::Opaque(_) => one("opaque"),
    }
}

/// How one version's IR compares with its `models.json`.
#[derive(Debug, Default)]
struct Comparison {
    /// Disagreements on anything but an inferred key.
    problems: Vec<String>,
    /// Models compared, by kind.
    kinds: BTreeMap<String, usize>,
    /// Fields compared.
    fields: usize,
    /// Fields whose key was inferred, and how many of those are right.
    inferred: usize,
    inferred_right: usize,
}

fn compare(ir: &codegen::ir::Ir, truth: &Value) -> Comparison {
    let mut c = Comparison::default();
    let truth = truth.as_object().unwrap();
    if ir.models.len() != truth.len() {
        c.problems
            .push(format!("{} models, truth {}", ir.models.len(), truth.len()));
    }
    for model in &ir.models {
        let Some(t) = truth.get(&model.key).or_else(|| truth.get(&model.name)) else {
            c.problems
                .push(format!("{}: not in models.json", model.key));
            continue;
        };
        let name = &model.key;
        let mut problem = |p: String| c.problems.push(format!("{name}: {p}"));
        let kind = match &model.kind {
            Kind::Enum(_) => "enum",
            Kind::Union(_) => "union",
            Kind::Object(o) if o.role == Role::Operation => "operation",
            Kind::Object(_) => "object",
        };
        *c.kinds.entry(kind.to_string()).or_default() += 1;
        if t["kind"] != kind {
            problem(format!("kind {kind}, truth {}", t["kind"]));
            continue;
        }
        match &model.kind {
            Kind::Enum(e) => {
                let values: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
                let expected: Vec<String> = t["values"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect();
                if values != expected {
                    problem(format!("enum {values:?}, truth {expected:?}"));
                }
            }
            Kind::Union(u) => {
                let mut members: Vec<Vec<String>> =
                    u.members.iter().map(|m| truth_types(&m.ty, ir)).collect();
                let mut expected: Vec<String> = t["members"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m.as_str().unwrap().to_string())
                    .collect();
                // Member order is the SDK's in the truth, the docs' here.
                let mut unmatched = Vec::new();
                for e in &expected {
                    match members.iter().position(|m| m.contains(e)) {
                        Some(i) => {
                            members.remove(i);
                        }
                        None => unmatched.push(e.clone()),
                    }
                }
                expected.retain(|e| unmatched.contains(e));
                if !members.is_empty() || !expected.is_empty() {
                    problem(format!(
                        "union members {members:?} here, {expected:?} in truth"
                    ));
                }
            }
            Kind::Object(o) => {
                if o.extra.is_some() != t["additional_properties"].as_bool().unwrap() {
                    problem("additional_properties".into());
                }
                let tf = t["fields"].as_array().unwrap();
                if o.fields.len() != tf.len() {
                    problem(format!("{} fields, truth {}", o.fields.len(), tf.len()));
                    continue;
                }
                // The docs' row order is not always the SDK's: by name.
                for f in &o.fields {
                    c.fields += 1;
                    let mut problem = |p: String| {
                        c.problems
                            .push(format!("{}.{}: {p}", model.key, f.doc_name))
                    };
                    let Some(tf) = tf.iter().find(|tf| {
                        codegen::overlay::unescaped(tf["name"].as_str().unwrap()) == f.doc_name
                    }) else {
                        problem("not in truth".into());
                        continue;
                    };
                    let expected_ty = tf["type"].as_str().unwrap();
                    let ours = truth_types(&f.ty, ir);
                    let ty_ok = ours.iter().any(|t| t == expected_ty)
                        || (matches!(f.ty, Type::Opaque(_)) && expected_ty.starts_with("opaque:"));
                    if !ty_ok {
                        problem(format!("type {ours:?}, truth {expected_ty}"));
                    }
                    if f.presence.optional() == tf["required"].as_bool().unwrap() {
                        problem(format!(
                            "presence {:?}, truth required={}",
                            f.presence, tf["required"]
                        ));
                    }
                    // Three states where the docs say (Optional)Nullable; the SDK
                    // may also let other fields be null, which the docs do not say.
                    let doc_nullable = tf["doc_type"].as_str().unwrap().contains("Nullable[");
                    let ours_nullable =
                        matches!(f.presence, Presence::Nullable | Presence::RequiredNullable);
                    if ours_nullable != doc_nullable
                        || (doc_nullable && !tf["nullable"].as_bool().unwrap())
                    {
                        problem("nullable".into());
                    }
                    let wire = tf["wire"].as_str().unwrap();
                    if f.wire_source == WireSource::Inferred {
                        c.inferred += 1;
                        c.inferred_right += usize::from(f.wire == wire);
                    } else if f.wire != wire {
                        problem(format!(
                            "wire `{}` ({:?}), truth `{wire}`",
                            f.wire, f.wire_source
                        ));
                    }
                }
                let oneofs: Vec<(String, Vec<String>)> = o
                    .oneofs
                    .iter()
                    .map(|x| {
                        (
                            x.name.clone(),
                            x.members.iter().map(|m| m.wire.clone()).collect(),
                        )
                    })
                    .collect();
                let expected: Vec<(String, Vec<String>)> = t["oneofs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| {
                        (
                            x["name"].as_str().unwrap().to_string(),
                            x["members"]
                                .as_array()
                                .unwrap()
                                .iter()
                                .map(|m| m.as_str().unwrap().to_string())
                                .collect(),
                        )
                    })
                    .collect();
                if oneofs != expected {
                    c.problems.push(format!(
                        "{}: oneofs {oneofs:?}, truth {expected:?}",
                        model.key
                    ));
                }
            }
        }
    }
    c
}

/// Every version of the docs, from the SDK's `docs` folder and from its
/// `docs/models` folder: the same IR, every model and field as the ground
/// truth has it, and the keys the docs cannot settle reported as inferred.
#[test]
fn every_version_matches_its_ground_truth() {
    let Some(shared) = e2e::shared_dir("every_version_matches_its_ground_truth") else {
        return;
    };
    let mut report = Vec::new();
    for version in VERSIONS {
        let docs = version_dir(&shared, version);
        let loaded = codegen::load(&docs, &[]).unwrap_or_else(|e| panic!("{version}: {e}"));
        let from_models =
            codegen::load(&docs.join("models"), &[]).unwrap_or_else(|e| panic!("{version}: {e}"));
        // The same IR, but for the paths, which are relative to the root.
        let rooted = |ir: &codegen::ir::Ir, prefix: &str| {
            serde_json::to_string(ir)
                .unwrap()
                .replace(&format!("\"file\":\"{prefix}"), "\"file\":\"")
        };
        assert!(
            rooted(&loaded.ir, "models/") == rooted(&from_models.ir, ""),
            "{version}: docs/ and docs/models/ give different IRs"
        );
        let c = compare(&loaded.ir, &truth(&shared, version));
        assert!(
            c.problems.is_empty(),
            "{version}: {} problems:\n{}",
            c.problems.len(),
            c.problems.join("\n")
        );
        // Every warning is an inferred key.
        assert_eq!(
            loaded.warnings.len(),
            c.inferred,
            "{version}: {:?}",
            loaded.warnings
        );
        report.push(format!(
            "{version}: {:?}, {} fields, {} keys inferred ({} right)",
            c.kinds, c.fields, c.inferred, c.inferred_right
        ));
    }
    let expected = [
        r#"0.1.2: {"enum": 25, "object": 243, "operation": 153}, 1310 fields, 95 keys inferred (54 right)"#,
        r#"0.5.2: {"enum": 25, "object": 289, "operation": 154, "union": 2}, 1379 fields, 95 keys inferred (54 right)"#,
        r#"0.13.7: {"enum": 29, "object": 305, "operation": 166, "union": 2}, 1479 fields, 124 keys inferred (79 right)"#,
        r#"0.14.8: {"enum": 37, "object": 381, "operation": 204}, 1805 fields, 146 keys inferred (97 right)"#,
    ];
    assert_eq!(report, expected, "{report:#?}");
}

#[test]
fn the_openapi_overlay_settles_every_key_and_int64() {
    let Some(shared) = e2e::shared_dir("the_openapi_overlay_settles_every_key") else {
        return;
    };
    let docs = e2e::corpus_docs(&shared);
    let spec = codegen::read_spec(&docs).unwrap();
    let bare = codegen::load_spec(&spec, &Overlay::default()).unwrap();
    let openapi = e2e::openapi(&shared);
    let text = std::fs::read_to_string(&openapi).unwrap();
    let (overlay, report) = codegen::openapi::derive_overlay(&bare.ir, &openapi, &text).unwrap();
    assert!(report.unsettled.is_empty(), "{:?}", report.unsettled);
    assert_eq!(report.int64, 9);
    // Round-trips through its TOML form.
    let overlay = Overlay::parse(Path::new("derived.toml"), &overlay.to_toml()).unwrap();
    let loaded = codegen::load_spec(&spec, &overlay).unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let c = compare(&loaded.ir, &truth(&shared, "0.14.8"));
    assert!(c.problems.is_empty(), "{}", c.problems.join("\n"));
    assert_eq!(c.inferred, 0);
}

/// The SDK's own docs tree also holds its client settings
/// (`docs/models/utils/`), which are not API models: they are left out with
/// a note, whichever folder `--spec` names.
#[test]
fn sdk_settings_docs_are_skipped_with_a_note() {
    let Some(shared) = e2e::shared_dir("sdk_settings_docs_are_skipped_with_a_note") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_tree(&e2e::corpus_docs(&shared), &docs);
    std::fs::create_dir_all(docs.join("models/utils")).unwrap();
    std::fs::write(docs.join("models/utils/retryconfig.md"), RETRY_CONFIG).unwrap();
    for spec in [docs.clone(), docs.join("models")] {
        let loaded = codegen::load(&spec, &[]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loaded.ir.models.len(), 622);
        assert!(loaded.ir.model("RetryConfig").is_none());
        let notes: Vec<String> = loaded.notes.iter().map(|n| n.to_string()).collect();
        let expected = if spec == docs {
            "models/utils/retryconfig.md: skipped: the SDK's own client settings, not an API model"
        } else {
            "utils/retryconfig.md: skipped: the SDK's own client settings, not an API model"
        };
        assert_eq!(notes, [expected]);
    }
}

/// A client-settings doc as the SDKs write them: two tables, neither an
/// API model (written here, not copied).
const RETRY_CONFIG: &str = "# RetryConfig

Settings for retrying failed requests; used only by the client.

## Fields

| Name | Type | Description | Example |
| ---- | ---- | ----------- | ------- |
| `strategy` | `*str*` | How to retry. | `backoff` |
| `backoff` | [BackoffStrategy](#backoffstrategy) | How long to wait. | |
| `retry_connection_errors` | `*bool*` | Retry when the connection fails. | `true` |

## BackoffStrategy

How the wait grows between attempts.

### Fields

| Name | Type | Description | Example |
| ---- | ---- | ----------- | ------- |
| `initial_interval` | `*int*` | First wait, in ms. | `500` |
| `max_interval` | `*int*` | Longest wait, in ms. | `60000` |
| `exponent` | `*float*` | Growth factor. | `1.5` |
| `max_elapsed_time` | `*int*` | Give up after, in ms. | `3600000` |
";

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}
