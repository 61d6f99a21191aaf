//! Feasibility probe for issue 12: time and memory of a Pagefind index built from sitrep's model.
//!
//!     search-probe SITE [OUT]          the pagefind crate's API (add_custom_record, get_files)
//!     search-probe --raw SITE          the work a purpose-built writer cannot avoid: plain text,
//!                                      words, stems, postings, fragments, gzip (not a usable index)
//!
//! Env: SUMMARY_ONLY (index summaries only), NO_FILTERS (year and kind only), GZ_LEVEL (--raw).
use std::collections::BTreeMap;
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn peak() -> String {
    let s = std::fs::read_to_string("/proc/self/status").unwrap();
    s.lines()
        .find(|l| l.starts_with("VmHWM"))
        .unwrap()
        .to_string()
}

fn strip(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

fn main() {
    let mut args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--raw") {
        args.remove(1);
        return raw(&args[1]);
    }
    let root = std::path::PathBuf::from(&args[1]);
    let out = args.get(2);
    let t0 = Instant::now();
    let loaded = sitrep::load_site(&root, None, false).unwrap_or_else(|e| panic!("{e:?}"));
    let site = &loaded.site;
    eprintln!("load {:?} {}", t0.elapsed(), peak());
    let t1 = Instant::now();
    use rayon::prelude::*;
    let records: Vec<(
        String,
        String,
        BTreeMap<String, String>,
        BTreeMap<String, Vec<String>>,
    )> = site
        .entries
        .par_iter()
        .map(|e| {
            let b = &e.briefing;
            let text = if std::env::var("SUMMARY_ONLY").is_ok() {
                b.summary.clone()
            } else {
                format!("{} {}", b.summary, strip(&b.body.html))
            };
            let mut meta = BTreeMap::new();
            meta.insert("title".to_string(), b.title.clone());
            meta.insert("date".to_string(), b.date.date.to_string());
            let mut filters = BTreeMap::new();
            for (t, tax) in site.taxonomies.iter().enumerate() {
                filters.insert(
                    tax.config.name.clone(),
                    e.terms[t]
                        .iter()
                        .map(|&i| tax.terms[i].name.clone())
                        .collect(),
                );
            }
            if std::env::var("NO_FILTERS").is_ok() {
                filters.clear();
            }
            filters.insert("year".into(), vec![b.date.date.year().to_string()]);
            filters.insert("kind".into(), vec!["report".into()]);
            (e.path.clone(), text, meta, filters)
        })
        .collect();
    eprintln!("records {:?} {}", t1.elapsed(), peak());
    let t2 = Instant::now();
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let files = rt.block_on(async {
        let mut index = pagefind::api::PagefindIndex::new(None).unwrap();
        for (url, text, meta, filters) in records {
            index
                .add_custom_record(url, text, "en".into(), Some(meta), Some(filters), None)
                .await
                .unwrap();
        }
        eprintln!("add {:?} {}", t2.elapsed(), peak());
        let t3 = Instant::now();
        let f = index.get_files().await.unwrap();
        eprintln!("get_files {:?} {}", t3.elapsed(), peak());
        f
    });
    let total: usize = files.iter().map(|f| f.contents.len()).sum();
    let idx: usize = files
        .iter()
        .filter(|f| {
            let n = f.filename.to_string_lossy();
            n.ends_with("pf_index")
                || n.ends_with("pf_fragment")
                || n.ends_with("pf_filter")
                || n.ends_with("pf_meta")
        })
        .map(|f| f.contents.len())
        .sum();
    eprintln!(
        "files {} total bytes {} index bytes {} ({} per briefing) total {:?} {}",
        files.len(),
        total,
        idx,
        idx / site.entries.len().max(1),
        t0.elapsed(),
        peak()
    );
    if let Some(out) = out {
        for f in &files {
            let p = std::path::Path::new(out).join(&f.filename);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, &f.contents).unwrap();
        }
    }
}

