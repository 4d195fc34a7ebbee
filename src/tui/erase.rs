//! Erasing a person from the board: ask (only an explicit "y" confirms), then erase.

use super::app::App;
use super::overlays::Overlay;
use super::overlays::confirm::{Confirm, Pending};
use crate::domain::CandidateId;
use crate::domain::text::inert;

impl App {
    /// Ask whether to erase the selected card's person.
    pub(crate) fn open_erase(&mut self) {
        let Some(card) = self.board.selected() else {
            self.error("No candidate selected");
            return;
        };
        let (id, name) = (card.candidate_id, inert(&card.name));
        self.overlay = Some(Overlay::Confirm(Confirm {
            question: format!("Erase all personal data of {name} (#{id})? This cannot be undone."),
            pending: Pending::Erase(id),
        }));
    }

    /// Erase a person (confirmed) and show the board without their data.
    pub(crate) fn erase(&mut self, id: CandidateId) {
        match self.store.erase_candidate(id) {
            Ok(done) => {
                if let Some(why) = &done.compact_error {
                    self.error(format!(
                        "Erased #{id} (saved), but the files could not be rewritten ({why}): free space, then run `rolecall doctor --checkpoint`"
                    ));
                } else if done.again {
                    self.info(format!("#{id} was already erased; scrubbed again"));
                } else if done.purged {
                    self.info(format!("Erased #{id}'s personal data; their anonymous history stays"));
                } else {
                    self.info(format!(
                        "Erased #{id}'s data; another rolecall is reading, so run `rolecall doctor --checkpoint` later"
                    ));
                }
                if let Err(e) = self.reload(None) {
                    self.error(format!("Erased, but could not reload: {e}"));
                }
            }
            Err(e) => self.error(crate::present::store_error_line(&e)),
        }
    }
}
