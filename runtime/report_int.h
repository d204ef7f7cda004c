/*
 * report_int.h - what the report writers share; not part of the library's
 * interface.  report.c writes the assessments, rules and data sections and
 * chooses what to write; report_scorecard.c writes scorecards and the
 * strategy map; report_cert.c certifications and matches.
 */
#ifndef RUBRIC_REPORT_INT_H
#define RUBRIC_REPORT_INT_H

#include "report.h"

#define CSV_PLACES 4

typedef struct writer {
	FILE *out;
	const eval_result *r;
	const report_options *o;
	arena *a;
	int places;             /* for text */
	num_round_mode mode;
} writer;

typedef report_grid grid;

const char *rp_fmt_places(writer *w, num n, int places);
const char *rp_fmt_exact(writer *w, num n);
const char *rp_fmt_pct(writer *w, num n);
const char *rp_val_text(writer *w, val v);
/* "2018-12-31" */
const char *rp_date(writer *w, cal_date d);
/* The rule file of a span, and its line in *line; NULL for no place. */
const char *rp_source_file(writer *w, src_span at, int *line);
void rp_csv_row(FILE *out, const char *const *cells, size_t n);
void rp_json_num(writer *w, const char *key, bool has, num n);
const char *rp_bold(writer *w, const char *s);
void rp_json_val(writer *w, val v);

/* A declaration that has governance metadata: its kind ("framework"), its
 * name (a scorecard's theme, objective or measure as "card.name"). */
typedef struct rp_governance {
	const char *kind;
	const char *name;
	const m_governance *g;
} rp_governance;

/* Every declaration with an owner, approver or source (rp_governance*),
 * by kind in the order of the model (report_prov.c). */
ptr_vec rp_governance_list(writer *w);
/* The provenance block of the text report, each line after `pre` ("" for
 * text, "// " for a DOT comment). */
void rp_text_provenance(writer *w, const char *pre);
/* The provenance fields of a JSON object, from "rubric_version" to the
 * "governance" list, without a comma or newline after the last. */
void rp_json_provenance(writer *w);
/* A "governance" value: {"owner", "approver", "source"}, or null when none
 * is declared. */
void rp_json_governance(writer *w, const m_governance *g);

void rp_text_scorecard(writer *w, const sc_result *res);
void rp_csv_measures(writer *w);
void rp_csv_objectives(writer *w);
void rp_json_scorecards(writer *w);

void rp_text_certifications(writer *w);
void rp_text_matches(writer *w);
void rp_csv_certifications(writer *w);
void rp_csv_matches(writer *w);
void rp_json_certifications(writer *w);
void rp_json_matches(writer *w);
/* "exam purchasing", and "exam purchasing: best 79.5%, required >= 80%". */
const char *rp_cert_requirement(writer *w, const m_clause *cl);
const char *rp_cert_failure(writer *w, const cert_failure *f);
/* The failure alone: "best 79.5%, required >= 80%". */
const char *rp_cert_reason(writer *w, const cert_failure *f);

#endif
