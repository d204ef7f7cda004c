/* load.c - reading declared datasets from CSV; see load.h. */
#define _DEFAULT_SOURCE /* madvise */
#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv.h"
#include "intern.h"

/* A file's bytes: mapped when it is a regular file, else read.  A mapped
 * file keeps its descriptor, so that a second reader can pread the first
 * part of it without mapping those pages (see hash_first_part). */
typedef struct input {
	const char *buf;
	size_t len;
	void *map;
	int fd;
	char *owned;
} input;

static bool open_input(const char *path, input *in, int *err)
{
	memset(in, 0, sizeof *in);
	in->fd = -1;
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		*err = errno;
		return false;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		if (st.st_size == 0) {
			close(fd);
			in->buf = "";
			return true;
		}
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (m != MAP_FAILED) {
			posix_madvise(m, (size_t)st.st_size, POSIX_MADV_SEQUENTIAL);
			in->fd = fd;
			in->map = m;
			in->buf = m;
			in->len = (size_t)st.st_size;
			return true;
		}
	}
	/* A pipe or a file that cannot be mapped: read it whole. */
	size_t cap = 1 << 16, n = 0;
	char *b = malloc(cap);
	for (;;) {
		if (!b) {
			*err = ENOMEM;
			close(fd);
			return false;
		}
		if (n == cap) {
			char *nb = realloc(b, cap * 2);
			if (!nb) {
				free(b);
				b = NULL;
				continue;
			}
			b = nb;
			cap *= 2;
		}
		ssize_t got = read(fd, b + n, cap - n);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			*err = errno;
			free(b);
			close(fd);
			return false;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	in->owned = b;
	in->buf = b;
	in->len = n;
	return true;
}

static void close_input(input *in)
{
	if (in->map)
		munmap(in->map, in->len);
	if (in->fd >= 0)
		close(in->fd);
	free(in->owned);
}

/* ---- the key index of a table ------------------------------------------- */

val table_key(const table *t, size_t row)
{
	return t->cells[row * t->ncols + (t->slots ? t->key_col : 0)];
}

int32_t table_find(const table *t, const char *s, size_t len)
{
	if (!t->slots)
		return -1;
	size_t mask = t->nslots - 1;
	for (size_t i = intern_hash(s, len) & mask;; i = (i + 1) & mask) {
		int32_t row = t->slots[i];
		if (row < 0)
			return -1;
		const val *v = &t->cells[(size_t)row * t->ncols + t->key_col];
		if (v->len == len && memcmp(v->s, s, len) == 0)
			return row;
	}
}

/* Inserts row; returns the row already holding the key, or -1. */
static int32_t table_insert(table *t, int32_t row)
{
	const val *v = &t->cells[(size_t)row * t->ncols + t->key_col];
	size_t mask = t->nslots - 1;
	for (size_t i = intern_hash(v->s, v->len) & mask;; i = (i + 1) & mask) {
		int32_t other = t->slots[i];
		if (other < 0) {
			t->slots[i] = row;
			return -1;
		}
		const val *o = &t->cells[(size_t)other * t->ncols + t->key_col];
		if (o->len == v->len && memcmp(o->s, v->s, v->len) == 0)
			return other;
	}
}

/* ---- converting one field ----------------------------------------------- */

/* The names a field is matched against (the competencies of a framework,
 * a column's allowed values, ...), each with its length, measured on
 * first use: a probe compares lengths before any byte, where text_is
 * would walk every candidate byte by byte. */
typedef struct name_list {
	size_t n;
	const char **s;
	uint32_t *len;
} name_list;

/* What a reader remembers for one place of the record (a place always
 * holds the same column).
 *
 * For a reference to a dataset, the last text resolved to a row: exports
 * are grouped by subject, so consecutive rows mostly repeat it, and
 * comparing with the previous text is cheaper than hashing and probing.
 * Only a row found is kept: a table only gains rows, so a key once found
 * stays at its row.  Longer texts are not kept. */
enum { KEY_MEMO_MAX = 32 };

typedef struct field_memo {
	bool has_key;
	uint8_t key_len;
	int32_t key_row;
	char key[KEY_MEMO_MAX];
	name_list *allowed; /* the allowed values of a text column */
	name_list *refs;    /* the names of what a reference may name */
} field_memo;

typedef struct reader {
	load_ctx *lc;
	input *in;         /* to give back pages of a mapped file once read */
	size_t released;   /* bytes of it given back */
	digest sum;        /* SHA-256 of the bytes read so far ... */
	size_t hashed;     /* ... which are the first `hashed` */
	bool hashing;      /* false: sum is not this reader's to keep */
	bool fatal;        /* stopped: the rest of the file cannot be read */
	bool spanned;      /* a record ran past the stop (see read_rows) */
	uint32_t stop_line; /* the line at the stop, once reached */
	atomic_bool *cancel; /* the second part's reader: stop when set */
	m_dataset *ds;
	const char *path;
	csv_reader csv;
	int *map;          /* declared column -> CSV field index, or -1 */
	size_t nfields;    /* fields in the header */
	char *why;         /* reasons for the current row, for the rejects file */
	size_t why_len, why_cap;
	size_t row_errors;
	field_memo *memo;  /* one per header field, allocated on first use */
	val *row;          /* the current row's values (read_rows) */
} reader;

/* Two threads read one file at once (see read_in_two): what one writes on
 * every row has cache lines of its own, lest the other's reads of data
 * nearby keep taking them away (false sharing: a reader's row next to the
 * column map both read cost a fifth more time). */
enum { CACHE_LINE = 64 };

static const char *type_word(m_column_type t)
{
	switch (t) {
	case COL_TEXT: return "text";
	case COL_NUMBER: return "a number";
	case COL_INTEGER: return "a whole number";
	case COL_PERCENT: return "a percentage";
	case COL_DATE: return "a date (YYYY-MM-DD)";
	case COL_PERIOD: return "a period (2016, 2016-Q1, 2016-03, FY2016)";
	case COL_BOOL: return "true or false";
	}
	return "a value";
}

/* Data excerpts keep at most this many bytes of a line. */
#define DATA_EXCERPT_MAX 240

/* A field's text for a message: at most 60 bytes (whole characters), with
 * "..." when cut, so a huge field cannot flood the terminal. */
