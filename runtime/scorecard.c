/* scorecard.c - evaluating balanced scorecards; see scorecard.h. */
#include "scorecard.h"

#include <stdlib.h>
#include <string.h>

const char *sc_status_name(sc_status s)
{
	switch (s) {
	case SC_NO_DATA: return "no data";
	case SC_MET: return "met";
	case SC_NOT_MET: return "not met";
	case SC_ON_TRACK: return "on track";
	case SC_AT_RISK: return "at risk";
	}
	return "?";
}

/* One data row of a measure, as read. */
typedef struct row {
	cal_period period;
	cal_date first, last;     /* the period's days */
	const char *part;         /* NULL when the row has none */
	size_t part_len;
	val value;                /* VAL_NUM, or VAL_NA / VAL_NONE: not known */
	uint32_t line;            /* in the measures file, for warnings */
} row;

typedef struct ctx {
	arena *a;
	const m_measure *m;
	row *rows;
	size_t nrows;
	cal_date as_of;
	int places;               /* how reasons show numbers: as the rules */
	num_round_mode mode;      /* round them for display */
	bool overflow;            /* a score did not fit: an evaluation error */
} ctx;

static bool part_is(const row *r, const char *part)
{
	return r->part && strlen(part) == r->part_len &&
	       memcmp(r->part, part, r->part_len) == 0;
}

/* A number in a reason: exact when it has few decimals (5000, 0.7), else
 * rounded as the rules round for display. */
static const char *fmt(ctx *c, num n)
{
	char buf[NUM_FMT_MAX];
	num r;
	bool short_exact = num_round(n, c->places, c->mode, &r) == NUM_OK && num_eq(r, n);
	if (short_exact ? num_format_exact(n, buf, sizeof buf) < 0
			: num_format(n, c->places, c->mode, buf, sizeof buf) < 0)
		return "?";
	return arena_strdup(c->a, buf);
}

/* A target value: as a percentage when it was written as one. */
static const char *fmt_target(ctx *c, num n, bool percent)
{
	num p;
	if (percent && num_mul(n, num_int(100), &p) == NUM_OK)
		return arena_printf(c->a, "%s%%", fmt(c, p));
	return fmt(c, n);
}

static const char *fmt_period(ctx *c, cal_period p)
{
	char buf[16];
	cal_period_format(p, buf);
	return arena_strdup(c->a, buf);
}

/*
 * The value of `part` (NULL: the whole measure) over the days [first, last]:
 * the rows whose period lies within, combined by the measure's aggregation.
 * A sum or a ratio with a value not known is not known; a mean leaves such
 * values out; `last` takes the latest row, known or not.  Returns false
 * when there is no value, with *why saying why.
 */
static bool value_in(ctx *c, const char *part, cal_date first, cal_date last,
		     num *out, const char **why)
{
	num sum = num_int(0), den = num_int(0);
	int64_t n = 0;
	bool unknown = false, any = false;
	const row *latest = NULL;
	for (size_t i = 0; i < c->nrows; i++) {
		const row *r = &c->rows[i];
		if (r->first < first || r->last > last)
			continue;
		bool ratio = c->m->aggregate == AGG_RATIO;
		if (ratio ? !part_is(r, "numerator") && !part_is(r, "denominator")
			  : part ? !part_is(r, part) : r->part != NULL)
			continue;
		any = true;
		if (!latest || r->last > latest->last)
			latest = r;
		if (r->value.kind != VAL_NUM) {
			unknown = true;
			continue;
		}
		num_status st = NUM_OK;
		if (ratio && part_is(r, "denominator"))
			st = num_add(den, r->value.u.n, &den);
		else if (!ratio || part_is(r, "numerator"))
			st = num_add(sum, r->value.u.n, &sum);
		n++;
		if (st != NUM_OK) {
			*why = "the sum is too large to hold exactly";
			return false;
		}
	}
	if (!any) {
		*why = "no value recorded for the period";
		return false;
	}
	switch (c->m->aggregate) {
	case AGG_LAST:
		if (latest->value.kind != VAL_NUM) {
			*why = arena_printf(c->a, "the value for %s is not available",
					    fmt_period(c, latest->period));
			return false;
		}
		*out = latest->value.u.n;
		return true;
	case AGG_SUM:
		if (unknown) {
			*why = "a value in the period is not available, so the sum is not known";
			return false;
		}
		*out = sum;
		return true;
	case AGG_MEAN:
		if (n == 0) {
			*why = "no value in the period is available";
			return false;
		}
		if (num_div(sum, num_int(n), out) != NUM_OK) {
			*why = "the mean is too large to hold exactly";
			return false;
		}
		return true;
	case AGG_RATIO:
		if (unknown) {
			*why = "a value in the period is not available, so the ratio is not known";
			return false;
		}
		if (num_is_zero(den)) {
			*why = "the denominator is 0 (or not recorded): no ratio";
			return false;
		}
		if (num_div(sum, den, out) != NUM_OK) {
			*why = "the ratio is too large to hold exactly";
			return false;
		}
		return true;
	}
	return false;
}

