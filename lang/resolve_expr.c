/* resolve_expr.c - expressions, builtins and rules; see resolve_int.h. */
#include "resolve_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- expressions ----------------------------------------------------------- */

typedef enum fn_kind {
	FN_COUNT,     /* count(rows [where c]) */
	FN_AGG,       /* sum/mean/min/max/best(column [where c]) */
	FN_QUANT,     /* any/all(rows where c) */
	FN_SCALAR,    /* fixed signature */
} fn_kind;

typedef struct builtin {
	const char *name;
	fn_kind kind;
	int nargs;
	m_type args[3];
	m_type result;
} builtin;

static const builtin builtins[] = {
	{"abs", FN_SCALAR, 1, {TYPE_NUMBER}, TYPE_NUMBER},
	{"all", FN_QUANT, 1, {0}, TYPE_BOOL},
	{"any", FN_QUANT, 1, {0}, TYPE_BOOL},
	{"best", FN_AGG, 1, {0}, TYPE_NUMBER},
	{"count", FN_COUNT, 1, {0}, TYPE_NUMBER},
	{"days_between", FN_SCALAR, 2, {TYPE_DATE, TYPE_DATE}, TYPE_NUMBER},
	{"max", FN_AGG, 1, {0}, TYPE_NUMBER},
	{"mean", FN_AGG, 1, {0}, TYPE_NUMBER},
	{"min", FN_AGG, 1, {0}, TYPE_NUMBER},
	{"round", FN_SCALAR, 2, {TYPE_NUMBER, TYPE_NUMBER}, TYPE_NUMBER},
	{"sum", FN_AGG, 1, {0}, TYPE_NUMBER},
	{"year", FN_SCALAR, 1, {TYPE_DATE}, TYPE_NUMBER},
};
#define N_BUILTINS (sizeof builtins / sizeof builtins[0])


m_type rs_column_type(m_column *col)
{
	switch (col->type) {
	case COL_NUMBER: case COL_INTEGER: case COL_PERCENT: return TYPE_NUMBER;
	case COL_DATE: return TYPE_DATE;
	case COL_PERIOD: return TYPE_PERIOD;
	case COL_BOOL: return TYPE_BOOL;
	case COL_TEXT: return col->ref == REF_LEVEL ? TYPE_NUMBER : TYPE_TEXT;
	}
	return TYPE_TEXT;
}

static void unknown_expr_name(rctx *c, ast_name n, scope *sc)
{
	if (sc->rows && sc->rows->incomplete)
		return; /* the column may have been lost to a syntax error */
	diag *d = diag_error(c->d, n.span, "unknown-name", "unknown name '%s'", n.s);
	/* A bare word that is a value of a column in scope wants quotes. */
	if (sc->rows) {
		for (size_t i = 0; i < sc->rows->columns.len; i++) {
			m_column *col = sc->rows->columns.items[i];
			for (size_t j = 0; j < col->allowed.len; j++) {
				ast_expr *v = col->allowed.items[j];
				if (v->kind == EXPR_NAME && v->name.s == n.s) {
					diag_hint(c->d, d, "a value of column '%s' is "
						  "written in quotes: \"%s\"",
						  col->name.s, n.s);
					return;
				}
			}
		}
	}
	size_t cap = c->globals.len + N_BUILTINS + 8 +
		     (sc->rows ? sc->rows->columns.len : 0);
	const char **cands = arena_alloc(c->a, cap * sizeof *cands);
	size_t k = 0;
	for (size_t i = 0; i < c->globals.len; i++) {
		global *g = c->globals.items[i];
		bool self = sc->rule && g->obj == sc->rule;
		if (g->kind == DECL_DATA || (g->kind == DECL_RULE && !self))
			cands[k++] = g->name;
	}
	if (sc->rows)
		for (size_t i = 0; i < sc->rows->columns.len; i++)
			cands[k++] = ((m_column *)sc->rows->columns.items[i])->name.s;
	if (sc->each)
		cands[k++] = sc->each;
	cands[k++] = "as_of";
	rs_suggest(c, d, n.s, cands, k);
}

bool rs_is_develop_name(const char *s)
{
	return !strcmp(s, "gap") || !strcmp(s, "score") || !strcmp(s, "required") ||
	       !strcmp(s, "competency");
}

