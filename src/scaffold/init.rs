//! `sitrep init [DIR]`: a new desk repository that builds, checks and previews as it is —
//! site.yaml with every key explained, an example briefing, an About page, `.gitignore`,
//! the sitrep version its workflows install (`.sitrep-version`) and the two GitHub
//! workflows (publish to Pages; check pull requests). Writes over nothing: a folder that
//! already holds a site.yaml is refused, and any other file that exists is left as it is.
//! The files themselves are templates in `init/`, so they can be read (and linted) as files.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::config::{BaseUrl, CONFIG_FILE, PLACEHOLDER_BASE_URL};

const SITE_YAML: &str = include_str!("init/site.yaml");
const BRIEFING: &str = include_str!("init/briefing.md");
const ABOUT: &str = include_str!("init/about.md");
const GITIGNORE: &str = include_str!("init/gitignore");
const PAGES_WORKFLOW: &str = include_str!("init/pages.yml");
const CHECK_WORKFLOW: &str = include_str!("init/check.yml");
/// The steps that install sitrep, the same in both workflows.
const INSTALL_STEPS: &str = include_str!("init/install-steps.yml");

/// Where the example briefing goes (a year folder, as `sitrep new` then keeps using).
pub const EXAMPLE_BRIEFING: &str = "content/2022/un-general-assembly-rejects-annexation.md";
/// The file both workflows read the sitrep release to install from.
pub const VERSION_FILE: &str = ".sitrep-version";

/// What `sitrep init` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct InitOptions {
    pub dir: PathBuf,
    pub title: Option<String>,
    pub base_url: Option<String>,
}

/// What `sitrep init` did.
#[derive(Debug, Clone)]
pub struct InitReport {
    /// Files written, relative to the folder, in the order written.
    pub created: Vec<PathBuf>,
    /// Files that existed already and were left untouched.
    pub kept: Vec<PathBuf>,
    /// Whether `base_url` is the placeholder (no `--base-url` was given).
    pub placeholder_base_url: bool,
    /// What a kept file may leave undone: a `.gitignore` that lets `public/` in, a workflow
    /// that is not the one init writes. One sentence each.
    pub warnings: Vec<String>,
}

/// Every file of a new desk: (path relative to the folder, contents).
pub fn desk_files(title: &str, base_url: &str) -> Vec<(&'static str, String)> {
    let title = super::yaml_scalar(title);
    let repository = env!("CARGO_PKG_REPOSITORY")
        .trim_start_matches("https://github.com/")
        .trim_end_matches('/');
    let workflow = |template: &str| {
        template
            .replace("{{install_steps}}\n", &format!("{INSTALL_STEPS}\n"))
            .replace("{{repository}}", repository)
    };
    vec![
        (
            CONFIG_FILE,
            SITE_YAML
                .replace("{{title}}", &title)
                .replace("{{base_url}}", base_url),
        ),
        (EXAMPLE_BRIEFING, BRIEFING.to_string()),
        ("pages/about.md", ABOUT.to_string()),
        (".gitignore", GITIGNORE.to_string()),
        (VERSION_FILE, format!("v{}\n", env!("CARGO_PKG_VERSION"))),
        (".github/workflows/pages.yml", workflow(PAGES_WORKFLOW)),
        (".github/workflows/check.yml", workflow(CHECK_WORKFLOW)),
    ]
}

/// Creates the desk in `options.dir` (made if missing).
pub fn init(options: &InitOptions) -> Result<InitReport> {
    let dir = &options.dir;
    if dir.join(CONFIG_FILE).exists() {
        bail!(
            "{} already holds a {CONFIG_FILE}: it is a site already, and init writes over \
             nothing; choose another folder, such as `sitrep init my-desk`",
            shown(dir)
        );
    }
    if dir.exists() && !dir.is_dir() {
        bail!("{} is a file, not a folder", dir.display());
    }
    let base = match &options.base_url {
        Some(url) => Some(
            BaseUrl::parse(url).map_err(|m| crate::UsageError(format!("bad --base-url: {m}")))?,
        ),
        None => None,
    };
    let base_url = base
        .as_ref()
        .map_or_else(|| PLACEHOLDER_BASE_URL.to_string(), BaseUrl::full);
    let title = match &options.title {
        Some(title) if !title.trim().is_empty() => title.trim().to_string(),
        Some(_) => {
            return Err(crate::UsageError(
                "--title is empty; give the site a name, such as --title \"Frontline Desk\"".into(),
            )
            .into());
        }
        None => title_from_folder(dir),
    };
    let mut report = InitReport {
        created: Vec::new(),
        kept: Vec::new(),
        placeholder_base_url: options.base_url.is_none(),
        warnings: Vec::new(),
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for (relative, text) in desk_files(&title, &base_url) {
        let path = dir.join(relative);
        // A file that exists (or appears meanwhile) is kept: create_new never replaces.
        if path.symlink_metadata().is_ok() {
            report.kept.push(PathBuf::from(relative));
            continue;
        }
        match super::write_new_file(&path, &text) {
            Ok(()) => report.created.push(PathBuf::from(relative)),
            Err(e)
                if e.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::AlreadyExists) =>
            {
                report.kept.push(PathBuf::from(relative));
            }
            Err(e) => return Err(e.context(format!("cannot write {}", path.display()))),
        }
    }
    report.warnings = kept_warnings(dir, &report.kept);
    // Said now, not at the first `check`: the desk is set up with the address it gave.
    if let Some(https) = base.as_ref().and_then(BaseUrl::https_on_github_pages) {
        report.warnings.push(format!(
            "--base-url {base_url} is http, but GitHub Pages serves sites over https only: \
             set `base_url: {https}` in site.yaml"
        ));
    }
    Ok(report)
}

