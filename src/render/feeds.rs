//! The files that are not themed HTML pages: Atom feeds (site and per term), JSON Feed 1.1,
//! sitemap.xml, robots.txt, alias redirect pages, `.nojekyll` and `CNAME`. Pure functions of
//! the model; XML and JSON are written here so they are always well-formed, whatever the theme
//! and whatever editors paste (see `xml_text`).

use std::borrow::Cow;
use std::fmt::Write;

use rayon::prelude::*;
use serde_json::json;

use crate::config::FeedText;
use crate::content::DateValue;
use crate::site::{PageKey, Site, is_html_page};

/// A briefing's body HTML with links to other briefings' files (`[x](other.md)`) resolved to
/// their URLs, as the model resolved them (`Entry::file_links`); a briefing still held back by
/// `publish_at:` gets the URL it will have. Links to files that are not briefings of the site
/// keep a visible path so that `sitrep check` (and readers) notice them.
pub fn entry_content(site: &Site, e: usize) -> Cow<'_, str> {
    let entry = &site.entries[e];
    body_content(site, &entry.briefing.body, &entry.file_links)
}

/// A body's HTML with its links to briefing files resolved: `targets` are the entries the
/// body's `file_links` resolve to, in the same order.
pub fn body_content<'a>(
    site: &Site,
    body: &'a crate::markdown::Rendered,
    targets: &[Option<usize>],
) -> Cow<'a, str> {
    if body.file_links.is_empty() {
        return Cow::Borrowed(&body.html);
    }
    let base = &site.config.base_url;
    let mut out = String::with_capacity(body.html.len());
    let mut done = 0;
    for link in crate::site::file_links(&body.html) {
        out.push_str(&body.html[done..link.range.start]);
        // A handful of files per briefing: a linear search is cheapest.
        let target = body
            .file_links
            .iter()
            .position(|file| file == link.file)
            .and_then(|i| targets.get(i).copied().flatten());
        match site.file_link_path(target, link.file) {
            Some(path) => out.push_str(&base.path_for(path)),
            None => out.push_str(&base.path_for(link.file)),
        }
        if let Some(fragment) = link.fragment {
            out.push('#');
            out.push_str(fragment);
        }
        done = link.range.end;
    }
    out.push_str(&body.html[done..]);
    Cow::Owned(out)
}

