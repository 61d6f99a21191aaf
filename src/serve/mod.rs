//! `sitrep serve`: the live-reload preview. It renders the site into memory with
//! `project::Project` (the same load → model → render pipeline as `sitrep build`; nothing
//! is written, least of all public/), serves it over HTTP, watches the site's inputs, asks
//! the project to re-render what a change touched, and tells open pages over Server-Sent
//! Events which of them changed.
//!
//! Parts: `http` (request limits, path decoding, responses), `hosts` (which Host headers
//! are answered: DNS rebinding protection), `routes` (URL → output path), `server`
//! (connections and answers), `events` (the reload stream), `inject` (the script and the
//! error overlay added to served HTML), `watch` (notify, filtering, debouncing).
//! This module starts them and owns the console.
//!
//! Threads: one accepts connections, one per connection, one watches (and batches), one
//! rebuilds. The project sits behind a `RwLock`: requests read it concurrently; a rebuild
//! holds the write lock, so a page requested during a rebuild is served from the new site.

mod events;
mod hosts;
mod http;
mod inject;
mod routes;
mod server;
mod watch;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{Context, bail};

use crate::config::{self, CONFIG_FILE};
use crate::diagnostics::Diagnostic;
use crate::project::{Project, ProjectOptions, Update};

/// What `sitrep serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    pub drafts: bool,
    /// Host names answered besides loopback ones and the bind address (`--allow-host`).
    pub allow_hosts: Vec<String>,
}

/// How many ports after the requested one are tried when it is taken.
const PORT_ATTEMPTS: u16 = 20;

/// A running preview server.
pub struct Server {
    url: String,
    local: SocketAddr,
    shared: Arc<Shared>,
    accept: JoinHandle<()>,
}

impl Server {
    /// The site's address, base path included (`http://127.0.0.1:1111/briefings/`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Blocks for as long as the server runs (until the process is stopped).
    pub fn wait(self) {
        let _ = self.accept.join();
    }

    /// Stops serving and rebuilding: the port is closed, open event streams end, and
    /// later changes on disk are ignored. For embedding (the latency benchmark); the
    /// command runs until Ctrl-C.
    pub fn stop(self) {
        self.shared.stopped.store(true, Ordering::SeqCst);
        // Wake the accept loop, which sees the flag and returns, closing the listener.
        let _ = std::net::TcpStream::connect(self.local);
        let _ = self.accept.join();
        self.shared.hub.close_all();
    }
}

/// State shared by the connection threads and the rebuild thread.
pub(crate) struct Shared {
    root: PathBuf,
    /// `host:port` that URLs of the served site use.
    host: String,
    drafts: bool,
    /// Which Host headers are answered.
    hosts: hosts::HostPolicy,
    /// Distinguishes this server process in build ids, so pages reload after a restart.
    instance: String,
    hub: events::Hub,
    live: RwLock<Live>,
    connections: AtomicUsize,
    stopped: AtomicBool,
}

/// The site as currently served.
pub(crate) struct Live {
    project: Project,
    /// Counts rebuilds that changed something; with `instance`, the build id pages compare.
    generation: u64,
    /// What every page gets besides the script: the error overlay while the project has
    /// errors; else the findings of the last change (an overlay for errors `sitrep build`
    /// would refuse, the panel for the rest). Empty when there is nothing to say.
    notices: String,
    /// The project has errors (no page may be up to date).
    broken: bool,
    base_path: String,
}

impl Shared {
    fn build_id(&self, generation: u64) -> String {
        format!("{}-{generation}", self.instance)
    }

    fn url(&self, base_path: &str) -> String {
        format!(
            "http://{}{}",
            self.host,
            http::percent_encode_path(base_path)
        )
    }
}

