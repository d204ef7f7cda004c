/* src.c - source files and line maps; see src.h. */
#include "src.h"

#include <string.h>

void src_set_init(src_set *s, arena *a)
{
	s->arena = a;
	s->files = NULL;
	s->len = s->cap = 0;
	src_add(s, "", NULL, "", 0); /* id 0: no location */
}

static void build_lines(arena *a, src_file *f)
{
	size_t n = 1;
	for (size_t i = 0; i < f->len; i++)
		if (f->text[i] == '\n')
			n++;
	f->lines = arena_alloc(a, n * sizeof *f->lines);
	f->nlines = 0;
	f->lines[f->nlines++] = 0;
	for (size_t i = 0; i < f->len; i++)
		if (f->text[i] == '\n')
			f->lines[f->nlines++] = (uint32_t)(i + 1);
}

uint16_t src_add(src_set *s, const char *name, const char *path,
		 const char *text, size_t len)
{
	if (s->len >= UINT16_MAX)
		return 0;
	if (s->len == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		src_file **files = arena_alloc(s->arena, cap * sizeof *files);
		if (s->len)
			memcpy(files, s->files, s->len * sizeof *files);
		s->files = files;
		s->cap = cap;
	}
	src_file *f = arena_alloc(s->arena, sizeof *f);
	/* The digest is of the file as read, byte-order mark and all, so it
	 * matches sha256sum's. */
	f->has_sha256 = digest_sha256(text, len, f->sha256);
	/* A UTF-8 byte-order mark is not part of the text: editors hide it,
	 * so columns must not count it. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	f->name = arena_strdup(s->arena, name);
	f->path = path ? arena_strdup(s->arena, path) : NULL;
	f->text = arena_strndup(s->arena, text, len);
	f->len = len;
	build_lines(s->arena, f);
	s->files[s->len] = f;
	return (uint16_t)s->len++;
}

const src_file *src_get(const src_set *s, uint16_t id)
{
	return id < s->len ? s->files[id] : NULL;
}

static size_t line_index(const src_file *f, uint32_t offset)
{
	size_t lo = 0, hi = f->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->lines[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t src_utf8_len(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0 || s[0] == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	size_t len = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4
		   : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
		   : s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : 0;
	if (len == 0 || len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if (len == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0)))
		return 0;
	if (len == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90)))
		return 0;
	return len;
}

size_t src_column_len(const char *s, size_t n)
{
	size_t len = src_utf8_len(s, n);
	return len ? len : 1;
}

void src_line_col(const src_file *f, uint32_t offset, int *line, int *col)
{
	if (offset > f->len)
		offset = (uint32_t)f->len;
	size_t li = line_index(f, offset);
	int c = 1;
	for (uint32_t i = f->lines[li]; i < offset;
	     i += (uint32_t)src_column_len(f->text + i, offset - i))
		c++;
	*line = (int)li + 1;
	*col = c;
}

const char *src_line_text(const src_file *f, uint32_t offset, size_t *len)
{
	if (offset > f->len)
		offset = (uint32_t)f->len;
	size_t li = line_index(f, offset);
	const char *start = f->text + f->lines[li];
	size_t end = li + 1 < f->nlines ? f->lines[li + 1] - 1 : f->len;
	size_t n = end - f->lines[li];
	if (n > 0 && start[n - 1] == '\r')
		n--;
	*len = n;
	return start;
}

src_span src_join(src_span a, src_span b)
{
	if (a.file == 0)
		return b;
	if (b.file == 0 || b.file != a.file)
		return a;
	src_span r = a;
	if (b.start < r.start)
		r.start = b.start;
	if (b.end > r.end)
		r.end = b.end;
	return r;
}
