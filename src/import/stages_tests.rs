//! Tests of the hiring-process reader.

use super::*;

#[test]
fn notes_and_offers() {
    assert!(is_note("Candidates for this position can expect the hiring process to follow the order below."));
    assert!(is_note("Additional details about our process can be found on our hiring page"));
    assert!(!is_note("Screening call with a recruiter"));
    assert!(is_offer("Successful candidates will subsequently be made an offer via email"));
}

#[test]
fn new_sentences() {
    assert!(starts_new_step(
        "first interview with the Regional Delivery Manager",
        "Candidates may be invited"
    ));
    assert!(!starts_new_step("an interview with", "Senior Director"));
    assert!(!starts_new_step("Committee.", "and more"));
}

#[test]
fn unique_labels() {
    let mut s = vec![StageDraft::offer(), StageDraft::offer(), StageDraft::offer()];
    make_unique(&mut s);
    let labels: Vec<_> = s.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["Offer", "Offer 2", "Offer 3"]);
}
