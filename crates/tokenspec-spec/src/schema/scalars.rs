//! Values the loader reads by hand and no Rust type describes exactly: free text that may be
//! an unquoted number, response paths, HTTP statuses, names. Each is a unit struct with its
//! schema written out, inlined where it is used (except `Path`, a shared definition).

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

macro_rules! inline_schema {
    ($(#[$doc:meta])* $name:ident, $schema:tt) => {
        inline_schema!($(#[$doc])* $name, $schema, true);
    };
    ($(#[$doc:meta])* $name:ident, $schema:tt, $inline:literal) => {
        $(#[$doc])*
        pub(super) struct $name;

        impl JsonSchema for $name {
            fn inline_schema() -> bool {
                $inline
            }
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($name))
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    };
}

inline_schema!(
    /// `tokenspec: 1`.
    Version,
    { "const": 1 }
);

inline_schema!(
    /// Free text (docs, examples, fixed values): a string, or a number or boolean written
    /// unquoted, read as its text.
    Text,
    { "type": ["string", "number", "boolean"] }
);

inline_schema!(
    /// A value a success discriminator compares with.
    Equals,
    {
        "description": "The value the path must hold: a string, boolean or integer.",
        "type": ["string", "boolean", "integer"]
    }
);

inline_schema!(
    /// A dot-separated response path (`data.accessToken`; a number indexes an array).
    Path,
    {
        "description": "A dot-separated path into the JSON response (`data.accessToken`); a number indexes an array.",
        "type": ["string", "integer"],
        "pattern": "^[^.\\s]+(\\.[^.\\s]+)*$"
    },
    // Used by a dozen keys: one definition, referenced.
    false
);

inline_schema!(
    /// An HTTP status.
    Status,
    { "type": "integer", "minimum": 100, "maximum": 599 }
);

inline_schema!(
    /// A snake_case name (provider, setters, fields).
    SnakeName,
    { "type": "string", "pattern": "^[a-z][a-z0-9]*(_[a-z0-9]+)*$" }
);

inline_schema!(
    /// An environment variable's name.
    EnvName,
    {
        "description": "Environment variable read by `from_env`: uppercase letters, digits and `_`.",
        "type": "string",
        "pattern": "^[A-Z_][A-Z0-9_]*$"
    }
);

inline_schema!(
    /// An HTTP header name (an RFC 9110 token).
    HeaderName,
    { "type": "string", "pattern": "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$" }
);

inline_schema!(
    /// `apply.scheme`: a word, or `none` / null for the bare token.
    Scheme,
    {
        "description": "Scheme before the token (default `Bearer`); `none` or an empty value sends the bare token.",
        "anyOf": [{ "type": "string" }, { "const": null }]
    }
);

inline_schema!(
    /// `limits.rate`.
    Rate,
    {
        "description": "N/second, N/minute or N/hour, e.g. `10/minute`.",
        "type": "string",
        "pattern": "^\\s*[0-9]+\\s*/\\s*(second|minute|hour)\\s*$"
    }
);
