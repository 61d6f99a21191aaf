//! The preview's clock: scheduled briefings (`publish_at:`) come out while it runs.

use super::{FileState, Project};

impl Project {
    /// The next moment a briefing's `publish_at:` comes, after the model's clock: the
    /// preview applies no paths then (`apply(&[])`), which publishes it.
    pub fn next_due(&self) -> Option<jiff::Timestamp> {
        let then = self.renderer.as_ref()?.site().now;
        self.files
            .values()
            .filter_map(|state| match state {
                FileState::Loaded(b) => b.publish_at.as_ref().map(|at| at.timestamp),
                _ => None,
            })
            .filter(|&at| at > then)
            .min()
    }

    /// Whether a briefing's `publish_at:` has come since the model was built. A patched
    /// model keeps the clock of the last full build, so it would go on holding the briefing
    /// back (or marking it scheduled): only a full build publishes it.
    pub(super) fn schedule_came(&self) -> bool {
        self.next_due().is_some_and(|due| due <= crate::now())
    }
}

/// Where briefing `b` will be if the model holds it back until its `publish_at:` (a draft is
/// not held back: it is left out).
pub(super) fn held_back_path(
    b: &crate::content::Briefing,
    drafts: bool,
    now: jiff::Timestamp,
) -> Option<&str> {
    crate::is_held_back(b, drafts, now).then_some(b.permalink.as_str())
}
