//! What the demo writes: people arriving over the last twelve months, their
//! applications, and every event in the order it happened, so ids follow time as they
//! do in a real log. `super::stream` produces them in that order.

use super::people::Person;
use super::story::{Outcome, StageShape, Step};
use super::time::Micros;
use crate::domain::{FamilyId, LevelId};

pub use super::arrivals::HISTORY_DAYS;

/// A role as the generator sees it.
#[derive(Debug, Clone)]
pub struct RoleShape {
    /// The family.
    pub family: FamilyId,
    /// Its stages in order, Offer last.
    pub stages: Vec<StageShape>,
    /// Its levels in page order.
    pub levels: Vec<LevelShape>,
}

/// A level and the requirements its scorecards rate.
#[derive(Debug, Clone)]
pub struct LevelShape {
    /// The level.
    pub id: LevelId,
    /// Requirement texts, copied into each score as the store does.
    pub requirements: Vec<String>,
}

/// A person to add.
#[derive(Debug, Clone)]
pub struct PlannedCandidate {
    /// Who.
    pub person: Person,
    /// When they first applied.
    pub created_at: Micros,
}

/// An application to add, in its final state.
#[derive(Debug, Clone, Copy)]
pub struct PlannedApplication {
    /// Index into `Plan::candidates`.
    pub candidate: u32,
    /// Index into the roles.
    pub role: u16,
    /// Index into the role's levels.
    pub level: u16,
    /// When it was made.
    pub created_at: Micros,
    /// Where it stands now.
    pub outcome: Outcome,
}

/// An event to add, with what the writer needs of its application.
#[derive(Debug, Clone, Copy)]
pub struct PlannedEvent {
    /// Index of the application (in the order applications are planned).
    pub application: u32,
    /// Index of the person.
    pub candidate: u32,
    /// Index into the roles.
    pub role: u16,
    /// Index into the role's levels.
    pub level: u16,
    /// What happened.
    pub step: Step,
}
