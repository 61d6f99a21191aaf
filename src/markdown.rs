//! Markdown → HTML with pulldown-cmark, plus what templates want to know about a body:
//! a nested table of contents, stable unique heading ids, the first paragraph as plain
//! text (the summary fallback) and a word count. Pure: text in, values out.

use std::collections::{HashSet, VecDeque};
use std::path::Path;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html,
};
use serde::Serialize;

use crate::image::sizes::ImageSizes;
use crate::slug::slugify;

mod figures;
mod file_paths;
mod footnotes;
mod sections;
mod words;

pub use file_paths::{relative_link, resolve_file};

use figures::MissingAlt;
use footnotes::Footnotes;
use sections::Sections;
use words::count_words;

/// One heading of the body, with the headings nested under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// What rendering a body produces.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// The first paragraph as plain text, whitespace collapsed (empty unless asked for).
    pub first_paragraph: String,
    pub word_count: usize,
    /// Links and images that point into the site (not external ones), as written, in
    /// document order: what `check` and `build` verify without parsing the body again.
    pub links: Vec<BodyLink>,
    /// Body lines (1-based) where an indented code block starts: usually a paragraph that
    /// was indented by accident (a tab at the start of a line), which `check` points out.
    pub indented_code: Vec<usize>,
    /// The briefing files the body links to (`content/2024/b.md`), each once, in order: their
    /// links are marked in `html` (`MD_LINK_PREFIX`) for the site model to resolve.
    pub file_links: Vec<String>,
    /// Body lines (1-based) of headings with nothing under them (the next heading is of the
    /// same or a higher level, or the body ends; a comment shows nothing): unfinished work.
    pub empty_headings: Vec<usize>,
    /// Body line and column (1-based, in characters) of each image without alt text, which
    /// screen readers cannot describe.
    pub images_without_alt: Vec<(usize, usize)>,
}

/// A link or image of a body that points into the site, with where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    pub dest: String,
    /// 1-based line within the body.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    pub image: bool,
}

/// Whether a link destination leaves the site (`https://…`, `mailto:…`, `//host/…`): such
/// links are neither rewritten nor checked.
pub fn is_external(dest: &str) -> bool {
    let dest = dest.trim();
    dest.starts_with("//")
        || !(dest.starts_with('/') || dest.starts_with('#')) && dest.contains(':')
}

/// A heading whose text is still being collected: level, explicit id, classes, attributes.
type OpenHeading<'a> = (
    HeadingLevel,
    Option<CowStr<'a>>,
    Vec<CowStr<'a>>,
    Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
);

/// The Markdown extensions sitrep turns on; `check` parses with the same ones, so the links
/// it reports are exactly the links the renderer sees.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A line of plain text (a title) with the typographic punctuation bodies get: pulldown-cmark's
/// smart punctuation (`'` and `"` to curly quotes and apostrophes, `--` to an en dash, `---`
/// to an em dash, `...` to an ellipsis) and nothing else of Markdown: every other ASCII
/// punctuation mark is escaped, so `*`, `_`, `<b>` or `#` stay as written. The result is still
/// plain text (templates escape it as usual); slugs never come from it.
pub fn smart_punctuation(text: &str) -> String {
    if !(text.contains(['\'', '"']) || text.contains("--") || text.contains("...")) {
        return text.to_string();
    }
    // An ATX heading: inline parsing only, so a leading `1.` or `-` is not a list.
    let mut line = String::with_capacity(text.len() * 2 + 2);
    line.push_str("# ");
    for c in text.chars() {
        match c {
            '\n' | '\r' => line.push(' '),
            '\'' | '"' | '-' | '.' => line.push(c),
            c if c.is_ascii_punctuation() => {
                line.push('\\');
                line.push(c);
            }
            c => line.push(c),
        }
    }
    let mut out = String::with_capacity(text.len() + 8);
    for event in Parser::new_ext(&line, Options::ENABLE_SMART_PUNCTUATION) {
        if let Event::Text(t) = event {
            out.push_str(&t);
        }
    }
    out
}

