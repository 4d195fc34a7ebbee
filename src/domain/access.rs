//! Who may see what on a team server (issue 19): the four access roles and what each may
//! do. The server enforces them (migrations/postgres/0011_access.sql); these are their
//! names and the sentences rolecall shows. A SQLite file has one user: access to it is
//! the file's permission.

use serde::Serialize;

/// An access role on a team server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// Everything, including importing roles, editing pipelines, erasure and access.
    Admin,
    /// Every candidate and application of every role, every action on them.
    Recruiter,
    /// The roles granted to them: read, move, record outcomes, notes.
    HiringManager,
    /// The applications they are scheduled to interview: no contact details, no other
    /// scorecard of a stage before theirs; their own scorecards and notes.
    Interviewer,
}

/// Something a user may want to do, as the access roles see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deed {
    /// Move, reject, withdraw, hold, reopen, hire, change the level.
    Move,
    /// Record a scorecard.
    Outcome,
    /// Add a note to a timeline.
    Note,
    /// Add a person, or edit one's details.
    EditPerson,
    /// Erase a person's data.
    Erase,
    /// Import roles or edit a pipeline.
    EditPipeline,
}

impl Access {
    /// Whether this access role may do `deed` (the server enforces it; the TUI hides what
    /// a user may not use).
    pub fn allows(self, deed: Deed) -> bool {
        match self {
            Access::Admin => true,
            Access::Recruiter => !matches!(deed, Deed::Erase | Deed::EditPipeline),
            Access::HiringManager => matches!(deed, Deed::Move | Deed::Outcome | Deed::Note),
            Access::Interviewer => matches!(deed, Deed::Outcome | Deed::Note),
        }
    }

    /// Every access role, widest first.
    pub const ALL: [Access; 4] =
        [Access::Admin, Access::Recruiter, Access::HiringManager, Access::Interviewer];

    /// The name the server stores (`rolecall_<name>` is its PostgreSQL role).
    pub fn as_str(self) -> &'static str {
        match self {
            Access::Admin => "admin",
            Access::Recruiter => "recruiter",
            Access::HiringManager => "hiring_manager",
            Access::Interviewer => "interviewer",
        }
    }

    /// The name on the command line: `hiring-manager`.
    pub fn cli_name(self) -> &'static str {
        match self {
            Access::HiringManager => "hiring-manager",
            other => other.as_str(),
        }
    }

    /// Parse a command-line or stored name (`hiring-manager`, `hiring_manager`).
    pub fn parse(s: &str) -> Option<Access> {
        let s = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Access::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// "as an interviewer on this server you can …": what this role may do.
    pub fn may(self) -> &'static str {
        match self {
            Access::Admin => "as an admin on this server you can do everything",
            Access::Recruiter => {
                "as a recruiter on this server you can see and change every candidate and application, \
                 but not import roles, edit pipelines, erase people or grant access"
            }
            Access::HiringManager => {
                "as a hiring manager on this server you can see the roles granted to you and move, \
                 record outcomes and add notes on their applications"
            }
            Access::Interviewer => {
                "as an interviewer on this server you can see the applications you are scheduled to \
                 interview (without contact details) and record your own scorecards and notes"
            }
        }
    }
}

impl std::fmt::Display for Access {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.cli_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Access::ALL {
            assert_eq!(Access::parse(a.as_str()), Some(a));
            assert_eq!(Access::parse(a.cli_name()), Some(a));
        }
        assert_eq!(Access::parse("Hiring Manager"), Some(Access::HiringManager));
        assert_eq!(Access::parse("owner"), None);
    }

    #[test]
    fn the_narrow_roles_write_little() {
        assert!(Access::Interviewer.allows(Deed::Outcome) && !Access::Interviewer.allows(Deed::Move));
        assert!(Access::HiringManager.allows(Deed::Move) && !Access::HiringManager.allows(Deed::EditPerson));
        assert!(Access::Recruiter.allows(Deed::EditPerson) && !Access::Recruiter.allows(Deed::Erase));
        assert!(Access::Admin.allows(Deed::EditPipeline));
    }
}
