//! Carrying out effects (see `effect.rs`): store writes, export files, the clipboard.
//! The run loop calls [`App::perform`] for each effect a key returned; `handle_key` and
//! `update` do both steps at once for callers without a loop (tests, the mouse).

use super::action::Action;
use super::app::App;
use super::effect::{Effect, ExportJob, Flow};
use super::overlays::Overlay;
use super::overlays::exported::Exported;
use crate::export::{ExportOptions, write_atomically, write_sorted_snapshot};
use crate::store::Store;
use ratatui::crossterm::event::KeyEvent;
use std::path::PathBuf;

impl App {
    /// Carry out one effect. `Copy` waits in [`App::take_clipboard`] for the terminal.
    pub fn perform(&mut self, effect: Effect) -> Flow {
        match effect {
            Effect::Write(command) => {
                // One request id per action: a retry of it cannot write twice.
                self.store.set_request_id(Some(crate::store::new_request_id()));
                self.write(command);
            }
            Effect::Export(job) => self.export(&job),
            Effect::Copy(text) => self.copy_to_clipboard(text),
            Effect::Quit => return Flow::Quit,
        }
        Flow::Continue
    }

    /// Carry out `effects` in order, stopping at a quit.
    pub fn perform_all(&mut self, effects: Vec<Effect>) -> Flow {
        for effect in effects {
            if self.perform(effect) == Flow::Quit {
                return Flow::Quit;
            }
        }
        // The key may have brought other cards on screen.
        self.fill_scorecards();
        Flow::Continue
    }

    /// Handle one key press and carry out what it asks for.
    pub fn handle_key(&mut self, key: KeyEvent) -> Flow {
        let effects = self.on_key(key);
        self.perform_all(effects)
    }

    /// Apply one action and carry out what it asks for.
    pub fn update(&mut self, action: Action) -> Flow {
        let effects = self.on_action(action);
        self.perform_all(effects)
    }

    /// Write the export; errors stay in the export dialog.
    fn export(&mut self, job: &ExportJob) {
        match write_export(&self.store, job) {
            Ok((path, bytes)) => {
                let path = path.display().to_string();
                self.info(format!("Exported {bytes} bytes to {path}"));
                self.overlay = Some(Overlay::Exported(Exported { path, bytes }));
            }
            Err(message) => {
                if let Some(Overlay::Export(form)) = &mut self.overlay {
                    form.error = Some(message);
                }
            }
        }
    }

    /// Ask the run loop to put `text` on the terminal's clipboard.
    pub fn copy_to_clipboard(&mut self, text: String) {
        self.clipboard = Some(text);
    }

    /// What to put on the clipboard, once.
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }
}

/// Write the snapshot `job` describes; the file's absolute path and its size.
fn write_export(store: &Store, job: &ExportJob) -> Result<(PathBuf, u64), String> {
    // Sorted on disk as the log is replayed application by application (memory does not
    // grow with the log), as `rolecall export` does.
    let snapshot = store
        .sorted_snapshot(job.as_of, job.family)
        .map_err(|e| format!("Could not build the snapshot: {e}"))?;
    let bytes = write_atomically(&job.path, |w| {
        write_sorted_snapshot(store, job.format, snapshot, ExportOptions::default(), w).map(drop)
    })
    .map_err(|e| e.to_string())?;
    let shown = std::fs::canonicalize(&job.path).unwrap_or_else(|_| job.path.clone());
    Ok((shown, bytes))
}
