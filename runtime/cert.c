/* cert.c - certifications; see cert.h and docs/certifications.md. */
#include "cert.h"

#include <string.h>

#include "assess.h"
#include "sort.h"

#define NONE ((size_t)-1)

const char *cert_status_name(cert_status s)
{
	switch (s) {
	case CERT_NOT_CERTIFIED: return "not certified";
	case CERT_CERTIFIED: return "certified";
	case CERT_EXPIRING: return "expiring";
	case CERT_IN_GRACE: return "in grace";
	case CERT_EXPIRED: return "expired";
	case CERT_N_STATUS: break;
	}
	return "?";
}

bool cert_held(cert_status s)
{
	return s == CERT_CERTIFIED || s == CERT_EXPIRING || s == CERT_IN_GRACE;
}

bool cert_held_on(const cert_subject *s, cal_date day)
{
	for (uint32_t i = 0; i < s->nheld; i++)
		if (s->held[2 * i] <= day && day < s->held[2 * i + 1])
			return true;
	return false;
}


/* ---- evidence -------------------------------------------------------------- */


typedef struct engine {
	arena *a;
	const m_certification *cert;
	eval_env *env;
	const table *subjects;
	/* per clause (certification's, then renewal's): its cert_evidence */
	cert_evidence *ev;
	size_t nclauses;
	const m_clause **clauses;
	/* per clause and subject: condition and competence values */
	val *fixed;
	const cert_result **pre; /* per clause: the prerequisite's result */
} engine;

static int cmp_items(const void *a, const void *b, void *ctx)
{
	(void)ctx;
	const cert_item *x = a, *y = b;
	return (x->date > y->date) - (x->date < y->date);
}

static bool gather(engine *g, const m_clause *cl, cert_evidence *out)
{
	eval_env *env = g->env;
	const m_evidence *ev = &cl->ev;
	const table *t = env->tables[dataset_index(env->model, ev->dataset)];
	size_t ns = g->subjects->nrows;
	size_t *count = arena_alloc(g->a, (ns + 2) * sizeof *count);
	int32_t *owner = arena_alloc(g->a, (t->nrows ? t->nrows : 1) * sizeof *owner);
	eval_env inner = *env;
	inner.row_table = t;
	inner.each = NULL;
	inner.group_table = NULL;
	for (size_t r = 0; r < t->nrows; r++) {
		const val *row = &t->cells[r * t->ncols];
		owner[r] = -1;
		val who = row[ev->col_subject], when = row[ev->col_date],
		    v = row[ev->col_value];
		if (who.kind != VAL_REF || when.kind != VAL_DATE || v.kind != VAL_NUM)
			continue; /* no subject, date or value: not cert_evidence */
		if (ev->where) {
			inner.row = r;
			val c = eval_expr(&inner, ev->where);
			if (inner.error) {
				env->error = inner.error;
				env->error_span = inner.error_span;
				return false;
			}
			if (!eval_true(c))
				continue;
		}
		owner[r] = who.u.ref;
		count[who.u.ref + 1]++;
	}
	out->start = count;
	out->table = t;
	for (size_t s = 0; s < ns; s++)
		count[s + 1] += count[s];
	size_t total = count[ns];
	out->items = arena_alloc(g->a, (total ? total : 1) * sizeof *out->items);
	size_t *fill = arena_alloc(g->a, (ns + 1) * sizeof *fill);
	memcpy(fill, count, (ns + 1) * sizeof *fill);
	for (size_t r = 0; r < t->nrows; r++) {
		if (owner[r] < 0)
			continue;
		const val *row = &t->cells[r * t->ncols];
		cert_item *it = &out->items[fill[owner[r]]++];
		it->row = (uint32_t)r;
		it->date = row[ev->col_date].u.date;
		it->value = row[ev->col_value].u.n;
		if (ev->col_category != NONE) {
			val c = row[ev->col_category];
			if (c.kind == VAL_TEXT || c.kind == VAL_REF) {
				it->category = c.s;
				it->category_len = c.len;
			}
		}
	}
	/* File order within a day: the sort is stable. */
	for (size_t s = 0; s < ns; s++)
		sort_stable(out->items + count[s], count[s + 1] - count[s],
			    sizeof *out->items, cmp_items, NULL);
	return true;
}

