/*
 * fmt_diff.c - a unified diff of two texts, for rubric fmt --check; see
 * fmt.h.
 *
 * Myers' O((N+M)D) algorithm on lines, after the common head and tail are
 * set aside, keeping each round's furthest reaching paths to walk back the
 * edit script.  That takes (D+1)^2 numbers; beyond MAX_EDITS differences
 * the middle is shown as removed and added whole, which is still a correct
 * diff.  Within a run of changes the removed lines come first, as in
 * `diff -u`.  The output depends only on the two texts.
 */
#include "fmt.h"

#include <stdint.h>
#include <string.h>

#define CONTEXT 3
#define MAX_EDITS 2000

typedef struct line {
	const char *s;
	size_t len;  /* without the newline */
	bool nl;     /* ends with a newline (only the last line may not) */
} line;

typedef struct lines {
	line *v;
	size_t n;
} lines;

static lines split(arena *a, const char *s, size_t len)
{
	lines l = {0};
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += s[i] == '\n';
	if (len > 0 && s[len - 1] != '\n')
		n++;
	l.v = arena_alloc(a, (n + 1) * sizeof *l.v);
	for (size_t i = 0; i < len;) {
		const char *e = memchr(s + i, '\n', len - i);
		size_t end = e ? (size_t)(e - s) : len;
		l.v[l.n++] = (line){s + i, end - i, e != NULL};
		i = e ? end + 1 : len;
	}
	return l;
}

static bool same(const line *x, const line *y)
{
	return x->len == y->len && x->nl == y->nl &&
	       memcmp(x->s, y->s, x->len) == 0;
}

/* One step of the edit script: ' ' both, '-' only old, '+' only new. */
typedef struct op {
	char kind;
	size_t o, n; /* line indexes in old and new (the one that applies) */
} op;

typedef struct ops {
	op *v;
	size_t n;
} ops;

static void add(ops *s, char kind, size_t o, size_t n)
{
	s->v[s->n++] = (op){kind, o, n};
}

/* The edit script of old[o0, o1) to new[n0, n1), appended to s in
 * order.  Returns false when there are more than MAX_EDITS differences. */
static bool myers(arena *a, const line *x, size_t o0, size_t o1,
		  const line *y, size_t n0, size_t n1, ops *s)
{
	ptrdiff_t n = (ptrdiff_t)(o1 - o0), m = (ptrdiff_t)(n1 - n0);
	ptrdiff_t max = n + m;
	if (max > MAX_EDITS)
		max = MAX_EDITS;
	/* trace[d][k + d] is the furthest x on diagonal k after d edits */
	ptrdiff_t **trace = arena_alloc(a, (size_t)(max + 1) * sizeof *trace);
	ptrdiff_t dend = -1, kend = 0;
	for (ptrdiff_t d = 0; d <= max && dend < 0; d++) {
		ptrdiff_t *v = arena_alloc(a, (size_t)(2 * d + 1) * sizeof *v);
		ptrdiff_t *pv = d > 0 ? trace[d - 1] : NULL;
		for (ptrdiff_t k = -d; k <= d; k += 2) {
			ptrdiff_t px;
			if (d == 0)
				px = 0;
			else if (k == -d || (k != d && pv[k - 1 + d - 1] < pv[k + 1 + d - 1]))
				px = pv[k + 1 + d - 1];     /* down: an insertion */
			else
				px = pv[k - 1 + d - 1] + 1; /* right: a deletion */
			ptrdiff_t py = px - k;
			while (px < n && py < m &&
			       same(&x[o0 + (size_t)px], &y[n0 + (size_t)py])) {
				px++;
				py++;
			}
			v[k + d] = px;
			if (px >= n && py >= m) {
				dend = d;
				kend = k;
				break;
			}
		}
		trace[d] = v;
	}
	if (dend < 0)
		return false;

	/* Walk back from the end, writing the script backwards. */
	size_t len = (size_t)(n + m);
	op *rev = arena_alloc(a, (len + 1) * sizeof *rev);
	size_t r = 0;
	ptrdiff_t cx = trace[dend][kend + dend], cy = cx - kend;
	for (ptrdiff_t d = dend; d > 0; d--) {
		ptrdiff_t k = cx - cy;
		ptrdiff_t *pv = trace[d - 1];
		bool down = k == -d || (k != d && pv[k - 1 + d - 1] < pv[k + 1 + d - 1]);
		ptrdiff_t pk = down ? k + 1 : k - 1;
		ptrdiff_t px = pv[pk + d - 1], py = px - pk;
		ptrdiff_t sx = down ? px : px + 1, sy = sx - k; /* after the edit */
		while (cx > sx && cy > sy) {
			cx--;
			cy--;
			rev[r++] = (op){' ', o0 + (size_t)cx, n0 + (size_t)cy};
		}
		if (down)
			rev[r++] = (op){'+', o0 + (size_t)px, n0 + (size_t)py};
		else
			rev[r++] = (op){'-', o0 + (size_t)px, n0 + (size_t)py};
		cx = px;
		cy = py;
	}
	while (cx > 0 && cy > 0) {
		cx--;
		cy--;
		rev[r++] = (op){' ', o0 + (size_t)cx, n0 + (size_t)cy};
	}
	while (r > 0)
		s->v[s->n++] = rev[--r];
	return true;
}

