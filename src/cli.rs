//! Command-line interface (clap derive): flags → options. No logic lives here.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "sitrep",
    version = concat!(env!("CARGO_PKG_VERSION"), " (", env!("SITREP_COMMIT"), ")"),
    about = "A static site generator for curated conflict briefings"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the site into the output folder (atomic: a failed build keeps the previous output)
    Build {
        /// The site folder (holding site.yaml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/public]
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override base_url from site.yaml, e.g. https://org.github.io/briefings/
        #[arg(long)]
        base_url: Option<String>,
        /// Include briefings marked `draft: true` and those held back by `publish_at:`
        #[arg(long)]
        drafts: bool,
        /// Print how long each stage of the build took
        #[arg(long)]
        timings: bool,
    },
    /// Create a draft briefing with today's date and the front-matter skeleton, in
    /// content/<year>/ when the site keeps year folders, else content/ (or --dir)
    New {
        /// The briefing's title; the file name is made from it
        title: String,
        /// The site folder (holding site.yaml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The folder inside content/ to write it in [default: the year folder, when the
        /// site keeps briefings in year folders (content/2026/), else content/]
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Start a new desk: a site folder with site.yaml, an example briefing, an About page
    /// and the GitHub workflows that publish it. Writes over nothing
    Init {
        /// The folder to create the site in (created if missing)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The site's title [default: made from the folder's name]
        #[arg(long)]
        title: Option<String>,
        /// Where the site will be published, e.g. https://org.github.io/briefings/
        /// [default: a placeholder that `check` flags until it is set]
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Turn a source article (text copied from a news page, or a saved HTML page) into a
    /// draft briefing that cites it, placed as `new` places one, never overwriting
    Import {
        /// The article: a .txt or .html file, or `-` for standard input
        file: PathBuf,
        /// The article's web address [default: the page's canonical address, if it has one]
        #[arg(long)]
        url: Option<String>,
        /// Who published it [default: the page's site name, if it has one]
        #[arg(long)]
        publisher: Option<String>,
        /// The site folder (holding site.yaml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The folder inside content/ to write it in [default: as for `sitrep new`]
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Check content, links, sources and templates without writing anything; exit 1 on
    /// errors (warnings alone exit 0)
    Check {
        /// The site folder (holding site.yaml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `text` for people; `github` prints one GitHub Actions annotation per finding
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Check drafts and briefings held back by `publish_at:` too, as if they were published
        #[arg(long)]
        drafts: bool,
        /// Override base_url from site.yaml, e.g. https://org.github.io/briefings/
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Preview the site: render it in memory, serve it, re-render what changes on disk and
    /// reload the browser
    Serve {
        /// The site folder (holding site.yaml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on; if it is taken, the next free one is used (0: any free port)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on. Anything but loopback makes the preview reachable from
        /// other machines
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Include briefings marked `draft: true` and those held back by `publish_at:`
        #[arg(long)]
        drafts: bool,
        /// Also answer requests for this host name (a cloud editor's or a proxy's); only
        /// localhost and the --bind address are answered otherwise. Repeatable; a leading
        /// dot (`.example.org`) allows the name's subdomains too
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_host: Vec<String>,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
    },
}

/// How `sitrep check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Each finding with its excerpt and hint, then a summary line
    Text,
    /// `::error file=…,line=…,col=…::message` lines for GitHub Actions; the summary goes to stderr
    Github,
}
