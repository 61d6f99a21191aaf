//! Defects of the site model found in hardening: a preview that keeps a stale link after the
//! linked briefing moves (the preview must equal a fresh build, byte for byte), aliases that
//! overwrite pages, and feeds that are not well-formed XML.

use std::path::{Path, PathBuf};

use sitrep::project::Project;

use crate::harness::{TestSite, list_files};

const CONFIG: &str = "title: Desk\nbase_url: https://example.org/news/\npaginate_by: 2\n";

/// A in 2025 links to B in 2024 twice (plain and with a fragment); C is unrelated.
fn linked_site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.briefing(
        "2025/a.md",
        "title: A\ndate: 2025-03-01\ntags: [x]",
        "See [B](../2024/b.md) and [its outlook](../2024/b.md#outlook).",
    );
    site.briefing(
        "2024/b.md",
        "title: B\ndate: 2024-05-01",
        "## Outlook\n\nCalm.",
    );
    site.briefing("c.md", "title: C\ndate: 2023-01-01", "Other.");
    site
}

/// Every file of a fresh `sitrep build` of the site is in the preview with the same bytes,
/// and the preview has no other files. The build is `unchecked`: some states here have a
/// link to a draft or a deleted file, which `sitrep build` refuses to publish, while the
/// preview still renders them (and shows the finding); what is compared is the rendering.
#[track_caller]
pub(crate) fn assert_preview_matches_fresh_build(site: &TestSite, project: &Project, case: &str) {
    // The search index is written in the background after a rebuild: compare it too, once
    // it is the latest rebuild's.
    project.wait_for_search();
    assert!(
        project.errors().is_empty(),
        "{case}: {:?}",
        project.errors()
    );
    let out = tempfile::tempdir().unwrap();
    sitrep::build(&sitrep::BuildOptions {
        root: site.root.clone(),
        output: Some(out.path().join("public")),
        base_url: None,
        drafts: false,
        unchecked: true,
    })
    .unwrap_or_else(|e| panic!("{case}: build failed: {e:?}"));
    let public = out.path().join("public");
    // The marker says the output folder is sitrep's own; it is not a page of the site.
    let files: Vec<String> = list_files(&public)
        .into_iter()
        .filter(|f| f != sitrep::output::MARKER)
        .collect();
    for file in &files {
        let built = std::fs::read(public.join(file)).unwrap();
        let previewed = project
            .file(file)
            .unwrap_or_else(|| panic!("{case}: {file} is not in the preview"));
        assert!(
            *previewed == *built,
            "{case}: {file} differs from a fresh build\npreview:\n{}\nbuild:\n{}",
            String::from_utf8_lossy(&previewed),
            String::from_utf8_lossy(&built)
        );
    }
    assert_eq!(project.file_count(), files.len(), "{case}: file count");
}

/// Writes `content/<name>` and tells the project about the paths that changed.
fn edit(site: &TestSite, project: &mut Project, changed: &[&str], action: impl FnOnce(&Path)) {
    action(&site.root.join("content"));
    let paths: Vec<PathBuf> = changed
        .iter()
        .map(|p| site.root.join("content").join(p))
        .collect();
    let update = project.apply(&paths);
    assert!(update.errors.is_empty(), "{:?}", update.errors);
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::create_dir_all(dir.join(name).parent().unwrap()).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
}

/// A's page, as previewed.
fn page_a(project: &Project) -> String {
    String::from_utf8_lossy(&project.file("2025/03/a/index.html").unwrap()).into_owned()
}

#[test]
fn a_link_follows_its_target_when_the_target_changes_slug() {
    let site = linked_site();
    let mut project = site.open_project();
    assert!(page_a(&project).contains("href=\"/news/2024/05/b/#outlook\""));
    edit(&site, &mut project, &["2024/b.md"], |c| {
        write(
            c,
            "2024/b.md",
            "---\ntitle: B\ndate: 2024-05-01\nslug: b-moved\n---\nCalm.\n",
        )
    });
    assert!(
        page_a(&project).contains("href=\"/news/2024/05/b-moved/#outlook\""),
        "{}",
        page_a(&project)
    );
    assert_preview_matches_fresh_build(&site, &project, "slug change");
}

