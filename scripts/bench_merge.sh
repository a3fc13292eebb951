#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/bench_merge.sh - `membench merge` of a large fleet: COUNT copies
# (default 1000) of the real results in results/, each under another host
# name, merged into one file.  Targets: < 5 s and < 500 MB.  Prints the
# wall time, the CPU time (user + sys: what the wall time is on an idle
# machine whose files are cached) and the peak resident memory, from GNU
# time, then checks the fleet opens (membench check) and that the inputs
# came through whole (sizes).  Works in $BENCH_DIR (default /dev/shm when it
# has room, so that a shared disk's speed is not what is measured; else
# /tmp) and removes what it made.
set -eu
cd "$(dirname "$0")/.."
count=${1:-1000}
MEMBENCH=${MEMBENCH:-./membench}
src=$(ls results/*.json)
need=$(cat $src | wc -c)
need=$((need * count / $(echo $src | wc -w) * 2 / 1024))	# KB: inputs + output
dir=${BENCH_DIR:-}
if [ -z "$dir" ]; then
	avail=$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 {print $4}')
	dir=/tmp
	[ -n "$avail" ] && [ "$avail" -gt $((need + 1048576)) ] && dir=/dev/shm
fi
work=$(mktemp -d "$dir/membench-merge.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "bench_merge: needs GNU time (/usr/bin/time)"; exit 1; }

# The copies: each file's host record gets "name": "nodeNNNN" (replacing
# the one it has, or added where a result predates host.name).
i=0
while [ $i -lt "$count" ]; do
	for f in $src; do
		[ $i -lt "$count" ] || break
		n=$(printf 'node%04d' $i)
		if grep -q '^    "name": ' "$f"; then
			sed "0,/^    \"name\": .*/s//    \"name\": \"$n\",/" "$f"
		else
			sed "0,/\"host\": {/s//\"host\": {\n    \"name\": \"$n\",/" "$f"
		fi >"$work/$n.json"
		i=$((i + 1))
	done
done
in=$(cat "$work"/node*.json | wc -c)
echo "merge: $count results ($(echo $src | wc -w) real ones alternating: $(echo $src | xargs -n1 basename | tr '\n' ' ')), $((in / 1048576)) MB, in $dir"
/usr/bin/time -f '%e %U %S %M' -o "$work/time" "$MEMBENCH" merge "$work"/node*.json -o "$work/fleet.json" 2>"$work/err" || {
	cat "$work/err"; exit 1; }
read -r wall user sys rss <"$work/time"
out=$(wc -c <"$work/fleet.json")
echo "merge: wall $wall s, cpu $(echo "$user $sys" | awk '{printf "%.2f", $1 + $2}') s (user $user, sys $sys), peak RSS $((rss / 1024)) MB; output $((out / 1048576)) MB (targets: < 5 s, < 500 MB)"
echo "merge: load average then: $(cut -d' ' -f1-3 /proc/loadavg)"
hosts=$("$MEMBENCH" merge "$work/fleet.json" -o - 2>&1 >/dev/null | sed -n 's/^membench: merged \([0-9]*\) hosts.*/\1/p')
[ "$hosts" = "$count" ] && echo "merge: the fleet reads back: $hosts hosts" || { echo "merge: read back $hosts hosts, not $count"; exit 1; }
if awk -v w="$wall" -v r="$rss" 'BEGIN { exit !(w < 5 && r < 500 * 1024) }'; then
	echo "merge: within the targets"
else
	echo "merge: OUTSIDE a target (wall $wall s, $((rss / 1024)) MB; a loaded machine stretches the wall time, the cpu time above does not)"
	exit 1
fi
