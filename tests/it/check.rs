//! `sitrep check`: what a pull request's reviewers see. The fixtures put each problem on a
//! deliberate line (`tests/fixtures/check-pr/` has errors, `check-warnings/` only warnings),
//! and the tests pin the exact GitHub annotation lines, exit codes and the text rendering.

use crate::harness::{MINIMAL_CONFIG, TestSite, list_files};

/// `tests/fixtures/check-pr`: `content/2025/reactions.md` links to `content/2025/clean.md`
/// correctly by URL, by file and by fragment (lines 14-16) and also has every kind of error;
/// `content/2025/typo.md` has an unknown key, so it does not load, but its links are checked.
const CHECK_PR_ANNOTATIONS: &[&str] = &[
    "::error file=content/2025/reactions.md,line=4,col=1,title=sitrep%3A front matter::`updated: 2025-07-19` is before `date: 2025-07-21` — `updated` is when the briefing was last revised; fix whichever date is wrong",
    "::error file=content/2025/reactions.md,line=10,col=10,title=sitrep%3A sources::source 2 has a bad address `htps://example.org/news/nato`: `htps:` is not a web address; a source must be an http(s) page — copy the full address of the article from the browser, starting with https://",
    "::warning file=content/2025/reactions.md,line=12,col=10,title=sitrep%3A sources::source 3 repeats the address of source 1 — remove the repeated source, or cite the article you meant",
    "::error file=content/2025/reactions.md,line=18,col=6,title=sitrep%3A links::broken link `/2025/07/kyiv-rejects/`: there is no page or file at /2025/07/kyiv-rejects/ on this site — write links from the site root as for a site at `/`: a briefing is `/YYYY/MM/slug/`, a tag `/tags/name/`, a file in static/ `/img/map.png`",
    "::error file=content/2025/reactions.md,line=18,col=57,title=sitrep%3A links::broken link `/2025/07/clean/#risks`: the page /2025/07/clean/ has no heading or footnote with the id `risks` — a heading's id is its text in lowercase with dashes (`## Outlook` → `#outlook`); `## Outlook {#custom}` sets one",
    "::error file=content/2025/reactions.md,line=20,col=5,title=sitrep%3A links::broken link `#lede`: this briefing has no heading or footnote with the id `lede` — a heading's id is its text in lowercase with dashes (`## Outlook` → `#outlook`); `## Outlook {#custom}` sets one",
    "::error file=content/2025/typo.md,line=4,col=1,title=sitrep%3A front matter::unknown key `tgas` — did you mean `tags`?",
    "::error file=content/2025/typo.md,line=6,col=19,title=sitrep%3A links::broken link `reaction.md`: there is no briefing file content/2025/reaction.md — did you mean `reactions.md` (content/2025/reactions.md)?",
];

#[track_caller]
fn assert_lines(stdout: &str, expected: &[&str]) {
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        expected,
        "stdout:\n{stdout}\nexpected:\n{}",
        expected.join("\n")
    );
}

#[test]
fn github_format_prints_exactly_one_annotation_per_finding_and_exits_1() {
    let site = TestSite::fixture("check-pr");
    let run = site.run(&["check", "--format", "github"]);
    run.assert_code(1);
    assert_lines(&run.stdout, CHECK_PR_ANNOTATIONS);
    assert!(
        run.stderr
            .contains("7 errors, 1 warning (3 briefings checked)."),
        "{}",
        run.stderr
    );
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::fixture("check-pr");
    let before = list_files(&site.root);
    site.run(&["check"]).assert_code(1);
    site.run(&["check", "--root", ".", "--format", "github"])
        .assert_code(1);
    assert_eq!(list_files(&site.root), before);
}

#[test]
fn correct_links_by_url_file_and_fragment_are_not_reported() {
    let site = TestSite::fixture("check-pr");
    let run = site.run(&["check", "--format", "github"]);
    for line in 14..=16 {
        let at = format!("reactions.md,line={line},");
        assert!(
            !run.stdout.contains(&at),
            "line {line} flagged:\n{}",
            run.stdout
        );
    }
}

