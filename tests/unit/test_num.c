/*
 * test_num.c - unit tests for runtime/num.c (exact rationals).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "num.h"

#define P62 ((int64_t)1 << 62)
#define P61 ((int64_t)1 << 61)

/* A value no operation should produce, to check that *out is untouched. */
static const num SENTINEL = { 12345, 7 };

static num parse_ok(const char *s)
{
	num v = SENTINEL;
	assert_int_equal(num_parse(s, strlen(s), &v), NUM_OK);
	return v;
}

static num make_ok(int64_t n, int64_t d)
{
	num v = SENTINEL;
	assert_int_equal(num_make(n, d, &v), NUM_OK);
	return v;
}

static void assert_num(num v, int64_t n, int64_t d)
{
	assert_int_equal(v.n, n);
	assert_int_equal(v.d, d);
}

static void assert_untouched(num v)
{
	assert_num(v, SENTINEL.n, SENTINEL.d);
}

/* ---- arithmetic ------------------------------------------------------- */

static void test_point_one_plus_point_two(void **state)
{
	(void)state;
	num r = SENTINEL;
	assert_int_equal(num_add(parse_ok("0.1"), parse_ok("0.2"), &r), NUM_OK);
	assert_num(r, 3, 10);
	assert_true(num_eq(r, parse_ok("0.3")));
}

static void test_five_minus_twenty_sixths(void **state)
{
	(void)state;
	num r = SENTINEL;
	assert_int_equal(num_sub(num_int(5), make_ok(20, 6), &r), NUM_OK);
	assert_num(r, 5, 3);
	assert_true(num_eq(r, make_ok(5, 3)));
}

static void test_add_sub_basic(void **state)
{
	(void)state;
	num r = SENTINEL;
	assert_int_equal(num_add(make_ok(1, 6), make_ok(1, 3), &r), NUM_OK);
	assert_num(r, 1, 2);
	assert_int_equal(num_sub(make_ok(1, 2), make_ok(1, 2), &r), NUM_OK);
	assert_num(r, 0, 1);
	assert_int_equal(num_sub(make_ok(-1, 4), make_ok(3, 4), &r), NUM_OK);
	assert_num(r, -1, 1);
	assert_int_equal(num_add(make_ok(-7, 3), make_ok(1, 2), &r), NUM_OK);
	assert_num(r, -11, 6);
}

/* The product of the denominators (2^124) does not fit, their lcm does. */
static void test_add_uses_lcm(void **state)
{
	(void)state;
	num r = SENTINEL;
	num a = make_ok(1, P62);
	assert_int_equal(num_add(a, a, &r), NUM_OK);
	assert_num(r, 1, P61);

	/* The sum t = 2 shares a factor with the denominator 3 * 2^61. */
	num b = make_ok(1, 3 * P61);
	assert_int_equal(num_add(b, b, &r), NUM_OK);
	assert_num(r, 1, 3 * (P61 / 2));

	/* Large coprime denominators: the exact result does not fit. */
	r = SENTINEL;
	assert_int_equal(num_add(make_ok(1, 4294967291),
				 make_ok(1, 4294967279), &r), NUM_OVERFLOW);
	assert_untouched(r);
}

static void test_add_overflow(void **state)
{
	(void)state;
	num r = SENTINEL;
	assert_int_equal(num_add(num_int(INT64_MAX), num_int(1), &r),
			 NUM_OVERFLOW);
	assert_untouched(r);
	assert_int_equal(num_add(num_int(INT64_MAX), num_int(-1), &r), NUM_OK);
	assert_num(r, INT64_MAX - 1, 1);
	assert_int_equal(num_add(num_int(INT64_MAX), make_ok(1, 2), &r),
			 NUM_OVERFLOW);
}

/* -INT64_MAX - 1 is INT64_MIN: refused so that every num can be negated. */
static void test_sub_to_int64_min_overflows(void **state)
{
	(void)state;
	num r = SENTINEL;
	assert_int_equal(num_sub(num_int(-INT64_MAX), num_int(1), &r),
			 NUM_OVERFLOW);
	assert_untouched(r);
	assert_int_equal(num_sub(num_int(INT64_MAX), num_int(INT64_MAX), &r),
			 NUM_OK);
	assert_num(r, 0, 1);
}

