/* eval_expr.c - evaluating expressions; see eval_expr.h. */
#include "eval_expr.h"

#include <string.h>

#include "assess.h"
#include "cert.h"
#include "eval.h"
#include "scorecard.h"
#include "sort.h"

static val fail(eval_env *env, const ast_expr *e, const char *msg)
{
	if (!env->error) {
		env->error = msg;
		env->error_span = e->span;
	}
	return val_none();
}

bool eval_true(val v)
{
	return v.kind == VAL_BOOL && v.u.b;
}

static bool is_text(val v)
{
	return v.kind == VAL_TEXT || v.kind == VAL_REF;
}

/* A duration in its base unit: months for years and months, minutes for
 * the rest; `calendar` says which, since a month has no fixed length. */
static num duration_base(cal_duration d, bool *calendar)
{
	static const int64_t per[] = {
		[UNIT_YEARS] = 12, [UNIT_MONTHS] = 1, [UNIT_WEEKS] = 7 * 24 * 60,
		[UNIT_DAYS] = 24 * 60, [UNIT_HOURS] = 60, [UNIT_MINUTES] = 1,
	};
	*calendar = d.unit == UNIT_YEARS || d.unit == UNIT_MONTHS;
	num r;
	if (num_mul(d.amount, num_int(per[d.unit]), &r) != NUM_OK)
		r = d.amount;
	return r;
}

/* Months and days do not compare (binary() refuses it); for sorting, a
 * calendar duration orders before a fixed one. */
static int duration_cmp(cal_duration a, cal_duration b)
{
	bool ca, cb;
	num na = duration_base(a, &ca), nb = duration_base(b, &cb);
	if (ca != cb)
		return ca ? -1 : 1;
	return num_cmp(na, nb);
}

int eval_compare(val a, val b)
{
	if (is_text(a) && is_text(b)) {
		size_t n = a.len < b.len ? a.len : b.len;
		int c = memcmp(a.s, b.s, n);
		return c ? c : (a.len > b.len) - (a.len < b.len);
	}
	switch (a.kind) {
	case VAL_NUM: return num_cmp(a.u.n, b.u.n);
	case VAL_DATE: return (a.u.date > b.u.date) - (a.u.date < b.u.date);
	case VAL_PERIOD: return cal_period_cmp(a.u.period, b.u.period);
	case VAL_BOOL: return (int)a.u.b - (int)b.u.b;
	case VAL_DURATION: return duration_cmp(a.u.dur, b.u.dur);
	default: return 0;
	}
}

static bool present(val v)
{
	return v.kind != VAL_NONE && v.kind != VAL_NA;
}

static const m_column *find_col(const m_dataset *ds, const char *name, size_t *ix)
{
	for (size_t i = 0; i < ds->columns.len; i++) {
		const m_column *c = ds->columns.items[i];
		if (c->name.s == name) {
			*ix = i;
			return c;
		}
	}
	return NULL;
}

