#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/t_hostile.sh - hostile and odd input (issue 10): nothing a user
# writes is run as code, a failed run keeps an existing result, numbers
# are checked, messages escape what they echo, stdout errors are errors.
. tests/fixtures/lib.sh
M=$MEMBENCH

# ---- 1. user text never becomes code -------------------------------------
# A directory name that, pasted into the generated C's comment, would close
# it and define a constructor; and shell syntax that a shell would run.
cd "$tmp"
evil=$(printf 'a*/\n__attribute__((constructor)) static void pw(void){system("touch %s/PWNED1");}\n/*$(touch PWNED2)`touch PWNED3`"q\047;touch PWNED4;' "$tmp")
mkdir -p "$evil"
sed 's/^C SB+fences/C SB+user/' "$OLDPWD/litmus/SB+fences.litmus" >"$evil/t.litmus"
expect 0 "hostile .litmus path builds and runs" $M --litmus-only -q --kind none -n 2000 -T "$evil/t.litmus"
grep_in "$tmp/out" '^Observation SB+user ' "hostile path: the test ran"
expect 4 "CC with a ';' is one program name, not a command line" \
	env CC='cc;touch PWNED5' $M --litmus-only -q --kind none -n 2000 -T "$evil/t.litmus"
expect 4 "CC with quotes and \$() is split on blanks only" \
	env CC="cc '\$(touch PWNED6)' \`touch PWNED7\`" $M --litmus-only -q --kind none -n 2000 -T "$evil/t.litmus"
expect 4 "CC with a quote is a program name, never shell text" \
	env CC="x';>PWNED8;'" $M --litmus-only -q --kind none -n 2000 -T "$evil/t.litmus"
if ls "$tmp" | grep -q PWNED; then not_ok "nothing injected ran: $(ls "$tmp" | grep PWNED | tr '\n' ' ')"
else ok "nothing injected ran (no PWNED file)"; fi
if grep -q "$(printf '\033')" "$tmp/err"; then not_ok "error line escapes control bytes"; else ok "error line escapes control bytes"; fi
[ "$(wc -l <"$tmp/err")" -eq 1 ] && ok "a newline in a path stays one error line" ||
	not_ok "a newline in a path stays one error line: $(cat "$tmp/err")"
cd "$OLDPWD"
cp "$tmp/$evil/t.litmus" "$tmp/SB+user.litmus"

# ---- 2. a run that fails keeps an existing result -------------------------
printf '{"keep": "me"}\n' >"$tmp/keep.json"
cp "$tmp/keep.json" "$tmp/orig.json"
printf 'C bad\n\n{}\n\nP0(int *x)\n{\n\tWRITE_ONCE(*x, 1)\n}\n\nexists (x=1)\n' >"$tmp/bad.litmus"
keeps() {	# code what command...: exit code, and keep.json untouched
	expect "$@" --json "$tmp/keep.json"
	cmp -s "$tmp/keep.json" "$tmp/orig.json" && ok "$2: the existing --json file is kept" ||
		not_ok "$2: the existing --json file was replaced"
}
keeps 2 "--cpus 99" $M --kind none --samples 3 --cpus 99
keeps 2 "--cpus 0,x" $M --kind none --samples 3 --cpus 0,x
keeps 2 "--cpus with a PU outside the process's CPU set" $M --kind none --samples 3 --cpus 0-4095
keeps 4 "CC=false" env CC=false $M --kind none --type general --samples 3 -n 1000 -T "$tmp/SB+user.litmus" \
	--context back-to-back
# What the litmus stage needs is checked before the cost stage measures anything.
{ printf 'C nine\n\n{}\n\n'
  for i in 0 1 2 3 4 5 6 7 8; do printf 'P%d(int *x)\n{\n\tWRITE_ONCE(*x, %d);\n}\n\n' $i $i; done
  printf 'exists (x=0)\n'; } >"$tmp/nine.litmus"
for t in "nosuch" "$tmp/bad.litmus" "$tmp/nine.litmus"; do
	keeps 2 "-T $(basename "$t")" $M --kind none --type general --samples 3 --context back-to-back -T "$t"
	[ -s "$tmp/out" ] && not_ok "-T $(basename "$t"): the cost stage ran first" ||
		ok "-T $(basename "$t"): refused before anything was measured"
done
keeps 4 "CC=false, before measuring" env CC=false $M --kind none --type general --samples 3 \
	--context back-to-back -T "$tmp/SB+user.litmus"
[ -s "$tmp/out" ] && not_ok "CC=false: the cost stage ran first" || ok "CC=false: refused before anything was measured"
ls -d "${TMPDIR:-/tmp}"/membench-litmus-* 2>/dev/null | grep -q . &&
	echo "# note: membench-litmus-* directories exist in ${TMPDIR:-/tmp} (other runs?)"

