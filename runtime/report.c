/* report.c - text, JSON and CSV reports of an evaluation; see report.h. */
#include "report_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>





/* ---- formatting values --------------------------------------------------- */

const char *report_fmt_places(arena *a, num n, int places, num_round_mode mode)
{
	char buf[NUM_FMT_MAX];
	if (num_format(n, places, mode, buf, sizeof buf) < 0)
		return "?";
	return arena_strdup(a, buf);
}

const char *report_fmt_exact(arena *a, num n)
{
	char buf[NUM_FMT_MAX];
	if (num_format_exact(n, buf, sizeof buf) < 0)
		return "?";
	return arena_strdup(a, buf);
}

const char *rp_fmt_places(writer *w, num n, int places)
{
	return report_fmt_places(w->a, n, places, w->mode);
}

const char *rp_fmt_exact(writer *w, num n)
{
	return report_fmt_exact(w->a, n);
}

const char *rp_fmt_pct(writer *w, num n)
{
	num p;
	if (num_mul(n, num_int(100), &p) != NUM_OK)
		return "?";
	char buf[NUM_FMT_MAX];
	num_format_exact(p, buf, sizeof buf);
	return arena_printf(w->a, "%s%%", buf);
}

const char *rp_date(writer *w, cal_date d)
{
	char buf[16];
	cal_format(d, buf);
	return arena_strdup(w->a, buf);
}

const char *rp_source_file(writer *w, src_span at, int *line)
{
	const src_file *f = at.file ? src_get(&w->r->program->srcs, at.file) : NULL;
	if (!f)
		return NULL;
	int col;
	src_line_col(f, at.start, line, &col);
	return f->name;
}

const char *report_val_text(arena *a, val v, int places, num_round_mode mode)
{
	char buf[16];
	switch (v.kind) {
	case VAL_NONE: return "";
	case VAL_NA: return "n/a";
	case VAL_NUM: return report_fmt_places(a, v.u.n, places, mode);
	case VAL_TEXT: case VAL_REF: return arena_strndup(a, v.s, v.len);
	case VAL_DATE: cal_format(v.u.date, buf); return arena_strdup(a, buf);
	case VAL_PERIOD: cal_period_format(v.u.period, buf); return arena_strdup(a, buf);
	case VAL_BOOL: return v.u.b ? "true" : "false";
	case VAL_DURATION:
		return arena_printf(a, "%s %s", report_fmt_exact(a, v.u.dur.amount),
				    cal_unit_name(v.u.dur.unit,
						  !num_eq(v.u.dur.amount, num_int(1))));
	}
	return "";
}

const char *rp_val_text(writer *w, val v)
{
	return report_val_text(w->a, v, w->places, w->mode);
}

static val subject_key(const assess_run *run, uint32_t s)
{
	return table_key(run->subjects, s);
}

static const m_competency *comp(const assess_run *run, size_t c)
{
	return run->as->framework->competencies.items[c];
}

static const char *profile_name(const eval_result *r, int32_t p)
{
	return p >= 0 ? ((m_profile *)r->model->profiles.items[p])->name.s : "";
}

static const char *flag_name(self_flag f)
{
	return f == SELF_BLIND_SPOT ? "blind spot"
	     : f == SELF_HIDDEN_STRENGTH ? "hidden strength" : "";
}

static const char *status_name(rel_status s)
{
	return s == REL_PRESENT ? "shown" : s == REL_WITHHELD ? "withheld" : "missing";
}

/* ---- CSV ------------------------------------------------------------------- */

/* s (sl bytes) as a CSV cell at dst, which has room for 2 * sl + 2 bytes
 * (every byte a quote, doubled, in quotes): quoted, quotes doubled, when
 * it holds a comma, a quote or a line break.  Returns the bytes written. */
static size_t csv_cell(char *dst, const char *s, size_t sl)
{
	if (!strpbrk(s, ",\"\n\r")) {
		memcpy(dst, s, sl);
		return sl;
	}
	size_t len = 0;
	dst[len++] = '"';
	for (; *s; s++) {
		if (*s == '"')
			dst[len++] = '"';
		dst[len++] = *s;
	}
	dst[len++] = '"';
	return len;
}

/* A row is put together in a buffer and written with one call: large
 * tables have millions of rows, and each stdio call takes a lock once the
 * process has had a second thread (runtime/load.c). */
void rp_csv_row(FILE *out, const char *const *cells, size_t n)
{
	char buf[512];
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		const char *s = cells[i] ? cells[i] : "";
		size_t sl = strlen(s);
		/* Room for the comma, the cell and the newline. */
		if (len + 2 * sl + 4 > sizeof buf) {
			fwrite(buf, 1, len, out);
			len = 0;
			if (2 * sl + 4 > sizeof buf) { /* a cell too long for buf */
				char *big = malloc(2 * sl + 3);
				if (!big)
					abort(); /* as arena.c */
				size_t bl = 0;
				if (i)
					big[bl++] = ',';
				bl += csv_cell(big + bl, s, sl);
				fwrite(big, 1, bl, out);
				free(big);
				continue;
			}
		}
		if (i)
			buf[len++] = ',';
		len += csv_cell(buf + len, s, sl);
	}
	buf[len++] = '\n';
	fwrite(buf, 1, len, out);
}

static const char *opt_num(writer *w, bool has, num n, int places)
{
	return has ? rp_fmt_places(w, n, places) : "";
}

/* The large per-subject tables format into buffers of their own rather
 * than the arena, so writing them costs no memory per row. */
static const char *num_into(char *buf, bool has, num n)
{
	if (!has || num_format(n, CSV_PLACES, NUM_HALF_EVEN, buf, NUM_FMT_MAX) < 0)
		buf[0] = '\0';
	return buf;
}

