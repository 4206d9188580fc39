//! The behaviour of every generated error enum, written once.

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
