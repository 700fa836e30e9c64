//! The Rust names of everything emitted, decided once, before any code is
//! built: types, modules, fields, oneof enums, variants. Names come from
//! what every dialect of the docs states (titles, JSON keys, values), so
//! that neither a change of dialect nor an addition renames anything;
//! names that would still collide get a suffix, and a warning says so.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::error::Diagnostic;
use crate::ir::{Enum, Ir, Kind, Model, Object, Union};

/// Module names the crate keeps for itself or that would clash with a
/// dependency: a model whose module would be one gets `_model` appended.
const RESERVED_MODULES: &[&str] = &[
    "alloc",
    "bigdecimal",
    "chrono",
    "core",
    "indexmap",
    "lib",
    "main",
    "num_bigint",
    "serde",
    "serde_json",
    "serde_with",
    "std",
    "types",
];

/// Package names the generated crate cannot take: its own dependencies.
pub(super) const DEPENDENCIES: &[&str] = &[
    "alloc",
    "bigdecimal",
    "chrono",
    "core",
    "indexmap",
    "num_bigint",
    "serde",
    "serde_json",
    "serde_path_to_error",
    "serde_with",
    "std",
];

/// The names of one oneof.
#[derive(Debug, Clone)]
pub(super) struct OneofNames {
    /// Its enum.
    pub ty: String,
    /// Its field in the struct.
    pub field: String,
    /// Each member's variant, in member order.
    pub variants: Vec<String>,
}

/// The names of one model's parts.
#[derive(Debug, Clone, Default)]
pub(super) struct Parts {
    /// Each field's Rust name, in field order.
    pub fields: Vec<String>,
    /// Each oneof's names, in oneof order.
    pub oneofs: Vec<OneofNames>,
    /// The field that keeps keys not listed.
    pub extra: Option<String>,
    /// Enum variants, in value order, and the catch-all variant.
    pub variants: Vec<String>,
    /// An enum's catch-all variant.
    pub unknown: String,
}

/// Rust names of everything emitted.
pub(super) struct Names {
    /// Model key → type name.
    types: BTreeMap<String, String>,
    /// Model key → module (file stem).
    modules: BTreeMap<String, String>,
    /// Model key → the names of its parts.
    parts: BTreeMap<String, Parts>,
    /// The modules that hold the models of a docs section
    /// (`operations`...), by the name the IR gives them.
    pub sections: BTreeMap<String, String>,
    /// Renames forced by collisions.
    pub warnings: Vec<Diagnostic>,
}

/// `base`, or `base2`, `base3`... : the first that `taken` lacks (then taken).
pub(super) fn unique(base: &str, taken: &mut BTreeSet<String>) -> String {
    let name = std::iter::once(base.to_string())
        .chain((2..).map(|n| format!("{base}{n}")))
        .find(|n| !taken.contains(n))
        .expect("an unbounded sequence has a free name");
    taken.insert(name.clone());
    name
}

impl Names {
    pub(super) fn new(ir: &Ir) -> Self {
        let mut names = Names {
            types: BTreeMap::new(),
            modules: BTreeMap::new(),
            parts: BTreeMap::new(),
            sections: BTreeMap::new(),
            warnings: Vec::new(),
        };
        let mut root_modules: BTreeSet<String> =
            RESERVED_MODULES.iter().map(|m| m.to_string()).collect();
        for model in &ir.models {
            if let Some(section) = &model.module {
                if !names.sections.contains_key(section) {
                    let mut module = section.to_snake_case();
                    if !is_plain_ident(&module) {
                        module.push_str("_models");
                    }
                    let module = unique(&module, &mut root_modules);
                    names.sections.insert(section.clone(), module);
                }
            }
        }
        // Per module: the type names and file stems taken.
        let mut types: BTreeMap<Option<String>, BTreeSet<String>> = BTreeMap::new();
        let mut modules: BTreeMap<Option<String>, BTreeSet<String>> = BTreeMap::new();
        modules.insert(None, root_modules);
        // Models first, so that a model keeps its own name over a oneof enum.
        for model in &ir.models {
            let base = ident(&type_name(&model.name)).to_string();
            let taken = types.entry(model.module.clone()).or_default();
            let ty = unique(&base, taken);
            let title = format!("# {}", model.name);
            names.renamed(model, model.source.line, "the model", &title, &base, &ty);
            let mut module = ty.to_snake_case();
            if !is_plain_ident(&module) || module.starts_with("__") {
                module.push_str("_model");
            }
            let taken = modules
                .entry(model.module.clone())
                .or_insert_with(|| RESERVED_MODULES.iter().map(|m| m.to_string()).collect());
            let module = unique(&module, taken);
            names.types.insert(model.key.clone(), ty);
            names.modules.insert(model.key.clone(), module);
        }
        for model in &ir.models {
            let taken = types.entry(model.module.clone()).or_default();
            let parts = match &model.kind {
                Kind::Object(o) => names.object(model, o, taken),
                Kind::Enum(e) => enum_parts(e),
                Kind::Union(u) => names.union(model, u),
            };
            names.parts.insert(model.key.clone(), parts);
        }
        names
    }

