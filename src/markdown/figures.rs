//! Images in a body. Every image loads lazily (`loading="lazy"`, `decoding="async"`): a
//! reader on a slow connection gets the text first. An image alone in its paragraph with a
//! title becomes a figure, the title its caption, as editors expect from Hugo's `figure`
//! shortcode, without writing one:
//!
//! ```markdown
//! ![Map of the four regions](/images/regions.png "The four regions Russia claims. Map: the desk")
//! ```
//!
//! An image without a title, or with text beside it, stays an image in its paragraph.

use std::collections::VecDeque;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use crate::image::sizes::ImageSizes;

/// Rewrites the images of `events` as they go by; only a paragraph that starts with an
/// image waits, until it is known whether the image is alone in it.
pub(super) fn figures<'a, 's>(
    events: impl Iterator<Item = Event<'a>> + 's,
    base_path: &'s str,
    sizes: &'s ImageSizes,
) -> impl Iterator<Item = Event<'a>> + 's
where
    'a: 's,
{
    let mut events = events;
    let mut state = Figures {
        base_path,
        sizes,
        ready: VecDeque::new(),
        paragraph: None,
        image: None,
        lone: None,
    };
    std::iter::from_fn(move || {
        loop {
            if let Some(event) = state.ready.pop_front() {
                return Some(event);
            }
            match events.next() {
                // Most events pass straight through: nothing is held and they hold nothing.
                Some(event) if state.passes(&event) => return Some(event),
                Some(event) => state.take(event),
                None => {
                    state.flush();
                    return state.ready.pop_front();
                }
            }
        }
    })
}

struct Figures<'a, 's> {
    /// The site's base path (`/briefings/`), which site paths have in front by now.
    base_path: &'s str,
    sizes: &'s ImageSizes,
    ready: VecDeque<Event<'a>>,
    /// A paragraph's start, held while its first image is read.
    paragraph: Option<Event<'a>>,
    /// The image being read: its target, title, alt text so far and nesting depth.
    image: Option<OpenImage<'a>>,
    /// An image that opened a paragraph, until the next event says whether the paragraph
    /// ends with it.
    lone: Option<OpenImage<'a>>,
}

struct OpenImage<'a> {
    dest: CowStr<'a>,
    title: CowStr<'a>,
    alt: String,
    depth: usize,
    /// Whether the image opened the held paragraph.
    first_in_paragraph: bool,
    /// Width and height in pixels, for a file of the site whose size is known.
    size: Option<(u32, u32)>,
}

impl<'a> Figures<'a, '_> {
    fn passes(&self, event: &Event<'a>) -> bool {
        self.paragraph.is_none()
            && self.image.is_none()
            && self.lone.is_none()
            && !matches!(event, Event::Start(Tag::Paragraph | Tag::Image { .. }))
    }

    fn take(&mut self, event: Event<'a>) {
        if let Some(image) = self.image.as_mut() {
            match event {
                Event::Start(Tag::Image { .. }) => image.depth += 1,
                Event::End(TagEnd::Image) if image.depth > 0 => image.depth -= 1,
                Event::End(TagEnd::Image) => self.close_image(),
                Event::Text(text) | Event::Code(text) => image.alt.push_str(&text),
                Event::SoftBreak | Event::HardBreak => image.alt.push(' '),
                _ => {}
            }
            return;
        }
        if let Some(image) = self.lone.take() {
            let paragraph = self.paragraph.take();
            if matches!(event, Event::End(TagEnd::Paragraph)) && !image.title.is_empty() {
                self.ready.push_back(Event::Html(figure(&image).into()));
                return;
            }
            self.ready.extend(paragraph);
            self.ready
                .push_back(Event::InlineHtml(img(&image, true).into()));
        }
        // A held paragraph stays held only while its first image is read.
        if !matches!(event, Event::Start(Tag::Image { .. }))
            && let Some(paragraph) = self.paragraph.take()
        {
            self.ready.push_back(paragraph);
        }
        match event {
            Event::Start(Tag::Paragraph) => self.paragraph = Some(event),
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let size = site_path(&dest_url, self.base_path).and_then(|p| self.sizes.get(&p));
                self.image = Some(OpenImage {
                    dest: dest_url,
                    title,
                    alt: String::new(),
                    depth: 0,
                    first_in_paragraph: self.paragraph.is_some(),
                    size,
                });
            }
            other => self.ready.push_back(other),
        }
    }

    fn close_image(&mut self) {
        let Some(image) = self.image.take() else {
            return;
        };
        if image.first_in_paragraph {
            self.lone = Some(image);
        } else {
            self.ready
                .push_back(Event::InlineHtml(img(&image, true).into()));
        }
    }

    /// The body ended: write whatever was held (pulldown-cmark closes all it opens, so
    /// this is only for safety).
    fn flush(&mut self) {
        if self.image.is_some() {
            self.close_image();
        }
        self.ready.extend(self.paragraph.take());
        if let Some(image) = self.lone.take() {
            self.ready
                .push_back(Event::InlineHtml(img(&image, true).into()));
        }
    }
}

