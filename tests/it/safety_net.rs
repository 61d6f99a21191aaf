//! One bar for publishing: what `check` refuses, `build` refuses too, with the same findings,
//! and the previous output stays; warnings are printed and do not stop a build. And every
//! problem of a file is reported at once, not one per run.

use std::collections::BTreeMap;

use crate::harness::{MINIMAL_CONFIG, TestSite, list_files};

/// The `path:line:col: severity: message` lines of a text rendering (check's stdout or
/// build's stderr), in order.
fn headers(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .filter(|l| l.starts_with("content/") || l.starts_with("static/"))
        .map(str::to_owned)
        .collect()
}

fn snapshot(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    list_files(&site.public())
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(site.public().join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

const GOOD: &str = "title: Grid strikes\ndate: 2022-10-10\ntags: [energy]\nsources:\n  - title: Ministry of Energy\n    url: https://www.mev.gov.ua/news/1";

#[test]
fn build_refuses_what_check_refuses_and_keeps_the_previous_output() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing(
        "2022/energy-grid-strikes-winter.md",
        GOOD,
        "The first wave.\n",
    );
    site.briefing(
        "2022/follow-up.md",
        "title: Follow-up\ndate: 2022-10-12",
        "See [the first wave](energy-grid-strikes-winter.md).\n",
    );
    site.build().assert_ok();
    let before = snapshot(&site);

    // A misspelt link to another briefing's file, a source without a scheme, a missing image.
    site.briefing(
        "2022/follow-up.md",
        "title: Follow-up\ndate: 2022-10-12\nsources:\n  - title: Ministry of Energy\n    url: www.mev.gov.ua/news/2",
        "See [the first wave](energy-grid-strike-winter.md).\n\n![Map](/img/grid-map.png)\n",
    );
    let check = site.run(&["check"]);
    check.assert_code(1);
    let build = site.build();
    build.assert_code(1);
    let expected = [
        "content/2022/follow-up.md:6:10: error: source 1 has a bad address `www.mev.gov.ua/news/2`: it does not start with `https://`",
        "content/2022/follow-up.md:8:5: error: broken link `energy-grid-strike-winter.md`: there is no briefing file content/2022/energy-grid-strike-winter.md",
        "content/2022/follow-up.md:10:1: error: broken image `/img/grid-map.png`: there is no page or file at /img/grid-map.png on this site",
    ];
    assert_eq!(headers(&check.stdout), expected, "check:\n{}", check.stdout);
    assert_eq!(headers(&build.stderr), expected, "build:\n{}", build.stderr);
    // The same hints too: the whole rendering of each finding is the same.
    assert!(
        build
            .stderr
            .contains(check.stdout.split("\n\n").nth(1).unwrap()),
        "build:\n{}\ncheck:\n{}",
        build.stderr,
        check.stdout
    );
    assert!(
        build
            .stderr
            .contains("Build failed: 3 problems to fix; the output folder was not changed."),
        "{}",
        build.stderr
    );
    assert_eq!(snapshot(&site), before, "a refused build changed public/");
}

#[test]
fn warnings_alone_build_and_are_printed() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing(
        "twice.md",
        &format!("{GOOD}\n  - title: Same again\n    url: https://www.mev.gov.ua/news/1/"),
        "Body.\n",
    );
    let run = site.build();
    run.assert_ok();
    assert_eq!(
        headers(&run.stderr),
        ["content/twice.md:9:10: warning: source 2 repeats the address of source 1"],
        "{}",
        run.stderr
    );
    assert!(site.exists("2022/10/twice/index.html"));
}

