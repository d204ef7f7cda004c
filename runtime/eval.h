/*
 * eval.h - one evaluation run: bind datasets to files, load them in
 * dependency order, run every assessment and rule.
 *
 * Datasets another refers to, or that rules aggregate, are loaded whole;
 * the ratings of an assessment are streamed straight into it.  A dataset is
 * read when it is needed or when the command line binds it (so bound data
 * is always checked); a needed dataset with no file is an error.
 */
#ifndef RUBRIC_EVAL_H
#define RUBRIC_EVAL_H

#include "assess.h"
#include "cert.h"
#include "outfile.h"
#include "program.h"
#include "scorecard.h"

typedef struct eval_binding {
	const char *name;  /* dataset name */
	const char *path;
	const char *shown; /* the name reports and messages give it; NULL: path
			      (a test's inline rows, read from a temporary file) */
} eval_binding;

typedef struct eval_options {
	const eval_binding *data;
	size_t ndata;
	bool skip_bad_rows;
	const char *rejects_path;  /* with skip_bad_rows */
	bool has_as_of;
	cal_date as_of;
	bool keep_ratings;  /* keep rating rows in tables (explain lists them) */
	const char *keep_subject; /* with keep_ratings: only this subject's
				     rows, unless a rule reads the ratings */
	bool keep_rejects;  /* keep rejected rows in eval_result.rejected */
	/* Threads for reading a large ratings file (1 or 0: one), and the
	 * size from which it is split (0: LOAD_SPLIT_MIN); see load.h. */
	unsigned threads;
	size_t split_min;
	/* expressions judged after the run (a test's expectations): the
	 * datasets they name are loaded too */
	ast_expr *const *also;
	size_t nalso;
} eval_options;

typedef struct rule_result {
	const m_rule *rule;
	size_t n;          /* 1, or the number of groups */
	val *keys;         /* group keys (for each), else NULL */
	val *values;
	/* A rule that is a comparison: its two sides, per group, so reports
	 * show the counts behind "met" (7 >= 6); else NULL. */
	val *left, *right;
} rule_result;

/* A match: for each post, every candidate's points, ranked. */
typedef struct match_result {
	const m_match *match;
	const table *posts, *candidates;
	size_t nposts, ncands, npoints;
	val *points;          /* [post][candidate][points item]: numbers or none */
	num *total;           /* [post][candidate] */
	bool *complete;       /* [post][candidate]: every item had a value */
	uint32_t *ranked;     /* [post][rank]: candidate rows, best first */
	uint32_t *post_order; /* post rows sorted by key */
} match_result;

typedef struct eval_result {
	arena *arena;            /* the run's: tables, results; freed with it */
	program *program;
	model *model;
	bool has_as_of;
	cal_date as_of;
	table **tables;          /* by dataset index */
	const char **paths;      /* by dataset index: the file read, as shown, or NULL */
	const char **opened;     /* by dataset index: the file opened */
	load_stats *stats;       /* by dataset index */
	bool *loaded;            /* by dataset index */
	bool *bound;             /* by dataset index: given with --data */
	assess_run *runs;        /* one per assessment */
	size_t nruns;
	rule_result *rules;
	size_t nrules;
	sc_result *cards;        /* one per scorecard */
	size_t ncards;
	cert_result *certs;      /* one per certification */
	size_t ncerts;
	match_result *matches;   /* one per match */
	size_t nmatches;
	bool skip_bad_rows;
	const char *rejects_path;
	outfile rejects;         /* open until eval_commit_rejects */
	ptr_vec rejected;        /* load_reject*, with keep_rejects */
	val **subject_cache;     /* rules per subject: see eval_env */
	bool **subject_known;
} eval_result;

/* Exit status of a run: 0, EVAL_DATA_ERRORS or EVAL_IO_ERRORS; the
 * problems are in p->diags.  The result is usable only when 0 is returned,
 * and must be released with eval_result_free in every case. */
enum { EVAL_OK = 0, EVAL_DATA_ERRORS = 3, EVAL_IO_ERRORS = 4 };
int eval_run(program *p, const eval_options *o, eval_result *out);
/* Puts the rejects file in place (after the report is written); false with
 * errno when that fails.  Without a commit, eval_result_free removes it. */
bool eval_commit_rejects(eval_result *r);
/* An expression environment over a finished run: its tables, assessments,
 * scorecards and certifications, as of its date. */
void eval_env_init(eval_result *r, eval_env *env);
void eval_result_free(eval_result *r);

#endif
