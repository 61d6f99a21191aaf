//! Watching the site's inputs with notify: content/, templates/, static/, themes/, i18n/,
//! pages/ and terms/ recursively, and the site folder itself (not recursively) for site.yaml
//! and for those folders appearing later. Events are filtered (hidden files, .git, editor temp and swap
//! files, anything outside the inputs such as public/ or target/) and debounced into
//! batches of paths for `Project::apply`.
//!
//! Debounce: a batch closes `SETTLE_QUIET` after an event that ends a write (a file closed
//! after writing, a rename, a removal), `WRITE_QUIET` after one that may be followed by
//! more writes, and at the latest `MAX_WAIT` after its first event. A save therefore costs
//! a few milliseconds of waiting, while a burst (a git checkout, an editor's
//! write-then-rename) still arrives as one batch.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
use notify::{Event, EventKind, RecursiveMode, Watcher};

use crate::config::CONFIG_FILE;
use crate::content::{CONTENT_DIR, PAGES_DIR, TERMS_DIR, is_editor_artifact};

/// The folders whose files are inputs of the site.
pub(crate) const WATCHED_DIRS: [&str; 7] = [
    CONTENT_DIR,
    "templates",
    "static",
    "themes",
    "i18n",
    PAGES_DIR,
    TERMS_DIR,
];

const SETTLE_QUIET: Duration = Duration::from_millis(3);
const WRITE_QUIET: Duration = Duration::from_millis(20);
const MAX_WAIT: Duration = Duration::from_millis(100);

/// Starts watching `root` (an absolute path) and calls `on_batch` on a thread of its own
/// with each batch of changed input paths (absolute, sorted, without duplicates). The
/// thread owns the watcher and runs as long as the process.
pub(crate) fn spawn(
    root: PathBuf,
    mut on_batch: impl FnMut(Vec<PathBuf>) + Send + 'static,
) -> notify::Result<()> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })?;
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    let mut filter = Filter::new(root.clone());
    std::thread::Builder::new()
        .name("sitrep-watch".into())
        .spawn(move || {
            while let Ok(first) = rx.recv() {
                let mut batch = Batch::default();
                batch.add(first, &root);
                let started = Instant::now();
                loop {
                    let quiet = if batch.settled {
                        SETTLE_QUIET
                    } else {
                        WRITE_QUIET
                    };
                    let left = quiet.min(MAX_WAIT.saturating_sub(started.elapsed()));
                    match rx.recv_timeout(left) {
                        Ok(event) => batch.add(event, &root),
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                let mut paths: Vec<PathBuf> = Vec::new();
                for path in batch.paths {
                    // A watched folder created (or moved back) after the start: watch it.
                    if path.parent() == Some(root.as_path())
                        && path.is_dir()
                        && WATCHED_DIRS.iter().any(|d| path.ends_with(d))
                    {
                        let _ = watcher.watch(&path, RecursiveMode::Recursive);
                    }
                    if filter.keep(&path) {
                        paths.push(path);
                    }
                }
                paths.sort();
                paths.dedup();
                if !paths.is_empty() {
                    on_batch(paths);
                }
            }
        })
        .map_err(|e| notify::Error::generic(&e.to_string()))?;
    Ok(())
}

/// Paths collected for one batch, and whether the last event ended a write.
#[derive(Default)]
struct Batch {
    paths: Vec<PathBuf>,
    settled: bool,
}

impl Batch {
    fn add(&mut self, event: notify::Result<Event>, root: &Path) {
        let event = match event {
            Ok(event) => event,
            Err(error) => {
                eprintln!("warning: watching files: {error}");
                return;
            }
        };
        if event.need_rescan() {
            // The kernel dropped events: reload everything (site.yaml does that).
            self.paths.push(root.join(CONFIG_FILE));
            self.settled = true;
            return;
        }
        match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => self.settled = true,
            // Reading files (sitrep itself reads them on every rebuild) and metadata changes
            // (access times, `touch`) change no content: ignoring them also rules out
            // rebuild loops.
            EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => return,
            EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Name(_))
            | EventKind::Create(CreateKind::Folder) => self.settled = true,
            _ => self.settled = false,
        }
        self.paths.extend(event.paths);
    }
}

/// Decides which paths are inputs of the site. Remembers the folders under content/, so a
/// folder that was moved away or deleted is told apart from a temporary file that is gone.
struct Filter {
    root: PathBuf,
    content_dirs: HashSet<PathBuf>,
}

