//! Content loading: walk `content/`, read each briefing, split and validate its
//! front matter, render its Markdown. Produces `Briefing`s in sorted path order and every
//! diagnostic found; never stops at the first bad file. Knows nothing of URLs or pages.

pub mod dates;
pub mod events;
mod familiar_keys;
pub mod frontmatter;
mod image;
pub mod pages;
pub mod profiles;
pub mod sources;
pub mod style;
pub mod terms;
pub mod trust;
pub mod unfinished;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::markdown::Rendered;
use crate::slug::slugify_in;

pub use dates::DateValue;
pub use events::Event;
pub use frontmatter::Status;
pub use pages::{PAGES_DIR, Page};
pub use profiles::{Profile, TERMS_DIR};
pub use sources::{Source, web_address_problem};
pub use trust::{Correction, Kind};

pub const CONTENT_DIR: &str = "content";

/// One briefing as written, validated and with its body rendered.
#[derive(Debug, Clone)]
pub struct Briefing {
    /// Relative to the site root, with forward slashes: `content/2025/peace-offer.md`.
    pub source_path: PathBuf,
    pub title: String,
    pub date: DateValue,
    /// When it last changed: the latest of `updated:` and the corrections' dates.
    pub updated: Option<DateValue>,
    /// Front matter `summary`, else the body's first paragraph.
    pub summary: String,
    /// Term display names per declared taxonomy (config order), as written.
    pub terms: Vec<Vec<String>>,
    pub status: Option<Status>,
    pub sources: Vec<Source>,
    pub draft: bool,
    pub slug: String,
    /// Old site paths that redirect to this briefing.
    pub aliases: Vec<String>,
    /// File line of `aliases:` (0 when absent), for messages.
    pub aliases_line: usize,
    /// Where each alias is written (file line, column), parallel to `aliases`.
    pub alias_places: Vec<(usize, usize)>,
    /// File line of `sources:` (0 when absent), for messages.
    pub sources_line: usize,
    /// Left out of the site until this moment (scheduled publishing).
    pub publish_at: Option<DateValue>,
    /// Site path from the permalink pattern, e.g. `/2025/07/peace-offer/`.
    pub permalink: String,
    /// File line of a hand-written `slug:`, 0 when the slug comes from the file name.
    pub slug_line: usize,
    /// URL slug of each term (site.yaml override, else transliterated), parallel to `terms`;
    /// empty when the name cannot be slugged (the model reports that).
    pub term_slugs: Vec<Vec<String>>,
    /// Identity of this version of the file (path and bytes), for incremental rebuilds.
    pub fingerprint: u64,
    /// File line of each taxonomy's key (0 when absent), for messages about its terms.
    pub term_lines: Vec<usize>,
    /// Free-form `extra:` from front matter (null when absent).
    pub extra: serde_json::Value,
    /// The language it is written in: its `language:`, else the site's.
    pub language: String,
    /// Findings about this file that do not stop it from loading, in line order: warnings
    /// (a repeated source), and unfinished work, an error in a briefing to be published
    /// (reported by `check` and `build`, shown by the preview, which still renders it).
    pub warnings: Vec<crate::diagnostics::Diagnostic>,
    pub body: Rendered,
    /// File line (1-based) where the body starts: body lines (links) + this - 1 = file lines.
    pub body_line: usize,
    /// File line of `date:`, for messages.
    pub date_line: usize,
    /// The type of work (`kind:`, a report by default).
    pub kind: Kind,
    /// Where it was filed from (`dateline:`).
    pub dateline: Option<String>,
    /// The corrections log, in file order (`corrections_newest_first` for readers).
    pub corrections: Vec<Correction>,
    /// Key events it reports (`events:`), as written.
    pub events: Vec<Event>,
    /// Its own image for link previews and search results (`image:`, `image_alt:`).
    pub image: Option<crate::image::LeadImage>,
}

impl Briefing {
    /// When it last changed, as feeds, the sitemap and JSON-LD say it: `updated` (the latest
    /// of `updated:` and the corrections), unless that moment is before publication. A day
    /// without a time counts as its midnight UTC, so `updated: 2025-02-11` on a briefing
    /// published at 10:00 that day would otherwise read as modified before it was published.
    pub fn modified(&self) -> &DateValue {
        match &self.updated {
            Some(updated) if updated.timestamp >= self.date.timestamp => updated,
            _ => &self.date,
        }
    }

