//! The servers checked with a plain HTTP client, independent of tokenspec's engine: each
//! accepts the document's own example request and refuses the usual mistakes.

use base64::Engine as _;
use reqwest::{Client, Response};
use serde_json::{Value, json};

use super::{apimw, skauth, weavy, weightron, weir};

fn basic(user: &str, password: &str) -> String {
    let pair = format!("{user}:{password}");
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

async fn body(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let value = response.json().await.unwrap_or(Value::Null);
    (status, value)
}

/// The document's curl: Basic of the raw pair, JSON content type, no body.
async fn weir_request(url: &str, auth: &str) -> (u16, Value) {
    let response = Client::new()
        .post(format!("{url}/auth/token"))
        .header("Content-Type", "application/json")
        .header("Authorization", auth)
        .send()
        .await
        .expect("send");
    body(response).await
}

#[tokio::test]
async fn weir_issues_a_token_and_protects_the_api() {
    let server = weir::start().await.expect("start");
    let url = server.url();
    let (status, value) = weir_request(&url, &basic(weir::CLIENT_ID, weir::SECRET_KEY)).await;
    assert_eq!(status, 200, "{value}");
    assert_eq!(value["status"], "success");
    assert_eq!(value["data"]["expiresIn"], 3600);
    assert_eq!(value["data"]["tokenType"], "Bearer");
    let token = value["data"]["accessToken"]
        .as_str()
        .expect("token")
        .to_owned();
    assert_eq!(server.issued_tokens(), vec![token.clone()]);
    assert!(server.violations().is_empty());

    let echo = Client::new().get(format!("{url}/api/echo"));
    let (status, _) = body(echo.try_clone().expect("clone").send().await.expect("send")).await;
    assert_eq!(status, 401, "no token");
    let (status, seen) = body(echo.bearer_auth(&token).send().await.expect("send")).await;
    assert_eq!(status, 200);
    assert_eq!(seen["authorization"], format!("Bearer {token}"));
    assert_eq!(server.token_request_count(), 1);
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn weir_refuses_a_form_encoded_basic_pair_and_answers_documented_errors() {
    let server = weir::start().await.expect("start");
    let url = server.url();
    // RFC 6749 §2.3.1 form encoding changes the secret: the document's btoa() does not.
    let encoded: String =
        url::form_urlencoded::byte_serialize(weir::SECRET_KEY.as_bytes()).collect();
    let (status, value) = weir_request(&url, &basic(weir::CLIENT_ID, &encoded)).await;
    assert_eq!(
        (status, value["error"]["code"].clone()),
        (401, json!("INVALID_CREDENTIALS"))
    );

    server.fail_next(weir::Failure::RateLimitExceeded);
    let good = basic(weir::CLIENT_ID, weir::SECRET_KEY);
    let (status, value) = weir_request(&url, &good).await;
    assert_eq!(status, 429);
    assert_eq!(value["error"]["code"], "RATE_LIMIT_EXCEEDED");
    assert_eq!(value["status"], "error");
    let (status, _) = weir_request(&url, &good).await;
    assert_eq!(status, 200, "one failure per fail_next");
}

#[tokio::test]
async fn weir_flags_a_body_and_a_missing_content_type() {
    let server = weir::start().await.expect("start");
    let response = Client::new()
        .post(format!("{}/auth/token", server.url()))
        .form(&[
            ("client_id", weir::CLIENT_ID),
            ("secret_key", weir::SECRET_KEY),
        ])
        .send()
        .await
        .expect("send");
    let (status, value) = body(response).await;
    assert_eq!(status, 400);
    let message = value["error"]["message"].as_str().unwrap_or_default();
    for expected in [
        "Content-Type",
        "no body",
        "missing Authorization",
        "leaked into the body",
    ] {
        assert!(message.contains(expected), "{expected:?} not in {message}");
    }
    assert_eq!(server.violations().len(), 1);
}

#[tokio::test]
async fn weir_enforces_ten_requests_a_minute() {
    let server = weir::start().await.expect("start");
    let good = basic(weir::CLIENT_ID, weir::SECRET_KEY);
    for _ in 0..weir::RATE_LIMIT {
        assert_eq!(weir_request(&server.url(), &good).await.0, 200);
    }
    let (status, value) = weir_request(&server.url(), &good).await;
    assert_eq!(
        (status, value["error"]["code"].clone()),
        (429, json!("RATE_LIMIT_EXCEEDED"))
    );
}

#[tokio::test]
async fn apimw_takes_a_json_body() {
    let server = apimw::start().await.expect("start");
    let url = format!("{}/v1/auth/token", server.url());
    let creds = json!({ "api_key": apimw::API_KEY, "api_secret": apimw::API_SECRET });
    let send = |request: reqwest::RequestBuilder| async move {
        body(request.send().await.expect("send")).await
    };
    let (status, value) = send(Client::new().post(&url).json(&creds)).await;
    assert_eq!(status, 200, "{value}");
    assert_eq!(value["success"], true);
    assert_eq!(value["data"]["refresh_token"], "rt_abc123xyz456");

    let wrong = json!({ "api_key": apimw::API_KEY, "api_secret": "nope" });
    let (status, value) = send(Client::new().post(&url).json(&wrong)).await;
    assert_eq!(
        (status, value["error"]["code"].clone()),
        (401, json!("INVALID_CREDENTIALS"))
    );
    assert_eq!(value["success"], false);

    let form = [
        ("api_key", apimw::API_KEY),
        ("api_secret", apimw::API_SECRET),
    ];
    let (status, _) = send(Client::new().post(&url).form(&form)).await;
    assert_eq!(status, 400);
    assert_eq!(server.violations().len(), 1);
}

async fn form_post(url: String, fields: &[(&str, &str)]) -> (u16, Value) {
    body(
        Client::new()
            .post(url)
            .form(fields)
            .send()
            .await
            .expect("send"),
    )
    .await
}

#[tokio::test]
async fn weightron_checks_scope_and_needs_the_api_key_on_api_calls() {
    let server = weightron::start().await.expect("start");
    let url = format!("{}/oidc/token", server.url());
    let base = [
        ("grant_type", "client_credentials"),
        ("client_id", weightron::CLIENT_ID),
        ("client_secret", weightron::CLIENT_SECRET),
    ];
    let with_scope = |scope: &'static str| {
        let mut fields = base.to_vec();
        fields.push(("scope", scope));
        fields
    };
    let (status, value) = form_post(url.clone(), &with_scope("openid")).await;
    assert_eq!(status, 200, "{value}");
    assert_eq!(value["expires_in"], 300);
    assert!(value.get("refresh_token").is_none());
    let token = value["access_token"].as_str().expect("token").to_owned();
    let (_, value) = form_post(url.clone(), &with_scope("openid offline_access")).await;
    assert!(value["refresh_token"].is_string());
    for bad in ["profile", "openid email", "offline_access"] {
        let (status, value) = form_post(url.clone(), &with_scope(bad)).await;
        assert_eq!(
            (status, value["error"].clone()),
            (400, json!("invalid_scope")),
            "{bad}"
        );
    }
    let (status, value) = form_post(url.clone(), &base).await;
    assert_eq!(
        (status, value["error"].clone()),
        (400, json!("invalid_scope")),
        "no scope"
    );

    // Postman's Basic client authentication is accepted too.
    let response = Client::new()
        .post(&url)
        .header(
            "Authorization",
            basic(weightron::CLIENT_ID, weightron::CLIENT_SECRET),
        )
        .form(&[("grant_type", "client_credentials"), ("scope", "openid")])
        .send()
        .await
        .expect("send");
    assert_eq!(response.status().as_u16(), 200);

    server.fail_next(weightron::Failure::InvalidClient);
    let (status, value) = form_post(url.clone(), &with_scope("openid")).await;
    assert_eq!(
        (status, value["error"].clone()),
        (401, json!("invalid_client"))
    );

    let access = format!("{}/access", server.url());
    let only_token = Client::new()
        .get(&access)
        .bearer_auth(&token)
        .send()
        .await
        .expect("send");
    assert_eq!(only_token.status().as_u16(), 401, "x-api-key is required");
    let both = Client::new()
        .get(&access)
        .bearer_auth(&token)
        .header("x-api-key", weightron::API_KEY)
        .send()
        .await
        .expect("send");
    let (status, value) = body(both).await;
    assert_eq!(status, 200);
    assert_eq!(value["data"][0]["_id"], "66840a91a752c27bf3c886f2");
    assert!(server.violations().is_empty(), "{:?}", server.violations());
}

#[tokio::test]
async fn weightron_flags_the_api_key_on_the_token_request() {
    let server = weightron::start().await.expect("start");
    let response = Client::new()
        .post(format!("{}/oidc/token", server.url()))
        .header("x-api-key", weightron::API_KEY)
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", weightron::CLIENT_ID),
            ("client_secret", weightron::CLIENT_SECRET),
            ("scope", "openid"),
        ])
        .send()
        .await
        .expect("send");
    let (status, value) = body(response).await;
    assert_eq!(
        (status, value["error"].clone()),
        (400, json!("invalid_request"))
    );
    assert_eq!(server.violations().len(), 1);
}

