//! Times incremental rebuilds of a site in memory:
//! `cargo run --release --example incremental -- ROOT [EDITS]` (default 10 edits of each kind).
//! Edits one briefing's body, then its tags, EDITS times each, and prints the median rebuild
//! time next to the time of the initial full render. With many edits, it is what to profile.
use std::path::PathBuf;
use std::time::Instant;

use sitrep::project::{Project, ProjectOptions};

// The allocator of the `sitrep` binary (src/main.rs), so the preview is timed as editors run
// it: with glibc's malloc, a tag edit at 10,000 briefings measured ~60% slower.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: incremental ROOT [EDITS]"),
    );
    let edits: usize = std::env::args()
        .nth(2)
        .map_or(10, |n| n.parse().expect("EDITS is a number"));
    let started = Instant::now();
    let (mut project, first) = Project::open(ProjectOptions {
        root: root.clone(),
        base_url: None,
        drafts: false,
    });
    assert!(first.errors.is_empty(), "{:?}", first.errors.first());
    println!(
        "full render in memory: {:?} ({} pages)",
        started.elapsed(),
        first.rendered
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let target = files[files.len() / 2].clone();
    let original = std::fs::read_to_string(&target).unwrap();
    for (label, edit) in [("body edit", 0), ("tag edit", 1)] {
        let mut times = Vec::new();
        let mut rendered = 0;
        for i in 0..edits {
            let text = if edit == 0 {
                original.replacen("\n---\n", &format!("\n---\nEdit number {i}.\n\n"), 1)
            } else {
                original.replacen("tags: [", &format!("tags: [\"bench-tag-{i}\", "), 1)
            };
            std::fs::write(&target, text).unwrap();
            let t = Instant::now();
            let update = project.apply(std::slice::from_ref(&target));
            times.push(t.elapsed());
            rendered = update.rendered;
            assert!(update.errors.is_empty(), "{:?}", update.errors.first());
        }
        times.sort();
        println!(
            "{label}: median {:?} (min {:?}, max {:?}), {rendered} pages re-rendered",
            times[edits / 2],
            times[0],
            times[edits - 1]
        );
    }
    std::fs::write(&target, original).unwrap();
}
