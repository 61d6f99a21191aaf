//! Tests of the preview's model: incremental rebuilds re-render exactly what changed and
//! keep the last good site while the input has errors.
use super::*;

fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, Project, Update) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("site.yaml"),
        "title: T\nbase_url: https://e.org/\npaginate_by: 2\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    for (path, text) in files {
        std::fs::write(root.join(path), text).unwrap();
    }
    let (project, update) = Project::open(ProjectOptions {
        root: root.to_path_buf(),
        base_url: None,
        drafts: false,
    });
    (dir, project, update)
}

/// A site of `n` briefings, `content/b1.md` to `content/b<n>.md`, the i-th holding `text(i)`.
fn numbered_site(n: usize, text: impl Fn(usize) -> String) -> (tempfile::TempDir, Project, Update) {
    let files: Vec<(String, String)> = (1..=n)
        .map(|i| (format!("content/b{i}.md"), text(i)))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    site(&refs)
}

fn briefing(title: &str, date: &str, tags: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\ntags: [{tags}]\n---\nBody of {title}.\n")
}

#[test]
fn editing_a_body_re_renders_only_the_pages_that_show_it() {
    let (dir, mut project, first) = numbered_site(6, |i| {
        briefing(&format!("B{i}"), &format!("2025-0{i}-01"), "x")
    });
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    assert!(first.rendered > 10);

    std::fs::write(
        dir.path().join("content/b1.md"),
        briefing("B1", "2025-01-01", "x").replace("Body", "New body"),
    )
    .unwrap();
    let update = project.apply(&[dir.path().join("content/b1.md")]);
    assert!(update.errors.is_empty());
    // Its page only: list pages show the summary, which comes from the body's first
    // paragraph, so they change too.
    assert!(
        update
            .changed
            .contains(&"2025/01/b1/index.html".to_string()),
        "{:?}",
        update.changed
    );
    assert!(
        !update.changed.iter().any(|p| p.contains("b2")),
        "{:?}",
        update.changed
    );
    assert!(
        update.rendered < first.rendered / 2,
        "{} of {}",
        update.rendered,
        first.rendered
    );

    // Saving the same bytes again does no work at all.
    let again = project.apply(&[dir.path().join("content/b1.md")]);
    assert_eq!((again.rendered, again.changed.len()), (0, 0));
}

/// The files `project` serves that a fresh start on the same folder serves differently, or
/// only one of the two serves.
fn differing_from_a_fresh_start(project: &Project, root: &std::path::Path) -> Vec<String> {
    let served = |p: &Project| -> std::collections::BTreeMap<String, Arc<[u8]>> {
        p.outputs
            .iter()
            .map(|(path, s)| (path.clone(), s.bytes.clone()))
            .collect()
    };
    let (fresh, _) = Project::open(ProjectOptions {
        root: root.to_path_buf(),
        base_url: None,
        drafts: false,
    });
    let (preview, fresh) = (served(project), served(&fresh));
    let differing: std::collections::BTreeSet<&String> = preview
        .keys()
        .chain(fresh.keys())
        .filter(|path| preview.get(*path) != fresh.get(*path))
        .collect();
    differing.into_iter().cloned().collect()
}

