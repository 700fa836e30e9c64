//! The change report between consecutive versions of the ConductorOne docs
//! in `../shared` (2023-09 → 2023-10 → 2024-04 → 2024-08), and a consumer
//! of the crate that compiles unchanged across a version where the report
//! says its models changed only in ways that do not break it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::diff::{diff, Report};

fn docs(shared: &Path, version: &str) -> PathBuf {
    shared.join(format!("corpus/conductorone-python-{version}/docs"))
}

fn report(shared: &Path, old: &str, new: &str) -> Report {
    let load =
        |v: &str| codegen::load(&docs(shared, v), &[]).unwrap_or_else(|e| panic!("{v}: {e}"));
    let old_api = codegen::emit::api::api(&load(old).ir);
    // As a regeneration does: the new crate keeps the old one's features.
    let new_api = codegen::emit::api::api_over(&load(new).ir, &old_api.features());
    diff(&old_api, &new_api, old, new)
}

/// Changes by kind, `kind: breaking/non-breaking`.
fn counts(report: &Report) -> Vec<String> {
    report
        .counts()
        .into_iter()
        .map(|(what, (b, n))| format!("{}: {b}/{n}", what.label()))
        .collect()
}

/// The counts of each consecutive pair. Checked by hand against the docs
/// on a sample: the 33 `float` → `int` fields of 2024-04
/// (`*Optional[float]*` → `*Optional[int]*`), the 4 docs 2024-08 dropped
/// (`profile.md`, `three.md`, `user3.md`, `userprofile.md`), `App.user_count`
/// (`*Optional[str]*` → `*Optional[int]*`) and `App.field_mask`
/// (`*Optional[str]*` → `*OptionalNullable[str]*`), `ProvisionPolicy`'s new
/// members `externalTicket` and `multiStep`.
#[test]
fn the_report_of_each_consecutive_pair() {
    let Some(shared) = e2e::shared_dir("the_report_of_each_consecutive_pair") else {
        return;
    };
    let expected: [(&str, &str, &[&str], &str); 3] = [
        (
            "0.1.2",
            "0.5.2",
            &[
                "model added: 0/49",
                "field added: 0/11",
                "field type changed: 37/0",
                "oneof or union member added: 0/8",
            ],
            "Major",
        ),
        (
            "0.5.2",
            "0.13.7",
            &[
                "model added: 0/75",
                "model removed: 43/0",
                "field added: 0/37",
                "field removed: 8/0",
                "field type changed: 52/0",
                "oneof or union member added: 0/2",
                "oneof or union member removed: 1/0",
                "oneof or union member changed: 2/0",
                "enum value added: 0/2",
            ],
            "Major",
        ),
        (
            "0.13.7",
            "0.14.8",
            &[
                "model added: 0/124",
                "model removed: 4/0",
                "field added: 0/14",
                "field removed: 1/0",
                "field type changed: 12/0",
                "field presence changed: 15/0",
                "oneof or union member added: 0/7",
                "oneof or union member changed: 2/0",
                "enum value added: 0/14",
                "enum value removed: 4/0",
            ],
            "Major",
        ),
    ];
    for (old, new, counts_expected, bump) in expected {
        let r = report(&shared, old, new);
        assert_eq!(counts(&r), counts_expected, "{old} → {new}");
        assert_eq!(format!("{:?}", r.bump), bump);
    }
    let r = report(&shared, "0.13.7", "0.14.8");
    let has = |model: &str, detail: &str, breaking: bool| {
        r.changes
            .iter()
            .any(|c| c.model == model && c.detail == detail && c.breaking == breaking)
    };
    assert!(has(
        "App",
        "field `user_count`: `Option<String>` → `Option<BigInt>`",
        true
    ));
    assert!(has(
        "App",
        "field `field_mask`: `Option<String>` → `Option<Option<String>>`",
        true
    ));
    assert!(has(
        "ProvisionPolicy",
        "oneof `typ`: member `ExternalTicket(ExternalTicketProvision)` added",
        false
    ));
    assert!(has("Three", "model `Three` removed", true));
}

#[test]
fn the_report_as_markdown() {
    let Some(shared) = e2e::shared_dir("the_report_as_markdown") else {
        return;
    };
    insta::assert_snapshot!(report(&shared, "0.13.7", "0.14.8").markdown());
}

/// The docs of the given models and of every doc they link to, copied to
/// `to` under the same paths.
fn closure(docs: &Path, models: &[&str], to: &Path) {
    let docs = &docs.canonicalize().unwrap();
    let mut todo: Vec<PathBuf> = models
        .iter()
        .map(|m| {
            docs.join("models/shared")
                .join(format!("{}.md", m.to_lowercase()))
        })
        .collect();
    let mut seen = BTreeSet::new();
    while let Some(path) = todo.pop() {
        let path = std::path::absolute(&path).unwrap();
        let normal: PathBuf = path.components().fold(PathBuf::new(), |mut p, c| {
            match c {
                std::path::Component::ParentDir => {
                    p.pop();
                }
                other => p.push(other),
            }
            p
        });
        if !seen.insert(normal.clone()) {
            continue;
        }
        let text = std::fs::read_to_string(&normal).unwrap();
        let rel = normal.strip_prefix(docs).unwrap();
        std::fs::create_dir_all(to.join(rel).parent().unwrap()).unwrap();
        std::fs::write(to.join(rel), &text).unwrap();
        for link in text.split("](").skip(1) {
            let target = link.split(')').next().unwrap();
            if target.ends_with(".md") && !target.contains("://") {
                todo.push(normal.parent().unwrap().join(target));
            }
        }
    }
}

