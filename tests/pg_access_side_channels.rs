//! The security review of issue 19, finding 1: a hiring manager or an interviewer with
//! psql must learn nothing about rows hidden from them through the query plan. Each
//! oracle the reviewer ran is run here as that login (migrations/postgres/0021):
//!
//! - EXPLAIN ANALYZE of a query with a cheap condition guessing a hidden value: the plan
//!   may not differ between a true and a false guess (it did: the policy's sub-plan ran or
//!   was "never executed"), and the reviewer's extraction function reads nothing;
//! - an index condition counting hidden rows ("Rows Removed by Filter"): the plan may not
//!   change when the number of hidden rows does;
//! - the tables themselves: no privilege at all, only the views of rolecall_seen.
#![cfg(feature = "postgres")]

mod common;

use common::logins::Server;
use common::pg;

const ITPMO: &str = "it-program-management-office";
const DIRECTOR: &str = "director-it-operations";
const BEFORE: &str = "2026-07-01T10:00:00Z";
const AFTER: &str = "2026-07-03T10:00:00Z";
/// What the hidden rows hold.
const EMAIL: &str = "ada.secret@example.com";
const NOTES: &str = "olga-private-feedback";

/// Hank manages the director role; Ada applied to the other one. Ivan and olga are on
/// Ada's panel: olga has recorded her scorecard, ivan has not, so hers is hidden from him.
struct Team {
    ada: String,
    olga_scorecard: String,
    itpmo: String,
}

fn set_up(s: &Server) -> Team {
    s.json("postgres", &["roles"]);
    for who in ["rita", "hank", "ivan", "olga"] {
        s.create_login(who);
    }
    for (who, access) in [("rita", "recruiter"), ("ivan", "interviewer"), ("olga", "interviewer")] {
        s.json("postgres", &["access", "grant", &s.name(who), access]);
    }
    s.json("postgres", &["access", "grant", &s.name("hank"), "hiring-manager", "--roles", DIRECTOR]);
    let added = s.json("rita", &["candidate", "add", "Ada Lovelace", "--email", EMAIL]);
    let ada = added["id"].as_i64().expect("an id").to_string();
    let applied = s.json("rita", &["apply", EMAIL, "--role", ITPMO, "--level", "Senior IT Program Manager"]);
    let ada_app = applied["application"]["id"].as_i64().expect("an application").to_string();
    s.json("rita", &["candidate", "add", "Cy Young", "--email", "cy@example.com"]);
    s.json("rita", &["apply", "cy@example.com", "--role", DIRECTOR, "--level", "Sr. Director"]);
    let (ivan, olga) = (s.name("ivan"), s.name("olga"));
    s.now.set(BEFORE);
    s.json(
        "rita",
        &[
            "schedule",
            &ada_app,
            "--at",
            "2026-07-02 14:00",
            "--tz",
            "UTC",
            "--interviewer",
            &ivan,
            "--interviewer",
            &olga,
        ],
    );
    s.now.set(AFTER);
    let scored = s.json("olga", &["outcome", &ada_app, "--recommend", "strong-yes", "--notes", NOTES]);
    let olga_scorecard = scored["id"].as_i64().unwrap_or_else(|| panic!("{scored}")).to_string();
    let itpmo = s.psql("postgres", &format!("SELECT id FROM families WHERE slug = '{ITPMO}'")).unwrap();
    Team { ada, olga_scorecard, itpmo }
}

impl Server {
    /// The plan of `sql` as `who`, run (EXPLAIN ANALYZE), with `guess` blanked out.
    fn plan(&self, who: &str, settings: &str, sql: &str, guess: &str) -> String {
        let explain = format!("{settings} EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) {sql}");
        let plan = self.psql(who, &explain).unwrap_or_else(|e| panic!("{who}: {explain}: {e}"));
        plan.replace(guess, "GUESS")
    }

