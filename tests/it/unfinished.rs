//! Unfinished work never publishes: the placeholders `sitrep new` writes, the markers of
//! `sitrep import`, sources on domains reserved for examples, headings with nothing under
//! them and a briefing with no text are errors in a published briefing (so `build` stops) and warnings in a draft.

use crate::harness::{MINIMAL_CONFIG, TestSite, fixtures_dir, list_files};

/// `sitrep new "Grid attack"` in `site`; returns the file's path from the root.
fn new_skeleton(site: &TestSite) -> String {
    let run = site.run(&["new", "Grid attack"]);
    run.assert_ok();
    let file = list_files(&site.root.join("content"))
        .into_iter()
        .find(|f| f.ends_with("grid-attack.md"))
        .expect("the new briefing");
    format!("content/{file}")
}

fn without_draft_line(site: &TestSite, file: &str) {
    let text = site.read_source(file);
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("draft: true"))
        .collect();
    site.write(file, &(kept.join("\n") + "\n"));
}

/// Every placeholder of the skeleton, as `line:col` and the start of its message, once its
/// `draft: true` line is gone (line numbers of the skeleton with one `tags` taxonomy, whose
/// lines 11 to 20 are the optional fields, commented out: they add no finding).
const SKELETON_FINDINGS: &[(&str, &str)] = &[
    (
        "4:10",
        "the summary is still the placeholder `sitrep new` wrote",
    ),
    (
        "8:12",
        "source 1's title is still the placeholder `Source title`",
    ),
    (
        "9:10",
        "source 1 is on example.org, a domain reserved for examples",
    ),
    (
        "10:16",
        "source 1's publisher is still the placeholder `Publisher`",
    ),
    (
        "27:1",
        "this paragraph is still the placeholder `sitrep new` wrote",
    ),
    ("29:1", "the heading `Background` has nothing under it"),
    ("31:1", "the heading `Outlook` has nothing under it"),
];

#[test]
fn a_skeleton_whose_draft_line_is_removed_is_refused_at_every_placeholder() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    let file = new_skeleton(&site);
    without_draft_line(&site, &file);
    let check = site.run(&["check"]);
    check.assert_code(1);
    for (at, message) in SKELETON_FINDINGS {
        let expected = format!("{file}:{at}: error: {message}");
        assert!(
            check.stdout.contains(&expected),
            "{expected}\n{}",
            check.stdout
        );
    }
    assert!(
        check
            .stdout
            .contains(&format!("{} errors, 0 warnings", SKELETON_FINDINGS.len())),
        "{}",
        check.stdout
    );
    let github = site.run(&["check", "--format", "github"]);
    assert!(
        github.stdout.contains(&format!(
            "::error file={file},line=9,col=10,title=sitrep%3A unfinished::source 1 is on example.org"
        )),
        "{}",
        github.stdout
    );
    // `build` refuses to publish it, and writes nothing.
    let build = site.build();
    build.assert_code(1);
    assert!(
        build
            .stderr
            .contains("the heading `Outlook` has nothing under it")
    );
    assert!(!site.public().exists());
}

#[test]
fn in_a_draft_the_same_findings_are_warnings_and_it_still_renders() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    let file = new_skeleton(&site);
    // Not checked without --drafts: a draft is unfinished by definition.
    site.run(&["check"]).assert_ok();
    let check = site.run(&["check", "--drafts"]);
    check.assert_ok();
    for (at, message) in SKELETON_FINDINGS {
        let expected = format!("{file}:{at}: warning: {message}");
        // The draft line is still there: the lines below it move down by one.
        let expected = shift_below_front_matter(&expected, 25);
        assert!(
            check.stdout.contains(&expected),
            "{expected}\n{}",
            check.stdout
        );
    }
    site.run(&["build", "--drafts"]).assert_ok();
}

/// `path:line:col: …` with the line moved down by one when it is at or past `from`.
fn shift_below_front_matter(finding: &str, from: usize) -> String {
    let mut parts = finding.splitn(3, ':');
    let (path, line, rest) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    let line: usize = line.parse().unwrap();
    let line = if line >= from { line + 1 } else { line };
    format!("{path}:{line}:{rest}")
}

