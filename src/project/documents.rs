//! The pages (`pages/`) and term profiles (`terms/`) a project holds between rebuilds: each
//! file as last read (loaded, or what is wrong with it), re-read one at a time as the editor
//! saves, or all again when a folder appears, moves or goes.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::content::{self, Page, Profile};
use crate::diagnostics::Diagnostic;
use crate::site::SiteDocs;

/// One file as last read.
enum State<T> {
    Loaded(Arc<T>),
    Broken {
        fingerprint: u64,
        errors: Vec<Diagnostic>,
    },
}

impl<T> State<T> {
    fn fingerprint(&self, of: impl Fn(&T) -> u64) -> u64 {
        match self {
            State::Loaded(doc) => of(doc),
            State::Broken { fingerprint, .. } => *fingerprint,
        }
    }
}

/// The two kinds of file, by folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Page,
    Profile,
}

impl Kind {
    /// The kind of the file at `relative` (from the root), if it is under pages/ or terms/.
    pub(super) fn of(relative: &Path) -> Option<Kind> {
        let first = relative.components().next()?.as_os_str();
        if first == content::PAGES_DIR {
            Some(Kind::Page)
        } else if first == content::TERMS_DIR {
            Some(Kind::Profile)
        } else {
            None
        }
    }
}

#[derive(Default)]
pub(super) struct Documents {
    pages: BTreeMap<PathBuf, State<Page>>,
    profiles: BTreeMap<PathBuf, State<Profile>>,
    walk_errors: Vec<Diagnostic>,
}

impl Documents {
    pub(super) fn clear(&mut self) {
        *self = Documents::default();
    }

    /// Walks pages/ and terms/ and reloads every file that is new, gone or different.
    /// Returns whether anything changed.
    pub(super) fn rescan(&mut self, root: &Path, config: &Config) -> bool {
        let (pages, mut errors) = content::pages::walk_pages(root);
        let (profiles, mut more) = content::profiles::walk_profiles(root);
        errors.append(&mut more);
        self.walk_errors = errors;
        let mut changed = sync(
            &mut self.pages,
            &pages,
            |relative| {
                read(root, relative, |r, b| {
                    content::pages::parse_page_bytes(r, b, config)
                })
            },
            |p| p.fingerprint,
        );
        changed |= sync(
            &mut self.profiles,
            &profiles,
            |relative| {
                read(root, relative, |r, b| {
                    content::profiles::parse_profile_bytes(r, b, config)
                })
            },
            |p| p.fingerprint,
        );
        changed
    }

    /// Re-reads the file at `relative` (or forgets it when it is gone). Returns whether it
    /// changed.
    pub(super) fn reload(&mut self, root: &Path, relative: &Path, config: &Config) -> bool {
        match Kind::of(relative) {
            Some(Kind::Page) => reload_one(
                &mut self.pages,
                relative,
                |p| p.fingerprint,
                || {
                    read(root, relative, |r, b| {
                        content::pages::parse_page_bytes(r, b, config)
                    })
                },
            ),
            Some(Kind::Profile) => reload_one(
                &mut self.profiles,
                relative,
                |p| p.fingerprint,
                || {
                    read(root, relative, |r, b| {
                        content::profiles::parse_profile_bytes(r, b, config)
                    })
                },
            ),
            None => false,
        }
    }

    /// The pages and profiles that loaded; the problems of the others go to `errors`.
    pub(super) fn docs(&self, errors: &mut Vec<Diagnostic>) -> SiteDocs {
        errors.extend(self.walk_errors.iter().cloned());
        let mut docs = SiteDocs::default();
        for state in self.pages.values() {
            match state {
                State::Loaded(page) => docs.pages.push(page.clone()),
                State::Broken { errors: e, .. } => errors.extend(e.iter().cloned()),
            }
        }
        for state in self.profiles.values() {
            match state {
                State::Loaded(profile) => docs.profiles.push(profile.clone()),
                State::Broken { errors: e, .. } => errors.extend(e.iter().cloned()),
            }
        }
        docs
    }
}

/// Makes `states` hold exactly the files `paths`, reading those that are new or changed.
fn sync<T: Send + Sync>(
    states: &mut BTreeMap<PathBuf, State<T>>,
    paths: &[PathBuf],
    read: impl Fn(&Path) -> Option<State<T>>,
    fingerprint: impl Fn(&T) -> u64 + Copy,
) -> bool {
    let present: HashSet<&PathBuf> = paths.iter().collect();
    let before = states.len();
    states.retain(|path, _| present.contains(path));
    let mut changed = states.len() != before;
    let current: HashMap<PathBuf, u64> = states
        .iter()
        .map(|(p, s)| (p.clone(), s.fingerprint(fingerprint)))
        .collect();
    for path in paths {
        let Some(state) = read(path) else { continue };
        if current.get(path) != Some(&state.fingerprint(fingerprint)) {
            states.insert(path.clone(), state);
            changed = true;
        }
    }
    changed
}

fn reload_one<T>(
    states: &mut BTreeMap<PathBuf, State<T>>,
    relative: &Path,
    fingerprint: impl Fn(&T) -> u64 + Copy,
    read: impl FnOnce() -> Option<State<T>>,
) -> bool {
    match read() {
        None => states.remove(relative).is_some(),
        Some(state) => {
            let unchanged = states.get(relative).map(|s| s.fingerprint(fingerprint))
                == Some(state.fingerprint(fingerprint));
            if !unchanged {
                states.insert(relative.to_path_buf(), state);
            }
            !unchanged
        }
    }
}

/// Reads one file and parses its bytes with `parse`; `None` when it no longer exists.
fn read<T>(
    root: &Path,
    relative: &Path,
    parse: impl FnOnce(&Path, Vec<u8>) -> Result<T, Vec<Diagnostic>>,
) -> Option<State<T>> {
    let bytes = match std::fs::read(root.join(relative)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            let error = Diagnostic::error(relative, 0, 0, format!("cannot read this file: {e}"));
            return Some(State::Broken {
                fingerprint: 0,
                errors: vec![error],
            });
        }
    };
    let fingerprint = content::fingerprint_bytes(relative, &bytes);
    Some(match parse(relative, bytes) {
        Ok(doc) => State::Loaded(Arc::new(doc)),
        Err(errors) => State::Broken {
            fingerprint,
            errors,
        },
    })
}
