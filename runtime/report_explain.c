/*
 * report_explain.c - `rubric explain`: the derivation of one result, in
 * domain terms and in order, each step with the rule behind it.
 *
 * An explanation is built as a list of steps (depth, label, text, the
 * rule's place), then written as indented text or as JSON, so both say the
 * same thing.  It reads the results an evaluation already computed and the
 * loaded rows; it recomputes nothing that could disagree with `eval`,
 * except the arithmetic it shows, which is the same exact arithmetic.
 */
#include "report_int.h"

#include <stdarg.h>
#include <string.h>

typedef struct step {
	int depth;
	const char *label;
	const char *text;
	src_span at;          /* the rule behind the step; file 0: none */
} step;

typedef struct ex {
	writer *w;
	ptr_vec steps;
} ex;

static const src_span NOWHERE = {0, 0, 0};

__attribute__((format(printf, 5, 6)))
static void add(ex *x, int depth, src_span at, const char *label, const char *fmt, ...)
{
	step *s = arena_alloc(x->w->a, sizeof *s);
	s->depth = depth;
	s->label = label;
	s->at = at;
	va_list ap;
	va_start(ap, fmt);
	s->text = arena_vprintf(x->w->a, fmt, ap);
	va_end(ap);
	ptr_vec_push(x->w->a, &x->steps, s);
}


/* The exact value, and its rounded form when that differs: 157/45 = 3.4889. */
static const char *exact_and_shown(writer *w, num n)
{
	const char *e = rp_fmt_exact(w, n);
	const char *s = rp_fmt_places(w, n, w->places);
	/* 4 and 4.00 say the same; 157/45 and 3.49 do not */
	num shown;
	char buf[NUM_FMT_MAX];
	if (num_round(n, w->places, w->mode, &shown) == NUM_OK && num_eq(shown, n))
		return e;
	(void)buf;
	return arena_printf(w->a, "%s = %s", e, s);
}

/* Weights and shares as exact percentages: 10%, 13.333...% as a fraction. */
static const char *pct_of(writer *w, num n)
{
	const char *p = rp_fmt_pct(w, n);
	if (!strchr(p, '/'))
		return p;
	num h;
	if (num_mul(n, num_int(100), &h) != NUM_OK)
		return p;
	return arena_printf(w->a, "%s%% (exactly %s)", rp_fmt_places(w, h, w->places),
			    rp_fmt_exact(w, n));
}


/* "lines 4, 9 and 12" of a table's rows. */
static const char *lines_of(writer *w, const table *t, const uint32_t *rows, size_t n)
{
	if (!n)
		return "no rows";
	const char *s = "";
	size_t shown = n > 20 ? 20 : n;
	for (size_t i = 0; i < shown; i++)
		s = arena_printf(w->a, "%s%s%u", s, i == 0 ? "" : i + 1 == n ? " and " : ", ",
				 t->lines[rows[i]]);
	if (n > shown)
		s = arena_printf(w->a, "%s and %zu more", s, n - shown);
	return arena_printf(w->a, "%s line%s %s", t->path, n == 1 ? "" : "s", s);
}

/* ---- a 360-degree score ---------------------------------------------------- */

static bool same_text(val v, const char *s)
{
	return (v.kind == VAL_TEXT || v.kind == VAL_REF) && strlen(s) == v.len &&
	       !memcmp(v.s, s, v.len);
}

