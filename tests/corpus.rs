//! The generator against the real SDK docs in `../shared`: the seed doc's IR,
//! every corpus doc parsed, and the shared models resolved and compared with
//! the ground truth of `models.json`.

use std::collections::BTreeSet;

use codegen::ir::{Kind, Presence, Type};
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
    }
}

#[test]
fn shared_models_match_ground_truth() {
    let Some(shared) = e2e::shared_dir("shared_models_match_ground_truth") else {
        return;
    };
    let sources: Vec<Source> = corpus_sources(&shared)
        .into_iter()
        .filter(|s| s.path.starts_with("models/shared/"))
        .collect();
    // The security scheme model keeps the scheme's own (snake_case) key: a
    // fact the docs do not state, so it is given as the overlay would.
    let overlay = Overlay::parse(
        std::path::Path::new("corpus-overlay.toml"),
        "[models.Security.fields.bearer_auth]\nwire = \"bearer_auth\"\n",
    )
    .unwrap();
    let resolved = codegen::build(&sources, &overlay).unwrap_or_else(|e| panic!("{e}"));
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(e2e::fixtures(&shared).join("models.json")).unwrap(),
    )
    .unwrap();
    let warned: BTreeSet<(String, usize)> = resolved
        .warnings
        .iter()
        .map(|w| (w.file.clone(), w.line))
        .collect();

    let mut checked = 0;
    let mut flagged_wrong = 0;
    let mut problems = Vec::new();
    for model in &resolved.ir.models {
        let t = &truth[&model.name];
        assert!(t.is_object(), "{} is not in models.json", model.name);
        checked += 1;
        match &model.kind {
            Kind::Enum(e) => {
                let values: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
                let expected: Vec<&str> = t["values"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap())
                    .collect();
                assert_eq!(values, expected, "{}", model.name);
            }
            Kind::Object(o) => {
                assert_eq!(
                    o.additional_properties,
                    t["additional_properties"].as_bool().unwrap(),
                    "{}",
                    model.name
                );
                let tf = t["fields"].as_array().unwrap();
                assert_eq!(o.fields.len(), tf.len(), "{}", model.name);
                for (f, tf) in o.fields.iter().zip(tf) {
                    let ctx = format!("{}.{}", model.name, f.name);
                    assert_eq!(
                        tf["name"].as_str().unwrap().trim_end_matches('_'),
                        f.name,
                        "{ctx}"
                    );
                    let ty = truth_type(&f.ty, &resolved.ir);
                    let expected_ty = tf["type"].as_str().unwrap();
                    // The docs write int64-as-string fields as plain `int`.
                    let ty_ok = ty == expected_ty || (ty == "int" && expected_ty == "int64-string");
                    assert!(ty_ok, "{ctx}: type {ty}, truth {expected_ty}");
                    assert_eq!(
                        f.presence == Presence::Required,
                        tf["required"].as_bool().unwrap(),
                        "{ctx}"
                    );
                    // Three states where the docs say OptionalNullable. The SDK
                    // also lets bare optional lists, maps and timestamps be null;
                    // those read null as absent here.
                    let doc_nullable = tf["doc_type"]
                        .as_str()
                        .unwrap()
                        .contains("OptionalNullable[");
                    assert_eq!(f.presence == Presence::Nullable, doc_nullable, "{ctx}");
                    if doc_nullable {
                        assert!(tf["nullable"].as_bool().unwrap(), "{ctx}");
                    }
                    let wire = tf["wire"].as_str().unwrap();
                    let flagged = warned.contains(&(f.source.file.clone(), f.source.line));
                    if f.wire != wire && flagged {
                        flagged_wrong += 1;
                    }
                    if f.wire != wire && !flagged {
                        problems.push(format!(
                            "{ctx}: wire `{}` guessed silently, truth `{wire}`",
                            f.wire
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
                assert_eq!(oneofs, expected, "{}", model.name);
            }
        }
    }
    assert_eq!(
        checked, 418,
        "381 objects and 37 enums in docs/models/shared"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Fields named after their type are flagged, not guessed silently.
    // 146 such fields in the shared docs, of which 52 really have another key.
    assert_eq!(resolved.warnings.len(), 146, "{:#?}", resolved.warnings);
    assert_eq!(flagged_wrong, 52);
}
