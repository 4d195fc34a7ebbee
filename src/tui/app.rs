//! Application state. Keys and actions change it (`input.rs`, `update.rs`) and return
//! effects that the run loop carries out (`perform.rs`, `writes.rs`); rendering only reads it.

use super::action::Action;
use super::board::Board;
pub use super::config::Thresholds;
use super::keymap::Keymap;
use super::overlays::Overlay;
use super::undo::UndoStacks;
use crate::domain::Family;
use crate::domain::text::inert;
use crate::domain::{AppStatus, ApplicationId};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};

/// The page cache of the TUI's connection, in KiB: enough for the windows of two roles.
pub const PAGE_CACHE_KIB: u32 = 4 * 1024;

/// A search index read on a thread: what it is for (the database's version and this app's
/// writes) and where it comes.
pub(crate) type SearchReading =
    ((i64, u64), std::sync::mpsc::Receiver<Result<crate::store::PeopleIndex, String>>);

/// Databases with at most this many people build the search index at once, on the UI
/// thread (about 0.1 s at 20,000; 4 s at a million, which a thread reads instead).
pub const SEARCH_AT_ONCE: usize = 20_000;

/// Which full screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The board of the selected role.
    Board,
    /// Families, levels and stages.
    Roles {
        /// First visible line.
        scroll: u16,
    },
    /// Statistics of the current role.
    Dashboard,
}

/// The status line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// Text shown.
    pub text: String,
    /// Shown as an error.
    pub error: bool,
}

/// The last click on a card, for double clicks (see `mouse.rs`).
#[derive(Debug, Clone, Copy)]
pub struct LastClick {
    /// When.
    pub(crate) at: std::time::Instant,
    /// The card's column.
    pub(crate) col: usize,
    /// The card's row in the column.
    pub(crate) row: usize,
}

/// Everything the TUI shows and edits.
pub struct App {
    pub(crate) store: Store,
    /// Roles in order.
    pub families: Vec<Family>,
    /// Index of the selected role.
    pub family: usize,
    /// The board of the selected role.
    pub board: Board,
    /// Whether closed applications are shown.
    pub show_closed: bool,
    /// Current filter text.
    pub filter: String,
    /// The filter field while typing.
    pub filter_input: Option<ratatui_textarea::TextArea<'static>>,
    /// What sits over the board, if anything (then it has the keys).
    pub overlay: Option<Overlay>,
    /// Which screen.
    pub screen: Screen,
    /// Status line.
    pub status: Status,
    /// Live key bindings.
    pub keymap: Keymap,
    /// Undo / redo, derived from the log.
    pub undo: UndoStacks,
    /// Cards marked for a bulk action (`Space`), kept across reloads.
    pub marked: std::collections::BTreeSet<ApplicationId>,
    /// The search-everywhere index, built when the search first opens.
    pub(crate) search_index: Option<((i64, u64), std::rc::Rc<crate::store::PeopleIndex>)>,
    /// The search index being read on a thread, for the data as it was when asked.
    pub(crate) search_reading: Option<SearchReading>,
    /// Counts this app's own writes for the search index (see `goto.rs`).
    pub(crate) search_epoch: u64,
    /// Databases with at most this many people build the search index on the UI thread.
    pub search_at_once: usize,
    /// Colour thresholds.
    pub thresholds: Thresholds,
    /// "Now", refreshed on each tick.
    pub now: DateTime<Utc>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// The role on screen has handbook changes nobody acknowledged (the header says so).
    pub handbook_changed: bool,
    /// Every role's levels and stages, loaded when the roles screen opens.
    pub roles: Vec<super::roles::RoleDetails>,
    /// Dashboard statistics, computed when the dashboard opens.
    pub dashboard: Option<crate::domain::stats::RoleStats>,
    /// Hires of the role and across all roles, computed when the dashboard opens.
    pub overview: Option<super::overview::Overview>,
    /// Text to put on the terminal's clipboard after this key (the run loop sends it).
    pub(crate) clipboard: Option<String>,
    /// The last click on a card (double clicks open it).
    pub(crate) last_click: Option<LastClick>,
    /// Only the user's cards (`m`): those they own or interview on.
    pub mine_only: bool,
    /// The login's access role on a team server (issue 19; `None`: a file, or a login that
    /// sees all): what it may not use is hidden from the palette and the footer, and refused.
    pub access: Option<crate::domain::access::Access>,
    /// The zone the cards' interview times are shown in (`None`: the computer's local
    /// time, from `TZ` or the system's setting). Interviews keep the zone they were
    /// scheduled in; a card shows when the interview is for the person looking at it.
    pub viewer_zone: Option<chrono_tz::Tz>,
    /// Each card's next interview, as its card shows it ("Thu 14:00").
    pub next_interviews: std::collections::HashMap<ApplicationId, String>,
    /// The UI connection's data version when the board was last loaded.
    pub(crate) data_version: i64,
    /// Each role's open cards per column, as last counted (a windowed board's counts).
    pub(crate) open_counts: std::collections::HashMap<crate::domain::FamilyId, super::column_window::Counts>,
    /// The counts being read on a thread (`count_load.rs`), and whether they are.
    pub(crate) count_job: Option<super::ready::CountJob>,
    pub(crate) count_aside: bool,
    /// Boards of the role on screen and those next to it, ready for a role switch, per
    /// (role, closed shown) (`role_ahead.rs`).
    pub(crate) ready: std::collections::HashMap<(crate::domain::FamilyId, bool), super::ready::Ready>,
    /// The next reload is for a role switch or `z`, not a change: the counts still hold.
    pub(crate) same_data: bool,
    /// Every open card of the role, read (or being read) for a filter (`filter_load.rs`).
    pub(crate) every_card: Option<super::every_card::EveryCard>,
    /// The windowed board a filter replaced, to come back to when it is cleared.
    pub(crate) unfiltered: Option<super::every_card::Unfiltered>,
    /// The scorecard figures of the filter's cards, while its thread reads them.
    pub(crate) pending_scores: Option<super::every_card::PendingScores>,
    /// Roles with more open cards than this are read for a filter off the UI thread.
    pub read_at_once: usize,
    /// The filter being ranked on a thread (`filter_rank.rs`), and above how many cards.
    pub(crate) ranking: Option<super::every_card::Ranking>,
    pub rank_at_once: usize,
    /// The store announces other writers' changes (`on_changes`): the tick does not look.
    pub(crate) watched: bool,
}

