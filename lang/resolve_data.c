/* resolve_data.c - datasets and their columns; see resolve_int.h. */
#include "resolve_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- datasets ------------------------------------------------------------- */

const char *const rs_column_types[] = {
	[COL_TEXT] = "text", [COL_NUMBER] = "number", [COL_INTEGER] = "integer",
	[COL_PERCENT] = "percent", [COL_DATE] = "date", [COL_PERIOD] = "period",
	[COL_BOOL] = "bool",
};

m_column *rs_find_column(m_dataset *s, const char *name)
{
	for (size_t i = 0; i < s->columns.len; i++) {
		m_column *col = s->columns.items[i];
		if (col->name.s == name)
			return col;
	}
	return NULL;
}

void rs_unknown_column(rctx *c, m_dataset *s, ast_name n)
{
	if (s->incomplete)
		return;
	diag *d = diag_error(c->d, n.span, "unknown-name",
			     "dataset '%s' has no column '%s'", s->name.s, n.s);
	rs_suggest_in(c, d, n.s, &s->columns, offsetof(m_column, name));
}

bool rs_is_numeric_column(m_column_type t)
{
	return t == COL_NUMBER || t == COL_INTEGER || t == COL_PERCENT;
}

static void check_column(rctx *c, m_dataset *s, ast_item *it)
{
	m_column *prev = rs_find_column(s, it->name.s);
	if (prev) {
		diag *e = diag_error(c->d, it->name.span, "duplicate-name",
				     "column '%s' is declared twice", it->name.s);
		diag_note(c->d, e, prev->name.span, "first declared here");
		return;
	}
	m_column *col = arena_alloc(c->a, sizeof *col);
	col->name = it->name;
	col->optional = it->optional;
	col->type = COL_TEXT;
	if (it->ref.s) {
		size_t t = 0;
		while (t < RS_N_COLUMN_TYPES && strcmp(rs_column_types[t], it->ref.s) != 0)
			t++;
		if (t == RS_N_COLUMN_TYPES) {
			diag *e = diag_error(c->d, it->ref.span, "unknown-type",
					     "unknown column type '%s'", it->ref.s);
			const char *cands[RS_N_COLUMN_TYPES];
			memcpy(cands, rs_column_types, sizeof cands);
			rs_suggest(c, e, it->ref.s, cands, RS_N_COLUMN_TYPES);
			if (!e->hint)
				diag_hint(c->d, e, "the types are text, number, integer, "
					  "percent, date, period and bool");
		} else {
			col->type = (m_column_type)t;
		}
	}
	if (it->is_range) {
		if (!rs_is_numeric_column(col->type))
			diag_error(c->d, it->lo->span, "type-mismatch",
				   "a range of values needs a number, integer or "
				   "percent column, and '%s' is %s",
				   col->name.s, rs_column_types[col->type]);
		col->has_range = true;
		col->lo = it->lo->number;
		col->hi = it->hi->number;
		if (num_cmp(col->lo, col->hi) > 0)
			diag_error(c->d, src_join(it->lo->span, it->hi->span),
				   "bad-range", "empty range: %s is above %s",
				   rs_fmt_num(c, col->lo), rs_fmt_num(c, col->hi));
	}
	if (it->list.len && (col->type == COL_DATE || col->type == COL_PERIOD ||
			     col->type == COL_BOOL))
		diag_error(c->d, ((ast_expr *)it->list.items[0])->span, "type-mismatch",
			   "a list of allowed values goes with a text or number "
			   "column, and '%s' is %s", col->name.s, rs_column_types[col->type]);
	for (size_t i = 0; i < it->list.len && col->type != COL_DATE &&
	     col->type != COL_PERIOD && col->type != COL_BOOL; i++) {
		ast_expr *v = it->list.items[i];
		bool numeric = v->kind == EXPR_NUMBER;
		if (numeric != rs_is_numeric_column(col->type))
			diag_error(c->d, v->span, "type-mismatch",
				   "allowed value of a %s column must be %s",
				   rs_column_types[col->type],
				   numeric ? "a name or a string" : "a number");
		for (size_t j = 0; j < i; j++) {
			ast_expr *o = it->list.items[j];
			bool same = numeric ? o->kind == EXPR_NUMBER && num_eq(o->number, v->number)
				: o->kind != EXPR_NUMBER &&
				  strcmp(o->kind == EXPR_NAME ? o->name.s : o->text,
					 v->kind == EXPR_NAME ? v->name.s : v->text) == 0;
			if (same) {
				diag *e = diag_error(c->d, v->span, "duplicate-value",
						     "allowed value is listed twice");
				diag_note(c->d, e, o->span, "first listed here");
				break;
			}
		}
	}
	col->allowed = it->list;
	col->na = it->text;
	if (col->na && col->na[0] == '\0')
		diag_error(c->d, it->text_span, "bad-marker",
			   "the not-applicable marker cannot be empty: an empty "
			   "value is a missing value ('optional')");
	if (it->target.s) {
		const char *t = it->target.s;
		global *g = rs_find_global(c, t);
		if (strcmp(t, "profile") == 0 && !g) {
			col->ref = REF_PROFILE;
		} else if (g && g->kind == DECL_DATA) {
			col->ref = REF_DATASET;
			col->ref_dataset = g->obj;
		} else if (g && g->kind == DECL_FRAMEWORK) {
			col->ref = REF_COMPETENCY;
			col->ref_framework = g->obj;
		} else if (g && g->kind == DECL_SCORECARD) {
			col->ref = REF_MEASURE;
			col->ref_scorecard = g->obj;
		} else if (g && g->kind == DECL_SCALE) {
			col->ref = REF_LEVEL;
			col->ref_scale = g->obj;
		} else if (g) {
			diag *e = diag_error(c->d, it->target.span, "wrong-kind",
					     "a column can refer to a dataset, a "
					     "framework, a scale, a scorecard or 'profile', and "
					     "'%s' is %s", t, decl_kind_phrase(g->kind));
			diag_note(c->d, e, g->decl->name.span, "'%s' is declared here", t);
		} else if (!c->p->failed_uses) { /* see rs_unknown_global */
			diag *e = diag_error(c->d, it->target.span, "unknown-name",
					     "unknown dataset, framework or scale '%s'", t);
			const char **cands = arena_alloc(c->a, (c->globals.len + 2) * sizeof *cands);
			size_t k = 0;
			for (size_t j = 0; j < c->globals.len; j++) {
				global *o = c->globals.items[j];
				if (o->kind == DECL_DATA || o->kind == DECL_FRAMEWORK ||
				    o->kind == DECL_SCALE || o->kind == DECL_SCORECARD)
					cands[k++] = o->name;
			}
			cands[k++] = "profile";
			rs_suggest(c, e, t, cands, k);
		}
		if (col->ref == REF_LEVEL && col->type != COL_TEXT &&
		    col->type != COL_NUMBER && col->type != COL_INTEGER)
			diag_error(c->d, it->target.span, "type-mismatch",
				   "column '%s' refers to levels, so it holds their names "
				   "(text) or values (number), not %s", col->name.s,
				   rs_column_types[col->type]);
		if (col->ref != REF_NONE && col->ref != REF_LEVEL &&
		    col->type != COL_TEXT)
			diag_error(c->d, it->target.span, "type-mismatch",
				   "column '%s' refers to names, so it must be text, "
				   "not %s", col->name.s, rs_column_types[col->type]);
	}
	ptr_vec_push(c->a, &s->columns, col);
}