static val name_value(eval_env *env, const ast_expr *e)
{
	const char *s = e->name.s;
	size_t ix;
	/* In a develop condition its own names come first (as in the checker). */
	bool develop_name = env->develop &&
		(!strcmp(s, "gap") || !strcmp(s, "score") || !strcmp(s, "required") ||
		 !strcmp(s, "competency"));
	if (!develop_name && env->row_table && find_col(env->row_table->ds, s, &ix))
		return env->row_table->cells[env->row * env->row_table->ncols + ix];
	if (!develop_name && env->each && env->each == s)
		return env->each_val;
	if (develop_name) {
		if (!strcmp(s, "gap"))
			return env->gap;
		if (!strcmp(s, "score"))
			return env->score;
		if (!strcmp(s, "required"))
			return env->required;
		if (!strcmp(s, "competency")) {
			val v = {0};
			v.kind = VAL_TEXT;
			v.s = env->competency;
			v.len = (uint32_t)strlen(env->competency);
			return v;
		}
	}
	if (!strcmp(s, "as_of")) {
		if (!env->has_as_of)
			return fail(env, e, "as_of has no value: give the date with --as-of");
		val v = {0};
		v.kind = VAL_DATE;
		v.u.date = env->as_of;
		return v;
	}
	for (size_t i = 0; i < env->model->rules.len; i++) {
		const m_rule *r = env->model->rules.items[i];
		if (r->decl->name.s == s && r->subject_dataset) {
			/* A rule per subject, about the current one: the row, inside
			 * `where` over the subjects, else the subject.  Each value is
			 * computed once per run and subject. */
			const table *st = env->subject_table;
			size_t srow = env->subject_row;
			if (env->row_table && env->row_table->ds == r->subject_dataset) {
				st = env->row_table;
				srow = env->row;
			}
			if (!st)
				return fail(env, e, "this rule has a value per subject");
			val *slot = NULL;
			bool *known = NULL;
			if (env->subject_cache && env->subject_cache[i]) {
				slot = &env->subject_cache[i][srow];
				known = &env->subject_known[i][srow];
				if (*known)
					return *slot;
			}
			eval_env inner = *env;
			inner.subject_table = st;
			inner.subject_row = srow;
			inner.each = r->each_row ? r->decl->each.s : NULL;
			inner.each_val = table_key(st, srow);
			inner.row_table = r->each_row ? st : NULL;
			inner.row = srow;
			inner.group_table = NULL;
			val v = eval_expr(&inner, r->decl->expr);
			if (inner.error && !env->error) {
				env->error = inner.error;
				env->error_span = inner.error_span;
			}
			if (slot && !inner.error) {
				*slot = v;
				*known = true;
			}
			return v;
		}
		if (r->decl->name.s == s && r->decl->each.s && env->group_key &&
		    env->rule_results) {
			const rule_result *rr = &env->rule_results[i];
			size_t n = strlen(env->group_key);
			for (size_t k = 0; k < rr->n; k++) {
				val key = rr->keys[k];
				char buf[64];
				const char *text = key.s;
				size_t len = key.len;
				if (key.kind != VAL_TEXT && key.kind != VAL_REF) {
					/* a number, date or period group: as written */
					if (key.kind == VAL_NUM)
						num_format_exact(key.u.n, buf, sizeof buf);
					else if (key.kind == VAL_DATE)
						cal_format(key.u.date, buf);
					else if (key.kind == VAL_PERIOD)
						cal_period_format(key.u.period, buf);
					else
						buf[0] = '\0';
					text = buf;
					len = strlen(buf);
				}
				if (len == n && !memcmp(text, env->group_key, n))
					return rr->values[k];
			}
			return fail(env, e, "the rule has no group with this key");
		}
		if (r->decl->name.s == s && !r->decl->each.s) {
			if (env->rule_known && env->rule_known[i])
				return env->rule_values[i];
			eval_env inner = *env;
			inner.row_table = NULL;
			inner.each = NULL;
			inner.group_table = NULL;
			val v = eval_expr(&inner, r->decl->expr);
			if (inner.error && !env->error) {
				env->error = inner.error;
				env->error_span = inner.error_span;
			}
			if (env->rule_known && !inner.error) {
				env->rule_values[i] = v;
				env->rule_known[i] = true;
			}
			return v;
		}
	}
	return fail(env, e, "this name has no value here");
}

/* The dataset and (for column aggregates) column an argument ranges over. */
static const table *source_of(eval_env *env, const ast_expr *src, size_t *col)
{
	const char *ds_name = src->kind == EXPR_FIELD ? src->a->name.s : src->name.s;
	for (size_t i = 0; i < env->model->datasets.len; i++) {
		const m_dataset *ds = env->model->datasets.items[i];
		if (ds->name.s != ds_name)
			continue;
		const table *t = env->tables[i];
		if (t && src->kind == EXPR_FIELD && !find_col(ds, src->name.s, col))
			return NULL;
		return t;
	}
	return NULL;
}