#[test]
fn a_body_edit_lists_cannot_see_re_renders_its_page_and_full_text_feeds_alone() {
    let with_summary = |i: usize, body: &str| {
        format!(
            "---\ntitle: B{i}\ndate: 2025-0{i}-01\nsummary: S{i}.\ntags: [x, y{i}]\n\
             corrections:\n  - date: 2025-0{i}-02\n    text: Fixed.\n\
             events:\n  - date: 2025-0{i}-01\n    text: E{i}.\n---\n{body}\n"
        )
    };
    let (dir, mut project, first) = numbered_site(6, |i| with_summary(i, "One two three."));
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    let b1 = dir.path().join("content/b1.md");

    // Same words, one changed: lists, term pages, the timeline, the corrections log and the
    // related lists of the other briefings show nothing of it that changed.
    std::fs::write(&b1, with_summary(1, "One two four.")).unwrap();
    let update = project.apply(std::slice::from_ref(&b1));
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    assert_eq!(
        (update.rendered, update.changed.clone()),
        (
            3,
            vec![
                "2025/01/b1/index.html".to_string(),
                "atom.xml".to_string(),
                "feed.json".to_string()
            ]
        ),
        "only its page and the site feeds (full text) are rendered again"
    );

    // A word more changes its word count, which a list may show: the lists are rendered
    // again (the default theme's cards do not show it, so their bytes stay the same).
    std::fs::write(&b1, with_summary(1, "One two three four.")).unwrap();
    let update = project.apply(std::slice::from_ref(&b1));
    assert!(update.rendered > 6, "{} pages rendered", update.rendered);
    assert!(
        update
            .changed
            .contains(&"2025/01/b1/index.html".to_string())
    );

    // Either way the preview serves what a fresh start on the same files serves.
    let differing = differing_from_a_fresh_start(&project, dir.path());
    assert!(differing.is_empty(), "{differing:?} differ");
}

#[test]
fn in_place_edits_of_what_lists_and_timelines_show_equal_a_fresh_start() {
    // Each edit keeps the briefing in its place (the fast path, which patches the views of
    // the last render): fields change above or below its events, never the events.
    let with = |i: usize, above: &str, below: &str| {
        format!(
            "---\ntitle: B{i}\ndate: 2025-0{i}-01\nsummary: S{i}.\ntags: [x]\n{above}\
             events:\n  - date: 2025-01-01\n    text: Shared event.\n{below}---\nBody {i}.\n"
        )
    };
    let (dir, mut project, first) = site(&[
        (
            "content/b1.md",
            &with(1, "", "kind: report\nlanguage: en\n"),
        ),
        (
            "content/b2.md",
            &with(2, "", "kind: report\nlanguage: en\n"),
        ),
    ]);
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    let b1 = dir.path().join("content/b1.md");
    // Each edit changes what a card shows (the kind, the dateline) or what the timeline
    // shows of the briefing (its language), and the pages must follow.
    for (n, (above, below)) in [
        ("", "kind: opinion\nlanguage: en\n"),
        ("", "kind: opinion\nlanguage: fr\n"),
        ("", "kind: analysis\nlanguage: fr\n"),
        ("dateline: Kyiv\n", "kind: analysis\nlanguage: en\n"),
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(&b1, with(1, above, below)).unwrap();
        let update = project.apply(std::slice::from_ref(&b1));
        assert!(update.errors.is_empty(), "edit {n}: {:?}", update.errors);
        let differing = differing_from_a_fresh_start(&project, dir.path());
        assert!(differing.is_empty(), "edit {n}: {differing:?} differ");
    }
}

#[test]
fn tag_edits_patch_the_model_and_equal_a_fresh_start() {
    // Five briefings in `x` (three pages of two): b1 joins a new term, leaves `x` (its last
    // page goes), respells the new term (the first file's spelling shows: the model is built
    // again), and leaves it (its pages go).
    let (dir, mut project, first) = numbered_site(5, |i| {
        briefing(&format!("B{i}"), &format!("2025-0{i}-01"), "x")
    });
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    assert!(project.file("tags/x/page/3/index.html").is_some());
    let b1 = dir.path().join("content/b1.md");
    let steps: [(&str, &[&str], &[&str]); 4] = [
        (
            "x, fresh",
            &["tags/fresh/index.html", "tags/fresh/atom.xml"],
            &[],
        ),
        ("fresh", &[], &["tags/x/page/3/index.html"]),
        ("Fresh", &["tags/fresh/index.html"], &[]),
        ("", &[], &["tags/fresh/index.html", "tags/fresh/atom.xml"]),
    ];
    for (tags, new, gone) in steps {
        std::fs::write(&b1, briefing("B1", "2025-01-01", tags)).unwrap();
        let update = project.apply(std::slice::from_ref(&b1));
        assert!(update.errors.is_empty(), "[{tags}]: {:?}", update.errors);
        for path in new {
            assert!(
                update.changed.iter().any(|c| c == path),
                "[{tags}]: {path} not new"
            );
        }
        for path in gone {
            assert!(
                update.removed.iter().any(|r| r == path),
                "[{tags}]: {path} not gone"
            );
            assert!(
                project.file(path).is_none(),
                "[{tags}]: {path} still served"
            );
        }
        let differing = differing_from_a_fresh_start(&project, dir.path());
        assert!(differing.is_empty(), "[{tags}]: {differing:?} differ");
    }
}

