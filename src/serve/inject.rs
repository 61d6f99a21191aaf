//! What the preview adds to the pages it serves: the live-reload script; while the site
//! has errors (or the files just saved have errors `sitrep build` would refuse) an overlay
//! that shows them (file:line:col, message, hint, and an excerpt of the file with the bad
//! line marked); and a small panel in a bottom corner with the warnings of the files just
//! saved, why a saved briefing is left out of the preview, and how many findings other
//! files have. Only served bytes are changed; the project's rendered pages stay as
//! `sitrep build` would write them.

use std::path::Path;
use std::sync::LazyLock;

use crate::diagnostics::Diagnostic;

/// The live-reload script without its comments and indentation (they are for readers of
/// live.js, not for every page).
static LIVE_JS: LazyLock<String> = LazyLock::new(|| {
    include_str!("live.js")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .map(|line| format!("{line}\n"))
        .collect()
});

/// At most this many errors are shown in the overlay; the console has all of them.
const MAX_SHOWN: usize = 20;
/// Lines shown before and after the bad line.
const CONTEXT: usize = 2;

/// The `<script>` that connects a page to the reload endpoint. `page_path` is the output
/// path the page was served from (`2025/07/x/index.html`): updates that list it reload it.
pub(crate) fn live_script(events_url: &str, page_path: &str, build: &str) -> String {
    let config = serde_json::json!({ "events": events_url, "path": page_path, "build": build });
    // `<` escaped, so no string in the config can close the script element.
    let config = config.to_string().replace('<', "\\u003c");
    format!(
        "<script data-sitrep=\"live-reload\">\n{}</script>\n",
        LIVE_JS.replace("__SITREP_CONFIG__", &config)
    )
}

/// `html` with `extra` inserted before its last `</body>` (at the end if it has none).
pub(crate) fn inject(html: &[u8], extra: &str) -> Vec<u8> {
    let at = rfind_ignore_case(html, b"</body").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// A whole page for when there is no good site to show (broken from the start): the
/// overlay and the script, so the page turns into the site once the errors are fixed.
pub(crate) fn error_page(overlay: &str, script: &str) -> String {
    page(
        "sitrep: the site has problems",
        &format!("{overlay}{script}"),
    )
}

/// A page for a missing file when the site has no 404 page of its own.
pub(crate) fn not_found_page(script: &str) -> String {
    page(
        "Not found",
        &format!(
            "<h1>Not found</h1>\n<p>The site has no page at this address \
             (and no <code>404.html</code> template to say so).</p>\n{script}"
        ),
    )
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

/// What an overlay says about the page under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shown {
    /// The site does not load: the page is the last good version.
    LastGood,
    /// The site loads and the page is up to date, but `sitrep build` would refuse it.
    Latest,
}

/// The error overlay for `errors`, reading excerpts from the files under `root`.
pub(crate) fn overlay(errors: &[Diagnostic], root: &Path, shown: Shown) -> String {
    // A warning that came with the errors is shown, but it is not a problem to fix.
    let warnings = errors.iter().filter(|d| !d.is_error()).count();
    let count = errors.len() - warnings;
    let mut html = String::from(OVERLAY_HEAD);
    let note = match shown {
        Shown::LastGood => "The preview shows the last good version of the site.",
        Shown::Latest => {
            "The preview shows your latest text, but sitrep build would refuse to publish \
             the site until this is fixed."
        }
    };
    let and_warnings = match warnings {
        0 => String::new(),
        n => format!(" (and {})", plural(n, "warning")),
    };
    html.push_str(&format!(
        "<h2>The site has {}{and_warnings}</h2>\n\
         <p class=\"sitrep-note\">{note} Fix the file and save: this page updates by itself.</p>\n",
        plural(count, "problem")
    ));
    for d in errors.iter().take(MAX_SHOWN) {
        html.push_str(&finding(d, root, "sitrep-error"));
    }
    if count > MAX_SHOWN {
        html.push_str(&format!(
            "<p class=\"sitrep-note\">…and {} more: the console lists them all.</p>\n",
            count - MAX_SHOWN
        ));
    }
    html.push_str("</div>\n</div>\n");
    html
}

const OVERLAY_HEAD: &str = r#"<div id="sitrep-overlay" data-sitrep-notice="overlay" role="alert">
<style>
#sitrep-overlay{position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:0 1rem;box-sizing:border-box;background:rgba(20,20,20,.6);
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:left;color-scheme:light dark}
#sitrep-overlay .sitrep-panel{position:relative;max-width:56rem;margin:2rem auto;padding:1.25rem 1.5rem;
background:#fff;color:#1a1a1a;border-top:6px solid #c0392b;border-radius:6px;box-shadow:0 12px 40px rgba(0,0,0,.45)}
#sitrep-overlay h2{margin:0 2.5rem .25rem 0;font-size:1.35rem;color:#a93226}
#sitrep-overlay .sitrep-note{margin:.25rem 0 1rem;color:#555}
#sitrep-overlay .sitrep-error{margin:1rem 0;padding-top:.75rem;border-top:1px solid #ddd}
#sitrep-overlay .sitrep-where{margin:0;font-weight:600}
#sitrep-overlay .sitrep-message{margin:.2rem 0 .5rem}
#sitrep-overlay .sitrep-hint{margin:.5rem 0 0;color:#1e5a8a}
#sitrep-overlay code,#sitrep-overlay pre{font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
#sitrep-overlay pre{margin:0;padding:.6rem .8rem;overflow:auto;background:#f4f4f4;color:#1a1a1a;border-radius:4px}
#sitrep-overlay pre mark{display:inline-block;min-width:100%;background:#fde2e0;color:#7b1d14;font-weight:600}
#sitrep-overlay .sitrep-close{position:absolute;top:.75rem;right:.75rem;width:2rem;height:2rem;border:0;border-radius:4px;
background:transparent;color:inherit;font-size:1.5rem;line-height:1;cursor:pointer}
#sitrep-overlay .sitrep-close:hover{background:rgba(127,127,127,.2)}
@media (prefers-color-scheme:dark){
#sitrep-overlay .sitrep-panel{background:#1f1f1f;color:#eee;border-top-color:#e74c3c}
#sitrep-overlay h2{color:#ff7b6e}
#sitrep-overlay .sitrep-note{color:#bbb}
#sitrep-overlay .sitrep-error{border-top-color:#444}
#sitrep-overlay .sitrep-hint{color:#8cc4f0}
#sitrep-overlay pre{background:#2b2b2b;color:#eee}
#sitrep-overlay pre mark{background:#5c1f1a;color:#ffd7d2}
}
</style>
<div class="sitrep-panel">
<button type="button" class="sitrep-close" title="Hide until the next change" aria-label="Hide" onclick="document.getElementById('sitrep-overlay').remove()">×</button>
"#;

