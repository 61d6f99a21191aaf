//! The random edits: each draws from a seeded PRNG, changes the files on disk the way an
//! editor would (in-place writes, renames, new folders), keeps `Model` in step, and returns
//! what it did. Every edit changes bytes of a watched input, so every edit gives the preview
//! one rebuild to report. Broken front matter is always fixed by a later edit, before the
//! next comparison.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::corpus;
use super::model::{Broken, FrontMatter, Link, Model, Rng, list, quote, relative_link, slugify};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Body,
    Title,
    Date,
    Tags,
    Regions,
    Slug,
    Link,
    LinkedSlug,
    LinkedDate,
    LinkedDraft,
    LinkedRename,
    LinkedDelete,
    NewFile,
    Delete,
    Rename,
    MoveFile,
    NewFolder,
    MoveFolder,
    Draft,
    Break,
    Fix,
    Template,
    SiteYaml,
}

/// Relative weights of the random edits (`Fix` is not drawn: it is scheduled by `Break`).
const WEIGHTS: &[(Kind, u32)] = &[
    (Kind::Body, 120),
    (Kind::Title, 50),
    (Kind::Date, 70),
    (Kind::Tags, 70),
    (Kind::Regions, 40),
    (Kind::Slug, 50),
    (Kind::Link, 80),
    (Kind::LinkedSlug, 25),
    (Kind::LinkedDate, 20),
    (Kind::LinkedDraft, 15),
    (Kind::LinkedRename, 15),
    (Kind::LinkedDelete, 10),
    (Kind::NewFile, 50),
    (Kind::Delete, 35),
    (Kind::Rename, 45),
    (Kind::MoveFile, 45),
    (Kind::NewFolder, 25),
    (Kind::MoveFolder, 20),
    (Kind::Draft, 45),
    (Kind::Break, 40),
    (Kind::Template, 15),
    (Kind::SiteYaml, 10),
];

/// A broken file is fixed within this many edits.
const MAX_BROKEN_EDITS: i64 = 8;

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Body => "body text",
            Kind::Title => "title",
            Kind::Date => "date",
            Kind::Tags => "tags",
            Kind::Regions => "regions",
            Kind::Slug => "slug: added/changed/removed",
            Kind::Link => "link to a file (+#fragment)",
            Kind::LinkedSlug => "linked-to briefing: slug",
            Kind::LinkedDate => "linked-to briefing: date",
            Kind::LinkedDraft => "linked-to briefing: draft",
            Kind::LinkedRename => "linked-to briefing: renamed",
            Kind::LinkedDelete => "linked-to briefing: deleted",
            Kind::NewFile => "new file",
            Kind::Delete => "delete a file",
            Kind::Rename => "rename a file",
            Kind::MoveFile => "move a file to another folder",
            Kind::NewFolder => "new folder, files moved in",
            Kind::MoveFolder => "move a whole folder",
            Kind::Draft => "draft on/off",
            Kind::Break => "break front matter",
            Kind::Fix => "fix broken front matter",
            Kind::Template => "template edit",
            Kind::SiteYaml => "site.yaml edit",
        }
    }
}

/// One applied edit.
#[derive(Clone, Debug)]
pub struct Edit {
    pub index: usize,
    pub kind: Kind,
    pub detail: String,
}

pub struct Editor {
    pub model: Model,
    rng: Rng,
    /// The repository's themes/default, to copy templates from.
    theme: PathBuf,
}

impl Editor {
    pub fn new(model: Model, seed: u64, theme: &Path) -> Editor {
        Editor {
            model,
            rng: Rng::new(seed),
            theme: theme.to_path_buf(),
        }
    }

