//! The preview after a change under static/: the sizes of the site's images are read again,
//! and the files that show an image whose size changed are read again too, since their
//! pages give its width and height (a fresh build would).

use crate::image::sizes::ImageSizes;

use super::{FileState, Project, Touched};

impl Project {
    pub(super) fn follow_image_sizes(&mut self, touched: &mut Touched) {
        let Some(config) = self.config.as_mut() else {
            return;
        };
        let sizes = ImageSizes::scan(&self.options.root.join("static"));
        let changed = config.image_sizes.changed(&sizes);
        if changed.is_empty() {
            return;
        }
        // Addresses are compared as the files they name (`%20`, `?v=2`).
        let shows_changed =
            |src: &str| ImageSizes::key(src).is_some_and(|file| changed.iter().any(|c| *c == file));
        // The desk's card is on every page without an image of its own.
        let card = config.image.as_ref();
        touched.theme |= card.is_some_and(|image| shows_changed(&image.src));
        config.set_image_sizes(sizes);
        for (path, state) in &self.files {
            let FileState::Loaded(briefing) = state else {
                continue;
            };
            let in_body = briefing
                .body
                .links
                .iter()
                .any(|link| link.image && shows_changed(&link.dest));
            let lead = briefing
                .image
                .as_ref()
                .is_some_and(|image| shows_changed(&image.src));
            if in_body || lead {
                touched.content.push(path.clone());
            }
        }
        touched.content.sort();
        touched.content.dedup();
        // Pages and profiles are few: all of them are read again.
        touched.docs_rescan = true;
    }
}
