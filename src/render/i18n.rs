//! A theme's interface words in each language: `themes/<name>/i18n/<lang>.yaml`, with a site's
//! own `i18n/<lang>.yaml` taking precedence key by key. English (`en.yaml`) is the fallback for
//! every key a language does not translate. Month names and the default date format live here
//! too, so `| date` and the date pages speak the page's language. Parsing is pure; the theme
//! loader reads the files.

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostic;
use crate::language::plural_category;

/// The language every theme's words fall back to.
pub const FALLBACK: &str = "en";

/// Keys that are not words: twelve month names each, and the default `date` format.
const MONTHS: &str = "months";
const MONTHS_GENITIVE: &str = "months_genitive";
const MONTHS_SHORT: &str = "months_short";
const DATE_FORMAT: &str = "date_format";

/// One translated text: plain, or one form per plural category (`one`, `few`, `many`, `other`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Text {
    Plain(String),
    Plural(BTreeMap<String, String>),
}

/// The words of one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Table {
    words: BTreeMap<String, Text>,
    /// Month names standing alone ("July"), after a day ("21 липня"), and short ("Jul").
    months: Option<Vec<String>>,
    months_genitive: Option<Vec<String>>,
    months_short: Option<Vec<String>>,
    date_format: Option<String>,
}

/// Every language's words, by language tag as the file is named (`uk`, `en-gb`: lowercase).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Translations {
    tables: BTreeMap<String, Table>,
    /// For another theme: the built-in default theme's words, asked only for a key the
    /// theme lacks in the page's language and in English and that `t` gives no `default=`
    /// for, as the built-in templates such a theme may lack (search.html, timeline.html) do;
    /// and for month names and date formats the theme lacks.
    built_in: Option<Box<Translations>>,
}

impl Translations {
    /// Falls back to `built_in` (the default theme's words) for keys this theme lacks.
    pub fn fall_back_to(&mut self, built_in: Translations) {
        self.built_in = Some(Box::new(built_in));
    }