/// Renders `markdown`. Root-relative link and image targets (`/2025/07/x/`) get `base_path`
/// (`/briefings/`) in front, so content written for a root site works under a project path.
/// The first paragraph is collected only when `want_first_paragraph` (the summary fallback).
pub fn render_markdown(
    markdown: &str,
    base_path: &str,
    source: &Path,
    want_first_paragraph: bool,
) -> Rendered {
    let no_sizes = ImageSizes::default();
    render_markdown_sized(markdown, base_path, source, want_first_paragraph, &no_sizes)
}

/// [`render_markdown`], with the width and height of the site's images from `sizes`.
pub fn render_markdown_sized(
    markdown: &str,
    base_path: &str,
    source: &Path,
    want_first_paragraph: bool,
    sizes: &ImageSizes,
) -> Rendered {
    let render = |taken: HashSet<String>| {
        render(
            markdown,
            base_path,
            source,
            want_first_paragraph,
            taken,
            sizes,
        )
    };
    let (rendered, footnotes) = render(HashSet::new());
    // A footnote's id is its label, known only once the pass reaches it (usually at the
    // end); its references' ids (`fnref-label`) too. In the rare body where a heading took
    // one of them, render again with them taken, so ids stay unique and `#label` links keep
    // meaning the footnote.
    let clash = footnotes
        .iter()
        .any(|label| toc_has_id(&rendered.toc, label));
    if clash {
        return render(footnotes.into_iter().collect()).0;
    }
    rendered
}

fn toc_has_id(toc: &[TocEntry], id: &str) -> bool {
    toc.iter()
        .any(|e| e.id == id || toc_has_id(&e.children, id))
}

/// [`render_markdown_sized`] with heading ids kept clear of `taken`; also returns the
/// footnote labels met.
fn render(
    markdown: &str,
    base_path: &str,
    source: &Path,
    want_first_paragraph: bool,
    taken: HashSet<String>,
    sizes: &ImageSizes,
) -> (Rendered, Vec<String>) {
    let mut pass = Pass {
        base_path,
        source,
        flat_toc: Vec::new(),
        used_ids: taken,
        footnotes: Vec::new(),
        word_count: 0,
        in_word: false,
        first_paragraph: None,
        paragraph_text: None,
        want_first_paragraph,
        heading: None,
        heading_events: Vec::new(),
        heading_text: String::new(),
        footnote_depth: 0,
        notes: Footnotes::default(),
        image_depth: 0,
        links: Vec::new(),
        indented_code: Vec::new(),
        file_links: Vec::new(),
        sections: Sections::default(),
        missing_alt: MissingAlt::default(),
    };
    let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
    {
        // Events stream from the parser through `pass` into the HTML writer; only a heading's
        // events wait (until its end, when its id is known), so no event list is built.
        let mut parser = Parser::new_ext(markdown, options()).into_offset_iter();
        let mut ready: VecDeque<Event> = VecDeque::new();
        let events = std::iter::from_fn(|| {
            loop {
                if let Some(event) = ready.pop_front() {
                    return Some(event);
                }
                let (event, range) = parser.next()?;
                pass.note_link(&event, range.start);
                if let Some(event) = pass.process(event, &mut ready) {
                    return Some(event);
                }
            }
        });
        html::push_html(&mut html_out, figures::figures(events, base_path, sizes));
    }
    let links = locate_links(markdown, std::mem::take(&mut pass.links));
    let line_of = |offset: usize| markdown[..offset].matches('\n').count() + 1;
    let indented_code = pass.indented_code.iter().map(|&o| line_of(o)).collect();
    let empty_headings = pass.sections.finish().into_iter().map(line_of).collect();
    let images_without_alt = pass
        .missing_alt
        .finish()
        .into_iter()
        .map(|offset| {
            let line_start = markdown[..offset].rfind('\n').map_or(0, |i| i + 1);
            (
                line_of(offset),
                markdown[line_start..offset].chars().count() + 1,
            )
        })
        .collect();
    // Every body stays in memory for the whole build: keep little spare capacity. A fresh
    // allocation, because shrinking in place may keep the whole block (mimalloc keeps it when
    // the new size is at least half of it); the large buffer goes back to this thread's heap
    // for the next body. At 10,000 briefings this saved ~35 MB of peak memory.
    if html_out.capacity() > html_out.len() + html_out.len() / 16 {
        html_out = html_out.as_str().to_owned();
    }
    let rendered = Rendered {
        html: html_out,
        toc: nest_toc(pass.flat_toc),
        first_paragraph: pass.first_paragraph.unwrap_or_default(),
        word_count: pass.word_count,
        links,
        indented_code,
        file_links: pass.file_links,
        empty_headings,
        images_without_alt,
    };
    let mut ids = pass.footnotes;
    ids.extend(pass.notes.reference_ids());
    (rendered, ids)
}

