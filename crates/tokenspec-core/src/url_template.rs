//! Token URL templates, API host templates, the base URL override, and the host rule.
//!
//! A template variable is substituted according to where it stands, because the same
//! `{name}` syntax serves three purposes:
//! - at the very start of a URL (`{api_url}/auth/token`) it is a whole base URL: an http(s)
//!   URL with a host and no query or fragment, inserted without a trailing `/`;
//! - inside a URL's authority (`https://{host}/api/auth`), or anywhere in an `apply.hosts`
//!   entry (`{region}.api.example.com`), it is (part of) a host: it must pass the host rule;
//! - anywhere else it is data (a path piece, a query value): percent-encoded.
//!
//! The host rule is the one check between a value and the host credentials or a token are
//! sent to. A value may hold only host characters (letters, digits, `-`, `_`, `.`, and `:`,
//! `[`, `]` for a port or an IPv6 address): `/ ? # @ \`, `%`, whitespace and control
//! characters would move the rest of the URL (`evil.test#` makes `evil.test` the host of
//! `https://evil.test#.api.example.com`). Once substituted, the whole authority must be a
//! host, or `host:port`, without empty labels.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use url::{Host, Url};

use crate::error::ConfigError;

/// Everything but RFC 3986 unreserved characters.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What a template makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Template {
    /// A URL: the token URL.
    Url,
    /// A host or `host:port`: an `apply.hosts` entry.
    Host,
}

/// Substitutes `{name}` placeholders of `template` with `lookup(name)`; a host template's
/// result is checked whole by the host rule.
pub(crate) fn substitute<'a>(
    template: &str,
    what: &str,
    kind: Template,
    lookup: impl Fn(&str) -> Option<&'a str>,
) -> Result<String, ConfigError> {
    let invalid = |reason: String| ConfigError::InvalidUrl {
        what: what.to_owned(),
        reason,
    };
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    let mut in_host = false;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| invalid("a `{` in the template is never closed".to_owned()))?;
        let name = &after[..close];
        let value = lookup(name)
            .ok_or_else(|| invalid(format!("the template names `{{{name}}}`, which is not set")))?;
        let refuse = |place: &str| ConfigError::InvalidValue {
            setter: name.to_owned(),
            place: place.to_owned(),
        };
        if kind == Template::Url && out.is_empty() {
            if !is_base_url(value) {
                return Err(refuse("a base URL (http or https, with a host, no query)"));
            }
            out.push_str(value.trim_end_matches('/'));
        } else if kind == Template::Host || in_authority(&out) {
            if !is_host_piece(value) {
                return Err(refuse("a host name"));
            }
            in_host = true;
            out.push_str(value);
        } else {
            out.extend(utf8_percent_encode(value, COMPONENT));
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    if in_host && kind == Template::Url {
        // The values passed one by one; together they must still make a host.
        if let Some(Err(reason)) = authority_of(&out).map(check_authority) {
            return Err(invalid(format!(
                "once its variables are filled in, its host is not a host or host:port: {reason}"
            )));
        }
    }
    Ok(out)
}

/// The host rule for one value: non-empty, host characters only.
fn is_host_piece(value: &str) -> bool {
    !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '[' | ']'))
}

/// A value standing for a whole base URL: http(s), a host, no query or fragment.
fn is_base_url(value: &str) -> bool {
    Url::parse(value).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https")
            && u.host_str().is_some_and(|h| !h.is_empty())
            && u.query().is_none()
            && u.fragment().is_none()
            && !value.contains(['?', '#'])
    })
}

/// The authority of an absolute URL's text: between `://` and the next `/`, `?` or `#`.
fn authority_of(url: &str) -> Option<&str> {
    let start = url.find("://")? + 3;
    let rest = &url[start..];
    Some(&rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())])
}

/// The host rule for a whole authority: `host` or `host:port`, where a host is a bracketed
/// IPv6 address or dot-separated labels of letters, digits, `-` and `_`, none empty, and a
/// port is a number up to 65535. Returns the host and the port.
fn check_authority(authority: &str) -> Result<(&str, Option<u16>), String> {
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let end = v6.find(']').ok_or("an IPv6 address without its `]`")?;
        let after = &v6[end + 1..];
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':').ok_or("text after the IPv6 address")?),
        };
        v6[..end]
            .parse::<std::net::Ipv6Addr>()
            .map_err(|_| "not an IPv6 address")?;
        (&authority[..end + 2], port)
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if !host.starts_with('[') {
        let label_ok = |l: &str| {
            !l.is_empty()
                && l.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        if !host.split('.').all(label_ok) {
            return Err(
                "a host is labels of letters, digits, `-` and `_` between single dots".into(),
            );
        }
    }
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) => {
            Some(p.parse::<u16>().map_err(|_| "a port above 65535")?)
        }
        Some(_) => return Err("a port is a number".into()),
    };
    Ok((host, port))
}

