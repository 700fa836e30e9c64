//! An enum model: its documented values, and a catch-all that keeps any
//! other value as sent (a server may add values at any time).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::doc_attrs;
use super::names::ident;
use super::types::Scope;
use super::{deprecated_attr, Emit};
use crate::ir::{Enum, Model};

pub(super) fn enumeration(e: &Emit<'_>, model: &Model, en: &Enum, scope: &Scope) -> TokenStream {
    let string = &scope.std.string;
    let result = &scope.std.result;
    let name = e.names.ty(&model.key);
    let parts = e.names.parts(&model.key);
    let mut text = e.model_doc(model);
    text.push_str(match en.documented_open {
        Some(true) => "\n\nThe docs call this enum open: values they do not list may come.",
        Some(false) => {
            "\n\nThe docs list these values as all there are; a value they do not list is \
             kept all the same."
        }
        None => "",
    });
    let doc = doc_attrs(&text);
    let dep = deprecated_attr(model.deprecated.as_deref());
    let unknown = ident(&parts.unknown);
    let variants: Vec<Ident> = parts.variants.iter().map(|v| ident(v)).collect();
    let values: Vec<&String> = en.values.iter().map(|v| &v.value).collect();
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
    let (what, serialize, deserialize) = if en.numeric {
        (
            "a number",
            quote! {
                let __n: serde_json::Number = self.as_str().parse().map_err(serde::ser::Error::custom)?;
                serde::Serialize::serialize(&__n, serializer)
            },
            quote! {
                let __n: serde_json::Number = serde::Deserialize::deserialize(deserializer)?;
                #result::Ok(#name::from(__n.to_string()))
            },
        )
    } else {
        (
            "a string",
            quote!(serializer.serialize_str(self.as_str())),
            quote!(deserializer.deserialize_str(__Visitor)),
        )
    };
    let visitor = (!en.numeric).then(|| {
        quote! {
            /// Known values are matched on the borrowed text; only an
            /// unknown one is copied.
            struct __Visitor;

            impl serde::de::Visitor<'_> for __Visitor {
                type Value = #name;

                fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    f.write_str(#what)
                }

                fn visit_str<E: serde::de::Error>(self, value: &str) -> #result<#name, E> {
                    #result::Ok(#name::from(value))
                }

                fn visit_string<E: serde::de::Error>(self, value: #string) -> #result<#name, E> {
                    #result::Ok(#name::from(value))
                }
            }
        }
    });
    let known = e.fitted.contains(&model.key).then(|| {
        let test = if values.is_empty() {
            quote!(false)
        } else {
            quote!(matches!(value, #(#values)|*))
        };
        quote! {
            /// Whether a value is one the docs list, for unions to judge fit.
            #[doc(hidden)]
            pub fn __is_known(value: &str) -> bool {
                #test
            }
        }
    });
    quote! {
        #doc
        ///
        /// The enum is open: a value this crate does not know is kept as sent.
        #dep
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
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

            #known
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
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> #result<S::Ok, S::Error> {
                #serialize
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> #result<Self, D::Error> {
                #visitor
                #deserialize
            }
        }
    }
}
