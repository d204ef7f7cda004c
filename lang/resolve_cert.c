/* resolve_cert.c - certifications, matches and the functions about one
 * subject (certified(), competence(), ...); see resolve_int.h and
 * docs/certifications.md. */
#include "resolve_int.h"

#include <stddef.h>
#include <string.h>

#define NONE ((size_t)-1)

/* ---- evidence ---------------------------------------------------------------- */

/* `score exams.score where exam = "purchasing"`: the dataset, the value
 * column and the filter; the subject column is the one that refers to the
 * subjects, the date column the only date column or the one `dated` names. */
static bool check_evidence(rctx *c, m_certification *cert, ast_item *it,
			   ast_item *dated, const char *what, m_evidence *ev)
{
	ast_expr *src = it->value->kind == EXPR_WHERE ? it->value->a : it->value;
	ast_expr *where = it->value->kind == EXPR_WHERE ? it->value->b : NULL;
	m_dataset *ds = src->kind == EXPR_FIELD && src->a->kind == EXPR_NAME
		? rs_find_kind(c, src->a->name.s, DECL_DATA) : NULL;
	if (!ds) {
		diag *d = diag_error(c->d, src->span, "bad-evidence",
				     "%s is read from a dataset column: "
				     "DATASET.COLUMN [where CONDITION]", what);
		diag_hint(c->d, d, "for example: %s exams.score where exam = "
			  "\"purchasing\"", item_kind_name(it->kind));
		return false;
	}
	ev->dataset = ds;
	ev->where = where;
	ev->col_category = NONE;
	m_column *col = rs_find_column(ds, src->name.s);
	if (!col) {
		rs_unknown_column(c, ds, src->name);
		return false;
	}
	if (rs_column_type(col) != TYPE_NUMBER) {
		diag_error(c->d, src->span, "type-mismatch",
			   "%s must be a numeric column, and '%s.%s' is %s", what,
			   ds->name.s, col->name.s, rs_column_types[col->type]);
		return false;
	}
	ev->col_value = column_index(ds, col);
	bool ok = true;
	/* the subject */
	ev->col_subject = NONE;
	size_t nsubj = 0;
	for (size_t i = 0; i < ds->columns.len; i++) {
		m_column *k = ds->columns.items[i];
		if (k->ref == REF_DATASET && k->ref_dataset == cert->subjects && cert->subjects) {
			if (!nsubj++)
				ev->col_subject = i;
		}
	}
	if (cert->subjects && nsubj != 1 && !ds->incomplete) {
		diag *d = nsubj
			? diag_error(c->d, src->span, "bad-evidence",
				     "'%s' has %zu columns that refer to '%s': which "
				     "one names the person is unclear", ds->name.s,
				     nsubj, cert->subjects->name.s)
			: diag_error(c->d, src->span, "bad-evidence",
				     "'%s' has no column that refers to '%s', so its "
				     "rows belong to no one", ds->name.s,
				     cert->subjects->name.s);
		if (!nsubj)
			diag_hint(c->d, d, "declare the person's column as "
				  "'column person -> %s'", cert->subjects->name.s);
		ok = false;
	}
	/* the date */
	ev->col_date = NONE;
	if (dated) {
		m_column *k = rs_find_column(ds, dated->name.s);
		if (!k) {
			rs_unknown_column(c, ds, dated->name);
			ok = false;
		} else if (k->type != COL_DATE) {
			diag_error(c->d, dated->name.span, "bad-evidence",
				   "'dated' names a date column, and '%s.%s' is %s",
				   ds->name.s, k->name.s, rs_column_types[k->type]);
			ok = false;
		} else {
			ev->col_date = column_index(ds, k);
		}
	} else {
		size_t ndate = 0;
		for (size_t i = 0; i < ds->columns.len; i++)
			if (((m_column *)ds->columns.items[i])->type == COL_DATE && !ndate++)
				ev->col_date = i;
		if (ndate != 1 && !ds->incomplete) {
			diag *d = diag_error(c->d, src->span, "bad-evidence",
					     ndate ? "'%s' has several date columns"
						   : "'%s' has no date column: evidence "
						     "must be dated", ds->name.s);
			if (ndate)
				diag_hint(c->d, d, "say which with 'dated COLUMN'");
			ok = false;
		}
	}
	if (where) {
		scope sc = {0};
		sc.rows = ds;
		m_type t = rs_check_expr(c, where, &sc);
		if (t != TYPE_ERROR && t != TYPE_BOOL) {
			diag_error(c->d, where->span, "type-mismatch",
				   "a 'where' condition must be a boolean, not %s",
				   m_type_name(t));
			ok = false;
		}
	}
	return ok;
}

