//! Collisions: no two pages of the site (briefings, generated pages, alias redirects) may
//! be written to the same output file, and no page may be written as a file where another
//! needs a folder; finding the generated page at a site path.

use std::collections::hash_map::Entry;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;

use super::{PageKey, Site, output_name, page_count};

impl Site {
    /// Every page the site writes, compared by its output file (`/x/` and `/x/index.html` are
    /// one file): one map from output file to the page that owns it. Each clash is one error
    /// naming both pages, at the alias or briefing that causes it. Linear in the number of
    /// pages (a few folder lookups per page).
    pub(super) fn check_collisions(&self, errors: &mut Vec<Diagnostic>) {
        let pages = self.pages();
        // Paths in parallel: one small string per page (~10,400 at 10,000 briefings).
        let files: Vec<String> = pages
            .par_iter()
            .map(|&key| output_name(&self.path(key)))
            .collect();
        let mut owners: ahash::AHashMap<&str, PageKey> =
            ahash::AHashMap::with_capacity(files.len());
        for (&key, file) in pages.iter().zip(&files) {
            match owners.entry(file) {
                Entry::Occupied(first) => errors.push(self.clash(*first.get(), key, file, false)),
                Entry::Vacant(slot) => {
                    slot.insert(key);
                }
            }
        }
        // A file where another page needs a folder (`/archive` beside `/archive/`): one of the
        // two cannot be written. Reported once per folder.
        let mut reported: Vec<&str> = Vec::new();
        for (&key, file) in pages.iter().zip(&files) {
            for (slash, _) in file.match_indices('/') {
                let folder = &file[..slash];
                if let Some(&owner) = owners.get(folder)
                    && !reported.contains(&folder)
                {
                    reported.push(folder);
                    errors.push(self.clash(owner, key, folder, true));
                }
            }
        }
    }

    /// Whether any of `files` (output files of term pages new to the model) clashes with a
    /// page whose URL an editor chose: a briefing, a standalone page or an alias. Nothing
    /// else can be under a taxonomy's folder: its name is not a reserved URL segment, and
    /// terms of one taxonomy have distinct slugs.
    pub(super) fn clashes_with_placed_pages(&self, files: &[String]) -> bool {
        if files.is_empty() {
            return false;
        }
        let briefings = self
            .entries
            .iter()
            .flat_map(|entry| std::iter::once(&entry.path).chain(&entry.briefing.aliases));
        let pages = self
            .pages
            .iter()
            .flat_map(|entry| std::iter::once(&entry.page.path).chain(&entry.page.aliases));
        let within = |folder: &str, file: &str| {
            file.len() > folder.len()
                && file.starts_with(folder)
                && file.as_bytes()[folder.len()] == b'/'
        };
        // Only a path in the same top folder can clash (`/tags/...`): no copy of the others.
        fn top(path: &str) -> &str {
            path.trim_start_matches('/').split('/').next().unwrap_or("")
        }
        let tops: Vec<&str> = files.iter().map(|file| top(file)).collect();
        briefings.chain(pages).any(|path| {
            if !tops.contains(&top(path)) {
                return false;
            }
            let placed = output_name(path);
            files
                .iter()
                .any(|file| *file == placed || within(file, &placed) || within(&placed, file))
        })
    }

    /// What editors call page `key` in a message.
    fn describe(&self, key: PageKey) -> String {
        match key {
            PageKey::Briefing(e) => format!(
                "the briefing {}",
                self.entries[e].briefing.source_path.display()
            ),
            PageKey::Alias(e, k) => {
                let b = &self.entries[e].briefing;
                format!(
                    "an alias of {} (line {})",
                    b.source_path.display(),
                    alias_at(&b.alias_places, k, b.aliases_line).0
                )
            }
            other => self
                .describe_page(other)
                .unwrap_or_else(|| format!("the generated page {}", self.path(other))),
        }
    }

