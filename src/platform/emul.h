/* SPDX-License-Identifier: MIT */
/*
 * src/platform/emul.h - does this process run natively, or under a user-mode
 * emulator (qemu-user, through binfmt_misc or by hand; valgrind alike)?
 * Under one, every timing measures the emulator, not the CPU, while the
 * litmus outcomes show the ordering of the host CPU that the emulator runs
 * on.  The result records the answer and the evidence (host.emulated,
 * host.emulation) and every report says it.  Depends on nothing but libc,
 * so that tests can build it for other arches and run it under qemu.
 */
#ifndef MB_EMUL_H
#define MB_EMUL_H

/* NULL when native; else a malloc'd one-line reason naming the evidence. */
char *mb_emulation_probe(const char *build_arch);

/*
 * The decision, from what the probe reads (each may be NULL: unreadable):
 * self_exe   /proc/self/exe, which an emulator fakes to name the program;
 * task_exe   /proc/PID/task/PID/exe, which it does not: the real executable;
 * kernel_arch /proc/sys/kernel/arch, the kernel's machine, which an emulator
 *            does not fake (uname(2) it does).
 */
char *mb_emulation_judge(const char *build_arch, const char *self_exe, const char *task_exe,
			 const char *kernel_arch);

#endif
