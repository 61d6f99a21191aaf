//! A lead image (`image:` and `image_alt:` in front matter and site.yaml): its address as
//! written, the check of that address, and the URLs templates and metadata use. Knows no
//! file format: front matter (`content/`) and site.yaml (`config/`) read the keys and hand
//! the text here; whether the file exists under static/ is the checks' business, and its
//! pixel size is `sizes`'.

pub mod sizes;

use std::borrow::Cow;

use crate::config::BaseUrl;
use crate::url_path::{percent_decode, percent_encode};

/// The keys, in front matter and in site.yaml.
pub const IMAGE_KEYS: [&str; 2] = ["image", "image_alt"];

/// What a page shows under its image, in front matter only (site.yaml's card is never shown
/// on a page): a caption (one paragraph of inline Markdown) and a credit ("Photo: Reuters").
pub const FIGURE_KEYS: [&str; 2] = ["image_caption", "image_credit"];

/// A page's image for link previews and search results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadImage {
    /// As written: a site path (`/images/x.jpg`, before the base path) or an `http(s)://`
    /// address.
    pub src: String,
    /// The text alternative, when given.
    pub alt: Option<String>,
    /// The caption as HTML (inline Markdown rendered) and as plain text (for metadata), and
    /// the credit as written.
    pub caption: Option<String>,
    pub caption_text: Option<String>,
    /// The caption as written, with the file line and column of its value (for link checks).
    pub caption_markdown: Option<(String, usize, usize)>,
    pub credit: Option<String>,
    /// File line and column of the `image:` value, for messages about it.
    pub line: usize,
    pub col: usize,
    /// Width and height in pixels, when it is a file of static/ whose size could be read.
    pub size: Option<(u32, u32)>,
}

impl LeadImage {
    /// This image with its size from `sizes`.
    pub fn sized(mut self, sizes: &sizes::ImageSizes) -> LeadImage {
        self.size = sizes.get(&self.src);
        self
    }

    /// The file under static/ that a site path names (`images/x.jpg`; `/images/a%20b.jpg`
    /// names `images/a b.jpg`); None for an address on the web.
    pub fn static_file(&self) -> Option<Cow<'_, str>> {
        self.src.strip_prefix('/').map(percent_decode)
    }

    /// The URL on the site: the base path in front of a site path (`/briefings/images/x.jpg`),
    /// a web address as written.
    pub fn url(&self, base: &BaseUrl) -> String {
        match self.static_file() {
            Some(_) => base.path_for(&self.src),
            None => self.src.clone(),
        }
    }

    /// The absolute URL link previews need (`https://org.github.io/briefings/images/x.jpg`).
    pub fn permalink(&self, base: &BaseUrl) -> String {
        match self.static_file() {
            Some(_) => base.absolute(&self.src),
            None => self.src.clone(),
        }
    }

    /// `{url, permalink, alt, caption, credit, width, height}` for templates (`caption` is
    /// HTML; the size is in pixels, none when unknown).
    pub fn view(&self, base: &BaseUrl) -> serde_json::Value {
        serde_json::json!({
            "url": self.url(base),
            "permalink": self.permalink(base),
            "alt": self.alt,
            "caption": self.caption,
            "credit": self.credit,
            "width": self.size.map(|s| s.0),
            "height": self.size.map(|s| s.1),
        })
    }
}

/// The hint for an `image:` value that cannot be used.
pub const SRC_HINT: &str = "write the path of a file in static/ from the site root, like `/images/map.jpg` for static/images/map.jpg, or a full address starting with https://";

