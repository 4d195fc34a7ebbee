//! Job-family markdown pages → domain drafts.

mod parse;

pub use parse::{parse, ParseError, ParsedPage, Warning};
