//! An error's whole cause chain, for a person at a terminal, without URL credentials.
//!
//! reqwest's own text is only "error sending request"; what went wrong (connection refused,
//! a name that does not resolve, a TLS handshake that failed) is in the errors behind it, so
//! the CLI prints every cause. tokenspec-core strips the URL from reqwest's error, and the
//! causes below it (hyper, the resolver, the TLS library) name no URL today; a URL's
//! userinfo and query may hold credentials, so the text is scrubbed anyway, in case a cause
//! ever quotes one.

use std::error::Error;

use tokenspec_core::reqwest::Url;

/// `error: cause: cause of the cause: ...`, scrubbed.
pub(crate) fn chain(error: &dyn Error, scrub: &Scrub) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let part = cause.to_string();
        // A wrapper often ends its text with its cause's own ("transport error: error
        // sending request" wraps "error sending request"): say it once.
        if !part.is_empty() && !text.ends_with(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = cause.source();
    }
    scrub.apply(&text)
}

/// What must not be shown: the user name, password and query values of the URLs the request
/// was built from (the base URL, URL variables, the spec's token URL).
#[derive(Debug, Default)]
pub(crate) struct Scrub {
    secrets: Vec<String>,
}

const HIDDEN: &str = "[REDACTED]";

impl Scrub {
    /// Notes the credentials of `text` if it is a URL, and the query values of a URL
    /// template (`https://x/token?key={key}&id=abc`).
    pub(crate) fn url(&mut self, text: &str) {
        if let Ok(url) = Url::parse(text) {
            self.secrets.push(url.username().to_owned());
            self.secrets.extend(url.password().map(str::to_owned));
        }
        if let Some((_, query)) = text.split_once('?') {
            let query = query.split('#').next().unwrap_or_default();
            for pair in query.split('&') {
                self.secrets
                    .push(pair.split_once('=').map_or(pair, |(_, v)| v).to_owned());
            }
        }
        self.secrets.retain(|s| !s.is_empty());
    }

    /// `text` with every URL cut to scheme, host, port and path, and every noted credential
    /// replaced by `[REDACTED]`.
    pub(crate) fn apply(&self, text: &str) -> String {
        let mut text = scrub_urls(text);
        for secret in &self.secrets {
            text = text.replace(secret.as_str(), HIDDEN);
        }
        text
    }
}

/// Cuts every `scheme://...` in `text` to its scheme, host, port and path.
fn scrub_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let scheme_len = rest[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            .count();
        let start = at - scheme_len;
        let end = rest[at..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '<' | '>'))
            .map_or(rest.len(), |i| at + i);
        out.push_str(&rest[..start]);
        match Url::parse(&rest[start..end]) {
            Ok(mut url) => {
                let _ = url.set_username("");
                let _ = url.set_password(None);
                url.set_query(None);
                url.set_fragment(None);
                out.push_str(url.as_str());
            }
            Err(_) => out.push_str(HIDDEN),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_userinfo_and_query_and_noted_credentials_are_hidden() {
        let mut scrub = Scrub::default();
        scrub.url("http://alice:pw1@127.0.0.1:9/x?key=k3y");
        let text = "connect to http://alice:pw1@127.0.0.1:9/x?key=k3y failed (user alice, k3y)";
        assert_eq!(
            scrub.apply(text),
            "connect to http://127.0.0.1:9/x failed (user [REDACTED], [REDACTED])"
        );
        assert_eq!(scrub.apply("no url here"), "no url here");
    }
}
