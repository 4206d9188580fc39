//! `tokenspec token <spec> --set name=value ...`: fetch one token by hand.
//!
//! The spec is loaded at run time and its plan handed to tokenspec-core's engine through the
//! same `Builder`/`Engine` the generated clients use, so this command speaks exactly the wire
//! protocol a generated client would, without generating anything.

mod cause;
mod report;
mod values;

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;

use tokenspec_core::__private::{Builder, SlotKind};

use crate::{Status, load};

/// Arguments of `tokenspec token`.
#[derive(Debug, Clone, clap::Args)]
pub struct TokenArgs {
    /// The spec file.
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,
    /// A value for one of the spec's setters (credential, URL variable or settable
    /// parameter): `name=value`, `name=@FILE` (the file's content, at most 64 KiB) or
    /// `name=env:VAR`. A setter not given here is read from its environment variable
    /// (`WEIR_CLIENT_ID`) if that is set.
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,
    /// Sends the request to this base URL instead of the spec's (staging, a local server).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Prints the access token (and any secret field) instead of redacting it.
    #[arg(long)]
    pub reveal: bool,
}

/// Fetches one token from the endpoint the spec describes and prints it to `out`, redacted
/// unless `args.reveal`. Problems go to `err`: the spec's diagnostics, an unknown or
/// unreadable `--set` ([`Status::Usage`]), a provider's error response with its variant,
/// status, code and message, or any other failure ([`Status::Failure`]). A secret written in
/// plain form on the command line is warned about, since it stays in the shell's history.
pub async fn token(
    args: &TokenArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Status> {
    let spec = match load::load(&args.spec, err)? {
        Ok(spec) => spec,
        Err(status) => return Ok(status),
    };
    let plan = Arc::new(spec.plan);
    let settings = match args
        .set
        .iter()
        .map(|arg| values::parse(arg))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(settings) => settings,
        Err(e) => return usage(err, &e),
    };
    let values = match values::resolve(&plan, &settings, err)? {
        Ok(values) => values,
        Err(e) => return usage(err, &e),
    };
    let missing: Vec<String> = plan
        .slots
        .iter()
        .zip(&values)
        // Credentials and URL variables are required; parameters have defaults.
        .filter(|(slot, value)| {
            value.is_none() && matches!(slot.kind, SlotKind::Credential | SlotKind::Variable)
        })
        .map(|(slot, _)| format!("`--set {}=...` (or {})", slot.name, slot.env))
        .collect();
    if !missing.is_empty() {
        writeln!(err, "error: missing {}", missing.join(", "))?;
        return Ok(Status::Usage);
    }

    // Every URL the token URL is made of, for what an error may not show.
    let mut scrub = cause::Scrub::default();
    scrub.url(&plan.url);
    for (slot, value) in plan.slots.iter().zip(&values) {
        if let (SlotKind::Variable, Some(value)) = (slot.kind, value) {
            scrub.url(value);
        }
    }
    if let Some(url) = &args.base_url {
        scrub.url(url);
    }

    let mut builder = Builder::from_shared(Arc::clone(&plan));
    for (index, value) in values.into_iter().enumerate() {
        if let Some(value) = value {
            builder = builder.set(index, value);
        }
    }
    if let Some(url) = &args.base_url {
        builder = builder.base_url(url.clone());
    }
    let engine = match builder.build() {
        Ok(engine) => engine,
        Err(e) => {
            writeln!(err, "error: the client is misconfigured: {e}")?;
            return Ok(Status::Usage);
        }
    };
    match engine.fetch_token().await {
        Ok(token) => {
            report::token(&plan, &token, args.reveal, out)?;
            Ok(Status::Success)
        }
        Err(e) => {
            report::error(&plan, &e, &scrub, err)?;
            Ok(Status::Failure)
        }
    }
}

fn usage(err: &mut dyn Write, e: &values::SetError) -> io::Result<Status> {
    writeln!(err, "error: {e}")?;
    Ok(Status::Usage)
}
