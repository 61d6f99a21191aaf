//! The preview's search index (`pagefind/`): written on a background thread after each good
//! rebuild, so a save re-renders and reloads its page without waiting for it. That thread
//! works alone (a rayon pool of one): it never takes the workers the next rebuild renders
//! with, so at most one core goes to the index while the editor works. Requests that
//! arrive while one is being written coalesce: the thread writes the newest model next. A
//! reader asking for an index file waits (`wait`) until the index of the latest rebuild is in
//! place, so results are never stale once shown. The preview serves exactly the files a build
//! would write: a search begun just before a swap may miss a chunk of the old index (Pagefind
//! drops failed loads, so the next keystroke loads the new one).

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::site::Site;

type Files = Arc<HashMap<String, Arc<[u8]>>>;

#[derive(Default)]
struct State {
    current: Files,
    /// Generations asked for and written: the index is current when they are equal.
    requested: u64,
    written: u64,
    /// The newest model not yet written, and its generation.
    pending: Option<(u64, Arc<Site>)>,
    working: bool,
}

/// A handle on the preview's search files; clones share them.
#[derive(Clone, Default)]
pub struct LiveIndex {
    shared: Arc<(Mutex<State>, Condvar)>,
}

impl LiveIndex {
    fn state(&self) -> MutexGuard<'_, State> {
        self.shared.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes the index of `site` in the background (none with `search: false`).
    pub fn request(&self, site: Arc<Site>) {
        let mut state = self.state();
        state.requested += 1;
        state.pending = Some((state.requested, site));
        if state.working {
            return;
        }
        state.working = true;
        drop(state);
        let worker = self.clone();
        // Without a thread, the index is written here instead: slower saves, same files.
        if std::thread::Builder::new()
            .name("sitrep-search".into())
            .spawn({
                let worker = worker.clone();
                move || worker.work()
            })
            .is_err()
        {
            worker.work();
        }
    }

    fn work(&self) {
        loop {
            let Some((generation, site)) = ({
                let mut state = self.state();
                let next = state.pending.take();
                if next.is_none() {
                    state.working = false;
                }
                next
            }) else {
                return;
            };
            let outputs = match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
                Ok(pool) => pool.install(|| crate::search::outputs(&site)),
                Err(_) => crate::search::outputs(&site),
            };
            let files: HashMap<String, Arc<[u8]>> = outputs
                .into_iter()
                .map(|o| {
                    (
                        o.path.to_string_lossy().replace('\\', "/"),
                        Arc::from(o.bytes),
                    )
                })
                .collect();
            drop(site);
            let mut state = self.state();
            state.current = Arc::new(files);
            state.written = generation;
            self.shared.1.notify_all();
        }
    }

    /// Waits until the index of the latest rebuild is written, at most `limit`.
    pub fn wait(&self, limit: Duration) {
        let deadline = Instant::now() + limit;
        let mut state = self.state();
        while state.written < state.requested {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            state = match self.shared.1.wait_timeout(state, left) {
                Ok((state, _)) => state,
                Err(e) => e.into_inner().0,
            };
        }
    }

    /// A file of the last index written, by output path (`pagefind/pagefind.js`).
    pub fn file(&self, path: &str) -> Option<Arc<[u8]>> {
        self.state().current.get(path).cloned()
    }

    /// Number of files of the current index.
    pub fn count(&self) -> usize {
        self.state().current.len()
    }
}