/// One finding as a `<section>` of class `class`: where, what, the excerpt, the hint.
fn finding(d: &Diagnostic, root: &Path, class: &str) -> String {
    let mut html = format!(
        "<section class=\"{class}\">\n<p class=\"sitrep-where\"><code>{}</code></p>\n\
         <p class=\"sitrep-message\">{}: {}</p>\n",
        escape(&d.location()),
        if d.is_error() { "error" } else { "warning" },
        escape(&d.message)
    );
    if let Some(excerpt) = excerpt(d, root) {
        html.push_str(&format!("<pre class=\"sitrep-excerpt\">{excerpt}</pre>\n"));
    }
    if let Some(hint) = &d.hint {
        html.push_str(&format!(
            "<p class=\"sitrep-hint\">hint: {}</p>\n",
            escape(hint)
        ));
    }
    html.push_str("</section>\n");
    html
}

/// Other files named in the panel, at most.
const MAX_OTHER_FILES: usize = 5;

/// The panel in a bottom corner: the `warnings` of the files just saved, the files saved
/// that the preview `left_out` (with why), and a count of the `others` (findings of other
/// files). Empty when there is nothing to say. It is a disclosure (open when it has news
/// about the files just saved) with a close button; live.js remembers a dismissal by the
/// panel's key until its content changes.
pub(crate) fn panel(
    warnings: &[Diagnostic],
    left_out: &[String],
    others: &[Diagnostic],
    root: &Path,
) -> String {
    if warnings.is_empty() && left_out.is_empty() && others.is_empty() {
        return String::new();
    }
    let mut summary = Vec::new();
    if !warnings.is_empty() {
        summary.push(plural(warnings.len(), "warning"));
    }
    if !left_out.is_empty() {
        summary.push("not in the preview".to_string());
    }
    let mut body = String::new();
    for note in left_out {
        body.push_str(&format!(
            "<p class=\"sitrep-left-out\">{}</p>\n",
            escape(note)
        ));
    }
    for d in warnings.iter().take(MAX_SHOWN) {
        body.push_str(&finding(d, root, "sitrep-warning"));
    }
    if warnings.len() > MAX_SHOWN {
        body.push_str(&format!(
            "<p class=\"sitrep-note\">…and {} more: the console lists them all.</p>\n",
            warnings.len() - MAX_SHOWN
        ));
    }
    if !others.is_empty() {
        // Per file, in path order (the findings come sorted by file).
        let mut files: Vec<(&Path, usize, usize)> = Vec::new();
        for d in others {
            match files.last_mut() {
                Some((path, errors, warnings)) if *path == d.path.as_path() => {
                    *if d.is_error() { errors } else { warnings } += 1;
                }
                _ => files.push((
                    &d.path,
                    usize::from(d.is_error()),
                    usize::from(!d.is_error()),
                )),
            }
        }
        let errors = others.iter().filter(|d| d.is_error()).count();
        summary.push(format!(
            "{} in other files",
            counts(errors, others.len() - errors)
        ));
        body.push_str("<p class=\"sitrep-note\">Other files:</p>\n<ul class=\"sitrep-others\">\n");
        for (path, errors, warnings) in files.iter().take(MAX_OTHER_FILES) {
            body.push_str(&format!(
                "<li>{} in {}</li>\n",
                counts(*errors, *warnings),
                escape(&path.to_string_lossy())
            ));
        }
        if files.len() > MAX_OTHER_FILES {
            body.push_str(&format!(
                "<li>and {} more files</li>\n",
                files.len() - MAX_OTHER_FILES
            ));
        }
        body.push_str("</ul>\n<p class=\"sitrep-note\">sitrep check lists them all.</p>\n");
    }
    // Folded when all it says is that other files have warnings.
    let quiet = warnings.is_empty() && left_out.is_empty() && !others.iter().any(|d| d.is_error());
    let open = if quiet { "" } else { " open" };
    let content = format!(
        "<details{open}>\n<summary>sitrep: {}</summary>\n<div class=\"sitrep-body\">\n{body}</div>\n</details>\n",
        escape(&summary.join(" · "))
    );
    let key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        content.hash(&mut h);
        format!("{:x}", h.finish())
    };
    format!(
        "<aside id=\"sitrep-panel\" data-sitrep-notice=\"panel\" data-sitrep-key=\"{key}\" aria-label=\"sitrep: findings\">\n{PANEL_STYLE}{content}\
         <button type=\"button\" class=\"sitrep-close\" title=\"Hide until the next change (Escape)\" aria-label=\"Dismiss\">×</button>\n</aside>\n"
    )
}

