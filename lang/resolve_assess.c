/* resolve_assess.c - profiles and assessments; see resolve_int.h. */
#include "resolve_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- profiles --------------------------------------------------------------- */

/* The framework a profile or assessment speaks of: its `framework` item, or
 * the only framework of the program. */
m_framework *rs_framework_of(rctx *c, ast_decl *d)
{
	ast_item *seen = NULL;
	m_framework *f = NULL;
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (it->kind != ITEM_FRAMEWORK || !rs_once(c, &seen, it))
			continue;
		f = rs_find_kind(c, it->name.s, DECL_FRAMEWORK);
		if (!f)
			rs_unknown_global(c, it->name, DECL_FRAMEWORK, "framework");
		return f;
	}
	if (c->m->frameworks.len == 1)
		return c->m->frameworks.items[0];
	diag_error(c->d, d->name.span, "missing-item",
		   c->m->frameworks.len == 0
		   ? "%s '%s' refers to competencies, but no framework is declared"
		   : "%s '%s' must say which framework it uses ('framework NAME'): "
		     "there are several", decl_kind_name(d->kind), d->name.s);
	return NULL;
}

void rs_check_profile(rctx *c, ast_decl *d, m_profile *pr)
{
	for (size_t i = 0; i < d->items.len; i++)
		rs_allowed(c, d, d->items.items[i], false);
	pr->framework = rs_framework_of(c, d);
	if (!pr->framework)
		return;
	m_framework *f = pr->framework;
	m_requirement **by_comp = arena_alloc(c->a, (f->competencies.len + 1) * sizeof *by_comp);
	ast_item *all = NULL;
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (it->kind != ITEM_REQUIRE)
			continue;
		bool is_all = strcmp(it->name.s, "all") == 0;
		m_competency *k = is_all ? NULL : rs_find_competency(f, it->name.s);
		if (!is_all && !k) {
			rs_unknown_competency(c, f, it->name);
			continue;
		}
		if (!it->not_applicable && it->cmp != OP_GE && it->cmp != OP_GT &&
		    it->cmp != OP_EQ) {
			diag *e = diag_error(c->d, it->span, "bad-requirement",
					     "a required level is written with '>=', "
					     "'>' or '='");
			diag_hint(c->d, e, "a profile states the least level it needs");
			continue;
		}
		/* Which slot: a competency's index, or the last for `all`. */
		size_t slot = f->competencies.len;
		if (k)
			for (slot = 0; f->competencies.items[slot] != k; slot++)
				;
		if (is_all && all) {
			diag *e = diag_error(c->d, it->span, "duplicate-requirement",
					     "'require all' is given twice");
			diag_note(c->d, e, all->span, "first given here");
			continue;
		}
		if (!is_all && by_comp[slot]) {
			diag *e = diag_error(c->d, it->span, "duplicate-requirement",
					     "profile '%s' requires '%s' twice",
					     pr->name.s, k->name.s);
			diag_note(c->d, e, by_comp[slot]->span, "first required here");
			continue;
		}
		m_requirement *r = arena_alloc(c->a, sizeof *r);
		r->competency = k;
		r->cmp = it->cmp;
		r->not_applicable = it->not_applicable;
		r->span = it->span;
		if (!it->not_applicable) {
			/* Without a scale (already reported) there is no level
			 * to require: leave the requirement out. */
			m_scale *s = k ? k->scale : f->scale;
			m_level *l = s ? rs_scale_level(s, it->value) : NULL;
			if (!s)
				continue;
			if (!l) {
				rs_unknown_level(c, s, it->value);
				continue;
			}
			r->level = l->value;
			/* The level must be one the competency is defined at. */
			bool defined = true;
			if (k && l) {
				defined = false;
				for (size_t j = 0; j < k->levels.len; j++)
					if (k->levels.items[j] == l)
						defined = true;
			}
			if (!defined) {
				diag *e = diag_error(c->d, it->value->span, "undefined-level",
						     "competency '%s' is not defined at "
						     "level %s", k->name.s,
						     rs_fmt_num(c, l->value));
				const char *list = "";
				for (size_t j = 0; j < k->levels.len; j++)
					list = arena_printf(c->a, "%s%s%s", list,
							    j ? ", " : "",
							    rs_fmt_num(c, ((m_level *)k->levels.items[j])->value));
				diag_hint(c->d, e, "'%s' is defined at levels %s",
					  k->name.s, list);
				diag_note(c->d, e, k->name.span, "'%s' is declared here",
					  k->name.s);
				continue;
			}
		}
		if (is_all)
			all = it;
		by_comp[slot] = r;
	}
	/* Expand: explicit requirements win over `require all`. */
	for (size_t i = 0; i < f->competencies.len; i++) {
		m_requirement *r = by_comp[i];
		if (!r && by_comp[f->competencies.len]) {
			m_requirement *a = by_comp[f->competencies.len];
			m_competency *k = f->competencies.items[i];
			bool defined = a->not_applicable;
			for (size_t j = 0; j < k->levels.len && !defined; j++)
				defined = num_eq(((m_level *)k->levels.items[j])->value, a->level);
			if (!defined) {
				diag *e = diag_error(c->d, a->span, "undefined-level",
						     "'require all' asks level %s of '%s', "
						     "which is not defined at that level",
						     rs_fmt_num(c, a->level), k->name.s);
				diag_hint(c->d, e, "add a requirement for '%s' of its own",
					  k->name.s);
				continue;
			}
			r = arena_alloc(c->a, sizeof *r);
			*r = *a;
			r->competency = k;
		}
		if (r)
			ptr_vec_push(c->a, &pr->requirements, r);
	}
	bool any_require = false;
	for (size_t i = 0; i < d->items.len; i++)
		any_require |= ((ast_item *)d->items.items[i])->kind == ITEM_REQUIRE;
	/* A profile whose requirements all failed to check is not empty. */
	if (!any_require && !rs_incomplete(c, d->span))
		diag_warning(c->d, d->name.span, "empty-profile",
			     "profile '%s' requires nothing", pr->name.s);
}

