//! sitrep: a static site generator for curated conflict briefings.
//!
//! The pipeline runs one way: **load** (site.yaml, theme, content/) → **model** (`site::Site`)
//! → **render** (`render::Renderer`, pure) → **write** (`output`, atomic). `build` below is
//! that pipeline in a few lines; the CLI and the preview server call into it.

pub mod config;
pub mod content;
pub mod diagnostics;
pub mod markdown;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod site;
pub mod slug;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{BaseUrl, Config};
use crate::diagnostics::Diagnostic;
use crate::render::Renderer;
use crate::site::Site;

/// What `sitrep build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from site.yaml.
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub output: PathBuf,
    pub briefings: usize,
    pub drafts_left_out: usize,
    pub pages: usize,
    pub static_files: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// Problems with the site's input (content, config, templates): every one found.
    Input(Vec<Diagnostic>),
    /// The output could not be written; the previous output is untouched.
    Io(anyhow::Error),
}

/// Loads the config and applies command-line overrides.
pub fn load_site_config(root: &Path, base_url: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
    let mut config = config::load_config(root)?;
    if let Some(url) = base_url {
        config.base_url = BaseUrl::parse(url).map_err(|m| {
            vec![Diagnostic::error(
                "--base-url",
                0,
                0,
                format!("bad --base-url: {m}"),
            )]
        })?;
    }
    Ok(config)
}

/// A rendered site, ready to be written.
pub struct RenderedSite {
    pub site: Site,
    pub outputs: Vec<render::Output>,
    pub static_files: Vec<(String, render::StaticSource)>,
    pub drafts_left_out: usize,
}

/// Loads, validates and renders the site without writing anything.
pub fn render_site(root: &Path, base_url: Option<&str>, drafts: bool) -> Result<RenderedSite, Vec<Diagnostic>> {
    let config = load_site_config(root, base_url)?;
    // Theme and content problems are independent: report both before failing.
    let theme = render::load_theme(root, &config);
    let (briefings, mut errors) = content::load_content(root, &config);
    let drafts_left_out = if drafts {
        0
    } else {
        briefings.iter().filter(|b| b.draft).count()
    };
    let theme = match theme {
        Ok(theme) => Some(theme),
        Err(mut e) => {
            errors.append(&mut e);
            None
        }
    };
    let site = match Site::build(config, briefings, drafts) {
        Ok(site) => Some(site),
        Err(mut e) => {
            errors.append(&mut e);
            None
        }
    };
    let (Some(site), Some(theme), true) = (site, theme, errors.is_empty()) else {
        diagnostics::sort(&mut errors);
        return Err(errors);
    };
    let static_files: Vec<_> = theme.static_files.clone().into_iter().collect();
    let renderer = Renderer::new(&site, theme);
    let outputs = renderer.render_all().map_err(|mut e| {
        diagnostics::sort(&mut e);
        e
    })?;
    let mut collisions = Vec::new();
    for (path, _) in &static_files {
        if outputs.iter().any(|o| o.path == Path::new(path)) {
            collisions.push(
                Diagnostic::error(
                    format!("static/{path}"),
                    0,
                    0,
                    format!("this static file would overwrite the generated page /{path}"),
                )
                .with_hint("rename or move the static file"),
            );
        }
    }
    if !collisions.is_empty() {
        return Err(collisions);
    }
    drop(renderer);
    Ok(RenderedSite { site, outputs, static_files, drafts_left_out })
}

/// `sitrep build`: render the site and swap it into the output folder atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    check_output_dir(&options.root, &output).map_err(BuildError::Input)?;
    let RenderedSite { site, outputs, static_files, drafts_left_out } =
        render_site(&options.root, options.base_url.as_deref(), options.drafts)
            .map_err(BuildError::Input)?;
    output::write_site(&output, &outputs, &static_files).map_err(BuildError::Io)?;
    Ok(BuildReport {
        output,
        briefings: site.entries.len(),
        drafts_left_out,
        pages: outputs.len(),
        static_files: static_files.len(),
        warnings: Vec::new(),
        elapsed: started.elapsed(),
    })
}

/// The output folder is replaced wholesale, so it must never be the site itself.
fn check_output_dir(root: &Path, output: &Path) -> Result<(), Vec<Diagnostic>> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, output_abs) = (absolute(root), absolute(output));
    let dangerous = root.starts_with(&output_abs)
        || ["content", "themes", "templates", "static", "src", ".git"]
            .iter()
            .any(|d| output_abs.starts_with(root.join(d)));
    if dangerous {
        return Err(vec![
            Diagnostic::error(
                "--output",
                0,
                0,
                format!(
                    "refusing to build into {}: it would replace the site's own files",
                    output.display()
                ),
            )
            .with_hint("choose an output folder of its own, such as public/"),
        ]);
    }
    Ok(())
}
