//! Tests of the fast path: it agrees with the YAML crate on everything it accepts, and takes
//! the fast path on what editors write.

use super::*;
use crate::yaml::differential::{Outcome, compare};
use proptest::prelude::*;

/// The differential check; returns whether the fast path answered.
fn agrees(text: &str) -> bool {
    match compare(text) {
        Outcome::Declined => false,
        Outcome::Agreed => true,
        Outcome::Disagreed(how) => panic!("fast and crate paths differ on:\n{text}\n{how}"),
    }
}

fn fast_agrees(text: &str) {
    assert!(agrees(text), "the fast path should accept:\n{text}");
}

fn rejects(text: &str) {
    assert!(
        parse_mapping(text).is_none(),
        "the fast path should decline:\n{text}"
    );
}

const TYPICAL: &str = r#"title: "Conditional aid deliveries advance around Somalia"
date: 2022-08-09
tags: ["desertion", "icc"]
regions: ["Somalia", "DR Congo", "Georgia"]
summary: "Satellite images pointed to damage in DR Congo despite earlier assurances."
sources:
  - title: "Bellingcat: partial blockade in Somalia"
    url: "https://monitor.example/2022/bellingcat/810903"
  - title: "Crisis Group: coordinated shelling"
    url: "https://news.example/2022/crisis-group/791222"
extra:
  regions: ["Somalia", "DR Congo"]
  actors: ["Fano militia"]
"#;

#[test]
fn typical_front_matter_takes_the_fast_path() {
    fast_agrees(TYPICAL);
    fast_agrees(TYPICAL.trim_end());
    let entries = parse_mapping(TYPICAL).unwrap();
    let keys: Vec<_> = entries.iter().map(|e| (e.key.as_str(), e.line)).collect();
    assert_eq!(
        keys,
        [
            ("title", 1),
            ("date", 2),
            ("tags", 3),
            ("regions", 4),
            ("summary", 5),
            ("sources", 6),
            ("extra", 11)
        ]
    );
}

#[test]
fn common_variations_take_the_fast_path() {
    for text in [
        "title: Kremlin ties talks to four regions\n",
        "status: developing\ndraft: true\npublished: false\nslug: peace-offer\n",
        "date: 2025-07-14T09:30:00+02:00\nupdated: 2025-07-14T09:30:00Z\nday: 2025-07-14\n",
        "tags:\n  - nato\n  - air defence\ntitle: x\n",
        "tags:\n- a\n- b\ntitle: x\n",
        "tags:\n    - a\n    - \"b\"\n    - 'c'\n    - [d, e]\n",
        "title: 'it''s'\nother: ''\nempty: \"\"\n",
        "# a comment\ntitle: A\n\n   \n  # indented comment\ntags: []\n# end",
        "summary:\ntitle: x\nlast:",
        "summary:   \n",
        "weight: 0\ncount: 42\nbig: 18446744073709551615\n",
        "title: \"a \\\"quoted\\\" \\\\ word\\/s\\n\\t\"\n",
        "title: Київ and São Tomé — “quotes” 😀\nplace: Київ\n",
        "url: https://example.org/a:b?c=d#frag\n",
        "title: a#b\nother: x [y] {z}, w\n",
        "title:    spaced value   \nlist: [ a ,  'b' , \"c\" ]  \n",
        "sources:\n- title: A\n  url: https://a.example/\n- title: B\n  url: https://b.example/\n  publisher: P\n",
        "sources:\n  -   title: A\n      url: u\n",
        "extra:\n  nested:\n    deeper:\n      - a\n      - k: v\n        l:\n        - x\n  after: 1\n",
        "extra:\n - a\n",
        "items:\n- a:\n  - x\n- b\n",
        "items:\n- a:\n- b\n",
        "_private: x\nkey-with-dash: why\nKey_2: z\n",
        "list: [1, true, false, 2025-01-02, x y]\n",
        "list: [\"a, b\", \"c]\", 'd'' e']\n",
        "tags:\n- a\n# between\n\n- b\n  # indented\nnext: 1\n",
        "a: \"x\"   \nb: 'y'  \nc: [z]   \n",
        "",
        "# only a comment\n",
    ] {
        fast_agrees(text);
    }
}

