//! `--set name=value|@file|env:VAR`: parsing, reading and matching to the plan's slots.

use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;

use tokenspec_core::__private::{Plan, Slot};

use crate::unknown_setter::UnknownSetter;

/// The largest `@file` value read. Credentials are short: a client secret is tens of bytes, a
/// JWT or a PEM private key a few KiB. The cap leaves ample room for those and refuses
/// `/dev/zero` or a wrong file (a log, an image), which would otherwise be read until memory
/// runs out and then sent as a credential.
const MAX_VALUE_FILE: u64 = 64 * 1024;

/// Where a `--set` value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Written on the command line (and so in the shell's history).
    Plain(String),
    /// `@path`: the file's content, without its final line break.
    File(PathBuf),
    /// `env:VAR`: an environment variable.
    Env(String),
}

/// One `--set`, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Setting {
    pub name: String,
    pub origin: Origin,
}

/// Why a `--set` cannot be used. Never holds a value, only names and paths.
#[derive(Debug)]
pub(crate) enum SetError {
    Malformed,
    Unknown(UnknownSetter),
    Repeated(String),
    File {
        name: String,
        path: PathBuf,
        error: io::Error,
    },
    Env {
        name: String,
        var: String,
    },
}

impl fmt::Display for SetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The argument itself is not shown: it may be a secret pasted without its name.
            SetError::Malformed => f.write_str(
                "a `--set` argument has no `=`: write `--set name=value`, `name=@file` or `name=env:VAR`",
            ),
            SetError::Unknown(unknown) => write!(f, "{unknown}"),
            SetError::Repeated(name) => write!(f, "`{name}` is set twice"),
            SetError::File { name, path, error } => write!(
                f,
                "cannot read the value of `{name}` from `{}`: {error}",
                path.display()
            ),
            SetError::Env { name, var } => write!(
                f,
                "the value of `{name}` comes from `{var}`, which is not set (or not Unicode)"
            ),
        }
    }
}

/// Parses `name=value`, `name=@file` or `name=env:VAR`. Errors show a name only once it is
/// known to be one of the spec's setters.
pub(crate) fn parse(arg: &str) -> Result<Setting, SetError> {
    let Some((name, value)) = arg.split_once('=') else {
        return Err(SetError::Malformed);
    };
    let origin = if let Some(path) = value.strip_prefix('@') {
        Origin::File(PathBuf::from(path))
    } else if let Some(var) = value.strip_prefix("env:") {
        Origin::Env(var.to_owned())
    } else {
        Origin::Plain(value.to_owned())
    };
    Ok(Setting {
        name: name.trim().to_owned(),
        origin,
    })
}

/// The value of each slot: from `--set` where given, otherwise from the slot's environment
/// variable if it is set, otherwise `None` (the builder reports a required one). Warns on
/// `err` for every secret written in plain form.
pub(crate) fn resolve(
    plan: &Plan,
    settings: &[Setting],
    err: &mut dyn Write,
) -> io::Result<Result<Vec<Option<String>>, SetError>> {
    let mut values: Vec<Option<String>> = vec![None; plan.slots.len()];
    let mut given = vec![false; plan.slots.len()];
    for setting in settings {
        let Some(index) = plan.slot_index(&setting.name) else {
            let setters = plan.slots.iter().map(|s| s.name.to_string()).collect();
            return Ok(Err(SetError::Unknown(UnknownSetter::new(
                &setting.name,
                setters,
            ))));
        };
        if std::mem::replace(&mut given[index], true) {
            return Ok(Err(SetError::Repeated(setting.name.clone())));
        }
        let slot = &plan.slots[index];
        if slot.secret && matches!(setting.origin, Origin::Plain(_)) {
            warn_plain_secret(slot, err)?;
        }
        match read(setting) {
            Ok(value) => values[index] = Some(value),
            Err(e) => return Ok(Err(e)),
        }
    }
    for ((slot, value), given) in plan.slots.iter().zip(&mut values).zip(&given) {
        if !given {
            *value = std::env::var(&*slot.env).ok();
        }
    }
    Ok(Ok(values))
}

fn read(setting: &Setting) -> Result<String, SetError> {
    match &setting.origin {
        Origin::Plain(value) => Ok(value.clone()),
        Origin::File(path) => {
            match tokenspec_spec::read_bounded(path, MAX_VALUE_FILE, "the file") {
                // `echo secret > file` adds a line break that is not part of the secret.
                Ok(text) => Ok(text.trim_end_matches(['\n', '\r']).to_owned()),
                Err(error) => Err(SetError::File {
                    name: setting.name.clone(),
                    path: path.clone(),
                    error,
                }),
            }
        }
        Origin::Env(var) => std::env::var(var).map_err(|_| SetError::Env {
            name: setting.name.clone(),
            var: var.clone(),
        }),
    }
}

fn warn_plain_secret(slot: &Slot, err: &mut dyn Write) -> io::Result<()> {
    let name = &slot.name;
    writeln!(
        err,
        "warning: the secret `{name}` is written on the command line, so it stays in your shell history\n  = help: use `--set {name}=@FILE` or `--set {name}=env:VAR` (or set {})",
        slot.env
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_forms() {
        let plain = parse("client_id=abc=def").expect("valid");
        assert_eq!(plain.name, "client_id");
        assert_eq!(plain.origin, Origin::Plain("abc=def".to_owned()));
        let file = parse("secret_key=@/run/secret").expect("valid");
        assert_eq!(file.origin, Origin::File(PathBuf::from("/run/secret")));
        let env = parse("secret_key=env:WEIR_SECRET").expect("valid");
        assert_eq!(env.origin, Origin::Env("WEIR_SECRET".to_owned()));
        let empty = parse("scope=").expect("valid");
        assert_eq!(empty.origin, Origin::Plain(String::new()));
    }

    #[test]
    fn a_missing_equals_sign_is_reported_without_the_argument() {
        let e = parse("s3cr3t").expect_err("no =");
        assert!(e.to_string().contains("has no `=`"), "{e}");
        assert!(!e.to_string().contains("s3cr3t"), "{e}");
    }
}
