//! `taxonomies:` — the site's taxonomies: each a name (its front-matter key and URL segment)
//! or a mapping with `name`, `title`, `slugs` and `byline`. Every bad taxonomy, and every bad
//! setting of one, is reported at its own line.

use std::collections::BTreeMap;

use crate::slug::check_slug;
use crate::yaml::Node;

use super::problem::{Checked, Problem, checked};
use super::{RESERVED_FRONT_MATTER_KEYS, TaxonomyConfig};

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

/// The settings a taxonomy written as a mapping may have.
const SETTINGS: &[&str] = &["name", "title", "slugs", "byline"];

/// A taxonomy as written, with the nodes later checks point at.
struct Declared {
    taxonomy: TaxonomyConfig,
    name_at: Node,
    byline_at: Option<Node>,
}

/// `byline: yes` and the like: YAML 1.2 reads `yes`, `no`, `on` and `off` as words.
fn not_a_boolean(value: &Node) -> Problem {
    let hint = value.boolean_word_hint("byline").unwrap_or_else(|| {
        "write `byline: true` to show this taxonomy's terms as the briefings' bylines, or remove the line".into()
    });
    Problem::value(
        value,
        format!("`byline` must be true or false, found {}", value.kind()),
    )
    .with_hint(hint)
}

/// `taxonomies:` is a list of names or of `{name, title, slugs, byline}` mappings.
pub(super) fn parse_taxonomies(node: &Node) -> Checked<Vec<TaxonomyConfig>> {
    let Some(items) = node.as_sequence() else {
        return Err(vec![Problem::value(
            node,
            "expected a list of taxonomies, e.g. `[tags, regions]`",
        )]);
    };
    let mut problems = Vec::new();
    let mut taxonomies: Vec<TaxonomyConfig> = Vec::new();
    for item in &items {
        let Some(declared) = parse_taxonomy(item, &mut problems) else {
            continue;
        };
        let taxonomy = declared.taxonomy;
        if taxonomies.iter().any(|t| t.name == taxonomy.name) {
            problems.push(Problem::value(
                &declared.name_at,
                format!("taxonomy `{}` is declared twice", taxonomy.name),
            ));
            continue;
        }
        if let Some(byline_at) = declared.byline_at.filter(|_| taxonomy.byline)
            && taxonomies.iter().any(|t| t.byline)
        {
            problems.push(Problem::value(
                &byline_at,
                format!(
                    "`{}` is the second taxonomy with `byline: true`; a site has one byline",
                    taxonomy.name
                ),
            ));
        }
        taxonomies.push(taxonomy);
    }
    checked(taxonomies, problems)
}

/// One item of the list; `None` when it cannot be a taxonomy (its problems are pushed).
fn parse_taxonomy(item: &Node, problems: &mut Vec<Problem>) -> Option<Declared> {
    let declared = if let Some(name) = item.as_scalar_text() {
        Declared {
            taxonomy: TaxonomyConfig {
                title: title_case(&name),
                name,
                slugs: BTreeMap::new(),
                byline: false,
            },
            name_at: item.clone(),
            byline_at: None,
        }
    } else if let Some(fields) = item.as_mapping() {
        parse_settings(item, fields, problems)?
    } else {
        problems.push(Problem::value(
            item,
            "each taxonomy is a name or a mapping with `name`",
        ));
        return None;
    };
    let name = &declared.taxonomy.name;
    let why = check_slug(name)
        .map(|why| format!("taxonomy name `{name}` cannot be used in URLs: {why}"))
        .or_else(|| {
            is_reserved(name).then(|| format!("`{name}` is reserved and cannot name a taxonomy"))
        });
    match why {
        Some(message) => {
            problems.push(Problem::value(&declared.name_at, message));
            None
        }
        None => Some(declared),
    }
}

/// A taxonomy written as a mapping (`item`, whose `fields` these are).
fn parse_settings(
    item: &Node,
    fields: Vec<(String, Node)>,
    problems: &mut Vec<Problem>,
) -> Option<Declared> {
    let mut name = None;
    let mut name_written = false;
    let mut title = None;
    let mut slugs = BTreeMap::new();
    let mut byline = (false, None);
    let text_of = |value: &Node, key: &str, example: &str| {
        value.as_scalar_text().ok_or_else(|| {
            Problem::value(
                value,
                format!(
                    "`{key}` must be text such as `{example}`, found {}",
                    value.kind()
                ),
            )
        })
    };
    for (key, value) in fields {
        match key.as_str() {
            "name" => {
                name_written = true;
                match text_of(&value, "name", "regions") {
                    Ok(text) => name = Some((text, value)),
                    Err(problem) => problems.push(problem),
                }
            }
            "title" => match text_of(&value, "title", "Regions") {
                Ok(text) => title = Some(text),
                Err(problem) => problems.push(problem),
            },
            "slugs" => slugs = parse_slugs(&value, problems),
            "byline" => match value.decode::<bool>() {
                Ok(on) => byline = (on, Some(value)),
                Err(_) => problems.push(not_a_boolean(&value)),
            },
            other => problems.push(Problem::unknown_key(
                &value,
                other,
                SETTINGS,
                format!("unknown taxonomy setting `{other}` (use name, title, slugs, byline)"),
            )),
        }
    }
    if !name_written {
        problems.push(Problem::value(item, "each taxonomy needs a `name`"));
    }
    let (name, name_at) = name?;
    Some(Declared {
        taxonomy: TaxonomyConfig {
            title: title.unwrap_or_else(|| title_case(&name)),
            name,
            slugs,
            byline: byline.0,
        },
        name_at,
        byline_at: byline.1,
    })
}

/// `slugs:` — display name → slug, for names that transliterate badly (`Київ: kyiv`).
fn parse_slugs(node: &Node, problems: &mut Vec<Problem>) -> BTreeMap<String, String> {
    const MAPS: &str = "`slugs` must map display names to slugs, e.g. `Київ: kyiv`";
    let mut slugs = BTreeMap::new();
    if node.is_null() {
        return slugs;
    }
    let Some(fields) = node.as_mapping() else {
        problems.push(Problem::value(node, MAPS));
        return slugs;
    };
    for (display, value) in fields {
        let Some(slug) = value.as_scalar_text() else {
            problems.push(Problem::value(&value, MAPS));
            continue;
        };
        match check_slug(&slug) {
            Some(why) => problems.push(Problem::value(
                &value,
                format!("slug `{slug}` for `{display}` cannot be used: {why}"),
            )),
            None => {
                slugs.insert(display, slug);
            }
        }
    }
    slugs
}

fn is_reserved(name: &str) -> bool {
    RESERVED_FRONT_MATTER_KEYS.contains(&name)
        || RESERVED_URL_SEGMENTS.contains(&name)
        || name.chars().all(|c| c.is_ascii_digit())
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
