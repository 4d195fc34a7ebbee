//! The password file (`~/.pgpass`, `PGPASSFILE`) as libpq reads it: one
//! `host:port:database:user:password` per line, `*` matches anything, `\:` and `\\`
//! escape, `#` starts a comment. A file others can read is ignored, as libpq does.

use std::path::Path;

/// What a line must match.
#[derive(Debug, Clone, Copy)]
pub struct Key<'a> {
    /// Host name, or the socket directory of a Unix-socket connection.
    pub host: &'a str,
    /// Port, as text.
    pub port: &'a str,
    /// Database name.
    pub database: &'a str,
    /// User name.
    pub user: &'a str,
}

/// The password of the first line of the file at `path` that matches `key`.
pub fn lookup(path: &Path, key: &Key) -> Option<String> {
    if !private_enough(path) {
        tracing::warn!("password file {} is readable by others (chmod 0600 it); ignored", path.display());
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    find(&text, key)
}

/// The password of the first line of `text` that matches `key`.
pub fn find(text: &str, key: &Key) -> Option<String> {
    text.lines().filter(|l| !l.trim_start().starts_with('#')).find_map(|line| {
        let fields = split(line);
        let [host, port, database, user, password] = fields.as_slice() else { return None };
        let socket = key.host.starts_with('/');
        let host_ok = matches(host, key.host) || (socket && host == "localhost");
        (host_ok && matches(port, key.port) && matches(database, key.database) && matches(user, key.user))
            .then(|| password.clone())
    })
}

fn matches(field: &str, value: &str) -> bool {
    field == "*" || field == value
}

/// Split on unescaped `:`; the fifth field keeps any further colons.
fn split(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().expect("one field").push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            _ => fields.last_mut().expect("one field").push(c),
        }
    }
    fields
}

#[cfg(unix)]
fn private_enough(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 == 0)
}

#[cfg(not(unix))]
fn private_enough(_path: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: Key = Key { host: "db.example", port: "5432", database: "team", user: "alice" };

    #[test]
    fn first_matching_line_wins_and_wildcards_match() {
        let text = "# comment\nother:5432:team:alice:no\ndb.example:*:team:alice:first\n*:*:*:*:second\n";
        assert_eq!(find(text, &KEY).as_deref(), Some("first"));
        let bob = Key { user: "bob", ..KEY };
        assert_eq!(find(text, &bob).as_deref(), Some("second"));
    }

    #[test]
    fn escapes_and_colons_in_the_password() {
        let text = "db.example:5432:team:alice:a\\:b\\\\c:d\n";
        assert_eq!(find(text, &KEY).as_deref(), Some("a:b\\c:d"));
    }

    #[test]
    fn no_match_and_short_lines_give_nothing() {
        assert_eq!(find("db.example:5432:team\n*:*:*:bob:x\n", &KEY), None);
    }

    #[test]
    fn a_socket_connection_matches_localhost() {
        let key = Key { host: "/run/pg", ..KEY };
        assert_eq!(find("localhost:5432:team:alice:sock\n", &key).as_deref(), Some("sock"));
        assert_eq!(find("/run/pg:5432:team:alice:dir\n", &key).as_deref(), Some("dir"));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_others_can_read_is_ignored() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pgpass");
        std::fs::write(&path, "*:*:*:*:secret\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(lookup(&path, &KEY), None);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(lookup(&path, &KEY).as_deref(), Some("secret"));
    }
}
