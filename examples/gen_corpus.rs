//! Deterministic synthetic corpus of briefings for the benchmark (`bench/run`).
//!
//!     cargo run --release --example gen_corpus -- --n 10000 --out DIR --flavor plain|hugo [--seed 42]
//!         [--work like-hugo|full]
//!
//! The same seed gives byte-identical output, and both flavors get the same briefings (same
//! bodies, same metadata); only the layout and the site skeleton differ:
//!
//! - `plain`: `DIR/content/<slug>.md` with sitrep's front matter (title, date, kind, tags, regions,
//!   actors, summary, sources) and `DIR/site.yaml` for sitrep's default theme.
//! - `hugo`: the same briefings as a Hugo site doing equivalent work: `DIR/content/<year>/<slug>.md`
//!   (+ `_index.md` per year, so each year gets an archive page), `DIR/hugo.toml` and
//!   `DIR/layouts/`: one page per briefing, a home page listing every briefing (no pagination),
//!   the tags list, one page per tag (all members), one page per year, RSS for the site and per
//!   tag (50 items), sitemap, robots.txt, 404. Build it with `hugo --quiet -s DIR -d OUT`.
//!
//! Briefings have 600-900 words in 4-5 `##` sections, a list, a quote, inline links, emphasis,
//! sometimes a table (25%) or a code block (10%); 2-6 tags out of ~150, 1-4 regions, 1-3
//! actors, 2-4 sources, 1-2 authors of 12; a kind other than report for 27%, one or two
//! corrections for 5%; dates spread over 2021-2025. Ported from the reference generator
//! (`gen_corpus.py`), with its vocabularies and layouts, using an inline SplitMix64 PRNG so it
//! needs nothing beyond this crate's dependencies.
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use clap::{Parser, ValueEnum};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Flavor {
    /// sitrep: content/<slug>.md + site.yaml
    Plain,
    /// Hugo: content/<year>/<slug>.md + hugo.toml + layouts/
    Hugo,
}

/// How much the plain flavor's site.yaml asks sitrep to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Work {
    /// the Hugo site's work: `tags` is the only taxonomy (regions and actors go under
    /// `extra:`) and lists are not paginated (one home page, one page per tag)
    LikeHugo,
    /// more than Hugo: tags, regions and actors are taxonomies and lists are paginated
    /// 10 per page, as the shipped site does
    Full,
}

#[derive(Debug, Parser)]
#[command(about = "Write a deterministic synthetic corpus of briefings (sitrep or Hugo site)")]
struct Args {
    /// Number of briefings
    #[arg(long)]
    n: usize,
    /// Output folder (must not exist or be empty, unless --force)
    #[arg(long)]
    out: PathBuf,
    /// Which site to write
    #[arg(long, value_enum)]
    flavor: Flavor,
    /// PRNG seed: the same seed gives byte-identical output
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// plain flavor only: the work site.yaml asks for
    #[arg(long, value_enum, default_value_t = Work::LikeHugo)]
    work: Work,
    /// Delete OUT first if it exists
    #[arg(long)]
    force: bool,
}

// --------------------------------------------------------------------------------------------
// PRNG: SplitMix64 (Steele, Lea, Flood 2014). Tiny, fast, good enough for synthetic text.
// --------------------------------------------------------------------------------------------
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn random(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform in [0, n), n > 0 (Lemire's multiply-shift; the bias is negligible here).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }
    /// Uniform in [lo, hi], both inclusive.
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }
    fn choice<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    /// k distinct elements in random order (partial Fisher-Yates).
    fn sample<'a>(&mut self, xs: &[&'a str], k: usize) -> Vec<&'a str> {
        let mut pool: Vec<&str> = xs.to_vec();
        for i in 0..k {
            let j = i + self.below(pool.len() - i);
            pool.swap(i, j);
        }
        pool.truncate(k);
        pool
    }
}

