/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_json.c - libFuzzer harness for the result reader
 * (src/result/json_read.c) and, for what it accepts, the check gate
 * (src/commands/check.c) and the writer (src/result/json_write.c).  `make fuzz`; seeds: results/, tests/fixtures/.
 * The reader takes a path: the input goes through a memfd.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "commands/engines.h"
#include "result/result.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	static FILE *sink;
	struct mb_result r;
	char err[512];

	if (fd < 0) {
		fd = memfd_create("fuzz.json", 0);
		if (fd < 0)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		sink = fopen("/dev/null", "w");
		if (!sink || !freopen("/dev/null", "w", stdout))	/* libFuzzer reports on stderr */
			abort();
	}
	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	if (mb_json_read(path, &r, err, sizeof(err)) == 0) {
		mb_check_result(&r, sink);
		mb_json_write(&r, "-");		/* and back out: the writer on what was read */
		mb_result_free(&r);
	}
	return 0;
}
