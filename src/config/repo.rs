//! `repo_url` and `repo_branch`: where the site's files are kept under version control, and
//! the history and source address of each file there (GitHub's URL layout, which GitLab and
//! Forgejo also answer: `<repo>/commits/<branch>/<path>`, `<repo>/blob/<branch>/<path>`).

use std::path::Path;

use super::Config;

/// `repo_url:` — an absolute http(s) address, kept without its final `/`.
pub(super) fn parse_repo_url(text: &str) -> Result<String, String> {
    let url = text.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty() && !rest.starts_with('/') && !rest.contains(['?', '#', ' ']) =>
        {
            Ok(url.to_string())
        }
        _ => Err(format!(
            "`{}` is not the address of a repository; write it like `https://github.com/org/desk`",
            text.trim()
        )),
    }
}

/// `repo_branch:` — a branch name as git allows it (no spaces, no `..`).
pub(super) fn parse_branch(text: &str) -> Result<String, String> {
    let branch = text.trim();
    if branch.is_empty()
        || branch.contains(char::is_whitespace)
        || branch.contains("..")
        || branch.contains(['?', '#', '\\', '~', '^', ':'])
        || branch.starts_with('/')
        || branch.ends_with('/')
    {
        return Err(format!(
            "`{branch}` is not a branch name; write the branch the site is published from, like `main`"
        ));
    }
    Ok(branch.to_string())
}

impl Config {
    /// The history of the file at `path` (from the site root) in the repository, when
    /// `repo_url` is set: `<repo_url>/commits/<branch>/<path>`.
    pub fn history_url(&self, path: &Path) -> Option<String> {
        self.repo_address("commits", path)
    }

    /// The file at `path` as kept in the repository: `<repo_url>/blob/<branch>/<path>`.
    pub fn source_url(&self, path: &Path) -> Option<String> {
        self.repo_address("blob", path)
    }

    fn repo_address(&self, view: &str, path: &Path) -> Option<String> {
        let repo = self.repo_url.as_deref()?;
        let path = path.to_string_lossy().replace('\\', "/");
        Some(format!(
            "{repo}/{view}/{}/{}",
            encode_path(&self.repo_branch),
            encode_path(&path)
        ))
    }
}

/// A path in a URL: bytes other than letters, digits, `-._~/` percent-encoded (a file named
/// `São Tomé.md` is `S%C3%A3o%20Tom%C3%A9.md`).
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_and_source_addresses_name_the_branch_and_the_file() {
        let mut config =
            crate::config::parse_config("title: T\nbase_url: https://e.org/\n").unwrap();
        assert_eq!(config.history_url(Path::new("content/a.md")), None);
        config.repo_url = Some(parse_repo_url("https://github.com/org/desk/").unwrap());
        assert_eq!(
            config
                .history_url(Path::new("content/2025/São Tomé.md"))
                .unwrap(),
            "https://github.com/org/desk/commits/main/content/2025/S%C3%A3o%20Tom%C3%A9.md"
        );
        config.repo_branch = parse_branch("release/v2").unwrap();
        assert_eq!(
            config.source_url(Path::new("pages/about.md")).unwrap(),
            "https://github.com/org/desk/blob/release/v2/pages/about.md"
        );
    }

    #[test]
    fn repo_settings_are_checked() {
        assert!(parse_repo_url("github.com/org/desk").is_err());
        assert!(parse_repo_url("https://").is_err());
        assert!(parse_repo_url("https://git.example.org/desk").is_ok());
        for bad in ["", "my branch", "a..b", "/main"] {
            assert!(parse_branch(bad).is_err(), "{bad}");
        }
        let config = crate::config::parse_config(
            "title: T\nbase_url: https://e.org/\ntaxonomies:\n  - tags\n  - name: authors\n    byline: true\n",
        )
        .unwrap();
        assert!(config.taxonomies[1].byline && !config.taxonomies[0].byline);
        let errors = crate::config::parse_config(
            "title: T\nbase_url: https://e.org/\ntaxonomies:\n  - {name: a, byline: true}\n  - {name: b, byline: true}\n",
        )
        .unwrap_err();
        assert!(errors[0].message.contains("one byline"), "{errors:?}");
    }
}
