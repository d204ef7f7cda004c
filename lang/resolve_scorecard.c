/* resolve_scorecard.c - balanced scorecards; see resolve_int.h.
 *
 * A scorecard nests: scorecard > theme > objective > measure (objectives may
 * also stand directly in the scorecard).  Each level has its own items, so
 * this file checks placement itself rather than through rs_allowed.  Links
 * and cascading (`contributes`) name objectives anywhere, so they are
 * resolved in a second pass, rs_check_scorecard_links, once every scorecard
 * has been read.
 */
#include "resolve_int.h"

#include <stdlib.h>
#include <string.h>

typedef enum level { AT_SCORECARD, AT_THEME, AT_OBJECTIVE, AT_MEASURE } level;

static const char *const level_names[] = {
	[AT_SCORECARD] = "a scorecard", [AT_THEME] = "a theme",
	[AT_OBJECTIVE] = "an objective", [AT_MEASURE] = "a measure",
};

static bool fits(level at, item_kind k)
{
	switch (k) {
	case ITEM_OWNER: case ITEM_APPROVER: case ITEM_SOURCE:
	case ITEM_DESCRIPTION:
		return true;
	case ITEM_PERSPECTIVES: case ITEM_MEASURES: case ITEM_THEME: case ITEM_LINK:
		return at == AT_SCORECARD;
	case ITEM_PERSPECTIVE:
		return at == AT_SCORECARD || at == AT_OBJECTIVE;
	case ITEM_INTENDED:
		return at == AT_THEME;
	case ITEM_OBJECTIVE:
		return at == AT_SCORECARD || at == AT_THEME;
	case ITEM_WEIGHT:
		return at == AT_OBJECTIVE || at == AT_MEASURE;
	case ITEM_INITIATIVE: case ITEM_CONTRIBUTES: case ITEM_MEASURE:
		return at == AT_OBJECTIVE;
	case ITEM_UNIT: case ITEM_BETTER: case ITEM_BASELINE: case ITEM_TARGET:
	case ITEM_PARTS: case ITEM_AGGREGATE: case ITEM_BAND:
		return at == AT_MEASURE;
	default:
		return false;
	}
}

static bool placed(rctx *c, level at, ast_item *it)
{
	if (fits(at, it->kind))
		return true;
	diag *e = diag_error(c->d, it->span, "misplaced-item",
			     "'%s' is not allowed in %s", item_kind_name(it->kind),
			     level_names[at]);
	const char *home = NULL;
	for (level l = AT_SCORECARD; l <= AT_MEASURE && !home; l++)
		if (fits(l, it->kind))
			home = level_names[l];
	diag_hint(c->d, e, "'%s' belongs in %s", item_kind_name(it->kind),
		  home ? home : "another kind of declaration");
	return false;
}

/* Names are unique within a scorecard across themes, objectives and
 * measures, so links and data can name any of them plainly. */
static bool unique(rctx *c, ptr_vec *seen, ast_item *it)
{
	for (size_t i = 0; i < seen->len; i++) {
		ast_item *o = seen->items[i];
		if (o->name.s == it->name.s) {
			diag *e = diag_error(c->d, it->name.span, "duplicate-name",
					     "'%s' is already declared in this scorecard",
					     it->name.s);
			diag_note(c->d, e, o->name.span, "first declared here");
			return false;
		}
	}
	ptr_vec_push(c->a, seen, it);
	return true;
}

/* ---- measures ---------------------------------------------------------- */

static bool good_weight(rctx *c, ast_item *it)
{
	num w = it->value->number;
	if (num_sign(w) > 0 && num_cmp(w, num_int(1)) <= 0)
		return true;
	diag_error(c->d, it->value->span, "bad-weight",
		   "a weight is a percentage above 0%% and at most 100%%");
	return false;
}

