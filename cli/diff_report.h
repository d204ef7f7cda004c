/*
 * diff_report.h - writing what `rubric diff` found: the semantic changes
 * and the impact on the data, as text for people or as one JSON document
 * for tools (schema rubric.diff/1).  The layouts are in docs/cli.md.
 */
#ifndef RUBRIC_DIFF_REPORT_H
#define RUBRIC_DIFF_REPORT_H

#include <stdio.h>

#include "cli.h"
#include "diff.h"
#include "impact.h"

/* One comparison: two files (or one file and nothing, in folders). */
typedef struct dr_file {
	const char *old_name, *new_name; /* as shown; "/dev/null" for none */
	const program *op, *np;          /* checked programs; NULL on error */
	const char *error;               /* could not compare: why, else NULL */
	const diff_result *diff;         /* NULL on error */
	const impact_result *impact;     /* NULL without --data */
	const char *impact_error;        /* with --data: why there is no impact */
	const cli_eval_inputs *inputs;   /* the --data and --as-of given */
} dr_file;

typedef struct dr_totals {
	size_t files, added, removed, changed;
} dr_totals;

/* first: the first file written (the others start with a blank line). */
void dr_text_file(FILE *out, arena *a, const dr_file *f, bool first);
/* The last line: how many differences in all (over several files). */
void dr_text_totals(FILE *out, const dr_totals *t);

void dr_json_begin(FILE *out, const char *old_name, const char *new_name);
void dr_json_file(FILE *out, arena *a, const dr_file *f, bool first);
void dr_json_end(FILE *out, const dr_totals *t);

#endif
