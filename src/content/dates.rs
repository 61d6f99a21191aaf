//! Front-matter dates: `YYYY-MM-DD`, or an RFC 3339 timestamp with its offset.

use jiff::Timestamp;
use jiff::civil::Date;

/// A date as the editor wrote it, with what sorting and grouping need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateValue {
    /// As written, trimmed (`2025-07-21` or `2025-07-21T14:30:00+03:00`).
    pub text: String,
    /// The calendar date as written (in the timestamp's own offset), for year/month pages.
    pub date: Date,
    /// The moment; a date without time counts as midnight UTC.
    pub timestamp: Timestamp,
}

impl DateValue {
    pub fn year(&self) -> i16 {
        self.date.year()
    }
    pub fn month(&self) -> i8 {
        self.date.month()
    }
    pub fn day(&self) -> i8 {
        self.date.day()
    }
    /// RFC 3339, for `<time datetime>`, feeds and sitemaps.
    pub fn rfc3339(&self) -> String {
        let mut out = String::with_capacity(25);
        self.push_rfc3339(&mut out);
        out
    }

    /// `rfc3339`, appended to `out` (a sitemap asks ~20,000 times).
    pub fn push_rfc3339(&self, out: &mut String) {
        // A calendar date was parsed into `date` already, so the text is a valid `YYYY-MM-DD`.
        if self.text.len() == 10 {
            out.push_str(&self.text);
            out.push_str("T00:00:00Z");
        } else {
            out.push_str(&rfc3339(&self.text).unwrap_or_else(|| self.timestamp.to_string()));
        }
    }
}

pub const DATE_FORMS: &str =
    "write `2025-07-21`, or a timestamp with its offset such as `2025-07-21T14:30:00+03:00`";

/// Parses a front-matter date; the error says what is wrong in plain words.
pub fn parse_date(text: &str) -> Result<DateValue, String> {
    let text = text.trim();
    if text.len() == 10 {
        let date = parse_calendar_date(text)?;
        let timestamp = date
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .map_err(|e| e.to_string())?
            .timestamp();
        return Ok(DateValue {
            text: text.to_string(),
            date,
            timestamp,
        });
    }
    let timestamp: Timestamp = text.parse().map_err(|e: jiff::Error| {
        let after_date = text.get(10..).unwrap_or("");
        if text.is_ascii()
            && !after_date.is_empty()
            && !text.contains(['+', 'Z', 'z'])
            && !after_date.contains('-')
        {
            format!("`{text}` has a time but no UTC offset")
        } else {
            format!(
                "`{text}` is not a valid date ({})",
                first_clause(&e.to_string())
            )
        }
    })?;
    let date: Date = text
        .get(..10)
        .and_then(|d| d.parse().ok())
        .ok_or_else(|| format!("`{text}` is not a valid date"))?;
    Ok(DateValue {
        text: text.to_string(),
        date,
        timestamp,
    })
}

/// `2025-31-07` → `2025-07-31` (and the same for a timestamp's date part), when the text
/// is not a valid date but would be one with month and day swapped.
pub fn swapped_month_and_day(text: &str) -> Option<String> {
    let text = text.trim();
    let (date, rest) = (text.get(..10)?, text.get(10..)?);
    let parts: Vec<&str> = date.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    if parse_calendar_date(date).is_ok() {
        return None;
    }
    let swapped = format!("{year}-{day}-{month}");
    parse_calendar_date(&swapped).ok()?;
    let fixed = format!("{swapped}{rest}");
    parse_date(&fixed).ok().map(|_| fixed)
}

/// English month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of `month` (1-12).
pub fn month_name(month: i8) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

