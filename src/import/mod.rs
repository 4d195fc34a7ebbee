//! Job-family markdown pages → domain drafts.
//!
//! [`parse()`] is pure: text in, a [`FamilyDraft`](crate::domain::FamilyDraft)
//! plus warnings out. It never panics and runs in roughly linear time.

mod block;
mod chunks;
mod content;
mod directives;
mod error;
mod frontmatter;
mod inline;
mod labels;
mod levels;
pub mod load;
mod markdown;
mod outline;
mod parse;
mod passes;
mod people;
mod phrases;
mod read;
mod shorten;
mod stages;
mod text;
mod warning;

pub use parse::{MAX_PAGE_BYTES, ParseError, ParsedPage, parse};
pub use passes::MAX_HEADINGS;
pub use warning::Warning;
