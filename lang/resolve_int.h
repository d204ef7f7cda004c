/*
 * resolve_int.h - what the checker's files share; not part of the library's
 * interface.  The checker is split by declaration kind:
 *
 *   resolve.c            the driver, collecting names, shared helpers
 *   resolve_framework.c  scales, frameworks, competencies, perspectives
 *   resolve_data.c       datasets and their columns
 *   resolve_assess.c     profiles and assessments
 *   resolve_expr.c       expressions, builtins and rules
 */
#ifndef RUBRIC_RESOLVE_INT_H
#define RUBRIC_RESOLVE_INT_H

#include "resolve.h"

#include <stddef.h>

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
	/* Per subject: certified(), competence() ... are about a row of this
	 * dataset.  infer_subject: a rule without `for each` that becomes a
	 * rule per subject on its first such call. */
	m_dataset *subject;
	bool infer_subject;
	m_dataset *posts;       /* match points: posts.COLUMN is the post's */
	/* expect for "KEY": a rule `for each` is its value for the group KEY
	 * (noted in rule->group_dataset of the probe rule) */
	bool keyed;
} scope;

/* Column type names, indexed by m_column_type. */
extern const char *const rs_column_types[];
#define RS_N_COLUMN_TYPES 7

global *rs_find_global(rctx *c, const char *name);
void *rs_find_kind(rctx *c, const char *name, decl_kind kind);
/* Adds "did you mean" to d from the candidates (in any order: the nearest
 * wins, ties by name). */
void rs_suggest(rctx *c, diag *d, const char *name, const char *const *cands,
		size_t n);
/* The same over a vector of objects that each hold an ast_name at
 * name_offset (offsetof(m_column, name), ...). */
void rs_suggest_in(rctx *c, diag *d, const char *name, const ptr_vec *items,
		   size_t name_offset);
void rs_unknown_global(rctx *c, ast_name n, int kind, const char *what);
bool rs_const_num(const ast_expr *e, num *out);
const char *rs_fmt_num(rctx *c, num v);
bool rs_incomplete(rctx *c, src_span span);
bool rs_allowed(rctx *c, ast_decl *d, ast_item *it, bool nested);
bool rs_once(rctx *c, ast_item **seen, ast_item *it);
/* Captures the owner, approver and source among `items` (each at most
 * once: a second is `duplicate-item`) into g; `name` is where a missing
 * one is reported, `block` the whole declaration or item. */
void rs_governance(rctx *c, const ptr_vec *items, src_span name, src_span block,
		   m_governance *g);
/* Which of `n` choices `word` is; else reports "unknown WHAT 'word'" with
 * the nearest choice or the list, under `id`, and returns -1. */
int rs_choose(rctx *c, ast_name word, const char *const *choices, size_t n,
	      const char *id, const char *what);
void rs_check_scale(rctx *c, ast_decl *d, m_scale *s);
void rs_check_framework(rctx *c, ast_decl *d, m_framework *f);
void rs_check_descriptors(rctx *c);
void rs_check_perspectives(rctx *c, ast_decl *d);
m_level *rs_scale_level(m_scale *s, ast_expr *e);
void rs_unknown_level(rctx *c, m_scale *s, ast_expr *e);
m_scale *rs_resolve_scale(rctx *c, ast_name n);
m_competency *rs_find_competency(m_framework *f, const char *name);
void rs_unknown_competency(rctx *c, m_framework *f, ast_name n);
void rs_check_dataset(rctx *c, ast_decl *d, m_dataset *s);
void rs_check_dataset_refs(rctx *c);
m_column *rs_find_column(m_dataset *s, const char *name);
void rs_unknown_column(rctx *c, m_dataset *s, ast_name n);
bool rs_is_numeric_column(m_column_type t);
void rs_check_profile(rctx *c, ast_decl *d, m_profile *pr);
void rs_check_assessment(rctx *c, ast_decl *d, m_assessment *as);
m_framework *rs_framework_of(rctx *c, ast_decl *d);
m_type rs_check_expr(rctx *c, ast_expr *e, scope *sc);
bool rs_is_develop_name(const char *s);
m_type rs_rule_type(rctx *c, m_rule *r, src_span use);
m_type rs_column_type(m_column *col);
void rs_check_scorecard(rctx *c, ast_decl *d, m_scorecard *s);
void rs_check_certification(rctx *c, m_certification *cert);
void rs_check_match(rctx *c, ast_decl *d, m_match *m);
void rs_check_test(rctx *c, ast_decl *d, m_test *t);
/* certified(C), competence(A.K), ...: NULL when `name` is none of them,
 * else the type (TYPE_ERROR once reported). */
bool rs_is_subject_function(const char *name);
m_type rs_check_subject_call(rctx *c, ast_expr *e, scope *sc);
void rs_check_scorecard_links(rctx *c);

#endif