/* ---- assessments ----------------------------------------------------------- */

static m_dataset *resolve_dataset(rctx *c, ast_name n)
{
	m_dataset *s = rs_find_kind(c, n.s, DECL_DATA);
	if (!s)
		rs_unknown_global(c, n, DECL_DATA, "dataset");
	return s;
}

/* The ratings dataset is read by column name: subject, rater, relation,
 * competency and score. */
static m_column *rating_column(rctx *c, m_assessment *as, const char *name,
			       bool numeric)
{
	m_column *col = rs_find_column(as->ratings, intern_cstr(&c->p->names, name));
	if (!col && as->ratings->incomplete)
		return NULL;
	if (!col) {
		diag *e = diag_error(c->d, as->ratings->name.span, "missing-column",
				     "dataset '%s' is the ratings of assessment '%s' "
				     "and needs a column '%s'", as->ratings->name.s,
				     as->name.s, name);
		diag_note(c->d, e, as->name.span, "the assessment is declared here");
		return NULL;
	}
	bool is_numeric = rs_is_numeric_column(col->type) || col->ref == REF_LEVEL;
	if (numeric != is_numeric)
		diag_error(c->d, col->name.span, "type-mismatch",
			   "ratings column '%s' must be %s", name,
			   numeric ? "a number, an integer or a level of a scale ('-> SCALE')"
			   : "text");
	return col;
}

