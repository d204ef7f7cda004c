/*
 * test_fmt.c - unit tests for lang/fmt.c and lang/fmt_diff.c: layouts, the
 * properties the formatter promises (the same tokens, idempotent, only the
 * line breaks of the input matter), the token-equivalence check itself,
 * and the unified diff.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "parse.h"
#include "parse.tab.h"
#include "lex.yy.h"

/* ---- formatting one in-memory file --------------------------------------- */

typedef struct run {
	arena *a;
	intern_table names;
	diag_list diags;
	src_set srcs;
	fmt_status status;
	char *out;
	size_t len;
} run;

static run *format_n(const char *text, size_t len)
{
	run *r = calloc(1, sizeof *r);
	assert_non_null(r);
	r->a = arena_new();
	assert_non_null(r->a);
	intern_init(&r->names, r->a);
	diag_init(&r->diags, r->a);
	src_set_init(&r->srcs, r->a);
	uint16_t id = src_add(&r->srcs, "t.rubric", NULL, text, len);
	assert_int_equal(id, 1);
	r->status = fmt_file(r->a, &r->names, &r->diags, &r->srcs, id, &r->out,
			     &r->len);
	return r;
}

static run *format(const char *text)
{
	return format_n(text, strlen(text));
}

static void run_free(run *r)
{
	arena_free(r->a);
	free(r);
}

/* Formats text, which must format, and checks the result is `want`. */
static void expect_layout(const char *text, const char *want)
{
	run *r = format(text);
	if (r->status != FMT_OK)
		for (size_t i = 0; i < r->diags.items.len; i++)
			fprintf(stderr, "diag: %s\n",
				((const diag *)r->diags.items.items[i])->message);
	assert_int_equal(r->status, FMT_OK);
	if (strcmp(r->out, want) != 0)
		fprintf(stderr, "--- want\n%s--- got\n%s---\n", want, r->out);
	assert_string_equal(r->out, want);
	assert_int_equal(r->len, strlen(want));
	run_free(r);
}

/* ---- layouts ------------------------------------------------------------- */

static void test_indent_and_spacing(void **state)
{
	(void)state;
	expect_layout("framework  f \"F\"{\n"
		      "scale   likert5\n"
		      "\t\tcompetency a \"A\" {indicator \"i\"}\n"
		      "      }\n",
		      "framework f \"F\" {\n"
		      "  scale likert5\n"
		      "  competency a \"A\" { indicator \"i\" }\n"
		      "}\n");
}

static void test_blank_lines(void **state)
{
	(void)state;
	expect_layout("\n\nuse std.scales\n\n\n\nframework f {\n\n  scale x\n\n\n"
		      "  competency a\n\n}\n\n\n",
		      "use std.scales\n\nframework f {\n  scale x\n\n"
		      "  competency a\n}\n");
}

static void test_expression_spacing(void **state)
{
	(void)state;
	expect_layout("rule q=- 1+-( 2*3 )- -4\n"
		      "rule r = count( people where unit=\"a\" , x )>=2\n"
		      "rule s = people . unit\n"
		      "rule t = x in ( 1 , 2 ) and not(y)\n",
		      "rule q = -1 + -(2 * 3) - -4\n"
		      "rule r = count(people where unit = \"a\", x) >= 2\n"
		      "rule s = people.unit\n"
		      "rule t = x in (1, 2) and not (y)\n");
	expect_layout("data d {\n  column c number in 1 .. 5\n  column r -> p\n}\n",
		      "data d {\n  column c number in 1..5\n  column r -> p\n}\n");
}

static void test_semicolons(void **state)
{
	(void)state;
	expect_layout("scale s { level 1 a ;level 2 b ; }\n;\n",
		      "scale s { level 1 a; level 2 b; }\n;\n");
}

