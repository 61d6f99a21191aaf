//! Checks of the pages and term profiles in the model — their links (as a briefing's are
//! checked), their load warnings, profiles of terms no briefing uses — and of what a reader
//! trusts a briefing by: with a byline taxonomy declared, a briefing without a byline is a
//! warning, and with `require_sources:` set, so is a report, analysis or explainer that
//! cites no sources.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::Briefing;
use crate::diagnostics::{self, Diagnostic, Severity, edit_distance};
use crate::site::Site;

use super::links::{Link, LinkSource, Pending, Targets, anchors, check_fragment, check_link_list};
use super::preview::PageLookup;

/// The findings about every page and profile of `site`, and the link fragments still to
/// verify once their pages are rendered.
pub(super) fn check_docs(site: &Site, targets: &Targets<'_>) -> (Vec<Diagnostic>, Vec<Pending>) {
    let mut out = Vec::new();
    let mut pending = Vec::new();
    for entry in &site.pages {
        let page = &entry.page;
        out.extend(page.warnings.iter().cloned());
        let image = page.image.as_ref();
        out.extend(super::images::check_image(
            &page.source_path,
            image,
            targets.theme,
        ));
        let source = LinkSource {
            path: &page.source_path,
            page: Some(&page.path),
            published_at: None,
        };
        let mut links = body_links(&page.body, page.body_line);
        links.extend(super::links::caption_links(page.image.as_ref()));
        pending.extend(check_link_list(&source, links, targets, &mut out));
    }
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        for (i, term) in taxonomy.terms.iter().enumerate() {
            let Some(profile) = site.profile(t, i) else {
                continue;
            };
            out.extend(profile.warnings.iter().cloned());
            let image = profile.image.as_ref();
            out.extend(super::images::check_image(
                &profile.source_path,
                image,
                targets.theme,
            ));
            let path = site.term_path(t, i);
            let source = LinkSource {
                path: &profile.source_path,
                page: Some(&path),
                published_at: None,
            };
            let mut links = body_links(&profile.body, profile.body_line);
            links.extend(super::links::caption_links(profile.image.as_ref()));
            pending.extend(check_link_list(&source, links, targets, &mut out));
            if term.members.is_empty() {
                out.push(unused_profile(site, t, i));
            }
        }
    }
    diagnostics::set_rule(&mut out, "links");
    (out, pending)
}

/// `check_docs` with the fragments verified at once, against the pages `page` finds (the
/// preview's, already rendered); each finding with its line of the file.
pub(super) fn check_docs_now(
    root: &Path,
    site: &Site,
    targets: &Targets<'_>,
    page: PageLookup<'_>,
) -> Vec<Diagnostic> {
    let (mut out, pending) = check_docs(site, targets);
    let mut ids: HashMap<PathBuf, HashSet<String>> = HashMap::new();
    for p in &pending {
        if !ids.contains_key(&p.output)
            && let Some(html) = page(&p.output)
        {
            ids.insert(p.output.clone(), anchors(&String::from_utf8_lossy(&html)));
        }
    }
    out.extend(pending.iter().filter_map(|p| check_fragment(p, &ids)));
    attach_doc_excerpts(root, &mut out);
    out
}

/// The links of a body, at their file lines.
fn body_links(body: &crate::markdown::Rendered, body_line: usize) -> Vec<Link> {
    body.links
        .iter()
        .map(|l| Link {
            dest: l.dest.clone(),
            line: body_line + l.line - 1,
            col: l.col,
            image: l.image,
            in_front_matter: false,
        })
        .collect()
}

