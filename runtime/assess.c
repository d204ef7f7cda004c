/* assess.c - the 360-degree assessment; see assess.h. */
#include "assess.h"

#include "mem.h"
#include "sort.h"

#include <pthread.h>

#include <stdlib.h>
#include <string.h>

void assess_init(assess_run *r, arena *a, const model *m,
		 const m_assessment *as, table *subjects)
{
	memset(r, 0, sizeof *r);
	r->as = as;
	r->model = m;
	r->arena = a;
	r->subjects = subjects;
	r->nsubj = subjects->nrows;
	r->ncomp = as->framework->competencies.len;
	r->nrel = as->relations.len;
	r->narrow = mem_calloc_large(r->nsubj * r->ncomp * r->nrel, sizeof *r->narrow);
	r->sum_den = 1;
	/* Each profile's requirement of each competency, found once. */
	size_t np = m->profiles.len;
	r->req = arena_alloc(a, (np * r->ncomp + 1) * sizeof *r->req);
	for (size_t p = 0; p < np; p++) {
		const m_profile *pr = m->profiles.items[p];
		for (size_t i = 0; i < pr->requirements.len; i++) {
			const m_requirement *q = pr->requirements.items[i];
			for (size_t c = 0; c < r->ncomp; c++)
				if (q->competency == as->framework->competencies.items[c])
					r->req[p * r->ncomp + c] = q;
		}
	}
	seen_init(&r->seen, r->nsubj * r->nrel, r->ncomp);
	intern_init(&r->raters, a);
	/* Column positions, found once rather than per row. */
	const m_dataset *ds = as->ratings;
	r->col_subject = column_index(ds, as->cols.subject);
	r->col_rater = column_index(ds, as->cols.rater);
	r->col_competency = column_index(ds, as->cols.competency);
	r->col_score = column_index(ds, as->cols.score);
	r->col_relation = as->cols.relation ? column_index(ds, as->cols.relation)
					    : (size_t)-1;
	r->rel_len = arena_alloc(a, (r->nrel ? r->nrel : 1) * sizeof *r->rel_len);
	for (size_t i = 0; i < r->nrel; i++)
		r->rel_len[i] = strlen(((const m_relation *)as->relations.items[i])->name.s);
	/* Whole-number weights over their common denominator. */
	int64_t den = 1;
	bool fits = true;
	for (size_t i = 0; i < r->nrel && fits; i++) {
		const m_relation *mr = as->relations.items[i];
		int64_t g = mr->weight.d, a0 = (int64_t)num_gcd((uint64_t)den, (uint64_t)g);
		fits = mr->weight.n >= 0 && !__builtin_mul_overflow(den / a0, g, &den) &&
		       den <= (1 << 20);
	}
	if (fits && r->nrel) {
		r->wint = arena_alloc(a, r->nrel * sizeof *r->wint);
		for (size_t i = 0; i < r->nrel; i++) {
			const m_relation *mr = as->relations.items[i];
			r->wint[i] = mr->weight.n * (den / mr->weight.d);
		}
	}
}

void assess_free(assess_run *r)
{
	free(r->narrow);
	free(r->cells);
	free(r->comps);
	seen_free(&r->seen);
	r->narrow = NULL;
	r->cells = NULL;
	r->comps = NULL;
}

/* A part's cells [from, to) are added in: their whole pages go back to the
 * system, so that the memory of the two parts does not add up while r's
 * cells fill.  The part is dropped afterwards; nothing reads them again. */
enum { GIVE_BACK = 1 << 18 };

static void give_back(assess_run *part, size_t from, size_t to)
{
	size_t width = part->cells ? sizeof *part->cells : sizeof *part->narrow;
	mem_give_back(part->cells ? (void *)part->cells : (void *)part->narrow,
		      from * width, to * width);
}

/* The largest |x| * f, or INT64_MAX when it does not fit. */
static int64_t scaled_abs(int64_t x, int64_t f)
{
	int64_t out;
	if (x == INT64_MIN || __builtin_mul_overflow(x < 0 ? -x : x, f, &out))
		return INT64_MAX;
	return out;
}

static bool rescale(assess_run *r, int64_t d);
static void store(assess_run *r, size_t i, rel_cell c);

