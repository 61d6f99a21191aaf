//! The header and footer ("chrome") of themed pages, rendered once per language and page kind
//! instead of on every page. On a briefing page they read nothing of the briefing, yet they
//! were a fifth of its rendering time. `base.html` prints `chrome.header` when sitrep gives
//! it, else includes the partial as before, so a theme that never mentions `chrome` renders
//! exactly as it did.
//!
//! A partial is shared only when that cannot change a byte: every variable it (or a template
//! it includes) reads is `site`, `lang`, `page_kind`, or a variable sitrep sets on some pages
//! and not on this one. One that reads anything else, such as `page` or `current_url`, or a
//! variable `base.html` sets, is rendered on every page as before.

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
/// shared on the pages that lack it (`debug_assert`ed where the context is built).
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
        let components = theme.template_sources.values().any(|s| calls_component(s));
        let reads = PARTIALS
            .iter()
            .map(|(_, template)| {
                if components {
                    return None;
                }
                let variables = theme.tera.get_template_variables(template).ok()?;
                let mut reads: Vec<String> = variables
                    .into_iter()
                    .filter(|v| !SHARED.contains(v))
                    .map(str::to_owned)
                    .collect();
                reads.sort();
                reads
                    .iter()
                    .all(|v| CONTEXT_NAMES.contains(&v.as_str()))
                    .then_some(reads)
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

/// Whether a template calls a Tera component: `{{ <name … /> }}` or `{% <name> %}`.
fn calls_component(source: &str) -> bool {
    source.match_indices('{').any(|(at, _)| {
        let rest = &source[at + 1..];
        let Some(rest) = rest.strip_prefix('{').or_else(|| rest.strip_prefix('%')) else {
            return false;
        };
        let rest = rest.strip_prefix('-').unwrap_or(rest);
        rest.trim_start().starts_with('<')
    })
}

#[cfg(test)]
mod tests {
    use super::{CONTEXT_NAMES, calls_component};

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
    fn component_calls_are_told_from_comparisons() {
        assert!(calls_component("{{ <Button label=\"x\" /> }}"));
        assert!(calls_component("a {%- <footer> %}b{% </footer> %}"));
        assert!(!calls_component("{% if a < b %}{{ a }}{% endif %}"));
        assert!(!calls_component("{# <b> #} <p>{{ x }}</p> {"));
    }
}
