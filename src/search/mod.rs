//! Full-text search: a Pagefind 1.6.0 index (`<output>/pagefind/`) written from the model,
//! for Pagefind's own browser code (vendored, see `assets`). One record per briefing and per
//! standalone page: its URL, title, date, summary and body text, with a
//! filter per taxonomy (term display names), kind and year. Pure: model in, files out; the
//! caller writes them (`lib::build`) or serves them (`serve`).
//!
//! Records are made in parallel; pages are numbered in site order and merged in that order,
//! so the files are the same bytes whatever the number of threads.

mod assets;
mod format;
mod fragment;
mod keys;
mod postings;
mod text;
mod words;

#[cfg(test)]
mod parity;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::render::Output;
use crate::site::Site;

pub use format::VERSION as PAGEFIND_VERSION;
pub use text::{Digest, decode_entities};

/// The folder of the index in the output, under the base path.
pub const FOLDER: &str = "pagefind";

/// One searchable page, as the model has it.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// The page's site path (`/2025/07/offer/`): Pagefind's script puts the base path in
    /// front (its `baseUrl`, taken from where `pagefind.js` is served: `/briefings/`).
    pub url: String,
    pub digest: Digest,
    /// `title`, `date`, `image`: shown with a result.
    pub meta: BTreeMap<String, String>,
    pub filters: BTreeMap<String, Vec<String>>,
    /// Sort keys (`date`), for `pagefind.search(q, {sort: {date: "desc"}})`.
    pub sorts: BTreeMap<String, String>,
}

/// The filter of the year a briefing is dated.
pub const YEAR_FILTER: &str = "Year";
/// The filter of a briefing's kind (report, analysis, …; `page` for standalone pages).
pub const KIND_FILTER: &str = "Kind";

/// Record `n` of the site: briefings in site order, then standalone pages.
pub fn record(site: &Site, n: usize) -> Record {
    match n.checked_sub(site.entries.len()) {
        None => briefing_record(site, n),
        Some(p) => page_record(site, p),
    }
}

/// How many records the site has.
pub fn record_count(site: &Site) -> usize {
    site.entries.len() + site.pages.len()
}

/// The meta fields the site's records have, sorted (Pagefind numbers them in this order).
fn meta_fields(site: &Site) -> Vec<String> {
    let mut fields = vec!["title"];
    if !site.entries.is_empty() {
        fields.push("date");
    }
    if site
        .entries
        .iter()
        .any(|e| briefing_image(&e.briefing, &site.config.base_url).is_some())
        || site.pages.iter().any(|p| p.page.image.is_some())
    {
        fields.push("image");
    }
    fields.sort_unstable();
    fields.into_iter().map(String::from).collect()
}

/// A briefing's image for its search result: `image:` as its URL on the site, else the
/// `extra.image` themes used before there was one, as written.
fn briefing_image(b: &crate::content::Briefing, base: &crate::config::BaseUrl) -> Option<String> {
    match &b.image {
        Some(image) => Some(image.url(base)),
        None => b
            .extra
            .get("image")
            .and_then(|v| v.as_str())
            .map(str::to_string),
    }
}

fn page_record(site: &Site, p: usize) -> Record {
    let page = &site.pages[p].page;
    let mut record = Record {
        url: page.path.clone(),
        ..Record::default()
    };
    record.digest.push_heading(&page.title, 1);
    add_body(&mut record.digest, &page.summary, &page.body.html);
    record.meta.insert("title".into(), page.title.clone());
    if let Some(image) = &page.image {
        let url = image.url(&site.config.base_url);
        record.meta.insert("image".into(), url);
    }
    record
        .filters
        .insert(KIND_FILTER.into(), vec!["page".to_string()]);
    record
}

fn briefing_record(site: &Site, e: usize) -> Record {
    let entry = &site.entries[e];
    let b = &entry.briefing;
    let mut record = Record {
        url: entry.path.clone(),
        ..Record::default()
    };
    // The title first, as a page's <h1> is in the text the Pagefind CLI indexes.
    record.digest.push_heading(&b.title, 1);
    add_body(&mut record.digest, &b.summary, &b.body.html);
    let date = b.date.date.to_string();
    record.meta.insert("title".into(), b.title.clone());
    record.meta.insert("date".into(), date.clone());
    if let Some(image) = briefing_image(b, &site.config.base_url) {
        record.meta.insert("image".into(), image);
    }
    record.sorts.insert("date".into(), date);
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        let names: Vec<String> = entry.terms[t]
            .iter()
            .map(|&i| taxonomy.terms[i].name.clone())
            .collect();
        if !names.is_empty() {
            record.filters.insert(taxonomy.config.title.clone(), names);
        }
    }
    record
        .filters
        .insert(KIND_FILTER.into(), vec![b.kind.as_str().to_string()]);
    record
        .filters
        .insert(YEAR_FILTER.into(), vec![b.date.date.year().to_string()]);
    record
}

