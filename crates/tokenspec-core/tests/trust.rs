//! Trust: no credential or token reaches a host the user did not name, no caller who could
//! be served waits, absurd values neither panic nor remove a bound, and provider text never
//! carries the client's secrets. One test per defect an adversarial review found.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{
    ACME, Reply, builder, eventually, log_text, oauth_token, plan, serve, weir_builder, weir_token,
};
use serde_json::json;
use tokenspec_core::__private::{Builder, EngineError};
use tokenspec_core::clock::ManualClock;
use tokenspec_core::providers::{Weavy, Weir, WeirError};
use tokenspec_core::{
    ConfigError, REJECTION_PAUSE, RefreshMargin, RetryPolicy, redirect_policy, reqwest,
};

fn http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

// ---- Where credentials and tokens go ----

#[test]
fn an_empty_value_is_refused_at_build_naming_its_setter() {
    // `https://{host}/api/auth` with an empty host parses as host `api`.
    let empty_host = Weavy::builder()
        .host("")
        .client_id("id")
        .client_secret("secret")
        .build();
    assert!(
        matches!(&empty_host, Err(ConfigError::EmptyValue { setter }) if setter == "host"),
        "{empty_host:?}"
    );
    let empty_secret = Weavy::builder()
        .host("weavy.example.com")
        .client_id("id")
        .client_secret("")
        .build();
    assert!(
        matches!(&empty_secret, Err(ConfigError::EmptyValue { setter }) if setter == "client_secret"),
        "{empty_secret:?}"
    );

    // From the environment too (variables unique to this test: the environment is shared).
    let plan = plan(&ACME.replace("name: acme", "name: emptyenv"));
    unsafe {
        std::env::set_var("EMPTYENV_CLIENT_ID", "id");
        std::env::set_var("EMPTYENV_CLIENT_SECRET", "");
    }
    let from_env = Builder::from_shared(plan).from_env().unwrap().build();
    assert!(
        matches!(&from_env, Err(ConfigError::EmptyValue { setter }) if setter == "client_secret"),
        "{from_env:?}"
    );
}

/// A spec whose API hosts come from a variable the token URL does not use.
const REGIONAL: &str = r#"
tokenspec: 1
name: regional
style: oauth2
token:
  url: https://auth.example.com/token
variables:
  region: Region of the account.
credentials:
  client_id: { in: form, secret: false }
  client_secret: { in: form }
apply:
  hosts: ["{region}.api.example.com"]
"#;

#[tokio::test]
async fn a_variable_cannot_move_an_api_host_or_the_token_url() {
    let regional = plan(REGIONAL);
    for bad in [
        "evil.test#",
        "evil.test?",
        "evil.test\\",
        "x@evil.test",
        "evil.test/",
        "evil .test",
        "evil..test",
        "%65vil.test",
    ] {
        let built = builder(
            &regional,
            &[("region", bad), ("client_id", "i"), ("client_secret", "s")],
        )
        .build();
        assert!(
            matches!(built, Err(ConfigError::InvalidValue { ref setter, .. }) if setter == "region")
                || matches!(built, Err(ConfigError::InvalidUrl { .. })),
            "region {bad:?} was accepted: {built:?}"
        );
        let weavy = Weavy::builder()
            .host(bad)
            .client_id("i")
            .client_secret("s")
            .build();
        assert!(weavy.is_err(), "host {bad:?} was accepted");
        let allowed = Weavy::builder()
            .host("weavy.example.com")
            .client_id("i")
            .client_secret("s")
            .allow_host(bad)
            .build();
        assert!(allowed.is_err(), "allow_host({bad:?}) was accepted");
    }

    // A good region allows its own host and nothing else.
    let server = serve(|_, i| oauth_token(&format!("tok-{i}"), 3600)).await;
    let engine = builder(
        &regional,
        &[
            ("region", "eu-1"),
            ("client_id", "i"),
            ("client_secret", "s"),
        ],
    )
    .base_url(server.url.clone())
    .build()
    .unwrap();
    let ok = engine
        .authorize(http().get("https://eu-1.api.example.com/v1/x"))
        .await;
    assert!(ok.is_ok(), "{ok:?}");
    for url in [
        "https://evil.test/",
        "https://eu-1.api.example.com.evil.test/",
    ] {
        assert!(
            matches!(
                engine.authorize(http().get(url)).await,
                Err(EngineError::Config(ConfigError::HostNotAllowed { .. }))
            ),
            "{url}"
        );
    }
}

