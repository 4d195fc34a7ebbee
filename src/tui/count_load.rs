//! A windowed board's column counts off the UI thread (issue 20). Counting a role's open
//! cards is an index range per column and status: ~3 ms at 1,000,000 candidates, the
//! largest part of the board's first frame after the schema check and the tail of a role
//! switch (`Tab`) on a role's first visit. With counting aside (the real TUI, on a
//! SQLite file) the board comes first with "…" for each count, and a thread with its own
//! connection counts the role, then the roles `Tab` and `Shift-Tab` go to next, so their
//! counts are ready when they are visited. A change forgets the counts and the job (its
//! numbers could be from before it); counts are never shown from another moment's job.

use super::app::App;
use super::column_window::Counts;
use super::ready::{AheadOf, CountJob, Found, read_first_board};
use crate::domain::FamilyId;
use crate::store::{Store, StoreError};
use std::sync::mpsc::{Sender, TryRecvError, channel};

/// The page cache of a thread that reads once and goes (counts, a filter's cards), in
/// KiB: pages it will not read again need not stay (the TUI's peak memory is a target).
pub(crate) const ONCE_CACHE_KIB: u32 = 512;

/// Each column's (active, on hold) cards of `family`.
fn count_role(store: &Store, family: FamilyId) -> Result<Counts, StoreError> {
    let stages: Vec<_> = store.board_stages(family)?.iter().map(|s| s.id).collect();
    store.open_counts(family, &stages)
}

/// On the thread: count `asked`, then read the boards of `ahead` (with their counts when
/// known, else counted here); stop when the app drops the job (a change, or it quit).
fn count_and_read(
    store: &Store,
    asked: Vec<FamilyId>,
    ahead: Vec<(FamilyId, Option<Counts>)>,
    of: AheadOf,
    tx: &Sender<Found>,
) {
    let mut counted = std::collections::HashMap::new();
    for family in asked {
        let counts = count_role(store, family);
        if let Ok(counts) = &counts {
            counted.insert(family, counts.clone());
        }
        if tx.send(Found::Counts(family, counts.map_err(|e| e.to_string()))).is_err() {
            return;
        }
    }
    for (family, known) in ahead {
        let counts = match known.or_else(|| counted.remove(&family)) {
            Some(counts) => Ok(counts),
            None => count_role(store, family),
        };
        match counts.and_then(|counts| read_first_board(store, family, &counts, of)) {
            Ok(board) => {
                if tx.send(Found::Board(family, Box::new(board), of)).is_err() {
                    return;
                }
            }
            Err(e) => tracing::warn!("reading the next role's board ahead failed: {e}"),
        }
    }
}

impl App {
    /// The counts of `family`'s columns: known, counted now, or (counting aside) asked of
    /// a thread and `None` until they come (`take_counts`).
    pub(crate) fn counts_for(&mut self, family: FamilyId) -> Result<Option<Counts>, StoreError> {
        if let Some(counts) = self.open_counts.get(&family) {
            let counts = counts.clone();
            self.prefetch_counts();
            return Ok(Some(counts));
        }
        if self.count_job.as_ref().is_some_and(|job| job.families.contains(&family)) {
            return Ok(None);
        }
        if self.count_aside && self.start_counting(family) {
            return Ok(None);
        }
        let counts = count_role(&self.store, family)?;
        self.open_counts.insert(family, counts.clone());
        Ok(Some(counts))
    }

    /// With counting aside and nothing being counted: the counts of the roles next to the
    /// current one, if not known, so `Tab` finds them.
    pub(crate) fn prefetch_counts(&mut self) {
        if !self.count_aside || self.count_job.is_some() {
            return;
        }
        let Some(family) = self.current_family().map(|f| f.id) else { return };
        let next = self.neighbours();
        if next.iter().any(|f| !self.open_counts.contains_key(f)) || !self.ahead_wanted().is_empty() {
            self.start_counting(family);
        }
    }