const char *assess_add_row(void *ud, const val *row, uint32_t line,
			   size_t *column)
{
	assess_run *r = ud;
	(void)line;
	const val *subject = &row[r->col_subject];
	const val *rater = &row[r->col_rater];
	const val *comp = &row[r->col_competency];
	const val *score = &row[r->col_score];
	if (subject->kind != VAL_REF || comp->kind != VAL_REF || rater->kind != VAL_TEXT)
		return "subject, rater and competency are all required";
	/* Without a relation column, every rating is of the one relation. */
	size_t rel = 0;
	if (r->col_relation != (size_t)-1) {
		const val *relation = &row[r->col_relation];
		if (relation->kind != VAL_TEXT)
			return "a relation is required";
		while (rel < r->nrel && !(r->rel_len[rel] == relation->len &&
					  memcmp(((const m_relation *)r->as->relations.items[rel])->name.s,
						 relation->s, relation->len) == 0))
			rel++;
		*column = r->col_relation;
		if (rel == r->nrel)
			return arena_printf(r->arena, "relation '%.*s' has no weight in "
					    "assessment '%s'", (int)relation->len,
					    relation->s, r->as->name.s);
	}
	/* The duplicate set keys (subject, relation) in 32 bits. */
	if ((uint64_t)r->nsubj * r->nrel > UINT32_MAX)
		return "too many subjects for one assessment";
	const char *who = intern(&r->raters, rater->s, rater->len);
	uint32_t s = (uint32_t)subject->u.ref, c = (uint32_t)comp->u.ref;
	seen_entry *seen = seen_entry_of(&r->seen, (uint32_t)(s * r->nrel + rel), who);
	*column = r->col_score;
	if (score->kind != VAL_NA && score->kind != VAL_NUM)
		return "a score is required";
	*column = r->col_rater;
	if (seen_has(&r->seen, seen, c))
		return arena_printf(r->arena, "duplicate rating: rater '%s' has "
				    "already rated '%.*s' on '%.*s' as %s",
				    who, (int)subject->len, subject->s,
				    (int)comp->len, comp->s,
				    ((const m_relation *)r->as->relations.items[rel])->name.s);
	/* Taken: only now does the rating count as seen. */
	size_t at = ((size_t)s * r->ncomp + c) * r->nrel + rel;
	if (score->kind == VAL_NA) {
		rel_cell cell = assess_cell(r, s, c, rel);
		if (cell.na == UINT32_MAX)
			return "too many answers for one subject, competency and relation";
		seen_mark(&r->seen, seen, c);
		cell.na++;
		store(r, at, cell);
		r->na_answers++;
		return NULL;
	}
	*column = r->col_score;
	num v = score->u.n;
	bool fits = r->sum_den % v.d == 0 || rescale(r, v.d);
	rel_cell cell = assess_cell(r, s, c, rel); /* after rescale */
	int64_t value, add;
	fits = fits && !__builtin_mul_overflow(v.n, r->sum_den / v.d, &value) &&
	       !__builtin_add_overflow(cell.sum, value, &add) &&
	       cell.raters != UINT32_MAX;
	if (!fits) {
		r->sum_refused = true;
		return "the sum of scores is too large to hold exactly";
	}
	seen_mark(&r->seen, seen, c);
	cell.sum = add;
	cell.raters++;
	/* The score too, not only the sum: read in one pass, with a larger
	 * sum_den, the score alone could overflow where the sum would not
	 * (-3e18 then 5.5e18 in units of 1/2). */
	if (scaled_abs(add, 1) > r->absmax)
		r->absmax = scaled_abs(add, 1);
	if (scaled_abs(value, 1) > r->absmax)
		r->absmax = scaled_abs(value, 1);
	store(r, at, cell);
	return NULL;
}

/* From 8-byte to 16-byte cells, for good: a sum or a count does not fit. */
static void widen(assess_run *r)
{
	size_t n = r->nsubj * r->ncomp * r->nrel;
	r->cells = mem_calloc_large(n, sizeof *r->cells);
	for (size_t i = 0; i < n; i++) {
		r->cells[i].sum = r->narrow[i].sum;
		r->cells[i].raters = r->narrow[i].raters;
		r->cells[i].na = r->narrow[i].na;
	}
	free(r->narrow);
	r->narrow = NULL;
}

/* Writes cell i, widening every cell first when it does not fit in 8
 * bytes. */
static void store(assess_run *r, size_t i, rel_cell c)
{
	if (!r->cells && (c.sum < INT32_MIN || c.sum > INT32_MAX ||
			  c.raters > UINT16_MAX || c.na > UINT16_MAX))
		widen(r);
	if (r->cells) {
		r->cells[i] = c;
		return;
	}
	r->narrow[i].sum = (int32_t)c.sum;
	r->narrow[i].raters = (uint16_t)c.raters;
	r->narrow[i].na = (uint16_t)c.na;
}

/* Whether every sum can be multiplied by factor; nothing is changed when
 * one cannot, so a run is never left half scaled. */
