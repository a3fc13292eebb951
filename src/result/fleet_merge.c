/* SPDX-License-Identifier: MIT */
/*
 * src/result/fleet_merge.c - `membench merge` (src/result/fleet.h): the
 * fleet document written as a stream, each host's result copied byte for
 * byte after src/result/json_scan.c has checked it, so that neither time
 * nor memory grows with more than one input at a time.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "result/json.h"
#include "result/fleet.h"
#include "result/fleet_doc.h"
#include "result/json_scan.h"
#include "result/result.h"

/* Host names seen so far: an open-addressing set, so 1,000 hosts cost 1,000 probes, not 500,000. */
struct names {
	char **slot;
	char **from;		/* the input each came from, for the error (a copy: a fleet's
				 * host is named by a string freed once it is copied) */
	size_t cap, n;
};

static size_t hash(const char *s)
{
	size_t h = 14695981039346656037ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

/* NULL when added (name and from then belong to t); else the input that had it first. */
static const char *names_add(struct names *t, char *name, char *from)
{
	size_t i;

	if (2 * (t->n + 1) > t->cap) {
		struct names bigger = { NULL, NULL, t->cap ? 2 * t->cap : 64, 0 };

		bigger.slot = mb_xcalloc(bigger.cap, sizeof(char *));
		bigger.from = mb_xcalloc(bigger.cap, sizeof(char *));
		for (size_t k = 0; k < t->cap; k++)
			if (t->slot[k])
				names_add(&bigger, t->slot[k], t->from[k]);
		free(t->slot);
		free(t->from);
		*t = bigger;
	}
	for (i = hash(name) & (t->cap - 1); t->slot[i]; i = (i + 1) & (t->cap - 1))
		if (!strcmp(t->slot[i], name))
			return t->from[i];
	t->slot[i] = name;
	t->from[i] = from;
	t->n++;
	return NULL;
}

static void names_free(struct names *t)
{
	for (size_t k = 0; k < t->cap; k++) {
		free(t->slot[k]);
		free(t->from[k]);
	}
	free(t->slot);
	free(t->from);
}

/* A JSON string, escaped. */
static void put_str(FILE *o, const char *s)
{
	fputc('"', o);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(o, "\\%c", c);
		else if (c < 0x20)
			fprintf(o, "\\u%04x", c);
		else
			fputc(c, o);
	}
	fputc('"', o);
}

struct merge {
	char *const *inputs;
	int n;
	const char *created, *command;
	char err[512];
	struct names names;
	char *buf;
	size_t cap;
	size_t hosts, emulated;
	char emu_names[160];
	char arches[256];
};

enum { R_SCHEMA, R_CREATED, R_HOST, R_COST, R_LITMUS, R_N };
static const char *const result_keys[R_N] = { "schema", "created", "host", "cost", "litmus" };
enum { HH_NAME, HH_ARCH, HH_EMULATED, HH_N };
static const char *const hostrec_keys[HH_N] = { "name", "arch", "emulated" };

static void note_arch(struct merge *m, const char *arch)
{
	char key[72];

	snprintf(key, sizeof(key), " %s,", arch);
	if (!strstr(m->arches, key) && strlen(m->arches) + strlen(key) < sizeof(m->arches))
		strcat(m->arches, key);
}

/*
 * One result document (buf, len bytes) appended to o as host name (NULL:
 * HOSTNAME-ARCH from its host record, else the file name's stem), merged
 * from source; path names it in errors.
 */