    /// The roles `Tab` and `Shift-Tab` show next.
    pub(crate) fn neighbours(&self) -> Vec<FamilyId> {
        let n = self.families.len();
        if n == 0 {
            return Vec::new();
        }
        let mut next =
            vec![self.families[(self.family + 1) % n].id, self.families[(self.family + n - 1) % n].id];
        next.dedup();
        next
    }

    /// Count `family`, then its neighbours not yet known, then read ahead the boards of
    /// those without a ready one (`role_ahead.rs`), on a thread of their own (replacing
    /// any job); false when the store cannot be opened again (in memory, or a server,
    /// where a connection per job would cost more than counting).
    fn start_counting(&mut self, family: FamilyId) -> bool {
        let Some(second) = self.store.path().and(self.store.reopener()) else { return false };
        let mut families = vec![family];
        families.extend(
            self.neighbours().into_iter().filter(|f| *f != family && !self.open_counts.contains_key(f)),
        );
        if self.open_counts.contains_key(&family) {
            families.remove(0);
        }
        let ahead: Vec<(FamilyId, Option<Counts>)> =
            self.ahead_wanted().into_iter().map(|f| (f, self.open_counts.get(&f).cloned())).collect();
        if families.is_empty() && ahead.is_empty() {
            return true;
        }
        let (tx, rx) = channel();
        let (asked, of) = (families.clone(), self.ahead_of());
        let spawned = std::thread::Builder::new().name("column-counts".into()).spawn(move || {
            let store = match second.open() {
                Ok(store) => store,
                Err(e) => return drop(tx.send(Found::Counts(family, Err(e.to_string())))),
            };
            let _ = store.set_page_cache_kib(ONCE_CACHE_KIB);
            count_and_read(&store, asked, ahead, of, &tx);
        });
        if spawned.is_err() {
            return false;
        }
        self.count_job = Some(CountJob { families, rx });
        true
    }

    /// Whether the board waits for the counts of its role (the run loop looks sooner).
    pub fn counts_waiting(&self) -> bool {
        self.count_job.is_some()
    }

    /// Between keys: keep the counts a job sent, and give them to the board when they are
    /// its role's. A job that failed counts the role here instead, or says why it cannot.
    pub fn take_counts(&mut self) {
        loop {
            let Some(job) = &mut self.count_job else { return };
            let (family, counted) = match job.rx.try_recv() {
                Ok(Found::Counts(family, counted)) => (family, counted),
                Ok(Found::Board(family, board, of)) => {
                    self.take_ready(family, *board, of);
                    continue;
                }
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => {
                    self.count_job = None;
                    return;
                }
            };
            job.families.retain(|f| *f != family);
            match counted {
                Ok(counts) => {
                    self.open_counts.insert(family, counts.clone());
                    self.show_counts(family, &counts);
                }
                Err(e) => return self.count_here(&e),
            }
        }
    }

    /// After a job failed: count the role on screen here, if it waits.
    fn count_here(&mut self, why: &str) {
        tracing::warn!("counting the columns on a thread failed: {why}");
        self.count_job = None;
        let Some(family) = self.current_family().map(|f| f.id) else { return };
        if self.open_counts.contains_key(&family) {
            return;
        }
        match count_role(&self.store, family) {
            Ok(counts) => {
                self.open_counts.insert(family, counts.clone());
                self.show_counts(family, &counts);
            }
            Err(e) => self.error(format!("Could not count the cards: {e}")),
        }
    }

    /// Put `family`'s counts on the board when it shows that role.
    fn show_counts(&mut self, family: FamilyId, counts: &Counts) {
        if self.current_family().is_none_or(|f| f.id != family) || !self.board.is_windowed() {
            return;
        }
        for (stage, window) in self.board.stages.iter().zip(self.board.windows.iter_mut()) {
            if window.open.is_none() {
                window.open = Some(counts.get(&stage.id).map_or(0, |[a, h]| a + h));
            }
        }
    }

    /// Forget every count, every ready board and the job reading them (a change may have
    /// made them wrong).
    pub(crate) fn forget_counts(&mut self) {
        self.open_counts.clear();
        self.ready.clear();
        self.count_job = None;
    }
}
