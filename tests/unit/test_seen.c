/*
 * test_seen.c - unit tests for the duplicate-rating set (runtime/seen.c):
 * one entry per (key, rater), the competencies each has rated, over and
 * under 32 competencies, across blocks, and the overlap two sets are
 * joined by.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "seen.h"

/* Raters are interned: equal names, equal pointers.  These stand in. */
static const char *const A = "P0000001", *const B = "P0000002", *const C = "P0000003";

static void test_one_entry_per_key_and_rater(void **state)
{
	(void)state;
	seen_set s;
	seen_init(&s, 10, 9);
	seen_entry *a3 = seen_entry_of(&s, 3, A);
	assert_ptr_equal(seen_entry_of(&s, 3, A), a3); /* the row before */
	seen_entry *b3 = seen_entry_of(&s, 3, B);
	assert_ptr_not_equal(b3, a3);
	assert_ptr_equal(seen_entry_of(&s, 3, A), a3); /* found again */
	seen_entry *a4 = seen_entry_of(&s, 4, A);
	assert_ptr_not_equal(a4, a3);
	assert_int_equal(s.len, 3);
	assert_ptr_equal(seen_find(&s, 3, B), b3);
	assert_null(seen_find(&s, 3, C));
	assert_null(seen_find(&s, 5, A));
	/* The key's entries, newest first. */
	const seen_entry *e = seen_first(&s, 3);
	assert_ptr_equal(e, b3);
	e = seen_next(&s, e);
	assert_ptr_equal(e, a3);
	assert_null(seen_next(&s, e));
	assert_null(seen_first(&s, 9));
	seen_free(&s);
	assert_int_equal(s.len, 0);
	assert_null(seen_first(&s, 3));
}

static void test_competencies(void **state)
{
	(void)state;
	for (size_t ncomp = 9; ncomp <= 130; ncomp += 121 - 9) {
		seen_set s;
		seen_init(&s, 4, ncomp);
		seen_entry *a = seen_entry_of(&s, 1, A);
		seen_entry *b = seen_entry_of(&s, 1, B);
		uint32_t last = (uint32_t)ncomp - 1;
		assert_false(seen_has(&s, a, 0));
		seen_mark(&s, a, 0);
		seen_mark(&s, a, last);
		seen_mark(&s, b, 1);
		a = seen_entry_of(&s, 1, A);
		assert_true(seen_has(&s, a, 0));
		assert_true(seen_has(&s, a, last));
		assert_false(seen_has(&s, a, 1));
		assert_true(seen_has(&s, seen_entry_of(&s, 1, B), 1));
		assert_false(seen_has(&s, seen_entry_of(&s, 1, B), last));
		seen_free(&s);
	}
}

/* More entries than one block holds, with masks over 64 competencies that
 * move as they grow: every entry keeps its own. */
static void test_many_entries(void **state)
{
	(void)state;
	enum { N = 200000 };
	static char names[N][8];
	seen_set s;
	seen_init(&s, 1000, 70);
	for (uint32_t i = 0; i < N; i++) {
		snprintf(names[i], sizeof names[i], "R%u", i);
		seen_entry *e = seen_entry_of(&s, i % 1000, names[i]);
		seen_mark(&s, e, i % 70);
	}
	assert_int_equal(s.len, N);
	for (uint32_t i = 0; i < N; i += 997) {
		const seen_entry *e = seen_find(&s, i % 1000, names[i]);
		assert_non_null(e);
		assert_ptr_equal(e->rater, names[i]);
		assert_true(seen_has(&s, e, i % 70));
		assert_false(seen_has(&s, e, (i + 1) % 70));
		assert_null(seen_find(&s, (i + 1) % 1000, names[i]));
	}
	seen_free(&s);
}

static void test_overlap(void **state)
{
	(void)state;
	for (size_t ncomp = 9; ncomp <= 100; ncomp += 91) {
		seen_set x, y;
		seen_init(&x, 2, ncomp);
		seen_init(&y, 2, ncomp);
		seen_entry *ex = seen_entry_of(&x, 0, A), *ey = seen_entry_of(&y, 0, A);
		seen_mark(&x, ex, 2);
		seen_mark(&y, ey, 3);
		assert_false(seen_overlap(&x, ex, &y, ey));
		seen_mark(&y, ey, (uint32_t)ncomp - 1);
		assert_false(seen_overlap(&x, ex, &y, ey));
		seen_mark(&x, ex, (uint32_t)ncomp - 1);
		assert_true(seen_overlap(&x, ex, &y, ey));
		seen_free(&x);
		seen_free(&y);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_entry_per_key_and_rater),
		cmocka_unit_test(test_competencies),
		cmocka_unit_test(test_many_entries),
		cmocka_unit_test(test_overlap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
