//! `sitrep check`: everything a build validates — config, theme, content, the model, every
//! page rendered in memory — plus what a reviewer wants to know before a pull request is
//! merged: internal links and their `#fragment`s resolve, sources have well-formed web
//! addresses and are not cited twice, `updated` is not before `date`, nothing is dated in
//! the future by accident, term spellings agree, and templates do not write root-relative
//! URLs past the `url` helper. Writes nothing. Every finding is a `Diagnostic` at the file,
//! line and column an editor can fix; how they are printed is the binary's business.
//!
//! The helpers that read links, anchors and addresses (`links`, `classify`, `anchors`,
//! `web_address_problem`, `root_relative_urls`) are pure and tested here.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use pulldown_cmark::{Event, LinkType, Parser, Tag};
use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, Briefing};
use crate::diagnostics::{self, Diagnostic, Severity, did_you_mean, edit_distance};
use crate::render::{self, RenderFailure, Renderer, Theme};
use crate::site::{self, Site};

/// What `sitrep check` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Overrides `base_url` from site.yaml, as `build --base-url` does.
    pub base_url: Option<String>,
    /// Check drafts too, as `build --drafts` would publish them.
    pub drafts: bool,
}

/// What a check found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Every finding, sorted by file, line and column.
    pub diagnostics: Vec<Diagnostic>,
    /// How many briefing files were checked (drafts only with `--drafts`).
    pub briefings: usize,
}

impl CheckReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// The last line of the text output: `2 errors, 1 warning (12 briefings checked).`
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let briefings = plural(self.briefings, "briefing");
        if self.diagnostics.is_empty() {
            format!("No problems found in {briefings}.")
        } else {
            format!(
                "{}, {} ({briefings} checked).",
                plural(self.errors(), "error"),
                plural(self.warnings(), "warning")
            )
        }
    }
}

/// `sitrep check`: validates the site in `root` without writing anything.
pub fn check(root: &Path, options: &CheckOptions) -> CheckReport {
    let config = match crate::load_site_config(root, options.base_url.as_deref()) {
        Ok(config) => config,
        Err(mut diagnostics) => {
            diagnostics::sort(&mut diagnostics);
            return CheckReport {
                diagnostics,
                briefings: 0,
            };
        }
    };
    let now = crate::now();
    let mut diagnostics = Vec::new();

    // What a build validates, then every page rendered into memory (template errors).
    let mut site = None;
    let mut theme = None;
    let mut page_ids = HashMap::new();
    match crate::load_site(root, options.base_url.as_deref(), options.drafts) {
        Ok(loaded) => {
            let rendered = render_in_memory(loaded.site, loaded.theme);
            diagnostics.extend(rendered.errors);
            page_ids = rendered.ids;
            site = Some(rendered.site);
            theme = Some(rendered.theme);
        }
        Err(errors) => diagnostics.extend(errors),
    }

    // The files as written: the extra checks need their text and line positions. A file
    // that does not load has its errors above already; its links are still checked.
    let files = read_files(root, &config);
    let site = site.or_else(|| {
        let briefings = files
            .iter()
            .filter_map(|f| f.briefing.clone())
            .map(Arc::new)
            .collect();
        Site::build(config.clone(), briefings, options.drafts, now)
            .ok()
            .map(Arc::new)
    });
    let theme = theme.or_else(|| render::load_theme(root, &config).ok().map(Arc::new));

    let targets = Targets::new(
        &files,
        site.as_deref(),
        theme.as_deref(),
        page_ids,
        options.drafts,
        now,
    );
    let checked: Vec<&File> = files
        .iter()
        .filter(|f| options.drafts || !f.briefing.as_ref().is_some_and(|b| b.draft))
        .collect();
    let mut found: Vec<Diagnostic> = checked
        .par_iter()
        .flat_map_iter(|file| {
            let mut out = Vec::new();
            check_links(file, &targets, &mut out);
            if let Some(b) = &file.briefing {
                check_sources(file, b, &mut out);
                check_dates(file, b, now, &mut out);
            }
            out
        })
        .collect();
    check_terms(&config, site.as_deref(), &checked, &mut found);
    if let Some(theme) = &theme {
        check_templates(theme, &mut found);
    }
    diagnostics.append(&mut found);
    diagnostics::sort(&mut diagnostics);
    CheckReport {
        diagnostics,
        briefings: checked.len(),
    }
}

/// A briefing file as written, parsed where it parses.
struct File {
    /// Relative to the site root, forward slashes (as `Briefing::source_path`).
    path: PathBuf,
    text: String,
    /// Byte offset of the body in `text`, when the front matter could be split.
    body_start: Option<usize>,
    briefing: Option<Briefing>,
}

fn read_files(root: &Path, config: &Config) -> Vec<File> {
    let (paths, _) = content::walk_content(root);
    paths
        .par_iter()
        .filter_map(|relative| {
            let text = std::fs::read_to_string(root.join(relative)).ok()?;
            let path = PathBuf::from(relative.to_string_lossy().replace('\\', "/"));
            let body_start = content::frontmatter::split_front_matter(&path, &text)
                .ok()
                .map(|split| text.len() - split.body.len());
            let briefing = content::parse_briefing(&path, &text, config).ok();
            Some(File {
                path,
                text,
                body_start,
                briefing,
            })
        })
        .collect()
}

struct Rendered {
    site: Arc<Site>,
    theme: Arc<Theme>,
    /// Output file → the element ids on that HTML page.
    ids: HashMap<PathBuf, HashSet<String>>,
    errors: Vec<Diagnostic>,
}

