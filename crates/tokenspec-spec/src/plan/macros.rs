//! The plan's literal macros, `#[macro_export]`ed under hidden names and re-exported by
//! [`plan`](super) as `path!`, `paths!` and `variant!`.

/// A [`JsonPath`](super::JsonPath) of literal keys: `path!("data", "accessToken")` is `data.accessToken`, and
/// `path!()` the document itself.
///
/// It stands for `Cow::Borrowed(&[Cow::Borrowed("data"), Cow::Borrowed("accessToken")])`,
/// which is a constant (a slice of literals is promoted to `'static`), so it may be passed to
/// a `const fn` in a `static`.
///
/// ```
/// use tokenspec_spec::plan::{self, JsonPath};
/// static TOKEN: JsonPath = plan::path!("data", "accessToken");
/// assert_eq!(TOKEN.join("."), "data.accessToken");
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __plan_path {
    ($($key:literal),* $(,)?) => {
        ::std::borrow::Cow::Borrowed(&[$(::std::borrow::Cow::Borrowed($key)),*])
    };
}

/// A list of [`JsonPath`](super::JsonPath)s, each written as the keys of [`path!`](super::path) in brackets:
/// `paths![["error", "code"], ["code"]]` tries `error.code`, then `code`.
///
/// ```
/// use tokenspec_spec::plan::{self, JsonPath, List};
/// static CODE: List<JsonPath> = plan::paths![["error", "code"], ["code"]];
/// assert_eq!(CODE[1], plan::path!("code"));
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __plan_paths {
    ($([$($key:literal),* $(,)?]),* $(,)?) => {
        ::std::borrow::Cow::Borrowed(&[$($crate::plan::path!($($key),*)),*])
    };
}

/// A [`VariantPlan`](super::VariantPlan) of literals: `variant!(name, [codes..], [statuses..], retry, docs)`, the
/// arguments of [`VariantPlan::new`](super::VariantPlan::new) with the codes written as plain strings and `docs` (a
/// string) left out when there are none.
///
/// It expands to a struct literal, not to a call: a constant holding only literals (like
/// [`ErrorPlan::OAUTH2`](super::ErrorPlan::OAUTH2)) can be the base of a struct update in a `static`, where one holding
/// a `const fn`'s result cannot (the compiler must assume the result needs dropping).
///
/// ```
/// use tokenspec_spec::plan::{self, VariantPlan};
/// static EXPIRED: VariantPlan = plan::variant!("Expired", ["E42"], [401], true, "Expired.");
/// assert_eq!(EXPIRED.docs.as_deref(), Some("Expired."));
/// assert_eq!(plan::variant!("Busy", [], [503], true).docs, None);
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __plan_variant {
    ($name:literal, [$($code:literal),* $(,)?], [$($status:literal),* $(,)?], $retry:literal $(,)?) => {
        $crate::plan::VariantPlan {
            name: ::std::borrow::Cow::Borrowed($name),
            codes: $crate::plan::path!($($code),*),
            statuses: ::std::borrow::Cow::Borrowed(&[$($status),*]),
            retry: $retry,
            docs: ::core::option::Option::None,
        }
    };
    ($name:literal, [$($code:literal),* $(,)?], [$($status:literal),* $(,)?], $retry:literal, $docs:literal $(,)?) => {
        $crate::plan::VariantPlan {
            name: ::std::borrow::Cow::Borrowed($name),
            codes: $crate::plan::path!($($code),*),
            statuses: ::std::borrow::Cow::Borrowed(&[$($status),*]),
            retry: $retry,
            docs: ::core::option::Option::Some(::std::borrow::Cow::Borrowed($docs)),
        }
    };
}
