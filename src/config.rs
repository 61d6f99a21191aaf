//! `site.yaml` → `Config`. Every key is known here with its default; an unknown key or a bad
//! value is a diagnostic naming the key, at the line and column to fix however deep in a
//! setting it is, and every one of a file's is reported. Nothing else reads site.yaml.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Severity, did_you_mean};
use crate::slug::check_slug;
use crate::yaml::{self, Entry};

use problem::{Checked, Problem};

mod base_url;
mod image;
mod output;
mod problem;
mod related;
mod repo;
mod style;
mod taxonomies;

pub use base_url::BaseUrl;
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
    "require_sources",
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

/// The `base_url` that `sitrep init` writes when it is not told the site's address: it
/// builds and previews, and `check` and `build` warn about it until it is replaced.
pub const PLACEHOLDER_BASE_URL: &str = "https://YOUR-ORG.github.io/YOUR-REPO/";

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    pub base_url: BaseUrl,
    /// The line and column of `base_url`'s value in site.yaml, for messages about it;
    /// `None` when `--base-url` replaced it.
    pub base_url_at: Option<(usize, usize)>,
    pub language: String,
    pub theme: String,
    /// The line and column of `theme`'s value in site.yaml (`None`: not set, the default).
    pub theme_at: Option<(usize, usize)>,
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
    /// `require_sources:`: how `check` and `build` treat a report, analysis or explainer
    /// that lists no sources (`None`: `off`, the default for a site.yaml without the key).
    pub require_sources: Option<Severity>,
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
            base_url_at: None,
            theme_at: None,
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
            require_sources: None,
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
    let mut taxonomies_read = true;
    for entry in &entries {
        if !KNOWN_KEYS.contains(&entry.key.as_str()) {
            errors.push(unknown_key(entry, text));
            continue;
        }
        if let Err(problems) = read_setting(&mut config, entry) {
            taxonomies_read &= entry.key != "taxonomies";
            errors.extend(problems.into_iter().map(|p| p.into_diagnostic(entry, text)));
        }
    }
    let (image, mut found) = image::read_image(&entries, text);
    config.image = image;
    errors.append(&mut found);
    let find = |key: &str| entries.iter().find(|e| e.key == key);
    config.base_url_at = find("base_url").map(|e| problem::position(&e.value.place(), e, text));
    config.theme_at = find("theme").map(|e| problem::position(&e.value.place(), e, text));
    // Weights name taxonomies, which may be declared after `related:` (and are not known
    // when `taxonomies:` itself is wrong).
    if let Some(entry) = find("related").filter(|_| taxonomies_read) {
        let declared: Vec<&str> = config.taxonomies.iter().map(|t| t.name.as_str()).collect();
        let problems = related::unknown_taxonomies(&entry.value, &declared);
        errors.extend(problems.into_iter().map(|p| p.into_diagnostic(entry, text)));
    }
    for (key, example) in [
        ("title", "title: My Briefings"),
        ("base_url", "base_url: https://org.github.io/briefings/"),
    ] {
        if find(key).is_none() {
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

/// A top-level key site.yaml does not have, at its line.
fn unknown_key(entry: &Entry, text: &str) -> Diagnostic {
    let key = &entry.key;
    let d = Diagnostic::error(CONFIG_FILE, entry.line, 1, format!("unknown key `{key}`"));
    let d = match did_you_mean(key, KNOWN_KEYS.iter().copied()) {
        Some(known) => d.with_hint(format!("did you mean `{known}`?")),
        None => d.with_hint(format!(
            "known keys are {}; free-form settings for themes go under `extra:`",
            KNOWN_KEYS.join(", ")
        )),
    };
    d.with_source_line(text)
}

/// Reads one known top-level setting into `config`: the settings that are mappings or
/// lists report each bad part inside them; the others are one value, bad or not.
fn read_setting(config: &mut Config, entry: &Entry) -> Checked<()> {
    let node = &entry.value;
    match entry.key.as_str() {
        "taxonomies" => taxonomies::parse_taxonomies(node).map(|v| config.taxonomies = v),
        "feeds" => output::parse_feeds(node).map(|v| config.feeds = v),
        "style" => style::parse_style(node).map(|v| config.style = v),
        "related" => related::parse_related(node).map(|v| config.related = v),
        // Read together, after the other settings.
        "image" | "image_alt" => Ok(()),
        _ => read_value(config, entry).map_err(|message| vec![Problem::value(node, message)]),
    }
}

/// Reads a setting that is one value (text, a number, true or false) into `config`.
fn read_value(config: &mut Config, entry: &Entry) -> Result<(), String> {
    match entry.key.as_str() {
        "title" => text_value(entry).map(|v| config.title = v),
        "description" => text_value(entry).map(|v| config.description = v),
        "base_url" => text_value(entry)
            .and_then(|v| BaseUrl::parse(&v))
            .map(|v| config.base_url = v),
        "language" => text_value(entry).and_then(|v| {
            crate::language::check_language(&v)
                .map(|()| config.language = v.trim().to_string())
                .map_err(|(message, hint)| format!("{message}: {hint}"))
        }),
        "home_order" => text_value(entry).and_then(|v| {
            config.home_order = match v.trim() {
                "date" => HomeOrder::Date,
                "updated" => HomeOrder::Updated,
                other => return Err(format!(
                    "`{other}` is not an order; use `date` (newest first, the default) or `updated` (last changed first)"
                )),
            };
            Ok(())
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
        "extra" => entry
            .value
            .decode::<serde_json::Value>()
            .map(|v| config.extra = v),
        "search" => entry
            .value
            .decode::<bool>()
            .map(|v| config.search = v)
            .map_err(|_| match entry.value.boolean_word_hint("search") {
                Some(hint) => format!("expected `true` (the default) or `false`; {hint}"),
                None => "expected `true` (the default) or `false`".to_string(),
            }),
        "require_sources" => {
            config.require_sources = match entry.value.as_scalar_text().as_deref().map(str::trim)
            {
                Some("off") => None,
                Some("warning") => Some(Severity::Warning),
                Some("error") => Some(Severity::Error),
                _ => {
                    return Err(
                        "expected `warning`, `error` (refuses to build) or `off` (the default)"
                            .into(),
                    );
                }
            };
            Ok(())
        }
        other => unreachable!("`{other}` is in KNOWN_KEYS but has no reader"),
    }
}

/// Findings about a valid configuration that do not stop a build: a default image without
/// alt text, and a `base_url` that is still `sitrep init`'s placeholder or that asks GitHub
/// Pages for http.
pub fn config_warnings(config: &Config) -> Vec<Diagnostic> {
    let mut warnings: Vec<Diagnostic> =
        config.image.iter().filter_map(image::missing_alt).collect();
    warnings.extend(base_url::placeholder(config));
    warnings.extend(base_url::http_on_github_pages(config));
    warnings
}

fn text_value(entry: &Entry) -> Result<String, String> {
    entry
        .value
        .as_scalar_text()
        .ok_or_else(|| format!("expected text, found {}", entry.value.kind()))
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
    fn every_bad_part_of_a_nested_setting_is_reported_where_it_is_written() {
        let errors = parse_config(&format!(
            "{MINIMAL}style:\n  prefer:\n    - Kiev\n  levle: fatal\ntaxonomies:\n  - name: page\n    byline: yes\n  - name: authors\n    titel: Authors\nrelated: {{ limit: 500, weights: {{ tags: lots }} }}\nfeeds: {{ terms: some, sites: full }}\n"
        ))
        .unwrap_err();
        let found: Vec<_> = errors
            .iter()
            .map(|d| (d.line, d.col, d.hint.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                (5, 5, None),
                (6, 3, Some("did you mean `level`?")),
                (8, 11, None),
                (
                    9,
                    13,
                    Some("write `byline: true`: YAML reads `yes` as a word, not as yes or no"),
                ),
                (11, 5, Some("did you mean `title`?")),
                (12, 19, None),
                (12, 41, None),
                (13, 17, None),
                (13, 23, Some("did you mean `site`?")),
            ],
            "{errors:#?}"
        );
        assert!(
            errors[2].message.contains("`page` is reserved"),
            "{errors:#?}"
        );
    }

    #[test]
    fn every_known_key_has_a_reader() {
        for key in KNOWN_KEYS {
            // Errors or not; no key may be left unread (`read_value` would panic).
            let _ = parse_config(&format!("{MINIMAL}{key}: 1\n"));
        }
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
        // At the key that names no taxonomy.
        assert_eq!((errors[0].line, errors[0].col), (4, 14));
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