/* ---- clauses ------------------------------------------------------------------ */

static bool positive_duration(rctx *c, ast_expr *e, const char *what,
			      cal_duration *out)
{
	/* At most a thousand years, in any unit: dates stay in the years 1 to
	 * 9999 whatever they start from. */
	static const int64_t most[] = {
		[UNIT_YEARS] = 1000, [UNIT_MONTHS] = 12000, [UNIT_WEEKS] = 52000,
		[UNIT_DAYS] = 365000,
	};
	*out = e->duration;
	if (num_sign(e->duration.amount) <= 0 || !num_is_int(e->duration.amount) ||
	    e->duration.unit == UNIT_HOURS || e->duration.unit == UNIT_MINUTES ||
	    e->duration.amount.n > most[e->duration.unit]) {
		diag_error(c->d, e->span, "bad-duration",
			   "%s is a whole, positive number of days, weeks, months "
			   "or years, at most a thousand years", what);
		return false;
	}
	return true;
}

static bool nonneg_number(rctx *c, ast_expr *e, const char *what, bool whole)
{
	if (num_sign(e->number) < 0 || (whole && !num_is_int(e->number))) {
		diag_error(c->d, e->span, "bad-number", "%s must be a %snumber of at "
			   "least 0", what, whole ? "whole " : "");
		return false;
	}
	return true;
}

static void misplaced(rctx *c, ast_item *it, const char *where, const char *home)
{
	diag *e = diag_error(c->d, it->span, "misplaced-item",
			     "'%s' is not allowed in %s", item_kind_name(it->kind), where);
	diag_hint(c->d, e, "'%s' belongs in %s", item_kind_name(it->kind), home);
}

static m_clause *new_clause(rctx *c, m_clause_kind kind, ast_item *it)
{
	m_clause *cl = arena_alloc(c->a, sizeof *cl);
	cl->kind = kind;
	cl->name = it->name;
	cl->title = it->text;
	cl->span = it->span;
	return cl;
}

static m_clause *check_exam(rctx *c, m_certification *cert, ast_item *it)
{
	m_clause *cl = new_clause(c, CLAUSE_EXAM, it);
	ast_item *seen[ITEM_KIND_COUNT] = {0};
	bool ok = true;
	for (size_t i = 0; i < it->items.len; i++) {
		ast_item *x = it->items.items[i];
		switch (x->kind) {
		case ITEM_SCORE: case ITEM_PASS: case ITEM_ATTEMPTS: case ITEM_VALID:
		case ITEM_DATED: case ITEM_DESCRIPTION: case ITEM_SOURCE:
			ok = rs_once(c, &seen[x->kind], x) && ok;
			break;
		default:
			misplaced(c, x, "an exam", x->kind == ITEM_AMOUNT ||
				  x->kind == ITEM_TOTAL || x->kind == ITEM_CAP ||
				  x->kind == ITEM_CATEGORY ? "a 'credits' requirement"
				  : "a certification");
			ok = false;
		}
	}
	if (!seen[ITEM_SCORE] || !seen[ITEM_PASS]) {
		diag *d = diag_error(c->d, it->name.span, "missing-item",
				     "exam '%s' needs 'score DATASET.COLUMN [where ...]' "
				     "and 'pass MARK'", it->name.s);
		diag_hint(c->d, d, "for example: exam %s { score exams.score where "
			  "exam = \"%s\"; pass 80%% }", it->name.s, it->name.s);
		return NULL;
	}
	ok = check_evidence(c, cert, seen[ITEM_SCORE], seen[ITEM_DATED], "an exam's score",
			    &cl->ev) && ok;
	ast_expr *pass = seen[ITEM_PASS]->value;
	cl->pass = pass->number;
	cl->pass_percent = pass->percent;
	ok = nonneg_number(c, pass, "a pass mark", false) && ok;
	if (seen[ITEM_ATTEMPTS]) {
		ast_expr *n = seen[ITEM_ATTEMPTS]->value;
		if (!num_is_int(n->number) || n->number.n < 1 || n->number.n > 1000) {
			diag_error(c->d, n->span, "bad-number",
				   "attempts is a whole number from 1 to 1000");
			ok = false;
		} else {
			cl->attempts = (int)n->number.n;
		}
	}
	if (seen[ITEM_VALID]) {
		if (seen[ITEM_VALID]->ref.s) {
			diag_error(c->d, seen[ITEM_VALID]->ref.span, "misplaced-item",
				   "an exam pass is valid from the day it was taken: "
				   "'from' belongs to the certification's 'valid'");
			ok = false;
		}
		cl->has_valid = positive_duration(c, seen[ITEM_VALID]->value,
						  "an exam's validity", &cl->valid);
		ok = cl->has_valid && ok;
	}
	return ok ? cl : NULL;
}

