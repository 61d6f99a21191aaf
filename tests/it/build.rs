//! `sitrep build` on fixture sites: the pages a reader gets, their members and counts.

use crate::harness::{MINIMAL_CONFIG, TestSite, count, list_files};

fn listing() -> TestSite {
    let site = TestSite::fixture("listing");
    site.build().assert_ok();
    site
}

fn lines_starting(text: &str, prefix: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with(prefix))
        .map(str::to_owned)
        .collect()
}

#[test]
fn briefing_pages_use_the_permalink_and_the_theme() {
    let site = listing();
    let page = site.read("2025/07/ceasefire-proposal/index.html");
    assert!(page.contains("Ceasefire proposal tabled"));
    assert!(page.contains("The proposal was tabled on Monday."));
    // The fixture overrides list templates only: briefing.html comes from the built-in theme.
    assert!(
        page.starts_with("<!doctype html>") || page.starts_with("<!DOCTYPE html>"),
        "{page}"
    );
    assert!(site.exists("style.css"), "theme static files are copied");
    // An RFC 3339 date with an offset files under its own calendar month.
    assert!(site.exists("2025/07/talks-round-two/index.html"));
}

#[test]
fn home_is_paginated_newest_first_without_a_page_one() {
    let site = listing();
    assert_eq!(
        lines_starting(&site.read("index.html"), "ENTRY"),
        [
            "ENTRY /2025/07/ceasefire-proposal/",
            "ENTRY /2025/07/talks-round-two/"
        ]
    );
    assert!(
        site.read("index.html")
            .contains("PAGE 1/2 total=4 prev=none next=/page/2/")
    );
    assert!(
        site.read("page/2/index.html")
            .contains("PAGE 2/2 total=4 prev=/ next=none")
    );
    assert!(!site.exists("page/1/index.html"));
    assert!(!site.exists("page/3/index.html"));
}

#[test]
fn paginate_by_zero_puts_every_list_on_one_page() {
    let site = TestSite::fixture("listing");
    let config = site.read_source("site.yaml");
    site.write(
        "site.yaml",
        &config.replace("paginate_by: 2", "paginate_by: 0"),
    );
    site.build().assert_ok();
    let home = site.read("index.html");
    assert_eq!(count(&home, "ENTRY"), 4, "{home}");
    assert!(
        home.contains("PAGE 1/1 total=4 prev=none next=none"),
        "{home}"
    );
    let talks = site.read("tags/peace-talks/index.html");
    assert_eq!(count(&talks, "ENTRY"), 3, "{talks}");
    let pages: Vec<String> = list_files(&site.public())
        .into_iter()
        .filter(|f| f.contains("page/"))
        .collect();
    assert!(pages.is_empty(), "{pages:?}");
    let sitemap = site.read("sitemap.xml");
    assert!(!sitemap.contains("/page/"), "{sitemap}");
}

#[test]
fn taxonomy_lists_have_every_term_alphabetically_with_counts() {
    let site = listing();
    assert_eq!(
        lines_starting(&site.read("tags/index.html"), "TERM"),
        [
            "TERM energy|energy|1|/tags/energy/",
            "TERM grain|grain|1|/tags/grain/",
            "TERM nato|nato|2|/tags/nato/",
            "TERM peace-talks|peace-talks|3|/tags/peace-talks/",
        ]
    );
}

#[test]
fn spellings_that_slug_alike_are_one_term_and_the_first_file_wins() {
    let site = listing();
    // `nato` (content/2024/…) sorts before `NATO` (content/2025/…): its spelling wins.
    assert!(
        site.read("tags/nato/index.html")
            .starts_with("TERM tags nato nato 2")
    );
    // Київ has a slug override in site.yaml and merges with `kyiv`.
    let regions = site.read("regions/index.html");
    assert!(
        regions.contains("TERM Київ|kyiv|2|/regions/kyiv/"),
        "{regions}"
    );
    assert!(
        regions.contains("TERM São Tomé|sao-tome|1|/regions/sao-tome/"),
        "{regions}"
    );
    assert!(site.exists("regions/sao-tome/index.html"));
}

#[test]
fn term_pagination_boundaries() {
    let site = listing();
    // Exactly paginate_by (2) members: one page.
    let nato = site.read("tags/nato/index.html");
    assert!(nato.contains("PAGE 1/1 prev=none next=none"), "{nato}");
    assert!(!site.exists("tags/nato/page/2/index.html"));
    // One more than paginate_by: a second page with the oldest member.
    let talks = site.read("tags/peace-talks/index.html");
    assert_eq!(count(&talks, "ENTRY"), 2);
    assert!(talks.contains("next=/tags/peace-talks/page/2/"));
    let second = site.read("tags/peace-talks/page/2/index.html");
    assert_eq!(
        lines_starting(&second, "ENTRY"),
        ["ENTRY /2025/05/grain-corridor/"]
    );
    assert!(second.contains("PAGE 2/2 prev=/tags/peace-talks/ next=none"));
    assert!(!site.exists("tags/peace-talks/page/3/index.html"));
}