static bool can_scale(const assess_run *r, int64_t factor)
{
	size_t n = r->nsubj * r->ncomp * r->nrel;
	int64_t out;
	for (size_t i = 0; i < n; i++)
		if (__builtin_mul_overflow(r->cells ? r->cells[i].sum : r->narrow[i].sum,
					   factor, &out))
			return false;
	return true;
}

static void scale(assess_run *r, int64_t factor)
{
	size_t n = r->nsubj * r->ncomp * r->nrel;
	for (size_t i = 0; i < n; i++) {
		rel_cell c = r->cells ? r->cells[i]
			: (rel_cell){r->narrow[i].sum, r->narrow[i].raters, r->narrow[i].na};
		if (c.sum == 0)
			continue;
		c.sum *= factor;
		store(r, i, c);
	}
}

/* The least common multiple of the sums' denominator and d, or 0 when it
 * does not fit. */
static int64_t common_den(int64_t a, int64_t d)
{
	int64_t g = (int64_t)num_gcd((uint64_t)a, (uint64_t)d), den;
	return __builtin_mul_overflow(a / g, d, &den) ? 0 : den;
}

/* A score with denominator d: every sum is scaled to the least common
 * multiple of sum_den and d.  Rare (whole-number scores never need it,
 * half points once), so the pass over every cell does not matter. */
static bool rescale(assess_run *r, int64_t d)
{
	int64_t den = common_den(r->sum_den, d);
	if (!den || !can_scale(r, den / r->sum_den))
		return false;
	scale(r, den / r->sum_den);
	r->absmax = scaled_abs(r->absmax, den / r->sum_den);
	r->sum_den = den;
	return true;
}

/* ---- the second half of a ratings file, on another thread ---------------- */

void *assess_fork(void *ud, arena *a)
{
	const assess_run *r = ud;
	assess_run *part = malloc(sizeof *part);
	if (!part)
		abort();
	*part = *r;
	part->arena = a;
	/* Read on every row: the part's own copy, away from the cache lines
	 * this thread writes (the run itself is next to r's in its arena). */
	part->rel_len = arena_alloc(a, (r->nrel ? r->nrel : 1) * sizeof *part->rel_len);
	memcpy(part->rel_len, r->rel_len, r->nrel * sizeof *part->rel_len);
	part->narrow = mem_calloc_large(r->nsubj * r->ncomp * r->nrel, sizeof *part->narrow);
	part->cells = NULL;
	part->sum_den = 1;
	part->na_answers = 0;
	part->absmax = 0;
	part->sum_refused = false;
	seen_init(&part->seen, r->seen.nkeys, r->ncomp);
	intern_init(&part->raters, a);
	return part;
}

void assess_drop(void *p)
{
	if (!p)
		return;
	assess_free(p);
	free(p);
}

/* Whether a rating of the part repeats one of r: then reading the rows in
 * one pass would have refused it, with a message in its place. */
static bool repeats(assess_run *r, const assess_run *part)
{
	for (uint32_t key = 0; key < part->seen.nkeys; key++) {
		if (!seen_first(&r->seen, key))
			continue; /* most keys: r has no rating of that subject */
		for (const seen_entry *pe = seen_first(&part->seen, key); pe;
		     pe = seen_next(&part->seen, pe)) {
			/* The part's raters are interned in its own table. */
			const char *who = intern(&r->raters, pe->rater, strlen(pe->rater));
			const seen_entry *re = seen_find(&r->seen, key, who);
			if (re && seen_overlap(&r->seen, re, &part->seen, pe))
				return true;
		}
	}
	return false;
}

