//! Writing the site: the only module that writes to the output folder. Everything goes into
//! a staging folder beside the output, and the staging folder replaces the output only when
//! every file is written, so a failed build leaves the previous site exactly as it was.
//! Every folder it writes carries a marker file, and it replaces or deletes no folder
//! without one (see `guard`), so a mistaken `--output` cannot cost anyone their files.

mod guard;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow};
use rayon::prelude::*;

pub use guard::{MARKER, MARKER_TEXT, NotOurs, not_replaceable, overlap, resolve};

use crate::render::{Output, StaticSource};

/// The new site being written beside the output folder. Dropped without `commit`, it is
/// removed and the output folder is untouched.
pub struct Staging {
    dir: PathBuf,
    output_dir: PathBuf,
    committed: bool,
    /// Bytes written, per top-level entry of the output (`2025`, `tags`, `index.html`).
    sizes: std::sync::Mutex<BTreeMap<String, u64>>,
}

/// A swap that failed, and where it left the previous site.
#[derive(Debug)]
pub struct SwapError {
    pub error: anyhow::Error,
    /// `None`: the previous site is in the output folder, as before. `Some(path)`: it was
    /// moved aside to `path` and could not be moved back.
    pub previous_at: Option<PathBuf>,
}

/// A swap that succeeded.
#[derive(Debug, Default)]
pub struct Swapped {
    /// The previous site, moved aside, could not be deleted: it is left at this path.
    pub leftover: Option<(PathBuf, anyhow::Error)>,
}

impl Staging {
    /// `output_dir` should be resolved (`resolve`): the work folders go beside the real one.
    pub fn create(output_dir: &Path) -> Result<Staging> {
        let dir = sibling(output_dir, "staging")?;
        // A staging folder left by an interrupted build is ours (it is marked); anything
        // else of that name is not.
        remove_if_ours(&dir, output_dir)?;
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        let marker = dir.join(MARKER);
        std::fs::write(&marker, MARKER_TEXT)
            .with_context(|| format!("cannot write {}", marker.display()))?;
        Ok(Staging {
            dir,
            output_dir: output_dir.to_path_buf(),
            committed: false,
            sizes: std::sync::Mutex::new(BTreeMap::new()),
        })
    }

    /// Creates the folders that will hold `files` (relative paths), once each.
    pub fn create_dirs<'a>(&self, files: impl Iterator<Item = &'a Path>) -> Result<()> {
        let dirs: BTreeSet<&Path> = files.filter_map(Path::parent).collect();
        for dir in dirs {
            let path = self.dir.join(dir);
            std::fs::create_dir_all(&path)
                .with_context(|| format!("cannot create {}", path.display()))?;
        }
        Ok(())
    }

    /// Writes one rendered file, creating its folder on first use. Safe to call from many
    /// threads: folders are created where the pages are written, in parallel.
    pub fn write(&self, output: Output) -> Result<()> {
        let target = self.dir.join(&output.path);
        // A page's own folder (`2025/07/slug/` for its index.html) is almost always new:
        // creating it first saves a failed open per page.
        if output.path.ends_with("index.html")
            && let Some(folder) = target.parent().filter(|f| *f != self.dir)
        {
            let _ = std::fs::create_dir(folder);
        }
        self.count(&output.path, output.bytes.len() as u64);
        let written = match std::fs::write(&target, &output.bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => target
                .parent()
                .map_or(Err(e), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&target, &output.bytes)),
            other => other,
        };
        written.with_context(|| format!("cannot write {}", target.display()))
    }

    pub fn copy_static(&self, static_files: &[(String, StaticSource)]) -> Result<()> {
        static_files.par_iter().try_for_each(|(path, source)| {
            let target = self.dir.join(path);
            match source {
                StaticSource::Disk(from) => std::fs::copy(from, &target)
                    .map(|bytes| self.count(Path::new(path), bytes))
                    .with_context(|| {
                        format!("cannot copy {} to {}", from.display(), target.display())
                    }),
                StaticSource::Embedded(bytes) => {
                    self.count(Path::new(path), bytes.len() as u64);
                    std::fs::write(&target, bytes)
                        .with_context(|| format!("cannot write {}", target.display()))
                }
            }
        })
    }

    fn count(&self, path: &Path, bytes: u64) {
        let top = path
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut sizes = self.sizes.lock().expect("no panics while holding the lock");
        *sizes.entry(top).or_default() += bytes;
    }

    /// Bytes written so far, per top-level entry of the output, largest first (ties by name).
    pub fn sizes(&self) -> Vec<(String, u64)> {
        let sizes = self.sizes.lock().expect("no panics while holding the lock");
        let mut sizes: Vec<(String, u64)> = sizes.iter().map(|(k, v)| (k.clone(), *v)).collect();
        sizes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        sizes
    }

    /// Swaps the staging folder in as the output folder.
    pub fn commit(mut self) -> Result<Swapped, SwapError> {
        let swapped = swap_in(&self.dir, &self.output_dir, |from, to| {
            std::fs::rename(from, to)
        })?;
        self.committed = true;
        Ok(swapped)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_tree(&self.dir);
        }
    }
}