static void test_mul_overflow(void **state)
{
	(void)state;
	num r = SENTINEL;
	/* Two primes just below 2^32: the product is about 1.8e19. */
	assert_int_equal(num_mul(num_int(4294967291), num_int(4294967279), &r),
			 NUM_OVERFLOW);
	assert_untouched(r);
	assert_int_equal(num_mul(make_ok(1, 4294967291),
				 make_ok(1, 4294967279), &r), NUM_OVERFLOW);
	assert_untouched(r);
	assert_int_equal(num_mul(num_int(3037000499), num_int(3037000499), &r),
			 NUM_OK);
	assert_num(r, INT64_C(9223372030926249001), 1);
}

/* (2^62/3) * (3/2^61) = 2: the raw products would overflow, the
 * cross-cancelled ones do not. */
static void test_mul_cross_cancel(void **state)
{
	(void)state;
	num r = SENTINEL;
	num a = make_ok(P62, 3);
	num b = make_ok(3, P61);
	assert_int_equal(num_mul(a, b, &r), NUM_OK);
	assert_num(r, 2, 1);
	assert_int_equal(num_mul(b, a, &r), NUM_OK);
	assert_num(r, 2, 1);
	assert_int_equal(num_mul(make_ok(-P62, 3), b, &r), NUM_OK);
	assert_num(r, -2, 1);
}

static void test_mul_div_basic(void **state)
{
	(void)state;
	num r = SENTINEL;
	assert_int_equal(num_mul(make_ok(2, 3), make_ok(9, 4), &r), NUM_OK);
	assert_num(r, 3, 2);
	assert_int_equal(num_mul(num_int(0), make_ok(-5, 7), &r), NUM_OK);
	assert_num(r, 0, 1);
	assert_int_equal(num_div(make_ok(1, 2), make_ok(-3, 4), &r), NUM_OK);
	assert_num(r, -2, 3);
	assert_int_equal(num_div(make_ok(-1, 2), make_ok(-3, 4), &r), NUM_OK);
	assert_num(r, 2, 3);
	assert_int_equal(num_div(num_int(0), make_ok(-3, 4), &r), NUM_OK);
	assert_num(r, 0, 1);
}

static void test_div_cross_cancel(void **state)
{
	(void)state;
	num r = SENTINEL;
	assert_int_equal(num_div(make_ok(P62, 3), make_ok(P61, 3), &r), NUM_OK);
	assert_num(r, 2, 1);
	assert_int_equal(num_div(make_ok(1, P61), make_ok(1, P62), &r), NUM_OK);
	assert_num(r, 2, 1);
	assert_int_equal(num_div(num_int(1), make_ok(1, INT64_MAX), &r), NUM_OK);
	assert_num(r, INT64_MAX, 1);
}

static void test_div_by_zero(void **state)
{
	(void)state;
	num r = SENTINEL;
	assert_int_equal(num_div(num_int(1), num_int(0), &r), NUM_DIVZERO);
	assert_untouched(r);
	assert_int_equal(num_div(num_int(0), num_int(0), &r), NUM_DIVZERO);
	assert_untouched(r);
	assert_int_equal(num_make(1, 0, &r), NUM_DIVZERO);
	assert_untouched(r);
}

/* A numerator of INT64_MIN (only num_int can build one) is accepted as an
 * input without undefined behaviour. */
static void test_int64_min_inputs(void **state)
{
	(void)state;
	num r = SENTINEL;
	num min = num_int(INT64_MIN);
	assert_int_equal(num_neg(min, &r), NUM_OVERFLOW);
	assert_untouched(r);
	assert_int_equal(num_div(num_int(1), min, &r), NUM_OVERFLOW);
	assert_untouched(r);
	assert_int_equal(num_div(num_int(2), min, &r), NUM_OK);
	assert_num(r, -1, P62);
	assert_int_equal(num_div(min, num_int(-2), &r), NUM_OK);
	assert_num(r, P62, 1);
	assert_int_equal(num_mul(min, num_int(-1), &r), NUM_OVERFLOW);
	assert_int_equal(num_add(min, num_int(1), &r), NUM_OK);
	assert_num(r, -INT64_MAX, 1);
	assert_int_equal(num_sub(num_int(0), min, &r), NUM_OVERFLOW);
	assert_int_equal(num_cmp(min, num_int(-INT64_MAX)), -1);
}