static bool satisfies(num a, expr_op cmp, num t)
{
	int k = num_cmp(a, t);
	switch (cmp) {
	case OP_GE: return k >= 0;
	case OP_GT: return k > 0;
	case OP_LE: return k <= 0;
	case OP_LT: return k < 0;
	case OP_EQ: return k == 0;
	default: return false;
	}
}

static bool met(const m_target *t, num a)
{
	if (t->is_range)
		return num_cmp(a, t->lo) >= 0 && num_cmp(a, t->hi) <= 0;
	return satisfies(a, t->cmp, t->value);
}

static num clamp01(num x)
{
	if (num_sign(x) < 0)
		return num_int(0);
	if (num_cmp(x, num_int(1)) > 0)
		return num_int(1);
	return x;
}

/*
 * Progress towards the target, 0..1.  With a baseline: how far the actual
 * has moved from the baseline towards the target.  Without one: the actual
 * against the target (inverted when lower is better).  A target equal to
 * its baseline, a zero target and a zero actual are decided by whether the
 * target is met, never by dividing by zero.
 */
static bool score_of(const m_measure *m, const m_target *t, num a, num *out)
{
	bool ok = met(t, a);
	num r;
	if (t->is_range) {
		*out = num_int(ok ? 1 : 0);
		return true;
	}
	if (m->has_baseline) {
		num span, done;
		if (num_sub(t->value, m->baseline, &span) != NUM_OK)
			return false;
		if (num_is_zero(span)) {
			*out = num_int(ok ? 1 : 0); /* a target equal to its baseline */
			return true;
		}
		if (num_sub(a, m->baseline, &done) != NUM_OK ||
		    num_div(done, span, &r) != NUM_OK)
			return false;
		*out = clamp01(r);
		return true;
	}
	if (ok) {
		*out = num_int(1);
		return true;
	}
	/* Not met: lower is better, target / actual; else actual / target,
	 * when both are positive (a zero or negative one: no progress). */
	bool lower = m->better == BETTER_LOWER;
	if (num_sign(a) <= 0 || num_sign(t->value) <= 0) {
		*out = num_int(0);
		return true;
	}
	if (num_div(lower ? t->value : a, lower ? a : t->value, &r) != NUM_OK)
		return false;
	*out = clamp01(r);
	return true;
}

/* The target of `part` judged as of the date: the first whose deadline is
 * still ahead, else the last. */
static const m_target *current_target(const m_measure *m, const char *part,
				      cal_date as_of)
{
	const m_target *best = NULL, *last = NULL;
	cal_date best_end = 0, last_end = 0;
	for (size_t i = 0; i < m->targets.len; i++) {
		const m_target *t = m->targets.items[i];
		if (t->part != part)
			continue;
		cal_date first, end;
		cal_period_range(t->by, &first, &end);
		if (end >= as_of && (!best || end < best_end)) {
			best = t;
			best_end = end;
		}
		if (!last || end > last_end) {
			last = t;
			last_end = end;
		}
	}
	return best ? best : last;
}

/* Whether the measure reads this row at all: a declared part, the
 * numerator or denominator of a ratio, or no part. */
static bool reads(const ctx *c, const row *r)
{
	if (c->m->aggregate == AGG_RATIO)
		return part_is(r, "numerator") || part_is(r, "denominator");
	if (!c->m->parts.len)
		return !r->part;
	for (size_t i = 0; i < c->m->parts.len; i++)
		if (part_is(r, c->m->parts.items[i]))
			return true;
	return false;
}