#[test]
fn errors_keep_the_last_good_site_and_a_fix_recovers() {
    let (dir, mut project, _) = site(&[("content/a.md", &briefing("A", "2025-01-01", "x"))]);
    let good = project.file("2025/01/a/index.html").unwrap();
    std::fs::write(
        dir.path().join("content/a.md"),
        "---\ntitle: A\ndate: nope\n---\n",
    )
    .unwrap();
    let broken = project.apply(&[dir.path().join("content/a.md")]);
    assert_eq!(broken.errors.len(), 1);
    assert_eq!(project.file("2025/01/a/index.html").unwrap(), good);
    std::fs::write(
        dir.path().join("content/a.md"),
        briefing("A2", "2025-01-01", "x"),
    )
    .unwrap();
    let fixed = project.apply(&[dir.path().join("content/a.md")]);
    assert!(fixed.errors.is_empty() && fixed.recovered);
    assert!(String::from_utf8_lossy(&project.file("2025/01/a/index.html").unwrap()).contains("A2"));
}

#[test]
fn deleting_a_briefing_removes_it_everywhere() {
    let (dir, mut project, _) = site(&[
        ("content/a.md", &briefing("A", "2025-01-01", "x")),
        ("content/b.md", &briefing("B", "2025-02-01", "y")),
    ]);
    std::fs::remove_file(dir.path().join("content/b.md")).unwrap();
    let update = project.apply(&[dir.path().join("content/b.md")]);
    assert!(
        update.removed.contains(&"2025/02/b/index.html".to_string()),
        "{:?}",
        update.removed
    );
    assert!(update.removed.contains(&"tags/y/index.html".to_string()));
    assert!(project.file("tags/y/index.html").is_none());
    let home = String::from_utf8_lossy(&project.file("index.html").unwrap()).into_owned();
    assert!(!home.contains("/2025/02/b/"));
}

#[test]
fn adding_and_removing_custom_css_re_renders_every_page() {
    let (dir, mut project, _) = site(&[("content/a.md", &briefing("A", "2025-01-01", "x"))]);
    let links = |p: &Project, path: &str| {
        String::from_utf8_lossy(&p.file(path).unwrap()).contains("/custom.css\"")
    };
    assert!(!links(&project, "index.html"));
    std::fs::create_dir_all(dir.path().join("static")).unwrap();
    let css = dir.path().join("static/custom.css");
    std::fs::write(&css, "body { margin: 0 }\n").unwrap();
    let update = project.apply(std::slice::from_ref(&css));
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    for page in [
        "index.html",
        "2025/01/a/index.html",
        "tags/x/index.html",
        "404.html",
    ] {
        assert!(links(&project, page), "{page}");
    }
    // Editing it changes only the stylesheet: pages swap it without a reload.
    std::fs::write(&css, "body { margin: 1px }\n").unwrap();
    assert!(project.apply(std::slice::from_ref(&css)).css_only());
    std::fs::remove_file(&css).unwrap();
    project.apply(std::slice::from_ref(&css));
    assert!(!links(&project, "index.html"));
}

