/* SPDX-License-Identifier: MIT */
/*
 * src/result/json_write.c - the result model (src/result/result.h) as JSON, schema
 * "membench-result/1" (docs/schema/membench-result-1.schema.json, described
 * in docs/results.md).  A file is written atomically: a temporary file in the
 * target's directory, fsync, rename; an existing result is never replaced by
 * a partial one.  Every key is always written; what the model leaves unset
 * is null, and so is a non-finite number (JSON has no NaN).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "base/base.h"
#include "result/json.h"
#include "result/json_num.h"
#include "result/result.h"

/* Two spaces per level; 17 significant digits so that doubles read back bit for bit. */
#define MB_JSON_FLAGS	(JSON_INDENT(2) | JSON_PRESERVE_ORDER)

static json_t *stats_json(const struct mb_stats *s)
{
	json_t *o = json_object(), *a = json_array();

	mb_json_set(o, "median", mb_json_num(s->median));
	mb_json_set(o, "p10", mb_json_num(s->p10));
	mb_json_set(o, "p90", mb_json_num(s->p90));
	mb_json_set(o, "mad", mb_json_num(s->mad));
	mb_json_set(o, "mean", mb_json_num(s->mean));
	mb_json_set(o, "min", mb_json_num(s->min));
	mb_json_set(o, "max", mb_json_num(s->max));
	mb_json_set(o, "n", mb_json_int(s->samples ? s->n : 0));
	for (size_t i = 0; s->samples && i < s->n; i++)
		mb_json_push(a, mb_json_num(s->samples[i]));
	mb_json_set(o, "samples", a);
	return o;
}

static bool stats_filled(const struct mb_stats *s)
{
	return s->n > 0 || s->median != 0 || s->mean != 0;
}

static json_t *host_json(const struct mb_host *h)
{
	json_t *o = json_object(), *c = json_object(), *y = json_object();

	mb_json_set(o, "name", mb_json_str(h->name));
	mb_json_set(o, "arch", mb_json_str(h->arch));
	mb_json_set(o, "model", mb_json_str(h->model));
	mb_json_set(o, "cpu_model", mb_json_str(h->cpu_model));
	mb_json_set(o, "pus", json_integer(h->pus));
	mb_json_set(o, "cores", json_integer(h->cores));
	mb_json_set(o, "packages", json_integer(h->packages));
	mb_json_set(o, "numa_nodes", json_integer(h->numa_nodes));
	mb_json_set(o, "cpuset", mb_json_str(h->cpuset));
	mb_json_set(o, "kernel", mb_json_str(h->kernel));
	mb_json_set(o, "compiler", mb_json_str(h->compiler));
	mb_json_set(o, "cflags", mb_json_str(h->cflags));
	mb_json_set(o, "version", mb_json_str(h->version));
	mb_json_set(o, "git_rev", mb_json_str(h->git_rev));
	mb_json_set(c, "name", mb_json_str(h->counter_name));
	mb_json_set(c, "hz", mb_json_num(h->counter_hz));
	mb_json_set(c, "unit", mb_json_str(h->counter_unit));
	mb_json_set(c, "hz_source", mb_json_str(h->counter_hz_source));
	mb_json_set(c, "fallback", mb_json_str(h->counter_fallback));
	mb_json_set(o, "counter", c);
	mb_json_set(y, "available", json_boolean(h->cycles_available));
	mb_json_set(y, "source", mb_json_str(h->cycles_source));
	mb_json_set(y, "ticks_per_cycle", mb_json_num(h->ticks_per_cycle));
	mb_json_set(o, "cycles", y);
	mb_json_set(o, "emulated", json_boolean(h->emulated));
	mb_json_set(o, "emulation", mb_json_str(h->emulation));
	return o;
}

