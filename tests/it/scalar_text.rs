//! Front-matter values that YAML reads as numbers or booleans are shown as the editor wrote
//! them (`1e3` stays "1e3", not "1000.0"); `draft:` still needs a real boolean.

use crate::harness::{MINIMAL_CONFIG, TestSite};

fn site() -> TestSite {
    let site = TestSite::with_config(&format!("{MINIMAL_CONFIG}taxonomies: [tags, regions]\n"));
    site.briefing(
        "numbers.md",
        "title: 1e3\ndate: 2025-07-21\nsummary: 0o17\ntags: [1.50, +12, no, on, 0x1F]\nregions: 012\nsources:\n  - title: .inf\n    url: https://www.reuters.com/a\n    publisher: 1_000",
        "Body.",
    );
    site.briefing(
        "yes.md",
        "title: True\ndate: 2025-07-22\ntags:\n  - -0\n  - FALSE",
        "Body.",
    );
    site
}

#[test]
fn titles_summaries_terms_and_sources_keep_the_written_text() {
    let site = site();
    site.build().assert_ok();
    let page = site.read("2025/07/numbers/index.html");
    for shown in [
        "<h1 class=\"briefing-title\">1e3</h1>",
        "<p class=\"standfirst\">0o17</p>",
        ">1.50</a>",
        ">+12</a>",
        ">no</a>",
        ">on</a>",
        ">0x1F</a>",
        ">012</a>",
        ">.inf</a>",
        ", 1_000</span>",
    ] {
        assert!(page.contains(shown), "`{shown}` not on the page:\n{page}");
    }
    for reprinted in ["1000.0", ">1.5<", ">12<", ">31<", ">15<", ">1000<"] {
        assert!(
            !page.contains(reprinted),
            "`{reprinted}` on the page:\n{page}"
        );
    }
    let page = site.read("2025/07/yes/index.html");
    assert!(
        page.contains("<h1 class=\"briefing-title\">True</h1>"),
        "{page}"
    );
    assert!(
        page.contains(">-0</a>") && page.contains(">FALSE</a>"),
        "{page}"
    );
    // Term pages are named after the written text too.
    assert!(site.read("tags/1-50/index.html").contains("1.50"));
}

#[test]
fn draft_takes_true_or_false_only() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("a.md", "title: A\ndate: 2025-07-21\ndraft: True", "Body.");
    site.briefing("b.md", "title: B\ndate: 2025-07-21\ndraft: yes", "Body.");
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("content/b.md:4:8: error: `draft` must be true or false, found text"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("content/a.md"), "{}", run.stderr);
}

#[test]
fn null_is_nothing_and_quoted_null_is_the_word() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("a.md", "title: null\ndate: 2025-07-21", "Body.");
    site.briefing("b.md", "title: \"null\"\ndate: 2025-07-21", "Body.");
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("content/a.md:2:8: error: `title` is empty"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("content/b.md"), "{}", run.stderr);
}

/// `yes`, `no`, `on` and `off` are words in YAML 1.2: the hint says which boolean they meant,
/// so `draft: no` is not told to write `draft: true`. Briefings, pages and site.yaml alike.
#[test]
fn a_yes_or_no_word_is_told_the_boolean_it_meant() {
    let site = TestSite::with_config(&format!("{MINIMAL_CONFIG}search: no\n"));
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stdout.contains(
            "bad value for `search`: expected `true` (the default) or `false`; write `search: false`: YAML reads `no` as a word, not as yes or no"
        ),
        "{}",
        run.stdout
    );

    site.write("site.yaml", MINIMAL_CONFIG);
    site.briefing("a.md", "title: A\ndate: 2025-07-21\ndraft: no", "Body.");
    site.briefing("b.md", "title: B\ndate: 2025-07-21\ndraft: Yes", "Body.");
    site.write(
        "pages/about.md",
        "---\ntitle: About\ndraft: off\n---\nText.\n",
    );
    let run = site.run(&["check", "--format", "github"]);
    run.assert_code(1);
    for expected in [
        "file=content/a.md,line=4,col=8,title=sitrep%3A front matter::`draft` must be true or false, found text — write `draft: false`: YAML reads `no` as a word, not as yes or no",
        "file=content/b.md,line=4,col=8,title=sitrep%3A front matter::`draft` must be true or false, found text — write `draft: true`: YAML reads `Yes` as a word, not as yes or no",
        "file=pages/about.md,line=3,col=8,",
    ] {
        assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
    }
    assert!(
        run.stdout
            .contains("write `draft: false`: YAML reads `off` as a word"),
        "{}",
        run.stdout
    );
}
