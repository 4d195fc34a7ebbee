//! What a recruiter's edits hold against the page (`pipeline_pins`), and how a re-import
//! keeps them: the page is written first (`family_import.rs`), matching stages and levels
//! by the names the page gave them, then [`reapply`] puts each edit back and names where
//! the page changed a field the recruiter had edited (the edit stays).

use super::Result;
use super::pipeline_fields as fields;
use super::sql::prelude::*;
use crate::domain::pipeline::EditKind;
use serde::{Deserialize, Serialize};

/// One pinned field: the value the edit wrote, and the page's value it overrides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Pin {
    pub(super) value: String,
    pub(super) page: String,
}

/// What a pin is on: `("stage", id)`, `("level", id)` or `("family", id)` (the layout).
pub(super) fn target_of(kind: EditKind) -> &'static str {
    if kind.is_layout() {
        "family"
    } else if kind.is_level() {
        "level"
    } else {
        "stage"
    }
}

/// The pin on one field, if any.
pub(super) fn get(tx: &dyn Sql, target: &str, id: i64, field: &str) -> Result<Option<Pin>> {
    tx.query_opt(
        "SELECT value, page_value FROM pipeline_pins WHERE target = ?1 AND target_id = ?2 AND field = ?3",
        &args![target, id, field],
        |r| Ok(Pin { value: r.get(0)?, page: r.get(1)? }),
    )
}

/// Set (or with `None`, remove) the pin on one field.
pub(super) fn set(
    tx: &dyn Sql,
    family: i64,
    target: &str,
    id: i64,
    field: &str,
    pin: Option<&Pin>,
) -> Result<()> {
    tx.execute(
        "DELETE FROM pipeline_pins WHERE target = ?1 AND target_id = ?2 AND field = ?3",
        &args![target, id, field],
    )?;
    if let Some(pin) = pin {
        tx.execute(
            "INSERT INTO pipeline_pins (family_id, target, target_id, field, value, page_value)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &args![family, target, id, field, pin.value.as_str(), pin.page.as_str()],
        )?;
    }
    Ok(())
}

/// A pin as the log keeps it (`pin_before`), and back.
pub(super) fn to_text(pin: Option<&Pin>) -> Option<String> {
    pin.and_then(|p| serde_json::to_string(p).ok())
}

/// See [`to_text`].
pub(super) fn from_text(text: Option<&str>) -> Option<Pin> {
    text.and_then(|t| serde_json::from_str(t).ok())
}

/// The rows a re-import matches the page against, with the names the page gave them:
/// for stages, the page's own stages (those the recruiter removed included, those the
/// recruiter added left out) once the order was edited, else the live ones; for levels
/// the live ones. A renamed row is matched by its page name.
pub(super) fn page_rows(tx: &dyn Sql, table: &str, family: i64) -> Result<Vec<(i64, String)>> {
    let (target, field, column) =
        if table == "stages" { ("stage", "label", "label") } else { ("level", "title", "title") };
    // Further tracks' stages are matched with their track (`pipeline_tracks.rs`).
    let main = if table == "stages" { "t.track_id IS NULL" } else { "TRUE" };
    let sql = format!(
        "SELECT t.id, COALESCE(p.page_value, t.{column}) FROM {table} t
         LEFT JOIN pipeline_pins p ON p.target = '{target}' AND p.target_id = t.id AND p.field = '{field}'
         WHERE t.family_id = ?1 AND (t.retired = FALSE OR ?2) AND {main} ORDER BY t.position, t.id"
    );
    let layout = if table == "stages" { get(tx, "family", family, "layout")? } else { None };
    let Some(layout) = layout else {
        return tx.query_rows(&sql, &args![family, false], |r| Ok((r.get(0)?, r.get(1)?)));
    };
    let all: Vec<(i64, String)> =
        tx.query_rows(&sql, &args![family, true], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let page = fields::parse_layout(&layout.page);
    Ok(page.iter().filter_map(|id| all.iter().find(|(i, _)| i == id).cloned()).collect())
}

/// After the page was written: put the recruiter's edits back (the order of stages,
/// then each pinned field). Returns one line per field the page changed where the
/// recruiter's edit differs (the edit stays); each pin now records the page's new value.
pub(super) fn reapply(tx: &dyn Sql, family: i64) -> Result<Vec<String>> {
    reapply_layout(tx, family)?;
    let pins: Vec<(String, i64, String, Pin)> = tx.query_rows(
        "SELECT target, target_id, field, value, page_value FROM pipeline_pins
         WHERE family_id = ?1 AND target <> 'family' ORDER BY id",
        &args![family],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, Pin { value: r.get(3)?, page: r.get(4)? })),
    )?;
    let mut conflicts = Vec::new();
    for (target, id, field, pin) in pins {
        let level = target == "level";
        let Some(kind) = kind_of(level, &field) else { continue };
        if !matches!(fields::owner(tx, level, id)?, Some((f, true)) if f == family) {
            continue; // retired by the page or by the recruiter: nothing shows it
        }
        let now = fields::read(tx, kind, id)?;
        if now != pin.page {
            if now != pin.value {
                let name = if level { "level" } else { "stage" };
                conflicts.push(format!(
                    "{name} '{}': the page now says {field} '{now}' (it said '{}'); your edit '{}' stays",
                    display_name(tx, level, id)?.unwrap_or_default(),
                    pin.page,
                    pin.value
                ));
            }
            set(tx, family, &target, id, &field, Some(&Pin { value: pin.value.clone(), page: now.clone() }))?;
        }
        if now != pin.value {
            fields::write(tx, kind, id, &pin.value)?;
        }
    }
    Ok(conflicts)
}