static m_clause *check_credits(rctx *c, m_certification *cert, ast_item *it)
{
	m_clause *cl = new_clause(c, CLAUSE_CREDITS, it);
	ast_item *seen[ITEM_KIND_COUNT] = {0};
	bool ok = true;
	for (size_t i = 0; i < it->items.len; i++) {
		ast_item *x = it->items.items[i];
		switch (x->kind) {
		case ITEM_AMOUNT: case ITEM_TOTAL: case ITEM_CAP: case ITEM_DATED:
		case ITEM_DESCRIPTION: case ITEM_SOURCE:
			ok = rs_once(c, &seen[x->kind], x) && ok;
			break;
		case ITEM_CATEGORY:
			break;
		default:
			misplaced(c, x, "a 'credits' requirement", x->kind == ITEM_SCORE ||
				  x->kind == ITEM_PASS || x->kind == ITEM_ATTEMPTS
				  ? "an exam" : "a certification");
			ok = false;
		}
	}
	if (!seen[ITEM_AMOUNT] || !seen[ITEM_TOTAL]) {
		diag *d = diag_error(c->d, it->name.span, "missing-item",
				     "credits '%s' needs 'amount DATASET.COLUMN "
				     "[where ...]' and 'total >= N'", it->name.s);
		diag_hint(c->d, d, "for example: credits %s { amount training.hours; "
			  "total >= 40 }", it->name.s);
		return NULL;
	}
	ast_item *amount = seen[ITEM_AMOUNT];
	ok = check_evidence(c, cert, amount, seen[ITEM_DATED], "a credit's amount",
			    &cl->ev) && ok;
	m_column *catcol = NULL;
	if (amount->ref.s && cl->ev.dataset) {
		catcol = rs_find_column(cl->ev.dataset, amount->ref.s);
		if (!catcol) {
			rs_unknown_column(c, cl->ev.dataset, amount->ref);
			ok = false;
		} else {
			cl->ev.col_category = column_index(cl->ev.dataset, catcol);
		}
	}
	ast_item *total = seen[ITEM_TOTAL];
	if (total->cmp != OP_GE && total->cmp != OP_GT) {
		diag_error(c->d, total->span, "bad-requirement",
			   "a total of credits is a least amount: 'total >= N' or "
			   "'total > N'");
		ok = false;
	}
	cl->total_cmp = total->cmp;
	cl->total = total->value->number;
	ok = nonneg_number(c, total->value, "a total of credits", false) && ok;
	if (total->value2) {
		cl->has_within = positive_duration(c, total->value2, "'within'",
						   &cl->within);
		ok = cl->has_within && ok;
	}
	if (seen[ITEM_CAP]) {
		ast_item *cap = seen[ITEM_CAP];
		cl->has_cap = true;
		cl->cap = cap->value->number;
		ok = nonneg_number(c, cap->value, "a yearly cap", false) && ok;
		if (strcmp(cap->ref.s, "year")) {
			diag_error(c->d, cap->ref.span, "bad-requirement",
				   "credits are capped per calendar year: 'cap N per year'");
			ok = false;
		}
	}
	for (size_t i = 0; i < it->items.len; i++) {
		ast_item *x = it->items.items[i];
		if (x->kind != ITEM_CATEGORY)
			continue;
		if (!amount->ref.s) {
			diag *d = diag_error(c->d, x->span, "missing-item",
					     "a minimum per category needs the category "
					     "column: 'amount DATASET.COLUMN by COLUMN'");
			(void)d;
			ok = false;
			continue;
		}
		if (catcol && catcol->allowed.len) {
			bool found = false;
			for (size_t j = 0; j < catcol->allowed.len && !found; j++) {
				ast_expr *v = catcol->allowed.items[j];
				found = (v->kind == EXPR_NAME && v->name.s == x->name.s) ||
					(v->kind == EXPR_STRING && !strcmp(v->text, x->name.s));
			}
			if (!found) {
				diag *d = diag_error(c->d, x->name.span, "unknown-value",
						     "'%s' is not a value of column '%s'",
						     x->name.s, catcol->name.s);
				ptr_vec names = {0};
				for (size_t j = 0; j < catcol->allowed.len; j++) {
					ast_expr *v = catcol->allowed.items[j];
					if (v->kind == EXPR_NAME)
						ptr_vec_push(c->a, &names, (void *)v->name.s);
				}
				rs_suggest(c, d, x->name.s, (const char *const *)names.items,
					   names.len);
				ok = false;
				continue;
			}
		}
		if (x->cmp != OP_GE && x->cmp != OP_GT) {
			diag_error(c->d, x->span, "bad-requirement",
				   "a category's credits are a least amount: "
				   "'category NAME >= N'");
			ok = false;
			continue;
		}
		for (size_t j = 0; j < cl->minimums.len; j++) {
			m_category_min *prev = cl->minimums.items[j];
			if (prev->category == x->name.s) {
				diag *d = diag_error(c->d, x->span, "duplicate-requirement",
						     "category '%s' is required twice",
						     x->name.s);
				diag_note(c->d, d, prev->span, "first required here");
				ok = false;
			}
		}
		m_category_min *m = arena_alloc(c->a, sizeof *m);
		m->category = x->name.s;
		m->cmp = x->cmp;
		m->amount = x->value->number;
		m->span = x->span;
		ok = nonneg_number(c, x->value, "a category's credits", false) && ok;
		ptr_vec_push(c->a, &cl->minimums, m);
	}
	return ok ? cl : NULL;
}

