/*
 * assess.h - the 360-degree assessment: scores, gaps, profiles, groups,
 * development and succession.
 *
 * Ratings stream in once (assess_add_row); each lands in a flat
 * accumulator for its (subject, competency, relation), found through
 * indices the loader already resolved.  assess_finish then works per
 * subject: relation means, withheld relations, the weighted score, self
 * against others, the gap to the subject's profile and the development
 * action.  Memory grows with subjects (and raters per subject), not with
 * rating rows.  The semantics are in docs/evaluation.md.
 */
#ifndef RUBRIC_ASSESS_H
#define RUBRIC_ASSESS_H

#include "eval_expr.h"
#include "intern.h"
#include "load.h"
#include "seen.h"

typedef enum rel_status {
	REL_MISSING,   /* no rater of this relation */
	REL_WITHHELD,  /* fewer raters than the relation's minimum */
	REL_PRESENT,
} rel_status;

/* A cell: one subject, competency and relation.  Read through assess_cell,
 * which gives it whole whatever its storage (see assess_run.narrow). */
typedef struct rel_cell {
	int64_t sum;       /* of scores given, in units of 1/r->sum_den */
	uint32_t raters;   /* scores given: one per rater (duplicates refused) */
	uint32_t na;       /* answers marked not applicable */
} rel_cell;

/* The same in 8 bytes, as cells are kept while every one fits: a large
 * institution has tens of millions of them. */
typedef struct rel_cell8 {
	int32_t sum;
	uint16_t raters;
	uint16_t na;
} rel_cell8;

typedef enum self_flag { SELF_NONE, SELF_BLIND_SPOT, SELF_HIDDEN_STRENGTH } self_flag;

/* One per subject and competency, 32 bytes, so that a large institution's
 * results stay compact: what can be derived again (the required level, the
 * gap, self against others) is not kept but given by assess_required,
 * assess_gap and assess_self_diff. */
typedef struct comp_result {
	num score;
	uint32_t withheld;     /* relations withheld for this competency */
	uint16_t develop;      /* 1 + the index of the develop rule that
				  applies (assess_action), or 0 */
	uint8_t cmp;           /* expr_op of the requirement */
	uint8_t flag;          /* self_flag */
	bool has_score;
	bool has_required;     /* the profile requires this competency */
	bool not_applicable;   /* the profile marks it not applicable */
	bool has_gap;          /* required and scored */
	bool met;              /* scored and meeting the requirement */
	bool has_self_diff;
} comp_result;

typedef struct subject_result {
	int32_t profile;       /* index in model->profiles, or -1 */
	bool meets;            /* every applicable requirement met with data */
	num total_gap;
	uint32_t gaps;         /* competencies with a gap > 0 */
	uint32_t no_data;      /* required competencies without a score */
} subject_result;

typedef struct group_result {
	val key;
	uint32_t subjects, with_profile, meeting;
	num *mean;             /* per competency: mean score over subjects */
	bool *has_mean;
	uint32_t *scored;      /* per competency: subjects with a score */
	uint32_t withheld;     /* relation cells withheld in the group */
} group_result;

typedef struct succession_entry {
	uint32_t subject;
	bool ready;            /* meets every requirement of the target */
	bool complete;         /* has a score for every requirement */
	num total_gap;
} succession_entry;

typedef struct succession_result {
	const m_succession *decl;
	succession_entry *entries;
	size_t len;
} succession_result;

