//! What a briefing tells readers about itself: its type of work (`kind:`), its dateline
//! (`dateline:`) and its corrections log (`corrections:`, each a date and one paragraph of
//! inline Markdown). Read from front matter with every problem at its line, like sources.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::yaml::Entry;

use super::dates::{DATE_FORMS, DateValue, parse_date};
use super::sources::{key_position, list_entry};

/// The type of work, as the Trust Project and schema.org's NewsArticle subtypes name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// News: what happened, from reporting (the default).
    #[default]
    Report,
    /// Interpretation of the news by the desk.
    Analysis,
    /// Background and context.
    Explainer,
    /// A view argued by its author.
    Opinion,
}

impl Kind {
    pub const ALL: [&'static str; 4] = ["report", "analysis", "explainer", "opinion"];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Report => "report",
            Kind::Analysis => "analysis",
            Kind::Explainer => "explainer",
            Kind::Opinion => "opinion",
        }
    }

    /// The schema.org type of an article of this kind.
    pub fn schema_type(self) -> &'static str {
        match self {
            Kind::Report => "ReportageNewsArticle",
            Kind::Analysis => "AnalysisNewsArticle",
            Kind::Explainer => "BackgroundNewsArticle",
            Kind::Opinion => "OpinionNewsArticle",
        }
    }
}

/// One entry of a briefing's corrections log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub date: DateValue,
    /// As written: one paragraph of inline Markdown.
    pub text: String,
    /// `text` rendered (no enclosing `<p>`), root-relative links under the base path.
    pub html: String,
    /// `text` without markup, for metadata.
    pub plain: String,
    /// File line of the item (`- date: …`).
    pub line: usize,
    /// File line and column of the `text:` key (0 when absent), for checks of its words.
    pub text_at: (usize, usize),
}

/// `kind:` — one of the four types of work.
pub(super) fn parse_kind(entry: &Entry) -> Result<Kind, (String, String)> {
    let text = entry.value.as_scalar_text().unwrap_or_default();
    Ok(match text.trim() {
        "report" => Kind::Report,
        "analysis" => Kind::Analysis,
        "explainer" => Kind::Explainer,
        "opinion" => Kind::Opinion,
        other => {
            let hint = match did_you_mean(other, Kind::ALL) {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!(
                    "use one of {} (a report is the default)",
                    Kind::ALL.join(", ")
                ),
            };
            return Err((format!("unknown kind `{other}`"), hint));
        }
    })
}

/// `dateline:` — where the briefing was filed from, one line of text.
pub(super) fn parse_dateline(entry: &Entry) -> Result<String, (String, String)> {
    let hint = "write the place it was filed from, such as `dateline: Kyiv`".to_string();
    match entry.value.as_scalar_text() {
        Some(text) if text.contains('\n') => {
            Err(("`dateline` must be one line, a place name".into(), hint))
        }
        Some(text) if !text.trim().is_empty() => Ok(text.trim().to_string()),
        _ if entry.value.is_null() || entry.value.as_scalar_text().is_some() => {
            Err(("`dateline` is empty".into(), hint))
        }
        _ => Err((
            format!("`dateline` must be text, found {}", entry.value.kind()),
            hint,
        )),
    }
}

const CORRECTION_FIELDS: &[&str] = &["date", "text"];

