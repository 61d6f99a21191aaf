//! Links that name a standalone page by its file (`../pages/about.md`) or by a URL with its
//! folder in it (`/pages/about/`). Pages are linked by their URL only, so the findings say
//! that, and which URL to write, rather than talking of briefings.

use std::path::Path;

use crate::content::{PAGES_DIR, Page};
use crate::diagnostics::did_you_mean;
use crate::site;

use super::Targets;

/// The message and hint for a link to the file `resolved` under pages/ (None: not there).
pub(super) fn page_file_link(
    targets: &Targets<'_>,
    resolved: &str,
    dest: &str,
) -> Option<(String, String)> {
    let name = resolved.strip_prefix(PAGES_DIR)?.strip_prefix('/')?;
    if let Some(draft) = draft_page(targets, |page| page.source_path == Path::new(resolved)) {
        // Publishing it is not enough: a page is linked by its URL.
        let (message, hint) = draft_link(dest, draft);
        return Some((message, format!("{hint}, by its URL: `{}`", draft.path)));
    }
    if let Some(url) = page_url(targets, Path::new(resolved)) {
        return Some((
            format!(
                "link `{dest}` names the file of the page {resolved}, which is linked by its URL"
            ),
            format!("write `{url}`: a link by file works for briefings only"),
        ));
    }
    let hint = match nearest_page(targets, resolved) {
        Some((file, url)) => format!("did you mean {file}? Link to it by its URL: `{url}`"),
        None => format!(
            "a page is linked by its URL, the name of its file without `.md`: pages/{name} \
             would be at `/{}/`",
            name.strip_suffix(".md").unwrap_or(name)
        ),
    };
    Some((
        format!("broken link `{dest}`: there is no page file {resolved}"),
        hint,
    ))
}

/// The hint for a site path under `/pages/`, which no page has: a page's URL leaves the
/// folder out (None: the path is not under `/pages/`).
pub(super) fn pages_folder_hint(targets: &Targets<'_>, path: &str) -> Option<String> {
    let rest = path.strip_prefix("/pages/")?;
    let stem = rest.trim_end_matches('/').trim_end_matches(".md");
    let file = format!("{PAGES_DIR}/{stem}.md");
    Some(match page_url(targets, Path::new(&file)) {
        Some(url) => {
            format!("did you mean `{url}`? A page's URL leaves out `pages/`: {file} is at `{url}`")
        }
        None => format!("a page's URL leaves out `pages/`: {file} would be at `/{stem}/`"),
    })
}

/// The message and hint for a link to the site path `path` (or `path` with a final `/`)
/// of a page left out as a draft (None: no draft page is there).
pub(super) fn draft_page_at(
    targets: &Targets<'_>,
    path: &str,
    dest: &str,
) -> Option<(String, String)> {
    let output = site::output_file(path);
    let with_slash = site::output_file(&format!("{path}/"));
    let draft = draft_page(targets, |page| {
        let at = site::output_file(&page.path);
        at == output || at == with_slash
    })?;
    Some(draft_link(dest, draft))
}

/// The first page left out as a draft that `is_it` picks.
fn draft_page<'a>(targets: &Targets<'a>, is_it: impl Fn(&Page) -> bool) -> Option<&'a Page> {
    let site = targets.site?;
    site.draft_pages
        .iter()
        .map(|p| p.as_ref())
        .find(|p| is_it(p))
}

/// As a link to a draft briefing is told (see `LinkChecks::target_state`).
fn draft_link(dest: &str, draft: &Page) -> (String, String) {
    (
        format!(
            "broken link `{dest}`: {} is a draft (`draft: true`), so it is not published",
            draft.source_path.display()
        ),
        "publish that page first, or add the link once it is published".into(),
    )
}

/// The site path of the page read from `source`, if the site has it.
fn page_url(targets: &Targets<'_>, source: &Path) -> Option<String> {
    let site = targets.site?;
    site.pages
        .iter()
        .find(|e| e.page.source_path == source)
        .map(|e| e.page.path.clone())
}

/// The page file most like `resolved` (a typo), with its URL.
fn nearest_page(targets: &Targets<'_>, resolved: &str) -> Option<(String, String)> {
    let site = targets.site?;
    let files: Vec<String> = site
        .pages
        .iter()
        .map(|e| e.page.source_path.to_string_lossy().replace('\\', "/"))
        .collect();
    let file = did_you_mean(resolved, files.iter().map(String::as_str))?;
    let url = page_url(targets, Path::new(file))?;
    Some((file.to_string(), url))
}
