//! rolecall: a terminal interview-pipeline tracker.

pub mod domain;
pub mod import;
