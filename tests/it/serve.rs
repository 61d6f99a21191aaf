//! `sitrep serve`: the real binary on a copy of `tests/fixtures/serve` (a site under
//! `/briefings/`), spoken to over plain HTTP on 127.0.0.1. Edits on disk must show up in
//! the served pages and as events on the reload stream; bad requests get the right status.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::TestSite;

const BRIEFING: &str = "content/2025/ceasefire-talks.md";
const BRIEFING_URL: &str = "/briefings/2025/07/ceasefire-talks/";
const BRIEFING_OUTPUT: &str = "2025/07/ceasefire-talks/index.html";
/// Generous: the tests run unoptimised, beside other tests, on two cores.
const WAIT: Duration = Duration::from_secs(15);

/// A running `sitrep serve`, killed when dropped.
pub struct Serve {
    child: Child,
    pub addr: SocketAddr,
    /// The site's URL as printed (`http://127.0.0.1:PORT/briefings/`).
    pub url: String,
    output: Arc<Mutex<String>>,
}

impl Serve {
    /// Starts `sitrep serve --root <root> --port 0 <extra>` and waits for its URL.
    pub fn start(root: &Path, extra: &[&str]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .args(["serve", "--root"])
            .arg(root)
            .args(if extra.contains(&"--port") {
                &[][..]
            } else {
                &["--port", "0"][..]
            })
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start sitrep serve");
        let output = Arc::new(Mutex::new(String::new()));
        let (url_tx, url_rx) = mpsc::channel();
        for (reader, url_tx) in [
            (
                Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
                Some(url_tx),
            ),
            (Box::new(child.stderr.take().unwrap()), None),
        ] {
            let output = output.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(reader).lines() {
                    let Ok(line) = line else { break };
                    if let (Some(tx), Some(url)) = (&url_tx, line.strip_prefix("Serving ")) {
                        let _ = tx.send(url.trim().to_string());
                    }
                    let mut output = output.lock().unwrap();
                    output.push_str(&line);
                    output.push('\n');
                }
            });
        }
        let mut serve = Serve {
            child,
            addr: "127.0.0.1:1".parse().unwrap(),
            url: String::new(),
            output,
        };
        let url = url_rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("sitrep serve printed no URL:\n{}", serve.output()));
        let host = url
            .strip_prefix("http://")
            .and_then(|rest| rest.split('/').next())
            .expect("an http URL");
        serve.addr = host.parse().expect("a socket address");
        serve.url = url;
        serve
    }

    /// Everything the server printed so far (stdout and stderr).
    pub fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// Waits until the output contains `needle`.
    #[track_caller]
    pub fn wait_for_output(&self, needle: &str) {
        let started = Instant::now();
        while !self.output().contains(needle) {
            assert!(
                started.elapsed() < WAIT,
                "no `{needle}` in the output:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// GETs `target` as a browser on this machine would: `Host: 127.0.0.1:PORT`.
    pub fn get(&self, target: &str) -> HttpResponse {
        self.get_as(&self.addr.to_string(), target)
    }

    /// GETs `target` with `Host: host`.
    pub fn get_as(&self, host: &str, target: &str) -> HttpResponse {
        self.request(&format!(
            "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
    }

    /// Sends `raw` as it is and reads the whole response.
    pub fn request(&self, raw: &str) -> HttpResponse {
        request(self.addr, raw.as_bytes())
    }

    /// Opens the reload stream and waits for its `hello`.
    pub fn events(&self) -> EventStream {
        let stream = EventStream::open(self.addr, "/briefings/__sitrep/events");
        let (name, _) = stream.next(WAIT).expect("a hello event");
        assert_eq!(name, "hello");
        stream
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `raw` and returns every byte of the answer, unparsed.
fn raw_response(addr: SocketAddr, raw: &[u8]) -> Vec<u8> {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(WAIT)).unwrap();
    stream.set_write_timeout(Some(WAIT)).unwrap();
    // The server may answer (and stop reading) before a huge request is written.
    let _ = stream.write_all(raw);
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    bytes
}

fn request(addr: SocketAddr, raw: &[u8]) -> HttpResponse {
    let bytes = raw_response(addr, raw);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP response: {text:?}"));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line: {head}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    HttpResponse {
        status,
        headers,
        body: body.to_string(),
    }
}

/// A Server-Sent Events stream read on a thread: (event name, data) pairs.
pub struct EventStream {
    events: Receiver<(String, String)>,
    _stream: TcpStream,
}

impl EventStream {
    pub fn open(addr: SocketAddr, path: &str) -> EventStream {
        EventStream::open_as(addr, &addr.to_string(), path)
    }

    /// Opens the stream at `path` with `Host: host`.
    pub fn open_as(addr: SocketAddr, host: &str, path: &str) -> EventStream {
        let mut stream = TcpStream::connect(addr).expect("connect");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let reader = stream.try_clone().unwrap();
        let (tx, events) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(reader).lines();
            // The response head.
            for line in lines.by_ref() {
                match line {
                    Ok(l) if l.is_empty() => break,
                    Ok(l) if l.starts_with("HTTP/1.1 ") => assert!(l.contains(" 200 "), "{l}"),
                    Ok(_) => {}
                    Err(_) => return,
                }
            }
            let (mut name, mut data) = (String::from("message"), String::new());
            for line in lines {
                let Ok(line) = line else { return };
                if line.is_empty() {
                    if !data.is_empty() && tx.send((name.clone(), data.clone())).is_err() {
                        return;
                    }
                    (name, data) = (String::from("message"), String::new());
                } else if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(d) = line.strip_prefix("data: ") {
                    data.push_str(d);
                }
            }
        });
        EventStream {
            events,
            _stream: stream,
        }
    }

    pub fn next(&self, timeout: Duration) -> Option<(String, String)> {
        self.events.recv_timeout(timeout).ok()
    }

    /// The data of the next `update` event, parsed.
    #[track_caller]
    pub fn next_update(&self) -> serde_json::Value {
        let started = Instant::now();
        while let Some(left) = WAIT.checked_sub(started.elapsed()) {
            match self.next(left) {
                Some((name, data)) if name == "update" => {
                    return serde_json::from_str(&data).expect("JSON event data");
                }
                Some(_) => {}
                None => break,
            }
        }
        panic!("no update event within {WAIT:?}");
    }
}

fn site() -> TestSite {
    TestSite::fixture("serve")
}

/// Replaces `from` by `to` in the file at `path` (relative to the site), saving it the way
/// many editors do: a hidden temporary file renamed over the original, so the server never
/// sees half a file.
pub fn edit(site: &TestSite, path: &str, from: &str, to: &str) {
    let file = site.root.join(path);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(from), "{path} has no `{from}`");
    save(&file, &text.replacen(from, to, 1));
}

/// Writes `text` to `file` through a hidden temporary file and a rename.
pub fn save(file: &Path, text: &str) {
    let name = file.file_name().unwrap().to_string_lossy();
    let temp = file.with_file_name(format!(".{name}.sitrep-test"));
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, file).unwrap();
}

