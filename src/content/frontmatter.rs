//! Splitting a briefing file into front matter and body, and validating the front matter
//! into typed fields. Every problem becomes a diagnostic at the line of the .md file
//! (YAML positions are shifted by the front matter's offset), and all of them are kept.

use std::path::Path;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::slug::check_slug;
use crate::yaml::{self, Entry};

use super::dates::{DATE_FORMS, DateValue, check_updated, parse_date, swapped_month_and_day};
use super::events::Event;
use super::sources::Source;
use super::terms::{comma_separated_names, parse_terms, term_slugs, unusable_term_slugs};
use super::trust::{self, Correction, Kind};

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
    /// Where each alias is written (file line, column), parallel to `aliases`.
    pub alias_places: Vec<(usize, usize)>,
    /// Line of the `sources:` key, 0 when absent.
    pub sources_line: usize,
    /// Not published before this moment.
    pub publish_at: Option<DateValue>,
    pub extra: serde_json::Value,
    /// Findings that do not stop the briefing (a repeated source), in line order.
    pub warnings: Vec<Diagnostic>,
    /// File line of `date:`.
    pub date_line: usize,
    /// URL slug of each term, parallel to `terms` (empty when the name gives none).
    pub term_slugs: Vec<Vec<String>>,
    /// `language:` as written (a checked language tag), when present.
    pub language: Option<String>,
    pub kind: Kind,
    pub dateline: Option<String>,
    /// In file order.
    pub corrections: Vec<Correction>,
    /// Key events the briefing reports (`events:`), in the order written.
    pub events: Vec<Event>,
    /// `image:` with its `image_alt:`, for link previews and search results.
    pub image: Option<crate::image::LeadImage>,
}

const FIELDS: &[&str] = crate::config::RESERVED_FRONT_MATTER_KEYS;

/// Parses and validates the front matter of the file at `path` (relative, for messages).
pub fn parse_front_matter(
    path: &Path,
    file_text: &str,
    split: &Split,
    config: &Config,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let (fm, findings) = read_front_matter(path, file_text, split, config);
    match fm {
        Some(mut fm) if !findings.iter().any(Diagnostic::is_error) => {
            fm.warnings = findings;
            Ok(fm)
        }
        _ => Err(findings),
    }
}

/// A warning for each value that a ` #` cuts short (`title: Talks #2 resume` is the title
/// "Talks"): valid YAML that publishes something else than the editor wrote.
pub(super) fn comment_cuts(
    path: &Path,
    file_text: &str,
    yaml: &str,
    offset: usize,
) -> Vec<Diagnostic> {
    yaml::cut_values(yaml)
        .into_iter()
        .map(|cut| {
            let comment = &cut.written[cut.kept.len()..].trim_start();
            let what = match &cut.key {
                Some(key) => format!("`{key}`"),
                None => "this value".to_string(),
            };
            let quoted = if cut.written.contains('"') {
                format!("'{}'", cut.written.replace('\'', "''"))
            } else {
                format!("\"{}\"", cut.written)
            };
            let fixed = match &cut.key {
                Some(key) => format!("{key}: {quoted}"),
                None => quoted,
            };
            Diagnostic::warning(
                path,
                cut.line + offset,
                cut.col,
                format!(
                    "`{comment}` is read as a YAML comment, so {what} is published as \"{}\"",
                    cut.kept
                ),
            )
            .with_hint(format!(
                "if the # belongs to the text, put it in quotes: `{fixed}`; if it is a comment, write `# ` with a space"
            ))
            .with_source_line(file_text)
        })
        .collect()
}

/// A repeated list field's hint says how to give several values (never for `title`).
fn list_hint(hint: String, config: &Config) -> String {
    let lists = ["sources", "aliases", "corrections", "events"];
    let key = hint
        .strip_prefix("keep one `")
        .and_then(|rest| rest.strip_suffix(":` line"));
    match key {
        Some(key) if lists.contains(&key) || config.taxonomies.iter().any(|t| t.name == key) => {
            format!("{hint}, with every value in its list: `{key}: [a, b]`")
        }
        _ => hint,
    }
}