static json_t *cost_json(const struct mb_cost_entry *e)
{
	json_t *o = json_object(), *u = json_object();

	mb_json_set(o, "kind", mb_json_str(e->kind));
	mb_json_set(o, "type", mb_json_str(e->type));
	mb_json_set(o, "barrier", mb_json_str(e->barrier));
	mb_json_set(o, "instruction", mb_json_str(e->instruction));
	mb_json_set(o, "context", mb_json_str(e->context));
	mb_json_set(o, "supported", json_boolean(e->supported));
	mb_json_set(o, "reason", mb_json_str(e->reason));
	mb_json_set(o, "cpu", mb_json_str(e->cpu));
	mb_json_set(o, "downgrade", mb_json_str(e->downgrade));
	mb_json_set(o, "unroll", json_integer(e->unroll));
	mb_json_set(o, "iterations", mb_json_int(e->iterations));
	mb_json_set(o, "repetitions", json_integer(e->repetitions ? e->repetitions : 1));
	mb_json_set(o, "overhead", mb_json_num(e->overhead));
	if (e->buffer_bytes) {
		json_t *b = json_object();

		mb_json_set(b, "bytes", mb_json_int(e->buffer_bytes));
		mb_json_set(b, "flush", mb_json_str(e->buffer_flush));
		mb_json_set(o, "buffer", b);
	} else {
		mb_json_set(o, "buffer", json_null());
	}
	mb_json_set(u, "ticks", stats_json(&e->ticks));
	if (stats_filled(&e->ns))
		mb_json_set(u, "ns", stats_json(&e->ns));
	if (e->have_cycles)
		mb_json_set(u, "cycles", stats_json(&e->cycles));
	mb_json_set(o, "units", u);
	return o;
}

static json_t *litmus_json(const struct mb_litmus_entry *e)
{
	json_t *o = json_object(), *th = json_array(), *hi = json_array(), *ex = json_object();

	mb_json_set(o, "test", mb_json_str(e->test));
	mb_json_set(o, "file", mb_json_str(e->file));
	mb_json_set(o, "barrier", mb_json_str(e->barrier));
	mb_json_set(o, "instruction", mb_json_str(e->instruction));
	for (int t = 0; t < e->nthreads; t++) {
		json_t *x = json_object();

		mb_json_set(x, "barrier", mb_json_str(e->thread_barriers ? e->thread_barriers[t] : NULL));
		mb_json_set(x, "cpu", json_integer(e->cpus ? e->cpus[t] : -1));
		mb_json_push(th, x);
	}
	mb_json_set(o, "threads", th);
	mb_json_set(o, "placement", mb_json_str(e->placement));
	mb_json_set(o, "layout", mb_json_str(e->layout));
	mb_json_set(o, "sync", mb_json_str(e->sync));
	mb_json_set(o, "downgrade", mb_json_str(e->downgrade));
	mb_json_set(o, "iterations", mb_json_int(e->iterations));
	mb_json_set(o, "elapsed_s", mb_json_num(e->elapsed_s));
	for (size_t k = 0; e->hist && k < e->nhist; k++) {
		json_t *x = json_object();

		mb_json_set(x, "state", mb_json_str(e->hist[k].state));
		mb_json_set(x, "count", mb_json_int(e->hist[k].count));
		mb_json_set(x, "positive", json_boolean(e->hist[k].positive));
		mb_json_push(hi, x);
	}
	mb_json_set(o, "histogram", hi);
	mb_json_set(o, "positives", mb_json_int(e->positives));
	/* "forbidden" is the litmus7 reader's word for the same count. */
	mb_json_set(o, "forbidden", mb_json_int(e->positives));
	mb_json_set(o, "negatives", mb_json_int(e->negatives));
	mb_json_set(o, "verdict", json_string(mb_verdict_name(e->verdict)));
	mb_json_set(o, "p_upper95", mb_json_num(e->p_upper95));
	for (int m = 0; m < MB_NMODELS; m++)
		mb_json_set(ex, mb_model_names[m], json_string(e->allowed[m] ? "Sometimes" : "Never"));
	mb_json_set(o, "expected", ex);
	mb_json_set(o, "host_model", json_string((unsigned)e->host_model < MB_NMODELS ?
					 mb_model_names[e->host_model] : "unknown"));
	mb_json_set(o, "status", json_string((unsigned)e->status <= MB_SKIPPED ?
				     mb_status_name(e->status) : "skipped"));
	mb_json_set(o, "reason", mb_json_str(e->reason));
	mb_json_set(o, "declared", mb_json_str(e->declared));
	mb_json_set(o, "doc_string", mb_json_str(e->doc_string));
	{
		json_t *h = json_object();

		for (size_t k = 0; k < e->nheader; k++)
			mb_json_set(h, e->header[k].key, mb_json_str(e->header[k].value));
		mb_json_set(o, "header", h);
	}
	return o;
}

