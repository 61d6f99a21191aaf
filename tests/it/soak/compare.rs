//! A checkpoint: a fresh `sitrep build` of the files as they are now, into a folder of its
//! own, with the preview's address as `--base-url`; then every file the build wrote is
//! fetched from the preview and compared byte for byte (HTML after removing exactly the
//! reload script the server adds, src/serve/inject.rs), and every other path the preview may
//! ever have held must be a 404. Differences come with a short diff.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::preview::{Preview, encode_path};

/// What `inject::live_script` writes, start and end; `inject::inject` puts it before the
/// last `</body` (any case) of the page, or at its end when there is none.
const SCRIPT_START: &[u8] = b"<script data-sitrep=\"live-reload\">\n";
const SCRIPT_END: &[u8] = b"</script>\n";
const OVERLAY: &[u8] = b"<div id=\"sitrep-overlay\"";

/// A path where the preview and the build disagree.
#[derive(Clone, Debug)]
pub struct Difference {
    pub path: String,
    pub problem: String,
}

pub struct Checkpoint {
    pub build_time: Duration,
    pub compare_time: Duration,
    /// Files the build wrote (all compared).
    pub files: usize,
    /// Other paths asked for (each must be a 404).
    pub probed: usize,
    pub differences: Vec<Difference>,
    /// Every file the build wrote (output paths).
    pub written: Vec<String>,
}

/// Builds into `out` (which must not exist) and compares with the preview.
pub fn checkpoint(
    bin: &Path,
    root: &Path,
    out: &Path,
    preview: &Preview,
    candidates: &BTreeSet<String>,
) -> Checkpoint {
    let started = Instant::now();
    let build = Command::new(bin)
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .args(["--base-url", &preview.url])
        .output()
        .expect("run sitrep build");
    let build_time = started.elapsed();
    if !build.status.success() {
        let difference = Difference {
            path: "(build)".into(),
            problem: format!(
                "sitrep build failed, so there is nothing to compare:\n{}{}",
                String::from_utf8_lossy(&build.stdout),
                String::from_utf8_lossy(&build.stderr)
            ),
        };
        return Checkpoint {
            build_time,
            compare_time: Duration::ZERO,
            files: 0,
            probed: 0,
            differences: vec![difference],
            written: Vec::new(),
        };
    }
    let started = Instant::now();
    let written = list_files(out);
    let mut client = preview.client();
    let mut differences = Vec::new();
    for path in &written {
        let built = std::fs::read(out.join(path)).unwrap();
        let target = format!("{}{}", preview.base_path, encode_path(path));
        let problem = match client.get(&target) {
            Err(e) => Some(e),
            Ok((200, served)) => compare(path, &built, &served),
            Ok((status, _)) => Some(format!("the build wrote it; the preview answers {status}")),
        };
        if let Some(problem) = problem {
            differences.push(Difference {
                path: path.clone(),
                problem,
            });
        }
    }
    let written_set: BTreeSet<&String> = written.iter().collect();
    let mut probed = 0;
    for path in candidates.iter().filter(|p| !written_set.contains(p)) {
        probed += 1;
        let target = format!("{}{}", preview.base_path, encode_path(path));
        let problem = match client.get(&target) {
            Err(e) => Some(e),
            Ok((404, _)) => None,
            Ok((status, _)) => Some(format!(
                "the build did not write it; the preview answers {status}"
            )),
        };
        if let Some(problem) = problem {
            differences.push(Difference {
                path: path.clone(),
                problem,
            });
        }
    }
    Checkpoint {
        build_time,
        compare_time: started.elapsed(),
        files: written.len(),
        probed,
        differences,
        written,
    }
}

/// `None` when the served bytes are the built ones (HTML: once the reload script is removed).
pub fn compare(path: &str, built: &[u8], served: &[u8]) -> Option<String> {
    let html = path
        .rsplit_once('.')
        .is_some_and(|(_, e)| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let served = if html {
        if find(built, SCRIPT_START).is_some() {
            return Some("the built page itself holds a reload script".into());
        }
        match strip_injected(served) {
            Ok(stripped) => stripped,
            Err(problem) => return Some(problem),
        }
    } else {
        served.to_vec()
    };
    if served == built {
        return None;
    }
    let mut problem = String::new();
    if find(&served, OVERLAY).is_some() {
        problem.push_str("the preview shows the error overlay; ");
    }
    if at_file_link(built, &served) {
        problem.push_str(FILE_LINK);
    }
    problem.push_str(&short_diff(built, &served));
    Some(problem)
}

/// Marks differences inside a link the soak wrote to another briefing's file.
pub const FILE_LINK: &str = "[in a link to another briefing's file] ";

/// Whether the first difference lies in the target of a `See also [..](other.md)` link the
/// soak added (in a page, a feed or the JSON feed).
fn at_file_link(built: &[u8], served: &[u8]) -> bool {
    let prefix = built.iter().zip(served).take_while(|(a, b)| a == b).count();
    let before = &built[prefix.saturating_sub(300)..prefix];
    rfind(before, b"See also <a href=").is_some_and(|at| find(&before[at..], b">").is_none())
}

/// The page without the reload script, checked to sit exactly where the server puts it.
pub fn strip_injected(served: &[u8]) -> Result<Vec<u8>, String> {
    let start = rfind(served, SCRIPT_START).ok_or("the preview's page has no reload script")?;
    let end = start
        + find(&served[start..], SCRIPT_END).ok_or("the reload script is not closed")?
        + SCRIPT_END.len();
    let mut page = served[..start].to_vec();
    page.extend_from_slice(&served[end..]);
    let expected = rfind_ignore_case(&page, b"</body").unwrap_or(page.len());
    if expected != start {
        return Err(format!(
            "the reload script is at byte {start}, not before the last </body (byte {expected})"
        ));
    }
    Ok(page)
}

/// Where two byte strings first differ, with a little context from each (newlines shown
/// as ⏎), e.g. `line 40: build …href="/2024/03/a/"… preview …href="/2025/01/a/"…`.
pub fn short_diff(built: &[u8], served: &[u8]) -> String {
    let prefix = built.iter().zip(served).take_while(|(a, b)| a == b).count();
    let max_suffix = built.len().min(served.len()) - prefix;
    let suffix = built
        .iter()
        .rev()
        .zip(served.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let line = built[..prefix].iter().filter(|&&b| b == b'\n').count() + 1;
    let context = prefix.saturating_sub(60);
    let show = |bytes: &[u8]| -> String {
        let middle_end = bytes.len() - suffix;
        let middle = &bytes[prefix..middle_end];
        let (middle, cut) = if middle.len() > 160 {
            (
                &middle[..160],
                format!("[… {} more bytes]", middle_end - prefix - 160),
            )
        } else {
            (middle, String::new())
        };
        let after = &bytes[middle_end..(middle_end + 30).min(bytes.len())];
        format!(
            "…{}⟦{}{cut}⟧{}…",
            text(&bytes[context..prefix]),
            text(middle),
            text(after)
        )
    };
    format!(
        "first difference at line {line} ({} bytes built, {} served)\n      build:   {}\n      preview: {}",
        built.len(),
        served.len(),
        show(built),
        show(served)
    )
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace('\n', "⏎")
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn rfind_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// Every file under `dir`, relative with forward slashes, sorted.
pub fn list_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}
