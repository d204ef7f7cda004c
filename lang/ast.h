/*
 * ast.h - the syntax tree of a rule file.
 *
 * The parser builds it and nothing else: names are not bound and types are
 * not checked here (that is resolve.c).  Every node lives in the program's
 * arena and carries the span of source it came from.
 *
 * A file is a list of declarations (ast_decl).  A declaration's body is a
 * list of items (ast_item); an item may hold nested items (an area holds
 * competencies, a competency holds indicators).  One item struct serves
 * every kind, so adding an item kind means adding an enum value, a grammar
 * rule and a check, nothing more.
 */
#ifndef RUBRIC_AST_H
#define RUBRIC_AST_H

#include <stdbool.h>

#include "../runtime/cal.h"
#include "../runtime/num.h"
#include "arena.h"
#include "src.h"

typedef struct ast_name {
	const char *s; /* interned; NULL when absent */
	src_span span;
} ast_name;

typedef enum expr_kind {
	EXPR_NUMBER,   /* number; percent says it was written with '%' */
	EXPR_STRING,   /* text */
	EXPR_BOOL,     /* boolean */
	EXPR_DATE,     /* date */
	EXPR_PERIOD,   /* period */
	EXPR_DURATION, /* duration */
	EXPR_NAME,     /* name */
	EXPR_FIELD,    /* a.name: a dataset column, a level of a scale, ... */
	EXPR_CALL,     /* name(args) */
	EXPR_UNARY,    /* op a: '-' or not */
	EXPR_BINARY,   /* a op b */
	EXPR_IF,       /* if a then b else c */
	EXPR_IN,       /* a in (args) */
	EXPR_WHERE,    /* a where b: only as a call argument */
} expr_kind;

typedef enum expr_op {
	OP_NONE,
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_NEG,
	OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
	OP_AND, OP_OR, OP_NOT,
} expr_op;

typedef struct ast_expr ast_expr;
struct ast_expr {
	expr_kind kind;
	expr_op op;
	src_span span;
	num number;
	bool percent;
	bool boolean;
	const char *text; /* EXPR_STRING: the decoded string, UTF-8 */
	size_t text_len;
	cal_date date;
	cal_period period;
	cal_duration duration;
	ast_name name;    /* EXPR_NAME, EXPR_FIELD (the part after '.'), EXPR_CALL */
	ast_expr *a, *b, *c;
	ptr_vec args;     /* EXPR_CALL, EXPR_IN: ast_expr* */
	int depth;        /* 1 for a leaf; bounded by PARSE_MAX_EXPR_DEPTH */
};

const char *expr_op_text(expr_op op);
struct ast_expr;
/* a = b, a != b, a < b, ... (not `in`) */
bool expr_is_comparison(const struct ast_expr *e);

typedef enum item_kind {
	/* metadata, in a header or any declaration */
	ITEM_VERSION,     /* version "2009.2" */
	ITEM_EFFECTIVE,   /* effective 2009-01-01 */
	ITEM_OWNER,       /* owner "..." */
	ITEM_APPROVER,    /* approver "..." */
	ITEM_SOURCE,      /* source "..." (a regulation or document) */
	ITEM_DESCRIPTION, /* description "..." */
	ITEM_ROUNDING,    /* rounding 2 half_even */
	/* scales */
	ITEM_LEVEL,       /* level 3 name? "title"? */
	/* frameworks */
	ITEM_SCALE,       /* scale name */
	ITEM_AREA,        /* area name "title" { items } */
	ITEM_COMPETENCY,  /* competency name "title" { items } */
	ITEM_INDICATOR,   /* indicator "text" */
	ITEM_LEVELS,      /* levels 3..6 | levels 1, 2, 4 */
	ITEM_DESCRIPTOR,  /* descriptor profile "text" */
	/* datasets */
	ITEM_KEY,         /* key name, name */
	ITEM_COLUMN,      /* column name type? constraints */
	ITEM_PATH,        /* path "file.csv" */
	/* profiles and assessments */
	ITEM_FRAMEWORK,   /* framework name */
	ITEM_REQUIRE,     /* require name >= level | require name not applicable */
	ITEM_RATINGS,     /* ratings dataset */
	ITEM_SUBJECTS,    /* subjects dataset */
	ITEM_RELATION,    /* relation name weight 40% minimum 3 */
	ITEM_MISSING,     /* missing renormalize | zero | error */
	ITEM_THRESHOLD,   /* threshold expr */
	ITEM_SUMMARISE,   /* summarise by column */
	ITEM_PROFILES,    /* profiles by column */
	ITEM_SUCCESSION,  /* succession profile from profile */
	ITEM_DEVELOP,     /* develop when expr then "action" */
	/* perspective sets */
	ITEM_PERSPECTIVE, /* perspective name "title" (a reference in an objective) */
	/* scorecards */
	ITEM_PERSPECTIVES,  /* perspectives set */
	ITEM_MEASURES,      /* measures dataset */
	ITEM_THEME,         /* theme name "title" { items } */
	ITEM_INTENDED,      /* intended "result" */
	ITEM_OBJECTIVE,     /* objective name "title" { items } */
	ITEM_WEIGHT,        /* weight 50% */
	ITEM_INITIATIVE,    /* initiative "text" */
	ITEM_CONTRIBUTES,   /* contributes scorecard.objective */
	ITEM_LINK,          /* link objective -> objective */
	ITEM_MEASURE,       /* measure name "title" { items } */
	ITEM_UNIT,          /* unit "visitors per month" */
	ITEM_BETTER,        /* better higher | lower | within */
	ITEM_BASELINE,      /* baseline 20 at 2015 */
	ITEM_TARGET,        /* target part? >= 8 by 2016 | target 5..8 by 2016 */
	ITEM_PARTS,         /* parts local, international */
	ITEM_AGGREGATE,     /* aggregate sum | mean | last | ratio */
	ITEM_BAND,          /* band amber >= 95% */
	/* certifications */
	ITEM_EXAM,          /* exam name "title" { score, pass, attempts, valid, dated } */
	ITEM_SCORE,         /* score dataset.column [where c] */
	ITEM_PASS,          /* pass 80% */
	ITEM_ATTEMPTS,      /* attempts 3 */
	ITEM_VALID,         /* valid 2 years [from exam] */
	ITEM_DATED,         /* dated column */
	ITEM_CREDITS,       /* credits name "title" { amount, category, total, cap, dated } */
	ITEM_AMOUNT,        /* amount dataset.column [where c] [by column] */
	ITEM_CATEGORY,      /* category ethics >= 8 */
	ITEM_TOTAL,         /* total >= 40 [within 2 years] */
	ITEM_CAP,           /* cap 30 per year */
	ITEM_COMPETENCE,    /* competence assessment.competency >= level */
	ITEM_PREREQUISITE,  /* prerequisite certification */
	ITEM_CONDITION,     /* condition name "title" = expr */
	ITEM_GRACE,         /* grace 30 days */
	ITEM_WARN,          /* warn 60 days */
	ITEM_RENEWAL,       /* renewal { window, anchor, requirements } */
	ITEM_WINDOW,        /* window 6 months */
	ITEM_ANCHOR,        /* anchor certification | renewal */
	/* matching */
	ITEM_CANDIDATES,    /* candidates dataset */
	ITEM_POSTS,         /* posts dataset */
	ITEM_POINTS,        /* points name "title" = expr */
	/* tests */
	ITEM_AT,            /* at 2024-06-30: the as-of date */
	ITEM_GIVEN,         /* given dataset { row "..." } | given dataset "file.csv" */
	ITEM_ROW,           /* row "a,b,c": a CSV line */
	ITEM_EXPECT,        /* expect [for "key"] expr | expect message "text"
			       (not_applicable marks the message form) */
	ITEM_GOLDEN,        /* golden table "expected.csv" */
	ITEM_KIND_COUNT   /* not an item: the number of kinds */
} item_kind;