#[test]
fn text_format_shows_excerpts_hints_and_a_summary() {
    let site = TestSite::fixture("check-pr");
    let run = site.run(&["check"]);
    run.assert_code(1);
    let expected = "content/2025/reactions.md:18:6: error: broken link `/2025/07/kyiv-rejects/`: there is no page or file at /2025/07/kyiv-rejects/ on this site
    |
 18 | Kyiv [rejected them](/2025/07/kyiv-rejects/) before the [risks](/2025/07/clean/#risks) were known.
    |      ^
  = hint: write links from the site root as for a site at `/`: a briefing is `/YYYY/MM/slug/`, a tag `/tags/name/`, a file in static/ `/img/map.png`";
    assert!(
        run.stdout.contains(expected),
        "expected\n{expected}\nin stdout:\n{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("\n7 errors, 1 warning (3 briefings checked).\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn warnings_alone_exit_0() {
    let site = TestSite::fixture("check-warnings");
    let run = site.run(&["check", "--format", "github"]);
    run.assert_ok();
    assert_lines(
        &run.stdout,
        &[
            "::warning file=content/b-second.md,line=4,col=8,title=sitrep%3A terms::`nato` and `NATO` are one term in `tags` (/tags/nato/); the site shows `NATO` — write `NATO` here too, or change content/a-first.md to `nato` to show that spelling everywhere",
            "::warning file=content/b-second.md,line=6,col=5,title=sitrep%3A links::link `/2025/07/a-first` leaves out the final `/` of /2025/07/a-first/ — write `/2025/07/a-first/`: not every server redirects to it",
            "::warning file=content/c-third.md,line=3,col=1,title=sitrep%3A dates::dated in the future (2999-01-01); it is published now — use `publish_at:` to schedule it",
            "::warning file=content/c-third.md,line=4,col=8,title=sitrep%3A terms::`peace-talk` in `tags` is used by no other briefing — did you mean `peace-talks` (used by 2 briefings)?",
            "::warning file=content/c-third.md,line=6,col=23,title=sitrep%3A links::link `/2999/06/d-later/` is broken until 2999-06-01T09:00:00Z: content/d-later.md is scheduled for then (`publish_at:`) — schedule this briefing no earlier than that one, or add the link once it is out",
            "::warning file=templates/404.html,line=4,col=51,title=sitrep%3A templates::`href=\"/archive/\"` is written from the site root and skips the base path, so it breaks on a site served under a path — use `{{ url(path='/archive/') }}`",
        ],
    );
}

/// The hint named the file it was about ("or change content/a.md to …").
#[test]
fn a_file_spelling_a_term_two_ways_is_told_so() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-07-01\ntags: [NATO, Nato]",
        "Body.",
    );
    let run = site.run(&["check"]);
    assert!(
        run.stdout
            .contains("this file spells it both ways: write `NATO` here too"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("or change content/a.md"),
        "{}",
        run.stdout
    );
}

#[test]
fn links_to_draft_pages_say_the_page_is_a_draft() {
    let site = TestSite::with_config(crate::harness::MINIMAL_CONFIG);
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-07-01",
        "Write to [us](/contact/), [us](/contact) or [by file](../pages/contact.md).",
    )
    .write(
        "pages/contact.md",
        "---\ntitle: Contact\ndraft: true\n---\nWrite to us.\n",
    );
    let run = site.run(&["check", "--format", "github"]);
    run.assert_code(1);
    let draft = "pages/contact.md is a draft (`draft: true`), so it is not published — publish that page first, or add the link once it is published";
    assert_lines(
        &run.stdout,
        &[
            &format!(
                "::error file=content/a.md,line=5,col=10,title=sitrep%3A links::broken link `/contact/`: {draft}"
            ),
            &format!(
                "::error file=content/a.md,line=5,col=27,title=sitrep%3A links::broken link `/contact`: {draft}"
            ),
            &format!(
                "::error file=content/a.md,line=5,col=45,title=sitrep%3A links::broken link `../pages/contact.md`: {draft}, by its URL: `/contact/`"
            ),
        ],
    );
    // A draft page where a published page is (the list of tags): that page is what a link
    // without the final `/` reaches.
    let other = TestSite::with_config(crate::harness::MINIMAL_CONFIG);
    other
        .briefing(
            "a.md",
            "title: A\ndate: 2025-07-01\ntags: [x]",
            "See [tags](/tags).",
        )
        .write(
            "pages/tags.md",
            "---\ntitle: Tags\ndraft: true\n---\nText.\n",
        );
    let run = other.run(&["check"]);
    assert!(
        run.stdout
            .contains("content/a.md:6:5: warning: link `/tags` leaves out the final `/` of /tags/"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("is a draft"), "{}", run.stdout);

    // With drafts checked, the page is there: the link by URL passes, the one by file is
    // told to use the URL.
    let run = site.run(&["check", "--drafts"]);
    assert!(!run.stdout.contains("is a draft"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("names the file of the page pages/contact.md")
    );
}

#[test]
fn links_to_drafts_are_errors_unless_drafts_are_checked() {
    let site = TestSite::with_config(crate::harness::MINIMAL_CONFIG);
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-07-01",
        "See [the draft](b.md) and [by URL](/2025/07/b/#later).",
    )
    .briefing(
        "b.md",
        "title: B\ndate: 2025-07-02\ndraft: true",
        "## Later\n\nText.",
    );
    let run = site.run(&["check", "--format", "github"]);
    run.assert_code(1);
    assert_lines(
        &run.stdout,
        &[
            "::error file=content/a.md,line=5,col=5,title=sitrep%3A links::broken link `b.md`: content/b.md is a draft (`draft: true`), so it is not published — publish that briefing first, or add the link once it is published",
            "::error file=content/a.md,line=5,col=27,title=sitrep%3A links::broken link `/2025/07/b/#later`: content/b.md is a draft (`draft: true`), so it is not published — publish that briefing first, or add the link once it is published",
        ],
    );
    let run = site.run(&["check", "--drafts"]);
    run.assert_ok();
    assert_eq!(run.stdout, "No problems found in 2 briefings.\n");
}

#[test]
fn template_render_errors_are_found_without_building() {
    let site = TestSite::with_config(crate::harness::MINIMAL_CONFIG);
    site.briefing("a.md", "title: A\ndate: 2025-01-01", "Body.").write(
        "templates/briefing.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ page.nope.deeper }}\n{% endblock content %}\n",
    );
    let run = site.run(&["check", "--format", "github"]);
    run.assert_code(1);
    assert!(
        run.stdout
            .starts_with("::error file=templates/briefing.html,line=3,col=9,title=sitrep%3A templates::template error: Field `nope` is not defined."),
        "{}",
        run.stdout
    );
    assert!(!site.public().exists());
}

#[test]
fn unknown_format_is_a_usage_error() {
    let site = TestSite::fixture("check-warnings");
    site.run(&["check", "--format", "xml"]).assert_code(2);
}

/// The shipped site is the example a new desk copies: `check` finds nothing in it, with or
/// without drafts. (It once allowed two warnings, about `Київ` and `Kyiv` sharing a slug,
/// that the content no longer has: an allowance kept after its finding is gone would hide
/// a new finding on those lines.)
#[test]
fn shipped_site_checks_without_findings() {
    let site = TestSite::shipped();
    for args in [
        &["check", "--format", "github"][..],
        &["check", "--format", "github", "--drafts"],
    ] {
        let run = site.run(args);
        run.assert_ok();
        assert_eq!(run.stdout, "", "findings in the shipped site ({args:?})");
        assert!(
            run.stderr.contains("No problems found"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

/// An error that stops the model (a URL collision) or the reading of a file (a key written
/// twice) used to hide every other finding until it was fixed: one run must show them all.
#[test]
fn one_run_reports_every_problem_even_beside_a_url_collision_or_a_repeated_key() {
    let site = TestSite::with_config(
        "title: T\nbase_url: https://example.org/\ntaxonomies: [tags, regions]\n",
    );
    site.write("pages/archive.md", "---\ntitle: Our archive\n---\nText.\n");
    site.write(
        "terms/regions/nowhere.md",
        "---\ntitle: Nowhere\n---\nText.\n",
    );
    site.briefing(
        "b.md",
        "title: B\ndate: 2025-01-01",
        "See [x](/2031/01/nope/).",
    );
    site.briefing(
        "c.md",
        "title: C\ntitle: C again\ndate: 2025-01-02\naliases: [2026/11/old, /fine/, \"https://old.example.com/x\"]\nsources:\n  - title: X\n    url: notaurl",
        "Text.",
    );
    let run = site.run(&["check", "--format", "github"]);
    run.assert_code(1);
    let expected = [
        "content/b.md,line=5,col=5,title=sitrep%3A links::broken link `/2031/01/nope/`",
        "content/c.md,line=3,col=1,title=sitrep%3A front matter::`title` is written twice — keep one `title:` line",
        "content/c.md,line=5,col=10,title=sitrep%3A front matter::aliases `2026/11/old` and `https://old.example.com/x` are not paths on this site",
        "content/c.md,line=8,col=10,title=sitrep%3A sources::source 1 has a bad address `notaurl`",
        "error file=pages/archive.md,title=sitrep%3A URLs::this page's URL /archive/ is already used by the generated page /archive/",
        "warning file=terms/regions/nowhere.md,title=sitrep%3A profiles::no briefing uses `Nowhere`",
    ];
    for finding in expected {
        assert!(
            run.stdout.contains(finding),
            "missing {finding}:\n{}",
            run.stdout
        );
    }
}

/// A bad date is explained in an editor's words at its line, with the forms sitrep reads as
/// the hint: never the date library's ("parameter 'hour' is not in the required range",
/// "unparsed input").
#[test]
fn bad_dates_are_explained_in_plain_words() {
    let site = TestSite::with_config(crate::harness::MINIMAL_CONFIG);
    site.briefing("hour.md", "title: Hour\ndate: 2025-07-21T25:00", "Text.");
    site.briefing("words.md", "title: Words\ndate: 2025-07-21 foo", "Text.");
    site.briefing("month.md", "title: Month\ndate: 2025-13-01", "Text.");
    let run = site.run(&["check"]);
    run.assert_code(1);
    let forms = "= hint: write `2025-07-21`, or a timestamp with its offset such as `2025-07-21T14:30:00+03:00`";
    for (expected, hint) in [
        (
            "content/hour.md:3:7: error: bad `date`: `2025-07-21T25:00` has hour 25: the hour must be 00–23",
            forms,
        ),
        (
            "content/words.md:3:7: error: bad `date`: unexpected text after the date: `foo`",
            forms,
        ),
        // 13 January, perhaps, written day first.
        (
            "content/month.md:3:7: error: bad `date`: `2025-13-01`: there is no month 13; months run from 01 to 12",
            "= hint: did you mean `2025-01-13`? Dates are year-month-day",
        ),
    ] {
        let at = run
            .stdout
            .find(expected)
            .unwrap_or_else(|| panic!("missing {expected}:\n{}", run.stdout));
        let finding = run.stdout[at..].split("\n\n").next().unwrap();
        assert!(finding.contains(hint), "{finding}");
    }
    for jargon in ["parameter", "required range", "unparsed"] {
        assert!(!run.stdout.contains(jargon), "{}", run.stdout);
    }
}

/// A briefing saved under a name that does not end in `.md` is not read; `check` and `build`
/// say so at the file instead of leaving the editor to wonder where it went. Images and
/// hidden files are not briefings and get no word.
#[test]
fn files_not_named_md_are_reported_not_skipped_silently() {
    let site = TestSite::with_config(crate::harness::MINIMAL_CONFIG);
    site.briefing("a.md", "title: A\ndate: 2025-07-21", "Text.");
    for file in ["content/x.markdown", "content/2025/y.MD", "content/z.txt"] {
        site.write(file, "---\ntitle: Lost\ndate: 2025-07-21\n---\nText.\n");
    }
    site.write("content/map.png", "not really a picture");
    site.write("content/.gitkeep", "");
    site.write("content/.notes.txt", "mine");
    let expected = [
        "::warning file=content/2025/y.MD,title=sitrep%3A files::not read: briefings are `.md` files — rename it to y.md",
        "::warning file=content/x.markdown,title=sitrep%3A files::not read: briefings are `.md` files — rename it to x.md",
        "::warning file=content/z.txt,title=sitrep%3A files::not read: briefings are `.md` files — rename it to z.md",
    ];
    let run = site.run(&["check", "--format", "github"]);
    run.assert_ok();
    assert_lines(&run.stdout, &expected);
    let run = site.run(&["check"]);
    assert!(
        run.stdout.contains(
            "content/x.markdown: warning: not read: briefings are `.md` files\n  = hint: rename it to x.md"
        ),
        "{}",
        run.stdout
    );
    let build = site.build();
    build.assert_ok();
    assert!(
        build.stderr.contains(
            "content/z.txt: warning: not read: briefings are `.md` files\n  = hint: rename it to z.md"
        ),
        "{}",
        build.stderr
    );
    assert!(!build.stderr.contains("map.png") && !build.stderr.contains(".gitkeep"));
}

/// The count left out the files that did not parse (a bad date: no address) or read (not
/// UTF-8), though their findings were listed: "2 errors (1 briefing checked)" over 3 files.
#[test]
fn the_summary_counts_every_briefing_file_but_drafts() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("a.md", "title: A\ndate: 2025-07-01", "Body.");
    site.briefing("b.md", "title: B\ndate: 2025-13-01", "Body.");
    site.write_bytes(
        "content/c.md",
        b"---\ntitle: Caf\xe9\ndate: 2025-07-02\n---\nBody.\n",
    );
    site.briefing("d.md", "title: D\ndate: 2025-07-03\ndraft: true", "Body.");
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stdout.ends_with("(3 briefings checked).\n"),
        "{}",
        run.stdout
    );
    let run = site.run(&["check", "--drafts"]);
    assert!(
        run.stdout.ends_with("(4 briefings checked).\n"),
        "{}",
        run.stdout
    );
}

/// `check --format github` fails on `site`, and its findings have these hints, in order
/// ("" for none).
fn assert_github_hints(site: &TestSite, expected: &[&str]) {
    let run = site.run(&["check", "--format", "github"]);
    run.assert_code(1);
    let hints: Vec<&str> = run
        .stdout
        .lines()
        .map(|line| line.split_once(" — ").map_or("", |(_, hint)| hint))
        .collect();
    assert_eq!(hints, expected, "{}", run.stdout);
}

/// A broken link to a term page, a standalone page or a section of the site is told the page
/// it most likely means: a term written by its name or a typo away, a taxonomy misspelt.
#[test]
fn broken_links_to_term_pages_and_sections_suggest_the_page_meant() {
    let site = TestSite::with_config(
        "title: T\nbase_url: https://example.org/\ntaxonomies:\n  - tags\n  - name: regions\n    slugs: {Київ: kyiv}\n",
    );
    site.write("pages/about.md", "---\ntitle: About\n---\nWho we are.\n");
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-07-01\ntags: [drones, nuclear safety]\nregions: [Zaporizhzhia, Київ]",
        "[1](/tags/drone/) [2](/regions/Zaporizhzhia/) [3](/tag/drones/) [4](/regions/Київ/)\n\
         [5](/abuot/) [6](/archives/) [7](/tags/nuclear%20safety/) [8](/tags/shelling/)\n",
    );
    assert_github_hints(
        &site,
        &[
            "did you mean `/tags/drones/`?",
            "did you mean `/regions/zaporizhzhia/`?",
            "did you mean `/tags/drones/`?",
            "did you mean `/regions/kyiv/`?",
            "did you mean `/about/`?",
            "did you mean `/archive/`?",
            "did you mean `/tags/nuclear-safety/`?",
            "write links from the site root as for a site at `/`: a briefing is `/YYYY/MM/slug/`, a tag `/tags/name/`, a file in static/ `/img/map.png`",
        ],
    );
}

/// A link that writes a briefing's file or URL short ("peace-offer.md" for
/// "peace-offer-four-regions.md", more than a typo away) is told the one briefing it fits.
#[test]
fn broken_links_written_short_suggest_the_one_briefing_they_fit() {
    let site = TestSite::with_config("title: T\nbase_url: https://example.org/\n");
    site.briefing(
        "2025/peace-offer-four-regions.md",
        "title: The offer\ndate: 2025-07-21",
        "Body.",
    );
    site.briefing(
        "2025/kremlin-offer-one.md",
        "title: One\ndate: 2025-07-22",
        "Body.",
    );
    site.briefing(
        "2025/kremlin-offer-two.md",
        "title: Two\ndate: 2025-07-23",
        "Body.",
    );
    site.briefing(
        "2025/links.md",
        "title: Links\ndate: 2025-07-24",
        "[1](peace-offer.md) [2](/2025/07/peace-offer/) [3](kremlin-offer.md)\n",
    );
    site.briefing(
        "2026/later.md",
        "title: Later\ndate: 2026-01-05",
        "[4](../2025/peace-offer.md#outlook)\n",
    );
    assert_github_hints(
        &site,
        &[
            "did you mean `peace-offer-four-regions.md` (content/2025/peace-offer-four-regions.md)?",
            "did you mean `/2025/07/peace-offer-four-regions/`?",
            // Two briefings fit: no guess.
            "link to another briefing by its file, relative to this one (`other.md`, `../2024/other.md`), or by its URL (`/2024/05/other/`)",
            // From another folder: the link to write from there, with its fragment.
            "did you mean `../2025/peace-offer-four-regions.md#outlook` (content/2025/peace-offer-four-regions.md)?",
        ],
    );
}

/// A follow-up named like the briefing it links to ("peace-offer-reactions.md" linking
/// "peace-offer.md") is told the other briefing, never itself.
#[test]
fn a_broken_link_is_never_told_the_file_it_is_written_in() {
    let site = TestSite::with_config("title: T\nbase_url: https://example.org/\n");
    site.briefing(
        "2025/peace-offer-four-regions.md",
        "title: The offer\ndate: 2025-07-21",
        "Body.",
    );
    site.briefing(
        "2025/peace-offer-reactions.md",
        "title: Reactions\ndate: 2025-07-22",
        "[1](peace-offer.md) [2](/2025/07/peace-offer/)\n",
    );
    assert_github_hints(
        &site,
        &[
            "did you mean `peace-offer-four-regions.md` (content/2025/peace-offer-four-regions.md)?",
            "did you mean `/2025/07/peace-offer-four-regions/`?",
        ],
    );
}
