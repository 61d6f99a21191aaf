//! A checkpoint: a fresh build of the files as they are now (`sitrep::build`, in process,
//! `unchecked`: the preview renders states `sitrep build` refuses to publish, such as a link
//! to a draft, and shows the finding; what is compared is the rendering), into a folder of
//! its own, with the preview's address as base URL; then every file the build wrote is
//! fetched from the preview and compared byte for byte (HTML after removing exactly what the
//! server adds, src/serve/inject.rs: the notices and the reload script), and every other
//! path the preview may ever have held must be a 404. Differences come with a short diff.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use super::preview::{Preview, encode_path};

/// What `inject::live_script` writes, start and end. `server::live_additions` puts the
/// notices (`Live::notices`: the error overlay, then the panel, either or both or neither)
/// right before it, and `inject::inject` all of it before the last `</body` (any case) of
/// the page, or at its end when there is none.
const SCRIPT_START: &[u8] = b"<script data-sitrep=\"live-reload\">\n";
const SCRIPT_END: &[u8] = b"</script>\n";
/// `inject::overlay`: starts with OVERLAY_HEAD, ends with the close of its two `<div>`s.
const OVERLAY_START: &[u8] = b"<div id=\"sitrep-overlay\" data-sitrep-notice=\"overlay\"";
const OVERLAY_END: &[u8] = b"</div>\n</div>\n";
/// The overlay's note when the site does not load (`Shown::LastGood`): never at a
/// checkpoint, where every file is good.
const LAST_GOOD: &[u8] = b"The preview shows the last good version of the site.";
/// `inject::panel`.
const PANEL_START: &[u8] = b"<aside id=\"sitrep-panel\" data-sitrep-notice=\"panel\"";
const PANEL_END: &[u8] = b"</aside>\n";

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
    /// The notices the preview's pages carried (`overlay`, `panel`), as removed.
    pub notices: BTreeSet<&'static str>,
}

/// Builds into `out` (which must not exist) and compares with the preview.
pub fn checkpoint(
    root: &Path,
    out: &Path,
    preview: &Preview,
    candidates: &BTreeSet<String>,
) -> Checkpoint {
    let started = Instant::now();
    let build = sitrep::build(&sitrep::BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.to_path_buf()),
        base_url: Some(preview.url.clone()),
        drafts: false,
        unchecked: true,
    });
    let build_time = started.elapsed();
    if let Err(e) = build {
        let problem = match e {
            sitrep::BuildError::Input(diagnostics) => diagnostics
                .iter()
                .map(|d| format!("{d}\n"))
                .collect::<String>(),
            sitrep::BuildError::Io { error, .. } => format!("{error:#}"),
            sitrep::BuildError::Usage(error) => error.to_string(),
        };
        let difference = Difference {
            path: "(build)".into(),
            problem: format!("the build failed, so there is nothing to compare:\n{problem}"),
        };
        return Checkpoint {
            build_time,
            compare_time: Duration::ZERO,
            files: 0,
            probed: 0,
            differences: vec![difference],
            written: Vec::new(),
            notices: BTreeSet::new(),
        };
    }
    let started = Instant::now();
    // The marker says the folder is a build's own; it is not a page of the site, and the
    // preview must not serve it (it is probed with the other paths).
    let written: Vec<String> = list_files(out)
        .into_iter()
        .filter(|f| f != sitrep::output::MARKER)
        .collect();
    let mut client = preview.client();
    let mut differences = Vec::new();
    let mut notices = BTreeSet::new();
    for path in &written {
        let built = std::fs::read(out.join(path)).unwrap();
        let target = format!("{}{}", preview.base_path, encode_path(path));
        let problem = match client.get(&target) {
            Err(e) => Some(e),
            Ok((200, served)) => compare(path, &built, &served, &mut notices),
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
    let marker = sitrep::output::MARKER.to_string();
    for path in candidates
        .iter()
        .chain([&marker])
        .filter(|p| !written_set.contains(p))
    {
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
        notices,
    }
}

/// `None` when the served bytes are the built ones (HTML: once what the server adds is
/// removed; the notices removed are added to `notices`).
pub fn compare(
    path: &str,
    built: &[u8],
    served: &[u8],
    notices: &mut BTreeSet<&'static str>,
) -> Option<String> {
    let html = path
        .rsplit_once('.')
        .is_some_and(|(_, e)| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let served = if html {
        for (marker, what) in [
            (SCRIPT_START, "a reload script"),
            (OVERLAY_START, "an overlay"),
            (PANEL_START, "a panel"),
        ] {
            if find(built, marker).is_some() {
                return Some(format!("the built page itself holds {what}"));
            }
        }
        match strip_injected(served) {
            Ok((stripped, found)) => {
                notices.extend(found);
                stripped
            }
            Err(problem) => return Some(problem),
        }
    } else {
        served.to_vec()
    };
    if served == built {
        return None;
    }
    let mut problem = String::new();
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

/// The page without what the server added (the notices and the reload script, checked to
/// be exactly what `inject` writes, where it puts it), and which notices there were. An
/// overlay saying the site does not load is a problem: at a checkpoint every file is good.
pub fn strip_injected(served: &[u8]) -> Result<(Vec<u8>, Vec<&'static str>), String> {
    let script = rfind(served, SCRIPT_START).ok_or("the preview's page has no reload script")?;
    let end = script
        + find(&served[script..], SCRIPT_END).ok_or("the reload script is not closed")?
        + SCRIPT_END.len();
    // Back from the script: the panel, then the overlay, each ending right where the next
    // part starts.
    let mut start = script;
    let mut found = Vec::new();
    for (what, open, close) in [
        ("panel", PANEL_START, PANEL_END),
        ("overlay", OVERLAY_START, OVERLAY_END),
    ] {
        let before = &served[..start];
        if !before.ends_with(close) {
            continue;
        }
        if let Some(at) = rfind(before, open) {
            start = at;
            found.push(what);
        }
    }
    found.reverse();
    if found.contains(&"overlay") && find(&served[start..script], LAST_GOOD).is_some() {
        return Err(
            "the preview shows the error overlay of a site that does not load (\"the last good \
             version\"), though every file is good"
                .into(),
        );
    }
    let mut page = served[..start].to_vec();
    page.extend_from_slice(&served[end..]);
    let expected = rfind_ignore_case(&page, b"</body").unwrap_or(page.len());
    if expected != start {
        return Err(format!(
            "what the server adds is at byte {start}, not before the last </body (byte {expected})"
        ));
    }
    for (marker, what) in [(OVERLAY_START, "an overlay"), (PANEL_START, "a panel")] {
        if find(&page, marker).is_some() {
            return Err(format!(
                "the page holds {what} that is not where the server puts it"
            ));
        }
    }
    Ok((page, found))
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
