/*
 * diff.c - comparing the checked models of two versions of a rule set; see
 * diff.h.
 *
 * One function per kind of declaration.  Each pairs the objects of the two
 * versions by name (pair_up), reports those on one side only as added or
 * removed (their contents are not listed again), and compares the
 * properties of those on both sides, semantically: numbers by value,
 * expressions as trees, lists as sets where their order means nothing.
 * Where a property is shown it is shown as written (a percentage as a
 * percentage), and located at the item that states it when there is one.
 *
 * Names from the two programs are interned in two tables, so they are
 * compared with strcmp, never by pointer.
 */
#include "diff.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "resolve.h"

typedef struct entry {
	diff_change ch;       /* first: an entry* is a diff_change* */
	const char *top;      /* the top-level name, for sorting */
	size_t seq;
} entry;

typedef struct dctx {
	arena *a;
	const program *op, *np;
	diff_result *out;
	diff_section section;
	const char *top;
	size_t seq;
} dctx;

static const src_span NOWHERE = {0, 0, 0};

const char *diff_section_name(diff_section s)
{
	static const char *const names[DS_COUNT] = {
		"header", "scales", "frameworks", "data", "profiles", "assessments",
		"rules", "perspectives", "scorecards", "certifications", "matches",
	};
	return s < DS_COUNT ? names[s] : "?";
}

const char *diff_op_name(diff_op op)
{
	switch (op) {
	case DIFF_ADDED: return "added";
	case DIFF_REMOVED: return "removed";
	case DIFF_CHANGED: return "changed";
	}
	return "?";
}

/* ---- recording ------------------------------------------------------------- */

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static void emit(dctx *c, diff_op op, const char *kind, const char *path,
		 const char *field, const char *ov, const char *nv, src_span oa,
		 src_span na)
{
	entry *e = arena_alloc(c->a, sizeof *e);
	e->ch.op = op;
	e->ch.section = c->section;
	e->ch.kind = kind;
	e->ch.path = path ? path : "";
	e->ch.field = field;
	e->ch.old_value = ov;
	e->ch.new_value = nv;
	e->ch.old_at = op == DIFF_ADDED ? NOWHERE : oa;
	e->ch.new_at = op == DIFF_REMOVED ? NOWHERE : na;
	e->top = c->top ? c->top : "";
	e->seq = c->seq++;
	ptr_vec_push(c->a, &c->out->changes, e);
	if (op == DIFF_ADDED)
		c->out->added++;
	else if (op == DIFF_REMOVED)
		c->out->removed++;
	else
		c->out->changed++;
}

static void added(dctx *c, const char *kind, const char *path, const char *desc,
		  src_span at)
{
	emit(c, DIFF_ADDED, kind, path, NULL, NULL, desc, NOWHERE, at);
}

static void removed(dctx *c, const char *kind, const char *path,
		    const char *desc, src_span at)
{
	emit(c, DIFF_REMOVED, kind, path, NULL, desc, NULL, at, NOWHERE);
}

/* A property that differs unless `same`. */
static void field(dctx *c, const char *kind, const char *path, const char *name,
		  bool same, const char *ov, const char *nv, src_span oa,
		  src_span na)
{
	if (!same)
		emit(c, DIFF_CHANGED, kind, path, name, ov, nv, oa, na);
}

/* A property whose text is its value. */
static void text_field(dctx *c, const char *kind, const char *path,
		       const char *name, const char *ov, const char *nv,
		       src_span oa, src_span na)
{
	field(c, kind, path, name, same_str(ov, nv), ov, nv, oa, na);
}

/* A property that is a string: shown quoted. */
static void string_field(dctx *c, const char *kind, const char *path,
			 const char *name, const char *ov, const char *nv,
			 src_span oa, src_span na)
{
	if (!same_str(ov, nv))
		emit(c, DIFF_CHANGED, kind, path, name, ov ? diff_quote(c->a, ov) : NULL,
		     nv ? diff_quote(c->a, nv) : NULL, oa, na);
}

static const char *join_path(dctx *c, const char *a, const char *b)
{
	return arena_printf(c->a, "%s.%s", a, b);
}

/* ---- values as text ------------------------------------------------------- */

static const char *num_text(dctx *c, num n)
{
	char buf[NUM_FMT_MAX];
	if (num_format_exact(n, buf, sizeof buf) < 0)
		return "?";
	return arena_strdup(c->a, buf);
}

static const char *pct_text(dctx *c, num n)
{
	num p;
	if (num_mul(n, num_int(100), &p) != NUM_OK)
		return num_text(c, n);
	return arena_printf(c->a, "%s%%", num_text(c, p));
}

static const char *num_as(dctx *c, num n, bool percent)
{
	return percent ? pct_text(c, n) : num_text(c, n);
}

static const char *dur_text(dctx *c, cal_duration d)
{
	return arena_printf(c->a, "%s %s", num_text(c, d.amount),
			    cal_unit_name(d.unit, !num_eq(d.amount, num_int(1))));
}

static const char *period_text(dctx *c, cal_period p)
{
	char buf[16];
	cal_period_format(p, buf);
	return arena_strdup(c->a, buf);
}

static const char *date_text(dctx *c, cal_date d)
{
	char buf[16];
	cal_format(d, buf);
	return arena_strdup(c->a, buf);
}

static const char *quoted(dctx *c, const char *s)
{
	return s ? diff_quote(c->a, s) : NULL;
}

static bool same_duration(cal_duration a, cal_duration b)
{
	return a.unit == b.unit && num_eq(a.amount, b.amount);
}

static bool same_period(cal_period a, cal_period b)
{
	return a.kind == b.kind && cal_period_cmp(a, b) == 0;
}

/* ---- the syntax trees: locations and items the model does not keep -------- */

static const ast_file *file_by_id(const program *p, uint16_t id)
{
	for (size_t i = 0; i < p->files.len; i++) {
		const ast_file *f = p->files.items[i];
		if (f->file == id)
			return f;
	}
	return NULL;
}

/* The first header met reading the files as the checker does (resolve.c):
 * in load order, an included file where its include stands. */
static const ast_decl *header_in(const program *p, const ast_file *f, bool *seen)
{
	if (!f || seen[f->file])
		return NULL;
	seen[f->file] = true;
	for (size_t i = 0; i < f->decls.len; i++) {
		const ast_decl *d = f->decls.items[i];
		if (d->kind == DECL_HEADER)
			return d;
		if ((d->kind == DECL_USE || d->kind == DECL_INCLUDE) && d->target) {
			const ast_decl *h = header_in(p, file_by_id(p, d->target), seen);
			if (h)
				return h;
		}
	}
	return NULL;
}

static const ast_decl *first_header(dctx *c, const program *p)
{
	bool *seen = arena_alloc(c->a, (p->srcs.len + 1) * sizeof *seen);
	for (size_t i = 0; i < p->files.len; i++) {
		const ast_decl *h = header_in(p, p->files.items[i], seen);
		if (h)
			return h;
	}
	return NULL;
}

static const ast_decl *find_decl(const program *p, decl_kind k, const char *name)
{
	for (size_t i = 0; i < p->files.len; i++) {
		const ast_file *f = p->files.items[i];
		for (size_t j = 0; j < f->decls.len; j++) {
			const ast_decl *d = f->decls.items[j];
			if (d->kind == k && same_str(d->name.s, name))
				return d;
		}
	}
	return NULL;
}

static const ptr_vec *decl_items(const ast_decl *d)
{
	return d ? &d->items : NULL;
}

/* The first item of kind k in a list (not nested), or NULL. */
static const ast_item *item_of(const ptr_vec *items, item_kind k)
{
	for (size_t i = 0; items && i < items->len; i++) {
		const ast_item *it = items->items[i];
		if (it->kind == k)
			return it;
	}
	return NULL;
}

/* An item of kind k named `name`, at any depth, or NULL. */
static const ast_item *find_named(const ptr_vec *items, item_kind k,
				  const char *name)
{
	for (size_t i = 0; items && i < items->len; i++) {
		const ast_item *it = items->items[i];
		if (it->kind == k && same_str(it->name.s, name))
			return it;
		const ast_item *in = find_named(&it->items, k, name);
		if (in)
			return in;
	}
	return NULL;
}

/* The item whose span starts where `span` does, at any depth, or NULL. */
static const ast_item *item_at(const ptr_vec *items, src_span span)
{
	for (size_t i = 0; items && i < items->len; i++) {
		const ast_item *it = items->items[i];
		if (it->span.file == span.file && it->span.start == span.start)
			return it;
		const ast_item *in = item_at(&it->items, span);
		if (in)
			return in;
	}
	return NULL;
}

/* Where property k of an object is stated: its item, else the object. */
static src_span at_item(const ast_item *obj, item_kind k, src_span fallback)
{
	const ast_item *it = obj ? item_of(&obj->items, k) : NULL;
	return it ? it->span : fallback;
}

static src_span at_decl(const ast_decl *d, item_kind k, src_span fallback)
{
	const ast_item *it = item_of(decl_items(d), k);
	return it ? it->span : fallback;
}

static const char *item_text(const ptr_vec *items, item_kind k)
{
	const ast_item *it = item_of(items, k);
	return it ? it->text : NULL;
}

/* description, owner, approver and source, wherever they are allowed. */
static void meta(dctx *c, const char *kind, const char *path,
		 const ptr_vec *oi, const ptr_vec *ni, src_span oa, src_span na)
{
	static const item_kind kinds[] = {ITEM_DESCRIPTION, ITEM_OWNER,
					  ITEM_APPROVER, ITEM_SOURCE};
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		const ast_item *o = item_of(oi, kinds[k]), *n = item_of(ni, kinds[k]);
		string_field(c, kind, path, item_kind_name(kinds[k]), o ? o->text : NULL,
			     n ? n->text : NULL, o ? o->span : oa, n ? n->span : na);
	}
}

