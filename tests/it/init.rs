//! `sitrep init`: a new desk in an empty folder builds, checks clean but for the placeholder
//! base URL, and serves; init writes over nothing; the workflows it writes install one
//! pinned, checksum-verified sitrep release; `--version` names the commit.

use std::path::Path;

use crate::harness::run_in;
use crate::serve::Serve;

fn new_desk(args: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["init", "desk"];
    all.extend_from_slice(args);
    run_in(dir.path(), &all).assert_ok();
    let root = dir.path().join("desk");
    (dir, root)
}

#[test]
fn a_new_desk_builds_checks_and_serves_as_it_is() {
    let (_dir, root) = new_desk(&[]);
    for file in [
        "site.yaml",
        "content/2022/un-general-assembly-rejects-annexation.md",
        "pages/about.md",
        ".gitignore",
        ".sitrep-version",
        ".github/workflows/pages.yml",
        ".github/workflows/check.yml",
    ] {
        assert!(root.join(file).is_file(), "{file} missing");
    }
    assert!(
        std::fs::read_to_string(root.join(".gitignore"))
            .unwrap()
            .contains("public/")
    );
    assert!(
        std::fs::read_to_string(root.join("site.yaml"))
            .unwrap()
            .contains("title: Desk\n")
    );

    // check: exactly one finding, the placeholder base URL, as a warning.
    let check = run_in(&root, &["check", "--format", "github"]);
    check.assert_ok();
    let findings: Vec<&str> = check
        .stdout
        .lines()
        .filter(|l| l.starts_with("::"))
        .collect();
    assert_eq!(findings.len(), 1, "{}", check.stdout);
    assert!(
        findings[0].starts_with("::warning file=site.yaml,line="),
        "{}",
        findings[0]
    );
    assert!(findings[0].contains("base_url"), "{}", findings[0]);

    let build = run_in(&root, &["build"]);
    build.assert_ok();
    assert!(
        build.stderr.contains("base_url"),
        "the build warns too: {}",
        build.stderr
    );
    let home = std::fs::read_to_string(root.join("public/index.html")).unwrap();
    assert!(home.contains("UN General Assembly rejects"), "{home}");
    // The About page is in the navigation, and says where corrections go.
    assert!(
        home.contains("<li><a href=\"/YOUR-REPO/about/\">About</a></li>"),
        "{home}"
    );
    let about = std::fs::read_to_string(root.join("public/about/index.html")).unwrap();
    assert!(
        about.contains("at the top of\nthe briefing we correct"),
        "{about}"
    );

    let serve = Serve::start(&root, &[]);
    assert!(serve.url.ends_with("/YOUR-REPO/"), "{}", serve.url);
    let page = serve.get("/YOUR-REPO/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("UN General Assembly rejects"));
}

#[test]
fn with_its_address_a_new_desk_checks_without_any_finding() {
    let (_dir, root) = new_desk(&[
        "--base-url",
        "https://org.github.io/desk",
        "--title",
        "Kyiv: Watch",
    ]);
    let check = run_in(&root, &["check"]);
    check.assert_ok();
    assert!(
        check.stdout.contains("No problems found in 1 briefing."),
        "{}",
        check.stdout
    );
    let site = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    assert!(
        site.contains("base_url: https://org.github.io/desk/\n"),
        "{site}"
    );
    assert!(site.contains("title: \"Kyiv: Watch\"\n"), "{site}");
}

#[test]
fn init_refuses_a_site_and_keeps_every_file_that_exists() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.yaml"), "title: Mine\n").unwrap();
    let refused = run_in(dir.path(), &["init"]);
    refused.assert_code(1);
    assert!(
        refused.stderr.contains("already holds a site.yaml"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("site.yaml")).unwrap(),
        "title: Mine\n"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing else written"
    );

    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join(".gitignore"), "target/\n").unwrap();
    let run = run_in(other.path(), &["init", "."]);
    run.assert_ok();
    assert!(
        run.stdout
            .contains(".gitignore (already there: left as it was)"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(other.path().join(".gitignore")).unwrap(),
        "target/\n"
    );
    assert!(other.path().join("site.yaml").is_file());

    let bad = run_in(other.path(), &["init", "more", "--base-url", "ftp://x"]);
    bad.assert_code(2);
    assert!(bad.stderr.contains("--base-url"), "{}", bad.stderr);
    assert!(!other.path().join("more").exists());
}