    /// The corrections, newest first (file order among equal moments).
    pub fn corrections_newest_first(&self) -> Vec<&Correction> {
        let mut corrections: Vec<&Correction> = self.corrections.iter().collect();
        corrections.sort_by_key(|c| std::cmp::Reverse(c.date.timestamp));
        corrections
    }
}

/// Whether a file name is an editor's backup, swap or lock file rather than content.
pub fn is_editor_artifact(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}

/// Paths (relative to `root`) of every briefing file under `root/content`, sorted.
pub fn walk_content(root: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let content = root.join(CONTENT_DIR);
    let mut files = Vec::new();
    let mut errors = Vec::new();
    if !content.is_dir() {
        errors.push(
            Diagnostic::error(CONTENT_DIR, 0, 0, "there is no content/ folder").with_hint(
                "create content/ and put briefings in it, or run `sitrep new \"Title\"`",
            ),
        );
        return (files, errors);
    }
    walk_folder(root, &content, &mut files, &mut errors);
    (files, errors)
}

/// Adds the briefings under `folder` to `files` in sorted order (by file name bytes, folders
/// in their sorted place). Entry types come from the directory listing, not a stat per file,
/// and names are sorted as bytes rather than as path components (walkdir spent 15 ms of a
/// 10,000-file build, on one core, comparing parsed paths). Symbolic links are followed by
/// hand, with walkdir's loop detection.
pub(super) fn walk_folder(
    root: &Path,
    folder: &Path,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<Diagnostic>,
) {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(read_error(root, folder, "cannot read this folder", &e));
            return;
        }
    };
    // One unreadable entry is reported on its own; the rest of the folder is still read.
    let mut listing = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => listing.push((entry.file_name(), entry.file_type())),
            Err(e) => errors.push(read_error(root, folder, "cannot read this folder", &e)),
        }
    }
    listing.sort_unstable_by(|(a, _), (b, _)| a.as_encoded_bytes().cmp(b.as_encoded_bytes()));
    for (name, file_type) in listing {
        if is_editor_artifact(&name.to_string_lossy()) {
            continue;
        }
        let path = folder.join(&name);
        match file_type {
            Ok(t) if t.is_symlink() => follow_link(root, &path, files, errors),
            Ok(t) if t.is_dir() => walk_folder(root, &path, files, errors),
            Ok(t) if t.is_file() => push_briefing(root, &path, files),
            Ok(_) => {}
            // Gone since the listing (an editor's temporary file): nothing to read.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => errors.push(read_error(root, &path, "cannot read", &e)),
        }
    }
}

fn push_briefing(root: &Path, path: &Path, files: &mut Vec<PathBuf>) {
    if path.extension().is_some_and(|e| e == "md") {
        files.push(path.strip_prefix(root).unwrap_or(path).to_path_buf());
    }
}

/// A symbolic link inside content/: a linked file is a briefing like any other, a linked
/// folder is walked (following links, with walkdir's loop detection) in its sorted place.
fn follow_link(root: &Path, link: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Diagnostic>) {
    // A link to a folder it is in (`content/sub/self` → `..` or `../sub`) is a loop, however
    // deep in content/ it is.
    let target = std::fs::canonicalize(link);
    let home = link.parent().map(std::fs::canonicalize);
    if let (Ok(target), Some(Ok(home))) = (&target, &home)
        && home.starts_with(target)
    {
        errors.push(
            Diagnostic::error(
                link.strip_prefix(root).unwrap_or(link),
                0,
                0,
                "this link points to a folder that contains it, so it would be read forever",
            )
            .with_hint("remove the link, or point it somewhere outside content/"),
        );
        return;
    }
    let walker = walkdir::WalkDir::new(link)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_editor_artifact(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => push_briefing(root, entry.path(), files),
            Ok(_) => {}
            Err(e) => errors.push(walk_error(root, &e)),
        }
    }
}

fn read_error(root: &Path, path: &Path, what: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        path.strip_prefix(root).unwrap_or(path),
        0,
        0,
        format!("{what}: {e}"),
    )
}

fn walk_error(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e
        .path()
        .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf());
    Diagnostic::error(
        path.unwrap_or_else(|| PathBuf::from(CONTENT_DIR)),
        0,
        0,
        format!("cannot read: {e}"),
    )
}

