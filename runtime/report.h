/*
 * report.h - writing an evaluation's results: text for people, JSON for
 * tools, CSV tables for spreadsheets and other programs.
 *
 * Ordering is always deterministic (subjects by key, competencies by name,
 * groups by value), and numbers are rounded only here: text uses the rule
 * set's rounding (default 2 places, half_even), CSV and JSON use 4 places
 * half_even, and JSON also carries every value exactly ("11/3").  The
 * layouts are documented in docs/output.md.
 */
#ifndef RUBRIC_REPORT_H
#define RUBRIC_REPORT_H

#include <stdio.h>

#include "eval.h"

typedef enum report_format { REPORT_TEXT, REPORT_JSON, REPORT_CSV } report_format;

/* The CSV tables, chosen with --table. */
#define REPORT_TABLES "scores, relations, subjects, gaps, groups, development, " \
	"succession, measures, objectives, certifications, matches, rules, data"

typedef struct report_options {
	report_format format;
	const char *table;        /* CSV: one of REPORT_TABLES; NULL: scores */
	const char *assessment;   /* which assessment, when there are several */
	bool color;               /* text only */
	const char *const *rule_files;
	size_t nrule_files;
	const char *version;      /* of rubric */
} report_options;

/* A table of strings printed with aligned columns (text reports, and the
 * diff report): rows added with report_grid_add, then printed, each line
 * after `indent`, two spaces between columns, empty trailing cells not
 * printed (no line ends in blanks). */
typedef struct report_grid {
	size_t ncols;
	ptr_vec cells;      /* const char*, row-major */
	const bool *right;  /* right-align column i */
} report_grid;

void report_grid_add(arena *a, report_grid *g, const char *const *row);
void report_grid_print(FILE *out, arena *a, const report_grid *g,
		       const char *indent);

/* Writes each scorecard's strategy map as a Graphviz digraph: perspectives
 * as ranks, objectives as boxes coloured by status, links as edges; the
 * provenance first, as comments. */
void report_graph(FILE *out, const eval_result *r, const report_options *o);

/* What `rubric explain` explains: a subject's scores (all, or one
 * competency, in one assessment or all) and certifications (all, or one),
 * or a measure (MEASURE or SCORECARD.MEASURE). */
typedef struct explain_query {
	const char *subject;
	const char *competency;
	const char *assessment;
	const char *certification;
	const char *measure;
} explain_query;

/* Writes the explanation as text or JSON (o->format); false with *err when
 * the query names nothing. */
bool report_explain(FILE *out, const eval_result *r, const explain_query *q,
		    const report_options *o, const char **err);

/* Values as the reports write them, into arena a: a number to `places`
 * (num_format), exactly (num_format_exact: 11/3), any value ("" for no
 * data). */
const char *report_fmt_places(arena *a, num n, int places, num_round_mode mode);
const char *report_fmt_exact(arena *a, num n);
const char *report_val_text(arena *a, val v, int places, num_round_mode mode);

/* A JSON string, escaped; null for NULL. */
void report_json_cstr(FILE *out, const char *s);

/* Writes the report.  Returns false with *err set for a bad choice of
 * table or assessment (nothing is written then). */
bool report_write(FILE *out, const eval_result *r, const report_options *o,
		  const char **err);

/* The CSV table a report with these options writes: o->table, or the
 * default (scores, or measures when there are scorecards and no
 * assessment). */
const char *report_table(const eval_result *r, const report_options *o);

/* The report a provenance file goes with. */
typedef struct report_ref {
	const char *file;      /* as given with -o; NULL: standard output */
	bool has_sha256;       /* the report's SHA-256, when it is known */
	unsigned char sha256[DIGEST_LEN];
} report_ref;

/* Writes the provenance of a run alone, as one JSON object (schema
 * rubric.provenance/1): the same fields as the JSON report's, and which
 * report they describe.  It is the companion of a CSV table, which has no
 * place for it (see docs/output.md). */
void report_provenance(FILE *out, const eval_result *r, const report_options *o,
		       const report_ref *ref);

#endif
