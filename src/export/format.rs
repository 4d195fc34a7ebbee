//! The export formats (by name and by file extension) and the choices that change how
//! one is written.

use std::path::Path;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 CSV, UTF-8, one row per application (or change).
    Csv,
    /// JSON with a `schema_version` and ISO 8601 times.
    Json,
    /// Markdown tables.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

impl Format {
    /// Every format, in help order.
    pub const ALL: [Format; 4] = [Format::Csv, Format::Json, Format::Markdown, Format::Html];

    /// The name used on the command line and as the usual file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    /// Parse a format name (`markdown` and `htm` are accepted too).
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// The format a file name's extension implies.
    pub fn from_path(path: &Path) -> Option<Format> {
        path.extension().and_then(|e| e.to_str()).and_then(Format::parse)
    }
}

/// Choices that change how a format is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// CSV only, for Excel: start with a UTF-8 byte-order mark so Excel reads the file as
    /// UTF-8, and write times as `2026-03-02 09:51:00` (Excel reads no `T` as a date-time).
    pub excel: bool,
    /// HTML only: list closed applications (rejected, withdrawn, hired) too. By default
    /// the page lists the open ones, which keeps it small enough to open and print; the
    /// counts and the funnel always cover every application.
    pub closed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_from_names_and_paths() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.as_str()), Some(f));
        }
        assert_eq!(Format::from_path(Path::new("out/Pipeline.HTML")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("pipeline")), None);
    }
}