/// Renders every page as a build would, keeping only the ids each HTML page defines.
fn render_in_memory(site: Site, theme: Theme) -> Rendered {
    let site = Arc::new(site);
    let theme = Arc::new(theme);
    let renderer = match Renderer::new(site.clone(), theme.clone(), None) {
        Ok(renderer) => renderer,
        Err(errors) => {
            return Rendered {
                site,
                theme,
                ids: HashMap::new(),
                errors,
            };
        }
    };
    let ids = Mutex::new(HashMap::new());
    let result = renderer.render_each(&site.pages(), |output| {
        if output.path.extension().is_some_and(|e| e == "html") {
            let page_ids = anchors(&String::from_utf8_lossy(&output.bytes));
            ids.lock()
                .expect("no panics while holding the lock")
                .insert(output.path, page_ids);
        }
        Ok(())
    });
    let errors = match result {
        Ok(_) => Vec::new(),
        Err(RenderFailure::Templates(errors)) => errors,
        Err(RenderFailure::Sink(error)) => {
            vec![Diagnostic::error("(render)", 0, 0, format!("{error:#}"))]
        }
    };
    drop(renderer);
    Rendered {
        site,
        theme,
        ids: ids.into_inner().expect("no panics while holding the lock"),
        errors,
    }
}

// ---------------------------------------------------------------------------------------
// Links

/// A link or image in Markdown, with where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    /// 1-based line within the text given to `links`.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    pub image: bool,
}

/// Every link and image in `markdown` (inline and reference style), in document order,
/// parsed with the renderer's own options. Autolinks (`<https://…>`) are left out: they are
/// always external.
pub fn links(markdown: &str) -> Vec<Link> {
    let lines = LineIndex::new(markdown);
    Parser::new_ext(markdown, crate::markdown::options())
        .into_offset_iter()
        .filter_map(|(event, range)| {
            let (link_type, dest, image) = match event {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }) => (link_type, dest_url, false),
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    ..
                }) => (link_type, dest_url, true),
                _ => return None,
            };
            if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                return None;
            }
            let (line, col) = lines.line_col(range.start);
            Some(Link {
                dest: dest.into_string(),
                line,
                col,
                image,
            })
        })
        .collect()
}

/// What a link points at, as the renderer and a browser will read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<'a> {
    /// `https://…`, `mailto:…`, `//host/…`: not checked.
    External,
    /// `#id` on the same page; empty for the page itself.
    Fragment(&'a str),
    /// `/2025/07/x/#id`: a path from the site root (written for a site at `/`).
    SitePath {
        path: &'a str,
        fragment: Option<&'a str>,
    },
    /// `other.md`, `../2024/x.md#id`: another briefing's file, relative to this file.
    File {
        path: &'a str,
        fragment: Option<&'a str>,
    },
    /// `map.png`, `../other/`: relative to the page's own URL.
    Relative {
        path: &'a str,
        fragment: Option<&'a str>,
    },
}

/// Classifies a link destination the way `markdown::render_markdown` treats it.
pub fn classify(dest: &str) -> Target<'_> {
    let dest = dest.trim();
    let (before_hash, fragment) = match dest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (dest, None),
    };
    let path = before_hash.split_once('?').map_or(before_hash, |(p, _)| p);
    if dest.starts_with("//") {
        Target::External
    } else if dest.starts_with('/') {
        Target::SitePath { path, fragment }
    } else if dest.starts_with('#') || (path.is_empty() && !dest.contains(':')) {
        Target::Fragment(fragment.unwrap_or(""))
    } else if dest.contains(':') {
        Target::External
    } else if before_hash.ends_with(".md") {
        Target::File {
            path: before_hash,
            fragment,
        }
    } else {
        Target::Relative { path, fragment }
    }
}

/// The site-root path of a briefing file linked from `source`, exactly as the renderer
/// resolves it.
pub use crate::markdown::resolve_file;

/// A relative URL resolved against the site path of the page it is on, as a browser does
/// (`/2025/07/a/` + `../b/` → `/2025/07/b/`).
pub fn resolve_url(page: &str, relative: &str) -> String {
    let base = &page[..page.rfind('/').map_or(0, |i| i + 1)];
    let mut segments: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    let parts: Vec<&str> = relative.split('/').collect();
    for part in &parts {
        match *part {
            ".." => {
                segments.pop();
            }
            "." | "" => {}
            other => segments.push(other),
        }
    }
    let directory = relative.is_empty()
        || relative.ends_with('/')
        || matches!(parts.last(), Some(&"..") | Some(&"."));
    let mut url = format!("/{}", segments.join("/"));
    if directory && !segments.is_empty() {
        url.push('/');
    }
    url
}

/// `%20` → ` `; invalid escapes are kept as written.
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The ids an HTML page defines (`id="…"` on any element): headings, footnote definitions
/// and whatever the template adds. Link fragments must name one of them.
pub fn anchors(html: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut rest = html;
    while let Some(at) = rest.find("id=\"") {
        let before = rest[..at].chars().next_back();
        let after = &rest[at + 4..];
        let Some(end) = after.find('"') else { break };
        if before.is_some_and(char::is_whitespace) {
            ids.insert(unescape_html(&after[..end]));
        }
        rest = &after[end..];
    }
    ids
}

fn unescape_html(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Whether a briefing is in the site now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Published,
    /// `draft: true`, checked without `--drafts`.
    Draft,
    /// `publish_at:` still ahead.
    Scheduled(jiff::Timestamp),
}

