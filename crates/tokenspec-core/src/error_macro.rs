//! The behaviour of every generated error enum, written and documented once.
//!
//! A generated enum (`WeirError`) is a type of the user's crate, so its `Display`, `Error`
//! and `From` impls must be written there too. Generated code invokes this macro instead of
//! spelling them out, naming only what varies: the enum, the provider, and for each variant
//! of the spec its index in `plan.errors.variants`, the words its `Display` starts with and
//! whether it is worth a retry. The built-in variants (`tokenspec_spec::builtin::
//! BUILTIN_VARIANTS`) and their texts are the same for every client and are written here;
//! the matches below name each of them, so an enum that lacks one, or has one more, does not
//! compile.

/// `error_impls!(WeirError, "weir", [InvalidCredentials(0, "invalid credentials", retry =
/// false), ...])` (the variant, its index in the plan, its `Display` words): `from_engine`, `provider_error`, `is_retryable`, `Display`, `Error` and
/// `From<ConfigError>` of a generated error enum. Not a public API: invoked by generated code
/// as `__private::error_impls!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __error_impls {
    (
        $error:ident, $provider:literal,
        [$($variant:ident($index:literal, $text:literal, retry = $retry:literal)),* $(,)?]
    ) => {
        impl $error {
            fn from_engine(error: $crate::__private::EngineError) -> Self {
                match error {
                    $crate::__private::EngineError::Provider { variant, error } => match variant {
                        $(::core::option::Option::Some($index) => $error::$variant(error),)*
                        _ => $error::Provider(error),
                    },
                    $crate::__private::EngineError::Config(e) => $error::Config(e),
                    $crate::__private::EngineError::Transport(e) => $error::Transport(e),
                    $crate::__private::EngineError::Decode(e) => $error::Decode(e),
                    $crate::__private::EngineError::Unexpected(e) => $error::UnexpectedResponse(e),
                    $crate::__private::EngineError::RateLimited(e) => $error::RateLimited(e),
                }
            }

            /// The provider's error response (status, code, message), for the variants that
            /// carry one.
            pub fn provider_error(&self) -> ::core::option::Option<&$crate::ProviderError> {
                match self {
                    $($error::$variant(e) |)* $error::Provider(e) => ::core::option::Option::Some(e),
                    _ => ::core::option::Option::None,
                }
            }

            /// Whether the request is worth a retry: the errors the spec marks so, transport
            /// failures and the client-side rate limit.
            pub fn is_retryable(&self) -> bool {
                match self {
                    $($error::$variant(_) => $retry,)*
                    $error::Transport(_) | $error::RateLimited(_) => true,
                    $error::Provider(_)
                    | $error::Config(_)
                    | $error::Decode(_)
                    | $error::UnexpectedResponse(_) => false,
                }
            }
        }

        impl ::core::fmt::Display for $error {
            // Names the provider and what went wrong; the inner errors never hold secrets.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let (what, inner): (&str, &dyn ::core::fmt::Display) = match self {
                    $($error::$variant(e) => ($text, e),)*
                    $error::Provider(e) => ("the token request was refused", e),
                    $error::Config(e) => ("invalid configuration", e),
                    $error::Transport(e) => ("the token request failed", e),
                    $error::Decode(e) => ("could not decode the token response", e),
                    $error::UnexpectedResponse(e) => ("unexpected response from the token endpoint", e),
                    $error::RateLimited(e) => ("client-side rate limit reached", e),
                };
                ::core::write!(f, "{}: {}: {}", $provider, what, inner)
            }
        }

        impl ::std::error::Error for $error {
            // The inner error's text is already part of Display, so hand on its source.
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    $($error::$variant(e) |)* $error::Provider(e) => ::std::error::Error::source(e),
                    $error::Config(e) => ::std::error::Error::source(e),
                    $error::Transport(e) => ::std::error::Error::source(e),
                    $error::Decode(e) => ::std::error::Error::source(e),
                    $error::UnexpectedResponse(e) => ::std::error::Error::source(e),
                    $error::RateLimited(e) => ::std::error::Error::source(e),
                }
            }
        }

        impl ::core::convert::From<$crate::ConfigError> for $error {
            fn from(error: $crate::ConfigError) -> Self {
                $error::Config(error)
            }
        }
    };
}

