//! Where a node sits in the text it was parsed from, for errors about values deep inside a
//! setting (`style:` → `level: fatal`, or `regions: lots` inside a flow mapping).
//!
//! The crate keeps no positions on its values, but its deserializer puts the position of
//! the node it is reading on any error a visitor returns. So a node remembers only its path
//! from the document's top-level mapping (a cheap chain of steps), and its position is found
//! when asked: the text is read again, every other node skipped, and a visitor fails on
//! purpose at the node wanted. Asking is rare (there is an error to report), so that second
//! reading costs nothing the rest of the time, and no position is ever guessed from the
//! text's layout.

use std::fmt;
use std::sync::Arc;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// One step down from a mapping or a sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// The value of a mapping's entry `n` (in document order).
    Value(usize),
    /// The key of a mapping's entry `n`.
    Key(usize),
    /// Item `n` of a sequence.
    Item(usize),
}

/// The path of a node from the document's root: its last step, and the place of the
/// mapping or sequence that step is taken from. Siblings share that parent (see
/// [`Place::parent`]), so a top-level value costs no allocation and the items of a list
/// cost one between them.
#[derive(Debug, Clone, Default)]
pub struct Place {
    parent: Option<Arc<Place>>,
    step: Option<Step>,
}

impl Place {
    /// The value of entry `index` of the top-level mapping.
    pub(super) fn top_level(index: usize) -> Place {
        Place {
            parent: None,
            step: Some(Step::Value(index)),
        }
    }

    /// This place, shared by the children of the node here (`value`, `item`).
    pub(super) fn parent(&self) -> Arc<Place> {
        Arc::new(self.clone())
    }

    /// The value of entry `index` of the mapping at `parent`.
    pub(super) fn value(parent: &Arc<Place>, index: usize) -> Place {
        Place {
            parent: Some(parent.clone()),
            step: Some(Step::Value(index)),
        }
    }

    /// Item `index` of the sequence at `parent`.
    pub(super) fn item(parent: &Arc<Place>, index: usize) -> Place {
        Place {
            parent: Some(parent.clone()),
            step: Some(Step::Item(index)),
        }
    }

    /// The key the value at this place is written under; a place that is not a mapping
    /// value (a list item, the root) is its own key.
    pub(super) fn key(&self) -> Place {
        match self.step {
            Some(Step::Value(index)) => Place {
                parent: self.parent.clone(),
                step: Some(Step::Key(index)),
            },
            _ => self.clone(),
        }
    }

    fn steps(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(place) = at {
            steps.extend(place.step);
            at = place.parent.as_deref();
        }
        steps.reverse();
        steps
    }

    /// The (1-based) line and column of this place in `text`, the text its node was parsed
    /// from; `None` when `text` has no node there (it is not that text).
    pub fn locate(&self, text: &str) -> Option<(usize, usize)> {
        let steps = self.steps();
        let error = Seek(&steps)
            .deserialize(serde_yaml::Deserializer::from_str(text))
            .err()?;
        // The crate puts the node's path (`style.level: `) before the message.
        if !error.to_string().contains(HERE) {
            return None;
        }
        let at = error.location()?;
        Some(super::errors::text_position(text, (at.line(), at.column())))
    }
}

/// The message of the error that marks the node wanted.
const HERE: &str = "sitrep: the node asked for";

/// Reads one node, going down `.0` to the node wanted.
struct Seek<'a>(&'a [Step]);

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.0.first() {
            None => d.deserialize_any(Here),
            Some(Step::Item(_)) => d.deserialize_seq(self),
            Some(Step::Value(_) | Step::Key(_)) => d.deserialize_map(self),
        }
    }
}