    /// Applies edit number `i`. Every broken file is fixed by edit `fix_by` at the latest.
    pub fn next(&mut self, i: usize, fix_by: usize) -> Edit {
        if let Some(path) = self.model.fix_due(i) {
            let broken = self
                .model
                .docs
                .get_mut(&path)
                .unwrap()
                .broken
                .take()
                .unwrap();
            self.model.write(&path, &broken.good);
            return Edit {
                index: i,
                kind: Kind::Fix,
                detail: format!("{path}: restored"),
            };
        }
        // Room for every broken file's fix before `fix_by`.
        let may_break =
            fix_by >= i + MAX_BROKEN_EDITS as usize + self.model.broken_docs().len() + 2;
        loop {
            let kind = self.choose(may_break);
            if let Some(detail) = self.apply(kind, i) {
                return Edit {
                    index: i,
                    kind,
                    detail,
                };
            }
        }
    }

    fn choose(&mut self, may_break: bool) -> Kind {
        // While a file is broken, edits that re-render everything are more likely: the preview
        // must still apply them once the file is fixed.
        let broken = !self.model.broken_docs().is_empty();
        let weights: Vec<(Kind, u32)> = WEIGHTS
            .iter()
            .copied()
            .filter(|(k, _)| may_break || *k != Kind::Break)
            .map(|(k, w)| match k {
                Kind::Template | Kind::SiteYaml if broken => (k, w * 4),
                _ => (k, w),
            })
            .collect();
        let total: u32 = weights.iter().map(|(_, w)| w).sum();
        let mut x = self.rng.below(total as usize) as u32;
        for (kind, w) in weights {
            if x < w {
                return kind;
            }
            x -= w;
        }
        unreachable!()
    }

    /// `None` when the edit does not apply now (no links yet, no sub-folder, ...).
    fn apply(&mut self, kind: Kind, i: usize) -> Option<String> {
        match kind {
            Kind::Body => self.body(i),
            Kind::Title => {
                let doc = self.pick_good()?;
                let title = format!("{} (edit {i})", corpus::title(&mut self.rng));
                self.set_key(&doc, "title", &quote(&title))
            }
            Kind::Date => {
                let doc = self.pick_good()?;
                let note = self.linked_note(&doc);
                Some(self.change_date(&doc)? + &note)
            }
            Kind::Tags => self.terms(i, "tags"),
            Kind::Regions => self.terms(i, "regions"),
            Kind::Slug => {
                let doc = self.pick_good()?;
                let note = self.linked_note(&doc);
                Some(self.change_slug(&doc, i)? + &note)
            }
            Kind::Link => self.link(i),
            Kind::LinkedSlug
            | Kind::LinkedDate
            | Kind::LinkedDraft
            | Kind::LinkedRename
            | Kind::LinkedDelete => {
                let targets = self.model.linked_targets();
                if targets.is_empty() {
                    return None;
                }
                let target = self.rng.pick(&targets).clone();
                let from = self.model.linked_from(&target).join(", ");
                let what = match kind {
                    Kind::LinkedSlug => self.change_slug(&target, i),
                    Kind::LinkedDate => self.change_date(&target),
                    Kind::LinkedDraft => self.toggle_draft(&target),
                    Kind::LinkedRename => self.rename(&target, i),
                    _ => self.delete(&target),
                }?;
                Some(format!("{what} (linked from {from})"))
            }
            Kind::NewFile => self.new_file(i),
            Kind::Delete => {
                let broken = self.model.broken_docs();
                let doc = if !broken.is_empty() && self.rng.chance(0.15) {
                    self.rng.pick(&broken).clone()
                } else {
                    self.pick_good()?
                };
                let note = self.linked_note(&doc);
                Some(self.delete(&doc)? + &note)
            }
            Kind::Rename => {
                let doc = self.pick_good()?;
                let note = self.linked_note(&doc);
                Some(self.rename(&doc, i)? + &note)
            }
            Kind::MoveFile => self.move_file(i),
            Kind::NewFolder => self.new_folder(i),
            Kind::MoveFolder => self.move_folder(i),
            Kind::Draft => {
                let doc = self.pick_good()?;
                let note = self.linked_note(&doc);
                Some(self.toggle_draft(&doc)? + &note)
            }
            Kind::Break => self.break_front_matter(i),
            Kind::Fix => None,
            Kind::Template => self.template(i),
            Kind::SiteYaml => self.site_yaml(i),
        }
    }