/// Turns the byte offsets of `links` into lines and character columns, in one pass.
fn locate_links(markdown: &str, links: Vec<(usize, String, bool)>) -> Vec<BodyLink> {
    let (mut line, mut line_start, mut scanned) = (1, 0, 0);
    let mut located = Vec::with_capacity(links.len());
    for (offset, dest, image) in links {
        if offset < scanned {
            // Out of order (a reference definition): count again from the start.
            (line, line_start, scanned) = (1, 0, 0);
        }
        for (i, b) in markdown.as_bytes()[scanned..offset].iter().enumerate() {
            if *b == b'\n' {
                line += 1;
                line_start = scanned + i + 1;
            }
        }
        scanned = offset;
        let col = markdown[line_start..offset].chars().count() + 1;
        located.push(BodyLink {
            dest,
            line,
            col,
            image,
        });
    }
    located
}

/// What one pass over a body's events collects, and how it rewrites them.
struct Pass<'a, 'p> {
    base_path: &'p str,
    source: &'p Path,
    flat_toc: Vec<(u8, String, String)>,
    used_ids: HashSet<String>,
    /// Labels of the footnote definitions, which are their ids in the HTML.
    footnotes: Vec<String>,
    word_count: usize,
    /// Whether the text so far ends inside a word: `don’t` arrives as three text events.
    in_word: bool,
    first_paragraph: Option<String>,
    paragraph_text: Option<String>,
    want_first_paragraph: bool,
    heading: Option<OpenHeading<'a>>,
    heading_events: Vec<Event<'a>>,
    heading_text: String,
    footnote_depth: usize,
    /// Footnote numbers, and the ids of references for the notes to link back to.
    notes: Footnotes,
    /// Inside an image's text (its `alt`), where only plain text goes.
    image_depth: usize,
    /// Links into the site seen so far: byte offset, destination as written, is an image.
    links: Vec<(usize, String, bool)>,
    /// Byte offsets of indented code blocks.
    indented_code: Vec<usize>,
    /// Briefing files linked to, each once, in order.
    file_links: Vec<String>,
    sections: Sections,
    missing_alt: MissingAlt,
}

