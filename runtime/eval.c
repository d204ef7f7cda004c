/* eval.c - one evaluation run; see eval.h. */
#include "eval.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sort.h"


/* Where a dataset's default path is found: beside the declaring file. */
static const char *default_path(program *p, const m_dataset *ds)
{
	return ds->path ? program_path_beside(p, ds->name.span.file, ds->path) : NULL;
}

/* Marks a dataset needed, with everything its columns refer to. */
static void need(const model *m, bool *needed, const m_dataset *ds)
{
	size_t i = dataset_index(m, ds);
	if (needed[i])
		return;
	needed[i] = true;
	for (size_t c = 0; c < ds->columns.len; c++) {
		const m_column *col = ds->columns.items[c];
		if (col->ref == REF_DATASET)
			need(m, needed, col->ref_dataset);
	}
}

/* Datasets named anywhere in an expression. */
static void need_expr(const model *m, bool *needed, bool *as_table,
		      const ast_expr *e)
{
	if (!e)
		return;
	if (e->kind == EXPR_NAME) {
		for (size_t i = 0; i < m->datasets.len; i++) {
			const m_dataset *ds = m->datasets.items[i];
			if (ds->name.s == e->name.s) {
				need(m, needed, ds);
				as_table[i] = true;
			}
		}
	}
	need_expr(m, needed, as_table, e->a);
	need_expr(m, needed, as_table, e->b);
	need_expr(m, needed, as_table, e->c);
	for (size_t i = 0; i < e->args.len; i++)
		need_expr(m, needed, as_table, e->args.items[i]);
}

static bool is_ratings(const model *m, const m_dataset *ds)
{
	for (size_t i = 0; i < m->assessments.len; i++)
		if (((m_assessment *)m->assessments.items[i])->ratings == ds)
			return true;
	return false;
}

/* Loads dataset i after the ones it refers to; `state` 1 = loading. */
static bool load_one(eval_result *r, load_ctx *lc, size_t i, int *state,
		     const bool *needed, const bool *as_table)
{
	const model *m = r->model;
	m_dataset *ds = m->datasets.items[i];
	if (state[i] == 2 || !r->paths[i])
		return true;
	if (state[i] == 1) {
		diag_error(lc->diags, ds->name.span, "reference-cycle",
			   "data '%s' refers to itself through its columns", ds->name.s);
		return false;
	}
	state[i] = 1;
	bool ok = true;
	for (size_t c = 0; c < ds->columns.len; c++) {
		const m_column *col = ds->columns.items[c];
		if (col->ref == REF_DATASET)
			ok = load_one(r, lc, dataset_index(m, col->ref_dataset), state,
				      needed, as_table) && ok;
	}
	state[i] = 2;
	if (!ok)
		return false;
	if (!needed[i])
		return true; /* nothing uses it and the command line did not bind it */
	/* Ratings are read by their assessment (see eval_run). */
	if (is_ratings(m, ds))
		return true;
	r->loaded[i] = true;
	lc->shown = r->paths[i];
	return load_table(lc, ds, r->opened[i], NULL, NULL, &r->stats[i]) != NULL;
}

static cert_result *cert_get(void *ud, size_t ix);

void eval_env_init(eval_result *r, eval_env *env)
{
	memset(env, 0, sizeof *env);
	env->model = r->model;
	env->tables = r->tables;
	env->as_of = r->as_of;
	env->has_as_of = r->has_as_of;
	env->runs = r->runs;
	env->cards = r->cards;
	env->rule_results = r->rules;
	env->subject_cache = r->subject_cache;
	env->subject_known = r->subject_known;
	env->cert_get = cert_get;
	env->cert_ud = r;
}

/* cert_get for eval_env: computes a certification on first use. */
static cert_result *cert_get(void *ud, size_t ix)
{
	eval_result *r = ud;
	cert_result *c = &r->certs[ix];
	if (c->state == 2)
		return c;
	if (c->state == 1)
		return NULL; /* the checker refuses cycles; never reached */
	c->state = 1;
	eval_env env;
	eval_env_init(r, &env);
	const m_certification *cert = r->model->certifications.items[ix];
	if (!cert_evaluate(c, r->arena, cert, &env)) {
		diag_error(&r->program->diags, env.error ? env.error_span : cert->span,
			   "eval-error", "certification '%s': %s", cert->name.s,
			   env.error ? env.error : "a certification it needs failed");
		return NULL;
	}
	c->state = 2;
	return c;
}


