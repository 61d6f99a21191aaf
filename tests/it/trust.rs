//! Trust indicators readers and machines can see: the type of work (`kind:`), the dateline,
//! the corrections log (on the briefing, in its metadata, on /corrections/ and its feed).

use crate::harness::{MINIMAL_CONFIG, TestSite, count};

/// The JSON-LD of a page, parsed.
#[track_caller]
fn json_ld(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("a JSON-LD script") + open.len();
    let end = start + html[start..].find("</script>").expect("closed");
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

/// The text between the first `start` marker and the next `end` after it.
#[track_caller]
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in\n{html}"));
    let to = from + html[from..].find(end).expect("end marker");
    &html[from..to]
}

#[test]
fn each_kind_has_its_label_on_the_page_and_in_lists_and_its_schema_type() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("plain.md", "title: Plain\ndate: 2025-07-01", "Body.");
    for (name, day) in [
        ("report", 2),
        ("analysis", 3),
        ("explainer", 4),
        ("opinion", 5),
    ] {
        site.briefing(
            &format!("{name}.md"),
            &format!("title: A {name}\ndate: 2025-07-0{day}\nkind: {name}"),
            "Body.",
        );
    }
    site.briefing(
        "dumka.md",
        "title: Думка\ndate: 2025-07-06\nkind: opinion\nlanguage: uk",
        "Текст.",
    );
    site.build().assert_ok();
    let home = site.read("index.html");
    for (file, kind, label, schema) in [
        ("plain", "report", "Report", "ReportageNewsArticle"),
        ("report", "report", "Report", "ReportageNewsArticle"),
        ("analysis", "analysis", "Analysis", "AnalysisNewsArticle"),
        (
            "explainer",
            "explainer",
            "Explainer",
            "BackgroundNewsArticle",
        ),
        ("opinion", "opinion", "Opinion", "OpinionNewsArticle"),
        ("dumka", "opinion", "Думка", "OpinionNewsArticle"),
    ] {
        let page = site.read(&format!("2025/07/{file}/index.html"));
        let badge = format!("<span class=\"kind kind--{kind}\">{label}</span>");
        assert_eq!(count(&page, &badge), 1, "{file}: {badge}\n{page}");
        assert_eq!(json_ld(&page)["@type"], schema, "{file}");
        // Every card in a list says what kind of work it is.
        let card = between(&home, &format!("/2025/07/{file}/\""), "</article>");
        let card_start = home[..home.find(card).unwrap()].rfind("<article").unwrap();
        assert!(
            home[card_start..].starts_with("<article")
                && home[card_start..home.find(card).unwrap() + card.len()].contains(&badge),
            "{file}: no {badge} in its card\n{home}"
        );
    }
    // Opinion is set apart by its own style, not only by its word.
    let css = site.read("style.css");
    assert!(css.contains(".kind--opinion"), "no style for opinion");
}

#[test]
fn an_unknown_kind_is_an_error_with_a_suggestion() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-07-01\nkind: analisys",
        "Body.",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stdout
            .contains("content/a.md:4:7: error: unknown kind `analisys`")
            && run.stdout.contains("did you mean `analysis`?"),
        "{}",
        run.stdout
    );
}

