/*
 * resolve.c - name resolution and checks; see resolve.h.
 *
 * The passes, in order:
 *   1. collect   every top-level name, so declarations may refer to each
 *                other in any order and across files;
 *   2. scales, frameworks, datasets, perspectives: their own items;
 *   3. profiles, then the descriptors that name them;
 *   4. assessments and rules: expressions, types, cycles between rules.
 * Each pass reports what it finds and goes on, so one run shows every
 * problem.  An item that is not allowed in a declaration is reported once
 * here, with the declaration kinds where it does belong.
 */
#include "resolve.h"

#include <stdlib.h>
#include <string.h>

typedef struct global {
	const char *name;
	decl_kind kind;
	void *obj;
	ast_decl *decl;
} global;

typedef struct rctx {
	program *p;
	model *m;
	arena *a;
	diag_list *d;
	ptr_vec globals; /* global* */
	ast_file **files; /* by file id */
} rctx;

/* What bare names mean inside an expression. */
typedef struct scope {
	m_dataset *rows;        /* inside `where`: this dataset's columns */
	const char *each;       /* rule ... for each <each> */
	m_type each_type;
	m_rule *rule;           /* the rule being checked */
	bool develop;           /* a develop condition: gap, score, ... */
	m_framework *framework; /* develop: the assessment's framework */
} scope;

const char *m_type_name(m_type t)
{
	switch (t) {
	case TYPE_ERROR: return "error";
	case TYPE_NUMBER: return "number";
	case TYPE_BOOL: return "boolean";
	case TYPE_TEXT: return "text";
	case TYPE_DATE: return "date";
	case TYPE_PERIOD: return "period";
	case TYPE_DURATION: return "duration";
	case TYPE_ROWS: return "dataset";
	case TYPE_COLUMN: return "column";
	}
	return "?";
}

static m_type check_expr(rctx *c, ast_expr *e, scope *sc);
static bool is_develop_name(const char *s);

/* ---- helpers ------------------------------------------------------------ */

static global *find_global(rctx *c, const char *name)
{
	for (size_t i = 0; i < c->globals.len; i++) {
		global *g = c->globals.items[i];
		if (g->name == name)
			return g;
	}
	return NULL;
}

