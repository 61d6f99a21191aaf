//! site.yaml as an editor sees it from `check` and `build`: each bad setting, however deep
//! inside a mapping or a list, is reported at the line and column of the value (or key) to
//! fix, and every one of them in the same run; an http `base_url` on GitHub Pages is a
//! warning.

use crate::harness::{MINIMAL_CONFIG, TestSite, run_in};

/// The lines of site.yaml below, numbered as an editor sees them.
const NESTED: &str = "style:
  prefer:
    - Kiev
  level: fatal
taxonomies:
  - tags
  - name: authors
    byline: yes
    titel: Authors
related: { weights: { regions: lots } }
feeds: { terms: some }
size_limit: lots
repo_url: github.com/org/desk
";

/// The first line of the finding printed for `location` whose message has `message`,
/// with the lines of its excerpt and hint, up to the blank line after it.
#[track_caller]
fn finding<'a>(stdout: &'a str, location: &str, message: &str) -> &'a str {
    stdout
        .split("\n\n")
        .find(|block| {
            let first = block.lines().next().unwrap_or("");
            first.starts_with(&format!("{location}: error: ")) && first.contains(message)
        })
        .unwrap_or_else(|| panic!("no error at `{location}` saying `{message}`:\n{stdout}"))
}

#[test]
fn a_bad_value_inside_a_setting_is_reported_at_its_own_line_and_column() {
    // MINIMAL_CONFIG is lines 1-2, so NESTED starts at line 3.
    let site = TestSite::with_config(&format!("{MINIMAL_CONFIG}{NESTED}"));
    let run = site.run(&["check"]);
    run.assert_code(1);
    let out = &run.stdout;
    let prefer = finding(
        out,
        "site.yaml:5:5",
        "bad value for `style`: `prefer` maps each word to avoid to the one to write",
    );
    assert!(prefer.contains(" 5 |     - Kiev\n   |     ^"), "{prefer}");
    finding(
        out,
        "site.yaml:6:10",
        "bad value for `style`: `level: fatal` is not a level",
    );
    let byline = finding(
        out,
        "site.yaml:10:13",
        "bad value for `taxonomies`: `byline` must be true or false, found text",
    );
    assert!(
        byline.contains("= hint: write `byline: true`: YAML reads `yes` as a word"),
        "{byline}"
    );
    let titel = finding(
        out,
        "site.yaml:11:5",
        "bad value for `taxonomies`: unknown taxonomy setting `titel`",
    );
    assert!(titel.contains("= hint: did you mean `title`?"), "{titel}");
    finding(
        out,
        "site.yaml:12:32",
        "bad value for `related`: the weight of `regions` must be a whole number",
    );
    finding(
        out,
        "site.yaml:13:17",
        "bad value for `feeds`: `feeds: { terms: … }` is `full` or `summary`",
    );
    finding(out, "site.yaml:14:13", "bad value for `size_limit`: `lots`");
    finding(
        out,
        "site.yaml:15:11",
        "bad value for `repo_url`: `github.com/org/desk`",
    );
    assert!(out.contains("8 errors, 0 warnings"), "{out}");
}

#[test]
fn a_mistyped_nested_key_is_reported_at_the_key_with_the_close_match() {
    let site = TestSite::with_config(&format!(
        "{MINIMAL_CONFIG}taxonomies: [tags, regions]\nrelated:\n  limt: 3\n  weights: {{ region: 2, tags: 1 }}\nfeeds:\n  sites: full\n"
    ));
    let run = site.run(&["check"]);
    run.assert_code(1);
    let out = &run.stdout;
    let limit = finding(
        out,
        "site.yaml:5:3",
        "bad value for `related`: unknown setting `limt`",
    );
    assert!(limit.contains("= hint: did you mean `limit`?"), "{limit}");
    let region = finding(
        out,
        "site.yaml:6:14",
        "bad value for `related`: `region` in `weights` is not a taxonomy of this site",
    );
    assert!(
        region.contains("= hint: did you mean `regions`?"),
        "{region}"
    );
    let sites = finding(
        out,
        "site.yaml:8:3",
        "bad value for `feeds`: unknown key `sites` in `feeds`",
    );
    assert!(sites.contains("= hint: did you mean `site`?"), "{sites}");
}

