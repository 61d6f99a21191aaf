//! Publishing: the built site served as GitHub Pages serves a project site (under
//! `/briefings/`, from a plain static server on 127.0.0.1) and crawled over HTTP; feeds and
//! the sitemap read by independent parsers; redirects, scheduling, CNAME and friends.

use std::collections::{BTreeSet, VecDeque};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use crate::harness::{MINIMAL_CONFIG, TestSite, links, list_files};

/// A static file server that behaves like GitHub Pages for a project site: files of `public`
/// under `/briefings/`, `index.html` for folders, a redirect for folders without a slash,
/// and `404.html` with status 404 for anything else.
pub(crate) struct PagesServer {
    pub(crate) port: u16,
}

impl PagesServer {
    pub(crate) fn start(public: PathBuf, prefix: &'static str) -> PagesServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let public = public.clone();
                thread::spawn(move || serve_one(stream, &public, prefix));
            }
        });
        PagesServer { port }
    }

    fn get(&self, path: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
        http_get(self.port, path)
    }
}

fn serve_one(mut stream: TcpStream, public: &Path, prefix: &str) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&request);
    let path = text
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    let respond = |stream: &mut TcpStream, status: &str, headers: &str, body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
    };
    let not_found = std::fs::read(public.join("404.html")).unwrap_or_default();
    let Some(inside) = path.strip_prefix(prefix) else {
        return respond(&mut stream, "404 Not Found", HTML, &not_found);
    };
    if inside.split('/').any(|s| s == "..") {
        return respond(&mut stream, "404 Not Found", HTML, &not_found);
    }
    let file = public.join(inside);
    if file.is_dir() {
        if !path.ends_with('/') {
            return respond(
                &mut stream,
                "301 Moved Permanently",
                &format!("Location: {path}/\r\n"),
                b"",
            );
        }
        match std::fs::read(file.join("index.html")) {
            Ok(body) => respond(&mut stream, "200 OK", HTML, &body),
            Err(_) => respond(&mut stream, "404 Not Found", HTML, &not_found),
        }
    } else {
        match std::fs::read(&file) {
            Ok(body) => respond(&mut stream, "200 OK", &content_type(&file), &body),
            Err(_) => respond(&mut stream, "404 Not Found", HTML, &not_found),
        }
    }
}

const HTML: &str = "Content-Type: text/html; charset=utf-8\r\n";

/// The `Content-Type` header GitHub Pages sends for a file, by its extension (browsers apply a
/// stylesheet only when it is served as CSS).
fn content_type(file: &Path) -> String {
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        Some("json") => "application/json",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
    format!("Content-Type: {kind}\r\n")
}

/// A minimal HTTP/1.1 GET on 127.0.0.1: status, headers, body.
fn http_get(port: u16, path: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("HTTP head");
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers, response[split + 4..].to_vec())
}

