/* mem.c - large arrays outside the arena; see mem.h. */
#define _DEFAULT_SOURCE /* madvise */
#include "mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

void *mem_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		abort();
	return p;
}

void *mem_calloc_large(size_t n, size_t size)
{
	void *p = mem_calloc(n, size);
#ifdef MADV_HUGEPAGE
	enum { HUGE = 2 << 20 };
	uintptr_t from = ((uintptr_t)p + HUGE - 1) & ~(uintptr_t)(HUGE - 1),
		  to = ((uintptr_t)p + n * size) & ~(uintptr_t)(HUGE - 1);
	if (to > from)
		madvise((void *)from, to - from, MADV_HUGEPAGE); /* advice only */
#endif
	return p;
}

void mem_give_back(void *p, size_t from, size_t to)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t a = ((uintptr_t)p + from + page - 1) & ~(page - 1);
	uintptr_t b = ((uintptr_t)p + to) & ~(page - 1);
	if (b > a)
		madvise((void *)a, b - a, MADV_DONTNEED);
}
