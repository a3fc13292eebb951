#!/bin/bash
# SPDX-License-Identifier: MIT
# scripts/fleet/slurm-run.sh - one task of the membench job array: measure
# the node it landed on, into $FLEET_DIR (docs/fleet.md).  Submitted by
# scripts/fleet/slurm-submit.sh; the node is the task's alone (--exclusive),
# so no other job's threads disturb the pinned litmus threads or the timings.
#SBATCH --job-name=membench
#SBATCH --nodes=1
#SBATCH --ntasks=1
#SBATCH --exclusive
#SBATCH --time=00:30:00
#SBATCH --output=membench-%A_%a.out
set -euo pipefail
: "${FLEET_DIR:?FLEET_DIR: the shared directory results go to}"
: "${MEMBENCH:=membench}"
host=$(hostname -s)
# Two tasks can land on one node, one after the other: the second has
# nothing new to say (merge would refuse the duplicate host anyway).
if compgen -G "$FLEET_DIR/$host-*.json" >/dev/null; then
	echo "membench: $host already measured; task $SLURM_ARRAY_TASK_ID has nothing to do"
	exit 0
fi
# --json DIR/ names the file HOST-ARCH-DATE.json and writes it atomically.
"$MEMBENCH" -q ${MEMBENCH_ARGS:-} --json "$FLEET_DIR/"