/// `1 error, 2 warnings`, leaving out a kind there is none of.
fn counts(errors: usize, warnings: usize) -> String {
    let parts: Vec<String> = [(errors, "error"), (warnings, "warning")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| plural(n, word))
        .collect();
    parts.join(", ")
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

const PANEL_STYLE: &str = r#"<style>
#sitrep-panel{position:fixed;right:1rem;bottom:1rem;z-index:2147483646;box-sizing:border-box;width:25rem;max-width:calc(100vw - 2rem);
max-height:40vh;overflow:auto;padding:.6rem 2.6rem .6rem .9rem;background:#fff;color:#1a1a1a;border-left:5px solid #b7791f;border-radius:6px;
box-shadow:0 6px 24px rgba(0,0,0,.35);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:left;color-scheme:light dark}
#sitrep-panel[hidden]{display:none}
#sitrep-panel summary{cursor:pointer;font-weight:600;color:#7a4d00}
#sitrep-panel p,#sitrep-panel ul{margin:.4rem 0}
#sitrep-panel ul{padding-left:1.2rem}
#sitrep-panel .sitrep-warning{margin:.6rem 0;padding-top:.5rem;border-top:1px solid #ddd}
#sitrep-panel .sitrep-where{margin:0;font-weight:600}
#sitrep-panel .sitrep-left-out{font-weight:600}
#sitrep-panel .sitrep-note{color:#555}
#sitrep-panel .sitrep-hint{color:#1e5a8a}
#sitrep-panel code,#sitrep-panel pre{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
#sitrep-panel pre{margin:0;padding:.4rem .6rem;overflow:auto;background:#f4f4f4;color:#1a1a1a;border-radius:4px}
#sitrep-panel pre mark{display:inline-block;min-width:100%;background:#fdf0d5;color:#6b4200;font-weight:600}
#sitrep-panel .sitrep-close{position:absolute;top:.35rem;right:.35rem;width:2rem;height:2rem;border:0;border-radius:4px;
background:transparent;color:inherit;font-size:1.4rem;line-height:1;cursor:pointer}
#sitrep-panel .sitrep-close:hover{background:rgba(127,127,127,.2)}
#sitrep-panel :focus-visible{outline:2px solid #1e5a8a;outline-offset:2px}
@media (prefers-color-scheme:dark){
#sitrep-panel{background:#1f1f1f;color:#eee;border-left-color:#e0a84a}
#sitrep-panel summary{color:#f3c46b}
#sitrep-panel .sitrep-warning{border-top-color:#444}
#sitrep-panel .sitrep-note{color:#bbb}
#sitrep-panel .sitrep-hint{color:#8cc4f0}
#sitrep-panel pre{background:#2b2b2b;color:#eee}
#sitrep-panel pre mark{background:#4a3510;color:#ffe2a8}
#sitrep-panel :focus-visible{outline-color:#8cc4f0}
}
</style>
"#;