/* The latest period with a known value of `part`, ending on or before the
 * date. */
static const row *latest_row(ctx *c, const char *part, cal_date as_of)
{
	const row *best = NULL;
	for (size_t i = 0; i < c->nrows; i++) {
		const row *r = &c->rows[i];
		bool mine = c->m->aggregate == AGG_RATIO
			? part_is(r, "numerator") || part_is(r, "denominator")
			: part ? part_is(r, part) : !r->part;
		bool known = r->value.kind == VAL_NUM;
		if (mine && known && r->last <= as_of && (!best || r->last > best->last))
			best = r;
	}
	return best;
}

static const char *cmp_text(expr_op op)
{
	switch (op) {
	case OP_GE: return "at least";
	case OP_GT: return "more than";
	case OP_LE: return "at most";
	case OP_LT: return "less than";
	case OP_EQ: return "exactly";
	default: return "";
	}
}

static const char *target_text(ctx *c, const m_target *t)
{
	if (t->is_range)
		return arena_printf(c->a, "between %s and %s by %s",
				    fmt_target(c, t->lo, t->percent),
				    fmt_target(c, t->hi, t->percent), fmt_period(c, t->by));
	return arena_printf(c->a, "%s %s by %s", cmp_text(t->cmp),
			    fmt_target(c, t->value, t->percent), fmt_period(c, t->by));
}

static void judge(ctx *c, const m_target *t, sc_target_result *res)
{
	const m_measure *m = c->m;
	const char *part = t->part;
	cal_date first, end;
	cal_period_range(t->by, &first, &end);
	res->target = t;
	res->deadline_passed = c->as_of >= end;
	const char *why = NULL;
	if (res->deadline_passed) {
		/* Judged on the deadline's own period. */
		res->has_period = true;
		res->period = t->by;
		res->has_actual = value_in(c, part, first, end, &res->actual, &why);
		if (!res->has_actual) {
			res->status = SC_NO_DATA;
			res->reason = arena_printf(c->a, "%s: %s, so neither met nor not met",
						   fmt_period(c, t->by), why);
			return;
		}
		bool ok = met(t, res->actual);
		res->status = ok ? SC_MET : SC_NOT_MET;
		res->reason = arena_printf(c->a, "%s for %s; the target is %s",
					   fmt_target(c, res->actual, t->percent),
					   fmt_period(c, t->by), target_text(c, t));
	} else {
		/* Before the deadline: the latest period against the line. */
		const row *r = latest_row(c, part, c->as_of);
		if (!r) {
			res->status = SC_NO_DATA;
			res->reason = arena_printf(c->a, "no value recorded yet; the "
						   "target is %s", target_text(c, t));
			return;
		}
		/* The deadline's period to date (a year to date from monthly
		 * sums), or the latest period itself when it lies before. */
		res->has_period = true;
		res->period = r->period;
		cal_date from = r->first >= first ? first : r->first;
		res->has_actual = value_in(c, part, from, r->last, &res->actual, &why);
		if (!res->has_actual) {
			res->status = SC_NO_DATA;
			res->reason = arena_printf(c->a, "%s; the target is %s", why,
						   target_text(c, t));
			return;
		}
		if (t->is_range) {
			res->status = met(t, res->actual) ? SC_ON_TRACK : SC_AT_RISK;
		} else {
			res->has_expected = true;
			res->expected = t->value;
			if (m->has_baseline) {
				cal_date bfirst, bend;
				cal_period_range(m->baseline_period, &bfirst, &bend);
				num frac, span, step;
				if (r->last <= bend) {
					res->expected = m->baseline;
				} else if (end > bend &&
					   num_make(r->last - bend, end - bend, &frac) == NUM_OK &&
					   num_sub(t->value, m->baseline, &span) == NUM_OK &&
					   num_mul(span, frac, &step) == NUM_OK) {
					num_add(m->baseline, step, &res->expected);
				}
			}
			bool ahead = m->better == BETTER_LOWER
				? num_cmp(res->actual, res->expected) <= 0
				: num_cmp(res->actual, res->expected) >= 0;
			res->status = ahead ? SC_ON_TRACK : SC_AT_RISK;
		}
		res->reason = arena_printf(c->a, "%s %s %s%s%s; the target is %s",
					   fmt_target(c, res->actual, t->percent),
					   from < r->first ? "to the end of" : "for",
					   fmt_period(c, r->period),
					   res->has_expected && m->has_baseline ? ", expected " : "",
					   res->has_expected && m->has_baseline
					   ? arena_printf(c->a, "%s on the way from the baseline",
							  fmt_target(c, res->expected, t->percent)) : "",
					   target_text(c, t));
	}
	res->has_score = score_of(m, t, res->actual, &res->score);
	if (!res->has_score) {
		c->overflow = true;
		res->reason = arena_printf(c->a, "%s; the score does not fit in 64-bit "
					   "fractions", res->reason);
	}
}