#[test]
fn an_update_moves_a_briefing_on_home_pages_ordered_by_update() {
    let (dir, mut project, _) = site(&[
        ("content/a.md", &briefing("A", "2025-01-01", "x")),
        ("content/b.md", &briefing("B", "2025-02-01", "x")),
        ("content/c.md", &briefing("C", "2025-03-01", "x")),
    ]);
    let config = dir.path().join("site.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}home_order: updated\n")).unwrap();
    project.apply(std::slice::from_ref(&config));
    let a = dir.path().join("content/a.md");
    std::fs::write(
        &a,
        briefing("A", "2025-01-01", "x").replace("date:", "updated: 2025-04-01\ndate:"),
    )
    .unwrap();
    let update = project.apply(std::slice::from_ref(&a));
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    let home = String::from_utf8_lossy(&project.file("index.html").unwrap()).into_owned();
    let (first, second) = (
        home.find("/2025/01/a/").unwrap(),
        home.find("/2025/03/c/").unwrap(),
    );
    assert!(first < second, "{home}");
    assert!(!home.contains("/2025/02/b/"), "B is on page 2 now: {home}");
}

/// A site of two briefings whose first one is then broken (`date: 2025-13-01`): the
/// preview keeps the last good site until `fix` restores it.
fn broken_pair() -> (tempfile::TempDir, Project, impl Fn(&mut Project) -> Update) {
    let (dir, mut project, first) = site(&[
        ("content/a.md", &briefing("A", "2025-01-01", "x")),
        ("content/b.md", &briefing("B", "2025-02-01", "y")),
    ]);
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    let a = dir.path().join("content/a.md");
    std::fs::write(&a, briefing("A", "2025-13-01", "x")).unwrap();
    assert!(!project.apply(std::slice::from_ref(&a)).errors.is_empty());
    let fix = move |project: &mut Project| {
        std::fs::write(&a, briefing("A", "2025-01-01", "x")).unwrap();
        let update = project.apply(std::slice::from_ref(&a));
        assert!(update.errors.is_empty() && update.recovered, "{update:?}");
        update
    };
    (dir, project, fix)
}

fn text(project: &Project, path: &str) -> String {
    String::from_utf8_lossy(&project.file(path).unwrap_or_else(|| panic!("no {path}"))).into_owned()
}

#[test]
fn a_site_yaml_edit_saved_while_the_site_has_errors_is_rendered_when_they_are_fixed() {
    let (dir, mut project, fix) = broken_pair();
    let config = dir.path().join("site.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{yaml}description: Saved while broken\n")).unwrap();
    assert!(
        !project
            .apply(std::slice::from_ref(&config))
            .errors
            .is_empty()
    );
    let update = fix(&mut project);
    for page in ["index.html", "2025/02/b/index.html", "tags/y/index.html"] {
        assert!(
            text(&project, page).contains("Saved while broken"),
            "{page} keeps the old description ({} pages re-rendered)",
            update.rendered
        );
    }
}

#[test]
fn a_template_edit_saved_while_the_site_has_errors_is_rendered_when_they_are_fixed() {
    let (dir, mut project, fix) = broken_pair();
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let template = std::fs::read_to_string(theme.join("briefing.html")).unwrap();
    let anchor = "<article class=\"wrap briefing\">";
    assert!(template.contains(anchor));
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    let own = dir.path().join("templates/briefing.html");
    std::fs::write(
        &own,
        template.replacen(anchor, &format!("{anchor}<!-- saved while broken -->"), 1),
    )
    .unwrap();
    assert!(!project.apply(std::slice::from_ref(&own)).errors.is_empty());
    // Another save while still broken must not forget it either.
    let b = dir.path().join("content/b.md");
    std::fs::write(
        &b,
        briefing("B", "2025-02-01", "y").replace("Body", "New body"),
    )
    .unwrap();
    assert!(!project.apply(std::slice::from_ref(&b)).errors.is_empty());
    fix(&mut project);
    for page in ["2025/01/a/index.html", "2025/02/b/index.html"] {
        assert!(
            text(&project, page).contains("<!-- saved while broken -->"),
            "{page} keeps the old template"
        );
    }
    assert!(text(&project, "2025/02/b/index.html").contains("New body"));
}

