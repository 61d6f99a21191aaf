//! Standalone pages: `pages/**/*.md` beside content/ (About, Standards, Contact). Each is read
//! as a briefing is — front matter checked with every problem reported at once and unknown
//! keys answered with a suggestion, the body rendered — into a `Page` with its site path
//! (`pages/standards/corrections.md` → `/standards/corrections/`). Knows nothing of other
//! pages or of the model, which places pages and finds their collisions.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::markdown::{Rendered, smart_punctuation};
use crate::slug::slugify_in;
use crate::yaml;

use super::frontmatter::{
    alias_places, draft_hint, non_empty_text, parse_aliases, parse_slug, split_front_matter,
    value_column,
};

pub const PAGES_DIR: &str = "pages";

/// The front-matter keys of a page.
pub const PAGE_KEYS: &[&str] = &[
    "title",
    "summary",
    "menu",
    "menu_title",
    "slug",
    "aliases",
    "draft",
    "extra",
    "image",
    "image_alt",
    "image_caption",
    "image_credit",
];

/// One page as written, validated and with its body rendered.
#[derive(Debug, Clone)]
pub struct Page {
    /// Relative to the site root, with forward slashes: `pages/about.md`.
    pub source_path: PathBuf,
    pub title: String,
    /// Front matter `summary`, else the body's first paragraph.
    pub summary: String,
    /// Its place in the site's navigation (by number, then title); not there when None.
    pub menu: Option<f64>,
    /// The navigation's label for it, when shorter than the title.
    pub menu_title: Option<String>,
    /// Site path (before the base path): `/about/`.
    pub path: String,
    /// File line of `slug:` (0 when the path comes from the file's name).
    pub slug_line: usize,
    /// Old site paths that redirect here, and the line of `aliases:` (0 when absent).
    pub aliases: Vec<String>,
    pub aliases_line: usize,
    /// Where each alias is written (file line, column), parallel to `aliases`.
    pub alias_places: Vec<(usize, usize)>,
    pub draft: bool,
    pub extra: serde_json::Value,
    pub body: Rendered,
    /// File line where the body starts.
    pub body_line: usize,
    /// Identity of this version of the file (path and bytes), for incremental rebuilds.
    pub fingerprint: u64,
    /// Findings about this file that do not stop it, in line order.
    pub warnings: Vec<Diagnostic>,
    /// Its image for link previews and search results (`image:`, `image_alt:`).
    pub image: Option<crate::image::LeadImage>,
}

/// Paths (relative to `root`) of every page file under `root/pages`, sorted; none when the
/// folder does not exist.
pub fn walk_pages(root: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    walk(root, PAGES_DIR)
}

/// The `.md` files under `root/<folder>`, as content/ is walked (editor files left out).
pub(super) fn walk(root: &Path, folder: &str) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    let dir = root.join(folder);
    if dir.is_dir() {
        super::walk_folder(root, &dir, &mut files, &mut errors);
    }
    (files, errors)
}

/// Loads every page in parallel; results keep sorted path order.
pub fn load_pages(root: &Path, config: &Config) -> (Vec<Page>, Vec<Diagnostic>) {
    let (files, mut errors) = walk_pages(root);
    let results: Vec<Result<Page, Vec<Diagnostic>>> = files
        .par_iter()
        .map(|relative| load_page(root, relative, config))
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(page) => pages.push(page),
            Err(mut e) => errors.append(&mut e),
        }
    }
    (pages, errors)
}

/// Reads and parses one page file; `relative` is its path from the site root.
pub fn load_page(root: &Path, relative: &Path, config: &Config) -> Result<Page, Vec<Diagnostic>> {
    let bytes = std::fs::read(root.join(relative)).map_err(|e| {
        vec![Diagnostic::error(
            relative,
            0,
            0,
            format!("cannot read this file: {e}"),
        )]
    })?;
    parse_page_bytes(relative, bytes, config)
}

/// Parses the bytes of a page file: UTF-8 check, then `parse_page`.
pub fn parse_page_bytes(
    relative: &Path,
    bytes: Vec<u8>,
    config: &Config,
) -> Result<Page, Vec<Diagnostic>> {
    let text = super::utf8_text(relative, bytes)?;
    parse_page(relative, &text, config)
}

/// A page's or profile's file as read: entries, body line, body, and the findings of its
/// YAML (keys written twice, values a comment cuts short).
pub(super) type FrontMatterParts<'a> = (Vec<yaml::Entry>, usize, &'a str, Vec<Diagnostic>);

