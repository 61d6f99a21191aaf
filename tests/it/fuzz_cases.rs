//! Inputs and properties shared by the property tests (`fuzz_props.rs`, a fixed number of
//! cases in `cargo test`) and the long, timed fuzz run (`examples/fuzz.rs`, which includes
//! this file). Three targets:
//!
//! - `fast-path`: front matter, from the grammar editors write in or mutated from the shipped
//!   content and the test fixtures. The fast YAML path must agree with the crate whenever it
//!   answers; `parse_mapping` must not panic, and its errors name a line of the text in
//!   plain words.
//! - `loader`: whole briefing files. `parse_briefing` must not panic; each diagnostic points
//!   at a line and column inside the file, in plain words.
//! - `markdown`: bodies. `render_markdown` must not panic; heading ids are non-empty, unique
//!   (also against footnote ids) and match the table of contents, which nests deeper
//!   headings under shallower ones; the word count is no more than the source has tokens.

use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use proptest::prelude::*;
use proptest::sample::Index;
use sitrep::config::{Config, parse_config};
use sitrep::content::parse_briefing;
use sitrep::markdown::{TocEntry, render_markdown};
use sitrep::yaml::differential::{Outcome, compare};

/// A failed property: what went wrong, for the report.
pub type Finding = String;

/// Words of the YAML library that must never reach an editor.
#[rustfmt::skip]
pub const INTERNALS: &[&str] = &[
    "did not find expected", "while parsing", "while scanning",
    "mapping values are not allowed", "could not find expected", "found unexpected",
    "found character", "violates indentation", "block collection", "block mapping",
    "simple key", "at position", "at line", "end of stream", "EOF", "recursion limit",
    "invalid type", "invalid value", "deserializ",
];

/// `text` (a message or hint about `input`) has none of `INTERNALS`, except words the
/// input itself holds: a message may quote what the editor wrote (a source `url: AEOF`).
pub fn plain_words(what: &str, text: &str, input: &str) -> Result<(), Finding> {
    match INTERNALS
        .iter()
        .find(|w| text.contains(*w) && !input.contains(*w))
    {
        Some(w) => Err(format!(
            "{what} shows the YAML library's words `{w}`: {text}"
        )),
        None => Ok(()),
    }
}

// ---- properties ----

/// How many front matters the fast path answered (and the crate agreed with), so that a
/// run can show the differential check was exercised, not only the crate.
pub static FAST_PATH_ANSWERED: AtomicU64 = AtomicU64::new(0);

/// The fast path agrees with the crate; `parse_mapping`'s errors are on a line of the text
/// (or the line after its end), in plain words, with a hint.
pub fn check_fast_path(text: &str) -> Result<(), Finding> {
    match compare(text) {
        Outcome::Disagreed(how) => return Err(format!("fast path and crate differ:\n{how}")),
        Outcome::Agreed => {
            FAST_PATH_ANSWERED.fetch_add(1, Ordering::Relaxed);
        }
        Outcome::Declined => {}
    }
    if let Err(e) = sitrep::yaml::parse_mapping(text) {
        let lines = text.split('\n').count();
        if e.line == 0 || e.line > lines + 1 || e.col == 0 {
            return Err(format!(
                "error at {}:{} of {lines} lines: {e:?}",
                e.line, e.col
            ));
        }
        plain_words("message", &e.message, text)?;
        let hint = e.hint.ok_or_else(|| format!("no hint: {}", e.message))?;
        plain_words("hint", &hint, text)?;
    }
    Ok(())
}

pub fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        parse_config("title: T\nbase_url: https://e.org/\ntaxonomies: [tags, regions, actors]\n")
            .expect("valid config")
    })
}

