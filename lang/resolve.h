/*
 * resolve.h - the checked model of a program.
 *
 * resolve_program binds every name, checks every type and every
 * consistency rule, and reports all the problems it finds in one run.  What
 * it returns is the model later stages evaluate: declarations with their
 * references resolved to pointers, levels as exact numbers, weights summed.
 * A model built from a program with errors is complete enough to walk but
 * must not be evaluated.
 */
#ifndef RUBRIC_RESOLVE_H
#define RUBRIC_RESOLVE_H

#include "program.h"

typedef struct m_scale m_scale;
typedef struct m_framework m_framework;
typedef struct m_dataset m_dataset;
typedef struct m_profile m_profile;

/* Governance metadata: the unit that owns a declaration, who approved it,
 * and the regulation or document it comes from (`owner`, `approver`,
 * `source`), each NULL when not declared.  Every declaration with a block
 * has one, and so do the header (model.governance) and a scorecard's
 * themes, objectives and measures; reports carry them, and `check
 * --strict` requires some (resolve_strict).  `span` is the declaration's
 * name (the header's keyword `rubric`), where a missing item is reported;
 * file 0 for a rule set with no header.  `incomplete`: the block holds a
 * syntax error, so items may have been lost and none is reported missing. */
typedef struct m_governance {
	const char *owner, *approver, *source;
	src_span span;
	bool incomplete;
} m_governance;

/* Whether any of owner, approver and source is declared. */
bool m_governance_any(const m_governance *g);

typedef struct m_level {
	const char *name;   /* may be NULL: a level known only by its value */
	const char *title;
	num value;
	src_span span;
} m_level;

/* `incomplete` marks a declaration that holds a syntax error: items may
 * have been lost to error recovery, so what seems missing from it is not
 * reported again. */
struct m_scale {
	bool incomplete;
	ast_name name;
	const char *title;
	m_governance governance;
	ptr_vec levels;     /* m_level*, in increasing value */
};

typedef struct m_area {
	ast_name name;
	const char *title;
} m_area;

typedef struct m_competency {
	ast_name name;
	const char *title;
	m_framework *framework;
	m_area *area;       /* NULL when directly in the framework */
	m_scale *scale;
	ptr_vec levels;     /* m_level*: the levels it is defined at (all when
			       the competency declares no `levels`) */
	ptr_vec indicators; /* const char* */
	ast_item *item;
} m_competency;

struct m_framework {
	bool incomplete;
	ast_name name;
	const char *title;
	m_governance governance;
	m_scale *scale;
	ptr_vec areas;         /* m_area* */
	ptr_vec competencies;  /* m_competency*, in declaration order */
};

typedef enum m_type {
	TYPE_ERROR,   /* a problem already reported: check nothing further */
	TYPE_NUMBER,
	TYPE_BOOL,
	TYPE_TEXT,
	TYPE_DATE,
	TYPE_PERIOD,
	TYPE_DURATION,
	TYPE_ROWS,    /* a dataset, or a filtered part of one */
	TYPE_COLUMN,  /* a dataset column, as the argument of an aggregate */
} m_type;

const char *m_type_name(m_type t);

typedef enum m_column_type {
	COL_TEXT, COL_NUMBER, COL_INTEGER, COL_PERCENT, COL_DATE, COL_PERIOD,
	COL_BOOL,
} m_column_type;

typedef enum m_ref_kind {
	REF_NONE,
	REF_DATASET,      /* a key of another dataset */
	REF_COMPETENCY,   /* a competency of a framework */
	REF_PROFILE,      /* the name of a profile */
	REF_LEVEL,        /* a level of a scale */
	REF_MEASURE,      /* a measure of a scorecard */
} m_ref_kind;

typedef struct m_column {
	ast_name name;
	m_column_type type;
	bool optional;
	ptr_vec allowed;     /* ast_expr*: allowed values, or empty */
	bool has_range;
	num lo, hi;
	const char *na;      /* the not-applicable marker, or NULL */
	m_ref_kind ref;
	m_dataset *ref_dataset;
	m_framework *ref_framework;
	m_scale *ref_scale;
	struct m_scorecard *ref_scorecard;
} m_column;

struct m_dataset {
	bool incomplete;
	ast_name name;
	const char *title;
	m_governance governance;
	const char *path;    /* default path, relative to the declaring file */
	ptr_vec columns;     /* m_column* */
	ptr_vec keys;        /* m_column* */
};

typedef struct m_requirement {
	m_competency *competency; /* NULL for `require all` */
	expr_op cmp;
	num level;
	bool not_applicable;
	src_span span;
} m_requirement;

struct m_profile {
	bool incomplete;
	ast_name name;
	const char *title;
	m_governance governance;
	m_framework *framework;
	ptr_vec requirements;   /* m_requirement*: one per competency, `all` expanded */
};

typedef enum m_missing { MISSING_RENORMALIZE, MISSING_ZERO, MISSING_ERROR } m_missing;

typedef struct m_relation {
	ast_name name;
	num weight;      /* a fraction of 1 */
	int minimum;     /* distinct raters needed; 1 when not declared */
} m_relation;

