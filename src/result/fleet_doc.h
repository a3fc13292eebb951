/* SPDX-License-Identifier: MIT */
/*
 * src/result/fleet_doc.h - what the fleet's reader (src/result/fleet.c) and
 * `membench merge` (src/result/fleet_merge.c) share about the documents:
 * a file read whole, a value's kind, the schema check and a host record's
 * keys.  Private to those two files.
 */
#ifndef MB_FLEET_DOC_H
#define MB_FLEET_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "result/json_scan.h"

enum { H_NAME, H_SOURCE, H_RESULT, H_N };
extern const char *const fl_host_keys[H_N];

/* The whole of path ("-": stdin) in *buf (grown as needed, reused across calls). */
int fl_slurp(const char *path, char **buf, size_t *cap, size_t *len, char *err, size_t errlen);

/* Whether v is a value of the kind its first byte says: '"', '{' or '['. */
static inline bool fl_is_kind(struct mb_span v, char first)
{
	return v.len && v.p[0] == first;
}

/* What a document says it is: its "schema" string, or NULL with err set. */
char *fl_schema_of(const char *path, struct mb_span v, char *err, size_t errlen);
/* MB_EXIT_USAGE, with err naming what schema is and what this membench reads. */
int fl_foreign(const char *path, const char *schema, char *err, size_t errlen);

#endif /* MB_FLEET_DOC_H */
