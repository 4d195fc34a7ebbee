//! A `Store` on each backend, for a test that must behave the same on both: SQLite in
//! memory, and (with the `postgres` feature, when the test server can start) a fresh
//! database on this binary's throw-away PostgreSQL (`pg.rs`).

use chrono::{TimeZone, Utc};
use rolecall::domain::FixedClock;
use rolecall::store::Store;

/// The fixed time both stores write at.
pub fn fixed_clock() -> Box<FixedClock> {
    Box::new(FixedClock(Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()))
}

/// `("sqlite", store)` and, when a server is available, `("postgres", store)`: each at
/// the fixed time, writing as "tester".
pub fn stores() -> Vec<(&'static str, Store)> {
    let mut found = vec![("sqlite", super::store())];
    if let Some(store) = postgres_store() {
        found.push(("postgres", store.with_clock(fixed_clock()).with_actor("tester")));
    }
    found
}

/// A migrated store on a fresh PostgreSQL database, with the server's clock and the
/// login as actor; `None` (after the "skipped" line) when there is no server.
#[cfg(feature = "postgres")]
pub fn postgres_store() -> Option<Store> {
    let db = super::pg::database()?;
    Some(Store::open_target(&db.url).expect("open the test database"))
}

#[cfg(not(feature = "postgres"))]
pub fn postgres_store() -> Option<Store> {
    None
}
