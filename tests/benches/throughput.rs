//! Throughput of the generated types: generates the full-corpus crate (with
//! the overlay derived from the OpenAPI document) and the naive derive crate
//! of `../shared/tools/perf` into `target/perf/throughput`, then runs the
//! bench crate `perf/throughput` on them with `cargo bench`, passing on any
//! arguments (a divan filter, say). Needs `../shared`; says so and does
//! nothing without it.

use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let Some(shared) = e2e::shared_dir("the throughput benchmark") else {
        return ExitCode::SUCCESS;
    };
    let root = e2e::repo_root();
    let out = root.join("target/perf/throughput");
    let warnings = e2e::generate_corpus_crate(
        &shared,
        &out.join("generated"),
        "corpus-models",
        true,
        "cargo bench -p e2e --bench throughput",
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let naive = out.join("naive");
    let _ = std::fs::remove_dir_all(&naive);
    let status = Command::new("python3")
        .arg(shared.join("tools/perf/naive_derive_crate.py"))
        .arg(&naive)
        .args(["--derive", "full", "--layout", "split"])
        .status()
        .expect("python3 runs naive_derive_crate.py");
    assert!(status.success(), "naive_derive_crate.py failed");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "bench",
            "--quiet",
            "--bench",
            "throughput",
            "--manifest-path",
        ])
        .arg(root.join("perf/throughput/Cargo.toml"))
        .arg("--")
        .args(std::env::args().skip(1).filter(|a| a != "--bench"))
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env(
            "THROUGHPUT_FIXTURES",
            e2e::fixtures(&shared).join("fixtures.jsonl"),
        )
        .status()
        .expect("cargo runs");
    if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