typedef struct by_points {
	const match_result *m;
	size_t post;
} by_points;

static int cmp_by_points(const void *a, const void *b, void *ctx)
{
	const by_points *p = ctx;
	size_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	const num *tot = p->m->total + p->post * p->m->ncands;
	const bool *full = p->m->complete + p->post * p->m->ncands;
	if (full[x] != full[y])
		return full[x] ? -1 : 1; /* candidates missing points come last */
	int c = num_cmp(tot[y], tot[x]); /* highest first */
	if (c)
		return c;
	return eval_compare(table_key(p->m->candidates, x), table_key(p->m->candidates, y));
}

static bool eval_match(eval_result *r, match_result *mr, const m_match *mt,
		       diag_list *diags)
{
	arena *a = r->arena;
	const model *m = r->model;
	mr->match = mt;
	mr->posts = r->tables[dataset_index(m, mt->posts)];
	mr->candidates = r->tables[dataset_index(m, mt->candidates)];
	mr->nposts = mr->posts->nrows;
	mr->ncands = mr->candidates->nrows;
	mr->npoints = mt->points.len;
	size_t pairs = mr->nposts * mr->ncands;
	mr->points = arena_alloc(a, (pairs * mr->npoints + 1) * sizeof *mr->points);
	mr->total = arena_alloc(a, (pairs + 1) * sizeof *mr->total);
	mr->complete = arena_alloc(a, (pairs + 1) * sizeof *mr->complete);
	mr->ranked = arena_alloc(a, (pairs + 1) * sizeof *mr->ranked);
	mr->post_order = eval_rows_by_key(a, mr->posts);
	eval_env env;
	eval_env_init(r, &env);
	env.row_table = env.subject_table = mr->candidates;
	env.post_table = mr->posts;
	for (size_t p = 0; p < mr->nposts; p++) {
		env.post_row = p;
		for (size_t c = 0; c < mr->ncands; c++) {
			env.row = env.subject_row = c;
			num total = num_int(0);
			bool complete = true;
			for (size_t k = 0; k < mr->npoints; k++) {
				const m_points *pt = mt->points.items[k];
				val v = eval_expr(&env, pt->expr);
				mr->points[(p * mr->ncands + c) * mr->npoints + k] = v;
				if (env.error)
					break;
				if (v.kind != VAL_NUM) {
					complete = false;
					continue;
				}
				if (num_add(total, v.u.n, &total) != NUM_OK) {
					env.error = "the points add up to more than can be held exactly";
					env.error_span = pt->span;
				}
			}
			if (env.error) {
				diag_error(diags, env.error_span, "eval-error", "match '%s': %s",
					   mt->name.s, env.error);
				return false;
			}
			mr->total[p * mr->ncands + c] = total;
			mr->complete[p * mr->ncands + c] = complete;
			mr->ranked[p * mr->ncands + c] = (uint32_t)c;
		}
		by_points bp = {mr, p};
		sort_stable(mr->ranked + p * mr->ncands, mr->ncands, sizeof *mr->ranked,
			    cmp_by_points, &bp);
	}
	return true;
}

/* The rule's value at slot k, and the sides of its comparison. */
static void rule_value_at(eval_env *env, rule_result *rr, size_t k)
{
	const ast_expr *e = rr->rule->decl->expr;
	rr->values[k] = eval_expr(env, e);
	if (rr->left) {
		rr->left[k] = eval_expr(env, e->a);
		rr->right[k] = eval_expr(env, e->b);
	}
}

static void rule_slots(arena *a, rule_result *rr, size_t n)
{
	if (!n)
		n = 1;
	rr->values = arena_alloc(a, n * sizeof *rr->values);
	if (expr_is_comparison(rr->rule->decl->expr)) {
		rr->left = arena_alloc(a, n * sizeof *rr->left);
		rr->right = arena_alloc(a, n * sizeof *rr->right);
	}
}

