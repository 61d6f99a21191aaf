//! A word's index keys, cached per thread: a site has far fewer distinct words than words,
//! and stemming is most of the work per word. Keys are interned and numbered per thread, so
//! that equal keys are one allocation with one id, and a page's occurrences are grouped by
//! sorting integers, without comparing strings.

use std::cell::RefCell;
use std::rc::Rc;

use super::words;

/// One index key of a word.
#[derive(Debug)]
pub struct Key {
    /// Normalized and stemmed; the same allocation for the same key within a thread until
    /// `begin_page` starts the cache again.
    pub stemmed: Rc<str>,
    /// A number for the key, unique within a thread while `stemmed` is: occurrences sort by
    /// it as integers.
    pub id: u32,
    /// A part of a compound word ("talks" of "peace-talks"): indexed at a lower weight.
    pub compound_part: bool,
    /// The word before diacritics were folded, when that differs ("café" for "cafe").
    pub original: Option<Box<str>>,
}

/// The key cache of one thread, for one language at a time (the preview may change the
/// site's).
#[derive(Default)]
struct Cache {
    language: String,
    words: ahash::AHashMap<Box<str>, Rc<[Key]>>,
    stems: ahash::AHashMap<Rc<str>, u32>,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::default();
}

/// Beyond this many words a thread's cache starts again (a bound for long previews).
const LIMIT: usize = 200_000;

/// Readies this thread's cache for a page in `language`. Only here does the cache start
/// again, so the keys of one page are interned together.
pub fn begin_page(language: &str) {
    CACHE.with_borrow_mut(|cache| {
        if cache.language != language || cache.words.len() > LIMIT {
            cache.language = language.to_string();
            cache.words.clear();
            cache.stems.clear();
        }
    });
}

/// The index keys of one whitespace-separated word of the text.
pub fn keys(word: &str, stemmer: Option<&pagefind_stem::Stemmer>) -> Rc<[Key]> {
    CACHE.with_borrow_mut(|cache| {
        if let Some(keys) = cache.words.get(word) {
            return keys.clone();
        }
        let keys: Rc<[Key]> = words::indexable_words(word, stemmer)
            .into_iter()
            .map(|w| {
                let (stemmed, id) = intern(&mut cache.stems, &w.stemmed);
                Key {
                    stemmed,
                    id,
                    compound_part: w.compound_part,
                    original: w.original.map(String::into_boxed_str),
                }
            })
            .collect();
        cache.words.insert(word.into(), keys.clone());
        keys
    })
}

/// The interned stem and its id.
fn intern(stems: &mut ahash::AHashMap<Rc<str>, u32>, stem: &str) -> (Rc<str>, u32) {
    if let Some((interned, &id)) = stems.get_key_value(stem) {
        return (interned.clone(), id);
    }
    let interned: Rc<str> = stem.into();
    let id = stems.len() as u32;
    stems.insert(interned.clone(), id);
    (interned, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_of_different_words_share_one_allocation_and_id() {
        begin_page("en");
        let stemmer = words::stemmer("en");
        let (talks, talk) = (
            keys("talks", stemmer.as_ref()),
            keys("talk", stemmer.as_ref()),
        );
        assert_eq!(&*talks[0].stemmed, "talk");
        assert!(Rc::ptr_eq(&talks[0].stemmed, &talk[0].stemmed));
        assert_eq!(talks[0].id, talk[0].id);
        let kyiv = keys("Kyiv", stemmer.as_ref());
        assert_ne!(kyiv[0].id, talk[0].id);
    }
}
