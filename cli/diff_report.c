/* diff_report.c - the text and JSON reports of rubric diff; see
 * diff_report.h. */
#include "diff_report.h"

#include <string.h>

#include "report.h"
#include "resolve.h"

#define JSON_PLACES 4

/* ---- shared ------------------------------------------------------------------ */

/* FILE:LINE of a span in a program, or NULL for none. */
static const char *where(arena *a, const program *p, src_span s)
{
	if (!p || s.file == 0)
		return NULL;
	const src_file *f = src_get(&p->srcs, s.file);
	if (!f)
		return NULL;
	int line, col;
	src_line_col(f, s.start, &line, &col);
	return arena_printf(a, "%s:%d", f->name, line);
}

/* A signed move: "+0.25", "-0.10", "0.00" (no sign when it rounds to 0). */
static const char *fmt_move(arena *a, num n, int places, num_round_mode mode)
{
	const char *s = report_fmt_places(a, n, places, mode);
	return num_sign(n) > 0 && strpbrk(s, "123456789") ? arena_printf(a, "+%s", s) : s;
}

static const char *fmt_pct(arena *a, num n, int places, num_round_mode mode)
{
	num p;
	if (num_mul(n, num_int(100), &p) != NUM_OK)
		return "?";
	return arena_printf(a, "%s%%", report_fmt_places(a, p, places, mode));
}

static const char *val_text(arena *a, val v, int places, num_round_mode mode)
{
	return v.kind == VAL_NONE ? "no data" : report_val_text(a, v, places, mode);
}

static const char *cert_status_text(int s)
{
	return s < 0 ? "none" : cert_status_name((cert_status)s);
}

/* ---- text ---------------------------------------------------------------------- */

