#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/t_litmus_lang.sh - the kernel dialect in the harness.
#  1. What the generated code compiles to, read back from the disassembly
#     (as tests/arch_test.c does for barriers): on this machine and, where
#     Debian's cross compilers are installed, on the other four arches --
#     each RMW ordering is the instruction arch/<arch>.h names, a control
#     dependency is a conditional branch between the load and the store, an
#     address dependency an address computed from the loaded value.
#  2. On x86 hardware: RMWs are atomic (no atomic_inc lost), spin_lock
#     excludes (no locked increment lost, while the same increments without
#     the lock do get lost), SB with xchg on both sides is never weak, and
#     the dependency, pointer and RCU tests of tests/litmus/ stay Never.
# Run from the repository root with $MEMBENCH and $BUILD set (tests/run.sh).
set -u
MEMBENCH=${MEMBENCH:-./membench}
BUILD=${BUILD:-build/$(${CC:-cc} -dumpmachine)}
L2C=$BUILD/host/litmus2c
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok - $*"; }

# One test with every RMW ordering, a control and an address dependency.
cat >"$tmp/k.litmus" <<'LIT'
C K
{}
P0(int *x, int *y, atomic_t *v)
{
	int r0; int r1; int r2; int r3; int r4;
	r0 = atomic_fetch_add_relaxed(1, v);
	r1 = atomic_fetch_add_acquire(1, v);
	r2 = atomic_fetch_add_release(1, v);
	r3 = atomic_fetch_add(1, v);
	r4 = xchg(x, 2);
	r4 = cmpxchg(x, 2, 3);
}
P1(int *x, int *y)
{
	int r0;
	r0 = READ_ONCE(*x);
	if (r0 == 1)
		WRITE_ONCE(*y, 1);
}
P2(int *x, int *y)
{
	int r0; int r1;
	r0 = READ_ONCE(*y);
	r1 = READ_ONCE(*(x + (r0 & 128)));
}
exists (1:r0=1)
LIT
"$L2C" -o "$tmp/k.c" "$tmp/k.litmus" || fail "litmus2c"

# fn OBJDUMP OBJECT FUNCTION: its instructions, one a line, mnemonic first.
fn() {
	"$1" -d --no-show-raw-insn "$2" | awk -v f="<$3>:" '
		$2 == f { on = 1; next }
		on && /^[0-9a-f]+ <[^.]/ { exit }		# the next symbol (not a local .L label)
		on && /^ *[0-9a-f]+:/ { sub(/^ *[0-9a-f]+:[ \t]*/, ""); gsub(/\t/, " "); print }'
}

# has LABEL FILE REGEX...: each regex matches some line, in this order.
has() {
	h_label=$1 h_file=$2; shift 2
	if awk -v n=$# 'BEGIN { for (i = 1; i <= n; i++) re[i] = ARGV[i + 1]; ARGC = 2; k = 1 }
		k <= n && $0 ~ re[k] { k++ } END { exit !(k > n) }' "$h_file" "$@"; then
		ok "$h_label"
	else
		fail "$h_label: no $* in order in:"; sed 's/^/    /' "$h_file"
	fi
}

