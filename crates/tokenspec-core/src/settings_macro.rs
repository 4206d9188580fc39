//! The settings every generated builder has, written and documented once.
//!
//! A generated builder (`WeirBuilder<ClientId, SecretKey>`) is a struct of the user's crate
//! whose type changes with each required setter, and its settings take and return it by
//! value, so they cannot be reached through `Deref` nor defined on it from here. Generated
//! code invokes this macro instead, naming the builder and its type parameters; the methods
//! land in the user's crate with these docs, and forward to the untyped
//! [`Builder`](crate::__private::Builder) in the builder's
//! [`TypedBuilder`](crate::__private::TypedBuilder).
//!
//! The names here are reserved for the builder (`tokenspec_spec::reserved::RESERVED`); a test
//! below fails when the two disagree.

/// `builder_settings!(WeirBuilder, A, B)`: `impl<A, B> WeirBuilder<A, B> { base_url,
/// allow_host, retry, ... }` and the builder's `Debug`. Not a public API: invoked by generated
/// code as `__private::builder_settings!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_settings {
    ($builder:ident $(, $param:ident)* $(,)?) => {
        // No `#[must_use]` on the methods: the generated builder type has it, which covers
        // every method returning it (one warning per dropped builder, not two).
        impl<$($param),*> $builder<$($param),*> {
            /// Points the client at another server (tests, staging, a local mock, a
            /// self-hosted provider): the scheme, host and port of the token URL become the
            /// base URL's, and the base URL's path is put before the token URL's path, so
            /// `https://api.weir.ai/auth/token` on base `http://127.0.0.1:8080/x` is sent to
            /// `http://127.0.0.1:8080/x/auth/token`. The token may then also be sent to the
            /// base URL's host. `from_env` reads it from `<NAME>_BASE_URL` when that is set.
            pub fn base_url(self, url: impl ::core::convert::Into<::std::string::String>) -> Self {
                Self(self.0.with(|b| b.base_url(::core::convert::Into::into(url))))
            }

            /// Allows `authorize` to send the token to `host` (`host` or `host:port`; without
            /// a port, any port) as well as to the hosts the spec names.
            pub fn allow_host(self, host: impl ::core::convert::Into<::std::string::String>) -> Self {
                Self(self.0.with(|b| b.allow_host(::core::convert::Into::into(host))))
            }

            /// How failed token requests are retried (default: 4 attempts, jittered backoff
            /// from 100 ms to 2 s, 20 s in all; credential errors never).
            pub fn retry(self, policy: $crate::RetryPolicy) -> Self {
                Self(self.0.with(|b| b.retry(policy)))
            }

            /// How long before expiry the token is renewed (default: a tenth of its
            /// lifetime, at most 60 s, plus up to 20 % jitter).
            pub fn refresh_margin(self, margin: $crate::RefreshMargin) -> Self {
                Self(self.0.with(|b| b.refresh_margin(margin)))
            }

            /// How long a token request may wait for the spec's client-side rate limit before
            /// failing with `RateLimited` (default 5 s).
            pub fn rate_limit_wait(self, wait: ::core::time::Duration) -> Self {
                Self(self.0.with(|b| b.rate_limit_wait(wait)))
            }

            /// The clock that decides expiry (default: the monotonic clock); tests pass the
            /// runtime's `clock::ManualClock`.
            pub fn clock(self, clock: impl $crate::clock::Clock) -> Self {
                Self(self.0.with(|b| b.clock(::std::sync::Arc::new(clock))))
            }

            /// Allows plain `http` to hosts other than loopback (a network you trust), for the
            /// token endpoint and `authorize`: credentials and tokens then travel unencrypted.
            pub fn allow_plain_http(self) -> Self {
                Self(self.0.with(|b| b.allow_plain_http()))
            }

            /// The connect timeout (default 10 s) and the timeout of one attempt of a token
            /// request (default 30 s).
            pub fn timeouts(self, connect: ::core::time::Duration, request: ::core::time::Duration) -> Self {
                Self(self.0.with(|b| b.timeouts(connect, request)))
            }
        }

        impl<$($param),*> $builder<$($param),*> {
            /// Trusts the certificates of a PEM bundle as roots of the token endpoint and of
            /// `send_authorized`'s API requests, besides the platform's (a private CA). May be
            /// called again to add more. A bundle with no certificate fails `build` with
            /// `ConfigError::Transport`.
            pub fn root_certificates_pem(self, pem: impl ::core::convert::Into<::std::vec::Vec<u8>>) -> Self {
                Self(self.0.with(|b| b.root_certificates_pem(::core::convert::Into::into(pem))))
            }

            /// Presents a client certificate in the TLS handshake of token requests and of
            /// `send_authorized` (mTLS, RFC 8705 `tls_client_auth`): the certificate chain as
            /// PEM and its key as unencrypted PKCS#8 PEM (`BEGIN PRIVATE KEY`, the format both
            /// TLS backends take; convert others with `openssl pkcs8 -topk8 -nocrypt`). Both
            /// are held as secrets and shown by no `Debug`. Another key format fails `build`
            /// with `ConfigError::Transport`. A server that refuses the certificate fails the
            /// request with a `TransportError` whose `is_tls()` is true.
            pub fn client_identity_pem(
                self,
                cert: impl ::core::convert::Into<::std::vec::Vec<u8>>,
                key: impl ::core::convert::Into<::std::vec::Vec<u8>>,
            ) -> Self {
                let (cert, key) = (::core::convert::Into::into(cert), ::core::convert::Into::into(key));
                Self(self.0.with(|b| b.client_identity_pem(cert, key)))
            }

            /// Sends token requests and `send_authorized`'s API requests through this proxy
            /// (`http://`, `https://` or `socks5://`, with credentials in the URL if it needs
            /// them) instead of the system's, except requests to loopback. Redirects, body
            /// caps, timeouts and the https rule hold as without it.
            pub fn proxy(self, url: impl ::core::convert::Into<::std::string::String>) -> Self {
                Self(self.0.with(|b| b.proxy(::core::convert::Into::into(url))))
            }

            /// The `User-Agent` of token requests and of `send_authorized`'s API requests
            /// (default: none).
            pub fn user_agent(self, agent: impl ::core::convert::Into<::std::string::String>) -> Self {
                Self(self.0.with(|b| b.user_agent(::core::convert::Into::into(agent))))
            }
        }

        impl<$($param),*> $builder<$($param),*> {
            /// Fills the builder from the environment, keeping it open for more settings:
            /// every setter from its variable (`<NAME>_<SETTER>`, listed in the client's
            /// `from_env` docs), or from the file `<NAME>_<SETTER>_FILE` names (secrets
            /// mounted as files; one trailing newline trimmed), and `base_url` from
            /// `<NAME>_BASE_URL` (or `<NAME>_BASE_URL_FILE`) when that is set. A variable
            /// that is set wins over a value set before. `Weir::builder().from_env()?
            /// .retry(..).build()?`.
            ///
            /// # Errors
            /// `ConfigError` naming the variable: a required one that is neither set nor
            /// given by an earlier setter (`MissingEnv`), one that is not Unicode, one set
            /// with its `_FILE` too, a `_FILE` that cannot be read (the path is named, the
            /// content never).
            pub fn from_env(
                self,
            ) -> ::core::result::Result<
                $builder<$(<$param as $crate::__private::Filled>::Set),*>,
                $crate::ConfigError,
            > {
                ::core::result::Result::Ok($builder(self.0.try_fill(|b| b.from_env())?))
            }

            /// Applies a [`ClientSettings`]($crate::ClientSettings) (a settings file read
            /// with serde), over what was set before; the builder stays open for more
            /// settings. Every required setter must then have a value, from the settings or
            /// an earlier setter.
            ///
            /// # Errors
            /// `ConfigError` naming the settings key or variable: an inline secret, a
            /// missing variable, an unreadable file, an unknown setter, a required setter
            /// without a value.
            pub fn with_settings(
                self,
                settings: &$crate::ClientSettings,
            ) -> ::core::result::Result<
                $builder<$(<$param as $crate::__private::Filled>::Set),*>,
                $crate::ConfigError,
            > {
                ::core::result::Result::Ok($builder(self.0.try_fill(|b| {
                    let b = b.with_settings(settings)?;
                    b.check_required()?;
                    ::core::result::Result::Ok(b)
                })?))
            }
        }

        impl<$($param),*> ::core::fmt::Debug for $builder<$($param),*> {
            // The values set so far may be secrets: show none of them.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(::core::stringify!($builder)).finish_non_exhaustive()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use tokenspec_spec::reserved::{RESERVED, Site};

    /// Every method the macro defines is reserved for the builder, and every name reserved
    /// for the builder is defined here or by the generator (`build`).
    #[test]
    fn the_settings_are_the_reserved_builder_names() {
        let source = include_str!("settings_macro.rs");
        let (code, _tests) = source.split_once("#[cfg(test)]").unwrap_or((source, ""));
        let defined: BTreeSet<&str> = code
            .split("pub fn ")
            .skip(1)
            .filter_map(|rest| rest.split('(').next())
            .collect();
        let mut reserved: BTreeSet<&str> = RESERVED
            .iter()
            .filter(|r| r.site == Site::Builder)
            .map(|r| r.name)
            .collect();
        assert!(reserved.remove("build"), "`build` is the generator's");
        assert_eq!(defined, reserved);
    }
}
