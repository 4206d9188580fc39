//! Provider text is untrusted: the code, message and details of an error envelope (and a
//! response's content type) are shown to users, written to logs and carried in errors, and a
//! provider may echo what it was sent (`secret sk-... is wrong`) or send control characters
//! that forge log lines. Every such text passes [`Redactor::clean`] before it leaves the
//! engine: the client's own secrets are replaced, control and bidirectional-override
//! characters become spaces, and the length is capped.
//!
//! Only secrets the client knows can be recognized: its secret slot values (as sent, and
//! form- or percent-encoded), the Basic credentials as encoded on the wire, and the refresh
//! token of the request; secrets shorter than four characters are not looked for. Somebody
//! else's secret in a provider's text is not recognized.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use secrecy::{ExposeSecret, SecretString};
use url::form_urlencoded;

use crate::error::EngineError;

/// The longest provider text kept, in characters; longer text is cut and marked.
pub(crate) const MAX_PROVIDER_TEXT: usize = 512;

/// Secrets shorter than this are not looked for: one or two letters occur in every word,
/// and replacing them would make the text unreadable while protecting nothing (such a
/// secret is guessed in moments anyway).
const MIN_SECRET: usize = 4;

/// What replaces a secret.
const REDACTED: &str = "[REDACTED]";

/// The client's secrets, in every form a provider might echo them.
#[derive(Default)]
pub(crate) struct Redactor {
    // Zeroized on drop, like the values they come from.
    needles: Vec<SecretString>,
}

impl Redactor {
    /// Adds a secret and its encoded forms.
    pub(crate) fn add(&mut self, secret: &str) {
        if secret.chars().count() < MIN_SECRET {
            return;
        }
        let forms = [
            secret.to_owned(),
            form_urlencoded::byte_serialize(secret.as_bytes()).collect(),
            utf8_percent_encode(secret, NON_ALPHANUMERIC).to_string(),
        ];
        for form in forms {
            if !self.needles.iter().any(|n| n.expose_secret() == form) {
                self.needles.push(SecretString::from(form));
            }
        }
        // Longest first, so a secret containing another is replaced whole.
        self.needles
            .sort_by_key(|n| std::cmp::Reverse(n.expose_secret().len()));
    }

    /// Adds the base64 of Basic credentials as sent (`Basic <this>`).
    pub(crate) fn add_basic(&mut self, header_value: &str) {
        if let Some(encoded) = header_value.strip_prefix("Basic ") {
            self.add(encoded);
            if let Ok(pair) = STANDARD.decode(encoded)
                && let Ok(pair) = String::from_utf8(pair)
            {
                self.add(&pair);
            }
        }
    }

    /// Provider text fit to show: control characters made spaces, every known secret (and
    /// `extra`, the refresh token of this request) replaced, and at most
    /// [`MAX_PROVIDER_TEXT`] characters.
    pub(crate) fn clean(&self, text: &str, extra: Option<&SecretString>) -> String {
        let extra = extra.map(|e| {
            let mut r = Redactor::default();
            r.add(e.expose_secret());
            r
        });
        let needles: Vec<&str> = extra
            .iter()
            .flat_map(|r| &r.needles)
            .chain(&self.needles)
            .map(|n| n.expose_secret())
            .collect();
        // Redacted before and after control characters become spaces: a secret that holds
        // one is found as sent, one the provider wrapped in others is found as shown.
        cap(redact(&visible(&redact(text, &needles)), &needles))
    }

    /// Cleans every provider text an error carries.
    pub(crate) fn clean_error(
        &self,
        error: EngineError,
        extra: Option<&SecretString>,
    ) -> EngineError {
        let clean = |t: Option<String>| t.map(|t| self.clean(&t, extra));
        match error {
            EngineError::Provider { variant, mut error } => {
                error.code = clean(error.code.take());
                error.message = clean(error.message.take());
                error.details = clean(error.details.take());
                EngineError::Provider { variant, error }
            }
            EngineError::Unexpected(mut u) => {
                u.content_type = clean(u.content_type.take());
                EngineError::Unexpected(u)
            }
            other => other,
        }
    }
}

/// `text` with control characters (newlines, escapes) and bidirectional overrides made
/// spaces: provider text cannot start a log line of its own or reorder what follows it.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            let bidi = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            if c.is_control() || bidi { ' ' } else { c }
        })
        .collect()
}

fn redact(text: &str, needles: &[&str]) -> String {
    let mut out = text.to_owned();
    for needle in needles {
        if out.contains(needle) {
            out = out.replace(needle, REDACTED);
        }
    }
    out
}

fn cap(text: String) -> String {
    match text.char_indices().nth(MAX_PROVIDER_TEXT) {
        Some((end, _)) => format!("{}… (cut)", &text[..end]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_in_every_form_are_replaced() {
        let mut r = Redactor::default();
        r.add("sk-a b/c");
        r.add_basic(&format!("Basic {}", STANDARD.encode("id:pw")));
        let text = "bad sk-a b/c, sk-a+b%2Fc, sk%2Da%20b%2Fc, Basic aWQ6cHc= for id:pw";
        let clean = r.clean(text, None);
        assert!(!clean.contains("sk-a"), "{clean}");
        assert!(!clean.contains("aWQ6cHc"), "{clean}");
        assert!(!clean.contains("id:pw"), "{clean}");
        let rt = SecretString::from("rt-123");
        assert_eq!(
            r.clean("refresh rt-123 expired", Some(&rt)),
            "refresh [REDACTED] expired"
        );
    }

    #[test]
    fn control_characters_and_length() {
        let r = Redactor::default();
        assert_eq!(r.clean("a\nb\u{1b}[31mc\u{202e}d", None), "a b [31mc d");
        let long = "x".repeat(10_000);
        let clean = r.clean(&long, None);
        assert!(clean.chars().count() < MAX_PROVIDER_TEXT + 10);
        assert!(clean.ends_with("(cut)"));
    }

    #[test]
    fn a_secret_with_a_control_character_is_found_as_sent() {
        let mut r = Redactor::default();
        r.add("s3cr3t\tvalue");
        assert_eq!(r.clean("x s3cr3t\tvalue y", None), "x [REDACTED] y");
    }
}
