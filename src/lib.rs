//! sitrep: a static site generator for curated conflict briefings.
//!
//! The pipeline runs one way: **load** (site.yaml, theme, content/) → **model** (`site::Site`)
//! → **render** (`render::Renderer`, pure) → **write** (`output`, atomic). `build` below is
//! that pipeline in a few lines; the CLI and the preview server call into it.

// Findings travel in `Result::Err` as `Diagnostic`s (~136 bytes): they only exist when input is
// wrong, so the size of the error path costs nothing worth boxing for.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod image;
pub mod import;
pub mod language;
pub mod markdown;
pub mod output;
pub mod project;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod url_path;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use std::sync::Arc;

use crate::config::{BaseUrl, Config};
use crate::content::Briefing;
use crate::diagnostics::Diagnostic;
use crate::render::Renderer;
use crate::site::Site;

/// The moment that decides which scheduled briefings (`publish_at:`) are published. The
/// `SITREP_NOW` environment variable (RFC 3339) overrides the clock, for tests and previews.
pub fn now() -> jiff::Timestamp {
    std::env::var("SITREP_NOW")
        .ok()
        .and_then(|text| content::dates::parse_date(&text).ok())
        .map_or_else(jiff::Timestamp::now, |d| d.timestamp)
}

/// What `sitrep build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from site.yaml.
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Write the site even when the checks `check` runs find errors (broken links, …);
    /// pages that cannot be rendered still stop the build. Off on the command line, which
    /// always refuses what `check` refuses; tests use it to compare the preview (which
    /// shows such findings but still renders) with a build of the same state.
    pub unchecked: bool,
}

/// Wall time per pipeline stage, in order, for `build --timings` and benchmarks, with the
/// process's peak memory at the end of each stage (where the system reports it).
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub stages: Vec<Stage>,
    last: Option<Instant>,
}

#[derive(Debug, Clone)]
pub struct Stage {
    pub name: &'static str,
    pub elapsed: Duration,
    /// Peak resident memory so far, in KiB (Linux: VmHWM); None elsewhere.
    pub peak_rss_kib: Option<u64>,
}

impl Timings {
    pub fn start() -> Timings {
        Timings {
            stages: Vec::new(),
            last: Some(Instant::now()),
        }
    }

    /// Records the time since the previous lap under `stage`.
    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        if let Some(last) = self.last {
            self.stages.push(Stage {
                name: stage,
                elapsed: now - last,
                peak_rss_kib: peak_rss_kib(),
            });
        }
        self.last = Some(now);
    }

    /// Records a part of the stage just lapped, measured inside it (shown indented).
    pub fn part(&mut self, stage: &'static str, elapsed: Duration) {
        self.stages.push(Stage {
            name: stage,
            elapsed,
            peak_rss_kib: None,
        });
    }
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub output: PathBuf,
    pub briefings: usize,
    pub drafts_left_out: usize,
    /// When the briefings held back by `publish_at:` are due, as written, earliest first.
    pub scheduled: Vec<content::DateValue>,
    pub pages: usize,
    pub static_files: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    pub timings: Timings,
    /// Rendering time per template, summed over threads.
    pub template_times: Vec<render::TemplateTime>,
    /// Bytes written, in all and per top-level entry of the output (largest first).
    pub output_bytes: u64,
    pub output_sizes: Vec<(String, u64)>,
}

/// A command-line option whose value sitrep cannot use (`--url notaurl`, `--base-url
/// example.org`, an `--output` inside the site): one line saying what to pass. The binary
/// exits 2 for it, as clap does for a command line it cannot parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// Problems with the site's input (content, config, templates): every one found.
    Input(Vec<Diagnostic>),
    /// An option on the command line has a value the build cannot use.
    Usage(UsageError),
    /// The output could not be written.
    Io {
        error: anyhow::Error,
        /// `None`: the previous output is untouched. `Some(path)`: the swap moved it aside to
        /// `path` and could not move it back.
        previous_at: Option<PathBuf>,
    },
}

impl BuildError {
    /// A write failure that left the previous output as it was.
    fn io(error: anyhow::Error) -> BuildError {
        BuildError::Io {
            error,
            previous_at: None,
        }
    }
}

