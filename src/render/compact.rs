//! The default theme's templates without their indentation. They are indented for people
//! reading them; HTML collapses a line break and the spaces after it into one space, so the
//! indentation only adds bytes: about 5% of a site's HTML, and a desk on GitHub Pages has
//! 1 GB for its whole site.
//!
//! Only the templates sitrep ships are compacted, byte for byte as shipped, and only when
//! every other template is plain (`theme::compacted_templates`): what they print, and where,
//! is then what the tests build. Two reviews of a rule for any template found seven ways a
//! template someone wrote could put compacted text where its spaces show (a block or an
//! include inside an attribute value or a script, a filter such as `truncate` on captured
//! text); a template someone wrote or edited is output as written.
//!
//! Only a line's leading spaces and tabs go, and only where the line starts in text: not
//! inside a Tera tag, expression or comment (its strings may span lines), and not inside a
//! quoted HTML attribute value (a placeholder drops line breaks, so its words would join).
//! The line break stays, so what stood on either side of it stays apart: the output differs
//! from the template as written only in how long a run of whitespace is, never in where
//! there is one. Lines are never added or removed, so a template error's line number stays
//! right; its column is mapped back with [`LineEdit::source_col`].
//!
//! Where spaces show (preformatted text, a form's text, `white-space` styles in a template,
//! raw template text, scripts and styles spanning lines, an element name or a style that
//! Tera writes), one template can put another's text there (a `<pre>` around a block or an
//! include), so [`whitespace_shows`] looks at every template of the site, and finding one
//! keeps them all as written. `entry.html` also reaches other templates as rendered text
//! (`entry.card`), so it is compacted only in a site without templates of its own (a third
//! review found a plain list page measuring and quoting the cards).
//!
//! Also tried: making a line holding only a `{% tag %}` vanish (`{%-`). It saved 0.1% more
//! and could join what stood around it (an `{% include %}` alone on a line printed its
//! partial right after the text before it), so it is not done.

/// What compacting did to one line of a template: how many leading spaces and tabs it
/// dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineEdit {
    dropped: usize,
}

impl LineEdit {
    /// The 1-based column in the template as written of `col`, a 1-based column in the
    /// compacted line.
    pub fn source_col(self, col: usize) -> usize {
        col + self.dropped
    }
}

/// A template with its indentation dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compacted {
    pub text: String,
    /// One per line of the source.
    pub lines: Vec<LineEdit>,
}

/// What in a template makes spaces show where templates write them, lower case: preformatted
/// text and a form's text (HTML's own and obsolete elements), styles that keep spaces, SVG
/// or XML text that keeps them, and raw template text (where `{%` is not a tag).
const SPACES_SHOW: &[&str] = &[
    "<pre",
    "<textarea",
    "<listing",
    "<xmp",
    "<plaintext",
    "white-space",
    "xml:space",
    "endraw",
];

/// Whether spaces may show where one of `templates` writes them (see `SPACES_SHOW`), or a
/// script or style of one spans lines (a string continued with `\`, a template literal).
pub fn whitespace_shows<'a>(mut templates: impl Iterator<Item = &'a str>) -> bool {
    templates.any(|source| {
        let lower = source.to_ascii_lowercase();
        SPACES_SHOW.iter().any(|word| lower.contains(word))
            || spans_lines(&lower, "<script", "</script")
            || spans_lines(&lower, "<style", "</style")
            || from_data(&lower)
    })
}

/// Whether an element's name, or a style, comes from Tera: `<{{ tag }}>` or
/// `style="{{ style }}"` may be `pre` or `white-space: pre` once rendered.
fn from_data(lower: &str) -> bool {
    let tera = |text: &str| text.contains("{{") || text.contains("{%");
    lower.contains("<{{")
        || lower.contains("<{%")
        || lower.split("style=").skip(1).any(|rest| {
            let value = match rest.chars().next() {
                Some(quote @ ('"' | '\'')) => rest[1..].split(quote).next().unwrap_or(""),
                _ => rest
                    .split(|c: char| c.is_whitespace() || c == '>')
                    .next()
                    .unwrap_or(""),
            };
            tera(value)
        })
}

/// Whether an element `open … close` of `lower` holds a line break.
fn spans_lines(lower: &str, open: &str, close: &str) -> bool {
    lower.split(open).skip(1).any(|element| {
        let end = element.find(close).unwrap_or(element.len());
        element[..end].contains('\n')
    })
}

