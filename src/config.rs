//! `site.yaml` → `Config`. Every key is known here with its default; an unknown key or a bad
//! value is a diagnostic naming the key and its line. Nothing else reads site.yaml.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::slug::check_slug;
use crate::yaml::{self, Entry, Node};

mod image;
mod output;
mod related;
mod repo;
mod style;

pub use output::{DEFAULT_SIZE_LIMIT, FeedContent, FeedText};
pub use related::RelatedConfig;
pub use style::HouseStyle;

pub const CONFIG_FILE: &str = "site.yaml";

/// Every key site.yaml may have (`sitrep init` writes each of them, with a comment).
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "taxonomies",
    "paginate_by",
    "permalink",
    "feed_limit",
    "cname",
    "publisher",
    "home_order",
    "feeds",
    "size_limit",
    "repo_url",
    "repo_branch",
    "style",
    "extra",
    "related",
    "search",
    "image",
    "image_alt",
];

/// Front-matter keys of a briefing; a taxonomy may not take one of these names.
pub const RESERVED_FRONT_MATTER_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "summary",
    "status",
    "sources",
    "draft",
    "slug",
    "extra",
    "aliases",
    "publish_at",
    "language",
    "kind",
    "dateline",
    "corrections",
    "events",
    "image",
    "image_alt",
    "image_caption",
    "image_credit",
];

/// Top-level URL segments sitrep generates itself; a taxonomy may not take one of these names.
const RESERVED_URL_SEGMENTS: &[&str] = &[
    "page",
    "archive",
    "static",
    "atom.xml",
    "feed.json",
    "sitemap.xml",
    "corrections",
    "timeline",
];

/// The `base_url` that `sitrep init` writes when it is not told the site's address: it
/// builds and previews, and `check` and `build` warn about it until it is replaced.
pub const PLACEHOLDER_BASE_URL: &str = "https://YOUR-ORG.github.io/YOUR-REPO/";

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    pub base_url: BaseUrl,
    /// The line of `base_url:` in site.yaml, for messages about it.
    pub base_url_line: usize,
    pub language: String,
    pub theme: String,
    pub taxonomies: Vec<TaxonomyConfig>,
    /// Entries per list page; 0: every list on one page.
    pub paginate_by: usize,
    pub permalink: Permalink,
    /// Entries per feed (site feed and each term's feed).
    pub feed_limit: usize,
    /// Custom domain for GitHub Pages: written to `CNAME` when set.
    pub cname: Option<String>,
    /// The organisation named as publisher in article metadata; defaults to the title.
    pub publisher: Option<String>,
    /// The order of the home pages (every other list is by date).
    pub home_order: HomeOrder,
    /// What the site's feeds and each term's feed carry of a briefing.
    pub feeds: FeedContent,
    /// The size the output should stay under (GitHub Pages publishes at most 1 GB); a build
    /// warns past 80% of it.
    pub size_limit: u64,
    /// The repository the site's files live in (`https://github.com/org/desk`, no final
    /// `/`): each briefing and page links its history there.
    pub repo_url: Option<String>,
    /// The branch those links name (default `main`).
    pub repo_branch: String,
    /// House style: words to avoid and what to write instead (`style:`).
    pub style: HouseStyle,
    pub extra: serde_json::Value,
    /// `related:`: how many related briefings a briefing shows, and the weight of each
    /// taxonomy's shared terms.
    pub related: RelatedConfig,
    /// `search:`: whether the build writes a search index (`pagefind/`) and `/search/`.
    pub search: bool,
    /// `image:` / `image_alt:`: the image of every page without its own (the desk's card).
    pub image: Option<crate::image::LeadImage>,
    /// The pixel sizes of the images under static/ (not from site.yaml: `load_site_config`
    /// reads them), for the width and height of every `<img>`.
    pub image_sizes: std::sync::Arc<crate::image::sizes::ImageSizes>,
}

/// How the home pages order briefings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HomeOrder {
    /// Newest `date` first, like every list.
    #[default]
    Date,
    /// Most recently changed first: `updated`, or `date` when there is none.
    Updated,
}

/// A declared taxonomy: `name` is its front-matter key and URL segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxonomyConfig {
    pub name: String,
    pub title: String,
    /// Display name → slug, for names that transliterate badly (Київ → kyiv).
    pub slugs: BTreeMap<String, String>,
    /// Its terms are a briefing's byline (`authors`): shown as "By …", and its authors in
    /// article metadata.
    pub byline: bool,
}

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

/// The briefing URL pattern, e.g. `/:year/:month/:slug/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permalink {
    pattern: String,
}