/// Loads the config and applies command-line overrides.
pub fn load_site_config(root: &Path, base_url: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
    let mut config = config::load_config(root)?;
    config.set_image_sizes(image::sizes::ImageSizes::scan(&root.join("static")));
    if let Some(url) = base_url {
        config.base_url = BaseUrl::parse(url).map_err(|m| {
            vec![Diagnostic::error(
                "command line",
                0,
                0,
                format!("bad --base-url: {m}"),
            )]
        })?;
        // Findings about the address name the command line, not site.yaml.
        config.base_url_at = None;
    }
    Ok(config)
}

/// A validated site and its theme, ready to render.
pub struct LoadedSite {
    /// Shared: `build` renders while the checks still read them.
    pub site: Arc<Site>,
    pub theme: Arc<render::Theme>,
    pub drafts_left_out: usize,
    /// Every briefing file that loaded, drafts and scheduled ones included, in path order.
    pub briefings: Vec<Arc<Briefing>>,
    /// The site as it will be once every briefing held back by `publish_at:` is out (None
    /// when none is): validated now, so a scheduled briefing cannot break a later build.
    pub future: Option<Site>,
    /// Every page and profile that loaded, draft pages included.
    pub docs: site::SiteDocs,
}

/// Loads and validates config, theme and content: every problem of the three is reported.
pub fn load_site(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
) -> Result<LoadedSite, Vec<Diagnostic>> {
    load_site_timed(root, base_url, drafts, &mut Timings::default())
}

fn load_site_timed(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
    timings: &mut Timings,
) -> Result<LoadedSite, Vec<Diagnostic>> {
    let config = load_site_config(root, base_url)?;
    let theme = render::load_theme(root, &config);
    timings.lap("config and theme");
    let (briefings, mut errors) = content::load_content(root, &config);
    let docs = load_docs(root, &config, &mut errors);
    timings.lap("load content (read, front matter, markdown)");
    let drafts_left_out = if drafts {
        0
    } else {
        briefings.iter().filter(|b| b.draft).count()
    };
    let theme = theme.map_err(|mut e| errors.append(&mut e)).ok();
    let now = now();
    let site = Site::build_with(config.clone(), briefings.clone(), docs.clone(), drafts, now)
        .map_err(|mut e| {
            diagnostics::set_rule(&mut e, "URLs");
            errors.append(&mut e)
        })
        .ok();
    let future = future_site(
        &config,
        (&briefings, &docs),
        drafts,
        now,
        site.as_ref(),
        &mut errors,
    );
    timings.lap("site model");
    if let Some(site) = &site {
        timings.part("  of which related briefings", site.discovery_times.0);
        timings.part("  of which timelines", site.discovery_times.1);
    }
    match (site, theme) {
        (Some(site), Some(theme)) if errors.is_empty() => {
            let mut collisions = static_collisions(&site, &theme);
            if let Some(future) = &future {
                collisions.extend(static_collisions(future, &theme));
                collisions.dedup();
            }
            if collisions.is_empty() {
                Ok(LoadedSite {
                    site: Arc::new(site),
                    theme: Arc::new(theme),
                    drafts_left_out,
                    briefings,
                    future,
                    docs,
                })
            } else {
                Err(collisions)
            }
        }
        _ => {
            diagnostics::sort(&mut errors);
            Err(errors)
        }
    }
}

/// Loads the pages (`pages/`) and term profiles (`terms/`), adding their problems to `errors`.
pub fn load_docs(root: &Path, config: &Config, errors: &mut Vec<Diagnostic>) -> site::SiteDocs {
    let (pages, mut found) = content::pages::load_pages(root, config);
    errors.append(&mut found);
    let (profiles, mut found) = content::profiles::load_profiles(root, config);
    errors.append(&mut found);
    site::SiteDocs {
        pages: site::shared(pages),
        profiles: site::shared(profiles),
    }
}

/// The pages and profiles whose address is known, problems or not: what `check` of a site
/// that does not load links against, and whose own links it checks.
pub fn load_docs_despite_errors(root: &Path, config: &Config) -> site::SiteDocs {
    site::SiteDocs {
        pages: site::shared(content::pages::load_pages_despite_errors(root, config)),
        profiles: site::shared(content::profiles::load_profiles_despite_errors(
            root, config,
        )),
    }
}

/// Whether a briefing is left out of the site now because its `publish_at:` is ahead.
/// Never with `drafts`: `--drafts` shows scheduled briefings too, marked as such.
pub fn is_held_back(b: &Briefing, drafts: bool, now: jiff::Timestamp) -> bool {
    !drafts && !b.draft && b.publish_at.as_ref().is_some_and(|at| at.timestamp > now)
}

