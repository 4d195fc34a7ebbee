//! The rules without a database.

use super::*;
use AppStatus::*;

#[test]
fn each_change_is_allowed_from_exactly_its_statuses() {
    let table: [(Change, &[AppStatus]); 9] = [
        (Change::Move, &[Active]),
        (Change::Hold, &[Active]),
        (Change::Hire, &[Active]),
        (Change::Resume, &[OnHold]),
        (Change::Reject, &[Active, OnHold]),
        (Change::Withdraw, &[Active, OnHold]),
        (Change::ChangeLevel, &[Active, OnHold]),
        (Change::RecordInterview, &[Active, OnHold]),
        (Change::Reopen, &[Rejected, Withdrawn, Hired]),
    ];
    for (change, allowed) in table {
        for status in AppStatus::ALL {
            assert_eq!(change.allows(status), allowed.contains(&status), "{change:?} from {status:?}");
            assert_eq!(check_status(change, status).is_ok(), allowed.contains(&status));
        }
    }
}

#[test]
fn only_a_closed_application_can_be_reopened_and_nothing_else_happens_to_it() {
    for status in AppStatus::ALL {
        assert_eq!(Change::Reopen.allows(status), status.is_closed(), "{status:?}");
        if status.is_closed() {
            let others = [Change::Move, Change::Reject, Change::Hold, Change::Hire, Change::RecordInterview];
            assert!(others.iter().all(|c| !c.allows(status)), "{status:?}");
        }
    }
}

#[test]
fn a_change_leaves_the_status_it_names() {
    assert_eq!(Change::Reject.status_after(OnHold), Rejected);
    assert_eq!(Change::Withdraw.status_after(Active), Withdrawn);
    assert_eq!(Change::Hold.status_after(Active), OnHold);
    assert_eq!(Change::Resume.status_after(OnHold), Active);
    assert_eq!(Change::Hire.status_after(Active), Hired);
    assert_eq!(Change::Reopen.status_after(Hired), Active);
    assert_eq!(Change::ChangeLevel.status_after(OnHold), OnHold);
}

#[test]
fn a_refusal_says_why_and_what_to_do() {
    let held = check_status(Change::Move, OnHold).unwrap_err();
    assert_eq!(
        held.message("Ana", 7),
        "Ana (application 7) is on hold and cannot be moved; resume them first"
    );
    let closed = check_status(Change::Reject, Hired).unwrap_err();
    assert_eq!(closed.message("Bo", 2), "Bo (application 2) is hired and cannot be rejected; it is closed");
    let active = check_status(Change::Resume, Active).unwrap_err();
    assert_eq!(active.message("Cy", 3), "Cy (application 3) is active and cannot be resumed");
}

#[test]
fn a_step_goes_to_the_neighbouring_stage_and_stops_at_the_ends() {
    let stages = [StageId(10), StageId(11), StageId(12)];
    assert_eq!(step_target(&stages, StageId(11), true), Ok(StageId(12)));
    assert_eq!(step_target(&stages, StageId(11), false), Ok(StageId(10)));
    assert_eq!(step_target(&stages, StageId(12), true), Err(StepRefusal::AtEdge { forward: true }));
    assert_eq!(step_target(&stages, StageId(10), false), Err(StepRefusal::AtEdge { forward: false }));
    assert_eq!(step_target(&stages, StageId(99), true), Err(StepRefusal::NotInRole));
    assert_eq!(StepRefusal::edge(true, "Offer"), "last stage, Offer (hire instead)");
    assert_eq!(StepRefusal::edge(false, "Screening"), "first stage, Screening");
}

#[test]
fn a_hire_happens_only_from_offer() {
    assert!(can_hire_from(StageKind::Offer));
    assert!(!can_hire_from(StageKind::Interview));
    assert_eq!(forward_from(StageKind::Offer), Forward::Hire);
    assert_eq!(forward_from(StageKind::Interview), Forward::Step);
}

#[test]
fn moving_on_early_is_flagged_only_for_stages_with_a_range_of_interviews() {
    assert_eq!(interview_shortfall(2, 3, 1), Some("2–3".into()));
    assert_eq!(interview_shortfall(2, 2, 0), Some("2".into()));
    assert_eq!(interview_shortfall(2, 3, 2), None, "minimum met");
    assert_eq!(interview_shortfall(1, 1, 0), None, "a single interview stage never asks");
    assert!(meets_interview_minimum(2, 2) && !meets_interview_minimum(2, 1));
}

#[test]
fn rejected_and_withdrawn_do_not_count_as_open_so_leaving_them_opens_again() {
    let open: Vec<AppStatus> = AppStatus::ALL.into_iter().filter(|s| counts_as_open(*s)).collect();
    assert_eq!(open, [Active, OnHold, Hired]);
    assert!(opens_again(Rejected, Active));
    assert!(opens_again(Withdrawn, Hired));
    assert!(!opens_again(Hired, Active), "a hired one was open already");
    assert!(!opens_again(Active, Rejected));
}

#[test]
fn each_change_has_the_reversal_that_restores_where_it_started() {
    let r = |kind, from, to| reversal(kind, from, to);
    assert_eq!(r(EventKind::Moved, Active, Active), Reversal { kind: EventKind::Moved, to_status: Active });
    assert_eq!(
        r(EventKind::Rejected, Active, Rejected),
        Reversal { kind: EventKind::Reopened, to_status: Active }
    );
    assert_eq!(r(EventKind::Held, Active, OnHold), Reversal { kind: EventKind::Resumed, to_status: Active });
    assert_eq!(r(EventKind::Resumed, OnHold, Active), Reversal { kind: EventKind::Held, to_status: OnHold });
    assert_eq!(
        r(EventKind::Reopened, Rejected, Active),
        Reversal { kind: EventKind::Rejected, to_status: Rejected }
    );
    assert_eq!(
        r(EventKind::Reopened, Withdrawn, Active),
        Reversal { kind: EventKind::Withdrawn, to_status: Withdrawn }
    );
    assert_eq!(r(EventKind::Reopened, Hired, Active), Reversal { kind: EventKind::Hired, to_status: Hired });
    assert_eq!(
        r(EventKind::Applied, Active, Active),
        Reversal { kind: EventKind::Withdrawn, to_status: Withdrawn }
    );
}