/* ---- one requirement on one day ------------------------------------------- */

typedef struct judge {
	size_t subject;
	cal_date day;       /* the day judged */
	cal_date from;      /* evidence dated from this day counts */
	bool cycle;         /* renewal: credits count from `from`, not `within` */
} judge;

static bool exam_holds(const engine *g, size_t ci, const judge *j,
		       cert_failure *f, cal_date *pass_day)
{
	const m_clause *cl = g->clauses[ci];
	const cert_evidence *ev = &g->ev[ci];
	size_t lo = ev->start[j->subject], hi = ev->start[j->subject + 1];
	/* How long a pass counts: the exam's own validity, or with `valid
	 * ... from exam` the certification's, which runs from the pass. */
	const cal_duration *valid = cl->has_valid ? &cl->valid
		: g->cert->valid_from_exam ? &g->cert->valid : NULL;
	uint32_t tried = 0;
	bool any = false, best_set = false, late_pass = false, expired = false;
	num best = num_int(0);
	cal_date passed = 0;
	for (size_t i = lo; i < hi; i++) {
		const cert_item *it = &ev->items[i];
		if (it->date < j->from)
			continue;
		if (it->date > j->day)
			break;
		tried++;
		bool counts = !cl->attempts || tried <= (uint32_t)cl->attempts;
		bool pass = num_cmp(it->value, cl->pass) >= 0;
		if (!counts) {
			late_pass |= pass;
			continue;
		}
		any = true;
		if (!best_set || num_cmp(it->value, best) > 0)
			best = it->value;
		best_set = true;
		if (!pass)
			continue;
		if (valid && cal_add_duration(it->date, *valid, 1) <= j->day) {
			expired = true;
			passed = it->date;
			continue;
		}
		if (pass_day)
			*pass_day = it->date;
		return true;
	}
	if (!f)
		return false;
	f->attempts = tried;
	f->date = j->from;
	f->required = cl->pass;
	f->cmp = OP_GE;
	f->seen = best;
	f->has_seen = best_set;
	if (expired) {
		f->why = WHY_PASS_EXPIRED;
		f->date = passed;
		f->date2 = cal_add_duration(passed, *valid, 1);
	} else if (late_pass) {
		f->why = WHY_ATTEMPTS_USED;
	} else {
		f->why = any ? WHY_BELOW : WHY_NO_ATTEMPT;
	}
	return false;
}

static bool meets(num seen, expr_op cmp, num required)
{
	int c = num_cmp(seen, required);
	return cmp == OP_GT ? c > 0 : cmp == OP_EQ ? c == 0 : c >= 0;
}

/* With f, every failing part: the total, then each category below its
 * minimum, one failure each (*nf counts them). */
