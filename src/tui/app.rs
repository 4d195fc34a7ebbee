//! Application state and `update`: the only place state changes and the only caller of
//! store writes. Rendering reads this state; the event loop carries out returned effects.

use super::action::Action;
use super::board::Board;
use super::dialogs::{field_text, AddForm, Confirm, Detail, Overlay, Pending, Picker, RejectDialog};
use super::keymap::Keymap;
use super::undo::UndoStacks;
use crate::domain::text::inert;
use crate::domain::{AppStatus, ApplicationId, RejectReason};
use crate::present::describe;
use crate::store::{Family, NewCandidate, Store, StoreError, Transition};
use chrono::{DateTime, Utc};

/// What the event loop must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Keep going.
    None,
    /// Leave the TUI.
    Quit,
}

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
}

/// The status line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// Text shown.
    pub text: String,
    /// Shown as an error.
    pub error: bool,
}

/// Days-in-stage colour thresholds.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    /// Warn from this many days.
    pub warn: i64,
    /// Alarm from this many days.
    pub alarm: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { warn: 7, alarm: 14 }
    }
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
    /// What sits over the board.
    pub overlay: Overlay,
    /// Which screen.
    pub screen: Screen,
    /// Status line.
    pub status: Status,
    /// Live key bindings.
    pub keymap: Keymap,
    /// Undo / redo, derived from the log.
    pub undo: UndoStacks,
    /// Colour thresholds.
    pub thresholds: Thresholds,
    /// "Now", refreshed on each tick.
    pub now: DateTime<Utc>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    data_version: i64,
}

impl App {
    /// Load the first role's board.
    pub fn new(store: Store, keymap: Keymap) -> Result<Self, StoreError> {
        let families = store.families()?;
        let undo = UndoStacks::from_events(&store.recent_events_by(store.actor(), 500)?);
        let now = store.now();
        let data_version = store.data_version()?;
        let mut app = App {
            store,
            families,
            family: 0,
            board: Board::default(),
            show_closed: false,
            filter: String::new(),
            filter_input: None,
            overlay: Overlay::None,
            screen: Screen::Board,
            status: Status::default(),
            keymap,
            undo,
            thresholds: Thresholds::default(),
            now,
            size: (80, 24),
            data_version,
        };
        app.reload(None)?;
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
        let col = self.board.col;
        let Some(family) = self.families.get(self.family) else {
            self.board = Board::default();
            return Ok(());
        };
        let stages = self.store.stages(family.id)?;
        let cards = self.store.board(family.id, self.show_closed)?;
        let rows = std::mem::take(&mut self.board.rows);
        let mut board = Board::new(stages, cards, &self.filter, None);
        board.col = col.min(board.columns.len().saturating_sub(1));
        for (c, r) in rows.into_iter().enumerate().take(board.rows.len()) {
            board.rows[c] = r.min(board.count(c).saturating_sub(1));
        }
        if let Some(id) = keep {
            board.select(id);
        }
        self.board = board;
        self.data_version = self.store.data_version()?;
        self.scroll();
        Ok(())
    }

    /// Called on a timer: pick up other processes' changes and the passing of time.
    pub fn tick(&mut self) {
        self.now = self.store.now();
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
    }

    fn scroll(&mut self) {
        let (w, h) = self.size;
        self.board.scroll_into_view(w, h.saturating_sub(2));
    }

