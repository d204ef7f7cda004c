/*
 * report_prov.c - where a report comes from, in every format: the rule set
 * (title, version, effective date, governance), each rule file and data
 * file read with its SHA-256, the as-of date, the options that change
 * results, the rounding and the Rubric version; and the governance
 * metadata (owner, approver, source) of the declarations.
 *
 * Nothing here depends on the run's time, place or machine: the same
 * inputs, named the same way on the command line, give the same bytes.
 * Paths are shown as given (a FILE or a --data PATH as typed, an included
 * file or a declared `path` joined to the directory of the file that names
 * it), never resolved to an absolute path.
 *
 * A new declaration kind with governance metadata is added to
 * rp_governance_list (one entry per declaration) and, when it has an
 * object of its own in the JSON report, gets "governance" there through
 * rp_json_governance.
 */
#include "report_int.h"

#include <string.h>

/* ---- shared -------------------------------------------------------------- */

/* Text on one line: each control character (a newline in a title) and each
 * byte that is not UTF-8 as '?', as in diagnostics, so a value can neither
 * break a line of the header nor end a DOT comment. */
static const char *one_line(writer *w, const char *s)
{
	size_t len = strlen(s), o = 0;
	char *out = NULL; /* a copy, made at the first character to replace */
	for (size_t i = 0; i < len;) {
		size_t n = src_utf8_len(s + i, len - i);
		unsigned char c = (unsigned char)s[i];
		bool bad = n == 0 || c < 0x20 || c == 0x7F ||
			   (n == 2 && c == 0xC2 && (unsigned char)s[i + 1] < 0xA0);
		if (bad && !out) {
			out = arena_alloc(w->a, len + 1);
			memcpy(out, s, i);
			o = i;
		}
		if (bad)
			out[o++] = '?';
		else if (out)
			memcpy(out + o, s + i, n), o += n;
		i += n ? n : 1;
	}
	if (!out)
		return s;
	out[o] = '\0';
	return out;
}

static const char *hex_or_none(writer *w, bool has, const unsigned char *sum)
{
	if (!has)
		return NULL;
	char *h = arena_alloc(w->a, DIGEST_HEX);
	digest_hex(sum, h);
	return h;
}

/* What a stdlib module is called: its name, else its file. */
static const char *source_label(writer *w, const src_file *f)
{
	if (f->module)
		return arena_printf(w->a, "%s (built in)", f->module);
	return one_line(w, f->name);
}

/* The options of the command line that change results, in one canonical
 * order whatever their order on the command line: --as-of, then --data
 * in the order the datasets are declared, then --skip-bad-rows.  The
 * others choose what is shown or where it goes (--format, --table,
 * --assessment, -o, --rejects, --provenance, --max-errors, --color). */
static const char *options_text(writer *w)
{
	const eval_result *r = w->r;
	const model *m = r->model;
	const char *s = "";
	if (r->has_as_of) {
		char date[16];
		cal_format(r->as_of, date);
		s = arena_printf(w->a, "--as-of %s", date);
	}
	for (size_t i = 0; i < m->datasets.len; i++)
		if (r->bound[i])
			s = arena_printf(w->a, "%s%s--data %s=%s", s, *s ? " " : "",
					 ((m_dataset *)m->datasets.items[i])->name.s,
					 one_line(w, r->paths[i]));
	if (r->skip_bad_rows)
		s = arena_printf(w->a, "%s%s--skip-bad-rows", s, *s ? " " : "");
	return *s ? s : "none";
}

