//! Unit tests of reading, classifying and resolving links.

use super::*;

#[test]
fn links_have_their_line_and_character_column() {
    let md = "Intro with [a link](/2025/07/x/).\n\n\
              - Ünïcode [b](other.md#outlook) and ![map](/img/map.png)\n\n\
              See [ref][r] and <https://auto.example/> and [c](#notes).\n\n\
              [r]: ../2024/y.md\n";
    let found: Vec<(String, usize, usize, bool)> = links(md)
        .into_iter()
        .map(|l| (l.dest, l.line, l.col, l.image))
        .collect();
    assert_eq!(
        found,
        [
            ("/2025/07/x/".into(), 1, 12, false),
            ("other.md#outlook".into(), 3, 11, false),
            ("/img/map.png".into(), 3, 37, true),
            ("../2024/y.md".into(), 5, 5, false),
            ("#notes".into(), 5, 46, false),
        ]
    );
}

#[test]
fn links_in_code_are_not_links() {
    assert!(links("`[a](/x/)`\n\n    [b](/y/)\n").is_empty());
}

#[test]
fn destinations_are_classified_as_the_renderer_reads_them() {
    assert_eq!(classify("https://e.org/x"), Target::External);
    assert_eq!(classify("mailto:desk@e.org"), Target::External);
    assert_eq!(classify("//cdn.e.org/x.js"), Target::External);
    assert_eq!(classify("#outlook"), Target::Fragment("outlook"));
    assert_eq!(
        classify("/2025/07/x/?a=1#risks"),
        Target::SitePath {
            path: "/2025/07/x/",
            fragment: Some("risks")
        }
    );
    assert_eq!(
        classify("../2024/b.md#lede"),
        Target::File {
            path: "../2024/b.md",
            fragment: Some("lede")
        }
    );
    assert_eq!(
        classify("map.png"),
        Target::Relative {
            path: "map.png",
            fragment: None
        }
    );
}

#[test]
fn relative_links_resolve_like_the_renderer_and_the_browser() {
    let source = Path::new("content/2025/a.md");
    assert_eq!(resolve_file(source, "../2024/b.md"), "content/2024/b.md");
    assert_eq!(resolve_file(source, "./c.md"), "content/2025/c.md");
    assert_eq!(resolve_url("/2025/07/a/", "../b/"), "/2025/07/b/");
    assert_eq!(resolve_url("/2025/07/a/", "map.png"), "/2025/07/a/map.png");
    assert_eq!(resolve_url("/2025/07/a.html", "b.html"), "/2025/07/b.html");
    assert_eq!(resolve_url("/2025/07/a/", "../.."), "/2025/");
}

#[test]
fn anchors_are_the_ids_the_renderer_writes() {
    let body = crate::markdown::render_markdown(
        "## Outlook\n\nText[^src].\n\n## Outlook\n\n### Mine {#custom-id}\n\n[^src]: A note.\n",
        "/",
        Path::new("content/a.md"),
        false,
    );
    let ids = anchors(&body.html);
    for id in ["outlook", "outlook-1", "custom-id", "src"] {
        assert!(
            ids.contains(id),
            "{id} missing from {ids:?} in {}",
            body.html
        );
    }
    assert!(!anchors(r#"<p data-id="x">id="y"</p>"#).contains("x"));
    assert!(anchors(r#"<h2 id="a&amp;b">"#).contains("a&b"));
}

#[test]
fn a_suggested_file_is_written_as_the_link_from_the_linking_file() {
    use crate::markdown::relative_link;
    let from = Path::new("content/2026/strikes.md");
    for (to, link) in [
        ("content/2022/vote.md", "../2022/vote.md"),
        ("content/2026/other.md", "other.md"),
        ("content/2026/sub/deep.md", "sub/deep.md"),
        ("content/top.md", "../top.md"),
    ] {
        assert_eq!(relative_link(from, to), link, "{to}");
        // The link written resolves to the file suggested.
        assert_eq!(crate::markdown::resolve_file(from, link), to);
    }
    assert_eq!(
        relative_link(Path::new("content/a.md"), "content/b.md"),
        "b.md"
    );
    // From a standalone page and a term profile, as the README documents.
    for from in ["pages/about.md", "terms/authors/olena-kovalenko.md"] {
        let from = Path::new(from);
        let link = relative_link(from, "content/2025/x.md");
        assert_eq!(
            crate::markdown::resolve_file(from, &link),
            "content/2025/x.md"
        );
    }
    assert_eq!(
        relative_link(Path::new("pages/about.md"), "content/2025/x.md"),
        "../content/2025/x.md"
    );
}

#[test]
fn a_suggested_link_with_a_space_is_a_markdown_destination_in_angle_brackets() {
    assert_eq!(markdown_destination("../2022/a b.md"), "<../2022/a b.md>");
    assert_eq!(markdown_destination("../2022/a(1).md"), "<../2022/a(1).md>");
    assert_eq!(markdown_destination("../2022/ab.md#x"), "../2022/ab.md#x");
}
