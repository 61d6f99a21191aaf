//! Pagefind 1.6.0's index files, written as its own writer does (the crate's `src/index/` and
//! `src/output/`): CBOR structures with the same field numbers, delta-coded page numbers,
//! weight markers in location lists, word chunks of ~20,000 locations named by the prefixes
//! that tell them apart, SHA-1 file names, every file gzipped behind the `pagefind_dcd`
//! signature. Pure: pages in, (path, bytes) out, the same bytes for the same pages whatever the
//! thread count.

use std::collections::BTreeMap;

use minicbor::Encode;
use rayon::prelude::*;
use sha1::{Digest, Sha1};

use super::postings::{PageWords, Part, Postings, encode_chunk};

/// The Pagefind version whose browser code (vendored) reads these files.
pub const VERSION: &str = "1.6.0";
/// Locations per word chunk before a new one starts (Pagefind's default).
const CHUNK_SIZE: usize = 20_000;

/// The `pagefind.<hash>.pf_meta` file: everything needed to start a search.
#[derive(Encode, Debug)]
pub struct MetaIndex {
    #[n(0)]
    pub version: String,
    #[n(1)]
    pub pages: Vec<MetaPage>,
    #[n(2)]
    pub index_chunks: Vec<MetaChunk>,
    #[n(3)]
    pub filters: Vec<MetaFilter>,
    #[n(4)]
    pub sorts: Vec<MetaSort>,
    #[n(5)]
    pub meta_fields: Vec<String>,
}

/// Which `index/<hash>.pf_index` holds the words sorting between `from` and `to`.
#[derive(Encode, Debug, PartialEq)]
pub struct MetaChunk {
    #[n(0)]
    pub from: String,
    #[n(1)]
    pub to: String,
    #[n(2)]
    pub hash: String,
}

#[derive(Encode, Debug)]
pub struct MetaPage {
    #[n(0)]
    pub hash: String,
    #[n(1)]
    pub word_count: u32,
    #[n(2)]
    pub group_hash: String,
}

#[derive(Encode, Debug)]
pub struct MetaFilter {
    #[n(0)]
    pub filter: String,
    #[n(1)]
    pub hash: String,
}

#[derive(Encode, Debug)]
pub struct MetaSort {
    #[n(0)]
    pub sort: String,
    #[n(1)]
    pub pages: Vec<usize>,
}

/// One `filter/*.pf_filter` file: a filter's values and their pages.
#[derive(Encode)]
struct FilterIndex {
    #[n(0)]
    filter: String,
    #[n(1)]
    values: Vec<PackedValue>,
}

#[derive(Encode)]
struct PackedValue {
    #[n(0)]
    value: String,
    #[n(1)]
    pages: Vec<usize>,
}

/// One page, ready to go in the index.
#[derive(Debug, Default)]
pub struct IndexedPage {
    /// The fragment's JSON (`url`, `content`, `word_count`, `filters`, `meta`, `anchors`),
    /// gzipped, and the hash of the JSON (its file name).
    pub fragment_gz: Vec<u8>,
    pub fragment_hash: String,
    pub word_count: u32,
    /// The page's words, each once.
    pub words: PageWords,
    /// (filter, value) pairs.
    pub filters: Vec<(String, String)>,
    /// (sort key, value) pairs.
    pub sorts: Vec<(String, String)>,
}

impl IndexedPage {
    /// A page whose fragment is `json`.
    pub fn with_fragment(json: &str) -> IndexedPage {
        IndexedPage {
            fragment_gz: gzip(Effort::Fragment, json.as_bytes()),
            fragment_hash: full_hash(json.as_bytes()),
            ..IndexedPage::default()
        }
    }
}

/// The index of one language: its files (paths under `pagefind/`) and `pf_meta` hash.
pub struct LanguageIndex {
    pub files: Vec<(String, Vec<u8>)>,
    pub meta_hash: String,
    pub page_count: usize,
}

