//! A union model: a Rust enum of its members. A tagged union reads its
//! tag and its member at once; an untagged one reads the member the value
//! fits best (pydantic's "smart" mode), and names every member tried when
//! none fits. No `serde(untagged)`: it takes the first member that reads,
//! which is not the one that fits.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::names::ident;
use super::types::Scope;
use super::{deprecated_attr, Emit};
use crate::ir::{Model, Tagging, Type, Union};

pub(super) fn union(e: &Emit<'_>, model: &Model, union: &Union, scope: &Scope) -> TokenStream {
    let name = e.names.ty(&model.key);
    let parts = e.names.parts(&model.key);
    let result = &scope.std.result;
    let key = &model.key;
    let mut text = e.model_doc(model);
    let list: Vec<String> = parts.variants.iter().map(|v| format!("`{v}`")).collect();
    text.push_str(&format!("\n\nOne of: {}.", list.join(", ")));
    if let Tagging::Internal { property, .. } = &union.tag {
        text.push_str(&format!(" The `{property}` key says which."));
    }
    let doc = doc_attrs(&text);
    let dep = deprecated_attr(model.deprecated.as_deref());

    let mut variants = Vec::new();
    let mut ser_arms = Vec::new();
    let mut readers = Vec::new();
    let mut fits = Vec::new();
    for (member, variant) in union.members.iter().zip(&parts.variants) {
        let v = ident(variant);
        let vdoc = format!(" The `{}` member.", member.name);
        if let Type::Const(l) = &member.ty {
            let json = l.json();
            variants.push(quote! { #[doc = #vdoc] #v, });
            ser_arms.push(quote! {
                Self::#v => serde::Serialize::serialize(&#json.parse::<serde_json::Value>().map_err(serde::ser::Error::custom)?, serializer),
            });
            readers.push(quote! {{
                crate::__rt::expect_json::<serde_json::Error>(__v, #json).map_err(|e| e.to_string())?;
                #result::Ok(#name::#v)
            }});
            fits.push(quote!(crate::__rt::constant(__value, #json)));
            continue;
        }
        let rust = scope.rust_boxed(&member.ty, member.boxed);
        let adapter = scope.adapter_boxed(&member.ty, member.boxed);
        variants.push(quote! { #[doc = #vdoc] #v(#rust), });
        let w = scope.write(quote!(__v), &rust, adapter.as_ref());
        ser_arms.push(quote!(Self::#v(__v) => serde::Serialize::serialize(#w, serializer),));
        let read = match &adapter {
            None => quote!(crate::__rt::read::<#rust>(__v)),
            Some(a) => quote!(
                crate::__rt::read::<serde_with::de::DeserializeAsWrap<#rust, #a>>(__v)
                    .map(serde_with::de::DeserializeAsWrap::into_inner)
            ),
        };
        readers.push(quote!(#read.map(#name::#v)));
        fits.push(super::fit::member_fit(e, scope, &member.ty));
    }
    let names: Vec<&str> = union.members.iter().map(|m| m.name.as_str()).collect();
    // Each reader is an expression of `__v`, the value to read.
    let from_value = match &union.tag {
        Tagging::Untagged => {
            let n = union.members.len();
            quote! {
                let __depth = crate::__rt::FIT_DEPTH;
                let __candidates: [crate::__rt::Candidate<#name>; #n] = [
                    #( (#names, #fits, |__v: &serde_json::Value| -> #result<#name, ::std::string::String> { #readers }), )*
                ];
                crate::__rt::pick(#key, __value, &__candidates)
            }
        }
        Tagging::Internal {
            property, mapping, ..
        } => {
            let arms = mapping.iter().map(|(tag, i)| {
                let reader = &readers[*i];
                quote! {
                    #tag => {
                        let __v = __value;
                        #reader
                    }
                }
            });
            let tags: Vec<String> = mapping.iter().map(|(t, _)| format!("`{t}`")).collect();
            let expected = format!("expected one of {}", tags.join(", "));
            quote! {
                match crate::__rt::tag(__value, #property)? {
                    #(#arms)*
                    __other => #result::Err(::std::format!("unknown tag `{}` of `{}`: {}", __other, #property, #expected)),
                }
            }
        }
    };
    let fit_fn = e.fitted.contains(&model.key).then(|| {
        quote! {
            /// How well a value fits it, for unions that hold it.
            #[doc(hidden)]
            pub fn __fit(__value: &serde_json::Value, __depth: u8) -> ::core::option::Option<crate::__rt::Fit> {
                crate::__rt::best(&[#(#fits),*])
            }
        }
    });
    quote! {
        #doc
        #dep
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// Reads it from a JSON value.
            fn __from_value(__value: &serde_json::Value) -> #result<Self, ::std::string::String> {
                #from_value
            }

            #fit_fn
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> #result<S::Ok, S::Error> {
                match self {
                    #(#ser_arms)*
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> #result<Self, D::Error> {
                let __value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                Self::__from_value(&__value).map_err(serde::de::Error::custom)
            }
        }
    }
}
