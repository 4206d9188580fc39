//! Small checks on names and text: identifiers, header tokens, loopback hosts, URL template
//! variables, and "did you mean" by edit distance (Rust's keywords are `crate::keywords`).

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

pub(crate) use crate::keywords::is_keyword;

/// `client_id`: lowercase ASCII letters, digits and single underscores, starting with a letter.
pub(crate) fn is_snake_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.ends_with('_')
        && !name.contains("__")
}

/// The snake_case form to suggest for a name that is not.
pub(crate) fn snake(name: &str) -> String {
    name.to_snake_case()
}

/// The UpperCamelCase form the generator gives a setter's type parameter and marker trait
/// (`client_id` → `ClientId`).
pub(crate) fn camel(name: &str) -> String {
    name.to_upper_camel_case()
}

/// The environment variable `from_env` reads a setter from when the spec names none:
/// `ACME_CLIENT_ID` for setter `client_id` of provider `acme`.
pub(crate) fn default_env(provider: &str, setter: &str) -> String {
    format!(
        "{}_{}",
        provider.to_shouty_snake_case(),
        setter.to_shouty_snake_case()
    )
}

/// Whether `name` can name a Rust enum variant as written (`InvalidClient`).
pub(crate) fn is_upper_camel(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A variant name derived from an error code (`INVALID_CREDENTIALS` → `InvalidCredentials`),
/// or `None` when the code has no letters to start a name (`400013`).
pub(crate) fn variant_from_code(code: &str) -> Option<String> {
    let ok = code.starts_with(|c: char| c.is_ascii_alphabetic())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
    ok.then(|| code.to_upper_camel_case())
        .filter(|name| is_upper_camel(name))
}

/// An RFC 9110 `token`: the characters a header name may hold.
pub(crate) fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
}

/// Whether a URL host is loopback: `localhost`, 127.0.0.0/8 or `::1`.
pub(crate) fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.eq_ignore_ascii_case("localhost") || host == "::1" {
        return true;
    }
    match host.parse::<std::net::Ipv4Addr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => false,
    }
}

/// The `{name}` templates in `text`, with the character offset of each `{`. An unclosed `{`
/// is reported as an `Err` with its offset.
pub(crate) fn template_vars(text: &str) -> Result<Vec<(String, usize)>, usize> {
    let mut out = Vec::new();
    let mut chars = text.chars().enumerate();
    while let Some((i, c)) = chars.next() {
        if c != '{' {
            continue;
        }
        let mut name = String::new();
        let mut closed = false;
        for (_, c) in chars.by_ref() {
            if c == '}' {
                closed = true;
                break;
            }
            name.push(c);
        }
        if !closed {
            return Err(i);
        }
        out.push((name, i));
    }
    Ok(out)
}

/// The nearest of `known` to `word`, if it is close enough to be a likely typo: within a
/// third of the word's length in edits (one to three), a swap of neighbours counting as one.
/// The loader's rule for unknown keys, shared with front ends that suggest names (the CLI's
/// `--set`).
pub fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let len = word.chars().count();
    let limit = (len / 3).clamp(1, 3);
    known
        .iter()
        // The distance is at least the difference in length: skip the far ones unmeasured.
        .filter(|k| k.chars().count().abs_diff(len) <= limit)
        .map(|k| (levenshtein(word, k), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// [`did_you_mean`] over a list the spec wrote (its variables), which may be long: with more
/// than [`crate::limits::MAX_SETTERS`] names the setter cap refuses the spec anyway, and
/// comparing every unknown name with every known one would make checking quadratic.
pub(crate) fn did_you_mean_among_few<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    if known.len() > crate::limits::MAX_SETTERS {
        return None;
    }
    did_you_mean(word, known)
}

/// Edit distance between two strings, by character: insertions, deletions, substitutions and
/// swaps of two neighbours (`hots` → `host` is one typo, not two).
pub(crate) fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rolling rows: two back (for swaps), previous and current.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let mut d = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            let swapped = i > 0 && j > 0 && a.get(i - 1) == Some(cb) && b.get(j - 1) == Some(ca);
            if swapped {
                d = d.min(before[j - 1] + 1);
            }
            cur[j + 1] = d;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.get(b.len()).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance() {
        assert_eq!(levenshtein("urll", "url"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("hots", "host"), 1);
        assert_eq!(did_you_mean("urll", &["url", "method"]), Some("url"));
        assert_eq!(did_you_mean("zzzzzz", &["url", "method"]), None);
    }

    #[test]
    fn names() {
        assert!(is_snake_case("client_id"));
        assert!(!is_snake_case("clientId"));
        assert!(!is_snake_case("_x"));
        assert_eq!(
            variant_from_code("INVALID_CREDENTIALS").as_deref(),
            Some("InvalidCredentials")
        );
        assert_eq!(
            variant_from_code("invalid_client").as_deref(),
            Some("InvalidClient")
        );
        assert_eq!(variant_from_code("400013"), None);
        assert!(is_header_name("Content-Type"));
        assert!(!is_header_name("Content Type"));
        assert!(is_loopback_host("127.0.0.2"));
        assert!(is_loopback_host("[::1]"));
        assert!(!is_loopback_host("example.com"));
        assert_eq!(
            template_vars("https://{host}/x"),
            Ok(vec![("host".to_owned(), 8)])
        );
        assert_eq!(template_vars("https://{host/x"), Err(8));
    }
}
