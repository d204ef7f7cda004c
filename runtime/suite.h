/*
 * suite.h - running the `test` blocks of a checked program.
 *
 * Each test is a whole evaluation: its `given` datasets (inline rows, or
 * fixture files beside the rule file), the other datasets from their
 * declared paths, as of its `at` date.  Bad rows are rejected and reported
 * rather than fatal, so a test can expect the message they give.  Then
 * every expectation is evaluated over the results, and every golden CSV is
 * compared with the table the run gives.  Nothing is printed here: the
 * outcome of each test is returned for the command to show.
 */
#ifndef RUBRIC_SUITE_H
#define RUBRIC_SUITE_H

#include "eval.h"

typedef struct suite_failure {
	src_span span;          /* the expectation or golden item */
	const char *what;       /* what was expected, as written */
	const char *got;        /* what the run gave */
} suite_failure;

typedef struct suite_test {
	const m_test *test;
	src_span span;          /* the test's name */
	bool passed;
	ptr_vec failures;       /* suite_failure* */
	ptr_vec problems;       /* diag*: what the run reported (rows rejected,
				   ...), located in the rule file for inline rows */
	size_t accepted;        /* golden files rewritten (accept) */
} suite_test;

typedef struct suite_options {
	bool accept;            /* rewrite golden files with what the run gives */
	const char *only;       /* run only the tests whose name contains this */
} suite_options;

/* Runs the tests of p (checked, without errors) in declaration order and
 * appends a suite_test* for each to out.  False only when a temporary file
 * cannot be written (errno set). */
bool suite_run(program *p, const suite_options *o, ptr_vec *out);

#endif
