//! A briefing printed or saved as PDF, in the real headless Chromium with print media
//! emulated, from a reader whose screen is in the dark scheme: black on white (browsers leave
//! backgrounds out on paper, so the screen's light-on-dark text would vanish), an opinion
//! label still unmistakable without its background colour, the site's navigation, search and
//! related links left out, and the address of each link to the web printed after it.

use serde_json::{Value, json};

use crate::browser::Browser;
use crate::harness::TestSite;
use crate::publish::PagesServer;

const CONFIG: &str =
    "title: Desk\nbase_url: https://org.github.io/briefings/\ntaxonomies: [tags]\n";

#[test]
fn a_printed_briefing_is_black_on_white_with_its_labels_and_web_addresses() {
    let site = TestSite::with_config(CONFIG);
    site.briefing(
        "2025/view.md",
        "title: A view\ndate: 2025-07-21\nkind: opinion\ntags: [talks]\nsources:\n  - title: The transcript\n    url: https://en.kremlin.ru/events/president/news/74285",
        "## Why\n\nThe [UN vote](https://digitallibrary.un.org/record/3990400) and [our earlier briefing](/2025/07/talks/).\n",
    )
    .briefing(
        "2025/talks.md",
        "title: Talks\ndate: 2025-07-20\ntags: [talks]",
        "Body.",
    );
    site.build().assert_ok();
    let server = PagesServer::start(site.public(), "/briefings/");
    let url = format!("http://127.0.0.1:{}/briefings/2025/07/view/", server.port);
    let mut browser = Browser::launch();
    let tab = browser.open(&url);
    browser.wait_until(
        &tab,
        "the briefing",
        "document.readyState === 'complete' && !!document.querySelector('.kind--opinion')",
    );
    let mut style = |media: &str, selector: &str, pseudo: &str, property: &str| -> String {
        browser
            .cdp
            .call(
                Some(&tab.session),
                "Emulation.setEmulatedMedia",
                json!({ "media": media, "features": [{ "name": "prefers-color-scheme", "value": "dark" }] }),
            )
            .expect("emulate the media");
        let expression = format!(
            "getComputedStyle(document.querySelector({}), {}).getPropertyValue({})",
            json!(selector),
            if pseudo.is_empty() {
                Value::Null
            } else {
                json!(pseudo)
            },
            json!(property)
        );
        browser.eval_string(&tab, &expression)
    };

    // On screen, the dark scheme: light text, the opinion label reversed out of its colour,
    // and the site's navigation.
    assert_ne!(style("screen", "body", "", "color"), "rgb(0, 0, 0)");
    assert_eq!(style("screen", ".site-nav", "", "display"), "block");
    assert_eq!(
        style("screen", ".kind--opinion", "", "border-top-style"),
        "none"
    );

    // On paper: black text, the label outlined in black, what only works on screen left out.
    assert_eq!(style("print", "body", "", "color"), "rgb(0, 0, 0)");
    assert_eq!(
        style("print", ".briefing-title", "", "color"),
        "rgb(0, 0, 0)"
    );
    assert_eq!(
        style("print", ".kind--opinion", "", "color"),
        "rgb(0, 0, 0)"
    );
    assert_eq!(
        style("print", ".kind--opinion", "", "border-top-style"),
        "solid"
    );
    for hidden in [".skip-link", ".site-nav", ".related"] {
        assert_eq!(style("print", hidden, "", "display"), "none", "{hidden}");
    }
    assert_eq!(style("print", ".site-title", "", "display"), "block");
    // The web's addresses follow their links; a link within the site gets none.
    let web = style(
        "print",
        ".prose a[href^='https://digitallibrary']",
        "::after",
        "content",
    );
    assert!(
        web.contains("https://digitallibrary.un.org/record/3990400"),
        "{web}"
    );
    let source = style("print", ".sources a", "::after", "content");
    assert!(source.contains("https://en.kremlin.ru/"), "{source}");
    let own = style(
        "print",
        ".prose a[href^='/briefings/']",
        "::after",
        "content",
    );
    assert!(!own.contains("/briefings/"), "{own}");
}