static int add_scanned(struct merge *m, FILE *o, const char *buf, size_t len, const struct mb_span *v,
		       const char *name, const char *source, const char *path)
{
	struct mb_span h[HH_N];
	char why[200], *schema, *host, *arch;
	const char *first;
	char *from;
	int rc;

	if (!(schema = fl_schema_of(path, v[R_SCHEMA], m->err, sizeof(m->err))))
		return MB_EXIT_USAGE;
	rc = strcmp(schema, MB_SCHEMA) ? fl_foreign(path, schema, m->err, sizeof(m->err)) : MB_EXIT_OK;
	free(schema);
	if (rc)
		return rc;
	for (int k = R_CREATED; k < R_N; k++) {
		static const char want[R_N] = { '"', '"', '{', '[', '[' };

		if (!fl_is_kind(v[k], want[k])) {
			snprintf(m->err, sizeof(m->err), "%s: top level: \"%s\" is missing or not %s", path,
				 result_keys[k], want[k] == '{' ? "an object" : want[k] == '[' ? "an array" :
				 "a string");
			return MB_EXIT_USAGE;
		}
	}
	mb_json_members(v[R_HOST].p, v[R_HOST].len, true, hostrec_keys, HH_N, h, why, sizeof(why));
	arch = mb_json_string(h[HH_ARCH]);
	if (!arch) {
		snprintf(m->err, sizeof(m->err), "%s: host: \"arch\" is missing or not a string", path);
		return MB_EXIT_USAGE;
	}
	if (name) {
		host = mb_strdup(name);
	} else if ((host = mb_json_string(h[HH_NAME])) != NULL && host[0]) {
		/* one machine may run several arches (compat, qemu-user): the result files' own naming */
		char *both = mb_asprintf("%s-%s", host, arch);

		free(host);
		host = both;
	} else {
		const char *base = strrchr(source, '/') ? strrchr(source, '/') + 1 : source;
		size_t bl = strlen(base);

		free(host);
		host = mb_asprintf("%.*s", (int)(bl > 5 && !strcmp(base + bl - 5, ".json") ? bl - 5 : bl), base);
	}
	from = mb_strdup(path);
	if ((first = names_add(&m->names, host, from))) {
		snprintf(m->err, sizeof(m->err), "duplicate host \"%.64s\": in %s and in %s (name one "
			 "with NAME=FILE)", host, first, path);
		free(host);
		free(from);
		free(arch);
		return MB_EXIT_USAGE;
	}
	note_arch(m, arch);
	free(arch);
	if (mb_json_is_true(h[HH_EMULATED])) {
		size_t used = strlen(m->emu_names);

		if (m->emulated < 4 && used + strlen(host) + 3 < sizeof(m->emu_names))
			snprintf(m->emu_names + used, sizeof(m->emu_names) - used, "%s%s",
				 m->emulated ? ", " : "", host);
		m->emulated++;
	}
	fputs(m->hosts ? ",\n    {\n      \"name\": " : "\n    {\n      \"name\": ", o);
	put_str(o, host);	/* owned by m->names now */
	fputs(",\n      \"source\": ", o);
	put_str(o, source);
	fputs(",\n      \"result\": ", o);
	/* the document itself, byte for byte: from its '{' to its '}' */
	while (len && buf[0] != '{')
		buf++, len--;
	while (len && buf[len - 1] != '}')
		len--;
	fwrite(buf, 1, len, o);
	fputs("\n    }", o);
	m->hosts++;
	return MB_EXIT_OK;
}

/* The same, for a document not scanned yet. */
static int add_result(struct merge *m, FILE *o, const char *buf, size_t len, const char *name,
		      const char *source, const char *path)
{
	struct mb_span v[R_N];
	char why[200];

	if (mb_json_members(buf, len, true, result_keys, R_N, v, why, sizeof(why))) {
		snprintf(m->err, sizeof(m->err), "%s: not valid JSON: %s", path, why);
		return MB_EXIT_USAGE;
	}
	return add_scanned(m, o, buf, len, v, name, source, path);
}

struct fleet_in {
	struct merge *m;
	FILE *o;
	const char *path;
	int rc;
};

static int add_fleet_host(size_t i, struct mb_span v, void *arg)
{
	struct fleet_in *fi = arg;
	struct mb_span h[H_N];
	char why[200], *name, *source, *where;

	if (mb_json_members(v.p, v.len, true, fl_host_keys, H_N, h, why, sizeof(why)) ||
	    !fl_is_kind(h[H_NAME], '"') || !fl_is_kind(h[H_RESULT], '{')) {
		snprintf(fi->m->err, sizeof(fi->m->err), "%s: hosts[%zu]: needs \"name\" (a string) "
			 "and \"result\" (an object)", fi->path, i);
		return fi->rc = MB_EXIT_USAGE;
	}
	name = mb_json_string(h[H_NAME]);
	source = fl_is_kind(h[H_SOURCE], '"') ? mb_json_string(h[H_SOURCE]) : mb_strdup(fi->path);
	where = mb_asprintf("%s: host %s", fi->path, name);
	fi->rc = add_result(fi->m, fi->o, h[H_RESULT].p, h[H_RESULT].len, name, source, where);
	free(where);
	free(name);
	free(source);
	return fi->rc;
}

/* NAME=FILE: the name, or NULL when arg is a plain file (no '=' before any '/'). */
static char *split_name(const char *arg, const char **file)
{
	const char *eq = strchr(arg, '=');

	*file = arg;
	if (!eq || eq == arg || memchr(arg, '/', (size_t)(eq - arg)))
		return NULL;
	*file = eq + 1;
	return mb_asprintf("%.*s", (int)(eq - arg), arg);
}

/* Either kind of document: a fleet's keys and a result's, found in one pass. */
enum { T_SCHEMA, T_CREATED, T_COMMAND, T_HOSTS, T_HOST, T_COST, T_LITMUS, T_N };
static const char *const top_keys[T_N] = { "schema", "created", "command", "hosts", "host", "cost", "litmus" };

