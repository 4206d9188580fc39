//! Responses: success shapes, error envelopes and variant matching, limits.

mod common;

use std::time::Duration;

use common::{Reply, builder, bundled, plan, serve};
use serde_json::json;
use tokenspec_core::__private::{EngineError, Plan, RawToken, take_field};
use tokenspec_core::RetryPolicy;

async fn fetch(
    plan: &std::sync::Arc<Plan>,
    values: &[(&str, &str)],
    reply: Reply,
) -> Result<RawToken, EngineError> {
    let server = serve(move |_, _| reply.clone()).await;
    // One attempt: these tests look at how a single response decodes.
    builder(plan, values)
        .base_url(server.url.clone())
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
        .fetch_token()
        .await
}

async fn weir(reply: Reply) -> Result<RawToken, EngineError> {
    fetch(
        &bundled("weir"),
        &[("client_id", "i"), ("secret_key", "s")],
        reply,
    )
    .await
}

async fn skauth(reply: Reply) -> Result<RawToken, EngineError> {
    let server = serve(move |_, _| reply.clone()).await;
    let plan = bundled("skauth");
    builder(
        &plan,
        &[
            ("api_url", &format!("{}/v1", server.url)),
            ("client_id", "i"),
            ("client_secret", "s"),
        ],
    )
    .retry(RetryPolicy::none())
    .build()
    .unwrap()
    .fetch_token()
    .await
}

fn provider(
    result: Result<RawToken, EngineError>,
) -> (Option<usize>, tokenspec_core::ProviderError) {
    match result {
        Err(EngineError::Provider { variant, error }) => (variant, error),
        other => panic!("expected a provider error, got {other:?}"),
    }
}

#[tokio::test]
async fn expires_in_as_numeric_string() {
    let t = weir(Reply::json(
        200,
        json!({"status": "success", "data": {"accessToken": "a", "expiresIn": " 90 "}}),
    ))
    .await
    .unwrap();
    assert_eq!(t.expires_in, Some(Duration::from_secs(90)));
    assert!(t.expires_at().is_some());
}

#[tokio::test]
async fn expires_in_of_the_wrong_kind_is_a_decode_error_without_the_value() {
    let err = weir(Reply::json(
        200,
        json!({"status": "success", "data": {"accessToken": "a", "expiresIn": "soon-SECRETISH"}}),
    ))
    .await
    .unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, EngineError::Decode(_)), "{err:?}");
    assert!(text.contains("data.expiresIn"), "{text}");
    assert!(!text.contains("SECRETISH"), "{text}");
}

#[tokio::test]
async fn root_as_object_or_as_string_holding_json() {
    let inner = json!({"access_token": "sk-1", "token_type": "Bearer", "expires_in": 60});
    let as_object = skauth(Reply::json(200, json!({"data": inner})))
        .await
        .unwrap();
    let as_string = skauth(Reply::json(200, json!({"data": inner.to_string()})))
        .await
        .unwrap();
    use tokenspec_core::ExposeSecret;
    assert_eq!(as_object.access_token.expose_secret(), "sk-1");
    assert_eq!(as_string.access_token.expose_secret(), "sk-1");
    assert_eq!(as_string.expires_in, Some(Duration::from_secs(60)));
    let bad = skauth(Reply::json(200, json!({"data": "not json"})))
        .await
        .unwrap_err();
    assert!(matches!(bad, EngineError::Decode(_)), "{bad:?}");
}

#[tokio::test]
async fn success_discriminator_false_is_a_provider_error() {
    let plan = bundled("apimw");
    let values = [("api_key", "k"), ("api_secret", "s")];
    let reply = Reply::json(
        200,
        json!({"success": false, "error": {"code": "INVALID_CREDENTIALS", "message": "Invalid API key or secret"}}),
    );
    let (variant, error) = provider(fetch(&plan, &values, reply).await);
    assert_eq!(variant, Some(0));
    assert_eq!(error.status, 200);
    assert_eq!(error.message.as_deref(), Some("Invalid API key or secret"));
    // No envelope at all: still the provider's failure, no variant.
    let (variant, error) =
        provider(fetch(&plan, &values, Reply::json(200, json!({"success": "yes"}))).await);
    assert_eq!(variant, None);
    assert!(error.message.unwrap().contains("success"));
}

#[tokio::test]
async fn weir_variants_by_code_with_retry_after() {
    let (variant, error) = provider(
        weir(Reply::json(
            401,
            json!({"status": "error", "error": {"code": "INVALID_CREDENTIALS", "message": "Invalid client credentials"}}),
        ))
        .await,
    );
    assert_eq!(variant, Some(0));
    assert_eq!(error.code.as_deref(), Some("INVALID_CREDENTIALS"));
    let (variant, error) = provider(
        weir(
            Reply::json(
                429,
                json!({"status": "error", "error": {"code": "RATE_LIMIT_EXCEEDED", "message": "Too many", "details": "10 per minute"}}),
            )
            .header("retry-after", "7"),
        )
        .await,
    );
    assert_eq!(variant, Some(1));
    assert_eq!(error.details.as_deref(), Some("10 per minute"));
    assert_eq!(error.retry_after, Some(Duration::from_secs(7)));
    // An unknown code is still the provider's error, with no variant.
    let (variant, error) = provider(
        weir(Reply::json(
            400,
            json!({"error": {"code": "OTHER", "message": "m"}}),
        ))
        .await,
    );
    assert_eq!((variant, error.code.as_deref()), (None, Some("OTHER")));
}

