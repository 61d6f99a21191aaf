//! Search as a reader uses it, in the real headless Chromium of the browser test: on a site
//! built under `/briefings/` (served as GitHub Pages serves it), on the preview (`sitrep
//! serve`), and on a 1,000-briefing corpus from `examples/gen_corpus.rs`. A word that occurs in
//! exactly one briefing, typed into the header's search box, finds that briefing first with the
//! word highlighted (`<mark>`) in its excerpt; choosing a region filter leaves only briefings
//! of that region. Which word and region to use is read from the index the build wrote (the
//! fragments hold each page's text and filters), so the test fits any corpus.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::browser::{Browser, Tab};
use crate::harness::{TestSite, list_files};
use crate::publish::PagesServer;
use crate::serve::Serve;

const WAIT: Duration = Duration::from_secs(30);

/// One searchable page as the index has it.
struct Page {
    url: String,
    /// Lowercase words of its text (split at anything not a letter or digit).
    words: BTreeSet<String>,
    regions: Vec<String>,
}

fn pages(public: &Path) -> Vec<Page> {
    let dir = public.join("pagefind/fragment");
    list_files(&dir)
        .iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(name)).unwrap();
            let mut text = String::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut text)
                .unwrap();
            let fragment: Value =
                serde_json::from_str(text.trim_start_matches("pagefind_dcd")).unwrap();
            let content = fragment["content"].as_str().unwrap().to_lowercase();
            Page {
                url: fragment["url"].as_str().unwrap().to_string(),
                words: content
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect(),
                regions: fragment["filters"]["Regions"]
                    .as_array()
                    .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// A word of one page only: no other page has a word whose stem starts with its stem
/// (Pagefind indexes stems and matches the query's stem as a prefix, so "sanction" also finds
/// "sanctioned").
fn unique_word(pages: &[Page]) -> (String, String) {
    let stemmer = pagefind_stem::Stemmer::create(pagefind_stem::Algorithm::English);
    let stems: BTreeSet<(String, usize)> = pages
        .iter()
        .enumerate()
        .flat_map(|(i, page)| page.words.iter().map(move |w| (w, i)))
        .map(|(w, i)| (stemmer.stem(w).into_owned(), i))
        .collect();
    let only_on = |word: &str, page: usize| {
        let stem = stemmer.stem(word).into_owned();
        stems
            .range((stem.clone(), 0)..)
            .take_while(|(s, _)| s.starts_with(&stem))
            .all(|(_, i)| *i == page)
    };
    pages
        .iter()
        .enumerate()
        .flat_map(|(i, page)| page.words.iter().map(move |w| (w, i)))
        .filter(|(w, _)| w.len() >= 5 && w.chars().all(|c| c.is_ascii_lowercase()))
        .find(|(w, i)| only_on(w, *i))
        .map(|(w, i)| (w.clone(), pages[i].url.clone()))
        .expect("a word of one page only")
}

/// A word on many pages, and a region some (not all) of those pages have.
fn word_and_region(pages: &[Page]) -> (String, String, BTreeSet<String>) {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for page in pages {
        for word in page.words.iter().filter(|w| w.len() >= 6) {
            *counts.entry(word).or_default() += 1;
        }
    }
    let word = counts
        .iter()
        .filter(|(w, _)| w.chars().all(|c| c.is_ascii_lowercase()))
        .max_by_key(|(w, n)| (**n, std::cmp::Reverse(**w)))
        .map(|(w, _)| w.to_string())
        .unwrap();
    let with_word: Vec<&Page> = pages.iter().filter(|p| p.words.contains(&word)).collect();
    let mut regions: BTreeMap<&str, usize> = BTreeMap::new();
    for page in &with_word {
        for region in &page.regions {
            *regions.entry(region).or_default() += 1;
        }
    }
    let region = regions
        .iter()
        .filter(|(_, n)| **n < with_word.len())
        .max_by_key(|(r, n)| (**n, std::cmp::Reverse(**r)))
        .map(|(r, _)| r.to_string())
        .expect("a region on some pages with the word");
    let allowed = pages
        .iter()
        .filter(|p| p.regions.contains(&region))
        .map(|p| p.url.clone())
        .collect();
    (word, region, allowed)
}

#[track_caller]
fn wait_for(browser: &mut Browser, tab: &Tab, what: &str, expression: &str) {
    let started = Instant::now();
    while browser.eval(tab, expression) != Some(Value::Bool(true)) {
        assert!(
            started.elapsed() < WAIT,
            "the search page never showed {what}\n(`{expression}` stayed false)\npage text:\n{}",
            browser.eval_string(tab, "document.body ? document.body.innerText : ''")
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `2025-07-05` as the English theme writes it: `5 July 2025`.
fn written_date(iso: &str) -> String {
    let parts: Vec<usize> = iso.split('-').map(|p| p.parse().unwrap()).collect();
    let month = sitrep::content::dates::MONTHS[parts[1] - 1];
    format!("{} {month} {}", parts[2], parts[0])
}

fn result_links(browser: &mut Browser, tab: &Tab) -> Vec<String> {
    let links = browser.eval(
        tab,
        "[...document.querySelectorAll('#search-results li h2 a')].map(a => a.getAttribute('href'))",
    );
    serde_json::from_value(links.unwrap_or(json!([]))).unwrap_or_default()
}

/// The reader's steps on the site whose home page is `home` (under `/briefings/`).
fn search_as_a_reader(browser: &mut Browser, home: &str, pages: &[Page]) {
    let (word, url) = unique_word(pages);
    let tab = browser.open(home);
    wait_for(
        browser,
        &tab,
        "the header's search box",
        "document.readyState === 'complete' && !!document.getElementById('site-search-q')",
    );
    // Typed into the header's box and sent with Enter, as a reader does.
    browser.eval(&tab, "document.getElementById('site-search-q').focus()");
    let session = Some(tab.session.as_str());
    browser
        .cdp
        .call(session, "Input.insertText", json!({ "text": word }))
        .unwrap();
    for kind in ["keyDown", "keyUp"] {
        browser
            .cdp
            .call(
                session,
                "Input.dispatchKeyEvent",
                json!({ "type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r" }),
            )
            .unwrap();
    }
    wait_for(
        browser,
        &tab,
        &format!("results for `{word}`"),
        "location.pathname.endsWith('/search/') && document.querySelectorAll('#search-results li').length > 0",
    );
    let links = result_links(browser, &tab);
    assert_eq!(
        links.first().map(String::as_str),
        Some(format!("/briefings{url}").as_str()),
        "`{word}` occurs only in {url}: {links:?}"
    );
    let excerpt = browser.eval_string(
        &tab,
        "document.querySelector('#search-results li .search-excerpt').innerHTML",
    );
    assert!(
        excerpt.to_lowercase().contains(&format!("<mark>{word}")),
        "the excerpt highlights `{word}`: {excerpt}"
    );
    // Dates and kinds read as the site writes them: "5 July 2025", "Report", not ISO or `report`.
    let date = browser.eval_string(
        &tab,
        "(() => { const t = document.querySelector('#search-results li time'); \
         return t ? `${t.dateTime}|${t.textContent}` : 'no date'; })()",
    );
    let (iso, shown) = date.split_once('|').unwrap_or_else(|| panic!("{date}"));
    assert_eq!(shown, written_date(iso), "the first result's date");
    let kinds = browser.eval_string(
        &tab,
        "[...document.querySelectorAll('#search-facets fieldset')]
           .find(f => f.querySelector('legend').textContent === 'Kind')?.innerText ?? 'no Kind filter'",
    );
    assert!(kinds.contains("Report ("), "the Kind filter: {kinds}");

    // A word on many pages, then a region: only that region's briefings remain.
    let (word, region, allowed) = word_and_region(pages);
    browser.eval(
        &tab,
        &format!(
            "const i = document.getElementById('search-q'); i.value = {}; i.form.requestSubmit(); true",
            json!(word)
        ),
    );
    wait_for(
        browser,
        &tab,
        &format!("results for `{word}`"),
        &format!(
            "document.getElementById('search-status').textContent.includes({}) && \
             document.querySelectorAll('#search-results li').length > 0",
            json!(format!("“{word}”"))
        ),
    );
    let before = browser.eval_string(&tab, "document.getElementById('search-status').textContent");
    let clicked = browser.eval(
        &tab,
        &format!(
            "(() => {{ const box = [...document.querySelectorAll('#search-facets fieldset')]
                 .find(f => f.querySelector('legend').textContent === 'Regions')
                 ?.querySelector(`input[value=\"${{CSS.escape({})}}\"]`);
               if (!box) return false; box.click(); return true; }})()",
            json!(region)
        ),
    );
    assert_eq!(
        clicked,
        Some(Value::Bool(true)),
        "a Regions filter for {region}"
    );
    wait_for(
        browser,
        &tab,
        "the filtered results",
        &format!(
            "document.getElementById('search-status').textContent !== {} && \
             document.querySelectorAll('#search-results li').length > 0",
            json!(before)
        ),
    );
    let links = result_links(browser, &tab);
    let outside: Vec<&String> = links
        .iter()
        .filter(|l| !allowed.contains(l.trim_start_matches("/briefings")))
        .collect();
    assert!(
        outside.is_empty(),
        "with the {region} filter on, results outside {region}: {outside:?} ({before})"
    );
}

#[test]
fn a_reader_finds_a_briefing_and_filters_by_region_on_the_built_site() {
    let site = TestSite::shipped_built("https://example.github.io/briefings/");
    let pages = pages(&site.public());
    let server = PagesServer::start(site.public(), "/briefings/");
    let mut browser = Browser::launch();
    search_as_a_reader(
        &mut browser,
        &format!("http://127.0.0.1:{}/briefings/", server.port),
        &pages,
    );
}

#[test]
fn a_reader_finds_a_briefing_and_filters_by_region_on_the_preview() {
    let site = TestSite::shipped();
    // The shipped site.yaml's base_url has the path /briefings/.
    let serve = Serve::start(&site.root, &[]);
    assert!(serve.url.ends_with("/briefings/"), "{}", serve.url);
    // The same model as the preview's, built to learn which words and regions to try.
    site.build().assert_ok();
    let pages = pages(&site.public());
    let mut browser = Browser::launch();
    search_as_a_reader(&mut browser, &serve.url, &pages);
}

#[test]
fn a_reader_finds_a_briefing_among_a_thousand() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    // The benchmark's generator, with regions as a taxonomy (`--work full`).
    let generated = std::process::Command::new(env!("CARGO"))
        .args([
            "run",
            "--quiet",
            "--example",
            "gen_corpus",
            "--manifest-path",
        ])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .args([
            "--", "--n", "1000", "--flavor", "plain", "--seed", "42", "--work", "full", "--out",
        ])
        .arg(&root)
        .status()
        .expect("run gen_corpus");
    assert!(generated.success(), "gen_corpus failed");
    // The generator draws on ~500 words, none of them on one page only: one briefing gets a
    // word of its own.
    let first = list_files(&root.join("content"))
        .into_iter()
        .find(|f| f.ends_with(".md"))
        .unwrap();
    let path = root.join("content").join(first);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!("{text}\nInspectors reached Enerhodar at dawn.\n"),
    )
    .unwrap();
    let out = dir.path().join("public");
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args([
            "build",
            "--base-url",
            "https://example.github.io/briefings/",
            "--root",
        ])
        .arg(&root)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let pages = pages(&out);
    assert_eq!(pages.len(), 1000);
    let server = PagesServer::start(out, "/briefings/");
    let mut browser = Browser::launch();
    search_as_a_reader(
        &mut browser,
        &format!("http://127.0.0.1:{}/briefings/", server.port),
        &pages,
    );
}
