//! Stage 3: [`Ir`] → the files of a Rust crate. Knows Rust and serde, and
//! nothing of markdown: it reads only the IR.
//!
//! Code is built with `quote`, parsed by `syn` and printed by `prettyplease`,
//! so every emitted `.rs` file is syntactically valid and formatted the same
//! way on every run. One module per kind of output: `names` decides every
//! name first; `object`, `oneof`, `enumeration` and `union` build a
//! model's code; `krate` the crate's own files; `docs` turns the docs'
//! prose into rustdoc; `types` maps IR types to Rust types; `fit` how a
//! union ranks its members; [`groups`] cuts a big crate into cargo
//! features; [`api`] records the crate's public API for the change report.

pub mod api;
mod docs;
mod enumeration;
mod fit;
pub mod groups;
mod krate;
mod names;
mod object;
mod oneof;
mod types;
mod union;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::{Diagnostic, Error, Result};
use crate::ir::{Ir, Kind, Model};
pub use krate::API_FILE;
use names::{is_plain_ident, Names};
use types::Scope;

/// Options of the emitted crate.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    /// The package name, e.g. `conductorone-models`.
    pub crate_name: String,
    /// The command that regenerates the crate, quoted in headers.
    pub command: String,
}

/// The emitted crate: relative path → contents, sorted by path.
pub type Files = BTreeMap<String, String>;

/// The emitted crate and the renames that collisions forced.
#[derive(Debug, Clone)]
pub struct Emitted {
    /// The files.
    pub files: Files,
    /// A warning per name that had to change to stay unique.
    pub warnings: Vec<Diagnostic>,
}

/// What every part of the emitter reads.
struct Emit<'a> {
    ir: &'a Ir,
    names: &'a Names,
    options: &'a EmitOptions,
    /// Models that carry what unions need to judge fit (see [`fit`]).
    fitted: BTreeSet<String>,
    /// The crate's features (see [`groups`]).
    groups: groups::Groups,
}

/// Printed files: (path, text).
type Printed = Vec<(String, String)>;

/// Emits every file of the crate: what [`build`] then [`Syntax::format`]
/// do, model files spread over the machine's cores.
pub fn emit(ir: &Ir, options: &EmitOptions) -> Result<Emitted> {
    emit_over(ir, options, &BTreeMap::new())
}

/// [`emit`], over a crate whose models had the features `previous` (Rust
/// path → feature, as its `api.json` records them): each keeps its own.
pub fn emit_over(
    ir: &Ir,
    options: &EmitOptions,
    previous: &BTreeMap<String, String>,
) -> Result<Emitted> {
    check_crate_name(&options.crate_name)?;
    let names = Names::new(ir);
    let e = Emit::new(ir, &names, options, previous);
    // Token streams and syntax trees stay on the thread that made them;
    // only the printed text comes back, in job order (so the error reported
    // is the same on any machine).
    let jobs: Vec<usize> = (0..=ir.models.len()).collect();
    let printed: Vec<Result<Printed>> = crate::par_map(&jobs, |&job| {
        Ok(e.files_of_job(job)?
            .into_iter()
            .map(RustFile::print)
            .collect())
    });
    let mut files = Files::new();
    for batch in printed {
        files.extend(batch?);
    }
    files.extend(krate::text_files(&e));
    Ok(Emitted {
        files,
        warnings: names.warnings,
    })
}

/// The crate as syntax trees, before printing.
pub struct Syntax {
    rust: Vec<RustFile>,
    text: Files,
    warnings: Vec<Diagnostic>,
}

/// Builds the code of every file (quote → syn), checking that it parses,
/// on this thread.
pub fn build(ir: &Ir, options: &EmitOptions) -> Result<Syntax> {
    check_crate_name(&options.crate_name)?;
    let names = Names::new(ir);
    let e = Emit::new(ir, &names, options, &BTreeMap::new());
    let mut rust = Vec::new();
    for job in 0..=ir.models.len() {
        rust.extend(e.files_of_job(job)?);
    }
    Ok(Syntax {
        rust,
        text: krate::text_files(&e),
        warnings: names.warnings.clone(),
    })
}

impl Syntax {
    /// Prints every file (prettyplease).
    pub fn format(self) -> Emitted {
        let mut files: Files = self.rust.into_iter().map(RustFile::print).collect();
        files.extend(self.text);
        Emitted {
            files,
            warnings: self.warnings,
        }
    }
}

fn check_crate_name(name: &str) -> Result<()> {
    let mut chars = name.chars();
    let valid = matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let lib = name.replace('-', "_");
    if !valid || !is_plain_ident(&lib) || names::DEPENDENCIES.contains(&lib.as_str()) {
        return Err(Error::CrateName(name.to_string()));
    }
    Ok(())
}

