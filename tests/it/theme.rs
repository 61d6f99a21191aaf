//! The default theme as a site adapts it: a stylesheet slot for additions, header and footer
//! partials a site can replace alone, the tagline; and what readers see of updates: "Updated"
//! in lists, the home page by last update, typographic punctuation in titles.

use crate::harness::{MINIMAL_CONFIG, TestSite, count, list_files};

/// The `<link rel="stylesheet">` targets of a page, in document order.
fn stylesheets(html: &str) -> Vec<String> {
    html.split("<link ")
        .skip(1)
        .filter(|tag| tag.starts_with("rel=\"stylesheet\""))
        .filter_map(|tag| tag.split("href=\"").nth(1))
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

fn html_pages(site: &TestSite) -> Vec<String> {
    list_files(&site.public())
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

#[test]
fn custom_css_is_linked_after_the_theme_stylesheet_on_every_page() {
    let site = TestSite::shipped();
    site.run(&["build"]).assert_ok();
    let home = site.read("index.html");
    assert_eq!(stylesheets(&home), ["/briefings/style.css"], "{home}");

    site.write("static/custom.css", ".site-title { color: #b00020; }\n");
    let run = site.run(&["build"]);
    run.assert_ok();
    assert!(
        !run.stderr.contains("warning"),
        "custom.css adds to the theme, it replaces nothing:\n{}",
        run.stderr
    );
    assert_eq!(site.read("custom.css"), ".site-title { color: #b00020; }\n");
    assert!(
        site.read("style.css").len() > 10_000,
        "the theme's stylesheet is still published whole"
    );
    let pages = html_pages(&site);
    assert!(pages.len() > 50);
    for page in pages {
        let html = site.read(&page);
        if html.contains("http-equiv=\"refresh\"") {
            continue; // alias redirects are not themed
        }
        assert_eq!(
            stylesheets(&html),
            ["/briefings/style.css", "/briefings/custom.css"],
            "{page}"
        );
    }
}

/// Everything of a page outside its `<footer class="site-footer">` element.
fn without_footer(html: &str) -> String {
    let start = html
        .find("<footer class=\"site-footer\"")
        .expect("a footer");
    let end = html[start..].find("</footer>").expect("its end") + start + "</footer>".len();
    format!("{}{}", &html[..start], &html[end..])
}

#[test]
fn a_footer_partial_override_changes_only_the_footer() {
    let plain = TestSite::shipped();
    plain.run(&["build"]).assert_ok();
    let custom = TestSite::shipped();
    custom.write(
        "templates/partials/footer.html",
        "<footer class=\"site-footer\"><p>Desk footer: corrections to desk@example.org</p></footer>\n",
    );
    custom.run(&["build"]).assert_ok();
    let pages = html_pages(&plain);
    assert_eq!(pages, html_pages(&custom));
    let mut themed = 0;
    for page in &pages {
        let (a, b) = (plain.read(page), custom.read(page));
        if !a.contains("<footer class=\"site-footer\"") {
            assert_eq!(a, b, "{page} has no footer and must not change");
            continue;
        }
        themed += 1;
        assert!(b.contains("Desk footer: corrections"), "{page}");
        assert_ne!(a, b, "{page}");
        if a.contains("<article class=\"entry\"") {
            // With a template of the site's own, the cards keep the theme's indentation
            // (`a_list_page_of_the_sites_own_gets_the_cards_as_written`): the same page to
            // a reader.
            assert_eq!(
                collapsed(&without_footer(&a)),
                collapsed(&without_footer(&b)),
                "{page}"
            );
        } else {
            assert_eq!(without_footer(&a), without_footer(&b), "{page}");
        }
    }
    assert!(themed > 50, "{themed}");
}

#[test]
fn the_header_shows_the_tagline_and_is_a_partial_of_its_own() {
    let site = TestSite::shipped();
    site.run(&["build"]).assert_ok();
    let home = site.read("index.html");
    assert!(
        home.contains("Sourced briefings, not breaking news."),
        "{home}"
    );
    site.write(
        "templates/partials/header.html",
        "<header class=\"site-header\"><p>Own header</p></header>\n",
    );
    site.run(&["build"]).assert_ok();
    let home = site.read("index.html");
    assert!(home.contains("Own header"));
    assert!(home.contains("class=\"site-footer\""), "the footer stays");
    assert!(!home.contains("Sourced briefings, not breaking news."));
}

#[test]
fn a_static_file_replacing_a_theme_file_is_a_warning_pointing_at_custom_css() {
    let site = TestSite::shipped();
    site.write("static/style.css", "body { color: red; }\n");
    let check = site.run(&["check", "--format", "github"]);
    check.assert_ok();
    let line = check
        .stdout
        .lines()
        .find(|l| l.starts_with("::warning file=static/style.css"))
        .unwrap_or_else(|| panic!("no warning:\n{}", check.stdout));
    assert!(line.contains("themes/default/static/style.css"), "{line}");
    assert!(line.contains("static/custom.css"), "{line}");
    let build = site.run(&["build"]);
    build.assert_ok();
    assert!(
        build.stderr.contains("static/style.css") && build.stderr.contains("warning"),
        "{}",
        build.stderr
    );
    // A file the theme does not have is not a warning.
    site.write("static/img/map.png", "png");
    let check = site.run(&["check", "--format", "github"]);
    assert_eq!(
        count(&check.stdout, "::warning file=static/"),
        1,
        "{}",
        check.stdout
    );
}

#[test]
fn lists_say_when_a_briefing_was_updated() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing(
        "revised.md",
        "title: Revised\ndate: 2025-07-21\nupdated: 2025-07-23",
        "Body.",
    );
    site.briefing(
        "same-day.md",
        "title: Same day\ndate: 2025-07-20T09:00:00Z\nupdated: 2025-07-20",
        "Body.",
    );
    site.briefing("plain.md", "title: Plain\ndate: 2025-07-19", "Body.");
    site.build().assert_ok();
    let home = site.read("index.html");
    assert_eq!(count(&home, "Updated"), 1, "{home}");
    assert!(
        home.contains("Updated <time datetime=\"2025-07-23T00:00:00Z\">23 July 2025</time>"),
        "{home}"
    );
    let same_day = site.read("2025/07/same-day/index.html");
    assert!(!same_day.contains("Updated"), "{same_day}");
}

fn order(html: &str) -> Vec<String> {
    html.lines()
        .filter_map(|l| l.split("<h2 class=\"entry-title\"><a href=\"").nth(1))
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn the_home_page_can_list_briefings_by_last_update() {
    let site = TestSite::with_config(&format!(
        "{MINIMAL_CONFIG}paginate_by: 2\nhome_order: updated\n"
    ));
    site.briefing(
        "old.md",
        "title: Old\ndate: 2025-01-01\nupdated: 2025-08-01\ntags: [x]",
        "Body.",
    );
    site.briefing("new.md", "title: New\ndate: 2025-07-01\ntags: [x]", "Body.");
    site.briefing("mid.md", "title: Mid\ndate: 2025-03-01\ntags: [x]", "Body.");
    site.build().assert_ok();
    assert_eq!(
        order(&site.read("index.html")),
        ["/2025/01/old/", "/2025/07/new/"]
    );
    assert_eq!(order(&site.read("page/2/index.html")), ["/2025/03/mid/"]);
    // Every other list stays by date, and so do the feeds.
    assert_eq!(
        order(&site.read("tags/x/index.html")),
        ["/2025/07/new/", "/2025/03/mid/"]
    );
    let feed = site.read("atom.xml");
    let new = feed.find("/2025/07/new/").unwrap();
    let old = feed.find("/2025/01/old/").unwrap();
    assert!(new < old, "{feed}");
    // The sitemap's date for the first home page is its newest change.
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>https://example.org/</loc><lastmod>2025-08-01")
    );

    let bad = TestSite::with_config(&format!("{MINIMAL_CONFIG}home_order: newest\n"));
    let run = bad.run(&["check", "--format", "github"]);
    run.assert_code(1);
    assert!(run.stdout.contains("home_order"), "{}", run.stdout);
}

#[test]
fn titles_get_typographic_punctuation_but_slugs_do_not() {
    let site = TestSite::with_config(MINIMAL_CONFIG);
    site.briefing(
        "kyivs-offer.md",
        "title: \"Kyiv's 'offer' -- \\\"final\\\" terms... <b>now</b> & *then*\"\ndate: 2025-07-21",
        "Body.",
    );
    site.build().assert_ok();
    let typographic = "Kyiv’s ‘offer’ – “final” terms… &lt;b&gt;now&lt;/b&gt; &amp; *then*";
    let page = site.read("2025/07/kyivs-offer/index.html");
    assert!(
        page.contains(&format!("<h1 class=\"briefing-title\">{typographic}</h1>")),
        "{page}"
    );
    assert!(
        page.contains(&format!("<title>{typographic} — Test Desk</title>")),
        "{page}"
    );
    assert!(site.read("index.html").contains(typographic));
    let feed = site.read("atom.xml");
    assert!(feed.contains(typographic), "{feed}");
    assert!(
        site.read("feed.json")
            .contains("Kyiv’s ‘offer’ – “final” terms…")
    );
}

/// The `content` of `<meta property="{property}">` in a page, if it has one.
fn meta_property(html: &str, property: &str) -> Option<String> {
    let tag = html
        .split(&format!("<meta property=\"{property}\" content=\""))
        .nth(1)?;
    Some(tag.split('"').next()?.to_string())
}

/// A shared link to a list page used to preview as the home page: every list page says what
/// it is to social sites as it does in its `<title>`.
#[test]
fn list_pages_describe_themselves_to_link_previews() {
    let site = TestSite::with_config(&format!("{MINIMAL_CONFIG}taxonomies: [tags]\n"));
    site.briefing("a.md", "title: A\ndate: 2023-06-02\ntags: [grain]", "Body.");
    site.briefing("b.md", "title: B\ndate: 2024-01-02\ntags: [grain]", "Body.");
    site.build().assert_ok();
    let expect = [
        (
            "2023/06/index.html",
            "June 2023",
            "The one briefing from June 2023.",
        ),
        ("2023/index.html", "2023", "The one briefing from 2023."),
        (
            "archive/index.html",
            "Archive",
            "Every briefing from Test Desk, by year and month.",
        ),
        (
            "tags/index.html",
            "Tags",
            "Tags in Test Desk&#39;s briefings, A–Z, with the number of briefings for each.",
        ),
        (
            "tags/grain/index.html",
            "grain · Tags",
            "Test Desk&#39;s briefings filed under grain.",
        ),
    ];
    for (page, title, description) in expect {
        let html = site.read(page);
        assert_eq!(
            meta_property(&html, "og:title").as_deref(),
            Some(title),
            "{page}"
        );
        assert_eq!(
            meta_property(&html, "og:description").as_deref(),
            Some(description),
            "{page}"
        );
        assert!(
            html.contains(&format!(
                "<meta name=\"description\" content=\"{description}\">"
            )),
            "{page}"
        );
    }
    let not_found = site.read("404.html");
    assert_eq!(
        meta_property(&not_found, "og:url"),
        None,
        "a 404 page has no address of its own"
    );
    assert!(!site.read("sitemap.xml").contains("/search/"));
}

/// A rule left open (a lost `}`) nests every later rule inside it, and browsers then drop
/// them all without a word: related briefings, timelines, search and print lost their styles.
#[test]
fn every_rule_of_the_default_stylesheet_is_closed() {
    let css = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/style.css"),
    )
    .unwrap();
    let mut depth = 0i32;
    let mut rest = css.as_str();
    let mut line = 1;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("/*") {
            let end = rest.find("*/").expect("every comment is closed") + 2;
            line += rest[..end].matches('\n').count();
            rest = &rest[end..];
            continue;
        }
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            '\n' => line += 1,
            _ => {}
        }
        assert!(depth >= 0, "a `}}` closes nothing at line {line}");
        // Only @media, @supports and the like nest rules: never deeper than two.
        assert!(
            depth <= 2,
            "a rule opened at or before line {line} is never closed"
        );
        rest = &rest[c.len_utf8()..];
    }
    assert_eq!(depth, 0, "a rule is never closed");
}