/* ---- pairing objects by key -------------------------------------------------- */

typedef const char *(*key_fn)(dctx *c, const void *obj);

typedef struct pair {
	const void *o, *n;
	const char *key;
	size_t order;        /* for a stable sort */
} pair;

static int cmp_pair(const void *a, const void *b)
{
	const pair *x = a, *y = b;
	int r = strcmp(x->key, y->key);
	if (r)
		return r;
	return (x->order > y->order) - (x->order < y->order);
}

/* Pairs the objects of two lists with equal keys (the i-th of a key on one
 * side with the i-th on the other), sorted by key. */
static size_t pair_up(dctx *c, const ptr_vec *ov, const ptr_vec *nv, key_fn key,
		      pair **out)
{
	size_t on = ov ? ov->len : 0, nn = nv ? nv->len : 0;
	pair *ps = arena_alloc(c->a, (on + nn + 1) * sizeof *ps);
	bool *taken = arena_alloc(c->a, (nn + 1) * sizeof *taken);
	const char **nkeys = arena_alloc(c->a, (nn + 1) * sizeof *nkeys);
	size_t n = 0;
	for (size_t j = 0; j < nn; j++)
		nkeys[j] = key(c, nv->items[j]);
	for (size_t i = 0; i < on; i++) {
		const char *k = key(c, ov->items[i]);
		ps[n] = (pair){ov->items[i], NULL, k, n};
		for (size_t j = 0; j < nn; j++)
			if (!taken[j] && strcmp(nkeys[j], k) == 0) {
				taken[j] = true;
				ps[n].n = nv->items[j];
				break;
			}
		n++;
	}
	for (size_t j = 0; j < nn; j++)
		if (!taken[j]) {
			ps[n] = (pair){NULL, nv->items[j], nkeys[j], n};
			n++;
		}
	qsort(ps, n, sizeof *ps, cmp_pair);
	*out = ps;
	return n;
}

/* The same over two lists of strings, compared as sets: what is only in
 * the old list is removed, what is only in the new one added. */
static const char *key_string(dctx *c, const void *s)
{
	(void)c;
	return s;
}

static void string_set(dctx *c, const char *kind, const char *path,
		       const ptr_vec *ov, const ptr_vec *nv, bool quote,
		       src_span oa, src_span na)
{
	pair *ps;
	size_t n = pair_up(c, ov, nv, key_string, &ps);
	for (size_t i = 0; i < n; i++) {
		const char *o = ps[i].o, *v = ps[i].n;
		if (o && !v)
			removed(c, kind, path, quote ? quoted(c, o) : o, oa);
		else if (v && !o)
			added(c, kind, path, quote ? quoted(c, v) : v, na);
	}
}

/* ---- header ---------------------------------------------------------------- */

static void diff_header(dctx *c)
{
	c->section = DS_HEADER;
	c->top = "";
	const model *o = c->op->model, *n = c->np->model;
	const ast_decl *oh = first_header(c, c->op), *nh = first_header(c, c->np);
	src_span oa = oh ? oh->keyword_span : NOWHERE, na = nh ? nh->keyword_span : NOWHERE;
	const char *K = "header";
	string_field(c, K, "", "title", o->title, n->title,
		     oh && oh->title ? oh->title_span : oa,
		     nh && nh->title ? nh->title_span : na);
	string_field(c, K, "", "version", o->version, n->version,
		     at_decl(oh, ITEM_VERSION, oa), at_decl(nh, ITEM_VERSION, na));
	text_field(c, K, "", "effective",
		   o->has_effective ? date_text(c, o->effective) : NULL,
		   n->has_effective ? date_text(c, n->effective) : NULL,
		   at_decl(oh, ITEM_EFFECTIVE, oa), at_decl(nh, ITEM_EFFECTIVE, na));
	string_field(c, K, "", "owner", o->governance.owner, n->governance.owner,
		     at_decl(oh, ITEM_OWNER, oa), at_decl(nh, ITEM_OWNER, na));
	string_field(c, K, "", "approver", o->governance.approver, n->governance.approver,
		     at_decl(oh, ITEM_APPROVER, oa), at_decl(nh, ITEM_APPROVER, na));
	string_field(c, K, "", "source", o->governance.source, n->governance.source,
		     at_decl(oh, ITEM_SOURCE, oa), at_decl(nh, ITEM_SOURCE, na));
	string_field(c, K, "", "description", item_text(decl_items(oh), ITEM_DESCRIPTION),
		     item_text(decl_items(nh), ITEM_DESCRIPTION),
		     at_decl(oh, ITEM_DESCRIPTION, oa), at_decl(nh, ITEM_DESCRIPTION, na));
	field(c, K, "", "rounding",
	      o->round_places == n->round_places && o->round_mode == n->round_mode,
	      arena_printf(c->a, "%d %s", o->round_places, num_round_mode_name(o->round_mode)),
	      arena_printf(c->a, "%d %s", n->round_places, num_round_mode_name(n->round_mode)),
	      at_decl(oh, ITEM_ROUNDING, oa), at_decl(nh, ITEM_ROUNDING, na));
}

/* ---- scales ------------------------------------------------------------------ */

static const char *level_desc(dctx *c, const m_level *l)
{
	if (l->name && l->title)
		return arena_printf(c->a, "%s %s", l->name, diff_quote(c->a, l->title));
	if (l->name)
		return l->name;
	return l->title ? diff_quote(c->a, l->title) : NULL;
}

static void diff_scale(dctx *c, const m_scale *o, const m_scale *n)
{
	const char *path = o->name.s;
	const ast_decl *od = find_decl(c->op, DECL_SCALE, o->name.s);
	const ast_decl *nd = find_decl(c->np, DECL_SCALE, n->name.s);
	string_field(c, "scale", path, "title", o->title, n->title, o->name.span,
		     n->name.span);
	meta(c, "scale", path, decl_items(od), decl_items(nd), o->name.span, n->name.span);
	/* Levels are matched by value; both lists are sorted by value. */
	size_t i = 0, j = 0;
	while (i < o->levels.len || j < n->levels.len) {
		const m_level *ol = i < o->levels.len ? o->levels.items[i] : NULL;
		const m_level *nl = j < n->levels.len ? n->levels.items[j] : NULL;
		int cmp = !ol ? 1 : !nl ? -1 : num_cmp(ol->value, nl->value);
		if (cmp < 0) {
			removed(c, "level", arena_printf(c->a, "%s %s", path,
							 num_text(c, ol->value)),
				level_desc(c, ol), ol->span);
			i++;
		} else if (cmp > 0) {
			added(c, "level", arena_printf(c->a, "%s %s", path,
						       num_text(c, nl->value)),
			      level_desc(c, nl), nl->span);
			j++;
		} else {
			const char *lp = arena_printf(c->a, "%s %s", path,
						      num_text(c, ol->value));
			text_field(c, "level", lp, "name", ol->name, nl->name, ol->span,
				   nl->span);
			string_field(c, "level", lp, "title", ol->title, nl->title,
				     ol->span, nl->span);
			i++;
			j++;
		}
	}
}

/* ---- frameworks ------------------------------------------------------------ */

static const char *key_area(dctx *c, const void *x)
{
	(void)c;
	return ((const m_area *)x)->name.s;
}

static const char *key_competency(dctx *c, const void *x)
{
	(void)c;
	return ((const m_competency *)x)->name.s;
}

static const char *levels_text(dctx *c, const ptr_vec *levels)
{
	const char *s = "";
	for (size_t i = 0; i < levels->len; i++)
		s = arena_printf(c->a, "%s%s%s", s, i ? ", " : "",
				 num_text(c, ((const m_level *)levels->items[i])->value));
	return s;
}

/* The texts of the items of kind k, for comparing as a set. */
static ptr_vec texts_of(dctx *c, const ptr_vec *items, item_kind k)
{
	ptr_vec v = {0};
	for (size_t i = 0; items && i < items->len; i++) {
		const ast_item *it = items->items[i];
		if (it->kind == k && it->text)
			ptr_vec_push(c->a, &v, (void *)it->text);
	}
	return v;
}

static ptr_vec items_of(dctx *c, const ptr_vec *items, item_kind k)
{
	ptr_vec v = {0};
	for (size_t i = 0; items && i < items->len; i++) {
		const ast_item *it = items->items[i];
		if (it->kind == k)
			ptr_vec_push(c->a, &v, (void *)it);
	}
	return v;
}

static const char *key_item_name(dctx *c, const void *x)
{
	(void)c;
	const ast_item *it = x;
	return it->name.s ? it->name.s : "";
}

static const char *key_item_value(dctx *c, const void *x)
{
	const ast_item *it = x;
	return it->value ? num_text(c, it->value->number) : "";
}

/* Items with a name (or a value) and a text: descriptors, level texts. */
static void text_items(dctx *c, const char *kind, const char *path,
		       const ptr_vec *ov, const ptr_vec *nv, key_fn key)
{
	pair *ps;
	size_t n = pair_up(c, ov, nv, key, &ps);
	for (size_t i = 0; i < n; i++) {
		const ast_item *o = ps[i].o, *v = ps[i].n;
		const char *p = arena_printf(c->a, "%s %s", path, ps[i].key);
		if (!v)
			removed(c, kind, p, quoted(c, o->text), o->span);
		else if (!o)
			added(c, kind, p, quoted(c, v->text), v->span);
		else
			string_field(c, kind, p, "text", o->text, v->text, o->span, v->span);
	}
}

