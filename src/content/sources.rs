//! Sources (`sources:` in front matter): each item's fields, and the checks editors need at
//! once — every `url:` is a well-formed web address, and no address is cited twice.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::yaml::{Entry, Node};

/// A cited source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub title: String,
    pub url: String,
    pub publisher: Option<String>,
    /// File line of the source's entry, for later checks that point at it.
    pub line: usize,
}

const SOURCE_FIELDS: &[&str] = &["title", "url", "publisher"];

/// Reads `sources:` into sources and every problem they have (missing fields, unknown keys,
/// bad or repeated addresses), so an editor sees them all at once. Every item that is a
/// mapping becomes a source, even one with problems.
pub(super) fn parse_sources(
    entry: &Entry,
    file_text: &str,
    yaml_text: &str,
    offset: usize,
    at: &dyn Fn(usize, usize, String) -> Diagnostic,
) -> (Vec<Source>, Vec<Diagnostic>) {
    let key_line = entry.line + offset;
    let hint = "write each source as `- title: ...` with `url:` and `publisher:` lines under it";
    let (items, item_lines) = match list_entry(entry, yaml_text, offset, hint, at) {
        Ok(list) => list,
        Err(error) => return (Vec::new(), vec![error]),
    };
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let line = item_lines.get(index).map_or(key_line, |l| l + offset);
        let Some(fields) = item.as_mapping() else {
            errors.push(at(
                line,
                1,
                format!(
                    "source {} must have `title:` and `url:` fields, found {}",
                    index + 1,
                    item.kind()
                ),
            ));
            continue;
        };
        let mut source = Source {
            title: String::new(),
            url: String::new(),
            publisher: None,
            line,
        };
        for (key, value) in fields {
            let text = value
                .as_scalar_text()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty());
            match key.as_str() {
                "title" => source.title = text.unwrap_or_default(),
                "url" => source.url = text.unwrap_or_default(),
                "publisher" => source.publisher = text,
                other => {
                    let hint = match did_you_mean(other, SOURCE_FIELDS.iter().copied()) {
                        Some(k) => format!("did you mean `{k}`?"),
                        None => "a source has `title`, `url` and `publisher`".into(),
                    };
                    let (key_line, key_col) = key_position(yaml_text, line - offset, other)
                        .map_or((line, 1), |(l, c)| (l + offset, c));
                    errors.push(
                        at(
                            key_line,
                            key_col,
                            format!("unknown key `{other}` in source {}", index + 1),
                        )
                        .with_hint(hint),
                    );
                }
            }
        }
        for (value, name) in [(&source.title, "title"), (&source.url, "url")] {
            if value.is_empty() {
                errors.push(at(line, 1, format!("source {} has no `{name}`", index + 1)));
            }
        }
        sources.push(source);
    }
    check_addresses(&sources, file_text, at, &mut errors);
    crate::diagnostics::set_rule(&mut errors, "sources");
    (sources, errors)
}

/// Every `url:` must be a well-formed http(s) address (an error at its value); the same
/// address twice is a warning.
fn check_addresses(
    sources: &[Source],
    file_text: &str,
    at: &dyn Fn(usize, usize, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, source) in sources.iter().enumerate() {
        if source.url.is_empty() {
            continue; // reported as missing already
        }
        // Found only for a finding: most addresses are fine, and finding it reads lines.
        let position = || source_url_position(file_text, source.line);
        let number = index + 1;
        if let Some(problem) = web_address_problem(&source.url) {
            let (line, col) = position();
            out.push(
                at(
                    line,
                    col,
                    format!(
                        "source {number} has a bad address `{}`: {problem}",
                        source.url
                    ),
                )
                .with_hint(
                    "copy the full address of the article from the browser, starting with https://",
                ),
            );
            continue;
        }
        let key = normalize_url(&source.url);
        if let Some(&first) = seen.get(&key) {
            let (line, col) = position();
            let d = at(
                line,
                col,
                format!("source {number} repeats the address of source {first}"),
            )
            .with_hint("remove the repeated source, or cite the article you meant");
            out.push(Diagnostic {
                severity: crate::diagnostics::Severity::Warning,
                ..d
            });
        } else {
            seen.insert(key, number);
        }
    }
}

