//! Term profiles: `terms/<taxonomy>/<term-slug>.md` gives a term (a region, an actor, an
//! author) a display name, a one-line role, a summary and a Markdown body, shown on its term
//! page (and, for the byline taxonomy, in bylines). Read and checked like pages; the file's
//! place names its taxonomy and term. Knows nothing of which briefings use the term.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::markdown::{Rendered, smart_punctuation};
use crate::slug::check_slug;

use super::frontmatter::{non_empty_text, value_column};
use super::pages::{front_matter, parse_extra, unknown_key};

pub const TERMS_DIR: &str = "terms";

/// The front-matter keys of a profile.
pub const PROFILE_KEYS: &[&str] = &[
    "title",
    "role",
    "summary",
    "sort_as",
    "image",
    "image_alt",
    "image_caption",
    "image_credit",
    "extra",
];

/// One term's profile as written, validated and with its body rendered.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Relative to the site root, with forward slashes: `terms/authors/olena-kovalenko.md`.
    pub source_path: PathBuf,
    /// The taxonomy (index in site.yaml order) and the term's slug (the file's name).
    pub taxonomy: usize,
    pub slug: String,
    /// The term's display name, over the spelling briefings use.
    pub title: Option<String>,
    /// One line: "Kyiv correspondent", "President of Russia".
    pub role: Option<String>,
    /// Front matter `summary`, else the body's first paragraph (may be empty).
    pub summary: String,
    /// Where the term goes in A-Z lists, over its name: "Kovalenko, Olena" files Olena
    /// Kovalenko under K.
    pub sort_as: Option<String>,
    /// A portrait or a map (`image:`, `image_alt:`): shown with the profile, used by link
    /// previews of the term page and, for an author, in the briefing's JSON-LD.
    pub image: Option<crate::image::LeadImage>,
    pub extra: serde_json::Value,
    pub body: Rendered,
    /// File line where the body starts.
    pub body_line: usize,
    /// Identity of this version of the file (path and bytes), for incremental rebuilds.
    pub fingerprint: u64,
    /// Findings about this file that do not stop it.
    pub warnings: Vec<Diagnostic>,
}

/// Paths (relative to `root`) of every profile file under `root/terms`, sorted.
pub fn walk_profiles(root: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    super::pages::walk(root, TERMS_DIR)
}

/// Loads every profile in parallel; results keep sorted path order.
pub fn load_profiles(root: &Path, config: &Config) -> (Vec<Profile>, Vec<Diagnostic>) {
    let (files, mut errors) = walk_profiles(root);
    let results: Vec<Result<Profile, Vec<Diagnostic>>> = files
        .par_iter()
        .map(|relative| load_profile(root, relative, config))
        .collect();
    let mut profiles = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(profile) => profiles.push(profile),
            Err(mut e) => errors.append(&mut e),
        }
    }
    (profiles, errors)
}

/// Reads and parses one profile file; `relative` is its path from the site root.
pub fn load_profile(
    root: &Path,
    relative: &Path,
    config: &Config,
) -> Result<Profile, Vec<Diagnostic>> {
    let bytes = std::fs::read(root.join(relative)).map_err(|e| {
        vec![Diagnostic::error(
            relative,
            0,
            0,
            format!("cannot read this file: {e}"),
        )]
    })?;
    parse_profile_bytes(relative, bytes, config)
}

/// Parses the bytes of a profile file: UTF-8 check, then `parse_profile`.
pub fn parse_profile_bytes(
    relative: &Path,
    bytes: Vec<u8>,
    config: &Config,
) -> Result<Profile, Vec<Diagnostic>> {
    let text = super::utf8_text(relative, bytes)?;
    parse_profile(relative, &text, config)
}

