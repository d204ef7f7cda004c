/*
 * cert.h - certifications: who holds one as of a date, since when, until
 * when, and why not.
 *
 * Per subject, the evidence (exam attempts, credits) is gathered once from
 * the loaded tables, sorted by date; the engine then walks the subject's
 * timeline: the first day every requirement holds, the cycles of validity,
 * renewals, grace and lapses, up to the as-of date.  The tree walker runs
 * only for `where` filters (once per evidence row) and conditions (once per
 * subject).  The semantics are in docs/certifications.md.
 */
#ifndef RUBRIC_CERT_H
#define RUBRIC_CERT_H

#include "eval_expr.h"

typedef enum cert_status {
	CERT_NOT_CERTIFIED,
	CERT_CERTIFIED,
	CERT_EXPIRING,    /* certified, expiry within the warning horizon */
	CERT_IN_GRACE,    /* past expiry, within grace, not renewed */
	CERT_EXPIRED,     /* certified once; the last cycle lapsed */
	CERT_N_STATUS
} cert_status;

const char *cert_status_name(cert_status s);
/* Certified, expiring or in grace: what certified() is true for. */
bool cert_held(cert_status s);

typedef enum cert_why {
	WHY_NO_ATTEMPT,     /* exam: no attempt dated in the window */
	WHY_BELOW,          /* seen cmp required fails (exam best, credits,
			       competence score) */
	WHY_ATTEMPTS_USED,  /* exam: a pass came after the allowed attempts */
	WHY_PASS_EXPIRED,   /* exam: passed on `date`, valid until `date2` */
	WHY_NO_SCORE,       /* competence: no score */
	WHY_NOT_HELD,       /* prerequisite: not held on the day */
	WHY_FALSE,          /* condition: false */
	WHY_UNKNOWN,        /* condition: undetermined (missing data) */
} cert_why;

typedef struct cert_failure {
	const m_clause *clause;
	cert_why why;
	const char *category;  /* credits: a category's minimum; NULL: the total */
	num seen, required;
	bool has_seen;
	expr_op cmp;           /* the requirement's comparison */
	cal_date date, date2;
	uint32_t attempts;
	val left, right;       /* condition: the operands of its comparison */
	bool has_operands;
	bool again;            /* expired: what a new certification still lacks,
				  as of the date (after what renewal lacked) */
} cert_failure;

typedef struct cert_subject {
	uint8_t status;        /* cert_status */
	bool has_since, has_expires, has_grace_end, has_renewed;
	cal_date since;        /* the current (or last) certification's date */
	cal_date expires;      /* first day not valid */
	cal_date grace_end;    /* first day not held, with grace */
	cal_date renewed;      /* the last renewal day */
	uint32_t renewals;
	cal_date day;          /* the day the failures were judged on */
	bool renewal;          /* they are what renewal lacked */
	cert_failure *failures;
	uint32_t nfailures;
	cal_date *held;        /* [start, end) pairs: the days it was held */
	uint32_t nheld;
} cert_subject;

/* One dated piece of evidence: an exam attempt or a credit. */
typedef struct cert_item {
	cal_date date;
	num value;
	const char *category;   /* credits by category: the text */
	uint32_t category_len;
	uint32_t row;           /* in the evidence table (its CSV line: lines[row]) */
} cert_item;

typedef struct cert_evidence {
	const table *table;
	cert_item *items;       /* grouped by subject, by date within one */
	size_t *start;          /* subject s: items[start[s] .. start[s+1]) */
} cert_evidence;

typedef struct cert_result {
	const m_certification *cert;
	const table *subjects;
	cert_subject *subj;    /* by subject row */
	uint32_t *order;       /* subject rows sorted by key */
	size_t n;
	size_t counts[CERT_N_STATUS];
	int state;             /* 0 not computed, 1 computing, 2 done */
	/* For explanations: the requirements (the certification's, then the
	 * renewal's) and the evidence of each (exams, credits). */
	const m_clause **clauses;
	cert_evidence *evidence;
	size_t nclauses;
} cert_result;

/* Computes r for every subject as of env->as_of.  env supplies the tables,
 * the assessments and the other certifications (for prerequisites and
 * certified()); false with env->error set on an evaluation error. */
bool cert_evaluate(cert_result *r, arena *a, const m_certification *cert,
		   eval_env *env);
/* Whether a subject holds the certification on `day`. */
bool cert_held_on(const cert_subject *s, cal_date day);

#endif