    /// Apply one action.
    pub fn update(&mut self, action: Action) -> Effect {
        if let Screen::Roles { scroll } = self.screen {
            return self.update_roles_screen(action, scroll);
        }
        match action {
            Action::Quit => return Effect::Quit,
            Action::Left => self.board.move_col(-1),
            Action::Right => self.board.move_col(1),
            Action::Up => self.board.move_row(-1),
            Action::Down => self.board.move_row(1),
            Action::Top => self.board.jump(true),
            Action::Bottom => self.board.jump(false),
            Action::PageUp => self.board.move_row(-(self.page() as isize)),
            Action::PageDown => self.board.move_row(self.page() as isize),
            Action::MoveBack => self.step(false),
            Action::MoveForward => self.step(true),
            Action::NextRole => self.switch_role(1),
            Action::PrevRole => self.switch_role(-1),
            Action::RolePicker => {
                self.overlay = Overlay::RolePicker(Picker::new(
                    super::dialogs::role_entries(&self.families),
                    "type to filter roles",
                ))
            }
            Action::RolesScreen => self.screen = Screen::Roles { scroll: 0 },
            Action::Open => self.open_detail(),
            Action::Add => self.open_add(),
            Action::Edit => self.open_edit(None),
            Action::Outcome => self.open_outcome(None),
            Action::Reject => self.open_reject(),
            Action::Withdraw => self.open_withdraw(),
            Action::Hold => self.toggle_hold(),
            Action::Undo => self.undo_redo(true),
            Action::Redo => self.undo_redo(false),
            Action::Filter => {
                let mut field = super::dialogs::text_field("name or level");
                field.insert_str(&self.filter);
                self.filter_input = Some(field);
            }
            Action::ToggleClosed => {
                self.show_closed = !self.show_closed;
                self.refresh_or_report();
                let what = if self.show_closed { "Showing" } else { "Hiding" };
                self.info(format!("{what} rejected, withdrawn and hired candidates"));
            }
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Palette => {
                self.overlay =
                    Overlay::Palette(Picker::new(super::dialogs::palette_entries(&self.keymap), "type an action"))
            }
            Action::Refresh => {
                self.refresh_or_report();
                self.info("Reloaded");
            }
        }
        self.scroll();
        Effect::None
    }

    fn update_roles_screen(&mut self, action: Action, scroll: u16) -> Effect {
        match action {
            Action::Quit => return Effect::Quit,
            Action::Up => self.screen = Screen::Roles { scroll: scroll.saturating_sub(1) },
            Action::Down => self.screen = Screen::Roles { scroll: scroll.saturating_add(1) },
            Action::PageUp => self.screen = Screen::Roles { scroll: scroll.saturating_sub(self.size.1) },
            Action::PageDown => self.screen = Screen::Roles { scroll: scroll.saturating_add(self.size.1) },
            Action::Top => self.screen = Screen::Roles { scroll: 0 },
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::NextRole => self.switch_role(1),
            Action::PrevRole => self.switch_role(-1),
            _ => self.screen = Screen::Board,
        }
        Effect::None
    }

    fn page(&self) -> usize {
        super::board::cards_per_column(self.size.1.saturating_sub(2)).max(1)
    }

    fn refresh_or_report(&mut self) {
        if let Err(e) = self.reload(None) {
            self.error(format!("Could not load the board: {e}"));
        }
    }

    /// Switch to the role at `index`.
    pub fn select_role(&mut self, index: usize) {
        if index < self.families.len() {
            self.family = index;
            self.board = Board::default();
            self.refresh_or_report();
            if let Some(f) = self.current_family() {
                let title = inert(&f.title);
                self.info(format!("Role: {title}"));
            }
        }
    }

    fn switch_role(&mut self, delta: isize) {
        let n = self.families.len() as isize;
        if n == 0 {
            return;
        }
        let next = (self.family as isize + delta).rem_euclid(n) as usize;
        self.select_role(next);
    }

    /// Report the outcome of a store write and reload.
    fn after_write(&mut self, result: Result<Transition, StoreError>) {
        match result {
            Ok(t) => {
                if let Ok(e) = self.store.event(t.event_id) {
                    self.undo.record(&e);
                    let line = describe(&self.store, &e);
                    self.info(line);
                }
                if let Err(e) = self.reload(Some(t.application.id)) {
                    self.error(format!("Saved, but could not reload: {e}"));
                }
            }
            Err(e) => {
                let conflict = matches!(e, StoreError::Conflict(_));
                self.error(crate::present::store_error_line(&e));
                if conflict {
                    self.refresh_or_report();
                }
            }
        }
    }

    fn selected_or_hint(&mut self) -> Option<(ApplicationId, i64, String, AppStatus)> {
        match self.board.selected() {
            Some(c) => Some((c.id, c.version, inert(&c.name), c.status)),
            None => {
                let add = self.keymap.hint(Action::Add);
                self.error(format!("No candidate selected; press {add} to add one"));
                None
            }
        }
    }

