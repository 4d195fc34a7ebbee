//! The board's team parts (issue 16): the "mine" toggle (`m`), each card's next
//! interview, the queue screen (`Q`) and notes (`n`).

use super::app::App;
use super::overlays::Overlay;
use super::overlays::team_note::TeamNote;
use super::overlays::team_queue::QueueScreen;
use crate::domain::{ApplicationId, BoardCard, FamilyId};
use crate::present::not_saved_line;
use crate::store::StoreError;

impl App {
    /// Each card's next interview, and only the user's cards while "mine" is on.
    pub(crate) fn load_team(
        &mut self,
        family: FamilyId,
        cards: &mut Vec<BoardCard>,
    ) -> Result<(), StoreError> {
        self.next_interviews.clear();
        // Latest first, so the earliest of an application is the one kept.
        // The viewer's time, not the zone the interview was given in (that may be another
        // office's): someone in London must not read a Berlin 14:00 as their own.
        for (app, at, _given_in) in self.store.next_interviews(self.store.now())? {
            let shown = match self.viewer_zone {
                Some(z) => at.with_timezone(&z).format("%a %H:%M").to_string(),
                None => at.with_timezone(&chrono::Local).format("%a %H:%M").to_string(),
            };
            self.next_interviews.insert(app, shown);
        }
        if self.mine_only {
            let mine = self.store.mine(family, self.store.actor())?;
            cards.retain(|c| mine.contains(&c.id));
        }
        Ok(())
    }

    /// `m`: show only the user's cards, or all again.
    pub(crate) fn toggle_mine(&mut self) {
        self.mine_only = !self.mine_only;
        self.refresh_or_report();
        let who = crate::domain::text::inert(self.store.actor());
        if self.mine_only {
            self.info(format!("Showing only {who}'s candidates: owned, or interviewing on them"));
        } else {
            self.info("Showing everyone's candidates");
        }
    }

    /// `Q`: the user's queue.
    pub(crate) fn open_queue(&mut self) {
        match self.store.queue(self.store.actor()) {
            Ok(queue) => self.overlay = Some(Overlay::Queue(QueueScreen::new(&queue))),
            Err(e) => self.error(format!("Could not load the queue: {e}")),
        }
    }

    /// `n`: a note on the selected card's timeline.
    pub(crate) fn open_team_note(&mut self) {
        let Some((app, _, name, _)) = self.selected_or_hint() else { return };
        self.overlay = Some(Overlay::TeamNote(Box::new(TeamNote::new(app, name))));
    }

    /// Add the note form's note; on failure the form stays with what was typed.
    pub(crate) fn add_note(&mut self, app: ApplicationId, name: &str, text: &str) {
        match self.store.add_note(app, text) {
            Ok(_) => {
                self.overlay = None;
                self.info(format!("Note added to {name}'s timeline"));
                if let Err(e) = self.reload(Some(app)) {
                    self.error(format!("Saved, but could not reload: {e}"));
                }
            }
            Err(e) => {
                if let Some(Overlay::TeamNote(form)) = &mut self.overlay {
                    form.message = Some(not_saved_line(&e));
                }
            }
        }
    }
}
