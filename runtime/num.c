/*
 * num.c - exact rational numbers (see num.h for the contract).
 *
 * Invariants kept by every function that produces a num:
 *   - d > 0 and num_gcd(|n|, d) == 1, zero is 0/1;
 *   - n != INT64_MIN, so negating a num is always safe.
 * Arguments are assumed to be normalised nums (d > 0); a numerator of
 * INT64_MIN (num_int(INT64_MIN)) is tolerated as input everywhere except by
 * num_abs_unchecked, because all arithmetic is done in 128 bits.
 *
 * Every operation computes its exact result in 128-bit integers, reduces it
 * by the gcd and only then checks whether it fits: a result such as
 * (2^62/3) * (3/2^61) = 2 has a huge unreduced numerator and denominator but
 * is perfectly representable, so it must not be refused.
 *
 * No floating point is used anywhere in this file.
 */
#include "num.h"

#include <string.h>

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

/* |v| for any int64_t, including INT64_MIN (whose magnitude is 2^63). */
static uint64_t mag(int64_t v)
{
	return v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
}

/* Stein's binary algorithm: shifts and subtractions, no division (which
 * costs tens of cycles a step in Euclid's). */
uint64_t num_gcd(uint64_t a, uint64_t b)
{
	if (a == 0)
		return b;
	if (b == 0)
		return a;
	int shift = __builtin_ctzll(a | b);
	a >>= __builtin_ctzll(a);
	do {
		b >>= __builtin_ctzll(b);
		if (a > b) {
			uint64_t t = b;
			b = a;
			a = t;
		}
		b -= a;
	} while (b != 0);
	return a << shift;
}

/* num_gcd(|a|, b) for a 128-bit a and a 64-bit b > 0: one 128-bit remainder
 * brings the problem down to 64 bits. */
static uint64_t gcd_wide(i128 a, uint64_t b)
{
	u128 m = a < 0 ? -(u128)a : (u128)a;
	return num_gcd(m <= UINT64_MAX ? (uint64_t)m % b : (uint64_t)(m % b), b);
}

/* 10^k for 0 <= k <= NUM_MAX_PLACES (10^18 < INT64_MAX). */
static int64_t ten_to(int k)
{
	int64_t p = 1;
	while (k-- > 0)
		p *= 10;
	return p;
}

/*
 * Store an already reduced n/d (d > 0) into *out if it fits.  INT64_MIN is
 * refused as a numerator so that every num can be negated.
 */
static num_status store(i128 n, i128 d, num *out)
{
	if (n <= INT64_MIN || n > INT64_MAX || d > INT64_MAX)
		return NUM_OVERFLOW;
	out->n = (int64_t)n;
	out->d = (int64_t)d;
	return NUM_OK;
}

num num_int(int64_t v)
{
	num r = { v, 1 };
	return r;
}

num_status num_make(int64_t n, int64_t d, num *out)
{
	if (d == 0)
		return NUM_DIVZERO;
	if (n == 0)
		return store(0, 1, out);
	uint64_t g = num_gcd(mag(n), mag(d));
	if (n != INT64_MIN && d != INT64_MIN) {
		/* Then g < 2^63, and 64 bits do. */
		int64_t sn = n / (int64_t)g, sd = d / (int64_t)g;
		if (sd < 0) {
			sn = -sn;
			sd = -sd;
		}
		return store(sn, sd, out);
	}
	/* Work in 128 bits so that INT64_MIN / -1 and the like are harmless. */
	i128 rn = (i128)n / g;
	i128 rd = (i128)d / g;
	if (rd < 0) {
		rn = -rn;
		rd = -rd;
	}
	return store(rn, rd, out);
}

/*
 * a + s*b for s = +1 or -1, following Knuth (TAOCP 4.5.1): with
 * g = num_gcd(da, db), the sum is t / (da/g * db) where
 * t = na*(db/g) + s*nb*(da/g), and any common factor of t and that
 * denominator divides g.  So dividing by g2 = num_gcd(t, g) gives the reduced
 * result, whose denominator is the lcm of da and db divided by g2 - much
 * smaller than da*db, which is why sums like 1/2^62 + 1/2^62 fit.
 * |t| < 2 * 2^63 * 2^63 = 2^127, so t never overflows i128.
 */
