//! The reload channel: Server-Sent Events on the same port as the pages. One-way and plain
//! HTTP, so it passes proxies and cloud editors' port forwarding, and browsers reconnect
//! by themselves. `Hub` fans each message out to every open stream; the message formats
//! live here too.
//!
//! Stream: `retry:` and a `hello` event with the current build id on connect, an `update`
//! event per rebuild that changed something, and a comment every `HEARTBEAT` so proxies
//! keep the connection open.

use std::io::Write;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::project::Update;

pub(crate) const HEARTBEAT: Duration = Duration::from_secs(15);
/// Milliseconds the browser waits before reconnecting after the stream drops.
const RETRY_MS: u32 = 500;
/// Above this many changed pages, an update just says "reload everything".
const MAX_LISTED_PAGES: usize = 2000;

/// Every open event stream.
#[derive(Default)]
pub(crate) struct Hub {
    subscribers: Mutex<Vec<Sender<Arc<str>>>>,
}

impl Hub {
    pub fn subscribe(&self) -> Receiver<Arc<str>> {
        let (tx, rx) = mpsc::channel();
        self.subscribers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(tx);
        rx
    }

    /// Sends `message` to every stream, forgetting streams that closed.
    pub fn broadcast(&self, message: &str) {
        let message: Arc<str> = Arc::from(message);
        self.subscribers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|tx| tx.send(message.clone()).is_ok());
    }

    /// Ends every stream (their writers see the channel close).
    pub fn close_all(&self) {
        self.subscribers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    #[cfg(test)]
    pub fn subscriber_count(&self) -> usize {
        self.subscribers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .len()
    }
}

/// The first bytes of a stream.
pub(crate) fn hello(build: &str) -> String {
    format!(
        "retry: {RETRY_MS}\nevent: hello\ndata: {}\n\n",
        serde_json::json!({ "build": build })
    )
}

/// The event for one rebuild: which pages (output paths) to reload, whether every page
/// should reload (errors appeared or went away; an asset pages use changed; too many pages
/// to list), whether stylesheets changed, and the `notices` pages show (the overlay and the
/// findings panel, `""` for none), which a page that does not reload swaps in. `None` when
/// the rebuild changed nothing, the notices included.
pub(crate) fn update_event(
    update: &Update,
    build: &str,
    notices: &str,
    notices_changed: bool,
) -> Option<String> {
    let mut all = !update.errors.is_empty() || update.recovered;
    let mut css = false;
    let mut pages = Vec::new();
    for path in update.changed.iter().chain(&update.removed) {
        match path.rsplit_once('.').map(|(_, e)| e) {
            Some("html") => pages.push(path.as_str()),
            Some("css") => css = true,
            // Feeds, sitemaps and the like are not part of any displayed page.
            Some("xml" | "json" | "txt") => {}
            _ if path == "CNAME" || path == ".nojekyll" => {}
            // Scripts, images, fonts: pages may use them, so reload whatever is open.
            _ => all = true,
        }
    }
    if !all && !css && pages.is_empty() && !notices_changed {
        return None;
    }
    if pages.len() > MAX_LISTED_PAGES {
        all = true;
    }
    if all {
        pages.clear();
    }
    // `elapsed_ms`: the rebuild's own time, for the curious (and the latency benchmark).
    let data = serde_json::json!({
        "build": build,
        "all": all,
        "css": css,
        "pages": pages,
        "notices": notices,
        "elapsed_ms": update.elapsed.as_secs_f64() * 1000.0,
    });
    Some(format!("event: update\ndata: {data}\n\n"))
}

/// Says "reload everything" (the site was opened again under a new base path).
pub(crate) fn reload_all_event(build: &str) -> String {
    let data = serde_json::json!({ "build": build, "all": true, "css": false, "pages": [] });
    format!("event: update\ndata: {data}\n\n")
}

