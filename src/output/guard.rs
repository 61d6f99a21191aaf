//! Which folders a build may replace. The output folder is replaced as a whole, so its path
//! is resolved for real (`..`, symbolic links, a tail that does not exist yet) and compared
//! with the site's own folders, and an existing folder is replaced only if sitrep made it.

use std::io;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as written by `sitrep build` (a dotfile, so
/// actions/upload-pages-artifact leaves it out of the published site by default).
pub const MARKER: &str = ".sitrep-output";

/// What the marker says to whoever opens it.
pub const MARKER_TEXT: &str = "This folder was written by `sitrep build` and is deleted and rewritten by every build; this file tells sitrep the folder is its own to replace.\n";

/// The site's own folders: an output may not be, hold or lie inside any of them.
const SOURCE_FOLDERS: [&str; 8] = [
    "content",
    "pages",
    "terms",
    "templates",
    "static",
    "themes",
    ".git",
    "src",
];

/// More links than this in one path is a loop (Linux's own limit is 40).
const MAX_LINKS: u32 = 40;

/// The real absolute path of `path`, which need not exist: every symbolic link on the way is
/// followed (a dangling one too, to where it would lead) and `..` is applied after that, as
/// the system would. From the first component that does not exist, the rest is taken as
/// written. Relative paths are taken from the current folder.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut resolved = PathBuf::new();
    resolve_onto(&mut resolved, &std::path::absolute(path)?, &mut 0)?;
    Ok(resolved)
}

fn resolve_onto(resolved: &mut PathBuf, path: &Path, links: &mut u32) -> io::Result<()> {
    let mut missing = false;
    for component in path.components() {
        match component {
            // An absolute link target starts over (push replaces the whole path).
            Component::Prefix(_) | Component::RootDir => resolved.push(component),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                if missing {
                    continue;
                }
                match std::fs::symlink_metadata(&*resolved) {
                    Ok(meta) if meta.file_type().is_symlink() => {
                        *links += 1;
                        if *links > MAX_LINKS {
                            return Err(io::Error::other(format!(
                                "too many symbolic links (a loop?) at {}",
                                resolved.display()
                            )));
                        }
                        let target = std::fs::read_link(&*resolved)?;
                        resolved.pop();
                        resolve_onto(resolved, &target, links)?;
                    }
                    Ok(_) => {}
                    // Missing (or unreadable, or under a file): nothing further can be a link
                    // this process could follow, so the rest is as written.
                    Err(_) => missing = true,
                }
            }
        }
    }
    Ok(())
}

/// Why `output` (resolved) must not be built into, if it must not: it is or holds the site
/// folder `root`, is, holds or lies inside one of the site's folders, or is or holds `cwd`.
/// `root` and `cwd` are resolved here.
pub fn overlap(output: &Path, root: &Path, cwd: Option<&Path>) -> Option<String> {
    let root = resolve(root).unwrap_or_else(|_| root.to_path_buf());
    if output == root {
        return Some("that is the site folder itself".into());
    }
    if root.starts_with(output) {
        return Some(format!(
            "that folder contains the site folder ({})",
            root.display()
        ));
    }
    for name in SOURCE_FOLDERS {
        let lexical = root.join(name);
        // A source folder may be a link to somewhere else: protect where it leads.
        let source = resolve(&lexical).unwrap_or(lexical);
        if output == source {
            return Some(format!("that is the site's {name}/ folder"));
        }
        if output.starts_with(&source) {
            return Some(format!("that is inside the site's {name}/ folder"));
        }
        if source.starts_with(output) {
            return Some(format!(
                "that folder contains the site's {name}/ folder ({})",
                source.display()
            ));
        }
    }
    let cwd = resolve(cwd?).ok()?;
    if output == cwd {
        return Some("that is the current folder".into());
    }
    if cwd.starts_with(output) {
        return Some(format!(
            "that folder contains the current folder ({})",
            cwd.display()
        ));
    }
    None
}

/// Why sitrep may not replace or delete a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotOurs {
    pub message: String,
    /// The folder holds things sitrep did not write (as opposed to: is a file, is unreadable).
    pub foreign: bool,
}

impl std::fmt::Display for NotOurs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Why sitrep may not replace or delete the folder at `path`, if it may not. It may when
/// nothing is there, or an empty folder, or one holding the marker, or the output of a
/// sitrep from before the marker. `beside` names the output folder when `path` is one of
/// the work folders next to it. The marker's presence costs one `stat`.
pub fn not_replaceable(path: &Path, beside: Option<&Path>) -> Option<NotOurs> {
    if std::fs::symlink_metadata(path.join(MARKER)).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let meta = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
        Err(e) => return Some(other(format!("cannot read {}: {e}", path.display()))),
        Ok(meta) => meta,
    };
    if !meta.is_dir() {
        return Some(other(format!(
            "{} exists and is not a folder; remove it or choose another --output",
            path.display()
        )));
    }
    let empty = match std::fs::read_dir(path) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) => return Some(other(format!("cannot read {}: {e}", path.display()))),
    };
    if empty || is_older_output(path) {
        return None;
    }
    let (files, folders) = count(path);
    let holds = match (files, folders) {
        (0, 1) => "1 empty folder".to_string(),
        (0, n) => format!("{n} empty folders"),
        (1, _) => "1 file".to_string(),
        (n, _) => format!("{n} files"),
    };
    let what_to_do = match beside {
        None => "Move it away or choose another --output".to_string(),
        Some(output) => format!(
            "sitrep needs this name beside {} while it builds: move it away or choose another --output",
            output.display()
        ),
    };
    Some(NotOurs {
        message: format!(
            "{} exists and was not made by sitrep build; it holds {holds}. {what_to_do}",
            path.display()
        ),
        foreign: true,
    })
}

