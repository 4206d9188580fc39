//! Reading a response body with a size cap.

use crate::error::{EngineError, TransportError, UnexpectedResponse};

/// The largest token response read. Token responses are a few hundred bytes; the cap keeps
/// a misbehaving or hostile endpoint from filling memory.
pub(crate) const MAX_BODY: usize = 64 * 1024;

/// The response's `Content-Type`, for error reports.
pub(crate) fn content_type(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.chars().take(100).collect())
}

/// Reads the body chunk by chunk, stopping as soon as it passes [`MAX_BODY`].
pub(crate) async fn read_capped(mut response: reqwest::Response) -> Result<Vec<u8>, EngineError> {
    let status = response.status().as_u16();
    let ct = content_type(response.headers());
    let too_large = || {
        EngineError::Unexpected(UnexpectedResponse {
            status,
            content_type: ct.clone(),
            reason: format!("the response body is larger than {} KiB", MAX_BODY / 1024),
            retry_after: None,
        })
    };
    if response
        .content_length()
        .is_some_and(|n| n > MAX_BODY as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(TransportError::new)? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
