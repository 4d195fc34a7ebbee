//! Newtype identifiers, so a stage id can never be passed where a level id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// Row id of a job family.
    FamilyId
);
id_type!(
    /// Row id of a level within a family.
    LevelId
);
id_type!(
    /// Row id of a hiring stage.
    StageId
);
id_type!(
    /// Row id of a candidate (a person).
    CandidateId
);
id_type!(
    /// Row id of an application (candidate × level).
    ApplicationId
);
id_type!(
    /// Row id of an event in the append-only log.
    EventId
);
id_type!(
    /// Row id of a recorded interview.
    InterviewId
);
id_type!(
    /// Row id of a scheduled interview.
    ScheduleId
);
