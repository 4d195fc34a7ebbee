//! The PostgreSQL backend's ground floor against a real server (`scripts/pg-cluster`):
//! connecting from a URL with the password from where libpq takes it, and migrating.
#![cfg(feature = "postgres")]

mod common;

use common::pg;
use rolecall::store::StoreError;
use rolecall::store::pg::{self as store_pg, Environment, PgError};

fn no_env() -> Environment {
    Environment::default()
}

/// The error of a connection that must fail (`Client` has no `Debug` for `unwrap_err`).
fn refused(url: &str, env: &Environment) -> PgError {
    store_pg::connect_with(url, env).err().expect("the connection is refused")
}

#[test]
fn migrate_reaches_the_latest_version_once_and_names_match_sqlite() {
    let Some(db) = pg::database() else { return };
    let mut client = store_pg::connect_with(&db.url, &no_env()).expect("connect");
    assert_eq!(store_pg::schema_version(&mut client).unwrap(), 0);
    store_pg::migrate(&mut client).expect("migrate");
    assert_eq!(store_pg::schema_version(&mut client).unwrap(), store_pg::LATEST_VERSION);
    assert_eq!(store_pg::LATEST_VERSION, rolecall::store::LATEST_VERSION);
    // Running it again changes nothing.
    store_pg::migrate(&mut client).expect("migrate again");
    let names: Vec<String> = client
        .query("SELECT name FROM rolecall_migrations ORDER BY version", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut sqlite_files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".sql").map(String::from))
        .collect();
    sqlite_files.sort();
    assert_eq!(names, sqlite_files, "one PostgreSQL migration per SQLite migration, same names");
}

#[test]
fn two_connections_migrating_at_once_apply_each_migration_once() {
    let Some(db) = pg::database() else { return };
    let handles: Vec<_> = (0..3)
        .map(|_| {
            let url = db.url.clone();
            std::thread::spawn(move || {
                let mut client = store_pg::connect_with(&url, &no_env()).expect("connect");
                store_pg::migrate(&mut client)
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap().expect("every migrate succeeds");
    }
    let count: i64 = db.client().query_one("SELECT count(*) FROM rolecall_migrations", &[]).unwrap().get(0);
    assert_eq!(count, store_pg::LATEST_VERSION);
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let Some(db) = pg::database() else { return };
    let mut client = store_pg::connect_with(&db.url, &no_env()).unwrap();
    store_pg::migrate(&mut client).unwrap();
    client.execute("INSERT INTO rolecall_migrations (version, name) VALUES (99, 'future')", &[]).unwrap();
    let err = store_pg::migrate(&mut client).unwrap_err();
    assert!(matches!(err, StoreError::SchemaTooNew { found: 99, .. }), "{err:?}");
    assert!(err.to_string().contains("newer than this rolecall understands"), "{err}");
}

#[test]
fn tables_rolecall_did_not_create_are_refused() {
    let Some(db) = pg::database() else { return };
    let mut client = store_pg::connect_with(&db.url, &no_env()).unwrap();
    client.batch_execute("CREATE TABLE families (id int)").unwrap();
    let err = store_pg::migrate(&mut client).unwrap_err();
    assert!(matches!(err, StoreError::UnknownSchema(_)), "{err:?}");
    assert!(err.to_string().contains("families"), "{err}");
    assert_eq!(store_pg::schema_version(&mut client).unwrap(), 0, "nothing recorded");
}

/// A login with a password on the test server (the superuser needs none; others do).
fn login(db: &pg::TestDb, password: &str) -> String {
    let role = format!("{}_user", db.name);
    db.client().batch_execute(&format!("CREATE ROLE {role} LOGIN PASSWORD '{password}'")).unwrap();
    role
}

fn session_user(client: &mut store_pg::Client) -> String {
    client.query_one("SELECT session_user::text", &[]).unwrap().get(0)
}

#[test]
fn the_password_comes_from_the_url_pgpassword_or_the_password_file() {
    let Some(db) = pg::database() else { return };
    let role = login(&db, "s3cret");
    // In the URL.
    let mut c = store_pg::connect_with(&db.url_for(&role, Some("s3cret")), &no_env()).expect("URL password");
    assert_eq!(session_user(&mut c), role);
    // From PGPASSWORD.
    let url = db.url_for(&role, None);
    let env = Environment { password: Some("s3cret".into()), ..no_env() };
    let mut c = store_pg::connect_with(&url, &env).expect("PGPASSWORD");
    assert_eq!(session_user(&mut c), role);
    // From the password file, matched on the socket directory, port, database and user.
    let dir = tempfile::tempdir().unwrap();
    let passfile = dir.path().join("pgpass");
    let line = format!("other:*:*:*:wrong\n{}:5432:{}:{role}:s3cret\n", db.socket_dir.display(), db.name);
    std::fs::write(&passfile, line).unwrap();
    set_mode(&passfile, 0o600);
    let env = Environment { passfile: Some(passfile.clone()), ..no_env() };
    let mut c = store_pg::connect_with(&url, &env).expect("password file");
    assert_eq!(session_user(&mut c), role);
    // No password anywhere, or a wrong one: refused in one line that hides the password.
    let err = refused(&url, &no_env());
    assert!(matches!(err, PgError::Connect { .. }), "{err:?}");
    let err = refused(&db.url_for(&role, Some("wrong")), &no_env()).to_string();
    assert!(err.contains("password authentication failed"), "{err}");
    assert!(!err.contains("wrong") && err.contains("***") && !err.contains('\n'), "{err}");
}

#[cfg(unix)]
fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_socket_directory_as_host_parameter_and_libpq_variables_work() {
    let Some(db) = pg::database() else { return };
    let dir = db.socket_dir.display();
    let url = format!("postgres:///{}?user=postgres&host={dir}", db.name);
    let mut c = store_pg::connect_with(&url, &no_env()).expect("?host= form");
    let name: String = c.query_one("SELECT current_database()::text", &[]).unwrap().get(0);
    assert_eq!(name, db.name);
    // Nothing in the URL at all: PGHOST, PGUSER and PGDATABASE fill it in.
    let env = Environment {
        host: Some(dir.to_string()),
        user: Some("postgres".into()),
        database: Some(db.name.clone()),
        ..no_env()
    };
    let mut c = store_pg::connect_with("postgres://", &env).expect("PG* variables");
    let name: String = c.query_one("SELECT current_database()::text", &[]).unwrap().get(0);
    assert_eq!(name, db.name);
}

#[test]
fn no_server_at_the_address_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let url =
        format!("postgres://alice:hunter2@{}/team", dir.path().display().to_string().replace('/', "%2F"));
    let err = refused(&url, &no_env()).to_string();
    assert!(err.starts_with("cannot connect to postgres://alice:***@"), "{err}");
    assert!(!err.contains("hunter2") && !err.contains('\n'), "{err}");
}

#[test]
fn a_bad_url_is_refused_before_connecting() {
    let err = refused("postgres://host:notaport/db", &no_env());
    assert!(matches!(err, PgError::Url(_)), "{err:?}");
    let err = refused("postgres://u@h/db", &Environment { port: Some("x".into()), ..no_env() });
    assert!(matches!(&err, PgError::Url(m) if m.contains("PGPORT")), "{err:?}");
}
