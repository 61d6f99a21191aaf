//! A small deterministic corpus for the soak test, written in-process (the test cannot run
//! examples/gen_corpus.rs without a nested cargo): the same site.yaml and front-matter
//! format as `gen_corpus --flavor plain --work full` (three taxonomies, lists 10 per page,
//! flat `content/<slug>-<index>.md`), with shorter bodies and smaller vocabularies, so term
//! lists also run over several pages. Also writes the briefings that edits add.

use std::fmt::Write as _;
use std::path::Path;

use super::model::{Rng, Vocab, list, quote};

const TAGS: &[&str] = &[
    "ceasefire",
    "sanctions",
    "nato",
    "drones",
    "shelling",
    "air-defence",
    "refugees",
    "humanitarian-aid",
    "energy-security",
    "nuclear-safety",
    "arms-transfers",
    "missiles",
    "black-sea",
    "shipping",
    "cyber-attacks",
    "disinformation",
    "elections",
    "protests",
    "war-crimes",
    "mediation",
    "prisoner-exchange",
    "hostages",
    "militias",
    "mercenaries",
    "border-clashes",
    "annexation",
    "sabotage",
    "intelligence",
    "osint",
    "reconstruction",
    "imf",
    "export-controls",
    "grain",
    "famine",
    "landmines",
    "evacuation",
    "power-grid",
    "ports",
    "peacekeeping",
    "diplomacy",
];
const REGIONS: &[&str] = &[
    "Ukraine",
    "Russia",
    "Black Sea",
    "Crimea",
    "Donbas",
    "Kharkiv",
    "Zaporizhzhia",
    "Moldova",
    "Gaza",
    "Lebanon",
    "Red Sea",
    "Sudan",
    "Sahel",
    "Kivu",
    "Myanmar",
    "Taiwan Strait",
];
const ACTORS: &[&str] = &[
    "Ukraine",
    "Russia",
    "United States",
    "European Union",
    "NATO",
    "China",
    "Turkey",
    "Iran",
    "Hamas",
    "Houthis",
    "United Nations",
    "African Union",
];
const ADJ: &[&str] = &[
    "Fragile",
    "Renewed",
    "Stalled",
    "Limited",
    "Sweeping",
    "Tentative",
    "Contested",
    "Uneasy",
    "Sudden",
    "Partial",
];
const NOUNS: &[&str] = &[
    "talks",
    "offensive",
    "blockade",
    "aid deliveries",
    "sanctions",
    "evacuations",
    "prisoner swaps",
    "drone strikes",
    "grain exports",
    "ceasefire",
];
const VERBS: &[&str] = &[
    "stall", "resume", "falter", "advance", "ease", "escalate", "widen",
];
const SECTIONS: &[&str] = &[
    "Background",
    "What happened",
    "Diplomatic track",
    "On the ground",
    "Humanitarian picture",
    "Outlook",
    "What to watch",
    "Analysis",
];

pub const SITE_YAML: &str =
    "# Soak corpus (tests/it/soak/corpus.rs), in gen_corpus's `--work full` shape.
title: Conflict Briefings
description: A synthetic corpus of briefings for the sitrep soak.
base_url: https://bench.example.org/
paginate_by: 10
feed_limit: 50
taxonomies: [tags, regions, actors]
";

pub fn vocab() -> Vocab {
    let own = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
    Vocab {
        tags: own(TAGS),
        regions: own(REGIONS),
        actors: own(ACTORS),
    }
}

/// Writes `root/site.yaml` and `n` briefings under `root/content/`.
pub fn generate(root: &Path, n: usize, seed: u64) {
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("site.yaml"), SITE_YAML).unwrap();
    let mut rng = Rng::new(seed ^ 0x5eed_c0de);
    let vocab = vocab();
    for i in 0..n {
        let title = title(&mut rng);
        let slug = super::model::slugify(&title);
        let date = date(&mut rng);
        let text = briefing(&mut rng, &vocab, &title, &date, false);
        std::fs::write(root.join(format!("content/{slug}-{i:05}.md")), text).unwrap();
    }
}

pub fn title(rng: &mut Rng) -> String {
    format!(
        "{} {} {} in {}",
        rng.pick(ADJ),
        rng.pick(NOUNS),
        rng.pick(VERBS),
        rng.pick(REGIONS)
    )
}

/// A date over 2022-2026, `YYYY-MM-DD`.
pub fn date(rng: &mut Rng) -> String {
    format!(
        "{}-{:02}-{:02}",
        rng.int(2022, 2026),
        rng.int(1, 12),
        rng.int(1, 28)
    )
}

pub fn sentence(rng: &mut Rng) -> String {
    format!(
        "{} {} could {} {}.",
        rng.pick(ADJ),
        rng.pick(NOUNS),
        rng.pick(VERBS),
        rng.pick(&[
            "within days",
            "before the deadline",
            "over the winter",
            "this quarter"
        ])
    )
}

fn paragraph(rng: &mut Rng) -> String {
    let n = rng.int(2, 4);
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

/// A whole briefing file: gen_corpus's front-matter layout, a short body in sections.
pub fn briefing(rng: &mut Rng, vocab: &Vocab, title: &str, date: &str, draft: bool) -> String {
    let k = rng.int(2, 5) as usize;
    let tags = rng.sample(&vocab.tags, k);
    let k = rng.int(1, 3) as usize;
    let regions = rng.sample(&vocab.regions, k);
    let k = rng.int(1, 2) as usize;
    let actors = rng.sample(&vocab.actors, k);
    let mut text = String::from("---\n");
    let _ = writeln!(text, "title: {}", quote(title));
    let _ = writeln!(text, "date: {date}");
    if draft {
        text.push_str("draft: true\n");
    }
    let _ = writeln!(text, "tags: {}", list(&tags));
    let _ = writeln!(text, "regions: {}", list(&regions));
    let _ = writeln!(text, "actors: {}", list(&actors));
    let _ = writeln!(text, "summary: {}", quote(&sentence(rng)));
    text.push_str("sources:\n");
    let _ = writeln!(text, "  - title: {}", quote(&format!("Report on {title}")));
    let _ = writeln!(
        text,
        "    url: \"https://reliefweb.int/report/{}/{}\"",
        &date[..4],
        rng.int(10000, 99999)
    );
    text.push_str("---\n\n");
    text.push_str(&paragraph(rng));
    text.push('\n');
    let k = rng.int(2, 3) as usize;
    for section in rng.sample(SECTIONS, k) {
        let _ = write!(text, "\n## {section}\n\n{}\n", paragraph(rng));
    }
    text
}
