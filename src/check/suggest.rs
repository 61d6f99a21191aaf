//! "Did you mean" for broken links: the closest of many names, in time that does not grow
//! with the number of names.

/// Finds, among many names, one a typo away from a given word, in time that does not grow
/// with the number of names: a typo keeps either the start or the end of a long name, so
/// the names next to the word in sorted order, and next to it in sorted order of reversed
/// names, are the only candidates worth an edit distance.
pub(super) struct Suggester {
    forward: Vec<String>,
    /// (name reversed, index into `forward`), sorted.
    backward: Vec<(String, usize)>,
}

impl Suggester {
    /// Candidates on each side of the word, in each order.
    const WINDOW: usize = 8;

    /// Owns its names, so the preview can keep it between saves.
    pub(super) fn new<'n>(names: impl Iterator<Item = &'n str>) -> Suggester {
        let mut forward: Vec<String> = names.map(str::to_owned).collect();
        forward.sort_unstable();
        forward.dedup();
        let mut backward: Vec<(String, usize)> = forward
            .iter()
            .enumerate()
            .map(|(i, name)| (name.chars().rev().collect(), i))
            .collect();
        backward.sort_unstable();
        Suggester { forward, backward }
    }

    /// The name meant by `word`, never `linking` (the file or page the link is in: a
    /// follow-up is often named like the briefing it links to).
    pub(super) fn suggest(&self, word: &str, linking: Option<&str>) -> Option<&str> {
        let around =
            |len: usize, at: usize| at.saturating_sub(Self::WINDOW)..(at + Self::WINDOW).min(len);
        let at = self.forward.partition_point(|name| name.as_str() < word);
        let reversed: String = word.chars().rev().collect();
        let back_at = self
            .backward
            .partition_point(|(name, _)| name.as_str() < reversed.as_str());
        let candidates = self.forward[around(self.forward.len(), at)]
            .iter()
            .map(String::as_str)
            .chain(
                self.backward[around(self.backward.len(), back_at)]
                    .iter()
                    .map(|(_, i)| self.forward[*i].as_str()),
            )
            .filter(|name| Some(*name) != linking);
        suggest(word, candidates).or_else(|| self.only_longer_name(word, linking))
    }

    /// A name written short ("peace-offer.md" for "peace-offer-four-regions.md", more than a
    /// typo away): the one name that starts with the word's stem and ends as the word does.
    /// The stem's last segment must be long enough to mean one briefing, and the name may
    /// only add to that segment (not complete a folder). Looking at no more than `WINDOW`
    /// names sharing the stem bounds the work: more than that never leaves one that fits.
    fn only_longer_name(&self, word: &str, linking: Option<&str>) -> Option<&str> {
        let ending = [".md", "/"]
            .into_iter()
            .find(|ending| word.ends_with(ending))
            .unwrap_or("");
        let stem = &word[..word.len() - ending.len()];
        let last_segment = stem.rsplit('/').next().unwrap_or(stem);
        if last_segment.chars().count() < MIN_SHORTENED {
            return None;
        }
        let from = self.forward.partition_point(|name| name.as_str() < stem);
        let sharing_stem: Vec<&str> = self.forward[from..]
            .iter()
            .map(String::as_str)
            .take_while(|name| name.starts_with(stem))
            .take(Self::WINDOW + 1)
            .collect();
        if sharing_stem.len() > Self::WINDOW {
            return None;
        }
        let mut longer = sharing_stem.into_iter().filter(|name| {
            name.len() > word.len()
                && name.ends_with(ending)
                && !name[stem.len()..name.len() - ending.len()].contains('/')
                && Some(*name) != linking
        });
        let only = longer.next()?;
        longer.next().is_none().then_some(only)
    }
}

/// Characters the last segment of a shortened name must keep to be completed: "offer.md"
/// says little, "peace-offer.md" enough.
const MIN_SHORTENED: usize = 8;

