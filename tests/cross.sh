#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/cross.sh - the barrier layer on the other five architectures.
# Cross-compiles src/barrier*.c, src/barrier/counter.c and tests/arch_test.c with
# Debian's cross compilers (statically), disassembles the barriers with
# the matching objdump, and runs the test under qemu-user, which asserts
# the emitted instruction of every kind x type (see tests/arch_test.c).
# riscv32 has no Debian libc: it is compiled (freestanding) and its
# disassembly checked here, not run.  Last, arch/c11_emitted.h (what the
# compilers emit for C11 fences) is regenerated from these builds and must
# not differ from the committed file.
# Needs: CROSS=1 scripts/deps.sh (cross gcc + qemu-user).
set -u
cd "$(dirname "$0")/.."
jobs=${JOBS:-2}
fail=0

run() {	# label triplet qemu qemu-args build-dir extra-cflags
	label=$1 triplet=$2 qemu=$3 qargs=$4 dir=$5 cflags=$6
	if ! command -v "$triplet-gcc" >/dev/null || ! command -v "$qemu" >/dev/null; then
		echo "FAIL $label: $triplet-gcc or $qemu missing (CROSS=1 scripts/deps.sh)"
		fail=1
		return
	fi
	if ! make -s --no-print-directory -j"$jobs" CC="$triplet-gcc" BUILD="$dir" \
		CFLAGS="-O2 $cflags" ARCH_TEST_LDFLAGS=-static "$dir/arch_test" >"$dir.log" 2>&1; then
		echo "FAIL $label: build"; tail -n 20 "$dir.log"; fail=1; return
	fi
	if out=$("$qemu" $qargs -L "/usr/$triplet" "$dir/arch_test" 2>&1); then
		echo "PASS $label: $(printf '%s\n' "$out" | tail -n 1 | sed 's/^# tests\/arch_test.c: //')"
	else
		echo "FAIL $label"; printf '%s\n' "$out" | grep -v '^ok' | tail -n 30; fail=1
	fi
}

mkdir -p build
run x86_64    x86_64-linux-gnu      qemu-x86_64  ""          build/cross-x86_64 ""
run aarch64   aarch64-linux-gnu     qemu-aarch64 ""          build/cross-aarch64 ""
run armv7     arm-linux-gnueabihf   qemu-arm     ""          build/cross-armv7 ""
run armv8     arm-linux-gnueabihf   qemu-arm     "-cpu max"  build/cross-armv8 "-march=armv8-a -mfpu=neon-fp-armv8"
run riscv64   riscv64-linux-gnu     qemu-riscv64 ""          build/cross-riscv64 ""
run ppc64le   powerpc64le-linux-gnu qemu-ppc64le ""          build/cross-ppc64le ""
run i386      i686-linux-gnu        qemu-i386    ""          build/cross-i386 ""

# riscv32: compile-only; check three rows of its disassembly by hand.
if command -v riscv64-linux-gnu-gcc >/dev/null; then
	d=build/cross-riscv32; mkdir -p $d
	if riscv64-linux-gnu-gcc -march=rv32imac -mabi=ilp32 -ffreestanding -std=gnu11 -O2 \
		-Wall -Wextra -Wundef -Werror -I. -Isrc -c src/barrier/barrier_fns.c -o $d/barrier_fns.o 2>$d.log; then
		tsv=$(sh scripts/disasm.sh --tsv riscv64-linux-gnu-objdump $d/barrier_fns.o)
		ok=1
		for want in "mb_fn_smp_read	fence r,r" "mb_fn_smp_write	fence w,w" \
			"mb_fn_smp_acquire	fence r,rw" "mb_fn_mmio_read	fence ir,ir" \
			"mb_fn_compiler_general	"; do
			printf '%s\n' "$tsv" | grep -qx "$want" || { echo "riscv32: missing '$want'"; ok=0; }
		done
		if [ $ok = 1 ]; then echo "PASS riscv32: compiled, 5 rows disassembled as expected"
		else echo "FAIL riscv32"; fail=1; fi
	else
		echo "FAIL riscv32: compile"; cat $d.log; fail=1
	fi
fi

# The c11 rows of every port's table are what these compilers emitted.
o=obj/barrier/barrier_fns.o
if sh scripts/c11_emitted.sh \
	x86_64=x86_64-linux-gnu-objdump:build/cross-x86_64/$o \
	i386=i686-linux-gnu-objdump:build/cross-i386/$o \
	aarch64=aarch64-linux-gnu-objdump:build/cross-aarch64/$o \
	armv7=arm-linux-gnueabihf-objdump:build/cross-armv7/$o \
	armv8=arm-linux-gnueabihf-objdump:build/cross-armv8/$o \
	riscv64=riscv64-linux-gnu-objdump:build/cross-riscv64/$o \
	riscv32=riscv64-linux-gnu-objdump:build/cross-riscv32/barrier_fns.o \
	ppc64le=powerpc64le-linux-gnu-objdump:build/cross-ppc64le/$o \
	>build/c11_emitted.h 2>build/c11_emitted.log &&
   cmp -s build/c11_emitted.h arch/c11_emitted.h; then
	echo "PASS c11_emitted: arch/c11_emitted.h is what the compilers emit"
else
	echo "FAIL c11_emitted: arch/c11_emitted.h differs from the cross builds' disassembly"
	diff -u arch/c11_emitted.h build/c11_emitted.h | head -n 40; cat build/c11_emitted.log
	echo "(if the compilers changed: cp build/c11_emitted.h arch/c11_emitted.h)"
	fail=1
fi
exit $fail
