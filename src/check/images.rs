//! Lead images (`image:` of briefings, pages and site.yaml) that name a site path: the file
//! must be one of the site's static files (its static/ folder, or the theme's), else the
//! page would be shared with a broken picture. The error names where the file was expected
//! and the closest existing file, as broken links do. An SVG image is a warning: the big
//! link-preview readers (Facebook, X, LinkedIn, Telegram) show no SVG.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::image::LeadImage;
use crate::render::Theme;
use crate::url_path::percent_encode;

use super::suggest::suggest;

/// The findings about `image` of the file at `path`: a static file that does not exist (an
/// error), an SVG (a warning).
pub(super) fn check_image(
    path: &Path,
    image: Option<&LeadImage>,
    theme: Option<&Theme>,
) -> Vec<Diagnostic> {
    let Some(image) = image else {
        return Vec::new();
    };
    let mut found: Vec<Diagnostic> = missing_file(path, image, theme).into_iter().collect();
    if is_svg(&image.src) {
        found.push(
            Diagnostic::warning(
                path,
                image.line,
                image.col,
                format!(
                    "the image `{}` is an SVG: Facebook, X, LinkedIn and Telegram show no preview picture for SVG",
                    image.src
                ),
            )
            .with_hint("use a PNG or JPEG; 1200×630 pixels is the size they ask for")
            .with_rule("images"),
        );
    }
    found
}

/// The findings about site.yaml's `image:` (the card of pages without their own).
pub(super) fn check_site_image(
    config: &crate::config::Config,
    theme: Option<&Theme>,
) -> Vec<Diagnostic> {
    check_image(
        crate::config::CONFIG_FILE.as_ref(),
        config.image.as_ref(),
        theme,
    )
}

/// Whether an image address names an SVG file (by its extension, before any query).
fn is_svg(src: &str) -> bool {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    path.to_ascii_lowercase().ends_with(".svg")
}

/// The error for an image naming a static file that does not exist; None for a web
/// address or a file that exists.
fn missing_file(path: &Path, image: &LeadImage, theme: Option<&Theme>) -> Option<Diagnostic> {
    let theme = theme?;
    let file = image.static_file()?;
    let file = file.as_ref();
    if theme.static_files.contains_key(file) {
        return None;
    }
    let nearest = suggest(file, theme.static_files.keys().map(String::as_str));
    let hint = match nearest {
        // As it must be written (`/images/front%20line.png`), so the hint is taken as is.
        Some(near) => format!("did you mean `/{}`?", percent_encode(near)),
        None => format!(
            "put the image at static/{file}, or correct the path (a file in static/ is written from the site root: static/images/map.jpg is `/images/map.jpg`)"
        ),
    };
    Some(
        Diagnostic::error(
            path,
            image.line,
            image.col,
            format!(
                "the image `{}` does not exist: it was expected at static/{file}",
                image.src
            ),
        )
        .with_hint(hint)
        .with_rule("images"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_is_told_by_its_extension_whatever_its_case_or_query() {
        assert!(is_svg("/images/card.svg"));
        assert!(is_svg("https://example.org/a/Card.SVG?v=2"));
        assert!(!is_svg("/images/card.png"));
        assert!(!is_svg("/images/svg/card.jpg"));
    }
}