/// Images without alt text, found as a body's events go by.
#[derive(Default)]
pub(super) struct MissingAlt {
    /// The images being read (byte offset, whether alt text was met), innermost last.
    open: Vec<(usize, bool)>,
    found: Vec<usize>,
}

impl MissingAlt {
    pub(super) fn note(&mut self, event: &Event, offset: usize) {
        match event {
            Event::Start(Tag::Image { .. }) => self.open.push((offset, false)),
            Event::End(TagEnd::Image) => {
                if let Some((at, false)) = self.open.pop() {
                    self.found.push(at);
                }
            }
            Event::Text(text) | Event::Code(text) if !text.trim().is_empty() => {
                for image in &mut self.open {
                    image.1 = true;
                }
            }
            _ => {}
        }
    }

    /// Byte offsets of the images without alt text, in order.
    pub(super) fn finish(mut self) -> Vec<usize> {
        self.found.sort_unstable();
        self.found
    }
}

/// The site path (`/images/map.png`) of an image address that has the base path in front
/// (`/briefings/images/map.png`); None for an address on the web.
fn site_path(dest: &str, base_path: &str) -> Option<String> {
    if !dest.starts_with('/') || dest.starts_with("//") {
        return None;
    }
    dest.strip_prefix(base_path).map(|rest| format!("/{rest}"))
}

/// `<img>` with its alt text, and its title when `with_title` (not when it is the caption).
fn img(image: &OpenImage, with_title: bool) -> String {
    let mut html = String::with_capacity(image.dest.len() + image.alt.len() + 64);
    html.push_str("<img src=\"");
    let _ = escape_href(&mut html, &image.dest);
    html.push_str("\" alt=\"");
    let _ = escape_html(&mut html, &image.alt);
    html.push('"');
    if with_title && !image.title.is_empty() {
        html.push_str(" title=\"");
        let _ = escape_html(&mut html, &image.title);
        html.push('"');
    }
    if let Some((width, height)) = image.size {
        html.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
    }
    html.push_str(" loading=\"lazy\" decoding=\"async\">");
    html
}

/// A lone image with its title as the caption.
fn figure(image: &OpenImage) -> String {
    let mut html = String::with_capacity(image.dest.len() + image.alt.len() + 128);
    html.push_str("<figure>\n");
    html.push_str(&img(image, false));
    html.push_str("\n<figcaption>");
    let _ = escape_html(&mut html, &image.title);
    html.push_str("</figcaption>\n</figure>\n");
    html
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn html(markdown: &str) -> String {
        crate::markdown::render_markdown(markdown, "/briefings/", Path::new("content/a.md"), false)
            .html
    }

    #[test]
    fn a_lone_image_with_a_title_is_a_figure_with_its_caption() {
        assert_eq!(
            html(
                "Intro.\n\n![Map of the *four* regions](/images/map.png \"The regions & lines. Map: desk\")\n\nAfter."
            ),
            "<p>Intro.</p>\n<figure>\n<img src=\"/briefings/images/map.png\" alt=\"Map of the four regions\" loading=\"lazy\" decoding=\"async\">\n<figcaption>The regions &amp; lines. Map: desk</figcaption>\n</figure>\n<p>After.</p>\n"
        );
    }

    #[test]
    fn other_images_stay_in_their_paragraph_and_load_lazily() {
        // No title: no caption to show.
        assert_eq!(
            html("![A map](/m.png)"),
            "<p><img src=\"/briefings/m.png\" alt=\"A map\" loading=\"lazy\" decoding=\"async\"></p>\n"
        );
        // Text beside it: the title stays a title.
        assert_eq!(
            html("![A](/a.png \"t\") and text"),
            "<p><img src=\"/briefings/a.png\" alt=\"A\" title=\"t\" loading=\"lazy\" decoding=\"async\"> and text</p>\n"
        );
        assert_eq!(
            html("Text ![B](https://e.org/b.png \"u\")"),
            "<p>Text <img src=\"https://e.org/b.png\" alt=\"B\" title=\"u\" loading=\"lazy\" decoding=\"async\"></p>\n"
        );
        // Two images in one paragraph, and an image inside a link.
        assert_eq!(
            html("![A](/a.png) ![B](/b.png \"t\")"),
            "<p><img src=\"/briefings/a.png\" alt=\"A\" loading=\"lazy\" decoding=\"async\"> <img src=\"/briefings/b.png\" alt=\"B\" title=\"t\" loading=\"lazy\" decoding=\"async\"></p>\n"
        );
        assert_eq!(
            html("[![C](/c.png \"x\")](/page/)"),
            "<p><a href=\"/briefings/page/\"><img src=\"/briefings/c.png\" alt=\"C\" title=\"x\" loading=\"lazy\" decoding=\"async\"></a></p>\n"
        );
    }

    #[test]
    fn alt_text_and_addresses_are_escaped() {
        // Inline HTML in alt text is dropped (an attribute holds text only); quotes are
        // already typographic.
        let out = html("![say \"no\" & <b>bold</b>](</images/a b.png> \"A & B\")");
        assert!(
            out.contains("<img src=\"/briefings/images/a%20b.png\" alt=\"say “no” &amp; bold\""),
            "{out}"
        );
        assert!(out.contains("<figcaption>A &amp; B</figcaption>"), "{out}");
    }
}
