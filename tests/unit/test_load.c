/*
 * test_load.c - unit tests for reading a streamed file in two parts at once
 * (runtime/load.c, load_stream with load_parts): whatever the split meets,
 * the rows taken, their order, the messages, the rejected rows and the
 * SHA-256 are those of reading the file in one pass.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "load.h"
#include "program.h"

/* ---- a consumer that records what it is given ------------------------------ */

typedef struct acc {
	uint32_t lines[4096];  /* the line of every row taken, in order */
	size_t n;
	int64_t sum;
	int forks, joins, refused_joins;
	bool refuse_join;      /* join says no: the loader must read again */
	arena *part_arena;     /* the arena fork was given */
} acc;

/* Takes a row; a value of 99999 is refused, as a duplicate rating is. */
static const char *take(void *ud, const val *row, uint32_t line, size_t *column)
{
	acc *a = ud;
	if (row[1].kind == VAL_NUM && num_eq(row[1].u.n, num_int(99999))) {
		*column = 1;
		return "99999 is refused by the consumer";
	}
	assert_true(a->n < sizeof a->lines / sizeof a->lines[0]);
	a->lines[a->n++] = line;
	a->sum += row[1].u.n.n;
	return NULL;
}

static void *fork_acc(void *ud, arena *pa)
{
	acc *a = ud;
	a->forks++;
	acc *part = calloc(1, sizeof *part);
	assert_non_null(part);
	part->part_arena = pa;
	return part;
}

static bool join_acc(void *ud, void *p)
{
	acc *a = ud;
	const acc *part = p;
	if (a->refuse_join) {
		a->refused_joins++;
		return false;
	}
	a->joins++;
	for (size_t i = 0; i < part->n; i++)
		a->lines[a->n++] = part->lines[i];
	a->sum += part->sum;
	return true;
}

static void drop_acc(void *p)
{
	free(p);
}

static const load_parts PARTS = {fork_acc, join_acc, drop_acc};

/* ---- harness ---------------------------------------------------------------- */

typedef struct outcome {
	acc a;
	bool ok;
	load_stats st;
	char *messages;        /* "line:col: message\n" for every record */
	char *rejects;         /* the rejects file */
} outcome;