ptr_vec rp_governance_list(writer *w)
{
	const model *m = w->r->model;
	ptr_vec v = {0};
#define ADD(KIND, NAME, GOV) do { \
		if (m_governance_any(GOV)) { \
			rp_governance *e = arena_alloc(w->a, sizeof *e); \
			e->kind = (KIND); \
			e->name = (NAME); \
			e->g = (GOV); \
			ptr_vec_push(w->a, &v, e); \
		} \
	} while (0)
	for (size_t i = 0; i < m->scales.len; i++) {
		const m_scale *x = m->scales.items[i];
		ADD("scale", x->name.s, &x->governance);
	}
	for (size_t i = 0; i < m->frameworks.len; i++) {
		const m_framework *x = m->frameworks.items[i];
		ADD("framework", x->name.s, &x->governance);
	}
	for (size_t i = 0; i < m->datasets.len; i++) {
		const m_dataset *x = m->datasets.items[i];
		ADD("data", x->name.s, &x->governance);
	}
	for (size_t i = 0; i < m->profiles.len; i++) {
		const m_profile *x = m->profiles.items[i];
		ADD("profile", x->name.s, &x->governance);
	}
	for (size_t i = 0; i < m->assessments.len; i++) {
		const m_assessment *x = m->assessments.items[i];
		ADD("assessment", x->name.s, &x->governance);
	}
	for (size_t i = 0; i < m->perspectives.len; i++) {
		const m_perspectives *x = m->perspectives.items[i];
		ADD("perspectives", x->name.s, &x->governance);
	}
	for (size_t i = 0; i < m->scorecards.len; i++) {
		const m_scorecard *x = m->scorecards.items[i];
		ADD("scorecard", x->name.s, &x->governance);
		for (size_t j = 0; j < x->themes.len; j++) {
			const m_theme *t = x->themes.items[j];
			ADD("theme", arena_printf(w->a, "%s.%s", x->name.s, t->name.s),
			    &t->governance);
		}
		for (size_t j = 0; j < x->objectives.len; j++) {
			const m_objective *o = x->objectives.items[j];
			ADD("objective", arena_printf(w->a, "%s.%s", x->name.s, o->name.s),
			    &o->governance);
		}
		for (size_t j = 0; j < x->measures.len; j++) {
			const m_measure *ms = x->measures.items[j];
			ADD("measure", arena_printf(w->a, "%s.%s", x->name.s, ms->name.s),
			    &ms->governance);
		}
	}
	for (size_t i = 0; i < m->certifications.len; i++) {
		const m_certification *x = m->certifications.items[i];
		ADD("certification", x->name.s, &x->governance);
	}
	for (size_t i = 0; i < m->matches.len; i++) {
		const m_match *x = m->matches.items[i];
		ADD("match", x->name.s, &x->governance);
	}
#undef ADD
	return v;
}

/* ---- text, and DOT comments ------------------------------------------------ */

/* "owner X; approver Y; source Z", with what is declared. */
static const char *governance_text(writer *w, const m_governance *g)
{
	const char *s = "";
	if (g->owner)
		s = arena_printf(w->a, "owner %s", one_line(w, g->owner));
	if (g->approver)
		s = arena_printf(w->a, "%s%sapprover %s", s, *s ? "; " : "",
				 one_line(w, g->approver));
	if (g->source)
		s = arena_printf(w->a, "%s%ssource %s", s, *s ? "; " : "",
				 one_line(w, g->source));
	return s;
}