/* Worst first: not met, at risk, no data, on track, met. */
static int severity(sc_status s)
{
	switch (s) {
	case SC_NOT_MET: return 4;
	case SC_AT_RISK: return 3;
	case SC_NO_DATA: return 2;
	case SC_ON_TRACK: return 1;
	case SC_MET: return 0;
	}
	return 0;
}

static void combine_parts(sc_measure_result *mr)
{
	/* The worst part decides: not met, at risk, no data, on track, met
	 * (so a part without data never makes the measure met). */
	sc_status st = SC_MET;
	num sum = num_int(0);
	int64_t n = 0;
	bool any_no_data = false;
	for (size_t i = 0; i < mr->ntargets; i++) {
		sc_target_result *t = &mr->targets[i];
		any_no_data |= t->status == SC_NO_DATA;
		if (severity(t->status) > severity(st))
			st = t->status;
		if (t->has_score && num_add(sum, t->score, &sum) == NUM_OK)
			n++;
	}
	mr->status = mr->ntargets ? st : SC_NO_DATA;
	/* A measure with a part without data has no score. */
	mr->has_score = n > 0 && !any_no_data && num_div(sum, num_int(n), &mr->score) == NUM_OK;
}

static void band_of(const m_measure *m, sc_measure_result *mr)
{
	if (!mr->has_score)
		return;
	for (size_t i = 0; i < m->bands.len; i++) {
		const m_band *b = m->bands.items[i];
		int k = num_cmp(mr->score, b->from);
		if (k > 0 || (k == 0 && !b->strict)) {
			mr->band = b->name;
			return;
		}
	}
}

/* The measure's whole value in one period: its value, or the sum of its
 * parts' values (a ratio measure's parts are its numerator and
 * denominator, already combined by value_in). */
static bool period_value(ctx *c, const row *r, num *out)
{
	const char *why;
	if (!c->m->parts.len || c->m->aggregate == AGG_RATIO)
		return value_in(c, NULL, r->first, r->last, out, &why);
	num total = num_int(0);
	for (size_t i = 0; i < c->m->parts.len; i++) {
		num v;
		if (!value_in(c, c->m->parts.items[i], r->first, r->last, &v, &why) ||
		    num_add(total, v, &total) != NUM_OK)
			return false;
	}
	*out = total;
	return true;
}

/* The trend: the latest period with a value against the one before it
 * (periods of the same kind, ending on or before the date). */
static void trend(ctx *c, sc_measure_result *mr)
{
	const row *latest = NULL, *previous = NULL;
	num lv = num_int(0), pv = num_int(0);
	for (size_t i = 0; i < c->nrows; i++) {
		const row *r = &c->rows[i];
		if (r->last > c->as_of)
			continue;
		if (latest && r->period.kind != latest->period.kind)
			continue;
		num v;
		if (!period_value(c, r, &v))
			continue;
		if (!latest || r->last > latest->last) {
			if (latest && latest->last != r->last) {
				previous = latest;
				pv = lv;
			}
			latest = r;
			lv = v;
		} else if (r->last < latest->last && (!previous || r->last > previous->last)) {
			previous = r;
			pv = v;
		}
	}
	if (!latest || !previous)
		return;
	mr->has_trend = true;
	mr->latest = lv;
	mr->previous = pv;
	mr->latest_period = latest->period;
	mr->previous_period = previous->period;
	int k = num_cmp(lv, pv);
	if (c->m->better == BETTER_LOWER)
		k = -k;
	mr->trend = k > 0 ? TREND_IMPROVING : k < 0 ? TREND_WORSENING : TREND_STEADY;
	if (c->m->better == BETTER_WITHIN)
		mr->trend = k == 0 ? TREND_STEADY : TREND_NONE;
}