static void write_file(char *path, const char *text, size_t n)
{
	strcpy(path, "/tmp/rubric-test-load-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
}

static char *read_stream(FILE *f)
{
	long n = ftell(f);
	assert_true(n >= 0);
	char *s = calloc(1, (size_t)n + 1);
	assert_non_null(s);
	rewind(f);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	return s;
}

/* Reads `csv` as `data d { column k; column v integer }` with `threads`;
 * split_min 1, so that any file is split when threads is 2. */
static outcome *load_text(const char *csv, unsigned threads, bool skip_bad,
			  bool refuse_join)
{
	static const char rules[] = "data d { column k; column v integer }\n";
	program *p = program_new();
	assert_true(program_load_text(p, "t.rubric", rules, strlen(rules)));
	assert_true(program_check(p));
	char path[64];
	write_file(path, csv, strlen(csv));

	outcome *o = calloc(1, sizeof *o);
	assert_non_null(o);
	o->a.refuse_join = refuse_join;
	arena *a = arena_new();
	diag_list diags;
	diag_init(&diags, a);
	diags.max_errors = 1000;
	table *tables[1] = {NULL};
	FILE *rejects = tmpfile();
	assert_non_null(rejects);
	load_ctx lc = {0};
	lc.arena = a;
	lc.model = p->model;
	lc.diags = &diags;
	lc.skip_bad_rows = skip_bad;
	lc.rejects = skip_bad ? rejects : NULL;
	lc.tables = tables;
	lc.shown = "d.csv";
	lc.threads = threads;
	lc.split_min = 1;
	o->ok = load_stream(&lc, p->model->datasets.items[0], path, take, &o->a,
			    &PARTS, &o->st);

	/* Every record, in the order the run keeps them. */
	size_t cap = 64, len = 0;
	char *m = calloc(1, cap);
	assert_non_null(m);
	for (size_t i = 0; i < diags.items.len; i++) {
		const diag *d = diags.items.items[i];
		char line[512];
		int n = snprintf(line, sizeof line, "%u:%u: %s\n", d->at_line,
				 d->at_col, d->message);
		assert_true(n > 0 && (size_t)n < sizeof line);
		while (len + (size_t)n + 1 > cap)
			cap *= 2;
		m = realloc(m, cap);
		assert_non_null(m);
		memcpy(m + len, line, (size_t)n + 1);
		len += (size_t)n;
	}
	o->messages = m;
	o->rejects = read_stream(rejects);
	fclose(rejects);
	/* The digest must be the file's. */
	unsigned char whole[DIGEST_LEN];
	assert_true(digest_file(path, whole));
	if (o->st.has_sha256)
		assert_memory_equal(o->st.sha256, whole, DIGEST_LEN);
	unlink(path);
	arena_free(a);
	program_free(p);
	return o;
}

static void outcome_free(outcome *o)
{
	free(o->messages);
	free(o->rejects);
	free(o);
}

/* Reads csv with one thread and with two; both must give the same. */
static void same_both_ways(const char *csv, bool skip_bad, bool refuse_join,
			   int want_forks, int want_joins)
{
	outcome *one = load_text(csv, 1, skip_bad, false);
	outcome *two = load_text(csv, 2, skip_bad, refuse_join);
	assert_int_equal(one->a.forks, 0);
	assert_int_equal(two->a.forks, want_forks);
	assert_int_equal(two->a.joins, want_joins);
	assert_int_equal(two->ok, one->ok);
	assert_int_equal(two->a.n, one->a.n);
	assert_memory_equal(two->a.lines, one->a.lines, one->a.n * sizeof one->a.lines[0]);
	assert_int_equal(two->a.sum, one->a.sum);
	assert_int_equal(two->st.read, one->st.read);
	assert_int_equal(two->st.used, one->st.used);
	assert_int_equal(two->st.rejected, one->st.rejected);
	assert_int_equal(two->st.has_sha256, one->st.has_sha256);
	assert_string_equal(two->messages, one->messages);
	assert_string_equal(two->rejects, one->rejects);
	outcome_free(one);
	outcome_free(two);
}

/* "k,v\n" then rows "rN,N" for N in 1..n, with `bad` rows changed. */
static char *rows(int n, const char *(*change)(int))
{
	size_t cap = 32 + (size_t)n * 64;
	char *s = malloc(cap);
	assert_non_null(s);
	size_t len = (size_t)snprintf(s, cap, "k,v\n");
	for (int i = 1; i <= n; i++) {
		const char *c = change ? change(i) : NULL;
		len += c ? (size_t)snprintf(s + len, cap - len, "%s\n", c)
			 : (size_t)snprintf(s + len, cap - len, "r%d,%d\n", i, i);
	}
	return s;
}

/* ---- tests -------------------------------------------------------------------- */

static void test_split_rows_in_order(void **state)
{
	(void)state;
	char *csv = rows(1000, NULL);
	same_both_ways(csv, false, false, 1, 1);
	outcome *two = load_text(csv, 2, false, false);
	assert_true(two->ok);
	assert_int_equal(two->a.n, 1000);
	for (size_t i = 0; i < 1000; i++)
		assert_int_equal(two->a.lines[i], i + 2);
	assert_int_equal(two->a.sum, 1000 * 1001 / 2);
	assert_true(two->st.has_sha256);
	outcome_free(two);
	free(csv);
}

static const char *bad_everywhere(int i)
{
	/* Bad values and consumer refusals in both halves. */
	switch (i) {
	case 3: return "r3,three";
	case 200: return "r200,99999";
	case 540: return "r540,";
	case 560: return "r560,5.5";
	case 777: return "r777,99999";
	case 990: return "r990,x,y";
	default: return NULL;
	}
}

static void test_split_bad_rows_fatal(void **state)
{
	(void)state;
	char *csv = rows(1000, bad_everywhere);
	same_both_ways(csv, false, false, 1, 1);
	outcome *two = load_text(csv, 2, false, false);
	assert_false(two->ok);
	assert_int_equal(two->st.rejected, 6);
	/* In file order, across the split. */
	const char *m = two->messages;
	const char *want[] = {"4:", "201:", "541:", "561:", "778:", "991:"};
	for (size_t i = 0; i < 6; i++) {
		assert_true(strncmp(m, want[i], strlen(want[i])) == 0);
		m = strchr(m, '\n');
		assert_non_null(m);
		m++;
	}
	assert_false(two->st.has_sha256);
	outcome_free(two);
	free(csv);
}

static void test_split_bad_rows_skipped(void **state)
{
	(void)state;
	char *csv = rows(1000, bad_everywhere);
	same_both_ways(csv, true, false, 1, 1);
	outcome *two = load_text(csv, 2, true, false);
	assert_true(two->ok);
	assert_int_equal(two->st.used, 994);
	assert_non_null(strstr(two->rejects, ",778,"));
	assert_true(strstr(two->rejects, ",201,") < strstr(two->rejects, ",778,"));
	outcome_free(two);
	free(csv);
}

static void test_join_refused_reads_again(void **state)
{
	(void)state;
	char *csv = rows(1000, bad_everywhere);
	same_both_ways(csv, true, true, 1, 0);
	outcome *two = load_text(csv, 2, true, true);
	assert_int_equal(two->a.refused_joins, 1);
	assert_int_equal(two->st.read, 1000);
	assert_true(two->st.has_sha256);
	outcome_free(two);
	free(csv);
}

/* A quoted field holding newlines across the whole middle of the file:
 * wherever the split falls, it is inside it, and the second part's guess
 * is dropped. */
static void test_split_inside_quoted_field(void **state)
{
	(void)state;
	size_t cap = 64 + 40 * 1000;
	char *csv = malloc(cap);
	assert_non_null(csv);
	size_t len = (size_t)snprintf(csv, cap, "k,v\nr1,1\n\"long");
	for (int i = 0; i < 2000; i++)
		len += (size_t)snprintf(csv + len, cap - len, "\nr%d,%d", i, i);
	snprintf(csv + len, cap - len, "\",2\nr3,3\n");
	same_both_ways(csv, false, false, 1, 0);
	outcome *two = load_text(csv, 2, false, false);
	assert_true(two->ok);
	assert_int_equal(two->a.n, 3);
	assert_int_equal(two->a.lines[2], 2 + 2001 + 1);
	outcome_free(two);
	free(csv);
}

/* Blank lines at the split and CRLF line ends. */
static void test_split_blank_lines_crlf(void **state)
{
	(void)state;
	size_t cap = 64 + 40 * 1000;
	char *csv = malloc(cap);
	assert_non_null(csv);
	size_t len = (size_t)snprintf(csv, cap, "k,v\r\n");
	for (int i = 1; i <= 1000; i++)
		len += (size_t)snprintf(csv + len, cap - len, i % 3 ? "r%d,%d\r\n"
					: "r%d,%d\r\n\r\n\n", i, i);
	same_both_ways(csv, false, false, 1, 1);
	free(csv);
}

/* A broken quote in the second part stops the reading there, as it does
 * in one pass; one in the first part drops the second part. */
static const char *broken_late(int i)
{
	return i == 900 ? "r900,\"9\"x" : NULL;
}

static const char *broken_early(int i)
{
	return i == 100 ? "r100,\"1\"x" : NULL;
}

static void test_split_broken_csv(void **state)
{
	(void)state;
	char *csv = rows(1000, broken_late);
	same_both_ways(csv, false, false, 1, 1);
	free(csv);
	csv = rows(1000, broken_early);
	same_both_ways(csv, false, false, 1, 0);
	free(csv);
}

/* Small files, and one thread, are read in one part. */
static void test_no_split(void **state)
{
	(void)state;
	outcome *o = load_text("k,v\n", 2, false, false);
	assert_true(o->ok);
	assert_int_equal(o->a.forks, 0);
	outcome_free(o);
	o = load_text("k,v\nr1,1\n", 2, false, false);
	assert_int_equal(o->a.forks, 0); /* no line boundary after the middle */
	assert_int_equal(o->a.n, 1);
	outcome_free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_rows_in_order),
		cmocka_unit_test(test_split_bad_rows_fatal),
		cmocka_unit_test(test_split_bad_rows_skipped),
		cmocka_unit_test(test_join_refused_reads_again),
		cmocka_unit_test(test_split_inside_quoted_field),
		cmocka_unit_test(test_split_blank_lines_crlf),
		cmocka_unit_test(test_split_broken_csv),
		cmocka_unit_test(test_no_split),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
