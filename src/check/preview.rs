//! The checks of the preview (`sitrep serve`): the findings `build` and `check` give, kept
//! per file. Every file is checked when the site opens (and after a change to the config,
//! the theme or the folders); after a save, only the files saved, against a link-target
//! index kept for as long as saves leave the model's pages where they were, and with link
//! fragments checked against the pages already rendered in memory. The findings of files
//! not saved stay as they were last found.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::Briefing;
use crate::diagnostics::{self, Diagnostic};
use crate::render::Theme;
use crate::site::Site;

use super::links::{self, TargetIndex, Targets, anchors, check_links};
use super::{File, attach_excerpts, check_dates, check_templates, check_terms};

/// A rendered page by output path (`2025/07/x/index.html`), when there is one.
pub type PageLookup<'a> = &'a (dyn Fn(&Path) -> Option<Arc<[u8]>> + Sync);

/// What the preview checks look at: its current model, theme, files and rendered pages.
pub struct PreviewSite<'a> {
    pub root: &'a Path,
    pub site: &'a Site,
    pub theme: &'a Theme,
    /// Every briefing file that loaded, drafts included (asked for only when needed).
    pub briefings: &'a (dyn Fn() -> Vec<Arc<Briefing>> + Sync),
    pub page: PageLookup<'a>,
}

/// The findings of a site held in memory, file by file.
pub struct PreviewChecks {
    drafts: bool,
    /// The link targets of the current model; `None` once the model changed.
    index: Option<TargetIndex>,
    /// Per file: what its own checks found (load warnings, links, fragments, dates).
    own: HashMap<PathBuf, Vec<Diagnostic>>,
    /// Per file: term spellings, from the last look at every file's terms.
    terms: HashMap<PathBuf, Vec<Diagnostic>>,
    /// The terms of some file changed since that look.
    terms_stale: bool,
    /// Root-relative URLs written in templates.
    templates: Vec<Diagnostic>,
}

impl PreviewChecks {
    /// With `drafts`, drafts are checked as if published (as `check --drafts` does).
    pub fn new(drafts: bool) -> PreviewChecks {
        PreviewChecks {
            drafts,
            index: None,
            own: HashMap::new(),
            terms: HashMap::new(),
            terms_stale: true,
            templates: Vec::new(),
        }
    }

    /// Checks every file and template.
    pub fn check_all(&mut self, site: &PreviewSite) {
        let briefings = (site.briefings)();
        let index = self.new_index(&briefings, site.site);
        let checked: Vec<&Arc<Briefing>> = briefings
            .iter()
            .filter(|b| self.drafts || !b.draft)
            .collect();
        self.own = checked
            .par_iter()
            .map(|b| (b.source_path.clone(), check_file(site, &index, b)))
            .filter(|(_, found)| !found.is_empty())
            .collect();
        self.index = Some(index);
        self.check_terms(site, &briefings);
        self.templates.clear();
        check_templates(site.theme, &mut self.templates);
    }

    /// The model was built again: link targets and term spellings may have moved.
    pub fn model_changed(&mut self) {
        self.index = None;
        self.terms_stale = true;
    }

    /// Checks the files just saved: each path (relative to the root) with the briefing it
    /// now holds, or `None` when it is gone (or does not load, and has errors of its own).
    pub fn check_files(&mut self, site: &PreviewSite, saved: &[(PathBuf, Option<Arc<Briefing>>)]) {
        let mut all = None;
        let index = match self.index.take() {
            Some(mut index) => {
                for b in saved.iter().filter_map(|(_, b)| b.clone()) {
                    index.update(b);
                }
                index
            }
            None => {
                let briefings = (site.briefings)();
                let index = self.new_index(&briefings, site.site);
                all = Some(briefings);
                index
            }
        };
        // A file with term findings may have moved them to other lines.
        let mut terms_moved = false;
        for (path, briefing) in saved {
            self.own.remove(path);
            terms_moved |= self.terms.contains_key(path);
            let Some(b) = briefing.as_ref().filter(|b| self.drafts || !b.draft) else {
                continue;
            };
            let found = check_file(site, &index, b);
            if !found.is_empty() {
                self.own.insert(path.clone(), found);
            }
        }
        self.index = Some(index);
        if self.terms_stale || terms_moved {
            let briefings = all.unwrap_or_else(|| (site.briefings)());
            self.check_terms(site, &briefings);
        }
    }

    /// Every finding, sorted by file, line and column.
    pub fn findings(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .own
            .values()
            .chain(self.terms.values())
            .flatten()
            .chain(&self.templates)
            .cloned()
            .collect();
        diagnostics::sort(&mut all);
        all.dedup();
        all
    }

    fn new_index(&self, briefings: &[Arc<Briefing>], site: &Site) -> TargetIndex {
        let files = briefings.iter().map(|b| File::loaded(b.clone())).collect();
        TargetIndex::new(files, self.drafts, site.now)
    }

    fn check_terms(&mut self, site: &PreviewSite, briefings: &[Arc<Briefing>]) {
        let files: Vec<File> = briefings
            .iter()
            .filter(|b| self.drafts || !b.draft)
            .map(|b| File::loaded(b.clone()))
            .collect();
        let checked: Vec<&File> = files.iter().collect();
        let mut found = Vec::new();
        check_terms(
            site.root,
            &site.site.config,
            Some(site.site),
            &checked,
            &mut found,
        );
        attach_excerpts(site.root, &files, &mut found);
        self.terms.clear();
        for d in found {
            self.terms.entry(d.path.clone()).or_default().push(d);
        }
        self.terms_stale = false;
    }
}

/// The findings of one briefing file: its load warnings, its links (fragments checked
/// against the rendered pages) and its dates.
fn check_file(site: &PreviewSite, index: &TargetIndex, b: &Arc<Briefing>) -> Vec<Diagnostic> {
    let file = File::loaded(b.clone());
    let targets = Targets {
        index,
        site: Some(site.site),
        theme: Some(site.theme),
    };
    let mut found = b.warnings.clone();
    let pending = check_links(site.root, &file, &targets, &mut found);
    check_dates(b, site.site.now, &mut found);
    let mut ids = HashMap::new();
    for p in &pending {
        if !ids.contains_key(&p.output)
            && let Some(html) = (site.page)(&p.output)
        {
            ids.insert(p.output.clone(), anchors(&String::from_utf8_lossy(&html)));
        }
    }
    found.extend(
        pending
            .iter()
            .filter_map(|p| links::check_fragment(p, &ids)),
    );
    attach_excerpts(site.root, std::slice::from_ref(&file), &mut found);
    diagnostics::sort(&mut found);
    found.dedup();
    found
}
