//! The heading structure of a page: what each heading is (a level, a
//! Responsibilities section, a Levels container, …) and its scope.

use std::ops::Range;

use super::text::{WordSet, words};

/// What a heading names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// "… Responsibilities" (any spelling).
    Resp,
    /// "… Requirements".
    Req,
    /// "… Job Grade".
    JobGrade,
    /// "Levels", "Job Grades", "Leveling": a container of levels.
    Levels,
    /// "Specialties", "Specializations".
    Specialties,
    /// Hiring Process, Performance Indicators, Career Ladder.
    Named,
    /// A heading with a role or seniority word: a level candidate.
    Role,
    /// Anything else.
    Plain,
}

/// One section heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading {
    /// Index of the heading block.
    pub block: usize,
    /// 1 for `#`, 6 for `######`.
    pub depth: u8,
    /// Plain text.
    pub text: String,
    /// 1-based line.
    pub line: usize,
    /// What it names.
    pub class: Class,
}

/// All headings of a page with their tree relations.
pub(crate) struct Outline {
    /// Headings in page order.
    pub heads: Vec<Heading>,
    /// Index of the first later heading that is not inside this one.
    pub end: Vec<usize>,
    /// Enclosing heading.
    pub parent: Vec<Option<usize>>,
    /// Whether the heading sits inside a Specialties section.
    pub in_specialties: Vec<bool>,
    /// The first grade mentioned in each heading's body (paragraphs and lists).
    pub grades: Vec<Option<u32>>,
    n_blocks: usize,
}

/// Role and seniority words that make a heading name a job level.
static ROLE_WORDS: WordSet = WordSet::new(
    "associate junior intermediate senior sr staff principal distinguished fellow lead leader \
    manager director vp svp evp avp rvp vice president head chief officer engineer analyst \
    architect accountant auditor specialist administrator coordinator counsel recruiter \
    representative researcher designer writer scientist developer consultant advocate partner \
    intern evangelist strategist editor technician controller treasurer paralegal attorney \
    sourcer generalist producer marketer planner facilitator trainer instructor illustrator \
    apprentice trainee assistant agent programmer ceo cfo cto coo cmo cro ciso cpo clo cio cso \
    cao owner",
);

/// Whether a title has a role or seniority word.
pub(crate) fn has_role_word(text: &str) -> bool {
    words(text).iter().any(|w| {
        let singular = w.strip_suffix('s').unwrap_or(w);
        ROLE_WORDS.contains(w) || ROLE_WORDS.contains(singular)
    })
}

/// Classify a heading text.
pub(crate) fn classify(text: &str) -> Class {
    let lower = text.to_lowercase();
    let w = words(text);
    let has = |f: &dyn Fn(&str) -> bool| w.iter().any(|x| f(x));
    if lower.contains("hiring process") || lower.contains("interview process") {
        return Class::Named;
    }
    if lower.contains("performance indicator") || lower.contains("career ladder") {
        return Class::Named;
    }
    if has(&|x| x.starts_with("respons") && !x.starts_with("response") && !x.starts_with("responsive")) {
        return Class::Resp;
    }
    if has(&|x| x.starts_with("requir") || x.starts_with("qualification")) {
        return Class::Req;
    }
    let grade_word = has(&|x| x == "grade");
    if grade_word {
        let digits = text.chars().any(|c| c.is_ascii_digit());
        let section = lower.contains("job grade") || lower.contains("grade level") || !digits;
        return if section || !has_role_word(text) { Class::JobGrade } else { Class::Role };
    }
    if has(&|x| x == "levels" || x == "leveling" || x == "levelling" || x == "grades") {
        return Class::Levels;
    }
    let specialty = |x: &str| {
        !x.starts_with("specialist")
            && ["specialt", "specialit", "specializ", "specialis"].iter().any(|p| x.starts_with(p))
    };
    if has(&specialty) {
        return Class::Specialties;
    }
    let prose = ["what", "how", "why", "who", "where", "when", "about", "your", "you", "our"];
    if has(&|x| x == "roles" || x == "jobs") || w.first().is_some_and(|f| prose.contains(&f.as_str())) {
        // "Frontend Engineer roles at GitLab": a family introduction.
        return Class::Plain;
    }
    if has_role_word(text) { Class::Role } else { Class::Plain }
}

/// Whether `child` is a sub-section title of `parent` ("X Overview" under "X").
pub(crate) fn extends_title(parent: &str, child: &str) -> bool {
    let stem = |w: &String| w.strip_suffix('s').unwrap_or(w).to_string();
    let p: Vec<String> = words(parent).iter().map(stem).collect();
    let c: Vec<String> = words(child).iter().map(stem).collect();
    !p.is_empty() && c.len() >= p.len() && c[..p.len()] == p[..]
}

impl Outline {
    /// Build the outline from the page's headings (in page order), the first grade
    /// mentioned in each heading's body, and the number of blocks on the page.
    pub(crate) fn new(heads: Vec<Heading>, grades: Vec<Option<u32>>, n_blocks: usize) -> Self {
        let n = heads.len();
        let mut end = vec![n; n];
        let mut parent = vec![None; n];
        let mut in_specialties = vec![false; n];
        let mut stack: Vec<usize> = Vec::new();
        for i in 0..n {
            while let Some(&top) = stack.last() {
                if heads[top].depth >= heads[i].depth {
                    end[top] = i;
                    stack.pop();
                } else {
                    break;
                }
            }
            parent[i] = stack.last().copied();
            in_specialties[i] = stack.iter().any(|&s| heads[s].class == Class::Specialties);
            stack.push(i);
        }
        Outline { heads, end, parent, in_specialties, grades, n_blocks }
    }

    /// Blocks between heading `h` and the next heading of any depth.
    pub(crate) fn body(&self, h: usize) -> Range<usize> {
        let start = self.heads[h].block + 1;
        let end = self.heads.get(h + 1).map_or(self.n_blocks, |n| n.block);
        start..end.max(start)
    }

    /// Blocks inside heading `h`, sub-sections included.
    pub(crate) fn scope(&self, h: usize) -> Range<usize> {
        let start = self.heads[h].block + 1;
        let end = self.heads.get(self.end[h]).map_or(self.n_blocks, |n| n.block);
        start..end.max(start)
    }

    /// First heading whose text contains `needle` (lowercase).
    pub(crate) fn find(&self, needle: &str) -> Option<usize> {
        self.heads.iter().position(|h| h.text.to_lowercase().contains(needle))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_headings() {
        assert_eq!(classify("Senior Manager, Revenue Accouting Requirements"), Class::Req);
        assert_eq!(classify("Field CTO Responsibilties"), Class::Resp);
        assert_eq!(classify("Lead Billing Operations Analyst Job Grade"), Class::JobGrade);
        assert_eq!(classify("Director, Revenue Accounting Levels"), Class::Levels);
        assert_eq!(classify("Job Grades"), Class::Levels);
        assert_eq!(classify("People Business Partner (PBP) Specialties"), Class::Specialties);
        assert_eq!(classify("Business Systems Specialist"), Class::Role);
        assert_eq!(classify("Frontend Engineering Roles at GitLab"), Class::Plain);
        assert_eq!(classify("Security Engineer Hiring Process"), Class::Named);
        assert_eq!(classify("Senior Partners Manager [grade 7]"), Class::Role);
    }
}
