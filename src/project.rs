//! A site held in memory between rebuilds: the preview server's model of the site on disk.
//! `Project::apply` takes the files that changed, re-reads only those, rebuilds the model,
//! and re-renders exactly the pages whose fingerprint changed (see `Site::page_fingerprint`).
//! It runs the same load → model → render pipeline as `sitrep build`; only the last step
//! differs (pages go into memory, not into public/). While the input has errors, the last
//! good site stays available and the errors are reported. After each good rebuild, the
//! checks `sitrep build` runs (links, dates, terms: `check::PreviewChecks`) look at the
//! files just saved, so each update carries their findings.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::check::PreviewChecks;
use crate::config::{CONFIG_FILE, Config};
use crate::content::{self, Briefing, CONTENT_DIR};
use crate::diagnostics::{self, Diagnostic};
use crate::render::{self, Renderer, StaticSource, Theme};
use crate::site::{PageKey, Site, output_file};

mod documents;
mod findings;
mod images;
mod schedule;
mod search;

pub use search::LiveIndex;

use findings::Scope;

/// What to build: the same choices as `sitrep build`.
#[derive(Debug, Clone)]
pub struct ProjectOptions {
    pub root: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// One content file as last read: a briefing, or what is wrong with it.
enum FileState {
    Loaded(Arc<Briefing>),
    Broken {
        fingerprint: u64,
        errors: Vec<Diagnostic>,
    },
}

/// A rendered file held in memory.
#[derive(Clone)]
struct Served {
    fingerprint: u64,
    bytes: Arc<[u8]>,
}

/// What one rebuild did.
#[derive(Debug, Clone, Default)]
pub struct Update {
    /// Output paths (relative, e.g. `2025/07/x/index.html`, `style.css`) whose bytes changed
    /// or that are new.
    pub changed: Vec<String>,
    /// Output paths that no longer exist.
    pub removed: Vec<String>,
    /// Pages rendered in this rebuild.
    pub rendered: usize,
    /// Empty when the rebuild succeeded; otherwise every problem, and the previous site is kept.
    pub errors: Vec<Diagnostic>,
    /// True when the rebuild fixed the errors of the previous one.
    pub recovered: bool,
    /// The checks ran: `findings`, `other_findings` and `left_out` are current (else they
    /// are empty and say nothing).
    pub checked: bool,
    /// What `sitrep build` would report about the files this rebuild read (every file when
    /// the site was opened or its config changed): errors it would refuse, and warnings.
    /// Empty while `errors` is not.
    pub findings: Vec<Diagnostic>,
    /// The findings of every other file, as of its last check.
    pub other_findings: Vec<Diagnostic>,
    /// Files read in this rebuild that the preview does not show, each with why and how to
    /// see it (a draft, a briefing held back by `publish_at:`).
    pub left_out: Vec<String>,
    pub elapsed: Duration,
}

impl Update {
    /// True when every changed file is a stylesheet, so pages can swap CSS without reloading.
    pub fn css_only(&self) -> bool {
        !self.changed.is_empty()
            && self.removed.is_empty()
            && self.changed.iter().all(|p| p.ends_with(".css"))
    }
}

/// What kinds of input a batch of changed paths touches.
#[derive(Debug, Default, PartialEq, Eq)]
struct Touched {
    config: bool,
    theme: bool,
    statics: bool,
    /// Root-relative paths of briefing files.
    content: Vec<PathBuf>,
    /// A folder under content/ changed (renamed, removed): walk content/ again.
    rescan: bool,
    /// Root-relative paths of page and profile files (`pages/`, `terms/`).
    docs: Vec<PathBuf>,
    /// A folder under pages/ or terms/ changed: walk them again.
    docs_rescan: bool,
}

pub struct Project {
    options: ProjectOptions,
    config: Option<Config>,
    config_errors: Vec<Diagnostic>,
    theme: Option<Arc<Theme>>,
    theme_errors: Vec<Diagnostic>,
    files: BTreeMap<PathBuf, FileState>,
    walk_errors: Vec<Diagnostic>,
    /// The pages and term profiles, as last read.
    docs: documents::Documents,
    renderer: Option<Renderer>,
    outputs: HashMap<String, Served>,
    errors: Vec<Diagnostic>,
    checks: PreviewChecks,
    /// Every file must be checked again (the site was opened, broken, or re-read).
    check_everything: bool,
    /// A rebuild that had to render every page (templates, site.yaml or the stylesheet
    /// every page links changed) failed: the next good one renders every page, or what was
    /// saved while the site had errors would never show (page fingerprints do not cover it).
    full_render_owed: bool,
    /// The search index, written in the background after each good rebuild.
    search: LiveIndex,
}

impl Project {
    /// Loads and renders the whole site. Never fails: a broken site is a project with
    /// `errors()`, which later changes can fix.
    pub fn open(options: ProjectOptions) -> (Project, Update) {
        let checks = PreviewChecks::new(options.drafts);
        let mut project = Project {
            options,
            config: None,
            config_errors: Vec::new(),
            theme: None,
            theme_errors: Vec::new(),
            files: BTreeMap::new(),
            walk_errors: Vec::new(),
            docs: documents::Documents::default(),
            renderer: None,
            outputs: HashMap::new(),
            errors: Vec::new(),
            checks,
            check_everything: true,
            full_render_owed: false,
            search: LiveIndex::default(),
        };
        let started = Instant::now();
        project.reload_config();
        let mut update = project.rebuild(true, started);
        project.check(&mut update, Scope::Site, started);
        (project, update)
    }

    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// The base path every URL of the site starts with (`/` or `/briefings/`).
    pub fn base_path(&self) -> String {
        self.config
            .as_ref()
            .map_or_else(|| "/".into(), |c| c.base_url.path.clone())
    }