    /// Warns when a name had to change to stay unique: `what` says whose
    /// name it is, `text` is the line as written when it is known.
    fn renamed(
        &mut self,
        model: &Model,
        line: usize,
        what: &str,
        text: &str,
        base: &str,
        name: &str,
    ) {
        if base != name {
            self.warnings.push(Diagnostic::new(
                &model.source.file,
                line,
                format!("{what}: `{base}` is taken in the generated code, so it is named `{name}`"),
                text,
            ));
        }
    }

    fn object(&mut self, model: &Model, o: &Object, types: &mut BTreeSet<String>) -> Parts {
        let ty = self.types[&model.key].clone();
        let mut taken: BTreeSet<String> = BTreeSet::new();
        let mut parts = Parts::default();
        for field in &o.fields {
            let base = ident(&field.name).to_string();
            let name = if field.oneof.is_some() {
                base.clone()
            } else {
                let name = unique(&base, &mut taken);
                let what = format!("field `{}`", field.name);
                self.renamed(model, field.source.line, &what, "", &base, &name);
                name
            };
            parts.fields.push(name);
        }
        for oneof in &o.oneofs {
            let want = format!("{ty}{}", oneof.name.to_upper_camel_case());
            let base = if types.contains(&want) {
                format!("{want}Oneof")
            } else {
                want.clone()
            };
            let enum_name = unique(&base, types);
            let what = format!("the enum of oneof `{}`", oneof.name);
            self.renamed(model, oneof.source.line, &what, "", &want, &enum_name);
            let want = ident(&oneof.name.to_snake_case()).to_string();
            let base = if taken.contains(&want) {
                format!("{}_oneof", want.trim_start_matches("r#"))
            } else {
                want.clone()
            };
            let field = unique(&base, &mut taken);
            let what = format!("the field of oneof `{}`", oneof.name);
            self.renamed(model, oneof.source.line, &what, "", &want, &field);
            let mut variants = BTreeSet::new();
            let variants = oneof
                .members
                .iter()
                .map(|m| {
                    let base = variant_name(&m.wire);
                    let v = unique(&base, &mut variants);
                    let what = format!("member `{}` of oneof `{}`", m.wire, oneof.name);
                    self.renamed(model, oneof.source.line, &what, "", &base, &v);
                    v
                })
                .collect();
            parts.oneofs.push(OneofNames {
                ty: enum_name,
                field,
                variants,
            });
        }
        if o.extra.is_some() {
            parts.extra = Some(unique("additional_properties", &mut taken));
        }
        parts
    }

    fn union(&mut self, model: &Model, u: &Union) -> Parts {
        let mut taken = BTreeSet::new();
        let variants = u
            .members
            .iter()
            .map(|m| {
                let base = variant_name(&m.name);
                let v = unique(&base, &mut taken);
                let what = format!("union member `{}`", m.name);
                self.renamed(model, model.source.line, &what, "", &base, &v);
                v
            })
            .collect();
        Parts {
            variants,
            ..Parts::default()
        }
    }

    /// A model's type name.
    pub(super) fn ty(&self, key: &str) -> Ident {
        ident(&self.types[key])
    }

