/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/user.c - `--test FILE.litmus`: the same translator as the
 * build (src/litmus/gen.c) writes C into a private temporary directory,
 * next to the headers it includes (their text is embedded in membench,
 * $(GEN)/litmus_headers.c, so this works after `make install`); the
 * system compiler ($CC, else cc) builds a shared object
 * (-O2 -fPIC -shared) that is dlopen()ed.  The directory is removed once
 * the object is loaded.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "litmus/litmus.h"
#include "litmus/gen.h"
#include "litmus/registry.h"
#include "platform/stop.h"

static int write_file(const char *dir, const char *rel, const char *text)
{
	char path[4096], *slash;
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (slash = strchr(path + strlen(dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = 0;
		if (mkdir(path, 0700) && errno != EEXIST)
			return -1;
		*slash = '/';
	}
	f = fopen(path, "w");
	if (!f)
		return -1;
	ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/* Remove what this file wrote: the headers, the C, the object, logs. */
static void remove_dir(const char *dir)
{
	char path[4096];
	static const char *const mine[] = { "test.c", "test.so", "cc.log", "objdump.txt" };

	for (int i = 0; i < mb_litmus_nheaders; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, mb_litmus_headers[i].path);
		unlink(path);
	}
	for (size_t i = 0; i < sizeof(mine) / sizeof(mine[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, mine[i]);
		unlink(path);
	}
	/* The folders the headers were written into ("arch", "litmus"). */
	for (int i = 0; i < mb_litmus_nheaders; i++) {
		const char *slash = strchr(mb_litmus_headers[i].path, '/');

		if (slash) {
			snprintf(path, sizeof(path), "%s/%.*s", dir,
				 (int)(slash - mb_litmus_headers[i].path), mb_litmus_headers[i].path);
			rmdir(path);
		}
	}
	rmdir(dir);
}

/*
 * Run argv (no shell: nothing in $CC, the path or the directory is ever
 * parsed as shell code), its stdout and stderr into the file log; returns
 * its exit status, 127 when it cannot be executed, or -1.
 */
static int run_argv(char *const *argv, const char *log)
{
	pid_t pid;
	int st;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);

		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0 || dup2(fd, STDERR_FILENO) < 0)
			_exit(127);
		close(fd);
		execvp(argv[0], argv);
		_exit(127);
	}
	/* Poll, so that a stop request (SIGINT/SIGTERM) ends the compiler too. */
	for (;;) {
		pid_t got = waitpid(pid, &st, WNOHANG);

		if (got == pid)
			break;
		if (got < 0 && errno != EINTR)
			return -1;
		if (mb_stop_requested()) {
			kill(pid, SIGKILL);
			while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
				;
			return -1;
		}
		nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* $NAME split on blanks (a compiler may be "ccache gcc"), else dflt: argv words, malloc'd. */
static char **split_words(const char *name, const char *dflt, int *n)
{
	const char *v = getenv(name);
	char *copy, *save = NULL, **w;
	int cap = 8;

	if (!v || !v[strspn(v, " \t")])
		v = dflt;
	copy = mb_strdup(v);
	w = mb_xcalloc((size_t)cap + 1, sizeof(*w));
	*n = 0;
	for (char *tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (*n + 8 >= cap) {
			cap *= 2;
			w = mb_xrealloc(w, ((size_t)cap + 1) * sizeof(*w));
		}
		w[(*n)++] = mb_strdup(tok);
	}
	w[*n] = NULL;
	free(copy);
	return w;
}

static void free_words(char **w)
{
	for (char **p = w; p && *p; p++)
		free(*p);
	free(w);
}

/* Is the program name executable here (as execvp would find it)? */
static bool on_path(const char *name)
{
	const char *path = getenv("PATH");
	char buf[4096];

	if (strchr(name, '/'))
		return access(name, X_OK) == 0;
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path;; p++) {
		size_t len = strcspn(p, ":");

		snprintf(buf, sizeof(buf), "%.*s%s%s", (int)len, p, len ? "/" : "", name);
		if (access(buf, X_OK) == 0)
			return true;
		p += len;
		if (!*p)
			return false;
	}
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t cap = 1 << 16, len = 0, n;
	char *s;

	if (!f)
		return NULL;
	s = mb_xcalloc(1, cap);
	while ((n = fread(s + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (len + 1 == cap) {
			s = mb_xrealloc(s, cap * 2);
			cap *= 2;
		}
	}
	s[len] = 0;
	fclose(f);
	return s;
}

/* Append words to a NULL-terminated argv from split_words(). */
static char **append_words(char **w, int *n, const char *const *more, int nmore)
{
	w = mb_xrealloc(w, ((size_t)*n + (size_t)nmore + 1) * sizeof(*w));
	for (int i = 0; i < nmore; i++)
		w[(*n)++] = mb_strdup(more[i]);
	w[*n] = NULL;
	return w;
}

int mb_litmus_user_load(const char *path, bool want_asm, struct mb_litmus_test *lt)
{
	char err[1024], dir[1024], so[1200], src[1200], log[1200], inc[1100];
	const char *tmp = getenv("TMPDIR");
	const struct lt_compiled *c;
	FILE *f;
	char **cc;
	int st, rc, ncc;

	if (lt_parse_file(path, &lt->ast, err, sizeof(err))) {
		fprintf(stderr, "%s\n", mb_esc(err));	/* file:line:col: message, as editors read it */
		return MB_EXIT_USAGE;
	}
	lt->file = mb_strdup(path);
	cc = split_words("CC", "cc", &ncc);
	if (!on_path(cc[0])) {
		rc = mb_fail(MB_EXIT_ENV, "%s: no C compiler to build it ('%s' not found;"
			     " install one or set CC)", mb_esc(path), mb_esc(cc[0]));
		free_words(cc);
		return rc;
	}
	snprintf(dir, sizeof(dir), "%s/membench-litmus-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		free_words(cc);
		return mb_fail(MB_EXIT_ENV, "%s: cannot make a temporary directory: %s", mb_esc(path),
			       strerror(errno));
	}
	snprintf(src, sizeof(src), "%s/test.c", dir);
	snprintf(so, sizeof(so), "%s/test.so", dir);
	snprintf(log, sizeof(log), "%s/cc.log", dir);
	snprintf(inc, sizeof(inc), "-I%s", dir);
	rc = 0;
	for (int i = 0; i < mb_litmus_nheaders && !rc; i++)
		if (write_file(dir, mb_litmus_headers[i].path, mb_litmus_headers[i].text))
			rc = mb_fail(MB_EXIT_ENV, "%s: cannot write %s/%s: %s", mb_esc(path),
				     mb_esc(dir), mb_litmus_headers[i].path, strerror(errno));
	if (!rc && !(f = fopen(src, "w")))
		rc = mb_fail(MB_EXIT_ENV, "%s: cannot write %s: %s", mb_esc(path), mb_esc(src),
			     strerror(errno));
	if (!rc) {
		int grc = lt_gen_c(&lt->ast, "user", path, f, err, sizeof(err));

		if (fclose(f) && !grc)
			rc = mb_fail(MB_EXIT_ENV, "%s: cannot write %s", mb_esc(path), mb_esc(src));
		else if (grc)
			rc = mb_fail(MB_EXIT_USAGE, "%s", mb_esc(err));
	}
	if (!rc) {
		const char *const flags[] = { "-std=gnu11", "-O2", "-fPIC", "-shared",
					      "-D_GNU_SOURCE", inc, "-o", so, src };

		cc = append_words(cc, &ncc, flags, (int)(sizeof(flags) / sizeof(flags[0])));
		st = run_argv(cc, log);
		if (st != 0) {
			char *text = read_all(log);
			const char *first = text && *text ? text : "(no output)";

			if (text)
				text[strcspn(text, "\n")] = 0;
			rc = mb_stop_requested() ? MB_EXIT_INTERRUPTED :
			     mb_fail(MB_EXIT_ENV, "%s: the C compiler failed on the translated test "
				     "(status %d): %s", mb_esc(path), st, mb_esc(first));
			free(text);
		}
	}
	free_words(cc);
	if (!rc && want_asm) {
		const char *const args[] = { "-d", "--no-show-raw-insn", so };
		char lst[1200];
		int nod;
		char **od = split_words("OBJDUMP", "objdump", &nod);

		snprintf(lst, sizeof(lst), "%s/objdump.txt", dir);
		od = append_words(od, &nod, args, 3);
		if (run_argv(od, lst) == 0)
			lt->listing = read_all(lst);
		free_words(od);
	}
	if (!rc) {
		lt->dl = dlopen(so, RTLD_NOW | RTLD_LOCAL);
		if (!lt->dl)
			rc = mb_fail(MB_EXIT_ENV, "%s: cannot load the built test: %s", mb_esc(path),
				     mb_esc(dlerror()));
	}
	remove_dir(dir);	/* a loaded object's mapping stays */
	if (rc)
		return rc;
	c = dlsym(lt->dl, "lt_compiled_user");
	if (!c || c->abi != LT_RT_ABI)
		return mb_fail(MB_EXIT_ENV, "%s: the built test lacks the expected descriptor",
			       mb_esc(path));
	lt->compiled = c;
	return 0;
}

void mb_litmus_user_unload(struct mb_litmus_test *lt)
{
	if (lt->dl)
		dlclose(lt->dl);
	lt->dl = NULL;
}