#[test]
fn serves_the_site_and_an_edit_reaches_the_page_and_the_reload_stream() {
    let site = site();
    let serve = Serve::start(&site.root, &[]);
    assert!(serve.url.ends_with("/briefings/"), "{}", serve.url);
    assert!(!site.exists("index.html"), "serve must not write public/");

    let page = serve.get(BRIEFING_URL);
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(
        page.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.body.contains("Ceasefire talks resume in Istanbul"));
    // base_url's host is the local server; its path stays.
    assert!(
        page.body
            .contains(&format!("{}2025/07/ceasefire-talks/", serve.url)),
        "canonical link should use {}",
        serve.url
    );
    // The live-reload script, before </body>, pointing at the stream under the base path.
    let script = page
        .body
        .find("data-sitrep=\"live-reload\"")
        .expect("script");
    assert!(script < page.body.rfind("</body>").unwrap());
    assert!(
        page.body
            .contains(r#""events":"/briefings/__sitrep/events""#)
    );
    assert!(
        page.body
            .contains(&format!(r#""path":"{BRIEFING_OUTPUT}""#))
    );

    let events = serve.events();
    edit(&site, BRIEFING, "resume in Istanbul", "stall in Istanbul");
    let update = events.next_update();
    assert_eq!(update["all"], false, "{update}");
    let pages: Vec<&str> = update["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(pages.contains(&BRIEFING_OUTPUT), "{pages:?}");
    assert!(pages.contains(&"index.html"), "{pages:?}");
    assert!(
        !pages.iter().any(|p| p.contains("winter-strikes")),
        "{pages:?}"
    );
    let page = serve.get(BRIEFING_URL);
    assert!(page.body.contains("Ceasefire talks stall in Istanbul"));
    assert!(!page.body.contains("resume in Istanbul"));
    serve.wait_for_output("content/2025/ceasefire-talks.md changed: ");
    assert!(
        serve.output().contains("re-rendered in "),
        "{}",
        serve.output()
    );

    // Saving the same bytes again changes nothing and sends nothing.
    let text = std::fs::read_to_string(site.root.join(BRIEFING)).unwrap();
    save(&site.root.join(BRIEFING), &text);
    serve.wait_for_output("nothing to re-render");
    assert_eq!(events.next(Duration::from_millis(300)), None);

    // A new briefing appears on the home page; deleting it removes it again.
    save(
        &site.root.join("content/2025/new-front.md"),
        "---\ntitle: A new front opens\ndate: 2025-08-02\n---\nBody.\n",
    );
    let update = events.next_update();
    assert!(
        update["pages"]
            .to_string()
            .contains("2025/08/new-front/index.html"),
        "{update}"
    );
    assert!(serve.get("/briefings/").body.contains("A new front opens"));
    std::fs::remove_file(site.root.join("content/2025/new-front.md")).unwrap();
    events.next_update();
    assert_eq!(serve.get("/briefings/2025/08/new-front/").status, 404);
    assert!(!serve.get("/briefings/").body.contains("A new front opens"));
}

#[test]
fn an_error_shows_an_overlay_on_every_page_until_it_is_fixed() {
    let site = site();
    let serve = Serve::start(&site.root, &[]);
    let events = serve.events();
    edit(&site, BRIEFING, "date: 2025-07-21", "date: 2025-07-32");
    let update = events.next_update();
    assert_eq!(
        update["all"], true,
        "every open page reloads to show the errors"
    );
    serve.wait_for_output("1 problem to fix");
    assert!(
        serve
            .output()
            .contains("content/2025/ceasefire-talks.md:3:"),
        "the console shows the error as `sitrep build` does:\n{}",
        serve.output()
    );
    for url in [BRIEFING_URL, "/briefings/", "/briefings/no-such-page/"] {
        let page = serve.get(url);
        // The last good site, with the overlay on top.
        assert!(page.body.contains("id=\"sitrep-overlay\""), "{url}");
        assert!(
            page.body.contains("content/2025/ceasefire-talks.md:3:"),
            "{url}"
        );
        assert!(
            page.body.contains("<mark>&gt;3 | date: 2025-07-32</mark>"),
            "{url}"
        );
    }
    assert!(
        serve
            .get(BRIEFING_URL)
            .body
            .contains("Ceasefire talks resume")
    );

    edit(&site, BRIEFING, "date: 2025-07-32", "date: 2025-07-21");
    let update = events.next_update();
    assert_eq!(update["all"], true, "pages reload to drop the overlay");
    serve.wait_for_output("the problems are fixed");
    let page = serve.get(BRIEFING_URL);
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("sitrep-overlay"));
}

/// Fixing the error that stopped the preview while another remains (a broken link) used to
/// say "the problems are fixed; … 1 error: sitrep build would refuse the site".
#[test]
fn fixing_one_error_while_another_remains_does_not_say_the_problems_are_fixed() {
    let site = site();
    let serve = Serve::start(&site.root, &[]);
    edit(&site, BRIEFING, "date: 2025-07-21", "date: 2025-07-32");
    serve.wait_for_output("1 problem to fix");
    edit(
        &site,
        BRIEFING,
        "neither moved on the four regions.",
        "neither moved on the [four regions](/2020/01/nowhere/).",
    );
    edit(&site, BRIEFING, "date: 2025-07-32", "date: 2025-07-21");
    serve.wait_for_output("the site renders again");
    serve.wait_for_output("1 error: sitrep build would refuse the site");
    assert!(
        !serve.output().contains("the problems are fixed"),
        "{}",
        serve.output()
    );
}

/// A `site.yaml` edit saved while a briefing has an error used to be lost: the fix
/// re-rendered only the pages whose briefings changed ("0 pages re-rendered").
#[test]
fn a_site_yaml_edit_saved_while_the_site_has_errors_shows_once_they_are_fixed() {
    let site = site();
    let serve = Serve::start(&site.root, &[]);
    edit(&site, BRIEFING, "date: 2025-07-21", "date: 2025-13-01");
    serve.wait_for_output("1 problem to fix");
    edit(
        &site,
        "site.yaml",
        "description: A small site",
        "description: Saved while broken, a small site",
    );
    // Its own rebuild line, with the briefing's error still there.
    let started = Instant::now();
    while serve
        .output()
        .matches("site.yaml changed: 1 problem to fix")
        .count()
        == 0
    {
        assert!(started.elapsed() < WAIT, "{}", serve.output());
        std::thread::sleep(Duration::from_millis(20));
    }
    edit(&site, BRIEFING, "date: 2025-13-01", "date: 2025-07-21");
    serve.wait_for_output("the problems are fixed");
    for url in ["/briefings/", BRIEFING_URL, "/briefings/tags/"] {
        let page = serve.get(url);
        assert_eq!(page.status, 200, "{url}");
        assert!(
            page.body.contains("Saved while broken, a small site"),
            "{url} keeps the old description:\n{}",
            serve.output()
        );
    }
}

#[test]
fn a_site_broken_from_the_start_serves_the_overlay_until_fixed() {
    let site = site();
    edit(&site, BRIEFING, "date: 2025-07-21", "date: July 21");
    let serve = Serve::start(&site.root, &[]);
    let page = serve.get(BRIEFING_URL);
    assert_eq!(page.status, 500);
    assert!(
        page.body.contains("content/2025/ceasefire-talks.md:3:"),
        "{}",
        page.body
    );
    assert!(page.body.contains("data-sitrep=\"live-reload\""));
    let events = serve.events();
    edit(&site, BRIEFING, "date: July 21", "date: 2025-07-21");
    assert_eq!(events.next_update()["all"], true);
    let page = serve.get(BRIEFING_URL);
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("sitrep-overlay"));
}

/// The broken link the findings tests add to the briefing: line 7, column 69.
const BROKEN_LINK: &str = "the first since [the spring round](/2025/04/spring-round/).";
/// A link that works but leaves out its final slash (a warning), at the same place.
const SLASHLESS_LINK: &str = "the first since [the corridor deal](/2025/06/grain-corridor).";
const FIRST_ROUND: &str = "the first in seven weeks.";

#[test]
fn a_broken_link_shows_in_the_page_over_the_new_text_and_a_fix_removes_it() {
    let site = site();
    let serve = Serve::start(&site.root, &[]);
    let events = serve.events();
    edit(&site, BRIEFING, FIRST_ROUND, BROKEN_LINK);
    let update = events.next_update();
    // The page follows the text: a broken link does not stop the preview.
    assert_eq!(update["all"], false, "{update}");
    assert!(
        update["pages"].to_string().contains(BRIEFING_OUTPUT),
        "{update}"
    );
    serve.wait_for_output(
        "content/2025/ceasefire-talks.md:7:69: error: broken link `/2025/04/spring-round/`",
    );
    // The summary goes to stdout and the finding to stderr, read on two threads: the
    // summary may arrive after the finding.
    serve.wait_for_output("sitrep build would refuse");
    let console = serve.output();
    assert!(
        console.contains("there is no page or file at /2025/04/spring-round/ on this site"),
        "the console prints the finding as `sitrep build` does:\n{console}"
    );
    let page = serve.get(BRIEFING_URL);
    assert!(
        page.body.contains("the spring round"),
        "the page shows the new text"
    );
    let overlay = &page.body[page
        .body
        .find("id=\"sitrep-overlay\"")
        .expect("the overlay")..];
    for expected in [
        "<code>content/2025/ceasefire-talks.md:7:69</code>",
        "error: broken link `/2025/04/spring-round/`",
        "hint: ",
        "sitrep build",
        "would refuse",
    ] {
        assert!(
            overlay.contains(expected),
            "no `{expected}` in the overlay:\n{overlay}"
        );
    }
    assert!(!overlay.contains("last good version"), "{overlay}");
    // Open pages get it without reloading; other pages show it too.
    let notices = update["notices"]
        .as_str()
        .expect("the update carries the notices");
    assert!(
        notices.contains("content/2025/ceasefire-talks.md:7:69"),
        "{notices}"
    );
    assert!(
        serve
            .get("/briefings/")
            .body
            .contains("content/2025/ceasefire-talks.md:7:69")
    );

    edit(&site, BRIEFING, BROKEN_LINK, FIRST_ROUND);
    let update = events.next_update();
    assert_eq!(update["notices"], "", "{update}");
    let page = serve.get(BRIEFING_URL);
    assert!(!page.body.contains("sitrep-overlay"), "{}", page.body);
    assert!(!page.body.contains("spring round"));
}

#[test]
fn warnings_show_in_a_small_panel_and_other_files_keep_a_count() {
    let site = site();
    let serve = Serve::start(&site.root, &[]);
    let events = serve.events();
    edit(&site, BRIEFING, FIRST_ROUND, SLASHLESS_LINK);
    let update = events.next_update();
    serve.wait_for_output(
        "content/2025/ceasefire-talks.md:7:69: warning: link `/2025/06/grain-corridor` leaves out the final `/`",
    );
    let page = serve.get(BRIEFING_URL);
    assert!(
        !page.body.contains("sitrep-overlay"),
        "a warning is no overlay"
    );
    let panel = &page.body[page.body.find("id=\"sitrep-panel\"").expect("the panel")..];
    for expected in [
        "<code>content/2025/ceasefire-talks.md:7:69</code>",
        "warning: link `/2025/06/grain-corridor` leaves out the final `/`",
        "hint: write `/2025/06/grain-corridor/`",
        "<mark>&gt; 7 | ",
        "class=\"sitrep-close\"",
    ] {
        assert!(
            panel.contains(expected),
            "no `{expected}` in the panel:\n{panel}"
        );
    }
    assert!(
        update["notices"]
            .as_str()
            .unwrap()
            .contains("id=\"sitrep-panel\"")
    );

    // Another file saved: its own findings (none) are shown, the first file's are counted.
    edit(
        &site,
        "content/2025/grain-corridor.md",
        "despite strikes",
        "despite new strikes",
    );
    let update = events.next_update();
    let notices = update["notices"].as_str().unwrap();
    assert!(!notices.contains("leaves out the final"), "{notices}");
    assert!(
        notices.contains("1 warning in content/2025/ceasefire-talks.md"),
        "{notices}"
    );

    // Fixed: nothing left to show.
    edit(&site, BRIEFING, SLASHLESS_LINK, FIRST_ROUND);
    assert_eq!(events.next_update()["notices"], "");
    assert!(!serve.get(BRIEFING_URL).body.contains("sitrep-panel"));
}

/// The preview publishes a scheduled briefing when its `publish_at:` time comes, without
/// waiting for an edit, as a build run then would.
#[test]
fn a_scheduled_briefing_appears_in_the_preview_when_its_time_comes() {
    let site = site();
    let serve = Serve::start(&site.root, &[]);
    let events = serve.events();
    // Whole seconds, as written in the file.
    let due = jiff::Timestamp::from_second(jiff::Timestamp::now().as_second() + 4).unwrap();
    save(
        &site.root.join("content/2025/embargoed.md"),
        &format!(
            "---\ntitle: Embargoed statement\ndate: 2025-07-22\npublish_at: {}\n---\nBody.\n",
            due.strftime("%Y-%m-%dT%H:%M:%SZ")
        ),
    );
    let held = events.next_update();
    assert!(
        held["notices"]
            .as_str()
            .unwrap()
            .contains("is held back until"),
        "{held}\n{}",
        serve.output()
    );
    assert_eq!(serve.get("/briefings/2025/07/embargoed/").status, 404);

    // No edit: the clock alone.
    let published = events.next_update();
    assert!(jiff::Timestamp::now() >= due, "{published}");
    assert!(
        !published["notices"].to_string().contains("is held back"),
        "{published}"
    );
    let page = serve.get("/briefings/2025/07/embargoed/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Embargoed statement"));
    assert!(
        serve
            .get("/briefings/")
            .body
            .contains("Embargoed statement")
    );
    serve.wait_for_output("the clock (a `publish_at:` time came) changed: ");
}

#[test]
fn saving_a_draft_or_a_held_back_briefing_says_why_the_preview_leaves_it_out() {
    let site = site();
    let serve = Serve::start(&site.root, &[]);
    let events = serve.events();
    let draft = "content/2025/secret-talks.md is a draft (`draft: true`): the preview shows drafts with `sitrep serve --drafts`";
    save(
        &site.root.join("content/2025/secret-talks.md"),
        "---\ntitle: Secret talks\ndate: 2025-07-25\ndraft: true\n---\nBody.\n",
    );
    let update = events.next_update();
    assert_eq!(update["pages"], serde_json::json!([]), "{update}");
    serve.wait_for_output(draft);
    assert!(
        !serve.output().contains("nothing to re-render"),
        "{}",
        serve.output()
    );
    assert!(
        update["notices"].as_str().unwrap().contains(draft),
        "{update}"
    );
    assert!(serve.get("/briefings/").body.contains(draft));

    let held = "content/2025/embargoed.md is held back until 2999-07-22T08:00:00+03:00 (`publish_at:`): the preview shows it with `sitrep serve --drafts`";
    save(
        &site.root.join("content/2025/embargoed.md"),
        "---\ntitle: Embargoed statement\ndate: 2025-07-22\npublish_at: 2999-07-22T08:00:00+03:00\n---\nBody.\n",
    );
    let update = events.next_update();
    serve.wait_for_output(held);
    assert!(
        update["notices"].as_str().unwrap().contains(held),
        "{update}"
    );
    assert!(serve.get(BRIEFING_URL).body.contains(held));

    // A link to it is broken until then, said in the offset its editor wrote.
    edit(
        &site,
        BRIEFING,
        FIRST_ROUND,
        "the first since [the statement](/2025/07/embargoed/).",
    );
    let update = events.next_update();
    let notices = update["notices"].as_str().unwrap();
    assert!(
        notices.contains("link `/2025/07/embargoed/` is broken until 2999-07-22T08:00:00+03:00"),
        "{notices}"
    );
}

#[test]
fn with_drafts_the_preview_shows_scheduled_briefings_marked_as_build_drafts_does() {
    let site = site();
    save(
        &site.root.join("content/2025/embargoed.md"),
        "---\ntitle: Embargoed statement\ndate: 2025-07-22\npublish_at: 2999-07-22T08:00:00+03:00\n---\nBody.\n",
    );
    let label = "Scheduled for 2999-07-22T08:00:00+03:00";
    let serve = Serve::start(&site.root, &["--drafts"]);
    let page = serve.get("/briefings/2025/07/embargoed/");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(label), "{}", page.body);
    let home = serve.get("/briefings/");
    assert!(home.body.contains("Embargoed statement") && home.body.contains(label));
    drop(serve);

    // `build --drafts` publishes what the preview shows; `check --drafts` checks the same.
    site.run(&["build", "--drafts"]).assert_ok();
    assert!(site.read("2025/07/embargoed/index.html").contains(label));
    assert!(site.read("index.html").contains(label));
    let check = site.run(&["check", "--drafts"]);
    check.assert_ok();
    assert!(check.stdout.contains("4 briefings"), "{}", check.stdout);
    // Without --drafts it is held back, and the build says until when, as written.
    let run = site.run(&["build"]);
    run.assert_ok();
    assert!(
        run.stdout
            .contains("the next is due at 2999-07-22T08:00:00+03:00"),
        "{}",
        run.stdout
    );
    assert!(!site.exists("2025/07/embargoed/index.html"));
    assert!(!site.read("index.html").contains("Scheduled for"));
}