bool assess_join(void *ud, void *p)
{
	assess_run *r = ud, *part = p;
	/* A row the part refused for its sum might have fitted after r's
	 * rows (a negative sum of r's in the same cell). */
	if (part->sum_refused)
		return false;
	if (part->seen.len && r->seen.len && repeats(r, part))
		return false;
	/* Both to one denominator.  Read in one pass, a cell's sum would go
	 * through r's final sum plus each partial sum of the part, which, like
	 * each score of the part, is at most part->absmax: when that bound
	 * fits, no row of the part would have been refused for a sum too
	 * large, and nothing below overflows. */
	int64_t den = common_den(r->sum_den, part->sum_den);
	if (!den)
		return false;
	int64_t pf = den / part->sum_den, rf = den / r->sum_den, amax = 0, bound;
	size_t n = r->nsubj * r->ncomp * r->nrel;
	for (size_t i = 0; i < n; i++) {
		rel_cell a = r->cells ? r->cells[i]
			: (rel_cell){r->narrow[i].sum, r->narrow[i].raters, r->narrow[i].na};
		rel_cell b = part->cells ? part->cells[i]
			: (rel_cell){part->narrow[i].sum, part->narrow[i].raters,
				     part->narrow[i].na};
		int64_t x = scaled_abs(a.sum, 1);
		if (x > amax)
			amax = x;
		if (a.raters > UINT32_MAX - b.raters || a.na > UINT32_MAX - b.na)
			return false;
	}
	if (__builtin_add_overflow(scaled_abs(amax, rf), scaled_abs(part->absmax, pf),
				   &bound) || bound == INT64_MAX)
		return false;
	/* Nothing can fail now.  Neither duplicate set is needed any more;
	 * their memory goes before r's cells fill up with the part's. */
	seen_free(&r->seen);
	seen_free(&part->seen);
	if (rf != 1)
		scale(r, rf);
	r->sum_den = den;
	for (size_t i = 0; i < n; i++) {
		if (i % GIVE_BACK == 0 && i)
			give_back(part, i - GIVE_BACK, i);
		rel_cell b = part->cells ? part->cells[i]
			: (rel_cell){part->narrow[i].sum, part->narrow[i].raters,
				     part->narrow[i].na};
		if (!b.sum && !b.raters && !b.na)
			continue;
		rel_cell a = r->cells ? r->cells[i]
			: (rel_cell){r->narrow[i].sum, r->narrow[i].raters, r->narrow[i].na};
		a.sum += b.sum * pf;
		a.raters += b.raters;
		a.na += b.na;
		store(r, i, a);
	}
	give_back(part, n - n % GIVE_BACK, n);
	r->na_answers += part->na_answers;
	r->absmax = bound;
	return true;
}

num assess_cell_sum(const assess_run *r, const rel_cell *cell)
{
	num out;
	if (num_make(cell->sum, r->sum_den, &out) != NUM_OK)
		out = num_int(0); /* cannot happen: sum_den > 0 */
	return out;
}

bool assess_cell_mean(const assess_run *r, const rel_cell *cell, num *mean)
{
	int64_t den;
	if (!__builtin_mul_overflow(r->sum_den, (int64_t)cell->raters, &den))
		return num_make(cell->sum, den, mean) == NUM_OK;
	return num_div(assess_cell_sum(r, cell), num_int(cell->raters), mean) == NUM_OK;
}

rel_status assess_rel_status(const assess_run *r, const rel_cell *cell,
			     size_t rel)
{
	const m_relation *mr = r->as->relations.items[rel];
	if (cell->raters == 0)
		return REL_MISSING;
	return cell->raters < (uint32_t)mr->minimum ? REL_WITHHELD : REL_PRESENT;
}

/* ---- per subject -------------------------------------------------------- */

/* Weighted mean of the present relations' means, renormalised over them;
 * `skip` excludes one relation (self, for "others"), -1 none. */
/* The same, exactly, when the weights are whole numbers (r->wint): the sum
 * over relations of W * sum * (L / raters), over L * (sum of W) * sum_den,
 * with L the least common multiple of the rater counts; false when that
 * does not fit, for the general way. */
__extension__ typedef __int128 wide;

static bool weighted_whole(const assess_run *r, size_t s, size_t c, long skip,
			   bool zero_missing, num *out, bool *any)
{
	int64_t L = 1, wsum = 0;
	*any = false;
	for (size_t rel = 0; rel < r->nrel; rel++) {
		if ((long)rel == skip)
			continue;
		const rel_cell cell_ = assess_cell(r, s, c, rel), *cell = &cell_;
		if (assess_rel_status(r, cell, rel) != REL_PRESENT) {
			if (zero_missing)
				wsum += r->wint[rel];
			continue;
		}
		int64_t a0 = (int64_t)num_gcd((uint64_t)L, cell->raters);
		if (__builtin_mul_overflow(L / a0, (int64_t)cell->raters, &L) || L > (1 << 20))
			return false;
		wsum += r->wint[rel];
		*any = true;
	}
	if (!*any)
		return true;
	wide acc = 0;
	for (size_t rel = 0; rel < r->nrel; rel++) {
		if ((long)rel == skip)
			continue;
		const rel_cell cell_ = assess_cell(r, s, c, rel), *cell = &cell_;
		if (assess_rel_status(r, cell, rel) != REL_PRESENT)
			continue;
		acc += (wide)r->wint[rel] * cell->sum * (L / (int64_t)cell->raters);
	}
	wide den = (wide)L * wsum * r->sum_den;
	if (acc > INT64_MAX || acc < -INT64_MAX || den > INT64_MAX || den <= 0)
		return false;
	return num_make((int64_t)acc, (int64_t)den, out) == NUM_OK;
}

