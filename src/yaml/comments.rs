//! Values that a YAML comment cuts short. In YAML, ` #` starts a comment, so
//! `title: Talks #2 resume` is the title "Talks": valid, silent, and published wrong. An
//! editor who writes a number or a hashtag after `#` means it as text; one who writes a
//! comment writes `# ` with a space, as every YAML example does. Only the first is reported.

/// A plain value that ends where a `#` the editor likely meant as text begins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CutValue {
    /// 1-based line and column of the `#`, within the parsed text.
    pub line: usize,
    pub col: usize,
    /// The key the value belongs to, when the line has one (`title`, or `- title` in a list).
    pub key: Option<String>,
    /// What the value is read as.
    pub kept: String,
    /// The line's value as written, comment included, to show quoted in the hint.
    pub written: String,
}

/// Every value of `text` that a comment starting `#` + letter or digit cuts short. Lines
/// inside block scalars (`|`, `>`) are text, not YAML, and are skipped, as are quoted and
/// flow values (quotes and brackets show where the value ends) and the house-style marker
/// `# style: accept …`.
pub fn cut_values(text: &str) -> Vec<CutValue> {
    let mut found = Vec::new();
    // Most front matter has no `#` at all: one vectorised look and done.
    if memchr::memchr(b'#', text.as_bytes()).is_none() {
        return found;
    }
    // Indentation of the line that opened a block scalar: deeper lines belong to it.
    let mut block_scalar_at: Option<usize> = None;
    for (index, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if let Some(opened) = block_scalar_at {
            if trimmed.is_empty() || indent > opened {
                continue;
            }
            block_scalar_at = None;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (key, value, value_at) = split_line(trimmed);
        if value.starts_with(['|', '>']) {
            block_scalar_at = Some(indent);
            continue;
        }
        if let Some(cut) = cut_value(value) {
            found.push(CutValue {
                line: index + 1,
                col: indent + value_at + cut + 1,
                key: key.map(str::to_string),
                kept: value[..cut].trim_end().to_string(),
                written: value.trim_end().to_string(),
            });
        }
    }
    found
}

/// A line without its indentation as (key, value, byte offset of the value): list dashes
/// and one plain `key:` are stepped over.
fn split_line(trimmed: &str) -> (Option<&str>, &str, usize) {
    let mut rest = trimmed;
    while let Some(after) = rest.strip_prefix("- ").or(rest.strip_prefix("-\t")) {
        rest = after.trim_start_matches([' ', '\t']);
    }
    let mut key = None;
    if let Some(colon) = rest
        .find(": ")
        .or_else(|| rest.ends_with(':').then(|| rest.len() - 1))
    {
        let candidate = &rest[..colon];
        let plain = !candidate.is_empty()
            && !candidate.starts_with(['"', '\'', '[', '{', '#'])
            && !candidate.contains(" #");
        if plain {
            key = Some(candidate);
            rest = rest[colon + 1..].trim_start_matches([' ', '\t']);
        }
    }
    (key, rest, trimmed.len() - rest.len())
}

/// Where `#` cuts a plain value short: the byte offset of a `#` after a space or tab and
/// before a letter or digit, when something of the value comes before it.
fn cut_value(value: &str) -> Option<usize> {
    if value.starts_with(['"', '\'', '[', '{', '&', '*', '!', '#']) {
        return None;
    }
    let bytes = value.as_bytes();
    let at =
        (1..bytes.len()).find(|&i| bytes[i] == b'#' && matches!(bytes[i - 1], b' ' | b'\t'))?;
    let comment = &value[at + 1..];
    let meant_as_text = comment.chars().next().is_some_and(char::is_alphanumeric);
    let style_marker = comment.trim_start().starts_with("style: accept");
    let kept = value[..at].trim_end();
    (meant_as_text && !style_marker && !kept.is_empty()).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(text: &str) -> Vec<(usize, usize, Option<String>, String)> {
        cut_values(text)
            .into_iter()
            .map(|c| (c.line, c.col, c.key, c.kept))
            .collect()
    }

    fn cut(
        line: usize,
        col: usize,
        key: Option<&str>,
        kept: &str,
    ) -> (usize, usize, Option<String>, String) {
        (line, col, key.map(str::to_string), kept.to_string())
    }

    #[test]
    fn a_number_or_word_after_hash_is_reported_where_the_hash_is() {
        assert_eq!(
            cuts("title: Kherson strikes #3 this week\ndate: 2025-07-21\n"),
            vec![cut(1, 24, Some("title"), "Kherson strikes")]
        );
        assert_eq!(
            cuts("sources:\n  - title: Report #5 of the mission\n    url: https://x.org/\n"),
            vec![cut(2, 19, Some("title"), "Report")]
        );
        assert_eq!(
            cuts("tags:\n  - ceasefire #talks\n"),
            vec![cut(2, 15, None, "ceasefire")]
        );
    }

    #[test]
    fn comments_written_as_comments_are_not_reported() {
        for text in [
            "status: developing  # until the talks end\n",
            "# a whole-line comment #1\n",
            "title: \"Talks #2 resume\"\n",
            "title: 'Talks #2 resume' # fine\n",
            "tags: [a, b] #todo\n",
            "title: Talks#2 resume\n",
            "title: Kiev # style: accept Kiev\n",
            "summary: >\n  Shelling hit the port #again\ntitle: x\n",
            "summary: |\n  Line #1\n\n  Line #2\ntitle: x\n",
            "title: #3\n",
        ] {
            assert_eq!(cuts(text), vec![], "{text}");
        }
    }

    #[test]
    fn a_line_after_a_block_scalar_is_read_again() {
        assert_eq!(
            cuts("summary: |\n  Line #1\ntitle: Talks #2\n"),
            vec![cut(3, 14, Some("title"), "Talks")]
        );
    }
}
