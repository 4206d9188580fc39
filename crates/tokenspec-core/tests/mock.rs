//! `tokenspec_core::testing::MockProvider` over real loopback HTTP: every built-in client
//! gets a token from a mock of its own spec and the typed error for wrong credentials; the
//! mock refuses misplaced values; requests are counted and recorded with secrets redacted.

use std::sync::Arc;
use std::time::Duration;

use tokenspec_core::__private::{Builder, EngineError, Plan, Target};
use tokenspec_core::providers::{
    Apimw, ApimwError, Skauth, SkauthError, Weavy, WeavyError, Weightron, WeightronError, Weir,
    WeirError,
};
use tokenspec_core::testing::{MockError, MockProvider, MockServer, REDACTED};
use tokenspec_core::{ConfigError, ExposeSecret};

fn spec_path(name: &str) -> String {
    format!("{}/../../specs/{name}.yaml", env!("CARGO_MANIFEST_DIR"))
}

fn expected(mock: &MockServer, name: &str) -> String {
    mock.credential(name)
        .unwrap_or_else(|| panic!("the mock expects no `{name}`"))
        .to_owned()
}

/// An engine for an inline plan, with slots set by name.
fn engine(
    plan: &Arc<Plan>,
    mock: &MockServer,
    values: &[(&str, &str)],
) -> tokenspec_core::__private::Engine {
    let mut b = Builder::from_shared(plan.clone()).base_url(mock.base_url());
    for (name, value) in values {
        let i = plan.slot_index(name).expect("slot");
        b = b.set(i, (*value).to_owned());
    }
    b.build().expect("engine")
}

fn inline(yaml: &str) -> Arc<Plan> {
    Arc::new(
        tokenspec_spec::load(yaml, "inline.yaml")
            .expect("valid spec")
            .plan,
    )
}

#[tokio::test]
async fn weir_basic_credentials_and_invalid_credentials() {
    let mock = MockProvider::for_plan(Weir::plan())
        .credential("client_id", "weir-client")
        .lifetime(Duration::from_secs(900))
        .start()
        .await
        .expect("mock");
    let client = Weir::builder()
        .client_id("weir-client")
        .secret_key(expected(&mock, "secret_key"))
        .base_url(mock.base_url())
        .build()
        .expect("client");
    let token = client.fetch_token().await.expect("token");
    assert_eq!(token.access_token.expose_secret(), mock.issued_tokens()[0]);
    assert_eq!(token.token_type.as_deref(), Some("Bearer"));
    assert_eq!(token.expires_in, Some(Duration::from_secs(900)));

    let wrong = Weir::builder()
        .client_id("weir-client")
        .secret_key("not-the-secret")
        .base_url(mock.base_url())
        .build()
        .expect("client");
    match wrong.fetch_token().await {
        Err(WeirError::InvalidCredentials(e)) => {
            assert_eq!(e.status, 401);
            assert_eq!(e.code.as_deref(), Some("INVALID_CREDENTIALS"));
        }
        other => panic!("expected InvalidCredentials, got {other:?}"),
    }
    assert_eq!(
        mock.issued_tokens().len(),
        1,
        "no token for wrong credentials"
    );
}

#[tokio::test]
async fn apimw_from_the_spec_file_json_body_and_refresh_token() {
    let mock = MockProvider::from_spec_file(spec_path("apimw"))
        .expect("spec")
        .start()
        .await
        .expect("mock");
    let client = Apimw::builder()
        .api_key(expected(&mock, "api_key"))
        .api_secret(expected(&mock, "api_secret"))
        .base_url(mock.base_url())
        .build()
        .expect("client");
    let token = client.fetch_token().await.expect("token");
    assert_eq!(token.access_token.expose_secret(), mock.issued_tokens()[0]);
    assert!(
        token.refresh_token.is_some(),
        "the spec reads a refresh token"
    );

    let wrong = Apimw::builder()
        .api_key("someone-else")
        .api_secret(expected(&mock, "api_secret"))
        .base_url(mock.base_url())
        .build()
        .expect("client");
    assert!(matches!(
        wrong.fetch_token().await,
        Err(ApimwError::InvalidCredentials(e)) if e.status == 401
    ));
}

