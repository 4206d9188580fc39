//! The redirect rule for API requests that carry the token: follow a redirect only while it
//! stays on the origin (scheme, host and port) of the request the token was put on.
//!
//! reqwest's default policy follows up to ten redirects anywhere and strips only
//! `Authorization`, cookies and proxy credentials when the host changes: a token under a
//! spec's own header (`X-Auth-Token`) or a companion credential (`x-api-key`) would travel
//! on to whatever host the API redirects to. reqwest has no per-request redirect setting,
//! so the rule lives in the client: [`send_authorized`](crate::Client::send_authorized)
//! uses a client of tokenspec's with this policy, and users of `authorize` give their own
//! client this policy or `Policy::none()`.

use reqwest::redirect::{Attempt, Policy};
use url::Url;

/// As many redirects as reqwest's default policy follows.
const MAX_REDIRECTS: usize = 10;

/// A redirect policy that never carries a request to another origin: a redirect to the same
/// scheme, host and port as the original request is followed (up to 10); one anywhere else
/// (another host or port, or https to http) is not, and its 3xx response is returned as it
/// is. Give it to the `reqwest::Client` you pass to `authorize`.
///
/// # Example
/// ```
/// let http = tokenspec_core::reqwest::Client::builder()
///     .redirect(tokenspec_core::redirect_policy())
///     .build()
///     .expect("a client");
/// # let _ = http;
/// ```
pub fn redirect_policy() -> Policy {
    Policy::custom(decide)
}

fn decide(attempt: Attempt<'_>) -> reqwest::redirect::Action {
    if attempt.previous().len() > MAX_REDIRECTS {
        return attempt.error("too many redirects");
    }
    // `previous` starts with the URL of the original request.
    let stays = attempt
        .previous()
        .first()
        .is_some_and(|first| same_origin(first, attempt.url()));
    if stays {
        attempt.follow()
    } else {
        tracing::debug!("not following a redirect to another origin");
        attempt.stop()
    }
}

/// Same scheme, host (case-insensitively) and port (explicit or the scheme's default).
pub(crate) fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str().map(str::to_ascii_lowercase) == b.host_str().map(str::to_ascii_lowercase)
        && a.port_or_known_default() == b.port_or_known_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        let u = |s: &str| Url::parse(s).unwrap();
        assert!(same_origin(
            &u("https://API.x.com/a"),
            &u("https://api.x.com:443/b?c")
        ));
        assert!(!same_origin(
            &u("https://api.x.com/a"),
            &u("http://api.x.com/a")
        ));
        assert!(!same_origin(
            &u("https://api.x.com/a"),
            &u("https://api.x.com:8443/a")
        ));
        assert!(!same_origin(
            &u("https://api.x.com/a"),
            &u("https://evil.test/a")
        ));
    }
}
