/* suite.c - running `test` blocks; see suite.h and docs/testing.md. */
#include "suite.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"

/* The source text of a span, for messages. */
static const char *source_of(program *p, src_span at)
{
	const src_file *f = src_get(&p->srcs, at.file);
	if (!f || at.end > f->len || at.end < at.start)
		return "?";
	return arena_strndup(p->arena, f->text + at.start, at.end - at.start);
}

static void fail(program *p, suite_test *t, src_span at, const char *what,
		 const char *got)
{
	suite_failure *f = arena_alloc(p->arena, sizeof *f);
	f->span = at;
	f->what = what;
	f->got = got;
	ptr_vec_push(p->arena, &t->failures, f);
}

/* ---- given rows -> a temporary CSV file ------------------------------------- */

typedef struct temp_csv {
	char path[64];
	const char *shown;     /* the name the run gives it */
	const m_given *given;
} temp_csv;

static bool write_rows(const m_given *g, temp_csv *out)
{
	const char *dir = getenv("TMPDIR");
	snprintf(out->path, sizeof out->path, "%s/rubric-test-XXXXXX",
		 dir && *dir && strlen(dir) < 32 ? dir : "/tmp");
	int fd = mkstemp(out->path);
	if (fd < 0)
		return false;
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(out->path);
		return false;
	}
	for (size_t i = 0; i < g->rows.len; i++) {
		const ast_item *r = g->rows.items[i];
		fputs(r->text, f);
		fputc('\n', f);
	}
	bool ok = fflush(f) == 0 && !ferror(f);
	ok = fclose(f) == 0 && ok;
	out->given = g;
	if (!ok)
		unlink(out->path);
	return ok;
}

/* A problem in inline rows is shown at the `row` that holds it. */
static void relocate(const src_set *srcs, diag *d, const temp_csv *tmp, size_t ntmp)
{
	if (!d->at_file)
		return;
	for (size_t i = 0; i < ntmp; i++) {
		if (strcmp(d->at_file, tmp[i].shown))
			continue;
		const m_given *g = tmp[i].given;
		if (d->at_line < 1 || d->at_line > g->rows.len)
			return;
		const ast_item *r = g->rows.items[d->at_line - 1];
		d->span = r->text_span;
		/* The column inside the string, after its quote: characters of
		 * the source, an escape such as \" counting as one. */
		const src_file *f = src_get(srcs, r->text_span.file);
		uint32_t want = d->at_col ? d->at_col - 1 : 0, at = r->text_span.start + 1;
		for (uint32_t n = 0; f && n < want && at + 1 < r->text_span.end; n++) {
			size_t len = f->text[at] == '\\' ? 2
				: src_utf8_len(f->text + at, r->text_span.end - at);
			at += (uint32_t)(len ? len : 1);
		}
		if (f && at < r->text_span.end) {
			d->span.start = at;
			d->span.end = at + 1;
		}
		d->at_file = NULL;
		d->at_text = NULL;
		return;
	}
}

/* ---- expectations --------------------------------------------------------------- */

/* A value in a failure: exact, text quoted. */
static const char *shown(program *p, val v)
{
	switch (v.kind) {
	case VAL_NONE: return "no data";
	case VAL_NA: return "not applicable";
	case VAL_NUM: return report_fmt_exact(p->arena, v.u.n);
	case VAL_TEXT: case VAL_REF:
		return arena_printf(p->arena, "\"%.*s\"", (int)v.len, v.s);
	default: return report_val_text(p->arena, v, 0, NUM_HALF_EVEN);
	}
}

static void expect_value(program *p, suite_test *t, eval_result *r, const m_expect *e)
{
	eval_env env;
	eval_env_init(r, &env);
	const char *what = source_of(p, e->expr->span);
	if (e->key && e->grouped) {
		what = arena_printf(p->arena, "for \"%s\": %s", e->key, what);
		env.group_key = e->key;
	} else if (e->key) {
		what = arena_printf(p->arena, "for \"%s\": %s", e->key, what);
		const table *tb = r->tables[dataset_index(r->model, e->subject)];
		int32_t row = tb ? table_find(tb, e->key, strlen(e->key)) : -1;
		if (row < 0) {
			fail(p, t, e->span, what, arena_printf(p->arena, "'%s' has no row "
				"with the key \"%s\"", e->subject->name.s, e->key));
			return;
		}
		env.subject_table = env.row_table = tb;
		env.subject_row = env.row = (size_t)row;
	}
	val v = eval_expr(&env, e->expr);
	if (env.error) {
		fail(p, t, e->span, what, arena_printf(p->arena, "an error: %s", env.error));
		return;
	}
	if (eval_true(v))
		return;
	const ast_expr *x = e->expr;
	if (expr_is_comparison(x)) {
		env.error = NULL;
		val a = eval_expr(&env, x->a), b = eval_expr(&env, x->b);
		fail(p, t, e->span, what, arena_printf(p->arena, "%s %s %s is %s",
			shown(p, a), expr_op_text(x->op), shown(p, b),
			v.kind == VAL_BOOL ? "false" : "undetermined (no data)"));
		return;
	}
	fail(p, t, e->span, what, v.kind == VAL_BOOL ? "false" : "undetermined (no data)");
}

