//! The terminal UI. Only this module names `ratatui` / `crossterm`.

pub mod action;
pub mod app;
mod app_dialogs;
mod app_records;
pub mod board;
pub mod dashboard;
pub mod dialogs;
pub mod export_dialog;
mod erase;
pub mod forms;
mod input;
mod input_forms;
pub mod run;
pub mod views;
pub mod keymap;
pub mod undo;
