/* SPDX-License-Identifier: MIT */
/*
 * src/barrier/id.h - a barrier as a value: a row (kind x type) and a
 * flavour.  The rows are the same on every port (src/barrier/ports.h) and
 * in the host's registry (src/barrier/barrier.h), so an id means the same
 * barrier everywhere; it needs no arch code and builds on any host (the
 * litmus translator src/tool/litmus2c.c links it).
 *
 * Names ("smp.read", "smp.read:kernel") are parsed and formatted only at
 * the edges: the command line, JSON, litmus files and generated symbols.
 */
#ifndef MB_BARRIER_ID_H
#define MB_BARRIER_ID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/lkmm_table.h"

enum mb_flavor {
	MB_EMITTED = 0,	/* the instruction in the table, always emitted */
	MB_KERNEL = 1,	/* what Linux emits for this barrier on this arch */
};
#define MB_NFLAVORS	2

/*
 * The rows, one per kind x type that arch/lkmm_table.h lists (every row
 * once, with Linux's meaning): MB_ROW_smp_read ...  Tables indexed by row
 * are written with designated initialisers [MB_ROW_<kind>_<type>], so a
 * table cannot name a row that does not exist or put one out of place.
 */
#define MB_ROW_ENUM_(k, t, linux_name, meaning)	MB_ROW_##k##_##t,
enum mb_row { MB_LKMM_ROWS(MB_ROW_ENUM_) MB_NROWS };
#undef MB_ROW_ENUM_

struct mb_id {
	int16_t row;		/* enum mb_row; < 0: no barrier */
	uint8_t flavor;		/* enum mb_flavor */
};

/* An id in a static table, and as an expression. */
#define MB_ID_INIT(row_, flavor_)	{ .row = (row_), .flavor = (flavor_) }
#define MB_ID(row_, flavor_)	((struct mb_id)MB_ID_INIT(row_, flavor_))
#define MB_ID_NONE		MB_ID(-1, MB_EMITTED)

static inline bool mb_id_valid(struct mb_id id)
{
	return id.row >= 0 && id.row < MB_NROWS && id.flavor < MB_NFLAVORS;
}

static inline bool mb_id_eq(struct mb_id a, struct mb_id b)
{
	return a.row == b.row && a.flavor == b.flavor;
}

/* Either flavour of row r. */
static inline bool mb_id_is_row(struct mb_id id, enum mb_row r)
{
	return id.row == (int)r;
}

/* A row's kind and type ("smp", "read"); the row must be valid. */
const char *mb_row_kind(enum mb_row r);
const char *mb_row_type(enum mb_row r);
/* kind and type strings -> row, -1 when there is no such row. */
int mb_row_find(const char *kind, const char *type);

/* "kind.type[:kernel]" -> *id; 0, or -1 (id left MB_ID_NONE) when it names no barrier. */
int mb_id_parse(const char *name, struct mb_id *id);
/* "smp.read" / "smp.read:kernel" into buf ("-" for no barrier); returns buf. */
const char *mb_id_name(struct mb_id id, char *buf, size_t len);

/* The rows' kinds and types, each once, in row order; NULL-terminated. */
const char *const *mb_row_kinds(void);
const char *const *mb_row_types(void);

#endif /* MB_BARRIER_ID_H */