static void explain_score(ex *x, const assess_run *run, size_t s, size_t c)
{
	writer *w = x->w;
	const m_assessment *as = run->as;
	const m_competency *k = as->framework->competencies.items[c];
	const comp_result *cr = assess_comp(run, s, c);
	val key = table_key(run->subjects, s);
	const char *who = arena_strndup(w->a, key.s, key.len);
	add(x, 0, k->name.span, arena_printf(w->a, "%s / %s", who, k->name.s),
	    "%s in assessment %s", cr->has_score
	    ? arena_printf(w->a, "score %s", exact_and_shown(w, cr->score))
	    : "no score", as->name.s);

	/* The rows used, per relation, when the ratings were kept. */
	const table *rt = w->r->tables[dataset_index(w->r->model, as->ratings)];
	add(x, 1, as->span, "ratings", "%s", rt
	    ? arena_printf(w->a, "from %s, by relation", rt->path)
	    : "by relation");
	/* The subject's rows on this competency, found in one pass; each
	 * relation's are picked out of them below. */
	uint32_t *mine = NULL;
	size_t nmine = 0;
	if (rt) {
		mine = arena_alloc(w->a, (rt->nrows ? rt->nrows : 1) * sizeof *mine);
		for (size_t r = 0; r < rt->nrows; r++) {
			const val *row = &rt->cells[r * rt->ncols];
			if (row[run->col_subject].kind == VAL_REF &&
			    row[run->col_subject].u.ref == (int32_t)s &&
			    same_text(row[run->col_competency], k->name.s))
				mine[nmine++] = (uint32_t)r;
		}
	}
	num wsum = num_int(0), acc = num_int(0);
	const char *terms = "", *wterms = "";
	bool any = false;
	for (size_t rel = 0; rel < run->nrel; rel++) {
		const m_relation *mr = as->relations.items[rel];
		const rel_cell cell_ = assess_cell(run, s, c, rel), *cell = &cell_;
		rel_status st = assess_rel_status(run, cell, rel);
		const char *rows = "";
		if (nmine) {
			uint32_t *hits = arena_alloc(w->a, nmine * sizeof *hits);
			size_t n = 0;
			for (size_t i = 0; i < nmine; i++)
				if (run->col_relation == (size_t)-1 || /* one relation */
				    same_text(rt->cells[mine[i] * rt->ncols + run->col_relation],
					      mr->name.s))
					hits[n++] = mine[i];
			if (n)
				rows = arena_printf(w->a, "; %s", lines_of(w, rt, hits, n));
		}
		const char *na = cell->na ? arena_printf(w->a, ", %u answer%s not applicable "
							 "(not counted)", cell->na,
							 cell->na == 1 ? "" : "s") : "";
		if (st == REL_MISSING)
			add(x, 2, mr->name.span, arena_printf(w->a, "relation %s", mr->name.s),
			    "no rater%s%s; weight %s %s", na, rows, pct_of(w, mr->weight),
			    as->missing == MISSING_ZERO ? "counted as 0 (missing zero)"
			    : "left out");
		else if (st == REL_WITHHELD)
			add(x, 2, mr->name.span, arena_printf(w->a, "relation %s", mr->name.s),
			    "%u rater%s: withheld, fewer than the minimum %d%s%s", cell->raters,
			    cell->raters == 1 ? "" : "s", mr->minimum, na, rows);
		if (st != REL_PRESENT) {
			/* Not shown: under 'missing zero' it counts as 0 at its weight. */
			if (as->missing == MISSING_ZERO) {
				num_add(wsum, mr->weight, &wsum);
				wterms = arena_printf(w->a, "%s%s%s", wterms, *wterms ? " + " : "",
						      pct_of(w, mr->weight));
				terms = arena_printf(w->a, "%s%s0 × %s", terms, *terms ? " + " : "",
						     pct_of(w, mr->weight));
			}
			continue;
		}
		num mean, term;
		assess_cell_mean(run, cell, &mean);
		num_mul(mean, mr->weight, &term);
		num_add(acc, term, &acc);
		num_add(wsum, mr->weight, &wsum);
		any = true;
		add(x, 2, mr->name.span, arena_printf(w->a, "relation %s", mr->name.s),
		    "%u rater%s, sum %s, mean %s, weight %s%s%s", cell->raters,
		    cell->raters == 1 ? "" : "s", rp_fmt_exact(w, assess_cell_sum(run, cell)), exact_and_shown(w, mean),
		    pct_of(w, mr->weight), na, rows);
		terms = arena_printf(w->a, "%s%s%s × %s", terms, *terms ? " + " : "",
				     rp_fmt_exact(w, mean), pct_of(w, mr->weight));
		wterms = arena_printf(w->a, "%s%s%s", wterms, *wterms ? " + " : "",
				      pct_of(w, mr->weight));
	}
	/* Rows of this subject and competency that were rejected (with
	 * --skip-bad-rows): they count nowhere. */
	for (size_t i = 0; i < w->r->rejected.len; i++) {
		const load_reject *rj = w->r->rejected.items[i];
		if (rj->dataset != as->ratings)
			continue;
		const char *who_f = rj->fields[run->col_subject];
		const char *comp_f = rj->fields[run->col_competency];
		if (!who_f || !comp_f || strcmp(who_f, who) || strcmp(comp_f, k->name.s))
			continue;
		const char *rel_f = run->col_relation == (size_t)-1 ? NULL
				    : rj->fields[run->col_relation];
		add(x, 2, NOWHERE, "rejected", "%s line %u%s%s: %s", rj->path, rj->line,
		    rel_f ? ", relation " : "", rel_f ? rel_f : "", rj->why);
	}
	if (!any) {
		add(x, 1, as->span, "score", "no relation is shown, so there is no score");
		return;
	}
	/* Weights and renormalisation. */
	if (num_cmp(wsum, num_int(1)) != 0) {
		const char *scaled = "";
		for (size_t rel = 0; rel < run->nrel; rel++) {
			const m_relation *mr = as->relations.items[rel];
			const rel_cell cell_ = assess_cell(run, s, c, rel), *cell = &cell_;
			if (assess_rel_status(run, cell, rel) != REL_PRESENT &&
			    as->missing != MISSING_ZERO)
				continue;
			num share;
			num_div(mr->weight, wsum, &share);
			scaled = arena_printf(w->a, "%s%s%s %s", scaled, *scaled ? ", " : "",
					      mr->name.s, pct_of(w, share));
		}
		add(x, 1, as->span, "weights", "the weights of the relations %s add "
		    "up to %s = %s, so they are scaled to 100%% ('missing %s'): %s",
		    as->missing == MISSING_ZERO ? "declared" : "shown", wterms,
		    pct_of(w, wsum), as->missing == MISSING_ZERO ? "zero" : "renormalize",
		    scaled);
	} else {
		add(x, 1, as->span, "weights", "%s = 100%%", wterms);
	}
	add(x, 1, as->span, "score", "(%s) / %s = %s", terms, pct_of(w, wsum),
	    exact_and_shown(w, cr->score));
	add(x, 1, NOWHERE, "rounding", "shown as %s: %d place%s, %s", rp_fmt_places(w,
	    cr->score, w->places), w->places, w->places == 1 ? "" : "s",
	    num_round_mode_name(w->mode));
	if (cr->has_self_diff)
		add(x, 1, as->span, "self", "self minus the others' weighted mean: %s%s",
		    exact_and_shown(w, assess_self_diff(run, s, c)), cr->flag == SELF_BLIND_SPOT
		    ? " (a blind spot)" : cr->flag == SELF_HIDDEN_STRENGTH
		    ? " (a hidden strength)" : "");
	/* The requirement. */
	const subject_result *sr = &run->subj[s];
	if (cr->not_applicable) {
		add(x, 1, NOWHERE, "requirement", "not applicable in profile %s",
		    ((m_profile *)w->r->model->profiles.items[sr->profile])->name.s);
		return;
	}
	if (!cr->has_required) {
		add(x, 1, NOWHERE, "requirement", sr->profile >= 0
		    ? "the subject's profile does not require it" : "the subject has no profile");
		return;
	}
	const m_profile *pr = w->r->model->profiles.items[sr->profile];
	src_span req_at = NOWHERE;
	for (size_t i = 0; i < pr->requirements.len; i++) {
		const m_requirement *q = pr->requirements.items[i];
		if (q->competency == k || !q->competency)
			req_at = q->span;
	}
	num diff, required = assess_required(run, s, c), gap = assess_gap(run, s, c);
	num_sub(cr->score, required, &diff);
	add(x, 1, req_at, "requirement", "profile %s requires %s %s %s: %s", pr->name.s,
	    k->name.s, expr_op_text((expr_op)cr->cmp), rp_fmt_exact(w, required), cr->met
	    ? arena_printf(w->a, "met, by %s", exact_and_shown(w, diff))
	    : arena_printf(w->a, "not met, short by %s", exact_and_shown(w, gap)));
	if (cr->met)
		return;
	/* Why not: the smallest single change.  The score moves by
	 * weight/total for each point of a relation's mean; the relation with
	 * the largest weight needs the smallest move, if the scale allows it. */
	num need = gap;
	if (cr->cmp == OP_GT || num_sign(need) == 0)
		add(x, 1, NOWHERE, "why not", "the score must be more than %s",
		    rp_fmt_exact(w, required));
	else
		add(x, 1, NOWHERE, "why not", "+%s on the score", exact_and_shown(w, need));
	const m_scale *scale = k->scale;
	num top = scale && scale->levels.len
		? ((m_level *)scale->levels.items[scale->levels.len - 1])->value : num_int(0);
	const m_relation *best = NULL;
	num best_move = num_int(0), best_mean = num_int(0);
	for (size_t rel = 0; rel < run->nrel; rel++) {
		const m_relation *mr = as->relations.items[rel];
		const rel_cell cell_ = assess_cell(run, s, c, rel), *cell = &cell_;
		if (assess_rel_status(run, cell, rel) != REL_PRESENT)
			continue;
		num mean, move, to;
		if (!assess_cell_mean(run, cell, &mean) ||
		    num_mul(need, wsum, &move) != NUM_OK ||
		    num_div(move, mr->weight, &move) != NUM_OK ||
		    num_add(mean, move, &to) != NUM_OK)
			continue;
		if (scale && num_cmp(to, top) > 0)
			continue;
		if (!best || num_cmp(move, best_move) < 0) {
			best = mr;
			best_move = move;
			best_mean = mean;
		}
	}
	if (best) {
		num to;
		num_add(best_mean, best_move, &to);
		add(x, 2, best->name.span, "for example", "the %s mean from %s to %s (+%s)",
		    best->name.s, exact_and_shown(w, best_mean), exact_and_shown(w, to),
		    exact_and_shown(w, best_move));
	} else {
		add(x, 2, NOWHERE, "for example", "no single relation can make it up "
		    "within the scale; more relations must be shown or raised");
	}
}

