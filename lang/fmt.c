/*
 * fmt.c - the canonical layout of a rule file; see fmt.h, and docs/cli.md
 * for the rules from the user's side.
 *
 * The file is scanned by the parser's scanner with comments returned as
 * tokens (parse_ctx.comments).  The layout is then a function of the
 * tokens, of where the author broke lines and of where the author left
 * blank lines; nothing else of the input's white space survives, except
 * the column of a trailing comment (kept when the code leaves room for it,
 * so aligned comments stay aligned).
 *
 * Keywords are not known here, beyond the twelve hard keywords, which are
 * the expression operators and values (and, or, ..., true, false): every
 * other word, keyword or name, is treated alike, so new soft keywords need
 * no change here.
 *
 * Lines, in three passes over the tokens:
 *
 *   1. Each code token is marked when it starts an item: after `{`, `}`,
 *      `;` or at the start of the file; a `}`; or the first token of a line
 *      outside brackets, when it is a word that may start an item (not a
 *      hard keyword) and the line before ends with a token that may end one
 *      (not an operator, `,`, `(`, `.`, ..., not a hard keyword other than
 *      true and false).  Every other line continues the item before it.
 *   2. An item whose `{` is on a later line than its first token has a
 *      header that goes on over lines: its continuation lines are indented
 *      4, not 2, so they stand apart from the block's items.
 *   3. The lines are written out; see layout().
 */
#include "fmt.h"

#include <string.h>

#include "parse.h"
#include "parse.tab.h"
#include "lex.yy.h"

#define INDENT 2   /* per open `{`, and for a continuation line */
#define TAB 8      /* tab stops, for the column of a comment */

typedef struct tok {
	int kind;
	uint32_t start, end; /* bytes of the text */
	uint32_t nl;         /* line breaks between the token before and this */
} tok;

typedef struct tok_vec {
	tok *v;
	size_t len, cap;
} tok_vec;

static void sb_spaces(arena_buf *b, size_t n)
{
	static const char sp[] = "                                ";
	while (n > 0) {
		size_t k = n < sizeof sp - 1 ? n : sizeof sp - 1;
		arena_buf_put(b, sp, k);
		n -= k;
	}
}

/* ---- scanning ------------------------------------------------------------ */

static void push_tok(arena *a, tok_vec *t, tok k)
{
	if (t->len == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		tok *v = arena_alloc(a, cap * sizeof *v);
		if (t->len)
			memcpy(v, t->v, t->len * sizeof *v);
		t->v = v;
		t->cap = cap;
	}
	t->v[t->len++] = k;
}

static uint32_t count_nl(const char *s, uint32_t from, uint32_t to)
{
	uint32_t n = 0;
	for (uint32_t i = from; i < to; i++)
		n += s[i] == '\n';
	return n;
}

/* Scans text with comments as tokens.  Lexical errors go to diags (spans
 * in file `file`); returns false when there was one. */
static bool scan(arena *a, intern_table *names, diag_list *diags,
		 uint16_t file, const char *text, size_t len, tok_vec *out)
{
	parse_ctx ctx = {0};
	ctx.arena = a;
	ctx.names = names;
	ctx.diags = diags;
	ctx.file = file;
	ctx.out = arena_alloc(a, sizeof *ctx.out);
	ctx.out->file = file;
	ctx.comments = true;

	size_t errors = diags->errors;
	yyscan_t scanner;
	if (yylex_init_extra(&ctx, &scanner) != 0) {
		diag_error(diags, (src_span){0, 0, file}, "out-of-memory",
			   "out of memory while reading this file");
		return false;
	}
	YY_BUFFER_STATE buf = yy_scan_bytes(text, (int)len, scanner);
	uint32_t prev_end = 0;
	for (;;) {
		YYSTYPE v;
		src_span loc;
		memset(&v, 0, sizeof v);
		int k = yylex(&v, &loc, scanner);
		if (k == YYEOF)
			break;
		if (k == YYerror)
			continue;
		tok t = {k, loc.start, loc.end, count_nl(text, prev_end, loc.start)};
		push_tok(a, out, t);
		prev_end = loc.end;
	}
	yy_delete_buffer(buf, scanner);
	yylex_destroy(scanner);
	return diags->errors == errors;
}