#[tokio::test]
async fn skauth_answers_object_or_string_data_and_every_documented_error() {
    let creds = [
        ("client_id", skauth::CLIENT_ID),
        ("client_secret", skauth::CLIENT_SECRET),
    ];
    let server = skauth::start().await.expect("start");
    let url = format!("{}/v1/auth/token", server.url());
    let (status, value) = form_post(url.clone(), &creds).await;
    assert_eq!(status, 200, "{value}");
    let token = value["data"]["access_token"].as_str().expect("token");
    assert!(token.starts_with("sk-") && token.len() == 35, "{token}");

    let cases = [
        (
            skauth::Failure::InvalidRequest,
            400,
            json!({"error": {"code": "400013", "code_reason": "invalid_request", "message": "Missing or invalid parameters"}}),
        ),
        (
            skauth::Failure::InvalidClient,
            401,
            json!({"error": {"code": "401021", "code_reason": "invalid_client", "message": "Invalid client_id, client_secret, or session_key"}}),
        ),
        (
            skauth::Failure::InvalidClientFlat,
            401,
            json!({"code": "401021", "code_reason": "invalid_client", "message": "Invalid client_id, client_secret, or session_key"}),
        ),
        (
            skauth::Failure::Forbidden,
            403,
            json!({"error": "Access forbidden for this resource."}),
        ),
        (
            skauth::Failure::NotFound,
            404,
            json!({"error": "Resource or endpoint not found."}),
        ),
        (
            skauth::Failure::ApiError,
            500,
            json!({"error": {"code": "500999", "code_reason": "API_ERROR", "message": "Api Error, please contact customer service"}}),
        ),
    ];
    for (failure, status, expected) in cases {
        server.fail_next(failure);
        assert_eq!(
            form_post(url.clone(), &creds).await,
            (status, expected),
            "{failure:?}"
        );
    }
    let (status, value) = form_post(url.clone(), &[("client_id", skauth::CLIENT_ID)]).await;
    assert_eq!(
        (status, value["error"]["code"].clone()),
        (400, json!("400013"))
    );
    assert_eq!(server.violations().len(), 1);

    let string_server = skauth::start_with_string_data().await.expect("start");
    let url = format!("{}/v1/auth/token", string_server.url());
    let (status, value) = form_post(url, &creds).await;
    assert_eq!(status, 200);
    let data: Value = serde_json::from_str(value["data"].as_str().expect("string")).expect("json");
    assert_eq!(data["token_type"], "Bearer");
}

