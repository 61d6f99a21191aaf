//! The default theme's templates without their indentation. They are indented for people
//! reading them; HTML collapses a line break and the spaces after it into one space, so the
//! indentation only adds bytes: about 5% of a site's HTML, and a desk on GitHub Pages has
//! 1 GB for its whole site. A site's own templates are output as written.
//!
//! Only a line's leading spaces and tabs go. Its line break stays, so what stood on either
//! side of the line break stays apart: the output differs from the template as written only
//! in how long a run of whitespace is, never in where there is one. Lines are never added or
//! removed, so a template error's line number stays right; its column is mapped back with
//! [`LineEdit::source_col`].
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

/// Words that make whitespace matter where a template writes it: preformatted text, a form's
/// text, a style that keeps spaces, and raw template text (where `{%` is not a tag). A
/// template with any of them, or with a script holding a JavaScript template literal, is
/// kept as written.
const KEEP_AS_WRITTEN: &[&str] = &["<pre", "<textarea", "white-space", "endraw"];

/// `source` compacted, or None when it must be kept as written (see `KEEP_AS_WRITTEN`).
pub fn compact(source: &str) -> Option<Compacted> {
    if KEEP_AS_WRITTEN.iter().any(|word| source.contains(word)) || script_literal(source) {
        return None;
    }
    let mut text = String::with_capacity(source.len());
    let mut lines = Vec::new();
    // The closing delimiter of a tag, expression or comment still open at a line's start:
    // whitespace inside one may be inside a string, so such a line is kept as written.
    let mut open: Option<&str> = None;
    for (index, line) in source.split('\n').enumerate() {
        let mut kept = line;
        // The first line has no line break before it: its spaces may be all that parts it
        // from what an including template printed just before.
        if index > 0 {
            text.push('\n');
            if open.is_none() {
                kept = line.trim_start_matches([' ', '\t']);
            }
        }
        text.push_str(kept);
        lines.push(LineEdit {
            dropped: line.len() - kept.len(),
        });
        open = still_open(line, open);
    }
    Some(Compacted { text, lines })
}

/// Whether a `<script>` of `source` holds a backtick: a template literal keeps its spaces.
fn script_literal(source: &str) -> bool {
    source.split("<script").skip(1).any(|script| {
        let end = script.find("</script").unwrap_or(script.len());
        script[..end].contains('`')
    })
}

/// Whether a tag, expression or comment is still open at the end of `line`, given the one
/// open at its start: the closing delimiter to look for on the next line.
fn still_open<'a>(line: &str, mut open: Option<&'a str>) -> Option<&'a str> {
    const PAIRS: [(&str, &str); 3] = [("{{", "}}"), ("{%", "%}"), ("{#", "#}")];
    let mut rest = line;
    loop {
        match open {
            Some(close) => match rest.find(close) {
                Some(at) => {
                    rest = &rest[at + close.len()..];
                    open = None;
                }
                None => return open,
            },
            None => {
                let next = PAIRS
                    .iter()
                    .filter_map(|&(start, close)| rest.find(start).map(|at| (at, start, close)))
                    .min_by_key(|&(at, ..)| at);
                match next {
                    Some((at, start, close)) => {
                        rest = &rest[at + start.len()..];
                        open = Some(close);
                    }
                    None => return None,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{LineEdit, compact};

    fn text(source: &str) -> String {
        compact(source).expect("compacted").text
    }

    #[test]
    fn indentation_goes_and_line_breaks_stay() {
        assert_eq!(
            text("<ul>\n  <li>a</li>\n\t\t<li>{{ b }}</li>\n  {% if c %}\n</ul>\n"),
            "<ul>\n<li>a</li>\n<li>{{ b }}</li>\n{% if c %}\n</ul>\n"
        );
    }

    #[test]
    fn the_first_line_keeps_its_spaces() {
        // An included partial: its leading spaces part it from what came before the include.
        assert_eq!(text("  <b>x</b>\n  <i>y</i>"), "  <b>x</b>\n<i>y</i>");
    }

    #[test]
    fn lines_inside_a_tag_expression_or_comment_are_kept() {
        let source =
            "{{ macro(a=\"x\n   y\") }}\n  <p>\n{% set a = [\n    1] %}\n  {#\n  note\n  #}";
        assert_eq!(
            text(source),
            "{{ macro(a=\"x\n   y\") }}\n<p>\n{% set a = [\n    1] %}\n{#\n  note\n  #}"
        );
    }

    #[test]
    fn templates_where_whitespace_shows_are_kept_as_written() {
        for source in [
            "<pre>\n  a\n</pre>",
            "<textarea>\n  a</textarea>",
            "<p style=\"white-space: pre\">\n  a</p>",
            "{% raw %}\n  {{ a }}\n{% endraw %}",
            "<script>let a = `\n  b`;</script>",
        ] {
            assert_eq!(compact(source), None, "{source}");
        }
        // A backtick outside a script (in a comment, say) is no reason.
        assert!(compact("{# `x` #}\n  <p>\n<script src=\"a.js\"></script>").is_some());
    }

    #[test]
    fn columns_map_back_to_the_template_as_written() {
        let compacted = compact("a\n    <p>{{ x | bad }}</p>").expect("compacted");
        let [first, second] = compacted.lines[..] else {
            panic!("two lines")
        };
        assert_eq!(first, LineEdit::default());
        // `{{` is at column 4 of "<p>{{ x…" and at column 8 of the line as written.
        assert_eq!(second.source_col(4), 8);
    }
}
