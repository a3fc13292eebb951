/* SPDX-License-Identifier: MIT */
/*
 * src/result/fleet.c - the fleet document (src/result/fleet.h): `membench
 * merge` writes it as a stream, copying each host's result byte for byte
 * after src/result/json_scan.c has checked it, so that neither time nor
 * memory grows with more than one input at a time; readers open it whole
 * and hand one host at a time to src/result/json_read.c.
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
#include "result/json_scan.h"
#include "result/result.h"

/* The whole of path ("-": stdin) in *buf (grown as needed, reused across calls). */
static int slurp(const char *path, char **buf, size_t *cap, size_t *len, char *err, size_t errlen)
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

static bool is_kind(struct mb_span v, char first)
{
	return v.len && v.p[0] == first;
}

/* What a document says it is: its "schema" string, or NULL with err set. */
static char *schema_of(const char *path, struct mb_span v, char *err, size_t errlen)
{
	char *s = mb_json_string(v);

	if (!s)
		snprintf(err, errlen, "%s: not a membench result (no \"schema\": \"%s\")", path, MB_SCHEMA);
	return s;
}

static int foreign(const char *path, const char *schema, char *err, size_t errlen)
{
	if (!strncmp(schema, "membench-result/", 16) || !strncmp(schema, "membench-fleet/", 15))
		snprintf(err, errlen, "%s: schema \"%.64s\" is not supported by this membench "
			 "(reads \"%s\" and \"%s\")", path, schema, MB_SCHEMA, MB_FLEET_SCHEMA);
	else
		snprintf(err, errlen, "%s: not a membench result (schema is \"%.64s\", expected \"%s\" "
			 "or \"%s\")", path, schema, MB_SCHEMA, MB_FLEET_SCHEMA);
	return MB_EXIT_USAGE;
}

/* ---- reading ---------------------------------------------------------- */

enum { F_SCHEMA, F_CREATED, F_COMMAND, F_HOSTS, F_N };
static const char *const fleet_keys[F_N] = { "schema", "created", "command", "hosts" };
enum { H_NAME, H_SOURCE, H_RESULT, H_N };
static const char *const host_keys[H_N] = { "name", "source", "result" };

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

	if (mb_json_members(v.p, v.len, true, host_keys, H_N, h, why, sizeof(why))) {
		snprintf(w->err, w->errlen, "%s: hosts[%zu]: %s", f->path, i, why);
		return -1;
	}
	if (!is_kind(h[H_NAME], '"') || !is_kind(h[H_RESULT], '{')) {
		snprintf(w->err, w->errlen, "%s: hosts[%zu]: needs \"name\" (a string) and \"result\" "
			 "(an object)", f->path, i);
		return -1;
	}
	e = &f->hosts[f->n++];
	e->name = mb_json_string(h[H_NAME]);
	e->source = is_kind(h[H_SOURCE], '"') ? mb_json_string(h[H_SOURCE]) : NULL;
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
	if ((rc = slurp(path, &f->buf, &cap, &f->len, err, errlen)))
		goto out;
	f->path = mb_strdup(path);
	/* Anything but a fleet is the result reader's to read, or to explain. */
	if (mb_json_members(f->buf, f->len, true, fleet_keys, F_N, v, why, sizeof(why)) ||
	    !(schema = mb_json_string(v[F_SCHEMA])) || strncmp(schema, "membench-fleet/", 15))
		goto out;
	if (strcmp(schema, MB_FLEET_SCHEMA)) {
		rc = foreign(path, schema, err, errlen);
		goto out;
	}
	if (!is_kind(v[F_HOSTS], '[')) {
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

/* ---- merging ---------------------------------------------------------- */

/* Host names seen so far: an open-addressing set, so 1,000 hosts cost 1,000 probes, not 500,000. */
struct names {
	char **slot;
	const char **from;	/* the input each came from, for the error */
	size_t cap, n;
};

static size_t hash(const char *s)
{
	size_t h = 14695981039346656037ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

/* NULL when added; else the input that had it first. */
static const char *names_add(struct names *t, char *name, const char *from)
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
	for (size_t k = 0; k < t->cap; k++)
		free(t->slot[k]);
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
	int rc;

	if (!(schema = schema_of(path, v[R_SCHEMA], m->err, sizeof(m->err))))
		return MB_EXIT_USAGE;
	rc = strcmp(schema, MB_SCHEMA) ? foreign(path, schema, m->err, sizeof(m->err)) : MB_EXIT_OK;
	free(schema);
	if (rc)
		return rc;
	for (int k = R_CREATED; k < R_N; k++) {
		static const char want[R_N] = { '"', '"', '{', '[', '[' };

		if (!is_kind(v[k], want[k])) {
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
	if ((first = names_add(&m->names, host, path))) {
		snprintf(m->err, sizeof(m->err), "duplicate host \"%.64s\": in %s and in %s (name one "
			 "with NAME=FILE)", host, first, path);
		free(host);
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

	if (mb_json_members(v.p, v.len, true, host_keys, H_N, h, why, sizeof(why)) ||
	    !is_kind(h[H_NAME], '"') || !is_kind(h[H_RESULT], '{')) {
		snprintf(fi->m->err, sizeof(fi->m->err), "%s: hosts[%zu]: needs \"name\" (a string) "
			 "and \"result\" (an object)", fi->path, i);
		return fi->rc = MB_EXIT_USAGE;
	}
	name = mb_json_string(h[H_NAME]);
	source = is_kind(h[H_SOURCE], '"') ? mb_json_string(h[H_SOURCE]) : mb_strdup(fi->path);
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
	return slurp(file, &m->buf, &m->cap, len, m->err, sizeof(m->err)) ? NULL : m->buf;
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
	if (!(schema = schema_of(file, v[T_SCHEMA], m->err, sizeof(m->err)))) {
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
		if (!is_kind(v[T_HOSTS], '[')) {
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