#[test]
fn static_files_saved_while_the_site_has_errors_are_served_when_they_are_fixed() {
    let (dir, mut project, fix) = broken_pair();
    let statics = dir.path().join("static");
    std::fs::create_dir_all(&statics).unwrap();
    // A new stylesheet of the site's own (every page links it) and a new file.
    let css = statics.join("custom.css");
    std::fs::write(&css, "body { margin: 0 }\n").unwrap();
    let logo = statics.join("logo.txt");
    std::fs::write(&logo, "logo\n").unwrap();
    assert!(
        !project
            .apply(&[css.clone(), logo.clone()])
            .errors
            .is_empty()
    );
    assert!(project.file("custom.css").is_none() && project.file("logo.txt").is_none());
    fix(&mut project);
    assert_eq!(&*project.file("logo.txt").unwrap(), b"logo\n");
    assert_eq!(
        &*project.file("custom.css").unwrap(),
        b"body { margin: 0 }\n"
    );
    for page in ["index.html", "2025/02/b/index.html", "404.html"] {
        assert!(
            text(&project, page).contains("/custom.css\""),
            "{page} does not link the stylesheet"
        );
    }
    // Edited and removed while broken.
    let a = dir.path().join("content/a.md");
    std::fs::write(&a, briefing("A", "2025-13-01", "x")).unwrap();
    assert!(!project.apply(std::slice::from_ref(&a)).errors.is_empty());
    std::fs::write(&css, "body { margin: 1px }\n").unwrap();
    std::fs::remove_file(&logo).unwrap();
    assert!(!project.apply(&[css.clone(), logo]).errors.is_empty());
    fix(&mut project);
    assert_eq!(
        &*project.file("custom.css").unwrap(),
        b"body { margin: 1px }\n"
    );
    assert!(project.file("logo.txt").is_none());
    std::fs::write(&a, briefing("A", "2025-13-01", "x")).unwrap();
    assert!(!project.apply(std::slice::from_ref(&a)).errors.is_empty());
    std::fs::remove_file(&css).unwrap();
    assert!(!project.apply(std::slice::from_ref(&css)).errors.is_empty());
    fix(&mut project);
    assert!(project.file("custom.css").is_none());
    assert!(!text(&project, "index.html").contains("/custom.css\""));
}

#[test]
fn briefings_added_and_removed_while_the_site_has_errors_are_there_when_they_are_fixed() {
    let (dir, mut project, fix) = broken_pair();
    let (b, c) = (
        dir.path().join("content/b.md"),
        dir.path().join("content/c.md"),
    );
    std::fs::remove_file(&b).unwrap();
    std::fs::write(&c, briefing("C", "2025-03-01", "z")).unwrap();
    assert!(!project.apply(&[b, c]).errors.is_empty());
    // A folder of briefings too.
    std::fs::create_dir_all(dir.path().join("content/more")).unwrap();
    std::fs::write(
        dir.path().join("content/more/d.md"),
        briefing("D", "2025-04-01", "x"),
    )
    .unwrap();
    assert!(
        !project
            .apply(&[dir.path().join("content/more")])
            .errors
            .is_empty()
    );
    fix(&mut project);
    assert!(project.file("2025/02/b/index.html").is_none());
    assert!(project.file("tags/y/index.html").is_none());
    assert!(project.file("2025/03/c/index.html").is_some());
    assert!(project.file("2025/04/d/index.html").is_some());
    let home = text(&project, "index.html");
    assert!(
        home.contains("/2025/03/c/") && home.contains("/2025/04/d/"),
        "{home}"
    );
    assert!(!home.contains("/2025/02/b/"), "{home}");
}