/// The summary (when the body does not open with it, as a written `summary:` does not), then
/// the body's text.
fn add_body(digest: &mut Digest, summary: &str, html: &str) {
    let mut body = Digest::default();
    body.push_html(html);
    let words: Vec<&str> = summary.split_whitespace().collect();
    let same = |a: &str, b: &str| a.trim_end_matches('.') == b.trim_end_matches('.');
    let opens_with_summary =
        words.len() <= body.len() && words.iter().zip(body.words()).all(|(s, (w, _))| same(s, w));
    if !opens_with_summary {
        let mut summary = words.join(" ");
        text::end_sentence(&mut summary);
        digest.push_text(&summary, text::BASE_WEIGHT);
    }
    digest.append(&body);
}

/// The index files (paths under `pagefind/`) of `count` records, `record(n)` making record
/// `n` (in any thread; records are made a batch at a time, never all at once), for a site in
/// `language` whose records have the meta fields `meta_fields` (sorted). Each file is given
/// to `sink` as soon as it is made: the fragments while the index is still being built, so
/// that writing them overlaps the work.
pub fn each_index_file(
    count: usize,
    record: impl Fn(usize) -> Record + Sync,
    meta_fields: Vec<String>,
    language: &str,
    sink: &mut (dyn FnMut(String, Vec<u8>) + Send),
) {
    let language = language.to_ascii_lowercase();
    let stemming = Stemming {
        stemmer: words::stemmer(&language),
        language: language.clone(),
    };
    let page = |n: usize| index_page(&record(n), &stemming, &meta_fields);
    let index = format::write_index(count, page, &language, meta_fields.clone(), sink);
    let wasm = assets::wasm_for(&language);
    let entry = Entry {
        version: format::VERSION,
        languages: BTreeMap::from([(
            language.clone(),
            EntryLanguage {
                hash: index.meta_hash,
                wasm: wasm.map(|_| language.clone()),
                page_count: index.page_count,
            },
        )]),
        include_characters: words::WORD_SYMBOLS,
    };
    // Serializing strings and numbers cannot fail.
    for (path, bytes) in assets::common_files(serde_json::to_string(&entry).unwrap_or_default()) {
        sink(path, bytes);
    }
    if let Some(wasm) = wasm {
        sink(format!("wasm.{language}.pagefind"), wasm.to_vec());
    }
    for (path, bytes) in index.files {
        sink(path, bytes);
    }
}

/// The site's search files as outputs (`pagefind/...`), or none with `search: false`.
pub fn outputs(site: &Site) -> Vec<Output> {
    let mut files = Vec::new();
    each_output(site, &mut |file| files.push(file));
    files
}

/// `outputs`, calling `pace` before each record and after each file is made: the preview's
/// index thread waits there while a save is rendered.
pub fn outputs_paced(site: &Site, pace: &(dyn Fn() + Sync)) -> Vec<Output> {
    let mut files = Vec::new();
    each_output_paced(site, pace, &mut |file| files.push(file));
    files
}

/// `outputs`, each given to `sink` as soon as it is made (see `each_index_file`).
pub fn each_output(site: &Site, sink: &mut (dyn FnMut(Output) + Send)) {
    each_output_paced(site, &|| {}, sink);
}

fn each_output_paced(site: &Site, pace: &(dyn Fn() + Sync), sink: &mut (dyn FnMut(Output) + Send)) {
    if !site.config.search {
        return;
    }
    let record = |n| {
        pace();
        record(site, n)
    };
    each_index_file(
        record_count(site),
        record,
        meta_fields(site),
        &site.config.language,
        &mut |path, bytes| {
            sink(Output {
                path: PathBuf::from(FOLDER).join(path),
                bytes,
            });
            pace();
        },
    );
}

/// `pagefind-entry.json`, fields in Pagefind's order.
#[derive(Serialize)]
struct Entry {
    version: &'static str,
    languages: BTreeMap<String, EntryLanguage>,
    include_characters: [char; 10],
}

#[derive(Serialize)]
struct EntryLanguage {
    hash: String,
    wasm: Option<String>,
    page_count: usize,
}

/// The stemmer of a language, if Pagefind has one, and the language.
struct Stemming {
    stemmer: Option<pagefind_stem::Stemmer>,
    language: String,
}