/// Pages made at once (in parallel) before they are merged: bounds the memory of pages in
/// flight, whatever the size of the site.
const BATCH: usize = 256;

/// The pages merged so far: every word's postings, every filter value's pages, the sort
/// values, and each page's entry in `pf_meta` and fragment file.
#[derive(Default)]
struct Merged {
    words: ahash::AHashMap<String, Postings>,
    filters: BTreeMap<String, BTreeMap<String, Vec<usize>>>,
    sort_values: Vec<Vec<(String, String)>>,
    pages: Vec<MetaPage>,
    taken: Names,
}

impl Merged {
    /// Adds pages numbered from `start`, in order.
    fn add(
        &mut self,
        start: usize,
        batch: Vec<IndexedPage>,
        language: &str,
        sink: &mut (dyn FnMut(String, Vec<u8>) + Send),
    ) {
        for (number, page) in (start..).zip(batch) {
            // The postings of the word last seen, for its variants that follow it.
            let mut current: Option<&mut Postings> = None;
            for part in page.words.parts() {
                match part {
                    Part::Word(word, entry) => {
                        let postings = match self.words.get_mut(word) {
                            Some(postings) => postings,
                            None => self.words.entry(word.to_string()).or_default(),
                        };
                        if !entry.is_empty() {
                            postings.add_page(number, entry);
                        }
                        current = Some(postings);
                    }
                    Part::Variant(form, entry) => {
                        if let Some(postings) = current.as_deref_mut() {
                            postings.add_variant_page(form, number, entry);
                        }
                    }
                }
            }
            for (filter, value) in page.filters {
                self.filters
                    .entry(filter)
                    .or_default()
                    .entry(value)
                    .or_default()
                    .push(number);
            }
            self.sort_values.push(page.sorts);
            let hash = self.taken.claim(language, &page.fragment_hash);
            self.pages.push(MetaPage {
                hash: hash.clone(),
                word_count: page.word_count,
                group_hash: String::new(),
            });
            sink(format!("fragment/{hash}.pf_fragment"), page.fragment_gz);
        }
    }
}

/// Writes the index of `count` pages (`page(n)` makes page `n`, in any thread) for
/// `language`. Fragments go to `sink` in page order as their pages are merged (from one
/// thread at a time, not always the caller's: hence `Send`); the other files are returned.
pub fn write_index(
    count: usize,
    page: impl Fn(usize) -> IndexedPage + Sync,
    language: &str,
    meta_fields: Vec<String>,
    sink: &mut (dyn FnMut(String, Vec<u8>) + Send),
) -> LanguageIndex {
    let make_batch = |start: usize| -> Vec<IndexedPage> {
        (start..(start + BATCH).min(count))
            .into_par_iter()
            .map(&page)
            .collect()
    };
    let mut merged = Merged::default();
    let mut batch = if count > 0 { make_batch(0) } else { Vec::new() };
    for start in (0..count).step_by(BATCH) {
        // The merge is sequential: the next batch is made beside it, so the other cores
        // are not idle while it runs.
        let next = start + BATCH;
        let ((), made) = rayon::join(
            || merged.add(start, std::mem::take(&mut batch), language, sink),
            || {
                if next < count {
                    make_batch(next)
                } else {
                    Vec::new()
                }
            },
        );
        batch = made;
    }
    let Merged {
        words,
        filters,
        sort_values,
        pages,
        taken: _,
    } = merged;
    let mut files = Vec::new();
    let mut meta = MetaIndex {
        version: VERSION.into(),
        pages,
        index_chunks: Vec::new(),
        filters: Vec::new(),
        sorts: sorts(&sort_values),
        meta_fields,
    };
    // Encoding and compressing run in parallel; names are claimed in order, so they do not
    // depend on the number of threads.
    let encoded: Vec<(String, String, Vec<u8>)> = filters
        .into_par_iter()
        .map(|(filter, values)| {
            let index = FilterIndex {
                filter: filter.clone(),
                values: values
                    .into_iter()
                    .map(|(value, pages)| PackedValue { value, pages })
                    .collect(),
            };
            let bytes = cbor(&index);
            (filter, full_hash(&bytes), gzip(Effort::Index, &bytes))
        })
        .collect();
    let mut taken = Names::default();
    for (filter, hash, gz) in encoded {
        let hash = taken.claim(language, &hash);
        files.push((format!("filter/{hash}.pf_filter"), gz));
        meta.filters.push(MetaFilter { filter, hash });
    }
    let mut words: Vec<(String, Postings)> = words.into_iter().collect();
    words.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let chunks = chunk_words(&words);
    meta.index_chunks = chunk_meta(&words, &chunks);
    let encoded: Vec<(String, Vec<u8>)> = chunks
        .into_par_iter()
        .map(|range| {
            let bytes = encode_chunk(&words[range]);
            (full_hash(&bytes), gzip(Effort::Index, &bytes))
        })
        .collect();
    let mut taken = Names::default();
    for (i, (hash, gz)) in encoded.into_iter().enumerate() {
        let hash = taken.claim(language, &hash);
        files.push((format!("index/{hash}.pf_index"), gz));
        meta.index_chunks[i].hash = hash;
    }
    let bytes = cbor(&meta);
    // As Pagefind: the language, then as many hex digits of the hash as the language's
    // length plus eight.
    let digits = &full_hash(&bytes);
    let meta_hash = format!(
        "{language}_{}",
        &digits[..(language.len() + 8).min(digits.len())]
    );
    files.push((
        format!("pagefind.{meta_hash}.pf_meta"),
        gzip(Effort::Index, &bytes),
    ));
    LanguageIndex {
        files,
        meta_hash,
        page_count: count,
    }
}