typedef struct ast_item ast_item;
struct ast_item {
	item_kind kind;
	src_span span;      /* the whole item */
	ast_name name;      /* the declared or referenced name */
	const char *text;   /* a string operand (title, descriptor, path, a
			       column's not-applicable marker) */
	src_span text_span;
	ast_expr *value;    /* level value, weight, rounding places, threshold */
	ast_expr *value2;   /* minimum (relation) */
	ast_name ref;       /* column: type name; rounding: mode; missing: policy */
	ast_name target;    /* column '-> target' */
	expr_op cmp;        /* require: comparator */
	bool not_applicable;/* require ... not applicable */
	bool optional;      /* column ... optional */
	bool is_range;      /* levels a..b, column in a..b */
	cal_date date;      /* effective */
	ptr_vec list;       /* key names (ast_name*), allowed values and level
			       lists (ast_expr*) */
	ast_expr *lo, *hi;  /* ranges */
	ptr_vec items;      /* nested items */
};

typedef enum decl_kind {
	DECL_HEADER,     /* rubric "title" { items } */
	DECL_USE,        /* use std.scales */
	DECL_INCLUDE,    /* include "file.rubric" */
	DECL_SCALE,
	DECL_FRAMEWORK,
	DECL_DATA,
	DECL_PROFILE,
	DECL_ASSESSMENT,
	DECL_RULE,       /* rule name "title"? (for each x in d.col)? = expr */
	DECL_PERSPECTIVES, /* perspectives name "title" { perspective ... } */
	DECL_SCORECARD,  /* scorecard name "title" { themes, objectives, ... } */
	DECL_CERTIFICATION, /* certification name "title" { requirements, time } */
	DECL_MATCH,      /* match name "title" { candidates, posts, points } */
	DECL_TEST,       /* test name "title" { at, given, expect, golden } */
} decl_kind;

typedef struct ast_decl {
	decl_kind kind;
	src_span span;
	src_span keyword_span;
	ast_name name;     /* use: the module path as written, e.g. std.scales */
	const char *title; /* include: the path */
	src_span title_span;
	ptr_vec items;     /* ast_item* */
	ast_name each;     /* rule ... for each <each> in <group> */
	ast_expr *group;
	ast_expr *expr;    /* rule body */
	src_span close_span; /* the closing brace, for "unclosed block" notes */
	uint16_t target;   /* use, include: the file loaded (0: none) */
} ast_decl;

typedef struct ast_file {
	uint16_t file;  /* src id */
	ptr_vec decls;  /* ast_decl* */
	ptr_vec errors;  /* byte offsets (as uintptr_t) of syntax and lexical
			    errors: a declaration holding one may be incomplete */
} ast_file;

const char *decl_kind_name(decl_kind k);
/* With its article, for messages: "a data declaration", "an assessment". */
const char *decl_kind_phrase(decl_kind k);
const char *item_kind_name(item_kind k);

#endif