static void measure(ctx *c, sc_measure_result *mr)
{
	const m_measure *m = c->m;
	mr->measure = m;
	size_t nparts = m->parts.len ? m->parts.len : 1;
	mr->targets = arena_alloc(c->a, nparts * sizeof *mr->targets);
	for (size_t i = 0; i < nparts; i++) {
		const char *part = m->parts.len ? m->parts.items[i] : NULL;
		const m_target *t = current_target(m, part, c->as_of);
		if (t)
			judge(c, t, &mr->targets[mr->ntargets++]);
	}
	combine_parts(mr);
	band_of(m, mr);
	trend(c, mr);
}

/* A weighted mean over the scored among `n` items, and their worst status. */
typedef struct wsum {
	num sum, weights;
	size_t with, total;
	int worst;
	bool any_status;
	bool overflow;
} wsum;

static void wadd(wsum *w, bool has_score, num score, bool has_weight, num weight,
		 sc_status status, bool has_status)
{
	w->total++;
	/* The worst status among those with data; no data only when nothing
	 * has any (no data never outweighs a result, nor counts as met). */
	if (has_status && status != SC_NO_DATA &&
	    (!w->any_status || severity(status) > w->worst)) {
		w->worst = severity(status);
		w->any_status = true;
	}
	if (!has_score)
		return;
	num wt = has_weight ? weight : num_int(1), term;
	if (num_mul(score, wt, &term) != NUM_OK || num_add(w->sum, term, &w->sum) != NUM_OK ||
	    num_add(w->weights, wt, &w->weights) != NUM_OK)
		w->overflow = true;
	w->with++;
}

static sc_rollup wdone(const wsum *w, sc_result *out, const char *what)
{
	if (w->overflow && !out->error)
		out->error = what;
	static const sc_status by_severity[] = {SC_MET, SC_ON_TRACK, SC_NO_DATA,
						SC_AT_RISK, SC_NOT_MET};
	sc_rollup r = {0};
	r.with_data = w->with;
	r.total = w->total;
	r.status = w->any_status ? by_severity[w->worst] : SC_NO_DATA;
	r.has_score = w->with > 0 && !w->overflow && !num_is_zero(w->weights) &&
		      num_div(w->sum, w->weights, &r.score) == NUM_OK;
	return r;
}

static wsum wnew(void)
{
	wsum w = {num_int(0), num_int(0), 0, 0, 0, false, false};
	return w;
}

/* Whether another scorecard reading the same data has this measure. */
static bool shared_row(const model *m, const m_scorecard *card, const val *mv)
{
	for (size_t i = 0; i < m->scorecards.len; i++) {
		const m_scorecard *other = m->scorecards.items[i];
		if (other == card || other->data != card->data)
			continue;
		for (size_t k = 0; k < other->measures.len; k++) {
			const char *name = ((m_measure *)other->measures.items[k])->name.s;
			if (strlen(name) == mv->len && !memcmp(name, mv->s, mv->len))
				return true;
		}
	}
	return false;
}

static const char *period_name(arena *a, cal_period p)
{
	char buf[16];
	cal_period_format(p, buf);
	return arena_strdup(a, buf);
}

