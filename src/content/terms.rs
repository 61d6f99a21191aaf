//! The taxonomy terms of a briefing's front matter (`tags: [nato, peace-talks]`): the names
//! as written, their URL slugs, where each name is in the file, and the mistakes an editor
//! makes writing them (a name with no slug, a comma-separated line meant as a list).

use std::path::Path;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::slug::slugify_in;
use crate::yaml::Entry;

/// Slugs in the briefing's language: Ukrainian names follow Ukraine's national system.
pub(super) fn term_slugs(
    terms: &[Vec<String>],
    config: &Config,
    language: &str,
) -> Vec<Vec<String>> {
    terms
        .iter()
        .zip(&config.taxonomies)
        .map(|(names, taxonomy)| {
            names
                .iter()
                .map(|name| {
                    taxonomy
                        .slugs
                        .get(name)
                        .cloned()
                        .unwrap_or_else(|| slugify_in(name, language))
                })
                .collect()
        })
        .collect()
}

/// A term whose name gives no URL slug (`"!!!"`, a script the transliteration does not
/// know) is an error at the name, reported with the file's other problems.
pub(super) fn unusable_term_slugs(
    path: &Path,
    text: &str,
    (terms, term_lines): (&[Vec<String>], &[usize]),
    term_slugs: &[Vec<String>],
    config: &Config,
    findings: &mut Vec<Diagnostic>,
) {
    for (t, taxonomy) in config.taxonomies.iter().enumerate() {
        for (name, slug) in terms[t].iter().zip(&term_slugs[t]) {
            if slug.is_empty() {
                let (line, col) = term_position(text, term_lines[t], name);
                findings.push(
                    Diagnostic::error(
                        path,
                        line,
                        col,
                        format!("`{name}` in `{}` cannot be turned into a URL", taxonomy.name),
                    )
                    .with_source_line(text)
                    .with_hint(format!(
                        "add a slug for it in site.yaml: under `taxonomies:`, `- name: {}` with `slugs: {{ \"{name}\": some-slug }}`",
                        taxonomy.name
                    )),
                );
            }
        }
    }
    findings.sort_by_key(|d| (d.line, d.col));
}

/// A term list; a single value is accepted as a one-term list.
pub(super) fn parse_terms(entry: &Entry) -> Result<Vec<String>, String> {
    if entry.value.is_null() {
        return Ok(Vec::new());
    }
    let items = match entry.value.as_sequence() {
        Some(items) => items,
        None => vec![entry.value.clone()],
    };
    let mut terms: Vec<String> = Vec::with_capacity(items.len());
    for item in &items {
        let text = item.as_scalar_text().ok_or_else(|| {
            format!(
                "`{}` must be a list of names, like `[peace-talks, nato]`; found {} in it",
                entry.key,
                item.kind()
            )
        })?;
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return Err(format!("`{}` has an empty name", entry.key));
        }
        if !terms.contains(&text) {
            terms.push(text);
        }
    }
    Ok(terms)
}

/// `regions: Kharkiv Oblast, Kharkiv` is one name to YAML, "Kharkiv Oblast, Kharkiv", and
/// would publish as one made-up term: an editor who writes it nearly always means two. A
/// warning at the name; a list (`["Korea, North"]`) says a comma is meant.
pub(super) fn comma_separated_names(
    entry: &Entry,
    terms: &[String],
    (path, file_text, key_line): (&Path, &str, usize),
) -> Option<Diagnostic> {
    let [name] = terms else { return None };
    if entry.value.as_sequence().is_some() || !name.contains(',') {
        return None;
    }
    let (line, col) = term_position(file_text, key_line, name);
    let names: Vec<&str> = name
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    Some(
        Diagnostic::warning(
            path,
            line,
            col,
            format!(
                "`{}` is one name with a comma in it, not {} names",
                entry.key,
                names.len()
            ),
        )
        .with_source_line(file_text)
        .with_hint(format!(
            "for several, write a list: `{}: [{}]`; for one name with a comma, put it in brackets and quotes: `{}: [\"{name}\"]`",
            entry.key,
            names.join(", "),
            entry.key
        ))
        .with_rule("front matter"),
    )
}

/// Line and column of `name` in the taxonomy list that starts on `key_line` (its key's line).
pub fn term_position(text: &str, key_line: usize, name: &str) -> (usize, usize) {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-');
    for (index, line) in text.lines().enumerate().skip(key_line.saturating_sub(1)) {
        if index + 1 > key_line && !line.starts_with([' ', '\t', '-']) {
            break;
        }
        let search_from = if index + 1 == key_line {
            line.find(':').map_or(0, |i| i + 1)
        } else {
            0
        };
        let mut from = search_from;
        while let Some(found) = line[from..].find(name) {
            let start = from + found;
            let end = start + name.len();
            if !is_word(line[..start].chars().next_back()) && !is_word(line[end..].chars().next()) {
                return (index + 1, line[..start].chars().count() + 1);
            }
            from = end;
        }
    }
    (key_line, usize::from(key_line > 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_positions_find_the_whole_name() {
        let text = "---\ntags: [nato-summit, nato]\nregions:\n  - Kyiv\n---\n";
        assert_eq!(term_position(text, 2, "nato"), (2, 21));
        assert_eq!(term_position(text, 3, "Kyiv"), (4, 5));
        assert_eq!(term_position(text, 3, "Lviv"), (3, 1));
    }
}
