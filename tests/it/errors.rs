//! Bad input: every mistake an editor or maintainer can make must fail the build with exit
//! code 1 (2 for command-line usage), point at `path:line:col`, say what is wrong and hint at
//! the fix. File-shaped cases live in `tests/fixtures/errors-*/`, where each bad line sits on
//! a deliberate line number (noted in the test); short cases are written inline.
//!

use std::collections::BTreeMap;

use crate::harness::{MINIMAL_CONFIG, TestSite, count, list_files};

const DATE_HINT: &str = "= hint: write `2025-07-21`, or a timestamp with its offset such as `2025-07-21T14:30:00+03:00`";

/// Builds `site`, expecting a failure on its input (exit 1, no panic), and returns stderr.
#[track_caller]
fn failing_build(site: &TestSite) -> String {
    let run = site.build();
    run.assert_code(1);
    assert_no_panic(&run.stderr);
    run.stderr
}

/// stderr of a failing build of the fixture `tests/fixtures/<name>`.
#[track_caller]
fn fixture_errors(name: &str) -> String {
    failing_build(&TestSite::fixture(name))
}

/// stderr of a failing build of an empty site whose site.yaml is `config`.
#[track_caller]
fn config_errors(config: &str) -> String {
    failing_build(&TestSite::with_config(config))
}

#[track_caller]
fn assert_no_panic(stderr: &str) {
    assert!(!stderr.contains("panicked"), "sitrep panicked:\n{stderr}");
}

/// The diagnostic printed at `location` whose message contains `message`: its header line,
/// excerpt and hint, so hint assertions are tied to the right finding. Diagnostics are
/// separated by blank lines. Panics with the whole output when there is none.
#[track_caller]
fn error_at<'a>(stderr: &'a str, location: &str, message: &str) -> &'a str {
    let header = format!("{location}: error: ");
    stderr
        .split("\n\n")
        .find(|block| {
            let first = block.lines().next().unwrap_or("");
            first.starts_with(&header) && first.contains(message)
        })
        .unwrap_or_else(|| {
            panic!(
                "no error at `{location}` with message containing `{message}`; stderr:\n{stderr}"
            )
        })
}

/// Asserts `block` (one diagnostic) contains `needle`, showing the block if not.
#[track_caller]
fn assert_has(block: &str, needle: &str) {
    assert!(block.contains(needle), "expected `{needle}` in:\n{block}");
}

