//! Building the indexes of the model: terms from the spellings editors write (merged by
//! slug, sorted by name) and the date index (years → months).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::config::Config;
use crate::content::Briefing;
use crate::diagnostics::Diagnostic;

use super::{Entry, Month, Taxonomy, Term, Year};

/// Turns term spellings into terms: spellings that slug alike are one term, and the first
/// spelling in `briefings` order (sorted file order) is its display name.
pub(super) fn resolve_terms(
    config: &Config,
    briefings: &[Arc<Briefing>],
    errors: &mut Vec<Diagnostic>,
) -> (Vec<Vec<Term>>, Vec<Vec<Vec<usize>>>) {
    let mut taxonomy_terms: Vec<Vec<Term>> = vec![Vec::new(); config.taxonomies.len()];
    let mut by_slug: Vec<ahash::AHashMap<String, usize>> =
        vec![ahash::AHashMap::new(); config.taxonomies.len()];
    let mut briefing_terms = Vec::with_capacity(briefings.len());
    for briefing in briefings {
        let mut per_taxonomy = Vec::with_capacity(config.taxonomies.len());
        for (t, tax) in config.taxonomies.iter().enumerate() {
            let mut indices: Vec<usize> = Vec::new();
            for (name, slug) in briefing.terms[t].iter().zip(&briefing.term_slugs[t]) {
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
                let index = match by_slug[t].get(slug.as_str()) {
                    Some(&index) => index,
                    None => {
                        let index = taxonomy_terms[t].len();
                        by_slug[t].insert(slug.clone(), index);
                        taxonomy_terms[t].push(Term {
                            name: name.clone(),
                            slug: slug.clone(),
                            members: Vec::new(),
                            profile: None,
                            sort_as: None,
                        });
                        index
                    }
                };
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

/// Where a term sorts among its taxonomy's: by name ignoring case, then as written, then slug.
pub(super) fn term_order(term: &Term) -> (String, String, String) {
    (
        term.sort_as.as_ref().unwrap_or(&term.name).to_lowercase(),
        term.name.clone(),
        term.slug.clone(),
    )
}

pub(super) fn sort_terms(
    mut taxonomies: Vec<Taxonomy>,
    mut entries: Vec<Entry>,
) -> (Vec<Taxonomy>, Vec<Entry>) {
    for (t, taxonomy) in taxonomies.iter_mut().enumerate() {
        let mut order: Vec<usize> = (0..taxonomy.terms.len()).collect();
        order.sort_by_cached_key(|&i| term_order(&taxonomy.terms[i]));
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

pub(super) fn date_index(entries: &[Entry]) -> Vec<Year> {
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
