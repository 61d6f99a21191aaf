//! What a build costs a desk's publishing quota: term feeds carry summaries unless told
//! otherwise, the build says how big the site is, and warns before GitHub Pages' 1 GB limit.

use crate::harness::{MINIMAL_CONFIG, TestSite};

fn site(extra_config: &str) -> TestSite {
    let site = TestSite::with_config(&format!("{MINIMAL_CONFIG}{extra_config}"));
    site.briefing(
        "offer.md",
        "title: Offer\ndate: 2025-07-21\nsummary: The short version.\ntags: [peace-talks]",
        "The long version, with a [link](/archive/).\n",
    );
    site
}

#[test]
fn term_feeds_carry_summaries_and_the_site_feed_full_text_by_default() {
    let site = site("");
    site.build().assert_ok();
    let term = site.read("tags/peace-talks/atom.xml");
    assert!(
        term.contains("<summary type=\"text\">The short version.</summary>"),
        "{term}"
    );
    assert!(!term.contains("<content"), "{term}");
    let whole = site.read("atom.xml");
    assert!(whole.contains("<content type=\"html\">"), "{whole}");
    assert!(whole.contains("https://example.org/archive/"), "{whole}");
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert!(json["items"][0]["content_html"].is_string());
}

#[test]
fn feeds_can_carry_full_text_or_summaries_as_configured() {
    let site = site("feeds: { terms: full, site: summary }\n");
    site.build().assert_ok();
    assert!(
        site.read("tags/peace-talks/atom.xml")
            .contains("<content type=\"html\">")
    );
    let whole = site.read("atom.xml");
    assert!(!whole.contains("<content"), "{whole}");
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(json["items"][0]["content_text"], "The short version.");
    assert!(json["items"][0].get("content_html").is_none());
}

#[test]
fn build_says_how_big_the_site_is_and_warns_near_the_size_limit() {
    let site = site("");
    let run = site.build();
    run.assert_ok();
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Built "))
        .unwrap();
    assert!(line.contains(" kB) in "), "{line}");
    assert!(!run.stderr.contains("size limit"), "{}", run.stderr);

    // A limit the site passes 80% of: a warning naming the largest parts; it still builds.
    let small = self::site("size_limit: 20 kB\n");
    let run = small.build();
    run.assert_ok();
    let warning = run
        .stderr
        .split("\n\n")
        .find(|b| b.starts_with("site.yaml: warning: the site is "))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(
        warning.contains("of its size limit of 20.0 kB (size_limit)"),
        "{warning}"
    );
    assert!(warning.contains("the largest parts are "), "{warning}");
    assert!(
        warning.contains("GitHub Pages publishes at most 1 GB"),
        "{warning}"
    );
}

#[test]
fn bad_feed_and_size_settings_are_errors_at_their_line() {
    let site = site("feeds: { terms: some }\nsize_limit: lots\n");
    let run = site.build();
    run.assert_code(1);
    assert!(run.stderr.contains("site.yaml:3:17"), "{}", run.stderr);
    assert!(
        run.stderr.contains("is `full` or `summary`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("site.yaml:4:13"), "{}", run.stderr);
    assert!(
        run.stderr.contains("write it like `1 GB`"),
        "{}",
        run.stderr
    );
}
