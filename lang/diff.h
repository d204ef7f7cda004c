/*
 * diff.h - the semantic difference between two versions of a rule set.
 *
 * diff_programs compares the checked models of two programs (each loaded
 * and checked on its own, without errors) and returns one change record per
 * difference: an object added, removed, or one of its properties changed.
 * Objects are matched by kind and name (nested ones within their parent:
 * a competency within its framework, a measure within its scorecard, a
 * target by its part and deadline), never by position in the file, so
 * moving, reformatting or commenting text is not a difference, and neither
 * is writing the same value another way (`25%` and `0.25`, `require all`
 * and one `require` per competency).  A renamed object is a removal and an
 * addition.  Expressions are compared as trees (diff_expr_equal).
 *
 * The library never prints: the records hold texts and spans, which the
 * caller renders (cli/cmd_diff.c).  Every text lives in the arena given to
 * diff_programs, or in one of the two programs, which must outlive the
 * result.
 *
 *   diff_result d;
 *   diff_programs(a, old_program, new_program, &d);
 *   for (size_t i = 0; i < d.changes.len; i++) { diff_change *c = ...; }
 */
#ifndef RUBRIC_DIFF_H
#define RUBRIC_DIFF_H

#include "program.h"

typedef enum diff_op { DIFF_ADDED, DIFF_REMOVED, DIFF_CHANGED } diff_op;

/* Changes are grouped by the kind of top-level declaration they belong to,
 * in this order. */
typedef enum diff_section {
	DS_HEADER,
	DS_SCALES,
	DS_FRAMEWORKS,
	DS_DATA,
	DS_PROFILES,
	DS_ASSESSMENTS,
	DS_RULES,
	DS_PERSPECTIVES,
	DS_SCORECARDS,
	DS_CERTIFICATIONS,
	DS_MATCHES,
	DS_COUNT
} diff_section;

/* "header", "scales", ..., "matches" */
const char *diff_section_name(diff_section s);
const char *diff_op_name(diff_op op);

typedef struct diff_change {
	diff_op op;
	diff_section section;
	const char *kind;     /* what the object is: "competency", "relation",
				 "target", ... */
	const char *path;     /* which one: "mefhadic.leadership",
				 "exec360.peer"; "" for the header */
	const char *field;    /* DIFF_CHANGED: the property ("weight"); NULL
				 when the change is the object itself */
	/* The values as text (names bare, texts quoted, numbers exact,
	 * percentages as written); NULL when a side has none.  An added
	 * object has a new_value that describes it (or NULL), a removed one
	 * an old_value. */
	const char *old_value, *new_value;
	src_span old_at, new_at; /* in the old and the new program; file 0: none */
} diff_change;

typedef struct diff_result {
	ptr_vec changes;      /* diff_change*, sorted: by section, then by the
				 top-level name, then in the order of the model */
	size_t added, removed, changed;
} diff_result;

/* Compares two checked programs (p->model set, no errors). */
void diff_programs(arena *a, const program *old_p, const program *new_p,
		   diff_result *out);

/* Whether two expressions are the same tree, whatever their spacing,
 * parentheses, comments or files: names compare by text (the two may come
 * from different programs), numbers by value (`80%` = `0.8`).  A name
 * `old_var` in a equals a name `new_var` in b, so that renaming a rule's
 * `for each` variable is not a difference (both NULL: no renaming). */
bool diff_expr_equal(const ast_expr *a, const ast_expr *b, const char *old_var,
		     const char *new_var);
/* An expression as canonical text: one space around operators, the
 * parentheses it needs and no others, numbers exact (percentages as
 * written), strings quoted. */
const char *diff_expr_text(arena *a, const ast_expr *e);
/* A string as a Rubric literal: "...", with \" \\ \n \t and \u{..}. */
const char *diff_quote(arena *a, const char *s);

#endif