static bool const_period(rctx *c, ast_expr *e, cal_period *out)
{
	(void)c;
	if (e->kind != EXPR_PERIOD || e->period.year < 1)
		return false;
	*out = e->period;
	return true;
}

static bool has_part(const m_measure *m, const char *part)
{
	for (size_t i = 0; i < m->parts.len; i++)
		if (m->parts.items[i] == part)
			return true;
	return false;
}

static void check_bands(rctx *c, m_measure *m)
{
	/* Bands are thresholds on the score: each covers the scores from its
	 * threshold up to the next band's.  Two bands at one threshold
	 * overlap; no band at 0% leaves a gap below the lowest. */
	for (size_t i = 1; i < m->bands.len; i++)
		for (size_t j = i; j > 0; j--) {
			m_band *a = m->bands.items[j - 1], *b = m->bands.items[j];
			int k = num_cmp(a->from, b->from);
			/* Highest first; at one threshold, `>` before `>=`. */
			if (k > 0 || (k == 0 && (a->strict || !b->strict)))
				break;
			m->bands.items[j - 1] = b;
			m->bands.items[j] = a;
		}
	for (size_t i = 0; i + 1 < m->bands.len; i++) {
		m_band *a = m->bands.items[i], *b = m->bands.items[i + 1];
		if (num_eq(a->from, b->from) && a->strict == b->strict) {
			num pct = a->from;
			num_mul(a->from, num_int(100), &pct);
			diag *e = diag_error(c->d, b->span, "band-overlap",
					     "bands '%s' and '%s' both start at %s%%",
					     a->name, b->name, rs_fmt_num(c, pct));
			diag_note(c->d, e, a->span, "the other band");
		}
	}
	if (m->bands.len) {
		m_band *low = m->bands.items[m->bands.len - 1];
		if (num_sign(low->from) > 0 || low->strict) {
			diag *e = diag_error(c->d, low->span, "band-gap",
					     "scores below band '%s' have no band", low->name);
			diag_hint(c->d, e, "add a lowest band: band red >= 0%%");
		}
	}
}