/* ---- a certification for one subject ------------------------------------------ */

static const char *item_value(writer *w, const m_clause *cl, num v)
{
	return cl->kind == CLAUSE_EXAM && cl->pass_percent ? rp_fmt_pct(w, v) : rp_fmt_exact(w, v);
}

static void explain_evidence(ex *x, const cert_result *cr, size_t ci, size_t s)
{
	writer *w = x->w;
	const m_clause *cl = cr->clauses[ci];
	const cert_evidence *ev = &cr->evidence[ci];
	size_t lo = ev->start[s], hi = ev->start[s + 1];
	if (lo == hi) {
		add(x, 2, NOWHERE, cl->kind == CLAUSE_EXAM ? "attempts" : "credits",
		    "none in %s", ev->table->path);
		return;
	}
	for (size_t i = lo; i < hi; i++) {
		const cert_item *it = &ev->items[i];
		const char *note = "";
		if (cl->kind == CLAUSE_EXAM) {
			bool pass = num_cmp(it->value, cl->pass) >= 0;
			note = pass ? "passed" : "below the pass mark";
			if (pass && cl->has_valid) {
				cal_date until = cal_add_duration(it->date, cl->valid, 1);
				note = arena_printf(w->a, "passed, counts until %s", rp_date(w, until - 1));
			}
		} else if (it->category) {
			note = arena_printf(w->a, "%.*s", (int)it->category_len, it->category);
		}
		add(x, 2, NOWHERE, cl->kind == CLAUSE_EXAM ? "attempt" : "credit",
		    "%s: %s, %s (%s line %u)", rp_date(w, it->date), item_value(w, cl, it->value),
		    note, ev->table->path, ev->table->lines[it->row]);
	}
}