# --json refuses a symlink it did not create; the link's target is untouched.
ln -s "$tmp/orig.json" "$tmp/link.json"
expect 4 "--json through a planted symlink is refused" $M --kind none --samples 3 \
	--context back-to-back --litmus-only -n 1000 --test SB --json "$tmp/link.json"
grep_in "$tmp/err" "symbolic link" "the refusal names the link"
cmp -s "$tmp/keep.json" "$tmp/orig.json" && [ -L "$tmp/link.json" ] &&
	ok "the link and its target are untouched" || not_ok "the link or its target changed"

# ---- 3. numbers, output errors, untrusted text in messages, gates ----------
for n in 18446744073709552K 18446744073709551616 99999999999999999999G ' 5' +5 -5; do
	expect 2 "-n '$n' is refused" $M --litmus-only -T SB --kind none -n "$n"
done
expect 2 "--samples 18446744073709552K is refused" $M --cost-only --kind none --samples 18446744073709552K
expect 2 "--seed 18446744073709552K is refused" $M --litmus-only --kind none --seed 18446744073709552K
if [ -w /dev/full ]; then
	for args in "list" "--cost-only --kind none --context back-to-back --samples 3" \
		"check $FIXTURE" "compare $FIXTURE $FIXTURE" "--cost-only --kind none --samples 3 --context back-to-back --format gbench"; do
		expect 4 "'$args >/dev/full'" sh -c "$M $args >/dev/full"
		grep_in "$tmp/err" "cannot write" "'$args >/dev/full': said so"
	done
fi

