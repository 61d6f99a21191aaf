//! Links in briefings: reading them from Markdown, resolving them like the renderer and the
//! browser do, and checking that each target (a page, a briefing file, a static file, a
//! `#fragment`) exists and is published.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use pulldown_cmark::{Event, LinkType, Parser, Tag};

use crate::content::Briefing;
use crate::diagnostics::{Diagnostic, Severity, did_you_mean};
use crate::render::Theme;
use crate::site::{self, Site};
use crate::url_path::{percent_decode, percent_encode};

use super::suggest::{Suggester, suggest};
use super::{File, LineIndex};

/// A link or image in Markdown, with where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    /// 1-based line within the text given to `links`.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    pub image: bool,
    /// Written in front matter (a correction, an event, a caption): only addresses from the
    /// site root or the web work there (`front_matter`).
    pub in_front_matter: bool,
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
                in_front_matter: false,
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

pub(super) fn unescape_html(text: &str) -> String {
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
pub(super) enum State {
    Published,
    /// `draft: true`, checked without `--drafts`.
    Draft,
    /// `publish_at:` still ahead.
    Scheduled(jiff::Timestamp),
}

pub(super) fn state(b: &Briefing, drafts: bool, now: jiff::Timestamp) -> State {
    if b.draft && !drafts {
        State::Draft
    } else if drafts {
        // `--drafts` publishes drafts and scheduled briefings alike.
        State::Published
    } else {
        match &b.publish_at {
            Some(at) if at.timestamp > now => State::Scheduled(at.timestamp),
            _ => State::Published,
        }
    }
}

/// What a site path is.
pub(super) enum Found {
    /// A briefing (index into the files), whatever its state.
    Briefing(usize),
    /// A generated page or a static file.
    Exists,
    Missing,
    /// Nothing can be said: the site or theme did not load.
    Unknown,
}

/// Everything a link may point at, indexed for lookups, and owning the files it indexes, so
/// the preview can keep it between saves and update it file by file (see `preview`). The
/// indexes only broken links need (suggestions) are made on first use: most builds have no
/// broken link. Generated pages are looked up in the model (`Site::generated_page_at`).
pub(crate) struct TargetIndex {
    /// Every briefing file; a file that is gone keeps its slot, without a briefing and out
    /// of `by_file`.
    pub(super) files: Vec<File>,
    drafts: bool,
    now: jiff::Timestamp,
    /// Source path → index into `files` (every briefing file, even one that does not load).
    by_file: HashMap<String, usize>,
    /// Output file of a parsed briefing's permalink → index into `files`.
    by_output: HashMap<PathBuf, usize>,
    /// Output files of the aliases of published briefings → index into `files`.
    aliases: HashMap<PathBuf, usize>,
    /// Published briefing URLs, for "did you mean" on broken links.
    similar_pages: OnceLock<Suggester>,
    /// Briefing files, for "did you mean" on broken links to files.
    similar_files: OnceLock<Suggester>,
}

impl TargetIndex {
    pub(super) fn new(files: Vec<File>, drafts: bool, now: jiff::Timestamp) -> TargetIndex {
        let mut index = TargetIndex {
            files: Vec::with_capacity(files.len()),
            drafts,
            now,
            by_file: HashMap::with_capacity(files.len()),
            by_output: HashMap::with_capacity(files.len()),
            aliases: HashMap::new(),
            similar_pages: OnceLock::new(),
            similar_files: OnceLock::new(),
        };
        for file in files {
            let i = index.files.len();
            index
                .by_file
                .insert(file.path.to_string_lossy().into_owned(), i);
            index.files.push(file);
            index.add_outputs(i);
        }
        index
    }

    /// The outputs of file `i` (its page, and its aliases while it is published); the first
    /// file to claim an output keeps it (two claims are a URL collision, which the model
    /// reports).
    fn add_outputs(&mut self, i: usize) {
        let Some(b) = self.files[i].briefing.clone() else {
            return;
        };
        self.by_output
            .entry(site::output_file(&b.permalink))
            .or_insert(i);
        if state(&b, self.drafts, self.now) == State::Published {
            for alias in &b.aliases {
                self.aliases.entry(site::output_file(alias)).or_insert(i);
            }
        }
    }

    fn remove_outputs(&mut self, i: usize) {
        let Some(b) = self.files[i].briefing.clone() else {
            return;
        };
        let outputs = std::iter::once(&b.permalink).chain(&b.aliases);
        for output in outputs.map(|path| site::output_file(path)) {
            if self.by_output.get(&output) == Some(&i) {
                self.by_output.remove(&output);
            }
            if self.aliases.get(&output) == Some(&i) {
                self.aliases.remove(&output);
            }
        }
    }

    /// Takes in the new version of one briefing file (a new file, or an edited one), or its
    /// removal (`None`).
    pub(super) fn update(&mut self, path: &Path, briefing: Option<Arc<Briefing>>) {
        let key = path.to_string_lossy().into_owned();
        let i = match self.by_file.get(&key) {
            Some(&i) => {
                if let (Some(old), Some(new)) = (&self.files[i].briefing, &briefing)
                    && old.permalink == new.permalink
                    && old.aliases == new.aliases
                    && state(old, self.drafts, self.now) == state(new, self.drafts, self.now)
                {
                    // In the same place: nothing that is looked up changes.
                    self.files[i] = File::loaded(new.clone());
                    return;
                }
                self.remove_outputs(i);
                i
            }
            None if briefing.is_none() => return,
            None => {
                self.files
                    .push(File::loaded(briefing.clone().expect("checked above")));
                self.by_file.insert(key.clone(), self.files.len() - 1);
                self.similar_files = OnceLock::new();
                self.files.len() - 1
            }
        };
        self.similar_pages = OnceLock::new();
        match briefing {
            Some(b) => {
                self.files[i] = File::loaded(b);
                self.add_outputs(i);
            }
            None => {
                self.files[i].briefing = None;
                self.by_file.remove(&key);
                self.similar_files = OnceLock::new();
            }
        }
    }

    /// The briefing file at `path`, if there is one.
    pub(super) fn file(&self, path: &Path) -> Option<&File> {
        let &i = self.by_file.get(path.to_string_lossy().as_ref())?;
        Some(&self.files[i])
    }

    /// Moves the index to the moment `now`; false when that changes whether some briefing is
    /// published (a `publish_at:` has passed), and the index must be made again.
    pub(super) fn set_now(&mut self, now: jiff::Timestamp) -> bool {
        let before = self.now;
        self.now = now;
        !self.files.iter().any(|f| {
            f.briefing
                .as_ref()
                .is_some_and(|b| state(b, self.drafts, before) != state(b, self.drafts, now))
        })
    }

    fn similar_pages(&self) -> &Suggester {
        self.similar_pages.get_or_init(|| {
            Suggester::new(
                self.files
                    .iter()
                    .filter_map(|f| f.briefing.as_deref())
                    .filter(|b| state(b, self.drafts, self.now) == State::Published)
                    .map(|b| b.permalink.as_str()),
            )
        })
    }

    fn similar_files(&self) -> &Suggester {
        self.similar_files
            .get_or_init(|| Suggester::new(self.by_file.keys().map(String::as_str)))
    }
}

/// The index with the model and theme it is checked against.
pub(super) struct Targets<'a> {
    pub(super) index: &'a TargetIndex,
    pub(super) site: Option<&'a Site>,
    pub(super) theme: Option<&'a Theme>,
}