static bool matches(const diag *d, const char *text)
{
	if (!strcmp(d->id, text) || strstr(d->message, text))
		return true;
	return d->hint && strstr(d->hint, text);
}

/* ---- golden CSV ------------------------------------------------------------------ */

/* The first line where a and b differ (1-based), with both lines. */
static void first_difference(program *p, const char *a, size_t alen, const char *b,
			     size_t blen, size_t *line, const char **la, const char **lb)
{
	size_t i = 0, ln = 1, start = 0;
	while (i < alen && i < blen && a[i] == b[i]) {
		if (a[i] == '\n') {
			ln++;
			start = i + 1;
		}
		i++;
	}
	*line = ln;
	size_t ea = start, eb = start;
	while (ea < alen && a[ea] != '\n')
		ea++;
	while (eb < blen && b[eb] != '\n')
		eb++;
	*la = start < alen ? arena_strndup(p->arena, a + start, ea - start) : "(end of file)";
	*lb = start < blen ? arena_strndup(p->arena, b + start, eb - start) : "(end of file)";
}

/* The folders of a golden file that does not exist yet (--accept). */
static void make_parents(program *p, const char *path)
{
	char *dir = arena_strdup(p->arena, path);
	for (char *s = dir + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		mkdir(dir, 0777); /* an existing folder is fine; a failure shows below */
		*s = '/';
	}
}

static void golden(program *p, suite_test *t, eval_result *r, const m_golden *g,
		   const suite_options *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem) {
		fail(p, t, g->span, g->path, "no memory for the table");
		return;
	}
	report_options ro = {0};
	ro.format = REPORT_CSV;
	ro.table = g->table;
	ro.version = RUBRIC_VERSION;
	const char *err = NULL;
	bool ok = report_write(mem, r, &ro, &err);
	fclose(mem);
	const char *path = program_path_beside(p, g->span.file, g->path);
	const char *what = arena_printf(p->arena, "table %s as in %s", g->table, path);
	if (!ok) {
		/* err lives in the run's arena, freed with the run */
		fail(p, t, g->span, what, err ? arena_strdup(p->arena, err)
					       : "the table could not be written");
		free(buf);
		return;
	}
	size_t elen = 0;
	char *expected = program_read_file(p->arena, path, &elen);
	bool same = expected && elen == len && !memcmp(expected, buf, len);
	if (!same && o->accept) {
		outfile out;
		make_parents(p, path);
		if (outfile_open(&out, path) && fwrite(buf, 1, len, out.f) == len &&
		    outfile_commit(&out)) {
			t->accepted++;
		} else {
			outfile_abort(&out);
			fail(p, t, g->span, what, arena_printf(p->arena, "cannot write %s: %s",
							       path, strerror(errno)));
		}
	} else if (!same && !expected) {
		fail(p, t, g->span, what, arena_printf(p->arena, "cannot read %s: %s "
			"(rubric test --accept writes it)", path, strerror(errno)));
	} else if (!same) {
		size_t line;
		const char *la, *lb;
		first_difference(p, expected, elen, buf, len, &line, &la, &lb);
		fail(p, t, g->span, what, arena_printf(p->arena, "line %zu differs: "
			"expected '%s', got '%s'", line, la, lb));
	}
	free(buf);
}

/* ---- one test ---------------------------------------------------------------------- */