static void diff_competency(dctx *c, const char *fw, const m_competency *o,
			    const m_competency *n)
{
	const char *path = join_path(c, fw, o->name.s), *K = "competency";
	src_span oa = o->name.span, na = n->name.span;
	const ptr_vec *oi = &o->item->items, *ni = &n->item->items;
	string_field(c, K, path, "title", o->title, n->title, oa, na);
	text_field(c, K, path, "area", o->area ? o->area->name.s : NULL,
		   n->area ? n->area->name.s : NULL, oa, na);
	text_field(c, K, path, "scale", o->scale ? o->scale->name.s : NULL,
		   n->scale ? n->scale->name.s : NULL, at_item(o->item, ITEM_SCALE, oa),
		   at_item(n->item, ITEM_SCALE, na));
	text_field(c, K, path, "levels", levels_text(c, &o->levels),
		   levels_text(c, &n->levels), at_item(o->item, ITEM_LEVELS, oa),
		   at_item(n->item, ITEM_LEVELS, na));
	meta(c, K, path, oi, ni, oa, na);
	ptr_vec ot = texts_of(c, oi, ITEM_INDICATOR), nt = texts_of(c, ni, ITEM_INDICATOR);
	string_set(c, "indicator", path, &ot, &nt, true, at_item(o->item, ITEM_INDICATOR, oa),
		   at_item(n->item, ITEM_INDICATOR, na));
	ptr_vec od = items_of(c, oi, ITEM_DESCRIPTOR), nd = items_of(c, ni, ITEM_DESCRIPTOR);
	text_items(c, "descriptor", path, &od, &nd, key_item_name);
	ptr_vec ol = items_of(c, oi, ITEM_LEVEL), nl = items_of(c, ni, ITEM_LEVEL);
	text_items(c, "level text", path, &ol, &nl, key_item_value);
}

static void diff_framework(dctx *c, const m_framework *o, const m_framework *n)
{
	const char *path = o->name.s, *K = "framework";
	const ast_decl *od = find_decl(c->op, DECL_FRAMEWORK, o->name.s);
	const ast_decl *nd = find_decl(c->np, DECL_FRAMEWORK, n->name.s);
	src_span oa = o->name.span, na = n->name.span;
	string_field(c, K, path, "title", o->title, n->title, oa, na);
	text_field(c, K, path, "scale", o->scale ? o->scale->name.s : NULL,
		   n->scale ? n->scale->name.s : NULL, at_decl(od, ITEM_SCALE, oa),
		   at_decl(nd, ITEM_SCALE, na));
	meta(c, K, path, decl_items(od), decl_items(nd), oa, na);
	pair *ps;
	size_t np = pair_up(c, &o->areas, &n->areas, key_area, &ps);
	for (size_t i = 0; i < np; i++) {
		const m_area *x = ps[i].o, *y = ps[i].n;
		const char *ap = join_path(c, path, ps[i].key);
		if (!y) {
			removed(c, "area", ap, quoted(c, x->title), x->name.span);
		} else if (!x) {
			added(c, "area", ap, quoted(c, y->title), y->name.span);
		} else {
			const ast_item *xi = find_named(decl_items(od), ITEM_AREA, x->name.s);
			const ast_item *yi = find_named(decl_items(nd), ITEM_AREA, y->name.s);
			string_field(c, "area", ap, "title", x->title, y->title,
				     x->name.span, y->name.span);
			meta(c, "area", ap, xi ? &xi->items : NULL, yi ? &yi->items : NULL,
			     x->name.span, y->name.span);
		}
	}
	np = pair_up(c, &o->competencies, &n->competencies, key_competency, &ps);
	for (size_t i = 0; i < np; i++) {
		const m_competency *x = ps[i].o, *y = ps[i].n;
		if (!y)
			removed(c, "competency", join_path(c, path, ps[i].key),
				quoted(c, x->title), x->name.span);
		else if (!x)
			added(c, "competency", join_path(c, path, ps[i].key),
			      quoted(c, y->title), y->name.span);
		else
			diff_competency(c, path, x, y);
	}
}

/* ---- datasets ------------------------------------------------------------------ */

static const char *const column_types[] = {
	[COL_TEXT] = "text", [COL_NUMBER] = "number", [COL_INTEGER] = "integer",
	[COL_PERCENT] = "percent", [COL_DATE] = "date", [COL_PERIOD] = "period",
	[COL_BOOL] = "bool",
};

static const char *key_column(dctx *c, const void *x)
{
	(void)c;
	return ((const m_column *)x)->name.s;
}

/* An allowed value as a key: names and strings are the same value. */
static const char *value_key(dctx *c, const ast_expr *e)
{
	if (e->kind == EXPR_NAME)
		return arena_printf(c->a, "t:%s", e->name.s);
	if (e->kind == EXPR_STRING)
		return arena_printf(c->a, "t:%.*s", (int)e->text_len, e->text);
	if (e->kind == EXPR_NUMBER)
		return arena_printf(c->a, "n:%s", num_text(c, e->number));
	return arena_printf(c->a, "e:%s", diff_expr_text(c->a, e));
}

static const char *key_value_expr(dctx *c, const void *x)
{
	return value_key(c, x);
}

static bool same_values(dctx *c, const ptr_vec *a, const ptr_vec *b)
{
	if (a->len != b->len)
		return false;
	pair *ps;
	size_t n = pair_up(c, a, b, key_value_expr, &ps);
	for (size_t i = 0; i < n; i++)
		if (!ps[i].o || !ps[i].n)
			return false;
	return true;
}

static const char *values_text(dctx *c, const ptr_vec *v)
{
	if (!v->len)
		return NULL;
	const char *s = "(";
	for (size_t i = 0; i < v->len; i++)
		s = arena_printf(c->a, "%s%s%s", s, i ? ", " : "",
				 diff_expr_text(c->a, v->items[i]));
	return arena_printf(c->a, "%s)", s);
}

static const char *ref_text(const m_column *col)
{
	switch (col->ref) {
	case REF_NONE: return NULL;
	case REF_DATASET: return col->ref_dataset->name.s;
	case REF_COMPETENCY: return col->ref_framework->name.s;
	case REF_PROFILE: return "profile";
	case REF_LEVEL: return col->ref_scale->name.s;
	case REF_MEASURE: return col->ref_scorecard->name.s;
	}
	return NULL;
}

static const char *range_text(dctx *c, const m_column *col, const ast_item *it)
{
	if (!col->has_range)
		return NULL;
	if (it && it->lo && it->hi)
		return arena_printf(c->a, "%s..%s", diff_expr_text(c->a, it->lo),
				    diff_expr_text(c->a, it->hi));
	return arena_printf(c->a, "%s..%s", num_text(c, col->lo), num_text(c, col->hi));
}

static const char *column_desc(dctx *c, const m_column *col, const ast_item *it)
{
	const char *s = column_types[col->type];
	if (col->allowed.len)
		s = arena_printf(c->a, "%s in %s", s, values_text(c, &col->allowed));
	if (col->has_range)
		s = arena_printf(c->a, "%s in %s", s, range_text(c, col, it));
	if (col->ref)
		s = arena_printf(c->a, "%s -> %s", s, ref_text(col));
	if (col->optional)
		s = arena_printf(c->a, "%s optional", s);
	if (col->na)
		s = arena_printf(c->a, "%s not applicable %s", s, diff_quote(c->a, col->na));
	return s;
}

static void diff_column(dctx *c, const char *ds, const m_column *o,
			const m_column *n, const ast_item *oi, const ast_item *ni)
{
	const char *path = join_path(c, ds, o->name.s), *K = "column";
	src_span oa = oi ? oi->span : o->name.span, na = ni ? ni->span : n->name.span;
	text_field(c, K, path, "type", column_types[o->type], column_types[n->type], oa, na);
	field(c, K, path, "optional", o->optional == n->optional,
	      o->optional ? "yes" : "no", n->optional ? "yes" : "no", oa, na);
	field(c, K, path, "allowed values", same_values(c, &o->allowed, &n->allowed),
	      values_text(c, &o->allowed), values_text(c, &n->allowed), oa, na);
	field(c, K, path, "range",
	      o->has_range == n->has_range &&
	      (!o->has_range || (num_eq(o->lo, n->lo) && num_eq(o->hi, n->hi))),
	      range_text(c, o, oi), range_text(c, n, ni), oa, na);
	string_field(c, K, path, "not applicable", o->na, n->na, oa, na);
	text_field(c, K, path, "refers to", ref_text(o), ref_text(n), oa, na);
}

static const char *names_text(dctx *c, const ptr_vec *cols)
{
	const char *s = NULL;
	for (size_t i = 0; i < cols->len; i++) {
		const char *name = ((const m_column *)cols->items[i])->name.s;
		s = s ? arena_printf(c->a, "%s, %s", s, name) : name;
	}
	return s;
}

static void diff_dataset(dctx *c, const m_dataset *o, const m_dataset *n)
{
	const char *path = o->name.s, *K = "data";
	const ast_decl *od = find_decl(c->op, DECL_DATA, o->name.s);
	const ast_decl *nd = find_decl(c->np, DECL_DATA, n->name.s);
	src_span oa = o->name.span, na = n->name.span;
	string_field(c, K, path, "title", o->title, n->title, oa, na);
	string_field(c, K, path, "path", o->path, n->path, at_decl(od, ITEM_PATH, oa),
		     at_decl(nd, ITEM_PATH, na));
	text_field(c, K, path, "key", names_text(c, &o->keys), names_text(c, &n->keys),
		   at_decl(od, ITEM_KEY, oa), at_decl(nd, ITEM_KEY, na));
	meta(c, K, path, decl_items(od), decl_items(nd), oa, na);
	pair *ps;
	size_t np = pair_up(c, &o->columns, &n->columns, key_column, &ps);
	for (size_t i = 0; i < np; i++) {
		const m_column *x = ps[i].o, *y = ps[i].n;
		const ast_item *xi = x ? find_named(decl_items(od), ITEM_COLUMN, x->name.s) : NULL;
		const ast_item *yi = y ? find_named(decl_items(nd), ITEM_COLUMN, y->name.s) : NULL;
		const char *cp = join_path(c, path, ps[i].key);
		if (!y)
			removed(c, "column", cp, column_desc(c, x, xi), xi ? xi->span : x->name.span);
		else if (!x)
			added(c, "column", cp, column_desc(c, y, yi), yi ? yi->span : y->name.span);
		else
			diff_column(c, path, x, y, xi, yi);
	}
}

