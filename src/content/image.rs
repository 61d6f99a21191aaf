//! `image:`, `image_alt:`, `image_caption:` and `image_credit:` in the front matter of a
//! briefing, a page or a profile, read into a `LeadImage`: an error for an address that is
//! neither a site path nor a web address, for alt text, a caption or a credit without an
//! image, and for a caption that is not one paragraph; a warning for an image without alt
//! text. Whether the file exists under static/ is checked later, by the checks, which know
//! the theme.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::image::{FIGURE_KEYS, IMAGE_KEYS, LeadImage, SRC_HINT, parse_src};
use crate::markdown::smart_punctuation;
use crate::yaml::Entry;

/// Whether a front-matter key is one `read_image` reads.
pub(super) fn is_image_key(key: &str) -> bool {
    IMAGE_KEYS.contains(&key) || FIGURE_KEYS.contains(&key)
}

/// The lead image of a file from its front-matter `entries` (`line_of` gives an entry's
/// file line), with every finding about it. `text` is the whole file; links in a caption are
/// written under `base_path`.
pub(super) fn read_image(
    path: &Path,
    text: &str,
    entries: &[Entry],
    line_of: impl Fn(&Entry) -> usize,
    base_path: &str,
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
    let caption = find(FIGURE_KEYS[0]).and_then(|entry| {
        let rendered = text_of(entry).and_then(|caption| {
            let (html, plain) = crate::content::trust::render_inline(&caption, base_path)
                .map_err(|what| format!("the caption is {what}"))?;
            let at = at(entry, String::new(), "");
            Ok((html, plain, (caption, at.line, at.col)))
        });
        rendered
            .map_err(|message| {
                found.push(at(
                    entry,
                    message,
                    "a caption is one paragraph of text; links, emphasis and `code` are fine",
                ));
            })
            .ok()
    });
    let credit = find(FIGURE_KEYS[1]).and_then(|entry| {
        text_of(entry)
            .map(|credit| smart_punctuation(&credit))
            .map_err(|message| {
                found.push(at(
                    entry,
                    message,
                    "name who made the image and for whom, like `Photo: Reuters/Gleb Garanich`",
                ));
            })
            .ok()
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
                        caption: caption.as_ref().map(|(html, _, _)| html.clone()),
                        caption_text: caption.as_ref().map(|(_, text, _)| text.clone()),
                        caption_markdown: caption.as_ref().map(|(_, _, source)| source.clone()),
                        credit: credit.clone(),
                        line,
                        col,
                        size: None,
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
    if find(IMAGE_KEYS[0]).is_none() {
        for entry in FIGURE_KEYS.iter().filter_map(|key| find(key)) {
            found.push(at(
                entry,
                format!("`{}` goes with an image, but there is no `image:`", entry.key),
                "add `image:` with the image's path under static/ (like `/images/map.jpg`) or its https:// address, or remove this line",
            ));
        }
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
        read_image(
            Path::new("content/a.md"),
            &text,
            &entries,
            |e| e.line + 1,
            "/b/",
        )
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

    #[test]
    fn a_caption_is_inline_markdown_and_a_credit_plain_text() {
        let (image, found) = read(
            "image: /images/x.jpg\nimage_alt: A map\nimage_caption: The front at [Pokrovsk](/2025/07/p/), *July 2025*\nimage_credit: \"Map: ISW/Frontline Desk\"\n",
        );
        assert!(found.is_empty(), "{found:?}");
        let image = image.unwrap();
        assert_eq!(
            image.caption.as_deref(),
            Some("The front at <a href=\"/b/2025/07/p/\">Pokrovsk</a>, <em>July 2025</em>")
        );
        assert_eq!(image.credit.as_deref(), Some("Map: ISW/Frontline Desk"));
    }

    #[test]
    fn a_caption_or_credit_without_an_image_or_a_caption_of_two_paragraphs_are_errors() {
        let (image, found) = read("image_caption: A map\nimage_credit: \"Photo: AP\"\n");
        assert!(image.is_none());
        let messages: Vec<(usize, &str)> =
            found.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            messages,
            [
                (
                    2,
                    "`image_caption` goes with an image, but there is no `image:`"
                ),
                (
                    3,
                    "`image_credit` goes with an image, but there is no `image:`"
                ),
            ]
        );
        let (image, found) =
            read("image: /images/x.jpg\nimage_alt: A map\nimage_caption: \"One.\\n\\nTwo.\"\n");
        assert!(image.unwrap().caption.is_none());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].line, found[0].message.as_str()),
            (4, "the caption is more than one paragraph")
        );
    }
}