fn state(b: &Briefing, drafts: bool, now: jiff::Timestamp) -> State {
    if b.draft && !drafts {
        State::Draft
    } else {
        match &b.publish_at {
            Some(at) if at.timestamp > now => State::Scheduled(at.timestamp),
            _ => State::Published,
        }
    }
}

/// What a site path is.
enum Found {
    /// A briefing (index into the files), whatever its state.
    Briefing(usize),
    /// A generated page or a static file.
    Exists,
    Missing,
    /// Nothing can be said: the site or theme did not load.
    Unknown,
}

/// Everything a link may point at, indexed for lookups.
struct Targets<'a> {
    files: &'a [File],
    drafts: bool,
    now: jiff::Timestamp,
    /// Source path → index into `files` (every briefing file, even one that does not load).
    by_file: HashMap<&'a str, usize>,
    /// Output file of a parsed briefing's permalink → index into `files`.
    by_output: HashMap<PathBuf, usize>,
    /// Output files of every page of the site, when the model loaded.
    pages: Option<HashSet<PathBuf>>,
    /// Static files (site and theme), when the theme loaded.
    statics: Option<HashSet<&'a str>>,
    /// Output file → ids on that page: rendered pages, else briefing bodies.
    ids: HashMap<PathBuf, HashSet<String>>,
    /// Published briefing URLs, for "did you mean" on broken links.
    similar_pages: Suggester<'a>,
    /// Briefing files, for "did you mean" on broken links to files.
    similar_files: Suggester<'a>,
}

impl<'a> Targets<'a> {
    fn new(
        files: &'a [File],
        site: Option<&Site>,
        theme: Option<&'a Theme>,
        mut ids: HashMap<PathBuf, HashSet<String>>,
        drafts: bool,
        now: jiff::Timestamp,
    ) -> Targets<'a> {
        let mut by_file = HashMap::new();
        let mut by_output = HashMap::new();
        for (i, file) in files.iter().enumerate() {
            by_file.insert(file.path.to_str().unwrap_or_default(), i);
            if let Some(b) = &file.briefing {
                let output = site::output_file(&b.permalink);
                ids.entry(output.clone())
                    .or_insert_with(|| anchors(&b.body.html));
                by_output.entry(output).or_insert(i);
            }
        }
        let similar_pages = Suggester::new(
            files
                .iter()
                .filter_map(|f| f.briefing.as_ref())
                .filter(|b| state(b, drafts, now) == State::Published)
                .map(|b| b.permalink.as_str()),
        );
        let similar_files = Suggester::new(by_file.keys().copied());
        Targets {
            files,
            drafts,
            now,
            similar_pages,
            similar_files,
            by_file,
            by_output,
            pages: site.map(|site| {
                site.pages()
                    .into_iter()
                    .map(|key| site::output_file(&site.path(key)))
                    .collect()
            }),
            statics: theme.map(|t| t.static_files.keys().map(String::as_str).collect()),
            ids,
        }
    }

    fn find(&self, path: &str) -> Found {
        let output = site::output_file(path);
        if let Some(&i) = self.by_output.get(&output) {
            return Found::Briefing(i);
        }
        let is_static = self
            .statics
            .as_ref()
            .map(|s| s.contains(output.to_string_lossy().as_ref()));
        let is_page = self.pages.as_ref().map(|p| p.contains(&output));
        match (is_page, is_static) {
            (Some(true), _) | (_, Some(true)) => Found::Exists,
            (Some(false), Some(false)) => Found::Missing,
            _ => Found::Unknown,
        }
    }

    fn briefing(&self, i: usize) -> Option<&'a Briefing> {
        self.files[i].briefing.as_ref()
    }
}

/// Finds, among many names, one a typo away from a given word, in time that does not grow
/// with the number of names: a typo keeps either the start or the end of a long name, so
/// the names next to the word in sorted order, and next to it in sorted order of reversed
/// names, are the only candidates worth an edit distance.
struct Suggester<'a> {
    forward: Vec<&'a str>,
    /// (name reversed, name), sorted.
    backward: Vec<(String, &'a str)>,
}

impl<'a> Suggester<'a> {
    /// Candidates on each side of the word, in each order.
    const WINDOW: usize = 8;

    fn new(names: impl Iterator<Item = &'a str>) -> Suggester<'a> {
        let mut forward: Vec<&str> = names.collect();
        forward.sort_unstable();
        forward.dedup();
        let mut backward: Vec<(String, &str)> = forward
            .iter()
            .map(|name| (name.chars().rev().collect(), *name))
            .collect();
        backward.sort_unstable();
        Suggester { forward, backward }
    }

    fn suggest(&self, word: &str) -> Option<&'a str> {
        let around =
            |len: usize, at: usize| at.saturating_sub(Self::WINDOW)..(at + Self::WINDOW).min(len);
        let at = self.forward.partition_point(|name| *name < word);
        let reversed: String = word.chars().rev().collect();
        let back_at = self
            .backward
            .partition_point(|(name, _)| name.as_str() < reversed.as_str());
        let candidates = self.forward[around(self.forward.len(), at)]
            .iter()
            .copied()
            .chain(
                self.backward[around(self.backward.len(), back_at)]
                    .iter()
                    .map(|(_, name)| *name),
            );
        suggest(word, candidates)
    }
}

