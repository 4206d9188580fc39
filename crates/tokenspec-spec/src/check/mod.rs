//! Cross-field rules on the model, one small function per rule, each saying why it exists.
//!
//! Reading has already reported every malformed value; these rules look at values together
//! (a placement and the body encoding, a URL and the declared variables, names across
//! sections) and skip whatever reading left empty.

mod naming;
mod request;

use crate::diagnostic::Ctxt;
use crate::model::Model;

use naming::*;
use request::*;

/// Runs every rule.
pub(crate) fn check(cx: &Ctxt, m: &Model) {
    provider_name(cx, m);
    credentials_placed(cx, m);
    placement_matches_body(cx, m);
    body_params_need_body(cx, m);
    params_have_values(cx, m);
    header_names(cx, m);
    header_credentials_named(cx, m);
    basic_halves_once(cx, m);
    url_scheme(cx, m);
    url_variables_declared(cx, m);
    variables_used(cx, m);
    hosts_are_hosts(cx, m);
    setter_count(cx, m);
    setter_names(cx, m);
    setter_camel_names(cx, m);
    setter_envs_unique(cx, m);
    env_names(cx, m);
    targets_unique(cx, m);
    response_token_present(cx, m);
    field_names(cx, m);
    field_secret_is_string(cx, m);
    variant_names(cx, m);
    refresh_rules(cx, m);
}