#[tokio::test]
async fn skauth_numeric_and_flat_codes() {
    let (variant, error) = provider(
        skauth(Reply::json(
            400,
            json!({"error": {"code": 400013, "code_reason": "invalid_request", "message": "Missing client_id"}}),
        ))
        .await,
    );
    assert_eq!(variant, Some(0));
    assert_eq!(error.code.as_deref(), Some("400013"));
    assert_eq!(error.details.as_deref(), Some("invalid_request"));
    let (variant, _) = provider(
        skauth(Reply::json(
            500,
            json!({"code": "500999", "code_reason": "API_ERROR", "message": "boom"}),
        ))
        .await,
    );
    assert_eq!(variant, Some(4));
}

#[tokio::test]
async fn status_only_variants_and_bare_string_errors() {
    let (variant, error) = provider(skauth(Reply::json(403, json!({"error": "forbidden"}))).await);
    assert_eq!(variant, Some(2));
    assert_eq!(error.message.as_deref(), Some("forbidden"));
    let (variant, error) = provider(skauth(Reply::json(404, json!("not found"))).await);
    assert_eq!(variant, Some(3));
    assert_eq!(error.message.as_deref(), Some("not found"));
    // Not JSON at all, but the status names a status-only variant.
    let (variant, error) = provider(skauth(Reply::text(404, "<html>nope</html>")).await);
    assert_eq!((variant, error.message), (Some(3), None));
}

#[tokio::test]
async fn error_status_without_envelope_is_unexpected() {
    match weir(Reply::text(502, "<html>bad gateway</html>")).await {
        Err(EngineError::Unexpected(u)) => {
            assert_eq!(u.status, 502);
            assert_eq!(u.content_type.as_deref(), Some("text/plain"));
        }
        other => panic!("{other:?}"),
    }
    // A status named only together with a code does not match without the code.
    assert!(matches!(
        weir(Reply::json(401, json!({"x": 1}))).await,
        Err(EngineError::Unexpected(_))
    ));
}

#[tokio::test]
async fn success_body_that_is_not_json_is_unexpected_and_quotes_nothing() {
    let err = weir(Reply::text(200, "token=SECRETISH")).await.unwrap_err();
    assert!(
        matches!(err, EngineError::Unexpected(ref u) if u.status == 200),
        "{err:?}"
    );
    assert!(!err.to_string().contains("SECRETISH"));
    assert!(!format!("{err:?}").contains("SECRETISH"));
}

#[tokio::test]
async fn bodies_over_64_kib_are_refused() {
    let big = "x".repeat(100 * 1024);
    let reply = Reply::json(
        200,
        json!({"status": "success", "data": {"accessToken": big}}),
    );
    match weir(reply).await {
        Err(EngineError::Unexpected(u)) => assert!(u.reason.contains("64 KiB"), "{}", u.reason),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn missing_token_names_the_path() {
    let err = weir(Reply::json(200, json!({"status": "success", "data": {}})))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("data.accessToken"), "{err}");
}

#[tokio::test]
async fn typed_extra_fields() {
    let plan = plan(
        r#"
tokenspec: 1
name: acme
token:
  url: https://auth.acme.example/token
credentials:
  client_id: { in: form, secret: false }
response:
  token: access_token
  lifetime: 300
  fields:
    account: { path: meta.account, type: string, required: true }
    id_token: { path: id_token, type: string, secret: true, required: false }
    quota: { path: meta.quota, type: integer, required: true }
    ratio: { path: meta.ratio, type: number, required: false }
    admin: { path: meta.admin, type: bool, required: false }
    extra: { path: meta, type: json, required: false }
"#,
    );
    let reply = Reply::json(
        200,
        json!({"access_token": "a", "id_token": "idt", "meta": {"account": "acc", "quota": "42", "ratio": 0.5, "admin": true}}),
    );
    let mut t = fetch(&plan, &[("client_id", "i")], reply.clone())
        .await
        .unwrap();
    assert_eq!(t.expires_in, Some(Duration::from_secs(300)));
    assert!(!format!("{t:?}").contains("idt"), "secret field in Debug");
    assert_eq!(
        take_field::<String>(&mut t.fields, 0).as_deref(),
        Some("acc")
    );
    assert!(take_field::<tokenspec_core::SecretString>(&mut t.fields, 1).is_some());
    assert_eq!(take_field::<i64>(&mut t.fields, 2), Some(42));
    assert_eq!(take_field::<f64>(&mut t.fields, 3), Some(0.5));
    assert_eq!(take_field::<bool>(&mut t.fields, 4), Some(true));
    assert!(take_field::<serde_json::Value>(&mut t.fields, 5).is_some());
    // Taken fields are gone; out of range is None.
    assert_eq!(take_field::<String>(&mut t.fields, 0), None);
    assert_eq!(take_field::<String>(&mut t.fields, 99), None);

    let missing = Reply::json(200, json!({"access_token": "a", "meta": {"quota": 1}}));
    let err = fetch(&plan, &[("client_id", "i")], missing)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("`account`"), "{err}");
    let wrong = Reply::json(
        200,
        json!({"access_token": "a", "meta": {"account": "x", "quota": "many"}}),
    );
    let err = fetch(&plan, &[("client_id", "i")], wrong)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not an integer"), "{err}");
}
