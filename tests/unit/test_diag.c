/*
 * test_diag.c - unit tests for lang/diag.c: "did you mean" suggestions and
 * the exact rendering of diagnostics (excerpt, caret, hint, note, order,
 * the cap on errors).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

/* ---- diag_nearest --------------------------------------------------------- */

static const char *nearest(const char *name, const char *const *cands, size_t n)
{
	return diag_nearest(name, cands, n);
}

static void test_nearest_picks_closest(void **state)
{
	(void)state;
	static const char *const cands[] = {"leadership", "clients", "client_care",
					    "client_core2"};
	const char *r = nearest("client_cae", cands, 4);
	assert_non_null(r);
	assert_ptr_equal(r, cands[2]);
	r = nearest("leadrship", cands, 4);
	assert_ptr_equal(r, cands[0]);
	/* an exact match wins over an earlier near one */
	static const char *const scales[] = {"likert4", "likert5"};
	assert_ptr_equal(nearest("likert5", scales, 2), scales[1]);
	assert_null(nearest("x", cands, 0));
}

/* One edit for names up to four letters, about a third of the length for
 * longer ones. */
static void test_nearest_distance_limit(void **state)
{
	(void)state;
	static const char *const a[] = {"abxy"};
	assert_null(nearest("abcd", a, 1));      /* 2 edits, limit 1 */
	static const char *const b[] = {"abcx"};
	assert_ptr_equal(nearest("abcd", b, 1), b[0]); /* 1 edit */
	static const char *const c[] = {"xyz"};
	assert_null(nearest("abc", c, 1));
	static const char *const d[] = {"abxye"};
	assert_ptr_equal(nearest("abcde", d, 1), d[0]); /* 5 letters: 2 */
	static const char *const e[] = {"axxxe"};
	assert_null(nearest("abcde", e, 1));            /* 3 edits */
	static const char *const f[] = {"abcxyzgh"};
	assert_ptr_equal(nearest("abcdefgh", f, 1), f[0]); /* 8 letters: 3 */
	static const char *const g[] = {"abwxyzgh"};
	assert_null(nearest("abcdefgh", g, 1));            /* 4 edits */
	/* insertions and deletions count one each */
	static const char *const h[] = {"competency"};
	assert_ptr_equal(nearest("competncy", h, 1), h[0]);
	assert_ptr_equal(nearest("competencyy", h, 1), h[0]);
}

static void test_nearest_ties_go_to_first(void **state)
{
	(void)state;
	static const char *const ab[] = {"bat", "cot"};
	static const char *const ba[] = {"cot", "bat"};
	assert_ptr_equal(nearest("cat", ab, 2), ab[0]);
	assert_ptr_equal(nearest("cat", ba, 2), ba[0]);
	/* a later, closer candidate still wins */
	static const char *const later[] = {"bat", "cat"};
	assert_ptr_equal(nearest("cat", later, 2), later[1]);
}

/* ---- rendering -------------------------------------------------------------- */

typedef struct fixture {
	arena *a;
	src_set srcs;
	diag_list diags;
} fixture;

static fixture *fixture_new(void)
{
	fixture *fx = calloc(1, sizeof *fx);
	assert_non_null(fx);
	fx->a = arena_new();
	assert_non_null(fx->a);
	src_set_init(&fx->srcs, fx->a);
	diag_init(&fx->diags, fx->a);
	return fx;
}

static void fixture_free(fixture *fx)
{
	arena_free(fx->a);
	free(fx);
}

static uint16_t add_file(fixture *fx, const char *name, const char *text)
{
	uint16_t id = src_add(&fx->srcs, name, NULL, text, strlen(text));
	assert_true(id > 0);
	return id;
}

/* The span of the first occurrence of needle in file id. */
static src_span span_of(fixture *fx, uint16_t id, const char *needle)
{
	const src_file *f = src_get(&fx->srcs, id);
	const char *at = strstr(f->text, needle);
	assert_non_null(at);
	src_span s = {(uint32_t)(at - f->text),
		      (uint32_t)(at - f->text + strlen(needle)), id};
	return s;
}

