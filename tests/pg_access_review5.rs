//! The re-review of migration 0030 (issue 19; migrations/postgres/0032): scheduled
//! interviews and their interviewers, a person's own events, a scorecard's interview, an
//! application's first stage and stage entry time are written only as rolecall writes
//! them, and rolecall's own commands still work as those logins. Against a real
//! throw-away server.
#![cfg(feature = "postgres")]

mod common;

use common::logins::Server;
use common::pg;
use common::team::{ITPMO, NOW, allowed, event, refused, set_up};

const NONE: (&str, &str) = ("", "");

/// A new interview of `app` at `stage` (SQL over the application's row), created by
/// `by` at `at` (SQL).
fn schedule(app: &str, stage: &str, by: &str, at: &str) -> String {
    format!(
        "INSERT INTO interview_schedules (uid, application_id, stage_id, starts_at, zone, duration_minutes, place,
                                          sequence, created_at, created_by, updated_at)
         SELECT 'psql-' || random(), id, {stage}, now() + interval '1 day', 'UTC', 60, '', 0, {at}, {by}, {at}
         FROM applications WHERE id = {app} RETURNING id"
    )
}

#[test]
fn an_interview_and_its_interviewers_are_written_with_their_event_by_their_login() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, NOW);
    let (ada, cy, dee) = set_up(&s);
    let (hank, ivan) = (s.name("hank"), s.name("ivan"));
    let other = format!(
        "(SELECT min(id) FROM stages WHERE family_id = (SELECT family_id FROM applications WHERE id = {ada}))"
    );
    let now = "now()";
    let me = "session_user";
    refused(&s, "rita", &schedule(&cy, "stage_id", me, now), "with its interview_scheduled event");
    refused(&s, "rita", &schedule(&cy, "stage_id", "'olga'", now), "under the login that writes it");
    refused(&s, "rita", &schedule(&cy, "stage_id", me, "'2020-01-01'"), "server's clock");
    refused(&s, "rita", &schedule(&cy, &other, me, now), "at a stage of its role");
    // An interview's event with no interview written; an interview of a closed application.
    refused(&s, "rita", &event(&cy, "interview_cancelled", "stage_id", NONE), "none was");
    refused(&s, "hank", &event(&cy, "interview_scheduled", "stage_id", NONE), "none was");
    s.json("rita", &["reject", &dee, "--reason", "location"]);
    let on_dee = format!(
        "{}; {}",
        schedule(&dee, "stage_id", me, now),
        event(&dee, "interview_scheduled", "stage_id", NONE)
    );
    refused(&s, "rita", &on_dee, "is closed");
    // With its event in the same transaction it is rolecall's write.
    let scheduled = event(&cy, "interview_scheduled", "stage_id", NONE);
    allowed(&s, "rita", &format!("{}; {scheduled}", schedule(&cy, "stage_id", me, now)));
    // Ivan's interview, written by rolecall: nobody joins, leaves or rewrites it alone.
    let id = allowed(
        &s,
        "postgres",
        &format!("SELECT min(id) FROM interview_schedules WHERE application_id = {cy}"),
    );
    let join = "join or leave interview";
    refused(
        &s,
        "rita",
        &format!(
            "INSERT INTO interview_schedule_people (schedule_id, position, person) VALUES ({id}, 5, 'olga')"
        ),
        join,
    );
    refused(
        &s,
        "rita",
        &format!("UPDATE interview_schedule_people SET dropped_at = now() WHERE schedule_id = {id}"),
        join,
    );
    let change = |set: &str| format!("UPDATE interview_schedules SET {set} WHERE id = {id}");
    refused(
        &s,
        "rita",
        &change("created_by = 'olga'"),
        "keeps its uid, application, creation time and author",
    );
    refused(&s, "rita", &change("sequence = sequence + 1, updated_at = '2020-01-01'"), "server's clock");
    refused(&s, "rita", &change("place = 'elsewhere', updated_at = now()"), "from sequence");
    refused(
        &s,
        "rita",
        &change("place = 'elsewhere', sequence = sequence + 1, updated_at = now()"),
        "with its interview_rescheduled event",
    );
    // rolecall as those logins: a reschedule with new interviewers, a cancel; then no
    // write brings the cancelled one back.
    s.json("rita", &["reschedule", &id, "--interviewer", &ivan, "--interviewer", &hank, "--where", "Room 2"]);
    s.json("rita", &["cancel", &id]);
    refused(
        &s,
        "rita",
        &change("cancelled_at = NULL, sequence = sequence + 1, updated_at = now()"),
        "was cancelled",
    );
    s.json("rita", &["schedule", &cy, "--at", "2026-07-05 09:00", "--tz", "UTC", "--interviewer", &ivan]);
    let (code, out, err) = s.rolecall("postgres", &["doctor"]);
    assert_eq!(code, Some(0), "{out}{err}");
}