static m_type check_name(rctx *c, ast_expr *e, scope *sc)
{
	const char *s = e->name.s;
	/* In a develop condition its own names come first (the subjects'
	 * columns of those names are hidden; see check_assessment_outputs). */
	if (sc->develop && rs_is_develop_name(s))
		return strcmp(s, "competency") ? TYPE_NUMBER : TYPE_TEXT;
	if (sc->rows) {
		m_column *col = rs_find_column(sc->rows, s);
		if (col) {
			if (sc->each == s) {
				diag *d = diag_warning(c->d, e->span, "shadowed-name",
						       "'%s' here is the column %s.%s, not "
						       "the 'for each' name", s,
						       sc->rows->name.s, s);
				diag_hint(c->d, d, "inside 'for each', aggregates over the "
					  "grouped data already keep only the group's rows; "
					  "or rename the 'for each' name");
			}
			return rs_column_type(col);
		}
	}
	if (sc->each && sc->each == s)
		return sc->each_type;
	if (strcmp(s, "as_of") == 0)
		return TYPE_DATE;
	global *g = rs_find_global(c, s);
	if (g && g->kind == DECL_DATA)
		return TYPE_ROWS;
	if (g && g->kind == DECL_RULE) {
		m_rule *r = g->obj;
		m_type rt = rs_rule_type(c, r, e->span);
		/* Inside `where` over the subjects, the row is the subject, as
		 * for certified() (resolve_cert.c, about). */
		if (r->subject_dataset && sc->rows == r->subject_dataset)
			return rt;
		if (r->subject_dataset) {
			m_dataset *here = sc->subject ? sc->subject
				: sc->infer_subject && sc->rule ? sc->rule->subject_dataset : NULL;
			if (!here && sc->infer_subject && sc->rule) {
				sc->rule->subject_dataset = here = r->subject_dataset;
			}
			if (here == r->subject_dataset)
				return rt;
			diag *d = diag_error(c->d, e->span, "no-subject",
					     "rule '%s' has one value per row of '%s'",
					     s, r->subject_dataset->name.s);
			if (here)
				diag_hint(c->d, d, "here each value is about a row of '%s'",
					  here->name.s);
			else
				diag_hint(c->d, d, "use it in a rule for each row: "
					  "for each p in %s", r->subject_dataset->name.s);
			diag_note(c->d, d, r->decl->name.span, "'%s' is declared here", s);
			return TYPE_ERROR;
		}
		if (r->decl->each.s && sc->keyed && sc->rule) {
			sc->rule->group_dataset = r->group_dataset;
			return rt;
		}
		if (r->decl->each.s) {
			diag *d = diag_error(c->d, e->span, "grouped-rule",
					     "rule '%s' has one value per %s, not one value",
					     s, r->decl->each.s);
			diag_note(c->d, d, r->decl->name.span, "'%s' is declared here", s);
			return TYPE_ERROR;
		}
		return rt;
	}
	if (g) {
		diag *d = diag_error(c->d, e->span, "wrong-kind",
				     "'%s' is %s and has no value in an expression",
				     s, decl_kind_phrase(g->kind));
		if (g->kind == DECL_PROFILE)
			diag_hint(c->d, d, "to compare a column with this profile's "
				  "name, write it in quotes: \"%s\"", s);
		diag_note(c->d, d, g->decl->name.span, "'%s' is declared here", s);
		return TYPE_ERROR;
	}
	unknown_expr_name(c, e->name, sc);
	return TYPE_ERROR;
}

/* dataset.column: the column, as the argument of an aggregate. */
static m_type check_field(rctx *c, ast_expr *e, scope *sc, m_dataset **ds,
			  m_column **out)
{
	if (e->a->kind == EXPR_NAME) {
		m_dataset *s = rs_find_kind(c, e->a->name.s, DECL_DATA);
		if (s) {
			m_column *col = rs_find_column(s, e->name.s);
			if (!col) {
				rs_unknown_column(c, s, e->name);
				return TYPE_ERROR;
			}
			if (ds)
				*ds = s;
			if (out)
				*out = col;
			return TYPE_COLUMN;
		}
		m_scale *scale = rs_find_kind(c, e->a->name.s, DECL_SCALE);
		if (scale) {
			/* likert5.competent: the value of a named level */
			ast_expr probe = *e;
			probe.kind = EXPR_NAME;
			if (!rs_scale_level(scale, &probe)) {
				rs_unknown_level(c, scale, &probe);
				return TYPE_ERROR;
			}
			return TYPE_NUMBER;
		}
	}
	m_type t = rs_check_expr(c, e->a, sc);
	if (t != TYPE_ERROR) {
		diag *d = diag_error(c->d, e->span, "type-mismatch",
				     "'.%s' needs a dataset or a scale on its left",
				     e->name.s);
		diag_hint(c->d, d, "write DATASET.COLUMN or SCALE.LEVEL");
	}
	return TYPE_ERROR;
}