/// The example from an editor's report: `sitrep init`'s site.yaml with a `style:` that has
/// two mistakes. Both are reported by one run, each at its line, in both formats.
#[test]
fn sibling_mistakes_in_a_new_desks_site_yaml_are_reported_together() {
    let dir = tempfile::tempdir().unwrap();
    run_in(dir.path(), &["init", "desk"]).assert_ok();
    let root = dir.path().join("desk");
    let config = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    let end = config.lines().count();
    std::fs::write(
        root.join("site.yaml"),
        format!("{config}style:\n  prefer:\n    - Kiev\n  level: fatal\n"),
    )
    .unwrap();
    let (prefer, level) = (end + 3, end + 4);

    let text = run_in(&root, &["check"]);
    text.assert_code(1);
    finding(
        &text.stdout,
        &format!("site.yaml:{prefer}:5"),
        "`prefer` maps each word",
    );
    finding(
        &text.stdout,
        &format!("site.yaml:{level}:10"),
        "`level: fatal` is not a level",
    );
    assert!(text.stdout.contains("2 errors"), "{}", text.stdout);

    let github = run_in(&root, &["check", "--format", "github"]);
    github.assert_code(1);
    let annotations: Vec<&str> = github
        .stdout
        .lines()
        .filter(|l| l.starts_with("::error file=site.yaml,"))
        .collect();
    assert_eq!(annotations.len(), 2, "{}", github.stdout);
    assert!(
        annotations[0].starts_with(&format!("::error file=site.yaml,line={prefer},col=5,"))
            && annotations[0].contains("::bad value for `style`: `prefer` maps each word"),
        "{annotations:?}"
    );
    assert!(
        annotations[1].starts_with(&format!("::error file=site.yaml,line={level},col=10,"))
            && annotations[1].contains("::bad value for `style`: `level: fatal` is not a level"),
        "{annotations:?}"
    );

    // `build` reports the same, on stderr, and writes nothing.
    let build = run_in(&root, &["build"]);
    build.assert_code(1);
    assert!(
        build.stderr.contains(&format!(
            "site.yaml:{level}:10: error: bad value for `style`"
        )),
        "{}",
        build.stderr
    );
    assert!(!root.join("public").exists());
}

/// GitHub Pages serves https only: an http `base_url` there is a warning at the value, from
/// `check` (both formats) and `build`, which still succeed.
#[test]
fn an_http_base_url_on_github_pages_is_a_warning_with_the_https_address() {
    let site = TestSite::with_config("title: Desk\nbase_url: http://org.github.io/desk/\n");
    site.briefing("a.md", "title: A\ndate: 2025-07-01", "Body.");
    let check = site.run(&["check"]);
    check.assert_ok();
    let warning = check
        .stdout
        .split("\n\n")
        .find(|b| b.starts_with("site.yaml:2:11: warning: `base_url` http://org.github.io/desk/ is http, but GitHub Pages serves sites over https only"))
        .unwrap_or_else(|| panic!("{}", check.stdout));
    assert!(
        warning.contains("= hint: write `base_url: https://org.github.io/desk/`"),
        "{warning}"
    );
    let github = site.run(&["check", "--format", "github"]);
    github.assert_ok();
    assert!(
        github
            .stdout
            .contains("::warning file=site.yaml,line=2,col=11,title=sitrep%3A site.yaml::`base_url` http://org.github.io/desk/ is http"),
        "{}",
        github.stdout
    );
    let build = site.build();
    build.assert_ok();
    assert!(
        build.stderr.contains("site.yaml:2:11: warning: `base_url`"),
        "{}",
        build.stderr
    );
}

#[test]
fn an_http_base_url_on_the_command_line_is_named_as_such() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    let run = site.run(&["check", "--base-url", "http://org.github.io/desk"]);
    run.assert_ok();
    assert!(
        run.stdout.contains(
            "command line: warning: --base-url http://org.github.io/desk/ is http, but GitHub Pages"
        ) && run
            .stdout
            .contains("= hint: pass --base-url https://org.github.io/desk/"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("site.yaml:"), "{}", run.stdout);
}

/// http is deliberate for a desk served on an intranet: no warning.
#[test]
fn an_http_base_url_elsewhere_is_quiet() {
    let site = TestSite::with_config("title: Desk\nbase_url: http://briefings.intranet/\n");
    let run = site.run(&["check"]);
    run.assert_ok();
    assert!(
        run.stdout.contains("No problems found") && !run.stdout.contains("warning"),
        "{}",
        run.stdout
    );
}