static void test_neg_abs(void **state)
{
	(void)state;
	num r = SENTINEL;
	assert_int_equal(num_neg(make_ok(3, 2), &r), NUM_OK);
	assert_num(r, -3, 2);
	assert_int_equal(num_neg(num_int(0), &r), NUM_OK);
	assert_num(r, 0, 1);
	assert_int_equal(num_neg(num_int(-INT64_MAX), &r), NUM_OK);
	assert_num(r, INT64_MAX, 1);
	assert_num(num_abs_unchecked(make_ok(-5, 3)), 5, 3);
	assert_num(num_abs_unchecked(make_ok(5, 3)), 5, 3);
}

/* ---- construction ----------------------------------------------------- */

static void test_make_normalises(void **state)
{
	(void)state;
	assert_num(make_ok(6, -4), -3, 2);
	assert_num(make_ok(-6, -4), 3, 2);
	assert_num(make_ok(-6, 4), -3, 2);
	assert_num(make_ok(0, -5), 0, 1);
	assert_num(make_ok(0, 7), 0, 1);
	assert_num(make_ok(10, 5), 2, 1);
	assert_num(make_ok(INT64_MAX, INT64_MAX), 1, 1);
	assert_num(num_int(-9), -9, 1);
}

static void test_make_int64_min(void **state)
{
	(void)state;
	num r = SENTINEL;
	assert_num(make_ok(INT64_MIN, 2), -P62, 1);
	assert_num(make_ok(2, INT64_MIN), -1, P62);
	assert_num(make_ok(INT64_MIN, INT64_MIN), 1, 1);
	assert_num(make_ok(INT64_MIN, -4), P61, 1);
	assert_int_equal(num_make(INT64_MIN, 1, &r), NUM_OVERFLOW);
	assert_int_equal(num_make(INT64_MIN, -1, &r), NUM_OVERFLOW);
	assert_int_equal(num_make(1, INT64_MIN, &r), NUM_OVERFLOW);
	assert_int_equal(num_make(-1, INT64_MIN, &r), NUM_OVERFLOW);
	assert_int_equal(num_make(INT64_MIN, 3, &r), NUM_OVERFLOW);
	assert_untouched(r);
}

/* ---- comparison ------------------------------------------------------- */

static void test_cmp_basic(void **state)
{
	(void)state;
	assert_int_equal(num_cmp(make_ok(1, 3), make_ok(1, 2)), -1);
	assert_int_equal(num_cmp(make_ok(1, 2), make_ok(1, 3)), 1);
	assert_int_equal(num_cmp(make_ok(2, 4), make_ok(1, 2)), 0);
	assert_int_equal(num_cmp(make_ok(-1, 2), make_ok(-1, 3)), -1);
	assert_int_equal(num_cmp(num_int(0), make_ok(-1, INT64_MAX)), 1);
	assert_true(num_eq(parse_ok("0.5"), make_ok(1, 2)));
	assert_false(num_eq(make_ok(1, 3), make_ok(1, 2)));
}

/* (M-1)/M vs (M-2)/(M-1) for M = INT64_MAX: the cross products differ by
 * exactly 1 near 2^126, so 64-bit arithmetic cannot tell them apart. */
static void test_cmp_huge(void **state)
{
	(void)state;
	num a = make_ok(INT64_MAX - 1, INT64_MAX);
	num b = make_ok(INT64_MAX - 2, INT64_MAX - 1);
	assert_int_equal(num_cmp(a, b), 1);
	assert_int_equal(num_cmp(b, a), -1);
	assert_int_equal(num_cmp(a, a), 0);
	assert_false(num_eq(a, b));

	num na = make_ok(-(INT64_MAX - 1), INT64_MAX);
	num nb = make_ok(-(INT64_MAX - 2), INT64_MAX - 1);
	assert_int_equal(num_cmp(na, nb), -1);
	assert_int_equal(num_cmp(num_int(INT64_MAX), make_ok(INT64_MAX - 1, 1)),
			 1);
	assert_int_equal(num_cmp(make_ok(INT64_MAX, INT64_MAX - 1),
				 make_ok(INT64_MAX - 1, INT64_MAX - 2)), -1);
}

static void test_predicates(void **state)
{
	(void)state;
	assert_true(num_is_zero(num_int(0)));
	assert_false(num_is_zero(make_ok(1, INT64_MAX)));
	assert_true(num_is_int(num_int(-4)));
	assert_true(num_is_int(make_ok(8, 4)));
	assert_false(num_is_int(make_ok(1, 2)));
	assert_int_equal(num_sign(make_ok(-1, 3)), -1);
	assert_int_equal(num_sign(num_int(0)), 0);
	assert_int_equal(num_sign(make_ok(1, 3)), 1);
}

