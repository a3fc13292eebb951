#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/t_compare.sh - `membench compare` (src/commands/compare.c), the performance
# gate: a file against itself passes; a copy with every sample x1.2 fails
# and names the rows; small or insignificant changes pass; another arch, CPU
# model or counter rate and bad files exit 2 with one line (--force judges
# other hosts anyway); downgraded or oversubscribed runs are noted.
. tests/fixtures/lib.sh

scale() {	# IN OUT FACTOR [--only BARRIER]
	in=$1 out=$2 f=$3
	shift 3
	"$PYTHON" scripts/make_fixture.py --scale "$f" "$@" "$in" "$out"
}
# regressed_rows FILE: the rows compare --format json called regressed, one a line.
regressed_rows() {
	"$PYTHON" -c 'import json,sys
for r in json.load(open(sys.argv[1]))["rows"]:
    if r["verdict"] == sys.argv[2]: print(r["barrier"], r["context"])' "$1" "${2:-regressed}"
}

# The fixture: synthetic, but with the noise of a real run.
expect 0 "fixture vs itself" "$MEMBENCH" compare "$FIXTURE" "$FIXTURE"
grep_in "$tmp/out" "0 regressed, 0 improved, 14 unchanged" "every row unchanged"
grep_in "$tmp/out" "process.general .*unsupported" "unsupported rows listed"
scale "$FIXTURE" "$tmp/slow.json" 1.2
expect 1 "every sample x1.2" "$MEMBENCH" compare "$FIXTURE" "$tmp/slow.json"
grep_in "$tmp/out" "smp.general *back-to-back .*+20.0% .*REGRESSED" "names smp.general back-to-back, +20%"
grep_in "$tmp/out" "12 regressed" "12 rows regressed"
grep_in "$tmp/out" "compiler.general *back-to-back .*unchanged" "0.02-tick compiler barrier: +20% is below half a tick"
expect 1 "--format json" "$MEMBENCH" compare --format json "$FIXTURE" "$tmp/slow.json"
[ "$(regressed_rows "$tmp/out" | wc -l)" -eq 12 ] && ok "json: 12 regressed rows" || not_ok "json rows"
expect 1 "--format markdown" "$MEMBENCH" compare --format markdown "$FIXTURE" "$tmp/slow.json"
grep_in "$tmp/out" "^| barrier | context | base median | new median | change | p-value | verdict |" "markdown table header"
grep_in "$tmp/out" "^| mmio.general | after-store | .* | \*\*REGRESSED\*\* |" "markdown row"
expect 2 "--format gbench is not a compare format" "$MEMBENCH" compare --format gbench "$FIXTURE" "$FIXTURE"

expect 0 "--threshold 0.3 lets a 20% change pass" "$MEMBENCH" compare --threshold 0.3 "$FIXTURE" "$tmp/slow.json"
scale "$FIXTURE" "$tmp/bit.json" 1.05
expect 0 "x1.05 is under the 10% threshold" "$MEMBENCH" compare "$FIXTURE" "$tmp/bit.json"
scale "$FIXTURE" "$tmp/fast.json" 0.8
expect 0 "x0.8: improvements do not fail" "$MEMBENCH" compare "$FIXTURE" "$tmp/fast.json"
grep_in "$tmp/out" "12 improved" "12 rows improved"
scale "$FIXTURE" "$tmp/one.json" 1.5 --only smp.read
expect 1 "one barrier x1.5" "$MEMBENCH" compare --format json "$FIXTURE" "$tmp/one.json"
[ "$(regressed_rows "$tmp/out" | tr '\n' ' ')" = "smp.read back-to-back smp.read after-store " ] &&
	ok "only smp.read's rows regressed" || not_ok "regressed: $(regressed_rows "$tmp/out")"

