//! The plain text of a rendered body (sitrep's own Markdown output) as Pagefind reads a page:
//! whitespace-separated words, each with its weight (a heading's words count more, as
//! Pagefind's automatic heading weights), and the headings with an `id` as anchors (Pagefind's
//! sub-results link to them). Tags are dropped, entities decoded, block ends separate words.
//! Pure.

/// Weight of an ordinary word: Pagefind stores weight × 24 in a byte.
pub const BASE_WEIGHT: u8 = 24;

/// A heading with an `id`: where its text starts among the page's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub element: String,
    pub id: String,
    pub text: String,
    pub location: u32,
}

/// The words of a page in reading order and its anchors.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Digest {
    /// The words, each followed by one space: one buffer rather than a string per word (an
    /// allocation per word was 5% of the index's time).
    text: String,
    /// Per word: where it starts and ends in `text`, and its weight.
    words: Vec<(u32, u32, u8)>,
    pub anchors: Vec<Anchor>,
}

impl Digest {
    /// How many words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words and their weights, in reading order.
    pub fn words(&self) -> impl ExactSizeIterator<Item = (&str, u8)> {
        self.words
            .iter()
            .map(|&(start, end, weight)| (&self.text[start as usize..end as usize], weight))
    }

    /// The words joined by single spaces (a fragment's `content`).
    pub fn content(&self) -> &str {
        self.text.strip_suffix(' ').unwrap_or(&self.text)
    }

    /// Adds `other`'s words and anchors after these.
    pub fn append(&mut self, other: &Digest) {
        let (offset, shift) = (self.text.len() as u32, self.words.len() as u32);
        self.text.push_str(&other.text);
        self.words.extend(
            other
                .words
                .iter()
                .map(|&(start, end, weight)| (start + offset, end + offset, weight)),
        );
        self.anchors.extend(other.anchors.iter().map(|a| Anchor {
            location: a.location + shift,
            ..a.clone()
        }));
    }

    /// Adds the words of plain text at `weight`.
    pub fn push_text(&mut self, text: &str, weight: u8) {
        // Zero-width spaces are Pagefind's word boundary marker for some scripts; looked for
        // once per text, as a search per word was 2% of a build.
        let has_zero_width = text.contains('\u{200B}');
        for word in text.split_whitespace() {
            let start = self.text.len();
            if has_zero_width {
                self.text.extend(word.split('\u{200B}'));
            } else {
                self.text.push_str(word);
            }
            if self.text.len() > start {
                self.words
                    .push((start as u32, self.text.len() as u32, weight));
                self.text.push(' ');
            }
        }
    }