/// The token under a header of the spec's own, and a companion API credential: the two
/// things reqwest's redirect handling does not strip.
const CUSTOM_HEADER: &str = r#"
tokenspec: 1
name: redirected
style: oauth2
token:
  url: https://auth.example.com/token
credentials:
  client_id: { in: form, secret: false }
  client_secret: { in: form }
  api_key: { in: api-header, name: x-api-key }
apply:
  header: X-Auth-Token
  scheme: none
"#;

#[tokio::test]
async fn a_redirect_never_carries_the_token_or_api_headers_to_another_host() {
    let elsewhere = serve(|_, _| Reply::text(200, "thanks")).await;
    let landing = format!("{}/landing", elsewhere.url);
    let api = serve(move |req, i| match req.path.as_str() {
        "/token" => oauth_token(&format!("tok-{i}"), 3600),
        "/away" => Reply::text(307, "").header("location", &landing),
        "/here" => Reply::text(307, "").header("location", "/final"),
        _ => Reply::text(200, "ok"),
    })
    .await;
    let engine = builder(
        &plan(CUSTOM_HEADER),
        &[
            ("client_id", "i"),
            ("client_secret", "s"),
            ("api_key", "key-123"),
        ],
    )
    .base_url(api.url.clone())
    .build()
    .unwrap();

    // send_authorized, started from a default client (which follows any redirect), stops
    // at the origin's edge and returns the redirect.
    let response = engine
        .send_authorized(|| http().get(format!("{}/away", api.url)))
        .await
        .unwrap();
    assert_eq!(response.status(), 307);
    // A redirect within the origin is followed, with the token.
    let response = engine
        .send_authorized(|| http().get(format!("{}/here", api.url)))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let last = api.requests().pop().unwrap();
    assert_eq!(last.path, "/final");
    assert_eq!(last.header("x-auth-token"), Some("tok-0"));
    assert_eq!(last.header("x-api-key"), Some("key-123"));

    // authorize with a client built with tokenspec's redirect policy.
    let careful = reqwest::Client::builder()
        .no_proxy()
        .redirect(redirect_policy())
        .build()
        .unwrap();
    let request = engine
        .authorize(careful.get(format!("{}/away", api.url)))
        .await
        .unwrap();
    assert_eq!(request.send().await.unwrap().status(), 307);

    assert_eq!(elsewhere.count(), 0, "the other host was contacted");
}

#[test]
fn a_colon_in_an_unencoded_basic_user_id_is_refused() {
    // Weir sends `id:secret` without form-encoding: `a:b` would be read as user `a`.
    let built = Weir::builder()
        .client_id("a:b")
        .secret_key("secret")
        .build();
    assert!(
        matches!(&built, Err(ConfigError::InvalidValue { setter, .. }) if setter == "client_id"),
        "{built:?}"
    );
    // In the password a colon is fine: the user id ends at the first one.
    assert!(
        Weir::builder()
            .client_id("a")
            .secret_key("b:c")
            .build()
            .is_ok()
    );
}