pub const PERMALINK_TOKENS: &[&str] = &[":year", ":month", ":day", ":slug"];

impl Permalink {
    pub fn parse(pattern: &str) -> Result<Permalink, String> {
        if !pattern.starts_with('/') {
            return Err(format!("`{pattern}` must start with `/`"));
        }
        if !pattern.contains(":slug") {
            return Err(format!(
                "`{pattern}` must contain `:slug` so every briefing gets its own URL"
            ));
        }
        if !(pattern.ends_with('/') || pattern.ends_with(".html")) {
            return Err(format!("`{pattern}` must end with `/` or `.html`"));
        }
        for segment in pattern.split('/') {
            if segment == ".." || segment == "." {
                return Err(format!("`{pattern}` may not contain `.` or `..` segments"));
            }
            let mut rest = segment;
            while let Some(i) = rest.find(':') {
                let token_and_more = &rest[i..];
                match PERMALINK_TOKENS
                    .iter()
                    .find(|t| token_and_more.starts_with(**t))
                {
                    Some(token) => rest = &token_and_more[token.len()..],
                    None => {
                        return Err(format!(
                            "`{pattern}` has an unknown placeholder; use {}",
                            PERMALINK_TOKENS.join(", ")
                        ));
                    }
                }
            }
        }
        Ok(Permalink {
            pattern: pattern.to_string(),
        })
    }

    /// The site path of a briefing (before the base path is added).
    pub fn expand(&self, year: i16, month: i8, day: i8, slug: &str) -> String {
        self.pattern
            .replace(":year", &format!("{year:04}"))
            .replace(":month", &format!("{month:02}"))
            .replace(":day", &format!("{day:02}"))
            .replace(":slug", slug)
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: String::new(),
            description: String::new(),
            base_url: BaseUrl::parse("http://127.0.0.1:1111/").expect("valid default"),
            base_url_line: 0,
            language: "en".into(),
            theme: "default".into(),
            taxonomies: vec![TaxonomyConfig {
                name: "tags".into(),
                title: "Tags".into(),
                slugs: BTreeMap::new(),
                byline: false,
            }],
            paginate_by: 10,
            permalink: Permalink::parse("/:year/:month/:slug/").expect("valid default"),
            feed_limit: 20,
            cname: None,
            publisher: None,
            home_order: HomeOrder::Date,
            feeds: FeedContent::default(),
            size_limit: DEFAULT_SIZE_LIMIT,
            repo_url: None,
            repo_branch: "main".into(),
            style: HouseStyle::default(),
            extra: serde_json::Value::Object(Default::default()),
            related: RelatedConfig::default(),
            search: true,
            image: None,
            image_sizes: Default::default(),
        }
    }
}

impl Config {
    /// Takes the sizes of the site's images, and gives the desk's card its size.
    pub fn set_image_sizes(&mut self, sizes: crate::image::sizes::ImageSizes) {
        self.image_sizes = std::sync::Arc::new(sizes);
        if let Some(image) = self.image.take() {
            self.image = Some(image.sized(&self.image_sizes));
        }
    }
}

/// Reads and validates `<root>/site.yaml`.
pub fn load_config(root: &Path) -> Result<Config, Vec<Diagnostic>> {
    let path = root.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        let message = if e.kind() == std::io::ErrorKind::NotFound {
            let folder = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
            format!("no {CONFIG_FILE} in {}", folder.display())
        } else {
            format!("cannot read {CONFIG_FILE}: {e}")
        };
        vec![Diagnostic::error(CONFIG_FILE, 0, 0, message).with_rule("site.yaml").with_hint(
            "run sitrep from the site's folder (the one holding site.yaml and content/), or pass --root DIR",
        )]
    })?;
    parse_config(&text).map_err(|mut errors| {
        crate::diagnostics::set_rule(&mut errors, "site.yaml");
        errors
    })
}

