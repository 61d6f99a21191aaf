//! A fast path for the small subset of YAML that front matter is written in.
//!
//! `parse_mapping` returns exactly the entries the YAML crate would produce, or `None`
//! ("not sure") for anything outside a strict subset, in which case the caller falls back
//! to the crate. Correctness beats coverage: every doubt is a `None`.
//!
//! The subset: `key: value` lines with plain keys (`[A-Za-z_][A-Za-z0-9_-]*`), comment and
//! blank lines, and values that are single-line scalars (plain, single- or double-quoted),
//! one-line flow sequences of scalars, nothing (null), or indented blocks: mappings and
//! sequences (`- ` at the parent key's indent or deeper) whose items are scalars, flow
//! sequences or `- key: value` mappings. No tabs, `\r`, anchors, tags, block scalars,
//! multi-line scalars, trailing comments, flow mappings or nested flow sequences.

use serde_yaml::{Mapping, Value};

use super::{Entry, Node};

mod scalars;
#[cfg(test)]
mod tests;

use scalars::{inline_value, is_keyword};

/// Deeper nesting than this is left to the crate (it has its own recursion limit).
const MAX_DEPTH: usize = 32;
/// Longer mappings are left to the crate (the repeated-key check is quadratic).
const MAX_KEYS: usize = 256;
/// libyaml limits simple keys to 1024 characters; stay far below.
const MAX_KEY_LEN: usize = 128;

/// One non-blank, non-comment line: its 1-based number, its indentation in spaces and
/// its text after the indentation.
#[derive(Clone, Copy)]
struct Line<'a> {
    no: usize,
    indent: usize,
    text: &'a str,
}

/// The entries of `text` as [`super::parse_mapping`] would return them, or `None` when the
/// text is outside the subset this parser is sure about.
pub(super) fn parse_mapping(text: &str) -> Option<Vec<Entry>> {
    if !characters_are_plain(text) {
        return None;
    }
    let mut lines = Vec::with_capacity(32);
    for (index, raw) in text.split('\n').enumerate() {
        let trimmed = raw.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if raw.starts_with("---") || raw.starts_with("...") {
            return None;
        }
        lines.push(Line {
            no: index + 1,
            indent: raw.len() - trimmed.len(),
            text: trimmed,
        });
    }
    let Some(first) = lines.first().copied() else {
        return Some(Vec::new());
    };
    if first.indent != 0 {
        return None;
    }
    let mut parser = Parser { lines, pos: 1 };
    let entries = parser.block_entries(0, first, 0)?;
    if parser.pos != parser.lines.len() {
        return None;
    }
    let entries = entries
        .into_iter()
        .enumerate()
        .map(|(index, (key, line, value))| Entry {
            key: key.to_owned(),
            line,
            value: Node::of_value(value, index),
        })
        .collect();
    Some(entries)
}

/// No tabs, carriage returns, control characters, byte order marks or the Unicode line
/// breaks libyaml knows (NEL, LS, PS): one pass over the UTF-8 bytes.
fn characters_are_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if (b < 0x20 && b != b'\n') || b == 0x7f {
                return false;
            }
        } else {
            let next = bytes.get(i + 1).copied().unwrap_or(0);
            let after = bytes.get(i + 2).copied().unwrap_or(0);
            let bad = match b {
                // U+0080..U+009F (C1 controls, NEL)
                0xc2 => next < 0xa0,
                // U+2028, U+2029
                0xe2 => next == 0x80 && (after == 0xa8 || after == 0xa9),
                // U+FEFF, U+FFFE, U+FFFF
                0xef => (next == 0xbb && after == 0xbf) || (next == 0xbf && after >= 0xbe),
                _ => false,
            };
            if bad {
                return false;
            }
        }
        i += 1;
    }
    true
}

struct Parser<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<Line<'a>> {
        self.lines.get(self.pos).copied()
    }

    /// A block mapping whose keys sit at column `indent`, starting with `first` (already
    /// consumed), as (key, line of the key, value) in document order.
    fn block_entries(
        &mut self,
        indent: usize,
        first: Line<'a>,
        depth: usize,
    ) -> Option<Vec<(&'a str, usize, Value)>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut entries: Vec<(&'a str, usize, Value)> = Vec::new();
        let mut line = first;
        loop {
            let (key, rest) = split_key(line.text)?;
            // Mappings are small: a linear search for a repeated key beats hashing.
            if entries.len() >= MAX_KEYS || entries.iter().any(|(k, _, _)| *k == key) {
                return None;
            }
            let rest = rest.trim_start_matches(' ');
            let value = if rest.is_empty() {
                self.block_value(indent, depth + 1)?
            } else {
                inline_value(rest)?
            };
            entries.push((key, line.no, value));
            match self.peek() {
                Some(next) if next.indent == indent => {
                    self.pos += 1;
                    line = next;
                }
                // A deeper line that nothing consumed: a continuation or bad indentation.
                Some(next) if next.indent > indent => return None,
                _ => break,
            }
        }
        Some(entries)
    }

    /// [`Self::block_entries`] as a YAML mapping.
    fn block_mapping(&mut self, indent: usize, first: Line<'a>, depth: usize) -> Option<Mapping> {
        let entries = self.block_entries(indent, first, depth)?;
        let mut mapping = Mapping::with_capacity(entries.len());
        for (key, _, value) in entries {
            mapping.insert(Value::String(key.to_owned()), value);
        }
        Some(mapping)
    }

    /// The value of a key written with nothing after its colon, the key being at column
    /// `key_indent`: a nested block, or null.
    fn block_value(&mut self, key_indent: usize, depth: usize) -> Option<Value> {
        match self.peek() {
            Some(next) if is_item(next.text) && next.indent >= key_indent => {
                self.block_sequence(next.indent, depth).map(Value::Sequence)
            }
            Some(next) if next.indent > key_indent => {
                self.pos += 1;
                self.block_mapping(next.indent, next, depth)
                    .map(Value::Mapping)
            }
            _ => Some(Value::Null),
        }
    }

    /// A block sequence whose dashes sit at column `indent`.
    fn block_sequence(&mut self, indent: usize, depth: usize) -> Option<Vec<Value>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut items = Vec::new();
        while let Some(line) = self.peek() {
            if line.indent != indent {
                if line.indent > indent {
                    return None;
                }
                break;
            }
            let Some(rest) = line.text.strip_prefix("- ") else {
                // Not an item: the parent decides (an indentless sequence ends here).
                break;
            };
            self.pos += 1;
            let body = rest.trim_start_matches(' ');
            if body.is_empty() || body.starts_with('-') {
                return None;
            }
            let item = if split_key(body).is_some() {
                let column = indent + (line.text.len() - body.len());
                let first = Line {
                    no: line.no,
                    indent: column,
                    text: body,
                };
                Value::Mapping(self.block_mapping(column, first, depth + 1)?)
            } else {
                inline_value(body)?
            };
            items.push(item);
        }
        Some(items)
    }
}

fn is_item(text: &str) -> bool {
    text.starts_with("- ")
}

/// Splits `key: rest` / `key:` into the key and what follows the colon, for plain keys
/// the crate reads as strings.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    if !bytes.first()?.is_ascii_alphabetic() && bytes[0] != b'_' {
        return None;
    }
    let len = bytes[1..]
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-'))?
        + 1;
    if bytes[len] != b':' || len > MAX_KEY_LEN {
        return None;
    }
    let key = &text[..len];
    let rest = &text[len + 1..];
    if !(rest.is_empty() || rest.starts_with(' ')) || is_keyword(key) {
        return None;
    }
    Some((key, rest))
}
