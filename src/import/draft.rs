//! The text of an imported draft: front matter filled from the article (suggested terms and
//! a missing date or address marked with comments), a line for the desk's own words, and
//! the article as Markdown inside an HTML comment headed as source text to rewrite. Pure.

use std::fmt;

use super::blocks::{Block, to_markdown};
use crate::content::unfinished::{
    IMPORT_ADDRESS_MARK, IMPORT_DATE_MARK, IMPORT_LEDE, IMPORT_SOURCE_TEXT, IMPORT_TERMS_MARK,
};
use crate::scaffold::yaml_scalar;

/// What goes into a draft.
pub struct Draft<'a> {
    pub title: &'a str,
    /// The article's date; `None`: today is used, and a comment says so.
    pub date: Option<jiff::civil::Date>,
    pub today: jiff::civil::Date,
    pub url: Option<&'a str>,
    pub publisher: Option<&'a str>,
    /// Per taxonomy (config order): its name and the suggested terms.
    pub terms: &'a [(String, Vec<String>)],
    /// The article's language, when it is not the site's.
    pub language: Option<&'a str>,
    pub blocks: &'a [Block],
    /// Where the article came from (a file name, or standard input), for the comment.
    pub input: &'a str,
}

/// How many sections, lists and quotations the article has, for the report.
pub struct Counts {
    sections: usize,
    paragraphs: usize,
    lists: usize,
    quotes: usize,
}

impl Counts {
    pub fn of(blocks: &[Block]) -> Counts {
        let count = |f: fn(&Block) -> bool| blocks.iter().filter(|b| f(b)).count();
        Counts {
            sections: count(|b| matches!(b, Block::Heading(_))),
            paragraphs: count(|b| matches!(b, Block::Paragraph(_))),
            lists: count(|b| matches!(b, Block::List(_))),
            quotes: count(|b| matches!(b, Block::Quote(_))),
        }
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(
            f,
            "text: {}, {}, {}, {}",
            plural(self.paragraphs, "paragraph", "paragraphs"),
            plural(self.sections, "section heading", "section headings"),
            plural(self.lists, "list", "lists"),
            plural(self.quotes, "quotation", "quotations")
        )
    }
}

/// The whole file.
pub fn draft_text(draft: &Draft) -> String {
    let mut out = String::from("---\n");
    out.push_str(&format!(
        "title: {}\n",
        serde_json::to_string(draft.title).expect("a string")
    ));
    match draft.date {
        Some(date) => out.push_str(&format!("date: {date}\n")),
        // Each marker is unfinished work that `check` and `build` refuse to publish.
        None => out.push_str(&format!("date: {}   {IMPORT_DATE_MARK}\n", draft.today)),
    }
    if let Some(language) = draft.language {
        out.push_str(&format!("language: {language}\n"));
    }
    out.push_str("# summary: one or two sentences in the desk's own words, for lists and feeds\n");
    if draft.terms.iter().any(|(_, names)| !names.is_empty()) {
        out.push_str(&format!(
            "{IMPORT_TERMS_MARK}\n# Keep those that fit, remove the others, add what is missing.\n"
        ));
    }
    for (taxonomy, names) in draft.terms {
        let names: Vec<String> = names.iter().map(|n| yaml_scalar(n)).collect();
        out.push_str(&format!("{taxonomy}: [{}]\n", names.join(", ")));
    }
    out.push_str("status: developing\n");
    out.push_str("sources:\n");
    let title = serde_json::to_string(draft.title).expect("a string");
    let publisher = draft.publisher.map(yaml_scalar);
    match draft.url {
        Some(url) => {
            out.push_str(&format!("  - title: {title}\n    url: {url}\n"));
            if let Some(publisher) = &publisher {
                out.push_str(&format!("    publisher: {publisher}\n"));
            }
        }
        None => {
            out.push_str(&format!("  {IMPORT_ADDRESS_MARK}\n"));
            out.push_str(&format!("  # - title: {title}\n  #   url: https://\n"));
            out.push_str(&format!(
                "  #   publisher: {}\n",
                publisher.as_deref().unwrap_or("Publisher")
            ));
        }
    }
    out.push_str("draft: true   # imported source text: rewrite it in the desk's words, then remove this line\n");
    out.push_str("---\n\n");
    out.push_str(&format!("{IMPORT_LEDE}\n\n"));
    out.push_str(&format!(
        "<!--\n{IMPORT_SOURCE_TEXT} (imported by `sitrep import` from "
    ));
    out.push_str(&comment_safe(draft.input));
    out.push_str(").\nIt keeps the article's facts for reference; it is not the desk's text, and the\nsite never shows it. Use its facts, cite the source, write your own sentences.\n\n");
    out.push_str(&comment_safe(&to_markdown(draft.blocks)));
    out.push_str("\n-->\n");
    out
}

/// Text that cannot end the HTML comment it sits in, or open another. A space breaks each
/// marker (`-- >`): the editor reads the article's arrows and dashes as they were, where
/// an entity (`--&gt;`) would show in the Markdown as code.
fn comment_safe(text: &str) -> String {
    text.replace("--!>", "--! >")
        .replace("-->", "-- >")
        .replace("<!--", "<! --")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_text_cannot_close_its_comment() {
        let blocks = vec![Block::Paragraph("a --> b <!-- c".into())];
        let text = draft_text(&Draft {
            title: "T",
            date: None,
            today: jiff::civil::date(2026, 1, 2),
            url: None,
            publisher: None,
            terms: &[],
            language: None,
            blocks: &blocks,
            input: "x.txt",
        });
        assert_eq!(text.matches("-->").count(), 1, "{text}");
        assert!(text.contains("a -- > b <! -- c"), "{text}");
        assert!(text.contains("date: 2026-01-02   # today"));
        assert!(text.contains("  # - title: \"T\"\n"));
    }
}