/* A regular file mapped (a copy saved: most of merge's time is moving bytes), else read into m->buf. */
static const char *load(struct merge *m, const char *file, size_t *len, bool *mapped)
{
	struct stat st;
	int fd = strcmp(file, "-") ? open(file, O_RDONLY) : -1;
	void *p;

	*mapped = false;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
		if (p != MAP_FAILED) {
			close(fd);
			*mapped = true;
			*len = (size_t)st.st_size;
			return p;
		}
	}
	if (fd >= 0)
		close(fd);
	return fl_slurp(file, &m->buf, &m->cap, len, m->err, sizeof(m->err)) ? NULL : m->buf;
}

static int add_input(struct merge *m, FILE *o, const char *arg)
{
	struct mb_span v[T_N], r[R_N];
	const char *file, *buf;
	char *name = split_name(arg, &file), *schema, why[200];
	size_t len = 0;
	bool mapped = false;
	int rc = MB_EXIT_OK;

	if (!(buf = load(m, file, &len, &mapped))) {
		rc = MB_EXIT_USAGE;
		goto out;
	}
	if (mb_json_members(buf, len, true, top_keys, T_N, v, why, sizeof(why))) {
		snprintf(m->err, sizeof(m->err), "%s: not valid JSON: %s", file, why);
		rc = MB_EXIT_USAGE;
		goto out;
	}
	if (!(schema = fl_schema_of(file, v[T_SCHEMA], m->err, sizeof(m->err)))) {
		rc = MB_EXIT_USAGE;
		goto out;
	}
	if (!strcmp(schema, MB_FLEET_SCHEMA)) {
		struct fleet_in fi = { m, o, file, MB_EXIT_OK };

		free(schema);
		if (name) {
			snprintf(m->err, sizeof(m->err), "%s: a fleet keeps its hosts' names (NAME= is "
				 "for a single result)", file);
			rc = MB_EXIT_USAGE;
			goto out;
		}
		if (!fl_is_kind(v[T_HOSTS], '[')) {
			snprintf(m->err, sizeof(m->err), "%s: \"hosts\" is missing or not an array", file);
			rc = MB_EXIT_USAGE;
			goto out;
		}
		mb_json_each(v[T_HOSTS], add_fleet_host, &fi);
		rc = fi.rc;
		goto out;
	}
	free(schema);
	/* add_scanned re-checks the schema and names a foreign one */
	r[R_SCHEMA] = v[T_SCHEMA];
	r[R_CREATED] = v[T_CREATED];
	r[R_HOST] = v[T_HOST];
	r[R_COST] = v[T_COST];
	r[R_LITMUS] = v[T_LITMUS];
	rc = add_scanned(m, o, buf, len, r, name, file, file);
out:
	if (mapped)
		munmap((void *)buf, len);
	free(name);
	return rc;
}

static int dump_fleet(FILE *o, void *arg)
{
	struct merge *m = arg;

	fputs("{\n  \"schema\": \"" MB_FLEET_SCHEMA "\",\n  \"created\": ", o);
	put_str(o, m->created);
	fputs(",\n  \"command\": ", o);
	put_str(o, m->command);
	fputs(",\n  \"hosts\": [", o);
	for (int i = 0; i < m->n; i++)
		if (add_input(m, o, m->inputs[i]))
			return -1;
	fputs(m->hosts ? "\n  ]\n}\n" : "]\n}\n", o);
	return ferror(o) ? -1 : 0;
}

int mb_fleet_merge(char *const *inputs, int n, const char *out, const char *created,
		   const char *command)
{
	struct merge m;
	size_t na;
	int rc = MB_EXIT_OK, err;

	memset(&m, 0, sizeof(m));
	m.inputs = inputs;
	m.n = n;
	m.created = created;
	m.command = command;
	if (!strcmp(out, "-")) {
		if (dump_fleet(stdout, &m) || fflush(stdout) == EOF)
			rc = m.err[0] ? mb_fail(MB_EXIT_USAGE, "%s", m.err) :
			     mb_fail(MB_EXIT_ENV, "cannot write standard output: %s", strerror(errno));
	} else if ((err = mb_write_atomic(out, dump_fleet, &m))) {
		rc = m.err[0] ? mb_fail(MB_EXIT_USAGE, "%s", m.err) :
		     mb_fail(MB_EXIT_ENV, "cannot write %s: %s", out, strerror(err > 0 ? err : EIO));
	}
	if (!rc) {
		na = 0;
		for (const char *p = m.arches; (p = strchr(p, ',')); p++)
			na++;
		m.arches[strlen(m.arches) ? strlen(m.arches) - 1 : 0] = 0;
		fprintf(stderr, "membench: merged %zu host%s (%zu arch%s:%s) into %s", m.hosts,
			m.hosts == 1 ? "" : "s", na, na == 1 ? "" : "es", m.arches, out);
		if (m.emulated)
			fprintf(stderr, "; %zu EMULATED (timings meaningless): %s%s", m.emulated,
				m.emu_names, m.emulated > 4 ? ", ..." : "");
		fputc('\n', stderr);
	}
	names_free(&m.names);
	free(m.buf);
	return rc;
}