#[test]
fn a_person_s_events_record_a_change_of_that_person() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, NOW);
    set_up(&s);
    let ada = allowed(&s, "postgres", "SELECT id FROM candidates WHERE email = 'ada.lovelace@example.com'");
    let person_event = |kind: &str| {
        format!(
            "INSERT INTO events (at, actor, kind, candidate_id, note) VALUES (now(), session_user, '{kind}', {ada}, 'psql')"
        )
    };
    let none = "made in the same transaction: none was made";
    refused(&s, "rita", &person_event("edited"), none);
    refused(&s, "rita", &person_event("erased"), "only an admin may erase");
    refused(&s, "adam", &person_event("erased"), none);
    let touch = format!("UPDATE candidates SET notes = 'met at a fair', updated_at = now() WHERE id = {ada}");
    refused(&s, "adam", &format!("{touch}; {}", person_event("erased")), none);
    allowed(&s, "rita", &format!("{touch}; {}", person_event("edited")));
    // rolecall as those logins.
    s.json("rita", &["candidate", "edit", &ada, "--name", "Ada King"]);
    s.json("adam", &["candidate", "erase", &ada, "--yes"]);
    // After the erasure no event of the person carries words about them past it.
    let about = format!("(SELECT max(id) FROM applications WHERE candidate_id = {ada})");
    refused(&s, "rita", &event(&about, "note", "stage_id", NONE), "no note about them");
    let erased_touch = format!("UPDATE candidates SET updated_at = now() WHERE id = {ada}");
    refused(&s, "rita", &format!("{erased_touch}; {}", person_event("erased")), "only an admin may erase");
    refused(&s, "rita", &format!("{erased_touch}; {}", person_event("edited")), none);
    s.json("adam", &["candidate", "erase", &ada, "--yes"]);
    let (code, out, err) = s.rolecall("postgres", &["doctor"]);
    assert_eq!(code, Some(0), "{out}{err}");
}

#[test]
fn a_scorecard_names_an_interview_its_interviewer_is_on_once_and_rates_the_level() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, NOW);
    let (_, cy, _) = set_up(&s);
    let id = allowed(
        &s,
        "postgres",
        &format!("SELECT min(id) FROM interview_schedules WHERE application_id = {cy}"),
    );
    let card = |who: &str, level: &str, schedule: &str| {
        format!(
            "{}; INSERT INTO interviews (application_id, stage_id, interviewer, held_on, recommendation, notes,
                                         created_at, event_id, level_id, schedule_id)
             SELECT id, stage_id, {who}, current_date, 4, 'psql', now(),
                    (SELECT max(id) FROM events WHERE actor = session_user), {level}, {schedule}
             FROM applications WHERE id = {cy}",
            event(&cy, "interview_recorded", "stage_id", NONE)
        )
    };
    let me = "session_user";
    refused(&s, "hank", &card(me, "level_id", &id), "is one of its interviewers");
    refused(&s, "hank", &card(me, "NULL", "NULL"), "rates its level");
    // A scorecard's event, an owner's event, without the scorecard or the owner.
    let alone = |kind: &str| event(&cy, kind, "stage_id", NONE);
    refused(&s, "ivan", &alone("interview_recorded"), "comes with its scorecard");
    refused(&s, "hank", &alone("owner_changed"), "comes with its owner");
    allowed(&s, "ivan", &card(me, "level_id", &id));
    refused(&s, "ivan", &card(me, "level_id", &id), "already recorded a scorecard for interview");
    // rolecall as the hiring manager: a scorecard of no scheduled interview.
    s.json(
        "hank",
        &["outcome", &cy, "--interviewer", &s.name("hank"), "--recommend", "no", "--notes", "met"],
    );
    // Nobody but the owner rewrites or deletes a scorecard, its scores or an interview.
    let denied = "permission denied";
    let mine = format!("WHERE application_id = {cy}");
    refused(&s, "adam", &format!("UPDATE interviews SET recommendation = 1 {mine}"), denied);
    refused(&s, "adam", &format!("UPDATE interviews SET notes = 'rewritten' {mine}"), "stays as written");
    refused(&s, "adam", &format!("DELETE FROM interviews {mine}"), denied);
    refused(&s, "adam", "UPDATE interview_scores SET rating = 1", denied);
    refused(&s, "adam", "DELETE FROM interview_scores", denied);
    refused(&s, "adam", "DELETE FROM interview_schedule_people", denied);
    refused(&s, "adam", &format!("DELETE FROM applications WHERE id = {cy}"), denied);
    // The erasure still scrubs the notes.
    let person = allowed(&s, "postgres", &format!("SELECT candidate_id FROM applications WHERE id = {cy}"));
    s.json("adam", &["candidate", "erase", &person, "--yes"]);
    let left = allowed(&s, "postgres", &format!("SELECT count(*) FROM interviews {mine} AND notes = 'met'"));
    assert_eq!(left, "0", "the erasure scrubbed the scorecard's notes");
    let (code, out, err) = s.rolecall("postgres", &["doctor"]);
    assert_eq!(code, Some(0), "{out}{err}");
}