#[test]
fn a_link_follows_its_target_when_the_target_changes_date() {
    let site = linked_site();
    let mut project = site.open_project();
    edit(&site, &mut project, &["2024/b.md"], |c| {
        write(
            c,
            "2024/b.md",
            "---\ntitle: B\ndate: 2024-06-01\n---\nCalm.\n",
        )
    });
    assert_preview_matches_fresh_build(&site, &project, "date change");
    // The same month, another day: the permalink stays, nothing about A changes.
    edit(&site, &mut project, &["2024/b.md"], |c| {
        write(
            c,
            "2024/b.md",
            "---\ntitle: B\ndate: 2024-06-20\n---\nCalm.\n",
        )
    });
    assert_preview_matches_fresh_build(&site, &project, "date change within the month");
}

#[test]
fn a_link_follows_its_target_in_and_out_of_draft() {
    let site = linked_site();
    let mut project = site.open_project();
    edit(&site, &mut project, &["2024/b.md"], |c| {
        write(
            c,
            "2024/b.md",
            "---\ntitle: B\ndate: 2024-05-01\ndraft: true\n---\nCalm.\n",
        )
    });
    assert!(
        !page_a(&project).contains("/news/2024/05/b/"),
        "{}",
        page_a(&project)
    );
    assert_preview_matches_fresh_build(&site, &project, "draft on");
    edit(&site, &mut project, &["2024/b.md"], |c| {
        write(
            c,
            "2024/b.md",
            "---\ntitle: B\ndate: 2024-05-01\n---\nCalm.\n",
        )
    });
    assert!(
        page_a(&project).contains("/news/2024/05/b/"),
        "{}",
        page_a(&project)
    );
    assert_preview_matches_fresh_build(&site, &project, "draft off");
}

#[test]
fn a_link_follows_its_target_when_it_is_renamed_deleted_or_created() {
    let site = linked_site();
    let mut project = site.open_project();
    edit(&site, &mut project, &["2024/b.md", "2024/b2.md"], |c| {
        std::fs::rename(c.join("2024/b.md"), c.join("2024/b2.md")).unwrap()
    });
    assert_preview_matches_fresh_build(&site, &project, "rename away");
    edit(&site, &mut project, &["2024/b.md", "2024/b2.md"], |c| {
        std::fs::rename(c.join("2024/b2.md"), c.join("2024/b.md")).unwrap()
    });
    assert_preview_matches_fresh_build(&site, &project, "rename back");
    edit(&site, &mut project, &["2024/b.md"], |c| {
        std::fs::remove_file(c.join("2024/b.md")).unwrap()
    });
    assert_preview_matches_fresh_build(&site, &project, "delete");
    edit(&site, &mut project, &["2024/b.md"], |c| {
        write(
            c,
            "2024/b.md",
            "---\ntitle: New B\ndate: 2024-02-01\n---\nNew.\n",
        )
    });
    assert!(
        page_a(&project).contains("/news/2024/02/b/"),
        "{}",
        page_a(&project)
    );
    assert_preview_matches_fresh_build(&site, &project, "created at the link target");
}

#[test]
fn in_place_edits_of_either_end_of_a_link_match_a_fresh_build() {
    let site = linked_site();
    let mut project = site.open_project();
    // B's body changes, its URL does not: the fast path.
    edit(&site, &mut project, &["2024/b.md"], |c| {
        write(
            c,
            "2024/b.md",
            "---\ntitle: B\ndate: 2024-05-01\n---\nStormy.\n",
        )
    });
    assert_preview_matches_fresh_build(&site, &project, "target body edit");
    // A gains a link to C and loses the fragment link: also the fast path.
    edit(&site, &mut project, &["2025/a.md"], |c| {
        write(
            c,
            "2025/a.md",
            "---\ntitle: A\ndate: 2025-03-01\ntags: [x]\n---\nSee [B](../2024/b.md) and [C](../c.md).\n",
        )
    });
    assert!(
        page_a(&project).contains("href=\"/news/2023/01/c/\""),
        "{}",
        page_a(&project)
    );
    assert_preview_matches_fresh_build(&site, &project, "linking page edit");
    // Then C moves: A's new link must follow.
    edit(&site, &mut project, &["c.md"], |c| {
        write(
            c,
            "c.md",
            "---\ntitle: C\ndate: 2023-01-01\nslug: c2\n---\nOther.\n",
        )
    });
    assert!(
        page_a(&project).contains("href=\"/news/2023/01/c2/\""),
        "{}",
        page_a(&project)
    );
    assert_preview_matches_fresh_build(&site, &project, "new target moves");
}

// ---- B. Aliases and URLs are compared by the file they are written to ----

