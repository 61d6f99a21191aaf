//! Views of standalone pages, term profiles and bylines: the `page` of `page.html`, a term's
//! `profile`, a briefing's `byline` and history links, the site's `menu`, and the people of
//! a byline in article metadata (schema.org `Person`).

use serde::Serialize;
use tera::Value;

use crate::markdown::reading_time;
use crate::site::Site;

use super::feeds::body_content;
use super::views::{map, toc_value};

/// One link of the site's navigation.
#[derive(Serialize)]
pub(super) struct MenuItem {
    title: String,
    url: String,
}

/// The pages in the menu, in order, each with its label (`menu_title`, else its title).
pub(super) fn menu(site: &Site) -> Vec<MenuItem> {
    site.menu
        .iter()
        .map(|&p| {
            let page = &site.pages[p].page;
            MenuItem {
                title: page
                    .menu_title
                    .clone()
                    .unwrap_or_else(|| page.title.clone()),
                url: site.config.base_url.path_for(&page.path),
            }
        })
        .collect()
}

/// `history_url` and `source_url` of the file at `path`, as template values (none without
/// `repo_url`).
fn history(site: &Site, path: &std::path::Path) -> [(&'static str, Value); 2] {
    let url = |u: Option<String>| u.map_or_else(Value::none, Value::from);
    [
        ("history_url", url(site.config.history_url(path))),
        ("source_url", url(site.config.source_url(path))),
    ]
}

/// The view of page `p` for `page.html`.
pub(super) fn page_view(site: &Site, p: usize) -> Value {
    let entry = &site.pages[p];
    let page = &entry.page;
    let base = &site.config.base_url;
    let optional = |t: Option<&str>| t.map_or_else(Value::none, Value::from);
    let mut fields = tera::value::Map::with_capacity(18);
    let mut field = |name: &'static str, value: Value| {
        fields.insert(name.into(), value);
    };
    field("title", Value::from(page.title.as_str()));
    field("summary", Value::from(page.summary.as_str()));
    field("url", Value::from(base.path_for(&page.path)));
    field("permalink", Value::from(base.absolute(&page.path)));
    field(
        "content",
        Value::from(body_content(site, &page.body, &entry.file_links).as_ref()),
    );
    field("toc", toc_value(&page.body.toc));
    field("word_count", Value::from(page.body.word_count));
    field(
        "reading_time",
        Value::from(reading_time(page.body.word_count)),
    );
    field("menu", page.menu.map_or_else(Value::none, Value::from));
    field("menu_title", optional(page.menu_title.as_deref()));
    field("draft", Value::from(page.draft));
    field("extra", Value::from_serializable(&page.extra));
    field(
        "image",
        super::views::image_value(page.image.as_ref(), base),
    );
    field(
        "source_path",
        Value::from(page.source_path.to_string_lossy().as_ref()),
    );
    for (name, value) in history(site, &page.source_path) {
        field(name, value);
    }
    Value::from(fields)
}

/// The `profile` of term `i` of taxonomy `t` (none when it has no profile file).
pub(super) fn profile_view(site: &Site, t: usize, i: usize) -> Value {
    let Some(profile) = site.profile(t, i) else {
        return Value::none();
    };
    let optional = |t: Option<&str>| t.map_or_else(Value::none, Value::from);
    let targets = site.entry_targets(&profile.body.file_links);
    let [history_url, source_url] = history(site, &profile.source_path);
    Value::from(tera::value::Map::from_iter([
        ("title".into(), optional(profile.title.as_deref())),
        ("role".into(), optional(profile.role.as_deref())),
        ("sort_as".into(), optional(profile.sort_as.as_deref())),
        ("summary".into(), Value::from(profile.summary.as_str())),
        (
            "image".into(),
            super::views::image_value(profile.image.as_ref(), &site.config.base_url),
        ),
        (
            "content".into(),
            Value::from(body_content(site, &profile.body, &targets).as_ref()),
        ),
        ("extra".into(), Value::from_serializable(&profile.extra)),
        (
            "source_path".into(),
            Value::from(profile.source_path.to_string_lossy().as_ref()),
        ),
        (history_url.0.into(), history_url.1),
        (source_url.0.into(), source_url.1),
    ]))
}

/// Adds a briefing's `byline` (its byline taxonomy's terms, each `{name, slug, url, permalink,
/// role, summary}`; empty without one) and its `history_url` and `source_url` to its view.
pub(super) fn add_entry_fields(site: &Site, e: usize, field: &mut dyn FnMut(&'static str, Value)) {
    let byline: Vec<Value> = people(site, e)
        .into_iter()
        .map(|person| {
            let optional = |t: Option<&str>| t.map_or_else(Value::none, Value::from);
            map([
                ("name", Value::from(person.name)),
                ("slug", Value::from(person.slug)),
                (
                    "url",
                    Value::from(site.config.base_url.path_for(&person.path)),
                ),
                ("permalink", Value::from(person.url.as_str())),
                ("role", optional(person.job_title)),
                ("summary", optional(person.description)),
                (
                    "image",
                    super::views::image_value(person.portrait, &site.config.base_url),
                ),
            ])
        })
        .collect();
    field("byline", Value::from(byline));
    for (name, value) in history(site, &site.entries[e].briefing.source_path) {
        field(name, value);
    }
}

/// An author of a briefing, as schema.org describes a person.
#[derive(Serialize)]
pub(super) struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip)]
    slug: &'a str,
    /// Site path of the author's page; `url` is the absolute address.
    #[serde(skip)]
    path: String,
    url: String,
    #[serde(rename = "jobTitle", skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    /// The absolute address of the profile's image.
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(skip)]
    portrait: Option<&'a crate::image::LeadImage>,
}

/// The byline of briefing `e`: its terms of the byline taxonomy, in front-matter order, with
/// the role and summary of each one's profile.
pub(super) fn people(site: &Site, e: usize) -> Vec<Person<'_>> {
    let Some(t) = site.byline_taxonomy() else {
        return Vec::new();
    };
    site.entries[e].terms[t]
        .iter()
        .map(|&i| {
            let term = &site.taxonomies[t].terms[i];
            let profile = site.profile(t, i);
            let portrait = profile.and_then(|p| p.image.as_ref());
            let path = site.term_path(t, i);
            Person {
                kind: "Person",
                name: &term.name,
                slug: &term.slug,
                url: site.config.base_url.absolute(&path),
                path,
                job_title: profile.and_then(|p| p.role.as_deref()),
                description: profile
                    .map(|p| p.summary.as_str())
                    .filter(|s| !s.is_empty()),
                image: portrait.map(|i| i.permalink(&site.config.base_url)),
                portrait,
            }
        })
        .collect()
}
