/*
 * num.h - exact rational numbers.
 *
 * Every number a Rubric user writes, reads or compares is a num: a fraction
 * n/d of two 64-bit integers, always normalised (d > 0, gcd(|n|, d) = 1, zero
 * is 0/1).  There is no binary floating point anywhere on this path, so
 * 0.1 + 0.2 == 0.3 and 5 - 20/6 == 5/3 hold exactly.
 *
 * Arithmetic never wraps: an operation whose exact result does not fit
 * returns NUM_OVERFLOW and leaves *out untouched; division by zero returns
 * NUM_DIVZERO.  Intermediate products use 128-bit integers, so only results
 * that truly do not fit are refused.
 *
 * Rounding happens only when a number is shown (num_format) or when a rule
 * asks for it (num_round), with an explicit number of places and mode.
 *
 * A num is a plain value: copy it freely, it owns nothing.
 */
#ifndef RUBRIC_NUM_H
#define RUBRIC_NUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct num {
	int64_t n; /* numerator, carries the sign */
	int64_t d; /* denominator, always > 0 */
} num;

typedef enum num_status {
	NUM_OK = 0,
	NUM_OVERFLOW, /* exact result does not fit in 64-bit numerator/denominator */
	NUM_DIVZERO,  /* division by zero */
	NUM_SYNTAX,   /* num_parse: text is not a decimal number */
} num_status;

/* How num_round and num_format break ties and truncate. */
typedef enum num_round_mode {
	NUM_HALF_EVEN = 0, /* banker's rounding: 2.5 -> 2, 3.5 -> 4 (the default) */
	NUM_HALF_UP,       /* ties away from zero: 2.5 -> 3, -2.5 -> -3 */
	NUM_HALF_DOWN,     /* ties toward zero: 2.5 -> 2, -2.5 -> -2 */
	NUM_UP,            /* away from zero: 2.1 -> 3, -2.1 -> -3 */
	NUM_DOWN,          /* toward zero (truncate): 2.9 -> 2, -2.9 -> -2 */
	NUM_CEILING,       /* toward +infinity */
	NUM_FLOOR,         /* toward -infinity */
} num_round_mode;

/* Largest number of decimal places num_round/num_format accept. */
#define NUM_MAX_PLACES 18

num num_int(int64_t v);
/* n/d normalised; d must not be 0 (returns NUM_DIVZERO), overflow possible
 * only for INT64_MIN cases. */
num_status num_make(int64_t n, int64_t d, num *out);

num_status num_add(num a, num b, num *out);
num_status num_sub(num a, num b, num *out);
num_status num_mul(num a, num b, num *out);
num_status num_div(num a, num b, num *out);
num_status num_neg(num a, num *out);
num num_abs_unchecked(num a); /* caller guarantees a.n != INT64_MIN */

/* -1, 0 or 1; exact, never overflows. */
int num_cmp(num a, num b);
bool num_eq(num a, num b);
/* The greatest common divisor (gcd(0, b) = b). */
uint64_t num_gcd(uint64_t a, uint64_t b);
bool num_is_zero(num a);
bool num_is_int(num a);
int num_sign(num a);

/*
 * Parse a decimal literal: optional '-', digits with optional '_' separators
 * between digits, optional '.' and fraction digits, optional trailing '%'
 * (which divides by 100).  "0.1" -> 1/10, "80%" -> 4/5, "12.5%" -> 1/8.
 * The whole of [s, s+len) must be consumed.  Returns NUM_SYNTAX or
 * NUM_OVERFLOW on failure.
 */
num_status num_parse(const char *s, size_t len, num *out);

/* Round to `places` decimal places (0..NUM_MAX_PLACES) with `mode`. */
num_status num_round(num a, int places, num_round_mode mode, num *out);

/*
 * Write `a` rounded to `places` decimals with `mode`, always with exactly
 * `places` digits after the point (no point when places == 0), '-' for
 * negatives, never "-0".  Returns the length written (excluding the NUL),
 * or -1 if buf is too small or rounding overflows.  A buffer of
 * NUM_FMT_MAX bytes always suffices.
 */
#define NUM_FMT_MAX 48
int num_format(num a, int places, num_round_mode mode, char *buf, size_t size);

/*
 * Write the exact value: an integer as "42", a value with a finite decimal
 * expansion as "0.125", otherwise as a fraction "5/3".  Same buffer rules as
 * num_format.  Used by diagnostics and by explanations, where nothing may be
 * hidden by rounding.
 */
int num_format_exact(num a, char *buf, size_t size);

/* Name of a rounding mode as written in rule files ("half_even", ...), and
 * back; num_round_mode_parse returns false for an unknown name. */
const char *num_round_mode_name(num_round_mode mode);
bool num_round_mode_parse(const char *s, size_t len, num_round_mode *out);

#endif
