//! `related:` — how many related briefings a briefing shows and what each taxonomy's shared
//! terms weigh (read by `site::related`).

use std::collections::BTreeMap;

use crate::yaml::Node;

/// `related: { limit: 5, weights: { regions: 3, actors: 2, tags: 1 } }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedConfig {
    /// At most this many related briefings per briefing; 0 shows none.
    pub limit: usize,
    /// Taxonomy name → weight of one shared term; taxonomies not named weigh 1.
    pub weights: BTreeMap<String, u32>,
}

impl Default for RelatedConfig {
    fn default() -> Self {
        RelatedConfig {
            limit: 5,
            weights: BTreeMap::new(),
        }
    }
}

impl RelatedConfig {
    /// The weight of one shared term of taxonomy `name` (1 unless site.yaml says otherwise).
    pub fn weight(&self, name: &str) -> u32 {
        self.weights.get(name).copied().unwrap_or(1)
    }
}

/// `related:` is a mapping with `limit` (0 to 100) and `weights` (taxonomy name → whole
/// number from 0 to 100; 0 leaves that taxonomy out).
pub(super) fn parse_related(node: &Node) -> Result<RelatedConfig, String> {
    let fields = node
        .as_mapping()
        .ok_or("expected a mapping such as `{ limit: 5, weights: { regions: 3, tags: 1 } }`")?;
    let mut related = RelatedConfig::default();
    for (key, value) in fields {
        match key.as_str() {
            "limit" => match value.decode::<u64>() {
                Ok(n) if n <= 100 => related.limit = n as usize,
                _ => return Err("`limit` must be a whole number from 0 (none) to 100".into()),
            },
            "weights" => {
                let weights = value.decode::<BTreeMap<String, u64>>().map_err(|_| {
                    "`weights` must map taxonomy names to whole numbers, e.g. `{ regions: 3, tags: 1 }`"
                })?;
                for (name, weight) in weights {
                    if weight > 100 {
                        return Err(format!(
                            "the weight of `{name}` must be a whole number from 0 to 100"
                        ));
                    }
                    related.weights.insert(name, weight as u32);
                }
            }
            other => {
                return Err(format!(
                    "unknown setting `{other}` (use `limit` and `weights`)"
                ));
            }
        }
    }
    Ok(related)
}
