//! The pixel sizes of the site's own images (`static/`), read from their headers (a few
//! bytes of each file) once per build: every `<img>` of a page gets its `width` and `height`,
//! so the browser keeps room for an image before it arrives and the text does not jump
//! while a reader is on it. PNG, JPEG, GIF, WebP and AVIF through the `imagesize` crate (the
//! only module that knows it); SVG from its root element.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use crate::url_path::percent_decode;

/// File extensions of the images whose size is read (lower case).
const RASTER: [&str; 6] = ["png", "jpg", "jpeg", "gif", "webp", "avif"];

/// Width and height in pixels, by path under static/ (`images/map.png`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImageSizes {
    sizes: BTreeMap<String, (u32, u32)>,
}

impl ImageSizes {
    /// The sizes of the images under `static_dir` (none when it does not exist). A file
    /// whose size cannot be read is left out: its `<img>` simply has no size.
    pub fn scan(static_dir: &Path) -> ImageSizes {
        let files: Vec<(String, std::path::PathBuf)> = walkdir::WalkDir::new(static_dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_file() && is_image(entry.path()))
            .filter_map(|entry| {
                let relative = entry.path().strip_prefix(static_dir).ok()?;
                let key = relative.to_str()?.replace('\\', "/");
                Some((key, entry.into_path()))
            })
            .collect();
        let sizes = files
            .par_iter()
            .filter_map(|(key, path)| size_of(path).map(|size| (key.clone(), size)))
            .collect();
        ImageSizes { sizes }
    }

    /// The size of the image at `src` as written in a page (`/images/map.png`); None for an
    /// address on the web or a file whose size is unknown.
    pub fn get(&self, src: &str) -> Option<(u32, u32)> {
        self.sizes.get(Self::key(src)?.as_ref()).copied()
    }

    /// The file under static/ that `src` names (`/images/front%20line.png?v=2` →
    /// `images/front line.png`), as sizes are kept; None for an address on the web.
    pub fn key(src: &str) -> Option<Cow<'_, str>> {
        let path = src.strip_prefix('/').filter(|p| !p.starts_with('/'))?;
        let path = path.split(['?', '#']).next().unwrap_or(path);
        Some(percent_decode(path))
    }

    /// The files (keys, as `key` gives them) whose size differs between `self` and `other`,
    /// added and removed ones included.
    pub fn changed(&self, other: &ImageSizes) -> Vec<String> {
        let mut paths: Vec<String> = self
            .sizes
            .iter()
            .filter(|(path, size)| other.sizes.get(*path) != Some(size))
            .chain(
                other
                    .sizes
                    .iter()
                    .filter(|(path, _)| !self.sizes.contains_key(*path)),
            )
            .map(|(path, _)| path.clone())
            .collect();
        paths.sort();
        paths
    }
}

fn is_image(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|e| e == "svg" || RASTER.contains(&e.as_str()))
}

fn size_of(path: &Path) -> Option<(u32, u32)> {
    let svg = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if svg {
        // The root element is near the start; a whole file is read only when it is small.
        let text = std::fs::read(path).ok()?;
        return svg_size(&String::from_utf8_lossy(&text[..text.len().min(64 * 1024)]));
    }
    let size = imagesize::size(path).ok()?;
    let width = u32::try_from(size.width).ok()?;
    let height = u32::try_from(size.height).ok()?;
    (width > 0 && height > 0).then_some((width, height))
}