impl<'a> Pass<'a, '_> {
    /// Remembers a link or image into the site (before the pass rewrites its target), for
    /// the link checks. Autolinks and e-mail links are always external.
    fn note_link(&mut self, event: &Event<'a>, offset: usize) {
        self.sections.note(event, offset);
        self.missing_alt.note(event, offset);
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) = event {
            self.indented_code.push(offset);
            return;
        }
        let (link_type, dest, image) = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => (link_type, dest_url, false),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) => (link_type, dest_url, true),
            _ => return,
        };
        if !matches!(link_type, LinkType::Autolink | LinkType::Email) && !is_external(dest) {
            self.links.push((offset, dest.to_string(), image));
        }
    }

    /// Takes one event; returns the event to write now, or None when it is held back (inside
    /// a heading) or released into `ready` (a whole heading, once its id is known).
    fn process(&mut self, event: Event<'a>, ready: &mut VecDeque<Event<'a>>) -> Option<Event<'a>> {
        if continues_words(&event) {
            if let Event::Text(text) | Event::Code(text) = &event {
                self.word_count += count_words(text, &mut self.in_word);
            }
        } else {
            self.in_word = false;
        }
        if let Event::Text(text) | Event::Code(text) = &event {
            if let Some(p) = self.paragraph_text.as_mut() {
                p.push_str(text);
            }
            if self.heading.is_some() {
                self.heading_text.push_str(text);
            }
        }
        let event = match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                self.heading = Some((level, id, classes, attrs));
                self.heading_text.clear();
                return None;
            }
            Event::End(TagEnd::Heading(_)) if self.heading.is_some() => {
                let (level, id, classes, attrs) = self.heading.take().expect("checked above");
                let title = collapse_whitespace(&self.heading_text);
                let id = unique_id(
                    id.map(|i| i.to_string()).unwrap_or_else(|| slugify(&title)),
                    &mut self.used_ids,
                );
                self.flat_toc.push((level as u8, id.clone(), title));
                ready.push_back(Event::Start(Tag::Heading {
                    level,
                    id: Some(id.into()),
                    classes,
                    attrs,
                }));
                ready.extend(self.heading_events.drain(..));
                ready.push_back(Event::End(TagEnd::Heading(level)));
                return None;
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.footnotes.push(label.to_string());
                self.footnote_depth += 1;
                self.notes.definition_start(&label)
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.footnote_depth -= 1;
                footnotes::definition_end()
            }
            Event::FootnoteReference(label) => self.notes.reference(&label, self.image_depth > 0),
            Event::Start(Tag::Paragraph)
                if self.want_first_paragraph
                    && self.first_paragraph.is_none()
                    && self.footnote_depth == 0 =>
            {
                self.paragraph_text = Some(String::new());
                event
            }
            Event::End(TagEnd::Paragraph) if self.paragraph_text.is_some() => {
                let text = collapse_whitespace(&self.paragraph_text.take().unwrap_or_default());
                if !text.is_empty() {
                    self.first_paragraph = Some(text);
                }
                event
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = self.paragraph_text.as_mut() {
                    p.push(' ');
                }
                if self.heading.is_some() {
                    self.heading_text.push(' ');
                }
                event
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: link_target(dest_url, self.base_path, self.source, &mut self.file_links),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.image_depth += 1;
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: with_base_path(dest_url, self.base_path),
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                self.image_depth = self.image_depth.saturating_sub(1);
                event
            }
            other => other,
        };
        if self.heading.is_some() {
            self.heading_events.push(event);
            None
        } else {
            Some(event)
        }
    }
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Marks a link to another briefing's file (`other.md`, `../2025/x.md#outlook`); the model
/// replaces it with that briefing's URL once every URL is known (`render::feeds::entry_content`).
pub const MD_LINK_PREFIX: &str = "sitrep-md:";

/// A link's target: root-relative links get the base path, links to .md files are marked for
/// resolution (by their path from the site root, also added to `file_links`), everything else
/// is left alone.
fn link_target<'a>(
    dest: CowStr<'a>,
    base_path: &str,
    source: &Path,
    file_links: &mut Vec<String>,
) -> CowStr<'a> {
    let is_relative = !(dest.starts_with('/') || dest.starts_with('#') || dest.contains(':'));
    let (path, fragment) = match dest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (dest.as_ref(), None),
    };
    if is_relative && path.ends_with(".md") {
        let file = resolve_file(source, path);
        let mut marked = format!("{MD_LINK_PREFIX}{file}");
        if let Some(fragment) = fragment {
            marked.push('#');
            marked.push_str(fragment);
        }
        if !file_links.contains(&file) {
            file_links.push(file);
        }
        return marked.into();
    }
    with_base_path(dest, base_path)
}