impl Filter {
    fn new(root: PathBuf) -> Filter {
        let content_dirs = walkdir::WalkDir::new(root.join(CONTENT_DIR))
            .min_depth(1)
            .into_iter()
            .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_dir())
            .filter_map(|e| e.path().strip_prefix(&root).ok().map(Path::to_path_buf))
            .collect();
        Filter { root, content_dirs }
    }

    fn keep(&mut self, path: &Path) -> bool {
        let Ok(relative) = path.strip_prefix(&self.root) else {
            return false;
        };
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let (Some(first), Some(name)) = (parts.first(), parts.last()) else {
            return false;
        };
        if parts.iter().any(|p| p.starts_with('.')) || is_temporary(name) {
            return false;
        }
        if parts.len() == 1 {
            return name == CONFIG_FILE || WATCHED_DIRS.contains(&name.as_str());
        }
        if !WATCHED_DIRS.contains(&first.as_str()) {
            return false;
        }
        if first != CONTENT_DIR || relative.extension().is_some_and(|e| e == "md") {
            return true;
        }
        // Under content/, other files are not briefings; folders matter (the project walks
        // content/ again when one appears, moves or goes away).
        if path.is_dir() {
            self.content_dirs.insert(relative.to_path_buf());
            return true;
        }
        if self.content_dirs.contains(relative) {
            self.content_dirs.retain(|d| !d.starts_with(relative));
            return true;
        }
        false
    }
}

/// Editor temp, backup and swap files, besides the ones the loader ignores anyway.
fn is_temporary(name: &str) -> bool {
    is_editor_artifact(name)
        // vim checks that it may write a folder by creating and removing `4913`.
        || name == "4913"
        || name.ends_with(".swpx")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name.ends_with(".crswap")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inputs_of_the_site_pass_the_filter() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::create_dir_all(root.join("content/2025")).unwrap();
        let mut filter = Filter::new(root.clone());
        let keep = |f: &mut Filter, p: &str| f.keep(&root.join(p));
        for path in [
            "site.yaml",
            "content",
            "content/a.md",
            "content/2025/b.md",
            "content/2025",
            "templates/base.html",
            "themes/default/static/style.css",
            "static/img/map.png",
        ] {
            assert!(keep(&mut filter, path), "{path}");
        }
        for path in [
            "public/index.html",
            "public",
            ".public.tmp/index.html",
            "target/debug/x",
            ".git/index",
            "README.md",
            "content/.a.md.swp",
            "content/a.md~",
            "content/.#a.md",
            "content/#a.md#",
            "content/4913",
            "content/a.md___jb_tmp___",
            "content/notes.txt",
            "content/gone-temp-file",
            "templates/.hidden.html",
            "site.yaml~",
        ] {
            assert!(!keep(&mut filter, path), "{path}");
        }
        assert!(!filter.keep(Path::new("/elsewhere/content/a.md")));
    }

    #[test]
    fn a_known_content_folder_that_went_away_passes_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::create_dir_all(root.join("content/2024/old")).unwrap();
        let mut filter = Filter::new(root.clone());
        std::fs::remove_dir_all(root.join("content/2024")).unwrap();
        assert!(filter.keep(&root.join("content/2024")));
        assert!(!filter.keep(&root.join("content/2024/old")));
        assert!(!filter.keep(&root.join("content/2024")));
        // A new folder is learnt when it appears.
        std::fs::create_dir_all(root.join("content/2026")).unwrap();
        assert!(filter.keep(&root.join("content/2026")));
        std::fs::remove_dir_all(root.join("content/2026")).unwrap();
        assert!(filter.keep(&root.join("content/2026")));
    }

    #[test]
    fn reads_and_metadata_changes_are_not_changes() {
        let root = Path::new("/r");
        let mut batch = Batch::default();
        let event = |kind| Ok(Event::new(kind).add_path(root.join("content/a.md")));
        batch.add(
            event(EventKind::Access(AccessKind::Open(AccessMode::Any))),
            root,
        );
        batch.add(
            event(EventKind::Modify(ModifyKind::Metadata(
                notify::event::MetadataKind::Any,
            ))),
            root,
        );
        assert!(batch.paths.is_empty());
        batch.add(
            event(EventKind::Modify(ModifyKind::Data(
                notify::event::DataChange::Any,
            ))),
            root,
        );
        assert!(!batch.settled);
        batch.add(
            event(EventKind::Access(AccessKind::Close(AccessMode::Write))),
            root,
        );
        assert!(batch.settled);
        // One path per event that counts; duplicates are removed when the batch closes.
        assert_eq!(batch.paths.len(), 2);
    }
}
