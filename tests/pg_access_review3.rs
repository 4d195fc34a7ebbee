//! The third security review of issue 19 (migrations/postgres/0029): each write the
//! reviewer made with psql that rolecall would not make is refused, and rolecall's own
//! commands still work as those logins. Against a real throw-away server.
#![cfg(feature = "postgres")]

mod common;

use common::logins::Server;
use common::pg;
use common::team::{DIRECTOR, ITPMO, NOW, allowed, event, refused, set_up};

#[test]
fn the_log_takes_only_rolecalls_kinds_and_events_backed_by_their_change() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, NOW);
    let (ada, cy, _) = set_up(&s);
    let none = ("", "");
    let unknown = "an event's kind is one rolecall writes";
    refused(&s, "hank", &event(&cy, "promoted_to_ceo", "stage_id", none), unknown);
    refused(&s, "rita", &event(&ada, "", "stage_id", none), unknown);
    refused(&s, "adam", &event(&ada, "Moved", "stage_id", none), unknown);
    // A hire, a move or an undo that no change of the application backs.
    let unbacked = "made in the same transaction: none was made";
    refused(&s, "hank", &event(&cy, "hired", "stage_id", none), unbacked);
    let first = format!("(SELECT min(id) FROM events WHERE application_id = {cy})");
    refused(&s, "hank", &event(&cy, "moved", "stage_id", (", undoes", &format!(", {first}"))), unbacked);
    refused(&s, "rita", &event(&ada, "rejected", "stage_id", none), unbacked);
    // A note says where the application is; a person's events name no application.
    let lower = format!(
        "(SELECT min(id) FROM stages WHERE family_id = (SELECT family_id FROM applications WHERE id = {ada}))"
    );
    refused(&s, "rita", &event(&ada, "note", &lower.replace("min(id)", "max(id)"), none), "where it is");
    refused(&s, "rita", &event(&ada, "edited", "stage_id", none), "about a person");
    // rolecall as those logins, and the owner's doctor.
    s.json("hank", &["move", &cy, "--next"]);
    s.json("hank", &["note", &cy, "a note"]);
    s.json("rita", &["hold", &ada]);
    s.json("rita", &["resume", &ada]);
    s.json("ivan", &["note", &cy, "from ivan"]);
    let (code, out, err) = s.rolecall("postgres", &["doctor"]);
    assert_eq!(code, Some(0), "{out}{err}");
}

#[test]
fn an_interviewer_sees_the_other_scorecards_only_once_theirs_is_committed() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, NOW);
    let (_, cy, _) = set_up(&s);
    s.json("rita", &["outcome", &cy, "--interviewer", "olga", "--recommend", "no", "--notes", "OLGA SECRET"]);
    let secret = "SELECT 'seen ' || count(*) FROM interviews WHERE notes = 'OLGA SECRET'";
    assert_eq!(allowed(&s, "ivan", secret), "seen 0");
    // Writing one's own and reading in the same transaction shows nothing.
    let peek = format!(
        "{}; {}; {secret}",
        event(&cy, "interview_recorded", "stage_id", ("", "")),
        "INSERT INTO interviews (application_id, stage_id, interviewer, held_on, recommendation, notes, created_at,
                                 event_id, level_id)
         SELECT id, stage_id, session_user, current_date, 3, 'mine', now(),
                (SELECT max(id) FROM events WHERE application_id = CY AND actor = session_user), level_id
         FROM applications WHERE id = CY"
            .replace("CY", &cy)
    );
    let rows = allowed(&s, "ivan", &peek);
    assert_eq!(rows.lines().last(), Some("seen 0"), "{rows}");
    // Once committed, it is theirs: the others of the stage show.
    assert_eq!(allowed(&s, "ivan", secret), "seen 1");
}