/// An index key in the body: (key, position, weight).
type BodyAt<'a> = (&'a keys::Key, u32, u8);
/// An index key in a meta field: (key, field, position).
type MetaAt<'a> = (&'a keys::Key, u16, u32);

/// A key's form before diacritics were folded, if it differs.
fn form(key: &keys::Key) -> Option<&str> {
    key.original.as_deref()
}

fn index_page(record: &Record, stemmer: &Stemming, meta_fields: &[String]) -> format::IndexedPage {
    // The keys of every word, kept here so that the occurrences below borrow them.
    keys::begin_page(&stemmer.language);
    let stemmer_of = stemmer.stemmer.as_ref();
    let keys: Vec<std::rc::Rc<[keys::Key]>> = record
        .digest
        .words()
        .map(|(word, _)| keys::keys(word, stemmer_of))
        .collect();
    // Every key of every word, sorted by the key's id, then form: a key's occurrences are
    // together, found without comparing strings. The order of keys does not matter: the
    // merge files each under its word.
    let mut body: Vec<BodyAt> = Vec::with_capacity(keys.len() + keys.len() / 4);
    for (position, ((_, weight), indexable)) in record.digest.words().zip(&keys).enumerate() {
        let parts = indexable.iter().filter(|w| w.compound_part).count();
        let part_weight = if parts > 0 && weight > 0 {
            (weight / u8::try_from(parts).unwrap_or(u8::MAX)).max(1)
        } else {
            0
        };
        for w in indexable.iter() {
            let weight = if w.compound_part { part_weight } else { weight };
            body.push((w, position as u32, weight));
        }
    }
    let body = by_key_then_form(&body);
    let meta_keys: Vec<(u16, u32, std::rc::Rc<[keys::Key]>)> = meta_fields
        .iter()
        .enumerate()
        .filter_map(|(field, name)| Some((field, record.meta.get(name)?)))
        .flat_map(|(field, value)| {
            value
                .split_whitespace()
                .enumerate()
                .map(move |(position, word)| (field as u16, position as u32, word))
        })
        .map(|(field, position, word)| (field, position, keys::keys(word, stemmer_of)))
        .collect();
    let mut meta: Vec<MetaAt> = meta_keys
        .iter()
        .flat_map(|(field, position, indexable)| {
            indexable.iter().map(move |w| (w, *field, *position))
        })
        .collect();
    meta.sort_unstable_by(|a, b| (a.0.id, form(a.0)).cmp(&(b.0.id, form(b.0))));
    let words = page_words(&body, &meta);
    let word_count = record.digest.len().max(1);
    let fragment = fragment::Fragment {
        url: &record.url,
        content: record.digest.content(),
        word_count,
        filters: &record.filters,
        meta: &record.meta,
        anchors: record
            .digest
            .anchors
            .iter()
            .map(|a| fragment::FragmentAnchor {
                element: &a.element,
                id: &a.id,
                text: &a.text,
                location: a.location,
            })
            .collect(),
    };
    let json = fragment::to_json(&fragment);
    format::IndexedPage {
        word_count: word_count as u32,
        words,
        filters: record
            .filters
            .iter()
            .flat_map(|(f, values)| values.iter().map(move |v| (f.clone(), v.clone())))
            .collect(),
        sorts: record
            .sorts
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        ..format::IndexedPage::with_fragment(&json)
    }
}

/// Body occurrences sorted by key (in the order of their ids), then form (`None` first).
/// Sorting integers (a key's id and the occurrence's index, packed), then by form only the
/// few keys that have variant forms, is faster than sorting the occurrences by both.
fn by_key_then_form<'a>(occurrences: &[BodyAt<'a>]) -> Vec<BodyAt<'a>> {
    let mut order: Vec<u64> = occurrences
        .iter()
        .enumerate()
        .map(|(i, o)| (u64::from(o.0.id) << 32) | i as u64)
        .collect();
    order.sort_unstable();
    let mut sorted: Vec<BodyAt> = order
        .iter()
        .map(|&packed| occurrences[packed as u32 as usize])
        .collect();
    for group in sorted.chunk_by_mut(|a, b| a.0.id == b.0.id) {
        if group.iter().any(|o| o.0.original.is_some()) {
            group.sort_unstable_by(|a, b| form(a.0).cmp(&form(b.0)));
        }
    }
    sorted
}

