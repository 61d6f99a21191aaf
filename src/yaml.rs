//! The one module that knows the YAML crate (`serde_yaml` API, backed by the maintained
//! `yaml_serde` fork). It parses a YAML mapping into ordered top-level entries that remember
//! the line each key sits on, keeps the text written for every scalar (`text.rs`), finds
//! the line and column of any value or key when an error needs it (`place.rs`), and
//! decodes entries into typed values. Swapping the YAML crate means changing this module
//! only.

use serde::de::DeserializeOwned;

mod comments;
#[doc(hidden)]
pub mod differential;
mod errors;
mod fast;
mod place;
mod text;

pub use comments::{CutValue, cut_values};
pub use place::Place;
use text::Text;

/// A YAML syntax error, positioned within the parsed text (1-based; callers add offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// What to do, when the problem is known well enough to say.
    pub hint: Option<String>,
}

/// One parsed YAML value; opaque so no other module depends on the YAML crate's types.
/// It keeps the text the editor wrote for numbers and booleans, so that text shown to
/// readers is never re-printed (`1e3` stays "1e3", not "1000.0").
#[derive(Debug, Clone)]
pub struct Node {
    value: serde_yaml::Value,
    text: Text,
    /// Where it is, found when asked (`Node::place`).
    place: Place,
}

/// A top-level `key: value` of a YAML mapping, with the (1-based) line of its key.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub line: usize,
    pub value: Node,
}

/// Parses `text` as a YAML mapping and returns its entries in document order.
/// An empty document is an empty mapping. Anything other than a mapping is an error at line 1.
pub fn parse_mapping(text: &str) -> Result<Vec<Entry>, SyntaxError> {
    // Front matter is nearly always a small subset of YAML that a hand-written parser
    // reads ~6x faster than the crate; it answers only when sure, else the crate does.
    if let Some(entries) = fast::parse_mapping(text) {
        return Ok(entries);
    }
    parse_mapping_with_crate(text)
}

/// [`parse_mapping`], going on past top-level keys written twice: each repetition is an
/// error and is left out, so that the rest of the mapping is still read and checked (a
/// second `title:` should not hide a bad source URL further down). `Err` holds every error
/// when something else stops the reading. The entries' places are in the text without the
/// repetitions (in `text` itself, they locate nothing).
pub fn parse_mapping_past_repeats(
    text: &str,
) -> Result<(Vec<Entry>, Vec<SyntaxError>), Vec<SyntaxError>> {
    let mut repeats = Vec::new();
    let mut current = std::borrow::Cow::Borrowed(text);
    loop {
        match parse_mapping(&current) {
            Ok(entries) => return Ok((entries, repeats)),
            Err(error) => match without_repeated_key(&current, &error) {
                Some(rest) if repeats.len() < MAX_REPEATS => {
                    repeats.push(error);
                    current = std::borrow::Cow::Owned(rest);
                }
                _ => {
                    repeats.push(error);
                    return Err(repeats);
                }
            },
        }
    }
}

/// Enough for any real mistake; a bound on the re-parses of a pathological file.
const MAX_REPEATS: usize = 16;

/// `text` with the top-level `key:` block that `error` reports as written twice blanked
/// (its lines kept empty, so later lines keep their numbers), if that is the error.
fn without_repeated_key(text: &str, error: &SyntaxError) -> Option<String> {
    let key = error
        .message
        .strip_prefix('`')?
        .strip_suffix("` is written twice")?;
    let lines: Vec<&str> = text.split('\n').collect();
    let first = error.line.checked_sub(1)?;
    let line = lines.get(first)?;
    if error.col != 1 || line.starts_with([' ', '\t']) || key_of(line).as_deref() != Some(key) {
        return None;
    }
    // The block goes on over indented lines, column-0 list items and comments, as in
    // `top_level_key_lines`.
    let continues = |l: &&&str| l.is_empty() || l.starts_with([' ', '\t', '#', '-']);
    let end = first + 1 + lines[first + 1..].iter().take_while(continues).count();
    let mut out: Vec<&str> = lines[..first].to_vec();
    out.extend(std::iter::repeat_n("", end - first));
    out.extend(&lines[end..]);
    Some(out.join("\n"))
}

