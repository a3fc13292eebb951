#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/bench_cost.sh - accuracy and repeatability of the cost engine
# (called by scripts/bench.sh, `make bench`; timings, so never in `make test`).
#  1. `membench --cost-only` five times (the default run: every barrier x
#     context); the back-to-back medians of mfence, lfence, sfence, the
#     locked add (smp.general) and the compiler barrier in ticks, ns and
#     core cycles (when the run has real ones), and the spread of the five
#     medians, (max - min) / median;
#  2. scripts/ref_fence.c, a hand-rolled rdtsc loop sharing no code with
#     membench, run beside each membench run on the same PU: the ratio
#     membench / reference in the same unit.
# Targets: within +-10% of the reference, spread <= 5%.  Published figures
# for this core class (InstLatX64, Golden Cove server cores): MFENCE ~38
# cycles, LFENCE ~12, SFENCE ~6, LOCK ADD ~18.
# Environment: MEMBENCH (default ./membench), CC, PYTHON, RUNS (default 5).
set -u
cd "$(dirname "$0")/.."
M=${MEMBENCH:-./membench}
PY=${PYTHON:-$(sh scripts/find-python.sh 2>/dev/null || echo python3)}
RUNS=${RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

[ -x "$M" ] || { echo "bench_cost: $M not built (make)"; exit 1; }
ref=""
case $(uname -m) in
x86_64)
	if ${CC:-cc} -O2 -o "$tmp/ref_fence" scripts/ref_fence.c; then
		ref="$tmp/ref_fence"
	else
		echo "bench_cost: cannot build scripts/ref_fence.c: no reference comparison"
	fi ;;
*)	echo "bench_cost: the reference loop is x86_64 only: no reference comparison" ;;
esac

i=1
while [ "$i" -le "$RUNS" ]; do
	start=$(date +%s)
	"$M" --cost-only -q --json "$tmp/run$i.json" >/dev/null || { echo "bench_cost: membench run $i failed"; exit 1; }
	echo "membench --cost-only run $i: $(( $(date +%s) - start )) s"
	if [ -n "$ref" ]; then
		cpu=$("$PY" -c 'import json,sys; c=[e for e in json.load(open(sys.argv[1]))["cost"] if e["supported"]]; print(c[0]["cpu"].split(",")[0] if c else 0)' "$tmp/run$i.json")
		for f in mfence lfence sfence lockadd compiler; do
			"$ref" "$f" 10000000 "$cpu" >>"$tmp/ref.txt" || exit 1
		done
	fi
	i=$((i + 1))
done

"$PY" - "$tmp" "$RUNS" <<'EOF'
import json, os, statistics as st, sys

tmp, runs = sys.argv[1], int(sys.argv[2])
docs = [json.load(open(os.path.join(tmp, "run%d.json" % i))) for i in range(1, runs + 1)]
host = docs[0]["host"]
unit = host["counter"]["unit"]
cyc = host["cycles"]
print("counter %s, unit %s, %.4f GHz (%s)" % (host["counter"]["name"], unit,
      host["counter"]["hz"] / 1e9, host["counter"]["hz_source"]))
print("core cycles: %s" % (cyc["source"] if cyc["available"] else "none: " + str(cyc["source"])))
print("ticks per cycle per run: %s" % " ".join("%.3f" % d["host"]["cycles"]["ticks_per_cycle"] for d in docs))

ref = {}
path = os.path.join(tmp, "ref.txt")
if os.path.exists(path):
    for line in open(path):
        name, t, c = line.split()
        ref.setdefault(name, []).append((float(t), float(c)))

def medians(barrier, ctx, unit_key):
    out = []
    for d in docs:
        for e in d["cost"]:
            if e["barrier"] == barrier and e["context"] == ctx and e["supported"] and unit_key in e["units"]:
                out.append(e["units"][unit_key]["median"])
    return out

def spread(v):
    m = st.median(v)
    return (max(v) - min(v)) / abs(m) if m else float("nan")

rows = [("mmio.general", "mfence", 38), ("mmio.read", "lfence", 12), ("mmio.write", "sfence", 6),
        ("smp.general", "lockadd", 18), ("compiler.general", "compiler", 0)]
print()
print("back-to-back, median of %d runs (each the median of its samples); spread = (max-min)/median" % runs)
print("%-17s %-9s %9s %7s %8s %8s %7s %9s %9s %7s %7s %9s" % ("barrier", "insn", unit, "spread",
      "ns", "cycles", "spread", "ref " + unit, "ref cyc", "ratio", "ratio c", "published"))
runs_t = []
for barrier, insn, pub in rows:
    t, n, c = (medians(barrier, "back-to-back", k) for k in ("ticks", "ns", "cycles"))
    if not t:
        print("%-17s not measured" % barrier)
        continue
    rt = [x[0] for x in ref.get(insn, [])]
    rc = [x[1] for x in ref.get(insn, [])]
    mt = st.median(t)
    line = "%-17s %-9s %9.2f %6.1f%% %8.2f" % (barrier, insn, mt, 100 * spread(t) if pub else float("nan"), st.median(n))
    line += " %8.1f %6.1f%%" % (st.median(c), 100 * spread(c) if pub else float("nan")) if c else " %8s %7s" % ("-", "-")
    if rt:
        line += " %9.2f %9.2f" % (st.median(rt), st.median(rc))
        line += " %7.3f" % (mt / st.median(rt)) if pub else " %7s" % "-"
        line += " %7.3f" % (st.median(c) / st.median(rc)) if (c and pub) else " %7s" % "-"
    else:
        line += " %9s %9s %7s %7s" % ("-", "-", "-", "-")
    line += " %9s" % ("~%d cyc" % pub if pub else "0")
    print(line)
    runs_t.append("  %-9s %s: %s" % (insn, unit, " ".join("%.2f" % x for x in t)) +
                  ("; cycles: " + " ".join("%.1f" % x for x in c) if c else "") +
                  ("; ref %s: %s" % (unit, " ".join("%.2f" % x for x in rt)) if rt else ""))
print("per run:")
print("\n".join(runs_t))

# Every supported barrier x context: how repeatable is the whole table?
sp = {}
for d in docs:
    for e in d["cost"]:
        if e["supported"]:
            sp.setdefault((e["barrier"], e["context"]), []).append(e["units"]["ticks"]["median"])
big = sorted(((spread(v), k) for k, v in sp.items() if len(v) == runs and abs(st.median(v)) >= 1),
             reverse=True)
if big:
    print()
    print("all entries with |median| >= 1 %s (%d): spread of the %d medians: median %.1f%%, "
          "p90 %.1f%%, max %.1f%% (%s %s)" % (unit, len(big), runs, 100 * st.median([s for s, _ in big]),
          100 * sorted(s for s, _ in big)[int(0.9 * (len(big) - 1))], 100 * big[0][0], big[0][1][0], big[0][1][1]))
    for ctx in ("back-to-back", "after-store", "after-load", "store-barrier-load", "contended", "cache-miss"):
        v = [s for s, k in big if k[1] == ctx]
        if v:
            print("  %-19s median spread %5.1f%%, max %5.1f%%" % (ctx, 100 * st.median(v), 100 * max(v)))
EOF
