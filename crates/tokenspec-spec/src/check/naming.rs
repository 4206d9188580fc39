//! Rules on names: the provider, setters, environment variables, fields and error variants
//! all become Rust or shell identifiers, so each must be valid, unique and not reserved.

use std::collections::{HashMap, HashSet};

use crate::builtin::{BUILTIN_FIELDS, BUILTIN_VARIANTS, and_list};
use crate::diagnostic::Ctxt;
use crate::limits::MAX_SETTERS;
use crate::model::{Model, Sp};
use crate::names::{self, is_keyword, is_snake_case, is_upper_camel, variant_from_code};
use crate::plan::FieldType;
use crate::reserved::{self, RESERVED, Site};

/// The provider name prefixes environment variables and log fields, so it must be snake_case.
pub(super) fn provider_name(cx: &Ctxt, m: &Model) {
    if let Some(name) = &m.name
        && !is_snake_case(&name.value)
    {
        cx.error_hint(
            name.loc,
            format!("provider name `{}` is not snake_case", name.value),
            format!("write `name: {}`", names::snake(&name.value)),
        );
    }
}

/// The generated builder grows with the square of its setters (each setter's return type
/// names every type parameter), so a spec with thousands of them would take minutes and
/// gigabytes to compile. No real provider needs more than a dozen: refuse the spec at the
/// first setter past the cap, once.
pub(super) fn setter_count(cx: &Ctxt, m: &Model) {
    let count = m.setters().count();
    if let Some(first_over) = m.setters().nth(MAX_SETTERS) {
        cx.error_hint(
            first_over.name.loc,
            format!("too many setters: this spec declares {count}, the most is {MAX_SETTERS}"),
            format!(
                "a spec may declare at most {MAX_SETTERS} variables, credentials and settable \
                 parameters together; this {} is number {}",
                first_over.kind,
                MAX_SETTERS + 1
            ),
        );
    }
}

/// Every setter name becomes a method of the generated builder, so it must be a snake_case
/// Rust identifier, unique, and not one of the names the generated code reserves.
pub(super) fn setter_names(cx: &Ctxt, m: &Model) {
    let mut seen: HashMap<&str, &'static str> = HashMap::new();
    for setter in m.setters() {
        let (name, kind) = (setter.name, setter.kind);
        let n = name.value.as_str();
        if let Some(first) = seen.get(n) {
            cx.error_hint(
                name.loc,
                format!("duplicate setter name `{n}`: this {kind} and a {first} share it"),
                "every variable, credential and settable parameter needs its own name",
            );
            continue;
        }
        seen.insert(n, kind);
        rust_name(cx, name, kind);
        reserved_name(cx, name, kind);
    }
}

/// Reports a setter named like a method the generated builder or client already has.
fn reserved_name(cx: &Ctxt, name: &Sp<String>, kind: &str) {
    let n = name.value.as_str();
    let Some(reserved) = RESERVED.iter().find(|r| r.name == n) else {
        return;
    };
    let owner = match reserved.site {
        Site::Builder => "the builder method",
        Site::Client => "the client function",
    };
    let taken: Vec<String> = reserved::names().map(|r| format!("`{r}`")).collect();
    cx.error_hint(
        name.loc,
        format!("{kind} name `{n}` collides with {owner} `{n}`"),
        format!(
            "rename it, e.g. `{n}_value`; the generated code reserves {}",
            taken.join(", ")
        ),
    );
}

/// The builder names a type parameter and a marker trait after each required setter's
/// UpperCamelCase form (`client_id` → `ClientId`, `ClientIdIsSet`); two setters with one form
/// (`x_1` and `x1` are both `X1`) would define each twice and fail to compile. Settable
/// parameters are held to the same rule, so the names stay distinct whatever becomes required.
pub(super) fn setter_camel_names(cx: &Ctxt, m: &Model) {
    let mut seen: HashMap<String, &Sp<String>> = HashMap::new();
    for setter in m.setters().filter(|s| is_snake_case(&s.name.value)) {
        let camel = names::camel(&setter.name.value);
        match seen.get(&camel) {
            Some(first) if first.value != setter.name.value => cx.error_hint(
                setter.name.loc,
                format!(
                    "{} name `{}` and `{}` (line {}) both become `{camel}` in generated type names",
                    setter.kind, setter.name.value, first.value, first.loc.line
                ),
                "rename one of them so that they differ by more than underscores",
            ),
            Some(_) => {}
            None => {
                seen.insert(camel, setter.name);
            }
        }
    }
}

/// `from_env` reads each setter from its environment variable (`env:`, or the provider and
/// setter names in SHOUTY_SNAKE_CASE); two setters reading one variable would get one value.
pub(super) fn setter_envs_unique(cx: &Ctxt, m: &Model) {
    let Some(provider) = &m.name else { return };
    let mut seen: HashMap<String, &Sp<String>> = HashMap::new();
    for setter in m.setters() {
        let (env, loc) = match &setter.meta.env {
            Some(env) => (env.value.clone(), env.loc),
            None => (
                names::default_env(&provider.value, &setter.name.value),
                setter.name.loc,
            ),
        };
        match seen.get(&env) {
            Some(first) if first.value != setter.name.value => cx.error_hint(
                loc,
                format!(
                    "{} `{}` and `{}` (line {}) both read the environment variable `{env}`",
                    setter.kind, setter.name.value, first.value, first.loc.line
                ),
                "give one of them its own `env:`",
            ),
            Some(_) => {}
            None => {
                seen.insert(env, setter.name);
            }
        }
    }
}

