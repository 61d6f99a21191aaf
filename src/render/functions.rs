//! The functions and filters sitrep adds to Tera, so themes never build URLs, parse dates or
//! hard-code interface words: `url(path=…, absolute=…)`, `| url`, `| date(format=…)`,
//! `| iso_date`, `key | t(n=…)` and `t(key=…, n=…)`. Words and month names are in the
//! language of the context's `lang` (the page's, or a list entry's), which sitrep sets for
//! every template.

use std::sync::Arc;

use tera::{Error, Kwargs, State, Tera, TeraResult};

use crate::config::BaseUrl;
use crate::content::dates::{parse_date, rfc3339};

use super::i18n::Translations;

pub(super) const DEFAULT_DATE_FORMAT: &str = "%-d %B %Y";

/// The language of the template being rendered: its `lang` variable (English without one).
/// A copy of the context's value, not a new String: filters ask on every date a list shows.
fn language(state: &State) -> tera::Value {
    match state.get::<tera::Value>("lang") {
        Ok(Some(value)) if value.as_str().is_some() => value,
        _ => tera::Value::from(super::i18n::FALLBACK),
    }
}

/// The text of a `language` value.
fn text_of(language: &tera::Value) -> &str {
    language.as_str().unwrap_or(super::i18n::FALLBACK)
}

pub fn register(tera: &mut Tera, base_url: &BaseUrl, translations: &Arc<Translations>) {
    let base = base_url.clone();
    tera.register_function(
        "url",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            // One pass over the arguments, as in t(); Tera's own message when they are wrong.
            let (mut path, mut absolute) = (None, None);
            for (name, value) in kwargs.iter() {
                match name.as_str() {
                    Some("path") => path = value.as_str(),
                    Some("absolute") => absolute = Some(value),
                    _ => {}
                }
            }
            let path: &str = match path {
                Some(path) => path,
                None => kwargs.must_get("path")?,
            };
            let absolute = match absolute.map(|a| a.as_bool()) {
                Some(Some(absolute)) => absolute,
                Some(None) => kwargs.must_get::<bool>("absolute")?,
                None => false,
            };
            Ok(site_url(&base, path, absolute))
        },
    );
    let base = base_url.clone();
    tera.register_filter(
        "url",
        move |path: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let absolute = kwargs.get::<bool>("absolute")?.unwrap_or(false);
            Ok(site_url(&base, path, absolute))
        },
    );
    let words = translations.clone();
    tera.register_filter(
        "date",
        move |value: &str, kwargs: Kwargs, state: &State| -> TeraResult<String> {
            let language = language(state);
            let language = text_of(&language);
            let format = match kwargs.get::<&str>("format")? {
                Some(format) => format,
                None => words.date_format(language).unwrap_or(DEFAULT_DATE_FORMAT),
            };
            format_date_in(value, format, &words, language).map_err(Error::message)
        },
    );
    let words = translations.clone();
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> TeraResult<String> {
            translate(&words, None, &kwargs, state)
        },
    );
    // `{{ "home" | t }}`, as Liquid themes write it: the same words as t(key="home"), for
    // less work (a call without arguments builds no argument map).
    let words = translations.clone();
    tera.register_filter(
        "t",
        move |key: &str, kwargs: Kwargs, state: &State| -> TeraResult<String> {
            translate(&words, Some(key), &kwargs, state)
        },
    );
    tera.register_filter(
        "iso_date",
        |value: &str, _: Kwargs, _: &State| -> TeraResult<String> {
            rfc3339(value).ok_or_else(|| Error::message(format!("`{value}` is not a date")))
        },
    );
}

/// t(key=…) and `key | t`: the word for `key` (the filter's value, else the `key` argument)
/// in the language of `lang=` or the context.
fn translate(
    words: &Translations,
    key: Option<&str>,
    kwargs: &Kwargs,
    state: &State,
) -> TeraResult<String> {
    // One pass over the arguments: a page asks for a few dozen words, and each lookup by
    // name hashes the name again.
    let (mut key_argument, mut n, mut default, mut lang) = (None, None, None, None);
    let mut args: Vec<(&str, String)> = Vec::new();
    for (name, value) in kwargs.iter() {
        match name.as_str() {
            Some("key") if key.is_none() => key_argument = value.as_str(),
            Some("n") => n = Some(value),
            Some("default") => default = Some(value),
            Some("lang") => lang = Some(value.clone()),
            Some(name) => args.push((name, value.to_string())),
            None => {}
        }
    }
    // Missing or not text: Tera's own message.
    let key: &str = match key.or(key_argument) {
        Some(key) => key,
        None => kwargs.must_get("key")?,
    };
    let default: Option<&str> = match default {
        Some(value) if value.as_str().is_some() => value.as_str(),
        Some(_) => kwargs.get("default")?,
        None => None,
    };
    let n = match n {
        None => None,
        Some(n) => Some(n.as_u64().ok_or_else(|| {
            Error::message(format!(
                "t(key=\"{key}\"): `n` must be a whole number, found {n}"
            ))
        })?),
    };
    let language = lang.unwrap_or_else(|| language(state));
    words
        .translate(text_of(&language), key, n, default, &args)
        .map_err(Error::message)
}

