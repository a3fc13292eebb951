#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/t_cost.sh - the cost engine through the command line: a short run
# exits 0 and, as JSON, holds one entry per barrier x context with ordered
# statistics, the samples asked for, a stated cycles source and units;
# --repetitions keeps every sweep's samples; an unknown context is a usage
# error.  Properties only, never speeds.
set -u
M=${MEMBENCH:-./membench}
PY=${PYTHON:-python3}
fail=0
ok() { echo "ok - $*"; }
bad() { echo "not ok - $*"; fail=1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if $M --cost-only -k smp,compiler -t general --context back-to-back,after-load --samples 5 -q \
	--json "$tmp/c.json" >"$tmp/out" 2>"$tmp/err"; then
	ok "short cost run exits 0"
else
	bad "short cost run exits 0: $(cat "$tmp/err")"
fi
if [ -s "$tmp/c.json" ] && command -v "$PY" >/dev/null 2>&1; then
	if "$PY" - "$tmp/c.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
c, h = d["cost"], d["host"]
assert len(c) == 4, "2 barriers x 2 contexts, got %d" % len(c)
assert {e["context"] for e in c} == {"back-to-back", "after-load"}
assert h["cycles"]["source"], "cycles source stated"
for e in c:
    assert e["supported"], e
    t = e["units"]["ticks"]
    assert t["n"] == 5 and len(t["samples"]) == 5, e["barrier"]
    assert t["min"] <= t["p10"] <= t["median"] <= t["p90"] <= t["max"], e["barrier"]
    assert e["unroll"] > 0 and e["iterations"] % e["unroll"] == 0 and e["cpu"], e["barrier"]
    assert ("cycles" in e["units"]) == h["cycles"]["available"], e["barrier"]
PYEOF
	then ok "JSON: 4 entries, n = 5, p10 <= median <= p90, units and cycles source"
	else bad "JSON cost entries"
	fi
else
	echo "ok - # SKIP no JSON output or no $PY"
fi

# --repetitions: whole sweeps, every sample kept, one block per sweep.
if $M --cost-only -k smp,compiler -t general --context back-to-back,after-load --samples 3 \
	--repetitions 2 -q --json "$tmp/r.json" >/dev/null 2>"$tmp/err" &&
	"$PY" - "$tmp/r.json" <<'PYEOF'
import json, sys
c = json.load(open(sys.argv[1]))["cost"]
assert len(c) == 4, len(c)
for e in c:
    assert e["repetitions"] == 2 and e["units"]["ticks"]["n"] == 6, e
PYEOF
then ok "--repetitions 2 --samples 3: 4 entries of 6 samples, repetitions 2"
else bad "--repetitions 2: $(cat "$tmp/err")"
fi
if [ -s "$tmp/r.json" ]; then
	"$PY" - "$tmp/r.json" "$tmp/r3.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["cost"][0]["repetitions"] = 4
json.dump(d, open(sys.argv[2], "w"))
PYEOF
	err=$($M compare "$tmp/r.json" "$tmp/r3.json" 2>&1 >/dev/null); rc=$?
	case "$rc:$err" in
	2:"membench: $tmp/r3.json: cost[0]: 6 ticks samples do not split into 4 repetitions")
		ok "6 samples in 4 repetitions: refused ($err)" ;;
	*) bad "6 samples in 4 repetitions: exit $rc: $err" ;;
	esac
fi
err=$($M --repetitions 0 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] && ok "--repetitions 0: exit 2 ($err)" || bad "--repetitions 0: exit $rc, want 2"

err=$($M --cost-only --context no-such-context 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] && ok "unknown context: exit 2 ($err)" || bad "unknown context: exit $rc, want 2"
exit $fail
