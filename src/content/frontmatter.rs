//! Splitting a briefing file into front matter and body, and validating the front matter
//! into typed fields. Every problem becomes a diagnostic at the line of the .md file
//! (YAML positions are shifted by the front matter's offset), and all of them are kept.

use std::path::Path;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::slug::check_slug;
use crate::yaml::{self, Entry};

use super::dates::{DATE_FORMS, DateValue, parse_date};

/// The two parts of a briefing file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// File line (1-based) of the first front-matter line.
    pub yaml_first_line: usize,
    pub body: &'a str,
}

/// Finds the front matter between a first `---` line and the next `---` line.
pub fn split_front_matter<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(path, 1, 1, "this briefing does not start with front matter")
            .with_hint("the first line must be `---`, followed by `title:`, `date:` and the other fields, then a closing `---` line")
            .with_source_line(text));
    }
    let start = first.len();
    let mut offset = start;
    for line in lines {
        if line.trim_end() == "---" {
            return Ok(Split {
                yaml: &text[start..offset],
                yaml_first_line: 2,
                body: &text[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(path, 1, 1, "the front matter opened on line 1 is never closed")
        .with_hint("add a line with only `---` after the last front-matter field, before the text of the briefing")
        .with_source_line(text))
}

/// The status of a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Developing,
    Ongoing,
    Resolved,
}

impl Status {
    pub const ALL: [&'static str; 3] = ["developing", "ongoing", "resolved"];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Developing => "developing",
            Status::Ongoing => "ongoing",
            Status::Resolved => "resolved",
        }
    }
}

/// A cited source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub title: String,
    pub url: String,
    pub publisher: Option<String>,
    /// File line of the source's entry, for later checks that point at it.
    pub line: usize,
}

/// Validated front matter.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub title: String,
    pub date: DateValue,
    pub updated: Option<DateValue>,
    pub summary: Option<String>,
    /// Term display names per declared taxonomy, in config order.
    pub terms: Vec<Vec<String>>,
    /// File line of each taxonomy's key, 0 when absent.
    pub term_lines: Vec<usize>,
    pub status: Option<Status>,
    pub sources: Vec<Source>,
    pub draft: bool,
    pub slug: Option<String>,
    /// File line of `slug:`, 0 when the slug comes from the file name.
    pub slug_line: usize,
    /// Old site paths that redirect here.
    pub aliases: Vec<String>,
    /// Line of the `aliases:` key, 0 when absent.
    pub aliases_line: usize,
    /// Not published before this moment.
    pub publish_at: Option<DateValue>,
    pub extra: serde_json::Value,
}

const FIELDS: &[&str] = crate::config::RESERVED_FRONT_MATTER_KEYS;
const SOURCE_FIELDS: &[&str] = &["title", "url", "publisher"];

