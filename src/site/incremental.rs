//! What incremental rebuilds need from the model: which pages show a briefing, whether an
//! edit can replace an entry without moving it, and a fingerprint of everything each page
//! shows (two models that give a page the same fingerprint render it to the same bytes).

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::FeedText;
use crate::content::Briefing;
use crate::markdown::Rendered;

use super::{
    Month, MonthRef, PageKey, Site, is_html_page, kind_index, page_count, page_of, page_slice,
};

/// Per entry: what its page shows (`Site::view_fingerprint`) and what lists show of it
/// (`Site::list_fingerprint`), hashed.
#[derive(Debug, Clone)]
pub(super) struct Fingerprints {
    view: Vec<u64>,
    list: Vec<u64>,
}

impl Site {
    /// Per entry: what its own page and full-text feeds show of it, hashed.
    pub fn view_fingerprints(&self) -> &[u64] {
        &self.fingerprints().view
    }

    /// Per entry: what lists show of it (its list view and card), hashed: the view without
    /// the body's HTML and contents.
    pub fn list_fingerprints(&self) -> &[u64] {
        &self.fingerprints().list
    }

    fn fingerprints(&self) -> &Fingerprints {
        self.fingerprints.get_or_init(|| {
            let (view, list) = (0..self.entries.len())
                .into_par_iter()
                .map(|e| (self.view_fingerprint(e), self.list_fingerprint(e)))
                .unzip();
            Fingerprints { view, list }
        })
    }

    /// Whether `new` can take the place of entry `e` without moving it in any list, changing
    /// any term or any URL: then only the pages that show it change (`pages_for_briefing`).
    pub fn can_replace_in_place(&self, e: usize, new: &Briefing) -> bool {
        let old = &self.entries[e].briefing;
        self.keeps_place(e, new) && old.terms == new.terms && old.term_slugs == new.term_slugs
    }

    /// Whether `new` would keep entry `e`'s place in every list but its terms' (and every
    /// URL but its terms'): the same date, title, slug, aliases, events and corrections.
    pub(super) fn keeps_place(&self, e: usize, new: &Briefing) -> bool {
        let old = &self.entries[e].briefing;
        old.source_path == new.source_path
            && old.date.timestamp == new.date.timestamp
            && old.date.date == new.date.date
            && old.title == new.title
            && old.slug == new.slug
            && old.permalink == new.permalink
            && old.draft == new.draft
            && old.aliases == new.aliases
            && old.publish_at == new.publish_at
            // A correction more or fewer can add or remove a page of the log.
            && old.corrections.len() == new.corrections.len()
            // Events move in timelines, and may open or close a year's timeline page. Their
            // file lines are left out: the model does not keep them (a warning about an event
            // is the briefing's own), and a line added above `events:` moves nothing.
            && old.events.len() == new.events.len()
            && old
                .events
                .iter()
                .zip(&new.events)
                .all(|(a, b)| (&a.date, &a.text, &a.html) == (&b.date, &b.text, &b.html))
            // `updated` moves a briefing on home pages ordered by it.
            && (self.config.home_order == crate::config::HomeOrder::Date
                || old.updated == new.updated)
    }

    /// Replaces entry `e` with `new`, which must pass `can_replace_in_place`. Much cheaper
    /// than `Site::build` on a large site.
    pub fn replace_in_place(&mut self, e: usize, new: Arc<Briefing>) {
        debug_assert!(self.can_replace_in_place(e, &new));
        self.replace_briefing(e, new);
    }

    /// Gives entry `e` briefing `new` (which keeps its place and its terms, see
    /// `keeps_place`): its links, fingerprints and corrections follow.
    pub(super) fn replace_briefing(&mut self, e: usize, new: Arc<Briefing>) {
        Arc::make_mut(&mut self.entries[e]).briefing = new;
        // Its body may link to other briefings now; theirs still resolve as before, since no
        // URL changed.
        let links = self.resolve_file_links(e);
        Arc::make_mut(&mut self.entries[e]).file_links = links;
        let (view, list) = (self.view_fingerprint(e), self.list_fingerprint(e));
        if let Some(fingerprints) = self.fingerprints.get_mut() {
            fingerprints.view[e] = view;
            fingerprints.list[e] = list;
        }
        // A correction's new date can move it in the log.
        self.corrections = super::corrections::collect(&self.entries);
    }