/// What a consumer writes, as the README recommends: values built with
/// `new` and `with_` setters, JSON read through the entry points, oneofs
/// and enums matched with a wildcard arm.
const CONSUMER: &str = r#"
use models::{
    Approval, ApprovalTyp, ConnectorProvision, ProvisionInstanceState, ProvisionPolicy,
    ProvisionPolicyTyp, SelfApproval,
};

pub fn policy() -> ProvisionPolicy {
    ProvisionPolicy::new().with_typ(ProvisionPolicyTyp::Connector(ConnectorProvision::new()))
}

pub fn approval() -> Approval {
    Approval::new()
        .with_allow_reassignment(true)
        .with_typ(ApprovalTyp::Self_(SelfApproval::new()))
}

pub fn kind(json: &str) -> &'static str {
    match ProvisionPolicy::from_json_str(json).ok().and_then(|p| p.typ) {
        Some(ProvisionPolicyTyp::Connector(_)) => "connector",
        Some(ProvisionPolicyTyp::Manual(_)) => "manual",
        Some(_) => "other",
        None => "none",
    }
}

pub fn waiting(state: &ProvisionInstanceState) -> bool {
    match state {
        ProvisionInstanceState::ProvisionInstanceStateWaiting => true,
        ProvisionInstanceState::Unknown(_) => false,
        _ => false,
    }
}

pub fn round_trip() -> String {
    let text = policy().to_json_string().unwrap();
    assert_eq!(kind(&text), "connector");
    assert!(waiting(&ProvisionInstanceState::from("PROVISION_INSTANCE_STATE_WAITING")));
    approval().to_json_string().unwrap()
}
"#;

/// A consumer that touches only models the report says changed without a
/// break from 2024-04 to 2024-08 compiles unchanged against both crates.
#[test]
fn a_consumer_compiles_unchanged_where_the_report_says_non_breaking() {
    let Some(shared) = e2e::shared_dir("a_consumer_compiles_unchanged") else {
        return;
    };
    let root = e2e::repo_root().join("target/consumer");
    let _ = std::fs::remove_dir_all(&root);
    let touched = ["ProvisionPolicy", "ProvisionInstanceState", "Approval"];
    let mut apis = Vec::new();
    for version in ["0.13.7", "0.14.8"] {
        let spec = root.join("spec").join(version);
        closure(&docs(&shared, version), &touched, &spec);
        let dir = root.join(version);
        let (loaded, _) =
            e2e::generate_crate(&spec, None, &dir, "consumer-models", "the report test");
        apis.push(codegen::emit::api::api(&loaded.ir));
    }
    // What the consumer touches changes, but never breaks.
    let r = diff(&apis[0], &apis[1], "0.13.7", "0.14.8");
    let used = [
        "ProvisionPolicy",
        "ConnectorProvision",
        "ProvisionInstanceState",
        "Approval",
        "SelfApproval",
    ];
    let touched_changes: Vec<_> = r
        .changes
        .iter()
        .filter(|c| used.contains(&c.model.as_str()))
        .collect();
    assert!(touched_changes.iter().any(|c| c.model == "ProvisionPolicy"));
    assert!(touched_changes
        .iter()
        .any(|c| c.model == "ProvisionInstanceState"));
    assert!(touched_changes.iter().any(|c| c.model == "Approval"));
    assert!(
        touched_changes.iter().all(|c| !c.breaking),
        "{touched_changes:#?}"
    );
    let app = root.join("app");
    std::fs::create_dir_all(app.join("src")).unwrap();
    std::fs::write(app.join("src/lib.rs"), CONSUMER).unwrap();
    for version in ["0.13.7", "0.14.8"] {
        std::fs::write(
            app.join("Cargo.toml"),
            format!(
                "[package]\nname = \"consumer\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
                 [dependencies]\nmodels = {{ path = \"../{version}\", package = \"consumer-models\" }}\n\n\
                 [workspace]\n"
            ),
        )
        .unwrap();
        std::fs::copy(e2e::repo_root().join("Cargo.lock"), app.join("Cargo.lock")).unwrap();
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let out = Command::new(cargo)
            .args(["build", "--quiet", "--manifest-path"])
            .arg(app.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", e2e::repo_root().join("target"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "against {version}:\n{stderr}");
        assert!(!stderr.contains("warning"), "against {version}:\n{stderr}");
    }
}
