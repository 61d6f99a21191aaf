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

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, Briefing};
use crate::diagnostics::{self, Diagnostic};
use crate::render::{self, Theme};
use crate::site::Site;

mod dates;
mod docs;
mod images;
mod links;
mod preview;
mod suggest;
mod templates;
mod terms;
mod unread;

use dates::check_dates;
use links::{TargetIndex, Targets, check_links};
use templates::{check_languages, check_static_overrides, check_templates};
use terms::check_terms;

pub use crate::content::web_address_problem;
pub use links::{Link, Target, anchors, classify, links, resolve_url};
pub use preview::{PageLookup, PreviewChecks, PreviewSite};
pub use templates::{RootRelative, root_relative_urls};

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
    let loaded = crate::load_site(root, options.base_url.as_deref(), options.drafts);
    let (diagnostics, briefings) = match loaded {
        // Everything loaded: the same checks as `build`, every page rendered in memory.
        Ok(loaded) => {
            let briefings = checked_count(&loaded.briefings, options.drafts);
            let checks = Checks::run(root, &loaded, options.drafts, now);
            let rendered = crate::render_site_in_memory(loaded, &checks);
            (checks.finish(rendered), briefings)
        }
        // Something did not load: report that, and check what did load as far as it can be.
        Err(errors) => check_broken_site(root, &config, options.drafts, now, errors),
    };
    CheckReport {
        diagnostics,
        briefings,
    }
}

fn checked_count(briefings: &[Arc<Briefing>], drafts: bool) -> usize {
    briefings.iter().filter(|b| drafts || !b.draft).count()
}

/// The check of a site that does not load: its load errors, plus the findings about every
/// file as written (links of files that do not parse included), against a model built from
/// the files that do parse.
fn check_broken_site(
    root: &Path,
    config: &Config,
    drafts: bool,
    now: jiff::Timestamp,
    mut diagnostics: Vec<Diagnostic>,
) -> (Vec<Diagnostic>, usize) {
    let (files, unreadable) = read_files(root, config);
    let briefings: Vec<Arc<Briefing>> = files.iter().filter_map(|f| f.briefing.clone()).collect();
    // Every briefing file was checked, those that do not parse (or read) too: their
    // findings are among the errors. Only a draft that parsed is left out, as when the
    // site loads.
    let checked = files.len() + unreadable
        - files
            .iter()
            .filter(|f| !drafts && f.briefing.as_ref().is_some_and(|b| b.draft))
            .count();
    // The pages and profiles whose address is known, even with problems (which are among the
    // errors already): links to them resolve, and their own links are checked.
    let docs = crate::load_docs_despite_errors(root, config);
    let site = Some(Site::build_despite_errors(
        config.clone(),
        briefings.clone(),
        docs,
        drafts,
        now,
    ));
    let theme = render::load_theme(root, config).ok();
    let checks = Checks::with_files(
        root,
        config,
        files,
        site.as_ref(),
        theme.as_ref(),
        drafts,
        now,
    );
    // Warnings of the files that loaded; those that did not have theirs among the errors.
    // A draft's only with `--drafts`, as when the site loads.
    diagnostics.extend(
        briefings
            .iter()
            .filter(|b| drafts || !b.draft)
            .flat_map(|b| b.warnings.iter().cloned()),
    );
    diagnostics.extend(checks.finish(Vec::new()));
    // A file that does not load has its findings among the errors and in its partial read.
    diagnostics::sort(&mut diagnostics);
    diagnostics.dedup();
    (diagnostics, checked)
}

/// The checks beyond loading a site — links and their fragments, dates, term spellings,
/// templates — and the warnings found while loading it. `build` and `check` run the same
/// ones: phase one (`run`) before rendering, phase two (`finish`) with the ids of the
/// rendered pages that link fragments point at (`wants_ids` / `record_ids`).
pub struct Checks<'a> {
    root: &'a Path,
    /// Every briefing file, indexed for the link checks.
    index: TargetIndex,
    findings: Vec<Diagnostic>,
    fragments: Vec<Pending>,
    /// Output files whose ids a fragment check needs, with the ids once rendered.
    ids: HashMap<PathBuf, Mutex<Option<HashSet<String>>>>,
}

