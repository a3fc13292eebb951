#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/fleet/slurm-submit.sh N [sbatch options...] - measure N nodes with
# a job array (one node per task) and merge them in a job that starts
# when the whole array has ended (docs/fleet.md).
#   FLEET_DIR=/shared/membench/$(date +%F) sh scripts/fleet/slurm-submit.sh 16 -p batch
set -eu
n=${1:?usage: slurm-submit.sh N [sbatch options...]}
shift
: "${FLEET_DIR:?FLEET_DIR: a directory every node can write}"
mkdir -p "$FLEET_DIR"
here=$(dirname "$0")
export FLEET_DIR
array=$(sbatch --parsable --array=0-$((n - 1)) --export=ALL "$@" "$here/slurm-run.sh")
array=${array%%;*}	# "jobid;cluster" on federated clusters
merge=$(sbatch --parsable --dependency=afterany:"$array" --export=ALL "$@" "$here/slurm-merge.sh")
echo "membench: array $array ($n tasks), merge ${merge%%;*} after it; results in $FLEET_DIR"