/// A value fit for `Debug`: a URL loses its user, password, query and fragment (a URL
/// variable or the token URL may carry `user:password@` or `?key=...`); other text holding
/// `@`, `?` or `#` is not shown at all, since it may be such a URL in pieces.
pub(crate) fn shown(value: &str) -> String {
    match Url::parse(value) {
        Ok(mut url) if url.has_host() => {
            let hidden =
                url.password().is_some() || !url.username().is_empty() || url.query().is_some();
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.set_query(None);
            url.set_fragment(None);
            if hidden {
                format!("{url} [credentials or query hidden]")
            } else {
                url.to_string()
            }
        }
        _ if value.contains(['@', '?', '#']) => "[HIDDEN]".to_owned(),
        _ => value.to_owned(),
    }
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
    /// Parses `host` or `host:port` (`[::1]:8080` for IPv6) by the host rule.
    pub(crate) fn parse(entry: &str) -> Result<Self, ConfigError> {
        let invalid = |reason: String| ConfigError::InvalidUrl {
            what: "allowed host".to_owned(),
            reason,
        };
        let (host, port) = check_authority(entry)
            .map_err(|reason| invalid(format!("`{entry}` is not a host or host:port: {reason}")))?;
        // The URL parser normalizes the host as a request's URL will be (`0x7f.1` is
        // `127.0.0.1`, an IPv6 address in its shortest form).
        let url = Url::parse(&format!("https://{host}/")).map_err(|e| invalid(e.to_string()))?;
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| invalid("it has no host".to_owned()))?;
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

    /// `host:port`, or `host` for any port: as the allowed entry reads in an error.
    pub(crate) fn shown(&self) -> String {
        match self.port {
            Some(port) => format!("{}:{port}", self.host),
            None => self.host.clone(),
        }
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
        substitute(template, "token URL", Template::Url, |_| Some(value))
    }

    fn host(template: &str, value: &str) -> Result<AllowedHost, ConfigError> {
        AllowedHost::parse(&substitute(template, "API host", Template::Host, |_| {
            Some(value)
        })?)
    }

    #[test]
    fn one_host_rule_for_token_urls_and_api_hosts() {
        for bad in [
            "evil.test#",
            "evil.test?",
            "evil.test\\",
            "x@evil.test",
            "evil.test/",
            "",
            " evil.test",
            "evil\ttest",
            "%65vil.test",
            "evil..test",
            ".evil",
            "a:b:c",
        ] {
            assert!(
                host("{region}.api.example.com", bad).is_err(),
                "{bad:?} in a host entry"
            );
            assert!(host("{h}", bad).is_err(), "{bad:?} as a whole host");
            assert!(
                sub("https://{host}/api/auth", bad).is_err(),
                "{bad:?} in a token URL"
            );
        }
        assert_eq!(
            host("{region}.api.example.com", "eu-1").unwrap(),
            AllowedHost {
                host: "eu-1.api.example.com".into(),
                port: None
            }
        );
        assert_eq!(
            host("{h}", "[::1]:8080").unwrap(),
            AllowedHost {
                host: "[::1]".into(),
                port: Some(8080)
            }
        );
        assert!(host("{h}", "a.example:99999").is_err());
        assert!(
            host("{h}.example", "a.").is_err(),
            "an empty label after substitution"
        );
        assert!(sub("https://{host}.example/x", "a.").is_err());
        assert!(AllowedHost::parse("api.example.com:").is_err());
        assert!(AllowedHost::parse("evil.test#.api.example.com").is_err());
    }

    #[test]
    fn a_base_url_value_is_a_url_without_query() {
        assert!(sub("{api_url}/auth/token", "https://evil.test#").is_err());
        assert!(sub("{api_url}/auth/token", "https://x.example?a=b").is_err());
        assert!(sub("{api_url}/auth/token", "x.example").is_err());
        assert!(sub("{api_url}/auth/token", "").is_err());
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
        assert!(substitute("https://{x}/", "u", Template::Url, |_| None).is_err());
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
