//! Writing the site: the only module that writes to the output folder. Everything goes into
//! a staging folder beside the output, and the staging folder replaces the output only when
//! every file is written, so a failed build leaves the previous site exactly as it was.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use rayon::prelude::*;

use crate::render::{Output, StaticSource};

/// The new site being written beside the output folder. Dropped without `commit`, it is
/// removed and the output folder is untouched.
pub struct Staging {
    dir: PathBuf,
    output_dir: PathBuf,
    committed: bool,
}

impl Staging {
    pub fn create(output_dir: &Path) -> Result<Staging> {
        let dir = sibling(output_dir, "staging")?;
        remove_if_present(&dir)?;
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging {
            dir,
            output_dir: output_dir.to_path_buf(),
            committed: false,
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
                StaticSource::Disk(from) => {
                    std::fs::copy(from, &target).map(|_| ()).with_context(|| {
                        format!("cannot copy {} to {}", from.display(), target.display())
                    })
                }
                StaticSource::Embedded(bytes) => std::fs::write(&target, bytes)
                    .with_context(|| format!("cannot write {}", target.display())),
            }
        })
    }

    /// Swaps the staging folder in as the output folder.
    pub fn commit(mut self) -> Result<()> {
        swap_in(&self.dir, &self.output_dir)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
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
    staging.commit()
}

/// Replaces `output_dir` with `staging`: two renames, so readers never see a half-written site.
fn swap_in(staging: &Path, output_dir: &Path) -> Result<()> {
    if output_dir.exists() {
        if !output_dir.is_dir() {
            bail!(
                "{} exists and is not a folder; remove it or choose another --output",
                output_dir.display()
            );
        }
        let old = sibling(output_dir, "old")?;
        remove_if_present(&old)?;
        std::fs::rename(output_dir, &old)
            .with_context(|| format!("cannot move {} aside", output_dir.display()))?;
        if let Err(e) = std::fs::rename(staging, output_dir) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(&old, output_dir);
            return Err(e).with_context(|| {
                format!("cannot move the new site into {}", output_dir.display())
            });
        }
        std::fs::remove_dir_all(&old)
            .with_context(|| format!("cannot remove {}", old.display()))?;
    } else {
        std::fs::rename(staging, output_dir)
            .with_context(|| format!("cannot move the new site into {}", output_dir.display()))?;
    }
    Ok(())
}

/// `.public.staging` beside `public`: same filesystem, so the rename is atomic.
fn sibling(output_dir: &Path, what: &str) -> Result<PathBuf> {
    let name = output_dir
        .file_name()
        .with_context(|| format!("{} is not a usable output folder", output_dir.display()))?;
    let parent = output_dir.parent().unwrap_or(Path::new("."));
    Ok(parent.join(format!(".{}.{what}", name.to_string_lossy())))
}

fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("cannot remove {}", path.display())),
    }
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
        let outputs = vec![Output {
            path: "a/index.html".into(),
            bytes: b"new".to_vec(),
        }];
        let statics = vec![("style.css".to_string(), StaticSource::Embedded(b"css"))];
        write_site(&out, outputs, &statics).unwrap();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"new");
        assert_eq!(std::fs::read(out.join("style.css")).unwrap(), b"css");
        assert!(!out.join("stale").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }
}