/* Renders without colour into a string the caller frees. */
static char *render(fixture *fx, bool color)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	diag_render(&fx->diags, &fx->srcs, out, color);
	assert_int_equal(fclose(out), 0);
	assert_non_null(buf);
	return buf;
}

static void expect_render(fixture *fx, const char *want)
{
	char *got = render(fx, false);
	assert_string_equal(got, want);
	free(got);
}

static void test_render_error_hint_note(void **state)
{
	(void)state;
	fixture *fx = fixture_new();
	uint16_t f = add_file(fx, "rules.rubric",
			      "profile strategic {\n"
			      "  require client_cae >= 4\n"
			      "}\n");
	diag *d = diag_error(&fx->diags, span_of(fx, f, "client_cae"),
			     "unknown-name",
			     "framework '%s' has no competency '%s'", "mefhadic",
			     "client_cae");
	diag_hint(&fx->diags, d, "did you mean '%s'?", "client_care");
	diag_note(&fx->diags, d, span_of(fx, f, "strategic"),
		  "the profile is declared here");
	expect_render(fx,
		"rules.rubric:2:11: error: framework 'mefhadic' has no "
		"competency 'client_cae' [unknown-name]\n"
		"   |\n"
		" 2 |   require client_cae >= 4\n"
		"   |           ^~~~~~~~~~\n"
		"   = hint: did you mean 'client_care'?\n"
		"rules.rubric:1:9: note: the profile is declared here\n"
		"   |\n"
		" 1 | profile strategic {\n"
		"   |         ^~~~~~~~~\n");
	assert_int_equal(fx->diags.errors, 1);
	assert_int_equal(fx->diags.warnings, 0);
	fixture_free(fx);
}

/* The gutter widens with the line number; a warning says so; an empty
 * span gets a lone caret. */
static void test_render_wide_gutter_and_warning(void **state)
{
	(void)state;
	fixture *fx = fixture_new();
	char text[256] = "";
	for (int i = 1; i <= 11; i++)
		strcat(text, "\n");
	strcat(text, "profile p {}\n");
	uint16_t f = add_file(fx, "t.rubric", text);
	diag_warning(&fx->diags, span_of(fx, f, "p {"), "empty-profile",
		     "profile 'p' requires nothing");
	src_span empty = span_of(fx, f, "{}");
	empty.end = empty.start;
	diag_error(&fx->diags, empty, "x", "empty span");
	expect_render(fx,
		"t.rubric:12:9: warning: profile 'p' requires nothing "
		"[empty-profile]\n"
		"    |\n"
		" 12 | profile p {}\n"
		"    |         ^~~\n"
		"t.rubric:12:11: error: empty span [x]\n"
		"    |\n"
		" 12 | profile p {}\n"
		"    |           ^\n");
	fixture_free(fx);
}

/* A span past the end of its line is underlined to the end of the line. */
static void test_render_span_over_lines(void **state)
{
	(void)state;
	fixture *fx = fixture_new();
	uint16_t f = add_file(fx, "t.rubric", "scale s {\r\n  level 1\r\n}\r\n");
	src_span s = span_of(fx, f, "{");
	s.end = span_of(fx, f, "}").end;
	diag_error(&fx->diags, s, "x", "block");
	expect_render(fx,
		"t.rubric:1:9: error: block [x]\n"
		"   |\n"
		" 1 | scale s {\n"
		"   |         ^\n");
	fixture_free(fx);
}

/* Tabs before the caret are copied, so it lines up under the text. */
static void test_render_tabs_copied(void **state)
{
	(void)state;
	fixture *fx = fixture_new();
	uint16_t f = add_file(fx, "t.rubric", "\trequire\tx >= 9\n");
	diag_error(&fx->diags, span_of(fx, f, "9"), "unknown-level", "no 9");
	expect_render(fx,
		"t.rubric:1:15: error: no 9 [unknown-level]\n"
		"   |\n"
		" 1 | \trequire\tx >= 9\n"
		"   | \t       \t     ^\n");
	fixture_free(fx);
}

