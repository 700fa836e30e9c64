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
    let spec = codegen::read_spec(docs).unwrap();
    let options = codegen::emit::EmitOptions {
        crate_name: name.into(),
        command: command.into(),
    };
    let generated = codegen::generate_spec(&spec, &overlay, dir, &options, false)
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
