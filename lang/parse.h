/*
 * parse.h - turning one source file into an ast_file.
 *
 * The parser is pure and the scanner reentrant: all state lives in a
 * parse_ctx, so any number of files can be parsed one after another (or at
 * once) without globals.  Syntax errors go to ctx->diags; the parser
 * recovers at item and declaration boundaries and goes on.
 */
#ifndef RUBRIC_PARSE_H
#define RUBRIC_PARSE_H

#include "ast.h"
#include "diag.h"
#include "intern.h"
#include "src.h"

/* Blocks and parentheses nest at most this deep. */
#define PARSE_MAX_DEPTH 200
/* Expression trees are at most this deep (`1+1+...` without parentheses
 * nests too), so walking them cannot exhaust the stack. */
#define PARSE_MAX_EXPR_DEPTH 1000

/* The token the scanner returns for a comment when ctx->comments is set.
 * Only the formatter (fmt.c) scans that way; the parser never sees it, and
 * it is far above the token numbers bison assigns. */
#define PARSE_COMMENT 100000

typedef struct parse_ctx {
	arena *arena;
	intern_table *names;
	diag_list *diags;
	const src_file *src;
	uint16_t file;
	ast_file *out;
	/* scanner state */
	uint32_t offset;      /* byte offset of the next token */
	uint32_t last_end;    /* where the last token (not space) ends */
	int depth;            /* open '{' '(' '[' */
	src_span open[PARSE_MAX_DEPTH]; /* where each open bracket is */
	bool stop;            /* a fatal lexical error: give the parser EOF */
	bool comments;        /* return comments as PARSE_COMMENT (rubric fmt) */
	size_t syntax_errors;
} parse_ctx;

/* Parses file `file` of `srcs`; returns the tree (possibly partial when
 * errors were reported, never NULL). */
ast_file *parse_file(arena *a, intern_table *names, diag_list *diags,
		     const src_set *srcs, uint16_t file);

#endif