#[test]
fn an_application_starts_at_its_first_stage_and_enters_a_stage_when_it_moves() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, NOW);
    let (ada, cy, _) = set_up(&s);
    s.json("rita", &["candidate", "add", "Eve Ng", "--email", "eve@example.com"]);
    let later = "(SELECT max(s.id) FROM stages s WHERE s.family_id = a.family_id AND s.kind <> 'offer' AND s.track_id IS NULL)";
    let applied = event("(SELECT max(id) FROM applications)", "applied", "NULL", NONE);
    refused(
        &s,
        "rita",
        &format!(
            "INSERT INTO applications (candidate_id, family_id, level_id, stage_id, status, created_at, stage_entered_at,
                                       updated_at)
             SELECT c.id, a.family_id, a.level_id, {later}, 'active', now(), now(), now()
             FROM applications a, candidates c WHERE a.id = {ada} AND c.email = 'eve@example.com';
             {applied}"
        ),
        "starts at the first stage",
    );
    // A move that keeps the old entry time; an entry time rewritten without a move.
    let next = allowed(
        &s,
        "postgres",
        &format!(
            "SELECT n.id FROM applications a JOIN stages c ON c.id = a.stage_id
             JOIN stages n ON n.family_id = c.family_id AND n.position > c.position AND n.track_id IS NULL
             WHERE a.id = {cy} ORDER BY n.position LIMIT 1"
        ),
    );
    let stage = allowed(&s, "postgres", &format!("SELECT stage_id FROM applications WHERE id = {cy}"));
    // Entered well before the server's clock (a time within its minute would pass as now).
    allowed(
        &s,
        "postgres",
        &format!("UPDATE applications SET stage_entered_at = '2026-07-01' WHERE id = {cy}"),
    );
    refused(
        &s,
        "hank",
        &format!(
            "UPDATE applications SET stage_id = {next}, version = version + 1, updated_at = now() WHERE id = {cy};
             {}",
            event(&cy, "moved", &stage, NONE)
        ),
        "enters its new stage now",
    );
    refused(
        &s,
        "rita",
        &format!(
            "UPDATE applications SET stage_entered_at = now(), version = version + 1, updated_at = now() WHERE id = {ada}"
        ),
        "the time stays",
    );
    // rolecall as those logins.
    s.json("rita", &["apply", "eve@example.com", "--role", ITPMO, "--level", "Senior IT Program Manager"]);
    s.json("hank", &["move", &cy, "--next"]);
    s.json("hank", &["move", &cy, "--back"]);
    s.json("rita", &["move", &ada, "--next"]);
    let (code, out, err) = s.rolecall("postgres", &["doctor"]);
    assert_eq!(code, Some(0), "{out}{err}");
}