static m_measure *check_measure(rctx *c, m_objective *o, ast_item *mi)
{
	m_measure *m = arena_alloc(c->a, sizeof *m);
	m->name = mi->name;
	m->title = mi->text;
	m->objective = o;
	m->span = mi->span;
	m->aggregate = AGG_LAST;
	rs_governance(c, &mi->items, mi->name.span, mi->span, &m->governance);
	ast_item *better = NULL, *baseline = NULL, *aggregate = NULL, *parts = NULL,
		 *unit = NULL, *weight = NULL;
	bool better_ok = false, any_target = false;
	for (size_t i = 0; i < mi->items.len; i++) {
		ast_item *it = mi->items.items[i];
		if (!placed(c, AT_MEASURE, it))
			continue;
		switch (it->kind) {
		case ITEM_UNIT:
			if (rs_once(c, &unit, it))
				m->unit = it->text;
			break;
		case ITEM_PARTS:
			if (!rs_once(c, &parts, it))
				break;
			for (size_t j = 0; j < it->list.len; j++) {
				ast_name *n = it->list.items[j];
				if (has_part(m, n->s))
					diag_error(c->d, n->span, "duplicate-name",
						   "part '%s' is listed twice", n->s);
				else
					ptr_vec_push(c->a, &m->parts, (void *)n->s);
			}
			break;
		case ITEM_WEIGHT:
			if (rs_once(c, &weight, it) && good_weight(c, it)) {
				m->has_weight = true;
				m->weight = it->value->number;
			} else {
				o->bad_weights = true; /* weights-sum would repeat it */
			}
			break;
		default:
			break;
		}
	}
	for (size_t i = 0; i < mi->items.len; i++) {
		ast_item *it = mi->items.items[i];
		if (!fits(AT_MEASURE, it->kind))
			continue;
		switch (it->kind) {
		case ITEM_BETTER:
			if (!rs_once(c, &better, it))
				break;
			static const char *const polarities[] = {"higher", "lower", "within"};
			int which = rs_choose(c, it->ref, polarities, 3, "bad-polarity",
					      "polarity ('better')");
			better_ok = which >= 0;
			if (better_ok)
				m->better = (m_better)which;
			break;
		case ITEM_BASELINE:
			if (!rs_once(c, &baseline, it))
				break;
			m->has_baseline = const_period(c, it->value2, &m->baseline_period);
			m->baseline = it->value->number;
			break;
		case ITEM_AGGREGATE: {
			if (!rs_once(c, &aggregate, it))
				break;
			static const char *const aggregates[] = {"last", "sum", "mean", "ratio"};
			int k = rs_choose(c, it->ref, aggregates, 4, "bad-aggregate",
					  "aggregation");
			if (k >= 0)
				m->aggregate = (m_aggregate)k;
			break;
		}
		case ITEM_TARGET: {
			any_target = true;
			m_target *t = arena_alloc(c->a, sizeof *t);
			t->span = it->span;
			t->part = it->name.s;
			t->cmp = it->is_range ? OP_NONE : it->cmp;
			t->is_range = it->is_range;
			if (it->is_range) {
				t->lo = it->lo->number;
				t->hi = it->hi->number;
				t->percent = it->lo->percent;
				if (num_cmp(t->lo, t->hi) > 0)
					diag_error(c->d, it->span, "bad-range",
						   "empty target range: %s is above %s",
						   rs_fmt_num(c, t->lo), rs_fmt_num(c, t->hi));
			} else {
				t->value = it->value->number;
				t->percent = it->value->percent;
				if (t->cmp == OP_NE) {
					diag_error(c->d, it->span, "bad-target",
						   "a target is written with >=, >, <=, <, "
						   "= or a range lo..hi");
					break;
				}
			}
			const_period(c, it->value2, &t->by);
			if (t->part && !has_part(m, t->part)) {
				diag *e = diag_error(c->d, it->name.span, "unknown-name",
						     "measure '%s' has no part '%s'",
						     m->name.s, t->part);
				rs_suggest(c, e, t->part, (const char *const *)m->parts.items,
					   m->parts.len);
				break;
			}
			for (size_t j = 0; j < m->targets.len; j++) {
				m_target *o2 = m->targets.items[j];
				if (o2->part == t->part && cal_period_cmp(o2->by, t->by) == 0) {
					diag *e = diag_error(c->d, it->span, "duplicate-item",
							     "a second target%s%s for the same "
							     "deadline", t->part ? " for " : "",
							     t->part ? t->part : "");
					diag_note(c->d, e, o2->span, "the first");
				}
			}
			ptr_vec_push(c->a, &m->targets, t);
			break;
		}
		case ITEM_BAND: {
			m_band *b = arena_alloc(c->a, sizeof *b);
			b->name = it->name.s;
			b->span = it->span;
			b->from = it->value->number;
			b->strict = it->cmp == OP_GT;
			if (it->cmp != OP_GE && it->cmp != OP_GT)
				diag_error(c->d, it->span, "bad-band",
					   "a band starts at a score: band NAME >= 95%%");
			else if (num_sign(b->from) < 0 || num_cmp(b->from, num_int(1)) > 0)
				diag_error(c->d, it->value->span, "bad-band",
					   "a band starts at a score from 0%% to 100%%");
			else
				ptr_vec_push(c->a, &m->bands, b);
			break;
		}
		default:
			break;
		}
	}
	/* Targets: one per part (or one), polarity agreeing with them. */
	if (m->targets.len == 0) {
		if (any_target)
			return m; /* its targets were reported */
		diag_error(c->d, mi->name.span, "missing-item",
			   "measure '%s' has no target: add 'target >= VALUE by PERIOD'",
			   m->name.s);
		return m;
	}
	for (size_t j = 0; j < m->parts.len; j++) {
		bool found = false;
		for (size_t k = 0; k < m->targets.len; k++)
			found |= ((m_target *)m->targets.items[k])->part == m->parts.items[j];
		if (!found)
			diag_error(c->d, mi->name.span, "missing-item",
				   "part '%s' of measure '%s' has no target",
				   (const char *)m->parts.items[j], m->name.s);
	}
	const m_target *first_dir = NULL; /* the first target with a direction */
	for (size_t k = 0; k < m->targets.len; k++) {
		m_target *t = m->targets.items[k];
		if (m->parts.len && !t->part)
			diag_error(c->d, t->span, "missing-item",
				   "measure '%s' has parts: say which part this target is for",
				   m->name.s);
		m_better implied = t->is_range ? BETTER_WITHIN
			: t->cmp == OP_LE || t->cmp == OP_LT ? BETTER_LOWER : BETTER_HIGHER;
		/* Without `better`, the targets must agree on a direction: the
		 * measure has one, for all its parts (a ratio measure with parts
		 * is already an error). */
		if (!better && t->cmp != OP_EQ &&
		    !(m->aggregate == AGG_RATIO && m->parts.len)) {
			m_better before = first_dir ? (first_dir->is_range ? BETTER_WITHIN
				: first_dir->cmp == OP_LE || first_dir->cmp == OP_LT
				? BETTER_LOWER : BETTER_HIGHER) : implied;
			if (before != implied) {
				diag *e = diag_error(c->d, t->span, "bad-polarity",
						     "this target goes the other way from the "
						     "measure's first target");
				diag_note(c->d, e, first_dir->span, "the first target");
			}
			if (!first_dir)
				first_dir = t;
		}
		if (!better || !better_ok) {
			if (!first_dir || first_dir == t)
				m->better = implied;
		} else if (t->cmp != OP_EQ && implied != m->better)
			diag_error(c->d, t->span, "bad-polarity",
				   "this target does not agree with 'better %s'",
				   better->ref.s);
		cal_date bf, bl, tf, tl;
		cal_period_range(m->baseline_period, &bf, &bl);
		cal_period_range(t->by, &tf, &tl);
		if (m->has_baseline && bl >= tl)
			diag_error(c->d, baseline->span, "bad-baseline",
				   "the baseline's period must come before the target's "
				   "deadline");
	}
	if (m->aggregate == AGG_RATIO && m->parts.len)
		diag_error(c->d, aggregate->span, "bad-aggregate",
			   "a ratio measure reads the parts 'numerator' and "
			   "'denominator' from its data; it declares no parts of its own");
	check_bands(c, m);
	return m;
}

