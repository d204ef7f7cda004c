/*
 * eval_expr.h - the tree walker for the shared expression language.
 *
 * It runs per subject, per group or once per rule, never per input row of a
 * streamed dataset: aggregates walk loaded tables (small dimension data such
 * as people), and the 360-degree engine accumulates ratings without it.
 *
 * No data is a value (VAL_NONE) and propagates: arithmetic with no data
 * gives no data, a comparison with no data is undetermined (no data), `and`
 * is false when either side is false, `or` true when either side is true,
 * else undetermined.  Aggregates skip rows whose value is missing or not
 * applicable; the mean, min and max of nothing are no data, the count and
 * sum of nothing are 0.
 */
#ifndef RUBRIC_EVAL_EXPR_H
#define RUBRIC_EVAL_EXPR_H

#include "load.h"

typedef struct eval_env {
	const model *model;
	table **tables;         /* by dataset index; NULL when not loaded */
	/* the row whose columns bare names mean (inside `where`, a subject) */
	const table *row_table;
	size_t row;
	/* for each: aggregates over group_table see only the group's rows */
	const char *each;
	val each_val;
	const table *group_table;
	const uint32_t *group_rows;
	size_t group_nrows;
	/* develop conditions */
	bool develop;
	val gap, score, required;
	const char *competency;
	bool has_as_of;
	cal_date as_of;
	/* values of rules without `for each`, which depend on nothing else:
	 * computed once per run (by rule index; NULL: not cached) */
	val *rule_values;
	bool *rule_known;
	/* about one subject (a row of subject_table): certified(),
	 * competence(), rules per subject.  cert_get computes a certification
	 * on first use (cert.h); runs are the assessments, by index. */
	const table *subject_table;
	size_t subject_row;
	struct cert_result *(*cert_get)(void *ud, size_t cert_index);
	void *cert_ud;
	const struct assess_run *runs;
	const struct sc_result *cards; /* scorecards, by index: status() */
	/* expect for "KEY" in tests: a rule `for each` group is its value for
	 * the group KEY, from the run's results */
	const char *group_key;
	const struct rule_result *rule_results; /* by rule index */
	/* match points: posts.COLUMN is this row's */
	const table *post_table;
	size_t post_row;
	/* values of rules per subject: [rule index][subject row], with
	 * whether each is known; NULL rows for other rules */
	val **subject_cache;
	bool **subject_known;
	/* the first runtime error: overflow, division by zero */
	const char *error;
	src_span error_span;
} eval_env;

val eval_expr(eval_env *env, const ast_expr *e);
/* True for a value that is a boolean true; false for false or no data. */
bool eval_true(val v);
/* Compares two values of one type: <0, 0, >0. */
int eval_compare(val a, val b);
/* Sorts row indices of t by the value in column col (stable: rows of one
 * value keep their order). */
void eval_sort_rows(const table *t, size_t col, uint32_t *rows, size_t n);
/* The rows of t in the order of their keys (stable). */
uint32_t *eval_rows_by_key(arena *a, const table *t);

#endif
