/*
 * scorecard.h - evaluating balanced scorecards as of a date.
 *
 * Each measure's data rows (from the scorecard's `measures` dataset) are
 * gathered once; each target is then judged as of the date: met or not met
 * once its deadline has passed, on track or at risk before it (against the
 * straight line from the baseline to the target), and no data when the
 * value is missing or not determined.  Scores are progress from baseline to
 * target, clamped to 0..100%, and roll up to objectives, themes,
 * perspectives and the scorecard over what has data, with the coverage.
 * The semantics are in docs/scorecards.md.
 */
#ifndef RUBRIC_SCORECARD_H
#define RUBRIC_SCORECARD_H

#include "diag.h"
#include "load.h"

typedef enum sc_status {
	SC_NO_DATA,
	SC_MET,
	SC_NOT_MET,
	SC_ON_TRACK,
	SC_AT_RISK,
} sc_status;

const char *sc_status_name(sc_status s);

typedef struct sc_target_result {
	const m_target *target;
	sc_status status;
	bool deadline_passed;
	bool has_actual;
	num actual;
	bool has_period;
	cal_period period;     /* the period whose value was judged */
	bool has_expected;
	num expected;          /* on the line from baseline to target */
	bool has_score;
	num score;             /* progress, 0..1 */
	const char *reason;
} sc_target_result;

typedef enum sc_trend { TREND_NONE, TREND_IMPROVING, TREND_STEADY, TREND_WORSENING } sc_trend;

typedef struct sc_measure_result {
	const m_measure *measure;
	sc_target_result *targets;  /* the judged target of each part (or one) */
	size_t ntargets;
	sc_status status;
	bool has_score;
	num score;
	const char *band;
	sc_trend trend;
	bool has_trend;
	num previous, latest;
	cal_period previous_period, latest_period;
} sc_measure_result;

typedef struct sc_rollup {
	bool has_score;
	num score;
	size_t with_data, total;    /* measures with a score, and in all */
	sc_status status;           /* the worst status among them */
} sc_rollup;

typedef struct sc_result {
	const m_scorecard *card;
	cal_date as_of;
	bool as_of_from_data;       /* not given: the end of the last period */
	sc_measure_result *measures;   /* parallel to card->measures */
	sc_rollup *objectives;         /* parallel to card->objectives */
	sc_rollup *themes;             /* parallel to card->themes */
	sc_rollup *perspectives;       /* parallel to card->perspectives */
	sc_rollup overall;
	const char *error;          /* a score that does not fit: the run fails */
} sc_result;

/* Evaluates a scorecard over its loaded measures table (NULL: no data).
 * Rows naming no measure of the scorecard are reported as warnings. */
void sc_evaluate(sc_result *out, arena *a, const model *m,
		 const m_scorecard *card, const table *data, bool has_as_of,
		 cal_date as_of, int places, num_round_mode mode, diag_list *diags);

#endif