/* What would meet a failing requirement, where that is well defined. */
static const char *why_not(writer *w, const cert_failure *f)
{
	const m_clause *cl = f->clause;
	num d;
	switch (f->why) {
	case WHY_NO_ATTEMPT:
		return arena_printf(w->a, "an attempt scoring at least %s",
				    item_value(w, cl, cl->pass));
	case WHY_BELOW:
		if (num_sub(f->required, f->seen, &d) != NUM_OK)
			return NULL;
		if (f->cmp == OP_GT)
			return arena_printf(w->a, "more than %s (now %s)",
					    item_value(w, cl, f->required), item_value(w, cl, f->seen));
		if (cl->kind == CLAUSE_EXAM)
			return arena_printf(w->a, "+%s on the best attempt (an attempt of at "
					    "least %s)", item_value(w, cl, d),
					    item_value(w, cl, f->required));
		if (cl->kind == CLAUSE_CREDITS)
			return arena_printf(w->a, "+%s%s%s", rp_fmt_exact(w, d),
					    f->category ? " in " : "",
					    f->category ? f->category : cl->has_cap
					    ? " (after the yearly cap)" : "");
		return arena_printf(w->a, "+%s on the score", rp_fmt_exact(w, d));
	case WHY_ATTEMPTS_USED:
		return arena_printf(w->a, "none within this window: the %d attempts "
				    "allowed are used", cl->attempts);
	case WHY_PASS_EXPIRED:
		return arena_printf(w->a, "a new pass of at least %s",
				    item_value(w, cl, cl->pass));
	case WHY_NO_SCORE:
		return arena_printf(w->a, "a score in assessment %s", cl->assessment->name.s);
	case WHY_NOT_HELD:
		return arena_printf(w->a, "to hold certification %s", cl->name.s);
	case WHY_FALSE:
	case WHY_UNKNOWN:
		if (f->has_operands && f->left.kind == VAL_NUM && f->right.kind == VAL_NUM &&
		    num_sub(f->right.u.n, f->left.u.n, &d) == NUM_OK)
			return arena_printf(w->a, "the left side to move by %s%s",
					    num_sign(d) > 0 ? "+" : "", rp_fmt_exact(w, d));
		return "the condition to hold";
	}
	return NULL;
}