/// `source` with its indentation dropped where a line starts in text.
pub fn compact(source: &str) -> Compacted {
    let mut text = String::with_capacity(source.len());
    let mut lines = Vec::new();
    let mut scan = Scan::default();
    for (index, line) in source.split('\n').enumerate() {
        let mut kept = line;
        // The first line has no line break before it: its spaces may be all that parts it
        // from what an including template printed just before.
        if index > 0 {
            text.push('\n');
            if scan.in_text() {
                kept = line.trim_start_matches([' ', '\t']);
            }
        }
        text.push_str(kept);
        lines.push(LineEdit {
            dropped: line.len() - kept.len(),
        });
        scan.line(line);
    }
    Compacted { text, lines }
}

/// Where a template stands at the end of a line: inside a Tera tag, expression or comment
/// (and a string in it), or in HTML, inside a tag (and a quoted attribute value).
#[derive(Default)]
struct Scan {
    /// The closing delimiter of the open Tera tag, expression or comment.
    tera: Option<&'static str>,
    /// The quote of an open Tera string.
    tera_quote: Option<u8>,
    /// Inside an HTML tag (`<a …`).
    html_tag: bool,
    /// The quote of an open attribute value.
    html_quote: Option<u8>,
}

impl Scan {
    fn in_text(&self) -> bool {
        self.tera.is_none() && self.html_quote.is_none()
    }

