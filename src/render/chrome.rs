//! The header and footer ("chrome") of themed pages, rendered once per language and page kind
//! instead of on every page. On a briefing page they read nothing of the briefing, yet they
//! were a fifth of its rendering time. `base.html` prints `chrome.header` when sitrep gives
//! it, else includes the partial as before, so a theme that never mentions `chrome` renders
//! exactly as it did.
//!
//! A partial is shared only when that cannot change a byte: every variable it (or a template
//! it includes) reads is `site`, `lang`, `page_kind`, or a variable sitrep sets on some pages
//! and not on this one. One that reads anything else, such as `page` or `current_url`, or a
//! variable `base.html` sets, is rendered on every page as before. Tera's list of what a
//! template reads leaves out what a template around the include binds (a `{% set lang %}` in
//! a page's block reaches the header), a name the partial sets in a branch that may not run,
//! `__tera_context`, and what components take from their caller: so a partial is not shared
//! when a template around it binds a name it looks up, when it sets a name sitrep's context
//! has, when it mentions `__tera_context`, or when the theme has components.
//!
//! Three reviews found twelve ways around a reading of templates this size, all in themes
//! that do unusual things. So sharing also asks for templates whose reading is certain:
//! every template other than the two partials must be the built-in default theme's own
//! (a site may still replace the header or the footer), and a replaced partial must be plain:
//! none of the words include, extends, block, raw, component, `chrome` or `__tera_`, and no
//! backslash, anywhere in it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use tera::{Context, Value};

use super::Theme;

/// The partials that may be shared, by the field of `chrome` that carries them.
const PARTIALS: [(&str, &str); 2] = [
    ("header", "partials/header.html"),
    ("footer", "partials/footer.html"),
];

/// What a shared partial is rendered with: the same on every page of a language and kind.
const SHARED: [&str; 3] = ["site", "lang", "page_kind"];

/// Every variable `Renderer::context` may set, so that a partial reading one of them can be
/// shared on the pages that lack it (a unit test below checks every page's context).
pub(super) const CONTEXT_NAMES: &[&str] = &[
    "site",
    "lang",
    "page_kind",
    "current_url",
    "current_permalink",
    "current_menu_url",
    "chrome",
    "page",
    "json_ld",
    "paginator",
    "taxonomy",
    "terms",
    "term",
    "term_timeline",
    "timeline",
    "timeline_year",
    "year",
    "month",
    "pages",
    "archive",
];

/// The partials of one theme that can be shared, and what has been rendered of them.
pub(super) struct Chrome {
    /// Per partial of `PARTIALS`: the page variables it reads besides `SHARED` (none of which
    /// may be defined on a page that shares it), or `None` when it is never shared.
    reads: Vec<Option<Vec<String>>>,
    /// `chrome` by (language, page kind, partials shared), rendered on first use.
    made: Mutex<Vec<Made>>,
    /// `chrome` of a page that shares neither partial.
    none: Value,
}

struct Made {
    lang: String,
    kind: &'static str,
    shared: u8,
    chrome: Value,
}

impl Chrome {
    pub(super) fn new(theme: &Theme) -> Chrome {
        // A component may read its caller's variables (`@implicit`), which Tera's list of a
        // template's variables does not show: a theme with components shares nothing.
        let components = theme.tera.get_component_names().next().is_some();
        // A template the scan cannot read for certain: share nothing.
        let tags: Option<BTreeMap<&str, Tags>> = theme
            .template_sources
            .iter()
            .map(|(name, source)| Some((name.as_str(), scan_tags(source)?)))
            .collect();
        let around_built_in = theme.template_sources.iter().all(|(name, source)| {
            PARTIALS.iter().any(|(_, partial)| partial == name)
                || super::theme::built_in_template(name).is_none_or(|b| b == source.as_bytes())
        });
        let reads = PARTIALS
            .iter()
            .map(|(_, template)| {
                let tags = tags.as_ref()?;
                if components || !around_built_in {
                    return None;
                }
                let source = theme.template_sources.get(*template)?;
                let built_in = super::theme::built_in_template(template) == Some(source.as_bytes());
                if !built_in && !is_plain(source) {
                    return None;
                }
                let variables = theme.tera.get_template_variables(template).ok()?;
                page_variables(template, variables, tags, &theme.template_sources)
            })
            .collect();
        Chrome {
            reads,
            made: Mutex::new(Vec::new()),
            none: Value::from(tera::Map::new()),
        }
    }

