//! Watching for other writers' commits, so an open board redraws as soon as someone else
//! changes it, whatever the backend.
//!
//! - SQLite has no push: `PRAGMA data_version` changes when another connection commits,
//!   and the TUI checks it on its tick ([`Store::data_version`]). [`Store::watch`] says so
//!   by starting nothing.
//! - PostgreSQL pushes: migration 0006's triggers send `pg_notify('rolecall', table)` with
//!   every commit that changes what a board shows. A dedicated connection, on a thread of
//!   its own, LISTENs and calls back at once; nothing polls the server. Notifications of
//!   one commit are delivered together, the store's own ones are left out, and a lost
//!   connection is reported and re-made (then everything may have changed).

#[cfg(feature = "postgres")]
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
#[cfg(feature = "postgres")]
use std::time::Duration;

/// What another writer did, as far as a watcher can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Another session committed changes to these tables (sorted, each once).
    Committed(Vec<String>),
    /// The watch was lost, with the reason; it is being re-made.
    Lost(String),
    /// The watch is back after being lost: anything may have changed meanwhile.
    Resumed,
}

/// A running watch; dropping it stops the thread (within a fraction of a second).
pub struct Watcher {
    stop: std::sync::Arc<AtomicBool>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The callback a watch calls from its thread; returning `false` ends the watch.
pub type OnChange = Box<dyn FnMut(Change) -> bool + Send>;

/// How long the watch thread waits for a notification before looking at its stop flag
/// (a local wait: nothing is sent to the server).
#[cfg(feature = "postgres")]
const WAKE: Duration = Duration::from_millis(250);
/// Pause before re-making a lost watch connection.
#[cfg(feature = "postgres")]
const RECONNECT: Duration = Duration::from_millis(500);

/// Watch the PostgreSQL database at `url`: LISTEN on a connection of its own, calling
/// `on_change` for each commit of another session (notifications sent by backend
/// process `own_pid`, the store's own connection, are left out).
#[cfg(feature = "postgres")]
pub fn watch_server(url: &str, own_pid: Option<i32>, on_change: OnChange) -> super::Result<Watcher> {
    let client = listen(url)?;
    let stop = Arc::new(AtomicBool::new(false));
    let watch = Watch { url: url.to_string(), own_pid, on_change, stop: Arc::clone(&stop) };
    std::thread::Builder::new()
        .name("rolecall-listen".into())
        .spawn(move || watch.run(client))
        .map_err(|e| super::StoreError::Other(format!("cannot start watching for changes: {e}")))?;
    Ok(Watcher { stop })
}

/// A connection that LISTENs on channel 'rolecall'.
#[cfg(feature = "postgres")]
fn listen(url: &str) -> super::Result<postgres::Client> {
    let mut client = super::pg::connect(url).map_err(|e| super::StoreError::Other(e.to_string()))?;
    client.batch_execute("LISTEN rolecall").map_err(|e| super::StoreError::Other(e.to_string()))?;
    Ok(client)
}

#[cfg(feature = "postgres")]
struct Watch {
    url: String,
    own_pid: Option<i32>,
    on_change: OnChange,
    stop: Arc<AtomicBool>,
}

#[cfg(feature = "postgres")]
impl Watch {
    /// Deliver notifications until stopped; re-make the connection when it is lost.
    fn run(mut self, mut client: postgres::Client) {
        loop {
            let lost = match self.deliver(&mut client) {
                Ok(()) => return,
                Err(reason) => reason,
            };
            tracing::warn!("live refresh lost: {lost}");
            if !(self.on_change)(Change::Lost(lost)) {
                return;
            }
            client = loop {
                std::thread::sleep(RECONNECT);
                if self.stop.load(Ordering::Relaxed) {
                    return;
                }
                match listen(&self.url) {
                    Ok(client) => break client,
                    Err(e) => tracing::debug!("live refresh: reconnecting: {e}"),
                }
            };
            if !(self.on_change)(Change::Resumed) {
                return;
            }
        }
    }

    /// Wait for notifications and pass each commit's on; `Ok` when told to stop, `Err`
    /// with the reason when the connection is lost.
    fn deliver(&mut self, client: &mut postgres::Client) -> Result<(), String> {
        use postgres::fallible_iterator::FallibleIterator;
        loop {
            if self.stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            let mut tables = Vec::new();
            {
                let mut notifications = client.notifications();
                let first = notifications.timeout_iter(WAKE).next().map_err(|e| e.to_string())?;
                let Some(first) = first else {
                    drop(notifications);
                    if client.is_closed() {
                        return Err("the server closed the connection".into());
                    }
                    continue;
                };
                // The rest of the same commit arrived with it: take what is there already.
                let mut pending = vec![first];
                while let Some(n) = notifications.iter().next().map_err(|e| e.to_string())? {
                    pending.push(n);
                }
                for n in pending {
                    if Some(n.process_id()) != self.own_pid && !tables.contains(&n.payload().to_string()) {
                        tables.push(n.payload().to_string());
                    }
                }
            }
            if tables.is_empty() {
                continue;
            }
            tables.sort();
            if !(self.on_change)(Change::Committed(tables)) {
                return Ok(());
            }
        }
    }
}

impl super::Store {
    /// Start watching for other sessions' commits, calling `on_change` from a thread of
    /// its own. `Ok(None)` when the backend has nothing to push (SQLite: check
    /// [`Store::data_version`](super::Store::data_version) on a timer instead).
    pub fn watch(&self, on_change: OnChange) -> super::Result<Option<Watcher>> {
        #[cfg(feature = "postgres")]
        if let Some(url) = &self.url {
            use super::sql::SqlExt;
            let own: i64 = self.db().query_value("SELECT pg_backend_pid()", &[])?;
            return watch_server(url, i32::try_from(own).ok(), on_change).map(Some);
        }
        let _ = on_change;
        Ok(None)
    }
}
