//! `style:` — the desk's house style: words to avoid and the form to write instead, and
//! whether finding one warns or stops the build. Checked by `content::style`.

use crate::diagnostics::Severity;
use crate::yaml::Node;

use super::problem::{Checked, Problem, checked};

/// `style:` — the desk's house style, checked in what editors write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseStyle {
    /// Word or phrase to avoid → the form to write, in site.yaml order.
    pub prefer: Vec<(String, String)>,
    /// How findings are reported: warnings (the default) or errors that stop the build.
    pub level: Severity,
}

impl Default for HouseStyle {
    fn default() -> Self {
        HouseStyle {
            prefer: Vec::new(),
            level: Severity::Warning,
        }
    }
}

/// `style: { prefer: { Kiev: Kyiv }, level: warning | error }`; every bad part is reported.
pub(super) fn parse_style(node: &Node) -> Checked<HouseStyle> {
    let mut style = HouseStyle::default();
    if node.is_null() {
        return Ok(style);
    }
    let Some(fields) = node.as_mapping() else {
        return Err(vec![Problem::value(
            node,
            "expected `prefer:` (words to avoid: what to write) and `level:`",
        )]);
    };
    let mut problems = Vec::new();
    for (key, value) in fields {
        match key.as_str() {
            "prefer" => style.prefer = parse_prefer(&value, &mut problems),
            "level" => match parse_level(&value) {
                Ok(level) => style.level = level,
                Err(problem) => problems.push(problem),
            },
            other => problems.push(Problem::unknown_key(
                &value,
                other,
                &["prefer", "level"],
                format!("unknown setting `{other}`"),
            )),
        }
    }
    checked(style, problems)
}

/// `prefer:` — word or phrase to avoid → the form to write, in site.yaml order.
fn parse_prefer(node: &Node, problems: &mut Vec<Problem>) -> Vec<(String, String)> {
    if node.is_null() {
        return Vec::new();
    }
    let Some(pairs) = node.as_mapping() else {
        problems.push(Problem::value(
            node,
            "`prefer` maps each word to avoid to the one to write, such as `Kiev: Kyiv`",
        ));
        return Vec::new();
    };
    let mut prefer = Vec::new();
    for (avoid, write_node) in pairs {
        let write = write_node.as_scalar_text().unwrap_or_default();
        if avoid.trim().is_empty() || write.trim().is_empty() {
            problems.push(Problem::value(
                &write_node,
                format!("`prefer` needs a word on both sides of `:`, found `{avoid}: {write}`"),
            ));
        } else if avoid == write {
            problems.push(Problem::value(
                &write_node,
                format!("`{avoid}` is mapped to itself"),
            ));
        } else {
            prefer.push((avoid, write.trim().to_string()));
        }
    }
    prefer
}

fn parse_level(node: &Node) -> Result<Severity, Problem> {
    match node.as_scalar_text().unwrap_or_default().trim() {
        "warning" => Ok(Severity::Warning),
        "error" => Ok(Severity::Error),
        other => Err(Problem::value(
            node,
            format!(
                "`level: {other}` is not a level; use `warning` (the default) or `error` (refuses to build)"
            ),
        )),
    }
}