static val aggregate(eval_env *env, const ast_expr *call)
{
	const char *fn = call->name.s;
	const ast_expr *arg = call->args.items[0];
	const ast_expr *src = arg->kind == EXPR_WHERE ? arg->a : arg;
	const ast_expr *cond = arg->kind == EXPR_WHERE ? arg->b : NULL;
	size_t col = 0;
	const table *t = source_of(env, src, &col);
	if (!t)
		return fail(env, call, "the dataset is not loaded");
	bool count = !strcmp(fn, "count"), any = !strcmp(fn, "any"),
	     all = !strcmp(fn, "all"), sum = !strcmp(fn, "sum"),
	     mean = !strcmp(fn, "mean"), min = !strcmp(fn, "min");
	bool max = !strcmp(fn, "max") || !strcmp(fn, "best");
	num acc = num_int(0);
	int64_t n = 0;
	bool seen = false, undetermined = false;
	eval_env inner = *env;
	inner.row_table = t;
	/* Inside `for each`, only the group's rows (eval_rules partitions the
	 * table once, so no group scans another's rows). */
	const uint32_t *only = env->group_table == t ? env->group_rows : NULL;
	size_t nrows = only ? env->group_nrows : t->nrows;
	for (size_t i = 0; i < nrows; i++) {
		size_t r = only ? only[i] : i;
		inner.row = r;
		if (cond) {
			val c = eval_expr(&inner, cond);
			if (inner.error)
				break;
			if (any || all) {
				if (c.kind != VAL_BOOL) {
					undetermined = true;
					continue;
				}
				if (any && c.u.b)
					return val_bool(true);
				if (all && !c.u.b)
					return val_bool(false);
				continue;
			}
			if (!eval_true(c))
				continue;
		}
		if (count) {
			n++;
			continue;
		}
		val v = t->cells[r * t->ncols + col];
		if (!present(v) || v.kind != VAL_NUM)
			continue;
		num_status st = NUM_OK;
		if (sum || mean) {
			st = num_add(acc, v.u.n, &acc);
		} else if (!seen || (min && num_cmp(v.u.n, acc) < 0) ||
			   (max && num_cmp(v.u.n, acc) > 0)) {
			acc = v.u.n;
		}
		seen = true;
		n++;
		if (st != NUM_OK)
			return fail(env, call, "the sum is too large to hold exactly");
	}
	if (inner.error) {
		env->error = inner.error;
		env->error_span = inner.error_span;
		return val_none();
	}
	if (any || all)
		return undetermined ? val_none() : val_bool(all);
	if (count)
		return val_num(num_int(n));
	if (sum)
		return val_num(acc);
	if (!seen)
		return val_none();
	if (mean) {
		num m;
		if (num_div(acc, num_int(n), &m) != NUM_OK)
			return fail(env, call, "the mean is too large to hold exactly");
		return val_num(m);
	}
	return val_num(acc);
}

/* certified(C), certified_since(C), expires(C), competence(A.K): about
 * the current subject. */
static val subject_call(eval_env *env, const ast_expr *e)
{
	const char *fn = e->name.s;
	const ast_expr *arg = e->args.items[0];
	const model *m = env->model;
	if (arg->kind == EXPR_FIELD && (!strcmp(fn, "status") || !strcmp(fn, "score"))) {
		/* status(CARD.MEASURE), score(CARD.MEASURE) */
		for (size_t i = 0; i < m->scorecards.len && env->cards; i++) {
			const m_scorecard *card = m->scorecards.items[i];
			if (card->name.s != arg->a->name.s)
				continue;
			for (size_t k = 0; k < card->measures.len; k++)
				if (((m_measure *)card->measures.items[k])->name.s == arg->name.s) {
					const sc_measure_result *mr = &env->cards[i].measures[k];
					if (!strcmp(fn, "score"))
						return mr->has_score ? val_num(mr->score) : val_none();
					val v = {0};
					v.kind = VAL_TEXT;
					v.s = sc_status_name(mr->status);
					v.len = (uint32_t)strlen(v.s);
					return v;
				}
		}
		return fail(env, e, "no such measure");
	}
	/* The subject: the current row when it is one of the dataset the
	 * function is about (inside `where` over the subjects), else the
	 * subject of the rule, condition or points. */
	const table *st = env->subject_table;
	size_t srow = env->subject_row;
	if (!strcmp(fn, "competence")) {
		for (size_t i = 0; i < m->assessments.len; i++) {
			const m_assessment *as = m->assessments.items[i];
			if (as->name.s != arg->a->name.s)
				continue;
			const assess_run *run = &env->runs[i];
			if (env->row_table && env->row_table->ds == as->subjects) {
				st = env->row_table;
				srow = env->row;
			}
			if (!st)
				return fail(env, e, "this is about one subject, and there is none here");
			for (size_t k = 0; k < as->framework->competencies.len; k++) {
				const m_competency *c = as->framework->competencies.items[k];
				if (c->name.s != arg->name.s)
					continue;
				const comp_result *cr = assess_comp(run, srow, k);
				return cr->has_score ? val_num(cr->score) : val_none();
			}
		}
		return fail(env, e, "no such competency");
	}
	for (size_t i = 0; i < m->certifications.len; i++) {
		const m_certification *c = m->certifications.items[i];
		if (c->name.s != arg->name.s)
			continue;
		if (env->row_table && env->row_table->ds == c->subjects) {
			st = env->row_table;
			srow = env->row;
		}
		if (!st)
			return fail(env, e, "this is about one subject, and there is none here");
		const cert_result *r = env->cert_get(env->cert_ud, i);
		if (!r) {
			if (!env->error)
				return fail(env, e, "certification could not be evaluated");
			return val_none();
		}
		const cert_subject *cs = &r->subj[srow];
		val v = {0};
		if (!strcmp(fn, "certified"))
			return val_bool(cert_held(cs->status));
		if (!strcmp(fn, "status")) {
			v.kind = VAL_TEXT;
			v.s = cert_status_name((cert_status)cs->status);
			v.len = (uint32_t)strlen(v.s);
			return v;
		}
		/* the dates of the current certification, or of the last one
		 * when it has expired; none when never certified */
		bool since = !strcmp(fn, "certified_since");
		if (since ? !cs->has_since : !cs->has_expires)
			return val_none();
		if (cs->status == CERT_NOT_CERTIFIED)
			return val_none();
		v.kind = VAL_DATE;
		v.u.date = since ? cs->since : cs->expires;
		return v;
	}
	return fail(env, e, "no such certification");
}

