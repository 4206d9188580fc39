//! A `--set` whose name is not a setter of the spec (`tokenspec token`, `tokenspec mock`).
//!
//! The name typed is never shown: it is whatever stood before the first `=`, which for a
//! pasted base64 secret (`c2Vj...==`, `=` padding) is most of the secret. The message lists
//! the spec's setters instead, and suggests one only when the typed name is within a typo of
//! it, so what is shown is always a real setter's name.
//!
//! The suggestion follows the spec loader's rule for unknown keys
//! ([`tokenspec_spec::did_you_mean`]): within a third of the word's length in edits, one to
//! three, a swap of neighbours counting as one.

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
            suggestion: {
                let known: Vec<&str> = setters.iter().map(String::as_str).collect();
                tokenspec_spec::did_you_mean(name, &known).map(str::to_owned)
            },
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
}