#[test]
fn editing_a_correction_re_renders_the_corrections_log_and_its_feed() {
    let corrected = |text: &str, date: &str| {
        briefing("A", "2025-01-01", "x").replace(
            "tags:",
            &format!("corrections:\n  - date: 2025-01-05\n    text: First fix.\n  - date: {date}\n    text: {text}\ntags:"),
        )
    };
    let files: Vec<(String, String)> = (1..=5)
        .map(|i| {
            (
                format!("content/b{i}.md"),
                briefing(&format!("B{i}"), &format!("2025-0{i}-02"), "y"),
            )
        })
        .collect();
    let mut refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let first_text = corrected("Second fix.", "2025-01-06");
    refs.push(("content/a.md", &first_text));
    let (dir, mut project, first) = site(&refs);
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    let log =
        |p: &Project, path: &str| String::from_utf8_lossy(&p.file(path).unwrap()).into_owned();
    assert!(log(&project, "corrections/index.html").contains("Second fix."));

    // A new text: the briefing, the log and its feed, in place (no page of the site moves).
    let a = dir.path().join("content/a.md");
    std::fs::write(&a, corrected("Better fix.", "2025-01-06")).unwrap();
    let update = project.apply(std::slice::from_ref(&a));
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    for path in [
        "2025/01/a/index.html",
        "corrections/index.html",
        "corrections/atom.xml",
    ] {
        assert!(
            update.changed.contains(&path.to_string()),
            "{path}: {:?}",
            update.changed
        );
    }
    assert!(log(&project, "corrections/atom.xml").contains("Better fix."));
    assert!(
        update.rendered < first.rendered / 2,
        "{} of {}",
        update.rendered,
        first.rendered
    );

    // A new date moves it in the log: now the older of the two, on page 1 after the other.
    std::fs::write(&a, corrected("Better fix.", "2025-01-04")).unwrap();
    let update = project.apply(std::slice::from_ref(&a));
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    let page = log(&project, "corrections/index.html");
    assert!(
        page.find("First fix.").unwrap() < page.find("Better fix.").unwrap(),
        "{page}"
    );
    // A third correction adds a page to the log (two per page).
    std::fs::write(
        &a,
        corrected("Better fix.", "2025-01-04")
            .replace("tags:", "  - date: 2025-01-07\n    text: Third fix.\ntags:"),
    )
    .unwrap();
    let update = project.apply(std::slice::from_ref(&a));
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    assert!(log(&project, "corrections/page/2/index.html").contains("Better fix."));
}

#[test]
fn the_preview_shows_unfinished_work_and_house_style_as_you_type() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("site.yaml"),
        "title: T\nbase_url: https://e.org/\nstyle:\n  prefer:\n    Kiev: Kyiv\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    let draft = "---\ntitle: Draft\ndate: 2025-01-01\ndraft: true\n---\nIn Kiev.\n\n## Outlook\n";
    std::fs::write(root.join("content/a.md"), draft).unwrap();
    let (mut project, first) = Project::open(ProjectOptions {
        root: root.to_path_buf(),
        base_url: None,
        drafts: true,
    });
    let found = |update: &Update| -> Vec<(bool, usize, String)> {
        update
            .findings
            .iter()
            .map(|d| (d.is_error(), d.line, d.message.clone()))
            .collect()
    };
    // A draft: warnings, and the draft is shown.
    assert_eq!(
        found(&first),
        [
            (
                false,
                6,
                "house style: write `Kyiv`, not `Kiev`".to_string()
            ),
            (
                false,
                8,
                "the heading `Outlook` has nothing under it".to_string()
            ),
        ]
    );
    assert!(project.file("2025/01/a/index.html").is_some());
    // Published: the same heading is an error `build` would refuse, and the page still
    // follows the text.
    let a = root.join("content/a.md");
    std::fs::write(
        &a,
        draft
            .replace("draft: true\n", "")
            .replace("In Kiev", "In Lviv"),
    )
    .unwrap();
    let update = project.apply(std::slice::from_ref(&a));
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    assert_eq!(
        found(&update),
        [(
            true,
            7,
            "the heading `Outlook` has nothing under it".to_string()
        )]
    );
    let page = String::from_utf8_lossy(&project.file("2025/01/a/index.html").unwrap()).into_owned();
    assert!(page.contains("In Lviv."), "{page}");
}