/// Reads the front matter as far as it can be read: every finding about it, in line order,
/// and the fields, when `title` and `date` are usable (fields with problems keep their
/// defaults). Checks want the rest of a file even when one field is wrong.
pub fn read_front_matter(
    path: &Path,
    file_text: &str,
    split: &Split,
    config: &Config,
) -> (Option<FrontMatter>, Vec<Diagnostic>) {
    let offset = split.yaml_first_line - 1;
    let at = |line: usize, col: usize, message: String| {
        Diagnostic::error(path, line, col, message).with_source_line(file_text)
    };
    // The yaml module words its errors for editors and points at the line to fix.
    let syntax_error = |e: yaml::SyntaxError| {
        let hint = e.hint.unwrap_or_else(|| {
            "check the indentation, and put text containing `: ` or starting with `[`, `{`, `*`, `&` or `!` in quotes".into()
        });
        at(e.line + offset, e.col, e.message).with_hint(list_hint(hint, config))
    };
    // A key written twice is reported and the rest read on: one run shows every problem.
    let (entries, mut errors) = match yaml::parse_mapping_past_repeats(split.yaml) {
        Ok((entries, repeats)) => (
            entries,
            repeats.into_iter().map(syntax_error).collect::<Vec<_>>(),
        ),
        Err(errors) => return (None, errors.into_iter().map(syntax_error).collect()),
    };

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
        alias_places: Vec::new(),
        sources_line: 0,
        publish_at: None,
        extra: serde_json::Value::Null,
        warnings: Vec::new(),
        date_line: 0,
        term_slugs: Vec::new(),
        language: None,
        kind: Kind::default(),
        dateline: None,
        corrections: Vec::new(),
        events: Vec::new(),
        image: None,
    };
    let known: Vec<&str> = FIELDS
        .iter()
        .copied()
        .chain(config.taxonomies.iter().map(|t| t.name.as_str()))
        .collect();

    // The image's keys are read together, after the loop.
    for entry in entries
        .iter()
        .filter(|e| !super::image::is_image_key(&e.key))
    {
        let line = entry.line + offset;
        let field = |message: String| at(line, value_column(file_text, line), message);
        let result: Result<(), Diagnostic> = match entry.key.as_str() {
            "title" => non_empty_text(entry)
                .map(|t| title = Some(t))
                .map_err(field),
            "date" => date_value(entry)
                .map(|d| {
                    date = Some(d);
                    fm.date_line = line;
                })
                .map_err(|(m, hint)| field(m).with_hint(hint)),
            "updated" => date_value(entry)
                .map(|d| fm.updated = Some(d))
                .map_err(|(m, hint)| field(m).with_hint(hint)),
            "summary" => non_empty_text(entry)
                .map(|s| fm.summary = Some(s))
                .map_err(field),
            "aliases" => parse_aliases(entry)
                .map(|aliases| {
                    fm.aliases = aliases;
                    fm.aliases_line = line;
                    fm.alias_places = alias_places(entry, split.yaml, offset, line);
                })
                .map_err(|(message, hint)| field(message).with_hint(hint)),
            "publish_at" => date_value(entry)
                .map(|d| fm.publish_at = Some(d))
                .map_err(|(m, hint)| field(m).with_hint(hint)),
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
                    .with_hint(draft_hint(entry))
                }),
            "language" => parse_language(entry)
                .map(|l| fm.language = Some(l))
                .map_err(|(message, hint)| field(message).with_hint(hint)),
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
            "sources" => {
                let (sources, mut found) =
                    super::sources::parse_sources(entry, file_text, split.yaml, offset, &at);
                fm.sources = sources;
                fm.sources_line = line;
                errors.append(&mut found);
                Ok(())
            }
            "kind" => trust::parse_kind(entry)
                .map(|k| fm.kind = k)
                .map_err(|(m, hint)| field(m).with_hint(hint)),
            "dateline" => trust::parse_dateline(entry)
                .map(|d| fm.dateline = Some(d))
                .map_err(|(m, hint)| field(m).with_hint(hint)),
            "corrections" => {
                let (corrections, mut found) = trust::parse_corrections(
                    entry,
                    (split.yaml, offset),
                    &config.base_url.path,
                    &at,
                );
                fm.corrections = corrections;
                errors.append(&mut found);
                Ok(())
            }
            "events" => {
                let (events, mut found) = super::events::parse_events(
                    entry,
                    split.yaml,
                    offset,
                    &config.base_url.path,
                    path,
                    &at,
                );
                fm.events = events;
                errors.append(&mut found);
                Ok(())
            }
            key => match config.taxonomies.iter().position(|t| t.name == key) {
                Some(index) => {
                    fm.term_lines[index] = line;
                    parse_terms(entry)
                        .map(|terms| {
                            if let Some(warning) =
                                comma_separated_names(entry, &terms, (path, file_text, line))
                            {
                                errors.push(warning);
                            }
                            fm.terms[index] = terms
                        })
                        .map_err(field)
                }
                None => {
                    let message = format!("unknown key `{key}`");
                    let familiar = super::familiar_keys::familiar_key_hint(key, config);
                    let hint = match did_you_mean(key, known.iter().copied()) {
                        _ if familiar.is_some() => familiar.unwrap_or_default(),
                        Some(k) => format!("did you mean `{k}`?"),
                        None => format!(
                            "known keys are {}; put free-form data under `extra:`",
                            known.join(", ")
                        ),
                    };
                    // At the key: it is the key that is wrong.
                    Err(at(line, 1, message).with_hint(hint))
                }
            },
        };
        if let Err(d) = result {
            errors.push(d);
        }
    }

    errors.extend(comment_cuts(path, file_text, split.yaml, offset));
    let base_path = &config.base_url.path;
    let (image, found) =
        super::image::read_image(path, file_text, &entries, |e| e.line + offset, base_path);
    fm.image = image;
    errors.extend(found);
    let first_line = split.yaml_first_line;
    // A key that is present but bad has its own error already; only absence is reported here.
    let present = |key: &str| entries.iter().any(|e| e.key == key);
    let language = fm.language.as_deref().unwrap_or(&config.language);
    fm.term_slugs = term_slugs(&fm.terms, config, language);
    unusable_term_slugs(
        path,
        file_text,
        (&fm.terms, &fm.term_lines),
        &fm.term_slugs,
        config,
        &mut errors,
    );
    let usable = title.is_some() && date.is_some();
    match title {
        Some(t) => fm.title = t,
        None if present("title") => {}
        None => errors.push(
            at(first_line, 1, "missing required field `title`".into()).with_hint(
                "add a line such as `title: Kremlin ties ceasefire talks to four regions`",
            ),
        ),
    }
    if let (Some(updated), Some(date)) = (&fm.updated, date.as_ref()) {
        check_updated(updated, date, &entries, offset, &at, &mut errors);
    }
    if let Some(date) = date.as_ref() {
        let yaml = (split.yaml, offset);
        trust::check_correction_dates(&fm.corrections, yaml, date, &at, &mut errors);
        errors.extend(super::events::later_events(
            &fm.events,
            date,
            fm.updated.as_ref(),
            &at,
        ));
    }
    match date {
        Some(d) => fm.date = d,
        None if present("date") => {}
        None => errors
            .push(at(first_line, 1, "missing required field `date`".into()).with_hint(DATE_FORMS)),
    }
    // Every finding of the file, in line order.
    errors.sort_by_key(|d| (d.line, d.col));
    (usable.then_some(fm), errors)
}

