//! The terminal UI. Only this module names `ratatui` / `crossterm`.

pub mod action;
pub mod app;
mod app_dialogs;
mod app_moves;
pub mod board;
mod board_search;
pub mod config;
pub mod dashboard;
pub mod effect;
pub mod help;
mod input;
pub mod keymap;
mod keymap_file;
pub mod live;
pub mod mouse;
pub mod overlays;
mod perform;
mod pipeline_writes;
mod requests;
mod roles;
pub mod run;
mod source;
pub mod undo;
mod update;
pub mod views;
pub mod widgets;
mod writes;