/// The candidate at most `MAX_TYPO` edits from `word` (the closest; the first of equals),
/// for "did you mean". Cheap enough to run for every broken link of a large site: a length
/// test first, then an edit distance that gives up beyond `MAX_TYPO`.
fn suggest<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let word: Vec<char> = word.chars().collect();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let other: Vec<char> = candidate.chars().collect();
        let limit = best.map_or(MAX_TYPO, |(d, _)| d.saturating_sub(1));
        if let Some(d) = bounded_distance(&word, &other, limit)
            && best.is_none_or(|(b, _)| d < b)
        {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Edits a link may be away from a real target and still be suggested.
const MAX_TYPO: usize = 3;

/// Optimal-string-alignment distance between `a` and `b` if it is at most `limit`.
fn bounded_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let far = limit + 1;
    let mut rows = vec![vec![far; b.len() + 1]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(limit + 1) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur].fill(far);
        if i <= limit {
            rows[cur][0] = i;
        }
        let from = i.saturating_sub(limit).max(1);
        let to = (i + limit).min(b.len());
        let mut row_min = rows[cur][0];
        for j in from..=to {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = d.min(far);
            row_min = row_min.min(rows[cur][j]);
        }
        if row_min > limit {
            return None;
        }
    }
    Some(rows[a.len() % 3][b.len()]).filter(|d| *d <= limit)
}

/// Maps byte offsets of a text to 1-based lines and character columns.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let col = self.text[start..offset].chars().count() + 1;
        (line, col)
    }
}

fn check_links(file: &File, targets: &Targets, out: &mut Vec<Diagnostic>) {
    let Some(body_start) = file.body_start else {
        return;
    };
    let first_line = file.text[..body_start].matches('\n').count() + 1;
    // The page this file becomes, and when it is published (None: it is published now).
    let (page, published_at) = match &file.briefing {
        Some(b) => (
            Some(b.permalink.as_str()),
            match state(b, targets.drafts, targets.now) {
                State::Scheduled(at) => Some(at),
                _ => None,
            },
        ),
        None => (None, None),
    };
    for link in links(&file.text[body_start..]) {
        let line = first_line + link.line - 1;
        let at = |severity: Severity, message: String| {
            let d = Diagnostic::error(&file.path, line, link.col, message);
            Diagnostic { severity, ..d }.with_source_line(&file.text)
        };
        let dest = link.dest.as_str();
        let checks = LinkChecks {
            targets,
            dest,
            page,
            published_at,
            at: &at,
        };
        let (output, fragment) = match classify(dest) {
            Target::External => continue,
            Target::Fragment(fragment) => match page {
                Some(page) => (site::output_file(page), fragment),
                None => continue,
            },
            Target::File { path, fragment } => {
                match checks.file(&resolve_file(&file.path, path), out) {
                    Some(output) => (output, fragment.unwrap_or("")),
                    None => continue,
                }
            }
            Target::SitePath { path, fragment } => {
                match checks.site_path(&percent_decode(path), link.image, out) {
                    Some(output) => (output, fragment.unwrap_or("")),
                    None => continue,
                }
            }
            Target::Relative { path, fragment } => {
                let Some(page) = page else { continue };
                let path = percent_decode(&resolve_url(page, path));
                match checks.site_path(&path, link.image, out) {
                    Some(output) => (output, fragment.unwrap_or("")),
                    None => continue,
                }
            }
        };
        checks.fragment(&output, fragment, out);
    }
}

/// Checks of one link: what it points at must exist and be published.
struct LinkChecks<'a> {
    targets: &'a Targets<'a>,
    /// The link as written.
    dest: &'a str,
    /// The site path of the page the link is on, when known.
    page: Option<&'a str>,
    /// When that page is published; None: now.
    published_at: Option<jiff::Timestamp>,
    /// A finding at the link.
    at: &'a dyn Fn(Severity, String) -> Diagnostic,
}