/// The desk's standards ask for every source under the briefing. With `require_sources:`
/// set, a report, analysis or explainer without `sources:` is a finding at that level (in
/// both output formats); a piece of opinion may go without; without the setting, nothing.
#[test]
fn require_sources_finds_briefings_that_cite_none_but_opinion() {
    let site = TestSite::with_config(&format!("{MINIMAL_CONFIG}require_sources: warning\n"));
    site.briefing("a-report.md", "title: A\ndate: 2025-07-01", "Body.");
    site.briefing(
        "b-analysis.md",
        "title: B\ndate: 2025-07-02\nkind: analysis\nsources: []",
        "Body.",
    );
    site.briefing(
        "c-opinion.md",
        "title: C\ndate: 2025-07-03\nkind: opinion",
        "Body.",
    );
    site.briefing(
        "d-cited.md",
        "title: D\ndate: 2025-07-04\nsources:\n  - title: UN News\n    url: https://news.un.org/en/story/2022/10/1129492",
        "Body.",
    );
    let hint = "list what it rests on under `sources:` in the front matter, each with a `title:` and a `url:` (and a `publisher:`); site.yaml's `require_sources` asks for them, but for a piece of opinion (`kind: opinion`)";
    let cited = |stdout: &str| -> Vec<String> {
        stdout
            .lines()
            .filter(|l| l.contains("cites no sources"))
            .map(str::to_string)
            .collect()
    };
    // At the briefing's first line without `sources:`, at `sources: []` with it.
    let run = site.run(&["check", "--format", "github"]);
    run.assert_ok();
    assert_eq!(
        cited(&run.stdout),
        [
            format!(
                "::warning file=content/a-report.md,line=1,col=1,title=sitrep%3A sources::this report cites no sources — {hint}"
            ),
            format!(
                "::warning file=content/b-analysis.md,line=5,col=1,title=sitrep%3A sources::this analysis cites no sources — {hint}"
            ),
        ],
        "{}",
        run.stdout
    );
    site.build().assert_ok();

    // At `error`, the build refuses them and keeps nothing half-written; a draft's is a
    // warning, so `--drafts` still renders it.
    site.write(
        "site.yaml",
        &format!("{MINIMAL_CONFIG}require_sources: error\n"),
    );
    let run = site.run(&["build", "--output", "out"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("content/a-report.md:1:1: error: this report cites no sources"),
        "{}",
        run.stderr
    );
    assert!(!site.root.join("out").exists());
    site.briefing(
        "a-report.md",
        "title: A\ndate: 2025-07-01\ndraft: true",
        "Body.",
    );
    site.briefing(
        "b-analysis.md",
        "title: B\ndate: 2025-07-02\nkind: analysis\ndraft: true",
        "Body.",
    );
    let run = site.run(&["build", "--drafts", "--output", "out"]);
    run.assert_ok();
    assert!(
        run.stderr
            .contains("content/a-report.md:1:1: warning: this report cites no sources"),
        "{}",
        run.stderr
    );

    // Off (the default): not a word.
    site.write("site.yaml", MINIMAL_CONFIG);
    let run = site.run(&["check", "--drafts"]);
    assert!(cited(&run.stdout).is_empty(), "{}", run.stdout);
}

#[test]
fn the_dateline_is_shown_before_the_first_paragraph_and_in_json_ld() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-07-01\ndateline: Kyiv",
        "## Heading first\n\nThe first paragraph.",
    );
    site.briefing("b.md", "title: B\ndate: 2025-07-02", "No dateline.");
    site.build().assert_ok();
    let page = site.read("2025/07/a/index.html");
    let dateline = page.find("class=\"dateline\"").expect("a dateline");
    assert!(
        dateline < page.find("<p>The first paragraph").unwrap()
            && dateline < page.find(">Heading first<").unwrap(),
        "{page}"
    );
    assert!(page.contains(">Kyiv<"), "{page}");
    assert_eq!(json_ld(&page)["dateline"], "Kyiv");
    let other = site.read("2025/07/b/index.html");
    assert!(!other.contains("class=\"dateline\""));
    assert!(json_ld(&other).get("dateline").is_none());
}

const CORRECTED: &str = "title: Corrected
date: 2025-07-21
updated: 2025-07-22
corrections:
  - date: 2025-07-23
    text: An earlier version gave the wrong date for the summit.
  - date: 2025-07-25T10:00:00+03:00
    text: An earlier version misspelled *Zaporizhzhia*.";