/// Every file under `public/` with its bytes.
fn snapshot(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    list_files(&site.public())
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(site.public().join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// The staging and backup folders the atomic writer uses beside `public/` must never outlive a run.
#[track_caller]
fn assert_no_swap_leftovers(site: &TestSite) {
    for leftover in [".public.staging", ".public.old"] {
        assert!(
            !site.root.join(leftover).exists(),
            "{leftover} was left beside public/"
        );
    }
}

// ---- 1. Unknown front-matter keys ----

#[test]
fn unknown_key_suggests_the_close_match_with_excerpt_and_caret() {
    // content/typo.md line 4: `tgas: [...]`.
    let stderr = fixture_errors("errors-unknown-keys");
    // The whole rendering once, so the excerpt and caret format is pinned too.
    assert_eq!(
        error_at(&stderr, "content/typo.md:4:1", "unknown key `tgas`"),
        "content/typo.md:4:1: error: unknown key `tgas`\n   |\n 4 | tgas: [peace-talks, territory]\n   | ^\n  = hint: did you mean `tags`?"
    );
}

#[test]
fn unknown_key_without_a_close_match_lists_known_keys_and_extra() {
    // content/colour.md line 5: `colour: red`.
    let stderr = fixture_errors("errors-unknown-keys");
    let d = error_at(&stderr, "content/colour.md:5:1", "unknown key `colour`");
    assert_has(
        d,
        "known keys are title, date, updated, summary, status, sources, draft, slug, extra, aliases, publish_at, language, kind, dateline, corrections, events, image, image_alt, image_caption, image_credit, tags",
    );
    assert_has(d, "put free-form data under `extra:`");
    assert!(!d.contains("did you mean"), "{d}");
}

// ---- 2. Dates ----

#[test]
fn impossible_calendar_date_is_rejected_with_the_accepted_forms() {
    // content/leap.md line 3: 2023 is not a leap year.
    let stderr = fixture_errors("errors-dates");
    let d = error_at(
        &stderr,
        "content/leap.md:3:7",
        "bad `date`: `2023-02-29` does not exist: February 2023 has 28 days",
    );
    assert_has(d, DATE_HINT);
    // A present but bad date is one problem, not also a missing one.
    assert!(
        !stderr.contains("content/leap.md:2:1: error: missing required field `date`"),
        "{stderr}"
    );
}

#[test]
fn day_first_date_is_rejected_with_the_accepted_forms() {
    // content/day-first.md line 3: `21/07/2025`.
    let stderr = fixture_errors("errors-dates");
    let d = error_at(
        &stderr,
        "content/day-first.md:3:7",
        "bad `date`: `21/07/2025` is not a date in the form YYYY-MM-DD",
    );
    assert_has(d, DATE_HINT);
}

#[test]
fn timestamp_without_offset_is_rejected() {
    // content/no-offset.md line 3: `2025-07-21T14:30:00`.
    let stderr = fixture_errors("errors-dates");
    let d = error_at(
        &stderr,
        "content/no-offset.md:3:7",
        "`2025-07-21T14:30:00` has a time but no UTC offset",
    );
    assert_has(d, DATE_HINT);
}

#[test]
fn bad_updated_date_names_the_updated_field() {
    // content/bad-updated.md line 4: `updated: 2025-07-32`.
    let stderr = fixture_errors("errors-dates");
    let d = error_at(
        &stderr,
        "content/bad-updated.md:4:10",
        "bad `updated`: `2025-07-32` does not exist: July 2025 has 31 days",
    );
    assert_has(d, DATE_HINT);
}

// ---- 3. YAML syntax (each kind of mistake: `yaml_errors.rs`) ----

#[test]
fn duplicate_key_points_at_the_repeated_key() {
    // content/duplicate-key.md: `tags:` on line 4 and again on line 5.
    let stderr = fixture_errors("errors-yaml");
    error_at(
        &stderr,
        "content/duplicate-key.md:5:1",
        "`tags` is written twice",
    );
}

// ---- 4. Front-matter delimiters ----

#[test]
fn unclosed_front_matter_is_reported_at_line_one() {
    let stderr = fixture_errors("errors-delimiters");
    let d = error_at(
        &stderr,
        "content/unclosed.md:1:1",
        "the front matter opened on line 1 is never closed",
    );
    assert_has(
        d,
        "= hint: add a line with only `---` after the last front-matter field",
    );
}

#[test]
fn file_without_front_matter_is_reported_at_line_one() {
    let stderr = fixture_errors("errors-delimiters");
    let d = error_at(
        &stderr,
        "content/no-front-matter.md:1:1",
        "this briefing does not start with front matter",
    );
    assert_has(d, "= hint: the first line must be `---`");
}

// ---- 5. Required fields ----

#[test]
fn missing_title_and_date_are_both_reported() {
    // content/untitled.md: neither key; both are reported at the first front-matter line.
    let stderr = fixture_errors("errors-required");
    let title = error_at(
        &stderr,
        "content/untitled.md:2:1",
        "missing required field `title`",
    );
    assert_has(title, "= hint: add a line such as `title: ");
    let date = error_at(
        &stderr,
        "content/untitled.md:2:1",
        "missing required field `date`",
    );
    assert_has(date, DATE_HINT);
    assert_has(&stderr, "Build failed: 2 problems to fix");
}

// ---- 6. Field values ----

#[test]
fn misspelt_status_suggests_the_close_match() {
    // content/status.md line 4.
    let stderr = fixture_errors("errors-fields");
    let d = error_at(&stderr, "content/status.md:4:9", "unknown status `resolvd`");
    assert_has(d, "= hint: did you mean `resolved`?");
}

#[test]
fn draft_must_be_a_boolean() {
    // content/draft.md line 4.
    let stderr = fixture_errors("errors-fields");
    error_at(
        &stderr,
        "content/draft.md:4:8",
        "`draft` must be true or false, found text",
    );
}

#[test]
fn source_problems_point_at_their_list_item() {
    // content/sources.md: item 1 starts on line 5 and has no url; item 2 starts on line 7
    // and has `link:` (line 8, column 5) instead of `url:`. A missing field points at the
    // item's first line; an unknown key at the key itself.
    let stderr = fixture_errors("errors-fields");
    error_at(&stderr, "content/sources.md:5:1", "source 1 has no `url`");
    let link = error_at(
        &stderr,
        "content/sources.md:8:5",
        "unknown key `link` in source 2",
    );
    assert_has(link, "= hint: a source has `title`, `url` and `publisher`");
    error_at(&stderr, "content/sources.md:7:1", "source 2 has no `url`");
}

// ---- 7. Slugs and URL collisions ----

#[test]
fn slug_with_a_path_escape_is_rejected_with_a_suggestion() {
    // content/escape.md line 4.
    let stderr = fixture_errors("errors-slugs");
    let d = error_at(
        &stderr,
        "content/escape.md:4:7",
        "`slug: ../etc` cannot be used in a URL: it contains a slash",
    );
    assert_has(d, "= hint: write `slug: etc`");
}

#[test]
fn slug_with_capitals_and_spaces_is_rejected_with_a_suggestion() {
    // content/spaces.md line 4.
    let stderr = fixture_errors("errors-slugs");
    let d = error_at(
        &stderr,
        "content/spaces.md:4:7",
        "`slug: A B` cannot be used in a URL",
    );
    assert_has(d, "lowercase letters a-z, digits, `-` and `_`");
    assert_has(d, "= hint: write `slug: a-b`");
    assert_has(d, "cannot be used in a URL");
}

#[test]
fn two_briefings_with_one_url_are_one_error_naming_both_files() {
    // permalink `/:slug/`: content/talks.md and content/2025/talks.md both want /talks/.
    // The newer one (2025/talks.md) keeps the URL; the error is at the other and names it.
    let stderr = fixture_errors("errors-url-collisions");
    let d = error_at(
        &stderr,
        "content/talks.md",
        "this briefing's URL /talks/ is already used by content/2025/talks.md",
    );
    assert_has(
        d,
        "= hint: give one of the two briefings a different `slug:`",
    );
    assert_eq!(count(&stderr, "URL /talks/ is already used"), 1, "{stderr}");
}

#[test]
fn briefing_slug_taking_a_generated_page_url_is_an_error() {
    // content/archive-notes.md has `slug: archive` on line 4; with `/:slug/` that is /archive/.
    let stderr = fixture_errors("errors-url-collisions");
    let d = error_at(
        &stderr,
        "content/archive-notes.md:4:1",
        "this briefing's URL /archive/ is already used by the generated page /archive/",
    );
    assert_has(
        d,
        "= hint: give this briefing a different `slug:`, or change `permalink:` in site.yaml",
    );
}

// ---- 8. site.yaml ----

#[test]
fn unknown_config_key_suggests_the_close_match() {
    let stderr = config_errors(&format!("{MINIMAL_CONFIG}paginte_by: 5\n"));
    let d = error_at(&stderr, "site.yaml:3:1", "unknown key `paginte_by`");
    assert_has(d, "= hint: did you mean `paginate_by`?");
}

#[test]
fn base_url_must_be_an_absolute_http_url() {
    let stderr = config_errors("title: Test Desk\nbase_url: example.org/briefings\n");
    let d = error_at(
        &stderr,
        "site.yaml:2:11",
        "bad value for `base_url`: `example.org/briefings` is not an absolute http(s) URL",
    );
    assert_has(d, "write it like `https://example.org/`");
}

#[test]
fn paginate_by_out_of_range_is_rejected() {
    for bad in ["-1", "10001", "ten", "2.5"] {
        let stderr = config_errors(&format!("{MINIMAL_CONFIG}paginate_by: {bad}\n"));
        error_at(
            &stderr,
            "site.yaml:3:14",
            "bad value for `paginate_by`: expected a whole number from 0 (no pagination) to 10000",
        );
    }
}

#[test]
fn missing_title_and_base_url_are_both_named() {
    let stderr = config_errors("description: A desk without a name\n");
    let title = error_at(&stderr, "site.yaml:1:1", "missing required key `title`");
    assert_has(title, "= hint: add a line such as `title: ");
    let base = error_at(&stderr, "site.yaml:1:1", "missing required key `base_url`");
    assert_has(base, "= hint: add a line such as `base_url: https://");
}

#[test]
fn config_findings_are_sorted_by_line() {
    // Unknown key on line 2, missing `title` reported at line 1: line 1 must come first.
    let stderr = config_errors("base_url: https://example.org/\ncolour: red\n");
    let first = stderr
        .find("site.yaml:1:1: error: missing required key `title`")
        .expect(&stderr);
    let second = stderr
        .find("site.yaml:2:1: error: unknown key `colour`")
        .expect(&stderr);
    assert!(first < second, "{stderr}");
}

#[test]
fn missing_site_yaml_hints_at_root() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    std::fs::remove_file(site.root.join("site.yaml")).unwrap();
    let stderr = failing_build(&site);
    let d = error_at(&stderr, "site.yaml", "no site.yaml in");
    assert_has(d, "pass --root DIR");
}

#[test]
fn bad_permalink_pattern_names_the_placeholders() {
    // `:title` is not a placeholder (`:slug` is).
    let stderr = config_errors(&format!(
        "{MINIMAL_CONFIG}permalink: /:year/:title/:slug/\n"
    ));
    let d = error_at(
        &stderr,
        "site.yaml:3:12",
        "bad value for `permalink`: `/:year/:title/:slug/`",
    );
    assert_has(d, "unknown placeholder; use :year, :month, :day, :slug");
}

#[test]
fn theme_that_does_not_exist_is_named() {
    let stderr = config_errors(&format!("{MINIMAL_CONFIG}theme: nope\n"));
    let d = error_at(
        &stderr,
        "site.yaml:3:8",
        "theme `nope` not found: there is no themes/nope/ folder",
    );
    assert_has(d, "= hint: set `theme: default`");
}

// ---- 9. Templates ----

/// A valid site with one briefing whose page uses the site's own `templates/briefing.html`.
fn site_with_briefing_template(template: &str) -> TestSite {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("offer.md", "title: Offer\ndate: 2025-07-21", "Body.");
    site.write("templates/briefing.html", template);
    site
}

#[test]
fn template_syntax_error_names_the_template_file_and_line() {
    // `{% if %}` on line 3: the condition is missing where `%}` stands (column 7).
    let site = site_with_briefing_template("<html>\n<body>\n{% if %}x{% endif %}\n</body>\n");
    let stderr = failing_build(&site);
    let d = error_at(
        &stderr,
        "templates/briefing.html:3:7",
        "template error: Found `%}` but expected one of",
    );
    assert_has(d, " 3 | {% if %}x{% endif %}");
}

#[test]
fn template_render_error_names_the_template_file_and_line() {
    // `page.nope` on line 4 (column 9) exists in no briefing: a render-time error.
    let site = site_with_briefing_template(
        "<html>\n<body>\n<h1>{{ page.title }}</h1>\n{{ page.nope.deeper }}\n</body>\n",
    );
    let stderr = failing_build(&site);
    let d = error_at(
        &stderr,
        "templates/briefing.html:4:9",
        "template error: Field `nope` is not defined",
    );
    assert_has(
        d,
        "Available fields: byline, card, content, corrections, date",
    );
}

/// `| shout` on line 5, column 17: no such filter.
fn site_with_unknown_filter() -> TestSite {
    site_with_briefing_template(
        "<html>\n<body>\n<h1>{{ page.title }}</h1>\n\n{{ page.title | shout }}\n</body>\n",
    )
}

#[test]
fn unknown_filter_fails_the_build_and_names_the_filter() {
    let stderr = failing_build(&site_with_unknown_filter());
    assert_has(&stderr, "Unknown filter `shout`");
    assert_has(&stderr, "briefing.html");
}

#[test]
fn unknown_filter_points_at_the_template_file_and_line() {
    let stderr = failing_build(&site_with_unknown_filter());
    error_at(
        &stderr,
        "templates/briefing.html:5:17",
        "Unknown filter `shout`",
    );
}

// ---- 10. Many errors in one run ----

#[test]
fn every_bad_file_of_a_run_is_reported_in_path_order() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    // briefing() puts front-matter line N on file line N + 1.
    site.briefing("a.md", "title: A\ndate: 2025-07-21\ntgas: [nato]", "Body.");
    site.briefing("b.md", "title: B\ndate: 2025-02-30", "Body.");
    site.write("content/c.md", "No front matter here.\n");
    let stderr = failing_build(&site);
    let positions: Vec<usize> = [
        "content/a.md:4:1: error:",
        "content/b.md:3:7: error:",
        "content/c.md:1:1: error:",
    ]
    .iter()
    .map(|header| {
        stderr
            .find(header)
            .unwrap_or_else(|| panic!("no `{header}` in:\n{stderr}"))
    })
    .collect();
    assert!(positions.is_sorted(), "not in path order:\n{stderr}");
    assert_has(&stderr, "Build failed: 3 problems to fix");
}

