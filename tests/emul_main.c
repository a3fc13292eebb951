/* SPDX-License-Identifier: MIT */
/* tests/emul_main.c - prints what src/platform/emul.c sees; tests/t_emul.sh builds it per arch. */
#include <stdio.h>

#include "arch/arch.h"
#include "platform/emul.h"

int main(void)
{
	char *why = mb_emulation_probe(MB_ARCH_NAME);

	printf("%s: %s\n", MB_ARCH_NAME, why ? why : "native");
	return why ? 1 : 0;
}
