//! The site model: the published briefings in their one sort order, each with its URL, the
//! taxonomies with their terms and members, and the date index (years → months). Built once
//! from loaded content, read-only afterwards. It also names every page of the site
//! (`PageKey`), where each is written, and which pages a briefing appears on — the
//! dependency map incremental rebuilds use. No I/O, no templates.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::config::{Config, TaxonomyConfig};
use crate::content::Briefing;
use crate::diagnostics::Diagnostic;
use crate::slug::slugify;

/// A briefing placed in the site.
#[derive(Debug, Clone)]
pub struct Entry {
    pub briefing: Briefing,
    /// Site path (before the base path), e.g. `/2025/07/peace-offer/`.
    pub path: String,
    /// Term indices per taxonomy (config order), in front-matter order.
    pub terms: Vec<Vec<usize>>,
}

/// A term of a taxonomy: the display spelling that won, its slug and its briefings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub name: String,
    pub slug: String,
    /// Indices into `Site::entries`, in site order (newest first).
    pub members: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub config: TaxonomyConfig,
    /// Alphabetical by name (case-insensitive), then slug.
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
    /// Date descending, then title, then slug, then source path.
    pub entries: Vec<Entry>,
    pub taxonomies: Vec<Taxonomy>,
    /// Newest first.
    pub years: Vec<Year>,
    pub drafts_included: bool,
}

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
}

/// Number of pages a list of `items` needs at `per_page` (at least one, even when empty).
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
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
    let relative = site_path.trim_start_matches('/');
    if relative.is_empty() || relative.ends_with('/') {
        PathBuf::from(format!("{relative}index.html"))
    } else {
        PathBuf::from(relative)
    }
}

impl Site {
    /// Places briefings (drafts already filtered by the caller or not) into the model.
    /// Errors: URL collisions between briefings or with generated pages, unusable term slugs.
    pub fn build(
        config: Config,
        briefings: Vec<Briefing>,
        drafts_included: bool,
    ) -> Result<Site, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut briefings: Vec<Briefing> = briefings
            .into_iter()
            .filter(|b| drafts_included || !b.draft)
            .collect();
        // Term spellings are resolved in file order, before the date sort, so the first
        // spelling in sorted file order wins whatever the dates are.
        briefings.sort_by(|a, b| a.source_path.cmp(&b.source_path));
        let (taxonomy_terms, briefing_terms) = resolve_terms(&config, &briefings, &mut errors);