/* ---- parsing ---------------------------------------------------------- */

static void test_parse_percent(void **state)
{
	(void)state;
	assert_num(parse_ok("80%"), 4, 5);
	assert_num(parse_ok("12.5%"), 1, 8);
	assert_num(parse_ok("100%"), 1, 1);
	assert_num(parse_ok("-50%"), -1, 2);
	assert_num(parse_ok("0%"), 0, 1);
	assert_num(parse_ok("0.5%"), 1, 200);
}

static void test_parse_valid(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int64_t n, d;
	} cases[] = {
		{ "0", 0, 1 },
		{ "-0", 0, 1 },
		{ "-0.000", 0, 1 },
		{ "42", 42, 1 },
		{ "007", 7, 1 },
		{ "-2.5", -5, 2 },
		{ "0.125", 1, 8 },
		{ "1_000", 1000, 1 },
		{ "1_000_000.000_001", 1000000000001, 1000000 },
		{ "123456789.123456789", 123456789123456789, 1000000000 },
		{ "1.50000000000000000000", 3, 2 },
		/* More digits than 128 bits hold, all but two of them zeros. */
		{ "1.5000000000000000000000000000000000000000000000", 3, 2 },
		{ "1.5_0_0", 3, 2 },
		{ "9223372036854775807", INT64_MAX, 1 },
		{ "-9223372036854775807", -INT64_MAX, 1 },
		{ "0.000000000000000001", 1, 1000000000000000000 },
		/* 19 decimals, but 5/10^19 reduces to 1/(2 * 10^18). */
		{ "0.0000000000000000005", 1, 2000000000000000000 },
		/* 2^-40 in full: 40 decimals, 10^40 exceeds even 128 bits. */
		{ "0.0000000000009094947017729282379150390625", 1,
		  INT64_C(1) << 40 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		num v = parse_ok(cases[i].text);
		assert_num(v, cases[i].n, cases[i].d);
	}
}

static void test_parse_uses_len(void **state)
{
	(void)state;
	num r = SENTINEL;
	assert_int_equal(num_parse("12x", 2, &r), NUM_OK);
	assert_num(r, 12, 1);
	assert_int_equal(num_parse("1.5", 2, &r), NUM_SYNTAX);
	assert_int_equal(num_parse("7", 0, &r), NUM_SYNTAX);
}

static void test_parse_rejects(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "-", "1.", ".5", "1__0", "_1", "1_", "1.2.3", "%", "-%",
		"+1", " 1", "1 ", "1e5", "1%%", "1_.5", "1._5", "1.5_", "abc",
		"--1", "1-", "-.5", "0x10", "1,5", "%1", "1.%",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		num r = SENTINEL;
		assert_int_equal(num_parse(bad[i], strlen(bad[i]), &r),
				 NUM_SYNTAX);
		assert_untouched(r);
	}
}

static void test_parse_overflow(void **state)
{
	(void)state;
	static const char *const big[] = {
		"123456789012345678901234567890",
		"-123456789012345678901234567890",
		"9223372036854775808",
		"-9223372036854775808", /* INT64_MIN is never a numerator */
		"0.0000000000000000001", /* 1/10^19 */
		"922337203685477580800%",
		"1.0000000000000000000000000000000000000000001",
	};
	for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
		num r = SENTINEL;
		assert_int_equal(num_parse(big[i], strlen(big[i]), &r),
				 NUM_OVERFLOW);
		assert_untouched(r);
	}
}

/* ---- rounding --------------------------------------------------------- */

static const num_round_mode MODES[7] = {
	NUM_HALF_EVEN, NUM_HALF_UP, NUM_HALF_DOWN, NUM_UP,
	NUM_DOWN, NUM_CEILING, NUM_FLOOR,
};

/*
 * Each row: a value, a number of places, and the expected result under
 * the seven modes in the order of MODES, written with exactly `places`
 * decimals.  Each expectation is checked both as the exact value returned
 * by num_round and as the text of num_format.
 */
