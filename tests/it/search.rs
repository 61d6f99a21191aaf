//! Full-text search as a reader and a site maintainer meet it: `sitrep build` writes a
//! Pagefind index (`pagefind/`) and a `/search/` page under the base path, with a search box
//! in every page's header; `search: false` writes neither; the files are the same bytes
//! whatever the thread count; the preview serves the index and follows edits. (What a reader
//! sees in a browser is in `browser.rs`.)

use std::io::Read;
use std::path::Path;

use crate::harness::{TestSite, list_files};

const CONFIG: &str = "title: Desk\nbase_url: https://example.org/briefings/\n\
taxonomies: [tags, regions]\n";

fn site(config: &str) -> TestSite {
    let site = TestSite::with_config(config);
    site.briefing(
        "offer.md",
        "title: Conditional peace offer\ndate: 2025-07-21\ntags: [peace-talks]\nregions: [Kherson]",
        "The Kremlin tied talks to four regions.\n\n## Outlook\n\nNegotiators meet in Istanbul.",
    );
    site.briefing(
        "plant.md",
        "title: Drone strikes near the plant\ndate: 2024-04-08\nkind: analysis\nregions: [Zaporizhzhia]",
        "Drones hit the Zaporizhzhia plant's training centre.",
    );
    site.write(
        "pages/about.md",
        "---\ntitle: About the desk\n---\nWe curate sourced briefings.\n",
    );
    site
}

/// The unzipped text of an index file, without Pagefind's `pagefind_dcd` signature.
fn unzip(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut text = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{} is not gzipped text: {e}", path.display()));
    text.strip_prefix("pagefind_dcd")
        .unwrap_or_else(|| panic!("{} lacks Pagefind's signature", path.display()))
        .to_string()
}

/// Every fragment (one per searchable page) as JSON.
fn fragments(public: &Path) -> Vec<serde_json::Value> {
    let dir = public.join("pagefind/fragment");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| serde_json::from_str(&unzip(p)).unwrap())
        .collect()
}

#[test]
fn the_build_writes_an_index_of_every_briefing_and_page_and_a_search_page() {
    let site = site(CONFIG);
    site.build().assert_ok();
    for file in [
        "pagefind.js",
        "pagefind-worker.js",
        "pagefind-ui.js",
        "wasm.en.pagefind",
    ] {
        assert!(site.exists(&format!("pagefind/{file}")), "pagefind/{file}");
    }
    let entry: serde_json::Value =
        serde_json::from_str(&site.read("pagefind/pagefind-entry.json")).unwrap();
    assert_eq!(entry["version"], "1.6.0");
    assert_eq!(entry["languages"]["en"]["page_count"], 3);
    let meta = entry["languages"]["en"]["hash"].as_str().unwrap();
    assert!(site.exists(&format!("pagefind/pagefind.{meta}.pf_meta")));

    let fragments = fragments(&site.public());
    let mut urls: Vec<&str> = fragments
        .iter()
        .map(|f| f["url"].as_str().unwrap())
        .collect();
    urls.sort();
    // Site paths: Pagefind's script adds the base path it is served under.
    assert_eq!(urls, ["/2024/04/plant/", "/2025/07/offer/", "/about/"]);
    let offer = fragments
        .iter()
        .find(|f| f["url"] == "/2025/07/offer/")
        .unwrap();
    assert_eq!(offer["meta"]["title"], "Conditional peace offer");
    assert_eq!(offer["meta"]["date"], "2025-07-21");
    assert_eq!(offer["filters"]["Regions"], serde_json::json!(["Kherson"]));
    assert_eq!(offer["filters"]["Tags"], serde_json::json!(["peace-talks"]));
    assert_eq!(offer["filters"]["Kind"], serde_json::json!(["report"]));
    assert_eq!(offer["filters"]["Year"], serde_json::json!(["2025"]));
    let content = offer["content"].as_str().unwrap();
    assert!(
        content.starts_with("Conditional peace offer. The Kremlin tied talks"),
        "{content}"
    );
    assert_eq!(offer["anchors"][0]["id"], "outlook");
    let about = fragments.iter().find(|f| f["url"] == "/about/").unwrap();
    assert_eq!(about["filters"]["Kind"], serde_json::json!(["page"]));

    // Filters: one file per filter, named in the meta index.
    let filters = list_files(&site.public().join("pagefind/filter"));
    assert_eq!(filters.len(), 4, "{filters:?}");

    let search = site.read("search/index.html");
    assert!(search.contains("data-pagefind=\"/briefings/pagefind/pagefind.js\""));
    assert!(search.contains("<noscript>"));
    assert!(search.contains("href=\"/briefings/archive/\""));
    let home = site.read("index.html");
    assert!(
        home.contains("<form class=\"site-search\" role=\"search\" action=\"/briefings/search/\" method=\"get\">"),
        "the header has a search box"
    );
    assert!(home.contains("name=\"q\""));
}