static bool weighted(const assess_run *r, size_t s, size_t c, long skip,
		     bool zero_missing, num *out, bool *any)
{
	if (r->wint && weighted_whole(r, s, c, skip, zero_missing, out, any))
		return true;
	num acc = num_int(0), wsum = num_int(0);
	*any = false;
	for (size_t rel = 0; rel < r->nrel; rel++) {
		if ((long)rel == skip)
			continue;
		const m_relation *mr = r->as->relations.items[rel];
		const rel_cell cell_ = assess_cell(r, s, c, rel), *cell = &cell_;
		if (assess_rel_status(r, cell, rel) != REL_PRESENT) {
			if (zero_missing && num_add(wsum, mr->weight, &wsum) != NUM_OK)
				return false;
			continue;
		}
		num mean, term;
		if (!assess_cell_mean(r, cell, &mean) ||
		    num_mul(mean, mr->weight, &term) != NUM_OK ||
		    num_add(acc, term, &acc) != NUM_OK ||
		    num_add(wsum, mr->weight, &wsum) != NUM_OK)
			return false;
		*any = true;
	}
	if (*any && num_div(acc, wsum, out) != NUM_OK)
		return false;
	return true;
}

static const m_requirement *requirement(const assess_run *r, int32_t profile,
					size_t c)
{
	return profile < 0 ? NULL : r->req[(size_t)profile * r->ncomp + c];
}

static bool meets(num score, expr_op cmp, num required)
{
	int c = num_cmp(score, required);
	return cmp == OP_GT ? c > 0 : cmp == OP_EQ ? c == 0 : c >= 0;
}

/* Where scoring stopped.  Subjects may be scored on two threads, and an
 * arena is not to be shared between them, so the message is written
 * afterwards, by score_message. */
typedef struct score_stop {
	enum { STOP_NONE, STOP_OVERFLOW, STOP_MISSING, STOP_EVAL } why;
	size_t s, c, rel;
	rel_status st;
} score_stop;

static bool stop_at(score_stop *stop, int why, size_t s, size_t c)
{
	stop->why = why;
	stop->s = s;
	stop->c = c;
	return false;
}

static void score_message(assess_run *r, const score_stop *stop)
{
	const m_assessment *as = r->as;
	const m_competency *k = as->framework->competencies.items[stop->c];
	val key = table_key(r->subjects, stop->s);
	if (stop->why == STOP_OVERFLOW)
		r->error = arena_printf(r->arena, "the exact score of '%.*s' on '%s' "
					"does not fit in 64-bit fractions", (int)key.len,
					key.s, k->name.s);
	else if (stop->why == STOP_MISSING)
		r->error = arena_printf(r->arena, "'%.*s' has no %s for "
					"'%s' from relation '%s', and "
					"assessment '%s' says 'missing error'",
					(int)key.len, key.s,
					stop->st == REL_WITHHELD ? "shown ratings (too few raters)"
					: "ratings", k->name.s,
					((const m_relation *)as->relations.items[stop->rel])->name.s,
					as->name.s);
}

static val num_or_none(bool has, num n)
{
	return has ? val_num(n) : val_none();
}