    /// Adds the text of a rendered HTML fragment.
    pub fn push_html(&mut self, html: &str) {
        let mut pending = String::new();
        let mut heading: Option<(u8, usize)> = None; // (level, index into anchors or MAX)
        let mut rest = html;
        let mut stop_added = false;
        while let Some(open) = rest.find('<') {
            pending.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('>') else {
                pending.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let tag = &rest[open + 1..open + close];
            rest = &rest[open + close + 1..];
            let name = tag_name(tag);
            if !is_inline(name.trim_start_matches('/')) {
                stop_added =
                    name.strip_prefix('/').is_some_and(ends_sentence) && end_sentence(&mut pending);
                self.flush(&mut pending, heading.map(|h| h.0));
            }
            if let Some(level) = heading_level(name) {
                let anchor = attribute(tag, "id").map(|id| {
                    self.anchors.push(Anchor {
                        element: name.to_string(),
                        id: decode_entities(id),
                        text: String::new(),
                        location: self.words.len() as u32,
                    });
                    self.anchors.len() - 1
                });
                heading = Some((level, anchor.unwrap_or(usize::MAX)));
            } else if name.starts_with("/h")
                && heading_level(&name[1..]).is_some()
                && let Some((_, a)) = heading.take()
                && a != usize::MAX
            {
                let from = self.anchors[a].location as usize;
                let mut text = match self.words.get(from) {
                    Some(&(start, ..)) => self.content()[start as usize..].to_string(),
                    None => String::new(),
                };
                // The anchor names the heading as written, without the added stop.
                if stop_added {
                    text.pop();
                }
                self.anchors[a].text = text;
            }
        }
        pending.push_str(rest);
        self.flush(&mut pending, heading.map(|h| h.0));
    }

    /// Adds a heading's text (a page title: level 1) at the heading's weight.
    pub fn push_heading(&mut self, text: &str, level: u8) {
        let mut text = text.to_string();
        end_sentence(&mut text);
        self.push_text(&text, (8 - level.clamp(1, 6)) * BASE_WEIGHT);
    }

    fn flush(&mut self, pending: &mut String, heading: Option<u8>) {
        if pending.is_empty() {
            return;
        }
        // h1 → 7, h2 → 6, … h6 → 2: Pagefind's automatic heading weights.
        let weight = heading.map_or(BASE_WEIGHT, |level| (8 - level) * BASE_WEIGHT);
        let text = decode_entities(pending);
        self.push_text(&text, weight);
        pending.clear();
    }
}

/// Elements whose end Pagefind marks with a full stop when their text ends in a letter,
/// digit, quote, `)`, `$` or `*`, so that excerpts read as sentences ("Outlook. Talks …").
fn ends_sentence(name: &str) -> bool {
    matches!(
        name,
        "h1" | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "p"
            | "td"
            | "div"
            | "ul"
            | "li"
            | "article"
            | "section"
    )
}

/// Adds the full stop where Pagefind would; says whether it did.
pub fn end_sentence(text: &mut String) -> bool {
    let sentence_char =
        |c: char| c.is_alphanumeric() || matches!(c, '_' | '\'' | '"' | ')' | '$' | '*');
    let add = text.chars().last().is_some_and(sentence_char);
    if add {
        text.push('.');
    }
    add
}

fn tag_name(tag: &str) -> &str {
    let end = tag
        .find(|c: char| c.is_whitespace() || c == '/' && !tag.starts_with('/'))
        .unwrap_or(tag.len());
    &tag[..end]
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

/// Elements inside which text runs on (no word boundary at the tag).
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "cite"
            | "code"
            | "del"
            | "dfn"
            | "em"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
    )
}

/// The value of attribute `name` in a start tag (double-quoted, as sitrep writes them).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Decodes the entities an HTML writer emits: the five named ones, `&nbsp;` and numeric ones.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let decoded = match &rest[1..end] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{A0}'),
            num => num
                .strip_prefix("#x")
                .or_else(|| num.strip_prefix("#X"))
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| num.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(html: &str) -> Vec<(String, u8)> {
        let mut d = Digest::default();
        d.push_html(html);
        d.words()
            .map(|(w, weight)| (w.to_string(), weight))
            .collect()
    }

    #[test]
    fn blocks_separate_words_and_inline_tags_do_not() {
        let w = words("<p>Kyiv<em>'s</em> talks</p><p>Next</p>");
        let texts: Vec<&str> = w.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["Kyiv's", "talks.", "Next."]);
    }

    #[test]
    fn entities_are_decoded() {
        let w = words("<p>A &amp; B &lt;c&gt; &#8220;q&#x201D;</p>");
        let texts: Vec<&str> = w.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["A", "&", "B", "<c>", "\u{201C}q\u{201D}"]);
    }

    #[test]
    fn headings_weigh_more_and_become_anchors() {
        let mut d = Digest::default();
        d.push_html("<p>one two</p><h2 id=\"outlook\">The outlook</h2><p>three?</p>");
        let w: Vec<(&str, u8)> = d.words().collect();
        assert_eq!(w[0].1, BASE_WEIGHT);
        assert_eq!(w[2], ("The", 6 * BASE_WEIGHT));
        assert_eq!(w[4].1, BASE_WEIGHT);
        assert_eq!(d.content(), "one two. The outlook. three?");
        assert_eq!(
            d.anchors,
            [Anchor {
                element: "h2".into(),
                id: "outlook".into(),
                text: "The outlook".into(),
                location: 2
            }]
        );
    }
}
