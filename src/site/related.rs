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

use std::sync::Arc;

use rayon::prelude::*;

use super::{Entry, Site};

/// Members of one term considered on each side of a briefing (in date order).
pub const WINDOW: usize = 50;

/// The related briefings of every entry of `site` (indices into `entries`, best first).
pub(super) fn related_entries(site: &Site) -> Vec<Vec<usize>> {
    let all: Vec<usize> = (0..site.entries.len()).collect();
    rank_entries(site, &all)
}

/// Per entry, its place in the order of slugs (equal slugs in site order): how related
/// lists break their last ties.
pub(super) fn slug_ranks(entries: &[Arc<Entry>]) -> Vec<u32> {
    let mut by_slug: Vec<usize> = (0..entries.len()).collect();
    by_slug.sort_by(|&a, &b| entries[a].briefing.slug.cmp(&entries[b].briefing.slug));
    let mut ranks = vec![0u32; entries.len()];
    for (rank, &e) in by_slug.iter().enumerate() {
        ranks[e] = rank as u32;
    }
    ranks
}

/// The related briefings of every entry of `site` (whose `related` is not set yet), taking
/// from `previous` the lists an edit cannot have changed. When the edit changed only the
/// terms of a few briefings (the same briefings in the same order, with the same dates and
/// slugs, and the same settings), a list can change only for a briefing within `WINDOW + 1`
/// places of a changed one in a term it joined or left (every member of a term short enough
/// to be considered whole): only those are ranked again. Anything else ranks every entry.
pub(super) fn related_after(site: &Site, previous: &Site) -> Vec<Vec<usize>> {
    match term_edits(site, previous) {
        Some(changed) => related_after_term_edits(site, previous, &changed),
        None => related_entries(site),
    }
}

/// More briefings changed than this in one edit: rank them all (a folder renamed, a
/// search-and-replace across the site).
const MAX_PATCHED_EDITS: usize = 64;

/// The entries whose terms differ between `previous` and `site`, when that is the only
/// difference that matters to related lists; `None` when anything else changed.
fn term_edits(site: &Site, previous: &Site) -> Option<Vec<usize>> {
    let (old, new) = (previous, site);
    let same_shape = old.config.related == new.config.related
        && old.entries.len() == new.entries.len()
        && old.related.len() == old.entries.len()
        && old.taxonomies.len() == new.taxonomies.len()
        && old
            .taxonomies
            .iter()
            .zip(&new.taxonomies)
            .all(|(a, b)| a.config.name == b.config.name);
    if !same_shape {
        return None;
    }
    let mut changed = Vec::new();
    for (e, (a, b)) in old.entries.iter().zip(&new.entries).enumerate() {
        let (a, b) = (&a.briefing, &b.briefing);
        // Site order, dates and slugs decide ranks and windows.
        if a.source_path.as_os_str() != b.source_path.as_os_str()
            || a.date.timestamp != b.date.timestamp
            || a.slug != b.slug
        {
            return None;
        }
        if (0..new.taxonomies.len()).any(|t| !term_slugs(old, e, t).eq(term_slugs(new, e, t))) {
            changed.push(e);
            if changed.len() > MAX_PATCHED_EDITS {
                return None;
            }
        }
    }
    Some(changed)
}

/// The related lists of `site`, which is `previous` with the terms of the entries `changed`
/// edited (nothing else: the same briefings in the same places, the same settings). Only
/// the entries near them in the terms they joined or left are ranked again.
pub(super) fn related_after_term_edits(
    site: &Site,
    previous: &Site,
    changed: &[usize],
) -> Vec<Vec<usize>> {
    let affected = near_term_edits(previous, site, changed);
    let mut related = Vec::clone(&previous.related);
    let fresh = rank_entries(site, &affected);
    for (&e, list) in affected.iter().zip(fresh) {
        related[e] = list;
    }
    related
}

/// The entries `changed` and those within `WINDOW + 1` places of one of them in a term it
/// joined or left, in `old` or `new`: the only related lists a term edit can change.
fn near_term_edits(old: &Site, new: &Site, changed: &[usize]) -> Vec<usize> {
    let mut affected = changed.to_vec();
    for &e in changed {
        for t in 0..new.taxonomies.len() {
            let before: Vec<&str> = term_slugs(old, e, t).collect();
            let after: Vec<&str> = term_slugs(new, e, t).collect();
            let joined_or_left = before
                .iter()
                .filter(|s| !after.contains(s))
                .chain(after.iter().filter(|s| !before.contains(s)));
            for slug in joined_or_left {
                for model in [old, new] {
                    let terms = &model.taxonomies[t].terms;
                    if let Some(term) = terms.iter().find(|term| term.slug == *slug) {
                        affected.extend_from_slice(near_in_term(&term.members, e));
                    }
                }
            }
        }
    }
    affected.sort_unstable();
    affected.dedup();
    affected
}

