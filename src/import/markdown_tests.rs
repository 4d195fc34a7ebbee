//! Tests of the markdown block splitter.

use super::*;

fn parse(s: &str) -> Vec<Block> {
    blocks(s, &LineIndex::new(s))
}

#[test]
fn list_items_keep_lazy_lines_apart() {
    let b = parse("## Hiring\n\n- One [link](x)\nTwo lazy\n  three\n  - nested\n- Four\n");
    let Kind::List { items, .. } = &b[1].kind else { panic!("{b:?}") };
    assert_eq!(items.len(), 2);
    let segs = &items[0].segments;
    assert_eq!(segs[0].text, "One link");
    assert_eq!((segs[1].text.as_str(), segs[1].lazy, segs[1].line), ("Two lazy", true, 4));
    assert!(!segs[2].lazy);
    assert_eq!(items[0].extra, vec!["nested".to_string()]);
    assert_eq!(items[1].line, 7);
}

#[test]
fn quotes_hide_headings_and_html_counts_details() {
    let b = parse("> ## Not a section\n\n<details>\n<summary>x</summary>\n\n</details>\n");
    assert_eq!(b[0].kind, Kind::Quote);
    assert_eq!(b[1].kind, Kind::Html { details: 1 });
    assert_eq!(b[2].kind, Kind::Html { details: -1 });
}
