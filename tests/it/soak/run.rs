//! The soak itself: start the preview on a site, apply seeded random edits one by one (each
//! waited for until the preview printed its rebuild), compare with a fresh build at the
//! checkpoints, sample the preview's memory, descriptors and threads, and report.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::compare::{self, Difference};
use super::edits::{Edit, Editor, Kind};
use super::model::Model;
use super::preview::{Preview, Sample};

pub struct Options {
    /// The `sitrep` binary.
    pub bin: PathBuf,
    /// The site (site.yaml + content/), edited in place.
    pub root: PathBuf,
    /// A folder for the checkpoint builds.
    pub work: PathBuf,
    /// The repository's themes/default (template edits copy from it).
    pub theme: PathBuf,
    pub edits: usize,
    pub seed: u64,
    /// Compare after these many edits (besides before the first and after the last).
    pub checkpoints: Vec<usize>,
    /// Sample the preview's resources every this many edits.
    pub sample_every: usize,
    /// How long an edit may take to show up as a rebuild line.
    pub rebuild_timeout: Duration,
    /// After an edit's rebuild line, how long to wait for further ones before the next edit.
    pub settle: Duration,
    /// Print each edit as it is applied, and progress.
    pub verbose: bool,
}

#[derive(Default)]
pub struct KindStats {
    pub count: usize,
    /// Milliseconds from the start of the edit to its (first) rebuild line.
    pub times: Vec<f64>,
    /// Edits that got no rebuild line within the timeout.
    pub missed: usize,
    /// Checkpoints with new differences that this kind of edit came before (exact with a
    /// checkpoint after every edit).
    pub before_new_differences: usize,
}

pub struct CheckpointRow {
    pub after: usize,
    pub build: Duration,
    pub compare: Duration,
    pub files: usize,
    pub probed: usize,
    pub differences: Vec<Difference>,
    /// Differences not present at the previous checkpoint.
    pub new: Vec<Difference>,
    /// The edits since the previous checkpoint.
    pub edits: Vec<Edit>,
    /// The notices the preview's pages carried (removed before comparing).
    pub notices: BTreeSet<&'static str>,
}

#[derive(Default)]
pub struct Split {
    pub edits: Duration,
    pub settle: Duration,
    pub samples: Duration,
    pub checkpoints: Duration,
}

pub struct SampleRow {
    pub edits: usize,
    pub briefings: usize,
    pub sample: Sample,
}

pub struct Report {
    pub seed: u64,
    pub briefings_at_start: usize,
    pub edits: usize,
    pub start_time: Duration,
    pub elapsed: Duration,
    /// Where the time went: making the edits and waiting for their rebuild lines, waiting
    /// for quiet after them, sampling, checkpoints (waiting for quiet, building, comparing).
    pub split: Split,
    pub kinds: BTreeMap<Kind, KindStats>,
    pub checkpoints: Vec<CheckpointRow>,
    pub samples: Vec<SampleRow>,
    pub rebuilds: usize,
    pub failed_rebuilds: usize,
    pub updates: usize,
    pub reload_all: usize,
    pub missed: Vec<Edit>,
    pub flags: Vec<String>,
}

