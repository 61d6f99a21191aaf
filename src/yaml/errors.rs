//! YAML syntax errors in an editor's words, at the line to fix.
//!
//! The YAML crate reports a mistake where it can no longer go on, which is often a line
//! later (an unclosed `[`) or the end of the text (an unclosed quote), and in its own terms
//! ("did not find expected key"). This module reads the text for the mistakes editors make
//! (tabs, unclosed quotes and brackets, list items under a value, `key:value`) and turns
//! every other crate message into plain words at the line it concerns. No crate wording
//! leaves this file.

use super::SyntaxError;

mod scan;
#[cfg(test)]
mod tests;

use scan::{Owner, missing_space, scan, stray_item, tab_mistake, unclosed_quote};

/// Used when nothing more precise can be said.
const GENERIC_HINT: &str = "check the indentation, and put text containing `: ` or starting with `[`, `{`, `*`, `&` or `!` in quotes";

/// A syntax error for `text`, which the crate rejected with `message` at `at` (1-based
/// line and column, when it gave one).
pub(super) fn explain(text: &str, message: &str, at: Option<(usize, usize)>) -> SyntaxError {
    let lines = lines_of(text);
    let report = Report::parse(text, message, at);
    let limit = report.at.map_or(usize::MAX, |(line, _)| line);
    // The crate stops at or after the mistake: a mistake seen in the text up to there is it.
    if let Some(found) = scan(&lines).into_iter().find(|m| m.error.line <= limit) {
        return found.error;
    }
    let error = translate(&report, &lines);
    invisible_break(&lines, error.line).unwrap_or(error)
}

/// A line break only YAML sees (a lone `\r`, NEL, LS, PS) on line `no`: the crate read
/// what follows it as a new line, so that is the mistake.
fn invisible_break(lines: &[&str], no: usize) -> Option<SyntaxError> {
    let line = line_at(lines, no);
    let (byte, c) = line
        .char_indices()
        .find(|(_, c)| matches!(c, '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'))?;
    Some(error(
        no,
        col_at(line, byte),
        format!(
            "this line contains an invisible line break (U+{:04X}), which YAML reads as the end of the line",
            c as u32
        ),
        "delete it: retype the end of the line, or remove what was pasted into it".into(),
    ))
}

/// The first list item written under a key that already has a value on its line
/// (`tags: a` then `  - b`). YAML reads it as more text of the value ("a - b"), which is
/// never what the editor meant, so it is an error even though the crate accepts it.
pub(super) fn stray_list_item(text: &str) -> Option<SyntaxError> {
    scan(&lines_of(text))
        .into_iter()
        .find(|m| m.stray_item)
        .map(|m| m.error)
}

/// For a document that is one line of text: `title:Kyiv` is a key without its space.
pub(super) fn missing_space_on_first_line(text: &str) -> Option<SyntaxError> {
    let lines = lines_of(text);
    let (index, line) = lines
        .iter()
        .enumerate()
        .find(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    missing_space(index + 1, line)
}

fn lines_of(text: &str) -> Vec<&str> {
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

fn error(line: usize, col: usize, message: String, hint: String) -> SyntaxError {
    SyntaxError {
        line,
        col,
        message,
        hint: Some(hint),
    }
}

/// 1-based column (in characters) of byte offset `byte` of `line`.
fn col_at(line: &str, byte: usize) -> usize {
    line.get(..byte).map_or(byte, |s| s.chars().count()) + 1
}

/// Byte offset of 1-based character column `col` of `line` (its end when past it).
fn byte_at(line: &str, col: usize) -> usize {
    line.char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

/// Line `no` (1-based), or nothing past the end.
fn line_at<'a>(lines: &[&'a str], no: usize) -> &'a str {
    lines.get(no.wrapping_sub(1)).copied().unwrap_or("")
}