/// Pagefind links a sub-result to the heading at an anchor's `location`, a position among
/// the fragment's words: it must be where the heading's text starts, whether the summary
/// opens the body (`offer`: no `summary:`, its first paragraph is the summary) or is added
/// before it (`written`: a `summary:` the body does not repeat).
#[test]
fn anchors_point_at_their_heading_among_the_words() {
    let site = site(CONFIG);
    site.briefing(
        "written.md",
        "title: Talks resume\ndate: 2025-07-22\nsummary: Delegations return to Istanbul.",
        "Talks restarted on Monday.\n\n## Who attends\n\nBoth foreign ministers.\n\n### Agenda\n\nPrisoners first.",
    );
    site.build().assert_ok();
    let mut checked = 0;
    for fragment in fragments(&site.public()) {
        let words: Vec<&str> = fragment["content"].as_str().unwrap().split(' ').collect();
        for anchor in fragment["anchors"].as_array().unwrap() {
            let at = anchor["location"].as_u64().unwrap() as usize;
            let heading: Vec<&str> = anchor["text"].as_str().unwrap().split(' ').collect();
            assert_eq!(
                words[at..at + heading.len()]
                    .join(" ")
                    .trim_end_matches('.'),
                heading.join(" "),
                "{}: anchor {}",
                fragment["url"],
                anchor["id"]
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 3, "Outlook, Who attends, Agenda");
}

#[test]
fn search_false_writes_no_index_no_page_and_no_box() {
    let site = site(&format!("{CONFIG}search: false\n"));
    site.build().assert_ok();
    assert!(!site.exists("pagefind"));
    assert!(!site.exists("search"));
    assert!(!site.read("index.html").contains("site-search"));
    assert!(!site.read("sitemap.xml").contains("/search/"));
}

#[test]
fn a_bad_search_setting_is_an_error_at_its_line() {
    let site = site(&format!("{CONFIG}search: sometimes\n"));
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains("site.yaml:4")
            && run.stderr.contains("`true` (the default) or `false`"),
        "{}",
        run.stderr
    );
    let site = self::site(&format!("{CONFIG}serch: false\n"));
    let run = site.build();
    assert!(
        run.stderr.contains("did you mean `search`"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_index_is_the_same_bytes_whatever_the_thread_count() {
    let site = TestSite::shipped();
    let mut builds = Vec::new();
    for threads in ["1", "2", "1"] {
        let out = site.root.join(format!("out-{}", builds.len()));
        site.run_with_env(
            &["build", "--output", out.to_str().unwrap()],
            &[("RAYON_NUM_THREADS", threads)],
        )
        .assert_ok();
        let dir = out.join("pagefind");
        let files: Vec<(String, Vec<u8>)> = list_files(&dir)
            .into_iter()
            .map(|f| {
                let bytes = std::fs::read(dir.join(&f)).unwrap();
                (f, bytes)
            })
            .collect();
        assert!(files.len() > 20, "{} files", files.len());
        builds.push(files);
    }
    assert!(builds[0] == builds[1], "1 thread and 2 threads differ");
    assert!(builds[0] == builds[2], "two runs differ");
}

#[test]
fn the_preview_serves_the_index_and_follows_an_edit() {
    let site = site(CONFIG);
    let mut project = site.open_project();
    project.wait_for_search();
    let entry = |project: &sitrep::project::Project| {
        let bytes = project
            .file("pagefind/pagefind-entry.json")
            .expect("the preview serves the index");
        String::from_utf8(bytes.to_vec()).unwrap()
    };
    let before = entry(&project);
    assert!(project.file("pagefind/pagefind.js").is_some());
    site.briefing(
        "plant.md",
        "title: Drone strikes near the plant\ndate: 2024-04-08\nkind: analysis\nregions: [Zaporizhzhia]",
        "Drones hit the Zaporizhzhia plant's training centre. Inspectors from the IAEA visited.",
    );
    let update = project.apply(&[site.root.join("content/plant.md")]);
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    project.wait_for_search();
    let after = entry(&project);
    assert_ne!(before, after, "the meta index is a new file after the edit");
    // The new word is in the edited briefing's fragment.
    let meta: serde_json::Value = serde_json::from_str(&after).unwrap();
    let hash = meta["languages"]["en"]["hash"].as_str().unwrap();
    assert!(
        project
            .file(&format!("pagefind/pagefind.{hash}.pf_meta"))
            .is_some()
    );
    let texts = fragment_texts(&project, &site);
    assert!(
        texts.iter().any(|t| t.contains("Inspectors from the IAEA")),
        "the edited text is searchable: {texts:?}"
    );
}

/// The preview's fragments, found through a fresh build's file names (same model, same
/// names) and read from the preview.
fn fragment_texts(project: &sitrep::project::Project, site: &TestSite) -> Vec<String> {
    site.build().assert_ok();
    list_files(&site.public().join("pagefind/fragment"))
        .iter()
        .map(|name| {
            let bytes = project
                .file(&format!("pagefind/fragment/{name}"))
                .unwrap_or_else(|| panic!("the preview lacks fragment {name}"));
            let mut text = String::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut text)
                .unwrap();
            text
        })
        .collect()
}
