//! The article as blocks (headings, paragraphs, lists, quotations), whatever it came from,
//! and what `import` does to them before they become source text: page furniture out
//! (advertisement markers, share and subscribe lines, bylines, "Latest articles" and what
//! follows), quoted statements as block quotes, and the blocks written back as Markdown.
//! Pure.

/// One block of an article's text; the text is Markdown (inline links may stay).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    List(Vec<String>),
    Quote(String),
    /// Kept as it is: a table, a code block.
    Raw(String),
}

/// Lines that are page furniture, compared lower-case without trailing punctuation.
const FURNITURE: &[&str] = &[
    "advertisement",
    "advertisements",
    "ad",
    "sponsored",
    "sponsored content",
    "published on",
    "published",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share article",
    "copy link",
    "print",
    "email",
    "comments",
    "subscribe",
    "subscribe now",
    "listen to this article",
    "skip to content",
    "skip to main content",
    "accept",
    "accept all",
    "accept cookies",
    "reject all",
    "manage cookies",
    "cookie settings",
    "menu",
    "search",
    "home",
    "close",
    "loading",
];

/// Beginnings of furniture lines (short ones only: see `is_furniture`).
const FURNITURE_STARTS: &[&str] = &[
    "share on ",
    "share via ",
    "share this",
    "subscribe to ",
    "sign up for ",
    "sign up to ",
    "follow us",
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
    "by continuing to use",
    "photo:",
    "image:",
    "credit:",
    "photograph:",
    "tags:",
    "filed under",
    "reading time",
    "listen to ",
    "download our app",
    "get the app",
    "click here to",
];

/// A line or heading after which the rest is other stories, not this article.
const END_MARKERS: &[&str] = &[
    "latest articles",
    "latest news",
    "latest stories",
    "related",
    "related articles",
    "related stories",
    "related content",
    "related news",
    "related coverage",
    "read more",
    "read next",
    "more stories",
    "more news",
    "most read",
    "most popular",
    "popular now",
    "recommended",
    "recommended for you",
    "you may also like",
    "you might also like",
    "trending",
    "trending now",
    "more on this story",
    "top stories",
];

/// The words that attribute a quotation to someone.
const ATTRIBUTION: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "wrote",
    "writes",
    "stated",
    "warned",
    "argued",
    "noted",
    "according to",
];

fn normalized(text: &str) -> String {
    text.trim()
        .trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '…' || c == '›' || c == '»')
        .trim()
        .to_lowercase()
}

/// A heading or line that starts the list of other stories at the end of a page.
pub fn is_end_marker(text: &str) -> bool {
    let text = normalized(&strip_markdown_emphasis(text));
    END_MARKERS.contains(&text.as_str()) || text.starts_with("more from ")
}

/// A short line that is page furniture rather than article text.
pub fn is_furniture(text: &str) -> bool {
    let original = strip_markdown_emphasis(text);
    let text = normalized(&original);
    if text.is_empty() {
        return true;
    }
    let words = text.split_whitespace().count();
    FURNITURE.contains(&text.as_str())
        || (words <= 14 && FURNITURE_STARTS.iter().any(|s| text.starts_with(s)))
        || is_byline(&original, words)
        || is_reading_time(&text)
}

/// `By Jane Doe`, `By Jane Doe and John Roe, Reuters`: a few names after "By" (not "By
/// Monday, the talks had collapsed").
fn is_byline(text: &str, words: usize) -> bool {
    let Some(rest) = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("BY "))
    else {
        return false;
    };
    words <= 9
        && rest.split_whitespace().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(w, "and" | "&" | "in" | "for" | "de" | "van" | "von")
        })
}

/// `4 min read`, `5 minute read`.
fn is_reading_time(lower: &str) -> bool {
    let mut words = lower.split_whitespace();
    words.next().is_some_and(|n| n.parse::<u32>().is_ok())
        && matches!(words.next(), Some("min" | "mins" | "minute" | "minutes"))
        && words.next() == Some("read")
        && words.next().is_none()
}

fn strip_markdown_emphasis(text: &str) -> String {
    strip_links(text.trim().trim_matches(['*', '_']))
}

/// `[text](url)` → `text`.
pub fn strip_links(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('[') {
        let Some(mid) = rest[start..].find("](") else {
            break;
        };
        let Some(end) = rest[start + mid..].find(')') else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&rest[start + 1..start + mid]);
        rest = &rest[start + mid + end + 1..];
    }
    out.push_str(rest);
    out
}

/// Whether a paragraph is a link and nothing else (`[Other story](https://…)`).
fn is_link_only(text: &str) -> bool {
    let t = text.trim();
    t.starts_with('[') && t.ends_with(')') && t.matches("](").count() == 1
}

/// What `clean` removed, for the report.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Removed {
    /// Furniture lines, as they were written (each distinct one once).
    pub lines: Vec<String>,
    /// How many blocks the list of other stories at the end held (its heading included).
    pub tail_blocks: usize,
    /// The line or heading that started it (`Latest articles`).
    pub tail_from: Option<String>,
}