/// Loads every briefing under `root/content` in parallel; results keep sorted path order.
/// Each briefing goes behind its `Arc` where it is parsed: moved through the results and
/// then into an `Arc`, every ~1 KB struct was held twice at once (100 MB at 100,000).
pub fn load_content(root: &Path, config: &Config) -> (Vec<Arc<Briefing>>, Vec<Diagnostic>) {
    let (files, mut errors) = walk_content(root);
    let results: Vec<Result<Arc<Briefing>, Vec<Diagnostic>>> = files
        .par_iter()
        .map(|relative| load_briefing(root, relative, config).map(Arc::new))
        .collect();
    let mut briefings = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(b) => briefings.push(b),
            Err(mut e) => errors.append(&mut e),
        }
    }
    (briefings, errors)
}

/// Reads and parses one briefing file; `relative` is its path from the site root.
pub fn load_briefing(
    root: &Path,
    relative: &Path,
    config: &Config,
) -> Result<Briefing, Vec<Diagnostic>> {
    let bytes = std::fs::read(root.join(relative)).map_err(|e| {
        vec![Diagnostic::error(
            relative,
            0,
            0,
            format!("cannot read this file: {e}"),
        )]
    })?;
    parse_bytes(relative, bytes, config)
}

/// Parses the bytes of a briefing file: UTF-8 check, then `parse_briefing`.
pub fn parse_bytes(
    relative: &Path,
    bytes: Vec<u8>,
    config: &Config,
) -> Result<Briefing, Vec<Diagnostic>> {
    let text = utf8_text(relative, bytes)?;
    parse_briefing(relative, &text, config)
}

/// The text of a file read as `bytes`, or an error at the first byte that is not UTF-8.
pub(super) fn utf8_text(relative: &Path, bytes: Vec<u8>) -> Result<String, Vec<Diagnostic>> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = &e.as_bytes()[..at];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        // Valid up to `at`, so the line so far is text: its characters give the column.
        let col = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        let byte = e.as_bytes()[at];
        vec![
            Diagnostic::error(
                relative,
                line,
                col,
                format!("this file is not UTF-8 text: byte 0x{byte:02X} here is not UTF-8"),
            )
            .with_hint(
                "save it as UTF-8 in your editor (it may have been saved as Windows-1252 or \
                 Latin-1, where this byte is an accented letter or a typographic quote)",
            ),
        ]
    })
}

/// House-style findings (site.yaml `style.prefer`) in a file's body and in the values of its
/// front-matter `keys`, and in `more` stretches of it: briefings, pages and profiles alike.
/// `written` is the file's path, text, first body line and body.
pub(super) fn style_findings(
    (path, text, body_line, body): (&Path, &str, usize, &str),
    keys: &[&str],
    more: impl IntoIterator<Item = style::TextSpan>,
    config: &Config,
) -> Vec<Diagnostic> {
    if config.style.prefer.is_empty() {
        return Vec::new();
    }
    let mut spans: Vec<style::TextSpan> = keys
        .iter()
        .filter_map(|key| style::front_matter_value(text, body_line, key))
        .collect();
    spans.extend(more);
    spans.push(style::body_span(text, text.len() - body.len()));
    style::check_style(path, text, &spans, &config.style)
}

/// Warnings about a body: an indented block shows as code, which in a briefing is nearly
/// always an accident (a tab, or four spaces, at the start of a paragraph); an image without
/// alt text tells a reader who cannot see it nothing.
pub(super) fn body_warnings(
    path: &Path,
    text: &str,
    body_line: usize,
    body: &Rendered,
    findings: &mut Vec<Diagnostic>,
) {
    for &line in &body.indented_code {
        let file_line = body_line + line - 1;
        let tab = text
            .lines()
            .nth(file_line - 1)
            .is_some_and(|l| l.trim_start_matches(' ').starts_with('\t'));
        let what = if tab { "a tab" } else { "four spaces or more" };
        findings.push(
            Diagnostic::warning(
                path,
                file_line,
                1,
                format!("this text starts with {what}, so it shows as a block of code"),
            )
            .with_source_line(text)
            .with_hint("remove the indentation at the start of the line; for code on purpose, put it between two ``` lines")
            .with_rule("markdown"),
        );
    }
    for &(line, col) in &body.images_without_alt {
        findings.push(
            Diagnostic::warning(
                path,
                body_line + line - 1,
                col,
                "this image has no text alternative",
            )
            .with_source_line(text)
            .with_hint("describe the image for readers who cannot see it, between the brackets: ![Map of the front line near Pokrovsk](/images/pokrovsk.png)")
            .with_rule("images"),
        );
    }
    findings.sort_by_key(|d| (d.line, d.col));
}