#[test]
fn requests_can_never_read_outside_the_rendered_site() {
    let site = site();
    // Secrets where a request that escaped the rendered site would find them: in site.yaml,
    // in the site folder, beside it, and in a draft (not served without --drafts).
    let config = site.read_source("site.yaml");
    site.write("site.yaml", &format!("{config}# SECRET-IN-SITE-YAML\n"));
    site.write("private-notes.txt", "SECRET-IN-THE-SITE-FOLDER\n");
    site.write("public/secret.html", "SECRET-IN-PUBLIC\n");
    std::fs::write(
        site.root.parent().unwrap().join("secret.txt"),
        "SECRET-BESIDE-THE-SITE\n",
    )
    .unwrap();
    site.briefing(
        "2025/hidden.md",
        "title: Hidden\ndate: 2025-07-01\ndraft: true",
        "SECRET-IN-A-DRAFT",
    );
    let serve = Serve::start(&site.root, &[]);
    assert_eq!(serve.get("/briefings/").status, 200, "{}", serve.output());

    // The README's promise: `..` and `.` segments, however written, backslashes and control
    // characters are refused with 400; a path that is no file of the site is a 404.
    for (target, status) in [
        ("/../site.yaml", 400),
        ("/briefings/../site.yaml", 400),
        ("/briefings/../../site.yaml", 400),
        ("/briefings/../../secret.txt", 400),
        ("/briefings/./style.css", 400),
        ("/briefings/2025/..", 400),
        ("/briefings/2025/.", 400),
        ("/%2e%2e/site.yaml", 400),
        ("/%2E%2E/site.yaml", 400),
        ("/briefings/%2e%2e/%2e%2e/site.yaml", 400),
        ("/briefings/.%2e/site.yaml", 400),
        ("/briefings/%2e/style.css", 400),
        ("/..%2fsite.yaml", 400),
        ("/briefings/..%2f..%2fsite.yaml", 400),
        ("/briefings/x%2f..%2f..%2f..%2fsecret.txt", 400),
        ("/briefings/%2e%2e%2f%2e%2e%2fsecret.txt", 400),
        ("/briefings/..%5c..%5csite.yaml", 400),
        ("/briefings/..\\site.yaml", 400),
        ("/briefings/a\\b", 400),
        ("/briefings/%5c", 400),
        ("/briefings/%00", 400),
        ("/briefings/style.css%00.html", 400),
        ("/briefings/%0d%0aX:%20y", 400),
        ("/briefings/%7f", 400),
        ("/briefings/%c0%ae%c0%ae/site.yaml", 400),
        ("/briefings/%zz", 400),
        ("http://127.0.0.1/../site.yaml", 400),
        ("site.yaml", 400),
        ("../site.yaml", 400),
        // Well-formed paths that name no file of the rendered site.
        ("/site.yaml", 404),
        ("/briefings/site.yaml", 404),
        ("/briefings/private-notes.txt", 404),
        ("/briefings/public/secret.html", 404),
        ("/briefings/secret.html", 404),
        ("/briefings/content/2025/ceasefire-talks.md", 404),
        ("/briefings/content/2025/hidden.md", 404),
        ("/briefings/2025/07/hidden/", 404),
        ("/secret.txt", 404),
        ("/etc/passwd", 404),
        ("//etc/passwd", 404),
        ("/briefings//etc/passwd", 404),
        ("/briefings/%252e%252e/site.yaml", 404),
        ("/briefings/..;/site.yaml", 404),
        ("/briefings/.../site.yaml", 404),
    ] {
        for method in ["GET", "HEAD"] {
            let response = serve.request(&format!(
                "{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
            ));
            assert_eq!(
                response.status, status,
                "{method} {target}: {}",
                response.body
            );
            for secret in ["SECRET-IN", "SECRET-BESIDE", "base_url:", "root:x:0:0"] {
                assert!(
                    !response.body.contains(secret),
                    "{method} {target} leaked `{secret}`:\n{}",
                    response.body
                );
            }
        }
    }
}

