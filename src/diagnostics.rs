//! Findings for editors: one `Diagnostic` type with a file, a line, a column, a plain-words
//! message and a hint, plus its two renderings (human text with a source excerpt, and GitHub
//! Actions annotations). Everything that can be wrong with a site becomes a `Diagnostic`;
//! nothing here decides what is wrong.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a finding is. Errors fail the build; warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding about the site's input, pointing at a file and (where known) a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root where possible (what an editor sees in their tree).
    pub path: PathBuf,
    /// 1-based line; 0 when the finding concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The offending line of the file, for the excerpt under the message.
    pub snippet: Option<String>,
    /// The family of check that found it (`links`, `front matter`…): the title of a
    /// GitHub annotation. None: a plain "sitrep" title.
    pub rule: Option<&'static str>,
}

impl Diagnostic {
    pub fn error(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            col,
            message: message.into(),
            hint: None,
            snippet: None,
            rule: None,
        }
    }

    pub fn warning(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, col, message)
        }
    }

    /// Names the family of check that found this, unless one is named already.
    pub fn with_rule(mut self, rule: &'static str) -> Self {
        self.rule.get_or_insert(rule);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attaches the text of `line` from `source` as the excerpt shown under the message.
    pub fn with_source_line(mut self, source: &str) -> Self {
        if self.line > 0 {
            self.snippet = source.lines().nth(self.line - 1).map(str::to_owned);
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, leaving out the parts that are unknown.
    pub fn location(&self) -> String {
        let path = display_path(&self.path);
        match (self.line, self.col) {
            (0, _) => path,
            (line, 0) => format!("{path}:{line}"),
            (line, col) => format!("{path}:{line}:{col}"),
        }
    }

    /// One GitHub Actions workflow command, so the finding shows inline on a pull request.
    pub fn to_github(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = format!("file={}", escape_github_property(&display_path(&self.path)));
        if self.line > 0 {
            props.push_str(&format!(",line={}", self.line));
        }
        if self.col > 0 {
            props.push_str(&format!(",col={}", self.col));
        }
        let title = match self.rule {
            Some(rule) => format!("sitrep: {rule}"),
            None => "sitrep".to_string(),
        };
        props.push_str(&format!(",title={}", escape_github_property(&title)));
        let mut message = self.message.clone();
        if let Some(hint) = &self.hint {
            message.push_str(" — ");
            message.push_str(hint);
        }
        // Backticks stay: they are what the editor types (a code fence, a key), and a
        // workflow command only needs `%`, CR and LF escaped in its data.
        format!("::{kind} {props}::{}", escape_github_data(&message))
    }
}

impl fmt::Display for Diagnostic {
    /// rustc-like text: `path:line:col: error: message`, the excerpt with a caret, the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {kind}: {}", self.location(), self.message)?;
        if let Some(snippet) = &self.snippet {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            write!(f, "\n {gutter} |\n {number} | {snippet}")?;
            if self.col > 0 {
                let pad: String = snippet
                    .chars()
                    .take(self.col - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n {gutter} | {pad}^")?;
            }
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Forward slashes on every platform, so messages and annotations look the same everywhere.
fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn escape_github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_github_property(text: &str) -> String {
    escape_github_data(text)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// Names the family of check for every finding in `diagnostics` that names none yet.
pub fn set_rule(diagnostics: &mut [Diagnostic], rule: &'static str) {
    for d in diagnostics {
        d.rule.get_or_insert(rule);
    }
}

/// Sorts findings by file, line and column so output is stable whatever order they were found in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.col, a.severity, &a.message)
            .cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
    });
}

/// The closest of `candidates` to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word, &c.to_lowercase()), c))
        .filter(|(distance, c)| *distance <= (c.len().max(word.len()) / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// Optimal-string-alignment distance: transpositions (`tgas` → `tags`) count as one edit.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_transposed_and_misspelt_keys() {
        let keys = ["title", "date", "tags", "regions", "summary"];
        assert_eq!(did_you_mean("tgas", keys), Some("tags"));
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("region", keys), Some("regions"));
        assert_eq!(did_you_mean("colour", keys), None);
    }

    #[test]
    fn text_rendering_points_at_the_column() {
        let d = Diagnostic::error("content/a.md", 3, 1, "unknown key `tgas`")
            .with_hint("did you mean `tags`?")
            .with_source_line("---\ntitle: x\ntgas: [a]\n");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:1: error: unknown key `tgas`\n   |\n 3 | tgas: [a]\n   | ^\n  = hint: did you mean `tags`?"
        );
    }

    #[test]
    fn github_rendering_escapes_properties_and_data() {
        let d = Diagnostic::warning("content/a,b.md", 2, 5, "50% done\nnext");
        assert_eq!(
            d.to_github(),
            "::warning file=content/a%2Cb.md,line=2,col=5,title=sitrep::50%25 done%0Anext"
        );
        let d = Diagnostic::error("content/a.md", 4, 1, "unknown key `tgas`")
            .with_hint("did you mean `tags`?")
            .with_rule("front matter");
        assert_eq!(
            d.to_github(),
            "::error file=content/a.md,line=4,col=1,title=sitrep%3A front matter::unknown key `tgas` — did you mean `tags`?"
        );
        // A hint quoting a code fence keeps its backticks; only `%`, CR and LF are escaped
        // in the data, and `:` and `,` as well in properties.
        let d = Diagnostic::warning("content/a:b.md", 7, 1, "a fence is not closed")
            .with_hint("close it with ``` on a line of its own, 100% alone");
        assert_eq!(
            d.to_github(),
            "::warning file=content/a%3Ab.md,line=7,col=1,title=sitrep::a fence is not closed — close it with ``` on a line of its own, 100%25 alone"
        );
    }
}
