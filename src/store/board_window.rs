//! A board column's cards a window at a time (issue 20): a role at 1,000,000 candidates
//! has 42,677 open cards, and loading them all on every role switch, start-up and move
//! was 130 ms of a frozen screen. A column is read in board order — active cards, then
//! those on hold, then (when shown) the closed ones, each part by time in stage and id —
//! a page before or after a card at a time: each status's run of the `applications_board`
//! index is read from the card on, up to the page's size, and the runs are merged, so a
//! page costs the same at any depth. The open counts come from the same index.

use super::rows;
use super::sql::prelude::*;
use super::{Result, Store};
use crate::domain::clock::{format_time, parse_time};
use crate::domain::{ApplicationId, BoardCard, FamilyId, StageId};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Arc;

/// A card's place in its column's order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ColumnKey {
    /// 0 active, 1 on hold, 2 closed.
    pub part: u8,
    /// The card's stored `stage_entered_at`.
    pub entered_at: String,
    /// The card's id.
    pub id: ApplicationId,
}

/// Which cards of a column a page holds, in board order.
#[derive(Debug, Clone, Copy)]
pub enum PageFrom<'a> {
    /// From the column's first card.
    Start,
    /// The column's last cards (of its open parts, or of all when closed are shown).
    End,
    /// The cards after this one (from it on when `true`).
    After(&'a ColumnKey, bool),
    /// The cards before this one.
    Before(&'a ColumnKey),
}

/// Each status and the part of the column it is in.
const PARTS: [(&str, u8); 5] =
    [("active", 0), ("on_hold", 1), ("rejected", 2), ("withdrawn", 2), ("hired", 2)];

/// The card columns of a page, scorecard figures left empty (`Store::card_scorecards`).
const CARD_COLUMNS: &str = "a.id, a.candidate_id, c.name, l.title, a.stage_id, a.status,
        a.stage_entered_at, a.version, NULL, 0, c.email, c.source, p.part, a.stage_entered_at";

/// The statement of a page: `?1` family, `?2` stage, `?3` size, `?4`/`?5` the key's time
/// and id when `from` has a key.
fn page_sql(from: PageFrom<'_>, closed: bool) -> String {
    let last = if closed { 2 } else { 1 };
    let (key, forward) = match from {
        PageFrom::Start => (None, true),
        PageFrom::End => (None, false),
        PageFrom::After(k, _) => (Some(k), true),
        PageFrom::Before(k) => (Some(k), false),
    };
    let dir = if forward { "ASC" } else { "DESC" };
    let runs: Vec<String> = PARTS
        .iter()
        .enumerate()
        .filter(|(_, (_, part))| *part <= last)
        .filter(|(_, (_, part))| key.is_none_or(|k| if forward { *part >= k.part } else { *part <= k.part }))
        .map(|(n, (status, part))| {
            let cond = match (from, key) {
                (PageFrom::After(_, true), Some(k)) if k.part == *part => {
                    "AND stage_entered_at >= ?4 AND (stage_entered_at > ?4 OR id >= ?5)"
                }
                (PageFrom::After(..), Some(k)) if k.part == *part => {
                    "AND stage_entered_at >= ?4 AND (stage_entered_at > ?4 OR id > ?5)"
                }
                (PageFrom::Before(_), Some(k)) if k.part == *part => {
                    "AND stage_entered_at <= ?4 AND (stage_entered_at < ?4 OR id < ?5)"
                }
                _ => "",
            };
            format!(
                "SELECT {part} AS part, r{n}.id, r{n}.stage_entered_at FROM (SELECT id, stage_entered_at
                   FROM applications WHERE family_id = ?1 AND status = '{status}' AND stage_id = ?2 {cond}
                   ORDER BY stage_entered_at {dir}, id {dir} LIMIT ?3) r{n}"
            )
        })
        .collect();
    format!(
        "SELECT {CARD_COLUMNS}
         FROM ({}) p
         JOIN applications a ON a.id = p.id
         JOIN candidates c ON c.id = a.candidate_id
         JOIN levels l ON l.id = a.level_id
         ORDER BY p.part {dir}, a.stage_entered_at {dir}, a.id {dir} LIMIT ?3",
        runs.join(" UNION ALL ")
    )
}

impl Store {
    /// Up to `size` cards of `family`'s column `stage` (closed ones after the open ones
    /// when `closed`), in board order, with each card's place; no scorecard figures.
    pub fn column_page(
        &self,
        family: FamilyId,
        stage: StageId,
        closed: bool,
        from: PageFrom<'_>,
        size: usize,
    ) -> Result<Vec<(BoardCard, ColumnKey)>> {
        let key = match from {
            PageFrom::After(k, _) | PageFrom::Before(k) => Some(k),
            PageFrom::Start | PageFrom::End => None,
        };
        if key.is_some_and(|k| k.part > 1 && !closed) {
            return Ok(Vec::new());
        }
        let mut params = vec![Value::from(family), Value::from(stage), Value::from(size as i64)];
        if let Some(k) = key {
            params.extend([Value::from(k.entered_at.clone()), Value::from(k.id)]);
        }
        let mut titles: Vec<Arc<str>> = Vec::new();
        let mut page = self.db().query_rows(&page_sql(from, closed), &params, |r| {
            let card = rows::board_card(r, &mut titles)?;
            let part = r.get::<i64>(12)? as u8;
            let key = ColumnKey { part, entered_at: r.get(13)?, id: card.id };
            Ok((card, key))
        })?;
        if matches!(from, PageFrom::End | PageFrom::Before(_)) {
            page.reverse();
        }
        Ok(page)
    }

