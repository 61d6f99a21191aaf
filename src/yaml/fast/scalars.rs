//! Scalars of the fast path: plain, single- and double-quoted, one-line flow sequences, and
//! how the YAML crate types plain ones (numbers, booleans, null, timestamps stay text).

use serde_yaml::Value;

/// A value written on the key's (or dash's) line; `text` is non-empty and starts with
/// no space.
pub(super) fn inline_value(text: &str) -> Option<Value> {
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

pub(super) fn only_spaces(text: &str) -> bool {
    text.bytes().all(|b| b == b' ')
}

/// A double-quoted string closed on the same line, with only the escapes `\"`, `\\`,
/// `\/`, `\n` and `\t`; returns it and the text after the closing quote.
pub(super) fn double_quoted(text: &str) -> Option<(String, &str)> {
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
pub(super) fn single_quoted(text: &str) -> Option<(String, &str)> {
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
pub(super) fn flow_sequence(text: &str) -> Option<Value> {
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
pub(super) fn plain(text: &str, in_flow: bool) -> Option<Value> {
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
pub(super) fn is_keyword(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "null", "true", "false", "y", "yes", "n", "no", "on", "off", "inf", "infinity", "nan",
    ];
    text.len() <= 8 && WORDS.iter().any(|w| w.eq_ignore_ascii_case(text))
}

/// Digit-initial plain scalars: an unsigned integer without leading zeros, a date or an
/// RFC 3339 date-time (both stay text); anything else is left to the crate.
pub(super) fn number_or_date(text: &str) -> Option<Value> {
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
