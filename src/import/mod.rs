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
mod preview;
mod read;
mod shorten;
mod stages;
mod steptext;
mod text;
mod track;
mod track_levels;
mod tracks;
mod units;
mod warning;

pub use parse::{MAX_PAGE_BYTES, ParseError, ParsedPage, parse};
pub use passes::MAX_HEADINGS;
pub use preview::{LevelPreview, Preview, preview_file};
pub use track::{Note, SourcedStage, Track};
pub use warning::Warning;
