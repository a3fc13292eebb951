/* SPDX-License-Identifier: MIT */
/*
 * src/result/json_scan.c - validate JSON without building it, and find an
 * object's members (src/result/json_scan.h).  One pass, no allocation but
 * for unescaped strings handed out; nesting is bounded so that a hostile
 * "[[[[..." cannot exhaust the stack.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result/json_scan.h"

#define MAX_DEPTH	256

struct sc {
	const char *buf, *p, *end;
	char *err;
	size_t errlen;
	bool failed;
};

static int fail(struct sc *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct sc *s, const char *fmt, ...)
{
	char what[160];
	size_t line = 1;
	va_list ap;

	if (s->failed)
		return -1;
	for (const char *q = s->buf; q < s->p && q < s->end; q++)
		line += *q == '\n';
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(s->err, s->errlen, "line %zu: %s", line, what);
	s->failed = true;
	return -1;
}

/* Whitespace: ' ', \n, \t, \r, by one table lookup (raw samples are mostly indentation). */
static const unsigned char is_ws[256] = { [' '] = 1, ['\n'] = 1, ['\t'] = 1, ['\r'] = 1 };

static void ws(struct sc *s)
{
	const char *p = s->p, *end = s->end;

	while (p < end && is_ws[(unsigned char)*p])
		p++;
	s->p = p;
}

static int hex4(const char *p)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* Length of the UTF-8 sequence at p (well-formed, shortest form, no surrogates), or 0. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0];
	size_t n;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

static int string(struct sc *s)
{
	s->p++;		/* the opening quote */
	while (s->p < s->end) {
		unsigned char c = (unsigned char)*s->p;
		size_t n;

		if (c == '"') {
			s->p++;
			return 0;
		}
		if (c < 0x20)
			return fail(s, "control character in a string");
		if (c == '\\') {
			if (s->end - s->p < 2)
				break;
			c = (unsigned char)s->p[1];
			if (c == 'u') {
				if (s->end - s->p < 6 || hex4(s->p + 2) < 0)
					return fail(s, "bad \\u escape");
				s->p += 6;
			} else if (strchr("\"\\/bfnrt", c) && c) {
				s->p += 2;
			} else {
				return fail(s, "bad escape \\%c", c);
			}
			continue;
		}
		n = utf8_len((const unsigned char *)s->p, (const unsigned char *)s->end);
		if (!n)
			return fail(s, "invalid UTF-8 in a string");
		s->p += n;
	}
	return fail(s, "unterminated string");
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, on a local pointer: most of a result is numbers. */
static int number(struct sc *s)
{
	const char *p = s->p, *end = s->end;

#define DIGIT (p < end && (unsigned)(*p - '0') < 10)
	if (*p == '-')
		p++;
	if (!DIGIT)
		goto bad;
	if (*p++ != '0')
		while (DIGIT)
			p++;
	if (p < end && *p == '.') {
		p++;
		if (!DIGIT)
			goto bad;
		while (DIGIT)
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (!DIGIT)
			goto bad;
		while (DIGIT)
			p++;
	}
#undef DIGIT
	s->p = p;
	return 0;
bad:
	s->p = p;
	return fail(s, "bad number");
}

static int literal(struct sc *s, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n))
		return fail(s, "unexpected '%c'", *s->p);
	s->p += n;
	return 0;
}

static int value(struct sc *s, int depth);

/* An object's members; wanted keys' value spans into vals.  s->p is at '{'. */
static int object(struct sc *s, int depth, const char *const *keys, size_t nkeys, struct mb_span *vals)
{
	if (depth > MAX_DEPTH)
		return fail(s, "nested deeper than %d", MAX_DEPTH);
	s->p++;
	ws(s);
	if (s->p < s->end && *s->p == '}') {
		s->p++;
		return 0;
	}
	for (;;) {
		const char *k;
		size_t klen;
		int which = -1;

		ws(s);
		if (s->p >= s->end || *s->p != '"')
			return fail(s, s->p >= s->end ? "unexpected end" : "expected a key");
		k = s->p + 1;
		if (string(s))
			return -1;
		klen = (size_t)(s->p - 1 - k);
		for (size_t i = 0; i < nkeys; i++)
			if (strlen(keys[i]) == klen && !memcmp(keys[i], k, klen))
				which = (int)i;
		if (which >= 0 && vals[which].p)
			return fail(s, "key \"%s\" twice", keys[which]);
		ws(s);
		if (s->p >= s->end || *s->p != ':')
			return fail(s, "expected ':'");
		s->p++;
		ws(s);
		if (which >= 0)
			vals[which].p = s->p;
		if (value(s, depth + 1))
			return -1;
		if (which >= 0)
			vals[which].len = (size_t)(s->p - vals[which].p);
		ws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			continue;
		}
		if (s->p < s->end && *s->p == '}') {
			s->p++;
			return 0;
		}
		return fail(s, s->p >= s->end ? "unexpected end" : "expected ',' or '}'");
	}
}