/* Columns and carets count characters, not bytes. */
static void test_render_multibyte_columns(void **state)
{
	(void)state;
	fixture *fx = fixture_new();
	uint16_t f = add_file(fx, "t.rubric",
			      "title \"Gestión\" \xe2\x82\xac \xc3\xa9\xc3\xa9\n");
	/* after "ó": column 17 counts it as one */
	diag_error(&fx->diags, span_of(fx, f, "\xe2\x82\xac"), "stray-character",
		   "euro");
	/* a two-character span of four bytes: one caret, one tilde */
	diag_error(&fx->diags, span_of(fx, f, "\xc3\xa9\xc3\xa9"), "y", "ee");
	expect_render(fx,
		"t.rubric:1:17: error: euro [stray-character]\n"
		"   |\n"
		" 1 | title \"Gesti\xc3\xb3n\" \xe2\x82\xac \xc3\xa9\xc3\xa9\n"
		"   |                 ^\n"
		"t.rubric:1:19: error: ee [y]\n"
		"   |\n"
		" 1 | title \"Gesti\xc3\xb3n\" \xe2\x82\xac \xc3\xa9\xc3\xa9\n"
		"   |                   ^~\n");
	fixture_free(fx);
}

/* Control characters in the excerpt are shown as '?'. */
static void test_render_control_characters(void **state)
{
	(void)state;
	fixture *fx = fixture_new();
	uint16_t f = add_file(fx, "t.rubric", "a\x01" "b\x1b[31m c\n");
	diag_error(&fx->diags, span_of(fx, f, "c"), "x", "at c");
	expect_render(fx,
		"t.rubric:1:10: error: at c [x]\n"
		"   |\n"
		" 1 | a?b?[31m c\n"
		"   |          ^\n");
	fixture_free(fx);
}

#ifdef RUBRIC_KNOWN_BUG
/* DEL and the C1 controls (U+0080..U+009F, valid UTF-8 that the scanner
 * accepts in strings and comments) are control characters too: written
 * raw, U+009B is a CSI that terminals obey. */
static void test_render_del_and_c1_controls(void **state)
{
	(void)state;
	fixture *fx = fixture_new();
	uint16_t f = add_file(fx, "t.rubric",
			      "x \"\x7f\xc2\x9b" "31m\" @\n");
	diag_error(&fx->diags, span_of(fx, f, "@"), "stray-character", "at");
	char *got = render(fx, false);
	assert_null(strchr(got, 0x7f));
	assert_null(strstr(got, "\xc2\x9b"));
	free(got);
	fixture_free(fx);
}
#endif

/* Sorted by file, then position; ties keep the order of reporting; a
 * diagnostic with no place comes first. */
static void test_render_sort_order(void **state)
{
	(void)state;
	fixture *fx = fixture_new();
	uint16_t a = add_file(fx, "a.rubric", "one two\nthree\n");
	uint16_t b = add_file(fx, "b.rubric", "four\n");
	diag_error(&fx->diags, span_of(fx, b, "four"), "e1", "b four");
	diag_error(&fx->diags, span_of(fx, a, "three"), "e2", "a three");
	diag_warning(&fx->diags, span_of(fx, a, "two"), "w3", "a two first");
	diag_error(&fx->diags, span_of(fx, a, "two"), "e4", "a two second");
	diag_error(&fx->diags, (src_span){0, 0, 0}, "cannot-read",
		   "cannot read 'x'");
	diag_error(&fx->diags, span_of(fx, a, "one"), "e5", "a one");
	char *got = render(fx, false);
	static const char *const order[] = {
		"rubric: error: cannot read 'x' [cannot-read]\n",
		"a.rubric:1:1: error: a one [e5]\n",
		"a.rubric:1:5: warning: a two first [w3]\n",
		"a.rubric:1:5: error: a two second [e4]\n",
		"a.rubric:2:1: error: a three [e2]\n",
		"b.rubric:1:1: error: b four [e1]\n",
	};
	const char *at = got;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		const char *next = strstr(at, order[i]);
		if (!next)
			print_error("missing or out of order: %s", order[i]);
		assert_non_null(next);
		at = next + strlen(order[i]);
	}
	/* the location-less one has no excerpt: the next line is a location */
	assert_int_equal(strncmp(got, order[0], strlen(order[0])), 0);
	assert_int_equal(strncmp(got + strlen(order[0]), order[1],
				 strlen(order[1])), 0);
	free(got);
	fixture_free(fx);
}

