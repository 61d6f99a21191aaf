//! A saved web page read into an `Article`: the page's furniture removed from the tree
//! first (navigation, asides, cookie banners, share and related-story boxes), then Mozilla's
//! Readability algorithm (dom_smoothie) finds the article and writes it as Markdown, and the
//! page's metadata gives the title, date, address and publisher (JSON-LD, Open Graph,
//! `<link rel="canonical">`). The only module that knows the HTML crates.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::Article;
use super::blocks::{self, Block};
use super::dates::parse_date;

/// Elements that are never article text, whatever the page.
const FURNITURE_SELECTORS: &[&str] = &[
    "nav",
    "aside",
    "footer",
    "form",
    "noscript",
    "iframe",
    "button",
    "[role=navigation]",
    "[role=complementary]",
    "[role=banner]",
    "[role=contentinfo]",
    "[aria-hidden=true]",
];

/// Words in an element's class or id that mark page furniture.
const FURNITURE_CLASSES: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "newsletter",
    "subscribe",
    "share",
    "social",
    "related",
    "recommended",
    "most-read",
    "mostread",
    "popular",
    "trending",
    "advert",
    "sidebar",
    "promo",
    "paywall",
    "breadcrumb",
];

/// More characters than this in a box marked as furniture: it is the article, not a box.
const LONG_TEXT: usize = 2000;

/// Why a page gave no article.
#[derive(Debug)]
pub struct NoArticle;

/// Reads a saved page. `url` (absolute) makes the article's relative links absolute.
pub fn parse_html(html: &str, url: Option<&str>) -> Result<Article, NoArticle> {
    let document = Document::from(html);
    let language = document
        .select("html")
        .attr("lang")
        .map(|lang| lang.trim().to_string())
        .filter(|lang| !lang.is_empty());
    let canonical = canonical_url(&document);
    let time = page_date(&document);
    remove_furniture(&document);
    let config = Config {
        text_mode: TextMode::Markdown,
        // A saved page can be huge; past this, extraction gets slow for no gain.
        max_elements_to_parse: 100_000,
        ..Config::default()
    };
    let base = url.map(str::to_string).or_else(|| canonical.clone());
    let mut readability = Readability::with_document(document, base.as_deref(), Some(config))
        .map_err(|_| NoArticle)?;
    let parsed = readability.parse().map_err(|_| NoArticle)?;
    let mut article = Article {
        title: Some(parsed.title.trim().to_string()).filter(|t| !t.is_empty()),
        url: canonical.or_else(|| parsed.url.clone().filter(|u| is_web_address(u))),
        publisher: parsed
            .site_name
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        language,
        ..Article::default()
    };
    article.date = parsed
        .published_time
        .as_deref()
        .and_then(parse_date)
        .map(|d| (d, "the page's metadata"))
        .or(time.map(|d| (d, "the page's dateline")));
    let mut found = blocks::from_markdown(&parsed.text_content);
    // The headline repeated as the first heading, and a date line under it.
    if let (Some(Block::Heading(first)), Some(title)) = (found.first(), &article.title)
        && same_words(first, title)
    {
        found.remove(0);
    }
    found.retain(|block| match block {
        Block::Paragraph(text) if text.split_whitespace().count() <= 10 => {
            match parse_date(&blocks::strip_links(text)) {
                Some(date) => {
                    article.date = article.date.or(Some((date, "a date line on the page")));
                    article.removed.push(text.clone());
                    false
                }
                None => true,
            }
        }
        _ => true,
    });
    if base.is_none() {
        found = found.into_iter().map(drop_relative_links).collect();
    }
    article.blocks = found;
    Ok(article)
}

/// The date the page shows when its metadata has none: the first `<time datetime>`, else
/// a short dateline (`Posted on 14 August 2025 by …`) in an element marked as one.
fn page_date(document: &Document) -> Option<jiff::civil::Date> {
    if let Some(date) = document
        .select("time[datetime]")
        .attr("datetime")
        .and_then(|d| parse_date(&d))
    {
        return Some(date);
    }
    document
        .select(
            "time, [class*=date], [class*=meta], [class*=posted], [class*=byline], [class*=time]",
        )
        .nodes()
        .iter()
        .map(|node| node.text())
        .filter(|text| text.split_whitespace().count() <= 12)
        .find_map(|text| parse_date(&text))
}