/// The pre-sorted page orders for each sort key (numbers sort as numbers when every value
/// of the key is one), as Pagefind's `data-pagefind-sort`.
fn sorts(pages: &[Vec<(String, String)>]) -> Vec<MetaSort> {
    let mut keys: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
    for (number, page) in pages.iter().enumerate() {
        for (key, value) in page {
            keys.entry(key).or_default().push((value, number));
        }
    }
    keys.into_iter()
        .map(|(key, mut values)| {
            let number = |v: &str| {
                v.parse::<i32>()
                    .map(|i| i as f32)
                    .or_else(|_| v.parse::<f32>())
            };
            if values.iter().all(|(v, _)| number(v).is_ok()) {
                values.sort_by(|a, b| {
                    let (a, b) = (number(a.0).unwrap_or(0.0), number(b.0).unwrap_or(0.0));
                    a.total_cmp(&b)
                });
            } else {
                values.sort_by_key(|(v, _)| *v);
            }
            MetaSort {
                sort: key.to_string(),
                pages: values.into_iter().map(|(_, n)| n).collect(),
            }
        })
        .collect()
}

/// Short file names: `<language>_` and seven hex digits, one more while taken.
#[derive(Default)]
struct Names(ahash::AHashSet<String>);

impl Names {
    fn claim(&mut self, language: &str, hash: &str) -> String {
        let full = format!("{language}_{hash}");
        let mut len = language.len() + 8;
        while self.0.contains(&full[..len.min(full.len())]) && len < full.len() {
            len += 1;
        }
        let name = full[..len.min(full.len())].to_string();
        self.0.insert(name.clone());
        name
    }
}

/// Words (sorted) into chunks of about `CHUNK_SIZE` locations: their index ranges.
fn chunk_words(words: &[(String, Postings)]) -> Vec<std::ops::Range<usize>> {
    let mut chunks = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, (_, postings)) in words.iter().enumerate() {
        size += postings.size;
        if size >= CHUNK_SIZE {
            chunks.push(start..i + 1);
            start = i + 1;
            size = 0;
        }
    }
    if start < words.len() {
        chunks.push(start..words.len());
    }
    chunks
}