pub fn run(options: &Options) -> Report {
    let started = Instant::now();
    let model = Model::scan(&options.root);
    let briefings_at_start = model.docs.len();
    let mut editor = Editor::new(model, options.seed, &options.theme);
    let mut preview = Preview::start(&options.bin, &options.root, Duration::from_secs(300));
    let start_time = started.elapsed();
    if options.verbose {
        println!(
            "preview (pid {}) serving {} after {:.1} s",
            preview.pid,
            preview.url,
            start_time.as_secs_f64()
        );
    }
    let mut stops: BTreeSet<usize> = options.checkpoints.iter().copied().collect();
    stops.insert(0);
    stops.insert(options.edits);

    let mut report = Report {
        seed: options.seed,
        briefings_at_start,
        edits: options.edits,
        start_time,
        elapsed: Duration::ZERO,
        split: Split::default(),
        kinds: BTreeMap::new(),
        checkpoints: Vec::new(),
        samples: Vec::new(),
        rebuilds: 0,
        failed_rebuilds: 0,
        updates: 0,
        reload_all: 0,
        missed: Vec::new(),
        flags: Vec::new(),
    };
    let mut since_checkpoint: Vec<Edit> = Vec::new();
    let mut previous: BTreeSet<String> = BTreeSet::new();
    let mut checkpoint_due = false;
    let mut removals = Vec::new();
    for i in 0..=options.edits {
        if i > 0 {
            let before = preview.rebuilds();
            let edit_started = Instant::now();
            // The edits depend on the seed and the number of edits only (not on where the
            // checkpoints are), so a run with more checkpoints replays the same edits.
            let edit = editor.next(i, options.edits);
            let applied = preview.wait_rebuild(before, options.rebuild_timeout);
            let ms = edit_started.elapsed().as_secs_f64() * 1000.0;
            report.split.edits += edit_started.elapsed();
            let quiet_started = Instant::now();
            preview.wait_quiet(options.settle, options.rebuild_timeout);
            report.split.settle += quiet_started.elapsed();
            let stats = report.kinds.entry(edit.kind).or_default();
            stats.count += 1;
            match applied {
                Ok(()) => stats.times.push(ms),
                Err(()) => {
                    stats.missed += 1;
                    report.missed.push(edit.clone());
                }
            }
            if options.verbose {
                println!(
                    "#{i:<5} {:>7.0} ms  {:<32} {}{}",
                    ms,
                    edit.kind.name(),
                    edit.detail,
                    if applied.is_err() {
                        "  [no rebuild line]"
                    } else {
                        ""
                    }
                );
            } else if options.edits >= 500 && i % 50 == 0 {
                println!("  {i} edits, {:.0} s", started.elapsed().as_secs_f64());
            }
            since_checkpoint.push(edit);
        }
        if i > 0 && i % options.sample_every == 0 {
            let sample_started = Instant::now();
            preview.wait_quiet(Duration::from_millis(300), options.rebuild_timeout);
            let reference = report.samples.first().map(|s| s.sample);
            if let Some(sample) = sample_settled(&preview, reference) {
                report.samples.push(SampleRow {
                    edits: i,
                    briefings: editor.model.docs.len(),
                    sample,
                });
            }
            report.split.samples += sample_started.elapsed();
        }
        checkpoint_due |= stops.contains(&i);
        // A build fails while a file is broken: compare once it is fixed.
        if checkpoint_due && editor.model.broken_docs().is_empty() {
            checkpoint_due = false;
            let checkpoint_started = Instant::now();
            // Every batch the watcher may still deliver is applied.
            preview.wait_quiet(Duration::from_millis(300), options.rebuild_timeout);
            let out = options.work.join(format!("build-{i}"));
            let mut candidates = editor.model.candidates.clone();
            candidates.extend(preview.events.lock().unwrap().pages.iter().cloned());
            let checkpoint = compare::checkpoint(&options.root, &out, &preview, &candidates);
            // Removed beside the next edits: deleting a build's files takes seconds on a
            // busy disk.
            removals.push(std::thread::spawn(move || {
                let _ = std::fs::remove_dir_all(&out);
            }));
            editor.model.note_build(&checkpoint.written);
            let new: Vec<Difference> = checkpoint
                .differences
                .iter()
                .filter(|d| !previous.contains(&d.path))
                .cloned()
                .collect();
            previous = checkpoint
                .differences
                .iter()
                .map(|d| d.path.clone())
                .collect();
            if !new.is_empty() {
                let kinds: BTreeSet<Kind> = since_checkpoint.iter().map(|e| e.kind).collect();
                for kind in kinds {
                    report.kinds.entry(kind).or_default().before_new_differences += 1;
                }
            }
            if options.verbose {
                println!(
                    "checkpoint after {i} edits: {} files, {} differing ({} new), build {:.1} s, compare {:.1} s",
                    checkpoint.files,
                    checkpoint.differences.len(),
                    new.len(),
                    checkpoint.build_time.as_secs_f64(),
                    checkpoint.compare_time.as_secs_f64()
                );
            }
            report.checkpoints.push(CheckpointRow {
                after: i,
                build: checkpoint.build_time,
                compare: checkpoint.compare_time,
                files: checkpoint.files,
                probed: checkpoint.probed,
                differences: checkpoint.differences,
                new,
                edits: std::mem::take(&mut since_checkpoint),
                notices: checkpoint.notices,
            });
            report.split.checkpoints += checkpoint_started.elapsed();
        }
    }
    assert!(!checkpoint_due, "files still broken after the last edit");
    for removal in removals {
        let _ = removal.join();
    }
    report.rebuilds = preview.rebuilds();
    report.failed_rebuilds = preview.failed_rebuilds();
    {
        let events = preview.events.lock().unwrap();
        report.updates = events.updates;
        report.reload_all = events.reload_all;
        if events.closed {
            report
                .flags
                .push("the reload stream closed during the run".into());
        }
    }
    report.flags.extend(resource_flags(&report.samples));
    report.elapsed = started.elapsed();
    report
}