static const char *key_text(writer *w, const assess_run *run, uint32_t s)
{
	val k = subject_key(run, s);
	/* Table text is a NUL-terminated copy: no need to copy it again. */
	return k.kind == VAL_TEXT || k.kind == VAL_REF ? k.s : rp_val_text(w, k);
}

/* Rows put together in memory and written in large pieces: the scores
 * table has a row per subject and competency, millions of them. */
typedef struct csv_buf {
	char *s;
	size_t len, cap;
} csv_buf;

static void csv_buf_reserve(csv_buf *b, size_t more)
{
	if (b->len + more <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 1 << 16;
	while (cap < b->len + more)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (!s)
		abort(); /* as arena.c: out of memory is not a data error */
	b->s = s;
	b->cap = cap;
}

static void csv_buf_row(csv_buf *b, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *s = cells[i] ? cells[i] : "";
		size_t sl = strlen(s);
		csv_buf_reserve(b, 2 * sl + 4); /* comma, cell, newline */
		if (i)
			b->s[b->len++] = ',';
		b->len += csv_cell(b->s + b->len, s, sl);
	}
	csv_buf_reserve(b, 1);
	b->s[b->len++] = '\n';
}

/* The rows of the subjects at positions [from, to) of the order. */
static void scores_rows(writer *w, const assess_run *run, size_t from, size_t to,
			csv_buf *b)
{
	char score[NUM_FMT_MAX], required[NUM_FMT_MAX], gap[NUM_FMT_MAX];
	for (size_t i = from; i < to; i++) {
		uint32_t s = run->order[i];
		const char *key = key_text(w, run, s);
		for (size_t j = 0; j < run->ncomp; j++) {
			size_t c = run->comp_order[j];
			const comp_result *cr = assess_comp(run, s, c);
			const char *row[] = {
				key, comp(run, c)->name.s,
				num_into(score, cr->has_score, cr->score),
				cr->not_applicable ? "n/a"
				: num_into(required, cr->has_required, assess_required(run, s, c)),
				num_into(gap, cr->has_gap, assess_gap(run, s, c)),
			};
			csv_buf_row(b, row, 5);
		}
	}
}

/*
 * A large assessment's scores are formatted in blocks of subjects: this
 * thread formats the even blocks and writes every block in order; a second
 * thread formats the odd ones into two buffers in turn, one block ahead at
 * most, so memory stays a few blocks whatever the size.  Only subjects
 * keyed by text qualify: key_text formats other keys in the arena, which
 * is this thread's.
 */
enum { SCORE_BLOCK = 2048 };

typedef struct score_blocks {
	writer *w;
	const assess_run *run;
	size_t nblocks;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	csv_buf slot[2];
	bool full[2];
} score_blocks;

static void block_range(const score_blocks *sb, size_t blk, size_t *from, size_t *to)
{
	*from = blk * SCORE_BLOCK;
	*to = *from + SCORE_BLOCK < sb->run->nsubj ? *from + SCORE_BLOCK : sb->run->nsubj;
}

static void *format_odd_blocks(void *arg)
{
	score_blocks *sb = arg;
	for (size_t blk = 1; blk < sb->nblocks; blk += 2) {
		int k = (int)(blk / 2 % 2);
		pthread_mutex_lock(&sb->mu);
		while (sb->full[k])
			pthread_cond_wait(&sb->cv, &sb->mu);
		pthread_mutex_unlock(&sb->mu);
		size_t from, to;
		block_range(sb, blk, &from, &to);
		sb->slot[k].len = 0;
		scores_rows(sb->w, sb->run, from, to, &sb->slot[k]);
		pthread_mutex_lock(&sb->mu);
		sb->full[k] = true;
		pthread_cond_broadcast(&sb->cv);
		pthread_mutex_unlock(&sb->mu);
	}
	return NULL;
}

static bool keys_are_text(const assess_run *run)
{
	for (size_t s = 0; s < run->nsubj; s++) {
		val k = subject_key(run, s);
		if (k.kind != VAL_TEXT && k.kind != VAL_REF)
			return false;
	}
	return true;
}

static void csv_scores(writer *w, const assess_run *run)
{
	const char *head[] = {"subject", "competency", "score", "required", "gap"};
	rp_csv_row(w->out, head, 5);
	csv_buf mine = {0};
	score_blocks sb = {.w = w, .run = run};
	sb.nblocks = (run->nsubj + SCORE_BLOCK - 1) / SCORE_BLOCK;
	pthread_t t;
	bool two = run->threads >= 2 && sb.nblocks >= 4 && keys_are_text(run) &&
		   pthread_mutex_init(&sb.mu, NULL) == 0;
	if (two && pthread_cond_init(&sb.cv, NULL) != 0) {
		pthread_mutex_destroy(&sb.mu);
		two = false;
	}
	if (two && pthread_create(&t, NULL, format_odd_blocks, &sb) != 0) {
		pthread_cond_destroy(&sb.cv);
		pthread_mutex_destroy(&sb.mu);
		two = false;
	}
	for (size_t blk = 0; blk < sb.nblocks; blk++) {
		size_t from, to;
		block_range(&sb, blk, &from, &to);
		if (!two || blk % 2 == 0) {
			mine.len = 0;
			scores_rows(w, run, from, to, &mine);
			fwrite(mine.s, 1, mine.len, w->out);
			continue;
		}
		int k = (int)(blk / 2 % 2);
		pthread_mutex_lock(&sb.mu);
		while (!sb.full[k])
			pthread_cond_wait(&sb.cv, &sb.mu);
		pthread_mutex_unlock(&sb.mu);
		fwrite(sb.slot[k].s, 1, sb.slot[k].len, w->out);
		pthread_mutex_lock(&sb.mu);
		sb.full[k] = false;
		pthread_cond_broadcast(&sb.cv);
		pthread_mutex_unlock(&sb.mu);
	}
	if (two) {
		pthread_join(t, NULL);
		pthread_cond_destroy(&sb.cv);
		pthread_mutex_destroy(&sb.mu);
	}
	free(mine.s);
	free(sb.slot[0].s);
	free(sb.slot[1].s);
}

