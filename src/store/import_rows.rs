//! Rows a page lists, as an import writes them: matching the page's names to the rows
//! already stored, and writing one stage's text. Used by `family_import.rs` for the
//! role's pipeline and by `pipeline_tracks.rs` for further tracks.

use super::Result;
use super::sql::prelude::*;
use crate::domain::{StageDraft, StageKind};

/// Match new items to existing rows: same name first, then same position; the rest are new.
/// Returns, for each new item, the existing id it reuses (if any), plus the existing ids left over.
pub(super) fn match_rows(existing: &[(i64, String)], new_names: &[String]) -> (Vec<Option<i64>>, Vec<i64>) {
    let mut used = vec![false; existing.len()];
    let mut out = vec![None; new_names.len()];
    for (i, name) in new_names.iter().enumerate() {
        if let Some(j) =
            existing.iter().enumerate().position(|(j, (_, old))| !used[j] && old.eq_ignore_ascii_case(name))
        {
            used[j] = true;
            out[i] = Some(existing[j].0);
        }
    }
    for (i, slot) in out.iter_mut().enumerate() {
        if slot.is_none() && i < existing.len() && !used[i] {
            used[i] = true;
            *slot = Some(existing[i].0);
        }
    }
    let left = existing.iter().zip(&used).filter(|(_, u)| !**u).map(|((id, _), _)| *id).collect();
    (out, left)
}

/// Write a stage row's position, kind and the page's text of it.
pub(super) fn write_stage(
    tx: &dyn Sql,
    id: i64,
    pos: usize,
    kind: StageKind,
    stage: &StageDraft,
) -> Result<()> {
    let who = serde_json::to_string(&stage.interviewers).unwrap_or_else(|_| "[]".into());
    let alts = serde_json::to_string(&stage.alternatives).unwrap_or_else(|_| "[]".into());
    tx.execute(
        "UPDATE stages SET position=?2, kind=?3, label=?4, full_text=?5, interviewers=?6,
         alternatives=?7, min_interviews=?8, max_interviews=?9 WHERE id=?1",
        &args![
            id,
            pos,
            kind.as_str(),
            &stage.label,
            &stage.full_text,
            who,
            alts,
            stage.min_interviews,
            stage.max_interviews
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_rows_prefers_names_then_positions() {
        let existing = vec![(1, "Screening".to_string()), (2, "Panel".to_string()), (3, "CFO".to_string())];
        let new = vec!["Screening".to_string(), "CFO".to_string()];
        let (ids, left) = match_rows(&existing, &new);
        assert_eq!(ids, vec![Some(1), Some(3)]);
        assert_eq!(left, vec![2]);
    }
}
