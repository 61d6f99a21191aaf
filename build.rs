//! Embeds `themes/default` into the binary, so a site without a themes/ folder still renders,
//! and records the commit it was built from for `sitrep --version` (`SITREP_COMMIT`).

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The crate's folder, as cargo gives it when it runs this script: not as it was when the
/// script was compiled (a `target/` copied from another checkout embedded that checkout's
/// theme).
fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

fn main() {
    commit();
    let theme = manifest_dir().join("themes/default");
    println!("cargo:rerun-if-changed={}", theme.display());
    let mut files = Vec::new();
    collect(&theme, &theme, &mut files);
    files.sort();
    let mut code = String::from(
        "/// Files of the built-in default theme: (path within the theme, bytes).\npub static DEFAULT_THEME: &[(&str, &[u8])] = &[\n",
    );
    for (relative, absolute) in files {
        writeln!(code, "    ({relative:?}, include_bytes!({absolute:?})),").unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("default_theme.rs");
    std::fs::write(out, code).unwrap();
}

fn collect(base: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(base, &path, files);
        } else {
            let relative = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.push((relative, path.to_string_lossy().into_owned()));
        }
    }
}

/// Sets `SITREP_COMMIT` to the short hash of HEAD, with `-dirty` when tracked files differ
/// from it; from a crate tarball (no repository of its own) it is the hash cargo recorded
/// in `.cargo_vcs_info.json`, else `unknown`. Never fails the build.
fn commit() {
    let manifest = &manifest_dir();
    let commit = git_commit(manifest)
        .or_else(|| packaged_commit(manifest))
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=SITREP_COMMIT={commit}");
}

fn git(manifest: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(manifest)
        .args(args)
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

fn git_commit(manifest: &Path) -> Option<String> {
    // Only this crate's own repository counts: a tarball unpacked inside another
    // repository (a vendored copy) must not report that repository's commit.
    let top = git(manifest, &["rev-parse", "--show-toplevel"])?;
    if std::fs::canonicalize(&top).ok()? != std::fs::canonicalize(manifest).ok()? {
        return None;
    }
    let hash = git(manifest, &["rev-parse", "--short", "HEAD"])?;
    // Rebuild when HEAD moves (commit, checkout) or the index changes (add, commit); and,
    // for `-dirty`, when a source file changes (which rebuilds the crate anyway).
    for path in ["HEAD", "index", "packed-refs"] {
        if let Some(p) = git(manifest, &["rev-parse", "--git-path", path]) {
            println!("cargo:rerun-if-changed={}", manifest.join(p).display());
        }
    }
    if let Some(branch) = git(manifest, &["symbolic-ref", "-q", "HEAD"])
        && let Some(p) = git(manifest, &["rev-parse", "--git-path", &branch])
    {
        println!("cargo:rerun-if-changed={}", manifest.join(p).display());
    }
    for path in ["src", "build.rs", "Cargo.toml", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={}", manifest.join(path).display());
    }
    let dirty = git(manifest, &["status", "--porcelain", "--untracked-files=no"])
        .is_some_and(|s| !s.is_empty());
    Some(if dirty { format!("{hash}-dirty") } else { hash })
}

/// `cargo package` writes `{"git": {"sha1": "…", "dirty": true?}, …}`.
fn packaged_commit(manifest: &Path) -> Option<String> {
    let info = manifest.join(".cargo_vcs_info.json");
    println!("cargo:rerun-if-changed={}", info.display());
    let text = std::fs::read_to_string(info).ok()?;
    let sha1 = text.split("\"sha1\"").nth(1)?.split('"').nth(1)?;
    let short: String = sha1.chars().take(7).collect();
    (short.len() == 7 && short.chars().all(|c| c.is_ascii_hexdigit())).then(|| {
        if text.contains("\"dirty\": true") || text.contains("\"dirty\":true") {
            format!("{short}-dirty")
        } else {
            short
        }
    })
}
