//! A deliberately small HTTP/1.1 layer for the preview server: reading one request head
//! with hard limits, decoding and normalising the request path, and writing responses.
//! It knows nothing about sites: routing lives in `routes`. It never touches the disk.
//!
//! Limits (each answered with a status, then the connection is closed):
//! request line over `MAX_REQUEST_LINE` → 414, head over `MAX_HEAD` or too many header lines
//! → 431, a head that does not arrive within `HEAD_TIMEOUT` → the connection is dropped,
//! anything malformed → 400.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// Longest request line (method, target, version) accepted.
pub(crate) const MAX_REQUEST_LINE: usize = 8 * 1024;
/// Longest request head (request line and headers) accepted.
pub(crate) const MAX_HEAD: usize = 32 * 1024;
const MAX_HEADERS: usize = 100;
/// Time a client has to send a whole request head once it started.
pub(crate) const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// Time an idle keep-alive connection is kept open.
pub(crate) const IDLE_TIMEOUT: Duration = Duration::from_secs(5);

/// One parsed request head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    pub method: String,
    /// The request target as sent (`/briefings/2025/?x=1`).
    pub target: String,
    pub keep_alive: bool,
    /// The request announces a body (Content-Length > 0 or Transfer-Encoding). Bodies are
    /// never read, so the connection is closed after the response.
    pub has_body: bool,
}

/// Why no request could be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ReadError {
    /// The client closed the connection, or stayed idle too long: close quietly.
    Closed,
    /// The client must be told (status), then the connection closed.
    Reject(u16),
}

/// Reads the next request head from `stream` into `buf` (which keeps bytes that arrived
/// after the head, for the next request on the connection).
pub(crate) fn read_request(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
) -> Result<Request, ReadError> {
    let idle_deadline = Instant::now() + IDLE_TIMEOUT;
    let mut head_deadline: Option<Instant> = None;
    let mut chunk = [0u8; 8192];
    loop {
        match parse_head(buf) {
            Ok(Some((request, used))) => {
                buf.drain(..used);
                return Ok(request);
            }
            Ok(None) => {}
            Err(status) => return Err(ReadError::Reject(status)),
        }
        let deadline = if buf.is_empty() {
            idle_deadline
        } else {
            *head_deadline.get_or_insert_with(|| Instant::now() + HEAD_TIMEOUT)
        };
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ReadError::Closed);
        }
        stream
            .set_read_timeout(Some(left))
            .map_err(|_| ReadError::Closed)?;
        match stream.read(&mut chunk) {
            Ok(0) => return Err(ReadError::Closed),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Err(ReadError::Closed),
        }
    }
}

/// Parses a complete head at the start of `buf`: `Ok(None)` when more bytes are needed,
/// `Ok(Some((request, head length)))`, or `Err(status)` when the head is unacceptable.
pub(crate) fn parse_head(buf: &[u8]) -> Result<Option<(Request, usize)>, u16> {
    // Blank lines before a request line are allowed (RFC 9112 §2.2).
    let start = buf
        .iter()
        .position(|&b| b != b'\r' && b != b'\n')
        .unwrap_or(buf.len());
    let line_end = buf[start..].iter().position(|&b| b == b'\n');
    match line_end {
        None if buf.len() - start > MAX_REQUEST_LINE => return Err(414),
        None => return Ok(None),
        Some(n) if n > MAX_REQUEST_LINE => return Err(414),
        Some(_) => {}
    }
    let Some(end) = find_head_end(&buf[start..]) else {
        return if buf.len() > MAX_HEAD {
            Err(431)
        } else {
            Ok(None)
        };
    };
    if end > MAX_HEAD {
        return Err(431);
    }
    let head = std::str::from_utf8(&buf[start..start + end]).map_err(|_| 400u16)?;
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) || target.is_empty() {
        return Err(400);
    }
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => return Err(400),
    };
    let mut keep_alive = http11;
    let mut has_body = false;
    let mut count = 0;
    for line in lines.take_while(|l| !l.is_empty()) {
        count += 1;
        if count > MAX_HEADERS {
            return Err(431);
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(400);
        };
        if name.is_empty() || name.contains([' ', '\t']) {
            return Err(400);
        }
        let value = value.trim();
        if name.eq_ignore_ascii_case("connection") {
            for token in value.split(',').map(str::trim) {
                if token.eq_ignore_ascii_case("close") {
                    keep_alive = false;
                } else if token.eq_ignore_ascii_case("keep-alive") {
                    keep_alive = true;
                }
            }
        } else if name.eq_ignore_ascii_case("content-length") {
            let length: u64 = value.parse().map_err(|_| 400u16)?;
            has_body |= length > 0;
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            has_body = true;
        }
    }
    let request = Request {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive,
        has_body,
    };
    Ok(Some((request, start + end)))
}

