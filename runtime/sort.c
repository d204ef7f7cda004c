/* sort.c - stable merge sort; see sort.h. */
#include "sort.h"

#include <stdlib.h>
#include <string.h>

static void merge_sort(char *a, char *tmp, size_t n, size_t size, sort_cmp cmp,
		       void *ctx)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	merge_sort(a, tmp, h, size, cmp, ctx);
	merge_sort(a + h * size, tmp, n - h, size, cmp, ctx);
	/* Already in order: nothing to merge (common for sorted input). */
	if (cmp(a + (h - 1) * size, a + h * size, ctx) <= 0)
		return;
	memcpy(tmp, a, n * size);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n) {
		if (cmp(tmp + j * size, tmp + i * size, ctx) < 0)
			memcpy(a + k++ * size, tmp + j++ * size, size);
		else
			memcpy(a + k++ * size, tmp + i++ * size, size);
	}
	if (i < h)
		memcpy(a + k * size, tmp + i * size, (h - i) * size);
	if (j < n)
		memcpy(a + k * size, tmp + j * size, (n - j) * size);
}

void sort_stable(void *base, size_t n, size_t size, sort_cmp cmp, void *ctx)
{
	if (n < 2)
		return;
	char *tmp = malloc(n * size);
	if (!tmp)
		abort();
	merge_sort(base, tmp, n, size, cmp, ctx);
	free(tmp);
}
