//! The main job end to end, with no internet: `cargo run -p tokenspec-tests --example demo`.
//!
//! Starts a local server for each of the five seed providers (written by hand from the
//! provider's document, see `tokenspec_tests::servers`), and for each built-in client of
//! `tokenspec_core::providers`: builds it, gets a token, shows that `access_token()` is cached,
//! applies the token to an API request the server checks (by `authorize`, then through the
//! reqwest middleware's `ClientWithMiddleware`), and triggers one documented error
//! to show the typed variant that comes back. Prints a short report (tokens redacted) and
//! exits non-zero if anything is not as documented.

use std::fmt::Display;
use std::future::Future;
use std::process::ExitCode;
use std::time::Duration;

use tokenspec_core::providers::{
    Apimw, ApimwError, Skauth, SkauthError, Weavy, WeavyError, Weightron, WeightronError, Weir,
    WeirError,
};
use tokenspec_core::{AccessToken, ExposeSecret, middleware};
use tokenspec_tests::servers::{Server, apimw, skauth, weavy, weightron, weir};
use tokenspec_tests::support::{http, redact};

/// A failed step: what was being done and what went wrong.
type Outcome = Result<(), String>;

/// Turns any error into the demo's failure message, naming the step.
trait Step<T> {
    fn step(self, what: &str) -> Result<T, String>;
}

impl<T, E: Display> Step<T> for Result<T, E> {
    fn step(self, what: &str) -> Result<T, String> {
        self.map_err(|e| format!("{what}: {e}"))
    }
}

fn line(label: &str, text: impl Display) {
    println!("  {label:<11}{text}");
}

fn describe_token(token: &str, token_type: Option<&str>, expires_in: Option<Duration>) {
    let kind = token_type.unwrap_or("(no type)");
    let life = expires_in.map_or("no lifetime".to_owned(), |d| {
        format!("expires in {} s", d.as_secs())
    });
    line(
        "fetch",
        format!("{}, {kind}, {life} (a new request)", redact(token)),
    );
}

/// Shows the cache: the first `access_token()` may request a token, the next two may not.
async fn show_cache<F, E, Fut>(server: &Server<F>, access_token: impl Fn() -> Fut) -> Outcome
where
    F: Send + 'static,
    E: Display,
    Fut: Future<Output = Result<AccessToken, E>>,
{
    let before = server.token_request_count();
    let first = access_token().await.step("access_token()")?;
    let after_first = server.token_request_count();
    let second = access_token().await.step("access_token()")?;
    let third = access_token().await.step("access_token()")?;
    let extra = server.token_request_count() - after_first;
    if after_first - before != 1 {
        let n = after_first - before;
        return Err(format!(
            "the first access_token() made {n} token requests, not 1"
        ));
    }
    if extra != 0
        || first.expose_secret() != second.expose_secret()
        || first.expose_secret() != third.expose_secret()
    {
        return Err(format!(
            "access_token() is not cached: {extra} more token requests"
        ));
    }
    line(
        "cache",
        format!(
            "access_token() x3: 1 token request, then none (same token {})",
            redact(first.expose_secret())
        ),
    );
    Ok(())
}

/// Sends an authorized request to the server's protected route and shows what arrived.
async fn show_api<F: Send + 'static, E: Display>(
    server: &Server<F>,
    path: &str,
    label: &str,
    send: impl Future<Output = Result<tokenspec_core::reqwest::Response, E>>,
) -> Outcome {
    let response = send.await.step("API request")?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(format!(
            "the API at {path} refused the token: HTTP {status}"
        ));
    }
    let seen = server
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.path == path)
        .ok_or("the server saw no API request")?;
    let auth = seen.header("authorization").unwrap_or_default();
    let scheme = auth.split(' ').next().unwrap_or_default();
    let token = auth.split(' ').nth(1).unwrap_or_default();
    let api_key = match seen.header("x-api-key") {
        Some(key) => format!(", x-api-key: {}", redact(key)),
        None => String::new(),
    };
    line(
        label,
        format!(
            "GET {path} -> {status}, Authorization: {scheme} {}{api_key}",
            redact(token)
        ),
    );
    Ok(())
}

/// Shows the documented error as the typed variant, or fails.
fn show_error(answer: &str, variant: Option<&str>, error: impl Display) -> Outcome {
    match variant {
        Some(variant) => {
            line("error", format!("server answers {answer} -> {variant}"));
            line("", format!("\"{error}\""));
            Ok(())
        }
        None => Err(format!(
            "{answer} did not come back as its variant: {error}"
        )),
    }
}