/// Resolves a link found on `page` (a path like `/briefings/2025/`) to a path on the server.
fn resolve(page: &str, link: &str, origin: &str) -> Option<String> {
    let link = link.split('#').next().unwrap_or("");
    if link.is_empty() {
        return None;
    }
    if let Some(rest) = link.strip_prefix(origin) {
        return Some(rest.to_string());
    }
    if link.contains("://") || link.starts_with("mailto:") || link.starts_with("//") {
        return None;
    }
    if link.starts_with('/') {
        return Some(link.to_string());
    }
    let base = &page[..page.rfind('/').map_or(0, |i| i + 1)];
    let mut parts: Vec<&str> = base.trim_end_matches('/').split('/').collect();
    for segment in link.split('/') {
        match segment {
            ".." => {
                parts.pop();
            }
            "." => {}
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[test]
fn project_site_crawled_over_http_has_no_broken_links() {
    let site = TestSite::shipped_built("https://example.github.io/briefings/");
    let server = PagesServer::start(site.public(), "/briefings/");
    let origin = "https://example.github.io";

    let mut queue = VecDeque::from(["/briefings/".to_string()]);
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut broken = Vec::new();
    while let Some(path) = queue.pop_front() {
        let (status, _, body) = server.get(&path);
        if status != 200 {
            broken.push(format!("{path}: {status}"));
            continue;
        }
        let is_html = path.ends_with('/') || path.ends_with(".html");
        if !is_html {
            continue;
        }
        for link in links(&String::from_utf8_lossy(&body)) {
            if let Some(target) = resolve(&path, &link, origin)
                && seen.insert(target.clone())
            {
                assert!(
                    target.starts_with("/briefings/"),
                    "{path} links outside the project: {link}"
                );
                queue.push_back(target);
            }
        }
    }
    assert!(broken.is_empty(), "broken:\n{}", broken.join("\n"));
    // Everything a reader can reach, including feeds and assets, was fetched.
    for needle in [
        "/briefings/atom.xml",
        "/briefings/feed.json",
        "/briefings/style.css",
        "/briefings/archive/",
    ] {
        assert!(
            seen.contains(needle),
            "{needle} is not linked from any page"
        );
    }
    assert!(
        seen.iter()
            .any(|p| p.starts_with("/briefings/regions/") && p.ends_with("atom.xml"))
    );
    assert!(seen.len() > 100, "only {} URLs crawled", seen.len());
}

#[test]
fn not_found_page_works_at_any_depth() {
    let site = TestSite::shipped_built("https://example.github.io/briefings/");
    let server = PagesServer::start(site.public(), "/briefings/");
    let (status, _, body) = server.get("/briefings/no/such/page/");
    assert_eq!(status, 404);
    let html = String::from_utf8_lossy(&body).into_owned();
    let assets: Vec<String> = links(&html)
        .into_iter()
        .filter(|l| l.ends_with(".css") || l.ends_with(".svg"))
        .collect();
    assert!(!assets.is_empty());
    for asset in assets {
        assert!(
            asset.starts_with("/briefings/"),
            "404 page asset {asset} is not absolute from base_url"
        );
        assert_eq!(server.get(&asset).0, 200, "{asset}");
    }
    for link in links(&html).into_iter().filter(|l| l.starts_with('/')) {
        assert_eq!(server.get(&link).0, 200, "404 page link {link}");
    }
    // A folder without its slash redirects, as on GitHub Pages.
    let (status, headers, _) = server.get("/briefings/archive");
    assert_eq!(status, 301);
    assert!(
        headers
            .iter()
            .any(|(k, v)| k == "location" && v == "/briefings/archive/")
    );
}

#[test]
fn atom_feeds_parse_with_full_content_and_absolute_links() {
    let site = TestSite::shipped_built("https://example.github.io/briefings/");
    let feed = feed_rs::parser::parse(site.read("atom.xml").as_bytes()).expect("site feed parses");
    assert_eq!(
        feed.entries.len(),
        13,
        "every published briefing (fewer than feed_limit)"
    );
    for entry in &feed.entries {
        assert!(
            entry.id.starts_with("tag:example.github.io,"),
            "{}",
            entry.id
        );
        assert!(entry.published.is_some() && entry.updated.is_some());
        let link = &entry.links[0].href;
        assert!(
            link.starts_with("https://example.github.io/briefings/"),
            "{link}"
        );
        let content = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .expect("full content");
        assert!(content.contains("<p>"));
        for target in links(&content) {
            assert!(
                target.contains("://") || target.starts_with("mailto:"),
                "relative link {target} in feed content"
            );
        }
        assert!(!entry.categories.is_empty());
    }
    // Newest first, with the July 2025 peace offer at the top and its update date.
    let first = &feed.entries[0];
    assert_eq!(
        first.updated.unwrap().to_rfc3339(),
        "2026-11-30T00:00:00+00:00"
    );
    // One feed per term of every taxonomy.
    let region =
        feed_rs::parser::parse(site.read("regions/zaporizhzhia/atom.xml").as_bytes()).unwrap();
    assert!(
        region
            .entries
            .iter()
            .all(|e| e.categories.iter().any(|c| c.term == "zaporizhzhia"))
    );
    assert!(site.exists("tags/nato/atom.xml") && site.exists("actors/vladimir-putin/atom.xml"));
}

#[test]
fn feed_ids_survive_a_change_of_base_path() {
    let site = TestSite::shipped_built("https://example.github.io/briefings/");
    let before: Vec<String> = feed_rs::parser::parse(site.read("atom.xml").as_bytes())
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.id)
        .collect();
    site.run(&["build", "--base-url", "https://example.github.io/desk/"])
        .assert_ok();
    let after: Vec<String> = feed_rs::parser::parse(site.read("atom.xml").as_bytes())
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(before, after);
}

#[test]
fn json_feed_has_the_required_fields() {
    let site = TestSite::shipped_built("https://example.github.io/briefings/");
    let feed: serde_json::Value =
        serde_json::from_str(&site.read("feed.json")).expect("valid JSON");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["title"], "Frontline Desk");
    assert_eq!(
        feed["feed_url"],
        "https://example.github.io/briefings/feed.json"
    );
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 13);
    for item in items {
        assert!(item["id"].as_str().is_some_and(|id| !id.is_empty()));
        assert!(
            item["url"]
                .as_str()
                .unwrap()
                .starts_with("https://example.github.io/briefings/")
        );
        assert!(
            item["content_html"]
                .as_str()
                .is_some_and(|c| c.contains("<p>"))
        );
        assert!(item["date_published"].as_str().is_some());
    }
    // feed-rs reads JSON Feed too.
    assert_eq!(
        feed_rs::parser::parse(site.read("feed.json").as_bytes())
            .unwrap()
            .entries
            .len(),
        13
    );
}