/// A body rendered with the sizes of the site's images (the markdown module reads no files).
pub(super) fn render_body(
    body: &str,
    config: &Config,
    path: &Path,
    want_first_paragraph: bool,
) -> Rendered {
    crate::markdown::render_markdown_sized(
        body,
        &config.base_url.path,
        path,
        want_first_paragraph,
        &config.image_sizes,
    )
}

/// `fingerprint_bytes`, and the sizes of the site's images the file shows: an image resized
/// under static/ changes the pages that show it, though their file did not change.
pub(super) fn fingerprint_file(
    path: &Path,
    text: &str,
    body: &Rendered,
    image: Option<&crate::image::LeadImage>,
    config: &Config,
) -> u64 {
    let bytes = fingerprint_bytes(path, text.as_bytes());
    let sizes: Vec<Option<(u32, u32)>> = body
        .links
        .iter()
        .filter(|link| link.image)
        .map(|link| config.image_sizes.get(&link.dest))
        .chain(image.map(|i| i.size))
        .collect();
    if sizes.iter().all(Option::is_none) {
        return bytes;
    }
    let mut h = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(&(bytes, sizes), &mut h);
    std::hash::Hasher::finish(&h)
}

/// A hash of a file's path and bytes: the same input gives the same number within a run of
/// sitrep (fingerprints are only ever kept in memory). aHash with fixed seeds: std's SipHash
/// took 2% of a 10,000-briefing build's CPU hashing every file's bytes.
pub fn fingerprint_bytes(path: &Path, bytes: &[u8]) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut hasher =
        ahash::RandomState::with_seeds(0x736974_7265705f, 0x66696e676572, 0x7072696e74, 0x5f76315f)
            .build_hasher();
    path.hash(&mut hasher);
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// Parses the text of a briefing at `path` (relative to the site root). Pure. `Err` holds
/// every finding of the file (errors and warnings, in line order); `Ok` carries its warnings.
pub fn parse_briefing(
    path: &Path,
    text: &str,
    config: &Config,
) -> Result<Briefing, Vec<Diagnostic>> {
    match parse_briefing_partial(path, text, config) {
        (Some(mut briefing), mut findings) if !findings.iter().any(Diagnostic::is_error) => {
            findings.append(&mut briefing.warnings);
            findings.sort_by_key(|d| (d.line, d.col));
            briefing.warnings = findings;
            Ok(briefing)
        }
        // Every problem of the file, the ones that alone would not stop it included.
        (briefing, mut findings) => {
            findings.extend(briefing.into_iter().flat_map(|b| b.warnings));
            findings.sort_by_key(|d| (d.line, d.col));
            Err(findings)
        }
    }
}

