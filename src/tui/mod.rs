//! The terminal UI. Only this module names `ratatui` / `crossterm`.

pub mod action;
pub mod app;
mod app_dialogs;
mod app_moves;
mod app_records;
pub mod board;
mod board_search;
pub mod config;
pub mod dashboard;
mod detail;
pub mod dialogs;
mod erase;
pub mod export_dialog;
pub mod forms;
pub mod help;
mod input;
mod input_forms;
pub mod keymap;
mod keymap_file;
pub mod mouse;
pub mod note_dialog;
pub mod run;
pub mod undo;
pub mod views;