static m_clause *check_competence(rctx *c, m_certification *cert, ast_item *it)
{
	m_clause *cl = new_clause(c, CLAUSE_COMPETENCE, it);
	cl->name = it->target;
	m_assessment *as = rs_find_kind(c, it->name.s, DECL_ASSESSMENT);
	if (!as) {
		rs_unknown_global(c, it->name, DECL_ASSESSMENT, "assessment");
		return NULL;
	}
	cl->assessment = as;
	for (size_t i = 0; i < c->m->assessments.len; i++)
		if (c->m->assessments.items[i] == as)
			cl->assessment_ix = i;
	bool ok = true;
	if (as->subjects && cert->subjects && as->subjects != cert->subjects) {
		diag *d = diag_error(c->d, it->name.span, "subject-mismatch",
				     "assessment '%s' scores the rows of '%s', and "
				     "certification '%s' is about the rows of '%s'",
				     as->name.s, as->subjects->name.s, cert->name.s,
				     cert->subjects->name.s);
		(void)d;
		ok = false;
	}
	if (!as->framework)
		return NULL;
	m_competency *k = rs_find_competency(as->framework, it->target.s);
	if (!k) {
		rs_unknown_competency(c, as->framework, it->target);
		return NULL;
	}
	cl->competency = k;
	for (size_t i = 0; i < as->framework->competencies.len; i++)
		if (as->framework->competencies.items[i] == k)
			cl->competency_ix = i;
	cl->cmp = it->cmp;
	if (it->cmp != OP_GE && it->cmp != OP_GT && it->cmp != OP_EQ) {
		diag_error(c->d, it->span, "bad-requirement",
			   "a required level is written with '>=', '>' or '='");
		ok = false;
	}
	if (it->value->kind == EXPR_NUMBER) {
		cl->level = it->value->number;
	} else {
		m_level *lv = k->scale ? rs_scale_level(k->scale, it->value) : NULL;
		if (!lv) {
			if (k->scale)
				rs_unknown_level(c, k->scale, it->value);
			return NULL;
		}
		cl->level = lv->value;
	}
	return ok ? cl : NULL;
}

