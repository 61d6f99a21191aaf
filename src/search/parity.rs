//! Proof that the writer produces Pagefind's own files: the two pages of
//! `tests/fixtures/pagefind-cli/`, written through `each_index_file`, give the very files (names
//! and unzipped bytes) the Pagefind CLI 1.6.0 wrote for them.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use super::{Digest, Record, each_index_file};

fn record(url: &str, html: &str, title: &str, region: &str) -> Record {
    let body = html
        .split_once("<main data-pagefind-body>")
        .and_then(|(_, rest)| rest.split_once("</main>"))
        .map(|(body, _)| body)
        .expect("fixture page has a body");
    // The CLI indexes a filter element's text too; sitrep's records carry the filter alone.
    let mut digest = Digest::default();
    digest.push_html(body);
    Record {
        url: url.into(),
        digest,
        meta: BTreeMap::from([("title".to_string(), title.to_string())]),
        filters: BTreeMap::from([("Regions".to_string(), vec![region.to_string()])]),
        sorts: BTreeMap::new(),
    }
}

fn unzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("gzip");
    out
}

#[test]
fn the_index_of_two_pages_is_the_one_the_pagefind_cli_writes() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pagefind-cli");
    let read = |name: &str| std::fs::read_to_string(fixture.join(name)).unwrap();
    // The CLI numbers pages in path order: b.html, then index.html.
    let records = [
        record("/b.html", &read("b.html"), "Second", "Donetsk"),
        record("/", &read("index.html"), "Peace talks stall", "Kherson"),
    ];
    let record = |n: usize| records[n].clone();
    let mut ours: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    each_index_file(2, record, vec!["title".into()], "en", &mut |path, bytes| {
        ours.insert(path, bytes);
    });
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(&fixture) {
        let entry = entry.unwrap();
        let name = entry
            .path()
            .strip_prefix(&fixture)
            .unwrap()
            .to_string_lossy();
        let name = name.replace('\\', "/");
        if !name.contains(".pf_") && name != "pagefind-entry.json" {
            continue;
        }
        let theirs = std::fs::read(entry.path()).unwrap();
        let mine = ours
            .get(&name)
            .unwrap_or_else(|| panic!("sitrep wrote no {name}; it wrote {:?}", ours.keys()));
        if name.ends_with(".json") {
            assert_eq!(
                String::from_utf8_lossy(mine),
                String::from_utf8_lossy(&theirs)
            );
        } else {
            assert_eq!(unzip(mine), unzip(&theirs), "{name} differs once unzipped");
        }
        compared += 1;
    }
    assert_eq!(
        compared, 6,
        "meta, index, filter, two fragments and the entry"
    );
}