impl LinkChecks<'_> {
    /// A link to the briefing file `resolved` (from the site root); its page's output file.
    fn file(&self, resolved: &str, out: &mut Vec<Diagnostic>) -> Option<PathBuf> {
        let dest = self.dest;
        let Some(&i) = self.targets.by_file.get(resolved) else {
            let hint = match self.targets.similar_files.suggest(resolved) {
                Some(other) => format!(
                    "did you mean {other}? A link to a file is relative to this file's folder"
                ),
                None => "link to another briefing by its file, relative to this one (`other.md`, `../2024/other.md`), or by its URL (`/2024/05/other/`)".into(),
            };
            out.push(
                (self.at)(
                    Severity::Error,
                    format!("broken link `{dest}`: there is no briefing file {resolved}"),
                )
                .with_hint(hint),
            );
            return None;
        };
        // A file that does not load has errors of its own.
        let b = self.targets.briefing(i)?;
        self.target_state(b, out);
        Some(site::output_file(&b.permalink))
    }

    /// A link to the site path `path` (base path not included); the output file it names.
    fn site_path(&self, path: &str, image: bool, out: &mut Vec<Diagnostic>) -> Option<PathBuf> {
        let dest = self.dest;
        match self.targets.find(path) {
            Found::Unknown => return None,
            Found::Exists => {}
            Found::Briefing(i) => {
                if let Some(b) = self.targets.briefing(i) {
                    self.target_state(b, out);
                }
            }
            Found::Missing => {
                let with_slash = format!("{path}/");
                if !path.ends_with('/') && !matches!(self.targets.find(&with_slash), Found::Missing)
                {
                    out.push(
                        (self.at)(
                            Severity::Warning,
                            format!("link `{dest}` leaves out the final `/` of {with_slash}"),
                        )
                        .with_hint(format!(
                            "write `{with_slash}`: not every server redirects to it"
                        )),
                    );
                    return None;
                }
                let what = if image { "image" } else { "link" };
                let hint = match self.targets.similar_pages.suggest(path) {
                    Some(other) => format!("did you mean `{other}`?"),
                    None => "write links from the site root as for a site at `/`: a briefing is `/YYYY/MM/slug/`, a tag `/tags/name/`, a file in static/ `/img/map.png`".into(),
                };
                out.push(
                    (self.at)(
                        Severity::Error,
                        format!("broken {what} `{dest}`: there is no page or file at {path} on this site"),
                    )
                    .with_hint(hint),
                );
                return None;
            }
        }
        Some(site::output_file(path))
    }

    /// A link to a draft is broken in the published site; one to a briefing scheduled
    /// later than the linking one is broken until then.
    fn target_state(&self, target: &Briefing, out: &mut Vec<Diagnostic>) {
        let (dest, path) = (self.dest, target.source_path.display());
        match state(target, self.targets.drafts, self.targets.now) {
            State::Published => {}
            State::Draft => out.push(
                (self.at)(
                    Severity::Error,
                    format!("broken link `{dest}`: {path} is a draft (`draft: true`), so it is not published"),
                )
                .with_hint("publish that briefing first, or add the link once it is published"),
            ),
            State::Scheduled(due) if self.published_at.is_none_or(|own| own < due) => out.push(
                (self.at)(
                    Severity::Warning,
                    format!("link `{dest}` is broken until {due}: {path} is scheduled for then (`publish_at:`)"),
                )
                .with_hint("schedule this briefing no earlier than that one, or add the link once it is out"),
            ),
            State::Scheduled(_) => {}
        }
    }

    /// The `#fragment` must be an id on the page written to `output`, when its ids are known.
    fn fragment(&self, output: &Path, fragment: &str, out: &mut Vec<Diagnostic>) {
        if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") {
            return;
        }
        let Some(ids) = self.targets.ids.get(output) else {
            return;
        };
        if ids.contains(fragment) || ids.contains(&percent_decode(fragment)) {
            return;
        }
        let place = if self.page.is_some_and(|p| site::output_file(p) == output) {
            "this briefing".to_string()
        } else {
            format!("the page {}", site_path_of(output))
        };
        let hint = match did_you_mean(fragment, ids.iter().map(String::as_str)) {
            Some(id) => format!("did you mean `#{id}`?"),
            None => "a heading's id is its text in lowercase with dashes (`## Outlook` → `#outlook`); `## Outlook {#custom}` sets one".into(),
        };
        out.push(
            (self.at)(
                Severity::Error,
                format!(
                    "broken link `{}`: {place} has no heading or footnote with the id `{fragment}`",
                    self.dest
                ),
            )
            .with_hint(hint),
        );
    }
}

/// The site path of an output file, for messages (`2025/07/x/index.html` → `/2025/07/x/`).
fn site_path_of(output: &Path) -> String {
    let text = output.to_string_lossy().replace('\\', "/");
    match text.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{text}"),
    }
}

// ---------------------------------------------------------------------------------------
// Sources and dates

/// Why `url` is not a well-formed http(s) address, or `None` when it is.
pub fn web_address_problem(url: &str) -> Option<String> {
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
    {
        return Some(if c.is_whitespace() {
            "it contains a space".into()
        } else {
            format!("it contains `{}`", c.escape_default())
        });
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return Some("it does not start with `https://`".into());
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Some(if scheme.contains(['/', '.']) {
            "it does not start with `https://`".into()
        } else {
            format!("`{scheme}:` is not a web address; a source must be an http(s) page")
        });
    }
    let Some(rest) = rest.strip_prefix("//") else {
        return Some(format!(
            "`{scheme}:` must be followed by `//` and the domain"
        ));
    };
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if let Some(inner) = host_port.strip_prefix('[') {
        match inner.split_once(']') {
            Some((v6, after)) if !v6.is_empty() => (v6, after.strip_prefix(':')),
            _ => return Some(format!("the address `{host_port}` is not well formed")),
        }
    } else {
        match host_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        }
    };
    if let Some(port) = port
        && (port.is_empty() || port.parse::<u16>().is_err())
    {
        return Some(format!("`{port}` after the domain is not a port number"));
    }
    if host.is_empty() {
        return Some(format!("there is no domain after `{scheme}://`"));
    }
    if host_port.starts_with('[') {
        return None;
    }
    if let Some(c) = host
        .chars()
        .find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '.'))
    {
        return Some(format!("the domain `{host}` contains `{c}`"));
    }
    let labels: Vec<&str> = host.strip_suffix('.').unwrap_or(host).split('.').collect();
    if labels
        .iter()
        .any(|l| l.is_empty() || l.starts_with('-') || l.ends_with('-'))
    {
        return Some(format!("the domain `{host}` is not well formed"));
    }
    if labels.len() < 2 && host != "localhost" {
        return Some(format!(
            "the domain `{host}` has no dot; write the full domain, such as `www.example.org`"
        ));
    }
    None
}

/// The form two addresses of the same page share: scheme and domain in lowercase, no
/// final `/`.
fn normalize_url(url: &str) -> String {
    let (scheme_host, path) = match url.find("://") {
        Some(i) => {
            let end = url[i + 3..]
                .find(['/', '?', '#'])
                .map_or(url.len(), |j| i + 3 + j);
            (url[..end].to_lowercase(), &url[end..])
        }
        None => (url.to_string(), ""),
    };
    format!("{scheme_host}{}", path.trim_end_matches('/'))
}