/// What the kept files may leave undone, in the order they were kept.
fn kept_warnings(dir: &Path, kept: &[PathBuf]) -> Vec<String> {
    let mut warnings = Vec::new();
    for relative in kept {
        let shown = relative.display();
        if relative == Path::new(".gitignore") {
            let text = std::fs::read_to_string(dir.join(relative)).unwrap_or_default();
            if !ignores_public(&text) {
                warnings.push(format!(
                    "{shown} does not ignore public/: add a line `public/` to it, or the \
                     built site ends up in your commits"
                ));
            }
        } else if relative.starts_with(".github/workflows") {
            warnings.push(format!(
                "{shown} was already there and was kept, not written: publishing may not be \
                 set up; compare it with the workflow in sitrep's README (Publishing on GitHub \
                 Pages), or move it away and run init again"
            ));
        }
    }
    warnings
}

/// Whether a `.gitignore` ignores the `public/` folder at the top (a line such as `public/`,
/// `/public`, `public/*`), and no later `!` line lets it back in.
fn ignores_public(gitignore: &str) -> bool {
    let mut ignored = false;
    for line in gitignore.lines() {
        let line = line.trim();
        let (negated, pattern) = match line.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        let pattern = pattern.trim_start_matches('/');
        let pattern = pattern
            .strip_suffix("/**")
            .or_else(|| pattern.strip_suffix("/*"))
            .unwrap_or(pattern)
            .trim_end_matches('/');
        if matches!(pattern, "public" | "**/public") {
            ignored = !negated;
        }
    }
    ignored
}

/// "my-desk" → "My Desk"; the current folder's name for `.`; "Briefings" when there is none.
fn title_from_folder(dir: &Path) -> String {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let name = absolute
        .components()
        .rev()
        .find_map(|c| match c {
            std::path::Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .unwrap_or_default();
    let words: Vec<String> = name
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect();
    if words.is_empty() || !words.iter().any(|w| w.chars().any(char::is_alphabetic)) {
        "Briefings".into()
    } else {
        words.join(" ")
    }
}

fn shown(dir: &Path) -> String {
    if dir == Path::new(".") {
        "this folder".into()
    } else {
        dir.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{KNOWN_KEYS, parse_config};

    #[test]
    fn site_yaml_has_every_key_with_a_comment_and_parses() {
        let files = desk_files("Desk: \"one\"", PLACEHOLDER_BASE_URL);
        let site = &files[0].1;
        for key in KNOWN_KEYS {
            let line = site
                .lines()
                .position(|l| l.trim_start_matches("# ").starts_with(&format!("{key}:")))
                .unwrap_or_else(|| panic!("site.yaml has no `{key}:`"));
            let before = site.lines().nth(line - 1).unwrap_or_default();
            assert!(before.starts_with('#'), "`{key}:` has no comment above it");
        }
        let config = parse_config(site).unwrap();
        assert_eq!(config.title, "Desk: \"one\"");
        assert!(config.base_url.is_placeholder());
    }

    #[test]
    fn the_example_briefing_loads_with_the_site_yaml_it_comes_with() {
        let files = desk_files("Desk", "https://org.github.io/desk/");
        let config = parse_config(&files[0].1).unwrap();
        assert!(!config.base_url.is_placeholder());
        let briefing =
            crate::content::parse_briefing(Path::new(EXAMPLE_BRIEFING), &files[1].1, &config)
                .unwrap();
        assert!(!briefing.draft);
        assert!(briefing.warnings.is_empty(), "{:?}", briefing.warnings);
        for source in &briefing.sources {
            assert!(!source.url.contains("example."), "{}", source.url);
        }
    }

    #[test]
    fn a_gitignore_ignores_public_in_its_usual_spellings() {
        for yes in [
            "public/",
            "/public",
            "/public/",
            "public",
            "public/*",
            "x\n**/public/\n",
        ] {
            assert!(ignores_public(yes), "{yes:?}");
        }
        for no in [
            "",
            "target/\n",
            "# public/",
            "publication/",
            "public/\n!public/",
            "docs/public/",
        ] {
            assert!(!ignores_public(no), "{no:?}");
        }
    }

    #[test]
    fn titles_come_from_the_folder_name() {
        assert_eq!(title_from_folder(Path::new("/tmp/my-desk")), "My Desk");
        assert_eq!(title_from_folder(Path::new("kyiv_watch/")), "Kyiv Watch");
        assert_eq!(title_from_folder(Path::new("/")), "Briefings");
    }
}
