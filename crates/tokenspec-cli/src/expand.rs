//! `tokenspec expand <spec>`: print the code the generator makes of a spec.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use heck::ToUpperCamelCase;
use tokenspec_codegen::{Options, generate_file};

use crate::{Status, load};

/// Arguments of `tokenspec expand`.
#[derive(Debug, Clone, clap::Args)]
pub struct ExpandArgs {
    /// The spec file.
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,
    /// Name of the client struct; default: the file's stem in UpperCamelCase (`weir.yaml` →
    /// `Weir`).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

/// Prints the generated code of the spec to `out`, formatted exactly as build scripts write
/// it (`tokenspec_codegen::generate_file`, labelled with the spec's path as given), or the
/// spec's diagnostics to `err`.
pub fn expand(args: &ExpandArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Status> {
    let name = match &args.name {
        Some(name) => name.clone(),
        None => default_name(&args.spec),
    };
    let label = args.spec.display().to_string();
    let Some(options) = Options::named(&name, label) else {
        writeln!(
            err,
            "error: `{name}` is not a Rust identifier; choose the struct's name with `--name`"
        )?;
        return Ok(Status::Usage);
    };
    let spec = match load::load(&args.spec, err)? {
        Ok(spec) => spec,
        Err(status) => return Ok(status),
    };
    out.write_all(generate_file(&spec, &options).as_bytes())?;
    Ok(Status::Success)
}

/// The file stem in UpperCamelCase: `oidc_basic.yaml` → `OidcBasic`.
pub fn default_name(spec: &Path) -> String {
    spec.file_stem()
        .map(|s| s.to_string_lossy().to_upper_camel_case())
        .unwrap_or_default()
}