/// The lines before line `no` (1-based).
fn above<'a, 'b>(lines: &'b [&'a str], no: usize) -> &'b [&'a str] {
    &lines[..no.saturating_sub(1).min(lines.len())]
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The key of a `key: value` / `key:` line after its indentation and any `- `, with the
/// byte offset of its colon.
fn key_and_colon(line: &str) -> Option<(&str, usize)> {
    let body = line.trim_start_matches(' ');
    let mut start = line.len() - body.len();
    while line[start..].starts_with("- ") {
        start += 2;
        start += line[start..].len() - line[start..].trim_start_matches(' ').len();
    }
    let rest = &line[start..];
    let (key, colon) = if let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\''))
    {
        let end = rest[1..].find(quote)? + 1;
        let after = &rest[end + 1..];
        let colon = end + 1 + (after.len() - after.trim_start_matches(' ').len());
        rest[colon..]
            .starts_with(':')
            .then_some((&rest[1..end], colon))?
    } else {
        let colon = rest.find(':')?;
        (rest[..colon].trim_end(), colon)
    };
    let after = &rest[colon + 1..];
    let is_key = !key.is_empty()
        && !key.starts_with(['#', '[', '{', '&', '*', '!', '|', '>'])
        && (after.is_empty() || after.starts_with([' ', '\t']));
    is_key.then_some((key, start + colon))
}

// ---- the crate's report ----

/// The crate's message taken apart: what went wrong, where, and what it was reading
/// (and where that started).
struct Report<'a> {
    problem: &'a str,
    at: Option<(usize, usize)>,
    context: &'a str,
    context_at: Option<(usize, usize)>,
}

impl<'a> Report<'a> {
    /// `at` is already a position in `text`; the start mark in `message` is the crate's.
    fn parse(text: &str, message: &'a str, at: Option<(usize, usize)>) -> Report<'a> {
        let (head, context) = message.split_once(", while ").unwrap_or((message, ""));
        let problem = [" at line ", " at position "]
            .iter()
            .filter_map(|cut| head.find(cut))
            .min()
            .map_or(head, |i| &head[..i]);
        let (context, context_at) = match context.split_once(" at line ") {
            Some((what, mark)) => (what, parse_mark(mark).map(|m| text_position(text, m))),
            None => (context, None),
        };
        Report {
            problem,
            at,
            context,
            context_at,
        }
    }

    /// Where the construct being read started; the crate leaves out line 1 column 1.
    fn start(&self) -> (usize, usize) {
        self.context_at.unwrap_or((1, 1))
    }
}

/// The crate's (line, column) as a position in `text`. The crate also counts a lone `\r`,
/// NEL, LS and PS as line breaks; the file's lines end only at `\n`.
pub(super) fn text_position(text: &str, (line, col): (usize, usize)) -> (usize, usize) {
    if !text.contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']) {
        return (line, col);
    }
    let (mut yaml_line, mut yaml_col) = (1, 1);
    let (mut file_line, mut file_col) = (1, 1);
    let mut chars = text.chars().peekable();
    while (yaml_line, yaml_col) < (line, col) {
        let Some(c) = chars.next() else {
            // Past the end: the crate's end-of-text mark.
            return (file_line + (line - yaml_line), col);
        };
        match c {
            '\n' => {
                (yaml_line, yaml_col) = (yaml_line + 1, 1);
                (file_line, file_col) = (file_line + 1, 1);
            }
            '\r' if chars.peek() == Some(&'\n') => {
                chars.next();
                (yaml_line, yaml_col) = (yaml_line + 1, 1);
                (file_line, file_col) = (file_line + 1, 1);
            }
            '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                (yaml_line, yaml_col) = (yaml_line + 1, 1);
                file_col += 1;
            }
            _ => {
                yaml_col += 1;
                file_col += 1;
            }
        }
    }
    (file_line, file_col)
}

/// `"3 column 7"` → (3, 7).
fn parse_mark(mark: &str) -> Option<(usize, usize)> {
    let (line, col) = mark.split_once(" column ")?;
    let col: String = col.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, col.parse().ok()?))
}

// ---- the crate's remaining reports, in plain words ----