/// Each chunk's range, trimmed to the shortest prefixes that keep neighbours apart.
fn chunk_meta<T>(words: &[(String, T)], chunks: &[std::ops::Range<usize>]) -> Vec<MetaChunk> {
    let mut named: Vec<MetaChunk> = chunks
        .iter()
        .map(|range| MetaChunk {
            from: words[range.start].0.clone(),
            to: words[range.end - 1].0.clone(),
            hash: String::new(),
        })
        .collect();
    for i in 1..named.len() {
        let (a, b) = prefixes(&named[i - 1].to, &named[i].from);
        // Only trim `to` where that keeps the range valid (to ≥ from).
        if a >= named[i - 1].from {
            named[i - 1].to = a;
        }
        named[i].from = b;
    }
    named
}

fn prefixes(a: &str, b: &str) -> (String, String) {
    let common = b.chars().zip(a.chars()).take_while(|(x, y)| x == y).count();
    (
        a.chars().take(common + 1).collect(),
        b.chars().take(common + 1).collect(),
    )
}

fn cbor<T: Encode<()>>(value: &T) -> Vec<u8> {
    // Writing into a Vec cannot fail.
    minicbor::to_vec(value).unwrap_or_default()
}

/// How hard a file is compressed: libdeflate's level (1-12) for each kind of file. Pagefind
/// writes zlib's level 9 with flate2. libdeflate at 6 wrote no more bytes than zlib-rs at 5
/// in 25% less time for fragments and 16% less for word chunks. Measured again on the
/// 10,000-briefing corpus's files (uncompressed 62.9 MB of fragments, 30.4 MB of chunks),
/// against level 6: fragments at 4 take 16% less time for 1.2% more bytes (22 bytes per
/// briefing), chunks at 5 16% less for 0.5% more (7 bytes); levels below cost more bytes
/// than the index's margin under Pagefind's allows (chunks at 4: +3.3%), and 7 and above cost
/// more time than they save bytes.
#[derive(Clone, Copy)]
pub enum Effort {
    /// A page's fragment: many small files.
    Fragment,
    /// Word chunks, filters and the meta file.
    Index,
}

impl Effort {
    fn level(self) -> i32 {
        match self {
            Effort::Fragment => 4,
            Effort::Index => 5,
        }
    }
}

thread_local! {
    /// Per thread and effort: a compressor (libdeflate allocates ~1 MiB of tables for one),
    /// and buffers for the input and the output, reused so that a file keeps only its
    /// compressed size.
    static GZIP: std::cell::RefCell<[Option<Gzipper>; 2]> =
        const { std::cell::RefCell::new([None, None]) };
}

/// A compressor, its input buffer and its output buffer.
type Gzipper = (libdeflater::Compressor, Vec<u8>, Vec<u8>);

/// Gzip of the signature and `bytes`. libdeflate's gzip header has no time stamp, so equal
/// input gives equal output.
pub fn gzip(effort: Effort, bytes: &[u8]) -> Vec<u8> {
    GZIP.with_borrow_mut(|states| {
        let (compressor, input, out) = states[effort as usize].get_or_insert_with(|| {
            let level = libdeflater::CompressionLvl::new(effort.level())
                .unwrap_or_else(|_| libdeflater::CompressionLvl::default());
            (libdeflater::Compressor::new(level), Vec::new(), Vec::new())
        });
        input.clear();
        input.extend_from_slice(SIGNATURE);
        input.extend_from_slice(bytes);
        out.resize(compressor.gzip_compress_bound(input.len()), 0);
        // The output has room for the worst case (the bound), so this cannot fail.
        let written = compressor.gzip_compress(input, out).unwrap_or(0);
        let compressed = out[..written].to_vec();
        // A word chunk can be large: do not keep its buffers for the rest of the build.
        if input.capacity() > 1 << 20 {
            *input = Vec::new();
            *out = Vec::new();
        }
        compressed
    })
}

/// What Pagefind puts before every compressed file's content.
const SIGNATURE: &[u8] = b"pagefind_dcd";