    fn step(&mut self, forward: bool) {
        let Some((id, version, name, _)) = self.selected_or_hint() else { return };
        if forward {
            if let Some(question) = self.short_of_interviews(&name) {
                self.overlay = Overlay::Confirm(Confirm { question, pending: Pending::Advance(id, version) });
                return;
            }
        }
        let result = self.store.step(id, forward, Some(version));
        self.after_write(result);
    }

    /// For stages with an interview range: the question to ask when moving on too early.
    fn short_of_interviews(&self, name: &str) -> Option<String> {
        let card = self.board.selected()?;
        let stage = self.board.stages.iter().find(|s| s.id == card.stage_id)?;
        if stage.max_interviews > 1 && card.interviews_at_stage < stage.min_interviews {
            Some(format!(
                "{name} has {} of at least {} interviews at {}. Move forward anyway?",
                card.interviews_at_stage,
                stage.min_interviews,
                inert(&stage.label)
            ))
        } else {
            None
        }
    }

    fn toggle_hold(&mut self) {
        let Some((id, version, _, status)) = self.selected_or_hint() else { return };
        let result = if status == AppStatus::OnHold {
            self.store.resume(id, Some(version))
        } else {
            self.store.hold(id, None, Some(version))
        };
        self.after_write(result);
    }

    fn undo_redo(&mut self, undo: bool) {
        let target = if undo { self.undo.undo_target() } else { self.undo.redo_target() };
        let Some(event) = target else {
            self.info(if undo { "Nothing to undo" } else { "Nothing to redo" });
            return;
        };
        let result = self.store.revert(event, None);
        if let Ok(t) = &result {
            let verb = if undo { "Undone" } else { "Redone" };
            if let Ok(e) = self.store.event(t.event_id) {
                self.undo.record(&e);
                let line = describe(&self.store, &e);
                self.info(format!("{verb}: {line}"));
            }
            let id = t.application.id;
            if let Err(e) = self.reload(Some(id)) {
                self.error(format!("Could not reload: {e}"));
            }
        } else {
            self.after_write(result);
        }
    }

    fn open_reject(&mut self) {
        let Some((app, version, name, _)) = self.selected_or_hint() else { return };
        self.overlay = Overlay::Reject(RejectDialog {
            app,
            name,
            version,
            reason: 0,
            note: super::dialogs::text_field("optional note"),
            note_focus: false,
        });
    }

    /// Reject with the dialog's reason.
    pub fn confirm_reject(&mut self) {
        let Overlay::Reject(d) = std::mem::replace(&mut self.overlay, Overlay::None) else { return };
        let note = field_text(&d.note);
        let note = Some(note.trim()).filter(|n| !n.is_empty());
        let reason: RejectReason = d.chosen();
        let result = self.store.reject(d.app, reason, note, Some(d.version));
        if result.is_ok() {
            let z = self.keymap.hint(Action::ToggleClosed);
            self.after_write(result);
            let text = format!("{} · {z} shows closed candidates", self.status.text);
            self.info(text);
        } else {
            self.after_write(result);
        }
    }

    fn open_withdraw(&mut self) {
        let Some((app, version, name, _)) = self.selected_or_hint() else { return };
        self.overlay = Overlay::Confirm(Confirm {
            question: format!("Record that {name} withdrew?"),
            pending: Pending::Withdraw(app, version),
        });
    }

    /// Carry out a confirmed question.
    pub fn confirm_yes(&mut self) {
        let Overlay::Confirm(c) = std::mem::replace(&mut self.overlay, Overlay::None) else { return };
        match c.pending {
            Pending::Withdraw(app, version) => {
                let result = self.store.withdraw(app, None, Some(version));
                self.after_write(result);
            }
            Pending::Advance(app, version) => {
                let result = self.store.step(app, true, Some(version));
                self.after_write(result);
            }
        }
    }

    fn open_add(&mut self) {
        let Some(family) = self.current_family() else {
            self.error("No role to add a candidate to; import a page first");
            return;
        };
        match self.store.levels(family.id) {
            Ok(levels) => {
                let titles = levels.into_iter().map(|l| inert(&l.title)).collect();
                self.overlay = Overlay::Add(AddForm::new(titles));
            }
            Err(e) => self.error(format!("Could not load levels: {e}")),
        }
    }

