//! The schema's migrations, embedded in order, and the version they reach.

use super::Result;
use rusqlite::Connection;

/// The migrations, in order; index + 1 is the schema version each one produces. Each has
/// a PostgreSQL twin of the same name in `migrations/postgres/` (`store::pg`), which
/// tests/pg_schema.rs holds to the same schema.
pub(super) const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../../migrations/0001_init.sql")),
    ("0002_interviews", include_str!("../../migrations/0002_interviews.sql")),
    ("0003_erasure", include_str!("../../migrations/0003_erasure.sql")),
    ("0004_performance", include_str!("../../migrations/0004_performance.sql")),
    ("0005_one_open_application", include_str!("../../migrations/0005_one_open_application.sql")),
    ("0006_request_ids", include_str!("../../migrations/0006_request_ids.sql")),
    ("0007_pipeline_edits", include_str!("../../migrations/0007_pipeline_edits.sql")),
    ("0008_big_pipeline", include_str!("../../migrations/0008_big_pipeline.sql")),
    ("0009_team", include_str!("../../migrations/0009_team.sql")),
    ("0010_pipeline_tracks", include_str!("../../migrations/0010_pipeline_tracks.sql")),
    ("0011_access", include_str!("../../migrations/0011_access.sql")),
    ("0012_access_hidden", include_str!("../../migrations/0012_access_hidden.sql")),
    ("0013_access_speed", include_str!("../../migrations/0013_access_speed.sql")),
    ("0014_access_search_path", include_str!("../../migrations/0014_access_search_path.sql")),
    ("0015_access_checks", include_str!("../../migrations/0015_access_checks.sql")),
    ("0016_access_erasure", include_str!("../../migrations/0016_access_erasure.sql")),
    ("0017_access_person_events", include_str!("../../migrations/0017_access_person_events.sql")),
    ("0018_access_own_interviews", include_str!("../../migrations/0018_access_own_interviews.sql")),
    ("0019_access_writes", include_str!("../../migrations/0019_access_writes.sql")),
    ("0020_held_index", include_str!("../../migrations/0020_held_index.sql")),
    ("0021_access_seen", include_str!("../../migrations/0021_access_seen.sql")),
    ("0022_access_seen_owners", include_str!("../../migrations/0022_access_seen_owners.sql")),
    ("0023_access_seen_notes", include_str!("../../migrations/0023_access_seen_notes.sql")),
    ("0024_access_manager_moves", include_str!("../../migrations/0024_access_manager_moves.sql")),
    ("0025_access_own_scorecards", include_str!("../../migrations/0025_access_own_scorecards.sql")),
    ("0026_access_own_role", include_str!("../../migrations/0026_access_own_role.sql")),
    ("0027_access_manager_history", include_str!("../../migrations/0027_access_manager_history.sql")),
    ("0028_access_scorecards_reasons", include_str!("../../migrations/0028_access_scorecards_reasons.sql")),
    ("0029_access_review_three", include_str!("../../migrations/0029_access_review_three.sql")),
    ("0030_access_review_four", include_str!("../../migrations/0030_access_review_four.sql")),
    ("0031_interviews_latest", include_str!("../../migrations/0031_interviews_latest.sql")),
    ("0032_access_review_five", include_str!("../../migrations/0032_access_review_five.sql")),
    ("0033_access_blind_application", include_str!("../../migrations/0033_access_blind_application.sql")),
    ("0034_numbered_by_max", include_str!("../../migrations/0034_numbered_by_max.sql")),
    ("0035_families_lookup", include_str!("../../migrations/0035_families_lookup.sql")),
];

/// The schema version this build creates and understands.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Run every migration in turn on a fresh connection, without transactions, calling
/// `after` with each version reached (to build the expected shape of each version).
pub(crate) fn run_each(conn: &Connection, mut after: impl FnMut(i64) -> Result<()>) -> Result<()> {
    for (index, (_, sql)) in MIGRATIONS.iter().enumerate() {
        conn.execute_batch(sql)?;
        after(index as i64 + 1)?;
    }
    Ok(())
}
