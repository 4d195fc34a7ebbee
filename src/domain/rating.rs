//! Interview ratings: a four-point scale with no neutral middle.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A rating of one requirement, or an overall recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rating {
    /// 1: strong no.
    StrongNo = 1,
    /// 2: no.
    No = 2,
    /// 3: yes.
    Yes = 3,
    /// 4: strong yes.
    StrongYes = 4,
}

impl Rating {
    /// All ratings, lowest first.
    pub const ALL: [Rating; 4] = [Rating::StrongNo, Rating::No, Rating::Yes, Rating::StrongYes];

    /// The number stored (1–4).
    pub fn value(self) -> i64 {
        self as i64
    }

    /// From the stored number.
    pub fn from_value(n: i64) -> Option<Self> {
        Rating::ALL.into_iter().find(|r| r.value() == n)
    }

    /// Command-line key: `strong-no`, `no`, `yes`, `strong-yes`.
    pub fn key(self) -> &'static str {
        match self {
            Rating::StrongNo => "strong-no",
            Rating::No => "no",
            Rating::Yes => "yes",
            Rating::StrongYes => "strong-yes",
        }
    }

    /// Parse a key or a digit 1–4 (case and `_`/space insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        let k = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        if let Ok(n) = k.parse::<i64>() {
            return Rating::from_value(n);
        }
        Rating::ALL.into_iter().find(|r| r.key() == k)
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Rating::StrongNo => "Strong no",
            Rating::No => "No",
            Rating::Yes => "Yes",
            Rating::StrongYes => "Strong yes",
        }
    }

    /// Compact glyph for cards: `✗✗`, `✗`, `✓`, `✓✓`.
    pub fn glyph(self) -> &'static str {
        match self {
            Rating::StrongNo => "✗✗",
            Rating::No => "✗",
            Rating::Yes => "✓",
            Rating::StrongYes => "✓✓",
        }
    }

    /// Whether this leans towards hiring.
    pub fn is_positive(self) -> bool {
        self >= Rating::Yes
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_and_digits() {
        assert_eq!(Rating::parse("strong_yes"), Some(Rating::StrongYes));
        assert_eq!(Rating::parse("Strong No"), Some(Rating::StrongNo));
        assert_eq!(Rating::parse("3"), Some(Rating::Yes));
        assert_eq!(Rating::parse("0"), None);
        assert_eq!(Rating::parse("maybe"), None);
        for r in Rating::ALL {
            assert_eq!(Rating::parse(r.key()), Some(r));
            assert_eq!(Rating::from_value(r.value()), Some(r));
        }
    }
}
