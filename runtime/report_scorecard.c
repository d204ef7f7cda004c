/* report_scorecard.c - scorecards in text, CSV and JSON; see report_int.h. */
#include "report_int.h"

#include <stddef.h>
#include <string.h>

static const char *pct(writer *w, bool has, num score, int places)
{
	num p;
	if (!has || num_mul(score, num_int(100), &p) != NUM_OK)
		return "";
	return arena_printf(w->a, "%s%%", rp_fmt_places(w, p, places));
}

static const char *period_text(writer *w, bool has, cal_period p)
{
	char buf[16];
	if (!has)
		return "";
	cal_period_format(p, buf);
	return arena_strdup(w->a, buf);
}

static const char *trend_name(const sc_measure_result *mr)
{
	if (!mr->has_trend)
		return "";
	switch (mr->trend) {
	case TREND_IMPROVING: return "improving";
	case TREND_STEADY: return "steady";
	case TREND_WORSENING: return "worsening";
	case TREND_NONE: break;
	}
	return "";
}

static const char *target_short(writer *w, const m_target *t)
{
	char by[16];
	cal_period_format(t->by, by);
	num lo, hi;
	if (t->is_range && t->percent && num_mul(t->lo, num_int(100), &lo) == NUM_OK &&
	    num_mul(t->hi, num_int(100), &hi) == NUM_OK)
		return arena_printf(w->a, "%s%%..%s%% by %s", rp_fmt_exact(w, lo),
				    rp_fmt_exact(w, hi), by);
	if (t->is_range)
		return arena_printf(w->a, "%s..%s by %s", rp_fmt_exact(w, t->lo),
				    rp_fmt_exact(w, t->hi), by);
	num p;
	if (t->percent && num_mul(t->value, num_int(100), &p) == NUM_OK)
		return arena_printf(w->a, "%s %s%% by %s", expr_op_text(t->cmp),
				    rp_fmt_exact(w, p), by);
	return arena_printf(w->a, "%s %s by %s", expr_op_text(t->cmp),
			    rp_fmt_exact(w, t->value), by);
}

static const char *rollup_text(writer *w, const sc_rollup *r, const char *unit)
{
	if (!r->has_score && r->with_data == 0)
		return arena_printf(w->a, "no score (no %s with data)", unit);
	if (!r->has_score)
		return arena_printf(w->a, "no score (%zu of %zu %s%s with data)",
				    r->with_data, r->total, unit, r->total == 1 ? "" : "s");
	return arena_printf(w->a, "score %s (%zu of %zu %s%s with data)",
			    pct(w, true, r->score, w->places), r->with_data, r->total, unit,
			    r->total == 1 ? "" : "s");
}

static size_t measure_index(const m_scorecard *card, const m_measure *m)
{
	size_t k = 0;
	while (card->measures.items[k] != m)
		k++;
	return k;
}