/// Line and column (1-based, within the YAML) of `key:` in the list item starting at `item_line`.
pub(super) fn key_position(yaml_text: &str, item_line: usize, key: &str) -> Option<(usize, usize)> {
    for (index, line) in yaml_text.lines().enumerate().skip(item_line - 1) {
        if index + 1 > item_line
            && (line.trim_start().starts_with("- ") || !line.starts_with([' ', '\t']))
        {
            return None;
        }
        if crate::yaml::key_of(line).as_deref() == Some(key) {
            let col = line.find(key).unwrap_or(0) + 1;
            return Some((index + 1, col));
        }
    }
    None
}

/// The items of a front-matter list (`sources:`, `events:`, `corrections:`) and the YAML
/// line each item starts on: none when the key is empty; an error at the key, with `hint`,
/// when it is not a list.
pub(super) fn list_entry(
    entry: &Entry,
    yaml_text: &str,
    offset: usize,
    hint: &str,
    at: &dyn Fn(usize, usize, String) -> Diagnostic,
) -> Result<(Vec<Node>, Vec<usize>), Diagnostic> {
    if entry.value.is_null() {
        return Ok((Vec::new(), Vec::new()));
    }
    let Some(items) = entry.value.as_sequence() else {
        let message = format!(
            "`{}` must be a list, found {}",
            entry.key,
            entry.value.kind()
        );
        let col = super::frontmatter::value_column(yaml_text, entry.line);
        return Err(at(entry.line + offset, col, message).with_hint(hint));
    };
    Ok((items, list_item_lines(yaml_text, entry.line)))
}

/// Lines (1-based, within the YAML) where the items of the block list under `key_line` start.
pub(super) fn list_item_lines(yaml_text: &str, key_line: usize) -> Vec<usize> {
    let mut lines = Vec::new();
    let mut item_indent: Option<usize> = None;
    for (index, line) in yaml_text.lines().enumerate().skip(key_line) {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if indent == 0 && !line.starts_with('-') {
            break;
        }
        if line.trim_start().starts_with("- ") || line.trim() == "-" {
            let expected = *item_indent.get_or_insert(indent);
            if indent == expected {
                lines.push(index + 1);
            }
        }
    }
    lines
}

/// Why `url` is not a well-formed http(s) address, or `None` when it is.
pub fn web_address_problem(url: &str) -> Option<String> {
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
    {
        return Some(if c.is_whitespace() {
            "it contains a space".into()
        } else {
            format!("it contains `{}`", c.escape_default())
        });
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return Some("it does not start with `https://`".into());
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Some(if scheme.contains(['/', '.']) {
            "it does not start with `https://`".into()
        } else {
            format!("`{scheme}:` is not a web address; a source must be an http(s) page")
        });
    }
    let Some(rest) = rest.strip_prefix("//") else {
        return Some(format!(
            "`{scheme}:` must be followed by `//` and the domain"
        ));
    };
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if let Some(inner) = host_port.strip_prefix('[') {
        match inner.split_once(']') {
            Some((v6, after)) if !v6.is_empty() => (v6, after.strip_prefix(':')),
            _ => return Some(format!("the address `{host_port}` is not well formed")),
        }
    } else {
        match host_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        }
    };
    if let Some(port) = port
        && (port.is_empty() || port.parse::<u16>().is_err())
    {
        return Some(format!("`{port}` after the domain is not a port number"));
    }
    if host.is_empty() {
        return Some(format!("there is no domain after `{scheme}://`"));
    }
    if host_port.starts_with('[') {
        return None;
    }
    if let Some(c) = host
        .chars()
        .find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '.'))
    {
        return Some(format!("the domain `{host}` contains `{c}`"));
    }
    let labels: Vec<&str> = host.strip_suffix('.').unwrap_or(host).split('.').collect();
    if labels
        .iter()
        .any(|l| l.is_empty() || l.starts_with('-') || l.ends_with('-'))
    {
        return Some(format!("the domain `{host}` is not well formed"));
    }
    if labels.len() < 2 && host != "localhost" {
        return Some(format!(
            "the domain `{host}` has no dot; write the full domain, such as `www.example.org`"
        ));
    }
    None
}

