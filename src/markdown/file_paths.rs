//! Links between briefing files as editors write them (`../2024/b.md`): where one leads
//! from the file it is written in, and the link that leads from one file to another.

use std::path::Path;

/// The site-root path of a briefing file linked as `link` from the file `source`
/// (`content/2025/a.md` + `../2024/b.md` → `content/2024/b.md`).
pub fn resolve_file(source: &Path, link: &str) -> String {
    let mut resolved = folder_segments(source);
    for segment in link.split('/') {
        match segment {
            ".." => {
                resolved.pop();
            }
            "." | "" => {}
            other => resolved.push(other.to_string()),
        }
    }
    resolved.join("/")
}

/// The link that `resolve_file` resolves from the file `source` to the file `to` (both from
/// the site root): `content/2026/a.md` → `content/2022/b.md` is `../2022/b.md`.
pub fn relative_link(source: &Path, to: &str) -> String {
    let folder = folder_segments(source);
    let target: Vec<&str> = to.split('/').collect();
    let (target_folder, _) = target.split_at(target.len() - 1);
    let shared = folder
        .iter()
        .zip(target_folder)
        .take_while(|(a, b)| a.as_str() == **b)
        .count();
    let mut link = "../".repeat(folder.len() - shared);
    link.push_str(&target[shared..].join("/"));
    link
}

/// The folders of the file `path`, from the site root.
fn folder_segments(path: &Path) -> Vec<String> {
    path.parent()
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}