void rp_text_provenance(writer *w, const char *pre)
{
	const eval_result *r = w->r;
	const model *m = r->model;
	FILE *out = w->out;
	char date[16];
	const char *title = one_line(w, m->title ? m->title : "Rubric evaluation");
	fprintf(out, "%s%s\n", pre, *pre ? title : rp_bold(w, title));
	if (m->version || m->has_effective) {
		fprintf(out, "%s  rules version %s", pre,
			m->version ? one_line(w, m->version) : "(none)");
		if (m->has_effective) {
			cal_format(m->effective, date);
			fprintf(out, ", effective %s", date);
		}
		fputc('\n', out);
	}
	if (m->governance.owner)
		fprintf(out, "%s  owner         %s\n", pre, one_line(w, m->governance.owner));
	if (m->governance.approver)
		fprintf(out, "%s  approver      %s\n", pre,
			one_line(w, m->governance.approver));
	if (m->governance.source)
		fprintf(out, "%s  source        %s\n", pre, one_line(w, m->governance.source));
	fprintf(out, "%s  rule files    ", pre);
	for (size_t i = 0; i < w->o->nrule_files; i++)
		fprintf(out, "%s%s", i ? ", " : "", one_line(w, w->o->rule_files[i]));
	fputc('\n', out);
	int wd = 0;
	for (size_t i = 0; i < m->datasets.len; i++) {
		int n = (int)strlen(((m_dataset *)m->datasets.items[i])->name.s);
		if (r->loaded[i] && n > wd)
			wd = n;
	}
	for (size_t i = 0; i < m->datasets.len; i++) {
		if (!r->loaded[i])
			continue;
		const load_stats *st = &r->stats[i];
		fprintf(out, "%s  data %-*s  %s: %zu row%s read = %zu used + %zu rejected\n",
			pre, wd, ((m_dataset *)m->datasets.items[i])->name.s,
			one_line(w, r->paths[i]), st->read, st->read == 1 ? "" : "s",
			st->used, st->rejected);
	}
	if (r->has_as_of)
		cal_format(r->as_of, date);
	fprintf(out, "%s  as of         %s\n", pre, r->has_as_of ? date : "none");
	fprintf(out, "%s  options       %s\n", pre, options_text(w));
	fprintf(out, "%s  rounding      %d place%s, %s (exact values in JSON)\n", pre,
		m->round_places, m->round_places == 1 ? "" : "s",
		num_round_mode_name(m->round_mode));
	fprintf(out, "%s  rubric        %s\n", pre, w->o->version);
	/* As sha256sum prints them: the digest, two spaces, the file. */
	const char *label = "sha256        ";
	const src_set *srcs = &r->program->srcs;
	for (size_t i = 1; i < srcs->len; i++) {
		const src_file *f = srcs->files[i];
		const char *h = hex_or_none(w, f->has_sha256, f->sha256);
		fprintf(out, "%s  %s%-64s  %s\n", pre, label, h ? h : "(not computed)",
			source_label(w, f));
		label = "              ";
	}
	for (size_t i = 0; i < m->datasets.len; i++) {
		if (!r->loaded[i])
			continue;
		const load_stats *st = &r->stats[i];
		const char *h = hex_or_none(w, st->has_sha256, st->sha256);
		fprintf(out, "%s  %s%-64s  %s\n", pre, label, h ? h : "(not computed)",
			one_line(w, r->paths[i]));
		label = "              ";
	}
	ptr_vec gl = rp_governance_list(w);
	for (size_t i = 0; i < gl.len; i++) {
		const rp_governance *e = gl.items[i];
		fprintf(out, "%s  %s%s %s: %s\n", pre, i ? "              " : "governance    ",
			e->kind, e->name, governance_text(w, e->g));
	}
}

/* ---- JSON ---------------------------------------------------------------------- */

void rp_json_governance(writer *w, const m_governance *g)
{
	FILE *out = w->out;
	if (!m_governance_any(g)) {
		fputs("null", out);
		return;
	}
	fputs("{\"owner\": ", out);
	report_json_cstr(out, g->owner);
	fputs(", \"approver\": ", out);
	report_json_cstr(out, g->approver);
	fputs(", \"source\": ", out);
	report_json_cstr(out, g->source);
	fputc('}', out);
}