/// What the shipped site asks of every briefing: a byline and a source.
const CITED: &str =
    "authors: [Olena Kovalenko]\nsources:\n  - title: Report\n    url: https://www.reuters.com/a";

/// The shipped site plus what a header or footer may differ by between briefing pages: one
/// briefing in another language and one with its own lead image.
fn shipped_with_a_second_language_and_an_image() -> TestSite {
    let site = TestSite::shipped();
    site.write("static/images/plant.jpg", "jpeg bytes")
        .briefing(
            "2025/plant.md",
            &format!("title: Plant\ndate: 2025-07-21\nimage: /images/plant.jpg\nimage_alt: Cooling towers\n{CITED}"),
            "Body.",
        )
        .briefing(
            "2025/kyiv.md",
            &format!("title: Київ відкидає умови\ndate: 2025-07-22\nlanguage: uk\n{CITED}"),
            "Текст.",
        );
    site
}

#[test]
fn a_header_and_footer_rendered_once_equal_them_rendered_on_every_page() {
    let shared = shipped_with_a_second_language_and_an_image();
    keep_as_written(&shared);
    shared.run(&["build"]).assert_ok();
    // The same theme, its base.html made to include both partials on every page.
    let included = shipped_with_a_second_language_and_an_image();
    let base_file = "themes/default/templates/base.html";
    let base = included.read_source(base_file);
    let always_included = base.replace("chrome is defined and", "false and");
    assert_eq!(count(&base, "chrome is defined and"), 2, "{base}");
    included.write(base_file, &always_included);
    included.run(&["build"]).assert_ok();
    let pages = html_pages(&shared);
    assert_eq!(pages, html_pages(&included));
    for page in &pages {
        assert_eq!(shared.read(page), included.read(page), "{page}");
    }
    // What the partials differ by is in the pages compared: the menu's page is marked in the
    // navigation, and the Ukrainian briefing's header marks the site's English title.
    let about = shared.read("about/index.html");
    assert_eq!(count(&about, "aria-current=\"page\""), 1, "{about}");
    let english_title = "<p class=\"site-title\" lang=\"en\">";
    assert!(
        shared
            .read("2025/07/kyiv/index.html")
            .contains(english_title)
    );
    assert!(
        !shared
            .read("2025/07/plant/index.html")
            .contains(english_title)
    );
}