static m_clause *check_prerequisite(rctx *c, m_certification *cert, ast_item *it)
{
	m_clause *cl = new_clause(c, CLAUSE_PREREQUISITE, it);
	m_certification *pre = rs_find_kind(c, it->name.s, DECL_CERTIFICATION);
	if (!pre) {
		rs_unknown_global(c, it->name, DECL_CERTIFICATION, "certification");
		return NULL;
	}
	if (pre == cert || pre->state == 1) {
		diag *d = diag_error(c->d, it->name.span, "cert-cycle",
				     "certification '%s' requires itself, through "
				     "'%s'", cert->name.s, pre->name.s);
		diag_note(c->d, d, pre->name.span, "'%s' is declared here", pre->name.s);
		return NULL;
	}
	rs_check_certification(c, pre);
	if (pre->subjects && cert->subjects && pre->subjects != cert->subjects) {
		diag_error(c->d, it->name.span, "subject-mismatch",
			   "certification '%s' is about the rows of '%s', and '%s' "
			   "about the rows of '%s'", pre->name.s, pre->subjects->name.s,
			   cert->name.s, cert->subjects->name.s);
		return NULL;
	}
	cl->prerequisite = pre;
	return cl;
}

static m_clause *check_condition(rctx *c, m_certification *cert, ast_item *it)
{
	m_clause *cl = new_clause(c, CLAUSE_CONDITION, it);
	cl->expr = it->value;
	if (!cert->subjects)
		return NULL;
	scope sc = {0};
	sc.rows = sc.subject = cert->subjects;
	m_type t = rs_check_expr(c, it->value, &sc);
	if (t != TYPE_ERROR && t != TYPE_BOOL) {
		diag_error(c->d, it->value->span, "type-mismatch",
			   "a condition must be a boolean, not %s", m_type_name(t));
		return NULL;
	}
	return t == TYPE_BOOL ? cl : NULL;
}

/* owner, approver and source: checked once with the governance */
static bool is_metadata(item_kind k)
{
	return k == ITEM_OWNER || k == ITEM_APPROVER || k == ITEM_SOURCE;
}

/* A requirement, or NULL (reported) when `it` is not one or is wrong. */
static bool is_requirement(item_kind k)
{
	return k == ITEM_EXAM || k == ITEM_CREDITS || k == ITEM_COMPETENCE ||
	       k == ITEM_PREREQUISITE || k == ITEM_CONDITION;
}

static void check_requirement(rctx *c, m_certification *cert, ast_item *it,
			      ptr_vec *out, ptr_vec *names)
{
	m_clause *cl = NULL;
	switch (it->kind) {
	case ITEM_EXAM: cl = check_exam(c, cert, it); break;
	case ITEM_CREDITS: cl = check_credits(c, cert, it); break;
	case ITEM_COMPETENCE: cl = check_competence(c, cert, it); break;
	case ITEM_PREREQUISITE: cl = check_prerequisite(c, cert, it); break;
	case ITEM_CONDITION: cl = check_condition(c, cert, it); break;
	default: return;
	}
	/* Requirements are reported by name: a name is given once per list. */
	if (it->kind != ITEM_COMPETENCE) {
		for (size_t i = 0; i < names->len; i++) {
			ast_item *prev = names->items[i];
			if (prev->kind == it->kind && prev->name.s == it->name.s) {
				diag *d = diag_error(c->d, it->name.span, "duplicate-requirement",
						     "%s '%s' is required twice",
						     item_kind_name(it->kind), it->name.s);
				diag_note(c->d, d, prev->name.span, "first required here");
				return;
			}
		}
		ptr_vec_push(c->a, names, it);
	}
	if (cl)
		ptr_vec_push(c->a, out, cl);
}

