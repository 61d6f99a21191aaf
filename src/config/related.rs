//! `related:` — how many related briefings a briefing shows and what each taxonomy's shared
//! terms weigh (read by `site::related`).

use std::collections::BTreeMap;

use crate::diagnostics::did_you_mean;
use crate::yaml::Node;

use super::problem::{Checked, Problem, checked};

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
/// number from 0 to 100; 0 leaves that taxonomy out). Whether the weights name taxonomies
/// of the site is `unknown_taxonomies`' question, as those may be declared further down.
pub(super) fn parse_related(node: &Node) -> Checked<RelatedConfig> {
    let Some(fields) = node.as_mapping() else {
        return Err(vec![Problem::value(
            node,
            "expected a mapping such as `{ limit: 5, weights: { regions: 3, tags: 1 } }`",
        )]);
    };
    let mut related = RelatedConfig::default();
    let mut problems = Vec::new();
    for (key, value) in fields {
        match key.as_str() {
            "limit" => match value.decode::<u64>() {
                Ok(n) if n <= 100 => related.limit = n as usize,
                _ => problems.push(Problem::value(
                    &value,
                    "`limit` must be a whole number from 0 (none) to 100",
                )),
            },
            "weights" => related.weights = parse_weights(&value, &mut problems),
            other => problems.push(Problem::unknown_key(
                &value,
                other,
                &["limit", "weights"],
                format!("unknown setting `{other}` (use `limit` and `weights`)"),
            )),
        }
    }
    checked(related, problems)
}

fn parse_weights(node: &Node, problems: &mut Vec<Problem>) -> BTreeMap<String, u32> {
    let Some(fields) = node.as_mapping() else {
        problems.push(Problem::value(
            node,
            "`weights` must map taxonomy names to whole numbers, e.g. `{ regions: 3, tags: 1 }`",
        ));
        return BTreeMap::new();
    };
    let mut weights = BTreeMap::new();
    for (name, value) in fields {
        match value.decode::<u64>() {
            Ok(weight) if weight <= 100 => {
                weights.insert(name, weight as u32);
            }
            _ => problems.push(Problem::value(
                &value,
                format!("the weight of `{name}` must be a whole number from 0 to 100"),
            )),
        }
    }
    weights
}

/// The weights in `related:` (its `node`) of taxonomies that are not among `declared`.
pub(super) fn unknown_taxonomies(node: &Node, declared: &[&str]) -> Vec<Problem> {
    let weights = node.as_mapping().into_iter().flatten();
    let weights = weights
        .filter(|(key, _)| key == "weights")
        .filter_map(|(_, value)| value.as_mapping());
    let mut problems = Vec::new();
    for (name, value) in weights.flatten() {
        if declared.contains(&name.as_str()) {
            continue;
        }
        let hint = match did_you_mean(&name, declared.iter().copied()) {
            Some(known) => format!("did you mean `{known}`?"),
            None => format!("the taxonomies are {}", declared.join(", ")),
        };
        problems.push(
            Problem::key(
                &value,
                format!("`{name}` in `weights` is not a taxonomy of this site"),
            )
            .with_hint(hint),
        );
    }
    problems
}
