//! Several pipelines per role (issue 18): a page split by track keeps every track; each
//! level goes through the track its title names (then the role's Offer); a re-import
//! keeps the tracks' rows, the applications on them and the recruiter's edits; a track
//! the page drops is retired, refused while an application sits on it; a move along a
//! further track and onto another's follows the track the application is on. Both backends.

#[macro_use]
mod common;

use rolecall::domain::{ApplicationId, FamilyId, LevelId, PipelineTrack, Stage, StageId, StageKind};
use rolecall::import::load::{ImportOptions, import_text};
use rolecall::store::{NewCandidate, StageChange, Store, StoreError};

const PAGE: &str = include_str!("pages/unseen/d4-support-management.md");
/// Another role, for stages that are not the first one's.
const OTHER: &str = include_str!("pages/unseen/a1-support-engineering-stages.md");

fn import(store: &mut Store, text: &str) -> FamilyId {
    import_as(store, "d4.md", text)
}

fn import_as(store: &mut Store, file: &str, text: &str) -> FamilyId {
    let report = import_text(store, file, file, text, ImportOptions::default()).expect("import");
    store.family_by_slug(&report.slug).expect("role").id
}

fn level(store: &Store, f: FamilyId, title: &str) -> LevelId {
    store.level_by_name(f, title).expect("level").id
}

fn labels(stages: &[Stage]) -> Vec<String> {
    stages.iter().map(|s| s.label.clone()).collect()
}

fn person(store: &mut Store, name: &str, level: LevelId) -> ApplicationId {
    let new = NewCandidate { name: name.into(), ..NewCandidate::default() };
    store.add_candidate_and_apply(&new, level).expect("apply").application.id
}

/// The pipeline an application at `stage` of `level` steps through (`None`: the level's
/// own), by the rules as stated here over what `stages` and `tracks` read, not by the
/// store's rule: the level's live track then the role's Offer, or the role's pipeline;
/// when `stage` is not on it, the live track `stage` is on (then the Offer), else the
/// role's pipeline.
fn expected(store: &Store, f: FamilyId, level: LevelId, stage: Option<StageId>) -> Vec<StageId> {
    let main: Vec<StageId> = store.stages(f).unwrap().iter().map(|s| s.id).collect();
    let offer: Vec<StageId> =
        store.stages(f).unwrap().iter().filter(|s| s.kind == StageKind::Offer).map(|s| s.id).collect();
    let tracks = store.tracks(f).unwrap();
    let through =
        |t: &PipelineTrack| -> Vec<StageId> { t.stages.iter().map(|s| s.id).chain(offer.clone()).collect() };
    let own = tracks.iter().find(|t| t.levels.contains(&level)).map(through).unwrap_or_else(|| main.clone());
    match stage {
        Some(s) if !own.contains(&s) => {
            tracks.iter().find(|t| t.stages.iter().any(|x| x.id == s)).map(through).unwrap_or(main)
        }
        _ => own,
    }
}

/// `level_pipeline`, `pipeline_at` and a move's light `step_pipeline` follow the rules
/// ([`expected`]) for every level of the role and every stage in `extra` or on the board
/// (retired ones in `extra`), and `pipeline_at`'s stages are the rows of those ids.
fn pipelines_follow_the_rules(store: &Store, f: FamilyId, extra: &[StageId]) {
    let ids = |stages: Vec<Stage>| -> Vec<StageId> { stages.iter().map(|s| s.id).collect() };
    let mut stages: Vec<_> = store.board_stages(f).unwrap().iter().map(|s| s.id).collect();
    stages.extend_from_slice(extra);
    for level in store.levels(f).unwrap() {
        let l = level.id;
        assert_eq!(ids(store.level_pipeline(l).unwrap()), expected(store, f, l, None), "level {l:?}");
        for &stage in &stages {
            let want = expected(store, f, l, Some(stage));
            assert_eq!(
                store.step_pipeline(l, stage).unwrap(),
                want,
                "a move's, level {l:?}, stage {stage:?}"
            );
            let full = store.pipeline_at(l, stage).unwrap();
            assert_eq!(ids(full.clone()), want, "level {l:?}, stage {stage:?}");
            for s in full {
                assert_eq!(
                    (s.family_id, s.label),
                    (f, store.stage(s.id).unwrap().label),
                    "the stage's own row"
                );
            }
        }
    }
}

