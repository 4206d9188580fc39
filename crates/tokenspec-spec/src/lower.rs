//! Checked model to [`Plan`], applying defaults (`style: oauth2`, `body: form`, Bearer).
//!
//! Runs only on a model that read and check found no errors in; it still never panics, and
//! returns `None` if a required part is missing after all.

use crate::SlotInfo;
use crate::model::{CredIn, Credential, Model, Param, ParamIn, SlotDocs, Sp, Variant};
use crate::names::{default_env, variant_from_code};
use crate::plan::{
    ApiHeader, ApplyPlan, BodyEncoding, ErrorPlan, FieldPlan, JsonPath, List, Method, Placement,
    Plan, RateLimit, RefreshPlan, ResponsePlan, Slot, SlotKind, Source, Target, Text, VariantPlan,
};

/// Lowers a checked model into the plan and the per-slot source information.
pub(crate) fn lower(m: &Model) -> Option<(Plan, Vec<SlotInfo>)> {
    let name = m.name.as_ref()?.value.clone();
    let token = m.token.as_ref()?;
    let body = token.body.as_ref().map_or(BodyEncoding::Form, |b| b.value);

    let mut slots = Vec::new();
    let mut infos = Vec::new();
    let mut push_slot =
        |key: &Sp<String>, meta: &SlotDocs, kind, secret, default: Option<String>| {
            let env = meta
                .env
                .as_ref()
                .map_or_else(|| default_env(&name, &key.value), |e| e.value.clone());
            slots.push(Slot {
                name: key.value.clone().into(),
                env: env.into(),
                kind,
                secret,
                default: default.map(Into::into),
            });
            infos.push(SlotInfo {
                line: key.loc.line,
                column: key.loc.column,
                docs: meta.docs.clone(),
                example: meta.example.clone(),
            });
            slots.len() - 1
        };
    for v in &m.variables {
        push_slot(&v.name, &v.meta, SlotKind::Variable, false, None);
    }
    let cred_slots: Vec<usize> = m
        .credentials
        .iter()
        .map(|c| {
            let secret = c.secret.as_ref().is_none_or(|s| s.value);
            push_slot(&c.name, &c.meta, SlotKind::Credential, secret, None)
        })
        .collect();
    let param_slots: Vec<Option<usize>> = token
        .params
        .iter()
        .map(|p| {
            p.is_setter().then(|| {
                let default = p.value.as_ref().map(|v| v.value.clone());
                push_slot(&p.name, &p.meta, SlotKind::Param, false, default)
            })
        })
        .collect();

    let mut placements = Vec::new();
    for (n, v) in &token.headers {
        placements.push(Placement {
            target: Target::Header(n.value.clone().into()),
            source: Source::Fixed(v.value.clone().into()),
        });
    }
    let has_grant_type = token.params.iter().any(|p| p.name.value == "grant_type");
    if m.oauth2 && !has_grant_type && body != BodyEncoding::None {
        placements.push(Target::body("grant_type").fixed("client_credentials"));
    }
    for (p, slot) in token.params.iter().zip(&param_slots) {
        let source = match (slot, &p.value) {
            (Some(i), _) => Source::Slot(*i),
            (None, Some(v)) => Source::Fixed(v.value.clone().into()),
            (None, None) => continue,
        };
        placements.push(Placement {
            target: param_target(p),
            source,
        });
    }
    let cred_placements: Vec<Placement> = m
        .credentials
        .iter()
        .zip(&cred_slots)
        .filter_map(|(c, i)| {
            credential_target(c).map(|target| Placement {
                target,
                source: Source::Slot(*i),
            })
        })
        .collect();
    placements.extend(cred_placements.iter().cloned());

    let plan = Plan {
        name: name.into(),
        method: token.method.as_ref().map_or(Method::Post, |m| m.value),
        url: token.url.as_ref()?.value.clone().into(),
        body,
        basic_form_encode: token
            .basic_form_encode
            .as_ref()
            .map_or(m.oauth2, |b| b.value),
        slots: slots.into(),
        placements: placements.into(),
        response: lower_response(m)?,
        errors: lower_errors(m),
        rate_limit: m.limits.as_ref().map(|l| RateLimit {
            requests: l.value.0,
            per_seconds: l.value.1,
        }),
        apply: lower_apply(m, &cred_slots),
        refresh: m.refresh.as_ref().and_then(|r| {
            let mut placements = cred_placements.clone();
            for p in &r.params {
                placements.push(Placement {
                    target: param_target(p),
                    source: Source::Fixed(p.value.as_ref()?.value.clone().into()),
                });
            }
            Some(RefreshPlan {
                placements: placements.into(),
                token_target: Target::Body(r.token_param.as_ref()?.value.clone().into()),
            })
        }),
    };
    Some((plan, infos))
}

fn param_target(p: &Param) -> Target {
    let name = p.name.value.clone().into();
    match p.place.value {
        ParamIn::Body => Target::Body(name),
        ParamIn::Query => Target::Query(name),
        ParamIn::Header => Target::Header(name),
    }
}

