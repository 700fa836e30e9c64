//! The broken-docs corpus (`tests/broken/<case>/`): each case is a spec
//! with one kind of mistake (or, in `many_problems`, several) and an
//! `expected.txt` of messages. `codegen generate` must exit 1, print every
//! expected message, and leave the output directory byte for byte as it was.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::snapshot;

#[test]
fn every_broken_doc_is_a_clear_error_and_writes_nothing() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/broken");
    let mut cases: Vec<PathBuf> = fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert_eq!(cases.len(), 22, "cases in {}", corpus.display());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expected = fs::read_to_string(case.join("expected.txt")).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        fs::create_dir_all(out.join("src")).unwrap();
        fs::write(out.join("src/lib.rs"), "// the previous output\n").unwrap();
        fs::write(out.join("Cargo.toml"), "[package]\n").unwrap();
        let before = snapshot(&out);
        let o = Command::new(env!("CARGO_BIN_EXE_codegen"))
            .args(["generate", "--spec"])
            .arg(case)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        if o.status.code() != Some(1) {
            failures.push(format!("{name}: exit {:?}\n{stderr}", o.status.code()));
        }
        for line in expected.lines().filter(|l| !l.is_empty()) {
            if !stderr.contains(line) {
                failures.push(format!("{name}: missing `{line}` in:\n{stderr}"));
            }
        }
        if snapshot(&out) != before {
            failures.push(format!("{name}: the output directory changed"));
        }
        if fs::read_dir(tmp.path()).unwrap().count() != 1 {
            failures.push(format!("{name}: something was left beside the output"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