impl<'a> Checks<'a> {
    /// Phase one over a site that loaded.
    pub fn run(
        root: &'a Path,
        loaded: &crate::LoadedSite,
        drafts: bool,
        now: jiff::Timestamp,
    ) -> Checks<'a> {
        let files = loaded
            .briefings
            .iter()
            .map(|b| File::loaded(b.clone()))
            .collect();
        let mut checks = Checks::with_files(
            root,
            &loaded.site.config,
            files,
            Some(&loaded.site),
            Some(&loaded.theme),
            drafts,
            now,
        );
        checks.findings.extend(
            loaded
                .briefings
                .iter()
                .filter(|b| drafts || !b.draft)
                .flat_map(|b| b.warnings.iter().cloned()),
        );
        checks
    }

    fn with_files(
        root: &'a Path,
        config: &Config,
        files: Vec<File>,
        site: Option<&Site>,
        theme: Option<&Theme>,
        drafts: bool,
        now: jiff::Timestamp,
    ) -> Checks<'a> {
        let index = TargetIndex::new(files, drafts, now);
        let targets = Targets {
            index: &index,
            site,
            theme,
        };
        let checked: Vec<&File> = index
            .files
            .iter()
            .filter(|f| drafts || !f.briefing.as_ref().is_some_and(|b| b.draft))
            .collect();
        let (mut findings, fragments): (Vec<Vec<Diagnostic>>, Vec<Vec<Pending>>) = checked
            .par_iter()
            .map(|file| {
                let mut out = Vec::new();
                let fragments = check_links(root, file, &targets, &mut out);
                diagnostics::set_rule(&mut out, "links");
                if let Some(b) = &file.briefing {
                    out.extend(images::check_image(&b.source_path, b.image.as_ref(), theme));
                    check_dates(b, now, &mut out);
                    diagnostics::set_rule(&mut out, "dates");
                    docs::check_byline(config, b, &mut out);
                    docs::check_cited(config, b, &mut out);
                }
                (out, fragments)
            })
            .unzip();
        let mut findings: Vec<Diagnostic> = findings.drain(..).flatten().collect();
        let mut fragments: Vec<Vec<Pending>> = fragments;
        if let Some(site) = site {
            let (found, pending) = docs::check_docs(site, &targets);
            findings.extend(found);
            fragments.push(pending);
        }
        let mut terms = Vec::new();
        check_terms(root, config, site, &checked, &mut terms);
        diagnostics::set_rule(&mut terms, "terms");
        findings.append(&mut terms);
        findings.extend(images::check_site_image(config, theme));
        let mut unread = Vec::new();
        unread::check_unread_files(root, &mut unread);
        diagnostics::set_rule(&mut unread, "files");
        findings.append(&mut unread);
        if let Some(theme) = theme {
            let mut templates = Vec::new();
            check_templates(theme, &mut templates);
            check_static_overrides(theme, &mut templates);
            diagnostics::set_rule(&mut templates, "templates");
            findings.append(&mut templates);
            let mut languages = Vec::new();
            let briefings = checked.iter().filter_map(|f| f.briefing.as_deref());
            check_languages(theme, &config.language, briefings, &mut languages);
            diagnostics::set_rule(&mut languages, "languages");
            findings.append(&mut languages);
        }
        let fragments: Vec<Pending> = fragments.into_iter().flatten().collect();
        let ids = fragments
            .iter()
            .map(|p| (p.output.clone(), Mutex::new(None)))
            .collect();
        drop(checked);
        Checks {
            root,
            index,
            findings,
            fragments,
            ids,
        }
    }

    /// Whether phase two needs the ids of the page written to `output`.
    pub fn wants_ids(&self, output: &Path) -> bool {
        self.ids.contains_key(output)
    }

    /// Keeps the ids of a rendered page that a link fragment points at.
    pub fn record_ids(&self, output: &Path, html: &[u8]) {
        if let Some(slot) = self.ids.get(output) {
            let ids = anchors(&String::from_utf8_lossy(html));
            *slot.lock().expect("no panics while holding the lock") = Some(ids);
        }
    }

    /// Phase two: the fragment checks, then every finding (with `more`, e.g. render
    /// errors) sorted, each with its line of the file as an excerpt.
    pub fn finish(self, more: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let Checks {
            root,
            index,
            mut findings,
            fragments,
            ids,
        } = self;
        let mut ids: HashMap<PathBuf, HashSet<String>> = ids
            .into_iter()
            .filter_map(|(path, slot)| Some((path, slot.into_inner().ok()??)))
            .collect();
        // Pages that were not rendered (the site did not load): a briefing's own ids.
        let wanted: HashSet<&Path> = fragments.iter().map(|p| p.output.as_path()).collect();
        let files = &index.files;
        for b in files.iter().filter_map(|f| f.briefing.as_ref()) {
            let output = crate::site::output_file(&b.permalink);
            if wanted.contains(output.as_path()) && !ids.contains_key(&output) {
                ids.insert(output, anchors(&b.body.html));
            }
        }
        for pending in &fragments {
            if let Some(d) = links::check_fragment(pending, &ids) {
                findings.push(d.with_rule("links"));
            }
        }
        findings.extend(more);
        attach_excerpts(root, files, &mut findings);
        docs::attach_doc_excerpts(root, &mut findings);
        diagnostics::sort(&mut findings);
        findings.dedup();
        findings
    }
}