/// Each alias would be written to the output file of another page; every one is an error at
/// its `aliases:` line that names what is already there, and nothing is written.
#[test]
fn an_alias_may_not_overwrite_any_page() {
    let site = TestSite::with_config(
        "title: Desk\nbase_url: https://example.org/\npaginate_by: 1\ncname: desk.example.org\n",
    );
    site.briefing(
        "other.md",
        "title: Other\ndate: 2025-07-02\ntags: [x]",
        "Body.",
    );
    site.briefing(
        "older.md",
        "title: Older\ndate: 2025-06-01\ntags: [x]",
        "Body.",
    );
    let clashes = [
        ("/index.html", "the generated page /"),
        ("/page/2/index.html", "the generated page /page/2/"),
        ("/archive/index.html", "the generated page /archive/"),
        ("/tags/index.html", "the generated page /tags/"),
        ("/tags/x/index.html", "the generated page /tags/x/"),
        (
            "/tags/x/page/2/index.html",
            "the generated page /tags/x/page/2/",
        ),
        ("/tags/x/atom.xml", "the generated page /tags/x/atom.xml"),
        ("/2025/index.html", "the generated page /2025/"),
        ("/2025/07/index.html", "the generated page /2025/07/"),
        ("/2025/07/other/index.html", "the briefing content/other.md"),
        ("/2025/06/older/", "the briefing content/older.md"),
        ("/atom.xml", "the generated page /atom.xml"),
        ("/404.html", "the generated page /404.html"),
        ("/sitemap.xml", "the generated page /sitemap.xml"),
        ("/feed.json", "the generated page /feed.json"),
        ("/robots.txt", "the generated page /robots.txt"),
        ("/.nojekyll", "the generated page /.nojekyll"),
        ("/CNAME", "the generated page /CNAME"),
    ];
    for (i, (alias, _)) in clashes.iter().enumerate() {
        site.briefing(
            &format!("a{i:02}.md"),
            &format!(
                "title: A{i}\ndate: 2024-01-{:02}\naliases: [{alias}]",
                i + 1
            ),
            "Body.",
        );
    }
    let run = site.build();
    run.assert_code(1);
    for (i, (alias, owner)) in clashes.iter().enumerate() {
        let expected =
            format!("content/a{i:02}.md:4:11: error: alias {alias} is already used by {owner}");
        assert!(run.stderr.contains(&expected), "{expected}\n{}", run.stderr);
    }
    assert!(
        run.stderr
            .contains("hint: remove this alias: a redirect may not replace a page"),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists());
}

#[test]
fn two_aliases_for_one_file_name_both_briefings() {
    let site = TestSite::with_config(crate::harness::MINIMAL_CONFIG);
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-01-01\naliases: [/old/]",
        "Body.",
    );
    site.briefing(
        "b.md",
        "title: B\ndate: 2025-02-01\nslug: bee\naliases: [/old/index.html]",
        "Body.",
    );
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "content/b.md:5:11: error: alias /old/index.html is already used by an alias of content/a.md (line 4)"
        ) || run.stderr.contains(
            "content/a.md:4:11: error: alias /old/ is already used by an alias of content/b.md (line 5)"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        crate::harness::count(&run.stderr, "error:"),
        1,
        "{}",
        run.stderr
    );
}

/// `/archive` is written as a file named `archive`, where the folder of `/archive/` must be:
/// one of the two cannot be written.
#[test]
fn an_alias_may_not_take_the_place_of_a_folder() {
    let site = TestSite::with_config(crate::harness::MINIMAL_CONFIG);
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-01-01\naliases: [/archive, /2025/01/a/index.html/]",
        "Body.",
    );
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "content/a.md:4:11: error: alias /archive would be written as the file archive, which is the folder of the generated page /archive/"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "content/a.md:4:21: error: alias /2025/01/a/index.html/ would be written in the folder 2025/01/a/index.html, which is the file of the briefing content/a.md"
        ),
        "{}",
        run.stderr
    );
}

/// A briefing whose permalink ends in `index.html` is compared by its file too.
#[test]
fn a_briefing_url_ending_in_index_html_may_not_overwrite_a_generated_page() {
    let site = TestSite::with_config(
        "title: Desk\nbase_url: https://example.org/\npermalink: /:slug/index.html\n",
    );
    site.briefing(
        "notes.md",
        "title: Notes\ndate: 2025-01-01\nslug: archive",
        "Body.",
    );
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "content/notes.md:4:1: error: this briefing's URL /archive/index.html is already used by the generated page /archive/"
        ),
        "{}",
        run.stderr
    );
}

