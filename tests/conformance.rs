//! The generated crate against the fixtures of `../shared`: every case of the
//! spec's models, through the generated runner, judged by `conformance.py`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The generated runner (`generated/examples/roundtrip.rs`, built as this
/// package's `roundtrip` binary).
fn runner() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_roundtrip"))
}

/// Runs `conformance.py` on the cases of the spec's models among the
/// fixtures in `fixtures` and returns its last line.
fn conformance(shared: &Path, fixtures: &Path) -> String {
    let spec = codegen::load(&e2e::repo_root().join("spec"), &[]).expect("spec loads");
    let names: Vec<&str> = spec.ir.models.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names.len(), 117);
    let only = format!("^({})/", names.join("|"));
    let output = Command::new("python3")
        .arg(shared.join("tools/conformance.py"))
        .arg("--fixtures")
        .arg(fixtures.join("fixtures.jsonl"))
        .arg("--models")
        .arg(fixtures.join("models.json"))
        .arg("--runner")
        .arg(runner())
        .arg("--only")
        .arg(&only)
        .output()
        .expect("python3 runs conformance.py");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "conformance failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    stdout.lines().last().unwrap_or_default().to_string()
}

/// The 2024 SDK's cases: the spec keeps reading what that API sent.
#[test]
fn fixtures_of_the_2024_sdk_pass() {
    let Some(shared) = e2e::shared_dir("fixtures_of_the_2024_sdk_pass") else {
        return;
    };
    assert_eq!(
        conformance(&shared, &e2e::fixtures(&shared)),
        "179 passed, 0 failed"
    );
}

/// The 2026 SDK's cases: the API the spec describes now, new models and
/// int64 strings included.
#[test]
fn fixtures_of_the_2026_sdk_pass() {
    let Some(shared) = e2e::shared_dir("fixtures_of_the_2026_sdk_pass") else {
        return;
    };
    let fixtures = shared.join("fixtures/conductorone-typescript-1.2.2");
    assert_eq!(conformance(&shared, &fixtures), "799 passed, 0 failed");
}

#[test]
fn runner_errors_name_the_json_path() {
    use std::io::Write;
    let mut child = Command::new(runner())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("runner starts");
    let input = [
        r#"{"model":"Policy","json":{"rules":[{"condition":"a"},{"condition":5}]}}"#,
        r#"{"model":"Policy","json":{"policySteps":{"k":{"steps":[{"provision":{"provisionPolicy":{"connector":{},"manual":{}}}}]}}}}"#,
        r#"{"model":"Wait","json":{"condition":{"condition":"x"},"name":"w"}}"#,
        r#"{"model":"Nope","json":{}}"#,
    ];
    child
        .stdin
        .take()
        .unwrap()
        .write_all((input.join("\n") + "\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let replies: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(replies.len(), 4);
    let error = |i: usize| replies[i]["error"].as_str().unwrap_or_default().to_string();
    assert!(
        error(0).starts_with("rules[1].condition: invalid type: integer `5`"),
        "{}",
        error(0)
    );
    assert!(
        error(1).starts_with(
            "policySteps.k.steps[0].provision.provisionPolicy: oneof `typ` takes one member, \
             but both `connector` and `manual` are set"
        ),
        "{}",
        error(1)
    );
    assert_eq!(
        replies[2],
        serde_json::json!({"ok": true, "json": {"condition": {"condition": "x"}, "name": "w"}})
    );
    assert_eq!(error(3), "unknown model `Nope`");
}