// ---- Never block a caller who could be served ----

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_valid_token_is_served_at_once_while_a_hung_renewal_runs_out() {
    let _ = common::captured();
    // The first token lasts 5 minutes; the renewal's request is never answered in time;
    // the request after that succeeds.
    let server = serve(|_, i| match i {
        0 => oauth_token("tok-0", 300),
        1 => oauth_token("tok-1", 300).delay(Duration::from_secs(120)),
        _ => oauth_token("tok-2", 300),
    })
    .await;
    let clock = ManualClock::new();
    // Default settings otherwise: 30 s request timeout, default retries and margin.
    let engine = builder(
        &plan(&ACME.replace("name: acme", "name: patient")),
        &[("client_id", "i"), ("client_secret", "s")],
    )
    .base_url(server.url.clone())
    .clock(Arc::new(clock.clone()))
    .build()
    .unwrap();
    assert_eq!(
        engine.access_token().await.unwrap().expose_secret(),
        "tok-0"
    );

    // Three seconds of life left: inside the margin, still valid.
    clock.advance(Duration::from_secs(297));
    let callers: Vec<_> = (0..100)
        .map(|_| {
            let engine = engine.clone();
            tokio::spawn(async move { engine.access_token().await })
        })
        .collect();
    // A hang detector, not a timing: before the fix each caller waited out the request.
    let served = tokio::time::timeout(Duration::from_secs(10), async {
        let mut tokens = Vec::new();
        for caller in callers {
            tokens.push(caller.await.unwrap().unwrap().expose_secret().to_owned());
        }
        tokens
    })
    .await
    .expect("callers holding a valid token waited for the renewal");
    assert!(served.iter().all(|t| t == "tok-0"));
    eventually("the renewal's request", || server.count() == 2).await;

    // The renewal gives up when the cached token stops being served, a second before it
    // expires (two seconds of real time here, as the injected clock left it), and says so;
    // the token stays in service meanwhile.
    eventually("the renewal's warning", || {
        log_text().contains("token renewal failed; the cached token stays in use")
    })
    .await;
    assert!(log_text().contains("provider=patient"));
    assert_eq!(
        engine.access_token().await.unwrap().expose_secret(),
        "tok-0"
    );
    assert_eq!(server.count(), 2, "the rest after a failure was not kept");

    // In its last second: not served; the caller waits for a new one.
    clock.advance(Duration::from_secs(2));
    assert_eq!(
        engine.access_token().await.unwrap().expose_secret(),
        "tok-2"
    );
}

#[tokio::test]
async fn renewals_caused_by_401s_are_bounded() {
    let server = serve(|req, i| match req.path.as_str() {
        "/token" => oauth_token(&format!("tok-{i}"), 3600),
        _ => Reply::text(401, "no"),
    })
    .await;
    let clock = ManualClock::new();
    let engine = builder(&plan(ACME), &[("client_id", "i"), ("client_secret", "s")])
        .base_url(server.url.clone())
        .clock(Arc::new(clock.clone()))
        .build()
        .unwrap();
    let token_requests = || {
        server
            .requests()
            .iter()
            .filter(|r| r.path == "/token")
            .count()
    };
    let api = format!("{}/api", server.url);
    for _ in 0..100 {
        let response = engine.send_authorized(|| http().get(&api)).await.unwrap();
        assert_eq!(response.status(), 401);
    }
    // The first 401 renews once; the fresh token rejected too is kept for a while.
    assert_eq!(token_requests(), 2);
    let calls = server.requests().len() - token_requests();
    assert_eq!(calls, 101, "a kept token is not sent twice per call");
    let token = engine.access_token().await.unwrap();
    assert!(!engine.invalidate(&token));

    // After the pause one more renewal is allowed.
    clock.advance(REJECTION_PAUSE + Duration::from_secs(1));
    engine.send_authorized(|| http().get(&api)).await.unwrap();
    assert_eq!(token_requests(), 3);
}

#[tokio::test]
async fn a_huge_retry_after_still_rests_after_a_failure() {
    let clock = ManualClock::new();
    let server = serve(|_, i| {
        if i == 0 {
            weir_token(0, 100)
        } else {
            Reply::json(
                429,
                json!({"status": "error", "error": {"code": "RATE_LIMIT_EXCEEDED", "message": "slow down"}}),
            )
            .header("retry-after", "18446744073709551615")
        }
    })
    .await;
    let engine = weir_builder(&server.url)
        .clock(Arc::new(clock.clone()))
        .build()
        .unwrap();
    engine.access_token().await.unwrap();
    clock.advance(Duration::from_secs(95));
    assert_eq!(engine.access_token().await.unwrap().expose_secret(), "wt-0");
    eventually("the renewal", || server.count() == 2).await;
    for _ in 0..50 {
        assert_eq!(engine.access_token().await.unwrap().expose_secret(), "wt-0");
        tokio::task::yield_now().await;
    }
    assert_eq!(
        server.count(),
        2,
        "the provider's long Retry-After was not honoured"
    );
}

// ---- No panic ----

