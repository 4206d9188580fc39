//! The tokenspec spec language.
//!
//! A spec is a short YAML document describing one provider's token endpoint. This crate holds
//! the spec model, loads YAML with locations, checks it (reporting every error at once, each
//! pointing into the YAML), and lowers it into a [`plan::Plan`]: plain data that
//! `tokenspec-core`'s engine executes. It never depends on syn.
//!
//! Without the default `load` feature only the plan types are compiled, which is all the
//! runtime needs.
//!
//! ```
//! # #[cfg(feature = "load")] {
//! let source = "tokenspec: 1\nname: acme\nstyle: oauth2\ntoken:\n  url: https://auth.acme.example/token\ncredentials:\n  client_id: { in: basic-user, secret: false }\n  client_secret: { in: basic-password }\n";
//! let spec = tokenspec_spec::load(source, "acme.yaml").expect("a valid spec");
//! assert_eq!(spec.plan.slots.len(), 2);
//! assert_eq!(spec.slots[0].line, 7);
//! # }
//! ```

pub mod builtin;
pub mod keywords;
pub mod limits;
pub mod plan;
pub mod reserved;
pub mod words;

#[cfg(feature = "load")]
mod check;
#[cfg(feature = "load")]
mod diagnostic;
#[cfg(feature = "load")]
mod file;
#[cfg(feature = "load")]
mod lower;
#[cfg(feature = "load")]
mod model;
#[cfg(feature = "load")]
mod names;
#[cfg(feature = "load")]
mod node;
#[cfg(feature = "load")]
mod read;

#[cfg(feature = "schema")]
pub mod schema;

#[cfg(feature = "load")]
pub use diagnostic::{Diagnostic, Diagnostics};
#[cfg(feature = "load")]
pub use file::{read_bounded, read_spec_file};
#[cfg(feature = "load")]
pub use names::did_you_mean;

/// A loaded, checked spec: its plan plus what code generation needs from the source.
#[cfg(feature = "load")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// The lowered plan, defaults applied.
    pub plan: plan::Plan,
    /// The spec's `docs` paragraph.
    pub docs: Option<String>,
    /// The label the spec was loaded under (its path as the user wrote it), for messages.
    pub path_label: String,
    /// One entry per [`plan::Plan::slots`] entry, in the same order.
    pub slots: Vec<SlotInfo>,
}

/// Where a slot is declared in the spec, and its documentation.
#[cfg(feature = "load")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotInfo {
    /// 1-based line of the slot's key in the YAML.
    pub line: usize,
    /// 1-based column of the slot's key in the YAML.
    pub column: usize,
    /// The slot's `docs`.
    pub docs: Option<String>,
    /// The slot's `example`.
    pub example: Option<String>,
}

/// Parses, checks and lowers a spec. `path_label` names the file in [`Spec::path_label`]
/// (render diagnostics with [`Diagnostics::render`], passing the same label).
///
/// Every error in the spec is reported at once, sorted by position. A text longer than
/// [`limits::MAX_SPEC_BYTES`] is refused unread, with one diagnostic that has no location
/// (line 0). Never panics.
#[cfg(feature = "load")]
pub fn load(source: &str, path_label: &str) -> Result<Spec, Diagnostics> {
    if source.len() > limits::MAX_SPEC_BYTES {
        return Err(Diagnostics(vec![too_large()]));
    }
    let root = node::parse(source).map_err(|d| Diagnostics(vec![d]))?;
    let cx = diagnostic::Ctxt::new();
    let model = read::read(&cx, &root);
    check::check(&cx, &model);
    let lowered = if cx.has_errors() {
        None
    } else {
        lower::lower(&model)
    };
    cx.finish()?;
    let Some((plan, slots)) = lowered else {
        // Unreachable when the checks are complete; still a diagnostic, never a panic.
        return Err(Diagnostics(vec![Diagnostic {
            message: "the spec is incomplete".to_owned(),
            hint: Some("it needs `name`, `token.url` and a response token path".to_owned()),
            line: root_line(&root),
            column: 1,
            len: 0,
        }]));
    };
    Ok(Spec {
        plan,
        docs: model.docs,
        path_label: path_label.to_owned(),
        slots,
    })
}

/// The diagnostic for a spec text over the size cap: about the whole file, so at no line.
#[cfg(feature = "load")]
fn too_large() -> Diagnostic {
    Diagnostic {
        message: format!(
            "spec file is larger than {}",
            file::size(limits::MAX_SPEC_BYTES as u64)
        ),
        hint: Some(
            "a spec is a few kilobytes of YAML; check that this is the right file".to_owned(),
        ),
        line: 0,
        column: 0,
        len: 0,
    }
}

#[cfg(feature = "load")]
fn root_line(root: &node::Node) -> usize {
    root.loc.line.max(1)
}
