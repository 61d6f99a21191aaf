//! The floor of the benchmark (`bench/run`): the per-file work no static site generator can
//! avoid, with nothing else.
//!
//!     cargo run --release --example floor -- IN_DIR OUT_DIR
//!
//! Reads every `.md` file under IN_DIR (recursively), splits off the `---` YAML front matter,
//! deserialises it with serde, renders the Markdown body with pulldown-cmark and writes
//! `OUT_DIR/<stem>.html`, in parallel with rayon (one worker per core). No templates, no
//! listings, no taxonomies, no feeds. A port of the reference floor program
//! (`../shared/bench/floor`) onto this crate's own dependencies, so the comparison can be rerun
//! from a clone.
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;
use serde::Deserialize;

#[derive(Deserialize, Debug)]
#[allow(dead_code)]
struct Source {
    title: String,
    url: String,
}

#[derive(Deserialize, Debug)]
#[allow(dead_code)]
struct FrontMatter {
    title: String,
    date: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    regions: Vec<String>,
    #[serde(default)]
    actors: Vec<String>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    sources: Vec<Source>,
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    Ok(())
}

/// Returns (front matter, body) for a document starting with a `---` line.
fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut pos = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&rest[..pos], &rest[pos + line.len()..]));
        }
        pos += line.len();
    }
    None
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: {} IN_DIR OUT_DIR", args[0]);
        std::process::exit(2);
    }
    let (input, output) = (Path::new(&args[1]), Path::new(&args[2]));
    let mut files = Vec::new();
    collect(input, &mut files).expect("reading input dir");
    fs::create_dir_all(output).expect("creating output dir");

    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TASKLISTS);
    opts.insert(Options::ENABLE_HEADING_ATTRIBUTES);

    let bytes = AtomicUsize::new(0);
    let errors = AtomicUsize::new(0);
    files.par_iter().for_each(|path| {
        let text = fs::read_to_string(path).expect("reading file");
        let Some((fm, body)) = split(&text) else {
            eprintln!("{}: no front matter", path.display());
            errors.fetch_add(1, Ordering::Relaxed);
            return;
        };
        let meta: FrontMatter = match serde_yaml::from_str(fm) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                errors.fetch_add(1, Ordering::Relaxed);
                return;
            }
        };
        let mut out = String::with_capacity(body.len() * 3 / 2);
        html::push_html(&mut out, Parser::new_ext(body, opts));
        std::hint::black_box(&meta);
        bytes.fetch_add(out.len(), Ordering::Relaxed);
        let name = path.file_stem().expect("a .md file has a stem");
        fs::write(output.join(format!("{}.html", name.to_string_lossy())), out)
            .expect("writing file");
    });
    eprintln!(
        "floor: {} files, {} bytes of HTML, {} errors",
        files.len(),
        bytes.load(Ordering::Relaxed),
        errors.load(Ordering::Relaxed)
    );
    if errors.load(Ordering::Relaxed) > 0 {
        std::process::exit(1);
    }
}
