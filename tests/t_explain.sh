#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/t_explain.sh - `membench explain` (src/commands/explain.c): each
# model's reason in words, the run on this machine and what it means, the
# course (--list), the Graphviz graph rendered by dot, and the usage errors.
. tests/fixtures/lib.sh

expect 0 "SB smp.read, models only" "$MEMBENCH" explain SB --kind smp --type read --no-run
grep_in "$tmp/out" "^  P0  *| P1" "threads side by side"
grep_in "$tmp/out" "^  aarch64  *Armv8  *dmb ishld$" "the barrier on aarch64, from the ports table"
grep_in "$tmp/out" "^  arm v7 " "armv7 too"
grep_in "$tmp/out" "^  x86-TSO  allowed (Sometimes)$" "x86-TSO allows SB under lfence"
grep_in "$tmp/out" "store to x waits in its store buffer while P0 reads y; lfence does not drain it" \
	"x86-TSO: the store buffer, and why lfence does not help"
grep_in "$tmp/out" "^  Power    allowed" "Power allows it under lwsync"
grep -q "On this machine" "$tmp/out" && not_ok "--no-run ran" || ok "--no-run does not run"
grep -q "membench advise SB+fences\$" "$tmp/out" && ok "points to advise for the slot test" ||
	not_ok "no line pointing to membench advise"

expect 0 "MP smp.general" "$MEMBENCH" explain MP --kind smp --type general --no-run --arch aarch64
grep_in "$tmp/out" "P0:Wx=1 -\[dmb ish\]-> P0:Wy=1 -rf-> P1:Ry=1 -\[dmb ish\]-> P1:Rx=0 -fr-> P0:Wx=1: a cycle, forbidden by external (acyclic ob)" \
	"Armv8: the cycle in ob, step by step"
grep -q "^  x86-TSO " "$tmp/out" && not_ok "--arch aarch64 shows other models" || ok "--arch: one model"

expect 0 "IRIW smp.read on Power" "$MEMBENCH" explain IRIW --kind smp --type read --no-run --model Power
grep_in "$tmp/out" "not multi-copy atomic" "IRIW+lwsync: allowed with every po pair kept"

# The run: histogram, the bad count and what it means (a violation would exit 1).
"$MEMBENCH" explain SB --kind smp --type general -n 2000 >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] && ok "SB smp.general runs (exit $rc)" || not_ok "SB run: exit $rc"
grep_in "$tmp/out" "^On this machine (.*), [0-9]* runs on CPUs" "the run's header"
grep_in "$tmp/out" "^  the outcome: .*\(forbidden and never seen\|VIOLATION\)" "what the count means"

expect 0 "the course" "$MEMBENCH" explain --list
n=$(ls litmus/*.litmus | wc -l)
[ "$(grep -c '^ *[0-9][0-9]*\. ' "$tmp/out")" -eq "$n" ] && ok "every built-in test in the course ($n)" ||
	not_ok "course has $(grep -c '^ *[0-9]*\. ' "$tmp/out") lines, $n tests"
grep_in "$tmp/out" "^ 1\. SB+poonceonces " "starts from store buffering without a barrier"

# Every built-in test explained in text and as a graph that dot renders.
command -v dot >/dev/null && ok "graphviz present" || not_ok "graphviz's dot missing (scripts/deps.sh)"
for f in litmus/*.litmus; do
	t=$(basename "$f" .litmus)
	if ! "$MEMBENCH" explain "$t" --no-run -k smp -t general >"$tmp/t.txt" 2>"$tmp/t.err"; then
		not_ok "$t: text"; cat "$tmp/t.err"; continue
	fi
	[ "$(grep -c '^  [A-Za-z0-9-]*  *\(allowed\|forbidden\) (' "$tmp/t.txt")" -eq 5 ] ||
		{ not_ok "$t: five verdicts"; continue; }
	"$MEMBENCH" explain "$t" -k smp -t general --format dot >"$tmp/t.dot" 2>"$tmp/t.err" &&
		dot -Tsvg "$tmp/t.dot" >"$tmp/t.svg" 2>"$tmp/t.err" && grep -q "<svg" "$tmp/t.svg" ||
		{ not_ok "$t: dot renders"; cat "$tmp/t.err"; continue; }
	ok "$t: explained, graph renders"
done
expect 0 "--format svg" "$MEMBENCH" explain MP -k smp -t read --format svg --arch riscv64
grep_in "$tmp/out" "<svg" "svg from dot"
grep_in "$tmp/out" "fence r,r" "graph labels the fence as RISC-V runs it"

# scripts/plot.py --slide: a test's graphs in a grid, for a slide.
"$MEMBENCH" explain MP -k smp -t general --format dot --arch aarch64 >"$tmp/a.dot"
"$MEMBENCH" explain MP -k smp -t read --format dot --arch aarch64 >"$tmp/b.dot"
expect 0 "plot.py --slide" "$PYTHON" scripts/plot.py --slide "$tmp/slide.png" --cols 2 "$tmp/a.dot" "$tmp/b.dot"
"$PYTHON" -c 'import sys, matplotlib.image as m; i = m.imread(sys.argv[1]); sys.exit(0 if i.shape[1] > 1.5 * i.shape[0] else 1)' \
	"$tmp/slide.png" && ok "two panels side by side" || not_ok "slide is not two panels wide"
printf 'digraph {' >"$tmp/bad.dot"
expect 2 "plot.py --slide: a broken graph" "$PYTHON" scripts/plot.py --slide "$tmp/s2.png" "$tmp/bad.dot"
grep_in "$tmp/err" "^plot.py: dot cannot render" "one line"

expect 2 "no test" "$MEMBENCH" explain
grep_in "$tmp/err" "^membench: explain needs a test" "one line"
expect 2 "unknown test" "$MEMBENCH" explain NOPE --no-run
expect 2 "two tests" "$MEMBENCH" explain SB MP
expect 2 "--kind without --type" "$MEMBENCH" explain SB --kind smp --no-run
expect 2 "json is not explain's" "$MEMBENCH" explain SB --format json --no-run
expect 2 "unknown arch" "$MEMBENCH" explain SB --arch vax --no-run
expect 2 "dot is not a run's" "$MEMBENCH" --format dot
finish
