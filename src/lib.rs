//! rolecall: a terminal interview-pipeline tracker.

pub mod cli;
pub mod demo;
pub mod domain;
pub mod export;
pub mod import;
pub mod present;
pub mod store;
pub mod tui;