static bool expect(rctx *c, ast_expr *e, m_type got, m_type want,
		   const char *what)
{
	if (got == TYPE_ERROR || got == want)
		return got == want;
	diag_error(c->d, e->span, "type-mismatch", "%s must be %s, not %s",
		   what, m_type_name(want), m_type_name(got));
	return false;
}

/* The argument of count/sum/...: `source` or `source where cond`. */
static m_type check_aggregate(rctx *c, const builtin *b, ast_expr *call,
			      scope *sc)
{
	if (call->args.len != 1) {
		diag_error(c->d, call->span, "bad-call",
			   "%s() takes one argument: %s", b->name,
			   b->kind == FN_COUNT ? "a dataset, optionally with 'where'"
			   : b->kind == FN_QUANT ? "a dataset with 'where'"
			   : "a numeric column, optionally with 'where'");
		return TYPE_ERROR;
	}
	ast_expr *arg = call->args.items[0];
	ast_expr *src = arg->kind == EXPR_WHERE ? arg->a : arg;
	m_dataset *ds = NULL;
	m_column *col = NULL;
	m_type t;
	if (src->kind == EXPR_FIELD)
		t = check_field(c, src, sc, &ds, &col);
	else if (src->kind == EXPR_NAME && (ds = rs_find_kind(c, src->name.s, DECL_DATA)))
		t = TYPE_ROWS;
	else
		t = rs_check_expr(c, src, sc);
	if (t == TYPE_ERROR)
		return TYPE_ERROR;
	bool ok = true;
	if (b->kind == FN_AGG) {
		if (t != TYPE_COLUMN) {
			diag_error(c->d, src->span, "type-mismatch",
				   "%s() needs a column such as 'ratings.score', "
				   "not a %s", b->name, m_type_name(t));
			ok = false;
		} else if (rs_column_type(col) != TYPE_NUMBER) {
			diag_error(c->d, src->span, "type-mismatch",
				   "%s() needs a numeric column, and '%s.%s' is %s",
				   b->name, ds->name.s, col->name.s,
				   rs_column_types[col->type]);
			ok = false;
		}
	} else if (t != TYPE_ROWS) {
		diag_error(c->d, src->span, "type-mismatch",
			   "%s() needs a dataset, not a %s", b->name, m_type_name(t));
		ok = false;
	}
	if (arg->kind == EXPR_WHERE && ds) {
		scope inner = *sc;
		inner.rows = ds;
		m_type ct = rs_check_expr(c, arg->b, &inner);
		expect(c, arg->b, ct, TYPE_BOOL, "a 'where' condition");
	} else if (b->kind == FN_QUANT && ok) {
		diag_error(c->d, arg->span, "bad-call",
			   "%s() needs a condition: %s(DATASET where CONDITION)",
			   b->name, b->name);
		ok = false;
	}
	return ok ? b->result : TYPE_ERROR;
}