/// Line and column (1-based) of the `url:` value of the source item starting at `item_line`.
fn source_url_position(text: &str, item_line: usize) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let Some(first) = lines.get(item_line.wrapping_sub(1)) else {
        return (item_line, 1);
    };
    let item_indent = first.len() - first.trim_start().len();
    for (index, line) in lines.iter().enumerate().skip(item_line - 1) {
        let indent = line.len() - line.trim_start().len();
        if index + 1 > item_line && (line.trim() == "---" || indent <= item_indent) {
            break;
        }
        // Block style (`url: …` on its own line) or flow style (`{title: …, url: …}`).
        let key_at = if crate::yaml::key_of(line).as_deref() == Some("url") {
            line.find("url")
        } else {
            line.find("url:").filter(|_| line.contains('{'))
        };
        if let Some(key_at) = key_at {
            let after = &line[key_at + 4..];
            let value_at = key_at + 4 + (after.len() - after.trim_start().len());
            return (index + 1, line[..value_at].chars().count() + 1);
        }
    }
    (item_line, 1)
}

fn check_sources(file: &File, b: &Briefing, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, source) in b.sources.iter().enumerate() {
        let (line, col) = source_url_position(&file.text, source.line);
        let number = index + 1;
        if let Some(problem) = web_address_problem(&source.url) {
            out.push(
                Diagnostic::error(
                    &file.path,
                    line,
                    col,
                    format!(
                        "source {number} has a bad address `{}`: {problem}",
                        source.url
                    ),
                )
                .with_source_line(&file.text)
                .with_hint(
                    "copy the full address of the article from the browser, starting with https://",
                ),
            );
            continue;
        }
        if let Some(first) = seen.insert(normalize_url(&source.url), number) {
            seen.insert(normalize_url(&source.url), first);
            out.push(
                Diagnostic::warning(
                    &file.path,
                    line,
                    col,
                    format!("source {number} repeats the address of source {first}"),
                )
                .with_source_line(&file.text)
                .with_hint("remove the repeated source, or cite the article you meant"),
            );
        }
    }
}

/// File line of the top-level front-matter key `key`, 0 when it is not there.
fn front_matter_line(text: &str, key: &str) -> usize {
    text.lines()
        .enumerate()
        .skip(1)
        .take_while(|(_, line)| line.trim_end() != "---")
        .find(|(_, line)| {
            !line.starts_with([' ', '\t', '-']) && crate::yaml::key_of(line).as_deref() == Some(key)
        })
        .map_or(0, |(index, _)| index + 1)
}

/// Whether a date was written without a time (`2025-07-21`).
fn is_day(date: &content::DateValue) -> bool {
    date.text.len() == 10
}

fn check_dates(file: &File, b: &Briefing, now: jiff::Timestamp, out: &mut Vec<Diagnostic>) {
    if let Some(updated) = &b.updated {
        // A day without a time is compared by day: `updated: 2025-07-21` is not before a
        // briefing dated that afternoon.
        let before = if is_day(updated) || is_day(&b.date) {
            updated.date < b.date.date
        } else {
            updated.timestamp < b.date.timestamp
        };
        if before {
            let line = front_matter_line(&file.text, "updated");
            out.push(
                Diagnostic::error(
                    &file.path,
                    line,
                    usize::from(line > 0),
                    format!(
                        "`updated: {}` is before `date: {}`",
                        updated.text, b.date.text
                    ),
                )
                .with_source_line(&file.text)
                .with_hint(
                    "`updated` is when the briefing was last revised; fix whichever date is wrong",
                ),
            );
        }
    }
    // A bare day is "in the future" only once it has not begun anywhere on Earth (UTC+14).
    let future = if is_day(&b.date) {
        let latest_today = now
            .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(14)))
            .date();
        b.date.date > latest_today
    } else {
        b.date.timestamp > now
    };
    let scheduled = b.publish_at.as_ref().is_some_and(|at| at.timestamp > now);
    if future && !scheduled {
        let line = front_matter_line(&file.text, "date");
        out.push(
            Diagnostic::warning(
                &file.path,
                line,
                usize::from(line > 0),
                format!("dated in the future ({}); it is published now", b.date.text),
            )
            .with_source_line(&file.text)
            .with_hint("use `publish_at:` to schedule it"),
        );
    }
}

// ---------------------------------------------------------------------------------------
// Terms

