//! Token URL templates, the base URL override, and host rules.
//!
//! A template variable is substituted according to where it stands, because the same
//! `{name}` syntax serves three purposes:
//! - at the very start (`{api_url}/auth/token`) it is a whole base URL: inserted verbatim,
//!   without a trailing `/`;
//! - inside the authority (`https://{host}/api/auth`) it is a host, maybe with a port:
//!   inserted verbatim, but it may not hold `/ ? # @ \` or whitespace, which would move the
//!   rest of the URL somewhere else;
//! - anywhere else it is data (a path piece, a query value): percent-encoded.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use url::{Host, Url};

use crate::error::ConfigError;

/// Everything but RFC 3986 unreserved characters.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Substitutes `{name}` placeholders of `template` with `lookup(name)`.
pub(crate) fn substitute<'a>(
    template: &str,
    what: &str,
    lookup: impl Fn(&str) -> Option<&'a str>,
) -> Result<String, ConfigError> {
    let invalid = |reason: String| ConfigError::InvalidUrl {
        what: what.to_owned(),
        reason,
    };
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| invalid("a `{` in the template is never closed".to_owned()))?;
        let name = &after[..close];
        let value = lookup(name)
            .ok_or_else(|| invalid(format!("the template names `{{{name}}}`, which is not set")))?;
        if out.is_empty() {
            out.push_str(value.trim_end_matches('/'));
        } else if in_authority(&out) {
            if value
                .chars()
                .any(|c| matches!(c, '/' | '?' | '#' | '@' | '\\') || c.is_whitespace())
            {
                return Err(ConfigError::InvalidValue {
                    setter: name.to_owned(),
                    place: "a host name".to_owned(),
                });
            }
            out.push_str(value);
        } else {
            out.extend(utf8_percent_encode(value, COMPONENT));
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Whether text appended to `prefix` lands in the URL's authority.
fn in_authority(prefix: &str) -> bool {
    match prefix.find("://") {
        Some(i) => !prefix[i + 3..].contains(['/', '?', '#']),
        None => false,
    }
}

/// Parses a URL and checks it is http(s) with a host, and https unless loopback.
pub(crate) fn parse_checked(text: &str, what: &str, plain: bool) -> Result<Url, ConfigError> {
    // The parser's message names the problem ("empty host", "invalid port number"), never
    // the URL, which may hold a value the user supplied.
    let url = Url::parse(text).map_err(|e| ConfigError::InvalidUrl {
        what: what.to_owned(),
        reason: e.to_string(),
    })?;
    check_scheme(&url, what, plain)?;
    Ok(url)
}

/// https everywhere; plain http only for loopback hosts, or anywhere when `plain` (the
/// user's explicit opt-in).
pub(crate) fn check_scheme(url: &Url, what: &str, plain: bool) -> Result<(), ConfigError> {
    let host = url.host().ok_or_else(|| ConfigError::InvalidUrl {
        what: what.to_owned(),
        reason: "it has no host".to_owned(),
    })?;
    match url.scheme() {
        "https" => Ok(()),
        "http" if plain || is_loopback(&host) => Ok(()),
        "http" => Err(ConfigError::InsecureUrl {
            host: host.to_string(),
        }),
        other => Err(ConfigError::InvalidUrl {
            what: what.to_owned(),
            reason: format!("scheme `{other}` is not http or https"),
        }),
    }
}

/// `localhost`, 127.0.0.0/8 or ::1.
pub(crate) fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => ip.is_loopback(),
    }
}

/// Replaces the scheme, host and port of `url` by those of `base`, and prefixes its path
/// with the base's path: `https://api.weir.ai/auth/token` on base `http://127.0.0.1:8080/x`
/// becomes `http://127.0.0.1:8080/x/auth/token`.
pub(crate) fn rebase(url: &Url, base: &Url) -> Url {
    let mut out = base.clone();
    let path = format!("{}{}", base.path().trim_end_matches('/'), url.path());
    out.set_path(&path);
    out.set_query(url.query());
    out.set_fragment(None);
    out
}

/// A host a token may be sent to: a name (lowercase) and, if given, a port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AllowedHost {
    host: String,
    port: Option<u16>,
}