static m_type check_call(rctx *c, ast_expr *e, scope *sc)
{
	if (rs_is_subject_function(e->name.s))
		return rs_check_subject_call(c, e, sc);
	if (!strcmp(e->name.s, "known")) {
		/* known(X): X has a value (any type) */
		ast_expr *a = e->args.len == 1 ? e->args.items[0] : NULL;
		if (!a || a->kind == EXPR_WHERE) {
			diag_error(c->d, e->span, "bad-call", "known() takes one value");
			return TYPE_ERROR;
		}
		m_type t = rs_check_expr(c, a, sc);
		if (t == TYPE_ROWS || t == TYPE_COLUMN) {
			diag_error(c->d, a->span, "type-mismatch",
				   "known() takes one value, not a whole %s", m_type_name(t));
			return TYPE_ERROR;
		}
		return t == TYPE_ERROR ? TYPE_ERROR : TYPE_BOOL;
	}
	const builtin *b = NULL;
	for (size_t i = 0; i < N_BUILTINS; i++)
		if (strcmp(builtins[i].name, e->name.s) == 0)
			b = &builtins[i];
	if (!b) {
		diag *d = diag_error(c->d, e->name.span, "unknown-function",
				     "unknown function '%s'", e->name.s);
		static const char *const more[] = {
			"certified", "certified_since", "competence", "expires",
			"known", "score", "status",
		};
		enum { N_MORE = sizeof more / sizeof *more };
		const char *cands[N_BUILTINS + N_MORE];
		for (size_t i = 0; i < N_BUILTINS; i++)
			cands[i] = builtins[i].name;
		for (size_t i = 0; i < N_MORE; i++)
			cands[N_BUILTINS + i] = more[i];
		rs_suggest(c, d, e->name.s, cands, N_BUILTINS + N_MORE);
		/* What the arguments mean depends on the function: not checked. */
		return TYPE_ERROR;
	}
	if (b->kind != FN_SCALAR)
		return check_aggregate(c, b, e, sc);
	if ((int)e->args.len != b->nargs) {
		diag_error(c->d, e->span, "bad-call", "%s() takes %d argument%s, not %zu",
			   b->name, b->nargs, b->nargs == 1 ? "" : "s", e->args.len);
		return TYPE_ERROR;
	}
	bool ok = true;
	for (size_t i = 0; i < e->args.len; i++) {
		ast_expr *a = e->args.items[i];
		if (a->kind == EXPR_WHERE) {
			diag_error(c->d, a->span, "bad-call",
				   "'where' filters the rows of count, sum, mean, "
				   "min, max, best, any and all");
			ok = false;
			continue;
		}
		m_type t = rs_check_expr(c, a, sc);
		char what[64];
		snprintf(what, sizeof what, "argument %zu of %s()", i + 1, b->name);
		ok = expect(c, a, t, b->args[i], what) && ok;
	}
	num places;
	if (ok && !strcmp(b->name, "round") && rs_const_num(e->args.items[1], &places) &&
	    (!num_is_int(places) || places.n < 0 || places.n > NUM_MAX_PLACES)) {
		diag_error(c->d, ((ast_expr *)e->args.items[1])->span, "bad-call",
			   "round() takes a whole number of places from 0 to %d",
			   NUM_MAX_PLACES);
		ok = false;
	}
	return ok ? b->result : TYPE_ERROR;
}

/* The column an operand of a comparison reads, if it is one. */
static m_column *operand_column(rctx *c, const ast_expr *e, const scope *sc)
{
	if (!sc->rows)
		return NULL;
	if (e->kind == EXPR_NAME)
		return rs_find_column(sc->rows, e->name.s);
	if (e->kind == EXPR_FIELD && e->a->kind == EXPR_NAME &&
	    e->a->name.s == sc->rows->name.s)
		return rs_find_column(sc->rows, e->name.s);
	(void)c;
	return NULL;
}

/* A literal compared with a column must be a value the column can hold:
 * "leadreship" or 7 on a 1..5 column would make the test silently false. */
static void check_literal(rctx *c, const m_column *col, const char *what,
			  const ptr_vec *names, const ast_expr *lit)
{
	if (lit->kind == EXPR_NUMBER && col && col->has_range &&
	    (num_cmp(lit->number, col->lo) < 0 || num_cmp(lit->number, col->hi) > 0)) {
		diag_warning(c->d, lit->span, "out-of-range",
			     "%s is outside the range %s..%s of column '%s', so this "
			     "comparison never holds", rs_fmt_num(c, lit->number),
			     rs_fmt_num(c, col->lo), rs_fmt_num(c, col->hi), col->name.s);
		return;
	}
	if (lit->kind != EXPR_STRING || !names || names->len == 0)
		return;
	for (size_t i = 0; i < names->len; i++)
		if (strcmp(names->items[i], lit->text) == 0)
			return;
	diag *d = diag_error(c->d, lit->span, "unknown-value",
			     "\"%s\" is not %s", lit->text, what);
	rs_suggest(c, d, lit->text, (const char *const *)names->items, names->len);
}