static void *find_kind(rctx *c, const char *name, decl_kind kind)
{
	global *g = find_global(c, name);
	return g && g->kind == kind ? g->obj : NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Adds "did you mean" to d from candidate names (sorted for determinism). */
static void suggest(rctx *c, diag *d, const char *name, const char **cands,
		    size_t n)
{
	if (n > 1)
		qsort(cands, n, sizeof *cands, cmp_str);
	const char *near = diag_nearest(name, cands, n);
	if (near)
		diag_hint(c->d, d, "did you mean '%s'?", near);
}

/* Reports an unknown global of kind `kind` (or any kind when kind < 0). */
static void unknown_global(rctx *c, ast_name n, int kind, const char *what)
{
	global *g = find_global(c, n.s);
	diag *d;
	if (g && kind >= 0) {
		d = diag_error(c->d, n.span, "wrong-kind", "'%s' is a %s, not a %s",
			       n.s, decl_kind_name(g->kind), what);
		diag_note(c->d, d, g->decl->name.span, "'%s' is declared here",
			  n.s);
		return;
	}
	d = diag_error(c->d, n.span, "unknown-name", "unknown %s '%s'", what, n.s);
	const char **cands = arena_alloc(c->a, (c->globals.len + 1) * sizeof *cands);
	size_t k = 0;
	for (size_t i = 0; i < c->globals.len; i++) {
		global *o = c->globals.items[i];
		if (kind < 0 || (int)o->kind == kind)
			cands[k++] = o->name;
	}
	suggest(c, d, n.s, cands, k);
}

/* The value of a constant numeric expression (4/3, 1 + 1/2, -2), exactly;
 * false for anything else or on overflow. */
static bool const_num(const ast_expr *e, num *out)
{
	num a, b;
	switch (e->kind) {
	case EXPR_NUMBER:
		*out = e->number;
		return true;
	case EXPR_UNARY:
		return e->op == OP_NEG && const_num(e->a, &a) &&
		       num_neg(a, out) == NUM_OK;
	case EXPR_BINARY:
		if (!const_num(e->a, &a) || !const_num(e->b, &b))
			return false;
		switch (e->op) {
		case OP_ADD: return num_add(a, b, out) == NUM_OK;
		case OP_SUB: return num_sub(a, b, out) == NUM_OK;
		case OP_MUL: return num_mul(a, b, out) == NUM_OK;
		case OP_DIV: return num_div(a, b, out) == NUM_OK;
		default: return false;
		}
	default:
		return false;
	}
}

static const char *fmt_num(rctx *c, num v)
{
	char buf[NUM_FMT_MAX];
	if (num_format_exact(v, buf, sizeof buf) < 0)
		return "?";
	return arena_strdup(c->a, buf);
}

/* A declaration in a file with syntax errors may have lost items to error
 * recovery: checks of what is missing would only repeat the syntax error. */
static bool incomplete(rctx *c, src_span span)
{
	const ast_file *f = c->files[span.file];
	for (size_t i = 0; f && i < f->errors.len; i++) {
		uintptr_t at = (uintptr_t)f->errors.items[i];
		if (at >= span.start && at <= span.end)
			return true;
	}
	return false;
}

/* Which declarations an item may appear in, for "not allowed here". */
static bool item_allowed(decl_kind dk, item_kind ik, bool nested)
{
	switch (ik) {
	case ITEM_VERSION: case ITEM_EFFECTIVE: case ITEM_ROUNDING:
		return dk == DECL_HEADER && !nested;
	case ITEM_OWNER: case ITEM_APPROVER: case ITEM_SOURCE:
	case ITEM_DESCRIPTION:
		return true;
	case ITEM_LEVEL:
		return dk == DECL_SCALE || (dk == DECL_FRAMEWORK && nested);
	case ITEM_SCALE:
		return dk == DECL_FRAMEWORK || dk == DECL_ASSESSMENT;
	case ITEM_AREA:
		return dk == DECL_FRAMEWORK && !nested;
	case ITEM_COMPETENCY:
		return dk == DECL_FRAMEWORK;
	case ITEM_INDICATOR: case ITEM_LEVELS: case ITEM_DESCRIPTOR:
		return dk == DECL_FRAMEWORK && nested;
	case ITEM_KEY: case ITEM_COLUMN: case ITEM_PATH:
		return dk == DECL_DATA;
	case ITEM_FRAMEWORK:
		return dk == DECL_PROFILE || dk == DECL_ASSESSMENT;
	case ITEM_REQUIRE:
		return dk == DECL_PROFILE;
	case ITEM_RATINGS: case ITEM_SUBJECTS: case ITEM_RELATION:
	case ITEM_MISSING: case ITEM_THRESHOLD: case ITEM_SUMMARISE:
	case ITEM_PROFILES: case ITEM_SUCCESSION: case ITEM_DEVELOP:
		return dk == DECL_ASSESSMENT;
	case ITEM_PERSPECTIVE:
		return dk == DECL_PERSPECTIVES;
	}
	return false;
}

static const char *item_home(item_kind ik)
{
	switch (ik) {
	case ITEM_VERSION: case ITEM_EFFECTIVE: case ITEM_ROUNDING:
		return "the 'rubric' header";
	case ITEM_LEVEL: return "a scale (or a competency, for its levels)";
	case ITEM_SCALE: return "a framework or an assessment";
	case ITEM_AREA: return "a framework";
	case ITEM_COMPETENCY: return "a framework or one of its areas";
	case ITEM_INDICATOR: case ITEM_LEVELS: case ITEM_DESCRIPTOR:
		return "a competency";
	case ITEM_KEY: case ITEM_COLUMN: case ITEM_PATH: return "a data declaration";
	case ITEM_FRAMEWORK: return "a profile or an assessment";
	case ITEM_REQUIRE: return "a profile";
	case ITEM_RATINGS: case ITEM_SUBJECTS: case ITEM_RELATION:
	case ITEM_MISSING: case ITEM_THRESHOLD: case ITEM_SUMMARISE:
	case ITEM_PROFILES: case ITEM_SUCCESSION: case ITEM_DEVELOP:
		return "an assessment";
	case ITEM_PERSPECTIVE: return "a perspectives declaration";
	default: return "a declaration";
	}
}

/* Reports items not allowed in this declaration; true when `it` is fine. */
static bool allowed(rctx *c, ast_decl *d, ast_item *it, bool nested)
{
	if (item_allowed(d->kind, it->kind, nested))
		return true;
	diag *e = diag_error(c->d, it->span, "misplaced-item",
			     "'%s' is not allowed in %s %s",
			     item_kind_name(it->kind),
			     nested ? "a competency of" : "a",
			     decl_kind_name(d->kind));
	diag_hint(c->d, e, "'%s' belongs in %s", item_kind_name(it->kind),
		  item_home(it->kind));
	return false;
}

/* A metadata item given twice in one block. */
static bool once(rctx *c, ast_item **seen, ast_item *it)
{
	if (!*seen) {
		*seen = it;
		return true;
	}
	diag *e = diag_error(c->d, it->span, "duplicate-item",
			     "'%s' is given twice", item_kind_name(it->kind));
	diag_note(c->d, e, (*seen)->span, "first given here");
	return false;
}

/* ---- pass 1: collect ----------------------------------------------------- */

static void *new_obj(rctx *c, ast_decl *d)
{
	switch (d->kind) {
	case DECL_SCALE: {
		m_scale *s = arena_alloc(c->a, sizeof *s);
		s->name = d->name; s->title = d->title;
		s->incomplete = incomplete(c, d->span);
		ptr_vec_push(c->a, &c->m->scales, s);
		return s;
	}
	case DECL_FRAMEWORK: {
		m_framework *f = arena_alloc(c->a, sizeof *f);
		f->name = d->name; f->title = d->title;
		f->incomplete = incomplete(c, d->span);
		ptr_vec_push(c->a, &c->m->frameworks, f);
		return f;
	}
	case DECL_DATA: {
		m_dataset *s = arena_alloc(c->a, sizeof *s);
		s->name = d->name; s->title = d->title;
		s->incomplete = incomplete(c, d->span);
		ptr_vec_push(c->a, &c->m->datasets, s);
		return s;
	}
	case DECL_PROFILE: {
		m_profile *s = arena_alloc(c->a, sizeof *s);
		s->name = d->name; s->title = d->title;
		s->incomplete = incomplete(c, d->span);
		ptr_vec_push(c->a, &c->m->profiles, s);
		return s;
	}
	case DECL_ASSESSMENT: {
		m_assessment *s = arena_alloc(c->a, sizeof *s);
		s->name = d->name; s->title = d->title;
		ptr_vec_push(c->a, &c->m->assessments, s);
		return s;
	}
	case DECL_RULE: {
		m_rule *r = arena_alloc(c->a, sizeof *r);
		r->decl = d;
		ptr_vec_push(c->a, &c->m->rules, r);
		return r;
	}
	case DECL_PERSPECTIVES: {
		m_perspectives *s = arena_alloc(c->a, sizeof *s);
		s->name = d->name; s->title = d->title; s->items = d->items;
		ptr_vec_push(c->a, &c->m->perspectives, s);
		return s;
	}
	default:
		return NULL;
	}
}

static void check_header(rctx *c, ast_decl *d, bool first)
{
	ast_item *seen[ITEM_PERSPECTIVE + 1] = {0};
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (!allowed(c, d, it, false) || !once(c, &seen[it->kind], it))
			continue;
		if (!first)
			continue; /* an included file's header is checked, not used */
		switch (it->kind) {
		case ITEM_VERSION: c->m->version = it->text; break;
		case ITEM_OWNER: c->m->owner = it->text; break;
		case ITEM_APPROVER: c->m->approver = it->text; break;
		case ITEM_SOURCE: c->m->source = it->text; break;
		case ITEM_EFFECTIVE:
			c->m->has_effective = true;
			c->m->effective = it->date;
			break;
		case ITEM_ROUNDING: {
			num places = it->value->number;
			if (!num_is_int(places) || places.n < 0 ||
			    places.n > NUM_MAX_PLACES)
				diag_error(c->d, it->value->span, "bad-rounding",
					   "rounding places must be a whole number "
					   "from 0 to %d", NUM_MAX_PLACES);
			else
				c->m->round_places = (int)places.n;
			if (!num_round_mode_parse(it->ref.s, strlen(it->ref.s),
						  &c->m->round_mode)) {
				diag *e = diag_error(c->d, it->ref.span, "bad-rounding",
						     "unknown rounding mode '%s'",
						     it->ref.s);
				const char *modes[] = {"ceiling", "down", "floor",
						       "half_down", "half_even",
						       "half_up", "up"};
				suggest(c, e, it->ref.s, modes, 7);
			}
			break;
		}
		default:
			break;
		}
	}
}

