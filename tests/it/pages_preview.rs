//! The preview (`Project`) follows edits to pages and profiles: it re-reads only the file
//! saved, re-renders the pages that show it (a page; every page for a menu change; a term's
//! pages and the bylines that show a profile's role), and stays byte for byte equal to a
//! fresh build after every edit.

use std::path::PathBuf;

use sitrep::project::{Project, Update};

use crate::harness::{TestSite, list_files, png_header};

const CONFIG: &str = "title: Desk
base_url: https://example.org/news/
paginate_by: 2
repo_url: https://github.com/org/desk
taxonomies:
  - tags
  - regions
  - name: authors
    byline: true
";

fn site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.briefing(
        "2025/a.md",
        "title: A\ndate: 2025-07-21\nregions: [Kherson]\nauthors: [Olena Kovalenko]",
        "Alpha. See [about](/about/).",
    )
    .briefing(
        "2025/b.md",
        "title: B\ndate: 2025-07-20\nregions: [Kherson]\nauthors: [Mark Ellison]",
        "Beta.",
    )
    .briefing(
        "2024/c.md",
        "title: C\ndate: 2024-03-01\ntags: [x]\nauthors: [Olena Kovalenko]",
        "Gamma.",
    )
    .write(
        "pages/about.md",
        "---\ntitle: About\nmenu: 1\n---\nWe are a desk.\n",
    )
    .write(
        "pages/standards.md",
        "---\ntitle: Standards\nmenu: 2\n---\nRead [A](../content/2025/a.md).\n",
    )
    .write(
        "terms/authors/olena-kovalenko.md",
        "---\ntitle: Olena Kovalenko\nrole: Kyiv correspondent\nsummary: Covers Kyiv.\n---\nSince 2014.\n",
    )
    .write(
        "terms/regions/kherson.md",
        "---\ntitle: Kherson\nsummary: The lower Dnipro.\n---\nA region.\n",
    );
    site
}

/// Writes (or, with `None`, deletes) `relative` and tells the project about it.
fn save(site: &TestSite, project: &mut Project, relative: &str, text: Option<&str>) -> Update {
    let path = site.root.join(relative);
    match text {
        Some(text) => {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
        }
        None => std::fs::remove_file(&path).unwrap(),
    }
    project.apply(&[path])
}

fn page(project: &Project, output: &str) -> String {
    String::from_utf8_lossy(
        &project
            .file(output)
            .unwrap_or_else(|| panic!("no {output}")),
    )
    .into_owned()
}

