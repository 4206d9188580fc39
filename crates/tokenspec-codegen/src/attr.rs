//! Parsing the macro's arguments: `spec = "specs/weir.yaml"` and an optional `crate = path`.

use syn::parse::Parser;
use syn::{LitStr, Path};

/// The arguments of `#[token_client(...)]`.
#[derive(Debug)]
pub(crate) struct Args {
    /// The `spec = "..."` literal: its value is the path, its span carries every diagnostic.
    pub spec: LitStr,
    /// `crate = path` (or `crate = "path"`), when given.
    pub crate_path: Option<Path>,
}

/// Parses the attribute's arguments, reporting every problem with its own span.
pub(crate) fn parse(attr: proc_macro2::TokenStream) -> syn::Result<Args> {
    let mut spec: Option<LitStr> = None;
    let mut crate_path: Option<Path> = None;
    let mut errors: Option<syn::Error> = None;
    let mut push = |e: syn::Error| match &mut errors {
        Some(all) => all.combine(e),
        None => errors = Some(e),
    };
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("spec") {
            let lit: LitStr = meta.value()?.parse()?;
            if spec.is_some() {
                return Err(meta.error("duplicate `spec` argument"));
            }
            spec = Some(lit);
            Ok(())
        } else if meta.path.is_ident("crate") {
            let value = meta.value()?;
            // Accept both `crate = ts` and serde's quoted form `crate = "ts"`.
            let path = if value.peek(LitStr) {
                let lit: LitStr = value.parse()?;
                lit.parse::<Path>()?
            } else {
                value.call(Path::parse_mod_style)?
            };
            if crate_path.is_some() {
                return Err(meta.error("duplicate `crate` argument"));
            }
            crate_path = Some(path);
            Ok(())
        } else {
            Err(meta.error(
                "unknown argument: expected `spec = \"path/to/spec.yaml\"` or `crate = path`",
            ))
        }
    });
    if let Err(e) = parser.parse2(attr.clone()) {
        push(e);
    }
    if let Some(e) = errors {
        return Err(e);
    }
    match spec {
        Some(spec) => Ok(Args { spec, crate_path }),
        None => Err(syn::Error::new_spanned(
            attr,
            "missing `spec = \"path/to/spec.yaml\"` (relative to the crate's Cargo.toml)",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn spec_and_crate() {
        let args = parse(quote!(spec = "specs/weir.yaml", crate = ::ts)).expect("valid");
        assert_eq!(args.spec.value(), "specs/weir.yaml");
        let path = args.crate_path.expect("crate path");
        assert_eq!(quote!(#path).to_string(), ":: ts");
        let args = parse(quote!(crate = "ts", spec = "a.yaml")).expect("valid");
        assert!(args.crate_path.is_some());
    }

    #[test]
    fn errors() {
        let msg = |t| parse(t).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg(quote!()).contains("missing `spec"));
        assert!(msg(quote!(spec = 3)).contains("expected string literal"));
        assert!(msg(quote!(spec = "a", spec = "b")).contains("duplicate `spec`"));
        assert!(msg(quote!(spec = "a", path = "b")).contains("unknown argument"));
        assert!(msg(quote!(spec = "a", crate = 5)).contains("expected"));
    }
}