void rs_check_certification(rctx *c, m_certification *cert)
{
	if (cert->state)
		return;
	cert->state = 1;
	ast_decl *d = cert->decl;
	cert->span = d->name.span;
	ast_item *seen[ITEM_KIND_COUNT] = {0};
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (!rs_allowed(c, d, it, false))
			continue;
		/* owner, approver, source: checked with the governance */
		if (!is_requirement(it->kind) && !is_metadata(it->kind))
			rs_once(c, &seen[it->kind], it);
	}
	if (seen[ITEM_SUBJECTS]) {
		ast_name n = seen[ITEM_SUBJECTS]->name;
		cert->subjects = rs_find_kind(c, n.s, DECL_DATA);
		if (!cert->subjects)
			rs_unknown_global(c, n, DECL_DATA, "dataset");
		else if (cert->subjects->keys.len != 1 && !cert->subjects->incomplete)
			diag_error(c->d, n.span, "bad-subjects",
				   "the subjects of a certification are the rows of a "
				   "dataset with one key column, and '%s' has %zu",
				   n.s, cert->subjects->keys.len);
	} else if (!cert->incomplete) {
		diag *e = diag_error(c->d, d->name.span, "missing-item",
				     "certification '%s' needs 'subjects DATASET': "
				     "who may hold it", d->name.s);
		diag_hint(c->d, e, "for example: subjects staff");
	}
	ptr_vec names = {0};
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (is_requirement(it->kind))
			check_requirement(c, cert, it, &cert->clauses, &names);
	}
	size_t nreq = names.len;
	for (size_t i = 0; i < d->items.len; i++)
		nreq += ((ast_item *)d->items.items[i])->kind == ITEM_COMPETENCE;
	if (!nreq && !cert->incomplete)
		diag_error(c->d, d->name.span, "missing-item",
			   "certification '%s' has no requirement: add an exam, "
			   "credits, competence, prerequisite or condition", d->name.s);
	if (seen[ITEM_VALID]) {
		ast_item *v = seen[ITEM_VALID];
		cert->has_valid = positive_duration(c, v->value, "validity", &cert->valid);
		if (v->ref.s) {
			if (!strcmp(v->ref.s, "exam"))
				cert->valid_from_exam = true;
			else if (strcmp(v->ref.s, "certification"))
				rs_choose(c, v->ref, (const char *[]){"certification", "exam"},
					  2, "bad-requirement", "start of validity");
		}
	}
	if (seen[ITEM_GRACE])
		cert->has_grace = positive_duration(c, seen[ITEM_GRACE]->value, "grace",
						    &cert->grace);
	if (seen[ITEM_WARN])
		cert->has_warn = positive_duration(c, seen[ITEM_WARN]->value,
						   "the warning horizon", &cert->warn);
	ast_item *renewal = seen[ITEM_RENEWAL];
	if (renewal) {
		cert->has_renewal = true;
		if (!seen[ITEM_VALID]) {
			diag *e = diag_error(c->d, renewal->span, "missing-item",
					     "'renewal' needs 'valid DURATION': a "
					     "certification that never expires is never "
					     "renewed");
			(void)e;
		}
		ast_item *rseen[ITEM_KIND_COUNT] = {0};
		ptr_vec rnames = {0};
		for (size_t i = 0; i < renewal->items.len; i++) {
			ast_item *it = renewal->items.items[i];
			if (it->kind == ITEM_WINDOW || it->kind == ITEM_ANCHOR) {
				if (!rs_once(c, &rseen[it->kind], it))
					continue;
			} else if (is_requirement(it->kind)) {
				check_requirement(c, cert, it, &cert->renewal, &rnames);
			} else {
				misplaced(c, it, "a renewal", "a certification");
			}
		}
		if (rseen[ITEM_WINDOW]) {
			cert->has_window = positive_duration(c, rseen[ITEM_WINDOW]->value,
							     "a renewal window", &cert->window);
		}
		if (rseen[ITEM_ANCHOR]) {
			int k = rs_choose(c, rseen[ITEM_ANCHOR]->ref,
					  (const char *[]){"certification", "renewal"}, 2,
					  "bad-requirement", "anchor");
			cert->anchor_renewal = k == 1;
		}
	}
	cert->state = 2;
}

/* ---- functions about one subject ------------------------------------------ */

static const char *const subject_functions[] = {
	"certified", "certified_since", "competence", "expires", "score", "status",
};

bool rs_is_subject_function(const char *name)
{
	for (size_t i = 0; i < sizeof subject_functions / sizeof *subject_functions; i++)
		if (!strcmp(name, subject_functions[i]))
			return true;
	return false;
}