    /// Every page that shows briefing `e` (its own page, the list pages it is listed on, and
    /// the indexes whose counts include it). Incremental rebuilds re-render these, for the
    /// model before and after a change.
    pub fn pages_for_briefing(&self, e: usize) -> Vec<PageKey> {
        let per_page = self.config.paginate_by;
        let feed_limit = self.config.feed_limit;
        let mut pages = vec![
            PageKey::Briefing(e),
            PageKey::Home(page_of(self.home_position(e), per_page)),
            PageKey::Archive,
            PageKey::Sitemap,
        ];
        if e < feed_limit {
            pages.extend([PageKey::SiteFeed, PageKey::JsonFeed]);
        }
        let entry = &self.entries[e];
        pages.extend((0..entry.briefing.aliases.len()).map(|k| PageKey::Alias(e, k)));
        pages.extend(self.correction_pages_for(e));
        for (t, terms) in entry.terms.iter().enumerate() {
            if !terms.is_empty() {
                pages.push(PageKey::TaxonomyList(t));
            }
            for &i in terms {
                let members = &self.taxonomies[t].terms[i].members;
                let position = members.binary_search(&e).unwrap_or(0);
                pages.push(PageKey::Term(t, i, page_of(position, per_page)));
                if position < feed_limit {
                    pages.push(PageKey::TermFeed(t, i));
                }
            }
        }
        for (y, year) in self.years.iter().enumerate() {
            for (m, month) in year.months.iter().enumerate() {
                if month.members.binary_search(&e).is_ok() {
                    pages.push(PageKey::Year(y));
                    pages.push(PageKey::Month(y, m));
                }
            }
        }
        // The briefings that list it as related, and the timelines that link to it.
        pages.extend(
            (0..self.related.len())
                .filter(|&r| self.related[r].contains(&e))
                .map(PageKey::Briefing),
        );
        if !self.timeline.by_entry[e].is_empty() {
            for (t, terms) in entry.terms.iter().enumerate() {
                pages.extend(terms.iter().map(|&i| PageKey::Term(t, i, 1)));
            }
            for &event in &self.timeline.by_entry[e] {
                let year = self.timeline.events[event].date.year();
                if let Some(y) = self.timeline.year_index(year) {
                    pages.push(PageKey::TimelineYear(y));
                }
            }
        }
        pages.sort();
        pages.dedup();
        pages
    }

    /// Everything an entry's view shows (its list view, and its body on its page and in
    /// feeds): its file version, its URL, and what other files decide: the display spelling
    /// of each of its terms and the URL (or absence) of each briefing its body links to.
    pub(super) fn view_fingerprint(&self, e: usize) -> u64 {
        let entry = &self.entries[e];
        let mut h = std::hash::DefaultHasher::new();
        entry.briefing.fingerprint.hash(&mut h);
        entry.path.hash(&mut h);
        // Marked as scheduled until its time, then not.
        self.scheduled_at(e).is_some().hash(&mut h);
        for (t, terms) in entry.terms.iter().enumerate() {
            for &i in terms {
                self.taxonomies[t].terms[i].name.hash(&mut h);
            }
        }
        for (file, &target) in entry.briefing.body.file_links.iter().zip(&entry.file_links) {
            self.file_link_path(target, file).hash(&mut h);
        }
        self.hash_byline(e, &mut h);
        h.finish()
    }

    /// Everything a list shows of entry `e` (its list view and card on home, term and date
    /// pages, its line in related lists, timelines and the corrections log, a summary feed's
    /// entry): the view fingerprint without the body's HTML and contents. An edit of the
    /// body that keeps its word count leaves this alone, so the lists are not rendered again.
    pub(super) fn list_fingerprint(&self, e: usize) -> u64 {
        let entry = &self.entries[e];
        let mut h = std::hash::DefaultHasher::new();
        hash_listed_fields(&entry.briefing, &mut h);
        entry.path.hash(&mut h);
        self.scheduled_at(e).is_some().hash(&mut h);
        for (t, terms) in entry.terms.iter().enumerate() {
            terms.len().hash(&mut h);
            for &i in terms {
                let term = &self.taxonomies[t].terms[i];
                (&term.name, &term.slug).hash(&mut h);
            }
        }
        self.hash_byline(e, &mut h);
        h.finish()
    }

    /// What a feed shows of entry `e`: the list's fingerprint for a summary, the view's for
    /// the full text.
    fn feed_fingerprint(&self, e: usize, text: FeedText) -> u64 {
        match text {
            FeedText::Full => self.view_fingerprints()[e],
            FeedText::Summary => self.list_fingerprints()[e],
        }
    }