/// `parse_briefing` gives a briefing or diagnostics inside the file, in plain words.
pub fn check_loader(text: &str) -> Result<(), Finding> {
    let path = Path::new("content/fuzz.md");
    let Err(diagnostics) = parse_briefing(path, text, config()) else {
        return Ok(());
    };
    if diagnostics.is_empty() {
        return Err("rejected without a diagnostic".into());
    }
    let lines: Vec<&str> = text.lines().collect();
    for d in diagnostics {
        let line = d.line.checked_sub(1).and_then(|i| lines.get(i));
        let inside = match line {
            Some(line) => d.col >= 1 && d.col <= line.chars().count() + 1,
            // An empty file has no line; a file-wide finding sits at 1:1.
            None => lines.is_empty() && (d.line, d.col) == (1, 1),
        };
        if !inside {
            return Err(format!(
                "diagnostic at {}:{} outside the file ({} lines): {d}",
                d.line,
                d.col,
                lines.len()
            ));
        }
        plain_words("message", &d.message, text)?;
        if let Some(hint) = &d.hint {
            plain_words("hint", hint, text)?;
        }
    }
    Ok(())
}

/// Rendering a body: ids, table of contents and word count hold together.
pub fn check_markdown(body: &str) -> Result<(), Finding> {
    let r = render_markdown(body, "/", Path::new("content/2025/fuzz.md"), true);
    let mut flat = Vec::new();
    flatten(&r.toc, 0, &mut flat)?;
    let mut ids: Vec<&str> = flat.iter().map(|e| e.id.as_str()).collect();
    if let Some(empty) = flat.iter().find(|e| e.id.is_empty()) {
        return Err(format!("heading `{}` has an empty id", empty.title));
    }
    // Headings in the HTML, in order, are the table of contents (unless the body has raw
    // heading tags of its own).
    if !body.to_ascii_lowercase().contains("<h") {
        let in_html = heading_ids(&r.html);
        let expected: Vec<String> = ids.iter().map(|id| escape(id)).collect();
        if in_html != expected {
            return Err(format!(
                "headings in the HTML {in_html:?} are not the table of contents {expected:?}"
            ));
        }
    }
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(format!("heading id `{}` is used twice", pair[0]));
    }
    for id in footnote_ids(&r.html) {
        if ids.binary_search(&unescape(&id).as_str()).is_ok() {
            return Err(format!("id `{id}` is both a heading's and a footnote's"));
        }
    }
    // A footnote reference's id (`fnref-…`) is its own, and a note's way back leads to one.
    let references = attribute_values(&r.html, "role=\"doc-noteref\"", " id=\"");
    for id in &references {
        if ids.binary_search(&unescape(id).as_str()).is_ok() {
            return Err(format!(
                "id `{id}` is both a heading's and a footnote reference's"
            ));
        }
    }
    for target in attribute_values(&r.html, "role=\"doc-backlink\"", "href=\"#") {
        if !references.contains(&target) {
            return Err(format!(
                "a note leads back to #{target}, which no reference has"
            ));
        }
    }
    let tokens = body.split_ascii_whitespace().count() + body.matches(['|', '&']).count();
    if r.word_count > tokens {
        return Err(format!(
            "{} words counted in a body of {tokens} tokens",
            r.word_count
        ));
    }
    Ok(())
}

fn flatten<'a>(
    toc: &'a [TocEntry],
    parent: u8,
    out: &mut Vec<&'a TocEntry>,
) -> Result<(), Finding> {
    for entry in toc {
        if entry.level <= parent || entry.level > 6 {
            return Err(format!(
                "h{} `{}` nested under an h{parent}",
                entry.level, entry.title
            ));
        }
        out.push(entry);
        flatten(&entry.children, entry.level, out)?;
    }
    Ok(())
}

/// The `id` of every `<hN id="...">` in document order.
fn heading_ids(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<h") {
        rest = &rest[at + 2..];
        let level_ok = rest.starts_with(|c: char| ('1'..='6').contains(&c));
        if level_ok && rest[1..].starts_with(" id=\"") {
            let value = &rest[6..];
            ids.push(value[..value.find('"').unwrap_or(value.len())].to_string());
        }
    }
    ids
}

/// The value of the attribute `attribute` (written with its opening quote) of every tag
/// that has `marker` (after it in the tag).
fn attribute_values(html: &str, marker: &str, attribute: &str) -> Vec<String> {
    html.match_indices(marker)
        .filter_map(|(at, _)| {
            let tag = &html[html[..at].rfind('<')?..at];
            let value = &tag[tag.find(attribute)? + attribute.len()..];
            Some(value[..value.find('"')?].to_string())
        })
        .collect()
}

