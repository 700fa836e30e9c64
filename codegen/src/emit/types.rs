//! IR types → Rust types, and the serde_with adapters of the ones whose
//! JSON form is not their serde form (integers read from strings, int64
//! written as strings, numbers kept exactly).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::names::{ident, Names, Std};
use crate::ir::{Int, Ir, Literal, Model, Type};

/// How one file refers to models: by a short name it imports, or by path
/// where the short name is taken.
pub(super) struct Scope {
    pub std: Std,
    /// Model key → how this file writes its type.
    refs: BTreeMap<String, TokenStream>,
    /// The `use` items of the file.
    pub imports: TokenStream,
}

impl Scope {
    /// The scope of a file that defines `own` (type names) and refers to
    /// the models `refs`.
    pub(super) fn new(
        names: &Names,
        ir: &Ir,
        model: &Model,
        own: &[String],
        refs: &BTreeSet<String>,
    ) -> Self {
        let mut taken: BTreeSet<String> = own.iter().cloned().collect();
        let mut short: BTreeMap<String, usize> = BTreeMap::new();
        for key in refs {
            *short.entry(names.ty_text(key).to_string()).or_default() += 1;
        }
        let mut by_path: BTreeMap<String, Vec<proc_macro2::Ident>> = BTreeMap::new();
        let mut written = BTreeMap::new();
        for key in refs {
            let Some(target) = ir.model(key) else {
                continue;
            };
            let ty = names.ty_text(key).to_string();
            if key == &model.key {
                // Its own file: the name is in scope (`Self` is not, inside
                // the serde impls' visitors).
                let id = ident(&ty);
                written.insert(key.clone(), quote!(#id));
                continue;
            }
            if short[&ty] == 1 && !taken.contains(&ty) {
                taken.insert(ty.clone());
                let module = match &target.module {
                    None => "crate".to_string(),
                    Some(section) => format!("crate::{}", names.sections[section]),
                };
                by_path.entry(module).or_default().push(ident(&ty));
                let id = ident(&ty);
                written.insert(key.clone(), quote!(#id));
            } else {
                written.insert(key.clone(), names.path(target));
            }
        }
        let mut imports = TokenStream::new();
        for (module, types) in by_path {
            let path: syn::Path = syn::parse_str(&module).expect("a module path");
            imports.extend(quote!(use #path::{#(#types),*};));
        }
        Scope {
            std: Std::new(&taken),
            refs: written,
            imports,
        }
    }

    /// How this file writes a model's type.
    pub(super) fn model(&self, key: &str) -> TokenStream {
        self.refs[key].clone()
    }

    /// The Rust type of a value.
    pub(super) fn rust(&self, ty: &Type) -> TokenStream {
        let Std { string, vec, .. } = &self.std;
        match ty {
            Type::String => quote!(#string),
            Type::Int(Int::Big) => quote!(num_bigint::BigInt),
            Type::Int(Int::I64 | Int::I64String) => quote!(i64),
            Type::Float => quote!(f64),
            Type::Number => quote!(serde_json::Number),
            Type::Decimal => quote!(bigdecimal::BigDecimal),
            Type::Bool => quote!(bool),
            Type::Any => quote!(serde_json::Value),
            Type::DateTime => quote!(chrono::DateTime<chrono::FixedOffset>),
            Type::Date => quote!(chrono::NaiveDate),
            Type::Temporal => quote!(crate::types::DateOrDateTime),
            Type::Bytes => quote!(#vec<u8>),
            Type::List(item) => {
                let item = self.rust(item);
                quote!(#vec<#item>)
            }
            Type::Map(value) => {
                let value = self.rust(value);
                quote!(indexmap::IndexMap<#string, #value>)
            }
            Type::Ref(key) => self.model(key),
            Type::Const(Literal::String(_)) => quote!(#string),
            Type::Const(Literal::Number(_)) => quote!(serde_json::Number),
            Type::Const(Literal::Bool(_)) => quote!(bool),
            Type::Const(Literal::Null) => quote!(()),
            // Never emitted: objects leave such fields out.
            Type::Opaque(_) => quote!(serde_json::Value),
        }
    }

    /// The Rust type, behind a `Box` when `boxed`.
    pub(super) fn rust_boxed(&self, ty: &Type, boxed: bool) -> TokenStream {
        let inner = self.rust(ty);
        if boxed {
            let b = &self.std.boxed;
            quote!(#b<#inner>)
        } else {
            inner
        }
    }

    /// The serde_with adapter of a type whose JSON form is not its serde
    /// form, or `None` when serde's own form is the JSON form.
    pub(super) fn adapter(&self, ty: &Type) -> Option<TokenStream> {
        let same = quote!(serde_with::Same);
        match ty {
            Type::Int(Int::Big) => Some(quote!(crate::__rt::BigInt)),
            Type::Int(Int::I64) => Some(quote!(crate::__rt::Int<false>)),
            Type::Int(Int::I64String) => Some(quote!(crate::__rt::Int<true>)),
            Type::Number => Some(quote!(crate::__rt::Number)),
            Type::Decimal => Some(quote!(crate::__rt::Decimal)),
            Type::List(item) => {
                let inner = self.adapter(item)?;
                let vec = &self.std.vec;
                Some(quote!(#vec<#inner>))
            }
            Type::Map(value) => {
                let inner = self.adapter(value)?;
                Some(quote!(indexmap::IndexMap<#same, #inner>))
            }
            Type::String
            | Type::Float
            | Type::Bool
            | Type::Any
            | Type::DateTime
            | Type::Date
            | Type::Temporal
            | Type::Bytes
            | Type::Ref(_)
            | Type::Const(_)
            | Type::Opaque(_) => None,
        }
    }

    /// The adapter of a type behind a `Box` when `boxed`.
    pub(super) fn adapter_boxed(&self, ty: &Type, boxed: bool) -> Option<TokenStream> {
        let inner = self.adapter(ty)?;
        if boxed {
            let b = &self.std.boxed;
            Some(quote!(#b<#inner>))
        } else {
            Some(inner)
        }
    }

    /// An expression reading the next map value as `rust` (with `adapter`
    /// if it needs one), optionally wrapped in `Option` for null.
    pub(super) fn read(
        &self,
        rust: &TokenStream,
        adapter: Option<&TokenStream>,
        nullable: bool,
    ) -> TokenStream {
        let option = &self.std.option;
        let (rust, adapter) = if nullable {
            (quote!(#option<#rust>), adapter.map(|a| quote!(#option<#a>)))
        } else {
            (rust.clone(), adapter.cloned())
        };
        match adapter {
            None => quote!(__map.next_value::<#rust>()?),
            Some(a) => {
                quote!(__map.next_value::<serde_with::de::DeserializeAsWrap<#rust, #a>>()?.into_inner())
            }
        }
    }

    /// An expression for a value to serialize: `value` itself, or wrapped
    /// in its adapter.
    pub(super) fn write(
        &self,
        value: TokenStream,
        rust: &TokenStream,
        adapter: Option<&TokenStream>,
    ) -> TokenStream {
        match adapter {
            None => value,
            Some(a) => quote!(&serde_with::ser::SerializeAsWrap::<#rust, #a>::new(#value)),
        }
    }
}

/// The keys of the models a type refers to.
pub(super) fn collect_refs(ty: &Type, out: &mut BTreeSet<String>) {
    out.extend(ty.refs().into_iter().map(str::to_string));
}