// ---- 11. Atomicity ----

#[test]
fn failed_build_leaves_the_previous_output_byte_identical() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing(
        "offer.md",
        "title: Offer\ndate: 2025-07-21\ntags: [peace-talks]",
        "Body.",
    );
    site.build().assert_ok();
    let before = snapshot(&site);
    assert!(
        before.contains_key("2025/07/offer/index.html"),
        "{:?}",
        before.keys()
    );

    site.briefing(
        "offer.md",
        "title: Offer\ndate: 2025-07-32\ntags: [peace-talks]",
        "Body.",
    );
    failing_build(&site);
    assert_eq!(
        snapshot(&site),
        before,
        "public/ changed after a failed build"
    );
    assert_no_swap_leftovers(&site);
}

#[test]
fn failed_first_build_creates_no_output() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("offer.md", "title: Offer\ndate: 21/07/2025", "Body.");
    failing_build(&site);
    assert!(
        !site.public().exists(),
        "a failed first build created public/"
    );
    assert_no_swap_leftovers(&site);
}

/// A site with two briefings, built once: the output a failing build must leave alone.
fn built_site() -> (TestSite, BTreeMap<String, Vec<u8>>) {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("offer.md", "title: Offer\ndate: 2025-07-21", "Body.")
        .briefing("reply.md", "title: Reply\ndate: 2025-07-22", "Body.");
    site.build().assert_ok();
    let before = snapshot(&site);
    assert!(
        before.contains_key("2025/07/offer/index.html"),
        "{:?}",
        before.keys()
    );
    (site, before)
}

