//! ASCII slugs for URLs. Term names keep their display form; only their URLs use these.
//! Transliteration is `deunicode`'s (São Tomé → sao-tome), except for Ukrainian text, which
//! follows Ukraine's national system (`slugify_in`); names that transliterate badly get an
//! override in site.yaml, which the caller consults before calling either.

/// `slugify` for text written in `language`: Ukrainian Cyrillic is transliterated by the
/// national system of Ukraine (Cabinet of Ministers resolution No. 55 of 27 January 2010,
/// "Про впорядкування транслітерації українського алфавіту латиницею", as implemented by the
/// `uklatn` crate's `Kmu55` table): Київ → kyiv, Згорани → zghorany, Короп'є → koropie.
/// Other languages and scripts keep `deunicode`'s transliteration.
pub fn slugify_in(text: &str, language: &str) -> String {
    if !crate::language::is_ukrainian(language) || !text.chars().any(is_cyrillic) {
        return slugify(text);
    }
    // The resolution drops the apostrophe; the table knows ' and ’, not the modifier
    // letter ʼ (U+02BC) that Ukrainian orthography recommends, nor other look-alikes.
    let text: String = text
        .chars()
        .map(|c| match c {
            '\u{2BC}' | '\u{2018}' | '`' | '\u{B4}' => '\u{2019}',
            c => c,
        })
        .collect();
    slugify(&uklatn::encode(&text, uklatn::Table::Kmu55))
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{4FF}')
}

/// The longest file-name slug `sitrep new` and `sitrep import` write, in bytes: a long title
/// is cut at a word boundary before it, so the file name stays well within every file system's
/// limit (255 bytes on most).
pub const MAX_FILE_SLUG: usize = 80;

/// `slug` cut to at most `max` bytes at a word boundary (a hyphen), or mid-word when its
/// first word alone is longer. Slugs are ASCII, so any byte is a character boundary.
pub fn shorten(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    let cut = &slug[..max];
    match slug.as_bytes()[max] {
        b'-' => cut,
        _ => match cut.rfind('-') {
            Some(at) if at > 0 => &cut[..at],
            _ => cut,
        },
    }
    .trim_end_matches('-')
}

/// Emoji and other pictographs, with the joiners, variation selectors, keycaps and tags that
/// build emoji sequences: no part of a slug (`deunicode` would spell 🔥 as `fire`).
fn is_pictograph(c: char) -> bool {
    matches!(c,
        '\u{2300}'..='\u{23FF}'        // technical symbols: ⌚ ⏰ ⏳
        | '\u{2460}'..='\u{24FF}'      // enclosed alphanumerics: ① Ⓜ
        | '\u{25A0}'..='\u{27BF}'      // shapes, miscellaneous symbols, dingbats: ☀ ⚠ ✅ ❤
        | '\u{2900}'..='\u{297F}'      // supplemental arrows: ⤴
        | '\u{2B00}'..='\u{2BFF}'      // symbols and arrows: ⬆ ⭐
        | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}'
        | '\u{200D}'                    // zero-width joiner
        | '\u{20E3}'                    // combining keycap
        | '\u{FE00}'..='\u{FE0F}'      // variation selectors
        | '\u{1F000}'..='\u{1FAFF}'    // mahjong, cards, flags, emoji, pictographs
        | '\u{E0020}'..='\u{E007F}'    // tags (subdivision flags)
    )
}

/// Lowercase ASCII letters and digits joined by single hyphens; empty if nothing survives.
/// Emoji and other pictographs are dropped, not spelled out: `Kyiv 🔥 update` → `kyiv-update`.
pub fn slugify(text: &str) -> String {
    // Most names and headings are ASCII already: no pictographs to drop, nothing to
    // transliterate (two copies of the text saved on every term and heading of a build).
    if text.is_ascii() {
        return ascii_slug(text);
    }
    let text: String = text.chars().filter(|&c| !is_pictograph(c)).collect();
    ascii_slug(&deunicode::deunicode(&text))
}

