//! The findings of a rebuild: after a good rebuild the project runs the checks `sitrep
//! build` runs (`check::PreviewChecks`) on the files it read, and says which of the files
//! saved the preview leaves out (drafts, briefings held back by `publish_at:`) and why.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::check::PreviewSite;
use crate::content::Briefing;
use crate::diagnostics::Diagnostic;

use super::{FileState, Project, Update};

/// Which files a rebuild's findings are about.
pub(super) enum Scope<'a> {
    /// The whole site (opened, or site.yaml changed).
    Site,
    /// The files and folders at these paths (relative to the root); `saved` are the briefing
    /// files among them that changed, `in_place` when the model kept its pages.
    Paths {
        paths: &'a [PathBuf],
        saved: &'a [PathBuf],
        in_place: bool,
    },
}

impl Project {
    /// After a rebuild: the checks of what it read, and which of the files saved the preview
    /// leaves out. Nothing is checked while the site has errors.
    pub(super) fn check(&mut self, update: &mut Update, scope: Scope, started: Instant) {
        if !update.errors.is_empty() || !self.errors.is_empty() {
            self.check_everything = true;
            return;
        }
        let (Some(renderer), Some(theme)) = (&self.renderer, &self.theme) else {
            return;
        };
        let (files, outputs) = (&self.files, &self.outputs);
        let briefings = || {
            files
                .values()
                .filter_map(|state| match state {
                    FileState::Loaded(b) => Some(b.clone()),
                    FileState::Broken { .. } => None,
                })
                .collect()
        };
        let page = |output: &Path| {
            let key = output.to_string_lossy().replace('\\', "/");
            outputs.get(&key).map(|served| served.bytes.clone())
        };
        let site = PreviewSite {
            root: &self.options.root,
            site: renderer.site(),
            theme,
            briefings: &briefings,
            page: &page,
        };
        match &scope {
            _ if self.check_everything => self.checks.check_all(&site),
            Scope::Site => self.checks.check_all(&site),
            Scope::Paths {
                saved, in_place, ..
            } => {
                if !in_place {
                    self.checks.model_changed();
                }
                let saved: Vec<(PathBuf, Option<Arc<Briefing>>)> = saved
                    .iter()
                    .map(|path| match files.get(path) {
                        Some(FileState::Loaded(b)) => (path.clone(), Some(b.clone())),
                        _ => (path.clone(), None),
                    })
                    .collect();
                self.checks.check_files(&site, &saved);
            }
        }
        self.check_everything = false;
        let (findings, others): (Vec<Diagnostic>, Vec<Diagnostic>) = self
            .checks
            .findings()
            .into_iter()
            .partition(|d| match &scope {
                Scope::Site => true,
                Scope::Paths { paths, .. } => paths.iter().any(|p| d.path.starts_with(p)),
            });
        update.checked = true;
        update.findings = findings;
        update.other_findings = others;
        if let Scope::Paths { saved, .. } = &scope {
            let now = renderer.site().now;
            update.left_out = saved
                .iter()
                .filter_map(|path| match files.get(path) {
                    Some(FileState::Loaded(b)) => self.left_out(b, now),
                    _ => None,
                })
                .collect();
        }
        update.elapsed = started.elapsed();
    }

    /// Why the preview does not show briefing `b`, when it does not.
    fn left_out(&self, b: &Briefing, now: jiff::Timestamp) -> Option<String> {
        let path = b.source_path.display();
        if b.draft && !self.options.drafts {
            return Some(format!(
                "{path} is a draft (`draft: true`): the preview shows drafts with `sitrep serve --drafts`"
            ));
        }
        let at = b.publish_at.as_ref()?;
        crate::is_held_back(b, self.options.drafts, now).then(|| {
            // A bare day is due at midnight UTC; a time is shown as written, in its offset.
            let when = if at.text.len() == 10 {
                format!("{} (00:00 UTC)", at.text)
            } else {
                at.text.clone()
            };
            format!(
                "{path} is held back until {when} (`publish_at:`): the preview shows it with `sitrep serve --drafts`"
            )
        })
    }
}