static bool credits_hold(const engine *g, size_t ci, const judge *j,
			 cert_failure *f, uint32_t *nf)
{
	const m_clause *cl = g->clauses[ci];
	const cert_evidence *ev = &g->ev[ci];
	size_t lo = ev->start[j->subject], hi = ev->start[j->subject + 1];
	cal_date from = j->from;
	if (!j->cycle && cl->has_within) {
		cal_date w = cal_add_duration(j->day, cl->within, -1) + 1; /* after day - within */
		if (w > from)
			from = w;
	}
	/* Totals per calendar year (the cap), and per category. */
	num total = num_int(0), year_sum = num_int(0);
	int year = 0;
	bool overflow = false;
	num *cat = arena_alloc(g->a, (cl->minimums.len + 1) * sizeof *cat);
	for (size_t k = 0; k < cl->minimums.len; k++)
		cat[k] = num_int(0);
	for (size_t i = lo; i <= hi; i++) {
		const cert_item *it = i < hi ? &ev->items[i] : NULL;
		if (it && (it->date < from || it->date > j->day))
			continue;
		int y = 0, m, d;
		if (it)
			cal_to_ymd(it->date, &y, &m, &d);
		if (!it || y != year) {
			/* close the previous year */
			num counted = cl->has_cap && num_cmp(year_sum, cl->cap) > 0
				? cl->cap : year_sum;
			overflow |= num_add(total, counted, &total) != NUM_OK;
			year_sum = num_int(0);
			year = y;
		}
		if (!it)
			break;
		overflow |= num_add(year_sum, it->value, &year_sum) != NUM_OK;
		for (size_t k = 0; k < cl->minimums.len; k++) {
			const m_category_min *mn = cl->minimums.items[k];
			if (it->category && strlen(mn->category) == it->category_len &&
			    !memcmp(mn->category, it->category, it->category_len))
				overflow |= num_add(cat[k], it->value, &cat[k]) != NUM_OK;
		}
	}
	if (overflow) {
		g->env->error = "the credits add up to more than can be held exactly";
		g->env->error_span = cl->span;
		return false;
	}
	bool ok = meets(total, cl->total_cmp, cl->total);
	if (!ok && f) {
		f->why = WHY_BELOW;
		f->seen = total;
		f->has_seen = true;
		f->required = cl->total;
		f->cmp = cl->total_cmp;
		f->date = from;
		f++;
		(*nf)++;
	}
	for (size_t k = 0; k < cl->minimums.len && (ok || f); k++) {
		const m_category_min *mn = cl->minimums.items[k];
		if (meets(cat[k], mn->cmp, mn->amount))
			continue;
		ok = false;
		if (f) {
			f->clause = cl;
			f->why = WHY_BELOW;
			f->category = mn->category;
			f->seen = cat[k];
			f->has_seen = true;
			f->required = mn->amount;
			f->cmp = mn->cmp;
			f->date = from;
			f++;
			(*nf)++;
		}
	}
	return ok;
}

/* Whether requirement ci holds on the judged day.  With f, the failure is
 * written there (credits may write several: *nf says how many, one for
 * the other kinds). */
static bool holds_n(const engine *g, size_t ci, const judge *j, cert_failure *f,
		    uint32_t *nf, cal_date *pass_day);

static bool holds(const engine *g, size_t ci, const judge *j, cert_failure *f,
		  cal_date *pass_day)
{
	uint32_t nf = 0;
	return holds_n(g, ci, j, f, &nf, pass_day);
}

static bool holds_n(const engine *g, size_t ci, const judge *j, cert_failure *f,
		    uint32_t *nf, cal_date *pass_day)
{
	const m_clause *cl = g->clauses[ci];
	if (f) {
		size_t n = cl->kind == CLAUSE_CREDITS ? 1 + cl->minimums.len : 1;
		memset(f, 0, n * sizeof *f);
		for (size_t i = 0; i < n; i++)
			f[i].clause = cl;
		if (cl->kind != CLAUSE_CREDITS)
			*nf = 1;
	}
	switch (cl->kind) {
	case CLAUSE_EXAM:
		return exam_holds(g, ci, j, f, pass_day);
	case CLAUSE_CREDITS:
		return credits_hold(g, ci, j, f, nf);
	case CLAUSE_COMPETENCE: {
		val v = g->fixed[ci * g->subjects->nrows + j->subject];
		if (v.kind == VAL_NUM && meets(v.u.n, cl->cmp, cl->level))
			return true;
		if (f) {
			f->why = v.kind == VAL_NUM ? WHY_BELOW : WHY_NO_SCORE;
			f->seen = v.u.n;
			f->has_seen = v.kind == VAL_NUM;
			f->required = cl->level;
			f->cmp = cl->cmp;
		}
		return false;
	}
	case CLAUSE_PREREQUISITE: {
		const cert_subject *p = &g->pre[ci]->subj[j->subject];
		if (cert_held_on(p, j->day))
			return true;
		if (f) {
			f->why = WHY_NOT_HELD;
			f->date = j->day;
		}
		return false;
	}
	case CLAUSE_CONDITION: {
		val v = g->fixed[ci * g->subjects->nrows + j->subject];
		if (eval_true(v))
			return true;
		if (f)
			f->why = v.kind == VAL_BOOL ? WHY_FALSE : WHY_UNKNOWN;
		return false;
	}
	}
	return false;
}