    /// `chrome` for a page with `context` (`site`, `lang` and `page_kind` set): the HTML of
    /// each partial this page can share, marked safe. A partial that fails to render is left
    /// out, so the page includes it and reports the error as it always did.
    pub(super) fn for_page(
        &self,
        context: &Context,
        lang: &str,
        kind: &'static str,
        theme: &Theme,
    ) -> Value {
        let shared = self
            .reads
            .iter()
            .enumerate()
            .filter(|(_, reads)| {
                reads
                    .as_ref()
                    .is_some_and(|reads| reads.iter().all(|v| !context.contains_key(v)))
            })
            .fold(0u8, |mask, (i, _)| mask | 1 << i);
        if shared == 0 {
            return self.none.clone();
        }
        let found = |made: &[Made]| {
            made.iter()
                .find(|m| m.shared == shared && m.kind == kind && m.lang == lang)
                .map(|m| m.chrome.clone())
        };
        if let Some(chrome) = found(&self.made()) {
            return chrome;
        }
        // Rendered outside the lock: two threads may both render it, to the same bytes.
        let mut partial_context = Context::new();
        for name in SHARED {
            if let Some(value) = context.get(name) {
                partial_context.insert_value(name, value.clone());
            }
        }
        let mut fields = tera::Map::new();
        for (i, (field, template)) in PARTIALS.iter().enumerate() {
            if shared & 1 << i == 0 {
                continue;
            }
            if let Ok(html) = theme.tera.render(template, &partial_context) {
                fields.insert((*field).into(), Value::safe_string(&html));
            }
        }
        let chrome = Value::from(fields);
        let mut made = self.made();
        if let Some(chrome) = found(&made) {
            return chrome;
        }
        made.push(Made {
            lang: lang.to_owned(),
            kind,
            shared,
            chrome: chrome.clone(),
        });
        chrome
    }

    /// The memo; a thread that panicked holding it left only whole entries behind.
    fn made(&self) -> std::sync::MutexGuard<'_, Vec<Made>> {
        self.made
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Whether a replaced partial is plain enough for its reading to be certain: none of these
/// words anywhere in it, text and comments included (a word in a string can hide a tag from a
/// reading of tags, as a fourth review showed). Components are refused for the whole theme.
/// The theme's compaction asks the same of a site's templates: a plain one cannot put another
/// template's text inside its own attribute values or scripts.
pub(super) fn is_plain(source: &str) -> bool {
    const UNREAD: [&str; 11] = [
        "include",
        "extends",
        "import",
        "block",
        "raw",
        "component",
        "macro",
        "super",
        "chrome",
        "__tera_",
        "\\",
    ];
    UNREAD.iter().all(|word| !source.contains(word))
}

/// The variables of the page that `partial` depends on (each must be undefined on a page
/// that shares it), or `None` when it may not be shared at all. `reads` is Tera's list of
/// what it and its includes read.
fn page_variables(
    partial: &str,
    reads: std::collections::HashSet<&str>,
    tags: &BTreeMap<&str, Tags>,
    sources: &BTreeMap<String, String>,
) -> Option<Vec<String>> {
    let inside = included_from(partial, tags);
    // Tera lists neither `__tera_context` nor what a template reached by `extends` from the
    // partial or one it includes reads (`super()`); rendered alone, a partial that extends
    // another would also print its parent's layout, which an include does not.
    if inside.iter().any(|t| {
        sources.get(*t).is_some_and(|s| s.contains("__tera_"))
            || tags.get(t).is_some_and(|t| t.extends.is_some())
    }) {
        return None;
    }
    // `chrome` is on every page, given after this is decided.
    if reads.contains("chrome") {
        return None;
    }
    // Its own loop variables are not here: Tera scopes them to their loop, and lists a read
    // of the name outside it.
    let sets: BTreeSet<&str> = inside
        .iter()
        .flat_map(|t| tags.get(t).into_iter().flat_map(|tags| &tags.sets))
        .map(String::as_str)
        .collect();
    let around: BTreeSet<&str> = around(partial, tags)
        .iter()
        .flat_map(|t| {
            tags.get(t)
                .into_iter()
                .flat_map(|tags| tags.sets.iter().chain(&tags.loops))
        })
        .map(String::as_str)
        .collect();
    // Everything the partial may look up: what it reads, what it sets (Tera does not list a
    // name set in a branch, which leaves it to the page when the branch does not run), and
    // `lang`, `site` and `page_kind` (`t` and `date` read `lang`).
    let looked_up: BTreeSet<&str> = reads
        .iter()
        .copied()
        .chain(sets.iter().copied())
        .chain(SHARED)
        .collect();
    if looked_up.iter().any(|name| around.contains(name)) {
        return None;
    }
    let page: Vec<String> = reads
        .iter()
        .copied()
        .filter(|v| !SHARED.contains(v))
        .chain(sets.iter().copied().filter(|v| CONTEXT_NAMES.contains(v)))
        .map(str::to_owned)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    page.iter()
        .all(|v| CONTEXT_NAMES.contains(&v.as_str()))
        .then_some(page)
}

/// What a template's tags bind and pull in, read from its source: names of `set` and
/// `set_global`, of `for` loops, the templates it includes, the one it extends. A tag inside
/// a comment counts too, which only shares less.
#[derive(Debug, Default, PartialEq, Eq)]
struct Tags {
    sets: Vec<String>,
    loops: Vec<String>,
    includes: Vec<String>,
    extends: Option<String>,
}

/// `None` when the source has what this scan does not read for certain (a backslash in a
/// tag or an expression, which Tera reads as an escape; a tag, comment or raw section left
/// open): the theme then shares nothing.
fn scan_tags(source: &str) -> Option<Tags> {
    let mut tags = Tags::default();
    let mut rest = source;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let (close, inner) = match after.as_bytes().first() {
            Some(b'#') => ("#}", &after[1..]),
            Some(b'{') => ("}}", &after[1..]),
            Some(b'%') => ("%}", &after[1..]),
            _ => {
                rest = after;
                continue;
            }
        };
        let end = if close == "#}" {
            inner.find(close)?
        } else {
            outside_strings(inner, close)?
        };
        let body = &inner[..end];
        rest = &inner[end + 2..];
        if close == "#}" {
            continue;
        }
        if body.contains('\\') {
            return None;
        }
        if close == "}}" {
            continue;
        }
        let body = body.trim_start_matches('-').trim_end_matches('-').trim();
        let (word, args) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
        match word {
            "set" | "set_global" => tags.sets.extend(identifier(args.trim_start())),
            "for" => {
                let names = args.split(" in ").next().unwrap_or_default();
                tags.loops
                    .extend(names.split(',').filter_map(|n| identifier(n.trim())));
            }
            "include" => tags.includes.extend(quoted(args)),
            "extends" => tags.extends = quoted(args),
            // What a raw section holds is text: skip to its end.
            "raw" => {
                let end = rest.find("endraw")?;
                rest = &rest[end..];
                rest = &rest[rest.find("%}")? + 2..];
            }
            _ => {}
        }
    }
    Some(tags)
}

