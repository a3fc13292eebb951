#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/t_emul.sh - emulation detection (src/platform/emul.c) where it
# matters: built natively it says native; built for aarch64 and i386 and run
# under qemu-user it says emulated and names the emulator (i386 on an x86_64
# kernel is a compatible arch: only the exe links can tell).  Then a live run
# records it (host.emulated false here).
. tests/fixtures/lib.sh

cc -std=gnu11 -O2 -D_GNU_SOURCE -I. -Isrc -o "$tmp/native" tests/emul_main.c src/platform/emul.c
expect 0 "native build: not emulated" "$tmp/native"
grep_in "$tmp/out" ": native$" "says native"
for t in "aarch64-linux-gnu qemu-aarch64" "i686-linux-gnu qemu-i386"; do
	set -- $t
	if ! command -v "$1-gcc" >/dev/null || ! command -v "$2" >/dev/null; then
		not_ok "$1-gcc or $2 missing (CROSS=1 scripts/deps.sh)"
		continue
	fi
	"$1-gcc" -static -std=gnu11 -O2 -D_GNU_SOURCE -I. -Isrc -o "$tmp/$2" tests/emul_main.c src/platform/emul.c
	expect 1 "$1 under $2: emulated" "$2" "$tmp/$2"
	grep_in "$tmp/out" "user-mode emulation: the process executes .*$2" "names $2"
done

"$MEMBENCH" -q --cost-only --kind compiler --type general --context back-to-back --samples 3 \
	--json "$tmp/run.json" >/dev/null 2>&1
"$PYTHON" - "$tmp/run.json" >"$tmp/h" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))["host"]
print(h["emulated"], h["emulation"], bool(h["name"]))
PY
grep_in "$tmp/h" "^False None True$" "a native run records emulated false, no reason, and its host name"
finish
