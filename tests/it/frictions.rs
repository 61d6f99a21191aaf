//! The frictions of an editor's first hour: `sitrep new` writes where the desk keeps its
//! briefings and never reuses a slug or URL, and messages say how to fix what they report.

use crate::harness::{MINIMAL_CONFIG, TestSite};

const TODAY: (&str, &str) = ("SITREP_NOW", "2026-11-29T12:00:00Z");

fn new(site: &TestSite, args: &[&str]) -> crate::harness::Run {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    site.run_with_env(&all, &[TODAY])
}

#[test]
fn new_writes_into_the_year_folder_when_the_site_uses_them() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("2025/older.md", "title: Older\ndate: 2025-03-01", "Body.");
    let run = new(&site, &["Grid repairs"]);
    run.assert_ok();
    assert!(
        site.root.join("content/2026/grid-repairs.md").is_file(),
        "{}",
        run.stdout
    );
    // An explicit folder wins.
    new(&site, &["Kherson shelling", "--dir", "2026/kherson"]).assert_ok();
    assert!(
        site.root
            .join("content/2026/kherson/kherson-shelling.md")
            .is_file()
    );
    // A folder outside content/ is refused.
    let outside = new(&site, &["Elsewhere", "--dir", "../out"]);
    outside.assert_code(1);
    assert!(
        outside.stderr.contains("must be a folder inside content/"),
        "{}",
        outside.stderr
    );
}

#[test]
fn new_writes_into_content_when_the_site_has_no_year_folders() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("flat.md", "title: Flat\ndate: 2025-03-01", "Body.");
    new(&site, &["Grid repairs"]).assert_ok();
    assert!(site.root.join("content/grid-repairs.md").is_file());
}

#[test]
fn new_refuses_a_title_whose_slug_or_url_is_taken_anywhere_drafts_included() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing(
        "2024/grid.md",
        "title: Grid\ndate: 2024-03-01\nslug: grid-repairs\ndraft: true",
        "Body.",
    );
    let run = new(&site, &["Grid repairs"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("the slug of this title is taken by content/2024/grid.md"),
        "{}",
        run.stderr
    );
    assert!(!site.root.join("content/2026/grid-repairs.md").exists());
    // Same URL from another slug: a briefing dated today whose slug is the new title's.
    site.briefing(
        "2026/other-name.md",
        "title: Other\ndate: 2026-11-29\nslug: talks-resume",
        "Body.",
    );
    let run = new(&site, &["Talks resume"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("taken by content/2026/other-name.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn new_keeps_apostrophes_out_of_slugs() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    new(&site, &["Ukraine's grid"]).assert_ok();
    assert!(site.root.join("content/ukraines-grid.md").is_file());
}

#[test]
fn a_date_with_month_and_day_swapped_suggests_the_fix() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("swapped.md", "title: Swapped\ndate: 2025-31-07", "Body.");
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "content/swapped.md:3:7: error: bad `date`: `2025-31-07`: there is no month 31"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("= hint: did you mean `2025-07-31`? Dates are year-month-day"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_paragraph_indented_by_accident_is_a_warning() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing(
        "indented.md",
        "title: Indented\ndate: 2025-07-21",
        "First paragraph.\n\n\tThis line starts with a tab.\n",
    );
    let run = site.run(&["check"]);
    run.assert_ok();
    assert!(
        run.stdout.contains("content/indented.md:7:1: warning: this text starts with a tab, so it shows as a block of code"),
        "{}",
        run.stdout
    );
    // `build` prints it too, and still builds.
    let build = site.build();
    build.assert_ok();
    assert!(
        build.stderr.contains("shows as a block of code"),
        "{}",
        build.stderr
    );
}

#[test]
fn an_unclosed_template_tag_is_named_where_it_opened() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("a.md", "title: A\ndate: 2025-07-21", "Body.");
    site.write(
        "templates/briefing.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if page.title %}\n<p>{{ page.title }}</p>\n{% endblock content %}\n",
    );
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains("= hint: the `{% if %}` on line 3 is never closed: add `{% endif %}` where it should end"),
        "{}",
        run.stderr
    );
}

#[test]
fn github_annotations_have_a_title_and_no_backticks() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("typo.md", "title: A\ndate: 2025-07-21\ntgas: [x]", "Body.");
    let run = site.run(&["check", "--format", "github"]);
    run.assert_code(1);
    assert_eq!(
        run.stdout.trim(),
        "::error file=content/typo.md,line=4,col=1,title=sitrep%3A front matter::unknown key `tgas` — did you mean `tags`?"
    );
}

/// `regions: Kharkiv Oblast, Kharkiv` is one name to YAML; published, it is one made-up term
/// page. `check` warns at the name and shows the list the editor meant; a name that really
/// has a comma, in a list, passes.
#[test]
fn a_comma_separated_term_line_is_a_warning_with_the_list_it_meant() {
    let site = TestSite::with_config(
        "title: Test Desk\nbase_url: https://example.org/\ntaxonomies: [tags, regions]\n",
    );
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-02-11\nregions: Kharkiv Oblast, Kharkiv\ntags: [\"Korea, North\", sanctions]",
        "Text.",
    );
    site.briefing(
        "b.md",
        "title: B\ndate: 2025-02-12\nregions: [\"Bonaire, Sint Eustatius and Saba\"]",
        "Text.",
    );
    let run = site.run(&["check"]);
    run.assert_ok();
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(
        out.contains(
            "content/a.md:4:10: warning: `regions` is one name with a comma in it, not 2 names"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "hint: for several, write a list: `regions: [Kharkiv Oblast, Kharkiv]`; for one name with a comma, put it in brackets and quotes: `regions: [\"Kharkiv Oblast, Kharkiv\"]`"
        ),
        "{out}"
    );
    assert_eq!(out.matches("is one name with a comma").count(), 1, "{out}");
}

/// `title: Talks #2 resume` is the title "Talks" to YAML: valid, silent, and the headline
/// readers get is cut. `check` and `build` warn at the `#` in briefings, pages and profiles
/// and show the quoted line; a comment written as one (`# ` with a space) passes.
#[test]
fn a_hash_that_cuts_a_value_short_is_a_warning_with_the_quoted_line() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing(
        "a.md",
        "title: Kherson strikes #3 this week\ndate: 2025-02-11\nstatus: developing  # until the talks end\nsources:\n  - title: Report #5 of the mission\n    url: https://www.unian.info/r5",
        "Text.",
    );
    site.write(
        "pages/about.md",
        "---\ntitle: About desk #1\n---\n\nAbout.\n",
    );
    let run = site.run(&["check"]);
    run.assert_ok();
    let out = format!("{}{}", run.stdout, run.stderr);
    for expected in [
        "content/a.md:2:24: warning: `#3 this week` is read as a YAML comment, so `title` is published as \"Kherson strikes\"",
        "hint: if the # belongs to the text, put it in quotes: `title: \"Kherson strikes #3 this week\"`",
        "content/a.md:6:19: warning: `#5 of the mission` is read as a YAML comment, so `title` is published as \"Report\"",
        "pages/about.md:2:19: warning: `#1` is read as a YAML comment, so `title` is published as \"About desk\"",
    ] {
        assert!(out.contains(expected), "{expected}\n---\n{out}");
    }
    assert_eq!(out.matches("is read as a YAML comment").count(), 3, "{out}");
    let build = site.build();
    build.assert_ok();
    assert!(
        format!("{}{}", build.stdout, build.stderr)
            .contains("`#3 this week` is read as a YAML comment"),
        "{}",
        build.stderr
    );
}
