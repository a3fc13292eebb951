#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/t_fleet_recipes.sh - the fleet recipes of docs/fleet.md parse, as far
# as this machine can tell without GitHub or Slurm: the Actions workflow
# is YAML (python3-yaml) with a matrix over an x86_64 and an arm64 runner
# and a merge job that needs it; the Slurm scripts pass sh -n / bash -n, the
# array script asks for whole nodes, and the submit script makes the merge
# depend on the array.
. tests/fixtures/lib.sh

"$PYTHON" - scripts/fleet/github-fleet.yml >"$tmp/y" 2>&1 <<'PY'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
jobs = d["jobs"]
print("runners", " ".join(jobs["run"]["strategy"]["matrix"]["runner"]))
print("merge needs", jobs["merge"]["needs"])
print("steps", " ".join(s.get("name", s.get("uses", "?")) for s in jobs["merge"]["steps"]))
PY
grep_in "$tmp/y" "^runners ubuntu-24.04 ubuntu-24.04-arm$" "workflow: YAML, matrix over x86_64 and arm64 runners"
grep_in "$tmp/y" "^merge needs run$" "workflow: the merge job needs the matrix"
grep_in "$tmp/y" "merge.*plots.*correctness gate" "workflow: merge, plots, check"
for f in scripts/fleet/slurm-run.sh scripts/fleet/slurm-merge.sh; do
	bash -n "$f" 2>"$tmp/e" && ok "bash -n $f" || { not_ok "bash -n $f"; cat "$tmp/e"; }
done
for f in scripts/fleet/slurm-submit.sh scripts/fleet/sysroot.sh scripts/fleet/pkg-config.sh scripts/bench_merge.sh; do
	sh -n "$f" 2>"$tmp/e" && ok "sh -n $f" || { not_ok "sh -n $f"; cat "$tmp/e"; }
done
grep_in scripts/fleet/slurm-run.sh "^#SBATCH --exclusive$" "array task: a whole node"
grep_in scripts/fleet/slurm-submit.sh "dependency=afterany:" "merge job after the array"
finish
