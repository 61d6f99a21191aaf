//! Lead images (`image:` of briefings, pages and site.yaml) that name a site path: the file
//! must be one of the site's static files (its static/ folder, or the theme's), else the
//! page would be shared with a broken picture. The error names where the file was expected
//! and the closest existing file, as broken links do.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::image::LeadImage;
use crate::render::Theme;

use super::suggest::suggest;

/// The error for `image` of the file at `path` when it names a static file that does not
/// exist; None for a web address or a file that exists.
pub(super) fn check_image(
    path: &Path,
    image: Option<&LeadImage>,
    theme: Option<&Theme>,
) -> Option<Diagnostic> {
    let (image, theme) = (image?, theme?);
    let file = image.static_file()?;
    if theme.static_files.contains_key(file) {
        return None;
    }
    let nearest = suggest(file, theme.static_files.keys().map(String::as_str));
    let hint = match nearest {
        Some(near) => format!("did you mean `/{near}`?"),
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