static void check_rating_columns(rctx *c, m_assessment *as)
{
	if (!as->ratings)
		return;
	m_rating_columns *k = &as->cols;
	k->subject = rating_column(c, as, "subject", false);
	k->rater = rating_column(c, as, "rater", false);
	/* With a single relation the ratings may leave it out. */
	if (as->relations.len != 1 ||
	    rs_find_column(as->ratings, intern_cstr(&c->p->names, "relation")))
		k->relation = rating_column(c, as, "relation", false);
	k->competency = rating_column(c, as, "competency", false);
	k->score = rating_column(c, as, "score", true);
	if (k->subject && !as->subjects && k->subject->ref == REF_DATASET)
		as->subjects = k->subject->ref_dataset;
	if (k->subject && !as->subjects) {
		diag *e = diag_error(c->d, k->subject->name.span, "missing-subjects",
				     "assessment '%s' needs to know its subjects: "
				     "declare 'column subject -> DATASET'", as->name.s);
		diag_note(c->d, e, as->name.span, "the assessment is declared here");
	}
	if (k->subject && as->subjects && k->subject->ref_dataset != as->subjects)
		diag_error(c->d, k->subject->name.span, "bad-reference",
			   "ratings column 'subject' must refer to the subjects, "
			   "'-> %s'", as->subjects->name.s);
	if (k->competency && as->framework &&
	    k->competency->ref_framework != as->framework)
		diag_error(c->d, k->competency->name.span, "bad-reference",
			   "ratings column 'competency' must refer to the "
			   "framework, '-> %s'", as->framework->name.s);
	/* Scores outside the framework's scale would be accepted and averaged. */
	m_scale *scale = as->framework ? as->framework->scale : NULL;
	if (k->score && scale && scale->levels.len >= 2 && k->score->ref != REF_LEVEL) {
		num lo = ((m_level *)scale->levels.items[0])->value;
		num hi = ((m_level *)scale->levels.items[scale->levels.len - 1])->value;
		if (!k->score->has_range) {
			diag *e = diag_warning(c->d, k->score->name.span, "score-range",
					       "ratings column 'score' has no range, so "
					       "scores off scale '%s' would be accepted",
					       scale->name.s);
			diag_hint(c->d, e, "declare 'in %s..%s' or '-> %s'", rs_fmt_num(c, lo),
				  rs_fmt_num(c, hi), scale->name.s);
		} else if (num_cmp(k->score->lo, lo) < 0 || num_cmp(k->score->hi, hi) > 0) {
			diag_warning(c->d, k->score->name.span, "score-range",
				     "ratings column 'score' allows %s..%s, beyond scale "
				     "'%s' (%s..%s)", rs_fmt_num(c, k->score->lo),
				     rs_fmt_num(c, k->score->hi), scale->name.s,
				     rs_fmt_num(c, lo), rs_fmt_num(c, hi));
		}
	}
	/* Relation names must be values the relation column allows. */
	m_column *rel = k->relation;
	if (!rel || !rel->allowed.len)
		return;
	for (size_t i = 0; i < as->relations.len; i++) {
		m_relation *r = as->relations.items[i];
		bool found = false;
		for (size_t j = 0; j < rel->allowed.len && !found; j++) {
			ast_expr *v = rel->allowed.items[j];
			const char *s = v->kind == EXPR_NAME ? v->name.s : v->text;
			found = s && strcmp(s, r->name.s) == 0;
		}
		if (!found) {
			diag *e = diag_error(c->d, r->name.span, "unknown-relation",
					     "relation '%s' is not a value of column "
					     "'%s.relation'", r->name.s,
					     as->ratings->name.s);
			diag_note(c->d, e, rel->name.span,
				  "the column's values are listed here");
		}
	}
}

static m_column *subject_column(rctx *c, m_assessment *as, ast_name n)
{
	if (!as->subjects)
		return NULL;
	m_column *col = rs_find_column(as->subjects, n.s);
	if (!col)
		rs_unknown_column(c, as->subjects, n);
	return col;
}

