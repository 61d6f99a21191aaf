//! The corrections log as readers and feed readers see it: the views of a briefing's
//! corrections, the paginated `/corrections/` pages, and `/corrections/atom.xml`, one entry
//! per correction with an id that no later correction takes.

use std::borrow::Cow;
use std::fmt::Write;

use tera::Value;

use crate::content::{Briefing, Correction};
use crate::site::{CORRECTIONS_PATH, CorrectionRef, Site, corrections_page_path, page_count};

use super::feeds::{absolutize, atom_head, cdata, host, xml_escape};
use super::views::{map, pager_window};
use super::{Renderer, Theme};

/// A briefing's corrections for templates, newest first: `{date, text}` with `text` as HTML.
pub(super) fn corrections_value(b: &Briefing) -> Value {
    Value::from(
        b.corrections_newest_first()
            .into_iter()
            .map(correction_value)
            .collect::<Vec<_>>(),
    )
}

fn correction_value(c: &Correction) -> Value {
    map([
        ("date", Value::from(c.date.text.as_str())),
        ("text", Value::safe_string(&c.html)),
    ])
}

/// A briefing's text for full-text feeds: its corrections, newest first as at the top of
/// its page, then its body. A feed reader sees what was corrected and when: the standards
/// promise no silent change, and a feed shows only the corrected text.
pub(super) fn feed_content<'a>(site: &'a Site, theme: &Theme, e: usize) -> Cow<'a, str> {
    let b = &site.entries[e].briefing;
    let body = super::feeds::entry_content(site, e);
    if b.corrections.is_empty() {
        return body;
    }
    let words = &theme.translations;
    let label = words
        .translate(&b.language, "correction", None, Some("Correction"), &[])
        .unwrap_or_else(|_| "Correction".to_string());
    let format = words
        .date_format(&b.language)
        .unwrap_or(super::functions::DEFAULT_DATE_FORMAT);
    let mut html = String::with_capacity(body.len() + 256 * b.corrections.len());
    for c in b.corrections_newest_first() {
        let date = super::functions::format_date_in(&c.date.text, format, words, &b.language)
            .unwrap_or_else(|_| c.date.text.clone());
        let _ = writeln!(
            html,
            "<p class=\"correction\"><strong>{}, {}:</strong> {}</p>",
            xml_escape(&label),
            xml_escape(&date),
            c.html
        );
    }
    html.push_str(&body);
    Cow::Owned(html)
}

/// The anchor of a briefing's corrections on its page.
const ANCHOR: &str = "#corrections";

/// An id for the feed entry of a correction that survives new corrections, edits of its text
/// and moves of the site: the briefing's `tag:` id and the correction's date as written.
/// Corrections of one date are told apart by their text, not by their place: a log may be
/// written in any order, so a place would let a new correction take an older one's id, and
/// a feed reader would show the new one as an edit of the old, or not at all. A text
/// edited, or an older one made one of two, gets a new id: shown again, never hidden.
fn correction_id(site: &Site, c: CorrectionRef) -> String {
    use sha1::{Digest, Sha1};
    let b = &site.entries[c.entry].briefing;
    let this = &b.corrections[c.index];
    let date = &this.date.text;
    let mut id = format!(
        "tag:{},{}:{}/correction/{date}",
        host(site),
        b.date.date,
        b.slug
    );
    let shares_its_date = b
        .corrections
        .iter()
        .filter(|other| &other.date.text == date)
        .nth(1)
        .is_some();
    if shares_its_date {
        let digest = Sha1::digest(this.text.as_bytes());
        id.push('-');
        for byte in &digest[..4] {
            let _ = write!(id, "{byte:02x}");
        }
        // The same note written twice on one date (a paste) still needs two ids.
        let copies_before = b.corrections[..c.index]
            .iter()
            .filter(|other| &other.date.text == date && other.text == this.text)
            .count();
        if copies_before > 0 {
            let _ = write!(id, "-{}", copies_before + 1);
        }
    }
    id
}