#[test]
fn owners_scorecards_and_applications_are_written_as_rolecall_writes_them() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, NOW);
    let (ada, cy, dee) = set_up(&s);
    let (hank, rita, ivan) = (s.name("hank"), s.name("rita"), s.name("ivan"));
    s.json("adam", &["owner", DIRECTOR, "--hiring-manager", &hank, "--recruiter", &rita]);
    refused(
        &s,
        "rita",
        &format!(
            "INSERT INTO role_owner_people (set_id, part, person) SELECT max(id), 'recruiter', '{ivan}' FROM role_owner_sets"
        ),
        "is not one this login wrote in it",
    );
    refused(
        &s,
        "rita",
        &format!(
            "INSERT INTO application_owners (application_id, owner, event_id)
             SELECT {ada}, '{ivan}', min(id) FROM events WHERE application_id = {ada}"
        ),
        "owner_changed event",
    );
    // A scorecard on a note, on another application's event, at another role's stage.
    let card = |event_kind: &str, stage: &str| {
        format!(
            "{}; INSERT INTO interviews (application_id, stage_id, interviewer, held_on, recommendation, notes,
                                         created_at, event_id, level_id)
             SELECT id, {stage}, 'olga', current_date, 4, 'forged', now(),
                    (SELECT max(id) FROM events WHERE actor = session_user), level_id
             FROM applications WHERE id = {cy}",
            event(&cy, event_kind, "stage_id", ("", ""))
        )
    };
    refused(&s, "rita", &card("note", "stage_id"), "interview_recorded event of application");
    let other = format!(
        "(SELECT min(id) FROM stages WHERE family_id = (SELECT family_id FROM applications WHERE id = {ada}))"
    );
    refused(&s, "rita", &card("interview_recorded", &other), "at a stage of its role");
    // A score of a requirement the level does not have.
    refused(
        &s,
        "ivan",
        &format!(
            "{}; INSERT INTO interview_scores (interview_id, position, requirement, rating)
             SELECT max(id), 998, 'Requirement rolecall never listed', 4 FROM interviews WHERE application_id = {cy}",
            card("interview_recorded", "stage_id").replace("'olga'", "session_user")
        ),
        "rates a requirement of its level",
    );
    // An application keeps its person, role and creation; its reason moves with its status.
    refused(
        &s,
        "rita",
        &format!(
            "UPDATE applications SET family_id = (SELECT family_id FROM applications WHERE id = {cy}) WHERE id = {ada}"
        ),
        "keeps its person, its role",
    );
    s.json("rita", &["reject", &dee, "--reason", "location"]);
    refused(
        &s,
        "rita",
        &format!("UPDATE applications SET reject_reason = 'compensation' WHERE id = {dee}"),
        "changes only with its status",
    );
    refused(
        &s,
        "rita",
        &format!(
            "UPDATE applications SET stage_entered_at = '2020-01-01', updated_at = now() WHERE id = {ada}"
        ),
        "server's clock",
    );
    refused(
        &s,
        "rita",
        "INSERT INTO candidates (name, name_key, email, created_at, updated_at)
         VALUES ('Ghost', 'ghost', 'ghost@example.com', '2001-01-01', '2001-01-01')",
        "server's clock",
    );
    refused(
        &s,
        "rita",
        &format!(
            "INSERT INTO applications (candidate_id, family_id, level_id, stage_id, status, created_at, stage_entered_at,
                                       updated_at)
             SELECT c.id, a.family_id, a.level_id, a.stage_id, 'active', now(), now(), now()
             FROM applications a, candidates c WHERE a.id = {ada} AND c.email = 'dee.dee@example.com'"
        ),
        "written with its applied event",
    );
    // rolecall as those logins: owners, an owner, a scored scorecard, a new application.
    s.json(
        "rita",
        &["owner", DIRECTOR, "--hiring-manager", &hank, "--recruiter", &rita, "--recruiter", &ivan],
    );
    s.json("rita", &["assign", &ada, "--owner", &ivan]);
    s.json(
        "hank",
        &["outcome", &cy, "--interviewer", &hank, "--recommend", "yes", "--score", "1=4", "--score", "2=3"],
    );
    s.json("ivan", &["outcome", &cy, "--interviewer", &ivan, "--recommend", "no", "--score", "1=2"]);
    s.json("rita", &["reopen", &dee]);
    s.json("rita", &["candidate", "add", "Eve Ng", "--email", "eve@example.com"]);
    s.json("rita", &["apply", "eve@example.com", "--role", ITPMO, "--level", "Senior IT Program Manager"]);
    let (code, out, err) = s.rolecall("postgres", &["doctor"]);
    assert_eq!(code, Some(0), "{out}{err}");
}

