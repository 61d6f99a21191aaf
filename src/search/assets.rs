//! Pagefind 1.6.0's browser side, vendored unchanged in `vendor/pagefind/` (MIT, licence
//! beside the files) and written beside the index: the search API (`pagefind.js`, composed as
//! the Pagefind CLI composes it, unminified), its worker, the default UI and the WebAssembly
//! for the site's language. Pure data.

macro_rules! vendored {
    ($file:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/vendor/pagefind/",
            $file
        ))
    };
}

macro_rules! wasm {
    ($lang:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/vendor/pagefind/wasm/pagefind_web_bg.",
            $lang,
            ".1.6.0.wasm.gz"
        )) as &[u8]
    };
}

const WEB_JS: &str = vendored!("pagefind_web.1.6.0.js");
const SEARCH_JS: &str = vendored!("pagefind_public_search_api.1.6.0.js");
const WORKER_JS: &str = vendored!("pagefind_worker.1.6.0.js");
const HIGHLIGHT_JS: &str = vendored!("pagefind_highlight.1.6.0.js");
pub const UI_JS: &str = vendored!("pagefind_ui.1.6.0.js");
pub const UI_CSS: &str = vendored!("pagefind_ui.1.6.0.css");

/// The WebAssembly without a stemmer, for languages Pagefind has none for.
pub const WASM_UNKNOWN: &[u8] = wasm!("unknown");

/// The WebAssembly of each language Pagefind stems.
const WASM: &[(&str, &[u8])] = &[
    ("ar", wasm!("ar")),
    ("ca", wasm!("ca")),
    ("da", wasm!("da")),
    ("de", wasm!("de")),
    ("el", wasm!("el")),
    ("en", wasm!("en")),
    ("eo", wasm!("eo")),
    ("es", wasm!("es")),
    ("et", wasm!("et")),
    ("eu", wasm!("eu")),
    ("fi", wasm!("fi")),
    ("fr", wasm!("fr")),
    ("ga", wasm!("ga")),
    ("hi", wasm!("hi")),
    ("hu", wasm!("hu")),
    ("hy", wasm!("hy")),
    ("id", wasm!("id")),
    ("it", wasm!("it")),
    ("lt", wasm!("lt")),
    ("nb", wasm!("nb")),
    ("ne", wasm!("ne")),
    ("nl", wasm!("nl")),
    ("nn", wasm!("nn")),
    ("no", wasm!("no")),
    ("pl", wasm!("pl")),
    ("pt", wasm!("pt")),
    ("ro", wasm!("ro")),
    ("ru", wasm!("ru")),
    ("sr", wasm!("sr")),
    ("sv", wasm!("sv")),
    ("ta", wasm!("ta")),
    ("tr", wasm!("tr")),
    ("yi", wasm!("yi")),
];

/// The WebAssembly for a language tag (`pt-BR` uses `pt`'s), if Pagefind has one.
pub fn wasm_for(language: &str) -> Option<&'static [u8]> {
    let base = language.split('-').next().unwrap_or_default();
    WASM.iter()
        .find(|(l, _)| *l == base)
        .map(|(_, bytes)| *bytes)
}

/// The files every index has besides its own: (path under `pagefind/`, bytes).
pub fn common_files(entry_json: String) -> Vec<(String, Vec<u8>)> {
    // The CLI prefixes the version and minifies the concatenation; unminified it is the same
    // program.
    let version = format!("const pagefind_version = \"{}\";", super::format::VERSION);
    let js = format!("{version}\n{WEB_JS}\n{SEARCH_JS}");
    let worker = format!("{version}\n{WEB_JS}\n{WORKER_JS}");
    vec![
        ("pagefind.js".into(), js.into_bytes()),
        ("pagefind-worker.js".into(), worker.into_bytes()),
        (
            "pagefind-highlight.js".into(),
            HIGHLIGHT_JS.as_bytes().to_vec(),
        ),
        ("pagefind-ui.js".into(), UI_JS.as_bytes().to_vec()),
        ("pagefind-ui.css".into(), UI_CSS.as_bytes().to_vec()),
        ("wasm.unknown.pagefind".into(), WASM_UNKNOWN.to_vec()),
        ("pagefind-entry.json".into(), entry_json.into_bytes()),
    ]
}
