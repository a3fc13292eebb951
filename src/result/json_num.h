/* SPDX-License-Identifier: MIT */
/*
 * src/result/json_num.h - the one set of JSON value helpers, for every
 * writer (the result file, compare, gbench, advise): a number that is not
 * finite is null; an integer beyond int64 is clamped; a string that is not
 * valid UTF-8 has its odd bytes replaced by '?'; NULL is null; a set or
 * append that fails (only out of memory can) aborts.
 */
#ifndef MB_RESULT_JSON_NUM_H
#define MB_RESULT_JSON_NUM_H

#include <stdint.h>

#include <jansson.h>

json_t *mb_json_num(double v);
json_t *mb_json_int(uint64_t v);
json_t *mb_json_str(const char *s);
void mb_json_set(json_t *o, const char *key, json_t *v);
void mb_json_push(json_t *a, json_t *v);

#endif /* MB_RESULT_JSON_NUM_H */