/* The names a text column can hold, when the rules know them. */
static bool column_names(rctx *c, const m_column *col, ptr_vec *out,
			 const char **what)
{
	memset(out, 0, sizeof *out);
	if (col->allowed.len) {
		for (size_t i = 0; i < col->allowed.len; i++) {
			ast_expr *v = col->allowed.items[i];
			if (v->kind != EXPR_NUMBER)
				ptr_vec_push(c->a, out, (void *)(v->kind == EXPR_NAME ? v->name.s : v->text));
		}
		*what = arena_printf(c->a, "a value of column '%s'", col->name.s);
		return true;
	}
	if (col->ref == REF_COMPETENCY) {
		for (size_t i = 0; i < col->ref_framework->competencies.len; i++)
			ptr_vec_push(c->a, out, (void *)((m_competency *)
				     col->ref_framework->competencies.items[i])->name.s);
		*what = arena_printf(c->a, "a competency of framework '%s'",
				     col->ref_framework->name.s);
		return true;
	}
	if (col->ref == REF_PROFILE) {
		for (size_t i = 0; i < c->m->profiles.len; i++)
			ptr_vec_push(c->a, out, (void *)((m_profile *)c->m->profiles.items[i])->name.s);
		*what = "a profile";
		return true;
	}
	return false;
}

static void check_operands(rctx *c, const ast_expr *col_side, const ast_expr *lit,
			   const scope *sc)
{
	ptr_vec names = {0};
	const char *what = NULL;
	m_column *col = operand_column(c, col_side, sc);
	if (col) {
		if (!column_names(c, col, &names, &what))
			names.len = 0;
		check_literal(c, col, what, &names, lit);
		return;
	}
	/* develop: `competency` names a competency of the framework */
	if (sc->develop && sc->framework && col_side->kind == EXPR_NAME &&
	    strcmp(col_side->name.s, "competency") == 0) {
		for (size_t i = 0; i < sc->framework->competencies.len; i++)
			ptr_vec_push(c->a, &names, (void *)((m_competency *)
				     sc->framework->competencies.items[i])->name.s);
		check_literal(c, NULL, arena_printf(c->a, "a competency of framework '%s'",
			      sc->framework->name.s), &names, lit);
	}
}

static bool comparable(m_type t, bool ordering)
{
	switch (t) {
	case TYPE_NUMBER: case TYPE_DATE: case TYPE_PERIOD: case TYPE_DURATION:
	case TYPE_TEXT:
		return true;
	case TYPE_BOOL:
		return !ordering;
	default:
		return false;
	}
}