// --------------------------------------------------------------------------------------------
// Vocabularies (from the reference generator)
// --------------------------------------------------------------------------------------------
const TAGS: &str = "
peace-talks ceasefire sanctions nato drones grain-exports shelling air-defence
artillery mobilisation conscription refugees displacement humanitarian-aid
food-security energy-security gas-pipelines oil-prices nuclear-safety
arms-transfers ammunition tanks missiles cruise-missiles ballistic-missiles
hypersonic naval-blockade black-sea red-sea shipping piracy cyber-attacks
disinformation propaganda elections coup protests martial-law human-rights
war-crimes icc un-security-council un-general-assembly eu-council g7 g20
brics african-union ecowas asean osce iaea wfp unhcr icrc mediation
prisoner-exchange hostages kidnapping insurgency counter-insurgency jihadism
militias mercenaries wagner private-military paramilitaries border-clashes
territorial-disputes annexation occupation referendum partisans sabotage
assassination special-forces intelligence satellite-imagery osint
reconstruction debt-relief imf world-bank trade-restrictions export-controls
semiconductors critical-minerals rare-earths lithium cobalt gold-mining
fertiliser wheat maize water-scarcity drought climate-security famine
cholera health-systems landmines cluster-munitions demining civilian-casualties
ceasefire-violations frontline counteroffensive siege evacuation corridors
power-grid infrastructure-attacks dams bridges railways ports airports
air-strikes maritime-security submarines arctic space-security electronic-warfare
gps-jamming loitering-munitions fpv-drones counter-drone recruitment desertion
veterans defence-budgets defence-industry procurement joint-exercises
alliances security-guarantees diplomacy summits envoys back-channel
peacekeeping monitoring-mission observers accountability justice truth-commission";

const REGIONS: &str = "Ukraine|Russia|Black Sea|Crimea|Donbas|Kharkiv|Zaporizhzhia|Belarus|Moldova|\
Transnistria|Georgia|Armenia|Azerbaijan|Nagorno-Karabakh|Israel|Gaza|West Bank|\
Lebanon|Syria|Iraq|Iran|Yemen|Red Sea|Saudi Arabia|Sudan|Darfur|South Sudan|\
Ethiopia|Tigray|Somalia|Sahel|Mali|Burkina Faso|Niger|Libya|DR Congo|Kivu|\
Mozambique|Myanmar|Taiwan Strait|South China Sea|Korean Peninsula|Kashmir|\
Afghanistan|Pakistan|Haiti|Venezuela|Colombia|Baltic States|Arctic";

const ACTORS: &str = "Ukraine|Russia|United States|European Union|NATO|China|Turkey|Iran|Israel|\
Hamas|Hezbollah|Houthis|Saudi Arabia|Qatar|Egypt|United Arab Emirates|\
United Nations|African Union|ECOWAS|Sudanese Armed Forces|Rapid Support Forces|\
Ethiopian Government|TPLF|Fano militia|al-Shabaab|Wagner Group|Africa Corps|\
Malian junta|JNIM|Islamic State|Myanmar military|Arakan Army|NUG|Taliban|\
Pakistan Army|India|North Korea|South Korea|Japan|Taiwan|Philippines|Armenia|\
Azerbaijan|Georgia|Belarus|Moldova|Poland|Germany|France|United Kingdom|\
Hungary|Kenya|Rwanda|M23|DR Congo Government|Libyan National Army|\
Government of National Unity|ICRC|IAEA|World Food Programme";