static void text_objective(writer *w, const sc_result *res, size_t oi)
{
	const m_scorecard *card = res->card;
	const m_objective *o = card->objectives.items[oi];
	FILE *out = w->out;
	fprintf(out, "\n    %s", rp_bold(w, arena_printf(w->a, "Objective %s", o->name.s)));
	if (o->title)
		fprintf(out, " - %s", o->title);
	if (o->perspective)
		fprintf(out, " [%s]", o->perspective);
	fprintf(out, "\n      %s", rollup_text(w, &res->objectives[oi], "measure"));
	if (o->contributes)
		fprintf(out, "; contributes to %s.%s", o->contributes->scorecard->name.s,
			o->contributes->name.s);
	fputc('\n', out);
	for (size_t j = 0; j < o->initiatives.len; j++)
		fprintf(out, "      initiative: %s\n", (const char *)o->initiatives.items[j]);
	if (!o->measures.len)
		return;
	grid g = {0};
	g.ncols = 8;
	static const bool right[] = {false, false, false, true, false, true, false, false};
	g.right = right;
	const char *head[] = {"measure", "part", "status", "actual", "target", "score",
			      "band", "trend"};
	report_grid_add(w->a, &g, head);
	for (size_t j = 0; j < o->measures.len; j++) {
		const sc_measure_result *mr = &res->measures[measure_index(card, o->measures.items[j])];
		for (size_t t = 0; t < mr->ntargets; t++) {
			const sc_target_result *tr = &mr->targets[t];
			const char *row[] = {
				t == 0 ? mr->measure->name.s : "",
				tr->target->part ? tr->target->part : "",
				sc_status_name(tr->status),
				!tr->has_actual ? ""
				: tr->target->percent ? pct(w, true, tr->actual, w->places)
				: rp_fmt_places(w, tr->actual, w->places),
				target_short(w, tr->target),
				pct(w, tr->has_score, tr->score, w->places),
				t == 0 && mr->band ? mr->band : "",
				t == 0 ? trend_name(mr) : "",
			};
			report_grid_add(w->a, &g, row);
		}
	}
	report_grid_print(w->out, w->a, &g, "      ");
	for (size_t j = 0; j < o->measures.len; j++) {
		const sc_measure_result *mr = &res->measures[measure_index(card, o->measures.items[j])];
		for (size_t t = 0; t < mr->ntargets; t++)
			fprintf(out, "      - %s%s%s%s%s%s: %s\n", mr->measure->name.s,
				mr->targets[t].target->part ? " " : "",
				mr->targets[t].target->part ? mr->targets[t].target->part : "",
				t == 0 && mr->measure->unit ? " (" : "",
				t == 0 && mr->measure->unit ? mr->measure->unit : "",
				t == 0 && mr->measure->unit ? ")" : "",
				mr->targets[t].reason);
	}
}

void rp_text_scorecard(writer *w, const sc_result *res)
{
	const m_scorecard *card = res->card;
	FILE *out = w->out;
	char date[16];
	cal_format(res->as_of, date);
	fprintf(out, "\n%s", rp_bold(w, arena_printf(w->a, "Scorecard %s", card->name.s)));
	if (card->title)
		fprintf(out, " - %s", card->title);
	fprintf(out, "\n  as of %s%s\n  %s\n", date,
		res->as_of_from_data ? " (the end of the last period with data; "
		"give --as-of to choose)" : "", rollup_text(w, &res->overall, "objective"));
	for (size_t t = 0; t < card->themes.len; t++) {
		const m_theme *th = card->themes.items[t];
		fprintf(out, "\n  %s", rp_bold(w, arena_printf(w->a, "Theme %s", th->name.s)));
		if (th->title)
			fprintf(out, " - %s", th->title);
		fprintf(out, "\n    %s\n", rollup_text(w, &res->themes[t], "objective"));
		if (th->intended)
			fprintf(out, "    intended result: %s\n", th->intended);
		for (size_t j = 0; j < th->objectives.len; j++) {
			size_t oi = 0;
			while (card->objectives.items[oi] != th->objectives.items[j])
				oi++;
			text_objective(w, res, oi);
		}
	}
	bool loose = false;
	for (size_t oi = 0; oi < card->objectives.len; oi++) {
		const m_objective *o = card->objectives.items[oi];
		if (o->theme)
			continue;
		if (!loose)
			fprintf(out, "\n  %s\n", rp_bold(w, "Objectives outside themes"));
		loose = true;
		text_objective(w, res, oi);
	}
	if (card->perspectives.len) {
		fprintf(out, "\n  %s\n", rp_bold(w, "Perspectives"));
		grid g = {0};
		g.ncols = 3;
		static const bool right[] = {false, true, false};
		g.right = right;
		const char *head[] = {"perspective", "score", "objectives with data"};
		report_grid_add(w->a, &g, head);
		for (size_t p = card->perspectives.len; p-- > 0;) {
			const ast_item *it = card->perspectives.items[p];
			const sc_rollup *r = &res->perspectives[p];
			const char *row[] = {
				it->name.s, r->has_score ? pct(w, true, r->score, w->places) : "no score",
				arena_printf(w->a, "%zu of %zu", r->with_data, r->total),
			};
			report_grid_add(w->a, &g, row);
		}
		report_grid_print(w->out, w->a, &g, "    ");
	}
}

/* ---- CSV ------------------------------------------------------------------- */

