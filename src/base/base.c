/* SPDX-License-Identifier: MIT */
/* src/base/base.c - the error line and the allocation helpers of src/base/base.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

int mb_fail(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("membench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

const char *mb_esc(const char *s)
{
	static __thread char buf[4][400 * 4 + 8];
	static __thread unsigned next;
	char *out = buf[next++ % 4], *o = out;
	size_t n = 0;

	if (!s)
		return "(null)";
	for (; *s && n < 400; s++, n++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c >= 0x7f || c == '\\')
			o += sprintf(o, "\\x%02x", c);
		else
			*o++ = (char)c;
	}
	if (*s)
		o += sprintf(o, "...");
	*o = 0;
	return out;
}

void *mb_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p) {
		fputs("membench: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *mb_xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p) {
		fputs("membench: out of memory\n", stderr);
		abort();
	}
	return p;
}

char *mb_strdup(const char *s)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d) {
		fputs("membench: out of memory\n", stderr);
		abort();
	}
	return d;
}

char *mb_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		fputs("membench: out of memory\n", stderr);
		abort();
	}
	va_end(ap);
	return s;
}
