//! Tera errors as editor-facing diagnostics: the template's file, line and column.

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostic;

use super::compact::LineEdit;

/// A Tera error as editor-facing diagnostics: the template's file, line and column.
pub fn template_diagnostics(
    error: &tera::Error,
    files: &BTreeMap<String, String>,
    sources: &BTreeMap<String, String>,
    edits: &BTreeMap<String, Vec<LineEdit>>,
) -> Vec<Diagnostic> {
    let mut found = template_diagnostics_inner(error, files, sources, edits);
    crate::diagnostics::set_rule(&mut found, "templates");
    found
}

fn template_diagnostics_inner(
    error: &tera::Error,
    files: &BTreeMap<String, String>,
    sources: &BTreeMap<String, String>,
    edits: &BTreeMap<String, Vec<LineEdit>>,
) -> Vec<Diagnostic> {
    use std::error::Error as _;
    let file_of = |name: &str| {
        files
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("template {name}"))
    };
    let at = |name: &str, line: usize, col: usize, message: &str| {
        // Tera counts columns in the template it parsed, which may be compacted.
        let col = match edits
            .get(name)
            .and_then(|lines| lines.get(line.checked_sub(1)?))
        {
            Some(edit) if col > 0 => edit.source_col(col),
            _ => col,
        };
        let mut d = Diagnostic::error(
            file_of(name),
            line,
            col,
            format!("template error: {message}"),
        );
        if let Some(source) = sources.get(name) {
            d = d.with_source_line(source);
        }
        d
    };
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            let mut d = at(
                report.filename(),
                span.start_line,
                span.start_col + 1,
                report.message(),
            );
            // Tera reports an unclosed `{% if %}` as an unknown tag at the next `{% end… %}`
            // (or the end of the file): name the tag that was left open instead.
            if let Some(source) = sources.get(report.filename())
                && let Some((tag, line)) = unclosed_tag(source, span.start_line)
            {
                d = d.with_hint(format!(
                    "the `{{% {tag} %}}` on line {line} is never closed: add `{{% end{tag} %}}` where it should end"
                ));
            }
            vec![d]
        }
        tera::ErrorKind::MissingParent { current, parent } => {
            vec![Diagnostic::error(
                file_of(current),
                0,
                0,
                format!("template error: it extends `{parent}`, which does not exist"),
            )]
        }
        tera::ErrorKind::TemplateNotFound(name) => {
            vec![Diagnostic::error(
                "templates",
                0,
                0,
                format!("template error: template `{name}` not found"),
            )]
        }
        // Tera reports unknown filters, functions, tests and includes as ready-made reports
        // in one message; take them apart so each points at its own file and line.
        tera::ErrorKind::Msg(message) if message.starts_with("error: ") => message
            .split("\n\nerror: ")
            .map(|report| {
                let report = report.strip_prefix("error: ").unwrap_or(report);
                let text = report.lines().next().unwrap_or_default();
                let location = report
                    .lines()
                    .find_map(|l| l.trim_start().strip_prefix("--> "));
                match location.and_then(parse_location) {
                    Some((name, line, col)) => at(name, line, col, text),
                    None => Diagnostic::error("templates", 0, 0, format!("template error: {text}")),
                }
            })
            .collect(),
        other => {
            let mut message = format!("template error: {other}");
            let mut source = error.source();
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            vec![Diagnostic::error("templates", 0, 0, message)]
        }
    }
}

/// `name.html:5:17` → (`name.html`, 5, 17).
pub(super) fn parse_location(text: &str) -> Option<(&str, usize, usize)> {
    let mut parts = text.trim().rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?, line, col))
}

/// The innermost block tag (`if`, `for`, `block`…) opened before `line` that is still open
/// at the end of that line, with the line it opened on. Tags are matched by a stack, as the
/// template language nests them; `{% raw %}` content and comments are skipped.
pub(super) fn unclosed_tag(source: &str, line: usize) -> Option<(&'static str, usize)> {
    const BLOCKS: [&str; 6] = ["if", "for", "block", "filter", "macro", "component"];
    let mut open: Vec<(&'static str, usize)> = Vec::new();
    let mut rest = source;
    let mut offset = 0;
    while let Some(start) = rest.find("{%") {
        let tag_start = offset + start;
        let tag_line = source[..tag_start].matches('\n').count() + 1;
        let Some(end) = rest[start..].find("%}") else {
            break;
        };
        let inner = rest[start + 2..start + end].trim_matches(['-', ' ', '\n', '\t', '\r']);
        let word = inner.split_whitespace().next().unwrap_or("");
        if tag_line > line {
            break;
        }
        if let Some(kind) = BLOCKS.iter().find(|b| **b == word) {
            // A one-line `{% set x = … %}` is not a block; `{% block %}` always is.
            open.push((kind, tag_line));
        } else if let Some(closed) = word.strip_prefix("end") {
            if open.last().is_some_and(|(kind, _)| *kind == closed) {
                open.pop();
            } else if tag_line == line {
                // The mismatched end tag the error points at.
                break;
            }
        }
        offset += start + end + 2;
        rest = &source[offset..];
    }
    open.pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_tag_is_found_by_its_opening_line() {
        let source = "{% extends \"base.html\" %}\n{% block content %}\n{% if page.title %}\n<p>x</p>\n{% endblock content %}\n";
        assert_eq!(unclosed_tag(source, 5), Some(("if", 3)));
        let closed = "{% block content %}\n{% for x in y %}{{ x }}{% endfor %}\n{% endblock %}\n";
        assert_eq!(unclosed_tag(closed, 3), None);
        let at_end = "{% block content %}\n{% for x in y %}\n";
        assert_eq!(unclosed_tag(at_end, 2), Some(("for", 2)));
    }
}
