/* SPDX-License-Identifier: MIT */
/* tests/unit_emul.c - user-mode emulation detection (src/platform/emul.c). */
#include <stdlib.h>
#include <string.h>

#include "arch/arch.h"
#include "check.h"
#include "platform/emul.h"

static int has(char *s, const char *part)
{
	int r = s && strstr(s, part);

	free(s);
	return r;
}

int main(void)
{
	char *s;

	s = mb_emulation_probe(MB_ARCH_NAME);
	CHECK(s == NULL, "this test runs natively: %s", s ? s : "no emulation seen");
	free(s);
	CHECK(mb_emulation_judge("x86_64", "/bin/m", "/bin/m", "x86_64") == NULL, "same exe, same arch: native");
	CHECK(mb_emulation_judge("x86_64", NULL, NULL, NULL) == NULL, "nothing readable: native (no claim)");
	CHECK(has(mb_emulation_judge("aarch64", "/tmp/membench", "/usr/bin/qemu-aarch64", "x86_64"),
		  "executes /usr/bin/qemu-aarch64, not /tmp/membench"), "qemu-user: the emulator is named");
	CHECK(has(mb_emulation_judge("i386", "/tmp/m", "/usr/bin/qemu-i386", "x86_64"), "qemu-i386"),
	      "qemu-i386 on x86_64: caught by the exe links although the arches are compatible");
	CHECK(mb_emulation_judge("i386", "/tmp/m", "/tmp/m", "x86_64") == NULL, "i386 on x86_64: native compat");
	CHECK(mb_emulation_judge("arm", NULL, NULL, "aarch64") == NULL, "arm on aarch64: native compat");
	CHECK(mb_emulation_judge("i386", NULL, NULL, "i686") == NULL, "i386 on i686: native");
	CHECK(has(mb_emulation_judge("riscv64", "/m", "/m", "x86_64"), "the kernel is x86_64"),
	      "both links faked: the kernel's arch still tells");
	CHECK(mb_emulation_judge("ppc64le", "/m", "/m", "ppc64le") == NULL, "ppc64le native");
	return CHECK_DONE();
}
