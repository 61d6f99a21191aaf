//! The preview under test: `sitrep serve --port 0` as a child process (the real binary, so its
//! memory and file descriptors are its own to measure), its console (one line per rebuild is
//! how the soak knows an edit was applied), its reload stream (the pages each update lists),
//! a keep-alive HTTP client for its pages, and VmRSS / open fds / threads from /proc.

use std::collections::{BTreeSet, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Lines of console output kept for error messages.
const TAIL: usize = 40;

pub struct Preview {
    child: Child,
    pub pid: u32,
    pub addr: SocketAddr,
    /// The site's URL as printed (`http://127.0.0.1:PORT/`).
    pub url: String,
    /// The path part of `url` (`/`, or `/briefings/` for a site under a path).
    pub base_path: String,
    console: Arc<Console>,
    pub events: Arc<Mutex<EventLog>>,
    _stream: TcpStream,
}

#[derive(Default)]
struct Console {
    state: Mutex<ConsoleState>,
    changed: Condvar,
}

#[derive(Default)]
struct ConsoleState {
    url: Option<String>,
    /// Rebuild lines (`is_rebuild_line`): one per batch of changes.
    rebuilds: usize,
    /// Of those, the rebuilds that left the site with errors.
    failed: usize,
    last_rebuild: Option<Instant>,
    tail: VecDeque<String>,
}

/// What the reload stream said.
#[derive(Default)]
pub struct EventLog {
    pub updates: usize,
    /// Updates that asked every page to reload (errors, recovery, too many pages).
    pub reload_all: usize,
    /// Every page any update listed (changed or removed).
    pub pages: BTreeSet<String>,
    pub closed: bool,
}

/// Resources of the preview process.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    pub rss_kib: u64,
    pub fds: usize,
    pub threads: usize,
}