/// Builds `site`, expecting the failure to happen after the staging folder was written to,
/// and checks that public/ is byte-identical to `before` and nothing is left beside it.
#[track_caller]
fn assert_failed_build_kept(site: &TestSite, before: &BTreeMap<String, Vec<u8>>) -> String {
    let stderr = failing_build(site);
    assert_eq!(
        &snapshot(site),
        before,
        "public/ changed after a failed build\n{stderr}"
    );
    assert_no_swap_leftovers(site);
    stderr
}

/// The staging folder as error messages name it.
fn staging(site: &TestSite) -> std::path::PathBuf {
    site.root.canonicalize().unwrap().join(".public.staging")
}

#[test]
fn template_error_while_rendering_one_page_keeps_the_previous_output() {
    // Only `reply.md` has `extra.mood`, and calling it fails: the error appears while pages
    // are being written into the staging folder, not when the template is parsed.
    let (site, before) = built_site();
    site.briefing(
        "reply.md",
        "title: Reply\ndate: 2025-07-22\nextra:\n  mood: calm",
        "Body.",
    );
    site.write(
        "templates/briefing.html",
        "<h1>{{ page.title }}</h1>\n{% if page.extra.mood %}{{ page.extra.mood.level }}{% endif %}\n",
    );
    let stderr = assert_failed_build_kept(&site, &before);
    assert_eq!(
        stderr,
        "templates/briefing.html:2:44: error: template error: Field `level` is not defined.\n   |\n 2 | {% if page.extra.mood %}{{ page.extra.mood.level }}{% endif %}\n   |                                            ^\n  = hint: while rendering /2025/07/reply/ (from content/reply.md)\n\nBuild failed: 1 problem to fix; the output folder was not changed.\n"
    );
}