static void explain_cert(ex *x, const cert_result *cr, size_t s)
{
	writer *w = x->w;
	const m_certification *c = cr->cert;
	const cert_subject *cs = &cr->subj[s];
	val key = table_key(cr->subjects, s);
	add(x, 0, c->span, arena_printf(w->a, "%.*s / %s", (int)key.len, key.s, c->name.s),
	    "%s as of %s", cert_status_name((cert_status)cs->status),
	    rp_date(w, w->r->as_of));
	for (size_t ci = 0; ci < cr->nclauses; ci++) {
		const m_clause *cl = cr->clauses[ci];
		bool renewal = ci >= c->clauses.len;
		const char *label = arena_printf(w->a, "%s%s", renewal ? "renewal: " : "",
						 rp_cert_requirement(w, cl));
		switch (cl->kind) {
		case CLAUSE_EXAM:
			add(x, 1, cl->span, label, "pass at least %s%s%s",
			    item_value(w, cl, cl->pass),
			    cl->attempts ? arena_printf(w->a, ", first %d attempts", cl->attempts) : "",
			    cl->has_valid ? arena_printf(w->a, ", a pass counts for %s %s",
							 rp_fmt_exact(w, cl->valid.amount),
							 cal_unit_name(cl->valid.unit,
								       !num_eq(cl->valid.amount, num_int(1))))
			    : "");
			explain_evidence(x, cr, ci, s);
			break;
		case CLAUSE_CREDITS:
			add(x, 1, cl->span, label, "total %s %s%s%s", expr_op_text(cl->total_cmp),
			    rp_fmt_exact(w, cl->total),
			    cl->has_within ? arena_printf(w->a, " within %s %s",
							  rp_fmt_exact(w, cl->within.amount),
							  cal_unit_name(cl->within.unit, true)) : "",
			    cl->has_cap ? arena_printf(w->a, ", at most %s from one calendar year",
						       rp_fmt_exact(w, cl->cap)) : "");
			for (size_t k = 0; k < cl->minimums.len; k++) {
				const m_category_min *mn = cl->minimums.items[k];
				add(x, 2, mn->span, "category", "%s %s %s", mn->category,
				    expr_op_text(mn->cmp), rp_fmt_exact(w, mn->amount));
			}
			explain_evidence(x, cr, ci, s);
			break;
		case CLAUSE_COMPETENCE: {
			const assess_run *run = &w->r->runs[cl->assessment_ix];
			const comp_result *r = assess_comp(run, s, cl->competency_ix);
			add(x, 1, cl->span, label, "%s %s; the score is %s (rubric explain "
			    "--subject %.*s --competency %s shows how)", expr_op_text(cl->cmp),
			    rp_fmt_exact(w, cl->level), r->has_score ? exact_and_shown(w, r->score)
			    : "missing", (int)key.len, key.s, cl->name.s);
			break;
		}
		case CLAUSE_PREREQUISITE: {
			const cert_result *pre = NULL;
			for (size_t i = 0; i < w->r->ncerts; i++)
				if (w->r->certs[i].cert == cl->prerequisite)
					pre = &w->r->certs[i];
			const cert_subject *ps = pre ? &pre->subj[s] : NULL;
			add(x, 1, cl->span, label, "held first and throughout; it is %s%s",
			    ps ? cert_status_name((cert_status)ps->status) : "?",
			    ps && ps->has_since ? arena_printf(w->a, " (since %s)",
							       rp_date(w, ps->since)) : "");
			break;
		}
		case CLAUSE_CONDITION:
			add(x, 1, cl->span, label, "%s", cl->title ? cl->title : "a condition on the subject");
			break;
		}
	}
	/* The timeline. */
	if (cs->has_since && cs->status != CERT_NOT_CERTIFIED)
		add(x, 1, c->span, "certified", "on %s, the first day every requirement "
		    "held", rp_date(w, cs->since));
	if (cs->has_expires && cs->status != CERT_NOT_CERTIFIED)
		add(x, 1, c->span, cs->status == CERT_EXPIRED ? "expired" : "expires",
		    "%s%s", rp_date(w, cs->expires), c->has_valid
		    ? arena_printf(w->a, " (valid %s %s%s%s)", rp_fmt_exact(w, c->valid.amount),
				   cal_unit_name(c->valid.unit, !num_eq(c->valid.amount, num_int(1))),
				   c->valid_from_exam ? " from the first exam passed" : "",
				   cs->renewals ? arena_printf(w->a, "; renewed %u time%s, last on %s",
							       cs->renewals, cs->renewals == 1 ? "" : "s",
							       rp_date(w, cs->renewed)) : "")
		    : "");
	if (cs->has_grace_end && cs->status != CERT_NOT_CERTIFIED)
		add(x, 1, c->span, "grace", "held until %s while it may be renewed",
		    rp_date(w, cs->grace_end - 1));
	for (uint32_t f = 0; f < cs->nfailures; f++) {
		const cert_failure *fl = &cs->failures[f];
		/* what a new certification lacks is judged as of the date */
		add(x, 1, fl->clause->span, fl->again ? "to certify again"
		    : cs->renewal ? "not renewed" : "failing",
		    "%s: %s (judged on %s)", rp_cert_requirement(w, fl->clause),
		    rp_cert_reason(w, fl), rp_date(w, fl->again ? w->r->as_of : cs->day));
		const char *wn = why_not(w, fl);
		if (wn)
			add(x, 2, NOWHERE, "why not", "%s", wn);
	}
}

