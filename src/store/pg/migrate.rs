//! The PostgreSQL migration runner: `migrations/postgres/NNNN_*.sql`, the twins of the
//! SQLite migrations, each in its own transaction (PostgreSQL's DDL is transactional),
//! recorded in `rolecall_migrations`, under an advisory lock so two processes opening
//! a new database at once apply each migration once.

use crate::store::{Result, StoreError};
use postgres::Client;

/// The migrations, in order; index + 1 is the schema version each one produces. Their
/// names match the SQLite ones (`store::migrations`) one for one.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../../../migrations/postgres/0001_init.sql")),
    ("0002_interviews", include_str!("../../../migrations/postgres/0002_interviews.sql")),
    ("0003_erasure", include_str!("../../../migrations/postgres/0003_erasure.sql")),
    ("0004_performance", include_str!("../../../migrations/postgres/0004_performance.sql")),
    ("0005_one_open_application", include_str!("../../../migrations/postgres/0005_one_open_application.sql")),
    ("0006_request_ids", include_str!("../../../migrations/postgres/0006_request_ids.sql")),
    ("0007_pipeline_edits", include_str!("../../../migrations/postgres/0007_pipeline_edits.sql")),
    ("0008_big_pipeline", include_str!("../../../migrations/postgres/0008_big_pipeline.sql")),
    ("0009_team", include_str!("../../../migrations/postgres/0009_team.sql")),
    ("0010_pipeline_tracks", include_str!("../../../migrations/postgres/0010_pipeline_tracks.sql")),
    ("0011_access", include_str!("../../../migrations/postgres/0011_access.sql")),
    ("0012_access_hidden", include_str!("../../../migrations/postgres/0012_access_hidden.sql")),
    ("0013_access_speed", include_str!("../../../migrations/postgres/0013_access_speed.sql")),
    ("0014_access_search_path", include_str!("../../../migrations/postgres/0014_access_search_path.sql")),
    ("0015_access_checks", include_str!("../../../migrations/postgres/0015_access_checks.sql")),
    ("0016_access_erasure", include_str!("../../../migrations/postgres/0016_access_erasure.sql")),
    ("0017_access_person_events", include_str!("../../../migrations/postgres/0017_access_person_events.sql")),
    (
        "0018_access_own_interviews",
        include_str!("../../../migrations/postgres/0018_access_own_interviews.sql"),
    ),
    ("0019_access_writes", include_str!("../../../migrations/postgres/0019_access_writes.sql")),
    ("0020_held_index", include_str!("../../../migrations/postgres/0020_held_index.sql")),
    ("0021_access_seen", include_str!("../../../migrations/postgres/0021_access_seen.sql")),
    ("0022_access_seen_owners", include_str!("../../../migrations/postgres/0022_access_seen_owners.sql")),
    ("0023_access_seen_notes", include_str!("../../../migrations/postgres/0023_access_seen_notes.sql")),
    ("0024_access_manager_moves", include_str!("../../../migrations/postgres/0024_access_manager_moves.sql")),
    (
        "0025_access_own_scorecards",
        include_str!("../../../migrations/postgres/0025_access_own_scorecards.sql"),
    ),
    ("0026_access_own_role", include_str!("../../../migrations/postgres/0026_access_own_role.sql")),
    (
        "0027_access_manager_history",
        include_str!("../../../migrations/postgres/0027_access_manager_history.sql"),
    ),
    (
        "0028_access_scorecards_reasons",
        include_str!("../../../migrations/postgres/0028_access_scorecards_reasons.sql"),
    ),
    ("0029_access_review_three", include_str!("../../../migrations/postgres/0029_access_review_three.sql")),
    ("0030_access_review_four", include_str!("../../../migrations/postgres/0030_access_review_four.sql")),
    ("0031_interviews_latest", include_str!("../../../migrations/postgres/0031_interviews_latest.sql")),
    ("0032_access_review_five", include_str!("../../../migrations/postgres/0032_access_review_five.sql")),
    (
        "0033_access_blind_application",
        include_str!("../../../migrations/postgres/0033_access_blind_application.sql"),
    ),
    ("0034_numbered_by_max", include_str!("../../../migrations/postgres/0034_numbered_by_max.sql")),
    ("0035_families_lookup", include_str!("../../../migrations/postgres/0035_families_lookup.sql")),
];

