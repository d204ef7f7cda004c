/*
 * intern.h - interned names: one copy of each distinct identifier, so two
 * names are equal exactly when their pointers are.
 */
#ifndef RUBRIC_INTERN_H
#define RUBRIC_INTERN_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* A stored name with its hash and length, so a probe compares those
 * before any byte. */
typedef struct intern_slot {
	const char *s; /* NULL: empty */
	uint32_t hash;
	uint32_t len;
} intern_slot;

typedef struct intern_table {
	arena *arena;
	intern_slot *slots; /* open addressing, power-of-two size */
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
