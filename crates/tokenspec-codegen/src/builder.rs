//! The typestate builder: one type parameter per required setter, `build()` bounded by a
//! trait per parameter whose `#[diagnostic::on_unimplemented]` message names the missing
//! setter and where the spec declares it.
//!
//! The bounds sit on `build()` rather than on the impl block: a bound on the impl turns a
//! missing setter into an opaque "method not found" (E0599), a bound on the method gives
//! E0277 with our message.

use proc_macro2::TokenStream;
use quote::quote;
use tokenspec_spec::plan::SlotKind;

use crate::{Ctx, doc_lines};

/// `pub struct WeirBuilder<ClientId = Unset, ...>(TypedBuilder<(ClientId, ...)>)`.
pub(crate) fn struct_item(cx: &Ctx<'_>) -> TokenStream {
    let Ctx {
        name,
        builder,
        private,
        opts,
        ..
    } = cx;
    let vis = &opts.vis;
    let slots = cx.slots();
    let generics: Vec<_> = slots.iter().filter_map(|s| s.generic.as_ref()).collect();
    let required: Vec<String> = slots
        .iter()
        .filter(|s| s.generic.is_some())
        .map(|s| format!("`{}`", s.setter))
        .collect();
    let doc = if required.is_empty() {
        format!("Builder of [`{name}`]: set what you need, then call `build()`.")
    } else {
        format!(
            "Builder of [`{name}`]: set {}, in any order, then call `build()`.\n\n\
             Each type parameter records whether a required setter has been called; `build()` \
             exists once all of them are `Set`, so a missing setter is a compile error.",
            required.join(", ")
        )
    };
    let doc = doc_lines(&doc);
    let params = angle(generics.iter().map(|g| quote!(#g = #private::Unset)));
    quote! {
        #doc
        #[must_use = "a builder does nothing until `build()`"]
        #vis struct #builder #params(#private::TypedBuilder<(#(#generics,)*)>);
    }
}

/// The hidden module with one marker trait per required setter.
pub(crate) fn hidden_module(cx: &Ctx<'_>) -> TokenStream {
    let vis = &cx.opts.vis;
    let module = &cx.module;
    let builder = &cx.builder;
    let traits = cx.slots().iter().filter_map(|s| {
        let trait_name = s.trait_name.as_ref()?;
        let setter = s.setter.to_string();
        let setter = setter.trim_start_matches("r#");
        let what = match cx.plan.slots.get(s.index).map(|slot| slot.kind) {
            Some(SlotKind::Variable) => "variable",
            _ => "credential",
        };
        let message = format!("missing `{setter}`: call `.{setter}(...)` before `.build()`");
        let label = format!("`{setter}` is not set on this builder");
        let note = format!(
            "`{setter}` is a {what} declared at {}",
            cx.slot_location(s.index)
        );
        let doc =
            format!(" Implemented once `{setter}` is set on a [`{builder}`](super::{builder}).");
        Some(quote! {
            #[doc = #doc]
            #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
            pub trait #trait_name {}
        })
    });
    let doc = format!(" Marker traits of [`{builder}`](super::{builder})'s required setters.");
    quote! {
        #[doc = #doc]
        #[doc(hidden)]
        #vis mod #module {
            #(#traits)*
        }
    }
}

/// Setters, `build`, the runtime's settings (`builder_settings!`), and the marker trait impls.
pub(crate) fn impls(cx: &Ctx<'_>) -> TokenStream {
    let Ctx {
        name,
        builder,
        krate,
        private,
        module,
        ..
    } = cx;
    let slots = cx.slots();
    let generics: Vec<_> = slots.iter().filter_map(|s| s.generic.clone()).collect();
    let setters = slots.iter().map(|s| {
        let setter = &s.setter;
        let index = proc_macro2::Literal::usize_unsuffixed(s.index);
        let doc = doc_lines(&setter_doc(cx, s.index));
        // The return type marks this slot `Set` and keeps every other parameter.
        let ret_args = angle(generics.iter().map(|g| {
            if Some(g) == s.generic.as_ref() {
                quote!(#private::Set)
            } else {
                quote!(#g)
            }
        }));
        quote! {
            // No `#[must_use]` here: the builder type has it, which covers every setter.
            #doc
            pub fn #setter(self, value: impl #krate::SetterValue) -> #builder #ret_args {
                #builder(self.0.set(#index, value))
            }
        }
    });
    let bounds: Vec<TokenStream> = slots
        .iter()
        .filter_map(|s| {
            let g = s.generic.as_ref()?;
            let t = s.trait_name.as_ref()?;
            Some(quote!(#g: #module::#t))
        })
        .collect();
    let where_clause = if bounds.is_empty() {
        TokenStream::new()
    } else {
        quote!(where #(#bounds,)*)
    };
    let marker_impls = slots.iter().filter_map(|s| {
        let t = s.trait_name.as_ref()?;
        Some(quote!(impl #module::#t for #private::Set {}))
    });
    let params = angle(generics.iter().map(|g| quote!(#g)));
    quote! {
        impl #params #builder #params {
            #(#setters)*

            /// Builds the client.
            ///
            /// # Errors
            /// `ConfigError` when a value is empty, a variable is not a host where it stands
            /// for one, the token URL is invalid once its variables are filled in or uses
            /// plain http for a host that is not loopback, or a value cannot be sent where
            /// the spec places it.
            pub fn build(self) -> ::core::result::Result<#name, #krate::ConfigError>
            #where_clause
            {
                let client = self.0.client()?;
                ::core::result::Result::Ok(#name { client })
            }
        }

        // `base_url`, `allow_host`, the runtime settings and `Debug`, written once in the
        // runtime.
        #private::builder_settings!(#builder #(, #generics)*);

        #(#marker_impls)*
    }
}

/// Rustdoc of a setter: what it sets, the spec's docs and example, the environment variable.
fn setter_doc(cx: &Ctx<'_>, index: usize) -> String {
    let Some(slot) = cx.plan.slots.get(index) else {
        return String::new();
    };
    let what = match slot.kind {
        SlotKind::Credential if slot.secret => "Sets the secret credential",
        SlotKind::Credential => "Sets the credential",
        SlotKind::Variable => "Sets the URL variable",
        SlotKind::Param => "Overrides the parameter",
    };
    let mut doc = if slot.secret {
        format!(
            "{what} `{}` (a `&str`, a `String` or a `SecretString`, moved in as it is).",
            slot.name
        )
    } else {
        format!("{what} `{}`.", slot.name)
    };
    if let Some(default) = &slot.default {
        doc.push_str(&format!(" Default: `{default}`."));
    }
    if let Some(info) = cx.spec.slots.get(index) {
        if let Some(d) = info.docs.as_deref().filter(|d| !d.trim().is_empty()) {
            doc.push_str("\n\n");
            doc.push_str(d.trim());
        }
        if let Some(example) = &info.example {
            doc.push_str(&format!("\n\nExample: `{example}`."));
        }
    }
    doc.push_str(&format!(
        "\n\n`from_env` reads it from `{}`. Declared at {}.",
        slot.env,
        cx.slot_location(index)
    ));
    doc
}

/// `<A, B>`, or nothing when there are no items (a client with no required setter).
fn angle(items: impl Iterator<Item = TokenStream>) -> TokenStream {
    let items: Vec<TokenStream> = items.collect();
    if items.is_empty() {
        TokenStream::new()
    } else {
        quote!(<#(#items),*>)
    }
}
