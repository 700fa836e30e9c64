//! How well a JSON value fits a union member, the way pydantic's "smart"
//! unions judge it: what each model emits so that the unions holding it can
//! rank their members before reading one. An object counts the documented
//! keys a value sets, and those its nested models set down to the
//! runtime's `FIT_DEPTH` levels (so that members whose own keys are alike,
//! told apart only by a nested model, rank as the value says).

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::types::Scope;
use super::Emit;
use crate::ir::{Int, Ir, Kind, Literal, Model, Object, Type};

/// The models that need a fit: union members (directly, or through a union
/// that is one), and the objects and unions their fields hold, down to the
/// leaves, whose keys count towards their holder's fit.
pub(super) fn fitted(ir: &Ir) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut todo: Vec<&Model> = ir
        .models
        .iter()
        .filter(|m| matches!(m.kind, Kind::Union(_)))
        .collect();
    while let Some(model) = todo.pop() {
        let targets: Vec<&str> = match &model.kind {
            Kind::Union(u) => u.members.iter().flat_map(|m| m.ty.refs()).collect(),
            Kind::Object(o) => o
                .fields
                .iter()
                .flat_map(|f| f.ty.refs())
                .filter(|k| {
                    ir.model(k)
                        .is_some_and(|m| matches!(m.kind, Kind::Object(_) | Kind::Union(_)))
                })
                .collect(),
            Kind::Enum(_) => Vec::new(),
        };
        for key in targets {
            if out.insert(key.to_string()) {
                if let Some(m) = ir.model(key) {
                    todo.push(m);
                }
            }
        }
    }
    out
}

/// How well `__value` fits a member of type `ty` (an `Option<Fit>`
/// expression).
pub(super) fn member_fit(e: &Emit<'_>, scope: &Scope, ty: &Type) -> TokenStream {
    match ty {
        Type::String => quote!(crate::__rt::string(__value)),
        Type::Int(Int::Big | Int::I64 | Int::I64String) => quote!(crate::__rt::integer(__value)),
        Type::Float => quote!(crate::__rt::float(__value)),
        Type::Number | Type::Decimal => quote!(crate::__rt::number(__value)),
        Type::Bool => quote!(crate::__rt::boolean(__value)),
        Type::Any | Type::Opaque(_) => quote!(crate::__rt::any(__value)),
        Type::DateTime | Type::Date | Type::Temporal => quote!(crate::__rt::temporal(__value)),
        Type::Bytes | Type::List(_) => quote!(crate::__rt::list(__value)),
        Type::Map(_) => quote!(crate::__rt::map(__value)),
        Type::Const(l) => {
            let json = Literal::json(l);
            quote!(crate::__rt::constant(__value, #json))
        }
        Type::Ref(key) => {
            let ty: TokenStream = scope.model(key);
            match e.ir.model(key).map(|m| &m.kind) {
                Some(Kind::Object(_) | Kind::Union(_)) => quote!(#ty::__fit(__value, __depth)),
                Some(Kind::Enum(en)) if en.numeric => {
                    quote!(crate::__rt::numeric_enumeration(__value, #ty::__is_known))
                }
                Some(Kind::Enum(_)) => quote!(crate::__rt::enumeration(__value, #ty::__is_known)),
                None => quote!(crate::__rt::any(__value)),
            }
        }
    }
}

/// An object's `__fit`: the keys it documents that the value sets (not to
/// null, which a round trip may drop), plus the keys its nested models set.
pub(super) fn object_fit(
    e: &Emit<'_>,
    model: &Model,
    object: &Object,
    scope: &Scope,
) -> TokenStream {
    let name = e.names.ty(&model.key);
    let fields = || {
        object
            .fields
            .iter()
            .filter(|f| !matches!(f.ty, Type::Opaque(_)))
    };
    let wires: Vec<&str> = fields().map(|f| f.wire.as_str()).collect();
    let nested: Vec<TokenStream> = fields()
        .filter_map(|f| {
            let wire = &f.wire;
            let count = count(e, scope, &f.ty)?;
            Some(quote! {
                if let ::core::option::Option::Some(__v) = crate::__rt::set(__map, #wire) {
                    __n += #count;
                }
            })
        })
        .collect();
    let body = if nested.is_empty() {
        quote! {
            let __map = __value.as_object()?;
            ::core::option::Option::Some(crate::__rt::fields(crate::__rt::keys_set(__map, &[#(#wires),*])))
        }
    } else {
        quote! {
            let __map = __value.as_object()?;
            let mut __n = crate::__rt::keys_set(__map, &[#(#wires),*]);
            if let ::core::option::Option::Some(__depth) = __depth.checked_sub(1) {
                #(#nested)*
            }
            ::core::option::Option::Some(crate::__rt::fields(__n))
        }
    };
    quote! {
        impl #name {
            /// How well a value fits it, for unions that hold it.
            #[doc(hidden)]
            pub fn __fit(__value: &serde_json::Value, __depth: u8) -> ::core::option::Option<crate::__rt::Fit> {
                #body
            }
        }
    }
}

/// The keys the nested models of a field's value `__v` set (a `usize`
/// expression), or `None` where the type holds no object or union.
fn count(e: &Emit<'_>, scope: &Scope, ty: &Type) -> Option<TokenStream> {
    match ty {
        Type::Ref(key) => match e.ir.model(key).map(|m| &m.kind) {
            Some(Kind::Object(_) | Kind::Union(_)) => {
                let ty = scope.model(key);
                Some(quote!(crate::__rt::nested(#ty::__fit(__v, __depth))))
            }
            Some(Kind::Enum(_)) | None => None,
        },
        Type::List(t) | Type::Map(t) => {
            let inner = count(e, scope, t)?;
            Some(quote!(crate::__rt::items(__v, |__v: &serde_json::Value| -> usize { #inner })))
        }
        Type::String
        | Type::Int(_)
        | Type::Float
        | Type::Number
        | Type::Decimal
        | Type::Bool
        | Type::Any
        | Type::DateTime
        | Type::Date
        | Type::Temporal
        | Type::Bytes
        | Type::Const(_)
        | Type::Opaque(_) => None,
    }
}