# --repetitions: with sweeps on both sides, a shift that one base sweep
# already showed is the host's run-to-run noise, not a regression.
sweeps() {	# OUT REPS THIRDS FACTOR: the fixture's first 30 samples as REPS sweeps, THIRDS (0, 1, 2) x FACTOR
	"$PYTHON" - "$FIXTURE" "$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
out, reps, blocks, f = sys.argv[2], int(sys.argv[3]), sys.argv[4], float(sys.argv[5])
for e in d["cost"]:
    t = e["units"]["ticks"]
    if not t["n"]:
        continue
    s = t["samples"][:30]
    t["samples"] = [x * f if str(i // 10) in blocks else x for i, x in enumerate(s)]
    t["n"] = 30
    e["repetitions"] = reps
json.dump(d, open(out, "w"))
PY
}
sweeps "$tmp/b3.json" 3 2 1.15		# the third sweep of BASE ran 15% slow
sweeps "$tmp/n3.json" 3 012 1.15	# every sweep of NEW did
expect 0 "3 sweeps: NEW +15% but a BASE sweep was there already" "$MEMBENCH" compare "$tmp/b3.json" "$tmp/n3.json"
grep_in "$tmp/out" "^smp.general *back-to-back .* unchanged (sweeps overlap)$" "says the sweeps overlap"
grep_in "$tmp/out" "left unchanged: the repetitions overlap" "and why, under the table"
sweeps "$tmp/b1.json" 1 2 1.15
sweeps "$tmp/n1.json" 1 012 1.15
expect 1 "the same samples as one sweep each: regressed" "$MEMBENCH" compare "$tmp/b1.json" "$tmp/n1.json"
sweeps "$tmp/b3.json" 3 "" 1
expect 1 "3 sweeps: every NEW sweep 15% over every BASE sweep: regressed" "$MEMBENCH" compare "$tmp/b3.json" "$tmp/n3.json"
expect 1 "--format json" "$MEMBENCH" compare --format json "$tmp/b3.json" "$tmp/n3.json"
grep_in "$tmp/out" '"sweeps_overlap": false' "json: sweeps_overlap"

# Rows in one file only: listed, not failed.
"$PYTHON" - "$FIXTURE" "$tmp/fewer.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["cost"] = [e for e in d["cost"] if e["barrier"] != "mmio.write"]
json.dump(d, open(sys.argv[2], "w"))
PY
expect 0 "rows removed" "$MEMBENCH" compare "$FIXTURE" "$tmp/fewer.json"
grep_in "$tmp/out" "mmio.write *back-to-back .*removed" "removed rows listed"
expect 0 "rows added" "$MEMBENCH" compare "$tmp/fewer.json" "$FIXTURE"
grep_in "$tmp/out" "2 added" "added rows counted"

# A real run of this build, when the cost engine is there.
fresh_result "$tmp/a.json"
expect 0 "run vs itself" "$MEMBENCH" compare "$tmp/a.json" "$tmp/a.json"
# x2, not x1.2: 9 samples of a run on a loaded machine can spread over 20%.
scale "$tmp/a.json" "$tmp/a12.json" 2
expect 1 "run vs its samples x2" "$MEMBENCH" compare "$tmp/a.json" "$tmp/a12.json"
# Which smp.general rows clear p < alpha depends on this run's noise; the
# fixture above pins exact rows.  Here: some smp row is named, and no
# compiler row (~0 ticks, under the half-tick floor) is.
grep_in "$tmp/out" "^smp.general .*REGRESSED" "names a regressed smp.general row"
if grep -q "^compiler.general .*REGRESSED" "$tmp/out"; then
	not_ok "no compiler.general row regressed"
else
	ok "no compiler.general row regressed"
fi

# Bad input: exit 2, one line naming the file.
"$PYTHON" scripts/make_fixture.py --arch aarch64 "$tmp/arm.json"
expect 2 "arch mismatch" "$MEMBENCH" compare "$FIXTURE" "$tmp/arm.json"
grep_in "$tmp/err" "^membench: $FIXTURE is x86_64 but $tmp/arm.json is aarch64: timings not comparable (--force compares them anyway)$" "says which is which"

# Hosts: another CPU model or counter rate is refused unless --force; a
# downgraded or oversubscribed run is compared and the report says so.
edit() {	# IN OUT PYTHON-STATEMENTS (on d)
	"$PYTHON" -c "import json, sys
d = json.load(open(sys.argv[1]))
$3
json.dump(d, open(sys.argv[2], 'w'))" "$1" "$2"
}
edit "$FIXTURE" "$tmp/cpu.json" 'd["host"]["cpu_model"] = "Other CPU @ 3.00GHz"'
expect 2 "another CPU model" "$MEMBENCH" compare "$FIXTURE" "$tmp/cpu.json"
grep_in "$tmp/err" "^membench: $FIXTURE ran on 'Synthetic CPU @ 2.60GHz' but $tmp/cpu.json on 'Other CPU @ 3.00GHz': timings not comparable (--force compares them anyway)$" "names both CPU models"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && [ ! -s "$tmp/out" ] && ok "one line, no report" || not_ok "stderr: $(cat "$tmp/err")"
expect 0 "another CPU model, --force" "$MEMBENCH" compare --force "$FIXTURE" "$tmp/cpu.json"
grep_in "$tmp/out" "^note: compared anyway (--force): $FIXTURE ran on 'Synthetic CPU" "the report says it was forced"
edit "$FIXTURE" "$tmp/hz.json" 'd["host"]["counter"]["hz"] *= 1.01'
expect 2 "counter rate 1% off" "$MEMBENCH" compare "$FIXTURE" "$tmp/hz.json"
grep_in "$tmp/err" "counter runs at 2600.0 MHz but $tmp/hz.json's at 2626.0 MHz: timings not comparable" "names both rates"
edit "$FIXTURE" "$tmp/hz1.json" 'd["host"]["counter"]["hz"] *= 1.001'
expect 0 "counter rate 0.1% off: one rate measured twice" "$MEMBENCH" compare "$FIXTURE" "$tmp/hz1.json"
expect 0 "arch mismatch, --force" "$MEMBENCH" compare --force "$FIXTURE" "$tmp/arm.json"
edit "$FIXTURE" "$tmp/ns.json" 'd["host"]["counter"]["unit"] = "ns"'
expect 2 "ticks against ns: refused even with --force" "$MEMBENCH" compare --force "$FIXTURE" "$tmp/ns.json"
edit "$FIXTURE" "$tmp/over.json" '
for e in d["litmus"][:2]:
    e["placement"] = "oversubscribed"; e["downgrade"] = "2 threads on 1 PU: oversubscribed"
for e in d["cost"]:
    e["downgrade"] = "1 PU: no second PU for the contended writer"'
expect 0 "oversubscribed and downgraded: compared" "$MEMBENCH" compare "$FIXTURE" "$tmp/over.json"
grep_in "$tmp/out" "^note: $tmp/over.json: cost ran downgraded (1 PU: no second PU" "cost downgrade noted"
grep_in "$tmp/out" "^note: $tmp/over.json: 2 litmus runs oversubscribed, 0 downgraded$" "oversubscription noted"
expect 0 "--format markdown notes" "$MEMBENCH" compare --format markdown "$FIXTURE" "$tmp/over.json"
grep_in "$tmp/out" "^> \*\*note:\*\* $tmp/over.json: 2 litmus runs oversubscribed" "markdown: a quoted note"
expect 0 "--format json notes" "$MEMBENCH" compare --format json "$FIXTURE" "$tmp/over.json"
"$PYTHON" -c 'import json, sys; n = json.load(open(sys.argv[1]))["notes"]; assert len(n) == 2, n' "$tmp/out" &&
	ok "json: two notes" || not_ok "json notes"
expect 0 "same host: no notes" "$MEMBENCH" compare "$FIXTURE" "$FIXTURE"
grep -q "^note:" "$tmp/out" && not_ok "a note on identical hosts" || ok "no note on identical hosts"
expect 2 "missing file" "$MEMBENCH" compare "$FIXTURE" "$tmp/nope.json"
grep_in "$tmp/err" "^membench: cannot read $tmp/nope.json: No such file or directory$" "missing: one line"
head -c 3000 "$FIXTURE" >"$tmp/trunc.json"
expect 2 "truncated file" "$MEMBENCH" compare "$tmp/trunc.json" "$FIXTURE"
grep_in "$tmp/err" "^membench: $tmp/trunc.json:[0-9]*:[0-9]*: not valid JSON: " "truncated: file:line:column"
sed 's/"barrier": "smp.read"/"barrier": smp.read/' "$FIXTURE" >"$tmp/corrupt.json"
expect 2 "corrupted file" "$MEMBENCH" compare "$FIXTURE" "$tmp/corrupt.json"
grep_in "$tmp/err" "corrupt.json:[0-9]*:[0-9]*: not valid JSON" "corrupted: file:line:column"
expect 2 "foreign JSON (Google Benchmark)" "$MEMBENCH" compare tests/fixtures/foreign.json "$FIXTURE"
grep_in "$tmp/err" "foreign.json: not a membench result" "foreign: not a membench result"
sed 's/"supported": true/"supported": "yes"/' "$FIXTURE" >"$tmp/type.json"
expect 2 "wrong type" "$MEMBENCH" compare "$FIXTURE" "$tmp/type.json"
grep_in "$tmp/err" "type.json: cost\[0\].supported: expected a boolean, found a string" "names the field"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && ok "one line on stderr" || not_ok "stderr: $(cat "$tmp/err")"
finish