/// Makes every `href`/`src` in `html` absolute: feed readers show content away from the site.
/// One pass over the text: attribute values are found by their `="`.
pub fn absolutize(html: &str, page_url: &str, origin: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(i) = rest.find("=\"") {
        let (before, after) = (&rest[..i], &rest[i + 2..]);
        out.push_str(before);
        out.push_str("=\"");
        let end = after.find('"').unwrap_or(after.len());
        if before.ends_with(" href") || before.ends_with(" src") {
            out.push_str(&absolute_url(&after[..end], page_url, origin));
        } else {
            out.push_str(&after[..end]);
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// `text` as a CDATA section: no escaping needed, only `]]>` must be split.
pub(super) fn cdata(out: &mut String, text: &str) {
    out.push_str("<![CDATA[");
    let text = xml_text(text);
    let mut rest = text.as_ref();
    while let Some(i) = rest.find("]]>") {
        out.push_str(&rest[..i]);
        out.push_str("]]]]><![CDATA[>");
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    out.push_str("]]>");
}

/// `target` as an absolute URL, resolved against the absolute `page_url` (ending in `/`).
fn absolute_url(target: &str, page_url: &str, origin: &str) -> String {
    if has_scheme(target) {
        // `https:`, `mailto:`, `tel:`, `geo:`, `urn:`, `javascript:`...: not a path.
        target.to_string()
    } else if let Some(rest) = target.strip_prefix("//") {
        format!("https://{rest}")
    } else if target.starts_with('/') {
        format!("{origin}{target}")
    } else if target.starts_with('#') {
        format!("{page_url}{target}")
    } else {
        let mut base: Vec<&str> = page_url.trim_end_matches('/').split('/').collect();
        if !page_url.ends_with('/') {
            base.pop();
        }
        for segment in target.split('/') {
            match segment {
                ".." if base.len() > 3 => {
                    base.pop();
                }
                "." | ".." => {}
                other => base.push(other),
            }
        }
        base.join("/")
    }
}

/// Whether `target` starts with a URI scheme (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" /
/// "." ) ":"). A relative path cannot: its first segment may not contain a colon.
fn has_scheme(target: &str) -> bool {
    let Some((scheme, _)) = target.split_once(':') else {
        return false;
    };
    let mut chars = scheme.bytes();
    chars.next().is_some_and(|b| b.is_ascii_alphabetic())
        && chars.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

/// `text` without the characters XML 1.0 does not allow (C0 controls other than tab, line
/// feed and carriage return; U+FFFE and U+FFFF), which editors paste from word processors and
/// PDFs and which make a feed unreadable. Vertical tab and form feed separate words (pages),
/// so they become a space; the others are dropped: they are invisible on the page, where a
/// U+FFFD replacement would show a mark the page does not. The same for JSON, so both feeds
/// say the same.
fn xml_text(text: &str) -> Cow<'_, str> {
    // A branch-free pass over 64-byte blocks (vectorised) finds the rare text that may need
    // work: a control byte, or 0xEF, the first byte of U+FFFE and U+FFFF (and of other
    // characters, which the exact pass keeps).
    let suspect = |b: u8| (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') | (b == 0xEF);
    let maybe = text
        .as_bytes()
        .chunks(64)
        .any(|block| block.iter().fold(false, |found, &b| found | suspect(b)));
    let forbidden = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if !maybe || !text.contains(forbidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\u{b}' | '\u{c}' => Some(' '),
                c if forbidden(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// An Atom feed's links, id, date, author and generator, after its title: `self_path` is the
/// feed's own site path (its id too), `alternate` the page it follows.
pub(super) fn atom_head(
    xml: &mut String,
    site: &Site,
    self_path: &str,
    alternate: &str,
    updated: &str,
) {
    let base = &site.config.base_url;
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(&base.absolute(self_path))
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&base.absolute(alternate))
    );
    let _ = writeln!(
        xml,
        "  <id>tag:{},2000:{}</id>",
        xml_escape(host(site)),
        xml_escape(self_path)
    );
    let _ = writeln!(xml, "  <updated>{updated}</updated>");
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        xml_escape(publisher(site))
    );
    let _ = writeln!(
        xml,
        "  <generator version=\"{}\">sitrep</generator>",
        env!("CARGO_PKG_VERSION")
    );
}

/// `text` escaped for XML text and attribute values, without the characters XML forbids.
pub(super) fn xml_escape(text: &str) -> Cow<'_, str> {
    match xml_text(text) {
        Cow::Borrowed(text) => markup_escape(text),
        Cow::Owned(text) => match markup_escape(&text) {
            Cow::Borrowed(_) => Cow::Owned(text),
            Cow::Owned(escaped) => Cow::Owned(escaped),
        },
    }
}

fn markup_escape(text: &str) -> Cow<'_, str> {
    let special = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    let Some(first) = text.bytes().position(|b| special(&b)) else {
        return Cow::Borrowed(text);
    };
    // Copy the runs between special characters whole: feeds escape whole article bodies.
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    out.push_str(&text[..first]);
    let mut rest = &text[first..];
    while let Some(i) = rest.bytes().position(|b| special(&b)) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&apos;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The host of the site, for `tag:` ids.
pub(super) fn host(site: &Site) -> &str {
    let origin = &site.config.base_url.origin;
    let host = origin.split_once("://").map_or(origin.as_str(), |(_, h)| h);
    host.split(':').next().unwrap_or(host)
}

/// An entry id that survives a change of base_url's path or of the permalink pattern:
/// `tag:host,date:slug` (RFC 4151).
fn entry_id(site: &Site, e: usize) -> String {
    let b = &site.entries[e].briefing;
    format!("tag:{},{}:{}", host(site), b.date.date, b.slug)
}

fn modified(site: &Site, e: usize) -> &DateValue {
    site.entries[e].briefing.modified()
}

pub(super) fn publisher(site: &Site) -> &str {
    site.config
        .publisher
        .as_deref()
        .unwrap_or(&site.config.title)
}

/// Atom 1.0 feed of `members` (newest first; the first `feed_limit` are included).
pub fn atom(
    site: &Site,
    theme: &super::Theme,
    key: PageKey,
    members: &[usize],
    title: &str,
    alternate: &str,
) -> String {
    let base = &site.config.base_url;
    let text = match key {
        PageKey::TermFeed(..) => site.config.feeds.terms,
        _ => site.config.feeds.site,
    };
    let members = &members[..members.len().min(site.config.feed_limit)];
    let self_path = site.path(key);
    let updated = members
        .iter()
        .map(|&e| modified(site, e))
        .max_by_key(|d| d.timestamp)
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), DateValue::rfc3339);
    let mut xml = String::with_capacity(4096 + members.len() * 8192);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        xml_escape(&site.config.language)
    );
    let _ = writeln!(xml, "  <title>{}</title>", xml_escape(title));
    // A term's feed is described by its profile's summary, when it has one.
    let subtitle = match key {
        PageKey::TermFeed(t, i) => site.profile(t, i).map(|p| p.summary.as_str()),
        _ => None,
    }
    .filter(|s| !s.is_empty())
    .unwrap_or(&site.config.description);
    if !subtitle.is_empty() {
        let _ = writeln!(xml, "  <subtitle>{}</subtitle>", xml_escape(subtitle));
    }
    atom_head(&mut xml, site, &self_path, alternate, &updated);
    // Each category names its taxonomy's page: the same text in every entry of the feed.
    let schemes: Vec<String> = (0..site.taxonomies.len())
        .map(|t| xml_escape(&base.absolute(&site.taxonomy_path(t))).into_owned())
        .collect();
    for &e in members {
        let entry = &site.entries[e];
        let b = &entry.briefing;
        let url = base.absolute(&entry.path);
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <title>{}</title>", xml_escape(&b.title));
        let _ = writeln!(
            xml,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml_escape(&url)
        );
        let _ = writeln!(xml, "    <id>{}</id>", xml_escape(&entry_id(site, e)));
        let _ = writeln!(xml, "    <published>{}</published>", b.date.rfc3339());
        let _ = writeln!(
            xml,
            "    <updated>{}</updated>",
            modified(site, e).rfc3339()
        );
        for (t, terms) in entry.terms.iter().enumerate() {
            let taxonomy = &site.taxonomies[t];
            for &i in terms {
                let term = &taxonomy.terms[i];
                // The byline's names are the entry's authors, not its categories.
                if taxonomy.config.byline {
                    let _ = writeln!(
                        xml,
                        "    <author><name>{}</name><uri>{}</uri></author>",
                        xml_escape(&term.name),
                        xml_escape(&base.absolute(&site.term_path(t, i)))
                    );
                    continue;
                }
                let _ = writeln!(
                    xml,
                    "    <category term=\"{}\" label=\"{}\" scheme=\"{}\"/>",
                    xml_escape(&term.slug),
                    xml_escape(&term.name),
                    schemes[t]
                );
            }
        }
        if !b.summary.is_empty() {
            let _ = writeln!(
                xml,
                "    <summary type=\"text\">{}</summary>",
                xml_escape(&b.summary)
            );
        }
        if text == FeedText::Full {
            let content = absolutize(
                &super::corrections::feed_content(site, theme, e),
                &url,
                &base.origin,
            );
            // Bodies go in CDATA: the same text, without escaping every `<` of the HTML.
            xml.push_str("    <content type=\"html\">");
            cdata(&mut xml, &content);
            xml.push_str("</content>\n");
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// JSON Feed 1.1 of the newest briefings of the site.
pub fn json_feed(site: &Site, theme: &super::Theme) -> String {
    let base = &site.config.base_url;
    let limit = site.config.feed_limit.min(site.entries.len());
    let items: Vec<serde_json::Value> = (0..limit)
        .map(|e| {
            let entry = &site.entries[e];
            let b = &entry.briefing;
            let url = base.absolute(&entry.path);
            let tags: Vec<Cow<str>> = site.term_names(e).map(xml_text).collect();
            let authors: Vec<serde_json::Value> = site
                .byline_taxonomy()
                .map(|t| {
                    let names = entry.terms[t].iter();
                    names
                        .map(|&i| {
                            let url = base.absolute(&site.term_path(t, i));
                            json!({ "name": xml_text(&site.taxonomies[t].terms[i].name), "url": url })
                        })
                        .collect()
                })
                .unwrap_or_default();
            // JSON Feed wants content_html or content_text in every item.
            let (content_key, content) = match site.config.feeds.site {
                FeedText::Full => (
                    "content_html",
                    absolutize(
                        &super::corrections::feed_content(site, theme, e),
                        &url,
                        &base.origin,
                    ),
                ),
                FeedText::Summary => ("content_text", b.summary.clone()),
            };
            let mut item = serde_json::Map::new();
            item.insert("id".into(), json!(entry_id(site, e)));
            item.insert("url".into(), json!(url));
            item.insert("title".into(), json!(xml_text(&b.title)));
            item.insert(content_key.into(), json!(xml_text(&content)));
            item.insert("summary".into(), json!(xml_text(&b.summary)));
            item.insert("date_published".into(), json!(b.date.rfc3339()));
            item.insert("date_modified".into(), json!(modified(site, e).rfc3339()));
            item.insert("tags".into(), json!(tags));
            if !authors.is_empty() {
                item.insert("authors".into(), serde_json::Value::from(authors));
            }
            serde_json::Value::Object(item)
        })
        .collect();
    let feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": xml_text(&site.config.title),
        "description": xml_text(&site.config.description),
        "home_page_url": base.full(),
        "feed_url": base.absolute("/feed.json"),
        "language": xml_text(&site.config.language),
        "authors": [{ "name": xml_text(publisher(site)) }],
        "items": items,
    });
    let mut text = serde_json::to_string_pretty(&feed).expect("JSON values always serialise");
    text.push('\n');
    text
}

/// The latest modification among `members`, for a list page's `lastmod`.
/// When each entry last changed, side by side: the sitemap asks ~100,000 times at 10,000
/// briefings (every member of every list page), each time following the entry's pointers.
struct LastChanged<'a> {
    dates: Vec<&'a DateValue>,
    moments: Vec<jiff::Timestamp>,
}

impl<'a> LastChanged<'a> {
    fn new(site: &'a Site) -> LastChanged<'a> {
        let dates: Vec<&DateValue> = (0..site.entries.len()).map(|e| modified(site, e)).collect();
        let moments = dates.iter().map(|d| d.timestamp).collect();
        LastChanged { dates, moments }
    }

    /// The latest change among `members` (the last of equal moments).
    fn of<'m>(&self, members: impl IntoIterator<Item = &'m usize>) -> Option<&'a DateValue> {
        members
            .into_iter()
            .max_by_key(|&&e| self.moments[e])
            .map(|&e| self.dates[e])
    }
}