static int array(struct sc *s, int depth, int (*each)(size_t, struct mb_span, void *), void *arg)
{
	size_t i = 0;

	if (depth > MAX_DEPTH)
		return fail(s, "nested deeper than %d", MAX_DEPTH);
	s->p++;
	ws(s);
	if (s->p < s->end && *s->p == ']') {
		s->p++;
		return 0;
	}
	for (;; i++) {
		struct mb_span v;
		int rc;

		ws(s);
		v.p = s->p;
		/* a number needs no dispatch: raw samples are long arrays of them */
		if (s->p < s->end && (*s->p == '-' || (unsigned)(*s->p - '0') < 10) ? number(s) :
		    value(s, depth + 1))
			return -1;
		v.len = (size_t)(s->p - v.p);
		if (each && (rc = each(i, v, arg)))
			return rc;
		ws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			continue;
		}
		if (s->p < s->end && *s->p == ']') {
			s->p++;
			return 0;
		}
		return fail(s, s->p >= s->end ? "unexpected end" : "expected ',' or ']'");
	}
}

static int value(struct sc *s, int depth)
{
	if (s->p >= s->end)
		return fail(s, "unexpected end");
	switch (*s->p) {
	case '{': return object(s, depth, NULL, 0, NULL);
	case '[': return array(s, depth, NULL, NULL);
	case '"': return string(s);
	case 't': return literal(s, "true");
	case 'f': return literal(s, "false");
	case 'n': return literal(s, "null");
	default:
		if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9'))
			return number(s);
		return fail(s, "unexpected '%c'", *s->p);
	}
}

int mb_json_members(const char *buf, size_t len, bool whole, const char *const *keys, size_t nkeys,
		    struct mb_span *vals, char *err, size_t errlen)
{
	struct sc s = { buf, buf, buf + len, err, errlen, false };

	memset(vals, 0, nkeys * sizeof(*vals));
	ws(&s);
	if (s.p >= s.end || *s.p != '{')
		return fail(&s, s.p >= s.end ? "empty" : "not an object");
	if (object(&s, 0, keys, nkeys, vals))
		return -1;
	ws(&s);
	if (whole && s.p < s.end)
		return fail(&s, "more after the end of the object");
	return 0;
}

int mb_json_each(struct mb_span a, int (*each)(size_t i, struct mb_span v, void *arg), void *arg)
{
	char err[8];
	struct sc s = { a.p, a.p, a.p + a.len, err, sizeof(err), false };

	if (!a.len || *a.p != '[')
		return -1;
	return array(&s, 0, each, arg);
}

static size_t put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

char *mb_json_string(struct mb_span v)
{
	char *out, *o;

	if (v.len < 2 || v.p[0] != '"')
		return NULL;
	out = o = malloc(v.len);
	if (!out) {
		fputs("membench: out of memory\n", stderr);
		abort();
	}
	for (const char *p = v.p + 1; p < v.p + v.len - 1; p++) {
		if (*p != '\\') {
			*o++ = *p;
			continue;
		}
		p++;
		switch (*p) {
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			unsigned cp = (unsigned)hex4(p + 1), lo;

			p += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && p[1] == '\\' && p[2] == 'u' &&
			    (lo = (unsigned)hex4(p + 3)) >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				p += 6;
			} else if (cp >= 0xd800 && cp < 0xe000) {
				cp = 0xfffd;	/* a lone surrogate */
			}
			o += put_utf8(o, cp);
			break;
		}
		default: *o++ = *p; break;	/* " \ / */
		}
	}
	*o = 0;
	return out;
}

bool mb_json_is_true(struct mb_span v)
{
	return v.len == 4 && !memcmp(v.p, "true", 4);
}
