//! Latency of the live-reload preview: the time from saving a briefing to the reload event
//! arriving at a client of `sitrep serve`, on a large site.
//!
//!     cargo run --release --example serve_latency -- --n 10000
//!     cargo run --release --example serve_latency -- --corpus DIR   # DIR holds site.yaml and content/
//!
//! With `--n`, the benchmark corpus of N briefings is made by the project's own generator
//! (`cargo run --release --example gen_corpus -- --n N --out DIR --flavor plain`, seed 42,
//! the corpus `bench/run` uses) in a temporary folder. With `--corpus`, an existing site is
//! used as it is; the edited file is restored afterwards.
//!
//! Then, in one run: the full `sitrep build` of the corpus (the baseline), the preview
//! server started in this process on a free loopback port, a client connected to its event
//! stream, `--edits` saves of one briefing's body and `--edits` saves of its tags (each an
//! in-place `write`, as most editors do), each timed from the write to the `update` event
//! that lists the briefing's page. Prints medians (and min/max), and how much of each the
//! project's re-render took (the `elapsed_ms` of the event): the rest is the watcher, the
//! debounce and the event stream.
use std::io::{BufRead, BufReader, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use clap::Parser;

#[derive(Parser)]
struct Args {
    /// Generate a corpus of this many briefings (with examples/gen_corpus.rs)
    #[arg(long, default_value_t = 10_000, conflicts_with = "corpus")]
    n: usize,
    /// Use this site (site.yaml + content/) instead of generating one
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Edits of each kind
    #[arg(long, default_value_t = 10)]
    edits: usize,
}

// The allocator of the `sitrep` binary (src/main.rs), so the preview is timed as editors run
// it: with glibc's malloc, a tag edit at 10,000 briefings measured ~60% slower.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args = Args::parse();
    let temp = tempfile::tempdir().expect("temp dir");
    let root = match &args.corpus {
        Some(dir) => dir.clone(),
        None => {
            let root = temp.path().join("site");
            let started = Instant::now();
            generate(&root, args.n);
            println!(
                "generated {} briefings in {:.1} s",
                args.n,
                started.elapsed().as_secs_f64()
            );
            root
        }
    };
    let root = std::path::absolute(&root).unwrap();
    let target = pick_briefing(&root);
    let original = std::fs::read_to_string(&target).unwrap();
    let page = format!(
        "/{}/index.html",
        target.file_stem().unwrap().to_string_lossy()
    );

    // The baseline: a full build of the same corpus, written to a folder of its own.
    let started = Instant::now();
    let report = sitrep::build(&sitrep::BuildOptions {
        root: root.clone(),
        output: Some(temp.path().join("public")),
        base_url: None,
        drafts: false,
        unchecked: false,
    })
    .unwrap_or_else(|e| panic!("the corpus does not build: {e:?}"));
    let build_time = started.elapsed();
    // Flush what the generator and the build wrote before timing edits: the kernel's
    // writeback of ~20,000 fresh files would otherwise compete with the server for the cores.
    let _ = std::fs::remove_dir_all(temp.path().join("public"));
    let _ = std::process::Command::new("sync").status();

    let started = Instant::now();
    let server = sitrep::serve::start(&sitrep::serve::ServeOptions {
        root: root.clone(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        drafts: false,
        allow_hosts: Vec::new(),
    })
    .expect("start the server");
    let start_time = started.elapsed();
    let events = subscribe(server.url());

    let body = |i: usize| original.replacen("\n---\n", &format!("\n---\nEdit number {i}.\n\n"), 1);
    let tags = |i: usize| original.replacen("tags: [", &format!("tags: [\"bench-tag-{i}\", "), 1);
    assert_ne!(tags(0), original, "{} has no `tags: [`", target.display());
    let body_times = measure(&target, &events, &page, args.edits, body);
    let tag_times = measure(&target, &events, &page, args.edits, tags);
    std::fs::write(&target, &original).unwrap();
    // Before the temporary corpus goes away, so its deletion is not watched.
    server.stop();

    println!();
    println!(
        "corpus: {} ({} briefings)",
        root.display(),
        report.briefings
    );
    println!("edited: {}", target.display());
    println!(
        "sitrep build, full (baseline): {:>8.0} ms  ({} pages, {} static files)",
        ms(build_time),
        report.pages,
        report.static_files
    );
    println!(
        "serve start, full render in memory: {:>3.0} ms",
        ms(start_time)
    );
    // Issue 14's targets, at 10,000 briefings.
    summary("body edit → reload event", &body_times, 20.0);
    summary("tag edit  → reload event", &tag_times, 50.0);
}

/// A briefing in the middle of the sorted content/ folder.
fn pick_briefing(root: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no briefings under {}", root.display());
    files[files.len() / 2].clone()
}

/// Connects to the server's event stream; yields (arrival time, data) of `update` events.
fn subscribe(url: &str) -> mpsc::Receiver<(Instant, String)> {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_at(rest.find('/').unwrap());
    let mut stream = TcpStream::connect(host).expect("connect");
    stream.set_nodelay(true).unwrap();
    write!(
        stream,
        "GET {path}__sitrep/events HTTP/1.1\r\nHost: {host}\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    let (hello_tx, hello_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { return };
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(data) = line.strip_prefix("data: ") {
                let now = Instant::now();
                if event == "hello" {
                    let _ = hello_tx.send(());
                } else if event == "update" && tx.send((now, data.to_string())).is_err() {
                    return;
                }
            }
        }
    });
    hello_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("no hello on the event stream");
    rx
}

