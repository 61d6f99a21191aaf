//! The functions and filters sitrep adds to Tera, so themes never build URLs or parse dates
//! by hand: `url(path=…, absolute=…)`, `| url`, `| date(format=…)`, `| iso_date`.

use tera::{Error, Kwargs, State, Tera, TeraResult};

use crate::config::BaseUrl;
use crate::content::dates::{parse_date, rfc3339};

const DEFAULT_DATE_FORMAT: &str = "%-d %B %Y";

pub fn register(tera: &mut Tera, base_url: &BaseUrl) {
    let base = base_url.clone();
    tera.register_function(
        "url",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let path: String = kwargs.must_get("path")?;
            let absolute = kwargs.get::<bool>("absolute")?.unwrap_or(false);
            Ok(site_url(&base, &path, absolute))
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
    tera.register_filter(
        "date",
        |value: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let format = kwargs.get::<&str>("format")?.unwrap_or(DEFAULT_DATE_FORMAT);
            format_date(value, format).map_err(Error::message)
        },
    );
    tera.register_filter(
        "iso_date",
        |value: &str, _: Kwargs, _: &State| -> TeraResult<String> {
            rfc3339(value).ok_or_else(|| Error::message(format!("`{value}` is not a date")))
        },
    );
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

/// Formats a front-matter date with strftime directives, in the offset it was written with.
pub fn format_date(value: &str, format: &str) -> Result<String, String> {
    let value = value.trim();
    if value.len() == 10 {
        // Plain dates are the common case on list pages: no time zone work at all.
        let date = crate::content::dates::parse_calendar_date(value)?;
        if format == DEFAULT_DATE_FORMAT {
            let month = crate::content::dates::month_name(date.month());
            return Ok(format!("{} {month} {}", date.day(), date.year()));
        }
        jiff::fmt::strtime::format(format, date).map_err(|e| format!("date format `{format}`: {e}"))
    } else {
        parse_date(value)?;
        let zoned: jiff::ZonedDateTime = jiff::fmt::temporal::DateTimeParser::new()
            .parse_zoned_datetime(format!("{value}[{}]", offset_of(value)))
            .map_err(|e| e.to_string())?;
        jiff::fmt::strtime::format(format, &zoned)
            .map_err(|e| format!("date format `{format}`: {e}"))
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