const OUTLETS: &[&str] = &[
    "Reuters",
    "Associated Press",
    "Agence France-Presse",
    "BBC Monitoring",
    "Al Jazeera",
    "The Kyiv Independent",
    "Meduza",
    "Crisis Group",
    "ACLED",
    "OCHA",
    "ISW",
    "RUSI",
    "Chatham House",
    "SIPRI",
    "Bellingcat",
    "The Economist",
    "Financial Times",
    "Le Monde",
    "Der Spiegel",
    "The Guardian",
    "Haaretz",
    "Dawn",
    "The Hindu",
    "Nikkei Asia",
];
/// Sources' and links' domains. Not the domains reserved for examples (RFC 2606): sitrep
/// refuses to publish a source there, as unfinished work. Six, as before, so every other
/// byte of the corpus is what it was.
const DOMAINS: &[&str] = &[
    "www.reuters.com",
    "apnews.com",
    "www.bbc.co.uk",
    "kyivindependent.com",
    "www.crisisgroup.org",
    "acleddata.com",
];
/// Bylines: the `authors` taxonomy (`--work full`), or `extra.authors` (`like-hugo`).
const AUTHORS: &[&str] = &[
    "Olena Kovalenko",
    "Daniel Brooks",
    "Amira Haddad",
    "Taras Melnyk",
    "Sofia Lindqvist",
    "Kwame Mensah",
    "Ines Duarte",
    "Hiroshi Tanaka",
    "Marta Nowak",
    "Leila Farouk",
    "Pavlo Shevchuk",
    "Grace Okafor",
];
/// Types of work (`kind:`), with how many briefings in a hundred have each; the rest are
/// reports, the default, written without the key.
const KINDS: &[(&str, usize)] = &[("analysis", 15), ("explainer", 8), ("opinion", 4)];
/// What a correction says was wrong.
const CORRECTED: &[&str] = &[
    "gave the wrong date for the meeting",
    "misspelled the name of a village",
    "overstated the number of people displaced",
    "attributed a statement to the wrong ministry",
    "gave an outdated casualty figure",
];
const VERBS: &[&str] = &[
    "stall",
    "resume",
    "collapse",
    "falter",
    "advance",
    "intensify",
    "ease",
    "escalate",
    "widen",
    "narrow",
    "shift",
    "harden",
];
const NOUNS: &[&str] = &[
    "talks",
    "strikes",
    "sanctions",
    "negotiations",
    "shelling",
    "exports",
    "offensive",
    "blockade",
    "aid deliveries",
    "evacuations",
    "patrols",
    "supply lines",
    "drone attacks",
    "prisoner swaps",
];
const ADJ: &[&str] = &[
    "fragile",
    "renewed",
    "stalled",
    "tentative",
    "contested",
    "sweeping",
    "limited",
    "unexpected",
    "protracted",
    "coordinated",
    "quiet",
    "uneasy",
    "sustained",
    "partial",
    "disputed",
    "conditional",
];
const SUBJ: &[&str] = &[
    "Officials",
    "Diplomats",
    "Commanders",
    "Local authorities",
    "Analysts",
    "Aid agencies",
    "Monitors",
    "Residents",
    "Negotiators",
    "Observers",
    "Ministers",
    "Envoys",
    "Satellite images",
    "Open-source researchers",
];
/// The singular of SUBJ, for "— <speaker> spokesperson".
const SPEAKERS: &[&str] = &[
    "Government",
    "Foreign ministry",
    "Military",
    "City council",
    "Defence ministry",
    "Aid agency",
    "Monitoring mission",
];
const PRED: &[&str] = &[
    "reported",
    "confirmed",
    "denied",
    "warned of",
    "described",
    "pointed to",
    "documented",
    "played down",
    "called for",
    "rejected",
    "welcomed",
    "questioned",
];
const OBJ: &[&str] = &[
    "a sharp rise in cross-border incidents",
    "new restrictions on movement",
    "delays to the promised relief convoys",
    "a shortfall in air-defence interceptors",
    "damage to critical energy infrastructure",
    "a tentative framework for a truce",
    "fresh mobilisation orders in several districts",
    "a drop in grain shipments",
    "heavy losses among newly formed units",
    "gaps in the monitoring mission",
    "a surge in displacement towards the border",
    "intensified jamming of navigation signals",
    "renewed pressure on the currency",
    "the reopening of a key logistics corridor",
    "the arrest of several mid-ranking officers",
    "a backlog of unexploded ordnance",
];
const TAILS: &[&str] = &[
    "over the past week",
    "according to people familiar with the matter",
    "despite earlier assurances",
    "ahead of next month's summit",
    "as winter approaches",
    "in the absence of independent verification",
    "amid growing fatigue among donors",
    "while talks continue behind closed doors",
    "for the third time this quarter",
    "in the contested border districts",
    "before the deadline expires",
    "under mounting domestic pressure",
];
const CONNECT: &[&str] = &[
    "Meanwhile,",
    "At the same time,",
    "In contrast,",
    "Separately,",
    "Crucially,",
    "By most accounts,",
    "On the ground,",
    "In private,",
    "Publicly,",
    "For now,",
];
const SECTION_TITLES: &[&str] = &[
    "Background",
    "What happened",
    "Military situation",
    "Diplomatic track",
    "Humanitarian impact",
    "Economic fallout",
    "Regional reactions",
    "What to watch",
    "Assessment",
    "Key uncertainties",
    "Timeline",
    "Information environment",
    "Energy and infrastructure",
    "Legal dimension",
];
/// `{d}` is replaced by the briefing's date.
const CODE_SNIPPETS: &[&str] = &[
    "lat,lon,event,date\n48.51,35.02,shelling,{d}\n47.83,35.14,drone,{d}\n46.63,32.61,strike,{d}",
    "query: events where type in (battle, explosion) and date >= {d}\nresult: 214 rows",
    "{\"event\": \"strike\", \"date\": \"{d}\", \"confidence\": \"medium\"}",
];

