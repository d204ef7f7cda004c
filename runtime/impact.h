/*
 * impact.h - what a change to the rules does to the results: two
 * evaluations of the same data, by two versions of a rule set, compared.
 *
 * Objects are matched by name (assessments, competencies, scorecards,
 * measures, objectives, certifications, rules) and subjects and groups by
 * their key, never by position.  The comparison holds only what changed,
 * each list in a fixed order (subjects and groups by key, competencies by
 * name, measures and objectives as the new version declares them, then the
 * ones it dropped), so the same inputs always give the same impact.
 *
 * impact_compare allocates from the arena given; the records point into
 * the two results (names, keys, values), which must outlive them.  Nothing
 * here prints: cli/cmd_diff.c writes the report.
 */
#ifndef RUBRIC_IMPACT_H
#define RUBRIC_IMPACT_H

#include "eval.h"

/* ---- 360-degree assessments ---- */

typedef struct impact_comp {
	const char *name;        /* the competency */
	size_t compared;         /* subjects with a score in both versions */
	size_t moved;            /* of those, how many scores changed */
	bool has_move;           /* moved > 0 */
	num largest;             /* the move (new - old) largest in size; of
				    two as large, the first subject's by key */
	val largest_subject;     /* whose it is */
	bool has_mean;           /* compared > 0 and the mean fits */
	num mean;                /* mean move over the subjects compared */
	size_t opened, closed;   /* gaps (above 0) that open, that close */
	size_t scored, unscored; /* subjects who gain a score, who lose one */
} impact_comp;

typedef struct impact_meets {
	val subject;
	const char *old_profile, *new_profile; /* NULL: none */
	bool old_meets, new_meets;
} impact_meets;

typedef struct impact_assessment {
	const char *name;
	size_t subjects;         /* subjects in both versions */
	impact_comp *comps;      /* every competency of either version, by name */
	size_t ncomps;
	impact_meets *meets;     /* subjects whose meeting their profile changed */
	size_t nmeets;
	size_t newly_meet, no_longer_meet;
} impact_assessment;

/* ---- scorecards ---- */

typedef enum impact_sc_kind { IMPACT_SCORECARD, IMPACT_OBJECTIVE, IMPACT_MEASURE } impact_sc_kind;

const char *impact_sc_kind_name(impact_sc_kind k);

typedef struct impact_sc {
	const char *scorecard;
	impact_sc_kind kind;
	const char *name;        /* objective or measure; the scorecard's name */
	bool in_old, in_new;     /* a measure or objective one version lacks */
	sc_status old_status, new_status;
	bool old_has_score, new_has_score;
	num old_score, new_score;
	const char *old_band, *new_band;  /* measures only; NULL: none */
} impact_sc;

/* ---- certifications ---- */

typedef struct impact_cert_change {
	val subject;
	int old_status, new_status;  /* cert_status; -1: no such certification
					(or subject) in that version */
} impact_cert_change;

typedef struct impact_cert {
	const char *name;
	bool in_old, in_new;
	impact_cert_change *changes; /* subjects whose status changed, by key */
	size_t nchanges;
	size_t gained, lost;     /* held (certified, expiring or in grace) in
				    the new version only; in the old only */
} impact_cert;

/* ---- rules ---- */

typedef struct impact_rule {
	const char *rule;
	bool grouped;            /* for each: `group` is the group's key */
	val group;
	bool in_old, in_new;     /* a group one version lacks */
	val old_value, new_value;
} impact_rule;

typedef struct impact_result {
	impact_assessment *assessments; /* in both versions, by name */
	size_t nassessments;
	impact_sc *scorecards;   /* changed roll-ups and measures */
	size_t nscorecards;
	impact_cert *certs;      /* certifications of either version, by name */
	size_t ncerts;
	impact_rule *rules;      /* changed values of rules in both, by name
				    then group */
	size_t nrules;
	size_t changes;          /* how many results changed in all; 0: none */
} impact_result;

void impact_compare(arena *a, const eval_result *old_r, const eval_result *new_r,
		    impact_result *out);

/* Whether two runtime values are the same value (texts by content). */
bool impact_same_val(val a, val b);

#endif