#[test]
fn missing_files_folders_and_content_types() {
    let site = site();
    let serve = Serve::start(&site.root, &[]);
    let missing = serve.get("/briefings/2031/01/nothing/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Page not found"),
        "the site's own 404 page"
    );
    assert!(missing.body.contains("data-sitrep=\"live-reload\""));
    assert_eq!(serve.get("/briefings/img/nothing.png").status, 404);
    // Outside the base path: the root sends to the site, anything else is not found.
    let root = serve.get("/");
    assert_eq!(root.status, 302);
    assert_eq!(root.header("Location"), Some("/briefings/"));
    assert_eq!(serve.get("/2025/07/ceasefire-talks/").status, 404);

    for (from, to) in [
        ("/briefings", "/briefings/"),
        ("/briefings/2025", "/briefings/2025/"),
        (
            "/briefings/tags/diplomacy?x=1",
            "/briefings/tags/diplomacy/?x=1",
        ),
    ] {
        let response = serve.get(from);
        assert_eq!(response.status, 301, "{from}");
        assert_eq!(response.header("Location"), Some(to), "{from}");
    }
    assert_eq!(serve.get("/briefings/2025/index.html").status, 200);

    for (path, content_type) in [
        ("/briefings/style.css", "text/css; charset=utf-8"),
        ("/briefings/img/dot.svg", "image/svg+xml"),
        ("/briefings/notes.txt", "text/plain; charset=utf-8"),
        ("/briefings/sitemap.xml", "application/xml; charset=utf-8"),
        ("/briefings/feed.json", "application/json"),
    ] {
        let response = serve.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(
            response.header("Content-Type"),
            Some(content_type),
            "{path}"
        );
        assert!(
            !response.body.contains("data-sitrep"),
            "{path}: scripts go into HTML only"
        );
    }
}

