//! Standalone pages (`pages/**/*.md`), term profiles (`terms/<taxonomy>/<slug>.md`), bylines
//! (a taxonomy declared `byline: true`) and history links (`repo_url`): where pages are
//! written and how the menu orders them, collisions with every other page, what a profile
//! adds to its term page and feed, the byline's text, link and JSON-LD, and the errors and
//! warnings editors get.

use crate::harness::{TestSite, count};

const DESK: &str = "title: Desk
base_url: https://example.org/news/
paginate_by: 2
repo_url: https://github.com/org/desk
repo_branch: trunk
taxonomies:
  - tags
  - name: regions
    title: Regions
  - name: authors
    title: Authors
    byline: true
";

/// Three briefings with one, two and three authors; four pages (two in the menu with the
/// same number, one with a shorter menu label, one with its own slug, one draft); profiles
/// for an author, a region (retitled) and a region no briefing uses.
fn desk() -> TestSite {
    let site = TestSite::with_config(DESK);
    site.briefing(
        "2025/a.md",
        "title: A\ndate: 2025-07-21\ntags: [x]\nregions: [kherson]\nauthors: [Olena Kovalenko]",
        "Alpha body. See [the standards](/standards/).",
    )
    .briefing(
        "2025/b.md",
        "title: B\ndate: 2025-07-20\nauthors: [Olena Kovalenko, Mark Ellison]",
        "Beta body.",
    )
    .briefing(
        "2025/c.md",
        "title: C\ndate: 2025-07-19\nauthors: [Olena Kovalenko, Mark Ellison, Iryna Shevchuk]",
        "Gamma body.",
    )
    .write(
        "pages/about.md",
        "---\ntitle: About us\nsummary: Who we are.\nmenu: 2\n---\nWe are a desk.\n\n## How we work\n\nCarefully. Read [A](../content/2025/a.md).\n",
    )
    .write(
        "pages/standards/index.md",
        "---\ntitle: Standards\nmenu: 2\n---\nOur standards.\n",
    )
    .write(
        "pages/standards/corrections.md",
        "---\ntitle: Corrections policy\nmenu: 1\nmenu_title: Corrections\n---\nWe correct.\n",
    )
    .write(
        "pages/contact.md",
        "---\ntitle: Contact\nslug: write-to-us\n---\nWrite to us.\n",
    )
    .write(
        "pages/secret.md",
        "---\ntitle: Secret\ndraft: true\nmenu: 9\n---\nNot yet.\n",
    )
    .write(
        "terms/authors/olena-kovalenko.md",
        "---\ntitle: Olena Kovalenko\nrole: Kyiv correspondent\nsummary: Olena Kovalenko covers Ukrainian politics from Kyiv.\n---\nOlena has reported from Kyiv since 2014.\n",
    )
    .write(
        "terms/regions/kherson.md",
        "---\ntitle: Kherson\nrole: Oblast in southern Ukraine\nsummary: The region on the lower Dnipro.\n---\nKherson oblast straddles the **Dnipro**.\n",
    )
    .write(
        "terms/regions/crimea.md",
        "---\ntitle: Crimea\nsummary: The peninsula Russia occupied in 2014.\n---\nCrimea.\n",
    );
    site
}

/// `html` with its tags removed and its whitespace collapsed.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The element of `html` that starts with `start` (up to its closing `end`).
#[track_caller]
fn element<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no `{start}` in:\n{html}"));
    let to = from + html[from..].find(end).expect("closed");
    &html[from..to + end.len()]
}

/// The hrefs in `html`, in order.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

/// The JSON-LD of a page, parsed.
fn json_ld(html: &str) -> serde_json::Value {
    let script = element(html, "<script type=\"application/ld+json\">", "</script>");
    let json = script
        .trim_start_matches("<script type=\"application/ld+json\">")
        .trim_end_matches("</script>");
    serde_json::from_str(json).expect("JSON-LD parses")
}