#[tokio::test]
async fn skauth_base_url_variable_and_json_string_root() {
    let mock = MockProvider::for_plan(Skauth::plan())
        .start()
        .await
        .expect("mock");
    let client = Skauth::builder()
        .api_url(mock.base_url())
        .client_id(expected(&mock, "client_id"))
        .client_secret(expected(&mock, "client_secret"))
        .build()
        .expect("client");
    let token = client.fetch_token().await.expect("token");
    assert_eq!(token.access_token.expose_secret(), mock.issued_tokens()[0]);
    assert_eq!(token.expires_in, Some(Duration::from_secs(3600)));

    let wrong = Skauth::builder()
        .api_url(mock.base_url())
        .client_id(expected(&mock, "client_id"))
        .client_secret("wrong")
        .build()
        .expect("client");
    // skauth's InvalidClient has a code (401021) and no status: the mock finds it by name.
    match wrong.fetch_token().await {
        Err(SkauthError::InvalidClient(e)) => assert_eq!(e.code.as_deref(), Some("401021")),
        other => panic!("expected InvalidClient, got {other:?}"),
    }
}

#[tokio::test]
async fn weavy_host_variable_behind_the_base_url() {
    let mock = MockProvider::for_plan(Weavy::plan())
        .start()
        .await
        .expect("mock");
    let client = Weavy::builder()
        .host(mock.host())
        .client_id(expected(&mock, "client_id"))
        .client_secret(expected(&mock, "client_secret"))
        .base_url(mock.base_url())
        .build()
        .expect("client");
    let token = client.fetch_token().await.expect("token");
    assert_eq!(token.access_token.expose_secret(), mock.issued_tokens()[0]);

    let wrong = Weavy::builder()
        .host(mock.host())
        .client_id("stranger")
        .client_secret(expected(&mock, "client_secret"))
        .base_url(mock.base_url())
        .build()
        .expect("client");
    match wrong.fetch_token().await {
        Err(WeavyError::InvalidClient(e)) => {
            assert_eq!(e.status, 401);
            assert_eq!(e.code.as_deref(), Some("invalid_client"));
        }
        other => panic!("expected InvalidClient, got {other:?}"),
    }
}

#[tokio::test]
async fn weightron_scope_parameter_is_echoed() {
    let mock = MockProvider::for_plan(Weightron::plan())
        .start()
        .await
        .expect("mock");
    let build = |secret: &str| {
        Weightron::builder()
            .client_id(expected(&mock, "client_id"))
            .client_secret(secret)
            .api_key(expected(&mock, "api_key"))
            .scope("openid offline_access")
            .base_url(mock.base_url())
            .build()
            .expect("client")
    };
    let token = build(&expected(&mock, "client_secret"))
        .fetch_token()
        .await
        .expect("token");
    assert_eq!(token.scope.as_deref(), Some("openid offline_access"));
    assert_eq!(
        mock.requests()[0].body_field("scope").as_deref(),
        Some("openid offline_access")
    );
    assert!(matches!(
        build("wrong").fetch_token().await,
        Err(WeightronError::InvalidClient(_))
    ));
}

