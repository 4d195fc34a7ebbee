//! `rolecall search` (issue 17) on both backends: people across all roles by name,
//! email, phone, source and notes, accents ignored, one typo forgiven, best first.

#[macro_use]
mod common;

use common::backends::Target;
use rolecall::domain::{AppStatus, CandidateId, LevelId};
use rolecall::store::{NewCandidate, Store};

const ROLES: &[&str] = &[
    "INSERT INTO families (slug, title, source, content_hash, position, imported_at) VALUES
     ('eng', 'Engineer', 'eng.md', 'h', 1, '2026-01-01T00:00:00.000000Z'),
     ('ops', 'Operations', 'ops.md', 'h2', 2, '2026-01-01T00:00:00.000000Z')",
    "INSERT INTO levels (family_id, position, title, grade) VALUES (1, 1, 'Junior', 5), (2, 1, 'Lead', 7)",
    "INSERT INTO stages (family_id, position, kind, label, full_text) VALUES
     (1, 1, 'interview', 'Screen', 'Screen'), (1, 2, 'offer', 'Offer', 'Offer'),
     (2, 1, 'interview', 'Call', 'Call'), (2, 2, 'offer', 'Offer', 'Offer')",
];

fn person(store: &mut Store, name: &str, email: &str, source: &str, notes: &str, level: i64) -> i64 {
    let p = NewCandidate {
        name: name.into(),
        email: Some(email.into()),
        phone: Some("+1 202 555 0147".into()),
        source: Some(source.into()),
        notes: notes.into(),
    };
    store.add_candidate_and_apply(&p, LevelId(level)).unwrap().application.candidate_id.0
}

fn ids(found: &serde_json::Value) -> Vec<i64> {
    found.as_array().unwrap().iter().map(|p| p["candidate_id"].as_i64().unwrap()).collect()
}

both_backends! {
    fn search_finds_people_in_every_role_forgiving_accents_and_a_typo(target: &Target) {
        let mut store = target.store();
        for sql in ROLES {
            store.debug_execute(sql).unwrap();
        }
        let ana = person(&mut store, "Ana Jovanović", "ana.j@example.com", "Referral", "", 1);
        let bo = person(&mut store, "Bo Chen", "bo@example.com", "LinkedIn", "knows Jovanovic from a meetup", 2);
        let cy = person(&mut store, "Cy Ruiz", "cy.ruiz@example.com", "Careers page", "", 2);
        // Cy in the other role too, then withdrawn from it: the open application first.
        let cy_eng = store.apply(CandidateId(cy), LevelId(1)).unwrap().application.id;
        // Someone with no email, phone or source, and someone erased (never found).
        let bare = NewCandidate { name: "Dee Vance".into(), ..NewCandidate::default() };
        let dee = store.add_candidate(&bare).unwrap().0;
        let gone = person(&mut store, "Ed Ruizo", "ed@example.com", "Referral", "", 1);
        store.erase_candidate(CandidateId(gone)).unwrap();
        let found = store.people_index().unwrap().search("ruiz", 10);
        let cy_apps: Vec<_> = found[0].0.applications.iter().map(|a| (a.role.as_str(), a.status)).collect();
        assert_eq!(cy_apps, [("eng", AppStatus::Active), ("ops", AppStatus::Active)], "both open: newest first");
        store.withdraw(cy_eng, None, None).unwrap();
        drop(store);
        // Accent-less, one letter dropped, a fragment of the surname: Ana first (name),
        // Bo after her (notes), Cy not at all.
        let found = target.json(&["search", "jovnov"]);
        assert_eq!(ids(&found), [ana, bo], "{found}");
        assert_eq!(found[0]["applications"][0]["role"], "eng");
        assert_eq!(ids(&target.json(&["search", "jovanovich"])), [ana, bo]);
        // Email, source, phone, two words that must both match; the other role too.
        assert_eq!(ids(&target.json(&["search", "cy.ruiz"])), [cy]);
        assert_eq!(ids(&target.json(&["search", "linkedin"])), [bo]);
        assert_eq!(ids(&target.json(&["search", "555", "ruiz"])), [cy]);
        assert_eq!(target.json(&["search", "ruiz"])[0]["applications"][0]["role"], "ops");
        assert!(ids(&target.json(&["search", "zzzzzz"])).is_empty());
        let ruiz = target.json(&["search", "ruiz"]);
        assert_eq!(ids(&ruiz), [cy], "the erased Ed Ruizo is not found: {ruiz}");
        let roles: Vec<&str> = (ruiz[0]["applications"].as_array().unwrap().iter())
            .map(|a| a["role"].as_str().unwrap())
            .collect();
        assert_eq!(roles, ["ops", "eng"], "the open application first, then the withdrawn one");
        assert_eq!(ruiz[0]["applications"][1]["status"], "withdrawn");
        let dee_found = target.json(&["search", "vance"]);
        assert_eq!(ids(&dee_found), [dee]);
        assert!(dee_found[0]["email"].is_null() && dee_found[0]["phone"].is_null(), "{dee_found}");
        assert_eq!(dee_found[0]["applications"].as_array().unwrap().len(), 0);
        let out = target.run(&["search", "ruiz"]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Cy Ruiz") && text.contains("Operations · Call"), "{text}");
    }
}
