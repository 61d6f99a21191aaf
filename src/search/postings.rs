//! Where words are, compactly: one page's words as the record loop makes them, every page's
//! as the merge gathers them, and the CBOR of a word chunk (`index/*.pf_index`) written
//! straight from those, byte for byte what Pagefind's derived structures encode. A `String`
//! and a `Vec` per word of every page, and two more per page entry in the chunks, were a
//! sixth of the search index's time in allocation alone.

use minicbor::Encoder;
use minicbor::encode::Error;

/// A page's words, each once, in three buffers: per word, its page entry (Pagefind's without
/// the page number: `[n, locations…, m, meta locations…]`; empty when only its variants are
/// on the page), then each variant's form and entry.
#[derive(Debug, Default)]
pub struct PageWords {
    text: String,
    values: Vec<i32>,
    items: Vec<Item>,
}

/// A word or a variant of the word before: where its text and its entry end.
#[derive(Debug, Clone, Copy)]
struct Item {
    text_end: u32,
    values_end: u32,
    variant: bool,
}

/// A word of a page, or a variant form of the word before it, with its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    Word(&'a str, &'a [i32]),
    Variant(&'a str, &'a [i32]),
}

impl PageWords {
    /// Starts a word, its entry empty until `extend_entry`.
    pub fn push_word(&mut self, word: &str) {
        self.push(word, false);
    }

    /// Starts a variant form of the word last pushed.
    pub fn push_variant(&mut self, form: &str) {
        self.push(form, true);
    }

    fn push(&mut self, text: &str, variant: bool) {
        self.text.push_str(text);
        self.items.push(Item {
            text_end: self.text.len() as u32,
            values_end: self.values.len() as u32,
            variant,
        });
    }

    /// Appends to the entry of the word or variant last pushed.
    pub fn extend_entry(&mut self, write: impl FnOnce(&mut Vec<i32>)) {
        write(&mut self.values);
        if let Some(last) = self.items.last_mut() {
            last.values_end = self.values.len() as u32;
        }
    }

    /// The words and variants in the order they were pushed.
    pub fn parts(&self) -> impl Iterator<Item = Part<'_>> {
        let mut start = (0, 0);
        self.items.iter().map(move |item| {
            let (text_end, values_end) = (item.text_end as usize, item.values_end as usize);
            let text = &self.text[start.0..text_end];
            let entry = &self.values[start.1..values_end];
            start = (text_end, values_end);
            if item.variant {
                Part::Variant(text, entry)
            } else {
                Part::Word(text, entry)
            }
        })
    }
}

/// Every page of a word, compact: per page its number, then the length and values of its
/// locations and of its meta locations.
#[derive(Default)]
pub struct Postings {
    pub pages: Vec<i32>,
    pub variants: Vec<(String, Vec<i32>)>,
    /// Locations plus one per page, plus one per variant: Pagefind's measure of a chunk.
    pub size: usize,
}

impl Postings {
    /// Adds page `number`'s entry for the word.
    pub fn add_page(&mut self, number: usize, entry: &[i32]) {
        push_entry(&mut self.pages, &mut self.size, number, entry);
    }

    /// Adds page `number`'s entry for a variant form of the word.
    pub fn add_variant_page(&mut self, form: &str, number: usize, entry: &[i32]) {
        let at = match self.variants.iter().position(|v| v.0 == form) {
            Some(at) => at,
            None => {
                self.variants.push((form.to_string(), Vec::new()));
                self.size += 1;
                self.variants.len() - 1
            }
        };
        push_entry(&mut self.variants[at].1, &mut self.size, number, entry);
    }
}

fn push_entry(flat: &mut Vec<i32>, size: &mut usize, number: usize, entry: &[i32]) {
    // Locations plus meta locations plus one: the entry less its two lengths, plus one.
    *size += entry.len() - 1;
    flat.push(number as i32);
    flat.extend_from_slice(entry);
}

/// One page of flat postings: its number, locations and meta locations.
type FlatPage<'a> = (usize, &'a [i32], &'a [i32]);

/// The pages of flat postings, in order.
fn flat_pages(flat: &[i32]) -> impl Iterator<Item = FlatPage<'_>> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let number = *flat.get(at)? as usize;
        let locs = flat[at + 1] as usize;
        let locs_at = at + 2;
        let meta = flat[locs_at + locs] as usize;
        let meta_at = locs_at + locs + 1;
        at = meta_at + meta;
        Some((
            number,
            &flat[locs_at..locs_at + locs],
            &flat[meta_at..meta_at + meta],
        ))
    })
}

/// The CBOR of a word chunk (`index/*.pf_index`): what `#[derive(Encode)]` writes for
/// Pagefind's `WordIndex { words: Vec<PackedWord> }` (structures as arrays of their fields,
/// page numbers delta-coded), without building those structures.
pub fn encode_chunk(words: &[(String, Postings)]) -> Vec<u8> {
    let mut encoder = Encoder::new(Vec::new());
    // Writing into a Vec cannot fail.
    let _ = write_chunk(&mut encoder, words);
    encoder.into_writer()
}

fn write_chunk(
    e: &mut Encoder<Vec<u8>>,
    words: &[(String, Postings)],
) -> Result<(), Error<std::convert::Infallible>> {
    e.array(1)?.array(words.len() as u64)?;
    for (word, postings) in words {
        e.array(3)?.str(word)?;
        write_pages(e, &postings.pages)?;
        e.array(postings.variants.len() as u64)?;
        for (form, flat) in &postings.variants {
            e.array(2)?.str(form)?;
            write_pages(e, flat)?;
        }
    }
    Ok(())
}

