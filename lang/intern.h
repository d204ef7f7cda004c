/*
 * intern.h - interned names: one copy of each distinct identifier, so two
 * names are equal exactly when their pointers are.
 */
#ifndef RUBRIC_INTERN_H
#define RUBRIC_INTERN_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct intern_table {
	arena *arena;
	const char **slots; /* open addressing, power-of-two size */
	uint32_t *hashes;
	size_t cap, len;
	/* The last name returned: data interned row by row (raters) mostly
	 * repeat the previous row's, which then costs one comparison. */
	const char *last;
	size_t last_len;
} intern_table;

/* FNV-1a over bytes: also used by tables keyed by text (runtime/load.c). */
uint32_t intern_hash(const char *s, size_t len);
void intern_init(intern_table *t, arena *a);
const char *intern(intern_table *t, const char *s, size_t len);
const char *intern_cstr(intern_table *t, const char *s);

#endif