/* Beyond max_errors, errors are counted but not kept, and one line says
 * how many were held back; warnings are still kept. */
static void test_render_max_errors(void **state)
{
	(void)state;
	fixture *fx = fixture_new();
	uint16_t f = add_file(fx, "t.rubric", "a b c d e\n");
	fx->diags.max_errors = 2;
	static const char *const words[] = {"a", "b", "c", "d", "e"};
	for (size_t i = 0; i < 5; i++) {
		diag *d = diag_error(&fx->diags, span_of(fx, f, words[i]), "x",
				     "error %zu", i);
		assert_non_null(d);
		diag_hint(&fx->diags, d, "hint %zu", i); /* safe when dropped */
	}
	diag_warning(&fx->diags, span_of(fx, f, "e"), "w", "a warning");
	/* Rule-file records are all kept; the first two in source order are
	 * shown and the other four (three errors, one warning) counted. */
	assert_int_equal(fx->diags.errors, 5);
	assert_int_equal(fx->diags.warnings, 1);
	assert_int_equal(fx->diags.dropped, 0);
	assert_int_equal(fx->diags.items.len, 6);
	char *got = render(fx, false);
	assert_non_null(strstr(got, "error 0 [x]"));
	assert_non_null(strstr(got, "error 1 [x]"));
	assert_null(strstr(got, "error 2"));
	assert_null(strstr(got, "error 4"));
	assert_null(strstr(got, "a warning"));
	const char *last = "rubric: error: too many problems; 4 more not shown "
			   "(see --max-errors) [too-many-errors]\n";
	size_t n = strlen(got), ln = strlen(last);
	assert_true(n >= ln);
	assert_string_equal(got + n - ln, last);
	free(got);
	fixture_free(fx);

	/* under the cap there is no such line */
	fx = fixture_new();
	f = add_file(fx, "t.rubric", "a\n");
	fx->diags.max_errors = 1;
	diag_error(&fx->diags, span_of(fx, f, "a"), "x", "only");
	got = render(fx, false);
	assert_null(strstr(got, "too many errors"));
	free(got);
	fixture_free(fx);
}

static void test_render_color(void **state)
{
	(void)state;
	fixture *fx = fixture_new();
	uint16_t f = add_file(fx, "t.rubric", "x\n");
	diag_error(&fx->diags, span_of(fx, f, "x"), "e", "bad");
	char *plain = render(fx, false);
	assert_null(strchr(plain, '\033'));
	char *color = render(fx, true);
	assert_non_null(strstr(color, "\033[1;31merror: \033[0m"));
	assert_non_null(strstr(color, "\033[1;32m^\033[0m"));
	assert_non_null(strstr(color, "\033[1mt.rubric:1:1: \033[0m"));
	free(plain);
	free(color);
	fixture_free(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nearest_picks_closest),
		cmocka_unit_test(test_nearest_distance_limit),
		cmocka_unit_test(test_nearest_ties_go_to_first),
		cmocka_unit_test(test_render_error_hint_note),
		cmocka_unit_test(test_render_wide_gutter_and_warning),
		cmocka_unit_test(test_render_span_over_lines),
		cmocka_unit_test(test_render_tabs_copied),
		cmocka_unit_test(test_render_multibyte_columns),
		cmocka_unit_test(test_render_control_characters),
#ifdef RUBRIC_KNOWN_BUG
		cmocka_unit_test(test_render_del_and_c1_controls),
#endif
		cmocka_unit_test(test_render_sort_order),
		cmocka_unit_test(test_render_max_errors),
		cmocka_unit_test(test_render_color),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
