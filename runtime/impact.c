/* impact.c - comparing two evaluations of the same data; see impact.h. */
#include "impact.h"

#include <stdlib.h>
#include <string.h>

#include "sort.h"

const char *impact_sc_kind_name(impact_sc_kind k)
{
	switch (k) {
	case IMPACT_SCORECARD: return "scorecard";
	case IMPACT_OBJECTIVE: return "objective";
	case IMPACT_MEASURE: return "measure";
	}
	return "?";
}

static bool is_text(val v)
{
	return v.kind == VAL_TEXT || v.kind == VAL_REF;
}

bool impact_same_val(val a, val b)
{
	if (is_text(a) && is_text(b))
		return a.len == b.len && memcmp(a.s, b.s, a.len) == 0;
	if (a.kind != b.kind)
		return false;
	switch (a.kind) {
	case VAL_NONE: case VAL_NA: return true;
	case VAL_NUM: return num_eq(a.u.n, b.u.n);
	case VAL_DATE: return a.u.date == b.u.date;
	case VAL_PERIOD:
		return a.u.period.kind == b.u.period.kind &&
		       cal_period_cmp(a.u.period, b.u.period) == 0;
	case VAL_BOOL: return a.u.b == b.u.b;
	case VAL_DURATION:
		return a.u.dur.unit == b.u.dur.unit && num_eq(a.u.dur.amount, b.u.dur.amount);
	default: return false;
	}
}

