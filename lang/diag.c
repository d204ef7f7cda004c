/* diag.c - diagnostics records and their rendering; see diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_init(diag_list *l, arena *a)
{
	memset(l, 0, sizeof *l);
	l->arena = a;
	l->max_errors = DIAG_DEFAULT_MAX_ERRORS;
}

/*
 * The cap on what is shown: rule files are small, so their records are all
 * kept and the first max_errors in source order are shown (diag_render).
 * Data files can hold millions of bad rows, so beyond the cap their records
 * are only counted; rows come in file order, so the first are kept.
 */
static diag *add(diag_list *l, diag_severity sev, src_span span,
		 const char *id, bool data, const char *fmt, va_list ap)
{
	diag *d = arena_alloc(l->arena, sizeof *d);
	d->severity = sev;
	d->id = id;
	d->span = span;
	if (sev == DIAG_ERROR)
		l->errors++;
	else
		l->warnings++;
	if (data && ++l->data_records > l->max_errors) {
		l->dropped++;
		d->message = "";
		return d; /* counted, returned for hints, never rendered */
	}
	d->message = arena_vprintf(l->arena, fmt, ap);
	d->seq = l->items.len;
	ptr_vec_push(l->arena, &l->items, d);
	return d;
}

void diag_append(diag_list *l, const diag_list *from)
{
	l->errors += from->errors;
	l->warnings += from->warnings;
	for (size_t i = 0; i < from->items.len; i++) {
		diag *d = from->items.items[i];
		if (++l->data_records > l->max_errors) {
			l->dropped++;
			continue;
		}
		d->seq = l->items.len;
		ptr_vec_push(l->arena, &l->items, d);
	}
	/* Those from did not keep come after every one it kept. */
	l->data_records += from->dropped;
	l->dropped += from->dropped;
}

diag *diag_error(diag_list *l, src_span span, const char *id,
		 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag *d = add(l, DIAG_ERROR, span, id, false, fmt, ap);
	va_end(ap);
	return d;
}

diag *diag_warning(diag_list *l, src_span span, const char *id,
		   const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag *d = add(l, DIAG_WARNING, span, id, false, fmt, ap);
	va_end(ap);
	return d;
}

/* Where a data-file record points: file, line, column, and optionally the
 * text of the line for the excerpt. */
static diag *locate(diag_list *l, diag *d, const char *file, uint32_t line,
		    uint32_t col, const char *text, size_t text_len)
{
	d->at_file = file ? arena_strdup(l->arena, file) : NULL;
	d->at_line = line;
	d->at_col = col;
	if (text) {
		d->at_text = arena_strndup(l->arena, text, text_len);
		d->at_text_len = text_len;
	}
	return d;
}

diag *diag_error_at(diag_list *l, const char *file, uint32_t line,
		    uint32_t col, const char *text, size_t text_len,
		    const char *id, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag *d = add(l, DIAG_ERROR, (src_span){0, 0, 0}, id, true, fmt, ap);
	va_end(ap);
	return locate(l, d, file, line, col, text, text_len);
}

diag *diag_warning_at(diag_list *l, const char *file, uint32_t line,
		      uint32_t col, const char *id, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag *d = add(l, DIAG_WARNING, (src_span){0, 0, 0}, id, true, fmt, ap);
	va_end(ap);
	return locate(l, d, file, line, col, NULL, 0);
}

void diag_hint(diag_list *l, diag *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	d->hint = arena_vprintf(l->arena, fmt, ap);
	va_end(ap);
}

void diag_note(diag_list *l, diag *d, src_span span, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	d->note = arena_vprintf(l->arena, fmt, ap);
	d->note_span = span;
	va_end(ap);
}

static int cmp_diag(const void *pa, const void *pb)
{
	const diag *a = *(const diag *const *)pa;
	const diag *b = *(const diag *const *)pb;
	if (a->span.file != b->span.file)
		return a->span.file < b->span.file ? -1 : 1;
	if (a->span.start != b->span.start)
		return a->span.start < b->span.start ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

#define RED "\033[1;31m"
#define MAGENTA "\033[1;35m"
#define BOLD "\033[1m"
#define GREEN "\033[1;32m"
#define CYAN "\033[1;36m"
#define RESET "\033[0m"

/* Writes a source line as one '?' per column that is not printable text
 * (control characters other than tab, DEL, C1 controls, bytes that are not
 * UTF-8), so a stray byte can neither garble the terminal nor make the
 * output invalid UTF-8; the caret line counts columns the same way. */
static void put_line(FILE *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		size_t n = src_utf8_len(s + i, len - i);
		unsigned char c = (unsigned char)s[i];
		bool c1 = n == 2 && c == 0xC2 && (unsigned char)s[i + 1] < 0xA0;
		if (n == 0 || c1 || c == 0x7F || (c < 0x20 && c != '\t'))
			fputc('?', out);
		else
			fwrite(s + i, 1, n, out);
		i += n ? n : 1;
	}
}

/* Lines longer than this show a window of it around the caret. */
#define EXCERPT_MAX 160
#define EXCERPT_BEFORE 60