# A result whose strings hold a newline and ESC: error lines escape them.
"$PYTHON" - "$FIXTURE" "$tmp/esc.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["host"]["arch"] = "x86_64\n\x1b[31mred"
json.dump(r, open(sys.argv[2], "w"))
PY
expect 2 "compare of two arches" $M compare "$FIXTURE" "$tmp/esc.json"
if [ "$(wc -l <"$tmp/err")" -eq 1 ] && ! grep -q "$(printf '\033')" "$tmp/err"; then
	ok "a newline and ESC from a JSON file are escaped: $(cat "$tmp/err")"
else not_ok "JSON strings echoed raw: $(cat -v "$tmp/err")"; fi
printf '{"schema": "membench-result/1\033[2J"}' >"$tmp/esc2.json"
expect 2 "foreign schema" $M check "$tmp/esc2.json"
grep -q "$(printf '\033')" "$tmp/err" && not_ok "schema echoed raw" || ok "schema escaped: $(cat "$tmp/err")"

# check recomputes the status from the counts and the host model.
"$PYTHON" - "$FIXTURE" "$tmp/lie.json" "$tmp/incons.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
e = r["litmus"][0]
e["histogram"] = [{"state": "0:r0=0; 1:r0=0;", "count": 999, "positive": True},
                  {"state": "0:r0=1; 1:r0=0;", "count": 1, "positive": False}]
e["positives"] = e["forbidden"] = 999
e["negatives"] = 1
e["iterations"] = 1000
e["expected"] = {m: "Never" for m in e["expected"]}
e["status"] = "ok"
r["litmus"] = [e]
json.dump(r, open(sys.argv[2], "w"))
e["positives"] = e["forbidden"] = 0
json.dump(r, open(sys.argv[3], "w"))
PY
expect 1 "check: 999 forbidden outcomes fail whatever 'status' says" $M check "$tmp/lie.json"
grep_in "$tmp/out" "the file says ok" "check names the status it overrode"
expect 2 "check: counts that contradict the histogram are bad input" $M check "$tmp/incons.json"

# Out of memory while reading a result is named as such.
"$PYTHON" - "$FIXTURE" "$tmp/big.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["cost"][0]
c["units"]["ticks"]["samples"] = [1.5] * 2000000
c["units"]["ticks"]["n"] = 2000000
json.dump(r, open(sys.argv[2], "w"))
PY
if command -v prlimit >/dev/null && [ "${MB_SANITIZE:-0}" != 1 ]; then
	expect 4 "check under a 64 MiB address-space limit" prlimit --as=67108864 $M check "$tmp/big.json"
	grep_in "$tmp/err" "out of memory" "out of memory named"
fi

# compare matches rows in O(n log n): 40k rows each side (timed in make bench, not here).
"$PYTHON" scripts/wide_result.py "$FIXTURE" 40000 "$tmp/b40k.json" "$tmp/n40k.json"
expect 0 "compare of 40k rows each side" $M compare "$tmp/b40k.json" "$tmp/n40k.json"
grep_in "$tmp/out" "^40000 rows: 0 regressed" "all 40k rows matched"

# ---- 4. the user's CPU set -------------------------------------------------
if command -v taskset >/dev/null && [ "$(nproc --all)" -ge 2 ]; then
	expect 0 "taskset -c 0: SB runs" taskset -c 0 $M --litmus-only -q --kind none -T SB -n 2000 \
		--json "$tmp/ts.json"
	"$PYTHON" - "$tmp/ts.json" >"$tmp/ts.out" 2>&1 <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
cpus = {t["cpu"] for e in r["litmus"] for t in e["threads"]}
assert r["host"]["cpuset"] == "0", r["host"]["cpuset"]
assert cpus == {0}, cpus
assert all(e["downgrade"] and "CPU set 0" in e["downgrade"] for e in r["litmus"]), r["litmus"][0]["downgrade"]
print("cpus", sorted(cpus), "downgrade:", r["litmus"][0]["downgrade"])
PY
	[ $? -eq 0 ] && ok "taskset -c 0: only PU 0 used, the set recorded, the downgrade said ($(cat "$tmp/ts.out"))" ||
		not_ok "taskset -c 0: $(cat "$tmp/ts.out")"
	expect 2 "taskset -c 0 with --cpus 1: outside the set" taskset -c 0 $M --litmus-only -q \
		--kind none -T SB -n 2000 --cpus 1
else
	echo "# skipped: the CPU set checks need taskset and 2 PUs"
fi

# ---- 6. SIGINT / SIGTERM: stop, clean up, keep what finished ---------------
# (How fast it stops is not asserted here: no timed assertions in tests.)
mkdir -p "$tmp/tmpd"
interrupt() {	# SIG AFTER-S OUT.json args...: run, signal it, $rc = exit status
	sig=$1 after=$2 out=$3; shift 3
	# From Python, with the signal's default action restored: a shell script's
	# background job starts with SIGINT ignored (and membench keeps it so).
	TMPDIR="$tmp/tmpd" "$PYTHON" - "$sig" "$after" "$M" "$@" --json "$out" >"$tmp/out" 2>"$tmp/err" <<'PY'
import signal, subprocess, sys, time
sig = getattr(signal, "SIG" + sys.argv[1])
p = subprocess.Popen(sys.argv[3:], preexec_fn=lambda: signal.signal(sig, signal.SIG_DFL))
time.sleep(float(sys.argv[2]))
p.send_signal(sig)
rc = p.wait()
sys.exit(rc if rc >= 0 else 200 - rc)	# killed by the signal: 200 + signal, not a clean 128 + signal
PY
	rc=$?
}
interrupt INT 5 "$tmp/int.json" --litmus-only -q -T SB,MP --kind smp -n 1000000000 --time-limit 2
[ $rc -eq 130 ] && ok "SIGINT: exit 130" || not_ok "SIGINT: exit $rc, $(cat "$tmp/err")"
if validate "$tmp/int.json" 2>"$tmp/v.err" && "$PYTHON" - "$tmp/int.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["interrupted"] is True
assert len(r["litmus"]) >= 1, "no finished entry"
assert all(e["status"] != "skipped" and e["iterations"] > 0 for e in r["litmus"])
PY
then ok "SIGINT: a valid JSON of the finished entries, interrupted: true"
else not_ok "SIGINT: JSON: $(cat "$tmp/v.err")"; fi
grep_in "$tmp/out" "^Observation SB+fences " "SIGINT: the text report of what finished"
grep_in "$tmp/err" "interrupted by" "SIGINT: said so on stderr"
expect 0 "check of an interrupted result" $M check "$tmp/int.json"
grep_in "$tmp/out" "interrupted" "check says the result is interrupted"
cp "$tmp/int.json" "$tmp/int2.json"
expect 0 "compare of an interrupted result" $M compare "$tmp/int.json" "$tmp/int2.json"
grep_in "$tmp/err" "was interrupted" "compare says the result is interrupted"

# SIGTERM while a user test compiles: the compiler is stopped, the
# temporary directory removed, nothing measured, an existing file kept.
printf '#!/bin/sh\nexec sleep 30\n' >"$tmp/slowcc"
chmod +x "$tmp/slowcc"
cp "$tmp/orig.json" "$tmp/keep2.json"
CC="$tmp/slowcc" interrupt TERM 2 "$tmp/keep2.json" --litmus-only -q -T "$tmp/SB+user.litmus"
[ $rc -eq 143 ] && ok "SIGTERM while compiling: exit 143" || not_ok "SIGTERM while compiling: exit $rc, $(cat "$tmp/err")"
[ -z "$(ls -A "$tmp/tmpd")" ] && ok "no temporary directory left" ||
	not_ok "left behind: $(ls -A "$tmp/tmpd")"
cmp -s "$tmp/keep2.json" "$tmp/orig.json" && ok "nothing measured: the existing file kept" ||
	not_ok "SIGTERM before measuring replaced the file"

finish
