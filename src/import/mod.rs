//! `sitrep import FILE`: a source article — text copied from a news page, or a saved HTML
//! page — becomes a draft briefing that cites it. The draft's front matter is filled from
//! the article (title, date, the source with its address and publisher, the site's existing
//! terms it names, marked as suggestions); its body holds the article's text, furniture
//! removed, as Markdown inside an HTML comment that marks it as source text to rewrite.
//! Nothing is written when the input is not an article, and nothing is ever overwritten.
//!
//! `text.rs` and `html.rs` read the two kinds of input into an `Article`; `blocks.rs` cleans
//! it; `terms.rs` suggests terms; `draft.rs` writes the file's text.

mod blocks;
mod dates;
mod draft;
mod html;
mod terms;
mod text;

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::config::Config;

pub use blocks::Block;
pub use dates::parse_date;

/// Fewer words than this in the article's text: not an article.
const MIN_WORDS: usize = 30;

/// What `sitrep import` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The article; `-` reads standard input.
    pub file: PathBuf,
    pub url: Option<String>,
    pub publisher: Option<String>,
    /// The folder inside content/ to write into (as `sitrep new --dir`).
    pub dir: Option<PathBuf>,
}

/// An article as read from its page, before it becomes a draft.
#[derive(Debug, Clone, Default)]
pub struct Article {
    pub title: Option<String>,
    /// The publication date and where it was found.
    pub date: Option<(jiff::civil::Date, &'static str)>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    /// The page's language as it declares it (`<html lang="uk">`).
    pub language: Option<String>,
    pub blocks: Vec<Block>,
    /// Lines already captured (date lines) or dropped while reading, for the report.
    pub removed: Vec<String>,
}

/// What `sitrep import` did: the file written and what it found and did not find.
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// Relative to the site root.
    pub path: PathBuf,
    pub title: String,
    pub found: Vec<String>,
    pub missing: Vec<String>,
    pub removed: Vec<String>,
}

/// Reads the article, writes the draft, reports what was found.
pub fn import(
    root: &Path,
    config: &Config,
    options: &ImportOptions,
    today: jiff::civil::Date,
) -> Result<ImportReport> {
    let from_stdin = options.file == Path::new("-");
    let (bytes, name) = if from_stdin {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        (bytes, "standard input".to_string())
    } else {
        let bytes = std::fs::read(&options.file)
            .with_context(|| format!("cannot read {}", options.file.display()))?;
        (bytes, options.file.display().to_string())
    };
    if let Some(url) = &options.url
        && let Some(problem) = crate::content::web_address_problem(url)
    {
        return Err(crate::UsageError(format!(
            "--url {url} is not a web address: {problem}; pass the article's full address as \
             the browser shows it, such as `--url https://example.org/news/article`"
        ))
        .into());
    }
    let text = input_text(&bytes, &name)?;
    let is_html = looks_like_html(&text, &options.file);
    let article = if is_html {
        html::parse_html(&text, options.url.as_deref()).map_err(|_| no_article(&name, true))?
    } else {
        text::parse_text(&text)
    };
    let (blocks, removed) = blocks::clean(article.blocks);
    let words: usize = blocks.iter().map(block_words).sum();
    if words < MIN_WORDS {
        return Err(no_article(&name, is_html));
    }
    let mut report = ImportReport {
        path: PathBuf::new(),
        title: String::new(),
        found: Vec::new(),
        missing: Vec::new(),
        removed: article.removed.into_iter().chain(removed.lines).collect(),
    };
    if let Some(marker) = &removed.tail_from {
        let rest = removed.tail_blocks - 1;
        report.removed.retain(|line| line != marker);
        report.removed.push(format!(
            "“{marker}” and the {rest} block{} after it",
            if rest == 1 { "" } else { "s" }
        ));
    }
    let headline = article.title.is_some();
    let title = match article.title {
        Some(title) => {
            report.found.push(format!("title: {title}"));
            title
        }
        None => {
            report
                .missing
                .push("the headline: the title is a placeholder, write one".into());
            "Imported article".to_string()
        }
    };
    let date = match article.date {
        Some((date, from)) => {
            report.found.push(format!("date: {date} (from {from})"));
            Some(date)
        }
        None => {
            report.missing.push(format!(
                "the article's date: today ({today}) is used, set it"
            ));
            None
        }
    };
    let url = options.url.clone().or(article.url);
    match (&url, options.url.is_some()) {
        (Some(url), true) => report.found.push(format!("address: {url} (from --url)")),
        (Some(url), false) => report.found.push(format!("address: {url} (from the page)")),
        (None, _) => report.missing.push(
            "the article's address: the source is left commented out; add it, or import again with --url".into(),
        ),
    }
    let publisher = options.publisher.clone().or(article.publisher);
    match &publisher {
        Some(p) => report.found.push(format!("publisher: {p}")),
        None => report
            .missing
            .push("the publisher: add it to the source, or import again with --publisher".into()),
    }
    let counts = draft::Counts::of(&blocks);
    report.found.push(counts.to_string());
    // Link targets are not the article's words (`/tags/nato/` names nothing).
    let plain = format!(
        "{title}\n{}",
        blocks::strip_links(&blocks::to_markdown(&blocks))
    );
    let terms = terms::suggest_terms(root, config, &plain);
    for (taxonomy, names) in &terms {
        if !names.is_empty() {
            report
                .found
                .push(format!("suggested {taxonomy}: {}", names.join(", ")));
        }
    }

    // The page's declared language, else what its letters say; written only when it is not
    // the site's.
    let language = match article.language.as_deref().map(crate::language::primary) {
        Some(code) if crate::language::check_language(&code).is_ok() => {
            Some((code, "the page's <html lang>"))
        }
        _ => crate::language::detect(&plain).map(|code| (code.to_string(), "its letters")),
    };
    if let Some((code, from)) = &language {
        report.found.push(format!("language: {code} (from {from})"));
    }
    let language = language
        .map(|(code, _)| code)
        .filter(|code| *code != crate::language::primary(&config.language));
    let slug_language = language.as_deref().unwrap_or(&config.language);
    let slug = crate::slug::slugify_in(&title, slug_language);
    let slug = crate::slug::shorten(&slug, crate::slug::MAX_FILE_SLUG);
    if slug.is_empty() {
        bail!("cannot make a file name from the title `{title}`");
    }
    let date_or_today = date.unwrap_or(today);
    let path = if headline {
        crate::scaffold::new_briefing_path(
            root,
            config,
            slug,
            date_or_today,
            options.dir.as_deref(),
        )?
    } else {
        // No headline: the placeholder title's slug gets a number when an earlier import
        // took it (imported-article-2.md).
        crate::scaffold::numbered_briefing_path(
            root,
            config,
            slug,
            date_or_today,
            options.dir.as_deref(),
        )?
        .0
    };
    let text = draft::draft_text(&draft::Draft {
        title: &title,
        date,
        today,
        url: url.as_deref(),
        publisher: publisher.as_deref(),
        terms: &terms,
        language: language.as_deref(),
        blocks: &blocks,
        input: if from_stdin { "standard input" } else { &name },
    });
    // The draft must load as the site will read it; if not, that is a bug here, and
    // nothing is written.
    let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
    if let Err(problems) = crate::content::parse_briefing(&relative, &text, config) {
        let first = problems.first().map(|d| d.to_string()).unwrap_or_default();
        bail!("the draft would not load ({first}); nothing was written. Please report this");
    }
    crate::scaffold::write_new_file(&path, &text)?;
    report.path = relative;
    report.title = title;
    Ok(report)
}

