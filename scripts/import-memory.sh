#!/usr/bin/env bash
# Peak memory (RSS) of `rolecall import` on generated pages just under the 4 MB page
# limit, one line per page shape. The target (issue 12, item 9) is at most 64 MB for a
# 4 MB page whatever it holds; this prints the figures, it does not assert them.
#
# Usage: scripts/import-memory.sh [ROLECALL_BINARY] [SHAPE_FILTER]
#   default binary: target/release/rolecall (built with `cargo build --release` first)
# Needs python3 and GNU time (/usr/bin/time).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-}
filter=${2:-}
if [ -z "$bin" ]; then
    (cd "$root" && cargo build --release --quiet --bin rolecall)
    bin=$root/target/release/rolecall
fi
for tool in python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/config
mkdir -p "$HOME" "$work/pages"

# Each shape: a name and a Python expression for the repeated unit (i is its number),
# after a head; the generator stops just under 4,000,000 bytes and ends every page with
# a hiring process, so pages that have levels import.
python3 - "$work/pages" "$root/../shared/corpus/pages/finance__tax.md" <<'PY'
import sys, os
out, real = sys.argv[1], sys.argv[2]
SIZE = 4_000_000
TAIL = "\n\n## Hiring Process\n\n- Screening call with a recruiter\n- Interview with the Hiring Manager\n"
def unit_level(i):
    return (f"### Senior Engineer {i}\n\nThe Senior Engineer {i} [grade {i % 10}].\n\n#### Responsibilities\n\n"
            f"- Do thing {i} with great care and skill\n- Another duty {i}\n\n#### Requirements\n\n"
            f"- Knows {i} stuff well\n- Ability to do {i}\n\n")
shapes = {
    "real-page-repeated": ("", lambda i: REAL),
    "level-sections": ("## Levels\n\n", unit_level),
    "heading-groups": ("", lambda i: "## Levels\n### Senior Engineer\n#### Responsibilities\n- x\n"),
    "three-line-sections": ("## Levels\n\n", lambda i: f"### Engineer {i}\n- req {i}\n\n"),
    "two-line-sections": ("## Requirements\n\n", lambda i: f"# H{i}\ntext\n"),
    "empty-headings": ("## Requirements\n\n- a\n\n", lambda i: "#\n"),
    "one-long-line": ("## Responsibilities\n\n", lambda i: "word "),
    "long-list": ("## Requirements\n\n", lambda i: f"- requirement number {i}\n"),
    "one-letter-items": ("## Requirements\n\n", lambda i: "- a\n"),
    "empty-items": ("## Requirements\n\n- a\n", lambda i: "-\n"),
    "numbered-items": ("## Requirements\n\n", lambda i: f"{i % 1000 + 1}. a\n"),
    "nested-items": ("## Requirements\n\n", lambda i: "- a\n  - b\n"),
    "short-paragraphs": ("## Requirements\n\n- a\n\n", lambda i: "a\n\n"),
    "rules": ("## Requirements\n\n- a\n\n", lambda i: "***\n"),
    "quote-lines": ("## Requirements\n\n- a\n\n", lambda i: "> a\n"),
    "table-cells": ("## Requirements\n\n- a\n\n| a | b | c | d | e | f | g | h |\n|---|---|---|---|---|---|---|---|\n",
                    lambda i: "| a | b | c | d | e | f | g | h |\n"),
    "emphasis-line": ("## Responsibilities\n\n", lambda i: "*a* "),
    "emphasis-lines": ("## Responsibilities\n\n", lambda i: "*a*\n"),
    "fenced-code-lines": ("## Requirements\n\n- a\n\n```\n", lambda i: "a\n"),
    "html-comment-lines": ("## Requirements\n\n- a\n\n<!--\n", lambda i: "a\n"),
    "link-definitions": ("## Requirements\n\n- a [x][l1]\n\n", lambda i: f"[l{i}]: u\n"),
    "hiring-steps": ("## Requirements\n\n- a\n\n## Hiring Process\n\n", lambda i: f"- Interview with the VP {i}\n"),
}
REAL = open(real, encoding="utf-8").read()
for name, (head, unit) in shapes.items():
    parts, size, i = [f"---\ntitle: Memory {name}\n---\n", head], 0, 0
    size = sum(len(p.encode()) for p in parts) + len(TAIL)
    while True:
        u = unit(i)
        if size + len(u.encode()) > SIZE:
            break
        parts.append(u)
        size += len(u.encode())
        i += 1
    with open(os.path.join(out, name + ".md"), "w", encoding="utf-8") as f:
        f.write("".join(parts) + TAIL)
PY

printf '%-22s %9s %9s %7s %4s %s\n' shape bytes peak_kb seconds exit outcome
for page in "$work"/pages/*.md; do
    name=$(basename "$page" .md)
    case "$name" in *"$filter"*) ;; *) continue ;; esac
    rm -f "$work/x.db"*
    set +e
    /usr/bin/time -f '%M %e' -o "$work/rss" "$bin" --db "$work/x.db" import --default-process "$page" \
        >"$work/out" 2>"$work/err"
    code=$?
    set -e
    outcome=$(grep -m1 -E 'created|updated|unchanged' "$work/out" || head -c 150 "$work/err" | head -1)
    read -r rss secs < <(tail -1 "$work/rss")
    printf '%-22s %9d %9d %7s %4d %s\n' "$name" "$(stat -c %s "$page")" "$rss" "$secs" "$code" \
        "$(printf '%s' "$outcome" | cut -c1-70)"
done