/* ---- profiles -------------------------------------------------------------------- */

static const char *key_requirement(dctx *c, const void *x)
{
	(void)c;
	const m_requirement *r = x;
	return r->competency ? r->competency->name.s : "all";
}

static const char *requirement_text(dctx *c, const m_requirement *r)
{
	if (r->not_applicable)
		return "not applicable";
	const char *level = num_text(c, r->level);
	const m_scale *s = r->competency ? r->competency->scale : NULL;
	for (size_t i = 0; s && i < s->levels.len; i++) {
		const m_level *l = s->levels.items[i];
		if (num_eq(l->value, r->level) && l->name)
			level = arena_printf(c->a, "%s (%s)", l->name, level);
	}
	return arena_printf(c->a, "%s %s", expr_op_text(r->cmp), level);
}

static bool same_requirement(const m_requirement *a, const m_requirement *b)
{
	if (a->not_applicable || b->not_applicable)
		return a->not_applicable == b->not_applicable;
	return a->cmp == b->cmp && num_eq(a->level, b->level);
}

static void diff_profile(dctx *c, const m_profile *o, const m_profile *n)
{
	const char *path = o->name.s, *K = "profile";
	const ast_decl *od = find_decl(c->op, DECL_PROFILE, o->name.s);
	const ast_decl *nd = find_decl(c->np, DECL_PROFILE, n->name.s);
	src_span oa = o->name.span, na = n->name.span;
	string_field(c, K, path, "title", o->title, n->title, oa, na);
	text_field(c, K, path, "framework", o->framework ? o->framework->name.s : NULL,
		   n->framework ? n->framework->name.s : NULL,
		   at_decl(od, ITEM_FRAMEWORK, oa), at_decl(nd, ITEM_FRAMEWORK, na));
	meta(c, K, path, decl_items(od), decl_items(nd), oa, na);
	/* `require all` is expanded: one requirement per competency. */
	pair *ps;
	size_t np = pair_up(c, &o->requirements, &n->requirements, key_requirement, &ps);
	for (size_t i = 0; i < np; i++) {
		const m_requirement *x = ps[i].o, *y = ps[i].n;
		const char *rp = join_path(c, path, ps[i].key);
		if (!y)
			removed(c, "requirement", rp, requirement_text(c, x), x->span);
		else if (!x)
			added(c, "requirement", rp, requirement_text(c, y), y->span);
		else
			field(c, "requirement", rp, "required", same_requirement(x, y),
			      requirement_text(c, x), requirement_text(c, y), x->span, y->span);
	}
}

/* ---- assessments ------------------------------------------------------------ */

static const char *key_relation(dctx *c, const void *x)
{
	(void)c;
	return ((const m_relation *)x)->name.s;
}

static const char *relation_desc(dctx *c, const m_relation *r)
{
	return arena_printf(c->a, "weight %s minimum %d", pct_text(c, r->weight),
			    r->minimum);
}

static const char *key_succession(dctx *c, const void *x)
{
	const m_succession *s = x;
	return arena_printf(c->a, "%s from %s", s->target->name.s, s->from->name.s);
}

static const char *develop_desc(dctx *c, const m_develop *d)
{
	return arena_printf(c->a, "when %s then %s", diff_expr_text(c->a, d->when),
			    diff_quote(c->a, d->action));
}

static bool same_develop(const m_develop *a, const m_develop *b)
{
	return diff_expr_equal(a->when, b->when, NULL, NULL) && same_str(a->action, b->action);
}

static const char *missing_name(m_missing m)
{
	switch (m) {
	case MISSING_RENORMALIZE: return "renormalize";
	case MISSING_ZERO: return "zero";
	case MISSING_ERROR: return "error";
	}
	return "?";
}

/* The develop rules are an ordered list (the first that applies wins):
 * those in a longest common subsequence are unchanged; between two of
 * them, the old and the new rules are paired in order as changed, and the
 * rest are removed or added.  A rule is numbered by its place in the new
 * list (a removed one, in the old). */
static void develop_run(dctx *c, const char *as, const ptr_vec *ov,
			const ptr_vec *nv, const size_t *dels, size_t nd,
			const size_t *ins, size_t ni)
{
	for (size_t k = 0; k < nd || k < ni; k++) {
		const m_develop *x = k < nd ? ov->items[dels[k]] : NULL;
		const m_develop *y = k < ni ? nv->items[ins[k]] : NULL;
		const char *p = arena_printf(c->a, "%s #%zu", as,
					     (y ? ins[k] : dels[k]) + 1);
		if (!y) {
			removed(c, "develop", p, develop_desc(c, x), x->span);
		} else if (!x) {
			added(c, "develop", p, develop_desc(c, y), y->span);
		} else {
			field(c, "develop", p, "when",
			      diff_expr_equal(x->when, y->when, NULL, NULL),
			      diff_expr_text(c->a, x->when), diff_expr_text(c->a, y->when),
			      x->span, y->span);
			string_field(c, "develop", p, "then", x->action, y->action,
				     x->span, y->span);
		}
	}
}

static void diff_develops(dctx *c, const char *as, const ptr_vec *ov,
			  const ptr_vec *nv)
{
	size_t on = ov->len, nn = nv->len;
	size_t *t = arena_alloc(c->a, (on + 1) * (nn + 1) * sizeof *t);
	size_t *dels = arena_alloc(c->a, (on + 1) * sizeof *dels);
	size_t *ins = arena_alloc(c->a, (nn + 1) * sizeof *ins);
	size_t nd = 0, ni = 0;
#define T(i, j) t[(i) * (nn + 1) + (j)]
	for (size_t i = on + 1; i-- > 0;)
		for (size_t j = nn + 1; j-- > 0;)
			T(i, j) = i == on || j == nn ? 0
				: same_develop(ov->items[i], nv->items[j]) ? T(i + 1, j + 1) + 1
				: T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1);
	size_t i = 0, j = 0;
	while (i < on || j < nn) {
		if (i < on && j < nn && same_develop(ov->items[i], nv->items[j]) &&
		    T(i, j) == T(i + 1, j + 1) + 1) {
			develop_run(c, as, ov, nv, dels, nd, ins, ni);
			nd = ni = 0;
			i++;
			j++;
		} else if (j >= nn || (i < on && T(i + 1, j) >= T(i, j + 1))) {
			dels[nd++] = i++;
		} else {
			ins[ni++] = j++;
		}
	}
	develop_run(c, as, ov, nv, dels, nd, ins, ni);
#undef T
}

static void diff_assessment(dctx *c, const m_assessment *o, const m_assessment *n)
{
	const char *path = o->name.s, *K = "assessment";
	const ast_decl *od = find_decl(c->op, DECL_ASSESSMENT, o->name.s);
	const ast_decl *nd = find_decl(c->np, DECL_ASSESSMENT, n->name.s);
	src_span oa = o->name.span, na = n->name.span;
	string_field(c, K, path, "title", o->title, n->title, oa, na);
	text_field(c, K, path, "framework", o->framework ? o->framework->name.s : NULL,
		   n->framework ? n->framework->name.s : NULL,
		   at_decl(od, ITEM_FRAMEWORK, oa), at_decl(nd, ITEM_FRAMEWORK, na));
	text_field(c, K, path, "ratings", o->ratings ? o->ratings->name.s : NULL,
		   n->ratings ? n->ratings->name.s : NULL, at_decl(od, ITEM_RATINGS, oa),
		   at_decl(nd, ITEM_RATINGS, na));
	text_field(c, K, path, "subjects", o->subjects ? o->subjects->name.s : NULL,
		   n->subjects ? n->subjects->name.s : NULL,
		   at_decl(od, ITEM_SUBJECTS, oa), at_decl(nd, ITEM_SUBJECTS, na));
	text_field(c, K, path, "profiles by",
		   o->profile_column ? o->profile_column->name.s : NULL,
		   n->profile_column ? n->profile_column->name.s : NULL,
		   at_decl(od, ITEM_PROFILES, oa), at_decl(nd, ITEM_PROFILES, na));
	text_field(c, K, path, "summarise by",
		   o->group_column ? o->group_column->name.s : NULL,
		   n->group_column ? n->group_column->name.s : NULL,
		   at_decl(od, ITEM_SUMMARISE, oa), at_decl(nd, ITEM_SUMMARISE, na));
	text_field(c, K, path, "missing", missing_name(o->missing), missing_name(n->missing),
		   at_decl(od, ITEM_MISSING, oa), at_decl(nd, ITEM_MISSING, na));
	/* Without `threshold`, a third of the scale's span. */
	bool od_t = item_of(decl_items(od), ITEM_THRESHOLD) != NULL;
	bool nd_t = item_of(decl_items(nd), ITEM_THRESHOLD) != NULL;
	field(c, K, path, "threshold", num_eq(o->threshold, n->threshold),
	      arena_printf(c->a, "%s%s", num_text(c, o->threshold), od_t ? "" : " (default)"),
	      arena_printf(c->a, "%s%s", num_text(c, n->threshold), nd_t ? "" : " (default)"),
	      at_decl(od, ITEM_THRESHOLD, oa), at_decl(nd, ITEM_THRESHOLD, na));
	meta(c, K, path, decl_items(od), decl_items(nd), oa, na);
	pair *ps;
	size_t np = pair_up(c, &o->relations, &n->relations, key_relation, &ps);
	for (size_t i = 0; i < np; i++) {
		const m_relation *x = ps[i].o, *y = ps[i].n;
		const char *rp = join_path(c, path, ps[i].key);
		if (!y) {
			removed(c, "relation", rp, relation_desc(c, x), x->name.span);
		} else if (!x) {
			added(c, "relation", rp, relation_desc(c, y), y->name.span);
		} else {
			field(c, "relation", rp, "weight", num_eq(x->weight, y->weight),
			      pct_text(c, x->weight), pct_text(c, y->weight), x->name.span,
			      y->name.span);
			field(c, "relation", rp, "minimum", x->minimum == y->minimum,
			      arena_printf(c->a, "%d", x->minimum),
			      arena_printf(c->a, "%d", y->minimum), x->name.span, y->name.span);
		}
	}
	np = pair_up(c, &o->successions, &n->successions, key_succession, &ps);
	for (size_t i = 0; i < np; i++) {
		const m_succession *x = ps[i].o, *y = ps[i].n;
		if (!y)
			removed(c, "succession", path, ps[i].key, x->span);
		else if (!x)
			added(c, "succession", path, ps[i].key, y->span);
	}
	diff_develops(c, path, &o->develops, &n->develops);
}

