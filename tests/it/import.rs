//! `sitrep import`: a source article (copied text, or a saved page in two layouts) becomes a
//! draft that cites it, its furniture removed and its text kept in a comment to rewrite;
//! the draft builds and checks with `--drafts`; bad input writes nothing.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::harness::{Run, TestSite, fixtures_dir, list_files};

const PEACE_OFFER: &str =
    "content/2025/putin-signals-peace-push-but-demands-ukraine-give-up-four-regions.md";

fn article(name: &str) -> String {
    fixtures_dir()
        .join("import-articles")
        .join(name)
        .display()
        .to_string()
}

/// `sitrep import - <args>` with `input` on standard input.
fn import_stdin(site: &TestSite, input: &[u8], args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["import", "-"])
        .args(args)
        .current_dir(&site.root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The front matter and the body of a draft.
fn split(text: &str) -> (&str, &str) {
    let rest = text.strip_prefix("---\n").expect("front matter");
    rest.split_once("\n---\n").expect("end of front matter")
}

/// The draft builds with --drafts, checks with no error, and its page shows none of the
/// source text (it is in a comment).
#[track_caller]
fn assert_builds_and_checks(site: &TestSite, draft: &str, source_sentence: &str) {
    let check = site.run(&["check", "--drafts", "--format", "github"]);
    check.assert_ok();
    assert!(
        !check.stdout.contains("::error"),
        "check --drafts: {}",
        check.stdout
    );
    site.run(&["build", "--drafts"]).assert_ok();
    let text = site.read_source(draft);
    let (front, _) = split(&text);
    assert!(front.contains("\ndraft: true"), "{front}");
    let page = walkdir::WalkDir::new(site.public())
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().ends_with(format!("{}/index.html", slug(draft))))
        .unwrap_or_else(|| panic!("no page for {draft}"));
    let html = std::fs::read_to_string(page.path()).unwrap();
    assert!(html.contains("Write the briefing here"), "{html}");
    let visible = strip_comments(&html);
    assert!(
        !visible.contains(source_sentence),
        "the source text shows on the page"
    );
}

fn slug(draft: &str) -> &str {
    draft.rsplit('/').next().unwrap().trim_end_matches(".md")
}

