//! The attribute macro's expansion: arguments, the spec file, diagnostics or code.
//!
//! Every failure becomes a `compile_error!` next to the user's item, unchanged, so the rest of
//! the crate still type-checks against it (thiserror's and tokio's habit), instead of a
//! cascade of follow-on errors.

use std::path::Path;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use tokenspec_spec::Diagnostics;

use crate::{Options, attr, generate};

/// Expands `#[token_client(spec = "...", crate = path)]` on `item`.
///
/// `manifest_dir` is the user crate's directory (the macro passes `CARGO_MANIFEST_DIR` read at
/// expansion time); the spec path is resolved against it, `..` allowed, absolute paths
/// refused. Spec errors become one `compile_error!` per diagnostic, spanned on the
/// `spec = "..."` literal, each rendered rustc-style with the YAML file, line, column, the
/// source line, a caret and a hint. Never panics.
pub fn expand_attribute(attr: TokenStream, item: TokenStream, manifest_dir: &Path) -> TokenStream {
    let args = match attr::parse(attr) {
        Ok(args) => args,
        Err(e) => return with_errors(item, e.to_compile_error()),
    };
    let strukt: syn::ItemStruct = match syn::parse2(item.clone()) {
        Ok(s) => s,
        Err(_) => {
            let e = syn::Error::new(
                Span::call_site(),
                "#[token_client] goes on a unit struct: `pub struct Weir;`",
            );
            return with_errors(item, e.to_compile_error());
        }
    };
    if !matches!(strukt.fields, syn::Fields::Unit) || !strukt.generics.params.is_empty() {
        let e = syn::Error::new_spanned(
            &strukt.ident,
            "#[token_client] goes on a unit struct without generics (`pub struct Weir;`): \
             the macro adds the fields",
        );
        return with_errors(item, e.to_compile_error());
    }
    let label = args.spec.value();
    let span = args.spec.span();
    let error = |message: String| syn::Error::new(span, message).to_compile_error();

    let source = match read_spec(manifest_dir, &label) {
        Ok(source) => source,
        Err(message) => return with_errors(item, error(message)),
    };
    let spec = match tokenspec_spec::load(&source, &label) {
        Ok(spec) => spec,
        Err(diagnostics) => {
            let errors = rendered(&diagnostics, &source, &label)
                .into_iter()
                .map(error);
            return with_errors(item, quote!(#(#errors)*));
        }
    };
    let mut opts = Options::new(strukt.ident, label);
    opts.vis = strukt.vis;
    opts.attrs = strukt.attrs;
    if let Some(path) = args.crate_path {
        opts.crate_path = path;
    }
    generate(&spec, &opts)
}

/// Each diagnostic rendered on its own, so each becomes its own `compile_error!`.
pub(crate) fn rendered(diagnostics: &Diagnostics, source: &str, label: &str) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let one = Diagnostics(vec![d.clone()]).render(source, label);
            // rustc prints its own `error: ` before the message.
            let one = one.strip_prefix("error: ").unwrap_or(&one);
            one.trim_end().to_string()
        })
        .collect()
}

/// Reads the spec at `label`, relative to `manifest_dir`, refusing a file over the size cap
/// (`tokenspec_spec::read_spec_file`). The message of an error names the
/// path as the user wrote it, never the absolute path (which differs between machines).
pub(crate) fn read_spec(manifest_dir: &Path, label: &str) -> Result<String, String> {
    let relative = Path::new(label);
    if label.is_empty() {
        return Err("the spec path is empty".to_string());
    }
    if relative.is_absolute() || relative.has_root() {
        return Err(format!(
            "the spec path `{label}` is absolute: write it relative to the crate's Cargo.toml \
             (`specs/weir.yaml`; `..` is allowed), so the crate builds on other machines"
        ));
    }
    tokenspec_spec::read_spec_file(&manifest_dir.join(relative)).map_err(|e| {
        format!("cannot read the spec `{label}` (relative to the crate's Cargo.toml): {e}")
    })
}

fn with_errors(item: TokenStream, errors: TokenStream) -> TokenStream {
    quote!(#item #errors)
}
