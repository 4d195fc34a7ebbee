//! The security review of issue 19, its write findings (migrations/postgres/0019): each
//! attack the reviewer ran with psql, as the restricted login, is refused, and rolecall's
//! own commands still work as that login. Against a real throw-away server.
#![cfg(feature = "postgres")]

mod common;

use common::logins::Server;
use common::pg;
use rolecall::domain::EventId;
use rolecall::store::Store;

const ITPMO: &str = "it-program-management-office";
const DIRECTOR: &str = "director-it-operations";
/// Far from the server's clock: rolecall as a login in an access role still writes.
const NOW: &str = "2026-07-03T10:00:00Z";

impl Server {
    /// `sql` as `who` fails with a refusal containing `words`.
    fn refused(&self, who: &str, sql: &str, words: &str) {
        match self.psql(who, sql) {
            Err(e) => assert!(e.contains(words), "{who}: {sql}: {e}"),
            Ok(rows) => panic!("{who} may not run {sql}, yet got: {rows:?}"),
        }
    }

    fn allowed(&self, who: &str, sql: &str) -> String {
        self.psql(who, sql).unwrap_or_else(|e| panic!("{who}: {sql}: {e}"))
    }

    fn one(&self, sql: &str) -> String {
        self.allowed("postgres", sql)
    }
}

/// An admin, a recruiter, a hiring manager of the director role (Cy's and Dee's
/// applications) and an interviewer on Cy's; Ada applied to the other role.
struct Team {
    ada: String,
    ada_app: String,
    cy: String,
    cy_app: String,
    dee_app: String,
}

fn set_up(s: &Server) -> Team {
    s.json("postgres", &["roles"]);
    for who in ["adam", "rita", "hank", "ivan"] {
        s.create_login(who);
    }
    for (who, access) in [("adam", "admin"), ("rita", "recruiter"), ("ivan", "interviewer")] {
        s.json("postgres", &["access", "grant", &s.name(who), access]);
    }
    s.json("postgres", &["access", "grant", &s.name("hank"), "hiring-manager", "--roles", DIRECTOR]);
    let add = |name: &str, email: &str| {
        let added = s.json("rita", &["candidate", "add", name, "--email", email]);
        added["id"].as_i64().unwrap_or_else(|| panic!("{added}")).to_string()
    };
    let apply = |who: &str, role: &str, level: &str| {
        let applied = s.json("rita", &["apply", who, "--role", role, "--level", level]);
        applied["application"]["id"].as_i64().unwrap_or_else(|| panic!("{applied}")).to_string()
    };
    let (ada, cy) = (add("Ada Lovelace", "ada@example.com"), add("Cy Young", "cy@example.com"));
    add("Dee Dee", "dee@example.com");
    let ada_app = apply("ada@example.com", ITPMO, "Senior IT Program Manager");
    let cy_app = apply("cy@example.com", DIRECTOR, "Sr. Director");
    let dee_app = apply("dee@example.com", DIRECTOR, "Sr. Director");
    let ivan = s.name("ivan");
    s.json("rita", &["schedule", &cy_app, "--at", "2026-07-04 14:00", "--tz", "UTC", "--interviewer", &ivan]);
    Team { ada, ada_app, cy, cy_app, dee_app }
}

/// The id and name of the stage after `app`'s.
fn next_stage(s: &Server, app: &str) -> (String, String) {
    let found = s.one(&format!(
        "SELECT s.id || '|' || s.label FROM stages s JOIN applications a ON a.family_id = s.family_id
         WHERE a.id = {app} AND s.position > (SELECT position FROM stages WHERE id = a.stage_id)
         ORDER BY s.position LIMIT 1"
    ));
    let (id, name) = found.split_once('|').expect("a next stage");
    (id.to_string(), name.to_string())
}

