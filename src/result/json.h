/* SPDX-License-Identifier: MIT */
/*
 * src/result/json.h - the result model (src/result/result.h) as the
 * schema's JSON (docs/schema/), written and read back.
 */
#ifndef MB_RESULT_JSON_H
#define MB_RESULT_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "result/result.h"

/* src/result/json_write.c: the schema's JSON; atomically (temp + rename) when path is a file, "-" = stdout. */
int mb_json_write(const struct mb_result *r, const char *path);
/* Write a file atomically: dump(f, arg) (0 or -1) into a temporary file beside
 * target, fsync, rename; 0 or an errno, and target untouched on failure. */
int mb_write_atomic(const char *target, int (*dump)(FILE *f, void *arg), void *arg);
/* Check, before a long run, that path's directory can take the file. */
int mb_json_check_writable(const char *path);
/* src/result/json_read.c: rebuild a result; on error fills err with one line and returns MB_EXIT_USAGE. */
int mb_json_read(const char *path, struct mb_result *r, char *err, size_t errlen);
/* The same from memory (a host of a fleet, src/result/fleet.c); name stands for the file in errors. */
int mb_json_read_buf(const char *name, const char *buf, size_t len, struct mb_result *r, char *err,
		     size_t errlen);

#endif /* MB_RESULT_JSON_H */