/* The operands of a condition's comparison, for "why not". */
static void condition_operands(engine *g, size_t ci, size_t subject,
			       cert_failure *f)
{
	const ast_expr *e = g->clauses[ci]->expr;
	if (!expr_is_comparison(e))
		return;
	eval_env inner = *g->env;
	inner.row_table = inner.subject_table = g->subjects;
	inner.row = inner.subject_row = subject;
	inner.error = NULL;
	f->left = eval_expr(&inner, e->a);
	f->right = eval_expr(&inner, e->b);
	f->cmp = e->op;
	f->has_operands = !inner.error;
}

/* ---- the timeline of one subject ----------------------------------------- */

/* Clauses [c0, c1) of the engine: the certification's or the renewal's. */
typedef struct clause_set {
	size_t c0, c1;
} clause_set;

static bool all_hold(const engine *g, clause_set cs, const judge *j,
		     cal_date *first_pass)
{
	*first_pass = j->day;
	for (size_t ci = cs.c0; ci < cs.c1; ci++) {
		cal_date p = j->day;
		if (!holds(g, ci, j, NULL, &p))
			return false;
		if (g->clauses[ci]->kind == CLAUSE_EXAM && p < *first_pass)
			*first_pass = p;
	}
	return true;
}

/* The earliest day in [lo, hi] on which every clause of cs holds, counting
 * evidence dated from `from`.  Requirements become true only on a day some
 * evidence is dated or a prerequisite starts, so only those days (and lo)
 * are tried. */
static bool first_day(const engine *g, clause_set cs, size_t subject,
		      cal_date from, cal_date lo, cal_date hi, bool cycle,
		      cal_date *out, cal_date *first_pass)
{
	if (lo > hi)
		return false;
	size_t cap = 1;
	for (size_t ci = cs.c0; ci < cs.c1; ci++) {
		const m_clause *cl = g->clauses[ci];
		if (cl->kind == CLAUSE_EXAM || cl->kind == CLAUSE_CREDITS)
			cap += g->ev[ci].start[subject + 1] - g->ev[ci].start[subject];
		else if (cl->kind == CLAUSE_PREREQUISITE)
			cap += g->pre[ci]->subj[subject].nheld;
	}
	cal_date *days = arena_alloc(g->a, cap * sizeof *days);
	size_t n = 0;
	days[n++] = lo;
	for (size_t ci = cs.c0; ci < cs.c1; ci++) {
		const m_clause *cl = g->clauses[ci];
		if (cl->kind == CLAUSE_EXAM || cl->kind == CLAUSE_CREDITS) {
			for (size_t i = g->ev[ci].start[subject]; i < g->ev[ci].start[subject + 1]; i++) {
				cal_date d = g->ev[ci].items[i].date;
				if (d > lo && d <= hi)
					days[n++] = d;
			}
		} else if (cl->kind == CLAUSE_PREREQUISITE) {
			const cert_subject *p = &g->pre[ci]->subj[subject];
			for (uint32_t i = 0; i < p->nheld; i++)
				if (p->held[2 * i] > lo && p->held[2 * i] <= hi)
					days[n++] = p->held[2 * i];
		}
	}
	/* Try the days in order (few per subject: an insertion sort). */
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && days[k - 1] > days[k]; k--) {
			cal_date t = days[k];
			days[k] = days[k - 1];
			days[k - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		if (i && days[i] == days[i - 1])
			continue;
		judge j = {subject, days[i], from, cycle};
		if (all_hold(g, cs, &j, first_pass)) {
			*out = days[i];
			return true;
		}
	}
	return false;
}

static void add_held(engine *g, cert_subject *s, cal_date a, cal_date b,
		     size_t *cap)
{
	if (s->nheld == *cap) {
		size_t nc = *cap ? 2 * *cap : 4;
		cal_date *h = arena_alloc(g->a, 2 * nc * sizeof *h);
		if (s->nheld)
			memcpy(h, s->held, 2 * s->nheld * sizeof *h);
		s->held = h;
		*cap = nc;
	}
	s->held[2 * s->nheld] = a;
	s->held[2 * s->nheld + 1] = b;
	s->nheld++;
}