/* ---- objectives, themes, the scorecard ----------------------------------- */

static bool is_perspective(m_scorecard *s, const char *name)
{
	for (size_t i = 0; i < s->perspectives.len; i++)
		if (((ast_item *)s->perspectives.items[i])->name.s == name)
			return true;
	return false;
}

static void check_weights(rctx *c, ptr_vec *things, bool objectives, src_span where,
			  const char *owner)
{
	size_t with = 0;
	num total = num_int(0);
	for (size_t i = 0; i < things->len; i++) {
		bool has = objectives ? ((m_objective *)things->items[i])->has_weight
				      : ((m_measure *)things->items[i])->has_weight;
		num w = objectives ? ((m_objective *)things->items[i])->weight
				   : ((m_measure *)things->items[i])->weight;
		if (!has)
			continue;
		with++;
		if (num_add(total, w, &total) != NUM_OK)
			return;
	}
	if (with == 0)
		return; /* equal weights */
	if (with != things->len) {
		diag_error(c->d, where, "weights-sum",
			   "some %s of %s have a weight and some do not: give all "
			   "of them one, or none (equal weights)",
			   objectives ? "objectives" : "measures", owner);
		return;
	}
	if (!num_eq(total, num_int(1))) {
		num pct;
		num_mul(total, num_int(100), &pct);
		diag_error(c->d, where, "weights-sum",
			   "the weights of the %s of %s sum to %s%%, not 100%%",
			   objectives ? "objectives" : "measures", owner,
			   rs_fmt_num(c, pct));
	}
}

