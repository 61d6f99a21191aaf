//! A page's fragment (`fragment/*.pf_fragment` before gzip): the JSON Pagefind's browser code
//! reads for a result, as serde_json writes Pagefind's own structure. The page's text, most of
//! the bytes, is escaped here rather than by serde_json, which looks at every byte in turn:
//! escaping it was 2.5% of the instructions of a build with search.

use std::collections::BTreeMap;

use serde::Serialize;

/// The JSON of a fragment, fields in Pagefind's order.
#[derive(Serialize)]
pub struct Fragment<'a> {
    pub url: &'a str,
    pub content: &'a str,
    pub word_count: usize,
    pub filters: &'a BTreeMap<String, Vec<String>>,
    pub meta: &'a BTreeMap<String, String>,
    pub anchors: Vec<FragmentAnchor<'a>>,
}

#[derive(Serialize)]
pub struct FragmentAnchor<'a> {
    pub element: &'a str,
    pub id: &'a str,
    pub text: &'a str,
    pub location: u32,
}

/// The fields after `content`, serialized by serde_json as they always were.
#[derive(Serialize)]
struct Rest<'a> {
    word_count: usize,
    filters: &'a BTreeMap<String, Vec<String>>,
    meta: &'a BTreeMap<String, String>,
    anchors: &'a [FragmentAnchor<'a>],
}

/// `serde_json::to_string(fragment)`, byte for byte.
pub fn to_json(fragment: &Fragment) -> String {
    let rest = Rest {
        word_count: fragment.word_count,
        filters: fragment.filters,
        meta: fragment.meta,
        anchors: &fragment.anchors,
    };
    // Serializing strings, numbers and maps of strings cannot fail.
    let rest = serde_json::to_string(&rest).unwrap_or_default();
    let mut out = String::with_capacity(fragment.content.len() + rest.len() + 64);
    out.push_str("{\"url\":");
    push_json_string(&mut out, fragment.url);
    out.push_str(",\"content\":");
    push_json_string(&mut out, fragment.content);
    out.push(',');
    // `rest` is an object: its fields follow ours.
    out.push_str(rest.strip_prefix('{').unwrap_or(&rest));
    out
}

/// Bytes looked at together: a block with nothing to escape is copied whole.
const BLOCK: usize = 32;

/// `text` as a JSON string, escaped as serde_json escapes it: `"` and `\`, the control
/// characters (`\b`, `\f`, `\n`, `\r`, `\t`, else `\u00xx`); nothing else.
fn push_json_string(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    out.push('"');
    let (mut copied, mut at) = (0, 0);
    while at < bytes.len() {
        // No early exit inside a block, so the compiler can test its bytes all at once.
        if let Some(block) = bytes.get(at..at + BLOCK)
            && !block.iter().fold(false, |found, &b| {
                found | (b < 0x20) | (b == b'"') | (b == b'\\')
            })
        {
            at += BLOCK;
            continue;
        }
        let escape = match bytes[at] {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0C => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            b if b < 0x20 => "",
            _ => {
                at += 1;
                continue;
            }
        };
        // Every byte escaped is ASCII, so `at` is a character boundary.
        out.push_str(&text[copied..at]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let b = bytes[at];
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xF)] as char);
        } else {
            out.push_str(escape);
        }
        at += 1;
        copied = at;
    }
    out.push_str(&text[copied..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut texts: Vec<String> = (0u8..0x80).map(|b| format!("a{}z", b as char)).collect();
        texts.push(String::new());
        texts.push("Київ — \u{7f}\u{85}\u{2028} 😀".into());
        // Escapes at block edges and inside long clean runs.
        let long: String = "word ".repeat(40);
        for at in [0, 1, 31, 32, 33, 63, 64, 199] {
            for special in ["\"", "\\", "\n", "\u{1}", "é", "\u{1f}"] {
                let mut text = long.clone();
                text.insert_str(at, special);
                texts.push(text);
            }
        }
        for text in &texts {
            let mut ours = String::new();
            push_json_string(&mut ours, text);
            assert_eq!(ours, serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn a_fragment_is_the_json_serde_json_writes() {
        let filters = BTreeMap::from([
            ("Kind".to_string(), vec!["report".to_string()]),
            (
                "Tags".to_string(),
                vec!["a \"b\"".to_string(), "c".to_string()],
            ),
        ]);
        let meta = BTreeMap::from([("title".to_string(), "T\\itle\n".to_string())]);
        let content = format!("{} \"quoted\" \u{2}", "text ".repeat(100));
        let fragment = Fragment {
            url: "/2025/07/a\"b/",
            content: &content,
            word_count: 103,
            filters: &filters,
            meta: &meta,
            anchors: vec![FragmentAnchor {
                element: "h2",
                id: "x",
                text: "Heading \"one\"",
                location: 7,
            }],
        };
        assert_eq!(
            to_json(&fragment),
            serde_json::to_string(&fragment).unwrap()
        );
        let empty = BTreeMap::new();
        let bare = Fragment {
            url: "/",
            content: "",
            word_count: 1,
            filters: &BTreeMap::new(),
            meta: &empty,
            anchors: Vec::new(),
        };
        assert_eq!(to_json(&bare), serde_json::to_string(&bare).unwrap());
    }
}
