/* SPDX-License-Identifier: MIT */
/*
 * src/report/summary.c - the side-by-side table of a default run: one row
 * per barrier, its cost (median per context) next to what each litmus
 * test observed under it.  Reads only the result model.
 */
#include <stdio.h>
#include <string.h>

#include "report/report.h"

#define MAX_COLS 16

struct columns {
	const char *name[MAX_COLS];
	int n;
};

static void add_col(struct columns *c, const char *name)
{
	for (int i = 0; i < c->n; i++)
		if (!strcmp(c->name[i], name))
			return;
	if (c->n < MAX_COLS)
		c->name[c->n++] = name;
}

/* A context column is as wide as its name, at least 11 ("unsupported"). */
static int colw(const char *name)
{
	int n = (int)strlen(name);

	return n > 11 ? n : 11;
}

static const struct mb_cost_entry *find_cost(const struct mb_result *r, const char *barrier,
					     const char *context)
{
	for (size_t i = 0; i < r->ncost; i++)
		if (!strcmp(r->cost[i].barrier, barrier) && !strcmp(r->cost[i].context, context))
			return &r->cost[i];
	return NULL;
}

static const struct mb_litmus_entry *find_litmus(const struct mb_result *r, const char *barrier,
						 const char *test)
{
	for (size_t i = 0; i < r->nlitmus; i++)
		if (!strcmp(r->litmus[i].barrier, barrier) && !strcmp(r->litmus[i].test, test))
			return &r->litmus[i];
	return NULL;
}

/* The barriers in first-seen order: cost entries first, then litmus slots. */
static size_t barrier_rows(const struct mb_result *r, const char **rows, size_t max)
{
	size_t n = 0;

	for (size_t pass = 0; pass < 2; pass++) {
		size_t count = pass ? r->nlitmus : r->ncost;

		for (size_t i = 0; i < count; i++) {
			const char *b = pass ? r->litmus[i].barrier : r->cost[i].barrier;
			size_t k;

			if (!b || !strcmp(b, "-"))
				continue;
			for (k = 0; k < n && strcmp(rows[k], b); k++)
				;
			if (k == n && n < max)
				rows[n++] = b;
		}
	}
	return n;
}

static const char *row_instruction(const struct mb_result *r, const char *barrier)
{
	for (size_t i = 0; i < r->ncost; i++)
		if (!strcmp(r->cost[i].barrier, barrier))
			return r->cost[i].instruction;
	for (size_t i = 0; i < r->nlitmus; i++)
		if (!strcmp(r->litmus[i].barrier, barrier))
			return r->litmus[i].instruction;
	return "";
}

void mb_report_summary(const struct mb_result *r, FILE *out)
{
	struct columns ctx = { { 0 }, 0 }, tests = { { 0 }, 0 };
	const char *rows[128];
	size_t nrows;

	for (size_t i = 0; i < r->ncost; i++)
		add_col(&ctx, r->cost[i].context);
	for (size_t i = 0; i < r->nlitmus; i++)
		if (r->litmus[i].barrier && strcmp(r->litmus[i].barrier, "-"))
			add_col(&tests, r->litmus[i].test);
	if (!ctx.n || !tests.n)
		return;		/* only one side ran: its own table says it all */
	nrows = barrier_rows(r, rows, sizeof(rows) / sizeof(rows[0]));

	fprintf(out, "Summary: median cost per barrier in %s (%s, %.0f Hz%s), and the bad outcomes "
		"each litmus test saw under it\n", r->host.counter_unit, r->host.counter_name,
		r->host.counter_hz, r->host.emulated ? "; EMULATED: meaningless" : "");
	fprintf(out, "%-22s %-26s", "barrier", "instruction");
	for (int c = 0; c < ctx.n; c++)
		fprintf(out, " %*s", colw(ctx.name[c]), ctx.name[c]);
	for (int t = 0; t < tests.n; t++)
		fprintf(out, " | %-*.24s", t + 1 < tests.n ? 24 : 0, tests.name[t]);
	fputc('\n', out);
	for (size_t i = 0; i < nrows; i++) {
		fprintf(out, "%-22s %-26.26s", rows[i], row_instruction(r, rows[i]));
		for (int c = 0; c < ctx.n; c++) {
			const struct mb_cost_entry *e = find_cost(r, rows[i], ctx.name[c]);

			int cw = colw(ctx.name[c]);

			if (!e)
				fprintf(out, " %*s", cw, "");
			else if (!e->supported)
				fprintf(out, " %*s", cw, "unsupported");
			else
				fprintf(out, " %*.2f", cw, e->ticks.median);
		}
		for (int t = 0; t < tests.n; t++) {
			const struct mb_litmus_entry *l = find_litmus(r, rows[i], tests.name[t]);
			char cell[64];

			if (!l)
				cell[0] = 0;
			else if (l->status == MB_SKIPPED)
				snprintf(cell, sizeof(cell), "skipped");
			else
				snprintf(cell, sizeof(cell), "%llu/%llu %s",
					 (unsigned long long)l->positives,
					 (unsigned long long)l->iterations, mb_status_name(l->status));
			fprintf(out, " | %-*.24s", t + 1 < tests.n ? 24 : 0, cell);
		}
		fputc('\n', out);
	}
	fputc('\n', out);
}
