//! Issue 16's acceptance scenario, through the real binary, on SQLite and PostgreSQL:
//! rita (recruiter) runs the role with hank (hiring manager) and schedules panels with
//! ivy and ian; the agenda and its .ics (one event per interview, the right UTC instant
//! for a Europe/Berlin time in summer and in winter); the queue after the interview;
//! independent feedback (ian sees none of ivy's ratings until he submits his, hank sees
//! all at any time); a reschedule raises SEQUENCE; a cancel gives STATUS:CANCELLED.

#[macro_use]
mod common;
mod team;

use common::backends::Target;
use icalendar::{Calendar, Component, EventStatus};
use team::people::People;

const ROLE: &str = "it-program-management-office";
const JUNE: &str = "2026-06-01T09:00:00Z";
/// After the summer panel (14:00–14:45 in Berlin, 12:00–12:45 UTC).
const AFTER_SUMMER: &str = "2026-07-02T13:00:00Z";

fn text(out: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// The events of an .ics file, parsed, as (UID, DTSTART, SEQUENCE, STATUS).
fn calendar_events(path: &std::path::Path) -> Vec<(String, String, u32, Option<EventStatus>)> {
    let text = std::fs::read_to_string(path).expect("the .ics file");
    let cal: Calendar = text.parse().expect("an iCalendar file");
    cal.events()
        .map(|e| {
            let start = e.property_value("DTSTART").expect("DTSTART").to_string();
            (e.get_uid().expect("UID").to_string(), start, e.get_sequence().unwrap_or(0), e.get_status())
        })
        .collect()
}

/// The distribution's iCalendar parser, when installed: (uid, start UTC, sequence, status).
fn python_events(path: &std::path::Path) -> Option<Vec<String>> {
    let script = "import sys, icalendar\n\
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
        for e in cal.walk('VEVENT'):\n\
        \x20   print(e['UID'], e.decoded('DTSTART').isoformat(), e.get('SEQUENCE'), e.get('STATUS'))\n";
    let out = std::process::Command::new("/usr/bin/python3").arg("-c").arg(script).arg(path).output().ok()?;
    if !out.status.success() {
        eprintln!("python3-icalendar not usable: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect())
}

fn scenario(t: &Target) {
    let setup = t.json(&["roles"]);
    assert!(setup.to_string().contains(ROLE), "the bundled role is there");
    let p = People::new(t);
    let (rita, hank, ivy, ian) = (p.name("rita"), p.name("hank"), p.name("ivy"), p.name("ian"));
    p.json(t, "rita", JUNE, &["candidate", "add", "Ana Ruiz", "--email", "ana@example.com"]);
    let applied = p.json(
        t,
        "rita",
        JUNE,
        &["apply", "ana@example.com", "--role", ROLE, "--level", "Senior IT Program Manager"],
    );
    let app = applied["application"]["id"].as_i64().expect("app id").to_string();
    let owners = p.json(t, "rita", JUNE, &["owner", ROLE, "--hiring-manager", hank, "--recruiter", rita]);
    assert_eq!(owners["hiring_manager"], hank);
    // The summer panel at the current stage, the winter one at the next.
    let summer = p.json(
        t,
        "rita",
        JUNE,
        &[
            "schedule",
            &app,
            "--at",
            "2026-07-02 14:00",
            "--tz",
            "Europe/Berlin",
            "--duration",
            "45m",
            "--interviewer",
            ivy,
            "--interviewer",
            ian,
            "--where",
            "Room 4",
        ],
    );
    assert_eq!(summer["starts_at"], "2026-07-02T12:00:00Z", "Berlin summer time is UTC+2");
    let winter = p.json(
        t,
        "rita",
        JUNE,
        &[
            "schedule",
            &app,
            "--at",
            "2026-12-03 14:00",
            "--tz",
            "Europe/Berlin",
            "--duration",
            "1h",
            "--interviewer",
            ivy,
            ian,
            "--stage",
            "VP IT panel",
        ],
    );
    assert_eq!(winter["starts_at"], "2026-12-03T13:00:00Z", "Berlin winter time is UTC+1");
    let (summer_id, winter_id) = (summer["id"].to_string(), winter["id"].to_string());
    agenda_and_calendar(t, &p, &summer, &winter);
    feedback_is_independent(t, &p, &app, &summer_id);
    calendar_follows_changes(t, &p, &winter, &winter_id);
    assert_eq!(p.json(t, "hank", JUNE, &["agenda", "--mine", "--days", "365"]).as_array().unwrap().len(), 0);
    survives_backup_and_restore(t, &app);
    let _ = rita;
}

/// Owners, schedules and the scorecards' links come back from a backup.
fn survives_backup_and_restore(t: &Target, app: &str) {
    let file = t.dir().join("team-backup.db");
    let backup = t.run(&["backup", file.to_str().unwrap()]);
    assert!(backup.status.success(), "{}", text(&backup));
    let restore = t.run(&["restore", file.to_str().unwrap(), "--force"]);
    assert!(restore.status.success(), "{}", text(&restore));
    let store = t.store();
    let app = rolecall::domain::ApplicationId(app.parse().unwrap());
    let family = store.family_by_slug(ROLE).unwrap().id;
    assert!(store.role_owners(family).unwrap().hiring_manager.is_some(), "the role's owners");
    let schedules = store.schedules_of(app).unwrap();
    assert_eq!(schedules.len(), 2, "both interviews");
    assert!(schedules[1].is_cancelled() && schedules[0].interviewers.len() == 2);
    let linked = store.with_actor("auditor").interviews(app).unwrap();
    assert!(linked.iter().all(|i| i.schedule_id == Some(schedules[0].id)), "scorecards keep their interview");
}

fn agenda_and_calendar(t: &Target, p: &People, summer: &serde_json::Value, winter: &serde_json::Value) {
    for who in ["ivy", "ian"] {
        let agenda = p.json(t, who, JUNE, &["agenda", "--mine", "--days", "365"]);
        let ids: Vec<_> = agenda.as_array().unwrap().iter().map(|s| s["id"].clone()).collect();
        assert_eq!(ids, [summer["id"].clone(), winter["id"].clone()], "{who}'s agenda");
        let ics = t.dir().join(format!("{who}.ics"));
        p.json(t, who, JUNE, &["agenda", "--mine", "--days", "365", "--ics", ics.to_str().unwrap()]);
        let events = calendar_events(&ics);
        assert_eq!(events.len(), 2, "one event per interview");
        assert_eq!(events[0].0, summer["uid"].as_str().unwrap());
        assert_eq!(events[0].1, "20260702T120000Z");
        assert_eq!(events[1].1, "20261203T130000Z");
        if let Some(lines) = python_events(&ics) {
            assert_eq!(lines.len(), 2, "{lines:?}");
            assert!(
                lines[0].contains("2026-07-02T12:00:00+00:00") && lines[0].ends_with("0 CONFIRMED"),
                "{lines:?}"
            );
            assert!(lines[1].contains("2026-12-03T13:00:00+00:00"), "{lines:?}");
        }
    }
}

fn feedback_is_independent(t: &Target, p: &People, app: &str, summer_id: &str) {
    for who in ["ivy", "ian"] {
        let queue = p.json(t, who, AFTER_SUMMER, &["queue"]);
        let owed: Vec<_> =
            queue["scorecards_owed"].as_array().unwrap().iter().map(|s| s["id"].to_string()).collect();
        assert_eq!(owed, [summer_id], "{who} owes the summer scorecard");
    }
    let recorded =
        p.json(t, "ivy", AFTER_SUMMER, &["outcome", app, "--recommend", "strong-yes", "--score", "1=yes"]);
    assert_eq!(recorded["schedule_id"].to_string(), summer_id, "the scorecard belongs to the interview");
    assert_eq!(recorded["held_on"], "2026-07-02");
    let ratings = |who: &str| -> (Vec<String>, i64) {
        let shown = p.json(t, who, AFTER_SUMMER, &["candidate", "show", "ana@example.com"]);
        let a = &shown["applications"][0];
        let by = a["interviews"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["interviewer"].as_str().unwrap().to_string());
        (by.collect(), a["hidden_scorecards"].as_i64().unwrap())
    };
    let (ivy, ian) = (p.name("ivy").to_string(), p.name("ian").to_string());
    assert_eq!(ratings("ian"), (vec![], 1), "ian sees none of ivy's ratings before his own");
    let text_show = text(&p.run(t, "ian", AFTER_SUMMER, &["candidate", "show", "ana@example.com"]));
    assert!(text_show.contains("1 scorecard hidden until you submit yours"), "{text_show}");
    assert!(!text_show.contains("Strong yes"), "{text_show}");
    let history = text(&p.run(t, "ian", AFTER_SUMMER, &["history", app, "--json"]));
    assert!(!history.contains("Strong yes"), "ian's history hides ivy's recommendation: {history}");
    assert!(p.json(t, "ian", AFTER_SUMMER, &["interview", "list", app]).as_array().unwrap().is_empty());
    exports_hide_what_ian_may_not_see(t, p);
    assert_eq!(ratings("hank"), (vec![ivy.clone()], 0), "the hiring manager sees all at any time");
    assert_eq!(ratings("rita"), (vec![ivy.clone()], 0), "the owner sees all");
    assert_eq!(ratings("ivy"), (vec![ivy.clone()], 0));
    p.json(t, "ian", AFTER_SUMMER, &["outcome", app, "--recommend", "no"]);
    assert_eq!(ratings("ian"), (vec![ivy.clone(), ian.clone()], 0), "after his own, ian sees both");
    assert_eq!(ratings("hank"), (vec![ivy, ian], 0));
    let queue = p.json(t, "ivy", AFTER_SUMMER, &["queue"]);
    assert!(queue["scorecards_owed"].as_array().unwrap().is_empty(), "{queue}");
    let again =
        p.run(t, "ivy", AFTER_SUMMER, &["outcome", app, "--recommend", "yes", "--schedule", summer_id]);
    assert_eq!(again.status.code(), Some(4), "one scorecard per interviewer: {}", text(&again));
}

/// Exports run as ian leave ivy's recommendation out (CSV of the current state, JSON and
/// HTML snapshots, the board); run as hank they have it.
fn exports_hide_what_ian_may_not_see(t: &Target, p: &People) {
    let export = |who: &str, format: &str, marker: &str| {
        let out = p.run(t, who, AFTER_SUMMER, &["export", "-f", format, "-o", "-"]);
        assert!(out.status.success(), "{}", text(&out));
        String::from_utf8_lossy(&out.stdout).contains(marker)
    };
    for (format, marker) in [("csv", "Strong yes"), ("json", "strong-yes"), ("html", "Strong yes")] {
        assert!(!export("ian", format, marker), "ian's {format} export shows ivy's recommendation");
        assert!(export("hank", format, marker), "hank's {format} export shows it");
    }
    let html = |who: &str| {
        let out = p.run(t, who, AFTER_SUMMER, &["export", "-f", "html", "-o", "-"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let (hank, ian) = (html("hank"), html("ian"));
    assert!(hank.contains("<table class=\"grid\"><caption>Screening</caption>"), "hank's page has the grid");
    assert!(hank.contains(&format!("<th>{}</th>", p.name("ivy"))), "a column per interviewer");
    assert!(!ian.contains("<table class=\"grid\">"), "ian's page has no grid of ivy's ratings");
    assert!(ian.contains("1 scorecard hidden until you submit yours"), "ian's page says why");
    let board = |who: &str| {
        let store = t.store().with_actor(p.name(who));
        let family = store.family_by_slug(ROLE).unwrap().id;
        store.board(family, false).unwrap()[0].last_recommendation
    };
    assert_eq!(board("hank"), Some(rolecall::domain::Rating::StrongYes), "hank's card shows it");
    assert_eq!(board("ian"), None, "ian's card does not");
}

fn calendar_follows_changes(t: &Target, p: &People, winter: &serde_json::Value, winter_id: &str) {
    let moved = p.json(t, "rita", AFTER_SUMMER, &["reschedule", winter_id, "--at", "2026-12-04 10:00"]);
    assert_eq!(moved["sequence"], 1);
    assert_eq!(moved["starts_at"], "2026-12-04T09:00:00Z", "still in Berlin winter time");
    let ics = t.dir().join("after.ics");
    let write = |path: &std::path::Path| {
        p.json(
            t,
            "ivy",
            AFTER_SUMMER,
            &["agenda", "--mine", "--days", "365", "--ics", path.to_str().unwrap()],
        )
    };
    write(&ics);
    let events = calendar_events(&ics);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].0, winter["uid"].as_str().unwrap(), "the UID is stable");
    assert_eq!((events[0].1.as_str(), events[0].2), ("20261204T090000Z", 1));
    p.json(t, "rita", AFTER_SUMMER, &["cancel", winter_id]);
    write(&ics);
    let events = calendar_events(&ics);
    assert_eq!(events[0].3, Some(EventStatus::Cancelled));
    assert!(events[0].2 > 1, "a cancel raises SEQUENCE too");
    if let Some(lines) = python_events(&ics) {
        assert!(lines[0].ends_with("CANCELLED"), "{lines:?}");
    }
    let listed = p.json(t, "ivy", AFTER_SUMMER, &["agenda", "--mine", "--days", "365"]);
    assert!(listed.as_array().unwrap().is_empty(), "a cancelled interview leaves the agenda");
    let refused = p.run(t, "rita", AFTER_SUMMER, &["reschedule", winter_id, "--at", "2026-12-05 10:00"]);
    assert_eq!(refused.status.code(), Some(4), "{}", text(&refused));
    let unknown = p.run(t, "rita", AFTER_SUMMER, &["cancel", "999"]);
    assert_eq!(unknown.status.code(), Some(3), "{}", text(&unknown));
    let bad_zone = p.run(
        t,
        "rita",
        AFTER_SUMMER,
        &["reschedule", winter_id, "--at", "2026-12-05 10:00", "--tz", "Mars/Base"],
    );
    assert_eq!(bad_zone.status.code(), Some(2), "{}", text(&bad_zone));
}

both_backends!(scenario);