#[test]
fn the_markers_sitrep_import_writes_are_unfinished_work() {
    let site = TestSite::fixture("import-site");
    let article = fixtures_dir()
        .join("import-articles/peace-offer-article.txt")
        .display()
        .to_string();
    // No address: the source is written commented out, under a marker.
    site.run(&["import", &article]).assert_ok();
    let file = "content/2025/putin-signals-peace-push-but-demands-ukraine-give-up-four-regions.md";
    site.run(&["check", "--drafts"]).assert_ok();
    without_draft_line(&site, file);
    let text = site.read_source(file);
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle} in\n{text}"))
            + 1
    };
    let check = site.run(&["check"]);
    check.assert_code(1);
    for (needle, message) in [
        (
            "# Suggested by sitrep import",
            "the terms `sitrep import` suggested are not confirmed yet",
        ),
        (
            "# The article's address was not found",
            "`sitrep import` found no address for the article, and its source is commented out",
        ),
        (
            "Write the briefing here",
            "this paragraph is still the placeholder `sitrep import` wrote",
        ),
        (
            "SOURCE TEXT TO REWRITE",
            "the article's text that `sitrep import` kept for rewriting is still here",
        ),
    ] {
        let expected = format!("{file}:{}:", line_of(needle));
        let found = check
            .stdout
            .lines()
            .any(|l| l.starts_with(&expected) && l.contains(message));
        assert!(found, "{expected} {message}\n{}", check.stdout);
    }
}

#[test]
fn a_date_sitrep_import_could_not_find_is_unfinished_work() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing(
        "a.md",
        "title: A\ndate: 2026-01-02   # today: the article's date was not found; set it",
        "Text.",
    );
    let check = site.run(&["check"]);
    check.assert_code(1);
    assert!(
        check.stdout.contains(
            "content/a.md:3:20: error: `sitrep import` did not find the article's date and wrote today's"
        ),
        "{}",
        check.stdout
    );
}

#[test]
fn sources_on_domains_reserved_for_examples_are_refused() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    let sources = [
        "https://example.com/a",
        "https://www.EXAMPLE.net/b",
        "http://news.example.org/c",
        "https://kyiv-ledger.example/d",
        "https://example.org.ua/fine",
        "https://myexample.com/fine",
        "https://example.co.uk/fine",
    ];
    let mut front = String::from("title: A\ndate: 2025-07-01\nsources:\n");
    for (i, url) in sources.iter().enumerate() {
        front.push_str(&format!("  - title: S{i}\n    url: {url}\n"));
    }
    site.briefing("a.md", front.trim_end(), "Text.");
    let check = site.run(&["check"]);
    check.assert_code(1);
    for (line, domain) in [
        (6, "example.com"),
        (8, "www.EXAMPLE.net"),
        (10, "news.example.org"),
        (12, "kyiv-ledger.example"),
    ] {
        let expected = format!(
            "content/a.md:{line}:10: error: source {} is on {domain}, a domain reserved for examples",
            line / 2 - 2
        );
        assert!(
            check.stdout.contains(&expected),
            "{expected}\n{}",
            check.stdout
        );
    }
    assert!(
        check.stdout.contains("4 errors, 0 warnings"),
        "{}",
        check.stdout
    );
}

#[test]
fn headings_with_nothing_under_them_are_found_at_their_line() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-07-01",
        "Lede.\n\n## Empty\n\n## Parent\n\n### Child\n\nText.\n\n## Only a comment\n\n<!-- to do -->\n\n## Last",
    );
    let check = site.run(&["check"]);
    check.assert_code(1);
    let found: Vec<&str> = check
        .stdout
        .lines()
        .filter(|l| l.starts_with("content/a.md:"))
        .collect();
    assert_eq!(
        found,
        [
            "content/a.md:7:1: error: the heading `Empty` has nothing under it",
            "content/a.md:15:1: error: the heading `Only a comment` has nothing under it",
            "content/a.md:19:1: error: the heading `Last` has nothing under it",
        ],
        "{}",
        check.stdout
    );
}

/// A briefing with nothing to read (only front matter, or only a comment) would publish a
/// headline over an empty article: an error at its closing `---`, a warning in a draft.
#[test]
fn a_briefing_with_no_text_is_unfinished() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.write("content/a.md", "---\ntitle: A\ndate: 2025-02-11\n---\n");
    site.write(
        "content/b.md",
        "---\ntitle: B\ndate: 2025-02-12\n---\n\n<!-- to do -->\n\n",
    );
    site.write(
        "content/c.md",
        "---\ntitle: C\ndate: 2025-02-13\ndraft: true\n---\n",
    );
    site.briefing(
        "d.md",
        "title: D\ndate: 2025-02-14",
        "![Damaged bridge at Kherson](/bridge.jpg)",
    );
    site.write_bytes("static/bridge.jpg", &[0xff, 0xd8, 0xff, 0xd9]);
    let run = site.run(&["check", "--drafts"]);
    run.assert_code(1);
    let found: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("has no text"))
        .collect();
    assert_eq!(
        found,
        [
            "content/a.md:4:1: error: this briefing has no text: nothing follows its front matter but blank lines or comments",
            "content/b.md:4:1: error: this briefing has no text: nothing follows its front matter but blank lines or comments",
            "content/c.md:5:1: warning: this briefing has no text: nothing follows its front matter but blank lines or comments",
        ],
        "{}",
        run.stdout
    );
    site.build().assert_code(1);
    assert!(!site.public().exists());
}
