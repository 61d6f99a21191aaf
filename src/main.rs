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
    if let Some(problem) = bad_option_value(&cli.command) {
        return usage_error(&problem);
    }
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
                unchecked: false,
            },
            timings,
        ),
        Command::New { title, root, dir } => new(&root, &title, dir.as_deref()),
        Command::Init {
            dir,
            title,
            base_url,
        } => init(&sitrep::scaffold::InitOptions {
            dir,
            title,
            base_url,
        }),
        Command::Import {
            file,
            url,
            publisher,
            root,
            dir,
        } => import(
            &root,
            &sitrep::import::ImportOptions {
                file,
                url,
                publisher,
                dir,
            },
        ),
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

/// An option whose value no command could use, found before any work starts (values that
/// need the site to judge, such as `--output`, are judged where they are used).
fn bad_option_value(command: &Command) -> Option<sitrep::UsageError> {
    let base_url = match command {
        Command::Build { base_url, .. } | Command::Check { base_url, .. } => base_url.as_deref(),
        _ => None,
    }?;
    let problem = sitrep::config::BaseUrl::parse(base_url).err()?;
    Some(sitrep::UsageError(format!("bad --base-url: {problem}")))
}

/// A usage error: one line, exit 2, as clap does for a command line it cannot parse.
fn usage_error(error: &sitrep::UsageError) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::from(2)
}

/// An error from a command: exit 2 when it is a bad option value, else 1.
fn command_failed(error: &anyhow::Error) -> ExitCode {
    if let Some(usage) = error.downcast_ref::<sitrep::UsageError>() {
        return usage_error(usage);
    }
    eprintln!("error: {error:#}");
    ExitCode::from(1)
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
                "Built {} briefing{}{drafts} into {} pages and {} static files ({}) in {} in {:.0?}",
                report.briefings,
                if report.briefings == 1 { "" } else { "s" },
                report.pages,
                report.static_files,
                sitrep::human_size(report.output_bytes),
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
        Err(BuildError::Usage(error)) => usage_error(&error),
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

fn new(root: &std::path::Path, title: &str, dir: Option<&std::path::Path>) -> ExitCode {
    let config = match sitrep::config::load_config(root) {
        Ok(config) => config,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            return ExitCode::from(1);
        }
    };
    let today = sitrep::now()
        .to_zoned_datetime(jiff::tz::TimeZone::system())
        .date();
    match sitrep::scaffold::new_briefing(root, title, &config, today, dir) {
        Ok(path) => {
            // Relative to the site root, as `import` prints it.
            println!(
                "Created {} (a draft: remove `draft: true` to publish)",
                path.strip_prefix(root).unwrap_or(&path).display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(1)
        }
    }
}

/// `text` as one word of a POSIX shell command, quoted when it has to be (`My Desk` →
/// `'My Desk'`), so the printed command works when pasted.
fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "._/-+=:@%,".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// `sitrep init`: the files written and kept, then what to do next.
fn init(options: &sitrep::scaffold::InitOptions) -> ExitCode {
    let report = match sitrep::scaffold::init(options) {
        Ok(report) => report,
        Err(error) => return command_failed(&error),
    };
    let dir = options.dir.display().to_string();
    println!("Created a new desk in {dir}:");
    for path in &report.created {
        println!("  {}", path.display());
    }
    for path in &report.kept {
        println!("  {} (already there: left as it was)", path.display());
    }
    for warning in &report.warnings {
        println!("  warning: {warning}");
    }
    println!("\nNext steps:");
    if options.dir != std::path::Path::new(".") {
        println!("  0. Go there:             cd {}", shell_word(&dir));
    }
    println!("  1. Preview it:           sitrep serve     (then open the address it prints)");
    println!("  2. Write a briefing:     sitrep new \"Title\"");
    println!("     or start from a source article:  sitrep import article.html");
    println!(
        "  3. Put it on GitHub:     git init && git add -A && git commit -m \"New desk\", then push it to a new repository"
    );
    println!(
        "  4. Turn Pages on:        Settings → Pages → Source: GitHub Actions; the next push to main publishes it"
    );
    if report.placeholder_base_url {
        println!(
            "\nbase_url in site.yaml is a placeholder: set it to the site's address \
             (https://<org>.github.io/<repo>/); `sitrep check` warns until then."
        );
    }
    println!(
        "The workflows install sitrep {} (the version in {}); bump it there to upgrade.",
        std::fs::read_to_string(options.dir.join(sitrep::scaffold::VERSION_FILE))
            .map(|v| v.trim().to_string())
            .unwrap_or_default(),
        sitrep::scaffold::VERSION_FILE
    );
    ExitCode::SUCCESS
}

/// `sitrep import`: the draft written, what was found and what was not.
fn import(root: &std::path::Path, options: &sitrep::import::ImportOptions) -> ExitCode {
    let config = match sitrep::config::load_config(root) {
        Ok(config) => config,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            return ExitCode::from(1);
        }
    };
    let today = sitrep::now()
        .to_zoned_datetime(jiff::tz::TimeZone::system())
        .date();
    match sitrep::import::import(root, &config, options, today) {
        Ok(report) => {
            println!(
                "Created {} (a draft: the article's text is in a comment, to rewrite)",
                report.path.display()
            );
            for line in &report.found {
                println!("  found {line}");
            }
            for line in &report.missing {
                println!("  not found: {line}");
            }
            if !report.removed.is_empty() {
                println!("  left out: {}", report.removed.join(" · "));
            }
            ExitCode::SUCCESS
        }
        Err(error) => command_failed(&error),
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
