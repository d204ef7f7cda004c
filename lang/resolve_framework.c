/* resolve_framework.c - scales, frameworks, competencies and perspectives; see resolve_int.h. */
#include "resolve_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- scales ---------------------------------------------------------------- */

m_level *rs_scale_level(m_scale *s, ast_expr *e)
{
	for (size_t i = 0; i < s->levels.len; i++) {
		m_level *l = s->levels.items[i];
		if (e->kind == EXPR_NUMBER && num_eq(l->value, e->number))
			return l;
		if (e->kind == EXPR_NAME && l->name == e->name.s)
			return l;
	}
	return NULL;
}

/* Reports a level reference that the scale does not have. */
void rs_unknown_level(rctx *c, m_scale *s, ast_expr *e)
{
	diag *d;
	if (s->incomplete)
		return;
	if (e->kind == EXPR_NUMBER) {
		m_level *lo = s->levels.len ? s->levels.items[0] : NULL;
		m_level *hi = s->levels.len ? s->levels.items[s->levels.len - 1] : NULL;
		d = diag_error(c->d, e->span, "unknown-level",
			       "level %s is not on scale '%s'",
			       rs_fmt_num(c, e->number), s->name.s);
		if (lo)
			diag_hint(c->d, d, "the levels of '%s' run from %s to %s",
				  s->name.s, rs_fmt_num(c, lo->value),
				  rs_fmt_num(c, hi->value));
		return;
	}
	d = diag_error(c->d, e->span, "unknown-level",
		       "scale '%s' has no level named '%s'", s->name.s,
		       e->name.s);
	const char **cands = arena_alloc(c->a, (s->levels.len + 1) * sizeof *cands);
	size_t k = 0;
	for (size_t i = 0; i < s->levels.len; i++) {
		m_level *l = s->levels.items[i];
		if (l->name)
			cands[k++] = l->name;
	}
	rs_suggest(c, d, e->name.s, cands, k);
}

void rs_check_scale(rctx *c, ast_decl *d, m_scale *s)
{
	m_level *prev = NULL;     /* the level listed just before */
	bool order_reported = false;
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (!rs_allowed(c, d, it, false) || it->kind != ITEM_LEVEL)
			continue;
		m_level *l = arena_alloc(c->a, sizeof *l);
		l->name = it->name.s;
		l->title = it->text;
		l->value = it->value->number;
		l->span = it->span;
		bool ok = true;
		for (size_t j = 0; j < s->levels.len; j++) {
			m_level *o = s->levels.items[j];
			if (num_eq(o->value, l->value)) {
				diag *e = diag_error(c->d, it->value->span, "duplicate-level",
						     "level %s is declared twice",
						     rs_fmt_num(c, l->value));
				diag_note(c->d, e, o->span, "first declared here");
				ok = false;
			} else if (l->name && o->name == l->name) {
				diag *e = diag_error(c->d, it->name.span, "duplicate-level",
						     "level name '%s' is used twice",
						     l->name);
				diag_note(c->d, e, o->span, "first used here");
				ok = false;
			}
		}
		if (!ok)
			continue;
		/* Out of order is reported once; the levels are kept, sorted
		 * below, so nothing else about the scale goes wrong. */
		if (prev && num_cmp(l->value, prev->value) < 0 && !order_reported) {
			diag *e = diag_error(c->d, it->value->span, "level-order",
					     "levels must be listed from lowest to "
					     "highest: %s comes after %s",
					     rs_fmt_num(c, l->value), rs_fmt_num(c, prev->value));
			diag_note(c->d, e, prev->span, "the level listed before it");
			order_reported = true;
		}
		ptr_vec_push(c->a, &s->levels, l);
		prev = l;
	}
	/* Insertion sort: scales have a handful of levels. */
	for (size_t i = 1; i < s->levels.len; i++)
		for (size_t j = i; j > 0 && num_cmp(((m_level *)s->levels.items[j])->value,
					   ((m_level *)s->levels.items[j - 1])->value) < 0; j--) {
			void *t = s->levels.items[j];
			s->levels.items[j] = s->levels.items[j - 1];
			s->levels.items[j - 1] = t;
		}
	if (s->levels.len < 2 && !rs_incomplete(c, d->span))
		diag_error(c->d, d->name.span, "empty-scale",
			   "scale '%s' needs at least two levels", s->name.s);
}

/* ---- frameworks ------------------------------------------------------------ */

m_scale *rs_resolve_scale(rctx *c, ast_name n)
{
	m_scale *s = rs_find_kind(c, n.s, DECL_SCALE);
	if (!s)
		rs_unknown_global(c, n, DECL_SCALE, "scale");
	return s;
}

m_competency *rs_find_competency(m_framework *f, const char *name)
{
	for (size_t i = 0; i < f->competencies.len; i++) {
		m_competency *k = f->competencies.items[i];
		if (k->name.s == name)
			return k;
	}
	return NULL;
}

