//! YAML text to a tree of [`Node`]s that each remember where they are in the file.
//!
//! serde-saphyr's `Spanned<T>` keeps a location only when it is deserialized directly by the
//! YAML deserializer (not through flatten, untagged or internally tagged enums), so the tree is
//! read by a hand-written visitor that asks for `Spanned<Node>` for every key, value and
//! element. The model is then read from this tree key by key (`read`), which lets every
//! problem be reported, where derive with `deny_unknown_fields` stops at the first.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{DefaultMessageFormatter, DuplicateKeyPolicy, MessageFormatter, Spanned};

use crate::diagnostic::{Diagnostic, Loc};

/// A YAML value with its location.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    /// The value.
    pub value: Value,
    /// Where the value is written.
    pub loc: Loc,
}

/// The value of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer (wide enough for any `i64` or `u64`).
    Int(i128),
    /// A floating-point number.
    Float(f64),
    /// A string (quoted or plain).
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order; keys are nodes too so they keep their location.
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// What kind of YAML value this is, for "expected X, found Y" messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Parses `source` into a node tree, or returns the YAML syntax error as a located diagnostic.
pub(crate) fn parse(source: &str) -> Result<Node, Diagnostic> {
    if source.trim().is_empty() {
        return Err(Diagnostic::new("the spec is empty", Loc::new(1, 1, 0))
            .with_hint("a spec starts with `tokenspec: 1`"));
    }
    // Duplicate keys reach the visitor so `read` reports them with both locations (the
    // default policy fails the whole parse with a developer-facing message). Only YAML 1.2
    // booleans, so `scheme: no` or `value: yes` stay strings (the "Norway problem").
    let options = serde_saphyr::options! {
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
        strict_booleans: true,
    };
    match serde_saphyr::from_str_with_options::<Spanned<Node>>(source, options) {
        Ok(spanned) => Ok(from_spanned(spanned)),
        Err(err) => Err(syntax_error(&err)),
    }
}

/// Turns a serde-saphyr error into a diagnostic: the message without its location suffix
/// (the renderer prints the location itself), at the error's location when it has one.
fn syntax_error(err: &serde_saphyr::Error) -> Diagnostic {
    let inner = err.without_snippet();
    let raw = DefaultMessageFormatter.format_message(inner);
    // The formatter's text may hold control characters; keep the rendering on one line.
    let message: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let loc = match err.location() {
        Some(l) if l.line() > 0 => Loc::new(to_usize(l.line()), to_usize(l.column()).max(1), 1),
        _ => Loc::new(1, 1, 0),
    };
    // The parser notices a problem where it can no longer go on, which is often after the
    // real mistake (an unclosed `{` is found at the next key): say where to look.
    Diagnostic::new(format!("invalid YAML: {message}"), loc).with_hint(
        "check the indentation, quotes and brackets on this line and the lines before it",
    )
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

fn from_spanned(spanned: Spanned<Node>) -> Node {
    let mut node = spanned.value;
    let at = spanned.referenced;
    let len = to_usize(at.span().len());
    // Locations of anchors/aliases (and of tree roots) may be unknown (line 0): keep the
    // location the node already had from its own scalar, if any.
    if at.line() > 0 {
        node.loc = Loc::new(to_usize(at.line()), to_usize(at.column()).max(1), len);
    }
    node
}

impl Node {
    fn bare(value: Value) -> Node {
        Node {
            value,
            loc: Loc::new(0, 0, 0),
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::bare(Value::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::bare(Value::Int(i128::from(v))))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::bare(Value::Int(i128::from(v))))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
        Ok(Node::bare(Value::Int(v)))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
        Ok(Node::bare(match i128::try_from(v) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Str(v.to_string()),
        }))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::bare(Value::Float(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::bare(Value::Str(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::bare(Value::Str(v)))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Node, E> {
        Ok(Node::bare(Value::Str(
            String::from_utf8_lossy(v).into_owned(),
        )))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::bare(Value::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::bare(Value::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            items.push(from_spanned(item));
        }
        Ok(Node::bare(Value::Seq(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Node>>()? {
            let value = map.next_value::<Spanned<Node>>()?;
            entries.push((from_spanned(key), from_spanned(value)));
        }
        Ok(Node::bare(Value::Map(entries)))
    }
}