/// The slug of ASCII text: lowercase letters and digits, runs of anything else one hyphen.
fn ascii_slug(ascii: &str) -> String {
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_hyphen = false;
    for c in ascii.chars() {
        // An apostrophe joins its word (`Ukraine's` → `ukraines`, `Kyiv’s` → `kyivs`).
        if c == '\'' {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

/// Why a slug written by hand cannot be used in a URL, or `None` if it can.
/// Allowed: lowercase ASCII letters, digits, `-` and `_`, not starting or ending with `-`.
pub fn check_slug(slug: &str) -> Option<&'static str> {
    if slug.is_empty() {
        return Some("it is empty");
    }
    if slug.contains('/') || slug.contains('\\') {
        return Some("it contains a slash");
    }
    if slug.contains("..") {
        return Some("it contains `..`");
    }
    if !slug
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        return Some("it may only use lowercase letters a-z, digits, `-` and `_`");
    }
    if slug.starts_with('-') || slug.ends_with('-') {
        return Some("it starts or ends with `-`");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_text_slugs_as_the_transliterating_route_does() {
        // Every printable ASCII character, alone and between words.
        for c in (0x20u8..0x7f).map(char::from) {
            for text in [
                c.to_string(),
                format!("Kyiv{c}Update {c}"),
                format!("{c}{c}a{c}B"),
            ] {
                let long_way = ascii_slug(&deunicode::deunicode(&text));
                assert_eq!(slugify(&text), long_way, "{text:?}");
            }
        }
    }

    #[test]
    fn transliterates_and_hyphenates() {
        assert_eq!(slugify("São Tomé"), "sao-tome");
        assert_eq!(slugify("Vladimir Putin"), "vladimir-putin");
        assert_eq!(slugify("  Black   Sea!! "), "black-sea");
        assert_eq!(slugify("Recep Tayyip Erdoğan"), "recep-tayyip-erdogan");
        assert_eq!(slugify("peace-talks"), "peace-talks");
        assert_eq!(slugify("../../etc"), "etc");
        assert_eq!(slugify("!!!"), "");
        assert_eq!(slugify("Ukraine's grid"), "ukraines-grid");
        assert_eq!(slugify("Kyiv’s ‘offer’"), "kyivs-offer");
        assert_eq!(slugify("'quoted'"), "quoted");
    }

    /// Every example of the table of the resolution (Cabinet of Ministers of Ukraine, No. 55
    /// of 27 January 2010), then the names the desk asked for.
    #[test]
    fn ukrainian_follows_the_national_system_of_2010() {
        let examples = [
            ("Алушта", "alushta"),
            ("Андрій", "andrii"),
            ("Борщагівка", "borshchahivka"),
            ("Борисенко", "borysenko"),
            ("Вінниця", "vinnytsia"),
            ("Володимир", "volodymyr"),
            ("Гадяч", "hadiach"),
            ("Богдан", "bohdan"),
            ("Згурський", "zghurskyi"),
            ("Ґалаґан", "galagan"),
            ("Ґорґани", "gorgany"),
            ("Донецьк", "donetsk"),
            ("Дмитро", "dmytro"),
            ("Рівне", "rivne"),
            ("Олег", "oleh"),
            ("Есмань", "esman"),
            ("Єнакієве", "yenakiieve"),
            ("Гаєвич", "haievych"),
            ("Короп’є", "koropie"),
            ("Житомир", "zhytomyr"),
            ("Жанна", "zhanna"),
            ("Жежелів", "zhezheliv"),
            ("Закарпаття", "zakarpattia"),
            ("Казимирчук", "kazymyrchuk"),
            ("Медвин", "medvyn"),
            ("Михайленко", "mykhailenko"),
            ("Іванків", "ivankiv"),
            ("Іващенко", "ivashchenko"),
            ("Їжакевич", "yizhakevych"),
            ("Кадиївка", "kadyivka"),
            ("Мар’їне", "marine"),
            ("Йосипівка", "yosypivka"),
            ("Стрий", "stryi"),
            ("Олексій", "oleksii"),
            ("Київ", "kyiv"),
            ("Коваленко", "kovalenko"),
            ("Лебедин", "lebedyn"),
            ("Леонід", "leonid"),
            ("Миколаїв", "mykolaiv"),
            ("Маринич", "marynych"),
            ("Ніжин", "nizhyn"),
            ("Наталія", "nataliia"),
            ("Одеса", "odesa"),
            ("Онищенко", "onyshchenko"),
            ("Полтава", "poltava"),
            ("Петро", "petro"),
            ("Решетилівка", "reshetylivka"),
            ("Рибчинський", "rybchynskyi"),
            ("Суми", "sumy"),
            ("Соломія", "solomiia"),
            ("Тернопіль", "ternopil"),
            ("Троць", "trots"),
            ("Ужгород", "uzhhorod"),
            ("Уляна", "uliana"),
            ("Фастів", "fastiv"),
            ("Філіпчук", "filipchuk"),
            ("Харків", "kharkiv"),
            ("Христина", "khrystyna"),
            ("Біла Церква", "bila-tserkva"),
            ("Стеценко", "stetsenko"),
            ("Чернівці", "chernivtsi"),
            ("Шевченко", "shevchenko"),
            ("Шостка", "shostka"),
            ("Кишеньки", "kyshenky"),
            ("Щербухи", "shcherbukhy"),
            ("Гоща", "hoshcha"),
            ("Гаращенко", "harashchenko"),
            ("Юрій", "yurii"),
            ("Корюківка", "koriukivka"),
            ("Яготин", "yahotyn"),
            ("Ярошенко", "yaroshenko"),
            ("Костянтин", "kostiantyn"),
            ("Знам’янка", "znamianka"),
            ("Феодосія", "feodosiia"),
            // The resolution's notes: зг is zgh; soft sign and apostrophe are dropped.
            ("Згорани", "zghorany"),
            ("Розгон", "rozghon"),
            // Asked for by the desk, and the apostrophes editors type.
            ("Іршава", "irshava"),
            ("Кадіївка", "kadiivka"),
            ("Ромни", "romny"),
            ("Тетерів", "teteriv"),
            ("Запоріжжя", "zaporizhzhia"),
            ("енергетику", "enerhetyku"),
            ("Короп'є", "koropie"),
            ("Коропʼє", "koropie"),
            ("Знам'янка", "znamianka"),
            // Word starts inside a phrase, and Latin text left as it is.
            ("Удар по Яготину і Юрію", "udar-po-yahotynu-i-yuriiu"),
            ("Kyiv — Київ", "kyiv-kyiv"),
        ];
        let wrong: Vec<String> = examples
            .iter()
            .filter_map(|(cyrillic, slug)| {
                let got = slugify_in(cyrillic, "uk");
                (got != *slug).then(|| format!("{cyrillic}: {got}, not {slug}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
        // Other languages keep the general transliteration, even for Cyrillic.
        assert_eq!(slugify_in("Київ", "en"), slugify("Київ"));
        assert_eq!(slugify_in("São Tomé", "uk"), "sao-tome");
        assert_eq!(slugify_in("Київ", "uk-UA"), "kyiv");
    }

    #[test]
    fn emoji_and_pictographs_are_dropped() {
        assert_eq!(slugify("Kyiv 🔥 update"), "kyiv-update");
        assert_eq!(slugify("🇺🇦 Kyiv holds"), "kyiv-holds");
        assert_eq!(slugify("Alert ⚠️ : ✅ done ⭐"), "alert-done");
        assert_eq!(slugify("Family 👨‍👩‍👧 reunited"), "family-reunited");
        assert_eq!(slugify("Round 2️⃣"), "round-2");
        assert_eq!(slugify("🔥🔥"), "");
        assert_eq!(slugify_in("Київ 🔥 вдень", "uk"), "kyiv-vden");
        // Letters outside the pictograph blocks stay.
        assert_eq!(slugify("São Tomé → Luanda"), "sao-tome-luanda");
    }

    #[test]
    fn long_slugs_are_cut_at_a_word_boundary() {
        let long = "a-very-long-headline-about-the-talks-in-istanbul-that-goes-on-and-on-until-it-is-far-too-long";
        let cut = shorten(long, MAX_FILE_SLUG);
        assert_eq!(
            cut,
            "a-very-long-headline-about-the-talks-in-istanbul-that-goes-on-and-on-until-it-is"
        );
        assert!(cut.len() <= MAX_FILE_SLUG);
        assert!(long.starts_with(cut));
        assert_eq!(shorten("short-one", MAX_FILE_SLUG), "short-one");
        // A cut that falls just before a hyphen keeps the whole last word.
        assert_eq!(shorten("abc-def-ghi", 7), "abc-def");
        assert_eq!(shorten("abc-def-ghi", 6), "abc");
        // One word longer than the limit is cut mid-word.
        assert_eq!(
            shorten(&"x".repeat(100), MAX_FILE_SLUG).len(),
            MAX_FILE_SLUG
        );
        assert!(check_slug(shorten(long, 9)).is_none());
    }

    #[test]
    fn slugify_output_always_passes_the_check() {
        for text in ["Київ", "الخرطوم", "Zaporizhzhia", "a/b", "..", "東京"] {
            let slug = slugify(text);
            assert!(
                slug.is_empty() || check_slug(&slug).is_none(),
                "{text} -> {slug}"
            );
        }
    }

    #[test]
    fn hand_written_slugs_are_checked() {
        assert_eq!(check_slug("ok-slug_2"), None);
        assert!(check_slug("").is_some());
        assert!(check_slug("a/b").is_some());
        assert!(check_slug("..").is_some());
        assert!(check_slug("Upper").is_some());
        assert!(check_slug("-x").is_some());
    }
}
