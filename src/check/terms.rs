//! Terms: spellings that slug alike, and near-duplicate terms only one briefing uses. A
//! spelling in another language (Київ in a Ukrainian briefing, Kyiv in an English one) is a
//! translation, not a misspelling.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, edit_distance};
use crate::site::Site;

use super::File;
use crate::content::frontmatter::term_position;

/// Spellings of one term (one slug) in one taxonomy, in sorted file order.
pub(super) struct TermUse<'a> {
    /// (index into the checked files, spelling as written)
    uses: Vec<(usize, &'a str)>,
}

pub(super) fn check_terms(
    root: &std::path::Path,
    config: &Config,
    site: Option<&Site>,
    checked: &[&File],
    out: &mut Vec<Diagnostic>,
) {
    // The model resolves spellings in byte order of the path; do the same.
    let mut order: Vec<usize> = (0..checked.len()).collect();
    order.sort_by(|&a, &b| {
        checked[a]
            .path
            .as_os_str()
            .as_encoded_bytes()
            .cmp(checked[b].path.as_os_str().as_encoded_bytes())
    });
    for (t, taxonomy) in config.taxonomies.iter().enumerate() {
        let key = taxonomy.name.as_str();
        let mut terms: BTreeMap<&str, TermUse> = BTreeMap::new();
        for &f in &order {
            let Some(b) = &checked[f].briefing else {
                continue;
            };
            let (Some(names), Some(slugs)) = (b.terms.get(t), b.term_slugs.get(t)) else {
                continue;
            };
            for (name, slug) in names.iter().zip(slugs) {
                if !slug.is_empty() {
                    terms
                        .entry(slug.as_str())
                        .or_insert(TermUse { uses: Vec::new() })
                        .uses
                        .push((f, name.as_str()));
                }
            }
        }
        // The spelling the site shows: the model's, else the first in file order.
        let shown = |slug: &str, term: &TermUse<'_>| -> String {
            site.and_then(|s| s.taxonomies.get(t))
                .and_then(|tax| tax.terms.iter().find(|term| term.slug == slug))
                .map_or_else(|| term.uses[0].1.to_string(), |term| term.name.clone())
        };
        let at = |f: usize, name: &str, message: String, hint: String| {
            let file = checked[f];
            let b = file
                .briefing
                .as_ref()
                .expect("terms come from parsed briefings");
            let key_line = b.term_lines[t];
            let (line, col) = file
                .text(root)
                .map_or((key_line, usize::from(key_line > 0)), |text| {
                    term_position(text, key_line, name)
                });
            Diagnostic::warning(&file.path, line, col, message).with_hint(hint)
        };
        for (slug, term) in &terms {
            let shown = shown(slug, term);
            let Some(&(first_file, _)) = term.uses.iter().find(|(_, name)| *name == shown) else {
                continue;
            };
            let language = |f: usize| checked[f].briefing.as_ref().map(|b| b.language.as_str());
            for &(f, name) in &term.uses {
                // Each language's spelling is the shown one, or that language's first.
                let (reference, reference_file) = if language(f) == language(first_file) {
                    (shown.as_str(), first_file)
                } else {
                    let &(g, spelling) = term
                        .uses
                        .iter()
                        .find(|(g, _)| language(*g) == language(f))
                        .expect("f itself is a use");
                    (spelling, g)
                };
                if name != reference {
                    let reference_path = checked[reference_file].path.display();
                    out.push(at(
                        f,
                        name,
                        format!("`{name}` and `{reference}` are one term in `{key}` (/{key}/{slug}/); the site shows `{shown}`"),
                        format!("write `{reference}` here too, or change {reference_path} to `{name}` to show that spelling everywhere"),
                    ));
                }
            }
        }
        // One-off terms a letter or two away from a term other briefings use.
        let count = |term: &TermUse| {
            let mut files: Vec<usize> = term.uses.iter().map(|(f, _)| *f).collect();
            files.dedup();
            files.len()
        };
        for (slug, term) in &terms {
            if count(term) != 1 {
                continue;
            }
            let best = terms
                .iter()
                .filter(|(other, t2)| other != &slug && count(t2) >= 2)
                .map(|(other, t2)| {
                    (
                        edit_distance(slug, other),
                        std::cmp::Reverse(count(t2)),
                        *other,
                        t2,
                    )
                })
                .filter(|(d, _, other, _)| *d <= (slug.len().max(other.len()) / 3).clamp(1, 2))
                .min_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
            if let Some((_, std::cmp::Reverse(n), other, t2)) = best {
                let (f, name) = term.uses[0];
                out.push(at(
                    f,
                    name,
                    format!("`{name}` in `{key}` is used by no other briefing"),
                    format!(
                        "did you mean `{}` (used by {n} briefings)?",
                        shown(other, t2)
                    ),
                ));
            }
        }
    }
}