typedef struct assess_run {
	const m_assessment *as;
	const model *model;
	table *subjects;
	arena *arena;
	size_t nsubj, ncomp, nrel;
	size_t col_subject, col_rater, col_relation, col_competency, col_score;
	size_t *rel_len;       /* lengths of the relation names */
	/* The weights as whole numbers over one denominator (10%, 40%, 25%,
	 * 25% -> 2, 8, 5, 5 over 20), when they fit: the weighted score of
	 * whole-number sums is then one fraction, reduced once. */
	int64_t *wint;         /* by relation, or NULL */
	/* Every cell's sum counts in units of 1/sum_den: 1 while the scores
	 * are whole, the least common multiple of their denominators once a
	 * fraction comes (the sums are then scaled up, exactly). */
	int64_t sum_den;
	/* The largest |sum| any cell has reached, and the largest |score|
	 * added to one, in units of 1/sum_den (INT64_MAX when unknown): the
	 * bound assess_join needs. */
	int64_t absmax;
	/* A row was refused because a sum would not fit: whether it would
	 * have been refused too depends on the rows before it (assess_join). */
	bool sum_refused;
	/* [profile][competency]: the requirement, or NULL */
	const struct m_requirement **req;
	/* [subject][competency][relation]: 8-byte cells (narrow) until one
	 * does not fit, then 16-byte cells (cells) */
	rel_cell8 *narrow;
	rel_cell *cells;
	comp_result *comps;    /* [subject][competency] */
	subject_result *subj;  /* [subject] */
	uint32_t *order;       /* subjects sorted by key */
	uint32_t *comp_order;  /* competencies sorted by name */
	group_result *groups;  /* sorted by key */
	size_t ngroups;
	succession_result *succ;
	size_t nsucc;
	load_stats ratings;
	uint64_t na_answers;
	/* duplicate detection: the raters (interned) and what each rated */
	intern_table raters;
	seen_set seen;         /* keyed by subject * nrel + relation */
	const char *error;     /* an evaluation error (missing relation under
				  'missing error'), reported by the caller */
	unsigned threads;      /* for scoring: 2 scores halves at once */
} assess_run;

void assess_init(assess_run *r, arena *a, const model *m,
		 const m_assessment *as, table *subjects);
/* A load_row_fn for the ratings dataset. */
const char *assess_add_row(void *ud, const val *row, uint32_t line,
			   size_t *column);
/* Computes every result; false on an evaluation error (r->error). */
bool assess_finish(assess_run *r, eval_env *env, diag_list *diags);
void assess_free(assess_run *r);
/* The ratings file in two parts at once (a load_parts, see load.h):
 * assess_fork makes an empty run like r for the second part, with its
 * messages in arena a; assess_join adds the part to r, or returns false,
 * r unchanged, when reading the rows in one pass would not have given the
 * same (a rating of the part repeats one of r, or a sum would not fit);
 * assess_drop frees a part. */
void *assess_fork(void *r, arena *a);
bool assess_join(void *r, void *part);
void assess_drop(void *part);

static inline rel_cell assess_cell(const assess_run *r, size_t s, size_t c,
				   size_t rel)
{
	size_t i = (s * r->ncomp + c) * r->nrel + rel;
	if (r->cells)
		return r->cells[i];
	rel_cell out = {r->narrow[i].sum, r->narrow[i].raters, r->narrow[i].na};
	return out;
}

static inline comp_result *assess_comp(const assess_run *r, size_t s, size_t c)
{
	return &r->comps[s * r->ncomp + c];
}

rel_status assess_rel_status(const assess_run *r, const rel_cell *cell,
			     size_t rel);
/* A cell's sum and mean (sum / raters), exactly; false when it does not
 * fit. */
num assess_cell_sum(const assess_run *r, const rel_cell *cell);
/* The level the subject's profile requires (when has_required), the gap:
 * required - score when positive, else 0 (when has_gap), and the self
 * mean minus the others' weighted mean (when has_self_diff). */
num assess_required(const assess_run *r, size_t s, size_t c);
num assess_gap(const assess_run *r, size_t s, size_t c);
num assess_self_diff(const assess_run *r, size_t s, size_t c);
/* The development action of a result, or NULL. */
const char *assess_action(const assess_run *r, const comp_result *cr);
bool assess_cell_mean(const assess_run *r, const rel_cell *cell, num *mean);

#endif