    /// How many open cards each column of `family` has: (active, on hold) per stage.
    pub fn open_counts(&self, family: FamilyId, stages: &[StageId]) -> Result<HashMap<StageId, [usize; 2]>> {
        let mut counts = HashMap::new();
        for &stage in stages {
            let mut pair = [0; 2];
            for (slot, status) in ["active", "on_hold"].into_iter().enumerate() {
                let n: i64 = self.db().query_value(
                    &format!(
                        "SELECT COUNT(*) FROM applications
                         WHERE family_id = ?1 AND status = '{status}' AND stage_id = ?2"
                    ),
                    &args![family, stage],
                )?;
                pair[slot] = n as usize;
            }
            counts.insert(stage, pair);
        }
        Ok(counts)
    }

    /// How many cards of the column come before `key` in board order.
    pub fn column_position(&self, family: FamilyId, stage: StageId, key: &ColumnKey) -> Result<usize> {
        let mut before = 0i64;
        for (status, part) in PARTS.iter().filter(|(_, p)| *p <= key.part) {
            let cond = if *part == key.part {
                "AND stage_entered_at <= ?3 AND (stage_entered_at < ?3 OR id < ?4)"
            } else {
                ""
            };
            let sql = format!(
                "SELECT COUNT(*) FROM applications
                 WHERE family_id = ?1 AND status = '{status}' AND stage_id = ?2 {cond}"
            );
            let params = if cond.is_empty() {
                args![family, stage].to_vec()
            } else {
                args![family, stage, key.entered_at.clone(), key.id].to_vec()
            };
            before += self.db().query_value::<i64>(&sql, &params)?;
        }
        Ok(before as usize)
    }

    /// Where `app` sits on its role's board: its stage and its place in the column.
    pub fn column_key(&self, app: ApplicationId) -> Result<Option<(StageId, ColumnKey)>> {
        self.db().query_opt(
            "SELECT stage_id, status, stage_entered_at FROM applications WHERE id = ?1",
            &args![app],
            |r| {
                let status: String = r.get(1)?;
                let part = PARTS.iter().find(|(s, _)| *s == status).map_or(2, |(_, p)| *p);
                Ok((StageId(r.get(0)?), ColumnKey { part, entered_at: r.get(2)?, id: app }))
            },
        )
    }
}

impl Store {
    /// When each of `ids` that is on hold went on hold (its latest `held` event): the
    /// board's "on hold 12d" for the cards on screen.
    pub fn held_since_of(&self, ids: &[ApplicationId]) -> Result<HashMap<ApplicationId, DateTime<Utc>>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let list: Vec<String> = (1..=ids.len()).map(|n| format!("?{n}")).collect();
        let sql = format!(
            "SELECT application_id, MAX(at) FROM events
             WHERE kind = 'held' AND application_id IN ({}) GROUP BY application_id",
            list.join(", ")
        );
        let params: Vec<Value> = ids.iter().map(|&id| Value::from(id)).collect();
        let rows =
            self.db().query_rows(&sql, &params, |r| Ok((ApplicationId(r.get(0)?), r.get::<String>(1)?)))?;
        Ok(rows.into_iter().filter_map(|(a, t)| parse_time(&t).map(|t| (a, t))).collect())
    }

    /// How many open cards of `family` are past their stage's limit at `now` (as
    /// `domain::limits::is_past` says: entered more than the limit's days before `now`).
    pub fn past_limit_count(&self, family: FamilyId, now: DateTime<Utc>) -> Result<usize> {
        let limits = self.limit_days()?;
        let mut past = 0i64;
        for stage in self.board_stages(family)? {
            let Some(&days) = limits.get(&stage.id) else { continue };
            let cutoff = format_time(now - chrono::Duration::days(days));
            past += self.db().query_value::<i64>(
                "SELECT COUNT(*) FROM applications WHERE family_id = ?1 AND status = 'active'
                   AND stage_id = ?2 AND stage_entered_at < ?3",
                &args![family, stage.id, cutoff.clone()],
            )?;
            past += self.db().query_value::<i64>(
                "SELECT COUNT(*) FROM applications WHERE family_id = ?1 AND status = 'on_hold'
                   AND stage_id = ?2 AND stage_entered_at < ?3",
                &args![family, stage.id, cutoff],
            )?;
        }
        Ok(past as usize)
    }
}

impl Store {
    /// The ids of the open cards of `family`'s column `stage`.
    pub fn column_open_ids(&self, family: FamilyId, stage: StageId) -> Result<Vec<ApplicationId>> {
        self.db().query_rows(
            "SELECT id FROM applications WHERE family_id = ?1 AND status IN ('active', 'on_hold') AND stage_id = ?2",
            &args![family, stage],
            |r| Ok(ApplicationId(r.get(0)?)),
        )
    }
}