    /// Save the add form: add the person and apply them to the chosen level.
    pub fn confirm_add(&mut self) {
        let Overlay::Add(form) = &mut self.overlay else { return };
        let name = field_text(&form.name).trim().to_string();
        let email = field_text(&form.email).trim().to_string();
        if name.is_empty() {
            form.error = Some("Name is required".into());
            form.focus = 0;
            return;
        }
        if let Err(e) = crate::store::validate_email(&email) {
            form.error = Some(e.to_string());
            form.focus = 1;
            return;
        }
        let email = Some(email).filter(|e| !e.is_empty());
        if !form.duplicate_acknowledged {
            if let Ok(dups) = self.store.find_duplicates(&name, email.as_deref()) {
                if let Some(d) = dups.first() {
                    form.error = Some(format!(
                        "#{} {} already exists; press Enter again to add anyway, Esc to cancel",
                        d.id,
                        inert(&d.name)
                    ));
                    form.duplicate_acknowledged = true;
                    return;
                }
            }
        }
        let level_title = form.levels.get(form.level).cloned().unwrap_or_default();
        let result = self.add_and_apply(&name, email, &level_title);
        match result {
            Ok(t) => {
                self.overlay = Overlay::None;
                self.after_write(Ok(t));
            }
            Err(e) => {
                if let Overlay::Add(form) = &mut self.overlay {
                    form.error = Some(crate::present::store_error_line(&e));
                }
            }
        }
    }

    fn add_and_apply(&mut self, name: &str, email: Option<String>, level: &str) -> Result<Transition, StoreError> {
        let family = self.current_family().map(|f| f.id).ok_or_else(|| StoreError::Invalid("no role".into()))?;
        let level = self.store.level_by_name(family, level)?;
        let id = self.store.add_candidate(&NewCandidate { name: name.into(), email, ..Default::default() })?;
        self.store.apply(id, level.id)
    }

    fn open_detail(&mut self) {
        let Some((app, _, name, _)) = self.selected_or_hint() else { return };
        self.show_detail(app, name);
    }

    /// Open (or refresh) the candidate screen for `app`.
    pub fn show_detail(&mut self, app: ApplicationId, title: String) {
        match self.detail_lines(app) {
            Ok(lines) => self.overlay = Overlay::Detail(Detail { app, title, lines, scroll: 0 }),
            Err(e) => self.error(format!("Could not load the candidate: {e}")),
        }
    }

    /// The application a form should act on: the candidate screen's, else the selected card's.
    fn target(&mut self, from: Option<ApplicationId>) -> Option<ApplicationId> {
        from.or_else(|| self.selected_or_hint().map(|(id, ..)| id))
    }

    /// Open the outcome form for `from` (or the selected card).
    pub fn open_outcome(&mut self, from: Option<ApplicationId>) {
        let Some(app) = self.target(from) else { return };
        match self.outcome_form(app) {
            Ok(form) => self.overlay = Overlay::Outcome(Box::new(form)),
            Err(e) => self.error(crate::present::store_error_line(&e)),
        }
    }

    fn outcome_form(&self, app: ApplicationId) -> Result<super::forms::outcome::OutcomeForm, StoreError> {
        let a = self.store.application(app)?;
        if a.status.is_closed() {
            return Err(StoreError::Conflict(format!(
                "{} is {}; reopen before recording an interview",
                inert(&a.candidate_name),
                a.status
            )));
        }
        let stages = self
            .store
            .stages(a.family_id)?
            .into_iter()
            .filter(|s| s.kind == crate::domain::StageKind::Interview)
            .map(|s| (s.id, inert(&s.label)))
            .collect();
        let requirements = self.store.requirements_for(app)?.iter().map(|r| inert(r)).collect();
        Ok(super::forms::outcome::OutcomeForm::new(
            app,
            a.version,
            inert(&a.candidate_name),
            "",
            self.now.date_naive(),
            stages,
            a.stage_id,
            requirements,
        ))
    }

