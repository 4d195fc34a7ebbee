//! Reading the user's keymap file: only a regular file of UTF-8 text, at most
//! `MAX_KEYMAP_BYTES`; anything else is a problem reported like any bad line.

use std::io::Read;
use std::path::Path;

/// The largest keymap file read (a full keymap is about 2 KiB).
pub const MAX_KEYMAP_BYTES: u64 = 256 * 1024;

/// At most this many keymap problems are kept; the rest are counted in one more line.
pub const MAX_PROBLEMS: usize = 20;

/// The text of the keymap file at `path`: `None` when there is none, an error line (naming
/// the path) when there is something there that cannot be a keymap.
pub(super) fn read(path: &Path) -> Option<Result<String, String>> {
    let problem = |what: String| Some(Err(format!("{}: {what}", path.display())));
    // Look before opening: opening a FIFO for reading waits for a writer, for ever.
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => return problem(format!("cannot read it ({e})")),
    };
    if meta.is_dir() {
        return problem("is a directory, not a keymap file".into());
    }
    if !meta.is_file() {
        return problem("is not a regular file (a FIFO, socket or device)".into());
    }
    let too_big = |size: u64| {
        format!(
            "is {} KiB, more than the {} KiB a keymap may be",
            size.div_ceil(1024),
            MAX_KEYMAP_BYTES / 1024
        )
    };
    if meta.len() > MAX_KEYMAP_BYTES {
        return problem(too_big(meta.len()));
    }
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(MAX_KEYMAP_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return problem(format!("cannot read it ({e})"));
    }
    // The cap holds even for a file that grew after it was looked at.
    if bytes.len() as u64 > MAX_KEYMAP_BYTES {
        return problem(too_big(bytes.len() as u64));
    }
    if bytes.contains(&0) {
        return problem("looks like a binary file, not a keymap".into());
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(Ok(text)),
        Err(e) => problem(format!("is not UTF-8 text (byte {})", e.utf8_error().valid_up_to() + 1)),
    }
}

/// The line (1-based) where each top-level key of `text` is first written, in one pass:
/// `name = …` and `"name" = …`.
pub(super) fn key_lines(text: &str) -> std::collections::HashMap<&str, usize> {
    let mut lines = std::collections::HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let Some((key, _)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        let key = key.strip_prefix('"').and_then(|k| k.strip_suffix('"')).unwrap_or(key);
        lines.entry(key).or_insert(index + 1);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines_finds_bare_and_quoted_keys() {
        let lines = key_lines("[keys]\nquit = [\"q\"]\n\"undo\" = [\"u\"]\n# x = 1\nquit = 2\n");
        assert_eq!(lines.get("quit"), Some(&2));
        assert_eq!(lines.get("undo"), Some(&3));
    }
}
