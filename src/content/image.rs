//! `image:` and `image_alt:` in the front matter of a briefing or a page, read into a
//! `LeadImage`: an error for an address that is neither a site path nor a web address and
//! for alt text without an image, a warning for an image without alt text. Whether the
//! file exists under static/ is checked later, by the checks, which know the theme.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::image::{IMAGE_KEYS, LeadImage, SRC_HINT, parse_src};
use crate::yaml::Entry;

/// The lead image of a file from its front-matter `entries` (`line_of` gives an entry's
/// file line), with every finding about it. `text` is the whole file.
pub(super) fn read_image(
    path: &Path,
    text: &str,
    entries: &[Entry],
    line_of: impl Fn(&Entry) -> usize,
) -> (Option<LeadImage>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let find = |key: &str| entries.iter().find(|e| e.key == key);
    let at = |entry: &Entry, message: String, hint: &str| {
        let line = line_of(entry);
        let col = super::unfinished::value_position(text, line, line + 1, &entry.key)
            .map_or(1, |(_, col)| col);
        Diagnostic::error(path, line, col, message)
            .with_hint(hint)
            .with_source_line(text)
    };
    let alt = find(IMAGE_KEYS[1]).and_then(|entry| match text_of(entry) {
        Ok(alt) => Some((entry, alt)),
        Err(message) => {
            found.push(at(
                entry,
                message,
                "describe the image in a sentence for readers who cannot see it",
            ));
            None
        }
    });
    let image = find(IMAGE_KEYS[0]).and_then(|entry| {
        let src = text_of(entry)
            .map_err(|message| (message, SRC_HINT.to_string()))
            .and_then(|text| parse_src(&text));
        match src {
            Ok(src) => {
                let line = line_of(entry);
                let col = at(entry, String::new(), "").col;
                Some((
                    entry,
                    LeadImage {
                        src,
                        alt: alt.as_ref().map(|(_, a)| a.clone()),
                        line,
                        col,
                    },
                ))
            }
            Err((message, hint)) => {
                found.push(at(entry, message, &hint));
                None
            }
        }
    });
    match (&image, &alt, find(IMAGE_KEYS[0])) {
        (Some((entry, _)), None, _) if find(IMAGE_KEYS[1]).is_none() => {
            let mut d = at(
                entry,
                "this image has no text alternative".into(),
                "describe the image for readers who cannot see it: add `image_alt:`",
            );
            d.severity = crate::diagnostics::Severity::Warning;
            found.push(d.with_rule("images"));
        }
        (None, Some((entry, _)), None) => found.push(at(
            entry,
            "`image_alt` describes an image, but there is no `image:`".into(),
            "add `image:` with the image's path under static/ (like `/images/map.jpg`) or its https:// address, or remove `image_alt:`",
        )),
        _ => {}
    }
    (image.map(|(_, image)| image), found)
}

/// The text of a key that must hold text.
fn text_of(entry: &Entry) -> Result<String, String> {
    super::frontmatter::non_empty_text(entry)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;

    fn read(yaml: &str) -> (Option<LeadImage>, Vec<Diagnostic>) {
        let text = format!("---\n{yaml}---\nBody.\n");
        let entries = crate::yaml::parse_mapping(yaml).unwrap();
        read_image(Path::new("content/a.md"), &text, &entries, |e| e.line + 1)
    }

    #[test]
    fn an_image_with_alt_text_is_read_at_its_value() {
        let (image, found) = read("title: T\nimage: /images/x.jpg\nimage_alt: A map\n");
        assert!(found.is_empty(), "{found:?}");
        let image = image.unwrap();
        assert_eq!(image.src, "/images/x.jpg");
        assert_eq!(image.alt.as_deref(), Some("A map"));
        assert_eq!((image.line, image.col), (3, 8));
    }

    #[test]
    fn an_image_without_alt_text_is_a_warning() {
        let (image, found) = read("image: https://example.org/x.png\n");
        assert!(image.is_some());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(
            found[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("add `image_alt:`")
        );
    }

    #[test]
    fn alt_text_without_an_image_and_a_bad_address_are_errors() {
        let (image, found) = read("image_alt: A map\n");
        assert!(image.is_none());
        assert_eq!(found.len(), 1);
        assert!(found[0].is_error());
        assert!(found[0].message.contains("no `image:`"));

        let (image, found) = read("image: images/x.jpg\nimage_alt: A map\n");
        assert!(image.is_none());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].is_error());
        assert_eq!((found[0].line, found[0].col), (2, 8));
    }
}
