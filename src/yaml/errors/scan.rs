//! Reading front matter for the mistakes editors make, line by line: a tab in the
//! indentation, a quote or bracket never closed (even when YAML later finds a closing one),
//! a list item under a key that has a value, `key:value` without its space.

use super::{SyntaxError, col_at, error, indent_of, key_and_colon};

pub(super) struct Mistake {
    pub(super) error: SyntaxError,
    /// A list item under a key with a value (valid YAML, but never meant).
    pub(super) stray_item: bool,
}

fn mistake(line: usize, col: usize, message: String, hint: String) -> Mistake {
    Mistake {
        error: error(line, col, message, hint),
        stray_item: false,
    }
}

/// Who owns a plain value that following, deeper lines continue.
pub(super) enum Owner<'a> {
    Key(&'a str),
    /// A `- value` item whose dash is at this indentation.
    Item(usize),
}

/// The editor mistakes in the text, in line order.
pub(super) fn scan(lines: &[&str]) -> Vec<Mistake> {
    let mut found = Vec::new();
    // (indent, owner) of a plain value that deeper lines continue.
    let mut plain: Option<(usize, Owner)> = None;
    // Indentation of the key of a `|` or `>` value: deeper lines are its text.
    let mut block: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let no = i + 1;
        i += 1;
        let body = line.trim_start_matches([' ', '\t']);
        if body.is_empty() {
            continue;
        }
        let lead = &line[..line.len() - body.len()];
        if let Some(owner) = block {
            if lead.len() > owner {
                continue;
            }
            block = None;
        }
        if let Some(tab) = lead.find('\t') {
            found.push(tab_mistake(no, tab + 1));
            plain = None;
            continue;
        }
        let indent = lead.len();
        if body.starts_with('#') {
            plain = None;
            continue;
        }
        // A deeper line continues the plain value above (YAML folds it in).
        if let Some((owner_indent, owner)) = &plain
            && indent > *owner_indent
        {
            if body == "-" || body.starts_with("- ") {
                found.push(stray_item(no, indent + 1, owner));
            }
            continue;
        }
        plain = None;

        // `- ` items, then maybe a key, then the value.
        let mut at = indent;
        let mut dash = None;
        while &line[at..] == "-" || line[at..].starts_with("- ") {
            dash = Some(at);
            at += 1;
            at += line[at..].len() - line[at..].trim_start_matches(' ').len();
        }
        if at >= line.len() {
            continue;
        }
        let (owner_indent, owner, value_at) = match key_and_colon(&line[at..]) {
            Some((key, colon)) => {
                let after = &line[at + colon + 1..];
                let value_at = at + colon + 1 + (after.len() - after.trim_start().len());
                (at, Owner::Key(key), value_at)
            }
            None if dash.is_none() => {
                if let Some(m) = missing_space(no, line) {
                    found.push(Mistake {
                        error: m,
                        stray_item: false,
                    });
                }
                continue;
            }
            None => match dash {
                Some(dash) => (dash, Owner::Item(dash), at),
                None => continue,
            },
        };
        let value = line[value_at..].trim_end();
        match value.chars().next() {
            None => {}
            Some('|' | '>') => block = Some(owner_indent),
            Some(quote @ ('"' | '\'')) => {
                i = quoted(lines, i - 1, value_at, quote, owner_indent, &mut found);
            }
            Some('[' | '{') => i = flow(lines, i - 1, value_at, owner_indent, &mut found),
            Some('&' | '*' | '!' | '#') => {}
            // A comment ends a plain value: deeper lines after it are an error of their own.
            Some(_) if value.contains(" #") => {}
            Some(_) => plain = Some((owner_indent, owner)),
        }
    }
    found
}

pub(super) fn tab_mistake(line: usize, col: usize) -> Mistake {
    mistake(
        line,
        col,
        "this line is indented with a tab".into(),
        "use spaces, not a tab: YAML counts only spaces as indentation".into(),
    )
}

pub(super) fn stray_item(line: usize, col: usize, owner: &Owner) -> Mistake {
    let (message, hint) = match owner {
        Owner::Key(key) => (
            format!("this list item is under `{key}:`, which already has a value on its own line"),
            format!(
                "for a list, put nothing after `{key}:` and each item on its own `- ` line, or write `{key}: [a, b]`"
            ),
        ),
        Owner::Item(dash) => (
            "this list item is not lined up with the items above it".to_string(),
            format!(
                "start every `- ` of a list in the same column (column {}, like the first item)",
                dash + 1
            ),
        ),
    };
    Mistake {
        error: error(line, col, message, hint),
        stray_item: true,
    }
}

