use std::time::Instant;
#[test]
fn probe_shapes() {
    for (name, head, unit) in [
        ("item words", "## Hiring Process\n\n1. ", "word "),
        ("item and", "## Hiring Process\n\n1. ", "VP and "),
        ("item comma", "## Hiring Process\n\n1. ", "CFO, "),
        ("para", "## Levels\n\n", "word "),
        ("quote", "## Levels\n\n", "> "),
        ("items", "## Hiring Process\n\n", "1. Next, an interview with the VP IT\n"),
        ("heading", "## ", "Senior Manager, "),
    ] {
        for kb in [64usize, 128, 256, 512] {
            let mut page = format!("---\ntitle: Huge\n---\n{head}");
            while page.len() + unit.len() < kb * 1024 {
                page.push_str(unit);
            }
            let t = Instant::now();
            let _ = rolecall::import::parse(&page);
            eprintln!("{name} {kb} KB: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
        }
    }
}
