//! Related briefings: for each briefing, up to `related.limit` others that share the most
//! terms with it, each shared term weighing its taxonomy's `related.weights` (1 unless set).
//! Ties go to the briefing nearest in date, then the newer, then by slug (then site order),
//! so the lists are the same on every run and thread count.
//!
//! No all-pairs comparison: candidates come only from the member lists of the briefing's own
//! terms, and a term with many briefings (a region with thousands) contributes only the
//! `WINDOW` members nearest in date on either side of the briefing (members are in site order,
//! which is by date). The work per briefing is bounded by (its terms × 2 × `WINDOW`), so the
//! whole is linear in the number of briefings. A briefing that shares only very common terms
//! and is far away in date can be missed; nearer ones with the same score win the tie anyway.

use std::cmp::Reverse;

use rayon::prelude::*;

use crate::config::Config;

use super::{Entry, Taxonomy};

/// Members of one term considered on each side of a briefing (in date order).
pub const WINDOW: usize = 50;

/// The related briefings of every entry (indices into `entries`, best first).
pub(super) fn related_entries(
    config: &Config,
    entries: &[Entry],
    taxonomies: &[Taxonomy],
) -> Vec<Vec<usize>> {
    let limit = config.related.limit;
    let weights: Vec<u32> = taxonomies
        .iter()
        .map(|t| config.related.weight(&t.config.name))
        .collect();
    if limit == 0 || weights.iter().all(|&w| w == 0) {
        return vec![Vec::new(); entries.len()];
    }
    let n = entries.len();
    // Flat keys for ranking: comparing candidates then never follows a briefing's pointer.
    let when: Vec<i64> = entries
        .iter()
        .map(|entry| entry.briefing.date.timestamp.as_second())
        .collect();
    let mut by_slug: Vec<usize> = (0..n).collect();
    by_slug.sort_by(|&a, &b| entries[a].briefing.slug.cmp(&entries[b].briefing.slug));
    let mut slug_rank = vec![0u32; n];
    for (rank, &e) in by_slug.iter().enumerate() {
        slug_rank[e] = rank as u32;
    }
    (0..n)
        .into_par_iter()
        // One score per entry, reused across the briefings a thread handles: adding a
        // shared term is one addition, and only the touched scores are reset.
        .map_init(
            || (vec![0u32; n], Vec::<usize>::new()),
            |(scores, touched), e| {
                for (t, terms) in entries[e].terms.iter().enumerate() {
                    let weight = weights[t];
                    if weight == 0 {
                        continue;
                    }
                    for &i in terms {
                        for &c in nearest(&taxonomies[t].terms[i].members, e) {
                            if c != e {
                                if scores[c] == 0 {
                                    touched.push(c);
                                }
                                scores[c] += weight;
                            }
                        }
                    }
                }
                let at = when[e];
                let mut keyed: Vec<Key> = touched
                    .iter()
                    .map(|&c| {
                        (
                            Reverse(scores[c]),
                            when[c].abs_diff(at),
                            Reverse(when[c]),
                            slug_rank[c],
                            c,
                        )
                    })
                    .collect();
                for &c in touched.iter() {
                    scores[c] = 0;
                }
                touched.clear();
                best(&mut keyed, limit)
            },
        )
        .collect()
}

/// How candidates rank: more weight, then nearer in date, then newer, then by slug (then
/// site order, through the slug rank, which is unique).
type Key = (Reverse<u32>, u64, Reverse<i64>, u32, usize);

/// The entries of the best `limit` keys, best first.
fn best(keyed: &mut [Key], limit: usize) -> Vec<usize> {
    if keyed.len() > limit {
        keyed.select_nth_unstable(limit);
    }
    let keep = limit.min(keyed.len());
    let best = &mut keyed[..keep];
    best.sort_unstable();
    best.iter().map(|key| key.4).collect()
}