static val call(eval_env *env, const ast_expr *e)
{
	const char *fn = e->name.s;
	if (!strcmp(fn, "known"))
		return val_bool(present(eval_expr(env, e->args.items[0])));
	if (!strcmp(fn, "certified") || !strcmp(fn, "certified_since") ||
	    !strcmp(fn, "expires") || !strcmp(fn, "competence") || !strcmp(fn, "status") ||
	    !strcmp(fn, "score"))
		return subject_call(env, e);
	if (!strcmp(fn, "round") || !strcmp(fn, "abs") || !strcmp(fn, "year") ||
	    !strcmp(fn, "days_between")) {
		val a = eval_expr(env, e->args.items[0]);
		val b = e->args.len > 1 ? eval_expr(env, e->args.items[1]) : val_none();
		if (!present(a) || (e->args.len > 1 && !present(b)))
			return val_none();
		if (!strcmp(fn, "abs")) {
			num r;
			if (num_sign(a.u.n) < 0 && num_neg(a.u.n, &r) != NUM_OK)
				return fail(env, e, "arithmetic overflow");
			return val_num(num_sign(a.u.n) < 0 ? r : a.u.n);
		}
		if (!strcmp(fn, "year")) {
			int y, m, d;
			cal_to_ymd(a.u.date, &y, &m, &d);
			return val_num(num_int(y));
		}
		if (!strcmp(fn, "days_between"))
			return val_num(num_int((int64_t)b.u.date - a.u.date));
		num r;
		if (!num_is_int(b.u.n) || b.u.n.n < 0 || b.u.n.n > NUM_MAX_PLACES)
			return fail(env, e, "round() takes 0 to 18 places");
		if (num_round(a.u.n, (int)b.u.n.n, env->model->round_mode, &r) != NUM_OK)
			return fail(env, e, "arithmetic overflow");
		return val_num(r);
	}
	return aggregate(env, e);
}

