//! House style: site.yaml's `style.prefer` words, found in titles, summaries, datelines,
//! corrections and body text at their line and column, never in code, URLs or link
//! targets, with an accept marker for a direct quotation; `style.level: error` refuses them.

use crate::harness::{MINIMAL_CONFIG, TestSite};

const STYLE: &str =
    "style:\n  prefer:\n    Kiev: Kyiv\n    Kharkov: Kharkiv\n    \"the Ukraine\": Ukraine\n";

const BRIEFING: &str = "---
title: Talks in Kiev resume
date: 2025-07-01
summary: Officials in Kharkov and Kievan Rus historians disagree.
corrections:
  - date: 2025-07-02
    text: An earlier version said the Ukraine had agreed.
---
A lede about Kiev, with `Kiev` in code and a [link](https://en.wikipedia.org/wiki/Kiev).
See https://www.kiev.ua/Kiev/ and <https://kyivcity.gov.ua/Kiev> for kiev and KIEV.

He said \"Kiev will not fall\". <!-- style: accept Kiev -->

A sentence ending in the
Ukraine, across a line.

```
Kiev in a code block
```

> A quote from Kharkov-based officials.
";

/// Every house-style finding of `content/a.md`: line, column and the words.
const FINDINGS: &[(usize, usize, &str, &str)] = &[
    (2, 17, "Kiev", "Kyiv"),
    (4, 23, "Kharkov", "Kharkiv"),
    (7, 35, "the Ukraine", "Ukraine"),
    (9, 14, "Kiev", "Kyiv"),
    (14, 22, "the Ukraine", "Ukraine"),
    (21, 16, "Kharkov", "Kharkiv"),
];

fn styled_site(level: &str) -> TestSite {
    let site = TestSite::with_config(&format!("{MINIMAL_CONFIG}{STYLE}{level}"));
    site.write("content/a.md", BRIEFING);
    site
}

#[test]
fn house_style_words_are_found_at_their_line_and_column_in_both_formats() {
    let site = styled_site("");
    let text = site.run(&["check"]);
    text.assert_ok();
    let found: Vec<&str> = text
        .stdout
        .lines()
        .filter(|l| l.starts_with("content/a.md:"))
        .collect();
    let expected: Vec<String> = FINDINGS
        .iter()
        .map(|(line, col, word, preferred)| {
            format!(
                "content/a.md:{line}:{col}: warning: house style: write `{preferred}`, not `{word}`"
            )
        })
        .collect();
    assert_eq!(found, expected, "{}", text.stdout);
    assert!(
        text.stdout.contains("0 errors, 6 warnings"),
        "{}",
        text.stdout
    );
    let github = site.run(&["check", "--format", "github"]);
    let annotations: Vec<&str> = github.stdout.lines().collect();
    assert_eq!(annotations.len(), FINDINGS.len(), "{}", github.stdout);
    for ((line, col, word, preferred), annotation) in FINDINGS.iter().zip(&annotations) {
        let start = format!(
            "::warning file=content/a.md,line={line},col={col},title=sitrep%3A house style::house style: write `{preferred}`, not `{word}` — "
        );
        assert!(annotation.starts_with(&start), "{start}\n{annotation}");
    }
    // Warnings only: the site builds.
    site.build().assert_ok();
}

#[test]
fn the_accept_marker_works_in_front_matter_and_names_its_words() {
    let site = TestSite::with_config(&format!("{MINIMAL_CONFIG}{STYLE}"));
    site.write(
        "content/a.md",
        "---\ntitle: Talks in Kiev   # style: accept Kiev\ndate: 2025-07-01\nsummary: Kharkov and Kiev.   # style: accept Kiev\n---\nKiev and Kharkov. <!-- style: accept Kiev, Kharkov -->\n",
    );
    let run = site.run(&["check"]);
    let found: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("content/a.md:"))
        .collect();
    // The marker on line 4 accepts `Kiev` only.
    assert_eq!(
        found,
        ["content/a.md:4:10: warning: house style: write `Kharkiv`, not `Kharkov`"],
        "{}",
        run.stdout
    );
}

#[test]
fn at_level_error_house_style_stops_the_build() {
    let site = styled_site("  level: error\n");
    let check = site.run(&["check"]);
    check.assert_code(1);
    assert!(
        check
            .stdout
            .contains("content/a.md:2:17: error: house style: write `Kyiv`, not `Kiev`"),
        "{}",
        check.stdout
    );
    assert!(
        check.stdout.contains("6 errors, 0 warnings"),
        "{}",
        check.stdout
    );
    site.build().assert_code(1);
    assert!(!site.public().exists());
}

#[test]
fn a_bad_style_setting_is_an_error_at_its_line() {
    let site = TestSite::with_config(&format!(
        "{MINIMAL_CONFIG}style:\n  prefer:\n    Kiev: Kyiv\n  levle: error\n"
    ));
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stdout
            .contains("site.yaml:6:3: error: bad value for `style`: unknown setting `levle`")
            && run.stdout.contains("= hint: did you mean `level`?"),
        "{}",
        run.stdout
    );
    let site = TestSite::with_config(&format!(
        "{MINIMAL_CONFIG}style:\n  prefer: [Kiev]\n  level: loud\n"
    ));
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stdout
            .contains("`prefer` maps each word to avoid to the one to write"),
        "{}",
        run.stdout
    );
}

/// Pages and term profiles are the desk's own words too: their title, summary (a page's menu
/// title, a profile's role) and text are checked like a briefing's, with the same marker.
#[test]
fn pages_and_profiles_are_held_to_the_house_style() {
    let site = TestSite::with_config(&format!("{MINIMAL_CONFIG}taxonomies: [regions]\n{STYLE}"));
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-07-01\nregions: [Kyiv]",
        "Text.",
    );
    site.write(
        "pages/about.md",
        "---\ntitle: About the Kiev desk\nmenu: 1\nmenu_title: Kharkov office\n---\nWe cover the Ukraine. `Kiev` in code.\n\nHe said \"Kiev\". <!-- style: accept Kiev -->\n",
    );
    site.write(
        "terms/regions/kyiv.md",
        "---\ntitle: Kyiv\nrole: Capital, formerly Kiev\nsummary: The city on the Dnipro.\n---\nKharkov is east of here.\n",
    );
    let run = site.run(&["check"]);
    run.assert_ok();
    let found: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains(": warning: house style"))
        .collect();
    assert_eq!(
        found,
        [
            "pages/about.md:2:18: warning: house style: write `Kyiv`, not `Kiev`",
            "pages/about.md:4:13: warning: house style: write `Kharkiv`, not `Kharkov`",
            "pages/about.md:6:10: warning: house style: write `Ukraine`, not `the Ukraine`",
            "terms/regions/kyiv.md:3:25: warning: house style: write `Kyiv`, not `Kiev`",
            "terms/regions/kyiv.md:6:1: warning: house style: write `Kharkiv`, not `Kharkov`",
        ],
        "{}",
        run.stdout
    );
    // At level error they stop the build, as in a briefing.
    let site_error = TestSite::with_config(&format!("{MINIMAL_CONFIG}{STYLE}  level: error\n"));
    site_error.briefing("a.md", "title: A\ndate: 2025-07-01", "Text.");
    site_error.write("pages/about.md", "---\ntitle: About\n---\nThe Kiev desk.\n");
    site_error.build().assert_code(1);
    assert!(!site_error.public().exists());
}