static void csv_relations(writer *w, const assess_run *run)
{
	const char *head[] = {"subject", "competency", "relation", "weight",
			      "minimum", "raters", "not_applicable", "mean", "status"};
	rp_csv_row(w->out, head, 9);
	for (size_t i = 0; i < run->nsubj; i++) {
		uint32_t s = run->order[i];
		for (size_t j = 0; j < run->ncomp; j++) {
			size_t c = run->comp_order[j];
			for (size_t rel = 0; rel < run->nrel; rel++) {
				const m_relation *mr = run->as->relations.items[rel];
				const rel_cell cell_ = assess_cell(run, s, c, rel), *cell = &cell_;
				rel_status st = assess_rel_status(run, cell, rel);
				num mean = num_int(0);
				/* A withheld mean is never shown, to protect raters. */
				bool show = st == REL_PRESENT &&
					assess_cell_mean(run, cell, &mean);
				char weight[NUM_FMT_MAX], mean_text[NUM_FMT_MAX];
				char minimum[16], raters[16], na[16];
				snprintf(minimum, sizeof minimum, "%d", mr->minimum);
				snprintf(raters, sizeof raters, "%u", cell->raters);
				snprintf(na, sizeof na, "%u", cell->na);
				const char *row[] = {
					key_text(w, run, s), comp(run, c)->name.s, mr->name.s,
					num_into(weight, true, mr->weight), minimum, raters, na,
					num_into(mean_text, show, mean), status_name(st),
				};
				rp_csv_row(w->out, row, 9);
			}
		}
	}
}

static void csv_subjects(writer *w, const assess_run *run)
{
	const char *head[] = {"subject", "profile", "meets_profile", "total_gap",
			      "gaps", "no_data"};
	rp_csv_row(w->out, head, 6);
	for (size_t i = 0; i < run->nsubj; i++) {
		uint32_t s = run->order[i];
		const subject_result *sr = &run->subj[s];
		const char *row[] = {
			rp_val_text(w, subject_key(run, s)), profile_name(w->r, sr->profile),
			sr->profile < 0 ? "" : sr->meets ? "yes" : "no",
			rp_fmt_places(w, sr->total_gap, CSV_PLACES),
			arena_printf(w->a, "%u", sr->gaps),
			arena_printf(w->a, "%u", sr->no_data),
		};
		rp_csv_row(w->out, row, 6);
	}
}

/* A subject's gaps, largest first, then by competency name. */
static size_t ranked_gaps(const assess_run *run, uint32_t s, size_t *out)
{
	size_t n = 0;
	for (size_t j = 0; j < run->ncomp; j++) {
		size_t c = run->comp_order[j];
		const comp_result *cr = assess_comp(run, s, c);
		num gap = assess_gap(run, s, c);
		if (!cr->has_gap || num_sign(gap) <= 0)
			continue;
		size_t k = n++;
		/* insertion keeps name order among equal gaps */
		while (k > 0 && num_cmp(assess_gap(run, s, out[k - 1]), gap) < 0) {
			out[k] = out[k - 1];
			k--;
		}
		out[k] = c;
	}
	return n;
}

static void csv_gaps(writer *w, const assess_run *run)
{
	const char *head[] = {"subject", "rank", "competency", "required", "score",
			      "gap", "action"};
	rp_csv_row(w->out, head, 7);
	size_t *order = arena_alloc(w->a, (run->ncomp + 1) * sizeof *order);
	for (size_t i = 0; i < run->nsubj; i++) {
		uint32_t s = run->order[i];
		size_t n = ranked_gaps(run, s, order);
		for (size_t k = 0; k < n; k++) {
			const comp_result *cr = assess_comp(run, s, order[k]);
			const char *row[] = {
				rp_val_text(w, subject_key(run, s)), arena_printf(w->a, "%zu", k + 1),
				comp(run, order[k])->name.s,
				rp_fmt_places(w, assess_required(run, s, order[k]), CSV_PLACES),
				rp_fmt_places(w, cr->score, CSV_PLACES),
				rp_fmt_places(w, assess_gap(run, s, order[k]), CSV_PLACES),
				cr->develop ? assess_action(run, cr) : "",
			};
			rp_csv_row(w->out, row, 7);
		}
	}
}

static void csv_groups(writer *w, const assess_run *run)
{
	const char *group = run->as->group_column ? run->as->group_column->name.s : "group";
	const char *head[] = {group, "competency", "subjects", "scored", "mean",
			      "with_profile", "meeting_profile", "meeting_share",
			      "withheld"};
	rp_csv_row(w->out, head, 9);
	for (size_t g = 0; g < run->ngroups; g++) {
		const group_result *gr = &run->groups[g];
		num share = num_int(0);
		bool has_share = gr->with_profile > 0 &&
			num_make(gr->meeting, gr->with_profile, &share) == NUM_OK;
		for (size_t j = 0; j < run->ncomp; j++) {
			size_t c = run->comp_order[j];
			const char *row[] = {
				rp_val_text(w, gr->key), comp(run, c)->name.s,
				arena_printf(w->a, "%u", gr->subjects),
				arena_printf(w->a, "%u", gr->scored[c]),
				opt_num(w, gr->has_mean[c], gr->mean[c], CSV_PLACES),
				arena_printf(w->a, "%u", gr->with_profile),
				arena_printf(w->a, "%u", gr->meeting),
				opt_num(w, has_share, share, CSV_PLACES),
				arena_printf(w->a, "%u", gr->withheld),
			};
			rp_csv_row(w->out, row, 9);
		}
	}
}

