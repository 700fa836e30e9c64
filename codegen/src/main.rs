//! `codegen`: regenerate, check or inspect the model crate.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use codegen::emit::EmitOptions;
use codegen::{Diagnostic, Result};

// Building and printing the code allocates millions of small token and
// syntax nodes; mimalloc makes regeneration markedly faster than the system
// allocator (see the `regenerate` bench).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The command that regenerates the checked-in crate.
const REGENERATE: &str = "cargo run -p codegen -- generate";

#[derive(Parser)]
#[command(version, about = "Generate Rust model types from SDK model docs")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Rewrite the output crate from the spec (or, with --check, compare).
    Generate {
        #[command(flatten)]
        input: Input,
        /// The crate directory to write.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// The package name of the crate.
        #[arg(long, default_value = "conductorone-models")]
        crate_name: String,
        /// Write nothing; exit 1 if the output differs from what the spec produces.
        #[arg(long)]
        check: bool,
        /// Also write what the run changed in the crate's public API (against
        /// the API the output crate recorded in its `api.json`) to this file:
        /// JSON if it ends in `.json`, else markdown.
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Report what changes in the generated crate's public API between two
    /// specs (or recorded `api.json` files), breaking or not, and the semver
    /// bump that calls for.
    Diff {
        /// The spec before (a docs folder), or a crate's `api.json`.
        #[arg(long)]
        old: PathBuf,
        /// The spec after (a docs folder), or a crate's `api.json`.
        #[arg(long)]
        new: PathBuf,
        /// The overlays of the old spec, each over the ones before
        /// [default: OLD/overlay.toml, then OLD/overlay.hand.toml, if present].
        #[arg(long)]
        old_overlay: Vec<PathBuf>,
        /// The overlays of the new spec, each over the ones before
        /// [default: NEW/overlay.toml, then NEW/overlay.hand.toml, if present].
        #[arg(long)]
        new_overlay: Vec<PathBuf>,
        /// Markdown (for a pull request) or JSON (for tools).
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
    },
    /// Print the IR as JSON.
    Ir {
        #[command(flatten)]
        input: Input,
    },
    /// Derive the overlay (facts the docs lack) from an OpenAPI document.
    Overlay {
        /// The API's OpenAPI document (YAML or JSON).
        #[arg(long)]
        openapi: PathBuf,
        /// The model docs: the SDK's `docs` or `docs/models` folder, or a
        /// folder holding a `models` folder.
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
        /// Where to write the overlay (TOML).
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Markdown,
    Json,
}

#[derive(Args)]
struct Input {
    /// The model docs: the SDK's `docs` or `docs/models` folder, or a folder
    /// holding a `models` folder.
    #[arg(long, default_value = "spec")]
    spec: PathBuf,
    /// A TOML file of facts the docs lack; repeat it to stack files, each
    /// over the ones before [default: SPEC/overlay.toml, then
    /// SPEC/overlay.hand.toml, those present].
    #[arg(long)]
    overlay: Vec<PathBuf>,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn print(kind: &str, diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{kind}: {d}");
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Overlay { openapi, spec, out } => {
            // From the docs alone, so that the result does not depend on a
            // previous overlay.
            let loaded = codegen::load_spec(&codegen::read_spec(&spec)?, &Default::default())?;
            let text = std::fs::read_to_string(&openapi).map_err(|e| codegen::Error::Io {
                path: openapi.clone(),
                source: e,
            })?;
            let (overlay, report) = codegen::openapi::derive_overlay(&loaded.ir, &openapi, &text)?;
            let body = format!(
                "# Facts the docs lack, derived from {} by `codegen overlay`.\n\n{}",
                openapi
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default(),
                overlay.to_toml()
            );
            std::fs::write(&out, body).map_err(|e| codegen::Error::Io {
                path: out.clone(),
                source: e,
            })?;
            eprintln!(
                "wrote {}: {} models matched to schemas, {} keys, {} int64 fields",
                out.display(),
                report.matched_models,
                report.wires,
                report.int64
            );
            if !report.unmatched_models.is_empty() {
                eprintln!(
                    "models no schema matches, the docs alone decide ({}): {}",
                    report.unmatched_models.len(),
                    report.unmatched_models.join(", ")
                );
            }
            if !report.unsettled.is_empty() {
                eprintln!(
                    "inferred keys the schemas do not settle ({}): {}",
                    report.unsettled.len(),
                    report.unsettled.join(", ")
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Ir { input } => {
            let loaded = codegen::load(&input.spec, &input.overlay)?;
            print("note", &loaded.notes);
            print("warning", &loaded.warnings);
            let json = serde_json::to_string_pretty(&loaded.ir).expect("IR serializes");
            println!("{json}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff {
            old,
            new,
            old_overlay,
            new_overlay,
            format,
        } => {
            let (old_api, old_notes) = api_of(&old, &old_overlay, &Default::default())?;
            // The new crate keeps the features the old one gave its models.
            let (new_api, new_notes) = api_of(&new, &new_overlay, &old_api.features())?;
            for w in old_notes.iter().chain(&new_notes) {
                eprintln!("warning: {w}");
            }
            let report = codegen::diff::diff(
                &old_api,
                &new_api,
                &old.display().to_string(),
                &new.display().to_string(),
            );
            print!("{}", render(&report, format));
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate {
            input,
            out,
            crate_name,
            check,
            report,
        } => {
            let job = codegen::Generate {
                spec: input.spec.clone(),
                overlays: input.overlay,
                out: out.clone(),
                emit: EmitOptions {
                    crate_name,
                    command: REGENERATE.to_string(),
                },
                check,
            };
            let generated = codegen::generate(&job)?;
            if let Some(path) = &report {
                let format = if path.extension().is_some_and(|e| e == "json") {
                    Format::Json
                } else {
                    Format::Markdown
                };
                std::fs::write(path, render(&generated.report, format)).map_err(|e| {
                    codegen::Error::Io {
                        path: path.clone(),
                        source: e,
                    }
                })?;
            }
            print("note", &generated.loaded.notes);
            print("warning", &generated.loaded.warnings);
            print("warning", &generated.renames);
            if check {
                if generated.drift.is_empty() {
                    return Ok(ExitCode::SUCCESS);
                }
                eprintln!(
                    "{} is out of date with {}:",
                    out.display(),
                    input.spec.display()
                );
                for d in &generated.drift {
                    eprintln!("  {d}");
                }
                eprintln!("Run `{REGENERATE}` to update it.");
                return Ok(ExitCode::from(1));
            }
            eprintln!(
                "{}",
                codegen::summary(&generated.loaded, generated.renames.len())
            );
            eprintln!(
                "wrote {} files to {} ({} models)",
                generated.files,
                out.display(),
                generated.loaded.ir.models.len()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The API a path stands for: a recorded `api.json`, or the crate a spec
/// gives; with the spec's warnings.
fn api_of(
    path: &std::path::Path,
    overlays: &[PathBuf],
    previous: &std::collections::BTreeMap<String, String>,
) -> Result<(codegen::emit::api::Api, Vec<Diagnostic>)> {
    if path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|e| codegen::Error::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        let api = serde_json::from_str(&text).map_err(|e| codegen::Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(format!("not an api.json: {e}")),
        })?;
        return Ok((api, Vec::new()));
    }
    let loaded = codegen::load(path, overlays)?;
    Ok((
        codegen::emit::api::api_over(&loaded.ir, previous),
        loaded.warnings,
    ))
}

fn render(report: &codegen::diff::Report, format: Format) -> String {
    match format {
        Format::Markdown => report.markdown(),
        Format::Json => {
            let mut text = serde_json::to_string_pretty(report).expect("a report serializes");
            text.push('\n');
            text
        }
    }
}
