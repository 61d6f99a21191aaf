//! Dates: `updated` not before `date`, and nothing dated in the future by accident.

use crate::content::{self, Briefing};
use crate::diagnostics::Diagnostic;

use super::File;

/// File line of the top-level front-matter key `key`, 0 when it is not there.
pub(super) fn front_matter_line(text: &str, key: &str) -> usize {
    text.lines()
        .enumerate()
        .skip(1)
        .take_while(|(_, line)| line.trim_end() != "---")
        .find(|(_, line)| {
            !line.starts_with([' ', '\t', '-']) && crate::yaml::key_of(line).as_deref() == Some(key)
        })
        .map_or(0, |(index, _)| index + 1)
}

/// Whether a date was written without a time (`2025-07-21`).
pub(super) fn is_day(date: &content::DateValue) -> bool {
    date.text.len() == 10
}

pub(super) fn check_dates(
    file: &File,
    b: &Briefing,
    now: jiff::Timestamp,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(updated) = &b.updated {
        // A day without a time is compared by day: `updated: 2025-07-21` is not before a
        // briefing dated that afternoon.
        let before = if is_day(updated) || is_day(&b.date) {
            updated.date < b.date.date
        } else {
            updated.timestamp < b.date.timestamp
        };
        if before {
            let line = front_matter_line(&file.text, "updated");
            out.push(
                Diagnostic::error(
                    &file.path,
                    line,
                    usize::from(line > 0),
                    format!(
                        "`updated: {}` is before `date: {}`",
                        updated.text, b.date.text
                    ),
                )
                .with_source_line(&file.text)
                .with_hint(
                    "`updated` is when the briefing was last revised; fix whichever date is wrong",
                ),
            );
        }
    }
    // A bare day is "in the future" only once it has not begun anywhere on Earth (UTC+14).
    let future = if is_day(&b.date) {
        let latest_today = now
            .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(14)))
            .date();
        b.date.date > latest_today
    } else {
        b.date.timestamp > now
    };
    let scheduled = b.publish_at.as_ref().is_some_and(|at| at.timestamp > now);
    if future && !scheduled {
        let line = front_matter_line(&file.text, "date");
        out.push(
            Diagnostic::warning(
                &file.path,
                line,
                usize::from(line > 0),
                format!("dated in the future ({}); it is published now", b.date.text),
            )
            .with_source_line(&file.text)
            .with_hint("use `publish_at:` to schedule it"),
        );
    }
}
