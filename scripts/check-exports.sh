#!/usr/bin/env bash
# Check rolecall's exports in the clients people will open them with:
#   - CSV: Python's csv module; LibreOffice headless CSV -> XLSX -> CSV round trip
#     (same rows and cells, no formula cells, the =HYPERLINK name stays text, every
#     *_utc cell is a date-time number with a date format, not text);
#   - JSON: jq (schema_version, counts, ISO 8601 times);
#   - HTML: headless Chromium renders it (screenshot PNG) and makes no network request
#     of its own (checked in a net log; a control page with external resources proves
#     the check catches them); the HTML of 10,000 applications is under 5 MB.
#
# Usage: scripts/check-exports.sh [OUT_DIR]     (default: target/export-check)
# Needs python3, jq, soffice and chromium. On Debian/Ubuntu:
#   apt-get update && apt-get install -y jq libreoffice-calc-nogui chromium
# Look at OUT_DIR/small.png and OUT_DIR/big.png afterwards.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/target/export-check}
for tool in python3 jq soffice chromium cargo; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
rm -rf "$out" && mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"

step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

step "build"
cargo build --release --quiet --bin rolecall --example export_fixture
bin=$root/target/release/rolecall
fixture=$root/target/release/examples/export_fixture
export ROLECALL_NOW=2026-03-31T00:00:00Z ROLECALL_ACTOR=check

step "fixtures (generated through the store)"
"$fixture" "$out/small.db" 60
"$fixture" "$out/big.db" 10000