/// Line and column of `name` in the taxonomy list that starts on `key_line` (its key's line).
fn term_position(text: &str, key_line: usize, name: &str) -> (usize, usize) {
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

/// Spellings of one term (one slug) in one taxonomy, in sorted file order.
struct TermUse<'a> {
    /// (index into the checked files, spelling as written)
    uses: Vec<(usize, &'a str)>,
}

fn check_terms(config: &Config, site: Option<&Site>, checked: &[&File], out: &mut Vec<Diagnostic>) {
    // The model resolves spellings in byte order of the path; do the same.
    let mut order: Vec<usize> = (0..checked.len()).collect();
    order.sort_by(|&a, &b| {
        checked[a]
            .path
            .as_os_str()
            .as_encoded_bytes()
            .cmp(checked[b].path.as_os_str().as_encoded_bytes())
    });
    for (t, taxonomy) in config.taxonomies.iter().enumerate() {
        let key = taxonomy.name.as_str();
        let mut terms: BTreeMap<&str, TermUse> = BTreeMap::new();
        for &f in &order {
            let Some(b) = &checked[f].briefing else {
                continue;
            };
            let (Some(names), Some(slugs)) = (b.terms.get(t), b.term_slugs.get(t)) else {
                continue;
            };
            for (name, slug) in names.iter().zip(slugs) {
                if !slug.is_empty() {
                    terms
                        .entry(slug.as_str())
                        .or_insert(TermUse { uses: Vec::new() })
                        .uses
                        .push((f, name.as_str()));
                }
            }
        }
        // The spelling the site shows: the model's, else the first in file order.
        let shown = |slug: &str, term: &TermUse<'_>| -> String {
            site.and_then(|s| s.taxonomies.get(t))
                .and_then(|tax| tax.terms.iter().find(|term| term.slug == slug))
                .map_or_else(|| term.uses[0].1.to_string(), |term| term.name.clone())
        };
        let at = |f: usize, name: &str, message: String, hint: String| {
            let file = checked[f];
            let b = file
                .briefing
                .as_ref()
                .expect("terms come from parsed briefings");
            let (line, col) = term_position(&file.text, b.term_lines[t], name);
            Diagnostic::warning(&file.path, line, col, message)
                .with_source_line(&file.text)
                .with_hint(hint)
        };
        for (slug, term) in &terms {
            let shown = shown(slug, term);
            let Some(&(first_file, _)) = term.uses.iter().find(|(_, name)| *name == shown) else {
                continue;
            };
            let first_path = checked[first_file].path.display();
            for &(f, name) in &term.uses {
                if name != shown {
                    out.push(at(
                        f,
                        name,
                        format!("`{name}` and `{shown}` are one term in `{key}` (/{key}/{slug}/); the site shows `{shown}`"),
                        format!("write `{shown}` here too, or change {first_path} to `{name}` to show that spelling everywhere"),
                    ));
                }
            }
        }
        // One-off terms a letter or two away from a term other briefings use.
        let count = |term: &TermUse| {
            let mut files: Vec<usize> = term.uses.iter().map(|(f, _)| *f).collect();
            files.dedup();
            files.len()
        };
        for (slug, term) in &terms {
            if count(term) != 1 {
                continue;
            }
            let best = terms
                .iter()
                .filter(|(other, t2)| other != &slug && count(t2) >= 2)
                .map(|(other, t2)| {
                    (
                        edit_distance(slug, other),
                        std::cmp::Reverse(count(t2)),
                        *other,
                        t2,
                    )
                })
                .filter(|(d, _, other, _)| *d <= (slug.len().max(other.len()) / 3).clamp(1, 2))
                .min_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
            if let Some((_, std::cmp::Reverse(n), other, t2)) = best {
                let (f, name) = term.uses[0];
                out.push(at(
                    f,
                    name,
                    format!("`{name}` in `{key}` is used by no other briefing"),
                    format!(
                        "did you mean `{}` (used by {n} briefings)?",
                        shown(other, t2)
                    ),
                ));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Templates

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

fn check_templates(theme: &Theme, out: &mut Vec<Diagnostic>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_have_their_line_and_character_column() {
        let md = "Intro with [a link](/2025/07/x/).\n\n\
                  - Ünïcode [b](other.md#outlook) and ![map](/img/map.png)\n\n\
                  See [ref][r] and <https://auto.example/> and [c](#notes).\n\n\
                  [r]: ../2024/y.md\n";
        let found: Vec<(String, usize, usize, bool)> = links(md)
            .into_iter()
            .map(|l| (l.dest, l.line, l.col, l.image))
            .collect();
        assert_eq!(
            found,
            [
                ("/2025/07/x/".into(), 1, 12, false),
                ("other.md#outlook".into(), 3, 11, false),
                ("/img/map.png".into(), 3, 37, true),
                ("../2024/y.md".into(), 5, 5, false),
                ("#notes".into(), 5, 46, false),
            ]
        );
    }

    #[test]
    fn links_in_code_are_not_links() {
        assert!(links("`[a](/x/)`\n\n    [b](/y/)\n").is_empty());
    }

    #[test]
    fn destinations_are_classified_as_the_renderer_reads_them() {
        assert_eq!(classify("https://e.org/x"), Target::External);
        assert_eq!(classify("mailto:desk@e.org"), Target::External);
        assert_eq!(classify("//cdn.e.org/x.js"), Target::External);
        assert_eq!(classify("#outlook"), Target::Fragment("outlook"));
        assert_eq!(
            classify("/2025/07/x/?a=1#risks"),
            Target::SitePath {
                path: "/2025/07/x/",
                fragment: Some("risks")
            }
        );
        assert_eq!(
            classify("../2024/b.md#lede"),
            Target::File {
                path: "../2024/b.md",
                fragment: Some("lede")
            }
        );
        assert_eq!(
            classify("map.png"),
            Target::Relative {
                path: "map.png",
                fragment: None
            }
        );
    }

    #[test]
    fn relative_links_resolve_like_the_renderer_and_the_browser() {
        let source = Path::new("content/2025/a.md");
        assert_eq!(resolve_file(source, "../2024/b.md"), "content/2024/b.md");
        assert_eq!(resolve_file(source, "./c.md"), "content/2025/c.md");
        assert_eq!(resolve_url("/2025/07/a/", "../b/"), "/2025/07/b/");
        assert_eq!(resolve_url("/2025/07/a/", "map.png"), "/2025/07/a/map.png");
        assert_eq!(resolve_url("/2025/07/a.html", "b.html"), "/2025/07/b.html");
        assert_eq!(resolve_url("/2025/07/a/", "../.."), "/2025/");
        assert_eq!(
            percent_decode("/img/front%20line.png"),
            "/img/front line.png"
        );
        assert_eq!(percent_decode("100%"), "100%");
    }

    #[test]
    fn anchors_are_the_ids_the_renderer_writes() {
        let body = crate::markdown::render_markdown(
            "## Outlook\n\nText[^src].\n\n## Outlook\n\n### Mine {#custom-id}\n\n[^src]: A note.\n",
            "/",
            Path::new("content/a.md"),
            false,
        );
        let ids = anchors(&body.html);
        for id in ["outlook", "outlook-1", "custom-id", "src"] {
            assert!(
                ids.contains(id),
                "{id} missing from {ids:?} in {}",
                body.html
            );
        }
        assert!(!anchors(r#"<p data-id="x">id="y"</p>"#).contains("x"));
        assert!(anchors(r#"<h2 id="a&amp;b">"#).contains("a&b"));
    }

    #[test]
    fn web_addresses_must_be_http_with_a_domain() {
        for good in [
            "https://www.reuters.com/world/europe/x-2025-07-21/",
            "http://example.org",
            "https://EXAMPLE.org:8443/a?b=c#d",
            "https://[2001:db8::1]/x",
            "https://київ.укр/новини",
        ] {
            assert_eq!(web_address_problem(good), None, "{good}");
        }
        for (bad, why) in [
            ("www.reuters.com/x", "does not start with `https://`"),
            ("htps://reuters.com/x", "`htps:` is not a web address"),
            ("ftp://reuters.com/x", "`ftp:` is not a web address"),
            ("https:/reuters.com/x", "must be followed by `//`"),
            ("https:///x", "no domain"),
            ("https://reuters/x", "has no dot"),
            ("https://reuters.com/a b", "contains a space"),
            ("https://reu_ters.com/", "contains `_`"),
            ("https://reuters..com/", "not well formed"),
            ("https://reuters.com:80x/", "not a port number"),
        ] {
            let problem = web_address_problem(bad).unwrap_or_default();
            assert!(problem.contains(why), "{bad}: {problem}");
        }
        assert_eq!(
            normalize_url("HTTPS://Example.org/A/"),
            normalize_url("https://example.org/A")
        );
    }

    #[test]
    fn source_url_positions_point_at_the_value() {
        let text = "---\ntitle: T\nsources:\n  - title: A\n    url: https://a.org/\n  - {title: B, url: x}\n---\n";
        assert_eq!(source_url_position(text, 4), (5, 10));
        assert_eq!(source_url_position(text, 6), (6, 21));
    }

    #[test]
    fn term_positions_find_the_whole_name() {
        let text = "---\ntags: [nato-summit, nato]\nregions:\n  - Kyiv\n---\n";
        assert_eq!(term_position(text, 2, "nato"), (2, 21));
        assert_eq!(term_position(text, 3, "Kyiv"), (4, 5));
        assert_eq!(term_position(text, 3, "Lviv"), (3, 1));
    }

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

    #[test]
    fn suggestions_are_close_and_bounded() {
        let to = |s: &str| s.chars().collect::<Vec<_>>();
        for (a, b) in [
            ("peace-talks", "peace-talk"),
            ("tgas", "tags"),
            ("kyiv", "kiev"),
            ("", "ab"),
        ] {
            assert_eq!(
                bounded_distance(&to(a), &to(b), 3),
                Some(edit_distance(a, b)),
                "{a} {b}"
            );
        }
        assert_eq!(
            bounded_distance(&to("zaporizhzhia"), &to("zaporizhia"), 1),
            None
        );
        assert_eq!(bounded_distance(&to("abcdefgh"), &to("hgfedcba"), 3), None);
        let paths = [
            "/2025/07/peace-offer/",
            "/2025/07/peace-offers-2/",
            "/2025/07/other/",
        ];
        assert_eq!(
            suggest("/2025/07/peace-ofer/", paths.into_iter()),
            Some("/2025/07/peace-offer/")
        );
        assert_eq!(suggest("/2025/07/unrelated/", paths.into_iter()), None);
    }

    #[test]
    fn suggester_finds_typos_at_either_end_among_many_names() {
        let names: Vec<String> = (0..5000)
            .map(|i| format!("content/2025/briefing-{i:05}.md"))
            .chain([
                "content/2025/kremlin-offer.md".into(),
                "content/2025/xkremlin.md".into(),
            ])
            .collect();
        let suggester = Suggester::new(names.iter().map(String::as_str));
        assert_eq!(
            suggester.suggest("content/2025/kremlin-ofer.md"),
            Some("content/2025/kremlin-offer.md")
        );
        assert_eq!(
            suggester.suggest("content/2025/briefing-01234.md.md"),
            Some("content/2025/briefing-01234.md")
        );
        assert_eq!(
            suggester.suggest("content/2024/briefing-01234.md"),
            Some("content/2025/briefing-01234.md")
        );
        assert_eq!(suggester.suggest("content/2025/unrelated.md"), None);
    }

    #[test]
    fn summary_counts_and_pluralises() {
        let mut report = CheckReport {
            diagnostics: Vec::new(),
            briefings: 1,
        };
        assert_eq!(report.summary(), "No problems found in 1 briefing.");
        report.diagnostics = vec![
            Diagnostic::error("a", 1, 1, "x"),
            Diagnostic::warning("a", 2, 1, "y"),
            Diagnostic::warning("a", 3, 1, "z"),
        ];
        report.briefings = 3;
        assert_eq!(
            report.summary(),
            "1 error, 2 warnings (3 briefings checked)."
        );
    }
}
