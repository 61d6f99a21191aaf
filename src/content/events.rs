//! Key events (`events:` in front matter): the dated facts a briefing reports, each a day and
//! a line of inline Markdown, for the timelines of its terms and of the site. Owns reading
//! them (every problem at its line) and the warning for an event after the briefing itself.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::yaml::{Entry, Node};

use super::dates::{DateValue, parse_date, swapped_month_and_day};

/// One key event of a briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// A day, `YYYY-MM-DD`.
    pub date: DateValue,
    /// As written (trimmed, inner whitespace collapsed): merging and sorting compare this.
    pub text: String,
    /// The text as inline HTML (Markdown emphasis, links, code; no blocks).
    pub html: String,
    /// File line of the event's list item.
    pub line: usize,
    /// File line and column of its date, for findings about the date.
    pub date_at: (usize, usize),
    /// File line and column of its text (the `text:` key, or the text after `- date:`), for
    /// findings about the text's links.
    pub text_at: (usize, usize),
}

const HINT: &str = "write each event as `- date: 2022-09-30` with `text: What happened` under it, \
     or `- 2022-09-30: What happened`";

/// Reads `events:` into events and every problem they have. `at` makes a diagnostic at a file
/// line and column; `offset` turns YAML lines into file lines. Events with problems are left
/// out; the others are kept.
pub(super) fn parse_events(
    entry: &Entry,
    yaml_text: &str,
    offset: usize,
    base_path: &str,
    path: &Path,
    at: &dyn Fn(usize, usize, String) -> Diagnostic,
) -> (Vec<Event>, Vec<Diagnostic>) {
    let key_line = entry.line + offset;
    let (items, item_lines) = match super::sources::list_entry(entry, yaml_text, offset, HINT, at) {
        Ok(list) => list,
        Err(error) => return (Vec::new(), vec![error]),
    };
    let mut events = Vec::new();
    let mut errors = Vec::new();
    let at_file_line = |(l, c): (usize, usize)| (l + offset, c);
    for (index, item) in items.iter().enumerate() {
        let line = item_lines.get(index).map_or(key_line, |l| l + offset);
        let number = index + 1;
        match read_event(item) {
            Ok((date_text, text)) => match parse_day(&date_text) {
                Ok(date) => events.push(Event {
                    html: inline_html(&text, base_path, path),
                    date_at: at_file_line(date_position(yaml_text, line - offset, &date_text)),
                    text_at: text_position(yaml_text, line - offset, &date_text)
                        .map_or((line, 1), |(l, c)| (l + offset, c)),
                    date,
                    text,
                    line,
                }),
                Err((message, hint)) => {
                    let (l, c) = at_file_line(date_position(yaml_text, line - offset, &date_text));
                    errors.push(at(l, c, format!("event {number}: {message}")).with_hint(hint));
                }
            },
            Err(message) => {
                errors.push(at(line, 1, format!("event {number} {message}")).with_hint(HINT))
            }
        }
    }
    crate::diagnostics::set_rule(&mut errors, "events");
    (events, errors)
}

/// The date and text of one item: `{date: …, text: …}`, or `{2022-09-30: …}`.
fn read_event(item: &Node) -> Result<(String, String), String> {
    let Some(fields) = item.as_mapping() else {
        return Err(format!("has no date: found {}", item.kind()));
    };
    let text_of = |value: &Node| {
        value
            .as_scalar_text()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
    };
    if let [(key, value)] = fields.as_slice()
        && key != "date"
        && key != "text"
    {
        let text = text_of(value).ok_or("has no text after its date")?;
        return Ok((key.clone(), text));
    }
    let mut date = None;
    let mut text = None;
    for (key, value) in &fields {
        match key.as_str() {
            "date" => date = value.as_scalar_text(),
            "text" => text = text_of(value),
            other => {
                return Err(format!(
                    "has an unknown key `{other}` (use `date` and `text`)"
                ));
            }
        }
    }
    match (date, text) {
        (Some(date), Some(text)) => Ok((date, text)),
        (None, _) => Err("has no `date`".into()),
        (Some(_), None) => Err("has no `text`".into()),
    }
}

/// An event's date is a day: `2022-09-30`.
fn parse_day(text: &str) -> Result<DateValue, (String, String)> {
    let text = text.trim();
    let day_hint = || match swapped_month_and_day(text) {
        Some(fixed) => format!("did you mean `{fixed}`? Dates are year-month-day"),
        None => "write the day as `2022-09-30` (year-month-day)".to_string(),
    };
    if text.len() != 10 {
        return Err((format!("`{text}` is not a day"), day_hint()));
    }
    parse_date(text).map_err(|m| (format!("bad date: {m}"), day_hint()))
}

