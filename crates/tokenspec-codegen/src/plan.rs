//! `Plan` to tokens: the `static PLAN` generated code hands the engine, as literal data.
//!
//! The plan is written the way a person would write it by hand: borrowed literals (no
//! allocation, nothing runs at first use), the plan types' `const fn` constructors where
//! they are shorter than a struct literal, and the `style: oauth2` constants
//! (`ResponsePlan::OAUTH2`, ...) wherever the spec's plan equals one. Each part is emitted
//! once, so the output grows linearly with the spec.
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
    let name = text(name);
    let method = method_expr(*method);
    let url = text(url);
    let body = body_expr(*body);
    let slots = list(slots.iter().map(slot_expr));
    let placements = list(placements.iter().map(placement_expr));
    let response = response_expr(response);
    let errors = errors_expr(errors);
    let rate_limit = option(rate_limit.as_ref().map(rate_limit_expr));
    let apply = apply_expr(apply);
    let refresh = option(refresh.as_ref().map(refresh_expr));
    quote! {
        plan::Plan {
            name: #name,
            method: #method,
            url: #url,
            body: #body,
            basic_form_encode: #basic_form_encode,
            slots: #slots,
            placements: #placements,
            response: #response,
            errors: #errors,
            rate_limit: #rate_limit,
            apply: #apply,
            refresh: #refresh,
        }
    }
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

fn path_expr(path: &JsonPath) -> TokenStream {
    list(path.iter().map(|k| text(k)))
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
            let v = text(v);
            quote!(plan::Scalar::String(#v))
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
    let name = text(name);
    let path = path_expr(path);
    let ty = match ty {
        FieldType::String => quote!(plan::FieldType::String),
        FieldType::Integer => quote!(plan::FieldType::Integer),
        FieldType::Number => quote!(plan::FieldType::Number),
        FieldType::Bool => quote!(plan::FieldType::Bool),
        FieldType::Json => quote!(plan::FieldType::Json),
    };
    quote! {
        plan::FieldPlan { name: #name, path: #path, ty: #ty, required: #required, secret: #secret }
    }
}

fn response_expr(r: &ResponsePlan) -> TokenStream {
    if *r == ResponsePlan::OAUTH2 {
        return quote!(plan::ResponsePlan::OAUTH2);
    }
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
    let root = path_expr(root);
    let success = option(success.as_ref().map(|(path, value)| {
        let path = path_expr(path);
        let value = scalar_expr(value);
        quote!((#path, #value))
    }));
    let token = path_expr(token);
    let token_type = option(token_type.as_ref().map(path_expr));
    let expires_in = option(expires_in.as_ref().map(path_expr));
    let refresh_token = option(refresh_token.as_ref().map(path_expr));
    let scope = option(scope.as_ref().map(path_expr));
    let default_lifetime = option(default_lifetime.map(|l| {
        let l = Literal::u64_unsuffixed(l);
        quote!(#l)
    }));
    let fields = list(fields.iter().map(field_expr));
    quote! {
        plan::ResponsePlan {
            root: #root,
            root_json_string: #root_json_string,
            success: #success,
            token: #token,
            token_type: #token_type,
            expires_in: #expires_in,
            refresh_token: #refresh_token,
            scope: #scope,
            default_lifetime: #default_lifetime,
            fields: #fields,
        }
    }
}

fn variant_expr(v: &VariantPlan) -> TokenStream {
    let VariantPlan {
        name,
        codes,
        statuses,
        retry,
        docs,
    } = v;
    let name = name.as_ref();
    let codes = codes.iter().map(|c| text(c));
    let statuses = statuses.iter().map(|s| Literal::u16_unsuffixed(*s));
    let docs = option(docs.as_deref().map(|d| quote!(#d)));
    quote! {
        plan::VariantPlan::new(#name, &[#(#codes),*], &[#(#statuses),*], #retry, #docs)
    }
}

fn errors_expr(e: &ErrorPlan) -> TokenStream {
    if *e == ErrorPlan::OAUTH2 {
        return quote!(plan::ErrorPlan::OAUTH2);
    }
    let ErrorPlan {
        code,
        message,
        details,
        variants,
    } = e;
    let code = list(code.iter().map(path_expr));
    let message = list(message.iter().map(path_expr));
    let details = list(details.iter().map(path_expr));
    let variants = list(variants.iter().map(variant_expr));
    quote! {
        plan::ErrorPlan { code: #code, message: #message, details: #details, variants: #variants }
    }
}

fn rate_limit_expr(r: &RateLimit) -> TokenStream {
    let RateLimit {
        requests,
        per_seconds,
    } = r;
    let requests = Literal::u32_unsuffixed(*requests);
    let per_seconds = Literal::u64_unsuffixed(*per_seconds);
    quote!(plan::RateLimit { requests: #requests, per_seconds: #per_seconds })
}

fn apply_expr(a: &ApplyPlan) -> TokenStream {
    if *a == ApplyPlan::BEARER {
        return quote!(plan::ApplyPlan::BEARER);
    }
    let ApplyPlan {
        header,
        scheme,
        hosts,
        headers,
    } = a;
    let header = text(header);
    let scheme = option(scheme.as_deref().map(text));
    let hosts = list(hosts.iter().map(|h| text(h)));
    let headers = list(headers.iter().map(|ApiHeader { name, slot }| {
        let name = name.as_ref();
        let slot = Literal::usize_unsuffixed(*slot);
        quote!(plan::ApiHeader::new(#name, #slot))
    }));
    quote! {
        plan::ApplyPlan { header: #header, scheme: #scheme, hosts: #hosts, headers: #headers }
    }
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
