//! Helpers of the tests that run the `codegen` command.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Runs the `codegen` binary from the workspace root.
pub fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("codegen runs")
}

/// Bytes a command printed, as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A one-doc spec in `tmp` with the given fields table rows and preamble.
pub fn tiny_spec(tmp: &Path, name: &str, preamble: &str, rows: &str) -> PathBuf {
    let spec = tmp.join("spec");
    fs::create_dir_all(spec.join("models/shared")).unwrap();
    let doc = format!(
        "# {name}\n\n{preamble}\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n{rows}"
    );
    fs::write(spec.join("models/shared/m.md"), doc).unwrap();
    spec
}
