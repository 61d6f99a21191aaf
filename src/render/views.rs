//! Template views: the values templates see for lists, pagers, date pages and the archive,
//! and the list view of each briefing (shared by every list it appears on).

use std::collections::BTreeMap;

use tera::{Context, Value};

use crate::diagnostics::Diagnostic;
use crate::markdown::{TocEntry, reading_time};
use crate::site::{Site, month_path, page_count, page_slice, paginated_path, year_path};

use super::{Renderer, Theme, feeds};

/// The optional template for one briefing in a list, rendered once per briefing.
pub const CARD_TEMPLATE: &str = "entry.html";

/// `view` with `card`: the HTML of `entry.html` rendered for it.
pub(super) fn with_card(
    view: Value,
    site_value: &Value,
    lang: &str,
    theme: &Theme,
) -> Result<Value, Vec<Diagnostic>> {
    let mut context = Context::new();
    context.insert_value("site", site_value.clone());
    context.insert_value("entry", view.clone());
    context.insert("page_kind", "entry");
    // A card speaks its briefing's language, whichever list shows it.
    context.insert("lang", lang);
    let html = theme
        .tera
        .render(CARD_TEMPLATE, &context)
        .map_err(|e| theme.diagnostics(&e))?;
    // The context shares the view's map: let go of it, or `into_map` copies the whole map.
    drop(context);
    let Some(mut fields) = view.into_map() else {
        unreachable!("a page view is a map")
    };
    fields.insert("card".into(), Value::safe_string(&html));
    Ok(Value::from(fields))
}

/// `{url, permalink, alt}` of a lead image, none without one.
pub(super) fn image_value(
    image: Option<&crate::image::LeadImage>,
    base: &crate::config::BaseUrl,
) -> Value {
    image.map_or_else(Value::none, |i| Value::from_serializable(&i.view(base)))
}

pub(super) fn map<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    Value::from(BTreeMap::from(pairs))
}

