//! Helpers shared by the end-to-end tests.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// `../shared` beside the repository, or `None` after saying loudly that the
/// calling test is skipped. On CI (`CI` set) a missing `../shared` fails.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let dir = repo_root().join("..").join("shared");
    if dir.join("fixtures").is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("{test}: {} is missing, and CI must have it", dir.display());
    }
    // Written straight to stderr so that the test harness does not swallow it.
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED {test}: {} not found; this test needs the shared corpus and fixtures ***\n",
        dir.display()
    );
    None
}

/// The corpus of the SDK the spec comes from.
pub fn corpus_docs(shared: &Path) -> PathBuf {
    shared.join("corpus/conductorone-python-0.14.8/docs")
}

/// The fixtures directory.
pub fn fixtures(shared: &Path) -> PathBuf {
    shared.join("fixtures/conductorone-python-0.14.8")
}

/// The API's OpenAPI document that ships beside the corpus.
pub fn openapi(shared: &Path) -> PathBuf {
    shared.join("corpus/conductorone-python-0.14.8/openapi.yaml")
}

/// The overlay derived from an OpenAPI document for the docs in `docs`.
pub fn derived_overlay(docs: &Path, openapi: &Path) -> codegen::overlay::Overlay {
    let spec = codegen::read_spec(docs).unwrap();
    let bare = codegen::load_spec(&spec, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(openapi).unwrap();
    codegen::openapi::derive_overlay(&bare.ir, openapi, &text)
        .unwrap()
        .0
}

/// Generates the crate `name` of the docs in `docs` into `dir` (with the
/// overlay derived from `openapi`, if given), and pins its dependencies
/// with the workspace's lock file. Returns the spec's IR and the
/// generator's warnings. `command` is what the generated files name as
/// their source.
pub fn generate_crate(
    docs: &Path,
    openapi: Option<&Path>,
    dir: &Path,
    name: &str,
    command: &str,
) -> (codegen::Loaded, Vec<codegen::Diagnostic>) {
    let overlay = match openapi {
        Some(openapi) => derived_overlay(docs, openapi),
        None => Default::default(),
    };
    generate_with(docs, &overlay, dir, name, command)
}

/// [`generate_crate`] with an overlay at hand. The crate is generated as
/// afresh: the record of a crate an earlier run left in `dir` (`api.json`,
/// whose features a regeneration keeps) is removed first, so that what is
/// tested is what a fresh clone generates.
pub fn generate_with(
    docs: &Path,
    overlay: &codegen::overlay::Overlay,
    dir: &Path,
    name: &str,
    command: &str,
) -> (codegen::Loaded, Vec<codegen::Diagnostic>) {
    remove_if_present(&dir.join("api.json"));
    let spec = codegen::read_spec(docs).unwrap();
    let options = codegen::emit::EmitOptions {
        crate_name: name.into(),
        command: command.into(),
    };
    let generated = codegen::generate_spec(&spec, overlay, dir, &options, false)
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(repo_root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let mut warnings = generated.loaded.warnings.clone();
    warnings.extend(generated.renames);
    (generated.loaded, warnings)
}

/// Generates the crate `name` of the whole 0.14.8 corpus into `dir`, with
/// or without the overlay derived from the API's OpenAPI document. Returns
/// the generator's warnings.
pub fn generate_corpus_crate(
    shared: &Path,
    dir: &Path,
    name: &str,
    with_overlay: bool,
    command: &str,
) -> Vec<codegen::Diagnostic> {
    let openapi = with_overlay.then(|| openapi(shared));
    generate_crate(&corpus_docs(shared), openapi.as_deref(), dir, name, command).1
}

/// Removes a file an earlier run may have left; panics on any other error.
fn remove_if_present(path: &Path) {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => panic!("{}: {e}", path.display()),
        Ok(()) | Err(_) => {}
    }
}

/// Runs cargo on a generated crate with the workspace's target directory
/// (so that dependencies are built once); panics on failure or on any
/// warning. `rustdocflags` for `cargo doc`.
pub fn cargo(dir: &Path, args: &[&str], rustdocflags: Option<&str>) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = std::process::Command::new(cargo);
    cmd.args(args)
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", repo_root().join("target"));
    if let Some(flags) = rustdocflags {
        cmd.env("RUSTDOCFLAGS", flags);
    }
    let out = cmd.output().expect("cargo runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "cargo {args:?} failed:\n{stderr}");
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning"))
        .collect();
    assert!(warnings.is_empty(), "cargo {args:?} warned:\n{stderr}");
}

/// Builds the runner of the generated crate `name` in `dir`.
pub fn build_runner(dir: &Path, name: &str) {
    let example = format!("{name}-roundtrip");
    cargo(dir, &["build", "--quiet", "--example", &example], None);
}

/// What `conformance.py` said of a runner.
pub struct Conformance {
    /// Its last line: `N passed, N failed`.
    pub last: String,
    /// Everything it printed, for messages.
    pub stdout: String,
    /// Its report's failures (`{"id", "reason", "detail"}`).
    pub failures: Vec<serde_json::Value>,
    /// Every case of the fixtures, by id.
    pub cases: std::collections::BTreeMap<String, serde_json::Value>,
}

/// Runs every case of the fixtures in `fixtures` through the runner of the
/// generated crate `name` (built by [`build_runner`]).
pub fn conformance(shared: &Path, fixtures: &Path, name: &str) -> Conformance {
    let target = repo_root().join("target");
    let report = target.join(format!("{name}-conformance.json"));
    let runner = target
        .join("debug/examples")
        .join(format!("{name}-roundtrip{}", std::env::consts::EXE_SUFFIX));
    // A report an earlier run left must not pass for this one's.
    remove_if_present(&report);
    let out = std::process::Command::new("python3")
        .arg(shared.join("tools/conformance.py"))
        .arg("--fixtures")
        .arg(fixtures.join("fixtures.jsonl"))
        .arg("--models")
        .arg(fixtures.join("models.json"))
        .arg("--runner")
        .arg(&runner)
        .arg("--report")
        .arg(&report)
        .output()
        .expect("python3 runs conformance.py");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    // 0: every case passed; 1: some failed (the caller judges the figure);
    // anything else: a usage error or a runner that could not start.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "conformance.py ended with {}:\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let last = stdout.lines().last().unwrap_or_default().to_string();
    let report: serde_json::Value = std::fs::read_to_string(&report)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| panic!("no report from conformance.py:\n{stdout}"));
    // The runner answered every case and ended cleanly.
    assert_eq!(
        report["runner_warnings"],
        serde_json::json!([]),
        "{}",
        report["runner_stderr_tail"]
    );
    let failures = report["failures"].as_array().cloned().unwrap_or_default();
    let cases = std::fs::read_to_string(fixtures.join("fixtures.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_string(), v)
        })
        .collect();
    Conformance {
        last,
        stdout,
        failures,
        cases,
    }
}

/// Every object key in a JSON value, at any depth.
pub fn json_keys(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                out.insert(k.clone());
                json_keys(x, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| json_keys(x, out)),
        _ => {}
    }
}