static void test_joined_strings_align(void **state)
{
	(void)state;
	expect_layout("rubric \"x\" {\n"
		      "  source \"one \"\n"
		      "\"two \"\n"
		      "     \"three\"\n"
		      "}\n",
		      "rubric \"x\" {\n"
		      "  source \"one \"\n"
		      "         \"two \"\n"
		      "         \"three\"\n"
		      "}\n");
	/* a name, then the strings on the lines below */
	expect_layout("framework f {\n"
		      "competency c {\n"
		      "descriptor p\n"
		      "\"one \"\n"
		      "\"two\"\n"
		      "}\n"
		      "}\n",
		      "framework f {\n"
		      "  competency c {\n"
		      "    descriptor p\n"
		      "      \"one \"\n"
		      "      \"two\"\n"
		      "  }\n"
		      "}\n");
}

static void test_header_over_lines(void **state)
{
	(void)state;
	/* the continued header is indented 4, so it stands apart */
	expect_layout("scorecard s {\n"
		      "measure m\n"
		      "\"title\" {\n"
		      "unit \"u\"\n"
		      "}\n"
		      "}\n",
		      "scorecard s {\n"
		      "  measure m\n"
		      "      \"title\" {\n"
		      "    unit \"u\"\n"
		      "  }\n"
		      "}\n");
	/* a block opened on a line of its own */
	expect_layout("framework f \"F\"\n{\nscale s\n}\n",
		      "framework f \"F\"\n{\n  scale s\n}\n");
}

static void test_continuation(void **state)
{
	(void)state;
	expect_layout("assessment a {\n"
		      "develop when required - score >= 1\n"
		      "then \"x\"\n"
		      "}\n"
		      "rule r \"t\"\n"
		      "for each u in d.unit =\n"
		      "count(d where unit = u\n"
		      "and role in (\"a\",\n"
		      "\"b\")) = 1\n"
		      "rule s =\n"
		      "count(d)\n"
		      "/ count(e)\n",
		      "assessment a {\n"
		      "  develop when required - score >= 1\n"
		      "    then \"x\"\n"
		      "}\n"
		      "rule r \"t\"\n"
		      "  for each u in d.unit =\n"
		      "    count(d where unit = u\n"
		      "          and role in (\"a\",\n"
		      "                       \"b\")) = 1\n"
		      "rule s =\n"
		      "  count(d)\n"
		      "  / count(e)\n");
	/* a bracket that ends its line: its contents one step in */
	expect_layout("rule r = count(\n"
		      "d where x = 1\n"
		      ")\n",
		      "rule r = count(\n"
		      "  d where x = 1\n"
		      ")\n");
}

static void test_comments(void **state)
{
	(void)state;
	expect_layout("# top   \n"
		      "framework f {   # after brace\n"
		      "      # own line\n"
		      "scale s  # two spaces\n"
		      "competency c # one space\n"
		      "competency d                # far\n"
		      "                            # under it\n"
		      "# at the end of the block\n"
		      "}\n"
		      "# last",
		      "# top\n"
		      "framework f {   # after brace\n"
		      "  # own line\n"
		      "  scale s # two spaces\n"
		      "  competency c # one space\n"
		      "  competency d              # far\n"
		      "                            # under it\n"
		      "  # at the end of the block\n"
		      "}\n"
		      "# last\n");
	/* code that grows past the comment pushes it to one space after */
	expect_layout("rule r=a+b # c\n", "rule r = a + b # c\n");
}

static void test_line_endings_and_bom(void **state)
{
	(void)state;
	expect_layout("framework f {\r\n  scale s # c \r\n}", "framework f {\n  scale s # c\n}\n");
	expect_layout("\xEF\xBB\xBFuse std.scales\n", "use std.scales\n");
	expect_layout("", "");
	expect_layout(" \n\t\n", "");
}

static void test_literals_verbatim(void **state)
{
	(void)state;
	expect_layout("rule a = 1_000 + 12.50 + 80%\n"
		      "rule b = 2020-10 + 2024-02-29 + FY2010 + 2016-Q1\n"
		      "rule c = d + 3\tdays\n"
		      "rule e = \"Atenci\\u{f3}n \\\"a\\\" \\t Atención\"\n",
		      "rule a = 1_000 + 12.50 + 80%\n"
		      "rule b = 2020-10 + 2024-02-29 + FY2010 + 2016-Q1\n"
		      "rule c = d + 3\tdays\n"
		      "rule e = \"Atenci\\u{f3}n \\\"a\\\" \\t Atención\"\n");
}

