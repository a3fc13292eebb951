#!/bin/sh
# SPDX-License-Identifier: MIT
# Print the path of a Python 3 that can import matplotlib.  Debian's is
# /usr/bin/python3 (python3-matplotlib); a python3 earlier on PATH may be
# a separate build that cannot see Debian's packages.
for py in "${PYTHON:-}" /usr/bin/python3 python3; do
	[ -n "$py" ] || continue
	if "$py" -c 'import matplotlib' >/dev/null 2>&1; then
		command -v "$py"
		exit 0
	fi
done
echo "membench: no python3 with matplotlib found (apt-get install python3-matplotlib)" >&2
exit 1