/// The fields of a template map, in order, made into one map `Value` in one pass. Tera's
/// `From` for a map inserts every field into a new map, so a map built and then converted
/// hashes each name twice; its serialiser builds the map directly, and takes each `Value`
/// as it is (shared, not copied). A name given twice keeps its first place and its last
/// value, as `insert` does.
pub(super) struct Fields(Vec<(&'static str, Value)>);

impl Fields {
    pub(super) fn with_capacity(capacity: usize) -> Fields {
        Fields(Vec::with_capacity(capacity))
    }

    pub(super) fn push(&mut self, name: &'static str, value: Value) {
        self.0.push((name, value));
    }

    pub(super) fn into_value(self) -> Value {
        Value::from_serializable(&self)
    }
}

impl serde::Serialize for Fields {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut map = serializer.serialize_struct("fields", self.0.len())?;
        for (name, value) in &self.0 {
            map.serialize_field(name, value)?;
        }
        map.end()
    }
}

/// Every field of `view`, a map sitrep made (its names are static).
fn push_all(fields: &mut Fields, view: &tera::value::Map) {
    for (name, value) in view {
        match name {
            tera::value::Key::Str(name) => fields.push(name, value.clone()),
            _ => unreachable!("view fields are named by sitrep"),
        }
    }
}

impl Renderer {
    /// The view of briefing `e` for its own page: its list view plus `content` and `toc`
    /// (reusing the list view's values instead of serialising the briefing again).
    pub(super) fn full_view(&self, e: usize) -> Value {
        let Some(list_view) = self.entries[e].as_map() else {
            unreachable!("an entry view is a map")
        };
        let mut fields = Fields::with_capacity(list_view.len() + 3);
        push_all(&mut fields, list_view);
        let body = &self.site.entries[e].briefing.body;
        fields.push(
            "content",
            Value::from(feeds::entry_content(&self.site, e).as_ref()),
        );
        fields.push("toc", toc_value(&body.toc));
        fields.push("related", self.related_view(e));
        fields.into_value()
    }

    pub(super) fn url(&self, site_path: &str) -> Value {
        Value::from(self.site.config.base_url.path_for(site_path))
    }

    pub(super) fn entry_list(&self, members: &[usize]) -> Value {
        Value::from(
            members
                .iter()
                .map(|&e| self.entries[e].clone())
                .collect::<Vec<_>>(),
        )
    }

    pub(super) fn paginator(&self, members: &[usize], first: &str, current: usize) -> Value {
        let per_page = self.site.config.paginate_by;
        let total_pages = page_count(members.len(), per_page);
        let link = |n: usize| self.url(&paginated_path(first, n));
        let pagers: Vec<Value> = pager_window(current, total_pages)
            .into_iter()
            .map(|(n, gap_before)| {
                map([
                    ("index", Value::from(n)),
                    ("url", link(n)),
                    ("current", Value::from(n == current)),
                    ("gap_before", Value::from(gap_before)),
                ])
            })
            .collect();
        map([
            (
                "pages",
                self.entry_list(page_slice(members, current, per_page)),
            ),
            ("current_index", Value::from(current)),
            ("total_pages", Value::from(total_pages)),
            ("total_items", Value::from(members.len())),
            ("paginate_by", Value::from(per_page)),
            ("first", link(1)),
            ("last", link(total_pages)),
            (
                "previous",
                if current > 1 {
                    link(current - 1)
                } else {
                    Value::none()
                },
            ),
            (
                "next",
                if current < total_pages {
                    link(current + 1)
                } else {
                    Value::none()
                },
            ),
            ("pagers", Value::from(pagers)),
        ])
    }

    /// Month `month`'s name standing alone, in the site's language ("July", "Липень").
    fn month_name(&self, month: i8) -> Value {
        Value::from(
            self.theme
                .translations
                .month(&self.site.config.language, month, false),
        )
    }

    pub(super) fn month_summary(&self, year: i16, month: i8, count: usize) -> Value {
        map([
            ("year", Value::from(year)),
            ("month", Value::from(month)),
            ("name", self.month_name(month)),
            ("url", self.url(&month_path(year, month))),
            ("count", Value::from(count)),
        ])
    }

    pub(super) fn year_view(&self, y: usize) -> Value {
        let years = &self.site.years;
        let year = &years[y];
        let year_ref = |i: usize| {
            map([
                ("year", Value::from(years[i].year)),
                ("url", self.url(&year_path(years[i].year))),
            ])
        };
        let months: Vec<Value> = year
            .months
            .iter()
            .map(|m| {
                let mut fields = BTreeMap::from([
                    ("year", Value::from(m.year)),
                    ("month", Value::from(m.month)),
                    ("name", self.month_name(m.month)),
                    ("url", self.url(&month_path(m.year, m.month))),
                    ("count", Value::from(m.members.len())),
                ]);
                fields.insert("pages", self.entry_list(&m.members));
                Value::from(fields)
            })
            .collect();
        map([
            ("year", Value::from(year.year)),
            ("url", self.url(&year_path(year.year))),
            ("count", Value::from(year.count())),
            // Years are newest first: the previous (older) year comes after this one.
            (
                "previous",
                if y + 1 < years.len() {
                    year_ref(y + 1)
                } else {
                    Value::none()
                },
            ),
            (
                "next",
                if y > 0 {
                    year_ref(y - 1)
                } else {
                    Value::none()
                },
            ),
            ("months", Value::from(months)),
        ])
    }

    pub(super) fn month_view(&self, y: usize, m: usize) -> Value {
        let (older, newer) = self.site.neighbour_months(y, m);
        let neighbour = |month: Option<crate::site::MonthRef>| match month {
            Some((year, month, count)) => self.month_summary(year, month, count),
            None => Value::none(),
        };
        let month = &self.site.years[y].months[m];
        let mut view = BTreeMap::from([
            ("year", Value::from(month.year)),
            ("month", Value::from(month.month)),
            ("name", self.month_name(month.month)),
            ("url", self.url(&month_path(month.year, month.month))),
            ("count", Value::from(month.members.len())),
            ("year_url", self.url(&year_path(month.year))),
        ]);
        view.insert("previous", neighbour(older));
        view.insert("next", neighbour(newer));
        Value::from(view)
    }

    pub(super) fn archive_view(&self) -> Value {
        let years: Vec<Value> = self
            .site
            .years
            .iter()
            .map(|year| {
                let months: Vec<Value> = year
                    .months
                    .iter()
                    .map(|m| self.month_summary(m.year, m.month, m.members.len()))
                    .collect();
                map([
                    ("year", Value::from(year.year)),
                    ("url", self.url(&year_path(year.year))),
                    ("count", Value::from(year.count())),
                    ("months", Value::from(months)),
                ])
            })
            .collect();
        map([
            ("count", Value::from(self.site.entries.len())),
            ("years", Value::from(years)),
        ])
    }
}

/// The page numbers worth a link: the first, the last, and the current one ±2; a page
/// alone between the window and an end is shown rather than hidden behind a gap. Each comes
/// with whether pages are skipped before it. Constant size, so a list of thousands of pages
/// costs no more per page than a short one.
pub fn pager_window(current: usize, total: usize) -> Vec<(usize, bool)> {
    let low = current.saturating_sub(2).max(1);
    let high = (current + 2).min(total);
    let mut numbers: Vec<usize> = vec![1];
    if low == 3 {
        numbers.push(2);
    }
    numbers.extend(low..=high);
    if high + 2 == total {
        numbers.push(total - 1);
    }
    numbers.push(total);
    numbers.sort_unstable();
    numbers.dedup();
    let mut previous = 0;
    numbers
        .into_iter()
        .map(|n| {
            let gap = n > previous + 1;
            previous = n;
            (n, gap)
        })
        .collect()
}

/// The table of contents as template values, built directly (serde's route into tera
/// values was a third of the cost of a briefing page's context).
pub(super) fn toc_value(toc: &[TocEntry]) -> Value {
    Value::from(
        toc.iter()
            .map(|h| {
                map([
                    ("level", Value::from(h.level)),
                    ("id", Value::from(h.id.as_str())),
                    ("title", Value::from(h.title.as_str())),
                    ("children", toc_value(&h.children)),
                ])
            })
            .collect::<Vec<_>>(),
    )
}

/// How many fields a list view has at most, its card included: one view is held per
/// briefing for the whole build, and a map that outgrows its capacity doubles it (at 21, as
/// it was, each view held room for 42: ~1 KB a briefing for nothing).
pub(super) const LIST_VIEW_FIELDS: usize = 29;

/// The list view of briefing `e`. Its `taxonomies` share the term values in `term_refs` (one
/// per term, reference-counted) instead of each briefing holding copies of its terms' names
/// and URLs: at 10,000 briefings that is 30 MB less.
pub(super) fn entry_view(site: &Site, e: usize, term_refs: &[Vec<Value>]) -> Value {
    let entry = &site.entries[e];
    let b = &entry.briefing;
    let base = &site.config.base_url;
    let text = |t: &str| Value::from(t);
    let optional = |t: Option<&str>| t.map_or_else(Value::none, Value::from);
    // Built field by field rather than by serialising the briefing (a tenth of the views
    // stage), in the order templates have always seen.
    let mut fields = Fields::with_capacity(LIST_VIEW_FIELDS);
    let mut field = |name: &'static str, value: Value| fields.push(name, value);
    field("title", text(&b.title));
    field("slug", text(&b.slug));
    field("url", Value::from(base.path_for(&entry.path)));
    field("permalink", Value::from(base.absolute(&entry.path)));
    field("date", text(&b.date.text));
    field(
        "updated",
        optional(b.updated.as_ref().map(|u| u.text.as_str())),
    );
    field("updated_later", Value::from(updated_later(b)));
    field("year", Value::from(b.date.year()));
    field("month", Value::from(b.date.month()));
    field("day", Value::from(b.date.day()));
    field("summary", text(&b.summary));
    field("word_count", Value::from(b.body.word_count));
    field("reading_time", Value::from(reading_time(b.body.word_count)));
    field("status", optional(b.status.map(|s| s.as_str())));
    field("kind", text(b.kind.as_str()));
    field("dateline", optional(b.dateline.as_deref()));
    field("corrections", super::corrections::corrections_value(b));
    let sources: Vec<Value> = b
        .sources
        .iter()
        .map(|s| {
            let mut source = tera::value::Map::with_capacity(3);
            source.insert("title".into(), text(&s.title));
            source.insert("url".into(), text(&s.url));
            source.insert("publisher".into(), optional(s.publisher.as_deref()));
            Value::from(source)
        })
        .collect();
    field("sources", Value::from(sources));
    field("draft", Value::from(b.draft));
    // Only with drafts included: the publish_at text, as written, while it is ahead.
    if let Some(at) = site.scheduled_at(e) {
        field("scheduled", text(&at.text));
    }
    field("extra", Value::from_serializable(&b.extra));
    field("image", image_value(b.image.as_ref(), base));
    field("language", text(&b.language));
    field(
        "source_path",
        Value::from(b.source_path.to_string_lossy().replace('\\', "/")),
    );
    let taxonomies: BTreeMap<String, Value> = site
        .taxonomies
        .iter()
        .enumerate()
        .map(|(t, tax)| {
            let refs: Vec<Value> = entry.terms[t]
                .iter()
                .map(|&i| term_refs[t][i].clone())
                .collect();
            (tax.config.name.clone(), Value::from(refs))
        })
        .collect();
    field("taxonomies", Value::from(taxonomies));
    super::pages::add_entry_fields(site, e, &mut field);
    fields.into_value()
}

/// Whether `updated` is later than `date`: by day when either is a day without a time (a
/// briefing dated 09:00 and updated the same day was not updated later), else by the moment.
pub fn updated_later(b: &crate::content::Briefing) -> bool {
    let Some(updated) = &b.updated else {
        return false;
    };
    let is_day = |d: &crate::content::DateValue| d.text.len() == 10;
    if is_day(updated) || is_day(&b.date) {
        updated.date > b.date.date
    } else {
        updated.timestamp > b.date.timestamp
    }
}

#[cfg(test)]
mod tests {
    use super::{LIST_VIEW_FIELDS, pager_window};

    #[test]
    fn list_views_are_made_with_room_for_exactly_their_fields() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = crate::load_site(root, None, true).expect("the shipped site loads");
        let renderer = super::Renderer::new(loaded.site, loaded.theme, None).expect("views");
        // `scheduled` is the one field a view may lack; count it as present.
        let widest = renderer
            .entries
            .iter()
            .map(|view| {
                let fields = view.as_map().expect("a list view is a map");
                fields.len()
                    + usize::from(!fields.contains_key(&tera::value::Key::Str("scheduled")))
            })
            .max();
        assert_eq!(widest, Some(LIST_VIEW_FIELDS));
    }

    #[test]
    fn pager_window_is_bounded_and_marks_gaps() {
        assert_eq!(pager_window(1, 1), [(1, false)]);
        assert_eq!(pager_window(1, 3), [(1, false), (2, false), (3, false)]);
        let pages: Vec<usize> = pager_window(500, 1000).iter().map(|p| p.0).collect();
        assert_eq!(pages, [1, 498, 499, 500, 501, 502, 1000]);
        assert!(pager_window(500, 1000)[1].1 && pager_window(500, 1000)[6].1);
        // A lone hidden page next to an end is shown instead of a gap.
        let pages: Vec<usize> = pager_window(4, 7).iter().map(|p| p.0).collect();
        assert_eq!(pages, [1, 2, 3, 4, 5, 6, 7]);
        assert!(pager_window(4, 7).iter().all(|p| !p.1));
    }
}