/// An http address on GitHub Pages was only pointed out by the first `check`.
#[test]
fn init_warns_at_once_about_an_http_address_on_github_pages() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(
        dir.path(),
        &["init", "desk", "--base-url", "http://org.github.io/desk/"],
    );
    run.assert_ok();
    assert!(
        run.stdout.contains(
            "  warning: --base-url http://org.github.io/desk/ is http, but GitHub Pages serves \
             sites over https only: set `base_url: https://org.github.io/desk/` in site.yaml"
        ),
        "{}",
        run.stdout
    );
    let quiet = run_in(
        dir.path(),
        &["init", "intranet", "--base-url", "http://desk.internal/"],
    );
    assert!(!quiet.stdout.contains("warning"), "{}", quiet.stdout);
}

#[test]
fn init_warns_when_a_kept_file_may_leave_publishing_undone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".gitignore"), "target/\n").unwrap();
    std::fs::create_dir_all(dir.path().join(".github/workflows")).unwrap();
    std::fs::write(
        dir.path().join(".github/workflows/pages.yml"),
        "name: Jekyll\n",
    )
    .unwrap();
    let run = run_in(dir.path(), &["init", "."]);
    run.assert_ok();
    let lines: Vec<&str> = run.stdout.lines().collect();
    let kept = |name: &str| {
        lines
            .iter()
            .position(|l| *l == format!("  {name} (already there: left as it was)"))
            .unwrap_or_else(|| panic!("{name} not kept: {}", run.stdout))
    };
    let last_kept = kept(".gitignore").max(kept(".github/workflows/pages.yml"));
    let warnings: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("  warning: "))
        .collect();
    assert_eq!(warnings.len(), 2, "{}", run.stdout);
    assert_eq!(lines[last_kept + 1], warnings[0], "{}", run.stdout);
    assert!(
        warnings[0].contains(".gitignore does not ignore public/"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[1].contains(".github/workflows/pages.yml was already there")
            && warnings[1].contains("publishing may not be set up"),
        "{}",
        warnings[1]
    );
    // The written check workflow is no reason to warn.
    assert!(!run.stdout.contains("check.yml was already there"));

    // A .gitignore that ignores public/, and no workflow there: no warning.
    let clean = tempfile::tempdir().unwrap();
    std::fs::write(clean.path().join(".gitignore"), "/public\ntarget/\n").unwrap();
    let run = run_in(clean.path(), &["init", "."]);
    run.assert_ok();
    assert!(
        run.stdout.contains(".gitignore (already there"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("warning:"), "{}", run.stdout);
}

/// The steps of the only job of `workflow` that runs sitrep, by name.
fn steps(root: &Path, workflow: &str) -> Vec<serde_yaml::Value> {
    let text = std::fs::read_to_string(root.join(".github/workflows").join(workflow)).unwrap();
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let jobs = yaml["jobs"].as_mapping().unwrap();
    let job = jobs
        .values()
        .find(|job| {
            job["steps"].as_sequence().is_some_and(|s| {
                s.iter()
                    .any(|step| step["run"].as_str().is_some_and(|r| r.contains("sitrep ")))
            })
        })
        .unwrap_or_else(|| panic!("{workflow}: no job runs sitrep"));
    job["steps"].as_sequence().unwrap().clone()
}

fn step<'a>(steps: &'a [serde_yaml::Value], name: &str) -> &'a serde_yaml::Value {
    steps
        .iter()
        .find(|s| s["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no step `{name}`"))
}