/// sitemap.xml: every HTML page a reader can browse (not 404, feeds or redirects, nor the
/// search page, which has no content of its own to index).
pub fn sitemap(site: &Site) -> String {
    let lastmod = LastChanged::new(site);
    let pages: Vec<PageKey> = site
        .pages()
        .into_iter()
        .filter(|&key| is_html_page(key) && !matches!(key, PageKey::NotFound | PageKey::Search))
        .collect();
    // ~20,000 URLs at 10,000 briefings, in chunks on every core: one long serial job was the
    // tail of the render (and the preview renders it again for every page added or removed).
    let chunks: Vec<String> = pages
        .par_chunks(2048)
        .map(|chunk| {
            let mut xml = String::with_capacity(chunk.len() * 160);
            for &key in chunk {
                sitemap_url(site, &lastmod, key, &mut xml);
            }
            xml
        })
        .collect();
    let mut xml = String::with_capacity(chunks.iter().map(String::len).sum::<usize>() + 128);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for chunk in &chunks {
        xml.push_str(chunk);
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The `<url>` line of page `key`, pushed piece by piece onto `xml`.
fn sitemap_url(site: &Site, lastmod: &LastChanged, key: PageKey, xml: &mut String) {
    let base = &site.config.base_url;
    let per_page = site.config.paginate_by;
    let slice = crate::site::page_slice;
    let date = match key {
        PageKey::Briefing(e) => Some(modified(site, e)),
        PageKey::Home(n) => lastmod.of(slice(&site.all_entries, n, per_page)),
        PageKey::Term(t, i, n) => {
            lastmod.of(slice(&site.taxonomies[t].terms[i].members, n, per_page))
        }
        PageKey::TaxonomyList(t) => {
            let terms = &site.taxonomies[t].terms;
            lastmod.of(terms.iter().flat_map(|term| term.members.first()))
        }
        PageKey::Year(y) => lastmod.of(site.years[y].months.iter().flat_map(|m| &m.members)),
        PageKey::Month(y, m) => lastmod.of(&site.years[y].months[m].members),
        // A page has no date.
        PageKey::Page(_) => None,
        // Newest first: the page changed with its first correction (an empty log, like
        // the other generated pages, with the newest briefing).
        PageKey::Corrections(n) => match site.corrections_on_page(n).first() {
            Some(c) => Some(&site.entries[c.entry].briefing.corrections[c.index].date),
            None => lastmod.of(&site.all_entries),
        },
        PageKey::TimelineYear(y) => {
            let events = &site.timeline.events[site.timeline.years[y].1.clone()];
            lastmod.of(events.iter().flat_map(|event| &event.entries))
        }
        _ => lastmod.of(&site.all_entries),
    };
    let path = match key {
        PageKey::Briefing(e) => Cow::Borrowed(site.entries[e].path.as_str()),
        _ => Cow::Owned(site.path(key)),
    };
    xml.push_str("  <url><loc>");
    xml.push_str(&xml_escape(&base.origin));
    xml.push_str(&xml_escape(&base.path));
    xml.push_str(&xml_escape(path.trim_start_matches('/')));
    xml.push_str("</loc>");
    if let Some(date) = date {
        xml.push_str("<lastmod>");
        date.push_rfc3339(xml);
        xml.push_str("</lastmod>");
    }
    xml.push_str("</url>\n");
}

pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.config.base_url.absolute("/sitemap.xml")
    )
}

