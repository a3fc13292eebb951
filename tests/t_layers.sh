#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/t_layers.sh - src/ depends one way: a file includes headers of its
# own folder or of folders below it in the order the data flows (parse ->
# plan -> run -> record -> report), never above.  Each layer, lowest first:
set -u
cd "$(dirname "$0")/.."
LAYERS="base arch barrier result stats platform plan litmus cost advise report commands tool"
fail=0 n=0

rank() {	# folder -> its place in LAYERS, or nothing
	i=0
	for l in $LAYERS; do
		[ "$l" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
}

for f in src/*/*.c src/*/*.h; do
	d=$(basename "$(dirname "$f")")
	rd=$(rank "$d")
	if [ -z "$rd" ]; then
		echo "not ok - $f: folder src/$d/ is in no layer (add it to tests/t_layers.sh)"
		fail=1
		continue
	fi
	for t in $(sed -n 's|^#include "\([a-z_]*\)/.*|\1|p' "$f" | sort -u); do
		rt=$(rank "$t")
		n=$((n + 1))
		if [ -z "$rt" ] || [ "$rt" -gt "$rd" ]; then
			echo "not ok - $f ($d) includes $t/, a layer above it"
			fail=1
		fi
	done
done
[ $fail = 0 ] && echo "ok - $n folder-to-folder includes in src/, each to its own layer or one below"
# The offline gates stay below the hardware: no hwloc in the result model.
if grep -l '^#include <hwloc' src/result/*.[ch] src/stats/*.[ch] src/base/*.[ch] 2>/dev/null | grep -q .; then
	echo "not ok - the result model, stats or base include hwloc.h"; fail=1
else
	echo "ok - result, stats and base include no hwloc.h"
fi
exit $fail