/// Writes `outputs` and `static_files` as the new contents of `output_dir`, atomically.
pub fn write_site(
    output_dir: &Path,
    outputs: Vec<Output>,
    static_files: &[(String, StaticSource)],
) -> Result<()> {
    let staging = Staging::create(output_dir)?;
    staging.create_dirs(
        outputs
            .iter()
            .map(|o| o.path.as_path())
            .chain(static_files.iter().map(|(p, _)| Path::new(p))),
    )?;
    staging.copy_static(static_files)?;
    outputs
        .into_par_iter()
        .try_for_each(|output| staging.write(output))?;
    staging.commit().map(drop).map_err(|e| e.error)
}

/// Replaces `output_dir` with `staging`: two renames, so readers never see a half-written
/// site. Only a folder sitrep may replace is moved aside (`not_replaceable`). `rename` is
/// `std::fs::rename` but for tests, which make each step fail in turn.
fn swap_in(
    staging: &Path,
    output_dir: &Path,
    rename: impl Fn(&Path, &Path) -> std::io::Result<()>,
) -> Result<Swapped, SwapError> {
    let unchanged = |error: anyhow::Error| SwapError {
        error,
        previous_at: None,
    };
    if std::fs::symlink_metadata(output_dir).is_err() {
        rename(staging, output_dir)
            .with_context(|| format!("cannot move the new site into {}", output_dir.display()))
            .map_err(unchanged)?;
        return Ok(Swapped::default());
    }
    if let Some(reason) = not_replaceable(output_dir, None) {
        return Err(unchanged(anyhow!(reason.message)));
    }
    let old = sibling(output_dir, "old").map_err(unchanged)?;
    remove_if_ours(&old, output_dir).map_err(unchanged)?;
    rename(output_dir, &old)
        .with_context(|| format!("cannot move {} aside", output_dir.display()))
        .map_err(unchanged)?;
    if let Err(e) = rename(staging, output_dir) {
        let error = anyhow!(e).context(format!(
            "cannot move the new site into {}",
            output_dir.display()
        ));
        // Put the previous site back before reporting.
        return Err(match rename(&old, output_dir) {
            Ok(()) => unchanged(error),
            Err(_) => SwapError {
                error,
                previous_at: Some(old),
            },
        });
    }
    let leftover = remove_tree(&old).err().map(|e| {
        // Whatever is left is still sitrep's: mark it, so the next build may clear it.
        let _ = std::fs::write(old.join(MARKER), MARKER_TEXT);
        (old.clone(), anyhow!(e))
    });
    Ok(Swapped { leftover })
}

/// `.public.staging` beside `public`: same filesystem, so the rename is atomic.
fn sibling(output_dir: &Path, what: &str) -> Result<PathBuf> {
    let name = output_dir
        .file_name()
        .with_context(|| format!("{} is not a usable output folder", output_dir.display()))?;
    let parent = output_dir.parent().unwrap_or(Path::new("."));
    Ok(parent.join(format!(".{}.{what}", name.to_string_lossy())))
}

