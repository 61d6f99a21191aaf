//! `sitrep new "Title"`: writes a briefing skeleton with today's date. Refuses to overwrite.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::config::Config;
use crate::content::unfinished::{
    NEW_LEDE, NEW_SOURCE_PUBLISHER, NEW_SOURCE_TITLE, NEW_SOURCE_URL, NEW_SUMMARY,
};
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
    let path = super::new_briefing_path(root, config, &slug, today, dir)?;
    let mut text = String::from("---\n");
    // A JSON string is a valid YAML double-quoted scalar: safe for any title.
    text.push_str(&format!("title: {}\n", serde_json::to_string(title)?));
    text.push_str(&format!("date: {today}\n"));
    // Every placeholder is one `check` and `build` refuse to publish (content/unfinished.rs).
    text.push_str(&format!("summary: {NEW_SUMMARY}\n"));
    for taxonomy in &config.taxonomies {
        text.push_str(&format!("{}: []\n", taxonomy.name));
    }
    text.push_str("status: developing\n");
    text.push_str(&format!("sources:\n  - title: {NEW_SOURCE_TITLE}\n    url: {NEW_SOURCE_URL}\n    publisher: {NEW_SOURCE_PUBLISHER}\n"));
    text.push_str("draft: true   # remove this line to publish\n---\n\n");
    text.push_str(&format!("{NEW_LEDE}\n\n## Background\n\n## Outlook\n"));
    super::write_new_file(&path, &text)?;
    Ok(path)
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