static void test_round_table(void **state)
{
	(void)state;
	static const struct {
		int64_t n, d;
		int places;
		const char *want[7];
	} rows[] = {
		/*          half_even half_up  half_down up       down     ceiling  floor */
		{ 5, 2, 0, { "2", "3", "2", "3", "2", "3", "2" } },
		{ 7, 2, 0, { "4", "4", "3", "4", "3", "4", "3" } },
		{ -5, 2, 0, { "-2", "-3", "-2", "-3", "-2", "-2", "-3" } },
		{ 13, 5, 0, { "3", "3", "3", "3", "2", "3", "2" } },
		{ 12, 5, 0, { "2", "2", "2", "3", "2", "3", "2" } },
		{ 49, 20, 1, { "2.4", "2.5", "2.4", "2.5", "2.4", "2.5", "2.4" } },
		{ -49, 20, 1,
		  { "-2.4", "-2.5", "-2.4", "-2.5", "-2.4", "-2.4", "-2.5" } },
		{ 49, 20, 2,
		  { "2.45", "2.45", "2.45", "2.45", "2.45", "2.45", "2.45" } },
		{ 5, 2, 2,
		  { "2.50", "2.50", "2.50", "2.50", "2.50", "2.50", "2.50" } },
		{ 1, 8, 2,
		  { "0.12", "0.13", "0.12", "0.13", "0.12", "0.13", "0.12" } },
		{ 3, 8, 2,
		  { "0.38", "0.38", "0.37", "0.38", "0.37", "0.38", "0.37" } },
		{ -1, 8, 2,
		  { "-0.12", "-0.13", "-0.12", "-0.13", "-0.12", "-0.12",
		    "-0.13" } },
		{ 1, 3, 4,
		  { "0.3333", "0.3333", "0.3333", "0.3334", "0.3333", "0.3334",
		    "0.3333" } },
		{ 2, 3, 4,
		  { "0.6667", "0.6667", "0.6667", "0.6667", "0.6666", "0.6667",
		    "0.6666" } },
		{ -2, 3, 4,
		  { "-0.6667", "-0.6667", "-0.6667", "-0.6667", "-0.6666",
		    "-0.6666", "-0.6667" } },
		/* Rounds to zero in most modes: never "-0.00". */
		{ -1, 250, 2,
		  { "0.00", "0.00", "0.00", "-0.01", "0.00", "0.00", "-0.01" } },
		/* A tie one digit beyond NUM_MAX_PLACES. */
		{ 1, 2000000000000000000, 18,
		  { "0.000000000000000000", "0.000000000000000001",
		    "0.000000000000000000", "0.000000000000000001",
		    "0.000000000000000000", "0.000000000000000001",
		    "0.000000000000000000" } },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		num a = make_ok(rows[i].n, rows[i].d);
		for (size_t m = 0; m < 7; m++) {
			const char *want = rows[i].want[m];
			num r = SENTINEL;
			char buf[NUM_FMT_MAX];
			assert_int_equal(num_round(a, rows[i].places, MODES[m],
						   &r), NUM_OK);
			assert_true(num_eq(r, parse_ok(want)));
			assert_num(r, parse_ok(want).n, parse_ok(want).d);
			assert_int_equal(num_format(a, rows[i].places, MODES[m],
						    buf, sizeof buf),
					 (int)strlen(want));
			assert_string_equal(buf, want);
		}
	}
}

static void test_round_exact_values(void **state)
{
	(void)state;
	num r = SENTINEL;
	assert_int_equal(num_round(make_ok(1, 3), 4, NUM_UP, &r), NUM_OK);
	assert_num(r, 1667, 5000);
	assert_int_equal(num_round(make_ok(1, 3), 4, NUM_DOWN, &r), NUM_OK);
	assert_num(r, 3333, 10000);
	assert_int_equal(num_round(make_ok(-5, 2), 0, NUM_HALF_EVEN, &r),
			 NUM_OK);
	assert_num(r, -2, 1);
	assert_int_equal(num_round(num_int(INT64_MAX), 18, NUM_UP, &r), NUM_OK);
	assert_num(r, INT64_MAX, 1);
	assert_int_equal(num_round(make_ok(-1, 3), 0, NUM_HALF_UP, &r), NUM_OK);
	assert_num(r, 0, 1);
}