/// Reports a name that cannot be a snake_case Rust identifier.
pub(super) fn rust_name(cx: &Ctxt, name: &Sp<String>, kind: &str) {
    let n = name.value.as_str();
    if is_keyword(n) {
        cx.error_hint(
            name.loc,
            format!("{kind} name `{n}` is a Rust keyword"),
            format!("rename it, e.g. `{n}_value`"),
        );
    } else if !is_snake_case(n) {
        cx.error_hint(
            name.loc,
            format!("{kind} name `{n}` is not snake_case"),
            format!("write `{}`", names::snake(n)),
        );
    }
}

/// Environment variable names are set in shells, so they keep to the portable characters.
pub(super) fn env_names(cx: &Ctxt, m: &Model) {
    let envs = m
        .variables
        .iter()
        .map(|v| &v.meta)
        .chain(m.credentials.iter().map(|c| &c.meta))
        .chain(
            m.token
                .iter()
                .flat_map(|t| t.params.iter())
                .map(|p| &p.meta),
        )
        .filter_map(|meta| meta.env.as_ref());
    for env in envs {
        let ok = env
            .value
            .starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
            && env
                .value
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            cx.error_hint(
                env.loc,
                format!(
                    "`{}` is not a portable environment variable name",
                    env.value
                ),
                "use uppercase letters, digits and underscores, like `ACME_CLIENT_ID`",
            );
        }
    }
}

/// Without `style: oauth2` there is no default place for the token, and a client that cannot
/// find its token is useless.
pub(super) fn response_token_present(cx: &Ctxt, m: &Model) {
    if m.oauth2 {
        return;
    }
    if let Some(r) = &m.response
        && !r.token_written
    {
        cx.error_hint(
            r.key,
            "missing required key `token` in `response`",
            "add `token: <path>`, e.g. `token: data.access_token`",
        );
    }
}

/// Fields become struct fields next to the built-in ones, so they need distinct Rust names.
pub(super) fn field_names(cx: &Ctxt, m: &Model) {
    for f in m.response.iter().flat_map(|r| r.fields.iter()) {
        if BUILTIN_FIELDS.contains(&f.name.value.as_str()) {
            cx.error_hint(
                f.name.loc,
                format!(
                    "field `{}` collides with a built-in token field",
                    f.name.value
                ),
                format!(
                    "use `response.{}` for the standard field, or rename this one",
                    f.name.value
                ),
            );
        } else {
            rust_name(cx, &f.name, "field");
        }
    }
}

/// Only strings are held in a secret type; a secret number has no redacted form.
pub(super) fn field_secret_is_string(cx: &Ctxt, m: &Model) {
    for f in m.response.iter().flat_map(|r| r.fields.iter()) {
        if let Some(secret) = f.secret.as_ref().filter(|s| s.value)
            && f.ty != FieldType::String
        {
            cx.error_hint(
                secret.loc,
                format!("field `{}` is secret but not a string", f.name.value),
                "only `type: string` fields can be secret",
            );
        }
    }
}

/// Each variant becomes an enum variant: it needs a valid, unique name that does not shadow
/// the built-in ones, and something to match on.
pub(super) fn variant_names(cx: &Ctxt, m: &Model) {
    let Some(variants) = m.errors.as_ref().and_then(|e| e.variants.as_ref()) else {
        return;
    };
    // A set, not a list, so many variants are checked in linear time.
    let mut seen: HashSet<String> = HashSet::new();
    for v in variants {
        if !v.matcher_written {
            cx.error_hint(
                v.loc,
                "variant has neither `code` nor `status`, so it can never match",
                "add `code:` or `status:`",
            );
        }
        let (name, loc) = match &v.name {
            Some(n) => {
                if !is_upper_camel(&n.value) {
                    cx.error_hint(
                        n.loc,
                        format!("variant name `{}` is not UpperCamelCase", n.value),
                        "write it like `InvalidClient`",
                    );
                    continue;
                }
                (n.value.clone(), n.loc)
            }
            None => match v.codes.first() {
                Some(code) => match variant_from_code(&code.value) {
                    Some(name) => (name, code.loc),
                    None => {
                        cx.error_hint(
                            code.loc,
                            format!("code `{}` cannot name a variant", code.value),
                            "add `name: SomeName` to this variant",
                        );
                        continue;
                    }
                },
                None => {
                    if let Some(status) = v.statuses.first() {
                        cx.error_hint(
                            status.loc,
                            "a variant matched by status only needs a `name`",
                            "add `name: SomeName` to this variant",
                        );
                    }
                    continue;
                }
            },
        };
        if BUILTIN_VARIANTS.contains(&name.as_str()) {
            cx.error_hint(
                loc,
                format!("variant name `{name}` collides with a built-in variant"),
                format!("rename it; {} are taken", and_list(BUILTIN_VARIANTS)),
            );
        } else if seen.contains(name.as_str()) {
            cx.error_hint(
                loc,
                format!("duplicate variant name `{name}`"),
                "give each variant its own name, or list several codes in one: `code: [A, B]`",
            );
        } else {
            seen.insert(name);
        }
    }
}