impl AllowedHost {
    /// Parses `host` or `host:port` (`[::1]:8080` for IPv6).
    pub(crate) fn parse(entry: &str) -> Result<Self, ConfigError> {
        let url =
            Url::parse(&format!("https://{entry}/")).map_err(|e| ConfigError::InvalidUrl {
                what: "allowed host".to_owned(),
                reason: e.to_string(),
            })?;
        let host =
            url.host_str()
                .filter(|h| !h.is_empty())
                .ok_or_else(|| ConfigError::InvalidUrl {
                    what: "allowed host".to_owned(),
                    reason: "it has no host".to_owned(),
                })?;
        // `https://x:443/` parses with no port; an explicit 443 still means "only 443".
        let port = url
            .port()
            .or_else(|| entry.ends_with(":443").then_some(443));
        Ok(AllowedHost {
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    /// The host (and explicit port) of a URL.
    pub(crate) fn of_url(url: &Url) -> Option<Self> {
        Some(AllowedHost {
            host: url.host_str()?.to_ascii_lowercase(),
            port: url.port(),
        })
    }

    /// Whether a request to `url` matches: same host, and the same port if one is given.
    pub(crate) fn matches(&self, url: &Url) -> bool {
        let Some(host) = url.host_str() else {
            return false;
        };
        host.eq_ignore_ascii_case(&self.host)
            && self
                .port
                .is_none_or(|p| url.port_or_known_default() == Some(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(template: &str, value: &str) -> Result<String, ConfigError> {
        substitute(template, "token URL", |_| Some(value))
    }

    #[test]
    fn whole_base_is_verbatim_without_trailing_slash() {
        assert_eq!(
            sub("{api_url}/auth/token", "https://x.example/v1/").unwrap(),
            "https://x.example/v1/auth/token"
        );
    }

    #[test]
    fn host_is_verbatim_but_cannot_move_the_path() {
        assert_eq!(
            sub("https://{host}/api/auth", "w.example:8443").unwrap(),
            "https://w.example:8443/api/auth"
        );
        assert!(sub("https://{host}/api/auth", "evil.example/x?").is_err());
        assert!(sub("https://{host}/api/auth", "user@evil.example").is_err());
    }

    #[test]
    fn path_pieces_are_percent_encoded() {
        assert_eq!(
            sub("https://a.example/t/{tenant}/token", "a b/../c").unwrap(),
            "https://a.example/t/a%20b%2F..%2Fc/token"
        );
    }

    #[test]
    fn unknown_and_unclosed_templates_fail() {
        assert!(substitute("https://{x}/", "u", |_| None).is_err());
        assert!(sub("https://{x/", "v").is_err());
    }

    #[test]
    fn http_only_on_loopback() {
        assert!(parse_checked("http://127.0.0.1:1/x", "u", false).is_ok());
        assert!(parse_checked("http://localhost/x", "u", false).is_ok());
        assert!(parse_checked("http://[::1]:9/x", "u", false).is_ok());
        assert_eq!(
            parse_checked("http://api.weir.ai/x", "u", false),
            Err(ConfigError::InsecureUrl {
                host: "api.weir.ai".into()
            })
        );
        assert!(parse_checked("ftp://a.example/", "u", false).is_err());
    }

    #[test]
    fn rebase_keeps_path_and_query() {
        let url = Url::parse("https://api.weir.ai/auth/token?a=b").unwrap();
        let base = Url::parse("http://127.0.0.1:8080/prefix/").unwrap();
        assert_eq!(
            rebase(&url, &base).as_str(),
            "http://127.0.0.1:8080/prefix/auth/token?a=b"
        );
    }

    #[test]
    fn host_matching() {
        let any_port = AllowedHost::parse("API.example.com").unwrap();
        assert!(any_port.matches(&Url::parse("https://api.example.com:9/x").unwrap()));
        assert!(!any_port.matches(&Url::parse("https://api.example.com.evil/x").unwrap()));
        let with_port = AllowedHost::parse("127.0.0.1:8080").unwrap();
        assert!(with_port.matches(&Url::parse("http://127.0.0.1:8080/x").unwrap()));
        assert!(!with_port.matches(&Url::parse("http://127.0.0.1:8081/x").unwrap()));
    }
}