#[test]
fn the_server_numbers_every_row_a_login_writes() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, NOW);
    let (ada, cy, _) = set_up(&s);
    // A note given the top id would be every later change's "previous event": the server
    // numbers it instead (as the views do for a hiring manager or an interviewer).
    let note = event(&ada, "note", "stage_id", NONE)
        .replace("(at, ", "(id, at, ")
        .replace("SELECT now()", "SELECT 99999, now()");
    let given = allowed(&s, "rita", &note);
    assert_ne!(given, "99999", "the server chose the id");
    let negative = allowed(&s, "adam", &note.replace("99999", "-5"));
    assert_ne!(negative, "-5", "the server chose the id");
    let set = allowed(
        &s,
        "rita",
        "INSERT INTO role_owner_sets (id, family_id, actor, at) SELECT 99999, id, session_user, now()
         FROM families LIMIT 1 RETURNING id",
    );
    assert_ne!(set, "99999", "the server chose the id");
    // The id a default gives stays (application numbers run on), and one left from a
    // rolled-back insert, below a newer row, is not reused.
    let stale = allowed(&s, "rita", &format!("BEGIN; {}; ROLLBACK", event(&ada, "note", "stage_id", NONE)));
    s.json("hank", &["note", &cy, "after the rollback"]);
    let reused = allowed(&s, "rita", &format!("BEGIN; {}; COMMIT", note.replace("99999", &stale)));
    assert!(reused.parse::<i64>().unwrap() > stale.parse::<i64>().unwrap() + 1, "{reused} after {stale}");
    let apps = |who: &str, email: &str| {
        s.json(who, &["candidate", "add", email, "--email", email]);
        let a = s.json(who, &["apply", email, "--role", ITPMO, "--level", "Senior IT Program Manager"]);
        a["application"]["id"].as_i64().unwrap()
    };
    let first = apps("rita", "one@example.com");
    assert_eq!(apps("rita", "two@example.com"), first + 1, "application numbers run on");
    // No row is renumbered.
    refused(
        &s,
        "rita",
        &format!("UPDATE events SET id = id + 1000000 WHERE id = {given}"),
        "permission denied",
    );
    refused(
        &s,
        "rita",
        &format!("UPDATE applications SET id = id + 1000000 WHERE id = {ada}"),
        "keeps its id",
    );
    // rolecall's own writes, and the application still moves.
    s.json("rita", &["note", &ada, "numbered"]);
    s.json("rita", &["move", &ada, "--next"]);
    s.json("hank", &["move", &cy, "--next"]);
    let (code, out, err) = s.rolecall("postgres", &["doctor"]);
    assert_eq!(code, Some(0), "{out}{err}");
    // A generated load gives its rows their ids: the owner's alone, said plainly.
    let (code, _, err) = s.rolecall("adam", &["demo", "--candidates", "5", "--force"]);
    assert_ne!(code, Some(0));
    assert!(err.contains("connect as the owner of rolecall's tables"), "{err}");
}

#[test]
fn an_earlier_rounds_scorecards_show_an_interviewer_only_once_they_submit_theirs() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, NOW);
    let (_, cy, _) = set_up(&s);
    let (hank, ivan) = (s.name("hank"), s.name("ivan"));
    // hank scores the first round; ivan interviews only in the second.
    s.json(
        "hank",
        &["outcome", &cy, "--interviewer", &hank, "--recommend", "no", "--notes", "HANK ROUND ONE"],
    );
    let first = allowed(
        &s,
        "postgres",
        &format!("SELECT min(id) FROM interview_schedules WHERE application_id = {cy}"),
    );
    s.json("rita", &["cancel", &first]);
    s.json("hank", &["move", &cy, "--next"]);
    s.json("rita", &["schedule", &cy, "--at", "2026-07-04 14:00", "--tz", "UTC", "--interviewer", &ivan]);
    let seen = "SELECT 'seen ' || count(*) FROM interviews WHERE notes = 'HANK ROUND ONE'";
    assert_eq!(allowed(&s, "ivan", seen), "seen 0", "before ivan submits, the first round is hidden");
    let shown = s.json("ivan", &["interview", "list", &cy]);
    assert!(!shown.to_string().contains("HANK ROUND ONE"), "{shown}");
    s.json("ivan", &["outcome", &cy, "--interviewer", &ivan, "--recommend", "yes"]);
    assert_eq!(allowed(&s, "ivan", seen), "seen 1", "after his own, the earlier round shows");
    assert_eq!(allowed(&s, "hank", seen), "seen 1", "the hiring manager sees all at any time");
}
