#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/t_model.sh - `membench model FILE...` (src/commands/model.c): one
# line per file with each model's verdict in herd7's words and the LKMM's
# data-race flag; a bad file is named on stderr with exit 2 while the
# other files are still judged.
. tests/fixtures/lib.sh

cat >"$tmp/MP+wmb+addr.litmus" <<'L'
C MP+wmb+addr
{}
P0(int *x, int *y)
{
	WRITE_ONCE(*x, 1);
	smp_wmb();
	WRITE_ONCE(*y, 1);
}
P1(int *x, int *y)
{
	int r0;
	int r1;
	int r2;

	r0 = READ_ONCE(*y);
	r1 = r0 & 128;
	r2 = READ_ONCE(*(x + r1));
}
exists (1:r0=1 /\ 1:r2=0)
L
cat >"$tmp/SB+plain.litmus" <<'L'
C SB+plain
{}
P0(int *x, int *y)
{
	int r0;

	*x = 1;
	r0 = READ_ONCE(*y);
}
P1(int *x, int *y)
{
	int r0;

	WRITE_ONCE(*y, 1);
	r0 = *x;
}
exists (0:r0=0 /\ 1:r0=0)
L
printf 'C bad\n{}\nP0(int *x)\n{\n\tfoo(x);\n}\nexists (x=1)\n' >"$tmp/bad.litmus"

expect 0 "two tests" "$MEMBENCH" model "$tmp/MP+wmb+addr.litmus" "$tmp/SB+plain.litmus"
grep_in "$tmp/out" "^MP+wmb+addr x86-TSO=Never Armv8=Never RVWMO=Never Power=Never LKMM=Never$" \
	"MP+wmb+addr: Never on every model"
grep_in "$tmp/out" "^SB+plain x86-TSO=Sometimes Armv8=Sometimes RVWMO=Sometimes Power=Sometimes LKMM=Sometimes data-race$" \
	"SB with plain accesses: Sometimes, data race flagged"
expect 2 "a bad file among good ones" "$MEMBENCH" model "$tmp/bad.litmus" "$tmp/SB+plain.litmus"
grep_in "$tmp/err" "bad.litmus:5:" "names file:line"
grep_in "$tmp/out" "^SB+plain " "the good file is still judged"
expect 2 "model needs a file" "$MEMBENCH" model
finish