/// Parses and validates the front matter of the file at `path` (relative, for messages).
pub fn parse_front_matter(
    path: &Path,
    file_text: &str,
    split: &Split,
    config: &Config,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let offset = split.yaml_first_line - 1;
    let at = |line: usize, col: usize, message: String| {
        Diagnostic::error(path, line, col, message).with_source_line(file_text)
    };
    // The yaml module words its errors for editors and points at the line to fix.
    let entries = yaml::parse_mapping(split.yaml).map_err(|e| {
        let hint = e.hint.unwrap_or_else(|| {
            "check the indentation, and put text containing `: ` or starting with `[`, `{`, `*`, `&` or `!` in quotes".into()
        });
        vec![at(e.line + offset, e.col, e.message).with_hint(hint)]
    })?;

    let mut errors = Vec::new();
    let mut title = None;
    let mut date = None;
    let mut fm = FrontMatter {
        title: String::new(),
        date: parse_date("1970-01-01").expect("valid"),
        updated: None,
        summary: None,
        terms: vec![Vec::new(); config.taxonomies.len()],
        term_lines: vec![0; config.taxonomies.len()],
        status: None,
        sources: Vec::new(),
        draft: false,
        slug: None,
        slug_line: 0,
        aliases: Vec::new(),
        aliases_line: 0,
        publish_at: None,
        extra: serde_json::Value::Null,
    };
    let known: Vec<&str> = FIELDS
        .iter()
        .copied()
        .chain(config.taxonomies.iter().map(|t| t.name.as_str()))
        .collect();

    for entry in &entries {
        let line = entry.line + offset;
        let field = |message: String| at(line, 1, message);
        let result: Result<(), Diagnostic> = match entry.key.as_str() {
            "title" => non_empty_text(entry)
                .map(|t| title = Some(t))
                .map_err(field),
            "date" => date_value(entry)
                .map(|d| date = Some(d))
                .map_err(|m| field(m).with_hint(DATE_FORMS)),
            "updated" => date_value(entry)
                .map(|d| fm.updated = Some(d))
                .map_err(|m| field(m).with_hint(DATE_FORMS)),
            "summary" => non_empty_text(entry)
                .map(|s| fm.summary = Some(s))
                .map_err(field),
            "aliases" => parse_aliases(entry)
                .map(|aliases| {
                    fm.aliases = aliases;
                    fm.aliases_line = line;
                })
                .map_err(|(message, hint)| field(message).with_hint(hint)),
            "publish_at" => date_value(entry)
                .map(|d| fm.publish_at = Some(d))
                .map_err(|m| field(m).with_hint(DATE_FORMS)),
            "status" => parse_status(entry)
                .map(|s| fm.status = Some(s))
                .map_err(|(m, hint)| field(m).with_hint(hint)),
            "draft" => entry
                .value
                .decode::<bool>()
                .map(|d| fm.draft = d)
                .map_err(|_| {
                    field(format!(
                        "`draft` must be true or false, found {}",
                        entry.value.kind()
                    ))
                    .with_hint("write `draft: true` to keep it unpublished, or remove the line")
                }),
            "slug" => parse_slug(entry)
                .map(|s| {
                    fm.slug = Some(s);
                    fm.slug_line = line;
                })
                .map_err(|(message, hint)| field(message).with_hint(hint)),
            "extra" => match entry.value.as_mapping() {
                Some(_) => entry
                    .value
                    .decode::<serde_json::Value>()
                    .map(|v| fm.extra = v)
                    .map_err(|m| field(format!("`extra` could not be read: {m}"))),
                None if entry.value.is_null() => Ok(()),
                None => Err(field(format!(
                    "`extra` must be a mapping of your own fields, found {}",
                    entry.value.kind()
                ))),
            },
            "sources" => match parse_sources(entry, split.yaml, offset, &at) {
                Ok(sources) => {
                    fm.sources = sources;
                    Ok(())
                }
                Err(mut found) => {
                    errors.append(&mut found);
                    Ok(())
                }
            },
            key => match config.taxonomies.iter().position(|t| t.name == key) {
                Some(index) => {
                    fm.term_lines[index] = line;
                    parse_terms(entry)
                        .map(|terms| fm.terms[index] = terms)
                        .map_err(field)
                }
                None => {
                    let message = format!("unknown key `{key}`");
                    let hint = match did_you_mean(key, known.iter().copied()) {
                        Some(k) => format!("did you mean `{k}`?"),
                        None => format!(
                            "known keys are {}; put free-form data under `extra:`",
                            known.join(", ")
                        ),
                    };
                    Err(field(message).with_hint(hint))
                }
            },
        };
        if let Err(d) = result {
            errors.push(d);
        }
    }

    let first_line = split.yaml_first_line;
    // A key that is present but bad has its own error already; only absence is reported here.
    let present = |key: &str| entries.iter().any(|e| e.key == key);
    match title {
        Some(t) => fm.title = t,
        None if present("title") => {}
        None => errors.push(
            at(first_line, 1, "missing required field `title`".into()).with_hint(
                "add a line such as `title: Kremlin ties ceasefire talks to four regions`",
            ),
        ),
    }
    match date {
        Some(d) => fm.date = d,
        None if present("date") => {}
        None => errors
            .push(at(first_line, 1, "missing required field `date`".into()).with_hint(DATE_FORMS)),
    }
    if errors.is_empty() {
        Ok(fm)
    } else {
        Err(errors)
    }
}

fn non_empty_text(entry: &Entry) -> Result<String, String> {
    match entry.value.as_scalar_text() {
        Some(text) if !text.trim().is_empty() => Ok(text.trim().to_string()),
        Some(_) => Err(format!("`{}` is empty", entry.key)),
        None if entry.value.is_null() => Err(format!("`{}` is empty", entry.key)),
        None => Err(format!(
            "`{}` must be text, found {}",
            entry.key,
            entry.value.kind()
        )),
    }
}

fn date_value(entry: &Entry) -> Result<DateValue, String> {
    let text = entry.value.as_scalar_text().ok_or_else(|| {
        format!(
            "`{}` must be a date, found {}",
            entry.key,
            entry.value.kind()
        )
    })?;
    parse_date(&text).map_err(|m| format!("bad `{}`: {m}", entry.key))
}

