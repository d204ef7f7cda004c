/* report_cert.c - certifications and matches in text, JSON and CSV; see
 * report_int.h and docs/certifications.md. */
#include "report_int.h"

#include <string.h>

/* A number as the requirement is written: a percentage when the pass mark
 * was written as one; exact, never rounded, so the comparison reads true. */
static const char *amount(writer *w, num n, bool percent)
{
	return percent ? rp_fmt_pct(w, n) : rp_fmt_exact(w, n);
}


/* "file:line" of a requirement. */
static const char *where(writer *w, src_span span)
{
	int line = 0;
	const char *file = rp_source_file(w, span, &line);
	return file ? arena_printf(w->a, "%s:%d", file, line) : "";
}

const char *rp_cert_requirement(writer *w, const m_clause *cl)
{
	switch (cl->kind) {
	case CLAUSE_EXAM: return arena_printf(w->a, "exam %s", cl->name.s);
	case CLAUSE_CREDITS: return arena_printf(w->a, "credits %s", cl->name.s);
	case CLAUSE_COMPETENCE:
		return arena_printf(w->a, "competence %s.%s", cl->assessment->name.s,
				    cl->name.s);
	case CLAUSE_PREREQUISITE:
		return arena_printf(w->a, "prerequisite %s", cl->name.s);
	case CLAUSE_CONDITION: return arena_printf(w->a, "condition %s", cl->name.s);
	}
	return "?";
}

/* A competence requirement's level: "advanced (4)", or "4" when the
 * level has no name. */
static const char *level_text(writer *w, const m_clause *cl, num level)
{
	const m_scale *scale = cl->competency ? cl->competency->scale : NULL;
	for (size_t i = 0; scale && i < scale->levels.len; i++) {
		const m_level *l = scale->levels.items[i];
		if (l->name && num_eq(l->value, level))
			return arena_printf(w->a, "%s (%s)", l->name, rp_fmt_exact(w, level));
	}
	return rp_fmt_exact(w, level);
}

/* A side of a failed condition, exactly: 19.999, not 20.00. */
static const char *operand(writer *w, val v)
{
	if (v.kind == VAL_NUM)
		return rp_fmt_exact(w, v.u.n);
	const char *t = rp_val_text(w, v);
	return *t ? t : "no data";
}

/* What failed, in domain terms, without the requirement's name. */
const char *rp_cert_reason(writer *w, const cert_failure *f)
{
	const m_clause *cl = f->clause;
	const char *op = expr_op_text(f->cmp);
	switch (f->why) {
	case WHY_NO_ATTEMPT:
		return f->date == INT32_MIN ? "no attempt"
		       : arena_printf(w->a, "no attempt from %s", rp_date(w, f->date));
	case WHY_BELOW:
		if (cl->kind == CLAUSE_EXAM)
			return arena_printf(w->a, "best %s, required %s %s",
					    amount(w, f->seen, cl->pass_percent), op,
					    amount(w, f->required, cl->pass_percent));
		if (cl->kind == CLAUSE_CREDITS && f->category)
			return arena_printf(w->a, "%s %s, required %s %s", f->category,
					    rp_fmt_exact(w, f->seen), op,
					    rp_fmt_exact(w, f->required));
		if (cl->kind == CLAUSE_CREDITS)
			return arena_printf(w->a, "total %s%s, required %s %s",
					    rp_fmt_exact(w, f->seen),
					    f->date == INT32_MIN ? ""
					    : arena_printf(w->a, " from %s", rp_date(w, f->date)),
					    op, rp_fmt_exact(w, f->required));
		return arena_printf(w->a, "score %s, required %s %s",
				    rp_fmt_exact(w, f->seen), op, level_text(w, cl, f->required));
	case WHY_ATTEMPTS_USED:
		return arena_printf(w->a, "passed only after the %d attempts allowed "
				    "(best of those %s, required >= %s)", cl->attempts,
				    amount(w, f->seen, cl->pass_percent),
				    amount(w, f->required, cl->pass_percent));
	case WHY_PASS_EXPIRED:
		return arena_printf(w->a, "passed %s, valid until %s",
				    rp_date(w, f->date), rp_date(w, f->date2 - 1));
	case WHY_NO_SCORE:
		return arena_printf(w->a, "no score, required %s %s", op,
				    rp_fmt_exact(w, f->required));
	case WHY_NOT_HELD:
		return arena_printf(w->a, "not held on %s", rp_date(w, f->date));
	case WHY_FALSE:
	case WHY_UNKNOWN:
		if (f->has_operands)
			return arena_printf(w->a, "%s: %s %s %s",
					    f->why == WHY_FALSE ? "false" : "no data",
					    operand(w, f->left), op, operand(w, f->right));
		return f->why == WHY_FALSE ? "false" : "no data to decide";
	}
	return "?";
}