/// [`parse_mapping`] through the YAML crate only.
fn parse_mapping_with_crate(text: &str) -> Result<Vec<Entry>, SyntaxError> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| crate_error(&e, text))?;
    // Valid YAML, but never what an editor meant (`tags: a` then `  - b` reads "a - b").
    if let Some(error) = errors::stray_list_item(text) {
        return Err(error);
    }
    let texts = text::source_texts(text, &value);
    let mapping = match value {
        serde_yaml::Value::Null => return Ok(Vec::new()),
        serde_yaml::Value::Mapping(m) => m,
        other => {
            if let Some(error) = errors::missing_space_on_first_line(text) {
                return Err(error);
            }
            return Err(SyntaxError {
                line: 1,
                col: 1,
                message: format!("expected `key: value` lines, found {}", describe(&other)),
                hint: Some("write one `key: value` per line, like `title: Talks resume`".into()),
            });
        }
    };
    let key_lines = top_level_key_lines(text);
    let mut entries = Vec::with_capacity(mapping.len());
    for (index, (key, value)) in mapping.into_iter().enumerate() {
        let (key_text, value_text) = texts.entry(index);
        let key = key_text_of(key, key_text);
        let line = key_lines
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(1, |(_, line)| *line);
        entries.push(Entry {
            key,
            line,
            value: Node {
                value,
                text: value_text,
                place: Place::top_level(index),
            },
        });
    }
    Ok(entries)
}

/// A mapping key as text: its source text when it is a scalar, else a description.
fn key_text_of(key: serde_yaml::Value, text: Text) -> String {
    match key {
        serde_yaml::Value::String(s) => s,
        other => {
            let node = Node {
                value: other,
                text,
                place: Place::default(),
            };
            node.as_scalar_text()
                .unwrap_or_else(|| node.kind().to_string())
        }
    }
}

impl Node {
    /// Top-level value `index`, whose numbers and booleans are written the way the crate
    /// prints them.
    fn of_value(value: serde_yaml::Value, index: usize) -> Node {
        Node {
            value,
            text: Text::OfValue,
            place: Place::top_level(index),
        }
    }

    /// Where the value is, for an error about it: [`Place::locate`] in the text it was
    /// parsed from gives its line and column. A value written as nothing (`level:`) is at
    /// its key, as nothing has no place of its own.
    pub fn place(&self) -> Place {
        if self.is_null() {
            return self.key_place();
        }
        self.place.clone()
    }

    /// Where the key this value is written under is, for an error about the key (an unknown
    /// setting); a list item's is its own place.
    pub fn key_place(&self) -> Place {
        self.place.key()
    }

