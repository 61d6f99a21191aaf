//! Footnotes with a way back. pulldown-cmark writes a reference as a bare link to the note
//! and the note without a link back, so a reader who follows note 3 must scroll to find
//! their place again. Here each reference gets an id (`fnref-<label>`, `fnref-<label>-2` for
//! the second reference to the same note) and the note's number links back to the first
//! one, as on Wikipedia. The note keeps its id (its label), so `#label` links written by
//! editors, and `check`'s anchors, keep meaning the note. Numbers are given as
//! pulldown-cmark gives them: in the order labels are first met.

use std::collections::HashMap;

use pulldown_cmark::Event;

use super::escape_html;

/// The footnote numbers and references of one body, as its events go by.
#[derive(Default)]
pub(super) struct Footnotes {
    numbers: HashMap<String, usize>,
    /// References met so far, per label.
    references: HashMap<String, usize>,
}

impl Footnotes {
    fn number(&mut self, label: &str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(label.to_string()).or_insert(next)
    }

    /// A reference to the note `label`, as HTML; inside an image's text (its `alt`:
    /// `in_alt`), the text `[n]`.
    pub(super) fn reference(&mut self, label: &str, in_alt: bool) -> Event<'static> {
        let number = self.number(label);
        if in_alt {
            return Event::Text(format!("[{number}]").into());
        }
        let count = self.references.entry(label.to_string()).or_insert(0);
        *count += 1;
        let id = reference_id(label, *count);
        let html = format!(
            "<sup class=\"footnote-reference\"><a href=\"#{label}\" id=\"{id}\" role=\"doc-noteref\">{number}</a></sup>",
            label = escape_html(label),
            id = escape_html(&id),
        );
        Event::InlineHtml(html.into())
    }

    /// The opening HTML of the note `label`: its number links back to its first reference,
    /// when the text has referred to it before (a note above every reference, or never
    /// referred to, has its number alone: there is nowhere certain to go back to).
    pub(super) fn definition_start(&mut self, label: &str) -> Event<'static> {
        let number = self.number(label);
        let escaped = escape_html(label);
        let label_html = if self.references.contains_key(label) {
            format!(
                "<a href=\"#{}\" role=\"doc-backlink\">{number}</a>",
                escape_html(&reference_id(label, 1))
            )
        } else {
            number.to_string()
        };
        Event::Html(
            format!(
                "<div class=\"footnote-definition\" id=\"{escaped}\"><sup class=\"footnote-definition-label\">{label_html}</sup>"
            )
            .into(),
        )
    }

    /// The ids this body's references took (`fnref-…`): a heading must not take them.
    pub(super) fn reference_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .references
            .iter()
            .flat_map(|(label, &count)| (1..=count).map(move |n| reference_id(label, n)))
            .collect();
        ids.sort_unstable();
        ids
    }
}

/// The end of a note.
pub(super) fn definition_end() -> Event<'static> {
    Event::Html("</div>\n".into())
}

fn reference_id(label: &str, n: usize) -> String {
    if n == 1 {
        format!("fnref-{label}")
    } else {
        format!("fnref-{label}-{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(event: Event) -> String {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => h.to_string(),
            other => panic!("not HTML: {other:?}"),
        }
    }

    #[test]
    fn references_are_numbered_in_order_of_first_mention_and_each_has_its_own_id() {
        let mut notes = Footnotes::default();
        let first = html(notes.reference("src", false));
        let other = html(notes.reference("1", false));
        let again = html(notes.reference("src", false));
        assert_eq!(
            first,
            "<sup class=\"footnote-reference\"><a href=\"#src\" id=\"fnref-src\" role=\"doc-noteref\">1</a></sup>"
        );
        assert!(
            other.contains("id=\"fnref-1\"") && other.contains(">2</a>"),
            "{other}"
        );
        assert!(
            again.contains("id=\"fnref-src-2\"") && again.contains(">1</a>"),
            "{again}"
        );
        assert_eq!(
            notes.reference_ids(),
            ["fnref-1", "fnref-src", "fnref-src-2"]
        );
    }

    #[test]
    fn a_note_links_back_to_its_first_reference_only_when_there_is_one() {
        let mut notes = Footnotes::default();
        let _ = notes.reference("a", false);
        assert_eq!(
            html(notes.definition_start("a")),
            "<div class=\"footnote-definition\" id=\"a\"><sup class=\"footnote-definition-label\"><a href=\"#fnref-a\" role=\"doc-backlink\">1</a></sup>"
        );
        let unreferenced = html(notes.definition_start("b"));
        assert!(unreferenced.ends_with(">2</sup>"), "{unreferenced}");
    }

    #[test]
    fn labels_are_escaped_in_attributes_and_plain_in_image_text() {
        let mut notes = Footnotes::default();
        let reference = html(notes.reference("a\"<b", false));
        assert!(reference.contains("href=\"#a&quot;&lt;b\""), "{reference}");
        assert_eq!(notes.reference("x", true), Event::Text("[2]".into()));
    }
}