#[test]
fn year_month_and_archive_pages() {
    let site = listing();
    let year = site.read("2025/index.html");
    assert!(
        year.starts_with("YEAR 2025 3 prev=2024 next=none"),
        "{year}"
    );
    assert_eq!(
        lines_starting(&year, "MONTH"),
        ["MONTH July 2 /2025/07/", "MONTH May 1 /2025/05/"]
    );
    let month = site.read("2025/07/index.html");
    assert!(
        month.starts_with("MONTH 2025-7 July 2 prev=/2025/05/ next=none"),
        "{month}"
    );
    assert!(site.read("2024/12/index.html").contains("next=/2025/05/"));
    assert_eq!(
        lines_starting(&site.read("archive/index.html"), "YEAR"),
        ["YEAR 2025 3 /2025/", "YEAR 2024 1 /2024/"]
    );
    // No page for a month without briefings.
    assert!(!site.exists("2025/06/index.html"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = listing();
    assert!(!site.exists("2024/11/unfinished/index.html"));
    assert!(!site.exists("tags/drafts-only/index.html"));
    assert!(
        site.read("tags/energy/index.html")
            .starts_with("TERM tags energy energy 1")
    );

    site.run(&["build", "--drafts"]).assert_ok();
    assert!(site.exists("2024/11/unfinished/index.html"));
    assert!(
        site.read("tags/energy/index.html")
            .starts_with("TERM tags energy energy 2")
    );
    assert!(
        site.read("tags/drafts-only/index.html")
            .contains("ENTRY /2024/11/unfinished/")
    );
}

#[test]
fn base_url_path_prefixes_every_generated_link() {
    let site = TestSite::fixture("listing");
    site.run(&["build", "--base-url", "https://org.github.io/briefings"])
        .assert_ok();
    assert!(
        site.read("index.html")
            .contains("ENTRY /briefings/2025/07/ceasefire-proposal/")
    );
    assert!(site.read("index.html").contains("next=/briefings/page/2/"));
    assert!(
        site.read("tags/index.html")
            .contains("|/briefings/tags/nato/")
    );
    let page = site.read("2025/07/ceasefire-proposal/index.html");
    assert!(page.contains(r#"href="/briefings/style.css""#), "{page}");
    assert!(!page.contains(r#"href="/style.css""#));
}

#[test]
fn builds_are_byte_identical() {
    let site = TestSite::shipped();
    // One thread and several: parallel rendering must not change a byte.
    site.run_with_env(&["build", "--output", "one"], &[("RAYON_NUM_THREADS", "1")])
        .assert_ok();
    site.run_with_env(&["build", "--output", "two"], &[("RAYON_NUM_THREADS", "4")])
        .assert_ok();
    let (one, two) = (site.root.join("one"), site.root.join("two"));
    let files = list_files(&one);
    assert_eq!(files, list_files(&two));
    assert!(files.len() > 50, "{files:?}");
    for file in files {
        assert!(
            std::fs::read(one.join(&file)).unwrap() == std::fs::read(two.join(&file)).unwrap(),
            "{file} differs between builds"
        );
    }
}

#[test]
fn site_templates_and_static_files_override_the_theme() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("a.md", "title: A\ndate: 2025-01-01", "Body.")
        .write("templates/404.html", "custom not found {{ site.title }}")
        .write("static/style.css", "body { color: red }")
        .write("static/img/map.svg", "<svg/>");
    site.build().assert_ok();
    assert_eq!(site.read("404.html"), "custom not found Test Desk");
    assert_eq!(site.read("style.css"), "body { color: red }");
    assert!(site.exists("img/map.svg"));
    assert!(
        site.exists("favicon.svg"),
        "theme files that are not overridden still come through"
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_in_content_are_followed_and_loops_reported() {
    use std::os::unix::fs::symlink;
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("a.md", "title: A\ndate: 2025-01-01", "Body.");
    site.write(
        "shared/b.md",
        "---\ntitle: B\ndate: 2025-02-01\n---\nBody.\n",
    );
    site.write(
        "archive/2024/c.md",
        "---\ntitle: C\ndate: 2024-03-01\n---\nBody.\n",
    );
    symlink(
        site.root.join("shared/b.md"),
        site.root.join("content/b.md"),
    )
    .unwrap();
    symlink(site.root.join("archive"), site.root.join("content/old")).unwrap();
    site.build().assert_ok();
    for page in ["2025/01/a", "2025/02/b", "2024/03/c"] {
        assert!(site.exists(&format!("{page}/index.html")), "{page}");
    }

    symlink(site.root.join("content"), site.root.join("content/loop")).unwrap();
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains("content/loop") && run.stderr.contains("contains it"),
        "{}",
        run.stderr
    );

    // A loop deeper in content/ is found the same way, named by the link.
    std::fs::remove_file(site.root.join("content/loop")).unwrap();
    site.briefing("sub/d.md", "title: D\ndate: 2025-03-01", "Body.");
    symlink("../sub", site.root.join("content/sub/self")).unwrap();
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("content/sub/self: error: this link points to a folder that contains it"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("File system loop"), "{}", run.stderr);
    std::fs::remove_file(site.root.join("content/sub/self")).unwrap();

    // content/ itself may be a link (to a folder shared between sites).
    std::fs::rename(site.root.join("content"), site.root.join("desk-content")).unwrap();
    symlink(site.root.join("desk-content"), site.root.join("content")).unwrap();
    site.build().assert_ok();
    assert!(site.exists("2025/01/a/index.html"));
}

#[test]
fn editor_backup_and_hidden_files_are_skipped() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("a.md", "title: A\ndate: 2025-01-01", "Body.");
    for junk in [".#a.md", "a.md~", ".a.md.swp", ".hidden/b.md"] {
        site.write(&format!("content/{junk}"), "not front matter at all");
    }
    site.write("content/notes.txt", "not a briefing");
    site.build().assert_ok();
    assert!(site.exists("2025/01/a/index.html"));
}

#[test]
fn new_writes_a_skeleton_and_refuses_to_overwrite() {
    let site = TestSite::with_config(&format!("{MINIMAL_CONFIG}taxonomies: [tags, regions]\n"));
    let run = site.run(&["new", "Talks resume in Istanbul"]);
    run.assert_ok();
    let text =
        std::fs::read_to_string(site.root.join("content/talks-resume-in-istanbul.md")).unwrap();
    assert!(
        text.starts_with("---\ntitle: \"Talks resume in Istanbul\"\ndate: "),
        "{text}"
    );
    assert!(text.contains("regions: []"));
    site.run(&["build", "--drafts"]).assert_ok();
    let again = site.run(&["new", "Talks resume in Istanbul"]);
    again.assert_code(1);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
}

#[test]
fn new_names_the_file_from_the_site_root_and_lists_every_optional_field() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    let parent = site.root.parent().unwrap();
    let run = crate::harness::run_in(parent, &["new", "Kyiv 🔥 update", "--root", "site"]);
    run.assert_ok();
    assert_eq!(
        run.stdout,
        "Created content/kyiv-update.md (a draft: remove `draft: true` to publish)\n"
    );
    let text = site.read_source("content/kyiv-update.md");
    for key in [
        "updated",
        "kind",
        "dateline",
        "corrections",
        "events",
        "slug",
        "aliases",
        "publish_at",
        "language",
        "extra",
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("# {key}: ")) && l.contains(" # ")),
            "{key}: {text}"
        );
    }
    // Commented out, they change nothing: a draft that builds.
    site.run(&["build", "--drafts"]).assert_ok();

    // A Ukrainian title: marked as Ukrainian, its slug by Ukraine's transliteration.
    let run = site.run(&["new", "Київ готується до зими"]);
    run.assert_ok();
    assert!(
        run.stdout
            .starts_with("Created content/kyiv-hotuietsia-do-zymy.md "),
        "{}",
        run.stdout
    );
    let text = site.read_source("content/kyiv-hotuietsia-do-zymy.md");
    assert!(text.contains("\nlanguage: uk "), "{text}");
    site.run(&["build", "--drafts"]).assert_ok();
    assert!(site.read("index.html").contains("lang=\"uk\""));

    // A title too long for a file name: cut at a word.
    let title = "Talks in Istanbul ".repeat(20);
    let run = site.run(&["new", &title]);
    run.assert_ok();
    let file = run.stdout.split_whitespace().nth(1).unwrap();
    let stem = file.trim_start_matches("content/").trim_end_matches(".md");
    assert!(stem.len() <= 80 && stem.len() > 70, "{stem}");
    assert!(
        stem.ends_with("-istanbul") || stem.ends_with("-talks") || stem.ends_with("-in"),
        "{stem}"
    );
    assert!(site.root.join(file).is_file());
}

#[test]
fn help_is_available_on_every_command() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    for args in [&["--help"][..], &["build", "--help"], &["new", "--help"]] {
        let run = site.run(args);
        run.assert_ok();
        assert!(run.stdout.contains("Usage"), "{}", run.stdout);
    }
    site.run(&["build", "--no-such-flag"]).assert_code(2);
}