/// Removes navigation, asides, banners and boxes whose class or id names furniture, so
/// that Readability never weighs them.
fn remove_furniture(document: &Document) {
    for selector in FURNITURE_SELECTORS {
        for element in document.select(selector).nodes() {
            // Some sites wrap the whole page in a <form> or mark a big box as a banner:
            // a long stretch of text stays for Readability to weigh.
            let always = matches!(
                *selector,
                "nav" | "aside" | "iframe" | "button" | "noscript"
            );
            if always || element.text().chars().count() <= LONG_TEXT {
                element.remove_from_parent();
            }
        }
    }
    for element in document.select("[class], [id]").nodes() {
        let marks = [element.attr("class"), element.attr("id")]
            .into_iter()
            .flatten()
            .map(|v| v.to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        let name = element.node_name().map(|n| n.to_lowercase());
        // The article's own container may carry a class such as `article-share-ready`:
        // only leaves and boxes, never the page's main structure.
        if matches!(name.as_deref(), Some("html" | "body" | "main" | "article")) {
            continue;
        }
        let furniture = marks
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .any(|word| {
                FURNITURE_CLASSES.iter().any(|f| {
                    word == *f
                        || word.starts_with(&format!("{f}-"))
                        || word.ends_with(&format!("-{f}"))
                })
            });
        // A long stretch of text is the article (say `article-body share-ready`), never a box.
        if furniture && element.text().chars().count() <= LONG_TEXT {
            element.remove_from_parent();
        }
    }
}

/// `<link rel="canonical">`, else `og:url`: the page's own address, if it is a web address.
fn canonical_url(document: &Document) -> Option<String> {
    let canonical = document.select("link[rel=canonical]").attr("href");
    let og = document.select("meta[property='og:url']").attr("content");
    [canonical, og]
        .into_iter()
        .flatten()
        .map(|u| u.trim().to_string())
        .find(|u| is_web_address(u))
}

fn is_web_address(url: &str) -> bool {
    crate::content::web_address_problem(url).is_none()
}

fn same_words(a: &str, b: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    words(a) == words(b)
}

/// Without the page's address, a relative link leads nowhere: keep its text only.
fn drop_relative_links(block: Block) -> Block {
    let fix = |text: String| -> String {
        if !text.contains("](") {
            return text;
        }
        let mut out = String::new();
        let mut rest = text.as_str();
        while let Some(start) = rest.find('[') {
            let Some(mid) = rest[start..].find("](") else {
                break;
            };
            let Some(end) = rest[start + mid..].find(')') else {
                break;
            };
            let target = &rest[start + mid + 2..start + mid + end];
            out.push_str(&rest[..start]);
            if is_web_address(target) {
                out.push_str(&rest[start..start + mid + end + 1]);
            } else {
                out.push_str(&rest[start + 1..start + mid]);
            }
            rest = &rest[start + mid + end + 1..];
        }
        out.push_str(rest);
        out
    };
    match block {
        Block::Paragraph(t) => Block::Paragraph(fix(t)),
        Block::Quote(t) => Block::Quote(fix(t)),
        Block::List(items) => Block::List(items.into_iter().map(fix).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_wrapped_in_a_form_keeps_its_article() {
        let paragraph = "<p>The talks resumed in Istanbul on Wednesday, officials said, and the \
                         delegations agreed to exchange more prisoners of war before the end of \
                         the month, though not on a ceasefire or on territory.</p>";
        let html = format!(
            "<html><head><title>Talks resume</title></head><body><form id=\"aspnetForm\">\
             <nav><a href=\"/\">Home</a></nav><article><h1>Talks resume</h1>{}</article>\
             </form></body></html>",
            paragraph.repeat(12)
        );
        let article = parse_html(&html, None).unwrap_or_else(|_| panic!("no article"));
        assert!(article.blocks.len() >= 10, "{:?}", article.blocks);
    }

    #[test]
    fn links_lose_relative_targets_only() {
        let block = drop_relative_links(Block::Paragraph(
            "See [this](/local/page) and [that](https://news.example.com/x).".into(),
        ));
        assert_eq!(
            block,
            Block::Paragraph("See this and [that](https://news.example.com/x).".into())
        );
    }
}
