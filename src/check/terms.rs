//! Terms: spellings that slug alike, and near-duplicate terms only one briefing uses. The
//! uses of every term are gathered in a `TermTable`, which the preview keeps and updates
//! file by file; the findings (`TermNote`s) follow from the table and the model alone, and
//! are placed at their line and column in the file last. A spelling in another language
//! (Київ in a Ukrainian briefing, Kyiv in an English one) is a translation, not a misspelling.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::Briefing;
use crate::diagnostics::{Diagnostic, edit_distance};
use crate::site::Site;

use super::File;
use crate::content::terms::term_position;

/// Every use of every term by the checked briefings.
pub(super) struct TermTable {
    /// Per taxonomy (config order): slug → uses, in byte order of the file's path (the order
    /// in which the model resolves spellings).
    uses: Vec<BTreeMap<String, Vec<Use>>>,
    /// The uses of each file, to take them out again.
    by_file: HashMap<PathBuf, Vec<FileUse>>,
}

/// One use of a term: the file, the spelling as written, the briefing's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Use {
    path: PathBuf,
    name: String,
    language: String,
}

/// What a file uses: (taxonomy, slug, spelling, language).
type FileUse = (usize, String, String, String);

/// A term finding, before it is placed in its file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct TermNote {
    pub(super) path: PathBuf,
    /// The taxonomy (config order) and the spelling the note is about.
    taxonomy: usize,
    name: String,
    message: String,
    hint: String,
}

impl TermTable {
    pub(super) fn new(config: &Config) -> TermTable {
        TermTable {
            uses: vec![BTreeMap::new(); config.taxonomies.len()],
            by_file: HashMap::new(),
        }
    }

    /// The table of every term use of `briefings`, made at once for a build or `check`,
    /// which never take a file out again: the same table as `set` for each of them, without
    /// the record of each file's uses that the preview keeps to take them out.
    fn of_briefings<'b>(
        config: &Config,
        briefings: impl Iterator<Item = (&'b Path, &'b Briefing)>,
    ) -> TermTable {
        let mut table = TermTable::new(config);
        for (path, b) in briefings {
            for (t, slug, name, language) in term_uses(b) {
                let used = Use {
                    path: path.to_path_buf(),
                    name,
                    language,
                };
                table.uses[t].entry(slug).or_default().push(used);
            }
        }
        // In byte order of the path, as `set` keeps them; a stable sort keeps each file's
        // own uses in the order it writes them.
        for uses in table.uses.iter_mut().flat_map(|terms| terms.values_mut()) {
            uses.sort_by(|a, b| {
                let (a, b) = (a.path.as_os_str(), b.path.as_os_str());
                a.as_encoded_bytes().cmp(b.as_encoded_bytes())
            });
        }
        table
    }

    /// Puts in (or takes out, with `None`) the terms of the file at `path`. Returns whether
    /// the table changed.
    pub(super) fn set(&mut self, path: &Path, briefing: Option<&Briefing>) -> bool {
        let new = briefing.map(term_uses).unwrap_or_default();
        let old = self.by_file.remove(path).unwrap_or_default();
        if old == new {
            if !new.is_empty() {
                self.by_file.insert(path.to_path_buf(), new);
            }
            return false;
        }
        for (t, slug, _, _) in &old {
            if let Some(uses) = self.uses[*t].get_mut(slug) {
                uses.retain(|u| u.path.as_os_str() != path.as_os_str());
                if uses.is_empty() {
                    self.uses[*t].remove(slug);
                }
            }
        }
        let bytes = path.as_os_str().as_encoded_bytes();
        for (t, slug, name, language) in &new {
            let uses = self.uses[*t].entry(slug.clone()).or_default();
            // After the uses of files before it in path order, and its own earlier ones.
            let at = uses.partition_point(|u| u.path.as_os_str().as_encoded_bytes() <= bytes);
            let used = Use {
                path: path.to_path_buf(),
                name: name.clone(),
                language: language.clone(),
            };
            uses.insert(at, used);
        }
        if !new.is_empty() {
            self.by_file.insert(path.to_path_buf(), new);
        }
        true
    }

    /// Every term finding: spellings other than the one the site shows, and one-off terms
    /// a letter or two from a term other briefings use.
    pub(super) fn notes(&self, config: &Config, site: Option<&Site>) -> Vec<TermNote> {
        let mut notes = Vec::new();
        for (t, taxonomy) in config.taxonomies.iter().enumerate() {
            let key = taxonomy.name.as_str();
            let terms = &self.uses[t];
            // The spelling the site shows: the model's, else the first in file order.
            let model: HashMap<&str, &str> = site
                .and_then(|s| s.taxonomies.get(t))
                .map(|tax| {
                    tax.terms
                        .iter()
                        .map(|term| (term.slug.as_str(), term.name.as_str()))
                        .collect()
                })
                .unwrap_or_default();
            let shown = |slug: &str, uses: &[Use]| -> String {
                model
                    .get(slug)
                    .map_or_else(|| uses[0].name.clone(), |name| name.to_string())
            };
            let note = |path: &Path, name: &str, message: String, hint: String| TermNote {
                path: path.to_path_buf(),
                taxonomy: t,
                name: name.to_string(),
                message,
                hint,
            };
            for (slug, uses) in terms {
                let shown = shown(slug, uses);
                let Some(first) = uses.iter().find(|u| u.name == shown) else {
                    continue;
                };
                for used in uses {
                    // Each language's spelling is the shown one, or that language's first.
                    let reference = if used.language == first.language {
                        first
                    } else {
                        uses.iter()
                            .find(|u| u.language == used.language)
                            .expect("`used` itself is in that language")
                    };
                    if used.name != reference.name {
                        let (name, other) = (&used.name, &reference.name);
                        notes.push(note(
                            &used.path,
                            name,
                            format!("`{name}` and `{other}` are one term in `{key}` (/{key}/{slug}/); the site shows `{shown}`"),
                            if used.path == reference.path {
                                format!("this file spells it both ways: write `{other}` here too")
                            } else {
                                format!("write `{other}` here too, or change {} to `{name}` to show that spelling everywhere", reference.path.display())
                            },
                        ));
                    }
                }
            }
            // One-off terms a letter or two away from a term other briefings use.
            // Uses are in path order, so a file's uses are together. (Paths compared as bytes:
            // `Path`'s own comparison parses components, which showed in profiles.)
            let count = |uses: &[Use]| {
                1 + uses
                    .windows(2)
                    .filter(|pair| pair[0].path.as_os_str() != pair[1].path.as_os_str())
                    .count()
            };
            let counts: BTreeMap<&str, usize> = terms
                .iter()
                .map(|(slug, uses)| (slug.as_str(), count(uses)))
                .collect();
            let common: Vec<(&str, usize)> = counts
                .iter()
                .filter(|(_, n)| **n >= 2)
                .map(|(slug, n)| (*slug, *n))
                .collect();
            for (slug, uses) in terms {
                if counts[slug.as_str()] != 1 {
                    continue;
                }
                let best = common
                    .iter()
                    .filter(|(other, _)| other != slug)
                    .map(|&(other, n)| (edit_distance(slug, other), std::cmp::Reverse(n), other))
                    .filter(|(d, _, other)| *d <= (slug.len().max(other.len()) / 3).clamp(1, 2))
                    .min();
                if let Some((_, std::cmp::Reverse(n), other)) = best {
                    let Use { path, name, .. } = &uses[0];
                    notes.push(note(
                        path,
                        name,
                        format!("`{name}` in `{key}` is used by no other briefing"),
                        format!(
                            "did you mean `{}` (used by {n} briefings)?",
                            shown(other, &terms[other])
                        ),
                    ));
                }
            }
        }
        notes
    }
}

