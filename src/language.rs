//! Language tags: which ones sitrep accepts for `language:` (site.yaml and front matter), a
//! "did you mean" for the ones it does not, and the plural categories of a language (for
//! the theme's "1 briefing" / "2 briefings"). Pure; knows nothing of themes or pages.

use crate::diagnostics::did_you_mean;

/// ISO 639-1 codes with their English names (the primary subtag of a BCP 47 tag).
pub const LANGUAGES: &[(&str, &str)] = &[
    ("aa", "Afar"),
    ("ab", "Abkhazian"),
    ("ae", "Avestan"),
    ("af", "Afrikaans"),
    ("ak", "Akan"),
    ("am", "Amharic"),
    ("an", "Aragonese"),
    ("ar", "Arabic"),
    ("as", "Assamese"),
    ("av", "Avaric"),
    ("ay", "Aymara"),
    ("az", "Azerbaijani"),
    ("ba", "Bashkir"),
    ("be", "Belarusian"),
    ("bg", "Bulgarian"),
    ("bi", "Bislama"),
    ("bm", "Bambara"),
    ("bn", "Bengali"),
    ("bo", "Tibetan"),
    ("br", "Breton"),
    ("bs", "Bosnian"),
    ("ca", "Catalan"),
    ("ce", "Chechen"),
    ("ch", "Chamorro"),
    ("co", "Corsican"),
    ("cr", "Cree"),
    ("cs", "Czech"),
    ("cu", "Church Slavonic"),
    ("cv", "Chuvash"),
    ("cy", "Welsh"),
    ("da", "Danish"),
    ("de", "German"),
    ("dv", "Divehi"),
    ("dz", "Dzongkha"),
    ("ee", "Ewe"),
    ("el", "Greek"),
    ("en", "English"),
    ("eo", "Esperanto"),
    ("es", "Spanish"),
    ("et", "Estonian"),
    ("eu", "Basque"),
    ("fa", "Persian"),
    ("ff", "Fulah"),
    ("fi", "Finnish"),
    ("fj", "Fijian"),
    ("fo", "Faroese"),
    ("fr", "French"),
    ("fy", "Western Frisian"),
    ("ga", "Irish"),
    ("gd", "Scottish Gaelic"),
    ("gl", "Galician"),
    ("gn", "Guarani"),
    ("gu", "Gujarati"),
    ("gv", "Manx"),
    ("ha", "Hausa"),
    ("he", "Hebrew"),
    ("hi", "Hindi"),
    ("ho", "Hiri Motu"),
    ("hr", "Croatian"),
    ("ht", "Haitian"),
    ("hu", "Hungarian"),
    ("hy", "Armenian"),
    ("hz", "Herero"),
    ("ia", "Interlingua"),
    ("id", "Indonesian"),
    ("ie", "Interlingue"),
    ("ig", "Igbo"),
    ("ii", "Sichuan Yi"),
    ("ik", "Inupiaq"),
    ("io", "Ido"),
    ("is", "Icelandic"),
    ("it", "Italian"),
    ("iu", "Inuktitut"),
    ("ja", "Japanese"),
    ("jv", "Javanese"),
    ("ka", "Georgian"),
    ("kg", "Kongo"),
    ("ki", "Kikuyu"),
    ("kj", "Kuanyama"),
    ("kk", "Kazakh"),
    ("kl", "Kalaallisut"),
    ("km", "Khmer"),
    ("kn", "Kannada"),
    ("ko", "Korean"),
    ("kr", "Kanuri"),
    ("ks", "Kashmiri"),
    ("ku", "Kurdish"),
    ("kv", "Komi"),
    ("kw", "Cornish"),
    ("ky", "Kyrgyz"),
    ("la", "Latin"),
    ("lb", "Luxembourgish"),
    ("lg", "Ganda"),
    ("li", "Limburgish"),
    ("ln", "Lingala"),
    ("lo", "Lao"),
    ("lt", "Lithuanian"),
    ("lu", "Luba-Katanga"),
    ("lv", "Latvian"),
    ("mg", "Malagasy"),
    ("mh", "Marshallese"),
    ("mi", "Maori"),
    ("mk", "Macedonian"),
    ("ml", "Malayalam"),
    ("mn", "Mongolian"),
    ("mr", "Marathi"),
    ("ms", "Malay"),
    ("mt", "Maltese"),
    ("my", "Burmese"),
    ("na", "Nauru"),
    ("nb", "Norwegian Bokmål"),
    ("nd", "North Ndebele"),
    ("ne", "Nepali"),
    ("ng", "Ndonga"),
    ("nl", "Dutch"),
    ("nn", "Norwegian Nynorsk"),
    ("no", "Norwegian"),
    ("nr", "South Ndebele"),
    ("nv", "Navajo"),
    ("ny", "Chichewa"),
    ("oc", "Occitan"),
    ("oj", "Ojibwa"),
    ("om", "Oromo"),
    ("or", "Oriya"),
    ("os", "Ossetian"),
    ("pa", "Punjabi"),
    ("pi", "Pali"),
    ("pl", "Polish"),
    ("ps", "Pashto"),
    ("pt", "Portuguese"),
    ("qu", "Quechua"),
    ("rm", "Romansh"),
    ("rn", "Rundi"),
    ("ro", "Romanian"),
    ("ru", "Russian"),
    ("rw", "Kinyarwanda"),
    ("sa", "Sanskrit"),
    ("sc", "Sardinian"),
    ("sd", "Sindhi"),
    ("se", "Northern Sami"),
    ("sg", "Sango"),
    ("si", "Sinhala"),
    ("sk", "Slovak"),
    ("sl", "Slovenian"),
    ("sm", "Samoan"),
    ("sn", "Shona"),
    ("so", "Somali"),
    ("sq", "Albanian"),
    ("sr", "Serbian"),
    ("ss", "Swati"),
    ("st", "Southern Sotho"),
    ("su", "Sundanese"),
    ("sv", "Swedish"),
    ("sw", "Swahili"),
    ("ta", "Tamil"),
    ("te", "Telugu"),
    ("tg", "Tajik"),
    ("th", "Thai"),
    ("ti", "Tigrinya"),
    ("tk", "Turkmen"),
    ("tl", "Tagalog"),
    ("tn", "Tswana"),
    ("to", "Tonga"),
    ("tr", "Turkish"),
    ("ts", "Tsonga"),
    ("tt", "Tatar"),
    ("tw", "Twi"),
    ("ty", "Tahitian"),
    ("ug", "Uyghur"),
    ("uk", "Ukrainian"),
    ("ur", "Urdu"),
    ("uz", "Uzbek"),
    ("ve", "Venda"),
    ("vi", "Vietnamese"),
    ("vo", "Volapük"),
    ("wa", "Walloon"),
    ("wo", "Wolof"),
    ("xh", "Xhosa"),
    ("yi", "Yiddish"),
    ("yo", "Yoruba"),
    ("za", "Zhuang"),
    ("zh", "Chinese"),
    ("zu", "Zulu"),
];

