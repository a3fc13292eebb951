#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Make and edit membench-result/1 files for the tests and the gate
(tests/t_json*.sh, tests/t_compare*.sh, scripts/bench_gate.sh).

  make_fixture.py [--seed N] [--arch A] [--samples N] OUT       a synthetic result
  make_fixture.py --scale F [--only BARRIER] IN OUT               every cost sample x F
  make_fixture.py --inject-violation [--test T] IN OUT            mark a litmus entry violated

The synthetic result looks like a run on an x86_64 box: a few barriers in two
contexts with noisy samples, one unsupported row, and SB/MP litmus entries.
Stats are recomputed from the samples the way src/stats/stats.c does (type-7
percentiles, unscaled MAD), so that the file reads as the engine would write it.
"""
import argparse
import json
import random
import sys

SCHEMA = "membench-result/1"
MODELS = ["x86-TSO", "Armv8", "RVWMO", "Power", "LKMM"]


def percentile(s, p):
    if not s:
        return 0.0
    r = (len(s) - 1) * p
    lo = int(r)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (r - lo)


def stats(samples):
    s = sorted(samples)
    if not s:
        return {"median": 0.0, "p10": 0.0, "p90": 0.0, "mad": 0.0, "mean": 0.0,
                "min": 0.0, "max": 0.0, "n": 0, "samples": []}
    med = percentile(s, 0.5)
    return {"median": med, "p10": percentile(s, 0.1), "p90": percentile(s, 0.9),
            "mad": percentile(sorted(abs(x - med) for x in s), 0.5),
            "mean": sum(s) / len(s), "min": s[0], "max": s[-1], "n": len(s),
            "samples": list(samples)}


# barrier -> (instruction, base cost in TSC ticks per barrier, back-to-back)
X86 = {
    "smp.general": ("lock; addl $0,-4(%rsp)", 20.0),
    "smp.read": ("lfence", 6.0),
    "smp.write": ("sfence", 5.5),
    "mmio.general": ("mfence", 33.0),
    "mmio.read": ("lfence", 6.0),
    "mmio.write": ("sfence", 5.5),
    "compiler.general": ("(compiler barrier only)", 0.02),
    "process.general": ("membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED)", None),
}
CONTEXTS = {"back-to-back": 1.0, "after-store": 1.6}


def synth(seed, arch, nsamples):
    rng = random.Random(seed)
    hz = 2.6e9
    cost = []
    for barrier, (insn, base) in X86.items():
        kind, typ = barrier.split(".")
        for ctx, mult in CONTEXTS.items():
            e = {"kind": kind, "type": typ, "barrier": barrier, "instruction": insn,
                 "context": ctx, "supported": base is not None,
                 "reason": None if base is not None else
                 "membarrier(REGISTER_PRIVATE_EXPEDITED) failed: Operation not permitted",
                 "cpu": "0", "unroll": 32, "iterations": 3200, "overhead": 1.25}
            if base is None:
                e["units"] = {"ticks": stats([])}
            else:
                ticks = [max(0.0, base * mult * (1 + rng.gauss(0, 0.03)) +
                             (rng.expovariate(1 / (base * 0.3)) if rng.random() < 0.1 else 0))
                         for _ in range(nsamples)]
                e["units"] = {"ticks": stats(ticks),
                              "ns": stats([t * 1e9 / hz for t in ticks]),
                              "cycles": stats([t * 1.3 for t in ticks])}
            cost.append(e)
    litmus = []
    for test, barrier, allowed_tso, pos, status in [
            ("SB", "none", True, 8123, "ok"),
            ("SB+fences", "smp.general", False, 0, "ok"),
            ("SB+fences", "smp.write", True, 4021, "ok"),
            ("SB+fences", "smp.read", True, 0, "ok"),
            ("MP", "none", False, 0, "ok"),
            ("MP+fences", "smp.general", False, 0, "ok")]:
        iters = 1000000
        allowed = {m: ("Sometimes" if (m != "x86-TSO" or allowed_tso) and barrier != "smp.general"
                       else "Never") for m in MODELS}
        states = [("0:r0=0; 1:r0=0;", pos, True), ("0:r0=0; 1:r0=1;", (iters - pos) // 2, False),
                  ("0:r0=1; 1:r0=0;", iters - pos - (iters - pos) // 2, False)]
        litmus.append({
            "test": test, "file": "litmus/%s.litmus" % test, "barrier": barrier,
            "instruction": X86.get(barrier, ("(nothing)", 0))[0],
            "threads": [{"barrier": barrier, "cpu": 0}, {"barrier": barrier, "cpu": 1}],
            "placement": "distinct-cores", "layout": "separate-lines", "sync": "timebase",
            "downgrade": None, "iterations": iters, "elapsed_s": 0.8 + rng.random() / 10,
            "histogram": [{"state": s, "count": c, "positive": p} for s, c, p in states if c],
            "positives": pos, "forbidden": pos, "negatives": iters - pos,
            "verdict": "Never" if pos == 0 else "Sometimes",
            "p_upper95": 3.0 / iters if pos == 0 else None,
            "expected": allowed, "host_model": "x86-TSO",
            "status": status if pos or allowed["x86-TSO"] == "Never" else "unobserved",
            "reason": None})
    return {
        "schema": SCHEMA, "created": "2025-01-01T00:00:00Z",
        "command": "membench --json fixture.json (synthetic: scripts/make_fixture.py --seed %d)" % seed,
        "host": {"arch": arch, "model": "x86-TSO", "cpu_model": "Synthetic CPU @ 2.60GHz",
                 "pus": 8, "cores": 4, "packages": 1, "numa_nodes": 1,
                 "kernel": "Linux 6.1.0", "compiler": "gcc 12.2.0", "cflags": "-O2 -g",
                 "version": "0.1.0", "git_rev": "fixture",
                 "counter": {"name": "tsc", "hz": hz, "unit": "ticks",
                             "hz_source": "measured vs CLOCK_MONOTONIC_RAW", "fallback": None},
                 "cycles": {"available": True, "source": "calibrated: dependent add chain",
                            "ticks_per_cycle": 1 / 1.3}},
        "cost": cost, "litmus": litmus}


def scale(doc, factor, only):
    for e in doc["cost"]:
        if only and e["barrier"] not in only:
            continue
        for unit, st in e["units"].items():
            e["units"][unit] = stats([x * factor for x in st["samples"]])
    return doc


def inject(doc, test):
    for e in doc["litmus"]:
        if test is None or e["test"] == test:
            e["status"] = "violation"
            add = max(e["positives"], 7) - e["positives"]
            e["positives"] = e["forbidden"] = e["positives"] + add
            e["negatives"] = e["iterations"] - e["positives"]
            # forbidden under the host's model, and the histogram says the same:
            # membench check judges from the counts and the model, not "status"
            e["expected"][e["host_model"]] = "Never"
            pos = [h for h in e["histogram"] if h["positive"]]
            if pos:
                pos[0]["count"] += add
            else:
                e["histogram"].append({"state": "(injected)", "count": add, "positive": True})
            max((h for h in e["histogram"] if not h["positive"]), key=lambda h: h["count"])["count"] -= add
            e["verdict"] = "Sometimes"
            return doc
    sys.exit("make_fixture.py: no litmus entry%s to mark" % (" for " + test if test else ""))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--arch", default="x86_64")
    ap.add_argument("--samples", type=int, default=31)
    ap.add_argument("--scale", type=float)
    ap.add_argument("--only", action="append", help="with --scale: this barrier only")
    ap.add_argument("--inject-violation", action="store_true")
    ap.add_argument("--test", help="with --inject-violation: this test")
    ap.add_argument("files", nargs="+", metavar="FILE")
    a = ap.parse_args()
    if a.scale is not None or a.inject_violation:
        if len(a.files) != 2:
            ap.error("needs IN OUT")
        with open(a.files[0]) as f:
            doc = json.load(f)
        doc = scale(doc, a.scale, a.only) if a.scale is not None else inject(doc, a.test)
        out = a.files[1]
    else:
        if len(a.files) != 1:
            ap.error("needs OUT")
        doc = synth(a.seed, a.arch, a.samples)
        out = a.files[0]
    with open(out, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