#[test]
fn corrections_are_shown_newest_first_at_the_top_and_in_json_ld() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("corrected.md", CORRECTED, "The first paragraph.");
    site.build().assert_ok();
    let page = site.read("2025/07/corrected/index.html");
    let box_at = page
        .find("class=\"corrections\"")
        .expect("a corrections box");
    assert!(
        box_at < page.find("<p>The first paragraph").unwrap(),
        "{page}"
    );
    let corrections = between(&page, "class=\"corrections\"", "</section>");
    let newest = corrections.find("25 July 2025").expect("newest");
    let oldest = corrections.find("23 July 2025").expect("oldest");
    assert!(newest < oldest, "{corrections}");
    assert!(
        corrections.contains(
            "Correction, <time datetime=\"2025-07-25T10:00:00+03:00\">25 July 2025</time>:"
        ),
        "{corrections}"
    );
    assert!(
        corrections.contains("misspelled <em>Zaporizhzhia</em>."),
        "{corrections}"
    );
    let ld = json_ld(&page);
    assert_eq!(ld["dateModified"], "2025-07-25T10:00:00+03:00");
    let listed = ld["correction"].as_array().expect("correction is a list");
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0]["@type"], "CorrectionComment");
    assert_eq!(listed[0]["datePublished"], "2025-07-25T10:00:00+03:00");
    assert_eq!(
        listed[0]["text"],
        "An earlier version misspelled Zaporizhzhia."
    );
    assert_eq!(listed[1]["datePublished"], "2025-07-23T00:00:00Z");
    // Metadata says when it last changed: the latest correction.
    assert!(
        page.contains(
            "<meta property=\"article:modified_time\" content=\"2025-07-25T10:00:00+03:00\">"
        ),
        "{page}"
    );
}

#[test]
fn the_latest_correction_is_the_updated_date_in_the_sitemap_and_feeds() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("corrected.md", CORRECTED, "Body.");
    site.briefing(
        "late-update.md",
        "title: Late update\ndate: 2025-07-01\nupdated: 2025-08-01\ncorrections:\n  - date: 2025-07-02\n    text: Fixed a name.",
        "Body.",
    );
    site.build().assert_ok();
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("/2025/07/corrected/</loc><lastmod>2025-07-25T10:00:00+03:00</lastmod>"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("/2025/07/late-update/</loc><lastmod>2025-08-01T00:00:00Z</lastmod>"),
        "{sitemap}"
    );
    let feed = feed_rs::parser::parse(site.read("atom.xml").as_bytes()).unwrap();
    let entry = feed
        .entries
        .iter()
        .find(|e| e.links[0].href.ends_with("/2025/07/corrected/"))
        .unwrap();
    assert_eq!(
        entry.updated.unwrap().to_rfc3339(),
        "2025-07-25T07:00:00+00:00"
    );
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["url"].as_str().unwrap().ends_with("/corrected/"))
        .unwrap();
    assert_eq!(item["date_modified"], "2025-07-25T10:00:00+03:00");
}

/// `updated:` or a correction dated by day only, on the day of a briefing published at a
/// time: its midnight UTC is before publication, which no feed reader or search engine should
/// be told. Machine-readable "modified" dates fall back to the publication moment.
#[test]
fn an_update_on_the_publication_day_without_a_time_is_never_before_publication() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing(
        "same-day.md",
        "title: Same day\ndate: 2025-02-11T10:00:00+03:00\nupdated: 2025-02-11",
        "Body.",
    );
    site.briefing(
        "corrected-same-day.md",
        "title: Corrected same day\ndate: 2025-02-12T09:30:00+02:00\ncorrections:\n  - date: 2025-02-12\n    text: Fixed a name.",
        "Body.",
    );
    site.build().assert_ok();
    for (path, published) in [
        ("2025/02/same-day/", "2025-02-11T10:00:00+03:00"),
        ("2025/02/corrected-same-day/", "2025-02-12T09:30:00+02:00"),
    ] {
        let page = site.read(&format!("{path}index.html"));
        let ld = json_ld(&page);
        assert_eq!(ld["datePublished"], published, "{path}");
        assert_eq!(ld["dateModified"], published, "{path}");
        assert!(!page.contains("article:modified_time"), "{path}");
        let sitemap = site.read("sitemap.xml");
        assert!(
            sitemap.contains(&format!("/{path}</loc><lastmod>{published}</lastmod>")),
            "{sitemap}"
        );
    }
    let feed = feed_rs::parser::parse(site.read("atom.xml").as_bytes()).unwrap();
    assert_eq!(feed.entries.len(), 2);
    for entry in &feed.entries {
        assert_eq!(entry.updated, entry.published, "{:?}", entry.links);
    }
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    for item in json["items"].as_array().unwrap() {
        assert_eq!(item["date_modified"], item["date_published"], "{item}");
    }
}

