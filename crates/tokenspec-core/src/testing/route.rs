//! The token endpoint's path, read from the plan's URL template.
//!
//! The client reaches the mock through its base URL override (which keeps the spec's path)
//! or through a URL variable set to the mock's base URL (`{api_url}/auth/token`), so in both
//! cases the mock serves the part of the template after the scheme and authority, or after a
//! leading `{variable}`.

use url::form_urlencoded;

/// The path (segments; `{...}` segments match anything) and fixed query of the endpoint.
#[derive(Debug, Clone)]
pub(crate) struct Route {
    path: String,
    fixed_query: Vec<(String, String)>,
}

impl Route {
    /// Reads the route from a plan's token URL template.
    pub(crate) fn from_template(url: &str) -> Route {
        let rest = if url.starts_with('{') {
            url.split_once('}').map_or("", |(_, rest)| rest)
        } else if let Some((_, after_scheme)) = url.split_once("://") {
            after_scheme.find('/').map_or("", |i| &after_scheme[i..])
        } else {
            url
        };
        let rest = rest.split('#').next().unwrap_or_default();
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let path = if path.is_empty() { "/" } else { path };
        Route {
            path: path.to_owned(),
            fixed_query: form_urlencoded::parse(query.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        }
    }

    /// The path as written in the spec.
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// Query pairs written in the token URL.
    pub(crate) fn fixed_query(&self) -> &[(String, String)] {
        &self.fixed_query
    }

    /// Whether a received path is this route's; a segment holding a template matches any
    /// non-empty segment.
    pub(crate) fn matches(&self, received: &str) -> bool {
        let want: Vec<&str> = self.path.split('/').collect();
        let got: Vec<&str> = received.split('/').collect();
        want.len() == got.len()
            && want
                .iter()
                .zip(&got)
                .all(|(w, g)| w == g || (w.contains('{') && !g.is_empty()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_come_from_every_kind_of_template() {
        let r = Route::from_template("https://api.weir.ai/auth/token");
        assert_eq!(r.path(), "/auth/token");
        assert!(r.matches("/auth/token"));
        assert!(!r.matches("/auth/token/"));
        assert!(!r.matches("/auth"));

        assert_eq!(
            Route::from_template("{api_url}/auth/token").path(),
            "/auth/token"
        );
        assert_eq!(
            Route::from_template("https://{host}/api/auth").path(),
            "/api/auth"
        );
        assert_eq!(Route::from_template("https://example.com").path(), "/");

        let r = Route::from_template("https://x.example/t/{tenant}/token?v=2&a=b%20c");
        assert!(r.matches("/t/acme/token"));
        assert!(!r.matches("/t//token"));
        assert_eq!(
            r.fixed_query(),
            [("v".into(), "2".into()), ("a".into(), "b c".into())]
        );
    }
}