static bool run_one(program *p, const m_test *mt, const suite_options *o,
		    suite_test *t)
{
	const model *m = p->model;
	size_t ng = mt->givens.len;
	temp_csv *tmp = calloc(ng + 1, sizeof *tmp);
	eval_binding *bind = calloc(ng + 1, sizeof *bind);
	if (!tmp || !bind) {
		free(tmp);
		free(bind);
		return false;
	}
	size_t ntmp = 0;
	bool ok = true;
	for (size_t i = 0; i < ng && ok; i++) {
		const m_given *g = mt->givens.items[i];
		bind[i].name = g->dataset->name.s;
		if (g->path) {
			bind[i].path = program_path_beside(p, g->span.file, g->path);
		} else {
			ok = write_rows(g, &tmp[ntmp]);
			if (ok) {
				bind[i].path = tmp[ntmp++].path;
				/* shown as where the rows are written: file:line */
				const src_file *sf = src_get(&p->srcs, g->span.file);
				int line = 0, col = 0;
				if (sf)
					src_line_col(sf, g->span.start, &line, &col);
				bind[i].shown = arena_printf(p->arena, "%s:%d", sf ? sf->name : "?",
							     line);
				tmp[ntmp - 1].shown = bind[i].shown;
			}
		}
	}
	if (ok) {
		eval_options eo = {0};
		eo.data = bind;
		eo.ndata = ng;
		eo.skip_bad_rows = true;   /* rows rejected and reported, not fatal */
		eo.has_as_of = mt->has_at;
		eo.as_of = mt->at;
		/* what the expectations read is loaded too */
		ast_expr **also = calloc(mt->expects.len + 1, sizeof *also);
		size_t nalso = 0;
		for (size_t i = 0; also && i < mt->expects.len; i++) {
			const m_expect *e = mt->expects.items[i];
			if (e->expr)
				also[nalso++] = e->expr;
		}
		eo.also = also;
		eo.nalso = nalso;
		size_t before = p->diags.items.len, errors = p->diags.errors,
		       warnings = p->diags.warnings;
		eval_result r;
		int rc = eval_run(p, &eo, &r);
		/* This run's problems belong to the test, not to the program. */
		bool *used = calloc(p->diags.items.len - before + 1, sizeof *used);
		for (size_t i = before; i < p->diags.items.len; i++) {
			diag *d = p->diags.items.items[i];
			relocate(&p->srcs, d, tmp, ntmp);
			ptr_vec_push(p->arena, &t->problems, d);
		}
		p->diags.items.len = before;
		p->diags.errors = errors;
		p->diags.warnings = warnings;
		for (size_t i = 0; i < mt->expects.len; i++) {
			const m_expect *e = mt->expects.items[i];
			if (e->message) {
				bool found = false;
				for (size_t k = 0; k < t->problems.len; k++)
					if (matches(t->problems.items[k], e->message)) {
						found = true;
						if (used)
							used[k] = true;
					}
				if (!found) {
					const char *got = t->problems.len ? "none of the problems "
						"reported says it:" : "no problem was reported";
					for (size_t k = 0; k < t->problems.len && k < 5; k++) {
						const diag *d = t->problems.items[k];
						got = arena_printf(p->arena, "%s %s%s [%s]", got,
								   k ? "; " : "", d->message, d->id);
					}
					fail(p, t, e->span, arena_printf(p->arena, "a problem "
						"reported with \"%s\"", e->message), got);
				}
			} else if (rc != EVAL_OK) {
				fail(p, t, e->span, source_of(p, e->expr->span),
				     "the run failed, so nothing can be judged");
			} else {
				expect_value(p, t, &r, e);
			}
		}
		if (rc == EVAL_OK)
			for (size_t i = 0; i < mt->goldens.len; i++)
				golden(p, t, &r, mt->goldens.items[i], o);
		/* A problem nobody expected fails the test: a rejected row
		 * (a warning when rows are skipped) as much as an error. */
		for (size_t k = 0; k < t->problems.len; k++) {
			const diag *d = t->problems.items[k];
			if (!(used && used[k]))
				fail(p, t, d->span.file ? d->span : mt->name.span,
				     "no problem in the data",
				     d->at_file
				     ? arena_printf(p->arena, "%s:%u:%u: %s [%s]", d->at_file,
						    d->at_line, d->at_col, d->message, d->id)
				     : arena_printf(p->arena, "%s [%s]", d->message, d->id));
		}
		free(used);
		free(also);
		eval_result_free(&r);
	}
	for (size_t i = 0; i < ntmp; i++)
		unlink(tmp[i].path);
	free(tmp);
	free(bind);
	(void)m;
	t->passed = ok && !t->failures.len;
	return ok;
}

bool suite_run(program *p, const suite_options *o, ptr_vec *out)
{
	const model *m = p->model;
	for (size_t i = 0; i < m->tests.len; i++) {
		const m_test *mt = m->tests.items[i];
		if (o->only && !strstr(mt->name.s, o->only))
			continue;
		suite_test *t = arena_alloc(p->arena, sizeof *t);
		t->test = mt;
		t->span = mt->name.span;
		ptr_vec_push(p->arena, out, t);
		if (!run_one(p, mt, o, t))
			return false;
	}
	return true;
}