impl App {
    /// Load the first role's board, its columns counted on this thread.
    pub fn new(store: Store, keymap: Keymap) -> Result<Self, StoreError> {
        Self::start(store, keymap, None)
    }

    /// As `new`, on a screen of `size` (columns, rows: the first windows fill it), and a
    /// windowed board's columns are counted on a thread when the store is a file: the
    /// board shows "…" until they come (`take_counts`). The real TUI's way.
    pub fn counting_aside(store: Store, keymap: Keymap, size: (u16, u16)) -> Result<Self, StoreError> {
        Self::start(store, keymap, Some(size))
    }

    fn start(store: Store, keymap: Keymap, aside: Option<(u16, u16)>) -> Result<Self, StoreError> {
        let families = store.families()?;
        let undo = UndoStacks::from_steps(&store.recent_steps_by(store.actor(), 500)?);
        let now = store.now();
        let data_version = store.data_version()?;
        let access = store.access()?;
        let mut app = App {
            store,
            families,
            family: 0,
            board: Board::default(),
            show_closed: false,
            filter: String::new(),
            filter_input: None,
            overlay: None,
            screen: Screen::Board,
            status: Status::default(),
            keymap,
            undo,
            marked: Default::default(),
            search_index: None,
            search_reading: None,
            search_epoch: 0,
            search_at_once: SEARCH_AT_ONCE,
            thresholds: Thresholds::default(),
            now,
            size: aside.unwrap_or((80, 24)),
            handbook_changed: false,
            roles: Vec::new(),
            dashboard: None,
            overview: None,
            clipboard: None,
            last_click: None,
            mine_only: false,
            access,
            viewer_zone: None,
            next_interviews: std::collections::HashMap::new(),
            data_version,
            open_counts: Default::default(),
            count_job: None,
            count_aside: aside.is_some(),
            ready: Default::default(),
            same_data: false,
            every_card: None,
            unfiltered: None,
            pending_scores: None,
            read_at_once: super::every_card::READ_AT_ONCE,
            ranking: None,
            rank_at_once: super::every_card::RANK_AT_ONCE,
            watched: false,
        };
        app.reload(None)?;
        app.board.focus_first_card();
        let help = app.keymap.hint(Action::Help);
        app.info(format!("Press {help} for help"));
        Ok(app)
    }

    /// The store (read-only access for views and tests).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The selected role.
    pub fn current_family(&self) -> Option<&Family> {
        self.families.get(self.family)
    }

