//! House style (site.yaml `style.prefer`): each word or phrase the desk avoids, found where
//! editors write prose (titles, summaries, datelines, corrections, body text) at its line and
//! column, as a whole word and with its case as written, never inside code, URLs or link
//! targets. `<!-- style: accept Kiev -->` (or `# style: accept Kiev` in front matter) on the
//! line keeps an occurrence, such as a direct quotation. Vale's substitution rule is the model.
//!
//! `check_style` takes the file's text and the stretches of it to look at (`TextSpan`), so
//! any file with prose (briefings, pages) can be checked the same way.

use std::path::Path;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use crate::config::HouseStyle;
use crate::diagnostics::Diagnostic;

/// A stretch of a file where an editor writes prose, by byte offsets into the file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
    /// Markdown (a body): code, HTML, autolinks and link targets are not prose. Otherwise a
    /// front-matter value: its `# comment` and any `` `code` `` are not prose.
    pub markdown: bool,
}

/// The body of a file whose front matter ends at byte `start`.
pub fn body_span(text: &str, start: usize) -> TextSpan {
    TextSpan {
        start,
        end: text.len(),
        markdown: true,
    }
}

/// The value of the top-level front-matter key `key` (`title`, `summary`), when the file
/// has it before file line `body_line`.
pub fn front_matter_value(text: &str, body_line: usize, key: &str) -> Option<TextSpan> {
    let line = text
        .lines()
        .take(body_line.saturating_sub(1))
        .position(|l| crate::yaml::key_of(l).as_deref() == Some(key) && !l.starts_with(' '))?;
    value_span(text, line + 1, 1)
}

/// The value of the key that starts at file line `line`, column `key_col` (1-based): from
/// after its `:` to the end of the lines that continue it (indented deeper than the key).
pub fn value_span(text: &str, line: usize, key_col: usize) -> Option<TextSpan> {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').enumerate();
    for (index, l) in lines.by_ref() {
        if index + 1 == line {
            let key_at: usize = l.chars().take(key_col - 1).map(char::len_utf8).sum();
            let colon = key_at + l[key_at..].find(':')? + 1;
            let start = offset + colon;
            let mut end = offset + l.trim_end_matches(['\n', '\r']).len();
            offset += l.len();
            for (_, next) in lines {
                let content = next.trim_end_matches(['\n', '\r']);
                let indent = content.len() - content.trim_start_matches(' ').len();
                if content.trim() == "---" || (!content.trim().is_empty() && indent < key_col) {
                    break;
                }
                end = offset + content.len();
                offset += next.len();
            }
            return Some(TextSpan {
                start,
                end: end.max(start),
                markdown: false,
            });
        }
        offset += l.len();
    }
    None
}

/// Every house-style finding in `spans` of the file at `path` (whose text is `text`), in
/// line order, at the level site.yaml asks for.
pub fn check_style(
    path: &Path,
    text: &str,
    spans: &[TextSpan],
    style: &HouseStyle,
) -> Vec<Diagnostic> {
    if style.prefer.is_empty() {
        return Vec::new();
    }
    let lines = LineStarts::new(text);
    let mut found = Vec::new();
    for span in spans {
        let prose = if span.markdown {
            Prose::of_markdown(text, span)
        } else {
            Prose::of_value(text, span)
        };
        for (avoid, write) in &style.prefer {
            for (at, last) in prose.matches(avoid) {
                let (line, col) = lines.line_col(text, at);
                let (last_line, _) = lines.line_col(text, last);
                // The marker may be on any line of a phrase broken across lines.
                if (line..=last_line).any(|l| accepted(lines.line(text, l), avoid)) {
                    continue;
                }
                let mut d = Diagnostic::error(
                    path,
                    line,
                    col,
                    format!("house style: write `{write}`, not `{avoid}`"),
                )
                .with_hint(format!(
                    "site.yaml's `style.prefer` asks for `{write}`; to keep `{avoid}` here (a direct quotation), add <!-- style: accept {avoid} --> to the line (`# style: accept {avoid}` in front matter)"
                ))
                .with_rule("house style")
                .with_source_line(text);
                d.severity = style.level;
                found.push(d);
            }
        }
    }
    found.sort_by_key(|d| (d.line, d.col));
    found.dedup();
    found
}

