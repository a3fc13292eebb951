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

#include "commands/cli.h"
#include "commands/engines.h"
#include "result/result.h"

/* Two spaces per level; 17 significant digits so that doubles read back bit for bit. */
#define MB_JSON_FLAGS	(JSON_INDENT(2) | JSON_PRESERVE_ORDER)

/* A string, or null.  jansson refuses invalid UTF-8 (a hostile argv): replace such bytes by '?'. */
static json_t *jstr(const char *s)
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

static json_t *jnum(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *jint(uint64_t v)
{
	return json_integer(v > (uint64_t)INT64_MAX ? INT64_MAX : (json_int_t)v);
}

static void set(json_t *o, const char *key, json_t *v)
{
	/* json_object_set_new() takes v even when it fails; only OOM can fail here. */
	if (!v || json_object_set_new(o, key, v)) {
		fputs("membench: out of memory\n", stderr);
		abort();
	}
}

static void push(json_t *a, json_t *v)
{
	if (!v || json_array_append_new(a, v)) {
		fputs("membench: out of memory\n", stderr);
		abort();
	}
}

static json_t *stats_json(const struct mb_stats *s)
{
	json_t *o = json_object(), *a = json_array();

	set(o, "median", jnum(s->median));
	set(o, "p10", jnum(s->p10));
	set(o, "p90", jnum(s->p90));
	set(o, "mad", jnum(s->mad));
	set(o, "mean", jnum(s->mean));
	set(o, "min", jnum(s->min));
	set(o, "max", jnum(s->max));
	set(o, "n", jint(s->samples ? s->n : 0));
	for (size_t i = 0; s->samples && i < s->n; i++)
		push(a, jnum(s->samples[i]));
	set(o, "samples", a);
	return o;
}

static bool stats_filled(const struct mb_stats *s)
{
	return s->n > 0 || s->median != 0 || s->mean != 0;
}

static json_t *host_json(const struct mb_host *h)
{
	json_t *o = json_object(), *c = json_object(), *y = json_object();

	set(o, "name", jstr(h->name));
	set(o, "arch", jstr(h->arch));
	set(o, "model", jstr(h->model));
	set(o, "cpu_model", jstr(h->cpu_model));
	set(o, "pus", json_integer(h->pus));
	set(o, "cores", json_integer(h->cores));
	set(o, "packages", json_integer(h->packages));
	set(o, "numa_nodes", json_integer(h->numa_nodes));
	set(o, "kernel", jstr(h->kernel));
	set(o, "compiler", jstr(h->compiler));
	set(o, "cflags", jstr(h->cflags));
	set(o, "version", jstr(h->version));
	set(o, "git_rev", jstr(h->git_rev));
	set(c, "name", jstr(h->counter_name));
	set(c, "hz", jnum(h->counter_hz));
	set(c, "unit", jstr(h->counter_unit));
	set(c, "hz_source", jstr(h->counter_hz_source));
	set(c, "fallback", jstr(h->counter_fallback));
	set(o, "counter", c);
	set(y, "available", json_boolean(h->cycles_available));
	set(y, "source", jstr(h->cycles_source));
	set(y, "ticks_per_cycle", jnum(h->ticks_per_cycle));
	set(o, "cycles", y);
	set(o, "emulated", json_boolean(h->emulated));
	set(o, "emulation", jstr(h->emulation));
	return o;
}

static json_t *cost_json(const struct mb_cost_entry *e)
{
	json_t *o = json_object(), *u = json_object();

	set(o, "kind", jstr(e->kind));
	set(o, "type", jstr(e->type));
	set(o, "barrier", jstr(e->barrier));
	set(o, "instruction", jstr(e->instruction));
	set(o, "context", jstr(e->context));
	set(o, "supported", json_boolean(e->supported));
	set(o, "reason", jstr(e->reason));
	set(o, "cpu", jstr(e->cpu));
	set(o, "downgrade", jstr(e->downgrade));
	set(o, "unroll", json_integer(e->unroll));
	set(o, "iterations", jint(e->iterations));
	set(o, "repetitions", json_integer(e->repetitions ? e->repetitions : 1));
	set(o, "overhead", jnum(e->overhead));
	set(u, "ticks", stats_json(&e->ticks));
	if (stats_filled(&e->ns))
		set(u, "ns", stats_json(&e->ns));
	if (e->have_cycles)
		set(u, "cycles", stats_json(&e->cycles));
	set(o, "units", u);
	return o;
}

static json_t *litmus_json(const struct mb_litmus_entry *e)
{
	json_t *o = json_object(), *th = json_array(), *hi = json_array(), *ex = json_object();

	set(o, "test", jstr(e->test));
	set(o, "file", jstr(e->file));
	set(o, "barrier", jstr(e->barrier));
	set(o, "instruction", jstr(e->instruction));
	for (int t = 0; t < e->nthreads; t++) {
		json_t *x = json_object();

		set(x, "barrier", jstr(e->thread_barriers ? e->thread_barriers[t] : NULL));
		set(x, "cpu", json_integer(e->cpus ? e->cpus[t] : -1));
		push(th, x);
	}
	set(o, "threads", th);
	set(o, "placement", jstr(e->placement));
	set(o, "layout", jstr(e->layout));
	set(o, "sync", jstr(e->sync));
	set(o, "downgrade", jstr(e->downgrade));
	set(o, "iterations", jint(e->iterations));
	set(o, "elapsed_s", jnum(e->elapsed_s));
	for (size_t k = 0; e->hist && k < e->nhist; k++) {
		json_t *x = json_object();

		set(x, "state", jstr(e->hist[k].state));
		set(x, "count", jint(e->hist[k].count));
		set(x, "positive", json_boolean(e->hist[k].positive));
		push(hi, x);
	}
	set(o, "histogram", hi);
	set(o, "positives", jint(e->positives));
	/* "forbidden" is the litmus7 reader's word for the same count. */
	set(o, "forbidden", jint(e->positives));
	set(o, "negatives", jint(e->negatives));
	set(o, "verdict", json_string(mb_verdict_name(e->verdict)));
	set(o, "p_upper95", jnum(e->p_upper95));
	for (int m = 0; m < MB_NMODELS; m++)
		set(ex, mb_model_names[m], json_string(e->allowed[m] ? "Sometimes" : "Never"));
	set(o, "expected", ex);
	set(o, "host_model", json_string((unsigned)e->host_model < MB_NMODELS ?
					 mb_model_names[e->host_model] : "unknown"));
	set(o, "status", json_string((unsigned)e->status <= MB_SKIPPED ?
				     mb_status_name(e->status) : "skipped"));
	set(o, "reason", jstr(e->reason));
	set(o, "declared", jstr(e->declared));
	set(o, "doc_string", jstr(e->doc_string));
	{
		json_t *h = json_object();

		for (size_t k = 0; k < e->nheader; k++)
			set(h, e->header[k].key, jstr(e->header[k].value));
		set(o, "header", h);
	}
	return o;
}

static json_t *result_json(const struct mb_result *r)
{
	json_t *o = json_object(), *c = json_array(), *l = json_array();

	set(o, "schema", json_string(MB_SCHEMA));
	set(o, "created", jstr(r->created));
	set(o, "command", jstr(r->command));
	set(o, "host", host_json(&r->host));
	for (size_t i = 0; i < r->ncost; i++)
		push(c, cost_json(&r->cost[i]));
	set(o, "cost", c);
	for (size_t i = 0; i < r->nlitmus; i++)
		push(l, litmus_json(&r->litmus[i]));
	set(o, "litmus", l);
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

/* A target that exists must be a regular file: rename() over /dev/null would replace the device. */
static int target_ok(const char *path)
{
	struct stat st;

	if (stat(path, &st))
		return errno == ENOENT ? 0 : errno;
	return S_ISREG(st.st_mode) ? 0 : -1;
}

static int cannot(const char *path, int err)
{
	return mb_fail(MB_EXIT_ENV, "cannot write %s: %s", path,
		       err < 0 ? "exists and is not a regular file" : strerror(err));
}

int mb_json_check_writable(const char *path)
{
	char *dir;
	int err;

	if (!strcmp(path, "-"))
		return MB_EXIT_OK;
	if (!path[0])
		return mb_fail(MB_EXIT_ENV, "cannot write '': empty file name");
	if (ends_with_slash(path) || is_dir(path)) {
		err = probe_dir(path);
		return err ? cannot(path, err) : MB_EXIT_OK;
	}
	if ((err = target_ok(path)))
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
int mb_write_atomic(const char *target, int (*dump)(FILE *f, void *arg), void *arg)
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
	if (!err && rename(tmp, target))
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

int mb_json_write(const struct mb_result *r, const char *path)
{
	json_t *root = result_json(r);
	char *target = NULL, *real = NULL;
	struct stat st;
	bool in_dir = false;
	int err, rc = MB_EXIT_OK;

	if (!strcmp(path, "-")) {
		rc = write_stdout(root);
		json_decref(root);
		return rc;
	}
	if (ends_with_slash(path) || is_dir(path)) {
		err = probe_dir(path);
		if (err) {
			json_decref(root);
			return cannot(path, err);
		}
		target = name_in_dir(path, r->host.arch);
		in_dir = true;
	} else {
		/* Through a symlink, replace the file it names and keep the link. */
		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
			real = realpath(path, NULL);
		target = mb_strdup(real ? real : path);
		free(real);
		if ((err = target_ok(target))) {
			rc = cannot(path, err);
			goto out;
		}
	}
	err = mb_write_atomic(target, dump_json, root);
	if (err)
		rc = cannot(in_dir ? target : path, err);
	else if (in_dir)
		fprintf(stderr, "membench: wrote %s\n", target);
out:
	free(target);
	json_decref(root);
	return rc;
}
