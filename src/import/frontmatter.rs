//! YAML front matter: `title` and `description`, other keys ignored.

use serde_json::Value;

use super::inline::strip_markdown;
use super::warning::Warning;

/// What the front matter says, plus where the body starts.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    /// `title:`, markdown stripped.
    pub title: Option<String>,
    /// `description:`, markdown stripped.
    pub description: Option<String>,
    /// Byte range of the whole block including both `---` fences.
    pub span: Option<std::ops::Range<usize>>,
}

/// Read the front matter at the top of `src`, if any.
pub(crate) fn read(src: &str, warnings: &mut Vec<Warning>) -> FrontMatter {
    let Some((yaml, span)) = split(src) else {
        return FrontMatter::default();
    };
    let mut fm = FrontMatter { span: Some(span), ..FrontMatter::default() };
    if yaml.trim().is_empty() {
        return fm;
    }
    match serde_saphyr::from_str::<Value>(yaml) {
        Ok(value) => {
            fm.title = scalar(value.get("title"));
            fm.description = scalar(value.get("description"));
        }
        Err(err) => {
            // The YAML starts on line 2 of the page, after the opening fence.
            let line =
                err.location().and_then(|l| usize::try_from(l.line()).ok()).map_or(1, |l| l.max(1) + 1);
            let first = err.to_string();
            let first = first.lines().next().unwrap_or("invalid YAML");
            warnings.push(Warning {
                line,
                message: format!(
                    "front matter is not valid YAML ({first}); read `title:`/`description:` lines only"
                ),
            });
            fm.title = line_value(yaml, "title");
            fm.description = line_value(yaml, "description");
        }
    }
    fm
}

/// The YAML text and the byte span of the front matter block.
fn split(src: &str) -> Option<(&str, std::ops::Range<usize>)> {
    let src_nobom = src.strip_prefix('\u{feff}').unwrap_or(src);
    let bom = src.len() - src_nobom.len();
    let first_end = src_nobom.find('\n')?;
    if src_nobom[..first_end].trim_end() != "---" {
        return None;
    }
    let body_start = bom + first_end + 1;
    let mut pos = body_start;
    for line in src.get(body_start..)?.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = src.get(body_start..pos)?;
            return Some((yaml, 0..pos + line.len()));
        }
        pos += line.len();
    }
    None
}

/// A scalar YAML value as display text.
fn scalar(v: Option<&Value>) -> Option<String> {
    let text = match v? {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    let text = strip_markdown(&text);
    (!text.is_empty()).then_some(text)
}

/// Fallback for broken YAML: the value of a top-level `key:` line, unquoted.
fn line_value(yaml: &str, key: &str) -> Option<String> {
    yaml.lines().find_map(|line| {
        let rest = line.strip_prefix(key)?.trim_start();
        let value = rest.strip_prefix(':')?.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        let value = strip_markdown(value);
        (!value.is_empty()).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_title_and_description() {
        let mut w = Vec::new();
        let fm = read("---\ntitle: \"A, B\"\ndescription: x [y](z)\nother: [1]\n---\n# H\n", &mut w);
        assert_eq!(fm.title.as_deref(), Some("A, B"));
        assert_eq!(fm.description.as_deref(), Some("x y"));
        assert_eq!(fm.span, Some(0..55));
        assert!(w.is_empty());
    }

    #[test]
    fn broken_yaml_falls_back_with_a_warning() {
        let mut w = Vec::new();
        let fm = read("---\ntitle: Ok title\nbad: [unclosed\n---\n", &mut w);
        assert_eq!(fm.title.as_deref(), Some("Ok title"));
        assert_eq!(w.len(), 1);
        assert!(w[0].line >= 2, "{w:?}");
    }

    #[test]
    fn no_front_matter() {
        let mut w = Vec::new();
        assert_eq!(read("## Title\n", &mut w), FrontMatter::default());
        assert_eq!(read("---\nno closing fence\n", &mut w), FrontMatter::default());
    }
}
