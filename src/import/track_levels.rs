//! Which track a level goes through, when a page's hiring process is split by track:
//! the track whose name shares the most distinctive words with the level's title
//! ("Managers" ↔ "Senior Support Manager", "Director of Support Candidates" ↔ "Director
//! of Support"). Words every track name has ("Support") tell nothing and are left out;
//! a level matching no track goes through the first, the role's own pipeline.

use super::track::Track;
use crate::domain::{LevelDraft, TrackDraft};

/// Words that name no kind of role.
const FILLER: &[&str] = &[
    "a",
    "an",
    "and",
    "the",
    "of",
    "for",
    "to",
    "in",
    "on",
    "at",
    "with",
    "candidate",
    "track",
    "process",
    "hiring",
    "role",
    "level",
    "position",
    "interview",
    "people",
];

/// The page's tracks past the first, each with the titles of the levels that go through it.
pub fn further_tracks(levels: &[LevelDraft], tracks: &[Track]) -> Vec<TrackDraft> {
    let names: Vec<&str> = tracks.iter().map(|t| t.name.as_deref().unwrap_or("")).collect();
    let chosen = assign(levels.iter().map(|l| l.title.as_str()), &names);
    tracks
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, t)| TrackDraft {
            name: names[i].to_string(),
            stages: t.drafts(),
            levels: levels
                .iter()
                .zip(&chosen)
                .filter(|(_, c)| **c == i)
                .map(|(l, _)| l.title.clone())
                .collect(),
        })
        .collect()
}

/// For each title, the index of the track it goes through (0 when none matches better).
pub fn assign<'a>(titles: impl Iterator<Item = &'a str>, tracks: &[&str]) -> Vec<usize> {
    let words: Vec<Vec<String>> = tracks.iter().map(|t| words(t)).collect();
    let common: Vec<String> = match words.split_first() {
        Some((first, rest)) if !rest.is_empty() => {
            first.iter().filter(|w| rest.iter().all(|r| r.iter().any(|x| same(x, w)))).cloned().collect()
        }
        _ => Vec::new(),
    };
    let distinctive: Vec<Vec<String>> = words
        .into_iter()
        .map(|ws| ws.into_iter().filter(|w| !common.iter().any(|c| same(c, w))).collect())
        .collect();
    titles
        .map(|title| {
            let title = self::words(title);
            let score = |ws: &Vec<String>| ws.iter().filter(|w| title.iter().any(|t| same(t, w))).count();
            let mut best = (0, 0);
            for (i, ws) in distinctive.iter().enumerate() {
                let s = score(ws);
                if s > best.1 {
                    best = (i, s);
                }
            }
            best.0
        })
        .collect()
}

/// The words of a name, lower case, plurals made singular, filler left out.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            match w.strip_suffix('s') {
                Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem.to_string(),
                _ => w,
            }
        })
        .filter(|w| !FILLER.contains(&w.as_str()))
        .collect()
}

/// Two words are the same one: equal, or sharing a stem of six letters or more
/// ("manager" / "management").
fn same(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    common >= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(titles: &[&str], tracks: &[&str]) -> Vec<usize> {
        assign(titles.iter().copied(), tracks)
    }

    #[test]
    fn levels_go_through_the_track_their_title_names() {
        let tracks = ["Individual Contributors", "Managers"];
        let titles =
            ["Support Engineer", "Senior Support Engineer", "Support Manager", "Senior Manager, Support"];
        assert_eq!(pick(&titles, &tracks), [0, 0, 1, 1]);
    }

    #[test]
    fn words_every_track_has_tell_nothing() {
        let tracks = ["Support Manager Candidates", "Director of Support Candidates"];
        let titles =
            ["Support Engineer", "Support Manager", "Director of Support", "Senior Director, Support"];
        assert_eq!(pick(&titles, &tracks), [0, 0, 1, 1]);
    }

    #[test]
    fn stems_match_and_no_match_is_the_first_track() {
        let tracks = ["Engineers", "Engineering Management"];
        assert_eq!(pick(&["Engineering Manager", "Staff Engineer", "Designer"], &tracks), [1, 0, 0]);
    }
}
