//! A `--set` whose name is not a setter of the spec (`tokenspec token`, `tokenspec mock`).
//!
//! The name typed is never shown: it is whatever stood before the first `=`, which for a
//! pasted base64 secret (`c2Vj...==`, `=` padding) is most of the secret. The message lists
//! the spec's setters instead, and suggests one only when the typed name is within a typo of
//! it, so what is shown is always a real setter's name.
//!
//! The suggestion follows the spec loader's rule for unknown keys (tokenspec-spec's
//! `names::did_you_mean`, private to that crate): within a third of the word's length in
//! edits, one to three, a swap of neighbours counting as one.

use std::fmt;

/// A `--set` name that is no setter: the spec's setters and, for a likely typo, the one meant.
#[derive(Debug)]
pub(crate) struct UnknownSetter {
    suggestion: Option<String>,
    setters: Vec<String>,
}

impl UnknownSetter {
    /// `name` is only compared with `setters`, never kept.
    pub(crate) fn new(name: &str, setters: Vec<String>) -> UnknownSetter {
        UnknownSetter {
            suggestion: did_you_mean(name, &setters).map(str::to_owned),
            setters,
        }
    }
}

impl fmt::Display for UnknownSetter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list: Vec<String> = self.setters.iter().map(|s| format!("`{s}`")).collect();
        write!(
            f,
            "a `--set` argument's name is not a setter of this spec; its setters are {}",
            list.join(", ")
        )?;
        if let Some(setter) = &self.suggestion {
            write!(f, "\n  = help: did you mean `{setter}`?")?;
        }
        Ok(())
    }
}

/// The setter nearest to `word`, if `word` is close enough to it to be a typo of it.
fn did_you_mean<'a>(word: &str, setters: &'a [String]) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    setters
        .iter()
        .map(|s| (distance(word, s), s.as_str()))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, s)| s)
}

/// Edit distance by character: insertions, deletions, substitutions and swaps of two
/// neighbours (`secret_kye` is one typo of `secret_key`, not two).
fn distance(a: &str, b: &str) -> usize {
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
    fn the_message_shows_setters_and_a_typo_fix_never_the_name() {
        let setters = vec!["client_id".to_owned(), "secret_key".to_owned()];
        let pasted = UnknownSetter::new("c2VjcmV0LXZhbHVl", setters.clone()).to_string();
        assert!(!pasted.contains("c2Vj"), "{pasted}");
        assert!(
            pasted.ends_with("are `client_id`, `secret_key`"),
            "{pasted}"
        );
        let typo = UnknownSetter::new("secret_kye", setters).to_string();
        assert!(
            typo.ends_with("\n  = help: did you mean `secret_key`?"),
            "{typo}"
        );
        assert!(!typo.contains("kye"), "{typo}");
    }

    #[test]
    fn typos_get_the_setter_and_anything_else_nothing() {
        let setters = ["client_id".to_owned(), "secret_key".to_owned()];
        assert_eq!(did_you_mean("secret_kye", &setters), Some("secret_key"));
        assert_eq!(did_you_mean("clientid", &setters), Some("client_id"));
        assert_eq!(did_you_mean("c2VjcmV0LXZhbHVl", &setters), None);
        assert_eq!(did_you_mean("client_secret", &setters), None);
        assert_eq!(did_you_mean("", &setters), None);
    }
}
