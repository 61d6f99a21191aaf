//! Syntax errors in plain words at the line to fix, for each kind of mistake; and no YAML
//! library wording, whatever the input.

use crate::yaml::{SyntaxError, parse_mapping};

/// Words of the YAML library that must never reach an editor.
const INTERNALS: &[&str] = &[
    "did not find expected",
    "while parsing",
    "while scanning",
    "mapping values are not allowed",
    "could not find expected",
    "found unexpected",
    "found character",
    "violates indentation",
    "block collection",
    "block mapping",
    "simple key",
    "at position",
    "at line",
    "end of stream",
    "EOF",
    "recursion limit",
    "invalid type",
    "invalid value",
    "deserializ",
    "Scalar",
];

#[track_caller]
fn err(yaml: &str) -> SyntaxError {
    let e = parse_mapping(yaml).expect_err(yaml);
    let words = format!("{} {}", e.message, e.hint.as_deref().unwrap_or(""));
    for internal in INTERNALS {
        assert!(
            !words.contains(internal),
            "`{internal}` in {e:?} for {yaml:?}"
        );
    }
    assert!(e.hint.is_some(), "{e:?}");
    e
}

/// Asserts the error for `yaml` is at `line:col` with a message starting with `message`.
#[track_caller]
fn at(yaml: &str, line: usize, col: usize, message: &str) {
    let e = err(yaml);
    assert_eq!((e.line, e.col), (line, col), "{e:?} for {yaml:?}");
    assert!(e.message.starts_with(message), "{e:?} for {yaml:?}");
}

#[test]
fn unclosed_quotes_point_where_they_open() {
    at(
        "title: A\nsummary: \"open\ndate: x\n",
        2,
        10,
        "the `\"` that opens",
    );
    at(
        "title: 'open\ndate: x\nsummary: 'closed'\n",
        1,
        8,
        "the `'` that opens",
    );
    at("tags: [a, 'b]\ntitle: x\n", 1, 11, "the `'` that opens");
    at(
        "sources:\n  - title: \"open\n    url: x\n",
        2,
        12,
        "the `\"` that opens",
    );
    at(
        "title: \"Київ — open\ndate: x\n",
        1,
        8,
        "the `\"` that opens",
    );
}

#[test]
fn a_quote_over_several_lines_is_not_blamed_for_a_later_mistake() {
    at(
        "title: \"Kyiv\n  talks\"\ndate: a: b\n",
        3,
        8,
        "the value of `date` contains `: `",
    );
    at(
        "tags: [a,\n  b]\ntitle: a: b\n",
        3,
        9,
        "the value of `title`",
    );
}

#[test]
fn unclosed_brackets_point_where_they_open() {
    let e = err("title: A\ntags: [a, [b, c\nstatus: x\n");
    assert_eq!((e.line, e.col), (2, 7), "{e:?}");
    assert_eq!(
        e.hint.as_deref(),
        Some("end the list with `]]` on the same line: `tags: [a, [b, c]]`")
    );
    at(
        "extra: {a: 1\ntitle: x\n",
        1,
        8,
        "the `{` that opens this mapping",
    );
    at("x: [\n", 1, 4, "the `[` that opens");
}

#[test]
fn tabs_in_the_indentation_are_named() {
    at(
        "title: A\n\tdate: x\n",
        2,
        1,
        "this line is indented with a tab",
    );
    at("\ttitle: A\n", 1, 1, "this line is indented with a tab");
    at("tags:\n  \t- a\n", 2, 3, "this line is indented with a tab");
    // A tab inside a `|` text is text.
    assert!(parse_mapping("extra:\n  code: |\n    a\n    \tb\n").is_ok());
}

#[test]
fn indentation_mistakes_point_at_the_line() {
    at(
        "title: A\ndate: x\n  summary: y\n",
        3,
        3,
        "`summary:` is indented under `date:`",
    );
    at(
        "sources:\n  - title: S\n     url: u\n",
        3,
        6,
        "`url:` is indented under `title:`",
    );
    at(
        "tags:\n  - a\n   - b\n",
        3,
        4,
        "this list item is not lined up",
    );
    at(
        "summary: one\nmore text\ndate: x\n",
        2,
        1,
        "this line is neither `key: value` nor indented under a key",
    );
}

#[test]
fn list_items_under_a_value_are_errors_even_though_yaml_reads_them_as_text() {
    at(
        "title: A\n  - b\n",
        2,
        3,
        "this list item is under `title:`",
    );
    at("title: A\n- b\n", 2, 1, "this list item is under `title:`");
    at(
        "tags:\n- a\n - b\n",
        3,
        2,
        "this list item is not lined up with the items above it",
    );
    at(
        "summary: one\n  two\n  - three\n",
        3,
        3,
        "this list item is under `summary:`",
    );
    // A real list, and a `- ` inside quoted or `|` text, are fine.
    for ok in [
        "tags:\n  - a\n  - b\n",
        "tags:\n- a\n- b\n",
        "summary: \"one\n  - two\"\n",
        "summary: |\n  one\n  - two\n",
        "summary: a - b\n",
    ] {
        assert!(parse_mapping(ok).is_ok(), "{ok:?}");
    }
}