/// The schema version this build creates and understands (the same as SQLite's).
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Key of the advisory lock migrations hold (any fixed number; "rolecall" in ASCII).
const LOCK_KEY: i64 = 0x726f_6c65_6361_6c6c;

const CREATE_LOG: &str = "CREATE TABLE IF NOT EXISTS rolecall_migrations (
    version     BIGINT PRIMARY KEY,
    name        TEXT NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL DEFAULT now()
)";

/// Bring the database up to [`LATEST_VERSION`]. A database from a newer build, or one
/// holding rolecall's tables without a migration record, is refused untouched.
pub fn migrate(client: &mut Client) -> Result<()> {
    // Up to date: nothing to create, so a login that may not create tables (a team
    // member's) opens it too.
    if schema_version(client)? == LATEST_VERSION {
        return Ok(());
    }
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY])?;
        tx.batch_execute(CREATE_LOG)?;
        let found = version_in(&mut tx)?;
        refuse_newer(found)?;
        if found == 0 {
            refuse_foreign_tables(&mut tx)?;
        }
        if version <= found {
            continue;
        }
        tx.batch_execute(sql).map_err(|e| {
            tracing::error!("PostgreSQL migration {name} failed: {e}");
            e
        })?;
        tx.execute("INSERT INTO rolecall_migrations (version, name) VALUES ($1, $2)", &[&version, name])?;
        tx.commit()?;
    }
    Ok(())
}

/// The schema version the database is at (0 when rolecall never migrated it).
pub fn schema_version(client: &mut Client) -> Result<i64> {
    let exists: bool = client.query_one("SELECT to_regclass('rolecall_migrations') IS NOT NULL", &[])?.get(0);
    if !exists {
        return Ok(0);
    }
    version_in(client)
}

/// Run every migration in turn, without the record or the lock, calling `after` with
/// each version reached (for tests that compare each version with SQLite's).
pub fn run_each(client: &mut Client, mut after: impl FnMut(&mut Client, i64) -> Result<()>) -> Result<()> {
    for (index, (_, sql)) in MIGRATIONS.iter().enumerate() {
        client.batch_execute(sql)?;
        after(client, index as i64 + 1)?;
    }
    Ok(())
}

fn version_in(client: &mut impl postgres::GenericClient) -> Result<i64> {
    let row = client.query_one("SELECT coalesce(max(version), 0) FROM rolecall_migrations", &[])?;
    Ok(row.get(0))
}

fn refuse_newer(found: i64) -> Result<()> {
    if found > LATEST_VERSION {
        return Err(StoreError::SchemaTooNew { found, supported: LATEST_VERSION });
    }
    Ok(())
}

/// Tables named like rolecall's but no record of migrating them: another program's, or
/// a copy made by hand. Creating ours beside them would fail half-way; say so instead.
fn refuse_foreign_tables(client: &mut impl postgres::GenericClient) -> Result<()> {
    let row = client.query_one(
        "SELECT string_agg(table_name::text, ', ' ORDER BY table_name::text)
           FROM information_schema.tables
          WHERE table_schema = current_schema()
            AND table_name IN ('families', 'levels', 'stages', 'candidates', 'applications', 'events')",
        &[],
    )?;
    match row.get::<_, Option<String>>(0) {
        Some(tables) => Err(StoreError::UnknownSchema(format!(
            "the database already has tables rolecall did not create ({tables}) and no record of rolecall's migrations; use an empty database"
        ))),
        None => Ok(()),
    }
}