/// Length of the head including the blank line that ends it (CRLF or bare LF line ends).
fn find_head_end(buf: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(n) = buf[i..].iter().position(|&b| b == b'\n') {
        let line_start = i;
        i += n + 1;
        let line = &buf[line_start..i - 1];
        if (line.is_empty() || line == b"\r") && line_start > 0 {
            return Some(i);
        }
    }
    None
}

/// A request path, percent-decoded and split into segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RequestPath {
    /// Decoded segments, none empty, none `.` or `..`.
    pub segments: Vec<String>,
    /// The path ended with `/` (or was `/`).
    pub trailing_slash: bool,
    /// The query string with its `?`, or empty; kept for redirects.
    pub query: String,
}

impl RequestPath {
    /// `/a/b/` or `/a/b` in normalised form (segments re-joined, no query).
    pub fn to_path(&self) -> String {
        let mut path = String::from("/");
        path.push_str(&self.segments.join("/"));
        if self.trailing_slash && !self.segments.is_empty() {
            path.push('/');
        }
        path
    }
}

/// Decodes and normalises a request target. Everything that could name something outside
/// the site is refused (400): `..` or `.` segments (also when written `%2e%2e` or hidden
/// in a segment by `%2f`), backslashes, NUL and other control characters, bad escapes,
/// bytes that are not UTF-8, and targets that are not a path from the root.
pub(crate) fn parse_target(target: &str) -> Result<RequestPath, u16> {
    // An absolute-form target (`http://host/path`) is allowed by HTTP/1.1: keep its path.
    let target = match target
        .strip_prefix("http://")
        .or_else(|| target.strip_prefix("https://"))
    {
        Some(rest) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => target,
    };
    if !target.starts_with('/') {
        return Err(400);
    }
    let target = target.split('#').next().unwrap_or_default();
    let (raw_path, query) = match target.find('?') {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    };
    let decoded = percent_decode(raw_path).ok_or(400u16)?;
    let decoded = String::from_utf8(decoded).map_err(|_| 400u16)?;
    if decoded.contains('\\') || decoded.chars().any(char::is_control) {
        return Err(400);
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            // `//` collapses, as a static file server would.
            "" => {}
            "." | ".." => return Err(400),
            s => segments.push(s.to_string()),
        }
    }
    Ok(RequestPath {
        trailing_slash: decoded.ends_with('/'),
        segments,
        query: query.to_string(),
    })
}

/// `%XX` decoding; `None` on a malformed escape. `+` stays `+` (it is not a space in paths).
pub(crate) fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Percent-encodes what may not appear in a URL path (for `Location` headers).
pub(crate) fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The Content-Type for an output path, by extension.
pub(crate) fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" | "map" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// One response, written whole (never streamed; events are written by `events`).
#[derive(Debug)]
pub(crate) struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body: body.into(),
        }
    }

    /// A short plain-text response for errors the site's pages cannot answer.
    pub fn text(status: u16, message: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            format!("{status} {}\n{message}\n", reason(status)),
        )
    }

    pub fn redirect(status: u16, location: &str) -> Response {
        let mut response = Response::text(status, &format!("See {location}"));
        response.headers.push(("Location", location.to_string()));
        response
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

pub(crate) fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

/// Writes `response`; with `head_only` (a HEAD request) the body is left out but its
/// length is still announced. Every response says `no-store`: a preview must never show a
/// cached page.
pub(crate) fn write_response(
    stream: &mut impl Write,
    response: &Response,
    head_only: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: {}\r\n\r\n",
        response.body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    ));
    let mut bytes = head.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&response.body);
    }
    stream.write_all(&bytes)?;
    stream.flush()
}