/// Every request the server got was well formed.
fn check_wire<F: Send + 'static>(server: &Server<F>) -> Outcome {
    let violations = server.violations();
    if violations.is_empty() {
        line(
            "wire",
            format!(
                "{} requests, all as the document describes",
                server.requests().len()
            ),
        );
        Ok(())
    } else {
        Err(violations.join("\n"))
    }
}

async fn demo_weir() -> Outcome {
    let server = weir::start().await.step("start server")?;
    println!(
        "weir       {}  (Basic client_id:secret_key, no body)",
        server.url()
    );
    let client = Weir::builder()
        .client_id(weir::CLIENT_ID)
        .secret_key(weir::SECRET_KEY)
        .base_url(server.url())
        .build()
        .step("build")?;
    show_cache(&server, || client.access_token()).await?;
    let token = client.fetch_token().await.step("fetch_token()")?;
    describe_token(
        token.access_token.expose_secret(),
        token.token_type.as_deref(),
        token.expires_in,
    );
    let request = client
        .authorize(http().get(format!("{}/api/echo", server.url())))
        .await
        .step("authorize")?;
    show_api(&server, "/api/echo", "authorize", request.send()).await?;
    // The same call through reqwest-middleware: a `ClientWithMiddleware` whose requests
    // carry the token, and whose redirects stay on the request's origin.
    let api = middleware::client(client.clone()).step("middleware::client")?;
    let send = api.get(format!("{}/api/echo", server.url())).send();
    show_api(&server, "/api/echo", "middleware", send).await?;
    server.fail_next(weir::Failure::RateLimitExceeded);
    let error = client.fetch_token().await.err().ok_or("expected a 429")?;
    let variant =
        matches!(error, WeirError::RateLimitExceeded(_)).then_some("WeirError::RateLimitExceeded");
    show_error("429 RATE_LIMIT_EXCEEDED", variant, &error)?;
    check_wire(&server)
}

async fn demo_apimw() -> Outcome {
    let server = apimw::start().await.step("start server")?;
    println!(
        "apimw      {}  (JSON body api_key/api_secret)",
        server.url()
    );
    let client = Apimw::builder()
        .api_key(apimw::API_KEY)
        .api_secret(apimw::API_SECRET)
        .base_url(server.url())
        .build()
        .step("build")?;
    show_cache(&server, || client.access_token()).await?;
    let token = client.fetch_token().await.step("fetch_token()")?;
    describe_token(
        token.access_token.expose_secret(),
        token.token_type.as_deref(),
        token.expires_in,
    );
    if let Some(refresh) = &token.refresh_token {
        line(
            "",
            format!("refresh token {}", redact(refresh.expose_secret())),
        );
    }
    let request = client
        .authorize(http().get(format!("{}/api/echo", server.url())))
        .await
        .step("authorize")?;
    show_api(&server, "/api/echo", "authorize", request.send()).await?;
    // The same call through reqwest-middleware: a `ClientWithMiddleware` whose requests
    // carry the token, and whose redirects stay on the request's origin.
    let api = middleware::client(client.clone()).step("middleware::client")?;
    let send = api.get(format!("{}/api/echo", server.url())).send();
    show_api(&server, "/api/echo", "middleware", send).await?;
    server.fail_next(apimw::Failure::InvalidCredentials);
    let error = client.fetch_token().await.err().ok_or("expected a 401")?;
    let variant = matches!(error, ApimwError::InvalidCredentials(_))
        .then_some("ApimwError::InvalidCredentials");
    show_error("401 INVALID_CREDENTIALS", variant, &error)?;
    check_wire(&server)
}

async fn demo_weightron() -> Outcome {
    let server = weightron::start().await.step("start server")?;
    println!(
        "weightron  {}  (OAuth 2 form, scope openid, x-api-key on API calls)",
        server.url()
    );
    let client = Weightron::builder()
        .client_id(weightron::CLIENT_ID)
        .client_secret(weightron::CLIENT_SECRET)
        .api_key(weightron::API_KEY)
        .base_url(server.url())
        .build()
        .step("build")?;
    show_cache(&server, || client.access_token()).await?;
    let token = client.fetch_token().await.step("fetch_token()")?;
    describe_token(
        token.access_token.expose_secret(),
        token.token_type.as_deref(),
        token.expires_in,
    );
    let request = client
        .authorize(http().get(format!("{}/access", server.url())))
        .await
        .step("authorize")?;
    show_api(&server, "/access", "authorize", request.send()).await?;
    // The same call through reqwest-middleware: a `ClientWithMiddleware` whose requests
    // carry the token, and whose redirects stay on the request's origin.
    let api = middleware::client(client.clone()).step("middleware::client")?;
    let send = api.get(format!("{}/access", server.url())).send();
    show_api(&server, "/access", "middleware", send).await?;
    let wrong_scope = Weightron::builder()
        .client_id(weightron::CLIENT_ID)
        .client_secret(weightron::CLIENT_SECRET)
        .api_key(weightron::API_KEY)
        .scope("profile")
        .base_url(server.url())
        .build()
        .step("build")?;
    let error = wrong_scope
        .fetch_token()
        .await
        .err()
        .ok_or("expected invalid_scope")?;
    let variant =
        matches!(error, WeightronError::InvalidScope(_)).then_some("WeightronError::InvalidScope");
    show_error("400 invalid_scope (scope \"profile\")", variant, &error)?;
    check_wire(&server)
}