    /// Adds the file `label` (`themes/default/i18n/uk.yaml`) for `language`; its keys replace
    /// those read before (so the site's files, read last, win). Problems name the file's line.
    pub fn add_file(
        &mut self,
        label: &str,
        language: &str,
        text: &str,
    ) -> Result<(), Vec<Diagnostic>> {
        let entries = crate::yaml::parse_mapping(text).map_err(|e| {
            vec![
                Diagnostic::error(
                    label,
                    e.line,
                    e.col,
                    format!("this is not valid YAML: {}", e.message),
                )
                .with_source_line(text)
                .with_hint(
                    e.hint
                        .unwrap_or_else(|| "check the indentation and quoting on this line".into()),
                ),
            ]
        })?;
        let table = self
            .tables
            .entry(language.to_ascii_lowercase())
            .or_default();
        let mut errors = Vec::new();
        for entry in entries {
            let bad = |message: String, hint: &str| {
                Diagnostic::error(label, entry.line, 1, message)
                    .with_source_line(text)
                    .with_hint(hint)
            };
            let months = || -> Result<Vec<String>, String> {
                let items = entry.value.as_sequence().unwrap_or_default();
                let names: Vec<String> = items.iter().filter_map(|n| n.as_scalar_text()).collect();
                if names.len() == 12 && items.len() == 12 {
                    Ok(names)
                } else {
                    Err(format!(
                        "`{}` must list the twelve months, January first",
                        entry.key
                    ))
                }
            };
            let result = match entry.key.as_str() {
                MONTHS => months().map(|m| table.months = Some(m)),
                MONTHS_GENITIVE => months().map(|m| table.months_genitive = Some(m)),
                MONTHS_SHORT => months().map(|m| table.months_short = Some(m)),
                DATE_FORMAT => entry
                    .value
                    .as_scalar_text()
                    .map(|f| table.date_format = Some(f))
                    .ok_or_else(|| "`date_format` must be text, like \"%-d %B %Y\"".to_string()),
                key => {
                    if let Some(plain) = entry.value.as_scalar_text() {
                        table.words.insert(key.to_string(), Text::Plain(plain));
                        Ok(())
                    } else if let Some(forms) = entry.value.as_mapping() {
                        let mut plural = BTreeMap::new();
                        let mut problem = None;
                        for (category, form) in forms {
                            match (category.as_str(), form.as_scalar_text()) {
                                ("zero" | "one" | "two" | "few" | "many" | "other", Some(form)) => {
                                    plural.insert(category, form);
                                }
                                _ => {
                                    problem = Some(format!(
                                        "`{key}` has a form `{category}`: plural forms are zero, one, two, few, many and other, each a text"
                                    ))
                                }
                            }
                        }
                        match problem {
                            Some(problem) => Err(problem),
                            None if !plural.contains_key("other")
                                && !plural.contains_key("many") =>
                            {
                                Err(format!(
                                    "`{key}` needs an `other` form (or `many`), used for numbers no other form covers"
                                ))
                            }
                            None => {
                                table.words.insert(key.to_string(), Text::Plural(plural));
                                Ok(())
                            }
                        }
                    } else {
                        Err(format!(
                            "`{key}` must be a text, or plural forms like `one:` and `other:`"
                        ))
                    }
                }
            };
            if let Err(message) = result {
                errors.push(bad(message, "see docs/templates.md, \"Languages\""));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Whether any file was read (themes without an `i18n/` folder have none).
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
    }

    /// Whether words for `language` (or its primary subtag) were read.
    pub fn has_language(&self, language: &str) -> bool {
        self.candidates(language).next().is_some_and(|(tag, _)| {
            tag != FALLBACK || crate::language::primary(language) == FALLBACK
        })
    }

    /// For dates and month names: `candidates`, then the built-in theme's (the words of `t`
    /// ask it only as a last resort, after `default=`).
    fn with_built_in<'a>(&'a self, language: &str) -> impl Iterator<Item = (&'a str, &'a Table)> {
        self.candidates(language).chain(
            self.built_in
                .as_deref()
                .into_iter()
                .flat_map(move |built_in| built_in.candidates(language)),
        )
    }

    /// The tables to try for `language`, most specific first, English last.
    fn candidates<'a>(&'a self, language: &str) -> impl Iterator<Item = (&'a str, &'a Table)> + 'a {
        // Asked for every word and date of every page: no allocation unless the tag has
        // capitals (`pt-BR`).
        let full: std::borrow::Cow<str> = if language.bytes().any(|b| b.is_ascii_uppercase()) {
            language.to_ascii_lowercase().into()
        } else {
            language.into()
        };
        let primary = full.split(['-', '_']).next().unwrap_or_default();
        let lookup = |tag: &str| {
            self.tables
                .get_key_value(tag)
                .map(|(tag, table)| (tag.as_str(), table))
        };
        let first = lookup(&full);
        let second = (primary != full).then(|| lookup(primary)).flatten();
        let last = (primary != FALLBACK && full != FALLBACK)
            .then(|| lookup(FALLBACK))
            .flatten();
        [first, second, last].into_iter().flatten()
    }

    /// The text of `key` in `language`, with `{n}` and the other `{name}`s replaced from
    /// `args`; a plural text picks its form by `n`. Falls back to `default`, then to English.
    pub fn translate(
        &self,
        language: &str,
        key: &str,
        n: Option<u64>,
        default: Option<&str>,
        args: &[(&str, String)],
    ) -> Result<String, String> {
        let mut found: Option<(&str, &Text)> = None;
        let mut fallback_default = None;
        for (tag, table) in self.candidates(language) {
            if let Some(default) = default
                && tag == FALLBACK
                && crate::language::primary(language) != FALLBACK
            {
                fallback_default = Some(default);
                break;
            }
            if let Some(text) = table.words.get(key) {
                found = Some((tag, text));
                break;
            }
        }
        let (tag, text) = match (found, fallback_default.or(default)) {
            (Some(found), _) => found,
            (None, Some(default)) => return Ok(fill(default.to_string(), n, args)),
            (None, None) if self.built_in.is_some() => {
                let built_in = self.built_in.as_deref().expect("checked");
                return built_in.translate(language, key, n, None, args);
            }
            (None, None) => {
                return Err(format!(
                    "no text for `{key}` in i18n/{language}.yaml or i18n/{FALLBACK}.yaml of the theme; add `{key}: …` to one of them"
                ));
            }
        };
        let text = match text {
            Text::Plain(text) => text.clone(),
            Text::Plural(forms) => {
                let n = n.ok_or_else(|| {
                    format!("`{key}` has plural forms: pass the number, as in \"{key}\" | t(n=…)")
                })?;
                let category = plural_category(tag, n);
                forms
                    .get(category)
                    .or_else(|| forms.get("other"))
                    .or_else(|| forms.get("many"))
                    .cloned()
                    .unwrap_or_default()
            }
        };
        Ok(fill(text, n, args))
    }

    /// The name of month `month` (1-12) in `language`: standing alone, or after a day number
    /// (the genitive where the language has one: "21 липня").
    pub fn month(&self, language: &str, month: i8, after_day: bool) -> String {
        let index = usize::try_from(month - 1).unwrap_or(0).min(11);
        let names = self.with_built_in(language).find_map(|(_, t)| {
            if after_day {
                t.months_genitive.as_ref().or(t.months.as_ref())
            } else {
                t.months.as_ref()
            }
        });
        names.map_or_else(
            || crate::content::dates::month_name(month).to_string(),
            |n| n[index].clone(),
        )
    }

    /// The short name of month `month` in `language` ("Jul", "лип.").
    pub fn month_short(&self, language: &str, month: i8) -> Option<String> {
        let index = usize::try_from(month - 1).unwrap_or(0).min(11);
        self.with_built_in(language)
            .find_map(|(_, t)| t.months_short.as_ref())
            .map(|n| n[index].clone())
    }

    /// The default format of `| date` in `language`.
    pub fn date_format(&self, language: &str) -> Option<&str> {
        self.with_built_in(language)
            .find_map(|(_, t)| t.date_format.as_deref())
    }

    /// Whether `language` has month names of its own (else jiff's English ones serve).
    fn has_months(&self, language: &str) -> bool {
        self.with_built_in(language)
            .any(|(_, t)| t.months.is_some())
    }

    /// `format` with `%B` and `%b` replaced by `language`'s month names for `month`, so
    /// strftime prints them as they are. `%B` after a day directive takes the genitive.
    pub fn localize_format(&self, language: &str, format: &str, month: i8) -> String {
        if !self.has_months(language) || !format.contains('%') {
            return format.to_string();
        }
        let after_day = ['d', 'e']
            .iter()
            .any(|d| directive_positions(format).any(|(_, c)| c == *d));
        let mut out = String::with_capacity(format.len() + 8);
        let mut last = 0;
        for (start, c) in directive_positions(format) {
            let end = start + format[start..].find(c).unwrap_or(0) + 1;
            let name = match c {
                'B' => Some(self.month(language, month, after_day)),
                'b' | 'h' => self.month_short(language, month),
                _ => None,
            };
            if let Some(name) = name {
                out.push_str(&format[last..start]);
                out.push_str(&name.replace('%', "%%"));
                last = end;
            }
        }
        out.push_str(&format[last..]);
        out
    }
}

