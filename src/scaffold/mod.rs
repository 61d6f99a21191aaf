//! Writing new files for editors: `sitrep new` (a briefing skeleton, `new.rs`) and
//! `sitrep init` (a whole new desk, `init.rs`), plus what `sitrep import` shares with `new`:
//! where a new briefing goes, whether its slug or URL is taken, and writing it without ever
//! replacing a file.

mod init;
mod new;

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::config::Config;
use crate::content::CONTENT_DIR;

pub use init::{EXAMPLE_BRIEFING, InitOptions, InitReport, VERSION_FILE, desk_files, init};
pub use new::new_briefing;

/// The path of a new briefing with `slug`, dated `date`: `content/<dir>/<slug>.md` with
/// `dir` given, else `content/<year>/<slug>.md` when the site keeps briefings in year
/// folders (`content/2025/…`), else `content/<slug>.md`. Refuses a file that exists and a
/// slug or URL another briefing already has (drafts included).
pub fn new_briefing_path(
    root: &Path,
    config: &Config,
    slug: &str,
    date: jiff::civil::Date,
    dir: Option<&Path>,
) -> Result<PathBuf> {
    let folder = briefing_folder(root, date, dir)?;
    match free(root, config, &folder, slug, date) {
        Ok(path) => Ok(path),
        Err(Taken::File(path)) => bail!(
            "{} already exists; choose another title or edit that file",
            path.display()
        ),
        Err(Taken::By(other, what)) => bail!(
            "the {what} of this title is taken by {}; choose another title, or edit that briefing",
            other.display()
        ),
    }
}

/// As `new_briefing_path`, but a taken slug gets a number instead of an error: `slug`, then
/// `slug-2`, `slug-3` … (for drafts whose title is a placeholder, such as an imported page
/// without a headline). Returns the path and the slug it has.
pub fn numbered_briefing_path(
    root: &Path,
    config: &Config,
    slug: &str,
    date: jiff::civil::Date,
    dir: Option<&Path>,
) -> Result<(PathBuf, String)> {
    let folder = briefing_folder(root, date, dir)?;
    for n in 1..=1000 {
        let numbered = match n {
            1 => slug.to_string(),
            n => format!("{slug}-{n}"),
        };
        if let Ok(path) = free(root, config, &folder, &numbered, date) {
            return Ok((path, numbered));
        }
    }
    bail!("{slug}-2 to {slug}-1000 are all taken; give the briefing a title of its own")
}

/// The folder a new briefing dated `date` goes into (see `new_briefing_path`).
fn briefing_folder(root: &Path, date: jiff::civil::Date, dir: Option<&Path>) -> Result<PathBuf> {
    let content = root.join(CONTENT_DIR);
    Ok(match dir {
        Some(dir) => content.join(checked_dir(dir)?),
        None if uses_year_folders(&content) => content.join(format!("{:04}", date.year())),
        None => content,
    })
}

/// Why a slug cannot be used for a new briefing.
enum Taken {
    /// The file exists.
    File(PathBuf),
    /// Another briefing has this slug or URL.
    By(PathBuf, &'static str),
}

/// `folder/<slug>.md`, if neither it nor the slug or URL is taken.
fn free(
    root: &Path,
    config: &Config,
    folder: &Path,
    slug: &str,
    date: jiff::civil::Date,
) -> Result<PathBuf, Taken> {
    let path = folder.join(format!("{slug}.md"));
    if path.exists() {
        return Err(Taken::File(path));
    }
    let permalink = config
        .permalink
        .expand(date.year(), date.month(), date.day(), slug);
    match taken(root, config, slug, &permalink) {
        Some((other, what)) => Err(Taken::By(other, what)),
        None => Ok(path),
    }
}

/// Writes `text` to `path` (creating its folder), failing if the file exists: never
/// overwrites, even a file that appeared since it was last looked for.
pub fn write_new_file(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    Ok(())
}

/// A text as a YAML scalar: plain when that reads back as the same text, else quoted (a JSON
/// string is a valid YAML double-quoted scalar).
pub fn yaml_scalar(text: &str) -> String {
    let plain = text.chars().next().is_some_and(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '\'' | '’'))
        && !text.ends_with(' ')
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).expect("strings serialise")
    }
}

/// `--dir` must stay inside content/: a relative path without `..`.
fn checked_dir(dir: &Path) -> Result<&Path> {
    let inside = dir.is_relative()
        && dir
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !inside {
        bail!(
            "--dir {} must be a folder inside content/, such as `2025` or `2025/kherson`",
            dir.display()
        );
    }
    Ok(dir)
}

/// Whether content/ holds year folders (`2024/`, `2025/`): then new briefings go into theirs.
fn uses_year_folders(content: &Path) -> bool {
    std::fs::read_dir(content).is_ok_and(|entries| {
        entries.filter_map(Result::ok).any(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.len() == 4
                && name.bytes().all(|b| b.is_ascii_digit())
                && e.file_type().is_ok_and(|t| t.is_dir())
        })
    })
}

/// A briefing anywhere in content/ (drafts and files with problems included) that already
/// has this slug or URL, and which of the two it shares.
fn taken(
    root: &Path,
    config: &Config,
    slug: &str,
    permalink: &str,
) -> Option<(PathBuf, &'static str)> {
    let (files, _) = crate::content::walk_content(root);
    files.into_iter().find_map(|relative| {
        let text = std::fs::read_to_string(root.join(&relative)).ok()?;
        let (briefing, _) = crate::content::parse_briefing_partial(&relative, &text, config);
        match briefing {
            Some(b) if b.permalink == permalink => Some((relative, "URL")),
            Some(b) if b.slug == slug => Some((relative, "slug")),
            Some(_) => None,
            // Unreadable front matter: the file name is its slug.
            None => (relative.file_stem()? == slug).then_some((relative, "slug")),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_scalars_are_plain_only_when_they_read_back_the_same() {
        assert_eq!(yaml_scalar("Zaporizhzhia"), "Zaporizhzhia");
        assert_eq!(yaml_scalar("Vladimir Putin"), "Vladimir Putin");
        assert_eq!(yaml_scalar("Côte d'Ivoire"), "Côte d'Ivoire");
        assert_eq!(yaml_scalar("no"), "\"no\"");
        assert_eq!(yaml_scalar("2022"), "\"2022\"");
        assert_eq!(yaml_scalar("a: b"), "\"a: b\"");
        assert_eq!(yaml_scalar("#tag"), "\"#tag\"");
        assert_eq!(yaml_scalar(""), "\"\"");
    }
}