static const char *field_text(reader *r, const csv_field *f)
{
	size_t n = f->len;
	bool cut = n > 60;
	if (cut) {
		n = 60;
		while (n > 0 && ((unsigned char)f->s[n] & 0xC0) == 0x80)
			n--;
	}
	return arena_printf(r->lc->arena, "%.*s%s", (int)n, f->s, cut ? "..." : "");
}

/* Records one problem with the current row. */
static void row_error(reader *r, const csv_field *f, const m_column *col,
		      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void row_error(reader *r, const csv_field *f, const m_column *col,
		      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = arena_vprintf(r->lc->arena, fmt, ap);
	va_end(ap);
	/* The line the field is on, for the excerpt. */
	/* The excerpt: the field's own line (a quoted field may start on a
	 * later line of its record), cut to a window around the field. */
	const char *b = r->csv.buf;
	size_t at = f ? f->offset : r->csv.record_start;
	size_t start = at, end = at;
	while (start > 0 && b[start - 1] != '\n')
		start--;
	while (end < r->csv.len && b[end] != '\n' && b[end] != '\r')
		end++;
	uint32_t line = f ? f->line : r->csv.record_line;
	uint32_t colno = f ? csv_column(&r->csv, f) : 1;
	const char *cname = col ? col->name.s : NULL;
	if (r->lc->skip_bad_rows)
		diag_warning_at(r->lc->diags, r->path, line, colno, "bad-value",
				"%s%s%s (row rejected)", cname ? "column '" : "",
				cname ? arena_printf(r->lc->arena, "%s': ", cname) : "",
				msg);
	else
	{
		/* A long line shows a window: from a little before the field. */
		size_t from = start, caret = 1;
		if (at - start > 80) {
			from = at - 60;
			while (from > start && ((unsigned char)b[from] & 0xC0) == 0x80)
				from--;
		}
		size_t to = end - from > DATA_EXCERPT_MAX ? from + DATA_EXCERPT_MAX : end;
		while (to > from && to < end && ((unsigned char)b[to] & 0xC0) == 0x80)
			to--;
		/* Copied byte for byte: a NUL in the line must not cut it. */
		size_t lead = from > start ? 3 : 0, tail = to < end ? 3 : 0;
		char *text = arena_alloc(r->lc->arena, lead + (to - from) + tail + 1);
		memcpy(text, "...", lead);
		memcpy(text + lead, b + from, to - from);
		memcpy(text + lead + (to - from), "...", tail);
		size_t text_len = lead + (to - from) + tail;
		for (size_t i = from; i < at; i += src_column_len(b + i, at - i))
			caret++;
		diag *d = diag_error_at(r->lc->diags, r->path, line, colno, text,
					text_len, "bad-value", "%s%s%s",
					cname ? "column '" : "",
					cname ? arena_printf(r->lc->arena, "%s': ", cname) : "",
					msg);
		d->at_caret = (uint32_t)caret + (from > start ? 3 : 0);
	}
	/* Collect the reason for the rejects file. */
	char *reason = arena_printf(r->lc->arena, "%s%s%s%s",
				    r->why_len ? "; " : "", cname ? cname : "",
				    cname ? ": " : "", msg);
	size_t n = strlen(reason);
	if (r->why_len + n + 1 > r->why_cap) {
		size_t cap = r->why_cap ? r->why_cap * 2 : 256;
		while (cap < r->why_len + n + 1)
			cap *= 2;
		char *w = realloc(r->why, cap);
		if (!w)
			abort();
		r->why = w;
		r->why_cap = cap;
	}
	memcpy(r->why + r->why_len, reason, n + 1);
	r->why_len += n;
	r->row_errors++;
}

/* Whether the field's text is s.  Called for every candidate name of
 * every field, so it stops at the first byte that differs rather than
 * measuring s first (a field may hold a NUL: s's end is never passed). */
static bool text_is(const csv_field *f, const char *s)
{
	for (size_t i = 0; i < f->len; i++)
		if (s[i] != f->s[i] || s[i] == '\0')
			return false;
	return s[f->len] == '\0';
}

static bool parse_period(const char *s, size_t len, cal_period *p)
{
	char buf[16];
	if (len >= sizeof buf)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	int y = 0, i = 0;
	char extra;
	memset(p, 0, sizeof *p);
	if (len == 4 && sscanf(buf, "%4d%c", &y, &extra) == 1) {
		p->kind = PERIOD_YEAR;
	} else if (len == 6 && buf[0] == 'F' && buf[1] == 'Y' &&
		   sscanf(buf + 2, "%4d%c", &y, &extra) == 1) {
		p->kind = PERIOD_FISCAL_YEAR;
	} else if (len == 7 && buf[4] == '-' && buf[5] == 'Q' &&
		   sscanf(buf, "%4d-Q%1d%c", &y, &i, &extra) == 2 && i >= 1 && i <= 4) {
		p->kind = PERIOD_QUARTER;
	} else if (len == 7 && buf[4] == '-' &&
		   sscanf(buf, "%4d-%2d%c", &y, &i, &extra) == 2 && i >= 1 && i <= 12 &&
		   buf[5] >= '0' && buf[5] <= '9') {
		p->kind = PERIOD_MONTH;
	} else {
		return false;
	}
	for (size_t k = 0; k < 4; k++)
		if (buf[k + (p->kind == PERIOD_FISCAL_YEAR ? 2 : 0)] < '0' ||
		    buf[k + (p->kind == PERIOD_FISCAL_YEAR ? 2 : 0)] > '9')
			return false;
	p->year = y;
	p->index = i;
	return y >= 1;
}

static bool parse_date(const char *s, size_t len, cal_date *out)
{
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (size_t i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (!cal_valid(y, m, d))
		return false;
	*out = cal_from_ymd(y, m, d);
	return true;
}

/* The memo of f's place in the record, or NULL (f is one of
 * r->csv.fields, as every field convert is given, so never in fact). */
static field_memo *memo_of(reader *r, const csv_field *f)
{
	size_t j = (size_t)(f - r->csv.fields);
	if (j >= r->nfields)
		return NULL;
	if (!r->memo)
		r->memo = arena_alloc(r->lc->arena, r->nfields * sizeof *r->memo);
	return &r->memo[j];
}

/* The names of the declarations in v, by name(item): kept in *kept, and
 * measured only the first time (kept is NULL: measured every time). */
static const name_list *names_of(reader *r, name_list **kept, const ptr_vec *v,
				 const char *(*name)(const void *item))
{
	if (kept && *kept)
		return *kept;
	name_list *l = arena_alloc(r->lc->arena, sizeof *l);
	l->n = v->len;
	l->s = arena_alloc(r->lc->arena, (v->len ? v->len : 1) * sizeof *l->s);
	l->len = arena_alloc(r->lc->arena, (v->len ? v->len : 1) * sizeof *l->len);
	for (size_t i = 0; i < v->len; i++) {
		l->s[i] = name(v->items[i]);
		l->len[i] = (uint32_t)strlen(l->s[i]);
	}
	if (kept)
		*kept = l;
	return l;
}

/* Whether the n bytes at a and b are the same: names are short, and a
 * call to memcmp costs more than comparing them here, a word at a time,
 * the last word overlapping the one before it rather than byte by byte. */
static bool same_bytes(const char *a, const char *b, size_t n)
{
	if (n >= 8) {
		uint64_t x, y;
		for (size_t i = 0; i + 8 < n; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return false;
		}
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return x == y;
	}
	if (n >= 4) {
		uint32_t x0, y0, x1, y1;
		memcpy(&x0, a, 4);
		memcpy(&y0, b, 4);
		memcpy(&x1, a + n - 4, 4);
		memcpy(&y1, b + n - 4, 4);
		return x0 == y0 && x1 == y1;
	}
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* The index of the first name in l that is f's text, or -1: what a loop
 * of text_is over the same names gives. */
static int32_t find_name(const name_list *l, const csv_field *f)
{
	const char *s = f->s;
	uint32_t len = f->len;
	for (size_t i = 0; i < l->n; i++)
		if (l->len[i] == len && same_bytes(l->s[i], s, len))
			return (int32_t)i;
	return -1;
}

static const char *competency_name(const void *item)
{
	return ((const m_competency *)item)->name.s;
}

static const char *profile_name(const void *item)
{
	return ((const m_profile *)item)->name.s;
}

static const char *measure_name(const void *item)
{
	return ((const m_measure *)item)->name.s;
}

/* An allowed value of a text column: a name or a string. */
static const char *allowed_text(const void *item)
{
	const ast_expr *v = item;
	return v->kind == EXPR_NAME ? v->name.s : v->text;
}

/* The row of the dataset col refers to whose key is f's text, or -1;
 * through the memo of f's place, which, holding a row, also settles the
 * table. */
static int32_t find_key(reader *r, const m_column *col, const csv_field *f)
{
	field_memo *m = f->len <= KEY_MEMO_MAX ? memo_of(r, f) : NULL;
	if (m && m->has_key && m->key_len == f->len && same_bytes(m->key, f->s, f->len))
		return m->key_row;
	const table *t = r->lc->tables[dataset_index(r->lc->model, col->ref_dataset)];
	int32_t row = t ? table_find(t, f->s, f->len) : -1;
	if (row >= 0 && m) {
		m->has_key = true;
		m->key_len = (uint8_t)f->len;
		m->key_row = row;
		memcpy(m->key, f->s, f->len);
	}
	return row;
}

/* The index of the first of the names of v that is f's text, or -1,
 * through the list kept in f's place. */
static int32_t find_ref_name(reader *r, const csv_field *f, const ptr_vec *v,
			     const char *(*name)(const void *item))
{
	field_memo *m = memo_of(r, f);
	return find_name(names_of(r, m ? &m->refs : NULL, v, name), f);
}

/* Whether f's text is one of the allowed values of text column col,
 * through the list kept in f's place. */
static bool allowed(reader *r, const m_column *col, const csv_field *f)
{
	field_memo *m = memo_of(r, f);
	return find_name(names_of(r, m ? &m->allowed : NULL, &col->allowed,
				  allowed_text), f) >= 0;
}

/* The index of what a reference names, or -1. */
static int32_t resolve_ref(reader *r, const m_column *col, const csv_field *f)
{
	switch (col->ref) {
	case REF_DATASET:
		return find_key(r, col, f);
	case REF_COMPETENCY:
		return find_ref_name(r, f, &col->ref_framework->competencies,
				     competency_name);
	case REF_PROFILE:
		return find_ref_name(r, f, &r->lc->model->profiles, profile_name);
	case REF_LEVEL: {
		ptr_vec *v = &col->ref_scale->levels;
		num n;
		bool numeric = num_parse(f->s, f->len, &n) == NUM_OK;
		for (size_t i = 0; i < v->len; i++) {
			m_level *l = v->items[i];
			if ((l->name && text_is(f, l->name)) ||
			    (numeric && num_eq(n, l->value)))
				return (int32_t)i;
		}
		return -1;
	}
	case REF_MEASURE:
		return find_ref_name(r, f, &col->ref_scorecard->measures,
				     measure_name);
	case REF_NONE:
		break;
	}
	return -1;
}

static const char *ref_what(const m_column *col)
{
	switch (col->ref) {
	case REF_DATASET: return "a key of dataset";
	case REF_COMPETENCY: return "a competency of framework";
	case REF_PROFILE: return "a profile";
	case REF_LEVEL: return "a level of scale";
	case REF_MEASURE: return "a measure of scorecard";
	case REF_NONE: break;
	}
	return "";
}

static const char *ref_target(const m_column *col)
{
	switch (col->ref) {
	case REF_DATASET: return col->ref_dataset->name.s;
	case REF_COMPETENCY: return col->ref_framework->name.s;
	case REF_LEVEL: return col->ref_scale->name.s;
	case REF_MEASURE: return col->ref_scorecard->name.s;
	default: return "";
	}
}

/* 1 to 18 ASCII digits: the whole number they spell, exactly as
 * num_parse reads them (n/1), without its call; most scores are one
 * digit.  Anything else is left to num_parse. */
static bool whole_digits(const csv_field *f, num *out)
{
	if (f->len == 0 || f->len > 18)
		return false;
	int64_t v = 0;
	for (size_t i = 0; i < f->len; i++) {
		unsigned digit = (unsigned char)f->s[i] - (unsigned)'0';
		if (digit > 9)
			return false;
		v = v * 10 + digit;
	}
	out->n = v;
	out->d = 1;
	return true;
}

/* Whether n is below lo or above hi.  Whole numbers (d = 1, as
 * normalised nums are) compare by numerator; the rest by num_cmp. */
static bool outside(num n, num lo, num hi)
{
	if (n.d == 1 && lo.d == 1 && hi.d == 1)
		return n.n < lo.n || n.n > hi.n;
	return num_cmp(n, lo) < 0 || num_cmp(n, hi) > 0;
}

static void convert(reader *r, const m_column *col, const csv_field *f, val *out)
{
	/* Stored in place, member by member: val_none() and val_num()
	 * build a temporary whose copy, read in wider pieces than it was
	 * written, stalls on every field. */
	memset(out, 0, sizeof *out);
	out->kind = VAL_NONE;
	if (!f || (f->len == 0 && !f->quoted) ) {
		if (!col->optional)
			row_error(r, f, col, "a value is required%s",
				  col->na ? arena_printf(r->lc->arena,
				  " (write \"%s\" when not applicable)", col->na) : "");
		return;
	}
	if (col->na && text_is(f, col->na)) {
		out->kind = VAL_NA;
		return;
	}
	/* Data files are UTF-8 text, like rule files.  Most fields are plain
	 * ASCII: the scanner has settled those (f->plain); one pass over the
	 * bytes settles the other ASCII ones. */
	bool ascii = f->plain;
	if (!ascii) {
		ascii = true;
		for (size_t i = 0; i < f->len && ascii; i++)
			ascii = (unsigned char)f->s[i] - 1u < 0x7Fu; /* 0x01..0x7F */
	}
	for (size_t i = 0; !ascii && i < f->len;) {
		size_t n = src_utf8_len(f->s + i, f->len - i);
		if (n == 0) {
			row_error(r, f, col, f->s[i] ? "invalid UTF-8 byte 0x%02X: data files "
				  "are UTF-8 text" : "a NUL byte (0x%02X) in the value",
				  (unsigned char)f->s[i]);
			return;
		}
		i += n;
	}
	switch (col->type) {
	case COL_TEXT:
		out->kind = VAL_TEXT;
		out->s = f->s;
		out->len = f->len;
		if (col->allowed.len && !allowed(r, col, f)) {
			char *list = arena_strdup(r->lc->arena, "");
			for (size_t i = 0; i < col->allowed.len; i++)
				list = arena_printf(r->lc->arena, "%s%s%s", list,
						    i ? ", " : "",
						    allowed_text(col->allowed.items[i]));
			row_error(r, f, col, "'%s' is not one of: %s",
				  field_text(r, f), list);
		}
		if (col->ref == REF_LEVEL) {
			/* A level reads as its value, so scores on a scale average. */
			int32_t ix = resolve_ref(r, col, f);
			if (ix < 0) {
				row_error(r, f, col, "'%s' is not a level of scale '%s'",
					  field_text(r, f), col->ref_scale->name.s);
				return;
			}
			*out = val_num(((m_level *)col->ref_scale->levels.items[ix])->value);
			return;
		}
		if (col->ref != REF_NONE) {
			int32_t ix = resolve_ref(r, col, f);
			if (ix < 0)
				row_error(r, f, col, "'%s' is not %s%s", field_text(r, f),
					  ref_what(col),
					  col->ref == REF_PROFILE ? ""
					  : arena_printf(r->lc->arena, " '%s'", ref_target(col)));
			out->kind = VAL_REF;
			out->u.ref = ix;
		}
		return;
	case COL_NUMBER: case COL_INTEGER: case COL_PERCENT: {
		num n;
		num_status st = whole_digits(f, &n) ? NUM_OK
				 : num_parse(f->s, f->len, &n);
		if (st != NUM_OK || (col->type != COL_PERCENT && f->s[f->len - 1] == '%')) {
			row_error(r, f, col, "expected %s, found '%s'",
				  type_word(col->type), field_text(r, f));
			return;
		}
		if (col->type == COL_INTEGER && !num_is_int(n)) {
			row_error(r, f, col, "expected a whole number, found '%s'",
				  field_text(r, f));
			return;
		}
		if (col->has_range && outside(n, col->lo, col->hi)) {
			/* A percent column's range is shown as written: 0% to 100%. */
			char lo[NUM_FMT_MAX], hi[NUM_FMT_MAX];
			num plo = col->lo, phi = col->hi;
			bool pct = col->type == COL_PERCENT &&
				   num_mul(col->lo, num_int(100), &plo) == NUM_OK &&
				   num_mul(col->hi, num_int(100), &phi) == NUM_OK;
			num_format_exact(pct ? plo : col->lo, lo, sizeof lo);
			num_format_exact(pct ? phi : col->hi, hi, sizeof hi);
			row_error(r, f, col, "%s is outside the allowed range %s%s to %s%s",
				  field_text(r, f), lo, pct ? "%" : "", hi, pct ? "%" : "");
			return;
		}
		if (col->ref == REF_LEVEL && resolve_ref(r, col, f) < 0) {
			row_error(r, f, col, "%s is not a level of scale '%s'",
				  field_text(r, f), col->ref_scale->name.s);
			return;
		}
		if (col->allowed.len) {
			bool ok = false;
			for (size_t i = 0; i < col->allowed.len && !ok; i++) {
				ast_expr *v = col->allowed.items[i];
				ok = v->kind == EXPR_NUMBER && num_eq(v->number, n);
			}
			if (!ok) {
				row_error(r, f, col, "%s is not one of the allowed values",
					  field_text(r, f));
				return;
			}
		}
		out->kind = VAL_NUM; /* as val_num(n): the rest is still zero */
		out->u.n = n;
		return;
	}
	case COL_DATE:
		if (!parse_date(f->s, f->len, &out->u.date)) {
			row_error(r, f, col, "expected a real date YYYY-MM-DD, found '%s'",
				  field_text(r, f));
			return;
		}
		out->kind = VAL_DATE;
		return;
	case COL_PERIOD:
		if (!parse_period(f->s, f->len, &out->u.period)) {
			row_error(r, f, col, "expected %s, found '%s'",
				  type_word(col->type), field_text(r, f));
			return;
		}
		out->kind = VAL_PERIOD;
		return;
	case COL_BOOL:
		if (text_is(f, "true") || text_is(f, "false")) {
			*out = val_bool(text_is(f, "true"));
			return;
		}
		row_error(r, f, col, "expected true or false, found '%s'",
			  field_text(r, f));
		return;
	}
}

/* ---- header and rows ------------------------------------------------------- */

static bool read_header(reader *r)
{
	int rc = csv_next(&r->csv);
	if (rc == 0) {
		diag_error_at(r->lc->diags, r->path, 1, 1, NULL, 0, "bad-header",
			      "the file is empty: expected a header row naming the "
			      "columns of '%s'", r->ds->name.s);
		return false;
	}
	if (rc < 0) {
		diag_error_at(r->lc->diags, r->path, r->csv.error_line,
			      r->csv.error_col, NULL, 0, "bad-csv", "%s", r->csv.error);
		return false;
	}
	size_t ncols = r->ds->columns.len;
	r->map = arena_alloc(r->lc->arena, ncols * sizeof *r->map);
	for (size_t i = 0; i < ncols; i++)
		r->map[i] = -1;
	r->nfields = r->csv.nfields;
	bool ok = true;
	for (size_t j = 0; j < r->csv.nfields; j++) {
		const csv_field *f = &r->csv.fields[j];
		size_t i = 0;
		while (i < ncols && !text_is(f, ((m_column *)r->ds->columns.items[i])->name.s))
			i++;
		if (i == ncols) {
			diag_warning_at(r->lc->diags, r->path, f->line, csv_column(&r->csv, f),
					"extra-column", "column '%.*s' is not declared "
					"in data '%s'; it is ignored", (int)f->len, f->s,
					r->ds->name.s);
			continue;
		}
		if (r->map[i] >= 0) {
			diag_error_at(r->lc->diags, r->path, f->line, csv_column(&r->csv, f), NULL, 0,
				      "bad-header", "column '%.*s' appears twice in "
				      "the header", (int)f->len, f->s);
			ok = false;
		}
		r->map[i] = (int)j;
	}
	for (size_t i = 0; i < ncols; i++) {
		m_column *col = r->ds->columns.items[i];
		if (r->map[i] < 0 && !col->optional) {
			diag *d = diag_error_at(r->lc->diags, r->path, 1, 1, NULL, 0,
						"bad-header", "the header has no column "
						"'%s', which data '%s' declares",
						col->name.s, r->ds->name.s);
			diag_note(r->lc->diags, d, col->name.span, "declared here");
			ok = false;
		}
	}
	return ok;
}

static void csv_write_field(FILE *out, const char *s, size_t len)
{
	bool quote = false;
	for (size_t i = 0; i < len && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
	if (!quote) {
		fwrite(s, 1, len, out);
		return;
	}
	fputc('"', out);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			fputc('"', out);
		fputc(s[i], out);
	}
	fputc('"', out);
}

static void keep_reject(reader *r)
{
	arena *a = r->lc->arena;
	load_reject *k = arena_alloc(a, sizeof *k);
	size_t ncols = r->ds->columns.len;
	k->dataset = r->ds;
	k->path = r->path;
	k->line = r->csv.record_line;
	k->why = arena_strndup(a, r->why ? r->why : "", r->why_len);
	k->fields = arena_alloc(a, (ncols ? ncols : 1) * sizeof *k->fields);
	if (r->csv.nfields == r->nfields)
		for (size_t i = 0; i < ncols; i++)
			if (r->map[i] >= 0) {
				const csv_field *f = &r->csv.fields[r->map[i]];
				k->fields[i] = arena_strndup(a, f->s, f->len);
			}
	ptr_vec_push(a, r->lc->rejected, k);
}

static void write_reject(reader *r)
{
	if (r->lc->rejected)
		keep_reject(r);
	FILE *out = r->lc->rejects;
	if (!out)
		return;
	fprintf(out, "%s,", r->ds->name.s);
	csv_write_field(out, r->path, strlen(r->path));
	fprintf(out, ",%u,", r->csv.record_line);
	csv_write_field(out, r->why, r->why_len);
	fputc(',', out);
	csv_write_field(out, r->csv.buf + r->csv.record_start,
			r->csv.record_end - r->csv.record_start);
	fputc('\n', out);
}

/* The digest follows the reader: the bytes before the current record are
 * added in pieces of HASH_CHUNK, small enough to be still in the cache,
 * large enough that each call costs little.  So the file is read once,
 * and every page is hashed before release_read_pages gives it back. */
enum { HASH_CHUNK = 256 << 10 };

static void hash_read_bytes(reader *r, size_t upto)
{
	if (r->hashing && upto > r->hashed) {
		digest_add(&r->sum, r->in->buf + r->hashed, upto - r->hashed);
		r->hashed = upto;
	}
}

/* A mapped file's pages stay resident once read; rows are never read
 * twice, so the pages well behind the current record are given back,
 * keeping memory flat however large the file. */
static void release_read_pages(reader *r)
{
	enum { CHUNK = 2 << 20 };
	if (r->hashing && r->csv.record_start >= r->hashed + HASH_CHUNK)
		hash_read_bytes(r, r->csv.record_start);
	if (!r->in->map || r->csv.record_start < r->released + 2 * (size_t)CHUNK)
		return;
	long page = sysconf(_SC_PAGESIZE);
	size_t upto = (r->csv.record_start - CHUNK) & ~((size_t)page - 1);
	if (r->hashing && upto > r->hashed) /* never give back a page not yet hashed */
		upto = r->hashed & ~((size_t)page - 1);
	if (upto > r->released) {
		madvise((char *)r->in->map + r->released, upto - r->released, MADV_DONTNEED);
		r->released = upto;
	}
}

/* Reads the rows of records that start before `stop` (SIZE_MAX: every
 * row).  Once one runs past it, the stop was inside a quoted field: r->spanned
 * is set, and the reader goes on to the end. */
static bool read_rows(reader *r, load_row_fn fn, void *ud, load_stats *st,
		      size_t stop)
{
	size_t ncols = r->ds->columns.len;
	if (!r->row) {
		/* Written on every row: cache lines of its own (see CACHE_LINE). */
		size_t size = ((ncols ? ncols : 1) * sizeof *r->row + CACHE_LINE - 1) &
			      ~(size_t)(CACHE_LINE - 1);
		if (!(r->row = aligned_alloc(CACHE_LINE, size)))
			abort(); /* as arena.c */
	}
	val *row = r->row;
	bool ok = true;
	for (;;) {
		if (r->csv.pos == stop) {
			r->stop_line = r->csv.line;
			break;
		}
		if (r->cancel && atomic_load_explicit(r->cancel, memory_order_relaxed))
			break;
		int rc = csv_next(&r->csv);
		if (rc == 0)
			break;
		if (r->csv.record_start >= stop) {
			/* Blank lines up to the stop: this is the next part's. */
			r->stop_line = r->csv.record_line;
			break;
		}
		if (r->csv.pos > stop) {
			r->spanned = true;
			stop = SIZE_MAX;
		}
		if (rc < 0) {
			r->fatal = true;
			/* The rest of the file cannot be split into rows. */
			diag_error_at(r->lc->diags, r->path, r->csv.error_line,
				      r->csv.error_col, NULL, 0, "bad-csv",
				      "%s; the rest of the file cannot be read",
				      r->csv.error);
			return false;
		}
		st->read++;
		r->why_len = 0;
		release_read_pages(r);
		r->row_errors = 0;
		if (r->csv.nfields != r->nfields) {
			row_error(r, NULL, NULL, "expected %zu fields as in the "
				  "header, found %zu", r->nfields, r->csv.nfields);
		} else {
			for (size_t i = 0; i < ncols; i++) {
				const csv_field *f = r->map[i] >= 0
					? &r->csv.fields[r->map[i]] : NULL;
				convert(r, r->ds->columns.items[i], f, &row[i]);
			}
		}
		/* The consumer may still refuse the row (a duplicate rating). */
		if (!r->row_errors) {
			size_t at = (size_t)-1;
			const char *why = fn(ud, row, r->csv.record_line, &at);
			if (why && at < ncols && r->map[at] >= 0)
				row_error(r, &r->csv.fields[r->map[at]],
					  r->ds->columns.items[at], "%s", why);
			else if (why)
				row_error(r, NULL, NULL, "%s", why);
		}
		if (r->row_errors) {
			st->rejected++;
			write_reject(r);
			if (!r->lc->skip_bad_rows)
				ok = false;
			continue;
		}
		st->used++;
	}
	return ok;
}

/* ---- a large file in two parts at once ------------------------------------
 *
 * A streamed file is split at a line boundary a little past its middle.
 * This thread reads the first part as usual; a second thread reads the
 * rest into an accumulator of its own (parts->fork), with its own arena,
 * messages and rejected rows, and parts->join adds it in once both are
 * done.  The second part goes after the first in everything the run
 * reports, so the result is the one reading in one pass gives.
 *
 * The split is a guess: the first reader parses from the start, so it is
 * the one that knows whether a record starts there (a quoted field may
 * hold the newline).  If one runs across it, the first reader simply goes
 * on to the end and the second part is dropped; so is a part that
 * parts->join refuses, after which the first reader reads it again.
 *
 * The SHA-256 must see the bytes in order: the second thread first hashes
 * the first part with pread (not through the mapping, which would keep
 * those pages resident ahead of the first reader) and counts its lines,
 * which gives its own first line number; then it hashes its own part as
 * one reader does.  The digest goes back to the first reader at the end.
 * The first reader, not hashing, gives its pages back as it goes. */

typedef struct second_part {
	reader r;
	load_ctx lc;           /* lc with the part's own arena and messages */
	diag_list diags;
	ptr_vec rejected;      /* load_reject*, when the run keeps them */
	char *rejects;         /* the rejects file's lines, in memory */
	size_t rejects_len;
	load_stats st;
	load_row_fn fn;
	void *ud;              /* from parts->fork */
	size_t start;
	bool ok, failed;       /* failed: the first part could not be hashed */
	atomic_bool cancel;
	pthread_t thread;
} second_part;

/* The first reader's share of the rows' bytes, in twentieths: more than
 * half, since the second thread also computes the whole file's digest. */
enum { FIRST_SHARE = 11 };

/* Where a second reader starts: just after a newline at FIRST_SHARE of the
 * rows' bytes, not on a blank line; 0 when the file is not split. */
static size_t split_point(const reader *r)
{
	const load_ctx *lc = r->lc;
	size_t min = lc->split_min ? lc->split_min : LOAD_SPLIT_MIN;
	size_t from = r->csv.pos, len = r->in->len;
	if (lc->threads < 2 || !r->in->map || r->in->fd < 0 || from >= len ||
	    len - from < min)
		return 0;
	const char *b = r->in->buf;
	size_t at = from + (len - from) / 20 * FIRST_SHARE +
		    (len - from) % 20 * FIRST_SHARE / 20;
	while (at < len) {
		const char *nl = memchr(b + at, '\n', len - at);
		if (!nl)
			return 0;
		at = (size_t)(nl - b) + 1;
		if (at < len && b[at] != '\n' && b[at] != '\r')
			return at;
	}
	return 0;
}

/* The number of '\n' bytes in s[0..n): eight at a time, with the exact
 * zero-byte test (no false hits above a real one), the hits summed by one
 * multiplication (each is 1 in its byte, at most 8 in the top byte). */
static size_t count_newlines(const char *s, size_t n)
{
	size_t count = 0, i = 0;
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full, nl = 0x0A0A0A0A0A0A0A0Aull,
		       ones = 0x0101010101010101ull;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		w ^= nl;
		uint64_t t = ~(((w & low7) + low7) | w | low7) >> 7;
		count += (size_t)((t * ones) >> 56);
	}
	for (; i < n; i++)
		count += s[i] == '\n';
	return count;
}

/* Hashes the file's first `upto` bytes with pread and counts their lines. */
static bool hash_first_part(reader *r, size_t upto, size_t *lines)
{
	char *buf = malloc(HASH_CHUNK);
	if (!buf)
		return false;
	*lines = 0;
	for (size_t at = 0; at < upto;) {
		size_t want = upto - at < HASH_CHUNK ? upto - at : HASH_CHUNK;
		ssize_t got = pread(r->in->fd, buf, want, (off_t)at);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			free(buf);
			return false;
		}
		if (r->hashing)
			digest_add(&r->sum, buf, (size_t)got);
		*lines += count_newlines(buf, (size_t)got);
		at += (size_t)got;
	}
	free(buf);
	r->hashed = upto;
	return true;
}

static void *read_second_part(void *arg)
{
	second_part *h = arg;
	size_t lines;
	if (!hash_first_part(&h->r, h->start, &lines) || lines >= UINT32_MAX) {
		h->failed = true;
		return NULL;
	}
	h->r.csv.pos = h->r.csv.line_start = h->start;
	h->r.csv.line = (uint32_t)lines + 1;
	h->ok = read_rows(&h->r, h->fn, h->ud, &h->st, SIZE_MAX);
	if (!h->r.fatal && !atomic_load(&h->cancel))
		hash_read_bytes(&h->r, h->r.in->len);
	return NULL;
}

/* Adds the second part's messages and rejected rows after the first's. */
static void take_part(reader *r, second_part *h, load_stats *st)
{
	load_ctx *lc = r->lc;
	diag_append(lc->diags, &h->diags);
	if (lc->rejects && h->lc.rejects) {
		fflush(h->lc.rejects);
		fwrite(h->rejects, 1, h->rejects_len, lc->rejects);
	}
	for (size_t i = 0; lc->rejected && i < h->rejected.len; i++)
		ptr_vec_push(lc->arena, lc->rejected, h->rejected.items[i]);
	st->read += h->st.read;
	st->used += h->st.used;
	st->rejected += h->st.rejected;
}

static bool read_in_two(reader *r, load_row_fn fn, void *ud,
			const load_parts *parts, size_t split, load_stats *st)
{
	load_ctx *lc = r->lc;
	second_part *h = aligned_alloc(CACHE_LINE, (sizeof *h + CACHE_LINE - 1) &
				       ~(size_t)(CACHE_LINE - 1));
	if (h)
		memset(h, 0, sizeof *h);
	arena *pa = arena_new();
	if (!h || !pa) {
		free(h);
		arena_free(pa);
		return read_rows(r, fn, ud, st, SIZE_MAX);
	}
	h->lc = *lc;
	h->lc.arena = pa;
	diag_init(&h->diags, pa);
	h->diags.max_errors = lc->diags->max_errors;
	h->lc.diags = &h->diags;
	h->lc.rejected = lc->rejected ? &h->rejected : NULL;
	h->lc.rejects = lc->rejects ? open_memstream(&h->rejects, &h->rejects_len) : NULL;
	h->r = *r;
	h->r.lc = &h->lc;
	h->r.why = NULL;
	h->r.why_len = h->r.why_cap = 0;
	h->r.memo = NULL; /* the part's own, in its own arena */
	h->r.row = NULL;
	h->r.map = arena_alloc(pa, r->ds->columns.len * sizeof *h->r.map + 1);
	memcpy(h->r.map, r->map, r->ds->columns.len * sizeof *h->r.map);
	csv_init(&h->r.csv, r->in->buf, r->in->len);
	long page = sysconf(_SC_PAGESIZE);
	h->r.released = (split + (size_t)page - 1) & ~((size_t)page - 1);
	h->r.cancel = &h->cancel;
	atomic_init(&h->cancel, false);
	h->fn = fn;
	h->start = split;
	/* The digest goes with the second part, which reads the bytes in
	 * order; it comes back below. */
	r->hashing = false;
	h->ud = parts->fork(ud, pa);
	bool started = (!lc->rejects || h->lc.rejects) &&
		       pthread_create(&h->thread, NULL, read_second_part, h) == 0;
	bool ok;
	if (!started) {
		r->hashing = h->r.hashing;
		h->r.hashing = false;
		h->r.hashed = r->hashed;
		ok = read_rows(r, fn, ud, st, SIZE_MAX);
	} else {
		ok = read_rows(r, fn, ud, st, split);
		if (r->spanned || r->fatal)
			atomic_store(&h->cancel, true);
		pthread_join(h->thread, NULL);
	}
	bool joined = started && !r->fatal && !r->spanned && !h->failed &&
		      parts->join(ud, h->ud);
	if (joined) {
		take_part(r, h, st);
		ok = h->ok && ok;
		arena_adopt(lc->arena, pa);
		pa = NULL;
	}
	/* The digest back, as far as the second thread got (all of it, when
	 * joined and read to the end).  Without the first part's bytes it is
	 * of no use. */
	if (started) {
		r->sum = h->r.sum;
		r->hashing = h->r.hashing;
		r->hashed = h->r.hashed;
	}
	if (r->hashing && h->failed) {
		digest_abort(&r->sum);
		r->hashing = false;
	}
	if (started && !joined && !r->fatal && !r->spanned) {
		/* Read the second part again, after the first. */
		r->csv.pos = r->csv.line_start = split;
		r->csv.line = r->stop_line;
		ok = read_rows(r, fn, ud, st, SIZE_MAX) && ok;
	}
	parts->drop(h->ud);
	if (h->lc.rejects)
		fclose(h->lc.rejects);
	free(h->rejects);
	csv_free(&h->r.csv);
	free(h->r.why);
	free(h->r.row);
	free(h);
	arena_free(pa);
	return ok;
}

/* A row's values into dst, for table t: their text is copied out of the
 * input, whose pages are given back behind the reader. */
static void copy_row(const table *t, val *dst, const val *row)
{
	for (size_t i = 0; i < t->ncols; i++) {
		dst[i] = row[i];
		if (row[i].kind == VAL_TEXT || row[i].kind == VAL_REF)
			dst[i].s = arena_strndup(t->arena, row[i].s, row[i].len);
	}
}

/* Keeps each good row in the table, copying text out of the input, after
 * offering it to the table's consumer, if any. */
static const char *keep_row(void *ud, const val *row, uint32_t line,
			    size_t *column)
{
	table *t = ud;
	/* A key seen before makes this row bad, like any bad value. */
	if (t->slots) {
		const val *k = &row[t->key_col];
		int32_t other = k->kind == VAL_TEXT || k->kind == VAL_REF
			? table_find(t, k->s, k->len) : -1;
		if (other >= 0) {
			*column = t->key_col;
			return arena_printf(t->arena, "key '%.*s' appears again "
					    "(first on line %u)", (int)k->len, k->s,
					    t->lines[other]);
		}
	}
	if (t->consumer) {
		const char *why = t->consumer(t->consumer_ud, row, line, column);
		if (why)
			return why;
	}
	copy_row(t, &t->cells[t->nrows * t->ncols], row);
	if (t->slots)
		table_insert(t, (int32_t)t->nrows);
	t->lines[t->nrows++] = line;
	return NULL;
}

static bool load(load_ctx *lc, m_dataset *ds, const char *path,
		 load_row_fn fn, void *ud, const load_parts *parts, table *t,
		 load_stats *st)
{
	memset(st, 0, sizeof *st);
	input in;
	int err = 0;
	if (!open_input(path, &in, &err)) {
		diag_error(lc->diags, (src_span){0, 0, 0}, "cannot-read",
			   "cannot read data '%s' from '%s': %s", ds->name.s, path,
			   strerror(err));
		lc->io_error = true;
		return false;
	}
	if (t) {
		/* No more rows than lines: size the table once. */
		size_t lines = 1;
		for (const char *p = in.buf, *end = in.buf + in.len;
		     (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
			lines++;
		t->cells = arena_alloc(lc->arena, lines * (t->ncols ? t->ncols : 1) *
				       sizeof *t->cells);
		t->lines = arena_alloc(lc->arena, lines * sizeof *t->lines);
		/* The key index, filled as rows are kept (see keep_row). */
		if (ds->keys.len == 1) {
			t->key_col = column_index(ds, ds->keys.items[0]);
			t->nslots = 16;
			while (t->nslots < lines * 2)
				t->nslots *= 2;
			t->slots = arena_alloc(lc->arena, t->nslots * sizeof *t->slots);
			memset(t->slots, 0xff, t->nslots * sizeof *t->slots);
		}
	}
	reader r = {0};
	r.lc = lc;
	r.in = &in;
	r.ds = ds;
	r.path = lc->shown ? lc->shown : path;
	csv_init(&r.csv, in.buf, in.len);
	r.hashing = digest_begin(&r.sum);
	bool ok = read_header(&r);
	size_t split = ok && parts ? split_point(&r) : 0;
	if (ok)
		ok = split ? read_in_two(&r, fn, ud, parts, split, st)
			   : read_rows(&r, fn, ud, st, SIZE_MAX);
	if (r.hashing && ok) {
		hash_read_bytes(&r, in.len); /* the rest, once every row is read */
		st->has_sha256 = digest_end(&r.sum, st->sha256);
	} else if (r.hashing) {
		digest_abort(&r.sum);
	}
	csv_free(&r.csv);
	free(r.why);
	free(r.row);
	close_input(&in);
	return ok;
}

bool load_stream(load_ctx *lc, m_dataset *ds, const char *path,
		 load_row_fn fn, void *ud, const load_parts *parts,
		 load_stats *st)
{
	return load(lc, ds, path, fn, ud, parts, NULL, st);
}

/* ---- one key's rows, kept while the rest stream through ------------------ */

typedef struct kept_rows {
	load_row_fn fn;        /* the consumer, offered every row first */
	void *ud;
	const load_parts *parts;
	size_t col, key_len;
	const char *key;
	table *t;
	size_t cap;
} kept_rows;

/* Room for n more rows in k's table. */
static void keep_room(kept_rows *k, size_t n)
{
	table *t = k->t;
	if (t->nrows + n > k->cap) {
		size_t cap = k->cap ? k->cap : 16;
		while (cap < t->nrows + n)
			cap *= 2;
		val *cells = arena_alloc(t->arena, cap * (t->ncols ? t->ncols : 1) * sizeof *cells);
		uint32_t *l = arena_alloc(t->arena, cap * sizeof *l);
		if (t->nrows) {
			memcpy(cells, t->cells, t->nrows * t->ncols * sizeof *cells);
			memcpy(l, t->lines, t->nrows * sizeof *l);
		}
		t->cells = cells;
		t->lines = l;
		k->cap = cap;
	}
}

static const char *keep_where(void *p, const val *row, uint32_t line, size_t *column)
{
	kept_rows *k = p;
	const char *why = k->fn(k->ud, row, line, column);
	const val *v = &row[k->col];
	if (why || (v->kind != VAL_TEXT && v->kind != VAL_REF) || v->len != k->key_len ||
	    memcmp(v->s, k->key, v->len) != 0)
		return why;
	table *t = k->t;
	keep_room(k, 1);
	copy_row(t, &t->cells[t->nrows * t->ncols], row);
	t->lines[t->nrows++] = line;
	return NULL;
}

static table *kept_table(arena *a, m_dataset *ds, const char *path)
{
	table *t = arena_alloc(a, sizeof *t);
	t->arena = a;
	t->ds = ds;
	t->path = path;
	t->ncols = ds->columns.len;
	return t;
}

static void *keep_fork(void *p, arena *a)
{
	const kept_rows *k = p;
	kept_rows *part = malloc(sizeof *part);
	if (!part)
		abort();
	*part = *k;
	part->ud = k->parts->fork(k->ud, a);
	part->t = kept_table(a, k->t->ds, k->t->path);
	part->cap = 0;
	return part;
}

/* The part's rows go after k's; their text is in the part's arena, which
 * the loader adopts once this says yes. */
static bool keep_join(void *p, void *q)
{
	kept_rows *k = p, *part = q;
	if (!k->parts->join(k->ud, part->ud))
		return false;
	table *t = k->t, *pt = part->t;
	keep_room(k, pt->nrows);
	if (pt->nrows) {
		memcpy(&t->cells[t->nrows * t->ncols], pt->cells,
		       pt->nrows * t->ncols * sizeof *t->cells);
		memcpy(&t->lines[t->nrows], pt->lines, pt->nrows * sizeof *t->lines);
		t->nrows += pt->nrows;
	}
	return true;
}

static void keep_drop(void *q)
{
	kept_rows *part = q;
	part->parts->drop(part->ud);
	free(part);
}

table *load_stream_where(load_ctx *lc, m_dataset *ds, const char *path,
			 load_row_fn fn, void *ud, const load_parts *parts,
			 size_t col, const char *key, load_stats *st)
{
	static const load_parts keep_parts = {keep_fork, keep_join, keep_drop};
	kept_rows k = {fn, ud, parts, col, strlen(key), key, NULL, 0};
	k.t = kept_table(lc->arena, ds, path);
	bool ok = load(lc, ds, path, keep_where, &k, parts ? &keep_parts : NULL, NULL, st);
	lc->tables[dataset_index(lc->model, ds)] = k.t;
	return ok ? k.t : NULL;
}

table *load_table(load_ctx *lc, m_dataset *ds, const char *path,
		  load_row_fn fn, void *ud, load_stats *st)
{
	table *t = arena_alloc(lc->arena, sizeof *t);
	t->consumer = fn;
	t->consumer_ud = ud;
	t->ds = ds;
	t->path = path;
	t->arena = lc->arena;
	t->ncols = ds->columns.len;
	bool ok = load(lc, ds, path, keep_row, t, NULL, t, st);
	lc->tables[dataset_index(lc->model, ds)] = t;
	return ok ? t : NULL;
}