    /// The problems of the last rebuild; empty when the site is good.
    pub fn errors(&self) -> &[Diagnostic] {
        &self.errors
    }

    /// A file of the last good site by output path (`2025/07/x/index.html`, `style.css`).
    /// Search files (`pagefind/…`) are those of the last index written: see `search_index`.
    pub fn file(&self, output_path: &str) -> Option<Arc<[u8]>> {
        match self.outputs.get(output_path) {
            Some(served) => Some(served.bytes.clone()),
            None if output_path.starts_with("pagefind/") => self.search.file(output_path),
            None => None,
        }
    }

    /// Number of files in the last good site (the search files of the last index written).
    pub fn file_count(&self) -> usize {
        self.outputs.len() + self.search.count()
    }

    /// The search index, to wait for the index of the latest rebuild (without holding the
    /// project: pages keep being served meanwhile).
    pub fn search_index(&self) -> LiveIndex {
        self.search.clone()
    }

    /// Waits until the search index is the latest rebuild's (tests; at most a minute).
    pub fn wait_for_search(&self) {
        self.search.wait(Duration::from_secs(60));
    }

    /// Applies changes to the files at `paths` (absolute, or relative to the root). No
    /// paths: the site is built again if a `publish_at:` time has come (see `next_due`).
    pub fn apply(&mut self, paths: &[PathBuf]) -> Update {
        let started = Instant::now();
        let _index_waits = self.search.pause();
        if paths.is_empty() {
            if !self.schedule_came() {
                return Update {
                    elapsed: started.elapsed(),
                    ..Update::default()
                };
            }
            // What was scheduled may now be linked to, listed, and in the timelines.
            self.check_everything = true;
            let mut update = self.rebuild(false, started);
            self.check(&mut update, Scope::Site, started);
            return update;
        }
        let mut touched = self.classify(paths);
        if touched.config {
            self.reload_config();
            self.check_everything = true;
            let mut update = self.rebuild(true, started);
            self.check(&mut update, Scope::Site, started);
            return update;
        }
        let static_paths = |project: &Project| {
            project
                .theme
                .as_ref()
                .map(|t| t.static_files.keys().cloned().collect::<Vec<String>>())
        };
        let mut statics_moved = false;
        if touched.theme || touched.statics {
            let custom_css = |p: &Project| {
                p.theme
                    .as_ref()
                    .map(|t| t.static_files.contains_key(render::CUSTOM_CSS))
            };
            let had_custom_css = custom_css(self);
            let before = static_paths(self);
            self.reload_theme();
            // Adding or removing static/custom.css changes the <head> of every page.
            touched.theme |= custom_css(self) != had_custom_css;
            statics_moved = static_paths(self) != before;
            if touched.statics {
                self.follow_image_sizes(&mut touched);
            }
        }
        let mut content_changed = false;
        if touched.rescan {
            content_changed |= self.rescan_content();
        }
        // Pages and profiles: the model is built again (their pages, the menu and the terms
        // they retitle may all change); fingerprints keep the re-rendering to what changed.
        let docs_changed = self.reload_docs(&touched);
        // Edits that move nothing (a body, a summary, a source) take the fast path.
        // New templates, static files or folders of briefings: every link may point elsewhere.
        // (A stylesheet edited in place moves nothing.)
        self.check_everything |= touched.rescan || touched.theme || statics_moved;
        self.check_everything |= touched.docs_rescan;
        let model_moves = touched.rescan || touched.theme || touched.statics || docs_changed;
        let mut in_place = !model_moves
            && self.errors.is_empty()
            && !self.full_render_owed
            && !self.schedule_came();
        let mut replaced = Vec::new();
        let mut retagged = false;
        let mut saved = Vec::new();
        for path in &touched.content {
            if !self.reload_file(path) {
                continue;
            }
            saved.push(path.clone());
            content_changed = true;
            if in_place {
                match self.edit_kind(path) {
                    Some(EditKind::InPlace(e, briefing)) => replaced.push((e, briefing)),
                    Some(EditKind::Retag(e, briefing)) => {
                        replaced.push((e, briefing));
                        retagged = true;
                    }
                    Some(EditKind::Unlisted) => {}
                    None => in_place = false,
                }
            }
        }
        if !(content_changed || docs_changed || touched.theme || touched.statics) {
            // Saved without changes, or only files sitrep ignores: nothing to do.
            return Update {
                elapsed: started.elapsed(),
                ..Update::default()
            };
        }
        let mut update = if in_place {
            self.rebuild_in_place(replaced, retagged, started)
        } else {
            self.rebuild(touched.theme, started)
        };
        let relative: Vec<PathBuf> = paths
            .iter()
            .map(|p| {
                p.strip_prefix(&self.options.root)
                    .unwrap_or(p)
                    .to_path_buf()
            })
            .collect();
        let scope = Scope::Paths {
            paths: &relative,
            saved: &saved,
            in_place: in_place && !retagged,
        };
        self.check(&mut update, scope, started);
        update
    }

