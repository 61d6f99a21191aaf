//! Finding one's way through the archive: related briefings at the end of a briefing
//! (weighted shared terms, ties by nearness in date, then newer, then slug), and key-event
//! timelines (`events:`) on term pages and at `/timeline/`, with `check`'s findings about
//! event dates. The preview keeps both right after edits: it equals a fresh build.

use std::path::PathBuf;

use crate::harness::{TestSite, links};
use crate::model_defects::assert_preview_matches_fresh_build;

const CONFIG: &str = "title: Desk\nbase_url: https://example.org/news/\npaginate_by: 2\n\
taxonomies: [tags, regions, actors]\n\
related: { limit: 3, weights: { regions: 3, actors: 2, tags: 1 } }\n";

/// The hrefs of the related section of a page, in order (empty when there is none).
fn related_links(html: &str) -> Vec<String> {
    let Some(start) = html.find("<section class=\"related\"") else {
        return Vec::new();
    };
    let section = &html[start..];
    let section = &section[..section.find("</section>").expect("closed section")];
    links(section)
}

/// A shares one region with B (3), two tags with C (2), one actor with D (2), one tag with
/// E (1); F shares nothing.
fn weighted_site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-03-10\ntags: [t1, t2]\nregions: [Kherson]\nactors: [UN]",
        "A.",
    );
    site.briefing(
        "b.md",
        "title: B\ndate: 2020-01-01\nregions: [Kherson]",
        "B.",
    );
    site.briefing("c.md", "title: C\ndate: 2025-03-01\ntags: [t1, t2]", "C.");
    site.briefing("d.md", "title: D\ndate: 2025-03-09\nactors: [UN]", "D.");
    site.briefing("e.md", "title: E\ndate: 2025-03-11\ntags: [t2]", "E.");
    site.briefing("f.md", "title: F\ndate: 2025-03-10\ntags: [other]", "F.");
    site
}

#[test]
fn related_briefings_follow_the_weights_of_shared_terms_and_the_limit() {
    let site = weighted_site();
    site.build().assert_ok();
    let a = site.read("2025/03/a/index.html");
    // B (3) first however old; then C and D (2 each): D is nearer in date. E (1) is past the
    // limit of 3, F shares nothing.
    assert_eq!(
        related_links(&a),
        ["/news/2020/01/b/", "/news/2025/03/d/", "/news/2025/03/c/"],
        "{a}"
    );
    assert!(a.contains("Related briefings"), "{a}");
    // F shares nothing with anyone: no related section at all.
    assert_eq!(
        related_links(&site.read("2025/03/f/index.html")),
        Vec::<String>::new()
    );
    assert!(
        !site
            .read("2025/03/f/index.html")
            .contains("class=\"related\"")
    );

    // limit: 0 turns the section off; default weights are 1 each.
    site.write(
        "site.yaml",
        "title: Desk\nbase_url: https://example.org/news/\ntaxonomies: [tags, regions, actors]\nrelated: { limit: 0 }\n",
    );
    site.build().assert_ok();
    assert_eq!(
        related_links(&site.read("2025/03/a/index.html")),
        Vec::<String>::new()
    );
    site.write(
        "site.yaml",
        "title: Desk\nbase_url: https://example.org/news/\ntaxonomies: [tags, regions, actors]\n",
    );
    site.build().assert_ok();
    // Weights 1: C (2 shared) first, then B, D and E share one each: D (1 day) and E (1 day)
    // are nearest; E is newer; B is 5 years away.
    assert_eq!(
        related_links(&site.read("2025/03/a/index.html")),
        [
            "/news/2025/03/c/",
            "/news/2025/03/e/",
            "/news/2025/03/d/",
            "/news/2020/01/b/"
        ]
    );
}

