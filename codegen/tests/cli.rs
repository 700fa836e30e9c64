//! The `codegen` command: generate, --check, ir, and its errors.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("codegen runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Copies a directory tree, entries in the given order.
fn copy_tree(from: &Path, to: &Path, reverse: bool) {
    fs::create_dir_all(to).unwrap();
    let mut entries: Vec<_> = fs::read_dir(from)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    if reverse {
        entries.reverse();
    }
    for path in entries {
        let dest = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &dest, reverse);
        } else {
            fs::copy(&path, &dest).unwrap();
        }
    }
}

/// A copy of `spec/` in `tmp` whose doc `doc` is rewritten by `edit`.
fn edited_spec(tmp: &Path, doc: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let spec = tmp.join("spec");
    copy_tree(&root().join("spec"), &spec, false);
    let path = spec.join("models/shared").join(doc);
    let text = edit(fs::read_to_string(&path).unwrap());
    fs::write(&path, text).unwrap();
    spec
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn checked_in_output_matches_the_spec() {
    let out = codegen(&["generate", "--check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The spec's overlay states what the docs cannot: no warnings.
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn checked_in_test_crates_match_their_specs() {
    for (dir, name) in [("features", "features-models"), ("hard", "hard-models")] {
        let spec = format!("tests/{dir}/spec");
        let out = format!("tests/{dir}/crate");
        let o = codegen(&[
            "generate",
            "--check",
            "--spec",
            &spec,
            "--out",
            &out,
            "--crate-name",
            name,
        ]);
        assert!(o.status.success(), "{dir}: {}", text(&o.stderr));
    }
}

#[test]
fn check_fails_after_a_spec_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = edited_spec(tmp.path(), "accept.md", |t| {
        t.replace("# Accept\n\n", "# Accept\n\nNew words. ")
    });
    let out = codegen(&["generate", "--check", "--spec", spec.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("  changed: src/accept.rs\n"), "{stderr}");
    assert!(!stderr.contains("src/policy.rs"), "{stderr}");
    assert!(
        stderr.contains("cargo run -p codegen -- generate"),
        "{stderr}"
    );
}

#[test]
fn generate_is_deterministic_and_replaces_the_whole_output() {
    let tmp = tempfile::tempdir().unwrap();
    let (forward, backward) = (tmp.path().join("a"), tmp.path().join("b"));
    copy_tree(&root().join("spec"), &forward, false);
    copy_tree(&root().join("spec"), &backward, true);
    let out_a = tmp.path().join("out-a");
    let out_b = tmp.path().join("out-b");
    fs::create_dir_all(out_a.join("src")).unwrap();
    fs::write(out_a.join("src/stale_model.rs"), "// gone soon").unwrap();
    for (spec, out) in [(&forward, &out_a), (&backward, &out_b)] {
        let o = codegen(&[
            "generate",
            "--spec",
            spec.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", text(&o.stderr));
    }
    let a = snapshot(&out_a);
    assert_eq!(a, snapshot(&out_b), "output depends on directory order");
    assert!(!out_a.join("src/stale_model.rs").exists());
    assert_eq!(
        a,
        snapshot(&root().join("generated")),
        "output depends on where spec is"
    );
    assert_eq!(a.len(), 31);
    // No temporary directories are left beside the output.
    let left: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 4, "{left:?}");
}

#[test]
fn bad_input_names_file_line_and_text_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = edited_spec(tmp.path(), "rule.md", |t| {
        t.replace(
            "| `condition` | *Optional[str]* |",
            "| `condition` | *Optional[str* |",
        )
    });
    let out = tmp.path().join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("keep.txt"), "untouched").unwrap();
    let before = snapshot(&out);
    let o = codegen(&[
        "generate",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = text(&o.stderr);
    assert!(
        stderr
            .contains("models/shared/rule.md:10:17: field `condition`: bad type `*Optional[str*`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("| `condition` | *Optional[str* |"),
        "{stderr}"
    );
    assert_eq!(snapshot(&out), before);
    assert_eq!(
        fs::read_dir(tmp.path()).unwrap().count(),
        2,
        "a temporary directory was left"
    );
}

#[test]
fn unresolvable_names_are_warned_and_the_overlay_settles_them() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty.toml");
    fs::write(&empty, "").unwrap();
    let o = codegen(&["ir", "--overlay", empty.to_str().unwrap()]);
    assert!(o.status.success());
    let stderr = text(&o.stderr);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert!(warnings[0].starts_with(
        "warning: models/shared/provision.md:10: field `Provision.provision_policy` is named after its type"
    ));
    assert!(warnings[1].contains("provision.md:11: field `Provision.provision_target`"));

    let stale = tmp.path().join("stale.toml");
    fs::write(&stale, "[models.Provision.fields.gone]\nwire = \"x\"\n").unwrap();
    let o = codegen(&["ir", "--overlay", stale.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("overlay names field `Provision.gone`"));
}

#[test]
fn ir_prints_the_models_as_json() {
    let o = codegen(&["ir"]);
    assert!(o.status.success());
    let ir: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let models = ir["models"].as_array().unwrap();
    assert_eq!(models.len(), 28);
    let provision = models.iter().find(|m| m["name"] == "Provision").unwrap();
    let fields = &provision["kind"]["object"]["fields"];
    assert_eq!(fields[0]["wire"], "provisionPolicy");
    assert_eq!(fields[0]["ty"]["ref"], "ProvisionPolicy");
}

/// A one-doc spec in `tmp` with the given fields table rows and preamble.
fn tiny_spec(tmp: &Path, name: &str, preamble: &str, rows: &str) -> PathBuf {
    let spec = tmp.join("spec");
    fs::create_dir_all(spec.join("models/shared")).unwrap();
    let doc = format!(
        "# {name}\n\n{preamble}\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n{rows}"
    );
    fs::write(spec.join("models/shared/m.md"), doc).unwrap();
    spec
}

#[test]
fn colliding_names_are_renamed_with_a_warning() {
    let cases = [
        (
            "This message contains a oneof named kind. Only a single field of the following list may be set at a time:\n  - a",
            "| `a` | *OptionalNullable[str]* | :heavy_minus_sign: | x |\n| `kind` | *Optional[str]* | :heavy_minus_sign: | x |\n",
            "",
            "warning: models/shared/m.md:3: `kind` is taken in the generated code: named `kind_oneof`",
        ),
        (
            "This message contains a oneof named o. Only a single field of the following list may be set at a time:\n  - fooBar\n  - foo_bar",
            "| `foo_bar` | *OptionalNullable[str]* | :heavy_minus_sign: | x |\n| `other` | *OptionalNullable[str]* | :heavy_minus_sign: | x |\n",
            "[models.M.fields.other]\nwire = \"foo_bar\"\n",
            "warning: models/shared/m.md:3: `FooBar` is taken in the generated code: named `FooBar2`",
        ),
    ];
    for (preamble, rows, overlay, expected) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let spec = tiny_spec(tmp.path(), "M", preamble, rows);
        fs::write(spec.join("overlay.toml"), overlay).unwrap();
        let out = tmp.path().join("out");
        let o = codegen(&[
            "generate",
            "--spec",
            spec.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        let stderr = text(&o.stderr);
        assert!(o.status.success(), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
    }
    let o = codegen(&["generate", "--check", "--crate-name", "1abc"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("invalid crate name `1abc`"));
}

#[test]
fn an_overlaid_key_is_not_reassigned_by_member_matching() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tiny_spec(
        tmp.path(),
        "M",
        "This message contains a oneof named until. Only a single field of the following list may be set at a time:\n  - condition",
        "| `wait_condition` | *OptionalNullable[str]* | :heavy_minus_sign: | x |\n",
    );
    let o = codegen(&["ir", "--spec", spec.to_str().unwrap()]);
    let ir: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        ir["models"][0]["kind"]["object"]["fields"][0]["wire"],
        "condition"
    );
    fs::write(
        spec.join("overlay.toml"),
        "[models.M.fields.wait_condition]\nwire = \"waitCondition\"\n",
    )
    .unwrap();
    let o = codegen(&["ir", "--spec", spec.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains(
            "models/shared/m.md:3: cannot tell which field carries oneof member(s) `condition`"
        ),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn a_failed_swap_keeps_the_output_and_what_cargo_put_there() {
    // Renaming the working directory itself fails (EBUSY on Linux).
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    fs::create_dir_all(out.join("target")).unwrap();
    fs::write(out.join("target/keep"), "cargo's").unwrap();
    fs::write(out.join("Cargo.toml"), "old").unwrap();
    let before = snapshot(&out);
    let o = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .current_dir(&out)
        .args([
            "generate",
            "--spec",
            root().join("spec").to_str().unwrap(),
            "--out",
            ".",
        ])
        .output()
        .unwrap();
    if o.status.success() {
        // Some filesystems allow it; then the output must be complete and
        // cargo's directory carried over.
        assert!(out.join("src/lib.rs").exists() || tmp.path().join("src/lib.rs").exists());
        return;
    }
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert_eq!(snapshot(&out), before);
}

#[test]
fn regeneration_keeps_what_cargo_put_in_the_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    fs::create_dir_all(out.join("target/debug")).unwrap();
    fs::write(out.join("target/debug/artifact"), "built").unwrap();
    let o = codegen(&["generate", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        fs::read_to_string(out.join("target/debug/artifact")).unwrap(),
        "built"
    );
    let o = codegen(&["generate", "--check", "--out", out.to_str().unwrap()]);
    assert!(
        o.status.success(),
        "target/ must not count as drift: {}",
        text(&o.stderr)
    );
}

#[test]
fn overlay_is_derived_from_an_openapi_document() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tiny_spec(
        tmp.path(),
        "Thing",
        "A thing.",
        "| `thing_state` | [Optional[shared.ThingState]](./thingstate.md) | :heavy_minus_sign: | x |\n\
         | `size` | *Optional[int]* | :heavy_minus_sign: | x |\n\
         | `name` | *Optional[str]* | :heavy_minus_sign: | x |\n",
    );
    fs::write(
        spec.join("models/shared/thingstate.md"),
        "# ThingState\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `ok` | *Optional[bool]* | :heavy_minus_sign: | x |\n",
    )
    .unwrap();
    let openapi = tmp.path().join("api.yaml");
    fs::write(
        &openapi,
        "openapi: 3.1.0\ncomponents:\n  schemas:\n    v1.Thing:\n      type: object\n      properties:\n        \
         current:\n          $ref: '#/components/schemas/v1.ThingState'\n        size:\n          type: string\n          \
         format: int64\n        name:\n          type: string\n    v1.ThingState:\n      type: object\n      properties:\n        \
         ok:\n          type: boolean\n",
    )
    .unwrap();
    let out = tmp.path().join("overlay.toml");
    let o = codegen(&[
        "overlay",
        "--openapi",
        openapi.to_str().unwrap(),
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        "# Facts the docs lack, derived from api.yaml by `codegen overlay`.\n\n\
         [models.Thing.fields.size]\nint64 = true\n\n\
         [models.Thing.fields.thing_state]\nwire = \"current\"\n"
    );
    // With it, the field named after its type is settled, not inferred.
    let o = codegen(&[
        "ir",
        "--spec",
        spec.to_str().unwrap(),
        "--overlay",
        out.to_str().unwrap(),
    ]);
    assert_eq!(text(&o.stderr), "");
    let ir: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let thing = &ir["models"][0]["kind"]["object"]["fields"];
    assert_eq!(thing[0]["wire"], "current");
    assert_eq!(thing[0]["wire_source"], "overlay");
    assert_eq!(thing[1]["ty"], "int64");
}

#[test]
fn regeneration_keeps_the_mtime_of_unchanged_files() {
    use std::time::{Duration, SystemTime};
    let tmp = tempfile::tempdir().unwrap();
    let spec = edited_spec(tmp.path(), "accept.md", |t| t);
    let out = tmp.path().join("out");
    let generate = || {
        let o = codegen(&[
            "generate",
            "--spec",
            spec.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", text(&o.stderr));
    };
    generate();
    let mtime = |p: &str| fs::metadata(out.join(p)).unwrap().modified().unwrap();
    // Back-date every file, so that any rewrite shows.
    let old = SystemTime::now() - Duration::from_secs(3600);
    for (path, _) in snapshot(&out) {
        let f = fs::File::options()
            .write(true)
            .open(out.join(&path))
            .unwrap();
        f.set_modified(old).unwrap();
    }
    generate();
    assert_eq!(
        mtime("src/accept.rs"),
        old,
        "a no-op regeneration rewrote files"
    );
    let doc = spec.join("models/shared/accept.md");
    let edited = fs::read_to_string(&doc)
        .unwrap()
        .replace("# Accept\n\n", "# Accept\n\nNew. ");
    fs::write(&doc, edited).unwrap();
    generate();
    assert_ne!(mtime("src/accept.rs"), old);
    assert_eq!(
        mtime("src/policy.rs"),
        old,
        "an unchanged file was rewritten"
    );
}
