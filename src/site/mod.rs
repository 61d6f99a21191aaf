//! The site model: the published briefings in their one sort order, each with its URL, the
//! taxonomies with their terms and members, and the date index (years → months). Built once
//! from loaded content, read-only afterwards. It also names every page of the site
//! (`PageKey`), where each is written, and which pages a briefing appears on — the
//! dependency map incremental rebuilds use. No I/O, no templates.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{Config, TaxonomyConfig};
use crate::content::Briefing;
use crate::diagnostics::Diagnostic;

mod collisions;
mod corrections;
mod file_links;
mod incremental;
mod index;
mod keys;
mod pages;
mod related;
mod retag;
mod timeline;

pub use corrections::{CORRECTIONS_PATH, CorrectionRef, corrections_page_path};

use index::{date_index, resolve_terms, sort_terms};
pub use related::WINDOW as RELATED_WINDOW;
pub use timeline::{Timeline, TimelineEvent, timeline_path, timeline_year_path};

pub use file_links::{FileLink, file_links};
pub use keys::{
    PAGE_KINDS, PageKey, THEMED_PAGE_KINDS, is_html_page, kind_index, month_path, output_file,
    output_name, page_count, page_of, page_slice, paginated_path, year_path,
};
pub use pages::{PageEntry, SiteDocs};
pub use retag::Retagged;

/// The search page's site path (before the base path).
pub const SEARCH_PATH: &str = "/search/";

/// A briefing placed in the site.
#[derive(Debug, Clone)]
pub struct Entry {
    pub briefing: Arc<Briefing>,
    /// Site path (before the base path), e.g. `/2025/07/peace-offer/`.
    pub path: String,
    /// Term indices per taxonomy (config order), in front-matter order.
    pub terms: Vec<Vec<usize>>,
    /// What each briefing file the body links to (`briefing.body.file_links`, same order)
    /// resolves to: the entry of that briefing, or `None` when it is not published. Resolved
    /// once per model; the page shows it and the view fingerprint covers it.
    pub file_links: Vec<Option<usize>>,
}

/// `items`, each behind an `Arc`, in a vector of their number. Not `collect`: it would reuse
/// the items' buffer in place and keep all of its capacity (a loaded briefing is ~900 bytes,
/// its pointer 8: massif found 9 MB held for nothing at 10,000 briefings).
pub fn shared<T>(items: Vec<T>) -> Vec<Arc<T>> {
    let mut shared = Vec::with_capacity(items.len());
    shared.extend(items.into_iter().map(Arc::new));
    shared
}

/// Term indices per taxonomy, for one briefing.
type TermIndices = Vec<Vec<usize>>;

/// A month with briefings: year, month, number of briefings.
pub type MonthRef = (i16, i8, usize);

