//! Spec features beyond the bundled specs, and the `style: oauth2` defaults.

mod common;

use common::oauth2_spec;
use tokenspec_spec::load;
use tokenspec_spec::plan::{
    BodyEncoding, FieldPlan, FieldType, JsonPath, Method, Placement, Scalar, SlotKind, Source,
    Target, Text,
};

fn p(path: &str) -> JsonPath {
    path.split('.').map(|k| Text::from(k.to_owned())).collect()
}

#[test]
fn oauth2_defaults() {
    let plan = load(&oauth2_spec(""), "acme.yaml").expect("valid").plan;
    assert_eq!(plan.body, BodyEncoding::Form);
    assert!(plan.basic_form_encode);
    assert_eq!(
        *plan.placements,
        [
            Placement {
                target: Target::Body("grant_type".into()),
                source: Source::Fixed("client_credentials".into()),
            },
            Placement {
                target: Target::BasicUser,
                source: Source::Slot(0)
            },
            Placement {
                target: Target::BasicPassword,
                source: Source::Slot(1)
            },
        ]
    );
    let r = &plan.response;
    assert_eq!(r.token, p("access_token"));
    assert_eq!(r.token_type, Some(p("token_type")));
    assert_eq!(r.expires_in, Some(p("expires_in")));
    assert_eq!(r.refresh_token, Some(p("refresh_token")));
    assert_eq!(r.scope, Some(p("scope")));
    assert!(r.root.is_empty());
    assert_eq!(*plan.errors.code, [p("error")]);
    assert_eq!(*plan.errors.message, [p("error_description")]);
    assert_eq!(*plan.errors.details, [p("error_uri")]);
    let variants: Vec<_> = plan
        .errors
        .variants
        .iter()
        .map(|v| {
            (
                v.name.as_ref(),
                v.codes[0].as_ref(),
                v.statuses.to_vec(),
                v.retry,
            )
        })
        .collect();
    assert_eq!(
        variants,
        [
            ("InvalidRequest", "invalid_request", vec![], false),
            ("InvalidClient", "invalid_client", vec![401], false),
            ("InvalidGrant", "invalid_grant", vec![], false),
            ("UnauthorizedClient", "unauthorized_client", vec![], false),
            (
                "UnsupportedGrantType",
                "unsupported_grant_type",
                vec![],
                false
            ),
            ("InvalidScope", "invalid_scope", vec![], false),
        ]
    );
    assert!(plan.errors.variants.iter().all(|v| v.docs.is_some()));
}

#[test]
fn written_keys_win_over_oauth2_defaults() {
    let source = oauth2_spec(
        "response:\n  token: data.token\nerrors:\n  code: code\n  variants:\n    - code: [slow_down, SLOW]\n      status: [429, 503]\n      retry: true\n",
    )
    .replace(
        "  url: https://auth.acme.example/token\n",
        "  url: https://auth.acme.example/token\n  basic_form_encode: false\n  params:\n    grant_type: password\n",
    );
    let plan = load(&source, "t").expect("valid").plan;
    assert!(!plan.basic_form_encode);
    assert_eq!(plan.response.token, p("data.token"));
    assert_eq!(
        plan.response.token_type,
        Some(p("token_type")),
        "unwritten keys keep defaults"
    );
    assert_eq!(*plan.errors.code, [p("code")]);
    assert_eq!(*plan.errors.message, [p("error_description")]);
    assert_eq!(plan.errors.variants.len(), 1);
    let v = &plan.errors.variants[0];
    assert_eq!(
        (v.name.as_ref(), v.codes.len(), &*v.statuses, v.retry),
        ("SlowDown", 2, &[429, 503][..], true)
    );
    let grant: Vec<_> = plan
        .placements
        .iter()
        .filter(|p| p.target == Target::Body("grant_type".into()))
        .collect();
    assert_eq!(grant.len(), 1);
    assert_eq!(grant[0].source, Source::Fixed("password".into()));
}

