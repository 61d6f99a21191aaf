//! The pages of a site as keys: one `PageKey` per output file, the kinds of page (the
//! template each uses), pagination arithmetic and the paths of date pages and output files.

use std::path::PathBuf;

/// One page of the site. Every output HTML file has exactly one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKey {
    /// Home page number (1-based).
    Home(usize),
    Briefing(usize),
    TaxonomyList(usize),
    /// Taxonomy index, term index, page number (1-based).
    Term(usize, usize, usize),
    /// Index into `Site::years`.
    Year(usize),
    /// Year index, month index within that year.
    Month(usize, usize),
    Archive,
    NotFound,
    /// Page number (1-based) of the corrections log, `/corrections/`.
    Corrections(usize),
    /// `/corrections/atom.xml`: the newest corrections.
    CorrectionsFeed,
    /// `/atom.xml`: the newest briefings of the whole site.
    SiteFeed,
    /// `/<taxonomy>/<term>/atom.xml`: the newest briefings of one term.
    TermFeed(usize, usize),
    /// `/feed.json` (JSON Feed 1.1).
    JsonFeed,
    Sitemap,
    Robots,
    /// `/.nojekyll`, so GitHub Pages serves the files as they are when publishing a branch.
    NoJekyll,
    /// `/CNAME`, when site.yaml sets `cname:`.
    Cname,
    /// Entry index, alias index: a redirect page at an old address of a briefing.
    Alias(usize, usize),
    /// A standalone page (index into `Site::pages`).
    Page(usize),
    /// Page index, alias index: a redirect page at an old address of a page.
    PageAlias(usize, usize),
    /// `/timeline/`: the years with key events (only when the site has events).
    Timeline,
    /// `/timeline/<year>/`: the key events of one year (index into `Timeline::years`).
    TimelineYear(usize),
    /// `/search/`: the search page (unless site.yaml has `search: false`).
    Search,
}

/// Whether a page is HTML a reader browses (as opposed to feeds, redirects, meta files).
pub fn is_html_page(key: PageKey) -> bool {
    matches!(
        key,
        PageKey::Home(_)
            | PageKey::Briefing(_)
            | PageKey::TaxonomyList(_)
            | PageKey::Term(..)
            | PageKey::Year(_)
            | PageKey::Month(..)
            | PageKey::Archive
            | PageKey::NotFound
            | PageKey::Page(_)
            | PageKey::Corrections(_)
            | PageKey::Timeline
            | PageKey::TimelineYear(_)
            | PageKey::Search
    )
}

/// Number of pages a list of `items` needs at `per_page` (at least one, even when empty).
/// `per_page` 0 means the list is not paginated.
pub fn page_count(items: usize, per_page: usize) -> usize {
    match per_page {
        0 => 1,
        n => items.div_ceil(n).max(1),
    }
}

/// The members shown on page `page` (from 1) of a list at `per_page` (0: all on page 1).
pub fn page_slice(members: &[usize], page: usize, per_page: usize) -> &[usize] {
    if per_page == 0 {
        return if page == 1 { members } else { &[] };
    }
    let start = (page - 1).saturating_mul(per_page).min(members.len());
    &members[start..start.saturating_add(per_page).min(members.len())]
}

/// The page (from 1) on which the member at `position` of a list is shown.
pub fn page_of(position: usize, per_page: usize) -> usize {
    match per_page {
        0 => 1,
        n => position / n + 1,
    }
}

/// Site path of page `number` of a list whose first page is at `first` (`/tags/nato/`).
pub fn paginated_path(first: &str, number: usize) -> String {
    if number <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{number}/")
    }
}

/// The output file for a site path: `/a/b/` → `a/b/index.html`, `/a.html` → `a.html`.
pub fn output_file(site_path: &str) -> PathBuf {
    PathBuf::from(output_name(site_path))
}

/// `output_file` as text, with `/` between folders on every platform.
pub fn output_name(site_path: &str) -> String {
    let relative = site_path.trim_start_matches('/');
    if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else {
        relative.to_string()
    }
}

/// The kinds of page rendered through a theme template: the template each one uses.
pub const THEMED_PAGE_KINDS: &[&str] = PAGE_KINDS.split_at(9).0;

/// Names of the kinds of page, indexed by `kind_index`, for timings and fingerprints.
pub const PAGE_KINDS: [&str; 21] = [
    "index.html",
    "briefing.html",
    "taxonomy_list.html",
    "taxonomy_term.html",
    "year.html",
    "month.html",
    "archive.html",
    "404.html",
    "corrections.html",
    "atom.xml (site)",
    "atom.xml (terms)",
    "atom.xml (corrections)",
    "feed.json",
    "sitemap.xml",
    "robots.txt",
    ".nojekyll",
    "CNAME",
    "alias redirects",
    "page.html",
    "timeline.html",
    "search.html",
];

pub fn kind_index(key: PageKey) -> usize {
    match key {
        PageKey::Home(_) => 0,
        PageKey::Briefing(_) => 1,
        PageKey::TaxonomyList(_) => 2,
        PageKey::Term(..) => 3,
        PageKey::Year(_) => 4,
        PageKey::Month(..) => 5,
        PageKey::Archive => 6,
        PageKey::NotFound => 7,
        PageKey::Corrections(_) => 8,
        PageKey::SiteFeed => 9,
        PageKey::TermFeed(..) => 10,
        PageKey::CorrectionsFeed => 11,
        PageKey::JsonFeed => 12,
        PageKey::Sitemap => 13,
        PageKey::Robots => 14,
        PageKey::NoJekyll => 15,
        PageKey::Cname => 16,
        PageKey::Alias(..) | PageKey::PageAlias(..) => 17,
        PageKey::Page(_) => 18,
        PageKey::Timeline | PageKey::TimelineYear(_) => 19,
        PageKey::Search => 20,
    }
}

pub fn year_path(year: i16) -> String {
    format!("/{year:04}/")
}

pub fn month_path(year: i16, month: i8) -> String {
    format!("/{year:04}/{month:02}/")
}