impl TermNote {
    /// The finding at the spelling's line and column in `text` (the file as it is now), or
    /// at the taxonomy's key when the text is not at hand.
    pub(super) fn place(&self, briefing: &Briefing, text: Option<&str>) -> Diagnostic {
        let key_line = briefing.term_lines.get(self.taxonomy).copied().unwrap_or(0);
        let (line, col) = text.map_or((key_line, usize::from(key_line > 0)), |text| {
            term_position(text, key_line, &self.name)
        });
        Diagnostic::warning(&self.path, line, col, self.message.clone()).with_hint(&self.hint)
    }
}

/// (taxonomy, slug, spelling, language) of every term a briefing uses; unusable slugs left
/// out (the loader reports them).
fn term_uses(b: &Briefing) -> Vec<FileUse> {
    let mut uses = Vec::new();
    for (t, (names, slugs)) in b.terms.iter().zip(&b.term_slugs).enumerate() {
        for (name, slug) in names.iter().zip(slugs) {
            if !slug.is_empty() {
                uses.push((t, slug.clone(), name.clone(), b.language.clone()));
            }
        }
    }
    uses
}

pub(super) fn check_terms(
    root: &Path,
    config: &Config,
    site: Option<&Site>,
    checked: &[&File],
    out: &mut Vec<Diagnostic>,
) {
    let briefings = checked
        .iter()
        .filter_map(|file| Some((file.path.as_path(), &**file.briefing.as_ref()?)));
    let table = TermTable::of_briefings(config, briefings);
    let by_path: HashMap<&Path, &File> = checked.iter().map(|f| (f.path.as_path(), *f)).collect();
    for note in table.notes(config, site) {
        let file = by_path[note.path.as_path()];
        let b = file
            .briefing
            .as_ref()
            .expect("terms come from parsed briefings");
        out.push(note.place(b, file.text(root)));
    }
}

#[cfg(test)]
mod tests {
    use super::TermTable;

    #[test]
    fn a_table_made_at_once_is_the_table_made_file_by_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = crate::load_site(root, None, true).expect("the shipped site loads");
        let config = &loaded.site.config;
        let mut briefings: Vec<_> = loaded
            .site
            .entries
            .iter()
            .map(|entry| (entry.briefing.source_path.as_path(), &*entry.briefing))
            .collect();
        // Out of path order, and one file twice as if edited: `set` sorts them in.
        briefings.reverse();
        let mut by_file = TermTable::new(config);
        for (path, b) in &briefings {
            by_file.set(path, Some(b));
        }
        briefings.sort_by_key(|(path, _)| path.as_os_str().as_encoded_bytes().to_vec());
        let at_once = TermTable::of_briefings(config, briefings.iter().copied());
        assert!(by_file.uses.iter().map(|terms| terms.len()).sum::<usize>() > 10);
        assert_eq!(at_once.uses, by_file.uses);
    }
}