static void collect(rctx *c)
{
	bool have_header = false;
	for (size_t f = 0; f < c->p->files.len; f++) {
		ast_file *file = c->p->files.items[f];
		ast_decl *header = NULL;
		for (size_t i = 0; i < file->decls.len; i++) {
			ast_decl *d = file->decls.items[i];
			if (d->kind == DECL_HEADER) {
				if (header) {
					diag *e = diag_error(c->d, d->keyword_span,
							     "duplicate-header",
							     "a file has one 'rubric' header");
					diag_note(c->d, e, header->keyword_span,
						  "the first one is here");
					continue;
				}
				header = d;
				if (!have_header)
					c->m->title = d->title;
				check_header(c, d, !have_header);
				have_header = true;
				continue;
			}
			if (d->kind == DECL_USE || d->kind == DECL_INCLUDE)
				continue;
			global *prev = find_global(c, d->name.s);
			if (prev) {
				diag *e = diag_error(c->d, d->name.span, "duplicate-name",
						     "'%s' is already declared", d->name.s);
				diag_note(c->d, e, prev->decl->name.span,
					  "'%s' is first declared here (%s '%s')",
					  d->name.s, decl_kind_name(prev->kind), d->name.s);
				continue;
			}
			global *g = arena_alloc(c->a, sizeof *g);
			g->name = d->name.s;
			g->kind = d->kind;
			g->decl = d;
			g->obj = new_obj(c, d);
			ptr_vec_push(c->a, &c->globals, g);
		}
	}
}

/* ---- scales ---------------------------------------------------------------- */

static m_level *scale_level(m_scale *s, ast_expr *e)
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
static void unknown_level(rctx *c, m_scale *s, ast_expr *e)
{
	diag *d;
	if (s->incomplete)
		return;
	if (e->kind == EXPR_NUMBER) {
		m_level *lo = s->levels.len ? s->levels.items[0] : NULL;
		m_level *hi = s->levels.len ? s->levels.items[s->levels.len - 1] : NULL;
		d = diag_error(c->d, e->span, "unknown-level",
			       "level %s is not on scale '%s'",
			       fmt_num(c, e->number), s->name.s);
		if (lo)
			diag_hint(c->d, d, "the levels of '%s' run from %s to %s",
				  s->name.s, fmt_num(c, lo->value),
				  fmt_num(c, hi->value));
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
	suggest(c, d, e->name.s, cands, k);
}

static void check_scale(rctx *c, ast_decl *d, m_scale *s)
{
	m_level *prev = NULL;
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (!allowed(c, d, it, false) || it->kind != ITEM_LEVEL)
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
						     fmt_num(c, l->value));
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
		if (prev && num_cmp(l->value, prev->value) < 0) {
			diag *e = diag_error(c->d, it->value->span, "level-order",
					     "levels must be listed from lowest to "
					     "highest: %s comes after %s",
					     fmt_num(c, l->value), fmt_num(c, prev->value));
			diag_note(c->d, e, prev->span, "the previous level");
			continue;
		}
		ptr_vec_push(c->a, &s->levels, l);
		prev = l;
	}
	if (s->levels.len < 2 && !incomplete(c, d->span))
		diag_error(c->d, d->name.span, "empty-scale",
			   "scale '%s' needs at least two levels", s->name.s);
}

/* ---- frameworks ------------------------------------------------------------ */

static m_scale *resolve_scale(rctx *c, ast_name n)
{
	m_scale *s = find_kind(c, n.s, DECL_SCALE);
	if (!s)
		unknown_global(c, n, DECL_SCALE, "scale");
	return s;
}

static m_competency *find_competency(m_framework *f, const char *name)
{
	for (size_t i = 0; i < f->competencies.len; i++) {
		m_competency *k = f->competencies.items[i];
		if (k->name.s == name)
			return k;
	}
	return NULL;
}

