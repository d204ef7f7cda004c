/* csv.c - RFC 4180 records from a buffer; see csv.h. */
#include "csv.h"

#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
 * not look at them again to know they are valid UTF-8.  Marks of
 * non-plain bytes count only below the delimiter's mark.
 *
 * Sixteen bytes at a time with SSE2 (a byte compare, one bit per byte);
 * else eight at a time where the machine is little-endian (the bits that
 * mark a byte equal to c in a word: the classic "has zero byte" test on
 * word ^ c repeated, which may also mark bytes above a true match, a
 * borrow, never below one, so the lowest mark is exact); the last bytes
 * one by one. */
static size_t scan_field(const char *b, size_t p, size_t n, bool *plain)
{
	uint64_t bad = 0; /* nonzero once a non-plain byte is seen */
#if defined(__SSE2__)
	const __m128i comma = _mm_set1_epi8(','), newline = _mm_set1_epi8('\n');
	const __m128i zero = _mm_setzero_si128();
	while (p + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + p));
		unsigned hit = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, newline)));
		/* A byte's top bit, or all of a NUL's bits. */
		unsigned odd = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(v, _mm_cmpeq_epi8(v, zero)));
		if (hit) {
			bad |= odd & ((hit & -hit) - 1);
			*plain = !bad;
			return p + (size_t)__builtin_ctz(hit);
		}
		bad |= odd;
		p += 16;
	}
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	const uint64_t comma8 = ones * ',', newline8 = ones * '\n';
	while (p + 8 <= n) {
		uint64_t w;
		memcpy(&w, b + p, 8);
		uint64_t x = w ^ comma8, y = w ^ newline8;
		uint64_t hit = ((x - ones) & ~x & highs) | ((y - ones) & ~y & highs);
		uint64_t odd = (w | ((w - ones) & ~w)) & highs;
		if (hit) {
			bad |= odd & ((hit & -hit) - 1);
			*plain = !bad;
			return p + (size_t)(__builtin_ctzll(hit) >> 3);
		}
		bad |= odd;
		p += 8;
	}
#endif
	bool ok = !bad;
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

/* A quoted field from its opening quote at r->pos: unescaped into
 * scratch (its pointer is set once the record is read, as scratch may
 * move), r->pos left after the closing quote and an optional '\r'. */
static bool read_quoted(csv_reader *r, csv_field *f)
{
	const char *b = r->buf;
	size_t start = r->scratch_len;
	r->pos++;
	for (;;) {
		if (r->pos >= r->len) {
			r->error = "unterminated quoted field";
			r->error_line = f->line;
			r->error_col = csv_column(r, f);
			return false;
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
		r->scratch = grow(r->scratch, &r->scratch_cap, r->scratch_len + 1, 1);
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
		return false;
	}
	if (r->pos < r->len && b[r->pos] == '\r')
		r->pos++;
	return true;
}

int csv_next(csv_reader *r)
{
	const char *b = r->buf;
	const size_t n = r->len;
	/* Skip blank lines. */
	while (r->pos < n && (b[r->pos] == '\n' || b[r->pos] == '\r')) {
		if (b[r->pos] == '\n') {
			r->line++;
			r->line_start = r->pos + 1;
		}
		r->pos++;
	}
	if (r->pos >= n)
		return 0;
	r->nfields = 0;
	r->scratch_len = 0;
	r->record_line = r->line;
	r->record_start = r->pos;
	/* The position and line in locals: stores into the fields could
	 * otherwise alias them and force a reload for every field.  Only a
	 * quoted field (rare) works on r itself, so they are synced around
	 * it. */
	size_t pos = r->pos, line_start = r->line_start;
	uint32_t line = r->line;
	bool any_quoted = false;
	for (;;) {
		csv_field *f = add_field(r);
		f->line = line;
		f->offset = pos;
		f->line_start = line_start;
		if (pos < n && b[pos] == '"') {
			r->pos = pos;
			if (!read_quoted(r, f))
				return -1;
			pos = r->pos;
			line = r->line;
			line_start = r->line_start;
			any_quoted = true;
		} else {
			/* The common case, stopping at ',' or '\n'. */
			bool plain;
			size_t start = pos;
			pos = scan_field(b, start, n, &plain);
			f->s = b + start;
			f->quoted = false;
			f->plain = plain; /* a '\r' cut off is plain too */
			f->len = (uint32_t)(pos - start);
			if (pos < n && b[pos] == ',') {
				pos++;
				continue;
			}
			/* The record's last field: a '\r' before '\n' (or
			 * the end) is the line's end, not the field's. */
			if (pos > start && b[pos - 1] == '\r')
				f->len--;
		}
		if (pos >= n) {
			r->record_end = pos;
			break;
		}
		if (b[pos] == ',') {
			pos++;
			continue;
		}
		/* end of record: '\n' */
		r->record_end = pos;
		pos++;
		line++;
		line_start = pos;
		break;
	}
	r->pos = pos;
	r->line = line;
	r->line_start = line_start;
	if (r->record_end > r->record_start && b[r->record_end - 1] == '\r')
		r->record_end--;
	/* Scratch is still NULL when every quoted field so far was "":
	 * such a field points at an empty string, not at NULL, so that
	 * copying its 0 bytes (memcpy) is defined. */
	for (size_t i = 0; any_quoted && i < r->nfields; i++) {
		csv_field *f = &r->fields[i];
		if (f->quoted)
			f->s = r->scratch ? r->scratch + f->scratch_at : "";
	}
	return 1;
}