static void test_syntax_error_not_formatted(void **state)
{
	(void)state;
	run *r = format("framework f {\n  scale\n}\n");
	assert_int_equal(r->status, FMT_ERRORS);
	assert_true(r->diags.errors > 0);
	run_free(r);
	r = format("rule r = \"open\n");
	assert_int_equal(r->status, FMT_ERRORS);
	run_free(r);
}

/* ---- properties ---------------------------------------------------------- */

/* Valid files with every construct, and comments only on lines of their
 * own (a trailing comment keeps its column from the input). */
static const char *const corpus[] = {
	"rubric \"IMSS\" {\n  version \"2009.1\"\n  effective 2009-01-01\n"
	"  source \"a \"\n         \"b\"\n  rounding 2 half_even\n}\n"
	"use std.scales\ninclude \"other.rubric\"\n",

	"# comment\nframework f \"F\" {\n  scale likert5\n\n  # own\n"
	"  area a \"A\" {\n    description \"d \"\n                \"e\"\n"
	"    competency c \"C\" {\n      indicator \"i\"\n"
	"      descriptor p\n        \"x \"\n        \"y\"\n    }\n  }\n"
	"  competency k; competency l \"L\" { indicator \"j\" }\n}\n",

	"data people \"P\" {\n  key id, unit\n  path \"people.csv\"\n"
	"  column unit\n  column role -> profile\n"
	"  column score number in 1..5\n  column rel in (self, peer)\n"
	"  column value percent optional not applicable \"TBD\"\n}\n",

	"profile p \"P\" {\n  framework f\n  require all >= advanced\n"
	"  require x >= 4\n  require y not applicable\n}\n"
	"assessment a {\n  ratings r\n  relation self weight 10%\n"
	"  relation peer weight 25% minimum 3\n  summarise by unit\n"
	"  succession p from q\n  threshold 1\n"
	"  develop when required - score >= 1.5\n    then \"a\"\n}\n",

	"scorecard s \"S\" {\n  perspectives classic\n  measures m\n"
	"  theme t \"T\" {\n    intended \"i\"\n"
	"    objective o\n        \"long title\" {\n      perspective customer\n"
	"      measure x \"X\" {\n        better lower\n        aggregate mean\n"
	"        baseline -20 at 2015\n        target <= 8 by 2016\n"
	"        target local >= 3 by FY2017\n        target 1..2 by 2016-Q1\n"
	"        band good >= 90%\n      }\n    }\n  }\n"
	"  link o -> p\n}\n",

	"rule a \"t\" =\n  count(r where x = \"c\" and y = \"l\"\n"
	"        and s >= l.advanced)\n  / count(r)\n"
	"rule b \"t\"\n  for each u in s.unit =\n"
	"    count(s where unit = u\n          and role in (\"a\",\n"
	"                       \"b\")) = 1\n"
	"rule c = if a then b else -c\nrule d = as_of - 1 year + 2 days\n"
	"rule e = not x or y and z != 3 * (4 - 2) / 1\n",
};

/* The tokens of text, comments included. */
typedef struct toks {
	int kind[512];
	uint32_t start[512], end[512];
	size_t n;
} toks;

