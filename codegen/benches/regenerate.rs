//! Regeneration, stage by stage: read, parse, resolve, build (quote → syn),
//! format (prettyplease), both in parallel (emit), write, and whole runs.
//!
//! Reads the full corpus in `../shared` (622 docs) when it is there, else
//! `spec/`, and says which; `scale` regenerates corpora of 622 and 3,067
//! docs for the time per MB. Run with `cargo bench -p codegen --bench
//! regenerate` (`-- scale` for that one alone).

use std::path::{Path, PathBuf};

use codegen::emit::{self, EmitOptions};
use codegen::overlay::Overlay;
use codegen::{ParsedSpec, Spec};
use divan::Bencher;

// The allocator `codegen` itself runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    eprintln!("regenerate: docs from {}", docs_dir().display());
    for name in SCALE {
        if let Some(dir) = corpus(name) {
            let spec = codegen::read_spec(&dir).expect("docs read");
            let bytes: usize = spec.sources.iter().map(|s| s.text.len()).sum();
            eprintln!(
                "scale: {name}: {} docs, {:.2} MB of markdown",
                spec.sources.len(),
                bytes as f64 / 1e6
            );
        }
    }
    divan::main();
}

fn docs_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let corpus = root.join("../shared/corpus/conductorone-python-0.14.8/docs");
    if corpus.is_dir() {
        corpus
    } else {
        eprintln!("regenerate: ../shared not found; benchmarking spec/ instead of the full corpus");
        root.join("spec")
    }
}

fn options() -> EmitOptions {
    EmitOptions {
        crate_name: "bench-models".into(),
        command: "cargo bench".into(),
    }
}

fn spec() -> Spec {
    codegen::read_spec(&docs_dir()).expect("docs read")
}

fn parsed() -> (Spec, ParsedSpec) {
    let spec = spec();
    let parsed = codegen::parse_spec(&spec);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    (spec, parsed)
}

fn resolved() -> codegen::Loaded {
    let (spec, parsed) = parsed();
    codegen::resolve_spec(&spec, &parsed, &Overlay::default()).expect("docs resolve")
}

#[divan::bench]
fn read() -> Spec {
    spec()
}

#[divan::bench]
fn parse(bencher: Bencher) {
    let spec = spec();
    bencher.bench(|| codegen::parse_spec(divan::black_box(&spec)));
}

#[divan::bench]
fn resolve(bencher: Bencher) {
    let (spec, parsed) = parsed();
    bencher.bench(|| {
        codegen::resolve_spec(&spec, divan::black_box(&parsed), &Overlay::default()).unwrap()
    });
}

#[divan::bench]
fn build(bencher: Bencher) {
    let ir = resolved().ir;
    bencher.bench(|| emit::build(divan::black_box(&ir), &options()).unwrap());
}

#[divan::bench]
fn format(bencher: Bencher) {
    let ir = resolved().ir;
    bencher
        .with_inputs(|| emit::build(&ir, &options()).unwrap())
        .bench_values(|syntax| syntax.format());
}

/// `build` and `format` together, as `codegen generate` runs them: model
/// files spread over the cores.
#[divan::bench]
fn emit(bencher: Bencher) {
    let ir = resolved().ir;
    bencher.bench(|| emit::emit(divan::black_box(&ir), &options()).unwrap());
}

#[divan::bench]
fn write(bencher: Bencher) {
    let files = emit::emit(&resolved().ir, &options()).unwrap().files;
    bencher
        .with_inputs(|| tempfile::tempdir().unwrap())
        .bench_values(|dir| {
            codegen::output::write(&dir.path().join("out"), &files).unwrap();
            dir
        });
}

/// Everything a `codegen generate` does, into a fresh directory.
#[divan::bench]
fn whole_run(bencher: Bencher) {
    let dir = docs_dir();
    bencher
        .with_inputs(|| tempfile::tempdir().unwrap())
        .bench_values(|out| {
            let resolved = codegen::load(&dir, &[]).unwrap();
            let files = emit::emit(&resolved.ir, &options()).unwrap().files;
            codegen::output::write(&out.path().join("out"), &files).unwrap();
            out
        });
}

/// A regeneration that changes nothing: it must not rewrite a file.
#[divan::bench]
fn no_op_run(bencher: Bencher) {
    let dir = docs_dir();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("out");
    let files = emit::emit(&resolved().ir, &options()).unwrap().files;
    codegen::output::write(&target, &files).unwrap();
    bencher.bench(|| {
        let resolved = codegen::load(&dir, &[]).unwrap();
        let files = emit::emit(&resolved.ir, &options()).unwrap().files;
        codegen::output::write(&target, &files).unwrap();
    });
}

/// The corpora the scale benchmark regenerates, smallest first.
const SCALE: &[&str] = &["conductorone-python-0.14.8", "airbyte-python-1.0.2"];

/// A corpus of `../shared`, if it is there.
fn corpus(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus")
        .join(name)
        .join("docs");
    dir.is_dir().then_some(dir)
}

/// Whole regenerations in memory (read, parse, resolve, emit) of corpora
/// of different sizes, for the time per MB of docs: `main` prints each
/// corpus's size. Skipped without `../shared`.
#[divan::bench(args = SCALE, sample_count = 10)]
fn scale(bencher: Bencher, name: &str) {
    let Some(dir) = corpus(name) else {
        return;
    };
    bencher.bench(|| {
        let spec = codegen::read_spec(&dir).unwrap();
        let loaded = codegen::load_spec(&spec, &Overlay::default()).unwrap();
        emit::emit(&loaded.ir, &options()).unwrap()
    });
}