const char *rp_cert_failure(writer *w, const cert_failure *f)
{
	return arena_printf(w->a, "%s%s: %s", f->again ? "to certify again, " : "",
			    rp_cert_requirement(w, f->clause), rp_cert_reason(w, f));
}

/* "since 2023-05-10, expires 2025-05-10" and the like. */
static const char *dates(writer *w, const cert_subject *s)
{
	if (!s->has_since && cert_held((cert_status)s->status))
		return "(its requirements have no date)";
	switch ((cert_status)s->status) {
	case CERT_CERTIFIED: case CERT_EXPIRING:
		return s->has_expires
			? arena_printf(w->a, "since %s, expires %s%s", rp_date(w, s->since),
				       rp_date(w, s->expires),
				       s->renewals ? arena_printf(w->a, " (renewed %s)",
							rp_date(w, s->renewed)) : "")
			: arena_printf(w->a, "since %s", rp_date(w, s->since));
	case CERT_IN_GRACE:
		/* "until": the last day, as for an exam's validity */
		return arena_printf(w->a, "expired %s, in grace until %s",
				    rp_date(w, s->expires), rp_date(w, s->grace_end - 1));
	case CERT_EXPIRED:
		return arena_printf(w->a, "since %s, expired %s", rp_date(w, s->since),
				    rp_date(w, s->expires));
	default:
		return "";
	}
}

/* A candidate for a post: every points item known, and at least the
 * threshold. */
static bool compatible(const match_result *mr, size_t pc)
{
	const m_match *mt = mr->match;
	return mr->complete[pc] &&
	       (!mt->has_threshold || num_cmp(mr->total[pc], mt->threshold) >= 0);
}

/* ---- text -------------------------------------------------------------------- */

void rp_text_certifications(writer *w)
{
	const eval_result *r = w->r;
	for (size_t i = 0; i < r->ncerts; i++) {
		const cert_result *cr = &r->certs[i];
		const m_certification *c = cr->cert;
		fprintf(w->out, "\n%s\n", rp_bold(w, arena_printf(w->a, "Certification %s%s%s",
				c->name.s, c->title ? " - " : "", c->title ? c->title : "")));
		fprintf(w->out, "  %zu subject%s", cr->n, cr->n == 1 ? "" : "s");
		const char *sep = ": ";
		for (int s = CERT_CERTIFIED; s <= CERT_N_STATUS; s++) {
			int st = s == CERT_N_STATUS ? CERT_NOT_CERTIFIED : s; /* it last */
			if (cr->counts[st]) {
				fprintf(w->out, "%s%zu %s", sep, cr->counts[st],
					cert_status_name((cert_status)st));
				sep = ", ";
			}
		}
		fputc('\n', w->out);
		grid g = {0};
		g.ncols = 3;
		bool right[] = {false, false, false};
		g.right = right;
		for (size_t k = 0; k < cr->n; k++) {
			uint32_t s = cr->order[k];
			const cert_subject *cs = &cr->subj[s];
			const char *row[] = {rp_val_text(w, table_key(cr->subjects, s)),
					     cert_status_name((cert_status)cs->status),
					     dates(w, cs)};
			if (*row[2] || !cs->nfailures)
				report_grid_add(w->a, &g, row);
			/* each failing requirement on a line of its own */
			for (uint32_t f = 0; f < cs->nfailures; f++) {
				const cert_failure *fl = &cs->failures[f];
				const char *why[] = {*row[2] || f ? "" : row[0],
						     *row[2] || f ? "" : row[1],
						     arena_printf(w->a, "%s (%s)",
						     rp_cert_failure(w, fl), where(w, fl->clause->span))};
				report_grid_add(w->a, &g, why);
			}
		}
		report_grid_print(w->out, w->a, &g, "    ");
	}
}

