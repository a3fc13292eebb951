#!/bin/bash
# SPDX-License-Identifier: MIT
# scripts/fleet/slurm-merge.sh - the job after the array (afterany: it
# merges what the tasks wrote even when some failed): one fleet, its
# check, its plots.  Exit 1 when a host has a violation.
#SBATCH --job-name=membench-merge
#SBATCH --ntasks=1
#SBATCH --time=00:10:00
#SBATCH --output=membench-merge-%j.out
set -euo pipefail
: "${FLEET_DIR:?FLEET_DIR: the shared directory the array wrote to}"
: "${MEMBENCH:=membench}" "${PYTHON:=/usr/bin/python3}" "${PLOT:=scripts/plot.py}"
shopt -s nullglob
results=()
for f in "$FLEET_DIR"/*.json; do
	[ "$f" = "$FLEET_DIR/fleet.json" ] || results+=("$f")	# not a previous merge
done
if [ "${#results[@]}" -eq 0 ]; then
	echo "membench: no results in $FLEET_DIR" >&2
	exit 2
fi
"$MEMBENCH" merge "${results[@]}" -o "$FLEET_DIR/fleet.json"
"$PYTHON" "$PLOT" --outdir "$FLEET_DIR/plots" "$FLEET_DIR/fleet.json" || true
"$MEMBENCH" check "$FLEET_DIR/fleet.json"