step "exports"
rc() { "$bin" --db "$out/$1.db" "${@:2}"; }
rc small export --format csv -o "$out/small.csv" --as-of 2026-03-29
rc small export --format csv --excel -o "$out/small-excel.csv" --as-of 2026-03-29
rc small export --format json -o "$out/small.json" --as-of 2026-03-29
rc small export --format md -o "$out/small.md" --as-of 2026-03-29
rc small export --format html -o "$out/small.html" --as-of 2026-03-29
rc small export --format html -o "$out/diff.html" --diff 2026-03-01 2026-03-29
rc small export --format json -o "$out/diff.json" --diff 2026-03-01 2026-03-29
rc big export --format html -o "$out/big.html" --as-of 2026-03-30
rc big export --format csv -o "$out/big.csv" --as-of 2026-03-30
ls -l "$out"/*.csv "$out"/*.json "$out"/*.md "$out"/*.html

step "CSV in Python's csv module"
python3 - "$out" <<'PY'
import csv, sys
out = sys.argv[1]
def rows(name, enc):
    with open(f"{out}/{name}", newline="", encoding=enc) as f:
        return list(csv.reader(f, strict=True))
plain, excel = rows("small.csv", "utf-8"), rows("small-excel.csv", "utf-8-sig")
def excel_times(rows):  # --excel writes 2026-03-29 10:00:00 where the default has a T
    cols = {i for i, h in enumerate(rows[0]) if h.endswith("_utc")}
    return [rows[0]] + [[c.replace("T", " ", 1) if i in cols else c for i, c in enumerate(r)] for r in rows[1:]]
assert excel_times(plain) == excel, "the --excel file differs beyond its BOM and time form"
header, body = plain[0], plain[1:]
assert len(header) == 15 and all(len(r) == len(header) for r in body), "ragged rows"
names = [r[header.index("candidate")] for r in body]
assert "'=HYPERLINK(\"http://example.invalid\",\"x\")" in names, names[:3]
assert "<script>alert(1)</script>" in names
bad = [c for r in body for c in r if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
assert not bad, f"formula-like cells: {bad[:3]}"
big = rows("big.csv", "utf-8")
assert len(big) == 10001, len(big)
print(f"ok: {len(body)} rows x {len(header)} columns; big.csv {len(big) - 1} rows; hostile names neutralised")
PY

step "JSON in jq"
jq -e '.schema_version == 1 and .kind == "snapshot"' "$out/small.json" >/dev/null
jq -e '[.roles[].applications[]] | length == 60' "$out/small.json" >/dev/null
jq -e '.totals.total == ([.roles[].totals.total] | add)' "$out/small.json" >/dev/null
jq -e '[.roles[].applications[] | .applied_at, .stage_entered_at
        | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$")] | all' \
    "$out/small.json" >/dev/null
jq -e '.schema_version == 1 and .kind == "diff" and (.changes | length) > 0' "$out/diff.json" >/dev/null
jq -c '{as_of, totals, roles: [.roles[] | {slug, reached: [.stages[].reached]}]}' "$out/small.json"
echo "ok: jq accepts both documents"

step "CSV in LibreOffice: csv -> xlsx -> csv"
lo_profile=$(mktemp -d)
lo() { soffice -env:UserInstallation=file://"$lo_profile" --headless --norestore "$@" >/dev/null 2>&1; }
lo --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$out/lo" "$out/small.csv"
lo --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1" --outdir "$out/lo/back" "$out/lo/small.xlsx"
printf 'name\n"=HYPERLINK(""http://example.invalid"",""x"")"\n' >"$out/lo/raw.csv"
lo --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$out/lo" "$out/lo/raw.csv"
python3 - "$out" <<'PY'
import csv, re, sys, zipfile
out = sys.argv[1]
def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))
before, after = rows(f"{out}/small.csv"), rows(f"{out}/lo/back/small.csv")
assert len(before) == len(after), (len(before), len(after))
diffs = [(i, j, a, b) for i, (ra, rb) in enumerate(zip(before, after))
         for j, (a, b) in enumerate(zip(ra, rb)) if a != b]
assert not diffs and all(len(a) == len(b) for a, b in zip(before, after)), diffs[:5]
def formulas(xlsx):
    sheet = zipfile.ZipFile(xlsx).read("xl/worksheets/sheet1.xml").decode()
    return len(re.findall(r"<f[ >]", sheet))
ours = zipfile.ZipFile(f"{out}/lo/small.xlsx")
strings = ours.read("xl/sharedStrings.xml").decode()
assert "&apos;=HYPERLINK(" in strings, "the HYPERLINK name is not a text cell"
assert formulas(f"{out}/lo/small.xlsx") == 0, "our CSV produced formula cells"
assert formulas(f"{out}/lo/raw.xlsx") == 1, "control: an unprotected CSV should give a formula"
sheet = ours.read("xl/worksheets/sheet1.xml").decode()
formats = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', ours.read("xl/styles.xml").decode()))
time_cols = [chr(ord("A") + i) for i, h in enumerate(before[0]) if h.endswith("_utc")]
assert time_cols, before[0]
for r in range(2, len(before) + 1):
    for col in time_cols:
        cell = re.search(rf'<c r="{col}{r}" s="(\d+)" t="(\w+)"', sheet)
        assert cell and cell.group(2) == "n", f"{col}{r} is not a number: {cell and cell.group(0)}"
xfs = re.findall(r"<xf [^>]*>", ours.read("xl/styles.xml").decode().split("<cellXfs")[1])
style = re.search(rf'<c r="{time_cols[0]}2" s="(\d+)"', sheet).group(1)
fmt = formats.get(re.search(r'numFmtId="(\d+)"', xfs[int(style)]).group(1), "")
assert "yy" in fmt and "hh" in fmt, f"time cells have no date-time format: {fmt!r}"
print(f"ok: {len(time_cols)} *_utc columns are date-time cells ({fmt}) in every row")
print(f"ok: {len(before)} rows identical after the round trip; 0 formula cells "
      f"(an unprotected control CSV gives 1: LibreOffice would run it)")
PY

step "HTML in headless Chromium"
shot() { # shot NAME WIDTHxHEIGHT
    local profile; profile=$(mktemp -d)
    timeout 300 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --hide-scrollbars --window-size="$2" \
        --log-net-log="$out/$1.netlog.json" --screenshot="$out/$1.png" \
        "file://$out/$1.html" >/dev/null 2>&1
    rm -rf "$profile"
    test -s "$out/$1.png" || fail "no screenshot for $1"
}
printf '<!DOCTYPE html><img src="http://example.invalid/x.png"><link rel="stylesheet" href="https://example.invalid/a.css">control\n' >"$out/control.html"
cp tests/golden/export/snapshot.html "$out/golden.html"
for page in golden:1280,1700 small:1280,2400 diff:1280,1200 big:1280,2400 control:400,300; do
    start=$(date +%s.%N)
    shot "${page%%:*}" "${page#*:}"
    printf '%s rendered in %.1fs\n' "${page%%:*}" "$(echo "$(date +%s.%N) - $start" | bc)"
done
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
def page_requests(name):
    """Requests the page made: those from the file:// page, not Chromium's own housekeeping."""
    log = json.load(open(f"{out}/{name}.netlog.json"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [e["params"]["url"] for e in log["events"]
            if e["type"] == start and "url" in e.get("params", {})
            and (e["params"].get("initiator") != "not an origin"
                 or "file://" in e["params"].get("network_isolation_key", ""))]
control = page_requests("control")
assert len(control) == 2, f"the detector missed the control page's requests: {control}"
for name in ("golden", "small", "diff", "big"):
    got = page_requests(name)
    assert not got, f"{name}.html made network requests: {got}"
print("ok: no network request from any export (the control page's 2 were caught)")
PY
size=$(stat -c %s "$out/big.html")
echo "big.html: $size bytes for 10000 applications"
[ "$size" -lt 5000000 ] || fail "big.html is not under 5 MB"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$out/small.html" || fail "script tag not escaped"
! grep -qi '<script' "$out/small.html" "$out/big.html" || fail "a <script> element in the HTML"

step "all checks passed; screenshots: $out/{golden,small,diff,big}.png"
