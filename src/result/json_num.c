/* SPDX-License-Identifier: MIT */
/*
 * src/result/json_num.c - the JSON value helpers of src/result/json_num.h,
 * one policy for every writer.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "base/base.h"
#include "result/json_num.h"

/* A string, or null.  jansson refuses invalid UTF-8 (a hostile argv): replace such bytes by '?'. */
json_t *mb_json_str(const char *s)
{
	json_t *j;
	char *copy;

	if (!s)
		return json_null();
	j = json_string(s);
	if (j)
		return j;
	copy = mb_strdup(s);
	for (char *p = copy; *p; p++)
		if ((unsigned char)*p >= 0x80 || (unsigned char)*p < 0x20)
			*p = '?';
	j = json_string(copy);
	free(copy);
	return j ? j : json_null();
}

json_t *mb_json_num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

json_t *mb_json_int(uint64_t v)
{
	return json_integer(v > (uint64_t)INT64_MAX ? INT64_MAX : (json_int_t)v);
}

void mb_json_set(json_t *o, const char *key, json_t *v)
{
	/* json_object_set_new() takes v even when it fails; only OOM can fail here. */
	if (!v || json_object_set_new(o, key, v)) {
		fputs("membench: out of memory\n", stderr);
		abort();
	}
}

void mb_json_push(json_t *a, json_t *v)
{
	if (!v || json_array_append_new(a, v)) {
		fputs("membench: out of memory\n", stderr);
		abort();
	}
}