    /// ` (linked from a.md, b.md)` when soak links point at `doc`.
    fn linked_note(&self, doc: &str) -> String {
        let from = self.model.linked_from(doc);
        if from.is_empty() {
            String::new()
        } else {
            format!(" (linked from {})", from.join(", "))
        }
    }

    /// ` (k of them linked to)` for files about to move together.
    fn linked_count(&self, docs: &[String]) -> String {
        let k = docs
            .iter()
            .filter(|d| !self.model.linked_from(d).is_empty())
            .count();
        if k == 0 {
            String::new()
        } else {
            format!(" ({k} of them linked to)")
        }
    }

    fn pick_good(&mut self) -> Option<String> {
        let docs = self.model.good_docs();
        (!docs.is_empty()).then(|| self.rng.pick(&docs).clone())
    }

    /// Reads `doc`, lets `change` rewrite its front matter, writes it back.
    fn rewrite(&mut self, doc: &str, change: impl FnOnce(&mut FrontMatter)) -> Option<()> {
        let text = self.model.read(doc);
        let mut fm = FrontMatter::parse(&text)?;
        change(&mut fm);
        let new = fm.render();
        if new == text {
            return None;
        }
        self.model.write(doc, &new);
        self.model.note_outputs(doc, &new);
        Some(())
    }

    fn set_key(&mut self, doc: &str, key: &str, value: &str) -> Option<String> {
        self.rewrite(doc, |fm| fm.set(key, value))?;
        Some(format!("{doc}: {key}: {value}"))
    }

    fn body(&mut self, i: usize) -> Option<String> {
        let doc = self.pick_good()?;
        let text = self.model.read(&doc);
        let mut fm = FrontMatter::parse(&text)?;
        let variant = self.rng.below(3);
        let what = match variant {
            0 => {
                fm.body.push_str(&format!(
                    "\nSoak edit {i}: {}\n",
                    corpus::sentence(&mut self.rng)
                ));
                "appended a paragraph"
            }
            1 => {
                // After a random blank line: between two blocks.
                let breaks: Vec<usize> = fm.body.match_indices("\n\n").map(|(at, _)| at).collect();
                let at = if breaks.is_empty() {
                    0
                } else {
                    *self.rng.pick(&breaks) + 1
                };
                let paragraph = format!("\nSoak edit {i}: {}\n", corpus::sentence(&mut self.rng));
                fm.body.insert_str(at, &paragraph);
                "inserted a paragraph"
            }
            _ => {
                let headings: Vec<usize> = fm
                    .body
                    .match_indices("\n## ")
                    .map(|(at, _)| at + 1)
                    .collect();
                if headings.is_empty() {
                    fm.body
                        .push_str(&format!("\n## Soak heading {i}\n\nText.\n"));
                    "added a section"
                } else {
                    let at = *self.rng.pick(&headings);
                    let end = at + fm.body[at..].find('\n').unwrap_or(fm.body.len() - at);
                    fm.body.insert_str(end, &format!(" (rev {i})"));
                    "renamed a heading"
                }
            }
        };
        self.model.write(&doc, &fm.render());
        Some(format!("{doc}: {what}"))
    }

    fn change_date(&mut self, doc: &str) -> Option<String> {
        let old = FrontMatter::parse(&self.model.read(doc))?
            .get("date")?
            .to_string();
        // Earlier only: the briefing's `updated:` and corrections are dated after its date,
        // and a later date could put it after them, which `build` refuses (the soak would
        // then compare nothing for the rest of the run). Gives up after a few draws when the
        // date is already among the earliest.
        let date = (0..20)
            .map(|_| corpus::date(&mut self.rng))
            .find(|date| date.as_str() < old.as_str())?;
        self.set_key(doc, "date", &date)
            .map(|what| format!("{what} (was {old})"))
    }

