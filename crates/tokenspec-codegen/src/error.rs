//! The error enum: one variant per error the spec names, then the built-in ones.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::names::words;
use crate::{Ctx, doc_lines};

/// Built-in variants: (name, payload type in the runtime crate, docs, what Display says). The
/// names are `tokenspec_spec::builtin::BUILTIN_VARIANTS`, in its order (the checker refuses
/// them for a spec's variants): the test below holds the two equal.
const BUILT_IN: &[(&str, &str, &str, &str)] = &[
    (
        "Provider",
        "ProviderError",
        "The provider answered with an error that no variant above names.",
        "the token request was refused",
    ),
    (
        "Config",
        "ConfigError",
        "The client is configured wrongly (a bad URL, plain http off loopback, a host the \
         token may not be sent to).",
        "invalid configuration",
    ),
    (
        "Transport",
        "TransportError",
        "The token request could not be sent or its response not received.",
        "the token request failed",
    ),
    (
        "Decode",
        "DecodeError",
        "The token response could not be read as the spec describes it.",
        "could not decode the token response",
    ),
    (
        "UnexpectedResponse",
        "UnexpectedResponse",
        "The token endpoint answered in a way the spec does not describe.",
        "unexpected response from the token endpoint",
    ),
    (
        "RateLimited",
        "RateLimited",
        "The client held the request back to stay within the spec's rate limit of the token \
         endpoint.",
        "client-side rate limit reached",
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
    let built_in = BUILT_IN.iter().map(|(variant, ty, doc, _)| {
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

/// `from_engine`, `provider_error`, `is_retryable`, `Display`, `Error`, `From<ConfigError>`.
pub(crate) fn impls(cx: &Ctx<'_>) -> TokenStream {
    let Ctx {
        error,
        krate,
        private,
        ..
    } = cx;
    let provider = cx.provider();
    let spec = spec_variants(cx);
    let by_index = spec.iter().enumerate().map(|(i, (ident, ..))| {
        let i = Literal::usize_unsuffixed(i);
        quote!(::core::option::Option::Some(#i) => #error::#ident(error),)
    });
    let provider_arms: Vec<TokenStream> = spec
        .iter()
        .map(|(ident, ..)| quote!(#error::#ident(e)))
        .chain(std::iter::once(quote!(#error::Provider(e))))
        .collect();
    let retry_arms: Vec<TokenStream> = spec
        .iter()
        .filter(|(.., retry)| *retry)
        .map(|(ident, ..)| quote!(#error::#ident(_)))
        .chain([quote!(#error::Transport(_)), quote!(#error::RateLimited(_))])
        .collect();
    let display_arms = spec
        .iter()
        .map(|(ident, _, text, _)| (quote!(#error::#ident(e)), text.clone()))
        .chain(BUILT_IN.iter().map(|(variant, _, _, text)| {
            let variant = cx.names.ident(variant, "error variant name");
            (quote!(#error::#variant(e)), (*text).to_string())
        }))
        .map(|(pat, text)| {
            let fmt = format!("{provider}: {text}: {{}}");
            quote!(#pat => ::core::write!(f, #fmt, e),)
        });
    let source_arms = spec
        .iter()
        .map(|(ident, ..)| quote!(#error::#ident(e)))
        .chain(BUILT_IN.iter().map(|(variant, ..)| {
            let variant = cx.names.ident(variant, "error variant name");
            quote!(#error::#variant(e))
        }));
    quote! {
        impl #error {
            fn from_engine(error: #private::EngineError) -> Self {
                match error {
                    #private::EngineError::Provider { variant, error } => match variant {
                        #(#by_index)*
                        _ => #error::Provider(error),
                    },
                    #private::EngineError::Config(e) => #error::Config(e),
                    #private::EngineError::Transport(e) => #error::Transport(e),
                    #private::EngineError::Decode(e) => #error::Decode(e),
                    #private::EngineError::Unexpected(e) => #error::UnexpectedResponse(e),
                    #private::EngineError::RateLimited(e) => #error::RateLimited(e),
                }
            }

            /// The provider's error response (status, code, message), for the variants that
            /// carry one.
            pub fn provider_error(&self) -> ::core::option::Option<&#krate::ProviderError> {
                match self {
                    #(#provider_arms)|* => ::core::option::Option::Some(e),
                    _ => ::core::option::Option::None,
                }
            }

            /// Whether the request is worth a retry: the errors the spec marks so, transport
            /// failures and the client-side rate limit.
            pub fn is_retryable(&self) -> bool {
                ::core::matches!(self, #(#retry_arms)|*)
            }
        }

        impl ::core::fmt::Display for #error {
            // Names the provider and what went wrong; the inner errors never hold secrets.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    #(#display_arms)*
                }
            }
        }

        impl ::std::error::Error for #error {
            // The inner error's text is already part of Display, so hand on its source.
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #(#source_arms => ::std::error::Error::source(e),)*
                }
            }
        }

        impl ::core::convert::From<#krate::ConfigError> for #error {
            fn from(error: #krate::ConfigError) -> Self {
                #error::Config(error)
            }
        }
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