impl<'a> Emit<'a> {
    fn new(
        ir: &'a Ir,
        names: &'a Names,
        options: &'a EmitOptions,
        previous: &BTreeMap<String, String>,
    ) -> Self {
        Emit {
            ir,
            names,
            options,
            fitted: fit::fitted(ir),
            groups: groups::plan_named(ir, names, previous),
        }
    }

    /// A model's rustdoc text: its description, and in a cut crate the
    /// feature that compiles it.
    fn model_doc(&self, model: &Model) -> String {
        let mut text = docs::model_doc(model);
        if let Some(f) = self.groups.feature(&model.key) {
            text.push_str(&format!(
                "\n\nNeeds the crate feature `{f}` (on by default)."
            ));
        }
        text
    }

    /// `#[cfg(feature = "...")]` for an item of a model, in a cut crate.
    fn cfg(&self, model: &Model) -> TokenStream {
        match self.groups.feature(&model.key) {
            Some(f) => quote!(#[cfg(feature = #f)]),
            None => TokenStream::new(),
        }
    }

    /// The Rust files of one job. Job 0 is the crate's own files (lib.rs,
    /// section modules and the runner); job i + 1 is model i.
    fn files_of_job(&self, job: usize) -> Result<Vec<RustFile>> {
        match job {
            0 => krate::crate_files(self),
            i => Ok(vec![self.model_file(&self.ir.models[i - 1])?]),
        }
    }

    /// The path of a model's file.
    fn model_path(&self, model: &Model) -> String {
        let module = self.names.module(&model.key);
        match &model.module {
            None => format!("src/{module}.rs"),
            Some(section) => format!("src/{}/{module}.rs", self.names.sections[section]),
        }
    }

    /// The file of one model.
    fn model_file(&self, model: &Model) -> Result<RustFile> {
        let path = self.model_path(model);
        let mut refs = BTreeSet::new();
        for ty in crate::ir::types_of(model) {
            types::collect_refs(ty, &mut refs);
        }
        let own = public_types(model, self.names);
        let scope = Scope::new(self.names, self.ir, model, &own, &refs);
        let body = match &model.kind {
            Kind::Object(o) => object::object(self, model, o, &scope),
            Kind::Enum(en) => enumeration::enumeration(self, model, en, &scope),
            Kind::Union(u) => union::union(self, model, u, &scope),
        };
        let imports = &scope.imports;
        let name = self.names.ty(&model.key);
        let tokens = quote! {
            #imports
            #body
            crate::json_entry_points!(#name);
        };
        let header = format!(
            "// @generated by codegen from {}. Do not edit: run `{}`.\n\n",
            model.source.file, self.options.command
        );
        Ok(RustFile {
            tree: parse_file(&path, tokens)?,
            path,
            header,
            trailer: String::new(),
        })
    }
}

/// The public types of a model's file: its own, and its oneofs' enums.
fn public_types(model: &Model, names: &Names) -> Vec<String> {
    let mut out = vec![names.ty_text(&model.key).to_string()];
    out.extend(names.parts(&model.key).oneofs.iter().map(|o| o.ty.clone()));
    out
}

/// `#[deprecated]` with the docs' note, if the docs deprecate the item.
fn deprecated_attr(note: Option<&str>) -> TokenStream {
    match note {
        None => TokenStream::new(),
        Some("") => quote!(#[deprecated]),
        Some(note) => quote!(#[deprecated(note = #note)]),
    }
}

/// One Rust file of the crate, before printing.
struct RustFile {
    path: String,
    /// Comment lines printed first.
    header: String,
    tree: syn::File,
    /// Text printed after the tree, laid out by hand.
    trailer: String,
}

impl RustFile {
    /// (path, text).
    fn print(self) -> (String, String) {
        let mut text = print_file(&self.header, self.tree);
        text.push_str(&self.trailer);
        (self.path, text)
    }
}

fn parse_file(path: &str, tokens: TokenStream) -> Result<syn::File> {
    syn::parse2::<syn::File>(tokens).map_err(|e| Error::Emit {
        file: path.to_string(),
        message: e.to_string(),
    })
}

fn print_file(header: &str, file: syn::File) -> String {
    // One item at a time, so that a blank line separates items.
    let mut template = file;
    let items = std::mem::take(&mut template.items);
    let mut attrs = std::mem::take(&mut template.attrs);
    let mut out = header.to_string();
    let mut prev: Option<bool> = None;
    for item in items {
        let is_use = matches!(item, syn::Item::Use(_));
        let is_mod_or_use = is_use || matches!(item, syn::Item::Mod(_));
        if prev.is_some() && !(is_use && prev == Some(true)) {
            out.push('\n');
        }
        prev = Some(is_mod_or_use);
        let single = syn::File {
            attrs: std::mem::take(&mut attrs),
            items: vec![item],
            ..template.clone()
        };
        out.push_str(&prettyplease::unparse(&single));
    }
    out
}
