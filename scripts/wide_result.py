#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# scripts/wide_result.py SRC N BASE NEW - two results of N cost rows each,
# copies of SRC's first row under distinct barrier names, NEW's in reverse
# order: what `compare` must match row by row (tests/t_hostile.sh checks
# it matches them all, scripts/bench_compare.sh times it).
import copy
import json
import sys

src, n, base, new = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
r = json.load(open(src))
c = r["cost"][0]
rows = []
for i in range(n):
    x = copy.deepcopy(c)
    x["barrier"] = "b%05d" % i
    rows.append(x)
r["cost"] = rows
json.dump(r, open(base, "w"))
r["cost"] = rows[::-1]
json.dump(r, open(new, "w"))