impl<'a> Targets<'a> {
    fn similar_pages(&self) -> &'a Suggester {
        self.index.similar_pages()
    }

    fn similar_files(&self) -> &'a Suggester {
        self.index.similar_files()
    }

    /// The static file whose path is closest to `path` (a site path), for a broken image.
    fn nearest_static_file(&self, path: &str) -> Option<&'a str> {
        let theme = self.theme?;
        suggest(
            path.strip_prefix('/')?,
            theme.static_files.keys().map(String::as_str),
        )
    }

    fn find(&self, path: &str) -> Found {
        let output = site::output_file(path);
        if let Some(&i) = self.index.by_output.get(&output) {
            return Found::Briefing(i);
        }
        let is_static = self.theme.map(|t| {
            t.static_files
                .contains_key(output.to_string_lossy().as_ref())
        });
        // Any other page: an alias of a published briefing, or a generated page (asked by
        // its site path, which `/x/index.html` and `/x/` share).
        let is_page = self.site.map(|site| {
            self.index.aliases.contains_key(&output)
                || site.generated_page_at(&site_path_of(&output)).is_some()
        });
        match (is_page, is_static) {
            (Some(true), _) | (_, Some(true)) => Found::Exists,
            (Some(false), Some(false)) => Found::Missing,
            _ => Found::Unknown,
        }
    }

    fn briefing(&self, i: usize) -> Option<&'a Briefing> {
        self.index.files[i].briefing.as_deref()
    }
}