/// The front matter of a page or profile: its entries, body line and body, the keys written
/// twice (errors, the rest read on) and values a comment cuts short (warnings); problems of the split or the YAML as errors at
/// their file line. `what` names the file ("page") in messages.
pub(super) fn front_matter<'a>(
    path: &Path,
    text: &'a str,
    what: &str,
    example: &str,
) -> Result<FrontMatterParts<'a>, Vec<Diagnostic>> {
    let split = split_front_matter(path, text).map_err(|d| {
        let message = if d.message.contains("never closed") {
            d.message.clone()
        } else {
            format!("this {what} does not start with front matter")
        };
        vec![
            Diagnostic::error(path, d.line, d.col, message)
                .with_hint(format!(
                    "the first line must be `---`, then `{example}` and the other fields, then a closing `---` line"
                ))
                .with_source_line(text),
        ]
    })?;
    let offset = split.yaml_first_line - 1;
    let syntax_error = |e: yaml::SyntaxError| {
        let hint = e.hint.unwrap_or_else(|| {
            "check the indentation, and put text containing `: ` in quotes".into()
        });
        Diagnostic::error(path, e.line + offset, e.col, e.message)
            .with_hint(hint)
            .with_source_line(text)
    };
    let (entries, repeats) = yaml::parse_mapping_past_repeats(split.yaml)
        .map_err(|errors| errors.into_iter().map(syntax_error).collect::<Vec<_>>())?;
    let mut findings: Vec<Diagnostic> = repeats.into_iter().map(syntax_error).collect();
    findings.extend(super::frontmatter::comment_cuts(
        path, text, split.yaml, offset,
    ));
    let entries = entries
        .into_iter()
        .map(|mut e| {
            e.line += offset;
            e
        })
        .collect();
    let body_line = text[..text.len() - split.body.len()].matches('\n').count() + 1;
    Ok((entries, body_line, split.body, findings))
}

/// The error for a key a page or profile does not have, with the likeliest key as the hint.
pub(super) fn unknown_key(path: &Path, line: usize, key: &str, known: &[&str]) -> Diagnostic {
    let hint = match did_you_mean(key, known.iter().copied()) {
        Some(k) => format!("did you mean `{k}`?"),
        None => format!(
            "known keys are {}; put free-form data under `extra:`",
            known.join(", ")
        ),
    };
    Diagnostic::error(path, line, 1, format!("unknown key `{key}`")).with_hint(hint)
}

/// `extra:` — a mapping of the editor's own fields.
pub(super) fn parse_extra(entry: &yaml::Entry) -> Result<serde_json::Value, String> {
    match entry.value.as_mapping() {
        Some(_) => entry
            .value
            .decode::<serde_json::Value>()
            .map_err(|m| format!("`extra` could not be read: {m}")),
        None if entry.value.is_null() => Ok(serde_json::Value::Null),
        None => Err(format!(
            "`extra` must be a mapping of your own fields, found {}",
            entry.value.kind()
        )),
    }
}

/// `menu:` — a number (`1`, `2.5`): the page's place in the navigation.
fn parse_menu(entry: &yaml::Entry) -> Result<f64, String> {
    entry
        .value
        .decode::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or_else(|| {
            format!(
                "`menu` must be a number, its place in the navigation (like `menu: 1`); found {}",
                entry.value.kind()
            )
        })
}

/// Parses the text of a page at `path` (relative to the site root). Pure. `Err` holds every
/// finding of the file; `Ok` carries its warnings.
pub fn parse_page(path: &Path, text: &str, config: &Config) -> Result<Page, Vec<Diagnostic>> {
    match read_page(path, text, config) {
        (Some(mut page), findings) if !findings.iter().any(Diagnostic::is_error) => {
            page.warnings = findings;
            Ok(page)
        }
        (_, findings) => Err(findings),
    }
}

/// Every page under `root/pages` whose address is known, with errors or without: `check` of
/// a site that does not load checks their links, and links to them, rather than calling
/// `/standards/` missing because its `menu:` is wrong.
pub fn load_pages_despite_errors(root: &Path, config: &Config) -> Vec<Page> {
    read_despite_errors(root, &walk_pages(root).0, config, read_page)
}

/// How a page or profile file is read: what could be read of it, and its findings.
pub(super) type ReadFile<T> = fn(&Path, &str, &Config) -> (Option<T>, Vec<Diagnostic>);

