//! Which file imports which: every crate path a module names is followed (through child
//! modules and re-exports) to the file that defines it; cycles are the strongly connected
//! groups of that graph.
//!
//! A re-export (`pub use x::Thing;`) is not an import of the module that writes it: it is
//! followed instead, so `a.rs` naming `super::Thing` (defined in a sibling `b.rs` and
//! re-exported by `mod.rs`) counts as `a.rs -> b.rs`. Declaring `mod x;` is no edge either.

use crate::modules::{Crate, ModPath};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// How deep re-exports are followed before giving up (a `use` that binds itself, say).
const MAX_DEPTH: u32 = 24;

/// `from file -> (to file -> one path that makes the edge)`.
pub type Graph = BTreeMap<String, BTreeMap<String, String>>;

/// The file-to-file import graph of a crate.
pub fn import_graph(krate: &Crate) -> Graph {
    let mut graph = Graph::new();
    for (path, module) in &krate.modules {
        let edges = graph.entry(module.file.clone()).or_default();
        for r in &module.refs {
            let Some(target) = target_file(krate, path, r, 0) else { continue };
            if target != module.file {
                edges.entry(target).or_insert_with(|| r.join("::"));
            }
        }
    }
    graph
}

/// The file that defines what `segs` (written in module `from`) names; None outside the crate.
pub fn target_file(krate: &Crate, from: &ModPath, segs: &[String], depth: u32) -> Option<String> {
    let (start, rest) = start_of(krate, from, segs, depth)?;
    walk(krate, start, &rest, depth)
}

/// Where a path written in `from` starts inside the crate, and the segments left after it.
fn start_of(krate: &Crate, from: &ModPath, segs: &[String], depth: u32) -> Option<(ModPath, Vec<String>)> {
    let first = segs.first()?;
    if depth > MAX_DEPTH {
        return None;
    }
    let module = krate.modules.get(from)?;
    match first.as_str() {
        "crate" => Some((vec!["crate".to_string()], segs[1..].to_vec())),
        "self" => Some((from.clone(), segs[1..].to_vec())),
        "super" => {
            let mut at = from.clone();
            let supers = segs.iter().take_while(|s| *s == "super").count();
            for _ in 0..supers {
                at.pop();
            }
            (!at.is_empty()).then(|| (at, segs[supers..].to_vec()))
        }
        name if module.children.contains(name) => {
            let mut at = from.clone();
            at.push(name.to_string());
            Some((at, segs[1..].to_vec()))
        }
        name => {
            let mut full = module.bindings.get(name)?.clone();
            full.extend_from_slice(&segs[1..]);
            start_of(krate, from, &full, depth + 1)
        }
    }
}

/// Follow `rest` from module `at` to the file that defines it.
fn walk(krate: &Crate, at: ModPath, rest: &[String], depth: u32) -> Option<String> {
    let module = krate.modules.get(&at)?;
    let Some(first) = rest.first() else { return Some(module.file.clone()) };
    if depth > MAX_DEPTH || module.items.contains(first) {
        return Some(module.file.clone());
    }
    if module.children.contains(first) {
        let mut child = at.clone();
        child.push(first.clone());
        return walk(krate, child, &rest[1..], depth + 1);
    }
    if let Some(bound) = module.bindings.get(first) {
        let mut full = bound.clone();
        full.extend_from_slice(&rest[1..]);
        return Some(match start_of(krate, &at, &full, depth + 1) {
            Some((start, left)) => {
                walk(krate, start, &left, depth + 1).unwrap_or_else(|| module.file.clone())
            }
            None => module.file.clone(),
        });
    }
    for glob in &module.globs {
        let Some(target) = glob_module(krate, &at, glob, depth) else { continue };
        let inner = &krate.modules[&target];
        let defines = inner.items.contains(first)
            || inner.children.contains(first)
            || inner.bindings.contains_key(first);
        if defines {
            return walk(krate, target, rest, depth + 1);
        }
    }
    Some(module.file.clone())
}

/// The module a `use path::*` in `at` brings in, if it is a module of this crate.
fn glob_module(krate: &Crate, at: &ModPath, glob: &[String], depth: u32) -> Option<ModPath> {
    let (mut module, rest) = start_of(krate, at, glob, depth + 1)?;
    for seg in rest {
        if !krate.modules.get(&module)?.children.contains(&seg) {
            return None;
        }
        module.push(seg);
    }
    Some(module)
}

/// The groups of files that reach each other (strongly connected, two or more files).
pub fn cycles(graph: &Graph) -> Vec<BTreeSet<String>> {
    let nodes: Vec<&String> = graph.keys().collect();
    let reach = |from: &String| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut queue = VecDeque::from([from.clone()]);
        while let Some(node) = queue.pop_front() {
            for next in graph.get(&node).into_iter().flat_map(|e| e.keys()) {
                if seen.insert(next.clone()) {
                    queue.push_back(next.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> = nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut groups: Vec<BTreeSet<String>> = Vec::new();
    for node in &nodes {
        if groups.iter().any(|g| g.contains(*node)) || !reaches[node].contains(*node) {
            continue;
        }
        let group: BTreeSet<String> = reaches[node]
            .iter()
            .filter(|other| reaches.get(other).is_some_and(|r| r.contains(*node)))
            .cloned()
            .collect();
        groups.push(group);
    }
    groups
}

/// One shortest cycle through `start`, written `a -> b (via path) -> a`.
pub fn describe_cycle(graph: &Graph, start: &str) -> String {
    let mut parent: BTreeMap<String, String> = BTreeMap::new();
    let mut queue = VecDeque::from([start.to_string()]);
    while let Some(node) = queue.pop_front() {
        for next in graph.get(&node).into_iter().flat_map(|e| e.keys()) {
            if next == start {
                let mut chain = vec![node.clone()];
                while let Some(p) = parent.get(chain.last().unwrap()) {
                    chain.push(p.clone());
                }
                chain.reverse();
                chain.push(start.to_string());
                return chain
                    .windows(2)
                    .map(|w| format!("{} -[{}]->", w[0], graph[&w[0]][&w[1]]))
                    .chain(std::iter::once(start.to_string()))
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            if next != start && !parent.contains_key(next) {
                parent.insert(next.clone(), node.clone());
                queue.push_back(next.clone());
            }
        }
    }
    format!("{start} (no cycle)")
}

/// Pairs of files that import each other directly, `(a, b)` with `a < b`.
pub fn mutual_pairs(graph: &Graph) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (a, edges) in graph {
        for b in edges.keys() {
            if a < b && graph.get(b).is_some_and(|e| e.contains_key(a)) {
                pairs.push((a.clone(), b.clone()));
            }
        }
    }
    pairs
}