/// A site path under the base path; full URLs and fragments pass through unchanged.
fn site_url(base: &BaseUrl, path: &str, absolute: bool) -> String {
    if path.contains("://") || path.starts_with('#') || path.starts_with("mailto:") {
        return path.to_string();
    }
    if absolute {
        base.absolute(path)
    } else {
        base.path_for(path)
    }
}

/// Formats a front-matter date with strftime directives, in the offset it was written with,
/// with English month names.
pub fn format_date(value: &str, format: &str) -> Result<String, String> {
    format_date_in(
        value,
        format,
        &Translations::default(),
        super::i18n::FALLBACK,
    )
}

/// `format_date` with month names (`%B`, `%b`) in `language`, from `words`.
pub fn format_date_in(
    value: &str,
    format: &str,
    words: &Translations,
    language: &str,
) -> Result<String, String> {
    let value = value.trim();
    if value.len() == 10 {
        // Plain dates are the common case on list pages: no time zone work at all.
        let date = crate::content::dates::parse_calendar_date(value)?;
        if format == DEFAULT_DATE_FORMAT {
            let month = words.month(language, date.month(), true);
            // The numbers as written, without leading zeros (the text is a valid date).
            let mut out = String::with_capacity(month.len() + 8);
            out.push_str(without_leading_zeros(&value[8..10]));
            out.push(' ');
            out.push_str(&month);
            out.push(' ');
            out.push_str(without_leading_zeros(&value[..4]));
            return Ok(out);
        }
        let format = words.localize_format(language, format, date.month());
        jiff::fmt::strtime::format(&format, date)
            .map_err(|e| format!("date format `{format}`: {e}"))
    } else {
        parse_date(value)?;
        let zoned: jiff::ZonedDateTime = jiff::fmt::temporal::DateTimeParser::new()
            .parse_zoned_datetime(format!("{value}[{}]", offset_of(value)))
            .map_err(|e| e.to_string())?;
        let format = words.localize_format(language, format, zoned.month());
        jiff::fmt::strtime::format(&format, &zoned)
            .map_err(|e| format!("date format `{format}`: {e}"))
    }
}

/// A number as written, without its leading zeros.
fn without_leading_zeros(digits: &str) -> &str {
    match digits.trim_start_matches('0') {
        "" => "0",
        n => n,
    }
}

/// The `+03:00` / `Z` suffix of an RFC 3339 timestamp, as a zone annotation jiff accepts.
fn offset_of(value: &str) -> String {
    if value.ends_with(['Z', 'z']) {
        return "UTC".into();
    }
    value
        .get(value.len().saturating_sub(6)..)
        .unwrap_or("UTC")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_dates_and_offset_timestamps() {
        assert_eq!(
            format_date("2025-07-21", DEFAULT_DATE_FORMAT).unwrap(),
            "21 July 2025"
        );
        assert_eq!(
            format_date("2025-07-21T23:30:00+03:00", "%Y-%m-%d %H:%M").unwrap(),
            "2025-07-21 23:30"
        );
        assert_eq!(
            format_date("2025-07-21T23:30:00Z", "%H:%M %Z").unwrap(),
            "23:30 UTC"
        );
        assert!(format_date("someday", "%Y").is_err());
        // The default format's fast path drops leading zeros as strftime's `%-d` does.
        assert_eq!(
            format_date("2025-07-05", DEFAULT_DATE_FORMAT).unwrap(),
            "5 July 2025"
        );
        assert_eq!(
            format_date("0999-01-01", DEFAULT_DATE_FORMAT).unwrap(),
            "1 January 999"
        );
    }

    #[test]
    fn urls_honour_the_base_path() {
        let base = BaseUrl::parse("https://org.github.io/briefings/").unwrap();
        assert_eq!(site_url(&base, "/style.css", false), "/briefings/style.css");
        assert_eq!(
            site_url(&base, "tags/", true),
            "https://org.github.io/briefings/tags/"
        );
        assert_eq!(site_url(&base, "https://e.org/x", false), "https://e.org/x");
    }
}