/// A term of a taxonomy: the display spelling that won, its slug and its briefings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub name: String,
    pub slug: String,
    /// Indices into `Site::entries`, in site order (newest first).
    pub members: Vec<usize>,
    /// Its profile (`terms/<taxonomy>/<slug>.md`): an index into `Site::profiles`.
    pub profile: Option<usize>,
    /// Where lists put it, from its profile's `sort_as:` ("Kovalenko, Olena"); else its name.
    pub sort_as: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub config: TaxonomyConfig,
    /// Alphabetical by `sort_as` or name (case-insensitive), then name, then slug.
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month {
    pub year: i16,
    pub month: i8,
    /// Indices into `Site::entries`, newest first.
    pub members: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year {
    pub year: i16,
    /// Newest first.
    pub months: Vec<Month>,
}

impl Year {
    pub fn count(&self) -> usize {
        self.months.iter().map(|m| m.members.len()).sum()
    }
}

/// The read-only model of the whole site.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Date descending, then title, then slug, then source path. Shared, so that the
    /// preview's copy of the model for an edit copies pointers, not 10,000 entries.
    pub entries: Vec<Arc<Entry>>,
    pub taxonomies: Vec<Taxonomy>,
    /// Newest first.
    pub years: Vec<Year>,
    pub drafts_included: bool,
    /// Per entry, what its page and what lists show of it, hashed (`view_fingerprints`,
    /// `list_fingerprints`): made on first use, which is the preview's; a build never asks.
    fingerprints: std::sync::OnceLock<incremental::Fingerprints>,
    /// The members of the home pages: `0..entries.len()` (by date), or by last change with
    /// `home_order: updated`.
    pub all_entries: Vec<usize>,
    /// When the briefings left out by `publish_at:` are due, earliest first.
    pub scheduled: Vec<jiff::Timestamp>,
    /// The site paths those briefings will have, by source file: a link to one points where
    /// it will be (`sitrep check` warns that it is broken until then), never at its file.
    held_back: Arc<HashMap<PathBuf, String>>,
    /// The moment the model was built for: a `publish_at:` after it is still ahead.
    pub now: jiff::Timestamp,
    /// Entry index by source file, for links between briefing files and incremental edits.
    by_source_path: Arc<HashMap<PathBuf, usize, ahash::RandomState>>,
    /// The standalone pages (`pages/`), by site path.
    pub pages: Vec<PageEntry>,
    /// The pages left out as drafts, by site path: a link to one is broken in the published
    /// site, and `check` says it is a draft rather than that there is no such page.
    pub draft_pages: Vec<Arc<crate::content::Page>>,
    /// The pages in the navigation, in menu order (indices into `pages`).
    pub menu: Vec<usize>,
    /// Every term profile, in path order (terms point at theirs: `Term::profile`).
    pub profiles: Vec<Arc<crate::content::Profile>>,
    /// A hash of the menu, which every HTML page shows.
    pub menu_fingerprint: u64,
    /// Every correction of the published briefings, newest first (the /corrections/ log).
    pub corrections: Vec<CorrectionRef>,
    /// Per entry: its related briefings, best first (see `related`).
    pub related: Arc<Vec<Vec<usize>>>,
    /// Per entry: its place in slug order, the last tie-break of related lists.
    slug_ranks: Arc<Vec<u32>>,
    /// Key events of the site and of each term (see `timeline`).
    pub timeline: Timeline,
    /// How long `build` took for related briefings and for timelines (for `--timings`).
    pub discovery_times: (std::time::Duration, std::time::Duration),
}

impl Site {
    /// `build_with` for a site of briefings alone (no pages, no profiles).
    pub fn build(
        config: Config,
        briefings: Vec<Arc<Briefing>>,
        drafts_included: bool,
        now: jiff::Timestamp,
    ) -> Result<Site, Vec<Diagnostic>> {
        Site::build_with(config, briefings, SiteDocs::default(), drafts_included, now)
    }

    /// Places briefings, pages and profiles (drafts filtered here unless `drafts_included`)
    /// into the model. Errors: URL collisions between any two pages of the site, unusable
    /// term slugs.
    pub fn build_with(
        config: Config,
        briefings: Vec<Arc<Briefing>>,
        docs: SiteDocs,
        drafts_included: bool,
        now: jiff::Timestamp,
    ) -> Result<Site, Vec<Diagnostic>> {
        Site::build_after(config, briefings, docs, drafts_included, now, None)
    }

    /// `build_with`, for the preview: the model of the inputs after an edit, taking from
    /// `previous` (the model before it) what the edit cannot have changed (today the related
    /// lists, see `related::related_after`). Equal to `build_with` of the same inputs: the
    /// test `patched_related_lists_equal_a_full_ranking_after_random_term_edits`, and the soak.
    pub fn build_after(
        config: Config,
        briefings: Vec<Arc<Briefing>>,
        docs: SiteDocs,
        drafts_included: bool,
        now: jiff::Timestamp,
        previous: Option<&Site>,
    ) -> Result<Site, Vec<Diagnostic>> {
        let (site, errors) =
            Site::build_reporting(config, briefings, docs, drafts_included, now, previous);
        if errors.is_empty() {
            Ok(site)
        } else {
            Err(errors)
        }
    }

    /// The model of a site whose errors are already reported (by the load that failed on
    /// them): `sitrep check` goes on to check links, terms and templates against it, so that
    /// one URL collision does not hide every other finding.
    pub fn build_despite_errors(
        config: Config,
        briefings: Vec<Arc<Briefing>>,
        docs: SiteDocs,
        drafts_included: bool,
        now: jiff::Timestamp,
    ) -> Site {
        Site::build_reporting(config, briefings, docs, drafts_included, now, None).0
    }