fn corrections_site() -> TestSite {
    let site = TestSite::with_config(&format!("{MINIMAL_CONFIG}paginate_by: 2\n"));
    site.briefing(
        "first.md",
        "title: First\ndate: 2025-06-01\ncorrections:\n  - date: 2025-06-10\n    text: Fixed the casualty figure.\n  - date: 2025-06-03\n    text: Fixed a name.",
        "Body.",
    );
    site.briefing(
        "second.md",
        "title: Second\ndate: 2025-07-01\ncorrections:\n  - date: 2025-07-02\n    text: See [the first](/2025/06/first/).",
        "Body.",
    );
    site.briefing("clean.md", "title: Clean\ndate: 2025-07-05", "Body.");
    site
}

#[test]
fn the_corrections_page_lists_every_correction_newest_first_paginated() {
    let site = corrections_site();
    site.build().assert_ok();
    let first = site.read("corrections/index.html");
    let second = site.read("corrections/page/2/index.html");
    assert!(!site.exists("corrections/page/3/index.html"));
    let order = |html: &str| -> Vec<&'static str> {
        let mut found: Vec<(usize, &'static str)> = [
            "Fixed the casualty figure.",
            "Fixed a name.",
            "See <a href=\"/2025/06/first/\">the first</a>.",
        ]
        .iter()
        .filter_map(|text| html.find(text).map(|at| (at, *text)))
        .collect();
        found.sort();
        found.into_iter().map(|(_, text)| text).collect()
    };
    assert_eq!(
        order(&first),
        [
            "See <a href=\"/2025/06/first/\">the first</a>.",
            "Fixed the casualty figure."
        ],
        "{first}"
    );
    assert_eq!(order(&second), ["Fixed a name."], "{second}");
    // Each correction links to the corrections of its briefing, titled.
    assert!(
        first.contains("href=\"/2025/07/second/#corrections\">Second</a>"),
        "{first}"
    );
    assert!(
        second.contains("href=\"/2025/06/first/#corrections\">First</a>"),
        "{second}"
    );
    assert!(first.contains("href=\"/corrections/page/2/\""), "{first}");
    assert!(site.read("sitemap.xml").contains("/corrections/</loc>"));
    // Linked from the briefing's box and announced as a feed.
    assert!(
        first.contains("type=\"application/atom+xml\"")
            && first.contains("href=\"/corrections/atom.xml\"")
    );
}

#[test]
fn a_site_without_corrections_says_so_on_its_corrections_page() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("clean.md", "title: Clean\ndate: 2025-07-05", "Body.");
    site.build().assert_ok();
    let page = site.read("corrections/index.html");
    assert!(page.contains("No corrections so far."), "{page}");
    let feed = feed_rs::parser::parse(site.read("corrections/atom.xml").as_bytes()).unwrap();
    assert!(feed.entries.is_empty());
}