void sc_evaluate(sc_result *out, arena *a, const model *m,
		 const m_scorecard *card, const table *data, bool has_as_of,
		 cal_date as_of, int places, num_round_mode mode, diag_list *diags)
{
	memset(out, 0, sizeof *out);
	out->card = card;
	size_t nm = card->measures.len;
	out->measures = arena_alloc(a, (nm ? nm : 1) * sizeof *out->measures);
	out->objectives = arena_alloc(a, (card->objectives.len + 1) * sizeof *out->objectives);
	out->themes = arena_alloc(a, (card->themes.len + 1) * sizeof *out->themes);
	out->perspectives = arena_alloc(a, (card->perspectives.len + 1) *
					sizeof *out->perspectives);

	/* Gather each measure's rows. */
	size_t *count = calloc(nm + 1, sizeof *count);
	row **rows = calloc(nm + 1, sizeof *rows);
	int32_t *which = calloc(data ? data->nrows + 1 : 1, sizeof *which);
	if (!count || !rows || !which)
		abort();
	cal_date latest = 0;
	for (size_t i = 0; data && i < data->nrows; i++) {
		const val *cells = &data->cells[i * data->ncols];
		const val *mv = &cells[card->col_measure];
		const m_column *mcol = data->ds->columns.items[card->col_measure];
		which[i] = -1;
		/* A reference indexes its own scorecard's measures; any other
		 * scorecard reading the data goes by name. */
		if (mv->kind == VAL_REF && mcol->ref_scorecard == card && mv->u.ref >= 0) {
			which[i] = mv->u.ref;
		} else if (mv->kind == VAL_TEXT || mv->kind == VAL_REF) {
			for (size_t k = 0; k < nm; k++) {
				const char *name = ((m_measure *)card->measures.items[k])->name.s;
				if (strlen(name) == mv->len && !memcmp(name, mv->s, mv->len))
					which[i] = (int32_t)k;
			}
		}
		if (which[i] < 0 && shared_row(m, card, mv))
			continue; /* another scorecard's measure */
		if (which[i] >= 0 && cells[card->col_period].kind != VAL_PERIOD) {
			diag_warning_at(diags, data->path, data->lines[i], 1, "no-period",
					"the row for '%.*s' has no period; it is left out",
					(int)mv->len, mv->s);
			which[i] = -1;
			continue;
		}
		if (which[i] < 0) {
			diag_warning_at(diags, data->path, data->lines[i], 1, "unknown-measure",
					"'%.*s' is not a measure of scorecard '%s'; the row "
					"is left out", (int)mv->len, mv->s ? mv->s : "",
					card->name.s);
			continue;
		}
		count[which[i]]++;
	}
	for (size_t k = 0; k < nm; k++) {
		rows[k] = arena_alloc(a, (count[k] + 1) * sizeof *rows[k]);
		count[k] = 0;
	}
	for (size_t i = 0; data && i < data->nrows; i++) {
		if (which[i] < 0)
			continue;
		const val *cells = &data->cells[i * data->ncols];
		row *r = &rows[which[i]][count[which[i]]++];
		r->line = data->lines[i];
		r->period = cells[card->col_period].u.period;
		cal_period_range(r->period, &r->first, &r->last);
		r->value = card->col_value != (size_t)-1 ? cells[card->col_value] : val_none();
		if (card->col_part != (size_t)-1) {
			const val *part = &cells[card->col_part];
			if (part->kind == VAL_TEXT || part->kind == VAL_REF) {
				r->part = part->s;
				r->part_len = part->len;
			}
		}
	}
	/* A row repeating a measure's period and part would be counted twice;
	 * periods of different kinds (2016 and 2016-03) would overlap. */
	for (size_t k = 0; k < nm; k++) {
		row *rs = rows[k];
		size_t kept = 0;
		bool mixed = false; /* warned once per measure */
		for (size_t i = 0; i < count[k]; i++) {
			bool dup = false;
			for (size_t j = 0; j < kept && !dup; j++)
				dup = cal_period_cmp(rs[j].period, rs[i].period) == 0 &&
				      rs[j].part_len == rs[i].part_len &&
				      (!rs[i].part || !memcmp(rs[j].part, rs[i].part, rs[i].part_len));
			if (dup) {
				diag_warning_at(diags, data->path, rs[i].line, 1, "duplicate-period",
					     "measure '%s' has two rows for %s%s%.*s; the "
					     "second is left out",
					     ((m_measure *)card->measures.items[k])->name.s,
					     period_name(a, rs[i].period), rs[i].part ? ", part " : "",
					     (int)rs[i].part_len, rs[i].part ? rs[i].part : "");
				continue;
			}
			for (size_t j = 0; j < kept && !mixed; j++) {
				bool same_part = rs[j].part_len == rs[i].part_len &&
					(!rs[i].part || !memcmp(rs[j].part, rs[i].part, rs[i].part_len));
				if (same_part && rs[j].period.kind != rs[i].period.kind &&
				    rs[j].first <= rs[i].last && rs[i].first <= rs[j].last) {
					diag_warning_at(diags, data->path, rs[i].line, 1, "mixed-periods",
						     "measure '%s' has rows for %s and %s, which "
						     "overlap, so values may count twice",
						     ((m_measure *)card->measures.items[k])->name.s,
						     period_name(a, rs[j].period),
						     period_name(a, rs[i].period));
					mixed = true;
				}
			}
			rs[kept++] = rs[i];
		}
		count[k] = kept;
		/* The default date: the end of the last period with a known
		 * value, among the rows kept that the measure reads. */
		ctx probe = {a, card->measures.items[k], rs, kept, 0, places, mode, false};
		for (size_t i = 0; i < kept; i++)
			if (rs[i].value.kind == VAL_NUM && rs[i].last > latest &&
			    reads(&probe, &rs[i]))
				latest = rs[i].last;
	}
	/* As of the date given, or the end of the last period with data. */
	out->as_of_from_data = !has_as_of;
	out->as_of = has_as_of ? as_of : latest;
	if (!has_as_of && !latest) {
		/* No data at all: the end of the latest deadline. */
		for (size_t k = 0; k < nm; k++) {
			const m_measure *ms = card->measures.items[k];
			for (size_t j = 0; j < ms->targets.len; j++) {
				cal_date f, l;
				cal_period_range(((m_target *)ms->targets.items[j])->by, &f, &l);
				if (l > out->as_of)
					out->as_of = l;
			}
		}
	}
	for (size_t k = 0; k < nm; k++) {
		ctx c = {a, card->measures.items[k], rows[k], count[k], out->as_of,
			 places, mode, false};
		measure(&c, &out->measures[k]);
		if (c.overflow && !out->error)
			out->error = arena_printf(a, "the score of measure '%s' does not "
						  "fit in 64-bit fractions",
						  ((m_measure *)card->measures.items[k])->name.s);
	}
	free(count);
	free(rows);
	free(which);

	/* Roll up: objectives over their measures, then themes, perspectives
	 * and the scorecard over objectives. */
	wsum all = wnew();
	for (size_t i = 0; i < card->objectives.len; i++) {
		const m_objective *o = card->objectives.items[i];
		wsum w = wnew();
		for (size_t j = 0; j < o->measures.len; j++) {
			size_t k = 0;
			while (card->measures.items[k] != o->measures.items[j])
				k++;
			const sc_measure_result *mr = &out->measures[k];
			wadd(&w, mr->has_score, mr->score, mr->measure->has_weight,
			     mr->measure->weight, mr->status, true);
		}
		out->objectives[i] = wdone(&w, out, "an objective's score does not fit "
					   "in 64-bit fractions");
		const sc_rollup *r = &out->objectives[i];
		wadd(&all, r->has_score, r->score, false, num_int(1), r->status,
		     r->total > 0);
	}
	out->overall = wdone(&all, out, "the scorecard's score does not fit in "
			     "64-bit fractions");
	for (size_t t = 0; t < card->themes.len; t++) {
		const m_theme *th = card->themes.items[t];
		wsum w = wnew();
		for (size_t j = 0; j < th->objectives.len; j++) {
			size_t i = 0;
			while (card->objectives.items[i] != th->objectives.items[j])
				i++;
			const sc_rollup *r = &out->objectives[i];
			const m_objective *o = card->objectives.items[i];
			wadd(&w, r->has_score, r->score, o->has_weight, o->weight, r->status,
			     r->total > 0);
		}
		out->themes[t] = wdone(&w, out, "a theme's score does not fit in 64-bit "
				       "fractions");
	}
	for (size_t p = 0; p < card->perspectives.len; p++) {
		const char *name = ((ast_item *)card->perspectives.items[p])->name.s;
		wsum w = wnew();
		for (size_t i = 0; i < card->objectives.len; i++) {
			const m_objective *o = card->objectives.items[i];
			const sc_rollup *r = &out->objectives[i];
			if (o->perspective == name)
				wadd(&w, r->has_score, r->score, false, num_int(1), r->status,
				     r->total > 0);
		}
		out->perspectives[p] = wdone(&w, out, "a perspective's score does not fit "
					     "in 64-bit fractions");
	}
}