const SITE_TITLE: &str = "Conflict Briefings";
const BASE_URL: &str = "https://bench.example.org/";
/// Dates are spread uniformly over these five years, all in the past: a briefing dated after
/// today is a warning for sitrep and left out by Hugo (buildFuture is off), unequal work.
const FIRST_YEAR: i16 = 2021;
const LAST_YEAR: i16 = 2025;

fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars().flat_map(char::to_lowercase) {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A double-quoted YAML scalar (a JSON string is one).
fn q(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

fn ylist(xs: &[&str]) -> String {
    let items: Vec<String> = xs.iter().map(|x| q(x)).collect();
    format!("[{}]", items.join(", "))
}

// --------------------------------------------------------------------------------------------
// One briefing
// --------------------------------------------------------------------------------------------
struct Source {
    title: String,
    url: String,
}

struct Briefing {
    /// The trust indicators: kind (None: a report), corrections (date, text), authors.
    kind: Option<&'static str>,
    corrections: Vec<(jiff::civil::Date, String)>,
    authors: Vec<&'static str>,
    title: String,
    date: jiff::civil::Date,
    slug: String,
    tags: Vec<&'static str>,
    regions: Vec<&'static str>,
    actors: Vec<&'static str>,
    summary: String,
    sources: Vec<Source>,
    body: String,
}

struct Gen {
    r: Rng,
    seed: u64,
    tags: Vec<&'static str>,
    regions: Vec<&'static str>,
    actors: Vec<&'static str>,
}

impl Gen {
    fn new(seed: u64) -> Gen {
        Gen {
            r: Rng(seed),
            seed,
            tags: TAGS.split_whitespace().collect(),
            regions: REGIONS.split('|').collect(),
            actors: ACTORS.split('|').collect(),
        }
    }

    fn sentence(&mut self, regions: &[&str], actors: &[&str]) -> String {
        let r = &mut self.r;
        let k = r.random();
        if k < 0.35 {
            format!(
                "{} {} {} in {} {}.",
                r.choice(SUBJ),
                r.choice(PRED),
                r.choice(OBJ),
                r.choice(regions),
                r.choice(TAILS)
            )
        } else if k < 0.6 {
            format!(
                "{} {} signalled that {} {} could {} {}.",
                r.choice(CONNECT),
                r.choice(actors),
                r.choice(ADJ),
                r.choice(NOUNS),
                r.choice(VERBS),
                r.choice(TAILS)
            )
        } else if k < 0.8 {
            format!(
                "The {} {} around {} have {} {} to reconsider its position, and {} {} {}.",
                r.choice(ADJ),
                r.choice(NOUNS),
                r.choice(regions),
                r.choice(&["left", "forced", "pushed", "prompted"]),
                r.choice(actors),
                r.choice(SUBJ).to_lowercase(),
                r.choice(PRED),
                r.choice(OBJ)
            )
        } else {
            let n = r.int(2, 40) * 5;
            format!(
                "Figures compiled by {} suggest {n} incidents were recorded {}, although {} {} {}.",
                r.choice(OUTLETS),
                r.choice(TAILS),
                r.choice(SUBJ).to_lowercase(),
                r.choice(PRED),
                r.choice(OBJ)
            )
        }
    }

    /// Occasionally adds emphasis, strong emphasis or an inline link to a sentence.
    fn decorate(&mut self, s: String) -> String {
        let r = &mut self.r;
        let mut words: Vec<String> = s.split(' ').map(str::to_string).collect();
        if words.len() < 6 {
            return s;
        }
        let k = r.random();
        let i = r.int(1, words.len() as i64 - 4) as usize;
        if k < 0.12 {
            words[i] = format!("*{}*", words[i]);
        } else if k < 0.22 {
            words[i] = format!("**{} {}**", words[i], words[i + 1]);
            words.remove(i + 1);
        } else if k < 0.32 {
            let url = format!(
                "https://{}/{}-{}",
                r.choice(DOMAINS),
                slugify(&words[i]),
                r.int(100, 99999)
            );
            words[i] = format!("[{} {}]({url})", words[i], words[i + 1]);
            words.remove(i + 1);
        } else {
            return s;
        }
        words.join(" ")
    }

    fn paragraph(&mut self, regions: &[&str], actors: &[&str], lo: i64, hi: i64) -> String {
        let n = self.r.int(lo, hi);
        let sentences: Vec<String> = (0..n)
            .map(|_| {
                let s = self.sentence(regions, actors);
                self.decorate(s)
            })
            .collect();
        sentences.join(" ")
    }

    fn briefing(&mut self, idx: usize, date: jiff::civil::Date) -> Briefing {
        let (all_regions, all_actors, all_tags) =
            (self.regions.clone(), self.actors.clone(), self.tags.clone());
        let r = &mut self.r;
        let k = r.int(1, 4) as usize;
        let regions = r.sample(&all_regions, k);
        let k = r.int(1, 3) as usize;
        let actors = r.sample(&all_actors, k);
        let k = r.int(2, 6) as usize;
        let tags = r.sample(&all_tags, k);
        let mut title = format!(
            "{} {} {} {} {}",
            capitalize(r.choice(ADJ)),
            r.choice(NOUNS),
            r.choice(VERBS),
            r.choice(&["in", "around", "near", "across", "over"]),
            regions[0]
        );
        if r.random() < 0.4 {
            let _ = write!(
                title,
                " as {} {} next steps",
                actors[0],
                r.choice(&["weighs", "rejects", "backs", "signals"])
            );
        }
        let mut slug = slugify(&title);
        slug.truncate(60); // ASCII only, so any byte index is a char boundary
        let slug = format!("{}-{idx:05}", slug.trim_matches('-'));
        let summary = self.sentence(&regions, &actors);
        let r = &mut self.r;
        let sources = (0..r.int(2, 4))
            .map(|_| {
                let outlet = r.choice(OUTLETS);
                Source {
                    title: format!(
                        "{outlet}: {} {} in {}",
                        r.choice(ADJ),
                        r.choice(NOUNS),
                        r.choice(&regions)
                    ),
                    url: format!(
                        "https://{}/{}/{}/{}",
                        r.choice(DOMAINS),
                        date.year(),
                        slugify(outlet),
                        r.int(10000, 999999)
                    ),
                }
            })
            .collect();
        let body = self.body(&regions, &actors, date);
        let (kind, corrections, authors) = trust_indicators(self.seed, idx, date);
        Briefing {
            kind,
            corrections,
            authors,
            title,
            date,
            slug,
            tags,
            regions,
            actors,
            summary,
            sources,
            body,
        }
    }

    fn body(&mut self, regions: &[&str], actors: &[&str], date: jiff::civil::Date) -> String {
        let target = self.r.int(600, 900) as usize;
        let intro = self.paragraph(regions, actors, 3, 4);
        let mut words = word_count(&intro);
        let k = self.r.int(4, 5) as usize;
        let titles = self.r.sample(SECTION_TITLES, k);
        let n = titles.len();
        let list_at = self.r.below(n);
        let quote_at = self.r.below(n);
        let table_at = if self.r.random() < 0.25 {
            Some(self.r.below(n))
        } else {
            None
        };
        let code_at = if self.r.random() < 0.10 {
            Some(self.r.below(n))
        } else {
            None
        };
        let mut sections: Vec<Vec<String>> = Vec::with_capacity(n);
        for (si, t) in titles.iter().enumerate() {
            let mut sec = vec![format!("## {t}"), self.paragraph(regions, actors, 3, 5)];
            if si == list_at {
                let items: Vec<String> = (0..4)
                    .map(|_| {
                        let s = self.sentence(regions, actors);
                        format!("- {}", self.decorate(s))
                    })
                    .collect();
                sec.push(items.join("\n"));
            }
            if si == quote_at {
                let said = self.sentence(regions, actors);
                let who = if self.r.random() < 0.5 {
                    self.r.choice(SPEAKERS)
                } else {
                    self.r.choice(actors)
                };
                sec.push(format!("> {said} — {who} spokesperson"));
            }
            if Some(si) == table_at {
                let mut rows = vec![
                    "| Region | Incidents | Change |".to_string(),
                    "|---|---:|---:|".to_string(),
                ];
                let cycle: Vec<&str> = regions
                    .iter()
                    .cycle()
                    .take(3 * regions.len())
                    .copied()
                    .collect();
                let k = (self.r.int(3, 5) as usize).min(cycle.len());
                for reg in &cycle[..k] {
                    let (a, b) = (self.r.int(3, 400), self.r.int(-60, 60));
                    rows.push(format!("| {reg} | {a} | {b}% |"));
                }
                sec.push(rows.join("\n"));
            }
            if Some(si) == code_at {
                let snippet = self
                    .r
                    .choice(CODE_SNIPPETS)
                    .replace("{d}", &date.to_string());
                sec.push(format!("```text\n{snippet}\n```"));
            }
            words += sec.iter().map(|b| word_count(b)).sum::<usize>();
            sections.push(sec);
        }
        // Grow until the word target is reached (round-robin over sections, alternating
        // between the start and the end of each section).
        let mut k = 0;
        while words < target {
            let p = self.paragraph(regions, actors, 2, 4);
            words += word_count(&p);
            let sec = &mut sections[k % n];
            let at = if k % 2 == 1 { sec.len() } else { 2 };
            sec.insert(at, p);
            k += 1;
        }
        let mut blocks = vec![intro];
        blocks.extend(sections.iter().map(|s| s.join("\n\n")));
        let mut body = blocks.join("\n\n");
        body.push('\n');
        body
    }
}

/// Kind, corrections and authors of briefing `idx`, from a generator of their own (seeded by
/// the seed and the index), so the rest of the corpus is byte for byte what it was before
/// they were added.
fn trust_indicators(
    seed: u64,
    idx: usize,
    date: jiff::civil::Date,
) -> (
    Option<&'static str>,
    Vec<(jiff::civil::Date, String)>,
    Vec<&'static str>,
) {
    let mut r =
        Rng(seed ^ 0x7472_7573_7400_0000 ^ (idx as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut roll = r.below(100);
    let mut kind = None;
    for (name, share) in KINDS {
        if roll < *share {
            kind = Some(*name);
            break;
        }
        roll -= share;
    }
    // One briefing in twenty was corrected, once or twice, within a fortnight.
    let mut corrections = Vec::new();
    if r.below(20) == 0 {
        for _ in 0..r.int(1, 2) {
            let after = jiff::Span::new().days(r.int(1, 14));
            let day = date.checked_add(after).expect("date in range");
            let what = r.choice(CORRECTED);
            corrections.push((day, format!("An earlier version of this briefing {what}.")));
        }
    }
    let k = r.int(1, 2) as usize;
    let authors = r.sample(AUTHORS, k);
    (kind, corrections, authors)
}

// --------------------------------------------------------------------------------------------
// Front matter and site skeletons
// --------------------------------------------------------------------------------------------
fn front_matter(b: &Briefing, work: Work) -> String {
    let mut s = String::with_capacity(1024);
    s.push_str("---\n");
    let _ = writeln!(s, "title: {}", q(&b.title));
    let _ = writeln!(s, "date: {}", b.date);
    if let Some(kind) = b.kind {
        let _ = writeln!(s, "kind: {kind}");
    }
    let _ = writeln!(s, "tags: {}", ylist(&b.tags));
    if work == Work::Full {
        let _ = writeln!(s, "regions: {}", ylist(&b.regions));
        let _ = writeln!(s, "actors: {}", ylist(&b.actors));
        let _ = writeln!(s, "authors: {}", ylist(&b.authors));
    }
    let _ = writeln!(s, "summary: {}", q(&b.summary));
    if !b.corrections.is_empty() {
        s.push_str("corrections:\n");
        for (day, text) in &b.corrections {
            let _ = writeln!(s, "  - date: {day}\n    text: {}", q(text));
        }
    }
    s.push_str("sources:\n");
    for src in &b.sources {
        let _ = writeln!(s, "  - title: {}", q(&src.title));
        let _ = writeln!(s, "    url: {}", q(&src.url));
    }
    if work == Work::LikeHugo {
        s.push_str("extra:\n");
        let _ = writeln!(s, "  regions: {}", ylist(&b.regions));
        let _ = writeln!(s, "  actors: {}", ylist(&b.actors));
        let _ = writeln!(s, "  authors: {}", ylist(&b.authors));
    }
    s.push_str("---\n\n");
    s
}

fn site_yaml(n: usize, seed: u64, work: Work) -> String {
    let (taxonomies, paginate_by, note) = match work {
        Work::LikeHugo => (
            "[tags]",
            0,
            "# The Hugo site's work: tags only; the home page lists every briefing and each tag
# page all of its briefings (paginate_by: 0, no pagination).",
        ),
        Work::Full => (
            "[tags, regions, actors, authors]",
            10,
            "# More than the Hugo site: four taxonomies (authors are the bylines), and lists 10
# per page, so sitrep renders the same items on more pages.",
        ),
    };
    format!(
        "# Benchmark corpus written by examples/gen_corpus.rs: {n} briefings, seed {seed}.
title: {SITE_TITLE}
description: A synthetic corpus of briefings for the sitrep benchmark.
base_url: {BASE_URL}
{note}
paginate_by: {paginate_by}
# The Hugo site's RSS feeds carry 50 items (summaries); sitrep's Atom feeds carry full text.
feed_limit: 50
taxonomies: {taxonomies}
"
    )
}

/// The Hugo site (hugo.toml + layouts), ported from the reference generator's `hugo` flavor.
fn hugo_files() -> Vec<(&'static str, String)> {
    vec![
        (
            "hugo.toml",
            format!(
                r#"baseURL = "{BASE_URL}"
title = "{SITE_TITLE}"
languageCode = "en"
enableRobotsTXT = true
disableHugoGeneratorInject = true
# Hugo gives up on a page whose content takes over 30 s to be ready; at 100,000 briefings on
# 2 cores its pages wait longer than that for their turn ("timed out initializing value").
timeout = "600s"

[taxonomies]
  tag = "tags"

# Feeds: home + one per tag
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML", "RSS"]
  page = ["HTML"]

[outputFormats.RSS]
  baseName = "rss"

[services.rss]
  limit = 50

# sitrep does not highlight code; keep Hugo equal.
[markup.highlight]
  codeFences = false
"#
            ),
        ),
        (
            "layouts/_default/baseof.html",
            r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ block "title" . }}{{ .Site.Title }}{{ end }}</title>
<link rel="alternate" type="application/rss+xml" href="{{ "rss.xml" | absURL }}"></head>
<body>
<nav><a href="{{ "/" | absURL }}">Home</a> <a href="{{ "/tags/" | absURL }}">Tags</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#
            .to_string(),
        ),
        (
            "layouts/_default/single.html",
            r#"{{ define "title" }}{{ .Title }} | {{ .Site.Title }}{{ end }}
{{ define "main" }}<article class="briefing">
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
<p class="summary">{{ .Params.summary }}</p>
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .Permalink }}">{{ .Data.Term }}</a></li>{{ end }}</ul>
<p class="regions">Regions: {{ delimit .Params.regions ", " }}</p>
<p class="actors">Actors: {{ delimit .Params.actors ", " }}</p>
{{ .Content }}
<h2>Sources</h2>
<ul class="sources">{{ range .Params.sources }}<li><a href="{{ .url }}">{{ .title }}</a></li>{{ end }}</ul>
</article>{{ end }}
"#
            .to_string(),
        ),
        (
            "layouts/index.html",
            r#"{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul class="listing">{{ range .Site.RegularPages.ByDate.Reverse }}
<li><a href="{{ .Permalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Params.summary }}</p></li>{{ end }}
</ul>{{ end }}
"#
            .to_string(),
        ),
        (
            "layouts/_default/section.html",
            r#"{{ define "title" }}Archive {{ .Title }} | {{ .Site.Title }}{{ end }}
{{ define "main" }}<h1 class="year-archive">Archive: {{ .Title }}</h1>
<ul class="listing">{{ range .Pages.ByDate.Reverse }}
<li><a href="{{ .Permalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Params.summary }}</p></li>{{ end }}
</ul>{{ end }}
"#
            .to_string(),
        ),
        (
            "layouts/_default/terms.html",
            r#"{{ define "title" }}Tags | {{ .Site.Title }}{{ end }}
{{ define "main" }}<h1 class="tag-list">Tags</h1>
<ul>{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.Permalink }}">{{ .Name }}</a> ({{ .Count }})</li>{{ end }}
</ul>{{ end }}
"#
            .to_string(),
        ),
        (
            "layouts/_default/term.html",
            r#"{{ define "title" }}{{ .Data.Term }} | {{ .Site.Title }}{{ end }}
{{ define "main" }}<h1 class="tag-page">Tag: {{ .Data.Term }}</h1>
<ul class="listing">{{ range .Pages.ByDate.Reverse }}
<li><a href="{{ .Permalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Params.summary }}</p></li>{{ end }}
</ul>{{ end }}
"#
            .to_string(),
        ),
        (
            "layouts/_default/rss.xml",
            r#"{{- $pages := .Pages -}}
{{- if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end -}}
{{ printf "<?xml version=\"1.0\" encoding=\"utf-8\"?>" | safeHTML }}
<rss version="2.0"><channel>
<title>{{ .Site.Title }}{{ if not .IsHome }} - {{ .Data.Term }}{{ end }}</title>
<link>{{ .Permalink }}</link>
{{ range first 50 $pages.ByDate.Reverse }}<item><title>{{ .Title }}</title><link>{{ .Permalink }}</link><pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate><guid>{{ .Permalink }}</guid><description>{{ .Params.summary }}</description></item>
{{ end }}</channel></rss>
"#
            .to_string(),
        ),
        (
            "layouts/404.html",
            "{{ define \"main\" }}<h1>Not found</h1>{{ end }}\n".to_string(),
        ),
        ("content/_index.md", "---\ntitle: \"Home\"\n---\n".to_string()),
    ]
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
    }
    fs::write(path, text).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

