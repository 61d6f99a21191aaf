//! `style:` — the desk's house style: words to avoid and the form to write instead, and
//! whether finding one warns or stops the build. Checked by `content::style`.

use crate::diagnostics::did_you_mean;
use crate::yaml::Node;

/// `style:` — the desk's house style, checked in what editors write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseStyle {
    /// Word or phrase to avoid → the form to write, in site.yaml order.
    pub prefer: Vec<(String, String)>,
    /// How findings are reported: warnings (the default) or errors that stop the build.
    pub level: crate::diagnostics::Severity,
}

impl Default for HouseStyle {
    fn default() -> Self {
        HouseStyle {
            prefer: Vec::new(),
            level: crate::diagnostics::Severity::Warning,
        }
    }
}

/// `style: { prefer: { Kiev: Kyiv }, level: warning | error }`.
pub(super) fn parse_style(node: &Node) -> Result<HouseStyle, String> {
    use crate::diagnostics::Severity;
    let mut style = HouseStyle::default();
    if node.is_null() {
        return Ok(style);
    }
    let fields = node
        .as_mapping()
        .ok_or("expected `prefer:` (words to avoid: what to write) and `level:`")?;
    for (key, value) in fields {
        match key.as_str() {
            "prefer" if value.is_null() => {}
            "prefer" => {
                let pairs = value.as_mapping().ok_or(
                    "`prefer` maps each word to avoid to the one to write, such as `Kiev: Kyiv`",
                )?;
                for (avoid, write) in pairs {
                    let write = write.as_scalar_text().unwrap_or_default();
                    if avoid.trim().is_empty() || write.trim().is_empty() {
                        return Err(format!(
                            "`prefer` needs a word on both sides of `:`, found `{avoid}: {write}`"
                        ));
                    }
                    if avoid == write {
                        return Err(format!("`{avoid}` is mapped to itself"));
                    }
                    style.prefer.push((avoid, write.trim().to_string()));
                }
            }
            "level" => {
                style.level = match value.as_scalar_text().unwrap_or_default().trim() {
                    "warning" => Severity::Warning,
                    "error" => Severity::Error,
                    other => {
                        return Err(format!(
                            "`level: {other}` is not a level; use `warning` (the default) or `error` (refuses to build)"
                        ));
                    }
                }
            }
            other => {
                let hint = did_you_mean(other, ["prefer", "level"])
                    .map_or_else(String::new, |k| format!("; did you mean `{k}`?"));
                return Err(format!("unknown setting `{other}`{hint}"));
            }
        }
    }
    Ok(style)
}