/// A page's words from its key occurrences (each sorted by key id, then form): per key, its
/// entry and its variants'. Variants come in Pagefind's order of discovery: the body's forms
/// (sorted), then forms found only in meta fields (sorted).
fn page_words(body: &[BodyAt], meta: &[MetaAt]) -> postings::PageWords {
    let mut words = postings::PageWords::default();
    let mut scratch = Scratch::default();
    let (mut b, mut m) = (0, 0);
    while b < body.len() || m < meta.len() {
        let key = match (body.get(b), meta.get(m)) {
            (Some(x), Some(y)) => std::cmp::min_by_key(x.0, y.0, |k| k.id),
            (Some(x), _) => x.0,
            (_, Some(y)) => y.0,
            (None, None) => break,
        };
        let same = |k: &keys::Key| k.id == key.id;
        let in_body = body[b..].iter().take_while(|o| same(o.0)).count();
        let in_meta = meta[m..].iter().take_while(|o| same(o.0)).count();
        let (at_body, at_meta) = (&body[b..b + in_body], &meta[m..m + in_meta]);
        (b, m) = (b + in_body, m + in_meta);
        // Occurrences without a variant form sort first (None < Some).
        let plain_body = at_body
            .iter()
            .take_while(|o| o.0.original.is_none())
            .count();
        let plain_meta = at_meta
            .iter()
            .take_while(|o| o.0.original.is_none())
            .count();
        let (body_forms, meta_forms) = (&at_body[plain_body..], &at_meta[plain_meta..]);
        words.push_word(&key.stemmed);
        if plain_body + plain_meta > 0 {
            scratch.write_entry(&at_body[..plain_body], &at_meta[..plain_meta], &mut words);
        }
        let meta_of = |variant| {
            meta_forms
                .chunk_by(|x, y| form(x.0) == form(y.0))
                .find(|g| form(g[0].0) == variant)
                .unwrap_or(&[])
        };
        for group in body_forms.chunk_by(|x, y| form(x.0) == form(y.0)) {
            let variant = form(group[0].0);
            words.push_variant(variant.unwrap_or_default());
            scratch.write_entry(group, meta_of(variant), &mut words);
        }
        for group in meta_forms.chunk_by(|x, y| form(x.0) == form(y.0)) {
            let variant = form(group[0].0);
            if !body_forms.iter().any(|o| form(o.0) == variant) {
                words.push_variant(variant.unwrap_or_default());
                scratch.write_entry(&[], group, &mut words);
            }
        }
    }
    words
}

/// Buffers for the positions of one key and form, reused over a page's words.
#[derive(Default)]
struct Scratch {
    locations: Vec<(u32, u8)>,
    meta_locations: Vec<(u16, u32)>,
}

impl Scratch {
    /// Writes the page entry of occurrences of one key and form as the entry of the word or
    /// variant last pushed to `words`.
    fn write_entry(&mut self, body: &[BodyAt], meta: &[MetaAt], words: &mut postings::PageWords) {
        self.locations.clear();
        self.locations.extend(body.iter().map(|o| (o.1, o.2)));
        self.meta_locations.clear();
        self.meta_locations.extend(meta.iter().map(|o| (o.1, o.2)));
        words.extend_entry(|values| {
            format::write_page_entry(&mut self.locations, &mut self.meta_locations, values)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Diacritics in the body and in a meta field: a word's plain entry, then its variant
    /// forms (body forms first, then forms only in meta fields), each entry with its body and
    /// meta locations together, as Pagefind's writer files them.
    #[test]
    fn variant_forms_in_body_and_meta_share_an_entry() {
        let mut record = Record::default();
        record.digest.push_text("cafe café", text::BASE_WEIGHT);
        record.meta.insert("title".into(), "Café Zürich".into());
        let stemming = Stemming {
            stemmer: None,
            language: "xx".into(),
        };
        let page = index_page(&record, &stemming, &["title".to_string()]);
        // Words come in the order of their keys' ids: group each with its variants.
        type Grouped<'a> = (&'a str, &'a [i32], Vec<(&'a str, &'a [i32])>);
        let mut words: Vec<Grouped> = Vec::new();
        for part in page.words.parts() {
            match part {
                postings::Part::Word(word, entry) => words.push((word, entry, Vec::new())),
                postings::Part::Variant(form, entry) => {
                    words.last_mut().unwrap().2.push((form, entry))
                }
            }
        }
        words.sort();
        assert_eq!(
            words,
            [
                // Body position 0, usual weight; no meta. "café": body position 1, and
                // position 0 of field 0 (the title).
                (
                    "cafe",
                    &[2, -25, 0, 0][..],
                    vec![("café", &[2, -25, 1, 2, -1, 0][..])]
                ),
                // Only in the title, only with its diacritics: no plain entry.
                ("zurich", &[][..], vec![("zürich", &[0, 2, -1, 1][..])]),
            ]
        );
    }
}