/// The model with every scheduled briefing published, when there is one: its problems
/// (URL collisions, unusable term slugs) are reported now rather than by the unattended
/// build that would publish it. Problems the current model has already are not repeated.
fn future_site(
    config: &Config,
    (briefings, docs): (&[Arc<Briefing>], &site::SiteDocs),
    drafts: bool,
    now: jiff::Timestamp,
    current: Option<&Site>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Site> {
    if drafts || !briefings.iter().any(|b| is_held_back(b, drafts, now)) || current.is_none() {
        return None;
    }
    match Site::build_with(
        config.clone(),
        briefings.to_vec(),
        docs.clone(),
        drafts,
        jiff::Timestamp::MAX,
    ) {
        Ok(future) => Some(future),
        Err(found) => {
            for d in found {
                let d = d.with_rule("URLs");
                if !errors.contains(&d) {
                    errors.push(d);
                }
            }
            None
        }
    }
}

/// The pages a scheduled briefing will change once it is out (its own page, and the lists
/// and feeds that will show it), rendered in memory: a template error they hit is reported
/// now. Returns the problems found.
pub fn render_scheduled(
    future: &Site,
    theme: &Arc<render::Theme>,
    now: jiff::Timestamp,
) -> Vec<Diagnostic> {
    let future = Arc::new(future.clone());
    let mut pages: Vec<site::PageKey> = (0..future.entries.len())
        .filter(|&e| {
            future.entries[e]
                .briefing
                .publish_at
                .as_ref()
                .is_some_and(|at| at.timestamp > now)
        })
        .flat_map(|e| future.pages_for_briefing(e))
        .collect();
    pages.sort();
    pages.dedup();
    let renderer = match Renderer::new(future, theme.clone(), None) {
        Ok(renderer) => renderer,
        Err(errors) => return errors,
    };
    match renderer.render_each(&pages, |_| Ok(())) {
        Ok(_) => Vec::new(),
        Err(render::RenderFailure::Templates(errors)) => errors,
        Err(render::RenderFailure::Sink(error)) => {
            vec![Diagnostic::error("(render)", 0, 0, format!("{error:#}"))]
        }
    }
}

/// Renders every page of `loaded` into memory, as a build would without writing, keeping
/// the ids `checks` needs; returns the template problems found (scheduled pages included),
/// and site.yaml's warnings, which `build` reports at the same point.
pub fn render_site_in_memory(loaded: LoadedSite, checks: &check::Checks) -> Vec<Diagnostic> {
    let config_warnings = config::config_warnings(&loaded.site.config);
    let theme = loaded.theme;
    let site = loaded.site;
    let mut errors = match Renderer::new(site.clone(), theme.clone(), None) {
        Err(errors) => errors,
        Ok(renderer) => {
            let written = renderer.render_each(&site.pages(), |output| {
                if checks.wants_ids(&output.path) {
                    checks.record_ids(&output.path, &output.bytes);
                }
                Ok(())
            });
            match written {
                Ok(_) => Vec::new(),
                Err(render::RenderFailure::Templates(errors)) => errors,
                Err(render::RenderFailure::Sink(error)) => {
                    vec![Diagnostic::error("(render)", 0, 0, format!("{error:#}"))]
                }
            }
        }
    };
    if let Some(future) = &loaded.future {
        errors.extend(render_scheduled(future, &theme, now()));
    }
    errors.extend(config_warnings);
    errors
}

/// A static file may not take the place of a generated page.
fn static_collisions(site: &Site, theme: &render::Theme) -> Vec<Diagnostic> {
    let pages: std::collections::HashSet<PathBuf> = site
        .pages()
        .into_iter()
        .map(|key| site::output_file(&site.path(key)))
        .collect();
    theme
        .static_files
        .keys()
        .filter(|path| pages.contains(Path::new(path.as_str())))
        .map(|path| {
            Diagnostic::error(
                format!("static/{path}"),
                0,
                0,
                format!("this static file would overwrite the generated page /{path}"),
            )
            .with_hint("rename or move the static file")
            .with_rule("static files")
        })
        .collect()
}

/// `sitrep build`: render the site into a staging folder and swap it in atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut timings = Timings::start();
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    // Written at its real place (through links, `..` applied); reported as given.
    let real_output = check_output_dir(&options.root, &output, options.output.is_some())?;
    let loaded = match load_site_timed(
        &options.root,
        options.base_url.as_deref(),
        options.drafts,
        &mut timings,
    ) {
        Ok(loaded) => loaded,
        // Report every problem at once, as `check` would: the load errors and the findings
        // about what did load. (Only on failure, so the second look costs nothing otherwise.)
        Err(_) => {
            return Err(BuildError::Input(
                check::check(&options.root, &options.into()).diagnostics,
            ));
        }
    };
    let now = now();
    let static_files: Vec<(String, render::StaticSource)> = loaded
        .theme
        .static_files
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut scheduled: Vec<content::DateValue> = loaded
        .briefings
        .iter()
        .filter(|b| is_held_back(b, options.drafts, now))
        .filter_map(|b| b.publish_at.clone())
        .collect();
    scheduled.sort_by_key(|at| at.timestamp);
    let (site, theme) = (loaded.site.clone(), loaded.theme.clone());
    // What `check` refuses, `build` refuses too: the same checks, before anything is written.
    // They only read the model, so the template views are built meanwhile (the checks are
    // mostly one thread's work; the views keep the other core busy).
    let ((checks, checks_took), renderer) = rayon::join(
        || {
            let started = Instant::now();
            let checks = check::Checks::run(&options.root, &loaded, options.drafts, now);
            (checks, started.elapsed())
        },
        || Renderer::new(site.clone(), theme.clone(), None),
    );
    let LoadedSite {
        drafts_left_out,
        future,
        ..
    } = loaded;
    let renderer = match renderer {
        Ok(renderer) => renderer,
        Err(errors) => return Err(BuildError::Input(checks.finish(errors))),
    };
    let pages = site.pages();
    timings.lap("checks and template views");
    timings.part(
        "  of which checks (links, dates, terms, templates)",
        checks_took,
    );

    let staging = output::Staging::create(&real_output).map_err(BuildError::io)?;
    staging
        .create_dirs(static_files.iter().map(|(p, _)| Path::new(p)))
        .map_err(BuildError::io)?;
    staging.copy_static(&static_files).map_err(BuildError::io)?;
    timings.lap("static files");
    // Pages are written as they are rendered, so the whole site is never held in memory.
    // The search index is made from the model beside them: both are mostly CPU work, but
    // writing 10,000 pages to a disk leaves gaps that the index fills (on ext4, 0.2 s).
    let search_on = site.config.search;
    let ((written, pages_took), search) = rayon::join(
        || {
            let started = Instant::now();
            let written = renderer.render_each(&pages, |output| {
                if checks.wants_ids(&output.path) {
                    checks.record_ids(&output.path, &output.bytes);
                }
                staging.write(output)
            });
            (written, started.elapsed())
        },
        || {
            let started = Instant::now();
            // A briefing's fragment is written as soon as its page is merged, so that
            // writing 10,000 files overlaps the making of the index.
            let mut failed = None;
            search::each_output(&site, &mut |file| {
                if failed.is_none() {
                    failed = staging.write(file).err();
                }
            });
            (failed, started.elapsed())
        },
    );
    let (template_times, mut problems) = match written {
        Err(render::RenderFailure::Templates(errors)) => (Vec::new(), errors),
        Err(render::RenderFailure::Sink(error)) => return Err(BuildError::io(error)),
        Ok(times) => (times, Vec::new()),
    };
    if let (Some(error), _) = search {
        return Err(BuildError::io(error));
    }
    if let Some(future) = &future {
        problems.extend(render_scheduled(future, &theme, now));
    }
    // Freed in the background: millions of small values at 10,000 briefings.
    let _ = std::thread::Builder::new().spawn(move || drop(renderer));
    if search_on {
        timings.lap("render and write pages, and the search index");
        timings.part("  of which pages (beside the index)", pages_took);
        timings.part("  of which the search index (beside the pages)", search.1);
    } else {
        timings.lap("render and write pages");
    }
    let render_failed = problems.iter().any(Diagnostic::is_error);
    problems.extend(config::config_warnings(&site.config));
    let findings = checks.finish(problems);
    if render_failed || (!options.unchecked && findings.iter().any(Diagnostic::is_error)) {
        // The staging folder goes with `staging`; the output folder is untouched.
        return Err(BuildError::Input(findings));
    }
    timings.lap("link fragments");
    let output_sizes = staging.sizes();
    let output_bytes = output_sizes.iter().map(|(_, bytes)| bytes).sum();
    let swapped = staging.commit().map_err(|e| BuildError::Io {
        error: e.error,
        previous_at: e.previous_at,
    })?;
    timings.lap("swap into place");
    let mut warnings = findings;
    warnings.extend(swapped.leftover.map(|(old, error)| {
        Diagnostic::warning(
            old.clone(),
            0,
            0,
            format!("the new site is in place, but the previous one could not be deleted: {error}"),
        )
        .with_hint(format!("delete {} by hand", old.display()))
    }));
    let briefings = site.entries.len();
    warnings.extend(size_warning(&site.config, output_bytes, &output_sizes));
    // Freeing the model and views (millions of small values at 10,000 briefings) takes
    // ~50 ms on one core; the site is already written, so do it off the caller's path.
    // (If no thread can be started, the values are freed right here instead.)
    let _ = std::thread::Builder::new().spawn(move || drop(site));
    Ok(BuildReport {
        output,
        briefings,
        drafts_left_out,
        scheduled,
        pages: pages.len(),
        static_files: static_files.len(),
        warnings,
        elapsed: started.elapsed(),
        timings,
        template_times,
        output_bytes,
        output_sizes,
    })
}