    /// `build_after`, with the model even when the inputs have errors (the colliding pages
    /// are all in it; the terms whose slugs are unusable are left out).
    fn build_reporting(
        config: Config,
        briefings: Vec<Arc<Briefing>>,
        docs: SiteDocs,
        drafts_included: bool,
        now: jiff::Timestamp,
        previous: Option<&Site>,
    ) -> (Site, Vec<Diagnostic>) {
        let mut errors = Vec::new();
        let mut scheduled: Vec<jiff::Timestamp> = Vec::new();
        let mut held_back = HashMap::new();
        let mut briefings: Vec<Arc<Briefing>> = briefings
            .into_iter()
            .filter(|b| drafts_included || !b.draft)
            .filter(|b| match &b.publish_at {
                // Scheduled briefings stay out of every page, list and feed until their time
                // (with drafts included, they are in, marked: see `Site::scheduled_at`).
                Some(at) if at.timestamp > now && !drafts_included => {
                    scheduled.push(at.timestamp);
                    held_back.insert(b.source_path.clone(), b.permalink.clone());
                    false
                }
                _ => true,
            })
            .collect();
        scheduled.sort();
        // Term spellings are resolved in file order, before the date sort, so the first
        // spelling in sorted file order wins whatever the dates are.
        // Byte order of the path: a total, stable order that is cheaper than comparing
        // path components.
        briefings.sort_by(|a, b| {
            a.source_path
                .as_os_str()
                .as_encoded_bytes()
                .cmp(b.source_path.as_os_str().as_encoded_bytes())
        });
        let (mut taxonomy_terms, briefing_terms) = resolve_terms(&config, &briefings, &mut errors);
        let mut docs = docs;
        docs.profiles
            .sort_by(|a, b| a.source_path.cmp(&b.source_path));
        pages::attach_profiles(&mut taxonomy_terms, &docs.profiles);

        let mut order: Vec<usize> = (0..briefings.len()).collect();
        // Moments side by side: most comparisons end there, without a visit to each briefing.
        let moments: Vec<jiff::Timestamp> = briefings.iter().map(|b| b.date.timestamp).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&briefings[a], &briefings[b]);
            moments[b]
                .cmp(&moments[a])
                .then_with(|| x.title.cmp(&y.title))
                .then_with(|| x.slug.cmp(&y.slug))
                .then_with(|| x.source_path.cmp(&y.source_path))
        });
        let mut slots: Vec<Option<(Arc<Briefing>, TermIndices)>> = briefings
            .into_iter()
            .zip(briefing_terms)
            .map(Some)
            .collect();
        let entries: Vec<Entry> = order
            .iter()
            .map(|&i| {
                let (briefing, terms) = slots[i].take().expect("each index once");
                let path = briefing.permalink.clone();
                Entry {
                    briefing,
                    path,
                    terms,
                    file_links: Vec::new(),
                }
            })
            .collect();

        let taxonomies = config
            .taxonomies
            .iter()
            .zip(taxonomy_terms)
            .enumerate()
            .map(|(t, (tax_config, terms))| {
                let mut terms: Vec<Term> = terms;
                for (e, entry) in entries.iter().enumerate() {
                    for &term in &entry.terms[t] {
                        terms[term].members.push(e);
                    }
                }
                Taxonomy {
                    config: tax_config.clone(),
                    terms,
                }
            })
            .collect::<Vec<_>>();
        // Term indices were assigned in discovery order; sort terms alphabetically and remap.
        let (taxonomies, entries) = sort_terms(taxonomies, entries);
        let years = date_index(&entries);
        let mut site = Site {
            config,
            entries: shared(entries),
            taxonomies,
            years,
            drafts_included,
            fingerprints: std::sync::OnceLock::new(),
            all_entries: Vec::new(),
            scheduled,
            held_back: Arc::new(held_back),
            now,
            by_source_path: Arc::default(),
            pages: Vec::new(),
            draft_pages: Vec::new(),
            menu: Vec::new(),
            profiles: Vec::new(),
            menu_fingerprint: 0,
            corrections: Vec::new(),
            related: Arc::default(),
            slug_ranks: Arc::default(),
            timeline: Timeline::default(),
            discovery_times: Default::default(),
        };
        let started = std::time::Instant::now();
        site.slug_ranks = Arc::new(related::slug_ranks(&site.entries));
        let related = match previous {
            Some(previous) => related::related_after(&site, previous),
            None => related::related_entries(&site),
        };
        site.related = Arc::new(related);
        let related_done = std::time::Instant::now();
        site.timeline = Timeline::build(&site.entries, &site.taxonomies);
        site.discovery_times = (related_done - started, related_done.elapsed());
        site.corrections = corrections::collect(&site.entries);
        site.by_source_path = match previous {
            // A tag edit moves no file: the index is the previous model's.
            Some(previous) if same_source_paths(&previous.entries, &site.entries) => {
                previous.by_source_path.clone()
            }
            _ => Arc::new(
                site.entries
                    .iter()
                    .enumerate()
                    .map(|(e, entry)| (entry.briefing.source_path.clone(), e))
                    .collect(),
            ),
        };
        site.all_entries = home_order(&site.config, &site.entries);
        for e in 0..site.entries.len() {
            let links = site.resolve_file_links(e);
            // Still the only owner: no copy.
            Arc::make_mut(&mut site.entries[e]).file_links = links;
        }
        site.place_pages(docs, drafts_included);
        site.check_collisions(&mut errors);
        (site, errors)
    }

    /// Every page of the site, in a stable order.
    pub fn pages(&self) -> Vec<PageKey> {
        let per_page = self.config.paginate_by;
        let mut pages = Vec::with_capacity(self.entries.len() * 2 + 16);
        pages.extend((1..=page_count(self.entries.len(), per_page)).map(PageKey::Home));
        pages.extend((0..self.entries.len()).map(PageKey::Briefing));
        for (t, taxonomy) in self.taxonomies.iter().enumerate() {
            pages.push(PageKey::TaxonomyList(t));
            for (i, term) in taxonomy.terms.iter().enumerate() {
                pages.extend(
                    (1..=page_count(term.members.len(), per_page)).map(|p| PageKey::Term(t, i, p)),
                );
            }
        }
        for (y, year) in self.years.iter().enumerate() {
            pages.push(PageKey::Year(y));
            pages.extend((0..year.months.len()).map(|m| PageKey::Month(y, m)));
        }
        pages.push(PageKey::Archive);
        pages.push(PageKey::NotFound);
        pages.extend(self.correction_pages());
        pages.push(PageKey::SiteFeed);
        for (t, taxonomy) in self.taxonomies.iter().enumerate() {
            pages.extend((0..taxonomy.terms.len()).map(|i| PageKey::TermFeed(t, i)));
        }
        pages.extend([
            PageKey::JsonFeed,
            PageKey::Sitemap,
            PageKey::Robots,
            PageKey::NoJekyll,
        ]);
        if self.config.cname.is_some() {
            pages.push(PageKey::Cname);
        }
        for (e, entry) in self.entries.iter().enumerate() {
            pages.extend((0..entry.briefing.aliases.len()).map(|k| PageKey::Alias(e, k)));
        }
        for (p, entry) in self.pages.iter().enumerate() {
            pages.push(PageKey::Page(p));
            pages.extend((0..entry.page.aliases.len()).map(|k| PageKey::PageAlias(p, k)));
        }
        if !self.timeline.years.is_empty() {
            pages.push(PageKey::Timeline);
            pages.extend((0..self.timeline.years.len()).map(PageKey::TimelineYear));
        }
        if self.config.search {
            pages.push(PageKey::Search);
        }
        pages
    }

    /// The site path of a page (before the base path).
    pub fn path(&self, key: PageKey) -> String {
        match key {
            PageKey::Home(n) => paginated_path("/", n),
            PageKey::Briefing(e) => self.entries[e].path.clone(),
            PageKey::TaxonomyList(t) => self.taxonomy_path(t),
            PageKey::Term(t, i, n) => paginated_path(&self.term_path(t, i), n),
            PageKey::Year(y) => year_path(self.years[y].year),
            PageKey::Month(y, m) => {
                let month = &self.years[y].months[m];
                month_path(month.year, month.month)
            }
            PageKey::Archive => "/archive/".into(),
            PageKey::NotFound => "/404.html".into(),
            PageKey::Corrections(n) => corrections_page_path(n),
            PageKey::CorrectionsFeed => format!("{CORRECTIONS_PATH}atom.xml"),
            PageKey::SiteFeed => "/atom.xml".into(),
            PageKey::TermFeed(t, i) => format!("{}atom.xml", self.term_path(t, i)),
            PageKey::JsonFeed => "/feed.json".into(),
            PageKey::Sitemap => "/sitemap.xml".into(),
            PageKey::Robots => "/robots.txt".into(),
            PageKey::NoJekyll => "/.nojekyll".into(),
            PageKey::Cname => "/CNAME".into(),
            PageKey::Alias(e, k) => self.entries[e].briefing.aliases[k].clone(),
            PageKey::Page(p) => self.pages[p].page.path.clone(),
            PageKey::PageAlias(p, k) => self.pages[p].page.aliases[k].clone(),
            PageKey::Timeline => timeline_path(),
            PageKey::TimelineYear(y) => timeline_year_path(self.timeline.years[y].0),
            PageKey::Search => SEARCH_PATH.into(),
        }
    }

    pub fn taxonomy_path(&self, t: usize) -> String {
        format!("/{}/", self.taxonomies[t].config.name)
    }

    pub fn term_path(&self, t: usize, i: usize) -> String {
        format!(
            "/{}/{}/",
            self.taxonomies[t].config.name, self.taxonomies[t].terms[i].slug
        )
    }

    /// Display names of every term of entry `e`, taxonomy by taxonomy, in front-matter order
    /// (its keywords: the byline's names, who wrote it, are not among them).
    pub fn term_names(&self, e: usize) -> impl Iterator<Item = &str> {
        self.entries[e]
            .terms
            .iter()
            .enumerate()
            .filter(|(t, _)| !self.taxonomies[*t].config.byline)
            .flat_map(move |(t, terms)| {
                terms
                    .iter()
                    .map(move |&i| self.taxonomies[t].terms[i].name.as_str())
            })
    }

    /// The site path a link to briefing file `file` points at: its entry's, or where a
    /// briefing held back by `publish_at:` will be; `None` for a file that is not a briefing
    /// of this site (a draft, a missing file: `sitrep check` refuses those links).
    pub fn file_link_path<'a>(&'a self, target: Option<usize>, file: &str) -> Option<&'a str> {
        match target {
            Some(t) => Some(&self.entries[t].path),
            None => self.held_back.get(Path::new(file)).map(String::as_str),
        }
    }

    /// Where briefing file `source_path` will be once its `publish_at:` comes, if the model
    /// holds it back.
    pub fn held_back_path(&self, source_path: &Path) -> Option<&str> {
        self.held_back.get(source_path).map(String::as_str)
    }

    /// When entry `e` is due, while that is still ahead (only with drafts included: the
    /// model leaves such briefings out otherwise).
    pub fn scheduled_at(&self, e: usize) -> Option<&crate::content::DateValue> {
        let at = self.entries[e].briefing.publish_at.as_ref()?;
        (at.timestamp > self.now).then_some(at)
    }
}