    /// The same query with a true and with a false guess has the same plan.
    fn no_oracle(&self, who: &str, query: impl Fn(&str) -> String, truth: &str) {
        let right = self.plan(who, "", &query(truth), truth);
        let wrong = self.plan(who, "", &query("zzz"), "zzz");
        assert_eq!(right, wrong, "{who} tells a true guess from a false one by the plan");
    }
}

#[test]
fn a_true_guess_and_a_false_one_have_the_same_plan() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, AFTER);
    let t = set_up(&s);
    // Hank: the email of a person of a role he may not see.
    let email = |guess: &str| {
        format!("SELECT 1 FROM candidates WHERE id = {} AND starts_with(email, '{guess}')", t.ada)
    };
    s.no_oracle("hank", email, "ada.");
    // Ivan: olga's notes, hidden until he records his own scorecard.
    let notes = |guess: &str| {
        format!("SELECT 1 FROM interviews WHERE id = {} AND starts_with(notes, '{guess}')", t.olga_scorecard)
    };
    s.no_oracle("ivan", notes, "olga-");
    // The reviewer's extraction, a character at a time, finds nothing.
    let leak = |table: &str, id: &str, column: &str| {
        format!("{LEAK_FUNCTION}; SELECT pg_temp.leak('{table}', 'id', {id}, '{column}')")
    };
    assert_eq!(s.psql("hank", &leak("candidates", &t.ada, "email")), Ok(String::new()));
    assert_eq!(s.psql("hank", &leak("candidates", &t.ada, "name")), Ok(String::new()));
    assert_eq!(s.psql("ivan", &leak("interviews", &t.olga_scorecard, "notes")), Ok(String::new()));
    assert_eq!(s.psql("ivan", &leak("interviews", &t.olga_scorecard, "interviewer")), Ok(String::new()));
}

#[test]
fn an_index_condition_does_not_count_hidden_rows() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, AFTER);
    let t = set_up(&s);
    let forced = "SET enable_seqscan = off; SET enable_bitmapscan = off;";
    let count = format!("SELECT 1 FROM applications WHERE family_id = {} AND status = 'active'", t.itpmo);
    let one = s.plan("hank", forced, &count, "\u{0}");
    // One more application in the role he may not see.
    s.json("rita", &["candidate", "add", "Bo Diddley", "--email", "bo@example.com"]);
    s.json("rita", &["apply", "bo@example.com", "--role", ITPMO, "--level", "Senior IT Program Manager"]);
    let two = s.plan("hank", forced, &count, "\u{0}");
    assert_eq!(one, two, "the plan counts the hidden applications");
    assert!(!two.contains("Rows Removed by Filter: 2"), "{two}");
}