/// Which taxonomy and term the file at `path` is the profile of: `terms/<taxonomy>/<slug>.md`.
fn place(path: &Path, config: &Config) -> Result<(usize, String), Diagnostic> {
    let parts: Vec<String> = path
        .strip_prefix(TERMS_DIR)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let names: Vec<&str> = config.taxonomies.iter().map(|t| t.name.as_str()).collect();
    let folders = names
        .iter()
        .map(|n| format!("terms/{n}/"))
        .collect::<Vec<_>>()
        .join(", ");
    let [taxonomy, file] = parts.as_slice() else {
        return Err(Diagnostic::error(
            path,
            0,
            0,
            "a term's profile belongs in the folder of its taxonomy, named after the term: terms/<taxonomy>/<term>.md",
        )
        .with_hint(format!("move it into one of {folders}")));
    };
    let Some(t) = names.iter().position(|n| n == taxonomy) else {
        let hint = match did_you_mean(taxonomy, names.iter().copied()) {
            Some(name) => format!("did you mean `{name}`? Move the file to terms/{name}/"),
            None => format!(
                "declare `{taxonomy}` under `taxonomies:` in site.yaml, or move the file into one of {folders}"
            ),
        };
        return Err(Diagnostic::error(
            path,
            0,
            0,
            format!("there is no taxonomy `{taxonomy}` in site.yaml for this profile"),
        )
        .with_hint(hint));
    };
    let slug = file.strip_suffix(".md").unwrap_or(file);
    if let Some(why) = check_slug(slug) {
        let suggestion = crate::slug::slugify(slug);
        return Err(
            Diagnostic::error(path, 0, 0, format!("`{slug}` is not a term's slug: {why}"))
                .with_hint(format!(
                    "name the file after the term's URL, as in /{taxonomy}/<slug>/{}",
                    if suggestion.is_empty() {
                        String::new()
                    } else {
                        format!(": `{suggestion}.md`")
                    }
                )),
        );
    }
    Ok((t, slug.to_string()))
}

/// Parses the text of a profile at `path` (relative to the site root). Pure. `Err` holds
/// every finding of the file; `Ok` carries its warnings.
pub fn parse_profile(path: &Path, text: &str, config: &Config) -> Result<Profile, Vec<Diagnostic>> {
    match read_profile(path, text, config) {
        (Some(profile), findings) if !findings.iter().any(Diagnostic::is_error) => Ok(profile),
        (_, findings) => Err(findings),
    }
}

/// Every profile under `root/terms` whose place (taxonomy and term) is known, with errors
/// or without: `check` of a site that does not load checks their links.
pub fn load_profiles_despite_errors(root: &Path, config: &Config) -> Vec<Profile> {
    super::pages::read_despite_errors(root, &walk_profiles(root).0, config, read_profile)
}

