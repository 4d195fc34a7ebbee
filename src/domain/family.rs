//! Job families, their levels and hiring stages, as produced by the importer.

use serde::{Deserialize, Serialize};

/// A job family parsed from a page, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct FamilyDraft {
    /// Title from front matter (or the first heading).
    pub title: String,
    /// Description from front matter or the intro paragraph, markdown stripped.
    pub description: String,
    /// Performance indicators, one per list item, markdown stripped.
    pub performance_indicators: Vec<String>,
    /// The career ladder section as plain text.
    pub career_ladder: String,
    /// Levels in page order.
    pub levels: Vec<LevelDraft>,
    /// Hiring stages in order, without the Offer stage (the store adds it).
    pub stages: Vec<StageDraft>,
}

/// A further pipeline of a page whose hiring process is split by track ("For Managers:",
/// "### Director of Support Candidates"); the first track is the family's `stages`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TrackDraft {
    /// The track's name as the page gives it ("Managers").
    pub name: String,
    /// Its stages in order, without the Offer stage (the role's Offer ends every track).
    pub stages: Vec<StageDraft>,
    /// Titles of the family's levels that go through this track.
    pub levels: Vec<String>,
}

/// One level of a family (e.g. "Senior IT Program Manager").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct LevelDraft {
    /// Heading text, markdown stripped.
    pub title: String,
    /// Job grade number, when the page gives one.
    pub grade: Option<u32>,
    /// Who this level reports to, plain text.
    pub reports_to: Option<String>,
    /// Responsibilities, one per bullet, markdown stripped.
    pub responsibilities: Vec<String>,
    /// Requirements, one per bullet, markdown stripped.
    pub requirements: Vec<String>,
}

/// Whether a level item is a responsibility or a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Something the person in the role does.
    Responsibility,
    /// Something a candidate must bring; interviews rate these.
    Requirement,
}

impl ItemKind {
    /// Text stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Responsibility => "responsibility",
            ItemKind::Requirement => "requirement",
        }
    }
}

/// Whether a stage is an interview step or the closing Offer step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    /// An imported hiring step.
    Interview,
    /// The Offer stage every pipeline ends with; `hire` happens from here.
    Offer,
}

impl StageKind {
    /// Text stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            StageKind::Interview => "interview",
            StageKind::Offer => "offer",
        }
    }

    /// Parse the stored text.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "interview" => Some(StageKind::Interview),
            "offer" => Some(StageKind::Offer),
            _ => None,
        }
    }
}

/// One hiring stage parsed from a page's hiring process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageDraft {
    /// Short label for a board column ("VP IT panel").
    pub label: String,
    /// The whole step as plain text (links kept as their text).
    pub full_text: String,
    /// People or roles named as interviewers ("VP IT").
    pub interviewers: Vec<String>,
    /// Alternatives when the step says "A or B" ("VP Finance", "CFO").
    pub alternatives: Vec<String>,
    /// Fewest interviews at this stage.
    pub min_interviews: u32,
    /// Most interviews at this stage.
    pub max_interviews: u32,
}

impl StageDraft {
    /// The Offer stage appended to every pipeline.
    pub fn offer() -> Self {
        StageDraft {
            label: "Offer".into(),
            full_text: "Successful candidates are made an offer.".into(),
            interviewers: Vec::new(),
            alternatives: Vec::new(),
            min_interviews: 0,
            max_interviews: 0,
        }
    }

    /// The standard process for pages without one (`import --default-process`).
    pub fn default_process() -> Vec<Self> {
        let step = |label: &str, text: &str, who: &[&str]| StageDraft {
            label: label.into(),
            full_text: text.into(),
            interviewers: who.iter().map(|s| s.to_string()).collect(),
            alternatives: Vec::new(),
            min_interviews: 1,
            max_interviews: 1,
        };
        vec![
            step("Screening", "Screening call with a recruiter.", &["Recruiter"]),
            step("Hiring manager", "Interview with the hiring manager.", &["Hiring manager"]),
            step("Team", "Interviews with members of the team.", &["Team"]),
            step("Leader", "Interview with a senior leader.", &["Senior leader"]),
        ]
    }
}
