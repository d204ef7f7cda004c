/* diff_expr.c - expressions compared as trees and written as canonical
 * text, for the semantic diff; see diff.h. */
#include "diff.h"

#include <stdio.h>
#include <string.h>

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_name(const char *a, const char *b, const char *old_var,
		      const char *new_var)
{
	if (old_var && new_var && a && b && strcmp(a, old_var) == 0)
		return strcmp(b, new_var) == 0;
	if (old_var && new_var && b && strcmp(b, new_var) == 0)
		return false; /* the new variable, where the old has another name */
	return same_str(a, b);
}

static bool same_duration(cal_duration a, cal_duration b)
{
	return a.unit == b.unit && num_eq(a.amount, b.amount);
}

bool diff_expr_equal(const ast_expr *a, const ast_expr *b, const char *old_var,
		     const char *new_var)
{
	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || a->op != b->op)
		return false;
	switch (a->kind) {
	case EXPR_NUMBER:
		return num_eq(a->number, b->number);
	case EXPR_STRING:
		return a->text_len == b->text_len &&
		       memcmp(a->text, b->text, a->text_len) == 0;
	case EXPR_BOOL:
		return a->boolean == b->boolean;
	case EXPR_DATE:
		return a->date == b->date;
	case EXPR_PERIOD:
		return cal_period_cmp(a->period, b->period) == 0 &&
		       a->period.kind == b->period.kind;
	case EXPR_DURATION:
		return same_duration(a->duration, b->duration);
	case EXPR_NAME:
		return same_name(a->name.s, b->name.s, old_var, new_var);
	case EXPR_FIELD:
		return same_str(a->name.s, b->name.s) &&
		       diff_expr_equal(a->a, b->a, old_var, new_var);
	case EXPR_CALL:
	case EXPR_IN:
		if (a->kind == EXPR_CALL && !same_str(a->name.s, b->name.s))
			return false;
		if (a->args.len != b->args.len)
			return false;
		for (size_t i = 0; i < a->args.len; i++)
			if (!diff_expr_equal(a->args.items[i], b->args.items[i],
					     old_var, new_var))
				return false;
		return diff_expr_equal(a->a, b->a, old_var, new_var);
	case EXPR_UNARY:
	case EXPR_BINARY:
	case EXPR_IF:
	case EXPR_WHERE:
		return diff_expr_equal(a->a, b->a, old_var, new_var) &&
		       diff_expr_equal(a->b, b->b, old_var, new_var) &&
		       diff_expr_equal(a->c, b->c, old_var, new_var);
	}
	return false;
}

/* ---- canonical text ------------------------------------------------------ */

static void quote_into(arena_buf *b, const char *s, size_t n)
{
	arena_buf_put(b, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"')
			arena_buf_puts(b, "\\\"");
		else if (c == '\\')
			arena_buf_puts(b, "\\\\");
		else if (c == '\n')
			arena_buf_puts(b, "\\n");
		else if (c == '\t')
			arena_buf_puts(b, "\\t");
		else if (c < 0x20 || c == 0x7f) {
			char esc[16];
			snprintf(esc, sizeof esc, "\\u{%x}", c);
			arena_buf_puts(b, esc);
		} else
			arena_buf_put(b, s + i, 1);
	}
	arena_buf_put(b, "\"", 1);
}

const char *diff_quote(arena *a, const char *s)
{
	arena_buf b = {a, NULL, 0, 0};
	quote_into(&b, s, strlen(s));
	return b.s;
}

/* Binding strength, loosest first (docs/language.md, "Operators"). */
enum { P_IF = 1, P_OR, P_AND, P_NOT, P_CMP, P_ADD, P_MUL, P_NEG, P_PRIMARY };

static int prec(const ast_expr *e)
{
	switch (e->kind) {
	case EXPR_IF: return P_IF;
	case EXPR_WHERE: return P_IF;
	case EXPR_IN: return P_CMP;
	case EXPR_UNARY: return e->op == OP_NOT ? P_NOT : P_NEG;
	case EXPR_BINARY:
		switch (e->op) {
		case OP_OR: return P_OR;
		case OP_AND: return P_AND;
		case OP_ADD: case OP_SUB: return P_ADD;
		case OP_MUL: case OP_DIV: return P_MUL;
		default: return P_CMP;
		}
	default: return P_PRIMARY;
	}
}

