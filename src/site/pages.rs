//! Standalone pages and term profiles in the model: pages placed at their paths (drafts left
//! out unless included), the menu in its order, profiles attached to their terms (a profile
//! for a term no briefing uses makes that term, with no members), what each of them shows
//! hashed for incremental rebuilds, and the messages about a page in a URL collision.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::content::{Page, Profile};
use crate::diagnostics::Diagnostic;

use super::{PageKey, Site, Term};

/// The content beside the briefings: pages (`pages/`) and term profiles (`terms/`).
#[derive(Debug, Clone, Default)]
pub struct SiteDocs {
    pub pages: Vec<Arc<Page>>,
    pub profiles: Vec<Arc<Profile>>,
}

/// A page placed in the site.
#[derive(Debug, Clone)]
pub struct PageEntry {
    pub page: Arc<Page>,
    /// What each briefing file the body links to resolves to (as `Entry::file_links`).
    pub file_links: Vec<Option<usize>>,
}

/// Gives each term its profile: the profile's title is its name; a profile whose term no
/// briefing uses adds the term. `profiles` are in path order; the index of each is kept.
pub(super) fn attach_profiles(taxonomy_terms: &mut [Vec<Term>], profiles: &[Arc<Profile>]) {
    let mut by_slug: Vec<HashMap<String, usize>> = taxonomy_terms
        .iter()
        .map(|terms| {
            terms
                .iter()
                .enumerate()
                .map(|(i, t)| (t.slug.clone(), i))
                .collect()
        })
        .collect();
    for (p, profile) in profiles.iter().enumerate() {
        let Some(terms) = taxonomy_terms.get_mut(profile.taxonomy) else {
            continue;
        };
        let i = *by_slug[profile.taxonomy]
            .entry(profile.slug.clone())
            .or_insert_with(|| {
                terms.push(Term {
                    name: profile.slug.clone(),
                    slug: profile.slug.clone(),
                    members: Vec::new(),
                    profile: None,
                    sort_as: None,
                });
                terms.len() - 1
            });
        if let Some(title) = &profile.title {
            terms[i].name = title.clone();
        }
        terms[i].profile = Some(p);
        terms[i].sort_as = profile.sort_as.clone();
    }
}