    /// For a file just reloaded: how the model can take it in, `None` when it must be
    /// built again.
    fn edit_kind(&self, path: &Path) -> Option<EditKind> {
        let site = self.renderer.as_ref()?.site();
        let FileState::Loaded(new) = self.files.get(path)? else {
            return None;
        };
        match site.entry_of(path) {
            Some(e) if site.can_replace_in_place(e, new) => Some(EditKind::InPlace(e, new.clone())),
            Some(e) if site.can_retag(e, new) => Some(EditKind::Retag(e, new.clone())),
            // Links to a held-back briefing point where it will be: the model follows when
            // that place changes, or when a briefing starts or stops being held back.
            None if ((new.draft && !self.options.drafts)
                || crate::is_held_back(new, self.options.drafts, site.now))
                && site.held_back_path(path)
                    == schedule::held_back_path(new, self.options.drafts, site.now) =>
            {
                Some(EditKind::Unlisted)
            }
            _ => None,
        }
    }

    fn classify(&self, paths: &[PathBuf]) -> Touched {
        let root = &self.options.root;
        let mut touched = Touched::default();
        for path in paths {
            let relative = path.strip_prefix(root).unwrap_or(path);
            let name = relative
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if content::is_editor_artifact(&name) {
                continue;
            }
            let mut parts = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned());
            match parts.next().as_deref() {
                Some(CONFIG_FILE) if relative.components().count() == 1 => touched.config = true,
                Some("templates") | Some("themes") | Some("i18n") => touched.theme = true,
                Some("static") => touched.statics = true,
                Some(CONTENT_DIR) => {
                    if relative.extension().is_some_and(|e| e == "md") {
                        touched.content.push(relative.to_path_buf());
                    } else if root.join(relative).is_dir() || relative.extension().is_none() {
                        touched.rescan = true;
                    }
                }
                Some(content::PAGES_DIR) | Some(content::TERMS_DIR) => {
                    if relative.extension().is_some_and(|e| e == "md") {
                        touched.docs.push(relative.to_path_buf());
                    } else if root.join(relative).is_dir() || relative.extension().is_none() {
                        touched.docs_rescan = true;
                    }
                }
                _ => {}
            }
        }
        touched.content.sort();
        touched.content.dedup();
        touched.docs.sort();
        touched.docs.dedup();
        touched
    }