/// Removes `path`, a work folder beside `output_dir`, if it is sitrep's (or empty); refuses
/// to touch anything else.
fn remove_if_ours(path: &Path, output_dir: &Path) -> Result<()> {
    if let Some(reason) = not_replaceable(path, Some(output_dir)) {
        return Err(anyhow!(reason.message));
    }
    remove_if_present(path)
}

/// Why a build may not write to `output_dir` (resolved), if it may not: the folder, or one
/// of the work folders the build puts beside it, is not sitrep's to replace. The swap and
/// the clean-up check again before they touch anything; this says so before any work.
pub fn check_folders(output_dir: &Path) -> Option<NotOurs> {
    let beside = |what| match sibling(output_dir, what) {
        Ok(path) => not_replaceable(&path, Some(output_dir)),
        Err(e) => Some(NotOurs {
            message: e.to_string(),
            foreign: false,
        }),
    };
    not_replaceable(output_dir, None)
        .or_else(|| beside("staging"))
        .or_else(|| beside("old"))
}

fn remove_if_present(path: &Path) -> Result<()> {
    match remove_tree(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("cannot remove {}", path.display())),
    }
}

/// Removes the folder `path` and everything in it, as `remove_dir_all`, but the folders two
/// levels down (`2025/07/`, `tags/drones/`) are removed in parallel first. One by one, the
/// previous site's ~20,000 files and folders (10,000 briefings) took ~115 ms of a 1.1 s
/// rebuild on tmpfs, with the other core idle, and 1-2 s on this machine's disk.
fn remove_tree(path: &Path) -> std::io::Result<()> {
    let subfolders: Vec<PathBuf> = folders_in(path)
        .iter()
        .flat_map(|folder| folders_in(folder))
        .collect();
    // What fails here is left for the last call, which reports it.
    subfolders.par_iter().for_each(|folder| {
        let _ = std::fs::remove_dir_all(folder);
    });
    std::fs::remove_dir_all(path)
}