#[test]
fn the_corrections_feed_has_one_entry_per_correction_with_a_stable_id() {
    let site = corrections_site();
    site.build().assert_ok();
    let feed = feed_rs::parser::parse(site.read("corrections/atom.xml").as_bytes()).unwrap();
    let entries: Vec<(String, String, String, String)> = feed
        .entries
        .iter()
        .map(|e| {
            (
                e.title.as_ref().unwrap().content.clone(),
                e.links[0].href.clone(),
                e.updated.unwrap().date_naive().to_string(),
                e.id.clone(),
            )
        })
        .collect();
    assert_eq!(entries.len(), 3, "{entries:#?}");
    assert_eq!(entries[0].0, "Correction to “Second”");
    assert_eq!(
        entries[0].1,
        "https://example.org/2025/07/second/#corrections"
    );
    assert_eq!(entries[0].2, "2025-07-02");
    assert_eq!(entries[1].2, "2025-06-10");
    assert_eq!(entries[2].2, "2025-06-03");
    let content = feed.entries[0].content.as_ref().unwrap();
    assert!(
        content
            .body
            .as_deref()
            .unwrap()
            .contains("href=\"https://example.org/2025/06/first/\""),
        "{content:?}"
    );
    let ids: Vec<String> = entries.iter().map(|e| e.3.clone()).collect();
    assert_eq!(
        ids.iter().collect::<std::collections::BTreeSet<_>>().len(),
        3
    );
    // A new correction elsewhere, and a new one on the same briefing, change no old id.
    site.briefing(
        "clean.md",
        "title: Clean\ndate: 2025-07-05\ncorrections:\n  - date: 2025-07-06\n    text: New.",
        "Body.",
    );
    site.briefing(
        "first.md",
        "title: First\ndate: 2025-06-01\ncorrections:\n  - date: 2025-06-11\n    text: Also the date.\n  - date: 2025-06-10\n    text: Fixed the casualty figure.\n  - date: 2025-06-03\n    text: Fixed a name.",
        "Body.",
    );
    site.build().assert_ok();
    let after = feed_rs::parser::parse(site.read("corrections/atom.xml").as_bytes()).unwrap();
    let after_ids: Vec<String> = after.entries.iter().map(|e| e.id.clone()).collect();
    assert_eq!(after_ids.len(), 5);
    for id in &ids {
        assert!(after_ids.contains(id), "{id} changed: {after_ids:#?}");
    }
}

/// Two corrections on one day: the log may be written in any order, so the second must
/// never take the first's id (a feed reader would take it for an edit of the first, and
/// might never show it), wherever the editor adds it. Told apart by their text, the first
/// gets a new id once: shown again, never hidden.
#[test]
fn a_second_correction_on_the_same_day_never_takes_the_first_ones_id() {
    let ids = |site: &TestSite| -> Vec<(String, String)> {
        site.build().assert_ok();
        let feed = feed_rs::parser::parse(site.read("corrections/atom.xml").as_bytes()).unwrap();
        feed.entries
            .iter()
            .map(|e| {
                let text = e
                    .content
                    .as_ref()
                    .and_then(|c| c.body.clone())
                    .unwrap_or_default();
                (e.id.clone(), text)
            })
            .collect()
    };
    let first_only =
        "title: A\ndate: 2025-05-01\ncorrections:\n  - date: 2025-05-03\n    text: First fix.";
    let above = "title: A\ndate: 2025-05-01\ncorrections:\n  - date: 2025-05-03\n    text: Second fix.\n  - date: 2025-05-03\n    text: First fix.";
    let below = "title: A\ndate: 2025-05-01\ncorrections:\n  - date: 2025-05-03\n    text: First fix.\n  - date: 2025-05-03\n    text: Second fix.";
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("a.md", first_only, "Body.");
    let before = ids(&site);
    assert_eq!(before.len(), 1);
    let mut seen = Vec::new();
    for log in [above, below] {
        site.briefing("a.md", log, "Body.");
        let after = ids(&site);
        assert_eq!(after.len(), 2, "{after:#?}");
        assert_ne!(after[0].0, after[1].0);
        for (id, text) in &after {
            assert!(
                *id != before[0].0 || text.contains("First fix."),
                "{id} was the first correction's id, now on: {text}"
            );
        }
        seen.push(
            after
                .into_iter()
                .map(|(id, _)| id)
                .collect::<std::collections::BTreeSet<_>>(),
        );
    }
    // Where the second is written does not change either id.
    assert_eq!(seen[0], seen[1]);
    // The same note pasted twice on one date still gets two ids.
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-05-01\ncorrections:\n  - date: 2025-05-03\n    text: First fix.\n  - date: 2025-05-03\n    text: First fix.",
        "Body.",
    );
    let pasted = ids(&site);
    assert_ne!(pasted[0].0, pasted[1].0, "{pasted:#?}");
}