#[test]
fn pages_have_their_urls_and_menu_pages_are_in_the_navigation_in_order() {
    let site = desk();
    site.build().assert_ok();
    for file in [
        "about/index.html",
        "standards/index.html",
        "standards/corrections/index.html",
        "write-to-us/index.html",
    ] {
        assert!(site.exists(file), "{file}");
    }
    assert!(!site.exists("secret/index.html"), "drafts stay out");
    assert!(
        !site.exists("contact/index.html"),
        "`slug:` replaces the name"
    );

    let about = site.read("about/index.html");
    assert!(about.contains("<title>About us — Desk</title>"), "{about}");
    assert!(about.contains(r#"<meta name="description" content="Who we are.">"#));
    assert!(about.contains("<h1"), "{about}");
    assert!(about.contains("We are a desk."));
    assert!(about.contains(r#"id="how-we-work""#));
    // A link to a briefing's file becomes its URL.
    assert!(about.contains(r#"href="/news/2025/07/a/""#), "{about}");

    // The menu: by number, then title; `menu_title` is the label; pages without `menu:` and
    // drafts are not in it. Built-in links come first.
    let home = site.read("index.html");
    let nav = element(&home, "<nav class=\"site-nav\"", "</nav>");
    let links = hrefs(nav);
    let menu: Vec<&str> = links
        .iter()
        .map(String::as_str)
        .filter(|l| l.contains("about") || l.contains("standards") || l.contains("write"))
        .collect();
    assert_eq!(
        menu,
        [
            "/news/standards/corrections/",
            "/news/about/",
            "/news/standards/"
        ],
        "{nav}"
    );
    assert!(
        links[0] == "/news/" && links[1] == "/news/archive/",
        "{links:?}"
    );
    assert!(
        text_of(nav).contains("Corrections About us Standards"),
        "{nav}"
    );
    assert!(!nav.contains("Secret"));
    let nav = element(&about, "<nav class=\"site-nav\"", "</nav>");
    assert!(
        nav.contains(r#"<a href="/news/about/" aria-current="page">"#),
        "{nav}"
    );

    // In the sitemap; not in feeds, lists or date pages.
    let sitemap = site.read("sitemap.xml");
    for url in [
        "about/",
        "standards/",
        "standards/corrections/",
        "write-to-us/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.org/news/{url}</loc>")),
            "{url}: {sitemap}"
        );
    }
    for file in [
        "atom.xml",
        "feed.json",
        "index.html",
        "2025/index.html",
        "2025/07/index.html",
        "archive/index.html",
    ] {
        let text = site.read(file);
        // The menu is on every HTML page; the page is in no list.
        let listed = match text.find("<main") {
            Some(start) => element(&text[start..], "<main", "</main>").to_string(),
            None => text,
        };
        assert!(!listed.contains("About us"), "{file}");
        assert!(!listed.contains("We are a desk"), "{file}");
    }

    // With --drafts, the draft page is built and in the menu.
    site.run(&["build", "--drafts"]).assert_ok();
    assert!(site.read("secret/index.html").contains("Not yet."));
    assert!(site.read("index.html").contains(r#"href="/news/secret/""#));
}

/// Builds `site` and returns what it printed, asserting that the build failed.
#[track_caller]
fn failed_build(site: &TestSite) -> String {
    let run = site.build();
    run.assert_code(1);
    assert!(!site.exists("index.html"), "nothing is written");
    format!("{}{}", run.stdout, run.stderr)
}

#[test]
fn a_page_url_taken_by_another_page_is_an_error_naming_both() {
    // (files, what the message must name)
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);
    let cases: [Case; 7] = [
        (
            &[("pages/tags.md", "title: Tags")],
            &["pages/tags.md", "/tags/"],
        ),
        (
            &[("pages/2025.md", "title: The year")],
            &["pages/2025.md", "/2025/"],
        ),
        (
            &[("pages/tags/x.md", "title: X")],
            &["pages/tags/x.md", "/tags/x/"],
        ),
        (
            &[
                ("pages/a.md", "title: A page\nslug: b"),
                ("pages/b.md", "title: B page"),
            ],
            &["pages/a.md", "pages/b.md", "/b/"],
        ),
        (
            &[("pages/about.md", "title: About\naliases: [/2025/07/a/]")],
            &["pages/about.md", "content/a.md", "/2025/07/a/"],
        ),
        (
            &[
                (
                    "content/b.md",
                    "title: B\ndate: 2025-06-01\naliases: [/about/]",
                ),
                ("pages/about.md", "title: About"),
            ],
            &["pages/about.md", "content/b.md", "/about/"],
        ),
        (
            &[("pages/archive.md", "title: Archive")],
            &["pages/archive.md", "/archive/"],
        ),
    ];
    for (files, named) in cases {
        let site = TestSite::with_config("title: T\nbase_url: https://example.org/\n");
        site.briefing("a.md", "title: A\ndate: 2025-07-01\ntags: [x]", "Body.");
        for (path, front_matter) in files {
            site.write(path, &format!("---\n{front_matter}\n---\nText.\n"));
        }
        let out = failed_build(&site);
        for name in named {
            assert!(out.contains(name), "{files:?}: no `{name}` in\n{out}");
        }
    }
    // A page and a briefing with one URL (a permalink without dates).
    let site =
        TestSite::with_config("title: T\nbase_url: https://example.org/\npermalink: /:slug/\n");
    site.briefing("about.md", "title: About\ndate: 2025-07-01", "Body.")
        .write("pages/about.md", "---\ntitle: About us\n---\nText.\n");
    let out = failed_build(&site);
    assert!(
        out.contains("pages/about.md") && out.contains("content/about.md"),
        "{out}"
    );
}

#[test]
fn page_and_profile_front_matter_problems_are_all_reported_with_suggestions() {
    let site = TestSite::with_config(
        "title: T\nbase_url: https://example.org/\ntaxonomies: [tags, regions]\n",
    );
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-07-01\nregions: [Kyiv]",
        "Body.",
    )
    .write(
        "pages/about.md",
        "---\ntitel: About\nmenu: first\nmenu_titel: A\n---\nText.\n",
    )
    .write("pages/empty.md", "No front matter.\n")
    .write(
        "terms/regions/kyiv.md",
        "---\ntitle: Kyiv\nrol: Capital\ndraft: true\n---\nText.\n",
    )
    .write("terms/places/lviv.md", "---\ntitle: Lviv\n---\nText.\n")
    .write("terms/region/odesa.md", "---\ntitle: Odesa\n---\nText.\n")
    .write("terms/kyiv.md", "---\ntitle: Kyiv\n---\nText.\n");
    let run = site.run(&["check"]);
    run.assert_code(1);
    let out = &run.stdout;
    for expected in [
        "pages/about.md:2:1",
        "unknown key `titel`",
        "did you mean `title`?",
        "pages/about.md:3:7",
        "`menu` must be a number",
        "pages/about.md:4:1",
        "did you mean `menu_title`?",
        "missing required field `title`",
        "pages/empty.md:1:1",
        "terms/regions/kyiv.md:3:1",
        "unknown key `rol`",
        "did you mean `role`?",
        "terms/regions/kyiv.md:4:1",
        "unknown key `draft`",
        "terms/places/lviv.md",
        "there is no taxonomy `places`",
        "terms/region/odesa.md",
        "did you mean `regions`?",
        "terms/kyiv.md",
    ] {
        assert!(out.contains(expected), "no `{expected}` in\n{out}");
    }
    assert!(!out.contains("No problems"), "{out}");
}

#[test]
fn a_profile_shows_on_its_term_page_and_in_its_feed() {
    let site = desk();
    site.build().assert_ok();
    let page = site.read("regions/kherson/index.html");
    // The profile's title is the term's name everywhere (the briefing wrote `kherson`).
    assert!(
        page.contains("<h1 class=\"section-title term-title\">Kherson</h1>"),
        "{page}"
    );
    assert!(site.read("2025/07/a/index.html").contains(">Kherson</a>"));
    assert!(site.read("regions/index.html").contains(">Kherson</a>"));
    // Role, body (rendered Markdown) above the briefings, summary as the description.
    assert!(page.contains("Oblast in southern Ukraine"), "{page}");
    let body = page
        .find("Kherson oblast straddles the <strong>Dnipro</strong>.")
        .expect("profile body");
    let first_entry = page.find("class=\"entry-title\"").expect("an entry");
    assert!(body < first_entry, "the profile comes before the briefings");
    assert!(
        page.contains(r#"<meta name="description" content="The region on the lower Dnipro.">"#),
        "{page}"
    );
    // The feed's subtitle is the summary.
    let feed = feed_rs::parser::parse(site.read("regions/kherson/atom.xml").as_bytes()).unwrap();
    assert_eq!(
        feed.description.map(|d| d.content).as_deref(),
        Some("The region on the lower Dnipro.")
    );
    assert_eq!(feed.entries.len(), 1);
    // Without a profile: the site's description as before (none here).
    let plain = feed_rs::parser::parse(site.read("tags/x/atom.xml").as_bytes()).unwrap();
    assert_eq!(plain.description, None);

    // A profile no briefing uses yet: its page is built, listing no briefings.
    let crimea = site.read("regions/crimea/index.html");
    assert!(crimea.contains("Crimea."), "{crimea}");
    assert!(crimea.contains("No briefings yet."), "{crimea}");
    assert!(site.exists("regions/crimea/atom.xml"));
    assert!(
        site.read("regions/index.html")
            .contains("/news/regions/crimea/")
    );
    // ... and `check` says so, at the profile.
    let check = site.run(&["check", "--format", "github"]);
    check.assert_ok();
    let warning = check
        .stdout
        .lines()
        .find(|l| l.contains("file=terms/regions/crimea.md"))
        .unwrap_or_else(|| panic!("no warning about crimea.md:\n{}", check.stdout));
    assert!(warning.starts_with("::warning "), "{warning}");
    assert!(warning.contains("no briefing"), "{warning}");
}

/// `sort_as:` in a profile files a person under their surname in the A-Z list of the
/// taxonomy; bylines keep the order the briefing gives.
#[test]
fn a_profile_sort_as_orders_the_taxonomy_list_but_not_bylines() {
    let site = desk();
    site.write(
        "terms/authors/olena-kovalenko.md",
        "---\ntitle: Olena Kovalenko\nsort_as: Kovalenko, Olena\nrole: Kyiv correspondent\n---\nOlena.\n",
    )
    .write(
        "terms/authors/mark-ellison.md",
        "---\ntitle: Mark Ellison\nsort_as: Ellison, Mark\n---\nMark.\n",
    )
    .write(
        "terms/authors/iryna-shevchuk.md",
        "---\ntitle: Iryna Shevchuk\nsort_as: Shevchuk, Iryna\n---\nIryna.\n",
    );
    site.build().assert_ok();
    let list = text_of(&site.read("authors/index.html"));
    let at = |name: &str| list.find(name).unwrap_or_else(|| panic!("{name}: {list}"));
    assert!(
        at("Mark Ellison") < at("Olena Kovalenko") && at("Olena Kovalenko") < at("Iryna Shevchuk"),
        "Ellison, Kovalenko, Shevchuk: {list}"
    );
    // Without sort_as, by first name, as before: Iryna, Mark, Olena.
    let plain = desk();
    plain.build().assert_ok();
    let list = text_of(&plain.read("authors/index.html"));
    let at = |name: &str| list.find(name).unwrap();
    assert!(
        at("Iryna Shevchuk") < at("Mark Ellison") && at("Mark Ellison") < at("Olena Kovalenko")
    );
    // The byline of C keeps its front-matter order.
    let c = text_of(&site.read("2025/07/c/index.html"));
    let at = |name: &str| c.find(name).unwrap();
    assert!(
        at("Olena Kovalenko") < at("Mark Ellison") && at("Mark Ellison") < at("Iryna Shevchuk"),
        "{c}"
    );
}

#[test]
fn bylines_name_the_authors_with_their_roles_and_link_to_their_pages() {
    let site = desk();
    site.build().assert_ok();
    let byline = |file: &str| {
        let html = site.read(file);
        text_of(element(&html, "<p class=\"byline\"", "</p>"))
    };
    assert_eq!(
        byline("2025/07/a/index.html"),
        "By Olena Kovalenko, Kyiv correspondent"
    );
    assert_eq!(
        byline("2025/07/b/index.html"),
        "By Olena Kovalenko (Kyiv correspondent) and Mark Ellison"
    );
    assert_eq!(
        byline("2025/07/c/index.html"),
        "By Olena Kovalenko (Kyiv correspondent), Mark Ellison and Iryna Shevchuk"
    );
    let a = site.read("2025/07/a/index.html");
    let html = element(&a, "<p class=\"byline\"", "</p>");
    assert!(
        html.contains(
            r#"<a href="/news/authors/olena-kovalenko/" rel="author">Olena Kovalenko</a>"#
        ),
        "{html}"
    );

    // JSON-LD: a Person per author.
    let ld = json_ld(&a);
    assert_eq!(
        ld["author"],
        serde_json::json!([{
            "@type": "Person",
            "name": "Olena Kovalenko",
            "url": "https://example.org/news/authors/olena-kovalenko/",
            "jobTitle": "Kyiv correspondent",
            "description": "Olena Kovalenko covers Ukrainian politics from Kyiv."
        }])
    );
    let ld = json_ld(&site.read("2025/07/c/index.html"));
    let names: Vec<&str> = ld["author"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Olena Kovalenko", "Mark Ellison", "Iryna Shevchuk"]);
    assert_eq!(
        ld["author"][1],
        serde_json::json!({
            "@type": "Person",
            "name": "Mark Ellison",
            "url": "https://example.org/news/authors/mark-ellison/"
        })
    );

    // The author's page: profile, then briefings, paginated, with a feed.
    let page = site.read("authors/olena-kovalenko/index.html");
    assert!(page.contains("Olena has reported from Kyiv since 2014."));
    assert!(page.contains("Kyiv correspondent"));
    assert_eq!(count(&page, "class=\"entry-title\""), 2, "{page}");
    assert!(site.exists("authors/olena-kovalenko/page/2/index.html"));
    let feed =
        feed_rs::parser::parse(site.read("authors/olena-kovalenko/atom.xml").as_bytes()).unwrap();
    assert_eq!(feed.entries.len(), 3);
    // Feeds name the authors of each entry; they are not its categories.
    let authors: Vec<&str> = feed.entries[1]
        .authors
        .iter()
        .map(|p| p.name.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(authors, ["Olena Kovalenko", "Mark Ellison"]);
    assert_eq!(
        feed.entries[1].authors[0].uri.as_deref(),
        Some("https://example.org/news/authors/olena-kovalenko/")
    );
    assert!(feed.entries[1].categories.is_empty());
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(
        json["items"][0]["authors"],
        serde_json::json!([{"name": "Olena Kovalenko", "url": "https://example.org/news/authors/olena-kovalenko/"}])
    );
    assert_eq!(
        json["items"][0]["tags"],
        serde_json::json!(["x", "Kherson"])
    );
    // Cards in lists name the authors too.
    let home = site.read("index.html");
    assert!(
        text_of(&home).contains("By Olena Kovalenko and Mark Ellison"),
        "{home}"
    );
}

#[test]
fn a_byline_speaks_the_briefings_language() {
    let site = TestSite::with_config(DESK);
    site.briefing(
        "a.md",
        "title: Переговори\ndate: 2025-07-21\nlanguage: uk\nauthors: [Olena Kovalenko, Mark Ellison]",
        "Текст.",
    );
    site.build().assert_ok();
    let html = site.read("2025/07/a/index.html");
    assert_eq!(
        text_of(element(&html, "<p class=\"byline\"", "</p>")),
        "Автори: Olena Kovalenko і Mark Ellison"
    );
}

#[test]
fn without_a_byline_the_author_is_the_organisation_and_check_says_the_byline_is_missing() {
    let site = desk();
    site.briefing("2025/d.md", "title: D\ndate: 2025-07-18", "No byline.");
    site.build().assert_ok();
    let html = site.read("2025/07/d/index.html");
    assert!(!html.contains("class=\"byline\""), "{html}");
    assert_eq!(
        json_ld(&html)["author"],
        serde_json::json!({"@type": "Organization", "name": "Desk", "url": "https://example.org/news/"})
    );
    let check = site.run(&["check", "--format", "github"]);
    check.assert_ok();
    let line = check
        .stdout
        .lines()
        .find(|l| l.contains("file=content/2025/d.md"))
        .unwrap_or_else(|| panic!("{}", check.stdout));
    assert!(
        line.starts_with("::warning file=content/2025/d.md,line=1,col=1,"),
        "{line}"
    );
    assert!(line.contains("no byline"), "{line}");
    assert!(line.contains("authors:"), "{line}");
    // Only with a byline taxonomy declared.
    let plain = TestSite::with_config("title: T\nbase_url: https://example.org/\n");
    plain.briefing("d.md", "title: D\ndate: 2025-07-18", "No byline.");
    let check = plain.run(&["check", "--format", "github"]);
    assert!(!check.stdout.contains("byline"), "{}", check.stdout);
}

#[test]
fn history_links_point_at_each_file_in_the_repository() {
    let site = desk();
    site.build().assert_ok();
    let a = site.read("2025/07/a/index.html");
    assert!(
        a.contains(r#"<a href="https://github.com/org/desk/commits/trunk/content/2025/a.md">History of this briefing</a>"#),
        "{a}"
    );
    let about = site.read("about/index.html");
    assert!(
        about.contains(r#"<a href="https://github.com/org/desk/commits/trunk/pages/about.md">History of this page</a>"#),
        "{about}"
    );
    // The branch defaults to main; without repo_url there is no link.
    let site = TestSite::with_config(
        "title: T\nbase_url: https://example.org/\nrepo_url: https://github.com/org/desk/\n",
    );
    site.briefing("São Tomé.md", "title: A\ndate: 2025-07-01", "Body.");
    site.build().assert_ok();
    let a = site.read("2025/07/sao-tome/index.html");
    assert!(
        a.contains("https://github.com/org/desk/commits/main/content/S%C3%A3o%20Tom%C3%A9.md"),
        "{a}"
    );
    let site = TestSite::with_config("title: T\nbase_url: https://example.org/\n");
    site.briefing("a.md", "title: A\ndate: 2025-07-01", "Body.");
    site.build().assert_ok();
    assert!(!site.read("2025/07/a/index.html").contains("History of"));
    // A repo_url that is not an address is an error at its line.
    let site = TestSite::with_config(
        "title: T\nbase_url: https://example.org/\nrepo_url: github.com/org/desk\nrepo_branch: ''\n",
    );
    site.briefing("a.md", "title: A\ndate: 2025-07-01", "Body.");
    let run = site.build();
    run.assert_code(1);
    assert!(run.stderr.contains("site.yaml:3:11"), "{}", run.stderr);
    assert!(run.stderr.contains("site.yaml:4:14"), "{}", run.stderr);
}

#[test]
fn links_to_and_from_pages_and_profiles_are_checked() {
    let site = desk();
    site.briefing(
        "2025/e.md",
        "title: E\ndate: 2025-07-17\nauthors: [Mark Ellison]",
        "See [about](/about/), [its section](/about/#how-we-work), [a typo](/abuot/) and [a missing section](/about/#nope).",
    )
    .write(
        "pages/links.md",
        "---\ntitle: Links\n---\nGood: [A](/2025/07/a/), [B](../content/2025/b.md), [menu](#top).\n\nBad: [gone](/2025/07/gone/) and [file](../content/2025/gone.md).\n",
    )
    .write(
        "terms/authors/mark-ellison.md",
        "---\ntitle: Mark Ellison\n---\nSee [nowhere](/nowhere/).\n",
    );
    let run = site.run(&["check", "--format", "github"]);
    run.assert_code(1);
    let errors: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("::error "))
        .collect();
    let at: Vec<String> = errors
        .iter()
        .map(|l| {
            l.split("::")
                .nth(1)
                .unwrap()
                .split(",title")
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        at,
        [
            "error file=content/2025/e.md,line=6,col=59",
            "error file=content/2025/e.md,line=6,col=81",
            "error file=pages/links.md,line=6,col=6",
            "error file=pages/links.md,line=6,col=33",
            "error file=terms/authors/mark-ellison.md,line=4,col=5",
        ],
        "{}",
        run.stdout
    );
    for (line, expected) in errors.iter().zip([
        "/abuot/",
        "`nope`",
        "/2025/07/gone/",
        "content/2025/gone.md",
        "/nowhere/",
    ]) {
        assert!(line.contains(expected), "no `{expected}` in {line}");
    }
}

#[test]
fn a_theme_without_page_html_builds_until_the_site_has_pages() {
    let site = TestSite::with_config("title: T\nbase_url: https://example.org/\ntheme: mine\n");
    let theme = site.root.join("themes/mine");
    crate::harness::copy_tree(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &theme,
    );
    std::fs::remove_file(theme.join("templates/page.html")).unwrap();
    site.briefing("a.md", "title: A\ndate: 2025-07-01", "Body.");
    site.build().assert_ok();
    site.write("pages/about.md", "---\ntitle: About\n---\nText.\n");
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("pages/about.md: error: the theme has no `page.html` template"),
        "{}",
        run.stderr
    );
}

/// A briefing linking a standalone page by its file, by a misspelt file, or by a URL with
/// `pages/` in it: each finding talks of pages and says which URL to write.
#[test]
fn links_to_page_files_are_explained_as_links_to_pages() {
    let site = TestSite::with_config("title: T\nbase_url: https://example.org/\n");
    site.write("pages/about.md", "---\ntitle: About us\n---\nText.\n")
        .briefing(
            "a.md",
            "title: A\ndate: 2025-07-01",
            "See [about](../pages/about.md), [typo](../pages/abuot.md),\n[folder](/pages/about/) and [none](../pages/standards.md).",
        );
    let run = site.run(&["check", "--format", "github"]);
    run.assert_code(1);
    for expected in [
        "::error file=content/a.md,line=5,col=5,title=sitrep%3A links::link `../pages/about.md` names the file of the page pages/about.md, which is linked by its URL — write `/about/`: a link by file works for briefings only",
        "::error file=content/a.md,line=5,col=33,title=sitrep%3A links::broken link `../pages/abuot.md`: there is no page file pages/abuot.md — did you mean pages/about.md? Link to it by its URL: `/about/`",
        "::error file=content/a.md,line=6,col=1,title=sitrep%3A links::broken link `/pages/about/`: there is no page or file at /pages/about/ on this site — did you mean `/about/`? A page's URL leaves out `pages/`: pages/about.md is at `/about/`",
        "::error file=content/a.md,line=6,col=29,title=sitrep%3A links::broken link `../pages/standards.md`: there is no page file pages/standards.md — a page is linked by its URL, the name of its file without `.md`: pages/standards.md would be at `/standards/`",
    ] {
        assert!(
            run.stdout.lines().any(|l| l == expected),
            "missing {expected}\n{}",
            run.stdout
        );
    }
    assert!(!run.stdout.contains("briefing file"), "{}", run.stdout);
}

/// A page or profile with a mistake in its front matter still has an address: links to it
/// are not called broken, and its own links are checked in the same run, as a briefing's are.
#[test]
fn a_page_or_profile_with_an_error_is_still_linked_to_and_checked() {
    let site = TestSite::with_config(
        "title: Desk\nbase_url: https://example.org/\ntaxonomies: [regions]\n",
    );
    site.briefing(
        "a.md",
        "title: A\ndate: 2025-02-11\nregions: [Kharkiv]",
        "See the [standards](/standards/) and [Kharkiv](/regions/kharkiv/).",
    );
    site.write(
        "pages/standards.md",
        "---\ntitle: Standards\nmenu: two\n---\nSee [nothing](/nope/).\n",
    );
    site.write(
        "terms/regions/kharkiv.md",
        "---\ntitle: Kharkiv\nsumary: A city.\n---\nSee [elsewhere](/nowhere/).\n",
    );
    let run = site.run(&["check", "--format", "github"]);
    run.assert_code(1);
    let errors: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| l.split(",title=").next().unwrap_or(l))
        .collect();
    assert_eq!(
        errors,
        [
            "::error file=pages/standards.md,line=3,col=7",
            "::error file=pages/standards.md,line=5,col=5",
            "::error file=terms/regions/kharkiv.md,line=3,col=1",
            "::error file=terms/regions/kharkiv.md,line=5,col=5",
        ],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("broken link `/nope/`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("broken link `/nowhere/`"),
        "{}",
        run.stdout
    );
}