    /// The error for pages `first` and `second` both written to `file` or, when `folder`,
    /// for `first` written as the file `file` where `second` needs a folder of that name.
    fn clash(&self, first: PageKey, second: PageKey, file: &str, folder: bool) -> Diagnostic {
        // Point at what the editor can change: an alias, else a briefing (the later one, which
        // comes second in `pages()`: the newer briefing keeps its URL).
        let rank = |key: PageKey| match key {
            PageKey::Alias(..) | PageKey::PageAlias(..) => 2,
            PageKey::Briefing(_) | PageKey::Page(_) => 1,
            _ => 0,
        };
        let (at, other) = if rank(second) >= rank(first) {
            (second, first)
        } else {
            (first, second)
        };
        let (e, what) = match at {
            PageKey::Alias(e, k) => (e, format!("alias {}", self.entries[e].briefing.aliases[k])),
            PageKey::Briefing(e) => (e, format!("this briefing's URL {}", self.path(at))),
            PageKey::PageAlias(..) => (0, format!("alias {}", self.path(at))),
            PageKey::Page(_) => (0, format!("this page's URL {}", self.path(at))),
            _ => {
                return Diagnostic::error(
                    crate::config::CONFIG_FILE,
                    0,
                    0,
                    format!("two generated pages would be written to {file}"),
                );
            }
        };
        let owner = match (at, other) {
            // "this briefing's URL /x/ is already used by content/x.md"
            (PageKey::Briefing(_), PageKey::Briefing(o)) => {
                self.entries[o].briefing.source_path.display().to_string()
            }
            _ => self.describe(other),
        };
        let message = if !folder {
            format!("{what} is already used by {owner}")
        } else if at == second {
            format!("{what} would be written in the folder {file}, which is the file of {owner}")
        } else {
            format!("{what} would be written as the file {file}, which is the folder of {owner}")
        };
        if let PageKey::Page(_) | PageKey::PageAlias(..) = at {
            return self.page_clash(at, other, message);
        }
        let b = &self.entries[e].briefing;
        if let PageKey::Alias(_, k) = at {
            let (line, column) = alias_at(&b.alias_places, k, b.aliases_line);
            return Diagnostic::error(&b.source_path, line, column, message)
                .with_hint("remove this alias: a redirect may not replace a page");
        }
        let column = usize::from(b.slug_line > 0);
        Diagnostic::error(&b.source_path, b.slug_line, column, message).with_hint(match other {
            PageKey::Briefing(_) => {
                "give one of the two briefings a different `slug:` in its front matter"
            }
            _ => "give this briefing a different `slug:`, or change `permalink:` in site.yaml",
        })
    }

    /// The generated (non-briefing) page at a site path, if there is one; a standalone page
    /// (or a page's alias) counts.
    pub fn generated_page_at(&self, path: &str) -> Option<PageKey> {
        if let Some(page) = self.page_at(path) {
            return Some(page);
        }
        let per_page = self.config.paginate_by;
        let page_number = |rest: &[&str], total: usize| -> Option<usize> {
            match rest {
                [] => Some(1),
                ["page", n] => n.parse().ok().filter(|n| (2..=total).contains(n)),
                _ => None,
            }
        };
        match path {
            "/404.html" => return Some(PageKey::NotFound),
            "/archive/" => return Some(PageKey::Archive),
            "/atom.xml" => return Some(PageKey::SiteFeed),
            "/feed.json" => return Some(PageKey::JsonFeed),
            "/sitemap.xml" => return Some(PageKey::Sitemap),
            "/robots.txt" => return Some(PageKey::Robots),
            "/.nojekyll" => return Some(PageKey::NoJekyll),
            "/CNAME" if self.config.cname.is_some() => return Some(PageKey::Cname),
            "/timeline/" if !self.timeline.years.is_empty() => return Some(PageKey::Timeline),
            super::SEARCH_PATH if self.config.search => return Some(PageKey::Search),
            _ => {}
        }
        if let Some(key) = self.correction_page_at(path) {
            return Some(key);
        }
        if let Some(year) = path
            .strip_prefix("/timeline/")
            .and_then(|rest| rest.strip_suffix('/'))
            .filter(|year| year.len() == 4)
            .and_then(|year| year.parse::<i16>().ok())
            && let Some(y) = self.timeline.year_index(year)
        {
            return Some(PageKey::TimelineYear(y));
        }
        if let Some(term_path) = path.strip_suffix("atom.xml")
            && let Some(PageKey::Term(t, i, 1)) = self.generated_page_at(term_path)
        {
            return Some(PageKey::TermFeed(t, i));
        }
        let inner = if path == "/" {
            ""
        } else {
            path.strip_prefix('/')?.strip_suffix('/')?
        };
        let parts: Vec<&str> = if inner.is_empty() {
            Vec::new()
        } else {
            inner.split('/').collect()
        };
        let home_pages = page_count(self.entries.len(), per_page);
        if let Some(n) = page_number(&parts, home_pages) {
            return Some(PageKey::Home(n));
        }
        let (first, rest) = parts.split_first()?;
        if let Some(t) = self.taxonomies.iter().position(|t| t.config.name == *first) {
            let Some((slug, rest)) = rest.split_first() else {
                return Some(PageKey::TaxonomyList(t));
            };
            let i = self.taxonomies[t]
                .terms
                .iter()
                .position(|term| term.slug == *slug)?;
            let n = page_number(
                rest,
                page_count(self.taxonomies[t].terms[i].members.len(), per_page),
            )?;
            return Some(PageKey::Term(t, i, n));
        }
        let y = self
            .years
            .iter()
            .position(|y| format!("{:04}", y.year) == *first)?;
        match rest {
            [] => Some(PageKey::Year(y)),
            [month] => {
                let m = self.years[y]
                    .months
                    .iter()
                    .position(|m| format!("{:02}", m.month) == *month)?;
                Some(PageKey::Month(y, m))
            }
            _ => None,
        }
    }
}

/// Where alias `k` is written (file line, column): its own place, else the `aliases:` key
/// (column 0 when even that is unknown).
pub(super) fn alias_at(places: &[(usize, usize)], k: usize, key_line: usize) -> (usize, usize) {
    places
        .get(k)
        .copied()
        .unwrap_or((key_line, usize::from(key_line > 0)))
}