impl Preview {
    /// Starts `bin serve --root root --port 0` and waits until it serves.
    pub fn start(bin: &Path, root: &Path, timeout: Duration) -> Preview {
        let mut child = Command::new(bin)
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
        let console = Arc::new(Console::default());
        let outputs: [Box<dyn Read + Send>; 2] = [
            Box::new(child.stdout.take().unwrap()),
            Box::new(child.stderr.take().unwrap()),
        ];
        for output in outputs {
            let console = console.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(output).lines() {
                    let Ok(line) = line else { break };
                    console.line(line);
                }
            });
        }
        let started = Instant::now();
        let url = loop {
            let state = console.state.lock().unwrap();
            if let Some(url) = &state.url {
                break url.clone();
            }
            drop(state);
            if let Ok(Some(status)) = child.try_wait() {
                panic!(
                    "sitrep serve exited ({status}) before serving:\n{}",
                    console.tail()
                );
            }
            assert!(
                started.elapsed() < timeout,
                "sitrep serve printed no URL within {timeout:?}:\n{}",
                console.tail()
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        let rest = url.strip_prefix("http://").expect("an http URL");
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let addr: SocketAddr = host.parse().expect("a socket address");
        let base_path = if path.is_empty() { "/" } else { path }.to_string();
        let events = Arc::new(Mutex::new(EventLog::default()));
        let stream = subscribe(addr, &format!("{base_path}__sitrep/events"), events.clone());
        Preview {
            pid: child.id(),
            child,
            addr,
            url,
            base_path,
            console,
            events,
            _stream: stream,
        }
    }

    /// Rebuild lines printed so far.
    pub fn rebuilds(&self) -> usize {
        self.console.state.lock().unwrap().rebuilds
    }

    /// Rebuilds that left the site with errors, so far.
    pub fn failed_rebuilds(&self) -> usize {
        self.console.state.lock().unwrap().failed
    }

    /// The last lines the preview printed.
    pub fn tail(&self) -> String {
        self.console.tail()
    }

    /// Waits until more than `after` rebuild lines were printed. `Err` on timeout; panics
    /// if the preview exited.
    pub fn wait_rebuild(&mut self, after: usize, timeout: Duration) -> Result<(), ()> {
        let deadline = Instant::now() + timeout;
        let console = self.console.clone();
        loop {
            let state = console.state.lock().unwrap();
            if state.rebuilds > after {
                return Ok(());
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(());
            }
            let step = left.min(Duration::from_millis(200));
            drop(console.changed.wait_timeout(state, step).unwrap());
            self.check_alive();
        }
    }

    /// Waits until no rebuild line came for `quiet` (at most `timeout`).
    pub fn wait_quiet(&mut self, quiet: Duration, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            let last = self.console.state.lock().unwrap().last_rebuild;
            let since = last.map_or(quiet, |t| t.elapsed());
            if since >= quiet || Instant::now() >= deadline {
                return;
            }
            std::thread::sleep(quiet - since);
            self.check_alive();
        }
    }

    fn check_alive(&mut self) {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!("sitrep serve exited ({status}):\n{}", self.tail());
        }
    }

    /// VmRSS, open file descriptors and threads of the preview process (Linux only).
    pub fn sample(&self) -> Option<Sample> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid)).ok()?;
        let field = |name: &str| -> Option<u64> {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))?
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        };
        let fds = std::fs::read_dir(format!("/proc/{}/fd", self.pid))
            .ok()?
            .count();
        Some(Sample {
            rss_kib: field("VmRSS:")?,
            fds,
            threads: field("Threads:")? as usize,
        })
    }

    /// An HTTP client for this preview's pages.
    pub fn client(&self) -> Client {
        Client {
            addr: self.addr,
            conn: None,
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Console {
    fn line(&self, line: String) {
        let mut state = self.state.lock().unwrap();
        if let Some(url) = line.strip_prefix("Serving ") {
            state.url.get_or_insert_with(|| url.trim().to_string());
        }
        if is_rebuild_line(&line) {
            state.rebuilds += 1;
            if line.contains(" to fix; ") {
                state.failed += 1;
            }
            state.last_rebuild = Some(Instant::now());
        }
        if state.tail.len() == TAIL {
            state.tail.pop_front();
        }
        state.tail.push_back(line);
        self.changed.notify_all();
    }

    fn tail(&self) -> String {
        let state = self.state.lock().unwrap();
        state.tail.iter().map(|l| format!("  | {l}\n")).collect()
    }
}

/// Whether the preview printed `line` for a batch of changes it applied: every such line
/// starts with a time stamp (src/serve/mod.rs, `report_rebuild`): `[14:02:07] <what>
/// changed: ...`, or, when the batch only saved files the preview leaves out (a draft,
/// a briefing held back by `publish_at:`), `[14:02:07] <file> is a draft ...` instead.
/// The findings printed before it (multi-line, as `sitrep build` prints them) never start
/// with one.
fn is_rebuild_line(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() > 11
        && b[0] == b'['
        && b[9..11] == *b"] "
        && [1, 2, 4, 5, 7, 8].iter().all(|&i| b[i].is_ascii_digit())
        && b[3] == b':'
        && b[6] == b':'
}

/// Opens the reload stream and records its updates on a thread.
fn subscribe(addr: SocketAddr, path: &str, log: Arc<Mutex<EventLog>>) -> TcpStream {
    let mut stream = TcpStream::connect(addr).expect("connect to the preview");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let reader = stream.try_clone().unwrap();
    let (hello_tx, hello_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(reader).lines() {
            let Ok(line) = line else { break };
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(data) = line.strip_prefix("data: ") {
                if event == "hello" {
                    let _ = hello_tx.send(());
                } else if event == "update" {
                    let data: serde_json::Value = serde_json::from_str(data).unwrap_or_default();
                    let mut log = log.lock().unwrap();
                    log.updates += 1;
                    if data["all"] == true {
                        log.reload_all += 1;
                    }
                    if let Some(pages) = data["pages"].as_array() {
                        log.pages
                            .extend(pages.iter().filter_map(|p| p.as_str()).map(str::to_string));
                    }
                }
            }
        }
        log.lock().unwrap().closed = true;
    });
    hello_rx
        .recv_timeout(Duration::from_secs(30))
        .expect("a hello on the reload stream");
    stream
}

/// One keep-alive connection to the preview, opened again when the server closed it.
pub struct Client {
    addr: SocketAddr,
    conn: Option<BufReader<TcpStream>>,
}

impl Client {
    /// GETs `target` (a request path); the status and the body.
    pub fn get(&mut self, target: &str) -> Result<(u16, Vec<u8>), String> {
        let mut last = String::new();
        for _ in 0..3 {
            if self.conn.is_none() {
                let stream = TcpStream::connect(self.addr).map_err(|e| e.to_string())?;
                stream
                    .set_read_timeout(Some(Duration::from_secs(60)))
                    .unwrap();
                self.conn = Some(BufReader::new(stream));
            }
            match self.try_get(target) {
                Ok(response) => return Ok(response),
                // An idle keep-alive connection the server closed: open another.
                Err(e) => {
                    self.conn = None;
                    last = e.to_string();
                }
            }
        }
        Err(format!("GET {target}: {last}"))
    }

    fn try_get(&mut self, target: &str) -> std::io::Result<(u16, Vec<u8>)> {
        let conn = self.conn.as_mut().unwrap();
        conn.get_mut()
            .write_all(format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes())?;
        let mut line = String::new();
        if conn.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let status: u16 = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
        let (mut length, mut close) = (0usize, false);
        loop {
            line.clear();
            conn.read_line(&mut line)?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                let value = value.trim();
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.parse().unwrap_or(0);
                } else if name.eq_ignore_ascii_case("connection") {
                    close = value.eq_ignore_ascii_case("close");
                }
            }
        }
        let mut body = vec![0; length];
        conn.read_exact(&mut body)?;
        if close {
            self.conn = None;
        }
        Ok((status, body))
    }
}

/// Percent-encodes a path for a request line.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