    /// Re-reads the pages and profiles `touched` names (all of them after a folder
    /// changed). Returns whether any changed.
    fn reload_docs(&mut self, touched: &Touched) -> bool {
        let Some(config) = &self.config else {
            return false;
        };
        let root = &self.options.root;
        if touched.docs_rescan {
            return self.docs.rescan(root, config);
        }
        let mut changed = false;
        for path in &touched.docs {
            changed |= self.docs.reload(root, path, config);
        }
        changed
    }

    fn reload_config(&mut self) {
        self.config = None;
        self.theme = None;
        self.files.clear();
        self.docs.clear();
        self.renderer = None;
        match crate::load_site_config(&self.options.root, self.options.base_url.as_deref()) {
            Ok(config) => {
                self.config_errors.clear();
                self.docs.rescan(&self.options.root, &config);
                self.config = Some(config);
                self.reload_theme();
                self.rescan_content();
            }
            Err(errors) => self.config_errors = errors,
        }
    }

    fn reload_theme(&mut self) {
        let Some(config) = &self.config else { return };
        match render::load_theme(&self.options.root, config) {
            Ok(theme) => {
                self.theme = Some(Arc::new(theme));
                self.theme_errors.clear();
            }
            Err(errors) => self.theme_errors = errors,
        }
    }

    /// Walks content/ and reloads every file that is new, gone or different. Returns whether
    /// anything changed.
    fn rescan_content(&mut self) -> bool {
        let (paths, walk_errors) = content::walk_content(&self.options.root);
        self.walk_errors = walk_errors;
        let present: HashSet<&PathBuf> = paths.iter().collect();
        let before = self.files.len();
        self.files.retain(|path, _| present.contains(path));
        let mut changed = self.files.len() != before;
        let Some(config) = &self.config else {
            return changed;
        };
        let root = &self.options.root;
        let current: HashMap<&PathBuf, u64> = self
            .files
            .iter()
            .map(|(p, s)| (p, state_fingerprint(s)))
            .collect();
        let reloaded: Vec<(PathBuf, FileState)> = paths
            .par_iter()
            .filter_map(|path| {
                let state = read_file(root, path, config)?;
                (current.get(path) != Some(&state_fingerprint(&state)))
                    .then(|| (path.clone(), state))
            })
            .collect();
        changed |= !reloaded.is_empty();
        self.files.extend(reloaded);
        changed
    }

    /// Re-reads one briefing file (or forgets it when it is gone). Returns whether it changed.
    fn reload_file(&mut self, path: &Path) -> bool {
        let Some(config) = &self.config else {
            return false;
        };
        match read_file(&self.options.root, path, config) {
            None => self.files.remove(path).is_some(),
            Some(state) => {
                let unchanged =
                    self.files.get(path).map(state_fingerprint) == Some(state_fingerprint(&state));
                if !unchanged {
                    self.files.insert(path.to_path_buf(), state);
                }
                !unchanged
            }
        }
    }

    /// Rebuilds the model from the current inputs and re-renders what changed. With
    /// `render_all`, every page is rendered again (templates or config changed).
    fn rebuild(&mut self, render_all: bool, started: Instant) -> Update {
        let render_all = render_all || self.full_render_owed;
        let result = self.build_model().and_then(|(site, theme)| {
            let renderer = Renderer::new(site, theme.clone(), self.renderer.as_ref())?;
            self.render_changes(renderer, &theme, RenderScope::AllPages { render_all })
        });
        self.full_render_owed = render_all && result.is_err();
        self.finish(result, started)
    }

    /// The fast path for edits that move nothing: entries `replaced` keep their place in every
    /// list, so only the pages that show them are candidates for re-rendering. With
    /// `retagged`, some moved between terms: the model is patched (`Site::retagged`, or built
    /// again when it cannot be), which names the candidates and the pages that went away.
    fn rebuild_in_place(
        &mut self,
        replaced: Vec<(usize, Arc<Briefing>)>,
        retagged: bool,
        started: Instant,
    ) -> Update {
        let (Some(previous), Some(theme)) = (&self.renderer, self.theme.clone()) else {
            return self.rebuild(false, started);
        };
        if !previous.uses_theme(&theme) {
            return self.rebuild(false, started);
        }
        if retagged {
            let Some(retagged) = previous.site().retagged(&replaced) else {
                return self.rebuild(false, started);
            };
            let entries: Vec<usize> = replaced.iter().map(|(e, _)| *e).collect();
            let scope = RenderScope::Pages {
                candidates: retagged.pages,
                gone: retagged.gone.iter().map(|path| served_path(path)).collect(),
            };
            let result = previous
                .patched(Arc::new(retagged.site), &entries, true)
                .and_then(|renderer| self.render_changes(renderer, &theme, scope));
            return self.finish(result, started);
        }
        let mut site = Site::clone(previous.site());
        let mut candidates = Vec::new();
        let mut entries = Vec::new();
        for (e, briefing) in replaced {
            site.replace_in_place(e, briefing);
            candidates.extend(site.pages_for_briefing(e));
            entries.push(e);
        }
        candidates.sort();
        candidates.dedup();
        let scope = RenderScope::Pages {
            candidates,
            gone: Vec::new(),
        };
        let result = previous
            .patched(Arc::new(site), &entries, false)
            .and_then(|renderer| self.render_changes(renderer, &theme, scope));
        self.finish(result, started)
    }

