/* SPDX-License-Identifier: MIT */
/*
 * src/litmus/hist.c - the state histogram of src/litmus/hist.h.
 */
#include <stdlib.h>
#include <string.h>

#include "litmus/hist.h"
#include "result/result.h"

void mb_hist_init(struct mb_hist *h, int klen)
{
	h->klen = klen;
	h->cap = 64;
	h->used = 0;
	h->keys = mb_xcalloc(h->cap * (size_t)(klen ? klen : 1), sizeof(int));
	h->counts = mb_xcalloc(h->cap, sizeof(uint64_t));
}

void mb_hist_free(struct mb_hist *h)
{
	free(h->keys);
	free(h->counts);
	memset(h, 0, sizeof(*h));
}

static uint64_t key_hash(const int *k, int n)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;

	for (int i = 0; i < n; i++)
		x = (x ^ (uint32_t)k[i]) * 0x100000001b3ull;
	return x ^ (x >> 29);
}

/* Kept at most half full: the probe sequences stay short. */
static void hist_grow(struct mb_hist *h)
{
	struct mb_hist bigger;

	bigger.klen = h->klen;
	bigger.cap = h->cap * 4;
	bigger.used = 0;
	bigger.keys = mb_xcalloc(bigger.cap * (size_t)(h->klen ? h->klen : 1), sizeof(int));
	bigger.counts = mb_xcalloc(bigger.cap, sizeof(uint64_t));
	mb_hist_merge(&bigger, h);
	mb_hist_free(h);
	*h = bigger;
}

void mb_hist_add(struct mb_hist *h, const int *key, uint64_t count)
{
	size_t i;

	if (2 * (h->used + 1) > h->cap)
		hist_grow(h);
	i = (size_t)key_hash(key, h->klen) & (h->cap - 1);
	for (;; i = (i + 1) & (h->cap - 1)) {
		int *k = h->keys + i * (size_t)h->klen;

		if (!h->counts[i]) {
			memcpy(k, key, sizeof(int) * (size_t)h->klen);
			h->counts[i] = count;
			h->used++;
			return;
		}
		if (!memcmp(k, key, sizeof(int) * (size_t)h->klen)) {
			h->counts[i] += count;
			return;
		}
	}
}

size_t mb_hist_next(const struct mb_hist *h, size_t i)
{
	while (i < h->cap && !h->counts[i])
		i++;
	return i;
}

void mb_hist_merge(struct mb_hist *dst, const struct mb_hist *src)
{
	for (size_t i = 0; (i = mb_hist_next(src, i)) < src->cap; i++)
		mb_hist_add(dst, mb_hist_key(src, i), src->counts[i]);
}
