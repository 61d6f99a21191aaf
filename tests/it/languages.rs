//! Languages: Ukrainian slugs (the national system of 2010), `language:` per briefing and
//! per site, and the theme's interface words and dates in the page's language.

use crate::harness::{MINIMAL_CONFIG, TestSite, count};

const REGIONS: &str =
    "title: Test Desk\nbase_url: https://example.org/\ntaxonomies: [tags, regions]\n";

/// A Ukrainian briefing with everything that shows interface words: an update, three
/// headings (so a table of contents), sources.
const UK_BRIEFING: &str = "title: Київ відкидає умови\n\
date: 2025-07-21\n\
updated: 2025-07-23\n\
language: uk\n\
regions: [Запоріжжя, Згорани]\n\
sources:\n  - title: Джерело\n    url: https://www.reuters.com/a\n";

const UK_BODY: &str =
    "Вступ.\n\n## Пропозиція\n\nТекст.\n\n## Реакції\n\nТекст.\n\n## Прогноз\n\nТекст.\n";

#[test]
fn ukrainian_briefings_get_slugs_of_the_national_system() {
    let site = TestSite::with_config(REGIONS);
    site.briefing("Енергетику-Щербухи.md", UK_BRIEFING, UK_BODY);
    // The same Cyrillic in an English briefing keeps the general transliteration.
    site.briefing(
        "Щербухи.md",
        "title: Shcherbukhy\ndate: 2025-07-20\nregions: [Їжакевич]",
        "Body.",
    );
    site.build().assert_ok();
    assert!(site.exists("2025/07/enerhetyku-shcherbukhy/index.html"));
    assert!(site.exists("regions/zaporizhzhia/index.html"));
    assert!(site.exists("regions/zghorany/index.html"));
    assert!(
        !site.exists("2025/07/shcherbukhy/index.html"),
        "an English briefing does not use the Ukrainian table"
    );
}

#[test]
fn a_ukrainian_site_transliterates_every_briefing_and_keeps_slug_overrides() {
    let site = TestSite::with_config(
        "title: Т\nbase_url: https://example.org/\nlanguage: uk\ntaxonomies:\n  - tags\n  - name: regions\n    slugs:\n      Київ: kyiv-city\n",
    );
    site.briefing(
        "Юрій-Яготин.md",
        "title: Юрій\ndate: 2025-07-21\nregions: [Київ, Короп'є, Знам’янка]",
        "Текст.",
    );
    site.build().assert_ok();
    assert!(site.exists("2025/07/yurii-yahotyn/index.html"));
    assert!(site.exists("regions/kyiv-city/index.html"));
    assert!(site.exists("regions/koropie/index.html"));
    assert!(site.exists("regions/znamianka/index.html"));
}

#[test]
fn a_ukrainian_briefing_page_is_in_ukrainian() {
    let site = TestSite::with_config(REGIONS);
    site.briefing("kyiv-rejects.md", UK_BRIEFING, UK_BODY);
    site.briefing(
        "english.md",
        "title: English\ndate: 2025-07-21\nupdated: 2025-07-23\nsources:\n  - title: S\n    url: https://www.reuters.com/b\n",
        "Intro.\n\n## One\n\nx\n\n## Two\n\nx\n\n## Three\n\nx\n",
    );
    site.build().assert_ok();
    let page = site.read("2025/07/kyiv-rejects/index.html");
    assert!(page.contains("<html lang=\"uk\">"), "{page}");
    assert!(page.contains("\"inLanguage\":\"uk\""), "{page}");
    for words in [
        "21 липня 2025",
        "Оновлено",
        "23 липня 2025",
        "хв читання",
        ">Джерела<",
        "aria-label=\"Зміст\"",
        ">Головна<",
        ">Архів<",
    ] {
        assert!(page.contains(words), "`{words}` missing:\n{page}");
    }
    for english in ["min read", "21 July", "Updated", ">Sources<", ">Home<"] {
        assert!(!page.contains(english), "`{english}` found:\n{page}");
    }
    let english = site.read("2025/07/english/index.html");
    assert!(english.contains("<html lang=\"en\">"));
    for words in ["21 July 2025", "Updated", "min read", ">Sources<"] {
        assert!(english.contains(words), "`{words}` missing:\n{english}");
    }
    // In an English list, the Ukrainian card says so and speaks Ukrainian.
    let home = site.read("index.html");
    assert!(home.contains("lang=\"uk\""), "{home}");
    assert!(home.contains("21 липня 2025"), "{home}");
    assert!(home.contains("21 July 2025"), "{home}");
}

