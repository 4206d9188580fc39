//! Printing a fetched token, and the engine's errors, for a person at a terminal.

use std::io::{self, Write};
use std::time::Duration;

use tokenspec_core::__private::{EngineError, FieldValue, Plan, RawToken};
use tokenspec_core::ExposeSecret;

use super::cause::{self, Scrub};

const REDACTED: &str = "[REDACTED] (--reveal shows it)";

/// Prints the token's type, lifetime, refresh token, scope and declared fields; the access
/// token (and any secret) only with `reveal`.
pub(crate) fn token(
    plan: &Plan,
    token: &RawToken,
    reveal: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let absent = || "-".to_owned();
    writeln!(out, "provider:      {}", plan.name)?;
    let access = if reveal {
        token.access_token.expose_secret().to_owned()
    } else {
        REDACTED.to_owned()
    };
    writeln!(out, "access token:  {access}")?;
    writeln!(
        out,
        "token type:    {}",
        token.token_type.clone().unwrap_or_else(absent)
    )?;
    let lifetime = token.expires_in.map_or_else(
        || "unknown (the response states none and the spec assumes none)".to_owned(),
        lifetime,
    );
    writeln!(out, "lifetime:      {lifetime}")?;
    let refresh = match &token.refresh_token {
        None => "none".to_owned(),
        Some(t) if reveal => t.expose_secret().to_owned(),
        Some(_) => format!("present, {REDACTED}"),
    };
    writeln!(out, "refresh token: {refresh}")?;
    writeln!(
        out,
        "scope:         {}",
        token.scope.clone().unwrap_or_else(absent)
    )?;
    let fields: Vec<_> = plan.response.fields.iter().zip(&token.fields).collect();
    if !fields.is_empty() {
        writeln!(out, "fields:")?;
        for (field, value) in fields {
            writeln!(out, "  {}: {}", field.name, field_value(value, reveal))?;
        }
    }
    Ok(())
}

/// `3600 s (1 h)`.
fn lifetime(d: Duration) -> String {
    let secs = d.as_secs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let human: Vec<String> = [(h, "h"), (m, "min"), (s, "s")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}"))
        .collect();
    if secs < 60 {
        format!("{secs} s")
    } else {
        format!("{secs} s ({})", human.join(" "))
    }
}

fn field_value(value: &FieldValue, reveal: bool) -> String {
    match value {
        FieldValue::Missing => "-".to_owned(),
        FieldValue::String(s) => s.clone(),
        FieldValue::Secret(s) if reveal => s.expose_secret().to_owned(),
        FieldValue::Secret(_) => REDACTED.to_owned(),
        FieldValue::Integer(i) => i.to_string(),
        FieldValue::Number(n) => n.to_string(),
        FieldValue::Bool(b) => b.to_string(),
        FieldValue::Json(v) => v.to_string(),
    }
}

/// Prints an engine error: for an error response of the provider, the variant the spec names
/// for it and every part of the envelope, one per line; for the others, their message and
/// every cause behind it (`error sending request: ...: Connection refused`), scrubbed.
pub(crate) fn error(
    plan: &Plan,
    error: &EngineError,
    scrub: &Scrub,
    err: &mut dyn Write,
) -> io::Result<()> {
    let EngineError::Provider { variant, error } = error else {
        let what = match error {
            EngineError::Config(_) => "the client is misconfigured",
            EngineError::Transport(_) => "the token endpoint could not be reached",
            EngineError::Decode(_) => "the token response is not what the spec describes",
            EngineError::Unexpected(_) => "the token endpoint answered unexpectedly",
            EngineError::RateLimited(_) => "the spec's rate limit is reached",
            EngineError::Provider { .. } => "the provider refused",
        };
        writeln!(err, "error: {what}: {}", cause::chain(error, scrub))?;
        return Ok(());
    };
    let named = variant.and_then(|i| plan.errors.variants.get(i));
    let name = named.map_or("Provider (no variant of the spec matches)", |v| &*v.name);
    writeln!(err, "error: {} refused to issue a token", plan.name)?;
    writeln!(err, "  variant:     {name}")?;
    if let Some(docs) = named.and_then(|v| v.docs.as_deref()) {
        writeln!(err, "  meaning:     {docs}")?;
    }
    writeln!(err, "  HTTP status: {}", error.status)?;
    let lines = [
        ("code:       ", &error.code),
        ("message:    ", &error.message),
        ("details:    ", &error.details),
    ];
    for (label, value) in lines {
        if let Some(value) = value {
            writeln!(err, "  {label} {value}")?;
        }
    }
    if let Some(wait) = error.retry_after {
        writeln!(err, "  retry after: {} s", wait.as_secs())?;
    }
    if named.is_some_and(|v| v.retry) {
        writeln!(err, "  the spec marks this error worth a retry")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes_read_as_hours_minutes_seconds() {
        assert_eq!(lifetime(Duration::from_secs(45)), "45 s");
        assert_eq!(lifetime(Duration::from_secs(300)), "300 s (5 min)");
        assert_eq!(
            lifetime(Duration::from_secs(3661)),
            "3661 s (1 h 1 min 1 s)"
        );
    }
}
