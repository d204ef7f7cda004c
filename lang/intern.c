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
	t->last = NULL;
	t->last_len = 0;
}

static void grow(intern_table *t)
{
	size_t cap = t->cap * 2;
	intern_slot *slots = arena_alloc(t->arena, cap * sizeof *slots);
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->slots[i].s)
			continue;
		size_t j = t->slots[i].hash & (cap - 1);
		while (slots[j].s)
			j = (j + 1) & (cap - 1);
		slots[j] = t->slots[i];
	}
	t->slots = slots;
	t->cap = cap;
}

/* Names are compared byte for byte over their whole length (a name
 * holding a NUL is still one name). */
static const char *lookup(intern_table *t, const char *s, size_t len)
{
	if (2 * (t->len + 1) > t->cap)
		grow(t);
	uint32_t h = intern_hash(s, len);
	size_t i = h & (t->cap - 1);
	for (; t->slots[i].s; i = (i + 1) & (t->cap - 1)) {
		const intern_slot *e = &t->slots[i];
		if (e->hash == h && e->len == len && memcmp(e->s, s, len) == 0)
			return e->s;
	}
	intern_slot *e = &t->slots[i];
	e->s = arena_strndup(t->arena, s, len);
	e->hash = h;
	e->len = (uint32_t)len;
	t->len++;
	return e->s;
}

const char *intern(intern_table *t, const char *s, size_t len)
{
	if (t->last && t->last_len == len && memcmp(t->last, s, len) == 0)
		return t->last;
	t->last = lookup(t, s, len);
	t->last_len = len;
	return t->last;
}

const char *intern_cstr(intern_table *t, const char *s)
{
	return intern(t, s, strlen(s));
}
