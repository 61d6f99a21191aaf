//! Rendering: the template views of the model (built once and shared by reference-counted
//! values, so a list page costs its own slice, not a copy of the site) and a pure function
//! from (model, page key) to the bytes of that page. No disk I/O here.

pub mod feeds;
pub mod functions;
pub mod i18n;
pub mod theme;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::diagnostics::Diagnostic;
use crate::site::{PAGE_KINDS, PageKey, Site, kind_index, output_file, page_slice};

mod chrome;
mod compact;
mod corrections;
mod discovery;
mod jsonld;
mod pages;
mod template_errors;
mod views;

pub use jsonld::script_safe_json;
pub use template_errors::template_diagnostics;
pub use theme::{CUSTOM_CSS, StaticOverride, StaticSource, Theme, load_theme};
pub use views::{CARD_TEMPLATE, pager_window};

use jsonld::json_ld;
use views::{entry_view, map, with_card};

/// One rendered file: a path relative to the output root and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Time spent in one template over a run (summed over threads), for `build --timings`.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateTime {
    pub template: &'static str,
    pub pages: u64,
    pub total: std::time::Duration,
}

/// Per-template counters, updated from every rendering thread.
#[derive(Default)]
struct TemplateStats {
    pages: [std::sync::atomic::AtomicU64; PAGE_KINDS.len()],
    nanos: [std::sync::atomic::AtomicU64; PAGE_KINDS.len()],
}

impl TemplateStats {
    fn record(&self, key: PageKey, elapsed: std::time::Duration) {
        use std::sync::atomic::Ordering::Relaxed;
        let i = kind_index(key);
        self.pages[i].fetch_add(1, Relaxed);
        self.nanos[i].fetch_add(elapsed.as_nanos() as u64, Relaxed);
    }

    fn summary(&self) -> Vec<TemplateTime> {
        use std::sync::atomic::Ordering::Relaxed;
        PAGE_KINDS
            .iter()
            .enumerate()
            .filter(|(i, _)| self.pages[*i].load(Relaxed) > 0)
            .map(|(i, template)| TemplateTime {
                template,
                pages: self.pages[i].load(Relaxed),
                total: std::time::Duration::from_nanos(self.nanos[i].load(Relaxed)),
            })
            .collect()
    }
}

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderFailure {
    /// Template problems, for the editor or theme author.
    Templates(Vec<Diagnostic>),
    /// The sink (usually the writer) failed.
    Sink(anyhow::Error),
}