    fn line(&mut self, line: &str) {
        const TERA: [(&[u8], &str); 3] = [(b"{{", "}}"), (b"{%", "%}"), (b"{#", "#}")];
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let byte = bytes[i];
            i += 1;
            if let Some(close) = self.tera {
                match self.tera_quote {
                    Some(quote) if byte == quote => self.tera_quote = None,
                    // An escaped character (`"\""`) does not end the string.
                    Some(_) if byte == b'\\' => i += 1,
                    Some(_) => {}
                    // A comment has no strings: its quotes are words.
                    None if matches!(byte, b'"' | b'\'' | b'`') && close != "#}" => {
                        self.tera_quote = Some(byte)
                    }
                    None if rest.starts_with(close.as_bytes()) => {
                        self.tera = None;
                        i += 1;
                    }
                    None => {}
                }
            } else if let Some(&(_, close)) = TERA.iter().find(|(open, _)| rest.starts_with(open)) {
                self.tera = Some(close);
                i += 1;
            } else {
                self.html(byte, bytes.get(i).copied());
            }
        }
    }

    /// One byte of HTML text, with the byte after it.
    fn html(&mut self, byte: u8, next: Option<u8>) {
        match (self.html_tag, self.html_quote) {
            (true, Some(quote)) if byte == quote => self.html_quote = None,
            (true, Some(_)) => {}
            (true, None) if matches!(byte, b'"' | b'\'') => self.html_quote = Some(byte),
            (true, None) if byte == b'>' => self.html_tag = false,
            (false, _) if byte == b'<' => {
                // A tag's name may come from Tera (`<{{ tag }}`).
                self.html_tag =
                    next.is_some_and(|n| n.is_ascii_alphabetic() || n == b'/' || n == b'{')
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{LineEdit, compact, whitespace_shows};

    fn text(source: &str) -> String {
        compact(source).text
    }

    #[test]
    fn indentation_goes_and_line_breaks_stay() {
        assert_eq!(
            text("<ul>\n  <li>a</li>\n\t\t<li>{{ b }}</li>\n  {% if c %}\n</ul>\n"),
            "<ul>\n<li>a</li>\n<li>{{ b }}</li>\n{% if c %}\n</ul>\n"
        );
        // Between attributes, outside their values, spaces are only spaces.
        assert_eq!(text("<a\n    href=\"x\">"), "<a\nhref=\"x\">");
    }

    #[test]
    fn the_first_line_keeps_its_spaces() {
        // An included partial: its leading spaces part it from what came before the include.
        assert_eq!(text("  <b>x</b>\n  <i>y</i>"), "  <b>x</b>\n<i>y</i>");
    }

    #[test]
    fn lines_inside_a_tag_expression_comment_or_string_are_kept() {
        let source =
            "{{ macro(a=\"x\n   y\") }}\n  <p>\n{% set a = [\n    1] %}\n  {#\n  note\n  #}";
        assert_eq!(
            text(source),
            "{{ macro(a=\"x\n   y\") }}\n<p>\n{% set a = [\n    1] %}\n{#\n  note\n  #}"
        );
        // A closing delimiter inside a string does not close the tag.
        let source = "{% set note = \"50%} off,\n      really\" %}{{ note }}\n  <p>";
        assert_eq!(
            text(source),
            "{% set note = \"50%} off,\n      really\" %}{{ note }}\n<p>"
        );
        // An escaped quote does not end a string.
        let source =
            "{{ a | replace(from=\"\\\"\", to=\"\") }}\n<input title=\"{{ b }}\n    {{ c }}\">";
        assert_eq!(text(source), source);
        // A quote in a comment is a word, not a string.
        assert_eq!(text("{# it's #}\n  <p>"), "{# it's #}\n<p>");
    }

    #[test]
    fn lines_inside_an_attribute_value_are_kept() {
        // A placeholder drops line breaks: without its spaces, the two words would join.
        let source = "<input placeholder=\"{{ 'search' | t }}\n        {{ site.title }}\">\n  <p>";
        assert_eq!(
            text(source),
            "<input placeholder=\"{{ 'search' | t }}\n        {{ site.title }}\">\n<p>"
        );
        let source = "<{{ tag }} title=\"a\n    b\">";
        assert_eq!(text(source), source);
        let source = "<a title='It\n  is'>\n  <p>it's</p>\n  <b>";
        assert_eq!(text(source), "<a title='It\n  is'>\n<p>it's</p>\n<b>");
    }

    #[test]
    fn any_template_where_spaces_show_keeps_them_all_as_written() {
        for source in [
            "<pre>\n  a\n</pre>",
            "<PRE>{% block code %}{% endblock %}</PRE>",
            "<textarea>\n  a</textarea>",
            "<p style=\"white-space: pre\">\n  a</p>",
            "<svg><text xml:space=\"preserve\">a</text></svg>",
            "{% raw %}\n  {{ a }}\n{% endraw %}",
            "<script>let a = `\n  b`;</script>",
            "<script>\n  let a = 'x\\\n  y';\n</script>",
            "<style>\n  .a::after { content: 'x\\\n  y' }\n</style>",
            // An element or a style that comes from data may be `pre` once rendered.
            "<{{ site.extra.tag }}>{{ entry.card }}</{{ site.extra.tag }}>",
            "<p style=\"{{ site.extra.style }}\">",
            "<p STYLE='color: {% if a %}red{% endif %}'>",
            "<p style={{ s }}>",
        ] {
            assert!(
                whitespace_shows(["<p>\n  plain</p>", source].into_iter()),
                "{source}"
            );
        }
        // One-line scripts, a backtick outside a script, a style of the template's own and
        // other attributes from data are no reason.
        assert!(!whitespace_shows(
            [
                "{# `x` #}\n  <p>\n<script src=\"a.js\"></script>",
                "<p style=\"color: red\" class=\"{{ c }}\">{{ x }}</p>",
            ]
            .into_iter()
        ));
    }

    #[test]
    fn a_template_error_names_the_column_of_the_template_as_written() {
        use std::collections::BTreeMap;
        let source = "<p>\n      {{ x | no_such_filter }}</p>";
        let named = |text: &str| BTreeMap::from([("t.html".to_string(), text.to_string())]);
        let diagnose = |text: &str, edits: &BTreeMap<String, Vec<LineEdit>>| {
            let mut tera = tera::Tera::new();
            let error = tera
                .add_raw_templates([("t.html", text)])
                .expect_err("an unknown filter");
            let found = crate::render::template_diagnostics(
                &error,
                &named("t.html"),
                &named(source),
                edits,
            );
            (found[0].line, found[0].col)
        };
        let compacted = compact(source);
        let edits = BTreeMap::from([("t.html".to_string(), compacted.lines)]);
        let as_written = diagnose(source, &BTreeMap::new());
        assert_eq!(diagnose(&compacted.text, &edits), as_written);
        assert_eq!(as_written.0, 2);
        assert!(as_written.1 > 7, "{as_written:?}");
    }

    #[test]
    fn columns_map_back_to_the_template_as_written() {
        let compacted = compact("a\n    <p>{{ x | bad }}</p>");
        let [first, second] = compacted.lines[..] else {
            panic!("two lines")
        };
        assert_eq!(first, LineEdit::default());
        // `{{` is at column 4 of "<p>{{ x…" and at column 8 of the line as written.
        assert_eq!(second.source_col(4), 8);
    }
}