/// Adds a template of the site's own that is not plain, so that the default theme's are
/// output as written (not compacted) in every build of `site`, as they are once a test edits
/// base.html: the builds then differ only in what is shared.
fn keep_as_written(site: &TestSite) {
    site.write(
        "templates/as-written.html",
        "{% block kept %}{% endblock kept %}\n",
    );
}

/// Builds `site` twice, with its base.html as it is (header and footer shared where sitrep
/// finds it safe) and made to include both on every page, and compares every page.
fn assert_shared_equals_included(site: &TestSite, what: &str) {
    keep_as_written(site);
    let shared = built_pages(site);
    let base_file = if site.root.join("templates/base.html").exists() {
        "templates/base.html"
    } else {
        "themes/default/templates/base.html"
    };
    let base = site.read_source(base_file);
    assert_eq!(count(&base, "chrome is defined and"), 2, "{what}");
    site.write(
        base_file,
        &base.replace("chrome is defined and", "false and"),
    );
    site.run(&["build"]).assert_ok();
    for (page, html) in &shared {
        assert_eq!(html, &site.read(page), "{what}: {page}");
    }
    site.write(base_file, &base);
}

/// Templates that Tera's list of a partial's variables does not see through: each would make
/// a shared header or footer differ from the included one, so none may be shared there.
#[test]
fn a_header_or_footer_is_not_shared_where_a_template_could_change_it() {
    let header = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/partials/header.html"),
    )
    .unwrap();
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .unwrap();
    let archive_in_ukrainian = (
        "templates/archive.html",
        "{% extends \"base.html\" %}{% block content %}{% set lang = \"uk\" %}<p>Archive</p>{% endblock content %}\n".to_string(),
    );
    let cases: Vec<(&str, Vec<(&str, String)>)> = vec![
        (
            "a page's block sets `lang`, which the footer's words read",
            vec![archive_in_ukrainian.clone()],
        ),
        (
            "the header sets a variable of the page in a branch that does not run",
            vec![(
                "templates/partials/header.html",
                format!("{{% if false %}}{{% set current_url = \"/x/\" %}}{{% endif %}}<p class=\"here\">{{{{ current_url | default(value=\"none\") }}}}</p>\n{header}"),
            )],
        ),
        (
            "the footer prints the whole context",
            vec![(
                "templates/partials/footer.html",
                "<footer class=\"site-footer\">{{ __tera_context.current_url | default(value=\"none\") }}</footer>\n".into(),
            )],
        ),
        (
            "a component takes the page's address from its caller",
            vec![(
                "templates/partials/header.html",
                format!("{{% component here(@current_url = \"none\") %}}{{{{ current_url }}}}{{% endcomponent here %}}{{% set here = <here /> %}}<p class=\"here\">{{{{ here }}}}</p>\n{header}"),
            )],
        ),
        (
            "the header extends a layout of its own",
            vec![
                (
                    "templates/partials/header.html",
                    "{% extends \"partials/layout.html\" %}{% block inner %}{{ site.title }}{% endblock inner %}".into(),
                ),
                (
                    "templates/partials/layout.html",
                    "<header class=\"layout\">{% block inner %}base{% endblock inner %}</header>".into(),
                ),
            ],
        ),
        (
            "the footer asks whether `chrome` is there",
            vec![(
                "templates/partials/footer.html",
                "<footer class=\"site-footer\">{% if chrome is defined %}chrome{% else %}none{% endif %}</footer>\n".into(),
            )],
        ),
        (
            "a stray `{%` in a comment before the block's `set lang`",
            vec![(
                "templates/archive.html",
                "{% extends \"base.html\" %}{% block content %}{# a stray {% #}{% set lang = \"uk\" %}<p>Archive</p>{% endblock content %}\n".into(),
            )],
        ),
        (
            "base.html names the footer with an escaped slash",
            vec![
                archive_in_ukrainian.clone(),
                (
                    "templates/base.html",
                    base.replace("partials/footer.html", "partials\\/footer.html"),
                ),
            ],
        ),
        (
            "the header includes a template whose parent's block reads the page (`super()`)",
            vec![
                (
                    "templates/partials/header.html",
                    format!("{{% include \"partials/child.html\" %}}\n{header}"),
                ),
                (
                    "templates/partials/child.html",
                    "{% extends \"partials/parent.html\" %}{% block b %}[{{ super() }}]{% endblock b %}".into(),
                ),
                (
                    "templates/partials/parent.html",
                    "{% block b %}{% if page is defined %}<p>{{ page.title }}</p>{% endif %}{% endblock b %}".into(),
                ),
            ],
        ),
        (
            "a page template written `{%extends\"base.html\"%}` sets `lang`",
            vec![(
                "templates/archive.html",
                "{%extends\"base.html\"%}{% block content %}{% set lang = \"uk\" %}<p>Archive</p>{% endblock content %}\n".into(),
            )],
        ),
        (
            "the footer includes, without a space, a template that prints the whole context",
            vec![
                (
                    "templates/partials/footer.html",
                    "<footer class=\"site-footer\">{%include\"partials/helper.html\"%}</footer>\n".into(),
                ),
                (
                    "templates/partials/helper.html",
                    "{{ __tera_context.current_url | default(value=\"none\") }}".into(),
                ),
            ],
        ),
        (
            "a raw section holding the word endraw hides a `set lang` from a scan",
            vec![(
                "templates/archive.html",
                "{% extends \"base.html\" %}{% block content %}{% raw %}endraw %}{# {% endraw %}{% set lang = \"uk\" %}#}<p>Archive</p>{% endblock content %}\n".into(),
            )],
        ),
        (
            "the footer sets `chrome` in a branch that does not run",
            vec![(
                "templates/partials/footer.html",
                "{% if false %}{% set chrome = 1 %}{% endif %}<footer class=\"site-footer\">{% if chrome is defined %}chrome{% else %}none{% endif %}</footer>\n".into(),
            )],
        ),
        (
            "a string holding `}}{#` hides an include from a reading of tags",
            vec![
                (
                    "templates/partials/header.html",
                    format!("{{{{ \"}}}}{{#\" }}}}{{%include\"partials/x.html\"%}}{{{{ \"#}}\" }}}}\n{header}"),
                ),
                (
                    "templates/partials/x.html",
                    "{% if false %}{% set page = 1 %}{% endif %}<p class=\"x\">{{ page is defined }}</p>".into(),
                ),
            ],
        ),
        (
            "a string holding `%}{#` hides an include from a reading of tags",
            vec![
                (
                    "templates/partials/footer.html",
                    "{% set note = '%}{#' %}{%include'partials/x.html'%}{# the desk's own note #}<footer class=\"site-footer\"></footer>\n".into(),
                ),
                (
                    "templates/partials/x.html",
                    "<!-- {{ __tera_context | length }} -->".into(),
                ),
            ],
        ),
    ];
    for (what, files) in cases {
        let site = TestSite::shipped();
        for (file, text) in &files {
            site.write(file, text);
        }
        assert_shared_equals_included(&site, what);
    }
}

