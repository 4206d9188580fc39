//! `Plan` to tokens: the expression generated code evaluates (once, in a `LazyLock`) to get the
//! provider's protocol description.
//!
//! Every struct is destructured exhaustively, so a field added to `tokenspec_spec::plan` fails
//! to compile here instead of being silently left out of generated code.

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, quote};
use tokenspec_spec::plan::{
    ApiHeader, ApplyPlan, BodyEncoding, ErrorPlan, FieldPlan, FieldType, JsonPath, Method,
    Placement, Plan, RateLimit, RefreshPlan, ResponsePlan, Scalar, Slot, SlotKind, Source, Target,
    VariantPlan,
};

/// The expression `Plan { ... }`, naming the plan types through `#p` (`crate_path::__private`).
pub(crate) fn plan_expr(plan: &Plan, p: &TokenStream) -> TokenStream {
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
    let name = string(name);
    let method = method_expr(*method, p);
    let url = string(url);
    let body = body_expr(*body, p);
    let slots = vec_of(slots.iter().map(|s| slot_expr(s, p)));
    let placements = vec_of(placements.iter().map(|pl| placement_expr(pl, p)));
    let response = response_expr(response, p);
    let errors = errors_expr(errors, p);
    let rate_limit = option(rate_limit.as_ref().map(|r| rate_limit_expr(r, p)));
    let apply = apply_expr(apply, p);
    let refresh = option(refresh.as_ref().map(|r| refresh_expr(r, p)));
    quote! {
        #p::Plan {
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

fn string(s: &str) -> TokenStream {
    quote!(::std::string::String::from(#s))
}

fn option(v: Option<TokenStream>) -> TokenStream {
    match v {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

fn vec_of(items: impl Iterator<Item = TokenStream>) -> TokenStream {
    let items: Vec<TokenStream> = items.collect();
    if items.is_empty() {
        quote!(::std::vec::Vec::new())
    } else {
        // `Vec::from([..])` rather than `vec![..]`: prettyplease formats a function call but
        // prints a macro's tokens as they come, which makes snapshots unreadable.
        quote!(::std::vec::Vec::from([#(#items),*]))
    }
}

fn path_expr(path: &JsonPath) -> TokenStream {
    vec_of(path.iter().map(|k| string(k)))
}

fn method_expr(m: Method, p: &TokenStream) -> TokenStream {
    match m {
        Method::Get => quote!(#p::Method::Get),
        Method::Post => quote!(#p::Method::Post),
        Method::Put => quote!(#p::Method::Put),
    }
}

fn body_expr(b: BodyEncoding, p: &TokenStream) -> TokenStream {
    match b {
        BodyEncoding::None => quote!(#p::BodyEncoding::None),
        BodyEncoding::Json => quote!(#p::BodyEncoding::Json),
        BodyEncoding::Form => quote!(#p::BodyEncoding::Form),
    }
}

fn slot_expr(slot: &Slot, p: &TokenStream) -> TokenStream {
    let Slot {
        name,
        env,
        kind,
        secret,
        default,
    } = slot;
    let name = string(name);
    let env = string(env);
    let kind = match kind {
        SlotKind::Credential => quote!(#p::SlotKind::Credential),
        SlotKind::Variable => quote!(#p::SlotKind::Variable),
        SlotKind::Param => quote!(#p::SlotKind::Param),
    };
    let default = option(default.as_deref().map(string));
    quote! {
        #p::Slot { name: #name, env: #env, kind: #kind, secret: #secret, default: #default }
    }
}

fn target_expr(t: &Target, p: &TokenStream) -> TokenStream {
    match t {
        Target::BasicUser => quote!(#p::Target::BasicUser),
        Target::BasicPassword => quote!(#p::Target::BasicPassword),
        Target::Body(n) => {
            let n = string(n);
            quote!(#p::Target::Body(#n))
        }
        Target::Query(n) => {
            let n = string(n);
            quote!(#p::Target::Query(#n))
        }
        Target::Header(n) => {
            let n = string(n);
            quote!(#p::Target::Header(#n))
        }
    }
}

fn placement_expr(pl: &Placement, p: &TokenStream) -> TokenStream {
    let Placement { target, source } = pl;
    let target = target_expr(target, p);
    let source = match source {
        Source::Fixed(v) => {
            let v = string(v);
            quote!(#p::Source::Fixed(#v))
        }
        Source::Slot(i) => {
            let i = Literal::usize_unsuffixed(*i);
            quote!(#p::Source::Slot(#i))
        }
    };
    quote!(#p::Placement { target: #target, source: #source })
}

fn scalar_expr(s: &Scalar, p: &TokenStream) -> TokenStream {
    match s {
        Scalar::String(v) => {
            let v = string(v);
            quote!(#p::Scalar::String(#v))
        }
        Scalar::Bool(b) => quote!(#p::Scalar::Bool(#b)),
        Scalar::Integer(i) => {
            let i = Literal::i64_unsuffixed(*i);
            quote!(#p::Scalar::Integer(#i))
        }
    }
}

fn field_expr(f: &FieldPlan, p: &TokenStream) -> TokenStream {
    let FieldPlan {
        name,
        path,
        ty,
        required,
        secret,
    } = f;
    let name = string(name);
    let path = path_expr(path);
    let ty = match ty {
        FieldType::String => quote!(#p::FieldType::String),
        FieldType::Integer => quote!(#p::FieldType::Integer),
        FieldType::Number => quote!(#p::FieldType::Number),
        FieldType::Bool => quote!(#p::FieldType::Bool),
        FieldType::Json => quote!(#p::FieldType::Json),
    };
    quote! {
        #p::FieldPlan { name: #name, path: #path, ty: #ty, required: #required, secret: #secret }
    }
}

fn response_expr(r: &ResponsePlan, p: &TokenStream) -> TokenStream {
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
        let value = scalar_expr(value, p);
        quote!((#path, #value))
    }));
    let token = path_expr(token);
    let token_type = option(token_type.as_ref().map(path_expr));
    let expires_in = option(expires_in.as_ref().map(path_expr));
    let refresh_token = option(refresh_token.as_ref().map(path_expr));
    let scope = option(scope.as_ref().map(path_expr));
    let default_lifetime =
        option(default_lifetime.map(|l| Literal::u64_unsuffixed(l).into_token_stream()));
    let fields = vec_of(fields.iter().map(|f| field_expr(f, p)));
    quote! {
        #p::ResponsePlan {
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

fn variant_expr(v: &VariantPlan, p: &TokenStream) -> TokenStream {
    let VariantPlan {
        name,
        codes,
        statuses,
        retry,
        docs,
    } = v;
    let name = string(name);
    let codes = vec_of(codes.iter().map(|c| string(c)));
    let statuses = vec_of(
        statuses
            .iter()
            .map(|s| Literal::u16_unsuffixed(*s).into_token_stream()),
    );
    let docs = option(docs.as_deref().map(string));
    quote! {
        #p::VariantPlan { name: #name, codes: #codes, statuses: #statuses, retry: #retry, docs: #docs }
    }
}

fn errors_expr(e: &ErrorPlan, p: &TokenStream) -> TokenStream {
    let ErrorPlan {
        code,
        message,
        details,
        variants,
    } = e;
    let code = vec_of(code.iter().map(path_expr));
    let message = vec_of(message.iter().map(path_expr));
    let details = vec_of(details.iter().map(path_expr));
    let variants = vec_of(variants.iter().map(|v| variant_expr(v, p)));
    quote! {
        #p::ErrorPlan { code: #code, message: #message, details: #details, variants: #variants }
    }
}

fn rate_limit_expr(r: &RateLimit, p: &TokenStream) -> TokenStream {
    let RateLimit {
        requests,
        per_seconds,
    } = r;
    let requests = Literal::u32_unsuffixed(*requests);
    let per_seconds = Literal::u64_unsuffixed(*per_seconds);
    quote!(#p::RateLimit { requests: #requests, per_seconds: #per_seconds })
}

fn apply_expr(a: &ApplyPlan, p: &TokenStream) -> TokenStream {
    let ApplyPlan {
        header,
        scheme,
        hosts,
        headers,
    } = a;
    let header = string(header);
    let scheme = option(scheme.as_deref().map(string));
    let hosts = vec_of(hosts.iter().map(|h| string(h)));
    let headers = vec_of(headers.iter().map(|ApiHeader { name, slot }| {
        let name = string(name);
        let slot = Literal::usize_unsuffixed(*slot);
        quote!(#p::ApiHeader { name: #name, slot: #slot })
    }));
    quote! {
        #p::ApplyPlan { header: #header, scheme: #scheme, hosts: #hosts, headers: #headers }
    }
}

fn refresh_expr(r: &RefreshPlan, p: &TokenStream) -> TokenStream {
    let RefreshPlan {
        placements,
        token_target,
    } = r;
    let placements = vec_of(placements.iter().map(|pl| placement_expr(pl, p)));
    let token_target = target_expr(token_target, p);
    quote!(#p::RefreshPlan { placements: #placements, token_target: #token_target })
}