        let mut order: Vec<usize> = (0..briefings.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&briefings[a], &briefings[b]);
            y.date
                .timestamp
                .cmp(&x.date.timestamp)
                .then_with(|| x.title.cmp(&y.title))
                .then_with(|| x.slug.cmp(&y.slug))
                .then_with(|| x.source_path.cmp(&y.source_path))
        });
        let mut slots: Vec<Option<(Briefing, Vec<Vec<usize>>)>> = briefings
            .into_iter()
            .zip(briefing_terms)
            .map(Some)
            .collect();
        let entries: Vec<Entry> = order
            .iter()
            .map(|&i| {
                let (briefing, terms) = slots[i].take().expect("each index once");
                let d = &briefing.date;
                let path = config
                    .permalink
                    .expand(d.year(), d.month(), d.day(), &briefing.slug);
                Entry {
                    briefing,
                    path,
                    terms,
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
        let site = Site {
            config,
            entries,
            taxonomies,
            years,
            drafts_included,
        };
        site.check_collisions(&mut errors);
        if errors.is_empty() {
            Ok(site)
        } else {
            Err(errors)
        }
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

    /// Every page that shows briefing `e` (its own page, the list pages it is listed on, and
    /// the indexes whose counts include it). Incremental rebuilds re-render these, for the
    /// model before and after a change.
    pub fn pages_for_briefing(&self, e: usize) -> Vec<PageKey> {
        let per_page = self.config.paginate_by;
        let mut pages = vec![
            PageKey::Briefing(e),
            PageKey::Home(e / per_page + 1),
            PageKey::Archive,
        ];
        let entry = &self.entries[e];
        for (t, terms) in entry.terms.iter().enumerate() {
            if !terms.is_empty() {
                pages.push(PageKey::TaxonomyList(t));
            }
            for &i in terms {
                let members = &self.taxonomies[t].terms[i].members;
                let position = members.binary_search(&e).unwrap_or(0);
                pages.push(PageKey::Term(t, i, position / per_page + 1));
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
        pages.sort();
        pages.dedup();
        pages
    }

    fn check_collisions(&self, errors: &mut Vec<Diagnostic>) {
        let mut owners: HashMap<PathBuf, PageKey> = HashMap::new();
        for key in self.pages() {
            let file = output_file(&self.path(key));
            if let Some(previous) = owners.insert(file.clone(), key) {
                errors.push(self.collision(previous, key, &file));
            }
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

pub fn year_path(year: i16) -> String {
    format!("/{year:04}/")
}

pub fn month_path(year: i16, month: i8) -> String {
    format!("/{year:04}/{month:02}/")
}

/// Turns term spellings into terms: spellings that slug alike are one term, and the first
/// spelling in `briefings` order (sorted file order) is its display name.
fn resolve_terms(
    config: &Config,
    briefings: &[Briefing],
    errors: &mut Vec<Diagnostic>,
) -> (Vec<Vec<Term>>, Vec<Vec<Vec<usize>>>) {
    let mut taxonomy_terms: Vec<Vec<Term>> = vec![Vec::new(); config.taxonomies.len()];
    let mut by_slug: Vec<HashMap<String, usize>> = vec![HashMap::new(); config.taxonomies.len()];
    let mut briefing_terms = Vec::with_capacity(briefings.len());
    for briefing in briefings {
        let mut per_taxonomy = Vec::with_capacity(config.taxonomies.len());
        for (t, tax) in config.taxonomies.iter().enumerate() {
            let mut indices: Vec<usize> = Vec::new();
            for name in &briefing.terms[t] {
                let slug = tax
                    .slugs
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| slugify(name));
                if slug.is_empty() {
                    errors.push(
                        Diagnostic::error(
                            &briefing.source_path,
                            briefing.term_lines[t],
                            1,
                            format!("`{name}` in `{}` cannot be turned into a URL", tax.name),
                        )
                        .with_hint(format!(
                            "add a slug for it in site.yaml: under `taxonomies:`, `- name: {}` with `slugs: {{ \"{name}\": some-slug }}`",
                            tax.name
                        )),
                    );
                    continue;
                }
                let next = taxonomy_terms[t].len();
                let index = *by_slug[t].entry(slug.clone()).or_insert(next);
                if index == next {
                    taxonomy_terms[t].push(Term {
                        name: name.clone(),
                        slug,
                        members: Vec::new(),
                    });
                }
                if !indices.contains(&index) {
                    indices.push(index);
                }
            }
            per_taxonomy.push(indices);
        }
        briefing_terms.push(per_taxonomy);
    }
    (taxonomy_terms, briefing_terms)
}

fn sort_terms(
    mut taxonomies: Vec<Taxonomy>,
    mut entries: Vec<Entry>,
) -> (Vec<Taxonomy>, Vec<Entry>) {
    for (t, taxonomy) in taxonomies.iter_mut().enumerate() {
        let mut order: Vec<usize> = (0..taxonomy.terms.len()).collect();
        let key = |term: &Term| {
            (
                term.name.to_lowercase(),
                term.name.clone(),
                term.slug.clone(),
            )
        };
        order.sort_by_cached_key(|&i| key(&taxonomy.terms[i]));
        let mut new_index = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut old_terms: Vec<Option<Term>> = std::mem::take(&mut taxonomy.terms)
            .into_iter()
            .map(Some)
            .collect();
        taxonomy.terms = order
            .iter()
            .map(|&old| old_terms[old].take().expect("each once"))
            .collect();
        for entry in &mut entries {
            for term in &mut entry.terms[t] {
                *term = new_index[*term];
            }
        }
    }
    (taxonomies, entries)
}

fn date_index(entries: &[Entry]) -> Vec<Year> {
    let mut months: BTreeMap<(i16, i8), Vec<usize>> = BTreeMap::new();
    for (e, entry) in entries.iter().enumerate() {
        let d = &entry.briefing.date;
        months.entry((d.year(), d.month())).or_default().push(e);
    }
    let mut years: Vec<Year> = Vec::new();
    for ((year, month), members) in months.into_iter().rev() {
        if years.last().is_none_or(|y| y.year != year) {
            years.push(Year {
                year,
                months: Vec::new(),
            });
        }
        years.last_mut().expect("just pushed").months.push(Month {
            year,
            month,
            members,
        });
    }
    years
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
        let briefings = files
            .iter()
            .map(|(path, fm)| {
                crate::content::parse_briefing(
                    Path::new(path),
                    &format!("---\n{fm}\n---\nBody.\n"),
                    &config,
                )
                .unwrap()
            })
            .collect();
        Site::build(config, briefings, false)
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