/* The dataset whose row the current expression is about, adopting `ds`
 * in a rule that becomes a rule per subject. */
static bool about(rctx *c, ast_expr *e, scope *sc, m_dataset *ds)
{
	/* Inside `where` over the subjects themselves, the row is the
	 * subject: count(staff where certified(buyer_agent)). */
	if (sc->rows == ds)
		return true;
	m_dataset *here = sc->subject;
	if (!here && sc->infer_subject && sc->rule) {
		if (!sc->rule->subject_dataset)
			sc->rule->subject_dataset = ds;
		here = sc->rule->subject_dataset;
	}
	if (here == ds)
		return true;
	diag *d = diag_error(c->d, e->span, "no-subject",
			     "%s() is about one row of '%s'", e->name.s, ds->name.s);
	if (here)
		diag_hint(c->d, d, "here each value is about a row of '%s'", here->name.s);
	else
		diag_hint(c->d, d, "use it in a rule for each row (for each p in %s), "
			  "inside 'where' over %s, in a certification's condition "
			  "or a match's points", ds->name.s, ds->name.s);
	return false;
}

m_type rs_check_subject_call(rctx *c, ast_expr *e, scope *sc)
{
	const char *f = e->name.s;
	bool comp = !strcmp(f, "competence");
	ast_expr *arg = e->args.len == 1 ? e->args.items[0] : NULL;
	/* status(CARD.MEASURE), score(CARD.MEASURE): a measure's status and
	 * score, about no subject */
	bool measure_fn = !strcmp(f, "status") || !strcmp(f, "score");
	if (!strcmp(f, "score") && (!arg || arg->kind != EXPR_FIELD)) {
		diag_error(c->d, e->span, "bad-call",
			   "score() takes a measure: SCORECARD.MEASURE");
		return TYPE_ERROR;
	}
	if (measure_fn && arg && arg->kind == EXPR_FIELD &&
	    arg->a->kind == EXPR_NAME) {
		m_scorecard *card = rs_find_kind(c, arg->a->name.s, DECL_SCORECARD);
		if (!card) {
			rs_unknown_global(c, arg->a->name, DECL_SCORECARD, "scorecard");
			return TYPE_ERROR;
		}
		for (size_t i = 0; i < card->measures.len; i++)
			if (((m_measure *)card->measures.items[i])->name.s == arg->name.s)
				return !strcmp(f, "score") ? TYPE_NUMBER : TYPE_TEXT;
		diag *d = diag_error(c->d, arg->name.span, "unknown-name",
				     "scorecard '%s' has no measure '%s'", card->name.s,
				     arg->name.s);
		rs_suggest_in(c, d, arg->name.s, &card->measures, offsetof(m_measure, name));
		return TYPE_ERROR;
	}
	if (!arg || (comp ? arg->kind != EXPR_FIELD || arg->a->kind != EXPR_NAME
			  : arg->kind != EXPR_NAME)) {
		diag_error(c->d, e->span, "bad-call", comp
			   ? "competence() takes one argument: ASSESSMENT.COMPETENCY"
			   : !strcmp(f, "status")
			   ? "status() takes a certification, or a measure as "
			     "SCORECARD.MEASURE"
			   : "%s() takes one argument: the name of a certification", f);
		return TYPE_ERROR;
	}
	if (comp) {
		m_assessment *as = rs_find_kind(c, arg->a->name.s, DECL_ASSESSMENT);
		if (!as) {
			rs_unknown_global(c, arg->a->name, DECL_ASSESSMENT, "assessment");
			return TYPE_ERROR;
		}
		if (as->framework && !rs_find_competency(as->framework, arg->name.s)) {
			rs_unknown_competency(c, as->framework, arg->name);
			return TYPE_ERROR;
		}
		if (!as->subjects)
			return TYPE_ERROR;
		return about(c, e, sc, as->subjects) ? TYPE_NUMBER : TYPE_ERROR;
	}
	m_certification *cert = rs_find_kind(c, arg->name.s, DECL_CERTIFICATION);
	if (!cert) {
		rs_unknown_global(c, arg->name, DECL_CERTIFICATION, "certification");
		return TYPE_ERROR;
	}
	if (cert->state == 1) {
		diag *d = diag_error(c->d, e->span, "cert-cycle",
				     "certification '%s' depends on itself", cert->name.s);
		diag_hint(c->d, d, "a certification that needs another is written "
			  "'prerequisite NAME'");
		return TYPE_ERROR;
	}
	rs_check_certification(c, cert);
	if (!cert->subjects || !about(c, e, sc, cert->subjects))
		return TYPE_ERROR;
	return !strcmp(f, "certified") ? TYPE_BOOL : !strcmp(f, "status") ? TYPE_TEXT
	       : TYPE_DATE;
}

