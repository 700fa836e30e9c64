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

/// Writes a TypeScript-flavoured model doc into the spec `spec`
/// (`sdk/models/shared/<title>.md`): `# title`, the description `about` if
/// any, and a fields table of `rows` (name, type, description). A type
/// that starts with a capital is a link to that model's doc; any other is
/// written as given (`*string*`).
pub fn ts_doc(spec: &Path, title: &str, about: &str, rows: &[(&str, &str, &str)]) {
    let shared = spec.join("sdk/models/shared");
    fs::create_dir_all(&shared).unwrap();
    let mut doc = format!("# {title}\n\n");
    if !about.is_empty() {
        doc += &format!("{about}\n\n");
    }
    doc += "## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n";
    for (name, ty, description) in rows {
        let ty = if ty.starts_with(|c: char| c.is_ascii_uppercase()) {
            format!(
                "[shared.{ty}](../../../sdk/models/shared/{}.md)",
                ty.to_lowercase()
            )
        } else {
            ty.to_string()
        };
        doc += &format!("| `{name}` | {ty} | :heavy_minus_sign: | {description} |\n");
    }
    fs::write(shared.join(format!("{}.md", title.to_lowercase())), doc).unwrap();
}
