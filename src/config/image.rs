//! `image:` and `image_alt:` in site.yaml: the desk's card image, used for link previews of
//! every page without an image of its own. The address is checked as front matter's is;
//! whether the file exists under static/ is checked with the theme, by the checks.

use crate::diagnostics::Diagnostic;
use crate::image::{IMAGE_KEYS, LeadImage, SRC_HINT, parse_src};
use crate::yaml::Entry;

use super::CONFIG_FILE;
use super::problem::position;

/// The site's default image from site.yaml's `entries`, with the errors about it (an image
/// without alt text is a warning of `config_warnings`, as a config that loads has no other
/// way to carry one).
pub(super) fn read_image(entries: &[Entry], text: &str) -> (Option<LeadImage>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let find = |key: &str| entries.iter().find(|e| e.key == key);
    let at = |entry: &Entry| position(&entry.value.place(), entry, text);
    let error = |entry: &Entry, message: String, hint: &str| {
        let (line, col) = at(entry);
        Diagnostic::error(CONFIG_FILE, line, col, message)
            .with_hint(hint)
            .with_source_line(text)
    };
    let text_of = |entry: &Entry| {
        entry
            .value
            .as_scalar_text()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .ok_or_else(|| format!("`{}` must be text, found {}", entry.key, entry.value.kind()))
    };
    let alt = match find(IMAGE_KEYS[1]).map(|e| (e, text_of(e))) {
        Some((_, Ok(alt))) => Some(alt),
        Some((entry, Err(message))) => {
            errors.push(error(entry, message, "describe the image in a sentence"));
            None
        }
        None => None,
    };
    let image = match find(IMAGE_KEYS[0]) {
        Some(entry) => match text_of(entry)
            .map_err(|m| (m, SRC_HINT.to_string()))
            .and_then(|t| parse_src(&t))
        {
            Ok(src) => {
                let (line, col) = at(entry);
                Some(LeadImage {
                    line,
                    col,
                    src,
                    alt,
                    caption: None,
                    caption_text: None,
                    caption_markdown: None,
                    credit: None,
                    size: None,
                })
            }
            Err((message, hint)) => {
                errors.push(error(entry, message, &hint));
                None
            }
        },
        None => {
            if let Some(entry) = find(IMAGE_KEYS[1]) {
                errors.push(error(
                    entry,
                    "`image_alt` describes an image, but there is no `image:`".into(),
                    "add `image:` with the card image's path under static/ (like `/images/card.png`), or remove `image_alt:`",
                ));
            }
            None
        }
    };
    crate::diagnostics::set_rule(&mut errors, "site.yaml");
    (image, errors)
}

/// The warning for a default image without alt text.
pub(super) fn missing_alt(image: &LeadImage) -> Option<Diagnostic> {
    image.alt.is_none().then(|| {
        Diagnostic::warning(
            CONFIG_FILE,
            image.line,
            image.col,
            "the site's image has no text alternative",
        )
        .with_hint("describe the image for readers who cannot see it: add `image_alt:`")
        .with_rule("site.yaml")
    })
}

#[cfg(test)]
mod tests {
    use super::super::parse_config;

    #[test]
    fn the_default_image_is_read_with_its_alt_text() {
        let config =
            parse_config("title: T\nbase_url: https://example.org/\nimage: /card.svg\nimage_alt: The desk's card\n").unwrap();
        let image = config.image.unwrap();
        assert_eq!(image.src, "/card.svg");
        assert_eq!(image.alt.as_deref(), Some("The desk's card"));
        assert_eq!((image.line, image.col), (3, 8));
    }

    #[test]
    fn a_bad_address_and_alt_text_alone_are_errors_at_their_lines() {
        let errors = parse_config("title: T\nbase_url: https://example.org/\nimage: card.svg\n")
            .unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].col), (3, 8));
        let errors = parse_config("title: T\nbase_url: https://example.org/\nimage_alt: A card\n")
            .unwrap_err();
        assert!(errors[0].message.contains("no `image:`"));
    }

    #[test]
    fn an_image_without_alt_text_is_a_warning() {
        let config =
            parse_config("title: T\nbase_url: https://example.org/\nimage: /card.svg\n").unwrap();
        let warnings = super::super::config_warnings(&config);
        assert_eq!(warnings.len(), 1);
        assert!(!warnings[0].is_error());
    }
}