fn other(message: String) -> NotOurs {
    NotOurs {
        message,
        foreign: false,
    }
}

/// What a desk's `public/` looks like when a sitrep from before the marker built it: an
/// empty `.nojekyll` beside `sitemap.xml`, `robots.txt` and `404.html`. A folder with `.git`
/// (a checkout of a gh-pages branch) is never taken for one: replacing it would delete the
/// repository.
fn is_older_output(dir: &Path) -> bool {
    let file = |name: &str| {
        std::fs::symlink_metadata(dir.join(name))
            .ok()
            .filter(std::fs::Metadata::is_file)
    };
    file(".nojekyll").is_some_and(|m| m.len() == 0)
        && ["sitemap.xml", "robots.txt", "404.html"]
            .iter()
            .all(|name| file(name).is_some())
        && std::fs::symlink_metadata(dir.join(".git")).is_err()
}

/// Files (anything but a folder) and folders under `dir`, links not followed.
fn count(dir: &Path) -> (usize, usize) {
    let (mut files, mut folders) = (0, 0);
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_dir() {
            folders += 1;
        } else {
            files += 1;
        }
    }
    (files, folders)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real(dir: &tempfile::TempDir) -> PathBuf {
        dir.path().canonicalize().unwrap()
    }

    #[cfg(unix)]
    #[test]
    fn resolves_dotdot_after_links_and_keeps_a_missing_tail() {
        let dir = tempfile::tempdir().unwrap();
        let base = real(&dir);
        std::fs::create_dir_all(base.join("site/content")).unwrap();
        std::os::unix::fs::symlink(base.join("site/content"), base.join("link")).unwrap();
        assert_eq!(
            resolve(&base.join("site/public/../content")).unwrap(),
            base.join("site/content")
        );
        // `link/..` is the parent of where the link leads, as the system resolves it.
        assert_eq!(
            resolve(&base.join("link/../x")).unwrap(),
            base.join("site/x")
        );
        assert_eq!(
            resolve(&base.join("link/new/deeper")).unwrap(),
            base.join("site/content/new/deeper")
        );
        // A relative, dangling link leads where it would lead once created.
        std::os::unix::fs::symlink("site/content/later", base.join("dangling")).unwrap();
        assert_eq!(
            resolve(&base.join("dangling")).unwrap(),
            base.join("site/content/later")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_loop_is_an_error_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        let base = real(&dir);
        std::os::unix::fs::symlink(base.join("b"), base.join("a")).unwrap();
        std::os::unix::fs::symlink(base.join("a"), base.join("b")).unwrap();
        let error = resolve(&base.join("a/out")).unwrap_err();
        assert!(
            error.to_string().contains("too many symbolic links"),
            "{error}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn overlap_names_what_the_output_would_replace() {
        let root = Path::new("/srv/site");
        let reason = |out: &str| overlap(Path::new(out), root, None);
        assert_eq!(reason("/srv/site/public"), None);
        assert_eq!(reason("/srv/site-public"), None);
        assert_eq!(
            reason("/srv/site").unwrap(),
            "that is the site folder itself"
        );
        assert_eq!(
            reason("/srv").unwrap(),
            "that folder contains the site folder (/srv/site)"
        );
        assert_eq!(
            reason("/srv/site/static/x").unwrap(),
            "that is inside the site's static/ folder"
        );
        assert_eq!(
            overlap(Path::new("/work"), root, Some(Path::new("/work/a"))).unwrap(),
            "that folder contains the current folder (/work/a)"
        );
    }

    #[test]
    fn only_empty_marked_or_older_outputs_are_replaceable() {
        let dir = tempfile::tempdir().unwrap();
        let base = real(&dir);
        assert_eq!(not_replaceable(&base.join("none"), None), None);
        std::fs::create_dir(base.join("empty")).unwrap();
        assert_eq!(not_replaceable(&base.join("empty"), None), None);

        let older = base.join("older");
        std::fs::create_dir(&older).unwrap();
        for (name, text) in [
            (".nojekyll", ""),
            ("sitemap.xml", "<urlset/>"),
            ("robots.txt", "User-agent: *"),
            ("404.html", "gone"),
        ] {
            std::fs::write(older.join(name), text).unwrap();
        }
        assert_eq!(not_replaceable(&older, None), None);
        std::fs::write(older.join(".nojekyll"), "not sitrep's").unwrap();
        assert_eq!(
            not_replaceable(&older, None).unwrap().message,
            format!(
                "{} exists and was not made by sitrep build; it holds 4 files. Move it away or choose another --output",
                older.display()
            )
        );
        std::fs::write(older.join(MARKER), MARKER_TEXT).unwrap();
        assert_eq!(not_replaceable(&older, None), None);

        let nested = base.join("nested");
        std::fs::create_dir_all(nested.join("a/b")).unwrap();
        assert!(
            not_replaceable(&nested, None)
                .unwrap()
                .message
                .contains("it holds 2 empty folders")
        );
    }
}