/* Every failing clause of cs on `day`. */
static void explain(engine *g, clause_set cs, const judge *j, cert_subject *s)
{
	s->day = j->day;
	s->nfailures = 0;
	size_t cap = 1;
	for (size_t ci = cs.c0; ci < cs.c1; ci++)
		cap += 1 + g->clauses[ci]->minimums.len;
	s->failures = arena_alloc(g->a, cap * sizeof *s->failures);
	for (size_t ci = cs.c0; ci < cs.c1; ci++) {
		cert_failure *f = &s->failures[s->nfailures];
		uint32_t nf = 0;
		if (holds_n(g, ci, j, f, &nf, NULL))
			continue;
		if (g->clauses[ci]->kind == CLAUSE_CONDITION)
			condition_operands(g, ci, j->subject, f);
		s->nfailures += nf ? nf : 1;
	}
}

/* A certification is held only while its prerequisites are: the first
 * day in [a, b] on which one of cs is not held (INT32_MAX: none), and
 * which requirement that is. */
/* After an expiry: what a new certification lacks as of the date, after
 * what ended the last one. */
static void explain_again(engine *g, clause_set cs, const judge *j, cert_subject *s)
{
	cert_subject again = {0};
	explain(g, cs, j, &again);
	if (!again.nfailures)
		return;
	cert_failure *all = arena_alloc(g->a, (s->nfailures + again.nfailures) *
					sizeof *all);
	if (s->nfailures)
		memcpy(all, s->failures, s->nfailures * sizeof *all);
	uint32_t n = s->nfailures;
	for (uint32_t i = 0; i < again.nfailures; i++) {
		const cert_failure *f = &again.failures[i];
		/* Said already, when it reads the same as what renewal lacked:
		 * the date counts only where the reason shows it. */
		bool dated = f->why == WHY_NO_ATTEMPT || f->why == WHY_PASS_EXPIRED ||
			     f->why == WHY_NOT_HELD ||
			     (f->clause->kind == CLAUSE_CREDITS && !f->category);
		bool said = false;
		for (uint32_t k = 0; k < s->nfailures && !said; k++) {
			const cert_failure *o = &s->failures[k];
			said = o->clause == f->clause && o->why == f->why &&
			       o->category == f->category && o->has_seen == f->has_seen &&
			       (!f->has_seen || num_eq(o->seen, f->seen)) &&
			       (!dated || o->date == f->date);
		}
		if (said)
			continue;
		all[n] = *f;
		all[n++].again = true;
	}
	s->failures = all;
	s->nfailures = n;
}

static cal_date prerequisite_gap(const engine *g, clause_set cs, size_t subject,
				 cal_date a, cal_date b, size_t *which)
{
	cal_date best = INT32_MAX;
	for (size_t ci = cs.c0; ci < cs.c1; ci++) {
		if (g->clauses[ci]->kind != CLAUSE_PREREQUISITE)
			continue;
		const cert_subject *p = &g->pre[ci]->subj[subject];
		cal_date d = a;
		for (bool moved = true; moved && d <= b;) {
			moved = false;
			for (uint32_t i = 0; i < p->nheld; i++)
				if (p->held[2 * i] <= d && d < p->held[2 * i + 1]) {
					d = p->held[2 * i + 1];
					moved = true;
				}
		}
		if (d <= b && d < best) {
			best = d;
			*which = ci;
		}
	}
	return best;
}

/* Ends a certification on `day`, a day its prerequisite was not held. */
static void end_by_prerequisite(engine *g, size_t subject, cert_subject *s,
				cal_date day, size_t which)
{
	s->status = CERT_EXPIRED;
	s->expires = day;
	s->has_expires = true;
	s->has_grace_end = false;
	s->renewal = false;
	s->day = day;
	s->failures = arena_alloc(g->a, sizeof *s->failures);
	judge j = {subject, day, INT32_MIN, false};
	holds(g, which, &j, &s->failures[0], NULL);
	s->nfailures = 1;
}

/* Whether cs has a requirement with a date: an exam, credits or a
 * prerequisite. */
static bool dated(const engine *g, clause_set cs)
{
	for (size_t ci = cs.c0; ci < cs.c1; ci++)
		if (g->clauses[ci]->kind == CLAUSE_EXAM ||
		    g->clauses[ci]->kind == CLAUSE_CREDITS ||
		    g->clauses[ci]->kind == CLAUSE_PREREQUISITE)
			return true;
	return false;
}