/// The input as text, or why it is not text.
fn input_text(bytes: &[u8], name: &str) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        bail!("{name} is empty: there is no article to import; nothing was written");
    }
    if bytes.starts_with(b"%PDF") {
        bail!(
            "{name} is a PDF, not a web page or text: open it, copy the article's text into a \
             .txt file, and import that; nothing was written"
        );
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        bail!(
            "{name} is not text (it holds binary data): import a saved web page (.html) or the \
             article's text copied into a .txt file; nothing was written"
        );
    }
    // Valid UTF-8 is UTF-8 whatever the page declares (a page re-encoded when it was saved may
    // keep its old declaration); else a legacy charset (windows-1251, KOI8-U …) it declares.
    let utf8 = std::str::from_utf8(bytes);
    let legacy = declared_encoding(bytes).filter(|&e| e != encoding_rs::UTF_8);
    if let (Err(_), Some(encoding)) = (utf8, legacy) {
        return Ok(encoding.decode_without_bom_handling(bytes).0.into_owned());
    }
    match utf8 {
        Ok(text) => Ok(text.to_string()),
        Err(e) => bail!(
            "{name} is not UTF-8 text (an unreadable byte at offset {}): save the page or the \
             text as UTF-8, or as a page that declares its charset, and import it again; \
             nothing was written",
            e.valid_up_to()
        ),
    }
}

/// The charset a saved page declares near its start: `<meta charset="windows-1251">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=koi8-u">`. Labels are the
/// WHATWG Encoding Standard's, as browsers read them (`cp1251`, `koi8-u`, `latin1` …).
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head: String = head
        .iter()
        .map(|&b| char::from(b.to_ascii_lowercase()))
        .collect();
    let mut from = 0;
    while let Some(at) = head[from..].find("charset") {
        let at = from + at;
        from = at + "charset".len();
        // Only inside a <meta> tag.
        let Some(tag_start) = head[..at].rfind('<') else {
            continue;
        };
        if !head[tag_start..].starts_with("<meta") || head[tag_start..at].contains('>') {
            continue;
        }
        let rest = head[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let label: String = rest
            .trim_start()
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
            .collect();
        if let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes()) {
            return Some(encoding);
        }
    }
    None
}

fn looks_like_html(text: &str, file: &Path) -> bool {
    let extension = file.extension().map(|e| e.to_string_lossy().to_lowercase());
    if matches!(extension.as_deref(), Some("html" | "htm" | "xhtml")) {
        return true;
    }
    let start = text
        .trim_start()
        .get(..512)
        .unwrap_or(text.trim_start())
        .to_lowercase();
    start.starts_with('<')
        && [
            "<!doctype html",
            "<html",
            "<head",
            "<body",
            "<meta",
            "<article",
        ]
        .iter()
        .any(|tag| start.contains(tag))
}

fn no_article(name: &str, html: bool) -> anyhow::Error {
    if html {
        anyhow::anyhow!(
            "found no article in {name}: the page has too little running text (is it a home \
             page, a list of links or a page that loads its text with scripts?). Copy the \
             article's text from the browser into a .txt file and import that; nothing was \
             written"
        )
    } else {
        anyhow::anyhow!(
            "found no article in {name}: fewer than {MIN_WORDS} words of running text. Copy \
             the whole article, headline to last paragraph; nothing was written"
        )
    }
}

fn block_words(block: &Block) -> usize {
    match block {
        Block::Paragraph(t) | Block::Quote(t) | Block::Raw(t) => t.split_whitespace().count(),
        Block::List(items) => items.iter().map(|i| i.split_whitespace().count()).sum(),
        Block::Heading(_) => 0,
    }
}
