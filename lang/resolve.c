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
#include "resolve_int.h"

#include <stdlib.h>
#include <string.h>

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

/* ---- helpers ------------------------------------------------------------ */

global *rs_find_global(rctx *c, const char *name)
{
	for (size_t i = 0; i < c->globals.len; i++) {
		global *g = c->globals.items[i];
		if (g->name == name)
			return g;
	}
	return NULL;
}

void *rs_find_kind(rctx *c, const char *name, decl_kind kind)
{
	global *g = rs_find_global(c, name);
	return g && g->kind == kind ? g->obj : NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Adds "did you mean" to d from candidate names (sorted for determinism). */
void rs_suggest(rctx *c, diag *d, const char *name, const char *const *cands,
		size_t n)
{
	/* Sorted, so that of two equally near names the same one always wins. */
	const char **sorted = arena_alloc(c->a, (n ? n : 1) * sizeof *sorted);
	memcpy(sorted, cands, n * sizeof *sorted);
	if (n > 1)
		qsort(sorted, n, sizeof *sorted, cmp_str);
	const char *near = diag_nearest(name, sorted, n);
	if (near)
		diag_hint(c->d, d, "did you mean '%s'?", near);
}

void rs_suggest_in(rctx *c, diag *d, const char *name, const ptr_vec *items,
		   size_t name_offset)
{
	const char **names = arena_alloc(c->a, (items->len ? items->len : 1) * sizeof *names);
	for (size_t i = 0; i < items->len; i++)
		names[i] = ((const ast_name *)((const char *)items->items[i] + name_offset))->s;
	rs_suggest(c, d, name, names, items->len);
}

/* Reports an unknown global of kind `kind` (or any kind when kind < 0). */
void rs_unknown_global(rctx *c, ast_name n, int kind, const char *what)
{
	global *g = rs_find_global(c, n.s);
	diag *d;
	if (g && kind >= 0) {
		d = diag_error(c->d, n.span, "wrong-kind", "'%s' is %s, not a %s",
			       n.s, decl_kind_phrase(g->kind), what);
		diag_note(c->d, d, g->decl->name.span, "'%s' is declared here",
			  n.s);
		return;
	}
	/* After a failed `use`, an unknown name most likely lives in the
	 * module that was meant: say nothing until the use is fixed. */
	if (c->p->failed_uses)
		return;
	d = diag_error(c->d, n.span, "unknown-name", "unknown %s '%s'", what, n.s);
	const char **cands = arena_alloc(c->a, (c->globals.len + 1) * sizeof *cands);
	size_t k = 0;
	for (size_t i = 0; i < c->globals.len; i++) {
		global *o = c->globals.items[i];
		if (kind < 0 || (int)o->kind == kind)
			cands[k++] = o->name;
	}
	rs_suggest(c, d, n.s, cands, k);
}

/* The value of a constant numeric expression (4/3, 1 + 1/2, -2), exactly;
 * false for anything else or on overflow. */
bool rs_const_num(const ast_expr *e, num *out)
{
	num a, b;
	switch (e->kind) {
	case EXPR_NUMBER:
		*out = e->number;
		return true;
	case EXPR_UNARY:
		return e->op == OP_NEG && rs_const_num(e->a, &a) &&
		       num_neg(a, out) == NUM_OK;
	case EXPR_BINARY:
		if (!rs_const_num(e->a, &a) || !rs_const_num(e->b, &b))
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

const char *rs_fmt_num(rctx *c, num v)
{
	char buf[NUM_FMT_MAX];
	if (num_format_exact(v, buf, sizeof buf) < 0)
		return "?";
	return arena_strdup(c->a, buf);
}

/* A declaration in a file with syntax errors may have lost items to error
 * recovery: checks of what is missing would only repeat the syntax error. */
bool rs_incomplete(rctx *c, src_span span)
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
		return dk == DECL_FRAMEWORK && !nested;
	case ITEM_INDICATOR: case ITEM_LEVELS: case ITEM_DESCRIPTOR:
		return dk == DECL_FRAMEWORK && nested;
	case ITEM_KEY: case ITEM_COLUMN: case ITEM_PATH:
		return dk == DECL_DATA;
	case ITEM_FRAMEWORK:
		return dk == DECL_PROFILE || dk == DECL_ASSESSMENT;
	case ITEM_REQUIRE:
		return dk == DECL_PROFILE;
	case ITEM_SUBJECTS:
		return dk == DECL_ASSESSMENT || dk == DECL_CERTIFICATION;
	case ITEM_THRESHOLD:
		return dk == DECL_ASSESSMENT || dk == DECL_MATCH;
	case ITEM_RATINGS: case ITEM_RELATION:
	case ITEM_MISSING: case ITEM_SUMMARISE:
	case ITEM_PROFILES: case ITEM_SUCCESSION: case ITEM_DEVELOP:
		return dk == DECL_ASSESSMENT;
	case ITEM_EXAM: case ITEM_CREDITS: case ITEM_COMPETENCE:
	case ITEM_PREREQUISITE: case ITEM_CONDITION: case ITEM_VALID:
	case ITEM_GRACE: case ITEM_WARN: case ITEM_RENEWAL:
		return dk == DECL_CERTIFICATION && !nested;
	case ITEM_SCORE: case ITEM_PASS: case ITEM_ATTEMPTS: case ITEM_DATED:
	case ITEM_AMOUNT: case ITEM_CATEGORY: case ITEM_TOTAL: case ITEM_CAP:
	case ITEM_WINDOW: case ITEM_ANCHOR:
		return false; /* only nested: resolve_cert.c */
	case ITEM_CANDIDATES: case ITEM_POSTS: case ITEM_POINTS:
		return dk == DECL_MATCH;
	case ITEM_AT: case ITEM_GIVEN: case ITEM_EXPECT: case ITEM_GOLDEN:
		return dk == DECL_TEST && !nested;
	case ITEM_ROW:
		return false; /* only in a test's given: resolve_test.c */
	case ITEM_PERSPECTIVE:
		return dk == DECL_PERSPECTIVES || dk == DECL_SCORECARD;
	case ITEM_PERSPECTIVES: case ITEM_MEASURES: case ITEM_THEME:
	case ITEM_INTENDED: case ITEM_OBJECTIVE: case ITEM_WEIGHT:
	case ITEM_INITIATIVE: case ITEM_CONTRIBUTES: case ITEM_LINK:
	case ITEM_MEASURE: case ITEM_UNIT: case ITEM_BETTER: case ITEM_BASELINE:
	case ITEM_TARGET: case ITEM_PARTS: case ITEM_AGGREGATE: case ITEM_BAND:
		/* where in a scorecard: resolve_scorecard.c */
		return dk == DECL_SCORECARD;
	case ITEM_KIND_COUNT:
		break;
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
	case ITEM_SUBJECTS: return "an assessment or a certification";
	case ITEM_THRESHOLD: return "an assessment or a match";
	case ITEM_RATINGS: case ITEM_RELATION:
	case ITEM_MISSING: case ITEM_SUMMARISE:
	case ITEM_PROFILES: case ITEM_SUCCESSION: case ITEM_DEVELOP:
		return "an assessment";
	case ITEM_EXAM: case ITEM_CREDITS: case ITEM_COMPETENCE:
	case ITEM_PREREQUISITE: case ITEM_CONDITION: case ITEM_VALID:
	case ITEM_GRACE: case ITEM_WARN: case ITEM_RENEWAL:
		return "a certification";
	case ITEM_SCORE: case ITEM_PASS: case ITEM_ATTEMPTS: case ITEM_DATED:
		return "an exam of a certification";
	case ITEM_AMOUNT: case ITEM_CATEGORY: case ITEM_TOTAL: case ITEM_CAP:
		return "a 'credits' requirement of a certification";
	case ITEM_WINDOW: case ITEM_ANCHOR:
		return "the renewal of a certification";
	case ITEM_CANDIDATES: case ITEM_POSTS: case ITEM_POINTS:
		return "a match";
	case ITEM_AT: case ITEM_GIVEN: case ITEM_EXPECT: case ITEM_GOLDEN:
		return "a test";
	case ITEM_ROW: return "a test's 'given' block";
	case ITEM_PERSPECTIVE: return "a perspectives declaration or a scorecard";
	case ITEM_PERSPECTIVES: case ITEM_MEASURES: case ITEM_LINK:
		return "a scorecard";
	case ITEM_THEME: return "a scorecard";
	case ITEM_INTENDED: return "a theme of a scorecard";
	case ITEM_OBJECTIVE: return "a scorecard or one of its themes";
	case ITEM_WEIGHT: case ITEM_INITIATIVE: case ITEM_CONTRIBUTES:
		return "an objective of a scorecard";
	case ITEM_MEASURE: return "an objective of a scorecard";
	case ITEM_UNIT: case ITEM_BETTER: case ITEM_BASELINE: case ITEM_TARGET:
	case ITEM_PARTS: case ITEM_AGGREGATE: case ITEM_BAND:
		return "a measure of a scorecard";
	default: return "a declaration";
	}
}

/* Reports items not allowed in this declaration; true when `it` is fine. */
bool rs_allowed(rctx *c, ast_decl *d, ast_item *it, bool nested)
{
	if (item_allowed(d->kind, it->kind, nested))
		return true;
	diag *e = diag_error(c->d, it->span, "misplaced-item",
			     "'%s' is not allowed in %s%s",
			     item_kind_name(it->kind),
			     nested ? "a competency of " : "",
			     decl_kind_phrase(d->kind));
	diag_hint(c->d, e, "'%s' belongs in %s", item_kind_name(it->kind),
		  item_home(it->kind));
	return false;
}

/* A metadata item given twice in one block. */
bool rs_once(rctx *c, ast_item **seen, ast_item *it)
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

bool m_governance_any(const m_governance *g)
{
	return g->owner || g->approver || g->source;
}

void rs_governance(rctx *c, const ptr_vec *items, src_span name, src_span block,
		   m_governance *g)
{
	ast_item *owner = NULL, *approver = NULL, *source = NULL;
	g->span = name;
	g->incomplete = rs_incomplete(c, block);
	for (size_t i = 0; i < items->len; i++) {
		ast_item *it = items->items[i];
		if (it->kind == ITEM_OWNER && rs_once(c, &owner, it))
			g->owner = it->text;
		else if (it->kind == ITEM_APPROVER && rs_once(c, &approver, it))
			g->approver = it->text;
		else if (it->kind == ITEM_SOURCE && rs_once(c, &source, it))
			g->source = it->text;
	}
}

/* The governance of a declaration, or NULL for a kind that has no block
 * (use, include, rule).  A new declaration kind with a block adds its case
 * here, and its items' owner, approver and source are then captured. */
static m_governance *governance_of(decl_kind k, void *obj)
{
	switch (k) {
	case DECL_SCALE: return &((m_scale *)obj)->governance;
	case DECL_FRAMEWORK: return &((m_framework *)obj)->governance;
	case DECL_DATA: return &((m_dataset *)obj)->governance;
	case DECL_PROFILE: return &((m_profile *)obj)->governance;
	case DECL_ASSESSMENT: return &((m_assessment *)obj)->governance;
	case DECL_PERSPECTIVES: return &((m_perspectives *)obj)->governance;
	case DECL_SCORECARD: return &((m_scorecard *)obj)->governance;
	case DECL_CERTIFICATION: return &((m_certification *)obj)->governance;
	case DECL_MATCH: return &((m_match *)obj)->governance;
	case DECL_HEADER: case DECL_USE: case DECL_INCLUDE: case DECL_RULE:
	case DECL_TEST:
		break;
	}
	return NULL;
}

int rs_choose(rctx *c, ast_name word, const char *const *choices, size_t n,
	      const char *id, const char *what)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(choices[i], word.s) == 0)
			return (int)i;
	diag *e = diag_error(c->d, word.span, id, "unknown %s '%s'", what, word.s);
	rs_suggest(c, e, word.s, choices, n);
	if (!e->hint) {
		const char *list = "";
		for (size_t i = 0; i < n; i++)
			list = arena_printf(c->a, "%s%s%s", list,
					    i == 0 ? "" : i + 1 == n ? " or " : ", ", choices[i]);
		diag_hint(c->d, e, "write %s", list);
	}
	return -1;
}