static void unknown_competency(rctx *c, m_framework *f, ast_name n)
{
	if (f->incomplete)
		return;
	diag *d = diag_error(c->d, n.span, "unknown-name",
			     "framework '%s' has no competency '%s'",
			     f->name.s, n.s);
	const char **cands = arena_alloc(c->a, (f->competencies.len + 1) * sizeof *cands);
	for (size_t i = 0; i < f->competencies.len; i++)
		cands[i] = ((m_competency *)f->competencies.items[i])->name.s;
	suggest(c, d, n.s, cands, f->competencies.len);
}

/* The competency's own items: indicators, levels, descriptors. */
static void check_competency(rctx *c, ast_decl *d, m_competency *k)
{
	bool has_levels = false;
	for (size_t i = 0; i < k->item->items.len; i++) {
		ast_item *it = k->item->items.items[i];
		if (!allowed(c, d, it, true))
			continue;
		switch (it->kind) {
		case ITEM_INDICATOR:
			ptr_vec_push(c->a, &k->indicators, (void *)it->text);
			break;
		case ITEM_SCALE: {
			m_scale *s = resolve_scale(c, it->name);
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
				m_level *lo = scale_level(k->scale, it->lo);
				m_level *hi = scale_level(k->scale, it->hi);
				if (!lo)
					unknown_level(c, k->scale, it->lo);
				if (!hi)
					unknown_level(c, k->scale, it->hi);
				if (!lo || !hi)
					continue;
				if (num_cmp(lo->value, hi->value) > 0) {
					diag_error(c->d, it->span, "bad-range",
						   "empty level range: %s is above %s",
						   fmt_num(c, lo->value),
						   fmt_num(c, hi->value));
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
					m_level *l = scale_level(k->scale, e);
					if (!l)
						unknown_level(c, k->scale, e);
					else
						ptr_vec_push(c->a, &k->levels, l);
				}
			}
		} else if (it->kind == ITEM_LEVEL) {
			/* A descriptor at one level of the competency's scale. */
			m_level *l = scale_level(k->scale, it->value);
			if (!l)
				unknown_level(c, k->scale, it->value);
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
			m_level *l = it->kind == ITEM_LEVEL ? scale_level(k->scale, it->value) : NULL;
			if (l)
				ptr_vec_push(c->a, &k->levels, l);
		}
		if (k->levels.len == 0)
			k->levels = k->scale->levels;
	}
}

static void add_competency(rctx *c, ast_decl *d, m_framework *f, m_area *area,
			   ast_item *it)
{
	m_competency *prev = find_competency(f, it->name.s);
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

static void check_framework(rctx *c, ast_decl *d, m_framework *f)
{
	ast_item *scale_item = NULL;
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (it->kind == ITEM_SCALE && allowed(c, d, it, false) &&
		    once(c, &scale_item, it))
			f->scale = resolve_scale(c, it->name);
	}
	if (!scale_item && !incomplete(c, d->span))
		diag_error(c->d, d->name.span, "missing-item",
			   "framework '%s' needs a scale: add 'scale NAME' "
			   "(for example 'use std.scales' and 'scale likert5')",
			   f->name.s);
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (it->kind == ITEM_SCALE || !allowed(c, d, it, false))
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
	if (f->competencies.len == 0 && !incomplete(c, d->span))
		diag_error(c->d, d->name.span, "empty-framework",
			   "framework '%s' has no competencies", f->name.s);
}