/// The links of a file (from its parsed body and its front-matter texts, or parsed again from
/// its text when it does not load), with their file lines.
fn file_links(root: &Path, file: &File) -> Vec<Link> {
    if let Some(b) = &file.briefing {
        let mut found: Vec<Link> = b
            .body
            .links
            .iter()
            .map(|l| Link {
                dest: l.dest.clone(),
                line: b.body_line + l.line - 1,
                col: l.col,
                image: l.image,
                in_front_matter: false,
            })
            .collect();
        found.extend(front_matter::front_matter_links(b));
        return found;
    }
    let Some(text) = file.text(root) else {
        return Vec::new();
    };
    let Ok(split) = crate::content::frontmatter::split_front_matter(&file.path, text) else {
        return Vec::new();
    };
    let body_start = text.len() - split.body.len();
    let first_line = text[..body_start].matches('\n').count() + 1;
    links(&text[body_start..])
        .into_iter()
        .map(|l| Link {
            line: first_line + l.line - 1,
            ..l
        })
        .collect()
}

/// A `#fragment` to verify once the page it points at is rendered.
pub(crate) struct Pending {
    pub(super) output: PathBuf,
    fragment: String,
    dest: String,
    /// The link points at its own page.
    own_page: bool,
    path: PathBuf,
    line: usize,
    col: usize,
}

/// Checks the links of `file`; returns the fragments to verify against rendered pages.
pub(super) fn check_links(
    root: &Path,
    file: &File,
    targets: &Targets<'_>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Pending> {
    // The page this file becomes, and when it is published (None: it is published now).
    let (page, published_at) = match &file.briefing {
        Some(b) => (
            Some(b.permalink.as_str()),
            match state(b, targets.index.drafts, targets.index.now) {
                State::Scheduled(at) => Some(at),
                _ => None,
            },
        ),
        None => (None, None),
    };
    let source = LinkSource {
        path: &file.path,
        page,
        published_at,
    };
    check_link_list(&source, file_links(root, file), targets, out)
}

/// Where links are written: the file, the site path of the page it becomes (None when not
/// known), and when that page is published (None: now).
pub(super) struct LinkSource<'a> {
    pub(super) path: &'a Path,
    pub(super) page: Option<&'a str>,
    pub(super) published_at: Option<jiff::Timestamp>,
}

/// Checks `links` (with their file lines) written in `source`; returns the fragments to
/// verify against rendered pages.
pub(super) fn check_link_list(
    source: &LinkSource<'_>,
    links: Vec<Link>,
    targets: &Targets<'_>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Pending> {
    let (page, published_at) = (source.page, source.published_at);
    let mut pending = Vec::new();
    for link in links {
        let at = |severity: Severity, message: String| {
            let d = Diagnostic::error(source.path, link.line, link.col, message);
            Diagnostic { severity, ..d }
        };
        let dest = link.dest.as_str();
        if link.in_front_matter
            && let Some(why) = front_matter::unusable(dest)
        {
            out.push(
                at(Severity::Error, format!("link {why}"))
                    .with_hint(
                        "write the page's address from the site root, like `/2025/07/peace-offer/`",
                    )
                    .with_rule("links"),
            );
            continue;
        }
        let checks = LinkChecks {
            targets,
            from: source.path,
            from_page: page,
            dest,
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
                match checks.file(&resolve_file(source.path, path), out) {
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
                let path = percent_decode(&resolve_url(page, path)).into_owned();
                match checks.site_path(&path, link.image, out) {
                    Some(output) => (output, fragment.unwrap_or("")),
                    None => continue,
                }
            }
        };
        if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") {
            continue;
        }
        pending.push(Pending {
            own_page: page.is_some_and(|p| site::output_file(p) == output),
            output,
            fragment: fragment.to_string(),
            dest: dest.to_string(),
            path: source.path.to_path_buf(),
            line: link.line,
            col: link.col,
        });
    }
    pending
}

/// The `#fragment` must be an id on the page it points at, when that page was rendered.
pub(super) fn check_fragment(
    pending: &Pending,
    ids: &HashMap<PathBuf, HashSet<String>>,
) -> Option<Diagnostic> {
    let fragment = pending.fragment.as_str();
    let ids = ids.get(&pending.output)?;
    if ids.contains(fragment) || ids.contains(percent_decode(fragment).as_ref()) {
        return None;
    }
    let place = if pending.own_page {
        let briefing = pending.path.starts_with(crate::content::CONTENT_DIR);
        (if briefing {
            "this briefing"
        } else {
            "this page"
        })
        .to_string()
    } else {
        format!("the page {}", site_path_of(&pending.output))
    };
    let hint = match did_you_mean(fragment, ids.iter().map(String::as_str)) {
        Some(id) => format!("did you mean `#{id}`?"),
        None => "a heading's id is its text in lowercase with dashes (`## Outlook` → `#outlook`); `## Outlook {#custom}` sets one".into(),
    };
    Some(
        Diagnostic::error(
            &pending.path,
            pending.line,
            pending.col,
            format!(
                "broken link `{}`: {place} has no heading or footnote with the id `{fragment}`",
                pending.dest
            ),
        )
        .with_hint(hint),
    )
}