/* ---- rules ------------------------------------------------------------------------ */

static const char *for_each_text(dctx *c, const ast_decl *d)
{
	if (!d->each.s)
		return NULL;
	return arena_printf(c->a, "%s in %s", d->each.s, diff_expr_text(c->a, d->group));
}

static void diff_rule(dctx *c, const m_rule *o, const m_rule *n)
{
	const ast_decl *od = o->decl, *nd = n->decl;
	const char *path = od->name.s, *K = "rule";
	src_span oa = od->name.span, na = nd->name.span;
	string_field(c, K, path, "title", od->title, nd->title, oa, na);
	bool same_group = (!od->each.s && !nd->each.s) ||
		(od->each.s && nd->each.s &&
		 diff_expr_equal(od->group, nd->group, NULL, NULL));
	/* A renamed variable is the same rule, if the body is the same. */
	field(c, K, path, "for each", same_group && (!od->each.s ||
						   same_str(od->each.s, nd->each.s) ||
						   diff_expr_equal(od->expr, nd->expr,
								   od->each.s, nd->each.s)),
	      for_each_text(c, od), for_each_text(c, nd), oa, na);
	bool vars = od->each.s && nd->each.s;
	field(c, K, path, "expression",
	      diff_expr_equal(od->expr, nd->expr, vars ? od->each.s : NULL,
			      vars ? nd->each.s : NULL),
	      diff_expr_text(c->a, od->expr), diff_expr_text(c->a, nd->expr),
	      od->expr->span, nd->expr->span);
}

/* ---- perspectives ---------------------------------------------------------------- */

static const char *item_names(dctx *c, const ptr_vec *items)
{
	const char *s = NULL;
	for (size_t i = 0; i < items->len; i++) {
		const char *name = ((const ast_item *)items->items[i])->name.s;
		s = s ? arena_printf(c->a, "%s, %s", s, name) : name;
	}
	return s;
}

/* Perspectives, bottom of the map first: each added, removed or retitled;
 * the order when the same ones are listed in another order. */
static void perspective_list(dctx *c, const char *kind, const char *path,
			     const ptr_vec *ov, const ptr_vec *nv, src_span oa,
			     src_span na)
{
	pair *ps;
	size_t n = pair_up(c, ov, nv, key_item_name, &ps);
	bool same_set = true;
	for (size_t i = 0; i < n; i++) {
		const ast_item *x = ps[i].o, *y = ps[i].n;
		const char *pp = join_path(c, path, ps[i].key);
		if (!y) {
			removed(c, "perspective", pp, quoted(c, x->text), x->span);
			same_set = false;
		} else if (!x) {
			added(c, "perspective", pp, quoted(c, y->text), y->span);
			same_set = false;
		} else {
			string_field(c, "perspective", pp, "title", x->text, y->text,
				     x->span, y->span);
		}
	}
	if (same_set)
		text_field(c, kind, path, "perspectives (bottom to top)",
			   item_names(c, ov), item_names(c, nv), oa, na);
}

static void diff_perspectives(dctx *c, const m_perspectives *o,
			      const m_perspectives *n)
{
	const char *path = o->name.s, *K = "perspectives";
	const ast_decl *od = find_decl(c->op, DECL_PERSPECTIVES, o->name.s);
	const ast_decl *nd = find_decl(c->np, DECL_PERSPECTIVES, n->name.s);
	src_span oa = o->name.span, na = n->name.span;
	string_field(c, K, path, "title", o->title, n->title, oa, na);
	meta(c, K, path, decl_items(od), decl_items(nd), oa, na);
	ptr_vec ol = items_of(c, &o->items, ITEM_PERSPECTIVE);
	ptr_vec nl = items_of(c, &n->items, ITEM_PERSPECTIVE);
	perspective_list(c, K, path, &ol, &nl, oa, na);
}

/* ---- scorecards ---------------------------------------------------------------- */

static const char *key_theme(dctx *c, const void *x)
{
	(void)c;
	return ((const m_theme *)x)->name.s;
}

static const char *key_objective(dctx *c, const void *x)
{
	(void)c;
	return ((const m_objective *)x)->name.s;
}

static const char *key_measure(dctx *c, const void *x)
{
	(void)c;
	return ((const m_measure *)x)->name.s;
}

static const char *key_target(dctx *c, const void *x)
{
	const m_target *t = x;
	return arena_printf(c->a, "%s%sby %s", t->part ? t->part : "", t->part ? " " : "",
			    period_text(c, t->by));
}

static const char *key_band(dctx *c, const void *x)
{
	(void)c;
	return ((const m_band *)x)->name;
}

static const char *key_link(dctx *c, const void *x)
{
	const m_link *l = x;
	return arena_printf(c->a, "%s -> %s", l->from->name.s, l->to->name.s);
}

static const char *target_text(dctx *c, const m_target *t)
{
	if (t->is_range)
		return arena_printf(c->a, "%s..%s", num_as(c, t->lo, t->percent),
				    num_as(c, t->hi, t->percent));
	return arena_printf(c->a, "%s %s", expr_op_text(t->cmp),
			    num_as(c, t->value, t->percent));
}

static bool same_target(const m_target *a, const m_target *b)
{
	if (a->is_range != b->is_range)
		return false;
	if (a->is_range)
		return num_eq(a->lo, b->lo) && num_eq(a->hi, b->hi);
	return a->cmp == b->cmp && num_eq(a->value, b->value);
}

static const char *band_text(dctx *c, const m_band *b)
{
	return arena_printf(c->a, "%s %s", b->strict ? ">" : ">=", pct_text(c, b->from));
}

static bool percent_measure(const m_measure *m)
{
	return m->targets.len && ((const m_target *)m->targets.items[0])->percent;
}

static const char *baseline_text(dctx *c, const m_measure *m)
{
	if (!m->has_baseline)
		return NULL;
	return arena_printf(c->a, "%s at %s", num_as(c, m->baseline, percent_measure(m)),
			    period_text(c, m->baseline_period));
}

static const char *better_name(m_better b)
{
	switch (b) {
	case BETTER_HIGHER: return "higher";
	case BETTER_LOWER: return "lower";
	case BETTER_WITHIN: return "within";
	}
	return "?";
}

static const char *aggregate_name(m_aggregate a)
{
	switch (a) {
	case AGG_LAST: return "last";
	case AGG_SUM: return "sum";
	case AGG_MEAN: return "mean";
	case AGG_RATIO: return "ratio";
	}
	return "?";
}

static const char *parts_text(dctx *c, const ptr_vec *parts)
{
	const char *s = NULL;
	for (size_t i = 0; i < parts->len; i++)
		s = s ? arena_printf(c->a, "%s, %s", s, (const char *)parts->items[i])
		      : (const char *)parts->items[i];
	return s;
}

static void diff_measure(dctx *c, const char *card, const m_measure *o,
			 const m_measure *n, const ast_item *oi, const ast_item *ni)
{
	const char *path = join_path(c, card, o->name.s), *K = "measure";
	src_span oa = o->span, na = n->span;
	string_field(c, K, path, "title", o->title, n->title, oa, na);
	text_field(c, K, path, "objective", o->objective->name.s, n->objective->name.s,
		   oa, na);
	string_field(c, K, path, "unit", o->unit, n->unit, at_item(oi, ITEM_UNIT, oa),
		     at_item(ni, ITEM_UNIT, na));
	text_field(c, K, path, "better", better_name(o->better), better_name(n->better),
		   at_item(oi, ITEM_BETTER, oa), at_item(ni, ITEM_BETTER, na));
	field(c, K, path, "baseline",
	      o->has_baseline == n->has_baseline &&
	      (!o->has_baseline || (num_eq(o->baseline, n->baseline) &&
				    same_period(o->baseline_period, n->baseline_period))),
	      baseline_text(c, o), baseline_text(c, n), at_item(oi, ITEM_BASELINE, oa),
	      at_item(ni, ITEM_BASELINE, na));
	text_field(c, K, path, "aggregate", aggregate_name(o->aggregate),
		   aggregate_name(n->aggregate), at_item(oi, ITEM_AGGREGATE, oa),
		   at_item(ni, ITEM_AGGREGATE, na));
	text_field(c, K, path, "parts", parts_text(c, &o->parts), parts_text(c, &n->parts),
		   at_item(oi, ITEM_PARTS, oa), at_item(ni, ITEM_PARTS, na));
	field(c, K, path, "weight",
	      o->has_weight == n->has_weight && (!o->has_weight || num_eq(o->weight, n->weight)),
	      o->has_weight ? pct_text(c, o->weight) : NULL,
	      n->has_weight ? pct_text(c, n->weight) : NULL, at_item(oi, ITEM_WEIGHT, oa),
	      at_item(ni, ITEM_WEIGHT, na));
	meta(c, K, path, oi ? &oi->items : NULL, ni ? &ni->items : NULL, oa, na);
	pair *ps;
	size_t np = pair_up(c, &o->targets, &n->targets, key_target, &ps);
	for (size_t i = 0; i < np; i++) {
		const m_target *x = ps[i].o, *y = ps[i].n;
		const char *tp = arena_printf(c->a, "%s %s", path, ps[i].key);
		if (!y)
			removed(c, "target", tp, target_text(c, x), x->span);
		else if (!x)
			added(c, "target", tp, target_text(c, y), y->span);
		else
			field(c, "target", tp, "target", same_target(x, y),
			      target_text(c, x), target_text(c, y), x->span, y->span);
	}
	np = pair_up(c, &o->bands, &n->bands, key_band, &ps);
	for (size_t i = 0; i < np; i++) {
		const m_band *x = ps[i].o, *y = ps[i].n;
		const char *bp = join_path(c, path, ps[i].key);
		if (!y)
			removed(c, "band", bp, band_text(c, x), x->span);
		else if (!x)
			added(c, "band", bp, band_text(c, y), y->span);
		else
			field(c, "band", bp, "from",
			      x->strict == y->strict && num_eq(x->from, y->from),
			      band_text(c, x), band_text(c, y), x->span, y->span);
	}
}