/* ---- a measure -------------------------------------------------------------------- */

static void explain_measure(ex *x, const sc_result *res, size_t mi)
{
	writer *w = x->w;
	const m_scorecard *card = res->card;
	const m_measure *m = card->measures.items[mi];
	const sc_measure_result *mr = &res->measures[mi];
	add(x, 0, m->span, arena_printf(w->a, "%s.%s", card->name.s, m->name.s),
	    "%s as of %s%s", sc_status_name(mr->status), rp_date(w, res->as_of),
	    res->as_of_from_data ? " (the end of the last period with data)" : "");
	const table *t = card->data ? w->r->tables[dataset_index(w->r->model, card->data)] : NULL;
	if (t) {
		for (size_t r = 0; r < t->nrows; r++) {
			const val *row = &t->cells[r * t->ncols];
			if (!same_text(row[card->col_measure], m->name.s))
				continue;
			const char *part = card->col_part != (size_t)-1 &&
				row[card->col_part].kind != VAL_NONE
				? arena_printf(w->a, " %s", rp_val_text(w, row[card->col_part])) : "";
			val v = row[card->col_value];
			add(x, 1, NOWHERE, "value", "%s%s: %s (%s line %u)",
			    rp_val_text(w, row[card->col_period]), part,
			    v.kind == VAL_NUM ? rp_fmt_exact(w, v.u.n) : v.kind == VAL_NA
			    ? "not applicable" : "no value", t->path, t->lines[r]);
		}
	}
	static const char *const agg[] = {"the last period's value", "the sum of the periods",
					  "the mean of the periods", "numerator / denominator"};
	add(x, 1, m->span, "aggregate", "%s", agg[m->aggregate]);
	if (m->has_baseline) {
		char p[16];
		cal_period_format(m->baseline_period, p);
		add(x, 1, m->span, "baseline", "%s at %s", rp_fmt_exact(w, m->baseline), p);
	}
	for (size_t i = 0; i < mr->ntargets; i++) {
		const sc_target_result *tr = &mr->targets[i];
		add(x, 1, tr->target->span, tr->target->part
		    ? arena_printf(w->a, "target %s", tr->target->part) : "target",
		    "%s: %s", sc_status_name(tr->status), tr->reason);
		if (tr->has_expected && m->has_baseline && tr->has_period &&
		    !tr->deadline_passed) {
			/* the straight line, as scorecard.c draws it */
			cal_date bfirst, bend, tfirst, tend, pfirst, plast;
			cal_period_range(m->baseline_period, &bfirst, &bend);
			cal_period_range(tr->target->by, &tfirst, &tend);
			cal_period_range(tr->period, &pfirst, &plast);
			char bp[16], tp[16], pp[16];
			cal_period_format(m->baseline_period, bp);
			cal_period_format(tr->target->by, tp);
			cal_period_format(tr->period, pp);
			add(x, 2, NOWHERE, "line", "from %s at the end of %s to %s at the end "
			    "of %s, the straight line passes %s at the end of %s (%d of %d "
			    "days)", rp_fmt_exact(w, m->baseline), bp, rp_fmt_exact(w, tr->target->value), tp,
			    exact_and_shown(w, tr->expected), pp, (int)(plast - bend),
			    (int)(tend - bend));
		}
		if (tr->has_score)
			add(x, 2, NOWHERE, "score", "%s: %s", pct_of(w, tr->score),
			    tr->target->is_range ? "within the range or not"
			    : m->has_baseline ? "progress from the baseline to the target"
			    : tr->status == SC_MET ? "the target is met (no baseline)"
			    : "the value against the target (no baseline)");
		if (tr->has_actual && (tr->status == SC_NOT_MET || tr->status == SC_AT_RISK) &&
		    !tr->target->is_range) {
			num goal = tr->status == SC_AT_RISK && tr->has_expected ? tr->expected
				: tr->target->value, d;
			if (num_sub(goal, tr->actual, &d) == NUM_OK)
				add(x, 2, NOWHERE, "why not", "%s%s %s", num_sign(d) > 0 ? "+" : "",
				    tr->target->percent ? pct_of(w, d) : exact_and_shown(w, d),
				    tr->status == SC_AT_RISK ? "to be on the line to the target"
				    : "to meet the target");
		}
	}
	if (mr->band)
		add(x, 1, m->span, "band", "%s", mr->band);
}

