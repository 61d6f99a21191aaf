//! Dates as news pages write them — `Monday, July 21, 2025`, `21 July 2025`, `Jul. 21, 2025
//! 10:30 GMT`, `2025-07-21T09:00:00+03:00` — read into a calendar date. Pure.

use jiff::civil::Date;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The date a short line or a metadata value gives, or `None` when it gives none (or more
/// than one). A timestamp's own calendar date is kept, whatever its offset.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Some(date) = iso_date(text) {
        return Some(date);
    }
    // A sentence that mentions a date is not a date line.
    if text.split_whitespace().count() > 10 {
        return None;
    }
    let (mut day, mut month, mut year) = (None, None, None);
    for word in text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '|' | '·' | '•'))
        .map(|w| w.trim_matches(|c: char| c == '.' || c == '(' || c == ')'))
        .filter(|w| !w.is_empty())
    {
        let lower = word.to_lowercase();
        if let Some(m) = month_number(&lower) {
            if month.replace(m).is_some() {
                return None;
            }
            continue;
        }
        let digits = lower.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            let n: i32 = digits.parse().ok()?;
            match (digits.len(), n) {
                (4, 1900..=2200) if digits == lower => {
                    if year.replace(n).is_some() {
                        return None;
                    }
                }
                (1 | 2, 1..=31) => {
                    if day.replace(n).is_some() {
                        return None;
                    }
                }
                _ => return None,
            }
        }
    }
    Date::new(year? as i16, month?, day? as i8).ok()
}

/// `2025-07-21`, alone or at the start of a timestamp.
fn iso_date(text: &str) -> Option<Date> {
    let head = text.get(..10)?;
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    let bytes = head.as_bytes();
    if bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| head.get(range)?.parse::<i32>().ok();
    Date::new(
        number(0..4)? as i16,
        number(5..7)? as i8,
        number(8..10)? as i8,
    )
    .ok()
}

fn month_number(word: &str) -> Option<i8> {
    MONTHS
        .iter()
        .position(|m| {
            *m == word
                || (word.len() >= 3 && m.starts_with(word) && (word.len() == 3 || word == "sept"))
        })
        .map(|i| i as i8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_page_dates_are_read() {
        let d = jiff::civil::date(2025, 7, 21);
        for text in [
            "Monday, July 21, 2025",
            "July 21, 2025",
            "21 July 2025",
            "Jul. 21, 2025 10:30 GMT",
            "Published on July 21st, 2025",
            "2025-07-21",
            "2025-07-21T23:30:00+03:00",
            "Mon 21 Jul 2025",
        ] {
            assert_eq!(parse_date(text), Some(d), "{text}");
        }
    }

    #[test]
    fn non_dates_are_not_read() {
        for text in [
            "Published on",
            "Advertisement",
            "July 2025",
            "February 30, 2025",
            "In July 21 people met 2025 others and the talks went on for a long time",
            "Between July 21, 2025 and July 22, 2025",
            "2025-13-01",
            "The May 9 parade",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }
}