/* places outside 0..NUM_MAX_PLACES and unknown modes are NUM_OVERFLOW. */
static void test_round_bad_arguments(void **state)
{
	(void)state;
	num r = SENTINEL;
	assert_int_equal(num_round(make_ok(1, 3), -1, NUM_HALF_EVEN, &r),
			 NUM_OVERFLOW);
	assert_int_equal(num_round(make_ok(1, 3), NUM_MAX_PLACES + 1,
				   NUM_HALF_EVEN, &r), NUM_OVERFLOW);
	assert_int_equal(num_round(make_ok(1, 3), 2, (num_round_mode)7, &r),
			 NUM_OVERFLOW);
	assert_untouched(r);
	assert_int_equal(num_round(make_ok(1, 3), NUM_MAX_PLACES,
				   NUM_HALF_EVEN, &r), NUM_OK);
	assert_num(r, 333333333333333333, 1000000000000000000);
}

/* The rounded value 1537228672809129301.666666666666666667 needs a
 * 37-digit numerator over 10^18: num_round refuses it, num_format can
 * still print it. */
static void test_round_overflow_format_ok(void **state)
{
	(void)state;
	num a = make_ok(P62 + 1, 3);
	num r = SENTINEL;
	char buf[NUM_FMT_MAX];
	assert_int_equal(num_round(a, 18, NUM_HALF_EVEN, &r), NUM_OVERFLOW);
	assert_untouched(r);
	assert_int_equal(num_format(a, 18, NUM_HALF_EVEN, buf, sizeof buf), 38);
	assert_string_equal(buf, "1537228672809129301.666666666666666667");
}

/* ---- formatting ------------------------------------------------------- */

