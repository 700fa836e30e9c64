//! An object model: its struct (`#[non_exhaustive]`, built with `new` and
//! `with_` setters), and serde impls written out field by field: keys as on
//! the wire, null and absent told apart where the docs do, oneofs that hold
//! one member, consts that hold one value, unknown keys kept or dropped.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs::{doc_attrs, own_doc_attrs};
use super::names::{ident, Parts};
use super::types::Scope;
use super::{deprecated_attr, Emit};
use crate::ir::{Field, Literal, Model, Object, Oneof, Presence, Role, Type};
use construct::constructors;

mod construct;

/// A field as the struct holds it.
struct Plain<'f> {
    field: &'f Field,
    id: Ident,
    /// The value's Rust type (boxed where it closes a cycle).
    rust: TokenStream,
    adapter: Option<TokenStream>,
}

impl Plain<'_> {
    fn constant(&self) -> Option<&Literal> {
        if let Type::Const(l) = &self.field.ty {
            Some(l)
        } else {
            None
        }
    }
}

/// The fields of a struct, in order: plain fields, and each oneof at the
/// place of its first member.
enum Slot<'f> {
    Plain(Plain<'f>),
    Oneof(usize),
}

pub(super) fn object(e: &Emit<'_>, model: &Model, object: &Object, scope: &Scope) -> TokenStream {
    let parts = e.names.parts(&model.key);
    let name = e.names.ty(&model.key);
    let Scope { std, .. } = scope;
    let option = &std.option;
    let string = &std.string;

    // SDK types with no JSON form (the raw HTTP response of an operation)
    // are left out: the HTTP client the caller uses hands them over.
    let mut doc = e.model_doc(model);
    if object.role == Role::Operation {
        doc.push_str(
            "\n\nThe request or response wrapper of an API operation: its fields are the \
             operation's parameters and body, keyed by their SDK names.",
        );
        for f in &object.fields {
            if let Type::Opaque(t) = &f.ty {
                doc.push_str(&format!(
                    " The SDK's `{}` ({t}) has no JSON form and is left out: the HTTP client \
                     that calls the API returns it.",
                    f.doc_name
                ));
            }
        }
    }
    let doc = doc_attrs(&doc);

    let mut slots: Vec<Slot<'_>> = Vec::new();
    let mut seen_oneofs = Vec::new();
    for (i, field) in object.fields.iter().enumerate() {
        if matches!(field.ty, Type::Opaque(_)) {
            continue;
        }
        match &field.oneof {
            None => slots.push(Slot::Plain(Plain {
                field,
                id: ident(&parts.fields[i]),
                rust: scope.rust_boxed(&field.ty, field.boxed),
                adapter: scope.adapter_boxed(&field.ty, field.boxed),
            })),
            Some(name) => {
                let o = object
                    .oneofs
                    .iter()
                    .position(|o| &o.name == name)
                    .expect("the resolver links members to declared oneofs");
                if !seen_oneofs.contains(&o) {
                    seen_oneofs.push(o);
                    slots.push(Slot::Oneof(o));
                }
            }
        }
    }
    let extra = object.extra.as_ref().map(|ty| {
        let id = ident(parts.extra.as_deref().expect("names give extras a field"));
        (id, scope.rust(ty), scope.adapter(ty))
    });

    // The struct.
    let mut members = Vec::new();
    for slot in &slots {
        members.push(match slot {
            Slot::Plain(p) => {
                let mut doc = p.field.doc.clone().unwrap_or_default();
                if let Some(example) = &p.field.example {
                    doc.push_str(&format!("\n\nExample: {example}"));
                }
                if let Some(l) = p.constant() {
                    doc.push_str(&format!("\n\nAlways `{}` when set.", l.json()));
                }
                let doc = doc_attrs(&doc);
                let dep = deprecated_attr(p.field.deprecated.as_deref());
                let id = &p.id;
                let ty = field_type(p, scope);
                quote! { #doc #dep pub #id: #ty, }
            }
            Slot::Oneof(o) => {
                let decl = &object.oneofs[*o];
                let names = &parts.oneofs[*o];
                let id = ident(&names.field);
                let ty = ident(&names.ty);
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
                quote! { #doc pub #id: #option<#ty>, }
            }
        });
    }
    if let Some((id, ty, _)) = &extra {
        members.push(quote! {
            /// Keys the docs do not list, kept as sent.
            pub #id: indexmap::IndexMap<#string, #ty>,
        });
    }
    let dep = deprecated_attr(model.deprecated.as_deref());
    let oneof_enums: Vec<TokenStream> = object
        .oneofs
        .iter()
        .enumerate()
        .map(|(o, decl)| super::oneof::oneof_enum(e, model, object, decl, &parts.oneofs[o], scope))
        .collect();
    let constructors = constructors(&name, model, object, &slots, &extra, parts, scope);
    let serialize = serialize(&name, object, &slots, &extra, parts, scope);
    let deserialize = deserialize(&name, object, &slots, &extra, parts, scope);
    let keys = e
        .fitted
        .contains(&model.key)
        .then(|| super::fit::object_fit(e, model, object, scope));
    quote! {
        #doc
        #dep
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#members)*
        }

        #constructors
        #keys
        #(#oneof_enums)*
        #serialize
        #deserialize
    }
}

/// The Rust type of a field, presence included.
fn field_type(p: &Plain<'_>, scope: &Scope) -> TokenStream {
    let option = &scope.std.option;
    let ty = &p.rust;
    if let Some(Literal::Null) = p.constant() {
        return quote!(#option<()>);
    }
    match p.field.presence {
        Presence::Required => quote!(#ty),
        Presence::Optional | Presence::RequiredNullable => quote!(#option<#ty>),
        Presence::Nullable => quote!(#option<#option<#ty>>),
    }
}

fn serialize(
    name: &Ident,
    object: &Object,
    slots: &[Slot<'_>],
    extra: &Option<(Ident, TokenStream, Option<TokenStream>)>,
    parts: &Parts,
    scope: &Scope,
) -> TokenStream {
    let result = &scope.std.result;
    let option = &scope.std.option;
    let mut entries = Vec::new();
    for slot in slots {
        match slot {
            Slot::Plain(p) => {
                let id = &p.id;
                let wire = &p.field.wire;
                let rust = &p.rust;
                let adapter = p.adapter.as_ref();
                if let Some(Literal::Null) = p.constant() {
                    entries.push(quote! {
                        if self.#id.is_some() {
                            __map.serialize_entry(#wire, &())?;
                        }
                    });
                    continue;
                }
                let entry = match p.field.presence {
                    Presence::Required => {
                        let v = scope.write(quote!(&self.#id), rust, adapter);
                        quote!(__map.serialize_entry(#wire, #v)?;)
                    }
                    Presence::RequiredNullable => {
                        let opt = quote!(#option<#rust>);
                        let a = adapter.map(|a| quote!(#option<#a>));
                        let v = scope.write(quote!(&self.#id), &opt, a.as_ref());
                        quote!(__map.serialize_entry(#wire, #v)?;)
                    }
                    Presence::Optional => {
                        let v = scope.write(quote!(__v), rust, adapter);
                        quote! {
                            if let #option::Some(__v) = &self.#id {
                                __map.serialize_entry(#wire, #v)?;
                            }
                        }
                    }
                    Presence::Nullable => {
                        let opt = quote!(#option<#rust>);
                        let a = adapter.map(|a| quote!(#option<#a>));
                        let v = scope.write(quote!(__v), &opt, a.as_ref());
                        quote! {
                            if let #option::Some(__v) = &self.#id {
                                __map.serialize_entry(#wire, #v)?;
                            }
                        }
                    }
                };
                entries.push(entry);
            }
            Slot::Oneof(o) => {
                let names = &parts.oneofs[*o];
                let id = ident(&names.field);
                let ty = ident(&names.ty);
                let arms = member_fields(object, &object.oneofs[*o])
                    .zip(&names.variants)
                    .map(|((wire, field), variant)| {
                        let variant = ident(variant);
                        let rust = scope.rust_boxed(&field.ty, field.boxed);
                        let adapter = scope.adapter_boxed(&field.ty, field.boxed);
                        let v = scope.write(quote!(__v), &rust, adapter.as_ref());
                        quote!(#ty::#variant(__v) => __map.serialize_entry(#wire, #v)?,)
                    });
                entries.push(quote! {
                    if let #option::Some(__member) = &self.#id {
                        match __member {
                            #(#arms)*
                        }
                    }
                });
            }
        }
    }
    if let Some((id, rust, adapter)) = extra {
        let v = scope.write(quote!(__v), rust, adapter.as_ref());
        entries.push(quote! {
            for (__k, __v) in &self.#id {
                __map.serialize_entry(__k, #v)?;
            }
        });
    }
    quote! {
        impl serde::Serialize for #name {
            fn serialize<__S: serde::Serializer>(&self, __serializer: __S) -> #result<__S::Ok, __S::Error> {
                use serde::ser::SerializeMap as _;
                let mut __map = __serializer.serialize_map(#option::None)?;
                #(#entries)*
                __map.end()
            }
        }
    }
}

/// The members of a oneof with their keys and fields, in member order.
fn member_fields<'o>(
    object: &'o Object,
    decl: &'o Oneof,
) -> impl Iterator<Item = (&'o str, &'o Field)> + 'o {
    decl.members.iter().map(move |m| {
        let field = object
            .fields
            .iter()
            .find(|f| f.wire == m.wire && f.oneof.as_deref() == Some(&decl.name))
            .expect("the resolver links members to fields");
        (m.wire.as_str(), field)
    })
}

fn deserialize(
    name: &Ident,
    object: &Object,
    slots: &[Slot<'_>],
    extra: &Option<(Ident, TokenStream, Option<TokenStream>)>,
    parts: &Parts,
    scope: &Scope,
) -> TokenStream {
    let result = &scope.std.result;
    let option = &scope.std.option;
    let string = &scope.std.string;
    let mut locals = Vec::new();
    let mut arms = Vec::new();
    let mut inits = Vec::new();
    for (n, slot) in slots.iter().enumerate() {
        let local = format_ident!("__f{}", n);
        match slot {
            Slot::Plain(p) => {
                let id = &p.id;
                let wire = &p.field.wire;
                let rust = &p.rust;
                let adapter = p.adapter.as_ref();
                // The slot holds `Some(value as stored)` once the key is met.
                let (stored, read, init) = match (p.constant(), p.field.presence) {
                    (Some(Literal::Null), _) => (
                        quote!(()),
                        quote!(__map.next_value_seed(crate::__rt::Null)?;),
                        quote!(#local),
                    ),
                    (Some(l), presence) => {
                        let json = l.json();
                        let init = if presence == Presence::Nullable {
                            quote!(#local)
                        } else {
                            quote!(#local.flatten())
                        };
                        (
                            quote!(#option<#rust>),
                            quote!(__map.next_value_seed(crate::__rt::Const::<#rust>::new(#json))?),
                            init,
                        )
                    }
                    (None, Presence::Required) => (
                        rust.clone(),
                        scope.read(rust, adapter, false),
                        quote!(crate::__rt::required(#local, #wire)?),
                    ),
                    (None, Presence::RequiredNullable) => (
                        quote!(#option<#rust>),
                        scope.read(rust, adapter, true),
                        quote!(crate::__rt::required(#local, #wire)?),
                    ),
                    // Null is a value of `Any`: kept, not read as absent.
                    (None, Presence::Optional) if matches!(p.field.ty, Type::Any) => (
                        rust.clone(),
                        scope.read(rust, adapter, false),
                        quote!(#local),
                    ),
                    (None, Presence::Optional) => (
                        quote!(#option<#rust>),
                        scope.read(rust, adapter, true),
                        quote!(#local.flatten()),
                    ),
                    (None, Presence::Nullable) => (
                        quote!(#option<#rust>),
                        scope.read(rust, adapter, true),
                        quote!(#local),
                    ),
                };
                locals.push(quote!(let mut #local: #option<#stored> = #option::None;));
                arms.push(if p.constant() == Some(&Literal::Null) {
                    quote! {
                        #wire => {
                            #read
                            crate::__rt::once(&mut #local, #wire, ())?;
                        }
                    }
                } else {
                    quote! {
                        #wire => {
                            let __v = #read;
                            crate::__rt::once(&mut #local, #wire, __v)?;
                        }
                    }
                });
                inits.push(quote!(#id: #init));
            }
            Slot::Oneof(o) => {
                let names = &parts.oneofs[*o];
                let id = ident(&names.field);
                let ty = ident(&names.ty);
                let oneof = &object.oneofs[*o].name;
                locals.push(quote!(let mut #local: #option<#ty> = #option::None;));
                for ((wire, field), variant) in
                    member_fields(object, &object.oneofs[*o]).zip(&names.variants)
                {
                    let variant = ident(variant);
                    let rust = scope.rust_boxed(&field.ty, field.boxed);
                    let adapter = scope.adapter_boxed(&field.ty, field.boxed);
                    // A null member counts as absent.
                    let read = scope.read(&rust, adapter.as_ref(), true);
                    arms.push(quote! {
                        #wire => {
                            if let #option::Some(__v) = #read {
                                crate::__rt::set_member(&mut #local, #oneof, #ty::#variant(__v), #ty::wire_name)?;
                            }
                        }
                    });
                }
                inits.push(quote!(#id: #local));
            }
        }
    }
    let other = match extra {
        Some((id, rust, adapter)) => {
            let read = scope.read(rust, adapter.as_ref(), false);
            locals.push(quote!(let mut __extra: indexmap::IndexMap<#string, #rust> = indexmap::IndexMap::new();));
            inits.push(quote!(#id: __extra));
            quote! {
                let __v = #read;
                __extra.insert(__key.into_string(), __v);
            }
        }
        None => quote! {
            __map.next_value::<serde::de::IgnoredAny>()?;
        },
    };
    let expecting = format!("an object ({name})");
    // An object with no documented key and no extras only skips values.
    let walk = match (arms.is_empty(), extra.is_some()) {
        (true, false) => quote! {
            while __map.next_key::<serde::de::IgnoredAny>()?.is_some() {
                #other
            }
        },
        (true, true) => quote! {
            while let #option::Some(__key) = __map.next_key::<crate::__rt::Key<'de>>()? {
                #other
            }
        },
        (false, _) => quote! {
            while let #option::Some(__key) = __map.next_key::<crate::__rt::Key<'de>>()? {
                match __key.as_str() {
                    #(#arms)*
                    _ => {
                        #other
                    }
                }
            }
        },
    };
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<__D: serde::Deserializer<'de>>(__deserializer: __D) -> #result<Self, __D::Error> {
                struct __Visitor;

                impl<'de> serde::de::Visitor<'de> for __Visitor {
                    type Value = #name;

                    fn expecting(&self, __f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        __f.write_str(#expecting)
                    }

                    #[allow(clippy::type_complexity)]
                    fn visit_map<__A: serde::de::MapAccess<'de>>(self, mut __map: __A) -> #result<#name, __A::Error> {
                        #(#locals)*
                        #walk
                        #result::Ok(#name { #(#inits),* })
                    }
                }

                __deserializer.deserialize_map(__Visitor)
            }
        }
    }
}