/// Each of `files` (paths from `root`) as far as `read` can read it, problems or not; files
/// that cannot be read at all, or placed, are left out (their errors are reported on load).
pub(super) fn read_despite_errors<T: Send>(
    root: &Path,
    files: &[PathBuf],
    config: &Config,
    read: ReadFile<T>,
) -> Vec<T> {
    files
        .par_iter()
        .filter_map(|relative| {
            let bytes = std::fs::read(root.join(relative)).ok()?;
            let text = super::utf8_text(relative, bytes).ok()?;
            read(relative, &text, config).0
        })
        .collect()
}

/// The page at `path` as far as it can be read (None when its front matter cannot be read
/// or its address is unknown), and every finding of the file, in line order.
fn read_page(path: &Path, text: &str, config: &Config) -> (Option<Page>, Vec<Diagnostic>) {
    let (entries, body_line, body, mut errors) =
        match front_matter(path, text, "page", "title: About us") {
            Ok(parts) => parts,
            Err(found) => return (None, found),
        };
    let mut title = None;
    let mut summary = None;
    let mut page = Page {
        source_path: PathBuf::from(path.to_string_lossy().replace('\\', "/")),
        title: String::new(),
        summary: String::new(),
        menu: None,
        menu_title: None,
        path: String::new(),
        slug_line: 0,
        aliases: Vec::new(),
        aliases_line: 0,
        alias_places: Vec::new(),
        draft: false,
        extra: serde_json::Value::Null,
        body: Rendered::default(),
        body_line,
        fingerprint: super::fingerprint_bytes(path, text.as_bytes()),
        warnings: Vec::new(),
        image: None,
    };
    let mut slug = None;
    // The image's keys are read together, after the loop.
    for entry in entries
        .iter()
        .filter(|e| !super::image::is_image_key(&e.key))
    {
        let line = entry.line;
        let field =
            |message: String| Diagnostic::error(path, line, value_column(text, line), message);
        let result = match entry.key.as_str() {
            "title" => non_empty_text(entry)
                .map(|t| title = Some(t))
                .map_err(field),
            "summary" => non_empty_text(entry)
                .map(|s| summary = Some(s))
                .map_err(field),
            "menu" => parse_menu(entry)
                .map(|n| page.menu = Some(n))
                .map_err(field),
            "menu_title" => non_empty_text(entry)
                .map(|t| page.menu_title = Some(smart_punctuation(&t)))
                .map_err(field),
            "slug" => parse_slug(entry)
                .map(|s| {
                    slug = Some(s);
                    page.slug_line = line;
                })
                .map_err(|(m, hint)| field(m).with_hint(hint)),
            "aliases" => parse_aliases(entry)
                .map(|aliases| {
                    page.aliases = aliases;
                    page.aliases_line = line;
                    // The entries' lines are file lines already; the YAML is read again
                    // for the items' places.
                    page.alias_places = split_front_matter(path, text)
                        .map(|split| {
                            let offset = split.yaml_first_line - 1;
                            alias_places(entry, split.yaml, offset, line)
                        })
                        .unwrap_or_default();
                })
                .map_err(|(m, hint)| field(m).with_hint(hint)),
            "draft" => entry
                .value
                .decode::<bool>()
                .map(|d| page.draft = d)
                .map_err(|_| {
                    field(format!(
                        "`draft` must be true or false, found {}",
                        entry.value.kind()
                    ))
                    .with_hint(draft_hint(entry))
                }),
            "extra" => parse_extra(entry).map(|v| page.extra = v).map_err(field),
            key => Err(unknown_key(path, line, key, PAGE_KEYS)),
        };
        if let Err(d) = result {
            errors.push(d.with_source_line(text));
        }
    }
    let base_path = &config.base_url.path;
    let (image, found) = super::image::read_image(path, text, &entries, |e| e.line, base_path);
    page.image = image.map(|i| i.sized(&config.image_sizes));
    errors.extend(found);
    match title {
        Some(t) => page.title = smart_punctuation(&t),
        None if entries.iter().any(|e| e.key == "title") => {}
        None => errors.push(
            Diagnostic::error(path, 2, 1, "missing required field `title`")
                .with_hint("add a line such as `title: About us`"),
        ),
    }
    match page_path(path, slug.as_deref(), &config.language) {
        Ok(site_path) => page.path = site_path,
        Err(d) => errors.push(d),
    }
    page.body = super::render_body(body, config, path, summary.is_none());
    page.fingerprint = super::fingerprint_file(path, text, &page.body, page.image.as_ref(), config);
    super::body_warnings(path, text, body_line, &page.body, &mut errors);
    let written = (path, text, body_line, body);
    let keys = ["title", "summary", "menu_title"];
    errors.extend(super::style_findings(written, &keys, [], config));
    page.summary = summary.unwrap_or_else(|| std::mem::take(&mut page.body.first_paragraph));
    errors.sort_by_key(|d| (d.line, d.col));
    crate::diagnostics::set_rule(&mut errors, "pages");
    let known = !page.path.is_empty();
    (known.then_some(page), errors)
}