    /// A model's type name as text.
    pub(super) fn ty_text(&self, key: &str) -> &str {
        &self.types[key]
    }

    /// A model's module (file stem).
    pub(super) fn module(&self, key: &str) -> &str {
        &self.modules[key]
    }

    /// The names of a model's parts.
    pub(super) fn parts(&self, key: &str) -> &Parts {
        &self.parts[key]
    }

    /// The path of a model's type from anywhere in the crate:
    /// `crate::X` or `crate::operations::X`.
    pub(super) fn path(&self, model: &Model) -> TokenStream {
        let ty = self.ty(&model.key);
        match &model.module {
            None => quote!(crate::#ty),
            Some(section) => {
                let m = ident(&self.sections[section]);
                quote!(crate::#m::#ty)
            }
        }
    }
}

/// Variant names of an enum, from its values (what every dialect states):
/// the value in UpperCamel, a suffix where two would collide; and the
/// catch-all variant, `Unknown`. A value that would itself be `Unknown`
/// becomes `UnknownValue`, so that adding one renames nothing.
pub(super) fn enum_parts(e: &Enum) -> Parts {
    let mut taken: BTreeSet<String> = ["Unknown".to_string()].into();
    let variants = e
        .values
        .iter()
        .map(|v| {
            let base = match variant_name(&v.value) {
                name if name == "Unknown" => "UnknownValue".to_string(),
                name => name,
            };
            unique(&base, &mut taken)
        })
        .collect();
    Parts {
        variants,
        unknown: "Unknown".into(),
        ..Parts::default()
    }
}

/// A model's Rust name from its title, in UpperCamel with acronyms and
/// words after digits capitalised alike, so that the titles two SDKs give
/// the same model (`C1APIAppV1Thing`, `C1ApiAppV1Thing`) are one name.
/// (heck keeps `C1API` one word, `C1Api` two; the words are split here.)
pub(super) fn type_name(title: &str) -> String {
    let chars: Vec<char> = title.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            continue;
        }
        let starts = c.is_uppercase()
            && i > 0
            && match chars[i - 1] {
                p if p.is_lowercase() || p.is_ascii_digit() => true,
                p if p.is_uppercase() => chars.get(i + 1).is_some_and(|n| n.is_lowercase()),
                _ => false,
            };
        if starts && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        word.push(c);
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect()
}

/// True for a name that is an identifier as it stands (no keyword). syn
/// decides; the answers are kept per thread, since the same names (field and
/// type names) come back again and again.
pub(super) fn is_plain_ident(name: &str) -> bool {
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

/// An identifier, raw or suffixed where the name is a Rust keyword.
pub(super) fn ident(name: &str) -> Ident {
    if let Some(raw) = name.strip_prefix("r#") {
        Ident::new_raw(raw, Span::call_site())
    } else if is_plain_ident(name) {
        format_ident!("{}", name)
    } else if matches!(name, "self" | "Self" | "super" | "crate" | "_") {
        format_ident!("{}_", name)
    } else if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format_ident!("_{}", name)
    } else {
        Ident::new_raw(name, Span::call_site())
    }
}

/// An UpperCamel variant name from a value or a key: its words (anything
/// that cannot be in an identifier breaks words); `V` in front where it
/// would start with a digit (digits kept apart: `1.0` → `V1_0`); `Empty`
/// for a value with no word.
pub(super) fn variant_name(value: &str) -> String {
    let words: Vec<&str> = value
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let camel: String = words.iter().map(|w| w.to_upper_camel_case()).collect();
    match camel.chars().next() {
        None => "Empty".into(),
        Some(c) if c.is_ascii_alphabetic() => {
            if camel.chars().all(|c| c.is_ascii_alphanumeric()) {
                camel
            } else {
                // Letters beyond ASCII: keep them out of identifiers.
                let ascii: String = camel.chars().filter(char::is_ascii_alphanumeric).collect();
                if ascii.is_empty() {
                    "Value".into()
                } else {
                    ascii
                }
            }
        }
        Some(_) => {
            // Words joined in UpperCamel; `_` only between two numbers, so
            // that `1.0` and `10` stay apart.
            let mut out = String::from("V");
            let mut prev_digit = true;
            for w in &words {
                let w: String = w
                    .to_upper_camel_case()
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect();
                let digit = w.starts_with(|c: char| c.is_ascii_digit());
                if digit && prev_digit && out.len() > 1 {
                    out.push('_');
                }
                prev_digit = w.ends_with(|c: char| c.is_ascii_digit());
                out.push_str(&w);
            }
            out
        }
    }
}

/// How a model's file spells the std types it uses: by their prelude names
/// (`Option<String>`), or by absolute path where a type the file defines or
/// imports takes the name (a model may be called `Option`).
pub(super) struct Std {
    pub option: StdName,
    pub string: StdName,
    pub vec: StdName,
    pub boxed: StdName,
    pub result: StdName,
}

impl Std {
    pub(super) fn new(scope: &BTreeSet<String>) -> Self {
        let name = |short, long| StdName::new(scope, short, long);
        Std {
            option: name("Option", "::core::option::Option"),
            string: name("String", "::std::string::String"),
            vec: name("Vec", "::std::vec::Vec"),
            boxed: name("Box", "::std::boxed::Box"),
            result: name("Result", "::core::result::Result"),
        }
    }
}

/// One std type as a file spells it: as text (for serde_with's type
/// strings) and as tokens.
pub(super) struct StdName {
    pub text: &'static str,
}

impl StdName {
    fn new(scope: &BTreeSet<String>, short: &'static str, long: &'static str) -> Self {
        let text = if scope.contains(short) { long } else { short };
        StdName { text }
    }
}

impl quote::ToTokens for StdName {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let segments = self.text.split("::").filter(|s| !s.is_empty()).map(ident);
        if self.text.starts_with("::") {
            tokens.extend(quote!(#(::#segments)*));
        } else {
            tokens.extend(quote!(#(#segments)::*));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::EnumValue;

    #[test]
    fn type_names_agree_across_acronym_spellings() {
        assert_eq!(type_name("C1APIAppV1Thing"), "C1ApiAppV1Thing");
        assert_eq!(type_name("C1ApiAppV1Thing"), "C1ApiAppV1Thing");
        assert_eq!(type_name("ABTest"), "AbTest");
        assert_eq!(type_name("AWSExternalID"), "AwsExternalId");
        assert_eq!(type_name("OAuth2Field1"), "OAuth2Field1");
        assert_eq!(type_name("V2ChartSegment"), "V2ChartSegment");
        assert_eq!(type_name("Self"), "Self");
    }

    #[test]
    fn keywords() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("Self").to_string(), "Self_");
        assert_eq!(ident("name").to_string(), "name");
    }

    #[test]
    fn variants_come_from_values_and_never_shift() {
        let e = |values: &[&str]| Enum {
            values: values
                .iter()
                .map(|v| EnumValue {
                    sdk_name: None,
                    value: v.to_string(),
                })
                .collect(),
            numeric: false,
            documented_open: None,
        };
        let v = |values: &[&str]| enum_parts(&e(values)).variants;
        assert_eq!(
            v(&["POLICY_TYPE_GRANT", "POLICY_TYPE_ACCESS_REQUEST"]),
            ["PolicyTypeGrant", "PolicyTypeAccessRequest"]
        );
        // An addition renames nothing.
        assert_eq!(
            v(&[
                "POLICY_TYPE_GRANT",
                "POLICY_TYPE_ACCESS_REQUEST",
                "ZZ_ADDED_VALUE"
            ])[..2],
            ["PolicyTypeGrant", "PolicyTypeAccessRequest"]
        );
        assert_eq!(
            v(&["1.0", "10", "", "OAuth Credentials", "1_ONE"]),
            ["V1_0", "V10", "Empty", "OAuthCredentials", "V1One"]
        );
        assert_eq!(v(&["a-b", "a_b", "UNKNOWN"]), ["AB", "AB2", "UnknownValue"]);
        assert_eq!(enum_parts(&e(&["UNKNOWN"])).unknown, "Unknown");
    }
}
