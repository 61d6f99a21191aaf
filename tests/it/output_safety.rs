//! The output folder is replaced as a whole, so `build` must never be pointed at the site's
//! own files, however the path is spelt (`..`, symbolic links, another working folder), and
//! must never replace or delete a folder it did not make. Every refused build must leave
//! every file where it was, byte for byte.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::{MINIMAL_CONFIG, Run, TestSite, list_files};

/// What marks a folder as made by `sitrep build`.
const MARKER: &str = ".sitrep-output";

const REFUSAL_HINT: &str = "a build replaces its output folder as a whole, so pass a folder of its own, such as `--output public` (the default) or a folder outside the site";

/// A site with a file in each folder sitrep reads or a desk keeps beside it.
fn site_with_sources() -> TestSite {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("offer.md", "title: Offer\ndate: 2025-07-21", "Body.")
        .briefing("2024/old.md", "title: Old\ndate: 2024-01-02", "Older body.")
        .write("templates/404.html", "not found")
        .write("static/img/map.svg", "<svg/>")
        .write("themes/spare/templates/index.html", "spare theme")
        .write("pages/about.md", "---\ntitle: About\n---\nAbout the desk.")
        .write("terms/tags.yaml", "nato: NATO")
        .write(".git/HEAD", "ref: refs/heads/main\n");
    site
}

/// The folder that holds the site folder (the test's temporary folder).
fn outer(site: &TestSite) -> PathBuf {
    site.root.parent().unwrap().to_path_buf()
}