#[cfg(all(test, feature = "providers"))]
mod tests {
    use std::error::Error as _;
    use std::fmt::Write as _;
    use std::time::Duration;

    use crate::__private::{EngineError, GeneratedClient};
    use crate::error::{
        ConfigError, DecodeError, ProviderError, RateLimited, TransportError, UnexpectedResponse,
    };
    use crate::providers::{Apimw, Skauth, Weavy, Weightron, Weir};

    const GOLDEN: &str = "src/error_macro.golden";

    /// Every engine error a client can be handed: each spec variant's index, no index, and
    /// each built-in kind.
    fn engine_errors(spec_variants: usize) -> Vec<EngineError> {
        let provider = ProviderError {
            status: 401,
            code: Some("CODE".into()),
            message: Some("message".into()),
            details: None,
            retry_after: None,
        };
        let transport = reqwest::Client::new()
            .get("not a url")
            .build()
            .map(|_| ())
            .expect_err("an invalid URL does not build");
        let mut errors: Vec<EngineError> = (0..spec_variants)
            .map(Some)
            .chain([None])
            .map(|variant| EngineError::Provider {
                variant,
                error: provider.clone(),
            })
            .collect();
        errors.extend([
            EngineError::Config(ConfigError::MissingValue {
                setter: "client_id".into(),
            }),
            EngineError::Transport(TransportError::new(transport)),
            EngineError::Decode(DecodeError::new("`data.accessToken` is not a string")),
            EngineError::Unexpected(UnexpectedResponse {
                status: 502,
                content_type: Some("text/html".into()),
                reason: "not JSON".into(),
                retry_after: None,
            }),
            EngineError::RateLimited(RateLimited {
                requests: 10,
                period: Duration::from_secs(60),
                retry_after: Duration::from_millis(1500),
            }),
        ]);
        errors
    }

    /// Display, `is_retryable`, `provider_error` and `source` of every variant of `C`'s enum.
    fn describe<C: GeneratedClient>(out: &mut String, spec_variants: usize)
    where
        C::Error: ErrorMethods,
    {
        for engine in engine_errors(spec_variants) {
            let error = C::error_from_engine(engine);
            let _ = writeln!(
                out,
                "{error}\n    retryable: {}, provider error: {}, source: {}",
                error.retryable(),
                error.has_provider_error(),
                error.source().is_some(),
            );
        }
    }

    /// The inherent methods of the generated enums, for `describe`.
    trait ErrorMethods {
        fn retryable(&self) -> bool;
        fn has_provider_error(&self) -> bool;
    }

    macro_rules! methods {
        ($($error:ty),*) => {$(
            impl ErrorMethods for $error {
                fn retryable(&self) -> bool {
                    self.is_retryable()
                }
                fn has_provider_error(&self) -> bool {
                    self.provider_error().is_some()
                }
            }
        )*};
    }
    methods!(
        crate::providers::ApimwError,
        crate::providers::SkauthError,
        crate::providers::WeavyError,
        crate::providers::WeightronError,
        crate::providers::WeirError
    );

    /// What every bundled client's errors say and answer, against a golden file
    /// (`EXPECTORATE=overwrite` rewrites it): the texts are part of the public contract.
    #[test]
    fn every_variant_reads_as_before() {
        let mut out = String::new();
        describe::<Apimw>(&mut out, Apimw::plan().errors.variants.len());
        describe::<Skauth>(&mut out, Skauth::plan().errors.variants.len());
        describe::<Weavy>(&mut out, Weavy::plan().errors.variants.len());
        describe::<Weightron>(&mut out, Weightron::plan().errors.variants.len());
        describe::<Weir>(&mut out, Weir::plan().errors.variants.len());
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(GOLDEN);
        if std::env::var_os("EXPECTORATE").is_some_and(|v| v == "overwrite") {
            std::fs::write(&path, &out).unwrap();
        }
        let golden = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            out, golden,
            "{GOLDEN} differs (EXPECTORATE=overwrite rewrites it)"
        );
    }
}