    /// Decodes the value into `T`; the error is a plain-words description without position.
    /// Mapping keys YAML typed (`true:`, `1.50:`) are decoded as the text written, so
    /// `extra:` converts to JSON with the keys an editor sees.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, String> {
        let result = match text::with_text_keys(&self.value, &self.text) {
            Some(value) => T::deserialize(&value),
            None => T::deserialize(&self.value),
        };
        result.map_err(|e| errors::decode_error(&strip_position(&e.to_string())))
    }

    /// What kind of value this is, in editor words ("a list", "a number", ...).
    pub fn kind(&self) -> &'static str {
        describe(&self.value)
    }

    pub fn is_null(&self) -> bool {
        self.value.is_null()
    }

    /// The value as text when it is a scalar (string, number or bool), as written: a
    /// number or boolean keeps its source text (`1.50`, `0x1F`, `True`). Null (`~`, `null`,
    /// nothing) is not text.
    pub fn as_scalar_text(&self) -> Option<String> {
        if let (Text::Scalar(text), serde_yaml::Value::Number(_) | serde_yaml::Value::Bool(_)) =
            (&self.text, &self.value)
        {
            return Some(text.to_string());
        }
        match &self.value {
            serde_yaml::Value::String(s) => Some(s.clone()),
            serde_yaml::Value::Number(n) => Some(n.to_string()),
            serde_yaml::Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// For a `key:` that takes true or false, the hint when its value is one of the words
    /// YAML 1.1 read as booleans (`yes`, `no`, `on`, `off`, `y`, `n`) and YAML 1.2, which
    /// sitrep reads, takes as text: `draft: no` means false, so the hint must not say `true`.
    pub fn boolean_word_hint(&self, key: &str) -> Option<String> {
        let written = self.as_scalar_text()?;
        let meant = match written.trim().to_ascii_lowercase().as_str() {
            "yes" | "on" | "y" => "true",
            "no" | "off" | "n" => "false",
            _ => return None,
        };
        Some(format!(
            "write `{key}: {meant}`: YAML reads `{}` as a word, not as yes or no",
            written.trim()
        ))
    }

    /// The items when the value is a sequence.
    pub fn as_sequence(&self) -> Option<Vec<Node>> {
        match &self.value {
            serde_yaml::Value::Sequence(items) => {
                let parent = self.place.parent();
                Some(
                    items
                        .iter()
                        .enumerate()
                        .map(|(index, item)| Node {
                            value: item.clone(),
                            text: self.text.item(index),
                            place: Place::item(&parent, index),
                        })
                        .collect(),
                )
            }
            _ => None,
        }
    }

    /// The string-keyed entries when the value is a mapping, in document order.
    pub fn as_mapping(&self) -> Option<Vec<(String, Node)>> {
        match &self.value {
            serde_yaml::Value::Mapping(m) => {
                let parent = self.place.parent();
                Some(
                    m.iter()
                        .enumerate()
                        .map(|(index, (k, v))| {
                            let (key_text, text) = self.text.entry(index);
                            let key = Node {
                                value: k.clone(),
                                text: key_text,
                                place: Place::default(),
                            }
                            .as_scalar_text()
                            .unwrap_or_default();
                            let value = Node {
                                value: v.clone(),
                                text,
                                place: Place::value(&parent, index),
                            };
                            (key, value)
                        })
                        .collect(),
                )
            }
            _ => None,
        }
    }
}

fn describe(value: &serde_yaml::Value) -> &'static str {
    match value {
        serde_yaml::Value::Null => "nothing",
        serde_yaml::Value::Bool(_) => "true/false",
        serde_yaml::Value::Number(_) => "a number",
        serde_yaml::Value::String(_) => "text",
        serde_yaml::Value::Sequence(_) => "a list",
        serde_yaml::Value::Mapping(_) => "a mapping",
        serde_yaml::Value::Tagged(_) => "a tagged value",
    }
}

/// The crate's error in plain words, at the line to fix.
fn crate_error(error: &serde_yaml::Error, text: &str) -> SyntaxError {
    let message = error.to_string();
    let at = error
        .location()
        .map(|l| errors::text_position(text, (l.line(), l.column())));
    match message.split_once("duplicate entry with key \"") {
        Some((_, rest)) => duplicate(rest.split('"').next().unwrap_or_default(), at, text),
        None => errors::explain(text, &message, at),
    }
}

/// The YAML crate reports a repeated key at its mapping (or, at the top level, nowhere):
/// point at the repetition.
fn duplicate(key: &str, at: Option<(usize, usize)>, text: &str) -> SyntaxError {
    let top_level = || {
        top_level_key_lines(text)
            .into_iter()
            .filter(|(k, _)| *k == key)
            .nth(1)
            .map(|(_, line)| (line, 1))
    };
    // From the mapping's first line on: the second `key:` in the column of the first.
    let nested = |(from, _): (usize, usize)| {
        let mut found = text
            .lines()
            .enumerate()
            .skip(from.saturating_sub(1))
            .filter(|(_, line)| key_of(line).as_deref() == Some(key))
            .map(|(index, line)| (index + 1, line.find(key).map_or(1, |b| b + 1)));
        let (_, col) = found.next()?;
        found.find(|(_, c)| *c == col)
    };
    let (line, col) = at
        .and_then(nested)
        .or_else(top_level)
        .or(at)
        .unwrap_or((1, 1));
    SyntaxError {
        line,
        col,
        message: format!("`{key}` is written twice"),
        // Which fields take lists is the caller's knowledge (see `list_hint`).
        hint: Some(format!("keep one `{key}:` line")),
    }
}

/// The YAML crate appends "at line N column M" to its messages; we show positions ourselves.
fn strip_position(message: &str) -> String {
    let message = match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    message.trim_end_matches(',').to_string()
}

/// Lines (1-based) of keys written at column 0, i.e. the top-level keys of a block mapping.
fn top_level_key_lines(text: &str) -> Vec<(String, usize)> {
    let mut keys = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) || line.is_empty() {
            continue;
        }
        if let Some(key) = key_of(line) {
            keys.push((key, index + 1));
        }
    }
    keys
}

