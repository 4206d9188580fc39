//! The token struct: the fields the spec declares, secrets in `SecretString`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use tokenspec_spec::plan::FieldType;

use crate::{Ctx, doc_lines};

/// One field of the token struct beyond the fixed ones.
struct Field {
    ident: proc_macro2::Ident,
    ty: TokenStream,
    doc: String,
    required: bool,
    secret: bool,
}

fn extra_fields(cx: &Ctx<'_>) -> Vec<Field> {
    let krate = &cx.krate;
    cx.plan
        .response
        .fields
        .iter()
        .map(|f| {
            let base = match f.ty {
                FieldType::String if f.secret => quote!(#krate::SecretString),
                FieldType::String => quote!(::std::string::String),
                FieldType::Integer => quote!(i64),
                FieldType::Number => quote!(f64),
                FieldType::Bool => quote!(bool),
                FieldType::Json => quote!(#krate::JsonValue),
            };
            let ty = if f.required {
                base
            } else {
                quote!(::core::option::Option<#base>)
            };
            let presence = if f.required { "" } else { " when present" };
            Field {
                ident: cx.names.ident(&f.name, "token field name"),
                ty,
                doc: format!(" The response's `{}`{presence}.", f.path.join(".")),
                required: f.required,
                secret: f.secret && f.ty == FieldType::String,
            }
        })
        .collect()
}

/// `pub struct WeirToken { ... }`.
pub(crate) fn struct_item(cx: &Ctx<'_>) -> TokenStream {
    let Ctx {
        name, token, krate, ..
    } = cx;
    let vis = &cx.opts.vis;
    let response = &cx.plan.response;
    let token_type = response.token_type.as_ref().map(|_| {
        quote! {
            /// The token type the provider reported (`Bearer`).
            pub token_type: ::core::option::Option<::std::string::String>,
        }
    });
    let refresh = response.refresh_token.as_ref().map(|_| {
        quote! {
            /// The refresh token, when the provider sent one (redacted in `Debug`).
            pub refresh_token: ::core::option::Option<#krate::SecretString>,
        }
    });
    let scope = response.scope.as_ref().map(|_| {
        quote! {
            /// The scope the provider granted, when it said.
            pub scope: ::core::option::Option<::std::string::String>,
        }
    });
    let extras = extra_fields(cx).into_iter().map(|f| {
        let Field { ident, ty, doc, .. } = f;
        quote! {
            #[doc = #doc]
            pub #ident: #ty,
        }
    });
    let doc = doc_lines(&format!(
        "A token issued by `{}` to a [`{name}`] client.",
        cx.provider()
    ));
    quote! {
        #doc
        #[derive(Clone, Debug)]
        #vis struct #token {
            /// The access token (redacted in `Debug`; read it with `ExposeSecret`).
            pub access_token: #krate::SecretString,
            #token_type
            /// How long the token lasts from when it was issued, as the provider or the spec
            /// says; `None` when neither does.
            pub expires_in: ::core::option::Option<::core::time::Duration>,
            #refresh
            #scope
            #(#extras)*
            issued_at: ::std::time::Instant,
        }
    }
}

/// `from_raw`, then `issued_at` and `expires_at`, which the runtime writes once
/// (`__private::token_impls!`).
pub(crate) fn impls(cx: &Ctx<'_>) -> TokenStream {
    let Ctx { token, private, .. } = cx;
    let response = &cx.plan.response;
    let token_type = response
        .token_type
        .as_ref()
        .map(|_| quote!(token_type: raw.token_type,));
    let refresh = response
        .refresh_token
        .as_ref()
        .map(|_| quote!(refresh_token: raw.refresh_token,));
    let scope = response.scope.as_ref().map(|_| quote!(scope: raw.scope,));
    let extras = extra_fields(cx).into_iter().enumerate().map(|(i, f)| {
        let Field {
            ident,
            required,
            secret,
            ..
        } = f;
        let i = Literal::usize_unsuffixed(i);
        let take = quote!(#private::take_field(&mut raw.fields, #i));
        if required {
            // The engine refuses a response without a required field, so this never takes
            // the default; it only keeps the conversion total.
            if secret {
                let krate = &cx.krate;
                quote!(#ident: #take.unwrap_or_else(|| {
                    #krate::SecretString::from(::std::string::String::new())
                }),)
            } else {
                quote!(#ident: #take.unwrap_or_default(),)
            }
        } else {
            quote!(#ident: #take,)
        }
    });
    let mutable = if response.fields.is_empty() {
        TokenStream::new()
    } else {
        quote!(mut)
    };
    quote! {
        impl #token {
            fn from_raw(#mutable raw: #private::RawToken) -> Self {
                #token {
                    #(#extras)*
                    access_token: raw.access_token,
                    #token_type
                    expires_in: raw.expires_in,
                    #refresh
                    #scope
                    issued_at: raw.issued_at,
                }
            }
        }

        #private::token_impls!(#token);
    }
}
