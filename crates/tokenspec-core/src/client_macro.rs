//! What every generated client struct has besides its constructors, written and documented
//! once.
//!
//! A generated client (`Weir`) is a struct of the user's crate holding a
//! [`Client`](crate::Client), so its trait impls must be written in that crate. Generated
//! code invokes this macro instead of spelling them out, naming only what varies: the client,
//! its token and error types, and its static plan. The constructors (`builder`, `from_env`)
//! stay in generated code: their docs list the spec's setters and variables.

/// `client_impls!(Weir, WeirToken, WeirError, PLAN)`: `plan()` and `into_blocking()`, `Deref`
/// to the runtime's [`Client`](crate::Client), `Clone`, a `Debug` that shows the provider
/// only, and `GeneratedClient`. The client struct has the one field `client`, the token type
/// a `from_raw(RawToken)` and the error type a `from_engine(EngineError)` (both written by
/// `error_impls!` and the generator). Not a public API: invoked by generated code as
/// `__private::client_impls!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __client_impls {
    ($client:ident, $token:ident, $error:ident, $plan:ident $(,)?) => {
        impl $client {
            /// The token protocol of this client, lowered from its spec: what the engine
            /// executes, and what the runtime's `testing::MockProvider::for_plan` serves.
            pub fn plan() -> &'static $crate::plan::Plan {
                &$plan
            }

            /// A blocking client over this one, for code without an async runtime.
            ///
            /// # Errors
            /// `ConfigError` when its runtime cannot be started.
            pub fn into_blocking(
                self,
            ) -> ::core::result::Result<$crate::blocking::BlockingClient<Self>, $crate::ConfigError>
            {
                $crate::blocking::BlockingClient::new(self)
            }
        }

        impl ::core::ops::Deref for $client {
            type Target = $crate::Client<$client>;
            fn deref(&self) -> &Self::Target {
                &self.client
            }
        }

        impl ::core::clone::Clone for $client {
            fn clone(&self) -> Self {
                $client {
                    client: ::core::clone::Clone::clone(&self.client),
                }
            }
        }

        impl ::core::fmt::Debug for $client {
            // Shows the provider only: the client holds credentials and tokens.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(::core::stringify!($client))
                    .field("provider", &self.client.provider())
                    .finish_non_exhaustive()
            }
        }

        impl $crate::__private::GeneratedClient for $client {
            type Token = $token;
            type Error = $error;
            fn token_from_raw(raw: $crate::__private::RawToken) -> $token {
                $token::from_raw(raw)
            }
            fn error_from_engine(error: $crate::__private::EngineError) -> $error {
                $error::from_engine(error)
            }
        }
    };
}
