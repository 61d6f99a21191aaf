//! Soak: the preview equals the build, on a large site. Starts `sitrep serve` (the release
//! binary, as a child process) on a generated site, applies seeded random edits one by one,
//! waiting for each to be applied, and at checkpoints compares a fresh build (`sitrep::build`
//! in process, unchecked: the preview renders states `sitrep build` refuses to publish) with
//! what the preview serves, byte for byte once the notices and the reload script the server
//! adds are removed; samples the preview's VmRSS, open fds and threads.
//!
//!     cargo run --release --example soak -- --n 10000 --edits 1000 [--seed S]
//!     cargo run --release --example soak -- --small --n 300 --edits 200 --seed S --check-every 1
//!
//! The corpus comes from examples/gen_corpus.rs (`--flavor plain --work full`: tags, regions
//! and actors, lists 10 per page), or with `--small` from the soak test's own generator, so
//! a failing `cargo test` seed can be replayed here with a comparison after every edit (which
//! names the edit that made each difference). The parts are shared with the test, in
//! tests/it/soak/. Exits 1 when the preview and the build differ or a resource grew.
//! README: "Soak: the preview equals the build".

#[path = "../tests/it/soak"]
#[allow(dead_code)]
mod soak {
    pub mod compare;
    pub mod corpus;
    pub mod edits;
    pub mod model;
    pub mod preview;
    pub mod run;
}

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use clap::Parser;

#[derive(Parser)]
#[command(about = "Soak test: random edits under `sitrep serve`, compared with `sitrep build`")]
struct Args {
    /// Briefings in the generated site
    #[arg(long, default_value_t = 10_000)]
    n: usize,
    /// Random edits to apply
    #[arg(long, default_value_t = 1000)]
    edits: usize,
    /// Seed of the edits (the same seed gives the same edits)
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Compare with a fresh build every this many edits (and always at the end)
    #[arg(long, default_value_t = 250)]
    check_every: usize,
    /// Sample the preview's VmRSS, fds and threads every this many edits
    #[arg(long, default_value_t = 100)]
    sample_every: usize,
    /// Use the soak test's small generator (seeded with --seed) instead of gen_corpus
    #[arg(long)]
    small: bool,
    /// Work in this folder (it must not exist) and keep it, instead of a temporary one
    #[arg(long)]
    keep: Option<PathBuf>,
    /// Print every edit as it is applied
    #[arg(long)]
    verbose: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    // On tmpfs when there is one: the checkpoint builds write and delete ~20,000 files each,
    // which on this machine's ext4 slows whatever creates files next (README, Benchmarks).
    let shm = Path::new("/dev/shm");
    let temp = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .expect("temp dir");
    let work = match &args.keep {
        Some(dir) => {
            assert!(!dir.exists(), "{} exists", dir.display());
            std::fs::create_dir_all(dir).unwrap();
            std::path::absolute(dir).unwrap()
        }
        None => temp.path().to_path_buf(),
    };
    let root = work.join("site");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!(
        "soak: seed {} ({} edits; `--seed {}` repeats them), {} briefings from {}",
        args.seed,
        args.edits,
        args.seed,
        args.n,
        if args.small {
            "the soak test's generator"
        } else {
            "gen_corpus --flavor plain --work full (seed 42)"
        }
    );
    let started = Instant::now();
    if args.small {
        soak::corpus::generate(&root, args.n, args.seed);
    } else {
        cargo(
            &[
                "run",
                "--release",
                "--quiet",
                "--example",
                "gen_corpus",
                "--",
            ],
            |c| {
                c.args([
                    "--n",
                    &args.n.to_string(),
                    "--flavor",
                    "plain",
                    "--work",
                    "full",
                    "--out",
                ])
                .arg(&root);
            },
        );
    }
    println!("generated in {:.1} s", started.elapsed().as_secs_f64());
    // The release binary beside this example (target/release/examples/soak → target/release).
    cargo(
        &["build", "--release", "--quiet", "--bin", "sitrep"],
        |_| {},
    );
    let bin = std::env::current_exe()
        .unwrap()
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .join(format!("sitrep{}", std::env::consts::EXE_SUFFIX));
    let checkpoints = (1..)
        .map(|k| k * args.check_every.max(1))
        .take_while(|&k| k < args.edits)
        .collect();
    let report = soak::run::run(&soak::run::Options {
        bin,
        root,
        work: work.clone(),
        theme: repo.join("themes/default"),
        edits: args.edits,
        seed: args.seed,
        checkpoints,
        sample_every: args.sample_every.max(1),
        rebuild_timeout: Duration::from_secs(120),
        settle: Duration::from_millis(50),
        verbose: args.verbose,
    });
    println!("\n{}", report.render());
    if args.keep.is_some() {
        println!("the site is in {}", work.display());
    }
    // Returned, not `process::exit`, so the temporary folder is removed.
    if report.differing_paths().is_empty() && report.flags.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Runs cargo in this repository; panics unless it succeeds.
fn cargo(args: &[&str], more: impl FnOnce(&mut Command)) {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    more(&mut command);
    let status = command.status().expect("run cargo");
    assert!(status.success(), "cargo {} failed", args.join(" "));
}