/// Removes furniture, link-only paragraphs and lists, and everything from an end marker
/// on; turns quoted statements into block quotes.
pub fn clean(blocks: Vec<Block>) -> (Vec<Block>, Removed) {
    let mut removed = Removed::default();
    let mut kept = Vec::new();
    let mut blocks = blocks.into_iter();
    while let Some(block) = blocks.next() {
        let (text, heading_or_line) = match &block {
            Block::Heading(t) => (t.as_str(), true),
            Block::Paragraph(t) => (t.as_str(), !t.contains('\n')),
            _ => ("", false),
        };
        if heading_or_line && is_end_marker(text) {
            removed.tail_blocks = 1 + blocks.len();
            removed.tail_from = Some(text.trim().to_string());
            break;
        }
        if heading_or_line && is_furniture(text) {
            note(&mut removed.lines, text);
            continue;
        }
        let block = match block {
            Block::Paragraph(t) if is_link_only(&t) => {
                note(&mut removed.lines, &t);
                continue;
            }
            Block::List(items) if items.iter().all(|i| is_link_only(i)) => {
                removed
                    .lines
                    .push(format!("a list of {} links", items.len()));
                continue;
            }
            Block::List(items) => {
                let items: Vec<String> = items
                    .into_iter()
                    .filter(|i| !is_furniture(i) || i.split_whitespace().count() > 3)
                    .collect();
                if items.is_empty() {
                    continue;
                }
                Block::List(items)
            }
            Block::Paragraph(t) if is_quotation(&t) => Block::Quote(t),
            other => other,
        };
        kept.push(block);
    }
    // A heading with nothing under it any more (its text was all furniture) goes too.
    while matches!(kept.last(), Some(Block::Heading(_))) {
        kept.pop();
    }
    (kept, removed)
}

fn note(lines: &mut Vec<String>, text: &str) {
    let text = text.trim().to_string();
    if !lines.contains(&text) {
        lines.push(text);
    }
}

/// A paragraph that is mainly a quoted statement with its attribution:
/// `“This is not a peace offer—it’s a pause,” said Dr. Emilia Kravchenko, …`.
pub fn is_quotation(text: &str) -> bool {
    let text = text.trim();
    let Some(open) = text.chars().next() else {
        return false;
    };
    let close = match open {
        '“' => '”',
        '"' => '"',
        '«' => '»',
        '„' => '“',
        _ => return false,
    };
    let mut quoted = 0;
    let mut outside = String::new();
    let mut inside = false;
    for c in text.chars() {
        if !inside && c == open {
            inside = true;
        } else if inside && c == close {
            inside = false;
        } else if inside {
            quoted += 1;
        } else {
            outside.push(c);
        }
    }
    let outside = outside.to_lowercase();
    let total = text.chars().count();
    quoted * 2 >= total
        && ATTRIBUTION.iter().any(|w| {
            outside.split(|c: char| !c.is_alphabetic()).any(|x| x == *w)
                || (w.contains(' ') && outside.contains(w))
        })
}

/// The blocks as Markdown: `##` headings, `-` lists, `>` quotations.
pub fn to_markdown(blocks: &[Block]) -> String {
    let parts: Vec<String> = blocks
        .iter()
        .map(|block| match block {
            Block::Heading(t) => format!("## {}", t.trim()),
            Block::Paragraph(t) | Block::Raw(t) => t.trim().to_string(),
            Block::List(items) => items
                .iter()
                .map(|i| format!("- {}", i.trim()))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Quote(t) => t
                .trim()
                .lines()
                .map(|l| format!("> {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect();
    parts.join("\n\n")
}

/// Splits Markdown (as the HTML extraction writes it) into blocks: headings of any level,
/// lists, block quotes, fenced code and tables kept whole, other paragraphs.
pub fn from_markdown(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = markdown.lines().peekable();
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(paragraph.join("\n")));
            paragraph.clear();
        }
    };
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut paragraph, &mut blocks);
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            flush(&mut paragraph, &mut blocks);
            let fence = &trimmed[..3];
            let mut code = vec![line];
            for next in lines.by_ref() {
                code.push(next);
                if next.trim().starts_with(fence) {
                    break;
                }
            }
            blocks.push(Block::Raw(code.join("\n")));
        } else if let Some(text) = heading_text(trimmed) {
            flush(&mut paragraph, &mut blocks);
            if !text.is_empty() {
                blocks.push(Block::Heading(text.to_string()));
            }
        } else if let Some(item) = list_item(trimmed) {
            flush(&mut paragraph, &mut blocks);
            let mut items = vec![item.to_string()];
            while let Some(next) = lines.peek() {
                let next_trimmed = next.trim();
                if let Some(item) = list_item(next_trimmed) {
                    items.push(item.to_string());
                } else if !next_trimmed.is_empty() && next.starts_with(' ') {
                    // A continuation of the item (or a nested line): keep it with it.
                    let last = items.last_mut().expect("one item at least");
                    last.push(' ');
                    last.push_str(next_trimmed);
                } else {
                    break;
                }
                lines.next();
            }
            blocks.push(Block::List(items));
        } else if trimmed.starts_with('>') {
            flush(&mut paragraph, &mut blocks);
            let mut quote = vec![trimmed.trim_start_matches('>').trim()];
            while let Some(next) = lines.peek().map(|l| l.trim()) {
                if !next.starts_with('>') {
                    break;
                }
                quote.push(next.trim_start_matches('>').trim());
                lines.next();
            }
            let text = quote.join("\n").trim().to_string();
            if !text.is_empty() {
                blocks.push(Block::Quote(text));
            }
        } else if trimmed.starts_with('|') {
            flush(&mut paragraph, &mut blocks);
            let mut table = vec![trimmed];
            while let Some(next) = lines.peek().map(|l| l.trim()) {
                if !next.starts_with('|') {
                    break;
                }
                table.push(next);
                lines.next();
            }
            blocks.push(Block::Raw(table.join("\n")));
        } else if trimmed.starts_with("![") && trimmed.ends_with(')') {
            // An image alone on its line: pictures are not source text.
            flush(&mut paragraph, &mut blocks);
        } else {
            paragraph.push(trimmed);
        }
    }
    flush(&mut paragraph, &mut blocks);
    blocks
}