/// Whether both lists hold the same files in the same order (compared as bytes: cheaper than
/// `Path`'s comparison by components).
fn same_source_paths(a: &[Arc<Entry>], b: &[Arc<Entry>]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.briefing.source_path.as_os_str() == y.briefing.source_path.as_os_str())
}

/// The members of the home pages: every entry in site order (by date), or, with
/// `home_order: updated`, the last changed first (`updated`, else `date`), then in site order.
fn home_order(config: &Config, entries: &[Arc<Entry>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    if config.home_order == crate::config::HomeOrder::Updated {
        let changed = |e: usize| {
            let b = &entries[e].briefing;
            let updated = b.updated.as_ref().map(|u| u.timestamp);
            updated.map_or(b.date.timestamp, |u| u.max(b.date.timestamp))
        };
        // Stable: equal moments keep the site order.
        order.sort_by_key(|&e| std::cmp::Reverse(changed(e)));
    }
    order
}

impl Site {
    /// Where entry `e` is in the home pages' order.
    pub fn home_position(&self, e: usize) -> usize {
        if self.all_entries.get(e) == Some(&e) {
            return e;
        }
        self.all_entries.iter().position(|&x| x == e).unwrap_or(e)
    }
}

/// Briefings for the model's unit tests: each `(path, front matter)` with the body `Body.`.
/// A deterministic stream of numbers for the model's seeded tests (no crate needed).
#[cfg(test)]
pub(crate) struct Lcg(pub(crate) u64);

#[cfg(test)]
impl Lcg {
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

#[cfg(test)]
pub(crate) fn test_briefings(config: &Config, files: &[(&str, &str)]) -> Vec<Arc<Briefing>> {
    files
        .iter()
        .map(|(path, fm)| {
            let text = format!("---\n{fm}\n---\nBody.\n");
            Arc::new(
                crate::content::parse_briefing(std::path::Path::new(path), &text, config).unwrap(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn site(files: &[(&str, &str)], per_page: usize) -> Result<Site, Vec<Diagnostic>> {
        let config = crate::config::parse_config(&format!(
            "title: T\nbase_url: https://e.org/\npaginate_by: {per_page}\ntaxonomies:\n  - tags\n  - name: regions\n    slugs: {{Київ: kyiv}}\n"
        ))
        .unwrap();
        let briefings = super::test_briefings(&config, files);
        Site::build(config, briefings, false, jiff::Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn entries_sort_newest_first_then_title() {
        let s = site(
            &[
                ("content/a.md", "title: B\ndate: 2025-01-01"),
                ("content/b.md", "title: A\ndate: 2025-01-01"),
                ("content/c.md", "title: C\ndate: 2025-03-01"),
            ],
            10,
        )
        .unwrap();
        let titles: Vec<_> = s
            .entries
            .iter()
            .map(|e| e.briefing.title.as_str())
            .collect();
        assert_eq!(titles, ["C", "A", "B"]);
        assert_eq!(
            s.years[0]
                .months
                .iter()
                .map(|m| m.month)
                .collect::<Vec<_>>(),
            [3, 1]
        );
    }

    #[test]
    fn spellings_that_slug_alike_merge_and_first_file_wins() {
        let s = site(
            &[
                (
                    "content/b.md",
                    "title: B\ndate: 2025-01-01\nregions: [kyiv]",
                ),
                (
                    "content/a.md",
                    "title: A\ndate: 2024-01-01\nregions: [Київ, Kherson]",
                ),
            ],
            10,
        )
        .unwrap();
        let names: Vec<_> = s.taxonomies[1]
            .terms
            .iter()
            .map(|t| (t.name.as_str(), t.members.len()))
            .collect();
        assert_eq!(names, [("Kherson", 1), ("Київ", 2)]);
        assert_eq!(s.taxonomies[1].terms[1].slug, "kyiv");
    }

    #[test]
    fn home_order_by_update_moves_only_the_home_pages_and_their_dependencies() {
        let config = crate::config::parse_config(
            "title: T\nbase_url: https://e.org/\npaginate_by: 1\nhome_order: updated\n",
        )
        .unwrap();
        let parse = |path: &str, fm: &str| super::test_briefings(&config, &[(path, fm)]).remove(0);
        let old = "title: Old\ndate: 2025-01-01\nupdated: 2025-09-01";
        let s = Site::build(
            config.clone(),
            vec![
                parse("content/old.md", old),
                parse("content/new.md", "title: New\ndate: 2025-06-01"),
            ],
            false,
            jiff::Timestamp::UNIX_EPOCH,
        )
        .unwrap();
        let old_entry = s.entry_of(Path::new("content/old.md")).unwrap();
        assert_eq!(old_entry, 1, "entries stay by date");
        assert_eq!(s.all_entries, [1, 0], "home pages by last change");
        assert!(s.pages_for_briefing(old_entry).contains(&PageKey::Home(1)));
        assert!(s.pages_for_briefing(0).contains(&PageKey::Home(2)));
        // A new `updated` can move it on the home pages: not an in-place edit.
        let edited = parse(
            "content/old.md",
            "title: Old\ndate: 2025-01-01\nupdated: 2025-02-01",
        );
        assert!(!s.can_replace_in_place(old_entry, &edited));
        assert!(s.can_replace_in_place(old_entry, &parse("content/old.md", old)));
    }

    #[test]
    fn a_line_added_above_events_keeps_a_briefing_in_place_and_a_new_event_does_not() {
        let config = crate::config::parse_config("title: T\nbase_url: https://e.org/\n").unwrap();
        let parse = |fm: &str| super::test_briefings(&config, &[("content/a.md", fm)]).remove(0);
        let events = "events:\n  - date: 2025-01-01\n    text: Talks open.";
        let first = parse(&format!("title: A\ndate: 2025-01-02\n{events}"));
        let s = Site::build(
            config.clone(),
            vec![first],
            false,
            jiff::Timestamp::UNIX_EPOCH,
        )
        .unwrap();
        // The events move down a line: the timeline shows nothing else.
        let shifted = parse(&format!(
            "title: A\ndate: 2025-01-02\nkind: analysis\n{events}"
        ));
        assert!(s.can_replace_in_place(0, &shifted));
        let reworded = parse(
            "title: A\ndate: 2025-01-02\nevents:\n  - date: 2025-01-01\n    text: Talks end.",
        );
        assert!(!s.can_replace_in_place(0, &reworded));
    }

    #[test]
    fn url_collisions_name_both_files() {
        let errors = site(
            &[
                ("content/a.md", "title: A\ndate: 2025-01-01\nslug: same"),
                ("content/same.md", "title: B\ndate: 2025-01-09"),
            ],
            10,
        )
        .unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("content/"), "{}", errors[0]);
        assert!(errors[0].message.contains("/2025/01/same/"));
    }

    #[test]
    fn generated_pages_are_found_by_path() {
        let s = site(
            &[
                (
                    "content/a.md",
                    "title: A\ndate: 2025-01-01\ntags: [x]\nregions: [Київ]",
                ),
                ("content/b.md", "title: B\ndate: 2025-02-01\ntags: [x]"),
                ("content/c.md", "title: C\ndate: 2024-02-01\ntags: [x]"),
            ],
            2,
        )
        .unwrap();
        for key in s.pages() {
            let expected = if matches!(key, PageKey::Briefing(_)) {
                None
            } else {
                Some(key)
            };
            assert_eq!(
                s.generated_page_at(&s.path(key)),
                expected,
                "{}",
                s.path(key)
            );
        }
        for path in [
            "/page/1/",
            "/page/3/",
            "/tags/x/page/3/",
            "/tags/y/",
            "/2023/",
            "/2025/03/",
            "/x/",
        ] {
            assert_eq!(s.generated_page_at(path), None, "{path}");
        }
    }

    #[test]
    fn file_links_are_found_in_order_with_their_fragments() {
        let html = r#"<a href="sitrep-md:content/b.md">B</a> <a href="/x/">x</a> <code>href=&quot;sitrep-md:x.md&quot;</code> <a href="sitrep-md:content/2024/c.md#outlook">C</a>"#;
        let links: Vec<FileLink> = file_links(html).collect();
        assert_eq!(links.len(), 2);
        assert_eq!((links[0].file, links[0].fragment), ("content/b.md", None));
        assert_eq!(&html[links[0].range.clone()], "sitrep-md:content/b.md");
        assert_eq!(
            (links[1].file, links[1].fragment),
            ("content/2024/c.md", Some("outlook"))
        );
        assert_eq!(
            &html[links[1].range.clone()],
            "sitrep-md:content/2024/c.md#outlook"
        );
        assert_eq!(file_links("no links").count(), 0);
    }

    #[test]
    fn pagination_and_dependencies() {
        let files: Vec<(String, String)> = (0..5)
            .map(|i| {
                (
                    format!("content/{i}.md"),
                    format!("title: T{i}\ndate: 2025-01-0{}\ntags: [x]", i + 1),
                )
            })
            .collect();
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let s = site(&refs, 2).unwrap();
        let homes = s
            .pages()
            .iter()
            .filter(|k| matches!(k, PageKey::Home(_)))
            .count();
        assert_eq!(homes, 3);
        assert_eq!(s.path(PageKey::Home(2)), "/page/2/");
        assert_eq!(s.path(PageKey::Term(0, 0, 3)), "/tags/x/page/3/");
        let deps = s.pages_for_briefing(4);
        assert!(deps.contains(&PageKey::Home(3)));
        assert!(deps.contains(&PageKey::Term(0, 0, 3)));
        assert!(deps.contains(&PageKey::Month(0, 0)));
        assert_eq!(output_file("/404.html"), PathBuf::from("404.html"));
        assert_eq!(output_file("/"), PathBuf::from("index.html"));
    }
}