/// The `id` of every footnote definition.
fn footnote_ids(html: &str) -> Vec<String> {
    const OPEN: &str = "<div class=\"footnote-definition\" id=\"";
    html.match_indices(OPEN)
        .map(|(at, _)| {
            let value = &html[at + OPEN.len()..];
            value[..value.find('"').unwrap_or(value.len())].to_string()
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

// ---- seeds: the front matter of the shipped content and of the test fixtures ----

/// Front matter (between the `---` lines) and body of every `.md` file of the repository's
/// `content/` and `tests/fixtures/`, in path order.
pub fn seeds() -> &'static [(String, String)] {
    static SEEDS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut found = Vec::new();
        for dir in ["content", "tests/fixtures"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
                let Ok(entry) = entry else { continue };
                let is_md = entry.path().extension().is_some_and(|e| e == "md");
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                if !is_md {
                    continue;
                }
                let Some(rest) = text.strip_prefix("---\n") else {
                    continue;
                };
                if let Some(end) = rest.find("\n---\n") {
                    found.push((rest[..=end].to_string(), rest[end + 5..].to_string()));
                }
            }
        }
        assert!(found.len() >= 20, "too few seeds: {}", found.len());
        found
    })
}

// ---- mutations ----

/// Text an edit may put in: YAML's special characters, whitespace YAML treats specially,
/// and text the typed-scalar rules care about.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    ":", ": ", "#", " #", "\"", "'", "\t", "\r", "\r\n", "\n", "- ", "  ", " ", "[", "]", "{",
    "}", ",", "&a ", "*a", "!", "!!str ", "|", ">", "---", "...", "%", "?", "? ", "@", "`",
    "\\", "\\u00e9", "\u{a0}", "\u{2028}", "\u{85}", "\u{feff}", "\u{0}", "\u{7}", "é", "Київ",
    "😀", "1e3", "0x1F", "1.50", "+12", "012", ".inf", "~", "null", "yes", "True", "no",
    "2025-07-21", "title: ", "tags: ", "sources:\n  - title: ", "\n  - ", "url: ",
];

