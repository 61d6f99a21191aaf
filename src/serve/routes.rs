//! Which answer a request path gets: a file of the site (by output path), the reload
//! endpoint, a redirect, or not found. Pure: it asks a lookup function whether an output
//! path exists and never touches the disk, so nothing outside the rendered site can be
//! named, whatever the request says.

use super::http::RequestPath;

/// The reload endpoint, under the site's base path.
pub(crate) const EVENTS_PATH: &str = "__sitrep/events";

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Route {
    /// The Server-Sent Events stream.
    Events,
    /// A file of the site, by output path (`2025/07/x/index.html`).
    File(String),
    /// Redirect to this location (already encoded), permanently (`301`) or not (`302`).
    Redirect(u16, String),
    /// Nothing here; answer with the site's 404 page.
    NotFound,
}

/// Routes `path` for a site whose URLs start with `base_path` (`/` or `/briefings/`).
/// `exists` says whether the site has a file at an output path.
pub(crate) fn route(path: &RequestPath, base_path: &str, exists: impl Fn(&str) -> bool) -> Route {
    let base: Vec<&str> = base_path.split('/').filter(|s| !s.is_empty()).collect();
    let inside =
        path.segments.len() >= base.len() && path.segments.iter().zip(&base).all(|(a, b)| a == b);
    if !inside {
        // The server's root, for a site under a path: send the visitor to the site. Other
        // paths outside it are not found, as they would not be once published, so a link
        // that forgets the base path shows up as broken in the preview too.
        return if path.segments.is_empty() {
            Route::Redirect(302, super::http::percent_encode_path(base_path))
        } else {
            Route::NotFound
        };
    }
    let relative = path.segments[base.len()..].join("/");
    if relative.is_empty() && !path.trailing_slash {
        // `/briefings` (the base path without its slash).
        return Route::Redirect(
            301,
            super::http::percent_encode_path(base_path) + &path.query,
        );
    }
    if relative == EVENTS_PATH && !path.trailing_slash {
        return Route::Events;
    }
    if path.trailing_slash || relative.is_empty() {
        let index = if relative.is_empty() {
            "index.html".to_string()
        } else {
            format!("{relative}/index.html")
        };
        return if exists(&index) {
            Route::File(index)
        } else {
            Route::NotFound
        };
    }
    if exists(&relative) {
        return Route::File(relative);
    }
    if exists(&format!("{relative}/index.html")) {
        // A folder asked for without its slash: relative links on the page need the slash.
        let location = super::http::percent_encode_path(&format!("{}/", path.to_path()));
        return Route::Redirect(301, location + &path.query);
    }
    Route::NotFound
}

#[cfg(test)]
mod tests {
    use super::super::http::parse_target;
    use super::*;

    const FILES: &[&str] = &[
        "index.html",
        "404.html",
        "style.css",
        "2025/07/x/index.html",
        "tags/são-tomé/index.html",
        "img/map.png",
    ];

    fn at(target: &str, base: &str) -> Route {
        route(&parse_target(target).unwrap(), base, |p| FILES.contains(&p))
    }

    #[test]
    fn files_and_folders_of_a_root_site() {
        assert_eq!(at("/", "/"), Route::File("index.html".into()));
        assert_eq!(at("/style.css", "/"), Route::File("style.css".into()));
        assert_eq!(
            at("/2025/07/x/", "/"),
            Route::File("2025/07/x/index.html".into())
        );
        assert_eq!(
            at("/2025/07/x/index.html", "/"),
            Route::File("2025/07/x/index.html".into())
        );
        assert_eq!(
            at("/2025/07/x?utm=1", "/"),
            Route::Redirect(301, "/2025/07/x/?utm=1".into())
        );
        // The query is kept, escaped: nothing from the request reaches a header as sent.
        assert_eq!(
            at("/2025/07/x?q=s\u{e3}o\"", "/"),
            Route::Redirect(301, "/2025/07/x/?q=s%C3%A3o%22".into())
        );
        assert_eq!(
            at("/tags/s%C3%A3o-tom%C3%A9", "/"),
            Route::Redirect(301, "/tags/s%C3%A3o-tom%C3%A9/".into())
        );
        assert_eq!(at("/2025/07/y/", "/"), Route::NotFound);
        assert_eq!(at("/style.css/", "/"), Route::NotFound);
        assert_eq!(at("/img", "/"), Route::NotFound);
        assert_eq!(at("/__sitrep/events", "/"), Route::Events);
    }

    #[test]
    fn a_site_under_a_path() {
        let base = "/briefings/";
        assert_eq!(at("/briefings/", base), Route::File("index.html".into()));
        assert_eq!(
            at("/briefings", base),
            Route::Redirect(301, "/briefings/".into())
        );
        assert_eq!(at("/", base), Route::Redirect(302, "/briefings/".into()));
        assert_eq!(
            at("/briefings/2025/07/x/", base),
            Route::File("2025/07/x/index.html".into())
        );
        assert_eq!(
            at("/briefings/2025/07/x", base),
            Route::Redirect(301, "/briefings/2025/07/x/".into())
        );
        assert_eq!(at("/2025/07/x/", base), Route::NotFound);
        assert_eq!(at("/other/", base), Route::NotFound);
        assert_eq!(at("/briefings/__sitrep/events", base), Route::Events);
        assert_eq!(at("/__sitrep/events", base), Route::NotFound);
    }
}