fn strip_comments(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .split_once("-->")
            .map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

#[test]
fn the_reference_article_becomes_a_draft_that_cites_it() {
    let site = TestSite::fixture("import-site");
    let run = site.run(&[
        "import",
        &article("peace-offer-article.txt"),
        "--url",
        "https://news.example.org/2025/07/21/putin-peace-offer",
        "--publisher",
        "Example Wire",
    ]);
    run.assert_ok();
    assert!(run.stdout.contains(PEACE_OFFER), "{}", run.stdout);
    assert!(
        run.stdout.contains("date: 2025-07-21 (from the date line)"),
        "{}",
        run.stdout
    );
    let text = site.read_source(PEACE_OFFER);
    let (front, body) = split(&text);
    assert!(front.starts_with(
        "title: \"Putin Signals Peace Push—but Demands Ukraine Give Up Four Regions\"\ndate: 2025-07-21\n"
    ), "{front}");
    let regions = front.lines().find(|l| l.starts_with("regions:")).unwrap();
    for region in ["Donetsk", "Luhansk", "Kherson", "Zaporizhzhia"] {
        assert!(regions.contains(region), "{regions}");
    }
    assert!(
        front.contains("actors: [Vladimir Putin, NATO, Volodymyr Zelenskyy]"),
        "{front}"
    );
    assert!(front.contains("# Suggested by sitrep import"), "{front}");
    assert!(front.contains(
        "sources:\n  - title: \"Putin Signals Peace Push—but Demands Ukraine Give Up Four Regions\"\n    url: https://news.example.org/2025/07/21/putin-peace-offer\n    publisher: Example Wire\n"
    ), "{front}");
    // The text is kept as source material inside a comment, furniture out.
    let source = body.split_once("<!--").expect("a comment").1;
    assert!(source.contains("SOURCE TEXT TO REWRITE"));
    for furniture in [
        "Advertisement",
        "Published on",
        "Latest articles",
        "Monday, July 21, 2025",
    ] {
        assert!(!body.contains(furniture), "`{furniture}` left in:\n{body}");
    }
    assert!(
        source.contains("\n## A Conditional Peace Offer\n"),
        "{source}"
    );
    assert!(
        source.contains("\n## Strategic Timing or Tactical Bluff?\n"),
        "{source}"
    );
    assert!(
        source
            .contains("\n- Ukraine must recognize the annexation of the four occupied regions.\n")
    );
    assert!(
        source.contains("\n> “This is not a peace offer—it’s a pause,” said Dr. Emilia Kravchenko"),
        "{source}"
    );
    // Reported speech stays a paragraph.
    assert!(source.contains("\nUkrainian President Volodymyr Zelenskyy quickly dismissed"));
    assert!(
        source.trim_end().ends_with("but in principle.\n-->"),
        "{source}"
    );
    assert_builds_and_checks(&site, PEACE_OFFER, "Russia wants time to regroup");

    // Never overwritten: a second import of the same article is refused.
    let again = site.run(&["import", &article("peace-offer-article.txt")]);
    again.assert_code(1);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(site.read_source(PEACE_OFFER), text);
}

#[test]
fn without_an_address_the_source_waits_commented_and_the_report_says_so() {
    let site = TestSite::fixture("import-site");
    let run = site.run(&["import", &article("peace-offer-article.txt")]);
    run.assert_ok();
    assert!(
        run.stdout.contains("not found: the article's address"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("not found: the publisher"),
        "{}",
        run.stdout
    );
    let text = site.read_source(PEACE_OFFER);
    assert!(
        text.contains("sources:\n  # The article's address was not found"),
        "{text}"
    );
    assert_builds_and_checks(&site, PEACE_OFFER, "Russia wants time to regroup");
}

#[test]
fn a_news_page_gives_its_metadata_and_loses_its_furniture() {
    let site = TestSite::fixture("import-site");
    let run = site.run(&["import", &article("news-article.html")]);
    run.assert_ok();
    let draft = "content/2025/kyiv-and-moscow-agree-new-prisoner-swap-as-istanbul-talks-end-without-ceasefire.md";
    assert!(run.stdout.contains(draft), "{}", run.stdout);
    let text = site.read_source(draft);
    let (front, body) = split(&text);
    assert!(front.contains("\ndate: 2025-07-23\n"), "{front}");
    assert!(front.contains(
        "    url: https://kyiv-ledger.example/world/2025/07/23/istanbul-talks-prisoner-swap\n    publisher: The Kyiv Ledger\n"
    ), "{front}");
    assert!(
        front.contains("regions: [Kyiv, Donetsk, Luhansk, Zaporizhzhia, Kherson]"),
        "{front}"
    );
    assert!(front.contains("tags: [nato, sanctions]"), "{front}");
    for furniture in [
        "Advertisement",
        "Share on",
        "Copy link",
        "Related coverage",
        "Second round of Istanbul",
        "Sign up",
        "Subscribe",
        "All rights reserved",
        "Politics",
        "Olena Marchenko",
        "6:40 p.m.",
    ] {
        assert!(!body.contains(furniture), "`{furniture}` left in:\n{body}");
    }
    assert!(
        !body.contains("\n# "),
        "the headline is not repeated:\n{body}"
    );
    assert!(body.contains("\n## What was agreed\n"), "{body}");
    assert!(
        body.contains("\n- a further exchange of at least 1,200 prisoners"),
        "{body}"
    );
    assert!(body.contains("\n> We came for a ceasefire"), "{body}");
    assert!(
        body.contains("\n> “The positions are as far apart"),
        "{body}"
    );
    assert_builds_and_checks(&site, draft, "thousands of families");
}

#[test]
fn a_blog_page_from_standard_input_loses_sidebar_banner_and_related_links() {
    let site = TestSite::fixture("import-site");
    let html = std::fs::read(article("blog-post.html")).unwrap();
    let run = import_stdin(
        &site,
        &html,
        &[
            "--url",
            "https://blacksea-notes.example/2025/08/grain-corridor/",
        ],
    );
    run.assert_ok();
    let draft = "content/2025/grain-corridor-what-the-new-shipping-data-show.md";
    let text = site.read_source(draft);
    let (front, body) = split(&text);
    assert!(front.contains("\ndate: 2025-08-14\n"), "{front}");
    assert!(
        front.contains("    publisher: Black Sea Notes\n"),
        "{front}"
    );
    assert!(body.contains("from standard input"), "{body}");
    for furniture in [
        "cookies",
        "Accept",
        "Popular posts",
        "Odesa's ports after",
        "Follow us",
        "Read more",
        "The grain deal ends",
        "comments",
        "Great analysis",
        "Share this post",
        "Subscribe",
        "Anna Kovalenko",
        "Archive",
    ] {
        assert!(!body.contains(furniture), "`{furniture}` left in:\n{body}");
    }
    assert!(body.contains("\n## Why the numbers rose\n"), "{body}");
    assert!(
        body.contains("Ships sailing from Odesa, Chornomorsk and Pivdennyi"),
        "{body}"
    );
    assert_builds_and_checks(&site, draft, "six million tonnes");
}

#[test]
fn input_that_is_no_article_writes_nothing_and_says_why() {
    let site = TestSite::fixture("import-site");
    let before = list_files(&site.root);
    let empty = site.root.join("../empty.txt");
    std::fs::write(&empty, "\n  \n").unwrap();
    let binary = site.root.join("../photo.jpg");
    std::fs::write(
        &binary,
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01",
    )
    .unwrap();
    let short = site.root.join("../short.txt");
    std::fs::write(&short, "A headline\n\nOne line of text.\n").unwrap();
    for (file, message) in [
        (
            empty.display().to_string(),
            "is empty: there is no article to import",
        ),
        (
            binary.display().to_string(),
            "is not text (it holds binary data)",
        ),
        (article("no-article.html"), "found no article in"),
        (short.display().to_string(), "fewer than 30 words"),
        ("missing.txt".to_string(), "cannot read missing.txt"),
    ] {
        let run = site.run(&["import", &file]);
        run.assert_code(1);
        assert!(run.stderr.contains(message), "{file}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
    let run = import_stdin(&site, b"", &[]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("standard input is empty"),
        "{}",
        run.stderr
    );
    let bad_url = site.run(&[
        "import",
        &article("peace-offer-article.txt"),
        "--url",
        "not a url",
    ]);
    bad_url.assert_code(2);
    assert!(
        bad_url
            .stderr
            .contains("--url not a url is not a web address"),
        "{}",
        bad_url.stderr
    );
    assert_eq!(list_files(&site.root), before, "nothing was written");
}

/// A page without a headline is `imported-article.md`; the next ones are numbered.
#[test]
fn pages_without_a_headline_are_numbered_not_overwritten() {
    let site = TestSite::fixture("import-site");
    let page = "<!DOCTYPE html><html><body><article><p>The regional administration said on \
                Monday that repairs to the water network would take another two weeks, and \
                that residents of the eastern districts should keep using the distribution \
                points set up near schools and clinics until supplies return.</p><p>Engineers \
                have replaced three pumping stations so far.</p></article></body></html>";
    let mut written = Vec::new();
    for _ in 0..3 {
        let run = import_stdin(&site, page.as_bytes(), &["--dir", "inbox"]);
        run.assert_ok();
        assert!(
            run.stdout.contains("not found: the headline"),
            "{}",
            run.stdout
        );
        written.push(run.stdout.lines().next().unwrap().to_string());
    }
    assert_eq!(
        written,
        [
            "Created content/inbox/imported-article.md (a draft: the article's text is in a comment, to rewrite)",
            "Created content/inbox/imported-article-2.md (a draft: the article's text is in a comment, to rewrite)",
            "Created content/inbox/imported-article-3.md (a draft: the article's text is in a comment, to rewrite)",
        ]
    );
    let first = site.read_source("content/inbox/imported-article.md");
    assert_eq!(
        first,
        site.read_source("content/inbox/imported-article-2.md")
    );
    site.run(&["check", "--drafts"]).assert_ok();
}

/// Saved pages in windows-1251 (`<meta charset>`) and KOI8-U (`<meta http-equiv>`) are read
/// in their charset; the page's `<html lang="uk">` makes the draft Ukrainian, with a slug by
/// Ukraine's transliteration.
#[test]
fn a_ukrainian_page_in_a_legacy_charset_becomes_a_ukrainian_draft() {
    for (fixture, dir) in [
        ("kyiv-winter-windows-1251.html", "cp1251"),
        ("kyiv-winter-koi8-u.html", "koi8"),
    ] {
        let site = TestSite::fixture("import-site");
        let run = site.run(&["import", &article(fixture), "--dir", dir]);
        run.assert_ok();
        let draft = format!("content/{dir}/kyiv-hotuietsia-do-zymy.md");
        assert!(
            run.stdout.starts_with(&format!("Created {draft} ")),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout
                .contains("found language: uk (from the page's <html lang>)"),
            "{}",
            run.stdout
        );
        let text = site.read_source(&draft);
        let (front, body) = split(&text);
        assert!(
            front.starts_with("title: \"Київ готується до зими\"\ndate: "),
            "{front}"
        );
        assert!(front.contains("\nlanguage: uk\n"), "{front}");
        assert!(
            body.contains("Міська влада Києва оголосила, що енергетики завершили ремонт"),
            "{body}"
        );
        assert_builds_and_checks(&site, &draft, "Міська влада Києва");
        // Dated today (the page has no date): found by its slug.
        let page = walkdir::WalkDir::new(site.public())
            .into_iter()
            .filter_map(Result::ok)
            .find(|e| e.path().ends_with("kyiv-hotuietsia-do-zymy/index.html"))
            .expect("the draft's page");
        let page = std::fs::read_to_string(page.path()).unwrap();
        assert!(page.contains("<html lang=\"uk\""), "{page}");
    }
}