/// An SVG's size from its root element: `width` and `height` in pixels (a number, or one
/// ending in `px`), else the last two numbers of `viewBox`. Sizes in other units (`%`, `em`)
/// are not pixels: none.
pub(crate) fn svg_size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let end = start + text[start..].find('>')?;
    let tag = &text[start..end];
    let attribute = |name: &str| -> Option<&str> {
        let mut rest = tag;
        loop {
            let at = rest.find(name)?;
            let before = rest[..at].chars().next_back();
            let after = rest[at + name.len()..].trim_start();
            rest = &rest[at + name.len()..];
            if !before.is_some_and(char::is_whitespace) {
                continue;
            }
            let Some(value) = after.strip_prefix('=') else {
                continue;
            };
            let value = value.trim_start();
            let quote = value.chars().next().filter(|q| *q == '"' || *q == '\'')?;
            let value = &value[1..];
            return value.find(quote).map(|close| &value[..close]);
        }
    };
    let pixels = |value: &str| -> Option<u32> {
        let number = value.trim().trim_end_matches("px").trim();
        let number: f64 = number.parse().ok()?;
        (number.is_finite() && number >= 1.0 && number <= f64::from(u32::MAX))
            .then(|| number.round() as u32)
    };
    if let (Some(w), Some(h)) = (attribute("width"), attribute("height")) {
        return Some((pixels(w)?, pixels(h)?));
    }
    let view_box: Vec<&str> = attribute("viewBox")?
        .split([' ', ',', '\t', '\n'])
        .filter(|part| !part.is_empty())
        .collect();
    match view_box.as_slice() {
        [_, _, w, h] => Some((pixels(w)?, pixels(h)?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG of `width` × `height` as far as its header goes (what sizes are read from).
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    #[test]
    fn sizes_are_read_for_the_images_of_static_and_follow_changes() {
        let dir = tempfile::tempdir().unwrap();
        let images = dir.path().join("images");
        std::fs::create_dir_all(&images).unwrap();
        std::fs::write(images.join("map.png"), png_header(640, 360)).unwrap();
        std::fs::write(
            images.join("chart.svg"),
            "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1200 630\"></svg>",
        )
        .unwrap();
        std::fs::write(images.join("broken.jpg"), "not a jpeg").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "text").unwrap();
        let sizes = ImageSizes::scan(dir.path());
        assert_eq!(sizes.get("/images/map.png"), Some((640, 360)));
        assert_eq!(sizes.get("/images/map.png?v=2"), Some((640, 360)));
        std::fs::write(images.join("front line.png"), png_header(320, 180)).unwrap();
        let sizes = ImageSizes::scan(dir.path());
        assert_eq!(sizes.get("/images/front%20line.png"), Some((320, 180)));
        assert_eq!(sizes.get("/images/front line.png"), Some((320, 180)));
        assert_eq!(sizes.get("//cdn.example.org/images/map.png"), None);
        std::fs::remove_file(images.join("front line.png")).unwrap();
        let sizes = ImageSizes::scan(dir.path());
        assert_eq!(sizes.get("/images/chart.svg"), Some((1200, 630)));
        assert_eq!(sizes.get("/images/broken.jpg"), None);
        assert_eq!(sizes.get("images/map.png"), None, "a site path starts at /");
        assert_eq!(sizes.get("https://e.org/images/map.png"), None);
        assert_eq!(
            ImageSizes::scan(&dir.path().join("none")),
            ImageSizes::default()
        );

        std::fs::write(images.join("map.png"), png_header(800, 450)).unwrap();
        std::fs::write(images.join("new.png"), png_header(10, 10)).unwrap();
        std::fs::remove_file(images.join("chart.svg")).unwrap();
        let later = ImageSizes::scan(dir.path());
        assert_eq!(
            sizes.changed(&later),
            ["images/chart.svg", "images/map.png", "images/new.png"]
        );
        assert!(later.changed(&later).is_empty());
    }

    #[test]
    fn an_svg_size_comes_from_width_and_height_in_pixels_or_the_view_box() {
        assert_eq!(
            svg_size("<svg width=\"640\" height='360px' viewBox=\"0 0 10 10\">"),
            Some((640, 360))
        );
        assert_eq!(
            svg_size("<svg xmlns=\"http://www.w3.org/2000/svg\"\n  viewBox=\"0,0,1200.4,630\">"),
            Some((1200, 630))
        );
        // Not pixels, or nothing to go by.
        assert_eq!(svg_size("<svg width=\"100%\" height=\"50%\">"), None);
        assert_eq!(svg_size("<svg>"), None);
        assert_eq!(svg_size("<html>"), None);
        // `stroke-width` is not `width`.
        assert_eq!(
            svg_size("<svg stroke-width=\"2\" viewBox=\"0 0 300 200\">"),
            Some((300, 200))
        );
    }
}