#[test]
fn sitemap_lists_every_page_with_lastmod() {
    let site = TestSite::shipped_built("https://example.github.io/briefings/");
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let locs: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().to_string())
        .collect();
    let html_pages: Vec<String> = list_files(&site.public())
        .into_iter()
        .filter(|f| f.ends_with("index.html") && f != "search/index.html")
        .collect();
    assert_eq!(
        locs.len(),
        html_pages.len(),
        "one <url> per page (404, redirects and the search page excluded)"
    );
    for loc in &locs {
        let path = loc
            .strip_prefix("https://example.github.io/briefings/")
            .expect("absolute URL");
        assert!(site.exists(&format!("{path}index.html")), "{loc}");
    }
    // Every briefing and list has its last change; standalone pages (pages/) have no date.
    let pages = ["about/", "standards/", "corrections-policy/"];
    for url in doc.descendants().filter(|n| n.has_tag_name("url")) {
        let loc = url.children().find(|n| n.has_tag_name("loc")).unwrap();
        let dated = url.children().any(|n| n.has_tag_name("lastmod"));
        let page = pages
            .iter()
            .any(|p| loc.text().unwrap().ends_with(&format!("/briefings/{p}")));
        assert_eq!(dated, !page, "{:?}", loc.text());
    }
    assert!(xml.contains("<loc>https://example.github.io/briefings/2025/07/kremlin-conditional-peace-offer/</loc><lastmod>2026-11-30"));
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.github.io/briefings/sitemap.xml\n"
    );
    assert!(site.exists(".nojekyll"));
    assert!(!site.exists("CNAME"));
    // Every page points readers at the feeds.
    assert!(
        site.read("index.html")
            .contains(r#"<link rel="alternate" type="application/atom+xml""#)
    );
}

#[test]
fn cname_is_written_when_configured() {
    let site = TestSite::with_config(&format!("{MINIMAL_CONFIG}cname: briefings.example.org\n"));
    site.briefing("a.md", "title: A\ndate: 2025-01-01", "Body.");
    site.build().assert_ok();
    assert_eq!(site.read("CNAME"), "briefings.example.org\n");
}

