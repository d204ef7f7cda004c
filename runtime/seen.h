/*
 * seen.h - the ratings an assessment has taken, so that a second rating of
 * the same subject, relation, rater and competency is refused.
 *
 * Per subject and relation (a key), a list of the raters seen, each with
 * the competencies it has rated: entries of 16 bytes, one per rater's form
 * rather than per row, allocated in blocks that never move.  The row
 * before is remembered: a form's rows come one after the other.
 */
#ifndef RUBRIC_SEEN_H
#define RUBRIC_SEEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct seen_entry {
	const char *rater;     /* interned: equal raters, equal pointers */
	uint32_t next;         /* 1 + the key's entry before, 0: none */
	uint32_t word;         /* up to 32 competencies: their bits; else
				  the index of the entry's words in masks */
} seen_entry;

typedef struct seen_set {
	size_t nkeys, ncomp, mask_words;
	uint32_t *heads;       /* [key]: 1 + the key's latest entry, 0: none */
	seen_entry **blocks;
	size_t nblocks, len;
	uint64_t *masks;       /* mask_words per entry, over 32 competencies */
	size_t masks_cap;
	uint32_t last;         /* 1 + the entry of the row before, 0: none */
	uint32_t last_key;
} seen_set;

void seen_init(seen_set *s, size_t nkeys, size_t ncomp);
void seen_free(seen_set *s);   /* the set is empty again, ready for use */

/* The entry of (key, rater), added empty when new. */
seen_entry *seen_entry_of(seen_set *s, uint32_t key, const char *rater);
/* The entry of (key, rater), or NULL. */
const seen_entry *seen_find(const seen_set *s, uint32_t key, const char *rater);
/* The key's entries, newest first: seen_first, then seen_next until NULL. */
const seen_entry *seen_first(const seen_set *s, uint32_t key);
const seen_entry *seen_next(const seen_set *s, const seen_entry *e);

bool seen_has(const seen_set *s, const seen_entry *e, uint32_t c);
void seen_mark(seen_set *s, seen_entry *e, uint32_t c);
/* Whether two entries (of two sets of the same competencies) share one. */
bool seen_overlap(const seen_set *a, const seen_entry *x, const seen_set *b,
		  const seen_entry *y);

#endif
