/*
 * test_digest.c - unit tests for lang/digest.c (SHA-256 over libcrypto) and
 * the digest every source file gets (lang/src.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "digest.h"
#include "src.h"

static const char *hex_of(const char *s, size_t len, char out[DIGEST_HEX])
{
	unsigned char sum[DIGEST_LEN];
	assert_true(digest_sha256(s, len, sum));
	digest_hex(sum, out);
	return out;
}

/* FIPS 180-2's examples, and the empty string. */
static void test_known_values(void **state)
{
	(void)state;
	char h[DIGEST_HEX];
	assert_string_equal(hex_of("", 0, h),
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_string_equal(hex_of("abc", 3, h),
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	assert_string_equal(hex_of(two, strlen(two), h),
		"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* Fed in pieces of any size, the digest is the same as in one call. */
static void test_incremental_equals_one_call(void **state)
{
	(void)state;
	char buf[10000];
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (char)(i * 7 + i / 13);
	unsigned char whole[DIGEST_LEN], parts[DIGEST_LEN];
	assert_true(digest_sha256(buf, sizeof buf, whole));
	static const size_t steps[] = {1, 63, 64, 65, 4096, 9999};
	for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
		digest d;
		assert_true(digest_begin(&d));
		for (size_t at = 0; at < sizeof buf; at += steps[k])
			digest_add(&d, buf + at, at + steps[k] <= sizeof buf
				   ? steps[k] : sizeof buf - at);
		digest_add(&d, buf, 0); /* an empty piece changes nothing */
		assert_true(digest_end(&d, parts));
		assert_memory_equal(whole, parts, DIGEST_LEN);
	}
}

/* Aborting, even twice or after the end, frees and is harmless. */
static void test_abort(void **state)
{
	(void)state;
	digest d;
	unsigned char sum[DIGEST_LEN];
	assert_true(digest_begin(&d));
	digest_add(&d, "x", 1);
	digest_abort(&d);
	digest_abort(&d);
	assert_false(digest_end(&d, sum)); /* nothing left to finish */
	assert_true(digest_begin(&d));
	assert_true(digest_end(&d, sum));
	digest_abort(&d);
}

/* A source file's digest is of the bytes read, byte-order mark included,
 * while its text (for columns) leaves the mark out. */
static void test_source_digest_keeps_bom(void **state)
{
	(void)state;
	arena *a = arena_new();
	src_set s;
	src_set_init(&s, a);
	const char with_bom[] = "\xEF\xBB\xBFrubric {}\n";
	uint16_t id = src_add(&s, "t.rubric", NULL, with_bom, sizeof with_bom - 1);
	const src_file *f = src_get(&s, id);
	assert_true(f->has_sha256);
	unsigned char want[DIGEST_LEN];
	assert_true(digest_sha256(with_bom, sizeof with_bom - 1, want));
	assert_memory_equal(f->sha256, want, DIGEST_LEN);
	assert_int_equal(f->len, sizeof with_bom - 4);
	assert_null(f->module);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_values),
		cmocka_unit_test(test_incremental_equals_one_call),
		cmocka_unit_test(test_abort),
		cmocka_unit_test(test_source_digest_keeps_bom),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
