/* SPDX-License-Identifier: MIT */
/*
 * src/result/json_read.h - the result reader's parts, private to them: the
 * typed look-ups (src/result/json_get.c) and the readers of the "cost" and
 * "litmus" sections (src/result/json_read_cost.c, json_read_litmus.c) that
 * src/result/json_read.c calls.  Each look-up finds key in o, type-checks
 * it and, on the first problem, keeps one line "FILE: where.key: what" in
 * the reader's err; after that, every call does nothing.
 */
#ifndef MB_JSON_READ_H
#define MB_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "result/result.h"

struct rd {
	const char *file;
	char *err;
	size_t errlen;
	bool failed;
};

enum { OPT = 0, REQ = 1, NUL = 2 };	/* key may be absent / must be present; value may be null */

int jr_bad(struct rd *c, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "an object", "a string", ...: for errors. */
const char *jr_type_name(json_t *v);
void jr_get_str(struct rd *c, json_t *o, const char *key, const char *where, int flags, char **out);
/* Absent or null: NaN. */
void jr_get_num(struct rd *c, json_t *o, const char *key, const char *where, int flags, double *out);
/* An integer of at least min. */
void jr_get_int(struct rd *c, json_t *o, const char *key, const char *where, int flags,
		long long min, long long *out);
void jr_get_u64(struct rd *c, json_t *o, const char *key, const char *where, int flags, uint64_t *out);
/* An int, -1 or more. */
void jr_get_i(struct rd *c, json_t *o, const char *key, const char *where, int flags, int *out);
void jr_get_bool(struct rd *c, json_t *o, const char *key, const char *where, int flags, bool *out);
/* The value if it is of type t (an object or an array), else NULL. */
json_t *jr_get_typed(struct rd *c, json_t *o, const char *key, const char *where, int flags,
		     json_type t);
/* index of s in names[0..n), or -1 (with an error naming the choices). */
int jr_get_enum(struct rd *c, json_t *o, const char *key, const char *where,
		const char *const *names, int n);

/* One entry of "cost" (src/result/json_read_cost.c); w names it in errors ("cost[3]"). */
void jr_read_cost(struct rd *c, json_t *o, const char *w, struct mb_cost_entry *e);
/* One entry of "litmus" (src/result/json_read_litmus.c). */
void jr_read_litmus(struct rd *c, json_t *o, const char *w, struct mb_litmus_entry *e);

#endif /* MB_JSON_READ_H */