/// The primary language subtag of a tag, lowercase: `uk-UA` → `uk`.
pub fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Whether text in `tag` is Ukrainian (so slugs use the national transliteration).
pub fn is_ukrainian(tag: &str) -> bool {
    primary(tag) == "uk"
}

/// The language of a text, when its letters say so: Cyrillic with a letter only Ukrainian
/// uses (і ї є ґ) is `uk`. `None` when they do not (Latin script, or Cyrillic without those
/// letters, which may be Russian or Ukrainian alike).
pub fn detect(text: &str) -> Option<&'static str> {
    let ukrainian = text
        .chars()
        .any(|c| matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ'));
    // Letters Ukrainian does not have: Russian's ы э ъ ё, Belarusian's ў (which shares і).
    let other = text
        .chars()
        .any(|c| matches!(c, 'ы' | 'э' | 'ъ' | 'ё' | 'ў' | 'Ы' | 'Э' | 'Ъ' | 'Ё' | 'Ў'));
    // Mostly Cyrillic: an English title quoting one word ("Київ") stays English.
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let cyrillic = text
        .chars()
        .filter(|c| ('\u{0400}'..='\u{04FF}').contains(c))
        .count();
    (ukrainian && !other && cyrillic * 2 > letters).then_some("uk")
}

/// Checks a language tag as written: an ISO 639-1 code (`uk`), optionally followed by
/// BCP 47 subtags (`en-GB`, `sr-Latn`). `Err((message, hint))` for anything else.
pub fn check_language(tag: &str) -> Result<(), (String, String)> {
    let tag = tag.trim();
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or_default();
    let known = LANGUAGES.iter().any(|(code, _)| *code == first);
    let subtags_ok =
        parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if known && subtags_ok {
        return Ok(());
    }
    let message = format!("unknown language `{tag}`");
    let name = |code: &str| {
        LANGUAGES
            .iter()
            .find(|(c, _)| *c == code)
            .map_or("", |(_, n)| n)
    };
    let lower = tag.to_lowercase();
    let suggestion = if lower == "ua" {
        // Ukraine's country code, often taken for its language's.
        Some("uk")
    } else if known {
        None
    } else if let Some((code, _)) = LANGUAGES.iter().find(|(c, n)| {
        n.eq_ignore_ascii_case(&lower)
            || (lower.len() == 3 && n.to_lowercase().starts_with(&lower))
            || first.eq_ignore_ascii_case(c)
    }) {
        Some(*code)
    } else {
        did_you_mean(first, LANGUAGES.iter().map(|(c, _)| *c))
    };
    let hint = match suggestion {
        Some(code) if lower == "ua" => format!(
            "`ua` is Ukraine's country code; the Ukrainian language is `{code}` (write `uk-UA` to name both)"
        ),
        Some(code) => format!("did you mean `{code}` ({})?", name(code)),
        None if known => "after the language code, write subtags of letters and digits separated by `-`, like `en-GB` or `sr-Latn`".into(),
        None => "use a two-letter ISO 639-1 code, like `en` (English) or `uk` (Ukrainian)".into(),
    };
    Err((message, hint))
}

