//! Rendering: the template views of the model (built once and shared by reference-counted
//! values, so a list page costs its own slice, not a copy of the site) and a pure function
//! from (model, page key) to the bytes of that page. No disk I/O here.

pub mod feeds;
pub mod functions;
pub mod theme;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::diagnostics::Diagnostic;
use crate::markdown::{TocEntry, reading_time};
use crate::site::{
    PAGE_KINDS, PageKey, Site, kind_index, month_path, output_file, page_count, page_slice,
    paginated_path, year_path,
};

pub use theme::{StaticSource, Theme, load_theme};

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
}

#[cfg(test)]
mod tests {
    use super::pager_window;

    #[test]
    fn json_for_scripts_cannot_close_the_script() {
        let text =
            super::script_safe_json(&serde_json::json!({"headline": "</script><!-- & \u{2028}"}));
        assert_eq!(
            text,
            r#"{"headline":"\u003c/script\u003e\u003c!-- \u0026 \u2028"}"#
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], "</script><!-- & \u{2028}");
    }

    #[test]
    fn pager_window_is_bounded_and_marks_gaps() {
        assert_eq!(pager_window(1, 1), [(1, false)]);
        assert_eq!(pager_window(1, 3), [(1, false), (2, false), (3, false)]);
        let pages: Vec<usize> = pager_window(500, 1000).iter().map(|p| p.0).collect();
        assert_eq!(pages, [1, 498, 499, 500, 501, 502, 1000]);
        assert!(pager_window(500, 1000)[1].1 && pager_window(500, 1000)[6].1);
        // A lone hidden page next to an end is shown instead of a gap.
        let pages: Vec<usize> = pager_window(4, 7).iter().map(|p| p.0).collect();
        assert_eq!(pages, [1, 2, 3, 4, 5, 6, 7]);
        assert!(pager_window(4, 7).iter().all(|p| !p.1));
    }
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
}

#[derive(Serialize)]
struct TaxonomyView {
    name: String,
    title: String,
    url: String,
}

pub use crate::content::dates::month_name;

/// The optional template for one briefing in a list, rendered once per briefing.
pub const CARD_TEMPLATE: &str = "entry.html";

/// `view` with `card`: the HTML of `entry.html` rendered for it.
fn with_card(view: Value, site_value: &Value, theme: &Theme) -> Result<Value, Vec<Diagnostic>> {
    let mut context = Context::new();
    context.insert_value("site", site_value.clone());
    context.insert_value("entry", view.clone());
    context.insert("page_kind", "entry");
    let html = theme
        .tera
        .render(CARD_TEMPLATE, &context)
        .map_err(|e| template_diagnostics(&e, &theme.template_files, &theme.template_sources))?;
    // The context shares the view's map: let go of it, or `into_map` copies the whole map.
    drop(context);
    let Some(mut fields) = view.into_map() else {
        unreachable!("a page view is a map")
    };
    fields.insert("card".into(), Value::safe_string(&html));
    Ok(Value::from(fields))
}

fn map<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    Value::from(BTreeMap::from(pairs))
}

