//! Links in the inline Markdown of a briefing's front matter: its corrections, its events and
//! its image's caption. They are rendered with site paths under the base path, like a body's,
//! but they are also shown away from the briefing (the corrections log and its feed, term
//! timelines, `/timeline/`), and a briefing's file (`../2025/a.md`) is not resolved in them:
//! only addresses from the site root, or on the web, work everywhere they appear.

use crate::content::Briefing;
use crate::image::LeadImage;

use super::{Link, Target, classify, links};

/// Every link written in `b`'s front-matter texts, at the file line and column of its text
/// (a link's own column within a folded YAML value is not known).
pub(super) fn front_matter_links(b: &Briefing) -> Vec<Link> {
    let mut texts: Vec<(&str, usize, usize)> = Vec::new();
    for c in &b.corrections {
        let (line, col) = if c.text_at.0 > 0 {
            c.text_at
        } else {
            (c.line, 1)
        };
        texts.push((&c.text, line, col));
    }
    for e in &b.events {
        texts.push((&e.text, e.text_at.0, e.text_at.1));
    }
    let mut found: Vec<Link> = texts
        .into_iter()
        .flat_map(|(text, line, col)| at_text(text, line, col))
        .collect();
    found.extend(caption_links(b.image.as_ref()));
    found
}

/// The links of an image's caption (a page's or a profile's), at its file line.
pub(in crate::check) fn caption_links(image: Option<&LeadImage>) -> Vec<Link> {
    image
        .and_then(|i| i.caption_markdown.as_ref())
        .map(|(text, line, col)| at_text(text, *line, *col))
        .unwrap_or_default()
}

/// The links of one front-matter text, all placed at the text's line and column.
fn at_text(text: &str, line: usize, col: usize) -> Vec<Link> {
    links(text)
        .into_iter()
        .map(|l| Link {
            line,
            col,
            in_front_matter: true,
            ..l
        })
        .collect()
}

/// Why `dest`, written in front matter, cannot be used there; None when it can (a path from
/// the site root, which is then checked as any link is, or a web address).
pub(super) fn unusable(dest: &str) -> Option<String> {
    match classify(dest) {
        Target::External | Target::SitePath { .. } => None,
        Target::File { .. } => Some(format!(
            "`{dest}` is a briefing's file, which is not turned into its address in front matter (corrections, events, captions)"
        )),
        Target::Fragment(_) | Target::Relative { .. } => Some(format!(
            "`{dest}` is relative, but this text is also shown on other pages (the corrections log, timelines, feeds), where it would point elsewhere"
        )),
    }
}
