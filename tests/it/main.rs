//! Integration tests: run the real `sitrep` binary on fixture sites and inspect what it
//! writes and prints. One test binary; modules per area; helpers in `harness`.

mod harness;

mod a11y;

mod browser;
mod build;
mod check;
mod code_health;
mod crawl;
mod discovery;
mod errors;
mod frictions;
mod fuzz_cases;
mod fuzz_props;
mod images;
mod import;
mod init;
mod languages;
mod loader_props;
mod model_defects;
mod output_safety;
mod output_size;
mod pages;
mod pages_preview;
mod print;
mod publish;
mod safety_net;
mod scalar_text;
mod search;
mod search_browser;
mod serve;
mod site_yaml;
mod soak;
mod style;
mod theme;
mod trust;
mod unfinished;
mod yaml_errors;
