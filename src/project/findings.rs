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

/// Why the preview does not show the briefing or page read from `path`, a draft.
fn draft_note(path: &Path) -> String {
    format!(
        "{} is a draft (`draft: true`): the preview shows drafts with `sitrep serve --drafts`",
        path.display()
    )
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
        if let Scope::Paths { paths, saved, .. } = &scope {
            let now = renderer.site().now;
            update.left_out = saved
                .iter()
                .filter_map(|path| match files.get(path) {
                    Some(FileState::Loaded(b)) => self.left_out(b, now),
                    _ => None,
                })
                .collect();
            // Pages are not among the saved briefings: any page saved that is a draft.
            let draft_pages = &renderer.site().draft_pages;
            update.left_out.extend(
                draft_pages
                    .iter()
                    .filter(|p| paths.contains(&p.source_path))
                    .map(|p| draft_note(&p.source_path)),
            );
        }
        update.elapsed = started.elapsed();
    }

    /// Why the preview does not show briefing `b`, when it does not.
    fn left_out(&self, b: &Briefing, now: jiff::Timestamp) -> Option<String> {
        if b.draft && !self.options.drafts {
            return Some(draft_note(&b.source_path));
        }
        let path = b.source_path.display();
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

#[cfg(test)]
mod tests {
    use super::super::{Project, ProjectOptions};

    fn messages(findings: &[crate::diagnostics::Diagnostic]) -> Vec<String> {
        findings
            .iter()
            .map(|d| format!("{}: {}", d.location(), d.message))
            .collect()
    }

    #[test]
    fn saves_are_checked_against_what_the_project_keeps_between_them() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |path: &str, text: &str| std::fs::write(root.join(path), text).unwrap();
        std::fs::create_dir_all(root.join("content")).unwrap();
        write("site.yaml", "title: T\nbase_url: https://e.org/\n");
        write(
            "content/a.md",
            "---\ntitle: A\ndate: 2025-01-01\ntags: [nato]\n---\nSee [b](b.md).\n",
        );
        write(
            "content/b.md",
            "---\ntitle: B\ndate: 2025-01-02\ndraft: true\n---\nBody.\n",
        );
        write(
            "content/c.md",
            "---\ntitle: C\ndate: 2025-02-01\ntags: [NATO]\n---\n## Outlook\n\nBody.\n",
        );
        let (mut project, opened) = Project::open(ProjectOptions {
            root: root.to_path_buf(),
            base_url: None,
            drafts: false,
        });
        assert!(opened.errors.is_empty(), "{:?}", opened.errors);
        assert_eq!(
            messages(&opened.findings),
            [
                "content/a.md:6:5: broken link `b.md`: content/b.md is a draft (`draft: true`), so it is not published",
                "content/c.md:4:8: `NATO` and `nato` are one term in `tags` (/tags/nato/); the site shows `nato`",
            ]
        );
        // An empty `text` deletes the file.
        let mut save = |path: &str, text: &str| {
            match text {
                "" => std::fs::remove_file(root.join(path)).unwrap(),
                text => write(path, text),
            }
            project.apply(&[root.join(path)])
        };

        // A body edit (in place) that moves the front matter down a line: the link is fixed,
        // and the term finding of the file follows its line.
        let fixed = save(
            "content/c.md",
            "---\ntitle: C\ndate: 2025-02-01\nsummary: S.\ntags: [NATO]\n---\n## Outlook\n\nBody.\n",
        );
        assert_eq!(
            messages(&fixed.findings),
            [
                "content/c.md:5:8: `NATO` and `nato` are one term in `tags` (/tags/nato/); the site shows `nato`"
            ]
        );
        let fixed = save(
            "content/a.md",
            "---\ntitle: A\ndate: 2025-01-01\ntags: [nato]\n---\nSee [c](/2025/02/c/#outlook).\n",
        );
        assert!(fixed.checked && fixed.findings.is_empty(), "{fixed:?}");
        assert_eq!(fixed.other_findings.len(), 1, "{fixed:?}");

        // A new spelling (the model is built again): the term findings follow.
        let respelled = save(
            "content/a.md",
            "---\ntitle: A\ndate: 2025-01-01\ntags: [NATO]\n---\nSee [c](/2025/02/c/#outlook).\n",
        );
        assert!(respelled.findings.is_empty(), "{respelled:?}");
        assert!(respelled.other_findings.is_empty(), "{respelled:?}");

        // The draft gets a new URL: the preview says why it does not show it, and the link
        // index follows it.
        let draft = save(
            "content/b.md",
            "---\ntitle: B\ndate: 2025-01-02\ndraft: true\nslug: bee\n---\nBody.\n",
        );
        assert_eq!(draft.rendered, 0);
        assert_eq!(
            draft.left_out,
            [
                "content/b.md is a draft (`draft: true`): the preview shows drafts with `sitrep serve --drafts`"
            ]
        );
        let to_draft = save(
            "content/a.md",
            "---\ntitle: A\ndate: 2025-01-01\n---\nSee [b](/2025/01/bee/).\n",
        );
        assert_eq!(
            messages(&to_draft.findings),
            [
                "content/a.md:5:5: broken link `/2025/01/bee/`: content/b.md is a draft (`draft: true`), so it is not published"
            ]
        );

        // Fragments are checked against the pages in memory; a page that is gone is missing.
        let fragment = save(
            "content/a.md",
            "---\ntitle: A\ndate: 2025-01-01\n---\nSee [c](/2025/02/c/#outlok) and [t](/tags/nato/).\n",
        );
        assert_eq!(
            messages(&fragment.findings),
            [
                "content/a.md:5:5: broken link `/2025/02/c/#outlok`: the page /2025/02/c/ has no heading or footnote with the id `outlok`"
            ]
        );
        save("content/c.md", "");
        let gone = save(
            "content/a.md",
            "---\ntitle: A\ndate: 2025-01-01\n---\nSee [c](/2025/02/c/) and [t](/tags/nato/).\n",
        );
        assert_eq!(
            messages(&gone.findings),
            [
                "content/a.md:5:5: broken link `/2025/02/c/`: there is no page or file at /2025/02/c/ on this site",
                "content/a.md:5:26: broken link `/tags/nato/`: there is no page or file at /tags/nato/ on this site",
            ]
        );

        // A draft page: the preview says why it does not show it, and a link to it says it
        // is a draft, as for a briefing.
        std::fs::create_dir_all(root.join("pages")).unwrap();
        let page = save(
            "pages/contact.md",
            "---\ntitle: Contact\ndraft: true\n---\nWrite to us.\n",
        );
        assert_eq!(
            page.left_out,
            [
                "pages/contact.md is a draft (`draft: true`): the preview shows drafts with `sitrep serve --drafts`"
            ]
        );
        let to_page = save(
            "content/a.md",
            "---\ntitle: A\ndate: 2025-01-01\n---\nWrite to [us](/contact/).\n",
        );
        assert_eq!(
            messages(&to_page.findings),
            [
                "content/a.md:5:10: broken link `/contact/`: pages/contact.md is a draft (`draft: true`), so it is not published"
            ]
        );
        save("pages/contact.md", "");

        // A new static file checks every file again: the image is there now.
        let image = save(
            "content/a.md",
            "---\ntitle: A\ndate: 2025-01-01\n---\n![map](/img/map.png)\n",
        );
        assert_eq!(
            messages(&image.findings),
            [
                "content/a.md:5:1: broken image `/img/map.png`: there is no page or file at /img/map.png on this site"
            ]
        );
        std::fs::create_dir_all(root.join("static/img")).unwrap();
        let added = save("static/img/map.png", "png");
        assert!(added.checked, "{added:?}");
        assert!(
            added.findings.is_empty() && added.other_findings.is_empty(),
            "{added:?}"
        );
    }

    /// Lead images (`image:` of a briefing, a page and site.yaml) are checked in the preview
    /// as `check` checks them, and a missing file's error goes once the file is in static/.
    #[test]
    fn lead_images_are_checked_and_their_errors_go_when_the_file_is_added() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |path: &str, text: &str| {
            let file = root.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        };
        write(
            "site.yaml",
            "title: T\nbase_url: https://e.org/\nimage: /img/card.png\nimage_alt: The desk's card\n",
        );
        write(
            "content/a.md",
            "---\ntitle: A\ndate: 2025-01-01\nimage: /img/map.png\nimage_alt: A map\n---\nBody.\n",
        );
        write(
            "pages/about.md",
            "---\ntitle: About\nimage: /img/team.png\nimage_alt: The team\n---\nUs.\n",
        );
        let (mut project, opened) = Project::open(ProjectOptions {
            root: root.to_path_buf(),
            base_url: None,
            drafts: false,
        });
        assert!(opened.errors.is_empty(), "{:?}", opened.errors);
        assert_eq!(
            messages(&opened.findings),
            [
                "content/a.md:4:8: the image `/img/map.png` does not exist: it was expected at static/img/map.png",
                "pages/about.md:3:8: the image `/img/team.png` does not exist: it was expected at static/img/team.png",
                "site.yaml:3:8: the image `/img/card.png` does not exist: it was expected at static/img/card.png",
            ]
        );
        let mut add = |path: &str| {
            write(path, "png");
            project.apply(&[root.join(path)])
        };
        add("static/img/map.png");
        let added = add("static/img/team.png");
        assert_eq!(
            messages(&added.findings)
                .into_iter()
                .chain(messages(&added.other_findings))
                .collect::<Vec<_>>(),
            [
                "site.yaml:3:8: the image `/img/card.png` does not exist: it was expected at static/img/card.png"
            ]
        );
        let added = add("static/img/card.png");
        assert!(
            added.findings.is_empty() && added.other_findings.is_empty(),
            "{added:?}"
        );
    }
}