#[test]
fn write_failure_while_writing_pages_keeps_the_previous_output() {
    // A static file named `archive` takes the place of the folder /archive/index.html needs:
    // static files are copied first, so the page's write fails halfway through the build.
    let (site, before) = built_site();
    site.write("static/archive", "a file, not a folder");
    let stderr = assert_failed_build_kept(&site, &before);
    assert_eq!(
        stderr,
        format!(
            "error: cannot write {}/archive/index.html: Not a directory (os error 20)\nBuild failed; the output folder was not changed.\n",
            staging(&site).display()
        )
    );
}

#[test]
fn write_failure_while_writing_the_search_index_keeps_the_previous_output() {
    // A static file named `pagefind/fragment` takes the place of the folder the index's
    // fragments need: the first fragment's write fails while the index is being made.
    let (site, before) = built_site();
    site.write("static/pagefind/fragment", "a file, not a folder");
    let stderr = assert_failed_build_kept(&site, &before);
    let prefix = format!(
        "error: cannot write {}/pagefind/fragment/",
        staging(&site).display()
    );
    assert!(stderr.starts_with(&prefix), "{stderr}");
    assert!(
        stderr.ends_with(
            ".pf_fragment: Not a directory (os error 20)\nBuild failed; the output folder was not changed.\n"
        ),
        "{stderr}"
    );
    assert_eq!(
        stderr.lines().count(),
        2,
        "one error, not one per fragment: {stderr}"
    );
}