#[test]
fn bad_requests_get_their_status_quickly() {
    let site = site();
    let serve = Serve::start(&site.root, &[]);
    let started = Instant::now();
    let long = serve.get(&format!("/briefings/{}", "a".repeat(100 * 1024)));
    assert_eq!(long.status, 414);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );

    let post = serve
        .request("POST /briefings/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\nhi");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("Allow"), Some("GET, HEAD"));
    assert_eq!(
        serve
            .request("DELETE /briefings/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .status,
        405
    );

    let head =
        serve.request("HEAD /briefings/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert!(
        head.header("Content-Length")
            .unwrap()
            .parse::<usize>()
            .unwrap()
            > 100
    );

    assert_eq!(serve.request("GARBAGE\r\n\r\n").status, 400);
    let huge_header = format!("GET / HTTP/1.1\r\nX-Big: {}\r\n\r\n", "b".repeat(64 * 1024));
    assert_eq!(serve.request(&huge_header).status, 431);

    // Keep-alive: two requests on one connection.
    let both = serve.request(
        "GET /briefings/style.css HTTP/1.1\r\nHost: localhost\r\n\r\nGET /briefings/img/dot.svg HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(both.status, 200);
    assert!(both.body.contains("HTTP/1.1 200 OK") && both.body.contains("<svg"));
}

#[test]
fn empty_lines_before_a_request_are_bounded() {
    let site = site();
    let serve = Serve::start(&site.root, &[]);
    let get = "GET /briefings/style.css HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    let few = format!("{}{get}", "\r\n".repeat(8));
    assert_eq!(serve.request(&few).status, 200);
    let many = format!("{}{get}", "\r\n".repeat(9));
    assert_eq!(serve.request(&many).status, 400);
    // A flood of them is refused at once instead of being buffered until the head times out.
    let started = Instant::now();
    let flood = serve.request(&"\r\n".repeat(512 * 1024));
    assert_eq!(flood.status, 400);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn control_characters_in_a_request_never_reach_a_response_header() {
    let site = site();
    let serve = Serve::start(&site.root, &[]);
    // A folder without its slash is redirected with its query: the query is the part of
    // the request a response header repeats.
    for query in [
        "?a\rSet-Cookie:%20x=1",
        "?a\tb",
        "?a\x0bb",
        "?a\x7fb",
        "?a\x1b[31m",
    ] {
        let raw = format!(
            "GET /briefings/tags/diplomacy{query} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        );
        let bytes = raw_response(serve.addr, raw.as_bytes());
        let text = String::from_utf8_lossy(&bytes);
        let (head, _) = text.split_once("\r\n\r\n").expect("a response");
        assert!(head.starts_with("HTTP/1.1 400 "), "{query:?}: {head:?}");
        assert!(
            !head
                .replace("\r\n", "\n")
                .bytes()
                .any(|b| b != b'\n' && (b.is_ascii_control() || b >= 0x80)),
            "{query:?}: {head:?}"
        );
    }
    // Non-ASCII bytes are escaped.
    let moved = serve.get("/briefings/tags/diplomacy?q=s\u{e3}o");
    assert_eq!(moved.status, 301);
    assert_eq!(
        moved.header("Location"),
        Some("/briefings/tags/diplomacy/?q=s%C3%A3o")
    );
}

/// Requests a page with each of `hosts` and returns the statuses.
fn statuses(serve: &Serve, hosts: &[&str], target: &str) -> Vec<(String, u16)> {
    hosts
        .iter()
        .map(|host| (host.to_string(), serve.get_as(host, target).status))
        .collect()
}

#[track_caller]
fn assert_all(found: Vec<(String, u16)>, status: u16) {
    let wrong: Vec<_> = found.iter().filter(|(_, s)| *s != status).collect();
    assert!(wrong.is_empty(), "expected {status} for all, got {wrong:?}");
}

#[test]
fn only_requests_for_this_machine_are_answered() {
    let site = site();
    let serve = Serve::start(&site.root, &[]);
    let port = serve.addr.port();
    let loopback = [
        format!("127.0.0.1:{port}"),
        "127.0.0.1".into(),
        "127.1.2.3:1111".into(),
        format!("[::1]:{port}"),
        "[::1]".into(),
        "localhost:1111".into(),
        "localhost".into(),
        "LocalHost:1111".into(),
        "localhost.".into(),
        "preview.localhost:1111".into(),
    ];
    let loopback: Vec<&str> = loopback.iter().map(String::as_str).collect();
    assert_all(statuses(&serve, &loopback, "/briefings/"), 200);

    // DNS rebinding: a page from evil.example, its name now pointing at 127.0.0.1.
    let refused = serve.get_as("evil.example", "/briefings/");
    assert_eq!(refused.status, 403);
    assert_eq!(
        refused.header("Content-Type"),
        Some("text/plain; charset=utf-8")
    );
    assert!(
        refused.body.contains(
            "sitrep serve refuses requests for host `evil.example`: only localhost is allowed; \
             to allow it, restart with --allow-host evil.example"
        ),
        "{}",
        refused.body
    );
    assert!(!refused.body.contains("Ceasefire"));
    let other_names = [
        "evil.example",
        "evil.example:1111",
        "EVIL.example",
        "localhost.evil.example",
        "127.0.0.1.evil.example",
        "evil.example.localhost.evil.example",
        "2130706433",
        "0x7f.0.0.1",
        "192.0.2.7",
        "[2001:db8::1]:1111",
    ];
    // Every route: pages, files, missing pages, the root redirect, the reload stream.
    for target in [
        "/briefings/",
        "/briefings/style.css",
        "/briefings/no-such-page/",
        "/briefings/tags/diplomacy",
        "/",
        "/briefings/__sitrep/events",
    ] {
        assert_all(statuses(&serve, &other_names, target), 403);
    }
    // An absolute-form target names the host itself (RFC 9112 §3.2.2): that one counts.
    let absolute = serve.request(
        "GET http://evil.example/briefings/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(absolute.status, 403);
    let absolute = serve.request(&format!(
        "GET http://127.0.0.1:{port}/briefings/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
    ));
    assert_eq!(absolute.status, 200);

    // HTTP/1.1 requires exactly one valid Host (RFC 9112 §3.2); HTTP/1.0 may go without
    // (no browser sends that, so no web page can).
    for raw in [
        "GET /briefings/ HTTP/1.1\r\nConnection: close\r\n\r\n",
        "GET /briefings/ HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
        "GET /briefings/ HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n",
        "GET /briefings/ HTTP/1.1\r\nHost: localhost@evil.example\r\nConnection: close\r\n\r\n",
        "GET /briefings/ HTTP/1.1\r\nHost: localhost:80x\r\nConnection: close\r\n\r\n",
        "GET /briefings/ HTTP/1.1\r\nHost: local host\r\nConnection: close\r\n\r\n",
        "GET /briefings/ HTTP/1.0\r\nHost: evil.example/x\r\n\r\n",
    ] {
        assert_eq!(serve.request(raw).status, 400, "{raw:?}");
    }
    assert_eq!(
        serve.request("GET /briefings/ HTTP/1.0\r\n\r\n").status,
        200
    );
    assert_eq!(
        serve
            .request("GET /briefings/ HTTP/1.0\r\nHost: evil.example\r\n\r\n")
            .status,
        403
    );
}

#[test]
fn allow_host_adds_names_and_a_wildcard_bind_adds_addresses() {
    let site = site();
    let serve = Serve::start(
        &site.root,
        &[
            "--allow-host",
            "Preview.Example",
            "--allow-host",
            ".cloud.example",
        ],
    );
    assert_all(
        statuses(
            &serve,
            &[
                "preview.example",
                "preview.example:443",
                "PREVIEW.EXAMPLE",
                "cloud.example",
                "x-1111.cloud.example",
                "a.b.cloud.example:8080",
                "localhost",
            ],
            "/briefings/",
        ),
        200,
    );
    let events = EventStream::open_as(serve.addr, "preview.example", "/briefings/__sitrep/events");
    assert_eq!(events.next(WAIT).map(|e| e.0), Some("hello".to_string()));
    assert_all(
        statuses(
            &serve,
            &[
                "evil.example",
                "xpreview.example",
                "preview.example.evil",
                "xcloud.example",
                "192.0.2.7",
            ],
            "/briefings/",
        ),
        403,
    );
    let refused = serve.get_as("evil.example", "/");
    assert!(
        refused
            .body
            .contains("only localhost, preview.example and .cloud.example are allowed"),
        "{}",
        refused.body
    );

    // Bound to every address: any IP address names this machine; names still do not.
    let wide = Serve::start(&site.root, &["--bind", "0.0.0.0"]);
    // The warning goes to stderr, read on its own thread: wait for it.
    wide.wait_for_output("WARNING");
    assert_all(
        statuses(
            &wide,
            &["192.0.2.7:1111", "10.1.2.3", "localhost"],
            "/briefings/",
        ),
        200,
    );
    let refused = wide.get_as("my-laptop.lan", "/briefings/");
    assert_eq!(refused.status, 403);
    assert!(
        refused.body.contains(
            "only localhost and IP addresses are allowed; to allow it, restart with --allow-host my-laptop.lan"
        ),
        "{}",
        refused.body
    );
}

#[test]
fn allow_host_takes_a_bare_name() {
    let site = site();
    for value in [
        "https://preview.example/",
        "preview.example:8080",
        "pre view",
        "",
    ] {
        let run = site.run(&["serve", "--port", "0", "--allow-host", value]);
        assert_eq!(run.code, 1, "{value:?}: {run:?}");
        assert!(
            run.stderr.contains(&format!("--allow-host `{value}`")),
            "{value:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("host name"), "{}", run.stderr);
    }
}

#[test]
fn a_site_at_the_root_path_and_a_taken_port() {
    let site = TestSite::with_config("title: Root Desk\nbase_url: https://example.org/\n");
    site.briefing("one.md", "title: One\ndate: 2025-01-02", "Body.");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let serve = Serve::start(&site.root, &["--port", &port]);
    assert!(
        serve
            .output()
            .contains(&format!("Port {port} is in use; using port ")),
        "{}",
        serve.output()
    );
    assert_ne!(serve.addr.port().to_string(), port);
    assert!(serve.url.ends_with('/') && !serve.url.ends_with("/briefings/"));
    let home = serve.get("/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains(r#""events":"/__sitrep/events""#));
    assert_eq!(serve.get("/2025/01/one/").status, 200);
    let stream = EventStream::open(serve.addr, "/__sitrep/events");
    assert_eq!(stream.next(WAIT).map(|e| e.0), Some("hello".to_string()));
}

#[test]
fn an_embedded_server_stops_when_asked() {
    let site = site();
    let server = sitrep::serve::start(&sitrep::serve::ServeOptions {
        root: site.root.clone(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        drafts: false,
        allow_hosts: Vec::new(),
    })
    .unwrap();
    let host = server
        .url()
        .strip_prefix("http://")
        .unwrap()
        .split('/')
        .next()
        .unwrap();
    let addr: SocketAddr = host.parse().unwrap();
    let events = EventStream::open(addr, "/briefings/__sitrep/events");
    assert_eq!(events.next(WAIT).map(|e| e.0), Some("hello".to_string()));
    assert_eq!(
        request(addr, b"GET /briefings/ HTTP/1.0\r\n\r\n").status,
        200
    );
    server.stop();
    assert!(TcpStream::connect(addr).is_err(), "the port is closed");
    // The open stream ends too.
    assert_eq!(events.next(WAIT), None);
}

#[test]
fn folders_moved_away_and_back_and_files_the_watcher_ignores() {
    let site = site();
    let serve = Serve::start(&site.root, &[]);
    let events = serve.events();
    assert_eq!(serve.get("/briefings/2024/12/winter-strikes/").status, 200);

    // A folder moved out of content/ takes its briefings with it; moved back, they return.
    let away = site.root.parent().unwrap().join("2024-away");
    std::fs::rename(site.root.join("content/2024"), &away).unwrap();
    let update = events.next_update();
    assert!(
        update["pages"]
            .to_string()
            .contains("2024/12/winter-strikes/index.html"),
        "{update}"
    );
    assert_eq!(serve.get("/briefings/2024/12/winter-strikes/").status, 404);
    std::fs::rename(&away, site.root.join("content/2024")).unwrap();
    events.next_update();
    assert_eq!(serve.get("/briefings/2024/12/winter-strikes/").status, 200);

    // Editor leftovers, hidden files and the output folder never start a rebuild.
    for (path, text) in [
        ("content/2025/.ceasefire-talks.md.swp", "swap"),
        ("content/2025/ceasefire-talks.md~", "backup"),
        ("content/2025/#ceasefire-talks.md#", "autosave"),
        ("content/4913", ""),
        ("public/index.html", "<p>built</p>"),
        (".git/index", "git"),
        ("notes.md", "not an input"),
    ] {
        site.write(path, text);
    }
    assert_eq!(events.next(Duration::from_millis(500)), None);
    // One console line per rebuild: the two folder moves, nothing since.
    let output = serve.output();
    let rebuilds: Vec<&str> = output
        .lines()
        .filter(|l| l.contains(" changed: "))
        .collect();
    assert_eq!(rebuilds.len(), 2, "{output}");
    assert!(
        rebuilds.iter().all(|l| l.contains("content/2024")),
        "{output}"
    );
}

#[test]
fn edits_to_pages_and_profiles_reach_the_served_pages() {
    let site = site();
    // The folders appear after the server starts: they are watched from then on.
    let serve = Serve::start(&site.root, &[]);
    let events = serve.events();
    save(
        &site.root.join("pages/about.md"),
        "---\ntitle: About the desk\nmenu: 1\n---\nWe brief.\n",
    );
    let update = events.next_update();
    assert!(
        update["pages"].to_string().contains("\"about/index.html\""),
        "{update}"
    );
    let about = serve.get("/briefings/about/");
    assert_eq!(about.status, 200);
    assert!(about.body.contains("We brief."));
    assert!(
        serve
            .get(BRIEFING_URL)
            .body
            .contains(r#"href="/briefings/about/""#),
        "the menu links the page"
    );

    edit(&site, "pages/about.md", "We brief.", "We brief daily.");
    let update = events.next_update();
    assert_eq!(update["all"], false, "{update}");
    assert_eq!(update["pages"], serde_json::json!(["about/index.html"]));
    assert!(
        serve
            .get("/briefings/about/")
            .body
            .contains("We brief daily.")
    );

    save(
        &site.root.join("terms/tags/diplomacy.md"),
        "---\ntitle: Diplomacy\nrole: Talks between governments\n---\nWho talks to whom.\n",
    );
    let update = events.next_update();
    assert!(
        update["pages"]
            .to_string()
            .contains("tags/diplomacy/index.html"),
        "{update}"
    );
    let term = serve.get("/briefings/tags/diplomacy/");
    assert!(term.body.contains("Who talks to whom."), "{}", term.body);
    assert!(term.body.contains("Talks between governments"));
    // Once the folder is watched, a save names its file.
    edit(
        &site,
        "terms/tags/diplomacy.md",
        "Who talks",
        "Who still talks",
    );
    events.next_update();
    serve.wait_for_output("terms/tags/diplomacy.md changed: ");
}