static json_t *result_json(const struct mb_result *r)
{
	json_t *o = json_object(), *c = json_array(), *l = json_array();

	mb_json_set(o, "schema", json_string(MB_SCHEMA));
	mb_json_set(o, "created", mb_json_str(r->created));
	mb_json_set(o, "command", mb_json_str(r->command));
	mb_json_set(o, "interrupted", json_boolean(r->interrupted));
	mb_json_set(o, "host", host_json(&r->host));
	for (size_t i = 0; i < r->ncost; i++)
		mb_json_push(c, cost_json(&r->cost[i]));
	mb_json_set(o, "cost", c);
	for (size_t i = 0; i < r->nlitmus; i++)
		mb_json_push(l, litmus_json(&r->litmus[i]));
	mb_json_set(o, "litmus", l);
	return o;
}

static bool ends_with_slash(const char *p)
{
	size_t n = strlen(p);

	return n && p[n - 1] == '/';
}

static bool is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory a file at path goes into ("." for a bare name). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return mb_strdup(".");
	if (slash == path)
		return mb_strdup("/");
	return mb_asprintf("%.*s", (int)(slash - path), path);
}

/* <dir>/<hostname>-<arch>-<YYYYmmdd-HHMMSS>.json, with -N added if that exists. */
static char *name_in_dir(const char *dir, const char *arch)
{
	char host[256] = "host", stamp[32];
	time_t t = time(NULL);
	struct tm tm;
	size_t dl = strlen(dir);
	char *p;

	if (gethostname(host, sizeof(host) - 1) || !host[0])
		strcpy(host, "host");
	host[sizeof(host) - 1] = 0;
	for (char *c = host; *c; c++)
		if (*c == '/' || *c == ' ')
			*c = '_';
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	p = mb_asprintf("%.*s/%s-%s-%s.json", (int)dl, dir, host, arch ? arch : "unknown", stamp);
	for (int k = 2; access(p, F_OK) == 0 && k < 1000; k++) {
		free(p);
		p = mb_asprintf("%.*s/%s-%s-%s-%d.json", (int)dl, dir, host, arch ? arch : "unknown",
				stamp, k);
	}
	return p;
}

/* Whether a file can be created in dir: create and remove a probe (access() says yes to root on a read-only mount's sibling cases). */
static int probe_dir(const char *dir)
{
	struct stat st;
	char *probe;
	int fd, err;

	if (stat(dir, &st))
		return errno;
	if (!S_ISDIR(st.st_mode))
		return ENOTDIR;
	probe = mb_asprintf("%s/.membench-probe.XXXXXX", dir);
	fd = mkstemp(probe);
	err = fd < 0 ? errno : 0;
	if (fd >= 0) {
		close(fd);
		unlink(probe);
	}
	free(probe);
	return err;
}

/*
 * A target that exists must be a regular file, not a symbolic link: rename()
 * over /dev/null would replace the device, and a link planted in a shared
 * directory must not choose where the result goes.
 */
#define NOT_REGULAR	(-1)
#define IS_LINK		(-2)
static int target_ok(const char *path)
{
	struct stat st;

	if (lstat(path, &st))
		return errno == ENOENT ? 0 : errno;
	if (S_ISLNK(st.st_mode))
		return IS_LINK;
	return S_ISREG(st.st_mode) ? 0 : NOT_REGULAR;
}

static int cannot(const char *path, int err)
{
	return mb_fail(MB_EXIT_ENV, "cannot write %s: %s", mb_esc(path),
		       err == NOT_REGULAR ? "exists and is not a regular file" :
		       err == IS_LINK ? "is a symbolic link (refused: remove it or name its target)" :
		       strerror(err));
}