static void test_format_never_negative_zero(void **state)
{
	(void)state;
	static const struct {
		int64_t n, d;
		int places;
		num_round_mode mode;
		const char *want;
	} cases[] = {
		{ -1, 1000, 2, NUM_HALF_EVEN, "0.00" },
		{ -1, 1000, 2, NUM_CEILING, "0.00" },
		{ -1, 1000, 2, NUM_DOWN, "0.00" },
		{ -2, 5, 0, NUM_HALF_UP, "0" },
		{ -1, 2, 0, NUM_HALF_EVEN, "0" },
		{ -1, 3, 0, NUM_CEILING, "0" },
		{ 0, 1, 2, NUM_FLOOR, "0.00" },
		{ -1, INT64_MAX, 18, NUM_HALF_EVEN, "0.000000000000000000" },
		{ -1, 3, 1, NUM_FLOOR, "-0.4" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[NUM_FMT_MAX];
		num a = make_ok(cases[i].n, cases[i].d);
		assert_int_equal(num_format(a, cases[i].places, cases[i].mode,
					    buf, sizeof buf),
				 (int)strlen(cases[i].want));
		assert_string_equal(buf, cases[i].want);
	}
}

static void test_format_fixed_places(void **state)
{
	(void)state;
	char buf[NUM_FMT_MAX];
	assert_int_equal(num_format(num_int(42), 2, NUM_HALF_EVEN, buf,
				    sizeof buf), 5);
	assert_string_equal(buf, "42.00");
	assert_int_equal(num_format(make_ok(-5, 2), 3, NUM_HALF_EVEN, buf,
				    sizeof buf), 6);
	assert_string_equal(buf, "-2.500");
	assert_int_equal(num_format(make_ok(199, 200), 2, NUM_HALF_UP, buf,
				    sizeof buf), 4);
	assert_string_equal(buf, "1.00");
	/* The longest possible output fits in NUM_FMT_MAX. */
	assert_int_equal(num_format(num_int(-INT64_MAX), NUM_MAX_PLACES,
				    NUM_HALF_EVEN, buf, sizeof buf), 39);
	assert_string_equal(buf, "-9223372036854775807.000000000000000000");
	assert_int_equal(num_format(num_int(INT64_MIN), NUM_MAX_PLACES,
				    NUM_HALF_EVEN, buf, sizeof buf), 39);
	assert_string_equal(buf, "-9223372036854775808.000000000000000000");
}

static void test_format_buffer_and_arguments(void **state)
{
	(void)state;
	char buf[8];
	num a = make_ok(5, 2);
	assert_int_equal(num_format(a, 2, NUM_HALF_EVEN, buf, 5), 4);
	assert_string_equal(buf, "2.50");
	memcpy(buf, "xxxxxxx", 8);
	assert_int_equal(num_format(a, 2, NUM_HALF_EVEN, buf, 4), -1);
	assert_string_equal(buf, "");
	assert_int_equal(num_format(a, 2, NUM_HALF_EVEN, NULL, 0), -1);
	assert_int_equal(num_format(a, -1, NUM_HALF_EVEN, buf, sizeof buf), -1);
	assert_int_equal(num_format(a, NUM_MAX_PLACES + 1, NUM_HALF_EVEN, buf,
				    sizeof buf), -1);
	assert_int_equal(num_format(a, 1, (num_round_mode)99, buf, sizeof buf),
			 -1);
}

static void test_format_exact(void **state)
{
	(void)state;
	static const struct {
		int64_t n, d;
		const char *want;
	} cases[] = {
		{ 42, 1, "42" },
		{ 0, 1, "0" },
		{ -7, 1, "-7" },
		{ 1, 8, "0.125" },
		{ -1, 8, "-0.125" },
		{ -5, 2, "-2.5" },
		{ 5, 3, "5/3" },
		{ -5, 3, "-5/3" },
		{ 1, 3, "1/3" },
		{ -1, 3, "-1/3" },
		{ 1, 6, "1/6" },
		{ 3, 1000, "0.003" },
		{ 1, 1024, "0.0009765625" },
		{ 1, 262144, "0.000003814697265625" }, /* 2^-18: 18 places */
		{ 1, 524288, "1/524288" }, /* 2^-19 would need 19 places */
		{ 1, P62, "1/4611686018427387904" },
		{ INT64_MAX, 1, "9223372036854775807" },
		{ -INT64_MAX, INT64_MAX - 1,
		  "-9223372036854775807/9223372036854775806" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[NUM_FMT_MAX];
		num a = make_ok(cases[i].n, cases[i].d);
		assert_int_equal(num_format_exact(a, buf, sizeof buf),
				 (int)strlen(cases[i].want));
		assert_string_equal(buf, cases[i].want);
	}
}

static void test_format_exact_small_buffer(void **state)
{
	(void)state;
	char buf[4];
	assert_int_equal(num_format_exact(make_ok(5, 3), buf, sizeof buf), 3);
	assert_string_equal(buf, "5/3");
	assert_int_equal(num_format_exact(make_ok(-5, 3), buf, sizeof buf), -1);
	assert_string_equal(buf, "");
	assert_int_equal(num_format_exact(make_ok(1, 8), buf, sizeof buf), -1);
}

/* Parsing what num_format_exact writes gives the value back whenever the
 * output is a decimal. */
static void test_format_exact_parse_round_trip(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"0", "-3", "0.1", "-0.125", "123456789.123456789",
		"0.000000000000000001", "9223372036854775807",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		char buf[NUM_FMT_MAX];
		num a = parse_ok(texts[i]);
		assert_true(num_format_exact(a, buf, sizeof buf) > 0);
		assert_string_equal(buf, texts[i]);
	}
}

/* ---- rounding mode names ---------------------------------------------- */

static void test_round_mode_names(void **state)
{
	(void)state;
	static const char *const names[7] = {
		"half_even", "half_up", "half_down", "up",
		"down", "ceiling", "floor",
	};
	for (size_t i = 0; i < 7; i++) {
		num_round_mode m = NUM_FLOOR;
		assert_string_equal(num_round_mode_name(MODES[i]), names[i]);
		assert_true(num_round_mode_parse(names[i], strlen(names[i]), &m));
		assert_int_equal(m, MODES[i]);
	}
}

static void test_round_mode_parse_rejects(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "HALF_EVEN", "half", "half_eve", "half_evenx", "half-even",
		" up", "up ", "?", "Floor",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		num_round_mode m = NUM_CEILING;
		assert_false(num_round_mode_parse(bad[i], strlen(bad[i]), &m));
		assert_int_equal(m, NUM_CEILING);
	}
	/* The length bounds the name: "downward" cut at 4 is "down". */
	num_round_mode m = NUM_CEILING;
	assert_true(num_round_mode_parse("downward", 4, &m));
	assert_int_equal(m, NUM_DOWN);
}

/* ---- against a plain reference, on random operands ----------------------- */

/* The arithmetic takes 64-bit shortcuts when every step fits; the
 * reference below never does: the exact sum or product in 128 bits,
 * reduced by Euclid's gcd, NUM_OVERFLOW when it does not fit. */
__extension__ typedef __int128 ref_i128;
__extension__ typedef unsigned __int128 ref_u128;