#[test]
fn the_workflows_install_one_pinned_release_and_verify_its_checksum() {
    let (_dir, root) = new_desk(&[]);
    let version = std::fs::read_to_string(root.join(".sitrep-version")).unwrap();
    assert_eq!(version, format!("v{}\n", env!("CARGO_PKG_VERSION")));
    let mut install = Vec::new();
    for workflow in ["pages.yml", "check.yml"] {
        let text = std::fs::read_to_string(root.join(".github/workflows").join(workflow)).unwrap();
        // The version lives in .sitrep-version only; nothing is built from source.
        assert!(
            !text.contains(version.trim()),
            "{workflow} names the version itself"
        );
        let steps = steps(&root, workflow);
        let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
        assert!(
            runs.iter().all(|r| !r.contains("cargo ")),
            "{workflow} builds sitrep"
        );
        assert!(
            text.contains("#     cargo install --locked --git"),
            "{workflow}: no cargo install alternative"
        );

        let read = step(&steps, "Read the sitrep version")["run"]
            .as_str()
            .unwrap();
        assert!(read.contains("< .sitrep-version"));
        let cache = step(&steps, "Cache sitrep");
        assert!(
            cache["uses"]
                .as_str()
                .unwrap()
                .starts_with("actions/cache@")
        );
        let key = cache["with"]["key"].as_str().unwrap();
        assert!(key.contains("${{ steps.sitrep.outputs.version }}"), "{key}");
        assert!(
            key.contains("runner.os") && key.contains("runner.arch"),
            "{key}"
        );
        let download = step(&steps, "Download sitrep");
        assert_eq!(
            download["if"].as_str(),
            Some("steps.sitrep-cache.outputs.cache-hit != 'true'")
        );
        let script = download["run"].as_str().unwrap();
        for needle in [
            "SHA256SUMS",
            "sha256sum --check",
            "shasum --algorithm 256 --check",
            "releases/download/$SITREP_VERSION",
            "x86_64-unknown-linux-musl",
            "aarch64-apple-darwin",
        ] {
            assert!(
                script.contains(needle),
                "{workflow}: no `{needle}` in the download step"
            );
        }
        // Checked before it is unpacked.
        assert!(script.find("--check").unwrap() < script.find("tar -x").unwrap());
        let position = |name: &str| {
            steps
                .iter()
                .position(|s| s["name"].as_str() == Some(name))
                .unwrap()
        };
        let uses_sitrep = steps
            .iter()
            .position(|s| s["run"].as_str().is_some_and(|r| r.starts_with("sitrep ")))
            .unwrap();
        assert!(position("Put sitrep on the PATH") < uses_sitrep);
        install.push(
            [
                "Read the sitrep version",
                "Cache sitrep",
                "Download sitrep",
                "Put sitrep on the PATH",
            ]
            .map(|n| step(&steps, n).clone()),
        );
    }
    assert_eq!(
        install[0], install[1],
        "both workflows install sitrep the same way"
    );
}

#[test]
fn version_names_the_commit() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["--version"]);
    run.assert_ok();
    let line = run.stdout.trim();
    let rest = line
        .strip_prefix(&format!("sitrep {} (", env!("CARGO_PKG_VERSION")))
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or_else(|| panic!("{line}"));
    let hash = rest.strip_suffix("-dirty").unwrap_or(rest);
    assert!(
        hash == "unknown" || (hash.len() >= 7 && hash.chars().all(|c| c.is_ascii_hexdigit())),
        "{line}"
    );
}

/// The `cd` that init prints works when pasted into a shell, whatever the folder's name.
#[test]
fn the_printed_cd_works_for_a_folder_name_with_spaces_and_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let name = "Kyiv desk's drafts";
    let run = run_in(dir.path(), &["init", name]);
    run.assert_ok();
    let cd = run
        .stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("0. Go there:"))
        .expect("a cd step")
        .trim();
    assert_eq!(cd, r"cd 'Kyiv desk'\''s drafts'", "{}", run.stdout);
    let shell = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{cd} && pwd"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(shell.status.success(), "{shell:?}");
    let pwd = String::from_utf8(shell.stdout).unwrap();
    assert!(pwd.trim_end().ends_with(name), "{pwd}");
}