/// A note on `app` as the session's login at time `at` (SQL), leaving it where it is.
fn note(app: &str, at: &str, extra: &str) -> String {
    format!(
        "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id,
                             from_status, to_status, note{})
         SELECT {at}, session_user, 'note', candidate_id, id, stage_id, stage_id, status, status, 'n'{}
         FROM applications WHERE id = {app} RETURNING id",
        if extra.is_empty() { "" } else { ", undoes" },
        if extra.is_empty() { String::new() } else { format!(", {extra}") },
    )
}

#[test]
fn events_are_written_under_the_login_at_the_servers_time() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, NOW);
    let t = set_up(&s);
    let (hank, ivan) = (s.name("hank"), s.name("ivan"));
    let forged = |actor: &str| {
        format!(
            "INSERT INTO events (at, actor, kind, candidate_id, application_id, note)
             VALUES (now(), '{actor}', 'note', {}, {}, 'forged')",
            t.cy, t.cy_app
        )
    };
    s.refused("rita", &forged(&hank), "under the login that writes it");
    s.refused("adam", &forged(&ivan), "under the login that writes it");
    s.refused("rita", &forged(&s.name("rita")).replace("now()", "'2026-01-01'"), "server's clock");
    s.refused(
        "rita",
        &format!("INSERT INTO role_owner_sets (family_id, at, actor) SELECT id, now(), '{hank}' FROM families LIMIT 1"),
        "under the login that writes it",
    );
    s.refused("hank", &note(&t.cy_app, "'1999-01-01'", ""), "server's clock");
    s.refused("ivan", &note(&t.cy_app, "now() + interval '1 day'", ""), "server's clock");
    s.allowed("hank", &note(&t.cy_app, "now()", ""));
    // The owner (here the superuser) still writes what it restores.
    s.allowed("postgres", &forged(&ivan).replace("now()", "'2020-01-01'"));
    // rolecall as those logins, with a test clock far from the server's: the server's time.
    s.json("hank", &["note", &t.cy_app, "from hank"]);
    s.json("ivan", &["note", &t.cy_app, "from ivan"]);
    s.json("rita", &["move", &t.cy_app, "--next"]);
    let last = s.one(&format!(
        "SELECT string_agg(actor || ' ' || (abs(extract(epoch FROM now() - at)) < 600)::text, ',' ORDER BY id)
         FROM events WHERE application_id = {} AND id > (SELECT max(id) - 3 FROM events)",
        t.cy_app
    ));
    assert_eq!(last, format!("{hank} true,{ivan} true,{} true", s.name("rita")));
}

#[test]
fn an_event_is_about_its_applications_person_and_undoes_only_its_own() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, NOW);
    let t = set_up(&s);
    let elsewhere = |who: &str| {
        format!(
            "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id,
                                 from_status, to_status, note)
             SELECT now(), session_user, 'note', {}, id, stage_id, stage_id, status, status, '{who}'
             FROM applications WHERE id = {}",
            t.ada, t.cy_app
        )
    };
    for who in ["hank", "ivan", "rita", "adam", "postgres"] {
        s.refused(who, &elsewhere(who), "is about its person");
    }
    let ada_event = s.one(&format!("SELECT min(id) FROM events WHERE application_id = {}", t.ada_app));
    s.refused("hank", &note(&t.cy_app, "now()", &ada_event), "undoes only one of its own application");
    s.refused("rita", &note(&t.cy_app, "now()", &ada_event), "undoes only one of its own application");
    // Undoing through rolecall still works.
    let moved = s.json("hank", &["move", &t.cy_app, "--next"]);
    let mut store = Store::open_target(&s.url("hank")).expect("open as hank");
    let undone = store.revert(EventId(moved["event_id"].as_i64().expect("an event")), None);
    assert!(undone.is_ok(), "{:?}", undone.err());
}