/* ---- what a token is ---------------------------------------------------- */

typedef struct fmt {
	const char *text;
	tok *t;
	size_t n;
	bool *starts;     /* code token i starts an item */
	bool *unary;      /* token i is a `-` with no operand before it */
	int *step;        /* for an item's first token: its continuation indent */
	uint32_t *line;   /* the line each token is on (0-based, input) */
	arena_buf out;
	size_t col;       /* width of the output line so far */
} fmt;

static const char *tok_text(const fmt *f, size_t i, size_t *len)
{
	*len = f->t[i].end - f->t[i].start;
	return f->text + f->t[i].start;
}

static bool is_comment(const fmt *f, size_t i)
{
	return f->t[i].kind == PARSE_COMMENT;
}

/* A keyword or a name: the text starts with a letter or `_` (a period
 * such as FY2010 does too, but is a literal). */
static bool is_word(const fmt *f, size_t i)
{
	char c = f->text[f->t[i].start];
	int k = f->t[i].kind;
	return k != PARSE_COMMENT && k != PERIOD &&
	       ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_');
}

static bool word_is(const fmt *f, size_t i, const char *const *words)
{
	size_t len;
	const char *s = tok_text(f, i, &len);
	for (; *words; words++)
		if (strlen(*words) == len && memcmp(*words, s, len) == 0)
			return true;
	return false;
}

/* The hard keywords that are operators: they join what is before them to
 * what is after, so they neither start nor end an item. */
static bool is_operator_word(const fmt *f, size_t i)
{
	static const char *const ops[] = {"and", "or", "not", "if", "then",
		"else", "where", "in", "for", "each", NULL};
	return f->t[i].kind != IDENT && is_word(f, i) && word_is(f, i, ops);
}

/* true and false: hard keywords that are values. */
static bool is_value_word(const fmt *f, size_t i)
{
	static const char *const vals[] = {"true", "false", NULL};
	return f->t[i].kind != IDENT && is_word(f, i) && word_is(f, i, vals);
}

static bool is_open(int k)  { return k == '(' || k == '['; }
static bool is_close(int k) { return k == ')' || k == ']'; }

/* Whether an item may end with token i (a line after it may then start
 * the next item). */
static bool can_end(const fmt *f, size_t i)
{
	switch (f->t[i].kind) {
	case '(': case '[': case ',': case '.': case ':': case '=': case '<':
	case '>': case '+': case '-': case '*': case '/':
	case DOTDOT: case ARROW: case NE: case LE: case GE:
		return false;
	default:
		return !is_operator_word(f, i);
	}
}

/* Whether an item may start with token i: a word that is not a hard
 * keyword. */
static bool can_start(const fmt *f, size_t i)
{
	return is_word(f, i) && !is_operator_word(f, i) && !is_value_word(f, i);
}

/* Whether token i ends an operand, so that a `-` after it subtracts. */
static bool ends_operand(const fmt *f, size_t i)
{
	switch (f->t[i].kind) {
	case IDENT: case NUMBER: case STRING: case DATE: case PERIOD:
	case DURATION: case ')': case ']':
		return true;
	default:
		return is_value_word(f, i);
	}
}

/* White space a comment may end with, which is not kept. */
static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Columns count characters (UTF-8 code points). */
static size_t width(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		w += ((unsigned char)s[i] & 0xC0) != 0x80;
	return w;
}

/* The width of white space from column col: tabs go to the next stop. */
static size_t space_width(const char *s, size_t n, size_t col)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\t')
			col = (col / TAB + 1) * TAB;
		else if (s[i] != '\r')
			col++;
	}
	return col;
}

/* The column of comment token k in the input, its line's tokens starting
 * at token first: white space with tabs expanded, tokens by their
 * characters, as the output is measured, so that a column found in
 * formatted text is the column it was written at. */
