/* SPDX-License-Identifier: MIT */
/* tests/unit_json_scan.c - the syntax check `membench merge` relies on (src/result/json_scan.c). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "result/json_scan.h"

static const char *const keys[] = { "a", "b" };

static int scan(const char *doc, struct mb_span *v, char *err)
{
	return mb_json_members(doc, strlen(doc), true, keys, 2, v, err, 128);
}

static int bad(const char *doc, const char *want)
{
	struct mb_span v[2];
	char err[128] = "";

	return scan(doc, v, err) == -1 && strstr(err, want) != NULL;
}

static int count(size_t i, struct mb_span v, void *arg)
{
	(void)i;
	(void)v;
	++*(int *)arg;
	return 0;
}

int main(void)
{
	struct mb_span v[2];
	char err[128] = "", *s;
	char deep[1200];
	int n = 0;

	CHECK(scan(" {\"a\": [1, -2.5e+3, 0, 0.25, true, false, null, \"x\\u00e9\\n\", {}], \"c\": {\"b\": 1},"
		   " \"b\": \"h\\u00e9\\ud83d\\ude00\"}\n", v, err) == 0, "a valid document (%s)", err);
	CHECK(v[0].len && v[0].p[0] == '[' && v[0].p[v[0].len - 1] == ']', "the span of \"a\" is its array");
	CHECK(mb_json_each(v[0], count, &n) == 0 && n == 9, "9 elements walked (%d)", n);
	s = mb_json_string(v[1]);
	CHECK(s && !strcmp(s, "h\xc3\xa9\xf0\x9f\x98\x80"), "escapes decoded, a surrogate pair as one code point");
	free(s);
	CHECK(scan("{\"c\": 1}", v, err) == 0 && !v[0].p && !v[1].p, "absent keys: empty spans");
	CHECK(bad("{\"a\": 01}", "expected ','"), "a leading zero");
	CHECK(bad("{\"a\": 1.}", "bad number"), "1. is no number");
	CHECK(bad("{\"a\": -}", "bad number"), "- alone");
	CHECK(bad("{\"a\": 1e}", "bad number"), "an exponent without digits");
	CHECK(bad("{\"a\": NaN}", "unexpected 'N'"), "NaN is not JSON");
	CHECK(bad("{\"a\": \"\\x\"}", "bad escape"), "\\x");
	CHECK(bad("{\"a\": \"\\u12\"}", "bad \\u escape"), "a short \\u");
	CHECK(bad("{\"a\": \"a\tb\"}", "control character"), "a raw tab in a string");
	CHECK(bad("{\"a\": \"\xc3\x28\"}", "invalid UTF-8"), "invalid UTF-8");
	CHECK(bad("{\"a\": \"\xed\xa0\x80\"}", "invalid UTF-8"), "an encoded surrogate");
	CHECK(bad("{\"a\": \"abc}", "unterminated string"), "unterminated string");
	CHECK(bad("{\"a\": [1, 2}", "expected ',' or ']'"), "a bracket mismatch");
	CHECK(bad("{\"a\": 1} x", "more after the end"), "something after the object");
	CHECK(bad("{\"a\": 1, \"a\": 2}", "key \"a\" twice"), "a wanted key twice");
	CHECK(bad("{\"a\": 1,\n\n \"b\": tru}", "line 3: "), "errors give the line");
	CHECK(bad("[1]", "not an object"), "not an object");
	CHECK(bad("", "empty"), "empty input");
	memset(deep, '[', 600);
	snprintf(deep, sizeof(deep), "{\"a\": ");
	memset(deep + 6, '[', 600);
	deep[606] = 0;
	CHECK(bad(deep, "nested deeper than"), "nesting is bounded");
	return CHECK_DONE();
}
