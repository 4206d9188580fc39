//! `Plan` to tokens: the `static PLAN` generated code hands the engine, as literal data.
//!
//! The plan is written the way a person would write it by hand: borrowed literals (no
//! allocation, nothing runs at first use), the plan types' `const fn` constructors where
//! they are shorter than a struct literal, the macros `plan::path!`, `plan::paths!` and
//! `plan::variant!` for lists of literals, and the constants (`Plan::DEFAULTS`,
//! `ResponsePlan::OAUTH2`, ...) as the base of a struct update, so a struct lists only the
//! fields where the spec says something else. Each part is emitted once, and compared with
//! its constant once, so the output grows linearly with the spec.
//!
//! Every struct is destructured exhaustively, so a field added to `tokenspec_spec::plan` fails
//! to compile here instead of being silently left out of generated code.

use proc_macro2::{Ident, Literal, Span, TokenStream, TokenTree};
use quote::quote;
use tokenspec_spec::plan::{
    ApiHeader, ApplyPlan, BodyEncoding, ErrorPlan, FieldPlan, FieldType, JsonPath, Method,
    Placement, Plan, RateLimit, RefreshPlan, ResponsePlan, Scalar, Slot, SlotKind, Source, Target,
    VariantPlan,
};

/// The imports the plan's literals use, and `static PLAN: plan::Plan = ...;`, naming the plan
/// types through `#krate::plan`.
pub(crate) fn plan_static(plan: &Plan, krate: &TokenStream) -> TokenStream {
    let expr = plan_expr(plan);
    // Import only what the literal uses: the user's crate may deny unused imports.
    let options: Vec<Ident> = ["None", "Some"]
        .into_iter()
        .filter(|name| mentions(&expr, name))
        .map(|name| Ident::new(name, Span::call_site()))
        .collect();
    let options = match options.as_slice() {
        [] => TokenStream::new(),
        [one] => quote!(use ::core::option::Option::#one;),
        all => quote!(use ::core::option::Option::{#(#all),*};),
    };
    quote! {
        #options
        use ::std::borrow::Cow;
        use #krate::plan;
        static PLAN: plan::Plan = #expr;
    }
}

/// Whether `tokens` holds the identifier `name`, at any depth.
fn mentions(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        TokenTree::Ident(i) => i == name,
        TokenTree::Group(g) => mentions(&g.stream(), name),
        _ => false,
    })
}

fn plan_expr(plan: &Plan) -> TokenStream {
    let base = &Plan::DEFAULTS;
    let Plan {
        name,
        method,
        url,
        body,
        basic_form_encode,
        slots,
        placements,
        response,
        errors,
        rate_limit,
        apply,
        refresh,
    } = plan;
    let fields = [
        field("name", *name != base.name, || text(name)),
        field("method", *method != base.method, || method_expr(*method)),
        field("url", *url != base.url, || text(url)),
        field("body", *body != base.body, || body_expr(*body)),
        field(
            "basic_form_encode",
            *basic_form_encode != base.basic_form_encode,
            || quote!(#basic_form_encode),
        ),
        field("slots", *slots != base.slots, || {
            list(slots.iter().map(slot_expr))
        }),
        field("placements", *placements != base.placements, || {
            list(placements.iter().map(placement_expr))
        }),
        field("response", *response != base.response, || {
            response_expr(response)
        }),
        field("errors", *errors != base.errors, || errors_expr(errors)),
        field("rate_limit", *rate_limit != base.rate_limit, || {
            option(rate_limit.as_ref().map(rate_limit_expr))
        }),
        field("apply", *apply != base.apply, || apply_expr(apply)),
        field("refresh", *refresh != base.refresh, || {
            option(refresh.as_ref().map(refresh_expr))
        }),
    ];
    update(quote!(plan::Plan), quote!(plan::Plan::DEFAULTS), fields)
}

/// A field of a struct literal, `None` when it equals the base constant's.
type Field = Option<(Ident, TokenStream)>;

fn field(name: &str, differs: bool, value: impl FnOnce() -> TokenStream) -> Field {
    differs.then(|| (Ident::new(name, Span::call_site()), value()))
}

/// `ty { the fields that differ, ..base }`, the way a person writes a value that is a
/// constant with a few changes: `base` itself when no field differs, no `..base` when all do.
fn update<const N: usize>(ty: TokenStream, base: TokenStream, fields: [Field; N]) -> TokenStream {
    let changed: Vec<_> = fields.into_iter().flatten().collect();
    if changed.is_empty() {
        return base;
    }
    let rest = (changed.len() < N).then(|| quote!(..#base));
    let (names, values): (Vec<_>, Vec<_>) = changed.into_iter().unzip();
    quote!(#ty { #(#names: #values,)* #rest })
}

fn text(s: &str) -> TokenStream {
    quote!(Cow::Borrowed(#s))
}

fn option(v: Option<TokenStream>) -> TokenStream {
    match v {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

/// A list of a plan. `Cow::Borrowed(&[..])` rather than a helper function: the borrow of a
/// temporary is extended to `'static` through struct fields and enum variants, not through
/// a function's arguments.
fn list(items: impl Iterator<Item = TokenStream>) -> TokenStream {
    let items = items.collect::<Vec<_>>();
    quote!(Cow::Borrowed(&[#(#items),*]))
}

/// `plan::path!("data", "accessToken")`.
fn path_expr(path: &JsonPath) -> TokenStream {
    let keys = path.iter().map(|k| k.as_ref());
    quote!(plan::path!(#(#keys),*))
}

/// `plan::paths![["error", "code"], ["code"]]`.
fn paths_expr(paths: &[JsonPath]) -> TokenStream {
    let paths = paths.iter().map(|path| {
        let keys = path.iter().map(|k| k.as_ref());
        quote!([#(#keys),*])
    });
    quote!(plan::paths![#(#paths),*])
}

fn method_expr(m: Method) -> TokenStream {
    match m {
        Method::Get => quote!(plan::Method::Get),
        Method::Post => quote!(plan::Method::Post),
        Method::Put => quote!(plan::Method::Put),
    }
}

fn body_expr(b: BodyEncoding) -> TokenStream {
    match b {
        BodyEncoding::None => quote!(plan::BodyEncoding::None),
        BodyEncoding::Json => quote!(plan::BodyEncoding::Json),
        BodyEncoding::Form => quote!(plan::BodyEncoding::Form),
    }
}

fn slot_expr(slot: &Slot) -> TokenStream {
    let Slot {
        name,
        env,
        kind,
        secret,
        default,
    } = slot;
    let (name, env) = (name.as_ref(), env.as_ref());
    match kind {
        // The constructors set what the kind implies (a variable is no secret and has no
        // default); a plan that says otherwise is written out in full.
        SlotKind::Variable if !secret && default.is_none() => {
            quote!(plan::Slot::variable(#name, #env))
        }
        SlotKind::Credential if default.is_none() => {
            quote!(plan::Slot::credential(#name, #env, #secret))
        }
        SlotKind::Param if !secret => {
            let default = option(default.as_deref().map(|d| quote!(#d)));
            quote!(plan::Slot::param(#name, #env, #default))
        }
        _ => {
            let kind = match kind {
                SlotKind::Credential => quote!(plan::SlotKind::Credential),
                SlotKind::Variable => quote!(plan::SlotKind::Variable),
                SlotKind::Param => quote!(plan::SlotKind::Param),
            };
            let default = option(default.as_deref().map(text));
            quote! {
                plan::Slot {
                    name: Cow::Borrowed(#name),
                    env: Cow::Borrowed(#env),
                    kind: #kind,
                    secret: #secret,
                    default: #default,
                }
            }
        }
    }
}

fn target_expr(t: &Target) -> TokenStream {
    match t {
        Target::BasicUser => quote!(plan::Target::BasicUser),
        Target::BasicPassword => quote!(plan::Target::BasicPassword),
        Target::Body(n) => {
            let n = n.as_ref();
            quote!(plan::Target::body(#n))
        }
        Target::Query(n) => {
            let n = n.as_ref();
            quote!(plan::Target::query(#n))
        }
        Target::Header(n) => {
            let n = n.as_ref();
            quote!(plan::Target::header(#n))
        }
    }
}

fn placement_expr(pl: &Placement) -> TokenStream {
    let Placement { target, source } = pl;
    let target = target_expr(target);
    match source {
        Source::Fixed(v) => {
            let v = v.as_ref();
            quote!(#target.fixed(#v))
        }
        Source::Slot(i) => {
            let i = Literal::usize_unsuffixed(*i);
            quote!(#target.slot(#i))
        }
    }
}

fn scalar_expr(s: &Scalar) -> TokenStream {
    match s {
        Scalar::String(v) => {
            let v = v.as_ref();
            quote!(plan::Scalar::string(#v))
        }
        Scalar::Bool(b) => quote!(plan::Scalar::Bool(#b)),
        Scalar::Integer(i) => {
            let i = Literal::i64_unsuffixed(*i);
            quote!(plan::Scalar::Integer(#i))
        }
    }
}

fn field_expr(f: &FieldPlan) -> TokenStream {
    let FieldPlan {
        name,
        path,
        ty,
        required,
        secret,
    } = f;
    let name = name.as_ref();
    let path = path_expr(path);
    let ty = match ty {
        FieldType::String => quote!(plan::FieldType::String),
        FieldType::Integer => quote!(plan::FieldType::Integer),
        FieldType::Number => quote!(plan::FieldType::Number),
        FieldType::Bool => quote!(plan::FieldType::Bool),
        FieldType::Json => quote!(plan::FieldType::Json),
    };
    quote!(plan::FieldPlan::new(#name, #path, #ty, #required, #secret))
}

fn response_expr(r: &ResponsePlan) -> TokenStream {
    let base = &ResponsePlan::OAUTH2;
    let ResponsePlan {
        root,
        root_json_string,
        success,
        token,
        token_type,
        expires_in,
        refresh_token,
        scope,
        default_lifetime,
        fields,
    } = r;
    let path = |p: &Option<JsonPath>| option(p.as_ref().map(path_expr));
    let fields = [
        field("root", *root != base.root, || path_expr(root)),
        field(
            "root_json_string",
            *root_json_string != base.root_json_string,
            || quote!(#root_json_string),
        ),
        field("success", *success != base.success, || {
            option(success.as_ref().map(|(path, value)| {
                let path = path_expr(path);
                let value = scalar_expr(value);
                quote!((#path, #value))
            }))
        }),
        field("token", *token != base.token, || path_expr(token)),
        field("token_type", *token_type != base.token_type, || {
            path(token_type)
        }),
        field("expires_in", *expires_in != base.expires_in, || {
            path(expires_in)
        }),
        field(
            "refresh_token",
            *refresh_token != base.refresh_token,
            || path(refresh_token),
        ),
        field("scope", *scope != base.scope, || path(scope)),
        field(
            "default_lifetime",
            *default_lifetime != base.default_lifetime,
            || {
                option(default_lifetime.map(|l| {
                    let l = Literal::u64_unsuffixed(l);
                    quote!(#l)
                }))
            },
        ),
        field("fields", *fields != base.fields, || {
            list(fields.iter().map(field_expr))
        }),
    ];
    update(
        quote!(plan::ResponsePlan),
        quote!(plan::ResponsePlan::OAUTH2),
        fields,
    )
}

/// `plan::variant!("InvalidClient", ["401021"], [], false, "docs")`.
fn variant_expr(v: &VariantPlan) -> TokenStream {
    let VariantPlan {
        name,
        codes,
        statuses,
        retry,
        docs,
    } = v;
    let name = name.as_ref();
    let codes = codes.iter().map(|c| c.as_ref());
    let statuses = statuses.iter().map(|s| Literal::u16_unsuffixed(*s));
    let docs = docs.as_deref().map(|d| quote!(, #d));
    quote!(plan::variant!(#name, [#(#codes),*], [#(#statuses),*], #retry #docs))
}

fn errors_expr(e: &ErrorPlan) -> TokenStream {
    let base = &ErrorPlan::OAUTH2;
    let ErrorPlan {
        code,
        message,
        details,
        variants,
    } = e;
    let fields = [
        field("code", *code != base.code, || paths_expr(code)),
        field("message", *message != base.message, || paths_expr(message)),
        field("details", *details != base.details, || paths_expr(details)),
        field("variants", *variants != base.variants, || {
            list(variants.iter().map(variant_expr))
        }),
    ];
    update(
        quote!(plan::ErrorPlan),
        quote!(plan::ErrorPlan::OAUTH2),
        fields,
    )
}

fn rate_limit_expr(r: &RateLimit) -> TokenStream {
    let RateLimit {
        requests,
        per_seconds,
    } = r;
    let requests = Literal::u32_unsuffixed(*requests);
    let per_seconds = Literal::u64_unsuffixed(*per_seconds);
    quote!(plan::RateLimit::new(#requests, #per_seconds))
}

fn apply_expr(a: &ApplyPlan) -> TokenStream {
    let base = &ApplyPlan::BEARER;
    let ApplyPlan {
        header,
        scheme,
        hosts,
        headers,
    } = a;
    let fields = [
        field("header", *header != base.header, || text(header)),
        field("scheme", *scheme != base.scheme, || {
            option(scheme.as_deref().map(text))
        }),
        field("hosts", *hosts != base.hosts, || {
            list(hosts.iter().map(|h| text(h)))
        }),
        field("headers", *headers != base.headers, || {
            list(headers.iter().map(|ApiHeader { name, slot }| {
                let name = name.as_ref();
                let slot = Literal::usize_unsuffixed(*slot);
                quote!(plan::ApiHeader::new(#name, #slot))
            }))
        }),
    ];
    update(
        quote!(plan::ApplyPlan),
        quote!(plan::ApplyPlan::BEARER),
        fields,
    )
}

fn refresh_expr(r: &RefreshPlan) -> TokenStream {
    let RefreshPlan {
        placements,
        token_target,
    } = r;
    let placements = list(placements.iter().map(placement_expr));
    let token_target = target_expr(token_target);
    quote!(plan::RefreshPlan { placements: #placements, token_target: #token_target })
}