/// Reads `corrections:` into corrections and every problem they have (a missing or empty
/// `text`, a bad date, an unknown key, a paragraph that is more than one). Every item with a
/// good date and text becomes a correction.
pub(super) fn parse_corrections(
    entry: &Entry,
    (yaml_text, offset): (&str, usize),
    base_path: &str,
    at: &dyn Fn(usize, usize, String) -> Diagnostic,
) -> (Vec<Correction>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let hint = "write each correction as `- date: 2025-07-23` with a `text:` line under it";
    let (items, item_lines) = match list_entry(entry, yaml_text, offset, hint, at) {
        Ok(list) => list,
        Err(error) => return (Vec::new(), vec![error]),
    };
    let mut corrections = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let number = index + 1;
        let yaml_line = item_lines.get(index).copied().unwrap_or(entry.line);
        let line = yaml_line + offset;
        // A key of this item: its file line and column, else the item's first key.
        let position = |key: &str| {
            key_position(yaml_text, yaml_line, key)
                .map(|(l, c)| (l + offset, c))
                .unwrap_or_else(|| (line, item_column(yaml_text, yaml_line)))
        };
        let Some(fields) = item.as_mapping() else {
            errors.push(
                at(
                    line,
                    1,
                    format!(
                        "correction {number} must have `date:` and `text:` fields, found {}",
                        item.kind()
                    ),
                )
                .with_hint(
                    "write it as `- date: 2025-07-23` with `text: What was corrected.` under it",
                ),
            );
            continue;
        };
        let mut date = None;
        let mut text = None;
        let mut text_at = (0, 0);
        for (key, value) in &fields {
            match key.as_str() {
                "date" => {
                    let (l, c) = position("date");
                    let written = value.as_scalar_text().unwrap_or_default();
                    match parse_date(&written) {
                        Ok(d) => date = Some(d),
                        Err(m) => errors.push(
                            at(l, c, format!("bad `date` in correction {number}: {m}"))
                                .with_hint(DATE_FORMS),
                        ),
                    }
                }
                "text" => {
                    text_at = position("text");
                    match value.as_scalar_text() {
                        Some(t) if !t.trim().is_empty() => text = Some(t.trim().to_string()),
                        _ => {}
                    }
                }
                other => {
                    let (l, c) = position(other);
                    let hint = match did_you_mean(other, CORRECTION_FIELDS.iter().copied()) {
                        Some(k) => format!("did you mean `{k}`?"),
                        None => "a correction has a `date` and a `text`".into(),
                    };
                    errors.push(
                        at(
                            l,
                            c,
                            format!("unknown key `{other}` in correction {number}"),
                        )
                        .with_hint(hint),
                    );
                }
            }
        }
        if !fields.iter().any(|(k, _)| k == "date") {
            let (l, c) = (line, item_column(yaml_text, yaml_line));
            errors.push(
                at(l, c, format!("correction {number} has no `date`"))
                    .with_hint("add `date:` with the day the correction was made"),
            );
        }
        let Some(text) = text else {
            let (l, c) = if text_at.0 > 0 {
                text_at
            } else {
                (line, item_column(yaml_text, yaml_line))
            };
            errors.push(
                at(l, c, format!("correction {number} has no `text`")).with_hint(
                    "say what was wrong and what is right now, in one paragraph: `text: An earlier version gave the wrong date.`",
                ),
            );
            continue;
        };
        let (html, plain) = match render_inline(&text, base_path) {
            Ok(rendered) => rendered,
            Err(what) => {
                let (l, c) = text_at;
                errors.push(
                    at(l, c, format!("the text of correction {number} is {what}"))
                        .with_hint("a correction is one paragraph of text; links, emphasis and `code` are fine"),
                );
                continue;
            }
        };
        if let Some(date) = date {
            corrections.push(Correction {
                date,
                text,
                html,
                plain,
                line,
                text_at,
            });
        }
    }
    crate::diagnostics::set_rule(&mut errors, "corrections");
    (corrections, errors)
}

