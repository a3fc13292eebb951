#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/bench_compare.sh - `membench compare` on 40000 cost rows a side
# (the second file in reverse order): CPU and wall time.  The row matching
# is n log n; a quadratic one took 33 s of CPU here.
set -u
cd "$(dirname "$0")/.."
M=${MEMBENCH:-./membench}
PY=${PYTHON:-$(scripts/find-python.sh)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PY" scripts/wide_result.py tests/fixtures/result-x86_64.json 40000 "$tmp/b.json" "$tmp/n.json"
"$PY" - "$M" "$tmp/b.json" "$tmp/n.json" <<'PY'
import resource, subprocess, sys, time
t = time.monotonic()
out = subprocess.run([sys.argv[1], "compare", sys.argv[2], sys.argv[3]], capture_output=True, text=True)
wall = time.monotonic() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
if out.returncode:
    sys.exit("compare failed: " + out.stderr)
print("compare, 40000 rows a side: %.2f s CPU (%.2f s wall; reading the two files is most of it): %s"
      % (ru.ru_utime + ru.ru_stime, wall, out.stdout.strip().splitlines()[-1]))
PY
