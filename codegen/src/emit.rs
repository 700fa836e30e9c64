//! Stage 3: [`Ir`] → the files of a Rust crate. Knows Rust and serde, and
//! nothing of markdown: it reads only the IR.
//!
//! Code is built with `quote`, parsed by `syn` and printed by `prettyplease`,
//! so every emitted `.rs` file is syntactically valid and formatted the same
//! way on every run.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::error::{Diagnostic, Error, Result};
use crate::ir::{Enum, Field, Ir, Kind, Model, Object, Oneof, Presence, Type};

/// Exact versions of the generated crate's dependencies.
const SERDE: &str = "1.0.229";
const SERDE_JSON: &str = "1.0.154";
const SERDE_WITH: &str = "3.25.0";
const SERDE_PATH_TO_ERROR: &str = "0.1.20";
const CHRONO: &str = "0.4.45";
const INDEXMAP: &str = "2.14.2";

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

/// Printed files: (path, text).
type Printed = Vec<(String, String)>;

/// Emits every file of the crate: what [`build`] then [`Syntax::format`]
/// do, model files spread over the machine's cores.
pub fn emit(ir: &Ir, options: &EmitOptions) -> Result<Emitted> {
    check_crate_name(&options.crate_name)?;
    let names = Names::new(ir);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Job 0 is the crate's own files (lib.rs and the runner, as big as ~100
    // models); job i + 1 is model i. Each worker takes the next job not yet
    // taken, so the big one goes first and the rest even out.
    let jobs = ir.models.len() + 1;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let run = |job: usize| -> Result<Printed> {
        match job {
            0 => Ok(crate_files(ir, &names, options)?
                .into_iter()
                .map(RustFile::print)
                .collect()),
            i => Ok(vec![model_file(&ir.models[i - 1], &names, options)?.print()]),
        }
    };
    // Token streams and syntax trees stay on the thread that made them;
    // only the printed text comes back.
    let mut printed: Vec<(usize, Result<Printed>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers.min(jobs))
            .map(|_| {
                let (run, next) = (&run, &next);
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let job = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if job >= jobs {
                            break done;
                        }
                        done.push((job, run(job)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("an emitter thread panicked"))
            .collect()
    });
    // In job order, so that the error reported is the same on any machine.
    printed.sort_by_key(|(job, _)| *job);
    let mut files = Files::new();
    for (_, batch) in printed {
        files.extend(batch?);
    }
    files.insert("Cargo.toml".into(), cargo_toml(ir, options));
    Ok(Emitted {
        files,
        warnings: names.warnings,
    })
}

fn check_crate_name(name: &str) -> Result<()> {
    let mut chars = name.chars();
    let valid = matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let lib = name.replace('-', "_");
    if !valid || !is_plain_ident(&lib) || DEPENDENCIES.contains(&lib.as_str()) {
        return Err(Error::CrateName(name.to_string()));
    }
    Ok(())
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

/// The file of one model.
fn model_file(model: &Model, names: &Names, options: &EmitOptions) -> Result<RustFile> {
    let module = &names.modules[&model.name];
    let path = format!("src/{module}.rs");
    let std = Std::new(&file_scope(model, names));
    let mut tokens = match &model.kind {
        Kind::Object(o) => object(model, o, names, &std)?,
        Kind::Enum(e) => enumeration(model, e, names, &std),
    };
    tokens.extend(json_entry_points(&names.ty(&model.name)));
    let header = format!(
        "// @generated by codegen from {}. Do not edit: run `{}`.\n\n",
        model.source.file, options.command
    );
    let tree = parse_file(&path, tokens)?;
    Ok(RustFile {
        path,
        header,
        tree,
        trailer: String::new(),
    })
}

/// The type names a model's file defines or imports.
fn file_scope(model: &Model, names: &Names) -> BTreeSet<String> {
    let mut scope = BTreeSet::new();
    scope.insert(names.types[&model.name].clone());
    if let Kind::Object(o) = &model.kind {
        for decl in &o.oneofs {
            scope.insert(names.oneof_enum(model, decl).to_string());
        }
        let mut refs = BTreeSet::new();
        for field in &o.fields {
            collect_refs(&field.ty, &mut refs);
        }
        scope.extend(refs.iter().map(|r| names.types[r].clone()));
    }
    scope
}

/// How a model's file spells the std types it uses: by their prelude names
/// (`Option<String>`), or by absolute path where a type the file defines or
/// imports takes the name (a model may be called `Option`).
struct Std {
    option: TokenStream,
    string: TokenStream,
    vec: TokenStream,
    boxed: TokenStream,
    result: TokenStream,
    /// `option` and `vec` as text, for serde's attribute strings.
    option_text: &'static str,
    vec_text: &'static str,
}

impl Std {
    fn new(scope: &BTreeSet<String>) -> Self {
        let pick = |short: &'static str, long: &'static str| {
            if scope.contains(short) {
                long
            } else {
                short
            }
        };
        let free = |short: &str| !scope.contains(short);
        let option_text = pick("Option", "::core::option::Option");
        let vec_text = pick("Vec", "::std::vec::Vec");
        Std {
            option: if free("Option") {
                quote!(Option)
            } else {
                quote!(::core::option::Option)
            },
            string: if free("String") {
                quote!(String)
            } else {
                quote!(::std::string::String)
            },
            vec: if free("Vec") {
                quote!(Vec)
            } else {
                quote!(::std::vec::Vec)
            },
            boxed: if free("Box") {
                quote!(Box)
            } else {
                quote!(::std::boxed::Box)
            },
            result: if free("Result") {
                quote!(Result)
            } else {
                quote!(::core::result::Result)
            },
            option_text,
            vec_text,
        }
    }
}

/// `src/lib.rs` and the runner example.
fn crate_files(ir: &Ir, names: &Names, options: &EmitOptions) -> Result<Vec<RustFile>> {
    let header = format!(
        "// @generated by codegen. Do not edit: run `{}`.\n\n",
        options.command
    );
    let lib = RustFile {
        path: "src/lib.rs".into(),
        header: header.clone(),
        tree: parse_file("src/lib.rs", lib_rs(ir, names, options))?,
        trailer: lib_trailer(ir),
    };
    let runner = RustFile {
        path: "examples/roundtrip.rs".into(),
        header,
        tree: parse_file("examples/roundtrip.rs", roundtrip_rs(ir, names, options))?,
        trailer: String::new(),
    };
    Ok(vec![lib, runner])
}

/// The crate as syntax trees, before printing.
pub struct Syntax {
    /// Each Rust file.
    rust: Vec<RustFile>,
    /// Cargo.toml, already text.
    cargo_toml: String,
    warnings: Vec<Diagnostic>,
}

/// Builds the code of every file (quote → syn), checking that it parses,
/// on this thread.
pub fn build(ir: &Ir, options: &EmitOptions) -> Result<Syntax> {
    check_crate_name(&options.crate_name)?;
    let names = Names::new(ir);
    let mut rust = Vec::new();
    for model in &ir.models {
        rust.push(model_file(model, &names, options)?);
    }
    rust.extend(crate_files(ir, &names, options)?);
    Ok(Syntax {
        rust,
        cargo_toml: cargo_toml(ir, options),
        warnings: names.warnings,
    })
}

impl Syntax {
    /// Prints every file (prettyplease).
    pub fn format(self) -> Emitted {
        let mut files: Files = self.rust.into_iter().map(RustFile::print).collect();
        files.insert("Cargo.toml".into(), self.cargo_toml);
        Emitted {
            files,
            warnings: self.warnings,
        }
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

/// Module names that would clash with the crate root, a binary target or a
/// dependency: a model whose module would be one gets `_model` appended.
const RESERVED_MODULES: &[&str] = &[
    "alloc",
    "chrono",
    "core",
    "indexmap",
    "lib",
    "main",
    "serde",
    "serde_json",
    "serde_with",
    "std",
];

/// Local names of the generated `Deserialize` impls, and the prelude names
/// its code uses, which a oneof (a local variable there) may not take.
const LOCALS: &[&str] = &[
    "__wire",
    "__member",
    "__first",
    "deserializer",
    "None",
    "Some",
    "Ok",
    "Err",
];

/// Package names the generated crate cannot take: its own dependencies.
const DEPENDENCIES: &[&str] = &[
    "alloc",
    "chrono",
    "core",
    "indexmap",
    "serde",
    "serde_json",
    "serde_path_to_error",
    "serde_with",
    "std",
];

/// `base`, or `base2`, `base3`... : the first that `taken` lacks (then taken).
fn unique(base: &str, taken: &mut BTreeSet<String>) -> String {
    let name = std::iter::once(base.to_string())
        .chain((2..).map(|n| format!("{base}{n}")))
        .find(|n| !taken.contains(n))
        .expect("an unbounded sequence has a free name");
    taken.insert(name.clone());
    name
}

/// Rust names of everything emitted. Generated code names std and
/// dependency items by absolute paths, so a model may be called `Option` or
/// `Value`; names that would still collide (after case conversion, or with a
/// oneof's enum or field) get a suffix, and a warning says so.
struct Names {
    types: BTreeMap<String, String>,
    modules: BTreeMap<String, String>,
    /// (model, oneof) → its enum.
    oneofs: BTreeMap<(String, String), String>,
    /// (model, oneof) → its field in the struct.
    oneof_fields: BTreeMap<(String, String), String>,
    /// (model, oneof, member key) → its variant.
    variants: BTreeMap<(String, String, String), String>,
    /// Model → the field that keeps additional properties.
    extra_fields: BTreeMap<String, String>,
    /// Enum model → (variant of each documented value, catch-all variant).
    enum_variants: BTreeMap<String, (Vec<String>, String)>,
    /// Renames forced by collisions.
    warnings: Vec<Diagnostic>,
}

impl Names {
    fn new(ir: &Ir) -> Self {
        let mut names = Names {
            types: BTreeMap::new(),
            modules: BTreeMap::new(),
            oneofs: BTreeMap::new(),
            oneof_fields: BTreeMap::new(),
            variants: BTreeMap::new(),
            extra_fields: BTreeMap::new(),
            enum_variants: BTreeMap::new(),
            warnings: Vec::new(),
        };
        let mut types = BTreeSet::new();
        let mut modules: BTreeSet<String> =
            RESERVED_MODULES.iter().map(|m| m.to_string()).collect();
        // Models first, so that a model keeps its own name over a oneof enum.
        for model in &ir.models {
            let base = ident(&model.name.to_upper_camel_case()).to_string();
            let ty = unique(&base, &mut types);
            names.renamed(model, model.source.line, &base, &ty);
            let mut module = ty.to_snake_case();
            if !is_plain_ident(&module) {
                // `crate`, `self`, `type`...: a file name must match `mod`.
                module.push_str("_model");
            }
            let module = unique(&module, &mut modules);
            names.types.insert(model.name.clone(), ty);
            names.modules.insert(model.name.clone(), module);
        }
        for model in &ir.models {
            match &model.kind {
                Kind::Object(o) => names.object(model, o, &mut types),
                Kind::Enum(e) => {
                    let variants = enum_variants_of(e);
                    names.enum_variants.insert(model.name.clone(), variants);
                }
            }
        }
        names
    }

    fn renamed(&mut self, model: &Model, line: usize, base: &str, name: &str) {
        if base != name {
            self.warnings.push(Diagnostic::new(
                &model.source.file,
                line,
                format!("`{base}` is taken in the generated code: named `{name}`"),
                format!("# {}", model.name),
            ));
        }
    }

    fn object(&mut self, model: &Model, o: &Object, types: &mut BTreeSet<String>) {
        let ty = self.types[&model.name].clone();
        let mut fields: BTreeSet<String> = o
            .fields
            .iter()
            .filter(|f| f.oneof.is_none())
            .map(|f| field_ident(f).to_string())
            .collect();
        fields.extend(LOCALS.iter().map(|l| l.to_string()));
        for oneof in &o.oneofs {
            let key = (model.name.clone(), oneof.name.clone());
            let want = format!("{ty}{}", oneof.name.to_upper_camel_case());
            let base = if types.contains(&want) {
                format!("{want}Oneof")
            } else {
                want.clone()
            };
            let name = unique(&base, types);
            self.renamed(model, oneof.source.line, &want, &name);
            self.oneofs.insert(key.clone(), name);

            let want = ident(&oneof.name.to_snake_case()).to_string();
            let base = if fields.contains(&want) {
                format!("{}_oneof", want.trim_start_matches("r#"))
            } else {
                want.clone()
            };
            let field = unique(&base, &mut fields);
            self.renamed(model, oneof.source.line, &want, &field);
            self.oneof_fields.insert(key, field);

            let mut variants = BTreeSet::new();
            for member in &oneof.members {
                let base = variant_name(&member.wire);
                let variant = unique(&base, &mut variants);
                self.renamed(model, oneof.source.line, &base, &variant);
                self.variants.insert(
                    (model.name.clone(), oneof.name.clone(), member.wire.clone()),
                    variant,
                );
            }
        }
        if o.additional_properties {
            // The private struct that reads the JSON holds the members too.
            fields.extend(
                o.fields
                    .iter()
                    .filter(|f| f.oneof.is_some())
                    .map(|f| field_ident(f).to_string()),
            );
            let field = unique("additional_properties", &mut fields);
            self.extra_fields.insert(model.name.clone(), field);
        }
    }

    fn ty(&self, model: &str) -> Ident {
        ident(&self.types[model])
    }

    fn oneof_enum(&self, model: &Model, oneof: &Oneof) -> Ident {
        ident(&self.oneofs[&(model.name.clone(), oneof.name.clone())])
    }

    fn oneof_field(&self, model: &Model, oneof: &Oneof) -> Ident {
        ident(&self.oneof_fields[&(model.name.clone(), oneof.name.clone())])
    }

    fn variant(&self, model: &Model, oneof: &Oneof, wire: &str) -> Ident {
        ident(&self.variants[&(model.name.clone(), oneof.name.clone(), wire.to_string())])
    }
}

/// True for a name that is an identifier as it stands (no keyword). syn
/// decides; the answers are kept per thread, since the same names (field and
/// type names) come back again and again.
fn is_plain_ident(name: &str) -> bool {
    thread_local! {
        static KNOWN: std::cell::RefCell<std::collections::HashMap<String, bool>> =
            Default::default();
    }
    KNOWN.with_borrow_mut(|known| {
        if let Some(&plain) = known.get(name) {
            return plain;
        }
        let plain = syn::parse_str::<Ident>(name).is_ok();
        known.insert(name.to_string(), plain);
        plain
    })
}

/// An identifier, raw or suffixed where the name is a Rust keyword. Every
/// name reaching it has been checked to be an identifier by `resolve`.
fn ident(name: &str) -> Ident {
    if let Some(raw) = name.strip_prefix("r#") {
        Ident::new_raw(raw, Span::call_site())
    } else if is_plain_ident(name) {
        format_ident!("{}", name)
    } else if matches!(name, "self" | "Self" | "super" | "crate" | "_") {
        format_ident!("{}_", name)
    } else {
        Ident::new_raw(name, Span::call_site())
    }
}

/// An UpperCamel variant name; `V` in front where it would start with a digit.
fn variant_name(name: &str) -> String {
    let camel = name.to_upper_camel_case();
    match camel.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => camel,
        _ => format!("V{camel}"),
    }
}

/// `#[doc]` attributes for a description from the docs, made safe for
/// rustdoc: no stray intra-doc links, HTML or code blocks that would become
/// doctests.
fn doc_attrs(text: &str) -> TokenStream {
    let lines: Vec<String> = rustdoc_text(text);
    quote! { #( #[doc = #lines] )* }
}

/// `#[doc]` attributes for text the emitter writes itself (already rustdoc).
fn own_doc_attrs(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| format!(" {l}"));
    quote! { #( #[doc = #lines] )* }
}

fn rustdoc_text(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // The fence that opened the code block we are in: "```" or "~~~".
    let mut fence: Option<&str> = None;
    for raw in text.trim().lines() {
        let body = raw.trim_start();
        // Four columns of indentation (a tab counts four) would open an
        // indented code block, i.e. a doctest: drop the indentation then.
        let indent: usize = raw[..raw.len() - body.len()]
            .chars()
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        let line = if indent >= 4 { body } else { raw };
        let marker = ["```", "~~~"].into_iter().find(|m| body.starts_with(m));
        let line = match (marker, fence) {
            // A fence without a language is Rust to rustdoc: always say text.
            (Some(m), None) => {
                fence = Some(m);
                format!("{m}text")
            }
            (Some(m), Some(open)) if m == open => {
                fence = None;
                m.to_string()
            }
            (_, Some(_)) => line.to_string(),
            (_, None) => escape_markdown(line),
        };
        out.push(format!(" {line}").trim_end().to_string());
    }
    if let Some(open) = fence {
        out.push(format!(" {open}"));
    }
    out
}

/// Escapes brackets and angle brackets outside code spans, keeping
/// `[text](scheme://...)` links and turning bare URLs into autolinks.
fn escape_markdown(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            if let Some(end) = rest[1..].find('`') {
                out.push_str(&rest[..end + 2]);
                rest = &rest[end + 2..];
                continue;
            }
        }
        if c == '[' {
            if let Some(len) = absolute_link_len(rest) {
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                continue;
            }
        }
        if rest.starts_with("https://") || rest.starts_with("http://") {
            let url = bare_url(rest);
            out.push_str(&format!("<{url}>"));
            rest = &rest[url.len()..];
            continue;
        }
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The bare URL at the start of `s`: up to white space or `<>`, a closing
/// parenthesis it did not open, or trailing punctuation.
fn bare_url(s: &str) -> &str {
    let mut depth = 0usize;
    let mut end = s.len();
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = i;
                break;
            }
            ')' => depth -= 1,
            c if c.is_whitespace() || c == '<' || c == '>' || c == '`' => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    s[..end].trim_end_matches(['.', ',', ';', ':', '!', '?'])
}

/// Length of a `[text](http...)` link at the start of `s`, if there is one.
fn absolute_link_len(s: &str) -> Option<usize> {
    let close = s.find("](")?;
    if s[1..close].contains(['[', ']']) {
        return None;
    }
    let target = &s[close + 2..];
    if !(target.starts_with("https://") || target.starts_with("http://")) {
        return None;
    }
    let end = target.find(')')?;
    Some(close + 2 + end + 1)
}

/// The Rust type of a value.
fn value_type(ty: &Type, names: &Names, std: &Std) -> TokenStream {
    match ty {
        Type::String => std.string.clone(),
        Type::Int | Type::Int64 => quote!(i64),
        Type::Float => quote!(f64),
        Type::Bool => quote!(bool),
        Type::Any => quote!(serde_json::Value),
        Type::DateTime => quote!(chrono::DateTime<chrono::FixedOffset>),
        Type::List(item) => {
            let item = value_type(item, names, std);
            let vec = &std.vec;
            quote!(#vec<#item>)
        }
        Type::Map(value) => {
            let value = value_type(value, names, std);
            let string = &std.string;
            quote!(indexmap::IndexMap<#string, #value>)
        }
        Type::Ref(model) => {
            let ty = names.ty(model);
            quote!(#ty)
        }
        // Never emitted: `object` leaves such fields out.
        Type::Opaque(_) => quote!(serde_json::Value),
    }
}

/// The `serde_as` adapter of a type that holds integers: each `i64` is read
/// from a number or a decimal string and written as a string.
fn int_adapter(ty: &Type, std: &Std) -> String {
    match ty {
        // Read a number or a decimal string; write the first form.
        Type::Int => "crate::__IntAsNumber".into(),
        Type::Int64 => "crate::__IntAsString".into(),
        Type::List(t) => format!("{}<{}>", std.vec_text, int_adapter(t, std)),
        Type::Map(t) => format!(
            "indexmap::IndexMap<serde_with::Same, {}>",
            int_adapter(t, std)
        ),
        _ => "serde_with::Same".into(),
    }
}

fn field_ident(field: &Field) -> Ident {
    ident(&field.name)
}

/// A field's Rust type, presence included.
fn field_type(field: &Field, names: &Names, std: &Std) -> TokenStream {
    let ty = member_type(field, names, std);
    let option = &std.option;
    match field.presence {
        Presence::Required => ty,
        Presence::Optional => quote!(#option<#ty>),
        Presence::Nullable => quote!(#option<#option<#ty>>),
    }
}

/// A field's Rust type without its presence: boxed where it closes a cycle.
fn member_type(field: &Field, names: &Names, std: &Std) -> TokenStream {
    let ty = value_type(&field.ty, names, std);
    if field.boxed {
        let boxed = &std.boxed;
        quote!(#boxed<#ty>)
    } else {
        ty
    }
}

/// The serde attributes of a plain (non-oneof) field.
fn field_attrs(field: &Field, model: &Model, std: &Std) -> Result<TokenStream> {
    let mut serde = Vec::new();
    // serde names a field after its identifier, `r#` stripped.
    let rust_name = field_ident(field).to_string();
    if field.wire != rust_name.trim_start_matches("r#") {
        let wire = &field.wire;
        serde.push(quote!(rename = #wire));
    }
    let is_none = format!("{}::is_none", std.option_text);
    let int = field.ty.holds_int();
    match field.presence {
        Presence::Required => {}
        // serde reads a missing `Option` as `None` by itself; an adapter
        // (`serde_as`) needs `default` said.
        Presence::Optional if !int => serde.push(quote!(skip_serializing_if = #is_none)),
        Presence::Optional => serde.push(quote!(default, skip_serializing_if = #is_none)),
        Presence::Nullable => serde.push(quote!(
            default,
            skip_serializing_if = #is_none,
            with = "serde_with::rust::double_option"
        )),
    }
    let mut attrs = TokenStream::new();
    if int {
        let inner = int_adapter(&field.ty, std);
        let adapter = match field.presence {
            Presence::Required => inner,
            Presence::Optional => format!("{}<{inner}>", std.option_text),
            Presence::Nullable => {
                return Err(Error::Emit {
                    file: model.source.file.clone(),
                    message: format!(
                        "{}:{}: field `{}`: a nullable integer is not supported yet",
                        field.source.file, field.source.line, field.name
                    ),
                })
            }
        };
        attrs.extend(quote!(#[serde_as(as = #adapter)]));
    }
    if !serde.is_empty() {
        attrs.extend(quote!(#[serde(#(#serde),*)]));
    }
    Ok(attrs)
}

fn object(model: &Model, object: &Object, names: &Names, std: &Std) -> Result<TokenStream> {
    let Std {
        option,
        string,
        result,
        ..
    } = std;
    let name = names.ty(&model.name);
    let mut doc = doc_attrs(&model_doc(model));
    // SDK types with no JSON form (the raw HTTP response of an operation)
    // are left out: the HTTP client the caller uses hands them over.
    let skipped: Vec<&Field> = object
        .fields
        .iter()
        .filter(|f| matches!(f.ty, Type::Opaque(_)))
        .collect();
    if object.operation {
        let mut note = "\nThe request or response wrapper of an API operation: its fields are the \
             operation's parameters and body, keyed by their SDK names."
            .to_string();
        for f in &skipped {
            if let Type::Opaque(t) = &f.ty {
                note.push_str(&format!(
                    " The SDK's `{}` ({t}) has no JSON form and is left out: the HTTP client \
                     that calls the API returns it.",
                    f.name
                ));
            }
        }
        doc.extend(own_doc_attrs(&note));
    }
    let kept = Object {
        fields: object
            .fields
            .iter()
            .filter(|f| !matches!(f.ty, Type::Opaque(_)))
            .cloned()
            .collect(),
        ..object.clone()
    };
    let object = &kept;
    let uses_int = object.fields.iter().any(|f| f.ty.holds_int());
    let serde_as = uses_int.then(|| quote!(#[serde_with::serde_as]));
    let default = object
        .fields
        .iter()
        .all(|f| f.presence != Presence::Required || f.oneof.is_some())
        .then(|| quote!(Default,));

    let mut imports: BTreeSet<String> = BTreeSet::new();
    for field in &object.fields {
        collect_refs(&field.ty, &mut imports);
    }
    imports.remove(&model.name);
    let imports: Vec<Ident> = imports.iter().map(|m| names.ty(m)).collect();
    let use_refs = (!imports.is_empty()).then(|| quote!(use crate::{#(#imports),*};));

    // Public struct fields: plain fields in order, each oneof at its first member.
    let mut members = Vec::new();
    let mut seen_oneofs = BTreeSet::new();
    let mut plain = Vec::new();
    for field in &object.fields {
        match &field.oneof {
            None => {
                let id = field_ident(field);
                let ty = field_type(field, names, std);
                let attrs = field_attrs(field, model, std)?;
                let doc = doc_attrs(field.doc.as_deref().unwrap_or_default());
                members.push(quote! { #doc #attrs pub #id: #ty, });
                plain.push((id, ty, attrs));
            }
            Some(oneof) if seen_oneofs.insert(oneof.clone()) => {
                let decl = object
                    .oneofs
                    .iter()
                    .find(|o| &o.name == oneof)
                    .expect("resolver links members to declared oneofs");
                let id = names.oneof_field(model, decl);
                let enum_ty = names.oneof_enum(model, decl);
                let wires: Vec<String> = decl
                    .members
                    .iter()
                    .map(|m| format!("`{}`", m.wire))
                    .collect();
                let doc = own_doc_attrs(&format!(
                    "The `{}` oneof: at most one of {} is set.",
                    decl.name,
                    wires.join(", ")
                ));
                members.push(quote! { #doc #[serde(flatten)] pub #id: #option<#enum_ty>, });
            }
            Some(_) => {}
        }
    }
    let extra_field = names.extra_fields.get(&model.name).map(|f| ident(f));
    let extra = extra_field.as_ref().map(|id| {
        quote! {
            /// Keys the docs do not list, kept as sent.
            #[serde(flatten)]
            pub #id: indexmap::IndexMap<#string, serde_json::Value>,
        }
    });

    if object.oneofs.is_empty() {
        return Ok(quote! {
            #use_refs

            #doc
            #serde_as
            #[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]
            pub struct #name {
                #(#members)*
                #extra
            }
        });
    }

    // Oneof enums and the Deserialize impl that enforces them.
    let mut enums = Vec::new();
    let mut wire_fields = Vec::new();
    let mut checks = Vec::new();
    let mut inits = Vec::new();
    for decl in &object.oneofs {
        enums.push(oneof_enum(model, object, decl, names, std));
        let id = names.oneof_field(model, decl);
        let enum_ty = names.oneof_enum(model, decl);
        let mut candidates = Vec::new();
        for member in &decl.members {
            let field = member_field(object, &member.field);
            let fid = field_ident(field);
            let ty = member_type(field, names, std);
            let wire = &member.wire;
            let variant = names.variant(model, decl, &member.wire);
            // A null member reads as `None`: it counts as absent.
            let adapter = field.ty.holds_int().then(|| {
                let adapter = format!("{}<{}>", std.option_text, int_adapter(&field.ty, std));
                quote!(#[serde_as(as = #adapter)])
            });
            wire_fields
                .push(quote! { #adapter #[serde(rename = #wire, default)] #fid: #option<#ty>, });
            candidates.push(quote!(__wire.#fid.map(#enum_ty::#variant)));
        }
        let oneof_name = &decl.name;
        checks.push(quote! {
            let mut #id: #option<#enum_ty> = None;
            for __member in [#(#candidates),*].into_iter().flatten() {
                if let Some(__first) = &#id {
                    return Err(serde::de::Error::custom(format_args!(
                        "oneof `{}` takes one member, but both `{}` and `{}` are set",
                        #oneof_name,
                        __first.wire_name(),
                        __member.wire_name()
                    )));
                }
                #id = Some(__member);
            }
        });
        inits.push(quote!(#id));
    }
    for (id, ty, attrs) in &plain {
        wire_fields.push(quote! { #attrs #id: #ty, });
        inits.push(quote!(#id: __wire.#id));
    }
    if let Some(id) = &extra_field {
        wire_fields.push(quote! {
            #[serde(flatten)]
            #id: indexmap::IndexMap<#string, serde_json::Value>,
        });
        inits.push(quote!(#id: __wire.#id));
    }
    // Named like the model in serde's messages.
    let wire_name = names.types[&model.name].clone();
    Ok(quote! {
        #use_refs

        #doc
        #serde_as
        #[derive(Debug, Clone, PartialEq, #default serde::Serialize)]
        pub struct #name {
            #(#members)*
            #extra
        }

        #(#enums)*

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<__D>(deserializer: __D) -> #result<Self, __D::Error>
            where
                __D: serde::Deserializer<'de>,
            {
                /// The JSON shape: every oneof member is a key of its own.
                #serde_as
                #[derive(serde::Deserialize)]
                #[serde(rename = #wire_name)]
                struct __Wire {
                    #(#wire_fields)*
                }
                let __wire = <__Wire as serde::Deserialize>::deserialize(deserializer)?;
                #(#checks)*
                Ok(Self { #(#inits),* })
            }
        }
    })
}

/// A model's JSON entry points: an invocation of the crate's
/// `json_entry_points!` macro ([`ENTRY_POINTS_MACRO`]).
fn json_entry_points(name: &Ident) -> TokenStream {
    quote!(crate::json_entry_points!(#name);)
}

/// The end of `src/lib.rs`: the entry points macro, and the integer
/// adapters where a model holds integers.
fn lib_trailer(ir: &Ir) -> String {
    let mut text = ENTRY_POINTS_MACRO.to_string();
    if uses(ir).int {
        text.push_str(INT_ADAPTERS);
    }
    text
}

/// The `serde_as` adapters of integers: read from a JSON number or a decimal
/// string with one visitor (no buffering of the value), written as a number
/// or, for int64, as a decimal string.
const INT_ADAPTERS: &str = r#"
/// An integer read from a JSON number or a decimal string, written as a number.
pub(crate) struct __IntAsNumber;

/// An integer read from a JSON number or a decimal string, written as a
/// decimal string (how the API sends int64).
pub(crate) struct __IntAsString;

impl<'de> ::serde_with::DeserializeAs<'de, i64> for __IntAsNumber {
    fn deserialize_as<D: ::serde::Deserializer<'de>>(
        d: D,
    ) -> ::core::result::Result<i64, D::Error> {
        d.deserialize_any(__LenientInt)
    }
}

impl<'de> ::serde_with::DeserializeAs<'de, i64> for __IntAsString {
    fn deserialize_as<D: ::serde::Deserializer<'de>>(
        d: D,
    ) -> ::core::result::Result<i64, D::Error> {
        d.deserialize_any(__LenientInt)
    }
}

impl ::serde_with::SerializeAs<i64> for __IntAsNumber {
    fn serialize_as<S: ::serde::Serializer>(
        value: &i64,
        s: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        s.serialize_i64(*value)
    }
}

impl ::serde_with::SerializeAs<i64> for __IntAsString {
    fn serialize_as<S: ::serde::Serializer>(
        value: &i64,
        s: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        s.collect_str(value)
    }
}

/// Reads an `i64` from a number or a decimal string.
struct __LenientInt;

impl ::serde::de::Visitor<'_> for __LenientInt {
    type Value = i64;

    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str("an integer or a decimal string")
    }

    fn visit_i64<E: ::serde::de::Error>(self, value: i64) -> ::core::result::Result<i64, E> {
        ::core::result::Result::Ok(value)
    }

    fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> ::core::result::Result<i64, E> {
        i64::try_from(value)
            .map_err(|_| E::invalid_value(::serde::de::Unexpected::Unsigned(value), &self))
    }

    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::core::result::Result<i64, E> {
        value
            .parse()
            .map_err(|_| E::invalid_value(::serde::de::Unexpected::Str(value), &self))
    }
}
"#;

/// The entry points macro: it gives every model its JSON entry
/// points. Kept as text, laid out by hand, because prettyplease prints a
/// `macro_rules!` body on as few lines as it can.
const ENTRY_POINTS_MACRO: &str = r#"
/// The JSON entry points every model gets, compiled once, here: callers that
/// use them instead of `serde_json::from_str::<T>` do not instantiate (and
/// compile) the deserializer again in their own crate. Bytes are checked to
/// be UTF-8 and read as text, so the deserializer is instantiated once, not
/// twice. `inline(never)` keeps an optimizing build from copying the small
/// wrappers, and with them the generic code, into the caller.
macro_rules! json_entry_points {
    ($model:ident) => {
        impl $model {
            /// Reads one from JSON text.
            #[inline(never)]
            pub fn from_json_str(json: &str) -> ::serde_json::Result<Self> {
                ::serde_json::from_str(json)
            }

            /// Reads one from JSON bytes, which must be UTF-8.
            #[inline(never)]
            pub fn from_json_slice(json: &[u8]) -> ::serde_json::Result<Self> {
                match ::core::str::from_utf8(json) {
                    ::core::result::Result::Ok(text) => Self::from_json_str(text),
                    ::core::result::Result::Err(e) => {
                        ::core::result::Result::Err(::serde::de::Error::custom(e))
                    }
                }
            }

            /// Writes it as JSON text.
            #[inline(never)]
            pub fn to_json_string(&self) -> ::serde_json::Result<::std::string::String> {
                ::serde_json::to_string(self)
            }
        }
    };
}

pub(crate) use json_entry_points;
"#;

fn member_field<'a>(object: &'a Object, name: &str) -> &'a Field {
    object
        .fields
        .iter()
        .find(|f| f.name == name)
        .expect("resolver links members to fields")
}

fn oneof_enum(
    model: &Model,
    object: &Object,
    decl: &Oneof,
    names: &Names,
    std: &Std,
) -> TokenStream {
    let enum_ty = names.oneof_enum(model, decl);
    let doc = own_doc_attrs(&format!(
        "The `{}` oneof of [`{}`]: the member that is set, written as its own JSON key.",
        decl.name, names.types[&model.name]
    ));
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for member in &decl.members {
        let field = member_field(object, &member.field);
        let variant = names.variant(model, decl, &member.wire);
        let ty = member_type(field, names, std);
        let wire = &member.wire;
        let vdoc = doc_attrs(field.doc.as_deref().unwrap_or_default());
        let adapter = field.ty.holds_int().then(|| {
            let with = format!("serde_with::As::<{}>", int_adapter(&field.ty, std));
            quote!(#[serde(with = #with)])
        });
        variants.push(quote! { #vdoc #[serde(rename = #wire)] #adapter #variant(#ty), });
        arms.push(quote!(Self::#variant(_) => #wire,));
    }
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        pub enum #enum_ty {
            #(#variants)*
        }

        impl #enum_ty {
            /// The JSON key of the member that is set.
            pub fn wire_name(&self) -> &'static str {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

fn collect_refs(ty: &Type, out: &mut BTreeSet<String>) {
    match ty {
        Type::Ref(r) => {
            out.insert(r.clone());
        }
        Type::List(t) | Type::Map(t) => collect_refs(t, out),
        _ => {}
    }
}

fn model_doc(model: &Model) -> String {
    if model.doc.is_empty() {
        format!("The `{}` model.", model.name)
    } else {
        model.doc.join("\n\n")
    }
}

/// Variant names of an enum: the Python names in UpperCamel (characters
/// that cannot be in an identifier taken as word breaks), a prefix common to
/// all of them dropped where every name stays a valid identifier, a suffix
/// where two would still collide; and the name of the catch-all variant:
/// `Unknown`, or the first of `UnknownValue`, `UnknownValue2`... that is free.
fn enum_variants_of(e: &Enum) -> (Vec<String>, String) {
    let words: Vec<Vec<String>> = e
        .values
        .iter()
        .map(|v| {
            v.name
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect();
    let mut common = 0;
    if e.values.len() > 1 {
        while words
            .iter()
            .all(|w| w.len() > common + 1 && w[common] == words[0][common])
        {
            common += 1;
        }
    }
    let build = |skip: usize| -> Vec<String> {
        words
            .iter()
            .map(|w| {
                if w.len() <= skip {
                    "Empty".to_string()
                } else {
                    variant_name(&w[skip..].join("_"))
                }
            })
            .collect()
    };
    let distinct = |names: &[String]| names.iter().collect::<BTreeSet<_>>().len() == names.len();
    let letters = |skip: usize| {
        words.iter().all(|w| {
            w.get(skip)
                .is_some_and(|x| x.starts_with(|c: char| c.is_ascii_alphabetic()))
        })
    };
    let stripped = build(common);
    let bases = if common > 0 && distinct(&stripped) && letters(common) {
        stripped
    } else {
        build(0)
    };
    let mut taken = BTreeSet::new();
    let variants: Vec<String> = bases.iter().map(|b| unique(b, &mut taken)).collect();
    let unknown = if taken.contains("Unknown") {
        unique("UnknownValue", &mut taken)
    } else {
        "Unknown".to_string()
    };
    (variants, unknown)
}

fn enumeration(model: &Model, e: &Enum, names: &Names, std: &Std) -> TokenStream {
    let Std { string, result, .. } = std;
    let name = names.ty(&model.name);
    let doc = doc_attrs(&model_doc(model));
    let (variant_names, unknown) = &names.enum_variants[&model.name];
    let unknown = ident(unknown);
    let variants: Vec<Ident> = variant_names.iter().map(|v| ident(v)).collect();
    let values: Vec<&String> = e.values.iter().map(|v| &v.value).collect();
    let docs: Vec<String> = values
        .iter()
        .map(|v| {
            if v.is_empty() {
                " The empty string.".to_string()
            } else {
                format!(" `{v}`")
            }
        })
        .collect();
    quote! {
        #doc
        ///
        /// The enum is open: a value this crate does not know is kept as sent.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #( #[doc = #docs] #variants, )*
            /// A value not documented when this crate was generated.
            #unknown(#string),
        }

        impl #name {
            /// The value as it is written in JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #values, )*
                    Self::#unknown(value) => value,
                }
            }
        }

        impl core::convert::From<#string> for #name {
            fn from(value: #string) -> Self {
                match value.as_str() {
                    #( #values => Self::#variants, )*
                    _ => Self::#unknown(value),
                }
            }
        }

        impl core::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #values => Self::#variants, )*
                    _ => Self::#unknown(value.into()),
                }
            }
        }

        impl core::fmt::Display for #name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S>(&self, serializer: S) -> #result<S::Ok, S::Error>
            where
                S: serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D>(deserializer: D) -> #result<Self, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                /// Known values are matched on the borrowed text; only an
                /// unknown one is copied.
                struct __Visitor;

                impl serde::de::Visitor<'_> for __Visitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        f.write_str("a string")
                    }

                    fn visit_str<E: serde::de::Error>(self, value: &str) -> #result<#name, E> {
                        Ok(#name::from(value))
                    }

                    fn visit_string<E: serde::de::Error>(self, value: #string) -> #result<#name, E> {
                        Ok(#name::from(value))
                    }
                }

                deserializer.deserialize_str(__Visitor)
            }
        }
    }
}

fn public_types(model: &Model, names: &Names) -> Vec<Ident> {
    let mut out = vec![names.ty(&model.name)];
    if let Kind::Object(o) = &model.kind {
        for decl in &o.oneofs {
            out.push(names.oneof_enum(model, decl));
        }
    }
    out
}

fn lib_rs(ir: &Ir, names: &Names, options: &EmitOptions) -> TokenStream {
    let mut mods = Vec::new();
    for model in &ir.models {
        let module = ident(&names.modules[&model.name]);
        let types = public_types(model, names);
        mods.push(quote! {
            #[rustfmt::skip]
            mod #module;
            pub use #module::{#(#types),*};
        });
    }
    let about = format!(
        " Model types of the API, generated by codegen from the SDK's model docs ({} models).",
        ir.models.len()
    );
    let regen = format!(
        " Regenerate with `{}`; never edit by hand.",
        options.command
    );
    quote! {
        #![doc = #about]
        //!
        //! Every type reads and writes the API's JSON: field names as on the
        //! wire, `Option<Option<T>>` where a field is absent, null or set,
        //! oneofs as Rust enums that hold one member, open enums that keep
        //! unknown values, int64 fields as decimal strings, and timestamps
        //! in RFC 3339.
        //!
        #![doc = #regen]
        #![cfg_attr(rustfmt, rustfmt::skip)]
        #![forbid(unsafe_code)]

        #(#mods)*
    }
}

fn roundtrip_rs(ir: &Ir, names: &Names, options: &EmitOptions) -> TokenStream {
    let krate = ident(&options.crate_name.replace('-', "_"));
    let models: Vec<&String> = ir.models.iter().map(|m| &m.name).collect();
    let types: Vec<Ident> = ir.models.iter().map(|m| names.ty(&m.name)).collect();
    quote! {
        //! Conformance runner: reads JSON lines `{"model": Name, "json": value}`
        //! on stdin and answers each with `{"ok": true, "json": value}` (the
        //! value read into the model and written back) or `{"ok": false,
        //! "error": message}`, the message naming the JSON path that failed.
        #![cfg_attr(rustfmt, rustfmt::skip)]

        use std::io::{BufRead, Write};

        use serde::de::DeserializeOwned;
        use serde::{Deserialize, Serialize};
        use serde_json::value::RawValue;

        #[derive(Deserialize)]
        struct Case<'a> {
            model: String,
            #[serde(borrow)]
            json: &'a RawValue,
        }

        #[derive(Serialize)]
        struct Reply {
            ok: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            json: Option<Box<RawValue>>,
            #[serde(skip_serializing_if = "Option::is_none")]
            error: Option<String>,
        }

        fn roundtrip<T: DeserializeOwned + Serialize>(json: &str) -> Result<Box<RawValue>, String> {
            let mut deserializer = serde_json::Deserializer::from_str(json);
            let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
                let path = e.path().to_string();
                if path == "." {
                    e.into_inner().to_string()
                } else {
                    format!("{path}: {}", e.into_inner())
                }
            })?;
            deserializer.end().map_err(|e| e.to_string())?;
            let text = serde_json::to_string(&value).map_err(|e| e.to_string())?;
            RawValue::from_string(text).map_err(|e| e.to_string())
        }

        fn dispatch(model: &str, json: &str) -> Result<Box<RawValue>, String> {
            match model {
                #( #models => roundtrip::<#krate::#types>(json), )*
                other => Err(format!("unknown model `{other}`")),
            }
        }

        fn main() -> std::io::Result<()> {
            let stdin = std::io::stdin();
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            for line in stdin.lock().lines() {
                let line = line?;
                if line.trim().is_empty() {
                    continue;
                }
                let result = serde_json::from_str::<Case>(&line)
                    .map_err(|e| format!("bad input line: {e}"))
                    .and_then(|case| dispatch(&case.model, case.json.get()));
                let reply = match result {
                    Ok(json) => Reply { ok: true, json: Some(json), error: None },
                    Err(error) => Reply { ok: false, json: None, error: Some(error) },
                };
                serde_json::to_writer(&mut stdout, &reply)?;
                stdout.write_all(b"\n")?;
                stdout.flush()?;
            }
            Ok(())
        }
    }
}

/// What the models use, to keep the dependency list to what is needed.
#[derive(Default)]
struct Uses {
    datetime: bool,
    map: bool,
    int: bool,
    nullable: bool,
}

fn uses(ir: &Ir) -> Uses {
    fn visit(ty: &Type, u: &mut Uses) {
        match ty {
            Type::DateTime => u.datetime = true,
            Type::Int | Type::Int64 => u.int = true,
            Type::Map(t) => {
                u.map = true;
                visit(t, u);
            }
            Type::List(t) => visit(t, u),
            _ => {}
        }
    }
    let mut u = Uses::default();
    for model in &ir.models {
        if let Kind::Object(o) = &model.kind {
            u.map |= o.additional_properties;
            for f in &o.fields {
                visit(&f.ty, &mut u);
                u.nullable |= f.presence == Presence::Nullable && f.oneof.is_none();
            }
        }
    }
    u
}

fn cargo_toml(ir: &Ir, options: &EmitOptions) -> String {
    let u = uses(ir);
    let mut deps = vec![format!(
        "serde = {{ version = \"={SERDE}\", features = [\"derive\"] }}"
    )];
    deps.push(format!(
        "serde_json = {{ version = \"={SERDE_JSON}\", features = [\"preserve_order\"] }}"
    ));
    if u.datetime {
        deps.push(format!(
            "chrono = {{ version = \"={CHRONO}\", default-features = false, features = [\"std\", \"serde\"] }}"
        ));
    }
    if u.map {
        deps.push(format!(
            "indexmap = {{ version = \"={INDEXMAP}\", features = [\"serde\"] }}"
        ));
    }
    if u.int || u.nullable {
        let mut features = vec!["\"alloc\""];
        if u.int {
            features.push("\"macros\"");
        }
        if u.int && u.map {
            features.push("\"indexmap_2\"");
        }
        deps.push(format!(
            "serde_with = {{ version = \"={SERDE_WITH}\", default-features = false, features = [{}] }}",
            features.join(", ")
        ));
    }
    deps.sort();
    format!(
        "# @generated by codegen. Do not edit: run `{command}`.\n\
         [package]\n\
         name = \"{name}\"\n\
         version = \"0.1.0\"\n\
         edition = \"2021\"\n\
         publish = false\n\
         description = \"API model types generated from the SDK's model docs.\"\n\
         \n\
         [dependencies]\n\
         {deps}\n\
         \n\
         [[example]]\n\
         name = \"{name}-roundtrip\"\n\
         path = \"examples/roundtrip.rs\"\n\
         \n\
         [dev-dependencies]\n\
         serde_json = {{ version = \"={SERDE_JSON}\", features = [\"preserve_order\", \"raw_value\"] }}\n\
         serde_path_to_error = \"={SERDE_PATH_TO_ERROR}\"\n",
        command = options.command,
        name = options.crate_name,
        deps = deps.join("\n"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_adapters_are_rust() {
        let file = syn::parse_str::<syn::File>(INT_ADAPTERS).unwrap();
        assert_eq!(file.items.len(), 8);
    }

    #[test]
    fn entry_points_macro_is_rust() {
        let file = syn::parse_str::<syn::File>(ENTRY_POINTS_MACRO).unwrap();
        assert!(
            matches!(&file.items[..], [syn::Item::Macro(m), syn::Item::Use(_)]
            if m.ident.as_ref().is_some_and(|i| i == "json_entry_points"))
        );
    }

    #[test]
    fn rustdoc_escapes() {
        assert_eq!(
            escape_markdown("a [b] <c> `x[0]` see https://e.x/y."),
            "a \\[b\\] &lt;c&gt; `x[0]` see <https://e.x/y>."
        );
        assert_eq!(
            escape_markdown("[docs](https://e.x) and [rel]"),
            "[docs](https://e.x) and \\[rel\\]"
        );
        assert_eq!(rustdoc_text("a\n      - b"), vec![" a", " - b"]);
        assert_eq!(rustdoc_text("```\nx\n```"), vec![" ```text", " x", " ```"]);
        assert_eq!(
            rustdoc_text("~~~\nx [y]\n~~~"),
            vec![" ~~~text", " x [y]", " ~~~"]
        );
        assert_eq!(rustdoc_text("a\n\tlet x = 1;"), vec![" a", " let x = 1;"]);
        assert_eq!(
            rustdoc_text("```rust\nopen"),
            vec![" ```text", " open", " ```"]
        );
        assert_eq!(
            escape_markdown("see http://e.com/a_(b) (or https://e.com/c)."),
            "see <http://e.com/a_(b)> (or <https://e.com/c>)."
        );
    }

    #[test]
    fn enum_prefix() {
        let e = |names: &[&str]| Enum {
            values: names
                .iter()
                .map(|n| crate::ir::EnumValue {
                    name: n.to_string(),
                    value: n.to_string(),
                })
                .collect(),
        };
        let variants = |names: &[&str]| enum_variants_of(&e(names));
        assert_eq!(
            variants(&["POLICY_TYPE_GRANT", "POLICY_TYPE_ACCESS_REQUEST"]),
            (
                vec!["Grant".into(), "AccessRequest".into()],
                "Unknown".into()
            )
        );
        assert_eq!(variants(&["V_1", "V_2"]).0, ["V1", "V2"]);
        assert_eq!(variants(&["JIRA"]).0, ["Jira"]);
        assert_eq!(variants(&["_1"]).0, ["V1"]);
        assert_eq!(
            variants(&["X_UNKNOWN", "X_UNKNOWN_VALUE", "X_OK"]).1,
            "UnknownValue2"
        );
        assert_eq!(variants(&["A_B", "A__B"]).0, ["AB", "AB2"]);
        assert_eq!(
            variants(&["1_ONE", "two-words", "-", "one", "ONE"]).0,
            ["V1One", "TwoWords", "Empty", "One", "One2"]
        );
    }

    #[test]
    fn keywords() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("Self").to_string(), "Self_");
        assert_eq!(ident("name").to_string(), "name");
    }
}
