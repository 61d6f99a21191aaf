//! The soak's picture of the site on disk: which briefing files exist (and which are broken
//! until a later edit fixes them), the folders under content/, the file links the soak added,
//! the template overrides, the output paths the preview may ever have held; plus the seeded
//! PRNG and small helpers to read and rewrite front matter line by line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// SplitMix64, as in examples/gen_corpus.rs: the same seed gives the same edits.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, n), n > 0.
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in [lo, hi], both inclusive.
    pub fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// k distinct elements of `xs` (k ≤ len), in random order.
    pub fn sample<T: Clone>(&mut self, xs: &[T], k: usize) -> Vec<T> {
        let mut pool = xs.to_vec();
        let k = k.min(pool.len());
        for i in 0..k {
            let j = i + self.below(pool.len() - i);
            pool.swap(i, j);
        }
        pool.truncate(k);
        pool
    }
}

/// A briefing file the soak knows about.
#[derive(Default)]
pub struct Doc {
    /// Set while the file holds broken front matter: the good text and the edit that fixes it.
    pub broken: Option<Broken>,
}

pub struct Broken {
    pub good: String,
    pub due: usize,
}

/// A link the soak wrote into `source`'s body, to the file `target` (relative, as written).
pub struct Link {
    pub source: String,
    pub target: String,
}

/// Names the edits draw terms from: the corpus's own, plus the ones edits invent.
#[derive(Default)]
pub struct Vocab {
    pub tags: Vec<String>,
    pub regions: Vec<String>,
    pub actors: Vec<String>,
}

pub struct Model {
    pub root: PathBuf,
    /// Root-relative paths with forward slashes (`content/a/x.md`).
    pub docs: BTreeMap<String, Doc>,
    /// `content` and every folder under it, root-relative.
    pub folders: BTreeSet<String>,
    pub links: Vec<Link>,
    pub vocab: Vocab,
    /// The theme was copied to the site's themes/default/ (it is no longer the built-in one).
    pub ejected: bool,
    /// Template names overridden in the site's templates/.
    pub overrides: BTreeSet<String>,
    /// Output paths the preview may have held at some point: probed at checkpoints, each
    /// must be served exactly when the build wrote it.
    pub candidates: BTreeSet<String>,
}

