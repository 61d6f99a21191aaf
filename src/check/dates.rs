//! Dates: nothing dated in the future by accident (`updated` before `date` is an error of
//! the front matter itself, in content/frontmatter.rs).

use crate::content::{self, Briefing};
use crate::diagnostics::Diagnostic;

/// Whether a date was written without a time (`2025-07-21`).
pub(super) fn is_day(date: &content::DateValue) -> bool {
    date.text.len() == 10
}

pub(super) fn check_dates(b: &Briefing, now: jiff::Timestamp, out: &mut Vec<Diagnostic>) {
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
        let line = b.date_line;
        out.push(
            Diagnostic::warning(
                &b.source_path,
                line,
                usize::from(line > 0),
                format!("dated in the future ({}); it is published now", b.date.text),
            )
            .with_hint("use `publish_at:` to schedule it"),
        );
    }
}