/// Whether `line` carries a marker accepting `word`: `style: accept A, B` in an HTML or a
/// YAML comment, however it is spaced (`<!--style:accept Kiev-->`).
fn accepted(line: &str, word: &str) -> bool {
    const MARK: &str = "style:";
    let mut rest = line;
    while let Some(at) = rest.find(MARK) {
        rest = &rest[at + MARK.len()..];
        let Some(names) = rest.trim_start().strip_prefix("accept") else {
            continue;
        };
        if !names.starts_with(char::is_whitespace) {
            continue;
        }
        let names = &names[..names.find("-->").unwrap_or(names.len())];
        if names.split(',').any(|name| name.trim() == word) {
            return true;
        }
    }
    false
}

/// Stands between two pieces of prose that must not read as one (a code span between).
const BREAK: char = '\u{1}';

/// The prose of a span as one text, with where each piece of it is in the file.
#[derive(Default)]
struct Prose {
    text: String,
    /// (start in `text`, start in the file, length) of each piece, in order.
    pieces: Vec<(usize, usize, usize)>,
}

impl Prose {
    fn push(&mut self, file: &str, start: usize, end: usize) {
        self.pieces.push((self.text.len(), start, end - start));
        self.text.push_str(&file[start..end]);
    }

    fn separate(&mut self, with: char) {
        if !self.text.is_empty() && !self.text.ends_with([BREAK, ' ']) {
            self.text.push(with);
        }
    }

    /// The text readers see of a Markdown span: text, link text, image descriptions,
    /// headings, lists and tables; not code, HTML, autolinks or link targets (which are not
    /// text events at all). Emphasis and links join their words with the text around them.
    fn of_markdown(file: &str, span: &TextSpan) -> Prose {
        let mut prose = Prose::default();
        let mut hidden = 0usize;
        let mut links: Vec<bool> = Vec::new();
        let source = &file[span.start..span.end];
        let events = Parser::new_ext(source, crate::markdown::options()).into_offset_iter();
        for (event, range) in events {
            match event {
                Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                    hidden += 1;
                    prose.separate(BREAK);
                }
                Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                    hidden = hidden.saturating_sub(1);
                }
                Event::Start(Tag::Link { link_type, .. }) => {
                    let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    hidden += usize::from(auto);
                    links.push(auto);
                }
                Event::End(TagEnd::Link) => {
                    if links.pop() == Some(true) {
                        hidden = hidden.saturating_sub(1);
                    }
                }
                Event::Text(_) if hidden == 0 => {
                    prose.push(file, span.start + range.start, span.start + range.end);
                }
                Event::SoftBreak | Event::HardBreak => prose.separate(' '),
                Event::Start(
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Image { .. },
                )
                | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough)
                | Event::End(TagEnd::Image) => {}
                // Code, HTML, footnote marks and every block boundary end a stretch of prose.
                _ => prose.separate(BREAK),
            }
        }
        prose
    }

    /// The prose of a front-matter value: each line up to its `# comment`, lines joined by
    /// a space, `` `code` `` left out.
    fn of_value(file: &str, span: &TextSpan) -> Prose {
        let mut prose = Prose::default();
        let mut offset = span.start;
        for line in file[span.start..span.end].split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            let content = match content.find(" #") {
                Some(i) => &content[..i],
                None => content,
            };
            let mut at = offset;
            for (i, part) in content.split('`').enumerate() {
                if i % 2 == 0 {
                    prose.push(file, at, at + part.len());
                } else {
                    prose.separate(BREAK);
                }
                at += part.len() + 1;
            }
            prose.separate(' ');
            offset += line.len();
        }
        prose
    }

    /// File offsets where `phrase` starts as whole words, its spaces matching any run of
    /// spaces, outside web addresses and e-mail addresses.
    fn matches(&self, phrase: &str) -> Vec<(usize, usize)> {
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let Some(first) = words.first() else {
            return Vec::new();
        };
        let text = self.text.as_str();
        let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        let mut found = Vec::new();
        for (start, _) in text.match_indices(first) {
            if is_word(text[..start].chars().next_back()) {
                continue;
            }
            let mut end = start + first.len();
            let whole = words[1..].iter().all(|word| {
                let rest = &text[end..];
                let gap = rest.len() - rest.trim_start_matches([' ', '\n', '\t']).len();
                if gap == 0 || !rest[gap..].starts_with(word) {
                    return false;
                }
                end += gap + word.len();
                true
            });
            if whole
                && !is_word(text[end..].chars().next())
                && !in_address(text, start)
                && let Some(offset) = self.file_offset(start)
            {
                // Where its last byte is: a phrase may end on a later line.
                found.push((offset, self.file_offset(end - 1).unwrap_or(offset)));
            }
        }
        found
    }

    fn file_offset(&self, at: usize) -> Option<usize> {
        let i = self.pieces.partition_point(|p| p.0 <= at).checked_sub(1)?;
        let (text_start, file_start, len) = self.pieces[i];
        (at - text_start < len).then_some(file_start + at - text_start)
    }
}

