//! A role's department, read from the path of the page it was imported from (issue 17:
//! the role picker among hundreds of roles).
//!
//! Handbook pages sit under their department (`finance/information-technology/manager-it.md`),
//! or carry it in a flattened name (`finance__information-technology__manager-it.md`): the
//! department is every part but the last, joined with " / ".

/// The department of a page at `source` ("" when the path names none).
pub fn department(source: &str) -> String {
    let path =
        source.rsplit_once(':').map_or(source, |(scheme, rest)| if scheme.len() > 1 { rest } else { source });
    let path = path.strip_suffix(".md").unwrap_or(path);
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    if name.contains("__") {
        let parts: Vec<&str> = name.split("__").filter(|p| !p.is_empty()).collect();
        return parts[..parts.len().saturating_sub(1)].join(" / ");
    }
    // Only the last two folders: the ones above them are where the handbook was kept.
    let folders: Vec<&str> =
        path.split(['/', '\\']).filter(|p| !p.is_empty() && *p != "." && *p != "..").collect();
    let folders = &folders[..folders.len().saturating_sub(1)];
    folders[folders.len().saturating_sub(2)..].join(" / ")
}

/// The page's file name, to tell roles with the same title apart.
pub fn page_name(source: &str) -> &str {
    source.rsplit(['/', '\\', ':']).next().unwrap_or(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_folders_or_flattened_names() {
        assert_eq!(
            department("pages/finance__information-technology__manager-it.md"),
            "finance / information-technology"
        );
        assert_eq!(department("/h/finance/tax/tax-manager.md"), "finance / tax");
        assert_eq!(department("engineering__support-engineer.md"), "engineering");
        assert_eq!(department("bundled:director-it-operations.md"), "");
        assert_eq!(department("sre.md"), "");
        assert_eq!(department("/work/corpus/pages/engineering__support-engineer.md"), "engineering");
        assert_eq!(page_name("/h/finance/tax/tax-manager.md"), "tax-manager.md");
    }
}