/* Descriptors name profiles, so they are checked once profiles exist. */
static void check_descriptors(rctx *c)
{
	for (size_t i = 0; i < c->m->competencies.len; i++) {
		m_competency *k = c->m->competencies.items[i];
		for (size_t j = 0; j < k->item->items.len; j++) {
			ast_item *it = k->item->items.items[j];
			if (it->kind != ITEM_DESCRIPTOR)
				continue;
			m_profile *p = find_kind(c, it->name.s, DECL_PROFILE);
			if (!p)
				unknown_global(c, it->name, DECL_PROFILE, "profile");
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

/* ---- datasets ------------------------------------------------------------- */

static const char *const column_types[] = {
	[COL_TEXT] = "text", [COL_NUMBER] = "number", [COL_INTEGER] = "integer",
	[COL_PERCENT] = "percent", [COL_DATE] = "date", [COL_PERIOD] = "period",
	[COL_BOOL] = "bool",
};
#define N_COLUMN_TYPES (sizeof column_types / sizeof column_types[0])

static m_column *find_column(m_dataset *s, const char *name)
{
	for (size_t i = 0; i < s->columns.len; i++) {
		m_column *col = s->columns.items[i];
		if (col->name.s == name)
			return col;
	}
	return NULL;
}

static void unknown_column(rctx *c, m_dataset *s, ast_name n)
{
	if (s->incomplete)
		return;
	diag *d = diag_error(c->d, n.span, "unknown-name",
			     "dataset '%s' has no column '%s'", s->name.s, n.s);
	const char **cands = arena_alloc(c->a, (s->columns.len + 1) * sizeof *cands);
	for (size_t i = 0; i < s->columns.len; i++)
		cands[i] = ((m_column *)s->columns.items[i])->name.s;
	suggest(c, d, n.s, cands, s->columns.len);
}

static bool is_numeric_column(m_column_type t)
{
	return t == COL_NUMBER || t == COL_INTEGER || t == COL_PERCENT;
}

static void check_column(rctx *c, m_dataset *s, ast_item *it)
{
	m_column *prev = find_column(s, it->name.s);
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
		while (t < N_COLUMN_TYPES && strcmp(column_types[t], it->ref.s) != 0)
			t++;
		if (t == N_COLUMN_TYPES) {
			diag *e = diag_error(c->d, it->ref.span, "unknown-type",
					     "unknown column type '%s'", it->ref.s);
			const char *cands[N_COLUMN_TYPES];
			memcpy(cands, column_types, sizeof cands);
			suggest(c, e, it->ref.s, cands, N_COLUMN_TYPES);
			if (!e->hint)
				diag_hint(c->d, e, "the types are text, number, integer, "
					  "percent, date, period and bool");
		} else {
			col->type = (m_column_type)t;
		}
	}
	if (it->is_range) {
		if (!is_numeric_column(col->type))
			diag_error(c->d, it->lo->span, "type-mismatch",
				   "a range of values needs a number, integer or "
				   "percent column, and '%s' is %s",
				   col->name.s, column_types[col->type]);
		col->has_range = true;
		col->lo = it->lo->number;
		col->hi = it->hi->number;
		if (num_cmp(col->lo, col->hi) > 0)
			diag_error(c->d, src_join(it->lo->span, it->hi->span),
				   "bad-range", "empty range: %s is above %s",
				   fmt_num(c, col->lo), fmt_num(c, col->hi));
	}
	for (size_t i = 0; i < it->list.len; i++) {
		ast_expr *v = it->list.items[i];
		bool numeric = v->kind == EXPR_NUMBER;
		if (numeric != is_numeric_column(col->type))
			diag_error(c->d, v->span, "type-mismatch",
				   "allowed value of a %s column must be %s",
				   column_types[col->type],
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
		global *g = find_global(c, t);
		if (strcmp(t, "profile") == 0 && !g) {
			col->ref = REF_PROFILE;
		} else if (g && g->kind == DECL_DATA) {
			col->ref = REF_DATASET;
			col->ref_dataset = g->obj;
		} else if (g && g->kind == DECL_FRAMEWORK) {
			col->ref = REF_COMPETENCY;
			col->ref_framework = g->obj;
		} else if (g && g->kind == DECL_SCALE) {
			col->ref = REF_LEVEL;
			col->ref_scale = g->obj;
		} else if (g) {
			diag *e = diag_error(c->d, it->target.span, "wrong-kind",
					     "a column can refer to a dataset, a "
					     "framework, a scale or 'profile', and "
					     "'%s' is a %s", t, decl_kind_name(g->kind));
			diag_note(c->d, e, g->decl->name.span, "'%s' is declared here", t);
		} else {
			diag *e = diag_error(c->d, it->target.span, "unknown-name",
					     "unknown dataset, framework or scale '%s'", t);
			const char **cands = arena_alloc(c->a, (c->globals.len + 2) * sizeof *cands);
			size_t k = 0;
			for (size_t j = 0; j < c->globals.len; j++) {
				global *o = c->globals.items[j];
				if (o->kind == DECL_DATA || o->kind == DECL_FRAMEWORK ||
				    o->kind == DECL_SCALE)
					cands[k++] = o->name;
			}
			cands[k++] = "profile";
			suggest(c, e, t, cands, k);
		}
		if (col->ref == REF_LEVEL && col->type != COL_TEXT &&
		    col->type != COL_NUMBER && col->type != COL_INTEGER)
			diag_error(c->d, it->target.span, "type-mismatch",
				   "column '%s' refers to levels, so it holds their names "
				   "(text) or values (number), not %s", col->name.s,
				   column_types[col->type]);
		if (col->ref != REF_NONE && col->ref != REF_LEVEL &&
		    col->type != COL_TEXT)
			diag_error(c->d, it->target.span, "type-mismatch",
				   "column '%s' refers to names, so it must be text, "
				   "not %s", col->name.s, column_types[col->type]);
	}
	ptr_vec_push(c->a, &s->columns, col);
}

static void check_dataset(rctx *c, ast_decl *d, m_dataset *s)
{
	ast_item *path = NULL, *key = NULL;
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (!allowed(c, d, it, false))
			continue;
		if (it->kind == ITEM_COLUMN)
			check_column(c, s, it);
		else if (it->kind == ITEM_PATH && once(c, &path, it))
			s->path = it->text;
	}
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (it->kind != ITEM_KEY || !once(c, &key, it))
			continue;
		for (size_t j = 0; j < it->list.len; j++) {
			ast_name *n = it->list.items[j];
			m_column *col = find_column(s, n->s);
			if (!col) {
				/* `key id` alone declares a text column `id`. */
				if (it->list.len == 1) {
					col = arena_alloc(c->a, sizeof *col);
					col->name = *n;
					ptr_vec_push(c->a, &s->columns, col);
				} else {
					unknown_column(c, s, *n);
					continue;
				}
			}
			ptr_vec_push(c->a, &s->keys, col);
		}
	}
	if (s->columns.len == 0 && !incomplete(c, d->span))
		diag_error(c->d, d->name.span, "empty-dataset",
			   "dataset '%s' declares no columns", s->name.s);
}

/* References to datasets need their keys, so they are checked last. */
static void check_dataset_refs(rctx *c)
{
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

/* ---- perspectives ---------------------------------------------------------- */

static void check_perspectives(rctx *c, ast_decl *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (!allowed(c, d, it, false) || it->kind != ITEM_PERSPECTIVE)
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
	if (n == 0 && !incomplete(c, d->span))
		diag_error(c->d, d->name.span, "missing-item",
			   "'%s' lists no perspectives", d->name.s);
}

/* ---- profiles --------------------------------------------------------------- */

/* The framework a profile or assessment speaks of: its `framework` item, or
 * the only framework of the program. */
static m_framework *framework_of(rctx *c, ast_decl *d)
{
	ast_item *seen = NULL;
	m_framework *f = NULL;
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (it->kind != ITEM_FRAMEWORK || !once(c, &seen, it))
			continue;
		f = find_kind(c, it->name.s, DECL_FRAMEWORK);
		if (!f)
			unknown_global(c, it->name, DECL_FRAMEWORK, "framework");
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

static void check_profile(rctx *c, ast_decl *d, m_profile *pr)
{
	for (size_t i = 0; i < d->items.len; i++)
		allowed(c, d, d->items.items[i], false);
	pr->framework = framework_of(c, d);
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
		m_competency *k = is_all ? NULL : find_competency(f, it->name.s);
		if (!is_all && !k) {
			unknown_competency(c, f, it->name);
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
			m_scale *s = k ? k->scale : f->scale;
			m_level *l = s ? scale_level(s, it->value) : NULL;
			if (s && !l) {
				unknown_level(c, s, it->value);
				continue;
			}
			if (l)
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
						     fmt_num(c, l->value));
				const char *list = "";
				for (size_t j = 0; j < k->levels.len; j++)
					list = arena_printf(c->a, "%s%s%s", list,
							    j ? ", " : "",
							    fmt_num(c, ((m_level *)k->levels.items[j])->value));
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
						     fmt_num(c, a->level), k->name.s);
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
	if (pr->requirements.len == 0 && !incomplete(c, d->span))
		diag_warning(c->d, d->name.span, "empty-profile",
			     "profile '%s' requires nothing", pr->name.s);
}

/* ---- assessments ----------------------------------------------------------- */

static m_dataset *resolve_dataset(rctx *c, ast_name n)
{
	m_dataset *s = find_kind(c, n.s, DECL_DATA);
	if (!s)
		unknown_global(c, n, DECL_DATA, "dataset");
	return s;
}

/* The ratings dataset is read by column name: subject, rater, relation,
 * competency and score. */
static m_column *rating_column(rctx *c, m_assessment *as, const char *name,
			       bool numeric)
{
	m_column *col = find_column(as->ratings, intern_cstr(&c->p->names, name));
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
	bool is_numeric = is_numeric_column(col->type) || col->ref == REF_LEVEL;
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
	k->relation = rating_column(c, as, "relation", false);
	k->competency = rating_column(c, as, "competency", false);
	k->score = rating_column(c, as, "score", true);
	if (k->subject && !as->subjects && k->subject->ref == REF_DATASET)
		as->subjects = k->subject->ref_dataset;
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
			diag_hint(c->d, e, "declare 'in %s..%s' or '-> %s'", fmt_num(c, lo),
				  fmt_num(c, hi), scale->name.s);
		} else if (num_cmp(k->score->lo, lo) < 0 || num_cmp(k->score->hi, hi) > 0) {
			diag_warning(c->d, k->score->name.span, "score-range",
				     "ratings column 'score' allows %s..%s, beyond scale "
				     "'%s' (%s..%s)", fmt_num(c, k->score->lo),
				     fmt_num(c, k->score->hi), scale->name.s,
				     fmt_num(c, lo), fmt_num(c, hi));
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
	m_column *col = find_column(as->subjects, n.s);
	if (!col)
		unknown_column(c, as->subjects, n);
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
			if (once(c, &profiles, it) &&
			    (as->profile_column = subject_column(c, as, it->name)) &&
			    as->profile_column->ref != REF_PROFILE)
				diag_error(c->d, it->name.span, "bad-reference",
					   "column '%s' must name profiles: declare "
					   "it 'column %s -> profile'", it->name.s,
					   it->name.s);
			break;
		case ITEM_SUMMARISE:
			if (once(c, &summarise, it))
				as->group_column = subject_column(c, as, it->name);
			break;
		case ITEM_SUCCESSION: {
			m_succession *su = arena_alloc(c->a, sizeof *su);
			su->span = it->span;
			su->target = find_kind(c, it->name.s, DECL_PROFILE);
			su->from = find_kind(c, it->target.s, DECL_PROFILE);
			if (!su->target)
				unknown_global(c, it->name, DECL_PROFILE, "profile");
			if (!su->from)
				unknown_global(c, it->target, DECL_PROFILE, "profile");
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
				if (is_develop_name(col->name.s))
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
			m_type t = check_expr(c, it->value, &sc);
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

static void check_assessment(rctx *c, ast_decl *d, m_assessment *as)
{
	ast_item *ratings = NULL, *subjects = NULL, *missing = NULL,
		 *threshold = NULL, *scale = NULL;
	num total = num_int(0);
	bool total_ok = true;
	as->missing = MISSING_RENORMALIZE;
	as->span = d->name.span;
	as->framework = framework_of(c, d);
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (!allowed(c, d, it, false))
			continue;
		switch (it->kind) {
		case ITEM_RATINGS:
			if (once(c, &ratings, it))
				as->ratings = resolve_dataset(c, it->name);
			break;
		case ITEM_SUBJECTS:
			if (once(c, &subjects, it))
				as->subjects = resolve_dataset(c, it->name);
			break;
		case ITEM_SCALE:
			if (once(c, &scale, it))
				resolve_scale(c, it->name);
			break;
		case ITEM_MISSING:
			if (!once(c, &missing, it))
				break;
			if (strcmp(it->ref.s, "renormalize") == 0)
				as->missing = MISSING_RENORMALIZE;
			else if (strcmp(it->ref.s, "zero") == 0)
				as->missing = MISSING_ZERO;
			else if (strcmp(it->ref.s, "error") == 0)
				as->missing = MISSING_ERROR;
			else {
				diag *e = diag_error(c->d, it->ref.span, "bad-policy",
						     "unknown policy for missing relations "
						     "'%s'", it->ref.s);
				const char *cands[] = {"error", "renormalize", "zero"};
				suggest(c, e, it->ref.s, cands, 3);
				if (!e->hint)
					diag_hint(c->d, e, "write renormalize, zero or error");
			}
			break;
		case ITEM_THRESHOLD:
			if (!once(c, &threshold, it))
				break;
			num t;
			if (const_num(it->value, &t) && num_sign(t) > 0) {
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
				diag_error(c->d, it->value->span, "bad-weight",
					   "a weight is a percentage above 0%% and at "
					   "most 100%%");
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
	if (incomplete(c, d->span))
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
	check_assessment_outputs(c, d, as);
}

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

static m_type rule_type(rctx *c, m_rule *r, src_span use);

static m_type column_type(m_column *col)
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
		if (g->kind == DECL_DATA || g->kind == DECL_RULE)
			cands[k++] = g->name;
	}
	if (sc->rows)
		for (size_t i = 0; i < sc->rows->columns.len; i++)
			cands[k++] = ((m_column *)sc->rows->columns.items[i])->name.s;
	if (sc->each)
		cands[k++] = sc->each;
	cands[k++] = "as_of";
	suggest(c, d, n.s, cands, k);
}

static bool is_develop_name(const char *s)
{
	return !strcmp(s, "gap") || !strcmp(s, "score") || !strcmp(s, "required") ||
	       !strcmp(s, "competency");
}

static m_type check_name(rctx *c, ast_expr *e, scope *sc)
{
	const char *s = e->name.s;
	/* In a develop condition its own names come first (the subjects'
	 * columns of those names are hidden; see check_assessment_outputs). */
	if (sc->develop && is_develop_name(s))
		return strcmp(s, "competency") ? TYPE_NUMBER : TYPE_TEXT;
	if (sc->rows) {
		m_column *col = find_column(sc->rows, s);
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
			return column_type(col);
		}
	}
	if (sc->each && sc->each == s)
		return sc->each_type;
	if (strcmp(s, "as_of") == 0)
		return TYPE_DATE;
	global *g = find_global(c, s);
	if (g && g->kind == DECL_DATA)
		return TYPE_ROWS;
	if (g && g->kind == DECL_RULE)
		return rule_type(c, g->obj, e->span);
	if (g) {
		diag *d = diag_error(c->d, e->span, "wrong-kind",
				     "'%s' is a %s and has no value in an expression",
				     s, decl_kind_name(g->kind));
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
		m_dataset *s = find_kind(c, e->a->name.s, DECL_DATA);
		if (s) {
			m_column *col = find_column(s, e->name.s);
			if (!col) {
				unknown_column(c, s, e->name);
				return TYPE_ERROR;
			}
			if (ds)
				*ds = s;
			if (out)
				*out = col;
			return TYPE_COLUMN;
		}
		m_scale *scale = find_kind(c, e->a->name.s, DECL_SCALE);
		if (scale) {
			/* likert5.competent: the value of a named level */
			ast_expr probe = *e;
			probe.kind = EXPR_NAME;
			if (!scale_level(scale, &probe)) {
				unknown_level(c, scale, &probe);
				return TYPE_ERROR;
			}
			return TYPE_NUMBER;
		}
	}
	m_type t = check_expr(c, e->a, sc);
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
	else if (src->kind == EXPR_NAME && (ds = find_kind(c, src->name.s, DECL_DATA)))
		t = TYPE_ROWS;
	else
		t = check_expr(c, src, sc);
	if (t == TYPE_ERROR)
		return TYPE_ERROR;
	bool ok = true;
	if (b->kind == FN_AGG) {
		if (t != TYPE_COLUMN) {
			diag_error(c->d, src->span, "type-mismatch",
				   "%s() needs a column such as 'ratings.score', "
				   "not a %s", b->name, m_type_name(t));
			ok = false;
		} else if (column_type(col) != TYPE_NUMBER) {
			diag_error(c->d, src->span, "type-mismatch",
				   "%s() needs a numeric column, and '%s.%s' is %s",
				   b->name, ds->name.s, col->name.s,
				   column_types[col->type]);
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
		m_type ct = check_expr(c, arg->b, &inner);
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
	const builtin *b = NULL;
	for (size_t i = 0; i < N_BUILTINS; i++)
		if (strcmp(builtins[i].name, e->name.s) == 0)
			b = &builtins[i];
	if (!b) {
		diag *d = diag_error(c->d, e->name.span, "unknown-function",
				     "unknown function '%s'", e->name.s);
		const char *cands[N_BUILTINS];
		for (size_t i = 0; i < N_BUILTINS; i++)
			cands[i] = builtins[i].name;
		suggest(c, d, e->name.s, cands, N_BUILTINS);
		for (size_t i = 0; i < e->args.len; i++) {
			ast_expr *a = e->args.items[i];
			if (a->kind != EXPR_WHERE)
				check_expr(c, a, sc);
		}
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
		m_type t = check_expr(c, a, sc);
		char what[64];
		snprintf(what, sizeof what, "argument %zu of %s()", i + 1, b->name);
		ok = expect(c, a, t, b->args[i], what) && ok;
	}
	return ok ? b->result : TYPE_ERROR;
}

/* The column an operand of a comparison reads, if it is one. */
static m_column *operand_column(rctx *c, const ast_expr *e, const scope *sc)
{
	if (!sc->rows)
		return NULL;
	if (e->kind == EXPR_NAME)
		return find_column(sc->rows, e->name.s);
	if (e->kind == EXPR_FIELD && e->a->kind == EXPR_NAME &&
	    e->a->name.s == sc->rows->name.s)
		return find_column(sc->rows, e->name.s);
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
			     "comparison never holds", fmt_num(c, lit->number),
			     fmt_num(c, col->lo), fmt_num(c, col->hi), col->name.s);
		return;
	}
	if (lit->kind != EXPR_STRING || !names || names->len == 0)
		return;
	for (size_t i = 0; i < names->len; i++)
		if (strcmp(names->items[i], lit->text) == 0)
			return;
	diag *d = diag_error(c->d, lit->span, "unknown-value",
			     "\"%s\" is not %s", lit->text, what);
	const char **cands = arena_alloc(c->a, names->len * sizeof *cands);
	memcpy(cands, names->items, names->len * sizeof *cands);
	suggest(c, d, lit->text, cands, names->len);
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
	m_type a = check_expr(c, e->a, sc);
	m_type b = check_expr(c, e->b, sc);
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
	if ((e->op == OP_MUL && ((a == TYPE_NUMBER && b == TYPE_DURATION) ||
				 (a == TYPE_DURATION && b == TYPE_NUMBER))) ||
	    ((e->op == OP_ADD || e->op == OP_SUB) && a == TYPE_DURATION &&
	     b == TYPE_DURATION))
		return TYPE_DURATION;
	diag_error(c->d, e->span, "type-mismatch", "cannot apply '%s' to %s and %s",
		   op, m_type_name(a), m_type_name(b));
	return TYPE_ERROR;
}

static m_type check_expr(rctx *c, ast_expr *e, scope *sc)
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
		if (sc->rows == ds)
			return column_type(col);
		diag *d = diag_error(c->d, e->span, "bare-column",
				     "'%s.%s' is a whole column, not one value",
				     ds->name.s, col->name.s);
		diag_hint(c->d, d, "aggregate it, for example mean(%s.%s), or "
			  "use it inside 'where'", ds->name.s, col->name.s);
		return TYPE_ERROR;
	}
	case EXPR_CALL: return check_call(c, e, sc);
	case EXPR_UNARY: {
		m_type t = check_expr(c, e->a, sc);
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
		m_type cond = check_expr(c, e->a, sc);
		expect(c, e->a, cond, TYPE_BOOL, "the condition of 'if'");
		m_type a = check_expr(c, e->b, sc);
		m_type b = check_expr(c, e->c, sc);
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
		m_type a = check_expr(c, e->a, sc);
		bool ok = a != TYPE_ERROR;
		for (size_t i = 0; i < e->args.len; i++) {
			ast_expr *v = e->args.items[i];
			if (v->kind == EXPR_WHERE) {
				diag_error(c->d, v->span, "bad-call",
					   "'where' is not allowed in a list of values");
				ok = false;
				continue;
			}
			m_type t = check_expr(c, v, sc);
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

static m_type rule_type(rctx *c, m_rule *r, src_span use)
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
	if (d->each.s) {
		m_dataset *ds = NULL;
		m_column *col = NULL;
		if (d->group->kind == EXPR_FIELD &&
		    check_field(c, d->group, &sc, &ds, &col) == TYPE_COLUMN) {
			r->group_dataset = ds;
			r->group_column = col;
			sc.each = d->each.s;
			sc.each_type = column_type(col);
		} else {
			if (d->group->kind != EXPR_FIELD)
				diag_error(c->d, d->group->span, "type-mismatch",
					   "'for each' ranges over a column: "
					   "for each unit in people.unit");
			sc.each = d->each.s;
			sc.each_type = TYPE_ERROR;
		}
	}
	m_type t = check_expr(c, d->expr, &sc);
	if (r->state == 1) {
		r->type = t;
		r->state = 2;
	}
	return r->type;
}

/* ---- driver ---------------------------------------------------------------- */

model *resolve_program(program *p)
{
	rctx c = {0};
	c.p = p;
	c.a = p->arena;
	c.d = &p->diags;
	c.m = arena_alloc(p->arena, sizeof *c.m);
	c.m->round_places = 2;
	c.m->round_mode = NUM_HALF_EVEN;
	c.files = arena_alloc(c.a, (p->srcs.len + 1) * sizeof *c.files);
	for (size_t i = 0; i < p->files.len; i++) {
		ast_file *f = p->files.items[i];
		c.files[f->file] = f;
	}

	collect(&c);
	for (size_t i = 0; i < c.globals.len; i++) {
		global *g = c.globals.items[i];
		if (g->kind == DECL_SCALE)
			check_scale(&c, g->decl, g->obj);
	}
	for (size_t i = 0; i < c.globals.len; i++) {
		global *g = c.globals.items[i];
		if (g->kind == DECL_FRAMEWORK)
			check_framework(&c, g->decl, g->obj);
		else if (g->kind == DECL_DATA)
			check_dataset(&c, g->decl, g->obj);
		else if (g->kind == DECL_PERSPECTIVES)
			check_perspectives(&c, g->decl);
	}
	check_dataset_refs(&c);
	for (size_t i = 0; i < c.globals.len; i++) {
		global *g = c.globals.items[i];
		if (g->kind == DECL_PROFILE)
			check_profile(&c, g->decl, g->obj);
	}
	check_descriptors(&c);
	for (size_t i = 0; i < c.globals.len; i++) {
		global *g = c.globals.items[i];
		if (g->kind == DECL_ASSESSMENT)
			check_assessment(&c, g->decl, g->obj);
		else if (g->kind == DECL_RULE)
			rule_type(&c, g->obj, g->decl->name.span);
	}
	return c.m;
}