#[test]
fn a_change_s_event_follows_the_log_and_an_application_keeps_to_its_role() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, NOW);
    let (ada, cy, _) = set_up(&s);
    let said = "says what changed";
    // A trivial write of the row, then a hire, or an undo of the application, that never happened.
    let bump = |app: &str| {
        format!("UPDATE applications SET version = version + 1, updated_at = now() WHERE id = {app}")
    };
    let hire = |app: &str| event(app, "hired", "stage_id", ("", ""));
    refused(&s, "hank", &format!("{}; {}", bump(&cy), hire(&cy)), said);
    refused(
        &s,
        "rita",
        &format!("UPDATE applications SET version = version WHERE id = {ada}; {}", hire(&ada)),
        said,
    );
    let first = format!("(SELECT min(id) FROM events WHERE application_id = {cy})");
    let undo = event(&cy, "moved", "stage_id + 0", (", undoes", &format!(", {first}")));
    refused(
        &s,
        "hank",
        &format!(
            "{}; {}",
            bump(&cy),
            undo.replace("stage_id + 0, stage_id, status, status", "stage_id, stage_id, 'rejected', status")
        ),
        said,
    );
    // Another role's stage, a version going back, a hire away from the Offer stage.
    let other = format!(
        "(SELECT min(id) FROM stages WHERE family_id = (SELECT family_id FROM applications WHERE id = {cy}))"
    );
    refused(
        &s,
        "rita",
        &format!(
            "UPDATE applications SET stage_id = {other}, version = version + 1, updated_at = now() WHERE id = {ada}"
        ),
        "of its own role",
    );
    refused(&s, "rita", &format!("UPDATE applications SET version = 0 WHERE id = {ada}"), "from version");
    refused(
        &s,
        "rita",
        &format!(
            "UPDATE applications SET status = 'hired', version = version + 1, updated_at = now() WHERE id = {ada}"
        ),
        "only at the Offer stage",
    );
    // A move written as rolecall writes it, inside a savepoint (psql's ON_ERROR_ROLLBACK).
    let stage = allowed(&s, "postgres", &format!("SELECT stage_id FROM applications WHERE id = {ada}"));
    let next = allowed(
        &s,
        "postgres",
        &format!(
            "SELECT n.id FROM stages n JOIN stages c ON c.family_id = n.family_id AND c.id = {stage}
             WHERE n.position > c.position ORDER BY n.position LIMIT 1"
        ),
    );
    allowed(
        &s,
        "rita",
        &format!(
            "BEGIN; SAVEPOINT s; UPDATE applications SET stage_id = {next}, version = version + 1, updated_at = now(),
             stage_entered_at = now() WHERE id = {ada}; RELEASE s; {}; COMMIT",
            event(&ada, "moved", &stage, ("", ""))
        ),
    );
    // rolecall's own changes and their undo still pass.
    s.json("hank", &["move", &cy, "--next"]);
    s.json("hank", &["reject", &cy, "--reason", "location"]);
    s.json("rita", &["reopen", &cy]);
    s.json("rita", &["withdraw", &ada]);
    s.json("rita", &["reopen", &ada]);
    let (code, out, err) = s.rolecall("postgres", &["doctor"]);
    assert_eq!(code, Some(0), "{out}{err}");
}
