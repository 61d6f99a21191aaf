//! Theme loading: the theme's templates, static files and interface words (`i18n/`), with
//! the site's own `templates/`, `static/` and `i18n/` taking precedence file by file (words:
//! key by key). Templates are parsed once, here; a syntax error in any of them is a
//! diagnostic naming the template file and line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::Diagnostic;

use super::compact::{LineEdit, compact, whitespace_shows};
use super::i18n::Translations;

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// The built-in default theme's template `name` (`partials/header.html`), if it has one.
pub(super) fn built_in_template(name: &str) -> Option<&'static [u8]> {
    DEFAULT_THEME
        .iter()
        .find(|(path, _)| path.strip_prefix("templates/") == Some(name))
        .map(|(_, bytes)| *bytes)
}

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum StaticSource {
    Disk(PathBuf),
    Embedded(&'static [u8]),
}

/// A loaded theme: parsed templates plus the static files to copy.
pub struct Theme {
    pub tera: tera::Tera,
    /// Template name → file it came from (relative to the root, for messages).
    pub template_files: BTreeMap<String, String>,
    /// Template name → source text, for error excerpts.
    pub template_sources: BTreeMap<String, String>,
    /// Template name → what dropping its indentation did to each line, for the default
    /// theme's templates (`compact`): a template error's column in the file as written.
    pub template_edits: BTreeMap<String, Vec<LineEdit>>,
    /// Output path (relative, forward slashes) → source, sorted.
    pub static_files: BTreeMap<String, StaticSource>,
    /// Static files of the site that replace a theme's file of the same path, sorted.
    pub static_overrides: Vec<StaticOverride>,
    /// The interface words of the theme (and the site's own), by language.
    pub translations: Arc<Translations>,
}

impl Theme {
    /// A Tera error of this theme's templates as diagnostics naming their files.
    pub fn diagnostics(&self, error: &tera::Error) -> Vec<Diagnostic> {
        super::template_diagnostics(
            error,
            &self.template_files,
            &self.template_sources,
            &self.template_edits,
        )
    }
}

/// A site's static file that takes the place of the theme's file at the same output path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticOverride {
    /// Output path, e.g. `style.css`.
    pub path: String,
    /// The site's file, from the root: `static/style.css`.
    pub site_file: String,
    /// The theme's file it hides: `themes/default/static/style.css`.
    pub theme_file: String,
}

/// The site's additions to the theme's stylesheet, linked after it by the default theme.
pub const CUSTOM_CSS: &str = "custom.css";

/// The templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = crate::site::THEMED_PAGE_KINDS;

/// Templates added after themes were first written (timelines, related briefings): a theme
/// without them gets the built-in default theme's, so it keeps building.
pub const BUILT_IN_FALLBACKS: &[&str] = &[
    "timeline.html",
    "partials/timeline.html",
    "partials/related.html",
    "search.html",
];

/// The built-in default theme's interface words: (label, language, text) per i18n file.
fn built_in_words() -> Vec<(String, String, String)> {
    DEFAULT_THEME
        .iter()
        .filter_map(|(path, bytes)| {
            let language = path.strip_prefix("i18n/")?.strip_suffix(".yaml")?;
            Some((
                format!("(built-in) themes/default/{path}"),
                language.to_string(),
                String::from_utf8_lossy(bytes).into_owned(),
            ))
        })
        .collect()
}

/// A built-in fallback (search.html, timeline.html) extends the theme's base.html and fills
/// blocks the default theme's base has; a theme whose base lacks one fails in a file its author
/// never wrote. Say why it is there and what to add (`fallbacks_used`: the templates the
/// theme lacked, not the built-in default theme's own).
fn explain_built_in_block(diagnostic: Diagnostic, fallbacks_used: &[&str]) -> Diagnostic {
    let file = diagnostic.path.to_string_lossy();
    let Some(name) = file
        .strip_prefix("(built-in) themes/default/templates/")
        .filter(|name| fallbacks_used.contains(name))
        .map(str::to_owned)
    else {
        return diagnostic;
    };
    let Some(block) = diagnostic
        .message
        .split('`')
        .nth(1)
        .filter(|_| {
            diagnostic
                .message
                .contains("is not defined in any parent template")
        })
        .map(str::to_owned)
    else {
        return diagnostic;
    };
    diagnostic.with_hint(format!(
        "the theme has no {name}, so sitrep uses its built-in one, which fills the `{block}` block \
         of the theme's base.html; add `{{% block {block} %}}{{% endblock {block} %}}` to base.html \
         (empty is fine), or give the theme its own templates/{name}"
    ))
}