/// A correction dated before its briefing is an error at its `date:`. A day without a time is
/// compared by day, as `updated` is.
pub(super) fn check_correction_dates(
    corrections: &[Correction],
    (yaml_text, offset): (&str, usize),
    date: &DateValue,
    at: &dyn Fn(usize, usize, String) -> Diagnostic,
    errors: &mut Vec<Diagnostic>,
) {
    let is_day = |d: &DateValue| d.text.len() == 10;
    for (index, correction) in corrections.iter().enumerate() {
        let before = if is_day(&correction.date) || is_day(date) {
            correction.date.date < date.date
        } else {
            correction.date.timestamp < date.timestamp
        };
        if before {
            let yaml_line = correction.line - offset;
            let (line, col) = key_position(yaml_text, yaml_line, "date")
                .map_or((correction.line, 1), |(l, c)| (l + offset, c));
            errors.push(
                at(
                    line,
                    col,
                    format!(
                        "correction {} is dated {}, before the briefing's `date: {}`",
                        index + 1,
                        correction.date.text,
                        date.text
                    ),
                )
                .with_hint("a correction is made after publication; fix whichever date is wrong")
                .with_rule("corrections"),
            );
        }
    }
}

/// The latest of `updated` and the corrections' dates: when the briefing last changed.
pub(super) fn last_changed(
    updated: Option<DateValue>,
    corrections: &[Correction],
) -> Option<DateValue> {
    corrections
        .iter()
        .map(|c| &c.date)
        .chain(updated.as_ref())
        .max_by_key(|d| d.timestamp)
        .cloned()
}

/// Column (1-based) of the first key of the list item on `yaml_line` (`  - date:` → 5).
fn item_column(yaml_text: &str, yaml_line: usize) -> usize {
    let line = yaml_text.lines().nth(yaml_line - 1).unwrap_or("");
    let key = line.trim_start_matches([' ', '-', '\t']);
    line.len() - key.len() + 1
}

/// One paragraph of inline Markdown as HTML (without its `<p>`) and as plain text; `Err`
/// says what it is instead when it is not one paragraph.
pub(crate) fn render_inline(text: &str, base_path: &str) -> Result<(String, String), String> {
    let mut paragraphs = 0;
    let mut plain = String::new();
    let mut events = Vec::new();
    for event in Parser::new_ext(text, crate::markdown::options()) {
        match event {
            Event::Start(Tag::Paragraph) => {
                paragraphs += 1;
                if paragraphs > 1 {
                    return Err("more than one paragraph".into());
                }
            }
            Event::End(TagEnd::Paragraph) => {}
            Event::Start(Tag::Heading { .. }) => return Err("a heading".into()),
            Event::Start(Tag::List(_)) => return Err("a list".into()),
            Event::Start(Tag::BlockQuote(_)) => return Err("a block quote".into()),
            Event::Start(Tag::CodeBlock(_)) => return Err("a block of code".into()),
            Event::Start(Tag::Table(_)) => return Err("a table".into()),
            Event::Start(Tag::HtmlBlock) => return Err("a block of HTML".into()),
            Event::Rule => return Err("a horizontal rule".into()),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = if dest_url.starts_with('/') && !dest_url.starts_with("//") {
                    format!("{base_path}{}", &dest_url[1..]).into()
                } else {
                    dest_url
                };
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            event => {
                match &event {
                    Event::Text(t) | Event::Code(t) => plain.push_str(t),
                    Event::SoftBreak | Event::HardBreak => plain.push(' '),
                    _ => {}
                }
                events.push(event);
            }
        }
    }
    let mut html = String::with_capacity(text.len() + 16);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Ok((html.trim_end().to_string(), plain))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markdown_renders_without_its_paragraph() {
        let (html, plain) =
            render_inline("A *fixed* [name](/2025/07/x/) -- \"quoted\".", "/b/").unwrap();
        assert_eq!(
            html,
            "A <em>fixed</em> <a href=\"/b/2025/07/x/\">name</a> – “quoted”."
        );
        assert_eq!(plain, "A fixed name – “quoted”.");
        assert_eq!(
            render_inline("One.\n\nTwo.", "/").unwrap_err(),
            "more than one paragraph"
        );
        assert_eq!(render_inline("- a list", "/").unwrap_err(), "a list");
    }

    #[test]
    fn kinds_have_schema_types() {
        assert_eq!(Kind::default().schema_type(), "ReportageNewsArticle");
        assert_eq!(Kind::Explainer.schema_type(), "BackgroundNewsArticle");
    }
}