static m_objective *check_objective(rctx *c, m_scorecard *s, m_theme *th,
				    ast_item *oi, ptr_vec *names)
{
	m_objective *o = arena_alloc(c->a, sizeof *o);
	o->name = oi->name;
	o->title = oi->text;
	o->theme = th;
	o->scorecard = s;
	rs_governance(c, &oi->items, oi->name.span, oi->span, &o->governance);
	ast_item *persp = NULL, *weight = NULL, *contributes = NULL;
	for (size_t i = 0; i < oi->items.len; i++) {
		ast_item *it = oi->items.items[i];
		if (!placed(c, AT_OBJECTIVE, it))
			continue;
		switch (it->kind) {
		case ITEM_PERSPECTIVE:
			if (!rs_once(c, &persp, it))
				break;
			if (!is_perspective(s, it->name.s)) {
				diag *e = diag_error(c->d, it->name.span, "unknown-name",
						     "scorecard '%s' has no perspective '%s'",
						     s->name.s, it->name.s);
				rs_suggest_in(c, e, it->name.s, &s->perspectives,
					      offsetof(ast_item, name));
			} else {
				o->perspective = it->name.s;
			}
			break;
		case ITEM_WEIGHT:
			if (rs_once(c, &weight, it) && good_weight(c, it)) {
				o->has_weight = true;
				o->weight = it->value->number;
			} else if (th) {
				th->bad_weights = true;
			}
			break;
		case ITEM_INITIATIVE:
			ptr_vec_push(c->a, &o->initiatives, (void *)it->text);
			break;
		case ITEM_CONTRIBUTES:
			if (rs_once(c, &contributes, it))
				o->contributes_name = it->name;
			break;
		case ITEM_MEASURE:
			if (unique(c, names, it)) {
				m_measure *m = check_measure(c, o, it);
				ptr_vec_push(c->a, &o->measures, m);
				ptr_vec_push(c->a, &s->measures, m);
			}
			break;
		default:
			break;
		}
	}
	if (!persp && s->perspectives.len)
		diag_error(c->d, oi->name.span, "missing-item",
			   "objective '%s' needs a perspective of the scorecard "
			   "('perspective NAME')", o->name.s);
	bool any_measure = false;
	for (size_t i = 0; i < oi->items.len; i++)
		any_measure |= ((ast_item *)oi->items.items[i])->kind == ITEM_MEASURE;
	if (!any_measure)
		diag_warning(c->d, oi->name.span, "empty-objective",
			     "objective '%s' has no measures, so it can have no score",
			     o->name.s);
	if (!o->bad_weights)
		check_weights(c, &o->measures, false, oi->name.span,
			      arena_printf(c->a, "objective '%s'", o->name.s));
	return o;
}