#[test]
fn a_header_or_footer_that_reads_the_page_is_rendered_on_every_page() {
    let site = shipped_with_a_second_language_and_an_image();
    // `current_url` is set by sitrep on every page; `lead_image` by base.html before the
    // footer is included. Both partials also render without them, so a partial wrongly
    // rendered once would show in the pages rather than fail.
    site.write(
        "templates/partials/header.html",
        "<header class=\"site-header\"><p class=\"here\">{{ current_url | default(value=\"\") }}</p></header>\n",
    )
    .write(
        "templates/partials/footer.html",
        "<footer class=\"site-footer\">{% if lead_image is defined and lead_image %}<img src=\"{{ lead_image.url }}\" alt=\"\">{% endif %}</footer>\n",
    );
    site.run(&["build"]).assert_ok();
    let mut themed = 0;
    for page in html_pages(&site) {
        let html = site.read(&page);
        if html.contains("http-equiv=\"refresh\"") {
            continue; // alias redirects are not themed
        }
        themed += 1;
        let url = format!("/briefings/{}", page.trim_end_matches("index.html"));
        assert!(
            html.contains(&format!("<p class=\"here\">{url}</p>")),
            "{page}"
        );
    }
    assert!(themed > 50, "{themed}");
    let plant = site.read("2025/07/plant/index.html");
    assert!(
        plant.contains("<img src=\"/briefings/images/plant.jpg\""),
        "{plant}"
    );
    let other = site.read("2025/07/kyiv/index.html");
    assert!(!other.contains("plant.jpg"), "{other}");
}