typedef struct m_succession {
	m_profile *target, *from;
	src_span span;
} m_succession;

typedef struct m_develop {
	ast_expr *when;      /* over gap, score, required, competency and the
				subject's columns */
	const char *action;
	src_span span;
} m_develop;

/* The ratings columns an assessment reads, found by name. */
typedef struct m_rating_columns {
	m_column *subject, *rater, *relation, *competency, *score;
} m_rating_columns;

typedef struct m_assessment {
	ast_name name;
	const char *title;
	m_governance governance;
	src_span span;
	m_framework *framework;
	m_dataset *ratings, *subjects;
	m_rating_columns cols;
	m_column *profile_column;   /* subjects' column naming each profile */
	m_column *group_column;     /* summarise by */
	ptr_vec relations;   /* m_relation* */
	m_relation *self;    /* the relation named `self`, if weighted */
	m_missing missing;
	num threshold;       /* blind spots: declared, or a third of the span */
	ptr_vec successions; /* m_succession* */
	ptr_vec develops;    /* m_develop*, first match wins */
} m_assessment;

typedef struct m_rule {
	ast_decl *decl;
	m_type type;
	m_dataset *group_dataset; /* for each x in d.col */
	m_column *group_column;
	/* A rule per subject: `for each x in DATASET` (each_row), or a rule
	 * without `for each` that uses certified(), competence(), ...: one
	 * value per row of this dataset. */
	m_dataset *subject_dataset;
	bool each_row;
	int state;                /* resolving: 0 new, 1 in progress, 2 done */
} m_rule;

typedef struct m_perspectives {
	ast_name name;
	const char *title;
	m_governance governance;
	ptr_vec items;       /* ast_item* (ITEM_PERSPECTIVE), in order */
} m_perspectives;

/* ---- balanced scorecards ---- */

typedef enum m_better { BETTER_HIGHER, BETTER_LOWER, BETTER_WITHIN } m_better;
typedef enum m_aggregate { AGG_LAST, AGG_SUM, AGG_MEAN, AGG_RATIO } m_aggregate;

typedef struct m_target {
	const char *part;     /* NULL: the whole measure */
	expr_op cmp;          /* >=, >, <=, <, = (range: OP_NONE) */
	num value;
	bool is_range;
	num lo, hi;           /* a target range, inclusive */
	cal_period by;        /* the deadline */
	bool percent;         /* written as a percentage: shown as one */
	src_span span;
} m_target;

typedef struct m_band {
	const char *name;
	bool strict;          /* `>` rather than `>=` */
	num from;             /* a score (fraction of 1) */
	src_span span;
} m_band;

typedef struct m_objective m_objective;
typedef struct m_scorecard m_scorecard;

typedef struct m_measure {
	ast_name name;
	const char *title;
	m_governance governance;
	const char *unit;
	m_better better;
	bool has_baseline;
	num baseline;
	cal_period baseline_period;
	ptr_vec targets;      /* m_target*: one, or one per part */
	ptr_vec parts;        /* const char* (interned) */
	m_aggregate aggregate;
	ptr_vec bands;        /* m_band*, highest threshold first */
	bool has_weight;
	num weight;
	m_objective *objective;
	src_span span;
} m_measure;

typedef struct m_theme {
	ast_name name;
	const char *title;
	m_governance governance;
	const char *intended;
	ptr_vec objectives;   /* m_objective* */
	bool bad_weights;     /* a weight was refused: no sum to check */
} m_theme;

struct m_objective {
	ast_name name;
	const char *title;
	m_governance governance;
	const char *perspective;   /* interned, or NULL */
	bool has_weight;
	num weight;
	ptr_vec measures;          /* m_measure* */
	ptr_vec initiatives;       /* const char* */
	m_theme *theme;            /* NULL when directly in the scorecard */
	m_scorecard *scorecard;
	m_objective *contributes;  /* cascading: the parent objective */
	ast_name contributes_name; /* as written: objective or card.objective */
	bool bad_weights;          /* a measure's weight was refused */
};

typedef struct m_link {
	m_objective *from, *to;
	src_span span;
} m_link;

struct m_scorecard {
	ast_name name;
	const char *title;
	m_governance governance;
	ptr_vec perspectives;  /* ast_item* (ITEM_PERSPECTIVE), bottom to top */
	ptr_vec themes;        /* m_theme* */
	ptr_vec objectives;    /* m_objective*, every one, in order */
	ptr_vec measures;      /* m_measure*, every one, in order */
	ptr_vec links;         /* m_link* */
	m_dataset *data;       /* `measures DATASET` */
	size_t col_measure, col_period, col_value, col_part; /* (size_t)-1: none */
};

/* ---- certifications ---- */

typedef enum m_clause_kind {
	CLAUSE_EXAM,          /* exam name { score, pass, attempts, valid } */
	CLAUSE_CREDITS,       /* credits name { amount, category, total, cap } */
	CLAUSE_COMPETENCE,    /* competence assessment.competency >= level */
	CLAUSE_PREREQUISITE,  /* prerequisite certification */
	CLAUSE_CONDITION,     /* condition name = expr */
} m_clause_kind;