static void diff_objective(dctx *c, const char *card, const m_objective *o,
			   const m_objective *n, const ast_item *oi, const ast_item *ni)
{
	const char *path = join_path(c, card, o->name.s), *K = "objective";
	src_span oa = oi ? oi->span : o->name.span, na = ni ? ni->span : n->name.span;
	string_field(c, K, path, "title", o->title, n->title, oa, na);
	text_field(c, K, path, "theme", o->theme ? o->theme->name.s : NULL,
		   n->theme ? n->theme->name.s : NULL, oa, na);
	text_field(c, K, path, "perspective", o->perspective, n->perspective,
		   at_item(oi, ITEM_PERSPECTIVE, oa), at_item(ni, ITEM_PERSPECTIVE, na));
	field(c, K, path, "weight",
	      o->has_weight == n->has_weight && (!o->has_weight || num_eq(o->weight, n->weight)),
	      o->has_weight ? pct_text(c, o->weight) : NULL,
	      n->has_weight ? pct_text(c, n->weight) : NULL, at_item(oi, ITEM_WEIGHT, oa),
	      at_item(ni, ITEM_WEIGHT, na));
	text_field(c, K, path, "contributes", o->contributes_name.s, n->contributes_name.s,
		   at_item(oi, ITEM_CONTRIBUTES, oa), at_item(ni, ITEM_CONTRIBUTES, na));
	meta(c, K, path, oi ? &oi->items : NULL, ni ? &ni->items : NULL, oa, na);
	string_set(c, "initiative", path, &o->initiatives, &n->initiatives, true,
		   at_item(oi, ITEM_INITIATIVE, oa), at_item(ni, ITEM_INITIATIVE, na));
}

static void diff_scorecard(dctx *c, const m_scorecard *o, const m_scorecard *n)
{
	const char *path = o->name.s, *K = "scorecard";
	const ast_decl *od = find_decl(c->op, DECL_SCORECARD, o->name.s);
	const ast_decl *nd = find_decl(c->np, DECL_SCORECARD, n->name.s);
	src_span oa = o->name.span, na = n->name.span;
	string_field(c, K, path, "title", o->title, n->title, oa, na);
	text_field(c, K, path, "measures", o->data ? o->data->name.s : NULL,
		   n->data ? n->data->name.s : NULL, at_decl(od, ITEM_MEASURES, oa),
		   at_decl(nd, ITEM_MEASURES, na));
	meta(c, K, path, decl_items(od), decl_items(nd), oa, na);
	perspective_list(c, K, path, &o->perspectives, &n->perspectives, oa, na);
	pair *ps;
	size_t np = pair_up(c, &o->themes, &n->themes, key_theme, &ps);
	for (size_t i = 0; i < np; i++) {
		const m_theme *x = ps[i].o, *y = ps[i].n;
		const char *tp = join_path(c, path, ps[i].key);
		if (!y) {
			removed(c, "theme", tp, quoted(c, x->title), x->name.span);
		} else if (!x) {
			added(c, "theme", tp, quoted(c, y->title), y->name.span);
		} else {
			const ast_item *xi = find_named(decl_items(od), ITEM_THEME, x->name.s);
			const ast_item *yi = find_named(decl_items(nd), ITEM_THEME, y->name.s);
			string_field(c, "theme", tp, "title", x->title, y->title,
				     x->name.span, y->name.span);
			string_field(c, "theme", tp, "intended", x->intended, y->intended,
				     at_item(xi, ITEM_INTENDED, x->name.span),
				     at_item(yi, ITEM_INTENDED, y->name.span));
			meta(c, "theme", tp, xi ? &xi->items : NULL, yi ? &yi->items : NULL,
			     x->name.span, y->name.span);
		}
	}
	np = pair_up(c, &o->objectives, &n->objectives, key_objective, &ps);
	for (size_t i = 0; i < np; i++) {
		const m_objective *x = ps[i].o, *y = ps[i].n;
		const ast_item *xi = x ? find_named(decl_items(od), ITEM_OBJECTIVE, x->name.s) : NULL;
		const ast_item *yi = y ? find_named(decl_items(nd), ITEM_OBJECTIVE, y->name.s) : NULL;
		const char *op = join_path(c, path, ps[i].key);
		if (!y)
			removed(c, "objective", op, quoted(c, x->title),
				xi ? xi->span : x->name.span);
		else if (!x)
			added(c, "objective", op, quoted(c, y->title),
			      yi ? yi->span : y->name.span);
		else
			diff_objective(c, path, x, y, xi, yi);
	}
	np = pair_up(c, &o->measures, &n->measures, key_measure, &ps);
	for (size_t i = 0; i < np; i++) {
		const m_measure *x = ps[i].o, *y = ps[i].n;
		const char *mp = join_path(c, path, ps[i].key);
		if (!y) {
			removed(c, "measure", mp, quoted(c, x->title), x->span);
		} else if (!x) {
			added(c, "measure", mp, quoted(c, y->title), y->span);
		} else {
			const ast_item *xi = item_at(decl_items(od), x->span);
			const ast_item *yi = item_at(decl_items(nd), y->span);
			diff_measure(c, path, x, y, xi, yi);
		}
	}
	np = pair_up(c, &o->links, &n->links, key_link, &ps);
	for (size_t i = 0; i < np; i++) {
		const m_link *x = ps[i].o, *y = ps[i].n;
		if (!y)
			removed(c, "link", path, ps[i].key, x->span);
		else if (!x)
			added(c, "link", path, ps[i].key, y->span);
	}
}

/* ---- certifications ---------------------------------------------------------- */

static const char *clause_kind(m_clause_kind k)
{
	switch (k) {
	case CLAUSE_EXAM: return "exam";
	case CLAUSE_CREDITS: return "credits";
	case CLAUSE_COMPETENCE: return "competence";
	case CLAUSE_PREREQUISITE: return "prerequisite";
	case CLAUSE_CONDITION: return "condition";
	}
	return "?";
}

static const char *clause_name(dctx *c, const m_clause *cl)
{
	if (cl->kind == CLAUSE_COMPETENCE && cl->assessment && cl->competency)
		return arena_printf(c->a, "%s.%s", cl->assessment->name.s,
				    cl->competency->name.s);
	return cl->name.s ? cl->name.s : "?";
}

static const char *key_clause(dctx *c, const void *x)
{
	const m_clause *cl = x;
	return arena_printf(c->a, "%s %s", clause_kind(cl->kind), clause_name(c, cl));
}

static const char *column_name(const m_dataset *ds, size_t col)
{
	if (!ds || col >= ds->columns.len)
		return NULL;
	return ((const m_column *)ds->columns.items[col])->name.s;
}

static const char *evidence_text(dctx *c, const m_evidence *ev)
{
	if (!ev->dataset)
		return NULL;
	const char *s = arena_printf(c->a, "%s.%s", ev->dataset->name.s,
				     column_name(ev->dataset, ev->col_value));
	if (ev->where)
		s = arena_printf(c->a, "%s where %s", s, diff_expr_text(c->a, ev->where));
	const char *cat = column_name(ev->dataset, ev->col_category);
	if (cat)
		s = arena_printf(c->a, "%s by %s", s, cat);
	return s;
}

static bool same_evidence(const m_evidence *a, const m_evidence *b)
{
	if (!a->dataset || !b->dataset)
		return a->dataset == b->dataset;
	return same_str(a->dataset->name.s, b->dataset->name.s) &&
	       same_str(column_name(a->dataset, a->col_value),
			column_name(b->dataset, b->col_value)) &&
	       same_str(column_name(a->dataset, a->col_category),
			column_name(b->dataset, b->col_category)) &&
	       diff_expr_equal(a->where, b->where, NULL, NULL);
}

static const char *level_text(dctx *c, const m_clause *cl)
{
	const char *level = num_text(c, cl->level);
	const m_scale *s = cl->competency ? cl->competency->scale : NULL;
	for (size_t i = 0; s && i < s->levels.len; i++) {
		const m_level *l = s->levels.items[i];
		if (num_eq(l->value, cl->level) && l->name)
			level = arena_printf(c->a, "%s (%s)", l->name, level);
	}
	return arena_printf(c->a, "%s %s", expr_op_text(cl->cmp), level);
}

static const char *total_text(dctx *c, const m_clause *cl)
{
	const char *s = arena_printf(c->a, "%s %s", expr_op_text(cl->total_cmp),
				     num_text(c, cl->total));
	if (cl->has_within)
		s = arena_printf(c->a, "%s within %s", s, dur_text(c, cl->within));
	return s;
}

