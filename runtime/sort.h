/*
 * sort.h - a stable merge sort with a context argument.
 *
 * Stable, so equal keys keep their input order and output is reproducible;
 * with a context, so comparators need no global state (qsort has neither).
 */
#ifndef RUBRIC_SORT_H
#define RUBRIC_SORT_H

#include <stddef.h>

typedef int (*sort_cmp)(const void *a, const void *b, void *ctx);

void sort_stable(void *base, size_t n, size_t size, sort_cmp cmp, void *ctx);

#endif