/// The page with one process: the second track and the first one's heading gone.
fn one_track() -> String {
    let cut = PAGE.find("### Director of Support Candidates").expect("second track");
    let end = PAGE.find("Additional details").expect("closing line");
    format!("{}{}", &PAGE[..cut], &PAGE[end..]).replace("### Support Manager Candidates\n\n", "")
}

/// The page with a third process: a Vice President track (and level) after the director's.
fn three_tracks() -> String {
    let level = "### Vice President of Support\n\nThe Vice President of Support is a \
                 [grade 11](/handbook/total-rewards/compensation/).\n\n#### Responsibilities\n\n\
                 - Own support in every region\n\n#### Requirements\n\n- Experience leading a global team\n\n";
    let track = "### Vice President Candidates\n\n\
                 Round 1: 30 minute screening call with our Head of Talent\n\
                 Round 2: 60 minute interview with the Chief Customer Officer\n\
                 Round 3: 45 minute interview with our Chief Executive Officer\n\n";
    PAGE.replacen("## Hiring Process", &format!("{level}## Hiring Process"), 1).replacen(
        "Additional details",
        &format!("{track}Additional details"),
        1,
    )
}

fn stage_of(store: &Store, app: ApplicationId) -> StageId {
    store.application(app).unwrap().stage_id
}

/// A step that must be refused, and what the refusal says.
fn refused_step(store: &mut Store, app: ApplicationId, forward: bool) -> String {
    let before = stage_of(store, app);
    let err = store.step(app, forward, None).expect_err("refused");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert_eq!(stage_of(store, app), before, "a refused step changes nothing");
    err.to_string()
}

