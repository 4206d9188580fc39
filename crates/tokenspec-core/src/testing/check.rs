//! Whether a request is the token request the plan describes, placement by placement.
//!
//! The checks are strict where a real provider would be and a bug in a client would hide:
//! every placement must be where the plan puts it, exactly once, and no body field, query
//! parameter or Basic header may appear that the plan does not place. Headers the plan does
//! not name (`User-Agent`, `Accept`) are allowed, as any server allows them. Messages name
//! places and setters, never the values received, which may be secrets.

use tokenspec_spec::plan::{Placement, Plan, SlotKind, Source, Target};

use super::incoming::{Basic, Incoming};
use super::route::Route;

/// What a rejected request did wrong, which decides the error the mock answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reject {
    /// Another path than the token endpoint's.
    NotFound,
    /// The right path with another method.
    MethodNotAllowed,
    /// A value missing, misplaced, duplicated or unexpected.
    BadRequest,
    /// Everything in place, but a credential differs from the configured one.
    InvalidCredentials,
    /// A refresh grant with a refresh token the mock never issued.
    InvalidGrant,
}

/// A rejected request: the kind, and a sentence for the error message and the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rejection {
    pub kind: Reject,
    pub reason: String,
}

/// An accepted request: the grant it asked for and the values the response echoes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Accepted {
    /// The scope sent, if the plan places a `scope`.
    pub scope: Option<String>,
    /// The refresh token of a refresh grant.
    pub refresh_token: Option<String>,
}

fn reject(kind: Reject, reason: String) -> Rejection {
    Rejection { kind, reason }
}

fn bad(reason: String) -> Rejection {
    reject(Reject::BadRequest, reason)
}

/// Checks `req` against the token request of `plan` (or its refresh grant, when the request
/// carries the refresh token). `expected[i]` is the value slot `i` must have; `None` accepts
/// any value.
pub(crate) fn check(
    plan: &Plan,
    route: &Route,
    expected: &[Option<String>],
    req: &Incoming,
) -> Result<Accepted, Rejection> {
    if !route.matches(&req.path) {
        return Err(reject(
            Reject::NotFound,
            format!("no token endpoint at this path (it is `{}`)", route.path()),
        ));
    }
    if req.method != plan.method.as_str() {
        return Err(reject(
            Reject::MethodNotAllowed,
            format!(
                "the token endpoint takes {}, not {}",
                plan.method.as_str(),
                req.method
            ),
        ));
    }
    let mut seen = Seen::new(plan, route, req)?;
    let refresh = plan.refresh.as_ref().filter(|r| seen.peek(&r.token_target));
    let placements: &[Placement] = refresh.map_or(&plan.placements, |r| &r.placements);

    let mut accepted = Accepted::default();
    let mut wrong_credential = None;
    for placement in placements {
        let place = describe(&placement.target);
        let value = seen.take(&placement.target)?;
        match &placement.source {
            Source::Fixed(fixed) => match value {
                Some(v) if same_fixed(&placement.target, fixed, &v) => {}
                Some(_) => return Err(bad(format!("{place} must be `{fixed}`"))),
                None => return Err(bad(format!("{place} is missing (it must be `{fixed}`)"))),
            },
            Source::Slot(i) => {
                let Some(slot) = plan.slots.get(*i) else {
                    continue;
                };
                let want = expected.get(*i).and_then(Option::as_ref);
                let Some(v) = value else {
                    let optional = slot.kind == SlotKind::Param && slot.default.is_none();
                    if optional && want.is_none() {
                        continue;
                    }
                    return Err(bad(format!("`{}` is missing from {place}", slot.name)));
                };
                if want.is_some_and(|w| *w != v) {
                    if slot.kind == SlotKind::Credential {
                        wrong_credential.get_or_insert_with(|| slot.name.clone());
                    } else {
                        return Err(bad(format!("`{}` has an unexpected value", slot.name)));
                    }
                }
                if slot.name == "scope" {
                    accepted.scope = Some(v);
                }
            }
        }
    }
    if let Some(r) = refresh {
        accepted.refresh_token = seen.take(&r.token_target)?;
    }
    seen.finish()?;
    match wrong_credential {
        Some(name) => Err(reject(
            Reject::InvalidCredentials,
            format!("`{name}` is not the configured value"),
        )),
        None => Ok(accepted),
    }
}

