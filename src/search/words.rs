//! Words of plain text as Pagefind 1.6.0 indexes them: lowercased, punctuation dropped,
//! diacritics folded (the original form kept as a variant), stemmed with `pagefind_stem` (the
//! stemmer Pagefind's WebAssembly applies to queries), compound words also indexed by part.
//! A port of the crate's `fossick/splitting.rs`, minus emoji and katakana handling, so that
//! a query finds what the Pagefind CLI would let it find. Pure.

use convert_case::{Case, Casing};
use pagefind_stem::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// One word to put in the index for a word of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indexable {
    /// Normalized and stemmed: the key of the index.
    pub stemmed: String,
    /// A part of a compound word ("talks" of "peace-talks"): indexed at a lower weight.
    pub compound_part: bool,
    /// The word before diacritics were folded, when that differs ("café" for "cafe").
    pub original: Option<String>,
}

/// The stemmer Pagefind uses for a language tag (`en`, `uk`, `pt-BR`), if it has one.
pub fn stemmer(language: &str) -> Option<Stemmer> {
    let algorithm = match language.split('-').next().unwrap_or_default() {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// Every index key for one whitespace-separated word of the text.
pub fn indexable_words(raw: &str, stemmer: Option<&Stemmer>) -> Vec<Indexable> {
    let mut results = Vec::new();
    let normalized = normalize_word(raw);
    if !normalized.is_empty() {
        results.push(stem_word(&normalized, stemmer, false));
    }
    let possibly_compound =
        raw.chars().any(|c| !c.is_alphanumeric()) || raw.chars().skip(1).any(char::is_uppercase);
    if !possibly_compound {
        return results;
    }
    let parts = discrete_words(raw);
    if !normalized.is_empty()
        && (parts.contains(char::is_whitespace) || !normalized.starts_with(&parts))
    {
        // Only parts of two bytes or more, as Pagefind.
        for part in parts.split_whitespace().filter(|w| w.len() > 1) {
            let folded = fold_diacritics(part);
            let base = folded.as_deref().unwrap_or(part);
            let stemmed = match stemmer {
                Some(stemmer) => stemmer.stem(base).into_owned(),
                None => base.to_string(),
            };
            results.push(Indexable {
                stemmed,
                original: folded.map(|_| part.to_string()),
                compound_part: true,
            });
        }
    }
    results.extend(dotted_tails(raw, stemmer, &results));
    results
}

/// `sysconfig.is_python_build` → also `is_python_build`: a compound tail after a dot.
fn dotted_tails(raw: &str, stemmer: Option<&Stemmer>, existing: &[Indexable]) -> Vec<Indexable> {
    const MAX_TAIL_CHARS: usize = 64;
    let mut tails: Vec<Indexable> = Vec::new();
    for (i, _) in raw.match_indices('.') {
        let rest = &raw[i + 1..];
        let tail = match rest.char_indices().nth(MAX_TAIL_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        let compound = tail.chars().any(|c| !c.is_alphanumeric())
            || tail.chars().skip(1).any(char::is_uppercase);
        if !compound {
            continue;
        }
        let normalized = normalize_word(tail);
        if normalized.chars().count() < 2 {
            continue;
        }
        let word = stem_word(&normalized, stemmer, true);
        let seen = existing
            .iter()
            .chain(&tails)
            .any(|w| w.stemmed == word.stemmed);
        if !seen {
            tails.push(word);
        }
    }
    tails
}

/// Characters that count as part of a word besides letters and digits (Unicode's "connector
/// punctuation", `_` among them): Pagefind's default, listed in `pagefind-entry.json` so the
/// browser keeps them in queries too.
pub const WORD_SYMBOLS: [char; 10] = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

/// Letters, digits and `WORD_SYMBOLS` only, lowercased.
pub fn normalize_word(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw
        .chars()
        .filter(|c| c.is_alphanumeric() || WORD_SYMBOLS.contains(c))
    {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn stem_word(normalized: &str, stemmer: Option<&Stemmer>, compound_part: bool) -> Indexable {
    let folded = fold_diacritics(normalized);
    let base = folded.as_deref().unwrap_or(normalized);
    let stemmed = match stemmer {
        Some(stemmer) => stemmer.stem(base).into_owned(),
        None => base.to_string(),
    };
    Indexable {
        stemmed,
        original: folded.map(|_| normalized.to_string()),
        compound_part,
    }
}

/// "café" → "cafe"; None when nothing changes. Kana voicing marks are kept (they tell
/// words apart), as in Pagefind.
fn fold_diacritics(word: &str) -> Option<String> {
    if word.is_ascii() || !has_decomposition(word) {
        return None;
    }
    let kana_mark = |c: char| matches!(c, '\u{3099}' | '\u{309A}');
    let stripped: String = word
        .nfd()
        .filter(|&c| !unicode_normalization::char::is_combining_mark(c) || kana_mark(c))
        .collect();
    let folded = if stripped.chars().any(kana_mark) {
        stripped.nfc().collect()
    } else {
        stripped
    };
    (folded != word).then_some(folded)
}

fn has_decomposition(word: &str) -> bool {
    word.chars().any(|c| {
        let mut decomposes = unicode_normalization::char::is_combining_mark(c);
        unicode_normalization::char::decompose_canonical(c, |part| decomposes |= part != c);
        decomposes
    })
}

/// The parts of a compound word, lowercased and separated by spaces (`NATO-led` → `nato led`).
fn discrete_words(raw: &str) -> String {
    raw.replace(|c: char| c.is_ascii_punctuation(), " ")
        .to_case(Case::Lower)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(word: &str) -> Vec<String> {
        let en = stemmer("en");
        indexable_words(word, en.as_ref())
            .into_iter()
            .map(|w| w.stemmed)
            .collect()
    }

    #[test]
    fn plain_words_are_lowercased_and_stemmed() {
        assert_eq!(keys("Negotiations,"), ["negoti"]);
        assert_eq!(keys("talks"), ["talk"]);
    }

    #[test]
    fn compound_words_are_indexed_whole_and_by_part() {
        assert_eq!(keys("peace-talks"), ["peacetalk", "peac", "talk"]);
        assert_eq!(keys("NATO-led"), ["natol", "nato", "led"]);
    }

    #[test]
    fn diacritics_are_folded_and_the_original_kept() {
        let words = indexable_words("Café", None);
        assert_eq!(words[0].stemmed, "cafe");
        assert_eq!(words[0].original.as_deref(), Some("café"));
        // Cyrillic ї decomposes (і + diaeresis), as the browser's query normalization does.
        assert_eq!(indexable_words("Київ", None)[0].stemmed, "киів");
    }

    #[test]
    fn punctuation_alone_gives_nothing() {
        assert!(keys("—").is_empty());
    }

    #[test]
    fn languages_without_a_stemmer_are_not_stemmed() {
        assert!(stemmer("uk").is_none());
        assert!(stemmer("pt-BR").is_some());
    }
}
