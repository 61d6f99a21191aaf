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
        .map(|(key, line, value)| Entry {
            key: key.to_owned(),
            line,
            value: Node(value),
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

/// A value written on the key's (or dash's) line; `text` is non-empty and starts with
/// no space.
fn inline_value(text: &str) -> Option<Value> {
    match text.as_bytes()[0] {
        b'"' => {
            let (s, rest) = double_quoted(text)?;
            only_spaces(rest).then_some(Value::String(s))
        }
        b'\'' => {
            let (s, rest) = single_quoted(text)?;
            only_spaces(rest).then_some(Value::String(s))
        }
        b'[' => flow_sequence(text),
        _ => plain(text.trim_end_matches(' '), false),
    }
}

fn only_spaces(text: &str) -> bool {
    text.bytes().all(|b| b == b' ')
}

/// A double-quoted string closed on the same line, with only the escapes `\"`, `\\`,
/// `\/`, `\n` and `\t`; returns it and the text after the closing quote.
fn double_quoted(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut start = 0;
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                out.push_str(&body[start..i]);
                return Some((out, &body[i + 1..]));
            }
            b'\\' => {
                out.push_str(&body[start..i]);
                out.push(match bytes.get(i + 1)? {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'n' => '\n',
                    b't' => '\t',
                    _ => return None,
                });
                i += 2;
                start = i;
            }
            _ => i += 1,
        }
    }
    None
}

/// A single-quoted string closed on the same line (`''` is a quote); returns it and the
/// text after the closing quote.
fn single_quoted(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('\'')?;
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    loop {
        let end = rest.find('\'')?;
        out.push_str(&rest[..end]);
        let after = &rest[end + 1..];
        match after.strip_prefix('\'') {
            Some(more) => {
                out.push('\'');
                rest = more;
            }
            None => return Some((out, after)),
        }
    }
}

/// `[a, "b", 'c']` on one line, followed by nothing but spaces.
fn flow_sequence(text: &str) -> Option<Value> {
    let mut rest = text.strip_prefix('[')?.trim_start_matches(' ');
    let mut items = Vec::new();
    if let Some(after) = rest.strip_prefix(']') {
        return only_spaces(after).then_some(Value::Sequence(items));
    }
    loop {
        let (item, after) = match *rest.as_bytes().first()? {
            b'"' => {
                let (s, after) = double_quoted(rest)?;
                (Value::String(s), after)
            }
            b'\'' => {
                let (s, after) = single_quoted(rest)?;
                (Value::String(s), after)
            }
            _ => {
                let end = rest.find([',', ']'])?;
                (
                    plain(rest[..end].trim_end_matches(' '), true)?,
                    &rest[end..],
                )
            }
        };
        items.push(item);
        let after = after.trim_start_matches(' ');
        match *after.as_bytes().first()? {
            b',' => {
                rest = after[1..].trim_start_matches(' ');
                if rest.starts_with(']') {
                    return None;
                }
            }
            b']' => return only_spaces(&after[1..]).then_some(Value::Sequence(items)),
            _ => return None,
        }
    }
}

/// A plain (unquoted) scalar, already trimmed of trailing spaces, typed as the crate
/// would type it; `None` when unsure.
fn plain(text: &str, in_flow: bool) -> Option<Value> {
    let first = text.chars().next()?;
    let last = text.chars().next_back()?;
    if last.is_whitespace() {
        return None;
    }
    if in_flow {
        if text
            .bytes()
            .any(|b| matches!(b, b',' | b'[' | b']' | b'{' | b'}' | b'#' | b':'))
        {
            return None;
        }
    } else if text.contains(": ") || text.contains(" #") || last == ':' {
        return None;
    }
    if first.is_ascii_digit() {
        return number_or_date(text);
    }
    let start_ok = if first.is_ascii() {
        first.is_ascii_alphabetic() || matches!(first, '_' | '/' | '(' | '$')
    } else {
        !first.is_whitespace()
    };
    if !start_ok {
        return None;
    }
    match text {
        "true" => Some(Value::Bool(true)),
        "false" => Some(Value::Bool(false)),
        _ if is_keyword(text) => None,
        _ => Some(Value::String(text.to_owned())),
    }
}

/// Words the crate (or YAML 1.1 readers) may read as null, a boolean or a float.
fn is_keyword(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "null", "true", "false", "y", "yes", "n", "no", "on", "off", "inf", "infinity", "nan",
    ];
    text.len() <= 8 && WORDS.iter().any(|w| w.eq_ignore_ascii_case(text))
}