impl<'de> Visitor<'de> for Seek<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the shape the node was parsed with")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (Step::Item(index), rest) = (self.0[0], &self.0[1..]) else {
            return Ok(());
        };
        for _ in 0..index {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Seek(rest)).map(drop)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (index, rest) = match self.0[0] {
            Step::Value(index) | Step::Key(index) => (index, &self.0[1..]),
            Step::Item(_) => return Ok(()),
        };
        for _ in 0..index {
            if map.next_key::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
            map.next_value::<IgnoredAny>()?;
        }
        if let Step::Key(_) = self.0[0] {
            return map.next_key_seed(Seek(rest)).map(drop);
        }
        if map.next_key::<IgnoredAny>()?.is_none() {
            return Ok(());
        }
        map.next_value_seed(Seek(rest))
    }
}

/// Fails on whatever node it is given, so that the error carries that node's position.
struct Here;

impl<'de> Visitor<'de> for Here {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("nothing")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(HERE))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(HERE))
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(HERE))
    }
}

#[cfg(test)]
mod tests {
    use crate::yaml::{Node, parse_mapping};

    /// The node at `path` (keys of mappings, or list indices written as numbers) of `yaml`.
    fn node(yaml: &str, path: &[&str]) -> Node {
        let entries = parse_mapping(yaml).unwrap();
        let mut node = entries
            .into_iter()
            .find(|e| e.key == path[0])
            .unwrap()
            .value;
        for step in &path[1..] {
            node = match step.parse::<usize>() {
                Ok(index) => node.as_sequence().unwrap().swap_remove(index),
                Err(_) => {
                    let fields = node.as_mapping().unwrap();
                    fields.into_iter().find(|(k, _)| k == step).unwrap().1
                }
            };
        }
        node
    }

    fn value_at(yaml: &str, path: &[&str]) -> (usize, usize) {
        node(yaml, path).place().locate(yaml).unwrap()
    }

    fn key_at(yaml: &str, path: &[&str]) -> (usize, usize) {
        node(yaml, path).key_place().locate(yaml).unwrap()
    }

    #[test]
    fn values_and_keys_in_block_mappings_and_lists() {
        let yaml = "title: T\nstyle:\n  prefer:\n    - Kiev\n  level: fatal\n";
        assert_eq!(value_at(yaml, &["title"]), (1, 8));
        assert_eq!(value_at(yaml, &["style", "prefer"]), (4, 5));
        assert_eq!(value_at(yaml, &["style", "prefer", "0"]), (4, 7));
        assert_eq!(value_at(yaml, &["style", "level"]), (5, 10));
        assert_eq!(key_at(yaml, &["style", "level"]), (5, 3));
        let yaml = "taxonomies:\n  - tags\n  - name: authors\n    byline: yes\n";
        assert_eq!(value_at(yaml, &["taxonomies", "1", "byline"]), (4, 13));
        assert_eq!(value_at(yaml, &["taxonomies", "1"]), (3, 5));
        assert_eq!(key_at(yaml, &["taxonomies", "1"]), (3, 5));
    }

    #[test]
    fn values_inside_flow_collections() {
        let yaml = "related: { limit: 2, weights: { regions: lots } }\nfeeds: [a, 'b']\n";
        assert_eq!(value_at(yaml, &["related", "weights", "regions"]), (1, 42));
        assert_eq!(key_at(yaml, &["related", "weights", "regions"]), (1, 33));
        assert_eq!(value_at(yaml, &["feeds", "1"]), (2, 12));
    }

    #[test]
    fn nothing_is_at_its_key() {
        let yaml = "style:\n  level:\n  prefer: ~\n";
        assert_eq!(value_at(yaml, &["style", "level"]), (2, 3));
        assert_eq!(value_at(yaml, &["style", "prefer"]), (3, 3));
    }

    #[test]
    fn columns_count_characters_and_lines_end_at_newlines() {
        let yaml = "a: { Київ: x, Львів: 1.50 }\r\nb:\r\n  c: true\r\n";
        assert_eq!(value_at(yaml, &["a", "Львів"]), (1, 22));
        assert_eq!(value_at(yaml, &["b", "c"]), (3, 6));
    }

    #[test]
    fn another_text_has_no_place() {
        let place = node("a:\n  b: 1\n", &["a", "b"]).place();
        assert_eq!(place.locate("a: 1\n"), None);
        assert_eq!(place.locate("a: [\n"), None);
    }
}
