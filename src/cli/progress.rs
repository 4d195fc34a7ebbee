//! Progress on stderr for long commands (demo, doctor, large imports and exports), drawn
//! only when stderr is a terminal: piped or redirected, nothing extra is printed.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// A progress bar or spinner that is cleared when dropped; inert when stderr is not a
/// terminal.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar of `len` steps, saying what is being done.
    pub fn bar(len: u64, message: &str) -> Self {
        Self::start(ProgressBar::new(len), "{spinner} {msg} [{bar:30}] {pos}/{len} ({elapsed})", message)
    }

    /// A spinner for work whose size is not known, saying what is being done.
    pub fn spinner(message: &str) -> Self {
        Self::start(ProgressBar::new_spinner(), "{spinner} {msg} ({elapsed})", message)
    }

    /// Nothing drawn.
    pub fn none() -> Self {
        Progress(None)
    }

    fn start(bar: ProgressBar, template: &str, message: &str) -> Self {
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        bar.set_draw_target(ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(message.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        bar.tick();
        Progress(Some(bar))
    }

    /// Say what is being done now.
    pub fn message(&self, message: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(message.to_string());
        }
    }

    /// Steps done so far, of `len`.
    pub fn at(&self, done: u64, len: u64) {
        if let Some(bar) = &self.0 {
            if bar.length() != Some(len) {
                if let Ok(style) = ProgressStyle::with_template(
                    "{spinner} {msg} [{bar:30}] {pos}/{len} ({elapsed}, {eta} left)",
                ) {
                    bar.set_style(style.progress_chars("=> "));
                }
                bar.set_length(len);
            }
            bar.set_position(done);
        }
    }

    /// One more step done.
    pub fn step(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = self.0.take() {
            bar.finish_and_clear();
        }
    }
}

/// `doctor`'s progress: the bar steps once per check, and a long check says how far it
/// has got ("checking event-log: events 4,100,000 / 8,664,111").
pub struct CheckProgress {
    bar: Progress,
    check: &'static str,
}

impl CheckProgress {
    /// A bar over `checks` checks.
    pub fn new(checks: usize) -> Self {
        CheckProgress { bar: Progress::bar(checks as u64, "checking"), check: "" }
    }

    /// Show one step of the checks.
    pub fn show(&mut self, step: crate::store::CheckStep) {
        use crate::store::CheckStep;
        match step {
            CheckStep::Starting(check) => {
                self.check = check;
                self.bar.message(&format!("checking {check}"));
                self.bar.step();
            }
            CheckStep::Waiting(check) => {
                self.bar.message(&format!("checking {check}: waiting for it to finish"))
            }
            CheckStep::Counted { what, done, total } => self.bar.message(&format!(
                "checking {}: {what} {} / {}",
                self.check,
                indicatif::HumanCount(done),
                indicatif::HumanCount(total)
            )),
        }
    }
}
