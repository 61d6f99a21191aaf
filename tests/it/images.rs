//! Lead images (`image:` / `image_alt:` in front matter, site.yaml's default): the link
//! preview tags and JSON-LD they give a page under a base path, and the errors and warnings
//! editors get from `check` and `build`.

use crate::harness::{TestSite, list_files, png_header};

const DESK: &str = "title: Desk\nbase_url: https://org.github.io/briefings/\n";

/// A desk under a base path with one briefing with its own image, one without, and a page.
fn desk(config: &str) -> TestSite {
    let site = TestSite::with_config(config);
    site.write("static/images/plant.jpg", "jpeg bytes")
        .write("static/images/card.png", "png bytes")
        .briefing(
            "2025/plant.md",
            "title: Plant\ndate: 2025-07-21\nimage: /images/plant.jpg\nimage_alt: The plant's cooling towers",
            "Body.",
        )
        .briefing("2025/plain.md", "title: Plain\ndate: 2025-07-20", "Body.")
        .write("pages/about.md", "---\ntitle: About\n---\nWe are a desk.\n");
    site
}

fn json_ld(html: &str) -> serde_json::Value {
    let start = html.find("application/ld+json\">").expect("JSON-LD") + 21;
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

#[test]
fn a_briefing_with_its_own_image_gets_preview_tags_and_json_ld_under_the_base_path() {
    let site = desk(DESK);
    site.build().assert_ok();
    let html = site.read("2025/07/plant/index.html");
    let url = "https://org.github.io/briefings/images/plant.jpg";
    assert!(
        html.contains(&format!("<meta property=\"og:image\" content=\"{url}\">")),
        "{html}"
    );
    assert!(
        html.contains(
            "<meta property=\"og:image:alt\" content=\"The plant&#39;s cooling towers\">"
        ),
        "{html}"
    );
    assert!(html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert!(!html.contains("content=\"summary\""));
    assert_eq!(json_ld(&html)["image"], serde_json::json!([url]));
}

#[test]
fn pages_without_an_image_use_the_sites_default() {
    let config = format!("{DESK}image: /images/card.png\nimage_alt: The desk's card\n");
    let site = desk(&config);
    site.build().assert_ok();
    let card = "https://org.github.io/briefings/images/card.png";
    for page in ["2025/07/plain/index.html", "about/index.html", "index.html"] {
        let html = site.read(page);
        assert!(
            html.contains(&format!("<meta property=\"og:image\" content=\"{card}\">")),
            "{page}: {html}"
        );
        assert!(html.contains("og:image:alt"), "{page}");
        assert!(html.contains("summary_large_image"), "{page}");
    }
    let plain = site.read("2025/07/plain/index.html");
    assert_eq!(json_ld(&plain)["image"], serde_json::json!([card]));
    // A briefing's own image wins over the default.
    let plant = site.read("2025/07/plant/index.html");
    assert!(plant.contains("images/plant.jpg\">"));
    assert!(!plant.contains("images/card.png"));
}

#[test]
fn a_site_without_any_image_has_no_og_image_and_a_summary_card() {
    let site = TestSite::with_config(DESK);
    site.briefing("2025/plain.md", "title: Plain\ndate: 2025-07-20", "Body.")
        .write("pages/about.md", "---\ntitle: About\n---\nUs.\n");
    site.build().assert_ok();
    for page in ["2025/07/plain/index.html", "about/index.html", "index.html"] {
        let html = site.read(page);
        assert!(!html.contains("og:image"), "{page}");
        assert!(
            html.contains("<meta name=\"twitter:card\" content=\"summary\">"),
            "{page}"
        );
    }
    let plain = site.read("2025/07/plain/index.html");
    assert!(json_ld(&plain).get("image").is_none());
}

#[test]
fn an_external_image_is_used_as_written() {
    let site = TestSite::with_config(DESK);
    site.write(
        "pages/about.md",
        "---\ntitle: About\nimage: https://cdn.example.org/desk.jpg\nimage_alt: Our newsroom\n---\nUs.\n",
    );
    site.build().assert_ok();
    let html = site.read("about/index.html");
    assert!(
        html.contains("<meta property=\"og:image\" content=\"https://cdn.example.org/desk.jpg\">")
    );
}

#[test]
fn a_missing_file_is_an_error_at_its_value_naming_where_it_was_expected() {
    let site = desk(DESK);
    site.briefing(
        "2025/typo.md",
        "title: Typo\ndate: 2025-07-19\nimage: /images/plantt.jpg\nimage_alt: Towers",
        "Body.",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(out.contains("content/2025/typo.md:4:8"), "{out}");
    assert!(out.contains("static/images/plantt.jpg"), "{out}");
    assert!(out.contains("did you mean `/images/plant.jpg`?"), "{out}");

    let run = site.run(&["check", "--format", "github"]);
    run.assert_code(1);
    assert!(
        run.stdout.lines().any(
            |l| l.starts_with("::error file=content/2025/typo.md,line=4,col=8")
                && l.contains("static/images/plantt.jpg")
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn build_refuses_a_missing_image_and_leaves_the_last_site_in_place() {
    let site = desk(DESK);
    site.build().assert_ok();
    let before = list_files(&site.public());
    let page_before = site.read("2025/07/plant/index.html");
    site.write(
        "pages/about.md",
        "---\ntitle: About\nimage: /images/gone.jpg\nimage_alt: Gone\n---\nUs.\n",
    );
    let run = site.build();
    run.assert_code(1);
    assert!(run.stderr.contains("pages/about.md:3:8"), "{}", run.stderr);
    assert!(
        run.stderr.contains("static/images/gone.jpg"),
        "{}",
        run.stderr
    );
    assert_eq!(list_files(&site.public()), before);
    assert_eq!(site.read("2025/07/plant/index.html"), page_before);
}

#[test]
fn a_missing_default_image_is_an_error_in_site_yaml() {
    let site = desk(&format!("{DESK}image: /images/crad.png\nimage_alt: Card\n"));
    let run = site.run(&["check"]);
    run.assert_code(1);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(out.contains("site.yaml:3:8"), "{out}");
    assert!(out.contains("static/images/crad.png"), "{out}");
    assert!(out.contains("did you mean `/images/card.png`?"), "{out}");
}

#[test]
fn an_address_that_is_not_a_site_path_or_url_is_an_error() {
    let site = desk(DESK);
    site.briefing(
        "2025/bad.md",
        "title: Bad\ndate: 2025-07-19\nimage: images/plant.jpg\nimage_alt: Towers",
        "Body.",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(out.contains("content/2025/bad.md:4:8"), "{out}");
    assert!(out.contains("neither a site path"), "{out}");
    site.build().assert_code(1);
}

#[test]
fn an_image_without_alt_text_is_a_warning_and_alt_text_alone_an_error() {
    let site = desk(DESK);
    site.briefing(
        "2025/noalt.md",
        "title: No alt\ndate: 2025-07-19\nimage: /images/plant.jpg",
        "Body.",
    );
    let run = site.run(&["check"]);
    run.assert_ok();
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(out.contains("content/2025/noalt.md:4:8"), "{out}");
    assert!(out.contains("add `image_alt:`"), "{out}");
    assert!(out.contains("0 errors, 1 warning"), "{out}");
    site.build().assert_ok();

    site.write(
        "pages/about.md",
        "---\ntitle: About\nimage_alt: A picture of nothing\n---\nUs.\n",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(out.contains("pages/about.md:3:"), "{out}");
    assert!(out.contains("no `image:`"), "{out}");
}

#[test]
fn a_hugo_images_key_is_answered_with_image() {
    let site = desk(DESK);
    site.briefing(
        "2025/hugo.md",
        "title: Hugo\ndate: 2025-07-19\nimages: [/images/plant.jpg]",
        "Body.",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(out.contains("sitrep calls it `image:`"), "{out}");
}

/// The big link-preview readers show no picture for an SVG: a desk shipping its card as SVG
/// would be shared without one, so `check` says so (a warning: the build goes on).
#[test]
fn an_svg_image_is_a_warning_that_previews_will_not_show_it() {
    let config = format!("{DESK}image: /images/card.svg\nimage_alt: The desk's card\n");
    let site = desk(&config);
    site.write(
        "static/images/card.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.briefing(
        "2025/map.md",
        "title: Map\ndate: 2025-07-19\nimage: https://example.org/maps/Front.SVG\nimage_alt: A map",
        "Body.",
    );
    let run = site.run(&["check", "--format", "github"]);
    run.assert_ok();
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("is an SVG"))
        .collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::warning file=site.yaml,line=3,")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::warning file=content/2025/map.md,line=4,")),
        "{lines:?}"
    );
    assert!(lines[0].contains("use a PNG or JPEG"), "{lines:?}");
    site.build().assert_ok();
}

/// An author's profile with a portrait: shown with the profile on the author's page, used
/// by that page's link previews, and in the JSON-LD of the briefings with that byline.
#[test]
fn a_profile_image_shows_on_the_term_page_and_in_its_authors_briefings() {
    let config = format!(
        "{DESK}taxonomies:\n  - tags\n  - name: authors\n    byline: true\nimage: /images/card.png\nimage_alt: The desk's card\n"
    );
    let site = desk(&config);
    site.write("static/images/olena.jpg", "jpeg bytes")
        .write(
            "terms/authors/olena-kovalenko.md",
            "---\ntitle: Olena Kovalenko\nrole: Kyiv correspondent\nimage: /images/olena.jpg\nimage_alt: Olena Kovalenko on Khreshchatyk\n---\nShe covers Kyiv.\n",
        )
        .briefing(
            "2025/kyiv.md",
            "title: Kyiv\ndate: 2025-07-22\nauthors: [Olena Kovalenko]",
            "Body.",
        );
    site.build().assert_ok();
    let portrait = "https://org.github.io/briefings/images/olena.jpg";

    let term = site.read("authors/olena-kovalenko/index.html");
    assert!(
        term.contains(
            "<figure class=\"profile-image\">\n<img src=\"/briefings/images/olena.jpg\" alt=\"Olena Kovalenko on Khreshchatyk\">"
        ),
        "{term}"
    );
    assert!(
        term.contains(&format!(
            "<meta property=\"og:image\" content=\"{portrait}\">"
        )),
        "the portrait, not the site's card, previews the author's page:\n{term}"
    );
    assert!(!term.contains("images/card.png"), "{term}");

    let briefing = site.read("2025/07/kyiv/index.html");
    let author = &json_ld(&briefing)["author"];
    let author = if author.is_array() {
        &author[0]
    } else {
        author
    };
    assert_eq!(author["name"], "Olena Kovalenko");
    assert_eq!(author["image"], portrait, "{author}");
    // The briefing itself has no image: its previews keep the site's card.
    assert!(briefing.contains("images/card.png\">"), "{briefing}");

    // Other term pages keep the site's card.
    let tags = site.read("authors/index.html");
    assert!(tags.contains("images/card.png\">"), "{tags}");
}

#[test]
fn a_profile_image_that_is_missing_is_an_error_at_its_line() {
    let config = format!("{DESK}taxonomies: [tags, regions]\n");
    let site = desk(&config);
    site.write(
        "terms/regions/kherson.md",
        "---\ntitle: Kherson\nimage: /images/kherson-map.png\nimage_alt: Map of Kherson oblast\n---\nOblast.\n",
    )
    .briefing(
        "2025/kherson.md",
        "title: Kherson\ndate: 2025-07-22\nregions: [Kherson]",
        "Body.",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(
        out.contains("terms/regions/kherson.md:3:8")
            && out.contains("the image `/images/kherson-map.png` does not exist"),
        "{out}"
    );
    site.write("static/images/kherson-map.png", "png bytes");
    site.run(&["check"]).assert_code(0);
}

/// A briefing's or a page's own image is shown under its headline with its caption (inline
/// Markdown) and credit; site.yaml's card stays a link-preview image only.
#[test]
fn a_briefings_image_is_shown_with_its_caption_and_credit() {
    let config = format!("{DESK}image: /images/card.png\nimage_alt: The desk's card\n");
    let site = desk(&config);
    site.briefing(
        "2025/towers.md",
        "title: Towers\ndate: 2025-07-22\nimage: /images/plant.jpg\nimage_alt: Cooling towers\nimage_caption: The plant's towers seen from *Nikopol*, across the reservoir\nimage_credit: \"Photo: Reuters/Stringer\"",
        "Body.",
    )
    .write(
        "pages/team.md",
        "---\ntitle: Team\nimage: /images/plant.jpg\nimage_alt: The newsroom\nimage_credit: \"Photo: Frontline Desk\"\n---\nUs.\n",
    );
    site.build().assert_ok();
    let html = site.read("2025/07/towers/index.html");
    let figure = &html[html
        .find("<figure class=\"lead-image\">")
        .expect("the figure")..];
    let figure = &figure[..figure.find("</figure>").unwrap()];
    assert!(
        figure.contains("<img src=\"/briefings/images/plant.jpg\" alt=\"Cooling towers\">"),
        "{figure}"
    );
    assert!(
        figure.contains(
            "<figcaption>The plant’s towers seen from <em>Nikopol</em>, across the reservoir <span class=\"lead-image-credit\">Photo: Reuters/Stringer</span></figcaption>"
        ),
        "{figure}"
    );
    // The figure is in the header, before the body.
    assert!(html.find("lead-image").unwrap() < html.find("briefing-body").unwrap());
    // JSON-LD: an ImageObject carries the caption (plain text) and the credit.
    assert_eq!(
        json_ld(&html)["image"],
        serde_json::json!([{
            "@type": "ImageObject",
            "url": "https://org.github.io/briefings/images/plant.jpg",
            "caption": "The plant’s towers seen from Nikopol, across the reservoir",
            "creditText": "Photo: Reuters/Stringer",
        }])
    );

    let team = site.read("team/index.html");
    assert!(
        team.contains("<figcaption><span class=\"lead-image-credit\">Photo: Frontline Desk</span></figcaption>"),
        "{team}"
    );
    // Without its own image, a briefing shows none (the card is for previews).
    let plain = site.read("2025/07/plain/index.html");
    assert!(!plain.contains("<figure class=\"lead-image\""), "{plain}");
    assert!(plain.contains("images/card.png\">"));

    // A caption without an image is an error at its line.
    site.briefing(
        "2025/lost.md",
        "title: Lost\ndate: 2025-07-23\nimage_caption: A caption for nothing",
        "Body.",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(
        out.contains("content/2025/lost.md:4:")
            && out.contains("`image_caption` goes with an image, but there is no `image:`"),
        "{out}"
    );
}

#[test]
fn a_lone_image_with_a_title_in_a_body_is_a_figure_and_images_load_lazily() {
    let site = desk(DESK);
    site.write("static/images/front.png", "png bytes").briefing(
        "2025/front.md",
        "title: Front\ndate: 2025-07-18",
        "Intro.\n\n![Map of the front near Pokrovsk](/images/front.png \"The front on 18 July. Map: the desk\")\n\nText with ![a small map](/images/front.png) inside.\n",
    );
    site.build().assert_ok();
    let html = site.read("2025/07/front/index.html");
    assert!(
        html.contains("<figure>\n<img src=\"/briefings/images/front.png\" alt=\"Map of the front near Pokrovsk\" loading=\"lazy\" decoding=\"async\">\n<figcaption>The front on 18 July. Map: the desk</figcaption>\n</figure>"),
        "{html}"
    );
    assert!(
        html.contains("<p>Text with <img src=\"/briefings/images/front.png\" alt=\"a small map\" loading=\"lazy\" decoding=\"async\"> inside.</p>"),
        "{html}"
    );
}

#[test]
fn a_body_image_without_alt_text_is_a_warning_at_its_place_and_a_missing_one_an_error() {
    let site = desk(DESK);
    site.briefing(
        "2025/bare.md",
        "title: Bare\ndate: 2025-07-17",
        "Intro.\n\nSee ![](/images/plant.jpg \"Cooling towers\").\n",
    )
    .write(
        "pages/about.md",
        "---\ntitle: About\n---\nUs.\n\n![ ](/images/plant.jpg)\n",
    );
    let run = site.run(&["check"]);
    run.assert_ok();
    let out = format!("{}{}", run.stdout, run.stderr);
    // Front matter is lines 1-4: the body's third line is the file's seventh.
    assert!(out.contains("content/2025/bare.md:7:5"), "{out}");
    assert!(out.contains("pages/about.md:6:1"), "{out}");
    assert!(out.contains("this image has no text alternative"), "{out}");
    assert!(out.contains("between the brackets"), "{out}");
    assert!(out.contains("0 errors, 2 warnings"), "{out}");

    site.briefing(
        "2025/bare.md",
        "title: Bare\ndate: 2025-07-17",
        "![The towers](/images/towers.jpg \"Cooling towers\")\n",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(out.contains("content/2025/bare.md:5:"), "{out}");
    assert!(out.contains("towers.jpg"), "{out}");
}

#[test]
fn images_of_static_get_their_width_and_height_so_pages_keep_room_for_them() {
    let site = desk(DESK);
    site.write_bytes("static/images/front.png", &png_header(640, 360))
        .write(
        "static/images/chart.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 800 450\"></svg>",
    )
    .briefing(
        "2025/front.md",
        "title: Front\ndate: 2025-07-18\nimage: /images/front.png\nimage_alt: The front",
        "![Chart of shelling](/images/chart.svg \"Shelling by week\")\n\n![Elsewhere](https://e.org/x.png)\n",
    );
    site.build().assert_ok();
    let html = site.read("2025/07/front/index.html");
    // The lead image, and its size for link previews.
    assert!(
        html.contains("<img src=\"/briefings/images/front.png\" alt=\"The front\" width=\"640\" height=\"360\">"),
        "{html}"
    );
    assert!(html.contains("<meta property=\"og:image:width\" content=\"640\">\n<meta property=\"og:image:height\" content=\"360\">"), "{html}");
    // A body image of the site, and one on the web (whose size sitrep cannot know).
    assert!(
        html.contains("<img src=\"/briefings/images/chart.svg\" alt=\"Chart of shelling\" width=\"800\" height=\"450\" loading=\"lazy\""),
        "{html}"
    );
    assert!(
        html.contains("<img src=\"https://e.org/x.png\" alt=\"Elsewhere\" loading=\"lazy\""),
        "{html}"
    );
    // The image of desk(): not an image file at all, so no size.
    let plant = site.read("2025/07/plant/index.html");
    assert!(
        plant.contains("alt=\"The plant&#39;s cooling towers\">"),
        "{plant}"
    );
    assert!(!plant.contains("og:image:width"), "{plant}");
}

#[test]
fn a_file_with_a_space_in_its_name_is_written_with_percent_20_and_hints_say_so() {
    let site = desk(DESK);
    site.write_bytes("static/images/front line.png", &png_header(640, 360))
        .briefing(
            "2025/front.md",
            "title: Front\ndate: 2025-07-18\nimage: /images/front%20line.png\nimage_alt: The front",
            "![Escaped](/images/front%20line.png)\n\n![Bracketed](</images/front line.png>)\n",
        );
    site.run(&["check"]).assert_ok();
    site.build().assert_ok();
    let html = site.read("2025/07/front/index.html");
    let src = "/briefings/images/front%20line.png";
    // The lead image: found, sized, and its address a valid URL in the preview tags.
    assert!(
        html.contains(&format!(
            "<img src=\"{src}\" alt=\"The front\" width=\"640\" height=\"360\">"
        )),
        "{html}"
    );
    assert!(html.contains("<meta property=\"og:image\" content=\"https://org.github.io/briefings/images/front%20line.png\">\n<meta property=\"og:image:width\" content=\"640\">"), "{html}");
    // Both ways of writing it in a body name the same file, with its size.
    for alt in ["Escaped", "Bracketed"] {
        assert!(
            html.contains(&format!(
                "<img src=\"{src}\" alt=\"{alt}\" width=\"640\" height=\"360\" loading=\"lazy\""
            )),
            "{alt}: {html}"
        );
    }

    // Written with the space: refused, and the hint is the form that works.
    site.briefing(
        "2025/front.md",
        "title: Front\ndate: 2025-07-18\nimage: \"/images/front line.png\"\nimage_alt: The front",
        "Body.",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(out.contains("content/2025/front.md:4:8"), "{out}");
    assert!(
        out.contains("write `/images/front%20line.png` (a space is `%20` in an address)"),
        "{out}"
    );

    // A typo: the nearest file is suggested as it must be written, for a lead image and
    // for an image in the body.
    site.briefing(
        "2025/front.md",
        "title: Front\ndate: 2025-07-18\nimage: /images/front%20lin.png\nimage_alt: The front",
        "![Typo](/images/fron%20line.png)\n",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(
        out.contains("expected at static/images/front lin.png"),
        "{out}"
    );
    assert!(
        out.contains("content/2025/front.md:7:1: error: broken image `/images/fron%20line.png`"),
        "{out}"
    );
    assert_eq!(
        out.matches("did you mean `/images/front%20line.png`?")
            .count(),
        2,
        "{out}"
    );
}