/* Moves back to the start of a UTF-8 character. */
static size_t char_start(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static void render_excerpt(FILE *out, const src_file *f, src_span span,
			   bool color)
{
	int line, col;
	src_line_col(f, span.start, &line, &col);
	size_t len;
	const char *text = src_line_text(f, span.start, &len);
	uint32_t line_start = (uint32_t)(text - f->text);
	char gutter[16];
	int gw = snprintf(gutter, sizeof gutter, "%d", line);

	/* A very long line (generated, or minified) shows a window. */
	const char *lead = "", *trail = "";
	if (len > EXCERPT_MAX) {
		size_t at = span.start - line_start;
		size_t from = at > EXCERPT_BEFORE ? char_start(text, at - EXCERPT_BEFORE) : 0;
		size_t to = from + EXCERPT_MAX < len ? char_start(text, from + EXCERPT_MAX) : len;
		if (from > 0)
			lead = "...";
		if (to < len)
			trail = "...";
		line_start += (uint32_t)from;
		text += from;
		len = to - from;
	}
	fprintf(out, " %*s |\n", gw, "");
	fprintf(out, " %s | %s", gutter, lead);
	put_line(out, text, len);
	fprintf(out, "%s\n", trail);
	fprintf(out, " %*s | %s", gw, "", *lead ? "   " : "");
	/* Pad to the caret, copying tabs so it lines up under the text. */
	uint32_t caret_at = span.start - line_start;
	for (uint32_t i = 0; i < caret_at && i < len;
	     i += (uint32_t)src_column_len(text + i, len - i))
		fputc(text[i] == '\t' ? '\t' : ' ', out);
	if (color)
		fputs(GREEN, out);
	fputc('^', out);
	/* Underline the rest of the span that lies on this line. */
	uint32_t end = span.end > span.start ? span.end - line_start : caret_at + 1;
	if (end > len)
		end = (uint32_t)len;
	for (uint32_t i = caret_at + (caret_at < len ? (uint32_t)src_column_len(text + caret_at, len - caret_at) : 1);
	     i < end; i += (uint32_t)src_column_len(text + i, len - i))
		fputc('~', out);
	if (color)
		fputs(RESET, out);
	fputc('\n', out);
	(void)col;
}

/* The line of a data file, with a caret under the column. */
static void render_data_excerpt(FILE *out, const diag *d, bool color)
{
	char gutter[16];
	int gw = snprintf(gutter, sizeof gutter, "%u", d->at_line);
	fprintf(out, " %*s |\n", gw, "");
	fprintf(out, " %s | ", gutter);
	put_line(out, d->at_text, d->at_text_len);
	fputc('\n', out);
	fprintf(out, " %*s | ", gw, "");
	uint32_t col = 1, want = d->at_caret ? d->at_caret : d->at_col;
	for (size_t i = 0; i < d->at_text_len && col < want;
	     i += src_column_len(d->at_text + i, d->at_text_len - i)) {
		fputc(d->at_text[i] == '\t' ? '\t' : ' ', out);
		col++;
	}
	if (color)
		fputs(GREEN, out);
	fputc('^', out);
	if (color)
		fputs(RESET, out);
	fputc('\n', out);
}

static void render_location(FILE *out, const src_set *srcs, const diag *d,
			    src_span span, bool color)
{
	const src_file *f = src_get(srcs, span.file);
	if (color)
		fputs(BOLD, out);
	if (d && d->at_file) {
		fprintf(out, "%s:%u:%u: ", d->at_file, d->at_line, d->at_col);
	} else if (f && span.file != 0) {
		int line, col;
		src_line_col(f, span.start, &line, &col);
		fprintf(out, "%s:%d:%d: ", f->name, line, col);
	} else {
		fputs("rubric: ", out);
	}
	if (color)
		fputs(RESET, out);
}

void diag_render(diag_list *l, const src_set *srcs, FILE *out, bool color)
{
	if (l->items.len > 1)
		qsort(l->items.items, l->items.len, sizeof *l->items.items,
		      cmp_diag);
	size_t shown = 0, hidden = l->dropped;
	for (size_t i = 0; i < l->items.len; i++) {
		const diag *d = l->items.items[i];
		bool err = d->severity == DIAG_ERROR;
		if (shown >= l->max_errors) {
			hidden++;
			continue;
		}
		shown++;
		render_location(out, srcs, d, d->span, color);
		if (color)
			fputs(err ? RED : MAGENTA, out);
		fputs(err ? "error: " : "warning: ", out);
		if (color)
			fputs(RESET, out);
		put_line(out, d->message, strlen(d->message));
		fprintf(out, " [%s]\n", d->id);
		const src_file *f = src_get(srcs, d->span.file);
		if (f && d->span.file != 0)
			render_excerpt(out, f, d->span, color);
		else if (d->at_text)
			render_data_excerpt(out, d, color);
		if (d->hint) {
			fputs("   = hint: ", out);
			put_line(out, d->hint, strlen(d->hint));
			fputc('\n', out);
		}
		if (d->note) {
			const src_file *nf = src_get(srcs, d->note_span.file);
			render_location(out, srcs, NULL, d->note_span, color);
			if (color)
				fputs(CYAN, out);
			fputs("note: ", out);
			if (color)
				fputs(RESET, out);
			put_line(out, d->note, strlen(d->note));
			fputc('\n', out);
			if (nf && d->note_span.file != 0)
				render_excerpt(out, nf, d->note_span, color);
		}
	}
	if (hidden)
		fprintf(out, "rubric: error: too many problems; %zu more not shown "
			"(see --max-errors) [too-many-errors]\n", hidden);
}

/* Edit distance counting an insertion, a deletion, a substitution or a
 * swap of two adjacent letters as one edit ("maen" is one edit from
 * "mean"); names longer than 64 are never near. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return (size_t)-1;
	size_t d[65][65];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

const char *diag_nearest(const char *name, const char *const *candidates,
			 size_t n)
{
	size_t len = strlen(name);
	/* Allow one edit for short names, about a third of the length else. */
	size_t limit = len <= 4 ? 1 : (len + 2) / 3;
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		size_t dist = edit_distance(name, candidates[i]);
		/* Ties go to the first candidate: callers pass them sorted. */
		if (dist <= limit && dist < best_d) {
			best = candidates[i];
			best_d = dist;
		}
	}
	return best;
}
