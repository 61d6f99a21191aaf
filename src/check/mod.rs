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
use crate::render::{self, RenderFailure, Renderer, Theme};
use crate::site::Site;

mod dates;
mod links;
mod sources;
mod suggest;
mod templates;
mod terms;

use dates::check_dates;
use links::{Targets, check_links};
use sources::check_sources;
use templates::check_templates;
use terms::check_terms;

pub use links::{Link, Target, anchors, classify, links, resolve_url};
pub use sources::web_address_problem;
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