/* ---- output ------------------------------------------------------------------------- */

static void write_text(ex *x)
{
	writer *w = x->w;
	rp_text_provenance(w, "");
	for (size_t i = 0; i < x->steps.len; i++) {
		const step *s = x->steps.items[i];
		int line = 0;
		const char *file = rp_source_file(w, s->at, &line);
		if (s->depth == 0)
			fputc('\n', w->out);
		fprintf(w->out, "%*s%s: %s", 2 * s->depth, "",
			s->depth == 0 ? rp_bold(w, s->label) : s->label, s->text);
		if (file)
			fprintf(w->out, "  [%s:%d]", file, line);
		fputc('\n', w->out);
	}
}

static void write_json(ex *x)
{
	writer *w = x->w;
	FILE *out = w->out;
	fputs("{\n  \"schema\": \"rubric.explain/1\",\n", out);
	rp_json_provenance(w);
	fputs(",\n  \"steps\": [", out);
	for (size_t i = 0; i < x->steps.len; i++) {
		const step *s = x->steps.items[i];
		int line = 0;
		const char *file = rp_source_file(w, s->at, &line);
		fprintf(out, "%s\n    {\"depth\": %d, \"label\": ", i ? "," : "", s->depth);
		report_json_cstr(out, s->label);
		fputs(", \"text\": ", out);
		report_json_cstr(out, s->text);
		fputs(", \"file\": ", out);
		report_json_cstr(out, file);
		if (file)
			fprintf(out, ", \"line\": %d}", line);
		else
			fputs(", \"line\": null}", out);
	}
	fputs("\n  ]\n}\n", out);
}