fn kind_of(level: bool, field: &str) -> Option<EditKind> {
    [
        EditKind::StageRename,
        EditKind::StageRange,
        EditKind::StageAlternatives,
        EditKind::StageInterviewers,
        EditKind::LevelRename,
        EditKind::LevelGrade,
    ]
    .into_iter()
    .find(|k| k.is_level() == level && k.field() == field)
}

/// The name a stage or level shows, after its pins (the pinned label or title).
fn display_name(tx: &dyn Sql, level: bool, id: i64) -> Result<Option<String>> {
    let (target, field, table, column) =
        if level { ("level", "title", "levels", "title") } else { ("stage", "label", "stages", "label") };
    if let Some(pin) = get(tx, target, id, field)? {
        return Ok(Some(pin.value));
    }
    tx.query_opt(&format!("SELECT {column} FROM {table} WHERE id = ?1"), &args![id], |r| r.get(0))
}

/// Put the recruiter's order of stages back: the pinned order, less what the page
/// dropped, with stages new on the page after the stage they follow there, the Offer
/// last; stages the recruiter removed stay removed.
fn reapply_layout(tx: &dyn Sql, family: i64) -> Result<()> {
    let Some(pin) = get(tx, "family", family, "layout")? else { return Ok(()) };
    let (pinned, old_page) = (fields::parse_layout(&pin.value), fields::parse_layout(&pin.page));
    let added: Vec<i64> = pinned.iter().copied().filter(|id| !old_page.contains(id)).collect();
    let removed: Vec<i64> = old_page.iter().copied().filter(|id| !pinned.contains(id)).collect();
    // The page's stages as just written: matched or new, in page order.
    let all: Vec<(i64, i64, bool)> = tx.query_rows(
        "SELECT id, position, retired FROM stages WHERE family_id = ?1 AND track_id IS NULL ORDER BY position, id",
        &args![family],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let page: Vec<i64> = all
        .iter()
        .filter(|(id, pos, retired)| *pos >= 0 && (!retired || removed.contains(id)) && !added.contains(id))
        .map(|(id, ..)| *id)
        .collect();
    let mut order: Vec<i64> =
        pinned.iter().copied().filter(|id| page.contains(id) || added.contains(id)).collect();
    for (i, id) in page.iter().enumerate() {
        if order.contains(id) || removed.contains(id) {
            continue;
        }
        let after = page[..i].iter().rev().find_map(|p| order.iter().position(|o| o == p));
        order.insert(after.map_or(0, |a| a + 1), *id);
    }
    let offers: Vec<i64> = tx.query_rows(
        "SELECT id FROM stages WHERE family_id = ?1 AND kind = 'offer' AND retired = FALSE",
        &args![family],
        |r| r.get(0),
    )?;
    order.sort_by_key(|id| offers.contains(id));
    fields::apply_layout(tx, family, &order)?;
    for id in removed.iter().filter(|id| page.contains(id)) {
        tx.execute(
            "UPDATE stages SET retired = TRUE, position = -1 - position WHERE id = ?1 AND position >= 0",
            &args![*id],
        )?;
    }
    let pin = Pin { value: fields::layout_text(&order), page: fields::layout_text(&page) };
    set(tx, family, "family", family, "layout", Some(&pin))
}