#[test]
fn no_change_of_an_application_without_its_event() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, NOW);
    let t = set_up(&s);
    let (next_stage, _) = next_stage(&s, &t.cy_app);
    let (cy, dee) = (&t.cy_app, &t.dee_app);
    let silent = "without an event";
    s.refused(
        "hank",
        &format!("UPDATE applications SET stage_id = {next_stage}, version = version + 1 WHERE id = {cy}"),
        silent,
    );
    // A hiring manager's change takes the version up by one, no more (0024).
    let jump = "not to";
    s.refused("hank", &format!("UPDATE applications SET version = version + 100 WHERE id = {cy}"), jump);
    s.refused(
        "hank",
        &format!(
            "{}; UPDATE applications SET version = version + 100 WHERE id = {cy}",
            note(cy, "now()", "")
        ),
        jump,
    );
    s.refused(
        "rita",
        &format!("UPDATE applications SET status = 'rejected', reject_reason = 'other' WHERE id = {cy}"),
        silent,
    );
    s.refused(
        "adam",
        &format!("UPDATE applications SET level_id = level_id, version = version + 1 WHERE id = {cy}"),
        silent,
    );
    s.refused("ivan", &format!("UPDATE applications SET version = version + 1 WHERE id = {cy}"), silent);
    // An interviewer's change, even with its event, takes the version up by one, no more
    // (0023); the other logins' bumps above want their event too.
    let skip = "not to 999999";
    s.refused(
        "ivan",
        &format!("{}; UPDATE applications SET version = 999999 WHERE id = {cy}", note(cy, "now()", "")),
        skip,
    );
    s.refused("ivan", &format!("UPDATE applications SET version = 999999 WHERE id = {cy}"), skip);
    let dated = format!("UPDATE applications SET updated_at = '1970-01-01' WHERE id = {cy}");
    s.refused("ivan", &dated, "an interviewer's change takes application");
    // An event of another application does not cover it.
    s.refused(
        "hank",
        &format!("UPDATE applications SET version = version + 1 WHERE id = {cy}; {}", note(dee, "now()", "")),
        silent,
    );
    // Nor does a note of its own: the event must say where the application is now.
    let to_next =
        format!("UPDATE applications SET stage_id = {next_stage}, version = version + 1 WHERE id = {cy}");
    s.refused("hank", &format!("{to_next}; {}", note(cy, "now()", "")), silent);
    let moved = format!(
        "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id, from_status, to_status)
         SELECT now(), session_user, 'moved', candidate_id, id, stage_id, {next_stage}, status, status
         FROM applications WHERE id = {cy}"
    );
    s.refused("hank", &format!("{moved}; {to_next}"), "says where application");
    // The change, then its event saying where it is now, as rolecall writes them (0027).
    let from = s.one(&format!("SELECT stage_id FROM applications WHERE id = {cy}"));
    let moved = format!(
        "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id, from_status, to_status)
         SELECT now(), session_user, 'moved', candidate_id, id, {from}, stage_id, status, status
         FROM applications WHERE id = {cy}"
    );
    s.allowed("hank", &format!("{to_next}; {moved}"));
    // A hire, even with its event, only at the Offer stage (0024), as rolecall hires.
    let hired = format!(
        "UPDATE applications SET status = 'hired', version = version + 1 WHERE id = {cy};
         INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id, from_status, to_status)
         SELECT now(), session_user, 'hired', candidate_id, id, stage_id, stage_id, 'active', status
         FROM applications WHERE id = {cy}"
    );
    s.refused("hank", &hired, "hired only at the Offer stage");
    // Nor to Offer and hired in one write (0026).
    let to_offer = format!(
        "UPDATE applications SET status = 'hired', version = version + 1,
                stage_id = (SELECT id FROM stages WHERE family_id = applications.family_id AND kind = 'offer' LIMIT 1)
         WHERE id = {cy}"
    );
    s.refused("hank", &to_offer, "where it already is");
    // An event names stages of its own application's role (0026), not another role's.
    let other_stage = s.one(&format!(
        "SELECT min(s.id) FROM stages s WHERE s.family_id <> (SELECT family_id FROM applications WHERE id = {cy})"
    ));
    let elsewhere = format!(
        "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id, from_status, to_status)
         SELECT now(), session_user, 'moved', candidate_id, id, stage_id, {other_stage}, status, status
         FROM applications WHERE id = {cy}"
    );
    s.refused("hank", &elsewhere, "names stages and levels of its own role");
    // A scorecard likewise names its own application's role's stage (0026).
    let scorecard = format!(
        "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id, from_status, to_status)
         SELECT now(), session_user, 'interview_recorded', candidate_id, id, stage_id, stage_id, status, status
         FROM applications WHERE id = {cy};
         INSERT INTO interviews (application_id, stage_id, interviewer, held_on, recommendation, created_at, event_id)
         SELECT {cy}, {other_stage}, session_user, current_date, 1, now(), max(id) FROM events
         WHERE actor = session_user AND kind = 'interview_recorded'"
    );
    s.refused("hank", &scorecard, "names a stage, a level and a scheduled interview of that application");
    // An event no change backs (0027): a 'hired' event while the application stays active.
    let unbacked = format!(
        "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id, from_status, to_status)
         SELECT now(), session_user, 'hired', candidate_id, id, stage_id, stage_id, status, 'hired'
         FROM applications WHERE id = {cy}"
    );
    s.refused("hank", &unbacked, "says where application");
    // A change dated by the login (0027), even with its event.
    let backdated = format!(
        "{}; UPDATE applications SET stage_entered_at = '2000-01-01', version = version + 1 WHERE id = {cy}",
        note(cy, "now()", "")
    );
    s.refused("hank", &backdated, "takes the server's clock");
    let audit = s.json("rita", &["audit", "--user", &s.name("hank")]);
    assert!(audit.as_array().is_some_and(|a| a.iter().any(|e| e["kind"] == "moved")), "{audit}");
    // A person's details likewise.
    let person = "without an event";
    s.refused("rita", &format!("UPDATE candidates SET email = 'nobody-knows@x' WHERE id = {}", t.cy), person);
    s.refused("adam", &format!("UPDATE candidates SET notes = 'silent' WHERE id = {}", t.cy), person);
    s.json("rita", &["candidate", "edit", &t.cy, "--email", "cy@new.example"]);
    // With its event, in the same transaction, a change goes through.
    s.allowed(
        "hank",
        &format!("{}; UPDATE applications SET version = version + 1 WHERE id = {cy}", note(cy, "now()", "")),
    );
    // rolecall's own writes as those logins.
    s.json("hank", &["move", cy, "--next"]);
    s.json("ivan", &["note", cy, "seen"]);
    s.json("rita", &["reject", cy, dee, "--reason", "other"]);
    s.json("adam", &["candidate", "erase", &t.ada, "--yes"]);
    let (code, out, err) = s.rolecall("adam", &["doctor"]);
    assert_eq!(code, Some(0), "{out}{err}");
}