#[test]
fn an_error_in_a_footer_rendered_once_names_the_footer_and_the_pages() {
    let site = TestSite::shipped();
    site.write(
        "templates/partials/footer.html",
        "<footer>\n{{ site.title }}\n{{ site.no_such_field.text }}\n</footer>\n",
    );
    let build = site.run(&["build"]);
    assert_ne!(build.code, 0, "{}", build.stderr);
    assert!(
        build.stderr.contains("templates/partials/footer.html:3:"),
        "{}",
        build.stderr
    );
    assert!(
        build
            .stderr
            .contains("Field `no_such_field` is not defined"),
        "{}",
        build.stderr
    );
    assert!(build.stderr.contains("while rendering"), "{}", build.stderr);
    assert!(!site.exists("index.html"), "nothing is published");
}

/// What the benchmark's theme like Hugo's prints of a briefing besides its title and date.
const LEAN_TERMS: &str = "tags: [ceasefire]\nextra:\n  regions: [Kharkiv]\n  actors: [NATO]";

/// A theme without the built-in templates it is given (search.html): they speak with the
/// built-in words it lacks, and a block they fill that its base.html lacks is named.
#[test]
fn a_theme_without_the_built_in_templates_gets_their_words_or_is_told_the_block_to_add() {
    let site = TestSite::with_config(&format!(
        "{MINIMAL_CONFIG}taxonomies: [tags]\ntheme: lean\n"
    ));
    // The benchmark's theme like Hugo's: every required template, no search.html.
    crate::harness::copy_tree(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/themes/like-hugo"),
        &site.root.join("themes/lean"),
    );
    site.briefing(
        "a.md",
        &format!("title: A\ndate: 2025-07-01\n{LEAN_TERMS}"),
        "Body.",
    );
    // The theme's own `default=` still wins over the built-in theme's word for the key.
    let index = site.read_source("themes/lean/templates/index.html");
    site.write(
        "themes/lean/templates/index.html",
        &index.replace(
            "<h1>{{ site.title }}</h1>",
            "<h1>{{ site.title }}</h1><p class=\"front\">{{ \"home\" | t(default=\"Front page\") }}</p>",
        ),
    );
    site.build().assert_ok();
    assert!(
        site.read("index.html")
            .contains("<p class=\"front\">Front page</p>")
    );
    // The built-in search page speaks with the built-in theme's words, which this theme lacks.
    let search = site.read("search/index.html");
    assert!(
        search.contains("<title>Search — Test Desk</title>"),
        "{search}"
    );
    // And a theme without words of its own is not told it lacks a language: it writes its
    // words into its templates.
    site.briefing(
        "b.md",
        &format!("title: B\ndate: 2025-07-02\nlanguage: de\n{LEAN_TERMS}"),
        "Text.",
    );
    let check = site.run(&["check"]);
    check.assert_ok();
    let said = format!("{}{}", check.stdout, check.stderr);
    assert!(!said.contains("has no words for"), "{said}");
    site.build().assert_ok();
    std::fs::remove_file(site.root.join("content/b.md")).unwrap();
    // Its dates speak the page's language, with the built-in theme's month names.
    site.briefing(
        "c.md",
        &format!("title: C\ndate: 2025-07-03\nlanguage: uk\n{LEAN_TERMS}"),
        "Текст.",
    );
    site.build().assert_ok();
    let page = site.read("2025/07/c/index.html");
    assert!(page.contains(">3 липня 2025</time>"), "{page}");
    std::fs::remove_file(site.root.join("content/c.md")).unwrap();

    let base = site.read_source("themes/lean/templates/base.html");
    let blocks = "{% block description %}{% endblock description %}";
    assert_eq!(count(&base, blocks), 1, "{base}");
    site.write("themes/lean/templates/base.html", &base.replace(blocks, ""));
    let run = site.build();
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("(built-in) themes/default/templates/search.html"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "the theme has no search.html, so sitrep uses its built-in one, which fills the \
             `description` block of the theme's base.html; add `{% block description %}{% \
             endblock description %}` to base.html"
        ),
        "{}",
        run.stderr
    );
}

