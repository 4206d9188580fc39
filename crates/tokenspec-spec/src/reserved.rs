//! The names a setter may not take, because the generated code already uses them.
//!
//! Every variable, credential and settable parameter becomes a method of the generated
//! builder, next to the builder's own methods; two inherent methods of one name do not
//! compile (E0592), and rustc would point at the attribute, not at the YAML. This table is
//! the one list of those names: the checker refuses them with a located diagnostic, the JSON
//! Schema excludes them, the spec reference (tokenspec-core's `docs/spec.md`) lists them, and
//! tokenspec-codegen has a test that fails when it emits a builder method missing from here.
//!
//! Compiled without the `load` feature, so the generator and the schema can read it too.

/// The generated type a reserved name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    /// A method of the generated builder (`WeirBuilder`): a setter of the same name would
    /// be a second definition.
    Builder,
    /// An associated function of the generated client (`Weir`) that makes a builder or a
    /// client. Setters live on the builder, so these would compile, but a setter named
    /// `builder` or `from_env` reads like the constructor it is not.
    Client,
}

/// One reserved name and where the generated code defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reserved {
    /// The name, as a Rust method name.
    pub name: &'static str,
    /// Which generated type defines it.
    pub site: Site,
}

const fn builder(name: &'static str) -> Reserved {
    Reserved {
        name,
        site: Site::Builder,
    }
}

const fn client(name: &'static str) -> Reserved {
    Reserved {
        name,
        site: Site::Client,
    }
}

/// Every name reserved for the generated code, builder methods first, each once.
pub const RESERVED: &[Reserved] = &[
    builder("build"),
    builder("base_url"),
    builder("allow_host"),
    builder("retry"),
    builder("refresh_margin"),
    builder("rate_limit_wait"),
    builder("clock"),
    builder("allow_plain_http"),
    builder("timeouts"),
    builder("root_certificates_pem"),
    builder("client_identity_pem"),
    builder("proxy"),
    builder("user_agent"),
    builder("from_env"),
    builder("with_settings"),
    client("builder"),
];

/// Whether `name` is reserved, so no setter may take it.
pub fn is_reserved(name: &str) -> bool {
    RESERVED.iter().any(|r| r.name == name)
}

/// The reserved names in table order.
pub fn names() -> impl Iterator<Item = &'static str> {
    RESERVED.iter().map(|r| r.name)
}

/// The environment variable `from_env` reads the builder's `base_url` from, when it is set:
/// `<NAME>_BASE_URL` (`WEIR_BASE_URL`). The one rule: the runtime reads this variable and the
/// generator names it in the docs of `from_env`.
pub fn base_url_env(provider: &str) -> String {
    setting_env(provider, "BASE_URL")
}

/// The environment variable `from_env` reads a builder setting from: `<NAME>_<SETTING>`
/// (`WEIR_PROXY` for `setting_env("weir", "PROXY")`).
pub fn setting_env(provider: &str, setting: &str) -> String {
    format!("{}_{setting}", provider.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_name_once() {
        let mut names: Vec<&str> = names().collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count, "a reserved name is listed twice");
    }
}