/// SHA-1 in hex as Pagefind writes it: each byte with `{:x}`, so without leading zeros.
pub fn full_hash(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(40);
    for byte in Sha1::digest(bytes) {
        let _ = write!(out, "{byte:x}");
    }
    out
}

/// A page's locations for one word, sorted by weight (the usual weight first) then position:
/// a weight change is a negative marker followed by an absolute position; positions within a
/// weight are differences.
fn pack_locations_into(positions: &mut [(u32, u8)], out: &mut Vec<i32>) {
    // Pagefind's writer expects 25 as the usual weight while pages carry 24 (weight 1): the
    // first location of every list gets a marker. Kept, so the files match the CLI's.
    const USUAL: u8 = 25;
    positions.sort_unstable_by_key(|&(position, weight)| {
        (if weight == USUAL { 0 } else { weight }, position)
    });
    let mut current = USUAL;
    let mut last = 0;
    for &(position, weight) in positions.iter() {
        if weight != current {
            out.push(-(weight as i32) - 1);
            out.push(position as i32);
            current = weight;
        } else {
            out.push((position - last) as i32);
        }
        last = position;
    }
}

/// Meta positions `(field, position)` as Pagefind codes them: `-(field + 1)` starts a field,
/// positions within it are differences.
fn pack_meta_locations_into(positions: &mut [(u16, u32)], out: &mut Vec<i32>) {
    positions.sort_unstable();
    let mut current = None;
    let mut last = 0;
    for &(field, position) in positions.iter() {
        if current != Some(field) {
            out.push(-(field as i32) - 1);
            current = Some(field);
            last = 0;
        }
        out.push((position - last) as i32);
        last = position;
    }
}