    /// Save the outcome form; on failure everything typed stays and the error shows in the form.
    pub fn save_outcome(&mut self) {
        let Overlay::Outcome(form) = &mut self.overlay else { return };
        let new = match form.to_new_interview() {
            Ok(n) => n,
            Err(message) => {
                form.error = Some(message);
                return;
            }
        };
        let (app, version, name) = (form.app, form.version, form.name.clone());
        match self.store.record_interview(app, &new, Some(version)) {
            Ok(_) => {
                self.overlay = Overlay::None;
                self.info(format!("{name}: {} recorded by {}", new.recommendation.label(), inert(&new.interviewer)));
                if let Err(e) = self.reload(Some(app)) {
                    self.error(format!("Saved, but could not reload: {e}"));
                }
            }
            Err(e) => {
                if let Overlay::Outcome(form) = &mut self.overlay {
                    form.error = Some(format!("Not saved: {}", crate::present::store_error_line(&e)));
                }
            }
        }
    }

    /// Open the edit form for the candidate of `from` (or the selected card).
    pub fn open_edit(&mut self, from: Option<ApplicationId>) {
        let Some(app) = self.target(from) else { return };
        let loaded = self.store.application(app).and_then(|a| self.store.candidate(a.candidate_id));
        match loaded {
            Ok(c) => self.overlay = Overlay::Edit(Box::new(super::forms::edit::EditForm::new(&c))),
            Err(e) => self.error(crate::present::store_error_line(&e)),
        }
    }

    /// Save the edit form, keeping it open with a message on failure.
    pub fn save_edit(&mut self) {
        let Overlay::Edit(form) = &mut self.overlay else { return };
        let Ok(update) = form.validate() else { return };
        let id = form.candidate;
        match self.store.edit_candidate(id, &update) {
            Ok(c) => {
                self.overlay = Overlay::None;
                self.info(format!("Saved {}", inert(&c.name)));
                self.refresh_or_report();
            }
            Err(e) => {
                if let Overlay::Edit(form) = &mut self.overlay {
                    let field = form.focus;
                    form.error = Some((field, format!("Not saved: {}", crate::present::store_error_line(&e))));
                }
            }
        }
    }

    fn detail_lines(&self, app: ApplicationId) -> Result<Vec<String>, StoreError> {
        let a = self.store.application(app)?;
        let c = self.store.candidate(a.candidate_id)?;
        let mut lines = vec![
            format!("Email:  {}", inert(c.email.as_deref().unwrap_or("—"))),
            format!("Phone:  {}", inert(c.phone.as_deref().unwrap_or("—"))),
            format!("Source: {}", inert(c.source.as_deref().unwrap_or("—"))),
        ];
        for note in c.notes.lines() {
            lines.push(format!("Notes:  {}", inert(note)));
        }
        lines.push(String::new());
        lines.push("Applications:".into());
        for other in self.store.applications_of(c.id)? {
            let marker = if other.id == app { "▶" } else { " " };
            let reason = other.reject_reason.map(|r| format!(", {}", r.label())).unwrap_or_default();
            lines.push(format!(
                "{marker} {} · {} · {} ({}{reason})",
                inert(&other.family_slug),
                inert(&other.level_title),
                inert(&other.stage_label),
                other.status
            ));
        }
        let interviews = self.store.interviews(app)?;
        if !interviews.is_empty() {
            lines.push(String::new());
            lines.push("Scorecards:".into());
        }
        for i in interviews.iter().rev() {
            lines.push(format!(
                "{} · {} · {} · {} {}",
                i.held_on,
                inert(&i.stage_label),
                inert(&i.interviewer),
                i.recommendation.glyph(),
                i.recommendation.label()
            ));
            for s in i.scores.iter() {
                let r = s.rating.map(|r| r.label()).unwrap_or("unrated");
                lines.push(format!("    {r:<10} {}", inert(&s.requirement)));
            }
            for note in i.notes.lines() {
                lines.push(format!("    │ {}", inert(note)));
            }
        }
        lines.push(String::new());
        lines.push("Timeline (newest first):".into());
        let mut events = self.store.candidate_history(c.id)?;
        events.reverse();
        for e in events {
            lines.push(format!(
                "{}  {}  {}",
                e.at.format("%Y-%m-%d %H:%M"),
                inert(&e.actor),
                describe(&self.store, &e)
            ));
        }
        Ok(lines)
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