/* An order on keys: by kind, then by value (texts byte by byte). */
static int key_cmp(val a, val b)
{
	bool ta = is_text(a), tb = is_text(b);
	if (ta != tb)
		return ta ? 1 : -1;
	if (!ta && a.kind != b.kind)
		return a.kind < b.kind ? -1 : 1;
	if (a.kind == VAL_NONE || a.kind == VAL_NA)
		return 0;
	return eval_compare(a, b);
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* A growable array of fixed-size records in the arena. */
typedef struct vec {
	arena *a;
	char *items;
	size_t len, cap, size;
} vec;

static void *vec_push(vec *v)
{
	if (v->len == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		char *t = arena_alloc(v->a, cap * v->size);
		if (v->len)
			memcpy(t, v->items, v->len * v->size);
		v->items = t;
		v->cap = cap;
	}
	return memset(v->items + v->len++ * v->size, 0, v->size);
}

/* ---- assessments ------------------------------------------------------------- */

static const char *profile_name(const eval_result *r, int32_t p)
{
	return p >= 0 ? ((const m_profile *)r->model->profiles.items[p])->name.s : NULL;
}

/* Competency c of subject s has a gap above zero (r NULL: no such). */
static bool gap_open(const assess_run *r, size_t s, long c)
{
	return r && c >= 0 && assess_comp(r, s, (size_t)c)->has_gap &&
	       num_sign(assess_gap(r, s, (size_t)c)) > 0;
}

/* The index of the competency named `name` in the run's framework, or -1. */
static long comp_index(const assess_run *run, const char *name)
{
	const m_framework *f = run->as->framework;
	for (size_t i = 0; f && i < f->competencies.len; i++)
		if (same_str(((const m_competency *)f->competencies.items[i])->name.s, name))
			return (long)i;
	return -1;
}

static const char *comp_name(const assess_run *run, size_t c)
{
	return ((const m_competency *)run->as->framework->competencies.items[c])->name.s;
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The competencies of both, by name, once each. */
static size_t comp_union(arena *a, const assess_run *o, const assess_run *n,
			 const char ***out)
{
	const char **names = arena_alloc(a, (o->ncomp + n->ncomp + 1) * sizeof *names);
	size_t k = 0;
	for (size_t i = 0; i < o->ncomp; i++)
		names[k++] = comp_name(o, i);
	for (size_t i = 0; i < n->ncomp; i++)
		if (comp_index(o, comp_name(n, i)) < 0)
			names[k++] = comp_name(n, i);
	qsort(names, k, sizeof *names, cmp_cstr);
	*out = names;
	return k;
}

static void compare_assessment(arena *a, const eval_result *ro, const eval_result *rn,
			       const assess_run *o, const assess_run *n,
			       impact_assessment *out, size_t *changes)
{
	out->name = o->as->name.s;
	const char **names;
	out->ncomps = comp_union(a, o, n, &names);
	out->comps = arena_alloc(a, (out->ncomps + 1) * sizeof *out->comps);
	long *oc = arena_alloc(a, (out->ncomps + 1) * sizeof *oc);
	long *nc = arena_alloc(a, (out->ncomps + 1) * sizeof *nc);
	num *sum = arena_alloc(a, (out->ncomps + 1) * sizeof *sum);
	bool *sum_ok = arena_alloc(a, (out->ncomps + 1) * sizeof *sum_ok);
	for (size_t k = 0; k < out->ncomps; k++) {
		out->comps[k].name = names[k];
		oc[k] = comp_index(o, names[k]);
		nc[k] = comp_index(n, names[k]);
		sum[k] = num_int(0);
		sum_ok[k] = true;
	}
	vec meets = {a, NULL, 0, 0, sizeof(impact_meets)};
	/* Subjects in key order, as the old run sorted them. */
	for (size_t i = 0; i < o->nsubj; i++) {
		uint32_t so = o->order[i];
		val key = table_key(o->subjects, so);
		int32_t sn = is_text(key) ? table_find(n->subjects, key.s, key.len) : -1;
		if (sn < 0)
			continue;
		out->subjects++;
		const subject_result *xo = &o->subj[so], *xn = &n->subj[sn];
		bool has_o = xo->profile >= 0, has_n = xn->profile >= 0;
		if ((has_o && xo->meets) != (has_n && xn->meets) ||
		    !same_str(profile_name(ro, xo->profile), profile_name(rn, xn->profile))) {
			impact_meets *m = vec_push(&meets);
			m->subject = key;
			m->old_profile = profile_name(ro, xo->profile);
			m->new_profile = profile_name(rn, xn->profile);
			m->old_meets = has_o && xo->meets;
			m->new_meets = has_n && xn->meets;
			if (m->new_meets && !m->old_meets)
				out->newly_meet++;
			else if (m->old_meets && !m->new_meets)
				out->no_longer_meet++;
		}
		for (size_t k = 0; k < out->ncomps; k++) {
			impact_comp *ic = &out->comps[k];
			const comp_result *co = oc[k] >= 0 ? assess_comp(o, so, (size_t)oc[k]) : NULL;
			const comp_result *cn = nc[k] >= 0 ? assess_comp(n, (size_t)sn, (size_t)nc[k]) : NULL;
			bool so_ = co && co->has_score, sn_ = cn && cn->has_score;
			bool gap_o = co && gap_open(o, so, oc[k]),
			     gap_n = cn && gap_open(n, (size_t)sn, nc[k]);
			if (gap_n && !gap_o)
				ic->opened++;
			else if (gap_o && !gap_n)
				ic->closed++;
			if (sn_ && !so_)
				ic->scored++;
			else if (so_ && !sn_)
				ic->unscored++;
			if (!so_ || !sn_)
				continue;
			ic->compared++;
			num move;
			if (num_sub(cn->score, co->score, &move) != NUM_OK) {
				sum_ok[k] = false;
				continue;
			}
			if (sum_ok[k] && num_add(sum[k], move, &sum[k]) != NUM_OK)
				sum_ok[k] = false;
			if (num_is_zero(move))
				continue;
			ic->moved++;
			if (!ic->has_move || num_cmp(num_abs_unchecked(move),
						     num_abs_unchecked(ic->largest)) > 0) {
				ic->largest = move;
				ic->largest_subject = key;
				ic->has_move = true;
			}
		}
	}
	for (size_t k = 0; k < out->ncomps; k++) {
		impact_comp *ic = &out->comps[k];
		if (ic->compared && sum_ok[k] &&
		    num_div(sum[k], num_int((int64_t)ic->compared), &ic->mean) == NUM_OK)
			ic->has_mean = true;
		*changes += ic->moved + ic->opened + ic->closed + ic->scored + ic->unscored;
	}
	out->meets = (impact_meets *)meets.items;
	out->nmeets = meets.len;
	*changes += meets.len;
}

/* ---- scorecards -------------------------------------------------------------- */

static const sc_result *find_card(const eval_result *r, const char *name)
{
	for (size_t i = 0; i < r->ncards; i++)
		if (same_str(r->cards[i].card->name.s, name))
			return &r->cards[i];
	return NULL;
}

/* One version's status, score and band: of a roll-up (objective or
 * scorecard) or of a measure; left as they are when it has neither. */
static void sc_side(const sc_rollup *r, const sc_measure_result *m, sc_status *status,
		    bool *has_score, num *score, const char **band)
{
	if (r) {
		*status = r->status;
		*has_score = r->has_score;
		*score = r->score;
	} else if (m) {
		*status = m->status;
		*has_score = m->has_score;
		*score = m->score;
		*band = m->band;
	}
}

static void sc_record(vec *v, size_t *changes, const char *card, impact_sc_kind kind,
		      const char *name, const sc_rollup *ro, const sc_rollup *rn,
		      const sc_measure_result *mo, const sc_measure_result *mn)
{
	impact_sc x = {0};
	x.scorecard = card;
	x.kind = kind;
	x.name = name;
	x.in_old = ro || mo;
	x.in_new = rn || mn;
	sc_side(ro, mo, &x.old_status, &x.old_has_score, &x.old_score, &x.old_band);
	sc_side(rn, mn, &x.new_status, &x.new_has_score, &x.new_score, &x.new_band);
	bool same = x.in_old && x.in_new && x.old_status == x.new_status &&
		x.old_has_score == x.new_has_score &&
		(!x.old_has_score || num_eq(x.old_score, x.new_score)) &&
		same_str(x.old_band, x.new_band);
	if (same)
		return;
	*(impact_sc *)vec_push(v) = x;
	(*changes)++;
}

static long find_objective(const m_scorecard *s, const char *name)
{
	for (size_t i = 0; i < s->objectives.len; i++)
		if (same_str(((const m_objective *)s->objectives.items[i])->name.s, name))
			return (long)i;
	return -1;
}

static long find_measure(const m_scorecard *s, const char *name)
{
	for (size_t i = 0; i < s->measures.len; i++)
		if (same_str(((const m_measure *)s->measures.items[i])->name.s, name))
			return (long)i;
	return -1;
}

static void compare_card(vec *v, size_t *changes, const sc_result *o, const sc_result *n)
{
	const m_scorecard *co = o->card, *cn = n->card;
	const char *card = cn->name.s;
	sc_record(v, changes, card, IMPACT_SCORECARD, card, &o->overall, &n->overall,
		  NULL, NULL);
	for (size_t i = 0; i < cn->objectives.len; i++) {
		const char *name = ((const m_objective *)cn->objectives.items[i])->name.s;
		long j = find_objective(co, name);
		sc_record(v, changes, card, IMPACT_OBJECTIVE, name,
			  j >= 0 ? &o->objectives[j] : NULL, &n->objectives[i], NULL, NULL);
	}
	for (size_t j = 0; j < co->objectives.len; j++) {
		const char *name = ((const m_objective *)co->objectives.items[j])->name.s;
		if (find_objective(cn, name) < 0)
			sc_record(v, changes, card, IMPACT_OBJECTIVE, name, &o->objectives[j],
				  NULL, NULL, NULL);
	}
	for (size_t i = 0; i < cn->measures.len; i++) {
		const char *name = ((const m_measure *)cn->measures.items[i])->name.s;
		long j = find_measure(co, name);
		sc_record(v, changes, card, IMPACT_MEASURE, name, NULL, NULL,
			  j >= 0 ? &o->measures[j] : NULL, &n->measures[i]);
	}
	for (size_t j = 0; j < co->measures.len; j++) {
		const char *name = ((const m_measure *)co->measures.items[j])->name.s;
		if (find_measure(cn, name) < 0)
			sc_record(v, changes, card, IMPACT_MEASURE, name, NULL, NULL,
				  &o->measures[j], NULL);
	}
}

/* ---- certifications ------------------------------------------------------- */

static const cert_result *find_cert(const eval_result *r, const char *name)
{
	for (size_t i = 0; i < r->ncerts; i++)
		if (same_str(r->certs[i].cert->name.s, name))
			return &r->certs[i];
	return NULL;
}

static int cmp_change(const void *a, const void *b, void *ctx)
{
	(void)ctx;
	return key_cmp(((const impact_cert_change *)a)->subject,
		       ((const impact_cert_change *)b)->subject);
}

static bool held(int status)
{
	return status >= 0 && cert_held((cert_status)status);
}

static void compare_cert(arena *a, const char *name, const cert_result *o,
			 const cert_result *n, impact_cert *out, size_t *changes)
{
	out->name = name;
	out->in_old = o != NULL;
	out->in_new = n != NULL;
	vec v = {a, NULL, 0, 0, sizeof(impact_cert_change)};
	/* Every subject of the old version, then those only in the new. */
	for (size_t i = 0; o && i < o->n; i++) {
		uint32_t row = o->order[i];
		val key = table_key(o->subjects, row);
		int32_t nrow = n && is_text(key) ? table_find(n->subjects, key.s, key.len) : -1;
		int os = o->subj[row].status, ns = nrow >= 0 ? n->subj[nrow].status : -1;
		if (os == ns)
			continue;
		impact_cert_change *c = vec_push(&v);
		c->subject = key;
		c->old_status = os;
		c->new_status = ns;
	}
	for (size_t i = 0; n && i < n->n; i++) {
		uint32_t row = n->order[i];
		val key = table_key(n->subjects, row);
		int32_t orow = o && is_text(key) ? table_find(o->subjects, key.s, key.len) : -1;
		if (orow >= 0)
			continue;
		int ns = n->subj[row].status;
		/* A certification no one held before: only its holders change. */
		if (!o && !held(ns))
			continue;
		impact_cert_change *c = vec_push(&v);
		c->subject = key;
		c->old_status = -1;
		c->new_status = ns;
	}
	if (!n) {
		/* Removed: only those who held it lose something. */
		size_t k = 0;
		impact_cert_change *c = (impact_cert_change *)v.items;
		for (size_t i = 0; i < v.len; i++)
			if (held(c[i].old_status))
				c[k++] = c[i];
		v.len = k;
	}
	sort_stable(v.items, v.len, sizeof(impact_cert_change), cmp_change, NULL);
	out->changes = (impact_cert_change *)v.items;
	out->nchanges = v.len;
	for (size_t i = 0; i < v.len; i++) {
		bool ho = held(out->changes[i].old_status), hn = held(out->changes[i].new_status);
		out->gained += hn && !ho;
		out->lost += ho && !hn;
	}
	*changes += v.len;
}

/* ---- rules ------------------------------------------------------------------ */

static const rule_result *find_rule(const eval_result *r, const char *name)
{
	for (size_t i = 0; i < r->nrules; i++)
		if (same_str(r->rules[i].rule->decl->name.s, name))
			return &r->rules[i];
	return NULL;
}

static long find_group(const rule_result *r, val key)
{
	for (size_t k = 0; k < r->n; k++)
		if (impact_same_val(r->keys[k], key))
			return (long)k;
	return -1;
}

static int cmp_rule_change(const void *a, const void *b, void *ctx)
{
	(void)ctx;
	const impact_rule *x = a, *y = b;
	int c = strcmp(x->rule, y->rule);
	return c ? c : key_cmp(x->group, y->group);
}

static void compare_rule(vec *v, size_t *changes, const rule_result *o,
			 const rule_result *n)
{
	const char *name = n->rule->decl->name.s;
	bool grouped = o->keys && n->keys;
	if (!grouped) {
		/* One value each (or one side grouped, the other not: then the
		 * rule changed kind, and its values are not comparable). */
		if (o->keys || n->keys || o->n != 1 || n->n != 1 ||
		    impact_same_val(o->values[0], n->values[0]))
			return;
		impact_rule *x = vec_push(v);
		x->rule = name;
		x->in_old = x->in_new = true;
		x->old_value = o->values[0];
		x->new_value = n->values[0];
		(*changes)++;
		return;
	}
	for (size_t k = 0; k < o->n; k++) {
		long j = find_group(n, o->keys[k]);
		if (j >= 0 && impact_same_val(o->values[k], n->values[j]))
			continue;
		impact_rule *x = vec_push(v);
		x->rule = name;
		x->grouped = true;
		x->group = o->keys[k];
		x->in_old = true;
		x->in_new = j >= 0;
		x->old_value = o->values[k];
		x->new_value = j >= 0 ? n->values[j] : val_none();
		(*changes)++;
	}
	for (size_t j = 0; j < n->n; j++) {
		if (find_group(o, n->keys[j]) >= 0)
			continue;
		impact_rule *x = vec_push(v);
		x->rule = name;
		x->grouped = true;
		x->group = n->keys[j];
		x->in_new = true;
		x->old_value = val_none();
		x->new_value = n->values[j];
		(*changes)++;
	}
}

/* ---- driver ------------------------------------------------------------------ */

static int cmp_assessment(const void *a, const void *b)
{
	return strcmp(((const impact_assessment *)a)->name,
		      ((const impact_assessment *)b)->name);
}

void impact_compare(arena *a, const eval_result *o, const eval_result *n,
		    impact_result *out)
{
	memset(out, 0, sizeof *out);
	/* Assessments in both versions. */
	out->assessments = arena_alloc(a, (o->nruns + 1) * sizeof *out->assessments);
	for (size_t i = 0; i < o->nruns; i++)
		for (size_t j = 0; j < n->nruns; j++)
			if (same_str(o->runs[i].as->name.s, n->runs[j].as->name.s) &&
			    o->runs[i].as->framework && n->runs[j].as->framework)
				compare_assessment(a, o, n, &o->runs[i], &n->runs[j],
						   &out->assessments[out->nassessments++],
						   &out->changes);
	qsort(out->assessments, out->nassessments, sizeof *out->assessments, cmp_assessment);
	/* Scorecards in both versions, as the new one orders them. */
	vec sc = {a, NULL, 0, 0, sizeof(impact_sc)};
	for (size_t j = 0; j < n->ncards; j++) {
		const sc_result *x = find_card(o, n->cards[j].card->name.s);
		if (x)
			compare_card(&sc, &out->changes, x, &n->cards[j]);
	}
	out->scorecards = (impact_sc *)sc.items;
	out->nscorecards = sc.len;
	/* Certifications of either version, by name. */
	const char **names = arena_alloc(a, (o->ncerts + n->ncerts + 1) * sizeof *names);
	size_t k = 0;
	for (size_t i = 0; i < o->ncerts; i++)
		names[k++] = o->certs[i].cert->name.s;
	for (size_t j = 0; j < n->ncerts; j++)
		if (!find_cert(o, n->certs[j].cert->name.s))
			names[k++] = n->certs[j].cert->name.s;
	qsort(names, k, sizeof *names, cmp_cstr);
	out->certs = arena_alloc(a, (k + 1) * sizeof *out->certs);
	for (size_t i = 0; i < k; i++) {
		const cert_result *x = find_cert(o, names[i]), *y = find_cert(n, names[i]);
		compare_cert(a, names[i], x, y, &out->certs[out->ncerts], &out->changes);
		if (out->certs[out->ncerts].nchanges || !x || !y)
			out->ncerts++;
	}
	/* Rules in both versions. */
	vec rv = {a, NULL, 0, 0, sizeof(impact_rule)};
	for (size_t j = 0; j < n->nrules; j++) {
		const rule_result *x = find_rule(o, n->rules[j].rule->decl->name.s);
		if (x)
			compare_rule(&rv, &out->changes, x, &n->rules[j]);
	}
	sort_stable(rv.items, rv.len, sizeof(impact_rule), cmp_rule_change, NULL);
	out->rules = (impact_rule *)rv.items;
	out->nrules = rv.len;
}