    /// A hash of everything page `key` shows, given the theme and config. Two models that
    /// give a page the same fingerprint render it to the same bytes, so an incremental
    /// rebuild re-renders exactly the pages whose fingerprint changed.
    pub fn page_fingerprint(&self, key: PageKey) -> u64 {
        let mut h = std::hash::DefaultHasher::new();
        kind_index(key).hash(&mut h);
        self.path(key).hash(&mut h);
        // Every HTML page shows the menu.
        if is_html_page(key) {
            self.menu_fingerprint.hash(&mut h);
            // Themes link to the timeline from every page while there is one.
            self.timeline.years.is_empty().hash(&mut h);
        }
        let per_page = self.config.paginate_by;
        let list = |h: &mut std::hash::DefaultHasher, members: &[usize], page: usize| {
            let pages = page_count(members.len(), per_page);
            (members.len(), pages).hash(h);
            for &e in page_slice(members, page, per_page) {
                self.list_fingerprints()[e].hash(h);
            }
        };
        match key {
            PageKey::Home(n) => list(&mut h, &self.all_entries, n),
            PageKey::Briefing(e) => {
                self.view_fingerprints()[e].hash(&mut h);
                // Related briefings show as in lists.
                for &r in &self.related[e] {
                    self.list_fingerprints()[r].hash(&mut h);
                }
            }
            PageKey::TaxonomyList(t) => {
                for term in &self.taxonomies[t].terms {
                    (&term.name, &term.slug, term.members.len()).hash(&mut h);
                }
            }
            PageKey::Term(t, i, n) => {
                let term = &self.taxonomies[t].terms[i];
                (&term.name, &term.slug).hash(&mut h);
                self.hash_profile(t, i, &mut h);
                list(&mut h, &term.members, n);
                // The first page shows the term's timeline.
                if n == 1 {
                    self.hash_events(&self.timeline.terms[t][i], &mut h);
                }
            }
            PageKey::Timeline => {
                for (year, range) in &self.timeline.years {
                    (year, range.len()).hash(&mut h);
                }
            }
            PageKey::TimelineYear(y) => {
                let (year, range) = &self.timeline.years[y];
                year.hash(&mut h);
                self.timeline_neighbours(y).hash(&mut h);
                let events: Vec<usize> = range.clone().collect();
                self.hash_events(&events, &mut h);
            }
            PageKey::Year(y) => {
                self.neighbour_years(y).hash(&mut h);
                for month in &self.years[y].months {
                    month.month.hash(&mut h);
                    for &e in &month.members {
                        self.list_fingerprints()[e].hash(&mut h);
                    }
                }
            }
            PageKey::Month(y, m) => {
                self.neighbour_months(y, m).hash(&mut h);
                for &e in &self.years[y].months[m].members {
                    self.list_fingerprints()[e].hash(&mut h);
                }
            }
            PageKey::Archive => {
                for year in &self.years {
                    for month in &year.months {
                        (month.year, month.month, month.members.len()).hash(&mut h);
                    }
                }
            }
            // The search page is the frame alone: its results come from the index.
            PageKey::NotFound
            | PageKey::Robots
            | PageKey::NoJekyll
            | PageKey::Cname
            | PageKey::Search => {}
            PageKey::Corrections(_) | PageKey::CorrectionsFeed => {
                self.hash_corrections(key, &mut h)
            }
            PageKey::SiteFeed | PageKey::JsonFeed => {
                let limit = self.config.feed_limit.min(self.entries.len());
                for e in 0..limit {
                    self.feed_fingerprint(e, self.config.feeds.site)
                        .hash(&mut h);
                }
            }
            PageKey::TermFeed(t, i) => {
                let term = &self.taxonomies[t].terms[i];
                (&term.name, &term.slug).hash(&mut h);
                self.hash_profile(t, i, &mut h);
                for &e in term.members.iter().take(self.config.feed_limit) {
                    self.feed_fingerprint(e, self.config.feeds.terms)
                        .hash(&mut h);
                }
            }
            // The sitemap lists every page with its date (not its text): a body edit leaves
            // it alone, a new, moved or re-dated briefing changes it.
            PageKey::Sitemap => {
                for entry in &self.entries {
                    let b = &entry.briefing;
                    (
                        &entry.path,
                        &b.date.text,
                        b.updated.as_ref().map(|u| &u.text),
                    )
                        .hash(&mut h);
                }
                for taxonomy in &self.taxonomies {
                    for term in &taxonomy.terms {
                        (&term.slug, term.members.len()).hash(&mut h);
                    }
                }
                for entry in &self.pages {
                    entry.page.path.hash(&mut h);
                }
                // The log's pages are dated by their newest correction.
                for c in &self.corrections {
                    let b = &self.entries[c.entry].briefing;
                    b.corrections[c.index].date.text.hash(&mut h);
                }
                // Timeline pages, each with the dates of the briefings it shows.
                for (year, range) in &self.timeline.years {
                    year.hash(&mut h);
                    for event in &self.timeline.events[range.clone()] {
                        event.entries.hash(&mut h);
                    }
                }
            }
            PageKey::Alias(e, k) => {
                (&self.entries[e].path, &self.entries[e].briefing.aliases[k]).hash(&mut h)
            }
            PageKey::Page(p) => self.hash_page(p, &mut h),
            PageKey::PageAlias(p, k) => {
                let page = &self.pages[p].page;
                (&page.path, &page.title, &page.aliases[k]).hash(&mut h)
            }
        }
        h.finish()
    }

