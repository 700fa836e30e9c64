//! How a struct is built: `new` taking the required fields, a `with_`
//! setter for each other field (and each oneof), `Default` where no field
//! is required, so that code building one survives new optional fields.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::Slot;
use crate::emit::deprecated_attr;
use crate::emit::names::{ident, Parts};
use crate::emit::types::Scope;
use crate::ir::{Literal, Model, Object, Presence};

/// `new` (the required fields), `with_` setters, and `Default` where no
/// field is required.
pub(super) fn constructors(
    name: &Ident,
    model: &Model,
    object: &Object,
    slots: &[Slot<'_>],
    extra: &Option<(Ident, TokenStream, Option<TokenStream>)>,
    parts: &Parts,
    scope: &Scope,
) -> TokenStream {
    let option = &scope.std.option;
    let boxed = &scope.std.boxed;
    let mut args = Vec::new();
    let mut inits = Vec::new();
    let mut setters = Vec::new();
    for slot in slots {
        match slot {
            Slot::Plain(p) => {
                let id = &p.id;
                let value_ty = scope.rust(&p.field.ty);
                let wrap = |v: TokenStream| {
                    if p.field.boxed {
                        quote!(#boxed::new(#v))
                    } else {
                        v
                    }
                };
                if let Some(l) = p.constant() {
                    let init = match l {
                        Literal::String(s) => quote!(#option::Some(#s.into())),
                        Literal::Number(n) => quote!(#option::Some(#n.parse().expect("a number"))),
                        Literal::Bool(b) => quote!(#option::Some(#b)),
                        Literal::Null => quote!(#option::Some(())),
                    };
                    let init = match (p.field.presence, l) {
                        (Presence::Nullable, l) if *l != Literal::Null => {
                            quote!(#option::Some(#init))
                        }
                        _ => init,
                    };
                    inits.push(quote!(#id: #init));
                    continue;
                }
                let dep = deprecated_attr(p.field.deprecated.as_deref());
                let setter = format_ident!("with_{}", id.to_string().trim_start_matches("r#"));
                let doc = format!(" Sets `{}`.", p.field.wire);
                match p.field.presence {
                    Presence::Required => {
                        let v = wrap(quote!(#id.into()));
                        args.push(quote!(#id: impl Into<#value_ty>));
                        inits.push(quote!(#id: #v));
                        setters.push(quote! {
                            #[doc = #doc]
                            #dep
                            pub fn #setter(mut self, #id: impl Into<#value_ty>) -> Self {
                                self.#id = #v;
                                self
                            }
                        });
                    }
                    Presence::RequiredNullable => {
                        let v = if p.field.boxed {
                            quote!(#id.map(#boxed::new))
                        } else {
                            quote!(#id)
                        };
                        args.push(quote!(#id: #option<#value_ty>));
                        inits.push(if p.field.boxed {
                            quote!(#id: #v)
                        } else {
                            quote!(#id)
                        });
                        setters.push(quote! {
                            #[doc = #doc]
                            #dep
                            pub fn #setter(mut self, #id: #option<#value_ty>) -> Self {
                                self.#id = #v;
                                self
                            }
                        });
                    }
                    Presence::Optional => {
                        let v = wrap(quote!(#id.into()));
                        inits.push(quote!(#id: #option::None));
                        setters.push(quote! {
                            #[doc = #doc]
                            #dep
                            pub fn #setter(mut self, #id: impl Into<#value_ty>) -> Self {
                                self.#id = #option::Some(#v);
                                self
                            }
                        });
                    }
                    Presence::Nullable => {
                        let v = if p.field.boxed {
                            quote!(#id.map(#boxed::new))
                        } else {
                            quote!(#id)
                        };
                        let doc = format!(" Sets `{}`: `None` sends it as null.", p.field.wire);
                        inits.push(quote!(#id: #option::None));
                        setters.push(quote! {
                            #[doc = #doc]
                            #dep
                            pub fn #setter(mut self, #id: #option<#value_ty>) -> Self {
                                self.#id = #option::Some(#v);
                                self
                            }
                        });
                    }
                }
            }
            Slot::Oneof(o) => {
                let names = &parts.oneofs[*o];
                let id = ident(&names.field);
                let ty = ident(&names.ty);
                let setter = format_ident!("with_{}", id.to_string().trim_start_matches("r#"));
                let doc = format!(" Sets the `{}` oneof.", object.oneofs[*o].name);
                inits.push(quote!(#id: #option::None));
                setters.push(quote! {
                    #[doc = #doc]
                    pub fn #setter(mut self, #id: #ty) -> Self {
                        self.#id = #option::Some(#id);
                        self
                    }
                });
            }
        }
    }
    if let Some((id, _, _)) = extra {
        inits.push(quote!(#id: indexmap::IndexMap::new()));
    }
    let new_doc = if args.is_empty() {
        format!(" A `{}` with every field unset.", model.name)
    } else {
        format!(
            " A `{}` with its required fields set and the others unset.",
            model.name
        )
    };
    let default = args.is_empty().then(|| {
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    quote! {
        impl #name {
            #[doc = #new_doc]
            #[allow(clippy::too_many_arguments)]
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits),* }
            }

            #(#setters)*
        }

        #default
    }
}