#[test]
fn a_correction_moved_in_the_log_moves_its_date_in_the_sitemap() {
    let a = |day: &str| {
        format!(
            "---\ntitle: A\ndate: 2025-01-01\nupdated: 2025-03-01\ncorrections:\n  - date: 2025-02-{day}\n    text: Fixed.\n---\nA.\n"
        )
    };
    let b = "---\ntitle: B\ndate: 2025-01-01\ncorrections:\n  - date: 2025-01-10\n    text: Fixed.\n---\nB.\n";
    let (dir, mut project, _) = site(&[("content/a.md", &a("01")), ("content/b.md", b)]);
    let sitemap =
        |p: &Project| String::from_utf8_lossy(&p.file("sitemap.xml").unwrap()).into_owned();
    assert!(sitemap(&project).contains("/corrections/</loc><lastmod>2025-02-01"));
    // A's `updated` stays the later date: only the log's newest correction moves.
    std::fs::write(dir.path().join("content/a.md"), a("15")).unwrap();
    let update = project.apply(&[dir.path().join("content/a.md")]);
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    assert!(
        sitemap(&project).contains("/corrections/</loc><lastmod>2025-02-15"),
        "{}",
        sitemap(&project)
    );
}

/// A patched model kept the clock of the last full build: once a briefing's `publish_at:`
/// had come, edits made in place went on holding it back.
#[test]
fn a_briefing_whose_publish_at_comes_while_previewing_is_published_by_the_next_save() {
    let due = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(3);
    let later = format!(
        "---\ntitle: Later\ndate: 2025-02-01\npublish_at: {}\n---\nBody of Later.\n",
        due.strftime("%Y-%m-%dT%H:%M:%SZ")
    );
    let (dir, mut project, first) = site(&[
        ("content/now.md", &briefing("Now", "2025-01-01", "x")),
        ("content/later.md", &later),
    ]);
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    assert!(project.file("2025/02/later/index.html").is_none());
    while jiff::Timestamp::now() <= due {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // An edit the model could take in place, of another briefing.
    let now_md = dir.path().join("content/now.md");
    std::fs::write(
        &now_md,
        briefing("Now", "2025-01-01", "x").replace("Body", "New body"),
    )
    .unwrap();
    let update = project.apply(&[now_md]);
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    assert!(
        project.file("2025/02/later/index.html").is_some(),
        "{:?}",
        update.changed
    );
    assert_eq!(
        differing_from_a_fresh_start(&project, dir.path()),
        Vec::<String>::new()
    );
}

#[test]
fn a_link_to_a_scheduled_briefing_follows_its_future_url_while_previewing() {
    let later = |slug: &str| {
        format!(
            "---\ntitle: Later\ndate: 2025-02-01\nslug: {slug}\npublish_at: 2999-01-01T08:00:00Z\n---\nText.\n"
        )
    };
    let (dir, mut project, first) = site(&[
        (
            "content/now.md",
            "---\ntitle: Now\ndate: 2025-01-01\n---\nSee [later](later.md).\n",
        ),
        ("content/later.md", &later("first")),
    ]);
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    assert!(text(&project, "2025/01/now/index.html").contains(r#"href="/2025/02/first/""#));
    let later_md = dir.path().join("content/later.md");
    std::fs::write(&later_md, later("second")).unwrap();
    let update = project.apply(std::slice::from_ref(&later_md));
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    assert!(text(&project, "2025/01/now/index.html").contains(r#"href="/2025/02/second/""#));
    assert_eq!(
        differing_from_a_fresh_start(&project, dir.path()),
        Vec::<String>::new()
    );
}
