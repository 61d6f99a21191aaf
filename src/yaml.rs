//! The one module that knows the YAML crate (`serde_yaml` API, backed by the maintained
//! `yaml_serde` fork). It parses a YAML mapping into ordered top-level entries that remember
//! the line each key sits on, and decodes entries into typed values. Swapping the YAML crate
//! means changing this file only.

use serde::de::DeserializeOwned;

mod fast;

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
#[derive(Debug, Clone)]
pub struct Node(serde_yaml::Value);

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

/// [`parse_mapping`] through the YAML crate only.
fn parse_mapping_with_crate(text: &str) -> Result<Vec<Entry>, SyntaxError> {
    let value: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|e| locate_duplicate(syntax_error(&e), text))?;
    let mapping = match value {
        serde_yaml::Value::Null => return Ok(Vec::new()),
        serde_yaml::Value::Mapping(m) => m,
        other => {
            return Err(SyntaxError {
                line: 1,
                col: 1,
                message: format!("expected `key: value` lines, found {}", describe(&other)),
                hint: None,
            });
        }
    };
    let key_lines = top_level_key_lines(text);
    let mut entries = Vec::with_capacity(mapping.len());
    for (key, value) in mapping {
        let key = match key {
            serde_yaml::Value::String(s) => s,
            serde_yaml::Value::Bool(b) => b.to_string(),
            serde_yaml::Value::Number(n) => n.to_string(),
            other => format!("{:?}", describe(&other)),
        };
        let line = key_lines
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(1, |(_, line)| *line);
        entries.push(Entry {
            key,
            line,
            value: Node(value),
        });
    }
    Ok(entries)
}

impl Node {
    /// Decodes the value into `T`; the error is a plain-words description without position.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, String> {
        T::deserialize(&self.0).map_err(|e| strip_position(&e.to_string()))
    }

    /// What kind of value this is, in editor words ("a list", "a number", ...).
    pub fn kind(&self) -> &'static str {
        describe(&self.0)
    }

    pub fn is_null(&self) -> bool {
        self.0.is_null()
    }

    /// The value as text when it is a scalar (string, number or bool), as written.
    pub fn as_scalar_text(&self) -> Option<String> {
        match &self.0 {
            serde_yaml::Value::String(s) => Some(s.clone()),
            serde_yaml::Value::Number(n) => Some(n.to_string()),
            serde_yaml::Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// The items when the value is a sequence.
    pub fn as_sequence(&self) -> Option<Vec<Node>> {
        match &self.0 {
            serde_yaml::Value::Sequence(items) => Some(items.iter().cloned().map(Node).collect()),
            _ => None,
        }
    }

    /// The string-keyed entries when the value is a mapping, in document order.
    pub fn as_mapping(&self) -> Option<Vec<(String, Node)>> {
        match &self.0 {
            serde_yaml::Value::Mapping(m) => Some(
                m.iter()
                    .map(|(k, v)| {
                        let key = match k {
                            serde_yaml::Value::String(s) => s.clone(),
                            other => Node(other.clone()).as_scalar_text().unwrap_or_default(),
                        };
                        (key, Node(v.clone()))
                    })
                    .collect(),
            ),
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

fn syntax_error(error: &serde_yaml::Error) -> SyntaxError {
    let (line, col) = error.location().map_or((1, 1), |l| (l.line(), l.column()));
    SyntaxError {
        line,
        col,
        message: strip_position(&error.to_string()),
        hint: None,
    }
}

/// The YAML crate reports a repeated key without a position: point at the repetition.
fn locate_duplicate(mut error: SyntaxError, text: &str) -> SyntaxError {
    let Some(rest) = error.message.strip_prefix("duplicate entry with key \"") else {
        return error;
    };
    let key = rest.split('"').next().unwrap_or_default().to_string();
    if let Some((_, line)) = top_level_key_lines(text)
        .into_iter()
        .filter(|(k, _)| *k == key)
        .nth(1)
    {
        error.line = line;
        error.col = 1;
    }
    error.message = format!("`{key}` is written twice");
    error.hint = Some(format!(
        "keep one `{key}:` line; for several values use a list, `{key}: [a, b]`"
    ));
    error
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

    #[test]
    fn empty_document_is_empty_mapping() {
        assert!(parse_mapping("").unwrap().is_empty());
        assert!(parse_mapping("# only a comment\n").unwrap().is_empty());
    }
}