static val arith(eval_env *env, const ast_expr *e, val a, val b)
{
	if (!present(a) || !present(b))
		return val_none();
	if (a.kind == VAL_DATE || b.kind == VAL_DATE) {
		/* date +/- duration (the checker allows nothing else) */
		val d = a.kind == VAL_DATE ? a : b;
		cal_duration dur = a.kind == VAL_DATE ? b.u.dur : a.u.dur;
		if (!num_is_int(dur.amount) || dur.amount.n > 10000 ||
		    dur.amount.n < -10000)
			return fail(env, e, "a date moves by a whole number of days, "
				    "weeks, months or years");
		int64_t n = dur.amount.n;
		if (e->op == OP_SUB)
			n = -n;
		switch (dur.unit) {
		case UNIT_YEARS: d.u.date = cal_add_months(d.u.date, (int)(n * 12)); break;
		case UNIT_MONTHS: d.u.date = cal_add_months(d.u.date, (int)n); break;
		case UNIT_WEEKS: d.u.date += (cal_date)(n * 7); break;
		case UNIT_DAYS: d.u.date += (cal_date)n; break;
		default:
			return fail(env, e, "a date cannot move by hours or minutes");
		}
		/* Dates are years 1 to 9999. */
		if (d.u.date < cal_from_ymd(1, 1, 1) || d.u.date > cal_from_ymd(9999, 12, 31))
			return fail(env, e, "the date falls outside the years 1 to 9999");
		return d;
	}
	if (a.kind == VAL_DURATION || b.kind == VAL_DURATION) {
		/* duration +/- duration of one unit, number * duration */
		val d = a.kind == VAL_DURATION ? a : b;
		val other = a.kind == VAL_DURATION ? b : a;
		num_status st = NUM_OK;
		if (other.kind == VAL_NUM && e->op == OP_MUL)
			st = num_mul(d.u.dur.amount, other.u.n, &d.u.dur.amount);
		else if (other.kind == VAL_DURATION && other.u.dur.unit == d.u.dur.unit &&
			 (e->op == OP_ADD || e->op == OP_SUB))
			st = e->op == OP_ADD
			     ? num_add(a.u.dur.amount, b.u.dur.amount, &d.u.dur.amount)
			     : num_sub(a.u.dur.amount, b.u.dur.amount, &d.u.dur.amount);
		else
			return fail(env, e, "durations add only to durations of the same unit");
		if (st != NUM_OK)
			return fail(env, e, "arithmetic overflow");
		return d;
	}
	if (a.kind != VAL_NUM || b.kind != VAL_NUM)
		return fail(env, e, "arithmetic on values that are not numbers");
	num r;
	num_status st = NUM_OK;
	switch (e->op) {
	case OP_ADD: st = num_add(a.u.n, b.u.n, &r); break;
	case OP_SUB: st = num_sub(a.u.n, b.u.n, &r); break;
	case OP_MUL: st = num_mul(a.u.n, b.u.n, &r); break;
	case OP_DIV: st = num_div(a.u.n, b.u.n, &r); break;
	default: return val_none();
	}
	if (st == NUM_DIVZERO)
		return fail(env, e, "division by zero");
	if (st != NUM_OK)
		return fail(env, e, "arithmetic overflow: the exact result does not fit");
	return val_num(r);
}

static val binary(eval_env *env, const ast_expr *e)
{
	val a = eval_expr(env, e->a);
	if (e->op == OP_AND && a.kind == VAL_BOOL && !a.u.b)
		return val_bool(false);
	if (e->op == OP_OR && eval_true(a))
		return val_bool(true);
	val b = eval_expr(env, e->b);
	switch (e->op) {
	case OP_AND:
		if (b.kind == VAL_BOOL && !b.u.b)
			return val_bool(false);
		return a.kind == VAL_BOOL && b.kind == VAL_BOOL ? val_bool(true) : val_none();
	case OP_OR:
		if (eval_true(b))
			return val_bool(true);
		return a.kind == VAL_BOOL && b.kind == VAL_BOOL ? val_bool(false) : val_none();
	case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE: {
		if (!present(a) || !present(b))
			return val_none();
		if (a.kind == VAL_DURATION && b.kind == VAL_DURATION) {
			bool ca, cb;
			duration_base(a.u.dur, &ca);
			duration_base(b.u.dur, &cb);
			if (ca != cb)
				return fail(env, e, "months and years do not compare with "
					    "days, weeks or hours: a month has no fixed length");
		}
		int c = eval_compare(a, b);
		bool r = e->op == OP_EQ ? c == 0 : e->op == OP_NE ? c != 0
		       : e->op == OP_LT ? c < 0 : e->op == OP_LE ? c <= 0
		       : e->op == OP_GT ? c > 0 : c >= 0;
		return val_bool(r);
	}
	default:
		return arith(env, e, a, b);
	}
}

typedef struct sort_by_column {
	const table *t;
	size_t col;
} sort_by_column;

static int cmp_rows(const void *pa, const void *pb, void *ctx)
{
	const sort_by_column *s = ctx;
	return eval_compare(s->t->cells[*(const uint32_t *)pa * s->t->ncols + s->col],
			    s->t->cells[*(const uint32_t *)pb * s->t->ncols + s->col]);
}

