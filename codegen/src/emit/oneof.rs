//! A oneof's enum: the member that is set, each written as its own key of
//! the object that holds it (the object's serde impls read and write it).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, own_doc_attrs};
use super::names::{ident, OneofNames};
use super::types::Scope;
use super::{deprecated_attr, Emit};
use crate::ir::{Model, Object, Oneof};

pub(super) fn oneof_enum(
    e: &Emit<'_>,
    model: &Model,
    object: &Object,
    decl: &Oneof,
    names: &OneofNames,
    scope: &Scope,
) -> TokenStream {
    let enum_ty = ident(&names.ty);
    let doc = own_doc_attrs(&format!(
        "The `{}` oneof of [`{}`]: the member that is set, written as its own JSON key.",
        decl.name,
        e.names.ty_text(&model.key)
    ));
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for (member, variant) in decl.members.iter().zip(&names.variants) {
        let field = object
            .fields
            .iter()
            .find(|f| f.wire == member.wire && f.oneof.as_deref() == Some(&decl.name))
            .expect("the resolver links members to fields");
        let variant = ident(variant);
        let ty = scope.rust_boxed(&field.ty, field.boxed);
        let wire = &member.wire;
        let mut text = field.doc.clone().unwrap_or_default();
        text.push_str(&format!("\n\nThe `{wire}` key."));
        let vdoc = doc_attrs(&text);
        let dep = deprecated_attr(field.deprecated.as_deref());
        variants.push(quote! { #vdoc #dep #variant(#ty), });
        arms.push(quote!(Self::#variant(_) => #wire,));
    }
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)]
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