/// The form two addresses of the same page share: scheme and domain in lowercase, no
/// final `/`.
fn normalize_url(url: &str) -> String {
    let (scheme_host, path) = match url.find("://") {
        Some(i) => {
            let end = url[i + 3..]
                .find(['/', '?', '#'])
                .map_or(url.len(), |j| i + 3 + j);
            (url[..end].to_lowercase(), &url[end..])
        }
        None => (url.to_string(), ""),
    };
    format!("{scheme_host}{}", path.trim_end_matches('/'))
}

/// Line and column (1-based) of the `url:` value of the source item starting at `item_line`.
fn source_url_position(text: &str, item_line: usize) -> (usize, usize) {
    // Lines from the item on, never the whole file (the body follows): 2-4 sources per file.
    let Some(first) = item_line
        .checked_sub(1)
        .and_then(|skip| text.lines().nth(skip))
    else {
        return (item_line, 1);
    };
    let item_indent = first.len() - first.trim_start().len();
    for (index, line) in text.lines().enumerate().skip(item_line - 1) {
        let indent = line.len() - line.trim_start().len();
        if index + 1 > item_line && (line.trim() == "---" || indent <= item_indent) {
            break;
        }
        // Block style (`url: …` on its own line) or flow style (`{title: …, url: …}`).
        let key_at = if crate::yaml::key_of(line).as_deref() == Some("url") {
            line.find("url")
        } else {
            line.find("url:").filter(|_| line.contains('{'))
        };
        if let Some(key_at) = key_at {
            let after = &line[key_at + 4..];
            let value_at = key_at + 4 + (after.len() - after.trim_start().len());
            return (index + 1, line[..value_at].chars().count() + 1);
        }
    }
    (item_line, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_events_and_corrections_that_are_not_lists_are_errors_at_their_key() {
        let config = crate::config::parse_config("title: T\nbase_url: https://e.org/\n").unwrap();
        let text = "---\ntitle: A\ndate: 2025-01-01\nsources: the wire\nevents: 5\n\
                    corrections:\n  text: fixed\n---\nBody.\n";
        let errors =
            crate::content::parse_briefing(std::path::Path::new("content/a.md"), text, &config)
                .unwrap_err();
        let found: Vec<(usize, &str)> = errors
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (4, "`sources` must be a list, found text"),
                (5, "`events` must be a list, found a number"),
                (6, "`corrections` must be a list, found a mapping"),
            ],
            "{errors:?}"
        );
        assert!(errors.iter().all(|d| {
            d.hint
                .as_deref()
                .is_some_and(|h| h.starts_with("write each"))
        }));
    }

    #[test]
    fn web_addresses_must_be_http_with_a_domain() {
        for good in [
            "https://www.reuters.com/world/europe/x-2025-07-21/",
            "http://example.org",
            "https://EXAMPLE.org:8443/a?b=c#d",
            "https://[2001:db8::1]/x",
            "https://київ.укр/новини",
        ] {
            assert_eq!(web_address_problem(good), None, "{good}");
        }
        for (bad, why) in [
            ("www.reuters.com/x", "does not start with `https://`"),
            ("htps://reuters.com/x", "`htps:` is not a web address"),
            ("ftp://reuters.com/x", "`ftp:` is not a web address"),
            ("https:/reuters.com/x", "must be followed by `//`"),
            ("https:///x", "no domain"),
            ("https://reuters/x", "has no dot"),
            ("https://reuters.com/a b", "contains a space"),
            ("https://reu_ters.com/", "contains `_`"),
            ("https://reuters..com/", "not well formed"),
            ("https://reuters.com:80x/", "not a port number"),
        ] {
            let problem = web_address_problem(bad).unwrap_or_default();
            assert!(problem.contains(why), "{bad}: {problem}");
        }
        assert_eq!(
            normalize_url("HTTPS://Example.org/A/"),
            normalize_url("https://example.org/A")
        );
    }

    #[test]
    fn source_url_positions_point_at_the_value() {
        let text = "---\ntitle: T\nsources:\n  - title: A\n    url: https://a.org/\n  - {title: B, url: x}\n---\n";
        assert_eq!(source_url_position(text, 4), (5, 10));
        assert_eq!(source_url_position(text, 6), (6, 21));
    }
}
