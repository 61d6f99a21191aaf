//! Links between files: links to briefing files are marked in body HTML by the Markdown
//! renderer (`sitrep-md:content/b.md#x`), found here, and resolved by the model to the entry
//! they point at (or to none, when that briefing is not published).

use super::Site;

/// A link to a briefing file as marked in body HTML (`href="sitrep-md:content/b.md#x"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLink<'a> {
    /// Byte range of the marked target in the HTML, marker included.
    pub range: std::ops::Range<usize>,
    /// The linked file, from the site root (`content/b.md`), as written in the HTML.
    pub file: &'a str,
    pub fragment: Option<&'a str>,
}

/// The links to briefing files marked in a body's HTML, in order. Only `href` values count:
/// the marker as text in the body is escaped (`href=&quot;`), so it is never taken for one.
pub fn file_links(html: &str) -> impl Iterator<Item = FileLink<'_>> {
    let attribute = "href=\"";
    let prefix = crate::markdown::MD_LINK_PREFIX;
    let needle = format!("{attribute}{prefix}");
    let mut from = 0;
    std::iter::from_fn(move || {
        let start = from + html[from..].find(needle.as_str())? + attribute.len();
        let marked = &html[start + prefix.len()..];
        let target = &marked[..marked.find('"').unwrap_or(marked.len())];
        from = start + prefix.len() + target.len();
        let (file, fragment) = match target.split_once('#') {
            Some((file, fragment)) => (file, Some(fragment)),
            None => (target, None),
        };
        Some(FileLink {
            range: start..from,
            file,
            fragment,
        })
    })
}

impl Site {
    /// The entries of the briefing files entry `e`'s body links to (see `Entry::file_links`).
    pub(super) fn resolve_file_links(&self, e: usize) -> Vec<Option<usize>> {
        self.entry_targets(&self.entries[e].briefing.body.file_links)
    }

    /// The entries of the briefing files `files` (from a body's `file_links`).
    pub fn entry_targets(&self, files: &[String]) -> Vec<Option<usize>> {
        files
            .iter()
            .map(|file| self.entry_of(std::path::Path::new(file)))
            .collect()
    }

    /// The entry of the briefing read from `source_path`, if it is published.
    pub fn entry_of(&self, source_path: &std::path::Path) -> Option<usize> {
        self.by_source_path.get(source_path).copied()
    }
}