#[test]
fn related_ties_go_to_the_nearest_in_date_then_the_newer_then_the_slug() {
    let site = TestSite::with_config("title: Desk\nbase_url: https://example.org/\n");
    site.briefing("m.md", "title: M\ndate: 2025-06-15\ntags: [x]", "M.");
    // Two days before and two days after: the newer wins; same day and same date: by slug.
    site.briefing(
        "before.md",
        "title: Before\ndate: 2025-06-13\ntags: [x]",
        ".",
    );
    site.briefing("after.md", "title: After\ndate: 2025-06-17\ntags: [x]", ".");
    site.briefing("zeta.md", "title: Zeta\ndate: 2025-06-01\ntags: [x]", ".");
    site.briefing("alpha.md", "title: Alpha\ndate: 2025-06-01\ntags: [x]", ".");
    site.briefing("far.md", "title: Far\ndate: 2024-06-01\ntags: [x]", ".");
    site.build().assert_ok();
    assert_eq!(
        related_links(&site.read("2025/06/m/index.html")),
        [
            "/2025/06/after/",
            "/2025/06/before/",
            "/2025/06/alpha/",
            "/2025/06/zeta/",
            "/2024/06/far/"
        ]
    );
}

#[test]
fn related_lists_are_the_same_whatever_the_thread_count() {
    let site = TestSite::with_config(CONFIG);
    for i in 0..60 {
        site.briefing(
            &format!("b{i:02}.md"),
            &format!(
                "title: B{i}\ndate: 2025-{:02}-{:02}\ntags: [t{}]\nregions: [r{}]",
                i % 12 + 1,
                i % 28 + 1,
                i % 5,
                i % 3
            ),
            ".",
        );
    }
    site.run_with_env(&["build", "--output", "one"], &[("RAYON_NUM_THREADS", "1")])
        .assert_ok();
    site.run_with_env(&["build", "--output", "two"], &[("RAYON_NUM_THREADS", "4")])
        .assert_ok();
    let one = std::fs::read_to_string(site.root.join("one/2025/01/b00/index.html")).unwrap();
    let two = std::fs::read_to_string(site.root.join("two/2025/01/b00/index.html")).unwrap();
    assert_eq!(related_links(&one).len(), 3);
    assert_eq!(one, two);
}