/// Renders the site, starts serving and watching, and prints where. Returns once the
/// server is ready; `Server::wait` keeps it running.
pub fn start(options: &ServeOptions) -> anyhow::Result<Server> {
    let root = std::path::absolute(&options.root)
        .with_context(|| format!("cannot resolve {}", options.root.display()))?;
    if !root.is_dir() {
        bail!("{} is not a folder", root.display());
    }
    let allowed = options
        .allow_hosts
        .iter()
        .map(|value| hosts::allowed_name(value))
        .collect::<Result<Vec<_>, _>>()
        .map_err(anyhow::Error::msg)?;
    let listener = bind(options.bind, options.port)?;
    let local = listener.local_addr()?;
    if !options.bind.is_loopback() {
        eprintln!(
            "\nWARNING: --bind {} makes the preview reachable from other machines.\n\
             Anyone who can reach this address can read the preview, unpublished work included.\n\
             Use it only on a network you trust; the default, 127.0.0.1, is private.\n\
             Requests must name this machine by {} (or by a name given with --allow-host).\n",
            options.bind,
            if options.bind.is_unspecified() {
                "IP address".to_string()
            } else {
                options.bind.to_string()
            }
        );
    }
    let host = url_host(local);
    // Watch before the first render, so nothing saved while it runs is missed: batches wait
    // in the channel until the site is ready.
    let (batches, pending) = mpsc::channel::<Vec<PathBuf>>();
    watch::spawn(root.clone(), move |paths| {
        let _ = batches.send(paths);
    })
    .map_err(|e| {
        anyhow::anyhow!(
            "cannot watch {} for changes: {e} (on Linux, raising fs.inotify.max_user_watches may help)",
            root.display()
        )
    })?;
    // The local address takes the place of base_url's host; its path stays, so every link
    // works as published. With a broken site.yaml, `/` until it is fixed.
    let base_path = config::load_config(&root)
        .map(|c| c.base_url.path)
        .unwrap_or_else(|_| "/".to_string());
    let (project, first) = open_project(&root, &host, &base_path, options.drafts);
    report_open(&project, &first);
    let notices = notices_for(&project, &first);
    let instance = format!(
        "{:x}{:x}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_millis()
    );
    let shared = Arc::new(Shared {
        root: root.clone(),
        host,
        drafts: options.drafts,
        hosts: hosts::HostPolicy::new(options.bind, allowed),
        instance,
        hub: events::Hub::default(),
        live: RwLock::new(Live {
            generation: 0,
            broken: !project.errors().is_empty(),
            notices,
            project,
            base_path: base_path.clone(),
        }),
        connections: AtomicUsize::new(0),
        stopped: AtomicBool::new(false),
    });
    let rebuild_shared = shared.clone();
    std::thread::Builder::new()
        .name("sitrep-rebuild".into())
        .spawn(move || {
            let mut fired = None;
            while let Some(mut paths) = next_change(&rebuild_shared, &pending, &mut fired) {
                // Batches that arrived while the last rebuild ran are applied together.
                while let Ok(more) = pending.try_recv() {
                    paths.extend(more);
                }
                paths.sort();
                paths.dedup();
                rebuild(&rebuild_shared, &paths);
            }
        })?;
    let url = shared.url(&base_path);
    let accept_shared = shared.clone();
    let accept = std::thread::Builder::new()
        .name("sitrep-accept".into())
        .spawn(move || server::accept_loop(listener, accept_shared))?;
    println!("Serving {url}");
    println!(
        "  from memory (public/ is not touched), watching content/, pages/, terms/, templates/, static/, themes/ and {CONFIG_FILE}.\n  Press Ctrl-C to stop."
    );
    Ok(Server {
        url,
        local,
        shared,
        accept,
    })
}

/// Binds `ip:port`; when the port is taken, the next free one (and says so).
fn bind(ip: IpAddr, port: u16) -> anyhow::Result<TcpListener> {
    if port == 0 {
        return TcpListener::bind((ip, 0)).with_context(|| format!("cannot listen on {ip}"));
    }
    let last = port.saturating_add(PORT_ATTEMPTS);
    for candidate in port..=last {
        match TcpListener::bind((ip, candidate)) {
            Ok(listener) => {
                if candidate != port {
                    println!("Port {port} is in use; using port {candidate} instead.");
                }
                return Ok(listener);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => {
                return Err(e).with_context(|| {
                    format!("cannot listen on {}", SocketAddr::new(ip, candidate))
                });
            }
        }
    }
    bail!(
        "ports {port} to {last} are all in use on {ip}; choose another with --port (0: any free port)"
    )
}

/// `host:port` for URLs: a wildcard address is reached through loopback locally.
fn url_host(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, addr.port()).to_string()
}

fn open_project(root: &Path, host: &str, base_path: &str, drafts: bool) -> (Project, Update) {
    Project::open(ProjectOptions {
        root: root.to_path_buf(),
        base_url: Some(format!("http://{host}{base_path}")),
        drafts,
    })
}