#[tokio::test]
async fn absurd_settings_neither_panic_nor_lift_a_bound() {
    let server = serve(|_, i| weir_token(i, u64::MAX)).await;
    let client = Weir::builder()
        .client_id("id")
        .secret_key("secret")
        .base_url(server.url.clone())
        .rate_limit_wait(Duration::MAX)
        .timeouts(Duration::MAX, Duration::MAX)
        .retry(
            RetryPolicy::default()
                .with_backoff(Duration::MAX, Duration::MAX)
                .with_max_elapsed(Duration::MAX)
                .with_max_attempts(u32::MAX),
        )
        .build()
        .unwrap();
    let token = client.access_token().await.unwrap();
    assert!(
        token.expires_at().is_some(),
        "a lifetime of u64::MAX seconds saturates"
    );
    // The spec's limit (10 a minute) still holds: the 11th request waits, it does not panic.
    for _ in 0..9 {
        client.fetch_token().await.unwrap();
    }
    let eleventh = tokio::time::timeout(Duration::from_millis(300), client.fetch_token()).await;
    assert!(
        eleventh.is_err(),
        "the rate limit let an eleventh request through"
    );
    assert_eq!(server.count(), 10);

    // A margin as long as the lifetime: always due, renewed in the background, no panic.
    let client = Weir::builder()
        .client_id("id")
        .secret_key("secret")
        .base_url(server.url.clone())
        .refresh_margin(RefreshMargin::fixed(Duration::MAX).with_jitter(1.0))
        .build()
        .unwrap();
    client.access_token().await.unwrap();
    client.access_token().await.unwrap();
}

// ---- Secrets stay secret ----

#[tokio::test]
async fn provider_text_never_echoes_the_clients_secrets() {
    let _ = common::captured();
    const SECRET: &str = "sk-live-0a1b2c3d4e5f";
    let basic = {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(format!("echo-client:{SECRET}"))
    };
    let long = "x".repeat(5000);
    let echoed = basic.clone();
    let server = serve(move |_, _| {
        Reply::json(
            401,
            json!({"status": "error", "error": {
                "code": format!("INVALID_CREDENTIALS"),
                "message": format!("secret {SECRET} is wrong\n2026-12-03 INFO forged line \u{1b}[31m (Basic {echoed}) {long}"),
            }}),
        )
    })
    .await;
    let client = Weir::builder()
        .client_id("echo-client")
        .secret_key(SECRET)
        .base_url(server.url.clone())
        .build()
        .unwrap();
    let error = client.fetch_token().await.unwrap_err();
    let WeirError::InvalidCredentials(provider) = &error else {
        panic!("expected the spec's variant, got {error:?}");
    };
    let shown = format!("{error} {error:?} {provider}");
    assert!(!shown.contains(SECRET), "the secret was echoed");
    let message = provider.message.as_deref().unwrap();
    assert!(message.contains("secret [REDACTED] is wrong"), "{message}");
    assert!(
        !message.contains(['\n', '\u{1b}']),
        "control characters kept"
    );
    assert!(
        !message.contains(&basic[..12]),
        "the Basic credentials were echoed"
    );
    assert!(
        message.chars().count() < 600,
        "{} characters",
        message.len()
    );
    assert!(!log_text().contains(SECRET), "the secret reached the log");
}

#[test]
fn debug_shows_no_url_credentials_or_query() {
    let skauth = common::bundled("skauth");
    let b = builder(
        &skauth,
        &[("api_url", "https://deploy:hunter2pw@api.example.com/v1")],
    );
    let shown = format!("{b:?}");
    assert!(
        !shown.contains("hunter2pw") && !shown.contains("deploy:"),
        "{shown}"
    );
    assert!(shown.contains("api.example.com"), "{shown}");
    let b = b.base_url("https://user:basepw@127.0.0.1:9/?key=basekey".to_owned());
    let shown = format!("{b:?}");
    assert!(
        !shown.contains("basepw") && !shown.contains("basekey"),
        "{shown}"
    );

    let keyed = plan(
        "tokenspec: 1\nname: keyed\nstyle: oauth2\ntoken:\n  url: https://auth.example.com/token?key={key}\n\
         variables:\n  key: The account key.\ncredentials:\n  client_id: { in: form, secret: false }\n\
         \x20 client_secret: { in: form }\n",
    );
    let engine = builder(
        &keyed,
        &[
            ("key", "querykey42"),
            ("client_id", "i"),
            ("client_secret", "s"),
        ],
    )
    .build()
    .unwrap();
    let shown = format!("{engine:?}");
    assert!(!shown.contains("querykey42"), "{shown}");
    assert!(shown.contains("auth.example.com/token"), "{shown}");
}
