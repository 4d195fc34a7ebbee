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
mod erase;
pub mod help;
mod input;
pub mod keymap;
mod keymap_file;
pub mod mouse;
pub mod overlays;
mod requests;
pub mod run;
pub mod undo;
pub mod views;
pub mod widgets;