void rs_unknown_competency(rctx *c, m_framework *f, ast_name n)
{
	if (f->incomplete)
		return;
	diag *d = diag_error(c->d, n.span, "unknown-name",
			     "framework '%s' has no competency '%s'",
			     f->name.s, n.s);
	rs_suggest_in(c, d, n.s, &f->competencies, offsetof(m_competency, name));
}

/* The competency's own items: indicators, levels, descriptors. */
static void check_competency(rctx *c, ast_decl *d, m_competency *k)
{
	ast_item *scale_item = NULL;
	ptr_vec described = {0};  /* `level` items: levels given a descriptor */
	bool has_levels = false;
	for (size_t i = 0; i < k->item->items.len; i++) {
		ast_item *it = k->item->items.items[i];
		if (!rs_allowed(c, d, it, true))
			continue;
		switch (it->kind) {
		case ITEM_INDICATOR:
			ptr_vec_push(c->a, &k->indicators, (void *)it->text);
			break;
		case ITEM_SCALE: {
			if (!rs_once(c, &scale_item, it))
				break;
			m_scale *s = rs_resolve_scale(c, it->name);
			if (s)
				k->scale = s;
			break;
		}
		default:
			break;
		}
	}
	if (!k->scale)
		return;
	/* Levels: `levels a..b`, `levels a, b`, or `level n "descriptor"`. */
	for (size_t i = 0; i < k->item->items.len; i++) {
		ast_item *it = k->item->items.items[i];
		if (it->kind == ITEM_LEVELS) {
			if (has_levels) {
				diag_error(c->d, it->span, "duplicate-item",
					   "the levels of '%s' are given twice",
					   k->name.s);
				continue;
			}
			has_levels = true;
			if (it->is_range) {
				m_level *lo = rs_scale_level(k->scale, it->lo);
				m_level *hi = rs_scale_level(k->scale, it->hi);
				if (!lo)
					rs_unknown_level(c, k->scale, it->lo);
				if (!hi)
					rs_unknown_level(c, k->scale, it->hi);
				if (!lo || !hi)
					continue;
				if (num_cmp(lo->value, hi->value) > 0) {
					diag_error(c->d, it->span, "bad-range",
						   "empty level range: %s is above %s",
						   rs_fmt_num(c, lo->value),
						   rs_fmt_num(c, hi->value));
					continue;
				}
				for (size_t j = 0; j < k->scale->levels.len; j++) {
					m_level *l = k->scale->levels.items[j];
					if (num_cmp(l->value, lo->value) >= 0 &&
					    num_cmp(l->value, hi->value) <= 0)
						ptr_vec_push(c->a, &k->levels, l);
				}
			} else {
				for (size_t j = 0; j < it->list.len; j++) {
					ast_expr *e = it->list.items[j];
					m_level *l = rs_scale_level(k->scale, e);
					bool dup = false;
					for (size_t q = 0; l && q < k->levels.len; q++)
						dup |= k->levels.items[q] == l;
					if (!l)
						rs_unknown_level(c, k->scale, e);
					else if (dup)
						diag_error(c->d, e->span, "duplicate-level",
							   "level %s is listed twice",
							   rs_fmt_num(c, l->value));
					else
						ptr_vec_push(c->a, &k->levels, l);
				}
			}
		} else if (it->kind == ITEM_LEVEL) {
			/* A descriptor at one level of the competency's scale. */
			m_level *l = rs_scale_level(k->scale, it->value);
			if (!l)
				rs_unknown_level(c, k->scale, it->value);
			if (l)
				ptr_vec_push(c->a, &described, it);
			if (it->name.s)
				diag_error(c->d, it->name.span, "misplaced-item",
					   "a competency's level takes a value and a "
					   "descriptor, not a name");
		}
	}
	if (!has_levels) {
		/* Defined at the levels it describes, or else at all of them. */
		for (size_t i = 0; i < k->item->items.len; i++) {
			ast_item *it = k->item->items.items[i];
			m_level *l = it->kind == ITEM_LEVEL ? rs_scale_level(k->scale, it->value) : NULL;
			if (l)
				ptr_vec_push(c->a, &k->levels, l);
		}
		if (k->levels.len == 0)
			k->levels = k->scale->levels;
	}
	/* A level described must be one the competency is defined at. */
	for (size_t i = 0; has_levels && i < described.len; i++) {
		ast_item *it = described.items[i];
		m_level *l = rs_scale_level(k->scale, it->value);
		bool defined = false;
		for (size_t j = 0; j < k->levels.len; j++)
			defined |= k->levels.items[j] == l;
		if (!defined)
			diag_error(c->d, it->value->span, "undefined-level",
				   "competency '%s' describes level %s, which its "
				   "'levels' leave out", k->name.s, rs_fmt_num(c, l->value));
	}
}

