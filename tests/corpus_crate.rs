//! The whole real corpus (622 docs) as one generated crate: it builds and
//! documents without a warning, and its runner passes every fixture.
//!
//! The crate is generated at test time into `target/` (it holds the corpus's
//! own descriptions, which are not ours to check in) and built with the
//! workspace's target directory, so its dependencies are shared.

use std::path::{Path, PathBuf};

/// Generates the corpus crate `name` under `target/`; returns its directory.
fn generate(shared: &Path, name: &str, with_overlay: bool) -> PathBuf {
    let dir = e2e::repo_root().join("target").join(name);
    let command = "cargo test -p e2e --test corpus_crate";
    let warnings = e2e::generate_corpus_crate(shared, &dir, name, with_overlay, command);
    assert!(warnings.is_empty(), "{warnings:?}");
    dir
}

#[test]
fn corpus_crate_with_the_openapi_overlay_passes_every_fixture() {
    let Some(shared) = e2e::shared_dir("corpus_crate_with_the_openapi_overlay") else {
        return;
    };
    let name = "corpus-models";
    let dir = generate(&shared, name, true);
    e2e::build_runner(&dir, name);
    let c = e2e::conformance(&shared, &e2e::fixtures(&shared), name);
    assert_eq!(c.last, "2314 passed, 0 failed", "{}", c.stdout);
    e2e::cargo(&dir, &["doc", "--quiet", "--no-deps"], Some("-D warnings"));
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
    e2e::build_runner(&dir, name);
    let c = e2e::conformance(&shared, &e2e::fixtures(&shared), name);
    assert_eq!(c.last, "2015 passed, 299 failed", "{}", c.stdout);
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
        e2e::cargo(&dir, &["check", "--quiet", "--all-targets"], None);
        e2e::cargo(&dir, &["doc", "--quiet", "--no-deps"], Some("-D warnings"));
    }
}
