//! Small helpers: a site in a temporary folder (from a fixture or written inline), running
//! the binary on it, and reading what it wrote.

use std::path::{Path, PathBuf};
use std::process::Command;

pub const MINIMAL_CONFIG: &str = "title: Test Desk\nbase_url: https://example.org/\n";

/// A site folder under a temporary directory, deleted when dropped.
pub struct TestSite {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "unexpected exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

impl TestSite {
    /// The preview's model of this site, opened in process; it must open without errors.
    pub fn open_project(&self) -> sitrep::project::Project {
        let (project, update) = sitrep::project::Project::open(sitrep::project::ProjectOptions {
            root: self.root.clone(),
            base_url: None,
            drafts: false,
        });
        assert!(update.errors.is_empty(), "{:?}", update.errors);
        project
    }

    /// An empty site with `site.yaml` set to `config`.
    pub fn with_config(config: &str) -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("site.yaml"), config).unwrap();
        TestSite { _dir: dir, root }
    }

    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        copy_tree(&fixtures_dir().join(name), &root);
        TestSite { _dir: dir, root }
    }

    /// A copy of the repository's own shipped site (site.yaml, content/, pages/, terms/,
    /// static/, themes/).
    pub fn shipped() -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::create_dir_all(&root).unwrap();
        std::fs::copy(repo.join("site.yaml"), root.join("site.yaml")).unwrap();
        for folder in ["content", "pages", "terms", "static", "themes"] {
            if repo.join(folder).is_dir() {
                copy_tree(&repo.join(folder), &root.join(folder));
            }
        }
        TestSite { _dir: dir, root }
    }

    /// The shipped site, built with `--base-url base_url`.
    pub fn shipped_built(base_url: &str) -> TestSite {
        let site = TestSite::shipped();
        site.run(&["build", "--base-url", base_url]).assert_ok();
        site
    }

    /// The text of a file of the site itself (not of its output).
    pub fn read_source(&self, relative: &str) -> String {
        std::fs::read_to_string(self.root.join(relative)).expect("read site file")
    }

    pub fn write(&self, relative: &str, text: &str) -> &Self {
        self.write_bytes(relative, text.as_bytes())
    }

    /// Writes `relative` (the bytes of an image, say), making its folders.
    pub fn write_bytes(&self, relative: &str, bytes: &[u8]) -> &Self {
        let path = self.root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    /// Writes `content/<name>` with the given front-matter lines and body.
    pub fn briefing(&self, name: &str, front_matter: &str, body: &str) -> &Self {
        self.write(
            &format!("content/{name}"),
            &format!("---\n{front_matter}\n---\n{body}\n"),
        )
    }

    /// Runs `sitrep <args>` with the site folder as the working directory.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[])
    }

    /// Runs `sitrep <args>` with extra environment variables.
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .args(args)
            .envs(env.iter().copied())
            .current_dir(&self.root)
            .output()
            .expect("run sitrep");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// The text of `public/<relative>`; panics with the list of files if it is missing.
    #[track_caller]
    pub fn read(&self, relative: &str) -> String {
        let path = self.public().join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "cannot read public/{relative}: {e}\nfiles:\n{}",
                list_files(&self.public()).join("\n")
            )
        })
    }

    pub fn exists(&self, relative: &str) -> bool {
        self.public().join(relative).exists()
    }
}

/// Runs `sitrep <args>` in `dir` (which need not be a site), with standard input closed.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run sitrep");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, relative, sorted, with forward slashes.
pub fn list_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// Values of the `href` and `src` attributes of an HTML document, `&amp;` decoded.
pub fn links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(start) = rest.find(attribute) {
            let after = &rest[start + attribute.len()..];
            let end = after.find('"').unwrap_or(after.len());
            found.push(after[..end].replace("&amp;", "&"));
            rest = &after[end..];
        }
    }
    found
}

/// How many times `needle` occurs in `haystack`.
pub fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// A PNG's first bytes, as far as its size goes (all sitrep reads of an image).
pub fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}
