//! The fuzz targets of `fuzz_cases.rs` as property tests with a fixed number of cases, and
//! the regressions the long fuzz run (`examples/fuzz.rs`) found, one test each.

use std::sync::atomic::Ordering;

use proptest::prelude::*;
use proptest::test_runner::TestRunner;

use crate::fuzz_cases::{
    FAST_PATH_ANSWERED, body, briefing_file, check_fast_path, check_loader, check_markdown,
    front_matter, plain_words,
};

fn holds(result: Result<(), String>) -> Result<(), TestCaseError> {
    result.map_err(TestCaseError::fail)
}

/// 10,000 front matters; the differential check means something only if the fast path
/// answers a good share of them.
#[test]
fn fast_path_agrees_with_the_crate_and_errors_are_plain() {
    const CASES: u32 = 10_000;
    let mut runner = TestRunner::new(ProptestConfig {
        cases: CASES,
        ..ProptestConfig::default()
    });
    if let Err(failure) = runner.run(&front_matter(), |text| holds(check_fast_path(&text))) {
        panic!("{failure}");
    }
    let answered = FAST_PATH_ANSWERED.load(Ordering::Relaxed);
    assert!(
        // About 40% at the time of writing.
        answered * 10 >= u64::from(CASES) * 3,
        "the fast path answered only {answered} of {CASES} cases"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn loader_diagnostics_stay_inside_the_file(text in briefing_file()) {
        holds(check_loader(&text))?;
    }

    #[test]
    fn markdown_ids_toc_and_word_count_hold_together(text in body()) {
        holds(check_markdown(&text))?;
    }
}

// ---- what the fuzzing found, as shrunk by proptest ----

/// A lone `\r` inside a quoted value: the YAML crate counts it as a line break, so the error
/// for `"\q"` was reported a line too far down (9:6, on the wrong line).
#[test]
fn a_carriage_return_in_a_value_does_not_shift_later_errors() {
    let text = "---\nd#raft: peace-talks\nupdated:\n-   regions: \"\r¡a\"\npublisher: 0b101\ntitle:\n-\n  - \"\\q\"\nk1:\n- 1e3\ndraft: 0𬺰0Aa\n---\na𐠷0Σa";
    check_loader(text).unwrap();
}

/// A heading with the id of a footnote (`{#outlook}` and `[^outlook]`): two elements with
/// one id.
#[test]
fn a_heading_does_not_take_a_footnote_id() {
    check_markdown("## Custom {#outlook}\n\n[^outlook]: Clash.").unwrap();
}

/// `true:` as a key under `extra:` showed the YAML library's words ("invalid type: boolean
/// `true`, expected a string key").
#[test]
fn a_typed_key_under_extra_is_read_as_written() {
    check_loader("---\nextra:\n true: \"\"\n---\n").unwrap();
}

/// Inline HTML, or an image followed by punctuation, split a word in two: more words were
/// counted than the body has.
#[test]
fn inline_html_and_images_do_not_split_words() {
    check_markdown("!<a>a").unwrap();
    check_markdown("This one links to ![a file that is not there](reaction.md).\n").unwrap();
}

/// A message that quotes what the editor wrote (a source `url: AEOF`) is not the YAML
/// library's words, even when the quote holds one of them: the long run flagged it.
#[test]
fn a_quoted_value_is_not_taken_for_the_yaml_librarys_words() {
    check_loader("---\nsources:\n- url: AEOF\n---\n").unwrap();
    // The library's own words, not in the input, still fail the property.
    let input = "---\ntitle: T\n";
    assert!(plain_words("message", "unexpected EOF while parsing", input).is_err());
    assert!(plain_words("message", "bad address `AEOF`", "url: AEOF").is_ok());
}
