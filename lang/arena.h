/*
 * arena.h - one owner for every allocation of a loaded program.
 *
 * Everything the front end builds (source text, tokens, AST, interned names,
 * diagnostic messages) is allocated from one arena and freed with one call,
 * so no error path can leak.  Build with -DRUBRIC_ARENA_DEBUG to turn every
 * allocation into its own malloc, so AddressSanitizer and valgrind see each
 * object's bounds.
 */
#ifndef RUBRIC_ARENA_H
#define RUBRIC_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);              /* NULL when out of memory */
void arena_free(arena *a);           /* frees everything; NULL is fine */
/* Moves everything allocated in `from` into `a`, which then owns it, and
 * frees `from` itself (an arena filled on another thread). */
void arena_adopt(arena *a, arena *from);

/* Zeroed, aligned for any type.  Aborts on out-of-memory (see arena.c). */
void *arena_alloc(arena *a, size_t size);
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Text growing in the arena, always NUL-terminated once written to (the
 * storage it outgrows stays in the arena). */
typedef struct arena_buf {
	arena *a;
	char *s;
	size_t len, cap;
} arena_buf;

void arena_buf_put(arena_buf *b, const char *s, size_t n);
void arena_buf_puts(arena_buf *b, const char *s);

/* A growable array of pointers whose storage lives in the arena. */
typedef struct ptr_vec {
	void **items;
	size_t len, cap;
} ptr_vec;

void ptr_vec_push(arena *a, ptr_vec *v, void *item);

#endif
