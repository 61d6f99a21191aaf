//! Headings with nothing under them, found as a body's events go by: the next heading is of
//! the same or a higher level, or the body ends, with nothing shown in between (a comment
//! shows nothing). `sitrep new` writes such sections for the editor to fill in.

use pulldown_cmark::{Event, Tag, TagEnd};

/// Finds the headings nothing follows, as the events go by.
#[derive(Default)]
pub(super) struct Sections {
    /// The last heading (byte offset, level) while nothing has come under it yet.
    waiting: Option<(usize, u8)>,
    in_heading: bool,
    /// The text of the HTML block being read: only a comment shows nothing.
    html: Option<String>,
    empty: Vec<usize>,
}

impl Sections {
    pub(super) fn note(&mut self, event: &Event, offset: usize) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = *level as u8;
                if let Some((at, waiting)) = self.waiting.take()
                    && level <= waiting
                {
                    self.empty.push(at);
                }
                self.waiting = Some((offset, level));
                self.in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => self.in_heading = false,
            _ if self.in_heading || self.waiting.is_none() => {}
            Event::Start(Tag::HtmlBlock) => self.html = Some(String::new()),
            Event::Html(html) if self.html.is_some() => {
                self.html.get_or_insert_default().push_str(html);
            }
            Event::End(TagEnd::HtmlBlock) => {
                let html = self.html.take().unwrap_or_default();
                let html = html.trim();
                if !(html.starts_with("<!--") && html.ends_with("-->")) {
                    self.waiting = None;
                }
            }
            Event::Start(_) | Event::Rule | Event::Html(_) | Event::Text(_) => {
                self.waiting = None;
            }
            _ => {}
        }
    }

    /// Byte offsets of the empty headings, the last one included if nothing followed it.
    pub(super) fn finish(mut self) -> Vec<usize> {
        self.empty.extend(self.waiting.map(|(at, _)| at));
        self.empty
    }
}

#[cfg(test)]
mod tests {
    fn empty_heading_lines(markdown: &str) -> Vec<usize> {
        crate::markdown::render_markdown(markdown, "/", std::path::Path::new("a.md"), false)
            .empty_headings
    }

    #[test]
    fn headings_without_text_before_the_next_of_their_level_are_empty() {
        let body = "Lede.\n\n## Empty\n\n## Parent\n\n### Child\n\nText.\n\n## Comment\n\n<!--\nnote\n-->\n\n## With HTML\n\n<div>x</div>\n\n## Last\n";
        assert_eq!(empty_heading_lines(body), [3, 11, 21]);
        assert!(empty_heading_lines("## A\n\n- item\n").is_empty());
        assert_eq!(empty_heading_lines("## A\n### B\n"), [2]);
        assert_eq!(
            empty_heading_lines("# A {#x}\n## B\ntext\n"),
            Vec::<usize>::new()
        );
    }
}
