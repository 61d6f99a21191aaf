//! Unfinished work: what `sitrep new` and `sitrep import` write for the editor to replace
//! (the texts are defined here and written from here, so the two cannot drift apart),
//! sources on domains reserved for examples (RFC 2606), headings with nothing under them, and
//! a briefing with no text at all.
//! Each is found at its line; an error in a briefing to be published (so `build` stops), a
//! warning in a draft, which is unfinished by definition.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Severity};
use crate::markdown::Rendered;

use super::sources::Source;

/// The skeleton `sitrep new` writes: the summary, the example source and the lede.
pub const NEW_SUMMARY: &str = "One or two sentences for lists and feeds.";
pub const NEW_SOURCE_TITLE: &str = "Source title";
pub const NEW_SOURCE_URL: &str = "https://example.org/";
pub const NEW_SOURCE_PUBLISHER: &str = "Publisher";
pub const NEW_LEDE: &str = "Lede: what happened, where and why it matters.";

/// The optional fields the skeleton lists, commented out, each with what it is for. They
/// carry no example value: a line the editor uncomments and leaves as it is holds nothing
/// that could be published by mistake, so the placeholders above stay the only ones.
/// (`language` is written uncommented instead when `new` recognises the title's language.)
pub const NEW_OPTIONAL_FIELDS: &[(&str, &str)] = &[
    (
        "updated",
        "YYYY-MM-DD: the day of the last change that matters; shown, and used by feeds",
    ),
    (
        "kind",
        "report (the default) | analysis | explainer | opinion",
    ),
    ("dateline", "where it was filed from, such as Kyiv"),
    (
        "corrections",
        "a dated note each, shown at the top: - date: YYYY-MM-DD, then text: what was wrong",
    ),
    (
        "events",
        "the key events it reports, for the timelines: - YYYY-MM-DD: what happened",
    ),
    (
        "image",
        "shown under the headline and in link previews: a file of static/ from the site root, such as /images/map.jpg",
    ),
    (
        "image_alt",
        "what the image shows, for readers who cannot see it",
    ),
    (
        "image_caption",
        "one line under the image: what and where, with links if you like",
    ),
    (
        "image_credit",
        "who made the image, in quotes: \"Photo: Reuters/Gleb Garanich\"",
    ),
    (
        "slug",
        "the last part of its address; the default comes from the file name",
    ),
    (
        "aliases",
        "old addresses that redirect here, such as [/2025/07/old-slug/]",
    ),
    (
        "publish_at",
        "YYYY-MM-DDTHH:MM:SSZ: held back from the site until then",
    ),
    (
        "language",
        "the language it is written in, if not the site's, such as uk",
    ),
    (
        "extra",
        "free-form data for the theme, as key: value lines under it",
    ),
];

/// The markers `sitrep import` writes.
pub const IMPORT_DATE_MARK: &str = "# today: the article's date was not found; set it";
pub const IMPORT_TERMS_MARK: &str =
    "# Suggested by sitrep import: terms this site already uses that the article names.";
pub const IMPORT_ADDRESS_MARK: &str =
    "# The article's address was not found: add it and uncomment these lines.";
pub const IMPORT_LEDE: &str = "Write the briefing here, in the desk's own words: what happened, where, and why it matters. Then delete the source text below.";
pub const IMPORT_SOURCE_TEXT: &str = "SOURCE TEXT TO REWRITE";

/// What a briefing holds that the checks look at.
pub(super) struct Written<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    /// File line of the first line after the front matter.
    pub body_line: usize,
    pub summary: Option<&'a str>,
    pub sources: &'a [Source],
    pub body: &'a Rendered,
    pub draft: bool,
}