async fn demo_skauth() -> Outcome {
    let server = skauth::start_with_string_data()
        .await
        .step("start server")?;
    println!(
        "skauth     {}  (${{API_URL}} = .../v1, form, `data` as a JSON string)",
        server.url()
    );
    let client = Skauth::builder()
        .api_url(format!("{}/v1", server.url()))
        .client_id(skauth::CLIENT_ID)
        .client_secret(skauth::CLIENT_SECRET)
        .build()
        .step("build")?;
    show_cache(&server, || client.access_token()).await?;
    let token = client.fetch_token().await.step("fetch_token()")?;
    describe_token(
        token.access_token.expose_secret(),
        token.token_type.as_deref(),
        token.expires_in,
    );
    let request = client
        .authorize(http().get(format!("{}/api/echo", server.url())))
        .await
        .step("authorize")?;
    show_api(&server, "/api/echo", "authorize", request.send()).await?;
    // The same call through reqwest-middleware: a `ClientWithMiddleware` whose requests
    // carry the token, and whose redirects stay on the request's origin.
    let api = middleware::client(client.clone()).step("middleware::client")?;
    let send = api.get(format!("{}/api/echo", server.url())).send();
    show_api(&server, "/api/echo", "middleware", send).await?;
    server.fail_next(skauth::Failure::Forbidden);
    let error = client.fetch_token().await.err().ok_or("expected a 403")?;
    let variant = matches!(error, SkauthError::Forbidden(_)).then_some("SkauthError::Forbidden");
    show_error("403 with a bare `error` string", variant, &error)?;
    check_wire(&server)
}

async fn demo_weavy() -> Outcome {
    let server = weavy::start().await.step("start server")?;
    println!("weavy      {}  (self-hosted, OAuth 2 form)", server.url());
    let client = Weavy::builder()
        .host("weavy.example.com")
        .client_id(weavy::CLIENT_ID)
        .client_secret(weavy::CLIENT_SECRET)
        .base_url(server.url())
        .build()
        .step("build")?;
    show_cache(&server, || client.access_token()).await?;
    let token = client.fetch_token().await.step("fetch_token()")?;
    describe_token(
        token.access_token.expose_secret(),
        token.token_type.as_deref(),
        token.expires_in,
    );
    let request = client
        .authorize(http().get(format!("{}/api/echo", server.url())))
        .await
        .step("authorize")?;
    show_api(&server, "/api/echo", "authorize", request.send()).await?;
    // The same call through reqwest-middleware: a `ClientWithMiddleware` whose requests
    // carry the token, and whose redirects stay on the request's origin.
    let api = middleware::client(client.clone()).step("middleware::client")?;
    let send = api.get(format!("{}/api/echo", server.url())).send();
    show_api(&server, "/api/echo", "middleware", send).await?;
    server.fail_next(weavy::Failure::InvalidClient);
    let error = client.fetch_token().await.err().ok_or("expected a 401")?;
    let variant =
        matches!(error, WeavyError::InvalidClient(_)).then_some("WeavyError::InvalidClient");
    show_error("401 invalid_client", variant, &error)?;
    check_wire(&server)
}

/// Prints how a provider's demo ended; counts failures.
fn report(name: &str, outcome: Outcome, failed: &mut usize) {
    match outcome {
        Ok(()) => println!("  ok\n"),
        Err(e) => {
            *failed += 1;
            println!("  FAILED {name}: {e}\n");
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    println!("tokenspec demo: the five built-in clients against local servers written from the");
    println!("providers' documents (loopback only, no internet)\n");
    let mut failed = 0;
    report("weir", demo_weir().await, &mut failed);
    report("apimw", demo_apimw().await, &mut failed);
    report("weightron", demo_weightron().await, &mut failed);
    report("skauth", demo_skauth().await, &mut failed);
    report("weavy", demo_weavy().await, &mut failed);
    if failed == 0 {
        println!(
            "all 5 providers: token, cache, authorize, middleware and a documented error as expected"
        );
        ExitCode::SUCCESS
    } else {
        eprintln!("{failed} of 5 providers failed");
        ExitCode::FAILURE
    }
}
