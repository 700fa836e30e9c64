//! Exact emitted code, as insta snapshots: the seed's family from `spec/`,
//! and a made-up spec (`tests/features/spec/`) that uses every construct of the
//! dialect the real spec does not (integers, nullable scalars, keywords,
//! `@` keys, maps, extra properties, an inline cycle, an enum with a
//! clashing `UNKNOWN` value, code-like text in descriptions).

use std::path::Path;

use codegen::emit::{emit, EmitOptions, Files};

fn generate(spec: &str, crate_name: &str) -> (codegen::Loaded, Files) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(spec);
    let resolved = codegen::load(&dir, None).unwrap_or_else(|e| panic!("{e}"));
    let options = EmitOptions {
        crate_name: crate_name.into(),
        command: "cargo run -p codegen -- generate".into(),
    };
    let files = emit(&resolved.ir, &options)
        .unwrap_or_else(|e| panic!("{e}"))
        .files;
    (resolved, files)
}

#[test]
fn seed_family() {
    let (_, files) = generate("../spec", "conductorone-models");
    for module in [
        "provision_policy",
        "connector_provision",
        "delegated_provision",
        "external_ticket_provision",
        "manual_provision",
        "multi_step",
        "webhook_provision",
    ] {
        insta::assert_snapshot!(module, files[&format!("src/{module}.rs")]);
    }
}

#[test]
fn features() {
    let (resolved, files) = generate("../tests/features/spec", "features-models");
    let paths: Vec<&String> = files.keys().collect();
    assert_eq!(
        paths,
        [
            "Cargo.toml",
            "examples/roundtrip.rs",
            "src/__rt.rs",
            "src/gadget.rs",
            "src/lib.rs",
            "src/types.rs",
            "src/widget.rs",
            "src/widget_kind.rs"
        ]
    );
    for (path, text) in &files {
        let name = format!("features__{}", path.replace(['/', '.'], "_"));
        insta::assert_snapshot!(name, text);
    }
    let ir = serde_json::to_string_pretty(&resolved.ir).unwrap();
    insta::assert_snapshot!("features__ir", ir);
    let warnings: Vec<String> = resolved.warnings.iter().map(|w| w.to_string()).collect();
    insta::assert_snapshot!("features__warnings", warnings.join("\n"));
}

/// The benchmarked stages, `build` then `format` on one thread, write the
/// same files as `emit`, which runs them spread over the cores.
#[test]
fn build_then_format_is_emit() {
    for (spec, name) in [
        ("../spec", "conductorone-models"),
        ("../tests/hard/spec", "hard-models"),
    ] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(spec);
        let resolved = codegen::load(&dir, None).unwrap_or_else(|e| panic!("{e}"));
        let options = EmitOptions {
            crate_name: name.into(),
            command: "cargo run -p codegen -- generate".into(),
        };
        let emitted = emit(&resolved.ir, &options).unwrap();
        let staged = codegen::emit::build(&resolved.ir, &options)
            .unwrap()
            .format();
        assert_eq!(staged.files, emitted.files, "{spec}");
        assert_eq!(staged.warnings, emitted.warnings, "{spec}");
    }
}
