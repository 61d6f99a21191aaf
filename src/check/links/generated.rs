//! "Did you mean" for broken links to pages sitrep generates rather than to briefings: a term
//! page written with the term's name or a typo (`/regions/Zaporizhzhia/`, `/tags/drone/`), a
//! taxonomy misspelt (`/tag/drones/`), a standalone page or a section of the site a typo away
//! (`/abuot/`, `/archives/`). Broken links are few, so this looks through the model's names
//! each time instead of keeping an index.

use crate::site::Site;
use crate::slug::slugify_in;
use crate::url_path::percent_decode;

use super::super::suggest::suggest;

/// The site path (base path not included) of the generated page `path` most likely means.
pub(super) fn nearest_generated_page(site: &Site, path: &str) -> Option<String> {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let near_term = match segments.as_slice() {
        [taxonomy, term] => nearest_term(site, taxonomy, term),
        _ => None,
    };
    near_term.or_else(|| nearest_section(site, path))
}

/// `/<taxonomy>/<term>/` with either part misspelt, or the term written as its name.
fn nearest_term(site: &Site, taxonomy: &str, term: &str) -> Option<String> {
    let names = || site.taxonomies.iter().map(|t| t.config.name.as_str());
    let t = match names().position(|name| name == taxonomy) {
        Some(t) => t,
        None => {
            let near = suggest(taxonomy, names())?;
            names().position(|name| name == near)?
        }
    };
    let terms = &site.taxonomies[t].terms;
    let written = percent_decode(term);
    let as_slug = slugify_in(&written, &site.config.language);
    let exact = terms.iter().position(|candidate| {
        candidate.slug == as_slug || candidate.name.to_lowercase() == written.to_lowercase()
    });
    let i = match exact {
        Some(i) => i,
        None => {
            let near = suggest(&as_slug, terms.iter().map(|c| c.slug.as_str()))?;
            terms.iter().position(|c| c.slug == near)?
        }
    };
    let found = site.term_path(t, i);
    (found != path_of(taxonomy, term)).then_some(found)
}

fn path_of(taxonomy: &str, term: &str) -> String {
    format!("/{taxonomy}/{term}/")
}

/// A standalone page, a taxonomy's list of terms, or a section every site of this shape has
/// (the archive, the timeline, the corrections, search), a typo away from `path`.
fn nearest_section(site: &Site, path: &str) -> Option<String> {
    let with_slash = if path.ends_with('/') {
        path.to_owned()
    } else {
        format!("{path}/")
    };
    let sections = ["/archive/", "/timeline/", "/corrections/", "/search/"]
        .into_iter()
        .map(str::to_owned)
        .chain(
            site.taxonomies
                .iter()
                .map(|t| format!("/{}/", t.config.name)),
        )
        .chain(site.pages.iter().map(|p| p.page.path.clone()))
        .filter(|candidate| site.generated_page_at(candidate).is_some())
        .collect::<Vec<String>>();
    suggest(&with_slash, sections.iter().map(String::as_str)).map(str::to_owned)
}