#[tokio::test]
async fn weavy_needs_grant_type_and_form_credentials() {
    let server = weavy::start().await.expect("start");
    let url = format!("{}/api/auth", server.url());
    let good = [
        ("grant_type", "client_credentials"),
        ("client_id", weavy::CLIENT_ID),
        ("client_secret", weavy::CLIENT_SECRET),
    ];
    let (status, value) = form_post(url.clone(), &good).await;
    assert_eq!(status, 200, "{value}");
    assert_eq!(value["expires_in"], 3600);

    let (status, value) = form_post(url.clone(), &good[1..]).await;
    assert_eq!(
        (status, value["error"].clone()),
        (400, json!("invalid_request"))
    );
    let message = value["error_description"].as_str().unwrap_or_default();
    assert!(message.contains("grant_type"), "{message}");

    let wrong = [good[0], good[1], ("client_secret", "nope")];
    let (status, value) = form_post(url.clone(), &wrong).await;
    assert_eq!(
        (status, value["error"].clone()),
        (401, json!("invalid_client"))
    );

    let response = Client::new()
        .post(&url)
        .header(
            "Authorization",
            basic(weavy::CLIENT_ID, weavy::CLIENT_SECRET),
        )
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .expect("send");
    assert_eq!(
        response.status().as_u16(),
        400,
        "Basic is not documented for Weavy"
    );
    assert_eq!(server.violations().len(), 2);
}