// ---- C. Feeds are well-formed whatever editors paste ----

/// Form feeds and U+0001 (pasted from word processors and PDFs) in site.yaml, front matter
/// and body: every XML file still parses with a strict parser, and links with a scheme stay
/// as written.
#[test]
fn control_characters_never_reach_feeds_and_schemes_stay_as_written() {
    let site = TestSite::with_config(
        "title: \"Desk\\u0001\"\nbase_url: https://example.org/\ndescription: \"Daily\\fbriefs\"\npublisher: \"Pub\\x01\"\n",
    );
    site.briefing(
        "a.md",
        "title: \"Talks\\fresume\\u0001\"\ndate: 2025-07-01\nsummary: \"Short\\u0001 summary\"\ntags: [\"x\\u0001y\"]\naliases: [/old/]",
        "First\u{c}page\u{1} of text.\n\n\
         [call](tel:+380441234567) [mail](mailto:desk@example.org) [text](sms:+380441234567) \
         [map](geo:50.45,30.52) [book](urn:isbn:0451450523) [x](javascript:void%200) \
         [chat](xmpp+im.v2:desk@example.org) [rel](../) [root](/archive/)",
    );
    site.build().assert_ok();
    let tag_feed = crate::harness::list_files(&site.public())
        .into_iter()
        .find(|f| f.starts_with("tags/") && f.ends_with("atom.xml"))
        .expect("a term feed");
    for file in ["atom.xml", tag_feed.as_str(), "sitemap.xml"] {
        let text = site.read(file);
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{file} is not well-formed XML: {e}\n{text:?}");
        }
        assert!(
            !text.contains(['\u{1}', '\u{c}']),
            "{file} keeps a control character"
        );
    }
    for file in ["atom.xml", tag_feed.as_str(), "feed.json"] {
        let feed = feed_rs::parser::parse(site.read(file).as_bytes())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(
            feed.entries[0].title.as_ref().unwrap().content,
            "Talks resume",
            "{file}"
        );
    }
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let item = &json["items"][0];
    assert_eq!(item["title"], "Talks resume");
    assert_eq!(item["summary"], "Short summary");
    assert_eq!(json["title"], "Desk");
    assert_eq!(json["authors"][0]["name"], "Pub");
    let json_html = item["content_html"].as_str().unwrap();
    assert!(json_html.contains("First page of text."), "{json_html}");
    let redirect = site.read("old/index.html");
    assert!(!redirect.contains(['\u{1}', '\u{c}']), "{redirect:?}");
    assert!(
        redirect.contains("<title>Talks resume</title>"),
        "{redirect}"
    );

    let atom = site.read("atom.xml");
    for (href, html) in [
        ("tel:+380441234567", atom.as_str()),
        ("mailto:desk@example.org", &atom),
        ("sms:+380441234567", &atom),
        ("geo:50.45,30.52", &atom),
        ("urn:isbn:0451450523", &atom),
        ("javascript:void%200", &atom),
        ("xmpp+im.v2:desk@example.org", &atom),
        ("https://example.org/2025/07/", &atom),
        ("https://example.org/archive/", &atom),
        ("tel:+380441234567", json_html),
        ("geo:50.45,30.52", json_html),
    ] {
        assert!(
            html.contains(&format!("href=\"{href}\"")),
            "{href}:\n{html}"
        );
    }
}

/// A colliding alias is reported where it is written, in a block list or a flow list, of a
/// briefing or a page: the annotation of a pull request lands on that line, not on the
/// `aliases:` key above it.
#[test]
fn a_colliding_alias_is_reported_at_the_alias_itself() {
    let site = TestSite::with_config(crate::harness::MINIMAL_CONFIG);
    site.briefing("a.md", "title: A\ndate: 2025-01-01", "Body.");
    site.briefing(
        "b.md",
        "title: B\ndate: 2025-02-01\naliases:\n  - /old-b/\n  - /2025/01/a/",
        "Body.",
    );
    site.write(
        "pages/about.md",
        "---\ntitle: About\naliases: [/who/, /2025/02/b/]\n---\nWho we are.\n",
    );
    let run = site.run(&["check", "--format", "github"]);
    run.assert_code(1);
    let places: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("is already used by"))
        .map(|l| l.split(",title=").next().unwrap_or(l))
        .collect();
    assert_eq!(
        places,
        [
            "::error file=content/b.md,line=6,col=5",
            "::error file=pages/about.md,line=3,col=18",
        ],
        "{}",
        run.stdout
    );
}