/* Profiles, grouping, succession and development. */
static void check_assessment_outputs(rctx *c, ast_decl *d, m_assessment *as)
{
	ast_item *profiles = NULL, *summarise = NULL;
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		switch (it->kind) {
		case ITEM_PROFILES:
			if (rs_once(c, &profiles, it) &&
			    (as->profile_column = subject_column(c, as, it->name)) &&
			    as->profile_column->ref != REF_PROFILE)
				diag_error(c->d, it->name.span, "bad-reference",
					   "column '%s' must name profiles: declare "
					   "it 'column %s -> profile'", it->name.s,
					   it->name.s);
			break;
		case ITEM_SUMMARISE:
			if (rs_once(c, &summarise, it))
				as->group_column = subject_column(c, as, it->name);
			break;
		case ITEM_SUCCESSION: {
			m_succession *su = arena_alloc(c->a, sizeof *su);
			su->span = it->span;
			su->target = rs_find_kind(c, it->name.s, DECL_PROFILE);
			su->from = rs_find_kind(c, it->target.s, DECL_PROFILE);
			if (!su->target)
				rs_unknown_global(c, it->name, DECL_PROFILE, "profile");
			if (!su->from)
				rs_unknown_global(c, it->target, DECL_PROFILE, "profile");
			if (su->target && su->target == su->from) {
				diag_error(c->d, it->target.span, "bad-succession",
					   "succession to '%s' from '%s' itself: name the "
					   "profile the candidates hold now", it->name.s,
					   it->target.s);
				break;
			}
			if (su->target && su->from)
				ptr_vec_push(c->a, &as->successions, su);
			break;
		}
		case ITEM_DEVELOP: {
			for (size_t j = 0; as->subjects && j < as->subjects->columns.len &&
			     as->develops.len == 0; j++) {
				m_column *col = as->subjects->columns.items[j];
				if (rs_is_develop_name(col->name.s))
					diag_warning(c->d, it->span, "shadowed-name",
						     "in develop conditions '%s' is the "
						     "competency's %s, not the column %s.%s",
						     col->name.s, col->name.s,
						     as->subjects->name.s, col->name.s);
			}
			scope sc = {0};
			sc.rows = as->subjects;
			sc.develop = true;
			sc.framework = as->framework;
			m_type t = rs_check_expr(c, it->value, &sc);
			if (t != TYPE_ERROR && t != TYPE_BOOL)
				diag_error(c->d, it->value->span, "type-mismatch",
					   "a develop condition must be boolean, not %s",
					   m_type_name(t));
			m_develop *dv = arena_alloc(c->a, sizeof *dv);
			dv->when = it->value;
			dv->action = it->text;
			dv->span = it->span;
			ptr_vec_push(c->a, &as->develops, dv);
			break;
		}
		default:
			break;
		}
	}
	/* Without 'profiles by', the subjects' one column naming profiles. */
	if (!profiles && as->subjects) {
		for (size_t i = 0; i < as->subjects->columns.len; i++) {
			m_column *col = as->subjects->columns.items[i];
			if (col->ref != REF_PROFILE)
				continue;
			if (as->profile_column) {
				diag *e = diag_error(c->d, as->name.span, "ambiguous",
						     "subjects have two columns naming "
						     "profiles, '%s' and '%s'",
						     as->profile_column->name.s,
						     col->name.s);
				diag_hint(c->d, e, "say which with 'profiles by COLUMN'");
				break;
			}
			as->profile_column = col;
		}
	}
	for (size_t i = 0; i < as->relations.len; i++) {
		m_relation *r = as->relations.items[i];
		if (strcmp(r->name.s, "self") == 0)
			as->self = r;
	}
	/* The default blind-spot threshold: a third of the scale's span. */
	m_scale *sc = as->framework ? as->framework->scale : NULL;
	if (!as->threshold.d && sc && sc->levels.len >= 2) {
		m_level *lo = sc->levels.items[0];
		m_level *hi = sc->levels.items[sc->levels.len - 1];
		num span;
		if (num_sub(hi->value, lo->value, &span) != NUM_OK ||
		    num_div(span, num_int(3), &as->threshold) != NUM_OK)
			as->threshold = num_int(1);
	}
}