/// Validates the text of a site.yaml; all problems are reported, not just the first.
pub fn parse_config(text: &str) -> Result<Config, Vec<Diagnostic>> {
    let entries = yaml::parse_mapping(text).map_err(|e| {
        vec![
            Diagnostic::error(CONFIG_FILE, e.line, e.col, e.message.clone())
                .with_source_line(text)
                .with_hint(e.hint.unwrap_or_else(|| {
                    "check the indentation and quoting on this line and the one before".into()
                })),
        ]
    })?;
    let mut config = Config::default();
    let mut errors = Vec::new();
    let mut seen_title = false;
    let mut seen_base_url = false;
    let mut related_line = 0;
    for entry in &entries {
        let result = match entry.key.as_str() {
            "title" => {
                seen_title = true;
                text_value(entry).map(|v| config.title = v)
            }
            "description" => text_value(entry).map(|v| config.description = v),
            "base_url" => {
                seen_base_url = true;
                config.base_url_line = entry.line;
                text_value(entry)
                    .and_then(|v| BaseUrl::parse(&v))
                    .map(|v| config.base_url = v)
            }
            "language" => text_value(entry).and_then(|v| {
                crate::language::check_language(&v)
                    .map(|()| config.language = v.trim().to_string())
                    .map_err(|(message, hint)| format!("{message}: {hint}"))
            }),
            "home_order" => text_value(entry).and_then(|v| match v.trim() {
                "date" => {
                    config.home_order = HomeOrder::Date;
                    Ok(())
                }
                "updated" => {
                    config.home_order = HomeOrder::Updated;
                    Ok(())
                }
                other => Err(format!(
                    "`{other}` is not an order; use `date` (newest first, the default) or `updated` (last changed first)"
                )),
            }),
            "theme" => text_value(entry).and_then(|v| match check_slug(&v) {
                None => {
                    config.theme = v;
                    Ok(())
                }
                Some(why) => Err(format!("`{v}` cannot be a theme folder name: {why}")),
            }),
            "paginate_by" => match entry.value.decode::<u64>() {
                Ok(n) if n <= 10_000 => {
                    config.paginate_by = n as usize;
                    Ok(())
                }
                _ => Err("expected a whole number from 0 (no pagination) to 10000".into()),
            },
            "permalink" => text_value(entry)
                .and_then(|v| Permalink::parse(&v))
                .map(|v| config.permalink = v),
            "taxonomies" => parse_taxonomies(&entry.value).map(|v| config.taxonomies = v),
            "feeds" => output::parse_feeds(&entry.value).map(|v| config.feeds = v),
            "size_limit" => entry
                .value
                .as_scalar_text()
                .ok_or_else(|| "expected a size such as `1 GB` or `800 MB`".to_string())
                .and_then(|text| output::parse_size(&text))
                .map(|v| config.size_limit = v),
            "feed_limit" => match entry.value.decode::<u64>() {
                Ok(n) if (1..=10_000).contains(&n) => {
                    config.feed_limit = n as usize;
                    Ok(())
                }
                _ => Err("expected a whole number from 1 to 10000".into()),
            },
            "cname" => text_value(entry).and_then(|v| {
                let host = v.trim();
                if host.is_empty() || host.contains(['/', ':', ' ']) {
                    Err(format!(
                        "`{host}` is not a bare domain name; write it like `briefings.example.org`"
                    ))
                } else {
                    config.cname = Some(host.to_string());
                    Ok(())
                }
            }),
            "publisher" => text_value(entry).map(|v| config.publisher = Some(v)),
            "repo_url" => text_value(entry)
                .and_then(|v| repo::parse_repo_url(&v))
                .map(|v| config.repo_url = Some(v)),
            "repo_branch" => text_value(entry)
                .and_then(|v| repo::parse_branch(&v))
                .map(|v| config.repo_branch = v),
            "style" => style::parse_style(&entry.value).map(|v| config.style = v),
            "extra" => entry
                .value
                .decode::<serde_json::Value>()
                .map(|v| config.extra = v),
            "related" => {
                related_line = entry.line;
                related::parse_related(&entry.value).map(|v| config.related = v)
            }
            "search" => entry
                .value
                .decode::<bool>()
                .map(|v| config.search = v)
                .map_err(|_| "expected `true` (the default) or `false`".to_string()),
            // Read together, after the loop.
            "image" | "image_alt" => continue,
            unknown => {
                let mut d = Diagnostic::error(
                    CONFIG_FILE,
                    entry.line,
                    1,
                    format!("unknown key `{unknown}`"),
                );
                d = match did_you_mean(unknown, KNOWN_KEYS.iter().copied()) {
                    Some(known) => d.with_hint(format!("did you mean `{known}`?")),
                    None => d.with_hint(format!(
                        "known keys are {}; free-form settings for themes go under `extra:`",
                        KNOWN_KEYS.join(", ")
                    )),
                };
                errors.push(d.with_source_line(text));
                continue;
            }
        };
        if let Err(message) = result {
            errors.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    entry.line,
                    1,
                    format!("bad value for `{}`: {message}", entry.key),
                )
                .with_source_line(text),
            );
        }
    }
    let (image, mut found) = image::read_image(&entries, text);
    config.image = image;
    errors.append(&mut found);
    // Weights name taxonomies, which may be declared after `related:`.
    for name in config.related.weights.keys() {
        if !config.taxonomies.iter().any(|t| &t.name == name) {
            let declared: Vec<&str> = config.taxonomies.iter().map(|t| t.name.as_str()).collect();
            let hint = match did_you_mean(name, declared.iter().copied()) {
                Some(known) => format!("did you mean `{known}`?"),
                None => format!("the taxonomies are {}", declared.join(", ")),
            };
            errors.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    related_line,
                    1,
                    format!("bad value for `related`: `{name}` in `weights` is not a taxonomy of this site"),
                )
                .with_hint(hint)
                .with_source_line(text),
            );
        }
    }
    for (seen, key, example) in [
        (seen_title, "title", "title: My Briefings"),
        (
            seen_base_url,
            "base_url",
            "base_url: https://org.github.io/briefings/",
        ),
    ] {
        if !seen {
            errors.push(
                Diagnostic::error(CONFIG_FILE, 1, 1, format!("missing required key `{key}`"))
                    .with_hint(format!("add a line such as `{example}`")),
            );
        }
    }
    if errors.is_empty() {
        Ok(config)
    } else {
        crate::diagnostics::sort(&mut errors);
        Err(errors)
    }
}