void rp_csv_measures(writer *w)
{
	const char *head[] = {"scorecard", "theme", "objective", "perspective", "measure",
			      "part", "status", "actual", "period", "target", "deadline",
			      "baseline", "score", "band", "trend", "reason"};
	rp_csv_row(w->out, head, 16);
	for (size_t i = 0; i < w->r->ncards; i++) {
		const sc_result *res = &w->r->cards[i];
		for (size_t k = 0; k < res->card->measures.len; k++) {
			const sc_measure_result *mr = &res->measures[k];
			const m_measure *m = mr->measure;
			const m_objective *o = m->objective;
			for (size_t t = 0; t < mr->ntargets; t++) {
				const sc_target_result *tr = &mr->targets[t];
				char by[16];
				cal_period_format(tr->target->by, by);
				const char *row[] = {
					res->card->name.s, o->theme ? o->theme->name.s : "",
					o->name.s, o->perspective ? o->perspective : "", m->name.s,
					tr->target->part ? tr->target->part : "",
					sc_status_name(tr->status),
					tr->has_actual ? rp_fmt_places(w, tr->actual, CSV_PLACES) : "",
					period_text(w, tr->has_period, tr->period),
					tr->target->is_range
					? arena_printf(w->a, "%s..%s", rp_fmt_places(w, tr->target->lo, CSV_PLACES),
						       rp_fmt_places(w, tr->target->hi, CSV_PLACES))
					: arena_printf(w->a, "%s %s", expr_op_text(tr->target->cmp),
						       rp_fmt_places(w, tr->target->value, CSV_PLACES)),
					by,
					m->has_baseline ? rp_fmt_places(w, m->baseline, CSV_PLACES) : "",
					tr->has_score ? rp_fmt_places(w, tr->score, CSV_PLACES) : "",
					mr->band ? mr->band : "", trend_name(mr), tr->reason,
				};
				rp_csv_row(w->out, row, 16);
			}
		}
	}
}

void rp_csv_objectives(writer *w)
{
	const char *head[] = {"scorecard", "objective", "theme", "perspective", "status",
			      "score", "measures_with_data", "measures"};
	rp_csv_row(w->out, head, 8);
	for (size_t i = 0; i < w->r->ncards; i++) {
		const sc_result *res = &w->r->cards[i];
		for (size_t k = 0; k < res->card->objectives.len; k++) {
			const m_objective *o = res->card->objectives.items[k];
			const sc_rollup *r = &res->objectives[k];
			const char *row[] = {
				res->card->name.s, o->name.s, o->theme ? o->theme->name.s : "",
				o->perspective ? o->perspective : "", sc_status_name(r->status),
				r->has_score ? rp_fmt_places(w, r->score, CSV_PLACES) : "",
				arena_printf(w->a, "%zu", r->with_data),
				arena_printf(w->a, "%zu", r->total),
			};
			rp_csv_row(w->out, row, 8);
		}
	}
}

/* ---- JSON ------------------------------------------------------------------- */

static void json_rollup(writer *w, const sc_rollup *r)
{
	fprintf(w->out, "\"status\": \"%s\", ", sc_status_name(r->status));
	rp_json_num(w, "score", r->has_score, r->score);
	fprintf(w->out, ", \"with_data\": %zu, \"total\": %zu", r->with_data, r->total);
}

/* Closes the list before, then writes "<key>s": one object per item (each
 * holding an ast_name at name_offset, and an m_governance at gov_offset
 * unless that is (size_t)-1) with its roll-up. */
static void json_rollups(writer *w, const char *key, const ptr_vec *items,
			 size_t name_offset, size_t gov_offset,
			 const sc_rollup *rollups)
{
	fprintf(w->out, "\n     ],\n     \"%ss\": [", key);
	for (size_t k = 0; k < items->len; k++) {
		fprintf(w->out, "%s\n       {\"%s\": ", k ? "," : "", key);
		report_json_cstr(w->out, ((const ast_name *)((const char *)items->items[k] +
							  name_offset))->s);
		fputs(", ", w->out);
		if (gov_offset != (size_t)-1) {
			fputs("\"governance\": ", w->out);
			rp_json_governance(w, (const m_governance *)
					   ((const char *)items->items[k] + gov_offset));
			fputs(", ", w->out);
		}
		json_rollup(w, &rollups[k]);
		fputc('}', w->out);
	}
}