static void tokens(const char *text, toks *t)
{
	arena *a = arena_new();
	intern_table names;
	diag_list diags;
	intern_init(&names, a);
	diag_init(&diags, a);
	parse_ctx ctx = {0};
	ctx.arena = a;
	ctx.names = &names;
	ctx.diags = &diags;
	ctx.out = arena_alloc(a, sizeof *ctx.out);
	ctx.comments = true;
	yyscan_t sc;
	assert_int_equal(yylex_init_extra(&ctx, &sc), 0);
	YY_BUFFER_STATE b = yy_scan_bytes(text, (int)strlen(text), sc);
	t->n = 0;
	for (;;) {
		YYSTYPE v;
		src_span loc;
		int k = yylex(&v, &loc, sc);
		if (k == YYEOF)
			break;
		assert_int_not_equal(k, YYerror);
		assert_true(t->n < 512);
		t->kind[t->n] = k;
		t->start[t->n] = loc.start;
		t->end[t->n] = loc.end;
		t->n++;
	}
	yy_delete_buffer(b, sc);
	yylex_destroy(sc);
	assert_int_equal(diags.errors, 0);
	arena_free(a);
}

static void test_comment_tokens(void **state)
{
	(void)state;
	toks t;
	tokens("scale s # a\n# b\n", &t);
	assert_int_equal(t.n, 4);
	assert_int_equal(t.kind[0], SCALE);
	assert_int_equal(t.kind[1], IDENT);
	assert_int_equal(t.kind[2], PARSE_COMMENT);
	assert_int_equal(t.start[2], 8);
	assert_int_equal(t.end[2], 11);
	assert_int_equal(t.kind[3], PARSE_COMMENT);
}

/* Formatting keeps the tokens, and formatted text formats to itself. */
static void test_same_tokens_and_idempotent(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof corpus / sizeof corpus[0]; c++) {
		run *r = format(corpus[c]);
		assert_int_equal(r->status, FMT_OK);
		assert_true(fmt_same_tokens(r->a, corpus[c], strlen(corpus[c]),
					    r->out, r->len, NULL));
		run *again = format_n(r->out, r->len);
		assert_int_equal(again->status, FMT_OK);
		assert_string_equal(again->out, r->out);
		run_free(again);
		run_free(r);
	}
}

static uint32_t rnd_state = 12345;
static uint32_t rnd(uint32_t n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 16) % n;
}

/* The same tokens and line breaks with other white space: any spaces and
 * tabs between tokens, other indents, more blank lines, trailing spaces,
 * CRLF. */
static char *perturb(const char *text)
{
	toks t;
	tokens(text, &t);
	size_t cap = strlen(text) * 12 + 64, n = 0;
	char *out = malloc(cap);
	assert_non_null(out);
	uint32_t prev = 0;
	for (size_t i = 0; i < t.n; i++) {
		size_t nl = 0;
		for (uint32_t p = prev; p < t.start[i]; p++)
			nl += text[p] == '\n';
		if (i > 0 && nl == 0) {
			for (uint32_t k = 1 + rnd(3); k > 0; k--)
				out[n++] = rnd(2) ? ' ' : '\t';
		} else if (nl > 0) {
			if (nl >= 2)
				nl = 2 + rnd(3);
			for (size_t k = 0; k < nl; k++) {
				for (uint32_t s = rnd(3); s > 0; s--)
					out[n++] = ' ';
				if (rnd(4) == 0)
					out[n++] = '\r';
				out[n++] = '\n';
			}
		}
		if (nl > 0 || i == 0)
			for (uint32_t k = rnd(7); k > 0; k--)
				out[n++] = rnd(3) ? ' ' : '\t';
		memcpy(out + n, text + t.start[i], t.end[i] - t.start[i]);
		n += t.end[i] - t.start[i];
		prev = t.end[i];
	}
	if (rnd(2))
		out[n++] = '\n';
	out[n] = '\0';
	assert_true(n < cap);
	return out;
}

/* Only the tokens and the line breaks matter: white space elsewhere does
 * not change the result. */
static void test_canonical_under_white_space(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof corpus / sizeof corpus[0]; c++) {
		run *want = format(corpus[c]);
		assert_int_equal(want->status, FMT_OK);
		for (int round = 0; round < 20; round++) {
			char *p = perturb(corpus[c]);
			run *got = format(p);
			assert_int_equal(got->status, FMT_OK);
			if (strcmp(got->out, want->out) != 0)
				fprintf(stderr, "--- input\n%s--- want\n%s--- got\n%s",
					p, want->out, got->out);
			assert_string_equal(got->out, want->out);
			run_free(got);
			free(p);
		}
		run_free(want);
	}
}