static size_t input_col(const fmt *f, size_t first, size_t k)
{
	uint32_t ls = f->t[first].start;
	while (ls > 0 && f->text[ls - 1] != '\n')
		ls--;
	if (ls == 0 && f->t[first].start >= 3 &&
	    memcmp(f->text, "\xEF\xBB\xBF", 3) == 0)
		ls = 3; /* a byte-order mark has no width */
	size_t col = 0;
	uint32_t pos = ls;
	for (size_t i = first; i <= k; i++) {
		col = space_width(f->text + pos, f->t[i].start - pos, col);
		if (i == k)
			break;
		col += width(f->text + f->t[i].start, f->t[i].end - f->t[i].start);
		pos = f->t[i].end;
	}
	return col;
}

/* ---- passes 1 and 2: items ---------------------------------------------- */

static void classify(fmt *f)
{
	size_t prev = (size_t)-1; /* the code token before */
	int parens = 0;
	uint32_t line = 0;
	for (size_t i = 0; i < f->n; i++) {
		if (f->t[i].nl > 0)
			line++;
		f->line[i] = line;
		if (is_comment(f, i))
			continue;
		int k = f->t[i].kind;
		bool line_first = i == 0 || f->t[i].nl > 0;
		int pk = prev == (size_t)-1 ? 0 : f->t[prev].kind;
		f->starts[i] = prev == (size_t)-1 || pk == '{' || pk == '}' ||
			       pk == ';' || k == '}' ||
			       (line_first && parens == 0 && can_end(f, prev) &&
				can_start(f, i));
		f->unary[i] = k == '-' && (prev == (size_t)-1 || !ends_operand(f, prev));
		if (is_open(k))
			parens++;
		else if (is_close(k) && parens > 0)
			parens--;
		prev = i;
	}

	/* An item's last token is the code token before the next item. */
	size_t start = (size_t)-1, last = (size_t)-1;
	for (size_t i = 0; i <= f->n; i++) {
		if (i < f->n && is_comment(f, i))
			continue;
		if (i == f->n || f->starts[i]) {
			if (start != (size_t)-1)
				f->step[start] = f->t[last].kind == '{' &&
					f->line[last] != f->line[start] ? 2 * INDENT : INDENT;
			start = i;
		}
		last = i;
	}
}

/* ---- pass 3: the lines -------------------------------------------------- */

typedef struct bracket {
	size_t col_after;   /* the column just after it */
	bool followed;      /* a token follows it on its line */
	size_t line_indent; /* the indent of its line */
} bracket;

/* Spaces between code tokens a and b on one line. */
static int spacing(const fmt *f, size_t a, size_t b)
{
	int ka = f->t[a].kind, kb = f->t[b].kind;
	if (kb == ',' || kb == ';' || kb == ':' || is_close(kb))
		return 0;
	if (is_open(ka))
		return 0;
	if (ka == '.' || kb == '.' || ka == DOTDOT || kb == DOTDOT)
		return 0;
	if (ka == '-' && f->unary[a])
		return 0;
	if (is_open(kb) && (ka == IDENT || (is_word(f, a) && !is_operator_word(f, a) &&
					    !is_value_word(f, a))))
		return 0; /* a call: count(...), competence(...); not in (a, b) */
	if (ka == '{' && kb == '}')
		return 0;
	return 1;
}

static void put_tok(fmt *f, size_t i)
{
	size_t len;
	const char *s = tok_text(f, i, &len);
	if (is_comment(f, i))
		while (len > 0 && is_blank(s[len - 1]))
			len--;
	arena_buf_put(&f->out, s, len);
	f->col += width(s, len);
}

static void new_line(fmt *f, bool blank, size_t indent)
{
	if (blank)
		arena_buf_put(&f->out, "\n", 1);
	sb_spaces(&f->out, indent);
	f->col = indent;
}

static void end_line(fmt *f)
{
	arena_buf_put(&f->out, "\n", 1);
	f->col = 0;
}

typedef struct state {
	int depth;             /* open `{` */
	bracket *brackets;     /* open `(` and `[` */
	size_t nbrackets;
	size_t item_base;      /* indent of the current item */
	size_t cont;           /* indent of its continuation lines */
	uint32_t item_line;    /* the line its first token is on */
	size_t prev;           /* the code token before, or -1 */
	size_t run_col;        /* column of the first of the strings before */
	bool after_open;       /* the last line written ends with `{` */
	bool written;          /* a line has been written */
	/* the last line's trailing comment (or a comment aligned with it) */
	bool tc;
	size_t tc_in, tc_out;  /* its column in the input and the output */
	size_t *pending;       /* own-line comments waiting for the next code */
	size_t npending;
} state;

