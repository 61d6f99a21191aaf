//! Link integrity: build the shipped site (at a root URL and under a project path, as GitHub
//! Pages serves it) and check that every internal link, asset and fragment in every page
//! points at a file the build wrote.

use std::collections::BTreeSet;
use std::path::Path;

use crate::harness::{TestSite, links, list_files};

fn ids(html: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut rest = html;
    while let Some(start) = rest.find(" id=\"") {
        let after = &rest[start + 5..];
        let end = after.find('"').unwrap_or(after.len());
        ids.insert(after[..end].to_string());
        rest = &after[end..];
    }
    ids
}

/// The output file a site-absolute path (already stripped of the base path) refers to.
fn file_for(public: &Path, path: &str) -> std::path::PathBuf {
    let relative = path.trim_start_matches('/');
    if relative.is_empty() || relative.ends_with('/') {
        public.join(relative).join("index.html")
    } else {
        public.join(relative)
    }
}

/// Checks every link of every page; returns the broken ones as `page: target (why)`.
fn broken_links(public: &Path, base_path: &str, origin_and_path: &str) -> (usize, Vec<String>) {
    let mut broken = Vec::new();
    let mut checked = 0;
    for page in list_files(public)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
    {
        let html = std::fs::read_to_string(public.join(&page)).unwrap();
        let page_dir = Path::new(&page)
            .parent()
            .unwrap_or(Path::new(""))
            .to_path_buf();
        for target in links(&html) {
            let target = target
                .strip_prefix(origin_and_path.trim_end_matches('/'))
                .map_or(target.clone(), |rest| {
                    format!("{}{}", base_path.trim_end_matches('/'), rest)
                });
            if target.contains("://") || target.starts_with("mailto:") || target.starts_with("//") {
                continue;
            }
            checked += 1;
            let (path, fragment) = match target.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (target.clone(), None),
            };
            let file = if path.is_empty() {
                public.join(&page)
            } else if let Some(absolute) = path.strip_prefix('/') {
                match format!("/{absolute}").strip_prefix(base_path) {
                    Some(inside) => file_for(public, inside),
                    None => {
                        broken.push(format!(
                            "{page}: {target} (outside the base path {base_path})"
                        ));
                        continue;
                    }
                }
            } else {
                file_for(public, &page_dir.join(&path).to_string_lossy())
            };
            if !file.is_file() {
                broken.push(format!("{page}: {target} (no file {})", file.display()));
                continue;
            }
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let target_html = std::fs::read_to_string(&file).unwrap_or_default();
                if !ids(&target_html).contains(&fragment) {
                    broken.push(format!("{page}: {target} (no id `{fragment}` there)"));
                }
            }
        }
    }
    (checked, broken)
}

#[test]
fn every_internal_link_resolves_on_a_root_site() {
    let site = TestSite::shipped();
    site.run(&["build", "--base-url", "https://desk.example.org/"])
        .assert_ok();
    let (checked, broken) = broken_links(&site.public(), "/", "https://desk.example.org/");
    assert!(checked > 500, "only {checked} links checked");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_internal_link_resolves_under_a_project_path() {
    let site = TestSite::shipped_built("https://example.github.io/briefings/");
    let (checked, broken) = broken_links(
        &site.public(),
        "/briefings/",
        "https://example.github.io/briefings/",
    );
    assert!(checked > 500, "only {checked} links checked");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    // Nothing may point at the root of the host, which on GitHub Pages is someone else's site.
    for page in list_files(&site.public())
        .into_iter()
        .filter(|f| f.ends_with(".html"))
    {
        let html = std::fs::read_to_string(site.public().join(&page)).unwrap();
        for target in links(&html) {
            assert!(
                !target.starts_with('/')
                    || target.starts_with("/briefings/")
                    || target.starts_with("//"),
                "{page} links to {target}, outside /briefings/"
            );
        }
    }
}

#[test]
fn link_checker_catches_broken_links() {
    // The checker itself must be able to fail.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        r##"<a href="/missing/">x</a><a href="#nope">y</a><p id="here"></p><a href="#here">z</a>"##,
    )
    .unwrap();
    let (checked, broken) = broken_links(dir.path(), "/", "https://e.org/");
    assert_eq!(checked, 3);
    assert_eq!(broken.len(), 2, "{broken:?}");
}

/// The crawl above covers every page of the build: the shipped site's pages and term
/// profiles are among them, each linked from the site (the menu, bylines, term lists).
#[test]
fn the_crawl_covers_the_pages_and_profiles() {
    let site = TestSite::shipped_built("https://example.github.io/briefings/");
    let files = list_files(&site.public());
    let home = std::fs::read_to_string(site.public().join("index.html")).unwrap();
    for (file, linked_from) in [
        ("about/index.html", "index.html"),
        ("standards/index.html", "index.html"),
        ("corrections-policy/index.html", "index.html"),
        ("authors/index.html", "index.html"),
        ("regions/donetsk/index.html", "regions/index.html"),
        ("actors/vladimir-putin/index.html", "actors/index.html"),
    ] {
        assert!(files.iter().any(|f| f == file), "{file} was not built");
        let from = std::fs::read_to_string(site.public().join(linked_from)).unwrap();
        let url = format!("/briefings/{}", file.trim_end_matches("index.html"));
        assert!(
            links(&from).contains(&url),
            "{linked_from} does not link {url}"
        );
    }
    // Every briefing has a byline linking its author's page, which shows the profile.
    let briefings: Vec<&String> = files
        .iter()
        .filter(|f| f.starts_with("20") && f.matches('/').count() == 3)
        .collect();
    assert!(briefings.len() >= 10, "{briefings:?}");
    for file in briefings {
        let html = std::fs::read_to_string(site.public().join(file)).unwrap();
        let byline = html
            .find("class=\"byline\"")
            .unwrap_or_else(|| panic!("{file}: no byline"));
        assert!(html[byline..].contains("/briefings/authors/"), "{file}");
    }
    assert!(home.contains("class=\"site-nav\""));
    let author = list_files(&site.public().join("authors"))
        .into_iter()
        .find(|f| f.ends_with("/index.html") && f.matches('/').count() == 1)
        .expect("an author page");
    let author = std::fs::read_to_string(site.public().join("authors").join(author)).unwrap();
    assert!(author.contains("class=\"profile"), "{author}");
}