/// `YYYY-MM-DD`, with the reason in editor words when it is not a real date.
pub fn parse_calendar_date(text: &str) -> Result<Date, String> {
    // Byte by byte: dates are parsed for every list entry a page shows.
    let digits = |range: std::ops::Range<usize>| {
        let bytes = text.as_bytes().get(range)?;
        bytes.iter().try_fold(0i32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + i32::from(b - b'0'))
        })
    };
    let dashes = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    let numbers = dashes
        .then(|| Some([digits(0..4)?, digits(5..7)?, digits(8..10)?]))
        .flatten();
    let Some([year, month, day]) = numbers else {
        return Err(format!("`{text}` is not a date in the form YYYY-MM-DD"));
    };
    if !(1..=12).contains(&month) {
        return Err(format!(
            "`{text}` has no month {month}: months run from 01 to 12"
        ));
    }
    let first =
        Date::new(year as i16, month as i8, 1).map_err(|_| format!("`{text}` is out of range"))?;
    let days = i32::from(first.days_in_month());
    if !(1..=days).contains(&day) {
        return Err(format!(
            "`{text}` does not exist: {} {year} has {days} days",
            MONTHS[month as usize - 1]
        ));
    }
    Ok(Date::new(year as i16, month as i8, day as i8).expect("checked above"))
}

/// `2025-07-21` → `2025-07-21T00:00:00Z`; timestamps are returned as written.
pub fn rfc3339(text: &str) -> Option<String> {
    let value = text.trim();
    if value.len() == 10 {
        parse_calendar_date(value).ok().map(|_| midnight_utc(value))
    } else {
        value.parse::<Timestamp>().ok().map(|_| value.to_string())
    }
}

/// The RFC 3339 timestamp of a valid `YYYY-MM-DD`'s midnight in UTC: the date as written,
/// without formatting machinery (lists and sitemaps ask for thousands).
fn midnight_utc(day: &str) -> String {
    let mut out = String::with_capacity(day.len() + 10);
    out.push_str(day);
    out.push_str("T00:00:00Z");
    out
}

/// jiff's messages chain causes with `: `; the last cause is the most specific for an editor.
fn first_clause(message: &str) -> &str {
    message.rsplit(": ").next().unwrap_or(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_dates_and_offset_timestamps() {
        let d = parse_date("2025-07-21").unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2025, 7, 21));
        let t = parse_date("2025-07-21T01:30:00+03:00").unwrap();
        assert_eq!(t.date.to_string(), "2025-07-21");
        assert!(t.timestamp < d.timestamp + jiff::SignedDuration::from_hours(1));
        assert_eq!(t.rfc3339(), "2025-07-21T01:30:00+03:00");
        assert_eq!(d.rfc3339(), "2025-07-21T00:00:00Z");
    }

    #[test]
    fn rejects_impossible_and_offsetless_values() {
        assert_eq!(
            parse_date("2023-02-29").unwrap_err(),
            "`2023-02-29` does not exist: February 2023 has 28 days"
        );
        assert!(parse_date("2024-02-29").is_ok());
        assert!(
            parse_date("2025-13-01")
                .unwrap_err()
                .contains("no month 13")
        );
        assert!(parse_date("21/07/2025").unwrap_err().contains("YYYY-MM-DD"));
        assert!(
            parse_date("2025-07-21T14:30:00")
                .unwrap_err()
                .contains("no UTC offset")
        );
        assert!(parse_date("").is_err());
        // Found by the loader property test: multi-byte text around byte 10.
        assert!(parse_date("2025-07-2ΩT00").is_err());
        // The byte-by-byte reader: digits only, dashes in their places.
        for bad in [
            "2025-7-021",
            "+025-07-21",
            "2025/07/21",
            "2025-07-2x",
            "20250-7-21",
        ] {
            assert!(
                parse_calendar_date(bad).unwrap_err().contains("YYYY-MM-DD"),
                "{bad}"
            );
        }
        assert_eq!(
            rfc3339("2025-07-05").as_deref(),
            Some("2025-07-05T00:00:00Z")
        );
        assert_eq!(rfc3339("2025-02-30"), None);
    }

    #[test]
    fn swapped_month_and_day_are_suggested_only_when_that_gives_a_date() {
        assert_eq!(
            swapped_month_and_day("2025-31-07").as_deref(),
            Some("2025-07-31")
        );
        assert_eq!(
            swapped_month_and_day("2025-21-07T10:00:00+03:00").as_deref(),
            Some("2025-07-21T10:00:00+03:00")
        );
        assert_eq!(swapped_month_and_day("2025-07-31"), None); // already a date
        assert_eq!(swapped_month_and_day("2025-13-13"), None); // no month 13 either way
        assert_eq!(swapped_month_and_day("2025-30-02"), None); // 30 February
        assert_eq!(swapped_month_and_day("21/07/2025"), None);
    }
}
