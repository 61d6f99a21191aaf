//! Plain text as copied from a news page — a date line, the headline, "Published on",
//! paragraphs separated by blank lines, section headings as plain lines, bullets (`•`, `-`,
//! `*`), page furniture — read into an `Article`. Pure.

use super::Article;
use super::blocks::{self, Block};
use super::dates::parse_date;

/// Reads copied text. Headings are told from paragraphs by their shape: a short line that
/// does not end like a sentence.
pub fn parse_text(text: &str) -> Article {
    let mut article = Article::default();
    let mut blocks = Vec::new();
    let mut date_line = None;
    let mut published_line = None;
    let mut other_date_line = None;
    let mut headline_seen = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(item) = bullet(line) {
            match blocks.last_mut() {
                Some(Block::List(items)) => items.push(item.to_string()),
                _ => blocks.push(Block::List(vec![item.to_string()])),
            }
            continue;
        }
        let lower = line.to_lowercase();
        let stamp = ["published", "updated", "posted"]
            .iter()
            .any(|w| lower.starts_with(w));
        let date = stamp.then(|| parse_date(line)).flatten();
        // `Published on`, `Updated 21 July 2025 10:32`: a timestamp line, not a sentence.
        if stamp && (date.is_some() || line.split_whitespace().count() <= 3) {
            if lower.starts_with("updated") {
                other_date_line = other_date_line.or(date);
            } else {
                published_line = published_line.or(date);
            }
            article.removed.push(line.to_string());
            continue;
        }
        // A line that is only a date (before the text starts) is the page's dateline.
        if !blocks
            .iter()
            .any(|b| matches!(b, Block::Paragraph(p) if p.split_whitespace().count() > 12))
            && let Some(date) = parse_date(line)
        {
            date_line = date_line.or(Some(date));
            article.removed.push(line.to_string());
            continue;
        }
        // The headline is the first line of text; one as long as a paragraph is the
        // article's first paragraph, and the page had no headline.
        if !headline_seen && !blocks::is_furniture(line) && !blocks::is_end_marker(line) {
            headline_seen = true;
            if line.split_whitespace().count() <= 30 && line.chars().count() <= 250 {
                article.title = Some(line.to_string());
                continue;
            }
        }
        blocks.push(if looks_like_heading(line) {
            Block::Heading(line.to_string())
        } else {
            Block::Paragraph(line.to_string())
        });
    }
    article.date = published_line
        .map(|d| (d, "the “Published on” line"))
        .or(date_line.map(|d| (d, "the date line")))
        .or(other_date_line.map(|d| (d, "the “Updated” line")));
    article.blocks = blocks;
    article
}

/// `• item`, `- item`, `* item`, `– item`, `· item`.
fn bullet(line: &str) -> Option<&str> {
    let rest = line
        .strip_prefix('•')
        .or_else(|| line.strip_prefix("- "))
        .or_else(|| line.strip_prefix("* "))
        .or_else(|| line.strip_prefix("– "))
        .or_else(|| line.strip_prefix('·'))
        .or_else(|| line.strip_prefix('▪'))?;
    let rest = rest.trim();
    (!rest.is_empty()).then_some(rest)
}

/// A section heading: a short line that does not end like a sentence (a question in title
/// case, `Strategic Timing or Tactical Bluff?`, still counts).
pub fn looks_like_heading(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 12 || line.chars().count() > 100 {
        return false;
    }
    let last = line.chars().last().unwrap_or(' ');
    if matches!(last, '.' | ',' | ';' | ':' | '”' | '"' | '’' | '…' | ')') {
        return false;
    }
    if matches!(last, '?' | '!') {
        // Title case: most longer words capitalised.
        let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() > 3).collect();
        let capitalised = long
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        return !long.is_empty() && capitalised * 3 >= long.len() * 2;
    }
    words[0]
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_short_lines_that_do_not_end_like_sentences() {
        for heading in [
            "A Conditional Peace Offer",
            "Ukraine’s Reaction: Rejection and Resistance",
            "Strategic Timing or Tactical Bluff?",
            "Future Outlook",
        ] {
            assert!(looks_like_heading(heading), "{heading}");
        }
        for paragraph in [
            "Putin’s proposal outlines the following key demands:",
            "He said it would not happen.",
            "Will the talks go ahead at all, and who would attend them if they did?",
        ] {
            assert!(!looks_like_heading(paragraph), "{paragraph}");
        }
    }

    #[test]
    fn date_line_headline_and_bullets() {
        let article = parse_text(
            "Monday, July 21, 2025\n\nA Headline Here\n\nPublished on\n\nAdvertisement\n\nFirst paragraph of the article, long enough to count as text.\n\n  • one\n  • two\n",
        );
        assert_eq!(article.title.as_deref(), Some("A Headline Here"));
        assert_eq!(article.date.unwrap().0, jiff::civil::date(2025, 7, 21));
        assert_eq!(article.date.unwrap().1, "the date line");
        assert!(matches!(&article.blocks[2], Block::List(items) if items.len() == 2));
        let long = "word ".repeat(40);
        let article = parse_text(&format!("{long}\n\nA Short Line Later\n"));
        assert_eq!(article.title, None);
    }
}
