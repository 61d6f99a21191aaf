//! The `sitrep` binary: parse the command line, call the library, print findings for
//! editors, and exit with 0 (success), 1 (the site has problems) or 2 (usage errors).

mod cli;

use std::process::ExitCode;

use clap::Parser;
use sitrep::diagnostics::Diagnostic;
use sitrep::{BuildError, BuildOptions};

use crate::cli::{CheckFormat, Cli, Command};

// A build allocates and frees many small strings on every core; glibc's allocator spent ~12%
// of a 10,000-briefing build in malloc/free and arena growth (perf), mimalloc far less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            timings,
        } => build(
            BuildOptions {
                root,
                output,
                base_url,
                drafts,
            },
            timings,
        ),
        Command::New { title, root } => new(&root, &title),
        Command::Check {
            root,
            format,
            drafts,
            base_url,
        } => check(
            &root,
            &sitrep::check::CheckOptions { base_url, drafts },
            format,
        ),
        Command::Serve {
            root,
            port,
            bind,
            drafts,
            allow_host,
            open,
        } => serve(
            &sitrep::serve::ServeOptions {
                root,
                bind,
                port,
                drafts,
                allow_hosts: allow_host,
            },
            open,
        ),
    }
}

fn serve(options: &sitrep::serve::ServeOptions, open: bool) -> ExitCode {
    match sitrep::serve::start(options) {
        Ok(server) => {
            if open {
                open_browser(server.url());
            }
            server.wait();
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(1)
        }
    }
}

/// Opens `url` with the desktop's opener, if there is one; never fails the command.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let spawned = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        // Reap it when it exits, so it does not linger as a zombie.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(_) => eprintln!("(--open: no `{opener}` here; open {url} in your browser)"),
    }
}

fn build(options: BuildOptions, show_timings: bool) -> ExitCode {
    match sitrep::build(&options) {
        Ok(report) => {
            print_diagnostics(&report.warnings);
            if show_timings {
                for stage in &report.timings.stages {
                    let peak = stage
                        .peak_rss_kib
                        .map(|kib| format!("  (peak memory {} MiB)", kib / 1024))
                        .unwrap_or_default();
                    eprintln!(
                        "{:>8.1} ms  {}{peak}",
                        stage.elapsed.as_secs_f64() * 1000.0,
                        stage.name
                    );
                }
                eprintln!("rendering time by template (summed over threads):");
                for t in &report.template_times {
                    eprintln!(
                        "{:>8.1} ms  {} ({} pages, {:.1} µs each)",
                        t.total.as_secs_f64() * 1000.0,
                        t.template,
                        t.pages,
                        t.total.as_secs_f64() * 1e6 / t.pages as f64
                    );
                }
            }
            let drafts = match report.drafts_left_out {
                0 => String::new(),
                n => format!(
                    " ({n} draft{} left out; --drafts includes them)",
                    if n == 1 { "" } else { "s" }
                ),
            };
            if let Some(next) = report.scheduled.first() {
                let n = report.scheduled.len();
                println!(
                    "{n} scheduled briefing{} held back by publish_at; the next is due at {}",
                    if n == 1 { " is" } else { "s are" },
                    next.text
                );
            }
            println!(
                "Built {} briefing{}{drafts} into {} pages and {} static files in {} in {:.0?}",
                report.briefings,
                if report.briefings == 1 { "" } else { "s" },
                report.pages,
                report.static_files,
                report.output.display(),
                report.elapsed
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Input(diagnostics)) => {
            print_diagnostics(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "Build failed: {errors} problem{} to fix; the output folder was not changed.",
                if errors == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
        Err(BuildError::Io { error, previous_at }) => {
            eprintln!("error: {error:#}");
            match previous_at {
                None => eprintln!("Build failed; the output folder was not changed."),
                Some(previous) => {
                    let output = options
                        .output
                        .unwrap_or_else(|| options.root.join("public"));
                    eprintln!(
                        "Build failed, and the previous site could not be moved back: it is now \
                         in {}, and {} is missing. Move it back by hand, or build again.",
                        previous.display(),
                        output.display()
                    );
                }
            }
            ExitCode::from(1)
        }
    }
}

fn new(root: &std::path::Path, title: &str) -> ExitCode {
    let config = match sitrep::config::load_config(root) {
        Ok(config) => config,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            return ExitCode::from(1);
        }
    };
    let today = jiff::ZonedDateTime::now().date();
    match sitrep::scaffold::new_briefing(root, title, &config, today) {
        Ok(path) => {
            println!(
                "Created {} (a draft: remove `draft: true` to publish)",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(1)
        }
    }
}

/// `sitrep check`: findings on stdout (text with excerpts, or one GitHub annotation each);
/// exit 1 when any is an error.
fn check(
    root: &std::path::Path,
    options: &sitrep::check::CheckOptions,
    format: CheckFormat,
) -> ExitCode {
    let report = sitrep::check::check(root, options);
    match format {
        CheckFormat::Text => {
            for d in &report.diagnostics {
                println!("{d}\n");
            }
            println!("{}", report.summary());
        }
        CheckFormat::Github => {
            for d in &report.diagnostics {
                println!("{}", d.to_github());
            }
            eprintln!("{}", report.summary());
        }
    }
    if report.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}\n");
    }
}