#[test]
fn a_ukrainian_site_has_ukrainian_lists_archives_and_pagination() {
    let site = TestSite::with_config(
        "title: Т\nbase_url: https://example.org/\nlanguage: uk\npaginate_by: 1\n",
    );
    site.briefing("a.md", "title: А\ndate: 2025-07-21", "Текст.");
    site.briefing("b.md", "title: Б\ndate: 2025-06-02", "Текст.");
    site.build().assert_ok();
    let home = site.read("index.html");
    assert!(home.contains("<html lang=\"uk\">"), "{home}");
    assert!(home.contains("Старіші"), "{home}");
    assert!(home.contains("Новіші"), "{home}");
    assert!(!home.contains("Older"), "{home}");
    let archive = site.read("archive/index.html");
    assert!(archive.contains(">Липень<"), "{archive}");
    assert!(archive.contains(">Червень<"), "{archive}");
    assert!(archive.contains("2 огляди"), "{archive}");
    let month = site.read("2025/07/index.html");
    assert!(month.contains("Липень 2025"), "{month}");
    assert!(month.contains("1 огляд"), "{month}");
}

#[test]
fn unknown_languages_are_errors_with_a_suggestion() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("a.md", "title: A\ndate: 2025-07-21\nlanguage: ua", "Body.");
    site.briefing(
        "b.md",
        "title: B\ndate: 2025-07-21\nlanguage: Ukrainian",
        "Body.",
    );
    let run = site.run(&["check", "--format", "github"]);
    run.assert_code(1);
    assert!(
        run.stdout
            .contains("::error file=content/a.md,line=4,col=11,title=sitrep%3A front matter::unknown language `ua`"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("`uk`"), "{}", run.stdout);
    assert!(
        run.stdout.contains("content/b.md,line=4") && count(&run.stdout, "`uk`") >= 2,
        "{}",
        run.stdout
    );
    let site = TestSite::with_config(&format!("{MINIMAL_CONFIG}language: english\n"));
    let run = site.run(&["check", "--format", "github"]);
    run.assert_code(1);
    assert!(run.stdout.contains("site.yaml,line=3"), "{}", run.stdout);
    assert!(run.stdout.contains("`en`"), "{}", run.stdout);
}