/// YAML line and column of the date of the item starting on `yaml_line`: after its `date:`
/// key, on whichever line of the item that is (the text may come first, and may itself
/// hold the date); else the date on the item's first line (`- 2022-09-30: What happened`);
/// else column 1 of that line.
fn date_position(yaml_text: &str, yaml_line: usize, date: &str) -> (usize, usize) {
    let date = date.trim();
    let column_in = |line: &str, from: usize| {
        line.get(from..)
            .and_then(|rest| rest.find(date))
            .map(|i| line[..from + i].chars().count() + 1)
    };
    let line_text = |n: usize| yaml_text.lines().nth(n.saturating_sub(1)).unwrap_or("");
    if let Some((l, key_col)) = super::sources::key_position(yaml_text, yaml_line, "date") {
        let key_end = key_col - 1 + "date:".len();
        return (l, column_in(line_text(l), key_end).unwrap_or(key_col));
    }
    (yaml_line, column_in(line_text(yaml_line), 0).unwrap_or(1))
}

/// YAML line and column of an event's text in the item starting on `yaml_line`: its `text:`
/// key, else the value after the item's date key (`- 2022-09-30: What happened`).
fn text_position(yaml_text: &str, yaml_line: usize, date: &str) -> Option<(usize, usize)> {
    if let Some(at) = super::sources::key_position(yaml_text, yaml_line, "text") {
        return Some(at);
    }
    let line = yaml_text.lines().nth(yaml_line.checked_sub(1)?)?;
    let after_date = line.find(date.trim())? + date.trim().len();
    let rest = &line[after_date..];
    let value = rest.trim_start_matches(['\'', '"']).strip_prefix(':')?;
    let start = after_date + (rest.len() - value.len()) + (value.len() - value.trim_start().len());
    (start < line.len()).then(|| (yaml_line, line[..start].chars().count() + 1))
}

/// The text as inline HTML: one paragraph of Markdown without its `<p>`. Text that is not a
/// single paragraph (`1. …`, `# …`) is shown as written.
fn inline_html(text: &str, base_path: &str, path: &Path) -> String {
    let rendered = crate::markdown::render_markdown(text, base_path, path, false);
    let html = rendered.html.trim_end();
    match html
        .strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => crate::markdown::escape_html(text),
    }
}

/// An event dated after the briefing (after its `updated`, when it has one) cannot have been
/// reported in it: a warning at the event, as it is most likely a typo in the year.
pub(super) fn later_events(
    events: &[Event],
    date: &DateValue,
    updated: Option<&DateValue>,
    at: &dyn Fn(usize, usize, String) -> Diagnostic,
) -> Vec<Diagnostic> {
    let latest = updated.map_or(date.date, |u| u.date.max(date.date));
    events
        .iter()
        .filter(|event| event.date.date > latest)
        .map(|event| {
            let what = match updated {
                Some(u) if u.date >= date.date => format!("`updated: {}`", u.text),
                _ => format!("`date: {}`", date.text),
            };
            let d = at(
                event.date_at.0,
                event.date_at.1,
                format!(
                    "the event of {} is after the briefing's {what}",
                    event.date.text
                ),
            )
            .with_hint("a briefing reports events up to its own date; check the event's year")
            .with_rule("events");
            Diagnostic {
                severity: crate::diagnostics::Severity::Warning,
                ..d
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markdown_loses_its_paragraph_and_blocks_stay_as_written() {
        let path = Path::new("content/a.md");
        assert_eq!(
            inline_html("Russia *declares* [it](/x/)", "/b/", path),
            "Russia <em>declares</em> <a href=\"/b/x/\">it</a>"
        );
        assert_eq!(inline_html("1. first", "/", path), "1. first");
        assert_eq!(inline_html("# <b>", "/", path), "# &lt;b&gt;");
    }

    #[test]
    fn an_event_text_is_found_after_its_date_or_at_its_key() {
        let yaml = "events:\n  - 2022-09-30: Russia declares\n  - \"2023-02-23\":   UN vote\n  - date: 2025-07-14\n    text: The offer\n  - {date: 2025-07-15, text: Flow}\n";
        assert_eq!(text_position(yaml, 2, "2022-09-30"), Some((2, 17)));
        assert_eq!(text_position(yaml, 3, "2023-02-23"), Some((3, 21)));
        assert_eq!(text_position(yaml, 4, "2025-07-14"), Some((5, 5)));
        // A flow mapping: not placed (the caller uses the item's line, column 1).
        assert_eq!(text_position(yaml, 6, "2025-07-15"), None);
    }

    #[test]
    fn an_event_date_is_a_day() {
        assert!(parse_day("2022-09-30").is_ok());
        let (message, hint) = parse_day("2022-30-09").unwrap_err();
        assert!(message.contains("2022-30-09"), "{message}");
        assert!(hint.contains("2022-09-30"), "{hint}");
        assert!(parse_day("2022-09-30T10:00:00Z").is_err());
        assert!(parse_day("2022-02-30").is_err());
    }
}