typedef struct by_key {
	const table *t;
} by_key;

static int cmp_by_key(const void *a, const void *b, void *ctx)
{
	const by_key *k = ctx;
	return eval_compare(table_key(k->t, *(const uint32_t *)a),
			    table_key(k->t, *(const uint32_t *)b));
}

uint32_t *eval_rows_by_key(arena *a, const table *t)
{
	uint32_t *rows = arena_alloc(a, (t->nrows ? t->nrows : 1) * sizeof *rows);
	for (size_t i = 0; i < t->nrows; i++)
		rows[i] = (uint32_t)i;
	by_key k = {t};
	sort_stable(rows, t->nrows, sizeof *rows, cmp_by_key, &k);
	return rows;
}

void eval_sort_rows(const table *t, size_t col, uint32_t *rows, size_t n)
{
	sort_by_column s = {t, col};
	sort_stable(rows, n, sizeof *rows, cmp_rows, &s);
}

val eval_expr(eval_env *env, const ast_expr *e)
{
	val v = {0};
	switch (e->kind) {
	case EXPR_NUMBER:
		return val_num(e->number);
	case EXPR_STRING:
		v.kind = VAL_TEXT;
		v.s = e->text;
		v.len = (uint32_t)e->text_len;
		return v;
	case EXPR_BOOL:
		return val_bool(e->boolean);
	case EXPR_DATE:
		v.kind = VAL_DATE;
		v.u.date = e->date;
		return v;
	case EXPR_PERIOD:
		v.kind = VAL_PERIOD;
		v.u.period = e->period;
		return v;
	case EXPR_DURATION:
		v.kind = VAL_DURATION;
		v.u.dur = e->duration;
		return v;
	case EXPR_NAME:
		return name_value(env, e);
	case EXPR_FIELD: {
		/* scale.level, or dataset.column inside its own `where` */
		for (size_t i = 0; i < env->model->scales.len; i++) {
			const m_scale *s = env->model->scales.items[i];
			if (e->a->kind != EXPR_NAME || s->name.s != e->a->name.s)
				continue;
			for (size_t j = 0; j < s->levels.len; j++) {
				const m_level *l = s->levels.items[j];
				if (l->name == e->name.s)
					return val_num(l->value);
			}
		}
		size_t ix;
		if (env->row_table && e->a->kind == EXPR_NAME &&
		    env->row_table->ds->name.s == e->a->name.s &&
		    find_col(env->row_table->ds, e->name.s, &ix))
			return env->row_table->cells[env->row * env->row_table->ncols + ix];
		if (env->post_table && e->a->kind == EXPR_NAME &&
		    env->post_table->ds->name.s == e->a->name.s &&
		    find_col(env->post_table->ds, e->name.s, &ix))
			return env->post_table->cells[env->post_row * env->post_table->ncols + ix];
		return fail(env, e, "this has no single value here");
	}
	case EXPR_CALL:
		return call(env, e);
	case EXPR_UNARY: {
		val a = eval_expr(env, e->a);
		if (e->op == OP_NOT)
			return a.kind == VAL_BOOL ? val_bool(!a.u.b) : val_none();
		num r;
		if (a.kind == VAL_DURATION) {
			if (num_neg(a.u.dur.amount, &a.u.dur.amount) != NUM_OK)
				return fail(env, e, "arithmetic overflow");
			return a;
		}
		if (a.kind != VAL_NUM)
			return val_none();
		if (num_neg(a.u.n, &r) != NUM_OK)
			return fail(env, e, "arithmetic overflow");
		return val_num(r);
	}
	case EXPR_BINARY:
		return binary(env, e);
	case EXPR_IF: {
		val c = eval_expr(env, e->a);
		if (c.kind != VAL_BOOL)
			return val_none();
		return eval_expr(env, c.u.b ? e->b : e->c);
	}
	case EXPR_IN: {
		val a = eval_expr(env, e->a);
		if (!present(a))
			return val_none();
		for (size_t i = 0; i < e->args.len; i++) {
			val b = eval_expr(env, e->args.items[i]);
			if (present(b) && eval_compare(a, b) == 0)
				return val_bool(true);
		}
		return val_bool(false);
	}
	case EXPR_WHERE:
		break;
	}
	return fail(env, e, "cannot evaluate this");
}
