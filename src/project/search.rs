//! The preview's search index (`pagefind/`): written on a background thread after each good
//! rebuild, so a save re-renders and reloads its page without waiting for it. That thread
//! works alone (a rayon pool of one): it never takes the workers the next rebuild renders
//! with, so at most one core goes to the index while the editor works. Both threads start
//! with the first index and end with the project, so the preview's thread count stays flat. Requests that
//! arrive while one is being written coalesce: the thread writes the newest model next. A
//! reader asking for an index file waits (`wait`) until the index of the latest rebuild is in
//! place, so results are never stale once shown. The preview serves exactly the files a build
//! would write: a search begun just before a swap may miss a chunk of the old index (Pagefind
//! drops failed loads, so the next keystroke loads the new one).

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, Weak};
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
    worker_started: bool,
    /// A save is being rendered: the index waits (see `LiveIndex::pause`).
    paused: bool,
    /// What the preview no longer needs, for this thread to free (`LiveIndex::free_later`).
    unused: Vec<Box<dyn Send>>,
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
        let start = !state.worker_started;
        state.worker_started = true;
        drop(state);
        self.shared.1.notify_all();
        if start {
            let shared = Arc::downgrade(&self.shared);
            // Without a thread, the index is written here instead: slower saves, same files.
            if std::thread::Builder::new()
                .name("sitrep-search".into())
                .spawn({
                    let shared = shared.clone();
                    move || work(shared, true)
                })
                .is_err()
            {
                self.state().worker_started = false;
                work(shared, false);
            }
        }
    }
    /// Holds the index back while the guard lives: the preview renders a save meanwhile, and
    /// on two cores an index written beside it made a tag edit ~30% slower (a core, memory
    /// bandwidth and caches shared). The index stops at its next record or file (each well
    /// under a millisecond at 10,000 briefings). A lower thread priority was tried instead: it
    /// starved the index whenever anything else ran (the soak's builds held it past 30 s).
    pub fn pause(&self) -> Paused {
        self.state().paused = true;
        Paused {
            index: self.clone(),
        }
    }

    /// Hands `unused` (the last render) to the index thread, which frees it once no save is
    /// being rendered; freed here when that thread never started.
    pub fn free_later(&self, unused: Box<dyn Send>) {
        let mut state = self.state();
        if state.worker_started {
            state.unused.push(unused);
            drop(state);
            self.shared.1.notify_all();
        }
    }

    /// On the index's own thread: blocks while a save is rendered, then frees what the saves
    /// left (`free_later`), so renders handed over during a long index are not kept to its end.
    fn between_saves(&self) {
        let mut state = self.state();
        while state.paused {
            state = match self.shared.1.wait(state) {
                Ok(state) => state,
                Err(e) => e.into_inner(),
            };
        }
        drop(state);
        self.free_unused();
    }

    fn free_unused(&self) {
        let unused = std::mem::take(&mut self.state().unused);
        drop(unused);
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

/// While alive, the index is held back (`LiveIndex::pause`).
pub struct Paused {
    index: LiveIndex,
}

impl Drop for Paused {
    fn drop(&mut self) {
        self.index.state().paused = false;
        self.index.shared.1.notify_all();
    }
}

/// Writes each model asked for, newest first, until the project is gone (`keep_waiting`) or
/// nothing is pending (not `keep_waiting`: the caller's own thread).
fn work(shared: Weak<(Mutex<State>, Condvar)>, keep_waiting: bool) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|_| "sitrep-search-pool".into())
        .build()
        .ok();
    loop {
        let Some(strong) = shared.upgrade() else {
            return;
        };
        let index = LiveIndex { shared: strong };
        let next = {
            let mut state = index.state();
            if state.pending.is_none() && state.unused.is_empty() && keep_waiting {
                // A short wait, so the thread notices when the project is dropped.
                state = match index
                    .shared
                    .1
                    .wait_timeout(state, Duration::from_millis(200))
                {
                    Ok((state, _)) => state,
                    Err(e) => e.into_inner().0,
                };
            }
            state.pending.take()
        };
        // Only on its own thread: inline (no thread could start, or no pool of its own), the
        // index is written by the save that holds the pause, or by the workers it waits for.
        let paced = keep_waiting && pool.is_some();
        if paced {
            index.between_saves();
        } else {
            index.free_unused();
        }
        let Some((generation, site)) = next else {
            if keep_waiting {
                continue;
            }
            return;
        };
        let pace = || {
            if paced {
                index.between_saves();
            }
        };
        let outputs = match &pool {
            Some(pool) => pool.install(|| crate::search::outputs_paced(&site, &pace)),
            None => crate::search::outputs_paced(&site, &pace),
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
        let mut state = index.state();
        state.current = Arc::new(files);
        state.written = generation;
        index.shared.1.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::LiveIndex;
    use crate::site::Site;

    fn one_briefing_site() -> Arc<Site> {
        let config = crate::config::parse_config("title: T\nbase_url: https://e.org/\n").unwrap();
        let files = [("content/a.md", "title: A\ndate: 2025-01-01")];
        let briefings = crate::site::test_briefings(&config, &files);
        let now = jiff::Timestamp::UNIX_EPOCH;
        Arc::new(Site::build(config, briefings, false, now).unwrap())
    }

    #[test]
    fn an_index_written_inline_during_a_save_does_not_wait_for_that_save() {
        // When no thread can be started, `request` writes the index on the saving thread,
        // which holds the pause: waiting for it would never end.
        let index = LiveIndex::default();
        let _rendering = index.pause();
        {
            let mut state = index.state();
            state.requested = 1;
            state.pending = Some((1, one_briefing_site()));
        }
        let shared = Arc::downgrade(&index.shared);
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            super::work(shared, false);
            let _ = done.send(());
        });
        assert!(
            finished.recv_timeout(Duration::from_secs(30)).is_ok(),
            "the inline index waited for the save that writes it"
        );
        assert!(index.count() > 0);
    }

    #[test]
    fn a_paused_index_waits_for_the_save_and_then_catches_up() {
        let site = one_briefing_site();
        let index = LiveIndex::default();
        let rendering = index.pause();
        index.request(site);
        // One briefing is indexed in milliseconds; held back, nothing is written.
        index.wait(Duration::from_millis(500));
        assert_eq!(
            index.count(),
            0,
            "the index was written while a save rendered"
        );
        drop(rendering);
        index.wait(Duration::from_secs(30));
        assert!(index.count() > 0, "the index did not catch up");
    }
}
