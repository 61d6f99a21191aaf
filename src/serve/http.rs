//! A deliberately small HTTP/1.1 layer for the preview server: reading one request head
//! with hard limits, decoding and normalising the request path, and writing responses.
//! It knows nothing about sites: routing lives in `routes`. It never touches the disk.
//!
//! Limits (each answered with a status, then the connection is closed):
//! request line over `MAX_REQUEST_LINE` → 414, head over `MAX_HEAD` or too many header lines
//! → 431, a head that does not arrive within `HEAD_TIMEOUT` → the connection is dropped,
//! more than 8 empty lines before the request line, a control character in the request line
//! or a header, or anything else malformed → 400.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// Longest request line (method, target, version) accepted.
pub(crate) const MAX_REQUEST_LINE: usize = 8 * 1024;
/// Longest request head (request line and headers) accepted.
pub(crate) const MAX_HEAD: usize = 32 * 1024;
const MAX_HEADERS: usize = 100;
/// Bytes of empty lines accepted before a request line (8 CRLF pairs).
const MAX_LEADING_EMPTY: usize = 16;
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
    /// The host the request is for, as sent: the authority of an absolute-form target
    /// (which RFC 9112 §3.2.2 says wins over the Host header), else the Host header.
    /// `None` only for HTTP/1.0 without a Host header.
    pub host: Option<String>,
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
    let mut scan = HeadScan::default();
    let mut chunk = [0u8; 8192];
    loop {
        match scan.advance(buf) {
            Ok(Some(end)) => {
                let request = parse_request(&buf[scan.start..end]);
                buf.drain(..end);
                return request.map_err(ReadError::Reject);
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
/// (`read_request` keeps its scan between reads instead.)
#[cfg(test)]
fn parse_head(buf: &[u8]) -> Result<Option<(Request, usize)>, u16> {
    let mut scan = HeadScan::default();
    match scan.advance(buf)? {
        Some(end) => Ok(Some((parse_request(&buf[scan.start..end])?, end))),
        None => Ok(None),
    }
}

/// The search for the end of a request head as bytes arrive. It remembers how far it got,
/// so each byte is looked at once however the head is split into reads, and it enforces
/// the size limits while the head is still arriving.
#[derive(Debug, Default)]
struct HeadScan {
    /// Where the request line starts, after the empty lines allowed before it.
    start: usize,
    /// Whether `start` is known yet.
    started: bool,
    /// Where the line being looked for starts.
    line: usize,
    /// Bytes before this offset hold no line end after `line`.
    seen: usize,
    /// Whole lines seen so far, the request line included.
    lines: usize,
}

impl HeadScan {
    /// `Ok(Some(end))`: the head (with its empty lines before) is `buf[..end]` and its
    /// request line starts at `self.start`. `Ok(None)`: more bytes are needed.
    fn advance(&mut self, buf: &[u8]) -> Result<Option<usize>, u16> {
        if !self.started {
            // RFC 9112 §2.2 asks servers to ignore at least one empty line before a
            // request; a few are allowed, a stream of them is not a request.
            let empty = buf
                .iter()
                .take(MAX_LEADING_EMPTY + 1)
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            if empty > MAX_LEADING_EMPTY {
                return Err(400);
            }
            if empty == buf.len() {
                return Ok(None);
            }
            (self.start, self.line, self.seen, self.started) = (empty, empty, empty, true);
        }
        while let Some(n) = buf[self.seen..].iter().position(|&b| b == b'\n') {
            let end = self.seen + n + 1;
            let line = &buf[self.line..end - 1];
            if self.lines == 0 && line.len() > MAX_REQUEST_LINE {
                return Err(414);
            }
            if end - self.start > MAX_HEAD {
                return Err(431);
            }
            if self.lines > 0 && (line.is_empty() || line == b"\r") {
                return Ok(Some(end));
            }
            self.lines += 1;
            if self.lines > MAX_HEADERS + 1 {
                return Err(431);
            }
            (self.line, self.seen) = (end, end);
        }
        self.seen = buf.len();
        if self.lines == 0 && buf.len() - self.start > MAX_REQUEST_LINE {
            return Err(414);
        }
        if buf.len() - self.start > MAX_HEAD {
            return Err(431);
        }
        Ok(None)
    }
}

/// Parses a complete head (request line first, empty line last).
fn parse_request(head: &[u8]) -> Result<Request, u16> {
    let head = std::str::from_utf8(head).map_err(|_| 400u16)?;
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request_line = lines.next().unwrap_or_default();
    // Control characters (a bare CR above all) have no place in a request line, and one
    // that got through could end up in a response header (a redirect keeps the query).
    if request_line.chars().any(char::is_control) {
        return Err(400);
    }
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
    let mut host_header: Option<&str> = None;
    for line in lines.take_while(|l| !l.is_empty()) {
        let Some((name, value)) = line.split_once(':') else {
            return Err(400);
        };
        if name.is_empty() || name.contains([' ', '\t']) {
            return Err(400);
        }
        // A field value may hold tabs, but no other control character (a bare CR above
        // all, which some clients read as a line end).
        if value.chars().any(|c| c.is_control() && c != '\t') {
            return Err(400);
        }
        let value = value.trim();
        if name.eq_ignore_ascii_case("host") {
            // RFC 9112 §3.2: more than one Host is a bad request.
            if host_header.replace(value).is_some() {
                return Err(400);
            }
        } else if name.eq_ignore_ascii_case("connection") {
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
    // RFC 9112 §3.2: an HTTP/1.1 request without a Host is a bad request.
    if http11 && host_header.is_none() {
        return Err(400);
    }
    let host = absolute_form(target)
        .map(|(authority, _)| authority)
        .or(host_header);
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        host: host.map(str::to_string),
        keep_alive,
        has_body,
    })
}

/// A request path, percent-decoded and split into segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RequestPath {
    /// Decoded segments, none empty, none `.` or `..`.
    pub segments: Vec<String>,
    /// The path ended with `/` (or was `/`).
    pub trailing_slash: bool,
    /// The query string with its `?`, or empty; kept for redirects, so escaped: anything
    /// but the characters a URL query may hold is percent-encoded.
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
/// in a segment by `%2f`), backslashes, NUL and other control characters (raw anywhere in
/// the target, or escaped in its path), bad escapes, bytes that are not UTF-8, and targets
/// that are not a path from the root.
pub(crate) fn parse_target(target: &str) -> Result<RequestPath, u16> {
    if target.chars().any(char::is_control) {
        return Err(400);
    }
    // An absolute-form target (`http://host/path`) is allowed by HTTP/1.1: keep its path.
    let target = absolute_form(target).map_or(target, |(_, path)| path);
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
        query: percent_encode_query(query),
    })
}

/// Splits an absolute-form target (`http://host:1111/path?q`) into its authority and
/// the rest (`/` when it has no path); `None` for any other form.
fn absolute_form(target: &str) -> Option<(&str, &str)> {
    let rest = target
        .strip_prefix("http://")
        .or_else(|| target.strip_prefix("https://"))?;
    Some(match rest.find(['/', '?', '#']) {
        Some(i) if rest.as_bytes()[i] == b'/' => (&rest[..i], &rest[i..]),
        Some(i) => (&rest[..i], "/"),
        None => (rest, "/"),
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

/// Percent-encodes what may not appear in a URL query (RFC 3986: anything but unreserved
/// characters, sub-delimiters, `:@/?` and `%`, which is left as it is so escapes stay).
pub(crate) fn percent_encode_query(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    for b in query.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?%".contains(&b) {
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
        403 => "Forbidden",
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
        let (request, _) = parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap()
            .unwrap();
        assert!(!request.keep_alive);
        let (request, _) = parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
            .unwrap()
            .unwrap();
        assert!(request.has_body);
    }

    #[test]
    fn the_host_is_the_header_or_an_absolute_targets_authority() {
        let host = |head: &str| parse(head).map(|r| r.unwrap().0.host);
        assert_eq!(
            host("GET / HTTP/1.1\r\nhost:  Localhost:1111 \r\n\r\n"),
            Ok(Some("Localhost:1111".into()))
        );
        assert_eq!(
            host("GET http://evil.example:80/a HTTP/1.1\r\nHost: localhost\r\n\r\n"),
            Ok(Some("evil.example:80".into()))
        );
        assert_eq!(
            host("GET http://evil.example?x HTTP/1.1\r\nHost: localhost\r\n\r\n"),
            Ok(Some("evil.example".into()))
        );
        assert_eq!(host("GET / HTTP/1.0\r\n\r\n"), Ok(None));
        // RFC 9112 §3.2: HTTP/1.1 needs exactly one.
        assert_eq!(host("GET / HTTP/1.1\r\n\r\n"), Err(400));
        assert_eq!(
            host("GET / HTTP/1.1\r\nHost: localhost\r\nHOST: evil.example\r\n\r\n"),
            Err(400)
        );
        assert_eq!(
            parse_target("http://evil.example?x").unwrap().to_path(),
            "/"
        );
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
            "GET / HTTP/1.1\r\nHost: x\r\nno colon\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: x\r\n\r\n",
        ] {
            assert_eq!(parse(head), Err(400), "{head:?}");
        }
    }

    #[test]
    fn a_few_empty_lines_before_the_request_line_are_skipped_and_more_are_refused() {
        let head = format!("{}GET / HTTP/1.1\r\nHost: x\r\n\r\n", "\r\n".repeat(8));
        let (request, used) = parse(&head).unwrap().unwrap();
        assert_eq!((request.target.as_str(), used), ("/", head.len()));
        assert!(parse("\n\nGET / HTTP/1.0\n\n").unwrap().is_some());
        // One more than allowed: refused, complete or still arriving, without waiting.
        let nine = "\r\n".repeat(9);
        assert_eq!(parse(&format!("{nine}GET / HTTP/1.1\r\n\r\n")), Err(400));
        assert_eq!(parse(&nine), Err(400));
        assert_eq!(parse(&"\n".repeat(100_000)), Err(400));
    }

    #[test]
    fn a_head_arriving_byte_by_byte_is_scanned_once() {
        // Rescanning the whole buffer on every read would make this quadratic: about
        // 10^9 steps for a 32 KiB head sent one byte per packet.
        let head = format!(
            "GET / HTTP/1.1\r\nX-Long: {}\r\n\r\n",
            "b".repeat(MAX_HEAD - 100)
        );
        let bytes = head.as_bytes();
        let started = Instant::now();
        let mut scan = HeadScan::default();
        for end in 1..bytes.len() {
            assert_eq!(scan.advance(&bytes[..end]), Ok(None));
        }
        assert_eq!(scan.advance(bytes), Ok(Some(bytes.len())));
        assert!(
            started.elapsed() < Duration::from_millis(500),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn control_characters_anywhere_in_the_head_are_refused() {
        for head in [
            "GET /a?b\rSet-Cookie:x=1 HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /a?b\tc HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /a?b\x01c HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /a?b\x7fc HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /a?b\0c HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x0bb\r\n\r\n",
        ] {
            assert_eq!(parse(head), Err(400), "{head:?}");
        }
        // A tab is allowed inside a header value.
        assert!(
            parse("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\tb\r\n\r\n")
                .unwrap()
                .is_some()
        );
        for target in ["/a?b\rc", "/a?b\tc", "/a?\x7f", "/a?\u{85}"] {
            assert_eq!(parse_target(target), Err(400), "{target:?}");
        }
    }

    #[test]
    fn queries_kept_for_redirects_are_escaped() {
        let p = parse_target("/a?q=s\u{e3}o <b>\"x\"{|}^`\\&r=%41").unwrap();
        assert_eq!(
            p.query,
            "?q=s%C3%A3o%20%3Cb%3E%22x%22%7B%7C%7D%5E%60%5C&r=%41"
        );
        assert_eq!(
            parse_target("/a?x=1&y=/b:c@d?e").unwrap().query,
            "?x=1&y=/b:c@d?e"
        );
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