static const char *clause_desc(dctx *c, const m_clause *cl)
{
	switch (cl->kind) {
	case CLAUSE_EXAM:
		return arena_printf(c->a, "score %s, pass %s", evidence_text(c, &cl->ev),
				    num_as(c, cl->pass, cl->pass_percent));
	case CLAUSE_CREDITS:
		return arena_printf(c->a, "amount %s, total %s", evidence_text(c, &cl->ev),
				    total_text(c, cl));
	case CLAUSE_COMPETENCE:
		return level_text(c, cl);
	case CLAUSE_PREREQUISITE:
		return NULL;
	case CLAUSE_CONDITION:
		return arena_printf(c->a, "= %s", diff_expr_text(c->a, cl->expr));
	}
	return NULL;
}

static const char *key_category(dctx *c, const void *x)
{
	(void)c;
	return ((const m_category_min *)x)->category;
}

static const char *category_text(dctx *c, const m_category_min *m)
{
	return arena_printf(c->a, "%s %s", expr_op_text(m->cmp), num_text(c, m->amount));
}

static const char *opt_dur(dctx *c, bool has, cal_duration d)
{
	return has ? dur_text(c, d) : NULL;
}

static bool same_opt_dur(bool ha, cal_duration a, bool hb, cal_duration b)
{
	return ha == hb && (!ha || same_duration(a, b));
}

static void diff_clause(dctx *c, const char *path, const m_clause *o,
			const m_clause *n, const ast_item *oi, const ast_item *ni)
{
	const char *K = clause_kind(o->kind);
	src_span oa = o->span, na = n->span;
	string_field(c, K, path, "title", o->title, n->title, oa, na);
	switch (o->kind) {
	case CLAUSE_EXAM:
		field(c, K, path, "score", same_evidence(&o->ev, &n->ev),
		      evidence_text(c, &o->ev), evidence_text(c, &n->ev),
		      at_item(oi, ITEM_SCORE, oa), at_item(ni, ITEM_SCORE, na));
		text_field(c, K, path, "dated", column_name(o->ev.dataset, o->ev.col_date),
			   column_name(n->ev.dataset, n->ev.col_date),
			   at_item(oi, ITEM_DATED, oa), at_item(ni, ITEM_DATED, na));
		field(c, K, path, "pass", num_eq(o->pass, n->pass),
		      num_as(c, o->pass, o->pass_percent), num_as(c, n->pass, n->pass_percent),
		      at_item(oi, ITEM_PASS, oa), at_item(ni, ITEM_PASS, na));
		field(c, K, path, "attempts", o->attempts == n->attempts,
		      o->attempts ? arena_printf(c->a, "%d", o->attempts) : NULL,
		      n->attempts ? arena_printf(c->a, "%d", n->attempts) : NULL,
		      at_item(oi, ITEM_ATTEMPTS, oa), at_item(ni, ITEM_ATTEMPTS, na));
		field(c, K, path, "valid", same_opt_dur(o->has_valid, o->valid, n->has_valid,
							n->valid),
		      opt_dur(c, o->has_valid, o->valid), opt_dur(c, n->has_valid, n->valid),
		      at_item(oi, ITEM_VALID, oa), at_item(ni, ITEM_VALID, na));
		break;
	case CLAUSE_CREDITS: {
		field(c, K, path, "amount", same_evidence(&o->ev, &n->ev),
		      evidence_text(c, &o->ev), evidence_text(c, &n->ev),
		      at_item(oi, ITEM_AMOUNT, oa), at_item(ni, ITEM_AMOUNT, na));
		text_field(c, K, path, "dated", column_name(o->ev.dataset, o->ev.col_date),
			   column_name(n->ev.dataset, n->ev.col_date),
			   at_item(oi, ITEM_DATED, oa), at_item(ni, ITEM_DATED, na));
		field(c, K, path, "total",
		      o->total_cmp == n->total_cmp && num_eq(o->total, n->total) &&
		      same_opt_dur(o->has_within, o->within, n->has_within, n->within),
		      total_text(c, o), total_text(c, n), at_item(oi, ITEM_TOTAL, oa),
		      at_item(ni, ITEM_TOTAL, na));
		field(c, K, path, "cap per year",
		      o->has_cap == n->has_cap && (!o->has_cap || num_eq(o->cap, n->cap)),
		      o->has_cap ? num_text(c, o->cap) : NULL,
		      n->has_cap ? num_text(c, n->cap) : NULL, at_item(oi, ITEM_CAP, oa),
		      at_item(ni, ITEM_CAP, na));
		pair *ps;
		size_t np = pair_up(c, &o->minimums, &n->minimums, key_category, &ps);
		for (size_t i = 0; i < np; i++) {
			const m_category_min *x = ps[i].o, *y = ps[i].n;
			const char *mp = join_path(c, path, ps[i].key);
			if (!y)
				removed(c, "category", mp, category_text(c, x), x->span);
			else if (!x)
				added(c, "category", mp, category_text(c, y), y->span);
			else
				field(c, "category", mp, "minimum",
				      x->cmp == y->cmp && num_eq(x->amount, y->amount),
				      category_text(c, x), category_text(c, y), x->span, y->span);
		}
		break;
	}
	case CLAUSE_COMPETENCE:
		field(c, K, path, "required", o->cmp == n->cmp && num_eq(o->level, n->level),
		      level_text(c, o), level_text(c, n), oa, na);
		break;
	case CLAUSE_PREREQUISITE:
		break;
	case CLAUSE_CONDITION:
		field(c, K, path, "expression", diff_expr_equal(o->expr, n->expr, NULL, NULL),
		      diff_expr_text(c->a, o->expr), diff_expr_text(c->a, n->expr),
		      o->expr ? o->expr->span : oa, n->expr ? n->expr->span : na);
		break;
	}
}

static void clause_list(dctx *c, const char *path, const ptr_vec *ov,
			const ptr_vec *nv, const ast_decl *od, const ast_decl *nd)
{
	pair *ps;
	size_t np = pair_up(c, ov, nv, key_clause, &ps);
	for (size_t i = 0; i < np; i++) {
		const m_clause *x = ps[i].o, *y = ps[i].n;
		const m_clause *any = x ? x : y;
		const char *cp = join_path(c, path, clause_name(c, any));
		if (!y) {
			removed(c, clause_kind(x->kind), cp, clause_desc(c, x), x->span);
		} else if (!x) {
			added(c, clause_kind(y->kind), cp, clause_desc(c, y), y->span);
		} else {
			diff_clause(c, cp, x, y, item_at(decl_items(od), x->span),
				    item_at(decl_items(nd), y->span));
		}
	}
}

static const char *valid_text(dctx *c, const m_certification *x)
{
	if (!x->has_valid)
		return NULL;
	return arena_printf(c->a, "%s%s", dur_text(c, x->valid),
			    x->valid_from_exam ? " from exam" : "");
}

static void diff_certification(dctx *c, const m_certification *o,
			       const m_certification *n)
{
	const char *path = o->name.s, *K = "certification";
	const ast_decl *od = o->decl, *nd = n->decl;
	src_span oa = o->name.span, na = n->name.span;
	string_field(c, K, path, "title", o->title, n->title, oa, na);
	text_field(c, K, path, "subjects", o->subjects ? o->subjects->name.s : NULL,
		   n->subjects ? n->subjects->name.s : NULL, at_decl(od, ITEM_SUBJECTS, oa),
		   at_decl(nd, ITEM_SUBJECTS, na));
	field(c, K, path, "valid",
	      same_opt_dur(o->has_valid, o->valid, n->has_valid, n->valid) &&
	      o->valid_from_exam == n->valid_from_exam,
	      valid_text(c, o), valid_text(c, n), at_decl(od, ITEM_VALID, oa),
	      at_decl(nd, ITEM_VALID, na));
	field(c, K, path, "grace", same_opt_dur(o->has_grace, o->grace, n->has_grace, n->grace),
	      opt_dur(c, o->has_grace, o->grace), opt_dur(c, n->has_grace, n->grace),
	      at_decl(od, ITEM_GRACE, oa), at_decl(nd, ITEM_GRACE, na));
	field(c, K, path, "warn", same_opt_dur(o->has_warn, o->warn, n->has_warn, n->warn),
	      opt_dur(c, o->has_warn, o->warn), opt_dur(c, n->has_warn, n->warn),
	      at_decl(od, ITEM_WARN, oa), at_decl(nd, ITEM_WARN, na));
	src_span ora = at_decl(od, ITEM_RENEWAL, oa), nra = at_decl(nd, ITEM_RENEWAL, na);
	field(c, K, path, "renewal", o->has_renewal == n->has_renewal,
	      o->has_renewal ? "yes" : "no", n->has_renewal ? "yes" : "no", ora, nra);
	field(c, K, path, "renewal window",
	      same_opt_dur(o->has_window, o->window, n->has_window, n->window),
	      opt_dur(c, o->has_window, o->window), opt_dur(c, n->has_window, n->window),
	      ora, nra);
	field(c, K, path, "renewal anchor", o->anchor_renewal == n->anchor_renewal,
	      o->anchor_renewal ? "renewal" : "certification",
	      n->anchor_renewal ? "renewal" : "certification", ora, nra);
	meta(c, K, path, decl_items(od), decl_items(nd), oa, na);
	clause_list(c, path, &o->clauses, &n->clauses, od, nd);
	clause_list(c, join_path(c, path, "renewal"), &o->renewal, &n->renewal, od, nd);
}

/* ---- matches -------------------------------------------------------------------- */

static const char *key_points(dctx *c, const void *x)
{
	(void)c;
	return ((const m_points *)x)->name.s;
}

