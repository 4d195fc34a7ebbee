//! Helpers of the team tests (issue 16).
pub mod people;