both_backends! {
    fn every_track_is_stored_and_levels_go_through_theirs(store: &mut Store) {
        let f = import(store, PAGE);
        assert_eq!(
            labels(&store.stages(f).unwrap()),
            ["Screening", "Senior Support Eng", "Support Eng Manager", "Director of Support", "Offer"]
        );
        let tracks = store.tracks(f).unwrap();
        assert_eq!(tracks.len(), 1, "{tracks:?}");
        assert_eq!(tracks[0].name, "Director of Support");
        assert_eq!(
            labels(&tracks[0].stages),
            ["Screening", "VP of Customer Support", "Support Eng Managers", "Director Customer", "CEO"]
        );
        let director = level(store, f, "Director of Support");
        assert_eq!(tracks[0].levels, [director]);
        let manager = level(store, f, "Support Engineering Manager");
        assert_eq!(store.level_pipeline(manager).unwrap().len(), 5, "the first track, Offer last");
        let theirs = store.level_pipeline(director).unwrap();
        assert_eq!(theirs.len(), 6);
        assert_eq!(theirs.last().map(|s| s.kind), Some(StageKind::Offer), "the role's Offer ends it");
        // An application starts on its level's track and steps through it to the Offer.
        let app = person(store, "Dana Director", director);
        assert_eq!(store.application(app).unwrap().stage_id, tracks[0].stages[0].id);
        for _ in 0..5 {
            store.step(app, true, None).unwrap();
        }
        assert!(store.application(app).unwrap().at_offer, "at the role's Offer");
        store.step(app, false, None).unwrap();
        assert_eq!(store.application(app).unwrap().stage_label, "CEO", "back from the Offer: its track");
        let other = person(store, "Mo Manager", manager);
        assert_eq!(store.application(other).unwrap().stage_label, "Screening");
        assert_eq!(store.application(other).unwrap().stage_id, store.stages(f).unwrap()[0].id);
        let board = labels(&store.board_stages(f).unwrap());
        assert_eq!(board.len(), 10, "{board:?}");
        assert_eq!(board[4], "Screening · Director of Support");
        assert_eq!(board.last().map(String::as_str), Some("Offer"));
        pipelines_follow_the_rules(store, f, &[]);
    }

    fn a_reimport_keeps_tracks_applications_and_edits(store: &mut Store) {
        let f = import(store, PAGE);
        let director = level(store, f, "Director of Support");
        let app = person(store, "Dana Director", director);
        store.step(app, true, None).unwrap();
        let at = store.application(app).unwrap().stage_id;
        let screening = store.stage_by_name(f, "Screening").unwrap().id;
        store.edit_stage(f, screening, StageChange::Rename("Phone screen".into())).unwrap();
        let before = store.tracks(f).unwrap();
        pipelines_follow_the_rules(store, f, &[]);
        // The same page under another hash, then with the second track reworded.
        import(store, &format!("{PAGE}\n"));
        let reworded = PAGE.replace("with the VP of Customer Support", "with the VP of Global Support");
        import(store, &reworded);
        let after = store.tracks(f).unwrap();
        assert_eq!(after[0].id, before[0].id, "the same track row");
        assert_eq!(after[0].stages[1].id, at, "the same stage row: the application stays on it");
        assert_eq!(after[0].stages[1].label, "VP of Global Support", "the page's new wording is taken");
        assert_eq!(store.application(app).unwrap().stage_id, at);
        assert_eq!(store.stages(f).unwrap()[0].label, "Phone screen", "the recruiter's rename stays");
        assert_eq!(after[0].levels, [director]);
        let notices = store.pending_notices(Some(f)).unwrap();
        let said: Vec<&String> = notices.iter().flat_map(|n| &n.changes).collect();
        assert!(
            said.iter().any(|l| l.contains("+ Director of Support: VP of Global Support (1)")),
            "the notice names the track's changed stage: {said:?}"
        );
        // A page without the track: refused while Dana sits on it, retired once she left.
        let err = import_text(store, "d4.md", "d4.md", &one_track(), ImportOptions::default()).unwrap_err();
        assert!(matches!(&err, rolecall::import::load::ImportError::Store { source: StoreError::Conflict(_), .. }), "{err}");
        assert_eq!(store.tracks(f).unwrap().len(), 1, "nothing changed");
        store.withdraw(app, None, None).unwrap();
        import(store, &one_track());
        assert!(store.tracks(f).unwrap().is_empty(), "retired");
        let retired: Vec<_> = before[0].stages.iter().map(|s| s.id).collect();
        pipelines_follow_the_rules(store, f, &retired);
        assert_eq!(store.level_pipeline(director).unwrap().len(), 5, "the director goes through the role's pipeline");
        // A retired stage takes no one: a move onto it is refused and nothing is written.
        let rae = person(store, "Rae Retired", director);
        let (was, events) = (stage_of(store, rae), store.history(rae).unwrap().len());
        let err = store.move_to(rae, retired[1], None).unwrap_err();
        assert!(err.to_string().contains("no longer part of the role"), "{err}");
        assert_eq!((stage_of(store, rae), store.history(rae).unwrap().len()), (was, events), "nothing written");
    }

    fn moves_along_and_between_further_tracks(store: &mut Store) {
        let f = import(store, &three_tracks());
        let tracks = store.tracks(f).unwrap();
        let names: Vec<&str> = tracks.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Director of Support", "Vice President"], "two tracks past the role's own");
        let (director, vp) = (level(store, f, "Director of Support"), level(store, f, "Vice President"));
        assert_eq!((&tracks[0].levels[..], &tracks[1].levels[..]), (&[director][..], &[vp][..]));
        let ids = |t: &PipelineTrack| -> Vec<StageId> { t.stages.iter().map(|s| s.id).collect() };
        let (dir, vps) = (ids(&tracks[0]), ids(&tracks[1]));
        assert_eq!(vps.len(), 3, "{:?}", labels(&tracks[1].stages));
        let offer = store.stages(f).unwrap().iter().find(|s| s.kind == StageKind::Offer).unwrap().id;
        pipelines_follow_the_rules(store, f, &[]);

        // Along the second further track: from its first stage through it to the role's Offer.
        let val = person(store, "Val Vice", vp);
        assert_eq!(stage_of(store, val), vps[0], "starts on the level's track");
        assert!(refused_step(store, val, false).contains("first stage"));
        for &want in vps[1..].iter().chain([&offer]) {
            store.step(val, true, None).unwrap();
            assert_eq!(stage_of(store, val), want);
        }
        assert!(refused_step(store, val, true).contains("hire instead"), "the Offer ends every track");
        store.step(val, false, None).unwrap();
        assert_eq!(stage_of(store, val), vps[2], "back from the Offer: the level's own track");

        // From one further track's stage to another's: a move to a stage of the role; steps
        // then follow the track the application is on, to its first stage and no further.
        store.move_to(val, dir[2], None).unwrap();
        assert_eq!(stage_of(store, val), dir[2], "onto the director's track");
        store.step(val, true, None).unwrap();
        assert_eq!(stage_of(store, val), dir[3], "along the track it is on, not the level's");
        for want in [dir[2], dir[1], dir[0]] {
            store.step(val, false, None).unwrap();
            assert_eq!(stage_of(store, val), want);
        }
        assert!(refused_step(store, val, false).contains("first stage"), "the director's track starts here");
        // And back: the director's stage to the vice president's second.
        store.move_to(val, vps[1], None).unwrap();
        assert_eq!(stage_of(store, val), vps[1]);
        store.step(val, true, None).unwrap();
        assert_eq!(stage_of(store, val), vps[2]);

        // A director moved onto the other further track steps through it to the Offer, and
        // back from the Offer onto their own track's last stage.
        let dana = person(store, "Dana Director", director);
        assert_eq!(stage_of(store, dana), dir[0]);
        // Two tracks' first stages share a label: the move names both as the board does.
        store.move_to(dana, vps[0], None).unwrap();
        let moved = store.history(dana).unwrap().pop().unwrap();
        assert_eq!(
            rolecall::present::describe(store, &moved),
            "Dana Director Screening · Director of Support → Screening · Vice President"
        );
        store.move_to(dana, dir[0], None).unwrap();
        store.move_to(dana, vps[2], None).unwrap();
        store.step(dana, true, None).unwrap();
        assert_eq!(stage_of(store, dana), offer);
        store.step(dana, false, None).unwrap();
        assert_eq!(stage_of(store, dana), *dir.last().unwrap(), "the Offer's way back is the level's track");

        // Refused: a move to the stage it is at, to another role's stage, of a closed application.
        let err = store.move_to(val, vps[2], None).unwrap_err();
        assert!(matches!(&err, StoreError::Conflict(m) if m.contains("already at")), "{err}");
        let other = import_as(store, "a1.md", OTHER);
        let foreign = store.stages(other).unwrap()[1].id;
        let err = store.move_to(val, foreign, None).unwrap_err();
        assert!(matches!(&err, StoreError::Invalid(m) if m.contains("another role")), "{err}");
        store.withdraw(val, None, None).unwrap();
        let err = store.move_to(val, dir[1], None).unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{err}");
        assert_eq!(stage_of(store, val), vps[2], "no refused move changed the stage");
        pipelines_follow_the_rules(store, f, &[]);
    }

    fn every_live_stage_is_found_by_name(store: &mut Store) {
        let f = import(store, &three_tracks());
        let main = store.stages(f).unwrap();
        let tracks = store.tracks(f).unwrap();
        let plain = |label: &str| {
            main.iter().chain(tracks.iter().flat_map(|t| &t.stages)).filter(|s| s.label == label).count()
        };
        for s in &main {
            assert_eq!(store.board_stage_by_name(f, &s.label).unwrap().id, s.id, "{}", s.label);
        }
        let mut named_alone = 0;
        for t in &tracks {
            for s in &t.stages {
                let board = format!("{} · {}", s.label, t.name);
                assert_eq!(store.board_stage_by_name(f, &board).unwrap().id, s.id, "{board}");
                assert_eq!(store.board_stage_by_name(f, &board.to_uppercase()).unwrap().id, s.id, "{board}");
                if plain(&s.label) == 1 {
                    assert_eq!(store.board_stage_by_name(f, &s.label).unwrap().id, s.id, "{}", s.label);
                    named_alone += 1;
                }
            }
        }
        assert!(named_alone >= 2, "some track stages have labels of their own");
        // The role's pipeline keeps its short names; a name no stage has says so.
        let first = &main[0];
        let part = &first.label[..4];
        assert_eq!(store.board_stage_by_name(f, part).map(|s| s.id).ok(), store.stage_by_name(f, part).map(|s| s.id).ok());
        let err = store.board_stage_by_name(f, "Nowhere at all").unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
    }

    fn a_stage_off_the_levels_role_is_an_error(store: &mut Store) {
        let f = import(store, PAGE);
        let other = import_as(store, "a1.md", OTHER);
        let director = level(store, f, "Director of Support");
        let foreign = store.stages(other).unwrap()[0].id;
        let err = store.pipeline_at(director, foreign).unwrap_err();
        assert!(matches!(&err, StoreError::Invalid(m) if m.contains("another role")), "{err}");
        let err = store.step_pipeline(director, foreign).unwrap_err();
        assert!(matches!(&err, StoreError::Invalid(m) if m.contains("another role")), "{err}");
        let nowhere = StageId(foreign.0 + 1_000_000);
        assert!(matches!(store.pipeline_at(director, nowhere), Err(StoreError::NotFound { what: "stage", .. })));
        assert!(matches!(store.step_pipeline(director, nowhere), Err(StoreError::NotFound { what: "stage", .. })));
    }
}
