//! The build.rs entry point: generate a client into `OUT_DIR` for `include!`.
//!
//! ```no_run
//! // In build.rs, inside `fn main`:
//! tokenspec_codegen::build::generate("specs/weir.yaml", "Weir").write_to_out_dir("weir.rs");
//! // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/weir.rs"));
//! ```
//!
//! The file is the same code the `#[token_client]` macro expands to, formatted.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::expand::{read_spec, rendered};
use crate::{Options, generate_file};

/// Starts a build-time generation of the client `name` from the spec at `spec_path`
/// (relative to the crate's `Cargo.toml`, as for the macro).
pub fn generate(spec_path: impl Into<String>, name: impl Into<String>) -> Generate {
    Generate {
        spec_path: spec_path.into(),
        name: name.into(),
        crate_path: None,
        manifest_dir: None,
        out_dir: None,
    }
}

/// A pending build-time generation; see [`generate`].
#[derive(Debug, Clone)]
pub struct Generate {
    spec_path: String,
    name: String,
    crate_path: Option<String>,
    manifest_dir: Option<PathBuf>,
    out_dir: Option<PathBuf>,
}

/// Why a build-time generation failed: the spec's diagnostics, rendered rustc-style, or an
/// I/O problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    message: String,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BuildError {}

impl BuildError {
    fn new(message: impl Into<String>) -> BuildError {
        BuildError {
            message: message.into(),
        }
    }
}

impl Generate {
    /// Path of the runtime crate in the generated code (`tokenspec_core` renamed in
    /// `Cargo.toml`, or re-exported by a crate of yours). Default `::tokenspec_core`.
    pub fn crate_path(mut self, path: impl Into<String>) -> Self {
        self.crate_path = Some(path.into());
        self
    }

    /// Directory the spec path is relative to. Default: `CARGO_MANIFEST_DIR`.
    pub fn manifest_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.manifest_dir = Some(dir.into());
        self
    }

    /// Directory the file is written to. Default: `OUT_DIR`.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    fn manifest(&self) -> Result<PathBuf, BuildError> {
        match &self.manifest_dir {
            Some(dir) => Ok(dir.clone()),
            None => std::env::var_os("CARGO_MANIFEST_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| BuildError::new("CARGO_MANIFEST_DIR is not set: run from build.rs")),
        }
    }

    /// The generated file's text, without writing it.
    ///
    /// # Errors
    /// The spec cannot be read, has errors (all of them, rendered), or a setting is invalid.
    pub fn to_code(&self) -> Result<String, BuildError> {
        let manifest = self.manifest()?;
        let source = read_spec(&manifest, &self.spec_path).map_err(BuildError::new)?;
        let spec = tokenspec_spec::load(&source, &self.spec_path).map_err(|d| {
            let all: Vec<String> = rendered(&d, &source, &self.spec_path)
                .into_iter()
                .map(|r| format!("error: {r}"))
                .collect();
            BuildError::new(all.join("\n\n"))
        })?;
        let mut opts = Options::named(&self.name, self.spec_path.as_str()).ok_or_else(|| {
            BuildError::new(format!("`{}` is not a valid struct name", self.name))
        })?;
        if let Some(path) = &self.crate_path {
            opts.crate_path = syn::parse_str(path)
                .map_err(|e| BuildError::new(format!("invalid crate path `{path}`: {e}")))?;
        }
        Ok(generate_file(&spec, &opts))
    }

    /// Writes the file to the output directory and returns its path; prints
    /// `cargo::rerun-if-changed` for the spec first, so an edit to it (or fixing an error)
    /// reruns the build script.
    ///
    /// # Errors
    /// As [`to_code`](Self::to_code), or the file cannot be written.
    pub fn try_write_to_out_dir(&self, file_name: &str) -> Result<PathBuf, BuildError> {
        if let Ok(manifest) = self.manifest() {
            println!(
                "cargo::rerun-if-changed={}",
                manifest.join(&self.spec_path).display()
            );
        }
        let code = self.to_code()?;
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| BuildError::new("OUT_DIR is not set: run from build.rs"))?,
        };
        let path = out_dir.join(file_name);
        write_if_changed(&path, &code)?;
        Ok(path)
    }

    /// [`try_write_to_out_dir`](Self::try_write_to_out_dir) for build scripts: on an error,
    /// prints it (cargo shows a failed build script's output) and exits with status 1.
    pub fn write_to_out_dir(&self, file_name: &str) -> PathBuf {
        match self.try_write_to_out_dir(file_name) {
            Ok(path) => path,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1)
            }
        }
    }
}

/// Leaves an unchanged file alone, so its modification time does not trigger a rebuild.
fn write_if_changed(path: &Path, code: &str) -> Result<(), BuildError> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == code) {
        return Ok(());
    }
    std::fs::write(path, code)
        .map_err(|e| BuildError::new(format!("cannot write {}: {e}", path.display())))
}