#[derive(Debug, Clone)]
pub enum Edit {
    Insert(Index, &'static str),
    Replace(Index, usize, &'static str),
    Delete(Index, usize),
    DuplicateLine(Index),
    DeleteLine(Index),
    SwapLines(Index, Index),
    /// Adds (or removes) spaces at the start of a line.
    Indent(Index, i8),
    /// A line's leading spaces become a tab.
    TabIndent(Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    let piece = || prop::sample::select(PIECES);
    prop_oneof![
        4 => (any::<Index>(), piece()).prop_map(|(i, p)| Edit::Insert(i, p)),
        2 => (any::<Index>(), 1..4usize, piece()).prop_map(|(i, n, p)| Edit::Replace(i, n, p)),
        2 => (any::<Index>(), 1..6usize).prop_map(|(i, n)| Edit::Delete(i, n)),
        1 => any::<Index>().prop_map(Edit::DuplicateLine),
        1 => any::<Index>().prop_map(Edit::DeleteLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
        2 => (any::<Index>(), prop::sample::select(&[-2i8, -1, 1, 2, 3][..]))
            .prop_map(|(i, n)| Edit::Indent(i, n)),
        1 => any::<Index>().prop_map(Edit::TabIndent),
    ]
}

/// `text` with `edits` applied in order.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut text = text.to_string();
    for edit in edits {
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let at = |i: &Index| bounds[i.index(bounds.len())];
        let span = |i: &Index, n: usize| {
            let start = i.index(bounds.len());
            (bounds[start], bounds[(start + n).min(bounds.len() - 1)])
        };
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let count = lines.len();
        match edit {
            Edit::Insert(i, piece) => text.insert_str(at(i), piece),
            Edit::Replace(i, n, piece) => {
                let (from, to) = span(i, *n);
                text.replace_range(from..to, piece);
            }
            Edit::Delete(i, n) => {
                let (from, to) = span(i, *n);
                text.replace_range(from..to, "");
            }
            Edit::DuplicateLine(i) => {
                let i = i.index(lines.len());
                lines.insert(i, lines[i].clone());
                text = lines.join("\n");
            }
            Edit::DeleteLine(i) => {
                lines.remove(i.index(lines.len()));
                text = lines.join("\n");
            }
            Edit::SwapLines(a, b) => {
                lines.swap(a.index(count), b.index(count));
                text = lines.join("\n");
            }
            Edit::Indent(i, n) => {
                let line = &mut lines[i.index(count)];
                if *n > 0 {
                    line.insert_str(0, &" ".repeat(*n as usize));
                } else {
                    let spaces = line.len() - line.trim_start_matches(' ').len();
                    line.replace_range(..spaces.min(n.unsigned_abs() as usize), "");
                }
                text = lines.join("\n");
            }
            Edit::TabIndent(i) => {
                let line = &mut lines[i.index(count)];
                let spaces = line.len() - line.trim_start_matches(' ').len();
                line.replace_range(..spaces, "\t");
                text = lines.join("\n");
            }
        }
    }
    text
}

/// The front matter of a shipped or fixture file with a few edits.
fn mutated_front_matter() -> impl Strategy<Value = String> {
    (any::<Index>(), prop::collection::vec(edit(), 1..5))
        .prop_map(|(seed, edits)| apply(&seeds()[seed.index(seeds().len())].0, &edits))
}

// ---- front matter from the grammar editors write in ----

/// Keys as editors write them.
#[rustfmt::skip]
const GOOD_KEYS: &[&str] = &[
    "title", "date", "updated", "summary", "tags", "regions", "actors", "status", "sources",
    "draft", "slug", "aliases", "publish_at", "extra", "url", "publisher", "map_caption", "k1",
    "k2", "k3",
];

/// Values as editors write them (the fast path's subset).
#[rustfmt::skip]
const GOOD_SCALARS: &[&str] = &[
    "Talks stall", "Kremlin ties talks to four regions", "Київ", "São Tomé", "developing",
    "peace-talks", "https://example.org/a", "/2025/07/old-slug/", "2025-07-21",
    "2025-07-21T14:30:00+03:00", "42", "0", "true", "false", "\"quoted: text\"",
    "'single # quoted'", "'it''s'", "[a, b]", "[\"x\", 'y']", "[]", "[peace-talks, nato]",
    "x-y_z", "",
];

/// Keys, including ones the YAML crate reads as something else.
#[rustfmt::skip]
const KEYS: &[&str] = &[
    "title", "date", "updated", "summary", "tags", "regions", "actors", "status", "sources",
    "draft", "slug", "aliases", "publish_at", "extra", "url", "publisher", "tgas", "Title",
    "k1", "k2", "map_caption", "a-b", "_x", "true", "null", "1.50", "\"quoted\"", "'single'",
    "ключ", "a b",
];

#[rustfmt::skip]
const SCALARS: &[&str] = &[
    // numbers and their spellings
    "1e3", "1.50", "0x1F", "0o17", "0b101", ".inf", "-.Inf", ".NaN", "+12", "-0", "0", "42",
    "1_000", "012", "007", "3.", "1e", "12:30", "1:20:30", "18446744073709551615",
    "18446744073709551616", "-1", "0.5e-3",
    // booleans and null
    "true", "True", "TRUE", "false", "yes", "no", "on", "off", "y", "n", "~", "null", "Null",
    "NULL",
    // dates
    "2025-07-21", "2025-7-21", "2025-07-21T14:30:00+03:00", "2025-07-21T14:30:00Z",
    "2025-07-21 14:30:00", "2025-02-30", "2024-02-29", "21.07.2025",
    // words
    "Talks stall", "Kremlin ties talks to four regions", "Київ", "São Tomé", "😀 emoji",
    "developing", "ongoing", "resolvd", "peace-talks", "https://example.org/a:b?c=d#e",
    "/2025/07/old-slug/", "a - b", "x-y_z", "(paren)", "$5", "a\\b", "“curly”",
    // quoted
    "\"quoted: text\"", "'single # quoted'", "'it''s'", "\"a \\\"q\\\" \\\\ b\"", "\"\\u00e9\"",
    "\"\\x41\"", "\"\\q\"", "''", "\"\"", "\"1.50\"", "'yes'",
    // flow
    "[a, b]", "[]", "[ ]", "[1.50, +12, no, on]", "[\"x\", 'y']", "[a, [b]]", "[a,]", "{a: 1}",
    "{ title: x, url: y }", "[a: b]",
    // what YAML reads as syntax
    "a: b", "a #b", "a#b", "- x", "-", "[a", "{a", "\"open", "'open", "*x", "&x y", "!x y",
    "!!int x", "|", ">", "%x", "@x", "`x", "? x", "a\tb", ":x", ",x", "a]", "\"q\" x",
];

#[derive(Debug, Clone)]
enum Gen {
    Scalar(String),
    /// Extra indentation of the dashes relative to the key, and the items.
    Seq(usize, Vec<Gen>),
    /// Extra indentation of the keys relative to the parent key, and the entries.
    Map(usize, Vec<(&'static str, Gen)>),
}

/// A key: as editors write them, or (`hostile`) sometimes one YAML reads otherwise.
fn key(hostile: bool) -> impl Strategy<Value = &'static str> {
    prop_oneof![
        4 => prop::sample::select(GOOD_KEYS),
        u32::from(hostile) => prop::sample::select(KEYS),
    ]
}

/// A value: as editors write them, or (`hostile`) often one of YAML's corner cases.
fn scalar(hostile: bool) -> impl Strategy<Value = String> {
    let odd = u32::from(hostile);
    prop_oneof![
        8 => prop::sample::select(GOOD_SCALARS).prop_map(str::to_string),
        4 * odd => prop::sample::select(SCALARS).prop_map(str::to_string),
        odd => "[A-Za-z][A-Za-z0-9 ,.()'-]{0,20}",
        odd => "\\PC{1,12}",
        odd => "\"[^\"\\\\\n]{0,12}\"",
    ]
}

fn value(hostile: bool) -> impl Strategy<Value = Gen> {
    scalar(hostile)
        .prop_map(Gen::Scalar)
        .prop_recursive(3, 24, 4, move |inner| {
            prop_oneof![
                3 => scalar(hostile).prop_map(Gen::Scalar),
                2 => (
                    prop::sample::select(&[0usize, 2, 2, 3, 4][..]),
                    prop::collection::vec(inner.clone(), 1..4)
                )
                    .prop_map(|(i, v)| Gen::Seq(i, v)),
                2 => (
                    prop::sample::select(&[1usize, 2, 2, 4][..]),
                    prop::collection::vec((key(hostile), inner), 1..4)
                )
                    .prop_map(|(i, v)| Gen::Map(i, distinct(v))),
            ]
        })
}

/// A `sources:` list of `title`/`url`/`publisher` items, as editors write it.
fn sources(hostile: bool) -> impl Strategy<Value = Gen> {
    let field = (
        prop::sample::select(&["title", "url", "publisher", "link"][..]),
        scalar(hostile).prop_map(Gen::Scalar),
    );
    let item = (
        prop::sample::select(&[1usize, 2, 4][..]),
        prop::collection::vec(field, 1..4),
    )
        .prop_map(|(i, fields)| Gen::Map(i, distinct(fields)));
    (
        prop::sample::select(&[0usize, 2, 2][..]),
        prop::collection::vec(item, 1..4),
    )
        .prop_map(|(i, items)| Gen::Seq(i, items))
}

/// Entries with each key once (a repeated key is its own error, tested elsewhere).
fn distinct(mut entries: Vec<(&'static str, Gen)>) -> Vec<(&'static str, Gen)> {
    let mut seen = Vec::new();
    entries.retain(|(key, _)| {
        let new = !seen.contains(key);
        seen.push(*key);
        new
    });
    entries
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

/// Lines that may turn up between entries.
#[rustfmt::skip]
const EXTRA_LINES: &[&str] = &[
    "# a comment", "", "   ", "  # indented comment", "\tx: 1", "  continuation", "- stray",
    "date:2025-07-21", "key : v", "  extra: 1", "title: dup", "a: b # trailing", "    - deep",
    "   odd: indent", "\r",
];

/// Front matter from the grammar; `hostile` mixes in YAML's corner cases and odd lines.
fn grammar_front_matter(hostile: bool) -> impl Strategy<Value = String> {
    let entry = prop_oneof![
        6 => (key(hostile), value(hostile)),
        1 => sources(hostile).prop_map(|s| ("sources", s)),
    ];
    // The first four are comments and blank lines.
    let extra_lines = if hostile {
        EXTRA_LINES
    } else {
        &EXTRA_LINES[..4]
    };
    (
        prop::collection::vec(entry, 0..8),
        prop::collection::vec(
            prop::option::weighted(0.3, (any::<Index>(), prop::sample::select(extra_lines))),
            0..3,
        ),
    )
        .prop_map(|(entries, extra)| {
            let entries = distinct(entries);
            let mut lines = Vec::new();
            for (key, value) in &entries {
                render_entry(String::new(), key, value, 0, &mut lines);
            }
            for (at, line) in extra.into_iter().flatten() {
                lines.insert(at.index(lines.len() + 1), line.to_string());
            }
            let mut text = lines.join("\n");
            text.push('\n');
            text
        })
}

/// Front matter: from the grammar (as editors write it, or with YAML's corner cases), or a
/// real one with a few edits.
pub fn front_matter() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => grammar_front_matter(false),
        2 => grammar_front_matter(true),
        2 => mutated_front_matter(),
    ]
}

// ---- bodies ----

#[rustfmt::skip]
const BODY_LINES: &[&str] = &[
    "## Outlook", "## Outlook", "### Risks", "# Top", "#### Deep", "###### Six",
    "####### Seven", "## Note", "## 1", "## Outlook {#custom}", "## Custom {#outlook}",
    "## {#empty}", "##", "## ***", "## `code` and *em*", "## Київ", "## Outlook 1",
    "Setext\n===", "Setext two\n---", "The offer came on Monday.",
    "It's *very*important, don't `x`y.", "a--b---c \"q\" 'r'",
    "[link](/2025/07/x/) [file](other.md#outlook) [ext](https://e.org/)", "![map](/img/m.png)",
    "Text with a note[^note] and[^1].", "[^note]: The footnote.", "[^1]: One.",
    "[^outlook]: Clash.", "| a | b |\n|---|---|\n| c | d |", "|a|b|\n|-|-|\n|1|2|",
    "- one\n- two", "1. first\n2. second", "> quoted\n> text", "```\n# not a heading\n```",
    "    indented code", "~~gone~~ - [x] done", "a &amp; b &#32; c &nbsp;", "<div>raw</div>",
    "a  \nhard break", "", "\\# escaped", "* * *", "<!-- comment -->",
];

/// A Markdown body from pieces editors write, with some arbitrary text; or a shipped body
/// with a few edits.
pub fn body() -> impl Strategy<Value = String> {
    let mutated = (any::<Index>(), prop::collection::vec(edit(), 1..5))
        .prop_map(|(seed, edits)| apply(&seeds()[seed.index(seeds().len())].1, &edits));
    let pieces = prop::collection::vec(
        prop_oneof![
            6 => prop::sample::select(BODY_LINES).prop_map(str::to_string),
            1 => "\\PC{0,40}",
            1 => "#{1,3} [A-Za-z0-9 *_`{}#-]{0,16}",
        ],
        0..12,
    )
    .prop_map(|lines| lines.join("\n\n"));
    prop_oneof![3 => pieces, 1 => mutated]
}

/// A whole briefing file: front matter and body, sometimes mutated as a whole, sometimes
/// arbitrary text.
pub fn briefing_file() -> impl Strategy<Value = String> {
    let file = || {
        (front_matter(), body(), any::<bool>()).prop_map(|(fm, body, closed)| {
            let close = if closed { "---\n" } else { "" };
            format!("---\n{fm}{close}{body}")
        })
    };
    prop_oneof![
        6 => file(),
        2 => (file(), prop::collection::vec(edit(), 1..4)).prop_map(|(f, e)| apply(&f, &e)),
        1 => "\\PC{0,200}",
        1 => prop::collection::vec(any::<u8>(), 0..300)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}