/// The profile at `path` as far as it can be read (None when its front matter cannot be
/// read or its place is unknown), and every finding of the file, in line order.
fn read_profile(path: &Path, text: &str, config: &Config) -> (Option<Profile>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let place = place(path, config).map_err(|d| errors.push(d)).ok();
    let (entries, body_line, body) = match front_matter(path, text, "profile", "title: Kherson") {
        Ok((entries, body_line, body, mut repeats)) => {
            errors.append(&mut repeats);
            (entries, body_line, body)
        }
        Err(mut found) => {
            errors.append(&mut found);
            return (None, errors);
        }
    };
    let (mut title, mut role, mut summary, mut sort_as) = (None, None, None, None);
    let mut extra = serde_json::Value::Null;
    // The image's keys are read together, after the loop.
    for entry in entries
        .iter()
        .filter(|e| !super::image::is_image_key(&e.key))
    {
        let field = |message: String| {
            Diagnostic::error(path, entry.line, value_column(text, entry.line), message)
        };
        let result = match entry.key.as_str() {
            "title" => non_empty_text(entry)
                .map(|t| title = Some(t))
                .map_err(field),
            "role" => non_empty_text(entry)
                .map(|r| role = Some(smart_punctuation(&r)))
                .map_err(field),
            "summary" => non_empty_text(entry)
                .map(|s| summary = Some(s))
                .map_err(field),
            "sort_as" => non_empty_text(entry)
                .map(|s| sort_as = Some(s))
                .map_err(field),
            "extra" => parse_extra(entry).map(|v| extra = v).map_err(field),
            key => Err(unknown_key(path, entry.line, key, PROFILE_KEYS)),
        };
        if let Err(d) = result {
            errors.push(d.with_source_line(text));
        }
    }
    let base_path = &config.base_url.path;
    let (image, found) = super::image::read_image(path, text, &entries, |e| e.line, base_path);
    let image = image.map(|i| i.sized(&config.image_sizes));
    errors.extend(found);
    let mut rendered = super::render_body(body, config, path, summary.is_none());
    let fingerprint = super::fingerprint_file(path, text, &rendered, image.as_ref(), config);
    super::body_warnings(path, text, body_line, &rendered, &mut errors);
    let written = (path, text, body_line, body);
    let keys = ["title", "role", "summary"];
    errors.extend(super::style_findings(written, &keys, [], config));
    errors.sort_by_key(|d| (d.line, d.col));
    crate::diagnostics::set_rule(&mut errors, "profiles");
    let Some((taxonomy, slug)) = place else {
        return (None, errors);
    };
    let summary = summary.unwrap_or_else(|| std::mem::take(&mut rendered.first_paragraph));
    let profile = Profile {
        source_path: PathBuf::from(path.to_string_lossy().replace('\\', "/")),
        taxonomy,
        slug,
        // A name as written (not curled): it is the term's name, as briefings write it.
        title,
        role,
        summary,
        sort_as,
        image,
        extra,
        body: rendered,
        body_line,
        fingerprint,
        warnings: errors.clone(),
    };
    (Some(profile), errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        crate::config::parse_config(
            "title: T\nbase_url: https://e.org/\ntaxonomies: [tags, regions, authors]\n",
        )
        .unwrap()
    }

    #[test]
    fn a_profile_is_placed_by_its_folder_and_file_name() {
        let p = parse_profile(
            Path::new("terms/authors/olena-kovalenko.md"),
            "---\ntitle: Olena Kovalenko\nrole: Kyiv correspondent\n---\nShe covers **Kyiv**.\n",
            &config(),
        )
        .unwrap();
        assert_eq!((p.taxonomy, p.slug.as_str()), (2, "olena-kovalenko"));
        assert_eq!(p.role.as_deref(), Some("Kyiv correspondent"));
        assert_eq!(p.summary, "She covers Kyiv.");
        assert!(p.body.html.contains("<strong>Kyiv</strong>"));
    }

    #[test]
    fn a_profile_may_have_an_image_with_its_text_alternative() {
        let p = parse_profile(
            Path::new("terms/authors/olena-kovalenko.md"),
            "---\ntitle: Olena Kovalenko\nimage: /images/olena.jpg\nimage_alt: Olena Kovalenko in Kyiv\n---\nBio.\n",
            &config(),
        )
        .unwrap();
        let image = p.image.unwrap();
        assert_eq!(
            (
                image.src.as_str(),
                image.alt.as_deref(),
                image.line,
                image.col
            ),
            ("/images/olena.jpg", Some("Olena Kovalenko in Kyiv"), 3, 8)
        );
        let found = parse_profile(
            Path::new("terms/authors/olena-kovalenko.md"),
            "---\nimage_alt: A portrait\n---\n",
            &config(),
        )
        .unwrap_err();
        assert_eq!(
            (found[0].line, found[0].message.as_str()),
            (
                2,
                "`image_alt` describes an image, but there is no `image:`"
            )
        );
    }

    #[test]
    fn a_profile_out_of_place_or_with_unknown_keys_is_an_error() {
        let config = config();
        let errors = |path: &str, text: &str| {
            parse_profile(Path::new(path), text, &config)
                .unwrap_err()
                .into_iter()
                .map(|d| (d.line, d.message, d.hint.unwrap_or_default()))
                .collect::<Vec<_>>()
        };
        let found = errors("terms/regoins/kyiv.md", "---\nrol: x\n---\n");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].1.contains("no taxonomy `regoins`"));
        assert!(found[0].2.contains("did you mean `regions`?"));
        assert_eq!(
            (found[1].0, found[1].2.as_str()),
            (2, "did you mean `role`?")
        );
        let found = errors("terms/kyiv.md", "---\ntitle: Kyiv\n---\n");
        assert!(found[0].2.contains("terms/regions/"), "{found:?}");
        let found = errors("terms/regions/Kyiv City.md", "---\ntitle: Kyiv\n---\n");
        assert!(found[0].2.contains("`kyiv-city.md`"), "{found:?}");
    }
}
