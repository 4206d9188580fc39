//! Reading configuration from the environment: `<VAR>`, or `<VAR>_FILE` naming a file that
//! holds the value (the Docker and Kubernetes convention for secrets mounted as files).

use std::io::Read as _;
use std::path::Path;

use crate::error::ConfigError;

/// The largest file a `_FILE` variable or a settings file's `file:` may name: a secret, a
/// PEM bundle; anything larger is not what was meant.
pub(crate) const MAX_FILE: u64 = 1024 * 1024;

/// The value of `var`, else the content of the file `<var>_FILE` names (one trailing newline
/// trimmed), else `None`. Both set is an error: which one was meant is unclear.
pub(crate) fn read(var: &str) -> Result<Option<String>, ConfigError> {
    let file_var = format!("{var}_FILE");
    let direct = get(var)?;
    let path = get(&file_var)?;
    match (direct, path) {
        (Some(_), Some(_)) => Err(ConfigError::EnvConflict {
            var: var.to_owned(),
        }),
        (Some(value), None) => Ok(Some(value)),
        (None, Some(path)) => {
            let text = read_file(Path::new(&path), &file_var)?;
            Ok(Some(trim_newline(text)))
        }
        (None, None) => Ok(None),
    }
}

/// `var` as Unicode, `None` when unset.
fn get(var: &str) -> Result<Option<String>, ConfigError> {
    match std::env::var(var) {
        Ok(v) => Ok(Some(v)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(ConfigError::InvalidEnv {
            var: var.to_owned(),
        }),
    }
}

/// The file at `path` as UTF-8, at most [`MAX_FILE`] bytes. An error names `source` (the
/// variable or settings key that gave the path) and the path, never the content.
pub(crate) fn read_file(path: &Path, source: &str) -> Result<String, ConfigError> {
    let error = |reason: String| ConfigError::File {
        source_name: source.to_owned(),
        path: path.display().to_string(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|e| error(e.kind().to_string()))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| error(e.kind().to_string()))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(error(format!("larger than {MAX_FILE} bytes")));
    }
    String::from_utf8(bytes).map_err(|_| error("not UTF-8".to_owned()))
}

/// Drops one trailing `\n` (or `\r\n`): what `echo` and editors add to a secret's file.
pub(crate) fn trim_newline(mut text: String) -> String {
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_trailing_newline_is_trimmed() {
        assert_eq!(trim_newline("s3cret\n".into()), "s3cret");
        assert_eq!(trim_newline("s3cret\r\n".into()), "s3cret");
        assert_eq!(trim_newline("s3cret\n\n".into()), "s3cret\n");
        assert_eq!(trim_newline("s3cret".into()), "s3cret");
    }
}