impl Site {
    /// Places the pages (drafts only when included) by path, orders the menu, keeps the
    /// profiles. Runs once the entries are placed (pages link to briefings' files).
    pub(super) fn place_pages(&mut self, docs: SiteDocs, drafts_included: bool) {
        self.profiles = docs.profiles;
        let (mut pages, mut draft_pages): (Vec<Arc<Page>>, Vec<Arc<Page>>) = docs
            .pages
            .into_iter()
            .partition(|p| drafts_included || !p.draft);
        let by_path = |a: &Arc<Page>, b: &Arc<Page>| {
            (&a.path, &a.source_path).cmp(&(&b.path, &b.source_path))
        };
        pages.sort_by(by_path);
        draft_pages.sort_by(by_path);
        self.draft_pages = draft_pages;
        self.pages = pages
            .into_iter()
            .map(|page| PageEntry {
                file_links: self.entry_targets(&page.body.file_links),
                page,
            })
            .collect();
        let mut menu: Vec<usize> = (0..self.pages.len())
            .filter(|&p| self.pages[p].page.menu.is_some())
            .collect();
        menu.sort_by(|&a, &b| {
            let (a, b) = (&self.pages[a].page, &self.pages[b].page);
            let number = |p: &Page| p.menu.unwrap_or_default();
            number(a)
                .total_cmp(&number(b))
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.path.cmp(&b.path))
        });
        let mut h = std::hash::DefaultHasher::new();
        for &p in &menu {
            let page = &self.pages[p].page;
            (&page.path, &page.title, &page.menu_title).hash(&mut h);
        }
        self.menu = menu;
        self.menu_fingerprint = h.finish();
    }

    /// The profile of term `i` of taxonomy `t`, if it has one.
    pub fn profile(&self, t: usize, i: usize) -> Option<&Profile> {
        let p = self.taxonomies[t].terms[i].profile?;
        Some(&self.profiles[p])
    }

    /// The taxonomy that is the byline (`byline: true`), if one is declared.
    pub fn byline_taxonomy(&self) -> Option<usize> {
        self.config.taxonomies.iter().position(|t| t.byline)
    }

    /// The page (or page alias) at a site path.
    pub(super) fn page_at(&self, path: &str) -> Option<PageKey> {
        self.pages.iter().enumerate().find_map(|(p, entry)| {
            if entry.page.path == path {
                return Some(PageKey::Page(p));
            }
            let k = entry.page.aliases.iter().position(|a| a == path)?;
            Some(PageKey::PageAlias(p, k))
        })
    }

    /// Hashes what a profile adds to a page: its file, and the URLs of the briefings its
    /// body links to.
    pub(super) fn hash_profile(&self, t: usize, i: usize, h: &mut impl Hasher) {
        if let Some(profile) = self.profile(t, i) {
            profile.fingerprint.hash(h);
            for target in self.entry_targets(&profile.body.file_links) {
                target.map(|e| &self.entries[e].path).hash(h);
            }
        }
    }

    /// Hashes what a byline shows of entry `e`'s authors beyond their names: the roles,
    /// summaries and images of their profiles (a profile's body is only on the author's own
    /// page).
    pub(super) fn hash_byline(&self, e: usize, h: &mut impl Hasher) {
        let Some(t) = self.byline_taxonomy() else {
            return;
        };
        for &i in &self.entries[e].terms[t] {
            if let Some(profile) = self.profile(t, i) {
                let image = profile.image.as_ref().map(|i| (&i.src, &i.alt));
                (&profile.role, &profile.summary, image).hash(h);
            }
        }
    }

    /// Hashes what page `p` shows: its file and the URLs of the briefings it links to.
    pub(super) fn hash_page(&self, p: usize, h: &mut impl Hasher) {
        let entry = &self.pages[p];
        entry.page.fingerprint.hash(h);
        for target in &entry.file_links {
            target.map(|e| &self.entries[e].path).hash(h);
        }
    }

    /// What editors call page `key` in a message, when it is a page or a page's alias.
    pub(super) fn describe_page(&self, key: PageKey) -> Option<String> {
        match key {
            PageKey::Page(p) => Some(format!(
                "the page {}",
                self.pages[p].page.source_path.display()
            )),
            PageKey::PageAlias(p, k) => {
                let page = &self.pages[p].page;
                Some(format!(
                    "an alias of {} (line {})",
                    page.source_path.display(),
                    super::collisions::alias_at(&page.alias_places, k, page.aliases_line).0
                ))
            }
            _ => None,
        }
    }

    /// The error `message` about a collision, at the page (or page alias) `at` that causes it.
    pub(super) fn page_clash(&self, at: PageKey, other: PageKey, message: String) -> Diagnostic {
        let (p, alias) = match at {
            PageKey::Page(p) => (p, None),
            PageKey::PageAlias(p, k) => (p, Some(k)),
            _ => unreachable!("only pages are placed here"),
        };
        let page = &self.pages[p].page;
        if let Some(k) = alias {
            let (line, column) =
                super::collisions::alias_at(&page.alias_places, k, page.aliases_line);
            return Diagnostic::error(&page.source_path, line, column, message)
                .with_hint("remove this alias: a redirect may not replace a page");
        }
        let line = page.slug_line;
        let d = Diagnostic::error(&page.source_path, line, usize::from(line > 0), message);
        d.with_hint(match other {
            PageKey::Page(_) => "give one of the two pages a different `slug:` in its front matter",
            _ => "give this page a different `slug:`, or rename its file",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, text: &str) -> Arc<Page> {
        let config = crate::config::parse_config("title: T\nbase_url: https://e.org/\n").unwrap();
        Arc::new(
            crate::content::pages::parse_page(std::path::Path::new(path), text, &config).unwrap(),
        )
    }

    #[test]
    fn the_menu_is_ordered_by_number_then_title_and_drafts_stay_out() {
        let config = crate::config::parse_config("title: T\nbase_url: https://e.org/\n").unwrap();
        let docs = SiteDocs {
            pages: vec![
                page("pages/z.md", "---\ntitle: Zed\nmenu: 1\n---\n"),
                page("pages/b.md", "---\ntitle: Bee\nmenu: 2\n---\n"),
                page("pages/a.md", "---\ntitle: Ay\nmenu: 2\n---\n"),
                page("pages/n.md", "---\ntitle: None\n---\n"),
                page(
                    "pages/d.md",
                    "---\ntitle: Draft\nmenu: 0\ndraft: true\n---\n",
                ),
            ],
            profiles: Vec::new(),
        };
        let site =
            Site::build_with(config, Vec::new(), docs, false, jiff::Timestamp::UNIX_EPOCH).unwrap();
        let paths: Vec<&str> = site.pages.iter().map(|p| p.page.path.as_str()).collect();
        assert_eq!(paths, ["/a/", "/b/", "/n/", "/z/"]);
        let menu: Vec<&str> = site
            .menu
            .iter()
            .map(|&p| site.pages[p].page.title.as_str())
            .collect();
        assert_eq!(menu, ["Zed", "Ay", "Bee"]);
        assert_eq!(site.page_at("/n/"), Some(PageKey::Page(2)));
        assert_eq!(site.generated_page_at("/n/"), Some(PageKey::Page(2)));
    }
}