static bool score_subject(assess_run *r, size_t s, eval_env *env,
			  score_stop *stop)
{
	const m_assessment *as = r->as;
	subject_result *sr = &r->subj[s];
	sr->total_gap = num_int(0);
	sr->profile = -1;
	if (as->profile_column) {
		const val *pv = &r->subjects->cells[s * r->subjects->ncols +
					column_index(as->subjects, as->profile_column)];
		if (pv->kind == VAL_REF)
			sr->profile = pv->u.ref;
	}
	sr->meets = sr->profile >= 0;
	long self = -1;
	for (size_t rel = 0; rel < r->nrel; rel++)
		if (r->as->relations.items[rel] == as->self)
			self = (long)rel;
	for (size_t c = 0; c < r->ncomp; c++) {
		comp_result *cr = assess_comp(r, s, c);
		const m_competency *k = as->framework->competencies.items[c];
		for (size_t rel = 0; rel < r->nrel; rel++) {
			rel_cell cell = assess_cell(r, s, c, rel);
			rel_status st = assess_rel_status(r, &cell, rel);
			if (st == REL_WITHHELD)
				cr->withheld++;
			if (st != REL_PRESENT && as->missing == MISSING_ERROR) {
				stop->rel = rel;
				stop->st = st;
				return stop_at(stop, STOP_MISSING, s, c);
			}
		}
		bool any;
		if (!weighted(r, s, c, -1, as->missing == MISSING_ZERO, &cr->score, &any))
			return stop_at(stop, STOP_OVERFLOW, s, c);
		cr->has_score = any;
		/* Self against the others. */
		rel_cell self_cell = self >= 0 ? assess_cell(r, s, c, (size_t)self)
					       : (rel_cell){0, 0, 0};
		if (self >= 0 && assess_rel_status(r, &self_cell, (size_t)self) == REL_PRESENT) {
			num others, self_mean;
			bool have_others;
			const rel_cell *sc = &self_cell;
			if (!weighted(r, s, c, self, false, &others, &have_others) ||
			    !assess_cell_mean(r, sc, &self_mean))
				return stop_at(stop, STOP_OVERFLOW, s, c);
			if (have_others) {
				num self_diff;
				if (num_sub(self_mean, others, &self_diff) != NUM_OK)
					return stop_at(stop, STOP_OVERFLOW, s, c);
				cr->has_self_diff = true;
				num neg;
				num_neg(self_diff, &neg);
				if (num_cmp(self_diff, as->threshold) > 0)
					cr->flag = SELF_BLIND_SPOT;
				else if (num_cmp(neg, as->threshold) > 0)
					cr->flag = SELF_HIDDEN_STRENGTH;
			}
		}
		/* The profile's requirement. */
		const m_requirement *q = requirement(r, sr->profile, c);
		if (q && q->not_applicable)
			cr->not_applicable = true;
		else if (q) {
			cr->has_required = true;
			cr->cmp = q->cmp;
			num gap = num_int(0);
			if (cr->has_score) {
				num d;
				if (num_sub(q->level, cr->score, &d) != NUM_OK)
					return stop_at(stop, STOP_OVERFLOW, s, c);
				gap = num_sign(d) > 0 ? d : num_int(0);
				cr->has_gap = true;
				cr->met = meets(cr->score, q->cmp, q->level);
				if (num_sign(gap) > 0) {
					sr->gaps++;
					if (num_add(sr->total_gap, gap, &sr->total_gap) != NUM_OK)
						return stop_at(stop, STOP_OVERFLOW, s, c);
				}
			} else {
				sr->no_data++;
			}
			if (!cr->met)
				sr->meets = false;
		}
		/* Development: the first matching rule. */
		if (cr->has_required && cr->has_score) {
			env->develop = true;
			env->row_table = r->subjects;
			env->row = s;
			env->gap = val_num(assess_gap(r, s, c));
			env->score = val_num(cr->score);
			env->required = num_or_none(true, assess_required(r, s, c));
			env->competency = k->name.s;
			for (size_t i = 0; i < as->develops.len && i < UINT16_MAX && !cr->develop; i++) {
				const m_develop *dv = as->develops.items[i];
				if (eval_true(eval_expr(env, dv->when)))
					cr->develop = (uint16_t)(i + 1);
			}
			env->develop = false;
			if (env->error)
				return stop_at(stop, STOP_EVAL, s, c);
		}
	}
	return true;
}

/* ---- orderings, groups, succession ----------------------------------------- */

static int key_cmp(const assess_run *r, uint32_t a, uint32_t b)
{
	return eval_compare(table_key(r->subjects, a), table_key(r->subjects, b));
}

static int cmp_subject(const void *pa, const void *pb, void *ctx)
{
	return key_cmp(ctx, *(const uint32_t *)pa, *(const uint32_t *)pb);
}

static int cmp_comp(const void *pa, const void *pb, void *ctx)
{
	const m_framework *f = ((const assess_run *)ctx)->as->framework;
	const m_competency *a = f->competencies.items[*(const uint32_t *)pa];
	const m_competency *b = f->competencies.items[*(const uint32_t *)pb];
	return strcmp(a->name.s, b->name.s);
}

/* Candidates with a score for every requirement first, then by the
 * remaining gap, then by key. */
static int cmp_succession(const void *pa, const void *pb, void *ctx)
{
	const succession_entry *a = pa, *b = pb;
	if (a->complete != b->complete)
		return a->complete ? -1 : 1;
	int c = num_cmp(a->total_gap, b->total_gap);
	return c ? c : key_cmp(ctx, a->subject, b->subject);
}

static bool same_group(const table *t, size_t col, uint32_t a, uint32_t b)
{
	return eval_compare(t->cells[a * t->ncols + col], t->cells[b * t->ncols + col]) == 0;
}

static bool group_overflow(assess_run *r, const group_result *gr)
{
	r->error = arena_printf(r->arena, "the mean of group '%.*s' does not fit "
				"in 64-bit fractions", (int)gr->key.len,
				gr->key.s ? gr->key.s : "");
	return false;
}