void rs_check_scorecard(rctx *c, ast_decl *d, m_scorecard *s)
{
	ptr_vec names = {0};
	ast_item *set = NULL, *data = NULL;
	/* Perspectives first: objectives refer to them. */
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (!placed(c, AT_SCORECARD, it))
			continue;
		if (it->kind == ITEM_PERSPECTIVES && rs_once(c, &set, it)) {
			m_perspectives *p = rs_find_kind(c, it->name.s, DECL_PERSPECTIVES);
			if (!p)
				rs_unknown_global(c, it->name, DECL_PERSPECTIVES,
						  "perspectives declaration");
			else
				for (size_t j = 0; j < p->items.len; j++)
					if (((ast_item *)p->items.items[j])->kind == ITEM_PERSPECTIVE)
						ptr_vec_push(c->a, &s->perspectives, p->items.items[j]);
		} else if (it->kind == ITEM_PERSPECTIVE) {
			if (set) {
				diag_error(c->d, it->span, "duplicate-item",
					   "the perspectives come from '%s'; do not add "
					   "others here", set->name.s);
				continue;
			}
			if (!is_perspective(s, it->name.s))
				ptr_vec_push(c->a, &s->perspectives, it);
			else
				diag_error(c->d, it->name.span, "duplicate-name",
					   "perspective '%s' is listed twice", it->name.s);
		} else if (it->kind == ITEM_MEASURES && rs_once(c, &data, it)) {
			s->data = rs_find_kind(c, it->name.s, DECL_DATA);
			if (!s->data)
				rs_unknown_global(c, it->name, DECL_DATA, "dataset");
		}
	}
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (!fits(AT_SCORECARD, it->kind))
			continue;
		if (it->kind == ITEM_OBJECTIVE && unique(c, &names, it)) {
			m_objective *o = check_objective(c, s, NULL, it, &names);
			ptr_vec_push(c->a, &s->objectives, o);
		} else if (it->kind == ITEM_THEME && unique(c, &names, it)) {
			m_theme *th = arena_alloc(c->a, sizeof *th);
			th->name = it->name;
			th->title = it->text;
			rs_governance(c, &it->items, it->name.span, it->span,
				      &th->governance);
			ast_item *intended = NULL;
			for (size_t j = 0; j < it->items.len; j++) {
				ast_item *sub = it->items.items[j];
				if (!placed(c, AT_THEME, sub))
					continue;
				if (sub->kind == ITEM_INTENDED && rs_once(c, &intended, sub))
					th->intended = sub->text;
				else if (sub->kind == ITEM_OBJECTIVE && unique(c, &names, sub)) {
					m_objective *o = check_objective(c, s, th, sub, &names);
					ptr_vec_push(c->a, &th->objectives, o);
					ptr_vec_push(c->a, &s->objectives, o);
				}
			}
			if (!th->bad_weights)
				check_weights(c, &th->objectives, true, it->name.span,
					      arena_printf(c->a, "theme '%s'", th->name.s));
			ptr_vec_push(c->a, &s->themes, th);
		}
	}
	/* The measures data, read by column name. */
	s->col_measure = s->col_period = s->col_value = s->col_part = (size_t)-1;
	if (s->data) {
		static const char *const cols[] = {"measure", "period", "value", "part"};
		size_t *slots[] = {&s->col_measure, &s->col_period, &s->col_value,
				   &s->col_part};
		for (size_t k = 0; k < 4; k++) {
			for (size_t j = 0; j < s->data->columns.len; j++)
				if (!strcmp(((m_column *)s->data->columns.items[j])->name.s, cols[k]))
					*slots[k] = j;
			if (*slots[k] == (size_t)-1 && k < 3 && !s->data->incomplete)
				diag_error(c->d, s->data->name.span, "missing-column",
					   "data '%s' holds the measures of scorecard '%s' "
					   "and needs a column '%s'", s->data->name.s,
					   s->name.s, cols[k]);
		}
		if (s->col_period != (size_t)-1 &&
		    ((m_column *)s->data->columns.items[s->col_period])->type != COL_PERIOD)
			diag_error(c->d, ((m_column *)s->data->columns.items[s->col_period])->name.span,
				   "type-mismatch", "measures column 'period' must be a "
				   "period: 'column period period'");
		if (s->col_value != (size_t)-1 &&
		    !rs_is_numeric_column(((m_column *)s->data->columns.items[s->col_value])->type))
			diag_error(c->d, ((m_column *)s->data->columns.items[s->col_value])->name.span,
				   "type-mismatch", "measures column 'value' must be a number");
	} else if (s->measures.len && !data && !rs_incomplete(c, d->span)) {
		diag_warning(c->d, d->name.span, "no-measures-data",
			     "scorecard '%s' names no data for its measures "
			     "('measures DATASET'), so every measure will have no data",
			     s->name.s);
	}
}