#[test]
fn scalar_types_match_the_crate() {
    let entries = parse_mapping(
        "num: 42\nz: 0\nd: 2025-01-02\nt: 2025-07-14T09:30:00+02:00\nb: true\ns: hello\ne:\n",
    )
    .unwrap();
    let values: Vec<_> = entries.iter().map(|e| e.value.value.clone()).collect();
    assert_eq!(
        values,
        [
            Value::Number(42u64.into()),
            Value::Number(0u64.into()),
            Value::String("2025-01-02".into()),
            Value::String("2025-07-14T09:30:00+02:00".into()),
            Value::Bool(true),
            Value::String("hello".into()),
            Value::Null,
        ]
    );
    fast_agrees("num: 42\nz: 0\nd: 2025-01-02\nt: 2025-07-14T09:30:00+02:00\nb: true\ne:\n");
}

#[test]
fn declines_what_it_is_not_sure_about() {
    for text in [
        "a: &x 1\nb: *x\n",
        "a: !tag x\n",
        "a: |\n  text\n",
        "a: >\n  text\n",
        "a:\tb\n",
        "a: b\r\n",
        "\u{feff}a: b\n",
        "a: b # comment\n",
        "a: \"b\" # comment\n",
        "a: [b] # comment\n",
        "a: 1\nb: 2\na: 3\n",
        "a:\n  b: 1\n  b: 2\n",
        "title: a long\n  plain title\n",
        "title: \"a long\n  quoted title\"\n",
        "draft: yes\n",
        "draft: no\n",
        "draft: True\n",
        "x: null\n",
        "x: ~\n",
        "x: 007\n",
        "x: 1.5\n",
        "x: 1e3\n",
        "x: 0x1F\n",
        "x: -1\n",
        "x: +1\n",
        "x: .inf\n",
        "x: 18446744073709551616\n",
        "x: a: b\n",
        "x: ends:\n",
        "x: [a,]\n",
        "x: [a, [b]]\n",
        "x: {a: 1}\n",
        "x: [a, b\n",
        "x: \"\\u00e9\"\n",
        "\"quoted\": key\n",
        "? complex\n: key\n",
        "---\na: b\n",
        "a: b\n...\n",
        "  indented: top\n",
        "just text\n",
        "- a\n- b\n",
        "a:\n  - x\n  y: 1\n",
        "a:\n  -\n    - x\n",
        "true: x\n",
        "a: 'unterminated\n",
        "a: \"x\"y\n",
        "a: x\n  b: y\n",
    ] {
        rejects(text);
        // And the crate still gets the same input unchanged through the public API.
        let _ = super::super::parse_mapping(text);
    }
}

fn front_matter(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let start = first.len();
    let mut end = start;
    for line in lines {
        if line.trim_end() == "---" {
            return Some(&text[start..end]);
        }
        end += line.len();
    }
    None
}

/// Every `.md` file under `dir`: (path, front matter took the fast path).
fn check_tree(dir: &str) -> Vec<(String, bool)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut results = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let yaml = match path.extension().and_then(|e| e.to_str()) {
            Some("md") => front_matter(&text),
            Some("yaml" | "yml") => Some(text.as_str()),
            _ => None,
        };
        if let Some(yaml) = yaml {
            results.push((path.display().to_string(), agrees(yaml)));
        }
    }
    results
}

#[test]
fn repository_content_takes_the_fast_path_and_agrees() {
    let results = check_tree("content");
    assert!(results.len() >= 10, "{results:?}");
    let slow: Vec<_> = results.iter().filter(|(_, fast)| !fast).collect();
    assert!(slow.is_empty(), "not on the fast path: {slow:?}");
}