    /// Show an informational message.
    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Status { text: text.into(), error: false };
    }

    /// Show an error message.
    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Status { text: text.into(), error: true };
    }

    /// Reload the board from the database, keeping `keep` (or the current card) selected.
    pub fn reload(&mut self, keep: Option<ApplicationId>) -> Result<(), StoreError> {
        let keep = keep.or_else(|| self.board.selected().map(|c| c.id));
        // Counts (and boards kept) taken before a change no longer hold: this user's, or
        // another writer's that no tick has seen yet. The version is the one before the
        // load, so a commit during it is seen by the next tick.
        let version = self.store.data_version()?;
        if !std::mem::take(&mut self.same_data) || version != self.data_version {
            self.forget_counts();
            // This app's own write may be among the changes, and SQLite's data_version
            // does not count those: the search index is read again when next needed.
            self.search_epoch += 1;
        }
        self.data_version = version;
        let Some(family) = self.families.get(self.family) else {
            self.board = Board::default();
            return Ok(());
        };
        let family_id = family.id;
        // The cards a filter read may have changed (this user's writes too). Freeing a big
        // role's (42,000 cards at 1,000,000 candidates) took ~5 ms of the next key.
        super::every_card::drop_aside(self.every_card.take());
        self.unfiltered = None;
        self.pending_scores = None;
        self.ranking = None;
        // A load from the top: a role switch, or the start.
        let fresh = keep.is_none() && self.board.stages.is_empty() && self.windowed();
        let ready = if fresh { self.ready_board(family_id)? } else { None };
        let from_ready = ready.is_some();
        let mut board = match ready {
            Some(board) => {
                self.load_team(family_id, &mut Vec::new())?;
                board
            }
            None => {
                let stages = self.store.board_stages(family_id)?;
                if self.windowed() {
                    self.load_team(family_id, &mut Vec::new())?;
                    self.load_windows(family_id, stages, keep)?
                } else {
                    self.load_every_card(family_id, stages, keep)?
                }
            }
        };
        self.handbook_changed = !self.store.pending_notices(Some(family_id))?.is_empty();
        board.limits = self.store.limit_days()?;
        self.board = board;
        if matches!(self.screen, Screen::Roles { .. }) {
            self.roles = super::roles::load(&self.store, &self.families);
        }
        self.scroll();
        self.fill_scorecards();
        if fresh && !from_ready {
            self.keep_ready(family_id, version);
        }
        Ok(())
    }

    /// Other writers' changes arrive through `on_changes` from now on (live refresh).
    pub fn set_watched(&mut self) {
        self.watched = true;
    }

    /// Called on a timer: pick up the passing of time, and other processes' changes
    /// unless they are announced.
    pub fn tick(&mut self) {
        self.take_search_index();
        self.apply_waiting_filter();
        self.take_ranked();
        self.take_scores();
        self.take_counts();
        self.now = self.store.now();
        if self.watched {
            return;
        }
        match self.store.data_version() {
            Ok(v) if v != self.data_version => {
                if let Err(e) = self.reload(None) {
                    self.error(format!("Could not refresh: {e}"));
                }
            }
            Ok(_) => {}
            Err(e) => self.error(format!("Could not check for changes: {e}")),
        }
    }

    /// Record the terminal size (used for paging and scrolling).
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.scroll();
        self.fill_scorecards();
    }

    pub(crate) fn scroll(&mut self) {
        let (w, h) = self.size;
        self.board.scroll_into_view(w, h.saturating_sub(2));
    }

    pub(crate) fn refresh_or_report(&mut self) {
        if let Err(e) = self.reload(None) {
            self.error(format!("Could not load the board: {e}"));
        }
    }

    /// Switch to the role at `index`.
    pub fn select_role(&mut self, index: usize) {
        if index < self.families.len() {
            if index != self.family {
                self.marked.clear();
            }
            self.family = index;
            self.board = Board::default();
            self.same_data = true;
            self.refresh_or_report();
            self.board.focus_first_card();
            if let Some(f) = self.current_family() {
                let title = inert(&f.title);
                self.info(format!("Role: {title}"));
            }
        }
    }

    pub(crate) fn switch_role(&mut self, delta: isize) {
        let n = self.families.len() as isize;
        if n == 0 {
            return;
        }
        let next = (self.family as isize + delta).rem_euclid(n) as usize;
        self.select_role(next);
    }

    pub(crate) fn selected_or_hint(&mut self) -> Option<(ApplicationId, i64, String, AppStatus)> {
        match self.board.selected() {
            Some(c) => Some((c.id, c.version, inert(&c.name), c.status)),
            None => {
                let add = self.keymap.hint(Action::Add);
                self.error(format!("No candidate selected; press {add} to add one"));
                None
            }
        }
    }
}

/// Take the store back out of an app (tests reopen the app to check persistence).
pub fn into_store(app: App) -> Store {
    app.store
}

/// Direct store access, for tests that simulate another process writing.
#[doc(hidden)]
pub fn store_mut(app: &mut App) -> &mut Store {
    &mut app.store
}