static void add_competency(rctx *c, ast_decl *d, m_framework *f, m_area *area,
			   ast_item *it)
{
	m_competency *prev = rs_find_competency(f, it->name.s);
	if (prev) {
		diag *e = diag_error(c->d, it->name.span, "duplicate-name",
				     "competency '%s' is already declared in "
				     "framework '%s'", it->name.s, f->name.s);
		diag_note(c->d, e, prev->name.span, "first declared here");
		return;
	}
	if (strcmp(it->name.s, "all") == 0) {
		diag_error(c->d, it->name.span, "reserved-name",
			   "'all' is reserved: 'require all' means every competency");
		return;
	}
	m_competency *k = arena_alloc(c->a, sizeof *k);
	k->name = it->name;
	k->title = it->text;
	k->framework = f;
	k->area = area;
	k->scale = f->scale;
	k->item = it;
	ptr_vec_push(c->a, &f->competencies, k);
	ptr_vec_push(c->a, &c->m->competencies, k);
	check_competency(c, d, k);
}

void rs_check_framework(rctx *c, ast_decl *d, m_framework *f)
{
	ast_item *scale_item = NULL;
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (it->kind == ITEM_SCALE && rs_allowed(c, d, it, false) &&
		    rs_once(c, &scale_item, it))
			f->scale = rs_resolve_scale(c, it->name);
	}
	if (!scale_item && !rs_incomplete(c, d->span))
		diag_error(c->d, d->name.span, "missing-item",
			   "framework '%s' needs a scale: add 'scale NAME' "
			   "(for example 'use std.scales' and 'scale likert5')",
			   f->name.s);
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (it->kind == ITEM_SCALE || !rs_allowed(c, d, it, false))
			continue;
		if (it->kind == ITEM_COMPETENCY) {
			add_competency(c, d, f, NULL, it);
		} else if (it->kind == ITEM_AREA) {
			for (size_t j = 0; j < f->areas.len; j++) {
				m_area *o = f->areas.items[j];
				if (o->name.s == it->name.s) {
					diag *e = diag_error(c->d, it->name.span,
							     "duplicate-name",
							     "area '%s' is already declared",
							     it->name.s);
					diag_note(c->d, e, o->name.span, "first declared here");
				}
			}
			m_area *area = arena_alloc(c->a, sizeof *area);
			area->name = it->name;
			area->title = it->text;
			ptr_vec_push(c->a, &f->areas, area);
			for (size_t j = 0; j < it->items.len; j++) {
				ast_item *sub = it->items.items[j];
				if (sub->kind == ITEM_COMPETENCY)
					add_competency(c, d, f, area, sub);
				else if (sub->kind != ITEM_DESCRIPTION &&
					 sub->kind != ITEM_OWNER &&
					 sub->kind != ITEM_SOURCE) {
					diag *e = diag_error(c->d, sub->span, "misplaced-item",
							     "'%s' is not allowed in an area",
							     item_kind_name(sub->kind));
					diag_hint(c->d, e, "an area holds competencies and "
						  "a description");
				}
			}
		}
	}
	if (f->competencies.len == 0 && !rs_incomplete(c, d->span))
		diag_error(c->d, d->name.span, "empty-framework",
			   "framework '%s' has no competencies", f->name.s);
}

/* Descriptors name profiles, so they are checked once profiles exist. */
void rs_check_descriptors(rctx *c)
{
	for (size_t i = 0; i < c->m->competencies.len; i++) {
		m_competency *k = c->m->competencies.items[i];
		for (size_t j = 0; j < k->item->items.len; j++) {
			ast_item *it = k->item->items.items[j];
			if (it->kind != ITEM_DESCRIPTOR)
				continue;
			m_profile *p = rs_find_kind(c, it->name.s, DECL_PROFILE);
			if (!p)
				rs_unknown_global(c, it->name, DECL_PROFILE, "profile");
			else if (p->framework && p->framework != k->framework) {
				diag *e = diag_error(c->d, it->name.span, "wrong-framework",
						     "profile '%s' uses framework '%s', not "
						     "'%s'", p->name.s, p->framework->name.s,
						     k->framework->name.s);
				diag_note(c->d, e, p->name.span, "the profile is declared here");
			}
		}
	}
}

/* ---- perspectives ---------------------------------------------------------- */

void rs_check_perspectives(rctx *c, ast_decl *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (!rs_allowed(c, d, it, false) || it->kind != ITEM_PERSPECTIVE)
			continue;
		for (size_t j = 0; j < i; j++) {
			ast_item *o = d->items.items[j];
			if (o->kind == ITEM_PERSPECTIVE && o->name.s == it->name.s) {
				diag *e = diag_error(c->d, it->name.span, "duplicate-name",
						     "perspective '%s' is listed twice",
						     it->name.s);
				diag_note(c->d, e, o->name.span, "first listed here");
			}
		}
		n++;
	}
	if (n == 0 && !rs_incomplete(c, d->span))
		diag_error(c->d, d->name.span, "missing-item",
			   "'%s' lists no perspectives", d->name.s);
}