bool report_explain(FILE *out, const eval_result *r, const explain_query *q,
		    const report_options *o, const char **err)
{
	writer w = {out, r, o, r->arena, r->model->round_places,
		    r->model->round_mode};
	ex x = {&w, {0}};
	const model *m = r->model;
	bool found = false;
	if (q->measure) {
		const char *dot = strchr(q->measure, '.');
		for (size_t i = 0; i < r->ncards; i++) {
			const m_scorecard *card = r->cards[i].card;
			if (dot && (strncmp(card->name.s, q->measure, (size_t)(dot - q->measure)) ||
				    card->name.s[dot - q->measure]))
				continue;
			for (size_t k = 0; k < card->measures.len; k++) {
				const m_measure *mm = card->measures.items[k];
				if (!strcmp(mm->name.s, dot ? dot + 1 : q->measure)) {
					explain_measure(&x, &r->cards[i], k);
					found = true;
				}
			}
		}
		if (!found) {
			*err = arena_printf(w.a, "no measure '%s'", q->measure);
			return false;
		}
	}
	if (q->subject) {
		bool known = false;
		for (size_t i = 0; i < r->nruns; i++) {
			const assess_run *run = &r->runs[i];
			if (q->assessment && strcmp(run->as->name.s, q->assessment))
				continue;
			if (q->certification && !q->competency)
				continue;
			int32_t s = table_find(run->subjects, q->subject, strlen(q->subject));
			if (s < 0)
				continue;
			known = true;
			for (size_t c = 0; c < run->ncomp; c++) {
				const m_competency *k = run->as->framework->competencies.items[run->comp_order[c]];
				if (q->competency && strcmp(k->name.s, q->competency))
					continue;
				explain_score(&x, run, (size_t)s, run->comp_order[c]);
				found = true;
			}
		}
		for (size_t i = 0; i < r->ncerts; i++) {
			const cert_result *cr = &r->certs[i];
			if (q->competency && !q->certification)
				break;
			if (q->certification && strcmp(cr->cert->name.s, q->certification))
				continue;
			int32_t s = table_find(cr->subjects, q->subject, strlen(q->subject));
			if (s < 0)
				continue;
			known = true;
			explain_cert(&x, cr, (size_t)s);
			found = true;
		}
		if (!found) {
			*err = !known ? arena_printf(w.a, "no subject '%s'%s", q->subject,
						     q->certification ? arena_printf(w.a,
						     " in certification '%s'", q->certification) : "")
				: arena_printf(w.a, "nothing to explain for '%s'%s%s", q->subject,
					       q->competency ? " and competency " : "",
					       q->competency ? q->competency : "");
			return false;
		}
	}
	(void)m;
	if (o->format == REPORT_JSON)
		write_json(&x);
	else
		write_text(&x);
	return true;
}
