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
        run.stdout.contains("site.yaml:3:1: error: bad value for `style`: unknown setting `levle`; did you mean `level`?"),
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