/// The key of a `key: value` line (plain or quoted key), if the line is one.
pub(crate) fn key_of(line: &str) -> Option<String> {
    let line = line.trim_start();
    let line = line.strip_prefix("- ").unwrap_or(line).trim_start();
    if let Some(quote) = line.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let rest = &line[1..];
        let end = rest.find(quote)?;
        let after = &rest[end + 1..];
        return after
            .trim_start()
            .starts_with(':')
            .then(|| rest[..end].to_string());
    }
    let colon = line.find(':')?;
    let after = &line[colon + 1..];
    (after.is_empty() || after.starts_with([' ', '\t']))
        .then(|| line[..colon].trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_keep_order_and_key_lines() {
        let entries =
            parse_mapping("title: A\n\n# note\ntags:\n  - x\n\"date\": 2025-01-02\n").unwrap();
        let keys: Vec<_> = entries.iter().map(|e| (e.key.as_str(), e.line)).collect();
        assert_eq!(keys, [("title", 1), ("tags", 4), ("date", 6)]);
        assert_eq!(
            entries[2].value.as_scalar_text().as_deref(),
            Some("2025-01-02")
        );
    }

    #[test]
    fn syntax_errors_have_positions_and_no_suffix() {
        let err = parse_mapping("title: A\ntags: [a, b\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
        assert!(!err.message.contains("at line"), "{err:?}");
    }

    #[test]
    fn a_repeated_key_points_at_the_repetition() {
        let err = parse_mapping("title: A\ntags: [a]\ndate: x\ntags: [b]\n").unwrap_err();
        assert_eq!((err.line, err.col), (4, 1), "{err:?}");
        assert_eq!(err.message, "`tags` is written twice");
    }

    #[test]
    fn a_scalar_document_is_not_a_mapping() {
        let err = parse_mapping("just text").unwrap_err();
        assert_eq!((err.line, err.col), (1, 1));
        assert!(err.message.contains("key: value"));
    }

    /// The text of every top-level scalar, in order (`None` for non-scalars).
    fn texts(yaml: &str) -> Vec<Option<String>> {
        parse_mapping(yaml)
            .unwrap()
            .iter()
            .map(|e| e.value.as_scalar_text())
            .collect()
    }

    #[test]
    fn numbers_keep_the_text_the_editor_wrote() {
        let written = [
            "1e3", "1.50", "0x1F", "0o17", ".inf", "-.INF", ".NaN", "+12", "1_000", "012", "-0",
            "007", "1.0", "0.5e-3", "3.", "-1", "12_000.5",
        ];
        let yaml: String = written
            .iter()
            .enumerate()
            .map(|(i, w)| format!("k{i}: {w}\n"))
            .collect();
        let expected: Vec<_> = written.iter().map(|w| Some(w.to_string())).collect();
        assert_eq!(texts(&yaml), expected);
    }

    #[test]
    fn booleans_keep_their_text_and_their_type() {
        let entries = parse_mapping("a: True\nb: FALSE\nc: true\nd: yes\ne: off\n").unwrap();
        let texts: Vec<_> = entries.iter().map(|e| e.value.as_scalar_text()).collect();
        assert_eq!(
            texts,
            ["True", "FALSE", "true", "yes", "off"].map(|t| Some(t.to_string()))
        );
        // Still booleans where a boolean is asked for (`draft: True`).
        assert_eq!(entries[0].value.decode::<bool>(), Ok(true));
        assert_eq!(entries[1].value.decode::<bool>(), Ok(false));
        // YAML 1.2: `yes`/`off` are words, not booleans.
        assert!(entries[3].value.decode::<bool>().is_err());
    }

    #[test]
    fn nulls_are_nothing_whatever_their_spelling() {
        for yaml in ["a:\n", "a: ~\n", "a: null\n", "a: NULL\n"] {
            let entries = parse_mapping(yaml).unwrap();
            assert!(entries[0].value.is_null(), "{yaml}");
            assert_eq!(entries[0].value.as_scalar_text(), None, "{yaml}");
        }
    }

    #[test]
    fn list_items_and_nested_values_keep_their_text() {
        let entries = parse_mapping(
            "tags: [1.50, +12, no, on, True]\nsources:\n  - title: 1e3\n    publisher: 0x1F\n    1.50: key\n",
        )
        .unwrap();
        let tags: Vec<_> = entries[0]
            .value
            .as_sequence()
            .unwrap()
            .iter()
            .map(|n| n.as_scalar_text().unwrap())
            .collect();
        assert_eq!(tags, ["1.50", "+12", "no", "on", "True"]);
        let source = &entries[1].value.as_sequence().unwrap()[0];
        let fields: Vec<_> = source
            .as_mapping()
            .unwrap()
            .into_iter()
            .map(|(k, v)| (k, v.as_scalar_text().unwrap()))
            .collect();
        assert_eq!(
            fields,
            [
                ("title".to_string(), "1e3".to_string()),
                ("publisher".to_string(), "0x1F".to_string()),
                ("1.50".to_string(), "key".to_string()),
            ]
        );
    }

    #[test]
    fn number_keys_keep_their_text_and_line() {
        let entries = parse_mapping("title: A\n1.50: x\n").unwrap();
        assert_eq!((entries[1].key.as_str(), entries[1].line), ("1.50", 2));
    }

    #[test]
    fn typed_decoding_is_unchanged() {
        let entries = parse_mapping("n: 0x1F\nf: 1.50\nlist: [1e3]\n").unwrap();
        assert_eq!(entries[0].value.decode::<u64>(), Ok(31));
        assert_eq!(entries[1].value.decode::<f64>(), Ok(1.5));
        assert_eq!(entries[2].value.decode::<Vec<f64>>(), Ok(vec![1000.0]));
    }

    /// Found by the fuzzer: `extra:` with a `true:` key could not be read as JSON, and the
    /// error showed the library's words.
    #[test]
    fn typed_keys_decode_as_the_text_written_and_errors_are_plain() {
        let entries = parse_mapping("extra:\n  true: a\n  1.50: b\n  x: 2\n").unwrap();
        let json = entries[0].value.decode::<serde_json::Value>().unwrap();
        assert_eq!(json, serde_json::json!({"true": "a", "1.50": "b", "x": 2}));
        let entries = parse_mapping("extra:\n  a: !tag x\n  ~: b\nn: -1\nb: [1]\n").unwrap();
        for (index, error) in [
            (
                0,
                entries[0].value.decode::<serde_json::Value>().unwrap_err(),
            ),
            (1, entries[1].value.decode::<u64>().unwrap_err()),
            (2, entries[2].value.decode::<bool>().unwrap_err()),
        ] {
            for internal in ["invalid type", "invalid value", "enum", "u64", "sequence"] {
                assert!(!error.contains(internal), "{index}: {error}");
            }
        }
        assert_eq!(
            entries[1].value.decode::<u64>().unwrap_err(),
            "found `-1`, expected a whole number"
        );
        assert_eq!(
            entries[2].value.decode::<bool>().unwrap_err(),
            "found a list, expected true or false"
        );
    }

    #[test]
    fn aliases_and_tags_keep_the_text_of_what_they_point_at() {
        let entries = parse_mapping("a: &n 1.50\nb: *n\nc: !!str 1.50\nd: !custom 7\n").unwrap();
        let texts: Vec<_> = entries.iter().map(|e| e.value.as_scalar_text()).collect();
        assert_eq!(
            texts,
            [
                Some("1.50".into()),
                Some("1.50".into()),
                Some("1.50".into()),
                None
            ]
        );
    }

    #[test]
    fn empty_document_is_empty_mapping() {
        assert!(parse_mapping("").unwrap().is_empty());
        assert!(parse_mapping("# only a comment\n").unwrap().is_empty());
    }

    #[test]
    fn repeated_top_level_keys_are_errors_and_the_rest_is_read() {
        let text = "title: A\ntags:\n- x\n- y\ntitle: B\ntags: [z]\nsummary: S\n";
        let (entries, repeats) = parse_mapping_past_repeats(text).unwrap();
        let keys: Vec<_> = entries.iter().map(|e| (e.key.as_str(), e.line)).collect();
        // The first of each stays; lines keep their numbers.
        assert_eq!(keys, [("title", 1), ("tags", 2), ("summary", 7)]);
        let found: Vec<_> = repeats
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (5, "`title` is written twice"),
                (6, "`tags` is written twice")
            ]
        );
    }

    #[test]
    fn a_repeat_inside_a_mapping_still_stops_the_reading() {
        let errors = parse_mapping_past_repeats("extra:\n  a: 1\n  a: 2\n").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].col), (3, 3));
    }
}