void rp_json_scorecards(writer *w)
{
	FILE *out = w->out;
	fputs("  \"scorecards\": [", out);
	for (size_t i = 0; i < w->r->ncards; i++) {
		const sc_result *res = &w->r->cards[i];
		const m_scorecard *card = res->card;
		char date[16];
		cal_format(res->as_of, date);
		fprintf(out, "%s\n    {\"scorecard\": ", i ? "," : "");
		report_json_cstr(out, card->name.s);
		fprintf(out, ", \"title\": ");
		report_json_cstr(out, card->title);
		fprintf(out, ", \"as_of\": \"%s\", \"as_of_from_data\": %s,\n     \"governance\": ",
			date, res->as_of_from_data ? "true" : "false");
		rp_json_governance(w, &card->governance);
		fputs(",\n     \"overall\": {", out);
		json_rollup(w, &res->overall);
		fputs("},\n     \"measures\": [", out);
		for (size_t k = 0; k < card->measures.len; k++) {
			const sc_measure_result *mr = &res->measures[k];
			fprintf(out, "%s\n       {\"measure\": ", k ? "," : "");
			report_json_cstr(out, mr->measure->name.s);
			fprintf(out, ", \"objective\": ");
			report_json_cstr(out, mr->measure->objective->name.s);
			fprintf(out, ", \"unit\": ");
			report_json_cstr(out, mr->measure->unit);
			fprintf(out, ", \"status\": \"%s\", ", sc_status_name(mr->status));
			rp_json_num(w, "score", mr->has_score, mr->score);
			fprintf(out, ", \"band\": ");
			report_json_cstr(out, mr->band);
			fprintf(out, ", \"trend\": ");
			report_json_cstr(out, mr->has_trend && *trend_name(mr) ? trend_name(mr) : NULL);
			fprintf(out, ", \"governance\": ");
			rp_json_governance(w, &mr->measure->governance);
			fprintf(out, ",\n        \"targets\": [");
			for (size_t t = 0; t < mr->ntargets; t++) {
				const sc_target_result *tr = &mr->targets[t];
				char by[16];
				cal_period_format(tr->target->by, by);
				fprintf(out, "%s{\"part\": ", t ? ", " : "");
				report_json_cstr(out, tr->target->part);
				fprintf(out, ", \"status\": \"%s\", \"deadline\": \"%s\", "
					"\"deadline_passed\": %s, \"period\": ",
					sc_status_name(tr->status), by,
					tr->deadline_passed ? "true" : "false");
				report_json_cstr(out, tr->has_period ? period_text(w, true, tr->period) : NULL);
				fputs(", ", out);
				rp_json_num(w, "actual", tr->has_actual, tr->actual);
				fputs(", ", out);
				rp_json_num(w, "target", !tr->target->is_range, tr->target->value);
				fputs(", ", out);
				rp_json_num(w, "target_low", tr->target->is_range, tr->target->lo);
				fputs(", ", out);
				rp_json_num(w, "target_high", tr->target->is_range, tr->target->hi);
				fputs(", ", out);
				rp_json_num(w, "baseline", mr->measure->has_baseline,
					    mr->measure->baseline);
				fputs(", ", out);
				rp_json_num(w, "score", tr->has_score, tr->score);
				fprintf(out, ", \"reason\": ");
				report_json_cstr(out, tr->reason);
				fputc('}', out);
			}
			fputs("]}", out);
		}
		json_rollups(w, "theme", &card->themes, offsetof(m_theme, name),
			     offsetof(m_theme, governance), res->themes);
		json_rollups(w, "perspective", &card->perspectives, offsetof(ast_item, name),
			     (size_t)-1, res->perspectives);
		fputs("\n     ],\n     \"objectives\": [", out);
		for (size_t k = 0; k < card->objectives.len; k++) {
			const m_objective *o = card->objectives.items[k];
			fprintf(out, "%s\n       {\"objective\": ", k ? "," : "");
			report_json_cstr(out, o->name.s);
			fprintf(out, ", \"perspective\": ");
			report_json_cstr(out, o->perspective);
			fprintf(out, ", \"governance\": ");
			rp_json_governance(w, &o->governance);
			fprintf(out, ", \"initiatives\": [");
			for (size_t j = 0; j < o->initiatives.len; j++) {
				fputs(j ? ", " : "", out);
				report_json_cstr(out, o->initiatives.items[j]);
			}
			fputs("], ", out);
			json_rollup(w, &res->objectives[k]);
			fputc('}', out);
		}
		fputs("\n     ]}", out);
	}
	fputs("\n  ],\n", out);
}

