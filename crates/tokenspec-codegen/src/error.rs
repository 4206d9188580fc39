//! The error enum: one variant per error the spec names, then the built-in ones.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::names::words;
use crate::{Ctx, doc_lines};

/// Built-in variants: (name, payload type in the runtime crate, docs). The names are
/// `tokenspec_spec::builtin::BUILTIN_VARIANTS`, in its order (the checker refuses them for a
/// spec's variants): the test below holds the two equal. What their `Display` says is written
/// in the runtime's `error_impls!`, whose matches name each of them.
const BUILT_IN: &[(&str, &str, &str)] = &[
    (
        "Provider",
        "ProviderError",
        "The provider answered with an error that no variant above names.",
    ),
    (
        "Config",
        "ConfigError",
        "The client is configured wrongly (a bad URL, plain http off loopback, a host the \
         token may not be sent to).",
    ),
    (
        "Transport",
        "TransportError",
        "The token request could not be sent or its response not received.",
    ),
    (
        "Decode",
        "DecodeError",
        "The token response could not be read as the spec describes it.",
    ),
    (
        "UnexpectedResponse",
        "UnexpectedResponse",
        "The token endpoint answered in a way the spec does not describe.",
    ),
    (
        "RateLimited",
        "RateLimited",
        "The client held the request back to stay within the spec's rate limit of the token \
         endpoint.",
    ),
];

/// Spec variants as (identifier, docs, Display text, retry).
fn spec_variants(cx: &Ctx<'_>) -> Vec<(proc_macro2::Ident, String, String, bool)> {
    cx.plan
        .errors
        .variants
        .iter()
        .map(|v| {
            let mut doc = v
                .docs
                .as_deref()
                .map(|d| format!("{}\n\n", d.trim()))
                .unwrap_or_default();
            let mut matched = Vec::new();
            if !v.codes.is_empty() {
                let codes: Vec<String> = v.codes.iter().map(|c| format!("`{c}`")).collect();
                matched.push(format!("error code {}", codes.join(" or ")));
            }
            if !v.statuses.is_empty() {
                let statuses: Vec<String> = v.statuses.iter().map(u16::to_string).collect();
                matched.push(format!("HTTP status {}", statuses.join(" or ")));
            }
            doc.push_str(&format!("Matched by {}.", matched.join(", or else by ")));
            if v.retry {
                doc.push_str(" Worth a retry.");
            }
            (
                cx.names.ident(&v.name, "error variant name"),
                doc,
                words(&v.name),
                v.retry,
            )
        })
        .collect()
}

/// `pub enum WeirError { ... }`.
pub(crate) fn enum_item(cx: &Ctx<'_>) -> TokenStream {
    let Ctx {
        name, error, krate, ..
    } = cx;
    let vis = &cx.opts.vis;
    let spec = spec_variants(cx).into_iter().map(|(ident, doc, _, _)| {
        let doc = doc_lines(&doc);
        quote! {
            #doc
            #ident(#krate::ProviderError),
        }
    });
    let built_in = BUILT_IN.iter().map(|(variant, ty, doc)| {
        let variant = cx.names.ident(variant, "error variant name");
        let ty = cx.names.ident(ty, "type name");
        let doc = format!(" {doc}");
        quote! {
            #[doc = #doc]
            #variant(#krate::#ty),
        }
    });
    let doc = doc_lines(&format!(
        "Errors of the [`{name}`] client (`{}`). Cloneable, so one failure can be handed to \
         every caller waiting on the same request.",
        cx.provider()
    ));
    quote! {
        #doc
        #[derive(Clone, Debug)]
        #vis enum #error {
            #(#spec)*
            #(#built_in)*
        }
    }
}

/// `from_engine`, `provider_error`, `is_retryable`, `Display`, `Error`, `From<ConfigError>`:
/// written once in the runtime (`__private::error_impls!`), invoked with what varies, the
/// spec's variants as `Name(index, "display words", retry = bool)`.
pub(crate) fn impls(cx: &Ctx<'_>) -> TokenStream {
    let Ctx { error, private, .. } = cx;
    let provider = Literal::string(cx.provider());
    let variants = spec_variants(cx)
        .into_iter()
        .enumerate()
        .map(|(i, (ident, _, text, retry))| {
            let i = Literal::usize_unsuffixed(i);
            quote!(#ident(#i, #text, retry = #retry))
        });
    quote! {
        #private::error_impls!(#error, #provider, [#(#variants),*]);
    }
}

#[cfg(test)]
mod tests {
    use super::BUILT_IN;

    #[test]
    fn the_built_in_variants_are_the_spec_tables() {
        let names: Vec<&str> = BUILT_IN.iter().map(|(name, ..)| *name).collect();
        assert_eq!(names, tokenspec_spec::builtin::BUILTIN_VARIANTS);
    }
}
