//! `doctor` on a server: the schema against what the migrations create (tables, column
//! types and nullability, indexes, triggers present and enabled), the connection's
//! security (a warning when it crosses the network unencrypted), then the same data
//! checks as on SQLite — every application against its event log, erasures, text, one
//! open application — run on one consistent snapshot of the server (REPEATABLE READ,
//! READ ONLY) copied into memory.

use super::transfer::{self, server};
use super::{Environment, MIGRATIONS, connect_with, resolve_tls, schema_version, tls::SslMode};
use crate::store::{CheckStep, Finding, LATEST_VERSION, Result, Severity, Store};
use postgres::config::Host;
use postgres::{Client, IsolationLevel};
use rusqlite::Connection;
use std::collections::{BTreeMap, BTreeSet};

/// Every check of the server at `url`, reporting each as it starts.
pub fn findings(url: &str, report: &mut dyn FnMut(CheckStep)) -> Result<Vec<Finding>> {
    let env = Environment::from_process();
    let (config, tls) = resolve_tls(url, &env)?;
    let mut client = connect_with(url, &env)?;
    super::refuse_restricted(&mut client, "doctor")?;
    report(CheckStep::Starting("schema"));
    let (schema, sound) = schema_finding(&mut client)?;
    let mut findings = vec![schema];
    report(CheckStep::Starting("connection"));
    findings.push(connection_finding(&mut client, config.get_hosts(), tls.mode)?);
    if sound {
        report(CheckStep::Starting("snapshot"));
        let store = Store::on_sqlite(snapshot(&mut client)?, None, "doctor".into());
        findings.extend(store.data_findings(report));
    }
    Ok(findings)
}

/// The server's rows, as of one instant, in a SQLite database in memory.
fn snapshot(client: &mut Client) -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    crate::store::migrate::migrate(&mut conn)?;
    let mut tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .map_err(server)?;
    transfer::dump(&mut tx, &mut conn)?;
    tx.commit().map_err(server)?;
    Ok(conn)
}

/// The schema finding, and whether the tables are sound enough to read the data.
fn schema_finding(client: &mut Client) -> Result<(Finding, bool)> {
    let finding = |severity, message: String| Finding::new("schema", severity, message);
    let version = schema_version(client)?;
    if version == 0 {
        let msg = "the database holds no rolecall schema yet; any other command creates it".to_string();
        return Ok((finding(Severity::Warning, msg), false));
    }
    if version != LATEST_VERSION {
        let msg = format!(
            "schema version {version}, this rolecall's is {LATEST_VERSION}; {}",
            if version < LATEST_VERSION { "any other command upgrades it" } else { "upgrade rolecall" }
        );
        return Ok((finding(Severity::Warning, msg), false));
    }
    let (differences, readable) = differences(client)?;
    Ok(if differences.is_empty() {
        let msg = format!(
            "schema version {version}; tables, columns, indexes and triggers as rolecall creates them"
        );
        (finding(Severity::Ok, msg), true)
    } else {
        let msg = format!(
            "the schema differs from what rolecall creates: {}; undo those changes, or restore a backup into an \
             empty database",
            differences.join("; ")
        );
        (finding(Severity::Problem, msg), readable)
    })
}

/// What differs from the migrations' schema, and whether every expected column exists.
fn differences(client: &mut Client) -> Result<(Vec<String>, bool)> {
    let mut reference = Connection::open_in_memory()?;
    crate::store::migrate::migrate(&mut reference)?;
    let mut found: BTreeMap<(String, String), (String, bool)> = BTreeMap::new();
    for r in client
        .query(
            "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text = 'NO'
               FROM information_schema.columns WHERE table_schema = current_schema()",
            &[],
        )
        .map_err(server)?
    {
        found.insert((r.get(0), r.get(1)), (r.get(2), r.get(3)));
    }
    let mut out = Vec::new();
    let mut readable = true;
    let tables = transfer::table_order(&reference)?;
    for table in &tables {
        let mut stmt = reference
            .prepare(&format!("SELECT name, type, \"notnull\" FROM pragma_table_info('{table}')"))?;
        let columns: Vec<(String, String, bool)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (column, declared, not_null) in columns {
            let expected = expected_type(&declared, &column);
            match found.get(&(table.clone(), column.clone())) {
                None => {
                    readable = false;
                    out.push(format!("{table}.{column} is missing"));
                }
                Some((ty, _)) if *ty != expected => {
                    out.push(format!("{table}.{column} is {ty}, not {expected}"))
                }
                Some((_, nn)) if *nn != (not_null || column == "id") => out
                    .push(format!("{table}.{column} {}", if *nn { "refuses NULL" } else { "accepts NULL" })),
                Some(_) => {}
            }
        }
    }
    let known: BTreeSet<&str> = tables.iter().map(String::as_str).chain(["rolecall_migrations"]).collect();
    let extra: BTreeSet<&String> =
        found.keys().map(|(t, _)| t).filter(|t| !known.contains(t.as_str())).collect();
    out.extend(extra.into_iter().map(|t| format!("table {t} is not rolecall's")));
    out.extend(missing_guards(client)?);
    Ok((out, readable))
}