static void csv_development(writer *w, const assess_run *run)
{
	const char *head[] = {"subject", "competency", "gap", "action"};
	rp_csv_row(w->out, head, 4);
	for (size_t i = 0; i < run->nsubj; i++) {
		uint32_t s = run->order[i];
		for (size_t j = 0; j < run->ncomp; j++) {
			size_t c = run->comp_order[j];
			const comp_result *cr = assess_comp(run, s, c);
			if (!cr->develop)
				continue;
			const char *row[] = {
				rp_val_text(w, subject_key(run, s)), comp(run, c)->name.s,
				rp_fmt_places(w, assess_gap(run, s, c), CSV_PLACES),
				assess_action(run, cr),
			};
			rp_csv_row(w->out, row, 4);
		}
	}
}

static void csv_succession(writer *w, const assess_run *run)
{
	const char *head[] = {"target", "from", "rank", "subject", "ready",
			      "complete", "remaining_gap"};
	rp_csv_row(w->out, head, 7);
	for (size_t i = 0; i < run->nsucc; i++) {
		const succession_result *sr = &run->succ[i];
		for (size_t k = 0; k < sr->len; k++) {
			const succession_entry *e = &sr->entries[k];
			const char *row[] = {
				sr->decl->target->name.s, sr->decl->from->name.s,
				arena_printf(w->a, "%zu", k + 1),
				rp_val_text(w, subject_key(run, e->subject)),
				e->ready ? "yes" : "no", e->complete ? "yes" : "no",
				rp_fmt_places(w, e->total_gap, CSV_PLACES),
			};
			rp_csv_row(w->out, row, 7);
		}
	}
}

static const char *rule_value(writer *w, val v, int places)
{
	if (v.kind == VAL_NUM)
		return rp_fmt_places(w, v.u.n, places);
	return rp_val_text(w, v);
}

static void csv_rules(writer *w)
{
	const char *head[] = {"rule", "group", "value", "left", "comparison", "right"};
	rp_csv_row(w->out, head, 6);
	for (size_t i = 0; i < w->r->nrules; i++) {
		const rule_result *rr = &w->r->rules[i];
		for (size_t k = 0; k < rr->n; k++) {
			const char *row[] = {
				rr->rule->decl->name.s,
				rr->keys ? rp_val_text(w, rr->keys[k]) : "",
				rule_value(w, rr->values[k], CSV_PLACES),
				rr->left ? rule_value(w, rr->left[k], CSV_PLACES) : "",
				rr->left ? expr_op_text(rr->rule->decl->expr->op) : "",
				rr->left ? rule_value(w, rr->right[k], CSV_PLACES) : "",
			};
			rp_csv_row(w->out, row, 6);
		}
	}
}

/* "(7 >= 6)": the two sides of a rule that is a comparison. */
static const char *sides(writer *w, const rule_result *rr, size_t k)
{
	if (!rr->left)
		return "";
	/* Counts are whole numbers: shown as such, not as 6.00. */
	val l = rr->left[k], r = rr->right[k];
	const char *a = l.kind == VAL_NUM && num_is_int(l.u.n) ? rp_fmt_exact(w, l.u.n)
			: rule_value(w, l, w->places);
	const char *b = r.kind == VAL_NUM && num_is_int(r.u.n) ? rp_fmt_exact(w, r.u.n)
			: rule_value(w, r, w->places);
	return arena_printf(w->a, "(%s %s %s)", *a ? a : "no data",
			    expr_op_text(rr->rule->decl->expr->op), *b ? b : "no data");
}

static void csv_data(writer *w)
{
	const char *head[] = {"dataset", "file", "rows_read", "rows_used",
			      "rows_rejected", "sha256"};
	rp_csv_row(w->out, head, 6);
	const model *m = w->r->model;
	for (size_t i = 0; i < m->datasets.len; i++) {
		if (!w->r->loaded[i])
			continue;
		const load_stats *st = &w->r->stats[i];
		char hex[DIGEST_HEX] = "";
		if (st->has_sha256)
			digest_hex(st->sha256, hex);
		const char *row[] = {
			((m_dataset *)m->datasets.items[i])->name.s, w->r->paths[i],
			arena_printf(w->a, "%zu", st->read),
			arena_printf(w->a, "%zu", st->used),
			arena_printf(w->a, "%zu", st->rejected),
			hex,
		};
		rp_csv_row(w->out, row, 6);
	}
}

/* ---- JSON ------------------------------------------------------------------ */

