//! YAML syntax errors in front matter point at the line an editor must fix (where a quote or
//! `[` opens, the tab, the mis-indented line), in plain words, never in the YAML library's.
//! `tests/fixtures/errors-yaml/content/` holds one file per mistake, each on a deliberate line.

use crate::harness::TestSite;

/// One mistake: file, `line:col`, message, hint, and the text of the line shown.
struct Case {
    file: &'static str,
    at: &'static str,
    message: &'static str,
    hint: &'static str,
    line: &'static str,
}

const CASES: &[Case] = &[
    Case {
        file: "unclosed-double-quote.md",
        at: "4:10",
        message: "the `\"` that opens this value is never closed",
        hint: "end the value with `\"` on the same line (write `\\\"` for a quote inside it)",
        line: "summary: \"Negotiators left without a new date.",
    },
    Case {
        file: "unclosed-single-quote.md",
        at: "2:8",
        message: "the `'` that opens this value is never closed",
        hint: "end the value with `'` on the same line (write `''` for an apostrophe inside it)",
        line: "title: 'Talks stall",
    },
    Case {
        file: "unclosed-list.md",
        at: "5:7",
        message: "the `[` that opens this list is never closed",
        hint: "end the list with `]` on the same line: `tags: [peace-talks, territory]`",
        line: "tags: [peace-talks, territory",
    },
    Case {
        file: "tab-indent.md",
        at: "6:1",
        message: "this line is indented with a tab",
        hint: "use spaces, not a tab: YAML counts only spaces as indentation",
        line: "\t- territory",
    },
    Case {
        file: "key-under-value.md",
        at: "4:3",
        message: "`summary:` is indented under `date:`, which already has a value",
        hint: "start `summary:` in the same column as `date:` (column 1)",
        line: "  summary: Negotiators left without a new date.",
    },
    Case {
        file: "misaligned-item.md",
        at: "7:4",
        message: "this list item is not lined up with the items above it",
        hint: "start every `- ` of a list in the same column (column 3, like the first item)",
        line: "   - title: AP report",
    },
    Case {
        file: "misaligned-field.md",
        at: "7:3",
        message: "`publisher:` is not lined up with the fields of the list item above",
        hint: "start `publisher:` in the same column as `url:` (column 5), or begin a new item with `- `",
        line: "  publisher: Reuters",
    },
    Case {
        file: "missing-space.md",
        at: "3:5",
        message: "`date:` needs a space after the colon",
        hint: "write `date: 2025-07-22`",
        line: "date:2025-07-22",
    },
    Case {
        file: "stray-item.md",
        at: "5:3",
        message: "this list item is under `tags:`, which already has a value on its own line",
        hint: "for a list, put nothing after `tags:` and each item on its own `- ` line, or write `tags: [a, b]`",
        line: "  - territory",
    },
    Case {
        file: "colon-in-value.md",
        at: "2:13",
        message: "the value of `title` contains `: `, which YAML reads as the start of a new key",
        hint: "put the value in quotes: `title: \"Talks: day two\"`",
        line: "title: Talks: day two",
    },
    Case {
        file: "text-after-quote.md",
        at: "2:16",
        message: "text follows the closing quote of this value",
        hint: "a quoted value ends at its closing quote: quote the whole value, or leave the quotes out",
        line: "title: \"Talks\" stall again",
    },
    Case {
        file: "unindented-continuation.md",
        at: "4:1",
        message: "this line is neither `key: value` nor indented under a key",
        hint: "if it continues the value above, indent it with spaces, or put the value on one line",
        line: "without a new date.",
    },
];

/// Words of the YAML library that must never reach an editor.
const INTERNALS: &[&str] = &[
    "did not find expected",
    "while parsing",
    "while scanning",
    "mapping values are not allowed",
    "could not find expected",
    "found unexpected",
    "violates indentation",
    "block collection",
    "block mapping",
    "simple key",
    "at position",
    "end of stream",
    "not valid YAML:",
];

fn assert_no_internals(output: &str) {
    for words in INTERNALS {
        assert!(!output.contains(words), "`{words}` shown:\n{output}");
    }
}

#[test]
fn build_points_at_each_mistake_in_plain_words() {
    let site = TestSite::fixture("errors-yaml");
    let run = site.build();
    run.assert_code(1);
    let mut missing = Vec::new();
    for case in CASES {
        let (number, _) = case.at.split_once(':').unwrap();
        let header = format!(
            "content/{}:{}: error: {}\n",
            case.file, case.at, case.message
        );
        let excerpt = format!(" {number} | {}\n", case.line);
        let hint = format!("= hint: {}\n", case.hint);
        let found = run.stderr.split("\n\n").any(|block| {
            let block = format!("{block}\n");
            block.starts_with(&header) && block.contains(&excerpt) && block.contains(&hint)
        });
        if !found {
            missing.push(format!("{header}{excerpt}{hint}"));
        }
    }
    assert!(
        missing.is_empty(),
        "not reported as expected:\n{}\nstderr:\n{}",
        missing.join("\n"),
        run.stderr
    );
    assert_no_internals(&run.stderr);
}

#[test]
fn check_reports_the_same_positions_and_words() {
    let site = TestSite::fixture("errors-yaml");
    let run = site.run(&["check", "--format", "github"]);
    run.assert_code(1);
    for case in CASES {
        let (line, col) = case.at.split_once(':').unwrap();
        // GitHub annotations show the text rendering's words, backticks included.
        let annotation = format!(
            "::error file=content/{},line={line},col={col},title=sitrep%3A front matter::{} — {}",
            case.file, case.message, case.hint
        );
        assert!(
            run.stdout.lines().any(|l| l == annotation),
            "missing `{annotation}` in:\n{}",
            run.stdout
        );
    }
    assert_no_internals(&run.stdout);
    let text = site.run(&["check"]);
    text.assert_code(1);
    for case in CASES {
        let header = format!(
            "content/{}:{}: error: {}\n",
            case.file, case.at, case.message
        );
        assert!(
            text.stdout.contains(&header),
            "missing `{header}` in:\n{}",
            text.stdout
        );
    }
    assert_no_internals(&text.stderr);
    assert_no_internals(&text.stdout);
}