/* ---- matches --------------------------------------------------------------------- */

void rs_check_match(rctx *c, ast_decl *d, m_match *m)
{
	ast_item *seen[ITEM_KIND_COUNT] = {0};
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (!rs_allowed(c, d, it, false))
			continue;
		if (it->kind != ITEM_POINTS && !is_metadata(it->kind))
			rs_once(c, &seen[it->kind], it);
	}
	const item_kind need[] = {ITEM_CANDIDATES, ITEM_POSTS};
	m_dataset **slot[] = {&m->candidates, &m->posts};
	for (size_t k = 0; k < 2; k++) {
		ast_item *it = seen[need[k]];
		if (!it) {
			diag_error(c->d, d->name.span, "missing-item",
				   "match '%s' needs '%s DATASET'", d->name.s,
				   item_kind_name(need[k]));
			continue;
		}
		*slot[k] = rs_find_kind(c, it->name.s, DECL_DATA);
		if (!*slot[k])
			rs_unknown_global(c, it->name, DECL_DATA, "dataset");
		else if ((*slot[k])->keys.len != 1 && !(*slot[k])->incomplete) {
			diag_error(c->d, it->name.span, "bad-subjects",
				   "the %s of a match are the rows of a dataset with "
				   "one key column, and '%s' has %zu",
				   item_kind_name(need[k]), it->name.s,
				   (*slot[k])->keys.len);
			*slot[k] = NULL;
		}
	}
	if (m->candidates && m->candidates == m->posts) {
		/* posts.COLUMN would be ambiguous with the candidate's columns */
		diag_error(c->d, seen[ITEM_POSTS]->name.span, "bad-subjects",
			   "the candidates and the posts of a match are two datasets, "
			   "and both are '%s'", m->posts->name.s);
		m->posts = NULL;
	}
	if (seen[ITEM_THRESHOLD]) {
		if (!rs_const_num(seen[ITEM_THRESHOLD]->value, &m->threshold))
			diag_error(c->d, seen[ITEM_THRESHOLD]->value->span, "bad-number",
				   "a match's threshold is a constant number of points");
		else
			m->has_threshold = true;
	}
	ptr_vec names = {0};
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (it->kind != ITEM_POINTS)
			continue;
		bool dup = false;
		for (size_t j = 0; j < names.len && !dup; j++) {
			ast_item *prev = names.items[j];
			if (prev->name.s == it->name.s) {
				diag *e = diag_error(c->d, it->name.span, "duplicate-name",
						     "points '%s' are given twice", it->name.s);
				diag_note(c->d, e, prev->name.span, "first given here");
				dup = true;
			}
		}
		if (dup)
			continue;
		ptr_vec_push(c->a, &names, it);
		if (!m->candidates || !m->posts)
			continue;
		scope sc = {0};
		sc.rows = sc.subject = m->candidates;
		sc.posts = m->posts;
		m_type t = rs_check_expr(c, it->value, &sc);
		if (t != TYPE_ERROR && t != TYPE_NUMBER) {
			diag_error(c->d, it->value->span, "type-mismatch",
				   "points are a number, not %s", m_type_name(t));
			continue;
		}
		if (t == TYPE_ERROR)
			continue;
		m_points *p = arena_alloc(c->a, sizeof *p);
		p->name = it->name;
		p->title = it->text;
		p->expr = it->value;
		p->span = it->span;
		ptr_vec_push(c->a, &m->points, p);
	}
	if (!names.len)
		diag_error(c->d, d->name.span, "missing-item",
			   "match '%s' gives no points: add 'points NAME = EXPRESSION'",
			   d->name.s);
}
