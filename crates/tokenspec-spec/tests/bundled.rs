//! Every bundled spec loads with no diagnostics and lowers to the facts its document states.

mod common;

use common::{bundled, bundled_names};
use tokenspec_spec::plan::{
    ApiHeader, BodyEncoding, JsonPath, Method, Placement, RateLimit, Scalar, SlotKind, Source,
    Target, Text,
};

fn p(path: &str) -> JsonPath {
    path.split('.').map(|k| Text::from(k.to_owned())).collect()
}

#[test]
fn all_bundled_specs_load() {
    for name in bundled_names() {
        let spec = bundled(name);
        assert_eq!(spec.plan.name, *name);
        assert_eq!(
            spec.slots.len(),
            spec.plan.slots.len(),
            "{name}: one SlotInfo per slot"
        );
        assert!(spec.docs.is_some(), "{name}: docs");
        assert_eq!(spec.path_label, format!("specs/{name}.yaml"));
    }
}

#[test]
fn weir() {
    let spec = bundled("weir");
    let plan = &spec.plan;
    assert_eq!(plan.method, Method::Post);
    assert_eq!(plan.url, "https://api.weir.ai/auth/token");
    assert_eq!(plan.body, BodyEncoding::None);
    assert!(!plan.basic_form_encode);
    let names: Vec<_> = plan
        .slots
        .iter()
        .map(|s| (s.name.as_ref(), s.env.as_ref(), s.secret))
        .collect();
    assert_eq!(
        names,
        [
            ("client_id", "WEIR_CLIENT_ID", false),
            ("secret_key", "WEIR_SECRET_KEY", true)
        ]
    );
    assert_eq!(
        *plan.placements,
        [
            Placement {
                target: Target::Header("Content-Type".into()),
                source: Source::Fixed("application/json".into()),
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
    assert_eq!(plan.response.token, p("data.accessToken"));
    assert_eq!(plan.response.token_type, Some(p("data.tokenType")));
    assert_eq!(plan.response.expires_in, Some(p("data.expiresIn")));
    assert_eq!(
        plan.response.success,
        Some((p("status"), Scalar::String("success".into())))
    );
    assert_eq!(
        plan.rate_limit,
        Some(RateLimit {
            requests: 10,
            per_seconds: 60
        })
    );
    assert_eq!(*plan.errors.code, [p("error.code")]);
    assert_eq!(*plan.errors.details, [p("error.details")]);
    let variants: Vec<_> = plan
        .errors
        .variants
        .iter()
        .map(|v| {
            (
                v.name.as_ref(),
                v.codes.iter().map(|c| c.as_ref()).collect::<Vec<&str>>(),
                v.statuses.to_vec(),
                v.retry,
            )
        })
        .collect();
    assert_eq!(
        variants,
        [
            (
                "InvalidCredentials",
                vec!["INVALID_CREDENTIALS"],
                vec![401],
                false
            ),
            (
                "RateLimitExceeded",
                vec!["RATE_LIMIT_EXCEEDED"],
                vec![429],
                true
            ),
        ]
    );
    assert_eq!(plan.apply.header, "Authorization");
    assert_eq!(plan.apply.scheme.as_deref(), Some("Bearer"));
    assert!(plan.refresh.is_none());
    // `client_id:` and `secret_key:` keys in specs/weir.yaml.
    assert_eq!((spec.slots[0].line, spec.slots[0].column), (25, 3));
    assert_eq!((spec.slots[1].line, spec.slots[1].column), (28, 3));
}

#[test]
fn apimw() {
    let plan = bundled("apimw").plan;
    assert_eq!(plan.body, BodyEncoding::Json);
    assert_eq!(
        *plan.placements,
        [
            Placement {
                target: Target::Body("api_key".into()),
                source: Source::Slot(0)
            },
            Placement {
                target: Target::Body("api_secret".into()),
                source: Source::Slot(1)
            },
        ]
    );
    assert_eq!(
        plan.response.success,
        Some((p("success"), Scalar::Bool(true)))
    );
    assert_eq!(plan.response.token, p("data.access_token"));
    assert_eq!(plan.response.refresh_token, Some(p("data.refresh_token")));
    assert_eq!(plan.errors.variants.len(), 1);
    assert_eq!(plan.errors.variants[0].name, "InvalidCredentials");
}

#[test]
fn skauth() {
    let spec = bundled("skauth");
    let plan = &spec.plan;
    assert_eq!(plan.url, "{api_url}/auth/token");
    assert_eq!(plan.slots[0].name, "api_url");
    assert_eq!(plan.slots[0].kind, SlotKind::Variable);
    assert_eq!(plan.slots[0].env, "SKAUTH_API_URL");
    assert_eq!(
        spec.slots[0].example.as_deref(),
        Some("https://api.example.com/v1")
    );
    assert!(
        spec.slots[0]
            .docs
            .as_deref()
            .is_some_and(|d| d.contains("${API_URL}"))
    );
    assert_eq!(plan.body, BodyEncoding::Form);
    assert_eq!(plan.response.root, p("data"));
    assert!(plan.response.root_json_string);
    assert_eq!(plan.response.token, p("access_token"));
    assert_eq!(*plan.errors.code, [p("error.code"), p("code")]);
    assert_eq!(
        *plan.errors.message,
        [p("error.message"), p("message"), p("error")]
    );
    let variants: Vec<_> = plan
        .errors
        .variants
        .iter()
        .map(|v| v.name.as_ref())
        .collect();
    assert_eq!(
        variants,
        [
            "InvalidRequest",
            "InvalidClient",
            "Forbidden",
            "NotFound",
            "ApiError"
        ]
    );
    assert_eq!(*plan.errors.variants[0].codes, ["400013"]);
    assert_eq!(*plan.errors.variants[2].statuses, [403]);
    assert!(plan.errors.variants[4].retry);
    // No grant_type: the document lists only the two credentials.
    assert!(
        plan.placements
            .iter()
            .all(|p| p.target != Target::Body("grant_type".into()))
    );
}

#[test]
fn weavy() {
    let plan = bundled("weavy").plan;
    assert_eq!(plan.url, "https://{host}/api/auth");
    assert_eq!(plan.slots[0].name, "host");
    assert_eq!(plan.slots[0].kind, SlotKind::Variable);
    assert_eq!(plan.body, BodyEncoding::Form);
    assert!(plan.basic_form_encode, "style: oauth2 default");
    assert_eq!(
        plan.placements[0],
        Placement {
            target: Target::Body("grant_type".into()),
            source: Source::Fixed("client_credentials".into()),
        }
    );
    assert_eq!(plan.response.token, p("access_token"));
    assert_eq!(*plan.errors.code, [p("error")]);
    assert_eq!(*plan.errors.message, [p("error_description")]);
    assert_eq!(plan.errors.variants.len(), 6);
}

#[test]
fn weightron() {
    let plan = bundled("weightron").plan;
    let scope = plan.slot_index("scope").expect("scope slot");
    assert_eq!(plan.slots[scope].kind, SlotKind::Param);
    assert_eq!(plan.slots[scope].default.as_deref(), Some("openid"));
    assert_eq!(plan.slots[scope].env, "WEIGHTRON_SCOPE");
    // Slots: credentials first (no variables), then the setter parameter.
    let names: Vec<_> = plan.slots.iter().map(|s| s.name.as_ref()).collect();
    assert_eq!(names, ["client_id", "client_secret", "api_key", "scope"]);
    assert!(plan.placements.contains(&Placement {
        target: Target::Body("scope".into()),
        source: Source::Slot(scope),
    }));
    let api_key = plan.slot_index("api_key").expect("api_key slot");
    assert_eq!(
        *plan.apply.headers,
        [ApiHeader {
            name: "x-api-key".into(),
            slot: api_key
        }]
    );
    // The API key is not sent to the token endpoint.
    assert!(
        plan.placements
            .iter()
            .all(|p| p.source != Source::Slot(api_key))
    );
    assert_eq!(*plan.apply.hosts, ["api.weightron.cloud"]);
    assert_eq!(plan.response.default_lifetime, Some(300));
    assert_eq!(plan.response.refresh_token, Some(p("refresh_token")));
}
