//! Connections: a thread per connection (the preview has a handful of clients; no async
//! runtime needed), keep-alive, GET and HEAD only, requests for other hosts refused (see
//! `hosts`), and the answer for each route: a file of the last good site with the
//! live-reload script (and the overlay or the findings panel, when there is something to
//! show) added to HTML, the
//! site's 404 page, redirects, and the event stream.

use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::hosts::Verdict;
use super::http::{self, ReadError, Response};
use super::routes::{self, Route};
use super::{Shared, events, inject};

/// More simultaneous connections than this are answered with 503.
const MAX_CONNECTIONS: usize = 256;
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// Accepts connections until the listener fails for good.
pub(crate) fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stopped.load(Ordering::SeqCst) {
            return;
        }
        let mut stream = match stream {
            Ok(stream) => stream,
            Err(_) => {
                // Out of file descriptors or similar: wait instead of spinning.
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        if shared.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            shared.connections.fetch_sub(1, Ordering::SeqCst);
            let busy = Response::text(503, "Too many connections; try again.");
            let _ = http::write_response(&mut stream, &busy, false, false);
            continue;
        }
        let guard = ConnectionGuard(shared.clone());
        let spawned = std::thread::Builder::new()
            .name("sitrep-http".into())
            .spawn(move || {
                // Owned by the thread, so the count drops when the connection ends.
                let guard = guard;
                handle(stream, &guard.0);
            });
        if spawned.is_err() {
            // The guard went with the closure and was dropped: the count is right.
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// Keeps the connection count right however a connection thread ends.
struct ConnectionGuard(Arc<Shared>);

impl Drop for ConnectionGuard {
    fn drop(&mut self) {
        self.0.connections.fetch_sub(1, Ordering::SeqCst);
    }
}

fn handle(mut stream: TcpStream, shared: &Shared) {
    let mut buf = Vec::new();
    loop {
        let request = match http::read_request(&mut stream, &mut buf) {
            Ok(request) => request,
            Err(ReadError::Closed) => return,
            Err(ReadError::Reject(status)) => {
                let message = match status {
                    414 => "The address is too long.",
                    431 => "The request headers are too large.",
                    _ => "The request could not be understood.",
                };
                return refuse(stream, &Response::text(status, message), false);
            }
        };
        let head_only = request.method == "HEAD";
        // Before anything else, so a page from another site learns nothing, whatever it asks.
        match shared.hosts.check(request.host.as_deref()) {
            Verdict::Allowed => {}
            Verdict::Refused(message) => {
                return refuse(stream, &Response::text(403, &message), head_only);
            }
            Verdict::Malformed => {
                let response = Response::text(400, "The Host header is not a host name.");
                return refuse(stream, &response, head_only);
            }
        }
        if request.method != "GET" && !head_only {
            let response = Response::text(405, "The preview serves GET and HEAD requests only.")
                .with_header("Allow", "GET, HEAD");
            return refuse(stream, &response, false);
        }
        let path = match http::parse_target(&request.target) {
            Ok(path) => path,
            Err(status) => {
                let response =
                    Response::text(status, "This address cannot name a file of the site.");
                return refuse(stream, &response, head_only);
            }
        };
        let keep_alive = request.keep_alive && !request.has_body;
        // A search file waits for the index of the latest rebuild (written in the
        // background), outside the lock: pages are served meanwhile.
        let index = {
            let live = shared.live.read().unwrap_or_else(|e| e.into_inner());
            path.to_path()
                .strip_prefix(live.base_path.as_str())
                .filter(|p| p.starts_with(crate::search::FOLDER))
                .map(|_| live.project.search_index())
        };
        if let Some(index) = index {
            index.wait(std::time::Duration::from_secs(30));
        }
        let (route, response) = {
            let live = shared.live.read().unwrap_or_else(|e| e.into_inner());
            let route = routes::route(&path, &live.base_path, |p| live.project.file(p).is_some());
            let response = match &route {
                Route::Events => None,
                route => Some(respond(shared, &live, route)),
            };
            (route, response)
        };
        match response {
            Some(response) => {
                if http::write_response(&mut stream, &response, head_only, keep_alive).is_err() {
                    return;
                }
                if !keep_alive {
                    http::linger_close(&mut stream);
                    return;
                }
            }
            None => {
                debug_assert_eq!(route, Route::Events);
                event_stream(stream, shared, head_only);
                return;
            }
        }
    }
}

/// Answers with an error and closes the connection.
fn refuse(mut stream: TcpStream, response: &Response, head_only: bool) {
    let _ = http::write_response(&mut stream, response, head_only, false);
    http::linger_close(&mut stream);
}

/// The answer for a route other than the event stream, from the last good site.
fn respond(shared: &Shared, live: &super::Live, route: &Route) -> Response {
    let project = &live.project;
    let page = |path: &str, status: u16| -> Option<Response> {
        let bytes = project.file(path)?;
        let content_type = http::content_type(path);
        let body = if content_type.starts_with("text/html") {
            inject::inject(&bytes, &live_additions(shared, live, path))
        } else {
            bytes.to_vec()
        };
        Some(Response::new(status, content_type, body))
    };
    match route {
        Route::File(path) => page(path, 200).unwrap_or_else(|| not_found(shared, live)),
        Route::Redirect(status, location) => Response::redirect(*status, location),
        Route::NotFound | Route::Events => {
            page("404.html", 404).unwrap_or_else(|| not_found(shared, live))
        }
    }
}

/// When the site has no 404 page (or no good version at all yet).
fn not_found(shared: &Shared, live: &super::Live) -> Response {
    let script = live_script(shared, live, "");
    match live.broken {
        // Broken from the start: every page is the error overlay until the site is fixed.
        true => Response::new(
            500,
            "text/html; charset=utf-8",
            inject::error_page(&live.notices, &script),
        ),
        false => Response::new(
            404,
            "text/html; charset=utf-8",
            inject::not_found_page(&script),
        ),
    }
}

/// The notices (overlay, panel; see `Live::notices`) and the live-reload script for the
/// page at output path `page`.
fn live_additions(shared: &Shared, live: &super::Live, page: &str) -> String {
    let script = live_script(shared, live, page);
    format!("{}{script}", live.notices)
}

fn live_script(shared: &Shared, live: &super::Live, page: &str) -> String {
    let events_url = format!("{}{}", live.base_path, routes::EVENTS_PATH);
    inject::live_script(
        &http::percent_encode_path(&events_url),
        page,
        &shared.build_id(live.generation),
    )
}

/// Serves the event stream on this connection until the client goes away.
fn event_stream(mut stream: TcpStream, shared: &Shared, head_only: bool) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                X-Accel-Buffering: no\r\nConnection: close\r\n\r\n";
    if std::io::Write::write_all(&mut stream, head.as_bytes()).is_err() || head_only {
        return;
    }
    // Subscribe before reading the build id, so no update can fall between the two.
    let messages = shared.hub.subscribe();
    let build = {
        let live = shared.live.read().unwrap_or_else(|e| e.into_inner());
        shared.build_id(live.generation)
    };
    events::stream(&mut stream, &events::hello(&build), &messages);
}