/// Checks the text of `image:`: a site path (`/images/x.jpg`) or an `http(s)://` address,
/// with nothing a URL cannot hold as written. Returns it trimmed, or (message, hint).
pub fn parse_src(text: &str) -> Result<String, (String, String)> {
    let src = text.trim();
    let bad = |why: &str| Err((format!("`image: {src}` {why}"), SRC_HINT.to_string()));
    if src.is_empty() {
        return Err(("`image` is empty".into(), SRC_HINT.into()));
    }
    if src.contains(char::is_whitespace) || src.contains(['"', '<', '>', '\\']) {
        // A file may well have a space in its name: say how to write it.
        return Err((
            format!(
                "`image: {src}` contains a space or a character an address cannot hold as written"
            ),
            format!(
                "write `{}` (a space is `%20` in an address), or rename the file",
                percent_encode(src)
            ),
        ));
    }
    let web = src
        .strip_prefix("https://")
        .or_else(|| src.strip_prefix("http://"));
    if let Some(rest) = web {
        let host = &rest[..rest.find('/').unwrap_or(rest.len())];
        if host.is_empty() {
            return bad("has no host name");
        }
        return Ok(src.to_string());
    }
    if src.starts_with("//") {
        return bad("has no scheme; write the full address, starting with https://");
    }
    let Some(file) = src.strip_prefix('/') else {
        return bad("is neither a site path starting with `/` nor an http(s):// address");
    };
    if file.is_empty() || file.ends_with('/') {
        return bad("names a folder, not a file");
    }
    if file.split('/').any(|part| part == ".." || part == ".") {
        return bad("may not contain `.` or `..` parts");
    }
    if file.contains(['?', '#']) {
        return bad("names a file of static/ with `?` or `#`, which is not part of its path");
    }
    Ok(src.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_and_web_addresses_are_accepted() {
        assert_eq!(parse_src(" /images/x.jpg ").unwrap(), "/images/x.jpg");
        assert_eq!(
            parse_src("https://cdn.example.org/a.png").unwrap(),
            "https://cdn.example.org/a.png"
        );
        assert!(parse_src("http://example.org").is_ok());
    }

    #[test]
    fn other_values_are_refused_with_a_reason() {
        for (text, why) in [
            ("images/x.jpg", "neither a site path"),
            ("x.jpg", "neither a site path"),
            ("ftp://example.org/x.jpg", "neither a site path"),
            ("//cdn.example.org/x.jpg", "no scheme"),
            ("https:///x.jpg", "no host"),
            ("/images/", "folder"),
            ("/", "folder"),
            ("/../secret.jpg", "`..`"),
            ("/images/my map.jpg", "a space"),
            ("/x.jpg?v=2", "`?`"),
            ("", "empty"),
        ] {
            let (message, _) = parse_src(text).unwrap_err();
            assert!(message.contains(why), "{text}: {message}");
        }
        let (_, hint) = parse_src("/images/my map.jpg").unwrap_err();
        assert!(hint.starts_with("write `/images/my%20map.jpg`"), "{hint}");
    }

    #[test]
    fn urls_honour_the_base_path_and_web_addresses_stay_as_written() {
        let base = BaseUrl::parse("https://org.github.io/briefings/").unwrap();
        let local = LeadImage {
            src: "/images/x.jpg".into(),
            alt: Some("A map".into()),
            caption: None,
            caption_text: None,
            caption_markdown: None,
            credit: None,
            line: 3,
            col: 8,
            size: None,
        };
        assert_eq!(local.url(&base), "/briefings/images/x.jpg");
        assert_eq!(
            local.permalink(&base),
            "https://org.github.io/briefings/images/x.jpg"
        );
        assert_eq!(local.static_file().as_deref(), Some("images/x.jpg"));
        let spaced = LeadImage {
            src: "/images/front%20line.jpg".into(),
            ..local.clone()
        };
        assert_eq!(
            spaced.static_file().as_deref(),
            Some("images/front line.jpg")
        );
        assert_eq!(spaced.url(&base), "/briefings/images/front%20line.jpg");
        let web = LeadImage {
            src: "https://cdn.example.org/a.png".into(),
            ..local
        };
        assert_eq!(web.url(&base), "https://cdn.example.org/a.png");
        assert_eq!(web.permalink(&base), "https://cdn.example.org/a.png");
        assert_eq!(web.static_file().as_deref(), None);
    }
}
