//! The checks of the preview (`sitrep serve`): the findings `build` and `check` give, kept
//! per file. Every file is checked when the site opens (and after a change to the config,
//! the theme, the folders or the set of static files); after a save, only the files saved,
//! against a link-target index and a table of term uses that are updated file by file (no
//! save looks at every file), with link fragments checked against the pages already
//! rendered in memory. The findings of files not saved stay as they were last found.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::Briefing;
use crate::diagnostics::{self, Diagnostic};
use crate::render::Theme;
use crate::site::Site;

use super::links::{self, TargetIndex, Targets, anchors, check_links};
use super::terms::{TermNote, TermTable};
use super::{File, attach_excerpts, check_dates, check_templates};

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
    /// Every briefing file's link targets, updated file by file.
    index: Option<TargetIndex>,
    /// Every checked briefing's terms, updated file by file.
    table: Option<TermTable>,
    /// Per file: what its own checks found (load warnings, links, fragments, dates).
    own: HashMap<PathBuf, Vec<Diagnostic>>,
    /// The term findings, each placed in its file.
    terms: HashMap<TermNote, Diagnostic>,
    /// The model was built again since the term findings were made.
    model_moved: bool,
    /// Root-relative URLs written in templates.
    templates: Vec<Diagnostic>,
    /// The findings about pages, profiles and the site's image, made again on every check
    /// (they are few).
    docs: Vec<Diagnostic>,
}

impl PreviewChecks {
    /// With `drafts`, drafts are checked as if published (as `check --drafts` does).
    pub fn new(drafts: bool) -> PreviewChecks {
        PreviewChecks {
            drafts,
            index: None,
            table: None,
            own: HashMap::new(),
            terms: HashMap::new(),
            model_moved: false,
            templates: Vec::new(),
            docs: Vec::new(),
        }
    }

    fn checked(&self, b: &Briefing) -> bool {
        self.drafts || !b.draft
    }

    /// Checks every file and template.
    pub fn check_all(&mut self, site: &PreviewSite) {
        let briefings = (site.briefings)();
        let files = briefings.iter().map(|b| File::loaded(b.clone())).collect();
        let index = TargetIndex::new(files, self.drafts, site.site.now);
        let checked: Vec<&Arc<Briefing>> = briefings.iter().filter(|b| self.checked(b)).collect();
        self.own = checked
            .par_iter()
            .map(|b| (b.source_path.clone(), check_file(site, &index, b)))
            .filter(|(_, found)| !found.is_empty())
            .collect();
        let mut table = TermTable::new(&site.site.config);
        for b in &checked {
            table.set(&b.source_path, Some(b));
        }
        self.terms.clear();
        self.place_terms(site, &index, &table, &[]);
        self.check_docs(site, &index);
        self.index = Some(index);
        self.table = Some(table);
        self.model_moved = false;
        self.templates.clear();
        check_templates(site.theme, &mut self.templates);
    }

    /// The model was built again: term spellings may show differently.
    pub fn model_changed(&mut self) {
        self.model_moved = true;
    }

    /// Checks the files just saved: each path (relative to the root) with the briefing it
    /// now holds, or `None` when it is gone. Call `check_all` first.
    pub fn check_files(&mut self, site: &PreviewSite, saved: &[(PathBuf, Option<Arc<Briefing>>)]) {
        let (Some(mut index), Some(mut table)) = (self.index.take(), self.table.take()) else {
            return self.check_all(site);
        };
        if !index.set_now(site.site.now) {
            // A `publish_at:` has passed: briefings moved in or out of the site.
            return self.check_all(site);
        }
        let mut terms_changed = self.model_moved;
        for (path, briefing) in saved {
            index.update(path, briefing.clone());
            let checked = briefing.as_deref().filter(|b| self.checked(b));
            terms_changed |= table.set(path, checked);
            self.own.remove(path);
            if let Some(b) = briefing.as_ref().filter(|b| self.checked(b)) {
                let found = check_file(site, &index, b);
                if !found.is_empty() {
                    self.own.insert(path.clone(), found);
                }
            }
        }
        let saved: Vec<&Path> = saved.iter().map(|(path, _)| path.as_path()).collect();
        if terms_changed {
            self.place_terms(site, &index, &table, &saved);
        } else if self
            .terms
            .keys()
            .any(|note| saved.contains(&note.path.as_path()))
        {
            // The same findings, maybe on other lines of the files saved.
            let notes: Vec<TermNote> = self.terms.keys().cloned().collect();
            self.place(site, &index, notes, &saved);
        }
        self.check_docs(site, &index);
        self.index = Some(index);
        self.table = Some(table);
        self.model_moved = false;
    }

    /// The findings about the model's pages and profiles, and the site's own image.
    fn check_docs(&mut self, site: &PreviewSite, index: &TargetIndex) {
        let targets = Targets {
            index,
            site: Some(site.site),
            theme: Some(site.theme),
        };
        self.docs = super::docs::check_docs_now(site.root, site.site, &targets, site.page);
        // The site's card (site.yaml `image:`), as `check` finds it: a static file may have
        // come or gone since the last save.
        self.docs.extend(super::images::check_site_image(
            &site.site.config,
            Some(site.theme),
        ));
    }

    /// Makes the term findings from `table`, placing those of the files `saved` (and new
    /// ones) in their files, and keeping the places of the others.
    fn place_terms(
        &mut self,
        site: &PreviewSite,
        index: &TargetIndex,
        table: &TermTable,
        saved: &[&Path],
    ) {
        let notes = table.notes(&site.site.config, Some(site.site));
        self.place(site, index, notes, saved);
    }

    fn place(
        &mut self,
        site: &PreviewSite,
        index: &TargetIndex,
        notes: Vec<TermNote>,
        saved: &[&Path],
    ) {
        let mut placed = HashMap::with_capacity(notes.len());
        for note in notes {
            let known = self
                .terms
                .get(&note)
                .filter(|_| !saved.contains(&note.path.as_path()));
            let d = match known {
                Some(d) => d.clone(),
                None => {
                    let Some(file) = index.file(&note.path) else {
                        continue;
                    };
                    let Some(b) = &file.briefing else { continue };
                    let text = file.text(site.root);
                    let d = note.place(b, text);
                    match text {
                        Some(text) => d.with_source_line(text),
                        None => d,
                    }
                }
            };
            placed.insert(note, d);
        }
        self.terms = placed;
    }

    /// Every finding, sorted by file, line and column.
    pub fn findings(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .own
            .values()
            .flatten()
            .chain(self.terms.values())
            .chain(&self.templates)
            .chain(&self.docs)
            .cloned()
            .collect();
        diagnostics::sort(&mut all);
        all.dedup();
        all
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
    let image = b.image.as_ref();
    found.extend(super::images::check_image(
        &b.source_path,
        image,
        Some(site.theme),
    ));
    let pending = check_links(site.root, &file, &targets, &mut found);
    check_dates(b, site.site.now, &mut found);
    super::docs::check_byline(&site.site.config, b, &mut found);
    super::docs::check_cited(&site.site.config, b, &mut found);
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