/// A warning once the output passes 80% of `size_limit` (GitHub Pages publishes at most
/// 1 GB), naming the largest folders, so a desk acts before publishing stops.
fn size_warning(config: &Config, bytes: u64, sizes: &[(String, u64)]) -> Option<Diagnostic> {
    let limit = config.size_limit;
    if bytes * 5 <= limit * 4 {
        return None;
    }
    let largest: Vec<String> = sizes
        .iter()
        .take(3)
        .map(|(name, size)| format!("{name}/ {}", human_size(*size)))
        .collect();
    Some(
        Diagnostic::warning(
            config::CONFIG_FILE,
            0,
            0,
            format!(
                "the site is {}, {}% of its size limit of {} (size_limit); the largest parts are {}",
                human_size(bytes),
                bytes * 100 / limit.max(1),
                human_size(limit),
                largest.join(", ")
            ),
        )
        .with_hint("GitHub Pages publishes at most 1 GB: term feeds with summaries (`feeds: { terms: summary }`) and fewer entries per feed (`feed_limit`) are the quickest savings; raise `size_limit` if your host allows more")
        .with_rule("size"),
    )
}

/// `123456789` → `123.5 MB` (decimal units, as GitHub states its limits).
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000_000 => format!("{:.2} GB", b as f64 / 1e9),
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{:.1} kB", b as f64 / 1e3),
        b => format!("{b} bytes"),
    }
}

