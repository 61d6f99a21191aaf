//! Property tests for the loader: arbitrary bytes and arbitrary front matter never panic,
//! and always give either a briefing or diagnostics whose line exists in the file.

use std::path::Path;

use proptest::prelude::*;
use sitrep::config::{Config, parse_config};
use sitrep::content::parse_briefing;

fn config() -> Config {
    parse_config("title: T\nbase_url: https://e.org/\ntaxonomies: [tags, regions, actors]\n")
        .unwrap()
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let lines = text.lines().count().max(1);
    match parse_briefing(Path::new("content/fuzz.md"), text, &config()) {
        Ok(b) => {
            prop_assert!(!b.title.is_empty());
            prop_assert!(!b.slug.is_empty());
        }
        Err(diagnostics) => {
            prop_assert!(!diagnostics.is_empty());
            for d in diagnostics {
                prop_assert!(
                    d.line >= 1 && d.line <= lines + 1,
                    "line {} of {lines}: {d}",
                    d.line
                );
                prop_assert_eq!(d.path.to_string_lossy(), "content/fuzz.md");
            }
        }
    }
    Ok(())
}

/// Front-matter-like values: plausible, broken and hostile.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2025-07-21".to_string()),
        Just("2023-02-29".to_string()),
        Just("2025-07-21T14:30:00+03:00".to_string()),
        Just("[a, b".to_string()),
        Just("[peace-talks, Київ, São Tomé]".to_string()),
        Just("{ title: x, url: y }".to_string()),
        Just("\n  - title: S\n    url: https://e.org\n  - nope".to_string()),
        Just("\"unterminated".to_string()),
        Just("&anchor value".to_string()),
        Just("*alias".to_string()),
        Just("!!binary AAAA".to_string()),
        Just("..".to_string()),
        Just("".to_string()),
        "[ -~]{0,20}",
        "\\PC{0,12}",
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("title".to_string()),
        Just("date".to_string()),
        Just("updated".to_string()),
        Just("tags".to_string()),
        Just("regions".to_string()),
        Just("sources".to_string()),
        Just("status".to_string()),
        Just("slug".to_string()),
        Just("draft".to_string()),
        Just("extra".to_string()),
        Just("tgas".to_string()),
        "[a-z]{1,8}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn arbitrary_front_matter_never_panics(
        fields in proptest::collection::vec((key(), value()), 0..10),
        closed in any::<bool>(),
        body in "\\PC{0,80}",
    ) {
        let mut text = String::from("---\n");
        for (k, v) in &fields {
            text.push_str(&format!("{k}: {v}\n"));
        }
        if closed {
            text.push_str("---\n");
        }
        text.push_str(&body);
        check(&text)?;
    }
}
