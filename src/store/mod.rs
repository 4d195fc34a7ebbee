//! Persistence: the [`Store`] on SQLite or on a PostgreSQL server (one `impl Store` file
//! per aggregate, written against the backend-neutral layer in `sql/`; connecting to and
//! migrating a server in `pg/`). Only this module names `rusqlite` or `postgres`; errors
//! reach callers as the backend-neutral [`StoreError`].

mod applications;
mod apply;
pub mod backup;
mod backup_to;
mod batch;
mod bulk;
mod bulk_writer;
mod candidates;
mod current;
mod erase;
mod error;
mod events;
mod families;
mod family_import;
mod family_one;
mod files;
mod finding;
mod handbook;
mod handle;
mod health;
mod health_files;
mod hires;
mod import_rows;
mod interviews;
pub mod leftovers;
mod level_change;
mod limits;
mod lookup;
mod migrate;
mod migrations;
mod notes;
mod open;
mod open_rule;
mod owners;
#[cfg(feature = "postgres")]
pub mod pg;
mod pipeline_edit;
mod pipeline_fields;
mod pipeline_log;
mod pipeline_pins;
mod pipeline_tracks;
mod purge;
mod queue;
mod request;
pub mod restore;
pub mod restore_check;
mod retry;
mod role_list;
mod rows;
mod schedule_read;
mod schedules;
mod schema_check;
mod scorecards;
mod search;
mod search_all;
mod server;
mod shape;
mod snapshot;
#[allow(dead_code, unused_imports)] // Parts are used as store files move onto the layer.
mod sql;
mod sqlite_error;
mod target;
mod text_check;
mod transitions;
mod visibility;
mod watch;

pub use applications::{BOARD_ALL_SQL, BOARD_OPEN_SQL, Transition};
pub use batch::{Batch, BulkChange};
pub use bulk::{BulkApplication, BulkCandidate, BulkEvent, BulkInterview, NextIds};
pub use bulk_writer::BulkWriter;
pub use candidates::{CandidateUpdate, NewCandidate, validate_email};
pub use current::RoleKey;
pub use erase::{ERASED_PLACEHOLDER, Erasure};
pub use error::{Result, StoreError};
pub use families::ImportOutcome;
pub use files::{WAL_WARN_BYTES, companions, create_private_dir_all, file_findings, human_bytes};
pub use finding::{Finding, Severity};
pub use handle::Store;
pub use health_files::findings as pre_open_findings;
pub use hires::HireStats;
pub use interviews::{Interview, NewInterview, Score};
pub use limits::{StageLimit, StaleApplication};
pub use lookup::did_you_mean;
pub use migrations::LATEST_VERSION;
pub use notes::NOTE_MAX_CHARS;
pub use open::default_db_path;
pub use open_rule::OpenDuplicate;
pub use owners::RoleOwners;
pub use pipeline_edit::{LevelChange, StageChange};
pub use purge::PurgeReport;
pub use queue::{Queue, Unscheduled};
pub use request::{check_request_id, new_request_id};
pub use schedule_read::AgendaFor;
pub use schedules::{NewSchedule, ScheduleChange};
pub use search_all::{PeopleIndex, SearchApplication, SearchPerson};
pub use server::{SERVER_CHECKS, restore_server, server_findings};
pub use sql::Dialect;
pub use target::{is_server_url, shown as shown_target};
pub use visibility::hidden_line;
#[cfg(feature = "postgres")]
#[doc(hidden)]
pub use watch::watch_server;
pub use watch::{Change, OnChange, Watcher};