/* ---- the strategy map as Graphviz DOT ----------------------------------------- */

/* DOT strings: quoted, with quotes and backslashes escaped. */
static void dot_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		if (*s == '\n') {
			fputs("\\n", out);
			continue;
		}
		fputc(*s, out);
	}
	fputc('"', out);
}

static const char *status_colour(sc_status s)
{
	switch (s) {
	case SC_MET: case SC_ON_TRACK: return "#b7e1a1";
	case SC_AT_RISK: return "#ffd966";
	case SC_NOT_MET: return "#f4a6a6";
	case SC_NO_DATA: return "#d9d9d9";
	}
	return "#ffffff";
}

void report_graph(FILE *out, const eval_result *r, const report_options *opts)
{
	writer w = {out, r, opts, r->arena, r->model->round_places,
		    r->model->round_mode};
	rp_text_provenance(&w, "// ");
	for (size_t i = 0; i < r->ncards; i++) {
		const sc_result *res = &r->cards[i];
		const m_scorecard *card = res->card;
		char date[16];
		cal_format(res->as_of, date);
		fputs("digraph ", out);
		dot_str(out, card->name.s);
		fputs(" {\n  rankdir=BT;\n  labelloc=t;\n  label=", out);
		dot_str(out, arena_printf(w.a, "%s, as of %s",
					  card->title ? card->title : card->name.s, date));
		fputs(";\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n", out);
		/* One rank per perspective, bottom (learning) to top. */
		for (size_t p = 0; p < card->perspectives.len; p++) {
			const ast_item *it = card->perspectives.items[p];
			fputs("  { rank=same; ", out);
			dot_str(out, arena_printf(w.a, "perspective:%s", it->name.s));
			fputs(" [shape=plaintext, style=\"\", label=", out);
			dot_str(out, it->text ? it->text : it->name.s);
			fputs("];", out);
			for (size_t k = 0; k < card->objectives.len; k++) {
				const m_objective *o = card->objectives.items[k];
				if (o->perspective == it->name.s) {
					fputc(' ', out);
					dot_str(out, o->name.s);
					fputc(';', out);
				}
			}
			fputs(" }\n", out);
			if (p > 0) {
				fputs("  ", out);
				dot_str(out, arena_printf(w.a, "perspective:%s",
					((ast_item *)card->perspectives.items[p - 1])->name.s));
				fputs(" -> ", out);
				dot_str(out, arena_printf(w.a, "perspective:%s", it->name.s));
				fputs(" [style=invis];\n", out);
			}
		}
		/* Objectives, coloured by status, with their score. */
		for (size_t k = 0; k < card->objectives.len; k++) {
			const m_objective *o = card->objectives.items[k];
			const sc_rollup *ro = &res->objectives[k];
			fputs("  ", out);
			dot_str(out, o->name.s);
			fputs(" [label=", out);
			dot_str(out, arena_printf(w.a, "%s\n%s", o->title ? o->title : o->name.s,
						  ro->has_score ? pct(&w, true, ro->score, w.places)
						  : sc_status_name(ro->status)));
			fprintf(out, ", fillcolor=\"%s\"];\n", status_colour(ro->status));
		}
		/* Cause and effect, and cascading to other scorecards. */
		for (size_t k = 0; k < card->links.len; k++) {
			const m_link *l = card->links.items[k];
			fputs("  ", out);
			dot_str(out, l->from->name.s);
			fputs(" -> ", out);
			dot_str(out, l->to->name.s);
			fputs(";\n", out);
		}
		for (size_t k = 0; k < card->objectives.len; k++) {
			const m_objective *o = card->objectives.items[k];
			if (!o->contributes || o->contributes->scorecard != card)
				continue;
			fputs("  ", out);
			dot_str(out, o->name.s);
			fputs(" -> ", out);
			dot_str(out, o->contributes->name.s);
			fputs(" [style=dashed, label=\"contributes\"];\n", out);
		}
		fputs("}\n", out);
	}
}