/// Loads the theme named in the config, then the site's overrides.
pub fn load_theme(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    let mut templates: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut static_files = BTreeMap::new();
    // Output path → where the theme's own file is, for messages about overrides.
    let mut theme_statics: BTreeMap<String, String> = BTreeMap::new();
    // (label, language, text) of every i18n file, theme first, then the site's.
    let mut word_files: Vec<(String, String, String)> = Vec::new();
    let theme_dir = root.join("themes").join(&config.theme);
    let theme_label = format!("themes/{}", config.theme);
    let mut errors = Vec::new();

    if theme_dir.is_dir() {
        read_tree(root, &theme_dir.join("templates"), &mut |rel, path| {
            read_template(root, path, rel, &mut templates, &mut errors)
        });
        read_tree(root, &theme_dir.join("static"), &mut |rel, path| {
            theme_statics.insert(rel.clone(), format!("{theme_label}/static/{rel}"));
            static_files.insert(rel, StaticSource::Disk(path.to_path_buf()));
        });
        read_tree(root, &theme_dir.join("i18n"), &mut |rel, path| {
            read_words(root, path, &rel, &mut word_files, &mut errors)
        });
    } else if config.theme == "default" {
        for (path, bytes) in DEFAULT_THEME {
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(bytes).into_owned();
                templates.insert(
                    name.to_string(),
                    (format!("(built-in) {theme_label}/{path}"), text),
                );
            } else if let Some(name) = path.strip_prefix("static/") {
                theme_statics.insert(name.to_string(), format!("{theme_label}/{path}"));
                static_files.insert(name.to_string(), StaticSource::Embedded(bytes));
            }
        }
        word_files.extend(built_in_words());
    } else {
        let (line, col) = config.theme_at.unwrap_or_default();
        return Err(vec![
            Diagnostic::error(crate::config::CONFIG_FILE, line, col, format!("theme `{}` not found: there is no {theme_label}/ folder", config.theme))
                .with_hint("set `theme: default` in site.yaml for the built-in theme, or add the theme's folder under themes/"),
        ]);
    }
    read_tree(root, &root.join("templates"), &mut |rel, path| {
        read_template(root, path, rel, &mut templates, &mut errors)
    });
    let mut fallbacks_used: Vec<&str> = Vec::new();
    for (path, bytes) in DEFAULT_THEME {
        if let Some(name) = path.strip_prefix("templates/")
            && BUILT_IN_FALLBACKS.contains(&name)
            && !templates.contains_key(name)
        {
            fallbacks_used.push(name);
            let text = String::from_utf8_lossy(bytes).into_owned();
            templates.insert(
                name.to_string(),
                (format!("(built-in) themes/default/{path}"), text),
            );
        }
    }
    let mut static_overrides = Vec::new();
    read_tree(root, &root.join("static"), &mut |rel, path| {
        if let Some(theme_file) = theme_statics.get(&rel) {
            static_overrides.push(StaticOverride {
                path: rel.clone(),
                site_file: format!("static/{rel}"),
                theme_file: theme_file.clone(),
            });
        }
        static_files.insert(rel, StaticSource::Disk(path.to_path_buf()));
    });
    read_tree(root, &root.join("i18n"), &mut |rel, path| {
        read_words(root, path, &rel, &mut word_files, &mut errors)
    });
    let mut translations = Translations::default();
    for (label, language, text) in &word_files {
        if let Err(found) = translations.add_file(label, language, text) {
            errors.extend(found);
        }
    }
    if theme_dir.is_dir() && config.theme != "default" {
        // The built-in templates a theme may lack (BUILT_IN_FALLBACKS) speak the default
        // theme's words; without them they fail on their first word.
        let mut built_in = Translations::default();
        for (label, language, text) in built_in_words() {
            built_in
                .add_file(&label, &language, &text)
                .expect("the built-in words parse");
        }
        translations.fall_back_to(built_in);
    }

    for required in REQUIRED_TEMPLATES {
        if !templates.contains_key(*required) {
            errors.push(
                Diagnostic::error(
                    &theme_label,
                    0,
                    0,
                    format!("the theme has no `{required}` template"),
                )
                .with_hint(format!(
                    "add templates/{required} to the site or to {theme_label}/templates/"
                )),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let translations = Arc::new(translations);
    let mut tera = tera::Tera::new();
    super::functions::register(&mut tera, &config.base_url, &translations);
    let template_files: BTreeMap<String, String> = templates
        .iter()
        .map(|(k, (file, _))| (k.clone(), file.clone()))
        .collect();
    let template_sources: BTreeMap<String, String> = templates
        .iter()
        .map(|(k, (_, text))| (k.clone(), text.clone()))
        .collect();
    let compacted = compacted_templates(&templates);
    let template_edits: BTreeMap<String, Vec<LineEdit>> = compacted
        .iter()
        .map(|(name, c)| (name.to_string(), c.lines.clone()))
        .collect();
    if let Err(e) = tera.add_raw_templates(templates.iter().map(|(name, (_, text))| {
        let text = compacted.get(name.as_str()).map_or(text, |c| &c.text);
        (name.as_str(), text.as_str())
    })) {
        let found =
            super::template_diagnostics(&e, &template_files, &template_sources, &template_edits);
        return Err(found
            .into_iter()
            .map(|d| explain_built_in_block(d, &fallbacks_used))
            .collect());
    }
    Ok(Theme {
        tera,
        template_files,
        template_sources,
        template_edits,
        static_files,
        static_overrides,
        translations,
    })
}

/// The templates that are the built-in default theme's own, byte for byte, without their
/// indentation (`compact`), by name: the text their output was tested with. Only where every
/// other template is plain (it includes, extends and imports nothing, so it cannot put their
/// text inside its attribute values or scripts) and no template shows spaces.
///
/// `entry.html` reaches other templates another way: rendered, as `entry.card` in every
/// list. A list page of the site's own, plain or not, may measure that text, cut it, or put
/// it in an attribute value or a `white-space: pre` element, so `entry.html` is compacted
/// only when the site has no template of its own.
fn compacted_templates(
    templates: &BTreeMap<String, (String, String)>,
) -> BTreeMap<&str, super::compact::Compacted> {
    let built_in = |name: &str, text: &str| built_in_template(name) == Some(text.as_bytes());
    let others_plain = templates
        .iter()
        .all(|(name, (_, text))| built_in(name, text) || super::chrome::is_plain(text));
    if !others_plain || whitespace_shows(templates.values().map(|(_, text)| text.as_str())) {
        return BTreeMap::new();
    }
    let all_built_in = templates
        .iter()
        .all(|(name, (_, text))| built_in(name, text));
    templates
        .iter()
        .filter(|(name, (_, text))| built_in(name, text))
        .filter(|(name, _)| all_built_in || name.as_str() != super::views::CARD_TEMPLATE)
        .map(|(name, (_, text))| (name.as_str(), compact(text)))
        .collect()
}

/// Reads `i18n/<language>.yaml` into `files`; any other file there, or an unknown language,
/// is an error naming it.
fn read_words(
    root: &Path,
    path: &Path,
    name: &str,
    files: &mut Vec<(String, String, String)>,
    errors: &mut Vec<Diagnostic>,
) {
    let label = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let Some(language) = name.strip_suffix(".yaml") else {
        errors.push(
            Diagnostic::error(
                &label,
                0,
                0,
                "files in i18n/ hold a language's words: name them <language>.yaml",
            )
            .with_hint("rename it, like i18n/uk.yaml for Ukrainian, or move it out of i18n/"),
        );
        return;
    };
    if let Err((message, hint)) = crate::language::check_language(language) {
        errors.push(
            Diagnostic::error(&label, 0, 0, format!("{message} in the file name")).with_hint(hint),
        );
        return;
    }
    match std::fs::read_to_string(path) {
        Ok(text) => files.push((label, language.to_string(), text)),
        Err(e) => errors.push(Diagnostic::error(
            label,
            0,
            0,
            format!("cannot read this file: {e}"),
        )),
    }
}

fn read_template(
    root: &Path,
    path: &Path,
    name: String,
    templates: &mut BTreeMap<String, (String, String)>,
    errors: &mut Vec<Diagnostic>,
) {
    let label = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    match std::fs::read_to_string(path) {
        Ok(text) => {
            templates.insert(name, (label, text));
        }
        Err(e) => errors.push(Diagnostic::error(
            label,
            0,
            0,
            format!("cannot read this template: {e}"),
        )),
    }
}

/// Calls `visit(relative path with forward slashes, path)` for each file under `dir`, sorted,
/// skipping hidden files and editor artifacts.
fn read_tree(_root: &Path, dir: &Path, visit: &mut dyn FnMut(String, &Path)) {
    if !dir.is_dir() {
        return;
    }
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !crate::content::is_editor_artifact(&e.file_name().to_string_lossy())
        });
    for entry in walker.flatten() {
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            visit(relative.to_string_lossy().replace('\\', "/"), entry.path());
        }
    }
}