/* Groups by a column of the subjects: subjects sorted by its value (a
 * stable sort keeps them in key order within a group), then one pass.  A
 * subject with no value in the column belongs to no group. */
static bool build_groups(assess_run *r)
{
	const m_assessment *as = r->as;
	const table *t = r->subjects;
	size_t gc = column_index(as->subjects, as->group_column);
	uint32_t *by = mem_calloc(r->nsubj + 1, sizeof *by);
	size_t n = 0;
	for (size_t i = 0; i < r->nsubj; i++) {
		val v = t->cells[r->order[i] * t->ncols + gc];
		if (v.kind != VAL_NONE && v.kind != VAL_NA)
			by[n++] = r->order[i];
	}
	eval_sort_rows(t, gc, by, n);
	size_t ng = 0;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || !same_group(t, gc, by[i - 1], by[i]))
			ng++;
	r->groups = arena_alloc(r->arena, (ng ? ng : 1) * sizeof *r->groups);
	r->ngroups = ng;
	bool ok = true;
	group_result *gr = NULL;
	for (size_t i = 0; i < n && ok; i++) {
		uint32_t s = by[i];
		if (i == 0 || !same_group(t, gc, by[i - 1], s)) {
			gr = gr ? gr + 1 : r->groups;
			gr->key = t->cells[s * t->ncols + gc];
			gr->mean = arena_alloc(r->arena, r->ncomp * sizeof *gr->mean);
			gr->has_mean = arena_alloc(r->arena, r->ncomp * sizeof *gr->has_mean);
			gr->scored = arena_alloc(r->arena, r->ncomp * sizeof *gr->scored);
			for (size_t c = 0; c < r->ncomp; c++)
				gr->mean[c] = num_int(0);
		}
		gr->subjects++;
		if (r->subj[s].profile >= 0) {
			gr->with_profile++;
			if (r->subj[s].meets)
				gr->meeting++;
		}
		for (size_t c = 0; c < r->ncomp && ok; c++) {
			const comp_result *cr = assess_comp(r, s, c);
			gr->withheld += cr->withheld;
			if (!cr->has_score)
				continue;
			if (num_add(gr->mean[c], cr->score, &gr->mean[c]) != NUM_OK)
				ok = group_overflow(r, gr);
			gr->scored[c]++;
		}
	}
	free(by);
	for (size_t g = 0; g < ng && ok; g++)
		for (size_t c = 0; c < r->ncomp && ok; c++) {
			group_result *g2 = &r->groups[g];
			g2->has_mean[c] = g2->scored[c] > 0;
			if (g2->has_mean[c] &&
			    num_div(g2->mean[c], num_int(g2->scored[c]), &g2->mean[c]) != NUM_OK)
				ok = group_overflow(r, g2);
		}
	return ok;
}

static bool build_successions(assess_run *r)
{
	const m_assessment *as = r->as;
	r->nsucc = as->successions.len;
	r->succ = arena_alloc(r->arena, (r->nsucc ? r->nsucc : 1) * sizeof *r->succ);
	for (size_t i = 0; i < r->nsucc; i++) {
		const m_succession *su = as->successions.items[i];
		succession_result *res = &r->succ[i];
		res->decl = su;
		res->entries = arena_alloc(r->arena, (r->nsubj ? r->nsubj : 1) *
					   sizeof *res->entries);
		int32_t from = -1;
		for (size_t p = 0; p < r->model->profiles.len; p++)
			if (r->model->profiles.items[p] == su->from)
				from = (int32_t)p;
		for (size_t s = 0; s < r->nsubj; s++) {
			if (r->subj[s].profile != from)
				continue;
			succession_entry *e = &res->entries[res->len++];
			e->subject = (uint32_t)s;
			e->complete = true;
			e->ready = true;
			e->total_gap = num_int(0);
			for (size_t q = 0; q < su->target->requirements.len; q++) {
				const m_requirement *req = su->target->requirements.items[q];
				if (req->not_applicable)
					continue;
				size_t c = 0;
				while (as->framework->competencies.items[c] != req->competency)
					c++;
				const comp_result *cr = assess_comp(r, s, c);
				if (!cr->has_score) {
					e->complete = e->ready = false;
					continue;
				}
				num d;
				if (num_sub(req->level, cr->score, &d) != NUM_OK ||
				    (num_sign(d) > 0 &&
				     num_add(e->total_gap, d, &e->total_gap) != NUM_OK)) {
					r->error = arena_printf(r->arena, "the remaining gap of a "
								"candidate for '%s' does not fit "
								"in 64-bit fractions",
								su->target->name.s);
					return false;
				}
				if (!meets(cr->score, req->cmp, req->level))
					e->ready = false;
			}
		}
		sort_stable(res->entries, res->len, sizeof *res->entries,
			    cmp_succession, r);
	}
	return true;
}