#[test]
fn the_tables_themselves_are_refused() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, AFTER);
    let t = set_up(&s);
    let tables = [
        "families",
        "candidates",
        "applications",
        "events",
        "event_batches",
        "interviews",
        "interview_scores",
        "interview_schedules",
        "interview_schedule_people",
        "application_owners",
        "access_roles",
        "role_owner_sets",
        "role_owner_people",
    ];
    for who in ["hank", "ivan"] {
        for table in tables {
            for sql in [
                format!("SELECT count(*) FROM {table}"),
                format!("UPDATE {table} SET id = id WHERE id = 0"),
                format!("DELETE FROM {table} WHERE id = 0"),
            ] {
                // psql with the server's default search path: the tables, not the views.
                match s.psql_as(who, &[&sql]) {
                    Err(e) => assert!(e.contains("permission denied for table"), "{who}: {sql}: {e}"),
                    Ok(rows) => panic!("{who} may not run {sql}, yet got {rows:?}"),
                }
            }
        }
    }
    // Who runs a role: only of the roles they see (hank his, ivan that of Ada's).
    for role in [ITPMO, DIRECTOR] {
        s.json("rita", &["owner", role, "--hiring-manager", &format!("boss of {role}")]);
    }
    let owners = "SELECT string_agg(person, ',') FROM role_owner_people";
    assert_eq!(s.psql("hank", owners), Ok(format!("boss of {DIRECTOR}")));
    assert_eq!(s.psql("ivan", owners), Ok(format!("boss of {ITPMO}")));
    // Through the views they see what rolecall shows them.
    assert_eq!(s.psql("hank", "SELECT name FROM candidates"), Ok("Cy Young".into()));
    assert_eq!(s.psql("ivan", "SELECT name FROM candidates"), Ok("Ada Lovelace".into()));
    assert_eq!(
        s.psql("ivan", &format!("SELECT count(*) FROM candidates WHERE id = {}", t.ada)),
        Ok("1".into())
    );
    assert_eq!(s.psql("ivan", "SELECT count(*) FROM interviews"), Ok("0".into()));
    for who in ["hank", "ivan"] {
        for args in [&["board", "--print"][..], &["queue"], &["agenda"]] {
            let (code, _, err) = s.rolecall(who, args);
            assert_eq!(code, Some(0), "{who}: {args:?}: {err}");
        }
    }
    // The current state's CSV (a query of its own for them: store/current.rs).
    let csv = |who: &str| s.rolecall(who, &["export", "--format", "csv", "-o", "-"]).1;
    let (hank, ivan) = (csv("hank"), csv("ivan"));
    assert!(hank.contains("Cy Young") && !hank.contains("Ada Lovelace"), "{hank}");
    assert!(ivan.contains("Ada Lovelace") && !ivan.contains("Cy Young"), "{ivan}");
}

/// Review finding 8: an interviewer's timeline is their applications' stage changes and
/// their own notes, not other people's words (a recruiter's note may hold a phone number;
/// 0023). Their own note stays whole; the recruiter still reads hers.
#[test]
fn an_interviewer_reads_no_one_elses_notes() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, AFTER);
    set_up(&s);
    let app = s.psql(
        "postgres",
        "SELECT id FROM applications WHERE candidate_id = (SELECT min(id) FROM candidates)",
    );
    let app = app.unwrap();
    s.json("rita", &["note", &app, "call her at +1 999 SECRET"]);
    s.json("rita", &["move", &app, "--next"]);
    s.json("rita", &["hold", &app, "--note", "HELD-SECRET budget"]);
    s.json("ivan", &["note", &app, "ivan-own-words"]);
    let history = s.rolecall("ivan", &["history", &app, "--json"]).1;
    assert!(!history.contains("SECRET"), "{history}");
    assert!(history.contains("ivan-own-words"), "{history}");
    assert!(history.contains("\"moved\"") && history.contains("\"held\""), "{history}");
    let text = s.rolecall("ivan", &["history", &app]).1;
    assert!(!text.contains("SECRET") && text.contains("ivan-own-words"), "{text}");
    let notes = "SET search_path = rolecall_contactless, rolecall_seen, public;
                 SELECT string_agg(kind || ':' || COALESCE(note, ''), ',' ORDER BY id) FROM events";
    let seen = s.psql("ivan", notes).unwrap();
    assert!(!seen.contains("SECRET") && seen.contains("note:ivan-own-words"), "{seen}");
    assert!(seen.contains("moved:") && seen.contains("held:"), "{seen}");
    let rita = s.rolecall("rita", &["history", &app, "--json"]).1;
    assert!(rita.contains("+1 999 SECRET") && rita.contains("HELD-SECRET"), "{rita}");
}