/// A few lines of the file around the diagnostic's line, escaped, the bad line marked
/// (`>` and `<mark>`) with a caret under the column. Falls back to the diagnostic's own
/// snippet when the file cannot be read.
pub(crate) fn excerpt(d: &Diagnostic, root: &Path) -> Option<String> {
    if d.line == 0 {
        return None;
    }
    let text = read_small(&root.join(&d.path));
    let lines: Vec<&str> = match &text {
        Some(text) => text.lines().collect(),
        None => {
            let snippet = d.snippet.as_deref()?;
            return Some(mark_lines(&[snippet], d.line, d.line, d.col));
        }
    };
    if d.line > lines.len() {
        return d
            .snippet
            .as_deref()
            .map(|s| mark_lines(&[s], d.line, d.line, d.col));
    }
    let first = d.line.saturating_sub(CONTEXT).max(1);
    let last = (d.line + CONTEXT).min(lines.len());
    Some(mark_lines(&lines[first - 1..last], first, d.line, d.col))
}

/// `lines` numbered from `first`, with line `bad` marked and a caret under column `col`.
fn mark_lines(lines: &[&str], first: usize, bad: usize, col: usize) -> String {
    let width = (first + lines.len()).to_string().len();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let number = first + i;
        let text = format!("{number:>width$} | {line}");
        if number == bad {
            out.push_str(&format!("<mark>&gt;{}</mark>\n", escape(&text)));
            if col > 0 {
                // Columns count characters; tabs keep their width in the caret line.
                let pad: String = line
                    .chars()
                    .take(col - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                out.push_str(&format!(" {:>width$} | {}^\n", "", escape(&pad)));
            }
        } else {
            out.push_str(&format!(" {}\n", escape(&text)));
        }
    }
    out
}

/// The text of a file small enough to show; `None` if it is missing, large or binary.
fn read_small(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > 4 * 1024 * 1024 {
        return None;
    }
    String::from_utf8(std::fs::read(path).ok()?).ok()
}