void rp_json_provenance(writer *w)
{
	const eval_result *r = w->r;
	const model *m = r->model;
	FILE *out = w->out;
	char date[16];
	fprintf(out, "  \"rubric_version\": ");
	report_json_cstr(out, w->o->version);
	fprintf(out, ",\n  \"rule_set\": {\"title\": ");
	report_json_cstr(out, m->title);
	fprintf(out, ", \"version\": ");
	report_json_cstr(out, m->version);
	fprintf(out, ", \"effective\": ");
	if (m->has_effective) {
		cal_format(m->effective, date);
		report_json_cstr(out, date);
	} else {
		fputs("null", out);
	}
	fprintf(out, ", \"files\": [");
	for (size_t i = 0; i < w->o->nrule_files; i++) {
		fputs(i ? ", " : "", out);
		report_json_cstr(out, w->o->rule_files[i]);
	}
	fprintf(out, "],\n    \"governance\": ");
	rp_json_governance(w, &m->governance);
	fprintf(out, ",\n    \"sources\": [");
	const src_set *srcs = &r->program->srcs;
	for (size_t i = 1; i < srcs->len; i++) {
		const src_file *f = srcs->files[i];
		fprintf(out, "%s\n      {\"file\": ", i > 1 ? "," : "");
		report_json_cstr(out, f->name);
		fprintf(out, ", \"module\": ");
		report_json_cstr(out, f->module);
		fprintf(out, ", \"sha256\": ");
		report_json_cstr(out, hex_or_none(w, f->has_sha256, f->sha256));
		fputc('}', out);
	}
	fprintf(out, "\n    ]},\n  \"as_of\": ");
	if (r->has_as_of) {
		cal_format(r->as_of, date);
		report_json_cstr(out, date);
	} else {
		fputs("null", out);
	}
	fprintf(out, ",\n  \"options\": {\"as_of\": ");
	if (r->has_as_of)
		report_json_cstr(out, date);
	else
		fputs("null", out);
	fprintf(out, ", \"data\": [");
	bool first = true;
	for (size_t i = 0; i < m->datasets.len; i++) {
		if (!r->bound[i])
			continue;
		fprintf(out, "%s{\"dataset\": ", first ? "" : ", ");
		report_json_cstr(out, ((m_dataset *)m->datasets.items[i])->name.s);
		fprintf(out, ", \"file\": ");
		report_json_cstr(out, r->paths[i]);
		fputc('}', out);
		first = false;
	}
	fprintf(out, "], \"skip_bad_rows\": %s},\n", r->skip_bad_rows ? "true" : "false");
	fprintf(out, "  \"rounding\": {\"text_places\": %d, \"mode\": \"%s\", "
		"\"json_csv_places\": %d},\n", m->round_places,
		num_round_mode_name(m->round_mode), CSV_PLACES);
	fprintf(out, "  \"data\": [");
	first = true;
	for (size_t i = 0; i < m->datasets.len; i++) {
		if (!r->loaded[i])
			continue;
		const m_dataset *ds = m->datasets.items[i];
		const load_stats *st = &r->stats[i];
		fprintf(out, "%s\n    {\"dataset\": ", first ? "" : ",");
		report_json_cstr(out, ds->name.s);
		fprintf(out, ", \"file\": ");
		report_json_cstr(out, r->paths[i]);
		fprintf(out, ", \"rows_read\": %zu, \"rows_used\": %zu, "
			"\"rows_rejected\": %zu,\n     \"sha256\": ", st->read, st->used,
			st->rejected);
		report_json_cstr(out, hex_or_none(w, st->has_sha256, st->sha256));
		fprintf(out, ", \"governance\": ");
		rp_json_governance(w, &ds->governance);
		fputc('}', out);
		first = false;
	}
	fprintf(out, "\n  ],\n  \"governance\": [");
	ptr_vec gl = rp_governance_list(w);
	for (size_t i = 0; i < gl.len; i++) {
		const rp_governance *e = gl.items[i];
		fprintf(out, "%s\n    {\"kind\": \"%s\", \"name\": ", i ? "," : "", e->kind);
		report_json_cstr(out, e->name);
		fprintf(out, ", \"owner\": ");
		report_json_cstr(out, e->g->owner);
		fprintf(out, ", \"approver\": ");
		report_json_cstr(out, e->g->approver);
		fprintf(out, ", \"source\": ");
		report_json_cstr(out, e->g->source);
		fputc('}', out);
	}
	fputs(gl.len ? "\n  ]" : "]", out);
}

void report_provenance(FILE *out, const eval_result *r, const report_options *o,
		       const report_ref *ref)
{
	writer w = {out, r, o, r->arena, r->model->round_places, NUM_HALF_EVEN};
	fputs("{\n  \"schema\": \"rubric.provenance/1\",\n  \"report\": {\"file\": ", out);
	report_json_cstr(out, ref->file);
	fprintf(out, ", \"format\": \"%s\", \"table\": ",
		o->format == REPORT_JSON ? "json" : o->format == REPORT_CSV ? "csv" : "text");
	report_json_cstr(out, o->format == REPORT_CSV ? report_table(r, o) : NULL);
	fprintf(out, ", \"sha256\": ");
	report_json_cstr(out, hex_or_none(&w, ref->has_sha256, ref->sha256));
	fputs("},\n", out);
	rp_json_provenance(&w);
	fputs("\n}\n", out);
}
