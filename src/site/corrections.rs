//! The site-wide corrections log: every correction of every published briefing, newest
//! first, on the paginated `/corrections/` pages and in `/corrections/atom.xml`.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::{Entry, PageKey, Site, page_count, paginated_path};

/// Where the corrections log lives.
pub const CORRECTIONS_PATH: &str = "/corrections/";

/// One correction of the log: the entry it corrects and its place in that briefing's
/// `corrections` (file order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorrectionRef {
    pub entry: usize,
    pub index: usize,
}

/// Every correction of `entries`, newest first; equal moments in site order, then file order.
pub(super) fn collect(entries: &[Arc<Entry>]) -> Vec<CorrectionRef> {
    let mut all: Vec<CorrectionRef> = entries
        .iter()
        .enumerate()
        .flat_map(|(entry, e)| {
            (0..e.briefing.corrections.len()).map(move |index| CorrectionRef { entry, index })
        })
        .collect();
    // Stable: site order and file order break ties.
    all.sort_by_key(|c| {
        std::cmp::Reverse(
            entries[c.entry].briefing.corrections[c.index]
                .date
                .timestamp,
        )
    });
    all
}

impl Site {
    /// The pages of the log: at least one, which says when there is nothing to correct.
    pub(super) fn correction_pages(&self) -> impl Iterator<Item = PageKey> + use<> {
        let pages = page_count(self.corrections.len(), self.config.paginate_by);
        (1..=pages)
            .map(PageKey::Corrections)
            .chain([PageKey::CorrectionsFeed])
    }

    /// The corrections shown on page `n` of the log.
    pub fn corrections_on_page(&self, n: usize) -> &[CorrectionRef] {
        let per_page = self.config.paginate_by;
        if per_page == 0 {
            return if n == 1 { &self.corrections } else { &[] };
        }
        let start = (n - 1).saturating_mul(per_page).min(self.corrections.len());
        &self.corrections[start..(start + per_page).min(self.corrections.len())]
    }

    /// The log's page at a site path (`/corrections/`, `/corrections/page/2/`, its feed).
    pub(super) fn correction_page_at(&self, path: &str) -> Option<PageKey> {
        let rest = path.strip_prefix(CORRECTIONS_PATH)?;
        if rest.is_empty() {
            return Some(PageKey::Corrections(1));
        }
        if rest == "atom.xml" {
            return Some(PageKey::CorrectionsFeed);
        }
        let n: usize = rest
            .strip_prefix("page/")?
            .strip_suffix('/')?
            .parse()
            .ok()?;
        let pages = page_count(self.corrections.len(), self.config.paginate_by);
        (2..=pages).contains(&n).then_some(PageKey::Corrections(n))
    }

    /// The log's pages a briefing with corrections is on (all of them: one new correction
    /// moves every older one along), with the feed.
    pub(super) fn correction_pages_for(&self, e: usize) -> Vec<PageKey> {
        if self.entries[e].briefing.corrections.is_empty() {
            return Vec::new();
        }
        self.correction_pages().collect()
    }

    /// What a page of the log shows, hashed: each correction's briefing (what lists show of
    /// it covers the correction's text and date, the briefing's title and URL) and place.
    pub(super) fn hash_corrections(&self, key: PageKey, h: &mut impl Hasher) {
        let shown = match key {
            PageKey::Corrections(n) => {
                let per_page = self.config.paginate_by;
                page_count(self.corrections.len(), per_page).hash(h);
                self.corrections_on_page(n)
            }
            _ => &self.corrections[..self.corrections.len().min(self.config.feed_limit)],
        };
        self.corrections.len().hash(h);
        for c in shown {
            (self.list_fingerprints()[c.entry], c.index).hash(h);
        }
    }
}

/// Site path of page `n` of the log.
pub fn corrections_page_path(n: usize) -> String {
    paginated_path(CORRECTIONS_PATH, n)
}