/// Digit-initial plain scalars: an unsigned integer without leading zeros, a date or an
/// RFC 3339 date-time (both stay text); anything else is left to the crate.
fn number_or_date(text: &str) -> Option<Value> {
    let b = text.as_bytes();
    if b.iter().all(u8::is_ascii_digit) {
        if b.len() > 1 && b[0] == b'0' {
            return None;
        }
        return text.parse::<u64>().ok().map(|n| Value::Number(n.into()));
    }
    let digits = |range: std::ops::Range<usize>| b[range].iter().all(u8::is_ascii_digit);
    let date = b.len() >= 10 && digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-';
    let date = date && digits(8..10);
    if date && b.len() == 10 {
        return Some(Value::String(text.to_owned()));
    }
    let time = date
        && b.len() >= 20
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    let zone = match &b[19.min(b.len())..] {
        b"Z" => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit()),
        _ => false,
    };
    (time && zone).then(|| Value::String(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    /// The differential check: when the fast path answers, the crate path must give the
    /// same entries. Returns whether the fast path answered.
    fn agrees(text: &str) -> bool {
        let Some(fast) = parse_mapping(text) else {
            return false;
        };
        let slow = match super::super::parse_mapping_with_crate(text) {
            Ok(slow) => slow,
            Err(e) => panic!("fast path accepted what the crate rejects ({e:?}):\n{text}"),
        };
        let show = |entries: &[Entry]| {
            entries
                .iter()
                .map(|e| format!("{}@{}={:?}", e.key, e.line, e.value.0))
                .collect::<Vec<_>>()
        };
        let equal = fast.len() == slow.len()
            && fast
                .iter()
                .zip(&slow)
                .all(|(f, s)| f.key == s.key && f.line == s.line && same(&f.value.0, &s.value.0));
        assert!(
            equal,
            "fast and crate paths differ on:\n{text}\nfast:  {:?}\ncrate: {:?}",
            show(&fast),
            show(&slow)
        );
        true
    }

    fn fast_agrees(text: &str) {
        assert!(agrees(text), "the fast path should accept:\n{text}");
    }

    fn rejects(text: &str) {
        assert!(
            parse_mapping(text).is_none(),
            "the fast path should decline:\n{text}"
        );
    }

    const TYPICAL: &str = r#"title: "Conditional aid deliveries advance around Somalia"
date: 2022-08-09
tags: ["desertion", "icc"]
regions: ["Somalia", "DR Congo", "Georgia"]
summary: "Satellite images pointed to damage in DR Congo despite earlier assurances."
sources:
  - title: "Bellingcat: partial blockade in Somalia"
    url: "https://monitor.example/2022/bellingcat/810903"
  - title: "Crisis Group: coordinated shelling"
    url: "https://news.example/2022/crisis-group/791222"
extra:
  regions: ["Somalia", "DR Congo"]
  actors: ["Fano militia"]
"#;

    #[test]
    fn typical_front_matter_takes_the_fast_path() {
        fast_agrees(TYPICAL);
        fast_agrees(TYPICAL.trim_end());
        let entries = parse_mapping(TYPICAL).unwrap();
        let keys: Vec<_> = entries.iter().map(|e| (e.key.as_str(), e.line)).collect();
        assert_eq!(
            keys,
            [
                ("title", 1),
                ("date", 2),
                ("tags", 3),
                ("regions", 4),
                ("summary", 5),
                ("sources", 6),
                ("extra", 11)
            ]
        );
    }

    #[test]
    fn common_variations_take_the_fast_path() {
        for text in [
            "title: Kremlin ties talks to four regions\n",
            "status: developing\ndraft: true\npublished: false\nslug: peace-offer\n",
            "date: 2025-07-14T09:30:00+02:00\nupdated: 2025-07-14T09:30:00Z\nday: 2025-07-14\n",
            "tags:\n  - nato\n  - air defence\ntitle: x\n",
            "tags:\n- a\n- b\ntitle: x\n",
            "tags:\n    - a\n    - \"b\"\n    - 'c'\n    - [d, e]\n",
            "title: 'it''s'\nother: ''\nempty: \"\"\n",
            "# a comment\ntitle: A\n\n   \n  # indented comment\ntags: []\n# end",
            "summary:\ntitle: x\nlast:",
            "summary:   \n",
            "weight: 0\ncount: 42\nbig: 18446744073709551615\n",
            "title: \"a \\\"quoted\\\" \\\\ word\\/s\\n\\t\"\n",
            "title: Київ and São Tomé — “quotes” 😀\nplace: Київ\n",
            "url: https://example.org/a:b?c=d#frag\n",
            "title: a#b\nother: x [y] {z}, w\n",
            "title:    spaced value   \nlist: [ a ,  'b' , \"c\" ]  \n",
            "sources:\n- title: A\n  url: https://a.example/\n- title: B\n  url: https://b.example/\n  publisher: P\n",
            "sources:\n  -   title: A\n      url: u\n",
            "extra:\n  nested:\n    deeper:\n      - a\n      - k: v\n        l:\n        - x\n  after: 1\n",
            "extra:\n - a\n",
            "items:\n- a:\n  - x\n- b\n",
            "items:\n- a:\n- b\n",
            "_private: x\nkey-with-dash: why\nKey_2: z\n",
            "list: [1, true, false, 2025-01-02, x y]\n",
            "list: [\"a, b\", \"c]\", 'd'' e']\n",
            "tags:\n- a\n# between\n\n- b\n  # indented\nnext: 1\n",
            "a: \"x\"   \nb: 'y'  \nc: [z]   \n",
            "",
            "# only a comment\n",
        ] {
            fast_agrees(text);
        }
    }

    #[test]
    fn scalar_types_match_the_crate() {
        let entries = parse_mapping(
            "num: 42\nz: 0\nd: 2025-01-02\nt: 2025-07-14T09:30:00+02:00\nb: true\ns: hello\ne:\n",
        )
        .unwrap();
        let values: Vec<_> = entries.iter().map(|e| e.value.0.clone()).collect();
        assert_eq!(
            values,
            [
                Value::Number(42u64.into()),
                Value::Number(0u64.into()),
                Value::String("2025-01-02".into()),
                Value::String("2025-07-14T09:30:00+02:00".into()),
                Value::Bool(true),
                Value::String("hello".into()),
                Value::Null,
            ]
        );
        fast_agrees("num: 42\nz: 0\nd: 2025-01-02\nt: 2025-07-14T09:30:00+02:00\nb: true\ne:\n");
    }

    #[test]
    fn declines_what_it_is_not_sure_about() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !tag x\n",
            "a: |\n  text\n",
            "a: >\n  text\n",
            "a:\tb\n",
            "a: b\r\n",
            "\u{feff}a: b\n",
            "a: b # comment\n",
            "a: \"b\" # comment\n",
            "a: [b] # comment\n",
            "a: 1\nb: 2\na: 3\n",
            "a:\n  b: 1\n  b: 2\n",
            "title: a long\n  plain title\n",
            "title: \"a long\n  quoted title\"\n",
            "draft: yes\n",
            "draft: no\n",
            "draft: True\n",
            "x: null\n",
            "x: ~\n",
            "x: 007\n",
            "x: 1.5\n",
            "x: 1e3\n",
            "x: 0x1F\n",
            "x: -1\n",
            "x: +1\n",
            "x: .inf\n",
            "x: 18446744073709551616\n",
            "x: a: b\n",
            "x: ends:\n",
            "x: [a,]\n",
            "x: [a, [b]]\n",
            "x: {a: 1}\n",
            "x: [a, b\n",
            "x: \"\\u00e9\"\n",
            "\"quoted\": key\n",
            "? complex\n: key\n",
            "---\na: b\n",
            "a: b\n...\n",
            "  indented: top\n",
            "just text\n",
            "- a\n- b\n",
            "a:\n  - x\n  y: 1\n",
            "a:\n  -\n    - x\n",
            "true: x\n",
            "a: 'unterminated\n",
            "a: \"x\"y\n",
            "a: x\n  b: y\n",
        ] {
            rejects(text);
            // And the crate still gets the same input unchanged through the public API.
            let _ = super::super::parse_mapping(text);
        }
    }

    fn front_matter(text: &str) -> Option<&str> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text.split_inclusive('\n');
        let first = lines.next()?;
        if first.trim_end() != "---" {
            return None;
        }
        let start = first.len();
        let mut end = start;
        for line in lines {
            if line.trim_end() == "---" {
                return Some(&text[start..end]);
            }
            end += line.len();
        }
        None
    }

    /// Every `.md` file under `dir`: (path, front matter took the fast path).
    fn check_tree(dir: &str) -> Vec<(String, bool)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut results = Vec::new();
        for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
            let entry = entry.unwrap();
            let path = entry.path();
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let yaml = match path.extension().and_then(|e| e.to_str()) {
                Some("md") => front_matter(&text),
                Some("yaml" | "yml") => Some(text.as_str()),
                _ => None,
            };
            if let Some(yaml) = yaml {
                results.push((path.display().to_string(), agrees(yaml)));
            }
        }
        results
    }

    #[test]
    fn repository_content_takes_the_fast_path_and_agrees() {
        let results = check_tree("content");
        assert!(results.len() >= 10, "{results:?}");
        let slow: Vec<_> = results.iter().filter(|(_, fast)| !fast).collect();
        assert!(slow.is_empty(), "not on the fast path: {slow:?}");
    }

    #[test]
    fn test_fixtures_agree_or_fall_back() {
        let results = check_tree("tests/fixtures");
        assert!(results.len() >= 10, "{results:?}");
        let fast = results.iter().filter(|(_, fast)| *fast).count();
        assert!(fast * 2 >= results.len(), "{fast} of {}", results.len());
    }

    // ---- random front matter built from tricky pieces ----

    /// Ordinary values, so that many generated documents are inside the subset.
    const GOOD_SCALARS: &[&str] = &[
        "plain text",
        "\"quoted: text\"",
        "'single # quoted'",
        "2025-01-02",
        "42",
        "true",
        "false",
        "[a, b]",
        "[\"x\", 'y']",
        "https://example.org/a",
        "Київ",
        "",
        "x-y_z",
    ];

    /// Ordinary keys, mostly distinct.
    const GOOD_KEYS: &[&str] = &[
        "title",
        "date",
        "tags",
        "summary",
        "slug",
        "status",
        "regions",
        "extra",
        "sources",
        "url",
        "publisher",
        "k1",
        "k2",
        "k3",
        "k4",
        "k5",
        "k6",
        "k7",
        "k8",
    ];

    fn scalar() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            2 => prop::sample::select(GOOD_SCALARS),
            1 => prop::sample::select(SCALARS),
        ]
    }

    fn key() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            8 => prop::sample::select(GOOD_KEYS),
            1 => prop::sample::select(KEYS),
        ]
    }

    const SCALARS: &[&str] = &[
        "yes",
        "no",
        "~",
        "null",
        "Null",
        "007",
        "1.5",
        "1e3",
        "0x1F",
        "-1",
        "+1",
        ".inf",
        "2025-01-02",
        "2025-07-14T09:30:00+02:00",
        "2025-07-14T09:30:00Z",
        "2025-7-14",
        "a: b",
        "a #b",
        "a#b",
        "'q''s'",
        "\"e\\\"q\"",
        "\"\\u00e9\"",
        "Київ",
        "São Tomé",
        "[a, \"b\"]",
        "[]",
        "[ ]",
        "[a,]",
        "[a , 'b' ,c]",
        "[a, [b]]",
        "[1, true, x y]",
        "true",
        "True",
        "false",
        "",
        "ends:",
        "  lead",
        "trail   ",
        "plain text",
        "42",
        "0",
        "18446744073709551615",
        "18446744073709551616",
        "-0",
        "\"a\\/b\"",
        "\"t\\tn\\n\"",
        "\"bad \\x41\"",
        "'it''s'",
        "''",
        "\"\"",
        "{a: 1}",
        "&anchor x",
        "*alias",
        "!tag x",
        "|",
        ">",
        "a]",
        "a{b}",
        "a, b",
        "http://x.org/a:b",
        "[http://x]",
        "😀 emoji",
        "nbsp\u{a0}",
        "\u{a0}lead",
        "'unterminated",
        "x # c",
        "\"q\" # c",
        "'q' x",
        "- dash",
        "-",
        "?",
        "? x",
        "%p",
        "@at",
        "`tick`",
        "a :b",
        "inf",
        "NaN",
        "y",
        "N",
        "On",
        "_u",
        "/path",
        "(paren)",
        "$5",
        "a\\b",
        "“curly”",
        "«guillemets»",
        "a\u{2028}b",
        "x\u{85}",
        "1_000",
        "12:30",
        "a\"b",
        "a'b",
        "#",
        "a:b",
        ":x",
        ",x",
        "[a]x",
        "[\"a\" x]",
        "['a'b]",
        "[a: b]",
        "[a #b]",
        "[-1, +1]",
        "[~]",
        "[null, yes]",
    ];

    const KEYS: &[&str] = &[
        "title", "title", "date", "tags", "a", "b", "c", "a-b", "_x", "key1", "true", "null",
        "yes", "y", "Title", "\"q\"", "1a", "a b", "ключ", "k ", "-k", "x:y",
    ];

    const JUNK: &[&str] = &[
        "# comment",
        "",
        "   ",
        "  # indented comment",
        "---",
        "...",
        "\tx: 1",
        "continuation",
        "  continuation",
        "- stray",
        "x:y",
        "key : v",
        "? complex",
        "  extra: 1",
        "\r",
        "a: b # c",
        "    - deep",
        "-",
        "&a x: 1",
        "%YAML 1.2",
        "title: dup",
    ];

    #[derive(Debug, Clone)]
    enum Gen {
        Scalar(&'static str),
        /// Extra indentation of the dashes relative to the key, items.
        Seq(usize, Vec<Gen>),
        /// Extra indentation of the keys relative to the parent key, entries.
        Map(usize, Vec<(&'static str, Gen)>),
    }

    fn gen_value() -> impl Strategy<Value = Gen> {
        let leaf = scalar().prop_map(Gen::Scalar);
        leaf.prop_recursive(4, 32, 4, |inner| {
            prop_oneof![
                3 => scalar().prop_map(Gen::Scalar),
                2 => (
                    prop::sample::select(&[0usize, 2, 2, 4][..]),
                    prop::collection::vec(inner.clone(), 1..4)
                )
                    .prop_map(|(i, v)| Gen::Seq(i, v)),
                2 => (
                    prop::sample::select(&[1usize, 2, 2, 4][..]),
                    prop::collection::vec((key(), inner), 1..4)
                )
                    .prop_map(|(i, v)| Gen::Map(i, v)),
            ]
        })
    }

    fn render_entry(lead: String, key: &str, value: &Gen, col: usize, out: &mut Vec<String>) {
        match value {
            Gen::Scalar(s) => out.push(format!("{lead}{key}: {s}")),
            Gen::Seq(extra, items) => {
                out.push(format!("{lead}{key}:"));
                render_items(col + extra, items, out);
            }
            Gen::Map(extra, entries) => {
                out.push(format!("{lead}{key}:"));
                for (k, v) in entries {
                    render_entry(" ".repeat(col + extra), k, v, col + extra, out);
                }
            }
        }
    }

    fn render_items(dash: usize, items: &[Gen], out: &mut Vec<String>) {
        let pad = " ".repeat(dash);
        for item in items {
            match item {
                Gen::Scalar(s) => out.push(format!("{pad}- {s}")),
                Gen::Map(extra, entries) => {
                    // `extra` 4 writes `-   key:`, aligning further keys with the first.
                    let gap = if *extra == 4 { 3 } else { 1 };
                    for (i, (k, v)) in entries.iter().enumerate() {
                        let lead = if i == 0 {
                            format!("{pad}-{}", " ".repeat(gap))
                        } else {
                            " ".repeat(dash + 1 + gap)
                        };
                        render_entry(lead, k, v, dash + 1 + gap, out);
                    }
                }
                Gen::Seq(_, inner) => {
                    out.push(format!("{pad}-"));
                    render_items(dash + 2, inner, out);
                }
            }
        }
    }

    fn gen_document() -> impl Strategy<Value = String> {
        (
            prop::collection::vec((key(), gen_value()), 0..7),
            prop::collection::vec(
                prop::option::weighted(
                    0.3,
                    (any::<prop::sample::Index>(), prop::sample::select(JUNK)),
                ),
                0..3,
            ),
            any::<bool>(),
        )
            .prop_map(|(entries, junk, final_newline)| {
                let mut lines = Vec::new();
                for (key, value) in &entries {
                    render_entry(String::new(), key, value, 0, &mut lines);
                }
                for (at, line) in junk.into_iter().flatten() {
                    let at = at.index(lines.len() + 1);
                    lines.insert(at, line.to_string());
                }
                let mut text = lines.join("\n");
                if final_newline {
                    text.push('\n');
                }
                text
            })
    }

    proptest! {
        // No regression files: this test writes nothing into the tree.
        #![proptest_config(ProptestConfig {
            cases: 10_000,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn random_front_matter_agrees_with_the_crate(text in gen_document()) {
            agrees(&text);
        }
    }
}