impl Model {
    /// Reads the site at `root` (site.yaml + content/).
    pub fn scan(root: &Path) -> Model {
        let mut model = Model {
            root: root.to_path_buf(),
            docs: BTreeMap::new(),
            folders: BTreeSet::from(["content".to_string()]),
            links: Vec::new(),
            vocab: Vocab::default(),
            ejected: root.join("themes/default").is_dir(),
            overrides: BTreeSet::new(),
            candidates: BTreeSet::new(),
        };
        let (mut tags, mut regions, mut actors) =
            (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
        for entry in walkdir::WalkDir::new(root.join("content")).sort_by_file_name() {
            let entry = entry.expect("walk content/");
            let rel = model.relative(entry.path());
            if entry.file_type().is_dir() {
                model.folders.insert(rel);
            } else if rel.ends_with(".md") {
                let text = model.read(&rel);
                if let Some(fm) = FrontMatter::parse(&text) {
                    tags.extend(fm.list("tags"));
                    regions.extend(fm.list("regions"));
                    actors.extend(fm.list("actors"));
                }
                model.note_outputs(&rel, &text);
                model.docs.insert(rel, Doc::default());
            }
        }
        model.vocab = Vocab {
            tags: tags.into_iter().collect(),
            regions: regions.into_iter().collect(),
            actors: actors.into_iter().collect(),
        };
        model
    }

    pub fn abs(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn relative(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/")
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.abs(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.abs(rel), text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }

    /// Briefing files that are not broken, sorted.
    pub fn good_docs(&self) -> Vec<String> {
        self.docs
            .iter()
            .filter(|(_, d)| d.broken.is_none())
            .map(|(p, _)| p.clone())
            .collect()
    }

    pub fn broken_docs(&self) -> Vec<String> {
        self.docs
            .iter()
            .filter(|(_, d)| d.broken.is_some())
            .map(|(p, _)| p.clone())
            .collect()
    }

    /// The broken file whose fix is due first, if one is due at edit `i`.
    pub fn fix_due(&self, i: usize) -> Option<String> {
        self.docs
            .iter()
            .filter_map(|(p, d)| d.broken.as_ref().map(|b| (b.due, p)))
            .filter(|(due, _)| *due <= i)
            .min()
            .map(|(_, p)| p.clone())
    }

    /// Existing, unbroken files some soak link points at.
    pub fn linked_targets(&self) -> Vec<String> {
        let targets: BTreeSet<String> = self
            .links
            .iter()
            .map(|l| resolve(&l.source, &l.target))
            .filter(|t| self.docs.get(t).is_some_and(|d| d.broken.is_none()))
            .collect();
        targets.into_iter().collect()
    }

    /// Files linking to `target`.
    pub fn linked_from(&self, target: &str) -> Vec<String> {
        let mut from: Vec<String> = self
            .links
            .iter()
            .filter(|l| resolve(&l.source, &l.target) == target)
            .map(|l| l.source.clone())
            .collect();
        from.sort();
        from.dedup();
        from
    }

    /// Records that the file `old` is now `new` (after a rename on disk).
    pub fn moved_doc(&mut self, old: &str, new: &str) {
        let doc = self.docs.remove(old).expect("moved doc exists");
        self.docs.insert(new.to_string(), doc);
        for link in &mut self.links {
            if link.source == old {
                link.source = new.to_string();
            }
        }
    }

    /// Records that the folder `old` is now `new`, with everything in it.
    pub fn moved_folder(&mut self, old: &str, new: &str) {
        let moved = |p: &str| -> Option<String> {
            p.strip_prefix(old)
                .filter(|rest| rest.is_empty() || rest.starts_with('/'))
                .map(|rest| format!("{new}{rest}"))
        };
        let docs = std::mem::take(&mut self.docs);
        self.docs = docs
            .into_iter()
            .map(|(p, d)| (moved(&p).unwrap_or(p), d))
            .collect();
        let folders = std::mem::take(&mut self.folders);
        self.folders = folders
            .into_iter()
            .map(|p| moved(&p).unwrap_or(p))
            .collect();
        for link in &mut self.links {
            if let Some(source) = moved(&link.source) {
                link.source = source;
            }
        }
    }

    pub fn removed_doc(&mut self, rel: &str) {
        self.docs.remove(rel);
        self.links.retain(|l| l.source != rel);
    }

    /// Adds the output paths the briefing in `text` at `rel` gives the site (its page, its
    /// year and month, its terms' pages and feeds) to the candidates.
    pub fn note_outputs(&mut self, rel: &str, text: &str) {
        let Some(fm) = FrontMatter::parse(text) else {
            return;
        };
        let stem = rel
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".md")
            .to_string();
        let slug = fm.get("slug").map(str::to_string).unwrap_or(stem);
        if let Some((year, month)) = fm
            .get("date")
            .and_then(|d| Some((d.get(0..4)?.to_string(), d.get(5..7)?.to_string())))
        {
            self.candidates
                .insert(format!("{year}/{month}/{slug}/index.html"));
            self.candidates.insert(format!("{year}/{month}/index.html"));
            self.candidates.insert(format!("{year}/index.html"));
        }
        for taxonomy in ["tags", "regions", "actors"] {
            for term in fm.list(taxonomy) {
                let term = slugify(&term);
                for path in ["index.html", "atom.xml", "page/2/index.html"] {
                    self.candidates.insert(format!("{taxonomy}/{term}/{path}"));
                }
            }
        }
    }

    /// Adds the files of a build to the candidates, and the next page of every paginated list.
    pub fn note_build(&mut self, files: &[String]) {
        for file in files {
            self.candidates.insert(file.clone());
            if let Some((list, rest)) = file.split_once("page/")
                && let Some(n) = rest
                    .strip_suffix("/index.html")
                    .and_then(|n| n.parse::<u32>().ok())
            {
                self.candidates
                    .insert(format!("{list}page/{}/index.html", n + 1));
            }
        }
    }
}

/// The root-relative path of the file a link written in `source` names (as sitrep resolves
/// it: relative to the linking file's folder).
pub fn resolve(source: &str, link: &str) -> String {
    let mut parts: Vec<&str> = source.split('/').collect();
    parts.pop();
    for segment in link.split('/') {
        match segment {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// The relative link from the file `from` to the file `to` (both root-relative).
pub fn relative_link(from: &str, to: &str) -> String {
    let from_parts: Vec<&str> = from.split('/').collect();
    let from_dir = &from_parts[..from_parts.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut link: Vec<&str> = vec![".."; from_dir.len() - common];
    link.extend(&to_parts[common..]);
    link.join("/")
}

/// sitrep's slug rule for ASCII names (src/slug.rs): lowercase letters and digits joined by
/// single hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    let mut pending = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if pending && !slug.is_empty() {
                slug.push('-');
            }
            pending = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending = true;
        }
    }
    slug
}

/// A briefing's front matter as lines, and its body, so single keys can be rewritten and
/// everything else stays byte for byte.
pub struct FrontMatter {
    pub lines: Vec<String>,
    pub body: String,
}

impl FrontMatter {
    pub fn parse(text: &str) -> Option<FrontMatter> {
        let rest = text.strip_prefix("---\n")?;
        let end = rest.find("\n---\n")?;
        Some(FrontMatter {
            lines: rest[..end].split('\n').map(str::to_string).collect(),
            body: rest[end + 5..].to_string(),
        })
    }

    pub fn render(&self) -> String {
        format!("---\n{}\n---\n{}", self.lines.join("\n"), self.body)
    }

    fn position(&self, key: &str) -> Option<usize> {
        let prefix = format!("{key}:");
        self.lines.iter().position(|l| l.starts_with(&prefix))
    }

    /// The value of a top-level `key: value` line, as written (quotes included).
    pub fn get(&self, key: &str) -> Option<&str> {
        let line = &self.lines[self.position(key)?];
        Some(line[key.len() + 1..].trim())
    }

    /// A list value (`["a", "b"]`, as gen_corpus writes them), or a single name.
    pub fn list(&self, key: &str) -> Vec<String> {
        match self.get(key) {
            None => Vec::new(),
            Some(value) => serde_json::from_str(value)
                .unwrap_or_else(|_| vec![value.trim_matches('"').to_string()]),
        }
    }

    /// Sets `key` to `value` (written as it is), in place or right after `date:`.
    pub fn set(&mut self, key: &str, value: &str) {
        let line = format!("{key}: {value}");
        match self.position(key) {
            Some(i) => self.lines[i] = line,
            None => {
                let at = self.position("date").map_or(self.lines.len(), |i| i + 1);
                self.lines.insert(at, line);
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> bool {
        match self.position(key) {
            Some(i) => {
                self.lines.remove(i);
                true
            }
            None => false,
        }
    }
}

/// A JSON string is a double-quoted YAML scalar.
pub fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

pub fn list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap()
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