static bool same(const char *x, const char *y, size_t *at)
{
	arena *a = arena_new();
	bool r = fmt_same_tokens(a, x, strlen(x), y, strlen(y), at);
	arena_free(a);
	return r;
}

static void test_same_tokens_check(void **state)
{
	(void)state;
	size_t at = 99;
	/* white space, and white space at the end of a comment, do not count */
	assert_true(same("rule a = 1 # c", "rule  a=1\n\n# c   \r", &at));
	/* every token's text counts */
	assert_false(same("rule a = \"x\"", "rule a = \"y\"", &at));
	assert_int_equal(at, 9);
	assert_false(same("rule a = 1.0", "rule a = 1.00", &at));
	assert_false(same("rule a = 1 # c", "rule a = 1 #  c", &at));
	assert_int_equal(at, 11);
	/* a period is not a subtraction */
	assert_false(same("rule a = 2020 - 10", "rule a = 2020-10", &at));
	assert_int_equal(at, 9);
	/* a comment is not nothing */
	assert_false(same("rule a = 1 # c", "rule a = 1", &at));
	assert_int_equal(at, 11);
	assert_false(same("rule a = 1", "rule a = 1 # c", &at));
	assert_int_equal(at, 10);
	/* text that does not scan is never the same */
	assert_false(same("rule a = \"x", "rule a = \"x", &at));
}

/* ---- the diff ------------------------------------------------------------ */

static char *diff(arena *a, const char *x, const char *y)
{
	return fmt_diff(a, "f", x, strlen(x), "f (formatted)", y, strlen(y));
}

static void test_diff(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_string_equal(diff(a, "a\nb\n", "a\nb\n"), "");
	assert_string_equal(diff(a, "a\nb\nc\n", "a\nB\nc\n"),
			    "--- f\n+++ f (formatted)\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
	/* three lines of context; far apart changes make two hunks */
	assert_string_equal(
		diff(a, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
		     "x\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\ny\n"),
		"--- f\n+++ f (formatted)\n@@ -1,4 +1,4 @@\n-1\n+x\n 2\n 3\n 4\n"
		"@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+y\n");
	/* close changes share a hunk */
	assert_string_equal(diff(a, "1\n2\n3\n4\n5\n6\n7\n8\n", "x\n2\n3\n4\n5\n6\n7\ny\n"),
			    "--- f\n+++ f (formatted)\n@@ -1,8 +1,8 @@\n-1\n+x\n 2\n 3\n"
			    " 4\n 5\n 6\n 7\n-8\n+y\n");
	/* added and removed lines, and a missing last newline */
	assert_string_equal(diff(a, "a\nc", "a\nb\nc\n"),
			    "--- f\n+++ f (formatted)\n@@ -1,2 +1,3 @@\n a\n-c\n"
			    "\\ No newline at end of file\n+b\n+c\n");
	assert_string_equal(diff(a, "", "a\n"),
			    "--- f\n+++ f (formatted)\n@@ -0,0 +1 @@\n+a\n");
	assert_string_equal(diff(a, "a\n", ""),
			    "--- f\n+++ f (formatted)\n@@ -1 +0,0 @@\n-a\n");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_indent_and_spacing),
		cmocka_unit_test(test_blank_lines),
		cmocka_unit_test(test_expression_spacing),
		cmocka_unit_test(test_semicolons),
		cmocka_unit_test(test_joined_strings_align),
		cmocka_unit_test(test_header_over_lines),
		cmocka_unit_test(test_continuation),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_line_endings_and_bom),
		cmocka_unit_test(test_literals_verbatim),
		cmocka_unit_test(test_syntax_error_not_formatted),
		cmocka_unit_test(test_comment_tokens),
		cmocka_unit_test(test_same_tokens_and_idempotent),
		cmocka_unit_test(test_canonical_under_white_space),
		cmocka_unit_test(test_same_tokens_check),
		cmocka_unit_test(test_diff),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