static void timeline(engine *g, size_t subject, clause_set own, clause_set renew,
		     cert_subject *s)
{
	const m_certification *c = g->cert;
	cal_date as_of = g->env->as_of;
	cal_date from = INT32_MIN;           /* evidence counts from this day */
	cal_date lo = cal_from_ymd(1, 1, 1); /* the first day it may start */
	size_t held_cap = 0, which = 0;
	bool ended = false;                  /* it was held, and ended */
	if (!dated(g, own)) {
		/* Only competence and conditions, which have no date: held as of
		 * the date, with no date of its own and no cycles. */
		cal_date fp;
		judge j = {subject, as_of, from, false};
		if (all_hold(g, own, &j, &fp)) {
			s->status = CERT_CERTIFIED;
			add_held(g, s, INT32_MIN, INT32_MAX, &held_cap);
		} else {
			s->status = CERT_NOT_CERTIFIED;
			explain(g, own, &j, s);
		}
		return;
	}
	for (;;) {
		cal_date since, first_pass;
		if (lo > as_of || !first_day(g, own, subject, from, lo, as_of, false,
					     &since, &first_pass)) {
			judge j = {subject, as_of, from, false};
			if (!ended) {
				s->status = CERT_NOT_CERTIFIED;
				explain(g, own, &j, s);
			} else if (lo <= as_of) {
				explain_again(g, own, &j, s);
			}
			return;
		}
		s->status = CERT_CERTIFIED;
		s->since = since;
		s->has_since = true;
		s->has_expires = s->has_grace_end = s->has_renewed = false;
		s->renewals = 0;
		s->nfailures = 0;
		s->renewal = false;
		ended = false;
		if (!c->has_valid) {
			cal_date gap = prerequisite_gap(g, own, subject, since, as_of, &which);
			add_held(g, s, since, gap, &held_cap);
			if (gap == INT32_MAX)
				return;
			end_by_prerequisite(g, subject, s, gap, which);
			ended = true;
			lo = gap;
			continue;
		}
		cal_date anchor = c->valid_from_exam ? first_pass : since;
		cal_date start = since, checked = since;
		cal_date used = since; /* evidence up to here made this cycle */
		bool again = false;
		for (;;) {
			cal_date expires = cal_add_duration(anchor, c->valid, 1);
			if (expires <= used) {
				/* the end of the calendar: it does not expire */
				s->has_expires = false;
				add_held(g, s, start, INT32_MAX, &held_cap);
				return;
			}
			s->expires = expires;
			s->has_expires = true;
			cal_date grace_end = c->has_grace ? cal_add_duration(expires, c->grace, 1) : expires;
			cal_date upto = grace_end - 1 < as_of ? grace_end - 1 : as_of;
			cal_date gap = prerequisite_gap(g, own, subject, checked, upto, &which);
			if (gap != INT32_MAX) {
				add_held(g, s, start, gap, &held_cap);
				end_by_prerequisite(g, subject, s, gap, which);
				ended = true;
				lo = gap;
				again = true;
				break;
			}
			/* Renewal: from the window's start to the end of grace
			 * (and not after the date), evidence dated after the cycle
			 * began.  A renewal before expiry counts at once. */
			cal_date window = (anchor > used ? anchor : used) + 1;
			if (c->has_window && cal_add_duration(expires, c->window, -1) > window)
				window = cal_add_duration(expires, c->window, -1);
			cal_date renewed, fp;
			if (window <= upto &&
			    first_day(g, renew, subject, window, window, upto, true,
				      &renewed, &fp)) {
				s->renewals++;
				s->renewed = renewed;
				s->has_renewed = true;
				anchor = c->anchor_renewal ? renewed : expires;
				used = renewed;
				checked = expires < as_of ? expires : as_of;
				continue;
			}
			if (as_of < expires) {
				if (c->has_warn && as_of >= cal_add_duration(expires, c->warn, -1))
					s->status = CERT_EXPIRING;
				add_held(g, s, start, grace_end, &held_cap);
				return;
			}
			add_held(g, s, start, grace_end, &held_cap);
			if (as_of < grace_end) {
				s->status = CERT_IN_GRACE;
				s->grace_end = grace_end;
				s->has_grace_end = true;
				judge j = {subject, as_of, window, true};
				explain(g, renew, &j, s);
				s->renewal = true;
				return;
			}
			/* Lapsed: what was missing on the last day it could have
			 * been renewed; then look for a new certification, from
			 * evidence dated on or after the expiry. */
			s->status = CERT_EXPIRED;
			s->grace_end = grace_end;
			s->has_grace_end = c->has_grace;
			judge j = {subject, grace_end - 1, window, true};
			explain(g, renew, &j, s);
			s->renewal = true;
			ended = true;
			from = lo = expires;
			again = true;
			break;
		}
		if (!again)
			return;
	}
}