/// Checks of one link: what it points at must exist and be published.
pub(super) struct LinkChecks<'a, 't> {
    targets: &'a Targets<'t>,
    /// The file the link is written in (from the site root), and the page it becomes.
    from: &'a Path,
    from_page: Option<&'a str>,
    /// The link as written.
    dest: &'a str,
    /// When that page is published; None: now.
    published_at: Option<jiff::Timestamp>,
    /// A finding at the link.
    at: &'a dyn Fn(Severity, String) -> Diagnostic,
}

impl LinkChecks<'_, '_> {
    /// A link to the briefing file `resolved` (from the site root); its page's output file.
    fn file(&self, resolved: &str, out: &mut Vec<Diagnostic>) -> Option<PathBuf> {
        let dest = self.dest;
        let Some(&i) = self.targets.index.by_file.get(resolved) else {
            if let Some((message, hint)) = page_files::page_file_link(self.targets, resolved, dest)
            {
                out.push((self.at)(Severity::Error, message).with_hint(hint));
                return None;
            }
            let hint = match self
                .targets
                .similar_files()
                .suggest(resolved, self.from.to_str())
            {
                // The link to write, not only the file: a link is relative to its folder.
                Some(other) => {
                    let fragment = dest.find('#').map_or("", |at| &dest[at..]);
                    format!(
                        "did you mean `{}` ({other})?",
                        markdown_destination(&format!(
                            "{}{fragment}",
                            crate::markdown::relative_link(self.from, other)
                        ))
                    )
                }
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
                // Only once nothing published is there, with or without the final `/`.
                if let Some((message, hint)) = page_files::draft_page_at(self.targets, path, dest) {
                    out.push((self.at)(Severity::Error, message).with_hint(hint));
                    return None;
                }
                let what = if image { "image" } else { "link" };
                let pages = page_files::pages_folder_hint(self.targets, path);
                let near_file = image
                    .then(|| self.targets.nearest_static_file(path))
                    .flatten();
                let hint = if let Some(pages) = pages {
                    pages
                } else if let Some(file) = near_file {
                    // As it must be written (`/images/front%20line.png`).
                    format!("did you mean `/{}`?", percent_encode(file))
                } else if let Some(other) =
                    self.targets.similar_pages().suggest(path, self.from_page)
                {
                    format!("did you mean `{other}`?")
                } else if let Some(other) = self
                    .targets
                    .site
                    .and_then(|site| generated::nearest_generated_page(site, path))
                {
                    format!("did you mean `{other}`?")
                } else {
                    "write links from the site root as for a site at `/`: a briefing is `/YYYY/MM/slug/`, a tag `/tags/name/`, a file in static/ `/img/map.png`".into()
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
        match state(target, self.targets.index.drafts, self.targets.index.now) {
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
                    format!(
                        "link `{dest}` is broken until {}: {path} is scheduled for then (`publish_at:`)",
                        // As written, in the offset its editor chose.
                        target.publish_at.as_ref().map_or_else(|| due.to_string(), |at| at.text.clone())
                    ),
                )
                .with_hint("schedule this briefing no earlier than that one, or add the link once it is out"),
            ),
            State::Scheduled(_) => {}
        }
    }
}

/// The site path of an output file, for messages (`2025/07/x/index.html` → `/2025/07/x/`).
pub(super) fn site_path_of(output: &Path) -> String {
    let text = output.to_string_lossy().replace('\\', "/");
    match text.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{text}"),
    }
}

mod front_matter;
pub(super) use front_matter::caption_links;
mod generated;
mod page_files;

/// `link` as a Markdown link destination: in `<…>` when a space or a parenthesis would
/// end it early.
fn markdown_destination(link: &str) -> String {
    if link.contains(|c: char| c.is_whitespace() || c == '(' || c == ')') {
        format!("<{link}>")
    } else {
        link.to_string()
    }
}

#[cfg(test)]
mod tests;