/// Findings about a valid configuration that do not stop a build: a `base_url` that is
/// still `sitrep init`'s placeholder (unless `--base-url` replaced it).
pub fn config_warnings(config: &Config) -> Vec<Diagnostic> {
    let mut warnings: Vec<Diagnostic> =
        config.image.iter().filter_map(image::missing_alt).collect();
    if !config.base_url.is_placeholder() {
        return warnings;
    }
    warnings.push(
        Diagnostic::warning(
            CONFIG_FILE,
            config.base_url_line,
            1,
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
    );
    warnings
}

fn text_value(entry: &Entry) -> Result<String, String> {
    entry
        .value
        .as_scalar_text()
        .ok_or_else(|| format!("expected text, found {}", entry.value.kind()))
}

/// `taxonomies:` is a list of names or of `{name, title, slugs}` mappings.
fn parse_taxonomies(node: &Node) -> Result<Vec<TaxonomyConfig>, String> {
    let items = node
        .as_sequence()
        .ok_or("expected a list of taxonomies, e.g. `[tags, regions]`")?;
    let mut taxonomies: Vec<TaxonomyConfig> = Vec::new();
    for item in items {
        let taxonomy = if let Some(name) = item.as_scalar_text() {
            TaxonomyConfig {
                title: title_case(&name),
                name,
                slugs: BTreeMap::new(),
                byline: false,
            }
        } else if let Some(fields) = item.as_mapping() {
            let mut name = None;
            let mut title = None;
            let mut slugs = BTreeMap::new();
            let mut byline = false;
            for (key, value) in fields {
                match key.as_str() {
                    "name" => name = value.as_scalar_text(),
                    "title" => title = value.as_scalar_text(),
                    "slugs" => {
                        slugs = value.decode::<BTreeMap<String, String>>().map_err(
                            |_| "`slugs` must map display names to slugs, e.g. `Київ: kyiv`",
                        )?;
                    }
                    "byline" => {
                        byline = value
                            .decode::<bool>()
                            .map_err(|_| "`byline` must be true or false")?;
                    }
                    other => {
                        return Err(format!(
                            "unknown taxonomy setting `{other}` (use name, title, slugs, byline)"
                        ));
                    }
                }
            }
            let name = name.ok_or("each taxonomy needs a `name`")?;
            TaxonomyConfig {
                title: title.unwrap_or_else(|| title_case(&name)),
                name,
                slugs,
                byline,
            }
        } else {
            return Err("each taxonomy is a name or a mapping with `name`".into());
        };
        if let Some(why) = check_slug(&taxonomy.name) {
            return Err(format!(
                "taxonomy name `{}` cannot be used in URLs: {why}",
                taxonomy.name
            ));
        }
        if RESERVED_FRONT_MATTER_KEYS.contains(&taxonomy.name.as_str())
            || RESERVED_URL_SEGMENTS.contains(&taxonomy.name.as_str())
            || taxonomy.name.chars().all(|c| c.is_ascii_digit())
        {
            return Err(format!(
                "`{}` is reserved and cannot name a taxonomy",
                taxonomy.name
            ));
        }
        for (display, slug) in &taxonomy.slugs {
            if let Some(why) = check_slug(slug) {
                return Err(format!(
                    "slug `{slug}` for `{display}` cannot be used: {why}"
                ));
            }
        }
        if taxonomies.iter().any(|t| t.name == taxonomy.name) {
            return Err(format!("taxonomy `{}` is declared twice", taxonomy.name));
        }
        if taxonomy.byline && taxonomies.iter().any(|t| t.byline) {
            return Err(format!(
                "`{}` is the second taxonomy with `byline: true`; a site has one byline",
                taxonomy.name
            ));
        }
        taxonomies.push(taxonomy);
    }
    Ok(taxonomies)
}

fn title_case(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars)
            .collect::<String>()
            .replace(['-', '_'], " "),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title: Desk\nbase_url: https://org.github.io/briefings\n";

    #[test]
    fn defaults_fill_what_is_not_written() {
        let c = parse_config(MINIMAL).unwrap();
        assert_eq!(c.base_url.path, "/briefings/");
        assert_eq!(c.base_url.origin, "https://org.github.io");
        assert_eq!(c.taxonomies[0].name, "tags");
        assert_eq!(c.paginate_by, 10);
        assert_eq!(c.permalink.expand(2025, 7, 1, "x"), "/2025/07/x/");
    }

    #[test]
    fn unknown_keys_and_bad_values_are_all_reported_with_lines() {
        let errors =
            parse_config("title: Desk\nbase_url: ftp://x\npaginte_by: 3\npaginate_by: -1\n")
                .unwrap_err();
        let lines: Vec<_> = errors
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(errors[0].message.contains("base_url"));
        assert_eq!(errors[1].line, 3);
        assert_eq!(
            errors[1].hint.as_deref(),
            Some("did you mean `paginate_by`?")
        );
        assert_eq!(errors[2].line, 4);
    }

    #[test]
    fn missing_required_keys_are_named() {
        let errors = parse_config("description: x\n").unwrap_err();
        assert!(errors.iter().any(|d| d.message.contains("`title`")));
        assert!(errors.iter().any(|d| d.message.contains("`base_url`")));
    }

    #[test]
    fn taxonomies_accept_names_and_mappings_with_slug_overrides() {
        let c = parse_config(&format!(
            "{MINIMAL}taxonomies:\n  - tags\n  - name: regions\n    slugs:\n      Київ: kyiv\n"
        ))
        .unwrap();
        assert_eq!(c.taxonomies[1].title, "Regions");
        assert_eq!(c.taxonomies[1].slugs["Київ"], "kyiv");
        let errors = parse_config(&format!("{MINIMAL}taxonomies: [title]\n")).unwrap_err();
        assert!(errors[0].message.contains("reserved"));
    }

    #[test]
    fn the_init_placeholder_base_url_is_a_warning_at_its_line() {
        let c = parse_config(&format!(
            "title: Desk\n\nbase_url: {PLACEHOLDER_BASE_URL}\n"
        ))
        .unwrap();
        let warnings = config_warnings(&c);
        assert_eq!(warnings.len(), 1);
        assert!(!warnings[0].is_error());
        assert_eq!(warnings[0].line, 3);
        assert!(config_warnings(&parse_config(MINIMAL).unwrap()).is_empty());
    }

    #[test]
    fn related_takes_a_limit_and_weights_of_declared_taxonomies() {
        let c = parse_config(MINIMAL).unwrap();
        assert_eq!(c.related.limit, 5);
        assert_eq!(c.related.weight("tags"), 1);
        let c = parse_config(&format!(
            "{MINIMAL}related: {{ limit: 3, weights: {{ regions: 3, tags: 0 }} }}\ntaxonomies: [tags, regions]\n"
        ))
        .unwrap();
        assert_eq!(c.related.limit, 3);
        assert_eq!(
            (c.related.weight("regions"), c.related.weight("tags")),
            (3, 0)
        );
        let errors = parse_config(&format!(
            "{MINIMAL}related:\n  weights: {{ region: 2 }}\ntaxonomies: [tags, regions]\n"
        ))
        .unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, 3);
        assert_eq!(errors[0].hint.as_deref(), Some("did you mean `regions`?"));
        let errors = parse_config(&format!("{MINIMAL}related: {{ limit: -1 }}\n")).unwrap_err();
        assert!(errors[0].message.contains("`limit`"), "{errors:?}");
    }

    #[test]
    fn permalink_patterns_are_validated() {
        assert!(Permalink::parse("/:year/:slug/").is_ok());
        assert!(Permalink::parse("/:year/").is_err());
        assert!(Permalink::parse("/:yr/:slug/").is_err());
        assert!(Permalink::parse("/../:slug/").is_err());
        assert_eq!(
            Permalink::parse("/:slug.html")
                .unwrap()
                .expand(2025, 1, 2, "a"),
            "/a.html"
        );
    }
}