static num_status add_signed(num a, num b, int s, num *out)
{
	uint64_t g = num_gcd((uint64_t)a.d, (uint64_t)b.d);
	/* The same in 64 bits when every step fits, as it does for the
	 * fractions of scores: 128-bit division is a library call. */
	int64_t adg = a.d / (int64_t)g, bdg = b.d / (int64_t)g, x, y, t64, den;
	if (!__builtin_mul_overflow(a.n, bdg, &x) && !__builtin_mul_overflow(b.n, adg, &y) &&
	    !(s > 0 ? __builtin_add_overflow(x, y, &t64) : __builtin_sub_overflow(x, y, &t64)) &&
	    t64 != INT64_MIN) {
		if (t64 == 0)
			return store(0, 1, out);
		uint64_t g64 = num_gcd(mag(t64), g);
		if (__builtin_mul_overflow(adg, b.d / (int64_t)g64, &den))
			return NUM_OVERFLOW;
		return store(t64 / (int64_t)g64, den, out);
	}
	i128 t = (i128)a.n * (b.d / (int64_t)g) +
		 s * ((i128)b.n * (a.d / (int64_t)g));
	if (t == 0)
		return store(0, 1, out);
	uint64_t g2 = gcd_wide(t, g);
	return store(t / g2, (i128)(a.d / (int64_t)g) * (b.d / (int64_t)g2), out);
}

num_status num_add(num a, num b, num *out)
{
	/* Whole numbers (scores, counts): no fractions to reduce. */
	int64_t s;
	if (a.d == 1 && b.d == 1 && !__builtin_add_overflow(a.n, b.n, &s) &&
	    s != INT64_MIN) {
		out->n = s;
		out->d = 1;
		return NUM_OK;
	}
	return add_signed(a, b, 1, out);
}

num_status num_sub(num a, num b, num *out)
{
	/* Not a + (-b): b.n may be INT64_MIN, whose negation is not an int64. */
	return add_signed(a, b, -1, out);
}

/*
 * (na/da) * (nb/db) with denominators given as magnitudes up to 2^63 (so
 * that num_div can pass |b.n| as a denominator).  Cross-cancelling first -
 * na against db and nb against da - leaves a product that is already in
 * lowest terms, so the fit check afterwards is exact.
 */
static num_status mul_parts(i128 na, uint64_t da, i128 nb, uint64_t db,
			    num *out)
{
	if (na == 0 || nb == 0)
		return store(0, 1, out);
	uint64_t g1 = gcd_wide(na, db);
	uint64_t g2 = gcd_wide(nb, da);
	i128 n = (na / g1) * (nb / g2);
	i128 d = (i128)(da / g2) * (db / g1);
	return store(n, d, out);
}

num_status num_mul(num a, num b, num *out)
{
	int64_t p;
	if (a.d == 1 && b.d == 1 && !__builtin_mul_overflow(a.n, b.n, &p) &&
	    p != INT64_MIN) {
		out->n = p;
		out->d = 1;
		return NUM_OK;
	}
	return mul_parts(a.n, (uint64_t)a.d, b.n, (uint64_t)b.d, out);
}

num_status num_div(num a, num b, num *out)
{
	if (b.n == 0)
		return NUM_DIVZERO;
	/* Multiply by the reciprocal, moving b's sign to its new numerator. */
	i128 rn = b.n < 0 ? -(i128)b.d : (i128)b.d;
	return mul_parts(a.n, (uint64_t)a.d, rn, mag(b.n), out);
}

num_status num_neg(num a, num *out)
{
	if (a.n == INT64_MIN)
		return NUM_OVERFLOW;
	out->n = -a.n;
	out->d = a.d;
	return NUM_OK;
}

num num_abs_unchecked(num a)
{
	if (a.n < 0)
		a.n = -a.n;
	return a;
}

int num_cmp(num a, num b)
{
	/* Both denominators are positive, so compare the cross products; each
	 * is below 2^126 in magnitude. */
	i128 l = (i128)a.n * b.d;
	i128 r = (i128)b.n * a.d;
	return (l > r) - (l < r);
}

