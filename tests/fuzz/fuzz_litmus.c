/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_litmus.c - libFuzzer harness for the .litmus parser
 * (src/litmus/parse.c) and, for what it accepts, the translator
 * (src/litmus/gen.c).  `make fuzz`; seeds: the tests in litmus/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "litmus/ast.h"
#include "litmus/gen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), err[512];
	struct lt_test t;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	if (lt_parse(text, "fuzz.litmus", &t, err, sizeof(err)) == 0) {
		char *c = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&c, &len);

		if (f) {
			lt_gen_c(&t, "fuzz", "fuzz*/.litmus", f, err, sizeof(err));
			fclose(f);
		}
		free(c);
		lt_free(&t);
	}
	free(text);
	return 0;
}