/// What pages show after `update`: see `Live::notices`.
fn notices_for(project: &Project, update: &Update) -> String {
    let root = project.root();
    let errors = project.errors();
    if !errors.is_empty() {
        return inject::overlay(errors, root, inject::Shown::LastGood);
    }
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = update
        .findings
        .iter()
        .cloned()
        .partition(Diagnostic::is_error);
    let mut html = String::new();
    if !errors.is_empty() {
        html.push_str(&inject::overlay(&errors, root, inject::Shown::Latest));
    }
    html.push_str(&inject::panel(
        &warnings,
        &update.left_out,
        &update.other_findings,
        root,
    ));
    html
}

/// The paths of the next change, or none when a scheduled briefing's `publish_at:` time
/// has come (so the preview publishes it as the build would); `None` once watching stopped.
/// `fired` is the last time that came: while the site has errors, the model keeps its
/// clock and the same time stays due, so it waits for an edit instead of building again.
fn next_change(
    shared: &Shared,
    pending: &mpsc::Receiver<Vec<PathBuf>>,
    fired: &mut Option<jiff::Timestamp>,
) -> Option<Vec<PathBuf>> {
    loop {
        let due = shared
            .live
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .project
            .next_due();
        let Some(due) = due.filter(|due| Some(*due) != *fired) else {
            return pending.recv().ok();
        };
        let left = due.duration_since(crate::now());
        if left.is_negative() || left.is_zero() {
            *fired = Some(due);
            return Some(Vec::new());
        }
        // Looked at again at least every minute: the clock may jump (a laptop asleep).
        let wait = left.unsigned_abs().min(DUE_RECHECK);
        match pending.recv_timeout(wait) {
            Ok(paths) => return Some(paths),
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// How long the preview waits for a `publish_at:` time before looking at the clock again.
const DUE_RECHECK: Duration = Duration::from_secs(60);

/// Applies one batch of changed paths, tells the pages, and prints one line.
fn rebuild(shared: &Shared, paths: &[PathBuf]) {
    if shared.stopped.load(Ordering::SeqCst) {
        return;
    }
    let mut live = shared.live.write().unwrap_or_else(|e| e.into_inner());
    // A new base path in site.yaml changes every URL: open the site again under it.
    let new_base = paths
        .contains(&shared.root.join(CONFIG_FILE))
        .then(|| config::load_config(&shared.root).ok())
        .flatten()
        .map(|c| c.base_url.path)
        .filter(|path| *path != live.base_path);
    let update = match &new_base {
        Some(base_path) => {
            let (project, update) =
                open_project(&shared.root, &shared.host, base_path, shared.drafts);
            live.project = project;
            live.base_path = base_path.clone();
            update
        }
        None => live.project.apply(paths),
    };
    // A change that did nothing (saved as it was) leaves the notices as they were.
    let mut notices_changed = false;
    if update.checked || !update.errors.is_empty() || new_base.is_some() {
        let notices = notices_for(&live.project, &update);
        notices_changed = notices != live.notices;
        live.notices = notices;
    }
    live.broken = !live.project.errors().is_empty();
    let did_something = new_base.is_some()
        || !update.changed.is_empty()
        || !update.removed.is_empty()
        || !update.errors.is_empty()
        || update.recovered
        || notices_changed;
    if did_something {
        live.generation += 1;
    }
    let build = shared.build_id(live.generation);
    let notices = live.notices.clone();
    drop(live);
    let event = match new_base {
        Some(_) => Some(events::reload_all_event(&build)),
        None => events::update_event(&update, &build, &notices, notices_changed),
    };
    if let Some(event) = event {
        shared.hub.broadcast(&event);
    }
    let what = describe(&shared.root, paths);
    report_rebuild(&what, &update);
    if let Some(base_path) = new_base {
        println!(
            "  the base path is now {base_path}: serving {}",
            shared.url(&base_path)
        );
    }
}

fn report_open(project: &Project, update: &Update) {
    if update.errors.is_empty() {
        print_errors(&update.findings);
        println!(
            "Rendered the site in memory: {} files in {}",
            project.file_count(),
            millis(update.elapsed)
        );
        let found = found(&update.findings);
        if !found.is_empty() {
            println!("  The site has {}.", found.join("; "));
        }
    } else {
        print_errors(&update.errors);
        eprintln!(
            "The site has {}: the browser shows {} until {} fixed.",
            problems(update.errors.len()),
            if update.errors.len() == 1 {
                "it"
            } else {
                "them"
            },
            if update.errors.len() == 1 {
                "it is"
            } else {
                "they are"
            }
        );
    }
}

/// One line per rebuild: what changed, what was re-rendered, how long it took.
fn report_rebuild(what: &str, update: &Update) {
    let stamp = jiff::ZonedDateTime::now().strftime("%H:%M:%S").to_string();
    if !update.errors.is_empty() {
        print_errors(&update.errors);
        eprintln!(
            "[{stamp}] {what} changed: {} to fix; still serving the last good version (the browser shows the problems)",
            problems(update.errors.len())
        );
        return;
    }
    let time = millis(update.elapsed);
    let removed = match update.removed.len() {
        0 => String::new(),
        n => format!(", {n} removed"),
    };
    let rendered = count(update.rendered, "page", "pages");
    // The findings first, as `sitrep build` prints them; the line ends with their count.
    print_errors(&update.findings);
    let found: String = found(&update.findings)
        .iter()
        .map(|part| format!("; {part}"))
        .collect();
    let nothing = update.rendered == 0 && update.changed.is_empty() && update.removed.is_empty();
    if update.recovered {
        // Errors that stopped the preview are fixed, but `check`'s (a broken link) may remain.
        let state = if update.findings.iter().any(Diagnostic::is_error) {
            "the site renders again"
        } else {
            "the problems are fixed"
        };
        println!(
            "[{stamp}] {what} changed: {state}; {rendered} re-rendered{removed} in {time}{found}"
        );
    } else if nothing && !update.left_out.is_empty() {
        // Saved, but not shown: say why instead of "nothing to re-render".
        for note in &update.left_out {
            println!("[{stamp}] {note} ({time})");
        }
        return;
    } else if nothing {
        println!("[{stamp}] {what} changed: nothing to re-render ({time}){found}");
    } else {
        println!("[{stamp}] {what} changed: {rendered} re-rendered{removed} in {time}{found}");
    }
    for note in &update.left_out {
        println!("  {note}");
    }
}

/// How many errors (which `sitrep build` would refuse) and warnings `findings` has, in words.
fn found(findings: &[Diagnostic]) -> Vec<String> {
    let errors = findings.iter().filter(|d| d.is_error()).count();
    let warnings = findings.len() - errors;
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(format!(
            "{}: sitrep build would refuse the site until {} fixed (the browser shows {})",
            count(errors, "error", "errors"),
            if errors == 1 { "it is" } else { "they are" },
            if errors == 1 { "it" } else { "them" }
        ));
    }
    if warnings > 0 {
        parts.push(count(warnings, "warning", "warnings"));
    }
    parts
}

fn print_errors(errors: &[Diagnostic]) {
    for d in errors {
        eprintln!("{d}\n");
    }
}

/// `content/x.md`, `content/x.md, site.yaml`, or `5 files`.
fn describe(root: &Path, paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "the clock (a `publish_at:` time came)".to_string();
    }
    if paths.len() > 3 {
        return format!("{} files", paths.len());
    }
    paths
        .iter()
        .map(|p| {
            p.strip_prefix(root)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn problems(n: usize) -> String {
    count(n, "problem", "problems")
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn millis(duration: Duration) -> String {
    format!("{} ms", duration.as_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn console_descriptions() {
        let root = Path::new("/site");
        let paths: Vec<PathBuf> = ["content/a.md", "site.yaml"]
            .iter()
            .map(|p| root.join(p))
            .collect();
        assert_eq!(describe(root, &paths), "content/a.md, site.yaml");
        let many: Vec<PathBuf> = (0..5)
            .map(|i| root.join(format!("content/{i}.md")))
            .collect();
        assert_eq!(describe(root, &many), "5 files");
        assert_eq!(count(1, "page", "pages"), "1 page");
        assert_eq!(count(11, "page", "pages"), "11 pages");
    }

    #[test]
    fn wildcard_addresses_are_reached_through_loopback() {
        assert_eq!(url_host("0.0.0.0:1111".parse().unwrap()), "127.0.0.1:1111");
        assert_eq!(url_host("[::]:80".parse().unwrap()), "[::1]:80");
        assert_eq!(
            url_host("203.0.113.5:1111".parse().unwrap()),
            "203.0.113.5:1111"
        );
    }
}
