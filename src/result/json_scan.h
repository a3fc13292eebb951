/* SPDX-License-Identifier: MIT */
/*
 * src/result/json_scan.h - a JSON syntax check that builds nothing: it walks
 * a buffer once, validates it (RFC 8259: strings with their escapes and
 * UTF-8, numbers, literals, nesting) and hands back where the members of one
 * object lie.  `membench merge` copies results it has checked this way byte
 * for byte instead of building and re-serialising a tree: jansson takes tens
 * of milliseconds for a full result with its raw samples, too slow for a
 * thousand hosts.  The key-by-key check stays with src/result/json_read.c.
 */
#ifndef MB_JSON_SCAN_H
#define MB_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>

/* A value's bytes in the buffer; type is its first byte ('{', '[', '"', 't', 'f', 'n', or a number's). */
struct mb_span {
	const char *p;
	size_t len;
};

/*
 * The members of the object at the start of buf (whitespace around it is
 * allowed; nothing else may follow when whole is true): for each keys[i],
 * its value's span in vals[i] (len 0: absent).  Every value is validated,
 * wanted or not; a key repeated at this level is an error.  Returns 0, or -1
 * with "line L: what" in err.
 */
int mb_json_members(const char *buf, size_t len, bool whole, const char *const *keys, size_t nkeys,
		    struct mb_span *vals, char *err, size_t errlen);

/* The elements of the array in span a, one call of each(i, element, arg) per element;
 * a non-zero return stops the walk and is returned.  a must have been validated. */
int mb_json_each(struct mb_span a, int (*each)(size_t i, struct mb_span v, void *arg), void *arg);

/* A string span's contents, unescaped, NUL-terminated, malloc'd; NULL if v is not a string. */
char *mb_json_string(struct mb_span v);
/* Whether v is the literal true. */
bool mb_json_is_true(struct mb_span v);

#endif
