//! `base_url`: the address the site is published at, split into origin and path, and the
//! warnings about an address that will not serve readers well (still `sitrep init`'s
//! placeholder; http on GitHub Pages, which serves https only).

use crate::diagnostics::Diagnostic;

use super::{CONFIG_FILE, Config};

/// `base_url` split into the origin (`https://org.github.io`) and the path (`/briefings/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    pub origin: String,
    /// Always starts and ends with `/`.
    pub path: String,
}

impl BaseUrl {
    /// Parses an absolute http(s) URL; the path gets a trailing `/` if it lacks one.
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        let rest = text
            .strip_prefix("https://")
            .map(|r| ("https://", r))
            .or_else(|| text.strip_prefix("http://").map(|r| ("http://", r)));
        let Some((scheme, rest)) = rest else {
            return Err(format!(
                "`{text}` is not an absolute http(s) URL; write it like `https://example.org/` or `https://org.github.io/briefings/`"
            ));
        };
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if host.is_empty() || host.contains(['?', '#', ' ']) {
            return Err(format!("`{text}` has no valid host name"));
        }
        if path.contains(['?', '#']) {
            return Err(format!("`{text}` may not have a query or fragment"));
        }
        let mut path = path.to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl {
            origin: format!("{scheme}{host}"),
            path,
        })
    }

    /// Whether this is (still) the placeholder `sitrep init` writes, `YOUR-ORG`/`YOUR-REPO`.
    pub fn is_placeholder(&self) -> bool {
        let full = self.full().to_ascii_uppercase();
        full.contains("YOUR-ORG") || full.contains("YOUR-REPO")
    }

    /// The full base URL, always ending with `/`.
    pub fn full(&self) -> String {
        format!("{}{}", self.origin, self.path)
    }

    /// A site path (`/tags/`) under the base path (`/briefings/tags/`).
    pub fn path_for(&self, site_path: &str) -> String {
        let site_path = site_path.trim_start_matches('/');
        format!("{}{}", self.path, site_path)
    }

    /// A site path as an absolute URL.
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, self.path_for(site_path))
    }
}

/// The warning for a `base_url` that is still the placeholder `sitrep init` writes
/// (`--base-url` replaces it, and is never one).
pub(super) fn placeholder(config: &Config) -> Option<Diagnostic> {
    if !config.base_url.is_placeholder() {
        return None;
    }
    let (line, col) = config.base_url_at.unwrap_or_default();
    Some(
        Diagnostic::warning(
            CONFIG_FILE,
            line,
            col,
            format!(
                "`base_url` is still the placeholder {}: feeds, the sitemap and links shared from \
                 the site would point nowhere",
                config.base_url.full()
            ),
        )
        .with_hint(
            "set it to the address the site is published at, such as \
             https://<org>.github.io/<repo>/ for GitHub Pages (the Pages workflow builds with \
             that address anyway)",
        )
        .with_rule("site.yaml"),
    )
}