static void diff_match(dctx *c, const m_match *o, const m_match *n)
{
	const char *path = o->name.s, *K = "match";
	const ast_decl *od = find_decl(c->op, DECL_MATCH, o->name.s);
	const ast_decl *nd = find_decl(c->np, DECL_MATCH, n->name.s);
	src_span oa = o->name.span, na = n->name.span;
	string_field(c, K, path, "title", o->title, n->title, oa, na);
	text_field(c, K, path, "candidates", o->candidates ? o->candidates->name.s : NULL,
		   n->candidates ? n->candidates->name.s : NULL,
		   at_decl(od, ITEM_CANDIDATES, oa), at_decl(nd, ITEM_CANDIDATES, na));
	text_field(c, K, path, "posts", o->posts ? o->posts->name.s : NULL,
		   n->posts ? n->posts->name.s : NULL, at_decl(od, ITEM_POSTS, oa),
		   at_decl(nd, ITEM_POSTS, na));
	field(c, K, path, "threshold",
	      o->has_threshold == n->has_threshold &&
	      (!o->has_threshold || num_eq(o->threshold, n->threshold)),
	      o->has_threshold ? num_text(c, o->threshold) : NULL,
	      n->has_threshold ? num_text(c, n->threshold) : NULL,
	      at_decl(od, ITEM_THRESHOLD, oa), at_decl(nd, ITEM_THRESHOLD, na));
	meta(c, K, path, decl_items(od), decl_items(nd), oa, na);
	pair *ps;
	size_t np = pair_up(c, &o->points, &n->points, key_points, &ps);
	for (size_t i = 0; i < np; i++) {
		const m_points *x = ps[i].o, *y = ps[i].n;
		const char *pp = join_path(c, path, ps[i].key);
		if (!y) {
			removed(c, "points", pp, arena_printf(c->a, "= %s",
							      diff_expr_text(c->a, x->expr)),
				x->span);
		} else if (!x) {
			added(c, "points", pp, arena_printf(c->a, "= %s",
							    diff_expr_text(c->a, y->expr)),
			      y->span);
		} else {
			string_field(c, "points", pp, "title", x->title, y->title, x->span,
				     y->span);
			field(c, "points", pp, "expression",
			      diff_expr_equal(x->expr, y->expr, NULL, NULL),
			      diff_expr_text(c->a, x->expr), diff_expr_text(c->a, y->expr),
			      x->expr->span, y->expr->span);
		}
	}
}

/* ---- top-level declarations ------------------------------------------------------ */

static const char *key_scale(dctx *c, const void *x)
{
	(void)c;
	return ((const m_scale *)x)->name.s;
}

static const char *key_framework(dctx *c, const void *x)
{
	(void)c;
	return ((const m_framework *)x)->name.s;
}

static const char *key_dataset(dctx *c, const void *x)
{
	(void)c;
	return ((const m_dataset *)x)->name.s;
}

static const char *key_profile(dctx *c, const void *x)
{
	(void)c;
	return ((const m_profile *)x)->name.s;
}

static const char *key_assessment(dctx *c, const void *x)
{
	(void)c;
	return ((const m_assessment *)x)->name.s;
}

static const char *key_rule(dctx *c, const void *x)
{
	(void)c;
	return ((const m_rule *)x)->decl->name.s;
}

static const char *key_perspectives(dctx *c, const void *x)
{
	(void)c;
	return ((const m_perspectives *)x)->name.s;
}

static const char *key_scorecard(dctx *c, const void *x)
{
	(void)c;
	return ((const m_scorecard *)x)->name.s;
}

static const char *key_certification(dctx *c, const void *x)
{
	(void)c;
	return ((const m_certification *)x)->name.s;
}

static const char *key_match(dctx *c, const void *x)
{
	(void)c;
	return ((const m_match *)x)->name.s;
}

typedef void (*compare_fn)(dctx *c, const void *o, const void *n);

/* What describes an added or removed declaration, and where it is. */
typedef struct top_kind {
	diff_section section;
	const char *kind;
	size_t vec;          /* offsetof(model, scales), ... */
	key_fn key;
	compare_fn compare;
} top_kind;

static const char *top_title(const top_kind *k, const void *obj, src_span *at)
{
	switch (k->section) {
	case DS_SCALES: *at = ((const m_scale *)obj)->name.span;
		return ((const m_scale *)obj)->title;
	case DS_FRAMEWORKS: *at = ((const m_framework *)obj)->name.span;
		return ((const m_framework *)obj)->title;
	case DS_DATA: *at = ((const m_dataset *)obj)->name.span;
		return ((const m_dataset *)obj)->title;
	case DS_PROFILES: *at = ((const m_profile *)obj)->name.span;
		return ((const m_profile *)obj)->title;
	case DS_ASSESSMENTS: *at = ((const m_assessment *)obj)->name.span;
		return ((const m_assessment *)obj)->title;
	case DS_RULES: *at = ((const m_rule *)obj)->decl->name.span;
		return ((const m_rule *)obj)->decl->title;
	case DS_PERSPECTIVES: *at = ((const m_perspectives *)obj)->name.span;
		return ((const m_perspectives *)obj)->title;
	case DS_SCORECARDS: *at = ((const m_scorecard *)obj)->name.span;
		return ((const m_scorecard *)obj)->title;
	case DS_CERTIFICATIONS: *at = ((const m_certification *)obj)->name.span;
		return ((const m_certification *)obj)->title;
	case DS_MATCHES: *at = ((const m_match *)obj)->name.span;
		return ((const m_match *)obj)->title;
	default: *at = NOWHERE;
		return NULL;
	}
}

static void cmp_scale(dctx *c, const void *o, const void *n) { diff_scale(c, o, n); }
static void cmp_framework(dctx *c, const void *o, const void *n) { diff_framework(c, o, n); }
static void cmp_dataset(dctx *c, const void *o, const void *n) { diff_dataset(c, o, n); }
static void cmp_profile(dctx *c, const void *o, const void *n) { diff_profile(c, o, n); }
static void cmp_assessment(dctx *c, const void *o, const void *n) { diff_assessment(c, o, n); }
static void cmp_rule(dctx *c, const void *o, const void *n) { diff_rule(c, o, n); }
static void cmp_perspectives(dctx *c, const void *o, const void *n) { diff_perspectives(c, o, n); }
static void cmp_scorecard(dctx *c, const void *o, const void *n) { diff_scorecard(c, o, n); }
static void cmp_certification(dctx *c, const void *o, const void *n) { diff_certification(c, o, n); }
static void cmp_match(dctx *c, const void *o, const void *n) { diff_match(c, o, n); }

static const top_kind tops[] = {
	{DS_SCALES, "scale", offsetof(model, scales), key_scale, cmp_scale},
	{DS_FRAMEWORKS, "framework", offsetof(model, frameworks), key_framework, cmp_framework},
	{DS_DATA, "data", offsetof(model, datasets), key_dataset, cmp_dataset},
	{DS_PROFILES, "profile", offsetof(model, profiles), key_profile, cmp_profile},
	{DS_ASSESSMENTS, "assessment", offsetof(model, assessments), key_assessment,
	 cmp_assessment},
	{DS_RULES, "rule", offsetof(model, rules), key_rule, cmp_rule},
	{DS_PERSPECTIVES, "perspectives", offsetof(model, perspectives), key_perspectives,
	 cmp_perspectives},
	{DS_SCORECARDS, "scorecard", offsetof(model, scorecards), key_scorecard,
	 cmp_scorecard},
	{DS_CERTIFICATIONS, "certification", offsetof(model, certifications),
	 key_certification, cmp_certification},
	{DS_MATCHES, "match", offsetof(model, matches), key_match, cmp_match},
};

static const char *rule_desc(dctx *c, const m_rule *r)
{
	const char *s = r->decl->title ? diff_quote(c->a, r->decl->title) : NULL;
	const char *body = arena_printf(c->a, "%s%s%s= %s",
					r->decl->each.s ? "for each " : "",
					r->decl->each.s ? for_each_text(c, r->decl) : "",
					r->decl->each.s ? " " : "",
					diff_expr_text(c->a, r->decl->expr));
	return s ? arena_printf(c->a, "%s %s", s, body) : body;
}

static void diff_tops(dctx *c, const top_kind *k)
{
	const ptr_vec *ov = (const ptr_vec *)((const char *)c->op->model + k->vec);
	const ptr_vec *nv = (const ptr_vec *)((const char *)c->np->model + k->vec);
	pair *ps;
	size_t n = pair_up(c, ov, nv, k->key, &ps);
	c->section = k->section;
	for (size_t i = 0; i < n; i++) {
		c->top = ps[i].key;
		src_span at;
		if (!ps[i].n) {
			const char *t = top_title(k, ps[i].o, &at);
			removed(c, k->kind, ps[i].key, k->section == DS_RULES
				? rule_desc(c, ps[i].o) : quoted(c, t), at);
		} else if (!ps[i].o) {
			const char *t = top_title(k, ps[i].n, &at);
			added(c, k->kind, ps[i].key, k->section == DS_RULES
			      ? rule_desc(c, ps[i].n) : quoted(c, t), at);
		} else {
			k->compare(c, ps[i].o, ps[i].n);
		}
	}
}

static int cmp_entry(const void *a, const void *b)
{
	const entry *x = *(const entry *const *)a, *y = *(const entry *const *)b;
	if (x->ch.section != y->ch.section)
		return x->ch.section < y->ch.section ? -1 : 1;
	int r = strcmp(x->top, y->top);
	if (r)
		return r;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

void diff_programs(arena *a, const program *old_p, const program *new_p,
		   diff_result *out)
{
	memset(out, 0, sizeof *out);
	dctx c = {0};
	c.a = a;
	c.op = old_p;
	c.np = new_p;
	c.out = out;
	diff_header(&c);
	for (size_t k = 0; k < sizeof tops / sizeof *tops; k++)
		diff_tops(&c, &tops[k]);
	if (out->changes.len > 1)
		qsort(out->changes.items, out->changes.len, sizeof *out->changes.items,
		      cmp_entry);
}