fn parse_status(entry: &Entry) -> Result<Status, (String, String)> {
    let text = entry.value.as_scalar_text().unwrap_or_default();
    let status = match text.trim() {
        "developing" => Status::Developing,
        "ongoing" => Status::Ongoing,
        "resolved" => Status::Resolved,
        other => {
            let hint = match did_you_mean(other, Status::ALL) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("use one of {}", Status::ALL.join(", ")),
            };
            return Err((format!("unknown status `{other}`"), hint));
        }
    };
    Ok(status)
}

fn parse_slug(entry: &Entry) -> Result<String, (String, String)> {
    let slug = entry.value.as_scalar_text().unwrap_or_default();
    match check_slug(&slug) {
        None => Ok(slug),
        Some(why) => {
            let suggestion = crate::slug::slugify(&slug);
            let hint = if suggestion.is_empty() {
                "use lowercase letters a-z, digits and `-`, e.g. `slug: peace-offer`".to_string()
            } else {
                format!("write `slug: {suggestion}`")
            };
            Err((
                format!("`slug: {slug}` cannot be used in a URL: {why}"),
                hint,
            ))
        }
    }
}

/// `aliases:` — old site paths (as written for a site at `/`) that should redirect here.
fn parse_aliases(entry: &Entry) -> Result<Vec<String>, (String, String)> {
    let hint =
        "write old addresses from the site root, like `aliases: [/2024/05/old-slug/]`".to_string();
    let items = match entry.value.as_sequence() {
        Some(items) => items,
        None if entry.value.is_null() => return Ok(Vec::new()),
        None => vec![entry.value.clone()],
    };
    let mut aliases = Vec::with_capacity(items.len());
    for item in items {
        let Some(path) = item.as_scalar_text() else {
            return Err((
                format!("`aliases` must be a list of paths, found {}", item.kind()),
                hint,
            ));
        };
        let path = path.trim().to_string();
        let bad = !path.starts_with('/')
            || path.starts_with("//")
            || path
                .split('/')
                .any(|segment| segment == ".." || segment == ".")
            || path.contains(['?', '#', '\\', ' ', '"', '<', '>']);
        if bad {
            return Err((format!("alias `{path}` is not a path on this site"), hint));
        }
        aliases.push(path);
    }
    Ok(aliases)
}

/// A term list; a single value is accepted as a one-term list.
fn parse_terms(entry: &Entry) -> Result<Vec<String>, String> {
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

fn parse_sources(
    entry: &Entry,
    yaml_text: &str,
    offset: usize,
    at: &dyn Fn(usize, usize, String) -> Diagnostic,
) -> Result<Vec<Source>, Vec<Diagnostic>> {
    let key_line = entry.line + offset;
    if entry.value.is_null() {
        return Ok(Vec::new());
    }
    let Some(items) = entry.value.as_sequence() else {
        return Err(vec![
            at(
                key_line,
                1,
                format!("`sources` must be a list, found {}", entry.value.kind()),
            )
            .with_hint(
                "write each source as `- title: ...` with `url:` and `publisher:` lines under it",
            ),
        ]);
    };
    let item_lines = list_item_lines(yaml_text, entry.line);
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let line = item_lines.get(index).map_or(key_line, |l| l + offset);
        let Some(fields) = item.as_mapping() else {
            errors.push(at(
                line,
                1,
                format!(
                    "source {} must have `title:` and `url:` fields, found {}",
                    index + 1,
                    item.kind()
                ),
            ));
            continue;
        };
        let mut source = Source {
            title: String::new(),
            url: String::new(),
            publisher: None,
            line,
        };
        for (key, value) in fields {
            let text = value
                .as_scalar_text()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty());
            match key.as_str() {
                "title" => source.title = text.unwrap_or_default(),
                "url" => source.url = text.unwrap_or_default(),
                "publisher" => source.publisher = text,
                other => {
                    let hint = match did_you_mean(other, SOURCE_FIELDS.iter().copied()) {
                        Some(k) => format!("did you mean `{k}`?"),
                        None => "a source has `title`, `url` and `publisher`".into(),
                    };
                    let (key_line, key_col) = key_position(yaml_text, line - offset, other)
                        .map_or((line, 1), |(l, c)| (l + offset, c));
                    errors.push(
                        at(
                            key_line,
                            key_col,
                            format!("unknown key `{other}` in source {}", index + 1),
                        )
                        .with_hint(hint),
                    );
                }
            }
        }
        for (value, name) in [(&source.title, "title"), (&source.url, "url")] {
            if value.is_empty() {
                errors.push(at(line, 1, format!("source {} has no `{name}`", index + 1)));
            }
        }
        sources.push(source);
    }
    if errors.is_empty() {
        Ok(sources)
    } else {
        Err(errors)
    }
}