/* ---- pass 1: collect ----------------------------------------------------- */

static void *new_obj(rctx *c, ast_decl *d)
{
	switch (d->kind) {
	case DECL_SCALE: {
		m_scale *s = arena_alloc(c->a, sizeof *s);
		s->name = d->name; s->title = d->title;
		s->incomplete = rs_incomplete(c, d->span);
		ptr_vec_push(c->a, &c->m->scales, s);
		return s;
	}
	case DECL_FRAMEWORK: {
		m_framework *f = arena_alloc(c->a, sizeof *f);
		f->name = d->name; f->title = d->title;
		f->incomplete = rs_incomplete(c, d->span);
		ptr_vec_push(c->a, &c->m->frameworks, f);
		return f;
	}
	case DECL_DATA: {
		m_dataset *s = arena_alloc(c->a, sizeof *s);
		s->name = d->name; s->title = d->title;
		s->incomplete = rs_incomplete(c, d->span);
		ptr_vec_push(c->a, &c->m->datasets, s);
		return s;
	}
	case DECL_PROFILE: {
		m_profile *s = arena_alloc(c->a, sizeof *s);
		s->name = d->name; s->title = d->title;
		s->incomplete = rs_incomplete(c, d->span);
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
	case DECL_SCORECARD: {
		m_scorecard *s = arena_alloc(c->a, sizeof *s);
		s->name = d->name; s->title = d->title;
		ptr_vec_push(c->a, &c->m->scorecards, s);
		return s;
	}
	case DECL_CERTIFICATION: {
		m_certification *s = arena_alloc(c->a, sizeof *s);
		s->name = d->name; s->title = d->title; s->decl = d;
		s->incomplete = rs_incomplete(c, d->span);
		s->index = c->m->certifications.len;
		ptr_vec_push(c->a, &c->m->certifications, s);
		return s;
	}
	case DECL_TEST: {
		m_test *s = arena_alloc(c->a, sizeof *s);
		s->name = d->name; s->title = d->title;
		ptr_vec_push(c->a, &c->m->tests, s);
		return s;
	}
	case DECL_MATCH: {
		m_match *s = arena_alloc(c->a, sizeof *s);
		s->name = d->name; s->title = d->title;
		ptr_vec_push(c->a, &c->m->matches, s);
		return s;
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

/* Checks a header; the first one met gives the program's metadata, any
 * other (an included file's) is checked into a scratch model and dropped. */
static void check_header(rctx *c, ast_decl *d, bool first)
{
	model scratch = {0};
	model *m = first ? c->m : &scratch;
	ast_item *seen[ITEM_KIND_COUNT] = {0};
	m->governance.span = d->keyword_span;
	m->governance.incomplete = rs_incomplete(c, d->span);
	for (size_t i = 0; i < d->items.len; i++) {
		ast_item *it = d->items.items[i];
		if (!rs_allowed(c, d, it, false) || !rs_once(c, &seen[it->kind], it))
			continue;
		switch (it->kind) {
		case ITEM_VERSION: m->version = it->text; break;
		case ITEM_OWNER: m->governance.owner = it->text; break;
		case ITEM_APPROVER: m->governance.approver = it->text; break;
		case ITEM_SOURCE: m->governance.source = it->text; break;
		case ITEM_EFFECTIVE:
			m->has_effective = true;
			m->effective = it->date;
			break;
		case ITEM_ROUNDING: {
			num places = it->value->number;
			if (!num_is_int(places) || places.n < 0 ||
			    places.n > NUM_MAX_PLACES)
				diag_error(c->d, it->value->span, "bad-rounding",
					   "rounding places must be a whole number "
					   "from 0 to %d", NUM_MAX_PLACES);
			else
				m->round_places = (int)places.n;
			if (!num_round_mode_parse(it->ref.s, strlen(it->ref.s),
						  &m->round_mode)) {
				diag *e = diag_error(c->d, it->ref.span, "bad-rounding",
						     "unknown rounding mode '%s'",
						     it->ref.s);
				const char *modes[] = {"ceiling", "down", "floor",
						       "half_down", "half_even",
						       "half_up", "up"};
				rs_suggest(c, e, it->ref.s, modes, 7);
			}
			break;
		}
		default:
			break;
		}
	}
}

/* Collects the declarations of one file, visiting an included file (or a
 * module) where the include stands, so that names are met in the order a
 * reader meets them: a duplicate is reported at the later declaration,
 * never inside the stdlib. */
static void collect_file(rctx *c, ast_file *file, bool *visited, bool *have_header)
{
	visited[file->file] = true;
	ast_decl *header = NULL;
	for (size_t i = 0; i < file->decls.len; i++) {
		ast_decl *d = file->decls.items[i];
		if (d->kind == DECL_HEADER) {
			if (header) {
				diag *e = diag_error(c->d, d->keyword_span, "duplicate-header",
						     "a file has one 'rubric' header");
				diag_note(c->d, e, header->keyword_span,
					  "the first one is here");
				continue;
			}
			header = d;
			if (!*have_header)
				c->m->title = d->title;
			check_header(c, d, !*have_header);
			*have_header = true;
			continue;
		}
		if (d->kind == DECL_USE || d->kind == DECL_INCLUDE) {
			if (d->target && !visited[d->target] && c->files[d->target])
				collect_file(c, c->files[d->target], visited, have_header);
			continue;
		}
		global *prev = rs_find_global(c, d->name.s);
		if (prev) {
			/* Never report inside a stdlib module: if this declaration
			 * is the module's, the user's earlier one is at fault. */
			const src_file *here = src_get(&c->p->srcs, d->name.span.file);
			const src_file *there = src_get(&c->p->srcs, prev->decl->name.span.file);
			bool module = here && here->module && there && !there->module;
			ast_decl *at = module ? prev->decl : d, *other = module ? d : prev->decl;
			diag *e = diag_error(c->d, at->name.span, "duplicate-name",
					     "'%s' is already declared", d->name.s);
			diag_note(c->d, e, other->name.span,
				  module ? "'%s' is also declared here (%s '%s'), in the module"
					 : "'%s' is first declared here (%s '%s')",
				  d->name.s, decl_kind_name(other->kind), d->name.s);
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

static void collect(rctx *c)
{
	bool have_header = false;
	bool *visited = arena_alloc(c->a, (c->p->srcs.len + 1) * sizeof *visited);
	for (size_t f = 0; f < c->p->files.len; f++) {
		ast_file *file = c->p->files.items[f];
		if (!visited[file->file])
			collect_file(c, file, visited, &have_header);
	}
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
		m_governance *gov = g->obj ? governance_of(g->kind, g->obj) : NULL;
		if (gov)
			rs_governance(&c, &g->decl->items, g->decl->name.span,
				      g->decl->span, gov);
	}
	for (size_t i = 0; i < c.globals.len; i++) {
		global *g = c.globals.items[i];
		if (g->kind == DECL_SCALE)
			rs_check_scale(&c, g->decl, g->obj);
	}
	for (size_t i = 0; i < c.globals.len; i++) {
		global *g = c.globals.items[i];
		if (g->kind == DECL_FRAMEWORK)
			rs_check_framework(&c, g->decl, g->obj);
		else if (g->kind == DECL_DATA)
			rs_check_dataset(&c, g->decl, g->obj);
		else if (g->kind == DECL_PERSPECTIVES)
			rs_check_perspectives(&c, g->decl);
	}
	rs_check_dataset_refs(&c);
	for (size_t i = 0; i < c.globals.len; i++) {
		global *g = c.globals.items[i];
		if (g->kind == DECL_PROFILE)
			rs_check_profile(&c, g->decl, g->obj);
	}
	rs_check_descriptors(&c);
	for (size_t i = 0; i < c.globals.len; i++) {
		global *g = c.globals.items[i];
		if (g->kind == DECL_SCORECARD)
			rs_check_scorecard(&c, g->decl, g->obj);
	}
	rs_check_scorecard_links(&c);
	for (size_t i = 0; i < c.globals.len; i++) {
		global *g = c.globals.items[i];
		if (g->kind == DECL_ASSESSMENT)
			rs_check_assessment(&c, g->decl, g->obj);
	}
	/* Certifications, rules and matches may use one another, in any
	 * order: each is checked on first use (cycles are errors). */
	for (size_t i = 0; i < c.globals.len; i++) {
		global *g = c.globals.items[i];
		if (g->kind == DECL_CERTIFICATION)
			rs_check_certification(&c, g->obj);
		else if (g->kind == DECL_RULE)
			rs_rule_type(&c, g->obj, g->decl->name.span);
		else if (g->kind == DECL_MATCH)
			rs_check_match(&c, g->decl, g->obj);
	}
	for (size_t i = 0; i < c.globals.len; i++) {
		global *g = c.globals.items[i];
		if (g->kind == DECL_TEST)
			rs_check_test(&c, g->decl, g->obj);
	}
	return c.m;
}

size_t dataset_index(const model *m, const m_dataset *ds)
{
	for (size_t i = 0; i < m->datasets.len; i++)
		if (m->datasets.items[i] == ds)
			return i;
	return (size_t)-1;
}

size_t column_index(const m_dataset *ds, const m_column *col)
{
	for (size_t i = 0; i < ds->columns.len; i++)
		if (ds->columns.items[i] == col)
			return i;
	return (size_t)-1;
}