static void text_change(FILE *out, arena *a, const dr_file *f, const diff_change *c)
{
	static const char sym[] = {[DIFF_ADDED] = '+', [DIFF_REMOVED] = '-',
				   [DIFF_CHANGED] = '~'};
	fprintf(out, "  %c %s%s%s", sym[c->op], c->kind, *c->path ? " " : "", c->path);
	if (c->op == DIFF_CHANGED)
		fprintf(out, ": %s %s -> %s", c->field, c->old_value ? c->old_value : "none",
			c->new_value ? c->new_value : "none");
	else if (c->op == DIFF_ADDED && c->new_value)
		fprintf(out, ": %s", c->new_value);
	else if (c->op == DIFF_REMOVED && c->old_value)
		fprintf(out, ": %s", c->old_value);
	const char *oa = where(a, f->op, c->old_at), *na = where(a, f->np, c->new_at);
	fprintf(out, "  (%s / %s)\n", oa ? oa : "-", na ? na : "-");
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void text_assessment(FILE *out, arena *a, const impact_assessment *as,
			    int places, num_round_mode mode)
{
	fprintf(out, "assessment %s: %zu subject%s in both versions\n", as->name,
		as->subjects, plural(as->subjects, "", "s"));
	fprintf(out, "  profiles: %zu newly meet%s, %zu no longer meet%s\n",
		as->newly_meet, plural(as->newly_meet, "s", ""), as->no_longer_meet,
		plural(as->no_longer_meet, "s", ""));
	for (size_t i = 0; i < as->nmeets; i++) {
		const impact_meets *m = &as->meets[i];
		const char *subject = val_text(a, m->subject, places, mode);
		const char *op = m->old_profile ? m->old_profile : "no profile";
		const char *np = m->new_profile ? m->new_profile : "no profile";
		const char *profile = strcmp(op, np) == 0 ? op
			: arena_printf(a, "%s -> %s", op, np);
		fprintf(out, "    %s %s: %s -> %s\n", subject, profile,
			m->old_meets ? "meets" : "does not meet",
			m->new_meets ? "meets" : "does not meet");
	}
	static const bool right[] = {false, true, true, true, true, true, true};
	report_grid g = {7, {0}, right};
	const char *head[] = {"competency", "scores moved", "largest move", "mean move",
			      "gaps opened", "gaps closed", "scores gained/lost"};
	report_grid_add(a, &g, head);
	for (size_t i = 0; i < as->ncomps; i++) {
		const impact_comp *c = &as->comps[i];
		const char *row[7] = {
			c->name,
			arena_printf(a, "%zu of %zu", c->moved, c->compared),
			c->has_move ? arena_printf(a, "%s (%s)",
						   fmt_move(a, c->largest, places, mode),
						   val_text(a, c->largest_subject, places, mode))
				    : "-",
			c->has_mean ? fmt_move(a, c->mean, places, mode) : "-",
			arena_printf(a, "%zu", c->opened),
			arena_printf(a, "%zu", c->closed),
			arena_printf(a, "%zu/%zu", c->scored, c->unscored),
		};
		report_grid_add(a, &g, row);
	}
	report_grid_print(out, a, &g, "  ");
}

static const char *sc_side(arena *a, sc_status st, bool has_score, num score,
			   int places, num_round_mode mode)
{
	const char *s = sc_status_name(st);
	return has_score ? arena_printf(a, "%s %s", s, fmt_pct(a, score, places, mode)) : s;
}

static void text_scorecards(FILE *out, arena *a, const impact_result *im,
			    int places, num_round_mode mode)
{
	const char *card = NULL;
	for (size_t i = 0; i < im->nscorecards; i++) {
		const impact_sc *x = &im->scorecards[i];
		if (!card || strcmp(card, x->scorecard) != 0) {
			card = x->scorecard;
			fprintf(out, "scorecard %s\n", card);
		}
		fprintf(out, "  %s %s: ", impact_sc_kind_name(x->kind), x->name);
		const char *ov = x->in_old ? sc_side(a, x->old_status, x->old_has_score,
						     x->old_score, places, mode) : NULL;
		const char *nv = x->in_new ? sc_side(a, x->new_status, x->new_has_score,
						     x->new_score, places, mode) : NULL;
		if (!x->in_old)
			fprintf(out, "new, %s", nv);
		else if (!x->in_new)
			fprintf(out, "dropped, was %s", ov);
		else
			fprintf(out, "%s -> %s", ov, nv);
		bool band = (x->old_band || x->new_band) &&
			    !(x->old_band && x->new_band && !strcmp(x->old_band, x->new_band));
		if (band && x->in_old && x->in_new)
			fprintf(out, "; band %s -> %s", x->old_band ? x->old_band : "none",
				x->new_band ? x->new_band : "none");
		else if (band && x->in_new)
			fprintf(out, "; band %s", x->new_band);
		fputc('\n', out);
	}
}

static void text_certs(FILE *out, arena *a, const impact_result *im, int places,
		       num_round_mode mode)
{
	for (size_t i = 0; i < im->ncerts; i++) {
		const impact_cert *c = &im->certs[i];
		fprintf(out, "certification %s%s: %zu gain%s it, %zu lose%s it, %zu "
			"change%s status\n", c->name,
			!c->in_old ? " (new)" : !c->in_new ? " (dropped)" : "",
			c->gained, plural(c->gained, "s", ""), c->lost,
			plural(c->lost, "s", ""), c->nchanges,
			plural(c->nchanges, "s", ""));
		static const bool right[] = {false, false};
		report_grid g = {2, {0}, right};
		for (size_t k = 0; k < c->nchanges; k++) {
			const impact_cert_change *x = &c->changes[k];
			const char *row[2] = {
				val_text(a, x->subject, places, mode),
				arena_printf(a, "%s -> %s", cert_status_text(x->old_status),
					     cert_status_text(x->new_status)),
			};
			report_grid_add(a, &g, row);
		}
		report_grid_print(out, a, &g, "  ");
	}
}

static void text_rules(FILE *out, arena *a, const impact_result *im, int places,
		       num_round_mode mode)
{
	if (!im->nrules)
		return;
	fputs("rules\n", out);
	for (size_t i = 0; i < im->nrules; i++) {
		const impact_rule *r = &im->rules[i];
		fprintf(out, "  %s", r->rule);
		if (r->grouped)
			fprintf(out, " [%s]", val_text(a, r->group, places, mode));
		fprintf(out, ": %s -> %s\n",
			r->in_old ? val_text(a, r->old_value, places, mode) : "none",
			r->in_new ? val_text(a, r->new_value, places, mode) : "none");
	}
}

static void text_impact(FILE *out, arena *a, const dr_file *f)
{
	const impact_result *im = f->impact;
	const model *m = f->np->model;
	int places = m->round_places;
	num_round_mode mode = m->round_mode;
	char date[16];
	fputs("\nimpact on the data", out);
	if (f->inputs->has_as_of) {
		cal_format(f->inputs->as_of, date);
		fprintf(out, " as of %s", date);
	}
	fputc('\n', out);
	for (size_t i = 0; i < f->inputs->ndata; i++)
		fprintf(out, "  data %s = %s\n", f->inputs->data[i].name,
			f->inputs->data[i].path);
	for (size_t i = 0; i < im->nassessments; i++)
		text_assessment(out, a, &im->assessments[i], places, mode);
	text_scorecards(out, a, im, places, mode);
	text_certs(out, a, im, places, mode);
	text_rules(out, a, im, places, mode);
	if (!im->changes)
		fputs("no result changes\n", out);
}

void dr_text_file(FILE *out, arena *a, const dr_file *f, bool first)
{
	fprintf(out, "%s--- %s\n+++ %s\n", first ? "" : "\n", f->old_name, f->new_name);
	if (f->error) {
		fprintf(out, "%s\n", f->error);
		return;
	}
	int section = -1;
	for (size_t i = 0; i < f->diff->changes.len; i++) {
		const diff_change *c = f->diff->changes.items[i];
		if ((int)c->section != section) {
			section = (int)c->section;
			fprintf(out, "%s\n", diff_section_name(c->section));
		}
		text_change(out, a, f, c);
	}
	dr_totals one = {1, f->diff->added, f->diff->removed, f->diff->changed};
	dr_text_totals(out, &one);
	if (f->impact)
		text_impact(out, a, f);
	else if (f->impact_error)
		fprintf(out, "\nimpact on the data: %s\n", f->impact_error);
}

void dr_text_totals(FILE *out, const dr_totals *t)
{
	size_t n = t->added + t->removed + t->changed;
	if (n == 0)
		fprintf(out, "no semantic differences");
	else
		fprintf(out, "%zu difference%s: %zu added, %zu removed, %zu changed",
			n, n == 1 ? "" : "s", t->added, t->removed, t->changed);
	if (t->files != 1)
		fprintf(out, " in %zu files", t->files);
	fputc('\n', out);
}

/* ---- JSON ------------------------------------------------------------------------ */

static void json_key(FILE *out, const char *key, const char *s)
{
	fprintf(out, "\"%s\": ", key);
	report_json_cstr(out, s);
}

/* "key": rounded, "key_exact": "exact" (null when none). */
static void json_num(FILE *out, arena *a, const char *key, bool has, num n)
{
	fprintf(out, "\"%s\": %s, \"%s_exact\": ", key,
		has ? report_fmt_places(a, n, JSON_PLACES, NUM_HALF_EVEN) : "null", key);
	report_json_cstr(out, has ? report_fmt_exact(a, n) : NULL);
}

static void json_val(FILE *out, arena *a, val v)
{
	switch (v.kind) {
	case VAL_NONE: fputs("null", out); return;
	case VAL_NUM: fputs(report_fmt_places(a, v.u.n, JSON_PLACES, NUM_HALF_EVEN), out); return;
	case VAL_BOOL: fputs(v.u.b ? "true" : "false", out); return;
	default: report_json_cstr(out, val_text(a, v, JSON_PLACES, NUM_HALF_EVEN)); return;
	}
}

static void json_at(FILE *out, const char *key, const program *p, src_span s)
{
	fprintf(out, "\"%s\": ", key);
	const src_file *f = p && s.file ? src_get(&p->srcs, s.file) : NULL;
	if (!f) {
		fputs("null", out);
		return;
	}
	int line, col;
	src_line_col(f, s.start, &line, &col);
	fputs("{\"file\": ", out);
	report_json_cstr(out, f->name);
	fprintf(out, ", \"line\": %d, \"column\": %d}", line, col);
}

void dr_json_begin(FILE *out, const char *old_name, const char *new_name)
{
	fputs("{\n  \"schema\": \"rubric.diff/1\",\n  \"rubric_version\": ", out);
	report_json_cstr(out, RUBRIC_VERSION);
	fputs(",\n  ", out);
	json_key(out, "old", old_name);
	fputs(",\n  ", out);
	json_key(out, "new", new_name);
	fputs(",\n  \"files\": [", out);
}

static void json_changes(FILE *out, const dr_file *f)
{
	fputs("      \"changes\": [", out);
	for (size_t i = 0; i < f->diff->changes.len; i++) {
		const diff_change *c = f->diff->changes.items[i];
		fprintf(out, "%s\n        {\"change\": \"%s\", \"section\": \"%s\", ",
			i ? "," : "", diff_op_name(c->op), diff_section_name(c->section));
		json_key(out, "kind", c->kind);
		fputs(", ", out);
		json_key(out, "path", c->path);
		fputs(", ", out);
		json_key(out, "field", c->field);
		fputs(", ", out);
		json_key(out, "old", c->old_value);
		fputs(", ", out);
		json_key(out, "new", c->new_value);
		fputs(", ", out);
		json_at(out, "old_at", f->op, c->old_at);
		fputs(", ", out);
		json_at(out, "new_at", f->np, c->new_at);
		fputc('}', out);
	}
	fprintf(out, "%s],\n      \"added\": %zu, \"removed\": %zu, \"changed\": %zu",
		f->diff->changes.len ? "\n      " : "", f->diff->added, f->diff->removed,
		f->diff->changed);
}

static void json_assessments(FILE *out, arena *a, const impact_result *im)
{
	fputs("        \"assessments\": [", out);
	for (size_t i = 0; i < im->nassessments; i++) {
		const impact_assessment *as = &im->assessments[i];
		fprintf(out, "%s\n          {", i ? "," : "");
		json_key(out, "assessment", as->name);
		fprintf(out, ", \"subjects\": %zu, \"newly_meet\": %zu, "
			"\"no_longer_meet\": %zu,\n           \"profiles\": [",
			as->subjects, as->newly_meet, as->no_longer_meet);
		for (size_t k = 0; k < as->nmeets; k++) {
			const impact_meets *m = &as->meets[k];
			fprintf(out, "%s\n             {\"subject\": ", k ? "," : "");
			json_val(out, a, m->subject);
			fputs(", ", out);
			json_key(out, "old_profile", m->old_profile);
			fputs(", ", out);
			json_key(out, "new_profile", m->new_profile);
			fprintf(out, ", \"old_meets\": %s, \"new_meets\": %s}",
				m->old_meets ? "true" : "false", m->new_meets ? "true" : "false");
		}
		fprintf(out, "%s],\n           \"competencies\": [", as->nmeets ? "\n           " : "");
		for (size_t k = 0; k < as->ncomps; k++) {
			const impact_comp *c = &as->comps[k];
			fprintf(out, "%s\n             {", k ? "," : "");
			json_key(out, "competency", c->name);
			fprintf(out, ", \"compared\": %zu, \"moved\": %zu, ", c->compared, c->moved);
			json_num(out, a, "largest_move", c->has_move, c->largest);
			fputs(", \"largest_move_subject\": ", out);
			if (c->has_move)
				json_val(out, a, c->largest_subject);
			else
				fputs("null", out);
			fputs(", ", out);
			json_num(out, a, "mean_move", c->has_mean, c->mean);
			fprintf(out, ", \"gaps_opened\": %zu, \"gaps_closed\": %zu, "
				"\"scores_gained\": %zu, \"scores_lost\": %zu}", c->opened,
				c->closed, c->scored, c->unscored);
		}
		fprintf(out, "%s]}", as->ncomps ? "\n           " : "");
	}
	fprintf(out, "%s],\n", im->nassessments ? "\n        " : "");
}

static void json_scorecards(FILE *out, arena *a, const impact_result *im)
{
	fputs("        \"scorecards\": [", out);
	for (size_t i = 0; i < im->nscorecards; i++) {
		const impact_sc *x = &im->scorecards[i];
		fprintf(out, "%s\n          {", i ? "," : "");
		json_key(out, "scorecard", x->scorecard);
		fprintf(out, ", \"kind\": \"%s\", ", impact_sc_kind_name(x->kind));
		json_key(out, "name", x->name);
		fputs(", ", out);
		json_key(out, "old_status", x->in_old ? sc_status_name(x->old_status) : NULL);
		fputs(", ", out);
		json_key(out, "new_status", x->in_new ? sc_status_name(x->new_status) : NULL);
		fputs(", ", out);
		json_num(out, a, "old_score", x->in_old && x->old_has_score, x->old_score);
		fputs(", ", out);
		json_num(out, a, "new_score", x->in_new && x->new_has_score, x->new_score);
		if (x->kind == IMPACT_MEASURE) {
			fputs(", ", out);
			json_key(out, "old_band", x->old_band);
			fputs(", ", out);
			json_key(out, "new_band", x->new_band);
		}
		fputc('}', out);
	}
	fprintf(out, "%s],\n", im->nscorecards ? "\n        " : "");
}

static void json_certs(FILE *out, arena *a, const impact_result *im)
{
	fputs("        \"certifications\": [", out);
	for (size_t i = 0; i < im->ncerts; i++) {
		const impact_cert *c = &im->certs[i];
		fprintf(out, "%s\n          {", i ? "," : "");
		json_key(out, "certification", c->name);
		fprintf(out, ", \"in_old\": %s, \"in_new\": %s, \"gained\": %zu, "
			"\"lost\": %zu, \"changes\": [", c->in_old ? "true" : "false",
			c->in_new ? "true" : "false", c->gained, c->lost);
		for (size_t k = 0; k < c->nchanges; k++) {
			const impact_cert_change *x = &c->changes[k];
			fprintf(out, "%s\n             {\"subject\": ", k ? "," : "");
			json_val(out, a, x->subject);
			fputs(", ", out);
			json_key(out, "old_status", x->old_status < 0 ? NULL
				 : cert_status_name((cert_status)x->old_status));
			fputs(", ", out);
			json_key(out, "new_status", x->new_status < 0 ? NULL
				 : cert_status_name((cert_status)x->new_status));
			fputc('}', out);
		}
		fprintf(out, "%s]}", c->nchanges ? "\n           " : "");
	}
	fprintf(out, "%s],\n", im->ncerts ? "\n        " : "");
}

static void json_rules(FILE *out, arena *a, const impact_result *im)
{
	fputs("        \"rules\": [", out);
	for (size_t i = 0; i < im->nrules; i++) {
		const impact_rule *r = &im->rules[i];
		fprintf(out, "%s\n          {", i ? "," : "");
		json_key(out, "rule", r->rule);
		fputs(", \"group\": ", out);
		if (r->grouped)
			json_val(out, a, r->group);
		else
			fputs("null", out);
		fputs(", \"old_value\": ", out);
		json_val(out, a, r->in_old ? r->old_value : val_none());
		fputs(", \"new_value\": ", out);
		json_val(out, a, r->in_new ? r->new_value : val_none());
		fprintf(out, ", \"in_old\": %s, \"in_new\": %s}", r->in_old ? "true" : "false",
			r->in_new ? "true" : "false");
	}
	fprintf(out, "%s]\n", im->nrules ? "\n        " : "");
}

static void json_impact(FILE *out, arena *a, const dr_file *f)
{
	char date[16];
	fputs(",\n      \"impact\": {\n        \"as_of\": ", out);
	if (f->inputs->has_as_of) {
		cal_format(f->inputs->as_of, date);
		report_json_cstr(out, date);
	} else {
		fputs("null", out);
	}
	fputs(",\n        \"data\": [", out);
	for (size_t i = 0; i < f->inputs->ndata; i++) {
		fprintf(out, "%s{", i ? ", " : "");
		json_key(out, "dataset", f->inputs->data[i].name);
		fputs(", ", out);
		json_key(out, "file", f->inputs->data[i].path);
		fputc('}', out);
	}
	fprintf(out, "],\n        \"changes\": %zu,\n", f->impact->changes);
	json_assessments(out, a, f->impact);
	json_scorecards(out, a, f->impact);
	json_certs(out, a, f->impact);
	json_rules(out, a, f->impact);
	fputs("      }", out);
}

void dr_json_file(FILE *out, arena *a, const dr_file *f, bool first)
{
	fprintf(out, "%s\n    {\n      ", first ? "" : ",");
	json_key(out, "old", f->old_name);
	fputs(", ", out);
	json_key(out, "new", f->new_name);
	fputs(",\n      ", out);
	json_key(out, "error", f->error);
	if (f->error) {
		fputs(",\n      \"changes\": null, \"impact\": null\n    }", out);
		return;
	}
	fputs(",\n", out);
	json_changes(out, f);
	if (f->impact) {
		json_impact(out, a, f);
	} else {
		fputs(",\n      \"impact\": null", out);
		if (f->impact_error) {
			fputs(", ", out);
			json_key(out, "impact_error", f->impact_error);
		}
	}
	fputs("\n    }", out);
}

void dr_json_end(FILE *out, const dr_totals *t)
{
	fprintf(out, "%s],\n  \"added\": %zu, \"removed\": %zu, \"changed\": %zu\n}\n",
		t->files ? "\n  " : "", t->added, t->removed, t->changed);
}