/* Subjects [from, to), stopping at the first that fails. */
typedef struct score_part {
	assess_run *r;
	eval_env env;
	size_t from, to;
	score_stop stop;
} score_part;

static void *score_range(void *arg)
{
	score_part *p = arg;
	for (size_t s = p->from; s < p->to; s++)
		if (!score_subject(p->r, s, &p->env, &p->stop))
			break;
	return NULL;
}

/* Subjects are independent, so a large assessment is scored in two halves
 * on two threads (r->threads), unless develop rules run expressions, whose
 * evaluation is kept on one.  The first failure in subject order is the
 * one reported, as when scored in order on one thread. */
enum { SCORE_SPLIT_MIN = 8192 };

static bool score_subjects(assess_run *r, eval_env *env)
{
	score_part first = {r, *env, 0, r->nsubj, {0}}, second = first;
	pthread_t t;
	bool two = r->threads >= 2 && r->nsubj >= SCORE_SPLIT_MIN &&
		   r->as->develops.len == 0;
	if (two) {
		first.to = second.from = r->nsubj / 2;
		two = pthread_create(&t, NULL, score_range, &second) == 0;
		if (!two)
			first.to = r->nsubj;
	}
	score_range(&first);
	if (two)
		pthread_join(t, NULL);
	const score_stop *stop = first.stop.why ? &first.stop
				 : two ? &second.stop : &first.stop;
	if (stop == &first.stop) {
		env->error = first.env.error;
		env->error_span = first.env.error_span;
	}
	if (!stop->why)
		return true;
	score_message(r, stop);
	return false;
}

bool assess_finish(assess_run *r, eval_env *env, diag_list *diags)
{
	(void)diags;
	/* Every rating is in: the duplicate set is no longer needed, and its
	 * memory goes before the results' comes. */
	seen_free(&r->seen);
	r->comps = mem_calloc_large(r->nsubj * r->ncomp, sizeof *r->comps);
	r->subj = arena_alloc(r->arena, (r->nsubj ? r->nsubj : 1) * sizeof *r->subj);
	if (!score_subjects(r, env))
		return false;
	r->order = arena_alloc(r->arena, (r->nsubj ? r->nsubj : 1) * sizeof *r->order);
	for (size_t s = 0; s < r->nsubj; s++)
		r->order[s] = (uint32_t)s;
	r->comp_order = arena_alloc(r->arena, (r->ncomp ? r->ncomp : 1) * sizeof *r->comp_order);
	for (size_t c = 0; c < r->ncomp; c++)
		r->comp_order[c] = (uint32_t)c;
	sort_stable(r->order, r->nsubj, sizeof *r->order, cmp_subject, r);
	sort_stable(r->comp_order, r->ncomp, sizeof *r->comp_order, cmp_comp, r);
	if (r->as->group_column && !build_groups(r))
		return false;
	return build_successions(r);
}

num assess_required(const assess_run *r, size_t s, size_t c)
{
	const m_requirement *q = requirement(r, r->subj[s].profile, c);
	return q ? q->level : num_int(0);
}

num assess_gap(const assess_run *r, size_t s, size_t c)
{
	const comp_result *cr = assess_comp(r, s, c);
	num d;
	if (!cr->has_gap || num_sub(assess_required(r, s, c), cr->score, &d) != NUM_OK)
		return num_int(0);
	return num_sign(d) > 0 ? d : num_int(0);
}

num assess_self_diff(const assess_run *r, size_t s, size_t c)
{
	/* as score_subject computed it, which succeeded */
	long self = -1;
	for (size_t rel = 0; rel < r->nrel; rel++)
		if (r->as->relations.items[rel] == r->as->self)
			self = (long)rel;
	num others, self_mean, d;
	bool any;
	if (self < 0)
		return num_int(0);
	rel_cell cell = assess_cell(r, s, c, (size_t)self);
	if (!weighted(r, s, c, self, false, &others, &any) ||
	    !assess_cell_mean(r, &cell, &self_mean) ||
	    num_sub(self_mean, others, &d) != NUM_OK)
		return num_int(0);
	return d;
}

const char *assess_action(const assess_run *r, const comp_result *cr)
{
	return cr->develop ? ((const m_develop *)r->as->develops.items[cr->develop - 1])->action
			   : NULL;
}