/// `text` with `{n}` and the other `{name}`s of `args` replaced.
fn fill(text: String, n: Option<u64>, args: &[(&str, String)]) -> String {
    let mut out = text;
    if let Some(n) = n {
        out = out.replace("{n}", &n.to_string());
    }
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Start offsets and letters of the strftime directives of `format` (`%-d` → `d`), skipping
/// `%%`.
fn directive_positions(format: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut chars = format.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((start, c)) = chars.next() {
            if c != '%' {
                continue;
            }
            while let Some(&(_, flag)) = chars.peek() {
                if matches!(flag, '-' | '_' | '0' | '^' | '#' | ':') || flag.is_ascii_digit() {
                    chars.next();
                } else {
                    break;
                }
            }
            match chars.next() {
                Some((_, '%')) => continue,
                Some((_, letter)) => return Some((start, letter)),
                None => return None,
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn translations() -> Translations {
        let mut t = Translations::default();
        t.add_file(
            "en.yaml",
            "en",
            "min_read: \"{n} min read\"\nbriefings:\n  one: \"{n} briefing\"\n  other: \"{n} briefings\"\nhome: Home\nbuilt_with: \"Built with {generator}\"\nmonths: [January, February, March, April, May, June, July, August, September, October, November, December]\n",
        )
        .unwrap();
        t.add_file(
            "uk.yaml",
            "uk",
            "min_read: \"{n} хв читання\"\nbriefings:\n  one: \"{n} огляд\"\n  few: \"{n} огляди\"\n  many: \"{n} оглядів\"\nmonths: [Січень, Лютий, Березень, Квітень, Травень, Червень, Липень, Серпень, Вересень, Жовтень, Листопад, Грудень]\nmonths_genitive: [січня, лютого, березня, квітня, травня, червня, липня, серпня, вересня, жовтня, листопада, грудня]\nmonths_short: [січ., лют., бер., квіт., трав., черв., лип., серп., вер., жовт., лист., груд.]\n",
        )
        .unwrap();
        t
    }

    #[test]
    fn words_plurals_and_fallbacks() {
        let t = translations();
        let say =
            |lang: &str, key: &str, n: Option<u64>| t.translate(lang, key, n, None, &[]).unwrap();
        assert_eq!(say("uk", "min_read", Some(4)), "4 хв читання");
        assert_eq!(say("uk-UA", "min_read", Some(4)), "4 хв читання");
        assert_eq!(say("UK", "min_read", Some(4)), "4 хв читання");
        assert_eq!(say("en-GB", "min_read", Some(1)), "1 min read");
        assert_eq!(say("en", "min_read", Some(1)), "1 min read");
        let counts: Vec<String> = [1, 3, 5, 21, 11]
            .iter()
            .map(|&n| say("uk", "briefings", Some(n)))
            .collect();
        assert_eq!(
            counts,
            ["1 огляд", "3 огляди", "5 оглядів", "21 огляд", "11 оглядів"]
        );
        assert_eq!(say("en", "briefings", Some(2)), "2 briefings");
        // Not translated: English, unless the template gives its own default.
        assert_eq!(say("uk", "home", None), "Home");
        assert_eq!(
            t.translate("uk", "home", None, Some("Головна"), &[])
                .unwrap(),
            "Головна"
        );
        assert_eq!(
            t.translate("en", "home", None, Some("Start"), &[]).unwrap(),
            "Home"
        );
        assert_eq!(
            t.translate(
                "de",
                "built_with",
                None,
                None,
                &[("generator", "sitrep".into())]
            )
            .unwrap(),
            "Built with sitrep"
        );
        assert!(
            t.translate("uk", "nope", None, None, &[])
                .unwrap_err()
                .contains("`nope`")
        );
        assert!(t.translate("uk", "briefings", None, None, &[]).is_err());
        assert!(t.has_language("uk") && t.has_language("en") && !t.has_language("de"));
    }

    #[test]
    fn months_follow_the_language_and_the_format() {
        let t = translations();
        assert_eq!(t.month("uk", 7, false), "Липень");
        assert_eq!(t.month("uk", 7, true), "липня");
        assert_eq!(t.month("en", 7, true), "July");
        assert_eq!(t.localize_format("uk", "%-d %B %Y", 7), "%-d липня %Y");
        assert_eq!(t.localize_format("uk", "%B %Y", 7), "Липень %Y");
        assert_eq!(t.localize_format("uk", "%-d %b", 7), "%-d лип.");
        assert_eq!(t.localize_format("uk", "100%% %B", 7), "100%% Липень");
        assert_eq!(Translations::default().localize_format("uk", "%B", 7), "%B");
    }

    #[test]
    fn bad_files_name_the_line() {
        let mut t = Translations::default();
        let errors = t
            .add_file(
                "i18n/uk.yaml",
                "uk",
                "home: Головна\nmonths: [a, b]\nbriefings:\n  single: x\n",
            )
            .unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|d| d.line).collect();
        assert_eq!(lines, [2, 3]);
    }
}