#[tokio::test]
async fn a_credential_in_the_wrong_place_is_refused_as_a_bad_request() {
    let mock = MockProvider::for_plan(Weavy::plan())
        .start()
        .await
        .expect("mock");
    // The same protocol, except that the client puts the secret in the query string.
    let mut misplaced = Weavy::plan().clone();
    let secret = misplaced.slot_index("client_secret").expect("slot");
    for p in misplaced.placements.to_mut() {
        if matches!(p.source, tokenspec_core::__private::Source::Slot(i) if i == secret) {
            p.target = Target::query("client_secret");
        }
    }
    let plan = Arc::new(misplaced);
    let e = engine(
        &plan,
        &mock,
        &[
            ("host", "example.com"),
            ("client_id", &expected(&mock, "client_id")),
            ("client_secret", &expected(&mock, "client_secret")),
        ],
    );
    match e.fetch_token().await {
        Err(EngineError::Provider { variant, error }) => {
            assert_eq!(error.status, 400);
            assert_eq!(error.code.as_deref(), Some("invalid_request"));
            let name = variant.map(|v| &*plan.errors.variants[v].name);
            assert_eq!(name, Some("InvalidRequest"));
        }
        other => panic!("expected invalid_request, got {other:?}"),
    }
    let recorded = &mock.requests()[0];
    assert!(!recorded.accepted());
    let why = recorded.rejection.as_deref().unwrap_or_default();
    assert!(why.contains("client_secret"), "{why}");
    // Redacted by value even though it was not where the spec puts it.
    assert_eq!(recorded.query_param("client_secret"), Some(REDACTED));
    assert!(mock.issued_tokens().is_empty());
}