/* Rows of an evidence dataset, each with its subject and date. */
typedef struct m_evidence {
	m_dataset *dataset;
	size_t col_value;     /* exam score, credit amount */
	size_t col_subject;   /* the column that refers to the subjects */
	size_t col_date;
	size_t col_category;  /* credits `by COLUMN`; (size_t)-1: none */
	ast_expr *where;      /* NULL: every row */
} m_evidence;

typedef struct m_category_min {
	const char *category; /* interned */
	expr_op cmp;
	num amount;
	src_span span;
} m_category_min;

typedef struct m_certification m_certification;

typedef struct m_clause {
	m_clause_kind kind;
	ast_name name;        /* exam, credits, condition: its name; competence:
				 the competency; prerequisite: the certification */
	const char *title;
	src_span span;
	m_evidence ev;        /* exam, credits */
	/* exam */
	num pass;
	bool pass_percent;
	int attempts;         /* 0: every attempt counts */
	bool has_valid;
	cal_duration valid;   /* a pass counts for this long */
	/* credits */
	expr_op total_cmp;
	num total;
	bool has_within;
	cal_duration within;
	bool has_cap;
	num cap;              /* per calendar year */
	ptr_vec minimums;     /* m_category_min* */
	/* competence */
	struct m_assessment *assessment;
	size_t assessment_ix;
	m_competency *competency;
	size_t competency_ix; /* in the assessment's framework */
	expr_op cmp;
	num level;
	/* prerequisite */
	m_certification *prerequisite;
	/* condition */
	ast_expr *expr;
} m_clause;

struct m_certification {
	ast_name name;
	const char *title;
	src_span span;
	size_t index;          /* in model.certifications */
	m_dataset *subjects;
	ptr_vec clauses;       /* m_clause* */
	bool has_valid;
	cal_duration valid;
	bool valid_from_exam;  /* valid ... from exam */
	bool has_grace;
	cal_duration grace;
	bool has_warn;
	cal_duration warn;
	bool has_renewal;
	bool has_window;
	cal_duration window;
	bool anchor_renewal;   /* next cycle from the renewal day */
	ptr_vec renewal;       /* m_clause*: empty: the certification's own */
	bool incomplete;
	int state;             /* checking: 0 new, 1 in progress, 2 done */
	ast_decl *decl;
	m_governance governance;
};

/* ---- matching candidates to posts ---- */

typedef struct m_points {
	ast_name name;
	const char *title;
	ast_expr *expr;
	src_span span;
} m_points;

typedef struct m_match {
	ast_name name;
	const char *title;
	m_dataset *candidates, *posts;
	ptr_vec points;        /* m_points* */
	bool has_threshold;
	num threshold;
	m_governance governance;
} m_match;

/* ---- tests written in rule files ---- */

typedef struct m_given {
	m_dataset *dataset;
	const char *path;      /* a fixture file, relative to the rule file; or */
	ptr_vec rows;          /* ast_item* (ITEM_ROW): a header, then rows */
	src_span span;
} m_given;

typedef struct m_expect {
	ast_expr *expr;        /* a boolean; NULL for a message */
	const char *key;       /* for "KEY": about that row of `subject`, or
				  (grouped) the group KEY of rules `for each` */
	m_dataset *subject;
	bool grouped;
	const char *message;   /* expect message "...": a problem reported */
	src_span span;
} m_expect;

typedef struct m_golden {
	const char *table;     /* a CSV table of `rubric eval` */
	const char *path;      /* the expected CSV, relative to the rule file */
	src_span span;
} m_golden;

typedef struct m_test {
	ast_name name;
	const char *title;
	bool has_at;
	cal_date at;
	ptr_vec givens;        /* m_given* */
	ptr_vec expects;       /* m_expect* */
	ptr_vec goldens;       /* m_golden* */
} m_test;

struct model {
	/* header */
	const char *title, *version;
	m_governance governance; /* the header's owner, approver, source */
	bool has_effective;
	cal_date effective;
	int round_places;
	num_round_mode round_mode;
	/* declarations, in source order */
	ptr_vec scales, frameworks, datasets, profiles, assessments, rules,
		perspectives, scorecards, certifications, matches, tests;
	ptr_vec competencies; /* every competency of every framework */
};

model *resolve_program(program *p);

/* The index of a dataset in the model, of a column in its dataset;
 * (size_t)-1 when it is not there. */
size_t dataset_index(const model *m, const m_dataset *ds);
size_t column_index(const m_dataset *ds, const m_column *col);
/* What `rubric check --strict` requires besides a clean check: the
 * header's version, effective date and owner, and an owner and a source
 * for every framework, scorecard and measure (resolve_strict.c).  Each
 * declaration that lacks some is one `missing-governance` error at its
 * name, added to diags. */
void resolve_strict(const model *m, const src_set *srcs, diag_list *diags);

#endif
