//! Front-matter keys an editor brings from Hugo or Jekyll (`description:`, `lastmod:`,
//! `author:`…): an unknown key there is named with sitrep's own key and what it does, where
//! spelling distance alone would suggest nothing or the wrong key.

use crate::config::Config;

/// The hint for `key` when it is a Hugo or Jekyll key sitrep names differently; None for
/// any other key (the caller falls back to did-you-mean).
pub(super) fn familiar_key_hint(key: &str, config: &Config) -> Option<String> {
    let lower = key.to_ascii_lowercase().replace('-', "_");
    let hint = match lower.as_str() {
        "description" | "excerpt" | "abstract" | "lede" => {
            "sitrep calls it `summary:` (one or two sentences for lists, feeds and link previews)"
                .to_string()
        }
        "images" | "cover" | "featured_image" | "feature_image" | "thumbnail" | "og_image"
        | "banner" | "header_image" => {
            "sitrep calls it `image:`: one image for link previews, a file of static/ from the \
             site root (`/images/map.jpg`) or an https:// address, with `image_alt:` describing it"
                .to_string()
        }
        "lastmod" | "last_modified_at" | "last_modified" | "modified" | "updated_at" | "update" => {
            "sitrep calls it `updated:` (the date of the last revision, shown and used in feeds)"
                .to_string()
        }
        "publishdate" | "publish_date" | "pubdate" | "published" | "publish" => {
            "sitrep calls it `publish_at:`: the briefing is held back until then (`date:` is the \
             date it shows)"
                .to_string()
        }
        "author" | "authors" | "byline" | "by" => match byline(config) {
            Some(name) => {
                format!("sitrep calls it `{name}:`, a list even for one name (`{name}: [Name]`)")
            }
            None => "this site has no byline: declare a taxonomy with `byline: true` in \
                     site.yaml (`taxonomies: [tags, {name: authors, byline: true}]`), then \
                     write `authors: [Name]`"
                .to_string(),
        },
        "categories" | "category" | "keywords" | "topics" => {
            let tags = config
                .taxonomies
                .iter()
                .find(|t| t.name == "tags")
                .map(|t| t.name.as_str());
            match tags {
                Some(tags) => format!(
                    "sitrep groups briefings by taxonomies: write `{tags}: [...]`, or declare \
                     `{key}` as a taxonomy in site.yaml"
                ),
                None => {
                    format!("declare `{key}` as a taxonomy in site.yaml to group briefings by it")
                }
            }
        }
        "lang" | "locale" => "sitrep calls it `language:` (such as `language: uk`)".to_string(),
        "url" | "permalink" => {
            "sitrep makes the URL from the date and `slug:` (the last part); an old address a \
             briefing had goes under `aliases:`"
                .to_string()
        }
        "published_at" | "publishat" | "publishedat" => {
            "sitrep calls it `publish_at:` (the briefing is held back until then)".to_string()
        }
        "expirydate" | "expiry_date" | "expires" | "unpublishdate" => {
            "sitrep does not unpublish by date: remove the line, and set `status: resolved` or \
             `draft: true` when the time comes"
                .to_string()
        }
        _ => return None,
    };
    // A key that is a taxonomy here is known, and never reaches this.
    Some(hint)
}

/// The name of the taxonomy whose terms are the byline, if the site declares one.
fn byline(config: &Config) -> Option<&str> {
    config
        .taxonomies
        .iter()
        .find(|t| t.byline)
        .map(|t| t.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(taxonomies: &str) -> Config {
        crate::config::parse_config(&format!(
            "title: T\nbase_url: https://e.org/\ntaxonomies: {taxonomies}\n"
        ))
        .unwrap()
    }

    #[track_caller]
    fn starts(key: &str, config: &Config, start: &str) {
        let hint = familiar_key_hint(key, config).unwrap_or_else(|| panic!("no hint for {key}"));
        assert!(hint.starts_with(start), "{key}: {hint}");
    }

    #[test]
    fn hugo_and_jekyll_keys_name_sitreps_own() {
        let with_authors = config("[tags, {name: authors, byline: true}]");
        starts("description", &with_authors, "sitrep calls it `summary:`");
        starts("excerpt", &with_authors, "sitrep calls it `summary:`");
        starts("lastmod", &with_authors, "sitrep calls it `updated:`");
        starts(
            "last_modified_at",
            &with_authors,
            "sitrep calls it `updated:`",
        );
        starts(
            "publishDate",
            &with_authors,
            "sitrep calls it `publish_at:`",
        );
        starts("author", &with_authors, "sitrep calls it `authors:`");
        starts("lang", &with_authors, "sitrep calls it `language:`");
        starts(
            "categories",
            &with_authors,
            "sitrep groups briefings by taxonomies: write `tags: [...]`",
        );
        starts(
            "url",
            &with_authors,
            "sitrep makes the URL from the date and `slug:`",
        );
        assert_eq!(familiar_key_hint("colour", &with_authors), None);
    }

    #[test]
    fn the_byline_is_the_sites_own_taxonomy() {
        let writers = config("[tags, {name: writers, byline: true}]");
        starts("author", &writers, "sitrep calls it `writers:`");
        starts("authors", &writers, "sitrep calls it `writers:`");
        let none = config("[tags]");
        starts("author", &none, "this site has no byline");
        starts(
            "categories",
            &config("[regions]"),
            "declare `categories` as a taxonomy",
        );
    }

    #[test]
    fn an_unknown_hugo_key_in_front_matter_gets_the_hint() {
        let config = config("[tags, {name: authors, byline: true}]");
        let text =
            "---\ntitle: A\ndate: 2025-07-21\ndescription: One line.\nauthor: Jane Roe\n---\n";
        let path = std::path::Path::new("content/a.md");
        let split = super::super::frontmatter::split_front_matter(path, text).unwrap();
        let errors =
            super::super::frontmatter::parse_front_matter(path, text, &split, &config).unwrap_err();
        let found: Vec<_> = errors
            .iter()
            .map(|d| (d.line, d.message.as_str(), d.hint.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].0, 4);
        assert_eq!(found[0].1, "unknown key `description`");
        assert!(
            found[0].2.starts_with("sitrep calls it `summary:`"),
            "{found:#?}"
        );
        assert_eq!(found[1].1, "unknown key `author`");
        assert!(
            found[1].2.starts_with("sitrep calls it `authors:`"),
            "{found:#?}"
        );
    }
}
