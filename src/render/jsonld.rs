//! schema.org metadata (JSON-LD) for briefing pages, written so it cannot break out of its
//! `<script>` element.

use serde::Serialize;

use crate::site::Site;

/// schema.org NewsArticle metadata for briefing `e` (the subtype of its kind), as JSON that is safe inside a
/// `<script>` element (`<`, `>`, `&` and line separators are escaped).
pub(super) fn json_ld(site: &Site, e: usize) -> String {
    let entry = &site.entries[e];
    let b = &entry.briefing;
    let permalink = site.config.base_url.absolute(&entry.path);
    let publisher = site
        .config
        .publisher
        .as_deref()
        .unwrap_or(&site.config.title);
    let home = site.config.base_url.absolute("/");
    let organization = Organization {
        kind: "Organization",
        name: publisher,
        url: &home,
    };
    // The byline's people, when the briefing has a byline; else the desk.
    let people = super::pages::people(site, e);
    let author = if people.is_empty() {
        Author::Organization(&organization)
    } else {
        Author::People(people)
    };
    let correction = b
        .corrections_newest_first()
        .into_iter()
        .map(|c| CorrectionComment {
            kind: "CorrectionComment",
            date_published: c.date.rfc3339(),
            text: &c.plain,
        })
        .collect();
    // Its own image, else the desk's: Google shows Article rich results only with one. With
    // a caption or a credit, an ImageObject that carries them (Google Images shows the credit).
    let image = b.image.as_ref().or(site.config.image.as_ref());
    let image: Vec<Image> = image
        .map(|i| {
            let url = i.permalink(&site.config.base_url);
            if i.caption_text.is_none() && i.credit.is_none() {
                return Image::Url(url);
            }
            Image::Object(ImageObject {
                kind: "ImageObject",
                url,
                caption: i.caption_text.as_deref(),
                credit_text: i.credit.as_deref(),
            })
        })
        .into_iter()
        .collect();
    script_safe_json(&NewsArticle {
        context: "https://schema.org",
        kind: b.kind.schema_type(),
        author,
        correction,
        date_modified: b.modified().rfc3339(),
        date_published: b.date.rfc3339(),
        dateline: b.dateline.as_deref(),
        description: &b.summary,
        headline: &b.title,
        image,
        in_language: &b.language,
        keywords: site.term_names(e).collect(),
        main_entity_of_page: WebPage {
            id: &permalink,
            kind: "WebPage",
        },
        publisher: &organization,
        url: &permalink,
    })
}

// Written straight from structs (fields in alphabetical order, as before with a JSON map)
// rather than through a `serde_json::Value`: one allocation per page instead of dozens.
#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Author<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<CorrectionComment<'a>>,
    #[serde(rename = "dateModified")]
    date_modified: String,
    #[serde(rename = "datePublished")]
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    dateline: Option<&'a str>,
    description: &'a str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image: Vec<Image<'a>>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    keywords: Vec<&'a str>,
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: WebPage<'a>,
    publisher: &'a Organization<'a>,
    url: &'a str,
}

/// Who wrote a briefing: the people of its byline, or the organisation.
#[derive(Serialize)]
#[serde(untagged)]
enum Author<'a> {
    Organization(&'a Organization<'a>),
    People(Vec<super::pages::Person<'a>>),
}

/// The article's image: its address, or an ImageObject with its caption and credit.
#[derive(Serialize)]
#[serde(untagged)]
enum Image<'a> {
    Url(String),
    Object(ImageObject<'a>),
}

#[derive(Serialize)]
struct ImageObject<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<&'a str>,
    #[serde(rename = "creditText", skip_serializing_if = "Option::is_none")]
    credit_text: Option<&'a str>,
}

/// A correction of the article (schema.org `correction`).
#[derive(Serialize)]
struct CorrectionComment<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "datePublished")]
    date_published: String,
    text: &'a str,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    /// The desk's home page: how search engines tell one publisher of a name from another.
    url: &'a str,
}

#[derive(Serialize)]
struct WebPage<'a> {
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
}

/// JSON text that cannot end a `<script>` element or start a comment inside one.
pub fn script_safe_json<T: Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("JSON values always serialise");
    // `<`, `>`, `&`, and U+2028/U+2029 (E2 80 A8/A9 in UTF-8).
    let special = |b: u8| matches!(b, b'<' | b'>' | b'&' | 0xE2);
    if !json.bytes().any(special) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_for_scripts_cannot_close_the_script() {
        let text =
            super::script_safe_json(&serde_json::json!({"headline": "</script><!-- & \u{2028}"}));
        assert_eq!(
            text,
            r#"{"headline":"\u003c/script\u003e\u003c!-- \u0026 \u2028"}"#
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], "</script><!-- & \u{2028}");
    }
}