/// Every file of a fresh build is in the preview with the same bytes, and no other.
#[track_caller]
fn assert_matches_fresh_build(site: &TestSite, project: &Project, case: &str) {
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

#[test]
fn a_page_edit_re_renders_that_page_and_a_menu_edit_every_page() {
    let site = site();
    let mut project = site.open_project();
    assert!(page(&project, "about/index.html").contains("We are a desk."));

    // The body: that page alone.
    let update = save(
        &site,
        &mut project,
        "pages/about.md",
        Some("---\ntitle: About\nmenu: 1\n---\nWe are a small desk.\n"),
    );
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    assert_eq!(update.changed, ["about/index.html"]);
    assert!(update.rendered <= 2, "{} pages rendered", update.rendered);
    assert!(page(&project, "about/index.html").contains("We are a small desk."));
    assert_matches_fresh_build(&site, &project, "page body");

    // The menu label: every page's navigation.
    let update = save(
        &site,
        &mut project,
        "pages/about.md",
        Some("---\ntitle: About\nmenu: 1\nmenu_title: Who we are\n---\nWe are a small desk.\n"),
    );
    assert!(update.changed.contains(&"index.html".to_string()));
    assert!(update.changed.contains(&"2024/03/c/index.html".to_string()));
    assert!(page(&project, "2024/03/c/index.html").contains(">Who we are</a>"));
    assert_matches_fresh_build(&site, &project, "menu label");

    // A new page, a page leaving the menu, a page deleted.
    save(
        &site,
        &mut project,
        "pages/team/contact.md",
        Some("---\ntitle: Contact\nmenu: 3\n---\nWrite.\n"),
    );
    assert!(page(&project, "index.html").contains("/news/team/contact/"));
    assert_matches_fresh_build(&site, &project, "new page");
    save(
        &site,
        &mut project,
        "pages/standards.md",
        Some("---\ntitle: Standards\n---\nRead [A](../content/2025/a.md).\n"),
    );
    assert!(!page(&project, "index.html").contains(">Standards</a>"));
    assert_matches_fresh_build(&site, &project, "out of the menu");
    save(&site, &mut project, "pages/team/contact.md", None);
    assert!(project.file("team/contact/index.html").is_none());
    assert_matches_fresh_build(&site, &project, "page deleted");

    // A page's link to a briefing file follows the briefing.
    save(
        &site,
        &mut project,
        "content/2025/a.md",
        Some(
            "---\ntitle: A\ndate: 2025-07-21\nslug: a2\nregions: [Kherson]\nauthors: [Olena Kovalenko]\n---\nAlpha.\n",
        ),
    );
    assert!(page(&project, "standards/index.html").contains("/news/2025/07/a2/"));
    assert_matches_fresh_build(&site, &project, "linked briefing moved");
}

#[test]
fn a_profile_edit_re_renders_its_term_and_the_bylines_that_show_its_role() {
    let site = site();
    let mut project = site.open_project();
    let update = save(
        &site,
        &mut project,
        "terms/authors/olena-kovalenko.md",
        Some(
            "---\ntitle: Olena Kovalenko\nrole: Chief correspondent\nsummary: Covers Kyiv.\n---\nSince 2014.\n",
        ),
    );
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    let mut changed = update.changed.clone();
    changed.sort();
    assert_eq!(
        changed,
        [
            "2024/03/c/index.html",
            "2025/07/a/index.html",
            "authors/olena-kovalenko/index.html",
        ],
        "her briefings (bylines), her page; not B, not the lists"
    );
    assert!(page(&project, "2025/07/a/index.html").contains("Chief correspondent"));
    assert_matches_fresh_build(&site, &project, "role");

    // `sort_as:` files her under K, before Mark Ellison (M; he has no profile): the authors
    // list changes order.
    let update = save(
        &site,
        &mut project,
        "terms/authors/olena-kovalenko.md",
        Some(
            "---\ntitle: Olena Kovalenko\nsort_as: Kovalenko, Olena\nrole: Chief correspondent\nsummary: Covers Kyiv.\n---\nSince 2014.\n",
        ),
    );
    assert!(
        update.changed.contains(&"authors/index.html".to_string()),
        "{:?}",
        update.changed
    );
    let authors = page(&project, "authors/index.html");
    let (mark, olena) = (
        authors.find("Mark Ellison").unwrap(),
        authors.find("Olena Kovalenko").unwrap(),
    );
    assert!(olena < mark, "{authors}");
    assert_matches_fresh_build(&site, &project, "sort_as");

    // A region's summary: its page and feed; no briefing shows it.
    let update = save(
        &site,
        &mut project,
        "terms/regions/kherson.md",
        Some("---\ntitle: Kherson\nsummary: The right bank.\n---\nA region.\n"),
    );
    let mut changed = update.changed.clone();
    changed.sort();
    assert_eq!(
        changed,
        ["regions/kherson/atom.xml", "regions/kherson/index.html"]
    );
    assert_matches_fresh_build(&site, &project, "summary");

    // A new title renames the term everywhere; a profile for an unused slug adds a page;
    // deleting it removes that page.
    save(
        &site,
        &mut project,
        "terms/regions/kherson.md",
        Some("---\ntitle: Kherson oblast\n---\nA region.\n"),
    );
    assert!(page(&project, "2025/07/b/index.html").contains(">Kherson oblast</a>"));
    assert_matches_fresh_build(&site, &project, "title");
    save(
        &site,
        &mut project,
        "terms/regions/crimea.md",
        Some("---\ntitle: Crimea\n---\nThe peninsula.\n"),
    );
    assert!(page(&project, "regions/crimea/index.html").contains("The peninsula."));
    assert_matches_fresh_build(&site, &project, "new profile");
    save(&site, &mut project, "terms/regions/crimea.md", None);
    assert!(project.file("regions/crimea/index.html").is_none());
    assert_matches_fresh_build(&site, &project, "profile deleted");
}

#[test]
fn a_broken_page_or_profile_keeps_the_last_good_site_until_it_is_fixed() {
    let site = site();
    let mut project = site.open_project();
    let update = save(
        &site,
        &mut project,
        "pages/about.md",
        Some("---\ntitel: About\n---\nText.\n"),
    );
    assert!(
        update.errors.iter().any(|d| d.message.contains("`titel`")),
        "{:?}",
        update.errors
    );
    assert!(page(&project, "about/index.html").contains("We are a desk."));
    let update = save(
        &site,
        &mut project,
        "terms/places/kyiv.md",
        Some("---\ntitle: Kyiv\n---\nText.\n"),
    );
    assert!(
        update.errors.iter().any(|d| d.message.contains("`places`")),
        "{:?}",
        update.errors
    );
    save(&site, &mut project, "terms/places/kyiv.md", None);
    let update = save(
        &site,
        &mut project,
        "pages/about.md",
        Some("---\ntitle: About us\nmenu: 1\n---\nFixed.\n"),
    );
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    assert!(update.recovered);
    assert_matches_fresh_build(&site, &project, "fixed");
    // A folder of pages that appears or goes at once.
    let folder: PathBuf = site.root.join("pages");
    std::fs::rename(&folder, site.root.join("pages-away")).unwrap();
    project.apply(std::slice::from_ref(&folder));
    assert!(project.file("about/index.html").is_none());
    assert_matches_fresh_build(&site, &project, "pages/ moved away");
    std::fs::rename(site.root.join("pages-away"), &folder).unwrap();
    project.apply(&[folder]);
    assert!(project.file("about/index.html").is_some());
    assert_matches_fresh_build(&site, &project, "pages/ moved back");
}

#[test]
fn the_preview_checks_pages_and_profiles_it_reads() {
    let site = site();
    let mut project = site.open_project();
    let update = save(
        &site,
        &mut project,
        "pages/about.md",
        Some("---\ntitle: About\nmenu: 1\n---\nSee [gone](/gone/).\n"),
    );
    assert!(update.checked);
    assert!(
        update
            .findings
            .iter()
            .any(|d| d.path.ends_with("pages/about.md")
                && d.line == 5
                && d.message.contains("/gone/")),
        "{:?}",
        update.findings
    );
    let update = save(
        &site,
        &mut project,
        "terms/regions/crimea.md",
        Some("---\ntitle: Crimea\n---\nThe peninsula.\n"),
    );
    assert!(
        update
            .findings
            .iter()
            .chain(&update.other_findings)
            .any(|d| d.path.ends_with("terms/regions/crimea.md") && !d.is_error()),
        "{:?} {:?}",
        update.findings,
        update.other_findings
    );
}

#[test]
fn an_image_replaced_under_static_gives_its_new_size_to_the_pages_that_show_it() {
    let site = site();
    site.write_bytes("static/images/map.png", &png_header(640, 360))
        .briefing(
        "2025/a.md",
        "title: A\ndate: 2025-07-21\nregions: [Kherson]\nauthors: [Olena Kovalenko]",
        "Alpha.\n\n![The front](/images/map.png \"The front. Map: the desk\")\n",
    )
    .write(
        "pages/about.md",
        "---\ntitle: About\nmenu: 1\nimage: /images/map.png\nimage_alt: A map\n---\nWe are a desk.\n",
    );
    let mut project = site.open_project();
    let briefing = "2025/07/a/index.html";
    assert!(page(&project, briefing).contains("width=\"640\" height=\"360\""));
    assert!(page(&project, "about/index.html").contains("width=\"640\" height=\"360\""));
    assert_matches_fresh_build(&site, &project, "first sizes");

    let path = site.root.join("static/images/map.png");
    std::fs::write(&path, png_header(1200, 630)).unwrap();
    let update = project.apply(&[path]);
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    assert!(
        update.changed.iter().any(|f| f == briefing),
        "{:?}",
        update.changed
    );
    assert!(page(&project, briefing).contains("width=\"1200\" height=\"630\""));
    let about = page(&project, "about/index.html");
    assert!(
        about.contains("<meta property=\"og:image:width\" content=\"1200\">"),
        "{about}"
    );
    assert_matches_fresh_build(&site, &project, "image replaced");

    // A briefing that does not show it is not rendered again.
    assert!(!update.changed.iter().any(|f| f == "2025/07/b/index.html"));

    // A file with a space in its name, written `%20` in the body, is followed too.
    let spaced = site.root.join("static/images/front line.png");
    std::fs::write(&spaced, png_header(640, 360)).unwrap();
    site.briefing(
        "2025/c.md",
        "title: C\ndate: 2025-07-22",
        "![The line](/images/front%20line.png)\n",
    );
    let update = project.apply(&[spaced.clone(), site.root.join("content/2025/c.md")]);
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    assert!(page(&project, "2025/07/c/index.html").contains("width=\"640\" height=\"360\""));
    std::fs::write(&spaced, png_header(800, 450)).unwrap();
    let update = project.apply(&[spaced]);
    assert!(
        update.changed.iter().any(|f| f == "2025/07/c/index.html"),
        "{:?}",
        update.changed
    );
    assert!(page(&project, "2025/07/c/index.html").contains("width=\"800\" height=\"450\""));
    assert_matches_fresh_build(&site, &project, "image with a space replaced");
}