/// Growth beyond noise. Open fds and threads must come back to the count of the first
/// sample. VmRSS swings with what the last edits did (a template or site.yaml edit renders
/// every page again, and the allocator keeps freed memory for a while), so what must not rise
/// is its floor: the lowest of the last third of the samples may be at most 10% above the
/// lowest of the first third.
fn resource_flags(samples: &[SampleRow]) -> Vec<String> {
    let mut flags = Vec::new();
    let Some(first) = samples.first() else {
        return flags;
    };
    let (reference, at) = (first.sample, first.edits);
    for row in &samples[1..] {
        let s = row.sample;
        if s.fds != reference.fds {
            flags.push(format!(
                "open fds after {} edits: {} (after {at}: {})",
                row.edits, s.fds, reference.fds
            ));
        }
        if s.threads != reference.threads {
            flags.push(format!(
                "threads after {} edits: {} (after {at}: {})",
                row.edits, s.threads, reference.threads
            ));
        }
    }
    let third = samples.len().div_ceil(3);
    let floor = |rows: &[SampleRow]| rows.iter().map(|r| r.sample.rss_kib).min().unwrap();
    let (early, late) = (
        floor(&samples[..third]),
        floor(&samples[samples.len() - third..]),
    );
    if late as f64 > early as f64 * 1.10 {
        flags.push(format!(
            "VmRSS floor rose from {:.1} MiB (lowest of the first {third} samples) to {:.1} MiB \
             (lowest of the last {third}), more than 10%",
            mib(early),
            mib(late)
        ));
    }
    flags
}