/// Parses a briefing as far as it can be read: every finding of the file, in line order, and
/// the briefing whenever its title, date and slug are usable, even if other fields have
/// problems (which keep their defaults). `check` uses it to check the links of such a file.
/// The findings that do not stop the file from loading (unfinished work) are in the
/// briefing's `warnings`.
pub fn parse_briefing_partial(
    path: &Path,
    text: &str,
    config: &Config,
) -> (Option<Briefing>, Vec<Diagnostic>) {
    let split = match frontmatter::split_front_matter(path, text) {
        Ok(split) => split,
        Err(d) => return (None, vec![d.with_rule("front matter")]),
    };
    let (fm, mut findings) = frontmatter::read_front_matter(path, text, &split, config);
    crate::diagnostics::set_rule(&mut findings, "front matter");
    let Some(fm) = fm else {
        return (None, findings);
    };
    let slug_line = fm.slug_line;
    let language = fm
        .language
        .clone()
        .unwrap_or_else(|| config.language.clone());
    let slug = match fm.slug {
        Some(slug) => slug,
        None => {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            let slug = slugify_in(&stem, &language);
            if slug.is_empty() {
                findings.push(Diagnostic::error(path, 0, 0, "cannot make a URL slug from this file name")
                    .with_hint("rename the file using letters a-z and digits, or add `slug: some-name` to the front matter"));
                findings.sort_by_key(|d| (d.line, d.col));
                return (None, findings);
            }
            slug
        }
    };
    let term_slugs = fm.term_slugs;
    let permalink = config
        .permalink
        .expand(fm.date.year(), fm.date.month(), fm.date.day(), &slug);
    let mut body = render_body(split.body, config, path, fm.summary.is_none());
    let lead_image = fm.image.map(|i| i.sized(&config.image_sizes));
    let body_line = text[..text.len() - split.body.len()].matches('\n').count() + 1;
    body_warnings(path, text, body_line, &body, &mut findings);
    let mut unfinished = unfinished::check_unfinished(&unfinished::Written {
        path,
        text,
        body_line,
        summary: fm.summary.as_deref(),
        sources: &fm.sources,
        body: &body,
        draft: fm.draft,
    });
    if !config.style.prefer.is_empty() {
        let corrections = fm
            .corrections
            .iter()
            .filter(|c| c.text_at.0 > 0)
            .filter_map(|c| style::value_span(text, c.text_at.0, c.text_at.1));
        let written = (path, text, body_line, split.body);
        unfinished.extend(style_findings(
            written,
            &["title", "summary", "dateline"],
            corrections,
            config,
        ));
        unfinished.sort_by_key(|d| (d.line, d.col));
    }
    let summary = fm
        .summary
        .unwrap_or_else(|| std::mem::take(&mut body.first_paragraph));
    let briefing = Briefing {
        source_path: PathBuf::from(path.to_string_lossy().replace('\\', "/")),
        title: crate::markdown::smart_punctuation(&fm.title),
        date: fm.date,
        updated: trust::last_changed(fm.updated, &fm.corrections),
        summary,
        terms: fm.terms,
        term_slugs,
        fingerprint: fingerprint_file(path, text, &body, lead_image.as_ref(), config),
        term_lines: fm.term_lines,
        status: fm.status,
        sources: fm.sources,
        draft: fm.draft,
        slug,
        permalink,
        aliases: fm.aliases,
        aliases_line: fm.aliases_line,
        alias_places: fm.alias_places,
        sources_line: fm.sources_line,
        publish_at: fm.publish_at,
        slug_line,
        extra: fm.extra,
        language,
        warnings: unfinished,
        date_line: fm.date_line,
        events: fm.events,
        image: lead_image,
        body_line,
        body,
        kind: fm.kind,
        dateline: fm.dateline,
        corrections: fm.corrections,
    };
    (Some(briefing), findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_artifacts_are_recognised() {
        for name in [".#a.md", "a.md~", ".a.md.swp", "#a.md#", ".hidden.md"] {
            assert!(is_editor_artifact(name), "{name}");
        }
        assert!(!is_editor_artifact("peace-offer.md"));
    }

    #[test]
    fn walk_lists_briefings_depth_first_in_byte_order_without_artifacts() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join(CONTENT_DIR);
        for file in [
            "b.md",
            "a/z.md",
            "a/y/x.md",
            "a-b.md",
            "A.md",
            ".hidden.md",
            "x.md~",
            "notes.txt",
            ".drafts/secret.md",
        ] {
            let path = content.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let (files, errors) = walk_content(dir.path());
        assert!(errors.is_empty(), "{errors:?}");
        let files: Vec<String> = files
            .iter()
            .map(|f| f.to_string_lossy().replace('\\', "/"))
            .collect();
        assert_eq!(
            files,
            [
                "content/A.md",
                "content/a/y/x.md",
                "content/a/z.md",
                "content/a-b.md",
                "content/b.md"
            ]
        );
    }

    #[test]
    fn slug_comes_from_the_file_name_and_summary_from_the_first_paragraph() {
        let config = crate::config::parse_config("title: T\nbase_url: https://e.org/\n").unwrap();
        let b = parse_briefing(
            Path::new("content/São Tomé Talks.md"),
            "---\ntitle: A\ndate: 2025-01-01\n---\n\n## Head\n\nFirst *para*.\n",
            &config,
        )
        .unwrap();
        assert_eq!(b.slug, "sao-tome-talks");
        assert_eq!(b.summary, "First para.");
    }
}
