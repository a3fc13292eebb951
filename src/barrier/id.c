/* SPDX-License-Identifier: MIT */
/*
 * src/barrier/id.c - barrier ids (src/barrier/id.h): the rows' names from
 * arch/lkmm_table.h, and the one parser and formatter of barrier names.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "barrier/id.h"

#define ROW_NAME_(k, t, linux_name, meaning)	[MB_ROW_##k##_##t] = { #k, #t },
static const struct { const char *kind, *type; } rows[MB_NROWS] = {
	MB_LKMM_ROWS(ROW_NAME_)
};
#undef ROW_NAME_

const char *mb_row_kind(enum mb_row r)
{
	return rows[r].kind;
}

const char *mb_row_type(enum mb_row r)
{
	return rows[r].type;
}

int mb_row_find(const char *kind, const char *type)
{
	for (int r = 0; r < MB_NROWS; r++)
		if (!strcmp(rows[r].kind, kind) && !strcmp(rows[r].type, type))
			return r;
	return -1;
}

int mb_id_parse(const char *name, struct mb_id *id)
{
	char kind[32], type[32];
	const char *dot = name ? strchr(name, '.') : NULL;
	const char *colon;
	size_t kl, tl;
	int row;

	*id = MB_ID_NONE;
	if (!dot)
		return -1;
	colon = strchr(dot, ':');
	kl = (size_t)(dot - name);
	tl = colon ? (size_t)(colon - dot - 1) : strlen(dot + 1);
	if (kl >= sizeof(kind) || tl >= sizeof(type) || (colon && strcmp(colon + 1, "kernel")))
		return -1;
	memcpy(kind, name, kl);
	kind[kl] = 0;
	memcpy(type, dot + 1, tl);
	type[tl] = 0;
	if ((row = mb_row_find(kind, type)) < 0)
		return -1;
	*id = MB_ID(row, colon ? MB_KERNEL : MB_EMITTED);
	return 0;
}

const char *mb_id_name(struct mb_id id, char *buf, size_t len)
{
	if (!mb_id_valid(id))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%s.%s%s", rows[id.row].kind, rows[id.row].type,
			 id.flavor == MB_KERNEL ? ":kernel" : "");
	return buf;
}

/* The distinct kinds and types, in row order. */
static const char *kinds[MB_NROWS + 1], *types[MB_NROWS + 1];
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

static void add_once(const char **list, const char *s)
{
	int i = 0;

	while (list[i] && strcmp(list[i], s))
		i++;
	list[i] = s;
}

static void names_init(void)
{
	for (int r = 0; r < MB_NROWS; r++) {
		add_once(kinds, rows[r].kind);
		add_once(types, rows[r].type);
	}
}

const char *const *mb_row_kinds(void)
{
	pthread_once(&names_once, names_init);
	return kinds;
}

const char *const *mb_row_types(void)
{
	pthread_once(&names_once, names_init);
	return types;
}