/// A sample; when fds or threads differ from `reference`, a second look a second later (a
/// connection may still be closing).
fn sample_settled(preview: &Preview, reference: Option<Sample>) -> Option<Sample> {
    let sample = preview.sample()?;
    match reference {
        Some(r) if r.fds != sample.fds || r.threads != sample.threads => {
            std::thread::sleep(Duration::from_secs(1));
            preview.sample()
        }
        _ => Some(sample),
    }
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn median(values: &[f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

impl Report {
    /// Differing paths over all checkpoints (a path differing at several counts once).
    pub fn differing_paths(&self) -> BTreeSet<&str> {
        self.checkpoints
            .iter()
            .flat_map(|c| c.differences.iter().map(|d| d.path.as_str()))
            .collect()
    }

    /// Differing paths whose every difference lies in a link to another briefing's file.
    pub fn file_link_only(&self) -> BTreeSet<&str> {
        let mut other = BTreeSet::new();
        let mut link = BTreeSet::new();
        for d in self.checkpoints.iter().flat_map(|c| &c.differences) {
            if d.problem.contains(compare::FILE_LINK) {
                link.insert(d.path.as_str());
            } else {
                other.insert(d.path.as_str());
            }
        }
        link.difference(&other).copied().collect()
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "soak: seed {}, {} briefings at the start, {} edits in {:.0} s (preview started in {:.1} s)",
            self.seed,
            self.briefings_at_start,
            self.edits,
            self.elapsed.as_secs_f64(),
            self.start_time.as_secs_f64()
        );
        let split = &self.split;
        let _ = writeln!(
            out,
            "time: edits and their rebuild lines {:.1} s, quiet after them {:.1} s, samples {:.1} s, \
             checkpoints {:.1} s",
            split.edits.as_secs_f64(),
            split.settle.as_secs_f64(),
            split.samples.as_secs_f64(),
            split.checkpoints.as_secs_f64()
        );
        let _ = writeln!(
            out,
            "preview: {} rebuilds ({} left the site with errors), {} reload events ({} reload-all)",
            self.rebuilds, self.failed_rebuilds, self.updates, self.reload_all
        );
        let _ = writeln!(
            out,
            "\nedits, by kind (time: edit start → its rebuild line):"
        );
        let _ = writeln!(
            out,
            "  {:<32} {:>5} {:>10} {:>9} {:>7} {:>20}",
            "kind", "count", "median ms", "max ms", "missed", "before new diffs*"
        );
        for (kind, s) in &self.kinds {
            let max = s.times.iter().copied().fold(f64::NAN, f64::max);
            let _ = writeln!(
                out,
                "  {:<32} {:>5} {:>10.0} {:>9.0} {:>7} {:>20}",
                kind.name(),
                s.count,
                median(&s.times),
                max,
                s.missed,
                s.before_new_differences
            );
        }
        let _ = writeln!(
            out,
            "  * checkpoints with new differences that followed this kind of edit (names the \
             culprit only with a checkpoint after every edit: --check-every 1)"
        );
        for edit in &self.missed {
            let _ = writeln!(
                out,
                "  no rebuild line within the timeout: #{} {}: {}",
                edit.index,
                edit.kind.name(),
                edit.detail
            );
        }
        let _ = writeln!(
            out,
            "\ncheckpoints (a fresh unchecked build vs the preview; notices: what the preview's \
             pages showed besides the script, removed before comparing):"
        );
        let _ = writeln!(
            out,
            "  {:>6} {:>8} {:>9} {:>7} {:>7} {:>10} {:>5}  notices",
            "edits", "build s", "compare s", "files", "probed", "differing", "new"
        );
        for c in &self.checkpoints {
            let _ = writeln!(
                out,
                "  {:>6} {:>8.1} {:>9.1} {:>7} {:>7} {:>10} {:>5}  {}",
                c.after,
                c.build.as_secs_f64(),
                c.compare.as_secs_f64(),
                c.files,
                c.probed,
                c.differences.len(),
                c.new.len(),
                if c.notices.is_empty() {
                    "-".to_string()
                } else {
                    c.notices.iter().copied().collect::<Vec<_>>().join(", ")
                }
            );
        }
        for c in self.checkpoints.iter().filter(|c| !c.new.is_empty()) {
            let _ = writeln!(
                out,
                "\nafter edit {}: {} new differing paths; the edits since the previous checkpoint:",
                c.after,
                c.new.len()
            );
            for edit in c.edits.iter().take(12) {
                let _ = writeln!(
                    out,
                    "    #{} {}: {}",
                    edit.index,
                    edit.kind.name(),
                    edit.detail
                );
            }
            if c.edits.len() > 12 {
                let _ = writeln!(out, "    … and {} more", c.edits.len() - 12);
            }
            for d in c.new.iter().take(15) {
                let _ = writeln!(out, "  {}: {}", d.path, d.problem);
            }
            if c.new.len() > 15 {
                let _ = writeln!(out, "  … and {} more paths", c.new.len() - 15);
            }
        }
        let _ = writeln!(out, "\npreview process (VmRSS, open fds, threads):");
        let _ = writeln!(
            out,
            "  {:>6} {:>9} {:>10} {:>9} {:>5} {:>7}",
            "edits", "briefings", "VmRSS MiB", "vs first", "fds", "threads"
        );
        let first = self.samples.first().map(|s| s.sample.rss_kib);
        for row in &self.samples {
            let change = first.map_or(0.0, |f| {
                (row.sample.rss_kib as f64 / f as f64 - 1.0) * 100.0
            });
            let _ = writeln!(
                out,
                "  {:>6} {:>9} {:>10.1} {:>8.1}% {:>5} {:>7}",
                row.edits,
                row.briefings,
                mib(row.sample.rss_kib),
                change,
                row.sample.fds,
                row.sample.threads
            );
        }
        if self.flags.is_empty() && !self.samples.is_empty() {
            let _ = writeln!(
                out,
                "  no growth beyond noise (fds and threads as at the first sample; VmRSS floor, \
                 the lowest of the last third of the samples, within +10% of the first third's)"
            );
        }
        for flag in &self.flags {
            let _ = writeln!(out, "  FLAG: {flag}");
        }
        let differing = self.differing_paths();
        let _ = writeln!(
            out,
            "\nresult: {} differing paths over {} checkpoints ({} of them only in links to \
             other briefings' files)",
            differing.len(),
            self.checkpoints.len(),
            self.file_link_only().len()
        );
        out
    }
}
