/* SPDX-License-Identifier: MIT */
/*
 * src/result/json_get.c - the result reader's typed look-ups
 * (src/result/json_read.h): each key found or missing, null or not, of the
 * type wanted, and the first problem kept as one line "FILE: where: what".
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/base.h"
#include "result/json_read.h"

int jr_bad(struct rd *c, const char *where, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	if (c->failed)
		return -1;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(c->err, c->errlen, "%s: %s: %s", mb_esc(c->file), mb_esc(where), mb_esc(what));
	c->failed = true;
	return -1;
}

/* The value at key, or NULL (absent, or null when allowed); sets an error as flags say. */
static json_t *get(struct rd *c, json_t *o, const char *key, const char *where, int flags,
		   bool *is_null)
{
	json_t *v = json_object_get(o, key);
	char at[256];

	*is_null = false;
	if (!v) {
		if (flags & REQ) {
			snprintf(at, sizeof(at), "%s", where);
			jr_bad(c, at, "missing key \"%s\"", key);
		}
		*is_null = true;
		return NULL;
	}
	if (json_is_null(v)) {
		if (!(flags & NUL)) {
			snprintf(at, sizeof(at), "%s.%s", where, key);
			jr_bad(c, at, "is null");
		}
		*is_null = true;
		return NULL;
	}
	return v;
}

const char *jr_type_name(json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a number";
	case JSON_TRUE: case JSON_FALSE: return "a boolean";
	default: return "null";
	}
}

static void wrong(struct rd *c, const char *where, const char *key, json_t *v, const char *want)
{
	char at[256];

	snprintf(at, sizeof(at), "%s.%s", where, key);
	jr_bad(c, at, "expected %s, found %s", want, jr_type_name(v));
}

void jr_get_str(struct rd *c, json_t *o, const char *key, const char *where, int flags, char **out)
{
	bool n;
	json_t *v = get(c, o, key, where, flags, &n);

	if (!v)
		return;
	if (!json_is_string(v)) {
		wrong(c, where, key, v, "a string");
		return;
	}
	*out = mb_strdup(json_string_value(v));
}

void jr_get_num(struct rd *c, json_t *o, const char *key, const char *where, int flags, double *out)
{
	bool n;
	json_t *v = get(c, o, key, where, flags, &n);

	if (n)
		*out = NAN;
	if (!v)
		return;
	if (!json_is_number(v)) {
		wrong(c, where, key, v, "a number");
		return;
	}
	*out = json_number_value(v);
}

void jr_get_int(struct rd *c, json_t *o, const char *key, const char *where, int flags,
		    long long min, long long *out)
{
	bool n;
	json_t *v = get(c, o, key, where, flags, &n);
	char at[256];

	if (!v)
		return;
	if (!json_is_integer(v)) {
		wrong(c, where, key, v, "an integer");
		return;
	}
	*out = json_integer_value(v);
	if (*out < min) {
		snprintf(at, sizeof(at), "%s.%s", where, key);
		jr_bad(c, at, "%lld is less than %lld", *out, min);
	}
}

void jr_get_u64(struct rd *c, json_t *o, const char *key, const char *where, int flags, uint64_t *out)
{
	long long v = 0;

	jr_get_int(c, o, key, where, flags, 0, &v);
	*out = (uint64_t)v;
}

void jr_get_i(struct rd *c, json_t *o, const char *key, const char *where, int flags, int *out)
{
	long long v = *out;

	jr_get_int(c, o, key, where, flags, -1, &v);
	if (v > 0x7fffffff)
		jr_bad(c, where, "\"%s\" is out of range", key);
	else
		*out = (int)v;
}

void jr_get_bool(struct rd *c, json_t *o, const char *key, const char *where, int flags, bool *out)
{
	bool n;
	json_t *v = get(c, o, key, where, flags, &n);

	if (!v)
		return;
	if (!json_is_boolean(v)) {
		wrong(c, where, key, v, "a boolean");
		return;
	}
	*out = json_is_true(v);
}

json_t *jr_get_typed(struct rd *c, json_t *o, const char *key, const char *where, int flags,
			 json_type t)
{
	bool n;
	json_t *v = get(c, o, key, where, flags, &n);

	if (v && json_typeof(v) != t) {
		wrong(c, where, key, v, t == JSON_OBJECT ? "an object" : "an array");
		return NULL;
	}
	return v;
}

/* index of s in names[0..n), or -1 (with an error naming the choices). */
int jr_get_enum(struct rd *c, json_t *o, const char *key, const char *where,
		    const char *const *names, int n)
{
	char *s = NULL, at[256], choices[160] = "";
	int found = -1;

	jr_get_str(c, o, key, where, REQ, &s);
	if (!s)
		return -1;
	for (int i = 0; i < n; i++) {
		if (!strcmp(s, names[i]))
			found = i;
		snprintf(choices + strlen(choices), sizeof(choices) - strlen(choices), "%s%s",
			 i ? ", " : "", names[i]);
	}
	if (found < 0) {
		snprintf(at, sizeof(at), "%s.%s", where, key);
		jr_bad(c, at, "unknown value \"%.64s\" (expected one of %s)", s, choices);
	}
	free(s);
	return found;
}