/// The slugs of entry `e`'s terms of taxonomy `t`, in order.
fn term_slugs(site: &Site, e: usize, t: usize) -> impl Iterator<Item = &str> {
    site.entries[e].terms[t]
        .iter()
        .map(move |&i| site.taxonomies[t].terms[i].slug.as_str())
}

/// The members of a term whose window (`nearest`) can hold `e` now or could have before `e`
/// joined or left it: every member of a term short enough to be taken whole (or just past
/// that length), else those within `WINDOW + 1` places of `e`.
fn near_in_term(members: &[usize], e: usize) -> &[usize] {
    if members.len() <= 2 * WINDOW + 2 {
        return members;
    }
    let at = members.binary_search(&e).unwrap_or_else(|at| at);
    &members[at.saturating_sub(WINDOW + 1)..(at + WINDOW + 2).min(members.len())]
}

/// The related briefings of the entries `which` (indices into `entries`, best first), in
/// that order.
fn rank_entries(site: &Site, which: &[usize]) -> Vec<Vec<usize>> {
    let (config, entries, taxonomies) = (&site.config, &site.entries, &site.taxonomies);
    let slug_rank = &site.slug_ranks;
    let limit = config.related.limit;
    let weights: Vec<u32> = taxonomies
        .iter()
        .map(|t| config.related.weight(&t.config.name))
        .collect();
    if limit == 0 || weights.iter().all(|&w| w == 0) {
        return vec![Vec::new(); which.len()];
    }
    let n = entries.len();
    // Slug ranks are a permutation of the entries: this is its inverse.
    let mut by_slug = vec![0usize; n];
    for (e, &rank) in slug_rank.iter().enumerate() {
        by_slug[rank as usize] = e;
    }
    // Flat keys for ranking: comparing candidates then never follows a briefing's pointer.
    let when: Vec<i64> = entries
        .iter()
        .map(|entry| entry.briefing.date.timestamp.as_second())
        .collect();
    which
        .par_iter()
        // One score per entry, reused across the briefings a thread handles: adding a
        // shared term is one addition, and only the touched scores are reset.
        .map_init(
            || (vec![0u32; n], Vec::<usize>::new()),
            |(scores, touched), &e| {
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
                let mut keyed: Vec<u128> = touched
                    .iter()
                    .map(|&c| rank_key(scores[c], when[c], at, slug_rank[c]))
                    .collect();
                for &c in touched.iter() {
                    scores[c] = 0;
                }
                touched.clear();
                best(&mut keyed, limit)
                    .map(|rank| by_slug[rank as usize])
                    .collect()
            },
        )
        .collect()
}

/// How a candidate dated `when` ranks for a briefing dated `at`, smaller first: more
/// weight, then nearer in date, then newer, then by slug (the slug rank is unique, so it
/// decides every tie). One integer ordered as the tuple `(Reverse(score), |when - at|,
/// Reverse(when), slug_rank)` (a test checks it): choosing the best few of hundreds of
/// candidates for every briefing by comparing tuples field by field was 2% of a build.
fn rank_key(score: u32, when: i64, at: i64, slug_rank: u32) -> u128 {
    // Seconds apart: 2^46 is two million years, more than any two dates can be.
    const DISTANCE_BITS: u32 = 46;
    let distance = u128::from(when.abs_diff(at).min((1 << DISTANCE_BITS) - 1));
    // At the same distance the newer comes first: the one after `at`.
    let older = u128::from(when < at);
    (u128::from(u32::MAX - score) << (33 + DISTANCE_BITS))
        | (distance << 33)
        | (older << 32)
        | u128::from(slug_rank)
}

