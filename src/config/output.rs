//! `feeds:` and `size_limit:` — what the output carries and how large it may grow: full text
//! or summaries in the site and term feeds, and the size a build warns near.

use crate::yaml::Node;

use super::problem::{Checked, Problem, checked};

/// Full text or summaries, for the site feeds (`site`) and the term feeds (`terms`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedContent {
    pub site: FeedText,
    pub terms: FeedText,
}

/// What a feed entry carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedText {
    /// The whole briefing (links made absolute), as readers of the site feed expect.
    Full,
    /// The summary only: a term's feed repeats briefings the site feed already carries,
    /// and at full text the term feeds were a quarter of a site's bytes.
    Summary,
}

impl Default for FeedContent {
    fn default() -> Self {
        FeedContent {
            site: FeedText::Full,
            terms: FeedText::Summary,
        }
    }
}

/// GitHub Pages' limit on a published site.
pub const DEFAULT_SIZE_LIMIT: u64 = 1_000_000_000;

/// `feeds: { site: full, terms: summary }`; either key may be left out.
pub(super) fn parse_feeds(node: &Node) -> Checked<FeedContent> {
    let mut feeds = FeedContent::default();
    let Some(fields) = node.as_mapping() else {
        return Err(vec![Problem::value(
            node,
            "expected `feeds: { site: full, terms: summary }`",
        )]);
    };
    let mut problems = Vec::new();
    for (key, value) in fields {
        let feed = match key.as_str() {
            "site" => &mut feeds.site,
            "terms" => &mut feeds.terms,
            other => {
                problems.push(Problem::unknown_key(
                    &value,
                    other,
                    &["site", "terms"],
                    format!("unknown key `{other}` in `feeds`; it has `site` and `terms`"),
                ));
                continue;
            }
        };
        match value.as_scalar_text().as_deref().map(str::trim) {
            Some("full") => *feed = FeedText::Full,
            Some("summary") => *feed = FeedText::Summary,
            _ => problems.push(Problem::value(
                &value,
                format!("`feeds: {{ {key}: … }}` is `full` or `summary`"),
            )),
        }
    }
    checked(feeds, problems)
}

/// `1 GB`, `800MB`, `500 kB`, `1000000000` → bytes (decimal units, as GitHub states its limit).
pub(super) fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = (text[..split].trim(), text[split..].trim());
    let factor = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "kb" => 1e3,
        "mb" => 1e6,
        "gb" => 1e9,
        _ => {
            return Err(format!(
                "`{text}` is not a size; write it like `1 GB` or `800 MB`"
            ));
        }
    };
    match number.parse::<f64>() {
        Ok(n) if n > 0.0 => Ok((n * factor).round() as u64),
        _ => Err(format!(
            "`{text}` is not a size; write it like `1 GB` or `800 MB`"
        )),
    }
}
