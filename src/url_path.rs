//! Paths in addresses as editors write them: `/images/front%20line.png` names the file
//! `static/images/front line.png`, as it does for a browser. The checks, the lead image and
//! the image sizes all read such a path the same way, and a hint that suggests a path writes
//! it in a form sitrep accepts.

use std::borrow::Cow;

/// `%20` → ` `; an invalid escape (`100%`) is kept as written.
pub fn percent_decode(text: &str) -> Cow<'_, str> {
    if !text.contains('%') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// A file path as it must be written in an address: spaces, `%`, `?`, `#`, quotes, angle
/// brackets and the other characters a URL cannot hold as they are, percent-encoded
/// (`front line.png` → `front%20line.png`). Letters of any script stay as they are: a
/// browser reads `/images/Київ.png`.
pub fn percent_encode(path: &str) -> Cow<'_, str> {
    let unsafe_byte = |b: u8| b.is_ascii_control() || b" \"#%<>?\\^`{|}".contains(&b);
    if !path.bytes().any(unsafe_byte) {
        return Cow::Borrowed(path);
    }
    let mut out = String::with_capacity(path.len() + 8);
    for c in path.chars() {
        if c.is_ascii() && unsafe_byte(c as u8) {
            out.push_str(&format!("%{:02X}", c as u8));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_decode_and_paths_encode_back_to_what_a_browser_asks_for() {
        assert_eq!(
            percent_decode("/img/front%20line.png"),
            "/img/front line.png"
        );
        assert_eq!(
            percent_decode("/img/%D0%9A%D0%B8%D1%97%D0%B2.png"),
            "/img/Київ.png"
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%2"), "%zz%2");
        assert!(matches!(percent_decode("/plain.png"), Cow::Borrowed(_)));

        assert_eq!(
            percent_encode("/img/front line.png"),
            "/img/front%20line.png"
        );
        assert_eq!(
            percent_encode("/img/100% #1?.png"),
            "/img/100%25%20%231%3F.png"
        );
        assert_eq!(percent_encode("/img/Київ.png"), "/img/Київ.png");
        for path in ["/img/front line.png", "/img/100% #1?.png", "/a\tb\"<>.png"] {
            assert_eq!(percent_decode(&percent_encode(path)), path);
        }
    }
}