static ref_u128 ref_gcd(ref_u128 a, ref_u128 b)
{
	while (b) {
		ref_u128 t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static num_status ref_reduce(ref_i128 n, ref_i128 d, num *out)
{
	if (n == 0) {
		*out = num_int(0);
		return NUM_OK;
	}
	ref_u128 g = ref_gcd(n < 0 ? -(ref_u128)n : (ref_u128)n, (ref_u128)d);
	n /= (ref_i128)g;
	d /= (ref_i128)g;
	if (n <= INT64_MIN || n > INT64_MAX || d > INT64_MAX)
		return NUM_OVERFLOW;
	out->n = (int64_t)n;
	out->d = (int64_t)d;
	return NUM_OK;
}

static uint64_t rng_state = 88172645463325252ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Small, medium, huge and extreme values, as scores and sums meet them. */
static int64_t operand(void)
{
	switch (rng() % 6) {
	case 0: return (int64_t)(rng() % 11) - 5;
	case 1: return (int64_t)(rng() % 2000) - 1000;
	case 2: return (int64_t)rng();
	case 3: return (int64_t)(rng() >> (rng() % 63));
	case 4: return INT64_MIN + 1 + (int64_t)(rng() % 3);
	default: return INT64_MAX - (int64_t)(rng() % 3);
	}
}

static void test_random_against_reference(void **state)
{
	(void)state;
	for (int i = 0; i < 300000; i++) {
		int64_t an = operand(), ad = operand(), bn = operand(), bd = operand();
		if (ad <= 0 || bd <= 0)
			continue;
		num a, b, got, want = num_int(0);
		if (num_make(an, ad, &a) != NUM_OK || num_make(bn, bd, &b) != NUM_OK)
			continue;
		assert_int_equal(ref_reduce(an, ad, &want), NUM_OK);
		assert_true(a.n == want.n && a.d == want.d);
		num_status st = num_add(a, b, &got);
		num_status rs = ref_reduce((ref_i128)a.n * b.d + (ref_i128)b.n * a.d,
					   (ref_i128)a.d * b.d, &want);
		assert_int_equal(st, rs);
		if (st == NUM_OK)
			assert_true(got.n == want.n && got.d == want.d);
		st = num_sub(a, b, &got);
		rs = ref_reduce((ref_i128)a.n * b.d - (ref_i128)b.n * a.d,
				(ref_i128)a.d * b.d, &want);
		assert_int_equal(st, rs);
		if (st == NUM_OK)
			assert_true(got.n == want.n && got.d == want.d);
		uint64_t x = rng() >> (rng() % 64), y = rng() >> (rng() % 64);
		assert_true(num_gcd(x, y) == (uint64_t)ref_gcd(x, y));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_against_reference),
		cmocka_unit_test(test_point_one_plus_point_two),
		cmocka_unit_test(test_five_minus_twenty_sixths),
		cmocka_unit_test(test_add_sub_basic),
		cmocka_unit_test(test_add_uses_lcm),
		cmocka_unit_test(test_add_overflow),
		cmocka_unit_test(test_sub_to_int64_min_overflows),
		cmocka_unit_test(test_mul_overflow),
		cmocka_unit_test(test_mul_cross_cancel),
		cmocka_unit_test(test_mul_div_basic),
		cmocka_unit_test(test_div_cross_cancel),
		cmocka_unit_test(test_div_by_zero),
		cmocka_unit_test(test_int64_min_inputs),
		cmocka_unit_test(test_neg_abs),
		cmocka_unit_test(test_make_normalises),
		cmocka_unit_test(test_make_int64_min),
		cmocka_unit_test(test_cmp_basic),
		cmocka_unit_test(test_cmp_huge),
		cmocka_unit_test(test_predicates),
		cmocka_unit_test(test_parse_percent),
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_uses_len),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_parse_overflow),
		cmocka_unit_test(test_round_table),
		cmocka_unit_test(test_round_exact_values),
		cmocka_unit_test(test_round_bad_arguments),
		cmocka_unit_test(test_round_overflow_format_ok),
		cmocka_unit_test(test_format_never_negative_zero),
		cmocka_unit_test(test_format_fixed_places),
		cmocka_unit_test(test_format_buffer_and_arguments),
		cmocka_unit_test(test_format_exact),
		cmocka_unit_test(test_format_exact_small_buffer),
		cmocka_unit_test(test_format_exact_parse_round_trip),
		cmocka_unit_test(test_round_mode_names),
		cmocka_unit_test(test_round_mode_parse_rejects),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