pub(super) fn non_empty_text(entry: &Entry) -> Result<String, String> {
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

/// A date field; the error carries the message and a hint (the likely intended date when
/// month and day look swapped, else the accepted forms).
fn date_value(entry: &Entry) -> Result<DateValue, (String, String)> {
    let text = entry.value.as_scalar_text().ok_or_else(|| {
        (
            format!(
                "`{}` must be a date, found {}",
                entry.key,
                entry.value.kind()
            ),
            DATE_FORMS.to_string(),
        )
    })?;
    parse_date(&text).map_err(|m| {
        let hint = match swapped_month_and_day(&text) {
            Some(fixed) => format!("did you mean `{fixed}`? Dates are year-month-day"),
            None => DATE_FORMS.to_string(),
        };
        (format!("bad `{}`: {m}", entry.key), hint)
    })
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

/// `language:` — the briefing's language tag (`uk`), when it is not the site's.
fn parse_language(entry: &Entry) -> Result<String, (String, String)> {
    let tag = entry.value.as_scalar_text().unwrap_or_default();
    crate::language::check_language(&tag).map(|()| tag.trim().to_string())
}

pub(super) fn parse_slug(entry: &Entry) -> Result<String, (String, String)> {
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

/// The hint for a `draft:` that is not true or false (briefings and pages alike).
pub(super) fn draft_hint(entry: &Entry) -> String {
    entry
        .value
        .boolean_word_hint("draft")
        .unwrap_or_else(|| "write `draft: true` to keep it unpublished, or remove the line".into())
}

/// Where each item of `aliases:` is written, as (file line, column): a collision is reported
/// at the alias that collides. `yaml_text` is the front matter the entry was parsed from,
/// which starts on file line `offset + 1`; an item that cannot be found is at `key_line`.
/// Only front matter with aliases asks, and finding a place reads the YAML again.
pub(super) fn alias_places(
    entry: &Entry,
    yaml_text: &str,
    offset: usize,
    key_line: usize,
) -> Vec<(usize, usize)> {
    let items = entry
        .value
        .as_sequence()
        .unwrap_or_else(|| vec![entry.value.clone()]);
    items
        .iter()
        .map(|item| {
            item.place()
                .locate(yaml_text)
                .map_or((key_line, 1), |(line, col)| (line + offset, col))
        })
        .collect()
}

/// `aliases:` — old site paths (as written for a site at `/`) that should redirect here.
pub(super) fn parse_aliases(entry: &Entry) -> Result<Vec<String>, (String, String)> {
    let hint =
        "write old addresses from the site root, like `aliases: [/2024/05/old-slug/]`".to_string();
    let items = match entry.value.as_sequence() {
        Some(items) => items,
        None if entry.value.is_null() => return Ok(Vec::new()),
        None => vec![entry.value.clone()],
    };
    let mut aliases = Vec::with_capacity(items.len());
    let mut not_paths = Vec::new();
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
            not_paths.push(format!("`{path}`"));
        }
        aliases.push(path);
    }
    // Every bad alias at once: one run of `check` shows them all.
    match not_paths.as_slice() {
        [] => Ok(aliases),
        [one] => Err((format!("alias {one} is not a path on this site"), hint)),
        [first @ .., last] => Err((
            format!(
                "aliases {} and {last} are not paths on this site",
                first.join(", ")
            ),
            hint,
        )),
    }
}

/// The (1-based) column of the value written after the top-level `key:` on `line` of
/// `text`, where a finding about that value points; 1 (the key) when the value starts on a
/// later line (a block list or mapping) or the line is not there.
pub(super) fn value_column(text: &str, line: usize) -> usize {
    let Some(written) = line.checked_sub(1).and_then(|i| text.lines().nth(i)) else {
        return 1;
    };
    // The first `:` followed by a space or a tab ends the key (a value may hold `: ` too).
    let Some(colon) = written
        .char_indices()
        .find(|&(i, c)| c == ':' && written[i + 1..].starts_with([' ', '\t']))
        .map(|(i, _)| i)
    else {
        return 1;
    };
    let value = written[colon + 1..].trim_start();
    if value.is_empty() || value.starts_with('#') {
        return 1;
    }
    written[..written.len() - value.len()].chars().count() + 1
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
        // In line order: the missing `url` at the item's line, then the unknown key on its
        // own line and column.
        assert!(found[3].1.contains("no `url`"));
        assert_eq!((errors[4].line, errors[4].col), (8, 5));
        assert!(found[4].1.contains("`link`"));
    }

    #[test]
    fn a_value_is_found_after_its_key_on_the_same_line_only() {
        let text = "---\ndate:   2025-13-01\nkind:\tx\ntags:\n  - a\nslug: # none\ntitle: «Ф»: x\ndate:\t\"1 March: 2025\"\n";
        assert_eq!(value_column(text, 2), 9);
        assert_eq!(value_column(text, 3), 7);
        // A block list starts on the next line: the key.
        assert_eq!(value_column(text, 4), 1);
        assert_eq!(value_column(text, 6), 1);
        // Columns count characters; the first `: ` ends the key.
        assert_eq!(value_column(text, 7), 8);
        assert_eq!(value_column(text, 8), 7);
        assert_eq!(value_column(text, 99), 1);
    }

    #[test]
    fn an_unknown_key_hides_no_other_problem() {
        let errors = parse(
            "---
title: A
date: 2025-07-21
updated: 2025-07-01
tgas: [x]
sources:
  - title: S
    url: www.example.org/x
  - title: T
    url: https://example.org/a/
  - title: U
    url: https://EXAMPLE.org/a
---
",
        )
        .unwrap_err();
        let found: Vec<_> = errors
            .iter()
            .map(|d| (d.line, d.col, d.is_error(), d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    4,
                    1,
                    true,
                    "`updated: 2025-07-01` is before `date: 2025-07-21`"
                ),
                (5, 1, true, "unknown key `tgas`"),
                (
                    8,
                    10,
                    true,
                    "source 1 has a bad address `www.example.org/x`: it does not start with `https://`"
                ),
                (12, 10, false, "source 3 repeats the address of source 2"),
            ]
        );
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
