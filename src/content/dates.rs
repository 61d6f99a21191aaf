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
    if let Some(problem) = timestamp_problem(text) {
        return Err(problem);
    }
    // What is left is a shape the checks above accept; jiff's own wording is for
    // programmers, so its refusal (if any) is put in editor words too.
    let timestamp: Timestamp = text
        .parse()
        .map_err(|_| format!("`{text}` is not a date or a timestamp sitrep can read"))?;
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
            "`{text}`: there is no month {month}; months run from 01 to 12"
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

/// What is wrong with a value longer than a date, in editor words (None: nothing found;
/// jiff has the last word). The date's crate would say "parameter 'hour' is not in the
/// required range" or "unparsed input"; an editor needs the part and its range.
fn timestamp_problem(text: &str) -> Option<String> {
    let (Some(date), Some(rest)) = (text.get(..10), text.get(10..)) else {
        return Some(format!("`{text}` is not a date in the form YYYY-MM-DD"));
    };
    if let Err(problem) = parse_calendar_date(date) {
        // `2025-7-21` and `21/07/2025 10:00` are not dates at all; `2025-13-01T…` is one
        // with a bad part, said as for a calendar date.
        return Some(problem.replacen(&format!("`{date}`"), &format!("`{text}`"), 1));
    }
    let time = match rest.strip_prefix(['T', 't']) {
        Some(time) => time,
        None => match rest.strip_prefix(' ') {
            Some(time) if time.starts_with(|c: char| c.is_ascii_digit()) => time,
            _ => return Some(format!("unexpected text after the date: `{}`", rest.trim())),
        },
    };
    let number = |from: usize| -> Option<u32> {
        let two = time.get(from..from + 2)?;
        two.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| two.parse().ok())
            .flatten()
    };
    let not_a_time = || {
        format!(
            "`{text}` has no time of day in the form HH:MM after its date (such as `T14:30:00`)"
        )
    };
    let (Some(hour), Some(minute)) = (number(0), number(3)) else {
        return Some(not_a_time());
    };
    if time.as_bytes().get(2) != Some(&b':') {
        return Some(not_a_time());
    }
    if hour > 23 {
        return Some(format!(
            "`{text}` has hour {hour:02}: the hour must be 00–23"
        ));
    }
    if minute > 59 {
        return Some(format!(
            "`{text}` has minute {minute:02}: the minutes must be 00–59"
        ));
    }
    let mut offset = &time[5..];
    if let Some(seconds) = offset.strip_prefix(':') {
        let Some(second) = number(6) else {
            return Some(not_a_time());
        };
        // 60: a leap second, which jiff reads as 59.
        if second > 60 {
            return Some(format!(
                "`{text}` has second {second:02}: the seconds must be 00–59"
            ));
        }
        offset = &seconds[2..];
        if let Some(fraction) = offset.strip_prefix(['.', ',']) {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            offset = &fraction[digits..];
        }
    }
    if offset.is_empty() {
        return Some(format!("`{text}` has a time but no UTC offset"));
    }
    // An RFC 9557 annotation (`[Europe/Kyiv]`) after the offset is jiff's to judge.
    let offset = offset.split('[').next().unwrap_or(offset);
    let after = if let Some(after) = offset.strip_prefix(['Z', 'z']) {
        after
    } else if offset.starts_with(['+', '-']) {
        let shaped = offset.len() >= 6
            && offset.as_bytes()[3] == b':'
            && offset.as_bytes()[1..6]
                .iter()
                .enumerate()
                .all(|(i, b)| i == 2 || b.is_ascii_digit());
        if !shaped {
            if text.parse::<Timestamp>().is_ok() {
                return None;
            }
            return Some(format!(
                "`{text}` has the offset `{offset}`: write it as `+03:00`, `-05:00` or `Z`"
            ));
        }
        let (h, m): (u32, u32) = (offset[1..3].parse().ok()?, offset[4..6].parse().ok()?);
        if h > 23 || m > 59 {
            return Some(format!(
                "`{text}` has the offset `{}`: an offset's hours must be 00–23 and its minutes 00–59",
                &offset[..6]
            ));
        }
        &offset[6..]
    } else {
        offset
    };
    (!after.is_empty()).then(|| format!("unexpected text after the time: `{}`", after.trim()))
}