bool num_eq(num a, num b)
{
	return num_cmp(a, b) == 0;
}

bool num_is_zero(num a)
{
	return a.n == 0;
}

bool num_is_int(num a)
{
	return a.d == 1;
}

int num_sign(num a)
{
	return (a.n > 0) - (a.n < 0);
}

/* ---- parsing ---------------------------------------------------------- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Scan digits with '_' allowed only between two digits, starting at *i.
 * Returns false unless at least one digit was read and the run does not
 * end in '_'.
 */
static bool scan_digits(const char *s, size_t len, size_t *i)
{
	if (*i >= len || !is_digit(s[*i]))
		return false;
	while (*i < len) {
		if (is_digit(s[*i]))
			(*i)++;
		else if (s[*i] == '_' && *i + 1 < len && is_digit(s[*i + 1]))
			(*i)++;
		else
			break;
	}
	return true;
}

/* Append the digits of s[from, to) (skipping '_') to m; false on overflow. */
static bool accumulate(const char *s, size_t from, size_t to, u128 *m)
{
	for (size_t i = from; i < to; i++) {
		if (s[i] == '_')
			continue;
		if (__builtin_mul_overflow(*m, 10, m) ||
		    __builtin_add_overflow(*m, (unsigned)(s[i] - '0'), m))
			return false;
	}
	return true;
}

/*
 * The literal is M / 10^f, where M is all its digits and f the number of
 * fraction digits (plus 2 for '%').  10^f = 2^f * 5^f, so instead of
 * computing 10^f (which may not even fit in 128 bits) we cancel the factors
 * 2 and 5 that M shares with it and build the remaining denominator
 * 2^(f-twos) * 5^(f-fives), stopping as soon as it exceeds INT64_MAX.
 * Trailing fraction zeros are dropped first, so "1.5000000000000000000000"
 * does not overflow M.  M itself must fit in 128 bits (about 38 significant
 * digits); longer literals report NUM_OVERFLOW even in the rare case where
 * they would reduce to something representable.
 */
num_status num_parse(const char *s, size_t len, num *out)
{
	/* Most data values are small whole numbers ("4"): no fraction to
	 * scale or reduce. */
	if (len > 0 && len <= 18) {
		int64_t v = 0;
		size_t k = 0;
		while (k < len && s[k] >= '0' && s[k] <= '9')
			v = v * 10 + (s[k++] - '0');
		if (k == len) {
			out->n = v;
			out->d = 1;
			return NUM_OK;
		}
	}
	size_t i = 0;
	bool neg = false;
	if (i < len && s[i] == '-') {
		neg = true;
		i++;
	}
	size_t int_start = i;
	if (!scan_digits(s, len, &i))
		return NUM_SYNTAX;
	size_t int_end = i;
	size_t frac_start = i, frac_end = i;
	if (i < len && s[i] == '.') {
		i++;
		frac_start = i;
		if (!scan_digits(s, len, &i))
			return NUM_SYNTAX;
		frac_end = i;
	}
	bool percent = false;
	if (i < len && s[i] == '%') {
		percent = true;
		i++;
	}
	if (i != len)
		return NUM_SYNTAX;

	/* Drop trailing zeros (and separators) of the fraction. */
	while (frac_end > frac_start &&
	       (s[frac_end - 1] == '0' || s[frac_end - 1] == '_'))
		frac_end--;
	size_t f = percent ? 2 : 0;
	for (size_t k = frac_start; k < frac_end; k++)
		f += s[k] != '_';

	u128 m = 0;
	if (!accumulate(s, int_start, int_end, &m) ||
	    !accumulate(s, frac_start, frac_end, &m))
		return NUM_OVERFLOW;
	if (m == 0)
		return store(0, 1, out);

	size_t twos = 0, fives = 0;
	while (twos < f && m % 2 == 0) {
		m /= 2;
		twos++;
	}
	while (fives < f && m % 5 == 0) {
		m /= 5;
		fives++;
	}
	uint64_t d = 1;
	for (size_t k = twos; k < f; k++)
		if (__builtin_mul_overflow(d, 2, &d) || d > INT64_MAX)
			return NUM_OVERFLOW;
	for (size_t k = fives; k < f; k++)
		if (__builtin_mul_overflow(d, 5, &d) || d > INT64_MAX)
			return NUM_OVERFLOW;
	if (m > INT64_MAX)
		return NUM_OVERFLOW;
	return store(neg ? -(i128)m : (i128)m, d, out);
}

