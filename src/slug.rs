//! ASCII slugs for URLs. Term names keep their display form; only their URLs use these.
//! Transliteration is `deunicode`'s (São Tomé → sao-tome); names that transliterate badly
//! get an override in site.yaml, which the caller consults before calling `slugify`.

/// Lowercase ASCII letters and digits joined by single hyphens; empty if nothing survives.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_hyphen = false;
    for c in ascii.chars() {
        // An apostrophe joins its word (`Ukraine's` → `ukraines`, `Kyiv’s` → `kyivs`).
        if c == '\'' {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

/// Why a slug written by hand cannot be used in a URL, or `None` if it can.
/// Allowed: lowercase ASCII letters, digits, `-` and `_`, not starting or ending with `-`.
pub fn check_slug(slug: &str) -> Option<&'static str> {
    if slug.is_empty() {
        return Some("it is empty");
    }
    if slug.contains('/') || slug.contains('\\') {
        return Some("it contains a slash");
    }
    if slug.contains("..") {
        return Some("it contains `..`");
    }
    if !slug
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        return Some("it may only use lowercase letters a-z, digits, `-` and `_`");
    }
    if slug.starts_with('-') || slug.ends_with('-') {
        return Some("it starts or ends with `-`");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_and_hyphenates() {
        assert_eq!(slugify("São Tomé"), "sao-tome");
        assert_eq!(slugify("Vladimir Putin"), "vladimir-putin");
        assert_eq!(slugify("  Black   Sea!! "), "black-sea");
        assert_eq!(slugify("Recep Tayyip Erdoğan"), "recep-tayyip-erdogan");
        assert_eq!(slugify("peace-talks"), "peace-talks");
        assert_eq!(slugify("../../etc"), "etc");
        assert_eq!(slugify("!!!"), "");
        assert_eq!(slugify("Ukraine's grid"), "ukraines-grid");
        assert_eq!(slugify("Kyiv’s ‘offer’"), "kyivs-offer");
        assert_eq!(slugify("'quoted'"), "quoted");
    }

    #[test]
    fn slugify_output_always_passes_the_check() {
        for text in ["Київ", "الخرطوم", "Zaporizhzhia", "a/b", "..", "東京"] {
            let slug = slugify(text);
            assert!(
                slug.is_empty() || check_slug(&slug).is_none(),
                "{text} -> {slug}"
            );
        }
    }

    #[test]
    fn hand_written_slugs_are_checked() {
        assert_eq!(check_slug("ok-slug_2"), None);
        assert!(check_slug("").is_some());
        assert!(check_slug("a/b").is_some());
        assert!(check_slug("..").is_some());
        assert!(check_slug("Upper").is_some());
        assert!(check_slug("-x").is_some());
    }
}
