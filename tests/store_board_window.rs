//! A board column read a page at a time (issue 20), on both backends: pages after and
//! before a card, from either end, give the column in board order (active, on hold,
//! closed; each by time in stage and id), and the counts and places agree with it.

#[macro_use]
mod common;

use rolecall::demo::{DemoOptions, fill};
use rolecall::domain::{AppStatus, ApplicationId, BoardCard, Rating};
use rolecall::import::load::import_bundled;
use rolecall::store::{NewCandidate, NewInterview, PageFrom, Store};

fn part(c: &BoardCard) -> u8 {
    match c.status {
        AppStatus::Active => 0,
        AppStatus::OnHold => 1,
        _ => 2,
    }
}

fn columns_read_a_page_at_a_time_in_board_order(store: &mut Store) {
    import_bundled(store).expect("bundled roles");
    fill(store, DemoOptions { candidates: 400, seed: 11 }).expect("demo");
    let family = store.families().expect("roles")[0].id;
    let all = store.board(family, true).expect("board");
    let stages = store.board_stages(family).expect("stages");
    let ids: Vec<_> = stages.iter().map(|s| s.id).collect();
    let counts = store.open_counts(family, &ids).expect("counts");
    const PAGE: usize = 7;
    for stage in &ids {
        let mut expected: Vec<&BoardCard> = all.iter().filter(|c| c.stage_id == *stage).collect();
        expected.sort_by_key(|c| part(c));
        let expected: Vec<ApplicationId> = expected.into_iter().map(|c| c.id).collect();
        let open = all.iter().filter(|c| c.stage_id == *stage && !c.status.is_closed()).count();
        let [active, held] = counts[stage];
        assert_eq!(active + held, open, "open count of stage {stage:?}");
        // Forward from the start, closed cards after the open ones.
        let mut forward = store.column_page(family, *stage, true, PageFrom::Start, PAGE).expect("page");
        while let Some((_, last)) = forward.last().map(|(c, k)| (c.id, k.clone())) {
            let next =
                store.column_page(family, *stage, true, PageFrom::After(&last, false), PAGE).expect("page");
            if next.is_empty() {
                break;
            }
            forward.extend(next);
        }
        let got: Vec<ApplicationId> = forward.iter().map(|(c, _)| c.id).collect();
        assert_eq!(got, expected, "forward, stage {stage:?}");
        for (place, (_, key)) in forward.iter().enumerate() {
            assert_eq!(store.column_position(family, *stage, key).expect("place"), place);
        }
        // Backward from the end of the open cards.
        let mut backward = store.column_page(family, *stage, false, PageFrom::End, PAGE).expect("page");
        while let Some((_, first)) = backward.first().map(|(c, k)| (c.id, k.clone())) {
            let before =
                store.column_page(family, *stage, false, PageFrom::Before(&first), PAGE).expect("page");
            if before.is_empty() {
                break;
            }
            backward.splice(0..0, before);
        }
        let got: Vec<ApplicationId> = backward.iter().map(|(c, _)| c.id).collect();
        assert_eq!(got, expected[..open], "backward over the open cards, stage {stage:?}");
        // From a card on: that card first.
        if let Some((card, key)) = forward.get(open / 2) {
            let from = store.column_page(family, *stage, true, PageFrom::After(key, true), 1).expect("page");
            assert_eq!(from.first().map(|(c, _)| c.id), Some(card.id));
            assert_eq!(store.column_key(card.id).expect("key"), Some((*stage, key.clone())));
        }
    }
}

/// A scorecard for `app` at `stage` recommending `rating`.
fn scorecard(store: &mut Store, app: ApplicationId, stage: rolecall::domain::StageId, rating: Rating) {
    let new = NewInterview {
        stage: Some(stage),
        interviewer: "Pat".into(),
        held_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        recommendation: rating,
        notes: String::new(),
        ratings: Vec::new(),
    };
    store.record_interview(app, &new, None).expect("scorecard");
}

/// The figures a card's key brings on screen (`Store::card_scorecards`) are the board's:
/// the latest recommendation is the latest scorecard's (by id) even when an earlier stage
/// got it after a later one, and the interviews are counted at the card's stage only.
fn card_figures_are_the_boards(store: &mut Store) {
    import_bundled(store).expect("bundled roles");
    let family = store.families().expect("roles")[0].id;
    let stages = store.board_stages(family).expect("stages");
    let (first, later) = (stages[0].id, stages[2].id);
    let level = store.levels(family).expect("levels")[0].id;
    let mut apps = Vec::new();
    for name in ["Ana Ruiz", "Kim Lee", "Zoë Diaz"] {
        let person =
            store.add_candidate(&NewCandidate { name: name.into(), ..Default::default() }).expect("person");
        apps.push(store.apply(person, level).expect("apply").application.id);
    }
    let [several, one, none] = apps[..] else { unreachable!() };
    store.move_to(several, later, None).expect("move");
    scorecard(store, several, later, Rating::Yes);
    scorecard(store, several, later, Rating::StrongYes);
    scorecard(store, several, first, Rating::No);
    scorecard(store, one, first, Rating::Yes);
    let figures = store.card_scorecards(family, &apps).expect("figures");
    assert_eq!(figures[&several], (Some(Rating::No), 2), "latest by id, two at its stage");
    assert_eq!(figures[&one], (Some(Rating::Yes), 1));
    assert_eq!(figures[&none], (None, 0));
    for card in store.board(family, false).expect("board").iter().filter(|c| apps.contains(&c.id)) {
        assert_eq!(figures[&card.id], (card.last_recommendation, card.interviews_at_stage), "{}", card.name);
    }
}

both_backends!(columns_read_a_page_at_a_time_in_board_order, card_figures_are_the_boards);