/// The render state for one model: the theme plus every view that more than one page uses.
pub struct Renderer {
    site: Arc<Site>,
    theme: Arc<Theme>,
    /// `site` of every template context, built once.
    site_value: Value,
    /// One list view per entry (everything but `content` and `toc`), in site order.
    entries: Vec<Value>,
    /// Per taxonomy: `{name, title, url}`.
    taxonomies: Vec<Value>,
    /// Per taxonomy, per term: `{name, slug, url, count}`.
    terms: Vec<Vec<Value>>,
    /// Per taxonomy, per term: what a briefing's view shows of it, `{name, slug, url}`.
    term_refs: Vec<Vec<Value>>,
    /// Per event of the site's timeline (same order): its view.
    events: Vec<Value>,
    /// The header and footer, rendered once per language and page kind where they can be.
    chrome: Arc<chrome::Chrome>,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: String,
    base_path: &'a str,
    taxonomies: Vec<TaxonomyView>,
    extra: &'a serde_json::Value,
    drafts: bool,
    generator: String,
    feed_url: String,
    json_feed_url: String,
    /// The corrections log and its feed.
    corrections_url: String,
    corrections_feed_url: String,
    /// `static/custom.css` of the site, linked after the theme's stylesheet; none without one.
    custom_css: Option<String>,
    /// The pages in the navigation (`menu:`), in order: `{title, url}`.
    menu: Vec<pages::MenuItem>,
    /// The name of the byline taxonomy (`byline: true`), if one is declared.
    byline_taxonomy: Option<&'a str>,
    /// `/timeline/`, while the site has key events; none otherwise.
    timeline_url: Option<String>,
    /// `/search/` under the base path; None with `search: false`.
    search_url: Option<String>,
    /// site.yaml's `image:` (`{url, permalink, alt}`), the image of every page without one.
    image: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct TaxonomyView {
    name: String,
    title: String,
    url: String,
}

pub use crate::content::dates::month_name;

/// Per taxonomy, per term: its full view (term and taxonomy pages) and what a briefing shows
/// of it, one shared value per term: only what the briefing's own fingerprint covers (not
/// `count`, which other briefings change).
fn term_views(site: &Site) -> (Vec<Vec<Value>>, Vec<Vec<Value>>) {
    let base = &site.config.base_url;
    site.taxonomies
        .iter()
        .enumerate()
        .map(|(t, tax)| {
            tax.terms
                .iter()
                .enumerate()
                .map(|(i, term)| {
                    let path = site.term_path(t, i);
                    let name = Value::from(term.name.as_str());
                    let slug = Value::from(term.slug.as_str());
                    let url = Value::from(base.path_for(&path));
                    let view = map([
                        ("name", name.clone()),
                        ("slug", slug.clone()),
                        ("url", url.clone()),
                        ("count", Value::from(term.members.len())),
                        (
                            "feed_url",
                            Value::from(base.path_for(&format!("{path}atom.xml"))),
                        ),
                        ("profile", pages::profile_view(site, t, i)),
                    ]);
                    (view, map([("name", name), ("slug", slug), ("url", url)]))
                })
                .unzip()
        })
        .unzip()
}

/// The template of standalone pages: optional for a theme, needed once a site has pages.
pub const PAGE_TEMPLATE: &str = "page.html";

impl Renderer {
    /// Builds the views of `site`. Entry views whose list fingerprint matches one in
    /// `previous` are reused, so an incremental rebuild only builds views for what changed.
    ///
    /// When the theme has an `entry.html` template, each briefing's list entry is rendered
    /// here, once, and every list shows that HTML (`entry.card`) instead of rendering the
    /// entry again on each home, term and month page it appears on.
    pub fn new(
        site: Arc<Site>,
        theme: Arc<Theme>,
        previous: Option<&Renderer>,
    ) -> Result<Renderer, Vec<Diagnostic>> {
        let base = &site.config.base_url;
        let taxonomy_views: Vec<TaxonomyView> = site
            .taxonomies
            .iter()
            .enumerate()
            .map(|(t, tax)| TaxonomyView {
                name: tax.config.name.clone(),
                title: tax.config.title.clone(),
                url: base.path_for(&site.taxonomy_path(t)),
            })
            .collect();
        let taxonomies = taxonomy_views
            .iter()
            .map(Value::from_serializable)
            .collect();
        let site_view = SiteView {
            title: &site.config.title,
            description: &site.config.description,
            language: &site.config.language,
            base_url: base.full(),
            base_path: &base.path,
            taxonomies: taxonomy_views,
            extra: &site.config.extra,
            drafts: site.drafts_included,
            generator: format!("sitrep {}", env!("CARGO_PKG_VERSION")),
            feed_url: base.path_for("/atom.xml"),
            json_feed_url: base.path_for("/feed.json"),
            corrections_url: base.path_for(crate::site::CORRECTIONS_PATH),
            corrections_feed_url: base
                .path_for(&format!("{}atom.xml", crate::site::CORRECTIONS_PATH)),
            custom_css: theme
                .static_files
                .contains_key(CUSTOM_CSS)
                .then(|| base.path_for(CUSTOM_CSS)),
            menu: pages::menu(&site),
            byline_taxonomy: site
                .byline_taxonomy()
                .map(|t| site.config.taxonomies[t].name.as_str()),
            timeline_url: (!site.timeline.years.is_empty())
                .then(|| base.path_for(&crate::site::timeline_path())),
            search_url: site
                .config
                .search
                .then(|| base.path_for(crate::site::SEARCH_PATH)),
            image: site.config.image.as_ref().map(|i| i.view(base)),
        };
        let site_value = Value::from_serializable(&site_view);

        let (terms, term_refs) = term_views(&site);
        // Views (and their cards) of another theme are stale.
        let previous = previous.filter(|p| Arc::ptr_eq(&p.theme, &theme));
        let reusable: HashMap<u64, &Value> = previous
            .map(|p| {
                p.site
                    .list_fingerprints()
                    .iter()
                    .copied()
                    .zip(&p.entries)
                    .collect()
            })
            .unwrap_or_default();
        let has_cards = theme.tera.contains_template(CARD_TEMPLATE);
        let entries: Vec<Result<Value, Vec<Diagnostic>>> = (0..site.entries.len())
            .into_par_iter()
            // Without views to reuse (a build) the fingerprints are never made.
            .map(|e| {
                match (!reusable.is_empty())
                    .then(|| reusable.get(&site.list_fingerprints()[e]))
                    .flatten()
                {
                    Some(&value) => Ok(value.clone()),
                    None => {
                        let view = entry_view(&site, e, &term_refs);
                        if has_cards {
                            let lang = &site.entries[e].briefing.language;
                            with_card(view, &site_value, lang, &theme)
                        } else {
                            Ok(view)
                        }
                    }
                }
            })
            .collect();
        let mut errors: Vec<Diagnostic> = Vec::new();
        let entries: Vec<Value> = entries
            .into_iter()
            .filter_map(|result| {
                result
                    .map_err(|found| {
                        for d in found {
                            if !errors.contains(&d) {
                                errors.push(d);
                            }
                        }
                    })
                    .ok()
            })
            .collect();
        if !site.pages.is_empty() && !theme.tera.contains_template(PAGE_TEMPLATE) {
            errors.push(
                Diagnostic::error(
                    &site.pages[0].page.source_path,
                    0,
                    0,
                    format!(
                        "the theme has no `{PAGE_TEMPLATE}` template to show the pages in pages/"
                    ),
                )
                .with_hint(format!(
                    "add templates/{PAGE_TEMPLATE} (the default theme's shows how)"
                )),
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let events = site
            .timeline
            .events
            .iter()
            .map(|event| discovery::event_view(&site, event))
            .collect();
        let chrome = Arc::new(chrome::Chrome::new(&theme));
        Ok(Renderer {
            site,
            theme,
            site_value,
            entries,
            taxonomies,
            terms,
            term_refs,
            events,
            chrome,
        })
    }

    /// The renderer of `site`: this renderer's model with the entries `replaced` changed in
    /// place (`Site::replace_in_place`: no briefing moved, no URL, menu or event changed) or,
    /// with `retagged`, moved between terms (`Site::retagged`: terms may have come or gone,
    /// and the others changed nothing but their members). Only the views of the replaced
    /// entries, of the events that link to them and (when retagged) of the terms are built
    /// again; the rest is shared. On a large site that is most of an edit's time saved.
    pub fn patched(
        &self,
        site: Arc<Site>,
        replaced: &[usize],
        retagged: bool,
    ) -> Result<Renderer, Vec<Diagnostic>> {
        let has_cards = self.theme.tera.contains_template(CARD_TEMPLATE);
        let (terms, term_refs) = if retagged {
            term_views(&site)
        } else {
            (self.terms.clone(), self.term_refs.clone())
        };
        let mut entries = self.entries.clone();
        for &e in replaced {
            let view = entry_view(&site, e, &term_refs);
            entries[e] = if has_cards {
                let lang = &site.entries[e].briefing.language;
                with_card(view, &self.site_value, lang, &self.theme)?
            } else {
                view
            };
        }
        // An event shows the title, URL and language of each briefing it links to.
        let mut events = self.events.clone();
        for (view, event) in events.iter_mut().zip(&site.timeline.events) {
            if event.entries.iter().any(|e| replaced.contains(e)) {
                *view = discovery::event_view(&site, event);
            }
        }
        Ok(Renderer {
            site,
            theme: self.theme.clone(),
            site_value: self.site_value.clone(),
            entries,
            taxonomies: self.taxonomies.clone(),
            terms,
            term_refs,
            events,
            // Same site value and theme: what was rendered once still holds.
            chrome: self.chrome.clone(),
        })
    }

    /// Renders `pages` in parallel and hands each page to `sink` as soon as it is rendered.
    /// Template errors are collected, one per distinct problem however many pages hit it,
    /// each saying which page first showed it; the first sink error stops the run.
    pub fn render_each<F>(
        &self,
        pages: &[PageKey],
        sink: F,
    ) -> Result<Vec<TemplateTime>, RenderFailure>
    where
        F: Fn(Output) -> anyhow::Result<()> + Sync,
    {
        let stats = TemplateStats::default();
        // Largest pages first (the home page, feeds, term and year lists), then the many small
        // briefing pages in small batches: the last core to finish is never left alone with a
        // run of feeds while the other waits (at 10,000 briefings that tail was ~0.15 s).
        let mut order: Vec<usize> = (0..pages.len()).collect();
        order.sort_by_cached_key(|&i| std::cmp::Reverse(self.work_estimate(pages[i])));
        let mut failures: Vec<(usize, Vec<Diagnostic>)> = order
            .par_iter()
            .with_max_len(16)
            .map(|&i| {
                let key = pages[i];
                let started = std::time::Instant::now();
                let rendered = self.render(key);
                stats.record(key, started.elapsed());
                match rendered {
                    Ok(output) => sink(output).map(|()| None).map_err(RenderFailure::Sink),
                    Err(diagnostics) => Ok(Some((i, diagnostics))),
                }
            })
            .filter_map(Result::transpose)
            .collect::<Result<Vec<_>, _>>()?;
        if failures.is_empty() {
            return Ok(stats.summary());
        }
        failures.sort_by_key(|(i, _)| *i);
        let failures = failures.into_iter().map(|(i, found)| (pages[i], found));
        // Group identical problems; remember the first page (in page order) and how many.
        let mut grouped: Vec<(Diagnostic, PageKey, usize)> = Vec::new();
        for (key, diagnostics) in failures {
            for diagnostic in diagnostics {
                match grouped.iter_mut().find(|(d, _, _)| *d == diagnostic) {
                    Some((_, _, count)) => *count += 1,
                    None => grouped.push((diagnostic, key, 1)),
                }
            }
        }
        let errors = grouped
            .into_iter()
            .map(|(diagnostic, key, count)| {
                let mut note = format!("while rendering {}", self.describe(key));
                if count > 1 {
                    note.push_str(&format!(
                        " and {} other page{}",
                        count - 1,
                        if count == 2 { "" } else { "s" }
                    ));
                }
                diagnostic.with_hint(note)
            })
            .collect();
        Err(RenderFailure::Templates(errors))
    }

    /// A page for messages: its URL, and the briefing file it comes from.
    fn describe(&self, key: PageKey) -> String {
        let url = self.site.config.base_url.path_for(&self.site.path(key));
        match key {
            PageKey::Briefing(e) => {
                format!(
                    "{url} (from {})",
                    self.site.entries[e].briefing.source_path.display()
                )
            }
            PageKey::Page(p) => {
                format!(
                    "{url} (from {})",
                    self.site.pages[p].page.source_path.display()
                )
            }
            _ => url,
        }
    }

    /// Renders one page. Pure: the same model and key always give the same bytes.
    pub fn render(&self, key: PageKey) -> Result<Output, Vec<Diagnostic>> {
        let path = output_file(&self.site.path(key));
        let site = &self.site;
        let text = match key {
            PageKey::SiteFeed => {
                // Feeds carry the newest briefings by date, whatever the home page's order
                // (as the JSON Feed does); an update shows as the entry's <updated>.
                let newest: Vec<usize> =
                    (0..site.entries.len().min(site.config.feed_limit)).collect();
                feeds::atom(site, &self.theme, key, &newest, &site.config.title, "/")
            }
            PageKey::TermFeed(t, i) => {
                let title = format!(
                    "{} — {}: {}",
                    site.config.title,
                    site.taxonomies[t].config.title,
                    site.taxonomies[t].terms[i].name
                );
                feeds::atom(
                    site,
                    &self.theme,
                    key,
                    &site.taxonomies[t].terms[i].members,
                    &title,
                    &site.term_path(t, i),
                )
            }
            PageKey::CorrectionsFeed => corrections::corrections_feed(site, &self.theme),
            PageKey::JsonFeed => feeds::json_feed(site, &self.theme),
            PageKey::Sitemap => feeds::sitemap(site),
            PageKey::Robots => feeds::robots(site),
            PageKey::NoJekyll => String::new(),
            PageKey::Cname => format!("{}\n", site.config.cname.as_deref().unwrap_or_default()),
            PageKey::Alias(e, _) => feeds::alias_page(site, e),
            PageKey::PageAlias(p, _) => feeds::page_alias(site, p),
            _ => {
                let (template, context) = self.context(key);
                // Rendered straight into the bytes that get written, sized up front: no
                // regrowing copies of the page and no second UTF-8 check.
                let mut bytes = Vec::with_capacity(self.size_hint(key));
                self.theme
                    .tera
                    .render_to(template, &context, &mut bytes)
                    .map_err(|e| self.theme.diagnostics(&e))?;
                return Ok(Output { path, bytes });
            }
        };
        Ok(Output {
            path,
            bytes: text.into_bytes(),
        })
    }

    /// About how many bytes the themed page `key` will be: its body or list entries plus the
    /// page around them (the default theme's pages: 8-12 KB without a body, ~700 bytes an entry).
    fn size_hint(&self, key: PageKey) -> usize {
        const FRAME: usize = 16 * 1024;
        const PER_ENTRY: usize = 1024;
        let per_page = self.site.config.paginate_by;
        match key {
            PageKey::Briefing(e) => FRAME + self.site.entries[e].briefing.body.html.len(),
            PageKey::Page(p) => FRAME + self.site.pages[p].page.body.html.len(),
            PageKey::Home(n) => {
                FRAME + PER_ENTRY * page_slice(&self.site.all_entries, n, per_page).len()
            }
            PageKey::Term(t, i, n) => {
                let members = &self.site.taxonomies[t].terms[i].members;
                FRAME + PER_ENTRY * page_slice(members, n, per_page).len()
            }
            PageKey::Month(y, m) => FRAME + PER_ENTRY * self.site.years[y].months[m].members.len(),
            PageKey::Year(y) => FRAME + 256 * self.site.years[y].count(),
            _ => FRAME,
        }
    }

    /// Roughly how much work rendering `key` is, in bytes of output: only the order of pages
    /// across threads depends on it, never what is written.
    fn work_estimate(&self, key: PageKey) -> usize {
        const PER_FEED_ENTRY: usize = 8 * 1024;
        const PER_SITEMAP_ENTRY: usize = 256;
        let site = &self.site;
        let feed_entries = |members: usize| members.min(site.config.feed_limit) * PER_FEED_ENTRY;
        match key {
            PageKey::SiteFeed | PageKey::JsonFeed => feed_entries(site.all_entries.len()),
            PageKey::TermFeed(t, i) => feed_entries(site.taxonomies[t].terms[i].members.len()),
            PageKey::Sitemap => PER_SITEMAP_ENTRY * site.entries.len(),
            // All alike; one value keeps them in page order, so each month's folder fills
            // up in turn.
            PageKey::Briefing(_) | PageKey::Alias(..) => 0,
            _ => self.size_hint(key),
        }
    }

    pub fn site(&self) -> &Arc<Site> {
        &self.site
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Whether this renderer renders with `theme` (the same loaded theme, not an equal one).
    pub fn uses_theme(&self, theme: &Arc<Theme>) -> bool {
        Arc::ptr_eq(&self.theme, theme)
    }

    fn context(&self, key: PageKey) -> (&'static str, Context) {
        let mut context = Context::new();
        context.insert_value("site", self.site_value.clone());
        let template = PAGE_KINDS[kind_index(key)];
        match key {
            PageKey::Home(n) => {
                context.insert_value("paginator", self.paginator(&self.site.all_entries, "/", n));
            }
            PageKey::Briefing(e) => {
                context.insert_value("page", self.full_view(e));
                context.insert("json_ld", &json_ld(&self.site, e));
            }
            PageKey::TaxonomyList(t) => {
                context.insert_value("taxonomy", self.taxonomies[t].clone());
                context.insert_value("terms", Value::from(self.terms[t].clone()));
            }
            PageKey::Term(t, i, n) => {
                let term = &self.site.taxonomies[t].terms[i];
                context.insert_value("taxonomy", self.taxonomies[t].clone());
                context.insert_value("term", self.terms[t][i].clone());
                context.insert_value(
                    "paginator",
                    self.paginator(&term.members, &self.site.term_path(t, i), n),
                );
                // The term's key events, on its first page.
                if n == 1 && !self.site.timeline.terms[t][i].is_empty() {
                    context.insert_value("term_timeline", self.term_timeline(t, i));
                }
            }
            PageKey::Timeline => {
                context.insert_value("timeline", self.timeline_index());
            }
            PageKey::TimelineYear(y) => {
                context.insert_value("timeline", self.timeline_index());
                context.insert_value("timeline_year", self.timeline_year(y));
            }
            PageKey::Year(y) => {
                context.insert_value("year", self.year_view(y));
            }
            PageKey::Month(y, m) => {
                let month = &self.site.years[y].months[m];
                context.insert_value("month", self.month_view(y, m));
                context.insert_value("pages", self.entry_list(&month.members));
            }
            PageKey::Archive => {
                context.insert_value("archive", self.archive_view());
            }
            PageKey::NotFound | PageKey::Search => {}
            PageKey::Page(p) => {
                context.insert_value("page", pages::page_view(&self.site, p));
            }
            PageKey::Corrections(n) => {
                context.insert_value("paginator", self.corrections_paginator(n));
            }
            // Not themed: written by `render` directly.
            PageKey::SiteFeed
            | PageKey::TermFeed(..)
            | PageKey::CorrectionsFeed
            | PageKey::JsonFeed
            | PageKey::Sitemap
            | PageKey::Robots
            | PageKey::NoJekyll
            | PageKey::Cname
            | PageKey::Alias(..)
            | PageKey::PageAlias(..) => {}
        };
        let path = self.site.path(key);
        let base = &self.site.config.base_url;
        // The page's language: a briefing's own, else the site's.
        let lang = match key {
            PageKey::Briefing(e) => &self.site.entries[e].briefing.language,
            _ => &self.site.config.language,
        };
        let kind = template.trim_end_matches(".html");
        context.insert("lang", lang);
        context.insert("page_kind", kind);
        context.insert("current_url", &base.path_for(&path));
        context.insert("current_permalink", &base.absolute(&path));
        // A standalone page in the menu: the header marks its entry without reading
        // `current_url`, so on every other page it can be rendered once.
        if let PageKey::Page(p) = key
            && self.site.menu.contains(&p)
        {
            context.insert("current_menu_url", &base.path_for(&path));
        }
        let chrome = self.chrome.for_page(&context, lang, kind, &self.theme);
        context.insert_value("chrome", chrome);
        (template, context)
    }
}