fn main() {
    let a = Args::parse();
    if a.out.exists() {
        let empty = fs::read_dir(&a.out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !a.force {
            eprintln!("{} exists and is not empty (use --force)", a.out.display());
            std::process::exit(2);
        }
        fs::remove_dir_all(&a.out).expect("removing the old output");
    }
    fs::create_dir_all(&a.out).expect("creating the output folder");

    let start = jiff::civil::date(FIRST_YEAR, 1, 1);
    let span = (jiff::civil::date(LAST_YEAR, 12, 31) - start).get_days() as usize;
    let mut g = Gen::new(a.seed);
    let mut years = BTreeSet::new();
    let mut words = 0;
    for i in 0..a.n {
        let offset = g.r.below(span + 1) as i64;
        let date = start
            .checked_add(jiff::Span::new().days(offset))
            .expect("date in range");
        let b = g.briefing(i, date);
        years.insert(date.year());
        words += word_count(&b.body);
        match a.flavor {
            Flavor::Plain => {
                let text = front_matter(&b, a.work) + &b.body;
                write(&a.out.join("content").join(format!("{}.md", b.slug)), &text);
            }
            Flavor::Hugo => {
                let text = front_matter(&b, Work::Full) + &b.body;
                let dir = a.out.join("content").join(date.year().to_string());
                write(&dir.join(format!("{}.md", b.slug)), &text);
            }
        }
    }
    match a.flavor {
        Flavor::Plain => write(&a.out.join("site.yaml"), &site_yaml(a.n, a.seed, a.work)),
        Flavor::Hugo => {
            for (rel, text) in hugo_files() {
                write(&a.out.join(rel), &text);
            }
            for y in &years {
                let index = format!("---\ntitle: \"{y}\"\n---\n");
                write(&a.out.join(format!("content/{y}/_index.md")), &index);
            }
        }
    }
    println!(
        "{:?}: {} briefings, {} years, avg {:.0} body words -> {}",
        a.flavor,
        a.n,
        years.len(),
        words as f64 / a.n.max(1) as f64,
        a.out.display()
    );
}