/// The candidate at most `MAX_TYPO` edits from `word` (the closest; the first of equals),
/// for "did you mean". Cheap enough to run for every broken link of a large site: a length
/// test first, then an edit distance that gives up beyond `MAX_TYPO`.
pub(super) fn suggest<'c>(
    word: &str,
    candidates: impl Iterator<Item = &'c str>,
) -> Option<&'c str> {
    let word: Vec<char> = word.chars().collect();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let other: Vec<char> = candidate.chars().collect();
        let limit = best.map_or(MAX_TYPO, |(d, _)| d.saturating_sub(1));
        if let Some(d) = bounded_distance(&word, &other, limit)
            && best.is_none_or(|(b, _)| d < b)
        {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Edits a link may be away from a real target and still be suggested.
pub(super) const MAX_TYPO: usize = 3;

/// Optimal-string-alignment distance between `a` and `b` if it is at most `limit`.
pub(super) fn bounded_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let far = limit + 1;
    let mut rows = vec![vec![far; b.len() + 1]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(limit + 1) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur].fill(far);
        if i <= limit {
            rows[cur][0] = i;
        }
        let from = i.saturating_sub(limit).max(1);
        let to = (i + limit).min(b.len());
        let mut row_min = rows[cur][0];
        for j in from..=to {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = d.min(far);
            row_min = row_min.min(rows[cur][j]);
        }
        if row_min > limit {
            return None;
        }
    }
    Some(rows[a.len() % 3][b.len()]).filter(|d| *d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::edit_distance;

    #[test]
    fn suggestions_are_close_and_bounded() {
        let to = |s: &str| s.chars().collect::<Vec<_>>();
        for (a, b) in [
            ("peace-talks", "peace-talk"),
            ("tgas", "tags"),
            ("kyiv", "kiev"),
            ("", "ab"),
        ] {
            assert_eq!(
                bounded_distance(&to(a), &to(b), 3),
                Some(edit_distance(a, b)),
                "{a} {b}"
            );
        }
        assert_eq!(
            bounded_distance(&to("zaporizhzhia"), &to("zaporizhia"), 1),
            None
        );
        assert_eq!(bounded_distance(&to("abcdefgh"), &to("hgfedcba"), 3), None);
        let paths = [
            "/2025/07/peace-offer/",
            "/2025/07/peace-offers-2/",
            "/2025/07/other/",
        ];
        assert_eq!(
            suggest("/2025/07/peace-ofer/", paths.into_iter()),
            Some("/2025/07/peace-offer/")
        );
        assert_eq!(suggest("/2025/07/unrelated/", paths.into_iter()), None);
    }

    #[test]
    fn suggester_finds_typos_at_either_end_among_many_names() {
        let names: Vec<String> = (0..5000)
            .map(|i| format!("content/2025/briefing-{i:05}.md"))
            .chain([
                "content/2025/kremlin-offer.md".into(),
                "content/2025/xkremlin.md".into(),
            ])
            .collect();
        let suggester = Suggester::new(names.iter().map(String::as_str));
        assert_eq!(
            suggester.suggest("content/2025/kremlin-ofer.md", None),
            Some("content/2025/kremlin-offer.md")
        );
        assert_eq!(
            suggester.suggest("content/2025/briefing-01234.md.md", None),
            Some("content/2025/briefing-01234.md")
        );
        assert_eq!(
            suggester.suggest("content/2024/briefing-01234.md", None),
            Some("content/2025/briefing-01234.md")
        );
        assert_eq!(suggester.suggest("content/2025/unrelated.md", None), None);
    }

    #[test]
    fn a_name_written_short_is_completed_when_only_one_name_fits() {
        let names: Vec<String> = (0..50)
            .map(|i| format!("content/2025/briefing-{i:05}.md"))
            .chain([
                "content/2025/peace-offer-four-regions.md".into(),
                "content/2025/kremlin-offer-one.md".into(),
                "content/2025/kremlin-offer-two.md".into(),
                "/2025/07/peace-offer-four-regions/".into(),
            ])
            .collect();
        let suggester = Suggester::new(names.iter().map(String::as_str));
        assert_eq!(
            suggester.suggest("content/2025/peace-offer.md", None),
            Some("content/2025/peace-offer-four-regions.md")
        );
        assert_eq!(
            suggester.suggest("/2025/07/peace-offer/", None),
            Some("/2025/07/peace-offer-four-regions/")
        );
        // Two names fit: no guess.
        assert_eq!(
            suggester.suggest("content/2025/kremlin-offer.md", None),
            None
        );
        // Many names share the stem (looked at no further than `WINDOW`), or too little
        // of it is written.
        assert_eq!(suggester.suggest("content/2025/briefing.md", None), None);
        assert_eq!(suggester.suggest("content/2025/peace.md", None), None);
    }

    #[test]
    fn the_linking_name_and_names_in_another_folder_are_not_suggested() {
        let names = [
            "content/2025/peace-offer-four-regions.md",
            "content/2025/peace-offer-reactions.md",
            "content/analysis/only-one.md",
            "content/2025/kremlin-offer.md",
        ];
        let suggester = Suggester::new(names.into_iter());
        // A follow-up named like the briefing it links to: the other one is meant.
        assert_eq!(
            suggester.suggest(
                "content/2025/peace-offer.md",
                Some("content/2025/peace-offer-reactions.md")
            ),
            Some("content/2025/peace-offer-four-regions.md")
        );
        assert_eq!(suggester.suggest("content/2025/peace-offer.md", None), None);
        // A typo of the linking file's own name is not a suggestion either.
        assert_eq!(
            suggester.suggest(
                "content/2025/kremlin-ofer.md",
                Some("content/2025/kremlin-offer.md")
            ),
            None
        );
        // A folder's name is not completed to a file inside it.
        assert_eq!(suggester.suggest("content/analysis.md", None), None);
    }
}