#[test]
fn a_correction_before_its_briefing_or_without_text_is_an_error_at_its_line() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-07-21\ncorrections:\n  - date: 2025-07-20\n    text: Too early.\n  - date: 2025-07-22\n  - date: 2025-07-23\n    text: \"  \"\n  - date: 2025-07-24\n    txet: Typo.",
        "Body.",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    for expected in [
        "content/a.md:5:5: error: correction 1 is dated 2025-07-20, before the briefing's `date: 2025-07-21`",
        "content/a.md:7:5: error: correction 2 has no `text`",
        "content/a.md:9:5: error: correction 3 has no `text`",
        "content/a.md:10:5: error: correction 4 has no `text`",
        "content/a.md:11:5: error: unknown key `txet` in correction 4",
    ] {
        assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
    }
    assert!(
        run.stdout.contains("did you mean `text`?"),
        "{}",
        run.stdout
    );
    // `build` refuses it with the same findings.
    let build = site.build();
    build.assert_code(1);
    assert!(build.stderr.contains("correction 1 is dated 2025-07-20"));
}

#[test]
fn the_corrections_page_takes_part_in_url_collisions() {
    let site = TestSite::with_config(&format!("{MINIMAL_CONFIG}permalink: /:slug/\n"));
    site.briefing("corrections.md", "title: C\ndate: 2025-07-21", "Body.");
    site.briefing(
        "b.md",
        "title: B\ndate: 2025-07-22\naliases: [/corrections/atom.xml]",
        "Body.",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stdout.contains(
            "this briefing's URL /corrections/ is already used by the generated page /corrections/"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("alias /corrections/atom.xml is already used by the generated page /corrections/atom.xml"),
        "{}",
        run.stdout
    );
}

/// A feed reader sees the corrected text only: without the note it is the silent change the
/// corrections policy rules out.
#[test]
fn full_text_feeds_carry_the_corrections_before_the_text() {
    let site = corrections_site();
    site.build().assert_ok();
    let atom = feed_rs::parser::parse(site.read("atom.xml").as_bytes()).unwrap();
    let first = atom
        .entries
        .iter()
        .find(|e| e.title.as_ref().unwrap().content == "First")
        .unwrap();
    let content = first.content.as_ref().unwrap().body.as_deref().unwrap();
    let newer = content
        .find("<strong>Correction, 10 June 2025:</strong> Fixed the casualty figure.")
        .expect(content);
    let older = content
        .find("<strong>Correction, 3 June 2025:</strong> Fixed a name.")
        .expect(content);
    assert!(
        newer < older && older < content.find("Body.").unwrap(),
        "{content}"
    );
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let second = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Second")
        .unwrap();
    // Links in the note are absolute, as in the rest of a feed's content.
    assert!(second["content_html"].as_str().unwrap().contains(
        r#"<strong>Correction, 2 July 2025:</strong> See <a href="https://example.org/2025/06/first/">the first</a>."#
    ), "{}", second["content_html"]);
    let clean = atom
        .entries
        .iter()
        .find(|e| e.title.as_ref().unwrap().content == "Clean")
        .unwrap();
    assert!(
        !clean
            .content
            .as_ref()
            .unwrap()
            .body
            .as_deref()
            .unwrap()
            .contains("Correction")
    );
}

#[test]
fn footnotes_lead_back_to_where_the_text_cites_them() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing(
        "cited.md",
        "title: Cited\ndate: 2025-07-01",
        "The vote was 143 to 5.[^vote] Turnout claims were false.[^2] \
         As the resolution says again.[^vote]\n\n\
         [^vote]: UN General Assembly resolution ES-11/4.\n\n\
         [^2]: Observers were not admitted.\n\n\
         [^unused]: A note nothing refers to.",
    );
    site.build().assert_ok();
    let page = site.read("2025/07/cited/index.html");
    // Numbered in the order the text first cites them; each reference has its own id.
    assert!(
        page.contains("<a href=\"#vote\" id=\"fnref-vote\" role=\"doc-noteref\">1</a>"),
        "{page}"
    );
    assert!(page.contains("<a href=\"#2\" id=\"fnref-2\" role=\"doc-noteref\">2</a>"));
    assert!(page.contains("<a href=\"#vote\" id=\"fnref-vote-2\" role=\"doc-noteref\">1</a>"));
    // Each note's number leads back to its first reference; a note never cited has none.
    let note = between(
        &page,
        "<div class=\"footnote-definition\" id=\"vote\">",
        "</div>",
    );
    assert!(
        note.contains("<a href=\"#fnref-vote\" role=\"doc-backlink\">1</a>"),
        "{note}"
    );
    let unused = between(&page, "id=\"unused\">", "</div>");
    assert!(!unused.contains("<a "), "{unused}");
    // Every in-page link of the body goes to an id of the page, and no id is there twice.
    let ids: Vec<&str> = page
        .match_indices(" id=\"")
        .map(|(at, m)| {
            let value = &page[at + m.len()..];
            &value[..value.find('"').unwrap()]
        })
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "an id is used twice: {ids:?}");
    for (at, m) in page.match_indices("href=\"#") {
        let value = &page[at + m.len()..];
        let target = &value[..value.find('"').unwrap()];
        assert!(ids.contains(&target), "#{target} goes nowhere");
    }
    assert_eq!(count(&page, "role=\"doc-backlink\""), 2);
}