int mb_json_check_writable(const char *path)
{
	char *dir;
	int err;

	if (!strcmp(path, "-"))
		return MB_EXIT_OK;
	if (!path[0])
		return mb_fail(MB_EXIT_ENV, "cannot write '': empty file name");
	if ((err = target_ok(path)) == IS_LINK)
		return cannot(path, err);
	if (ends_with_slash(path) || is_dir(path)) {
		err = probe_dir(path);
		return err ? cannot(path, err) : MB_EXIT_OK;
	}
	if (err)
		return cannot(path, err);
	dir = dir_of(path);
	err = probe_dir(dir);
	free(dir);
	return err ? cannot(path, err) : MB_EXIT_OK;
}

static int write_stdout(json_t *root)
{
	int bad = json_dumpf(root, stdout, MB_JSON_FLAGS) || fputc('\n', stdout) == EOF ||
		  fflush(stdout) == EOF || ferror(stdout);

	return bad ? mb_fail(MB_EXIT_ENV, "cannot write standard output: %s",
			     errno ? strerror(errno) : "write error") : MB_EXIT_OK;
}

static int dump_json(FILE *f, void *root)
{
	return json_dumpf(root, f, MB_JSON_FLAGS) || fputc('\n', f) == EOF ? -1 : 0;
}

/* Dump into a temporary file beside target, fsync, rename; 0 or an errno. */
static int write_atomic(const char *target, int (*dump)(FILE *f, void *arg), void *arg,
			bool noreplace)
{
	char *tmp = mb_asprintf("%s.tmp.XXXXXX", target), *dir;
	mode_t mask = umask(0);
	int fd, err = 0, dfd;
	FILE *f;

	umask(mask);
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = errno;
		free(tmp);
		return err;
	}
	/* mkstemp makes 0600; a result is an ordinary file, readable as the umask allows. */
	if (fchmod(fd, 0666 & ~mask))
		err = errno;
	f = fdopen(fd, "w");
	if (!f) {
		err = errno;
		close(fd);
	} else {
		errno = 0;
		if (dump(f, arg) || fflush(f) == EOF || ferror(f))
			err = errno ? errno : EIO;
		if (!err && fsync(fileno(f)))
			err = errno;
		if (fclose(f) && !err)
			err = errno ? errno : EIO;
	}
	/* A name chosen in a directory must still be free: never replace what appeared meanwhile. */
	if (!err && (noreplace ? renameat2(AT_FDCWD, tmp, AT_FDCWD, target, RENAME_NOREPLACE) :
		     rename(tmp, target)))
		err = errno;
	if (err) {
		unlink(tmp);
	} else {
		/* Make the rename itself durable; a directory that refuses fsync is no error. */
		dir = dir_of(target);
		dfd = open(dir, O_RDONLY | O_DIRECTORY);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
		free(dir);
	}
	free(tmp);
	return err;
}

int mb_write_atomic(const char *target, int (*dump)(FILE *f, void *arg), void *arg)
{
	return write_atomic(target, dump, arg, false);
}

int mb_json_write(const struct mb_result *r, const char *path)
{
	json_t *root = result_json(r);
	char *target = NULL;
	bool in_dir = false;
	int err, rc = MB_EXIT_OK;

	if (!strcmp(path, "-")) {
		rc = write_stdout(root);
		json_decref(root);
		return rc;
	}
	if (target_ok(path) != IS_LINK && (ends_with_slash(path) || is_dir(path))) {
		err = probe_dir(path);
		if (err) {
			json_decref(root);
			return cannot(path, err);
		}
		target = name_in_dir(path, r->host.arch);
		in_dir = true;
	} else {
		target = mb_strdup(path);
		if ((err = target_ok(target))) {
			rc = cannot(path, err);
			goto out;
		}
	}
	err = write_atomic(target, dump_json, root, in_dir);
	if (err)
		rc = cannot(in_dir ? target : path, err);
	else if (in_dir)
		fprintf(stderr, "membench: wrote %s\n", target);
out:
	free(target);
	json_decref(root);
	return rc;
}
