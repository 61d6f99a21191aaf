//! Collisions: no two pages of the site (briefings, generated pages, alias redirects) may
//! be written to the same output file; finding the generated page at a site path.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;

use super::{PageKey, Site, output_file, page_count};

impl Site {
    /// Briefings may not share an output file with each other or with a generated page.
    /// (Generated pages cannot collide among themselves: config validation reserves their
    /// names.) Linear in the number of briefings: generated pages are found by parsing paths.
    pub(super) fn check_collisions(&self, errors: &mut Vec<Diagnostic>) {
        let mut owners: HashMap<String, usize> = HashMap::with_capacity(self.entries.len());
        // The per-briefing part in parallel: ~5 of the model stage's ~22 ms at 10,000 briefings.
        let files: Vec<(PathBuf, Option<PageKey>)> = self
            .entries
            .par_iter()
            .map(|entry| {
                (
                    output_file(&entry.path),
                    self.generated_page_at(&entry.path),
                )
            })
            .collect();
        for (e, (file, generated)) in files.into_iter().enumerate() {
            if let Some(key) = generated {
                errors.push(self.collision(key, PageKey::Briefing(e), &file));
            }
            if let Some(previous) = owners.insert(file.to_string_lossy().into_owned(), e) {
                errors.push(self.collision(
                    PageKey::Briefing(previous),
                    PageKey::Briefing(e),
                    &file,
                ));
            }
        }
        // Aliases may not take the place of a page, or of another alias.
        let mut alias_owners: HashMap<String, usize> = HashMap::new();
        for (e, entry) in self.entries.iter().enumerate() {
            for alias in &entry.briefing.aliases {
                let file = output_file(alias).to_string_lossy().into_owned();
                let clash = if let Some(&other) = owners.get(&file) {
                    Some(format!(
                        "the briefing {}",
                        self.entries[other].briefing.source_path.display()
                    ))
                } else if let Some(key) = self.generated_page_at(alias) {
                    Some(format!("the generated page {}", self.path(key)))
                } else {
                    alias_owners.insert(file, e).map(|other| {
                        format!(
                            "an alias of {}",
                            self.entries[other].briefing.source_path.display()
                        )
                    })
                };
                if let Some(clash) = clash {
                    let b = &entry.briefing;
                    errors.push(
                        Diagnostic::error(
                            &b.source_path,
                            b.aliases_line,
                            usize::from(b.aliases_line > 0),
                            format!("alias {alias} is already used by {clash}"),
                        )
                        .with_hint("remove this alias: a redirect may not replace a page"),
                    );
                }
            }
        }
    }

    /// The generated (non-briefing) page at a site path, if there is one.
    pub fn generated_page_at(&self, path: &str) -> Option<PageKey> {
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
            _ => {}
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

    fn collision(&self, first: PageKey, second: PageKey, file: &std::path::Path) -> Diagnostic {
        let describe = |key: PageKey| match key {
            PageKey::Briefing(e) => self.entries[e].briefing.source_path.display().to_string(),
            other => format!("the generated page {}", self.path(other)),
        };
        // Point at a briefing file when one is involved: that is what the editor can change.
        let (at, other) = match (first, second) {
            (_, PageKey::Briefing(e)) => (e, first),
            (PageKey::Briefing(e), _) => (e, second),
            _ => {
                return Diagnostic::error(
                    crate::config::CONFIG_FILE,
                    0,
                    0,
                    format!("two generated pages would be written to {}", file.display()),
                );
            }
        };
        let briefing = &self.entries[at].briefing;
        let hint = match other {
            PageKey::Briefing(_) => {
                "give one of the two briefings a different `slug:` in its front matter"
            }
            _ => "give this briefing a different `slug:`, or change `permalink:` in site.yaml",
        };
        Diagnostic::error(
            &briefing.source_path,
            briefing.slug_line,
            usize::from(briefing.slug_line > 0),
            format!(
                "this briefing's URL {} is already used by {}",
                self.entries[at].path,
                describe(other)
            ),
        )
        .with_hint(hint)
    }
}
