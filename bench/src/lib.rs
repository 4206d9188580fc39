//! Shared helpers of the benchmark binaries.

/// The median of `samples` (0 for none).
pub fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples.get(samples.len() / 2).copied().unwrap_or(0.0)
}

/// Cores this process may run on.
pub fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Prints a section title.
pub fn print_header(title: &str) {
    println!("\n== {title}");
}

/// An error of the hand-written baselines.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// Weavy's success response, parsed whole (as tokenspec parses it, for a fair cost).
#[derive(Debug, serde::Deserialize)]
pub struct WeavyToken {
    /// The access token.
    pub access_token: String,
    /// `Bearer`.
    pub token_type: String,
    /// Lifetime in seconds.
    pub expires_in: u64,
}

/// The token request Weavy's document describes, written by hand the way a careful user
/// would: a reused `reqwest::Client`, the form body, the JSON response parsed into a struct.
/// The baseline of both the cold-fetch and the herd benchmarks.
pub async fn weavy_token_by_hand(
    http: &reqwest::Client,
    token_url: &str,
) -> Result<WeavyToken, Error> {
    use tokenspec_tests::servers::weavy;
    let response = http
        .post(token_url)
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", weavy::CLIENT_ID),
            ("client_secret", weavy::CLIENT_SECRET),
        ])
        .send()
        .await?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("token endpoint answered {status}").into());
    }
    Ok(response.json().await?)
}