#[test]
fn aliases_redirect_and_clashes_are_errors() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing(
        "a.md",
        "title: A & B\ndate: 2025-01-01\naliases: [/old/a/, /2024/12/renamed/]",
        "Body.",
    );
    site.build().assert_ok();
    let redirect = site.read("old/a/index.html");
    assert!(
        redirect.contains(
            r#"<meta http-equiv="refresh" content="0; url=https://example.org/2025/01/a/">"#
        ),
        "{redirect}"
    );
    assert!(redirect.contains(r#"<link rel="canonical" href="https://example.org/2025/01/a/">"#));
    assert!(redirect.contains("A &amp; B"));
    assert!(site.exists("2024/12/renamed/index.html"));

    site.briefing(
        "b.md",
        "title: B\ndate: 2025-02-01\naliases: [/2025/01/a/]",
        "Body.",
    );
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains("content/b.md:4:11: error: alias /2025/01/a/ is already used by the briefing content/a.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn scheduled_briefings_stay_out_until_due() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("now.md", "title: Now\ndate: 2025-01-01", "Body.");
    site.briefing(
        "later.md",
        "title: Later\ndate: 2025-01-02\npublish_at: 2025-01-02T08:00:00+02:00\ntags: [embargo]",
        "Body.",
    );
    let before = site.run_with_env(&["build"], &[("SITREP_NOW", "2025-01-02T05:59:00Z")]);
    before.assert_ok();
    assert!(before.stdout.contains("1 scheduled briefing is held back by publish_at; the next is due at 2025-01-02T08:00:00+02:00"), "{}", before.stdout);
    assert!(!site.exists("2025/01/later/index.html"));
    assert!(!site.exists("tags/embargo/index.html"));
    for file in ["atom.xml", "feed.json", "sitemap.xml", "index.html"] {
        assert!(
            !site.read(file).contains("later"),
            "{file} mentions the scheduled briefing"
        );
    }
    site.run_with_env(&["build"], &[("SITREP_NOW", "2025-01-02T06:00:00Z")])
        .assert_ok();
    assert!(site.exists("2025/01/later/index.html"));
    assert!(site.read("atom.xml").contains("Later"));
}

#[test]
fn links_to_briefing_files_become_urls() {
    let site = TestSite::with_config("title: T\nbase_url: https://example.org/desk/\n");
    site.briefing(
        "2025/a.md",
        "title: A\ndate: 2025-01-01",
        "See [b](../2024/b.md#outlook) and [c](c.md).",
    );
    site.briefing(
        "2024/b.md",
        "title: B\ndate: 2024-05-01\nslug: renamed",
        "## Outlook\n\nText.",
    );
    site.briefing("2025/c.md", "title: C\ndate: 2025-03-01", "Text.");
    site.build().assert_ok();
    let page = site.read("2025/01/a/index.html");
    assert!(
        page.contains(r##"href="/desk/2024/05/renamed/#outlook""##),
        "{page}"
    );
    assert!(page.contains(r#"href="/desk/2025/03/c/""#), "{page}");
    let feed = site.read("atom.xml");
    assert!(
        feed.contains("https://example.org/desk/2024/05/renamed/#outlook"),
        "feed content links are absolute"
    );
}

#[test]
fn a_link_to_a_scheduled_briefing_file_points_where_it_will_be() {
    let site = TestSite::with_config("title: T\nbase_url: https://example.org/desk/\n");
    site.briefing(
        "2025/a.md",
        "title: A\ndate: 2025-01-01",
        "Tomorrow: [the embargoed one](later.md#outlook).",
    );
    site.briefing(
        "2025/later.md",
        "title: Later\ndate: 2025-01-02\npublish_at: 2025-01-02T08:00:00+02:00",
        "## Outlook\n\nText.",
    );
    let early = site.run_with_env(&["build"], &[("SITREP_NOW", "2025-01-02T05:59:00Z")]);
    early.assert_ok();
    assert!(early.stderr.contains("is broken until"), "{}", early.stderr);
    // Never the repository path of its file: the URL it will have, which works once it is out.
    let page = site.read("2025/01/a/index.html");
    assert!(!page.contains("later.md"), "{page}");
    assert!(
        page.contains(r##"href="/desk/2025/01/later/#outlook""##),
        "{page}"
    );
    site.run_with_env(&["build"], &[("SITREP_NOW", "2025-01-02T06:00:00Z")])
        .assert_ok();
    assert!(site.exists("2025/01/later/index.html"));
    assert!(
        site.read("2025/01/a/index.html")
            .contains(r##"href="/desk/2025/01/later/#outlook""##)
    );
}