static bool blank_before(const fmt *f, const state *s, size_t i)
{
	return f->t[i].nl >= 2 && s->written && !s->after_open;
}

/* Writes the own-line comments that wait, indented by `indent`. */
static void flush_comments(fmt *f, state *s, size_t indent)
{
	for (size_t p = 0; p < s->npending; p++) {
		size_t i = s->pending[p];
		new_line(f, blank_before(f, s, i), indent);
		put_tok(f, i);
		end_line(f);
		s->after_open = false;
		s->written = true;
	}
	s->npending = 0;
}

/* The indent of the code line that starts with token i. */
static size_t line_indent(const fmt *f, const state *s, size_t i)
{
	int k = f->t[i].kind;
	if (k == '}')
		return s->depth > 0 ? (size_t)(s->depth - 1) * INDENT : 0;
	if (f->starts[i])
		return (size_t)s->depth * INDENT;
	if (k == '{' && s->nbrackets == 0)
		return s->item_base; /* a block opened on a line of its own */
	if (k == STRING && s->prev != (size_t)-1 && f->t[s->prev].kind == STRING)
		return s->run_col; /* joined strings, one under the other */
	if (s->nbrackets > 0) {
		const bracket *b = &s->brackets[s->nbrackets - 1];
		if (is_close(k))
			return b->line_indent;
		return b->followed ? b->col_after : b->line_indent + INDENT;
	}
	return s->cont;
}

/* Writes the code line [i, j) (its last token may be a comment). */
static void code_line(fmt *f, state *s, size_t i, size_t j)
{
	size_t indent = line_indent(f, s, i);
	flush_comments(f, s, f->t[i].kind == '}' ? (size_t)s->depth * INDENT
						  : indent);
	new_line(f, blank_before(f, s, i) && f->t[i].kind != '}', indent);

	bool trailing = false;
	for (size_t k = i; k < j; k++) {
		if (is_comment(f, k)) {
			/* a trailing comment: where the author put it, if the
			 * code leaves room, else one space after the code */
			size_t in = input_col(f, i, k);
			size_t at = in > f->col ? in : f->col + 1;
			sb_spaces(&f->out, at - f->col);
			f->col = at;
			put_tok(f, k);
			s->tc = true;
			s->tc_in = in;
			s->tc_out = at;
			trailing = true;
			continue;
		}
		if (k > i) {
			int sp = spacing(f, s->prev, k);
			sb_spaces(&f->out, (size_t)sp);
			f->col += (size_t)sp;
		}
		int kind = f->t[k].kind;
		size_t col = f->col;
		if (f->starts[k]) {
			s->item_base = k == i ? indent
				     : kind == '}' && s->depth > 0 ? (size_t)(s->depth - 1) * INDENT
				     : (size_t)s->depth * INDENT;
			s->cont = s->item_base + (size_t)f->step[k];
			s->item_line = f->line[k];
		}
		put_tok(f, k);
		if (kind == STRING &&
		    (s->prev == (size_t)-1 || f->t[s->prev].kind != STRING))
			s->run_col = col;
		if (kind == '{') {
			s->depth++;
		} else if (kind == '}') {
			if (s->depth > 0)
				s->depth--;
		} else if (is_open(kind)) {
			bracket *b = &s->brackets[s->nbrackets++];
			b->col_after = f->col;
			b->followed = k + 1 < j && !is_comment(f, k + 1);
			b->line_indent = indent;
		} else if (is_close(kind) && s->nbrackets > 0) {
			s->nbrackets--;
		}
		s->prev = k;
	}
	end_line(f);

	/* After a line that ends with `=`, the rest of the item is one step
	 * deeper: `rule r for each x in y =` and then its expression. */
	if (f->t[s->prev].kind == '=' && s->nbrackets == 0 &&
	    s->item_line != f->line[i])
		s->cont += INDENT;
	s->after_open = f->t[s->prev].kind == '{';
	s->written = true;
	if (!trailing)
		s->tc = false;
}

