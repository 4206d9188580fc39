//! Generates typed token clients from tokenspec specs.
//!
//! This is the one generator behind the three entry points: the `#[token_client]` attribute
//! macro (which calls [`expand_attribute`]), build scripts ([`build::generate`]) and the
//! `tokenspec expand` command. All three fill the same [`Options`] and call [`generate`], so a
//! spec gives the same code on every route.
//!
//! Generated code names only `::core`, `::std` and the runtime crate's path
//! ([`Options::crate_path`], `::tokenspec_core` by default), reaching the engine through its
//! hidden `__private` module. Its order is deterministic, it has no inner attributes (so it can
//! be `include!`d), and every public item is documented and implements `Debug`.

mod attr;
pub mod build;
mod builder;
mod client;
mod error;
mod expand;
mod names;
mod plan;
mod setters;
mod token;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::HashSet;
use tokenspec_spec::Spec;

use tokenspec_spec::plan::{Plan, Slot, SlotKind};

pub use expand::expand_attribute;

/// Settings of one generated client, filled by every entry point.
#[derive(Debug, Clone)]
pub struct Options {
    /// Path of the runtime crate in generated code (`::tokenspec_core`; `crate = path`).
    pub crate_path: syn::Path,
    /// The spec's path as the user wrote it, relative to the crate's `Cargo.toml`: shown in
    /// messages and used by the `include_bytes!` line that tracks the file.
    pub spec_path_label: String,
    /// Name of the client struct (`Weir`); the other items are named after it.
    pub name: Ident,
    /// Visibility of the client struct, its builder, token, error and hidden module.
    pub vis: syn::Visibility,
    /// Attributes of the client struct (the user's docs, derives, ...). When none of them is a
    /// doc comment, the spec's `docs` become the struct's documentation.
    pub attrs: Vec<syn::Attribute>,
    /// Whether to emit `const _: &[u8] = include_bytes!(...)` so the crate is recompiled when
    /// the spec changes. Off for code that is checked in without its spec (the built-in
    /// providers of tokenspec-core, which must not read files outside their crate).
    pub track_spec: bool,
}

impl Options {
    /// Defaults for a public client named `name` generated from the spec at `spec_path_label`:
    /// crate path `::tokenspec_core`, no attributes, the spec tracked.
    pub fn new(name: Ident, spec_path_label: impl Into<String>) -> Options {
        Options {
            crate_path: syn::parse_quote!(::tokenspec_core),
            spec_path_label: spec_path_label.into(),
            name,
            vis: syn::parse_quote!(pub),
            attrs: Vec::new(),
            track_spec: true,
        }
    }

    /// Like [`Options::new`], taking the name as a string; `None` when it is not an identifier.
    pub fn named(name: &str, spec_path_label: impl Into<String>) -> Option<Options> {
        let name = syn::parse_str::<Ident>(name).ok()?;
        Some(Options::new(name, spec_path_label))
    }
}

/// What every emitter needs: the spec, the options and the names derived from them.
pub(crate) struct Ctx<'a> {
    pub spec: &'a Spec,
    pub plan: &'a Plan,
    pub opts: &'a Options,
    /// `#crate_path`
    pub krate: TokenStream,
    /// `#crate_path::__private`
    pub private: TokenStream,
    pub name: Ident,
    pub builder: Ident,
    pub token: Ident,
    pub error: Ident,
    pub module: Ident,
    pub names: names::Names,
    /// Every slot's generated names, worked out once.
    slots: Vec<SlotGen>,
}

/// A value the user supplies, as the builder sees it.
pub(crate) struct SlotGen {
    /// Index in `Plan::slots`.
    pub index: usize,
    /// Setter name.
    pub setter: Ident,
    /// Type parameter of the builder (required slots only).
    pub generic: Option<Ident>,
    /// Trait the builder's `build()` requires of that parameter (required slots only).
    pub trait_name: Option<Ident>,
}