/// Writes `hello`, then every message from `messages` and a heartbeat comment when nothing
/// was sent for `HEARTBEAT`, until the client goes away.
pub(crate) fn stream(out: &mut impl Write, hello: &str, messages: &Receiver<Arc<str>>) {
    if out.write_all(hello.as_bytes()).is_err() || out.flush().is_err() {
        return;
    }
    loop {
        let bytes: &[u8] = match messages.recv_timeout(HEARTBEAT) {
            Ok(message) => {
                if out.write_all(message.as_bytes()).is_err() {
                    return;
                }
                b""
            }
            Err(RecvTimeoutError::Timeout) => b": keep-alive\n\n",
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if out.write_all(bytes).is_err() || out.flush().is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(changed: &[&str]) -> Update {
        Update {
            changed: changed.iter().map(|s| s.to_string()).collect(),
            ..Update::default()
        }
    }

    fn update_event_for(update: &Update, build: &str) -> Option<String> {
        update_event(update, build, "", false)
    }

    #[test]
    fn new_notices_alone_make_an_event_that_carries_them() {
        let panel = "<aside id=\"sitrep-panel\">x</aside>";
        let d = data(&update_event(&Update::default(), "b", panel, true).unwrap());
        assert_eq!(d["pages"], serde_json::json!([]));
        assert_eq!(d["all"], false);
        assert_eq!(d["notices"], panel);
        assert_eq!(update_event(&Update::default(), "b", panel, false), None);
    }

    fn data(event: &str) -> serde_json::Value {
        let line = event
            .lines()
            .find_map(|l| l.strip_prefix("data: "))
            .unwrap();
        serde_json::from_str(line).unwrap()
    }

    #[test]
    fn updates_list_changed_pages_and_leave_out_feeds() {
        let event = update_event_for(
            &update(&["2025/07/x/index.html", "atom.xml", "index.html"]),
            "b-2",
        )
        .unwrap();
        assert!(event.starts_with("event: update\ndata: ") && event.ends_with("\n\n"));
        let d = data(&event);
        assert_eq!(d["build"], "b-2");
        assert_eq!(d["all"], false);
        assert_eq!(d["css"], false);
        assert_eq!(
            d["pages"],
            serde_json::json!(["2025/07/x/index.html", "index.html"])
        );
        assert_eq!(
            update_event_for(&update(&["atom.xml", "sitemap.xml"]), "b"),
            None
        );
        assert_eq!(update_event_for(&Update::default(), "b"), None);
    }

    #[test]
    fn css_swaps_while_assets_and_errors_reload_everything() {
        let d = data(&update_event_for(&update(&["style.css"]), "b").unwrap());
        assert_eq!(
            (d["all"].clone(), d["css"].clone()),
            (false.into(), true.into())
        );
        let d = data(&update_event_for(&update(&["img/map.png", "index.html"]), "b").unwrap());
        assert_eq!(d["all"], true);
        assert_eq!(d["pages"], serde_json::json!([]));
        let failed = Update {
            errors: vec![crate::diagnostics::Diagnostic::error(
                "content/a.md",
                1,
                1,
                "x",
            )],
            ..Update::default()
        };
        assert_eq!(data(&update_event_for(&failed, "b").unwrap())["all"], true);
        let removed = Update {
            removed: vec!["2025/07/x/index.html".into()],
            ..Update::default()
        };
        assert_eq!(
            data(&update_event_for(&removed, "b").unwrap())["pages"],
            serde_json::json!(["2025/07/x/index.html"])
        );
    }

    #[test]
    fn a_stream_starts_with_hello_and_forwards_messages_until_the_hub_is_gone() {
        let hub = Hub::default();
        let rx = hub.subscribe();
        hub.broadcast("event: update\ndata: {}\n\n");
        drop(hub);
        let mut out = Vec::new();
        stream(&mut out, &hello("b-1"), &rx);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "retry: 500\nevent: hello\ndata: {\"build\":\"b-1\"}\n\nevent: update\ndata: {}\n\n"
        );
    }

    #[test]
    fn closed_streams_are_forgotten() {
        let hub = Hub::default();
        let rx = hub.subscribe();
        let _kept = hub.subscribe();
        drop(rx);
        hub.broadcast("x");
        assert_eq!(hub.subscriber_count(), 1);
    }
}