    fn terms(&mut self, i: usize, key: &str) -> Option<String> {
        let doc = self.pick_good()?;
        let vocab = match key {
            "tags" => &self.model.vocab.tags,
            _ => &self.model.vocab.regions,
        };
        let k = self.rng.int(1, 4) as usize;
        let mut terms = self.rng.sample(vocab, k);
        if self.rng.chance(0.15) {
            // A new term: its pages and feed appear (and go when no briefing uses it).
            let new = match key {
                "tags" => format!("soak-{i}"),
                _ => format!("Soak Region {i}"),
            };
            terms.push(new.clone());
            match key {
                "tags" => self.model.vocab.tags.push(new),
                _ => self.model.vocab.regions.push(new),
            }
        } else if self.rng.chance(0.1) {
            // Another spelling of the same term (same slug): the first in file order is shown.
            terms[0] = terms[0].to_uppercase();
        }
        self.set_key(&doc, key, &list(&terms))
    }

    fn change_slug(&mut self, doc: &str, i: usize) -> Option<String> {
        let fm = FrontMatter::parse(&self.model.read(doc))?;
        if fm.get("slug").is_some() && self.rng.chance(0.5) {
            self.rewrite(doc, |fm| {
                fm.remove("slug");
            })?;
            return Some(format!("{doc}: slug removed"));
        }
        let slug = format!("s{i}-{}", short(doc));
        self.set_key(doc, "slug", &slug)
    }

    fn toggle_draft(&mut self, doc: &str) -> Option<String> {
        let fm = FrontMatter::parse(&self.model.read(doc))?;
        if fm.get("draft").is_some() {
            self.rewrite(doc, |fm| {
                fm.remove("draft");
            })?;
            Some(format!("{doc}: draft removed"))
        } else {
            self.set_key(doc, "draft", "true")
        }
    }