#[test]
fn a_term_spelled_in_two_languages_is_not_a_spelling_warning() {
    let site = TestSite::with_config(REGIONS);
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-07-21\nregions: [Kyiv]",
        "Body.",
    );
    site.briefing(
        "b.md",
        "title: Б\ndate: 2025-07-22\nlanguage: uk\nregions: [Київ]",
        "Текст.",
    );
    // Two spellings in one language are still worth a warning.
    site.briefing(
        "c.md",
        "title: C\ndate: 2025-07-23\nregions: [KYIV]",
        "Body.",
    );
    let run = site.run(&["check", "--format", "github"]);
    run.assert_ok();
    assert!(!run.stdout.contains("content/b.md"), "{}", run.stdout);
    assert!(
        run.stdout.contains("content/c.md") && run.stdout.contains("are one term"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_site_adds_a_language_with_an_i18n_file() {
    let site = TestSite::with_config(&format!("{MINIMAL_CONFIG}language: de\n"));
    site.briefing("a.md", "title: A\ndate: 2025-07-21", "Text.");
    let check = site.run(&["check", "--format", "github"]);
    check.assert_ok();
    assert!(
        check.stdout.contains(
            "::warning file=site.yaml,title=sitrep%3A languages::the theme has no words for `de`"
        ),
        "{}",
        check.stdout
    );
    site.write(
        "i18n/de.yaml",
        "min_read: \"{n} Min. Lesezeit\"\nmonths: [Januar, Februar, März, April, Mai, Juni, Juli, August, September, Oktober, November, Dezember]\n",
    );
    let check = site.run(&["check", "--format", "github"]);
    assert!(!check.stdout.contains("no words"), "{}", check.stdout);
    site.build().assert_ok();
    let page = site.read("2025/07/a/index.html");
    assert!(page.contains("<html lang=\"de\">"), "{page}");
    assert!(page.contains("1 Min. Lesezeit"), "{page}");
    assert!(page.contains("21 Juli 2025"), "{page}");
    // Words the file does not translate fall back to English.
    assert!(page.contains(">Archive<"), "{page}");
}

#[test]
fn the_ukrainian_fixture_checks_clean_and_shares_terms_across_languages() {
    // tests/fixtures/ukrainian: an English desk with one Ukrainian briefing (the site the
    // Nu Html Checker is run on for Ukrainian pages; see docs/templates.md).
    let site = TestSite::fixture("ukrainian");
    let check = site.run(&["check"]);
    check.assert_ok();
    assert!(
        check.stdout.contains("No problems found in 2 briefings."),
        "{}",
        check.stdout
    );
    site.build().assert_ok();
    let page = site.read("2025/07/kyiv-vidkydaie-umovy/index.html");
    assert!(page.contains("<html lang=\"uk\">"));
    assert!(page.contains("Київ відкидає «мир в обмін на землю»"));
    // Київ (Ukrainian) and Kyiv (English) are one term: the first spelling in file order.
    let kyiv = site.read("regions/kyiv/index.html");
    assert_eq!(count(&kyiv, "<article class=\"entry\""), 2, "{kyiv}");
    assert_eq!(count(&kyiv, "class=\"entry\" lang=\"uk\""), 1, "{kyiv}");
    assert!(site.exists("regions/zghorany/index.html"));
}

/// The preview's badge of a briefing held back by `publish_at:` (with `--drafts`) speaks the
/// page's language, on its page and on its card; it was English on every site.
#[test]
fn a_scheduled_briefing_is_marked_in_the_page_language() {
    let site = TestSite::with_config("title: Т\nbase_url: https://example.org/\nlanguage: uk\n");
    site.briefing(
        "a.md",
        "title: А\ndate: 2025-07-21\npublish_at: 2999-07-22T08:00:00+03:00",
        "Текст.",
    );
    site.run(&["build", "--drafts"]).assert_ok();
    let label = "Заплановано на 2999-07-22T08:00:00+03:00";
    for page in ["2025/07/a/index.html", "index.html"] {
        let html = site.read(page);
        assert!(html.contains(label), "{page}: {html}");
        assert!(!html.contains("Scheduled for"), "{page}: {html}");
    }
}

#[test]
fn the_t_filter_gives_the_words_of_the_t_function() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing("a.md", "title: A\ndate: 2025-07-21", "Text.");
    // Each pair: the function, then the filter, with the same arguments.
    site.write(
        "templates/partials/footer.html",
        "<footer class=\"site-footer\">\n\
         1[{{ t(key=\"home\") }}|{{ \"home\" | t }}]\n\
         2[{{ t(key=\"min_read\", n=3) }}|{{ \"min_read\" | t(n=3) }}]\n\
         3[{{ t(key=\"taxonomy_\" ~ \"nope\", default=\"Topics\") }}|{{ (\"taxonomy_\" ~ \"nope\") | t(default=\"Topics\") }}]\n\
         4[{{ t(key=\"home\", lang=\"uk\") }}|{{ \"home\" | t(lang=\"uk\") }}]\n\
         5[{{ t(key=\"built_with\", generator=\"X\") }}|{{ \"built_with\" | t(generator=\"X\") }}]\n\
         </footer>\n",
    );
    site.build().assert_ok();
    let page = site.read("2025/07/a/index.html");
    let pairs: Vec<(&str, &str)> = page
        .lines()
        .filter_map(|line| {
            line.trim()
                .strip_suffix(']')?
                .split_once('[')?
                .1
                .split_once('|')
        })
        .collect();
    assert_eq!(pairs.len(), 5, "{page}");
    for (function, filter) in &pairs {
        assert_eq!(function, filter, "{page}");
    }
    assert_eq!(pairs[1].0, "3 min read");
    assert_eq!(pairs[2].0, "Topics");
    assert_ne!(pairs[3].0, pairs[0].0, "another language: {page}");
    // A key found nowhere is a template error naming the key, as for the function.
    site.write(
        "templates/partials/footer.html",
        "<footer class=\"site-footer\">{{ \"no_such_word\" | t }}</footer>\n",
    );
    let build = site.build();
    assert_ne!(build.code, 0);
    assert!(build.stderr.contains("no_such_word"), "{}", build.stderr);
}