static m_type check_binary(rctx *c, ast_expr *e, scope *sc)
{
	m_type a = rs_check_expr(c, e->a, sc);
	m_type b = rs_check_expr(c, e->b, sc);
	const char *op = expr_op_text(e->op);
	switch (e->op) {
	case OP_AND: case OP_OR: {
		bool ok = expect(c, e->a, a, TYPE_BOOL, "each side of 'and'/'or'");
		ok = expect(c, e->b, b, TYPE_BOOL, "each side of 'and'/'or'") && ok;
		return ok ? TYPE_BOOL : TYPE_ERROR;
	}
	case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE: {
		if (a == TYPE_ERROR || b == TYPE_ERROR)
			return TYPE_ERROR;
		bool ordering = e->op != OP_EQ && e->op != OP_NE;
		if (a != b || !comparable(a, ordering)) {
			diag_error(c->d, e->span, "type-mismatch",
				   "cannot compare %s %s %s", m_type_name(a), op,
				   m_type_name(b));
			return TYPE_ERROR;
		}
		check_operands(c, e->a, e->b, sc);
		check_operands(c, e->b, e->a, sc);
		return TYPE_BOOL;
	}
	default:
		break;
	}
	/* Arithmetic: numbers, and dates shifted by durations. */
	if (a == TYPE_ERROR || b == TYPE_ERROR)
		return TYPE_ERROR;
	if (a == TYPE_NUMBER && b == TYPE_NUMBER)
		return TYPE_NUMBER;
	if (e->op == OP_ADD && ((a == TYPE_DATE && b == TYPE_DURATION) ||
				(a == TYPE_DURATION && b == TYPE_DATE)))
		return TYPE_DATE;
	if (e->op == OP_SUB && a == TYPE_DATE && b == TYPE_DURATION)
		return TYPE_DATE;
	if (e->op == OP_SUB && a == TYPE_DATE && b == TYPE_DATE) {
		diag *d = diag_error(c->d, e->span, "type-mismatch",
				     "dates are not subtracted directly");
		diag_hint(c->d, d, "days_between(a, b) gives the number of days");
		return TYPE_ERROR;
	}
	if ((e->op == OP_ADD || e->op == OP_SUB) && a == TYPE_DURATION &&
	    b == TYPE_DURATION && e->a->kind == EXPR_DURATION &&
	    e->b->kind == EXPR_DURATION && e->a->duration.unit != e->b->duration.unit) {
		diag_error(c->d, e->span, "type-mismatch",
			   "cannot add %s and %s: write both in one unit",
			   cal_unit_name(e->a->duration.unit, true),
			   cal_unit_name(e->b->duration.unit, true));
		return TYPE_ERROR;
	}
	if ((e->op == OP_MUL && ((a == TYPE_NUMBER && b == TYPE_DURATION) ||
				 (a == TYPE_DURATION && b == TYPE_NUMBER))) ||
	    ((e->op == OP_ADD || e->op == OP_SUB) && a == TYPE_DURATION &&
	     b == TYPE_DURATION))
		return TYPE_DURATION;
	diag_error(c->d, e->span, "type-mismatch", "cannot apply '%s' to %s and %s",
		   op, m_type_name(a), m_type_name(b));
	return TYPE_ERROR;
}

m_type rs_check_expr(rctx *c, ast_expr *e, scope *sc)
{
	switch (e->kind) {
	case EXPR_NUMBER: return TYPE_NUMBER;
	case EXPR_STRING: return TYPE_TEXT;
	case EXPR_BOOL: return TYPE_BOOL;
	case EXPR_DATE: return TYPE_DATE;
	case EXPR_PERIOD: return TYPE_PERIOD;
	case EXPR_DURATION: return TYPE_DURATION;
	case EXPR_NAME: return check_name(c, e, sc);
	case EXPR_FIELD: {
		m_dataset *ds = NULL;
		m_column *col = NULL;
		m_type t = check_field(c, e, sc, &ds, &col);
		if (t != TYPE_COLUMN)
			return t;
		/* Outside an aggregate a column has no single value. */
		if (sc->rows == ds || (sc->posts && sc->posts == ds))
			return rs_column_type(col);
		diag *d = diag_error(c->d, e->span, "bare-column",
				     "'%s.%s' is a whole column, not one value",
				     ds->name.s, col->name.s);
		diag_hint(c->d, d, "aggregate it, for example mean(%s.%s), or "
			  "use it inside 'where'", ds->name.s, col->name.s);
		return TYPE_ERROR;
	}
	case EXPR_CALL: return check_call(c, e, sc);
	case EXPR_UNARY: {
		m_type t = rs_check_expr(c, e->a, sc);
		if (e->op == OP_NOT)
			return expect(c, e->a, t, TYPE_BOOL, "the operand of 'not'")
			       ? TYPE_BOOL : TYPE_ERROR;
		if (t == TYPE_NUMBER || t == TYPE_DURATION || t == TYPE_ERROR)
			return t;
		diag_error(c->d, e->span, "type-mismatch", "cannot negate %s",
			   m_type_name(t));
		return TYPE_ERROR;
	}
	case EXPR_BINARY: return check_binary(c, e, sc);
	case EXPR_IF: {
		m_type cond = rs_check_expr(c, e->a, sc);
		expect(c, e->a, cond, TYPE_BOOL, "the condition of 'if'");
		m_type a = rs_check_expr(c, e->b, sc);
		m_type b = rs_check_expr(c, e->c, sc);
		if (a == TYPE_ERROR || b == TYPE_ERROR)
			return TYPE_ERROR;
		if (a != b) {
			diag_error(c->d, e->span, "type-mismatch",
				   "the branches of 'if' differ: %s and %s",
				   m_type_name(a), m_type_name(b));
			return TYPE_ERROR;
		}
		return a;
	}
	case EXPR_IN: {
		m_type a = rs_check_expr(c, e->a, sc);
		bool ok = a != TYPE_ERROR;
		for (size_t i = 0; i < e->args.len; i++) {
			ast_expr *v = e->args.items[i];
			if (v->kind == EXPR_WHERE) {
				diag_error(c->d, v->span, "bad-call",
					   "'where' is not allowed in a list of values");
				ok = false;
				continue;
			}
			m_type t = rs_check_expr(c, v, sc);
			if (t != TYPE_ERROR && a != TYPE_ERROR && t != a) {
				diag_error(c->d, v->span, "type-mismatch",
					   "'in' compares %s with %s", m_type_name(a),
					   m_type_name(t));
				ok = false;
			} else {
				check_operands(c, e->a, v, sc);
			}
		}
		return ok ? TYPE_BOOL : TYPE_ERROR;
	}
	case EXPR_WHERE:
		diag_error(c->d, e->span, "bad-call",
			   "'where' filters the argument of an aggregate such as "
			   "count(people where role = \"tactical\")");
		return TYPE_ERROR;
	}
	return TYPE_ERROR;
}