void rs_check_dataset(rctx *c, ast_decl *d, m_dataset *s)
{
	ast_item *path = NULL, *key = NULL;
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (!rs_allowed(c, d, it, false))
			continue;
		if (it->kind == ITEM_COLUMN)
			check_column(c, s, it);
		else if (it->kind == ITEM_PATH && rs_once(c, &path, it))
			s->path = it->text;
	}
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (it->kind != ITEM_KEY || !rs_once(c, &key, it))
			continue;
		for (size_t j = 0; j < it->list.len; j++) {
			ast_name *n = it->list.items[j];
			m_column *col = rs_find_column(s, n->s);
			if (!col) {
				/* `key id` alone declares a text column `id`. */
				if (it->list.len == 1) {
					col = arena_alloc(c->a, sizeof *col);
					col->name = *n;
					ptr_vec_push(c->a, &s->columns, col);
				} else {
					rs_unknown_column(c, s, *n);
					continue;
				}
			}
			/* Keys are looked up and compared as text. */
			if (col->type != COL_TEXT || col->optional || col->ref != REF_NONE ||
			    col->na)
				diag_error(c->d, n->span, "bad-key",
					   "key column '%s' must be plain text that every row "
					   "has (not %s)", n->s,
					   col->optional ? "optional" : col->na
					   ? "with a not-applicable marker" : col->ref != REF_NONE
					   ? "a reference" : rs_column_types[col->type]);
			ptr_vec_push(c->a, &s->keys, col);
		}
	}
	if (s->columns.len == 0 && !rs_incomplete(c, d->span))
		diag_error(c->d, d->name.span, "empty-dataset",
			   "dataset '%s' declares no columns", s->name.s);
}

/* References to datasets need their keys, so they are checked last. */
/* Finds a dataset that refers back to `start` through its columns. */
static bool refers_to(const m_dataset *from, const m_dataset *start, int depth)
{
	if (depth > 64)
		return false;
	for (size_t j = 0; j < from->columns.len; j++) {
		const m_column *col = from->columns.items[j];
		if (col->ref != REF_DATASET)
			continue;
		if (col->ref_dataset == start ||
		    refers_to(col->ref_dataset, start, depth + 1))
			return true;
	}
	return false;
}

void rs_check_dataset_refs(rctx *c)
{
	/* Data are loaded after what they refer to: no cycles. */
	for (size_t i = 0; i < c->m->datasets.len; i++) {
		m_dataset *s = c->m->datasets.items[i];
		if (refers_to(s, s, 0))
			diag_error(c->d, s->name.span, "reference-cycle",
				   "data '%s' refers back to itself through its "
				   "columns' references", s->name.s);
	}
	for (size_t i = 0; i < c->m->datasets.len; i++) {
		m_dataset *s = c->m->datasets.items[i];
		for (size_t j = 0; j < s->columns.len; j++) {
			m_column *col = s->columns.items[j];
			if (col->ref == REF_DATASET && col->ref_dataset->keys.len != 1)
				diag_error(c->d, col->name.span, "missing-key",
					   "column '%s' refers to dataset '%s', which "
					   "needs exactly one key column ('key NAME')",
					   col->name.s, col->ref_dataset->name.s);
		}
	}
}