void rp_text_matches(writer *w)
{
	const eval_result *r = w->r;
	for (size_t i = 0; i < r->nmatches; i++) {
		const match_result *mr = &r->matches[i];
		const m_match *mt = mr->match;
		fprintf(w->out, "\n%s\n", rp_bold(w, arena_printf(w->a, "Match %s%s%s",
				mt->name.s, mt->title ? " - " : "", mt->title ? mt->title : "")));
		if (mt->has_threshold)
			fprintf(w->out, "  compatible at %s points or more\n",
				rp_fmt_exact(w, mt->threshold));
		for (size_t p = 0; p < mr->nposts; p++) {
			uint32_t post = mr->post_order[p];
			fprintf(w->out, "  post %s\n", rp_val_text(w, table_key(mr->posts, post)));
			grid g = {0};
			g.ncols = 5;
			bool right[] = {true, false, true, false, false};
			g.right = right;
			const char *head[] = {"rank", "candidate", "points", "compatible", "points by item"};
			report_grid_add(w->a, &g, head);
			for (size_t k = 0; k < mr->ncands; k++) {
				uint32_t c = mr->ranked[post * mr->ncands + k];
				size_t pc = post * mr->ncands + c;
				const char *items = "";
				for (size_t q = 0; q < mr->npoints; q++) {
					val v = mr->points[pc * mr->npoints + q];
					items = arena_printf(w->a, "%s%s%s %s", items, q ? ", " : "",
							     ((m_points *)mt->points.items[q])->name.s,
							     v.kind == VAL_NUM ? rp_fmt_exact(w, v.u.n)
							     : "no data");
				}
				bool ok = compatible(mr, pc);
				const char *row[] = {
					arena_printf(w->a, "%zu", k + 1),
					rp_val_text(w, table_key(mr->candidates, c)),
					rp_fmt_exact(w, mr->total[pc]),
					!mr->complete[pc] ? "no (incomplete data)" : ok ? "yes" : "no",
					items,
				};
				report_grid_add(w->a, &g, row);
			}
			report_grid_print(w->out, w->a, &g, "    ");
		}
	}
}

/* ---- CSV ------------------------------------------------------------------------- */

void rp_csv_certifications(writer *w)
{
	const char *head[] = {"certification", "subject", "status", "since", "expires",
			      "grace_ends", "renewals", "last_renewed", "failing"};
	rp_csv_row(w->out, head, 9);
	for (size_t i = 0; i < w->r->ncerts; i++) {
		const cert_result *cr = &w->r->certs[i];
		for (size_t k = 0; k < cr->n; k++) {
			uint32_t s = cr->order[k];
			const cert_subject *cs = &cr->subj[s];
			const char *failing = "";
			for (uint32_t f = 0; f < cs->nfailures; f++)
				failing = arena_printf(w->a, "%s%s%s (%s)", failing, f ? "; " : "",
						       rp_cert_failure(w, &cs->failures[f]),
						       where(w, cs->failures[f].clause->span));
			bool held = cert_held((cert_status)cs->status) ||
				    cs->status == CERT_EXPIRED;
			const char *row[] = {
				cr->cert->name.s,
				rp_val_text(w, table_key(cr->subjects, s)),
				cert_status_name((cert_status)cs->status),
				held && cs->has_since ? rp_date(w, cs->since) : "",
				held && cs->has_expires ? rp_date(w, cs->expires) : "",
				cs->has_grace_end ? rp_date(w, cs->grace_end) : "",
				held ? arena_printf(w->a, "%u", cs->renewals) : "",
				cs->has_renewed ? rp_date(w, cs->renewed) : "",
				failing,
			};
			rp_csv_row(w->out, row, 9);
		}
	}
}