/// The site path of the page at `path`: its folders and file name under pages/ as URL
/// segments (`index.md` stands for its folder), the last one replaced by `slug:`.
fn page_path(path: &Path, slug: Option<&str>, language: &str) -> Result<String, Diagnostic> {
    let relative = path.strip_prefix(PAGES_DIR).unwrap_or(path);
    let mut segments = Vec::new();
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.iter().enumerate() {
        let name = if i == last {
            part.strip_suffix(".md").unwrap_or(part)
        } else {
            part.as_str()
        };
        if i == last && name == "index" {
            break;
        }
        let segment = slugify_in(name, language);
        if segment.is_empty() {
            let what = if i == last { "file" } else { "folder" };
            return Err(Diagnostic::error(
                path,
                0,
                0,
                format!("cannot make a URL from the {what} name `{name}`"),
            )
            .with_hint(format!(
                "rename the {what} using letters a-z and digits{}",
                if i == last {
                    ", or add `slug: some-name` to the front matter"
                } else {
                    ""
                }
            )));
        }
        segments.push(segment);
    }
    if let Some(slug) = slug {
        match segments.last_mut() {
            Some(last) => *last = slug.to_string(),
            None => segments.push(slug.to_string()),
        }
    }
    Ok(if segments.is_empty() {
        "/".to_string()
    } else {
        format!("/{}/", segments.join("/"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        crate::config::parse_config("title: T\nbase_url: https://e.org/news/\n").unwrap()
    }

    fn parse(path: &str, text: &str) -> Result<Page, Vec<Diagnostic>> {
        parse_page(Path::new(path), text, &config())
    }

    #[test]
    fn a_page_url_comes_from_its_folders_and_name() {
        for (file, front_matter, url) in [
            ("pages/about.md", "", "/about/"),
            (
                "pages/standards/corrections.md",
                "",
                "/standards/corrections/",
            ),
            ("pages/standards/index.md", "", "/standards/"),
            ("pages/Our Team/Contact Us.md", "", "/our-team/contact-us/"),
            ("pages/contact.md", "slug: write-to-us\n", "/write-to-us/"),
            ("pages/team/index.md", "slug: people\n", "/people/"),
            ("pages/index.md", "", "/"),
        ] {
            let page = parse(file, &format!("---\ntitle: X\n{front_matter}---\nText.\n")).unwrap();
            assert_eq!(page.path, url, "{file}");
        }
    }

    #[test]
    fn a_page_has_a_title_a_menu_place_and_a_summary() {
        let page = parse(
            "pages/about.md",
            "---\ntitle: \"About 'us'\"\nmenu: 2.5\nmenu_title: About\n---\nWe are a [desk](/about/).\n",
        )
        .unwrap();
        assert_eq!(page.title, "About ‘us’");
        assert_eq!(page.menu, Some(2.5));
        assert_eq!(page.menu_title.as_deref(), Some("About"));
        assert_eq!(page.summary, "We are a desk.");
        assert!(page.body.html.contains("href=\"/news/about/\""));
        assert_eq!(page.body_line, 6);
    }

    #[test]
    fn every_problem_of_a_page_is_reported() {
        let errors = parse(
            "pages/about.md",
            "---\ntitel: About\nmenu: [1]\ndraft: maybe\nslug: Not A Slug\n---\nText.\n",
        )
        .unwrap_err();
        let found: Vec<(usize, &str)> = errors
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(found.len(), 5, "{found:?}");
        assert_eq!(errors[0].hint.as_deref(), Some("did you mean `title`?"));
        assert!(
            found
                .iter()
                .any(|(_, m)| m.contains("missing required field `title`"))
        );
        assert!(
            found
                .iter()
                .any(|(l, m)| *l == 3 && m.contains("`menu` must be a number"))
        );
        let errors = parse("pages/about.md", "Just text.\n").unwrap_err();
        assert_eq!(
            errors[0].message,
            "this page does not start with front matter"
        );
    }
}
