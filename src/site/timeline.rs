//! Key-event timelines: every `events:` item of the published briefings, oldest first (by
//! day, then text), the same day and text in several briefings merged into one event that
//! links to each; the years that have events (the pages `/timeline/<year>/`); and, per term,
//! the events its briefings report. Built once with the model; no I/O, no templates.

use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;

use super::{Entry, Taxonomy, Term};

/// One event of the site, as reported by one or more briefings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimelineEvent {
    pub date: Date,
    /// The day as written (`2022-09-30`).
    pub date_text: String,
    pub text: String,
    /// Inline HTML of the text.
    pub html: String,
    /// The briefings that report it, in site order (newest first).
    pub entries: Vec<usize>,
}

/// Every timeline of the site.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// Oldest first.
    pub events: Vec<TimelineEvent>,
    /// The years with events, oldest first, each with its range of `events`.
    pub years: Vec<(i16, Range<usize>)>,
    /// Per taxonomy, per term: the events its briefings report (indices into `events`, so
    /// oldest first).
    pub terms: Vec<Vec<Vec<usize>>>,
    /// Per entry: its events (indices into `events`), sorted.
    pub by_entry: Vec<Vec<usize>>,
}

impl Timeline {
    /// The timeline of `entries` and their terms.
    pub(super) fn build(entries: &[Arc<Entry>], taxonomies: &[Taxonomy]) -> Timeline {
        let mut reported: Vec<(Date, &str, usize, &str, &str)> = entries
            .iter()
            .enumerate()
            .flat_map(|(e, entry)| {
                entry.briefing.events.iter().map(move |event| {
                    (
                        event.date.date,
                        event.text.as_str(),
                        e,
                        event.html.as_str(),
                        event.date.text.as_str(),
                    )
                })
            })
            .collect();
        reported.sort_unstable();
        let mut events: Vec<TimelineEvent> = Vec::new();
        let mut by_entry: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
        for (date, text, e, html, date_text) in reported {
            match events.last_mut() {
                Some(last) if last.date == date && last.text == text => {
                    if last.entries.last() != Some(&e) {
                        last.entries.push(e);
                    }
                }
                _ => events.push(TimelineEvent {
                    date,
                    date_text: date_text.to_string(),
                    text: text.to_string(),
                    html: html.to_string(),
                    entries: vec![e],
                }),
            }
            let index = events.len() - 1;
            if by_entry[e].last() != Some(&index) {
                by_entry[e].push(index);
            }
        }
        let mut years: Vec<(i16, Range<usize>)> = Vec::new();
        for (i, event) in events.iter().enumerate() {
            match years.last_mut() {
                Some((year, range)) if *year == event.date.year() => range.end = i + 1,
                _ => years.push((event.date.year(), i..i + 1)),
            }
        }
        let terms = taxonomies
            .iter()
            .map(|taxonomy| {
                taxonomy
                    .terms
                    .iter()
                    .map(|term| events_of(&by_entry, term))
                    .collect()
            })
            .collect();
        Timeline {
            events,
            years,
            terms,
            by_entry,
        }
    }

    /// The events term `term`'s briefings report (indices into `events`, oldest first).
    pub(super) fn term_events(&self, term: &Term) -> Vec<usize> {
        events_of(&self.by_entry, term)
    }

    /// Index into `years` of the year `year`, if it has events.
    pub fn year_index(&self, year: i16) -> Option<usize> {
        self.years.iter().position(|(y, _)| *y == year)
    }

    /// `events` (indices, oldest first) grouped by year: (year, the events of that year).
    pub fn by_year(events: &[usize], all: &[TimelineEvent]) -> Vec<(i16, Vec<usize>)> {
        let mut groups: Vec<(i16, Vec<usize>)> = Vec::new();
        for &i in events {
            let year = all[i].date.year();
            match groups.last_mut() {
                Some((y, members)) if *y == year => members.push(i),
                _ => groups.push((year, vec![i])),
            }
        }
        groups
    }
}

fn events_of(by_entry: &[Vec<usize>], term: &Term) -> Vec<usize> {
    let mut shown: Vec<usize> = term
        .members
        .iter()
        .flat_map(|&e| by_entry[e].iter().copied())
        .collect();
    shown.sort_unstable();
    shown.dedup();
    shown
}

pub fn timeline_path() -> String {
    "/timeline/".into()
}

pub fn timeline_year_path(year: i16) -> String {
    format!("/timeline/{year:04}/")
}

#[cfg(test)]
mod tests {
    use crate::site::Site;

    fn site(files: &[(&str, &str)]) -> Site {
        let config = crate::config::parse_config(
            "title: T\nbase_url: https://e.org/\ntaxonomies: [tags, regions]\n",
        )
        .unwrap();
        let briefings = crate::site::test_briefings(&config, files);
        Site::build(config, briefings, false, jiff::Timestamp::UNIX_EPOCH).unwrap()
    }

    #[test]
    fn events_are_merged_ordered_and_grouped_by_year() {
        let s = site(&[
            (
                "content/a.md",
                "title: A\ndate: 2025-07-21\nregions: [x]\nevents:\n  - 2025-07-21: Offer\n  - 2022-09-30: Annexation\n  - 2022-09-30: Aardvark",
            ),
            (
                "content/b.md",
                "title: B\ndate: 2022-11-11\nregions: [y]\nevents:\n  - 2022-09-30: Annexation\n  - 2022-11-11: Kherson",
            ),
            ("content/c.md", "title: C\ndate: 2024-01-01\nregions: [x]"),
        ]);
        let t = &s.timeline;
        let texts: Vec<&str> = t.events.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["Aardvark", "Annexation", "Kherson", "Offer"]);
        // One event, two briefings, in site order (A is newer).
        let a = s
            .entries
            .iter()
            .position(|e| e.briefing.title == "A")
            .unwrap();
        let b = s
            .entries
            .iter()
            .position(|e| e.briefing.title == "B")
            .unwrap();
        assert_eq!(t.events[1].entries, [a, b]);
        assert_eq!(
            t.years,
            [(2022, 0..3), (2025, 3..4)],
            "years oldest first with their events"
        );
        assert_eq!(t.by_entry[b], [1, 2]);
        // Region x: A's events only; y: B's.
        let regions = &s.taxonomies[1];
        let x = regions
            .terms
            .iter()
            .position(|term| term.name == "x")
            .unwrap();
        assert_eq!(t.terms[1][x], [0, 1, 3]);
        assert_eq!(
            super::Timeline::by_year(&t.terms[1][x], &t.events),
            [(2022, vec![0, 1]), (2025, vec![3])]
        );
        assert_eq!(t.year_index(2025), Some(1));
        assert_eq!(t.year_index(2023), None);
    }
}