void rp_csv_matches(writer *w)
{
	const char *head[] = {"match", "post", "rank", "candidate", "points",
			      "complete", "compatible", "item", "item_points"};
	rp_csv_row(w->out, head, 9);
	for (size_t i = 0; i < w->r->nmatches; i++) {
		const match_result *mr = &w->r->matches[i];
		const m_match *mt = mr->match;
		for (size_t p = 0; p < mr->nposts; p++) {
			uint32_t post = mr->post_order[p];
			for (size_t k = 0; k < mr->ncands; k++) {
				uint32_t c = mr->ranked[post * mr->ncands + k];
				size_t pc = post * mr->ncands + c;
				bool ok = compatible(mr, pc);
				for (size_t q = 0; q < mr->npoints; q++) {
					val v = mr->points[pc * mr->npoints + q];
					const char *row[] = {
						mt->name.s,
						rp_val_text(w, table_key(mr->posts, post)),
						arena_printf(w->a, "%zu", k + 1),
						rp_val_text(w, table_key(mr->candidates, c)),
						rp_fmt_places(w, mr->total[pc], CSV_PLACES),
						mr->complete[pc] ? "yes" : "no",
						ok ? "yes" : "no",
						((m_points *)mt->points.items[q])->name.s,
						v.kind == VAL_NUM ? rp_fmt_places(w, v.u.n, CSV_PLACES) : "",
					};
					rp_csv_row(w->out, row, 9);
				}
			}
		}
	}
}

/* ---- JSON ------------------------------------------------------------------------- */

static void json_date(writer *w, const char *key, bool has, cal_date d)
{
	fprintf(w->out, ", \"%s\": ", key);
	if (has)
		report_json_cstr(w->out, rp_date(w, d));
	else
		fputs("null", w->out);
}