static void put(arena *a, char **buf, size_t *len, size_t *cap,
		const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		size_t c = *cap ? *cap : 1024;
		while (*len + n + 1 > c)
			c *= 2;
		char *b = arena_alloc(a, c);
		if (*len)
			memcpy(b, *buf, *len);
		*buf = b;
		*cap = c;
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
}

static void put_line(arena *a, char **buf, size_t *len, size_t *cap,
		     char mark, const line *l)
{
	put(a, buf, len, cap, &mark, 1);
	put(a, buf, len, cap, l->s, l->len);
	put(a, buf, len, cap, "\n", 1);
	if (!l->nl) {
		static const char no_nl[] = "\\ No newline at end of file\n";
		put(a, buf, len, cap, no_nl, sizeof no_nl - 1);
	}
}

/* "l,c", or "l" when c is 1; an empty range names the line before it. */
static char *range(arena *a, size_t before, size_t count)
{
	if (count == 1)
		return arena_printf(a, "%zu", before + 1);
	return arena_printf(a, "%zu,%zu", count ? before + 1 : before, count);
}

char *fmt_diff(arena *a, const char *old_label, const char *old_text,
	       size_t old_len, const char *new_label, const char *new_text,
	       size_t new_len)
{
	lines x = split(a, old_text, old_len), y = split(a, new_text, new_len);
	ops s = {arena_alloc(a, (x.n + y.n + 1) * sizeof(op)), 0};

	size_t head = 0;
	while (head < x.n && head < y.n && same(&x.v[head], &y.v[head]))
		head++;
	size_t tail = 0;
	while (tail < x.n - head && tail < y.n - head &&
	       same(&x.v[x.n - 1 - tail], &y.v[y.n - 1 - tail]))
		tail++;
	if (head == x.n && head == y.n)
		return arena_strdup(a, "");
	for (size_t i = 0; i < head; i++)
		add(&s, ' ', i, i);
	if (!myers(a, x.v, head, x.n - tail, y.v, head, y.n - tail, &s)) {
		for (size_t i = head; i < x.n - tail; i++)
			add(&s, '-', i, head);
		for (size_t i = head; i < y.n - tail; i++)
			add(&s, '+', x.n - tail, i);
	}
	for (size_t i = 0; i < tail; i++)
		add(&s, ' ', x.n - tail + i, y.n - tail + i);

	char *buf = NULL;
	size_t len = 0, cap = 0;
	char *hdr = arena_printf(a, "--- %s\n+++ %s\n", old_label, new_label);
	put(a, &buf, &len, &cap, hdr, strlen(hdr));

	/* Hunks: changes with at most 2 * CONTEXT equal lines between them go
	 * together, with up to CONTEXT equal lines around. */
	size_t i = 0;
	while (i < s.n) {
		if (s.v[i].kind == ' ') {
			i++;
			continue;
		}
		size_t first = i, last = i;
		for (size_t j = i + 1; j < s.n; j++) {
			if (s.v[j].kind != ' ') {
				last = j;
				continue;
			}
			size_t eq = j;
			while (eq < s.n && s.v[eq].kind == ' ')
				eq++;
			if (eq == s.n || eq - j > 2 * CONTEXT)
				break;
			j = eq - 1;
		}
		size_t lo = first >= CONTEXT ? first - CONTEXT : 0;
		while (lo < first && s.v[lo].kind != ' ')
			lo++;
		size_t hi = last + 1;
		for (size_t c = 0; c < CONTEXT && hi < s.n && s.v[hi].kind == ' '; c++)
			hi++;

		size_t ob = 0, nb = 0, oc = 0, nc = 0;
		bool ob_set = false, nb_set = false;
		for (size_t j = lo; j < hi; j++) {
			const op *o = &s.v[j];
			if (o->kind != '+') {
				if (!ob_set)
					ob = o->o, ob_set = true;
				oc++;
			}
			if (o->kind != '-') {
				if (!nb_set)
					nb = o->n, nb_set = true;
				nc++;
			}
		}
		/* an empty side: the number of lines before the hunk */
		if (!ob_set)
			ob = s.v[lo].o;
		if (!nb_set)
			nb = s.v[lo].n;
		char *h = arena_printf(a, "@@ -%s +%s @@\n", range(a, ob, oc),
				       range(a, nb, nc));
		put(a, &buf, &len, &cap, h, strlen(h));

		for (size_t j = lo; j < hi;) {
			if (s.v[j].kind == ' ') {
				put_line(a, &buf, &len, &cap, ' ', &x.v[s.v[j].o]);
				j++;
				continue;
			}
			size_t e = j;
			while (e < hi && s.v[e].kind != ' ')
				e++;
			for (size_t k = j; k < e; k++)
				if (s.v[k].kind == '-')
					put_line(a, &buf, &len, &cap, '-', &x.v[s.v[k].o]);
			for (size_t k = j; k < e; k++)
				if (s.v[k].kind == '+')
					put_line(a, &buf, &len, &cap, '+', &y.v[s.v[k].n]);
			j = e;
		}
		i = hi;
	}
	return buf;
}