fn with_base_path<'a>(dest: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    if dest.starts_with('/') && !dest.starts_with("//") && base_path != "/" {
        format!("{}{}", base_path, &dest[1..]).into()
    } else {
        dest
    }
}

fn unique_id(candidate: String, used: &mut HashSet<String>) -> String {
    let base = if candidate.is_empty() {
        "section".to_string()
    } else {
        candidate
    };
    let mut id = base.clone();
    let mut n = 1;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Turns headings in document order into a tree: each heading holds the deeper ones after it.
fn nest_toc(flat: Vec<(u8, String, String)>) -> Vec<TocEntry> {
    fn take_children(
        flat: &[(u8, String, String)],
        pos: &mut usize,
        parent_level: u8,
    ) -> Vec<TocEntry> {
        let mut entries = Vec::new();
        while let Some((level, id, title)) = flat.get(*pos) {
            if *level <= parent_level {
                break;
            }
            *pos += 1;
            let children = take_children(flat, pos, *level);
            entries.push(TocEntry {
                level: *level,
                id: id.clone(),
                title: title.clone(),
                children,
            });
        }
        entries
    }
    let mut pos = 0;
    let mut roots = Vec::new();
    while pos < flat.len() {
        roots.extend(take_children(&flat, &mut pos, 0));
    }
    roots
}

/// Whether `event` can sit inside a word (text, code, inline emphasis, links, images,
/// inline HTML tags, footnote references) rather than separate words (blocks, line breaks,
/// everything else).
fn continues_words(event: &Event) -> bool {
    match event {
        Event::Text(_) | Event::Code(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => {
            true
        }
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

/// Minutes to read `words` at 220 words a minute, at least one.
pub fn reading_time(words: usize) -> usize {
    words.div_ceil(220).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_stable_ids_and_a_nested_toc() {
        let r = render_markdown_at(
            "## Outlook\n\ntext\n\n### Risks\n\n## Outlook\n\n## Custom {#mine}\n",
            "/",
        );
        assert!(
            r.html.contains(r#"<h2 id="outlook">Outlook</h2>"#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"<h2 id="outlook-1">Outlook</h2>"#));
        assert!(r.html.contains(r#"<h2 id="mine">Custom</h2>"#));
        let ids: Vec<_> = r.toc.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["outlook", "outlook-1", "mine"]);
        assert_eq!(r.toc[0].children[0].id, "risks");
    }

    /// Found by the fuzzer: a footnote's id is its label, so a heading with the same id
    /// made two elements with one id (and `#outlook` links ambiguous).
    #[test]
    fn heading_ids_avoid_footnote_ids() {
        let r = render_markdown_at(
            "## Custom {#outlook}\n\n## Note\n\nText[^note] and[^outlook].\n\n> [^note]: One.\n\n[^outlook]: Two.\n",
            "/",
        );
        let ids: Vec<_> = r.toc.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["outlook-1", "note-1"], "{}", r.html);
        assert!(r.html.contains(r#"<h2 id="outlook-1">"#), "{}", r.html);
        assert!(r.html.contains(r#"id="outlook">"#), "{}", r.html);
        // Without footnotes, ids are as before.
        let r = render_markdown_at("## Note\n\n`[^note]: not a footnote`\n", "/");
        assert_eq!(r.toc[0].id, "note");
    }

    #[test]
    fn first_paragraph_is_plain_text_and_skips_headings() {
        let r = render_markdown_at("## Lede\n\nThe *offer* came\non Monday.\n\nSecond.", "/");
        assert_eq!(r.first_paragraph, "The offer came on Monday.");
        assert_eq!(r.word_count, 1 + 5 + 1);
    }

    #[test]
    fn words_are_counted_across_inline_markup_and_typographic_quotes() {
        let r = render_markdown_at(
            "It's *very*important, don't `x`y.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n",
            "/",
        );
        // It's, veryimportant, don't, xy / one, two / a, b, c, d
        assert_eq!(r.word_count, 4 + 2 + 4);
    }

    /// Found by the fuzzer: inline HTML, an image or a footnote reference ended the word
    /// before it, so `foo<em>bar</em>`, `![map](m.png).` and `word[^1].` were two words each.
    #[test]
    fn inline_html_images_and_footnote_references_do_not_split_words() {
        let r = render_markdown_at(
            "!<a>a foo<em>bar</em> ![a map](m.png). word[^1].\n\n[^1]: Note.\n",
            "/",
        );
        // `!a`, `foobar`, `a`, `map.`, `word.` and the note's `Note.`
        assert_eq!(r.word_count, 6);
    }

    #[test]
    fn extensions_are_on() {
        let r = render_markdown_at(
            "|a|b|\n|-|-|\n|1|2|\n\n~~x~~ \"q\"[^1]\n\n- [x] done\n\n[^1]: note\n",
            "/",
        );
        for needle in [
            "<table>",
            "<del>x</del>",
            "\u{201c}q\u{201d}",
            "footnote-definition",
            "checkbox",
        ] {
            assert!(r.html.contains(needle), "{needle} missing in {}", r.html);
        }
    }

    #[test]
    fn root_relative_links_get_the_base_path() {
        let r = render_markdown_at(
            "[a](/2025/07/x/) [b](//cdn.example/x) [c](https://e.org/) ![m](/img/m.png)",
            "/briefings/",
        );
        assert!(r.html.contains(r#"href="/briefings/2025/07/x/""#));
        assert!(r.html.contains(r#"href="//cdn.example/x""#));
        assert!(r.html.contains(r#"src="/briefings/img/m.png""#));
    }

    #[test]
    fn titles_get_smart_punctuation_and_nothing_else() {
        assert_eq!(
            smart_punctuation("Kyiv's 'offer' -- \"final\" terms... and --- more"),
            "Kyiv’s ‘offer’ – “final” terms… and — more"
        );
        for literal in [
            "1. Not a list -- still a title",
            "- not a list's item",
            "# not a heading's",
            "*not* _emphasis_ <b>tags</b> &amp; [links](x) `code` \\ \"",
        ] {
            let out = smart_punctuation(literal);
            let plain: String = out
                .chars()
                .map(|c| match c {
                    '’' | '‘' => '\'',
                    '“' | '”' => '"',
                    '–' => '-',
                    c => c,
                })
                .collect();
            assert_eq!(plain.replace('-', ""), literal.replace('-', ""), "{out}");
        }
        assert_eq!(smart_punctuation("No quotes at all"), "No quotes at all");
    }

    fn render_markdown_at(markdown: &str, base_path: &str) -> Rendered {
        render_markdown(markdown, base_path, Path::new("content/2025/a.md"), true)
    }

    #[test]
    fn links_to_briefing_files_are_marked_with_their_path_from_the_root() {
        let r = render_markdown_at(
            "[a](../2024/b.md) [c](c.md#outlook) [d](/x.md) [e](https://e.org/f.md)",
            "/",
        );
        assert!(
            r.html.contains(r#"href="sitrep-md:content/2024/b.md""#),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains(r#"href="sitrep-md:content/2025/c.md#outlook""#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"href="/x.md""#));
        assert!(r.html.contains(r#"href="https://e.org/f.md""#));
        // Each linked file once, for the model to resolve.
        let again =
            render_markdown_at("[a](../2024/b.md) [c](c.md) [a again](../2024/b.md#x)", "/");
        assert_eq!(again.file_links, ["content/2024/b.md", "content/2025/c.md"]);
    }

    #[test]
    fn reading_time_rounds_up() {
        assert_eq!(reading_time(0), 1);
        assert_eq!(reading_time(221), 2);
    }
}