check_arch() {	# label cc objdump cflags
	label=$1 cc=$2 od=$3 cflags=$4
	if ! command -v "$cc" >/dev/null 2>&1; then
		echo "# $label: $cc missing (CROSS=1 scripts/deps.sh): skipped"
		return
	fi
	if ! $cc -O2 $cflags -I. -Isrc -c -o "$tmp/$label.o" "$tmp/k.c" 2>"$tmp/cc.log"; then
		fail "$label: the generated C does not build"; sed 's/^/    /' "$tmp/cc.log"; return
	fi
	fn "$od" "$tmp/$label.o" lt_t0_fixed >"$tmp/$label.0"
	fn "$od" "$tmp/$label.o" lt_t1_fixed >"$tmp/$label.1"
	fn "$od" "$tmp/$label.o" lt_t2_fixed >"$tmp/$label.2"
	case $label in
	x86*)	has "$label: fetch_add = lock xadd, xchg, lock cmpxchg" "$tmp/$label.0" \
			'lock xadd' 'lock xadd' 'lock xadd' 'lock xadd' '^xchg' 'lock cmpxchg'
		has "$label: control dependency is a branch" "$tmp/$label.1" \
			'^cmp +[$]0x1,' '^j(e|ne) ' '^movl? +[^,]+,(0x[0-9a-f]+)?[(]'
		has "$label: address from the loaded value" "$tmp/$label.2" \
			'^and +[$]0x80,' '^imul' '^mov +[(]%r[a-z0-9]+[)],%e'
		;;
	aarch64)
		has "$label: fetch_add relaxed/acquire/release/mb" "$tmp/$label.0" \
			'^ldxr' '^stxr' '^ldaxr' '^stxr' '^ldxr' '^stlxr' '^ldxr' '^stlxr' '^dmb.*ish'
		has "$label: control dependency is a branch" "$tmp/$label.1" \
			'^cmp +w[0-9]+, #0x1' '^b[.](eq|ne) ' '^str '
		has "$label: address from the loaded value" "$tmp/$label.2" '^and .*#0x80' '^ldr w'
		;;
	aarch64-lse)
		has "$label: ldadd, ldadda, ldaddl, ldaddal, swpal, casal" "$tmp/$label.0" \
			'^ldadd ' '^ldadda ' '^ldaddl ' '^ldaddal ' '^swpal ' '^casal '
		;;
	riscv64)
		has "$label: amoadd .aq .rl .aqrl, amoswap.aqrl, lr/sc.rl + fence" "$tmp/$label.0" \
			'^amoadd.w ' '^amoadd.w.aq ' '^amoadd.w.rl ' '^amoadd.w.aqrl' '^amoswap.w.aqrl' \
			'^lr.w' '^sc.w.rl' '^fence rw,rw'
		has "$label: control dependency is a branch" "$tmp/$label.1" '^lw ' '^(bne|beq) ' '^sw '
		has "$label: address from the loaded value" "$tmp/$label.2" '^andi? .*,128' '^lw '
		;;
	ppc64le)
		has "$label: lwarx loops: bare, isync after, lwsync before, sync around" "$tmp/$label.0" \
			'^lwarx' '^stwcx' '^lwarx' '^isync' '^lwsync' '^lwarx' '^(hw)?sync' '^lwarx' '^stwcx' '^(hw)?sync'
		has "$label: control dependency is a branch" "$tmp/$label.1" \
			'^cmpwi +r[0-9]+,1$' '^(beq|bne) ' '^stw'
		has "$label: address from the loaded value" "$tmp/$label.2" '^(rlwinm|andi)' '^lwzx? '
		;;
	armv7)
		has "$label: ldrex loops: bare, dmb after, dmb before, dmb around" "$tmp/$label.0" \
			'^ldrex' '^strex' '^ldrex' '^dmb' '^dmb' '^ldrex' '^dmb' '^ldrex' '^strex' '^dmb'
		;;
	esac
}

case $(uname -m) in
x86_64) check_arch x86_64 "${CC:-cc}" objdump "" ;;
esac
check_arch aarch64 aarch64-linux-gnu-gcc aarch64-linux-gnu-objdump ""
check_arch aarch64-lse aarch64-linux-gnu-gcc aarch64-linux-gnu-objdump "-march=armv8.1-a"
check_arch riscv64 riscv64-linux-gnu-gcc riscv64-linux-gnu-objdump ""
check_arch ppc64le powerpc64le-linux-gnu-gcc powerpc64le-linux-gnu-objdump ""
check_arch armv7 arm-linux-gnueabihf-gcc arm-linux-gnueabihf-objdump "-marm"

# obs FILE ARGS...: "POS NEG" of its Observation line.
obs() {
	f=$1; shift
	"$MEMBENCH" --litmus-only -q --test "$f" "$@" >"$tmp/out" 2>"$tmp/err" || {
		echo "membench --test $f exited $?" >&2; cat "$tmp/err" >&2; echo "x x"; return; }
	awk '/^Observation /{ print $4, $5; n++ } END { if (n != 1) print "x x" }' "$tmp/out"
}

case $(uname -m) in
x86_64|i?86)
	for f in tests/litmus/*.litmus; do
		# a grace period costs about a millisecond here: RCU tests run fewer
		min=10000
		grep -q synchronize_rcu "$f" && min=500
		set -- $(obs "$f" -n 200000)
		if [ "$1" = 0 ] && [ "$2" != x ] && [ "$2" -ge $min ]; then ok "$(basename "$f" .litmus): 0 bad of $2"
		else fail "$(basename "$f" .litmus): expected 0 bad over >= $min, got '$1 $2'"; fi
	done
	# the control: the same increments without the lock do get lost
	sed -e '/spin_lock(l)/d' -e '/spin_unlock(l)/d' -e 's/Inc+polocks/Inc+poonceonces/' \
		tests/litmus/Inc+polocks.litmus >"$tmp/Inc+poonceonces.litmus"
	set -- $(obs "$tmp/Inc+poonceonces.litmus" -n 200000)
	if [ "$1" != x ] && [ "$1" -gt 0 ]; then ok "without the lock: $1 lost of $(($1 + $2))"
	else fail "without the lock: expected lost increments, got '$1 $2'"; fi
	;;
*)
	echo "# $(uname -m): the hardware checks are x86 only"
	;;
esac

[ "$fails" = 0 ]
