//! The differential check of the fast path against the YAML crate: whenever the fast path
//! answers, the crate must give the same entries (same keys, lines, typed values in the same
//! order, and the same text for every scalar). Used by the unit tests, the property tests in
//! `tests/it/fuzz_props.rs` and `examples/fuzz.rs`.

use serde_yaml::Value;

use super::{Entry, Node};

/// What the fast path did with a text.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It left the text to the crate.
    Declined,
    /// It answered, and the crate agrees.
    Agreed,
    /// It answered differently from the crate (a bug): what differs.
    Disagreed(String),
}

/// Parses `text` with the fast path and, if it answers, with the crate, and compares.
pub fn compare(text: &str) -> Outcome {
    let Some(fast) = super::fast::parse_mapping(text) else {
        return Outcome::Declined;
    };
    let slow = match super::parse_mapping_with_crate(text) {
        Ok(slow) => slow,
        Err(e) => {
            return Outcome::Disagreed(format!(
                "the fast path accepted what the crate rejects ({e:?})"
            ));
        }
    };
    let equal = fast.len() == slow.len()
        && fast
            .iter()
            .zip(&slow)
            .all(|(f, s)| f.key == s.key && f.line == s.line && same_node(&f.value, &s.value));
    if equal {
        Outcome::Agreed
    } else {
        Outcome::Disagreed(format!(
            "fast:  {:?}\ncrate: {:?}",
            show(&fast),
            show(&slow)
        ))
    }
}

fn show(entries: &[Entry]) -> Vec<String> {
    entries
        .iter()
        .map(|e| format!("{}@{}={:?}", e.key, e.line, e.value))
        .collect()
}

/// Strict equality: unlike `Value`'s `PartialEq`, mapping order matters.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Mapping(a), Value::Mapping(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b.iter())
                    .all(|((ka, va), (kb, vb))| same(ka, kb) && same(va, vb))
        }
        (Value::Sequence(a), Value::Sequence(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b))
        }
        _ => a == b,
    }
}

/// Same value and the same text shown for every scalar in it (keys included).
fn same_node(a: &Node, b: &Node) -> bool {
    if !same(&a.value, &b.value) || a.as_scalar_text() != b.as_scalar_text() {
        return false;
    }
    let items_agree = match (a.as_sequence(), b.as_sequence()) {
        (Some(a), Some(b)) => a.len() == b.len() && a.iter().zip(&b).all(|(a, b)| same_node(a, b)),
        (a, b) => a.is_none() && b.is_none(),
    };
    let entries_agree = match (a.as_mapping(), b.as_mapping()) {
        (Some(a), Some(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(&b)
                    .all(|((ka, va), (kb, vb))| ka == kb && same_node(va, vb))
        }
        (a, b) => a.is_none() && b.is_none(),
    };
    items_agree && entries_agree
}
