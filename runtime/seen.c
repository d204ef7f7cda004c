/* seen.c - the ratings an assessment has taken; see seen.h. */
#include "seen.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

/* Entries per block: 1 MiB. */
enum { SEEN_BLOCK_BITS = 16, SEEN_BLOCK = 1 << SEEN_BLOCK_BITS };

void seen_init(seen_set *s, size_t nkeys, size_t ncomp)
{
	memset(s, 0, sizeof *s);
	s->nkeys = nkeys;
	s->ncomp = ncomp;
	s->mask_words = (ncomp + 63) / 64;
}

void seen_free(seen_set *s)
{
	for (size_t i = 0; i < s->nblocks; i++)
		free(s->blocks[i]);
	free(s->blocks);
	free(s->heads);
	free(s->masks);
	seen_init(s, s->nkeys, s->ncomp);
}

static seen_entry *entry(const seen_set *s, uint32_t i)
{
	return &s->blocks[i >> SEEN_BLOCK_BITS][i & (SEEN_BLOCK - 1)];
}

const seen_entry *seen_first(const seen_set *s, uint32_t key)
{
	return s->heads && s->heads[key] ? entry(s, s->heads[key] - 1) : NULL;
}

const seen_entry *seen_next(const seen_set *s, const seen_entry *e)
{
	return e->next ? entry(s, e->next - 1) : NULL;
}

/* 1 + the index of (key, rater)'s entry, or 0. */
static uint32_t find(const seen_set *s, uint32_t key, const char *rater)
{
	if (!s->heads)
		return 0;
	for (uint32_t i = s->heads[key]; i; i = entry(s, i - 1)->next)
		if (entry(s, i - 1)->rater == rater)
			return i;
	return 0;
}

const seen_entry *seen_find(const seen_set *s, uint32_t key, const char *rater)
{
	uint32_t i = find(s, key, rater);
	return i ? entry(s, i - 1) : NULL;
}

/* A new entry for (key, rater), first in the key's list. */
static uint32_t add(seen_set *s, uint32_t key, const char *rater)
{
	if (!s->heads) /* large, and read and written at random */
		s->heads = mem_calloc_large(s->nkeys, sizeof *s->heads);
	if (s->len >= UINT32_MAX - 1)
		abort(); /* four thousand million raters' forms */
	if (s->len % SEEN_BLOCK == 0) {
		seen_entry **b = realloc(s->blocks, (s->nblocks + 1) * sizeof *b);
		if (!b)
			abort();
		s->blocks = b;
		if (!(s->blocks[s->nblocks] = malloc(SEEN_BLOCK * sizeof **b)))
			abort();
		s->nblocks++;
	}
	uint32_t i = (uint32_t)s->len++;
	seen_entry *e = entry(s, i);
	e->rater = rater;
	e->next = s->heads[key];
	e->word = 0;
	s->heads[key] = i + 1;
	if (s->ncomp > 32) {
		size_t need = s->len * s->mask_words;
		if (need > s->masks_cap) {
			size_t cap = s->masks_cap ? s->masks_cap * 2 : 1024;
			while (cap < need)
				cap *= 2;
			uint64_t *m = realloc(s->masks, cap * sizeof *m);
			if (!m)
				abort();
			s->masks = m;
			s->masks_cap = cap;
		}
		e->word = (uint32_t)(i * s->mask_words);
		memset(&s->masks[e->word], 0, s->mask_words * sizeof(uint64_t));
	}
	return i + 1;
}

seen_entry *seen_entry_of(seen_set *s, uint32_t key, const char *rater)
{
	/* A rater's form gives one row per competency, one after the other:
	 * the entry of the row before is most often this row's too. */
	if (s->last && s->last_key == key && entry(s, s->last - 1)->rater == rater)
		return entry(s, s->last - 1);
	uint32_t i = find(s, key, rater);
	s->last = i ? i : add(s, key, rater);
	s->last_key = key;
	return entry(s, s->last - 1);
}

bool seen_has(const seen_set *s, const seen_entry *e, uint32_t c)
{
	if (s->ncomp <= 32)
		return e->word >> c & 1u;
	return s->masks[e->word + c / 64] >> (c % 64) & 1u;
}

void seen_mark(seen_set *s, seen_entry *e, uint32_t c)
{
	if (s->ncomp <= 32)
		e->word |= 1u << c;
	else
		s->masks[e->word + c / 64] |= 1ull << (c % 64);
}

bool seen_overlap(const seen_set *a, const seen_entry *x, const seen_set *b,
		  const seen_entry *y)
{
	if (a->ncomp <= 32)
		return (x->word & y->word) != 0;
	for (size_t w = 0; w < a->mask_words; w++)
		if (a->masks[x->word + w] & b->masks[y->word + w])
			return true;
	return false;
}
