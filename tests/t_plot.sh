#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/t_plot.sh - scripts/plot.py: the cost heatmap, the litmus rates and
# the before/after chart are real PNGs (header, > 10 KB) at the paths it
# prints; bad input exits 2 with one line.
. tests/fixtures/lib.sh

png_ok() {	# FILE: PNG signature and more than 10 KB
	[ -f "$1" ] && [ "$(wc -c <"$1")" -gt 10240 ] &&
		[ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]
}

expect 0 "plot the fixture" "$PYTHON" scripts/plot.py --outdir "$tmp/p" "$FIXTURE"
for f in "$tmp/p/result-x86_64-cost.png" "$tmp/p/result-x86_64-litmus.png"; do
	png_ok "$f" && ok "$(basename "$f"): PNG, $(wc -c <"$f") bytes" || not_ok "$f"
	grep_in "$tmp/out" "^$f$" "path printed"
done

"$PYTHON" scripts/make_fixture.py --scale 1.2 --only smp.general "$FIXTURE" "$tmp/new.json"
expect 0 "--compare" "$PYTHON" scripts/plot.py --outdir "$tmp/p" --compare "$FIXTURE" "$tmp/new.json"
f="$tmp/p/result-x86_64-vs-new.png"
png_ok "$f" && ok "before/after: PNG, $(wc -c <"$f") bytes" || not_ok "$f"

fresh_result "$tmp/a.json"
expect 0 "plot a run of this build" "$PYTHON" scripts/plot.py "$tmp/a.json"
png_ok "$tmp/a-cost.png" && ok "cost heatmap of the run, beside the file" || not_ok "$tmp/a-cost.png"

expect 2 "foreign JSON" "$PYTHON" scripts/plot.py --outdir "$tmp/p" tests/fixtures/foreign.json
grep_in "$tmp/err" "^plot.py: tests/fixtures/foreign.json: not a membench result" "says so in one line"
head -c 2000 "$FIXTURE" >"$tmp/trunc.json"
expect 2 "truncated" "$PYTHON" scripts/plot.py --outdir "$tmp/p" "$tmp/trunc.json"
grep_in "$tmp/err" "trunc.json: not valid JSON" "says so"
sed 's/"n": 31/"n": "31"/' "$FIXTURE" >"$tmp/type.json"
expect 2 "schema violation" "$PYTHON" scripts/plot.py --outdir "$tmp/p" "$tmp/type.json"
grep_in "$tmp/err" "type.json: cost\[0\].units.ticks.n: " "names the field"
expect 2 "missing file" "$PYTHON" scripts/plot.py "$tmp/none.json"
"$PYTHON" scripts/make_fixture.py --arch aarch64 "$tmp/arm.json"
expect 2 "--compare across arches" "$PYTHON" scripts/plot.py --compare "$FIXTURE" "$tmp/arm.json"
expect 2 "--compare with one file" "$PYTHON" scripts/plot.py --compare "$FIXTURE"
finish
