//! The terminal UI. Only this module names `ratatui` / `crossterm`.

pub mod action;
pub mod app;
pub mod board;
pub mod dialogs;
pub mod forms;
mod input;
mod input_forms;
pub mod run;
pub mod views;
pub mod keymap;
pub mod undo;