/* ---- links and cascading ------------------------------------------------------ */

static m_objective *find_objective(m_scorecard *s, const char *name)
{
	for (size_t i = 0; i < s->objectives.len; i++) {
		m_objective *o = s->objectives.items[i];
		if (o->name.s == name)
			return o;
	}
	return NULL;
}

static m_objective *resolve_objective(rctx *c, m_scorecard *s, ast_name n)
{
	m_objective *o = find_objective(s, n.s);
	if (o)
		return o;
	/* scorecard.objective, for cascading between scorecards */
	const char *dot = strchr(n.s, '.');
	if (dot) {
		const char *card = intern(&c->p->names, n.s, (size_t)(dot - n.s));
		m_scorecard *other = rs_find_kind(c, card, DECL_SCORECARD);
		if (other && (o = find_objective(other, intern_cstr(&c->p->names, dot + 1))))
			return o;
	}
	diag *e = diag_error(c->d, n.span, "unknown-name",
			     "scorecard '%s' has no objective '%s'", s->name.s, n.s);
	rs_suggest_in(c, e, n.s, &s->objectives, offsetof(m_objective, name));
	return NULL;
}

/* Depth-first search for a path of links from `from` back to `target`. */
static bool reaches(const m_scorecard *s, const m_objective *from,
		    const m_objective *target, size_t depth)
{
	if (depth > s->links.len)
		return false;
	for (size_t i = 0; i < s->links.len; i++) {
		const m_link *l = s->links.items[i];
		if (l->from == from && (l->to == target || reaches(s, l->to, target, depth + 1)))
			return true;
	}
	return false;
}

void rs_check_scorecard_links(rctx *c)
{
	for (size_t g = 0; g < c->globals.len; g++) {
		global *gl = c->globals.items[g];
		if (gl->kind != DECL_SCORECARD)
			continue;
		m_scorecard *s = gl->obj;
		ast_decl *d = gl->decl;
		for (size_t i = 0; i < d->items.len; i++) {
			ast_item *it = d->items.items[i];
			if (it->kind != ITEM_LINK)
				continue;
			m_objective *a = resolve_objective(c, s, it->name);
			m_objective *b = resolve_objective(c, s, it->target);
			if (!a || !b)
				continue;
			if (a == b) {
				diag_error(c->d, it->span, "link-cycle",
					   "objective '%s' cannot cause itself", a->name.s);
				continue;
			}
			/* A new link that closes a loop of cause and effect. */
			if (reaches(s, b, a, 0)) {
				diag *e = diag_error(c->d, it->span, "link-cycle",
						     "this link closes a cycle: '%s' already "
						     "leads to '%s'", b->name.s, a->name.s);
				for (size_t j = 0; j < s->links.len; j++) {
					m_link *l = s->links.items[j];
					if (l->from == b) {
						diag_note(c->d, e, l->span, "the cycle goes on here");
						break;
					}
				}
				continue;
			}
			m_link *l = arena_alloc(c->a, sizeof *l);
			l->from = a;
			l->to = b;
			l->span = it->span;
			ptr_vec_push(c->a, &s->links, l);
		}
		/* Cascading: a unit's objective contributes to a parent one. */
		for (size_t i = 0; i < s->objectives.len; i++) {
			m_objective *o = s->objectives.items[i];
			if (!o->contributes_name.s)
				continue;
			m_objective *parent = resolve_objective(c, s, o->contributes_name);
			if (!parent)
				continue;
			/* Follow the chain up: it must not come back to o. */
			const m_objective *up = parent;
			size_t steps = 0;
			while (up && up != o && steps++ < 1000)
				up = up->contributes;
			if (up == o) {
				diag_error(c->d, o->contributes_name.span, "link-cycle",
					   "objective '%s' would contribute to itself",
					   o->name.s);
				continue;
			}
			o->contributes = parent;
		}
	}
}