/// Every piece of unfinished work in the briefing, in line order.
pub(super) fn check_unfinished(w: &Written) -> Vec<Diagnostic> {
    let severity = if w.draft {
        Severity::Warning
    } else {
        Severity::Error
    };
    let mut found = Vec::new();
    let mut at = |line: usize, col: usize, message: String, hint: &str| {
        let mut d = Diagnostic::error(w.path, line, col, message)
            .with_hint(hint)
            .with_rule("unfinished")
            .with_source_line(w.text);
        d.severity = severity;
        found.push(d);
    };
    let front_matter = || w.text.lines().enumerate().take(w.body_line - 1).skip(1);

    if w.summary == Some(NEW_SUMMARY)
        && let Some((line, col)) = value_position(w.text, 1, w.body_line, "summary")
    {
        at(
            line,
            col,
            "the summary is still the placeholder `sitrep new` wrote".into(),
            "write one or two sentences of your own for lists and feeds, or remove the line to use the first paragraph",
        );
    }
    for (index, source) in w.sources.iter().enumerate() {
        let number = index + 1;
        // The item's end is looked for only when a field has something to report.
        let field = |key: &str| {
            let end = next_item_line(w.text, source.line, w.body_line);
            value_position(w.text, source.line, end, key)
        };
        if source.title == NEW_SOURCE_TITLE
            && let Some((line, col)) = field("title")
        {
            at(
                line,
                col,
                format!("source {number}'s title is still the placeholder `{NEW_SOURCE_TITLE}`"),
                "write the title of the article or document you cite",
            );
        }
        // A malformed address has its own finding (content/sources.rs).
        if let Some(domain) = reserved_domain(&source.url)
            && super::sources::web_address_problem(&source.url).is_none()
            && let Some((line, col)) = field("url")
        {
            at(
                line,
                col,
                format!(
                    "source {number} is on {domain}, a domain reserved for examples (RFC 2606): there is no real page there"
                ),
                "put the full address of the article you cite, copied from the browser",
            );
        }
        if source.publisher.as_deref() == Some(NEW_SOURCE_PUBLISHER)
            && let Some((line, col)) = field("publisher")
        {
            at(
                line,
                col,
                format!(
                    "source {number}'s publisher is still the placeholder `{NEW_SOURCE_PUBLISHER}`"
                ),
                "write who published it (Reuters, the UN, a ministry), or remove the line",
            );
        }
    }
    for (index, line) in front_matter() {
        // Every mark is a comment: most lines are passed over after one byte scan.
        if !line.as_bytes().contains(&b'#') {
            continue;
        }
        let mark = |needle: &str| line.find(needle).map(|i| line[..i].chars().count() + 1);
        if let Some(col) = mark(IMPORT_DATE_MARK) {
            at(
                index + 1,
                col,
                "`sitrep import` did not find the article's date and wrote today's".into(),
                "set `date:` to the day the article reports on, then delete the comment",
            );
        }
        if let Some(col) = mark(IMPORT_TERMS_MARK) {
            at(
                index + 1,
                col,
                "the terms `sitrep import` suggested are not confirmed yet".into(),
                "keep the terms that fit, remove the others, then delete the two comment lines",
            );
        }
        if let Some(col) = mark(IMPORT_ADDRESS_MARK) {
            at(
                index + 1,
                col,
                "`sitrep import` found no address for the article, and its source is commented out"
                    .into(),
                "add the article's address, uncomment the source's lines and delete this comment",
            );
        }
    }
    // Most briefings have none of the placeholders: a vectorised search for each, not a
    // walk over every line of the body.
    let has_placeholder = placeholder_finders()
        .iter()
        .any(|finder| finder.find(w.text.as_bytes()).is_some());
    let body_lines = if has_placeholder { usize::MAX } else { 0 };
    let body = w.text.lines().enumerate().skip(w.body_line - 1);
    for (index, line) in body.take(body_lines) {
        let trimmed = line.trim_start();
        let col = line.len() - trimmed.len() + 1;
        // Only lines that can start with a placeholder: one byte compared on most lines.
        if !matches!(trimmed.as_bytes().first(), Some(b'L' | b'W' | b'S' | b'<')) {
            continue;
        }
        if trimmed.starts_with(NEW_LEDE) {
            at(
                index + 1,
                col,
                "this paragraph is still the placeholder `sitrep new` wrote".into(),
                "write the lede: what happened, where, and why it matters",
            );
        } else if trimmed.starts_with(IMPORT_LEDE) {
            at(
                index + 1,
                col,
                "this paragraph is still the placeholder `sitrep import` wrote".into(),
                "write the briefing in the desk's own words, from the source text below",
            );
        } else if trimmed
            .trim_start_matches("<!--")
            .trim_start()
            .starts_with(IMPORT_SOURCE_TEXT)
        {
            at(
                index + 1,
                col,
                "the article's text that `sitrep import` kept for rewriting is still here (readers do not see it, but the page's HTML carries it)".into(),
                "once the briefing is written in the desk's words, delete the comment from `<!--` to `-->`",
            );
        }
    }
    if w.body.word_count == 0 {
        // Nothing a reader could read (blank lines, a comment, or nothing at all): the
        // page would be a headline over an empty article.
        let closing = w.body_line.saturating_sub(1).max(1);
        at(
            closing,
            1,
            "this briefing has no text: nothing follows its front matter but blank lines or comments".into(),
            "write the briefing below this line, or mark it `draft: true` until it is written",
        );
    }
    for &body_line in &w.body.empty_headings {
        let line = w.body_line + body_line - 1;
        let heading = w.text.lines().nth(line - 1).unwrap_or("");
        let title = heading.trim().trim_start_matches('#').trim();
        // `## Outlook {#outlook}`: the id is not part of the title.
        let title = match title.rfind(" {") {
            Some(i) if title.ends_with('}') => &title[..i],
            _ => title,
        };
        at(
            line,
            1,
            format!("the heading `{title}` has nothing under it"),
            "write the section, or remove the heading",
        );
    }
    found.sort_by_key(|d| (d.line, d.col));
    found
}