#[test]
fn test_fixtures_agree_or_fall_back() {
    let results = check_tree("tests/fixtures");
    assert!(results.len() >= 10, "{results:?}");
    let fast = results.iter().filter(|(_, fast)| *fast).count();
    assert!(fast * 2 >= results.len(), "{fast} of {}", results.len());
}

// ---- random front matter built from tricky pieces ----

/// Ordinary values, so that many generated documents are inside the subset.
const GOOD_SCALARS: &[&str] = &[
    "plain text",
    "\"quoted: text\"",
    "'single # quoted'",
    "2025-01-02",
    "42",
    "true",
    "false",
    "[a, b]",
    "[\"x\", 'y']",
    "https://example.org/a",
    "Київ",
    "",
    "x-y_z",
];

/// Ordinary keys, mostly distinct.
const GOOD_KEYS: &[&str] = &[
    "title",
    "date",
    "tags",
    "summary",
    "slug",
    "status",
    "regions",
    "extra",
    "sources",
    "url",
    "publisher",
    "k1",
    "k2",
    "k3",
    "k4",
    "k5",
    "k6",
    "k7",
    "k8",
];

fn scalar() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        2 => prop::sample::select(GOOD_SCALARS),
        1 => prop::sample::select(SCALARS),
    ]
}

fn key() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        8 => prop::sample::select(GOOD_KEYS),
        1 => prop::sample::select(KEYS),
    ]
}

const SCALARS: &[&str] = &[
    "yes",
    "no",
    "~",
    "null",
    "Null",
    "007",
    "1.5",
    "1e3",
    "0x1F",
    "-1",
    "+1",
    ".inf",
    "2025-01-02",
    "2025-07-14T09:30:00+02:00",
    "2025-07-14T09:30:00Z",
    "2025-7-14",
    "a: b",
    "a #b",
    "a#b",
    "'q''s'",
    "\"e\\\"q\"",
    "\"\\u00e9\"",
    "Київ",
    "São Tomé",
    "[a, \"b\"]",
    "[]",
    "[ ]",
    "[a,]",
    "[a , 'b' ,c]",
    "[a, [b]]",
    "[1, true, x y]",
    "true",
    "True",
    "false",
    "",
    "ends:",
    "  lead",
    "trail   ",
    "plain text",
    "42",
    "0",
    "18446744073709551615",
    "18446744073709551616",
    "-0",
    "\"a\\/b\"",
    "\"t\\tn\\n\"",
    "\"bad \\x41\"",
    "'it''s'",
    "''",
    "\"\"",
    "{a: 1}",
    "&anchor x",
    "*alias",
    "!tag x",
    "|",
    ">",
    "a]",
    "a{b}",
    "a, b",
    "http://x.org/a:b",
    "[http://x]",
    "😀 emoji",
    "nbsp\u{a0}",
    "\u{a0}lead",
    "'unterminated",
    "x # c",
    "\"q\" # c",
    "'q' x",
    "- dash",
    "-",
    "?",
    "? x",
    "%p",
    "@at",
    "`tick`",
    "a :b",
    "inf",
    "NaN",
    "y",
    "N",
    "On",
    "_u",
    "/path",
    "(paren)",
    "$5",
    "a\\b",
    "“curly”",
    "«guillemets»",
    "a\u{2028}b",
    "x\u{85}",
    "1_000",
    "12:30",
    "a\"b",
    "a'b",
    "#",
    "a:b",
    ":x",
    ",x",
    "[a]x",
    "[\"a\" x]",
    "['a'b]",
    "[a: b]",
    "[a #b]",
    "[-1, +1]",
    "[~]",
    "[null, yes]",
];

const KEYS: &[&str] = &[
    "title", "title", "date", "tags", "a", "b", "c", "a-b", "_x", "key1", "true", "null", "yes",
    "y", "Title", "\"q\"", "1a", "a b", "ключ", "k ", "-k", "x:y",
];

