//! The scorecard grid (issue 16): per stage, the requirements down the side, one column
//! per scorecard (its interviewer), each cell the rating, and a recommendation row. The
//! candidate screen draws it as text; the HTML export as a table.

use super::rating::Rating;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// An application's grids as its viewer may see them, and how many scorecards are
/// hidden from the viewer until they submit theirs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Scorecards {
    /// One grid per stage.
    pub grids: Vec<ScoreGrid>,
    /// Scorecards hidden from the viewer.
    pub hidden: usize,
}

/// One scorecard as the grid needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCard {
    /// The stage's label.
    pub stage: String,
    /// Who interviewed.
    pub interviewer: String,
    /// The overall recommendation.
    pub recommendation: Rating,
    /// Each requirement with its rating (none: unrated).
    pub scores: Vec<(String, Option<Rating>)>,
}

/// One stage's grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoreGrid {
    /// The stage's label.
    pub stage: String,
    /// The columns: one per scorecard, by its interviewer.
    pub interviewers: Vec<String>,
    /// One row per requirement, in the order first met.
    pub rows: Vec<GridRow>,
    /// The recommendation of each column.
    pub recommendations: Vec<Rating>,
}

/// One requirement's ratings, a cell per column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GridRow {
    /// The requirement.
    pub requirement: String,
    /// The rating in each column (none: unrated or not on that scorecard).
    pub ratings: Vec<Option<Rating>>,
}

/// The grids of `cards` (oldest first), one per stage in the order first met.
pub fn grids(cards: &[GridCard]) -> Vec<ScoreGrid> {
    let mut grids: Vec<ScoreGrid> = Vec::new();
    for card in cards {
        let at = match grids.iter().position(|g| g.stage == card.stage) {
            Some(i) => i,
            None => {
                let grid = ScoreGrid {
                    stage: card.stage.clone(),
                    interviewers: vec![],
                    rows: vec![],
                    recommendations: vec![],
                };
                grids.push(grid);
                grids.len() - 1
            }
        };
        let grid = &mut grids[at];
        let column = grid.interviewers.len();
        grid.interviewers.push(card.interviewer.clone());
        grid.recommendations.push(card.recommendation);
        for row in &mut grid.rows {
            row.ratings.push(None);
        }
        for (requirement, rating) in &card.scores {
            let row = match grid.rows.iter().position(|r| r.requirement == *requirement) {
                Some(i) => i,
                None => {
                    grid.rows
                        .push(GridRow { requirement: requirement.clone(), ratings: vec![None; column + 1] });
                    grid.rows.len() - 1
                }
            };
            grid.rows[row].ratings[column] = *rating;
        }
    }
    grids
}

const CELL: usize = 8;

/// A grid as lines of text at most `width` columns wide: the stage, a header of
/// interviewers, a row per requirement (cut to fit) and the recommendation row.
pub fn grid_lines(grid: &ScoreGrid, width: usize) -> Vec<String> {
    let cells = grid.interviewers.len() * (CELL + 1);
    let side = width.saturating_sub(cells).clamp(12, 48);
    let cell = |text: &str| format!(" {}", pad(text, CELL));
    let mut lines = vec![format!("{}:", grid.stage)];
    let header: String = grid.interviewers.iter().map(|i| cell(i)).collect();
    lines.push(format!("{}{header}", pad("", side)));
    for row in &grid.rows {
        let cells: String = row.ratings.iter().map(|r| cell(r.map_or("·", Rating::glyph))).collect();
        lines.push(format!("{}{cells}", pad(&row.requirement, side)));
    }
    let verdicts: String =
        grid.recommendations.iter().map(|r| cell(&format!("{} {}", r.glyph(), short(*r)))).collect();
    lines.push(format!("{}{verdicts}", pad("Recommendation", side)));
    lines
}

fn short(r: Rating) -> &'static str {
    match r {
        Rating::StrongNo => "no!",
        Rating::No => "no",
        Rating::Yes => "yes",
        Rating::StrongYes => "yes!",
    }
}

/// `text` cut or padded to exactly `width` display columns.
fn pad(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str);
        if used + w > width.saturating_sub(1) && text.width() > width {
            out.push('…');
            used += 1;
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(stage: &str, who: &str, rec: Rating, scores: &[(&str, Option<Rating>)]) -> GridCard {
        let scores = scores.iter().map(|(r, s)| (r.to_string(), *s)).collect();
        GridCard { stage: stage.into(), interviewer: who.into(), recommendation: rec, scores }
    }

    #[test]
    fn one_grid_per_stage_with_a_column_per_scorecard() {
        let cards = [
            card("Panel", "ivy", Rating::StrongYes, &[("Leads", Some(Rating::Yes)), ("Writes", None)]),
            card("Screen", "rita", Rating::Yes, &[("Leads", Some(Rating::No))]),
            card(
                "Panel",
                "ian",
                Rating::No,
                &[("Leads", Some(Rating::StrongNo)), ("Plans", Some(Rating::Yes))],
            ),
        ];
        let g = grids(&cards);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].interviewers, ["ivy", "ian"]);
        assert_eq!(g[0].rows[0].ratings, [Some(Rating::Yes), Some(Rating::StrongNo)]);
        assert_eq!(g[0].rows[1].ratings, [None, None]);
        assert_eq!(g[0].rows[2].requirement, "Plans");
        assert_eq!(g[0].rows[2].ratings, [None, Some(Rating::Yes)]);
        assert_eq!(g[0].recommendations, [Rating::StrongYes, Rating::No]);
        let lines = grid_lines(&g[0], 40);
        assert_eq!(lines[0], "Panel:");
        assert!(lines.iter().all(|l| l.width() <= 40), "{lines:#?}");
        assert!(
            lines.last().unwrap().starts_with("Recommendation") && lines.last().unwrap().contains("✓✓ yes!")
        );
    }
}
