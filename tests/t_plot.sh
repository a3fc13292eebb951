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
# the fixture: SB, SB+fences, MP, MP+fences over none, smp.general, smp.read, smp.write
grep_in "$tmp/err" "^plot.py: litmus: 4 tests x 4 barriers in 4 panels (1 row of barriers)" \
	"litmus: one panel per test, reported on stderr"
png_px() {	# FILE: "WIDTH HEIGHT" from the IHDR chunk
	od -An -tu1 -j16 -N8 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}'
}
"$PYTHON" - "$tmp/p/result-x86_64-litmus.png" <<'PY' >"$tmp/meta" 2>&1
import sys
from PIL import Image
print(Image.open(sys.argv[1]).info.get("Description", ""))
PY
if grep -q "No module named" "$tmp/meta"; then
	ok "# skip: no PIL to read the PNG's Description"
else
	grep_in "$tmp/meta" "^membench litmus: 4 tests x 4 barriers in 4 panels" "litmus PNG says what it drew"
fi

# a default-sized run: 2 tests x 28 barriers stays within 16 in (1920 px at 120 dpi)
"$PYTHON" - "$FIXTURE" "$tmp/wide.json" <<'PY'
import copy, json, sys
doc = json.load(open(sys.argv[1]))
proto = doc["litmus"][1]
rows = []
for test in ("MP+fences", "SB+fences"):
    for kind, types in (("mmio", "general read write acquire release"), ("smp", "general read write acquire release"),
                        ("dma", "general read write acquire release"), ("compiler", "general read write acquire release"),
                        ("c11", "general read write acquire release acq_rel"), ("process", "general"), ("none", "general")):
        for t in types.split():
            e = copy.deepcopy(proto)
            e["test"], e["barrier"] = test, kind + "." + t
            e["threads"] = [{"barrier": e["barrier"], "cpu": c} for c in (0, 1)]
            rows.append(e)
rows[40]["positives"] = rows[40]["forbidden"] = 7
rows[40]["negatives"] = rows[40]["iterations"] - 7
rows[40]["status"], rows[40]["verdict"], rows[40]["p_upper95"] = "violation", "Sometimes", None
doc["litmus"] = rows
json.dump(doc, open(sys.argv[2], "w"))
PY
expect 0 "plot 2 tests x 28 barriers" "$PYTHON" scripts/plot.py --outdir "$tmp/p" "$tmp/wide.json"
f="$tmp/p/wide-litmus.png"
png_ok "$f" && ok "wide litmus: PNG, $(wc -c <"$f") bytes" || not_ok "$f"
grep_in "$tmp/err" "^plot.py: litmus: 2 tests x 28 barriers in 2 panels (1 row of barriers), 16.0 x" \
	"28 barriers: 2 panels, one row, 16 in wide"
set -- $(png_px "$f")
[ "$1" -le 1920 ] && [ "$1" -ge 1200 ] && [ "$2" -le 1440 ] &&
	ok "wide litmus is ${1}x${2} px (<= 1920 wide)" || not_ok "wide litmus is ${1}x${2} px"

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
