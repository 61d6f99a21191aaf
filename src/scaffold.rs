//! `sitrep new "Title"`: writes a briefing skeleton with today's date. Refuses to overwrite.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::config::Config;
use crate::content::CONTENT_DIR;
use crate::slug::slugify_in;

/// Writes a new briefing and returns its path: `content/<dir>/<slug>.md` with `dir` given,
/// else `content/<year>/<slug>.md` when the site keeps briefings in year folders
/// (`content/2025/…`), else `content/<slug>.md`.
pub fn new_briefing(
    root: &Path,
    title: &str,
    config: &Config,
    today: jiff::civil::Date,
    dir: Option<&Path>,
) -> Result<PathBuf> {
    let title = title.trim();
    let slug = slugify_in(title, &config.language);
    if slug.is_empty() {
        bail!("cannot make a file name from the title `{title}`; use letters or digits in it");
    }
    let content = root.join(CONTENT_DIR);
    let folder = match dir {
        Some(dir) => content.join(checked_dir(dir)?),
        None if uses_year_folders(&content) => content.join(format!("{:04}", today.year())),
        None => content.clone(),
    };
    let path = folder.join(format!("{slug}.md"));
    if path.exists() {
        bail!(
            "{} already exists; choose another title or edit that file",
            path.display()
        );
    }
    let permalink = config
        .permalink
        .expand(today.year(), today.month(), today.day(), &slug);
    if let Some((other, what)) = taken(root, config, &slug, &permalink) {
        bail!(
            "the {what} of this title is taken by {}; choose another title, or edit that briefing",
            other.display()
        );
    }
    std::fs::create_dir_all(&folder)?;
    let mut text = String::from("---\n");
    // A JSON string is a valid YAML double-quoted scalar: safe for any title.
    text.push_str(&format!("title: {}\n", serde_json::to_string(title)?));
    text.push_str(&format!("date: {today}\n"));
    text.push_str("summary: One or two sentences for lists and feeds.\n");
    for taxonomy in &config.taxonomies {
        text.push_str(&format!("{}: []\n", taxonomy.name));
    }
    text.push_str("status: developing\n");
    text.push_str("sources:\n  - title: Source title\n    url: https://example.org/\n    publisher: Publisher\n");
    text.push_str("draft: true   # remove this line to publish\n---\n\n");
    text.push_str(
        "Lede: what happened, where and why it matters.\n\n## Background\n\n## Outlook\n",
    );
    // create_new: never overwrite, even if the file appeared since the check above.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    Ok(path)
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
    fn skeleton_parses_and_is_a_draft() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::default();
        let today = jiff::civil::date(2026, 11, 27);
        let path = new_briefing(dir.path(), "Talks: \"round two\"", &config, today, None).unwrap();
        assert!(path.ends_with("content/talks-round-two.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        let b =
            crate::content::parse_briefing(Path::new("content/talks-round-two.md"), &text, &config)
                .unwrap();
        // The file keeps the title as typed; pages show it with typographic quotes.
        assert!(
            text.contains("title: \"Talks: \\\"round two\\\"\""),
            "{text}"
        );
        assert_eq!(b.title, "Talks: “round two”");
        assert!(b.draft);
        assert_eq!(b.date.text, "2026-11-27");
        assert!(new_briefing(dir.path(), "Talks: round two", &config, today, None).is_err());
    }
}