fn translate(report: &Report, lines: &[&str]) -> SyntaxError {
    let (line_no, col) = report.at.unwrap_or((1, 1));
    let line = line_at(lines, line_no);
    let problem = report.problem;
    let context = report.context;
    let generic = || {
        error(
            line_no,
            col,
            "this line is not valid YAML".into(),
            GENERIC_HINT.into(),
        )
    };
    let quote_hint = || quote_the_value(line);
    if context.contains("quoted scalar") && problem.contains("end of stream") {
        let (l, c) = report.start();
        let quote = lines
            .get(l.wrapping_sub(1))
            .and_then(|s| s[byte_at(s, c)..].chars().next())
            .filter(|q| matches!(q, '"' | '\''))
            .unwrap_or('"');
        return unclosed_quote(l, c, quote).error;
    }
    if context.contains("quoted scalar")
        && (problem.contains("escape") || problem.contains("hexadecimal"))
    {
        return error(
            line_no,
            col,
            "this `\\` starts an escape that YAML does not know".into(),
            "inside double quotes write `\\\\` for a backslash, or use single quotes ('C:\\files'), where `\\` is plain text".into(),
        );
    }
    if problem.starts_with("did not find expected ',' or") {
        let (what, closer) = if problem.ends_with("']'") {
            ("list", "]")
        } else {
            ("mapping", "}")
        };
        return error(
            line_no,
            col,
            format!("this {what} needs `,` between its items, or `{closer}` to end it, here"),
            "put an item that contains `,`, `:`, `[`, `]`, `{`, `}` or quotes in quotes, like `[\"Kyiv, Ukraine\", nato]`".into(),
        );
    }
    if problem.contains("tab character")
        || (problem.contains("cannot start any token")
            && line[byte_at(line, col)..].starts_with('\t'))
    {
        let tab = line.find('\t').map_or(col, |b| col_at(line, b));
        return tab_mistake(line_no, tab).error;
    }
    if problem.contains("cannot start any token") {
        return match line[byte_at(line, col)..].chars().next() {
            Some(c) if !c.is_whitespace() => error(
                line_no,
                col,
                match c {
                    '`' => "a value cannot start with a backtick".to_string(),
                    c => format!("a value cannot start with `{c}`"),
                },
                quote_hint(),
            ),
            _ => generic(),
        };
    }
    if problem.starts_with("mapping values are not allowed") {
        return colon_in_wrong_place(lines, line_no, col);
    }
    if problem == "did not find expected key" {
        return not_a_key(lines, line_no, col).unwrap_or_else(generic);
    }
    if problem == "did not find expected '-' indicator" {
        return not_lined_up(lines, line_no, col, report.start());
    }
    if problem == "could not find expected ':'" {
        let (l, c) = report.start();
        let start = line_at(lines, l);
        return missing_space(l, start).unwrap_or_else(|| unindented(l, c));
    }
    if problem.starts_with("block sequence entries are not allowed") {
        let key = key_and_colon(line).map_or("key", |(k, _)| k);
        return error(
            line_no,
            col,
            "a list cannot start on the line of its key".into(),
            format!(
                "put nothing after `{key}:` and each item on its own line starting with `- `, or write `{key}: [a, b]`"
            ),
        );
    }
    if problem == "did not find expected node content" {
        return error(
            line_no,
            col,
            "a value is missing here".into(),
            "write the items of a list between `[` and `]`, separated by `, `".into(),
        );
    }
    if context.contains("block scalar") {
        return error(
            line_no,
            col,
            "unexpected text after `|` or `>`".into(),
            "the text of a `|` or `>` value goes on the lines below it, indented".into(),
        );
    }
    if context.contains("anchor") || context.contains("alias") || problem == "unknown anchor" {
        return error(
            line_no,
            col,
            "a value that starts with `&` or `*` is read as a YAML anchor or alias".into(),
            quote_hint(),
        );
    }
    let tagged = line[byte_at(line, col)..].starts_with('!');
    if context.contains("tag") || problem.contains("tag") || tagged {
        return error(
            line_no,
            col,
            "a value that starts with `!` is read as a YAML tag".into(),
            quote_hint(),
        );
    }
    if problem.contains("control characters") || problem.contains("invalid Unicode character") {
        return control_character(lines).unwrap_or_else(generic);
    }
    if problem.contains("more than one document")
        || problem.contains("document indicator")
        || problem.contains("document start")
        || problem.contains("YAML document")
        || problem.contains("directive")
        || context.contains("directive")
    {
        return second_document(lines).unwrap_or_else(generic);
    }
    if problem.contains("recursion limit") {
        return error(
            line_no,
            col,
            "the values here are nested too deeply".into(),
            "front matter needs only a few levels of indentation".into(),
        );
    }
    if problem.contains("repetition limit") {
        return error(
            line_no,
            col,
            "aliases (`*name`) repeat values too many times".into(),
            "write the values out instead of repeating aliases".into(),
        );
    }
    generic()
}