#[test]
fn file_name_too_long_for_the_disk_keeps_the_previous_output() {
    // An alias with a 300-byte segment: valid as a URL, but no Linux filesystem takes the name.
    let (site, before) = built_site();
    let long = "x".repeat(300);
    site.briefing(
        "reply.md",
        &format!("title: Reply\ndate: 2025-07-22\naliases: [/{long}/]"),
        "Body.",
    );
    let stderr = assert_failed_build_kept(&site, &before);
    assert_eq!(
        stderr,
        format!(
            "error: cannot write {}/{long}/index.html: File name too long (os error 36)\nBuild failed; the output folder was not changed.\n",
            staging(&site).display()
        )
    );
}

/// Clears the immutable attribute again, so the temporary folder can be deleted.
struct Immutable(std::path::PathBuf);

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
    }
}

/// Sets the immutable attribute on `path`, which stops even root from renaming or deleting
/// it; `None` where that is not allowed (it needs root and an ext4-like filesystem).
fn immutable(path: &std::path::Path) -> Option<Immutable> {
    let set = std::process::Command::new("chattr")
        .arg("+i")
        .arg(path)
        .output();
    if set.is_ok_and(|o| o.status.success()) {
        Some(Immutable(path.to_path_buf()))
    } else {
        eprintln!(
            "skipped: cannot make {} immutable here (needs root and chattr); the swap's branches have unit tests in src/output.rs",
            path.display()
        );
        None
    }
}

#[test]
fn failure_to_move_the_previous_output_aside_keeps_it() {
    // The swap itself fails: public/ is immutable, so it cannot be renamed.
    let (site, before) = built_site();
    site.briefing("late.md", "title: Late\ndate: 2025-08-01", "Body.");
    let Some(_guard) = immutable(&site.public()) else {
        return;
    };
    let stderr = assert_failed_build_kept(&site, &before);
    assert_eq!(
        stderr,
        format!(
            "error: cannot move {} aside: Operation not permitted (os error 1)\nBuild failed; the output folder was not changed.\n",
            site.root.canonicalize().unwrap().join("public").display()
        )
    );
}

#[test]
fn previous_output_that_cannot_be_deleted_after_the_swap_is_a_warning() {
    // The new site is in place; one file of the previous one resists deletion. The build
    // succeeds, says where the rest is, and the next build clears it.
    let (site, _) = built_site();
    site.briefing("late.md", "title: Late\ndate: 2025-08-01", "Body.");
    let stuck = site.public().join("index.html");
    let Some(guard) = immutable(&stuck) else {
        return;
    };
    let run = site.build();
    let old = site.root.canonicalize().unwrap().join(".public.old");
    // The stuck file moved with the previous site: clear it there too, whatever happens.
    let moved = Immutable(old.join("index.html"));
    run.assert_ok();
    assert_eq!(
        run.stderr,
        format!(
            "{old}: warning: the new site is in place, but the previous one could not be deleted: Operation not permitted (os error 1)\n  = hint: delete {old} by hand\n\n",
            old = old.display()
        )
    );
    assert!(site.exists("2025/08/late/index.html"));
    assert!(old.join("index.html").exists());
    drop((guard, moved));
    site.build().assert_ok();
    assert_no_swap_leftovers(&site);
}