/// Closes a connection after an error response without losing the response: stop
/// writing, then read (and drop) what the client is still sending for a short while, so
/// the kernel does not answer unread data with a reset that could discard the response.
pub(crate) fn linger_close(stream: &mut TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let deadline = Instant::now() + Duration::from_millis(500);
    let mut sink = [0u8; 16 * 1024];
    let mut drained = 0usize;
    while drained < 4 * 1024 * 1024 {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Option<(Request, usize)>, u16> {
        parse_head(text.as_bytes())
    }

    #[test]
    fn parses_a_request_head_and_its_connection_options() {
        let (request, used) = parse("GET /a/?q=1 HTTP/1.1\r\nHost: x\r\n\r\nNEXT")
            .unwrap()
            .unwrap();
        assert_eq!(request.method, "GET");
        assert_eq!(request.target, "/a/?q=1");
        assert!(request.keep_alive && !request.has_body);
        assert_eq!(used, "GET /a/?q=1 HTTP/1.1\r\nHost: x\r\n\r\n".len());

        let (request, _) = parse("GET / HTTP/1.0\n\n").unwrap().unwrap();
        assert!(!request.keep_alive);
        let (request, _) = parse("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
            .unwrap()
            .unwrap();
        assert!(!request.keep_alive);
        let (request, _) = parse("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")
            .unwrap()
            .unwrap();
        assert!(request.has_body);
    }

    #[test]
    fn incomplete_heads_wait_for_more_and_oversized_ones_are_refused() {
        assert_eq!(parse("GET / HTTP/1.1\r\nHost: x\r\n"), Ok(None));
        assert_eq!(parse(""), Ok(None));
        let long_line = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_REQUEST_LINE));
        assert_eq!(parse(&long_line), Err(414));
        // Still arriving, but already too long: refused without waiting for the rest.
        assert_eq!(
            parse(&format!("GET /{}", "a".repeat(MAX_REQUEST_LINE))),
            Err(414)
        );
        let many = format!(
            "GET / HTTP/1.1\r\n{}",
            "X-A: b\r\n".repeat(MAX_HEAD / 8 + 1)
        );
        assert_eq!(parse(&many), Err(431));
        let lines = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "X: y\r\n".repeat(MAX_HEADERS + 1)
        );
        assert_eq!(parse(&lines), Err(431));
    }

    #[test]
    fn malformed_heads_are_bad_requests() {
        for head in [
            "GET /\r\n\r\n",
            "GET / HTTP/2\r\n\r\n",
            "get / HTTP/1.1\r\n\r\n",
            "GET  / HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nno colon\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n",
        ] {
            assert_eq!(parse(head), Err(400), "{head:?}");
        }
    }

    #[test]
    fn targets_are_decoded_and_normalised() {
        let p = parse_target("/briefings/2025/07/x/?a=b#f").unwrap();
        assert_eq!(p.segments, ["briefings", "2025", "07", "x"]);
        assert!(p.trailing_slash);
        assert_eq!(p.query, "?a=b");
        assert_eq!(p.to_path(), "/briefings/2025/07/x/");
        let p = parse_target("/tags/s%C3%A3o%20tom%C3%A9").unwrap();
        assert_eq!(p.segments, ["tags", "são tomé"]);
        assert!(!p.trailing_slash);
        assert_eq!(parse_target("//a//b").unwrap().segments, ["a", "b"]);
        assert_eq!(parse_target("/").unwrap().to_path(), "/");
        assert_eq!(
            parse_target("http://127.0.0.1:1111/x/").unwrap().segments,
            ["x"]
        );
    }

    #[test]
    fn traversal_and_odd_targets_are_refused() {
        for target in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E/site.yaml",
            "/..%2fsite.yaml",
            "/a/%2e%2e%2f%2e%2e%2fsite.yaml",
            "/a/./b",
            "/a\\..\\b",
            "/a%5c..%5cb",
            "/a%00b",
            "/a%zz",
            "/a%2",
            "/%ff",
            "site.yaml",
            "*",
            "C:/x",
        ] {
            assert_eq!(parse_target(target), Err(400), "{target}");
        }
    }

    #[test]
    fn content_types_follow_the_extension() {
        for (path, expected) in [
            ("index.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("atom.xml", "application/xml; charset=utf-8"),
            ("feed.json", "application/json"),
            ("i.svg", "image/svg+xml"),
            ("i.PNG", "image/png"),
            ("i.jpg", "image/jpeg"),
            ("i.jpeg", "image/jpeg"),
            ("i.webp", "image/webp"),
            ("f.woff2", "font/woff2"),
            ("favicon.ico", "image/x-icon"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("CNAME", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), expected, "{path}");
        }
    }

    #[test]
    fn responses_announce_length_and_never_cache() {
        let mut out = Vec::new();
        let response = Response::new(200, "text/plain", "hello");
        write_response(&mut out, &response, false, true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
        assert!(text.contains("Content-Length: 5\r\n"));
        assert!(text.contains("Cache-Control: no-store\r\n"));
        assert!(text.ends_with("\r\n\r\nhello"));
        let mut out = Vec::new();
        write_response(&mut out, &response, true, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Content-Length: 5\r\n") && text.ends_with("\r\n\r\n"));
        assert!(text.contains("Connection: close"));
    }

    #[test]
    fn location_paths_are_encoded() {
        assert_eq!(
            percent_encode_path("/tags/são tomé/"),
            "/tags/s%C3%A3o%20tom%C3%A9/"
        );
        assert_eq!(percent_encode_path("/a-b_c.d/"), "/a-b_c.d/");
    }
}