    /// Everything a timeline shows of `events`: each event and the briefings it links to.
    fn hash_events(&self, events: &[usize], h: &mut std::hash::DefaultHasher) {
        events.len().hash(h);
        for &i in events {
            let event = &self.timeline.events[i];
            (&event.date_text, &event.html).hash(h);
            for &e in &event.entries {
                self.list_fingerprints()[e].hash(h);
            }
        }
    }

    /// The years with events before and after timeline year `y` (as year numbers).
    pub fn timeline_neighbours(&self, y: usize) -> (Option<i16>, Option<i16>) {
        let years = &self.timeline.years;
        let older = y.checked_sub(1).map(|i| years[i].0);
        let newer = years.get(y + 1).map(|(year, _)| *year);
        (older, newer)
    }

    /// The older and newer years with briefings around year `y` (as year numbers).
    pub fn neighbour_years(&self, y: usize) -> (Option<i16>, Option<i16>) {
        let older = self.years.get(y + 1).map(|year| year.year);
        let newer = y.checked_sub(1).map(|i| self.years[i].year);
        (older, newer)
    }

    /// The older and newer months with briefings around month `m` of year `y`, with counts.
    pub fn neighbour_months(&self, y: usize, m: usize) -> (Option<MonthRef>, Option<MonthRef>) {
        let flat: Vec<&Month> = self.years.iter().flat_map(|year| &year.months).collect();
        let position = self.years[..y]
            .iter()
            .map(|year| year.months.len())
            .sum::<usize>()
            + m;
        let describe = |month: &&Month| (month.year, month.month, month.members.len());
        let older = flat.get(position + 1).map(describe);
        let newer = position
            .checked_sub(1)
            .and_then(|p| flat.get(p))
            .map(describe);
        (older, newer)
    }
}

/// Hashes every field of a briefing that its list view can show: all but its body's HTML,
/// contents and links (its own page shows those), its file lines and its findings. The
/// patterns name every field, so a field added later does not compile until it is sorted
/// into one group or the other (hashing too much only re-renders more).
fn hash_listed_fields(b: &Briefing, h: &mut impl Hasher) {
    let Briefing {
        source_path,
        title,
        date,
        updated,
        summary,
        terms,
        status,
        sources,
        draft,
        slug,
        aliases,
        aliases_line: _,
        alias_places: _,
        sources_line: _,
        publish_at,
        permalink,
        slug_line: _,
        term_slugs,
        fingerprint: _,
        term_lines: _,
        extra,
        language,
        warnings: _,
        body,
        body_line: _,
        date_line: _,
        kind,
        dateline,
        corrections,
        events,
        image,
    } = b;
    let Rendered {
        html: _,
        toc: _,
        first_paragraph,
        word_count,
        links: _,
        indented_code: _,
        file_links: _,
        empty_headings: _,
        images_without_alt: _,
    } = body;
    // A date's text decides its day and moment.
    fn text(d: &crate::content::DateValue) -> &str {
        &d.text
    }
    (
        source_path,
        title,
        text(date),
        updated.as_ref().map(text),
        summary,
    )
        .hash(h);
    (terms, term_slugs, status.map(|s| s.as_str())).hash(h);
    sources.len().hash(h);
    for s in sources {
        (&s.title, &s.url, &s.publisher).hash(h);
    }
    (
        draft,
        slug,
        aliases,
        publish_at.as_ref().map(text),
        permalink,
    )
        .hash(h);
    // Free-form JSON has no `Hash`: its text (almost always `null`).
    if !extra.is_null() {
        extra.to_string().hash(h);
    }
    (language, kind.as_str(), dateline).hash(h);
    corrections.len().hash(h);
    for c in corrections {
        (&c.date.text, &c.text, &c.html, &c.plain).hash(h);
    }
    events.len().hash(h);
    for event in events {
        (&event.date.text, &event.text, &event.html).hash(h);
    }
    (first_paragraph, word_count).hash(h);
    // Lists show `entry.image` (the search record too).
    image.as_ref().map(|i| (&i.src, &i.alt, i.size)).hash(h);
}