/// `Vec<PackedPage>`: per page `[page number less the previous one, [locations], [meta
/// locations]]`.
fn write_pages(
    e: &mut Encoder<Vec<u8>>,
    flat: &[i32],
) -> Result<(), Error<std::convert::Infallible>> {
    e.array(flat_pages(flat).count() as u64)?;
    let mut last = 0;
    for (number, locs, meta) in flat_pages(flat) {
        e.array(3)?.u64((number - last) as u64)?;
        e.array(locs.len() as u64)?;
        for &loc in locs {
            e.i32(loc)?;
        }
        e.array(meta.len() as u64)?;
        for &loc in meta {
            e.i32(loc)?;
        }
        last = number;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use minicbor::Encode;

    use super::*;

    /// Pagefind's own structures of a word chunk (its `src/index/mod.rs`), encoded by
    /// minicbor's derive as Pagefind encodes them: the reference `encode_chunk` must match.
    #[derive(Encode)]
    struct WordIndex {
        #[n(0)]
        words: Vec<PackedWord>,
    }

    #[derive(Encode)]
    struct PackedWord {
        #[n(0)]
        word: String,
        #[n(1)]
        pages: Vec<PackedPage>,
        #[n(2)]
        additional_variants: Vec<PackedVariant>,
    }

    #[derive(Encode)]
    struct PackedVariant {
        #[n(0)]
        form: String,
        #[n(1)]
        pages: Vec<PackedPage>,
    }

    #[derive(Encode, Debug, PartialEq)]
    struct PackedPage {
        #[n(0)]
        page_number: usize,
        #[n(1)]
        locs: Vec<i32>,
        #[n(2)]
        meta_locs: Vec<i32>,
    }

    fn packed_pages(flat: &[i32]) -> Vec<PackedPage> {
        let mut last = 0;
        flat_pages(flat)
            .map(|(number, locs, meta)| {
                let page = PackedPage {
                    page_number: number - last,
                    locs: locs.to_vec(),
                    meta_locs: meta.to_vec(),
                };
                last = number;
                page
            })
            .collect()
    }

    #[test]
    fn postings_list_pages_with_numbers_delta_coded() {
        let mut postings = Postings::default();
        postings.add_page(2, &[2, -25, 3, 0]);
        postings.add_page(5, &[0, 2, -1, 0]);
        postings.add_page(9, &[1, 7, 0]);
        assert_eq!(postings.size, 3 + 3 + 2);
        let page = |n, locs: Vec<i32>, meta: Vec<i32>| PackedPage {
            page_number: n,
            locs,
            meta_locs: meta,
        };
        assert_eq!(
            packed_pages(&postings.pages),
            [
                page(2, vec![-25, 3], vec![]),
                page(3, vec![], vec![-1, 0]),
                page(4, vec![7], vec![])
            ]
        );
    }

    #[test]
    fn a_chunk_is_encoded_as_pagefinds_structures_are() {
        // Large numbers and negative markers take CBOR's longer integer forms.
        let mut words = Vec::new();
        for w in 0..40 {
            let mut postings = Postings::default();
            for p in 0..(w % 7) {
                let number = w * 1000 + p * 300;
                let locs: Vec<i32> = (0..(p + w) % 5).map(|i| (i * 97 * w) as i32 - 25).collect();
                let mut entry = vec![locs.len() as i32];
                entry.extend(&locs);
                entry.extend([2, -1, (w * 70_000) as i32]);
                postings.add_page(number, &entry);
                if w % 3 == 0 {
                    postings.add_variant_page(&format!("wé{}", p % 2), number, &[1, 70_000, 0]);
                }
            }
            words.push((format!("word{w}"), postings));
        }
        let reference = WordIndex {
            words: words
                .iter()
                .map(|(word, postings)| PackedWord {
                    word: word.clone(),
                    pages: packed_pages(&postings.pages),
                    additional_variants: postings
                        .variants
                        .iter()
                        .map(|(form, flat)| PackedVariant {
                            form: form.clone(),
                            pages: packed_pages(flat),
                        })
                        .collect(),
                })
                .collect(),
        };
        assert_eq!(encode_chunk(&words), minicbor::to_vec(&reference).unwrap());
        assert_eq!(
            encode_chunk(&[]),
            minicbor::to_vec(WordIndex { words: Vec::new() }).unwrap()
        );
    }

    #[test]
    fn page_words_keep_each_entry_with_its_word_or_variant() {
        let mut words = PageWords::default();
        words.push_word("cafe");
        words.extend_entry(|v| v.extend([1, 0, 0]));
        words.push_variant("café");
        words.extend_entry(|v| v.extend([1, 1, 0]));
        words.push_word("zurich");
        words.push_variant("zürich");
        words.extend_entry(|v| v.extend([0, 2, -1, 1]));
        assert_eq!(
            words.parts().collect::<Vec<_>>(),
            [
                Part::Word("cafe", &[1, 0, 0]),
                Part::Variant("café", &[1, 1, 0]),
                Part::Word("zurich", &[]),
                Part::Variant("zürich", &[0, 2, -1, 1]),
            ]
        );
    }
}
