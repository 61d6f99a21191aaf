//! Template views for finding one's way: a briefing's related briefings (`page.related`), the
//! key-event timeline of a term (`term_timeline`), and the site's timeline pages
//! (`timeline`, `timeline_year`). Built from the model's `related` and `timeline`; no logic
//! of their own beyond grouping for display.

use tera::Value;

use crate::site::{Site, Timeline, TimelineEvent, timeline_path, timeline_year_path};

use super::Renderer;
use super::views::map;

/// The view of one event: `{date, year, month, html, briefings: [{title, url}]}`; `html` is
/// marked safe (inline Markdown rendered at load).
pub(super) fn event_view(site: &Site, event: &TimelineEvent) -> Value {
    let base = &site.config.base_url;
    let briefings: Vec<Value> = event
        .entries
        .iter()
        .map(|&e| {
            let entry = &site.entries[e];
            map([
                ("title", Value::from(entry.briefing.title.as_str())),
                ("url", Value::from(base.path_for(&entry.path))),
                ("language", Value::from(entry.briefing.language.as_str())),
            ])
        })
        .collect();
    map([
        ("date", Value::from(event.date_text.as_str())),
        ("year", Value::from(event.date.year())),
        ("month", Value::from(event.date.month())),
        ("html", Value::safe_string(&event.html)),
        ("briefings", Value::from(briefings)),
    ])
}

impl Renderer {
    /// `page.related`: the list views of the related briefings, best first.
    pub(super) fn related_view(&self, e: usize) -> Value {
        self.entry_list(&self.site.related[e])
    }

    /// Groups for `partials/timeline.html`: `[{heading, id, events}]`.
    fn groups(&self, groups: Vec<(String, String, Vec<usize>)>) -> Value {
        Value::from(
            groups
                .into_iter()
                .map(|(heading, id, events)| {
                    let events: Vec<Value> =
                        events.iter().map(|&i| self.events[i].clone()).collect();
                    map([
                        ("heading", Value::from(heading)),
                        ("id", Value::from(id)),
                        ("events", Value::from(events)),
                    ])
                })
                .collect::<Vec<_>>(),
        )
    }

    /// The timeline of term `i` of taxonomy `t`, by year, oldest first (none: empty list).
    pub(super) fn term_timeline(&self, t: usize, i: usize) -> Value {
        let timeline = &self.site.timeline;
        let groups = Timeline::by_year(&timeline.terms[t][i], &timeline.events)
            .into_iter()
            .map(|(year, events)| (year.to_string(), format!("events-{year}"), events))
            .collect();
        self.groups(groups)
    }

    /// `timeline` on the timeline pages: `{url, count, years: [{year, url, count}]}`.
    pub(super) fn timeline_index(&self) -> Value {
        let timeline = &self.site.timeline;
        let years: Vec<Value> = timeline
            .years
            .iter()
            .map(|(year, range)| {
                map([
                    ("year", Value::from(*year)),
                    ("url", self.url(&timeline_year_path(*year))),
                    ("count", Value::from(range.len())),
                ])
            })
            .collect();
        map([
            ("url", self.url(&timeline_path())),
            ("count", Value::from(timeline.events.len())),
            ("years", Value::from(years)),
        ])
    }

    /// `timeline_year` on `/timeline/<year>/`: `{year, url, count, groups (by month),
    /// previous, next}`.
    pub(super) fn timeline_year(&self, y: usize) -> Value {
        let timeline = &self.site.timeline;
        let (year, range) = &timeline.years[y];
        let mut months: Vec<(i8, Vec<usize>)> = Vec::new();
        for i in range.clone() {
            let month = timeline.events[i].date.month();
            match months.last_mut() {
                Some((m, events)) if *m == month => events.push(i),
                _ => months.push((month, vec![i])),
            }
        }
        let translations = &self.theme.translations;
        let groups = months
            .into_iter()
            .map(|(month, events)| {
                let name = translations.month(&self.site.config.language, month, false);
                (
                    format!("{name} {year}"),
                    format!("events-{year}-{month:02}"),
                    events,
                )
            })
            .collect();
        let (older, newer) = self.site.timeline_neighbours(y);
        let neighbour = |year: Option<i16>| match year {
            Some(year) => map([
                ("year", Value::from(year)),
                ("url", self.url(&timeline_year_path(year))),
            ]),
            None => Value::none(),
        };
        map([
            ("year", Value::from(*year)),
            ("url", self.url(&timeline_year_path(*year))),
            ("count", Value::from(range.len())),
            ("groups", self.groups(groups)),
            ("previous", neighbour(older)),
            ("next", neighbour(newer)),
        ])
    }
}