void rs_check_assessment(rctx *c, ast_decl *d, m_assessment *as)
{
	ast_item *ratings = NULL, *subjects = NULL, *missing = NULL,
		 *threshold = NULL, *scale = NULL;
	num total = num_int(0);
	bool total_ok = true;
	as->missing = MISSING_RENORMALIZE;
	as->span = d->name.span;
	as->framework = rs_framework_of(c, d);
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (!rs_allowed(c, d, it, false))
			continue;
		switch (it->kind) {
		case ITEM_RATINGS:
			if (rs_once(c, &ratings, it))
				as->ratings = resolve_dataset(c, it->name);
			break;
		case ITEM_SUBJECTS:
			if (rs_once(c, &subjects, it))
				as->subjects = resolve_dataset(c, it->name);
			break;
		case ITEM_SCALE:
			if (rs_once(c, &scale, it))
				rs_resolve_scale(c, it->name);
			break;
		case ITEM_MISSING:
			if (!rs_once(c, &missing, it))
				break;
			static const char *const policies[] = {"renormalize", "zero", "error"};
			int k = rs_choose(c, it->ref, policies, 3, "bad-policy",
					  "policy for missing relations");
			if (k >= 0)
				as->missing = (m_missing)k;
			break;
		case ITEM_THRESHOLD:
			if (!rs_once(c, &threshold, it))
				break;
			num t;
			if (rs_const_num(it->value, &t) && num_sign(t) > 0) {
				as->threshold = t;
			} else {
				diag_error(c->d, it->value->span, "bad-threshold",
					   "the blind-spot threshold must be a positive "
					   "constant number of scale points, such as 1 or 4/3");
			}
			break;
		case ITEM_RELATION: {
			m_relation *r = arena_alloc(c->a, sizeof *r);
			r->name = it->name;
			r->weight = it->value->number;
			r->minimum = 1;
			for (size_t j = 0; j < as->relations.len; j++) {
				m_relation *o = as->relations.items[j];
				if (o->name.s == r->name.s) {
					diag *e = diag_error(c->d, it->name.span,
							     "duplicate-name",
							     "relation '%s' is weighted twice",
							     r->name.s);
					diag_note(c->d, e, o->name.span, "first weighted here");
				}
			}
			if (num_sign(r->weight) <= 0 || num_cmp(r->weight, num_int(1)) > 0) {
				diag *e = diag_error(c->d, it->value->span, "bad-weight",
						     "a weight is a percentage above 0%% and "
						     "at most 100%%");
				if (!it->value->percent && num_cmp(r->weight, num_int(1)) > 0 &&
				    num_cmp(r->weight, num_int(100)) <= 0)
					diag_hint(c->d, e, "write %s%%",
						  rs_fmt_num(c, r->weight));
				total_ok = false;
			} else if (total_ok && num_add(total, r->weight, &total) != NUM_OK) {
				total_ok = false;
			}
			if (it->value2) {
				num mn = it->value2->number;
				if (!num_is_int(mn) || mn.n < 1 || mn.n > 1000000)
					diag_error(c->d, it->value2->span, "bad-minimum",
						   "the minimum number of raters is a whole "
						   "number from 1 up");
				else
					r->minimum = (int)mn.n;
			}
			ptr_vec_push(c->a, &as->relations, r);
			break;
		}
		default:
			break;
		}
	}
	if (rs_incomplete(c, d->span))
		return;
	if (!ratings)
		diag_error(c->d, d->name.span, "missing-item",
			   "assessment '%s' needs 'ratings DATASET'", as->name.s);
	if (as->relations.len == 0)
		diag_error(c->d, d->name.span, "missing-item",
			   "assessment '%s' weighs no rater relations", as->name.s);
	else if (total_ok && !num_eq(total, num_int(1))) {
		char buf[NUM_FMT_MAX];
		num pct;
		if (num_mul(total, num_int(100), &pct) != NUM_OK ||
		    num_format_exact(pct, buf, sizeof buf) < 0)
			strcpy(buf, "?");
		diag *e = diag_error(c->d, d->name.span, "weights-sum",
				     "the relation weights of '%s' sum to %s%%, "
				     "not 100%%", as->name.s, buf);
		diag_hint(c->d, e, "weights are renormalised only over relations "
			  "missing for a subject; as declared they must sum to 100%%");
	}
	check_rating_columns(c, as);
	/* Ratings are streamed into the assessment, not kept: nothing else
	 * can look rows up in them. */
	for (size_t i = 0; as->ratings && i < c->m->datasets.len; i++) {
		m_dataset *other = c->m->datasets.items[i];
		for (size_t j = 0; j < other->columns.len; j++) {
			m_column *col = other->columns.items[j];
			if (col->ref == REF_DATASET && col->ref_dataset == as->ratings) {
				diag *e = diag_error(c->d, col->name.span, "bad-reference",
						     "column '%s' refers to '%s', the ratings of "
						     "assessment '%s', which are streamed, not "
						     "looked up", col->name.s, as->ratings->name.s,
						     as->name.s);
				diag_note(c->d, e, as->span, "the assessment");
			}
		}
	}
	check_assessment_outputs(c, d, as);
}