void rp_json_certifications(writer *w)
{
	FILE *out = w->out;
	fputs("  \"certifications\": [", out);
	for (size_t i = 0; i < w->r->ncerts; i++) {
		const cert_result *cr = &w->r->certs[i];
		fprintf(out, "%s\n    {\"certification\": ", i ? "," : "");
		report_json_cstr(out, cr->cert->name.s);
		fputs(", \"title\": ", out);
		report_json_cstr(out, cr->cert->title);
		fputs(", \"governance\": ", out);
		rp_json_governance(w, &cr->cert->governance);
		fputs(", \"subjects\": [", out);
		for (size_t k = 0; k < cr->n; k++) {
			uint32_t s = cr->order[k];
			const cert_subject *cs = &cr->subj[s];
			bool held = cert_held((cert_status)cs->status) || cs->status == CERT_EXPIRED;
			fprintf(out, "%s\n      {\"subject\": ", k ? "," : "");
			rp_json_val(w, table_key(cr->subjects, s));
			fputs(", \"status\": ", out);
			report_json_cstr(out, cert_status_name((cert_status)cs->status));
			fprintf(out, ", \"held\": %s", cert_held((cert_status)cs->status)
				? "true" : "false");
			json_date(w, "since", held && cs->has_since, cs->since);
			json_date(w, "expires", held && cs->has_expires, cs->expires);
			json_date(w, "grace_ends", cs->has_grace_end, cs->grace_end);
			if (held)
				fprintf(out, ", \"renewals\": %u", cs->renewals);
			else
				fputs(", \"renewals\": null", out);
			json_date(w, "last_renewed", cs->has_renewed, cs->renewed);
			fputs(", \"failing\": [", out);
			for (uint32_t f = 0; f < cs->nfailures; f++) {
				const cert_failure *fl = &cs->failures[f];
				int line = 0;
				const char *file = rp_source_file(w, fl->clause->span, &line);
				fprintf(out, "%s{\"requirement\": ", f ? ", " : "");
				report_json_cstr(out, rp_cert_requirement(w, fl->clause));
				fputs(", \"reason\": ", out);
				report_json_cstr(out, rp_cert_reason(w, fl));
				/* renewal: what renewal lacked; again: what a new
				 * certification lacks after an expiry */
				fprintf(out, ", \"stage\": \"%s\"", fl->again ? "again"
					: cs->renewal ? "renewal" : "certification");
				fputs(", \"file\": ", out);
				report_json_cstr(out, file);
				fprintf(out, ", \"line\": %d", line);
				bool amounts = fl->clause->kind != CLAUSE_CONDITION &&
					       fl->clause->kind != CLAUSE_PREREQUISITE;
				fputs(", ", out);
				rp_json_num(w, "seen", amounts && fl->has_seen, fl->seen);
				fputs(", ", out);
				rp_json_num(w, "required", amounts, fl->required);
				fputc('}', out);
			}
			fputs("]}", out);
		}
		fputs("]}", out);
	}
	fputs(w->r->ncerts ? "\n  ],\n" : "],\n", out);
}

void rp_json_matches(writer *w)
{
	FILE *out = w->out;
	fputs("  \"matches\": [", out);
	for (size_t i = 0; i < w->r->nmatches; i++) {
		const match_result *mr = &w->r->matches[i];
		const m_match *mt = mr->match;
		fprintf(out, "%s\n    {\"match\": ", i ? "," : "");
		report_json_cstr(out, mt->name.s);
		fputs(", \"title\": ", out);
		report_json_cstr(out, mt->title);
		fputs(", ", out);
		rp_json_num(w, "threshold", mt->has_threshold, mt->threshold);
		fputs(", \"governance\": ", out);
		rp_json_governance(w, &mt->governance);
		fputs(", \"posts\": [", out);
		for (size_t p = 0; p < mr->nposts; p++) {
			uint32_t post = mr->post_order[p];
			fprintf(out, "%s\n      {\"post\": ", p ? "," : "");
			rp_json_val(w, table_key(mr->posts, post));
			fputs(", \"ranking\": [", out);
			for (size_t k = 0; k < mr->ncands; k++) {
				uint32_t c = mr->ranked[post * mr->ncands + k];
				size_t pc = post * mr->ncands + c;
				bool ok = compatible(mr, pc);
				fprintf(out, "%s\n        {\"rank\": %zu, \"candidate\": ",
					k ? "," : "", k + 1);
				rp_json_val(w, table_key(mr->candidates, c));
				fputs(", ", out);
				rp_json_num(w, "points", true, mr->total[pc]);
				fprintf(out, ", \"complete\": %s, \"compatible\": %s, \"items\": [",
					mr->complete[pc] ? "true" : "false", ok ? "true" : "false");
				for (size_t q = 0; q < mr->npoints; q++) {
					val v = mr->points[pc * mr->npoints + q];
					fprintf(out, "%s{\"item\": ", q ? ", " : "");
					report_json_cstr(out, ((m_points *)mt->points.items[q])->name.s);
					fputs(", ", out);
					rp_json_num(w, "points", v.kind == VAL_NUM, v.u.n);
					fputc('}', out);
				}
				fputs("]}", out);
			}
			fputs("]}", out);
		}
		fputs("]}", out);
	}
	fputs(w->r->nmatches ? "\n  ],\n" : "],\n", out);
}
