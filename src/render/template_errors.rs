//! Tera errors as editor-facing diagnostics: the template's file, line and column.

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostic;

/// A Tera error as editor-facing diagnostics: the template's file, line and column.
pub fn template_diagnostics(
    error: &tera::Error,
    files: &BTreeMap<String, String>,
    sources: &BTreeMap<String, String>,
) -> Vec<Diagnostic> {
    use std::error::Error as _;
    let file_of = |name: &str| {
        files
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("template {name}"))
    };
    let at = |name: &str, line: usize, col: usize, message: &str| {
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
            vec![at(
                report.filename(),
                span.start_line,
                span.start_col + 1,
                report.message(),
            )]
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