/// The CLDR plural category of a whole number `n` in `tag`: `one`, `few`, `many` or
/// `other`. Languages not listed here use English's rule (`one` for 1, else `other`).
pub fn plural_category(tag: &str, n: u64) -> &'static str {
    let (ten, hundred) = (n % 10, n % 100);
    match primary(tag).as_str() {
        // East Slavic: 1, 21, 31 … one; 2-4, 22-24 … few; the rest many.
        "uk" | "ru" | "be" => {
            if ten == 1 && hundred != 11 {
                "one"
            } else if (2..=4).contains(&ten) && !(12..=14).contains(&hundred) {
                "few"
            } else {
                "many"
            }
        }
        "pl" => {
            if n == 1 {
                "one"
            } else if (2..=4).contains(&ten) && !(12..=14).contains(&hundred) {
                "few"
            } else {
                "many"
            }
        }
        "cs" | "sk" => match n {
            1 => "one",
            2..=4 => "few",
            _ => "other",
        },
        // No plural forms.
        "ja" | "ko" | "zh" | "th" | "vi" | "id" | "ms" => "other",
        "fr" if n <= 1 => "one",
        _ if n == 1 => "one",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_is_recognised_by_its_letters() {
        assert_eq!(detect("Київ готується до зими"), Some("uk"));
        assert_eq!(detect("Україна"), Some("uk"));
        assert_eq!(detect("Ґанок"), Some("uk"));
        assert_eq!(detect("Kyiv prepares for winter"), None);
        // One quoted word does not make an English title Ukrainian.
        assert_eq!(detect("Residents of «Київ» prepare for winter"), None);
        // Cyrillic without a letter of its own: it could be either.
        assert_eq!(detect("Удар по Харкову"), None);
        assert_eq!(detect("Москва готовится к зиме, объявлены"), None);
        assert_eq!(detect("Беларусь і ўлада"), None);
    }

    #[test]
    fn tags_are_checked_with_suggestions() {
        for good in ["en", "uk", "uk-UA", "en-GB", "sr-Latn", "zh-Hant-TW"] {
            assert_eq!(check_language(good), Ok(()), "{good}");
        }
        let hint = |tag: &str| check_language(tag).unwrap_err().1;
        assert!(hint("ua").contains("`uk`"), "{}", hint("ua"));
        assert!(hint("Ukrainian").contains("`uk`"));
        assert!(hint("ukr").contains("`uk`"));
        assert!(hint("english").contains("`en`"));
        assert!(hint("EN").contains("`en`"));
        assert!(hint("en-").contains("subtags"));
        assert!(check_language("xx").is_err());
        assert!(check_language("").is_err());
    }

    #[test]
    fn plural_categories() {
        let uk: Vec<&str> = [1, 2, 4, 5, 11, 12, 21, 22, 25, 101, 111, 0]
            .iter()
            .map(|&n| plural_category("uk", n))
            .collect();
        assert_eq!(
            uk,
            [
                "one", "few", "few", "many", "many", "many", "one", "few", "many", "one", "many",
                "many"
            ]
        );
        assert_eq!(plural_category("en", 1), "one");
        assert_eq!(plural_category("en-GB", 0), "other");
        assert_eq!(plural_category("de", 2), "other");
    }
}