/// `updated` before `date` is an error at the `updated` line. A day without a time is
/// compared by day: `updated: 2025-07-21` is not before a briefing dated that afternoon.
pub(super) fn check_updated(
    updated: &DateValue,
    date: &DateValue,
    entries: &[crate::yaml::Entry],
    offset: usize,
    at: &dyn Fn(usize, usize, String) -> crate::diagnostics::Diagnostic,
    errors: &mut Vec<crate::diagnostics::Diagnostic>,
) {
    let is_day = |d: &DateValue| d.text.len() == 10;
    let before = if is_day(updated) || is_day(date) {
        updated.date < date.date
    } else {
        updated.timestamp < date.timestamp
    };
    if before {
        let line = entries
            .iter()
            .find(|e| e.key == "updated")
            .map_or(0, |e| e.line + offset);
        errors.push(
            at(
                line,
                1,
                format!(
                    "`updated: {}` is before `date: {}`",
                    updated.text, date.text
                ),
            )
            .with_hint(
                "`updated` is when the briefing was last revised; fix whichever date is wrong",
            ),
        );
    }
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

    /// Each part of a timestamp that is out of range, or text after it, is named in editor
    /// words: never the date crate's ("parameter 'hour' is not in the required range",
    /// "unparsed input").
    #[test]
    fn bad_timestamps_are_explained_in_plain_words() {
        let cases = [
            (
                "2025-07-21T25:00",
                "`2025-07-21T25:00` has hour 25: the hour must be 00–23",
            ),
            (
                "2025-07-21T25:00:00+03:00",
                "`2025-07-21T25:00:00+03:00` has hour 25: the hour must be 00–23",
            ),
            (
                "2025-07-21T14:75:00Z",
                "`2025-07-21T14:75:00Z` has minute 75: the minutes must be 00–59",
            ),
            (
                "2025-07-21T14:30:99Z",
                "`2025-07-21T14:30:99Z` has second 99: the seconds must be 00–59",
            ),
            ("2025-07-21 foo", "unexpected text after the date: `foo`"),
            ("2025-07-21foo", "unexpected text after the date: `foo`"),
            (
                "2025-07-21T14:30:00+03:00 noon",
                "unexpected text after the time: `noon`",
            ),
            (
                "2025-07-21T14:30:00Z noon",
                "unexpected text after the time: `noon`",
            ),
            (
                "2025-07-21T14:30:00 Kyiv",
                "unexpected text after the time: `Kyiv`",
            ),
            (
                "2025-07-21T14:30:00+3",
                "`2025-07-21T14:30:00+3` has the offset `+3`: write it as `+03:00`, `-05:00` or `Z`",
            ),
            (
                "2025-13-01",
                "`2025-13-01`: there is no month 13; months run from 01 to 12",
            ),
            (
                "2025-13-01T10:00:00Z",
                "`2025-13-01T10:00:00Z`: there is no month 13; months run from 01 to 12",
            ),
            (
                "2025-02-30T10:00:00Z",
                "`2025-02-30T10:00:00Z` does not exist: February 2025 has 28 days",
            ),
            (
                "2025-07-21T14:30:00+25:00",
                "`2025-07-21T14:30:00+25:00` has the offset `+25:00`: an offset's hours must be 00–23 and its minutes 00–59",
            ),
            (
                "2025-07-21T2pm",
                "`2025-07-21T2pm` has no time of day in the form HH:MM after its date (such as `T14:30:00`)",
            ),
            (
                "2025-07-21T14:30",
                "`2025-07-21T14:30` has a time but no UTC offset",
            ),
        ];
        for (text, expected) in cases {
            let message = parse_date(text).unwrap_err();
            assert_eq!(message, expected, "{text}");
            for jargon in ["parameter", "required range", "unparsed", "jiff"] {
                assert!(!message.contains(jargon), "{text}: {message}");
            }
        }
        // Still read: seconds with a fraction, no seconds, a negative offset.
        for good in [
            "2025-07-21T14:30:00.250+03:00",
            "2025-07-21T14:30Z",
            "2025-07-21T14:30:00-05:00",
        ] {
            assert!(parse_date(good).is_ok(), "{good}");
        }
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