#[test]
fn access_leaves_the_owner_alone_and_batches_link_only_ones_own_events() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, NOW);
    let t = set_up(&s);
    s.create_login("keeper");
    let keeper = s.name("keeper");
    s.one(&format!(
        "GRANT rolecall_admin, rolecall_recruiter, rolecall_hiring_manager, rolecall_interviewer
             TO {keeper} WITH ADMIN OPTION"
    ));
    let (code, _, err) = s.rolecall("adam", &["access", "revoke", "postgres"]);
    assert_ne!(code, Some(0));
    assert!(err.contains("postgres owns rolecall's tables (or is a superuser)"), "{err}");
    let (code, _, err) = s.rolecall("adam", &["access", "grant", "postgres", "recruiter"]);
    assert_ne!(code, Some(0));
    assert!(err.contains("superuser"), "{err}");
    for args in [vec!["access", "revoke", &keeper], vec!["access", "grant", &keeper, "recruiter"]] {
        let (code, _, err) = s.rolecall("adam", &args);
        assert_ne!(code, Some(0), "{args:?}");
        assert!(err.contains("holds the access roles WITH ADMIN OPTION"), "{err}");
    }
    let kept = s.one(&format!(
        "SELECT count(*) FROM pg_auth_members am JOIN pg_roles m ON m.oid = am.member
         WHERE m.rolname = '{keeper}' AND am.admin_option"
    ));
    assert_eq!(kept, "4");
    // event_batches: another's events, or one's own from an earlier transaction, refused.
    let (ada_event, cy_event) = (
        s.one(&format!("SELECT max(id) FROM events WHERE application_id = {}", t.ada_app)),
        s.one(&format!("SELECT max(id) FROM events WHERE application_id = {}", t.cy_app)),
    );
    let link = |a: &str, b: &str| format!("INSERT INTO event_batches (event_id, batch_id) VALUES ({a}, {b})");
    s.refused("hank", &link(&cy_event, &ada_event), "a batch links only events");
    s.refused("rita", &link(&ada_event, &cy_event), "a batch links only events");
    let own = s.allowed("hank", &note(&t.cy_app, "now()", ""));
    s.refused("hank", &link(&own, &own), "a batch links only events");
    s.allowed(
        "hank",
        &format!(
            "DO $$ DECLARE a BIGINT; b BIGINT; BEGIN
                 {} INTO a; {} INTO b;
                 INSERT INTO event_batches (event_id, batch_id) VALUES (a, a), (b, a);
             END $$",
            note(&t.cy_app, "now()", ""),
            note(&t.dee_app, "now()", "")
        ),
    );
    // rolecall's batches as the hiring manager: a bulk move, and its undo.
    let (_, stage) = next_stage(&s, &t.cy_app);
    let moved = s.json("hank", &["move", &t.cy_app, &t.dee_app, "--to", &stage]);
    let events: Vec<EventId> = moved
        .as_array()
        .expect("two moves")
        .iter()
        .filter_map(|m| m["event_id"].as_i64())
        .map(EventId)
        .collect();
    assert_eq!(events.len(), 2, "{moved}");
    let mut store = Store::open_target(&s.url("hank")).expect("open as hank");
    let undone = store.revert_batch(&events);
    assert!(undone.is_ok(), "{:?}", undone.err());
}