/* An own-line comment, token i: aligned under the trailing comment of the
 * line before when the author wrote it at the same column, else it waits
 * to be indented like the code that follows it. */
static void comment_line(fmt *f, state *s, size_t i)
{
	size_t in = input_col(f, i, i);
	if (s->tc && f->t[i].nl == 1 && in == s->tc_in) {
		new_line(f, false, s->tc_out);
		put_tok(f, i);
		end_line(f);
		s->after_open = false;
		return;
	}
	s->tc = false;
	s->pending[s->npending++] = i;
}

static void layout(fmt *f, arena *a)
{
	state s = {0};
	s.prev = (size_t)-1;
	s.brackets = arena_alloc(a, (f->n + 1) * sizeof *s.brackets);
	s.pending = arena_alloc(a, (f->n + 1) * sizeof *s.pending);
	for (size_t i = 0; i < f->n;) {
		size_t j = i + 1;
		while (j < f->n && f->t[j].nl == 0)
			j++;
		if (is_comment(f, i))
			comment_line(f, &s, i);
		else
			code_line(f, &s, i, j);
		i = j;
	}
	flush_comments(f, &s, (size_t)s.depth * INDENT);
}

/* ---- the entry points --------------------------------------------------- */

fmt_status fmt_file(arena *a, intern_table *names, diag_list *diags,
		    const src_set *srcs, uint16_t file, char **out, size_t *len)
{
	const src_file *src = src_get(srcs, file);
	size_t errors = diags->errors;
	parse_file(a, names, diags, srcs, file);
	if (diags->errors > errors)
		return FMT_ERRORS;
	tok_vec toks = {0};
	if (!scan(a, names, diags, file, src->text, src->len, &toks))
		return FMT_ERRORS;

	fmt f = {0};
	f.text = src->text;
	f.t = toks.v;
	f.n = toks.len;
	f.starts = arena_alloc(a, (f.n + 1) * sizeof *f.starts);
	f.unary = arena_alloc(a, (f.n + 1) * sizeof *f.unary);
	f.step = arena_alloc(a, (f.n + 1) * sizeof *f.step);
	f.line = arena_alloc(a, (f.n + 1) * sizeof *f.line);
	f.out.a = a;
	arena_buf_put(&f.out, "", 0);
	classify(&f);
	layout(&f, a);

	size_t at = 0;
	if (!fmt_same_tokens(a, src->text, src->len, f.out.s, f.out.len, &at)) {
		diag_error(diags, (src_span){(uint32_t)at, (uint32_t)at, file},
			   "fmt-internal",
			   "internal error: the formatted text would not have the "
			   "same tokens as the file from here; the file is left as "
			   "it is (please report this bug)");
		return FMT_INTERNAL;
	}
	*out = f.out.s;
	*len = f.out.len;
	return FMT_OK;
}

static bool same_tok(const char *x, const tok *a, const char *y, const tok *b)
{
	if (a->kind != b->kind)
		return false;
	size_t la = a->end - a->start, lb = b->end - b->start;
	if (a->kind == PARSE_COMMENT) {
		while (la > 0 && is_blank(x[a->start + la - 1]))
			la--;
		while (lb > 0 && is_blank(y[b->start + lb - 1]))
			lb--;
	}
	return la == lb && memcmp(x + a->start, y + b->start, la) == 0;
}

bool fmt_same_tokens(arena *a, const char *x, size_t xlen, const char *y,
		     size_t ylen, size_t *at_x)
{
	intern_table names;
	diag_list scratch;
	intern_init(&names, a);
	diag_init(&scratch, a);
	tok_vec tx = {0}, ty = {0};
	bool okx = scan(a, &names, &scratch, 0, x, xlen, &tx);
	bool oky = scan(a, &names, &scratch, 0, y, ylen, &ty);
	size_t i = 0;
	while (i < tx.len && i < ty.len && same_tok(x, &tx.v[i], y, &ty.v[i]))
		i++;
	bool same = okx && oky && i == tx.len && i == ty.len;
	if (!same && at_x)
		*at_x = i < tx.len ? tx.v[i].start : xlen;
	return same;
}
