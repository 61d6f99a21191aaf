//! Templates and theme files: root-relative URLs written by hand that skip the base path of
//! a project site, and static files of the site that replace the theme's own (one rule in a
//! site's `static/style.css` wipes out the theme's whole stylesheet).

use crate::diagnostics::Diagnostic;
use crate::render::{CUSTOM_CSS, Theme};

/// A URL written from the site root in a template: line, column (1-based) and the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RootRelative {
    pub line: usize,
    pub col: usize,
    /// As written: `href="/archive/"`, `url('/img/x.png')`.
    pub written: String,
    /// The URL itself: `/archive/`.
    pub url: String,
}

/// Root-relative URLs written by hand in a template (`href="/…"`, `src="/…"`,
/// `action="/…"`, CSS `url(/…)`): they skip the `url` helper, so they miss the base path
/// of a site served under one. Protocol-relative `//host` URLs and values that start with
/// a Tera expression are not flagged.
pub fn root_relative_urls(template: &str) -> Vec<RootRelative> {
    let mut found = Vec::new();
    for (index, line) in template.lines().enumerate() {
        for (start, _) in line.char_indices() {
            let rest = &line[start..];
            let value_at = ["href=", "src=", "action="]
                .iter()
                .find(|attr| rest.starts_with(*attr))
                .filter(|_| {
                    line[..start]
                        .chars()
                        .next_back()
                        .is_none_or(char::is_whitespace)
                })
                .map(|attr| attr.len())
                .or_else(|| rest.starts_with("url(").then_some(4));
            let Some(value_at) = value_at else { continue };
            let value = &rest[value_at..];
            let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'');
            let url_text = &value[quote.map_or(0, char::len_utf8)..];
            if !url_text.starts_with('/') || url_text.starts_with("//") {
                continue;
            }
            let end = match quote {
                Some(q) => url_text.find(q),
                None => url_text.find(|c: char| c.is_whitespace() || c == '>' || c == ')'),
            }
            .unwrap_or(url_text.len());
            let url = &url_text[..end];
            let mut written_end = value_at + quote.map_or(0, char::len_utf8) + end;
            let closing = quote
                .into_iter()
                .chain(rest.starts_with("url(").then_some(')'));
            for c in closing {
                if rest[written_end..].starts_with(c) {
                    written_end += c.len_utf8();
                }
            }
            let written = rest[..written_end].to_string();
            found.push(RootRelative {
                line: index + 1,
                col: line[..start].chars().count() + 1,
                written,
                url: url.to_string(),
            });
        }
    }
    found
}

pub(super) fn check_templates(theme: &Theme, out: &mut Vec<Diagnostic>) {
    for (name, source) in &theme.template_sources {
        let Some(file) = theme.template_files.get(name) else {
            continue;
        };
        // The built-in theme is not the site's to fix (and is checked by sitrep's tests).
        if file.starts_with("(built-in)") {
            continue;
        }
        for found in root_relative_urls(source) {
            let path = if found.url.contains('{') {
                "/...".to_string()
            } else {
                found.url.clone()
            };
            out.push(
                Diagnostic::warning(
                    file,
                    found.line,
                    found.col,
                    format!(
                        "`{}` is written from the site root and skips the base path, so it breaks on a site served under a path",
                        found.written
                    ),
                )
                .with_source_line(source)
                .with_hint(format!("use `{{{{ url(path='{path}') }}}}`")),
            );
        }
    }
}

/// A site's static file at the path of one of the theme's replaces it whole: a warning naming
/// both, pointing a stylesheet at the slot for additions (`static/custom.css`).
pub(super) fn check_static_overrides(theme: &Theme, out: &mut Vec<Diagnostic>) {
    for o in &theme.static_overrides {
        let theme_file = o.theme_file.trim_start_matches("(built-in) ");
        let d = if o.path.ends_with(".css") {
            Diagnostic::warning(
                &o.site_file,
                0,
                0,
                format!(
                    "{} replaces the theme's {theme_file}: the site publishes yours instead, without any of the theme's rules",
                    o.site_file
                ),
            )
            .with_hint(format!(
                "to add rules to the theme's design, put them in static/{CUSTOM_CSS} instead (the default theme links it after its own stylesheet) and delete {}; keep it only to replace the theme's stylesheet on purpose",
                o.site_file
            ))
        } else {
            Diagnostic::warning(
                &o.site_file,
                0,
                0,
                format!("{} replaces the theme's {theme_file}", o.site_file),
            )
            .with_hint(format!(
                "give it another name to publish it beside the theme's file; to restyle the theme, use static/{CUSTOM_CSS}, which the default theme links after its own stylesheet"
            ))
        };
        out.push(d);
    }
}

/// A language in use (the site's, or a briefing's) that the theme has no words for shows
/// English words and month names: one warning per language, where it is first set.
pub(super) fn check_languages<'a>(
    theme: &Theme,
    site_language: &str,
    briefings: impl IntoIterator<Item = &'a crate::content::Briefing>,
    out: &mut Vec<Diagnostic>,
) {
    if theme.translations.is_empty() {
        return; // a theme without i18n/ files writes its words into its templates
    }
    let mut seen: Vec<&str> = Vec::new();
    let uses = std::iter::once((site_language, crate::config::CONFIG_FILE.to_string())).chain(
        briefings.into_iter().map(|b| {
            (
                b.language.as_str(),
                b.source_path.to_string_lossy().replace('\\', "/"),
            )
        }),
    );
    for (language, file) in uses {
        if seen.contains(&language) || theme.translations.has_language(language) {
            continue;
        }
        seen.push(language);
        out.push(
            Diagnostic::warning(
                file,
                0,
                0,
                format!("the theme has no words for `{language}`: its interface words and month names show in English"),
            )
            .with_hint(format!(
                "add i18n/{language}.yaml to the site: copy themes/default/i18n/en.yaml and translate it (docs/templates.md, \"Languages\")"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_flag_root_relative_urls_only() {
        let template = "<link href=\"/style.css\">\n\
            <a href=\"{{ url(path='/') }}\">x</a> <a data-href=\"/no\">\n\
            <img src='/img/a.png'> <script src=\"//cdn.example/x.js\"></script>\n\
            <form action=\"/search/\"><div style=\"background: url(/bg.png)\">\n\
            <a href=\"https://e.org/\">e</a> <a href=\"/{{ page.slug }}/\">p</a>\n";
        let found: Vec<(usize, usize, String, String)> = root_relative_urls(template)
            .into_iter()
            .map(|f| (f.line, f.col, f.written, f.url))
            .collect();
        assert_eq!(
            found,
            [
                (1, 7, "href=\"/style.css\"".into(), "/style.css".into()),
                (3, 6, "src='/img/a.png'".into(), "/img/a.png".into()),
                (4, 7, "action=\"/search/\"".into(), "/search/".into()),
                (4, 49, "url(/bg.png)".into(), "/bg.png".into()),
                (
                    5,
                    35,
                    "href=\"/{{ page.slug }}/\"".into(),
                    "/{{ page.slug }}/".into()
                ),
            ]
        );
    }
}