/// Indexes and triggers the migrations create that are missing, and triggers disabled
/// (the append-only guards among them).
fn missing_guards(client: &mut Client) -> Result<Vec<String>> {
    let (indexes, triggers) = created_names();
    let have_indexes: BTreeSet<String> = client
        .query("SELECT indexname::text FROM pg_indexes WHERE schemaname = current_schema()", &[])
        .map_err(server)?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let have_triggers: BTreeMap<String, String> = client
        .query(
            // The restricted logins' views (0021) are in a schema of their own.
            "SELECT t.tgname::text, t.tgenabled::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
              WHERE NOT t.tgisinternal
                AND c.relnamespace IN (current_schema()::regnamespace, to_regnamespace('rolecall_seen'))",
            &[],
        )
        .map_err(server)?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let mut out: Vec<String> =
        indexes.difference(&have_indexes).map(|i| format!("index {i} is missing")).collect();
    for trigger in &triggers {
        match have_triggers.get(trigger).map(String::as_str) {
            None => out.push(format!("trigger {trigger} is missing")),
            Some("D") => out.push(format!("trigger {trigger} is disabled")),
            Some(_) => {}
        }
    }
    Ok(out)
}

/// The indexes and triggers the PostgreSQL migrations leave behind (created, not dropped).
fn created_names() -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut indexes, mut triggers) = (BTreeSet::new(), BTreeSet::new());
    for (_, sql) in MIGRATIONS {
        let words: Vec<&str> = sql
            .lines()
            .map(|l| l.split("--").next().unwrap_or_default())
            .flat_map(str::split_whitespace)
            .collect();
        for (i, w) in words.iter().enumerate() {
            let rest: Vec<&str> = words[i + 1..]
                .iter()
                .copied()
                .filter(|w| !matches!(*w, "IF" | "EXISTS" | "UNIQUE"))
                .take(2)
                .collect();
            let name = |k: usize| rest.get(k).map(|n| n.trim_end_matches(';').to_string());
            match (*w, rest.first().copied()) {
                ("CREATE", Some("INDEX")) => indexes.extend(name(1)),
                ("CREATE", Some("TRIGGER")) => triggers.extend(name(1)),
                ("DROP", Some("INDEX")) => {
                    name(1).map(|n| indexes.remove(&n));
                }
                ("DROP", Some("TRIGGER")) => {
                    name(1).map(|n| triggers.remove(&n));
                }
                _ => {}
            }
        }
    }
    (indexes, triggers)
}

/// The PostgreSQL type a column of the SQLite schema has on a server.
fn expected_type(declared: &str, column: &str) -> &'static str {
    match (declared, column) {
        ("INTEGER", "retired" | "erased") => "boolean",
        ("INTEGER", _) => "bigint",
        ("TEXT", "held_on") => "date",
        ("TEXT", c) if c == "at" || c.ends_with("_at") => "timestamp with time zone",
        _ => "text",
    }
}

/// A warning when the connection crosses the network unencrypted.
fn connection_finding(client: &mut Client, hosts: &[Host], mode: SslMode) -> Result<Finding> {
    let encrypted: bool = client
        .query_one("SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)", &[])
        .map_err(server)?
        .get(0);
    let (host, local) = match hosts.first() {
        Some(Host::Tcp(name)) => {
            let loopback =
                name == "localhost" || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
            (name.clone(), loopback)
        }
        Some(Host::Unix(dir)) => (format!("the socket in {}", dir.display()), true),
        None => ("the server".into(), true),
    };
    Ok(match (encrypted, local) {
        (true, _) if mode == SslMode::VerifyFull => Finding::new(
            "connection",
            Severity::Ok,
            format!("TLS to {host}, its certificate and name verified"),
        ),
        (true, _) => Finding::new(
            "connection",
            Severity::Ok,
            format!(
                "TLS to {host} (certificate not verified: add sslmode=verify-full to the URL to check it)"
            ),
        ),
        (false, true) => {
            Finding::new("connection", Severity::Ok, format!("{host} is on this machine (no TLS needed)"))
        }
        (false, false) => Finding::new(
            "connection",
            Severity::Warning,
            format!(
                "the connection to {host} is not encrypted: logins' passwords and candidates' data cross the \
                 network in clear; enable TLS on the server and add sslmode=verify-full to the URL"
            ),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_the_migrations_leave_behind() {
        let (indexes, triggers) = created_names();
        assert!(
            indexes.contains("applications_board") && indexes.contains("events_request_id"),
            "{indexes:?}"
        );
        assert!(
            triggers.contains("events_no_update") && triggers.contains("events_no_truncate"),
            "{triggers:?}"
        );
        assert!(triggers.contains("candidates_erasure_final"), "{triggers:?}");
    }
}