static bool eval_rules(eval_result *r, diag_list *diags)
{
	const model *m = r->model;
	r->nrules = m->rules.len;
	r->rules = arena_alloc(r->arena, (r->nrules ? r->nrules : 1) *
			       sizeof *r->rules);
	val *cache = arena_alloc(r->arena, (r->nrules + 1) * sizeof *cache);
	bool *known = arena_alloc(r->arena, (r->nrules + 1) * sizeof *known);
	bool ok = true;
	for (size_t i = 0; i < m->rules.len; i++) {
		const m_rule *rule = m->rules.items[i];
		rule_result *rr = &r->rules[i];
		rr->rule = rule;
		eval_env env;
		eval_env_init(r, &env);
		env.rule_values = cache;
		env.rule_known = known;
		if (rule->subject_dataset) {
			/* once per subject, in key order */
			const table *t = r->tables[dataset_index(m, rule->subject_dataset)];
			uint32_t *rows = eval_rows_by_key(r->arena, t);
			size_t n = t->nrows;
			rr->keys = arena_alloc(r->arena, (n ? n : 1) * sizeof *rr->keys);
			rule_slots(r->arena, rr, n);
			env.subject_table = t;
			if (rule->each_row) {
				env.row_table = t;
				env.each = rule->decl->each.s;
			}
			for (size_t k = 0; k < n && !env.error; k++) {
				env.row = env.subject_row = rows[k];
				env.each_val = table_key(t, rows[k]);
				rr->keys[rr->n] = env.each_val;
				rule_value_at(&env, rr, rr->n++);
			}
		} else if (!rule->decl->each.s) {
			rr->n = 1;
			rule_slots(r->arena, rr, 1);
			rule_value_at(&env, rr, 0);
		} else {
			/* The rows with a group value, sorted by it: each group is
			 * then one run of rows, evaluated over only those. */
			const table *t = r->tables[dataset_index(m, rule->group_dataset)];
			size_t gc = column_index(rule->group_dataset, rule->group_column);
			uint32_t *rows = arena_alloc(r->arena,
						     (t->nrows ? t->nrows : 1) * sizeof *rows);
			size_t n = 0;
			for (size_t row = 0; row < t->nrows; row++) {
				val k = t->cells[row * t->ncols + gc];
				if (k.kind != VAL_NONE && k.kind != VAL_NA)
					rows[n++] = (uint32_t)row;
			}
			eval_sort_rows(t, gc, rows, n);
			val *keys = arena_alloc(r->arena, (n ? n : 1) * sizeof *keys);
			rule_slots(r->arena, rr, n);
			rr->keys = keys;
			env.each = rule->decl->each.s;
			env.group_table = t;
			for (size_t start = 0, end; start < n && !env.error; start = end) {
				val key = t->cells[rows[start] * t->ncols + gc];
				for (end = start + 1; end < n &&
				     eval_compare(t->cells[rows[end] * t->ncols + gc], key) == 0; end++)
					;
				env.each_val = key;
				env.group_rows = rows + start;
				env.group_nrows = end - start;
				keys[rr->n] = key;
				rule_value_at(&env, rr, rr->n++);
			}
		}
		if (env.error) {
			diag_error(diags, env.error_span, "eval-error", "rule '%s': %s",
				   rule->decl->name.s, env.error);
			ok = false;
		}
	}
	return ok;
}