/// A profile whose term no (published) briefing uses: its page lists nothing. Likely a
/// file name that is not the term's slug, so the nearest slug in use is suggested.
fn unused_profile(site: &Site, t: usize, i: usize) -> Diagnostic {
    let taxonomy = &site.taxonomies[t];
    let term = &taxonomy.terms[i];
    let name = &taxonomy.config.name;
    let nearest = taxonomy
        .terms
        .iter()
        .filter(|other| !other.members.is_empty())
        .map(|other| (edit_distance(&term.slug, &other.slug), &other.slug))
        .filter(|(d, slug)| *d <= (slug.len() / 3).clamp(1, 3))
        .min();
    let hint = match nearest {
        Some((_, slug)) => format!(
            "did you mean `{slug}.md`? A profile's file is named after its term's slug, as in /{name}/{slug}/"
        ),
        None => format!(
            "a profile written before the first briefing is fine; its file is named after the term's slug, as in /{name}/<slug>/"
        ),
    };
    let path = &site.profiles[term.profile.expect("a profile")].source_path;
    Diagnostic::warning(
        path,
        0,
        0,
        format!(
            "no briefing uses `{}` in `{name}` yet: its page {} lists no briefings",
            term.name,
            site.term_path(t, i)
        ),
    )
    .with_hint(hint)
    .with_rule("profiles")
}

/// With a byline taxonomy declared (`byline: true`), a briefing without a byline is a
/// warning: at its (empty) key, else at the top of the file.
pub(super) fn check_byline(config: &Config, b: &Briefing, out: &mut Vec<Diagnostic>) {
    let Some(t) = config.taxonomies.iter().position(|t| t.byline) else {
        return;
    };
    if !b.terms[t].is_empty() {
        return;
    }
    let key = &config.taxonomies[t].name;
    let line = b.term_lines[t].max(1);
    out.push(
        Diagnostic::warning(
            &b.source_path,
            line,
            1,
            format!("this briefing has no byline: `{key}:` names no one"),
        )
        .with_hint(format!(
            "add who wrote it to the front matter, like `{key}: [Olena Kovalenko]`"
        ))
        .with_rule("bylines"),
    );
}

/// With `require_sources:` set, a briefing that lists no `sources:` gives readers nothing to
/// verify it by: a finding at that level, except for an opinion piece, which argues a view
/// rather than reports. A draft's is a warning: it is unfinished by definition.
pub(super) fn check_cited(config: &Config, b: &Briefing, out: &mut Vec<Diagnostic>) {
    let Some(level) = config.require_sources else {
        return;
    };
    if !b.sources.is_empty() || b.kind == crate::content::Kind::Opinion {
        return;
    }
    let message = format!("this {} cites no sources", b.kind.as_str());
    // At `sources:` when it is written but empty (`sources: []`, or every item removed from
    // what `sitrep new` wrote), else at the briefing's first line.
    let line = b.sources_line.max(1);
    let finding = if level == Severity::Error && !b.draft {
        Diagnostic::error(&b.source_path, line, 1, message)
    } else {
        Diagnostic::warning(&b.source_path, line, 1, message)
    };
    out.push(
        finding
            .with_hint(
                "list what it rests on under `sources:` in the front matter, each with a \
                 `title:` and a `url:` (and a `publisher:`); site.yaml's `require_sources` asks \
                 for them, but for a piece of opinion (`kind: opinion`)",
            )
            .with_rule("sources"),
    );
}

/// Each finding about a page or profile with its line of the file, read once per file.
pub(super) fn attach_doc_excerpts(root: &Path, findings: &mut [Diagnostic]) {
    let mut texts: HashMap<PathBuf, Option<String>> = HashMap::new();
    let is_doc = |path: &Path| {
        path.starts_with(crate::content::PAGES_DIR) || path.starts_with(crate::content::TERMS_DIR)
    };
    for d in findings
        .iter_mut()
        .filter(|d| d.snippet.is_none() && d.line > 0 && is_doc(&d.path))
    {
        let text = texts
            .entry(d.path.clone())
            .or_insert_with(|| std::fs::read_to_string(root.join(&d.path)).ok());
        if let Some(text) = text {
            *d = std::mem::replace(d, Diagnostic::error("", 0, 0, "")).with_source_line(text);
        }
    }
}
