//! SQLite's placeholders (`?1`, `?2`, bare `?`) as PostgreSQL's (`$1`, `$2`, …), outside
//! quoted strings, quoted identifiers and comments. Store code writes SQLite's form; the
//! PostgreSQL side rewrites each statement once, when it first prepares it.

/// `sql` with every `?N` as `$N` and every bare `?` as the next number (as SQLite
/// numbers them: one more than the largest number so far).
pub(crate) fn rewrite(sql: &str) -> String {
    let bytes = sql.as_bytes();
    let mut out = String::with_capacity(sql.len() + 8);
    let mut largest = 0usize;
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' | b'"' => i = skip_quoted(bytes, i),
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                i = sql[i..].find('\n').map_or(bytes.len(), |n| i + n + 1);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = sql[i + 2..].find("*/").map_or(bytes.len(), |n| i + 2 + n + 2);
            }
            b'?' => {
                out.push_str(&sql[copied..i]);
                let digits = bytes[i + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
                let number = if digits == 0 {
                    largest + 1
                } else {
                    sql[i + 1..i + 1 + digits].parse().unwrap_or(largest + 1)
                };
                largest = largest.max(number);
                out.push('$');
                out.push_str(&number.to_string());
                i += 1 + digits;
                copied = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&sql[copied..]);
    out
}

/// The index just past the quoted text that starts at `start` (a doubled quote is part
/// of the text).
fn skip_quoted(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        if bytes[i] == quote {
            if bytes.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn numbered_and_bare_placeholders_become_dollars() {
        assert_eq!(
            rewrite("SELECT * FROM t WHERE a = ?1 AND b = ?2"),
            "SELECT * FROM t WHERE a = $1 AND b = $2"
        );
        assert_eq!(rewrite("VALUES (?, ?, ?)"), "VALUES ($1, $2, $3)");
        assert_eq!(rewrite("a = ?2 OR b = ?1 OR c = ?2"), "a = $2 OR b = $1 OR c = $2");
        assert_eq!(rewrite("a = ?3, b = ?"), "a = $3, b = $4", "a bare ? follows the largest so far");
        assert_eq!(rewrite("LIMIT ?12"), "LIMIT $12");
        assert_eq!(rewrite("no placeholders"), "no placeholders");
    }

    #[test]
    fn quoted_text_identifiers_and_comments_are_left_alone() {
        assert_eq!(rewrite("SELECT '?1', 'it''s ?' , ?1"), "SELECT '?1', 'it''s ?' , $1");
        assert_eq!(
            rewrite("SELECT \"odd?col\" FROM t WHERE x = ?"),
            "SELECT \"odd?col\" FROM t WHERE x = $1"
        );
        assert_eq!(rewrite("SELECT 1 -- why?\n, ?1"), "SELECT 1 -- why?\n, $1");
        assert_eq!(rewrite("SELECT /* ?2 */ ?1"), "SELECT /* ?2 */ $1");
        assert_eq!(rewrite("SELECT 'unterminated ?1"), "SELECT 'unterminated ?1");
        assert_eq!(rewrite("é = ?1 AND 'ü?' = ?2"), "é = $1 AND 'ü?' = $2", "non-ASCII text is kept");
    }
}
