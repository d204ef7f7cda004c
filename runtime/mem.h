/*
 * mem.h - the large arrays of a run that live outside its arena: cells,
 * results, the duplicate set.  They are freed as soon as they are not
 * needed (arena memory is freed only with the run), and some are read and
 * written at random, which huge pages make cheaper.
 *
 * Out of memory aborts, as in arena.c: it is not a data error.
 */
#ifndef RUBRIC_MEM_H
#define RUBRIC_MEM_H

#include <stddef.h>

/* Zeroed memory for n elements of size bytes (at least one); free() it. */
void *mem_calloc(size_t n, size_t size);
/* The same for a large array read and written at random: asks for huge
 * pages (2 MiB) where the system gives them on request.  Fewer TLB misses,
 * and a page first read (the shared zero page) and then written is
 * replaced once per 2 MiB rather than once per 4 KiB, each time flushing
 * the TLB of every core the process runs on. */
void *mem_calloc_large(size_t n, size_t size);
/* Gives back to the system the whole pages within bytes [from, to) of p,
 * an allocation that will not be read there again (they read as zero). */
void mem_give_back(void *p, size_t from, size_t to);

#endif