/// "put the value in quotes: `key: \"value\"`" for a `key: value` line.
fn quote_the_value(line: &str) -> String {
    match key_and_colon(line) {
        Some((key, colon)) => {
            let value = line[colon + 1..].trim();
            let quoted = value.replace('\\', "\\\\").replace('"', "\\\"");
            format!("put the value in quotes: `{key}: \"{quoted}\"`")
        }
        None => "put the value in quotes".to_string(),
    }
}

/// "mapping values are not allowed here": a `: ` YAML cannot take as a key at `col`.
fn colon_in_wrong_place(lines: &[&str], line_no: usize, col: usize) -> SyntaxError {
    let line = line_at(lines, line_no);
    match key_and_colon(line) {
        // The line's own key: it is indented under something that has a value.
        Some((key, colon)) if col_at(line, colon) == col => {
            let indent = indent_of(line);
            let above = above(lines, line_no)
                .iter()
                .rev()
                .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                .find_map(|l| {
                    key_and_colon(l)
                        .filter(|_| indent_of(l) < indent)
                        .map(|(k, c)| (k, col_at(l, c) - k.chars().count()))
                });
            let key_col = indent + 1;
            match above {
                Some((parent, parent_col)) => error(
                    line_no,
                    key_col,
                    format!("`{key}:` is indented under `{parent}:`, which already has a value"),
                    format!(
                        "start `{key}:` in the same column as `{parent}:` (column {parent_col})"
                    ),
                ),
                None => error(
                    line_no,
                    key_col,
                    "this line is indented more than the lines above it".into(),
                    "line it up with the keys above it".into(),
                ),
            }
        }
        Some((key, _)) => error(
            line_no,
            col,
            format!(
                "the value of `{key}` contains `: `, which YAML reads as the start of a new key"
            ),
            quote_the_value(line),
        ),
        None => error(
            line_no,
            col,
            "this `: ` is read as the start of a new key".into(),
            "put the whole value in quotes".into(),
        ),
    }
}

/// "did not find expected key": something other than a key where a key must be.
fn not_a_key(lines: &[&str], line_no: usize, col: usize) -> Option<SyntaxError> {
    let line = lines.get(line_no.wrapping_sub(1)).copied()?;
    let at = byte_at(line, col);
    let rest = &line[at..];
    if rest == "-" || rest.starts_with("- ") {
        let indent = indent_of(line);
        let owner = above(lines, line_no)
            .iter()
            .rev()
            .filter(|l| indent_of(l) <= indent)
            .find_map(|l| key_and_colon(l))
            .map_or(Owner::Item(indent), |(k, _)| Owner::Key(k));
        return Some(stray_item(line_no, col, &owner).error);
    }
    if line[..at].trim_end().ends_with(['"', '\'']) {
        return Some(error(
            line_no,
            col,
            "text follows the closing quote of this value".into(),
            "a quoted value ends at its closing quote: quote the whole value, or leave the quotes out"
                .into(),
        ));
    }
    if let Some(c) = rest.chars().next().filter(|c| matches!(c, ']' | '}')) {
        return Some(error(
            line_no,
            col,
            format!("this `{c}` closes nothing"),
            "remove it, or check the brackets of the list on this line".into(),
        ));
    }
    (at == indent_of(line)).then(|| unindented(line_no, col))
}

fn unindented(line: usize, col: usize) -> SyntaxError {
    error(
        line,
        col,
        "this line is neither `key: value` nor indented under a key".into(),
        "if it continues the value above, indent it with spaces, or put the value on one line"
            .into(),
    )
}