/// Whether the word at `at` is part of a web or e-mail address (`https://www.kiev.ua/`).
fn in_address(text: &str, at: usize) -> bool {
    let separator = |c: char| c.is_whitespace() || c == BREAK;
    let start = text[..at].rfind(separator).map_or(0, |i| i + 1);
    let end = text[at..].find(separator).map_or(text.len(), |i| at + i);
    let token = &text[start..end];
    token.contains("://") || token.starts_with("www.") || token.contains('@')
}

/// Byte offsets of line starts, for turning offsets into lines and character columns.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> LineStarts {
        LineStarts(
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }

    fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.0.partition_point(|&s| s <= offset);
        (line, text[self.0[line - 1]..offset].chars().count() + 1)
    }

    fn line<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let start = self.0[line - 1];
        let end = self.0.get(line).map_or(text.len(), |&e| e);
        &text[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;

    fn style(pairs: &[(&str, &str)], level: Severity) -> HouseStyle {
        HouseStyle {
            prefer: pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            level,
        }
    }

    fn positions(text: &str, spans: &[TextSpan]) -> Vec<(usize, usize)> {
        let style = style(
            &[("Kiev", "Kyiv"), ("the Ukraine", "Ukraine")],
            Severity::Warning,
        );
        check_style(Path::new("a.md"), text, spans, &style)
            .iter()
            .map(|d| (d.line, d.col))
            .collect()
    }

    #[test]
    fn a_phrase_broken_across_lines_takes_the_marker_on_either_line() {
        for text in [
            "A sentence ending in the\nUkraine. <!-- style: accept the Ukraine -->\n",
            "A sentence ending in the <!-- style: accept the Ukraine -->\nUkraine.\n",
        ] {
            assert_eq!(positions(text, &[body_span(text, 0)]), [], "{text}");
        }
        let text =
            "A sentence ending in the\nUkraine.\n\nKiev <!-- style: accept the Ukraine -->\n";
        assert_eq!(positions(text, &[body_span(text, 0)]), [(1, 22), (4, 1)]);
    }

    #[test]
    fn whole_words_as_written_outside_code_and_addresses() {
        let text =
            "Kiev, Kievan, kiev, KIEV, Kiev's, Kiev-based, `Kiev`, https://x.org/Kiev, a@Kiev.ua\n";
        assert_eq!(
            positions(text, &[body_span(text, 0)]),
            [(1, 1), (1, 27), (1, 35)]
        );
    }

    #[test]
    fn phrases_run_across_lines_emphasis_and_quotes() {
        let text = "in the\nUkraine, *the* Ukraine\n\n> from the\n> Ukraine\n";
        assert_eq!(
            positions(text, &[body_span(text, 0)]),
            [(1, 4), (2, 11), (4, 8)]
        );
    }

    #[test]
    fn front_matter_values_stop_at_their_comment_and_their_key() {
        let text = "---\ntitle: Kiev `Kiev` talks   # not Kiev\nsummary: >-\n  the\n  Ukraine\nkey: Kiev\n---\n";
        let title = front_matter_value(text, 7, "title").unwrap();
        let summary = front_matter_value(text, 7, "summary").unwrap();
        assert_eq!(&text[summary.start..summary.end], " >-\n  the\n  Ukraine");
        assert_eq!(positions(text, &[title, summary]), [(2, 8), (4, 3)]);
    }

    #[test]
    fn an_accept_marker_names_the_words_it_keeps() {
        assert!(accepted(
            "x <!-- style: accept Kiev, the Ukraine -->",
            "the Ukraine"
        ));
        assert!(accepted("title: x   # style: accept Kiev", "Kiev"));
        assert!(!accepted("x <!-- style: accept Kyiv -->", "Kiev"));
        assert!(accepted("x <!--style:accept Kiev-->", "Kiev"));
        assert!(accepted(
            "x <!--  style:  accept  Kiev , Kharkov  -->",
            "Kharkov"
        ));
        assert!(!accepted("x <!-- style: accepted Kiev -->", "Kiev"));
    }
}
