//! The engine-facing extras of a client and its builder: the borrow accessor, invalidation,
//! the other forms of `authorize`, the 401 retry, the blocking client, `TokenSource`, and the
//! builder's runtime settings. Each forwards to `tokenspec-core`, which documents the
//! behaviour at length; the docs here say what a user of one client needs.

use proc_macro2::TokenStream;
use quote::quote;

use crate::Ctx;
use crate::builder::angle;

/// A second `impl` of the client, and `impl GeneratedClient`.
pub(crate) fn client_impls(cx: &Ctx<'_>) -> TokenStream {
    let Ctx {
        name,
        token,
        error,
        krate,
        private,
        ..
    } = cx;
    quote! {
        impl #name {
            /// Calls `f` with the current access token and returns its result: the fastest
            /// way to use the token. A cache hit takes no lock, allocates nothing and touches
            /// no shared reference count; `f` runs while the cache entry is pinned, so keep it
            /// short (copy the token into a header; await nothing).
            ///
            /// # Errors
            /// As [`access_token`](Self::access_token).
            pub async fn with_token<R>(
                &self,
                f: impl ::core::ops::FnOnce(&#krate::AccessToken) -> R,
            ) -> ::core::result::Result<R, #error> {
                self.engine.with_token(f).await.map_err(#error::from_engine)
            }

            /// Drops `token` from the cache if it is still the cached one (the API rejected
            /// it), so the next call renews; a token already replaced is left alone, so many
            /// callers invalidating the same token cause one renewal. Within
            /// the runtime's `REJECTION_PAUSE` (30 s) of the last drop the token is kept,
            /// so an API that rejects every token costs no token request per call. Returns
            /// whether it was dropped.
            pub fn invalidate(&self, token: &#krate::AccessToken) -> bool {
                self.engine.invalidate(token)
            }

            /// [`authorize`](Self::authorize) for an `http::Request` with an absolute URI.
            ///
            /// # Errors
            /// As [`authorize`](Self::authorize).
            pub async fn authorize_request<B>(
                &self,
                request: #krate::http::Request<B>,
            ) -> ::core::result::Result<#krate::http::Request<B>, #error> {
                self.engine.authorize_request(request).await.map_err(#error::from_engine)
            }

            /// Adds the access token and API headers to `headers` of a request to `url`, with
            /// the host check of [`authorize`](Self::authorize); returns the token used, to
            /// [`invalidate`](Self::invalidate) if the API rejects it.
            ///
            /// # Errors
            /// As [`authorize`](Self::authorize).
            pub async fn authorize_headers(
                &self,
                url: &#krate::reqwest::Url,
                headers: &mut #krate::http::HeaderMap,
            ) -> ::core::result::Result<#krate::AccessToken, #error> {
                self.engine.authorize_headers(url, headers).await.map_err(#error::from_engine)
            }

            /// Sends the request `build` makes, authorized; after a 401 answer, invalidates
            /// the token and sends once more with a fresh one (calling `build` again), unless
            /// the token is kept (see [`invalidate`](Self::invalidate)). Sent through a client
            /// of tokenspec's that follows redirects only within the request's origin; the
            /// settings of the client `build` starts from are not used.
            ///
            /// # Errors
            /// As [`authorize`](Self::authorize), or `Transport` when a request fails to send.
            pub async fn send_authorized(
                &self,
                build: impl ::core::ops::FnMut() -> #krate::reqwest::RequestBuilder,
            ) -> ::core::result::Result<#krate::reqwest::Response, #error> {
                self.engine.send_authorized(build).await.map_err(#error::from_engine)
            }

            /// A blocking client over this one, for code without an async runtime.
            ///
            /// # Errors
            /// `ConfigError` when its runtime cannot be started.
            pub fn into_blocking(
                self,
            ) -> ::core::result::Result<#krate::blocking::BlockingClient<Self>, #krate::ConfigError>
            {
                #krate::blocking::BlockingClient::new(self)
            }
        }

        impl #private::GeneratedClient for #name {
            type Token = #token;
            type Error = #error;
            fn engine(&self) -> &#private::Engine {
                &self.engine
            }
            fn token_from_raw(raw: #private::RawToken) -> #token {
                #token::from_raw(raw)
            }
            fn error_from_engine(error: #private::EngineError) -> #error {
                #error::from_engine(error)
            }
        }
    }
}

/// A second `impl` of the builder: the runtime settings, valid in every type state.
pub(crate) fn builder_impls(cx: &Ctx<'_>) -> TokenStream {
    let Ctx { builder, krate, .. } = cx;
    let generics: Vec<_> = cx.slots().into_iter().filter_map(|s| s.generic).collect();
    let params = angle(generics.iter().map(|g| quote!(#g)));
    let setting = |method: TokenStream, call: TokenStream| {
        quote! {
            #method {
                #builder {
                    inner: self.inner.#call,
                    state: ::core::marker::PhantomData,
                }
            }
        }
    };
    let retry = setting(
        quote!(pub fn retry(self, policy: #krate::RetryPolicy) -> Self),
        quote!(retry(policy)),
    );
    let margin = setting(
        quote!(pub fn refresh_margin(self, margin: #krate::RefreshMargin) -> Self),
        quote!(refresh_margin(margin)),
    );
    let wait = setting(
        quote!(pub fn rate_limit_wait(self, wait: ::core::time::Duration) -> Self),
        quote!(rate_limit_wait(wait)),
    );
    let clock = setting(
        quote!(pub fn clock(self, clock: impl #krate::clock::Clock) -> Self),
        quote!(clock(::std::sync::Arc::new(clock))),
    );
    let plain = setting(
        quote!(pub fn allow_plain_http(self) -> Self),
        quote!(allow_plain_http()),
    );
    let timeouts = setting(
        quote!(pub fn timeouts(self, connect: ::core::time::Duration, request: ::core::time::Duration) -> Self),
        quote!(timeouts(connect, request)),
    );
    quote! {
        impl #params #builder #params {
            /// How failed token requests are retried (default: 4 attempts, jittered backoff
            /// from 100 ms to 2 s, 20 s in all; credential errors never).
            #retry
            /// How long before expiry the token is renewed (default: a tenth of its
            /// lifetime, at most 60 s, plus up to 20 % jitter).
            #margin
            /// How long a token request may wait for the spec's client-side rate limit before
            /// failing with `RateLimited` (default 5 s).
            #wait
            /// The clock that decides expiry (default: the monotonic clock); tests pass
            /// the runtime's `clock::ManualClock`.
            #clock
            /// Allows plain `http` to hosts other than loopback (a network you trust):
            /// credentials and tokens then travel unencrypted.
            #plain
            /// The connect timeout (default 10 s) and the timeout of one attempt of a token
            /// request (default 30 s).
            #timeouts
        }
    }
}