#[test]
fn a_missing_space_after_the_colon_is_named() {
    at(
        "title:Kyiv\n",
        1,
        6,
        "`title:` needs a space after the colon",
    );
    at(
        "title:Kyiv talks\ndate: x\n",
        1,
        6,
        "`title:` needs a space",
    );
    at("title: A\ndate:2025-07-21\n", 2, 5, "`date:` needs a space");
    at(
        "extra:\n  caption:Front\n  other: x\n",
        2,
        10,
        "`caption:` needs a space",
    );
    let e = err("title: A\ndate:2025-07-21\n");
    assert_eq!(e.hint.as_deref(), Some("write `date: 2025-07-21`"));
    // An address is not a key.
    assert!(parse_mapping("url: https://e.org/a:b\n").is_ok());
}

#[test]
fn values_that_yaml_reads_as_syntax_are_named() {
    let e = err("title: Talks: day \"two\"\n");
    assert_eq!((e.line, e.col), (1, 13));
    assert_eq!(
        e.hint.as_deref(),
        Some("put the value in quotes: `title: \"Talks: day \\\"two\\\"\"`")
    );
    at("title: \"A\" b\n", 1, 12, "text follows the closing quote");
    at("tags: [a]]\n", 1, 10, "this `]` closes nothing");
    at("title: @handle\n", 1, 8, "a value cannot start with `@`");
    at("title: `x`\n", 1, 8, "a value cannot start with a backtick");
    let e = err("title: @handle on X\n");
    assert_eq!(
        e.hint.as_deref(),
        Some("put the value in quotes: `title: \"@handle on X\"`")
    );
    at("title: *x\n", 1, 8, "a value that starts with `&` or `*`");
    at(
        "title: - a\n",
        1,
        8,
        "a list cannot start on the line of its key",
    );
    at("summary: \"C:\\q\"\n", 1, 13, "this `\\` starts an escape");
    at("title: |x\n", 1, 9, "unexpected text after `|` or `>`");
}

#[test]
fn other_errors_still_name_the_line_in_plain_words() {
    at("a: 1\n...\nb: 2\n", 2, 1, "a line starting with `...`");
    at("a: 1\n--- x\n", 2, 1, "a line starting with `---`");
    at(
        "title: a\u{7}b\n",
        1,
        9,
        "this line contains an invisible control character (U+0007)",
    );
    at("%YAML 2.0\n---\na: b\n", 1, 1, "a line starting with `%`");
    at(
        "a: !!int x\n",
        1,
        4,
        "a value that starts with `!` is read as a YAML tag",
    );
    at(
        "title: A\nsources:\n  - title: S\n    url: u\n    url: v\n",
        5,
        5,
        "`url` is written twice",
    );
    at(
        "title: A\nsources:\n  - title: S\ntitle: B\n",
        4,
        1,
        "`title` is written twice",
    );
    at("title:\n  a: 1\n  a: 2\n", 3, 3, "`a` is written twice");
    let deep = format!("a: {}{}\n", "[".repeat(200), "]".repeat(200));
    err(&deep);
    for yaml in [
        "a: !!int x\n",
        "a: !!bool maybe\n",
        "a: [,]\n",
        "? [a\n",
        "%YAML 2.0\n---\na: b\n",
        "a: [a, b]: c\n",
        "a: {b: c]\n",
        "- a\n- b: [\n",
        "a: \"\\xZZ\"\n",
        "a: b\n  c: d\n    e: f\n",
        "&a a: *b\n",
        "a:\n  - b\n  c: d\n",
    ] {
        err(yaml);
    }
}

/// Found by the fuzzer: the crate counts a lone `\r` (and NEL, LS, PS) as a line break, so
/// its line numbers ran ahead of the file's after one.
#[test]
fn line_breaks_only_yaml_counts_do_not_shift_the_line() {
    at("a: \"x\ry\"\nb: c: d\n", 2, 5, "the value of `b`");
    at("a: 'x\u{2028}y'\nb: c: d\n", 2, 5, "the value of `b`");
    at(
        "a: x\u{85}y\nb: c: d\n",
        1,
        5,
        "this line contains an invisible line break (U+0085)",
    );
    at("a: [x,\r y, \"z\ry\"]\nb: c: d\n", 2, 5, "the value of `b`");
    at(
        "sources:\n  - title: \"\r\"\n    url: u\n    url: v\n",
        4,
        5,
        "`url` is written twice",
    );
    // Windows line ends are one break, as in the file.
    at(
        "title: A\r\ntags: [a, b\r\nstatus: x\r\n",
        2,
        7,
        "the `[` that opens",
    );
    at(
        "title: A\r\ndate: x\r\n  summary: y\r\n",
        3,
        3,
        "`summary:` is indented",
    );
}