/// Fixed values compare exactly, except header values that are media types, which HTTP
/// compares case-insensitively.
fn same_fixed(target: &Target, fixed: &str, got: &str) -> bool {
    match target {
        Target::Header(name) if name.eq_ignore_ascii_case("content-type") => {
            fixed.eq_ignore_ascii_case(got)
        }
        _ => fixed == got,
    }
}

/// Where a target is, as the messages say it.
fn describe(target: &Target) -> String {
    match target {
        Target::BasicUser => "the Basic user".to_owned(),
        Target::BasicPassword => "the Basic password".to_owned(),
        Target::Body(n) => format!("body field `{n}`"),
        Target::Query(n) => format!("query parameter `{n}`"),
        Target::Header(n) => format!("header `{n}`"),
    }
}

/// The parts of a request, each value marked once a placement takes it, so what is left
/// over at the end is what the plan does not describe.
struct Seen<'r> {
    req: &'r Incoming,
    body: Vec<(String, String, bool)>,
    query: Vec<(String, String, bool)>,
    basic: Option<Basic>,
    basic_taken: bool,
}

impl<'r> Seen<'r> {
    fn new(plan: &Plan, route: &Route, req: &'r Incoming) -> Result<Self, Rejection> {
        let body = req
            .body_fields(plan.body)
            .map_err(bad)?
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (k, v, false))
            .collect();
        let mut query: Vec<_> = req
            .query
            .iter()
            .map(|(k, v)| (k.clone(), v.clone(), false))
            .collect();
        // Query pairs written in the token URL itself belong to the endpoint.
        for (k, v) in route.fixed_query() {
            match query
                .iter_mut()
                .find(|(qk, qv, t)| qk == k && qv == v && !t)
            {
                Some(entry) => entry.2 = true,
                None => return Err(bad(format!("query parameter `{k}` is missing"))),
            }
        }
        let basic = req.basic(plan.basic_form_encode).map_err(bad)?;
        Ok(Seen {
            req,
            body,
            query,
            basic,
            basic_taken: false,
        })
    }

    /// Whether the request carries a value at `target` (without taking it).
    fn peek(&self, target: &Target) -> bool {
        match target {
            Target::Body(n) => self.body.iter().any(|(k, _, _)| k == n),
            Target::Query(n) => self.query.iter().any(|(k, _, _)| k == n),
            Target::Header(n) => self.req.header(n).is_some(),
            Target::BasicUser | Target::BasicPassword => self.basic.is_some(),
        }
    }

    /// Takes the value at `target`; a value sent twice is an error.
    fn take(&mut self, target: &Target) -> Result<Option<String>, Rejection> {
        let twice = || bad(format!("{} is sent more than once", describe(target)));
        match target {
            Target::Body(n) => take_pair(&mut self.body, n).ok_or_else(twice),
            Target::Query(n) => take_pair(&mut self.query, n).ok_or_else(twice),
            Target::Header(n) => {
                if self.req.header_count(n) > 1 {
                    return Err(twice());
                }
                Ok(self.req.header(n).map(str::to_owned))
            }
            Target::BasicUser | Target::BasicPassword => {
                self.basic_taken = true;
                Ok(self.basic.as_ref().map(|b| match target {
                    Target::BasicUser => b.user.clone(),
                    _ => b.password.clone(),
                }))
            }
        }
    }

    /// Fails on anything no placement took.
    fn finish(self) -> Result<(), Rejection> {
        if let Some((k, _, _)) = self.body.iter().find(|(_, _, t)| !t) {
            return Err(bad(format!("body field `{k}` is not in the spec")));
        }
        if let Some((k, _, _)) = self.query.iter().find(|(_, _, t)| !t) {
            return Err(bad(format!("query parameter `{k}` is not in the spec")));
        }
        if self.basic.is_some() && !self.basic_taken {
            return Err(bad(
                "the request has Basic credentials, but the spec places none there".to_owned(),
            ));
        }
        Ok(())
    }
}

/// Marks and returns the value of `name`: `Some(None)` when absent, `None` when sent twice.
fn take_pair(pairs: &mut [(String, String, bool)], name: &str) -> Option<Option<String>> {
    let mut found = pairs.iter_mut().filter(|(k, _, t)| k == name && !t);
    let Some(first) = found.next() else {
        return Some(None);
    };
    first.2 = true;
    let value = first.1.clone();
    if found.next().is_some() {
        return None;
    }
    Some(Some(value))
}