static void json_str(FILE *out, const char *s, size_t len)
{
	fputc('"', out);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

void report_json_cstr(FILE *out, const char *s)
{
	if (s)
		json_str(out, s, strlen(s));
	else
		fputs("null", out);
}

/* A number as {"value": 3.6667, "exact": "11/3"} would be noisy in every
 * field; we write the rounded value and, beside it, "<field>_exact". */
void rp_json_num(writer *w, const char *key, bool has, num n)
{
	fprintf(w->out, "\"%s\": %s, \"%s_exact\": ", key,
		has ? rp_fmt_places(w, n, CSV_PLACES) : "null", key);
	if (has)
		report_json_cstr(w->out, rp_fmt_exact(w, n));
	else
		fputs("null", w->out);
}

void rp_json_val(writer *w, val v)
{
	switch (v.kind) {
	case VAL_NONE: fputs("null", w->out); return;
	case VAL_NUM: fputs(rp_fmt_places(w, v.u.n, CSV_PLACES), w->out); return;
	case VAL_BOOL: fputs(v.u.b ? "true" : "false", w->out); return;
	default: report_json_cstr(w->out, rp_val_text(w, v)); return;
	}
}

static void json_assessment(writer *w, const assess_run *run)
{
	FILE *out = w->out;
	const m_assessment *as = run->as;
	fprintf(out, "    {\n      \"assessment\": ");
	report_json_cstr(out, as->name.s);
	fprintf(out, ",\n      \"title\": ");
	report_json_cstr(out, as->title);
	fprintf(out, ",\n      \"governance\": ");
	rp_json_governance(w, &as->governance);
	fprintf(out, ",\n      \"missing_relations\": \"%s\",\n      ",
		as->missing == MISSING_RENORMALIZE ? "renormalize"
		: as->missing == MISSING_ZERO ? "zero" : "error");
	rp_json_num(w, "blind_spot_threshold", true, as->threshold);
	fprintf(out, ",\n      \"relations\": [");
	for (size_t rel = 0; rel < run->nrel; rel++) {
		const m_relation *mr = as->relations.items[rel];
		fprintf(out, "%s{\"relation\": ", rel ? ", " : "");
		report_json_cstr(out, mr->name.s);
		fprintf(out, ", \"weight\": %s, \"minimum\": %d}",
			rp_fmt_places(w, mr->weight, CSV_PLACES), mr->minimum);
	}
	fprintf(out, "],\n      \"not_applicable_answers\": %llu,\n      \"subjects\": [",
		(unsigned long long)run->na_answers);
	size_t *gaps = arena_alloc(w->a, (run->ncomp + 1) * sizeof *gaps);
	for (size_t i = 0; i < run->nsubj; i++) {
		uint32_t s = run->order[i];
		const subject_result *sr = &run->subj[s];
		fprintf(out, "%s\n        {\"subject\": ", i ? "," : "");
		rp_json_val(w, subject_key(run, s));
		fprintf(out, ", \"profile\": ");
		report_json_cstr(out, sr->profile >= 0 ? profile_name(w->r, sr->profile) : NULL);
		fprintf(out, ", \"meets_profile\": %s, ",
			sr->profile < 0 ? "null" : sr->meets ? "true" : "false");
		rp_json_num(w, "total_gap", true, sr->total_gap);
		fprintf(out, ",\n         \"ranked_gaps\": [");
		size_t n = ranked_gaps(run, s, gaps);
		for (size_t k = 0; k < n; k++) {
			fputs(k ? ", " : "", out);
			report_json_cstr(out, comp(run, gaps[k])->name.s);
		}
		fprintf(out, "],\n         \"competencies\": [");
		for (size_t j = 0; j < run->ncomp; j++) {
			size_t c = run->comp_order[j];
			const comp_result *cr = assess_comp(run, s, c);
			fprintf(out, "%s\n           {\"competency\": ", j ? "," : "");
			report_json_cstr(out, comp(run, c)->name.s);
			fputs(", ", out);
			rp_json_num(w, "score", cr->has_score, cr->score);
			fputs(", ", out);
			rp_json_num(w, "required", cr->has_required, assess_required(run, s, c));
			fprintf(out, ", \"not_applicable\": %s, ",
				cr->not_applicable ? "true" : "false");
			rp_json_num(w, "gap", cr->has_gap, assess_gap(run, s, c));
			fprintf(out, ", \"met\": %s, ", !cr->has_required ? "null"
				: cr->met ? "true" : "false");
			rp_json_num(w, "self_minus_others", cr->has_self_diff,
				    cr->has_self_diff ? assess_self_diff(run, s, c) : num_int(0));
			fprintf(out, ", \"flag\": ");
			report_json_cstr(out, cr->flag ? flag_name(cr->flag) : NULL);
			fprintf(out, ", \"action\": ");
			report_json_cstr(out, assess_action(run, cr));
			fprintf(out, ",\n            \"relations\": [");
			for (size_t rel = 0; rel < run->nrel; rel++) {
				const rel_cell cell_ = assess_cell(run, s, c, rel), *cell = &cell_;
				rel_status st = assess_rel_status(run, cell, rel);
				num mean = num_int(0);
				bool show = st == REL_PRESENT &&
					assess_cell_mean(run, cell, &mean);
				fprintf(out, "%s{\"relation\": ", rel ? ", " : "");
				report_json_cstr(out, ((m_relation *)as->relations.items[rel])->name.s);
				fprintf(out, ", \"raters\": %u, \"not_applicable\": %u, "
					"\"status\": \"%s\", ", cell->raters, cell->na,
					status_name(st));
				rp_json_num(w, "mean", show, mean);
				fputc('}', out);
			}
			fputs("]}", out);
		}
		fputs("]}", out);
	}
	fprintf(out, "\n      ],\n      \"groups\": [");
	for (size_t g = 0; g < run->ngroups; g++) {
		const group_result *gr = &run->groups[g];
		fprintf(out, "%s\n        {\"group\": ", g ? "," : "");
		rp_json_val(w, gr->key);
		fprintf(out, ", \"subjects\": %u, \"with_profile\": %u, \"meeting_profile\": %u, "
			"\"withheld\": %u, \"competencies\": [", gr->subjects,
			gr->with_profile, gr->meeting, gr->withheld);
		for (size_t j = 0; j < run->ncomp; j++) {
			size_t c = run->comp_order[j];
			fprintf(out, "%s{\"competency\": ", j ? ", " : "");
			report_json_cstr(out, comp(run, c)->name.s);
			fprintf(out, ", \"scored\": %u, ", gr->scored[c]);
			rp_json_num(w, "mean", gr->has_mean[c], gr->mean[c]);
			fputc('}', out);
		}
		fputs("]}", out);
	}
	fprintf(out, "\n      ],\n      \"succession\": [");
	for (size_t i = 0; i < run->nsucc; i++) {
		const succession_result *sr = &run->succ[i];
		fprintf(out, "%s\n        {\"target\": ", i ? "," : "");
		report_json_cstr(out, sr->decl->target->name.s);
		fprintf(out, ", \"from\": ");
		report_json_cstr(out, sr->decl->from->name.s);
		fprintf(out, ", \"candidates\": [");
		for (size_t k = 0; k < sr->len; k++) {
			const succession_entry *e = &sr->entries[k];
			fprintf(out, "%s{\"subject\": ", k ? ", " : "");
			rp_json_val(w, subject_key(run, e->subject));
			fprintf(out, ", \"ready\": %s, \"complete\": %s, ",
				e->ready ? "true" : "false", e->complete ? "true" : "false");
			rp_json_num(w, "remaining_gap", true, e->total_gap);
			fputc('}', out);
		}
		fputs("]}", out);
	}
	fprintf(out, "\n      ]\n    }");
}

static void json_report(writer *w)
{
	FILE *out = w->out;
	fputs("{\n  \"schema\": \"rubric.eval/1\",\n", out);
	rp_json_provenance(w);
	fputs(",\n  \"assessments\": [\n", out);
	for (size_t i = 0; i < w->r->nruns; i++) {
		json_assessment(w, &w->r->runs[i]);
		fputs(i + 1 < w->r->nruns ? ",\n" : "\n", out);
	}
	fputs("  ],\n", out);
	rp_json_scorecards(w);
	rp_json_certifications(w);
	rp_json_matches(w);
	fputs("  \"rules\": [", out);
	for (size_t i = 0; i < w->r->nrules; i++) {
		const rule_result *rr = &w->r->rules[i];
		fprintf(out, "%s\n    {\"rule\": ", i ? "," : "");
		report_json_cstr(out, rr->rule->decl->name.s);
		fprintf(out, ", \"title\": ");
		report_json_cstr(out, rr->rule->decl->title);
		fprintf(out, ", \"results\": [");
		for (size_t k = 0; k < rr->n; k++) {
			fprintf(out, "%s{\"group\": ", k ? ", " : "");
			if (rr->keys)
				rp_json_val(w, rr->keys[k]);
			else
				fputs("null", out);
			fprintf(out, ", \"value\": ");
			rp_json_val(w, rr->values[k]);
			if (rr->values[k].kind == VAL_NUM) {
				fprintf(out, ", \"value_exact\": ");
				report_json_cstr(out, rp_fmt_exact(w, rr->values[k].u.n));
			}
			if (rr->left) {
				/* numbers as everywhere: rounded, and exact beside */
				val l = rr->left[k], rt = rr->right[k];
				fputs(", ", out);
				if (l.kind == VAL_NUM) {
					rp_json_num(w, "left", true, l.u.n);
				} else {
					fputs("\"left\": ", out);
					rp_json_val(w, l);
				}
				fprintf(out, ", \"comparison\": \"%s\", ",
					expr_op_text(rr->rule->decl->expr->op));
				if (rt.kind == VAL_NUM) {
					rp_json_num(w, "right", true, rt.u.n);
				} else {
					fputs("\"right\": ", out);
					rp_json_val(w, rt);
				}
			}
			fputc('}', out);
		}
		fputs("]}", out);
	}
	fputs("\n  ]\n}\n", out);
}

/* ---- text --------------------------------------------------------------------- */



static size_t width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

void report_grid_add(arena *a, report_grid *g, const char *const *row)
{
	for (size_t i = 0; i < g->ncols; i++)
		ptr_vec_push(a, &g->cells, (void *)(row[i] ? row[i] : ""));
}

void report_grid_print(FILE *out, arena *a, const report_grid *g,
		       const char *indent)
{
	size_t *wd = arena_alloc(a, (g->ncols ? g->ncols : 1) * sizeof *wd);
	size_t rows = g->cells.len / g->ncols;
	for (size_t r = 0; r < rows; r++)
		for (size_t c = 0; c < g->ncols; c++) {
			size_t n = width(g->cells.items[r * g->ncols + c]);
			if (n > wd[c])
				wd[c] = n;
		}
	for (size_t r = 0; r < rows; r++) {
		fputs(indent, out);
		/* Trailing empty cells print nothing, so lines end cleanly. */
		size_t last = g->ncols;
		while (last > 0 && !*(const char *)g->cells.items[r * g->ncols + last - 1])
			last--;
		for (size_t c = 0; c < last; c++) {
			const char *s = g->cells.items[r * g->ncols + c];
			size_t pad = wd[c] - width(s);
			if (g->right[c])
				fprintf(out, "%*s", (int)pad, "");
			fputs(s, out);
			if (c + 1 < last)
				fprintf(out, "%*s  ", g->right[c] ? 0 : (int)pad, "");
		}
		fputc('\n', out);
	}
}

const char *rp_bold(writer *w, const char *s)
{
	return w->o->color ? arena_printf(w->a, "\033[1m%s\033[0m", s) : s;
}

static void text_assessment(writer *w, const assess_run *run)
{
	FILE *out = w->out;
	const m_assessment *as = run->as;
	const eval_result *r = w->r;
	fprintf(out, "\n%s", rp_bold(w, arena_printf(w->a, "Assessment %s", as->name.s)));
	if (as->title)
		fprintf(out, " - %s", as->title);
	fputs("\n  weights: ", out);
	for (size_t rel = 0; rel < run->nrel; rel++) {
		const m_relation *mr = as->relations.items[rel];
		fprintf(out, "%s%s %s", rel ? ", " : "", mr->name.s, rp_fmt_pct(w, mr->weight));
		if (mr->minimum > 1)
			fprintf(out, " (at least %d raters)", mr->minimum);
	}
	fprintf(out, "\n  missing or withheld relations: %s\n",
		as->missing == MISSING_RENORMALIZE ? "weights renormalised over the rest"
		: as->missing == MISSING_ZERO ? "counted as zero" : "an error");
	if (as->self)
		fprintf(out, "  blind spot / hidden strength: self differs from others "
			"by more than %s\n", rp_fmt_exact(w, as->threshold));

	bool *right = arena_alloc(w->a, (8 + run->nrel) * sizeof *right);
	size_t *gaps = arena_alloc(w->a, (run->ncomp + 1) * sizeof *gaps);
	for (size_t i = 0; i < run->nsubj; i++) {
		uint32_t s = run->order[i];
		const subject_result *sr = &run->subj[s];
		fprintf(out, "\n  %s", rp_bold(w, rp_val_text(w, subject_key(run, s))));
		if (sr->profile >= 0)
			fprintf(out, "  profile %s: %s", profile_name(r, sr->profile),
				sr->meets ? "meets it"
				: arena_printf(w->a, "does not meet it (total gap %s)",
					       rp_fmt_places(w, sr->total_gap, w->places)));
		fputc('\n', out);
		grid g = {0};
		g.ncols = 5 + run->nrel + 1;
		g.right = right;
		const char **row = arena_alloc(w->a, g.ncols * sizeof *row);
		row[0] = "competency";
		for (size_t rel = 0; rel < run->nrel; rel++) {
			row[1 + rel] = ((m_relation *)as->relations.items[rel])->name.s;
			right[1 + rel] = true;
		}
		size_t k = 1 + run->nrel;
		row[k] = "score"; row[k + 1] = "required"; row[k + 2] = "gap";
		row[k + 3] = "notes"; row[k + 4] = "";
		right[k] = right[k + 1] = right[k + 2] = true;
		g.ncols = k + 4;
		report_grid_add(w->a, &g, row);
		for (size_t j = 0; j < run->ncomp; j++) {
			size_t c = run->comp_order[j];
			const comp_result *cr = assess_comp(run, s, c);
			row[0] = comp(run, c)->name.s;
			for (size_t rel = 0; rel < run->nrel; rel++) {
				const rel_cell cell_ = assess_cell(run, s, c, rel), *cell = &cell_;
				rel_status st = assess_rel_status(run, cell, rel);
				num mean;
				row[1 + rel] = st == REL_MISSING ? "-"
					: st == REL_WITHHELD ? "withheld"
					: assess_cell_mean(run, cell, &mean)
					? rp_fmt_places(w, mean, w->places) : "?";
			}
			row[k] = cr->has_score ? rp_fmt_places(w, cr->score, w->places) : "no data";
			row[k + 1] = cr->not_applicable ? "n/a"
				: cr->has_required
				? rp_fmt_places(w, assess_required(run, s, c), w->places) : "";
			row[k + 2] = cr->has_gap
				? rp_fmt_places(w, assess_gap(run, s, c), w->places) : "";
			const char *notes = flag_name(cr->flag);
			if (cr->develop)
				notes = *notes ? arena_printf(w->a, "%s; %s", notes,
							      assess_action(run, cr))
					: assess_action(run, cr);
			row[k + 3] = notes;
			report_grid_add(w->a, &g, row);
		}
		report_grid_print(w->out, w->a, &g, "    ");
		size_t n = ranked_gaps(run, s, gaps);
		if (n) {
			fputs("    gaps, largest first: ", out);
			for (size_t q = 0; q < n; q++)
				fprintf(out, "%s%s %s", q ? ", " : "", comp(run, gaps[q])->name.s,
					rp_fmt_places(w, assess_gap(run, s, gaps[q]), w->places));
			fputc('\n', out);
		}
	}
	if (run->ngroups) {
		fprintf(out, "\n  %s\n", rp_bold(w, arena_printf(w->a, "By %s",
			as->group_column->name.s)));
		grid g = {0};
		g.ncols = 3 + run->ncomp;
		bool *gright = arena_alloc(w->a, g.ncols * sizeof *gright);
		g.right = gright;
		const char **row = arena_alloc(w->a, g.ncols * sizeof *row);
		row[0] = as->group_column->name.s;
		row[1] = "subjects";
		row[2] = "meeting profile";
		for (size_t j = 1; j < g.ncols; j++)
			gright[j] = true;
		for (size_t j = 0; j < run->ncomp; j++)
			row[3 + j] = comp(run, run->comp_order[j])->name.s;
		/* Wide: one line per group with every competency. */
		report_grid_add(w->a, &g, row);
		for (size_t gi = 0; gi < run->ngroups; gi++) {
			const group_result *gr = &run->groups[gi];
			row[0] = rp_val_text(w, gr->key);
			row[1] = arena_printf(w->a, "%u", gr->subjects);
			row[2] = arena_printf(w->a, "%u of %u", gr->meeting, gr->with_profile);
			for (size_t j = 0; j < run->ncomp; j++) {
				size_t c = run->comp_order[j];
				row[3 + j] = gr->has_mean[c] ? rp_fmt_places(w, gr->mean[c], w->places)
					: "no data";
			}
			report_grid_add(w->a, &g, row);
		}
		report_grid_print(w->out, w->a, &g, "    ");
		for (size_t gi = 0; gi < run->ngroups; gi++)
			if (run->groups[gi].withheld)
				fprintf(out, "    %s: %u relation score%s withheld (too few raters)\n",
					rp_val_text(w, run->groups[gi].key), run->groups[gi].withheld,
					run->groups[gi].withheld == 1 ? "" : "s");
	}
	for (size_t i = 0; i < run->nsucc; i++) {
		const succession_result *sr = &run->succ[i];
		fprintf(out, "\n  %s\n", rp_bold(w, arena_printf(w->a, "Succession: %s from %s",
			sr->decl->target->name.s, sr->decl->from->name.s)));
		if (!sr->len) {
			fputs("    no candidates\n", out);
			continue;
		}
		grid g = {0};
		g.ncols = 4;
		bool rr[] = {true, false, false, true};
		g.right = rr;
		const char *head[] = {"rank", "subject", "ready", "remaining gap"};
		report_grid_add(w->a, &g, head);
		for (size_t k = 0; k < sr->len; k++) {
			const succession_entry *e = &sr->entries[k];
			const char *row[] = {
				arena_printf(w->a, "%zu", k + 1),
				rp_val_text(w, subject_key(run, e->subject)),
				e->ready ? "yes" : e->complete ? "no" : "no (incomplete data)",
				rp_fmt_places(w, e->total_gap, w->places),
			};
			report_grid_add(w->a, &g, row);
		}
		report_grid_print(w->out, w->a, &g, "    ");
	}
}

static void text_rules(writer *w)
{
	if (!w->r->nrules)
		return;
	fprintf(w->out, "\n%s\n", rp_bold(w, "Rules"));
	for (size_t i = 0; i < w->r->nrules; i++) {
		const rule_result *rr = &w->r->rules[i];
		fprintf(w->out, "  %s", rr->rule->decl->name.s);
		if (rr->rule->decl->title)
			fprintf(w->out, " - %s", rr->rule->decl->title);
		if (!rr->keys) {
			const char *v = rule_value(w, rr->values[0], w->places);
			fprintf(w->out, ": %s%s%s\n", *v ? v : "no data",
				rr->left ? " " : "", sides(w, rr, 0));
			continue;
		}
		fputc('\n', w->out);
		grid g = {0};
		g.ncols = 3;
		bool right[] = {false, true, false};
		g.right = right;
		for (size_t k = 0; k < rr->n; k++) {
			const char *v = rule_value(w, rr->values[k], w->places);
			const char *row[] = {rp_val_text(w, rr->keys[k]), *v ? v : "no data",
					     sides(w, rr, k)};
			report_grid_add(w->a, &g, row);
		}
		report_grid_print(w->out, w->a, &g, "    ");
	}
}

/* ---- entry ------------------------------------------------------------------ */

/* The default table: the assessment's scores, else the measures. */
const char *report_table(const eval_result *r, const report_options *o)
{
	/* The default: the assessment's scores, else the measures, else the
	 * certifications, else the matches. */
	return o->table ? o->table : r->nruns ? "scores" : r->ncards ? "measures"
		: r->ncerts ? "certifications" : r->nmatches ? "matches" : "scores";
}

bool report_write(FILE *out, const eval_result *r, const report_options *o,
		  const char **err)
{
	/* Text rounds as the rules say; CSV and JSON always half-even. */
	writer w = {out, r, o, r->arena, r->model->round_places,
		    o->format == REPORT_TEXT ? r->model->round_mode : NUM_HALF_EVEN};
	/* CSV and text speak of one assessment. */
	const assess_run *run = NULL;
	if (o->assessment) {
		for (size_t i = 0; i < r->nruns; i++)
			if (!strcmp(r->runs[i].as->name.s, o->assessment))
				run = &r->runs[i];
		if (!run) {
			*err = arena_printf(w.a, "no assessment named '%s'", o->assessment);
			return false;
		}
	} else if (r->nruns == 1) {
		run = &r->runs[0];
	}
	if (o->format == REPORT_JSON) {
		json_report(&w);
		return true;
	}
	if (o->format == REPORT_TEXT) {
		rp_text_provenance(&w, "");
		for (size_t i = 0; i < r->nruns; i++)
			if (!run || run == &r->runs[i])
				text_assessment(&w, &r->runs[i]);
		for (size_t i = 0; i < r->ncards; i++)
			rp_text_scorecard(&w, &r->cards[i]);
		rp_text_certifications(&w);
		text_rules(&w);
		rp_text_matches(&w);
		return true;
	}
	const char *t = report_table(r, o);
	if (!strcmp(t, "measures")) {
		rp_csv_measures(&w);
		return true;
	}
	if (!strcmp(t, "objectives")) {
		rp_csv_objectives(&w);
		return true;
	}
	if (!strcmp(t, "certifications")) {
		rp_csv_certifications(&w);
		return true;
	}
	if (!strcmp(t, "matches")) {
		rp_csv_matches(&w);
		return true;
	}
	if (!strcmp(t, "rules")) {
		csv_rules(&w);
		return true;
	}
	if (!strcmp(t, "data")) {
		csv_data(&w);
		return true;
	}
	static const char *const assess_tables[] = {
		"scores", "relations", "subjects", "gaps", "groups", "development",
		"succession",
	};
	size_t k = 0;
	while (k < 7 && strcmp(assess_tables[k], t))
		k++;
	if (k == 7) {
		*err = arena_printf(w.a, "unknown table '%s'; the tables are "
				    REPORT_TABLES, t);
		return false;
	}
	if (!run) {
		*err = r->nruns ? "there are several assessments: choose one with --assessment"
				: "the rules declare no assessment";
		return false;
	}
	switch (k) {
	case 0: csv_scores(&w, run); break;
	case 1: csv_relations(&w, run); break;
	case 2: csv_subjects(&w, run); break;
	case 3: csv_gaps(&w, run); break;
	case 4: csv_groups(&w, run); break;
	case 5: csv_development(&w, run); break;
	case 6: csv_succession(&w, run); break;
	}
	return true;
}