#[tokio::test]
async fn wrong_method_path_encoding_and_missing_fixed_header_are_refused() {
    let mock = MockProvider::for_plan(Weir::plan())
        .start()
        .await
        .expect("mock");
    let http = tokenspec_core::reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("http");
    let basic = |b: tokenspec_core::reqwest::RequestBuilder| {
        b.basic_auth(
            expected(&mock, "client_id"),
            Some(expected(&mock, "secret_key")),
        )
    };
    let status = |r: tokenspec_core::reqwest::Response| r.status().as_u16();

    let ok = basic(http.post(mock.url()))
        .header("content-type", "application/json")
        .send()
        .await
        .expect("send");
    assert_eq!(status(ok), 200);
    let get = basic(http.get(mock.url())).send().await.expect("send");
    assert_eq!(status(get), 405);
    let elsewhere = basic(http.post(format!("{}/token", mock.base_url())))
        .send()
        .await
        .expect("send");
    assert_eq!(status(elsewhere), 404);
    // Weir sends no body, but always this fixed header.
    let no_header = basic(http.post(mock.url())).send().await.expect("send");
    assert_eq!(status(no_header), 400);
    // The credentials in a JSON body instead of a Basic header.
    let in_body = http
        .post(mock.url())
        .header("content-type", "application/json")
        .body(r#"{"client_id":"mock-client_id","secret_key":"mock-secret_key"}"#)
        .send()
        .await
        .expect("send");
    assert_eq!(status(in_body), 400);

    assert_eq!(mock.request_count(), 5);
    let reasons: Vec<_> = mock.requests().into_iter().map(|r| r.rejection).collect();
    assert_eq!(reasons[0], None);
    assert!(reasons[1..].iter().all(Option::is_some), "{reasons:?}");
    let last = &mock.requests()[4];
    assert!(!last.body.contains("mock-secret_key"), "{}", last.body);
}

#[tokio::test]
async fn requests_are_recorded_with_secrets_redacted() {
    let secret = "s3cr3t value+/:&=";
    let mock = MockProvider::for_plan(Weavy::plan())
        .credential("client_secret", secret)
        .start()
        .await
        .expect("mock");
    let client = Weavy::builder()
        .host("weavy.example.com")
        .client_id(expected(&mock, "client_id"))
        .client_secret(secret)
        .base_url(mock.base_url())
        .build()
        .expect("client");
    for _ in 0..3 {
        client.fetch_token().await.expect("token");
    }
    assert_eq!(mock.request_count(), 3);
    let tokens = mock.issued_tokens();
    assert_eq!(tokens.len(), 3);
    assert!(
        tokens[0] != tokens[1] && tokens[1] != tokens[2],
        "fresh tokens"
    );

    let r = &mock.requests()[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/api/auth");
    assert!(r.accepted());
    assert_eq!(
        r.body_field("grant_type").as_deref(),
        Some("client_credentials")
    );
    assert_eq!(r.body_field("client_id").as_deref(), Some("mock-client_id"));
    assert_eq!(r.body_field("client_secret").as_deref(), Some(REDACTED));
    assert_eq!(
        r.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let everything = format!("{:?}", mock.requests());
    let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    assert!(!everything.contains(secret) && !everything.contains(&encoded));
}

#[tokio::test]
async fn form_encoded_basic_query_and_header_credentials() {
    let plan = inline(
        "tokenspec: 1\nname: placed\nstyle: oauth2\n\
         token:\n  url: https://auth.example.com/t/{tenant}/token?v=2\n\
         variables:\n  tenant: Tenant.\n\
         credentials:\n  client_id: { in: basic-user, secret: false }\n\
         \x20 client_secret: basic-password\n\
         \x20 app_key: { in: query, name: app }\n\
         \x20 device: { in: header, name: X-Device }\n",
    );
    let tricky = "p@ss:w+rd %20 é";
    let mock = MockProvider::for_plan(&plan)
        .credential("client_secret", tricky)
        .credential("client_id", "id:with colon")
        .start()
        .await
        .expect("mock");
    let values = |secret: &'static str| {
        [
            ("tenant", "acme"),
            ("client_id", "id:with colon"),
            ("client_secret", secret),
            ("app_key", "mock-app_key"),
            ("device", "mock-device"),
        ]
    };
    let raw = engine(&plan, &mock, &values(tricky))
        .fetch_token()
        .await
        .expect("token");
    assert_eq!(raw.access_token.expose_secret(), mock.issued_tokens()[0]);

    // A client that forgets RFC 6749's form-encoding sends other bytes for the same secret...
    let mut unencoded = (*plan).clone();
    unencoded.basic_form_encode = false;
    let unencoded = Arc::new(unencoded);
    let mut no_colon = values(tricky);
    no_colon[1].1 = "id with space";
    match engine(&unencoded, &mock, &no_colon).fetch_token().await {
        Err(EngineError::Provider { error, .. }) => assert_eq!(error.status, 401),
        other => panic!("expected a 401, got {other:?}"),
    }
    // ...and cannot send a user id holding `:` at all: the server would split it there.
    let mut b = Builder::from_shared(unencoded.clone()).base_url(mock.base_url());
    for (name, value) in values(tricky) {
        b = b.set(unencoded.slot_index(name).expect("slot"), value.to_owned());
    }
    assert!(matches!(
        b.build(),
        Err(ConfigError::InvalidValue { setter, .. }) if setter == "client_id"
    ));
    let r = &mock.requests()[0];
    assert_eq!(r.basic_user.as_deref(), Some("id:with colon"));
    assert_eq!(r.header("authorization"), Some("Basic [REDACTED]"));
    assert_eq!(r.query_param("app"), Some(REDACTED));
    assert_eq!(r.query_param("v"), Some("2"));
    assert_eq!(r.header("x-device"), Some(REDACTED));
}

#[tokio::test]
async fn bad_specs_and_unknown_names_are_errors() {
    assert!(matches!(
        MockProvider::from_spec("tokenspec: 1\nname: x\n", "bad.yaml"),
        Err(MockError::Spec { rendered, .. }) if rendered.contains("bad.yaml")
    ));
    assert!(matches!(
        MockProvider::from_spec_file("/nonexistent/spec.yaml"),
        Err(MockError::Read { .. })
    ));
    assert!(matches!(
        MockProvider::for_plan(Weir::plan())
            .credential("client_secret", "x")
            .start()
            .await,
        Err(MockError::UnknownValue { name, .. }) if name == "client_secret"
    ));
    let mock = MockProvider::for_plan(Weir::plan())
        .start()
        .await
        .expect("mock");
    let debug = format!("{mock:?}");
    assert!(
        debug.contains("weir") && !debug.contains("mock-secret_key"),
        "{debug}"
    );
}