pub(crate) use crate::markdown::escape_html as escape;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_go_before_the_last_closing_body_tag_or_at_the_end() {
        assert_eq!(
            inject(b"<html><body><p>x</p></BODY></html>", "<s>"),
            b"<html><body><p>x</p><s></BODY></html>"
        );
        assert_eq!(inject(b"<p>no body</p>", "<s>"), b"<p>no body</p><s>");
        assert_eq!(inject(b"", "<s>"), b"<s>");
    }

    #[test]
    fn the_script_config_cannot_break_out_of_its_element() {
        let script = live_script("/b/__sitrep/events", "x</script><b>/index.html", "1-2");
        assert!(!script.contains("x</script>"), "{script}");
        assert!(script.contains(r#""events":"/b/__sitrep/events""#));
        assert!(script.contains(r#""build":"1-2""#));
        assert_eq!(script.matches("</script>").count(), 1);
    }

    #[test]
    fn the_overlay_names_the_place_and_marks_the_bad_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(
            dir.path().join("content/a.md"),
            "---\ntitle: <A & B>\ndate: 2025-13-01\ntags: [x]\n---\nBody\n",
        )
        .unwrap();
        let d = Diagnostic::error("content/a.md", 3, 7, "month 13 does not exist")
            .with_hint("write the date as YYYY-MM-DD");
        let html = overlay(&[d], dir.path(), Shown::LastGood);
        assert!(html.contains("<code>content/a.md:3:7</code>"), "{html}");
        assert!(html.contains("error: month 13 does not exist"));
        assert!(html.contains("hint: write the date as YYYY-MM-DD"));
        assert!(
            html.contains("<mark>&gt;3 | date: 2025-13-01</mark>"),
            "{html}"
        );
        assert!(
            html.contains("  1 | ---") || html.contains(" 1 | ---"),
            "{html}"
        );
        assert!(html.contains("2 | title: &lt;A &amp; B&gt;"), "{html}");
        assert!(html.contains("|       ^"), "{html}");
        assert!(html.contains("The site has 1 problem<"));
    }

    #[test]
    fn excerpts_fall_back_to_the_snippet_and_skip_whole_file_findings() {
        let root = Path::new("/nonexistent-sitrep-root");
        let d = Diagnostic::error("content/gone.md", 4, 1, "m").with_source_line("a\nb\nc\n<d>");
        assert_eq!(
            excerpt(&d, root).unwrap(),
            "<mark>&gt;4 | &lt;d&gt;</mark>\n   | ^\n"
        );
        let whole = Diagnostic::error("content/gone.md", 0, 0, "m");
        assert_eq!(excerpt(&whole, root), None);
    }

    #[test]
    fn the_panel_lists_warnings_notes_and_counts_other_files() {
        let root = Path::new("/nonexistent-sitrep-root");
        assert_eq!(panel(&[], &[], &[], root), "");
        let warning = Diagnostic::warning("content/a.md", 3, 2, "<b> twice").with_hint("drop one");
        let others = [
            Diagnostic::error("content/b.md", 1, 1, "x"),
            Diagnostic::warning("content/b.md", 2, 1, "y"),
            Diagnostic::warning("content/c.md", 2, 1, "z"),
        ];
        let note = "content/d.md is a draft (`draft: true`)".to_string();
        let html = panel(&[warning], &[note], &others, root);
        assert!(html.starts_with("<aside id=\"sitrep-panel\" data-sitrep-notice=\"panel\""));
        assert!(html.contains("<details open>"), "{html}");
        assert!(html.contains("<summary>sitrep: 1 warning · not in the preview · 1 error, 2 warnings in other files</summary>"), "{html}");
        assert!(html.contains("<code>content/a.md:3:2</code>"));
        assert!(html.contains("warning: &lt;b&gt; twice"));
        assert!(html.contains("hint: drop one"));
        assert!(html.contains("content/d.md is a draft (`draft: true`)"));
        assert!(
            html.contains("<li>1 error, 1 warning in content/b.md</li>"),
            "{html}"
        );
        assert!(
            html.contains("<li>1 warning in content/c.md</li>"),
            "{html}"
        );
        assert!(html.contains("aria-label=\"Dismiss\""));
        // Only other files' warnings: folded; their errors: open. Keyed by what it says.
        let folded = panel(&[], &[], &others[1..], root);
        assert!(folded.contains("<details>"), "{folded}");
        assert!(panel(&[], &[], &others, root).contains("<details open>"));
        let key = |html: &str| html.split("data-sitrep-key=\"").nth(1).unwrap()[..8].to_string();
        assert_ne!(key(&html), key(&folded));
        assert_eq!(key(&folded), key(&panel(&[], &[], &others[1..], root)));
    }

    #[test]
    fn the_overlay_counts_only_errors_as_problems() {
        let errors = [
            Diagnostic::error("content/a.md", 3, 7, "month 13 does not exist"),
            Diagnostic::warning("content/b.md", 1, 1, "no byline"),
        ];
        let html = overlay(
            &errors,
            Path::new("/nonexistent-sitrep-root"),
            Shown::LastGood,
        );
        assert!(
            html.contains("<h2>The site has 1 problem (and 1 warning)</h2>"),
            "{html}"
        );
        let html = overlay(
            &errors[..1],
            Path::new("/nonexistent-sitrep-root"),
            Shown::LastGood,
        );
        assert!(html.contains("<h2>The site has 1 problem</h2>"), "{html}");
    }

    #[test]
    fn overlay_text_is_escaped() {
        let d = Diagnostic::error("<x>.md", 0, 0, "<script>alert(1)</script>");
        let html = overlay(&[d], Path::new("/nonexistent-sitrep-root"), Shown::Latest);
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }
}
