/* SPDX-License-Identifier: MIT */
/*
 * src/result/fleet.h - many hosts in one document, schema "membench-fleet/1"
 * (docs/schema/membench-fleet-1.schema.json, docs/results.md): each host's
 * membench-result/1 document kept whole under its name.  `membench merge`
 * writes it; `check`, `compare` and scripts/plot.py read it host by host.
 */
#ifndef MB_FLEET_H
#define MB_FLEET_H

#include <stdbool.h>
#include <stddef.h>

#include "result/result.h"

#define MB_FLEET_SCHEMA "membench-fleet/1"

struct mb_fleet_host {
	char *name;		/* unique within the fleet */
	char *source;		/* the file it was merged from */
	const char *result;	/* its membench-result/1 document, inside buf */
	size_t result_len;
};

struct mb_fleet {
	char *path;
	char *buf;		/* the whole file */
	size_t len;
	struct mb_fleet_host *hosts;
	size_t n;
};

/*
 * Open path if it is a fleet: MB_EXIT_OK and *is_fleet true.  MB_EXIT_OK and
 * *is_fleet false when it is anything else (nothing kept: mb_json_read
 * reads it, or says what is wrong with it); MB_EXIT_USAGE with one line in
 * err when it cannot be read, or is a fleet of another version or broken.
 */
int mb_fleet_open(const char *path, struct mb_fleet *f, bool *is_fleet, char *err, size_t errlen);
/* Host i's result, read and checked key by key (src/result/json_read.c). */
int mb_fleet_result(const struct mb_fleet *f, size_t i, struct mb_result *r, char *err, size_t errlen);
/* Host named name, or NULL. */
const struct mb_fleet_host *mb_fleet_find(const struct mb_fleet *f, const char *name, size_t *index);
void mb_fleet_free(struct mb_fleet *f);

/*
 * `membench merge`: every input (a result, NAME=RESULT, or a fleet) into one
 * fleet at out ("-": stdout), written atomically.  A host's name is NAME,
 * else HOSTNAME-ARCH from its host record, else the file's name without .json.  Each input is
 * checked for JSON syntax, schema and the top-level keys as it is copied;
 * the first problem, a duplicate host name included, is one line and
 * MB_EXIT_USAGE, and out is left as it was.  Prints a summary on stderr.
 */
int mb_fleet_merge(char *const *inputs, int n, const char *out, const char *created,
		   const char *command);

#endif
