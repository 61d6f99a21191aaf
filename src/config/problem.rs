//! A bad value inside a site.yaml setting: which node it is about and what is wrong. The
//! readers of nested settings (`style:`, `taxonomies:`, `related:`, `feeds:`) collect these
//! for every bad part they find, and `parse_config` turns them into diagnostics at the
//! node's own line and column once it has the file's text.

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::yaml::{Entry, Node, Place};

use super::CONFIG_FILE;

/// One thing wrong inside a setting.
#[derive(Debug)]
pub(super) struct Problem {
    place: Place,
    message: String,
    hint: Option<String>,
}

/// A setting's value, or everything wrong with it.
pub(super) type Checked<T> = Result<T, Vec<Problem>>;

impl Problem {
    /// Something wrong with the value `node`.
    pub(super) fn value(node: &Node, message: impl Into<String>) -> Problem {
        Problem {
            place: node.place(),
            message: message.into(),
            hint: None,
        }
    }

    /// Something wrong with the key the value `node` is written under.
    pub(super) fn key(node: &Node, message: impl Into<String>) -> Problem {
        Problem {
            place: node.key_place(),
            message: message.into(),
            hint: None,
        }
    }

    /// A key that is not one of `known` (the value under it is `node`): the message, and
    /// the close match as a hint, as for the top-level keys.
    pub(super) fn unknown_key(node: &Node, key: &str, known: &[&str], message: String) -> Problem {
        Problem {
            place: node.key_place(),
            message,
            hint: did_you_mean(key, known.iter().copied()).map(|k| format!("did you mean `{k}`?")),
        }
    }

    pub(super) fn with_hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }

    /// The error for site.yaml's `text`, in the words "bad value for `key`: …" of the
    /// top-level `entry` the problem is in.
    pub(super) fn into_diagnostic(self, entry: &Entry, text: &str) -> Diagnostic {
        let (line, col) = position(&self.place, entry, text);
        let mut d = Diagnostic::error(
            CONFIG_FILE,
            line,
            col,
            format!("bad value for `{}`: {}", entry.key, self.message),
        );
        if let Some(hint) = self.hint {
            d = d.with_hint(hint);
        }
        d.with_source_line(text)
    }
}

/// The line and column of `place`, a node inside `entry`. Should it not be found, the line
/// of the entry's key is still right.
pub(super) fn position(place: &Place, entry: &Entry, text: &str) -> (usize, usize) {
    place.locate(text).unwrap_or((entry.line, 1))
}

/// `Ok` with `value` when nothing was found wrong.
pub(super) fn checked<T>(value: T, problems: Vec<Problem>) -> Checked<T> {
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}