/// What any writer of a Pagefind-style index from the model has to do, done in parallel with
/// compact postings: per briefing the plain text, its words and stems, a JSON fragment (gzip);
/// then per word its postings (page delta, positions as varints), sorted, chunked, gzip.
fn raw(root: &str) {
    use rayon::prelude::*;
    use std::io::Write;
    let t0 = Instant::now();
    let loaded = sitrep::load_site(std::path::Path::new(root), None, false)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let site = &loaded.site;
    eprintln!("load {:?} {}", t0.elapsed(), peak());
    let level: u32 = std::env::var("GZ_LEVEL")
        .ok()
        .and_then(|l| l.parse().ok())
        .unwrap_or(6);
    let t1 = Instant::now();
    let stemmer = pagefind_stem::Stemmer::create(pagefind_stem::Algorithm::English);
    let gz = |bytes: &[u8]| {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    };
    // Per page: sorted (stem, positions) and the gzipped fragment. Stems are cached per
    // thread (a site has far fewer distinct words than word occurrences).
    type Cache = ahash::AHashMap<String, std::sync::Arc<str>>;
    let pages: Vec<(Vec<(std::sync::Arc<str>, Vec<u32>)>, Vec<u8>)> = site
        .entries
        .par_iter()
        .map_init(Cache::default, |cache: &mut Cache, e| {
            let b = &e.briefing;
            let text = format!("{} {} {}", b.title, b.summary, strip(&b.body.html));
            let mut words: ahash::AHashMap<std::sync::Arc<str>, Vec<u32>> = Default::default();
            let mut clean = String::new();
            for (pos, word) in text.split_whitespace().enumerate() {
                clean.clear();
                clean.extend(word.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase));
                if clean.is_empty() { continue; }
                let stem = match cache.get(clean.as_str()) {
                    Some(s) => s.clone(),
                    None => {
                        let s: std::sync::Arc<str> = stemmer.stem(&clean).into();
                        cache.insert(clean.clone(), s.clone());
                        s
                    }
                };
                words.entry(stem).or_default().push(pos as u32);
            }
            let mut words: Vec<_> = words.into_iter().collect();
            words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let mut filters = Vec::new();
            for (t, tax) in site.taxonomies.iter().enumerate() {
                for &i in &e.terms[t] { filters.push(tax.terms[i].name.as_str()); }
            }
            let fragment = serde_json::json!({"url": e.path, "content": text, "meta": {"title": b.title}, "filters": filters}).to_string();
            (words, gz(fragment.as_bytes()))
        })
        .collect();
    eprintln!("pages {:?} {}", t1.elapsed(), peak());
    let t2 = Instant::now();
    let mut postings: ahash::AHashMap<std::sync::Arc<str>, (u32, Vec<u8>)> = Default::default();
    let mut fragment_bytes = 0;
    let varint = |out: &mut Vec<u8>, mut v: u32| loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    };
    for (page, (words, fragment)) in pages.into_iter().enumerate() {
        fragment_bytes += fragment.len();
        for (stem, positions) in words {
            let entry = postings.entry(stem).or_insert((0, Vec::new()));
            varint(&mut entry.1, page as u32 - entry.0);
            entry.0 = page as u32;
            varint(&mut entry.1, positions.len() as u32);
            let mut last = 0;
            for p in positions {
                varint(&mut entry.1, p - last);
                last = p;
            }
        }
    }
    let mut words: Vec<_> = postings.into_iter().collect();
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    eprintln!(
        "postings {:?} {} words {}",
        t2.elapsed(),
        peak(),
        words.len()
    );
    let t3 = Instant::now();
    let mut chunks: Vec<Vec<u8>> = vec![Vec::new()];
    for (word, (_, bytes)) in &words {
        let last = chunks.last_mut().unwrap();
        last.extend_from_slice(word.as_bytes());
        last.extend_from_slice(bytes);
        if last.len() > 40_000 {
            chunks.push(Vec::new());
        }
    }
    let index_bytes: usize = chunks.par_iter().map(|c| gz(c).len()).sum();
    eprintln!("chunks {} gz {:?} {}", chunks.len(), t3.elapsed(), peak());
    eprintln!(
        "fragments {} B, index {} B, per briefing {} B; total {:?} {}",
        fragment_bytes,
        index_bytes,
        (fragment_bytes + index_bytes) / site.entries.len().max(1),
        t0.elapsed(),
        peak()
    );
}
