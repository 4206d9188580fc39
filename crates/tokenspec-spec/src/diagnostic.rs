//! Located errors in a spec, and their rustc-style rendering.
//!
//! Every problem found while reading or checking a spec becomes a [`Diagnostic`] that points
//! at the offending text (line, column, length). [`Diagnostics::render`] prints them the way
//! rustc prints its own errors, so a spec error inside a `cargo build` looks like the rest:
//!
//! ```text
//! error: unknown key `urll` in `token`
//!   --> specs/weir.yaml:14:3
//!    |
//! 14 |   urll: https://api.weir.ai/auth/token
//!    |   ^^^^
//!    = help: did you mean `url`?
//! ```

use std::cell::RefCell;
use std::fmt::{self, Write as _};

/// A place in the spec's source: 1-based line and column (in characters) and the length of
/// the offending text in characters (0 when it is a point, such as the end of the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub(crate) struct Loc {
    pub line: usize,
    pub column: usize,
    pub len: usize,
}

impl Loc {
    pub(crate) fn new(line: usize, column: usize, len: usize) -> Loc {
        Loc { line, column, len }
    }
}

/// One error in a spec, pointing at the offending text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// What is wrong (`unknown key `urll` in `token``).
    pub message: String,
    /// How to fix it (`did you mean `url`?`), when there is something useful to say.
    pub hint: Option<String>,
    /// 1-based line of the offending text (0 when unknown).
    pub line: usize,
    /// 1-based column, in characters, of the offending text (0 when unknown).
    pub column: usize,
    /// Length of the offending text in characters (at least one caret is always drawn).
    pub len: usize,
}

impl Diagnostic {
    pub(crate) fn new(message: impl Into<String>, loc: Loc) -> Diagnostic {
        Diagnostic {
            message: message.into(),
            hint: None,
            line: loc.line,
            column: loc.column,
            len: loc.len,
        }
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    /// `line:column: message` (just the message when it has no location), without the
    /// source snippet (see [`Diagnostics::render`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: ", self.line, self.column)?;
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (help: {hint})")?;
        }
        Ok(())
    }
}

/// Every error found in a spec, sorted by position.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Renders every diagnostic rustc-style, one after another, each with the path label,
    /// line and column, the source line and a caret under the offending text.
    pub fn render(&self, source: &str, path_label: &str) -> String {
        let lines: Vec<&str> = source.lines().collect();
        let mut out = String::new();
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            render_one(&mut out, d, &lines, path_label);
        }
        out
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Iterates over the diagnostics in position order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }
}

impl fmt::Display for Diagnostics {
    /// One `line:column: message` per line (see [`Diagnostics::render`] for the full form).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_char('\n')?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

fn render_one(out: &mut String, d: &Diagnostic, lines: &[&str], path_label: &str) {
    let _ = writeln!(out, "error: {}", d.message);
    let text = d
        .line
        .checked_sub(1)
        .and_then(|i| lines.get(i))
        .map(|l| l.trim_end_matches('\r'));
    let number = d.line.to_string();
    let pad = " ".repeat(number.len());
    if d.line == 0 {
        // About the whole file (it is too large to read): no line to show.
        let _ = writeln!(out, "{pad}--> {path_label}");
    } else {
        let _ = writeln!(out, "{pad}--> {path_label}:{}:{}", d.line, d.column);
    }
    if let Some(text) = text {
        // Tabs would misalign the caret; show them as one space each.
        let shown: String = text
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        let width = shown.chars().count();
        let start = d.column.saturating_sub(1).min(width);
        // Never draw past the end of the line (a mapping's span covers several lines).
        let len = d.len.min(width.saturating_sub(start)).max(1);
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{number} | {shown}");
        let _ = writeln!(out, "{pad} | {}{}", " ".repeat(start), "^".repeat(len));
    }
    if let Some(hint) = &d.hint {
        let _ = writeln!(out, "{pad} = help: {hint}");
    }
}

/// Error accumulator: reading and checking push every problem here and carry on, so one run
/// reports all of a spec's errors (serde_derive's `Ctxt`, without the drop bomb: this crate
/// never panics).
#[derive(Default)]
pub(crate) struct Ctxt {
    errors: RefCell<Vec<Diagnostic>>,
}

impl Ctxt {
    pub(crate) fn new() -> Ctxt {
        Ctxt::default()
    }

    /// Records an error without a hint.
    pub(crate) fn error(&self, loc: Loc, message: impl Into<String>) {
        self.push(Diagnostic::new(message, loc));
    }

    /// Records an error with a hint.
    pub(crate) fn error_hint(&self, loc: Loc, message: impl Into<String>, hint: impl Into<String>) {
        self.push(Diagnostic::new(message, loc).with_hint(hint));
    }

    pub(crate) fn push(&self, d: Diagnostic) {
        self.errors.borrow_mut().push(d);
    }

    /// Whether any error has been recorded.
    pub(crate) fn has_errors(&self) -> bool {
        !self.errors.borrow().is_empty()
    }

    /// All errors, sorted by position and deduplicated, or `Ok` when there are none.
    pub(crate) fn finish(self) -> Result<(), Diagnostics> {
        let mut errors = self.errors.into_inner();
        if errors.is_empty() {
            return Ok(());
        }
        errors.sort_by_key(|d| (d.line, d.column));
        errors.dedup();
        Err(Diagnostics(errors))
    }
}
