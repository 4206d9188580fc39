//! Small helpers shared by the end-to-end tests and the demo.

/// Compile-time check that a client can be shared across tasks: `Clone + Send + Sync`.
pub fn assert_client<T: Clone + Send + Sync + std::fmt::Debug + 'static>() {}

/// Compile-time check that a future (or any value) is `Send`; returns it unchanged.
pub fn assert_send<T: Send>(value: T) -> T {
    value
}

/// A `http://127.0.0.1:PORT` URL where nothing listens (the port was just freed), for
/// connection-refused tests.
pub async fn closed_url() -> std::io::Result<String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    drop(listener);
    Ok(format!("http://{addr}"))
}

/// A token shown without revealing it: its first 4 characters and its length.
pub fn redact(token: &str) -> String {
    let head: String = token.chars().take(4).collect();
    format!("{head}… ({} chars)", token.chars().count())
}

/// An HTTP client for API calls to the local servers that ignores any configured proxy
/// (reqwest would otherwise send loopback requests through `HTTP_PROXY`).
pub fn http() -> tokenspec_core::reqwest::Client {
    tokenspec_core::reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap_or_default()
}