/// A redirect page at an old address of briefing `e`: meta refresh, canonical link, and a
/// plain link for readers whose browsers do not follow the refresh.
pub fn alias_page(site: &Site, e: usize) -> String {
    let entry = &site.entries[e];
    redirect_page(site, &entry.path, &entry.briefing.title, "briefing")
}

/// A redirect page at an old address of page `p`.
pub fn page_alias(site: &Site, p: usize) -> String {
    let page = &site.pages[p].page;
    redirect_page(site, &page.path, &page.title, "page")
}

/// A redirect to the `what` ("briefing") titled `title` at the site path `path`.
fn redirect_page(site: &Site, path: &str, title: &str, what: &str) -> String {
    let target = xml_escape(&site.config.base_url.absolute(path)).into_owned();
    let title = xml_escape(title).into_owned();
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <link rel=\"canonical\" href=\"{target}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n\
         <p>This {what} has moved to <a href=\"{target}\">{title}</a>.</p>\n</body>\n</html>\n",
        lang = xml_escape(&site.config.language),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolutize_resolves_every_kind_of_link() {
        let html = r##"<a href="/briefings/2025/07/x/">a</a> <img src="map.png"> <a href="#outlook">b</a> <a href="../y/">c</a> <a href="https://e.org/">d</a>"##;
        let out = absolutize(
            html,
            "https://o.github.io/briefings/2025/07/z/",
            "https://o.github.io",
        );
        assert!(
            out.contains(r#"href="https://o.github.io/briefings/2025/07/x/""#),
            "{out}"
        );
        assert!(
            out.contains(r#"src="https://o.github.io/briefings/2025/07/z/map.png""#),
            "{out}"
        );
        assert!(
            out.contains(r#"href="https://o.github.io/briefings/2025/07/z/#outlook""#),
            "{out}"
        );
        assert!(
            out.contains(r#"href="https://o.github.io/briefings/2025/07/y/""#),
            "{out}"
        );
        assert!(out.contains(r#"href="https://e.org/""#), "{out}");
    }

    #[test]
    fn cdata_splits_its_terminator() {
        let mut out = String::new();
        cdata(&mut out, "a ]]> b");
        assert_eq!(out, "<![CDATA[a ]]]]><![CDATA[> b]]>");
    }

    #[test]
    fn links_with_a_scheme_are_left_as_written() {
        let page = "https://e.org/2025/07/z/";
        for target in [
            "tel:+380441234567",
            "mailto:a@e.org",
            "sms:+380441234567",
            "geo:50.45,30.52",
            "urn:isbn:0451450523",
            "javascript:void(0)",
            "data:image/png;base64,AAAA",
            "xmpp+im.v2:a@e.org",
            "HTTPS://E.ORG/x",
        ] {
            assert_eq!(absolute_url(target, page, "https://e.org"), target);
        }
        // Not schemes: a digit first, a colon after a slash or in a query.
        for (target, absolute) in [
            ("2024:review/", "https://e.org/2025/07/z/2024:review/"),
            ("a/b:c", "https://e.org/2025/07/z/a/b:c"),
            ("?q=a:b", "https://e.org/2025/07/z/?q=a:b"),
        ] {
            assert_eq!(absolute_url(target, page, "https://e.org"), absolute);
        }
    }

    #[test]
    fn characters_xml_forbids_are_dropped_or_become_spaces() {
        assert_eq!(
            xml_text("a\u{c}b\u{b}c\u{1}d\u{0}\u{1f}e\u{fffe}\u{ffff}f"),
            "a b cdef"
        );
        // Allowed: tab, newlines, C1 controls, other characters starting with byte 0xEF.
        let allowed = "t\tn\nr\r\u{85}\u{feff}\u{fffd}ї";
        assert!(matches!(xml_text(allowed), Cow::Borrowed(_)));
        assert_eq!(xml_escape("<\u{1}>"), "&lt;&gt;");
        let mut out = String::new();
        cdata(&mut out, "x\u{c}y");
        assert_eq!(out, "<![CDATA[x y]]>");
        // Long text: the block scan finds a control character in any block.
        let long = format!("{}\u{1}{}", "a".repeat(200), "b".repeat(100));
        assert_eq!(xml_text(&long).len(), 300);
    }

    #[test]
    fn xml_escape_escapes_markup() {
        assert_eq!(
            xml_escape("a & <b> \"c\""),
            "a &amp; &lt;b&gt; &quot;c&quot;"
        );
        assert!(matches!(xml_escape("plain"), Cow::Borrowed(_)));
    }
}