#[test]
fn every_problem_of_a_file_is_reported_at_once_in_line_order() {
    let expected = [
        "content/five.md:2:1: error: missing required field `title`",
        "content/five.md:3:9: error: unknown status `resolvd`",
        "content/five.md:4:1: error: unknown key `tgas`",
        "content/five.md:5:12: error: `!!!` in `regions` cannot be turned into a URL",
        "content/five.md:8:10: error: source 1 has a bad address `www.mev.gov.ua/news/1`: it does not start with `https://`",
    ];
    let site = TestSite::fixture("errors-five");
    let build = site.build();
    build.assert_code(1);
    assert_eq!(headers(&build.stderr), expected, "{}", build.stderr);
    let check = site.run(&["check"]);
    check.assert_code(1);
    assert_eq!(headers(&check.stdout), expected, "{}", check.stdout);
    assert!(!site.public().exists());
}

/// A briefing held back by `publish_at:` is validated now, as if published: its problems
/// must not first appear in the unattended hourly build that would publish it (and then
/// fail, blocking every later publication).
mod held_back {
    use super::*;

    const NOW: (&str, &str) = ("SITREP_NOW", "2025-07-01T00:00:00Z");
    const LATER: &str = "publish_at: 2025-07-21T06:00:00Z";

    fn run(site: &TestSite, args: &[&str]) -> crate::harness::Run {
        site.run_with_env(args, &[NOW])
    }

    #[test]
    fn its_url_colliding_with_a_published_briefing_is_an_error_now() {
        let site = TestSite::with_config(MINIMAL_CONFIG);
        site.briefing("talks.md", "title: Talks\ndate: 2025-06-03", "Body.");
        site.briefing(
            "embargoed.md",
            &format!("title: Embargoed\ndate: 2025-06-20\nslug: talks\n{LATER}"),
            "Body.",
        );
        for args in [&["build"][..], &["check"][..]] {
            let out = run(&site, args);
            out.assert_code(1);
            let text = format!("{}{}", out.stdout, out.stderr);
            let named_both = text.contains(
                "content/talks.md: error: this briefing's URL /2025/06/talks/ is already used by content/embargoed.md",
            ) || text.contains(
                "content/embargoed.md:4:1: error: this briefing's URL /2025/06/talks/ is already used by content/talks.md",
            );
            assert!(named_both, "{args:?}:\n{text}");
        }
        assert!(!site.public().exists());
    }

    #[test]
    fn a_template_error_its_page_would_hit_is_an_error_now() {
        let site = TestSite::with_config(MINIMAL_CONFIG);
        let theme = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("themes/default/templates/briefing.html"),
        )
        .unwrap();
        // Fails only for a briefing whose `extra.boom` is set: its field has no `.missing`.
        site.write(
            "templates/briefing.html",
            &theme.replacen(
                "{% block content %}",
                "{% block content %}{% if page.extra.boom %}{{ page.extra.boom.missing }}{% endif %}",
                1,
            ),
        );
        site.briefing("today.md", "title: Today\ndate: 2025-06-03", "Body.");
        site.briefing(
            "embargoed.md",
            &format!("title: Embargoed\ndate: 2025-06-20\n{LATER}\nextra:\n  boom: {{ x: 1 }}"),
            "Body.",
        );
        for args in [&["build"][..], &["check"][..]] {
            let out = run(&site, args);
            out.assert_code(1);
            let text = format!("{}{}", out.stdout, out.stderr);
            assert!(
                text.contains("templates/briefing.html:"),
                "{args:?}:\n{text}"
            );
            assert!(text.contains("/2025/06/embargoed/"), "{args:?}:\n{text}");
        }
        // Once the embargo is lifted from the content, the site builds.
        site.briefing(
            "embargoed.md",
            "title: Embargoed\ndate: 2025-06-20",
            "Body.",
        );
        run(&site, &["build"]).assert_ok();
    }

    #[test]
    fn its_broken_links_are_reported_now() {
        let site = TestSite::with_config(MINIMAL_CONFIG);
        site.briefing(
            "embargoed.md",
            &format!("title: Embargoed\ndate: 2025-06-20\n{LATER}"),
            "See [the talks](talks.md).",
        );
        let out = run(&site, &["build"]);
        out.assert_code(1);
        assert!(
            out.stderr
                .contains("content/embargoed.md:6:5: error: broken link `talks.md`"),
            "{}",
            out.stderr
        );
    }
}