impl Renderer {
    /// Builds the views of `site`. Entry views whose fingerprint matches one in `previous`
    /// are reused, so an incremental rebuild only builds views for what changed.
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
        };
        let site_value = Value::from_serializable(&site_view);

        // Per term: its full view (term and taxonomy pages) and what a briefing shows of it,
        // one shared value per term: only what the briefing's own fingerprint covers (not
        // `count`, which other briefings change).
        let (terms, term_refs): (Vec<Vec<Value>>, Vec<Vec<Value>>) = site
            .taxonomies
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
                        ]);
                        (view, map([("name", name), ("slug", slug), ("url", url)]))
                    })
                    .unzip()
            })
            .unzip();
        // Views (and their cards) of another theme are stale.
        let previous = previous.filter(|p| Arc::ptr_eq(&p.theme, &theme));
        let reusable: HashMap<u64, &Value> = previous
            .map(|p| {
                p.site
                    .view_fingerprints
                    .iter()
                    .copied()
                    .zip(&p.entries)
                    .collect()
            })
            .unwrap_or_default();
        let has_cards = theme.tera.contains_template(CARD_TEMPLATE);
        let entries: Vec<Result<Value, Vec<Diagnostic>>> = (0..site.entries.len())
            .into_par_iter()
            .map(|e| match reusable.get(&site.view_fingerprints[e]) {
                Some(&value) => Ok(value.clone()),
                None => {
                    let view = entry_view(&site, e, &term_refs);
                    if has_cards {
                        with_card(view, &site_value, &theme)
                    } else {
                        Ok(view)
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
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Renderer {
            site,
            theme,
            site_value,
            entries,
            taxonomies,
            terms,
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
            _ => url,
        }
    }

    /// Renders one page. Pure: the same model and key always give the same bytes.
    pub fn render(&self, key: PageKey) -> Result<Output, Vec<Diagnostic>> {
        let path = output_file(&self.site.path(key));
        let site = &self.site;
        let text = match key {
            PageKey::SiteFeed => feeds::atom(site, key, &site.all_entries, &site.config.title, "/"),
            PageKey::TermFeed(t, i) => {
                let title = format!(
                    "{} — {}: {}",
                    site.config.title,
                    site.taxonomies[t].config.title,
                    site.taxonomies[t].terms[i].name
                );
                feeds::atom(
                    site,
                    key,
                    &site.taxonomies[t].terms[i].members,
                    &title,
                    &site.term_path(t, i),
                )
            }
            PageKey::JsonFeed => feeds::json_feed(site),
            PageKey::Sitemap => feeds::sitemap(site),
            PageKey::Robots => feeds::robots(site),
            PageKey::NoJekyll => String::new(),
            PageKey::Cname => format!("{}\n", site.config.cname.as_deref().unwrap_or_default()),
            PageKey::Alias(e, _) => feeds::alias_page(site, e),
            _ => {
                let (template, context) = self.context(key);
                // Rendered straight into the bytes that get written, sized up front: no
                // regrowing copies of the page and no second UTF-8 check.
                let mut bytes = Vec::with_capacity(self.size_hint(key));
                self.theme
                    .tera
                    .render_to(template, &context, &mut bytes)
                    .map_err(|e| {
                        template_diagnostics(
                            &e,
                            &self.theme.template_files,
                            &self.theme.template_sources,
                        )
                    })?;
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
            PageKey::NotFound => {}
            // Not themed: written by `render` directly.
            PageKey::SiteFeed
            | PageKey::TermFeed(..)
            | PageKey::JsonFeed
            | PageKey::Sitemap
            | PageKey::Robots
            | PageKey::NoJekyll
            | PageKey::Cname
            | PageKey::Alias(..) => {}
        };
        let path = self.site.path(key);
        let base = &self.site.config.base_url;
        context.insert("page_kind", template.trim_end_matches(".html"));
        context.insert("current_url", &base.path_for(&path));
        context.insert("current_permalink", &base.absolute(&path));
        (template, context)
    }

    /// The view of briefing `e` for its own page: its list view plus `content` and `toc`
    /// (reusing the list view's values instead of serialising the briefing again).
    fn full_view(&self, e: usize) -> Value {
        let Some(mut fields) = self.entries[e].clone().into_map() else {
            unreachable!("an entry view is a map")
        };
        let body = &self.site.entries[e].briefing.body;
        fields.insert(
            "content".into(),
            Value::from(feeds::entry_content(&self.site, e).as_ref()),
        );
        fields.insert("toc".into(), toc_value(&body.toc));
        Value::from(fields)
    }

    fn url(&self, site_path: &str) -> Value {
        Value::from(self.site.config.base_url.path_for(site_path))
    }

    fn entry_list(&self, members: &[usize]) -> Value {
        Value::from(
            members
                .iter()
                .map(|&e| self.entries[e].clone())
                .collect::<Vec<_>>(),
        )
    }

    fn paginator(&self, members: &[usize], first: &str, current: usize) -> Value {
        let per_page = self.site.config.paginate_by;
        let total_pages = page_count(members.len(), per_page);
        let link = |n: usize| self.url(&paginated_path(first, n));
        let pagers: Vec<Value> = pager_window(current, total_pages)
            .into_iter()
            .map(|(n, gap_before)| {
                map([
                    ("index", Value::from(n)),
                    ("url", link(n)),
                    ("current", Value::from(n == current)),
                    ("gap_before", Value::from(gap_before)),
                ])
            })
            .collect();
        map([
            (
                "pages",
                self.entry_list(page_slice(members, current, per_page)),
            ),
            ("current_index", Value::from(current)),
            ("total_pages", Value::from(total_pages)),
            ("total_items", Value::from(members.len())),
            ("paginate_by", Value::from(per_page)),
            ("first", link(1)),
            ("last", link(total_pages)),
            (
                "previous",
                if current > 1 {
                    link(current - 1)
                } else {
                    Value::none()
                },
            ),
            (
                "next",
                if current < total_pages {
                    link(current + 1)
                } else {
                    Value::none()
                },
            ),
            ("pagers", Value::from(pagers)),
        ])
    }

    fn month_summary(&self, year: i16, month: i8, count: usize) -> Value {
        map([
            ("year", Value::from(year)),
            ("month", Value::from(month)),
            ("name", Value::from(month_name(month))),
            ("url", self.url(&month_path(year, month))),
            ("count", Value::from(count)),
        ])
    }

    fn year_view(&self, y: usize) -> Value {
        let years = &self.site.years;
        let year = &years[y];
        let year_ref = |i: usize| {
            map([
                ("year", Value::from(years[i].year)),
                ("url", self.url(&year_path(years[i].year))),
            ])
        };
        let months: Vec<Value> = year
            .months
            .iter()
            .map(|m| {
                let mut fields = BTreeMap::from([
                    ("year", Value::from(m.year)),
                    ("month", Value::from(m.month)),
                    ("name", Value::from(month_name(m.month))),
                    ("url", self.url(&month_path(m.year, m.month))),
                    ("count", Value::from(m.members.len())),
                ]);
                fields.insert("pages", self.entry_list(&m.members));
                Value::from(fields)
            })
            .collect();
        map([
            ("year", Value::from(year.year)),
            ("url", self.url(&year_path(year.year))),
            ("count", Value::from(year.count())),
            // Years are newest first: the previous (older) year comes after this one.
            (
                "previous",
                if y + 1 < years.len() {
                    year_ref(y + 1)
                } else {
                    Value::none()
                },
            ),
            (
                "next",
                if y > 0 {
                    year_ref(y - 1)
                } else {
                    Value::none()
                },
            ),
            ("months", Value::from(months)),
        ])
    }

    fn month_view(&self, y: usize, m: usize) -> Value {
        let (older, newer) = self.site.neighbour_months(y, m);
        let neighbour = |month: Option<crate::site::MonthRef>| match month {
            Some((year, month, count)) => self.month_summary(year, month, count),
            None => Value::none(),
        };
        let month = &self.site.years[y].months[m];
        let mut view = BTreeMap::from([
            ("year", Value::from(month.year)),
            ("month", Value::from(month.month)),
            ("name", Value::from(month_name(month.month))),
            ("url", self.url(&month_path(month.year, month.month))),
            ("count", Value::from(month.members.len())),
            ("year_url", self.url(&year_path(month.year))),
        ]);
        view.insert("previous", neighbour(older));
        view.insert("next", neighbour(newer));
        Value::from(view)
    }

    fn archive_view(&self) -> Value {
        let years: Vec<Value> = self
            .site
            .years
            .iter()
            .map(|year| {
                let months: Vec<Value> = year
                    .months
                    .iter()
                    .map(|m| self.month_summary(m.year, m.month, m.members.len()))
                    .collect();
                map([
                    ("year", Value::from(year.year)),
                    ("url", self.url(&year_path(year.year))),
                    ("count", Value::from(year.count())),
                    ("months", Value::from(months)),
                ])
            })
            .collect();
        map([
            ("count", Value::from(self.site.entries.len())),
            ("years", Value::from(years)),
        ])
    }
}

/// The page numbers worth a link: the first, the last, and the current one ±2; a page
/// alone between the window and an end is shown rather than hidden behind a gap. Each comes
/// with whether pages are skipped before it. Constant size, so a list of thousands of pages
/// costs no more per page than a short one.
pub fn pager_window(current: usize, total: usize) -> Vec<(usize, bool)> {
    let low = current.saturating_sub(2).max(1);
    let high = (current + 2).min(total);
    let mut numbers: Vec<usize> = vec![1];
    if low == 3 {
        numbers.push(2);
    }
    numbers.extend(low..=high);
    if high + 2 == total {
        numbers.push(total - 1);
    }
    numbers.push(total);
    numbers.sort_unstable();
    numbers.dedup();
    let mut previous = 0;
    numbers
        .into_iter()
        .map(|n| {
            let gap = n > previous + 1;
            previous = n;
            (n, gap)
        })
        .collect()
}

/// The table of contents as template values, built directly (serde's route into tera
/// values was a third of the cost of a briefing page's context).
fn toc_value(toc: &[TocEntry]) -> Value {
    Value::from(
        toc.iter()
            .map(|h| {
                map([
                    ("level", Value::from(h.level)),
                    ("id", Value::from(h.id.as_str())),
                    ("title", Value::from(h.title.as_str())),
                    ("children", toc_value(&h.children)),
                ])
            })
            .collect::<Vec<_>>(),
    )
}

/// The list view of briefing `e`. Its `taxonomies` share the term values in `term_refs` (one
/// per term, reference-counted) instead of each briefing holding copies of its terms' names
/// and URLs: at 10,000 briefings that is 30 MB less.
fn entry_view(site: &Site, e: usize, term_refs: &[Vec<Value>]) -> Value {
    let entry = &site.entries[e];
    let b = &entry.briefing;
    let base = &site.config.base_url;
    let text = |t: &str| Value::from(t);
    let optional = |t: Option<&str>| t.map_or_else(Value::none, Value::from);
    // Built field by field rather than through serde (a tenth of the views stage), in the
    // order templates have always seen.
    let mut fields = tera::value::Map::with_capacity(18);
    let mut field = |name: &'static str, value: Value| {
        fields.insert(name.into(), value);
    };
    field("title", text(&b.title));
    field("slug", text(&b.slug));
    field("url", Value::from(base.path_for(&entry.path)));
    field("permalink", Value::from(base.absolute(&entry.path)));
    field("date", text(&b.date.text));
    field(
        "updated",
        optional(b.updated.as_ref().map(|u| u.text.as_str())),
    );
    field("year", Value::from(b.date.year()));
    field("month", Value::from(b.date.month()));
    field("day", Value::from(b.date.day()));
    field("summary", text(&b.summary));
    field("word_count", Value::from(b.body.word_count));
    field("reading_time", Value::from(reading_time(b.body.word_count)));
    field("status", optional(b.status.map(|s| s.as_str())));
    let sources: Vec<Value> = b
        .sources
        .iter()
        .map(|s| {
            let mut source = tera::value::Map::with_capacity(3);
            source.insert("title".into(), text(&s.title));
            source.insert("url".into(), text(&s.url));
            source.insert("publisher".into(), optional(s.publisher.as_deref()));
            Value::from(source)
        })
        .collect();
    field("sources", Value::from(sources));
    field("draft", Value::from(b.draft));
    field("extra", Value::from_serializable(&b.extra));
    field(
        "source_path",
        Value::from(b.source_path.to_string_lossy().replace('\\', "/")),
    );
    let taxonomies: BTreeMap<String, Value> = site
        .taxonomies
        .iter()
        .enumerate()
        .map(|(t, tax)| {
            let refs: Vec<Value> = entry.terms[t]
                .iter()
                .map(|&i| term_refs[t][i].clone())
                .collect();
            (tax.config.name.clone(), Value::from(refs))
        })
        .collect();
    field("taxonomies", Value::from(taxonomies));
    Value::from(fields)
}

/// schema.org NewsArticle metadata for briefing `e`, as JSON that is safe inside a
/// `<script>` element (`<`, `>`, `&` and line separators are escaped).
fn json_ld(site: &Site, e: usize) -> String {
    let entry = &site.entries[e];
    let b = &entry.briefing;
    let permalink = site.config.base_url.absolute(&entry.path);
    let publisher = site
        .config
        .publisher
        .as_deref()
        .unwrap_or(&site.config.title);
    let organization = Organization {
        kind: "Organization",
        name: publisher,
    };
    script_safe_json(&NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        author: &organization,
        date_modified: b.updated.as_ref().unwrap_or(&b.date).rfc3339(),
        date_published: b.date.rfc3339(),
        description: &b.summary,
        headline: &b.title,
        in_language: &site.config.language,
        keywords: site.term_names(e).collect(),
        main_entity_of_page: WebPage {
            id: &permalink,
            kind: "WebPage",
        },
        publisher: &organization,
        url: &permalink,
    })
}

// Written straight from structs (fields in alphabetical order, as before with a JSON map)
// rather than through a `serde_json::Value`: one allocation per page instead of dozens.
#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    author: &'a Organization<'a>,
    #[serde(rename = "dateModified")]
    date_modified: String,
    #[serde(rename = "datePublished")]
    date_published: String,
    description: &'a str,
    headline: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    keywords: Vec<&'a str>,
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: WebPage<'a>,
    publisher: &'a Organization<'a>,
    url: &'a str,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct WebPage<'a> {
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
}

/// JSON text that cannot end a `<script>` element or start a comment inside one.
pub fn script_safe_json<T: Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("JSON values always serialise");
    // `<`, `>`, `&`, and U+2028/U+2029 (E2 80 A8/A9 in UTF-8).
    let special = |b: u8| matches!(b, b'<' | b'>' | b'&' | 0xE2);
    if !json.bytes().any(special) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// A Tera error as editor-facing diagnostics: the template's file, line and column.
pub fn template_diagnostics(
    error: &tera::Error,
    files: &BTreeMap<String, String>,
    sources: &BTreeMap<String, String>,
) -> Vec<Diagnostic> {
    use std::error::Error as _;
    let file_of = |name: &str| {
        files
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("template {name}"))
    };
    let at = |name: &str, line: usize, col: usize, message: &str| {
        let mut d = Diagnostic::error(
            file_of(name),
            line,
            col,
            format!("template error: {message}"),
        );
        if let Some(source) = sources.get(name) {
            d = d.with_source_line(source);
        }
        d
    };
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            vec![at(
                report.filename(),
                span.start_line,
                span.start_col + 1,
                report.message(),
            )]
        }
        tera::ErrorKind::MissingParent { current, parent } => {
            vec![Diagnostic::error(
                file_of(current),
                0,
                0,
                format!("template error: it extends `{parent}`, which does not exist"),
            )]
        }
        tera::ErrorKind::TemplateNotFound(name) => {
            vec![Diagnostic::error(
                "templates",
                0,
                0,
                format!("template error: template `{name}` not found"),
            )]
        }
        // Tera reports unknown filters, functions, tests and includes as ready-made reports
        // in one message; take them apart so each points at its own file and line.
        tera::ErrorKind::Msg(message) if message.starts_with("error: ") => message
            .split("\n\nerror: ")
            .map(|report| {
                let report = report.strip_prefix("error: ").unwrap_or(report);
                let text = report.lines().next().unwrap_or_default();
                let location = report
                    .lines()
                    .find_map(|l| l.trim_start().strip_prefix("--> "));
                match location.and_then(parse_location) {
                    Some((name, line, col)) => at(name, line, col, text),
                    None => Diagnostic::error("templates", 0, 0, format!("template error: {text}")),
                }
            })
            .collect(),
        other => {
            let mut message = format!("template error: {other}");
            let mut source = error.source();
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            vec![Diagnostic::error("templates", 0, 0, message)]
        }
    }
}

/// `name.html:5:17` → (`name.html`, 5, 17).
fn parse_location(text: &str) -> Option<(&str, usize, usize)> {
    let mut parts = text.trim().rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?, line, col))
}