/// The wording of requirement `position` (0-based) of scorecard `card`'s level (SQL).
fn requirement(card: &str, position: u32) -> String {
    format!(
        "(SELECT li.text FROM level_items li WHERE li.level_id = (SELECT level_id FROM interviews WHERE id = {card})
            AND li.kind = 'requirement' ORDER BY li.position, li.id OFFSET {position} LIMIT 1)"
    )
}

/// A score of scorecard `card` rating requirement `position` worded `wording` (SQL).
fn score(card: &str, position: u32, wording: &str) -> String {
    format!(
        "INSERT INTO interview_scores (interview_id, position, requirement, rating) VALUES ({card}, {position}, {wording}, 4)"
    )
}

/// A scorecard event on `app` and its scorecard by the session's login, held on `held`
/// and created at `created` (SQL), in one transaction.
fn scorecard(app: &str, held: &str, created: &str) -> String {
    format!(
        "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id,
                             from_status, to_status, note)
         SELECT now(), session_user, 'interview_recorded', candidate_id, id, stage_id, stage_id, status, status, 'psql'
         FROM applications WHERE id = {app};
         INSERT INTO interviews (application_id, stage_id, interviewer, held_on, recommendation, notes, created_at,
                                 event_id, level_id)
         SELECT id, stage_id, session_user, {held}, 3, 'psql', {created},
                (SELECT max(e.id) FROM events e WHERE e.application_id = {app} AND e.actor = session_user), level_id
         FROM applications WHERE id = {app} RETURNING id"
    )
}