int eval_run(program *p, const eval_options *o, eval_result *out)
{
	memset(out, 0, sizeof *out);
	model *m = p->model;
	/* Everything of the run lives in its own arena, freed with the result:
	 * a program can be evaluated many times (rubric test). */
	arena *a = out->arena = arena_new();
	if (!a) {
		diag_error(&p->diags, (src_span){0, 0, 0}, "cannot-read",
			   "out of memory");
		return EVAL_IO_ERRORS;
	}
	out->program = p;
	out->model = m;
	out->as_of = o->as_of;
	out->has_as_of = o->has_as_of;
	out->skip_bad_rows = o->skip_bad_rows;
	out->rejects_path = o->rejects_path;
	size_t nds = m->datasets.len ? m->datasets.len : 1;
	out->tables = arena_alloc(a, nds * sizeof *out->tables);
	out->paths = arena_alloc(a, nds * sizeof *out->paths);
	out->opened = arena_alloc(a, nds * sizeof *out->opened);
	out->stats = arena_alloc(a, nds * sizeof *out->stats);
	out->loaded = arena_alloc(a, nds * sizeof *out->loaded);
	out->bound = arena_alloc(a, nds * sizeof *out->bound);
	bool *needed = arena_alloc(a, nds * sizeof *needed);
	bool *as_table = arena_alloc(a, nds * sizeof *as_table);
	int *state = arena_alloc(a, nds * sizeof *state);

	/* Bindings: the command line first, then declared default paths. */
	for (size_t b = 0; b < o->ndata; b++) {
		size_t i = 0;
		while (i < m->datasets.len &&
		       strcmp(((m_dataset *)m->datasets.items[i])->name.s, o->data[b].name))
			i++;
		if (i == m->datasets.len) {
			const char **names = arena_alloc(a, nds * sizeof *names);
			for (size_t k = 0; k < m->datasets.len; k++)
				names[k] = ((m_dataset *)m->datasets.items[k])->name.s;
			diag *d = diag_error(&p->diags, (src_span){0, 0, 0}, "unknown-data",
					     "--data %s: the rules declare no data '%s'",
					     o->data[b].name, o->data[b].name);
			const char *near = diag_nearest(o->data[b].name, names, m->datasets.len);
			if (near)
				diag_hint(&p->diags, d, "did you mean '%s'?", near);
			continue;
		}
		out->paths[i] = o->data[b].shown ? o->data[b].shown : o->data[b].path;
		out->opened[i] = o->data[b].path;
		out->bound[i] = true;
		need(m, needed, m->datasets.items[i]);
	}
	for (size_t i = 0; i < m->assessments.len; i++) {
		m_assessment *as = m->assessments.items[i];
		for (size_t j = 0; j < as->develops.len; j++)
			need_expr(m, needed, as_table, ((m_develop *)as->develops.items[j])->when);
		need(m, needed, as->ratings);
		if (o->keep_ratings && !o->keep_subject)
			as_table[dataset_index(m, as->ratings)] = true;
		if (as->subjects) {
			need(m, needed, as->subjects);
			as_table[dataset_index(m, as->subjects)] = true;
		}
	}
	for (size_t i = 0; i < m->scorecards.len; i++) {
		m_scorecard *card = m->scorecards.items[i];
		if (card->data) {
			need(m, needed, card->data);
			as_table[dataset_index(m, card->data)] = true;
		}
	}
	for (size_t i = 0; i < m->rules.len; i++) {
		const m_rule *rule = m->rules.items[i];
		need_expr(m, needed, as_table, rule->decl->expr);
		need_expr(m, needed, as_table, rule->decl->group);
		if (rule->subject_dataset) {
			need(m, needed, rule->subject_dataset);
			as_table[dataset_index(m, rule->subject_dataset)] = true;
		}
	}
	for (size_t i = 0; i < o->nalso; i++)
		need_expr(m, needed, as_table, o->also[i]);
	for (size_t i = 0; i < m->certifications.len; i++) {
		const m_certification *cert = m->certifications.items[i];
		need(m, needed, cert->subjects);
		as_table[dataset_index(m, cert->subjects)] = true;
		for (int pass = 0; pass < 2; pass++) {
			const ptr_vec *cls = pass ? &cert->renewal : &cert->clauses;
			for (size_t k = 0; k < cls->len; k++) {
				const m_clause *cl = cls->items[k];
				if (cl->ev.dataset) {
					need(m, needed, cl->ev.dataset);
					as_table[dataset_index(m, cl->ev.dataset)] = true;
					need_expr(m, needed, as_table, cl->ev.where);
				}
				need_expr(m, needed, as_table, cl->expr);
			}
		}
	}
	for (size_t i = 0; i < m->matches.len; i++) {
		const m_match *mt = m->matches.items[i];
		const m_dataset *both[] = {mt->candidates, mt->posts};
		for (size_t k = 0; k < 2; k++) {
			need(m, needed, both[k]);
			as_table[dataset_index(m, both[k])] = true;
		}
		for (size_t k = 0; k < mt->points.len; k++)
			need_expr(m, needed, as_table, ((m_points *)mt->points.items[k])->expr);
	}
	for (size_t i = 0; i < m->datasets.len; i++) {
		m_dataset *ds = m->datasets.items[i];
		if (!out->paths[i])
			out->paths[i] = out->opened[i] = default_path(p, ds);
		if (needed[i] && !out->paths[i]) {
			diag *d = diag_error(&p->diags, ds->name.span, "no-data",
					     "data '%s' is needed but no file is given",
					     ds->name.s);
			diag_hint(&p->diags, d, "give --data %s=FILE, or declare "
				  "'path \"FILE\"' in the data declaration", ds->name.s);
		}
	}
	if (p->diags.errors)
		return EVAL_IO_ERRORS;

	/* Rejected rows go to a file written whole, committed by the caller
	 * once the report is written too (eval_commit_rejects); it must not
	 * be one of the inputs. */
	FILE *rejects = NULL;
	if (o->skip_bad_rows && o->rejects_path) {
		for (size_t i = 0; i < m->datasets.len; i++)
			if (out->paths[i] && outfile_same(o->rejects_path, out->opened[i])) {
				diag_error(&p->diags, (src_span){0, 0, 0}, "cannot-write",
					   "the rejects file '%s' is the data file of '%s': "
					   "it would be overwritten", o->rejects_path,
					   ((m_dataset *)m->datasets.items[i])->name.s);
				return EVAL_IO_ERRORS;
			}
		for (size_t i = 1; i < p->srcs.len; i++) {
			const src_file *f = p->srcs.files[i];
			if (f->path && outfile_same(o->rejects_path, f->path)) {
				diag_error(&p->diags, (src_span){0, 0, 0}, "cannot-write",
					   "the rejects file '%s' is the rule file '%s': it "
					   "would be overwritten", o->rejects_path, f->name);
				return EVAL_IO_ERRORS;
			}
		}
		if (!outfile_open(&out->rejects, o->rejects_path)) {
			diag_error(&p->diags, (src_span){0, 0, 0}, "cannot-write",
				   "cannot write '%s': %s", o->rejects_path, strerror(errno));
			return EVAL_IO_ERRORS;
		}
		rejects = out->rejects.f;
		fputs("dataset,file,line,reasons,record\n", rejects);
	}
	load_ctx lc = {0};
	lc.arena = a;
	lc.model = m;
	lc.diags = &p->diags;
	lc.skip_bad_rows = o->skip_bad_rows;
	lc.threads = o->threads;
	lc.split_min = o->split_min;
	lc.rejects = rejects;
	if (o->keep_rejects)
		lc.rejected = &out->rejected;
	lc.tables = out->tables;
	bool ok = true;
	for (size_t i = 0; i < m->datasets.len; i++)
		ok = load_one(out, &lc, i, state, needed, as_table) && ok;

	/* Assessments: stream (or feed) the ratings, then score. */
	static const load_parts assess_parts = {assess_fork, assess_join, assess_drop};
	out->nruns = m->assessments.len;
	out->runs = arena_alloc(a, (out->nruns ? out->nruns : 1) * sizeof *out->runs);
	for (size_t i = 0; i < m->assessments.len && ok; i++) {
		m_assessment *as = m->assessments.items[i];
		size_t si = dataset_index(m, as->subjects), ri = dataset_index(m, as->ratings);
		assess_run *run = &out->runs[i];
		assess_init(run, a, m, as, out->tables[si]);
		run->threads = o->threads;
		/* Streamed into the assessment; kept too when a rule reads them. */
		out->loaded[ri] = true;
		lc.shown = out->paths[ri];
		if (as_table[ri])
			ok = load_table(&lc, as->ratings, out->opened[ri], assess_add_row,
					run, &out->stats[ri]) != NULL && ok;
		else if (o->keep_ratings && o->keep_subject)
			ok = load_stream_where(&lc, as->ratings, out->opened[ri],
					       assess_add_row, run, &assess_parts,
					       run->col_subject, o->keep_subject,
					       &out->stats[ri]) != NULL && ok;
		else
			ok = load_stream(&lc, as->ratings, out->opened[ri], assess_add_row,
					 run, &assess_parts, &out->stats[ri]) && ok;
		run->ratings = out->stats[ri];
		if (!ok)
			break;
		eval_env env = {0};
		env.model = m;
		env.tables = out->tables;
		env.as_of = o->as_of;
		env.has_as_of = o->has_as_of;
		if (!assess_finish(run, &env, &p->diags)) {
			if (env.error)
				diag_error(&p->diags, env.error_span, "eval-error", "%s",
					   env.error);
			else
				diag_error(&p->diags, as->span, "eval-error", "%s", run->error);
			ok = false;
		}
	}
	/* Scorecards, over their measures tables. */
	out->ncards = m->scorecards.len;
	out->cards = arena_alloc(a, (out->ncards ? out->ncards : 1) * sizeof *out->cards);
	for (size_t i = 0; i < m->scorecards.len && ok; i++) {
		m_scorecard *card = m->scorecards.items[i];
		const table *t = card->data ? out->tables[dataset_index(m, card->data)] : NULL;
		sc_evaluate(&out->cards[i], a, m, card, t, o->has_as_of, o->as_of,
			    m->round_places, m->round_mode, &p->diags);
		if (out->cards[i].error) {
			diag_error(&p->diags, card->name.span, "eval-error",
				   "scorecard '%s': %s", card->name.s, out->cards[i].error);
			ok = false;
		}
	}
	/* The values of rules per subject, computed once each. */
	size_t nr = m->rules.len ? m->rules.len : 1;
	out->subject_cache = arena_alloc(a, nr * sizeof *out->subject_cache);
	out->subject_known = arena_alloc(a, nr * sizeof *out->subject_known);
	for (size_t i = 0; i < m->rules.len && ok; i++) {
		const m_rule *rule = m->rules.items[i];
		const table *t = rule->subject_dataset
			? out->tables[dataset_index(m, rule->subject_dataset)] : NULL;
		if (!t)
			continue;
		size_t n = t->nrows ? t->nrows : 1;
		out->subject_cache[i] = arena_alloc(a, n * sizeof **out->subject_cache);
		out->subject_known[i] = arena_alloc(a, n * sizeof **out->subject_known);
	}
	/* Certifications (each on first use: one may need another), then
	 * rules and matches, which may use them. */
	out->ncerts = m->certifications.len;
	out->certs = arena_alloc(a, (out->ncerts ? out->ncerts : 1) * sizeof *out->certs);
	if (ok && out->ncerts && !o->has_as_of) {
		diag *d = diag_error(&p->diags, ((m_certification *)m->certifications.items[0])->span,
				     "eval-error", "certifications are judged as of a date: "
				     "give it with --as-of");
		diag_hint(&p->diags, d, "for example: --as-of 2024-12-31");
		ok = false;
	}
	for (size_t i = 0; i < out->ncerts && ok; i++)
		ok = cert_get(out, i) != NULL;
	if (ok)
		ok = eval_rules(out, &p->diags);
	out->nmatches = m->matches.len;
	out->matches = arena_alloc(a, (out->nmatches ? out->nmatches : 1) *
				   sizeof *out->matches);
	for (size_t i = 0; i < out->nmatches && ok; i++)
		ok = eval_match(out, &out->matches[i], m->matches.items[i], &p->diags);
	if (rejects && (!ok || lc.io_error))
		outfile_abort(&out->rejects);
	if (lc.io_error)
		return EVAL_IO_ERRORS;
	if (!ok)
		return EVAL_DATA_ERRORS;
	return EVAL_OK;
}

bool eval_commit_rejects(eval_result *r)
{
	return !r->rejects.f || outfile_commit(&r->rejects);
}

void eval_result_free(eval_result *r)
{
	outfile_abort(&r->rejects); /* never committed: leave no file */
	for (size_t i = 0; i < r->nruns; i++)
		assess_free(&r->runs[i]);
	r->nruns = 0;
	arena_free(r->arena);
	r->arena = NULL;
}