/* ---- driver ------------------------------------------------------------------ */

bool cert_evaluate(cert_result *r, arena *a, const m_certification *cert,
		   eval_env *env)
{
	const model *m = env->model;
	const table *subjects = env->tables[dataset_index(m, cert->subjects)];
	r->cert = cert;
	r->subjects = subjects;
	r->n = subjects->nrows;
	r->subj = arena_alloc(a, (r->n ? r->n : 1) * sizeof *r->subj);
	r->order = eval_rows_by_key(a, subjects);

	engine g = {0};
	g.a = a;
	g.cert = cert;
	g.env = env;
	g.subjects = subjects;
	size_t nown = cert->clauses.len;
	const ptr_vec *rv = cert->renewal.len ? &cert->renewal : &cert->clauses;
	g.nclauses = nown + (cert->renewal.len ? cert->renewal.len : 0);
	size_t nc = g.nclauses ? g.nclauses : 1;
	g.clauses = arena_alloc(a, nc * sizeof *g.clauses);
	g.ev = arena_alloc(a, nc * sizeof *g.ev);
	g.pre = arena_alloc(a, nc * sizeof *g.pre);
	g.fixed = arena_alloc(a, nc * (r->n ? r->n : 1) * sizeof *g.fixed);
	for (size_t i = 0; i < nown; i++)
		g.clauses[i] = cert->clauses.items[i];
	for (size_t i = nown; i < g.nclauses; i++)
		g.clauses[i] = cert->renewal.items[i - nown];
	for (size_t ci = 0; ci < g.nclauses; ci++) {
		const m_clause *cl = g.clauses[ci];
		switch (cl->kind) {
		case CLAUSE_EXAM: case CLAUSE_CREDITS:
			if (!gather(&g, cl, &g.ev[ci]))
				return false;
			break;
		case CLAUSE_PREREQUISITE:
			g.pre[ci] = env->cert_get(env->cert_ud, cl->prerequisite->index);
			if (!g.pre[ci])
				return false;
			break;
		case CLAUSE_COMPETENCE: {
			const assess_run *run = &env->runs[cl->assessment_ix];
			for (size_t s = 0; s < r->n; s++) {
				const comp_result *cr = assess_comp(run, s, cl->competency_ix);
				g.fixed[ci * r->n + s] = cr->has_score ? val_num(cr->score)
								       : val_none();
			}
			break;
		}
		case CLAUSE_CONDITION:
			for (size_t s = 0; s < r->n; s++) {
				eval_env inner = *env;
				inner.row_table = inner.subject_table = subjects;
				inner.row = inner.subject_row = s;
				inner.each = NULL;
				inner.group_table = NULL;
				g.fixed[ci * r->n + s] = eval_expr(&inner, cl->expr);
				if (inner.error) {
					env->error = inner.error;
					env->error_span = inner.error_span;
					return false;
				}
			}
			break;
		}
	}
	r->clauses = g.clauses;
	r->evidence = g.ev;
	r->nclauses = g.nclauses;
	clause_set own = {0, nown};
	clause_set renew = rv == &cert->clauses ? own : (clause_set){nown, g.nclauses};
	for (size_t s = 0; s < r->n; s++) {
		timeline(&g, s, own, renew, &r->subj[s]);
		if (env->error)
			return false;
		r->counts[r->subj[s].status]++;
	}
	return true;
}