/// `date:2025-07-21`: a key with no space after its colon, which YAML reads as text.
pub(super) fn missing_space(no: usize, line: &str) -> Option<SyntaxError> {
    let colon = line.find(':')?;
    let key = line[..colon].trim_start_matches(' ');
    let after = &line[colon + 1..];
    let key_like = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let value_like = after.starts_with(|c: char| !c.is_whitespace() && c != ':' && c != '/');
    (key_like && value_like).then(|| {
        error(
            no,
            colon + 1,
            format!("`{key}:` needs a space after the colon"),
            format!("write `{key}: {}`", after.trim_end()),
        )
    })
}

/// Byte offset in `s` of the quote that closes a `quote`-quoted value whose opening quote
/// came before `s`.
fn closing_quote(s: &str, quote: char) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], quote) {
            (b'\\', '"') => i += 2,
            (b'\'', '\'') if bytes.get(i + 1) == Some(&b'\'') => i += 2,
            (b, _) if b == quote as u8 => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// A line that starts a new entry at or left of `owner_indent`: inside a quote or
/// brackets, it means the quote or bracket was never meant to go on.
fn starts_entry(line: &str, owner_indent: usize) -> bool {
    indent_of(line) <= owner_indent && key_and_colon(line).is_some()
}

/// A quoted value opening at `lines[index][at]`; returns the index of the line to go on with.
fn quoted(
    lines: &[&str],
    index: usize,
    at: usize,
    quote: char,
    owner_indent: usize,
    found: &mut Vec<Mistake>,
) -> usize {
    let line = lines[index];
    if closing_quote(&line[at + 1..], quote).is_some() {
        return index + 1;
    }
    // Several lines: fine if it ends cleanly before anything that looks like the next key.
    for (j, next) in lines.iter().enumerate().skip(index + 1) {
        if let Some(end) = closing_quote(next, quote) {
            let after = next[end + 1..].trim();
            let clean = after.is_empty() || after.starts_with('#');
            if clean && !starts_entry(&next[..end], owner_indent) {
                return j + 1;
            }
            break;
        }
        if starts_entry(next, owner_indent) {
            break;
        }
    }
    found.push(unclosed_quote(index + 1, col_at(line, at), quote));
    index + 1
}

pub(super) fn unclosed_quote(line: usize, col: usize, quote: char) -> Mistake {
    let inside = if quote == '"' {
        "write `\\\"` for a quote inside it"
    } else {
        "write `''` for an apostrophe inside it"
    };
    mistake(
        line,
        col,
        format!("the `{quote}` that opens this value is never closed"),
        format!("end the value with `{quote}` on the same line ({inside})"),
    )
}

/// A `[`/`{` value opening at `lines[index][at]`; returns the index of the line to go on with.
fn flow(
    lines: &[&str],
    index: usize,
    at: usize,
    owner_indent: usize,
    found: &mut Vec<Mistake>,
) -> usize {
    let mut open: Vec<char> = Vec::new();
    let mut open_at_line_end = Vec::new();
    for (j, line) in lines.iter().enumerate().skip(index) {
        if j > index && starts_entry(line, owner_indent) {
            break;
        }
        let start = if j == index { at } else { 0 };
        let mut chars = line[start..].char_indices().peekable();
        let mut previous = ' ';
        while let Some((k, c)) = chars.next() {
            match c {
                '[' | '{' => open.push(c),
                ']' | '}' => {
                    open.pop();
                    if open.is_empty() {
                        return j + 1;
                    }
                }
                '"' | '\'' => {
                    let from = start + k + 1;
                    match closing_quote(&line[from..], c) {
                        Some(end) => {
                            let skip_to = from + end;
                            while chars.next_if(|(k2, _)| start + k2 <= skip_to).is_some() {}
                        }
                        None => {
                            found.push(unclosed_quote(j + 1, col_at(line, start + k), c));
                            return index + 1;
                        }
                    }
                }
                '#' if previous == ' ' => break,
                _ => {}
            }
            previous = c;
        }
        if j == index {
            open_at_line_end = open.clone();
        }
    }
    let line = lines[index];
    let what = if line[at..].starts_with('[') {
        ("[", "list")
    } else {
        ("{", "mapping")
    };
    let closers: String = open_at_line_end
        .iter()
        .rev()
        .map(|c| if *c == '[' { ']' } else { '}' })
        .collect();
    let fixed = format!("{}{closers}", line.trim().trim_end_matches(','));
    found.push(mistake(
        index + 1,
        col_at(line, at),
        format!(
            "the `{}` that opens this {} is never closed",
            what.0, what.1
        ),
        format!(
            "end the {} with `{closers}` on the same line: `{fixed}`",
            what.1
        ),
    ));
    index + 1
}
