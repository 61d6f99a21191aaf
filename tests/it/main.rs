//! Integration tests: run the real `sitrep` binary on fixture sites and inspect what it
//! writes and prints. One test binary; modules per area; helpers in `harness`.

mod harness;

mod browser;
mod build;
mod check;
mod code_health;
mod crawl;
mod errors;
mod loader_props;
mod publish;
mod serve;
mod soak;