/// The folders directly in `path`; links are not followed (nor listed: `remove_dir_all`
/// removes a link, never what it points to).
fn folders_in(path: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(path) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .map(|entry| entry.path())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_whole_folder_and_drops_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("stale")).unwrap();
        std::fs::write(out.join("stale/index.html"), "old").unwrap();
        std::fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        let outputs = vec![Output {
            path: "a/index.html".into(),
            bytes: b"new".to_vec(),
        }];
        let statics = vec![("style.css".to_string(), StaticSource::Embedded(b"css"))];
        write_site(&out, outputs, &statics).unwrap();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"new");
        assert_eq!(std::fs::read(out.join("style.css")).unwrap(), b"css");
        assert!(!out.join("stale").exists());
        assert_eq!(
            std::fs::read_to_string(out.join(MARKER)).unwrap(),
            MARKER_TEXT
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }

    #[test]
    fn a_previous_site_goes_whole_and_links_in_it_are_removed_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        // Kept: what links in the previous site point to.
        let outside = dir.path().join("sources");
        std::fs::create_dir_all(outside.join("2025/07")).unwrap();
        std::fs::write(outside.join("2025/07/keep.md"), "keep").unwrap();
        for folder in [
            "2025/07/peace-offer",
            "2025/08/talks",
            "tags/drones",
            "deep/a/b/c",
        ] {
            std::fs::create_dir_all(out.join(folder)).unwrap();
            std::fs::write(out.join(folder).join("index.html"), "old").unwrap();
        }
        std::fs::write(out.join("2025/index.html"), "old").unwrap();
        std::fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&outside, out.join("linked")).unwrap();
            std::os::unix::fs::symlink(outside.join("2025"), out.join("2025/linked")).unwrap();
            std::os::unix::fs::symlink(outside.join("2025/07"), out.join("2025/08/linked"))
                .unwrap();
        }
        let outputs = vec![Output {
            path: "a/index.html".into(),
            bytes: b"new".to_vec(),
        }];
        write_site(&out, outputs, &[]).unwrap();
        let mut left: Vec<_> = walkdir::WalkDir::new(&out)
            .into_iter()
            .map(|e| e.unwrap().path().strip_prefix(&out).unwrap().to_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["", MARKER, "a", "a/index.html"].map(PathBuf::from));
        assert_eq!(
            std::fs::read_to_string(outside.join("2025/07/keep.md")).unwrap(),
            "keep"
        );
        let beside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(beside, ["public", "sources"]);
    }

    /// A previous site (marked, as sitrep writes it) and a staging folder beside it.
    fn previous_and_staging() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = dir.path().join(".public.staging");
        for (folder, text) in [(&out, "old"), (&staging, "new")] {
            std::fs::create_dir(folder).unwrap();
            std::fs::write(folder.join(MARKER), MARKER_TEXT).unwrap();
            std::fs::write(folder.join("index.html"), text).unwrap();
        }
        (dir, out, staging)
    }

    /// `std::fs::rename`, except that the renames numbered in `failing` (from 1) fail.
    fn rename_failing(failing: &[usize]) -> impl Fn(&Path, &Path) -> std::io::Result<()> {
        let calls = std::cell::Cell::new(0);
        move |from, to| {
            calls.set(calls.get() + 1);
            if failing.contains(&calls.get()) {
                Err(std::io::Error::other("injected failure"))
            } else {
                std::fs::rename(from, to)
            }
        }
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path.join("index.html")).unwrap()
    }

    #[test]
    fn swap_that_cannot_move_the_previous_site_aside_leaves_it() {
        let (_dir, out, staging) = previous_and_staging();
        let e = swap_in(&staging, &out, rename_failing(&[1])).unwrap_err();
        assert_eq!(
            format!("{:#}", e.error),
            format!("cannot move {} aside: injected failure", out.display())
        );
        assert_eq!(e.previous_at, None);
        assert_eq!(read(&out), "old");
    }

    #[test]
    fn swap_that_cannot_move_the_new_site_in_puts_the_previous_one_back() {
        let (_dir, out, staging) = previous_and_staging();
        let e = swap_in(&staging, &out, rename_failing(&[2])).unwrap_err();
        assert_eq!(
            format!("{:#}", e.error),
            format!(
                "cannot move the new site into {}: injected failure",
                out.display()
            )
        );
        assert_eq!(e.previous_at, None);
        assert_eq!(read(&out), "old");
        assert!(!out.with_file_name(".public.old").exists());
    }

    #[test]
    fn swap_that_cannot_put_the_previous_site_back_says_where_it_is() {
        let (_dir, out, staging) = previous_and_staging();
        let e = swap_in(&staging, &out, rename_failing(&[2, 3])).unwrap_err();
        let old = out.with_file_name(".public.old");
        assert_eq!(e.previous_at.as_deref(), Some(old.as_path()));
        assert_eq!(read(&old), "old");
        assert!(!out.exists());
    }

    #[test]
    fn swap_never_moves_a_folder_sitrep_did_not_make() {
        let (_dir, out, staging) = previous_and_staging();
        std::fs::remove_file(out.join(MARKER)).unwrap();
        let e = swap_in(&staging, &out, rename_failing(&[])).unwrap_err();
        assert_eq!(
            e.error.to_string(),
            format!(
                "{} exists and was not made by sitrep build; it holds 1 file. Move it away or choose another --output",
                out.display()
            )
        );
        assert_eq!(read(&out), "old");
    }

    #[test]
    fn swap_replaces_a_marked_folder() {
        let (_dir, out, staging) = previous_and_staging();
        let swapped = swap_in(&staging, &out, rename_failing(&[])).unwrap();
        assert!(swapped.leftover.is_none());
        assert_eq!(read(&out), "new");
        assert!(!staging.exists());
        assert!(!out.with_file_name(".public.old").exists());
    }
}