/* ---- rules ------------------------------------------------------------------ */

m_type rs_rule_type(rctx *c, m_rule *r, src_span use)
{
	if (r->state == 2)
		return r->type;
	if (r->state == 1) {
		diag *d = diag_error(c->d, use, "rule-cycle",
				     "rule '%s' depends on itself", r->decl->name.s);
		diag_note(c->d, d, r->decl->name.span, "'%s' is declared here",
			  r->decl->name.s);
		r->type = TYPE_ERROR;
		return TYPE_ERROR;
	}
	r->state = 1;
	ast_decl *d = r->decl;
	scope sc = {0};
	sc.rule = r;
	m_dataset *rows = d->each.s && d->group->kind == EXPR_NAME
		? rs_find_kind(c, d->group->name.s, DECL_DATA) : NULL;
	if (rows) {
		/* for each p in staff: once per row, p its key */
		r->subject_dataset = rows;
		r->each_row = true;
		sc.rows = sc.subject = rows;
		sc.each = d->each.s;
		sc.each_type = TYPE_TEXT;
		if (rows->keys.len != 1 && !rows->incomplete) {
			diag *e = diag_error(c->d, d->group->span, "type-mismatch",
					     "'for each' over the rows of '%s' needs "
					     "a dataset with one key column", rows->name.s);
			diag_hint(c->d, e, "declare 'key COLUMN' in '%s', or range over "
				  "a column: for each u in %s.COLUMN", rows->name.s,
				  rows->name.s);
			sc.each_type = TYPE_ERROR;
		} else if (rows->keys.len == 1) {
			sc.each_type = rs_column_type(rows->keys.items[0]);
		}
	} else if (d->each.s) {
		m_dataset *ds = NULL;
		m_column *col = NULL;
		m_type gt = d->group->kind == EXPR_FIELD
			? check_field(c, d->group, &sc, &ds, &col) : TYPE_ERROR;
		if (gt == TYPE_COLUMN) {
			r->group_dataset = ds;
			r->group_column = col;
			sc.each = d->each.s;
			sc.each_type = rs_column_type(col);
		} else {
			if (d->group->kind != EXPR_FIELD || gt != TYPE_ERROR)
				diag_error(c->d, d->group->span, "type-mismatch",
					   "'for each' ranges over a column or the "
					   "rows of a dataset: for each unit in "
					   "people.unit, for each p in people");
			sc.each = d->each.s;
			sc.each_type = TYPE_ERROR;
		}
	} else {
		sc.infer_subject = true;
	}
	m_type t = rs_check_expr(c, d->expr, &sc);
	if (t == TYPE_ROWS || t == TYPE_COLUMN) {
		diag *e = diag_error(c->d, d->expr->span, "type-mismatch",
				     "a rule's value is one number, boolean, text, date, "
				     "period or duration, not a whole %s", m_type_name(t));
		diag_hint(c->d, e, "aggregate it: count(...), mean(...), any(...)");
		t = TYPE_ERROR;
	}
	if (r->state == 1) {
		r->type = t;
		r->state = 2;
	}
	return r->type;
}