#[test]
fn a_scorecard_is_written_once_with_its_event_and_a_rejection_gives_one_of_rolecalls_reasons() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, NOW);
    let t = set_up(&s);
    let (cy, dee) = (&t.cy_app, &t.dee_app);
    let recorded = s.json("ivan", &["outcome", cy, "--recommend", "yes", "--interviewer", &s.name("ivan")]);
    assert!(recorded["id"].as_i64().is_some(), "{recorded}");
    let (card, event) = {
        let row = s.one(&format!("SELECT id || '|' || event_id FROM interviews WHERE application_id = {cy}"));
        let (card, event) = row.split_once('|').expect("ivan's scorecard");
        (card.to_string(), event.to_string())
    };
    // A second scorecard on an event of another transaction, by its writer or a recruiter.
    let again = |who: &str| {
        format!(
            "INSERT INTO interviews (application_id, stage_id, interviewer, held_on, recommendation, notes, created_at,
                                     event_id, level_id)
             SELECT application_id, stage_id, '{}', held_on, 1, 'again', now(), event_id, level_id
             FROM interviews WHERE id = {card}",
            s.name(who)
        )
    };
    s.refused("ivan", &again("ivan"), &format!("event {event} was not written in this one"));
    s.refused("rita", &again("rita"), &format!("event {event} was not written in this one"));
    // Two scorecards on one new event, a backdated one, one held next month.
    let twice = format!(
        "{}; INSERT INTO interviews (application_id, stage_id, interviewer, held_on, recommendation, notes,
                                     created_at, event_id, level_id)
             SELECT application_id, stage_id, interviewer, held_on, 1, 'twice', created_at, event_id, level_id
             FROM interviews WHERE id = (SELECT max(id) FROM interviews WHERE application_id = {dee})",
        scorecard(dee, "current_date", "now()")
    );
    s.refused("rita", &twice, "one scorecard per event");
    s.refused("rita", &scorecard(dee, "current_date", "now() - interval '1 year'"), "server's clock");
    s.refused("hank", &scorecard(dee, "current_date + 30", "now()"), "is in the future");
    // Scores after the scorecard's transaction, and one requirement rated twice.
    let score = |card: &str, position: u32| score(card, position, &requirement(card, position));
    s.refused("ivan", &score(&card, 0), "scores are written with their scorecard");
    s.refused("rita", &score(&card, 99), "scores are written with their scorecard");
    let rated_twice = format!(
        "{}; {}; {}",
        scorecard(dee, "current_date", "now()"),
        score(&format!("(SELECT max(id) FROM interviews WHERE application_id = {dee})"), 0),
        score(&format!("(SELECT max(id) FROM interviews WHERE application_id = {dee})"), 0)
    );
    s.refused("hank", &rated_twice, "already rates requirement 1");
    // What the psql attempts above were allowed to write in one transaction, they write.
    assert_eq!(s.allowed("hank", &scorecard(dee, "current_date", "now()")).lines().count(), 1);
    // Reasons: one of rolecall's, with a rejection only.
    let reasons = "one of rolecall's";
    s.refused(
        "rita",
        &format!("UPDATE applications SET reject_reason = 'not-qualified' WHERE id = {cy}"),
        reasons,
    );
    s.refused(
        "hank",
        &format!(
            "UPDATE applications SET status = 'rejected', reject_reason = 'vibes', version = version + 1,
                     updated_at = now() WHERE id = {cy}"
        ),
        reasons,
    );
    s.refused(
        "rita",
        &format!(
            "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id,
                                 from_status, to_status, reason)
             SELECT now(), session_user, 'rejected', candidate_id, id, stage_id, stage_id, status, 'rejected', 'vibes'
             FROM applications WHERE id = {cy}"
        ),
        reasons,
    );
    // Whether a slug exists is not a restricted login's question.
    for who in ["hank", "ivan"] {
        s.refused(who, "SELECT public.rolecall_roles_named(ARRAY['no-such-role'])", "permission denied");
    }
    // rolecall as those logins: a scorecard with scores, a rejection, a reopening.
    let (code, _, err) =
        s.rolecall("ivan", &["outcome", cy, "--recommend", "no", "--interviewer", &s.name("ivan")]);
    assert_eq!(code, Some(0), "{err}");
    s.json("hank", &["reject", dee, "--reason", "values-mismatch"]);
    s.json("rita", &["reopen", dee]);
    s.json("rita", &["reject", dee, "--reason", "location"]);
    assert_eq!(
        s.one(&format!("SELECT status || ' ' || reject_reason FROM applications WHERE id = {dee}")),
        "rejected location"
    );
    let (code, out, err) = s.rolecall("postgres", &["doctor"]);
    assert_eq!(code, Some(0), "{out}{err}");
}
