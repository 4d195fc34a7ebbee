//! Importing many pages reads back only the family each page made (and the others with
//! its title), not every stored family per page: the report names the right role and
//! warns about same-titled ones, whatever else is stored.

use rolecall::import::load::{ImportOptions, import_text};
use rolecall::store::Store;

const PAGE: &str = "---\ntitle: Widget Engineer\n---\n# Widget Engineer\n\n## Levels\n\n### Junior Widget Engineer\n\n- Builds widgets.\n\n## Hiring process\n\n1. Screening call with a recruiter\n2. Technical interview\n";

#[test]
fn each_report_names_its_own_family_and_the_same_titled_ones() {
    let mut store = Store::open_in_memory().expect("store");
    let opts = ImportOptions { default_process: true };
    let mut slugs = Vec::new();
    for n in 0..5 {
        let report = import_text(&mut store, &format!("copy-{n}.md"), &format!("copy-{n}.md"), PAGE, opts)
            .expect("import");
        assert_eq!(report.title, "Widget Engineer");
        let same: Vec<&String> =
            report.warnings.iter().filter(|w| w.contains("has the same title")).collect();
        assert_eq!(same.len(), n, "one warning per earlier copy: {:?}", report.warnings);
        for earlier in &slugs {
            assert!(same.iter().any(|w| w.contains(&format!("role '{earlier}'"))), "{earlier}: {same:?}");
        }
        assert!(!slugs.contains(&report.slug), "a new slug each time: {}", report.slug);
        let id = store.family_by_slug(&report.slug).expect("stored").id;
        assert_eq!(store.family(id).expect("read").map(|f| f.slug), Some(report.slug.clone()));
        slugs.push(report.slug);
    }
    let first = store.family_by_slug(&slugs[0]).expect("stored").id;
    assert_eq!(store.slugs_titled("Widget Engineer", first).expect("titled"), slugs[1..].to_vec());
    assert!(store.family(rolecall::domain::FamilyId(999)).expect("read").is_none());
}
