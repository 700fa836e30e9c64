//! Exact emitted code, as insta snapshots: the seed's family from `spec/`,
//! and a made-up spec (`tests/features/spec/`, a workshop inventory) that
//! uses every construct of the docs family the real spec does not (Python
//! notation of every era, TypeScript notation, tables by header, prose,
//! oneofs, enums and unions in every form, deprecation, operation and error
//! docs, the overlay's facts).

use std::path::Path;

use codegen::emit::{emit, EmitOptions, Files};

fn generate(spec: &str, crate_name: &str) -> (codegen::Loaded, Files) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(spec);
    let resolved = codegen::load(&dir, &[]).unwrap_or_else(|e| panic!("{e}"));
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
    let paths: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "Cargo.toml",
            "api.json",
            "examples/roundtrip.rs",
            "src/__rt.rs",
            "src/any_check.rs",
            "src/attachment.rs",
            "src/badge.rs",
            "src/bin.rs",
            "src/block.rs",
            "src/clamp.rs",
            "src/clamp_kind.rs",
            "src/coating.rs",
            "src/completion.rs",
            "src/condition.rs",
            "src/count.rs",
            "src/dimension.rs",
            "src/drill_bit.rs",
            "src/drill_bit_kind.rs",
            "src/errors.rs",
            "src/errors/error_detail.rs",
            "src/errors/tool_error.rs",
            "src/every_check.rs",
            "src/extent.rs",
            "src/fastener.rs",
            "src/finish.rs",
            "src/footprint.rs",
            "src/gauge.rs",
            "src/grip_style.rs",
            "src/inspection.rs",
            "src/job.rs",
            "src/kit.rs",
            "src/legacy_rack.rs",
            "src/lib.rs",
            "src/material.rs",
            "src/operations.rs",
            "src/operations/restock_request.rs",
            "src/operations/restock_response.rs",
            "src/quantity.rs",
            "src/reading.rs",
            "src/restock_request.rs",
            "src/rivet.rs",
            "src/screw.rs",
            "src/sensor.rs",
            "src/spacer.rs",
            "src/tool.rs",
            "src/tool_code.rs",
            "src/tool_state.rs",
            "src/torque.rs",
            "src/types.rs",
        ]
    );
    // One file per kind of construct (the whole crate is checked in, and
    // `cli.rs` checks it is up to date); the runtime files are left out.
    for path in [
        "Cargo.toml",
        "src/lib.rs",
        // An object: prose, an Example column, consts, nullables, keywords,
        // extra keys, a deprecated field, a self-reference.
        "src/tool.rs",
        // Numbers and dates, with the overlay's facts.
        "src/reading.rs",
        // Two oneofs, one member in a cycle.
        "src/job.rs",
        // TypeScript notation.
        "src/sensor.rs",
        // Unions: the old form (nested in `Quantity`), a docs tag, an
        // overlay tag, a union lifted from a cell.
        "src/dimension.rs",
        "src/attachment.rs",
        "src/fastener.rs",
        "src/tool_code.rs",
        // Enums: a Name|Value table with odd values, a numeric one.
        "src/tool_state.rs",
        "src/torque.rs",
        // A deprecated model with an empty table.
        "src/legacy_rack.rs",
        // Sections.
        "src/operations/restock_response.rs",
        "src/errors/tool_error.rs",
    ] {
        let name = format!("features__{}", path.replace(['/', '.'], "_"));
        insta::assert_snapshot!(name, files[path]);
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
        let resolved = codegen::load(&dir, &[]).unwrap_or_else(|e| panic!("{e}"));
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
