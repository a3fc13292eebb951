/* SPDX-License-Identifier: MIT */
/*
 * src/platform/emul.c - user-mode emulation detection (src/platform/emul.h).
 * qemu-user answers uname(2) with the guest's machine and rewrites
 * /proc/self/exe and /proc/self/maps to describe the guest program, so
 * those cannot tell.  What it leaves alone: the same link reached through
 * /proc/PID/task/PID/exe (the emulator's own binary) and
 * /proc/sys/kernel/arch (the real kernel's machine).  The first catches any
 * emulator that fakes /proc/self/exe (qemu-i386 on x86_64 too, where the
 * arches are compatible); the second catches one that fakes both links.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "platform/emul.h"

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

static char *fmt(const char *f, ...)
{
	va_list ap;
	char *s;

	va_start(ap, f);
	if (vasprintf(&s, f, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

/* The family a machine name belongs to, so that i686 matches i386 and armv7l arm. */
static const char *family(const char *m)
{
	if (!strcmp(m, "x86_64") || !strcmp(m, "amd64"))
		return "x86_64";
	if (m[0] == 'i' && strlen(m) == 4 && !strcmp(m + 2, "86"))
		return "i386";
	if (!strcmp(m, "aarch64") || !strcmp(m, "arm64"))
		return "aarch64";
	if (!strncmp(m, "arm", 3))
		return "arm";
	return m;
}

/* Whether a kernel of machine k runs programs built for b natively (compat modes included). */
static int runs_natively(const char *b, const char *k)
{
	b = family(b);
	k = family(k);
	return !strcmp(b, k) || (!strcmp(b, "i386") && !strcmp(k, "x86_64")) ||
	       (!strcmp(b, "arm") && !strcmp(k, "aarch64")) ||
	       (!strcmp(b, "riscv32") && !strcmp(k, "riscv64")) ||
	       (!strncmp(b, "ppc64", 5) && !strncmp(k, "ppc64", 5));
}

char *mb_emulation_judge(const char *build_arch, const char *self_exe, const char *task_exe,
			 const char *kernel_arch)
{
	if (self_exe && task_exe && strcmp(self_exe, task_exe))
		return fmt("user-mode emulation: the process executes %s, not %s "
			   "(/proc/PID/task/PID/exe vs /proc/self/exe); kernel %s, build %s",
			   task_exe, self_exe, kernel_arch ? kernel_arch : "unknown", build_arch);
	if (kernel_arch && !runs_natively(build_arch, kernel_arch))
		return fmt("user-mode emulation: the kernel is %s (/proc/sys/kernel/arch) and "
			   "cannot run this %s build natively", kernel_arch, build_arch);
	return NULL;
}

static char *link_of(const char *path)
{
	char buf[4096];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);

	if (n <= 0)
		return NULL;
	buf[n] = 0;
	return strdup(buf);
}

static char *first_line(const char *path)
{
	char buf[256];
	FILE *f = fopen(path, "r");
	char *s = NULL;

	if (!f)
		return NULL;
	if (fgets(buf, sizeof(buf), f)) {
		buf[strcspn(buf, "\n")] = 0;
		if (buf[0])
			s = strdup(buf);
	}
	fclose(f);
	return s;
}

char *mb_emulation_probe(const char *build_arch)
{
	char task[64], *self_exe, *task_exe, *karch, *why;

	snprintf(task, sizeof(task), "/proc/%ld/task/%ld/exe", (long)getpid(), (long)getpid());
	self_exe = link_of("/proc/self/exe");
	task_exe = link_of(task);
	karch = first_line("/proc/sys/kernel/arch");
	why = mb_emulation_judge(build_arch, self_exe, task_exe, karch);
	free(self_exe);
	free(task_exe);
	free(karch);
	return why;
}
