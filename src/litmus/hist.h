/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/hist.h - a histogram of final states: how often each vector
 * of ints (every thread's registers, then the locations the condition
 * names) was seen.  Open addressing on the whole vector, so states are
 * told apart by every value, however long; each harness thread keeps its
 * own and they are merged once at the end.
 */
#ifndef MB_LITMUS_HIST_H
#define MB_LITMUS_HIST_H

#include <stddef.h>
#include <stdint.h>

struct mb_hist {
	int klen;		/* ints per state */
	size_t cap, used;	/* cap: a power of two */
	int *keys;		/* cap * klen */
	uint64_t *counts;	/* 0 = empty slot */
};

void mb_hist_init(struct mb_hist *h, int klen);
void mb_hist_free(struct mb_hist *h);
void mb_hist_add(struct mb_hist *h, const int *key, uint64_t count);
/* Every state of src added to dst (same klen). */
void mb_hist_merge(struct mb_hist *dst, const struct mb_hist *src);
/* Iterate: for (size_t i = 0; (i = mb_hist_next(h, i)) < h->cap; i++) ... mb_hist_key(h, i) */
size_t mb_hist_next(const struct mb_hist *h, size_t i);
static inline const int *mb_hist_key(const struct mb_hist *h, size_t i)
{
	return h->keys + i * (size_t)h->klen;
}

#endif /* MB_LITMUS_HIST_H */
