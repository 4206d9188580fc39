//! Helpers shared by the generator's tests: the bundled specs, and generated code read back
//! with syn.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use heck::ToUpperCamelCase;

use tokenspec_codegen::{Options, generate};
use tokenspec_spec::Spec;

/// The bundled specs, `(file stem, client name)`, read from `specs/` (sorted by stem; the name
/// is the stem in UpperCamelCase, as the built-in providers are named).
pub fn specs() -> &'static [(&'static str, &'static str)] {
    static SPECS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
        let mut stems: Vec<String> = std::fs::read_dir(specs_dir())
            .expect("specs/ exists")
            .filter_map(|e| {
                let path = e.ok()?.path();
                (path.extension()? == "yaml").then_some(())?;
                Some(path.file_stem()?.to_str()?.to_owned())
            })
            .collect();
        stems.sort();
        assert!(!stems.is_empty(), "no spec in specs/");
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        stems
            .into_iter()
            .map(|stem| {
                let name = leak(stem.to_upper_camel_case());
                (leak(stem), name)
            })
            .collect()
    });
    &SPECS
}

pub fn specs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs")
}

/// The text of bundled spec `name`.
pub fn source(name: &str) -> String {
    std::fs::read_to_string(specs_dir().join(format!("{name}.yaml")))
        .expect("bundled spec readable")
}

/// Bundled spec `name`, loaded.
pub fn load(name: &str) -> Spec {
    let label = format!("specs/{name}.yaml");
    tokenspec_spec::load(&source(name), &label).expect("bundled spec valid")
}

/// Generated code, parsed.
pub struct Generated {
    pub file: syn::File,
}

impl Generated {
    /// Generates client `name` from `spec` and parses it, failing the test if it does not parse.
    pub fn of(spec: &Spec, name: &str) -> Generated {
        let opts = Options::named(name, "spec.yaml").expect("client name");
        Generated::parse(generate(spec, &opts))
    }

    pub fn parse(tokens: proc_macro2::TokenStream) -> Generated {
        let file = syn::parse2::<syn::File>(tokens.clone())
            .unwrap_or_else(|e| panic!("generated code does not parse: {e}\n{tokens}"));
        Generated { file }
    }

    /// Every item, including those inside `const _: () = { ... }` blocks.
    pub fn items(&self) -> Vec<&syn::Item> {
        let mut out = Vec::new();
        collect(&self.file.items, &mut out);
        out
    }

    /// Names of the functions in inherent (not trait) `impl` blocks of type `ty`, each
    /// once; panics (fails the test) if one is defined twice, which would not compile.
    pub fn inherent_fns(&self, ty: &str) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        for item in self.items() {
            let syn::Item::Impl(imp) = item else { continue };
            if imp.trait_.is_some() || type_name(&imp.self_ty).as_deref() != Some(ty) {
                continue;
            }
            for member in &imp.items {
                if let syn::ImplItem::Fn(f) = member {
                    let name = f.sig.ident.to_string();
                    let name = name.trim_start_matches("r#").to_owned();
                    assert!(
                        names.insert(name.clone()),
                        "`{ty}::{name}` is defined twice"
                    );
                }
            }
        }
        names
    }
}

impl Generated {
    /// The type parameters of struct `name`, in order.
    pub fn struct_generics(&self, name: &str) -> Vec<String> {
        self.items()
            .into_iter()
            .find_map(|item| match item {
                syn::Item::Struct(s) if s.ident == name => Some(
                    s.generics
                        .type_params()
                        .map(|p| p.ident.to_string())
                        .collect(),
                ),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// Fails the test if the generated code defines any name twice where rustc would refuse
    /// it: an item in a module, a type parameter of one item, a field of one struct, a variant
    /// of one enum, or an inherent function of one type (E0428, E0403, E0124, E0592...).
    pub fn assert_distinct_names(&self) {
        distinct_items(&self.file.items, "the generated file");
        for item in self.items() {
            match item {
                syn::Item::Struct(s) => {
                    distinct(
                        s.generics.type_params().map(|p| p.ident.to_string()),
                        &s.ident,
                    );
                    distinct(
                        s.fields
                            .iter()
                            .filter_map(|f| f.ident.as_ref().map(ToString::to_string)),
                        &s.ident,
                    );
                }
                syn::Item::Enum(e) => {
                    distinct(e.variants.iter().map(|v| v.ident.to_string()), &e.ident);
                }
                syn::Item::Impl(imp) => {
                    distinct(
                        imp.generics.type_params().map(|p| p.ident.to_string()),
                        "an impl",
                    );
                }
                syn::Item::Mod(m) => {
                    if let Some((_, items)) = &m.content {
                        distinct_items(items, &m.ident);
                    }
                }
                _ => {}
            }
        }
        let mut types = BTreeSet::new();
        for item in self.items() {
            if let syn::Item::Impl(imp) = item
                && imp.trait_.is_none()
                && let Some(name) = type_name(&imp.self_ty)
                && types.insert(name.clone())
            {
                // Panics on a function defined twice.
                self.inherent_fns(&name);
            }
        }
    }
}

/// Fails if `items` names one type, trait, module, function or constant twice.
fn distinct_items(items: &[syn::Item], what: impl std::fmt::Display) {
    let names = items.iter().filter_map(|item| match item {
        syn::Item::Struct(s) => Some(s.ident.to_string()),
        syn::Item::Enum(e) => Some(e.ident.to_string()),
        syn::Item::Trait(t) => Some(t.ident.to_string()),
        syn::Item::Mod(m) => Some(m.ident.to_string()),
        syn::Item::Fn(f) => Some(f.sig.ident.to_string()),
        syn::Item::Static(s) => Some(s.ident.to_string()),
        _ => None,
    });
    distinct(names, what);
}

fn distinct(names: impl Iterator<Item = String>, what: impl std::fmt::Display) {
    let mut seen = BTreeSet::new();
    for name in names {
        assert!(
            seen.insert(name.clone()),
            "`{name}` is defined twice in {what}"
        );
    }
}

fn collect<'a>(items: &'a [syn::Item], out: &mut Vec<&'a syn::Item>) {
    for item in items {
        out.push(item);
        if let syn::Item::Const(c) = item
            && let syn::Expr::Block(block) = &*c.expr
        {
            let inner: Vec<&syn::Item> = block
                .block
                .stmts
                .iter()
                .filter_map(|s| match s {
                    syn::Stmt::Item(i) => Some(i),
                    _ => None,
                })
                .collect();
            for i in inner {
                out.push(i);
            }
        }
    }
}

/// `WeirBuilder` for `WeirBuilder<A, B>`.
fn type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}