pub(crate) use links::Pending;

/// Adds the line of the file under each finding that has none yet. Findings about files
/// are made where the text is not at hand (a build keeps no source text), so each file with
/// findings is read once here.
fn attach_excerpts(root: &Path, files: &[File], findings: &mut [Diagnostic]) {
    let by_path: HashMap<&Path, &File> = files.iter().map(|f| (f.path.as_path(), f)).collect();
    for d in findings
        .iter_mut()
        .filter(|d| d.snippet.is_none() && d.line > 0)
    {
        if let Some(file) = by_path.get(d.path.as_path())
            && let Some(text) = file.text(root)
        {
            *d = std::mem::replace(d, Diagnostic::error("", 0, 0, "")).with_source_line(text);
        }
    }
}

/// A briefing file as the checks see it: its path, what it parsed into (if it did), and its
/// text, read from disk only when a finding needs it (or already read by `check`).
pub(crate) struct File {
    /// Relative to the site root, forward slashes (as `Briefing::source_path`).
    path: PathBuf,
    briefing: Option<Arc<Briefing>>,
    text: std::sync::OnceLock<Option<String>>,
}

impl File {
    fn loaded(briefing: Arc<Briefing>) -> File {
        File {
            path: briefing.source_path.clone(),
            briefing: Some(briefing),
            text: std::sync::OnceLock::new(),
        }
    }

    /// The file's text (read on first use; None if it cannot be read any more).
    fn text(&self, root: &Path) -> Option<&str> {
        self.text
            .get_or_init(|| std::fs::read_to_string(root.join(&self.path)).ok())
            .as_deref()
    }
}

/// Every briefing file that reads as text, parsed as far as it goes (for a site that does not
/// load), and how many did not read.
fn read_files(root: &Path, config: &Config) -> (Vec<File>, usize) {
    let (paths, _) = content::walk_content(root);
    let files: Vec<File> = paths
        .par_iter()
        .filter_map(|relative| {
            let text = std::fs::read_to_string(root.join(relative)).ok()?;
            let path = PathBuf::from(relative.to_string_lossy().replace('\\', "/"));
            // A file with problems still has links to check, when its URL is known.
            let briefing = content::parse_briefing_partial(&path, &text, config)
                .0
                .map(Arc::new);
            Some(File {
                path,
                briefing,
                text: std::sync::OnceLock::from(Some(text)),
            })
        })
        .collect();
    let unreadable = paths.len() - files.len();
    (files, unreadable)
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

#[cfg(test)]
mod tests {
    use super::*;

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