/// `html` with every run of whitespace made one space, and none at either end: what a
/// browser shows of it outside preformatted text.
fn collapsed(html: &str) -> String {
    html.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every `="…"` of `html`, as written.
fn attribute_values(html: &str) -> Vec<&str> {
    html.split("=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap_or(rest.len())])
        .collect()
}

#[test]
fn the_default_theme_drops_its_indentation_and_nothing_a_reader_sees_changes() {
    let compacted = shipped_with_a_second_language_and_an_image();
    compacted.run(&["build"]).assert_ok();
    let as_written = shipped_with_a_second_language_and_an_image();
    with_the_default_theme_renamed(&as_written);
    as_written.run(&["build"]).assert_ok();

    let pages = html_pages(&compacted);
    assert_eq!(pages, html_pages(&as_written));
    let (mut before, mut after) = (0, 0);
    for page in &pages {
        let (small, large) = (compacted.read(page), as_written.read(page));
        assert_eq!(collapsed(&small), collapsed(&large), "{page}");
        // Attribute values keep their spaces in the page (a tooltip shows them): all alike.
        assert_eq!(attribute_values(&small), attribute_values(&large), "{page}");
        // Whitespace is only ever shortened, never removed between two words or tags.
        assert!(small.len() <= large.len(), "{page}");
        before += large.len();
        after += small.len();
    }
    assert!(
        after * 100 < before * 96,
        "compacting saves at least 4% of the HTML: {after} of {before} bytes"
    );
    let briefing = compacted.read("2025/07/plant/index.html");
    assert!(
        !briefing.contains("\n ") && !briefing.contains("\n\n\n"),
        "no indented and no blank lines left in a briefing page:\n{briefing}"
    );
}

/// The shipped site with its default theme copied to `themes/as-written`, every template
/// ending in a comment: no longer the templates sitrep ships, so output as written.
fn with_the_default_theme_renamed(site: &TestSite) {
    let copy = site.root.join("themes/as-written");
    crate::harness::copy_tree(&site.root.join("themes/default"), &copy);
    for template in list_files(&copy.join("templates")) {
        let path = copy.join("templates").join(&template);
        let text = std::fs::read_to_string(&path).expect("a template");
        std::fs::write(&path, text + "{# as written #}").expect("write the template");
    }
    let config = site.read_source("site.yaml");
    assert_eq!(count(&config, "theme: default"), 1);
    site.write(
        "site.yaml",
        &config.replace("theme: default", "theme: as-written"),
    );
}

/// The HTML pages of `site` built as it is, by path.
fn built_pages(site: &TestSite) -> Vec<(String, String)> {
    site.run(&["build"]).assert_ok();
    html_pages(site)
        .into_iter()
        .map(|page| {
            let html = site.read(&page);
            (page, html)
        })
        .collect()
}

/// Only the templates sitrep ships are compacted, and only beside plain templates: a site
/// template that includes, extends or imports could put their text where spaces show.
#[test]
fn a_written_or_edited_template_keeps_the_default_theme_as_written_unless_it_is_plain() {
    let footer = "<footer class=\"site-footer\">\n  <p>Frontline Desk</p>\n</footer>\n";
    let briefing =
        TestSite::shipped().read_source("themes/default/templates/briefing.html") + "{# edited #}";
    let cases: [(&str, &str, &str, bool); 5] = [
        // A site template showing spaces around a block, used nowhere yet.
        (
            "a <PRE> around a block",
            "templates/code.html",
            "<PRE>{% block code %}{% endblock code %}</PRE>\n",
            false,
        ),
        // A base.html putting a block in an attribute value (a child may fill it on two
        // lines).
        (
            "a block in an attribute value",
            "templates/note.html",
            "<p title=\"{% block note %}{% endblock note %}\">x</p>\n",
            false,
        ),
        // The theme's briefing page, edited in place: no longer the one sitrep ships.
        (
            "an edited theme template",
            "themes/default/templates/briefing.html",
            &briefing,
            false,
        ),
        // A plain footer whose style comes from Tera: once rendered, it may keep spaces.
        (
            "a style from data",
            "templates/partials/footer.html",
            "<footer style=\"{% if site.title %}color: inherit{% endif %}\">\n  <p>Desk</p>\n</footer>\n",
            false,
        ),
        // A plain footer of the site's own: the shipped templates are still compacted.
        (
            "a plain site template",
            "templates/partials/footer.html",
            footer,
            true,
        ),
    ];
    for (what, file, text, compacted) in cases {
        let site = TestSite::shipped();
        site.write(file, text);
        let pages = built_pages(&site);
        let as_written = TestSite::shipped();
        with_the_default_theme_renamed(&as_written);
        as_written.write(&file.replace("themes/default/", "themes/as-written/"), text);
        let written = built_pages(&as_written);
        assert_eq!(pages.len(), written.len(), "{what}");
        assert!(pages.len() > 50);
        let (bytes, bytes_written): (usize, usize) = (
            pages.iter().map(|(_, html)| html.len()).sum(),
            written.iter().map(|(_, html)| html.len()).sum(),
        );
        if compacted {
            assert!(
                bytes * 100 < bytes_written * 97,
                "{what}: {bytes} of {bytes_written}"
            );
        } else {
            assert_eq!(pages, written, "{what}");
        }
    }
}

/// Lists print `entry.html` as rendered (`entry.card`): a list page of the site's own, plain
/// as it may be, can measure that text, cut it, or put it in an attribute value, so with a
/// template of the site's own the cards are as written. The other shipped templates are
/// still compacted.
#[test]
fn a_list_page_of_the_sites_own_gets_the_cards_as_written() {
    let index = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
        <title>{{ site.title }}</title>\n\
        <meta name=\"description\" content=\"{{ paginator.pages[0].card | escape | truncate(length=200) }}\">\n\
        </head>\n<body>\n{% for entry in paginator.pages %}\
        <p>Card of {{ entry.card | length }} characters.</p>\n\
        <div data-card=\"{{ entry.card | escape }}\">{{ entry.card }}</div>\n{% endfor %}\
        </body>\n</html>\n";
    let site = TestSite::shipped();
    site.write("templates/index.html", index);
    let pages = built_pages(&site);
    let as_written = TestSite::shipped();
    with_the_default_theme_renamed(&as_written);
    as_written.write("templates/index.html", index);
    let written = built_pages(&as_written);
    let lists = |pages: &[(String, String)]| -> Vec<(String, String)> {
        pages
            .iter()
            .filter(|(path, html)| path.starts_with("page/") || html.contains("Card of "))
            .cloned()
            .collect()
    };
    let (home, home_written) = (lists(&pages), lists(&written));
    assert!(home.len() >= 2, "{home:?}");
    assert_eq!(home, home_written);
    // The briefing pages show no card: still compacted.
    let bytes = |pages: &[(String, String)]| -> usize {
        pages
            .iter()
            .filter(|(_, html)| html.contains("class=\"briefing-body"))
            .map(|(_, html)| html.len())
            .sum()
    };
    assert!(bytes(&pages) > 0);
    assert!(
        bytes(&pages) * 100 < bytes(&written) * 97,
        "{} of {}",
        bytes(&pages),
        bytes(&written)
    );
}