/// Links in a correction, an event or an image caption are checked like the body's: a site
/// path must lead to a page; a relative link or a briefing's file is refused, since these
/// texts are also shown on other pages (the corrections log, timelines, feeds), where it
/// would point elsewhere, and files are not turned into addresses there.
#[test]
fn links_in_corrections_events_and_captions_are_checked() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.write("static/images/map.png", "png")
        .briefing(
            "b.md",
            "title: B\ndate: 2025-07-20\nsummary: B.",
            "Body.",
        )
        .briefing(
            "a.md",
            "title: A\ndate: 2025-07-21\nimage: /images/map.png\nimage_alt: A map\nimage_caption: See [the offer](/2020/01/nowhere/)\nevents:\n  - 2025-07-21: Talks [resume](../b.md)\n  - date: 2025-07-20\n    text: Envoys [arrive](c/)\ncorrections:\n  - date: 2025-07-23\n    text: An earlier [version](/2025/07/b/) and [one](b/) more.",
            "Body.",
        );
    let run = site.run(&["check"]);
    run.assert_code(1);
    for expected in [
        "content/a.md:6:16: error: broken link `/2020/01/nowhere/`",
        // An event's links are placed at its text, in either way of writing an event.
        "content/a.md:8:17: error: link `../b.md` is a briefing's file",
        "content/a.md:10:5: error: link `c/` is relative",
        "content/a.md:13:5: error: link `b/` is relative",
    ] {
        assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
    }
    // The correction's link to B's address is fine; the four are all there is.
    assert_eq!(run.stdout.matches(": error: ").count(), 4, "{}", run.stdout);
    site.build().assert_code(1);

    // Fixed: clean, and the links are written under the base path as in bodies.
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-07-21\nimage: /images/map.png\nimage_alt: A map\nimage_caption: See [B](/2025/07/b/)\nevents:\n  - 2025-07-21: Talks [resume](/2025/07/b/)\ncorrections:\n  - date: 2025-07-23\n    text: An earlier [version](/2025/07/b/#top).",
        "Body.",
    );
    site.run(&["check"]).assert_ok();
    site.build().assert_ok();
}