/// The briefing pages of a fresh build, by output path.
fn briefing_pages(site: &TestSite) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    sitrep::build(&sitrep::BuildOptions {
        root: site.root.clone(),
        output: Some(out.path().join("public")),
        base_url: None,
        drafts: false,
        unchecked: true,
    })
    .unwrap();
    crate::harness::list_files(&out.path().join("public"))
        .into_iter()
        .filter(|f| f.starts_with("2020/") || f.starts_with("2025/"))
        .filter(|f| f.ends_with("index.html") && f.matches('/').count() == 3)
        .map(|f| {
            let bytes = std::fs::read(out.path().join("public").join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

#[test]
fn a_tag_edit_re_renders_exactly_the_briefings_whose_related_lists_change() {
    let site = weighted_site();
    let mut project = site.open_project();
    let before = briefing_pages(&site);
    // F takes A's region: F now relates to A and B, and A and B to F.
    site.briefing(
        "f.md",
        "title: F\ndate: 2025-03-10\ntags: [other]\nregions: [Kherson]",
        "F.",
    );
    let update = project.apply(&[site.root.join("content/f.md")]);
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    assert_preview_matches_fresh_build(&site, &project, "tag edit");
    let after = briefing_pages(&site);
    let expected: Vec<&String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(bytes))
        .map(|(path, _)| path)
        .collect();
    let mut rendered: Vec<&String> = update
        .changed
        .iter()
        .filter(|path| after.contains_key(*path))
        .collect();
    rendered.sort();
    assert_eq!(rendered, expected);
    assert!(
        related_links(&String::from_utf8_lossy(&after["2025/03/a/index.html"]))
            .contains(&"/news/2025/03/f/".to_string())
    );

    // A title edit moves nothing (an in-place edit): the briefings that list it show the new
    // title.
    site.briefing(
        "b.md",
        "title: B renamed\ndate: 2020-01-01\nregions: [Kherson]",
        "B.",
    );
    let update = project.apply(&[site.root.join("content/b.md")]);
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    assert_preview_matches_fresh_build(&site, &project, "title edit of a related briefing");
    let a = String::from_utf8_lossy(&project.file("2025/03/a/index.html").unwrap()).into_owned();
    assert!(a.contains("B renamed"), "{a}");
}

const TIMELINE_CONFIG: &str =
    "title: Desk\nbase_url: https://example.org/news/\ntaxonomies: [tags, regions]\n";

fn timeline_site() -> TestSite {
    let site = TestSite::with_config(TIMELINE_CONFIG);
    site.briefing(
        "2025/offer.md",
        "title: Offer\ndate: 2025-07-21\nregions: [Kherson, Donetsk]\nevents:\n  - date: 2022-09-30\n    text: Russia declares the *annexation* of four regions\n  - date: 2025-07-21\n    text: Putin makes a conditional offer\n  - date: 2022-10-12\n    text: UN General Assembly condemns the annexation",
        "Body.",
    );
    site.briefing(
        "2022/kherson.md",
        "title: Kherson retaken\ndate: 2022-11-11\nregions: [Kherson]\nevents:\n  - {date: 2022-11-11, text: Ukrainian forces enter Kherson}\n  - 2022-09-30: Russia declares the *annexation* of four regions",
        "Body.",
    );
    site.briefing(
        "2024/other.md",
        "title: Elsewhere\ndate: 2024-01-05\nregions: [Kursk]\nevents:\n  - {date: 2024-01-05, text: Something in Kursk}",
        "Body.",
    );
    site
}

/// The visible text of the timeline section of a page, tags removed, in order.
fn timeline_text(html: &str) -> String {
    let start = html
        .find("<section class=\"timeline\"")
        .expect("a timeline section");
    let section = &html[start..];
    let end = section
        .find("<!-- /timeline -->")
        .expect("end of the timeline");
    let mut text = String::new();
    let mut in_tag = false;
    for c in section[..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn term_pages_show_their_events_oldest_first_grouped_by_year_and_merged() {
    let site = timeline_site();
    site.build().assert_ok();
    let kherson = site.read("regions/kherson/index.html");
    let text = timeline_text(&kherson);
    let order = [
        "2022",
        "Russia declares the annexation of four regions",
        "UN General Assembly condemns the annexation",
        "Ukrainian forces enter Kherson",
        "2025",
        "Putin makes a conditional offer",
    ];
    let mut from = 0;
    for item in order {
        let at = text[from..]
            .find(item)
            .unwrap_or_else(|| panic!("`{item}` missing or out of order in:\n{text}"));
        from += at + item.len();
    }
    // The same date and text in two briefings is one event that links to each.
    assert_eq!(text.matches("declares the annexation").count(), 1, "{text}");
    let start = kherson.find("<section class=\"timeline\"").unwrap();
    let section = &kherson[start..];
    let annexation = &section[section.find("declares the").unwrap()..];
    let annexation = &annexation[..annexation.find("</li>").unwrap()];
    assert!(
        annexation.contains("<em>annexation</em>"),
        "inline Markdown: {annexation}"
    );
    let mut linked = links(annexation);
    linked.sort();
    assert_eq!(linked, ["/news/2022/11/kherson/", "/news/2025/07/offer/"]);
    // Kursk's page shows only its own events; a term without events shows no timeline.
    assert!(!timeline_text(&site.read("regions/kursk/index.html")).contains("Kherson"));
    site.briefing(
        "2024/none.md",
        "title: None\ndate: 2024-02-01\nregions: [Lviv]",
        ".",
    );
    site.build().assert_ok();
    assert!(
        !site
            .read("regions/lviv/index.html")
            .contains("class=\"timeline\"")
    );
}

#[test]
fn the_site_timeline_is_paginated_by_year() {
    let site = timeline_site();
    site.build().assert_ok();
    let index = site.read("timeline/index.html");
    for year in ["2022", "2024", "2025"] {
        assert!(
            links(&index).contains(&format!("/news/timeline/{year}/")),
            "{year} in {index}"
        );
    }
    let y2022 = site.read("timeline/2022/index.html");
    let text = timeline_text(&y2022);
    assert!(text.contains("Russia declares the annexation"), "{text}");
    assert!(text.contains("Ukrainian forces enter Kherson"), "{text}");
    assert!(!text.contains("Putin makes"), "{text}");
    assert!(
        text.find("Russia declares").unwrap() < text.find("Ukrainian forces").unwrap(),
        "{text}"
    );
    assert!(
        links(&y2022).contains(&"/news/timeline/2024/".to_string()),
        "next year"
    );
    assert!(site.exists("timeline/2025/index.html"));
    assert!(
        !site.exists("timeline/2023/index.html"),
        "no events in 2023"
    );
    // Every timeline page is in the sitemap.
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("https://example.org/news/timeline/2022/"),
        "{sitemap}"
    );
}

#[test]
fn check_reports_bad_event_dates_at_their_line_and_events_after_the_briefing() {
    let site = TestSite::with_config(TIMELINE_CONFIG);
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-07-21\nupdated: 2025-07-23\nevents:\n  - date: 2025-02-30\n    text: Not a day\n  - date: 2025-07-22\n    text: Before the update\n  - {date: 2025-08-01, text: After everything}\n  - date: 2025-01-01\n  - Just text",
        "Body.",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(
        out.contains("content/a.md:6:"),
        "bad date at its line:\n{out}"
    );
    assert!(out.contains("2025-02-30"), "{out}");
    assert!(
        out.contains("content/a.md:10:12: warning: the event of 2025-08-01 is after"),
        "future event warned at its date:\n{out}"
    );
    // The text first, holding the date itself: the finding is at the `date:` value.
    let site = TestSite::with_config(TIMELINE_CONFIG);
    site.briefing(
        "b.md",
        "title: B\ndate: 2025-07-21\nevents:\n  - text: Talks set for 2025-09-05 collapse\n    date: 2025-09-05",
        "Body.",
    );
    let run = site.run(&["check"]);
    assert!(
        run.stdout
            .contains("content/b.md:6:11: warning: the event of 2025-09-05 is after"),
        "warned at the date under the text:\n{}",
        run.stdout
    );
    assert!(out.contains("after"), "{out}");
    assert!(
        !out.contains("content/a.md:8:"),
        "before `updated` is fine:\n{out}"
    );
    assert!(
        out.contains("content/a.md:11:"),
        "an event without text:\n{out}"
    );
    assert!(
        out.contains("content/a.md:12:"),
        "an event without a date:\n{out}"
    );

    // Only the warning left: check passes, and says so.
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-07-21\nevents:\n  - {date: 2025-08-01, text: After the briefing}",
        "Body.",
    );
    let run = site.run(&["check"]);
    run.assert_ok();
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(out.contains("content/a.md:5:"), "{out}");
    assert!(out.contains("warning"), "{out}");
}

#[test]
fn an_event_edit_in_the_preview_matches_a_fresh_build() {
    let site = timeline_site();
    let mut project = site.open_project();
    site.briefing(
        "2024/other.md",
        "title: Elsewhere\ndate: 2024-01-05\nregions: [Kursk, Kherson]\nevents:\n  - {date: 2023-01-05, text: Something moved to 2023}",
        "Body.",
    );
    let update = project.apply(&[site.root.join("content/2024/other.md")]);
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    assert_preview_matches_fresh_build(&site, &project, "event edit");
    let changed: Vec<PathBuf> = update.changed.iter().map(PathBuf::from).collect();
    assert!(
        changed.contains(&PathBuf::from("timeline/2023/index.html")),
        "{changed:?}"
    );
    assert!(
        update
            .removed
            .contains(&"timeline/2024/index.html".to_string())
    );
    assert!(
        changed.contains(&PathBuf::from("regions/kherson/index.html")),
        "{changed:?}"
    );
    // A body edit of a briefing with events: the pages showing its events stay right.
    site.briefing(
        "2022/kherson.md",
        "title: Kherson retaken again\ndate: 2022-11-11\nregions: [Kherson]\nevents:\n  - {date: 2022-11-11, text: Ukrainian forces enter Kherson}",
        "Body.",
    );
    let update = project.apply(&[site.root.join("content/2022/kherson.md")]);
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    assert_preview_matches_fresh_build(&site, &project, "title edit of a briefing with events");
}