fn heading_text(line: &str) -> Option<&str> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        Some(line[hashes..].trim().trim_end_matches('#').trim())
    } else {
        None
    }
}

fn list_item(line: &str) -> Option<&str> {
    if let Some(rest) = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .or_else(|| line.strip_prefix("+ "))
    {
        return Some(rest.trim());
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(rest.trim());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Block {
        Block::Paragraph(text.into())
    }

    #[test]
    fn furniture_goes_and_the_end_list_goes_with_its_marker() {
        let (kept, removed) = clean(vec![
            p("Advertisement"),
            p("By Jane Doe and John Roe, Reuters"),
            p("By Monday, the talks had collapsed."),
            p("The talks resumed on Monday after a pause of three weeks."),
            p("Share on X"),
            p("4 min read"),
            Block::Heading("Latest articles".into()),
            p("Another story entirely"),
        ]);
        assert_eq!(
            kept,
            vec![
                p("By Monday, the talks had collapsed."),
                p("The talks resumed on Monday after a pause of three weeks.")
            ]
        );
        assert_eq!(removed.tail_blocks, 2);
        assert!(removed.lines.contains(&"Advertisement".to_string()));
        assert!(is_furniture(
            "Share this post: [X](https://x.example/i) [Facebook](https://f.example/s)"
        ));
        assert_eq!(strip_links("[July 21, 2025](/archive)"), "July 21, 2025");
    }

    #[test]
    fn quoted_statements_become_block_quotes_and_reported_speech_does_not() {
        let quote = "“This is not a peace offer—it’s a pause,” said Dr. Emilia Kravchenko, a Kyiv-based political analyst. “Russia wants time to regroup, politically and militarily.”";
        assert!(is_quotation(quote));
        assert!(!is_quotation(
            "Zelenskyy dismissed the idea. “Ukraine will not trade land for peace,” he said."
        ));
        assert!(!is_quotation(
            "“Short,” said a spokesman for the ministry of foreign affairs of the country, adding a lot more context that is not quoted at all in this paragraph."
        ));
        let (kept, _) = clean(vec![p(quote)]);
        assert_eq!(kept, vec![Block::Quote(quote.into())]);
        assert!(to_markdown(&kept).starts_with("> “This is not"));
    }

    #[test]
    fn markdown_splits_into_blocks_and_back() {
        let md = "# Title\n\nFirst para\ncontinued.\n\n- one\n- two\n  more\n\n> quoted\n> on\n\n![pic](x.png)\n\n| a | b |\n|---|---|\n\n1. first\n2. second\n";
        let blocks = from_markdown(md);
        assert_eq!(
            blocks,
            vec![
                Block::Heading("Title".into()),
                p("First para\ncontinued."),
                Block::List(vec!["one".into(), "two more".into()]),
                Block::Quote("quoted\non".into()),
                Block::Raw("| a | b |\n|---|---|".into()),
                Block::List(vec!["first".into(), "second".into()]),
            ]
        );
        assert!(to_markdown(&blocks).starts_with("## Title\n\nFirst para"));
    }

    #[test]
    fn link_lists_and_lone_links_are_furniture() {
        let (kept, _) = clean(vec![
            p("[Other story](https://news.example/a)"),
            Block::List(vec![
                "[One](https://news.example/1)".into(),
                "[Two](https://news.example/2)".into(),
            ]),
            p("Text that stays, with [a link](https://news.example/x) inside it."),
        ]);
        assert_eq!(kept.len(), 1);
    }
}