/// Appends a page entry, `[n, locations…, m, meta locations…]`, of body positions
/// `(position, weight)` and meta positions `(field, position)` (both sorted here).
pub fn write_page_entry(body: &mut [(u32, u8)], meta: &mut [(u16, u32)], out: &mut Vec<i32>) {
    let body_at = out.len();
    out.push(0);
    pack_locations_into(body, out);
    out[body_at] = (out.len() - body_at - 1) as i32;
    let meta_at = out.len();
    out.push(0);
    pack_meta_locations_into(meta, out);
    out[meta_at] = (out.len() - meta_at - 1) as i32;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_entry(body: &mut [(u32, u8)], meta: &mut [(u16, u32)]) -> Vec<i32> {
        let mut out = vec![7];
        write_page_entry(body, meta, &mut out);
        // What was there before is kept.
        assert_eq!(out.remove(0), 7);
        out
    }

    #[test]
    fn hashes_are_written_without_leading_zeros_per_byte() {
        // SHA-1("abc") = a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d
        assert_eq!(full_hash(b"abc"), "a9993e36476816aba3e25717850c26c9cd0d89d");
    }

    #[test]
    fn locations_carry_weight_markers() {
        assert_eq!(
            page_entry(&mut [(7, 24), (3, 24), (9, 144)], &mut []),
            [5, -25, 3, 4, -145, 9, 0]
        );
        assert_eq!(
            page_entry(&mut [], &mut [(1, 4), (0, 2), (0, 5)]),
            [0, 5, -1, 2, 3, -2, 4]
        );
        assert_eq!(
            page_entry(&mut [(7, 24), (3, 24), (9, 144)], &mut [(1, 4), (0, 2)]),
            [5, -25, 3, 4, -145, 9, 4, -1, 2, -2, 4]
        );
        assert_eq!(page_entry(&mut [], &mut [(0, 2)]), [0, 2, -1, 2]);
    }

    #[test]
    fn chunks_are_named_by_distinguishing_prefixes() {
        let words: Vec<(String, ())> = ["apple", "apricot", "banana", "peach"]
            .iter()
            .map(|w| (w.to_string(), ()))
            .collect();
        let chunks: Vec<std::ops::Range<usize>> = (0..4).map(|i| i..i + 1).collect();
        let meta = chunk_meta(&words, &chunks);
        let ranges: Vec<(&str, &str)> = meta
            .iter()
            .map(|c| (c.from.as_str(), c.to.as_str()))
            .collect();
        assert_eq!(
            ranges,
            [
                ("apple", "apple"),
                ("apr", "apricot"),
                ("b", "b"),
                ("p", "peach")
            ]
        );
    }

    /// More pages than one batch: the pipelined merge numbers pages across batches and
    /// claims fragment names in page order, whatever the number of threads.
    #[test]
    fn an_index_of_several_batches_is_the_same_at_any_thread_count() {
        let count = 2 * BATCH + 88;
        let json = |n: usize| format!("{{\"page\":{n}}}");
        let page = |n: usize| IndexedPage {
            word_count: 2,
            words: {
                let mut words = PageWords::default();
                words.push_word(&format!("w{}", n % 37));
                words.extend_entry(|v| v.extend([1, (n % 5) as i32 + 1, 0]));
                if n.is_multiple_of(50) {
                    words.push_variant("wé");
                    words.extend_entry(|v| v.extend([1, 2, 0]));
                }
                words
            },
            filters: vec![("Year".into(), (2020 + n % 3).to_string())],
            sorts: vec![("date".into(), format!("{n:05}"))],
            ..IndexedPage::with_fragment(&json(n))
        };
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| {
                let mut fragments = Vec::new();
                let index = write_index(count, page, "en", vec!["title".into()], &mut |p, b| {
                    fragments.push((p, b))
                });
                (fragments, index.files, index.meta_hash, index.page_count)
            })
        };
        let one = run(1);
        assert_eq!(one, run(2));
        assert_eq!(one, run(3));
        assert_eq!(one.3, count);
        // Fragment n is page n's, named by its hash.
        for (n, (path, _)) in one.0.iter().enumerate() {
            let hash = full_hash(json(n).as_bytes());
            assert!(
                path.starts_with(&format!("fragment/en_{}", &hash[..7])),
                "{n}: {path}"
            );
        }
        // Pages are numbered across batches: the Year filter lists every third page.
        let (_, gz) = one
            .1
            .iter()
            .find(|(p, _)| p.starts_with("filter/"))
            .unwrap();
        let mut cbor = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut cbor).unwrap();
        let mut d = minicbor::Decoder::new(&cbor[12..]);
        d.array().unwrap();
        assert_eq!(d.str().unwrap(), "Year");
        assert_eq!(d.array().unwrap(), Some(3));
        for year in 0..3u64 {
            d.array().unwrap();
            assert_eq!(d.str().unwrap(), (2020 + year).to_string());
            let len = d.array().unwrap().unwrap();
            let pages: Vec<u64> = (0..len).map(|_| d.u64().unwrap()).collect();
            let expected: Vec<u64> = (0..count as u64).filter(|n| n % 3 == year).collect();
            assert_eq!(pages, expected, "{year}");
        }
    }

    #[test]
    fn gzip_is_deterministic_and_signed() {
        let a = gzip(Effort::Fragment, b"{}");
        assert_eq!(a, gzip(Effort::Fragment, b"{}"));
        let mut plain = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&a[..]), &mut plain).unwrap();
        assert_eq!(plain, b"pagefind_dcd{}");
    }

    #[test]
    fn gzip_of_large_input_decodes_whole() {
        // Larger than deflate's window, with runs and noise.
        let bytes: Vec<u8> = (0..300_000u32)
            .map(|i| match i % 7 {
                0 => (i.wrapping_mul(2_654_435_761) >> 24) as u8,
                _ => b'a' + (i % 13) as u8,
            })
            .collect();
        let a = gzip(Effort::Index, &bytes);
        assert_eq!(a, gzip(Effort::Index, &bytes));
        assert_eq!(&a[4..8], &[0, 0, 0, 0], "no time stamp");
        let mut plain = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&a[..]), &mut plain).unwrap();
        assert_eq!(&plain[..12], b"pagefind_dcd");
        assert_eq!(&plain[12..], &bytes[..]);
    }
}
