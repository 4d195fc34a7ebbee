//! SQLite's errors translated into the backend-neutral [`StoreError`]: the only place
//! that reads SQLite's result codes to decide what kind of failure a caller sees.

use super::StoreError;
use rusqlite::ErrorCode;

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        let text = e.to_string();
        match kind_of(&e) {
            Kind::Busy => StoreError::Busy(text),
            Kind::DiskFull => StoreError::DiskFull(text),
            Kind::ReadOnly => StoreError::ReadOnly(text),
            Kind::Corrupt => StoreError::Corrupt(text),
            Kind::Other => StoreError::Other(text),
        }
    }
}

enum Kind {
    Busy,
    DiskFull,
    ReadOnly,
    Corrupt,
    Other,
}

fn kind_of(e: &rusqlite::Error) -> Kind {
    let rusqlite::Error::SqliteFailure(f, _) = e else { return Kind::Other };
    match f.code {
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Kind::Busy,
        ErrorCode::DiskFull => Kind::DiskFull,
        ErrorCode::ReadOnly => Kind::ReadOnly,
        ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => Kind::Corrupt,
        _ => Kind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(code: std::ffi::c_int, message: &str) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), Some(message.into()))
    }

    #[test]
    fn each_sqlite_failure_becomes_its_neutral_kind_with_the_same_text() {
        use rusqlite::ffi;
        let cases = [
            (ffi::SQLITE_BUSY, "database is locked"),
            (ffi::SQLITE_LOCKED, "database table is locked"),
            (ffi::SQLITE_FULL, "database or disk is full"),
            (ffi::SQLITE_READONLY, "attempt to write a readonly database"),
            (ffi::SQLITE_NOTADB, "file is not a database"),
            (ffi::SQLITE_CORRUPT, "database disk image is malformed"),
            (ffi::SQLITE_CONSTRAINT, "CHECK constraint failed"),
        ];
        let kinds: Vec<StoreError> = cases.iter().map(|(c, m)| failure(*c, m).into()).collect();
        assert!(kinds[0].is_busy() && kinds[1].is_busy());
        assert!(kinds[2].is_disk_full());
        assert!(matches!(kinds[3], StoreError::ReadOnly(_)));
        assert!(matches!(kinds[4], StoreError::Corrupt(_)) && matches!(kinds[5], StoreError::Corrupt(_)));
        assert!(matches!(kinds[6], StoreError::Other(_)));
        for (e, (_, m)) in kinds.iter().zip(cases) {
            assert!(e.is_database());
            assert_eq!(e.to_string(), format!("database error: {m}"));
        }
    }

    #[test]
    fn a_missing_row_is_another_database_failure_with_sqlites_words() {
        let e: StoreError = rusqlite::Error::QueryReturnedNoRows.into();
        assert!(matches!(&e, StoreError::Other(t) if t == "Query returned no rows"), "{e:?}");
    }
}
