//! Theme loading: the theme's templates and static files, with the site's own `templates/`
//! and `static/` taking precedence file by file. Templates are parsed once, here; a syntax
//! error in any of them is a diagnostic naming the template file and line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostics::Diagnostic;

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

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
    /// Output path (relative, forward slashes) → source, sorted.
    pub static_files: BTreeMap<String, StaticSource>,
}

/// The templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = crate::site::THEMED_PAGE_KINDS;

/// Loads the theme named in the config, then the site's overrides.
pub fn load_theme(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    let mut templates: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut static_files = BTreeMap::new();
    let theme_dir = root.join("themes").join(&config.theme);
    let theme_label = format!("themes/{}", config.theme);
    let mut errors = Vec::new();

    if theme_dir.is_dir() {
        read_tree(root, &theme_dir.join("templates"), &mut |rel, path| {
            read_template(root, path, rel, &mut templates, &mut errors)
        });
        read_tree(root, &theme_dir.join("static"), &mut |rel, path| {
            static_files.insert(rel, StaticSource::Disk(path.to_path_buf()));
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
                static_files.insert(name.to_string(), StaticSource::Embedded(bytes));
            }
        }
    } else {
        return Err(vec![
            Diagnostic::error(crate::config::CONFIG_FILE, 0, 0, format!("theme `{}` not found: there is no {theme_label}/ folder", config.theme))
                .with_hint("set `theme: default` in site.yaml for the built-in theme, or add the theme's folder under themes/"),
        ]);
    }
    read_tree(root, &root.join("templates"), &mut |rel, path| {
        read_template(root, path, rel, &mut templates, &mut errors)
    });
    read_tree(root, &root.join("static"), &mut |rel, path| {
        static_files.insert(rel, StaticSource::Disk(path.to_path_buf()));
    });

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

    let mut tera = tera::Tera::new();
    super::functions::register(&mut tera, &config.base_url);
    let template_files: BTreeMap<String, String> = templates
        .iter()
        .map(|(k, (file, _))| (k.clone(), file.clone()))
        .collect();
    let template_sources: BTreeMap<String, String> = templates
        .iter()
        .map(|(k, (_, text))| (k.clone(), text.clone()))
        .collect();
    if let Err(e) = tera.add_raw_templates(
        templates
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str())),
    ) {
        return Err(super::template_diagnostics(
            &e,
            &template_files,
            &template_sources,
        ));
    }
    Ok(Theme {
        tera,
        template_files,
        template_sources,
        static_files,
    })
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