/// Writes `edit(i)` to `target` `count` times; for each, the time until an update event
/// lists `page`, and the rebuild time the event reports.
fn measure(
    target: &Path,
    events: &mpsc::Receiver<(Instant, String)>,
    page: &str,
    count: usize,
    edit: impl Fn(usize) -> String,
) -> Vec<(f64, f64)> {
    let mut times = Vec::with_capacity(count);
    for i in 0..count {
        // Let the previous rebuild finish and its events arrive.
        std::thread::sleep(Duration::from_millis(300));
        while events.try_recv().is_ok() {}
        let text = edit(i);
        let written = Instant::now();
        std::fs::write(target, text).unwrap();
        loop {
            let (arrived, data) = events
                .recv_timeout(Duration::from_secs(60))
                .expect("no update event within 60 s");
            assert!(
                !data.contains("\"all\":true"),
                "the edit made the site fail or reload everything: {data}"
            );
            let data: serde_json::Value = serde_json::from_str(&data).unwrap();
            let listed = data["pages"].as_array().is_some_and(|pages| {
                pages
                    .iter()
                    .any(|p| p.as_str().is_some_and(|p| p.ends_with(page)))
            });
            if listed {
                let rebuild = data["elapsed_ms"].as_f64().unwrap_or(f64::NAN);
                times.push((ms(arrived - written), rebuild));
                break;
            }
        }
    }
    times
}

fn summary(label: &str, times: &[(f64, f64)], target_ms: f64) {
    let total: Vec<f64> = times.iter().map(|t| t.0).collect();
    let rebuild: Vec<f64> = times.iter().map(|t| t.1).collect();
    let overhead: Vec<f64> = times.iter().map(|t| t.0 - t.1).collect();
    let median_total = median(&total);
    println!(
        "{label}: median {median_total:>5.1} ms (min {:.1}, max {:.1}; {} edits) — of which re-rendering {:.1} ms, \
         watching + debounce + event {:.1} ms — target ≤ {target_ms} ms: {}",
        min(&total),
        max(&total),
        times.len(),
        median(&rebuild),
        median(&overhead),
        if median_total <= target_ms {
            "met"
        } else {
            "NOT met"
        }
    );
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

fn min(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::INFINITY, f64::min)
}

fn max(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::NEG_INFINITY, f64::max)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs the project's corpus generator (examples/gen_corpus.rs) into `root`.
fn generate(root: &Path, n: usize) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args([
            "run",
            "--release",
            "--quiet",
            "--example",
            "gen_corpus",
            "--",
        ])
        .args(["--n", &n.to_string(), "--flavor", "plain", "--out"])
        .arg(root)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("run cargo");
    assert!(status.success(), "gen_corpus failed");
}