/// Line and column (1-based, within the YAML) of `key:` in the list item starting at `item_line`.
fn key_position(yaml_text: &str, item_line: usize, key: &str) -> Option<(usize, usize)> {
    for (index, line) in yaml_text.lines().enumerate().skip(item_line - 1) {
        if index + 1 > item_line
            && (line.trim_start().starts_with("- ") || !line.starts_with([' ', '\t']))
        {
            return None;
        }
        if crate::yaml::key_of(line).as_deref() == Some(key) {
            let col = line.find(key).unwrap_or(0) + 1;
            return Some((index + 1, col));
        }
    }
    None
}

/// Lines (1-based, within the YAML) where the items of the block list under `key_line` start.
fn list_item_lines(yaml_text: &str, key_line: usize) -> Vec<usize> {
    let mut lines = Vec::new();
    let mut item_indent: Option<usize> = None;
    for (index, line) in yaml_text.lines().enumerate().skip(key_line) {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if indent == 0 && !line.starts_with('-') {
            break;
        }
        if line.trim_start().starts_with("- ") || line.trim() == "-" {
            let expected = *item_indent.get_or_insert(indent);
            if indent == expected {
                lines.push(index + 1);
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        crate::config::parse_config(
            "title: T\nbase_url: https://e.org/\ntaxonomies: [tags, regions]\n",
        )
        .unwrap()
    }

    fn parse(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let path = Path::new("content/a.md");
        let split = split_front_matter(path, text).map_err(|d| vec![d])?;
        parse_front_matter(path, text, &split, &config())
    }

    #[test]
    fn splits_with_crlf_and_bom() {
        let s = split_front_matter(Path::new("a.md"), "\u{feff}---\r\ntitle: x\r\n---\r\nbody")
            .unwrap();
        assert_eq!(s.yaml, "title: x\r\n");
        assert_eq!(s.body, "body");
    }

    #[test]
    fn missing_delimiters_are_reported_at_line_one() {
        let e = split_front_matter(Path::new("a.md"), "title: x\n").unwrap_err();
        assert_eq!((e.line, e.col), (1, 1));
        let e = split_front_matter(Path::new("a.md"), "---\ntitle: x\n\nbody").unwrap_err();
        assert!(e.message.contains("never closed"));
    }

    #[test]
    fn yaml_errors_point_at_the_file_line() {
        let errors = parse("---\ntitle: A\ndate: 2025-01-01\ntags: [a, b\n---\n").unwrap_err();
        assert_eq!((errors[0].line, errors[0].col), (4, 7), "{errors:?}");
        assert_eq!(
            errors[0].message,
            "the `[` that opens this list is never closed"
        );
    }

    #[test]
    fn every_problem_of_a_file_is_reported() {
        let errors = parse(
            "---\ntitle: A\ndate: 2025-02-30\ntgas: [x]\nstatus: resolvd\nsources:\n  - title: S\n    link: https://e.org\n---\n",
        )
        .unwrap_err();
        let found: Vec<_> = errors
            .iter()
            .map(|d| (d.line, d.message.clone(), d.hint.clone()))
            .collect();
        assert_eq!(errors.len(), 5, "{found:#?}");
        assert_eq!(found[0].0, 3);
        assert_eq!(found[1].2.as_deref(), Some("did you mean `tags`?"));
        assert_eq!(found[2].2.as_deref(), Some("did you mean `resolved`?"));
        // The unknown key is reported on its own line and column, not the item's first line.
        assert_eq!((errors[3].line, errors[3].col), (8, 5));
        assert!(found[3].1.contains("`link`"));
        assert!(found[4].1.contains("no `url`"));
    }

    #[test]
    fn required_fields_are_named() {
        let errors = parse("---\nsummary: x\n---\n").unwrap_err();
        assert!(errors.iter().any(|d| d.message.contains("`title`")));
        assert!(errors.iter().any(|d| d.message.contains("`date`")));
    }

    #[test]
    fn terms_are_trimmed_deduplicated_and_a_single_value_is_a_list() {
        let fm = parse(
            "---\ntitle: A\ndate: 2025-01-01\ntags: nato\nregions: [' Kherson ', Kherson]\n---\n",
        )
        .unwrap();
        assert_eq!(
            fm.terms,
            vec![vec!["nato".to_string()], vec!["Kherson".to_string()]]
        );
    }

    #[test]
    fn source_lines_point_at_each_item() {
        let fm = parse("---\ntitle: A\ndate: 2025-01-01\nsources:\n  - title: One\n    url: https://a.org\n  - title: Two\n    url: https://b.org\n---\n").unwrap();
        assert_eq!(
            fm.sources.iter().map(|s| s.line).collect::<Vec<_>>(),
            [5, 7]
        );
    }
}
