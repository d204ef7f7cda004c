/*
 * fmt.h - the canonical layout of a rule file (rubric fmt).
 *
 * The formatter works on tokens: it scans the file with the parser's own
 * scanner, with comments returned as tokens, and writes the tokens back
 * with canonical white space.  Which tokens there are, their order, their
 * text (strings, numbers, dates byte for byte) and where the author broke
 * lines are kept; only the white space between tokens changes.  The rules
 * of the layout are in docs/cli.md ("rubric fmt").
 *
 * Library code: nothing is printed.  Problems are added to a diag_list and
 * the text is returned in the arena.
 *
 *   char *out; size_t len;
 *   if (fmt_file(a, &names, &diags, &srcs, id, &out, &len) == FMT_OK)
 *           ... out[0..len) is the formatted text ...
 */
#ifndef RUBRIC_FMT_H
#define RUBRIC_FMT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "intern.h"
#include "src.h"

typedef enum fmt_status {
	FMT_OK,       /* *out holds the formatted text */
	FMT_ERRORS,   /* the file has syntax errors, added to diags */
	FMT_INTERNAL, /* a bug: the layout would have changed the tokens; an
	               * error [fmt-internal] was added to diags */
} fmt_status;

/* Formats file `file` of srcs.  The file is parsed first; with syntax
 * errors nothing is formatted.  The formatted text is then scanned again
 * and must give the same tokens as the file (fmt_same_tokens), else the
 * result is FMT_INTERNAL.  *out (NUL-terminated, in arena a) and *len are
 * set only on FMT_OK. */
fmt_status fmt_file(arena *a, intern_table *names, diag_list *diags,
		    const src_set *srcs, uint16_t file, char **out, size_t *len);

/* Whether texts x and y scan to the same tokens: the same kinds with the
 * same source text, comments included and compared without trailing white
 * space.  False when either does not scan cleanly; then, or when they
 * differ, *at_x (if not NULL) is the byte offset in x of the first token
 * that differs (x's length when x ran out first). */
bool fmt_same_tokens(arena *a, const char *x, size_t xlen, const char *y,
		     size_t ylen, size_t *at_x);

/* A unified diff of two texts, line by line, like `diff -u` with the
 * labels given and three lines of context; "" when they are equal.  A
 * last line without a newline is marked "\ No newline at end of file". */
char *fmt_diff(arena *a, const char *old_label, const char *old_text,
	       size_t old_len, const char *new_label, const char *new_text,
	       size_t new_len);

#endif
