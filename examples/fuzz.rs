//! The long fuzz run: the fuzz targets of the property tests (`tests/it/fuzz_cases.rs`,
//! included below), run for a given time instead of a fixed number of cases.
//!
//!     cargo run --release --example fuzz -- --minutes 10 --target fast-path|loader|markdown
//!         [--seed N] [--findings DIR]
//!     cargo run --release --example fuzz -- --target loader --replay FILE
//!
//! Reports the cases run, cases per second and the findings. Each finding is shrunk (by
//! proptest) to a minimal input, printed as a Rust string literal and saved, raw, under
//! `target/fuzz-findings/` (or DIR) for `--replay`. Exits 1 when something was found.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

use proptest::strategy::{BoxedStrategy, Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

#[path = "../tests/it/fuzz_cases.rs"]
mod fuzz_cases;

type Property = fn(&str) -> Result<(), String>;

const TARGETS: &str = "fast-path, loader or markdown";

/// Distinct findings kept; more would mostly repeat one bug.
const MAX_FINDINGS: usize = 20;

struct Args {
    target: String,
    minutes: f64,
    seed: u64,
    findings: PathBuf,
    replay: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!(
                "{message}\nusage: fuzz --target {TARGETS} [--minutes M] [--seed N] [--findings DIR] [--replay FILE]"
            );
            return ExitCode::from(2);
        }
    };
    let (strategy, property): (BoxedStrategy<String>, Property) = match args.target.as_str() {
        "fast-path" => (
            fuzz_cases::front_matter().boxed(),
            fuzz_cases::check_fast_path,
        ),
        "loader" => (
            fuzz_cases::briefing_file().boxed(),
            fuzz_cases::check_loader,
        ),
        "markdown" => (fuzz_cases::body().boxed(), fuzz_cases::check_markdown),
        other => {
            eprintln!("unknown target `{other}`: use {TARGETS}");
            return ExitCode::from(2);
        }
    };
    // A panic is a finding: report it with its message, not the default hook's noise.
    std::panic::set_hook(Box::new(|_| {}));
    if let Some(file) = &args.replay {
        return replay(file, property);
    }
    fuzz(&args, &strategy, property)
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        target: String::new(),
        minutes: 1.0,
        seed: SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64),
        findings: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-findings"),
        replay: None,
    };
    let mut words = std::env::args().skip(1);
    while let Some(flag) = words.next() {
        let mut value = || words.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--target" => args.target = value()?,
            "--minutes" => {
                args.minutes = value()?.parse().map_err(|_| "--minutes takes a number")?;
            }
            "--seed" => args.seed = value()?.parse().map_err(|_| "--seed takes a number")?,
            "--findings" => args.findings = value()?.into(),
            "--replay" => args.replay = Some(value()?.into()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if args.target.is_empty() {
        return Err("--target is required".into());
    }
    Ok(args)
}

/// Runs `property` on `input`; a panic is a failure with its message.
fn run(property: Property, input: &str) -> Result<(), String> {
    match catch_unwind(AssertUnwindSafe(|| property(input))) {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!("panicked: {message}"))
        }
    }
}

fn replay(file: &PathBuf, property: Property) -> ExitCode {
    let input = match std::fs::read(file) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            eprintln!("cannot read {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    match run(property, &input) {
        Ok(()) => {
            println!("passes: {input:?}");
            ExitCode::SUCCESS
        }
        Err(why) => {
            println!("fails: {why}\ninput: {input:?}");
            ExitCode::FAILURE
        }
    }
}

fn fuzz(args: &Args, strategy: &BoxedStrategy<String>, property: Property) -> ExitCode {
    let mut seed = [0u8; 32];
    seed[..8].copy_from_slice(&args.seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed),
    );
    println!(
        "fuzzing {} for {} min (seed {})",
        args.target, args.minutes, args.seed
    );
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(args.minutes * 60.0);
    let mut next_report = start + Duration::from_secs(60);
    let mut cases: u64 = 0;
    let mut seen = HashSet::new();
    let mut findings = 0;
    while Instant::now() < deadline && findings < MAX_FINDINGS {
        for _ in 0..64 {
            let mut tree = match strategy.new_tree(&mut runner) {
                Ok(tree) => tree,
                Err(why) => {
                    eprintln!("cannot generate a case: {why}");
                    return ExitCode::from(2);
                }
            };
            cases += 1;
            let Err(why) = run(property, &tree.current()) else {
                continue;
            };
            let (input, why) = shrink(tree.as_mut(), property, why);
            if seen.insert(signature(&why)) {
                findings += 1;
                report(args, findings, &input, &why);
            }
        }
        if Instant::now() >= next_report {
            next_report += Duration::from_secs(60);
            println!(
                "  {:>4.0} s: {cases} cases, {findings} findings",
                start.elapsed().as_secs_f64()
            );
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    if args.target == "fast-path" {
        // Shrinking runs count too; they are few.
        let answered = fuzz_cases::FAST_PATH_ANSWERED.load(std::sync::atomic::Ordering::Relaxed);
        println!(
            "the fast path answered {answered} cases ({:.0}%), each checked against the crate",
            answered as f64 * 100.0 / cases.max(1) as f64
        );
    }
    println!(
        "target {}: {cases} cases in {seconds:.0} s ({:.0} cases per second), {findings} findings",
        args.target,
        cases as f64 / seconds
    );
    if findings == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Proptest's shrinking: simplify while the case still fails, else step back.
fn shrink(
    tree: &mut dyn ValueTree<Value = String>,
    property: Property,
    mut why: String,
) -> (String, String) {
    let mut best = tree.current();
    if !tree.simplify() {
        return (best, why);
    }
    for _ in 0..100_000 {
        let candidate = tree.current();
        let more = match run(property, &candidate) {
            Err(failure) => {
                best = candidate;
                why = failure;
                tree.simplify()
            }
            Ok(()) => tree.complicate(),
        };
        if !more {
            break;
        }
    }
    (best, why)
}

/// What makes two findings the same bug: the first line of the message without its
/// numbers and quoted parts (which come from the input).
fn signature(why: &str) -> String {
    let mut quote = None;
    let mut out = String::new();
    for c in why.lines().next().unwrap_or_default().chars() {
        match (quote, c) {
            (None, '`' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, c) if c.is_ascii_digit() => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            (None, c) => out.push(c),
        }
    }
    out.chars().take(100).collect()
}

fn report(args: &Args, n: usize, input: &str, why: &str) {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    input.hash(&mut hasher);
    let file = args
        .findings
        .join(format!("{}-{:016x}.txt", args.target, hasher.finish()));
    let saved = std::fs::create_dir_all(&args.findings)
        .and_then(|()| std::fs::write(&file, input))
        .map_or_else(
            |e| format!("not saved: {e}"),
            |()| file.display().to_string(),
        );
    println!("finding {n}: {why}\n  minimal input: {input:?}\n  saved: {saved}");
}
