//! The whole real corpus (622 docs) as one generated crate: it builds and
//! documents without a warning, and its runner passes every fixture.
//!
//! The crate is generated at test time into `target/` (it holds the corpus's
//! own descriptions, which are not ours to check in) and built with the
//! workspace's target directory, so its dependencies are shared.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Generates the corpus crate `name` under `target/`; returns its directory.
fn generate(shared: &Path, name: &str, with_overlay: bool) -> PathBuf {
    let dir = e2e::repo_root().join("target").join(name);
    let command = "cargo test -p e2e --test corpus_crate";
    let warnings = e2e::generate_corpus_crate(shared, &dir, name, with_overlay, command);
    assert!(warnings.is_empty(), "{warnings:?}");
    dir
}

/// Runs cargo on the generated crate; panics on failure or on a warning.
fn cargo(dir: &Path, args: &[&str], rustdocflags: Option<&str>) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args(args)
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", e2e::repo_root().join("target"));
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

/// Runs every fixture through the crate's runner; returns the closing line.
fn conformance(shared: &Path, name: &str) -> (bool, String, String) {
    let runner = e2e::repo_root()
        .join("target/debug/examples")
        .join(format!("{name}-roundtrip{}", std::env::consts::EXE_SUFFIX));
    let fixtures = e2e::fixtures(shared);
    let out = Command::new("python3")
        .arg(shared.join("tools/conformance.py"))
        .arg("--fixtures")
        .arg(fixtures.join("fixtures.jsonl"))
        .arg("--models")
        .arg(fixtures.join("models.json"))
        .arg("--runner")
        .arg(&runner)
        .output()
        .expect("python3 runs conformance.py");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let last = stdout.lines().last().unwrap_or_default().to_string();
    (out.status.success(), last, stdout)
}

#[test]
fn corpus_crate_with_the_openapi_overlay_passes_every_fixture() {
    let Some(shared) = e2e::shared_dir("corpus_crate_with_the_openapi_overlay") else {
        return;
    };
    let name = "corpus-models";
    let dir = generate(&shared, name, true);
    cargo(
        &dir,
        &[
            "build",
            "--quiet",
            "--example",
            &format!("{name}-roundtrip"),
        ],
        None,
    );
    let (ok, last, stdout) = conformance(&shared, name);
    assert!(ok && last == "2314 passed, 0 failed", "{stdout}");
    cargo(&dir, &["doc", "--quiet", "--no-deps"], Some("-D warnings"));
}

/// The docs alone (no overlay): run by hand, it is a second full build.
/// `cargo test -p e2e --test corpus_crate -- --ignored`
#[test]
#[ignore = "a second build of the corpus crate; the figure is in the README"]
fn corpus_crate_from_the_docs_alone() {
    let Some(shared) = e2e::shared_dir("corpus_crate_from_the_docs_alone") else {
        return;
    };
    let name = "corpus-docs-only";
    let dir = generate(&shared, name, false);
    cargo(
        &dir,
        &[
            "build",
            "--quiet",
            "--example",
            &format!("{name}-roundtrip"),
        ],
        None,
    );
    let (_, last, stdout) = conformance(&shared, name);
    assert_eq!(last, "2015 passed, 299 failed", "{stdout}");
}

/// The earlier versions of the docs (2023-09, 2023-10, 2024-04) each give a
/// crate that builds and documents without a warning. Checked, not built:
/// `cargo check` reports every warning a build would.
#[test]
fn every_earlier_version_builds_and_documents_without_a_warning() {
    let Some(shared) = e2e::shared_dir("every_earlier_version_builds") else {
        return;
    };
    for version in ["0.1.2", "0.5.2", "0.13.7"] {
        let docs = shared.join(format!("corpus/conductorone-python-{version}/docs"));
        let name = format!("conductorone-{}", version.replace('.', "-"));
        let dir = e2e::repo_root().join("target/versions").join(&name);
        let command = "cargo test -p e2e --test corpus_crate";
        let (_, warnings) = e2e::generate_crate(&docs, None, &dir, &name, command);
        // The generator's own warnings are the keys the docs cannot tell.
        assert!(
            warnings
                .iter()
                .all(|w| w.message.contains("is named after its type")),
            "{version}: {warnings:?}"
        );
        cargo(&dir, &["check", "--quiet", "--all-targets"], None);
        cargo(&dir, &["doc", "--quiet", "--no-deps"], Some("-D warnings"));
    }
}
