/* csv.c - RFC 4180 records from a buffer; see csv.h. */
#include "csv.h"

#include <stdlib.h>
#include <string.h>

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return p;
	size_t n = *cap ? *cap : 16;
	while (n < need)
		n *= 2;
	void *q = realloc(p, n * elem);
	if (!q)
		abort(); /* as arena.c: out of memory is not a data error */
	*cap = n;
	return q;
}

void csv_init(csv_reader *r, const char *buf, size_t len)
{
	memset(r, 0, sizeof *r);
	r->buf = buf;
	r->len = len;
	r->line = 1;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		r->pos = r->line_start = 3;
}

void csv_free(csv_reader *r)
{
	free(r->fields);
	free(r->scratch);
	r->fields = NULL;
	r->scratch = NULL;
}

/* Column of offset `at` on the line starting at `line_start`, counting
 * characters. */
static uint32_t column_at(const char *buf, size_t line_start, size_t at)
{
	uint32_t col = 1;
	for (size_t i = line_start; i < at; i++)
		if (((unsigned char)buf[i] & 0xC0) != 0x80)
			col++;
	return col;
}

uint32_t csv_column(const csv_reader *r, const csv_field *f)
{
	return column_at(r->buf, f->line_start, f->offset);
}

/* The end of an unquoted field: the first ',' or '\n' from p, or n; and
 * whether the bytes before it are plain (0x01..0x7F), so the loader need
 * not look at them again to know they are valid UTF-8.
 * Eight bytes at a time where the machine is little-endian (the bits that
 * mark a byte equal to c in a word: the classic "has zero byte" test on
 * word ^ c repeated).  That test may also mark bytes above a true match
 * (a borrow), never below one, so the lowest mark is exact, and marks of
 * non-plain bytes are kept only below the delimiter's. */
static size_t scan_field(const char *b, size_t p, size_t n, bool *plain)
{
	bool ok = true;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	const uint64_t comma = ones * ',', newline = ones * '\n';
	uint64_t bad = 0; /* high bits of bytes >= 0x80 or == 0 seen so far */
	while (p + 8 <= n) {
		uint64_t w;
		memcpy(&w, b + p, 8);
		uint64_t x = w ^ comma, y = w ^ newline;
		uint64_t hit = ((x - ones) & ~x & highs) | ((y - ones) & ~y & highs);
		uint64_t odd = (w | ((w - ones) & ~w)) & highs;
		if (hit) {
			/* Only the bytes before the delimiter: the bits
			 * below its mark. */
			bad |= odd & ((hit & -hit) - 1);
			*plain = !bad;
			return p + (size_t)(__builtin_ctzll(hit) >> 3);
		}
		bad |= odd;
		p += 8;
	}
	ok = !bad;
#endif
	for (; p < n && b[p] != ',' && b[p] != '\n'; p++)
		ok &= (unsigned char)b[p] - 1u < 0x7Fu;
	*plain = ok;
	return p;
}

static csv_field *add_field(csv_reader *r)
{
	if (r->nfields == r->cap)
		r->fields = grow(r->fields, &r->cap, r->nfields + 1, sizeof *r->fields);
	return &r->fields[r->nfields++];
}

int csv_next(csv_reader *r)
{
	const char *b = r->buf;
	/* Skip blank lines. */
	while (r->pos < r->len && (b[r->pos] == '\n' || b[r->pos] == '\r')) {
		if (b[r->pos] == '\n') {
			r->line++;
			r->line_start = r->pos + 1;
		}
		r->pos++;
	}
	if (r->pos >= r->len)
		return 0;
	r->nfields = 0;
	r->scratch_len = 0;
	r->record_line = r->line;
	r->record_start = r->pos;
	/* Quoted fields are unescaped into scratch; their pointers are set
	 * at the end, since scratch may move as it grows. */
	for (;;) {
		csv_field *f = add_field(r);
		f->line = r->line;
		f->offset = r->pos;
		f->line_start = r->line_start;
		if (r->pos < r->len && b[r->pos] == '"') {
			size_t start = r->scratch_len;
			r->pos++;
			for (;;) {
				if (r->pos >= r->len) {
					r->error = "unterminated quoted field";
					r->error_line = f->line;
					r->error_col = csv_column(r, f);
					return -1;
				}
				char ch = b[r->pos++];
				if (ch == '"') {
					if (r->pos < r->len && b[r->pos] == '"')
						r->pos++;
					else
						break;
				} else if (ch == '\n') {
					r->line++;
					r->line_start = r->pos;
				}
				r->scratch = grow(r->scratch, &r->scratch_cap,
						  r->scratch_len + 1, 1);
				r->scratch[r->scratch_len++] = ch;
			}
			f->s = NULL;
			f->quoted = true;
			f->plain = false;
			f->scratch_at = start;
			f->len = (uint32_t)(r->scratch_len - start);
			if (r->pos < r->len && b[r->pos] != ',' && b[r->pos] != '\n' &&
			    !(b[r->pos] == '\r' && r->pos + 1 < r->len && b[r->pos + 1] == '\n') &&
			    !(b[r->pos] == '\r' && r->pos + 1 == r->len)) {
				r->error = "unexpected character after a closing quote";
				r->error_line = r->line;
				r->error_col = column_at(b, r->line_start, r->pos);
				return -1;
			}
		} else {
			/* The common case: scan with locals (r->pos would be
			 * reloaded on every byte), stopping at ',' or '\n'. */
			bool plain;
			size_t start = r->pos, p = scan_field(b, start, r->len, &plain);
			r->pos = p;
			size_t end = p;
			if (end > start && b[end - 1] == '\r' &&
			    (end == r->len || b[end] == '\n'))
				end--;
			f->s = b + start;
			f->quoted = false;
			f->plain = plain; /* a '\r' cut off is plain too */
			f->len = (uint32_t)(end - start);
		}
		if (r->pos < r->len && b[r->pos] == '\r')
			r->pos++;
		if (r->pos >= r->len)
			break;
		if (b[r->pos] == ',') {
			r->pos++;
			continue;
		}
		/* end of record: '\n' */
		r->record_end = r->pos;
		r->pos++;
		r->line++;
		r->line_start = r->pos;
		goto done;
	}
	r->record_end = r->pos;
done:
	if (r->record_end > r->record_start && b[r->record_end - 1] == '\r')
		r->record_end--;
	for (size_t i = 0; i < r->nfields; i++) {
		csv_field *f = &r->fields[i];
		if (f->quoted)
			f->s = r->scratch + f->scratch_at;
	}
	return 1;
}