    fn finish(&mut self, result: Result<Update, Vec<Diagnostic>>, started: Instant) -> Update {
        let was_failing = !self.errors.is_empty();
        let mut update = match result {
            Ok(update) => {
                self.errors.clear();
                update
            }
            Err(mut errors) => {
                diagnostics::sort(&mut errors);
                self.errors = errors.clone();
                Update {
                    errors,
                    ..Update::default()
                }
            }
        };
        update.recovered = was_failing && self.errors.is_empty();
        update.elapsed = started.elapsed();
        update
    }

    /// The model of the current inputs, or every problem they have.
    fn build_model(&self) -> Result<(Arc<Site>, Arc<Theme>), Vec<Diagnostic>> {
        let mut errors: Vec<Diagnostic> = Vec::new();
        errors.extend(self.config_errors.iter().cloned());
        errors.extend(self.theme_errors.iter().cloned());
        errors.extend(self.walk_errors.iter().cloned());
        let mut briefings = Vec::with_capacity(self.files.len());
        for state in self.files.values() {
            match state {
                FileState::Loaded(briefing) => briefings.push(briefing.clone()),
                FileState::Broken { errors: e, .. } => errors.extend(e.iter().cloned()),
            }
        }
        let docs = self.docs.docs(&mut errors);
        let (Some(config), Some(theme), true) = (&self.config, &self.theme, errors.is_empty())
        else {
            return Err(errors);
        };
        // The model before the edit: what the edit cannot have changed is taken from it.
        let previous = self.renderer.as_ref().map(|r| r.site().as_ref());
        let site = Site::build_after(
            config.clone(),
            briefings,
            docs,
            self.options.drafts,
            crate::now(),
            previous,
        )?;
        Ok((Arc::new(site), theme.clone()))
    }