/// The slug ranks of the best `limit` keys, best first.
fn best(keyed: &mut [u128], limit: usize) -> impl Iterator<Item = u32> {
    if keyed.len() > limit {
        keyed.select_nth_unstable(limit);
    }
    let keep = limit.min(keyed.len());
    let best = &mut keyed[..keep];
    best.sort_unstable();
    // The low 32 bits are the slug rank.
    best.iter().map(|&key| key as u32)
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
    use std::sync::Arc;

    use crate::site::Site;

    fn site(config: &str, files: &[(&str, &str)]) -> Site {
        let config = crate::config::parse_config(&format!(
            "title: T\nbase_url: https://e.org/\ntaxonomies: [tags, regions]\n{config}"
        ))
        .unwrap();
        let briefings = crate::site::test_briefings(&config, files);
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

    use crate::site::Lcg;

    #[test]
    fn packed_rank_keys_order_as_the_tuples_they_stand_for() {
        use std::cmp::Reverse;
        let mut rng = Lcg(7);
        let at = 1_700_000_000i64;
        // Scores, dates and ranks drawn from small sets, so that ties on every field occur;
        // scores and distances at their extremes too.
        let scores = [0, 1, 2, 3, 60, u32::MAX];
        let offsets = [0, 1, -1, 86_400, -86_400, 3_000_000_000, -3_000_000_000];
        let candidates: Vec<(u32, i64, u32)> = (0..400)
            .map(|_| {
                let score = scores[rng.below(scores.len())];
                let when = at + offsets[rng.below(offsets.len())];
                (score, when, rng.below(1000) as u32)
            })
            .collect();
        for a in &candidates {
            for b in &candidates {
                let tuple = |&(score, when, rank): &(u32, i64, u32)| {
                    (Reverse(score), when.abs_diff(at), Reverse(when), rank)
                };
                let packed =
                    |&(score, when, rank): &(u32, i64, u32)| super::rank_key(score, when, at, rank);
                assert_eq!(
                    tuple(a).cmp(&tuple(b)),
                    packed(a).cmp(&packed(b)),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    /// Front matter of briefing `i`: common tags (long, windowed member lists), rare ones
    /// (short lists, taken whole), `edge` on 2 × WINDOW - 2 of them at first (an edit
    /// adds it to half the briefings it touches, so the list soon grows past the length up
    /// to which it is taken whole), and a region.
    fn front_matter(i: usize, rng: &mut Lcg, edit: bool) -> String {
        let mut tags: Vec<String> = (0..rng.below(4))
            .map(|_| format!("common-{}", rng.below(5)))
            .collect();
        tags.extend((0..rng.below(3)).map(|_| format!("rare-{}", rng.below(12))));
        if (!edit && i.is_multiple_of(5) && i / 5 < 2 * super::WINDOW - 2)
            || (edit && rng.below(2) == 0)
        {
            tags.push("edge".into());
        }
        tags.sort();
        tags.dedup();
        let day = jiff::civil::date(2024, 1, 1) + jiff::Span::new().days((i / 2) as i64);
        format!(
            "title: B{i}\ndate: {day}\ntags: [{}]\nregions: [r{}]",
            tags.join(", "),
            rng.below(4)
        )
    }

    #[test]
    fn patched_related_lists_equal_a_full_ranking_after_random_term_edits() {
        let config = crate::config::parse_config(
            "title: T\nbase_url: https://e.org/\ntaxonomies: [tags, regions]\n\
             related: { limit: 60, weights: { tags: 1, regions: 3 } }\n",
        )
        .unwrap();
        let parse = |i: usize, fm: &str| {
            let path = format!("content/b{i:04}.md");
            crate::site::test_briefings(&config, &[(&path, fm)]).remove(0)
        };
        let mut rng = Lcg(7);
        let mut briefings: Vec<_> = (0..500)
            .map(|i| parse(i, &front_matter(i, &mut rng, false)))
            .collect();
        let build = |briefings: &[Arc<crate::content::Briefing>], previous: Option<&Site>| {
            Site::build_after(
                config.clone(),
                briefings.to_vec(),
                crate::site::SiteDocs::default(),
                false,
                jiff::Timestamp::UNIX_EPOCH,
                previous,
            )
            .unwrap()
        };
        let mut before = build(&briefings, None);
        let mut patched = 0;
        for round in 0..80 {
            // One briefing's terms, sometimes two or three at once.
            for _ in 0..1 + rng.below(3) * usize::from(round % 4 == 0) {
                let i = rng.below(briefings.len());
                briefings[i] = parse(i, &front_matter(i, &mut rng, true));
            }
            let after = build(&briefings, Some(&before));
            let full = build(&briefings, None);
            patched += usize::from(super::term_edits(&full, &before).is_some());
            assert_eq!(after.related, full.related, "round {round}");
            before = after;
        }
        assert!(patched >= 70, "the patch ran in {patched} of 80 rounds");
    }
}