impl<'a> Ctx<'a> {
    fn new(spec: &'a Spec, opts: &'a Options) -> Ctx<'a> {
        let crate_path = &opts.crate_path;
        let name = opts.name.clone();
        let base = name.to_string();
        let module = format_ident!(
            "__tokenspec_{}",
            names::snake(base.trim_start_matches("r#"))
        );
        let mut cx = Ctx {
            spec,
            plan: &spec.plan,
            opts,
            krate: quote!(#crate_path),
            private: quote!(#crate_path::__private),
            builder: format_ident!("{}Builder", name),
            token: format_ident!("{}Token", name),
            error: format_ident!("{}Error", name),
            module,
            name,
            names: names::Names::default(),
            slots: Vec::new(),
        };
        cx.slots = cx.slot_names();
        cx
    }

    /// The provider's name, for messages (`weir`).
    pub fn provider(&self) -> &str {
        &self.plan.name
    }

    /// Every slot with its setter and, for required ones, its type parameter and trait.
    pub fn slots(&self) -> &[SlotGen] {
        &self.slots
    }

    /// Works out [`slots`](Self::slots), once: the names of one slot depend on all others.
    fn slot_names(&self) -> Vec<SlotGen> {
        // Type parameters must not shadow the generated types they appear next to.
        let taken = [
            self.name.to_string(),
            self.builder.to_string(),
            self.token.to_string(),
            self.error.to_string(),
        ];
        let is_required =
            |slot: &&Slot| matches!(slot.kind, SlotKind::Credential | SlotKind::Variable);
        // Every required setter's own UpperCamelCase form, which a fallback must not take.
        let camels: HashSet<String> = self
            .plan
            .slots
            .iter()
            .filter(is_required)
            .map(|slot| names::camel(&slot.name))
            .collect();
        self.plan
            .slots
            .iter()
            .enumerate()
            .map(|(index, slot)| {
                let setter = self.names.ident(&slot.name, "setter name");
                let (generic, trait_name) = if is_required(&slot) {
                    let camel = names::camel(&slot.name);
                    let mut generic = camel.clone();
                    // `weir` next to client `Weir` becomes `WeirSlot`, unless a setter
                    // `weir_slot` has that name already: then `WeirSlotSlot`, and so on.
                    while taken.contains(&generic) || generic.is_empty() || {
                        generic != camel && camels.contains(&generic)
                    } {
                        generic.push_str("Slot");
                    }
                    (
                        Some(self.names.ident(&generic, "type parameter")),
                        Some(self.names.ident(&format!("{camel}IsSet"), "trait name")),
                    )
                } else {
                    (None, None)
                };
                SlotGen {
                    index,
                    setter,
                    generic,
                    trait_name,
                }
            })
            .collect()
    }

    /// `path:line:column` where the spec declares slot `index`, or the bare path when the
    /// loader gave no location for it.
    pub fn slot_location(&self, index: usize) -> String {
        match self.spec.slots.get(index) {
            Some(info) if info.line > 0 => format!(
                "{}:{}:{}",
                self.opts.spec_path_label, info.line, info.column
            ),
            _ => self.opts.spec_path_label.clone(),
        }
    }
}

/// The generated code of a client, as tokens: what the macro returns.
///
/// Never panics; a name in the spec that cannot become a Rust identifier yields a
/// `compile_error!` in the output.
pub fn generate(spec: &Spec, opts: &Options) -> TokenStream {
    let cx = Ctx::new(spec, opts);
    let client_struct = client::struct_item(&cx);
    let builder_struct = builder::struct_item(&cx);
    let token_struct = token::struct_item(&cx);
    let error_enum = error::enum_item(&cx);
    let module = builder::hidden_module(&cx);
    let tracking = tracking_const(&cx);
    let plan = plan::plan_static(cx.plan, &cx.krate);
    let client_impls = client::impls(&cx);
    let builder_impls = builder::impls(&cx);
    let token_impls = token::impls(&cx);
    let error_impls = error::impls(&cx);
    setters::clashes(&cx);

    let problems = cx.names.into_problems();
    if !problems.is_empty() {
        let errors = problems.iter().map(|p| quote!(::core::compile_error!(#p);));
        return quote!(#(#errors)*);
    }
    quote! {
        #client_struct
        #builder_struct
        #token_struct
        #error_enum
        #module
        // Implementations sit in an anonymous const so their helpers (the plan, the tracking
        // line) add no names to the user's module.
        const _: () = {
            #tracking
            #plan
            #client_impls
            #builder_impls
            #token_impls
            #error_impls
        };
    }
}

/// `include_bytes!` of the spec, so editing the YAML recompiles the crate that uses it. The
/// path is rebuilt from `CARGO_MANIFEST_DIR` at compile time rather than baked in, so the
/// expansion holds no absolute path and also works inside trybuild's project.
fn tracking_const(cx: &Ctx<'_>) -> TokenStream {
    let label = &cx.opts.spec_path_label;
    let relative = std::path::Path::new(label);
    if !cx.opts.track_spec || relative.is_absolute() || relative.has_root() {
        return TokenStream::new();
    }
    quote! {
        // Recompile when the spec changes.
        const _: &[u8] = ::core::include_bytes!(::core::concat!(
            ::core::env!("CARGO_MANIFEST_DIR"), "/", #label
        ));
    }
}

/// The generated code of a client as a formatted file (prettyplease), with a header comment
/// naming its spec: what build scripts write to `OUT_DIR` and `tokenspec expand` prints. It has
/// no inner attributes, so `include!` accepts it.
pub fn generate_file(spec: &Spec, opts: &Options) -> String {
    let mut out = header(&opts.spec_path_label);
    out.push_str(&format_tokens(generate(spec, opts)));
    out
}

/// The header comment [`generate_file`] puts before the code.
pub fn header(spec_path_label: &str) -> String {
    format!("// Generated by tokenspec from `{spec_path_label}`. Do not edit.\n\n")
}

/// Formats generated tokens with prettyplease (the tokens as text if they do not parse as a
/// file, which only a bug in the generator could cause).
pub fn format_tokens(tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(_) => tokens.to_string(),
    }
}

/// A doc attribute holding `text`, line by line.
pub(crate) fn doc_lines(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        let l = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}