/* ---- rounding --------------------------------------------------------- */

static bool valid_mode(num_round_mode mode)
{
	switch (mode) {
	case NUM_HALF_EVEN:
	case NUM_HALF_UP:
	case NUM_HALF_DOWN:
	case NUM_UP:
	case NUM_DOWN:
	case NUM_CEILING:
	case NUM_FLOOR:
		return true;
	}
	return false;
}

/*
 * Whether a truncated value q (with a non-zero discarded part of sign
 * `sign`) moves one step away from zero.  `half` compares the discarded
 * part with one half: -1 below, 0 exactly half (a tie), 1 above.
 */
static bool round_away(num_round_mode mode, int sign, int half, bool q_odd)
{
	switch (mode) {
	case NUM_HALF_EVEN:
		return half > 0 || (half == 0 && q_odd);
	case NUM_HALF_UP:
		return half >= 0;
	case NUM_HALF_DOWN:
		return half > 0;
	case NUM_UP:
		return true;
	case NUM_DOWN:
		return false;
	case NUM_CEILING:
		return sign > 0;
	case NUM_FLOOR:
		return sign < 0;
	}
	return false;
}

/*
 * a * 10^places rounded to an integer with `mode`; the rounded value is
 * the result / 10^places.  |a.n| * 10^18 < 2^123, so nothing overflows.
 * The caller has checked places and mode.
 */
static i128 round_scaled(num a, int places, num_round_mode mode)
{
	/* In 64 bits when a.n * 10^places fits, as it nearly always does:
	 * 128-bit division is a library call. */
	int64_t x64;
	i128 x, q, r;
	if (!__builtin_mul_overflow(a.n, ten_to(places), &x64)) {
		x = x64;
		q = x64 / a.d;
		r = x64 % a.d;
	} else {
		x = (i128)a.n * ten_to(places);
		q = x / a.d; /* truncated toward zero */
		r = x % a.d; /* discarded part is r / d, same sign as x */
	}
	if (r == 0)
		return q;
	/* Ties are decided exactly: |r|/d is one half iff 2|r| == d. */
	i128 twice = 2 * (r < 0 ? -r : r);
	int half = (twice > a.d) - (twice < a.d);
	int sign = x < 0 ? -1 : 1;
	if (round_away(mode, sign, half, q % 2 != 0))
		q += sign;
	return q;
}

/*
 * places outside 0..NUM_MAX_PLACES or an unknown mode also report
 * NUM_OVERFLOW: 10^places would not fit, and num_round has no other
 * failure status to offer.
 */
num_status num_round(num a, int places, num_round_mode mode, num *out)
{
	if (places < 0 || places > NUM_MAX_PLACES || !valid_mode(mode))
		return NUM_OVERFLOW;
	i128 q = round_scaled(a, places, mode);
	int64_t scale = ten_to(places);
	if (q == 0)
		return store(0, 1, out);
	/* q / 10^places is exact; reduce it before the fit check. */
	uint64_t g = gcd_wide(q, (uint64_t)scale);
	return store(q / g, scale / (int64_t)g, out);
}

/* ---- formatting ------------------------------------------------------- */

/*
 * Write q / 10^places as text into out (no NUL), with exactly `places`
 * fraction digits and at least one integer digit.  A sign is written only
 * for q < 0, so a value rounded to zero never shows as "-0".  Needs at most
 * 1 + 39 + 1 bytes for |q| < 2^127 and places <= NUM_MAX_PLACES.
 */