/// The domain of `url` when it is one RFC 2606 reserves for examples: `example.com`,
/// `example.net`, `example.org` and their subdomains, and any name under `.example`.
pub fn reserved_domain(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
    let name = host.trim_end_matches('.');
    // `name` is `domain` or ends with `.domain`, in any case (no allocation: every source
    // of every briefing is asked).
    let is_or_under = |domain: &str| {
        let Some(start) = name.len().checked_sub(domain.len()) else {
            return false;
        };
        name.is_char_boundary(start)
            && name[start..].eq_ignore_ascii_case(domain)
            && (start == 0 || name.as_bytes()[start - 1] == b'.')
    };
    let reserved = ["example.com", "example.net", "example.org", "example"]
        .iter()
        .any(|d| is_or_under(d));
    reserved.then_some(host)
}

/// File line and column of the value of `key:` between the lines `from` and `to` (1-based,
/// `to` excluded), as a key of its own or of a list item (`  - title: …`).
pub(super) fn value_position(
    text: &str,
    from: usize,
    to: usize,
    key: &str,
) -> Option<(usize, usize)> {
    for (index, line) in text.lines().enumerate().take(to - 1).skip(from - 1) {
        let item = line.trim_start_matches([' ', '-', '\t']);
        if let Some(value) = item.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let value_at = line.len() - value.trim_start().len();
            return Some((index + 1, line[..value_at].chars().count() + 1));
        }
    }
    None
}

/// The line after the source item starting on `line`: the next item, or the next key of
/// the front matter, or `end`.
fn next_item_line(text: &str, line: usize, end: usize) -> usize {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let first = text.lines().nth(line - 1).unwrap_or("");
    for (index, l) in text.lines().enumerate().take(end - 1).skip(line) {
        if !l.trim().is_empty() && indent(l) <= indent(first) {
            return index + 1;
        }
    }
    end
}

/// Searchers for the body placeholders, built once: building one per body cost more than
/// the search (0.7% of a build's instructions).
fn placeholder_finders() -> &'static [memchr::memmem::Finder<'static>; 3] {
    static FINDERS: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 3]> =
        std::sync::OnceLock::new();
    FINDERS.get_or_init(|| {
        [NEW_LEDE, IMPORT_LEDE, IMPORT_SOURCE_TEXT].map(memchr::memmem::Finder::new)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_reserved_for_examples() {
        for url in [
            "https://example.org/",
            "https://EXAMPLE.COM/a",
            "http://news.example.net:8080/x",
            "https://kyiv-ledger.example/d",
            "https://example/",
            "https://user@example.org./x",
        ] {
            assert!(reserved_domain(url).is_some(), "{url}");
        }
        for url in [
            "https://example.org.ua/",
            "https://myexample.com/",
            "https://example.co.uk/",
            "https://www.un.org/example.org",
            "not a url",
        ] {
            assert_eq!(reserved_domain(url), None, "{url}");
        }
    }

    #[test]
    fn values_are_found_in_list_items_and_keys() {
        let text = "---\nsummary: S\nsources:\n  - title: T\n    url: https://a.org/\n---\n";
        assert_eq!(value_position(text, 1, 6, "summary"), Some((2, 10)));
        assert_eq!(value_position(text, 4, 6, "title"), Some((4, 12)));
        assert_eq!(value_position(text, 4, 6, "url"), Some((5, 10)));
        assert_eq!(next_item_line(text, 4, 6), 6);
    }
}