static void number_into(arena_buf *b, num n, bool percent)
{
	char buf[NUM_FMT_MAX];
	num shown = n;
	if (percent && num_mul(n, num_int(100), &shown) != NUM_OK) {
		shown = n;
		percent = false;
	}
	if (num_format_exact(shown, buf, sizeof buf) < 0)
		strcpy(buf, "?");
	arena_buf_puts(b, buf);
	if (percent)
		arena_buf_puts(b, "%");
}

static void expr_into(arena_buf *b, const ast_expr *e, int min);

static void args_into(arena_buf *b, const ptr_vec *args)
{
	for (size_t i = 0; i < args->len; i++) {
		if (i)
			arena_buf_puts(b, ", ");
		expr_into(b, args->items[i], P_IF);
	}
}

static void expr_into(arena_buf *b, const ast_expr *e, int min)
{
	char buf[32];
	if (!e)
		return;
	bool paren = prec(e) < min;
	if (paren)
		arena_buf_puts(b, "(");
	switch (e->kind) {
	case EXPR_NUMBER:
		number_into(b, e->number, e->percent);
		break;
	case EXPR_STRING:
		quote_into(b, e->text, e->text_len);
		break;
	case EXPR_BOOL:
		arena_buf_puts(b, e->boolean ? "true" : "false");
		break;
	case EXPR_DATE:
		cal_format(e->date, buf);
		arena_buf_puts(b, buf);
		break;
	case EXPR_PERIOD:
		cal_period_format(e->period, buf);
		arena_buf_puts(b, buf);
		break;
	case EXPR_DURATION:
		number_into(b, e->duration.amount, false);
		arena_buf_puts(b, " ");
		arena_buf_puts(b, cal_unit_name(e->duration.unit,
				       !num_eq(e->duration.amount, num_int(1))));
		break;
	case EXPR_NAME:
		arena_buf_puts(b, e->name.s ? e->name.s : "?");
		break;
	case EXPR_FIELD:
		expr_into(b, e->a, P_PRIMARY);
		arena_buf_puts(b, ".");
		arena_buf_puts(b, e->name.s ? e->name.s : "?");
		break;
	case EXPR_CALL:
		arena_buf_puts(b, e->name.s ? e->name.s : "?");
		arena_buf_puts(b, "(");
		args_into(b, &e->args);
		arena_buf_puts(b, ")");
		break;
	case EXPR_IN:
		expr_into(b, e->a, P_ADD);
		arena_buf_puts(b, " in (");
		args_into(b, &e->args);
		arena_buf_puts(b, ")");
		break;
	case EXPR_WHERE:
		expr_into(b, e->a, P_OR);
		arena_buf_puts(b, " where ");
		expr_into(b, e->b, P_OR);
		break;
	case EXPR_UNARY:
		if (e->op == OP_NOT) {
			arena_buf_puts(b, "not ");
			expr_into(b, e->a, P_NOT);
		} else {
			arena_buf_puts(b, "-");
			/* "- -x" and "-(-x)" read the same; keep the parentheses. */
			expr_into(b, e->a, e->a && e->a->kind == EXPR_UNARY ? P_PRIMARY : P_NEG);
		}
		break;
	case EXPR_BINARY: {
		int p = prec(e);
		/* Left-associative: the right operand binds one step tighter;
		 * comparisons do not chain, so both sides bind tighter. */
		int left = p == P_CMP ? P_ADD : p;
		expr_into(b, e->a, left);
		arena_buf_puts(b, " ");
		arena_buf_puts(b, expr_op_text(e->op));
		arena_buf_puts(b, " ");
		expr_into(b, e->b, p + 1);
		break;
	}
	case EXPR_IF:
		arena_buf_puts(b, "if ");
		expr_into(b, e->a, P_OR);
		arena_buf_puts(b, " then ");
		expr_into(b, e->b, P_OR);
		arena_buf_puts(b, " else ");
		expr_into(b, e->c, P_IF);
		break;
	}
	if (paren)
		arena_buf_puts(b, ")");
}

const char *diff_expr_text(arena *a, const ast_expr *e)
{
	arena_buf b = {a, NULL, 0, 0};
	expr_into(&b, e, P_IF);
	return b.s ? b.s : "";
}