const JUNK: &[&str] = &[
    "# comment",
    "",
    "   ",
    "  # indented comment",
    "---",
    "...",
    "\tx: 1",
    "continuation",
    "  continuation",
    "- stray",
    "x:y",
    "key : v",
    "? complex",
    "  extra: 1",
    "\r",
    "a: b # c",
    "    - deep",
    "-",
    "&a x: 1",
    "%YAML 1.2",
    "title: dup",
];

#[derive(Debug, Clone)]
enum Gen {
    Scalar(&'static str),
    /// Extra indentation of the dashes relative to the key, items.
    Seq(usize, Vec<Gen>),
    /// Extra indentation of the keys relative to the parent key, entries.
    Map(usize, Vec<(&'static str, Gen)>),
}

fn gen_value() -> impl Strategy<Value = Gen> {
    let leaf = scalar().prop_map(Gen::Scalar);
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            3 => scalar().prop_map(Gen::Scalar),
            2 => (
                prop::sample::select(&[0usize, 2, 2, 4][..]),
                prop::collection::vec(inner.clone(), 1..4)
            )
                .prop_map(|(i, v)| Gen::Seq(i, v)),
            2 => (
                prop::sample::select(&[1usize, 2, 2, 4][..]),
                prop::collection::vec((key(), inner), 1..4)
            )
                .prop_map(|(i, v)| Gen::Map(i, v)),
        ]
    })
}

fn render_entry(lead: String, key: &str, value: &Gen, col: usize, out: &mut Vec<String>) {
    match value {
        Gen::Scalar(s) => out.push(format!("{lead}{key}: {s}")),
        Gen::Seq(extra, items) => {
            out.push(format!("{lead}{key}:"));
            render_items(col + extra, items, out);
        }
        Gen::Map(extra, entries) => {
            out.push(format!("{lead}{key}:"));
            for (k, v) in entries {
                render_entry(" ".repeat(col + extra), k, v, col + extra, out);
            }
        }
    }
}

fn render_items(dash: usize, items: &[Gen], out: &mut Vec<String>) {
    let pad = " ".repeat(dash);
    for item in items {
        match item {
            Gen::Scalar(s) => out.push(format!("{pad}- {s}")),
            Gen::Map(extra, entries) => {
                // `extra` 4 writes `-   key:`, aligning further keys with the first.
                let gap = if *extra == 4 { 3 } else { 1 };
                for (i, (k, v)) in entries.iter().enumerate() {
                    let lead = if i == 0 {
                        format!("{pad}-{}", " ".repeat(gap))
                    } else {
                        " ".repeat(dash + 1 + gap)
                    };
                    render_entry(lead, k, v, dash + 1 + gap, out);
                }
            }
            Gen::Seq(_, inner) => {
                out.push(format!("{pad}-"));
                render_items(dash + 2, inner, out);
            }
        }
    }
}

fn gen_document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((key(), gen_value()), 0..7),
        prop::collection::vec(
            prop::option::weighted(
                0.3,
                (any::<prop::sample::Index>(), prop::sample::select(JUNK)),
            ),
            0..3,
        ),
        any::<bool>(),
    )
        .prop_map(|(entries, junk, final_newline)| {
            let mut lines = Vec::new();
            for (key, value) in &entries {
                render_entry(String::new(), key, value, 0, &mut lines);
            }
            for (at, line) in junk.into_iter().flatten() {
                let at = at.index(lines.len() + 1);
                lines.insert(at, line.to_string());
            }
            let mut text = lines.join("\n");
            if final_newline {
                text.push('\n');
            }
            text
        })
}

proptest! {
    // No regression files: this test writes nothing into the tree.
    #![proptest_config(ProptestConfig {
        cases: 10_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_front_matter_agrees_with_the_crate(text in gen_document()) {
        agrees(&text);
    }
}
