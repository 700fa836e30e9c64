//! The generator against the real SDK docs in `../shared`: the seed doc's IR,
//! every corpus doc parsed, and the shared models resolved and compared with
//! the ground truth of `models.json`.

use codegen::ir::{Kind, Presence, Type, WireSource};
use codegen::overlay::Overlay;
use codegen::Source;
use serde_json::Value;

fn corpus_sources(shared: &std::path::Path) -> Vec<Source> {
    codegen::read_spec(&e2e::corpus_docs(shared)).expect("corpus readable")
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
    let resolved = codegen::build(&sources, &Overlay::default()).expect("seed resolves");
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
            ("connector", "connector_provision"),
            ("manual", "manual_provision"),
            ("delegated", "delegated_provision"),
            ("webhook", "webhook_provision"),
            ("multiStep", "multi_step"),
            ("externalTicket", "external_ticket_provision"),
        ]
    );
    let fields: Vec<(&str, &str, &Type, Presence, Option<&str>)> = object
        .fields
        .iter()
        .map(|f| {
            (
                f.name.as_str(),
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
    assert!(!object.additional_properties);
}

#[test]
fn every_corpus_doc_parses() {
    let Some(shared) = e2e::shared_dir("every_corpus_doc_parses") else {
        return;
    };
    let sources = corpus_sources(&shared);
    assert_eq!(sources.len(), 622, "the corpus has 622 model docs");
    let docs = codegen::parse_all(&sources).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(docs.len(), 622);
}

/// The ground truth's type notation for one IR field.
fn truth_type(ty: &Type, ir: &codegen::ir::Ir) -> String {
    match ty {
        Type::String => "str".into(),
        Type::Int => "int".into(),
        Type::Int64 => "int64-string".into(),
        Type::Float => "float".into(),
        Type::Bool => "bool".into(),
        Type::Any => "any".into(),
        Type::DateTime => "datetime".into(),
        Type::List(t) => format!("list<{}>", truth_type(t, ir)),
        Type::Map(t) => format!("map<{}>", truth_type(t, ir)),
        Type::Ref(name) => match ir.model(name).map(|m| &m.kind) {
            Some(Kind::Enum(_)) => format!("enum:{name}"),
            _ => format!("ref:{name}"),
        },
        Type::Opaque(name) => format!("opaque:{name}"),
    }
}

/// How the IR of the whole corpus compares with `models.json`.
#[derive(Debug, Default)]
struct Comparison {
    /// Disagreements on anything but an inferred key.
    problems: Vec<String>,
    /// Fields whose key was inferred, and how many of those are right.
    inferred: usize,
    inferred_right: usize,
    /// Fields by how their key was settled.
    by_source: std::collections::BTreeMap<String, usize>,
}

fn compare(resolved: &codegen::resolve::Resolved, truth: &Value) -> Comparison {
    let mut c = Comparison::default();
    let ir = &resolved.ir;
    assert_eq!(ir.models.len(), truth.as_object().unwrap().len());
    for model in &ir.models {
        let t = &truth[&model.name];
        assert!(t.is_object(), "{} is not in models.json", model.name);
        let mut problem = |p: String| c.problems.push(format!("{}: {p}", model.name));
        match &model.kind {
            Kind::Enum(e) => {
                let values: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
                let expected: Vec<&str> = t["values"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap())
                    .collect();
                if t["kind"] != "enum" || values != expected {
                    problem(format!("enum {values:?}, truth {expected:?}"));
                }
            }
            Kind::Object(o) => {
                let kind = if o.operation { "operation" } else { "object" };
                if t["kind"] != kind {
                    problem(format!("kind {kind}, truth {}", t["kind"]));
                }
                if o.additional_properties != t["additional_properties"].as_bool().unwrap() {
                    problem("additional_properties".into());
                }
                let tf = t["fields"].as_array().unwrap();
                if o.fields.len() != tf.len() {
                    problem(format!("{} fields, truth {}", o.fields.len(), tf.len()));
                    continue;
                }
                for (f, tf) in o.fields.iter().zip(tf) {
                    let mut problem =
                        |p: String| c.problems.push(format!("{}.{}: {p}", model.name, f.name));
                    if tf["name"].as_str().unwrap().trim_end_matches('_') != f.name {
                        problem(format!("name, truth {}", tf["name"]));
                    }
                    let ty = truth_type(&f.ty, ir);
                    let expected_ty = tf["type"].as_str().unwrap();
                    // Without the overlay the docs cannot tell int64 strings.
                    let ty_ok = ty == expected_ty
                        || (ty == "int"
                            && expected_ty == "int64-string"
                            && f.wire_source != WireSource::Overlay);
                    if !ty_ok {
                        problem(format!("type {ty}, truth {expected_ty}"));
                    }
                    if (f.presence == Presence::Required) != tf["required"].as_bool().unwrap() {
                        problem("required".into());
                    }
                    // Three states where the docs say OptionalNullable. The SDK
                    // also lets bare optional lists, maps and timestamps be null;
                    // those read null as absent here.
                    let doc_nullable = tf["doc_type"]
                        .as_str()
                        .unwrap()
                        .contains("OptionalNullable[");
                    if (f.presence == Presence::Nullable) != doc_nullable
                        || (doc_nullable && !tf["nullable"].as_bool().unwrap())
                    {
                        problem("nullable".into());
                    }
                    let wire = tf["wire"].as_str().unwrap();
                    *c.by_source
                        .entry(f.wire_source.label().to_string())
                        .or_default() += 1;
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
                        model.name
                    ));
                }
            }
        }
    }
    c
}

fn truth(shared: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(e2e::fixtures(shared).join("models.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn docs_alone_settle_every_key_they_can_and_mark_the_rest_inferred() {
    let Some(shared) = e2e::shared_dir("docs_alone_settle_every_key") else {
        return;
    };
    let resolved = codegen::build(&corpus_sources(&shared), &Overlay::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let c = compare(&resolved, &truth(&shared));
    assert!(c.problems.is_empty(), "{}", c.problems.join("\n"));
    // The fields named after their type: every one is reported, and the
    // inference rule gets 97 of the 146 right.
    assert_eq!(
        (c.inferred, c.inferred_right),
        (146, 97),
        "{:?}",
        c.by_source
    );
    assert_eq!(resolved.warnings.len(), 146);
}

#[test]
fn the_openapi_overlay_settles_every_key_and_int64() {
    let Some(shared) = e2e::shared_dir("the_openapi_overlay_settles_every_key") else {
        return;
    };
    let sources = corpus_sources(&shared);
    let bare = codegen::build(&sources, &Overlay::default()).unwrap();
    let openapi = e2e::openapi(&shared);
    let text = std::fs::read_to_string(&openapi).unwrap();
    let (overlay, report) = codegen::openapi::derive_overlay(&bare.ir, &openapi, &text).unwrap();
    assert!(report.unsettled.is_empty(), "{:?}", report.unsettled);
    assert_eq!(report.int64, 9);
    // Round-trips through its TOML form.
    let overlay = Overlay::parse(std::path::Path::new("derived.toml"), &overlay.to_toml()).unwrap();
    let resolved = codegen::build(&sources, &overlay).unwrap_or_else(|e| panic!("{e}"));
    assert!(resolved.warnings.is_empty(), "{:?}", resolved.warnings);
    let c = compare(&resolved, &truth(&shared));
    assert!(c.problems.is_empty(), "{}", c.problems.join("\n"));
    assert_eq!(c.inferred, 0);
}