#[test]
fn every_placement_and_option() {
    let source = "\
tokenspec: 1
name: full
variables:
  tenant: Tenant id.
  region:
    env: FULL_REGION_NAME
token:
  url: \"https://{region}.example.com/{tenant}/token\"
  method: PUT
  body: json
  headers:
    Accept: application/json
  params:
    audience: api
    scope: { value: read, in: query, setter: true, docs: Scopes., example: read write }
    x-trace: { value: \"1\", in: header }
credentials:
  id: { in: query, name: clientId, secret: false }
  secret: { in: header, name: X-Secret }
  key: { in: json, name: apiKey, docs: The key., example: k-123 }
  user: basic-user
  pass: basic-password
  extra: { in: api-header, name: X-Extra }
response:
  root: data
  success: { path: ok, equals: 1 }
  token: token
  scope: granted.0
  refresh_token: rt
  lifetime: 60
  fields:
    account: account.id
    level: { path: lvl, type: integer, required: true }
    blob: { type: json }
    sig: { path: s, secret: true }
errors:
  message: [error, msg]
apply:
  header: X-Token
  scheme: none
  hosts: [\"{region}.api.example.com\"]
refresh:
  params:
    grant_type: refresh_token
  token_param: refresh
";
    let spec =
        load(source, "full.yaml").unwrap_or_else(|d| panic!("{}", d.render(source, "full.yaml")));
    let plan = &spec.plan;
    assert_eq!(plan.method, Method::Put);
    assert_eq!(plan.body, BodyEncoding::Json);
    assert!(!plan.basic_form_encode);
    let slots: Vec<_> = plan
        .slots
        .iter()
        .map(|s| (s.name.as_ref(), s.kind, s.env.as_ref()))
        .collect();
    assert_eq!(
        slots,
        [
            ("tenant", SlotKind::Variable, "FULL_TENANT"),
            ("region", SlotKind::Variable, "FULL_REGION_NAME"),
            ("id", SlotKind::Credential, "FULL_ID"),
            ("secret", SlotKind::Credential, "FULL_SECRET"),
            ("key", SlotKind::Credential, "FULL_KEY"),
            ("user", SlotKind::Credential, "FULL_USER"),
            ("pass", SlotKind::Credential, "FULL_PASS"),
            ("extra", SlotKind::Credential, "FULL_EXTRA"),
            ("scope", SlotKind::Param, "FULL_SCOPE"),
        ]
    );
    assert!(!plan.slots[2].secret && plan.slots[3].secret);
    assert_eq!(spec.slots[0].docs.as_deref(), Some("Tenant id."));
    assert_eq!((spec.slots[0].line, spec.slots[0].column), (4, 3));
    assert_eq!(spec.slots[4].example.as_deref(), Some("k-123"));
    assert_eq!(spec.slots[8].docs.as_deref(), Some("Scopes."));
    assert_eq!(spec.slots[8].line, 15);
    let targets: Vec<_> = plan
        .placements
        .iter()
        .map(|p| (p.target.clone(), p.source.clone()))
        .collect();
    assert_eq!(
        targets,
        [
            (
                Target::Header("Accept".into()),
                Source::Fixed("application/json".into())
            ),
            (Target::Body("audience".into()), Source::Fixed("api".into())),
            (Target::Query("scope".into()), Source::Slot(8)),
            (Target::Header("x-trace".into()), Source::Fixed("1".into())),
            (Target::Query("clientId".into()), Source::Slot(2)),
            (Target::Header("X-Secret".into()), Source::Slot(3)),
            (Target::Body("apiKey".into()), Source::Slot(4)),
            (Target::BasicUser, Source::Slot(5)),
            (Target::BasicPassword, Source::Slot(6)),
        ]
    );
    assert_eq!(plan.slots[8].default.as_deref(), Some("read"));
    let r = &plan.response;
    assert_eq!(r.root, p("data"));
    assert_eq!(r.success, Some((p("ok"), Scalar::Integer(1))));
    assert_eq!(r.scope, Some(p("granted.0")));
    assert_eq!(r.token_type, None, "no defaults without style");
    assert_eq!(r.default_lifetime, Some(60));
    assert_eq!(
        *r.fields,
        [
            FieldPlan {
                name: "account".into(),
                path: p("account.id"),
                ty: FieldType::String,
                required: false,
                secret: false
            },
            FieldPlan {
                name: "level".into(),
                path: p("lvl"),
                ty: FieldType::Integer,
                required: true,
                secret: false
            },
            FieldPlan {
                name: "blob".into(),
                path: p("blob"),
                ty: FieldType::Json,
                required: false,
                secret: false
            },
            FieldPlan {
                name: "sig".into(),
                path: p("s"),
                ty: FieldType::String,
                required: false,
                secret: true
            },
        ]
    );
    assert_eq!(*plan.errors.message, [p("error"), p("msg")]);
    assert!(plan.errors.code.is_empty() && plan.errors.variants.is_empty());
    assert_eq!(plan.apply.header, "X-Token");
    assert_eq!(plan.apply.scheme, None);
    assert_eq!(*plan.apply.hosts, ["{region}.api.example.com"]);
    assert_eq!(plan.apply.headers.len(), 1);
    assert_eq!(plan.apply.headers[0].slot, 7);
    let refresh = plan.refresh.as_ref().expect("refresh");
    assert_eq!(refresh.token_target, Target::Body("refresh".into()));
    assert!(refresh.placements.contains(&Placement {
        target: Target::Body("grant_type".into()),
        source: Source::Fixed("refresh_token".into()),
    }));
    assert!(refresh.placements.contains(&Placement {
        target: Target::BasicUser,
        source: Source::Slot(5)
    }));
}