/// Where a credential goes in the token request; `None` for API headers (sent on API calls).
fn credential_target(c: &Credential) -> Option<Target> {
    let wire: Text = c
        .wire_name
        .as_ref()
        .map_or_else(|| c.name.value.clone(), |w| w.value.clone())
        .into();
    Some(match c.place.as_ref()?.value {
        CredIn::BasicUser => Target::BasicUser,
        CredIn::BasicPassword => Target::BasicPassword,
        CredIn::Json | CredIn::Form => Target::Body(wire),
        CredIn::Query => Target::Query(wire),
        CredIn::Header => Target::Header(wire),
        CredIn::ApiHeader => return None,
    })
}

fn path(p: &Sp<Vec<String>>) -> JsonPath {
    p.value.iter().cloned().map(Text::from).collect()
}

/// The written path, or with `style: oauth2` the standard top-level field (`default`).
fn or_default(
    written: Option<&Sp<Vec<String>>>,
    oauth2: bool,
    default: Option<JsonPath>,
) -> Option<JsonPath> {
    written.map(path).or(default.filter(|_| oauth2))
}

fn lower_response(m: &Model) -> Option<ResponsePlan> {
    let r = m.response.as_ref();
    let o = m.oauth2;
    let oauth2 = ResponsePlan::OAUTH2;
    Some(ResponsePlan {
        root: r
            .and_then(|r| r.root.as_ref())
            .map(path)
            .unwrap_or_default(),
        root_json_string: r.is_some_and(|r| r.root_json_string),
        success: r
            .and_then(|r| r.success.as_ref())
            .map(|(p, v)| (path(p), v.value.clone())),
        token: or_default(r.and_then(|r| r.token.as_ref()), o, Some(oauth2.token))?,
        token_type: or_default(r.and_then(|r| r.token_type.as_ref()), o, oauth2.token_type),
        expires_in: or_default(r.and_then(|r| r.expires_in.as_ref()), o, oauth2.expires_in),
        refresh_token: or_default(
            r.and_then(|r| r.refresh_token.as_ref()),
            o,
            oauth2.refresh_token,
        ),
        scope: or_default(r.and_then(|r| r.scope.as_ref()), o, oauth2.scope),
        default_lifetime: r.and_then(|r| r.lifetime.as_ref()).map(|l| l.value),
        fields: r
            .map(|r| {
                r.fields
                    .iter()
                    .map(|f| FieldPlan {
                        name: f.name.value.clone().into(),
                        path: path(&f.path),
                        ty: f.ty,
                        required: f.required,
                        secret: f.secret.as_ref().is_some_and(|s| s.value),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    })
}

/// The written paths, or with `style: oauth2` the standard one (`default`).
fn paths(
    written: Option<&Vec<Sp<Vec<String>>>>,
    oauth2: bool,
    default: List<JsonPath>,
) -> List<JsonPath> {
    match written {
        Some(list) => list.iter().map(path).collect(),
        None if oauth2 => default,
        None => List::default(),
    }
}

fn lower_errors(m: &Model) -> ErrorPlan {
    let e = m.errors.as_ref();
    let o = m.oauth2;
    let ErrorPlan {
        code,
        message,
        details,
        variants,
    } = ErrorPlan::OAUTH2;
    ErrorPlan {
        code: paths(e.and_then(|e| e.code.as_ref()), o, code),
        message: paths(e.and_then(|e| e.message.as_ref()), o, message),
        details: paths(e.and_then(|e| e.details.as_ref()), o, details),
        variants: match e.and_then(|e| e.variants.as_ref()) {
            Some(list) => list.iter().filter_map(lower_variant).collect(),
            None if o => variants,
            None => List::default(),
        },
    }
}

fn lower_variant(v: &Variant) -> Option<VariantPlan> {
    let name = match &v.name {
        Some(n) => n.value.clone(),
        None => variant_from_code(&v.codes.first()?.value)?,
    };
    Some(VariantPlan {
        name: name.into(),
        codes: v
            .codes
            .iter()
            .map(|c| Text::from(c.value.clone()))
            .collect(),
        statuses: v.statuses.iter().map(|s| s.value).collect(),
        retry: v.retry,
        docs: v.docs.clone().map(Into::into),
    })
}

fn lower_apply(m: &Model, cred_slots: &[usize]) -> ApplyPlan {
    let a = m.apply.as_ref();
    ApplyPlan {
        header: a
            .and_then(|a| a.header.as_ref())
            .map_or(ApplyPlan::BEARER.header, |h| h.value.clone().into()),
        scheme: match a.and_then(|a| a.scheme.as_ref()) {
            Some(s) => s.value.clone().map(Into::into),
            None => ApplyPlan::BEARER.scheme,
        },
        hosts: a
            .map(|a| {
                a.hosts
                    .iter()
                    .map(|h| Text::from(h.value.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        headers: m
            .credentials
            .iter()
            .zip(cred_slots)
            .filter(|(c, _)| {
                c.place
                    .as_ref()
                    .is_some_and(|p| p.value == CredIn::ApiHeader)
            })
            .filter_map(|(c, i)| {
                Some(ApiHeader {
                    name: c.wire_name.as_ref()?.value.clone().into(),
                    slot: *i,
                })
            })
            .collect(),
    }
}