impl Renderer {
    /// The `paginator` of page `n` of the log, shaped like the lists' (so the pagination
    /// partial serves it): `pages` holds the corrections, each with its `briefing`.
    pub(super) fn corrections_paginator(&self, n: usize) -> Value {
        let site = &self.site;
        let total = site.corrections.len();
        let total_pages = page_count(total, site.config.paginate_by);
        let link = |n: usize| self.url(&corrections_page_path(n));
        let shown: Vec<Value> = site
            .corrections_on_page(n)
            .iter()
            .map(|c| {
                let entry = &site.entries[c.entry];
                let correction = &entry.briefing.corrections[c.index];
                let Some(mut fields) = correction_value(correction).into_map() else {
                    unreachable!("a correction view is a map")
                };
                let url = format!("{}{ANCHOR}", site.config.base_url.path_for(&entry.path));
                fields.insert("url".into(), Value::from(url));
                fields.insert("briefing".into(), self.entries[c.entry].clone());
                Value::from(fields)
            })
            .collect();
        let pagers: Vec<Value> = pager_window(n, total_pages)
            .into_iter()
            .map(|(i, gap_before)| {
                map([
                    ("index", Value::from(i)),
                    ("url", link(i)),
                    ("current", Value::from(i == n)),
                    ("gap_before", Value::from(gap_before)),
                ])
            })
            .collect();
        let step = |i: usize, exists: bool| if exists { link(i) } else { Value::none() };
        map([
            ("pages", Value::from(shown)),
            ("current_index", Value::from(n)),
            ("total_pages", Value::from(total_pages)),
            ("total_items", Value::from(total)),
            ("paginate_by", Value::from(site.config.paginate_by)),
            ("first", link(1)),
            ("last", link(total_pages)),
            ("previous", step(n.saturating_sub(1), n > 1)),
            ("next", step(n + 1, n < total_pages)),
            ("pagers", Value::from(pagers)),
        ])
    }
}

/// The log's Atom feed: the newest `feed_limit` corrections, each linking to its briefing's
/// corrections, with the correction's text as content.
pub(super) fn corrections_feed(site: &Site, theme: &Theme) -> String {
    let base = &site.config.base_url;
    let language = &site.config.language;
    let word = |key: &str, default: &str, args: &[(&str, String)]| {
        theme
            .translations
            .translate(language, key, None, Some(default), args)
            .unwrap_or_else(|_| default.to_string())
    };
    let shown = &site.corrections[..site.corrections.len().min(site.config.feed_limit)];
    let correction = |c: &CorrectionRef| &site.entries[c.entry].briefing.corrections[c.index];
    let updated = shown.first().map_or_else(
        || "1970-01-01T00:00:00Z".into(),
        |c| correction(c).date.rfc3339(),
    );
    let self_path = format!("{CORRECTIONS_PATH}atom.xml");
    let title = format!(
        "{} — {}",
        site.config.title,
        word("corrections", "Corrections", &[])
    );
    let mut xml = String::with_capacity(2048 + shown.len() * 1024);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        xml_escape(language)
    );
    let _ = writeln!(xml, "  <title>{}</title>", xml_escape(&title));
    atom_head(&mut xml, site, &self_path, CORRECTIONS_PATH, &updated);
    for c in shown {
        let entry = &site.entries[c.entry];
        let b = &entry.briefing;
        let corrected = correction(c);
        let page = base.absolute(&entry.path);
        let title = word(
            "correction_to",
            "Correction to “{title}”",
            &[("title", b.title.clone())],
        );
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <title>{}</title>", xml_escape(&title));
        let _ = writeln!(
            xml,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml_escape(&format!("{page}{ANCHOR}"))
        );
        let _ = writeln!(xml, "    <id>{}</id>", xml_escape(&correction_id(site, *c)));
        let date = corrected.date.rfc3339();
        let _ = writeln!(xml, "    <published>{date}</published>");
        let _ = writeln!(xml, "    <updated>{date}</updated>");
        xml.push_str("    <content type=\"html\">");
        cdata(&mut xml, &absolutize(&corrected.html, &page, &base.origin));
        xml.push_str("</content>\n");
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}
