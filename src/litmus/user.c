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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "litmus/litmus.h"
#include "litmus/gen.h"
#include "litmus/registry.h"

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

/* Run a shell command line with $1 = dir; returns its exit status, or -1. */
static int sh(const char *script, const char *dir)
{
	pid_t pid;
	int st;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", script, "sh", dir, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
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

/* The compiler's first word ($CC may be "ccache gcc"): is it on PATH? */
static int have_compiler(char *name, size_t len)
{
	const char *cc = getenv("CC");
	char cmd[512];

	if (!cc || !*cc)
		cc = "cc";
	snprintf(name, len, "%s", cc);
	name[strcspn(name, " \t")] = 0;
	snprintf(cmd, sizeof(cmd), "command -v '%s' >/dev/null 2>&1", name);
	return sh(cmd, "") == 0;
}

int mb_litmus_user_load(const char *path, bool want_asm, struct mb_litmus_test *lt)
{
	char err[1024], dir[1024], so[1200], cc[256];
	const char *tmp = getenv("TMPDIR");
	const struct lt_compiled *c;
	FILE *f;
	int st, rc;

	if (lt_parse_file(path, &lt->ast, err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);	/* the parser's file:line:col: message */
		return MB_EXIT_USAGE;
	}
	lt->file = mb_strdup(path);
	if (!have_compiler(cc, sizeof(cc)))
		return mb_fail(MB_EXIT_ENV, "%s: no C compiler to build it ('%s' not found;"
			       " install one or set CC)", path, cc);
	snprintf(dir, sizeof(dir), "%s/membench-litmus-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return mb_fail(MB_EXIT_ENV, "%s: cannot make a temporary directory: %s", path,
			       strerror(errno));
	for (int i = 0; i < mb_litmus_nheaders; i++)
		if (write_file(dir, mb_litmus_headers[i].path, mb_litmus_headers[i].text)) {
			remove_dir(dir);
			return mb_fail(MB_EXIT_ENV, "%s: cannot write %s/%s: %s", path, dir,
				       mb_litmus_headers[i].path, strerror(errno));
		}
	snprintf(so, sizeof(so), "%s/test.c", dir);
	f = fopen(so, "w");
	if (!f) {
		remove_dir(dir);
		return mb_fail(MB_EXIT_ENV, "%s: cannot write %s: %s", path, so, strerror(errno));
	}
	rc = lt_gen_c(&lt->ast, "user", path, f, err, sizeof(err));
	if (fclose(f) || rc) {
		remove_dir(dir);
		if (rc)
			return mb_fail(MB_EXIT_USAGE, "%s", err);
		return mb_fail(MB_EXIT_ENV, "%s: cannot write %s", path, so);
	}
	st = sh("${CC:-cc} -std=gnu11 -O2 -fPIC -shared -D_GNU_SOURCE -I\"$1\" "
		"-o \"$1/test.so\" \"$1/test.c\" >\"$1/cc.log\" 2>&1", dir);
	if (st != 0) {
		char *log = read_all(strcat(strcpy(so, dir), "/cc.log"));
		const char *first = log && *log ? log : "(no output)";

		if (log)
			log[strcspn(log, "\n")] = 0;
		rc = mb_fail(MB_EXIT_ENV,
			     "%s: the C compiler failed on the translated test (status %d): %s",
			     path, st, first);
		free(log);
		remove_dir(dir);
		return rc;
	}
	snprintf(so, sizeof(so), "%s/test.so", dir);
	if (want_asm) {
		char lst[1200];

		snprintf(lst, sizeof(lst), "%s/objdump.txt", dir);
		if (sh("${OBJDUMP:-objdump} -d --no-show-raw-insn \"$1/test.so\" >\"$1/objdump.txt\""
		       " 2>/dev/null", dir) == 0)
			lt->listing = read_all(lst);
	}
	lt->dl = dlopen(so, RTLD_NOW | RTLD_LOCAL);
	if (!lt->dl) {
		rc = mb_fail(MB_EXIT_ENV, "%s: cannot load the built test: %s", path, dlerror());
		remove_dir(dir);
		return rc;
	}
	remove_dir(dir);	/* the mapping stays */
	c = dlsym(lt->dl, "lt_compiled_user");
	if (!c || c->abi != LT_RT_ABI)
		return mb_fail(MB_EXIT_ENV, "%s: the built test lacks the expected descriptor", path);
	lt->compiled = c;
	return 0;
}

void mb_litmus_user_unload(struct mb_litmus_test *lt)
{
	if (lt->dl)
		dlclose(lt->dl);
	lt->dl = NULL;
}
