/* resolve_test.c - `test` blocks: inline data, fixtures and expectations;
 * see resolve_int.h and docs/testing.md. */
#include "resolve_int.h"

#include <string.h>

static void check_given(rctx *c, m_test *t, ast_item *it)
{
	m_given *g = arena_alloc(c->a, sizeof *g);
	g->span = it->span;
	g->dataset = rs_find_kind(c, it->name.s, DECL_DATA);
	if (!g->dataset) {
		rs_unknown_global(c, it->name, DECL_DATA, "dataset");
		return;
	}
	for (size_t i = 0; i < t->givens.len; i++) {
		m_given *prev = t->givens.items[i];
		if (prev->dataset == g->dataset) {
			diag *d = diag_error(c->d, it->name.span, "duplicate-item",
					     "test '%s' gives '%s' twice", t->name.s,
					     it->name.s);
			diag_note(c->d, d, prev->span, "first given here");
			return;
		}
	}
	if (it->text) {
		g->path = it->text;
	} else {
		for (size_t i = 0; i < it->items.len; i++) {
			ast_item *r = it->items.items[i];
			if (r->kind != ITEM_ROW) {
				diag *d = diag_error(c->d, r->span, "misplaced-item",
						     "'%s' is not allowed in 'given'",
						     item_kind_name(r->kind));
				diag_hint(c->d, d, "a 'given' block holds CSV lines: "
					  "row \"id,unit\", the header first");
				continue;
			}
			ptr_vec_push(c->a, &g->rows, r);
		}
		if (!g->rows.len) {
			diag *d = diag_error(c->d, it->name.span, "missing-item",
					     "'given %s' needs its rows, the header first, "
					     "or a file", it->name.s);
			diag_hint(c->d, d, "given %s { row \"...header...\" row \"...\" } "
				  "or given %s \"fixture.csv\"", it->name.s, it->name.s);
			return;
		}
	}
	ptr_vec_push(c->a, &t->givens, g);
}

static void check_expect(rctx *c, m_test *t, ast_item *it)
{
	m_expect *e = arena_alloc(c->a, sizeof *e);
	e->span = it->span;
	if (it->not_applicable) {         /* expect message "..." */
		e->message = it->text;
		ptr_vec_push(c->a, &t->expects, e);
		return;
	}
	e->expr = it->value;
	e->key = it->text;
	scope sc = {0};
	m_rule probe = {0};
	if (e->key) {
		/* About one row: its dataset is what the expression's
		 * functions and rules are about (as a rule per subject). */
		sc.rule = &probe;
		sc.infer_subject = true;
		sc.keyed = true;
	}
	m_type ty = rs_check_expr(c, it->value, &sc);
	if (ty != TYPE_ERROR && ty != TYPE_BOOL) {
		diag *d = diag_error(c->d, it->value->span, "type-mismatch",
				     "an expectation is a boolean, not %s", m_type_name(ty));
		diag_hint(c->d, d, "compare it: expect may_procure = true, "
			  "expect share >= 80%%");
		return;
	}
	if (ty == TYPE_ERROR)
		return;
	if (e->key) {
		e->subject = probe.subject_dataset;
		e->grouped = probe.group_dataset != NULL;
		if (e->subject && e->grouped) {
			diag_error(c->d, it->span, "no-subject",
				   "'expect for \"%s\"' mixes a rule per group with "
				   "something about one row of '%s'", e->key,
				   e->subject->name.s);
			return;
		}
		if (!e->subject && !e->grouped) {
			diag *d = diag_error(c->d, it->span, "no-subject",
					     "'expect for \"%s\"' needs something about "
					     "one row or one group: certified(), status(), "
					     "competence(), a rule per subject or a rule "
					     "'for each' group", e->key);
			diag_hint(c->d, d, "without 'for', an expectation is about the "
				  "whole run");
			return;
		}
	}
	ptr_vec_push(c->a, &t->expects, e);
}

void rs_check_test(rctx *c, ast_decl *d, m_test *t)
{
	ast_item *seen = NULL;
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (!rs_allowed(c, d, it, false))
			continue;
		switch (it->kind) {
		case ITEM_AT:
			if (rs_once(c, &seen, it)) {
				t->has_at = true;
				t->at = it->date;
			}
			break;
		case ITEM_GIVEN:
			check_given(c, t, it);
			break;
		case ITEM_EXPECT:
			check_expect(c, t, it);
			break;
		case ITEM_GOLDEN: {
			m_golden *g = arena_alloc(c->a, sizeof *g);
			static const char *const tables[] = {
				"scores", "relations", "subjects", "gaps", "groups",
				"development", "succession", "measures", "objectives",
				"certifications", "matches", "rules", "data",
			};
			if (rs_choose(c, it->name, tables, sizeof tables / sizeof *tables,
				      "unknown-name", "table") < 0)
				break;
			g->table = it->name.s;
			g->path = it->text;
			g->span = it->span;
			ptr_vec_push(c->a, &t->goldens, g);
			break;
		}
		default:
			break;
		}
	}
	size_t asked = 0;
	for (size_t i = 0; i < d->items.len; i++) {
		item_kind k = ((ast_item *)d->items.items[i])->kind;
		asked += k == ITEM_EXPECT || k == ITEM_GOLDEN;
	}
	if (!asked)
		diag_warning(c->d, d->name.span, "empty-test",
			     "test '%s' expects nothing, so it cannot fail", d->name.s);
}
