//! Invented people and the words around them: names, contact details, sources, notes.
//! Every email uses the reserved `example.com` domain and every phone number the
//! fictional 555-01xx range, so no demo record can reach a real person.

use super::rng::Rng;

const FIRST: &[&str] = &[
    "Ana", "Ben", "Chloé", "Dmitri", "Esi", "Farah", "Gabriel", "Hana", "Ivan", "Jia", "Kwame", "Lena",
    "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tomás", "Uma", "Viktor", "Wen", "Ximena",
    "Yusuf", "Zoë", "Aiko", "Bilal", "Carmen", "Diego", "Elif", "Felix", "Grace", "Hiro", "Ines", "Jonas",
    "Kiran", "Leila", "Marco", "Noor", "Olga", "Pedro", "Rania", "Sara", "Tariq", "Valeria", "Will", "Yara",
    "Amara", "Luca", "Maya", "Noah", "Sofia", "Arjun", "Emma", "Kenji", "Fatima", "Liam", "Mei", "Oscar",
];

const LAST: &[&str] = &[
    "Ruiz",
    "Okafor",
    "Nguyen",
    "Schmidt",
    "Kowalski",
    "Haddad",
    "Tanaka",
    "Silva",
    "Andersen",
    "Mensah",
    "Rossi",
    "Petrov",
    "Kim",
    "Garcia",
    "Dubois",
    "Shah",
    "O'Brien",
    "Yilmaz",
    "Novak",
    "Costa",
    "Ahmed",
    "Larsen",
    "Moreau",
    "Chen",
    "Fischer",
    "Ivanova",
    "Mbeki",
    "Sato",
    "Hernández",
    "Kaur",
    "Lindqvist",
    "Popescu",
    "Bakker",
    "Nakamura",
    "Osei",
    "Romano",
    "Santos",
    "Weber",
    "Zhang",
    "Murphy",
    "Jovanović",
    "Farouk",
    "Reyes",
    "Alvarez",
    "Berg",
    "Cohen",
    "Das",
    "Eriksen",
    "Ferreira",
    "Gupta",
];

/// Where candidates come from, with how often (out of 100).
const SOURCES: &[(&str, f64)] = &[
    ("Careers page", 34.0),
    ("LinkedIn", 26.0),
    ("Referral", 18.0),
    ("Agency", 9.0),
    ("Conference", 5.0),
    ("Handbook reader", 8.0),
];

/// Interviewers used when a stage names nobody.
pub const INTERVIEWERS: &[&str] = &[
    "Sam Rivera",
    "Alex Morgan",
    "Jordan Lee",
    "Taylor Brooks",
    "Casey Patel",
    "Robin Achterberg",
    "Devon Clarke",
    "Morgan Ito",
];

/// Scorecard notes, short like real ones.
pub const INTERVIEW_NOTES: &[&str] = &[
    "",
    "",
    "Clear communicator; good examples from past projects.",
    "Strong on process, lighter on stakeholder management.",
    "Asked thoughtful questions about the team.",
    "Struggled with the prioritisation scenario.",
    "Would like a second opinion on depth.",
    "Great culture add; concrete, measurable results.",
];

/// Notes recruiters log on a new application.
pub const APPLY_NOTES: &[&str] = &[
    "Résumé reviewed",
    "Portfolio link checked",
    "Referred by a team member",
    "Asked about remote work",
    "Salary expectations noted",
];

/// Notes recruiters log while arranging an interview.
pub const SCHEDULING_NOTES: &[&str] = &[
    "Interview scheduled",
    "Sent calendar invite",
    "Rescheduled at the candidate's request",
    "Shared prep notes with the panel",
    "Confirmed time zone and video link",
];

/// Notes recruiters add to rejections (empty: no note).
pub const REJECT_NOTES: &[&str] = &[
    "",
    "",
    "",
    "Expectations well above the band",
    "Needs more hands-on experience",
    "Role filled internally",
    "No reply after three follow-ups",
];

/// Notes on withdrawals (empty: no note).
pub const WITHDRAW_NOTES: &[&str] =
    &["", "", "Accepted another offer", "Relocation fell through", "Staying with current employer"];

/// Notes when a candidate is put on hold (empty: no note).
pub const HOLD_NOTES: &[&str] =
    &["", "Headcount freeze", "Candidate travelling", "Waiting for budget approval"];

/// One invented person.
#[derive(Debug, Clone)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Email (example.com).
    pub email: String,
    /// Phone (555-01xx), sometimes missing.
    pub phone: Option<String>,
    /// Where they came from.
    pub source: &'static str,
}

/// The plain letters an email address would use for an accented one (Hernández →
/// hernandez); other characters pass through.
fn ascii_fold(c: char) -> Vec<char> {
    let plain = match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ą' => "a",
        'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => "A",
        'é' | 'è' | 'ê' | 'ë' | 'ę' => "e",
        'É' | 'È' | 'Ê' | 'Ë' => "E",
        'í' | 'ì' | 'î' | 'ï' => "i",
        'Í' | 'Ì' | 'Î' | 'Ï' => "I",
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => "o",
        'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' => "O",
        'ú' | 'ù' | 'û' | 'ü' => "u",
        'Ú' | 'Ù' | 'Û' | 'Ü' => "U",
        'ñ' | 'ń' => "n",
        'Ñ' => "N",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'ł' => "l",
        'Ł' => "L",
        'ś' | 'š' => "s",
        'Ś' | 'Š' => "S",
        'ž' | 'ź' | 'ż' => "z",
        'Ž' | 'Ź' | 'Ż' => "Z",
        'ß' => "ss",
        _ => return vec![c],
    };
    plain.chars().collect()
}

/// A person; `serial` keeps emails unique within one demo run.
pub fn person(rng: &mut Rng, serial: u64) -> Person {
    let first = rng.pick(FIRST).copied().unwrap_or("Alex");
    let last = rng.pick(LAST).copied().unwrap_or("Doe");
    let local: String = format!("{first}.{last}")
        .chars()
        .flat_map(ascii_fold)
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect::<String>()
        .to_ascii_lowercase();
    let phone = rng.chance(0.7).then(|| format!("+1 202 555 01{:02}", rng.below(100)));
    let weights: Vec<f64> = SOURCES.iter().map(|(_, w)| *w).collect();
    let source = SOURCES.get(rng.weighted(&weights)).map(|(s, _)| *s).unwrap_or("Careers page");
    Person { name: format!("{first} {last}"), email: format!("{local}.{serial}@example.com"), phone, source }
}

/// A random note from `notes`, `None` for the empty ones.
pub fn note(rng: &mut Rng, notes: &'static [&'static str]) -> Option<&'static str> {
    rng.pick(notes).copied().filter(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_plausible_and_unreachable() {
        let mut rng = Rng::new(3);
        for serial in 0..200 {
            let p = person(&mut rng, serial);
            assert!(p.name.contains(' '));
            assert!(p.email.ends_with(&format!(".{serial}@example.com")), "{}", p.email);
            // Every letter of the name survives in the address (accents folded).
            let letters = |s: &str| s.chars().flat_map(ascii_fold).filter(|c| c.is_alphanumeric()).count();
            let local = p.email.split('@').next().unwrap_or("");
            assert!(local.is_ascii(), "{}", p.email);
            assert_eq!(
                letters(&p.name),
                letters(local) - serial.to_string().len(),
                "{} <{}>",
                p.name,
                p.email
            );
            assert!(crate::store::validate_email(&p.email).is_ok(), "{}", p.email);
            if let Some(phone) = &p.phone {
                assert!(phone.starts_with("+1 202 555 01"));
            }
        }
    }
}