impl From<&BuildOptions> for check::CheckOptions {
    fn from(options: &BuildOptions) -> Self {
        check::CheckOptions {
            base_url: options.base_url.clone(),
            drafts: options.drafts,
        }
    }
}

/// The output folder is replaced wholesale, so it must never be the site itself, any of its
/// folders, the current folder, or a folder sitrep did not make. Returns its real path.
/// An `--output` given on the command line that overlaps the site is a usage error.
fn check_output_dir(root: &Path, output: &Path, given: bool) -> Result<PathBuf, BuildError> {
    let error = |message: String| vec![Diagnostic::error("--output", 0, 0, message)];
    let real = output::resolve(output).map_err(|e| {
        BuildError::Input(error(format!(
            "cannot use {} as the output: {e}",
            output.display()
        )))
    })?;
    let cwd = std::env::current_dir().ok();
    if let Some(reason) = output::overlap(&real, root, cwd.as_deref()) {
        if given {
            return Err(BuildError::Usage(UsageError(format!(
                "refusing to build into --output {} ({}): {reason}; a build replaces its \
                 output folder as a whole, so pass a folder of its own, such as `--output \
                 public` (the default) or a folder outside the site",
                output.display(),
                real.display()
            ))));
        }
        let mut refusal = error(format!(
            "refusing to build into {} ({}): {reason}",
            output.display(),
            real.display()
        ));
        refusal[0].hint = Some(
            "a build replaces its output folder as a whole; give it a folder of its own, such \
             as public/ (the default) or a folder outside the site"
                .into(),
        );
        return Err(BuildError::Input(refusal));
    }
    if let Some(not_ours) = output::check_folders(&real) {
        let mut refusal = error(not_ours.message);
        if not_ours.foreign {
            refusal[0].hint = Some(format!(
                "sitrep replaces its output folder as a whole, so it only replaces a folder it \
                 made (one holding a {} file) or an empty one",
                output::MARKER
            ));
        }
        return Err(BuildError::Input(refusal));
    }
    Ok(real)
}
