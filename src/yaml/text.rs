//! The text an editor wrote for the scalars the YAML crate types as numbers or booleans
//! (`1e3`, `1.50`, `0x1F`, `True`), which its values only keep as 1000.0, 1.5, 31, true.
//!
//! The crate exposes no positions or raw text on its values, but its deserializer hands out
//! any scalar's text when asked for a string. So when a parsed value holds a number or a
//! boolean, the text is parsed a second time, guided by the value's shape: a string is
//! asked for exactly where the first pass found a number or a boolean. Values without one
//! (nearly all front matter) skip the second pass.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_yaml::Value;

/// The source text of the typed scalars in a value, mirroring its shape.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) enum Text {
    /// The value itself says how it was written: a string, null, or a container of only
    /// such (also the fast path's numbers and booleans, which it accepts only when written
    /// the way the crate prints them).
    #[default]
    OfValue,
    /// A number or boolean scalar, as written.
    Scalar(Box<str>),
    /// The texts of a sequence's items, in order.
    Seq(Vec<Text>),
    /// The texts of a mapping's keys and values, in order.
    Map(Vec<(Text, Text)>),
}

impl Text {
    /// The text of item `index` of a sequence or mapping value with these texts.
    pub(super) fn item(&self, index: usize) -> Text {
        match self {
            Text::Seq(items) => items.get(index).cloned().unwrap_or_default(),
            _ => Text::OfValue,
        }
    }

    /// The texts of entry `index` (key, value) of a mapping with these texts.
    pub(super) fn entry(&self, index: usize) -> (Text, Text) {
        match self {
            Text::Map(entries) => entries.get(index).cloned().unwrap_or_default(),
            _ => (Text::OfValue, Text::OfValue),
        }
    }
}

/// Whether `value` holds a number or boolean anywhere (keys included).
pub(super) fn has_typed_scalars(value: &Value) -> bool {
    match value {
        Value::Number(_) | Value::Bool(_) => true,
        Value::Sequence(items) => items.iter().any(has_typed_scalars),
        Value::Mapping(m) => m
            .iter()
            .any(|(k, v)| has_typed_scalars(k) || has_typed_scalars(v)),
        Value::Null | Value::String(_) | Value::Tagged(_) => false,
    }
}

/// `value` with every number or boolean mapping key replaced by the text written, or
/// `None` when it has no such key (the common case: nothing is copied).
pub(super) fn with_text_keys(value: &Value, text: &Text) -> Option<Value> {
    fn has_typed_key(value: &Value) -> bool {
        match value {
            Value::Sequence(items) => items.iter().any(has_typed_key),
            Value::Mapping(m) => m
                .iter()
                .any(|(k, v)| matches!(k, Value::Number(_) | Value::Bool(_)) || has_typed_key(v)),
            _ => false,
        }
    }
    fn rebuild(value: &Value, text: &Text) -> Value {
        match value {
            Value::Sequence(items) => Value::Sequence(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| rebuild(item, &text.item(i)))
                    .collect(),
            ),
            Value::Mapping(m) => Value::Mapping(
                m.iter()
                    .enumerate()
                    .map(|(i, (k, v))| {
                        let (key_text, value_text) = text.entry(i);
                        let key = match (k, key_text) {
                            (Value::Number(_) | Value::Bool(_), Text::Scalar(written)) => {
                                Value::String(written.into())
                            }
                            (Value::Number(n), _) => Value::String(n.to_string()),
                            (Value::Bool(b), _) => Value::String(b.to_string()),
                            (other, _) => other.clone(),
                        };
                        (key, rebuild(v, &value_text))
                    })
                    .collect(),
            ),
            other => other.clone(),
        }
    }
    has_typed_key(value).then(|| rebuild(value, text))
}

/// The texts of `value`, which the crate parsed from `yaml`. Should the second pass fail
/// (it reads the same events as the first, so it does not), the value's own text is used.
pub(super) fn source_texts(yaml: &str, value: &Value) -> Text {
    if !has_typed_scalars(value) {
        return Text::OfValue;
    }
    Shape(value)
        .deserialize(serde_yaml::Deserializer::from_str(yaml))
        .unwrap_or_default()
}

/// Reads one node whose first-pass value was `.0`.
struct Shape<'a>(&'a Value);

impl<'de> DeserializeSeed<'de> for Shape<'_> {
    type Value = Text;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Text, D::Error> {
        match self.0 {
            Value::Number(_) | Value::Bool(_) => d.deserialize_str(ScalarText),
            Value::Sequence(items) if has_typed_scalars(self.0) => {
                d.deserialize_seq(SeqShape(items))
            }
            Value::Mapping(m) if has_typed_scalars(self.0) => d.deserialize_map(MapShape(m)),
            _ => d.deserialize_ignored_any(IgnoredAny).map(|_| Text::OfValue),
        }
    }
}

struct ScalarText;

impl Visitor<'_> for ScalarText {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a scalar")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text::Scalar(v.into()))
    }
}

struct SeqShape<'a>(&'a [Value]);

impl<'de> Visitor<'de> for SeqShape<'_> {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Text, A::Error> {
        let mut texts = Vec::with_capacity(self.0.len());
        for item in self.0 {
            match seq.next_element_seed(Shape(item))? {
                Some(text) => texts.push(text),
                None => break,
            }
        }
        Ok(Text::Seq(texts))
    }
}

struct MapShape<'a>(&'a serde_yaml::Mapping);

impl<'de> Visitor<'de> for MapShape<'_> {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        let mut texts = Vec::with_capacity(self.0.len());
        for (key, value) in self.0 {
            let Some(key) = map.next_key_seed(Shape(key))? else {
                break;
            };
            texts.push((key, map.next_value_seed(Shape(value))?));
        }
        Ok(Text::Map(texts))
    }
}
