//! Suggested terms: the site's existing tags, regions, actors (every declared taxonomy) that
//! occur in an article, by display name or by slug, in the order the article first names
//! them. Terms are collected from the briefings in content/ (first spelling in file order,
//! as the site shows them) and from the display names in site.yaml's `slugs:`.

use std::collections::BTreeSet;
use std::path::Path;

use crate::config::Config;
use crate::slug::slugify;

/// For each declared taxonomy (config order): its name and the terms found in `text`.
pub fn suggest_terms(root: &Path, config: &Config, text: &str) -> Vec<(String, Vec<String>)> {
    let known = known_terms(root, config);
    let haystack = format!(" {} ", words(text));
    config
        .taxonomies
        .iter()
        .zip(known)
        .map(|(taxonomy, names)| {
            let mut found: Vec<(usize, String)> = names
                .into_iter()
                .filter_map(|name| {
                    let slug = taxonomy
                        .slugs
                        .get(&name)
                        .cloned()
                        .unwrap_or_else(|| slugify(&name));
                    let by_slug = slug.replace(['-', '_'], " ");
                    [words(&name), by_slug]
                        .iter()
                        .filter(|needle| needle.chars().count() >= 2)
                        .filter_map(|needle| haystack.find(&format!(" {needle} ")))
                        .min()
                        .map(|at| (at, name))
                })
                .collect();
            found.sort();
            (
                taxonomy.name.clone(),
                found.into_iter().map(|(_, name)| name).collect(),
            )
        })
        .collect()
}

/// Every term each taxonomy has now, by display name, one spelling per slug.
fn known_terms(root: &Path, config: &Config) -> Vec<Vec<String>> {
    let mut names: Vec<Vec<String>> = vec![Vec::new(); config.taxonomies.len()];
    let mut slugs: Vec<BTreeSet<String>> = vec![BTreeSet::new(); config.taxonomies.len()];
    let mut add = |index: usize, name: &str| {
        let name = name.trim();
        let slug = config.taxonomies[index]
            .slugs
            .get(name)
            .cloned()
            .unwrap_or_else(|| slugify(name));
        if !name.is_empty()
            && slugs[index].insert(if slug.is_empty() {
                name.to_lowercase()
            } else {
                slug
            })
        {
            names[index].push(name.to_string());
        }
    };
    let (files, _) = crate::content::walk_content(root);
    for relative in files {
        let Ok(text) = std::fs::read_to_string(root.join(&relative)) else {
            continue;
        };
        if let (Some(briefing), _) =
            crate::content::parse_briefing_partial(&relative, &text, config)
        {
            for (index, terms) in briefing.terms.iter().enumerate() {
                for term in terms {
                    add(index, term);
                }
            }
        }
    }
    for (index, taxonomy) in config.taxonomies.iter().enumerate() {
        for display in taxonomy.slugs.keys() {
            add(index, display);
        }
    }
    names
}

/// Lower-case words of `text`, transliterated to ASCII, separated by single spaces, so that
/// `Zaporizhzhia,` and `Ukraine’s` match `zaporizhzhia` and `ukraine`.
fn words(text: &str) -> String {
    deunicode::deunicode(text)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_normalise_punctuation_and_script() {
        assert_eq!(
            words("Ukraine’s  Zaporizhzhia, (NATO)"),
            "ukraine s zaporizhzhia nato"
        );
    }
}