    fn link(&mut self, i: usize) -> Option<String> {
        let source = self.pick_good()?;
        let others: Vec<String> = self
            .model
            .docs
            .keys()
            .filter(|p| **p != source)
            .cloned()
            .collect();
        if others.is_empty() {
            return None;
        }
        let target = self.rng.pick(&others).clone();
        let href = relative_link(&source, &target);
        let mut fragment = String::new();
        if self.rng.chance(0.5) {
            let text = self.model.read(&target);
            let headings: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("## ")).collect();
            if !headings.is_empty() {
                let heading = headings[self.rng.below(headings.len())];
                fragment = format!("#{}", slugify(heading));
            }
        }
        let text = self.model.read(&source);
        let mut fm = FrontMatter::parse(&text)?;
        fm.body
            .push_str(&format!("\nSee also [briefing {i}]({href}{fragment}).\n"));
        self.model.write(&source, &fm.render());
        self.model.links.push(Link {
            source: source.clone(),
            target: href.clone(),
        });
        Some(format!("{source}: link to {href}{fragment}"))
    }

    fn new_file(&mut self, i: usize) -> Option<String> {
        let folders: Vec<String> = self.model.folders.iter().cloned().collect();
        let folder = if self.rng.chance(0.6) {
            "content".to_string()
        } else {
            self.rng.pick(&folders).clone()
        };
        let path = format!("{folder}/soak-new-{i:04}.md");
        let title = format!("{} (new {i})", corpus::title(&mut self.rng));
        let date = corpus::date(&mut self.rng);
        let draft = self.rng.chance(0.1);
        let text = corpus::briefing(&mut self.rng, &self.model.vocab, &title, &date, draft);
        self.model.write(&path, &text);
        self.model.note_outputs(&path, &text);
        self.model.docs.insert(path.clone(), Default::default());
        Some(format!("{path}{}", if draft { " (draft)" } else { "" }))
    }

    fn delete(&mut self, doc: &str) -> Option<String> {
        std::fs::remove_file(self.model.abs(doc)).unwrap();
        self.model.removed_doc(doc);
        Some(format!("{doc}: deleted"))
    }

    fn rename(&mut self, doc: &str, i: usize) -> Option<String> {
        let folder = &doc[..doc.rfind('/').unwrap()];
        let new = format!("{folder}/{}-r{i}.md", short(doc));
        self.move_doc(doc, &new);
        Some(format!("{doc} → {new}"))
    }

    fn move_doc(&mut self, doc: &str, new: &str) {
        std::fs::rename(self.model.abs(doc), self.model.abs(new)).unwrap();
        self.model.moved_doc(doc, new);
        let text = self.model.read(new);
        self.model.note_outputs(new, &text);
    }

    /// A new folder `<parent>/<name>` under a random existing folder.
    fn make_folder(&mut self, name: &str) -> String {
        let folders: Vec<String> = self.model.folders.iter().cloned().collect();
        let parent = self.rng.pick(&folders).clone();
        let folder = format!("{parent}/{name}");
        std::fs::create_dir_all(self.model.abs(&folder)).unwrap();
        self.model.folders.insert(folder.clone());
        folder
    }

    fn move_file(&mut self, i: usize) -> Option<String> {
        let doc = self.pick_good()?;
        let note = self.linked_note(&doc);
        let current = doc[..doc.rfind('/').unwrap()].to_string();
        let others: Vec<String> = self
            .model
            .folders
            .iter()
            .filter(|f| **f != current)
            .cloned()
            .collect();
        let folder = if others.is_empty() || self.rng.chance(0.3) {
            self.make_folder(&format!("d{i}"))
        } else {
            self.rng.pick(&others).clone()
        };
        let new = format!("{folder}/{}", doc.rsplit('/').next().unwrap());
        self.move_doc(&doc, &new);
        Some(format!("{doc} → {new}{note}"))
    }

    fn new_folder(&mut self, i: usize) -> Option<String> {
        let folder = self.make_folder(&format!("f{i}"));
        let docs = self.model.good_docs();
        let k = self.rng.int(2, 5) as usize;
        let moved = self.rng.sample(&docs, k);
        let note = self.linked_count(&moved);
        for doc in &moved {
            let new = format!("{folder}/{}", doc.rsplit('/').next().unwrap());
            self.move_doc(doc, &new);
        }
        Some(format!(
            "{folder}: created, {} files moved in{note}",
            moved.len()
        ))
    }

    fn move_folder(&mut self, i: usize) -> Option<String> {
        let subfolders: Vec<String> = self
            .model
            .folders
            .iter()
            .filter(|f| *f != "content")
            .cloned()
            .collect();
        if subfolders.is_empty() {
            return None;
        }
        let folder = self.rng.pick(&subfolders).clone();
        let inside = format!("{folder}/");
        let parents: Vec<String> = self
            .model
            .folders
            .iter()
            .filter(|f| **f != folder && !f.starts_with(&inside))
            .cloned()
            .collect();
        let parent = self.rng.pick(&parents).clone();
        let new = format!("{parent}/m{i}");
        let inside_docs: Vec<String> = self
            .model
            .docs
            .keys()
            .filter(|p| p.starts_with(&inside))
            .cloned()
            .collect();
        let note = self.linked_count(&inside_docs);
        std::fs::rename(self.model.abs(&folder), self.model.abs(&new)).unwrap();
        self.model.moved_folder(&folder, &new);
        let moved: Vec<String> = self
            .model
            .docs
            .keys()
            .filter(|p| p.starts_with(&format!("{new}/")))
            .cloned()
            .collect();
        for doc in &moved {
            let text = self.model.read(doc);
            self.model.note_outputs(doc, &text);
        }
        Some(format!("{folder} → {new} ({} files){note}", moved.len()))
    }

    fn break_front_matter(&mut self, i: usize) -> Option<String> {
        let doc = self.pick_good()?;
        let good = self.model.read(&doc);
        let mut fm = FrontMatter::parse(&good)?;
        let (broken, what) = match self.rng.below(5) {
            0 if fm.get("tags").is_some() => {
                fm.set("tags", "[unclosed, list");
                (fm.render(), "bad YAML (unclosed list)")
            }
            1 => {
                fm.set("title", "\"unclosed quote");
                (fm.render(), "bad YAML (unclosed quote)")
            }
            2 => {
                fm.set("date", "2025-13-45");
                (fm.render(), "bad date (2025-13-45)")
            }
            3 => {
                fm.set("date", "last tuesday");
                (fm.render(), "bad date (last tuesday)")
            }
            _ => (good.replacen("\n---\n", "\n", 1), "no closing --- line"),
        };
        self.model.write(&doc, &broken);
        let due = i + self.rng.int(1, MAX_BROKEN_EDITS) as usize;
        self.model.docs.get_mut(&doc).unwrap().broken = Some(Broken { good, due });
        Some(format!("{doc}: {what}, fixed at edit {due}"))
    }

    fn template(&mut self, i: usize) -> Option<String> {
        let root = self.model.root.clone();
        if !self.model.ejected && self.rng.chance(0.25) {
            // The built-in theme becomes a theme folder of the site (same files).
            super::model::copy_tree(&self.theme, &root.join("themes/default"));
            self.model.ejected = true;
            return Some("copied the default theme to themes/default/".into());
        }
        if !self.model.overrides.is_empty() && self.rng.chance(0.2) {
            let names: Vec<String> = self.model.overrides.iter().cloned().collect();
            let name = self.rng.pick(&names).clone();
            std::fs::remove_file(root.join("templates").join(&name)).unwrap();
            self.model.overrides.remove(&name);
            return Some(format!("templates/{name}: override removed"));
        }
        let (file, name) = if self.model.ejected && self.rng.chance(0.4) {
            (root.join("themes/default/templates/base.html"), "base.html")
        } else {
            let name = *self.rng.pick(&["briefing.html", "entry.html"]);
            let file = root.join("templates").join(name);
            if !file.exists() {
                let source = if self.model.ejected {
                    root.join("themes/default/templates").join(name)
                } else {
                    self.theme.join("templates").join(name)
                };
                std::fs::create_dir_all(root.join("templates")).unwrap();
                std::fs::copy(source, &file).unwrap();
                self.model.overrides.insert(name.to_string());
            }
            (file, name)
        };
        let text = std::fs::read_to_string(&file).unwrap();
        let marker = format!("<!-- soak template edit {i} -->");
        let new = match text.find("<!-- soak template edit ") {
            Some(at) => {
                let end = at + text[at..].find("-->").unwrap() + 3;
                format!("{}{marker}{}", &text[..at], &text[end..])
            }
            None => {
                // A line of the theme each template is sure to have; the comment goes
                // right after it.
                let anchor = match name {
                    "briefing.html" => "<article class=\"wrap briefing\">",
                    "entry.html" => "</article>",
                    _ => "<main id=\"main\" tabindex=\"-1\">",
                };
                text.replacen(anchor, &format!("{anchor}\n{marker}"), 1)
            }
        };
        assert_ne!(new, text, "no anchor in {}", file.display());
        std::fs::write(&file, new).unwrap();
        Some(format!(
            "{}: {marker}",
            file.strip_prefix(&root).unwrap().display()
        ))
    }

    fn site_yaml(&mut self, i: usize) -> Option<String> {
        let path = self.model.root.join("site.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines: BTreeMap<usize, String> =
            text.lines().map(str::to_string).enumerate().collect();
        let (key, value) = if self.rng.chance(0.7) {
            (
                "description",
                quote(&format!("Soak edit {i}: a synthetic corpus of briefings.")),
            )
        } else {
            let current = lines
                .values()
                .find_map(|l| l.strip_prefix("paginate_by: "))
                .unwrap_or("10");
            (
                "paginate_by",
                if current == "10" { "8" } else { "10" }.to_string(),
            )
        };
        let prefix = format!("{key}: ");
        let at = lines
            .iter()
            .find(|(_, l)| l.starts_with(&prefix))
            .map(|(at, _)| *at)
            .expect("site.yaml has the key");
        lines.insert(at, format!("{prefix}{value}"));
        let new: String = lines.values().map(|l| format!("{l}\n")).collect();
        std::fs::write(&path, new).unwrap();
        Some(format!("site.yaml: {key}: {value}"))
    }
}

/// The first two words of a file's name, for new names and slugs.
fn short(doc: &str) -> String {
    let stem = doc.rsplit('/').next().unwrap().trim_end_matches(".md");
    stem.split('-').take(2).collect::<Vec<_>>().join("-")
}