/// "did not find expected '-' indicator": a line inside a list that is not lined up.
fn not_lined_up(
    lines: &[&str],
    line_no: usize,
    col: usize,
    (_, list_col): (usize, usize),
) -> SyntaxError {
    let line = line_at(lines, line_no);
    let body = line.trim_start_matches(' ');
    if body == "-" || body.starts_with("- ") {
        return error(
            line_no,
            col,
            "this list item is not lined up with the items above it".to_string(),
            format!(
                "start every `- ` of a list in the same column (column {list_col}, like the first item)"
            ),
        );
    }
    if let Some((key, _)) = key_and_colon(line) {
        let indent = indent_of(line);
        let sibling = above(lines, line_no)
            .iter()
            .rev()
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .find_map(|l| {
                key_and_colon(l)
                    .filter(|_| indent_of(l) > indent)
                    .map(|(k, c)| (k, col_at(l, c) - k.chars().count()))
            });
        if let Some((sibling, sibling_col)) = sibling {
            return error(
                line_no,
                col,
                format!("`{key}:` is not lined up with the fields of the list item above"),
                format!(
                    "start `{key}:` in the same column as `{sibling}:` (column {sibling_col}), or begin a new item with `- `"
                ),
            );
        }
    }
    error(
        line_no,
        col,
        "this line is not lined up with the list above it".to_string(),
        format!(
            "items of that list start with `- ` in column {list_col}; their fields line up under the first one"
        ),
    )
}

fn control_character(lines: &[&str]) -> Option<SyntaxError> {
    lines.iter().enumerate().find_map(|(i, line)| {
        let (byte, c) = line.char_indices().find(|(_, c)| {
            (c.is_control() && *c != '\t') || matches!(c, '\u{fffe}' | '\u{ffff}')
        })?;
        Some(error(
            i + 1,
            col_at(line, byte),
            format!(
                "this line contains an invisible control character (U+{:04X})",
                c as u32
            ),
            "delete it: retype the line, or remove what was pasted into it".into(),
        ))
    })
}

fn second_document(lines: &[&str]) -> Option<SyntaxError> {
    lines.iter().enumerate().find_map(|(i, line)| {
        let message = if line.starts_with('%') {
            "a line starting with `%` is read as a YAML instruction".to_string()
        } else if line.starts_with("---") || line.starts_with("...") {
            format!("a line starting with `{}` ends the YAML here", &line[..3])
        } else {
            return None;
        };
        Some(error(
            i + 1,
            1,
            message,
            "remove the line, or put its text in quotes: front matter is one block of `key: value` lines".into(),
        ))
    })
}

// ---- decoding errors ----

/// A decoding error of the crate (`invalid type: integer `-1`, expected u64`) in plain words.
pub(super) fn decode_error(message: &str) -> String {
    if message.contains("enum") {
        return "it contains a YAML tag (a value that starts with `!`); put such a value in quotes"
            .into();
    }
    if message.contains("key") {
        return "a key is empty or `~`; write each key as text".into();
    }
    let detail = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.split_once(", expected "));
    match detail {
        Some((found, expected)) => format!(
            "found {}, expected {}",
            found_words(found),
            expected_words(expected)
        ),
        None => {
            "it cannot be read as plain data (text, numbers, true/false, lists, mappings)".into()
        }
    }
}

/// `boolean `true`` → `` `true` ``, `sequence` → "a list".
fn found_words(found: &str) -> String {
    for kind in [
        "boolean ",
        "integer ",
        "floating point ",
        "string ",
        "character ",
    ] {
        if let Some(value) = found.strip_prefix(kind) {
            return value.to_string();
        }
    }
    match found {
        "sequence" => "a list",
        "map" => "a mapping",
        "unit value" | "null" => "nothing",
        other => other,
    }
    .to_string()
}

/// `u64` → "a whole number", `a boolean` → "true or false".
fn expected_words(expected: &str) -> &str {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => {
            "a whole number"
        }
        "f32" | "f64" => "a number",
        "a boolean" => "true or false",
        "a string" => "text",
        "a sequence" => "a list",
        "a map" => "a mapping",
        other => other,
    }
}