/// Where `close` first stands in `text` outside a string literal ('…', "…" or `…`).
fn outside_strings(text: &str, close: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (at, c) in text.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if text[at..].starts_with(close) => return Some(at),
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None => {}
        }
    }
    None
}

fn identifier(text: &str) -> Option<String> {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    (end > 0).then(|| text[..end].to_owned())
}

fn quoted(text: &str) -> Option<String> {
    let text = text.trim_start();
    let quote = text
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let rest = &text[1..];
    rest.find(quote).map(|end| rest[..end].to_owned())
}

/// `partial` and every template it includes, at any depth.
fn included_from<'a>(partial: &'a str, tags: &BTreeMap<&'a str, Tags>) -> BTreeSet<&'a str> {
    let mut found = BTreeSet::from([partial]);
    let mut next = vec![partial];
    while let Some(template) = next.pop() {
        for include in tags.get(template).into_iter().flat_map(|t| &t.includes) {
            if let Some((&name, _)) = tags.get_key_value(include.as_str())
                && found.insert(name)
            {
                next.push(name);
            }
        }
    }
    found
}

/// The templates whose variables an include of `partial` can see: those that include it (at
/// any depth), and every template in the same chain of `extends` as one of them (a child's
/// blocks run in its parent's scope).
fn around<'a>(partial: &str, tags: &BTreeMap<&'a str, Tags>) -> BTreeSet<&'a str> {
    let mut found: BTreeSet<&'a str> = tags
        .keys()
        .copied()
        .filter(|&t| t != partial && included_from(t, tags).contains(partial))
        .collect();
    loop {
        let before = found.len();
        for (&template, t) in tags {
            let Some(parent) = t.extends.as_deref().and_then(|p| tags.get_key_value(p)) else {
                continue;
            };
            let parent = *parent.0;
            if found.contains(template) || found.contains(parent) {
                found.insert(template);
                found.insert(parent);
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{CONTEXT_NAMES, Tags, scan_tags};

    /// Every variable of every page's context is one `Chrome` knows: a name missing from
    /// `CONTEXT_NAMES` would make a partial reading it look like one reading a variable that
    /// `base.html` sets, which is safe but shares nothing; this keeps the list whole.
    #[test]
    fn every_context_variable_is_a_known_name() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = crate::load_site(root, None, true).expect("the shipped site loads");
        let renderer = super::super::Renderer::new(loaded.site, loaded.theme, None).expect("views");
        let mut names = tera::Tera::default();
        names
            .add_raw_template(
                "names",
                "{% for name, _ in __tera_context %}{{ name }} {% endfor %}",
            )
            .expect("a template");
        let mut seen = std::collections::BTreeSet::new();
        for key in renderer.site.pages() {
            // Feeds, the sitemap and redirects are written without a template.
            if !crate::site::PAGE_KINDS[crate::site::kind_index(key)].ends_with(".html") {
                continue;
            }
            let (_, context) = renderer.context(key);
            let listed = names.render("names", &context).expect("names");
            for name in listed.split_whitespace() {
                assert!(CONTEXT_NAMES.contains(&name), "`{name}` on {key:?}");
                seen.insert(name.to_owned());
            }
        }
        // The shipped site's pages, between them, set all but the ones only other sites have.
        let unseen: Vec<&str> = CONTEXT_NAMES
            .iter()
            .copied()
            .filter(|n| !seen.contains(*n))
            .collect();
        assert_eq!(unseen, Vec::<&str>::new());
    }

    #[test]
    fn tags_are_not_read_in_comments_strings_or_raw_sections() {
        let source = "{# a stray {% #}{% set lang = 'uk' %}{{ \"{%\" }}{% set a = \"%}\" %}\
            {% raw %}{% set b = 1 %}{% endraw %}{% include \"x.html\" %}";
        let tags = scan_tags(source).expect("readable");
        assert_eq!(tags.sets, ["lang", "a"]);
        assert_eq!(tags.includes, ["x.html"]);
        assert_eq!(scan_tags("{% include \"partials\\/footer.html\" %}"), None);
        assert_eq!(scan_tags("{{ x }}{% set y = 1"), None);
    }

    #[test]
    fn tags_say_what_a_template_binds_includes_and_extends() {
        let source = "{% extends \"base.html\" %}{%- set lang = 'uk' -%}\n\
            {% for key, value in site.extra %}{% set_global seen=true %}{% endfor %}\n\
            {% if a < b %}{% include \"partials/header.html\" %}{% endif %}{{ x }}";
        assert_eq!(
            scan_tags(source),
            Some(Tags {
                sets: vec!["lang".into(), "seen".into()],
                loops: vec!["key".into(), "value".into()],
                includes: vec!["partials/header.html".into()],
                extends: Some("base.html".into()),
            })
        );
    }

    /// Which partials a site's own templates leave shared: a plain replaced header is, one
    /// that includes another template is not, and a replaced page template stops all sharing.
    #[test]
    fn a_site_may_replace_a_partial_and_keep_it_shared_if_it_is_plain() {
        let shared = |files: &[(&str, &str)]| {
            let dir = tempfile::tempdir().expect("temp dir");
            let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).expect("copy");
            for (file, text) in files {
                let path = dir.path().join(file);
                std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
                std::fs::write(path, text).expect("write");
            }
            let config = crate::load_site_config(dir.path(), None).expect("site.yaml");
            let theme = super::super::load_theme(dir.path(), &config).expect("the theme");
            let chrome = super::Chrome::new(&theme);
            chrome.reads.iter().map(Option::is_some).collect::<Vec<_>>()
        };
        assert_eq!(shared(&[]), [true, true]);
        let plain = "{# Ours. #}<header>{{ site.title }} {{ \"home\" | t }}</header>";
        assert_eq!(
            shared(&[("templates/partials/header.html", plain)]),
            [true, true]
        );
        let including = "<header>{% include \"partials/logo.html\" %}</header>";
        assert_eq!(
            shared(&[
                ("templates/partials/header.html", including),
                ("templates/partials/logo.html", "<b>Desk</b>"),
            ]),
            [false, true]
        );
        let archive =
            "{% extends \"base.html\" %}{% block content %}<p>A</p>{% endblock content %}";
        assert_eq!(
            shared(&[("templates/archive.html", archive)]),
            [false, false]
        );
    }

    /// The default theme's header and footer are shared on briefing pages: were they not,
    /// the test comparing shared and included partials would compare a build with itself.
    #[test]
    fn the_default_header_and_footer_are_shared_on_briefing_pages() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = crate::load_site(root, None, true).expect("the shipped site loads");
        let renderer = super::super::Renderer::new(loaded.site, loaded.theme, None).expect("views");
        let (_, context) = renderer.context(crate::site::PageKey::Briefing(0));
        let chrome = context
            .get("chrome")
            .and_then(|c| c.as_map())
            .expect("chrome");
        for field in ["header", "footer"] {
            let html = chrome
                .get(&tera::value::Key::Str(field))
                .and_then(|v| v.as_str())
                .unwrap_or_else(|| panic!("no chrome.{field}"));
            assert!(html.contains(&format!("class=\"site-{field}\"")), "{html}");
        }
    }
}