    /// Renders the pages of `renderer`'s model whose fingerprint changed (or all, or only
    /// candidates) and swaps them in. Nothing is swapped unless every page rendered.
    fn render_changes(
        &mut self,
        renderer: Renderer,
        theme: &Arc<Theme>,
        scope: RenderScope,
    ) -> Result<Update, Vec<Diagnostic>> {
        let site = renderer.site().clone();
        let (pages, render_all) = match &scope {
            RenderScope::AllPages { render_all } => (site.pages(), *render_all),
            RenderScope::Pages { candidates, .. } => (candidates.clone(), false),
        };
        let fingerprints: Vec<(PageKey, String, u64)> = pages
            .par_iter()
            .map(|&key| (key, output_path(&site, key), site.page_fingerprint(key)))
            .collect();
        let rendered: Vec<Result<(String, Served), Vec<Diagnostic>>> = fingerprints
            .par_iter()
            .filter(|(_, path, fp)| {
                render_all || self.outputs.get(path).is_none_or(|s| s.fingerprint != *fp)
            })
            .map(|(key, path, fp)| {
                let output = renderer.render(*key)?;
                Ok((
                    path.clone(),
                    Served {
                        fingerprint: *fp,
                        bytes: Arc::from(output.bytes),
                    },
                ))
            })
            .collect();
        let mut errors: Vec<Diagnostic> = Vec::new();
        let mut new_files: Vec<(String, Served)> = Vec::with_capacity(rendered.len());
        for result in rendered {
            match result {
                Ok(file) => new_files.push(file),
                Err(found) => {
                    for d in found {
                        if !errors.contains(&d) {
                            errors.push(d);
                        }
                    }
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut update = Update {
            rendered: new_files.len(),
            ..Update::default()
        };
        if let RenderScope::Pages { gone, .. } = &scope {
            let mut removed: Vec<String> = gone
                .iter()
                .filter(|path| self.outputs.remove(path.as_str()).is_some())
                .cloned()
                .collect();
            removed.sort();
            update.removed = removed;
        }
        if let RenderScope::AllPages { .. } = scope {
            // The set of pages may have changed: drop what no longer exists, refresh statics.
            let statics = static_files(theme).map_err(|e| vec![e])?;
            let keep: HashSet<&str> = fingerprints
                .iter()
                .map(|(_, path, _)| path.as_str())
                .chain(statics.iter().map(|(path, _)| path.as_str()))
                .collect();
            let mut removed: Vec<String> = self
                .outputs
                .keys()
                .filter(|path| !keep.contains(path.as_str()))
                .cloned()
                .collect();
            removed.sort();
            for path in &removed {
                self.outputs.remove(path);
            }
            update.removed = removed;
            new_files.extend(statics.into_iter().map(|(path, bytes)| {
                (
                    path,
                    Served {
                        fingerprint: 0,
                        bytes,
                    },
                )
            }));
        }
        for (path, served) in new_files {
            if self
                .outputs
                .get(&path)
                .is_none_or(|old| old.bytes != served.bytes)
            {
                update.changed.push(path.clone());
            }
            self.outputs.insert(path, served);
        }
        update.changed.sort();
        let previous = self.renderer.replace(renderer);
        self.search.request(site);
        // Freeing the last render's model and views took 2-5 ms of each save at 10,000
        // briefings: the index thread does it, after this save is shown.
        if let Some(previous) = previous {
            self.search.free_later(Box::new(previous));
        }
        Ok(update)
    }
}

/// How the model takes in a saved briefing.
enum EditKind {
    /// It keeps its entry's place and terms (`Site::replace_in_place`).
    InPlace(usize, Arc<Briefing>),
    /// It keeps its entry's place; its terms changed (`Site::retagged`).
    Retag(usize, Arc<Briefing>),
    /// An unpublished draft or scheduled briefing: no page shows it.
    Unlisted,
}

/// Which pages a rebuild considers.
enum RenderScope {
    /// Every page of the model; with `render_all`, render even those whose fingerprint is the same.
    AllPages { render_all: bool },
    /// Only these pages; the pages at the served paths `gone` no longer exist (the others
    /// of the model are the same as before).
    Pages {
        candidates: Vec<PageKey>,
        gone: Vec<String>,
    },
}

fn output_path(site: &Site, key: PageKey) -> String {
    served_path(&site.path(key))
}

/// Where the page at `site_path` is served (and written): `tags/x/index.html`.
fn served_path(site_path: &str) -> String {
    output_file(site_path).to_string_lossy().replace('\\', "/")
}

fn state_fingerprint(state: &FileState) -> u64 {
    match state {
        FileState::Loaded(briefing) => briefing.fingerprint,
        FileState::Broken { fingerprint, .. } => *fingerprint,
    }
}

/// Reads and parses one briefing; `None` when the file no longer exists.
fn read_file(root: &Path, relative: &Path, config: &Config) -> Option<FileState> {
    let bytes = match std::fs::read(root.join(relative)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            let error = Diagnostic::error(relative, 0, 0, format!("cannot read this file: {e}"));
            return Some(FileState::Broken {
                fingerprint: 0,
                errors: vec![error],
            });
        }
    };
    let fingerprint = content::fingerprint_bytes(relative, &bytes);
    Some(match content::parse_bytes(relative, bytes, config) {
        Ok(briefing) => FileState::Loaded(Arc::new(briefing)),
        Err(errors) => FileState::Broken {
            fingerprint,
            errors,
        },
    })
}

/// A static file's output path and bytes.
type StaticFile = (String, Arc<[u8]>);

/// The theme's and site's static files, read into memory.
fn static_files(theme: &Theme) -> Result<Vec<StaticFile>, Diagnostic> {
    theme
        .static_files
        .iter()
        .map(|(path, source)| {
            let bytes: Arc<[u8]> = match source {
                StaticSource::Embedded(bytes) => Arc::from(*bytes),
                StaticSource::Disk(file) => Arc::from(std::fs::read(file).map_err(|e| {
                    Diagnostic::error(
                        file.display().to_string(),
                        0,
                        0,
                        format!("cannot read this file: {e}"),
                    )
                })?),
            };
            Ok((path.clone(), bytes))
        })
        .collect()
}

#[cfg(test)]
mod tests;
