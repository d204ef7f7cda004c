/* intern.c - interned names; see intern.h. */
#include "intern.h"

#include <string.h>

/* FNV-1a: short names, few of them; simple and good enough. */
uint32_t intern_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

void intern_init(intern_table *t, arena *a)
{
	t->arena = a;
	t->cap = 256;
	t->len = 0;
	t->slots = arena_alloc(a, t->cap * sizeof *t->slots);
	t->hashes = arena_alloc(a, t->cap * sizeof *t->hashes);
	t->last = NULL;
	t->last_len = 0;
}

static void grow(intern_table *t)
{
	size_t cap = t->cap * 2;
	const char **slots = arena_alloc(t->arena, cap * sizeof *slots);
	uint32_t *hashes = arena_alloc(t->arena, cap * sizeof *hashes);
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->slots[i])
			continue;
		size_t j = t->hashes[i] & (cap - 1);
		while (slots[j])
			j = (j + 1) & (cap - 1);
		slots[j] = t->slots[i];
		hashes[j] = t->hashes[i];
	}
	t->slots = slots;
	t->hashes = hashes;
	t->cap = cap;
}

static const char *lookup(intern_table *t, const char *s, size_t len)
{
	if (2 * (t->len + 1) > t->cap)
		grow(t);
	uint32_t h = intern_hash(s, len);
	size_t i = h & (t->cap - 1);
	while (t->slots[i]) {
		if (t->hashes[i] == h && strncmp(t->slots[i], s, len) == 0 &&
		    t->slots[i][len] == '\0')
			return t->slots[i];
		i = (i + 1) & (t->cap - 1);
	}
	t->slots[i] = arena_strndup(t->arena, s, len);
	t->hashes[i] = h;
	t->len++;
	return t->slots[i];
}

/* The memo keeps the length of the name itself, not of the text asked
 * for, so it answers only for that exact text (no NUL in it), which
 * lookup would map to the same name. */
const char *intern(intern_table *t, const char *s, size_t len)
{
	if (t->last && t->last_len == len && memcmp(t->last, s, len) == 0)
		return t->last;
	t->last = lookup(t, s, len);
	t->last_len = strlen(t->last);
	return t->last;
}

const char *intern_cstr(intern_table *t, const char *s)
{
	return intern(t, s, strlen(s));
}
