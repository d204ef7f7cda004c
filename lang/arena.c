/*
 * arena.c - bump allocation in chunks; see arena.h.
 *
 * Out of memory is the one condition the library does not report as a
 * diagnostic: a rule set is small, so failing to allocate means the machine
 * is in trouble, and we abort with a message rather than thread NULL checks
 * through every constructor.
 */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_SIZE (64 * 1024)
#define ALIGN _Alignof(max_align_t)

struct chunk {
	struct chunk *next;
	size_t used, size;
	_Alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct chunk *head;
};

static void *xmalloc(size_t size)
{
	void *p = malloc(size);
	if (!p) {
		fputs("rubric: out of memory\n", stderr);
		abort();
	}
	return p;
}

arena *arena_new(void)
{
	arena *a = malloc(sizeof *a);
	if (a)
		a->head = NULL;
	return a;
}

void arena_free(arena *a)
{
	if (!a)
		return;
	struct chunk *c = a->head;
	while (c) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
	free(a);
}

void arena_adopt(arena *a, arena *from)
{
	struct chunk *c = from->head;
	if (c) {
		/* Behind a's current chunk, which stays the one allocated from. */
		struct chunk *last = c;
		while (last->next)
			last = last->next;
		if (a->head) {
			last->next = a->head->next;
			a->head->next = c;
		} else {
			a->head = c;
		}
	}
	free(from);
}

void *arena_alloc(arena *a, size_t size)
{
	if (size == 0)
		size = 1;
	size_t rounded = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
#ifdef RUBRIC_ARENA_DEBUG
	/* One chunk per object, sized exactly, so sanitizers see overruns. */
	(void)rounded;
	struct chunk *c = xmalloc(sizeof *c + size);
	c->used = c->size = size;
	c->next = a->head;
	a->head = c;
	memset(c->data, 0, size);
	return c->data;
#else
	struct chunk *c = a->head;
	if (!c || c->size - c->used < rounded) {
		size_t want = rounded > CHUNK_SIZE ? rounded : CHUNK_SIZE;
		c = xmalloc(sizeof *c + want);
		c->used = 0;
		c->size = want;
		c->next = a->head;
		a->head = c;
	}
	void *p = c->data + c->used;
	c->used += rounded;
	memset(p, 0, size);
	return p;
#endif
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_buf_put(arena_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *t = arena_alloc(b->a, cap);
		if (b->len)
			memcpy(t, b->s, b->len);
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void arena_buf_puts(arena_buf *b, const char *s)
{
	arena_buf_put(b, s, strlen(s));
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void ptr_vec_push(arena *a, ptr_vec *v, void *item)
{
	if (v->len == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		void **items = arena_alloc(a, cap * sizeof *items);
		if (v->len)
			memcpy(items, v->items, v->len * sizeof *items);
		v->items = items;
		v->cap = cap;
	}
	v->items[v->len++] = item;
}