/// Every file under `dir` with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    list_files(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// Runs `sitrep <args>` in `cwd`.
fn run_in(cwd: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run sitrep");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The real path of the site folder, as messages show it.
fn real_root(site: &TestSite) -> PathBuf {
    site.root.canonicalize().unwrap()
}

/// Runs `sitrep <args>` in `cwd`, expects it to refuse, and checks that nothing at all changed
/// around the site (its sources, anything beside it) and that no files were left behind.
/// Returns stderr.
#[track_caller]
fn refused_in(site: &TestSite, cwd: &Path, args: &[&str]) -> String {
    let before = tree(&outer(site));
    assert!(before.keys().any(|f| f.ends_with("offer.md")), "{before:?}");
    let run = run_in(cwd, args);
    // An --output that is (in) the site is a bad value on the command line: exit 2, as for
    // any usage error; a folder that is in the way is the site's problem: exit 1.
    run.assert_code(
        if run
            .stderr
            .starts_with("error: refusing to build into --output")
        {
            2
        } else {
            1
        },
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(
        tree(&outer(site)),
        before,
        "files changed after a refused build\n{}",
        run.stderr
    );
    run.stderr
}

#[track_caller]
fn refused(site: &TestSite, args: &[&str]) -> String {
    refused_in(site, &site.root, args)
}

/// The whole of stderr for an `--output` refused because of what it resolves to: one line,
/// saying what to pass instead.
fn refusal(given: &str, resolved: &Path, reason: &str) -> String {
    format!(
        "error: refusing to build into --output {given} ({}): {reason}; {REFUSAL_HINT}\n",
        resolved.display()
    )
}

// ---- The site's own folders, however they are spelt ----

#[test]
fn output_spelt_through_dotdot_into_content_is_refused() {
    let site = site_with_sources();
    let stderr = refused(&site, &["build", "--output", "public/../content"]);
    let content = real_root(&site).join("content");
    assert_eq!(
        stderr,
        refusal(
            "public/../content",
            &content,
            "that is the site's content/ folder"
        )
    );
}

#[test]
fn output_content_and_a_folder_inside_it_are_refused() {
    let site = site_with_sources();
    let content = real_root(&site).join("content");
    let stderr = refused(&site, &["build", "--output", "content"]);
    assert_eq!(
        stderr,
        refusal("content", &content, "that is the site's content/ folder")
    );
    let stderr = refused(&site, &["build", "--output", "content/sub"]);
    assert_eq!(
        stderr,
        refusal(
            "content/sub",
            &content.join("sub"),
            "that is inside the site's content/ folder"
        )
    );
    // An existing folder inside content/ too.
    let stderr = refused(&site, &["build", "--output", "content/2024"]);
    assert_eq!(
        stderr,
        refusal(
            "content/2024",
            &content.join("2024"),
            "that is inside the site's content/ folder"
        )
    );
}

#[test]
fn output_dot_is_the_site_folder_and_is_refused() {
    let site = site_with_sources();
    let stderr = refused(&site, &["build", "--output", "."]);
    assert_eq!(
        stderr,
        refusal(".", &real_root(&site), "that is the site folder itself")
    );
}

#[test]
fn output_dotdot_contains_the_site_and_is_refused() {
    let site = site_with_sources();
    let stderr = refused(&site, &["build", "--output", ".."]);
    let root = real_root(&site);
    assert_eq!(
        stderr,
        refusal(
            "..",
            root.parent().unwrap(),
            &format!("that folder contains the site folder ({})", root.display())
        )
    );
}

#[test]
fn output_naming_the_site_folder_from_outside_is_refused() {
    let site = site_with_sources();
    let stderr = refused(&site, &["build", "--output", "../site"]);
    assert_eq!(
        stderr,
        refusal(
            "../site",
            &real_root(&site),
            "that is the site folder itself"
        )
    );
}

#[cfg(unix)]
#[test]
fn output_that_is_a_symlink_to_content_is_refused() {
    let site = site_with_sources();
    std::os::unix::fs::symlink("content", site.root.join("out")).unwrap();
    let stderr = refused(&site, &["build", "--output", "out"]);
    assert_eq!(
        stderr,
        refusal(
            "out",
            &real_root(&site).join("content"),
            "that is the site's content/ folder"
        )
    );
    assert!(site.root.join("out").is_symlink());
}

#[cfg(unix)]
#[test]
fn output_inside_a_symlinked_folder_that_leads_into_content_is_refused() {
    let site = site_with_sources();
    // `link` sits outside the site and points at it: link/content/new does not exist yet.
    std::os::unix::fs::symlink(&site.root, outer(&site).join("link")).unwrap();
    let stderr = refused(&site, &["build", "--output", "../link/content/new"]);
    assert_eq!(
        stderr,
        refusal(
            "../link/content/new",
            &real_root(&site).join("content/new"),
            "that is inside the site's content/ folder"
        )
    );
    // A dangling link into content/ is followed too.
    std::os::unix::fs::symlink("content/not-yet", site.root.join("dangling")).unwrap();
    let stderr = refused(&site, &["build", "--output", "dangling"]);
    assert_eq!(
        stderr,
        refusal(
            "dangling",
            &real_root(&site).join("content/not-yet"),
            "that is inside the site's content/ folder"
        )
    );
}

#[test]
fn output_in_any_source_folder_is_refused() {
    let site = site_with_sources();
    let root = real_root(&site);
    for folder in [
        "themes",
        "templates",
        "static",
        "pages",
        "terms",
        ".git",
        "src",
    ] {
        let stderr = refused(&site, &["build", "--output", folder]);
        assert_eq!(
            stderr,
            refusal(
                folder,
                &root.join(folder),
                &format!("that is the site's {folder}/ folder")
            )
        );
    }
    let stderr = refused(&site, &["build", "--output", "themes/spare/static"]);
    assert_eq!(
        stderr,
        refusal(
            "themes/spare/static",
            &root.join("themes/spare/static"),
            "that is inside the site's themes/ folder"
        )
    );
}

#[cfg(unix)]
#[test]
fn a_source_folder_that_is_a_symlink_is_protected_where_it_leads() {
    let site = site_with_sources();
    // The desk keeps its briefings elsewhere and links them in.
    let elsewhere = outer(&site).join("briefings");
    std::fs::rename(site.root.join("content"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.root.join("content")).unwrap();
    let real = elsewhere.canonicalize().unwrap();
    let stderr = refused(&site, &["build", "--output", "../briefings/2024"]);
    assert_eq!(
        stderr,
        refusal(
            "../briefings/2024",
            &real.join("2024"),
            "that is inside the site's content/ folder"
        )
    );
}

#[test]
fn run_from_another_folder_with_root_the_site_is_still_protected() {
    let site = site_with_sources();
    let outer = outer(&site);
    let root = real_root(&site);
    let stderr = refused_in(
        &site,
        &outer,
        &[
            "build",
            "--root",
            "site",
            "--output",
            "site/public/../content",
        ],
    );
    assert_eq!(
        stderr,
        refusal(
            "site/public/../content",
            &root.join("content"),
            "that is the site's content/ folder"
        )
    );
    let stderr = refused_in(
        &site,
        &outer,
        &["build", "--root", "site", "--output", "site"],
    );
    assert_eq!(
        stderr,
        refusal("site", &root, "that is the site folder itself")
    );
    // The default output is public/ inside the site, wherever sitrep runs from.
    run_in(&outer, &["build", "--root", "site"]).assert_ok();
    assert!(site.root.join("public/2025/07/offer/index.html").is_file());
}

#[test]
fn output_that_is_or_contains_the_working_folder_is_refused() {
    let site = site_with_sources();
    let outer = outer(&site);
    let work = outer.join("work/inner");
    std::fs::create_dir_all(&work).unwrap();
    std::fs::write(work.join("notes.txt"), "mine").unwrap();
    let real_work = work.canonicalize().unwrap();
    let stderr = refused_in(
        &site,
        &work,
        &["build", "--root", "../../site", "--output", "."],
    );
    assert_eq!(
        stderr,
        refusal(".", &real_work, "that is the current folder")
    );
    let stderr = refused_in(
        &site,
        &work,
        &["build", "--root", "../../site", "--output", ".."],
    );
    assert_eq!(
        stderr,
        refusal(
            "..",
            real_work.parent().unwrap(),
            &format!(
                "that folder contains the current folder ({})",
                real_work.display()
            )
        )
    );
}

// ---- Folders sitrep did not make ----

#[test]
fn existing_folder_with_files_not_made_by_sitrep_is_left_untouched() {
    let site = site_with_sources();
    let photos = outer(&site).join("photos");
    std::fs::create_dir_all(photos.join("2025")).unwrap();
    std::fs::write(photos.join("a.jpg"), "jpeg").unwrap();
    std::fs::write(photos.join("2025/b.jpg"), "jpeg2").unwrap();
    let stderr = refused(&site, &["build", "--output", "../photos"]);
    let real = photos.canonicalize().unwrap();
    assert_eq!(
        stderr,
        format!(
            "--output: error: {} exists and was not made by sitrep build; it holds 2 files. Move it away or choose another --output\n  = hint: sitrep replaces its output folder as a whole, so it only replaces a folder it made (one holding a {MARKER} file) or an empty one\n\nBuild failed: 1 problem to fix; the output folder was not changed.\n",
            real.display()
        )
    );
}

#[test]
fn default_public_folder_not_made_by_sitrep_is_left_untouched() {
    let site = site_with_sources();
    site.write("public/notes.md", "the desk's own notes");
    let stderr = refused(&site, &["build"]);
    assert!(
        stderr.contains(&format!(
            "{} exists and was not made by sitrep build; it holds 1 file. Move it away or choose another --output",
            real_root(&site).join("public").display()
        )),
        "{stderr}"
    );
}

#[test]
fn existing_empty_folder_is_used() {
    let site = site_with_sources();
    let out = outer(&site).join("out");
    std::fs::create_dir(&out).unwrap();
    run_in(&site.root, &["build", "--output", "../out"]).assert_ok();
    assert!(out.join("2025/07/offer/index.html").is_file());
    assert!(out.join(MARKER).is_file());
}

#[test]
fn every_output_carries_the_marker_and_the_next_build_replaces_it() {
    let site = site_with_sources();
    site.build().assert_ok();
    let marker = site.read(MARKER);
    assert!(
        marker.starts_with("This folder was written by `sitrep build`"),
        "{marker}"
    );
    assert_eq!(marker.lines().count(), 1, "{marker}");
    site.briefing("late.md", "title: Late\ndate: 2025-08-01", "Body.");
    site.build().assert_ok();
    assert!(site.exists("2025/08/late/index.html"));
    assert!(site.exists(MARKER));
}

#[test]
fn a_sibling_folder_and_a_folder_outside_the_site_are_fine() {
    let site = site_with_sources();
    site.run(&["build", "--output", "../site-out"]).assert_ok();
    assert!(
        outer(&site)
            .join("site-out/2025/07/offer/index.html")
            .is_file()
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("deep/out");
    site.run(&["build", "--output", out.to_str().unwrap()])
        .assert_ok();
    assert!(out.join("index.html").is_file());
}

#[test]
fn output_of_an_older_sitrep_without_the_marker_is_replaced() {
    // Outputs built before the marker existed: `.nojekyll` (empty), sitemap.xml, robots.txt
    // and 404.html at the top. A desk upgrading sitrep must not have to delete public/.
    let site = site_with_sources();
    site.build().assert_ok();
    std::fs::remove_file(site.public().join(MARKER)).unwrap();
    std::fs::write(site.public().join("stale.html"), "stale").unwrap();
    site.build().assert_ok();
    assert!(site.exists(MARKER));
    assert!(!site.exists("stale.html"));
}

#[test]
fn a_folder_that_only_resembles_an_older_output_is_left_untouched() {
    // A checkout of a gh-pages branch looks like an output but holds .git: never replaced.
    let site = site_with_sources();
    site.build().assert_ok();
    std::fs::remove_file(site.public().join(MARKER)).unwrap();
    site.write("public/.git/HEAD", "ref: refs/heads/gh-pages\n");
    let stderr = refused(&site, &["build"]);
    assert!(
        stderr.contains("public exists and was not made by sitrep build"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn output_symlink_to_a_folder_elsewhere_builds_there_and_keeps_the_link() {
    let site = site_with_sources();
    let www = outer(&site).join("www");
    std::fs::create_dir(&www).unwrap();
    std::os::unix::fs::symlink(&www, site.public()).unwrap();
    site.build().assert_ok();
    site.build().assert_ok();
    assert!(site.public().is_symlink(), "public/ is no longer the link");
    assert!(www.join("2025/07/offer/index.html").is_file());
    assert!(www.join(MARKER).is_file());
}

#[test]
fn output_that_is_a_file_is_refused_before_anything_is_written() {
    let site = site_with_sources();
    let stderr = refused(&site, &["build", "--output", "site.yaml"]);
    assert_eq!(
        stderr,
        format!(
            "--output: error: {} exists and is not a folder; remove it or choose another --output\n\nBuild failed: 1 problem to fix; the output folder was not changed.\n",
            real_root(&site).join("site.yaml").display()
        )
    );
}

// ---- The staging and backup folders beside the output ----

#[test]
fn foreign_folders_in_the_staging_and_backup_places_are_left_untouched() {
    for name in [".public.staging", ".public.old"] {
        let site = site_with_sources();
        site.build().assert_ok();
        site.write(&format!("{name}/keep.txt"), "not sitrep's");
        let stderr = refused(&site, &["build"]);
        assert_eq!(
            stderr,
            format!(
                "--output: error: {} exists and was not made by sitrep build; it holds 1 file. sitrep needs this name beside {} while it builds: move it away or choose another --output\n  = hint: sitrep replaces its output folder as a whole, so it only replaces a folder it made (one holding a {MARKER} file) or an empty one\n\nBuild failed: 1 problem to fix; the output folder was not changed.\n",
                real_root(&site).join(name).display(),
                real_root(&site).join("public").display(),
            ),
            "{name}"
        );
    }
}

#[test]
fn leftovers_of_an_interrupted_build_are_cleared() {
    // A build killed while writing leaves its staging folder (marked) behind.
    let site = site_with_sources();
    site.build().assert_ok();
    site.write(&format!(".public.staging/{MARKER}"), "x")
        .write(".public.staging/half/index.html", "half");
    site.write(&format!(".public.old/{MARKER}"), "x")
        .write(".public.old/index.html", "old");
    site.build().assert_ok();
    assert!(!site.root.join(".public.staging").exists());
    assert!(!site.root.join(".public.old").exists());
}