// ---- 12. Encoding ----

#[test]
fn non_utf8_file_is_named_without_a_panic() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    // Latin-1 `é` (0xE9) on line 2, as an editor saving in a legacy encoding would write it.
    std::fs::write(
        site.root.join("content/latin1.md"),
        b"---\ntitle: Caf\xe9 talks\ndate: 2025-07-21\n---\n",
    )
    .unwrap();
    let stderr = failing_build(&site);
    // At the byte itself: `Caf` is 3 characters after `title: `.
    let d = error_at(
        &stderr,
        "content/latin1.md:2:11",
        "this file is not UTF-8 text: byte 0xE9 here is not UTF-8",
    );
    assert_has(d, "= hint: save it as UTF-8");
}

// ---- 13. Terms ----

#[test]
fn term_that_cannot_be_slugged_points_at_the_name_and_the_slugs_table() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    // `tags:` is on file line 4; the name starts at column 9, inside its quotes.
    site.briefing(
        "shout.md",
        "title: Shout\ndate: 2025-07-21\ntags: [\"!!!\"]",
        "Body.",
    );
    let stderr = failing_build(&site);
    let d = error_at(
        &stderr,
        "content/shout.md:4:9",
        "`!!!` in `tags` cannot be turned into a URL",
    );
    assert_has(d, "= hint: add a slug for it in site.yaml");
    assert_has(d, "`slugs: { \"!!!\": some-slug }`");
}

// ---- 14. Command line ----

#[test]
fn unknown_flag_is_a_usage_error() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    let run = site.run(&["build", "--frobnicate"]);
    run.assert_code(2);
    assert_has(&run.stderr, "unexpected argument '--frobnicate'");
}

#[test]
fn bad_base_url_flag_is_a_usage_error_naming_the_flag() {
    // The flag parses (it is text), but no build or check can use its value: exit 2, as for
    // any bad command line, with one line saying what to pass.
    let site = TestSite::with_config(MINIMAL_CONFIG);
    for command in ["build", "check"] {
        let run = site.run(&[command, "--base-url", "ftp://x"]);
        run.assert_code(2);
        assert_eq!(
            run.stderr,
            "error: bad --base-url: `ftp://x` is not an absolute http(s) URL; write it like `https://example.org/` or `https://org.github.io/briefings/`\n"
        );
    }
    assert!(!site.public().exists());
}

/// An option value sitrep cannot use is a usage error like clap's own: exit 2 and one line
/// saying what to pass, before anything is written.
#[test]
fn bad_option_values_exit_2_with_one_line_saying_what_to_pass() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("a.md", "title: A\ndate: 2025-07-21", "Text.");
    site.write(
        "article.txt",
        "Kremlin ties talks to four regions\n\nA paragraph of text.\n",
    );
    let before = list_files(&site.root);
    let cases: [(&[&str], &str); 3] = [
        (
            &["import", "article.txt", "--url", "notaurl"],
            "error: --url notaurl is not a web address: it does not start with `https://`; pass the article's full address as the browser shows it, such as `--url https://example.org/news/article`",
        ),
        (
            &["build", "--output", "content/x"],
            "error: refusing to build into --output content/x (",
        ),
        (
            &["init", "desk", "--base-url", "example.org"],
            "error: bad --base-url: `example.org` is not an absolute http(s) URL; write it like `https://example.org/` or `https://org.github.io/briefings/`",
        ),
    ];
    for (args, expected) in cases {
        let run = site.run(args);
        run.assert_code(2);
        assert_no_panic(&run.stderr);
        assert!(
            run.stderr.starts_with(expected),
            "{args:?}:\n{}",
            run.stderr
        );
        assert_eq!(run.stderr.lines().count(), 1, "{args:?}:\n{}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}:\n{}", run.stdout);
    }
    let output = site.run(&["build", "--output", "content/x"]);
    assert!(
        output.stderr.ends_with(
            "that is inside the site's content/ folder; a build replaces its output folder as a whole, so pass a folder of its own, such as `--output public` (the default) or a folder outside the site\n"
        ),
        "{}",
        output.stderr
    );
    assert_eq!(list_files(&site.root), before, "nothing was written");
}
