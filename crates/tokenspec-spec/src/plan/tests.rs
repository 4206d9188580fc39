use super::*;

/// Generated plans use the constants as bases of struct updates in a `static`, which
/// compiles only while they hold literals (a `const fn`'s result may need dropping).
static UPDATED: Plan = Plan {
    name: Cow::Borrowed("p"),
    response: ResponsePlan {
        root: path!("data"),
        ..ResponsePlan::OAUTH2
    },
    errors: ErrorPlan {
        code: paths![["error", "code"], ["code"]],
        ..ErrorPlan::OAUTH2
    },
    apply: ApplyPlan {
        scheme: None,
        ..ApplyPlan::BEARER
    },
    ..Plan::DEFAULTS
};

#[test]
fn struct_updates_keep_the_base_fields() {
    assert_eq!(UPDATED.url, "");
    assert_eq!(UPDATED.response.token, ResponsePlan::OAUTH2.token);
    assert_eq!(UPDATED.errors.code[1], path!("code"));
    assert_eq!(UPDATED.errors.variants, ErrorPlan::OAUTH2.variants);
    assert_eq!(UPDATED.apply.header, "Authorization");
}

#[test]
fn the_variant_macro_is_the_constructor() {
    let by_macro = variant!("Busy", ["E1", "E2"], [429, 503], true, "Try later.");
    let by_new = VariantPlan::new(
        "Busy",
        &[Cow::Borrowed("E1"), Cow::Borrowed("E2")],
        &[429, 503],
        true,
        Some("Try later."),
    );
    assert_eq!(by_macro, by_new);
    assert_eq!(
        variant!("Gone", [], [410], false),
        VariantPlan::new("Gone", &[], &[410], false, None)
    );
}
