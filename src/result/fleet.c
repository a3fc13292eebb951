/* SPDX-License-Identifier: MIT */
/*
 * src/result/fleet.c - reading the fleet document (src/result/fleet.h):
 * readers open it whole and hand one host at a time to
 * src/result/json_read.c.  `membench merge` writes it
 * (src/result/fleet_merge.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/base.h"
#include "result/json.h"
#include "result/fleet.h"
#include "result/fleet_doc.h"
#include "result/json_scan.h"
#include "result/result.h"

/* The whole of path ("-": stdin) in *buf (grown as needed, reused across calls). */
int fl_slurp(const char *path, char **buf, size_t *cap, size_t *len, char *err, size_t errlen)
{
	FILE *f = !strcmp(path, "-") ? stdin : fopen(path, "rb");
	struct stat st;
	size_t n;

	if (!f) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		return MB_EXIT_USAGE;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		if (f != stdin)
			fclose(f);
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(EISDIR));
		return MB_EXIT_USAGE;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size + 1 > *cap) {
		*cap = (size_t)st.st_size + 1;
		*buf = mb_xrealloc(*buf, *cap);
	}
	*len = 0;
	for (;;) {
		if (*len + 1 >= *cap) {
			*cap = *cap ? 2 * *cap : 1 << 16;
			*buf = mb_xrealloc(*buf, *cap);
		}
		n = fread(*buf + *len, 1, *cap - 1 - *len, f);
		*len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno ? errno : EIO));
		if (f != stdin)
			fclose(f);
		return MB_EXIT_USAGE;
	}
	if (f != stdin)
		fclose(f);
	(*buf)[*len] = 0;
	return MB_EXIT_OK;
}

/* What a document says it is: its "schema" string, or NULL with err set. */
char *fl_schema_of(const char *path, struct mb_span v, char *err, size_t errlen)
{
	char *s = mb_json_string(v);

	if (!s)
		snprintf(err, errlen, "%s: not a membench result (no \"schema\": \"%s\")", path, MB_SCHEMA);
	return s;
}

int fl_foreign(const char *path, const char *schema, char *err, size_t errlen)
{
	if (!strncmp(schema, "membench-result/", 16) || !strncmp(schema, "membench-fleet/", 15))
		snprintf(err, errlen, "%s: schema \"%.64s\" is not supported by this membench "
			 "(reads \"%s\" and \"%s\")", path, schema, MB_SCHEMA, MB_FLEET_SCHEMA);
	else
		snprintf(err, errlen, "%s: not a membench result (schema is \"%.64s\", expected \"%s\" "
			 "or \"%s\")", path, schema, MB_SCHEMA, MB_FLEET_SCHEMA);
	return MB_EXIT_USAGE;
}

enum { F_SCHEMA, F_CREATED, F_COMMAND, F_HOSTS, F_N };
static const char *const fleet_keys[F_N] = { "schema", "created", "command", "hosts" };
const char *const fl_host_keys[H_N] = { "name", "source", "result" };

struct walk {
	struct mb_fleet *f;
	char *err;
	size_t errlen;
};

static int take_host(size_t i, struct mb_span v, void *arg)
{
	struct walk *w = arg;
	struct mb_fleet *f = w->f;
	struct mb_span h[H_N];
	struct mb_fleet_host *e;
	char why[200];

	if (mb_json_members(v.p, v.len, true, fl_host_keys, H_N, h, why, sizeof(why))) {
		snprintf(w->err, w->errlen, "%s: hosts[%zu]: %s", f->path, i, why);
		return -1;
	}
	if (!fl_is_kind(h[H_NAME], '"') || !fl_is_kind(h[H_RESULT], '{')) {
		snprintf(w->err, w->errlen, "%s: hosts[%zu]: needs \"name\" (a string) and \"result\" "
			 "(an object)", f->path, i);
		return -1;
	}
	e = &f->hosts[f->n++];
	e->name = mb_json_string(h[H_NAME]);
	e->source = fl_is_kind(h[H_SOURCE], '"') ? mb_json_string(h[H_SOURCE]) : NULL;
	e->result = h[H_RESULT].p;
	e->result_len = h[H_RESULT].len;
	for (size_t k = 0; k + 1 < f->n; k++)
		if (!strcmp(f->hosts[k].name, e->name)) {
			snprintf(w->err, w->errlen, "%s: host \"%.64s\" is there twice (hosts[%zu] and "
				 "hosts[%zu])", f->path, e->name, k, i);
			return -1;
		}
	return 0;
}

static int count(size_t i, struct mb_span v, void *arg)
{
	(void)i;
	(void)v;
	++*(size_t *)arg;
	return 0;
}

int mb_fleet_open(const char *path, struct mb_fleet *f, bool *is_fleet, char *err, size_t errlen)
{
	struct mb_span v[F_N];
	size_t cap = 0, n = 0;
	struct walk w = { f, err, errlen };
	char *schema = NULL, why[200];
	int rc = MB_EXIT_OK;

	memset(f, 0, sizeof(*f));
	*is_fleet = false;
	if ((rc = fl_slurp(path, &f->buf, &cap, &f->len, err, errlen)))
		goto out;
	f->path = mb_strdup(path);
	/* Anything but a fleet is the result reader's to read, or to explain. */
	if (mb_json_members(f->buf, f->len, true, fleet_keys, F_N, v, why, sizeof(why)) ||
	    !(schema = mb_json_string(v[F_SCHEMA])) || strncmp(schema, "membench-fleet/", 15))
		goto out;
	if (strcmp(schema, MB_FLEET_SCHEMA)) {
		rc = fl_foreign(path, schema, err, errlen);
		goto out;
	}
	if (!fl_is_kind(v[F_HOSTS], '[')) {
		snprintf(err, errlen, "%s: \"hosts\" is missing or not an array", path);
		rc = MB_EXIT_USAGE;
		goto out;
	}
	mb_json_each(v[F_HOSTS], count, &n);
	f->hosts = mb_xcalloc(n, sizeof(*f->hosts));
	if (mb_json_each(v[F_HOSTS], take_host, &w)) {
		rc = MB_EXIT_USAGE;
		goto out;
	}
	free(schema);
	*is_fleet = true;
	return MB_EXIT_OK;
out:
	free(schema);
	mb_fleet_free(f);
	return rc;
}

int mb_fleet_result(const struct mb_fleet *f, size_t i, struct mb_result *r, char *err, size_t errlen)
{
	char *where = mb_asprintf("%s: host %s", f->path, f->hosts[i].name);
	int rc = mb_json_read_buf(where, f->hosts[i].result, f->hosts[i].result_len, r, err, errlen);

	free(where);
	return rc;
}

const struct mb_fleet_host *mb_fleet_find(const struct mb_fleet *f, const char *name, size_t *index)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->hosts[i].name, name)) {
			if (index)
				*index = i;
			return &f->hosts[i];
		}
	return NULL;
}

void mb_fleet_free(struct mb_fleet *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->hosts[i].name);
		free(f->hosts[i].source);
	}
	free(f->hosts);
	free(f->buf);
	free(f->path);
	memset(f, 0, sizeof(*f));
}
