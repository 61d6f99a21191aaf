//! Files that look like briefings (or pages, or profiles) but are not read, because only
//! `.md` files are: `x.markdown`, `x.MD`, `x.txt`. Without a word an editor would wait for a
//! briefing that never appears. Files that are plainly something else (images, PDFs, data)
//! and hidden files (`.gitkeep`) are left alone.

use std::path::Path;

use crate::content::{CONTENT_DIR, PAGES_DIR, TERMS_DIR, is_editor_artifact};
use crate::diagnostics::Diagnostic;

/// Extensions (compared in lower case) of text an editor may have saved a briefing as.
const TEXT_EXTENSIONS: &[&str] = &[
    "md", "markdown", "mdown", "mkd", "mkdn", "mdwn", "mdtxt", "mdtext", "txt", "text",
];

/// A warning for each file under content/, pages/ or terms/ that is text by its name but is
/// not read because its name does not end in `.md`.
pub(super) fn check_unread_files(root: &Path, out: &mut Vec<Diagnostic>) {
    for (folder, what) in [
        (CONTENT_DIR, "briefings"),
        (PAGES_DIR, "pages"),
        (TERMS_DIR, "profiles"),
    ] {
        check_folder(root, &root.join(folder), what, out);
    }
}

/// The files under `folder`, in sorted order (by name bytes, folders in their sorted place),
/// without following links. Read as the loader reads content/: entry types from the
/// listing and names sorted as bytes (walkdir's sorting by parsed path was 2% of a
/// 10,000-briefing build).
fn check_folder(root: &Path, folder: &Path, what: &str, out: &mut Vec<Diagnostic>) {
    // A folder that is missing or unreadable has nothing to warn about here: the loader
    // reports what it cannot read.
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut listing: Vec<_> = entries
        .flatten()
        .filter_map(|entry| Some((entry.file_name(), entry.file_type().ok()?)))
        .collect();
    listing.sort_unstable_by(|(a, _), (b, _)| a.as_encoded_bytes().cmp(b.as_encoded_bytes()));
    for (name, file_type) in listing {
        let name_text = name.to_string_lossy();
        if is_editor_artifact(&name_text) {
            continue;
        }
        let path = folder.join(&name);
        if file_type.is_dir() {
            check_folder(root, &path, what, out);
        } else if file_type.is_file()
            && !is_plain_md(&name_text)
            && let Some(hint) = rename_hint(&path)
        {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            out.push(
                Diagnostic::warning(relative, 0, 0, format!("not read: {what} are `.md` files"))
                    .with_hint(hint),
            );
        }
    }
}

/// `x.md`: read, nothing to suggest (the common case, decided without building a name).
fn is_plain_md(name: &str) -> bool {
    name.strip_suffix(".md")
        .is_some_and(|stem| !stem.is_empty() && !stem.contains('.'))
}

/// `rename it to x.md` for a text file whose name does not end in `.md`; None otherwise.
fn rename_hint(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let meant = md_name(name)?;
    if meant == name {
        return None;
    }
    let space = if name != name.trim_end() {
        " (its name ends with a space)"
    } else {
        ""
    };
    Some(format!("rename it to {meant}{space}"))
}

/// The `.md` name a text file was meant to have: every text extension at the end of its
/// name (`c.md.txt`, as some editors save) replaced by one `.md`; None for other files.
fn md_name(name: &str) -> Option<String> {
    let mut stem = name.trim_end();
    let mut text = false;
    while let Some((rest, extension)) = stem.rsplit_once('.') {
        let extension = extension.to_ascii_lowercase();
        if rest.is_empty() || !TEXT_EXTENSIONS.contains(&extension.as_str()) {
            break;
        }
        (stem, text) = (rest, true);
    }
    text.then(|| format!("{stem}.md"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_files_not_named_md_are_named_with_the_fix() {
        for (name, hint) in [
            ("content/x.markdown", Some("rename it to x.md")),
            ("content/x.MD", Some("rename it to x.md")),
            ("content/2025/x.Md", Some("rename it to x.md")),
            ("content/x.txt", Some("rename it to x.md")),
            ("content/c.md.txt", Some("rename it to c.md")),
            ("content/c.MD.markdown", Some("rename it to c.md")),
            (
                "content/d.md ",
                Some("rename it to d.md (its name ends with a space)"),
            ),
            ("content/.txt", None),
            ("content/x.md", None),
            ("content/map.png", None),
            ("content/report.pdf", None),
            ("content/data.yaml", None),
            ("content/README", None),
        ] {
            assert_eq!(rename_hint(Path::new(name)).as_deref(), hint, "{name}");
        }
    }

    #[test]
    fn a_site_warns_at_each_unread_file_but_not_at_hidden_or_other_files() {
        let dir = tempfile::tempdir().unwrap();
        for file in [
            "content/a.md",
            "content/b.markdown",
            "content/2025/c.MD",
            "content/d.txt",
            "content/map.png",
            "content/.gitkeep",
            "content/.notes.txt",
            "content/.drafts/e.txt",
            "pages/about.markdown",
            "terms/regions/kherson.txt",
        ] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let mut out = Vec::new();
        check_unread_files(dir.path(), &mut out);
        let found: Vec<String> = out
            .iter()
            .map(|d| {
                format!(
                    "{}: {} ({})",
                    d.location(),
                    d.message,
                    d.hint.as_deref().unwrap()
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                "content/2025/c.MD: not read: briefings are `.md` files (rename it to c.md)",
                "content/b.markdown: not read: briefings are `.md` files (rename it to b.md)",
                "content/d.txt: not read: briefings are `.md` files (rename it to d.md)",
                "pages/about.markdown: not read: pages are `.md` files (rename it to about.md)",
                "terms/regions/kherson.txt: not read: profiles are `.md` files (rename it to kherson.md)",
            ]
        );
        assert!(out.iter().all(|d| !d.is_error()));
    }
}