static size_t scaled_text(i128 q, int places, char *out)
{
	char rev[NUM_FMT_MAX];
	size_t k = 0;
	u128 m = q < 0 ? -(u128)q : (u128)q;
	int i = 0;
	for (; m > UINT64_MAX; i++) { /* 128-bit division only for the top */
		if (i == places && places > 0)
			rev[k++] = '.';
		rev[k++] = (char)('0' + (int)(m % 10));
		m /= 10;
	}
	for (uint64_t m64 = (uint64_t)m; m64 != 0 || i <= places; i++) {
		if (i == places && places > 0)
			rev[k++] = '.';
		rev[k++] = (char)('0' + (int)(m64 % 10));
		m64 /= 10;
	}
	if (q < 0)
		rev[k++] = '-';
	for (size_t j = 0; j < k; j++)
		out[j] = rev[k - 1 - j];
	return k;
}

/* Failure of num_format*: leave an empty string when there is room. */
static int fail(char *buf, size_t size)
{
	if (size > 0)
		buf[0] = '\0';
	return -1;
}

/* Copy text of length len plus a NUL into buf, or fail if it is too small. */
static int emit(const char *text, size_t len, char *buf, size_t size)
{
	if (len >= size)
		return fail(buf, size);
	memcpy(buf, text, len);
	buf[len] = '\0';
	return (int)len;
}

int num_format(num a, int places, num_round_mode mode, char *buf, size_t size)
{
	if (places < 0 || places > NUM_MAX_PLACES || !valid_mode(mode))
		return fail(buf, size);
	/* Format the scaled integer directly: this works even when the
	 * rounded value would not fit in a num (num_round's NUM_OVERFLOW). */
	char text[NUM_FMT_MAX];
	size_t len = scaled_text(round_scaled(a, places, mode), places, text);
	return emit(text, len, buf, size);
}

/*
 * a.d divides 10^k exactly when a.d = 2^x * 5^y, with k = max(x, y) the
 * shortest such k; then a = a.n * (10^k / a.d) / 10^k.  Expansions longer
 * than NUM_MAX_PLACES digits (e.g. 1/2^62, which has 62) are written as a
 * fraction instead, which keeps the output within NUM_FMT_MAX.
 */
int num_format_exact(num a, char *buf, size_t size)
{
	char text[NUM_FMT_MAX];
	size_t len;
	int64_t rest = a.d;
	if (a.d <= 0) {
		/* Not a normalised num: refuse rather than loop on 0. */
		if (size > 0)
			buf[0] = '\0';
		return -1;
	}
	int twos = 0, fives = 0;
	while (rest % 2 == 0) {
		rest /= 2;
		twos++;
	}
	while (rest % 5 == 0) {
		rest /= 5;
		fives++;
	}
	int k = twos > fives ? twos : fives;
	if (rest == 1 && k <= NUM_MAX_PLACES) {
		len = scaled_text((i128)a.n * (ten_to(k) / a.d), k, text);
	} else {
		len = scaled_text(a.n, 0, text);
		text[len++] = '/';
		len += scaled_text(a.d, 0, text + len);
	}
	return emit(text, len, buf, size);
}

/* ---- rounding mode names ---------------------------------------------- */

const char *num_round_mode_name(num_round_mode mode)
{
	switch (mode) {
	case NUM_HALF_EVEN:
		return "half_even";
	case NUM_HALF_UP:
		return "half_up";
	case NUM_HALF_DOWN:
		return "half_down";
	case NUM_UP:
		return "up";
	case NUM_DOWN:
		return "down";
	case NUM_CEILING:
		return "ceiling";
	case NUM_FLOOR:
		return "floor";
	}
	return "?"; /* not a mode; never accepted by num_round_mode_parse */
}

bool num_round_mode_parse(const char *s, size_t len, num_round_mode *out)
{
	static const num_round_mode modes[] = {
		NUM_HALF_EVEN, NUM_HALF_UP, NUM_HALF_DOWN, NUM_UP,
		NUM_DOWN, NUM_CEILING, NUM_FLOOR,
	};
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		const char *name = num_round_mode_name(modes[i]);
		if (strlen(name) == len && memcmp(name, s, len) == 0) {
			*out = modes[i];
			return true;
		}
	}
	return false;
}
