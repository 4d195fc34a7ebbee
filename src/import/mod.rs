//! Job-family markdown pages → domain drafts.

pub mod load;
mod parse;

pub use parse::{ParseError, ParsedPage, Warning, parse};
