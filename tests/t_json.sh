#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/t_json.sh - `--json FILE` (src/result/json_write.c): the file a run writes
# matches docs/schema/membench-result-1.schema.json; --format json/gbench
# on stdout; a directory target; atomic writes that fail with exit 4 and
# leave an existing file byte-identical.
. tests/fixtures/lib.sh

fresh_result "$tmp/a.json"
if validate "$tmp/a.json" "$FIXTURE"; then ok "run's file and the fixture match the schema"; else not_ok "schema"; fi

# What the reader rebuilds is what was written: compare (which reads both
# files) reports the samples' own medians, and nothing changed.
expect 0 "compare reads the file back" "$MEMBENCH" compare --format json "$tmp/a.json" "$tmp/a.json"
if "$PYTHON" - "$tmp/a.json" "$tmp/out" <<'PY'
import json, sys, statistics
r = json.load(open(sys.argv[1])); c = json.load(open(sys.argv[2]))
want = {(e["barrier"], e["context"]): statistics.median(e["units"]["ticks"]["samples"])
        for e in r["cost"] if e["supported"] and e["units"]["ticks"]["samples"]}
got = {(x["barrier"], x["context"]): x["base_median"] for x in c["rows"] if x["verdict"] == "unchanged"}
assert want == got, (want, got)
PY
then ok "read back: the same rows and medians as written"; else not_ok "read back medians differ"; fi

# --format json: the same document on stdout.
expect 0 "--format json" "$MEMBENCH" -q --cost-only --kind compiler --type general --context back-to-back --samples 3 --format json
cp "$tmp/out" "$tmp/stdout.json"
if validate "$tmp/stdout.json"; then ok "--format json output matches the schema"; else not_ok "--format json schema"; fi

# --format gbench: Google Benchmark's shape with repetitions (field by field:
# tests/unit_gbench.c); what tools/compare.py needs to run its U test.
expect 0 "--format gbench" "$MEMBENCH" -q --cost-only --kind smp,compiler --type general --context back-to-back,after-store --samples 3 --repetitions 2 --format gbench
if "$PYTHON" - "$tmp/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d["context"], dict) and isinstance(d["benchmarks"], list)
runs = {}
for b in d["benchmarks"]:
    assert "/" in b["name"] and b["time_unit"] == "ns" and b["real_time"] >= 0, b
    if b["run_type"] == "iteration":
        assert b["name"] == b["run_name"] and b["repetitions"] == 6 and b["real_time"] > 0, b
        runs.setdefault(b["name"], []).append(b["repetition_index"])
    else:
        assert b["name"] == b["run_name"] + "_" + b["aggregate_name"], b
        assert b["aggregate_name"] in ("mean", "median", "stddev"), b
assert len(runs) == 4 and all(v == list(range(6)) for v in runs.values()), runs
print("# %d benchmarks" % len(d["benchmarks"]))
PY
then ok "gbench: 4 rows x 6 repetitions (3 samples x 2 sweeps) + aggregates, ns"; else not_ok "gbench shape"; fi
expect 0 "--format github-benchmark (alias)" "$MEMBENCH" -q --cost-only --kind compiler --type general --context back-to-back --samples 3 --format github-benchmark
grep_in "$tmp/out" '"benchmarks"' "alias prints the same format"

# A directory target: <dir>/<hostname>-<arch>-<stamp>.json, named on stderr.
mkdir "$tmp/dir"
expect 0 "--json DIR/" "$MEMBENCH" -q --cost-only --kind compiler --type general --context back-to-back --samples 3 --json "$tmp/dir/"
f=$(ls "$tmp"/dir/*.json 2>/dev/null | head -n 1)
case "$f" in
*/"$(hostname)"-*-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9].json)
	ok "named host-arch-stamp: $(basename "$f")" ;;
*)	not_ok "directory target gave '$f'" ;;
esac
grep_in "$tmp/err" "$f" "stderr names the file"
[ -n "$f" ] && validate "$f" && ok "it matches the schema"
expect 0 "--json DIR (no slash)" "$MEMBENCH" -q --cost-only --kind compiler --type general --context back-to-back --samples 3 --json "$tmp/dir"
[ "$(ls "$tmp"/dir/*.json | wc -l)" -eq 2 ] && ok "a second file, not an overwrite" || not_ok "second run replaced the first"

# Failures.  Tests run as root, so permissions prove nothing: a path under a
# regular file (ENOTDIR) fails for everyone, before the run starts.
expect 4 "--json under a non-directory" "$MEMBENCH" -q --cost-only --kind compiler --type general --context back-to-back --samples 3 --json /proc/version/x.json
grep_in "$tmp/err" '^membench: cannot write /proc/version/x.json: Not a directory$' "one line naming the file and the reason"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && ok "exactly one line" || not_ok "more than one error line"
[ ! -s "$tmp/out" ] && ok "failed before running (no report)" || not_ok "ran before failing"
expect 4 "--json into a missing directory" "$MEMBENCH" -q --cost-only --kind compiler --type general --context back-to-back --samples 3 --json "$tmp/nodir/x.json"
expect 4 "--json /dev/null (not a regular file) is refused" "$MEMBENCH" -q --cost-only --kind compiler --type general --context back-to-back --samples 3 --json /dev/null

# A write that fails half-way (RLIMIT_FSIZE holds for root too; SIGXFSZ
# ignored so that write() returns EFBIG): the old file stays as it was.
cp "$FIXTURE" "$tmp/keep.json"
cp "$FIXTURE" "$tmp/keep.orig"
err=$( (trap '' XFSZ; ulimit -f 0; exec "$MEMBENCH" -q --cost-only --kind compiler --type general --context back-to-back --samples 3 --json "$tmp/keep.json") 2>&1 >/dev/null)
rc=$?
[ "$rc" -eq 4 ] && ok "write failing mid-way: exit 4" || not_ok "write failing mid-way: exit $rc"
case "$err" in
"membench: cannot write $tmp/keep.json: File too large") ok "one line: $err" ;;
*) not_ok "message: '$err'" ;;
esac
cmp -s "$tmp/keep.json" "$tmp/keep.orig" && ok "existing file byte-identical" || not_ok "existing file changed"
[ -z "$(ls "$tmp" | grep '\.tmp\.')" ] && ok "no temporary file left" || not_ok "temporary file left: $(ls "$tmp")"

# And a write that works replaces it whole, keeping a plain file.
expect 0 "--json over an existing file" "$MEMBENCH" -q --cost-only --kind compiler --type general --context back-to-back --samples 3 --json "$tmp/keep.json"
validate "$tmp/keep.json" && ok "replaced by a valid result" || not_ok "replacement invalid"
finish
