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
        self.joined("", site_path)
    }

    /// The https form of an http address on GitHub Pages, which serves sites over https
    /// only; `None` for any other address.
    pub fn https_on_github_pages(&self) -> Option<String> {
        let host = self.origin.strip_prefix("http://")?;
        let name = host.split(':').next()?.trim_end_matches('.');
        let name = name.to_ascii_lowercase();
        if !(name == "github.io" || name.ends_with(".github.io")) {
            return None;
        }
        Some(format!("https://{}{}", host, self.path))
    }

    /// A site path as an absolute URL.
    pub fn absolute(&self, site_path: &str) -> String {
        self.joined(&self.origin, site_path)
    }

    /// `prefix`, the base path and `site_path` (its leading `/`s dropped), in one allocation:
    /// every view, page, feed entry and sitemap line asks for one or two of these.
    fn joined(&self, prefix: &str, site_path: &str) -> String {
        let site_path = site_path.trim_start_matches('/');
        let mut url = String::with_capacity(prefix.len() + self.path.len() + site_path.len());
        url.push_str(prefix);
        url.push_str(&self.path);
        url.push_str(site_path);
        url
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

/// The warning for an http `base_url` on GitHub Pages, which serves sites over https only
/// (an http address there redirects): feeds, canonical links and the sitemap would all give
/// http addresses. Any other host may keep http without a word, as a desk served on an
/// intranet does.
pub(super) fn http_on_github_pages(config: &Config) -> Option<Diagnostic> {
    let https = config.base_url.https_on_github_pages()?;
    let written = config.base_url.full();
    let what = |setting: &str| {
        format!(
            "{setting} {written} is http, but GitHub Pages serves sites over https only: \
             feeds, canonical links and the sitemap would give readers http addresses"
        )
    };
    let warning = match config.base_url_at {
        Some((line, col)) => Diagnostic::warning(CONFIG_FILE, line, col, what("`base_url`"))
            .with_hint(format!("write `base_url: {https}`"))
            .with_rule("site.yaml"),
        None => Diagnostic::warning("command line", 0, 0, what("--base-url"))
            .with_hint(format!("pass --base-url {https}")),
    };
    Some(warning)
}

#[cfg(test)]
mod tests {
    use super::super::{config_warnings, parse_config};

    /// The warnings about `base_url: <url>`, as (line, col, hint).
    fn warnings(url: &str) -> Vec<(usize, usize, Option<String>)> {
        let config = parse_config(&format!("title: T\nbase_url:   {url}\n")).unwrap();
        config_warnings(&config)
            .into_iter()
            .map(|w| (w.line, w.col, w.hint))
            .collect()
    }

    #[test]
    fn http_on_github_pages_is_a_warning_at_the_value() {
        let hint = |url: &str| Some(format!("write `base_url: {url}`"));
        assert_eq!(
            warnings("http://org.github.io/desk"),
            [(2, 13, hint("https://org.github.io/desk/"))]
        );
        assert_eq!(
            warnings("http://Org.GitHub.IO:80/"),
            [(2, 13, hint("https://Org.GitHub.IO:80/"))]
        );
        assert_eq!(warnings("http://github.io/")[0].0, 2);
    }

    #[test]
    fn http_elsewhere_and_https_on_github_pages_are_quiet() {
        for url in [
            "https://org.github.io/desk/",
            "http://intranet.desk/",
            "http://127.0.0.1:1111/",
            "http://notgithub.io/",
            "http://github.io.example.org/",
        ] {
            assert_eq!(warnings(url), [], "{url}");
        }
    }
}