/// A scorecard recorded in an interviewer's name by someone else (`outcome --interviewer`,
/// which rolecall allows) neither shows that interviewer its application nor counts as
/// their submission (0025): ivan still does not read olga's scorecard of his stage.
#[test]
fn a_scorecard_in_someone_elses_name_is_not_theirs() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, AFTER);
    let t = set_up(&s);
    let ivan = s.name("ivan");
    let apps = "SET search_path = rolecall_contactless, rolecall_seen, public;
                SELECT count(*) FROM applications";
    assert_eq!(s.psql("ivan", apps), Ok("1".into()), "ivan sees Ada's application only");
    let cy = s.psql("postgres", "SELECT id FROM applications WHERE family_id <> (SELECT family_id FROM applications WHERE candidate_id = (SELECT min(id) FROM candidates)) LIMIT 1").unwrap();
    s.json("hank", &["outcome", &cy, "--interviewer", &ivan, "--recommend", "no", "--notes", "by hank"]);
    assert_eq!(s.psql("ivan", apps), Ok("1".into()), "hank's scorecard 'by ivan' shows ivan nothing");
    let ada_app =
        s.psql("postgres", &format!("SELECT id FROM applications WHERE candidate_id = {}", t.ada)).unwrap();
    s.json(
        "rita",
        &["outcome", &ada_app, "--interviewer", &ivan, "--recommend", "yes", "--notes", "by rita"],
    );
    let cards = s.rolecall("ivan", &["interview", "list", &ada_app]).1;
    assert!(!cards.contains(NOTES), "rita's scorecard 'by ivan' is not ivan's submission: {cards}");
    let scorecards = "SET search_path = rolecall_contactless, rolecall_seen, public;
                      SELECT count(*) FROM interviews WHERE id = ";
    assert_eq!(s.psql("ivan", &format!("{scorecards}{}", t.olga_scorecard)), Ok("0".into()));
    s.json("ivan", &["outcome", &ada_app, "--recommend", "no", "--notes", "ivan-own"]);
    let cards = s.rolecall("ivan", &["interview", "list", &ada_app]).1;
    assert!(cards.contains(NOTES), "after his own, olga's shows: {cards}");
}

/// The reviewer's extraction (review19.md, finding 1): a character at a time, whether the
/// plan shows the policy's sub-plan ran.
const LEAK_FUNCTION: &str = r#"CREATE FUNCTION pg_temp.leak(tbl text, idcol text, id bigint, col text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
    known text := '';
    alphabet text := 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.@+-_ ,''()';
    c text; found boolean; line text; hit boolean;
BEGIN
    LOOP
      found := false;
      FOR i IN 1..length(alphabet) LOOP
        c := substr(alphabet, i, 1);
        hit := false;
        FOR line IN EXECUTE format('EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT 1 FROM %I WHERE %I = %s AND starts_with(%I::text, %L)', tbl, idcol, id, col, known || c) LOOP
          IF line LIKE '%(actual rows=1%' AND line NOT LIKE '%' || tbl || '%' THEN hit := true; END IF;
        END LOOP;
        IF hit THEN known := known || c; found := true; EXIT; END IF;
      END LOOP;
      EXIT WHEN NOT found OR length(known) > 80;
    END LOOP;
    RETURN known;
END $f$"#;

/// Each view of rolecall_seen has its table's name and columns, in order: a migration
/// that adds a column to one of those tables must recreate its view (0021).
#[test]
fn the_views_have_their_tables_columns() {
    let Some(db) = pg::database() else { return };
    let s = Server::new(db, AFTER);
    s.json("postgres", &["roles"]);
    let columns = |schema: &str| {
        format!(
            "SELECT table_name::text AS name,
                    string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) AS cols
               FROM information_schema.columns WHERE table_schema = {schema} GROUP BY 1"
        )
    };
    let differ = format!(
        "SELECT count(*) || ' views; differ: ' || COALESCE(string_agg(v.name, ' ') FILTER (WHERE v.cols IS DISTINCT FROM t.cols), '')
           FROM ({}) v LEFT JOIN ({}) t ON t.name = v.name",
        columns("'rolecall_seen'"),
        columns("current_schema()")
    );
    assert_eq!(s.psql("postgres", &differ), Ok("13 views; differ:".into()));
}