/// The members of a term within `WINDOW` places of entry `e` (members are sorted).
fn nearest(members: &[usize], e: usize) -> &[usize] {
    if members.len() <= 2 * WINDOW + 1 {
        return members;
    }
    let at = members.binary_search(&e).unwrap_or_else(|p| p);
    &members[at.saturating_sub(WINDOW)..(at + WINDOW + 1).min(members.len())]
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use crate::site::Site;

    fn site(config: &str, files: &[(&str, &str)]) -> Site {
        let config = crate::config::parse_config(&format!(
            "title: T\nbase_url: https://e.org/\ntaxonomies: [tags, regions]\n{config}"
        ))
        .unwrap();
        let briefings = files
            .iter()
            .map(|(path, fm)| {
                crate::content::parse_briefing(
                    Path::new(path),
                    &format!("---\n{fm}\n---\nBody.\n"),
                    &config,
                )
                .unwrap()
            })
            .map(Arc::new)
            .collect();
        Site::build(config, briefings, false, jiff::Timestamp::UNIX_EPOCH).unwrap()
    }

    fn titles(site: &Site, e: usize) -> Vec<&str> {
        site.related[e]
            .iter()
            .map(|&r| site.entries[r].briefing.title.as_str())
            .collect()
    }

    fn entry(site: &Site, title: &str) -> usize {
        site.entries
            .iter()
            .position(|e| e.briefing.title == title)
            .unwrap()
    }

    #[test]
    fn weights_decide_before_dates() {
        let files = [
            (
                "content/a.md",
                "title: A\ndate: 2025-01-10\ntags: [x, y]\nregions: [r]",
            ),
            ("content/b.md", "title: B\ndate: 2025-01-11\ntags: [x, y]"),
            ("content/c.md", "title: C\ndate: 2019-01-01\nregions: [r]"),
            ("content/d.md", "title: D\ndate: 2025-01-10\ntags: [z]"),
        ];
        let plain = site("", &files);
        assert_eq!(titles(&plain, entry(&plain, "A")), ["B", "C"]);
        let weighted = site("related: { weights: { regions: 3 } }\n", &files);
        assert_eq!(titles(&weighted, entry(&weighted, "A")), ["C", "B"]);
        let no_tags = site("related: { weights: { tags: 0 } }\n", &files);
        assert_eq!(titles(&no_tags, entry(&no_tags, "A")), ["C"]);
        assert!(titles(&plain, entry(&plain, "D")).is_empty());
    }

    #[test]
    fn ties_by_distance_then_newer_then_slug() {
        let files = [
            ("content/m.md", "title: M\ndate: 2025-06-15\ntags: [x]"),
            ("content/b.md", "title: Before\ndate: 2025-06-14\ntags: [x]"),
            ("content/a.md", "title: After\ndate: 2025-06-16\ntags: [x]"),
            ("content/z.md", "title: Z\ndate: 2025-06-10\ntags: [x]"),
            ("content/y.md", "title: Y\ndate: 2025-06-10\ntags: [x]"),
        ];
        let s = site("related: { limit: 4 }\n", &files);
        assert_eq!(titles(&s, entry(&s, "M")), ["After", "Before", "Y", "Z"]);
        let s = site("related: { limit: 1 }\n", &files);
        assert_eq!(titles(&s, entry(&s, "M")), ["After"]);
    }

    #[test]
    fn a_very_common_term_is_looked_at_near_the_briefing_only() {
        // 400 briefings share one tag, one a day: each gets its nearest neighbours in date,
        // and the work per briefing is bounded by the window, not the term's size.
        let files: Vec<(String, String)> = (0..400)
            .map(|i| {
                let day = jiff::civil::date(2024, 1, 1) + jiff::Span::new().days(i);
                (
                    format!("content/b{i:03}.md"),
                    format!("title: B{i}\ndate: {day}\ntags: [war]"),
                )
            })
            .collect();
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let s = site("", &refs);
        let b200 = entry(&s, "B200");
        assert_eq!(titles(&s, b200), ["B201", "B199", "B202", "B198", "B203"]);
        assert_eq!(
            super::nearest(&s.taxonomies[0].terms[0].members, b200).len(),
            2 * super::WINDOW + 1
        );
    }
}
